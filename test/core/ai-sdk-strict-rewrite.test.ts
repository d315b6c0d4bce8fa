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
