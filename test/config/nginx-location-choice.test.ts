// Which nginx location fronts a call: nginx's own choice (exact, `^~`, regex in order, longest prefix), and never a
// catch-all that proxies to another service when the call's route is unknown (onyx: `location /` → the Next.js frontend).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { nginxLocationFor } from '../../server/src/core/topology';
import { engineFor } from '../helpers/lint';

const at = (...paths: string[]) => paths.map((p) => ({ path: p }));

describe('nginxLocationFor', () => {
  it('prefers an exact match, then a ^~ prefix, then the first matching regex, then the longest prefix', () => {
    const locations = at('/', '/api/chat/', '~ ^/api/', '~ ^/api/chat', '^~ /static/', '= /api/chat/ping', '~* \\.PNG$');
    assert.equal(nginxLocationFor(locations, '/api/chat/ping'), 5);
    assert.equal(nginxLocationFor(locations, '/api/chat/send'), 2, 'the first regex, though a prefix and a later regex match too');
    assert.equal(nginxLocationFor(locations, '/static/logo.png'), 4, '^~ stops the regex search');
    assert.equal(nginxLocationFor(locations, '/img/logo.png'), 6, '~* ignores case');
    assert.equal(nginxLocationFor(locations, '/about'), 0);
    assert.equal(nginxLocationFor(at('/api/'), '/health'), null);
  });

  it('matches prefixes as plain string prefixes, as nginx does', () => {
    assert.equal(nginxLocationFor(at('/', '/api'), '/apiv2/chat'), 1);
  });

  it('cannot tell when a regex is not JavaScript syntax', () => {
    assert.equal(nginxLocationFor(at('/', '~ (?i)^/api/'), '/api/chat'), undefined);
  });
});

const ONYX_NGINX = (catchAll: string) => `upstream api_server {
    server api_server:8080 fail_timeout=0;
}

upstream web_server {
    server web_server:3000 fail_timeout=0;
}

server {
    listen 80;

    location ~ ^/(api|openapi.json)(/.*)?$ {
        rewrite ^/api(/.*)$ $1 break;
        proxy_http_version 1.1;
        proxy_buffering off;
        proxy_redirect off;
        proxy_pass http://api_server;
    }
${catchAll}}
`;

const FRONTEND = `
    location / {
        proxy_http_version 1.1;
        proxy_redirect off;
        proxy_pass http://web_server;
    }
`;

const SAME_SERVICE = FRONTEND.replace('web_server', 'api_server');

const CHAT_LLM = (timeout: string) => `from typing import Any

QA_TIMEOUT = 60


class LitellmLLM:
    def __init__(self, model: str, timeout: int | None = None):
        self._model = model
        self._timeout = timeout or QA_TIMEOUT

    def _completion(self, prompt, stream: bool, timeout_override: int | None = None):
        from app.litellm_singleton import litellm

        litellm_args: dict[str, Any] = {
            "model": self._model,
            "messages": prompt,
            "stream": stream,
            "timeout": ${timeout},
            **({"stream_options": {"include_usage": True}} if stream else {}),
        }
        return litellm.completion(**litellm_args)
`;

async function inversions(nginx: string, timeout: string): Promise<string[]> {
  const { engine, root } = await engineFor({
    'deployment/nginx/app.conf.template': nginx,
    'backend/app/chat_llm.py': CHAT_LLM(timeout),
    'backend/app/litellm_singleton/__init__.py': 'import litellm\n\n__all__ = ["litellm"]\n',
  });
  return engine
    .lint(path.join(root, 'deployment/nginx/app.conf.template'))
    .findings.filter((f) => f.ruleId === 'timeout-inversion')
    .map((f) => f.message);
}

describe('nginx: the onyx layout (API behind a regex location, frontend behind location /)', () => {
  it('reports nothing for a call that sets its timeout beside a conditional spread', async () => {
    // Also where location / fronts the call: the timeout is read (not a literal), not taken for LiteLLM's default.
    for (const catchAll of [FRONTEND, SAME_SERVICE]) assert.deepEqual(await inversions(ONYX_NGINX(catchAll), 'timeout_override or self._timeout'), []);
  });

  it('does not blame the frontend location for a backend call whose route is unknown', async () => {
    assert.deepEqual(await inversions(ONYX_NGINX(FRONTEND), '600'), []);
  });

  it('still blames a catch-all that proxies to the only upstream of the server', async () => {
    const found = await inversions(ONYX_NGINX(SAME_SERVICE), '600');
    assert.equal(found.length, 1, found.join('; '));
    assert.match(found[0], /^nginx location \/ waits at most 60 s .* may run 600 s \(timeout on the call/);
  });
});

describe('nginx: location / of a server that also proxies elsewhere', () => {
  const HELPER = `import litellm


def summarize(text: str) -> str:
    r = litellm.completion(model="gpt-4o", messages=[{"role": "user", "content": text}], timeout=600)
    return r.choices[0].message.content
`;
  const found = async (sibling: string) => {
    const nginx = `http {\n  server {\n    listen 80;\n    location / {\n      proxy_pass http://app:8000;\n    }\n${sibling}  }\n}\n`;
    const { engine, root } = await engineFor({ 'nginx/nginx.conf': nginx, 'backend/summary.py': HELPER });
    return engine
      .lint(path.join(root, 'nginx/nginx.conf'))
      .findings.filter((f) => f.ruleId === 'timeout-inversion')
      .map((f) => f.message);
  };

  it('still fronts the app when the other locations only serve static files or call the provider', async () => {
    for (const sibling of ['    location /static/ {\n      proxy_pass http://cdn:8080;\n    }\n', '    location /openai/ {\n      proxy_pass https://api.openai.com/;\n    }\n']) {
      const messages = await found(sibling);
      assert.ok(messages.some((m) => /^nginx location \/ waits at most 60 s/.test(m)), messages.join('; ') || 'no finding');
    }
  });

  it('does not front a call of unknown route when another location proxies to another service', async () => {
    const messages = await found('    location /grafana/ {\n      proxy_pass http://grafana:3000;\n    }\n');
    assert.deepEqual(messages.filter((m) => m.startsWith('nginx location / ')), []);
  });
});
