// Audit 51 P2: in front of a LiteLLM proxy, a deployment's own litellm_params.timeout bounds each attempt: LiteLLM's
// router takes it before router_settings.timeout and litellm_settings.request_timeout (Router._get_non_stream_timeout).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const NGINX = (read: string) => `events {}
http {
  upstream litellm_backend { server litellm:4000; }
  server {
    listen 80;
    location / {
      proxy_pass http://litellm_backend;
      proxy_read_timeout ${read};
    }
  }
}
`;

const deployment = (name: string, params = '') => `  - model_name: ${name}
    litellm_params:
      model: openai/${name}
      api_base: http://vllm:8000/v1
${params}`;

async function inversion(read: string, config: string): Promise<string | undefined> {
  const { engine, root } = await engineFor({ 'nginx/nginx.conf': NGINX(read), 'litellm/config.yaml': config });
  return engine.lint(path.join(root, 'nginx/nginx.conf')).findings.find((f) => f.ruleId === 'timeout-inversion')?.message;
}

describe('timeout-inversion in front of LiteLLM deployments with their own timeouts', () => {
  it('uses the deployment timeout when the router sets none', async () => {
    const config = `model_list:\n${deployment('qwen', '      timeout: 60\n')}router_settings:\n  num_retries: 1\n`;
    assert.equal(await inversion('300s', config), undefined);
    assert.match((await inversion('100s', config))!, /may run 120 s \(LiteLLM proxy in config\.yaml: 60 s per attempt × 2 attempts\)/);
  });

  it('prefers the deployment timeout to a longer router timeout', async () => {
    const config = `model_list:\n${deployment('qwen', '      timeout: 60\n')}router_settings:\n  num_retries: 1\n  timeout: 600\n`;
    assert.equal(await inversion('300s', config), undefined);
  });

  it('reads request_timeout in litellm_params as the deployment timeout', async () => {
    const config = `model_list:\n${deployment('qwen', '      request_timeout: 60\n')}router_settings:\n  num_retries: 1\n`;
    assert.equal(await inversion('300s', config), undefined);
  });

  it('takes the longest deployment when model groups differ, and the router timeout for one without its own', async () => {
    const both = `model_list:\n${deployment('fast', '      timeout: 30\n')}${deployment('slow', '      timeout: 240\n')}router_settings:\n  num_retries: 1\n`;
    assert.match((await inversion('300s', both))!, /may run 480 s \(LiteLLM proxy in config\.yaml: 240 s per attempt × 2 attempts\)/);
    const mixed = `model_list:\n${deployment('fast', '      timeout: 30\n')}${deployment('slow')}router_settings:\n  num_retries: 1\n  timeout: 200\n`;
    assert.match((await inversion('300s', mixed))!, /may run 400 s \(LiteLLM proxy in config\.yaml: 200 s per attempt × 2 attempts\)/);
  });

  it('falls back to the SDK default when a chat deployment has no timeout and the router none either', async () => {
    const config = `model_list:\n${deployment('fast', '      timeout: 30\n')}${deployment('slow')}router_settings:\n  num_retries: 1\n`;
    assert.match((await inversion('300s', config))!, /SDK clients wait 600 s by default/);
    // An embedding deployment without a timeout does not generate: it does not count.
    const embeddings = `model_list:\n${deployment('qwen', '      timeout: 60\n')}${deployment('text-embedding-3-small')}router_settings:\n  num_retries: 1\n`;
    assert.equal(await inversion('300s', embeddings), undefined);
  });

  it('counts a stream_timeout longer than the timeout: a stream may wait that long for its first chunk', async () => {
    const config = `model_list:\n${deployment('qwen', '      timeout: 60\n      stream_timeout: 200\n')}router_settings:\n  num_retries: 1\n`;
    assert.match((await inversion('300s', config))!, /may run 400 s/);
    const shorter = `model_list:\n${deployment('qwen', '      timeout: 60\n      stream_timeout: 20\n')}router_settings:\n  num_retries: 1\n`;
    assert.equal(await inversion('300s', shorter), undefined);
  });
});
