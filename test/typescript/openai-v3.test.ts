// The OpenAI Node SDK 3.x (`new OpenAIApi(new Configuration({...}))`, `openai.createChatCompletion(body, axiosConfig)`):
// call-site facts, the `openai-v3` catalogue entry, and the rules that read them. All code here is written for these
// tests (openai@3 has no type stub, so these shapes live here rather than in type-checked .ts fixtures).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { catalogSdkOf, catalogSdkOfClient, optionNames, sdkDefaults } from '../../server/src/core/catalog';
import { codeRetryLayers } from '../../server/src/core/retry-chain';
import { callTimeout } from '../../server/src/core/topology';
import { applyRuleFixes, engineFor } from '../helpers/lint';

async function lint(files: Record<string, string>, rel: string) {
  const { engine, root } = await engineFor(files);
  const file = path.join(root, rel);
  const result = engine.lint(file);
  return { file, result, facts: engine.facts(file)!, rules: (id: string) => result.findings.filter((f) => f.ruleId === id) };
}

const V3 = `import { Configuration, OpenAIApi } from 'openai';

const configuration = new Configuration({ apiKey: process.env.OPENAI_API_KEY, basePath: 'https://api.groq.com/openai/v1' });
const openai = new OpenAIApi(configuration);

export async function ask(question) {
  const res = await openai.createChatCompletion({ model: 'llama3-8b-8192', messages: [{ role: 'user', content: question }], max_tokens: 300 });
  return res.data.choices[0].message.content;
}

export async function stream(prompt) {
  return openai.createCompletion({ model: 'text-davinci-003', prompt, stream: true }, { responseType: 'stream', timeout: 45_000 });
}
`;

describe('openai-node 3.x (OpenAIApi)', () => {
  it('reports createChatCompletion and createCompletion as OpenAI call sites on an OpenAIApi client', async () => {
    const { facts } = await lint({ 'src/llm.js': V3 }, 'src/llm.js');
    assert.equal(facts.clients.length, 1);
    const client = facts.clients[0];
    assert.equal(client.sdk, 'openai');
    assert.equal(client.className, 'OpenAIApi');
    // The client's options are the Configuration's; basePath decides the provider like baseURL does.
    assert.deepEqual(Object.keys(client.args.options), ['apiKey', 'basePath']);
    assert.equal(client.provider, 'groq');
    assert.equal(catalogSdkOfClient(client, 'typescript'), 'openai-v3');
    assert.deepEqual(facts.callSites.map((s) => [s.sdk, s.method, s.provider, s.streaming]), [
      ['openai', 'createChatCompletion', 'groq', false],
      ['openai', 'createCompletion', 'groq', true],
    ]);
    const [chat, completion] = facts.callSites;
    assert.equal(chat.model.value, 'llama3-8b-8192');
    assert.equal(chat.maxOutputTokens, 300);
    assert.equal(chat.client?.className, 'OpenAIApi');
    assert.equal(catalogSdkOf(chat), 'openai-v3');
    assert.deepEqual(Object.keys(completion.requestOptions!.options), ['responseType', 'timeout']);
  });

  it('also recognises require() and an inline Configuration, and a default basePath is OpenAI', async () => {
    const src = `const { Configuration, OpenAIApi } = require('openai');
const openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));
async function ask(q) {
  const { data } = await openai.createChatCompletion({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: q }] });
  return data.choices[0].message.content;
}
module.exports = { ask };
`;
    const { facts } = await lint({ 'llm.js': src }, 'llm.js');
    assert.equal(facts.callSites.length, 1);
    assert.equal(facts.callSites[0].provider, 'openai');
    assert.deepEqual(Object.keys(facts.callSites[0].client!.args.options), ['apiKey']);
  });

  it('leaves look-alikes alone and keeps the modern client working next to a v3 import', async () => {
    const src = `import OpenAI, { Configuration, OpenAIApi } from 'openai';
class LocalApi {}
const modern = new OpenAI({ timeout: 20_000 });
const legacy = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));
const service = { createChatCompletion: async (b) => b };
export async function a(q) { return modern.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] }); }
// v3 names on the modern client and modern names on the v3 client are not calls either SDK has.
export async function b(q) { return modern.createChatCompletion({ model: 'gpt-4o', messages: [] }); }
export async function c(q) { return legacy.chat.completions.create({ model: 'gpt-4o', messages: [] }); }
export async function d(q) { return service.createChatCompletion({ model: 'gpt-4o', messages: [] }); }
export async function e(api) { return api.createChatCompletion({ model: 'gpt-4o', messages: [] }); }
`;
    const { facts } = await lint({ 'llm.ts': src }, 'llm.ts');
    assert.deepEqual(facts.callSites.map((s) => s.method), ['chat.completions.create']);
    assert.equal(facts.callSites[0].client?.className, 'OpenAI');
    assert.equal(catalogSdkOf(facts.callSites[0]), 'openai');
    assert.deepEqual(facts.clients.map((c) => c.className), ['OpenAI', 'OpenAIApi']);

    const local = `class OpenAIApi { async createChatCompletion(body) { return { data: body }; } }
const openai = new OpenAIApi();
export async function ask() { return openai.createChatCompletion({ model: 'gpt-4', messages: [] }); }
`;
    const l = await lint({ 'local.js': local }, 'local.js');
    assert.equal(l.facts.callSites.length, 0);
    assert.equal(l.facts.clients.length, 0);
  });

  it('has a dated, sourced catalogue entry: no retries, no timeout, options in the Configuration and the axios config', () => {
    const d = sdkDefaults('openai-v3', 'typescript')!;
    assert.equal(d.defaultMaxRetries, 0);
    assert.equal(d.defaultTimeoutSeconds, null);
    assert.equal(d.retriesTimeouts, false);
    assert.equal(d.verified, true);
    assert.equal(d.asOf, '2026-11-30');
    assert.match(d.source, /openai\/openai-node api\.ts .*@75f6853/);
    assert.match(d.source, /axios\/axios lib\/defaults\/index\.js/);
    const names = optionNames('openai-v3', 'typescript')!;
    assert.deepEqual(names.client.baseURL, ['basePath']);
    assert.deepEqual(names.client.maxRetries, []);
    assert.deepEqual(names.client.timeout, ['baseOptions.timeout']);
    assert.equal(names.timeoutUnit, 'ms');
  });

  it('counts the SDK as one attempt and reads the axios timeouts', async () => {
    const { facts } = await lint({ 'src/llm.js': V3 }, 'src/llm.js');
    const [chat, completion] = facts.callSites;
    assert.deepEqual(codeRetryLayers(chat).map((l) => [l.kind, l.attempts]), [['sdk', 1]]);
    assert.deepEqual(callTimeout(chat), { seconds: null, source: 'default', label: 'OpenAI SDK 3.x has no default timeout' });
    assert.equal(callTimeout(completion).seconds, 45);

    const configured = `const { Configuration, OpenAIApi } = require('openai');
const openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY, baseOptions: { timeout: 30_000 } }));
exports.a = (q) => openai.createChatCompletion({ model: 'gpt-4', messages: [] });
exports.b = (q, opts) => openai.createChatCompletion({ model: 'gpt-4', messages: [] }, opts);
`;
    const c = await lint({ 'llm.js': configured }, 'llm.js');
    assert.equal(callTimeout(c.facts.callSites[0]).seconds, 30);
    // An axios config we cannot read may override the Configuration's timeout, as a modern client's may (same reading).
    assert.equal(callTimeout(c.facts.callSites[1]).seconds, 30);

    const opaque = `const { Configuration, OpenAIApi } = require('openai');
const openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));
exports.b = (q, opts) => openai.createChatCompletion({ model: 'gpt-4', messages: [] }, opts);
`;
    const o = await lint({ 'llm.js': opaque }, 'llm.js');
    assert.equal(callTimeout(o.facts.callSites[0]).source, 'unknown');
  });

  it('missing-timeout: reports calls without an axios timeout, and its fix adds one that the rule then accepts', async () => {
    const src = `const { Configuration, OpenAIApi } = require('openai');
const openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));
async function ask(q) {
  const res = await openai.createChatCompletion({
    model: 'gpt-3.5-turbo',
    messages: [{ role: 'user', content: q }],
  });
  return res.data;
}
async function complete(body) {
  return (await openai.createCompletion(body)).data;
}
async function traced(body) {
  return (await openai.createCompletion(body, {})).data;
}
async function spread(args) {
  return openai.createCompletion(...args);
}
module.exports = { ask, complete, traced, spread };
`;
    const { file, result, rules } = await lint({ 'llm.js': src }, 'llm.js');
    const found = rules('missing-timeout');
    assert.equal(found.length, 3);
    assert.match(found[0].message, /^createChatCompletion has no timeout and the OpenAI SDK 3\.x sets none .*so a stalled request waits forever$/);
    assert.ok(found.every((f) => f.fix?.safety === 'unsafe'));
    const fixed = applyRuleFixes(src, result.findings, 'missing-timeout', file);
    assert.match(fixed, /\n {2}\}, \{ timeout: 120_000 \}\);/);
    assert.match(fixed, /openai\.createCompletion\(body, \{ timeout: 120_000 \}\)/);
    assert.match(fixed, /openai\.createCompletion\(body, \{ timeout: 120_000 \}\)\)\.data;\n\}\nasync function spread/);
    const again = await lint({ 'llm.js': fixed }, 'llm.js');
    assert.equal(again.result.findings.filter((f) => f.ruleId === 'missing-timeout').length, 0);
    assert.equal(again.facts.callSites.length, 4);
  });

  it('retry-amplification offers no maxRetries fix on a v3 call; usage at res.data.usage counts as read', async () => {
    const src = `import pRetry from 'p-retry';
import { Configuration, OpenAIApi } from 'openai';
const openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY, baseOptions: { timeout: 60_000 } }));
export async function ask(q) {
  return pRetry(async () => {
    const res = await openai.createChatCompletion({ model: 'gpt-4', messages: [{ role: 'user', content: q }] });
    console.log(res.data.usage);
    return res.data;
  }, { retries: 5 });
}
`;
    const { result, facts } = await lint({ 'llm.js': src }, 'llm.js');
    assert.equal(facts.callSites[0].usage, 'read');
    for (const f of result.findings) for (const e of f.fix?.edits ?? []) assert.doesNotMatch(e.newText, /maxRetries/);
    assert.equal(result.findings.filter((f) => f.ruleId === 'retry-amplification').length, 0);
  });

  it('usage: follows res.data and const { data }, and leaves a raw SSE stream to its own reading', async () => {
    const src = `const { Configuration, OpenAIApi } = require('openai');
const openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY, baseOptions: { timeout: 60_000 } }));
async function a(q) { const res = await openai.createChatCompletion({ model: 'gpt-4', messages: [] }); return res.data.choices[0].message.content; }
async function b(q) { const { data } = await openai.createChatCompletion({ model: 'gpt-4', messages: [] }); console.log(data.usage); return data; }
async function c(q) { const { data } = await openai.createCompletion({ model: 'gpt-4', prompt: q }); return data.choices[0].text; }
async function d(q) { const u = (await openai.createCompletion({ model: 'gpt-4', prompt: q })).data.usage; return u; }
async function e(q) { const res = await openai.createChatCompletion({ model: 'gpt-4', stream: true, messages: [] }, { responseType: 'stream' }); res.data.pipe(process.stdout); }
module.exports = { a, b, c, d, e };
`;
    const { facts, rules } = await lint({ 'llm.js': src }, 'llm.js');
    assert.deepEqual(facts.callSites.map((s) => s.usage), ['discarded', 'read', 'discarded', 'read', 'discarded']);
    // The stream carries no usage unless asked for (stream_options): only the first and third calls are reported.
    const lines = rules('usage-discarded').map((f) => src.slice(0, f.span.start).split('\n').length);
    assert.deepEqual(lines, [3, 5]);
  });

  it('hardcoded-api-key, direct-provider-endpoint and untraced-llm-call see the v3 client and calls', async () => {
    const src = `import { Configuration, OpenAIApi } from 'openai';
const openai = new OpenAIApi(new Configuration({ apiKey: 'sk-proj-Zq8xW2vR5tY7uI0oP3aS6dF9gH1jK4lM', baseOptions: { timeout: 60_000 } }));
export async function ask(q) {
  const res = await openai.createChatCompletion({ model: 'gpt-4', messages: [{ role: 'user', content: q }] });
  return res.data;
}
`;
    const { rules } = await lint({ 'llm.js': src }, 'llm.js');
    assert.equal(rules('hardcoded-api-key').length, 1);
    assert.equal(rules('direct-provider-endpoint').length, 1);
    assert.match(rules('direct-provider-endpoint')[0].message, /^OpenAIApi client sends requests straight to/);
    assert.equal(rules('untraced-llm-call').length, 1);
    assert.equal(rules('missing-timeout').length, 0);

    // `new OpenAIApi()` takes a Configuration: no client option can be added to its own argument list.
    const bare = `import { OpenAIApi } from 'openai';
export const openai = new OpenAIApi();
`;
    const b = await lint({ 'bare.js': bare }, 'bare.js');
    assert.equal(b.rules('direct-provider-endpoint').length, 1);
    assert.equal(b.rules('direct-provider-endpoint')[0].fix, undefined);
  });
});
