// Audit 54 P3: hops that never stack are not multiplied. Sibling routes of one VirtualService are alternatives (a
// request takes the first that matches), and a Kustomize overlay's patch of a route replaces the base's values.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const APP = (baseURL: string, call = 'client.chat.completions.create({ model: "gpt-4o", messages: history })') => `import os
from openai import OpenAI

client = OpenAI(base_url="${baseURL}", timeout=120, max_retries=2)

def chat(history):
    r = ${call}
    print(r.usage)
    return r
`;

const route = (name: string, prefix: string | null, retries: string) => `    - name: ${name}
${prefix ? `      match:\n        - uri:\n            prefix: ${prefix}\n` : ''}      route:
        - destination:
            host: litellm.llm.svc.cluster.local
${retries}`;

const vs = (routes: string[], meta = '') => `apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: litellm${meta}
spec:
  hosts:
    - litellm.llm.svc.cluster.local
  http:
${routes.join('')}`;

const retries = (attempts: number, on = '5xx,reset') => `      retries:\n        attempts: ${attempts}\n        retryOn: ${on}\n`;

async function amplification(files: Record<string, string>): Promise<string[]> {
  const { engine, root } = await engineFor(files);
  return engine.lint(path.join(root, 'app/main.py')).findings.filter((f) => f.ruleId === 'retry-amplification').map((f) => /^Up to \d+ attempts per request: [^;]+/.exec(f.message)?.[0] ?? f.message);
}

describe('retry-amplification counts one route of a VirtualService', () => {
  it('takes the worst sibling route when the call\'s path is not served by any of them', async () => {
    const three = vs([route('chat', '/v1/chat/completions', retries(3)), route('embeddings', '/v1/embeddings', retries(3)), route('responses', '/v1/responses', retries(3))]);
    // base_url without /v1: the call asks for /chat/completions, which no route's prefix matches.
    assert.deepEqual(await amplification({ 'app/main.py': APP('http://litellm.llm.svc.cluster.local:4000'), 'k8s/vs.yaml': three }), ['Up to 12 attempts per request: SDK 3 × Istio 4']);
    const uneven = vs([route('chat', '/v1/chat/completions', retries(1)), route('embeddings', '/v1/embeddings', retries(4))]);
    assert.deepEqual(await amplification({ 'app/main.py': APP('http://litellm.llm.svc.cluster.local:4000'), 'k8s/vs.yaml': uneven }), ['Up to 15 attempts per request: SDK 3 × Istio 5']);
  });

  it('takes the first route that matches the call\'s path, in file order', async () => {
    const uneven = vs([route('chat', '/v1/chat/completions', retries(1)), route('embeddings', '/v1/embeddings', retries(4)), route('rest', null, retries(6))]);
    assert.deepEqual(await amplification({ 'app/main.py': APP('http://litellm.llm.svc.cluster.local:4000/v1'), 'k8s/vs.yaml': uneven }), ['Up to 6 attempts per request: SDK 3 × Istio 2']);
    // The catch-all route serves what the others do not: here the Responses API.
    const responses = APP('http://litellm.llm.svc.cluster.local:4000/v1', 'client.responses.create(model="gpt-4o", input=history)');
    assert.deepEqual(await amplification({ 'app/main.py': responses, 'k8s/vs.yaml': uneven }), ['Up to 21 attempts per request: SDK 3 × Istio 7']);
  });
});

describe('retry-amplification counts one copy of a resource', () => {
  const base = vs([route('chat', '/v1/chat/completions', retries(3))]);
  const patch = (attempts: number) => `apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: litellm
spec:
  http:
    - name: chat
      retries:
        attempts: ${attempts}
        retryOn: 5xx,reset
`;
  const app = APP('http://litellm.llm.svc.cluster.local:4000/v1');

  it('uses a Kustomize overlay\'s patch instead of its base, higher or lower', async () => {
    const kustomized = (attempts: number) => ({
      'app/main.py': app,
      'k8s/kustomization.yaml': 'resources:\n  - vs.yaml\n',
      'k8s/vs.yaml': base,
      'k8s/overlays/prod/kustomization.yaml': 'resources:\n  - ../..\npatches:\n  - path: vs-retries.yaml\n',
      'k8s/overlays/prod/vs-retries.yaml': patch(attempts),
    });
    assert.deepEqual(await amplification(kustomized(10)), ['Up to 33 attempts per request: SDK 3 × Istio 11']);
    assert.deepEqual(await amplification(kustomized(1)), ['Up to 6 attempts per request: SDK 3 × Istio 2']);
    // patchesStrategicMerge, through a base directory of its own.
    const legacy = {
      'app/main.py': app,
      'k8s/base/kustomization.yaml': 'resources:\n  - vs.yaml\n',
      'k8s/base/vs.yaml': base,
      'k8s/overlays/prod/kustomization.yaml': 'bases:\n  - ../../base\npatchesStrategicMerge:\n  - vs-retries.yaml\n',
      'k8s/overlays/prod/vs-retries.yaml': patch(1),
    };
    assert.deepEqual(await amplification(legacy), ['Up to 6 attempts per request: SDK 3 × Istio 2']);
  });

  it('keeps the base\'s retries when the patch changes something else', async () => {
    const files = {
      'app/main.py': app,
      'k8s/kustomization.yaml': 'resources:\n  - vs.yaml\n',
      'k8s/vs.yaml': base,
      'k8s/overlays/prod/kustomization.yaml': 'resources:\n  - ../..\npatches:\n  - path: vs-timeout.yaml\n',
      'k8s/overlays/prod/vs-timeout.yaml': 'apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata:\n  name: litellm\nspec:\n  http:\n    - name: chat\n      timeout: 900s\n',
    };
    assert.deepEqual(await amplification(files), ['Up to 12 attempts per request: SDK 3 × Istio 4']);
  });

  it('takes the worst of copies that do not patch one another (one file per environment)', async () => {
    const files = { 'app/main.py': app, 'deploy/staging/vs.yaml': base, 'deploy/prod/vs.yaml': vs([route('chat', '/v1/chat/completions', retries(1))]) };
    assert.deepEqual(await amplification(files), ['Up to 12 attempts per request: SDK 3 × Istio 4']);
  });

  it('still multiplies two different VirtualServices on the path, and resources of different namespaces', async () => {
    const other = vs([route('chat', '/v1/chat/completions', retries(1))]).replace('name: litellm', 'name: litellm-egress');
    assert.deepEqual(await amplification({ 'app/main.py': app, 'k8s/vs.yaml': base, 'k8s/egress.yaml': other }), ['Up to 24 attempts per request: SDK 3 × Istio 4 × Istio 2']);
    const a = vs([route('chat', '/v1/chat/completions', retries(3))], '\n  namespace: llm');
    const b = vs([route('chat', '/v1/chat/completions', retries(1))], '\n  namespace: edge');
    assert.equal((await amplification({ 'app/main.py': app, 'k8s/a.yaml': a, 'k8s/b.yaml': b })).length, 1);
    assert.match((await amplification({ 'app/main.py': app, 'k8s/a.yaml': a, 'k8s/b.yaml': b }))[0], /Istio 4 × Istio 2|Istio 2 × Istio 4/);
  });
});

describe('retry-amplification still stacks two passes through one proxy', () => {
  it('multiplies an nginx location in front of the app with another location of the same file the app calls', async () => {
    const nginx = `events {}
http {
  upstream app_pool { server app-a:3000; server app-b:3000; }
  upstream litellm_pool { server litellm-a:4000; server litellm-b:4000; }
  server {
    server_name chat.example.com;
    location /api/chat {
      proxy_pass http://app_pool;
      proxy_next_upstream error timeout non_idempotent;
    }
  }
  server {
    server_name llm-proxy.internal;
    location /v1/ {
      proxy_pass http://litellm_pool;
      proxy_next_upstream error timeout non_idempotent;
    }
  }
}
`;
    const route = `import OpenAI from 'openai';
const client = new OpenAI({ baseURL: 'http://llm-proxy.internal/v1', timeout: 60_000, maxRetries: 0 });
export async function POST(req: Request) {
  const { q } = await req.json();
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
  return Response.json(r.choices[0].message);
}
`;
    const { engine, root } = await engineFor({ 'nginx/nginx.conf': nginx, 'app/api/chat/route.ts': route }, '{ "rules": { "retry-amplification": ["warning", { "threshold": 1 }] } }');
    const messages = engine.lint(path.join(root, 'app/api/chat/route.ts')).findings.filter((f) => f.ruleId === 'retry-amplification').map((f) => f.message);
    assert.deepEqual(messages, ['Up to 4 attempts per request: nginx 2 × nginx 2; let one layer own retries']);
  });
});
