// Retry loops bounded by one side of a compound condition (`while answer is None and tries < 4`) are bounded.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const PY = `from openai import OpenAI

client = OpenAI(timeout=60)


def ask(q: str):
    answer = None
    tries = 0
    while answer is None and tries < 4:
        try:
            r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
            answer = r.choices[0].message.content
        except Exception:
            pass
        tries += 1
    return answer


def forever(q: str):
    while True:
        try:
            return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
        except Exception:
            pass
`;

const TS = `import OpenAI from 'openai';

const client = new OpenAI({ timeout: 60_000 });

export async function ask(q: string) {
  let answer: string | null = null;
  let tries = 0;
  while (answer === null && tries < 4) {
    try {
      const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
      answer = r.choices[0].message.content;
    } catch (err) {
      console.warn(err);
    }
    tries++;
  }
  return answer;
}
`;

describe('retry loops bounded by part of their condition', () => {
  it('Python: `while answer is None and tries < 4` has a bound of 4 attempts; `while True` without giving up has none', async () => {
    const { engine, root } = await engineFor({ 'app/ask.py': PY });
    const findings = engine.lint(path.join(root, 'app/ask.py')).findings;
    const loops = findings.filter((f) => f.ruleId === 'naive-retry-loop');
    assert.equal(loops.length, 2, loops.map((f) => f.message).join('\n'));
    assert.doesNotMatch(loops[0].message, /no bound/);
    assert.match(loops[1].message, /no bound on attempts/);
    const amplification = findings.find((f) => f.ruleId === 'retry-amplification');
    assert.match(amplification?.message ?? '', /Up to 12 attempts per request: loop 4 × SDK 3/);
  });

  it('TypeScript: `while (answer === null && tries < 4)` makes 4 attempts', async () => {
    const { engine, root } = await engineFor({ 'src/ask.ts': TS });
    const findings = engine.lint(path.join(root, 'src/ask.ts')).findings;
    assert.match(findings.find((f) => f.ruleId === 'retry-amplification')?.message ?? '', /Up to 12 attempts per request: loop 4 × SDK 3/);
  });
});
