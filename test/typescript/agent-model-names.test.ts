// LangChain 1.0's createAgent given a model name (`createAgent({ model: 'openai:gpt-4o', tools })`) builds the chat
// model with initChatModel: its runs are call sites through that model, and no fix adds an option to the factory call.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const CODE = `import { createAgent } from 'langchain';

const agent = createAgent({ model: 'anthropic:claude-sonnet-4-5', tools: [], systemPrompt: 'You answer questions about the docs.' });

export async function ask(q: string) {
  for (let i = 0; i < 3; i++) {
    try {
      return await agent.invoke({ messages: [{ role: 'user', content: q }] });
    } catch {}
  }
}
`;

describe('createAgent given a model name', () => {
  it('runs through the chat model initChatModel builds, with the agent prompt and the retries of both layers', async () => {
    const { engine, root } = await engineFor({ 'src/agent.ts': CODE, 'package.json': '{"dependencies":{"langchain":"^1.0.0"}}' });
    const p = path.join(root, 'src/agent.ts');
    const facts = engine.facts(p)!;
    assert.deepEqual(facts.callSites.map((s) => [s.method, s.client?.className, s.client?.builtBy, s.provider]), [['invoke', 'ChatAnthropic', 'model-name', 'anthropic']]);
    assert.equal(facts.callSites[0].prompt[0]?.role, 'system');
    const findings = engine.lint(p).findings;
    assert.equal(findings.find((f) => f.ruleId === 'retry-amplification')?.message, 'Up to 21 attempts per request: loop 3 × LangChain 7; let one layer own retries');
    for (const f of findings.filter((f) => f.ruleId === 'missing-timeout' || f.ruleId === 'direct-provider-endpoint')) assert.equal(f.fix, undefined, f.message);
    assert.equal(findings.filter((f) => f.ruleId === 'missing-timeout').length, 1);
  });
});
