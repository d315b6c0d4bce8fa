// @huggingface/inference (audit 191): chat completion and text generation requests of an `InferenceClient` /
// `HfInference`, also through `hf.endpoint(url)`, are call sites; its other tasks are not.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { callTimeout } from '../../server/src/core/topology';
import { codeRetryLayers } from '../../server/src/core/retry-chain';
import { engineFor } from '../helpers/lint';

async function factsOf(text: string) {
  const { engine, root } = await engineFor({ 'src/hf.ts': text });
  const file = path.join(root, 'src/hf.ts');
  engine.lint(file);
  return engine.facts(file)!;
}

describe('@huggingface/inference', () => {
  it('reads model, prompt, output cap, streaming and usage of each request', async () => {
    const facts = await factsOf(`import { HfInference, InferenceClient } from '@huggingface/inference';

const hf = new HfInference(process.env.HF_TOKEN);
const client = new InferenceClient(process.env.HF_TOKEN);
const tgi = client.endpoint('http://localhost:8080');

export async function a(q: string) {
  const r = await hf.chatCompletion({ model: 'meta-llama/Llama-3.1-8B-Instruct:together', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: q }], max_tokens: 300 });
  return r.choices[0].message.content;
}

export async function b(q: string) {
  for await (const chunk of client.chatCompletionStream({ model: 'google/gemma-2-2b-it', messages: [{ role: 'user', content: q }] })) console.log(chunk);
}

export async function c(inputs: string) {
  const out = await hf.textGeneration({ model: 'gpt2', inputs, parameters: { max_new_tokens: 100 } });
  return out.generated_text;
}

export async function d(q: string) {
  const r = await tgi.chatCompletion({ model: 'tgi', messages: [{ role: 'user', content: q }] });
  return r;
}

export async function e(p: string) {
  await client.textToImage({ inputs: p });
  return client.featureExtraction({ inputs: p });
}
`);
    const rows = facts.callSites.map((s) => [s.sdk, s.method, s.provider, s.model.value, s.maxOutputTokens, s.streaming, s.usage, s.client?.className]);
    assert.deepEqual(rows, [
      ['huggingface', 'chatCompletion', 'unknown', 'meta-llama/Llama-3.1-8B-Instruct', 300, false, 'discarded', 'HfInference'],
      // Each chunk is logged whole, usage included.
      ['huggingface', 'chatCompletionStream', 'unknown', 'google/gemma-2-2b-it', null, true, 'read', 'InferenceClient'],
      ['huggingface', 'textGeneration', 'unknown', 'gpt2', 100, false, 'unknown', 'HfInference'],
      // An endpoint copy sends to its URL, whatever model the request names.
      ['huggingface', 'chatCompletion', 'unknown', null, null, false, 'escapes', 'InferenceClient'],
    ]);
    assert.deepEqual(facts.callSites[0].prompt.map((p) => p.role), ['system', 'user']);
    assert.deepEqual(facts.callSites[2].prompt.map((p) => p.role), ['user']);
    // One fetch per request and no timer of its own: no SDK retry layer, no default timeout.
    assert.deepEqual([callTimeout(facts.callSites[0]).seconds, codeRetryLayers(facts.callSites[0]).map((l) => l.attempts)], [null, [1]]);
  });

  it('near misses: methods of that name on other objects', async () => {
    const facts = await factsOf(`import { OpenAIClient } from './openai-client';

const hf = new OpenAIClient();
const window = { aiStack: { chatCompletion: async (x: unknown) => x } };

export async function run(q: string) {
  await window.aiStack.chatCompletion({ messages: [{ role: 'user', content: q }] });
  return hf.chatCompletion({ model: 'gpt-4o', messages: [] });
}
`);
    assert.equal(facts.callSites.length, 0);
  });
});
