// Gateway API HTTPRoute timeouts and retries; the implementation (Envoy Gateway, Istio, …) decides the defaults.
import { ENVOY_GATEWAY } from '../../core/catalog/infra-defaults';
import type { ProjectFiles } from '../../core/front-end';
import type { Span } from '../../core/types';
import type { ConfigHop } from './config-hop';
import { get, items, num, parseYaml, spanAt, spanOf, str } from './yaml-ast';
import { parseDuration, type YamlContext } from './yaml-context';

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
}

/** Collects Gateway and GatewayClass resources from YAML texts. */
export function indexGateways(texts: Iterable<string>): GatewayIndex {
  const index: GatewayIndex = { gateways: new Map(), classes: new Map(), requestTimeouts: new Map() };
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
        if (raw === null || (seconds === null && raw.trim() !== '0')) continue;
        // `targetRefs` (current API) or the older single `targetRef`.
        const refs = [...items(doc, get(doc, spec, 'targetRefs')), get(doc, spec, 'targetRef')].filter((r) => r !== null);
        for (const ref of refs) {
          const refKind = str(doc, get(doc, ref, 'kind'));
          const refName = str(doc, get(doc, ref, 'name'));
          if ((refKind === 'HTTPRoute' || refKind === 'Gateway') && refName) index.requestTimeouts!.set(`${refKind}/${refName}`, { seconds: seconds === 0 ? null : seconds ?? null, policy: name });
        }
      }
    }
  }
  return index;
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
 * `timeouts`): read as a route of its Gateway whose timeout counts only where written (its default is not catalogued).
 */
export function readHttpRoute(ctx: YamlContext, index: GatewayIndex, kind: 'HTTPRoute' | 'AIGatewayRoute' = 'HTTPRoute'): void {
  const { doc, path } = ctx;
  const root = doc.contents;
  const metaName = get(doc, root, 'metadata', 'name');
  const routeName = str(doc, metaName) ?? 'unnamed';
  const namespace = str(doc, get(doc, root, 'metadata', 'namespace')) ?? undefined;
  const spec = get(doc, root, 'spec');
  const parents = items(doc, get(doc, spec, 'parentRefs')).map((p) => str(doc, get(doc, p, 'name'))).filter((n): n is string => !!n);
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
    const hop: ConfigHop = {
      path,
      span: spanOf(ruleName) ?? (rules.length === 1 ? spanOf(metaName) : undefined) ?? spanOf(rule) ?? docStart,
      // Envoy AI Gateway runs on Envoy Gateway.
      kind: impl === 'envoy-gateway' || kind === 'AIGatewayRoute' ? 'envoy-gateway' : 'gateway-api',
      name: `${kind} ${routeName}${label ? ` rule ${label}` : rules.length > 1 ? ` rules[${i}]` : ''}`,
      routes: { hosts: hostnames, paths, upstreams },
      timeout: kind === 'AIGatewayRoute' ? aiGatewayTimeout(ctx, rule, notes) : policyTimeout(ctx, rule, impl, index, routeName, parents) ?? readTimeouts(ctx, rule, impl, notes),
      retry: readRetry(ctx, rule),
      target: { format: 'yaml', doc: ctx.docIndex, route: ['spec', 'rules', i] },
      resource: { kind, name: routeName, ...(namespace ? { namespace } : {}), route: label ?? `rules[${i}]` },
      notes,
    };
    ctx.facts.hops.push(hop);
  });
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

/** An AIGatewayRoute rule's `timeouts`, where written; without them Envoy AI Gateway applies a default of its own. */
function aiGatewayTimeout(ctx: YamlContext, rule: unknown, notes: string[]): ConfigHop['timeout'] {
  if (get(ctx.doc, rule, 'timeouts') !== null) return readTimeouts(ctx, rule, 'unknown', notes);
  return { seconds: null, source: 'default', note: 'Envoy AI Gateway default (not in the catalogue)' };
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
