// AI SDK 5+ sends a plain model string (`model: 'openai/gpt-5'`) to the Vercel AI Gateway, which logs every request
// with its latency, tokens and spend: like Helicone or Cloudflare AI Gateway, the project is observed there.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

async function rulesFired(text: string): Promise<string[]> {
  const { engine, root } = await engineFor({ 'app/api/chat/route.ts': text });
  const ids = engine.lint(path.join(root, 'app/api/chat/route.ts')).findings.map((f) => f.ruleId);
  return ['untraced-llm-call', 'usage-discarded'].filter((id) => ids.includes(id));
}

const route = (imports: string, model: string) => `${imports}

export async function POST(req: Request) {
  const { prompt } = await req.json();
  const result = streamText({ model: ${model}, prompt, abortSignal: AbortSignal.timeout(60_000) });
  return result.toTextStreamResponse();
}
`;

describe('Vercel AI Gateway', () => {
  it('a plain model string or gateway(…) goes through the gateway: no untraced or usage finding', async () => {
    assert.deepEqual(await rulesFired(route("import { streamText } from 'ai';", "'openai/gpt-5'")), []);
    assert.deepEqual(await rulesFired(route("import { gateway, streamText } from 'ai';", "gateway('anthropic/claude-sonnet-4.5')")), []);
  });

  it('a provider model, another default provider, or a slash in another SDK\'s model does not', async () => {
    assert.deepEqual(await rulesFired(route("import { streamText } from 'ai';\nimport { openai } from '@ai-sdk/openai';", "openai('gpt-4o')")), ['untraced-llm-call', 'usage-discarded']);
    assert.deepEqual(
      await rulesFired(route("import { streamText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nglobalThis.AI_SDK_DEFAULT_PROVIDER = openai;", "'gpt-4o'")),
      ['untraced-llm-call', 'usage-discarded'],
    );
    const together = `import OpenAI from 'openai';\nimport { tool } from 'ai';\n\nconst client = new OpenAI({ baseURL: 'https://api.together.xyz/v1', timeout: 30_000 });\nexport const search = tool;\n\nexport async function POST(req: Request) {\n  const r = await client.chat.completions.create({ model: 'meta-llama/Llama-3-70b-chat-hf', messages: [{ role: 'user', content: await req.text() }] });\n  return Response.json(r.choices[0].message);\n}\n`;
    assert.deepEqual(await rulesFired(together), ['untraced-llm-call', 'usage-discarded']);
  });

  it('marks the gateway calls only: a plain OpenAI SDK call elsewhere in the project is still reported', async () => {
    const { engine, root } = await engineFor({
      'app/api/chat/route.ts': route("import { streamText } from 'ai';\nconst MODEL = 'openai/gpt-5';", 'MODEL'),
      'lib/summarize.ts': "import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\nexport async function summarize(t: string) {\n  const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: t }] });\n  return r.choices[0].message.content;\n}\n",
    });
    const ids = (rel: string) => engine.lint(path.join(root, rel)).findings.map((f) => f.ruleId).filter((id) => id === 'untraced-llm-call' || id === 'usage-discarded');
    assert.deepEqual(ids('app/api/chat/route.ts'), []);
    assert.deepEqual(ids('lib/summarize.ts'), ['untraced-llm-call', 'usage-discarded']);
  });

  it('a model built elsewhere in a project that uses the gateway provider goes through it; a provider model does not', async () => {
    const { engine, root } = await engineFor({
      'lib/ai.ts': "import { gateway } from '@ai-sdk/gateway';\nimport { customProvider } from 'ai';\nexport const myProvider = customProvider({ languageModels: { 'title-model': gateway.languageModel('xai/grok-2-1212') } });\n",
      'app/actions.ts': "import { generateText } from 'ai';\nimport { myProvider } from '../lib/ai';\nexport async function title(q: string) {\n  const { text } = await generateText({ model: myProvider.languageModel('title-model'), prompt: q, abortSignal: AbortSignal.timeout(30_000) });\n  return text;\n}\n",
      'app/direct.ts': "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport async function direct(q: string) {\n  const { text } = await generateText({ model: openai('gpt-4o'), prompt: q, abortSignal: AbortSignal.timeout(30_000) });\n  return text;\n}\n",
    });
    const ids = (rel: string) => engine.lint(path.join(root, rel)).findings.map((f) => f.ruleId).filter((id) => id === 'untraced-llm-call' || id === 'usage-discarded');
    assert.deepEqual(ids('app/actions.ts'), []);
    assert.deepEqual(ids('app/direct.ts'), ['untraced-llm-call', 'usage-discarded']);
  });

  it('a model spread into the call from a helper goes through the gateway when the project uses the gateway provider', async () => {
    // vercel/examples vibe-coding-platform (audit 157): `streamText({ ...getModelOptions(modelId), system, messages })`,
    // where getModelOptions returns `{ model: modelId }`, a plain string the AI SDK resolves through the gateway.
    const helper = (provider: string) =>
      `${provider}\nexport function getModelOptions(modelId: string) {\n  return { model: modelId, headers: { 'x-title': 'demo' } };\n}\n`;
    const route = "import { streamText } from 'ai';\nimport { getModelOptions } from '../../../lib/models';\n\nexport async function POST(req: Request) {\n  const { prompt, modelId } = await req.json();\n  const result = streamText({ ...getModelOptions(modelId), prompt, abortSignal: AbortSignal.timeout(60_000) });\n  return result.toTextStreamResponse();\n}\n";
    const fired = async (provider: string) => {
      const { engine, root } = await engineFor({ 'lib/models.ts': helper(provider), 'app/api/chat/route.ts': route });
      return engine.lint(path.join(root, 'app/api/chat/route.ts')).findings.map((f) => f.ruleId).filter((id) => id === 'usage-discarded');
    };
    assert.deepEqual(await fired("import { createGatewayProvider } from '@ai-sdk/gateway';\nexport const gateway = createGatewayProvider({ baseURL: process.env.AI_GATEWAY_BASE_URL });"), []);
    assert.deepEqual(await fired("import { openai } from '@ai-sdk/openai';\nexport const fallback = openai;"), ['usage-discarded']);
  });
});
