import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig, type TopologyEntry } from '../../server/src/core/config';
import { callSitesBehind, callTimeout, describeChain, describeHopChain, hopsFronting, infraRetryLayers, llmRoute, requestPathsOf, retryLayersOfHop, routeMatches } from '../../server/src/core/topology';
import type { ArgsFact, EnvDefinition, FileFacts, Hop, LlmCallSite, ValueFact } from '../../server/src/core/types';
import type { WorkspaceView } from '../../server/src/core/workspace-view';
import { analyzeNginx } from '../../server/src/languages/config/nginx-front-end';
import { analyzeYaml } from '../../server/src/languages/config/yaml-front-end';

const ROOT = '/ws';
const at = (rel: string) => path.join(ROOT, rel);
const S = { start: 0, end: 1 };

function args(options: Record<string, ValueFact> = {}): ArgsFact {
  return { span: S, hasSpread: false, callArgsSpan: S, options: Object.fromEntries(Object.entries(options).map(([k, v]) => [k, { key: k, keySpan: S, span: S, value: v }])) };
}
const num = (value: number): ValueFact => ({ kind: 'number', value, span: S });
const env = (name: string): ValueFact => ({ kind: 'env', name, span: S });
const lit = (value: string): ValueFact => ({ kind: 'string', value, span: S });

function site(rel: string, opts: { reason?: string | null; client?: Record<string, ValueFact> | null; call?: Record<string, ValueFact>; sdk?: LlmCallSite['sdk']; language?: LlmCallSite['language']; streaming?: boolean } = {}): LlmCallSite {
  const p = at(rel);
  const sdk = opts.sdk ?? 'openai';
  return {
    id: `${p}#0`, path: p, language: opts.language ?? 'typescript', span: S, nameSpan: S, provider: 'openai', sdk, method: 'chat.completions.create',
    model: { value: 'gpt-4o', literal: true }, streaming: opts.streaming ?? false, args: args(opts.call), prompt: [], maxOutputTokens: null,
    client: opts.client === null ? null : { path: p, sdk, provider: 'openai', className: 'OpenAI', span: S, nameSpan: S, args: args(opts.client ?? {}) },
    enclosingFunction: { name: 'POST', span: S, requestPath: opts.reason === undefined ? 'Next.js route handler POST' : opts.reason },
    retries: [], inSpan: false, usage: 'read',
  };
}

function view(hops: Hop[], sites: LlmCallSite[], envDefinitions: EnvDefinition[] = [], topology: TopologyEntry[] = []): WorkspaceView {
  return {
    root: ROOT, config: { ...defaultConfig(), topology }, envDefinitions, dependencies: new Set(), instrumentation: [], hops,
    callSites: () => sites, files: () => [] as FileFacts[], readText: () => undefined,
  };
}

const ingress = (name: string, p: string, service: string, extra = '') => analyzeYaml(at(`deploy/${name}.yaml`), `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  annotations:
    nginx.ingress.kubernetes.io/proxy-next-upstream-tries: "3"${extra}
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: ${p}
            pathType: Prefix
            backend: { service: { name: ${service}, port: { number: 80 } } }
`).hops;

const mesh = analyzeYaml(at('deploy/mesh.yaml'), `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: chat }
spec:
  hosts: [chat]
  http:
    - route: [{ destination: { host: chat } }]
      retries: { attempts: 3, retryOn: "connect-failure,5xx" }
`).hops;

const litellm = analyzeYaml(at('litellm/config.yaml'), 'model_list:\n  - model_name: gpt-4o\n    litellm_params: { model: openai/gpt-4o }\n').hops;

describe('topology: association', () => {
  const chat = site('services/chat/app/api/chat/route.ts');
  const billing = site('services/billing/src/handler.ts', { reason: 'route POST /invoices' });

  it('puts ingress before mesh before the app, and a LiteLLM gateway behind it when the base URL points there', () => {
    const hops = [...mesh, ...ingress('chat', '/api/chat', 'chat'), ...litellm];
    const ws = view(hops, [chat], [{ path: at('.env'), name: 'OPENAI_BASE_URL', value: 'http://litellm:4000/v1', span: S }]);
    assert.deepEqual(hopsFronting(chat, ws).map((h) => h.kind), ['ingress-nginx', 'istio', 'litellm']);
    const layers = infraRetryLayers(chat, ws);
    assert.deepEqual(layers.outer.map((l) => [l.kind, l.attempts]), [['ingress', 1], ['mesh', 4]]);
    assert.deepEqual(layers.inner.map((l) => [l.kind, l.label, l.attempts]), [['gateway', 'LiteLLM proxy', 3]]);
    assert.equal(describeHopChain(chat, ws), 'ingress-nginx Ingress chat (60 s default, 1 attempt) → Istio VirtualService chat (no timeout, 4 attempts) → app → LiteLLM proxy (6000 s default, 3 attempts)');
  });

  it('matches routes by request path and skips routes of other services and static files', () => {
    const hops = [...ingress('chat', '/api/chat', 'chat'), ...ingress('billing', '/invoices', 'billing'), ...ingress('assets', '/static', 'chat')];
    const ws = view(hops, [chat, billing]);
    assert.deepEqual(hopsFronting(chat, ws).map((h) => h.name), ['Ingress chat']);
    assert.deepEqual(hopsFronting(billing, ws).map((h) => h.name), ['Ingress billing']);
    assert.deepEqual(callSitesBehind(hops[0], ws).map((s) => s.path), [chat.path]);
    assert.deepEqual(callSitesBehind(hops[2], ws), []);
  });

  it('lets a catch-all route front the code of its own service only', () => {
    const hops = ingress('web', '/', 'billing');
    const ws = view(hops, [chat, billing]);
    assert.deepEqual(hopsFronting(chat, ws), []);
    assert.equal(hopsFronting(billing, ws).length, 1);
  });

  it('keeps batch scripts out from behind a catch-all route, unless they serve a request', () => {
    const hops = ingress('web', '/', 'chat');
    const app = site('app/main.py', { reason: 'route POST /chat', language: 'python' });
    const job = site('scripts/backfill.py', { reason: null, language: 'python' });
    const served = site('scripts/serve.py', { reason: 'route POST /ask', language: 'python' });
    const ws = view(hops, [app, job, served]);
    assert.equal(hopsFronting(app, ws).length, 1);
    assert.deepEqual(hopsFronting(job, ws), []);
    assert.equal(hopsFronting(served, ws).length, 1);
  });

  describe('in a monorepo', () => {
    const codeFile = (rel: string) => ({ path: at(rel), language: 'typescript' }) as FileFacts;
    const withCode = (hops: Hop[], sites: LlmCallSite[], code: string[]): WorkspaceView => ({ ...view(hops, sites), files: () => [...sites.map((s) => codeFile(path.relative(ROOT, s.path))), ...code.map(codeFile)] });
    const vs = (rel: string, host: string) => analyzeYaml(at(rel), `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: ${host} }\nspec:\n  hosts: [${host}]\n  http:\n    - route: [{ destination: { host: ${host}.prod.svc.cluster.local } }]\n      retries: { attempts: 3, retryOn: gateway-error }\n`).hops;
    const proxy = (rel: string, upstream: string) => analyzeNginx(at(rel), `server { location / { proxy_pass ${upstream}; } }`).hops;
    const chatPy = site('chat/main.py', { reason: null });

    it('keeps a route named after its own directory to that service', () => {
      const hops = vs('payments/k8s/vs.yaml', 'payments');
      assert.deepEqual(hopsFronting(chatPy, withCode(hops, [chatPy], [])), []);
      // Kept beside no code of any service, the same route under deploy/ speaks for the workspace.
      const shared = vs('deploy/k8s/vs.yaml', 'payments');
      assert.equal(hopsFronting(chatPy, withCode(shared, [chatPy], [])).length, 1);
    });

    it('keeps nginx in front of a local process to the code beside it', () => {
      const hops = proxy('ledger/nginx.conf', 'http://127.0.0.1:8000');
      assert.deepEqual(hopsFronting(chatPy, withCode(hops, [chatPy], ['ledger/server.ts'])), []);
      assert.equal(hopsFronting(chatPy, withCode(hops, [chatPy], [])).length, 1, 'no code beside it: it may front any');
    });

    it('does not let an upstream named after another service front this one', () => {
      const hops = vs('infra/istio/vs.yaml', 'ledger');
      assert.deepEqual(hopsFronting(chatPy, withCode(hops, [chatPy], ['services/ledger/app.ts'])), []);
      assert.equal(hopsFronting(chatPy, withCode(hops, [chatPy], [])).length, 1);
    });

    it('still lets a front-end nginx proxy to the backend of the same repository', () => {
      const hops = proxy('frontend/nginx.conf', 'http://backend:8000');
      const api = site('backend/app/main.py', { reason: 'route POST /api/chat' });
      assert.equal(hopsFronting(api, withCode(hops, [api], ['frontend/src/App.tsx'])).length, 1);
      // A generic name names this code only within the hop's scope: `api` folders are everywhere.
      const other = proxy('billing/nginx.conf', 'http://api:5001');
      assert.deepEqual(hopsFronting(site('chat/app/api/chat/route.ts'), withCode(other, [site('chat/app/api/chat/route.ts')], ['billing/src/index.ts'])), []);
    });
  });

  it('follows nginx prefix rewrites (location /api/ → proxy_pass http://app/)', () => {
    const nginx = analyzeNginx(at('nginx/nginx.conf'), 'server { location /backend/ { proxy_pass http://web:3000/api/; } location /other/ { proxy_pass http://web:3000/other/; } }').hops;
    const ws = view(nginx, [site('app/api/chat/route.ts')]);
    assert.deepEqual(hopsFronting(ws.callSites()[0], ws).map((h) => h.name), ['nginx location /backend/']);
    // A bare `/` replaces the whole prefix: `/api/chat` reaches the app as `/chat`.
    const strip = analyzeNginx(at('nginx/nginx.conf'), 'server { location /api/ { proxy_pass http://web:3000/; } location /admin/ { proxy_pass http://web:3000; } }').hops;
    const fastapi = view(strip, [site('main.py', { reason: 'route POST /chat', language: 'python' })]);
    assert.deepEqual(hopsFronting(fastapi.callSites()[0], fastapi).map((h) => h.name), ['nginx location /api/']);
  });

  it('uses the configured topology instead of the default association', () => {
    const hops = [...ingress('chat', '/api/chat', 'chat'), ...ingress('other', '/x', 'zzz')];
    const ws = view(hops, [chat], [], [{ code: ['services/chat/**'], hops: ['Ingress other', 'deploy/mesh.yaml'] }]);
    assert.deepEqual(hopsFronting(chat, ws).map((h) => h.name), ['Ingress other']);
    const ws2 = view([...hops, ...mesh], [chat], [], [{ code: ['services/chat/**'], hops: ['Ingress other', 'deploy/mesh.yaml'] }]);
    assert.deepEqual(hopsFronting(chat, ws2).map((h) => h.name), ['Ingress other', 'VirtualService chat']);
  });

  it('associates an Istio egress route for the provider host with calls that use the default base URL', () => {
    const egress = analyzeYaml(at('mesh/egress.yaml'), 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: openai}\nspec:\n  hosts: [api.openai.com]\n  http:\n    - route: [{destination: {host: api.openai.com}}]\n      timeout: 30s\n').hops;
    const ws = view(egress, [chat]);
    assert.deepEqual(hopsFronting(chat, ws).map((h) => h.name), ['VirtualService openai']);
    const viaGateway = view(egress, [site('a/b.ts', { client: { baseURL: lit('http://litellm:4000') } })]);
    assert.deepEqual(hopsFronting(viaGateway.callSites()[0], viaGateway), []);
  });

  it('reads request paths from handler reasons and Next.js file routes', () => {
    assert.deepEqual(requestPathsOf(site('app/(chat)/api/chat/[id]/route.ts'), ROOT), ['/api/chat/:id']);
    assert.deepEqual(requestPathsOf(site('src/server.ts', { reason: 'called from handle (route POST /v1/ask)' }), ROOT), ['/v1/ask']);
    assert.deepEqual(requestPathsOf(site('pages/api/chat.ts', { reason: 'Next.js API route' }), ROOT), ['/api/chat']);
    assert.deepEqual(requestPathsOf(site('worker.ts', { reason: null }), ROOT), []);
  });

  it('matches route path syntaxes', () => {
    assert.ok(routeMatches('/api/', '/api/chat'));
    assert.ok(routeMatches('/api', '/api/chat'));
    assert.ok(!routeMatches('/api', '/apix'));
    assert.ok(routeMatches('= /chat', '/chat'));
    assert.ok(!routeMatches('= /chat', '/chat/x'));
    assert.ok(routeMatches('~ ^/v[0-9]/chat', '/v1/chat'));
    assert.ok(!routeMatches('~ (', '/x'));
  });
});

describe('topology: LLM routes', () => {
  it('recognises provider, gateway and API-path routes, and routes that front code', () => {
    const nginx = analyzeNginx(at('nginx.conf'), `server {
  location /openai/ { proxy_pass https://api.openai.com/; }
  location /gw/ { proxy_pass http://litellm:4000; }
  location /v1/chat/completions { proxy_pass http://backend; }
  location /chat { proxy_pass http://backend; }
  location /users { proxy_pass http://backend; }
  location /static/ { proxy_pass http://cdn; }
}`).hops;
    const ws = view(nginx, []);
    assert.deepEqual(nginx.map((h) => [llmRoute(h, ws).llm, llmRoute(h, ws).strong]), [[true, true], [true, true], [true, true], [true, false], [false, false], [false, false]]);
    const withCode = view(nginx, [site('users/route.ts', { reason: 'route POST /users' })]);
    assert.equal(llmRoute(nginx[4], withCode).llm, true);
  });

  it('takes an Envoy AI Gateway route for a model route whatever its backends are named; an HTTPRoute to them is not (audit 180)', () => {
    const rules = 'rules:\n    - backendRefs:\n        - name: primary\n        - name: secondary\n';
    const routes = analyzeYaml(at('deploy/routes.yaml'), `apiVersion: aigateway.envoyproxy.io/v1alpha1
kind: AIGatewayRoute
metadata: { name: failover }
spec:
  ${rules}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: plain }
spec:
  ${rules}`).hops;
    const ws = view(routes, []);
    assert.deepEqual(routes.map((h) => llmRoute(h, ws)).map((r) => [r.llm, r.strong, r.byNameOnly ?? false, r.reason]), [
      [true, true, false, 'Envoy AI Gateway backends primary, secondary'],
      [false, false, false, 'no LLM upstream, path or code behind it'],
    ]);
  });
});

describe('topology: timeouts and chains', () => {
  it('reads call timeouts: explicit (per unit), per request, defaults, none and unknown', () => {
    assert.deepEqual(callTimeout(site('a.ts', { client: { timeout: num(90_000) } })), { seconds: 90, source: 'explicit', label: 'timeout on the client' });
    assert.equal(callTimeout(site('a.py', { language: 'python', client: { timeout: num(30) } })).seconds, 30);
    assert.equal(callTimeout(site('a.py', { language: 'python', client: { timeout: { kind: 'dynamic', text: 'httpx.Timeout(120, connect=5)', span: S } } })).seconds, 120);
    assert.deepEqual(callTimeout(site('a.ts')), { seconds: 600, source: 'default', label: 'OpenAI SDK default' });
    assert.equal(callTimeout(site('a.ts', { client: { timeout: env('LLM_TIMEOUT') } })).source, 'unknown');
    assert.equal(callTimeout(site('a.ts', { client: null })).source, 'unknown');
    assert.deepEqual(callTimeout(site('a.ts', { sdk: 'ai-sdk', client: null })), { seconds: null, source: 'default', label: 'AI SDK has no default timeout' });
    assert.equal(callTimeout(site('a.ts', { sdk: 'ai-sdk', client: null, call: { abortSignal: { kind: 'dynamic', text: 'AbortSignal.timeout(30_000)', span: S } } })).seconds, 30);
    const perRequest = { ...site('a.ts', { client: { timeout: num(600_000) } }), requestOptions: args({ timeout: num(20_000) }) };
    assert.equal(callTimeout(perRequest).seconds, 20);
    // `async with asyncio.timeout(25):` around a call of a client that sets none.
    assert.deepEqual(callTimeout({ ...site('a.py', { language: 'python' }), deadlineSeconds: 25 }), { seconds: 25, source: 'explicit', label: 'asyncio deadline around the call' });
    // axios and node-fetch take `timeout: 0` as none, not as a limit of 0 s (audit 110).
    const raw = { ...site('a.js', { sdk: 'http', client: null }), method: 'fetch' };
    assert.deepEqual(callTimeout({ ...raw, httpClient: 'node-fetch', requestOptions: args({ timeout: num(0) }) }), { seconds: null, source: 'explicit', label: 'timeout 0 (none) on the request' });
    assert.equal(callTimeout({ ...raw, httpClient: 'node-fetch', requestOptions: args({ timeout: num(30_000) }) }).seconds, 30);
  });

  it('turns hops into retry layers and describes chains', () => {
    const [ing] = ingress('chat', '/api/chat', 'chat', '\n    nginx.ingress.kubernetes.io/proxy-next-upstream: "error timeout non_idempotent"');
    assert.deepEqual([retryLayersOfHop(ing).kind, retryLayersOfHop(ing).attempts], ['ingress', 3]);
    assert.equal(retryLayersOfHop(ingress('chat', '/api/chat', 'chat')[0]).attempts, 1);
    assert.equal(
      describeChain([
        { kind: 'ingress', label: 'ingress-nginx', attempts: 1, source: 'default' },
        { kind: 'mesh', label: 'Istio', attempts: 3, source: 'default' },
        { kind: 'loop', label: 'loop', attempts: 5, source: 'explicit' },
        { kind: 'sdk', label: 'SDK', attempts: 3, source: 'default' },
        { kind: 'loop', label: 'loop', attempts: null, source: 'explicit' },
      ]),
      'ingress 1 × mesh 3 × app loop 5 × SDK 3 × app loop ∞',
    );
  });
});
