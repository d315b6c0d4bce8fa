// LlamaIndex.TS (audit 205): `new OpenAI({…})` / `new Anthropic({…})` from @llamaindex/openai, @llamaindex/anthropic or
// the all-in-one `llamaindex` package are clients, and their `chat` / `complete` calls are call sites.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { callTimeout } from '../../server/src/core/topology';
import { codeRetryLayers } from '../../server/src/core/retry-chain';
import { engineFor } from '../helpers/lint';

async function factsOf(files: Record<string, string>, at = 'src/llm.ts') {
  const { engine, root } = await engineFor(files);
  const file = path.join(root, at);
  engine.lint(file);
  return engine.facts(file)!;
}

describe('LlamaIndex.TS LLMs', () => {
  it('reads the model, prompt, output cap and streaming of chat and complete', async () => {
    const facts = await factsOf({
      'src/llm.ts': `import { OpenAI } from '@llamaindex/openai';
import { Anthropic } from '@llamaindex/anthropic';
import { OpenAI as AllInOne } from 'llamaindex';

const MODEL = 'gpt-4o-mini';
const llm = new OpenAI({ model: MODEL, maxTokens: 512 });
const claude = new Anthropic({ model: 'claude-3-5-sonnet-latest', timeout: 20_000, maxRetries: 1 });
const old = new AllInOne({ model: process.env.MODEL ?? 'gpt-4o' });

export async function a(q: string) {
  const r = await llm.chat({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: q }] });
  return r.message.content;
}

export async function b(q: string) {
  const stream = await claude.chat({ messages: [{ role: 'user', content: q }], stream: true });
  for await (const chunk of stream) process.stdout.write(chunk.delta);
}

export async function c(q: string, stream: boolean) {
  const r = await old.complete({ prompt: \`Answer: \${q}\`, stream });
  return r;
}

export async function d(q: string) {
  // LlamaIndex.TS 0.0.x: positional arguments, streaming third.
  return old.complete(q, undefined, true);
}
`,
    });
    const rows = facts.callSites.map((s) => [s.sdk, s.method, s.provider, s.model.value, s.maxOutputTokens, s.streaming, s.usage, s.client?.className]);
    assert.deepEqual(rows, [
      ['llamaindex', 'chat', 'openai', 'gpt-4o-mini', 512, false, 'unknown', 'OpenAI'],
      ['llamaindex', 'chat', 'anthropic', 'claude-3-5-sonnet-latest', null, true, 'unknown', 'Anthropic'],
      ['llamaindex', 'complete', 'openai', 'gpt-4o', null, null, 'unknown', 'OpenAI'],
      ['llamaindex', 'complete', 'openai', 'gpt-4o', null, true, 'unknown', 'OpenAI'],
    ]);
    assert.deepEqual(facts.callSites[0].prompt.map((p) => p.role), ['system', 'user']);
    assert.deepEqual(facts.callSites[2].prompt.map((p) => p.role), ['user']);
    // The LLM's defaults (10 retries, 60 s) unless it sets its own.
    assert.deepEqual([callTimeout(facts.callSites[0]).seconds, codeRetryLayers(facts.callSites[0]).map((l) => l.attempts)], [60, [11]]);
    assert.deepEqual([callTimeout(facts.callSites[1]).seconds, codeRetryLayers(facts.callSites[1]).map((l) => l.attempts)], [20, [2]]);
  });

  it('near misses: the openai SDK, a project class named OpenAI, an LLM handed a session, chat on other objects', async () => {
    const facts = await factsOf({
      'src/own.ts': `export class OpenAI {
  async chat(params: { messages: unknown[] }) { return params; }
}
`,
      'src/llm.ts': `import { OpenAI as Client } from 'openai';
import { OpenAI as LlamaOpenAI } from '@llamaindex/openai';
import { OpenAI } from './own';

const own = new OpenAI();
const client = new Client();
const sessioned = new LlamaOpenAI({ model: 'gpt-4o', session: { openai: client } as never });
const bot = { chat: async (x: unknown) => x };

export async function run(q: string) {
  await own.chat({ messages: [{ role: 'user', content: q }] });
  await sessioned.chat({ messages: [{ role: 'user', content: q }] });
  await bot.chat({ messages: [] });
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
}
`,
    });
    assert.deepEqual(facts.callSites.map((s) => [s.sdk, s.method]), [['openai', 'chat.completions.create']]);
    // The openai SDK's own client keeps openai-node's defaults.
    assert.deepEqual([callTimeout(facts.callSites[0]).seconds, codeRetryLayers(facts.callSites[0]).map((l) => l.attempts)], [600, [3]]);
    assert.deepEqual(facts.clients.map((c) => [c.sdk, c.className]), [['openai', 'OpenAI']]);
  });
});
