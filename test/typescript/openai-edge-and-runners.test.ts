// openai-edge (openai@3.x's Configuration / OpenAIApi API over fetch) and openai-node's tool runners
// (`beta.chat.completions.runTools`, `chat.completions.runTools`): call-site facts and the catalogue entry they map to.
// Audit 120 found both invisible (steven-tey/chathn, Karhal/discord-ai-chatbot).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { catalogSdkOf, catalogSdkOfClient, sdkDefaults } from '../../server/src/core/catalog';
import { codeRetryLayers } from '../../server/src/core/retry-chain';
import { callTimeout } from '../../server/src/core/topology';
import { engineFor } from '../helpers/lint';

async function lint(files: Record<string, string>, rel: string) {
  const { engine, root } = await engineFor(files);
  const file = path.join(root, rel);
  const result = engine.lint(file);
  return { facts: engine.facts(file)!, rules: (id: string) => result.findings.filter((f) => f.ruleId === id) };
}

const EDGE = `import { Configuration, OpenAIApi } from 'openai-edge';

const config = new Configuration({ apiKey: process.env.OPENAI_API_KEY });
const openai = new OpenAIApi(config);

export async function POST(req: Request) {
  const { messages } = await req.json();
  const first = await openai.createChatCompletion({ model: 'gpt-4-0613', messages });
  const json = await first.json();
  const res = await openai.createChatCompletion({ model: 'gpt-4-0613', stream: true, messages: [...messages, json.choices[0].message] }, { signal: AbortSignal.timeout(30_000) });
  return new Response(res.body);
}
`;

describe('openai-edge', () => {
  it('is an OpenAIApi client of its own catalogue entry: one fetch, no retries, no timeout of its own', async () => {
    const { facts } = await lint({ 'app/api/chat/route.ts': EDGE }, 'app/api/chat/route.ts');
    const [client] = facts.clients;
    assert.equal(client.className, 'OpenAIApi');
    assert.equal(client.module, 'openai-edge');
    assert.deepEqual(Object.keys(client.args.options), ['apiKey']);
    assert.equal(catalogSdkOfClient(client, 'typescript'), 'openai-edge');
    assert.deepEqual(facts.callSites.map((s) => [s.method, s.streaming, s.model.value]), [
      ['createChatCompletion', false, 'gpt-4-0613'],
      ['createChatCompletion', true, 'gpt-4-0613'],
    ]);
    const [first, second] = facts.callSites;
    assert.equal(catalogSdkOf(first), 'openai-edge');
    assert.equal(sdkDefaults('openai-edge', 'typescript')?.defaultMaxRetries, 0);
    assert.deepEqual(codeRetryLayers(first).map((l) => [l.kind, l.attempts]), [['sdk', 1]]);
    assert.deepEqual(callTimeout(first), { seconds: null, source: 'default', label: 'openai-edge has no default timeout' });
    // A signal's timer is not read: unknown rather than "none".
    assert.equal(callTimeout(second).source, 'unknown');
    // The body of the Response is where the usage is: `first.json()` read only for its choices drops it, with no fix.
    assert.equal(first.usage, 'discarded');
    assert.equal(first.resultBinding, undefined);
  });

  it('keeps openai@3.x (axios) as it was', async () => {
    const { facts } = await lint({ 'a.ts': EDGE.replace("'openai-edge'", "'openai'") }, 'a.ts');
    assert.equal(facts.clients[0].module, undefined);
    assert.equal(catalogSdkOf(facts.callSites[0]), 'openai-v3');
  });

  it('leaves OpenAIApi and Configuration of other packages alone', async () => {
    const { facts } = await lint({ 'a.ts': EDGE.replace("'openai-edge'", "'@acme/openai-edge-mock'") }, 'a.ts');
    assert.equal(facts.clients.length, 0);
    assert.equal(facts.callSites.length, 0);
  });
});

describe('openai-node tool runners', () => {
  it('makes runTools / runFunctions call sites that read like create', async () => {
    const src = `import OpenAI from 'openai';
const client = new OpenAI();
export async function a(messages, tools) {
  const runner = client.beta.chat.completions.runTools({ model: 'gpt-4o', messages, tools, stream: true }, { maxRetries: 1 });
  return runner.finalContent();
}
export async function b(messages, functions) {
  return client.beta.chat.completions.runFunctions({ model: 'gpt-4o', messages, functions }).finalContent();
}
export async function c(messages, tools) {
  const runner = client.chat.completions.runTools({ model: 'gpt-4o', messages, tools });
  console.info(await runner.totalUsage());
}
`;
    const { facts } = await lint({ 'a.ts': src }, 'a.ts');
    assert.deepEqual(facts.callSites.map((s) => [s.method, s.streaming, s.usage, s.model.value]), [
      ['beta.chat.completions.runTools', true, 'discarded', 'gpt-4o'],
      ['beta.chat.completions.runFunctions', false, 'discarded', 'gpt-4o'],
      ['chat.completions.runTools', false, 'read', 'gpt-4o'],
    ]);
    assert.deepEqual(Object.keys(facts.callSites[0].requestOptions!.options), ['maxRetries']);
    // The SDK's own retries apply to each request of the run.
    assert.deepEqual(codeRetryLayers(facts.callSites[0]).map((l) => [l.kind, l.attempts]), [['sdk', 2]]);
    assert.ok(facts.callSites.every((s) => s.resultBinding === undefined));
  });
});
