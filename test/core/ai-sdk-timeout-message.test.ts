// An AI SDK call without a timeout waits as long as its runtime lets it: Node's fetch (5 minutes of silence), a
// Next.js route's maxDuration, or the Edge runtime's own limit. The message names the one that applies.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const route = (config: string) => `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
${config}
export async function POST(req: Request) {
  const { question } = await req.json();
  const res = await generateText({ model: openai('gpt-4o-mini'), prompt: question });
  return Response.json({ answer: res.text, usage: res.usage });
}
`;

async function messageOf(config: string): Promise<string | undefined> {
  const { engine, root } = await engineFor({ 'app/api/chat/route.ts': route(config) });
  return engine.lint(path.join(root, 'app/api/chat/route.ts')).findings.find((f) => f.ruleId === 'missing-timeout')?.message;
}

describe('missing-timeout on AI SDK calls: what ends a stalled request', () => {
  it("names Node's fetch, the route's maxDuration or the Edge runtime", async () => {
    assert.match((await messageOf(''))!, /5 minutes of silence in Node\.js/);
    assert.match((await messageOf('export const maxDuration = 30;'))!, /the route's maxDuration of 30 s kills the whole function/);
    assert.match((await messageOf("export const runtime = 'edge';"))!, /the Edge runtime's own limit/);
  });
});
