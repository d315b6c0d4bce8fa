import { defineRule } from '../core/rule';
import { hopTitle, llmRoute } from '../core/topology';
import type { Hop, RelatedInfo } from '../core/types';
import type { ConfigHop } from '../languages/config/config-hop';
import { retryConditionsFix } from '../languages/config/hop-fixes';
import { RETRIES_TIMEOUTS } from '../languages/config/istio';

function describe(hop: Hop, why: string): string {
  if (hop.kind === 'nginx' || hop.kind === 'ingress-nginx') {
    const controller = (hop as ConfigHop).controllerNonIdempotent;
    const from = controller ? `; the controller's retry-non-idempotent "${controller.value}" in ${controller.source} adds non_idempotent to every Ingress` : '';
    return `passes POST requests on this LLM route (${why}) to the next upstream after errors and timeouts (proxy_next_upstream ${hop.retry.conditions.join(' ')}${from}), up to ${hop.retry.attempts} attempts`;
  }
  const risky = hop.retry.timeoutConditions ?? hop.retry.conditions.filter((c) => RETRIES_TIMEOUTS.includes(c));
  return `retries this LLM route (${why}) on ${risky.join(',')}, which re-sends requests that timed out or were reset mid-generation, up to ${hop.retry.attempts} attempts`;
}

/** Related information at the controller setting that adds non_idempotent, when it is not where the finding is. */
function controllerSetting(hop: Hop): RelatedInfo[] {
  const c = (hop as ConfigHop).controllerNonIdempotent;
  if (!c || (c.path === hop.path && hop.retry.span?.start === c.span.start)) return [];
  return [{ path: c.path, span: c.span, message: 'retry-non-idempotent adds non_idempotent to the proxy_next_upstream of every Ingress of this controller' }];
}

export default defineRule({
  id: 'retried-timeouts',
  family: 'resilience',
  severity: 'warning',
  fixable: 'safe',
  languages: ['yaml', 'nginx'],
  defaultOptions: {},
  docs: {
    summary: 'An infra retry policy re-sends LLM requests that timed out or were cut off, paying for the generation again',
    why: [
      'A request that timed out at the proxy was usually still generating: the model ran, the tokens are billed, and a retry starts the same long generation from scratch — which then times out the same way. Envoy\'s `5xx`, `reset` and `gateway-error` retry conditions all cover "no response / reset / timeout" (Envoy router docs), and Istio passes `retryOn` straight to Envoy; nginx only re-sends a POST to the next upstream when `non_idempotent` is listed (since 1.9.13), and tries each server of the upstream once at most, so an upstream of one server re-sends nothing.',
      '',
      'A route that takes its retry policy through a YAML alias or merge key (`retries: *llm-retries`, `<<: *llm-retries`) is reported at that alias, where a `# llm-infra-lint-disable-next-line retried-timeouts` comment silences this route only; the route holding the anchor is reported at the anchored values, and its fix changes the policy of every route that shares it (the alias routes get no fix of their own).',
      '',
      '`retriable-status-codes` retries only the codes listed with it (Envoy `retriable_status_codes`, Istio numeric `retryOn` entries): a policy that retries only 429s is not reported, one whose codes include 504 is.',
      '',
      'An Envoy Gateway BackendTrafficPolicy `retry` counts for the HTTPRoute rules it targets (through the route, or its Gateway when no policy targets the route) that have no `retry` of their own, and for an Envoy AI Gateway `AIGatewayRoute` through the HTTPRoute of the same name it generates: `retryOn.triggers` with `httpStatusCodes`, and Envoy Gateway\'s defaults where left out (2 retries on connection failures, refused streams and 503).',
      '',
      'ingress-nginx takes `non_idempotent` from an Ingress\'s `proxy-next-upstream` annotation, and from the controller: its ConfigMap (or the chart\'s `controller.config`) sets the defaults every Ingress starts from (`proxy-next-upstream`, `proxy-next-upstream-tries`, `proxy-read-timeout`), and `retry-non-idempotent: "true"` there appends `non_idempotent` to the proxy_next_upstream of every Ingress it serves, whatever the annotation says. That key has no Ingress annotation: `nginx.ingress.kubernetes.io/retry-non-idempotent` changes nothing and is not reported. A controller setting found in another file of the workspace is reported at each LLM Ingress, with related information at the setting.',
      '',
      'Retry only connection-phase failures at the infra layer (`connect-failure,refused-stream`, the Istio default minus the gRPC codes), where the request never reached the model, and let one client-side layer own the rest with backoff. For `proxy_next_upstream`, drop `non_idempotent`.',
    ].join('\n'),
    bad: [
      {
        language: 'yaml',
        code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: llm-gateway
spec:
  hosts: [llm-gateway]
  http:
    - route:
        - destination:
            host: litellm
      retries:
        attempts: 3
        retryOn: 5xx,reset
`,
      },
      {
        language: 'nginx',
        code: `http {
  upstream llm { server litellm-a:4000; server litellm-b:4000; }
  server {
    location /v1/chat/completions {
      proxy_pass http://llm;
      proxy_next_upstream error timeout non_idempotent;
    }
  }
}
`,
      },
    ],
    good: [
      {
        language: 'yaml',
        code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: llm-gateway
spec:
  hosts: [llm-gateway]
  http:
    - route:
        - destination:
            host: litellm
      retries:
        attempts: 2
        retryOn: connect-failure,refused-stream
`,
      },
      {
        language: 'nginx',
        code: `http {
  upstream llm { server litellm-a:4000; server litellm-b:4000; }
  server {
    location /v1/chat/completions {
      proxy_pass http://llm;
      # Without non_idempotent, nginx moves a POST to the next server only if it was never sent.
      proxy_next_upstream error timeout;
    }
  }
}
`,
      },
      {
        language: 'yaml',
        code: `# Not an LLM route: retrying a static site on 5xx is fine.
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: docs
spec:
  hosts: [docs]
  http:
    - match:
        - uri:
            prefix: /static/
      route:
        - destination:
            host: docs-site
      retries:
        attempts: 3
        retryOn: 5xx
`,
      },
    ],
    references: [
      'https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/router_filter#x-envoy-retry-on',
      'https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry',
      'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_next_upstream',
    ],
    fixSafety: 'Dropping `non_idempotent` is safe (nginx then retries a POST only before it was sent). Setting the ingress-nginx controller\'s `retry-non-idempotent` to `"false"` is offered as unsafe: it changes every Ingress of the controller, not only the LLM routes. Rewriting Istio `retryOn` / Envoy `retry_on` to `connect-failure,refused-stream` also stops retries of quick 503s, so that fix is offered as unsafe.',
  },
  check(ctx) {
    for (const hop of ctx.file.hops) {
      if (hop.path !== ctx.file.path || hop.kind === 'litellm' || !hop.retry.retriesTimeouts) continue;
      const route = llmRoute(hop, ctx.workspace);
      if (!route.llm) continue;
      ctx.report({
        span: hop.retry.span ?? hop.span,
        message: `${hopTitle(hop)} ${describe(hop, route.reason)}`,
        fix: retryConditionsFix(hop, ctx.file.text),
        related: [...route.calls.slice(0, 3).map((c) => ({ path: c.path, span: c.nameSpan, message: 'LLM call behind this route' })), ...controllerSetting(hop)],
      });
    }
  },
});
