// Audit 51 P3: model groups that are aliases of one deployment (same model, api_base, key and region) are one backend.
// gateway-without-fallback never offers a fallback between them, and says there is no other deployment.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { infraEngine } from './harness';

const config = (second: string) => `model_list:
  - model_name: claude-sonnet-4-6
    litellm_params:
      model: openai//model
      api_base: http://localhost:30000/v1
      api_key: os.environ/LOCAL_KEY
  - model_name: claude-opus-4-7
    litellm_params:
${second}`;

function finding(text: string) {
  const { engine, file } = infraEngine({ 'litellm/config.yaml': text });
  return engine.lint(file('litellm/config.yaml')).findings.find((f) => f.ruleId === 'gateway-without-fallback');
}

describe('gateway-without-fallback with aliases of one deployment', () => {
  it('offers no fallback between aliases and says so', () => {
    const f = finding(config('      model: openai//model\n      api_base: http://localhost:30000/v1\n      api_key: os.environ/LOCAL_KEY\n'));
    assert.ok(f);
    assert.equal(f.fix, undefined);
    assert.equal(
      f.message,
      'LiteLLM proxy config has 2 model groups (claude-sonnet-4-6, claude-opus-4-7) that are all aliases of openai//model at http://localhost:30000/v1 and no fallbacks: there is no other deployment to fall back to, so an outage or rate limit of that backend fails the request',
    );
  });

  it('offers the fallback when the second group is another server, model, key or region', () => {
    for (const second of [
      '      model: openai//model\n      api_base: http://localhost:30001/v1\n      api_key: os.environ/LOCAL_KEY\n',
      '      model: openai/qwen3\n      api_base: http://localhost:30000/v1\n      api_key: os.environ/LOCAL_KEY\n',
      '      model: openai//model\n      api_base: http://localhost:30000/v1\n      api_key: os.environ/OTHER_KEY\n',
    ]) {
      const f = finding(config(second));
      assert.equal(f?.fix?.title, 'Fall back from claude-sonnet-4-6 to claude-opus-4-7', second);
      assert.match(f!.message, /has 2 model groups \(claude-sonnet-4-6, claude-opus-4-7\) and no fallbacks, so an outage/);
    }
  });

  // Audit 81: `ollama/*` routes model names by pattern; as a fallback target the router would ask for the model `ollama/*`.
  it('never names a wildcard group as the fallback target', () => {
    const wildcard = `model_list:
  - model_name: default
    litellm_params: { model: ollama/llama3.1:8b, api_base: http://ollama:11434 }
  - model_name: "ollama/*"
    litellm_params: { model: "ollama/*", api_base: http://ollama:11434 }
`;
    const alone = finding(wildcard);
    assert.ok(alone);
    // No other group to name: the commented template, which names no target.
    assert.equal(alone.fix?.title, 'Add a fallbacks template');
    assert.doesNotMatch(alone.fix!.edits[0].newText, /\["ollama\/\*"\]/);
    assert.match(alone.message, /has 2 model groups \(default, ollama\/\*\) and no fallbacks/);
    const withAnother = finding(`${wildcard}  - model_name: backup
    litellm_params: { model: ollama/qwen3:8b, api_base: http://ollama-b:11434 }
`);
    assert.equal(withAnother?.fix?.title, 'Fall back from default to backup');
  });
});
