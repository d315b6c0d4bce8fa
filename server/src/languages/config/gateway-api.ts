// Gateway API HTTPRoute timeouts and retries; the implementation (Envoy Gateway, Istio, …) decides the defaults.
import { ENVOY_AI_GATEWAY, ENVOY_GATEWAY } from '../../core/catalog/infra-defaults';
import type { ProjectFiles } from '../../core/front-end';
import type { Span } from '../../core/types';
import type { ConfigHop } from './config-hop';
import { envoyRetryPolicy } from './envoy';
import { get, items, num, parseYaml, spanAt, spanOf, str, type YDoc } from './yaml-ast';
import { formatSeconds, parseDuration, type YamlContext } from './yaml-context';

export type Implementation = 'envoy-gateway' | 'istio' | 'nginx' | 'unknown';

/** Gateways and GatewayClasses seen in YAML: Gateway name → class name, class name → controller. */
export interface GatewayIndex {
  gateways: Map<string, string>;
  classes: Map<string, string>;
  /**
   * Envoy Gateway BackendTrafficPolicy request timeouts by target (`HTTPRoute/<name>`, `Gateway/<name>`), in seconds
   * (null: `0s`, disabled), with the policy's name.
   */
  requestTimeouts?: Map<string, { seconds: number | null; policy: string }>;
  /** Envoy Gateway BackendTrafficPolicy `retry` blocks by target, as for `requestTimeouts`. */
  retries?: Map<string, PolicyRetry>;
  /** Every target some BackendTrafficPolicy attaches to (`HTTPRoute/<name>`, `Gateway/<name>`). */
  policyTargets?: Set<string>;
}

/** A BackendTrafficPolicy's `retry`, with Envoy Gateway's defaults for the fields it leaves out. */
export interface PolicyRetry {
  policy: string;
  numRetries: number;
  /** `retryOn.triggers`. */
  conditions: string[];
  /** `retryOn.httpStatusCodes`: what `retriable-status-codes` matches. */
  codes: number[];
  /** `perRetry.timeout` in seconds; null when unset (or `0s`). */
  perRetrySeconds: number | null;
}

/** Collects Gateway and GatewayClass resources from YAML texts. */
export function indexGateways(texts: Iterable<string>): GatewayIndex {
  const index: GatewayIndex = { gateways: new Map(), classes: new Map(), requestTimeouts: new Map(), retries: new Map(), policyTargets: new Set() };
  for (const text of texts) {
    if (!/kind:\s*(Gateway(Class)?|BackendTrafficPolicy)\b/.test(text)) continue;
    for (const { doc, ok } of parseYaml(text).docs) {
      if (!ok) continue;
      const kind = str(doc, get(doc, doc.contents, 'kind'));
      const name = str(doc, get(doc, doc.contents, 'metadata', 'name'));
      if (!name) continue;
      if (kind === 'Gateway') {
        const cls = str(doc, get(doc, doc.contents, 'spec', 'gatewayClassName'));
        if (cls) index.gateways.set(name, cls);
      } else if (kind === 'GatewayClass') {
        const controller = str(doc, get(doc, doc.contents, 'spec', 'controllerName'));
        if (controller) index.classes.set(name, controller);
      } else if (kind === 'BackendTrafficPolicy') {
        const spec = get(doc, doc.contents, 'spec');
        const raw = str(doc, get(doc, spec, 'timeout', 'http', 'requestTimeout'));
        const seconds = parseDuration(raw);
        const timeout = raw === null || (seconds === null && raw.trim() !== '0') ? null : { seconds: seconds === 0 ? null : seconds ?? null, policy: name };
        const retry = policyRetry(doc, spec, name);
        // `targetRefs` (current API) or the older single `targetRef`.
        const refs = [...items(doc, get(doc, spec, 'targetRefs')), get(doc, spec, 'targetRef')].filter((r) => r !== null);
        for (const ref of refs) {
          const refKind = str(doc, get(doc, ref, 'kind'));
          const refName = str(doc, get(doc, ref, 'name'));
          if ((refKind !== 'HTTPRoute' && refKind !== 'Gateway') || !refName) continue;
          const target = `${refKind}/${refName}`;
          index.policyTargets!.add(target);
          if (timeout) index.requestTimeouts!.set(target, timeout);
          if (retry) index.retries!.set(target, retry);
        }
      }
    }
  }
  return index;
}

/** A BackendTrafficPolicy's `retry` block; null without one (the policy then does not retry). */
function policyRetry(doc: YDoc, spec: unknown, policy: string): PolicyRetry | null {
  const retry = get(doc, spec, 'retry');
  if (!retry) return null;
  const retryOn = get(doc, retry, 'retryOn');
  const perRetry = parseDuration(str(doc, get(doc, retry, 'perRetry', 'timeout')));
  return {
    policy,
    numRetries: num(doc, get(doc, retry, 'numRetries')) ?? ENVOY_GATEWAY.retryNumRetries.value,
    conditions: retryOn ? items(doc, get(doc, retryOn, 'triggers')).map((t) => str(doc, t)).filter((t): t is string => !!t) : [...ENVOY_GATEWAY.retryOn.value],
    codes: retryOn ? items(doc, get(doc, retryOn, 'httpStatusCodes')).map((c) => num(doc, c)).filter((c): c is number => c !== null) : [...ENVOY_GATEWAY.retryOnStatusCodes.value],
    perRetrySeconds: perRetry !== null && perRetry > 0 ? perRetry : ENVOY_GATEWAY.perRetryTimeoutSeconds.value,
  };
}

/** Gateways declared in the workspace's YAML files (read through the project, so open buffers count). */
export function workspaceGateways(project: ProjectFiles | undefined, self: { path: string; text: string }): GatewayIndex {
  const texts: string[] = [self.text];
  if (project) {
    for (const p of project.paths()) {
      if (p === self.path || !/\.ya?ml$/i.test(p) || /[\\/]node_modules[\\/]/.test(p)) continue;
      const t = project.text(p);
      if (t && t.length < 2_000_000) texts.push(t);
    }
  }
  return indexGateways(texts);
}

function implementationOf(className: string | undefined, index: GatewayIndex): Implementation {
  if (!className) return 'unknown';
  const controller = index.classes.get(className) ?? '';
  if (controller === ENVOY_GATEWAY.controllerName || /envoyproxy/.test(controller) || /^eg$|envoy/i.test(className)) return 'envoy-gateway';
  if (/istio/.test(controller) || /^istio/i.test(className)) return 'istio';
  if (/nginx/.test(controller) || /nginx/i.test(className)) return 'nginx';
  return 'unknown';
}

/**
 * One hop per HTTPRoute rule. Envoy AI Gateway's AIGatewayRoute has the same rules (`backendRefs` to AIServiceBackends,
 * `timeouts`): read as a route of its Gateway, which it is through the HTTPRoute of the same name it generates.
 */
export function readHttpRoute(ctx: YamlContext, index: GatewayIndex, kind: 'HTTPRoute' | 'AIGatewayRoute' = 'HTTPRoute'): void {
  const { doc, path } = ctx;
  const root = doc.contents;
  const metaName = get(doc, root, 'metadata', 'name');
  const routeName = str(doc, metaName) ?? 'unnamed';
  const namespace = str(doc, get(doc, root, 'metadata', 'namespace')) ?? undefined;
  const spec = get(doc, root, 'spec');
  // Older AIGatewayRoutes name their Gateways in `targetRefs`.
  const parentRefs = items(doc, get(doc, spec, 'parentRefs'));
  const parents = (parentRefs.length || kind !== 'AIGatewayRoute' ? parentRefs : items(doc, get(doc, spec, 'targetRefs'))).map((p) => str(doc, get(doc, p, 'name'))).filter((n): n is string => !!n);
  const impls = new Set(parents.map((p) => implementationOf(index.gateways.get(p), index)));
  // With no parent found, a workspace that declares exactly one implementation is taken to be it.
  if (impls.size === 0 || (impls.size === 1 && impls.has('unknown'))) {
    const all = new Set([...index.gateways.values()].map((c) => implementationOf(c, index)));
    impls.clear();
    if (all.size === 1) impls.add([...all][0]);
    else impls.add('unknown');
  }
  const impl: Implementation = impls.size === 1 ? [...impls][0] : 'unknown';
  const hostnames = items(doc, get(doc, spec, 'hostnames')).map((h) => str(doc, h)).filter((h): h is string => !!h);
  const rules = items(doc, get(doc, spec, 'rules'));
  const docStart: Span = { start: doc.range[0], end: doc.range[0] };
  rules.forEach((rule, i) => {
    const ruleName = get(doc, rule, 'name');
    const label = str(doc, ruleName);
    const paths: string[] = [];
    for (const m of items(doc, get(doc, rule, 'matches'))) {
      const v = str(doc, get(doc, m, 'path', 'value'));
      const type = str(doc, get(doc, m, 'path', 'type'));
      if (v) paths.push(type === 'Exact' ? `= ${v}` : type === 'RegularExpression' ? `~ ${v}` : v);
    }
    const upstreams: string[] = [];
    for (const b of items(doc, get(doc, rule, 'backendRefs'))) {
      const n = str(doc, get(doc, b, 'name'));
      const port = str(doc, get(doc, b, 'port'));
      if (n) upstreams.push(port ? `${n}:${port}` : n);
    }
    const notes: string[] = [];
    const envoyGateway = impl === 'envoy-gateway' || kind === 'AIGatewayRoute';
    const policy = envoyGateway && get(doc, rule, 'retry') === null ? policyRetryFor(index, routeName, parents) : null;
    const routeTimeout = kind === 'AIGatewayRoute' ? aiGatewayTimeout(ctx, rule, notes) : policyTimeout(ctx, rule, impl, index, routeName, parents) ?? readTimeouts(ctx, rule, impl, notes);
    const perTry = policy && get(doc, rule, 'timeouts', 'backendRequest') === null ? policy.perRetrySeconds : null;
    if (policy && perTry !== null) notes.push(`each retry attempt is cut after perRetry.timeout ${formatSeconds(perTry)} (BackendTrafficPolicy ${policy.policy})`);
    const hop: ConfigHop = {
      path,
      span: spanOf(ruleName) ?? (rules.length === 1 ? spanOf(metaName) : undefined) ?? spanOf(rule) ?? docStart,
      // Envoy AI Gateway runs on Envoy Gateway.
      kind: envoyGateway ? 'envoy-gateway' : 'gateway-api',
      name: `${kind} ${routeName}${label ? ` rule ${label}` : rules.length > 1 ? ` rules[${i}]` : ''}`,
      routes: { hosts: hostnames, paths, upstreams },
      // A per-try timeout shorter than the route's is what ends a single attempt.
      timeout: policy && perTry !== null && (routeTimeout.seconds === null || perTry < routeTimeout.seconds) ? { seconds: perTry, source: 'explicit', note: `perRetry.timeout set in BackendTrafficPolicy ${policy.policy}` } : routeTimeout,
      retry: policy ? envoyRetryPolicy(policy.numRetries, policy.conditions, policy.codes) : readRetry(ctx, rule),
      target: { format: 'yaml', doc: ctx.docIndex, route: ['spec', 'rules', i] },
      resource: { kind, name: routeName, ...(namespace ? { namespace } : {}), route: label ?? `rules[${i}]` },
      notes,
      ...(kind === 'AIGatewayRoute' && upstreams.length ? { routesModels: `Envoy AI Gateway backends ${upstreams.join(', ')}` } : {}),
      ...(policy && perTry !== null ? { perTryTimeoutElsewhere: { seconds: perTry, where: `BackendTrafficPolicy ${policy.policy}` } } : {}),
    };
    ctx.facts.hops.push(hop);
  });
}

/**
 * Envoy Gateway: the BackendTrafficPolicy `retry` for a rule without a `retry` of its own (which takes precedence), from
 * a policy on the HTTPRoute, else on its Gateway when no policy targets the route (the route's policy wins over the
 * Gateway's).
 */
function policyRetryFor(index: GatewayIndex, routeName: string, parents: string[]): PolicyRetry | null {
  const onRoute = `HTTPRoute/${routeName}`;
  if (index.policyTargets?.has(onRoute)) return index.retries?.get(onRoute) ?? null;
  return parents.map((g) => index.retries?.get(`Gateway/${g}`)).find(Boolean) ?? null;
}

/**
 * Envoy Gateway: a BackendTrafficPolicy's `timeout.http.requestTimeout` for a rule that sets no `timeouts` of its own,
 * from a policy on the HTTPRoute, else on its Gateway.
 */
function policyTimeout(ctx: YamlContext, rule: unknown, impl: Implementation, index: GatewayIndex, routeName: string, parents: string[]): ConfigHop['timeout'] | null {
  if (impl !== 'envoy-gateway' || get(ctx.doc, rule, 'timeouts') !== null) return null;
  const policy = index.requestTimeouts?.get(`HTTPRoute/${routeName}`) ?? parents.map((g) => index.requestTimeouts?.get(`Gateway/${g}`)).find(Boolean);
  if (!policy) return null;
  return { seconds: policy.seconds, source: 'explicit', note: `set in BackendTrafficPolicy ${policy.policy}${policy.seconds === null ? ' (0s disables the timeout)' : ''}` };
}

/**
 * An AIGatewayRoute rule's `timeouts`; without `timeouts.request` Envoy AI Gateway writes its own default into the
 * generated HTTPRoute (a shorter `backendRequest` still cuts each attempt).
 */
function aiGatewayTimeout(ctx: YamlContext, rule: unknown, notes: string[]): ConfigHop['timeout'] {
  const { doc } = ctx;
  if (get(doc, rule, 'timeouts', 'request') !== null) return readTimeouts(ctx, rule, 'unknown', notes);
  const fallback = ENVOY_AI_GATEWAY.requestTimeoutSeconds.value;
  const backend = parseDuration(str(doc, get(doc, rule, 'timeouts', 'backendRequest')));
  if (backend !== null && backend > 0 && backend < fallback) return { seconds: backend, source: 'explicit', span: spanAt(doc, rule, 'timeouts', 'backendRequest'), note: 'timeouts.backendRequest' };
  return { seconds: fallback, source: 'default', note: 'Envoy AI Gateway default request timeout' };
}

function readTimeouts(ctx: YamlContext, rule: unknown, impl: Implementation, notes: string[]): ConfigHop['timeout'] {
  const { doc } = ctx;
  const reqNode = get(doc, rule, 'timeouts', 'request');
  const backendNode = get(doc, rule, 'timeouts', 'backendRequest');
  const req = parseDuration(str(doc, reqNode));
  const backend = parseDuration(str(doc, backendNode));
  if (backend !== null && backend > 0 && (req === null || req === 0 || backend < req)) return { seconds: backend, source: 'explicit', span: spanAt(doc, rule, 'timeouts', 'backendRequest'), note: 'timeouts.backendRequest' };
  if (req !== null && req > 0) return { seconds: req, source: 'explicit', span: spanAt(doc, rule, 'timeouts', 'request') };
  if (req === 0) return { seconds: null, source: 'explicit', span: spanAt(doc, rule, 'timeouts', 'request'), note: 'timeouts.request 0s disables the timeout' };
  if (impl === 'envoy-gateway') return { seconds: ENVOY_GATEWAY.requestTimeoutSeconds.value, source: 'default', note: 'Envoy Gateway default request timeout' };
  notes.push(impl === 'unknown' ? 'the Gateway API implementation is not known, so its default timeout is not either' : `${impl} Gateway API default timeout not in the catalogue`);
  return { seconds: null, source: 'default', note: 'implementation default (unknown)' };
}

function readRetry(ctx: YamlContext, rule: unknown): ConfigHop['retry'] {
  const { doc } = ctx;
  const retry = get(doc, rule, 'retry');
  if (!retry) return { attempts: 1, source: 'default', conditions: [], retriesTimeouts: false, retriesPost: false };
  const attemptsNode = get(doc, retry, 'attempts');
  const n = num(doc, attemptsNode) ?? 0;
  const codes = items(doc, get(doc, retry, 'codes')).map((c) => str(doc, c)).filter((c): c is string => !!c);
  return {
    attempts: 1 + Math.max(0, n),
    source: 'explicit',
    conditions: codes,
    retriesTimeouts: n > 0 && codes.some((c) => c === '504'),
    retriesPost: n > 0,
    span: spanAt(doc, rule, 'retry', 'attempts') ?? spanAt(doc, rule, 'retry'),
  };
}
