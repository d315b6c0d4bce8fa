// nginx in front of the workspace's LiteLLM proxy waits as long as the proxy tries (its timeout × its attempts), not
// an SDK client's 600 s default.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
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

const LITELLM = (settings: string) => `model_list:
  - model_name: qwen3
    litellm_params:
      model: ollama/qwen3
      api_base: http://ollama:11434
router_settings:
${settings}
`;

async function inversion(read: string, settings: string): Promise<string | undefined> {
  const { engine, root } = await engineFor({ 'nginx/nginx.conf': NGINX(read), 'litellm/config.yaml': LITELLM(settings) });
  return engine.lint(path.join(root, 'nginx/nginx.conf')).findings.find((f) => f.ruleId === 'timeout-inversion')?.message;
}

describe('timeout-inversion in front of a LiteLLM proxy', () => {
  it("compares with the proxy's timeout times its attempts", async () => {
    assert.equal(await inversion('120s', '  num_retries: 0\n  timeout: 60'), undefined);
    assert.match((await inversion('30s', '  num_retries: 0\n  timeout: 60'))!, /may run 60 s \(LiteLLM proxy in config\.yaml: 60 s per attempt × 1 attempt\)/);
    assert.match((await inversion('120s', '  num_retries: 2\n  timeout: 60'))!, /may run 180 s/);
    // Then the fallback group, tried as many times.
    assert.match((await inversion('200s', '  num_retries: 2\n  timeout: 60\n  fallbacks: [{"qwen3": ["qwen3-small"]}]'))!, /may run 360 s \(LiteLLM proxy in config\.yaml: 60 s per attempt × 3 attempts × 2 model groups with fallbacks\)/);
  });

  it('keeps the SDK default when the proxy leaves its timeout at the default', async () => {
    assert.match((await inversion('120s', '  num_retries: 0'))!, /SDK clients wait 600 s by default/);
  });
});

describe('routes to a LiteLLM proxy that run no generation', () => {
  it('leaves the model list, the admin UI and the key API alone, and keeps the inference route', async () => {
    const nginx = `events {}
http {
  upstream litellm { server litellm:4000; }
  server {
    listen 80;
    location /v1/chat/ { proxy_pass http://litellm; proxy_read_timeout 60s; }
    location /v1/models { proxy_pass http://litellm; }
    location = /models { proxy_pass http://litellm; }
    location /ui/ { proxy_pass http://litellm; }
    location /key/ { proxy_pass http://litellm; }
  }
}
`;
    const { engine, root } = await engineFor({ 'nginx/nginx.conf': nginx, 'litellm/config.yaml': LITELLM('  num_retries: 2\n  timeout: 120') });
    const text = nginx;
    const lines = engine.lint(path.join(root, 'nginx/nginx.conf')).findings.filter((f) => f.ruleId === 'timeout-inversion').map((f) => text.slice(0, f.span.start).split('\n').length);
    assert.deepEqual(lines, [6]);
  });
});
