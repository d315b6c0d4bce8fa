// The AI SDK's OpenAI provider reads OPENAI_BASE_URL and current releases of its Anthropic provider ANTHROPIC_BASE_URL;
// its Google provider reads no base-URL variable, so defining one in the workspace must not silence it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const ROUTE = `import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';

const google = createGoogleGenerativeAI({ apiKey: process.env.GOOGLE_GENERATIVE_AI_API_KEY });
const anthropic = createAnthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });

export async function POST(req: Request) {
  const { prompt } = await req.json();
  const a = await generateText({ model: google('gemini-2.0-flash'), prompt, abortSignal: AbortSignal.timeout(60_000) });
  const b = await generateText({ model: anthropic('claude-sonnet-4-5'), prompt, abortSignal: AbortSignal.timeout(60_000) });
  const c = await generateText({ model: openai('gpt-4o'), prompt, abortSignal: AbortSignal.timeout(60_000) });
  return Response.json({ a: a.text, b: b.text, c: c.text, usage: [a.usage, b.usage, c.usage] });
}
`;

describe('direct-provider-endpoint and base-URL variables of AI SDK providers', () => {
  it('a variable only the provider reads silences it; the others are still reported, saying why', async () => {
    const env = 'GOOGLE_GEMINI_BASE_URL=http://litellm:4000\nANTHROPIC_BASE_URL=http://litellm:4000\nOPENAI_BASE_URL=http://litellm:4000/v1\n';
    const { engine, root } = await engineFor({ 'app/api/chat/route.ts': ROUTE, '.env': env, 'package.json': '{"dependencies":{"ai":"^5.0.0"}}' });
    const found = engine.lint(path.join(root, 'app/api/chat/route.ts')).findings.filter((f) => f.ruleId === 'direct-provider-endpoint');
    assert.deepEqual(
      found.map((f) => f.message),
      [
        'createGoogleGenerativeAI client sends requests straight to generativelanguage.googleapis.com: no base URL is set (this AI SDK provider reads none from the environment)',
      ],
    );
    assert.match(found[0].fix?.edits[0].newText ?? '', /baseURL: process\.env\.GOOGLE_GENERATIVE_AI_BASE_URL/);
  });

  it('without the variable, the Anthropic provider is reported with the variable that would redirect it', async () => {
    const { engine, root } = await engineFor({ 'app/api/chat/route.ts': ROUTE, 'package.json': '{"dependencies":{"ai":"^5.0.0"}}' });
    const found = engine.lint(path.join(root, 'app/api/chat/route.ts')).findings.filter((f) => f.ruleId === 'direct-provider-endpoint');
    assert.ok(found.some((f) => f.message === 'createAnthropic client sends requests straight to api.anthropic.com: no base URL is set and no ANTHROPIC_BASE_URL is defined in the workspace'), found.map((f) => f.message).join('\n'));
  });

  it('the default Anthropic provider follows ANTHROPIC_BASE_URL when the workspace defines it', async () => {
    const route = `import { anthropic } from '@ai-sdk/anthropic';
import { generateText } from 'ai';

export async function POST(req: Request) {
  const { prompt } = await req.json();
  const r = await generateText({ model: anthropic('claude-sonnet-4-5'), prompt, abortSignal: AbortSignal.timeout(60_000) });
  return Response.json({ text: r.text, usage: r.usage });
}
`;
    const quiet = await engineFor({ 'app/api/chat/route.ts': route, '.env.example': 'ANTHROPIC_BASE_URL=http://litellm:4000\n' });
    assert.equal(quiet.engine.lint(path.join(quiet.root, 'app/api/chat/route.ts')).findings.filter((f) => f.ruleId === 'direct-provider-endpoint').length, 0);
    const loud = await engineFor({ 'app/api/chat/route.ts': route });
    assert.equal(loud.engine.lint(path.join(loud.root, 'app/api/chat/route.ts')).findings.filter((f) => f.ruleId === 'direct-provider-endpoint').length, 1);
  });
});
