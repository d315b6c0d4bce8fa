// The chain model: which infrastructure hops sit in front of (or behind) an LLM call site.
import * as path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYamlValue } from 'yaml';
import { GATEWAY_SERVICE_NAMES, LITELLM, LLM_API_PATHS, LLM_APP_PATHS, LLM_SERVICE_NAMES } from './catalog/infra-defaults';
import { baseUrlEnvFor, gatewayForUrl, providerForUrl } from './catalog/providers';
import { GENKIT } from './catalog/genkit';
import { catalogSdkOf, HTTP_CLIENT_TIMEOUTS, optionNames, sdkDefaults } from './catalog/sdk-defaults';
import type { ArgsFact, Hop, LlmCallSite, RetryLayer, ValueFact } from './types';
import { isInside } from './paths';
import type { WorkspaceView } from './workspace-view';

/** Where a hop sits: edge load balancers, reverse proxies, ingress controllers, meshes, LLM gateways. */
export type HopLayer = 'edge' | 'proxy' | 'ingress' | 'mesh' | 'gateway';

const LAYER_ORDER: HopLayer[] = ['edge', 'proxy', 'ingress', 'mesh'];

/** The layer a hop belongs to. */
export function layerOf(hop: Hop): HopLayer {
  switch (hop.kind) {
    case 'load-balancer':
    case 'api-gateway':
      return 'edge';
    case 'nginx':
      return 'proxy';
    case 'ingress-nginx':
    case 'envoy-gateway':
    case 'gateway-api':
      return 'ingress';
    case 'istio':
    case 'envoy':
      return 'mesh';
    case 'litellm':
      return 'gateway';
  }
}

/** The product name users know a hop kind by. */
export function productOf(hop: Hop): string {
  if (hop.kind === 'ingress-nginx' && hop.name.includes('F5 NGINX')) return 'F5 NGINX Ingress';
  if (hop.kind === 'load-balancer' && hop.name.includes('AWS ALB')) return 'AWS ALB';
  const names: Record<Hop['kind'], string> = {
    'ingress-nginx': 'ingress-nginx',
    nginx: 'nginx',
    istio: 'Istio',
    envoy: 'Envoy',
    'envoy-gateway': 'Envoy Gateway',
    'gateway-api': 'Gateway API',
    litellm: 'LiteLLM',
    'api-gateway': 'API Gateway',
    'load-balancer': 'load balancer',
  };
  return names[hop.kind];
}

/** "nginx location /v1/", "ingress-nginx Ingress chat", "Istio VirtualService llm": the product and the hop's name. */
export function hopTitle(hop: Hop): string {
  const product = productOf(hop);
  return hop.name.toLowerCase().startsWith(product.toLowerCase()) || hop.name.includes(product) ? hop.name : `${product} ${hop.name}`;
}

/** One hop as a retry layer. LLM requests are POSTs, so a hop that never re-sends POSTs counts as 1 attempt. */
export function retryLayersOfHop(hop: Hop): RetryLayer {
  const layer = layerOf(hop);
  const kind: RetryLayer['kind'] = layer === 'gateway' ? 'gateway' : layer === 'mesh' ? 'mesh' : 'ingress';
  const attempts = hop.retry.retriesPost ? hop.retry.attempts : 1;
  return { kind, label: hop.kind === 'litellm' ? 'LiteLLM proxy' : productOf(hop), attempts, source: hop.retry.source, path: hop.path, span: hop.retry.span ?? hop.span };
}

/** "ingress 1 × mesh 3 × app loop 5 × SDK 3": infra layers by position, app constructs by label. */
export function describeChain(layers: RetryLayer[]): string {
  return layers
    .map((l) => {
      const name = l.kind === 'ingress' || l.kind === 'mesh' || l.kind === 'gateway' ? l.kind : l.kind === 'loop' || l.kind === 'library' || l.kind === 'decorator' ? `app ${l.label}` : l.label;
      return `${name} ${l.attempts ?? '∞'}`;
    })
    .join(' × ');
}

/** Infra retry layers around a call, for the retry-chain hook: hops in front (outer) and gateways behind (inner). */
export function infraRetryLayers(site: LlmCallSite, ws: WorkspaceView): { outer: RetryLayer[]; inner: RetryLayer[] } {
  const outer: RetryLayer[] = [];
  const inner: RetryLayer[] = [];
  for (const { at, hop } of stackingHops(site, ws)) (isBehindApp(at) ? inner : outer).push(retryLayersOfHop(hop));
  return { outer, inner };
}

/**
 * The whole path of a call for hovers and reports, outermost first:
 * "ingress-nginx Ingress chat (60 s default, 1 attempt) → Istio VirtualService chat (no timeout, 3 attempts) → app → LiteLLM proxy (6000 s default, 3 attempts)".
 */
export function describeHopChain(site: LlmCallSite, ws: WorkspaceView): string {
  const chain = stackingHops(site, ws);
  const fmt = (hop: Hop) => {
    const t = hop.timeout.source === 'unknown' ? 'timeout unknown' : hop.timeout.seconds === null ? 'no timeout' : `${hop.timeout.seconds} s${hop.timeout.source === 'default' ? ' default' : ''}`;
    const a = retryLayersOfHop(hop).attempts;
    return `${hopTitle(hop)} (${t}, ${a} attempt${a === 1 ? '' : 's'})`;
  };
  const front = chain.filter((h) => !isBehindApp(h.at)).map((h) => fmt(h.hop));
  const behind = chain.filter((h) => isBehindApp(h.at)).map((h) => fmt(h.hop));
  return [...front, 'app', ...behind].join(' → ');
}

// ---------------------------------------------------------------------------
// Hops that stack

/** What the config front ends record about the resource a hop comes from (`ConfigHop.resource`). */
interface HopResource {
  kind: string;
  name: string;
  namespace?: string;
  route: string;
}

/** The resource a hop belongs to and its route: YAML resources by kind and name, nginx and Envoy routes by file. */
function resourceOf(hop: Hop): { key: string; namespace?: string; route: string } | null {
  const r = (hop as { resource?: HopResource }).resource;
  if (r) return { key: `${r.kind}/${r.name}`, namespace: r.namespace, route: r.route };
  // One request is served by one location of an nginx configuration, and by one route of an Envoy route table.
  if (hop.kind === 'nginx' || hop.kind === 'envoy') return { key: `${hop.kind}:${hop.path}`, route: `${hop.span.start}` };
  return null;
}

/**
 * Two hops of one resource on the same side of the app. A request may pass one proxy twice, on its way to the app
 * and again when the app calls the model (an nginx with a location for each); those passes stack. A document that
 * says nothing about where it routes (a Kustomize patch of retries alone) sits wherever its resource does.
 */
function sameResource(a: Hop, b: Hop): boolean {
  const x = resourceOf(a);
  const y = resourceOf(b);
  if (!x || !y || x.key !== y.key || (x.namespace && y.namespace && x.namespace !== y.namespace)) return false;
  return !routesSomewhere(a) || !routesSomewhere(b) || isBehindApp(a) === isBehindApp(b);
}

function routesSomewhere(hop: Hop): boolean {
  return hop.routes.hosts.length > 0 || hop.routes.upstreams.length > 0;
}

/**
 * The hops of a call's chain whose retries stack, in chain order: `at` is where the hop sits (in front of the app or
 * behind it), `hop` the one whose retries apply. Hops of one resource count once. Sibling routes of one
 * VirtualService (or HTTPRoute, nginx configuration, Envoy route table) are alternatives: a request takes the first
 * route that matches it, so the matching one counts, else the one with the most attempts. Two documents declaring the
 * same resource and route describe one proxy: a Kustomize overlay's patch replaces its base's values, and of copies
 * that do not patch one another (one per environment) the one with the most attempts counts.
 */
export function stackingHops(site: LlmCallSite, ws: WorkspaceView): Array<{ at: Hop; hop: Hop }> {
  const chain = hopsFronting(site, ws);
  const groups: Hop[][] = [];
  for (const hop of chain) {
    const g = groups.find((members) => sameResource(members[0], hop));
    if (g) g.push(hop);
    else groups.push([hop]);
  }
  return groups.map((members) => {
    if (members.length === 1) return { at: members[0], hop: members[0] };
    // The document that says where the resource routes (not a patch of its retries alone) places it in the chain.
    const at = members.find(routesSomewhere) ?? members[0];
    const byRoute = new Map<string, Hop[]>();
    for (const m of members) {
      const route = resourceOf(m)!.route;
      byRoute.set(route, [...(byRoute.get(route) ?? []), m]);
    }
    const routes = [...byRoute.values()].map((copies) => oneCopy(copies, ws));
    return { at, hop: routes.length === 1 ? routes[0] : matchingRoute(routes, site, ws, at) };
  });
}

function attemptsOf(hop: Hop): number {
  return retryLayersOfHop(hop).attempts ?? Infinity;
}

/** The hop with the most attempts (the first of equals). */
function mostAttempts(hops: Hop[]): Hop {
  return hops.reduce((a, b) => (attemptsOf(b) > attemptsOf(a) ? b : a));
}

/** Of several documents declaring one route: the overlay patches that set its retries, else the worst copy. */
function oneCopy(copies: Hop[], ws: WorkspaceView): Hop {
  if (copies.length === 1) return copies[0];
  const patches = copies.filter((c) => copies.some((o) => o !== c && patchesResourceOf(c, o, ws)));
  const patched = patches.filter((p) => p.retry.source === 'explicit');
  if (patched.length) return mostAttempts(patched);
  // A patch that leaves the retries alone keeps the base's.
  const rest = copies.filter((c) => !patches.includes(c));
  return mostAttempts(rest.length ? rest : copies);
}

/** Of sibling routes: the first (in file order) that serves the call's request path, else the worst. */
function matchingRoute(routes: Hop[], site: LlmCallSite, ws: WorkspaceView, at: Hop): Hop {
  const paths = isBehindApp(at) ? egressPaths(site, ws) : requestPathsOf(site, ws.root);
  if (paths.length > 0) {
    const ordered = [...routes].sort((a, b) => (a.path === b.path ? a.span.start - b.span.start : a.path < b.path ? -1 : 1));
    const first = ordered.find((r) => r.routes.paths.length === 0 || r.routes.paths.some((p) => paths.some((q) => routeMatches(p, q))));
    if (first) return first;
  }
  return mostAttempts(routes);
}

/** Endpoints of the OpenAI-compatible and Anthropic APIs, by SDK method, appended to the base URL's path. */
const API_ENDPOINTS: Array<[RegExp, string]> = [
  [/(^|\.)chat\.completions\./, '/chat/completions'],
  [/(^|\.)responses\./, '/responses'],
  [/(^|\.)embeddings\./, '/embeddings'],
  [/^completions\./, '/completions'],
];

/** URL paths an SDK call requests from its base URL (`http://litellm:4000/v1` + `/chat/completions`); [] when unknown. */
function egressPaths(site: LlmCallSite, ws: WorkspaceView): string[] {
  const endpoint = site.sdk === 'anthropic' && /^messages\./.test(site.method) ? '/v1/messages' : API_ENDPOINTS.find(([re]) => re.test(site.method))?.[1];
  if (!endpoint || (site.sdk !== 'openai' && site.sdk !== 'anthropic')) return [];
  const bases = baseUrlsOf(site, ws);
  const prefixes = bases.length ? bases.map((u) => /^[a-z]+:\/\/[^/]+(\/[^?#]*)?/i.exec(u)?.[1] ?? '') : [site.sdk === 'openai' ? '/v1' : ''];
  return [...new Set(prefixes.map((p) => p.replace(/\/+$/, '') + endpoint))];
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

interface Kustomization {
  resources: string[];
  patches: string[];
}

const kustomizationCache = new WeakMap<WorkspaceView, Map<string, Kustomization | null>>();

/** The kustomization of a directory: the paths of its resources and of its patch files, resolved. */
function kustomizationIn(dir: string, ws: WorkspaceView): Kustomization | null {
  let perView = kustomizationCache.get(ws);
  if (!perView) kustomizationCache.set(ws, (perView = new Map()));
  if (perView.has(dir)) return perView.get(dir)!;
  let found: Kustomization | null = null;
  // Remote bases (`github.com/…?ref=`) and directories outside the workspace are not read.
  for (const name of isInside(dir, ws.root) ? KUSTOMIZATION_FILES : []) {
    const text = ws.readText(path.join(dir, name));
    if (text === undefined) continue;
    let k: unknown;
    try {
      k = parseYamlValue(text);
    } catch {
      break;
    }
    if (!k || typeof k !== 'object') break;
    const o = k as Record<string, unknown>;
    const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
    const files = (v: unknown[]): string[] => v.map((e) => (typeof e === 'string' ? e : e && typeof e === 'object' && typeof (e as { path?: unknown }).path === 'string' ? (e as { path: string }).path : null)).filter((e): e is string => !!e);
    found = {
      resources: files([...list(o.resources), ...list(o.bases), ...list(o.components)]).map((r) => path.resolve(dir, r)),
      patches: files([...list(o.patches), ...list(o.patchesStrategicMerge)]).map((r) => path.resolve(dir, r)),
    };
    break;
  }
  perView.set(dir, found);
  return found;
}

/** `patch` is a patch file of a Kustomize overlay whose resources reach `base`'s file (through `../base` chains). */
function patchesResourceOf(patch: Hop, base: Hop, ws: WorkspaceView): boolean {
  const dir = path.dirname(patch.path);
  const k = kustomizationIn(dir, ws);
  if (!k || !k.patches.includes(patch.path)) return false;
  const reaches = (d: string, depth: number, seen: Set<string>): boolean => {
    const own = kustomizationIn(d, ws);
    if (!own || depth > 8 || seen.has(d)) return false;
    seen.add(d);
    return own.resources.some((r) => r === base.path || (kustomizationIn(r, ws) !== null && reaches(r, depth + 1, seen)));
  };
  return reaches(dir, 0, new Set());
}

// ---------------------------------------------------------------------------
// Call timeouts

export interface CallTimeout {
  /** null: no limit at all. */
  seconds: number | null;
  source: 'explicit' | 'default' | 'unknown';
  /** "timeout 600000 ms on the client", "OpenAI SDK default". */
  label: string;
}

const SDK_NAMES: Record<string, string> = {
  openai: 'OpenAI SDK',
  anthropic: 'Anthropic SDK',
  'ai-sdk': 'AI SDK',
  langchain: 'LangChain',
  litellm: 'LiteLLM',
  'google-genai': 'Google GenAI SDK',
  'google-generativeai': 'Google Generative AI SDK (deprecated)',
  ollama: 'Ollama Python SDK',
  llamaindex: 'LlamaIndex',
  haystack: 'Haystack',
  'semantic-kernel': 'Semantic Kernel',
  'azure-ai-inference': 'Azure AI Inference SDK',
  'openai-agents': 'OpenAI Agents SDK',
  'pydantic-ai': 'Pydantic AI',
  'google-adk': 'Google ADK',
  dspy: 'DSPy',
  boto3: 'boto3 (botocore)',
  'aws-sdk': 'AWS SDK for JavaScript',
  genkit: 'Genkit',
  mastra: 'Mastra',
  http: 'HTTP client',
};

/** `openai.timeout = …` (or `openai.timeout: float = …`) configures the openai module's default client for every call. */
const OPENAI_MODULE_TIMEOUT = /^[ \t]*openai\.timeout\s*(?::[^=\n]*)?=/m;
/** `litellm.request_timeout = 60`: the module setting a LiteLLM Router falls back on when it is given no timeout. */
const LITELLM_REQUEST_TIMEOUT = /\blitellm\.request_timeout\s*=(?!=)/;
/** `axios.defaults.timeout = 30_000`: a global default of the axios instance every `axios.post` uses. */
const AXIOS_DEFAULT_TIMEOUT = /\baxios\.defaults\.timeout\s*=(?!=)/;

const settingCache = new WeakMap<WorkspaceView, Map<RegExp, boolean>>();

/** Whether some file of the workspace in one language family (Python, or JavaScript/TypeScript) writes a global setting. */
function workspaceSets(ws: WorkspaceView, setting: RegExp, python: boolean): boolean {
  let perView = settingCache.get(ws);
  if (!perView) settingCache.set(ws, (perView = new Map()));
  let set = perView.get(setting);
  if (set === undefined) perView.set(setting, (set = [...ws.files()].some((f) => (f.language === 'python') === python && setting.test(f.text))));
  return set;
}

/** Whether some Python file of the workspace sets a timeout on the openai module's default client. */
export function openaiModuleTimeoutSet(ws: WorkspaceView): boolean {
  return workspaceSets(ws, OPENAI_MODULE_TIMEOUT, true);
}

/** Whether some Python file of the workspace sets `litellm.request_timeout`. */
export function litellmRequestTimeoutSet(ws: WorkspaceView): boolean {
  return workspaceSets(ws, LITELLM_REQUEST_TIMEOUT, true);
}

/** Whether some JavaScript/TypeScript file of the workspace (an entry file, a setup module) sets axios's default timeout. */
export function axiosDefaultTimeoutSet(ws: WorkspaceView): boolean {
  return workspaceSets(ws, AXIOS_DEFAULT_TIMEOUT, false);
}

/**
 * How long an LLM call may run before its own client gives up: an explicit option, else the SDK's default.
 * With the workspace, a call through the openai module's default client (`openai.chat.completions.create`) counts too.
 */
export function callTimeout(site: LlmCallSite, ws?: WorkspaceView): CallTimeout {
  const lang = site.language === 'python' ? 'python' : 'typescript';
  const sdkId = catalogSdkOf(site);
  const names = optionNames(sdkId, lang);
  const unit = names?.timeoutUnit ?? (lang === 'python' ? 's' : 'ms');
  const sdkName = sdkId === 'openai-v3' ? 'OpenAI SDK 3.x' : sdkId === 'openai-edge' ? 'openai-edge' : (SDK_NAMES[site.sdk] ?? site.sdk);
  // A boto3 client's `config=` that is not a Config written where the analysis reads it may set any read timeout.
  const botoConfig = site.sdk === 'boto3' ? site.client?.args.options.config?.value : undefined;
  if (site.sdk === 'boto3' && (site.client?.args.hasSpread || (botoConfig && (botoConfig.kind !== 'object' || botoConfig.args.hasSpread)))) {
    return { seconds: null, source: 'unknown', label: 'botocore config not read' };
  }
  // A BedrockRuntimeClient's request handler built elsewhere (`new NodeHttpHandler({ requestTimeout })`, a shared one)
  // or per-call options not written in place may set any timeout.
  const handler = site.sdk === 'aws-sdk' ? site.client?.args.options.requestHandler?.value : undefined;
  if (site.sdk === 'aws-sdk' && (site.client?.args.hasSpread || site.requestOptions?.hasSpread || (handler && (handler.kind !== 'object' || handler.args.hasSpread)))) {
    return { seconds: null, source: 'unknown', label: 'request handler or send options not read' };
  }
  // Genkit's request goes through its model plugin's own client, with that plugin's timeout (catalog/genkit.ts).
  if (site.sdk === 'genkit') return { seconds: null, source: 'unknown', label: 'set by the Genkit model plugin' };
  const candidates: Array<[ArgsFact | undefined, string[], string]> = [
    [site.requestOptions, names?.request.timeout ?? ['timeout'], 'on the request'],
    [site.copyOptions, ['timeout'], `on the client copy (${lang === 'python' ? 'with_options' : 'withOptions'})`],
    // (openai-node 3.x: the body has no timeout; the axios config in the second argument does.)
    [sdkId === 'openai-v3' ? undefined : site.args, names?.request.timeout ?? [], 'on the call'],
    [site.client?.args, names?.client.timeout ?? [], 'on the client'],
  ];
  for (const [args, keys, where] of candidates) {
    if (!args) continue;
    for (const key of keys) {
      const v = optionAt(args, key);
      if (!v) continue;
      // openai < 1.0 sends `request_timeout or 600`: None and 0 leave the default.
      if (sdkId === 'openai-legacy' && (v.kind === 'null' || (v.kind === 'number' && v.value === 0))) continue;
      // axios and node-fetch take `timeout: 0` as no timeout at all.
      if (site.httpClient && HTTP_CLIENT_TIMEOUTS[site.httpClient].zeroIsNone && v.kind === 'number' && v.value === 0) return { seconds: null, source: 'explicit', label: `timeout 0 (none) ${where}` };
      const seconds = timeoutSeconds(v, unit);
      if (seconds === undefined) return { seconds: null, source: 'unknown', label: `timeout ${where} is not a literal` };
      return { seconds, source: 'explicit', label: `timeout ${where}` };
    }
  }
  if (typeof site.deadlineSeconds === 'number') return { seconds: site.deadlineSeconds, source: 'explicit', label: 'asyncio deadline around the call' };
  // An agent's runs are bounded where they start (or, in some releases, by its settings): not followed.
  if (site.agent) return { seconds: null, source: 'unknown', label: 'agent runs are bounded where they start' };
  if (site.sdk === 'ai-sdk') {
    const signal = optionAt(site.args, 'abortSignal');
    if (signal) {
      const m = signal.kind === 'dynamic' ? /AbortSignal\.timeout\(\s*([\d_]+)\s*\)/.exec(signal.text) : null;
      return m ? { seconds: Number(m[1].replace(/_/g, '')) / 1000, source: 'explicit', label: 'AbortSignal.timeout on the call' } : { seconds: null, source: 'unknown', label: 'abortSignal on the call' };
    }
  }
  // openai-node 3.x: an axios config or Configuration options we cannot read may carry a timeout.
  if (sdkId === 'openai-v3') {
    const baseOptions = site.client?.args.options.baseOptions?.value;
    if (site.requestOptions?.hasSpread || site.client?.args.hasSpread || (baseOptions && baseOptions.kind !== 'object') || (baseOptions?.kind === 'object' && baseOptions.args.hasSpread)) {
      return { seconds: null, source: 'unknown', label: 'request options not visible' };
    }
  }
  // openai-edge: the call's RequestInit (its second argument) is bounded by a `signal` alone, whose timer is not read.
  if (sdkId === 'openai-edge' && (site.requestOptions?.hasSpread || (site.requestOptions && 'signal' in site.requestOptions.options))) {
    return { seconds: null, source: 'unknown', label: 'signal on the request' };
  }
  // Calls whose client could not be resolved may have a timeout we cannot see.
  // (openai < 1.0 has no client object: only the call's `request_timeout` or the SDK default apply, unless `**kwargs`
  // may carry the former.)
  // Python requests take `timeout=` as a keyword of the call, which unpacked `**kwargs` may carry (a wrapper's callers).
  if (lang === 'python' && site.args.hasSpread) return { seconds: null, source: 'unknown', label: 'options passed as **kwargs' };
  // (ollama's module functions go through a `Client()` made with no arguments: no timeout, and no setting changes it.)
  const moduleClient = !site.client && site.moduleClient === true && (site.sdk === 'openai' || site.sdk === 'ollama') && !!ws;
  if (moduleClient && site.sdk === 'openai' && openaiModuleTimeoutSet(ws!)) return { seconds: null, source: 'unknown', label: 'timeout set on the openai module' };
  if (!site.client && !moduleClient && sdkId !== 'openai-legacy' && site.sdk !== 'ai-sdk' && site.sdk !== 'litellm' && site.sdk !== 'http') return { seconds: null, source: 'unknown', label: 'client not resolved' };
  // Python HTTP clients other than requests bound requests by default (httpx 5 s, aiohttp 5 min), often on a client
  // made elsewhere (`httpx.AsyncClient(timeout=30)`) that the call site does not carry: not read, so not claimed.
  if (site.sdk === 'http' && lang === 'python' && site.httpClient !== 'requests') return { seconds: null, source: 'unknown', label: 'HTTP client timeout not read' };
  const d = sdkDefaults(sdkId, lang);
  if (!d) return { seconds: null, source: 'default', label: `${sdkName} has no timeout` };
  return { seconds: d.defaultTimeoutSeconds, source: 'default', label: d.defaultTimeoutSeconds === null ? `${sdkName} has no default timeout` : `${sdkName} default` };
}

function optionAt(args: ArgsFact | undefined, dotted: string): ValueFact | undefined {
  let a = args;
  const parts = dotted.split('.');
  for (let i = 0; i < parts.length; i++) {
    const v = a?.options[parts[i]]?.value;
    if (!v) return undefined;
    if (i === parts.length - 1) return v;
    if (v.kind !== 'object') return undefined;
    a = v.args;
  }
  return undefined;
}

/** Seconds in a timeout value; null for "no limit"; undefined when it cannot be read statically. */
function timeoutSeconds(v: ValueFact, unit: 'ms' | 's'): number | null | undefined {
  const scale = unit === 'ms' ? 1 / 1000 : 1;
  if (v.kind === 'number') return v.value * scale;
  if (v.kind === 'null') return null;
  if (v.kind === 'object') {
    // AI SDK `timeout: { totalMs }`, or a nested `{ timeout }` in the SDK's unit; anything else is unknown.
    const totalMs = v.args.options.totalMs?.value;
    if (totalMs?.kind === 'number') return totalMs.value / 1000;
    const nested = v.args.options.timeout?.value;
    return nested?.kind === 'number' ? nested.value * scale : undefined;
  }
  if (v.kind === 'dynamic') {
    // httpx.Timeout(120, connect=5) / Timeout(timeout=600.0) / 10 * 60 * 1000
    const httpx = /Timeout\(\s*(?:timeout\s*=\s*)?([\d_.]+)/.exec(v.text);
    if (httpx) return Number(httpx[1].replace(/_/g, ''));
    if (/^[\d_.\s*]+$/.test(v.text)) return v.text.split('*').reduce((p, x) => p * Number(x.trim().replace(/_/g, '')), 1) * scale;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Association

const INFRA_DIRS = new Set([
  'deploy', 'deployment', 'deployments', 'k8s', 'kube', 'kubernetes', 'manifests', 'helm', 'chart', 'charts', 'infra', 'infrastructure',
  'nginx', 'conf.d', 'sites-available', 'sites-enabled', 'istio', 'gateway', 'gateways', 'config', 'configs', 'ops', 'templates', 'base',
  'overlays', 'envs', 'environments', 'docker', 'compose', '.deploy', 'argocd', 'kustomize', 'proxy', 'litellm', 'prod', 'production',
  'staging', 'dev', 'mesh', 'ingress', 'networking', 'etc',
]);

const NOT_LLM_PATH = /\.(css|js|mjs|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|map|html?)\b|(^|\/)(static|assets|public|_next|images?|img|css|fonts|favicon\.ico|robots\.txt)(\/|$)|(^|\/)(health|healthz|healthcheck|ready|readyz|live|livez|ping|metrics|status|version)(\/|$)/i;

/** URL paths a call's handler serves: from the request-path reason (`route POST /chat`) or the file's Next.js route. */
export function requestPathsOf(site: LlmCallSite, root = ''): string[] {
  const out = new Set<string>();
  const reason = site.enclosingFunction?.requestPath;
  if (!reason) return [];
  for (const m of reason.matchAll(/(?:^|[\s(])(\/[^\s()'"`,]*)/g)) out.add(m[1]);
  const rel = toPosix(path.relative(root || '/', site.path));
  const app = /(?:^|\/)app\/(.*?)\/?route\.[cm]?[jt]sx?$/.exec(rel);
  if (app) out.add(nextPath(app[1]));
  const pages = /(?:^|\/)pages\/(api\/.*?)(?:\/index)?\.[cm]?[jt]sx?$/.exec(rel);
  if (pages) out.add(nextPath(pages[1]));
  return [...out];
}

function nextPath(p: string): string {
  const segs = p.split('/').filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'));
  return '/' + segs.map((s) => s.replace(/^\[\[?\.{0,3}(.*?)\]?\]$/, ':$1')).join('/');
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Matches a route path as the config front ends write it (`/v1/`, `= /x`, `~ ^/api/`) against a request path. */
export function routeMatches(route: string, requestPath: string): boolean {
  const { kind, pattern: p } = locationPattern(route);
  if (kind === '=') return requestPath === p;
  if (kind === '~' || kind === '~*') {
    try {
      return new RegExp(p, kind === '~*' ? 'i' : '').test(requestPath);
    } catch {
      return false;
    }
  }
  if (p === '' || p === '/') return true;
  const prefix = p.replace(/\*$/, '');
  return requestPath === prefix.replace(/\/$/, '') || requestPath.startsWith(prefix.endsWith('/') ? prefix : prefix + '/') || (prefix.endsWith('/') && requestPath.startsWith(prefix));
}

function isCatchAll(route: string): boolean {
  const r = route.trim();
  return r === '/' || r === '' || r === '/*' || r === '^~ /' || /^~\*?\s+\^?\/?(\.\*)?\$?$/.test(r);
}

/** `http://chat-api.prod.svc.cluster.local:8080/v1` → `chat-api`. */
function shortName(upstream: string): string {
  const noScheme = upstream.replace(/^[a-z]+:\/\//i, '');
  const host = noScheme.split('/')[0].replace(/:\d+$/, '');
  return normalizeName(host.split('.')[0]);
}

function normalizeName(s: string): string {
  return s.toLowerCase().replace(/[-_](svc|service|server|backend|app|api)$/, '');
}

/**
 * Paths of an LLM gateway or OpenAI-compatible server that never run a generation: the model list, and LiteLLM's admin
 * UI and management API (keys, users, teams, spend, SSO).
 */
const GATEWAY_ADMIN_PATH = /^\/?(v1\/)?(models|model\/info|model_group\/info)(\/|$)|^\/?(ui|key|user|team|spend|sso|login|logout|customer|organization|budget|global|routes|openapi\.json|docs|redoc)(\/|$)/i;

/** A route to an LLM gateway or provider that only serves its model list or admin pages. */
function onlyGatewayAdminPaths(hop: Hop): boolean {
  return hop.routes.paths.length > 0 && hop.routes.paths.every((p) => GATEWAY_ADMIN_PATH.test(locationPattern(p).pattern) && !isCatchAll(p));
}

/** The hop's routes only carry static files, health checks and the like. */
function onlyNonLlmPaths(hop: Hop): boolean {
  return hop.routes.paths.length > 0 && hop.routes.paths.every((p) => NOT_LLM_PATH.test(locationPattern(p).pattern) && !isCatchAll(p));
}

/** The hop sends traffic to a provider, a hosted gateway or a LiteLLM/model server: it sits behind the app. */
export function isBehindApp(hop: Hop): boolean {
  if (hop.kind === 'litellm') return true;
  return [...hop.routes.upstreams, ...hop.routes.hosts].some((u) => upstreamIsGateway(u));
}

function hostOf(u: string): string {
  return u.replace(/^[a-z]+:\/\//i, '').split('/')[0];
}

/** A provider API, a hosted gateway, or a self-hosted gateway / model server. */
function upstreamIsGateway(u: string): boolean {
  const url = /^[a-z]+:\/\//i.test(u) ? u : `https://${u}`;
  return !!providerForUrl(url) || !!gatewayForUrl(url) || GATEWAY_SERVICE_NAMES.test(hostOf(u));
}

function upstreamIsLlm(u: string): boolean {
  return upstreamIsGateway(u) || LLM_SERVICE_NAMES.test(hostOf(u));
}

/** Folders holding Helm charts: a chart directory inside one (`helm/librechat`) is named after the chart, not after code. */
const CHART_PARENTS = new Set(['helm', 'charts', 'chart']);

/**
 * The directory a hop's file speaks for: its folder without trailing infra folders (`svc/deploy/k8s` → `svc`,
 * `svc/helm/svc-chart` → `svc`).
 */
function scopeOf(hop: Hop, root: string): string {
  let dir = path.dirname(hop.path);
  const infra = (d: string) => INFRA_DIRS.has(path.basename(d).toLowerCase()) || CHART_PARENTS.has(path.basename(path.dirname(d)).toLowerCase());
  while (dir.length > root.length && infra(dir)) dir = path.dirname(dir);
  return dir.length < root.length ? root : dir;
}

interface Association {
  hop: Hop;
  score: number;
}

const cache = new WeakMap<WorkspaceView, Map<string, Hop[]>>();

/**
 * The hops in front of a call site and the gateways behind it, outermost first
 * (edge → proxy → ingress → mesh → [app] → egress proxies → LLM gateway).
 * `topology` entries in the config decide for the code they name; otherwise hops are associated by
 * path, service name and directory, and a LiteLLM gateway when the client's base URL points at it.
 */
export function hopsFronting(site: LlmCallSite, ws: WorkspaceView): Hop[] {
  let perView = cache.get(ws);
  if (!perView) cache.set(ws, (perView = new Map()));
  const hit = perView.get(site.id);
  if (hit) return hit;
  const chain = configuredChain(site, ws) ?? defaultChain(site, ws);
  perView.set(site.id, chain);
  return chain;
}

/** Integrations that keep usage and cost but no per-call trace: metrics, metering and log storage. */
const UNTRACED_SINKS = /^(prometheus|openmeter|s3|gcs_bucket|azure_storage|dynamodb|sqs)$/i;

/**
 * The LiteLLM gateway behind a call that logs every call it serves, if any: with its usage and cost (any logging
 * integration), or, with `traces`, as a trace of its own (not only Prometheus metrics or stored logs).
 */
export function loggingGateway(site: LlmCallSite, ws: WorkspaceView, options: { traces?: boolean } = {}): Hop | null {
  const logs = (h: Hop) => h.kind === 'litellm' && (h.logsCallsTo ?? []).some((name) => !options.traces || !UNTRACED_SINKS.test(name));
  // Most workspaces have no such gateway: do not work out every call's chain to find none.
  if (!ws.hops.some(logs)) return null;
  return hopsFronting(site, ws).find(logs) ?? null;
}

/**
 * A LiteLLM SDK call (`litellm.completion`, a `Router`) in a workspace whose Python code registers LiteLLM logging
 * callbacks (`litellm.callbacks = ["otel"]`, `litellm.success_callback = ["langfuse"]`, a handler object): LiteLLM
 * logs every call with its usage, and, with `traces`, as a trace (not only metrics or stored logs).
 */
export function litellmCallbacksLog(site: LlmCallSite, ws: WorkspaceView, options: { traces?: boolean } = {}): boolean {
  if (site.sdk !== 'litellm') return false;
  let sinks = litellmSinksCache.get(ws);
  if (!sinks) {
    sinks = [];
    for (const f of ws.files()) {
      if (f.language !== 'python' || !f.text.includes('litellm')) continue;
      for (const m of f.text.matchAll(LITELLM_CALLBACKS)) sinks.push(...callbackNames(m[1] ?? m[2] ?? ''));
    }
    litellmSinksCache.set(ws, sinks);
  }
  return sinks.some((name) => !options.traces || !UNTRACED_SINKS.test(name));
}

/** `litellm.callbacks = [...]` (also `success_callback`, `_async_success_callback`, `+=`) or `.append(x)`, uncommented. */
const LITELLM_CALLBACKS = /^[ \t]*litellm\.(?:callbacks|success_callback|_async_success_callback)\s*(?:\+?=\s*\[([^\]]*)\]|\.(?:append|extend)\(([^)]*)\))/gm;

/** The integrations a callback list names: strings by name, anything else (a handler object) as `custom`. */
function callbackNames(list: string): string[] {
  return list
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '')
    .map((e) => /^["']([\w-]+)["']$/.exec(e)?.[1] ?? 'custom');
}

const litellmSinksCache = new WeakMap<WorkspaceView, string[]>();

/**
 * The SDK records the call in a span of its own, its usage included, without the code's help: Genkit runs every
 * generate in a `generate` span whose output is the response (catalog/genkit.ts).
 */
export function tracedBySdk(site: LlmCallSite): boolean {
  return site.sdk === 'genkit' && GENKIT.tracesItself;
}

/**
 * The call goes through the Vercel AI Gateway, which logs each request with its latency and tokens: a gateway model
 * string or `gateway(…)` model (marked by the front end), or a model built elsewhere in a project that imports the
 * gateway provider.
 */
export function throughVercelGateway(site: LlmCallSite, ws: WorkspaceView): boolean {
  if (site.observedBy === 'vercel-ai-gateway') return true;
  if (!site.aiModelUnresolved) return false;
  let uses = vercelGatewayCache.get(ws);
  if (uses === undefined) vercelGatewayCache.set(ws, (uses = [...ws.files()].some((f) => f.importsVercelGateway)));
  return uses;
}

const vercelGatewayCache = new WeakMap<WorkspaceView, boolean>();

/**
 * Every call site in the workspace that `hop` fronts (or, for gateways, serves). A hop is judged on its own:
 * two Ingresses for the same service (staging and production overlays) both front its calls, unless nginx would
 * serve the call from another location of the same server (a longer path of the same nginx file or Ingress host).
 */
export function callSitesBehind(hop: Hop, ws: WorkspaceView): LlmCallSite[] {
  let perView = behindCache.get(ws);
  if (!perView) behindCache.set(ws, (perView = new Map()));
  const key = `${hop.path}#${hop.span.start}#${hop.name}`;
  let sites = perView.get(key);
  if (!sites) perView.set(key, (sites = associationInputs(null, ws).allSites.filter((s) => fronts(hop, s, ws) && !shadowedLocation(hop, s, ws))));
  return sites;
}

/**
 * nginx serves a request from one location: when the call's chain picked another location of the same
 * configuration (a more specific `/api/chat` next to `/`), this one does not front the call.
 */
function shadowedLocation(hop: Hop, site: LlmCallSite, ws: WorkspaceView): boolean {
  if (hop.kind === 'ingress-nginx') return shadowedIngress(hop, site, ws);
  if (hop.kind !== 'nginx') return false;
  return hopsFronting(site, ws).some((h) => h.kind === 'nginx' && h.path === hop.path && !sameHop(h, hop));
}

/**
 * ingress-nginx renders every Ingress of a host into one server block: when the call's chain picked another Ingress
 * of the same host whose path is a longer match inside this one's (`/api/chat` next to `/`), nginx serves the call
 * from that location, with that Ingress's annotations.
 */
function shadowedIngress(hop: Hop, site: LlmCallSite, ws: WorkspaceView): boolean {
  const chosen = hopsFronting(site, ws).find((h) => h.kind === 'ingress-nginx');
  if (!chosen || sameHop(chosen, hop) || !sameHosts(chosen.routes.hosts, hop.routes.hosts)) return false;
  return chosen.routes.paths.some((q) => hop.routes.paths.some((p) => q.length > p.length && q.startsWith(p)));
}

function sameHosts(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((h) => b.includes(h));
}

const behindCache = new WeakMap<WorkspaceView, Map<string, LlmCallSite[]>>();
const configuredCache = new WeakMap<WorkspaceView, Map<string, Hop[] | null>>();

function sameHop(a: Hop, b: Hop): boolean {
  return a === b || (a.path === b.path && a.span.start === b.span.start && a.name === b.name);
}

/** Whether one hop sits in the chain of one call site, ignoring competing hops of the same layer. */
function fronts(hop: Hop, site: LlmCallSite, ws: WorkspaceView): boolean {
  const configured = configuredChain(site, ws);
  if (configured) return configured.some((h) => sameHop(h, hop));
  const inputs = associationInputs(site, ws);
  if (hop.kind === 'litellm') return inputs.baseUrls.some(pointsAtLitellm);
  if (isBehindApp(hop)) return egressMatches(hop, site, inputs.baseUrls);
  if (onlyNonLlmPaths(hop)) return false;
  return frontScore(hop, site, inputs) !== null;
}

interface AssociationInputs {
  baseUrls: string[];
  requestPaths: string[];
  codeDirs: string[];
  /** Directory name → number of call-site files under a directory of that name. */
  dirCounts: Map<string, number>;
  allSites: LlmCallSite[];
  /** Per-hop facts that do not depend on the call site. */
  hopInfo: (hop: Hop) => HopInfo;
  /** Names of the directories holding any code file. */
  codeDirNames: () => Set<string>;
}

interface HopInfo {
  names: string[];
  /** The directory the hop's file speaks for, before widening. */
  home: string;
  scope: string;
  paths: string[];
  rewritten: string[];
}

interface ViewCache {
  allSites: LlmCallSite[];
  dirs: Map<string, string[]>;
  dirCounts: Map<string, number>;
  perSite: Map<string, AssociationInputs>;
  hops: Map<Hop, HopInfo>;
  code?: { files: string[]; names: Set<string> };
}

const inputsCache = new WeakMap<WorkspaceView, ViewCache>();

function viewCache(ws: WorkspaceView): ViewCache {
  let c = inputsCache.get(ws);
  if (c) return c;
  const allSites = ws.callSites();
  const dirs = new Map<string, string[]>();
  const dirCounts = new Map<string, number>();
  for (const s of allSites) {
    if (dirs.has(s.path)) continue;
    const d = toPosix(path.relative(ws.root, path.dirname(s.path))).split('/').filter(Boolean).map(normalizeName);
    dirs.set(s.path, d);
    for (const x of new Set(d)) dirCounts.set(x, (dirCounts.get(x) ?? 0) + 1);
  }
  c = { allSites, dirs, dirCounts, perSite: new Map(), hops: new Map() };
  inputsCache.set(ws, c);
  return c;
}

function hopInfoIn(c: ViewCache, ws: WorkspaceView, hop: Hop): HopInfo {
  let info = c.hops.get(hop);
  if (info) return info;
  const names = hop.routes.upstreams.map(shortName).filter(Boolean);
  const home = scopeOf(hop, ws.root);
  info = {
    names,
    home,
    scope: widenedScope(hop, home, names, c, ws),
    paths: hop.routes.paths.filter((p) => !NOT_LLM_PATH.test(locationPattern(p).pattern) || isCatchAll(p)),
    // `location /api/ { proxy_pass http://backend:8000/; }` replaces the prefix: `/api/chat` reaches the app as `/chat`.
    rewritten: hop.routes.upstreams.map((u) => /^[a-z]+:\/\/[^/]+(\/.*)$/i.exec(u)?.[1]).filter((u): u is string => !!u && (u !== '/' || hop.routes.paths.some((p) => !isCatchAll(p)))),
  };
  c.hops.set(hop, info);
  return info;
}

/**
 * The directory whose code a hop fronts. A hop kept beside no LLM call (`deploy/` at the root, `frontend/nginx.conf`
 * proxying to `backend`) speaks for the whole workspace, unless it plainly belongs to another service of a monorepo:
 * it routes to a service named after its own directory (`payments/k8s/vs.yaml` → `payments`), or to a process on
 * the same host next to code of its own.
 */
function widenedScope(hop: Hop, scope: string, names: string[], c: ViewCache, ws: WorkspaceView): string {
  if (scope === ws.root || c.allSites.some((s) => isInside(s.path, scope))) return scope;
  if (names.includes(normalizeName(path.basename(scope)))) return scope;
  const upstreams = hop.routes.upstreams;
  if (upstreams.length > 0 && upstreams.every(isLoopback) && codeDirsOf(c, ws).files.some((f) => isInside(f, scope))) return scope;
  return ws.root;
}

/** The name of the directory holding `file` that sits beside `dir` (`/ws/backend/app/main.py` beside `/ws/frontend` → `backend`). */
function siblingName(file: string, dir: string): string | null {
  const rel = path.relative(path.dirname(dir), file).split(path.sep);
  return rel.length > 1 && rel[0] !== '..' ? normalizeName(rel[0]) : null;
}

function isLoopback(upstream: string): boolean {
  return /^(localhost|127\.[\d.]+|0\.0\.0\.0|\[?::1\]?|unix:)/i.test(upstream.replace(/^[a-z]+:\/\//i, ''));
}

/** Every code file (with or without LLM calls) and the names of the directories holding them, read on first need. */
function codeDirsOf(c: ViewCache, ws: WorkspaceView): { files: string[]; names: Set<string> } {
  if (c.code) return c.code;
  const files = [...ws.files()].filter((f) => CODE_LANGUAGES.has(f.language)).map((f) => f.path);
  const names = new Set<string>();
  for (const f of files) for (const d of toPosix(path.relative(ws.root, path.dirname(f))).split('/')) if (d && d !== '..') names.add(normalizeName(d));
  c.code = { files, names };
  return c.code;
}

const GENERIC_SERVICE_NAMES = new Set(['api', 'app', 'web', 'www', 'server', 'backend', 'frontend', 'service', 'main', 'src', 'core', 'site', 'http', 'default', 'gateway', 'proxy', 'upstream', 'localhost', '127']);

const CODE_LANGUAGES = new Set<string>(['python', 'typescript', 'javascript']);

function associationInputs(site: LlmCallSite, ws: WorkspaceView): AssociationInputs;
function associationInputs(site: null, ws: WorkspaceView): { allSites: LlmCallSite[] };
function associationInputs(site: LlmCallSite | null, ws: WorkspaceView): AssociationInputs | { allSites: LlmCallSite[] } {
  const c = viewCache(ws);
  if (!site) return { allSites: c.allSites };
  const hit = c.perSite.get(site.id);
  if (hit) return hit;
  const inputs: AssociationInputs = {
    baseUrls: baseUrlsOf(site, ws),
    requestPaths: requestPathsOf(site, ws.root),
    codeDirs: c.dirs.get(site.path) ?? toPosix(path.relative(ws.root, path.dirname(site.path))).split('/').filter(Boolean).map(normalizeName),
    dirCounts: c.dirCounts,
    allSites: c.allSites,
    hopInfo: (hop) => hopInfoIn(c, ws, hop),
    codeDirNames: () => codeDirsOf(c, ws).names,
  };
  c.perSite.set(site.id, inputs);
  return inputs;
}

function configuredChain(site: LlmCallSite, ws: WorkspaceView): Hop[] | null {
  if (ws.config.topology.length === 0) return null;
  let perView = configuredCache.get(ws);
  if (!perView) configuredCache.set(ws, (perView = new Map()));
  if (perView.has(site.id)) return perView.get(site.id)!;
  const chain = configuredChainUncached(site, ws);
  perView.set(site.id, chain);
  return chain;
}

function configuredChainUncached(site: LlmCallSite, ws: WorkspaceView): Hop[] | null {
  const rel = toPosix(path.relative(ws.root, site.path));
  for (const entry of ws.config.topology) {
    if (!entry.code.length || !picomatch(entry.code, { dot: true })(rel)) continue;
    const chain: Hop[] = [];
    for (const ref of entry.hops) {
      const lower = ref.toLowerCase();
      const byName = ws.hops.filter((h) => h.name.toLowerCase() === lower);
      const matchFile = picomatch(ref, { dot: true });
      const matches = byName.length ? byName : ws.hops.filter((h) => matchFile(toPosix(path.relative(ws.root, h.path))));
      for (const h of matches) if (!chain.includes(h)) chain.push(h);
    }
    return chain;
  }
  return null;
}

function defaultChain(site: LlmCallSite, ws: WorkspaceView): Hop[] {
  // Most workspaces hold no infrastructure config: nothing fronts any call, and the inputs are not worth computing.
  if (ws.hops.length === 0) return [];
  const inputs = associationInputs(site, ws);
  const best = new Map<HopLayer, Association>();
  const egress: Hop[] = [];
  const gateways: Hop[] = [];
  const baseUrls = inputs.baseUrls;
  for (const hop of ws.hops) {
    if (hop.kind === 'litellm') {
      if (baseUrls.some((u) => pointsAtLitellm(u))) gateways.push(hop);
      continue;
    }
    if (isBehindApp(hop)) {
      if (egressMatches(hop, site, baseUrls)) egress.push(hop);
      continue;
    }
    if (onlyNonLlmPaths(hop)) continue;
    const score = frontScore(hop, site, inputs);
    if (score === null) continue;
    const layer = layerOf(hop);
    const prev = best.get(layer);
    if (!prev || score > prev.score) best.set(layer, { hop, score });
  }
  const front = LAYER_ORDER.flatMap((l) => (best.has(l) ? [best.get(l)!.hop] : []));
  return [...front, ...egress, ...gateways.slice(0, 1)];
}

const SCRIPT_DIR = /^(scripts?|bin|tools|jobs|cron|notebooks?|migrations|seeds?|evals?|benchmarks?)$/;

/** How well a hop matches a call site as its front; null when it does not front it. */
function frontScore(hop: Hop, site: LlmCallSite, inputs: AssociationInputs): number | null {
  const { requestPaths, codeDirs, dirCounts } = inputs;
  // A batch job or one-off script (`scripts/ingest.py`, `bin/seed.ts`) runs outside the server: no route fronts it.
  if (!site.enclosingFunction?.requestPath && codeDirs.some((d) => SCRIPT_DIR.test(d))) return null;
  // Nor a Celery task or Dramatiq actor: the view that queues it (`.delay()`, `.send()`) answers at once; the call runs
  // in the worker.
  if (/\b(Celery task|Dramatiq actor)\b/.test(site.enclosingFunction?.requestPath ?? '')) return null;
  const { names, scope, home, paths, rewritten } = inputs.hopInfo(hop);
  // A generic name (`api`, `backend`) names this code only beside the hop (`frontend/nginx.conf` → `backend/`), or
  // within its own directory: every Next.js app has an `api` folder.
  const namesThis = names.some((n) => codeDirs.includes(n) && (!GENERIC_SERVICE_NAMES.has(n) || isInside(site.path, home) || siblingName(site.path, home) === n));
  // The upstream is named like a directory of other code (and not this code's): it fronts that code instead.
  if (!namesThis && names.some((n) => (dirCounts.get(n) ?? 0) > 0 || (!GENERIC_SERVICE_NAMES.has(n) && inputs.codeDirNames().has(n)))) return null;
  if (!namesThis && !isInside(site.path, scope)) return null;
  const score = namesThis ? 4 : 0;
  if (paths.length === 0 || paths.some(isCatchAll)) {
    // An nginx `location /` beside locations proxying to other services (`/` → the web frontend, `~ ^/api` → the
    // API): without the call's request path, the catch-all may well be another service's.
    if (requestPaths.length === 0) return !namesThis && proxiesElsewhereToo(hop) ? null : score + 1;
    if (!nginxServes(hop, requestPaths, rewritten)) return namesThis ? score : null;
    return score + 1;
  }
  if (requestPaths.length > 0) {
    // A `rewrite` that strips a prefix: the client asked for `/api/chat`, the app serves `/chat`.
    const stripped = hop.routes.stripped ?? [];
    const matched = paths.filter((p) => requestPaths.some((r) => routeMatches(p, r) || rewritten.some((u) => routeMatches(u, r)) || stripped.some((pre) => routeMatches(p, pre + r))));
    if (matched.length && nginxServes(hop, requestPaths, rewritten)) return score + 3 + Math.max(...matched.map((p) => p.length)) / 1000;
    return namesThis ? score : null;
  }
  // No known request path (a worker, or an unresolved handler): LLM-looking routes of this service still front it.
  if (namesThis || paths.some((p) => LLM_APP_PATHS.test(p) || LLM_API_PATHS.some((r) => r.test(p)))) return score + 0.5;
  return null;
}

/** `~* ^/api/` → modifier `~*` and pattern `^/api/`; a plain prefix has modifier ''. */
function locationPattern(route: string): { kind: '' | '=' | '~' | '~*' | '^~'; pattern: string } {
  const m = /^(=|~\*|~|\^~)\s+(.*)$/.exec(route.trim());
  return m ? { kind: m[1] as '=' | '~' | '~*' | '^~', pattern: m[2] } : { kind: '', pattern: route.trim() || '/' };
}

/**
 * The location nginx serves a URI from, as an index into the server's locations: an exact `=` match; else the longest
 * matching prefix when it is `^~`; else the first regex (`~`, `~*`) in file order that matches; else the longest
 * matching prefix. Null when none matches; undefined when a regex cannot be read (PCRE beyond JavaScript's).
 */
export function nginxLocationFor(locations: Array<{ path: string }>, uri: string): number | null | undefined {
  let longest = -1;
  let longestLength = -1;
  for (let i = 0; i < locations.length; i++) {
    const { kind, pattern } = locationPattern(locations[i].path);
    if (kind === '=' && uri === pattern) return i;
    if ((kind === '' || kind === '^~') && uri.startsWith(pattern) && pattern.length > longestLength) {
      longest = i;
      longestLength = pattern.length;
    }
  }
  if (longest >= 0 && locationPattern(locations[longest].path).kind === '^~') return longest;
  for (let i = 0; i < locations.length; i++) {
    const { kind, pattern } = locationPattern(locations[i].path);
    if (kind !== '~' && kind !== '~*') continue;
    try {
      if (new RegExp(pattern, kind === '~*' ? 'i' : '').test(uri)) return i;
    } catch {
      return undefined;
    }
  }
  return longest >= 0 ? longest : null;
}

/**
 * Whether nginx serves one of the call's request paths from this location rather than another of its server (a regex
 * location wins over a matching prefix, except `^~` and `=`). The client may ask with the prefix the location strips
 * (`rewrite ^/api(/.*)$ $1`, or `proxy_pass http://backend/` in `location /api/`). True when not an nginx location.
 */
function nginxServes(hop: Hop, requestPaths: string[], rewritten: string[]): boolean {
  const server = hop.routes.server;
  if (!server) return true;
  const { kind, pattern } = locationPattern(server.locations[server.index].path);
  const uris = new Set<string>();
  for (const r of requestPaths) {
    uris.add(r);
    for (const pre of hop.routes.stripped ?? []) uris.add(pre + r);
    if (kind === '' || kind === '^~') for (const u of rewritten) if (routeMatches(u, r)) uris.add(pattern.replace(/\/?$/, '/') + r.slice(u.length).replace(/^\//, ''));
  }
  return [...uris].some((uri) => {
    const i = nginxLocationFor(server.locations, uri);
    return i === undefined || i === server.index;
  });
}

/**
 * Another location of the hop's nginx server proxies to a different service that may run code: not static files or
 * health checks, and not a provider or gateway the app itself calls through the same nginx.
 */
function proxiesElsewhereToo(hop: Hop): boolean {
  const server = hop.routes.server;
  if (!server) return false;
  const own = server.locations[server.index].upstream;
  return server.locations.some((l, i) => i !== server.index && l.upstream !== null && l.upstream !== own && !upstreamIsGateway(l.upstream) && !NOT_LLM_PATH.test(locationPattern(l.path).pattern));
}

/** Candidate base URLs of a call's client: the option when literal, else env definitions of the option's or the SDK's variable. */
export function baseUrlsOf(site: LlmCallSite, ws: WorkspaceView): string[] {
  const lang = site.language === 'python' ? 'python' : 'typescript';
  const names = optionNames(site.sdk, lang)?.client.baseURL ?? [];
  for (const n of names) {
    const v = optionAt(site.client?.args, n);
    if (!v) continue;
    if (v.kind === 'string') return [v.value];
    // `os.environ.get("LITELLM_BASE_URL", "http://localhost:4000/v1")`: where it is defined, and its default.
    if (v.kind === 'env') return [...(v.name ? envValues(ws, [v.name]) : []), ...(v.fallback?.kind === 'string' ? [v.fallback.value] : [])];
    return [];
  }
  return envValues(ws, baseUrlEnvFor(site.provider, { sdk: site.sdk, language: lang }));
}

function envValues(ws: WorkspaceView, vars: string[]): string[] {
  return ws.envDefinitions.filter((d) => vars.includes(d.name) && d.value).map((d) => d.value!);
}

function pointsAtLitellm(url: string): boolean {
  const host = url.replace(/^[a-z]+:\/\//i, '').split('/')[0];
  return /litellm/i.test(host) || new RegExp(`:${LITELLM.defaultPort.value}$`).test(host);
}

/** An egress proxy or mesh route fronts the call when the call's base URL (or provider host) is one it serves. */
function egressMatches(hop: Hop, site: LlmCallSite, baseUrls: string[]): boolean {
  const hosts = hop.routes.hosts.map((h) => h.toLowerCase().replace(/:\d+$/, ''));
  const targets = baseUrls.map((u) => u.replace(/^[a-z]+:\/\//i, '').split('/')[0].replace(/:\d+$/, '').toLowerCase());
  if (targets.some((t) => hosts.includes(t) || hosts.some((h) => h.startsWith('*.') && t.endsWith(h.slice(1))))) return true;
  // A mesh route for the provider's own host catches calls made without a base URL.
  if (baseUrls.length === 0 && (hop.kind === 'istio' || hop.kind === 'envoy')) {
    return hosts.some((h) => providerForUrl(`https://${h}`) === site.provider);
  }
  return false;
}

// ---------------------------------------------------------------------------
// LLM routes

export interface LlmRouteInfo {
  llm: boolean;
  /** Why it counts: "upstream api.openai.com", "path /v1/chat/completions", "fronts app.ts:12". */
  reason: string;
  /** Call sites in the workspace behind this hop. */
  calls: LlmCallSite[];
  /** The evidence is a provider/gateway upstream or an LLM API path, not only a path name like `/chat`. */
  strong: boolean;
  /** The only evidence is an upstream named like an LLM service (`llm-api`, `openai-proxy`), with no code behind it. */
  byNameOnly?: boolean;
}

/** Whether a hop carries LLM traffic: a provider or gateway upstream, an AI gateway route, an LLM API path, an LLM-named route, or code behind it. */
export function llmRoute(hop: Hop, ws: WorkspaceView): LlmRouteInfo {
  const calls = callSitesBehind(hop, ws);
  if (hop.kind === 'litellm') return { llm: true, reason: 'LiteLLM proxy', calls, strong: true };
  if (onlyNonLlmPaths(hop)) return { llm: false, reason: 'static or health route', calls: [], strong: false };
  const upstream = [...hop.routes.upstreams, ...hop.routes.hosts].find(upstreamIsLlm);
  if (upstream && onlyGatewayAdminPaths(hop)) return { llm: false, reason: `model list or admin route of ${upstream}`, calls: [], strong: false };
  if (upstream) return { llm: true, reason: `upstream ${upstream}`, calls, strong: true, byNameOnly: calls.length === 0 && !hop.routesModels && !upstreamIsGateway(upstream) };
  if (hop.routesModels) return { llm: true, reason: hop.routesModels, calls, strong: true };
  const apiPath = hop.routes.paths.find((p) => LLM_API_PATHS.some((r) => r.test(p)));
  if (apiPath) return { llm: true, reason: `path ${apiPath}`, calls, strong: true };
  if (calls.length) return { llm: true, reason: `fronts ${path.basename(calls[0].path)}`, calls, strong: true };
  const appPath = hop.routes.paths.find((p) => LLM_APP_PATHS.test(p));
  if (appPath) return { llm: true, reason: `path ${appPath}`, calls, strong: false };
  return { llm: false, reason: 'no LLM upstream, path or code behind it', calls, strong: false };
}
