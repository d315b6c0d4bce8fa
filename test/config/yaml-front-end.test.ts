import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ConfigHop } from '../../server/src/languages/config/config-hop';
import { analyzeYaml, createYamlFrontEnd, isYamlPath } from '../../server/src/languages/config/yaml-front-end';
import { project } from './project';

const ROOT = '/ws';
const at = (rel: string) => path.join(ROOT, rel);
const slice = (text: string, span?: { start: number; end: number }) => (span ? text.slice(span.start, span.end) : undefined);
const KEY = 'sk-proj-Zq8xW2vR5tY7uI0oP3aS6dF9gH1jK4lM';

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat
  annotations:
    nginx.ingress.kubernetes.io/proxy-read-timeout: "120"
    nginx.ingress.kubernetes.io/proxy-send-timeout: "120"
    nginx.ingress.kubernetes.io/proxy-next-upstream-tries: "2"
spec:
  ingressClassName: nginx
  tls:
    - hosts: [chat.example.com]
  rules:
    - host: chat.example.com
      http:
        paths:
          - path: /api/chat
            pathType: Prefix
            backend:
              service:
                name: chat
                port:
                  number: 3000
          - path: /healthz
            pathType: Exact
            backend:
              service:
                name: chat
                port:
                  name: http
`;

const LITELLM_CONFIG = `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_base: https://api.openai.com/v1
      api_key: ${KEY}
      timeout: 300
      stream_timeout: 30
  - model_name: claude
    litellm_params:
      model: anthropic/claude-sonnet-4-5
      api_key: os.environ/ANTHROPIC_API_KEY
router_settings:
  num_retries: 0
environment_variables:
  LANGFUSE_HOST: https://cloud.langfuse.com
`;

describe('YAML front end: Kubernetes Ingress', () => {
  it('reads ingress-nginx annotations with spans, routes and defaults', () => {
    const facts = analyzeYaml(at('deploy/ingress.yaml'), INGRESS);
    assert.deepEqual(facts.errors, []);
    const [hop] = facts.hops as ConfigHop[];
    assert.equal(hop.kind, 'ingress-nginx');
    assert.equal(hop.name, 'Ingress chat');
    assert.equal(slice(INGRESS, hop.span), 'chat');
    assert.deepEqual(hop.routes, { hosts: ['chat.example.com'], paths: ['/api/chat', '= /healthz'], upstreams: ['chat:3000', 'chat:http'] });
    assert.equal(hop.timeout.seconds, 120);
    assert.equal(slice(INGRESS, hop.timeout.span), '"120"');
    assert.equal(slice(INGRESS, hop.sendTimeoutSpan), '"120"');
    assert.deepEqual([hop.retry.attempts, hop.retry.retriesPost, hop.retry.conditions], [2, false, ['error', 'timeout']]);
    assert.deepEqual(hop.buffering, { on: false, source: 'default' });
    assert.deepEqual(hop.target, { format: 'yaml', doc: 0, route: ['metadata'] });
  });

  it('falls back to the 60 s default, also when the annotation is not a number of seconds', () => {
    const text = INGRESS.replace('"120"\n    nginx.ingress.kubernetes.io/proxy-send', '"600s"\n    nginx.ingress.kubernetes.io/proxy-send');
    const hop = analyzeYaml(at('i.yaml'), text).hops[0] as ConfigHop;
    assert.equal(hop.timeout.seconds, 60);
    assert.equal(hop.timeout.source, 'default');
    assert.ok(hop.notes!.some((n) => /"600s" is not a valid value/.test(n)));
  });

  it('reads F5 NGINX Ingress annotations as nginx times', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: f5
  annotations:
    nginx.org/proxy-read-timeout: "5m"
    nginx.org/proxy-buffering: "True"
spec:
  rules: []
`;
    const hop = analyzeYaml(at('i.yaml'), text).hops[0];
    assert.equal(hop.name, 'Ingress f5 (F5 NGINX Ingress)');
    assert.equal(hop.timeout.seconds, 300);
    assert.deepEqual(hop.buffering && [hop.buffering.on, hop.buffering.source], [true, 'explicit']);
  });

  it('ignores Ingresses of other controllers', () => {
    const text = INGRESS.replace(/    nginx\.ingress[^\n]*\n/g, '').replace('ingressClassName: nginx', 'ingressClassName: traefik');
    assert.deepEqual(analyzeYaml(at('i.yaml'), text).hops, []);
  });

  it('ignores ingress-nginx annotations left on an Ingress of another controller\'s class', () => {
    for (const cls of ['traefik', 'gce', 'gce-internal']) {
      assert.deepEqual(analyzeYaml(at('i.yaml'), INGRESS.replace('ingressClassName: nginx', `ingressClassName: ${cls}`)).hops, [], cls);
      const annotated = INGRESS.replace('  ingressClassName: nginx\n', '').replace('  annotations:\n', `  annotations:\n    kubernetes.io/ingress.class: "${cls}"\n`);
      assert.deepEqual(analyzeYaml(at('i.yaml'), annotated).hops, [], cls);
    }
    // A class of its own name: the annotations say ingress-nginx serves it.
    const custom = analyzeYaml(at('i.yaml'), INGRESS.replace('ingressClassName: nginx', 'ingressClassName: internal-ingress')).hops;
    assert.equal(custom.length, 1);
    assert.equal(custom[0].timeout.seconds, 120);
  });

  it('reads timeouts from a configuration-snippet', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: snip
  annotations:
    nginx.ingress.kubernetes.io/configuration-snippet: |
      proxy_read_timeout 900s;
      proxy_next_upstream error timeout non_idempotent;
spec:
  ingressClassName: nginx
`;
    const hop = analyzeYaml(at('i.yaml'), text).hops[0];
    assert.equal(hop.timeout.seconds, 900);
    assert.equal(hop.retry.retriesTimeouts, true);
  });
});

describe('YAML front end: Istio, Gateway API, Envoy', () => {
  it('reads VirtualService routes: explicit and default timeouts and retries, perTryTimeout, DestinationRule notes', () => {
    const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: llm
spec:
  hosts: [llm.prod.svc.cluster.local]
  http:
    - name: chat
      match:
        - uri: { prefix: /v1/chat }
      route:
        - destination: { host: litellm.prod.svc.cluster.local, port: { number: 4000 } }
      timeout: 300s
      retries:
        attempts: 3
        perTryTimeout: 60s
        retryOn: 5xx,connect-failure
    - route:
        - destination: { host: web }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: litellm
spec:
  host: litellm.prod.svc.cluster.local
  trafficPolicy:
    outlierDetection:
      consecutive5xxErrors: 5
      interval: 30s
`;
    const facts = analyzeYaml(at('vs.yaml'), text);
    const [chat, web] = facts.hops as ConfigHop[];
    assert.equal(chat.name, 'VirtualService llm route chat');
    assert.equal(slice(text, chat.span), 'chat');
    assert.equal(chat.timeout.seconds, 60);
    assert.equal(chat.timeout.note, 'retries.perTryTimeout');
    assert.deepEqual([chat.retry.attempts, chat.retry.retriesTimeouts, chat.retry.retriesPost], [4, true, true]);
    assert.equal(slice(text, chat.retry.span), '5xx,connect-failure');
    assert.ok(chat.notes!.some((n) => n.includes('outlierDetection: consecutive5xxErrors 5, interval 30s')));
    assert.equal(web.name, 'VirtualService llm http[1]');
    assert.deepEqual(web.timeout, { seconds: null, source: 'default', note: 'Istio routes have no timeout by default' });
    assert.deepEqual([web.retry.attempts, web.retry.source, web.retry.retriesTimeouts], [3, 'default', false]);
    assert.deepEqual(web.retry.conditions, ['connect-failure', 'refused-stream', 'unavailable', 'cancelled']);
  });

  it('applies the Envoy Gateway default when the parent Gateway is in another workspace file', () => {
    const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: chat
spec:
  parentRefs: [{ name: public }]
  rules:
    - matches: [{ path: { type: Exact, value: /api/chat } }]
      backendRefs: [{ name: chat, port: 3000 }]
    - matches: [{ path: { value: /api/slow } }]
      timeouts: { request: 10m, backendRequest: 5m }
      backendRefs: [{ name: chat, port: 3000 }]
`;
    const gateway = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: public\nspec:\n  gatewayClassName: eg\n';
    const facts = analyzeYaml(at('route.yaml'), route, project(ROOT, { 'gw/gateway.yaml': gateway, 'route.yaml': route }));
    const [a, b] = facts.hops;
    assert.equal(a.kind, 'envoy-gateway');
    assert.deepEqual(a.routes.paths, ['= /api/chat']);
    assert.deepEqual(a.timeout, { seconds: 15, source: 'default', note: 'Envoy Gateway default request timeout' });
    assert.equal(b.timeout.seconds, 300);
    assert.equal(b.timeout.note, 'timeouts.backendRequest');
    const unknown = analyzeYaml(at('route.yaml'), route).hops[0];
    assert.equal(unknown.kind, 'gateway-api');
    assert.equal(unknown.timeout.seconds, null);
  });

  it('takes an Envoy Gateway BackendTrafficPolicy request timeout for rules without timeouts of their own', () => {
    const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: chat
spec:
  parentRefs: [{ name: public }]
  rules:
    - matches: [{ path: { value: /api/chat } }]
      backendRefs: [{ name: chat, port: 3000 }]
    - matches: [{ path: { value: /api/quick } }]
      timeouts: { request: 20s }
      backendRefs: [{ name: chat, port: 3000 }]
`;
    const gateway = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: public\nspec:\n  gatewayClassName: eg\n';
    const policy = (kind: string, name: string, timeout: string) => `apiVersion: gateway.envoyproxy.io/v1alpha1
kind: BackendTrafficPolicy
metadata:
  name: ${kind.toLowerCase()}-timeout
spec:
  targetRefs:
    - group: gateway.networking.k8s.io
      kind: ${kind}
      name: ${name}
  timeout:
    http:
      requestTimeout: ${timeout}
`;
    const onRoute = analyzeYaml(at('route.yaml'), route, project(ROOT, { 'gw.yaml': `${gateway}---\n${policy('HTTPRoute', 'chat', '600s')}`, 'route.yaml': route })).hops;
    assert.deepEqual(onRoute[0].timeout, { seconds: 600, source: 'explicit', note: 'set in BackendTrafficPolicy httproute-timeout' });
    assert.equal(onRoute[1].timeout.seconds, 20);
    const onGateway = analyzeYaml(at('route.yaml'), route, project(ROOT, { 'gw.yaml': `${gateway}---\n${policy('Gateway', 'public', '0s')}`, 'route.yaml': route })).hops[0];
    assert.deepEqual(onGateway.timeout, { seconds: null, source: 'explicit', note: 'set in BackendTrafficPolicy gateway-timeout (0s disables the timeout)' });
    const otherRoute = analyzeYaml(at('route.yaml'), route, project(ROOT, { 'gw.yaml': `${gateway}---\n${policy('HTTPRoute', 'other', '600s')}`, 'route.yaml': route })).hops[0];
    assert.equal(otherRoute.timeout.seconds, 15);
  });

  it('reads an Envoy Gateway BackendTrafficPolicy retry as the retry of the rules it targets (audit 115)', () => {
    const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: chat
spec:
  parentRefs: [{ name: public }]
  rules:
    - matches: [{ path: { value: /api/chat } }]
      timeouts: { request: 600s }
      backendRefs: [{ name: chat, port: 3000 }]
    - matches: [{ path: { value: /api/own } }]
      retry: { attempts: 1, codes: [503] }
      backendRefs: [{ name: chat, port: 3000 }]
`;
    const gateway = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: public\nspec:\n  gatewayClassName: eg\n';
    const policy = (kind: string, name: string, spec: string) => `apiVersion: gateway.envoyproxy.io/v1alpha1
kind: BackendTrafficPolicy
metadata:
  name: ${kind.toLowerCase()}-policy
spec:
  targetRefs: [{ group: gateway.networking.k8s.io, kind: ${kind}, name: ${name} }]
${spec}`;
    const hops = (policies: string) => analyzeYaml(at('route.yaml'), route, project(ROOT, { 'gw.yaml': `${gateway}---\n${policies}`, 'route.yaml': route })).hops as ConfigHop[];
    // Fields left out take Envoy Gateway's defaults: 2 retries on connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes (503).
    const [dflt, own] = hops(policy('HTTPRoute', 'chat', '  retry: {}\n'));
    assert.deepEqual({ ...dflt.retry }, { attempts: 3, source: 'explicit', conditions: ['connect-failure', 'refused-stream', 'unavailable', 'cancelled', 'retriable-status-codes'], timeoutConditions: [], retriesTimeouts: false, retriesPost: true });
    assert.equal(dflt.timeout.seconds, 600);
    // The rule's own retry takes precedence.
    assert.equal(own.retry.attempts, 2);
    const [perTry] = hops(policy('HTTPRoute', 'chat', '  retry:\n    numRetries: 5\n    perRetry: { timeout: 30s }\n    retryOn: { triggers: [5xx] }\n'));
    assert.equal(perTry.retry.attempts, 6);
    assert.deepEqual(perTry.retry.timeoutConditions, ['5xx']);
    assert.deepEqual(perTry.timeout, { seconds: 30, source: 'explicit', note: 'perRetry.timeout set in BackendTrafficPolicy httproute-policy' });
    assert.deepEqual(perTry.perTryTimeoutElsewhere, { seconds: 30, where: 'BackendTrafficPolicy httproute-policy' });
    // A Gateway's policy applies to its routes, unless a policy targets the route itself.
    assert.equal(hops(policy('Gateway', 'public', '  retry: { numRetries: 1 }\n'))[0].retry.attempts, 2);
    const routePolicy = policy('HTTPRoute', 'chat', '  timeout: { http: { requestTimeout: 300s } }\n');
    assert.equal(hops(`${policy('Gateway', 'public', '  retry: { numRetries: 1 }\n')}---\n${routePolicy}`)[0].retry.attempts, 1);
    // A policy on another route, or one without `retry`, retries nothing.
    assert.equal(hops(policy('HTTPRoute', 'other', '  retry: {}\n'))[0].retry.attempts, 1);
    assert.equal(hops(routePolicy)[0].retry.attempts, 1);
  });

  it('re-analyses HTTPRoute files when a Gateway changes', () => {
    const fe = createYamlFrontEnd();
    fe.analyze(at('route.yaml'), 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec: {rules: []}\n', project(ROOT, {}));
    assert.deepEqual(fe.dependents!(at('gw.yaml')), [at('route.yaml')]);
  });

  it('reads Envoy route configuration with defaults, explicit values and clusters', () => {
    const text = `static_resources:
  listeners:
    - filter_chains:
        - filters:
            - typed_config:
                route_config:
                  virtual_hosts:
                    - name: api
                      domains: ["api.internal"]
                      retry_policy: { retry_on: "reset", num_retries: 2 }
                      routes:
                        - match: { prefix: "/v1/" }
                          route: { cluster: llm }
                        - match: { path: "/long" }
                          route: { cluster: llm, timeout: 0s }
                        - match: { prefix: "/x" }
                          route: { cluster: llm, timeout: { seconds: 90 }, retry_policy: { retry_on: connect-failure } }
  clusters:
    - name: llm
      load_assignment:
        endpoints:
          - lb_endpoints:
              - endpoint: { address: { socket_address: { address: vllm, port_value: 8000 } } }
`;
    const [a, b, c] = analyzeYaml(at('envoy.yaml'), text).hops;
    assert.deepEqual(a.routes, { hosts: ['api.internal'], paths: ['/v1/'], upstreams: ['llm', 'vllm:8000'] });
    assert.deepEqual([a.timeout.seconds, a.timeout.source], [15, 'default']);
    assert.deepEqual([a.retry.attempts, a.retry.retriesTimeouts], [3, true]);
    assert.equal(b.timeout.seconds, null);
    assert.deepEqual(b.routes.paths, ['= /long']);
    assert.equal(c.timeout.seconds, 90);
    assert.deepEqual([c.retry.attempts, c.retry.retriesTimeouts], [2, false]);
  });

  it('counts retriable-status-codes as retrying timeouts only when 504 is among the codes', () => {
    const envoy = (codes: string) => `static_resources:
  listeners:
    - filter_chains:
        - filters:
            - typed_config:
                route_config:
                  virtual_hosts:
                    - name: api
                      domains: ["*"]
                      routes:
                        - match: { prefix: "/v1/" }
                          route: { cluster: llm, retry_policy: { retry_on: "connect-failure,retriable-status-codes", retriable_status_codes: [${codes}], num_retries: 2 } }
`;
    const rateLimited = analyzeYaml(at('envoy.yaml'), envoy('429')).hops[0];
    assert.deepEqual([rateLimited.retry.retriesTimeouts, rateLimited.retry.timeoutConditions], [false, []]);
    const timedOut = analyzeYaml(at('envoy.yaml'), envoy('429, 504')).hops[0];
    assert.deepEqual([timedOut.retry.retriesTimeouts, timedOut.retry.timeoutConditions], [true, ['retriable-status-codes']]);
    // Istio lists the codes in retryOn itself: a bare retriable-status-codes adds none.
    const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: llm}
spec:
  hosts: [llm]
  http:
    - route: [{destination: {host: llm}}]
      retries: {attempts: 2, retryOn: "retriable-status-codes,429"}
`;
    assert.equal(analyzeYaml(at('vs.yaml'), vs).hops[0].retry.retriesTimeouts, false);
  });
});

describe('YAML front end: LiteLLM', () => {
  const text = LITELLM_CONFIG;

  it('makes a gateway hop with explicit and default settings', () => {
    const facts = analyzeYaml(at('litellm/config.yaml'), text);
    const hop = facts.hops[0] as ConfigHop;
    assert.equal(hop.kind, 'litellm');
    assert.deepEqual(hop.timeout, { seconds: 6000, source: 'default', note: 'LiteLLM default request_timeout' });
    assert.deepEqual([hop.retry.attempts, hop.retry.source, hop.retry.retriesPost], [1, 'explicit', false]);
    assert.deepEqual(hop.modelTimeouts, { 'gpt-4o': 300 });
    assert.ok(hop.notes!.includes('model gpt-4o: timeout 300 s, stream_timeout 30 s'));
    const defaults = analyzeYaml(at('c.yaml'), 'model_list:\n  - model_name: m\n    litellm_params: {model: openai/m}\n').hops[0];
    assert.deepEqual([defaults.retry.attempts, defaults.retry.source], [3, 'default']);
  });

  it('records committed keys, provider endpoints, env references and environment_variables', () => {
    const facts = analyzeYaml(at('litellm/config.yaml'), text);
    assert.deepEqual(facts.secrets.map((s) => [slice(text, s.span), s.provider, s.masked]), [[KEY, 'openai', 'sk-p…K4lM']]);
    assert.deepEqual(facts.endpoints.map((e) => [slice(text, e.span), e.role]), [['https://api.openai.com/v1', 'other']]);
    assert.deepEqual(facts.envReads, ['ANTHROPIC_API_KEY']);
    assert.deepEqual(facts.envDefinitions.map((d) => [d.name, d.value]), [['LANGFUSE_HOST', 'https://cloud.langfuse.com']]);
  });

  // Audit 180 (open-webui's backend/data/litellm/config.yaml repeats general_settings and litellm_settings): LiteLLM
  // loads the file with PyYAML, which keeps the last of repeated keys, so the proxy runs the config read that way.
  it('reads a config with repeated keys as PyYAML loads it, the last one kept, and says the earlier ones are ignored', () => {
    const repeated = `${text}router_settings:\n  num_retries: 4\n  timeout: 90\nenvironment_variables:\n  LANGFUSE_HOST: https://langfuse.internal\n`;
    const facts = analyzeYaml(at('litellm/config.yaml'), repeated);
    const hop = facts.hops[0] as ConfigHop;
    assert.equal(hop.kind, 'litellm');
    assert.deepEqual([hop.retry.attempts, hop.retry.source], [5, 'explicit']);
    assert.equal(hop.timeout.seconds, 90);
    assert.deepEqual(facts.envDefinitions.map((d) => d.value), ['https://langfuse.internal']);
    assert.equal(facts.errors.length, 2, facts.errors.map((e) => e.message).join('\n'));
    assert.match(facts.errors[1].message, /'environment_variables' is repeated \(lines 15 and 20\)/);
    assert.match(facts.errors[0].message, /'router_settings' is repeated \(lines 13 and 17\); LiteLLM loads this config with PyYAML, which keeps only the last one, so what line 13 sets is ignored/);
    assert.equal(facts.errors[0].span!.start, repeated.indexOf('router_settings'));
    // Read the same way each time the text is parsed (the fixes' writer parses it again).
    assert.deepEqual((analyzeYaml(at('litellm/config.yaml'), repeated).hops[0] as ConfigHop).retry.attempts, 5);
  });

  it('still rejects repeated keys where the reader does (Kubernetes, Compose) and a repeated merge key', () => {
    const ingress = INGRESS.replace('metadata:\n  name: chat\n', 'metadata:\n  name: chat\n  name: chat-2\n');
    const k8s = analyzeYaml(at('deploy/ingress.yaml'), ingress);
    assert.deepEqual(k8s.hops, []);
    assert.match(k8s.errors[0].message, /document 1: Map keys must be unique \(DUPLICATE_KEY\); this document is not analysed/);
    const merged = `${text}x-a: &a {timeout: 1}\nx-b: &b {timeout: 2}\nrouter_settings:\n  <<: *a\n  <<: *b\n`;
    const facts = analyzeYaml(at('litellm/config.yaml'), merged);
    assert.deepEqual(facts.hops, []);
    assert.ok(facts.errors.some((e) => /DUPLICATE_KEY/.test(e.message)), facts.errors.map((e) => e.message).join('\n'));
  });
});

describe('YAML front end: LiteLLM config inside a ConfigMap', () => {
  const indented = (t: string, n: number) => t.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');
  const text = LITELLM_CONFIG;
  const configMap = (body: string, header = '|') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: litellm\ndata:\n  other.txt: hello\n  config.yaml: ${header}\n${indented(body, 4)}`;

  it('reads the block like a config file, with spans on the ConfigMap lines and no edit target', () => {
    const outer = configMap(text.replace('router_settings:', '\nrouter_settings:'));
    const facts = analyzeYaml(at('k8s/litellm.yaml'), outer);
    const hop = facts.hops.find((h) => h.kind === 'litellm') as ConfigHop;
    assert.ok(hop, 'a LiteLLM hop');
    assert.equal(slice(outer, hop.span), 'model_list');
    assert.equal(hop.target, undefined);
    assert.deepEqual([hop.retry.attempts, hop.retry.source], [1, 'explicit']);
    assert.deepEqual(facts.secrets.map((x) => slice(outer, x.span)), [KEY]);
    assert.deepEqual(facts.endpoints.map((e) => slice(outer, e.span)), ['https://api.openai.com/v1']);
    assert.deepEqual(facts.envReads, ['ANTHROPIC_API_KEY']);
    assert.deepEqual(facts.envDefinitions.map((d) => [d.name, slice(outer, d.span)?.split(':')[0]]), [['LANGFUSE_HOST', 'LANGFUSE_HOST']]);
  });

  it('leaves blocks alone whose lines cannot be mapped one to one, and non-YAML keys', () => {
    const tabbed = configMap(text).replace('    model_list:', '    model_list:').replace('      - model_name: gpt-4o', '\t  - model_name: gpt-4o');
    assert.equal(analyzeYaml(at('k8s/a.yaml'), tabbed).hops.filter((h) => h.kind === 'litellm').length, 0);
    const notYaml = configMap(text).replace('config.yaml:', 'config.txt:');
    assert.equal(analyzeYaml(at('k8s/b.yaml'), notYaml).hops.length, 0);
    const folded = configMap(text, '>');
    assert.equal(analyzeYaml(at('k8s/c.yaml'), folded).hops.length, 0);
  });
});

describe('YAML front end: LiteLLM config in the LiteLLM Helm chart\'s values', () => {
  const indented = (t: string, n: number) => t.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');
  const chartValues = (body: string) => `replicaCount: 2
envVars:
  OPENAI_BASE_URL: https://api.openai.com/v1
proxy_config:
${indented(body, 2)}resources: {}
`;
  const text = chartValues(LITELLM_CONFIG.replace('router_settings:\n  num_retries: 0', 'router_settings:\n  num_retries: 4\n  timeout: 120\nlitellm_settings:\n  success_callback: ["langfuse"]'));

  it('reads proxy_config as the proxy config, with spans in the values file and an edit target below proxy_config', () => {
    const facts = analyzeYaml(at('charts/litellm/values.yaml'), text);
    assert.deepEqual(facts.errors, []);
    const hops = facts.hops as ConfigHop[];
    assert.deepEqual(hops.map((h) => h.kind), ['litellm']);
    const [hop] = hops;
    assert.equal(slice(text, hop.span), 'model_list');
    assert.equal(text.slice(text.lastIndexOf('\n', hop.span.start) + 1, hop.span.start), '  ', 'the model_list inside proxy_config');
    assert.deepEqual(hop.target, { format: 'yaml', doc: 0, route: ['proxy_config'] });
    assert.deepEqual([hop.timeout.seconds, hop.timeout.source, slice(text, hop.timeout.span)], [120, 'explicit', '120']);
    assert.deepEqual([hop.retry.attempts, hop.retry.source, slice(text, hop.retry.span)], [5, 'explicit', '4']);
    assert.deepEqual(hop.modelTimeouts, { 'gpt-4o': 300 });
    assert.deepEqual(hop.logsCallsTo, ['langfuse']);
  });

  it('keeps the chart\'s own values apart: env once each, and provider URLs below proxy_config are the gateway\'s upstreams', () => {
    const facts = analyzeYaml(at('charts/litellm/values.yaml'), text);
    assert.deepEqual(facts.envDefinitions.map((d) => [d.name, slice(text, d.span)]), [
      ['OPENAI_BASE_URL', 'OPENAI_BASE_URL: https://api.openai.com/v1'],
      ['LANGFUSE_HOST', 'LANGFUSE_HOST: https://cloud.langfuse.com'],
    ]);
    assert.deepEqual(facts.endpoints.map((e) => [slice(text, e.span), e.role]), [['https://api.openai.com/v1', 'base-url'], ['https://api.openai.com/v1', 'other']]);
    assert.equal(text.indexOf('api_base: https://api.openai.com/v1') + 'api_base: '.length, facts.endpoints[1].span.start);
    assert.deepEqual(facts.secrets.map((x) => slice(text, x.span)), [KEY]);
    assert.deepEqual(facts.envReads, ['ANTHROPIC_API_KEY']);
  });

  it('reads values overlays (values-prod.yaml) and flow-style proxy_config too', () => {
    assert.equal(analyzeYaml(at('deploy/values-prod.yaml'), text).hops.length, 1);
    const flow = 'proxy_config: { model_list: [{ model_name: m, litellm_params: { model: openai/m } }] }\n';
    assert.equal(analyzeYaml(at('values.yaml'), flow).hops.length, 1);
  });

  it('reads nothing from proxy_config outside Helm values, without models, as a string, or in a Kubernetes object', () => {
    const hops = (rel: string, t: string) => analyzeYaml(at(rel), t).hops.filter((h) => h.kind === 'litellm').length;
    assert.equal(hops('config/app.yaml', text), 0, 'not a values file');
    assert.equal(hops('charts/litellm/values.yaml', 'proxy_config:\n  router_settings:\n    num_retries: 1\n'), 0, 'an overlay without model_list');
    assert.equal(hops('charts/litellm/values.yaml', 'proxy_config:\n  model_list: []\n'), 0, 'no models');
    assert.equal(hops('charts/egress/values.yaml', 'proxy_config:\n  host: squid\n  model_list:\n    - api.openai.com\n'), 0, 'not LiteLLM deployments');
    assert.equal(hops('charts/litellm/values.yaml', `proxy_config: |\n${indented(LITELLM_CONFIG, 2)}`), 0, 'toYaml renders a string as a string');
    assert.equal(hops('charts/litellm/values.yaml', `apiVersion: v1\nkind: ConfigMap\n${text}`), 0, 'a Kubernetes object');
  });
});

describe('YAML front end: env definitions', () => {
  it('reads docker-compose environment as a list and as a map', () => {
    const text = `services:
  app:
    build: .
    environment:
      - OPENAI_BASE_URL=https://api.openai.com/v1
      - DEBUG
  worker:
    image: worker:latest
    environment:
      ANTHROPIC_API_KEY: "${KEY.replace('sk-proj-', 'sk-ant-api03-')}"
      LITELLM_URL: http://litellm:4000
`;
    const facts = analyzeYaml(at('docker-compose.yml'), text);
    assert.deepEqual(facts.envDefinitions.map((d) => [d.name, d.value, slice(text, d.span)]), [
      ['OPENAI_BASE_URL', 'https://api.openai.com/v1', 'OPENAI_BASE_URL=https://api.openai.com/v1'],
      ['DEBUG', null, 'DEBUG'],
      ['ANTHROPIC_API_KEY', KEY.replace('sk-proj-', 'sk-ant-api03-'), `ANTHROPIC_API_KEY: "${KEY.replace('sk-proj-', 'sk-ant-api03-')}"`],
      ['LITELLM_URL', 'http://litellm:4000', 'LITELLM_URL: http://litellm:4000'],
    ]);
    assert.deepEqual(facts.endpoints.map((e) => [slice(text, e.span), e.role, e.provider]), [['https://api.openai.com/v1', 'base-url', 'openai']]);
    assert.deepEqual(facts.secrets.map((s) => [s.provider, slice(text, s.span)]), [['anthropic', KEY.replace('sk-proj-', 'sk-ant-api03-')]]);
  });

  it('reads Kubernetes container env (value and valueFrom), ConfigMaps and Secrets', () => {
    const b64 = Buffer.from(KEY).toString('base64');
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: { name: chat }
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          env: [{ name: DB_URL, value: postgres://db }]
      containers:
        - name: app
          env:
            - name: OPENAI_BASE_URL
              value: https://api.openai.com/v1
            - name: OPENAI_API_KEY
              valueFrom: { secretKeyRef: { name: openai, key: key } }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly }
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: job
              env: [{ name: ANTHROPIC_BASE_URL, value: "http://litellm:4000" }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cfg }
data:
  LOG_LEVEL: debug
  app.properties: "x=1"
---
apiVersion: v1
kind: Secret
metadata: { name: openai }
data:
  OPENAI_API_KEY: ${b64}
`;
    const facts = analyzeYaml(at('k8s/deploy.yaml'), text);
    assert.deepEqual(facts.envDefinitions.map((d) => [d.name, d.value]), [
      ['OPENAI_BASE_URL', 'https://api.openai.com/v1'],
      ['OPENAI_API_KEY', null],
      ['DB_URL', 'postgres://db'],
      ['ANTHROPIC_BASE_URL', 'http://litellm:4000'],
      ['LOG_LEVEL', 'debug'],
      ['OPENAI_API_KEY', null],
    ]);
    assert.deepEqual(facts.endpoints.map((e) => e.role), ['base-url']);
    // The base64 value in a Secret is still a committed key.
    assert.deepEqual(facts.secrets.map((s) => [s.provider, slice(text, s.span)]), [['openai', b64]]);
  });

  it('reads env-like keys and env lists from Helm values files', () => {
    const text = `image: chat:1.0
env:
  OPENAI_BASE_URL: http://litellm:4000
  logLevel: info
extraEnv:
  - name: ANTHROPIC_BASE_URL
    value: http://litellm:4000
  - name: lowercase
    value: x
`;
    const facts = analyzeYaml(at('charts/chat/values.yaml'), text);
    assert.deepEqual(facts.envDefinitions.map((d) => [d.name, d.value]), [['OPENAI_BASE_URL', 'http://litellm:4000'], ['ANTHROPIC_BASE_URL', 'http://litellm:4000']]);
    assert.deepEqual(analyzeYaml(at('config/app.yaml'), text).envDefinitions, []);
  });
});

describe('YAML front end: bad input', () => {
  it('reports duplicate keys and tabs with spans and still analyses the valid documents', () => {
    const text = `a: 1\na: 2\n---\nb:\n\t- x\n---\n${INGRESS}`;
    const facts = analyzeYaml(at('multi.yaml'), text);
    assert.equal(facts.errors.length, 2);
    assert.match(facts.errors[0].message, /document 1: Map keys must be unique \(DUPLICATE_KEY\)/);
    assert.equal(text.slice(facts.errors[0].span!.start, facts.errors[0].span!.end), 'a');
    assert.match(facts.errors[1].message, /document 2: .*TAB_AS_INDENT/);
    assert.equal(facts.hops.length, 1);
  });

  it('follows anchors, aliases and merge keys', () => {
    const text = `x-timeouts: &timeouts
  nginx.ingress.kubernetes.io/proxy-read-timeout: "900"
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: merged
  annotations:
    common: &common
      a: b
    <<: { nginx.ingress.kubernetes.io/proxy-read-timeout: "300" }
spec:
  ingressClassName: nginx
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: aliased }
spec:
  hosts: [h]
  http:
    - route: [{ destination: { host: h } }]
      timeout: &t 45s
    - route: [{ destination: { host: h } }]
      timeout: *t
`;
    const facts = analyzeYaml(at('anchors.yaml'), text);
    assert.deepEqual(facts.errors, []);
    assert.deepEqual(facts.hops.map((h) => [h.name, h.timeout.seconds]), [['Ingress merged', 300], ['VirtualService aliased http[0]', 45], ['VirtualService aliased http[1]', 45]]);
  });

  it('skips Helm templates with a note, but not GitHub Actions expressions', () => {
    const tpl = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {{ include "chart.fullname" . }}\n  {{- with .Values.ingress.annotations }}\n';
    const facts = analyzeYaml(at('charts/chat/templates/ingress.yaml'), tpl);
    assert.equal(facts.errors.length, 1);
    assert.match(facts.errors[0].message, /^Helm template skipped/);
    assert.equal(tpl.slice(facts.errors[0].span!.start, facts.errors[0].span!.end), '{{');
    const gha = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      KEY: ${{ secrets.KEY }}\n';
    assert.deepEqual(analyzeYaml(at('.github/workflows/ci.yml'), gha).errors, []);
  });

  // KServe's config/llmisvc holds Go templates in block scalars, and a PrometheusRule's strings hold `{{ $labels.x }}`:
  // outside a chart's templates/ Helm renders nothing, so such files are YAML (audit 187).
  it('reads a manifest whose {{ }} stand only in strings or comments, and skips one where YAML would parse them', () => {
    const kserve = 'kind: LLMInferenceServiceConfig\nspec:\n  name: |-\n    {{ .GlobalConfig.IngressGatewayName }}\n  # {{ .Values.x }}\n---\n' + INGRESS;
    const facts = analyzeYaml(at('config/llmisvc/route.yaml'), kserve);
    assert.deepEqual(facts.errors, []);
    assert.equal(facts.hops.length, 1);
    for (const line of ['name: {{ .Release.Name }}', '{{- if .Values.ingress.enabled }}', '- {{ include "x" . }}']) {
      const skipped = analyzeYaml(at('deploy/ingress.yaml'), `${line}\n---\n${INGRESS}`);
      assert.match(skipped.errors.map((e) => e.message).join('\n'), /^Helm template skipped/, line);
      assert.deepEqual(skipped.hops, [], line);
    }
  });

  it('handles a huge multi-document file', () => {
    const doc = INGRESS.replace('name: chat\n', 'name: chat-N\n');
    const text = Array.from({ length: 2000 }, (_, i) => doc.replace('chat-N', `chat-${i}`)).join('---\n');
    const t0 = Date.now();
    const facts = analyzeYaml(at('big.yaml'), text);
    assert.equal(facts.hops.length, 2000);
    assert.ok(Date.now() - t0 < 10_000, 'analysed in reasonable time');
  });

  it('never throws on arbitrary input', () => {
    const pieces = ['a:', ' ', '\n', '- ', '&x ', '*x', '<<: ', '{', '}', '[', ']', '"', "'", '\t', '---\n', 'kind: Ingress\n', 'apiVersion: v1\n', '|', '#', '{{'];
    let seed = 11;
    for (let n = 0; n < 400; n++) {
      let s = '';
      for (let i = 0; i < 30; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += pieces[seed % pieces.length];
      }
      assert.doesNotThrow(() => analyzeYaml(at('fuzz.yaml'), s));
    }
  });
});

describe('YAML front end: which files', () => {
  it('takes .yaml/.yml but not lock files or node_modules', () => {
    assert.equal(isYamlPath('/w/deploy/app.yaml'), true);
    assert.equal(isYamlPath('/w/compose.yml'), true);
    assert.equal(isYamlPath('/w/pnpm-lock.yaml'), false);
    assert.equal(isYamlPath('/w/conda-lock.yml'), false);
    assert.equal(isYamlPath('/w/x.lock.yaml'), false);
    assert.equal(isYamlPath('/w/node_modules/pkg/action.yml'), false);
    assert.equal(isYamlPath('/w/README.md'), false);
  });
});

describe('YAML front end: ingress-nginx controller settings', () => {
  const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat
spec:
  ingressClassName: nginx
`;
  it('applies the controller ConfigMap from another file, and annotations still win', () => {
    const cm = `apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  proxy-read-timeout: "900"
  proxy-buffering: "on"
  proxy-next-upstream: "error timeout non_idempotent"
`;
    const p = project(ROOT, { 'infra/ingress-nginx.yaml': cm, 'deploy/ingress.yaml': ingress });
    const hop = analyzeYaml(at('deploy/ingress.yaml'), ingress, p).hops[0];
    assert.deepEqual(hop.timeout, { seconds: 900, source: 'explicit', note: 'set in ConfigMap ingress-nginx-controller in infra/ingress-nginx.yaml' });
    assert.deepEqual(hop.buffering, { on: true, source: 'explicit' });
    assert.equal(hop.retry.retriesTimeouts, true);
    const annotated = ingress.replace('  name: chat\n', '  name: chat\n  annotations:\n    nginx.ingress.kubernetes.io/proxy-read-timeout: "30"\n');
    assert.equal(analyzeYaml(at('deploy/ingress.yaml'), annotated, p).hops[0].timeout.seconds, 30);
    // An annotation ingress-nginx cannot parse ("600s") falls back to the controller's value, not to 60 s.
    const invalid = ingress.replace('  name: chat\n', '  name: chat\n  annotations:\n    nginx.ingress.kubernetes.io/proxy-read-timeout: "600s"\n');
    const fallback = analyzeYaml(at('deploy/ingress.yaml'), invalid, p).hops[0];
    assert.equal(fallback.timeout.seconds, 900);
    assert.equal(fallback.timeout.source, 'explicit');
    assert.match(fallback.timeout.note ?? '', /^set in ConfigMap ingress-nginx-controller in infra\/ingress-nginx\.yaml; the Ingress's "600s" is not a number of seconds, so it is ignored$/);
  });

  it('reads the chart values (controller.config) and marks Ingress files as dependent', () => {
    const values = 'controller:\n  config:\n    proxy-read-timeout: "300"\n';
    const fe = createYamlFrontEnd();
    const facts = fe.analyze(at('deploy/ingress.yaml'), ingress, project(ROOT, { 'charts/ingress-nginx/values.yaml': values }));
    assert.equal(facts.hops[0].timeout.seconds, 300);
    assert.deepEqual(fe.dependents!(at('charts/ingress-nginx/values.yaml')), [at('deploy/ingress.yaml')]);
  });
});
