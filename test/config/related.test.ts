// Cross-layer findings point at the other layer: a finding on a hop carries related information at the LLM call behind it,
// and a finding on a call carries related information at the hops that multiply its attempts. In-memory workspaces only.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Finding, RelatedInfo } from '../../server/src/core/types';
import { engineFor } from '../helpers/lint';

const ROUTE = `import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL });

export async function POST(req: Request) {
  const { q } = await req.json();
  const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: q }] });
  return new Response(stream.toReadableStream());
}
`;

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat
  annotations:
    # Retry the next pod during rollouts.
    nginx.ingress.kubernetes.io/proxy-next-upstream: "error timeout non_idempotent"
    nginx.ingress.kubernetes.io/proxy-next-upstream-tries: "3"
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: /api/chat
            pathType: Prefix
            backend:
              service:
                name: chat
                port:
                  number: 3000
`;

const MESH = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: chat
spec:
  hosts: [chat]
  http:
    - route:
        - destination:
            host: chat
      retries:
        attempts: 3
        retryOn: 5xx,reset
`;

const NGINX = `http {
  server {
    listen 80;
    location /api/chat {
      proxy_pass http://chat:3000;
      proxy_read_timeout 120s;
    }
  }
}
`;

const LITELLM = `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
router_settings:
  num_retries: 2
`;

const FILES = {
  'chat/app/api/chat/route.ts': ROUTE,
  'deploy/ingress.yaml': INGRESS,
  'deploy/mesh.yaml': MESH,
  'deploy/nginx/nginx.conf': NGINX,
  'litellm/config.yaml': LITELLM,
  '.env.example': 'OPENAI_BASE_URL=http://litellm:4000/v1\n',
};

async function lint(files: Record<string, string>): Promise<{ findings: (rel: string, ruleId: string) => Finding[]; text: (p: string) => string; rel: (p: string) => string }> {
  const { engine, root } = await engineFor(files);
  const abs = (rel: string) => path.join(root, rel);
  return {
    findings: (rel, ruleId) => engine.lint(abs(rel)).findings.filter((f) => f.ruleId === ruleId),
    text: (p) => files[path.relative(root, p).split(path.sep).join('/')],
    rel: (p) => path.relative(root, p).split(path.sep).join('/'),
  };
}

/** `related` entries as `file: quoted text — message`, for readable assertions. */
function show(related: RelatedInfo[] | undefined, w: { text: (p: string) => string; rel: (p: string) => string }): string[] {
  return (related ?? []).map((r) => `${w.rel(r.path)}: ${w.text(r.path).slice(r.span.start, r.span.end)} — ${r.message}`);
}

describe('related information on cross-layer findings', () => {
  it('timeout-inversion on an Ingress points at the LLM call behind it', async () => {
    const w = await lint(FILES);
    const [f] = w.findings('deploy/ingress.yaml', 'timeout-inversion');
    assert.ok(f, 'the 60 s ingress-nginx default is shorter than the SDK default of 600 s');
    assert.deepEqual(show(f.related, w), ['chat/app/api/chat/route.ts: create — LLM call that may run 600 s (OpenAI SDK default)']);
  });

  it('timeout-inversion on an nginx location points at the LLM call behind it', async () => {
    const w = await lint(FILES);
    const [f] = w.findings('deploy/nginx/nginx.conf', 'timeout-inversion');
    assert.ok(f);
    assert.equal(w.text(f.path).slice(f.span.start, f.span.end), '120s', 'reported on the hop\'s own timeout');
    assert.deepEqual(show(f.related, w), ['chat/app/api/chat/route.ts: create — LLM call that may run 600 s (OpenAI SDK default)']);
  });

  it('timeout-inversion lists the call\'s own timeout when it sets one', async () => {
    const w = await lint({ ...FILES, 'chat/app/api/chat/route.ts': ROUTE.replace('process.env.OPENAI_BASE_URL }', 'process.env.OPENAI_BASE_URL, timeout: 300_000 }') });
    const [f] = w.findings('deploy/ingress.yaml', 'timeout-inversion');
    assert.ok(f);
    assert.deepEqual(show(f.related, w), ['chat/app/api/chat/route.ts: create — LLM call that may run 300 s (timeout on the client)']);
  });

  it('retry-amplification with infra layers points at each hop\'s retry setting', async () => {
    const w = await lint(FILES);
    const [f] = w.findings('chat/app/api/chat/route.ts', 'retry-amplification');
    assert.ok(f, 'ingress × mesh × SDK × gateway is above the threshold');
    assert.match(f.message, /ingress-nginx 3 × Istio 4 × SDK 3 × LiteLLM proxy 3/);
    assert.deepEqual(show(f.related, w), [
      'deploy/ingress.yaml: "error timeout non_idempotent" — ingress-nginx: 3 attempts',
      'deploy/mesh.yaml: 5xx,reset — Istio: 4 attempts',
      'litellm/config.yaml: 2 — LiteLLM proxy: 3 attempts',
    ]);
  });

  it('retry-amplification from infra alone (one app-side layer) still points at the hops', async () => {
    const w = await lint({ ...FILES, 'litellm/config.yaml': LITELLM.replace('num_retries: 2', 'num_retries: 0') });
    const [f] = w.findings('chat/app/api/chat/route.ts', 'retry-amplification');
    assert.ok(f);
    assert.match(f.message, /Up to 36 attempts per request: ingress-nginx 3 × Istio 4 × SDK 3;/);
    assert.deepEqual(
      show(f.related, w).map((s) => s.split(':')[0]),
      ['deploy/ingress.yaml', 'deploy/mesh.yaml'],
      'layers that make one attempt are not listed',
    );
  });

  it('retried-timeouts on the mesh and the ingress point at the call they re-send', async () => {
    const w = await lint(FILES);
    for (const rel of ['deploy/mesh.yaml', 'deploy/ingress.yaml']) {
      const [f] = w.findings(rel, 'retried-timeouts');
      assert.ok(f, rel);
      assert.deepEqual(show(f.related, w), ['chat/app/api/chat/route.ts: create — LLM call behind this route'], rel);
    }
  });

  it('sse-buffered-by-proxy points at the streaming call', async () => {
    const w = await lint(FILES);
    const [f] = w.findings('deploy/nginx/nginx.conf', 'sse-buffered-by-proxy');
    assert.ok(f);
    assert.deepEqual(show(f.related, w), ['chat/app/api/chat/route.ts: create — streaming LLM call behind this route']);
  });

  it('related entries always name a file of the workspace and a span inside it', async () => {
    const w = await lint(FILES);
    const all = Object.keys(FILES).flatMap((rel) => ['timeout-inversion', 'retried-timeouts', 'sse-buffered-by-proxy', 'retry-amplification'].flatMap((id) => w.findings(rel, id)));
    assert.ok(all.length >= 6);
    for (const f of all) {
      assert.ok(f.related?.length, `${f.ruleId} in ${w.rel(f.path)} has related information`);
      for (const r of f.related!) {
        const text = w.text(r.path);
        assert.ok(text !== undefined, `${r.path} is a workspace file`);
        assert.ok(r.span.start >= 0 && r.span.start < r.span.end && r.span.end <= text.length, `${f.ruleId}: span inside ${w.rel(r.path)}`);
        assert.notEqual(r.path, f.path, `${f.ruleId} points at another layer`);
      }
    }
  });
});
