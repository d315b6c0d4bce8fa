// Audit 102 (GetKlai/klai): `openai/bge-m3` served by TEI beside one chat group was counted as a second model group,
// and the fix fell back from the chat group to it. Embedding, rerank, image and speech deployments are never fallback
// targets, whether `model_info.mode` says so or only their model id does; chat models keep being counted.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { infraEngine } from './harness';

const config = (model: string, mode = '') => `model_list:
  - model_name: primary
    litellm_params:
      model: mistral/mistral-small-2603
      api_key: os.environ/MISTRAL_API_KEY
  - model_name: second
    litellm_params:
      model: ${model}
      api_base: http://models:8080/v1
${mode ? `    model_info:\n      mode: ${mode}\n` : ''}router_settings:
  routing_strategy: simple-shuffle
`;

function finding(text: string) {
  const { engine, file } = infraEngine({ 'litellm/config.yaml': text });
  return engine.lint(file('litellm/config.yaml')).findings.find((f) => f.ruleId === 'gateway-without-fallback');
}

describe('gateway-without-fallback beside non-chat models', () => {
  it('never falls back to an embedding, rerank, image or speech model', () => {
    for (const model of [
      'openai/bge-m3',
      'openai/BAAI/bge-reranker-v2-m3',
      'openai/intfloat/multilingual-e5-large',
      'hosted_vllm/thenlper/gte-large',
      'openai/sentence-transformers/all-MiniLM-L6-v2',
      'openai/all-mpnet-base-v2',
      'openai/moka-ai/m3e-base',
      'openai/shibing624/text2vec-base-chinese',
      'voyage/voyage-3',
      'openai/colbert-ir/colbertv2.0',
      'fireworks_ai/accounts/fireworks/models/flux-1-dev-fp8',
      'openai/nomic-embed-text-v1.5',
      'openai/tts-1',
    ]) {
      const f = finding(config(model));
      assert.ok(f, model);
      assert.equal(f.fix?.title, 'Add a fallbacks template to router_settings', model);
      assert.match(f.message, /has 1 chat model group \(primary\) and no fallbacks/, model);
    }
  });

  it('trusts model_info.mode over the name', () => {
    assert.equal(finding(config('openai/my-model', 'rerank'))?.fix?.title, 'Add a fallbacks template to router_settings');
    assert.equal(finding(config('openai/my-model', 'audio_transcription'))?.fix?.title, 'Add a fallbacks template to router_settings');
    assert.equal(finding(config('openai/bge-chat-tuned', 'chat'))?.fix?.title, 'Fall back from primary to second');
  });

  it('still falls back to chat models whose ids look nothing like embeddings', () => {
    for (const model of [
      'openai/Qwen/Qwen2.5-72B-Instruct',
      'hosted_vllm/deepseek-ai/DeepSeek-V2.5',
      'anthropic/claude-3-5-sonnet-20241022',
      'openai/gpt-5',
      'ollama/llama3.1:8b',
      'openai/microsoft/Phi-3.5-mini-instruct',
      'gemini/gemini-2.5-flash',
      'openai/google/gemma-3-27b-it',
    ]) {
      const f = finding(config(model));
      assert.equal(f?.fix?.title, 'Fall back from primary to second', model);
      assert.match(f!.message, /has 2 model groups \(primary, second\) and no fallbacks/, model);
    }
  });
});
