import * as path from 'node:path';
import { sdkDefaults } from '../core/catalog/sdk-defaults';
import { defineRule } from '../core/rule';
import { callTimeout, hopTitle, llmRoute } from '../core/topology';
import type { Hop, LlmCallSite, RelatedInfo } from '../core/types';
import { keepAliveSeconds, responseSources } from '../core/served-response';
import type { WorkspaceView } from '../core/workspace-view';
import type { ConfigHop } from '../languages/config/config-hop';
import { timeoutFix } from '../languages/config/hop-fixes';

interface Behind {
  /** null = the call has no limit at all. */
  seconds: number | null;
  label: string;
  calls: Array<{ site: LlmCallSite; seconds: number | null; label: string }>;
  /** Every call the route reaches (the longest are in `calls`). */
  reached: LlmCallSite[];
  /** Known only from an upstream's LLM-like name: likely, not certain (a mock named `openai-api` is not a model). */
  byNameOnly: boolean;
}

/** The longest an LLM call behind the hop may run, from the call sites it fronts or, for a provider/gateway route, an SDK client's default. */
function behindTimeout(hop: Hop, ws: WorkspaceView): Behind | null {
  const route = llmRoute(hop, ws);
  if (!route.llm) return null;
  if (route.calls.length > 0) {
    // Calls the workspace's routes reach are what the proxy serves: a method no route calls is not behind it.
    const served = route.calls.filter((s) => s.enclosingFunction?.requestPath);
    const behind = served.length ? served : route.calls;
    const calls = behind.map((site) => ({ site, ...callTimeout(site, ws) })).filter((c) => c.source !== 'unknown');
    if (calls.length === 0) return null;
    const unlimited = calls.find((c) => c.seconds === null);
    const longest = unlimited ?? calls.reduce((a, b) => ((b.seconds ?? 0) > (a.seconds ?? 0) ? b : a));
    return {
      seconds: longest.seconds,
      label: longest.label,
      calls: calls.filter((c) => c.seconds === longest.seconds),
      reached: behind,
      byNameOnly: false,
    };
  }
  if (!route.strong) return null;
  // A route to the workspace's LiteLLM proxy waits as long as the proxy tries: its timeout times its attempts.
  const proxy = hop.kind !== 'litellm' && hop.routes.upstreams.some((u) => /litellm/i.test(u)) ? litellmBound(ws) : null;
  if (proxy) return { seconds: proxy.seconds, label: proxy.label, calls: [], reached: [], byNameOnly: false };
  // Clients of a provider or gateway route are SDKs; their default is the time a request may take.
  const d = sdkDefaults('openai', 'typescript');
  if (!d?.defaultTimeoutSeconds) return null;
  const label = route.byNameOnly ? `${route.reason}, named like an LLM service; SDK clients wait ${d.defaultTimeoutSeconds} s by default` : `${route.reason}; SDK clients wait ${d.defaultTimeoutSeconds} s by default`;
  return { seconds: d.defaultTimeoutSeconds, label, calls: [], reached: [], byNameOnly: route.byNameOnly === true };
}

/**
 * How long one attempt of a LiteLLM proxy may take: the longest over its chat deployments of the deployment's own
 * `timeout`, which takes precedence, else the router's (`router_settings.timeout`, else `litellm_settings.request_timeout`),
 * and of a longer `stream_timeout` a streaming call may wait for its first chunk. Null when some deployment is left at
 * LiteLLM's default.
 */
function litellmAttemptSeconds(h: ConfigHop): number | null {
  const router = h.timeout.source === 'explicit' ? h.timeout.seconds : null;
  const deployments = h.deploymentTimeouts ?? [];
  if (deployments.length === 0) return router;
  let per = 0;
  for (const d of deployments) {
    const seconds = d.seconds ?? router;
    if (seconds === null) return null;
    per = Math.max(per, seconds, d.streamSeconds ?? h.streamTimeout ?? 0);
  }
  return per;
}

/**
 * How long the workspace's LiteLLM proxy may take to answer: the longest timeout of one attempt (per deployment or
 * the router's) times its attempts. Null when there is no proxy config, or when one leaves a timeout at the default.
 */
function litellmBound(ws: WorkspaceView): { seconds: number; label: string } | null {
  const proxies = ws.hops.filter((h): h is ConfigHop => h.kind === 'litellm');
  if (proxies.length === 0) return null;
  let best: { seconds: number; label: string } | null = null;
  for (const h of proxies) {
    const per = litellmAttemptSeconds(h);
    if (per === null) return null;
    // After its own group's attempts, a request may fall back through further groups, each tried as many times.
    const groups = 1 + (h.fallbackDepth ?? 0);
    const seconds = per * h.retry.attempts * groups;
    const label = `LiteLLM proxy in ${path.basename(h.path)}: ${fmt(per)} per attempt × ${h.retry.attempts} attempt${h.retry.attempts === 1 ? '' : 's'}${groups > 1 ? ` × ${groups} model groups with fallbacks` : ''}`;
    if (!best || seconds > best.seconds) best = { seconds, label };
  }
  return best;
}

function hopVerb(hop: Hop, seconds: string): string {
  return (hop as ConfigHop).idleTimeout ? `waits at most ${seconds} for the upstream` : `times out after ${seconds}`;
}

function fmt(s: number): string {
  return `${Number.isInteger(s) ? s : Number(s.toFixed(2))} s`;
}

export default defineRule({
  id: 'timeout-inversion',
  family: 'resilience',
  severity: 'error',
  fixable: 'safe',
  languages: ['yaml', 'nginx'],
  defaultOptions: {},
  docs: {
    summary: 'A proxy, ingress or mesh route in front of an LLM call times out before the call does',
    why: [
      'Proxies were tuned for APIs that answer in milliseconds. nginx and ingress-nginx wait **60 s** for the upstream by default, Envoy and Envoy Gateway cut a route after **15 s**, AWS API Gateway after **29 s** — while an LLM call may legitimately run for minutes (the OpenAI and Anthropic SDKs wait **600 s** by default, LiteLLM 6000 s). The proxy answers 504 while the model keeps generating: you pay for the tokens, the user gets an error, and the SDK behind the user\'s client retries the whole generation again.',
      '',
      'This is the "504 after exactly 60 s" class of bug (onyx PR #10247: ingress-nginx\'s 60 s killed a 70k-token request; istio #16915 for Envoy\'s 15 s). Raise the hop\'s timeout to at least the call\'s own timeout — or lower the call\'s timeout and stream, so bytes keep flowing.',
      '',
      'nginx\'s read timeout applies between two reads, so a streaming response only has to produce its first token in time; for streaming calls the finding is a warning, for non-streaming ones an error. A response that sends keep-alive comments while the model is silent (sse-starlette\'s `EventSourceResponse` pings every 15 s, in the route\'s module or the call\'s) never lets a longer read timeout run out, so it is left alone. Only the calls the workspace\'s routes reach count, when some are known to be reached: a method no route calls is not behind the proxy.',
      '',
      'A route to the workspace\'s LiteLLM proxy waits as long as the proxy tries: its configured timeout per attempt times its attempts, times the model groups a request can fall back through. A deployment\'s own `litellm_params.timeout` takes precedence over the router\'s (`router_settings.timeout`, else `litellm_settings.request_timeout`), as LiteLLM\'s router resolves it; where deployments differ the longest counts, and a `stream_timeout` longer than that (the wait for a stream\'s first chunk) counts too. When a chat deployment has no timeout of its own and the proxy config leaves the router\'s at the default, the route is compared with an SDK client\'s 600 s instead.',
      '',
      'The call\'s own timeout is its explicit option (client, request, `with_options` copy), else the SDK\'s default. A raw HTTP request to a provider counts with the `timeout=` it passes (`requests.post(…, timeout=30)`, an httpx client\'s `post(…, timeout=180.0)`); an httpx request without one is left alone, as its client may set a default elsewhere.',
      '',
      'A route that takes its timeout through a YAML alias or merge key (`retries: *llm-retries` carrying a `perTryTimeout`) is reported at that alias, not at the anchor it shares with other routes, so a suppression comment above the alias applies to that route alone.',
      '',
      'An nginx config shipped in a Kubernetes ConfigMap (`nginx.conf: |`, `default.conf: |`) is read like an nginx file; its findings sit on the ConfigMap\'s lines and come without a fix.',
      '',
      'Where the route\'s timeout lives: an HTTPRoute rule\'s `timeouts`, else (Envoy Gateway) a BackendTrafficPolicy `timeout.http.requestTimeout` on the HTTPRoute or its Gateway; an Envoy AI Gateway `AIGatewayRoute` rule\'s `timeouts`, else Envoy AI Gateway\'s default of **60 s**. A BackendTrafficPolicy `retry.perRetry.timeout` on the route (or on its Gateway, when no policy targets the route), for a rule without a `retry` of its own, cuts every attempt the same way (no fix: it is not the route\'s to raise); an AIGatewayRoute is targeted through the HTTPRoute of the same name it generates, and carries model requests whatever its backends are named (they are AIServiceBackends of a model API). An Ingress\'s annotation, else the ingress-nginx controller ConfigMap, which also applies when the annotation cannot be parsed (`"600s"` is not a number of seconds). Of several Ingresses on one host, the one with the longest matching path serves the call. Which controller serves an Ingress comes from the IngressClass it names (`ingressClassName`) or, naming none, the one marked `ingressclass.kubernetes.io/is-default-class`, when the workspace defines it: `spec.controller` `ingress.k8s.aws/alb` or `eks.amazonaws.com/alb` (EKS Auto Mode) is an AWS ALB, `k8s.io/ingress-nginx` ingress-nginx; else the class name (`alb`, or one containing `nginx`) and the controller\'s annotations. An Ingress of a class another controller serves (`gce`, `gce-internal`, `traefik`) is left alone whatever ingress-nginx annotations it carries: they are leftovers that controller ignores.',
      '',
      'Of an nginx server\'s locations, the one nginx picks for the call\'s route fronts it: an exact `=` match, else the longest prefix when it is `^~`, else the first regex location that matches (`location ~ ^/(api|openapi.json)(/.*)?$`), else the longest prefix. When the call\'s route is not known, a `location /` beside locations proxying to other upstreams (the web frontend next to the API) is not taken to front it: the call may run behind another of them.',
      '',
      'nginx settings are read through `include` (snippets, `conf.d/*.conf`) wherever the included file is in the workspace. A location whose block (or enclosing server or http block) includes a file that is not — `include /etc/nginx/snippets/proxy.conf;` kept only on the server — may have its timeout set there, so it is not reported; includes named for TLS, MIME types or FastCGI/uWSGI parameters are not taken for proxy settings.',
      '',
      'An Ingress annotation whose value is a placeholder another renderer fills in (`"{{ .Values.readTimeout }}"`, `"{{ timeout }}"`, `"${READ_TIMEOUT}"`) is an unknown timeout, not an invalid one, so the controller\'s default is not assumed and nothing is reported. `{{ }}` only makes a file a Helm template inside a chart\'s `templates/`; elsewhere (PrometheusRule alert text, KServe\'s Go templates in block scalars) it is text, and the rest of the manifest is read.',
    ].join('\n'),
    bad: [
      {
        language: 'nginx',
        code: `http {
  server {
    listen 80;
    location /v1/ {
      proxy_pass https://api.openai.com/v1/;
    }
  }
}
`,
      },
      {
        language: 'yaml',
        filename: 'deploy/ingress.yaml',
        code: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat
  annotations:
    nginx.ingress.kubernetes.io/proxy-read-timeout: "30"
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
`,
        files: {
          'app/api/chat/route.ts': `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 600_000 });
export async function POST(req: Request) {
  const { q } = await req.json();
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
  return Response.json(r.choices[0].message);
}
`,
        },
      },
    ],
    good: [
      {
        language: 'nginx',
        code: `http {
  server {
    listen 80;
    location /v1/ {
      proxy_pass https://api.openai.com/v1/;
      proxy_read_timeout 600s;
      proxy_send_timeout 600s;
    }
  }
}
`,
      },
      {
        language: 'yaml',
        filename: 'deploy/ingress.yaml',
        code: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat
  annotations:
    nginx.ingress.kubernetes.io/proxy-read-timeout: "120"
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
`,
        files: {
          'app/api/chat/route.ts': `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 90_000 });
export async function POST(req: Request) {
  const { q } = await req.json();
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
  return Response.json(r.choices[0].message);
}
`,
        },
      },
    ],
    references: [
      'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_read_timeout',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#custom-timeouts',
      'https://www.envoyproxy.io/docs/envoy/latest/faq/configuration/timeouts',
      'https://gateway.envoyproxy.io/latest/tasks/traffic/http-timeouts/',
      'https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute',
    ],
    fixSafety: 'Safe: raises only this route\'s timeout (nginx `proxy_read_timeout`/`proxy_send_timeout` in the location, ingress-nginx annotations, VirtualService `timeout`, HTTPRoute `timeouts.request`, Envoy route `timeout`) to the call\'s own timeout, and a per-try timeout that cuts the call the same way; a total that is already longer (it also covers the retries) is never lowered, and an absent Istio total (no limit) is not added. No fix when an Envoy Gateway BackendTrafficPolicy `perRetry.timeout` would still cut the call. Longer timeouts hold connections open longer; no fix when the call behind has no timeout at all (give the call one first), nor when an `include` in the nginx location sets these timeouts (nginx rejects the same directive written twice in one block: raise it in the included file).',
  },
  check(ctx) {
    for (const hop of ctx.file.hops) {
      if (hop.path !== ctx.file.path || hop.kind === 'litellm' || hop.timeout.seconds === null) continue;
      const behind = behindTimeout(hop, ctx.workspace);
      if (!behind) continue;
      const front = hop.timeout.seconds;
      if (behind.seconds !== null && front >= behind.seconds) continue;
      const source = hop.timeout.source === 'default' ? (/configured value is invalid/.test(hop.timeout.note ?? '') ? 'default: the value set here is not a number of seconds, so it is ignored' : 'default') : hop.timeout.span ? 'set here' : /^set in [^)]+ so it is ignored$/.exec(hop.timeout.note ?? '')?.[0] ?? /set in [^;)]+/.exec(hop.timeout.note ?? '')?.[0] ?? 'set elsewhere';
      const runs = behind.seconds === null ? 'without a time limit' : fmt(behind.seconds);
      const where = behind.calls[0] ? ` (${behind.label} in ${path.relative(ctx.workspace.root, behind.calls[0].site.path).split(path.sep).join('/')})` : ` (${behind.label})`;
      const streamingOnly = (hop as ConfigHop).idleTimeout === true && behind.calls.length > 0 && behind.reached.every((s) => s.streaming === true);
      // An SSE response that pings while the model is silent (sse-starlette every 15 s) keeps a read timer from running out.
      if (streamingOnly && behind.reached.every((site) => pingsWithin(site, front, ctx.workspace))) continue;
      const related: RelatedInfo[] = behind.calls.slice(0, 3).map((c) => ({
        path: c.site.path,
        span: c.site.nameSpan,
        message: c.seconds === null ? `LLM call without a timeout (${c.label})` : `LLM call that may run ${fmt(c.seconds)} (${c.label})`,
      }));
      const span = hop.timeout.source === 'explicit' && hop.timeout.span ? hop.timeout.span : hop.span;
      ctx.report({
        span,
        severity: streamingOnly || behind.byNameOnly ? 'warning' : undefined,
        message: `${hopTitle(hop)} ${hopVerb(hop, fmt(front))} (${source}) but the LLM call behind it may run ${runs}${where}${streamingOnly ? '; streamed tokens must start within that time' : ''}`,
        fix: behind.seconds !== null ? timeoutFix(hop, ctx.file.text, behind.seconds) : undefined,
        related,
      });
    }
  },
});

/** The response around the call sends a keep-alive more often than the proxy's read timeout. */
function pingsWithin(site: LlmCallSite, seconds: number, ws: WorkspaceView): boolean {
  return responseSources(site, ws).some((code) => {
    const every = keepAliveSeconds(code);
    return every !== null && every < seconds;
  });
}
