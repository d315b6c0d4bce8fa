// naive-retry-loop: a bounded, backing-off loop that retries only chosen errors and lacks only jitter is info.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const loop = (filter: string) => `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 30_000 });
export async function ask(prompt: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });
    } catch (err) {
      ${filter}
      await new Promise((r) => setTimeout(r, 5000 * 2 ** attempt));
    }
  }
}
`;

async function severityOf(text: string): Promise<string | undefined> {
  const { engine, root } = await engineFor({ 'a.ts': text });
  return engine.lint(path.join(root, 'a.ts')).findings.find((f) => f.ruleId === 'naive-retry-loop')?.severity;
}

describe('naive-retry-loop severity', () => {
  it('is info when only the jitter is missing', async () => {
    assert.equal(await severityOf(loop('if ((err as { status?: number }).status !== 429) throw err;')), 'info');
  });
  it('stays a warning when every error is retried', async () => {
    assert.equal(await severityOf(loop('console.warn(err);')), 'warning');
  });
});
