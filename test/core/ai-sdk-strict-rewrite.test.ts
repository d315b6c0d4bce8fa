// Rewriting `import { openai } from '@ai-sdk/openai'` to a createOpenAI() provider: before @ai-sdk/openai 2.0 the
// default provider is strict and a created one is 'compatible' (no stream usage), so the fix keeps strict mode there.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const ROUTE = `import { openai } from '@ai-sdk/openai';
import { streamText } from 'ai';

export async function POST(req: Request) {
  const { prompt } = await req.json();
  return streamText({ model: openai('gpt-4o'), prompt, abortSignal: AbortSignal.timeout(120_000) }).toUIMessageStreamResponse();
}
`;

async function rewrite(version: string | null): Promise<string> {
  const files: Record<string, string> = { 'app/api/chat/route.ts': ROUTE };
  if (version) files['package.json'] = JSON.stringify({ dependencies: { ai: '^4.3.0', '@ai-sdk/openai': version } });
  const { engine, root } = await engineFor(files);
  const f = engine.lint(path.join(root, 'app/api/chat/route.ts')).findings.find((x) => x.ruleId === 'direct-provider-endpoint' && x.fix);
  return f!.fix!.edits.map((e) => e.newText).join('');
}

describe('direct-provider-endpoint: AI SDK provider rewrite', () => {
  it("keeps compatibility: 'strict' for @ai-sdk/openai 0.x and 1.x only", async () => {
    assert.match(await rewrite('^1.3.22'), /createOpenAI\(\{ baseURL: process\.env\.OPENAI_BASE_URL, compatibility: 'strict' \}\)/);
    assert.match(await rewrite('0.0.66'), /compatibility: 'strict'/);
    assert.doesNotMatch(await rewrite('^2.0.0'), /compatibility/);
    assert.doesNotMatch(await rewrite(null), /compatibility/);
  });
});

const COMPATIBLE = (options: string, model = "openai('gpt-4o-mini')") => `import { createOpenAI } from '@ai-sdk/openai';
import { streamText } from 'ai';

const openai = createOpenAI({ ${options} });

export async function POST(req: Request) {
  const { prompt } = await req.json();
  const result = streamText({ model: ${model}, prompt, abortSignal: AbortSignal.timeout(120_000), onFinish: ({ usage }) => console.info(usage) });
  return result.toDataStreamResponse();
}
`;

async function compatibleFinding(route: string, version: string | null) {
  const files: Record<string, string> = { 'app/api/chat/route.ts': route };
  if (version) files['package.json'] = JSON.stringify({ dependencies: { ai: '^4.3.0', '@ai-sdk/openai': version } });
  const { engine, root } = await engineFor(files);
  return engine.lint(path.join(root, 'app/api/chat/route.ts')).findings.find((x) => x.ruleId === 'stream-without-usage');
}

describe("stream-without-usage: AI SDK 4 createOpenAI in 'compatible' mode", () => {
  it('reports a stream through a created provider of @ai-sdk/openai 1.x, and sets strict mode as the fix', async () => {
    const hit = await compatibleFinding(COMPATIBLE('apiKey: process.env.OPENAI_API_KEY'), '^1.3.22');
    assert.match(hit!.message, /'compatible' mode \(@ai-sdk\/openai 1\.x\)/);
    assert.match(hit!.fix!.edits.map((e) => e.newText).join(''), /compatibility: 'strict'/);
  });

  it('stays silent with strict mode, on @ai-sdk/openai 2, without a version, and for the Responses API', async () => {
    assert.equal(await compatibleFinding(COMPATIBLE("apiKey: process.env.OPENAI_API_KEY, compatibility: 'strict'"), '^1.3.22'), undefined);
    assert.equal(await compatibleFinding(COMPATIBLE('apiKey: process.env.OPENAI_API_KEY'), '^2.0.0'), undefined);
    assert.equal(await compatibleFinding(COMPATIBLE('apiKey: process.env.OPENAI_API_KEY'), null), undefined);
    assert.equal(await compatibleFinding(COMPATIBLE('apiKey: process.env.OPENAI_API_KEY', "openai.responses('gpt-4o-mini')"), '^1.3.22'), undefined);
  });
});
