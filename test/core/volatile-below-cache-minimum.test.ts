// volatile-prompt-prefix on a single-turn prompt below the model's cache minimum: nothing is cached yet, so the finding
// is information, not a warning about misses that cannot happen (audit 61). Conversations and big prompts stay warnings.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const call = (system: string, extra = '') => `from datetime import datetime

from openai import OpenAI

client = OpenAI(timeout=30)
${extra}

def answer(question: str, history: list) -> str:
    now = datetime.now().isoformat()
    r = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "system", "content": f"Current time: {now}. ${system}"}${extra ? ', *history' : ''}, {"role": "user", "content": question}],
    )
    print(r.usage)
    return r.choices[0].message.content
`;

const SHORT = 'You are a support assistant for Acme. Answer briefly and politely, cite the policy you rely on, and never invent order numbers or prices. When a customer is upset, acknowledge it first, then give the next concrete step they can take.';
const LONG = Array.from({ length: 60 }, (_, i) => `Policy ${i + 1}: refunds for order category ${i + 1} follow the standard thirty day window unless the item was customised.`).join(' ');

async function finding(text: string) {
  const { engine, root } = await engineFor({ 'app.py': text });
  return engine.lint(path.join(root, 'app.py')).findings.find((f) => f.ruleId === 'volatile-prompt-prefix');
}

describe('volatile-prompt-prefix and the cache minimum', () => {
  it('a short single-turn prompt: info, saying nothing is cached yet', async () => {
    const f = await finding(call(SHORT));
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /^Timestamp `now` precedes \d+ tokens of static prompt; below gpt-4o's 1,024-token cache minimum nothing is cached yet, but past it every request would miss the prefix cache$/);
  });

  it('a prompt past the minimum: a warning', async () => {
    const f = await finding(call(LONG));
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /so the provider's prefix cache misses on every request$/);
  });

  it('a conversation re-sent every turn: a warning, however short the system prompt', async () => {
    const f = await finding(call(SHORT, '\n'));
    assert.equal(f?.severity, 'warning');
  });

  it('a prompt with text of unknown length ahead of the request (a file read at start-up): a warning (audit 64)', async () => {
    const f = await finding(call(`${SHORT} Policy: {POLICY}`, '\nfrom pathlib import Path\n\nPOLICY = Path("policy.md").read_text()\n').replace(', *history', ''));
    assert.equal(f?.severity, 'warning');
  });
});
