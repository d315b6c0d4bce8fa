// Mastra: `new Agent({ model, instructions, tools })` from @mastra/core is a call site at its construction, with the
// provider and model of a model-router string or an AI SDK model, and no guess for a model chosen at run time.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

async function facts(files: Record<string, string>, rel: string) {
  const { engine, root } = await engineFor(files);
  const file = path.join(root, rel);
  engine.lint(file);
  return engine.facts(file)!;
}

const AGENTS = `import { anthropic } from '@ai-sdk/anthropic';
import { Agent } from '@mastra/core/agent';
import { lookupBalance } from './tools';

const SHARED = 'You are a careful analyst.';

export const analyst = new Agent({
  name: 'Analyst',
  instructions: \`\${SHARED}\\nYour domain: fiscal policy.\`,
  model: anthropic('claude-sonnet-4-5'),
});

export const balance = new Agent({
  name: 'Balance',
  instructions: 'You look up balances.',
  model: 'openrouter/google/gemini-2.5-flash',
  tools: { lookupBalance },
});

export function make(model: string) {
  return new Agent({ name: 'Dynamic', instructions: ({ requestContext }) => String(requestContext.get('role')), model });
}
`;

describe('Mastra agents', () => {
  it('reads provider, model and the static system part of each agent', async () => {
    const f = await facts({ 'src/mastra/agents.ts': AGENTS, 'src/mastra/tools.ts': 'export const lookupBalance = {};\n' }, 'src/mastra/agents.ts');
    assert.deepEqual(
      f.callSites.map((s) => [s.sdk, s.method, s.agent, s.provider, s.model.value, s.model.literal, s.model.routed ?? false, s.streaming, s.usage]),
      [
        ['mastra', 'Agent', true, 'anthropic', 'claude-sonnet-4-5', true, false, null, 'unknown'],
        ['mastra', 'Agent', true, 'openrouter', 'google/gemini-2.5-flash', true, true, null, 'unknown'],
        ['mastra', 'Agent', true, 'unknown', null, false, false, null, 'unknown'],
      ],
    );
    const system = f.callSites[0].prompt.find((p) => p.role === 'system')!;
    assert.ok(system.segments.every((s) => s.kind === 'static'));
    assert.deepEqual(f.callSites[1].prompt.map((p) => p.role), ['tools', 'system']);
    assert.ok(f.callSites[2].prompt.find((p) => p.role === 'system')!.segments.some((s) => s.kind === 'dynamic'));
  });

  it('ignores an Agent class of another package', async () => {
    const f = await facts({ 'src/agent.ts': "import { Agent } from './local';\nexport const a = new Agent({ name: 'x', model: 'openai/gpt-4o' });\n" }, 'src/agent.ts');
    assert.equal(f.callSites.length, 0);
  });
});
