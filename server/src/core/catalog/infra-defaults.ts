// Defaults of proxies, meshes, gateways and load balancers that apply when a config leaves a value unset.
// Data, not logic: each entry carries where it was read and when, so it can be re-checked as projects change.

/** One default value with its provenance. */
export interface InfraDefault<T> {
  value: T;
  /** Repository path, documentation page or changelog the value was read from. */
  source: string;
  /** When the source was read (the snapshot date). */
  asOf: string;
  /** Set when the value comes from general documentation knowledge rather than a quoted source. */
  unverified?: boolean;
}

const NGINX_DOCS = 'nginx.org/en/docs/http/ngx_http_proxy_module.html';
const INGRESS_NGINX_CONFIGMAP = 'kubernetes/ingress-nginx docs/user-guide/nginx-configuration/configmap.md L171–193; internal/ingress/controller/config/config.go L858–882 (snapshot dbb11b9)';
const ISTIO_VS = 'istio/api networking/v1alpha3/virtual_service.proto (snapshot b8f8791)';
const ISTIO_RETRY_GO = 'istio/istio pilot/pkg/networking/core/route/retry/retry.go (DefaultPolicy, ConvertPolicy)';
const ISTIO_503_CHANGE = 'Istio 1.24.0 change notes ("Fixed default retry policy to exclude retries on 503", istio/istio#50506, PR #52111); 1.24 upgrade notes (compatibility profile 1.23 sets EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY=false)';
const ENVOY_ROUTE = 'envoy api/envoy/config/route/v3/route_components.proto; envoyproxy.io/docs/envoy/latest/faq/configuration/timeouts';
const EG_RETRY_TYPES = 'envoyproxy/gateway api/v1alpha1/retry_types.go';
const EG_RETRY_TASK = 'gateway.envoyproxy.io/v1.9/tasks/traffic/retry/';
const LITELLM_ROUTER = 'BerriAI/litellm litellm/router.py __init__, litellm/__init__.py (request_timeout), litellm/constants.py';

/** Raw nginx (`ngx_http_proxy_module`). Read/send timeouts apply between two successive reads/writes. */
export const NGINX = {
  proxyReadTimeoutSeconds: { value: 60, source: NGINX_DOCS, asOf: '2026-08-21' } as InfraDefault<number>,
  proxySendTimeoutSeconds: { value: 60, source: NGINX_DOCS, asOf: '2026-08-21' } as InfraDefault<number>,
  proxyConnectTimeoutSeconds: { value: 60, source: NGINX_DOCS, asOf: '2026-08-21' } as InfraDefault<number>,
  proxyNextUpstream: { value: ['error', 'timeout'], source: NGINX_DOCS, asOf: '2026-08-21' } as InfraDefault<string[]>,
  /** 0 means "no limit" (bounded by the number of servers). */
  proxyNextUpstreamTries: { value: 0, source: NGINX_DOCS, asOf: '2026-08-21' } as InfraDefault<number>,
  proxyBuffering: { value: true, source: `${NGINX_DOCS} (proxy_buffering: Default on)`, asOf: '2026-08-21', unverified: true } as InfraDefault<boolean>,
  nonIdempotentNotRetriedSince: { value: '1.9.13', source: 'nginx CHANGES 1.9.13 (mail-archive.com/nginx@nginx.org/msg12640.html)', asOf: '2026-08-21' } as InfraDefault<string>,
};

/** Community ingress-nginx controller (ConfigMap defaults, overridable per Ingress by annotations). */
export const INGRESS_NGINX = {
  annotationPrefix: 'nginx.ingress.kubernetes.io/',
  /** The IngressClass `spec.controller` the chart installs (`controller.ingressClassResource.controllerValue`). */
  controller: { value: 'k8s.io/ingress-nginx', source: 'kubernetes/ingress-nginx charts/ingress-nginx/values.yaml controller.ingressClassResource.controllerValue', asOf: '2026-12-02', unverified: true } as InfraDefault<string>,
  proxyReadTimeoutSeconds: { value: 60, source: INGRESS_NGINX_CONFIGMAP, asOf: '2026-03-20' } as InfraDefault<number>,
  proxySendTimeoutSeconds: { value: 60, source: INGRESS_NGINX_CONFIGMAP, asOf: '2026-03-20' } as InfraDefault<number>,
  proxyConnectTimeoutSeconds: { value: 5, source: INGRESS_NGINX_CONFIGMAP, asOf: '2026-03-20' } as InfraDefault<number>,
  proxyNextUpstream: { value: ['error', 'timeout'], source: INGRESS_NGINX_CONFIGMAP, asOf: '2026-03-20' } as InfraDefault<string[]>,
  proxyNextUpstreamTries: { value: 3, source: INGRESS_NGINX_CONFIGMAP, asOf: '2026-03-20' } as InfraDefault<number>,
  proxyBuffering: { value: false, source: INGRESS_NGINX_CONFIGMAP, asOf: '2026-03-20' } as InfraDefault<boolean>,
  /**
   * ConfigMap key only (no annotation). When true, the controller appends `non_idempotent` to every location's
   * proxy_next_upstream, whatever the Ingress's `proxy-next-upstream` says (`buildNextUpstream` in the template).
   */
  retryNonIdempotent: { value: false, source: 'kubernetes/ingress-nginx docs/user-guide/nginx-configuration/configmap.md (retry-non-idempotent, bool "false"); internal/ingress/controller/template/template.go buildNextUpstream; rootfs/etc/nginx/template/nginx.tmpl (proxy_next_upstream {{ buildNextUpstream $location.Proxy.NextUpstream $all.Cfg.RetryNonIdempotent }})', asOf: '2026-12-02' } as InfraDefault<boolean>,
  status: { value: 'retired (best-effort maintenance until March 2026)', source: 'kubernetes/ingress-nginx README.md; kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/', asOf: '2026-03-20' } as InfraDefault<string>,
};

/**
 * Ingress class names of controllers other than ingress-nginx, which ignore `nginx.ingress.kubernetes.io/*`
 * annotations: an Ingress of such a class keeps them only as leftovers (open-webui/helm-charts' values-gke-min.yaml
 * sets `kubernetes.io/ingress.class: "gce"` beside three of them). Named classes only: an IngressClass in the
 * workspace says more, and ingress-nginx itself may be installed under any controller value.
 */
export const OTHER_INGRESS_CLASSES: InfraDefault<string[]> = {
  value: ['gce', 'gce-internal', 'traefik'],
  source: 'cloud.google.com/kubernetes-engine/docs/troubleshooting/ingress (kubernetes.io/ingress.class: gce for an external, gce-internal for an internal Application Load Balancer); traefik/traefik-helm-chart IngressClass (controller traefik.io/ingress-controller, named after the release: traefik)',
  asOf: '2026-12-03',
};

/** F5 NGINX Ingress Controller (`nginx.org/*` annotations). */
export const F5_NGINX_INGRESS = {
  annotationPrefix: 'nginx.org/',
  proxyReadTimeoutSeconds: { value: 60, source: 'docs.nginx.com/nginx-ingress-controller/configuration/ingress-resources/advanced-configuration-with-annotations', asOf: '2026-08-21' } as InfraDefault<number>,
  proxyConnectTimeoutSeconds: { value: 60, source: 'docs.nginx.com/nginx-ingress-controller/configuration/ingress-resources/advanced-configuration-with-annotations', asOf: '2026-08-21' } as InfraDefault<number>,
};

/** AWS Load Balancer Controller Ingresses (`alb.ingress.kubernetes.io/*`); the ALB's idle timeout is in CLOUD. */
export const AWS_ALB_INGRESS = {
  annotationPrefix: 'alb.ingress.kubernetes.io/',
  /** IngressClass `spec.controller` values of the AWS Load Balancer Controller and of EKS Auto Mode's built-in one. */
  controllers: {
    value: ['ingress.k8s.aws/alb', 'eks.amazonaws.com/alb'],
    source: 'kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/ingress_class/; docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html',
    asOf: '2026-12-02',
  } as InfraDefault<string[]>,
  /** `alb.ingress.kubernetes.io/load-balancer-attributes: idle_timeout.timeout_seconds=600` */
  idleTimeoutAttribute: { value: 'idle_timeout.timeout_seconds', source: 'kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#load-balancer-attributes', asOf: '2026-08-21', unverified: true } as InfraDefault<string>,
};

/** Istio VirtualService HTTP routes. */
export const ISTIO = {
  /** "Timeout for HTTP requests, default is disabled." */
  routeTimeoutSeconds: { value: null, source: `${ISTIO_VS} L444`, asOf: '2026-07-21' } as InfraDefault<number | null>,
  /** Retries applied when `retries` is unset (MeshConfig defaultHttpRetryPolicy can change it). */
  defaultRetryAttempts: { value: 2, source: `${ISTIO_VS} L449–456; mesh/v1alpha1/config.proto L1586`, asOf: '2026-07-21' } as InfraDefault<number>,
  /**
   * The conditions the VirtualService reference documents. The Envoy policy istiod generates
   * (`pilot/pkg/networking/core/route/retry/retry.go` DefaultPolicy) also lists `retriable-status-codes`, which
   * matches only `defaultRetriableStatusCodes`.
   */
  defaultRetryOn: { value: ['connect-failure', 'refused-stream', 'unavailable', 'cancelled'], source: `${ISTIO_VS} L449–456; ${ISTIO_RETRY_GO}`, asOf: '2026-07-21' } as InfraDefault<string[]>,
  /**
   * Status codes the default policy retries: none since Istio 1.24. Before, and with `compatibilityVersion: 1.23` or
   * `EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY=false`, it retried every 503, including a 503 the app itself answered.
   */
  defaultRetriableStatusCodes: { value: [], source: ISTIO_503_CHANGE, asOf: '2026-08-21' } as InfraDefault<number[]>,
};

/** Envoy route configuration (`RouteAction`). */
export const ENVOY = {
  /** "If not specified, the default is 15s … This timeout includes all retries. A value of 0 will disable the route's timeout." */
  routeTimeoutSeconds: { value: 15, source: ENVOY_ROUTE, asOf: '2026-08-21' } as InfraDefault<number>,
  /** `num_retries` when a retry policy is present without it. Without a policy Envoy does not retry. */
  retryPolicyNumRetries: { value: 1, source: ENVOY_ROUTE, asOf: '2026-08-21' } as InfraDefault<number>,
  streamIdleTimeoutSeconds: { value: 300, source: 'envoyproxy.io/docs/envoy/v1.16.3/_sources/faq/configuration/timeouts.rst.txt', asOf: '2026-08-21' } as InfraDefault<number>,
};

/** Envoy Gateway, the Gateway API implementation on Envoy. */
export const ENVOY_GATEWAY = {
  /** "The default request timeout is set to 15 seconds in Envoy Proxy." */
  requestTimeoutSeconds: { value: 15, source: 'gateway.envoyproxy.io/latest/tasks/traffic/http-timeouts/', asOf: '2026-08-21' } as InfraDefault<number>,
  /** GatewayClass controllerName of Envoy Gateway. */
  controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
  /**
   * BackendTrafficPolicy `retry` without `numRetries`: "Defaults to 2". A policy without `retry` does not retry, and an
   * HTTPRoute rule's own `retry` takes precedence over the policy's (since v1.3).
   */
  retryNumRetries: { value: 2, source: `${EG_RETRY_TYPES} (Retry.NumRetries +kubebuilder:default=2); ${EG_RETRY_TASK}`, asOf: '2026-12-01' } as InfraDefault<number>,
  /** `retry` without `retryOn`: "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes(503)". */
  retryOn: { value: ['connect-failure', 'refused-stream', 'unavailable', 'cancelled', 'retriable-status-codes'], source: `${EG_RETRY_TYPES} (Retry.RetryOn)`, asOf: '2026-12-01' } as InfraDefault<string[]>,
  /** The status codes `retriable-status-codes` matches under the default `retryOn`. */
  retryOnStatusCodes: { value: [503], source: `${EG_RETRY_TYPES} (Retry.RetryOn)`, asOf: '2026-12-01' } as InfraDefault<number[]>,
  /** `perRetry.timeout` has no default: without it an attempt is bounded only by the route's request timeout. */
  perRetryTimeoutSeconds: { value: null, source: `${EG_RETRY_TYPES} (PerRetryPolicy.Timeout, +optional without default)`, asOf: '2026-12-01' } as InfraDefault<number | null>,
};

/** Envoy AI Gateway, whose AIGatewayRoute generates an Envoy Gateway HTTPRoute of the same name. */
export const ENVOY_AI_GATEWAY = {
  /**
   * An AIGatewayRoute rule without `timeouts.request`: "Envoy AI Gateway defaults to set 60s for the request timeout as
   * opposed to 15s of the Envoy Gateway's default value" (written into the generated HTTPRoute rule).
   */
  requestTimeoutSeconds: { value: 60, source: 'envoyproxy/ai-gateway api/v1alpha1/ai_gateway_route.go (AIGatewayRouteRule.Timeouts); api/v1alpha1/ai_gateway_route_helper.go, api/v1beta1/ai_gateway_route_helper.go (defaultRequestTimeout = "60s", GetTimeoutsOrDefault)', asOf: '2026-12-01' } as InfraDefault<number>,
};

/** LiteLLM proxy / Router. */
export const LITELLM = {
  /** `num_retries` falls back to litellm.num_retries, then openai.DEFAULT_MAX_RETRIES (2). */
  numRetries: { value: 2, source: LITELLM_ROUTER, asOf: '2026-08-21' } as InfraDefault<number>,
  /** `litellm.request_timeout = 6000` seconds. */
  timeoutSeconds: { value: 6000, source: LITELLM_ROUTER, asOf: '2026-08-21' } as InfraDefault<number>,
  maxFallbacks: { value: 5, source: `${LITELLM_ROUTER} (ROUTER_MAX_FALLBACKS)`, asOf: '2026-08-21' } as InfraDefault<number>,
  allowedFails: { value: 3, source: LITELLM_ROUTER, asOf: '2026-08-21' } as InfraDefault<number>,
  cooldownSeconds: { value: 5, source: `${LITELLM_ROUTER} (DEFAULT_COOLDOWN_TIME_SECONDS)`, asOf: '2026-08-21' } as InfraDefault<number>,
  /** Errors the router retries (retry_policy keys: TimeoutErrorRetries, RateLimitErrorRetries, InternalServerErrorRetries, …). */
  retriedErrors: { value: ['timeout', '429', '5xx', 'connection'], source: 'docs.litellm.ai/docs/routing (retry_policy)', asOf: '2026-08-21', unverified: true } as InfraDefault<string[]>,
  /**
   * Whether the proxy adds `stream_options.include_usage` to every streamed request: off unless the config sets
   * `general_settings.always_include_stream_usage: true` or the environment sets this variable.
   */
  alwaysIncludeStreamUsage: {
    value: { on: false, settings: ['general_settings.always_include_stream_usage'], env: 'LITELLM_ENFORCE_STREAMED_USAGE' },
    source: 'BerriAI/litellm docs/my-website/docs/completion/usage.md ("Proxy: Always Include Streaming Usage")',
    asOf: '2026-12-02',
  } as InfraDefault<{ on: boolean; settings: string[]; env: string }>,
  /** The port the proxy listens on by default; used to recognise base URLs that point at it. */
  defaultPort: { value: 4000, source: 'docs.litellm.ai/docs/proxy/quick_start', asOf: '2026-08-21', unverified: true } as InfraDefault<number>,
};

/** Cloud load balancers and API gateways (for hops declared outside Kubernetes). */
export const CLOUD = {
  awsApiGatewayIntegrationTimeoutSeconds: { value: 29, source: 'aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/', asOf: '2026-08-21' } as InfraDefault<number>,
  awsAlbIdleTimeoutSeconds: { value: 60, source: 'docs.aws.amazon.com (ELB ConnectionSettings)', asOf: '2026-08-21' } as InfraDefault<number>,
  cloudFrontOriginReadTimeoutSeconds: { value: 30, source: 'docs.aws.amazon.com CloudFront originReadTimeout', asOf: '2026-08-21' } as InfraDefault<number>,
  gcpBackendServiceTimeoutSeconds: { value: 30, source: 'pulumi_gcp BackendService.timeoutSec docs', asOf: '2026-08-21' } as InfraDefault<number>,
  cloudRunRequestTimeoutSeconds: { value: 300, source: 'cloud.google.com/run/docs/configuring/request-timeout', asOf: '2026-08-21' } as InfraDefault<number>,
};

/**
 * Supabase Edge Functions on Supabase's hosted platform. A function that sends no response within the request idle
 * timeout is answered 504; the wall clock limit (150 s free, 400 s paid) ends the worker even once it has answered.
 */
export const SUPABASE_EDGE_FUNCTIONS = {
  requestIdleTimeoutSeconds: { value: 150, source: 'supabase.com/docs/guides/functions/limits (Runtime limits: "Request idle timeout: 150s")', asOf: '2026-12-03' } as InfraDefault<number>,
};

/** Self-hosted LLM gateways and model servers recognised by service or host name (hosted gateways are in `providers.ts` GATEWAYS). */
export const GATEWAY_SERVICE_NAMES: RegExp = /(^|[^a-z])(litellm|portkey|helicone|ai-gateway|aigateway|vllm|ollama|tgi|text-generation-inference|llama-?cpp|localai)([^a-z]|$)/i;

/** Service names that suggest LLM traffic without saying where it goes (`llm-api`, `inference`, `openai-proxy`). */
export const LLM_SERVICE_NAMES: RegExp = /(^|[^a-z])(llm|llms|openai|anthropic|claude|gemini|bedrock|inference|genai|gpt)([^a-z]|$)/i;

/** URL paths of LLM APIs: OpenAI-compatible (also vLLM, TGI, LiteLLM), Anthropic, Gemini, Azure OpenAI. Ollama's `/api/chat` is left to LLM_APP_PATHS: apps use it too. */
export const LLM_API_PATHS: RegExp[] = [
  /\/v1\/chat\/completions\b/,
  /\/v1\/completions\b/,
  /\/v1\/responses\b/,
  /\/v1\/messages\b/,
  /\/chat\/completions\b/,
  /:generateContent|:streamGenerateContent/,
  /\/openai\/deployments\//,
];

/** Looser path names of application routes that usually call a model (`/chat`, `/generate`, `/completion`, `/llm`, `/ai`). */
export const LLM_APP_PATHS: RegExp = /(^|\/)(chat|chats|generate|generation|completions?|llm|ai|ask|assistant|agents?|inference|copilot)(\/|$|[-_.?])/i;
