// An SDK client written in a Next.js route file whose own limits end the function (its maxDuration on Vercel, the
// Edge runtime) waits for that limit, not for the SDK's 600 s default: the message names it. No fix where the limit
// comes before the fix's 120 s: a timeout that long changes nothing, a shorter one is per attempt and the SDK retries
// it (audit 188: anthropics/anthropic-quickstarts financial-data-analyst's Edge route).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const route = (config: string) => `import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
${config}
export async function POST(req: Request) {
  const { messages } = await req.json();
  const response = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages });
  return Response.json({ content: response.content, usage: response.usage });
}
`;

async function findingOf(config: string, files: Record<string, string> = {}) {
  const { engine, root } = await engineFor({ 'app/api/chat/route.ts': route(config), ...files });
  return engine.lint(path.join(root, 'app/api/chat/route.ts')).findings.find((f) => f.ruleId === 'missing-timeout');
}

describe('missing-timeout on an SDK client written in a route file', () => {
  it("names the SDK's attempts where nothing ends the function sooner", async () => {
    const f = await findingOf('');
    assert.match(f!.message, /waits the SDK default of 600 s per attempt, up to 1800 s across 3 attempts$/);
    assert.equal(f!.fix?.title, 'Add a 120 s timeout');
  });

  it("names the route's maxDuration, with no fix when it ends the function before the fix's timeout would", async () => {
    const f = await findingOf('export const maxDuration = 60;');
    assert.equal(f!.message, "Anthropic client has no timeout, so a stalled request waits until the route's maxDuration of 60 s kills the whole function, sooner than the SDK default of 600 s per attempt");
    assert.equal(f!.fix, undefined);
  });

  it('keeps the 120 s fix under a longer maxDuration', async () => {
    const f = await findingOf('export const maxDuration = 300;');
    assert.match(f!.message, /waits until the route's maxDuration of 300 s kills the whole function/);
    assert.equal(f!.fix?.title, 'Add a 120 s timeout');
  });

  it("names the Edge runtime's limit", async () => {
    const f = await findingOf("export const runtime = 'edge';");
    assert.match(f!.message, /waits until the Edge runtime's own limit ends the whole request, sooner than the SDK default of 600 s per attempt$/);
    assert.equal(f!.fix, undefined);
  });

  it('keeps the SDK numbers where the app runs as its own server, which ignores maxDuration', async () => {
    const f = await findingOf('export const maxDuration = 60;', { Dockerfile: 'FROM node:20-alpine\nCMD ["npm", "start"]\n' });
    assert.match(f!.message, /up to 1800 s across 3 attempts$/);
    assert.equal(f!.fix?.title, 'Add a 120 s timeout');
  });

  it('keeps the SDK numbers when the maxDuration outlasts an attempt', async () => {
    const f = await findingOf('export const maxDuration = 800;');
    assert.match(f!.message, /up to 1800 s across 3 attempts$/);
  });
});
