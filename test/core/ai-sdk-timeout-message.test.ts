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

async function findingOf(config: string, files: Record<string, string> = {}) {
  const { engine, root } = await engineFor({ 'app/api/chat/route.ts': route(config), ...files });
  return engine.lint(path.join(root, 'app/api/chat/route.ts')).findings.find((f) => f.ruleId === 'missing-timeout');
}

async function messageOf(config: string, files: Record<string, string> = {}): Promise<string | undefined> {
  return (await findingOf(config, files))?.message;
}

describe('missing-timeout on AI SDK calls: what ends a stalled request', () => {
  it("names Node's fetch, the route's maxDuration or the Edge runtime", async () => {
    assert.match((await messageOf(''))!, /5 minutes of silence in Node\.js/);
    assert.match((await messageOf('export const maxDuration = 30;'))!, /the route's maxDuration of 30 s kills the whole function/);
    assert.match((await messageOf("export const runtime = 'edge';"))!, /the Edge runtime's own limit/);
  });

  // Vercel reads maxDuration; `next start` in a container, Fly.io or a standalone build ignores it (audit 80).
  it('does not count on maxDuration where the app runs as its own server', async () => {
    const selfHosted: Record<string, Record<string, string>> = {
      Dockerfile: { Dockerfile: 'FROM node:20-alpine\nCMD ["npm", "start"]\n' },
      'fly.toml': { 'fly.toml': "app = 'chat'\n" },
      'output: standalone': { 'next.config.mjs': "export default { output: 'standalone' };\n" },
    };
    for (const [sign, files] of Object.entries(selfHosted)) {
      const finding = await findingOf('export const maxDuration = 30;', files);
      assert.match(finding!.message, /5 minutes of silence in Node\.js/, sign);
      assert.equal(finding!.fix?.title, 'Abort after 120 s', sign);
    }
    const both = await findingOf('export const maxDuration = 30;', { Dockerfile: 'FROM node:20\n', 'vercel.json': '{}\n' });
    assert.match(both!.message, /maxDuration of 30 s/);
    assert.equal(both!.fix?.title, 'Abort after 27 s');
  });

  it('does not name Node\'s fetch on Cloudflare Workers', async () => {
    const message = await messageOf('', { 'wrangler.toml': 'name = "chat"\nmain = "src/index.ts"\n' });
    assert.doesNotMatch(message!, /Node\.js/);
    assert.match(message!, /until the client goes away/);
  });
});

describe('missing-timeout on an AI SDK call in a helper module that routes call', () => {
  const helper = `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';

export async function makeTitle(text: string) {
  const res = await generateText({ model: openai('gpt-4o-mini'), prompt: text });
  return { title: res.text, usage: res.usage };
}
`;
  const caller = (config: string) => `import { makeTitle } from '@/lib/title';
${config}
export async function POST(req: Request) {
  return Response.json(await makeTitle(await req.text()));
}
`;
  const findingIn = async (files: Record<string, string>) => {
    const { engine, root } = await engineFor({ 'lib/title.ts': helper, 'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }\n', ...files });
    return engine.lint(path.join(root, 'lib/title.ts')).findings.find((f) => f.ruleId === 'missing-timeout');
  };

  it("takes the calling route's maxDuration: the abort comes before the platform ends the function", async () => {
    const f = await findingIn({ 'app/api/title/route.ts': caller('export const maxDuration = 30;') });
    assert.match(f!.message, /the maxDuration of 30 s of the route that calls it \(\.\.\/app\/api\/title\/route\.ts\)/);
    assert.deepEqual(f!.fix?.edits.map((e) => e.newText.trim()), [', abortSignal: AbortSignal.timeout(27_000)']);
  });

  it('keeps the 120 s policy when another caller sets no maxDuration', async () => {
    const f = await findingIn({ 'app/api/title/route.ts': caller('export const maxDuration = 30;'), 'app/api/rename/route.ts': caller('') });
    assert.doesNotMatch(f!.message, /maxDuration/);
    assert.match(f!.fix!.edits[0].newText, /AbortSignal\.timeout\(120_000\)/);
  });
});
