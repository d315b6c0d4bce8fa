// TypeScript front-end facts for shapes found in real LLM applications (audit of open-source apps): the cases a
// one-workspace rule fixture folder cannot hold (workspace-wide instrumentation, env files, test paths) or that need
// packages without type stubs. All code here is written for these tests.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

async function lint(files: Record<string, string>, rel: string) {
  const { engine, root } = await engineFor(files);
  const file = path.join(root, rel);
  const result = engine.lint(file);
  return { result, facts: engine.facts(file)!, rules: (id: string) => result.findings.filter((f) => f.ruleId === id) };
}

const OPENAI_CALL = `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 30_000 });
export async function ask(q: string) {
  const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });
  return r.choices[0].message.content;
}
`;

describe('TypeScript front end on real-world shapes', () => {
  it('treats Helicone headers and LangSmith wrappers as tracing that records usage', async () => {
    const helicone = `import OpenAI from 'openai';
export const client = new OpenAI({ timeout: 30_000, baseURL: process.env.OPENAI_BASE_URL, defaultHeaders: { 'Helicone-Auth': \`Bearer \${process.env.HELICONE_API_KEY}\` } });
`;
    const a = await lint({ 'lib/ai.ts': helicone, 'lib/ask.ts': OPENAI_CALL }, 'lib/ask.ts');
    assert.equal(a.rules('untraced-llm-call').length, 0);
    assert.equal(a.rules('usage-discarded').length, 0);

    const langsmith = `import { wrapOpenAI } from 'langsmith/wrappers';\nexport { wrapOpenAI };\n`;
    const b = await lint({ 'lib/trace.ts': langsmith, 'lib/ask.ts': OPENAI_CALL }, 'lib/ask.ts');
    assert.equal(b.rules('untraced-llm-call').length, 0);

    const plain = await lint({ 'lib/ask.ts': OPENAI_CALL }, 'lib/ask.ts');
    assert.equal(plain.rules('untraced-llm-call').length, 1);
  });

  it('leaves LangChain calls alone when LangSmith tracing is switched on in the environment', async () => {
    const code = `import { ChatOpenAI } from '@langchain/openai';
import { ChatPromptTemplate } from '@langchain/core/prompts';
const model = new ChatOpenAI({ model: 'gpt-4o-mini', timeout: 30_000 });
const chain = ChatPromptTemplate.fromMessages([['human', '{q}']]).pipe(model);
export const ask = (q: string) => chain.invoke({ q });
`;
    const off = await lint({ 'chain.ts': code }, 'chain.ts');
    assert.equal(off.facts.callSites.length, 1);
    assert.equal(off.facts.callSites[0].sdk, 'langchain');
    assert.equal(off.facts.callSites[0].usage, 'escapes');
    assert.equal(off.rules('untraced-llm-call').length, 1);
    const on = await lint({ 'chain.ts': code, '.env.example': 'LANGCHAIN_TRACING_V2=true\n' }, 'chain.ts');
    assert.equal(on.rules('untraced-llm-call').length, 0);
    const inCode = await lint({ 'chain.ts': code, 'instrument.ts': "process.env.LANGCHAIN_TRACING_V2 = 'true';\n" }, 'chain.ts');
    assert.equal(inCode.rules('untraced-llm-call').length, 0);
    for (const setting of ["process.env.LANGCHAIN_TRACING_V2 = 'false';\n", "process.env.LANGCHAIN_TRACING_V2 = flag;\n"]) {
      const notOn = await lint({ 'chain.ts': code, 'instrument.ts': setting }, 'chain.ts');
      assert.equal(notOn.rules('untraced-llm-call').length, 1, setting);
    }
    const python = await lint({ 'chain.ts': code, 'main.py': 'import os\nos.environ["LANGCHAIN_TRACING_V2"] = "true"\n' }, 'chain.ts');
    assert.equal(python.rules('untraced-llm-call').length, 1);
  });

  it('keeps calls, clients and endpoints of test and mock files out of the facts, but not their keys', async () => {
    const code = `import OpenAI from 'openai';
export const client = new OpenAI({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-proj-Zq8xW2vR5tY7uI0oP3aS6dF9gH1jK4lM' });
export const ask = () => client.chat.completions.create({ model: 'gpt-4o', messages: [] });
`;
    for (const rel of ['src/__tests__/client.ts', 'src/client.test.ts', 'tests/e2e/client.ts', 'src/mocks/handlers.ts']) {
      const { facts } = await lint({ [rel]: code }, rel);
      assert.equal(facts.callSites.length, 0, rel);
      assert.equal(facts.clients.length, 0, rel);
      assert.equal(facts.endpoints.length, 0, rel);
      assert.equal(facts.secrets.length, 1, rel);
    }
    const prod = await lint({ 'src/client.ts': code }, 'src/client.ts');
    assert.equal(prod.facts.callSites.length, 1);
  });

  it('attributes OpenAI-compatible clients to the provider behind their base URL', async () => {
    const code = `import OpenAI from 'openai';
import { streamText } from 'ai';
import { groq } from '@ai-sdk/groq';
const g = new OpenAI({ baseURL: 'https://api.groq.com/openai/v1', timeout: 30_000 });
const local = new OpenAI({ baseURL: 'http://localhost:11434/v1', timeout: 30_000 });
const viaEnv = new OpenAI({ baseURL: process.env.LLM_BASE_URL, timeout: 30_000 });
export const a = () => g.chat.completions.create({ model: 'llama-3.1-8b-instant', messages: [] });
export const b = () => local.chat.completions.create({ model: 'qwen2.5', messages: [] });
export const c = () => viaEnv.chat.completions.create({ model: 'gpt-4o', messages: [] });
export const d = () => streamText({ model: groq('llama-3.3-70b-versatile'), prompt: 'hi' });
export async function e() {
  const Groq = (await import('groq-sdk')).default;
  const client = new Groq();
  return client.chat.completions.create({ model: 'llama-3.1-8b-instant', messages: [] });
}
`;
    const { facts } = await lint({ 'providers.ts': code }, 'providers.ts');
    assert.deepEqual(facts.callSites.map((s) => s.provider), ['groq', 'unknown', 'openai', 'groq', 'groq']);
  });

  it('recognises AI SDK 3 names, the legacy Completions API on an OpenAI client, and SDKs loaded inside functions', async () => {
    const code = `import OpenAI from 'openai';
import { experimental_streamText } from 'ai';
import { openai } from '@ai-sdk/openai';
const client = new OpenAI({ timeout: 30_000 });
declare const search: { completions: { create(x: unknown): Promise<unknown> } };
export const a = () => experimental_streamText({ model: openai('gpt-4-turbo'), prompt: 'hi' });
export const b = () => client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'hi' });
export const c = () => search.completions.create({ q: 'not an LLM' });
export class Provider {
  client: any;
  constructor() {
    const { OpenAI: Api } = require('openai');
    this.client = new Api({ apiKey: process.env.KEY });
  }
  ask() { return this.client.chat.completions.create({ model: 'gpt-4o', messages: [] }); }
}
export async function claude() {
  const Anthropic = (await import('@anthropic-ai/sdk')).default;
  const c2 = new Anthropic();
  return c2.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [] });
}
`;
    const { facts } = await lint({ 'sdk.ts': code }, 'sdk.ts');
    assert.deepEqual(facts.callSites.map((s) => s.method), ['streamText', 'completions.create', 'chat.completions.create', 'messages.create']);
    assert.ok(facts.callSites[2].client, 'client required inside the constructor is resolved');
    assert.deepEqual(facts.clients.map((c) => c.className), ['OpenAI', 'OpenAI', 'Anthropic']);
  });

  it('does not take a reassigned variable for a model constant', async () => {
    const code = `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 30_000 });
export async function ask(kind: string) {
  let deployment = '';
  if (kind === 'fast') deployment = process.env.FAST_DEPLOYMENT ?? '';
  return client.chat.completions.create({ model: deployment, messages: [] });
}
`;
    const { facts } = await lint({ 'm.ts': code }, 'm.ts');
    assert.equal(facts.callSites[0].model.value, null);
  });

  it('finds request paths through NestJS controllers, named route handlers, `export default handler` and inline server actions', async () => {
    const service = `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 30_000 });
export class SummaryService {
  async summarize(text: string) { return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] }); }
}
`;
    const controller = `import { SummaryService } from './summary.service';
declare function Controller(p: string): ClassDecorator;
declare function Post(p: string): MethodDecorator;
@Controller('summaries')
export class SummaryController {
  constructor(private readonly summaries: SummaryService) {}
  @Post('')
  create(body: { text: string }) { return this.summaries.summarize(body.text); }
}
`;
    const nest = await lint({ 'src/summary.service.ts': service, 'src/summary.controller.ts': controller }, 'src/summary.service.ts');
    assert.match(nest.facts.callSites[0].enclosingFunction?.requestPath ?? '', /NestJS route POST \/summaries/);

    const handlers = `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 30_000 });
export async function reply(req: { body: { q: string } }, res: { json(x: unknown): void }) {
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: req.body.q }] });
  res.json(r.choices[0].message);
}
`;
    const routes = `import * as chat from './chat.controller';
declare const router: { post(path: string, ...handlers: unknown[]): void };
router.post('/chat', chat.reply);
`;
    const express = await lint({ 'src/chat.controller.ts': handlers, 'src/routes.ts': routes }, 'src/chat.controller.ts');
    assert.match(express.facts.callSites[0].enclosingFunction?.requestPath ?? '', /route POST \/chat/);

    const page = `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 30_000 });
const handler = async (req: Request) => {
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
  return Response.json(r.choices[0]);
};
export default handler;
`;
    const pages = await lint({ 'pages/api/answer.ts': page }, 'pages/api/answer.ts');
    assert.equal(pages.facts.callSites[0].enclosingFunction?.requestPath, 'Next.js API route');

    const inline = `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
export function Page() {
  async function summarize(text: string) {
    'use server';
    return generateText({ model: openai('gpt-4o'), prompt: text });
  }
  return summarize;
}
`;
    const action = await lint({ 'app/page.tsx': inline }, 'app/page.tsx');
    assert.match(action.facts.callSites[0].enclosingFunction?.requestPath ?? '', /server action/);
  });

  it('does not take `messages.create` of other SDKs or local classes for an Anthropic call', async () => {
    const code = `import Anthropic from '@anthropic-ai/sdk';
import Slack from 'slack-client';
class Outbox { messages = { create: async (x: unknown) => x }; }
const claude = new Anthropic({ timeout: 30_000 });
const slack = new Slack();
const outbox = new Outbox();
export async function notify(text: string) {
  await slack.messages.create({ text });
  await outbox.messages.create({ text });
  return claude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: text }] });
}
`;
    const { facts } = await lint({ 'notify.ts': code }, 'notify.ts');
    assert.equal(facts.callSites.length, 1);
    assert.equal(facts.callSites[0].provider, 'anthropic');
  });
  it('follows a resource alias (`const chat = openai.chat.completions`) to the client, here, imported or as a member', async () => {
    const lib = `import OpenAI from 'openai';
export const openai = new OpenAI({ timeout: 30_000 });
export const chat = openai.chat.completions;
const llm = openai.chat.completions;
export default llm;
`;
    const route = `import { chat } from './lib';
import llm from './lib';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
const claude = new Anthropic({ timeout: 30_000 });
const messages = claude.messages;
class Bot {
  private completions = new OpenAI({ timeout: 30_000 }).chat.completions;
  ask(q: string) {
    return this.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
  }
}
export async function ask(q: string) {
  const a = await chat.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
  const b = await llm.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }], stream: true });
  const c = await messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: q }] });
  return [a, b, c, await new Bot().ask(q)];
}
`;
    const r = await lint({ 'lib.ts': lib, 'route.ts': route }, 'route.ts');
    const sites = r.facts.callSites.map((c) => `${c.sdk} ${c.method} ${c.client ? 'client' : 'none'} ${c.streaming}`);
    assert.deepEqual(sites, [
      'openai chat.completions.create client false',
      'openai chat.completions.create client false',
      'openai chat.completions.create client true',
      'anthropic messages.create client false',
    ]);
    assert.equal(r.rules('stream-without-usage').length, 1);
  });

  it('leaves aliases of other resources alone (Twilio messages, a store named completions, a patched create)', async () => {
    const code = `import twilio from 'twilio';
import OpenAI from 'openai';
const sms = twilio('sid', 'token').messages;
const db = { completions: { create: (x: object) => x } };
const completions = db.completions;
const openai = new OpenAI({ timeout: 30_000 });
const resource = openai.chat.completions;
const original = resource.create.bind(resource);
export async function send(to: string) {
  await sms.create({ to, body: 'hi' });
  completions.create({ to });
  return original;
}
`;
    const r = await lint({ 'send.ts': code }, 'send.ts');
    assert.equal(r.facts.callSites.length, 0);
  });
  it('takes a runnable wrapped in RunnableWithMessageHistory for the chain it wraps', async () => {
    const code = `import { ChatOpenAI } from '@langchain/openai';
import { ChatPromptTemplate, MessagesPlaceholder } from '@langchain/core/prompts';
import { RunnableWithMessageHistory } from '@langchain/core/runnables';
import { InMemoryChatMessageHistory } from '@langchain/core/chat_history';
const model = new ChatOpenAI({ model: 'gpt-4o-mini', timeout: 30_000 });
const prompt = ChatPromptTemplate.fromMessages([['system', 'You are helpful.'], new MessagesPlaceholder('history'), ['human', '{input}']]);
const withHistory = new RunnableWithMessageHistory({ runnable: prompt.pipe(model), getMessageHistory: () => new InMemoryChatMessageHistory() });
const other = new RunnableWithMessageHistory({ runnable: somethingElse, getMessageHistory: () => new InMemoryChatMessageHistory() });
export const chat = (input: string, sessionId: string) => withHistory.invoke({ input }, { configurable: { sessionId } });
export const notModel = (input: string) => other.invoke({ input });
declare const somethingElse: { invoke(x: unknown): unknown };
`;
    const r = await lint({ 'chat.ts': code }, 'chat.ts');
    assert.deepEqual(r.facts.callSites.map((c) => `${c.sdk} ${c.method} ${c.usage}`), ['langchain invoke unknown']);
  });
  it('takes a fetch through Cloudflare AI Gateway for a call to the provider it names, which the gateway records', async () => {
    const code = `const GATEWAY = 'https://gateway.ai.cloudflare.com/v1/acct123/support-bot/anthropic/v1/messages';
export default {
  async fetch(request: Request, env: { ANTHROPIC_API_KEY: string }): Promise<Response> {
    const { q } = (await request.json()) as { q: string };
    const r = await fetch(GATEWAY, {
      method: 'POST',
      headers: { 'x-api-key': env.ANTHROPIC_API_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 512, messages: [{ role: 'user', content: q }] }),
    });
    const data = (await r.json()) as { content: Array<{ text: string }> };
    return new Response(data.content[0].text);
  },
};
`;
    const r = await lint({ 'src/worker.ts': code }, 'src/worker.ts');
    assert.deepEqual(r.facts.callSites.map((c) => `${c.sdk} ${c.provider}`), ['http anthropic']);
    assert.deepEqual([r.rules('direct-provider-endpoint').length, r.rules('untraced-llm-call').length, r.rules('usage-discarded').length], [0, 0, 0]);
  });
  it('takes an unresolved receiver\'s provider from the class field, constructor or declared type that names its package', async () => {
    const create = `chat.completions.create({ model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: q }], stream: true })`;
    const code = `import Groq from 'groq-sdk';
import Twilio from 'twilio';
export class ChatService {
  private groq?: Groq;
  constructor(key: string, private readonly backup: Groq, private readonly sms: Twilio) { this.groq = new Groq({ apiKey: key }); }
  a(q: string) { return this.groq!.${create}; }
  b(q: string) { return this.backup.${create}; }
  c(q: string) { return this.sms.messages.create({ body: q, to: '+1', from: '+2' }); }
}
let client: Groq | null = null;
function getClient(): Groq {
  if (!client) client = new Groq();
  return client;
}
export const d = (q: string) => getClient().${create};
export const e = (q: string) => client!.${create};
`;
    const r = await lint({ 'src/chat.ts': code }, 'src/chat.ts');
    assert.deepEqual(r.facts.callSites.map((c) => c.provider), ['groq', 'groq', 'groq', 'groq']);
    assert.equal(r.rules('stream-without-usage').length, 0);
  });

  it('reads the OpenAI SDK\'s own Deno builds (deno.land/x and JSR) as the openai package', async () => {
    const code = (spec: string) => `import OpenAI from '${spec}';\nconst client = new OpenAI();\nDeno.serve(async (req) => Response.json(await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: await req.text() }] })));\ndeclare const Deno: { serve(h: (r: Request) => Promise<Response>): void };\n`;
    for (const spec of ['https://deno.land/x/openai@v4.69.0/mod.ts', 'jsr:@openai/openai@4.77.0', 'npm:openai@4']) {
      const r = await lint({ 'supabase/functions/ask/index.ts': code(spec) }, 'supabase/functions/ask/index.ts');
      assert.deepEqual([r.facts.callSites.length, r.rules('missing-timeout').length], [1, 1], spec);
    }
  });

  it('keeps a client built through a static member of a local class (a test seam) as an LLM client', async () => {
    const code = `import OpenAI from 'openai';
export class OpenAiAdapter {
  static OpenAI = OpenAI;
  private api: InstanceType<typeof OpenAI>;
  constructor(apiKey: string) { this.api = new OpenAiAdapter.OpenAI({ apiKey }); }
  ask(q: string) { return this.api.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] }); }
}
export class SmsGateway { messages = { create: (_: unknown) => 'sent' }; }
export const notify = (q: string) => new SmsGateway().messages.create({ body: q });
`;
    const r = await lint({ 'lib/adapter.ts': code }, 'lib/adapter.ts');
    assert.deepEqual(r.facts.callSites.map((c) => `${c.sdk} ${c.method}`), ['openai chat.completions.create']);
  });

  it('reads LangChain initChatModel as the chat model class its arguments name', async () => {
    const code = `import { initChatModel } from 'langchain';
export async function ask(q: string) {
  const model = await initChatModel('gpt-4o-mini', { modelProvider: 'openai', temperature: 0 });
  return (await model.invoke(q)).usage_metadata;
}
export async function claude(q: string) {
  const llm = await initChatModel('anthropic:claude-sonnet-4-5');
  return (await llm.invoke(q)).usage_metadata;
}
export async function timed(q: string) {
  const llm = await initChatModel('claude-sonnet-4-5', { clientOptions: { timeout: 30_000 }, anthropicApiUrl: process.env.ANTHROPIC_BASE_URL });
  return (await llm.invoke(q)).usage_metadata;
}
export async function configured(name: string, provider: string, q: string) {
  const llm = await initChatModel(name, { modelProvider: provider });
  return (await llm.invoke(q)).usage_metadata;
}
`;
    const r = await lint({ 'src/agent.ts': code }, 'src/agent.ts');
    assert.deepEqual(r.facts.callSites.map((c) => `${c.client?.label} ${c.provider} ${c.model.value}`), [
      'initChatModel (ChatOpenAI) openai gpt-4o-mini',
      'initChatModel (ChatAnthropic) anthropic claude-sonnet-4-5',
      'initChatModel (ChatAnthropic) anthropic claude-sonnet-4-5',
    ]);
    assert.deepEqual(r.rules('missing-timeout').map((f) => code.slice(0, f.span.start).split('\n').length), [3, 7]);
    // ChatAnthropic passes on only clientOptions: a top-level timeout (initChatModel takes any key) is not a timeout.
    const ignored = await lint({ 'src/agent.ts': "import { initChatModel } from 'langchain';\nexport const m = initChatModel('claude-sonnet-4-5', { timeout: 60_000 });\n" }, 'src/agent.ts');
    const [finding] = ignored.rules('missing-timeout');
    assert.match(finding.message, /top-level timeout is never passed on/);
    assert.equal(finding.fix?.title, 'Pass the timeout on in clientOptions');
    // A model with no options object takes no inserted option.
    assert.deepEqual(r.rules('missing-timeout').map((f) => !!f.fix), [true, false]);
  });
  it('reads initChatModel\'s LangChain.js provider keys (ollama, google-vertexai, groq, bedrock), not Python\'s', async () => {
    const code = `import { initChatModel } from 'langchain/chat_models/universal';
export async function local(q: string) {
  for (let i = 0; i < 3; i++) {
    try {
      const llm = await initChatModel('llama3.2', { modelProvider: 'ollama' });
      return (await llm.invoke(q)).usage_metadata;
    } catch (e) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** i * Math.random()));
    }
  }
}
export async function vertex(q: string) {
  const llm = await initChatModel('gemini-2.5-flash', { modelProvider: 'google-vertexai' });
  return (await llm.invoke(q)).usage_metadata;
}
export async function fast(q: string) {
  const llm = await initChatModel('groq:llama-3.3-70b-versatile');
  return (await llm.invoke(q)).usage_metadata;
}
export async function aws(q: string) {
  const llm = await initChatModel('anthropic.claude-3-5-haiku-20241022-v1:0', { modelProvider: 'bedrock' });
  return (await llm.invoke(q)).usage_metadata;
}
export async function pythonKey(q: string) {
  const llm = await initChatModel('gemini-2.5-flash', { modelProvider: 'google_genai' });
  return (await llm.invoke(q)).usage_metadata;
}
`;
    const r = await lint({ 'src/agent.ts': code }, 'src/agent.ts');
    assert.deepEqual(r.facts.callSites.map((c) => `${c.client?.label} ${c.provider}`), [
      'initChatModel (ChatOllama) ollama',
      'initChatModel (ChatVertexAI) google',
      'initChatModel (ChatGroq) groq',
      'initChatModel (ChatBedrockConverse) bedrock',
    ]);
    // ChatOllama retries nothing and sets no timer of its own; ChatVertexAI has no timeout option (no fix).
    assert.deepEqual(r.rules('retry-amplification'), []);
    assert.deepEqual(r.rules('missing-timeout').map((f) => [code.slice(0, f.span.start).split('\n').length, !!f.fix]), [[13, false]]);
  });
  it('reads the message of a LangChain chain whose last step is the model like a direct call', async () => {
    const code = `import { ChatOpenAI } from '@langchain/openai';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { RunnableSequence } from '@langchain/core/runnables';
const llm = new ChatOpenAI({ model: 'gpt-4o-mini', timeout: 60_000 });
const prompt = ChatPromptTemplate.fromMessages([['system', 'You are helpful.'], ['human', '{input}']]);
const chain = prompt.pipe(llm);
export async function a(input: string) { return (await prompt.pipe(llm).invoke({ input })).content; }
export async function b(input: string) { const m = await chain.invoke({ input }); console.info(m.usage_metadata); return m.content; }
export async function c(input: string) { return (await RunnableSequence.from([prompt, llm]).invoke({ input })).content; }
export async function d(input: string) { return prompt.pipe(llm).pipe(new StringOutputParser()).invoke({ input }); }
export async function e(input: string, post: (m: unknown) => unknown) { return prompt.pipe(llm).pipe(post).invoke({ input }); }
`;
    const r = await lint({ 'chain.ts': code }, 'chain.ts');
    assert.deepEqual(r.facts.callSites.map((c) => c.usage), ['discarded', 'read', 'discarded', 'discarded', 'unknown']);
  });
  it('counts a stream listener that receives the final message and reads its usage', async () => {
    const code = `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic({ timeout: 60_000 });
const body = { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'hi' }] };
export function chained(report: (t: string) => void) {
  anthropic.messages.stream(body).on('text', (t) => report(t)).on('finalMessage', (message) => console.info('llm.usage', message.usage));
}
export function bound(send: (m: unknown) => void) {
  const stream = anthropic.messages.stream(body);
  stream.on('finalMessage', ({ usage }) => send({ type: 'usage', input: usage.input_tokens }));
  return stream.toReadableStream();
}
export function textOnly(report: (t: string) => void) {
  anthropic.messages.stream(body).on('finalMessage', (message) => report(String(message.content.length)));
}
`;
    const r = await lint({ 'stream.ts': code }, 'stream.ts');
    assert.deepEqual(r.facts.callSites.map((c) => c.usage), ['read', 'read', 'discarded']);
  });
  it('reads a tool loop that writes each turn\'s response into the variable of the first', async () => {
    const loop = (after: string) => `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic({ timeout: 60_000 });
export async function ask(messages: Anthropic.MessageParam[], tools: Anthropic.Tool[]) {
  let response = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, tools, messages });
  while (response.stop_reason === 'tool_use') {
    messages.push({ role: 'assistant', content: response.content });
    response = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, tools, messages });
    ${after}
  }
  return response.content;
}
`;
    const dropped = await lint({ 'agent.ts': loop('') }, 'agent.ts');
    assert.deepEqual(dropped.facts.callSites.map((c) => c.usage), ['discarded', 'discarded']);
    const counted = await lint({ 'agent.ts': loop('totalTokens += response.usage.output_tokens;') }, 'agent.ts');
    assert.deepEqual(counted.facts.callSites.map((c) => c.usage), ['read', 'read']);
  });
  it('reads a fetch of a Request built in place or first', async () => {
    const init = `{ method: 'POST', body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] }) }`;
    const code = `export async function a(q: string) {
  return (await fetch(new Request('https://api.openai.com/v1/chat/completions', ${init}))).json();
}
export async function b(q: string) {
  const req = new Request('https://api.anthropic.com/v1/messages', ${init});
  const r = await fetch(req);
  return (await r.json()).usage;
}
export async function c(q: string, req: Request) {
  return (await fetch(req)).json();
}
`;
    const r = await lint({ 'src/ask.ts': code }, 'src/ask.ts');
    assert.deepEqual(r.facts.callSites.map((c) => `${c.provider} ${c.model.value} ${c.usage}`), ['openai gpt-4o-mini escapes', 'anthropic gpt-4o-mini read']);
  });

  it('follows a fetch through .then((r) => r.json()) to the parsed body and what the code does with it', async () => {
    const post = (then: string) => `fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: [] }) })${then}`;
    const code = `export async function relay() {
  const response = await ${post('.then((r) => r.json())')};
  return Response.json(response);
}
export async function textOnly() {
  const data = await ${post('.then(function (r) { return r.json(); })')};
  return new Response(data.choices[0].message.content);
}
export async function recorded() {
  const data = await ${post('.then((r) => r.json())')};
  console.info('llm.usage', data.usage);
  return new Response(data.choices[0].message.content);
}
export async function chainedJson() {
  return (await ${post('')}).json();
}
export async function chainedJsonTextOnly() {
  const data = await (await ${post('')}).json();
  return new Response(data.choices[0].message.content);
}
`;
    const r = await lint({ 'app/api/llm/route.ts': code }, 'app/api/llm/route.ts');
    assert.deepEqual(r.facts.callSites.map((c) => c.usage), ['escapes', 'discarded', 'read', 'escapes', 'discarded']);
  });
  it('reads clients built through the CommonJS interop helpers of tsc, tslib and Babel', async () => {
    const files: Record<string, string> = {
      'lib/tsc.js': `"use strict";
const sdk_1 = __importDefault(require("@anthropic-ai/sdk"));
const client = new sdk_1.default({ apiKey: process.env.ANTHROPIC_API_KEY });
exports.ask = async (q) => (await client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 256, messages: [{ role: "user", content: q }] })).usage;
`,
      'lib/tslib.js': `const tslib_1 = require("tslib");
const openai_1 = (0, tslib_1.__importStar)(require("openai"));
const client = new openai_1.OpenAI();
exports.ask = async (q) => (await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: q }] })).usage;
`,
      'lib/babel.js': `var _openai = _interopRequireDefault(require("openai"));
const client = new _openai.default({ timeout: 20000 });
exports.ask = async (q) => (await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: q }] })).usage;
`,
    };
    const timeouts: number[] = [];
    for (const rel of Object.keys(files)) {
      const r = await lint(files, rel);
      assert.equal(r.facts.callSites.length, 1, rel);
      timeouts.push(r.rules('missing-timeout').length);
    }
    assert.deepEqual(timeouts, [1, 1, 0]);
  });
  it('follows a provider URL built from a local template, a `+` concatenation or an env default', async () => {
    const body = `{ method: 'POST', body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: prompt }] }] }) }`;
    const code = `const BASE = process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';
const HOST = process.env.LLM_HOST ?? somewhereElse();
declare function somewhereElse(): string;
export async function gemini(apiKey: string, model: string, prompt: string) {
  const endpoint = \`https://generativelanguage.googleapis.com/v1beta/models/\${model}:generateContent\`;
  return (await fetch(\`\${endpoint}?key=\${apiKey}\`, ${body})).json();
}
export async function geminiConcat(apiKey: string, prompt: string) {
  const endpoint = 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent';
  return (await fetch(endpoint + '?key=' + apiKey, ${body})).json();
}
export async function openai(q: string) {
  const r = await fetch(\`\${BASE}/chat/completions\`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] }) });
  return r.json();
}
export async function elsewhere(q: string) {
  return (await fetch(\`\${HOST}/v1/messages\`, { method: 'POST', body: JSON.stringify({ model: 'x', messages: [] }) })).json();
}
`;
    const r = await lint({ 'src/llm.ts': code }, 'src/llm.ts');
    assert.deepEqual(r.facts.callSites.map((c) => `${c.sdk} ${c.provider}`), ['http google', 'http google', 'http openai']);
  });
  it('knows the request handlers of Astro, Pages Functions, Netlify, Bun, Firebase, Durable Objects and event bots', async () => {
    const call = `await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] })`;
    const head = `import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\nconst q = 'hi';\n`;
    const files: Record<string, string> = {
      'src/pages/api/chat.ts': `${head}export async function POST() { return Response.json(${call}); }\n`,
      'functions/api/chat.ts': `${head}export async function onRequestPost() { return Response.json(${call}); }\n`,
      'netlify/functions/chat.ts': `${head}export default async () => Response.json(${call});\n`,
      'server.ts': `${head}declare const Bun: { serve(o: object): void };\nBun.serve({ async fetch() { return Response.json(${call}); } });\n`,
      'fb/index.ts': `${head}declare function onCall(f: () => unknown): unknown;\nexport const chat = onCall(async () => ${call});\n`,
      'do/room.ts': `${head}declare class DurableObject {}\nexport class Room extends DurableObject { async fetch() { return Response.json(${call}); } }\n`,
      'bot/slack.ts': `${head}declare const app: { event(name: string, f: () => unknown): void };\napp.event('app_mention', async () => ${call});\n`,
    };
    const reasons: string[] = [];
    for (const rel of Object.keys(files)) reasons.push(...(await lint(files, rel)).facts.callSites.map((c) => c.enclosingFunction?.requestPath ?? 'none'));
    assert.deepEqual(reasons, ['Astro endpoint POST', 'Pages Function onRequestPost', 'Netlify function', 'Bun.serve handler', 'onCall handler', 'Durable Object fetch handler', 'event app_mention handler']);
  });
  it('reads Deno npm: specifiers and CDN URLs as the package they name', async () => {
    const call = `.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] })`;
    const deno = await lint({ 'main.ts': `import Anthropic from 'npm:@anthropic-ai/sdk@0.30.1';\nconst a = new Anthropic({ timeout: 30_000 });\nexport const r = await a${call};\n` }, 'main.ts');
    assert.deepEqual(deno.facts.callSites.map((c) => `${c.sdk} ${c.client?.className}`), ['anthropic Anthropic']);
    const cdn = await lint({ 'main.ts': `import OpenAI from 'https://esm.sh/openai@4.52.0';\nconst o = new OpenAI({ timeout: 30_000 });\nexport const r = await o.chat.completions.create({ model: 'gpt-4o', messages: [] });\n` }, 'main.ts');
    assert.deepEqual(cdn.facts.callSites.map((c) => `${c.sdk} ${c.client?.className}`), ['openai OpenAI']);
  });
  it('reads an SDK entry file spelled out (`openai/index`, `openai/index.mjs`) as the package (audit 112, continue)', async () => {
    const body = (spec: string) => `import { OpenAI } from '${spec}';\nconst o = new OpenAI({ timeout: 30_000 });\nexport const r = await o.responses.create({ model: 'gpt-4o', input: 'hi' });\n`;
    for (const spec of ['openai/index', 'openai/index.js', 'openai/index.mjs']) {
      const got = await lint({ 'main.ts': body(spec) }, 'main.ts');
      assert.deepEqual(got.facts.callSites.map((c) => `${c.sdk} ${c.client?.className} ${c.method}`), ['openai OpenAI responses.create'], spec);
    }
    const anthropic = await lint({ 'main.ts': `import Anthropic from '@anthropic-ai/sdk/index';\nconst a = new Anthropic({ timeout: 30_000 });\nexport const r = await a.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [] });\n` }, 'main.ts');
    assert.deepEqual(anthropic.facts.callSites.map((c) => `${c.sdk} ${c.client?.className}`), ['anthropic Anthropic']);
    // Other subpaths are not the entry: `openai/helpers/zod` exports no client class.
    const zod = await lint({ 'main.ts': `import { OpenAI } from 'openai/helpers/zod';\nconst o = new OpenAI();\nexport const r = await o.responses.create({ model: 'gpt-4o', input: 'hi' });\n` }, 'main.ts');
    assert.deepEqual(zod.facts.callSites.filter((c) => c.client?.className === 'OpenAI'), []);
  });
  it('takes a helper with several returns (an early `return \'\'` guard) for a value known only at run time', async () => {
    const app = `import OpenAI from 'openai';
const openai = new OpenAI({ timeout: 30_000 });
async function readPrompt(request: Request): Promise<string> {
  if (!request.body) {
    return '';
  }
  return await request.text();
}
function pickModel(paid: boolean): string {
  if (!paid) return 'gpt-4o-mini';
  return process.env.PAID_MODEL ?? 'gpt-4o';
}
function systemPrompt(): string {
  return 'You are a careful assistant.';
}
export async function POST(request: Request) {
  const prompt = await readPrompt(request);
  const r = await openai.chat.completions.create({ model: pickModel(true), messages: [{ role: 'system', content: systemPrompt() }, { role: 'user', content: prompt }] });
  console.info('llm.usage', r.usage);
  return Response.json(r.choices[0].message);
}
`;
    const { facts } = await lint({ 'app/api/chat/route.ts': app }, 'app/api/chat/route.ts');
    const [site] = facts.callSites;
    assert.equal(site.model.value, null);
    const [system, user] = site.prompt;
    // One return: its literal is the value.
    assert.deepEqual(system.segments.map((g) => g.kind), ['static']);
    assert.deepEqual(user.segments.map((g) => g.kind), ['dynamic']);
  });
  it('documents the base URL variable in the service\'s own .env.example, not a new one at the root', async () => {
    const llm = `import OpenAI from 'openai';
export const client = new OpenAI({ timeout: 30_000 });
`;
    const { result } = await lint({ 'apps/api/.env.example': 'DATABASE_URL=postgres://localhost/app\n', 'apps/api/src/llm.ts': llm }, 'apps/api/src/llm.ts');
    const finding = result.findings.find((f) => f.ruleId === 'direct-provider-endpoint');
    const envEdit = finding?.fix?.edits.find((e) => e.path);
    assert.ok(envEdit, 'the fix documents the variable');
    assert.match(envEdit.path!.split(path.sep).join('/'), /\/apps\/api\/\.env\.example$/);
    assert.ok(!envEdit.createFile);
  });

  it('documents it in a template of another name (.env.template), or a new .env.example in the service\'s directory', async () => {
    const llm = `import OpenAI from 'openai';
export const client = new OpenAI({ timeout: 30_000 });
`;
    const envEditOf = async (files: Record<string, string>) => {
      const { result } = await lint(files, 'apps/api/src/llm.ts');
      const edit = result.findings.find((f) => f.ruleId === 'direct-provider-endpoint')?.fix?.edits.find((e) => e.path);
      assert.ok(edit, 'the fix documents the variable');
      return { path: edit.path!.split(path.sep).join('/'), created: !!edit.createFile };
    };
    const template = await envEditOf({ 'apps/api/.env.template': 'PORT=3000\n', 'apps/api/src/llm.ts': llm, 'package.json': '{ "private": true }\n' });
    assert.match(template.path, /\/apps\/api\/\.env\.template$/);
    assert.equal(template.created, false);
    const fresh = await envEditOf({ 'apps/api/package.json': '{ "name": "api" }\n', 'apps/api/src/llm.ts': llm, 'apps/web/package.json': '{ "name": "web" }\n', 'package.json': '{ "private": true }\n' });
    assert.match(fresh.path, /\/apps\/api\/\.env\.example$/);
    assert.equal(fresh.created, true);
  });

  it('counts AI SDK inline tool definitions as static text, without the execute functions the model never sees', async () => {
    const route = `import { streamText } from 'ai';
import { openai } from '@ai-sdk/openai';
import { z } from 'zod';
export async function POST(req: Request) {
  const { q } = await req.json();
  const result = streamText({
    model: openai('gpt-4o'),
    system: 'You are a nutrition assistant.',
    prompt: q,
    tools: {
      lookup_food: {
        description: 'Look up a food in the USDA database and log it.',
        inputSchema: z.object({ foodQuery: z.string() }),
        execute: async ({ foodQuery }) => {
          const res = await fetch(\`https://api.nal.usda.gov/fdc/v1/foods/search?query=\${foodQuery}\`);
          return (await res.json()).foods.slice(0, 5);
        },
      },
    },
  });
  return result.toUIMessageStreamResponse();
}
`;
    const { facts } = await lint({ 'app/api/chat/route.ts': route }, 'app/api/chat/route.ts');
    const tools = facts.callSites[0].prompt.find((p) => p.role === 'tools')!;
    assert.deepEqual(tools.segments.map((s) => s.kind), ['static']);
    const text = tools.segments[0].kind === 'static' ? tools.segments[0].text : '';
    assert.match(text, /Look up a food/);
    assert.doesNotMatch(text, /execute|fetch/);
  });

  it('reads the provider and model of AI Gateway ids in gateway(…) and createGateway() providers', async () => {
    const route = (imports: string, model: string) => `${imports}\nexport async function answer(q: string) {\n  const r = await generateText({ model: ${model}, prompt: q, abortSignal: AbortSignal.timeout(30_000) });\n  console.info('llm.usage', r.usage);\n  return r.text;\n}\n`;
    for (const [imports, model] of [
      ["import { generateText, gateway } from 'ai';", "gateway('anthropic/claude-sonnet-4.5')"],
      ["import { generateText } from 'ai';\nimport { createGateway } from '@ai-sdk/gateway';\nconst gw = createGateway({ apiKey: process.env.AI_GATEWAY_API_KEY });", "gw('anthropic/claude-sonnet-4.5')"],
      ["import { generateText } from 'ai';", "'anthropic/claude-sonnet-4.5'"],
    ]) {
      const { facts } = await lint({ 'lib/answer.ts': route(imports, model) }, 'lib/answer.ts');
      assert.deepEqual([facts.callSites[0].provider, facts.callSites[0].model.value], ['anthropic', 'claude-sonnet-4.5'], model);
    }
  });
});
