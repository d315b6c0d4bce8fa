// Envoy route configuration (bootstrap `static_resources`, RDS `RouteConfiguration`): per-route timeout and retry_policy.
import type { Node } from 'yaml';
import { ENVOY } from '../../core/catalog/infra-defaults';
import type { Span } from '../../core/types';
import type { ConfigHop } from './config-hop';
import { resendingConditions, RETRIES_TIMEOUTS } from './istio';
import { entries, get, isMap, isSeq, items, num, spanAt, spanOf, str, type YDoc, type YPath } from './yaml-ast';
import { parseDuration, type YamlContext } from './yaml-context';

/** True when the document holds Envoy route configuration. */
export function looksLikeEnvoy(text: string): boolean {
  return /\bvirtual_hosts\s*:/.test(text);
}

/** One hop per route of every `virtual_hosts` list in the document. */
export function readEnvoy(ctx: YamlContext): void {
  const { doc } = ctx;
  const clusters = clusterAddresses(doc);
  for (const vhPath of findKeyPaths(doc, 'virtual_hosts')) {
    const vhosts = get(doc, doc.contents, ...vhPath);
    items(doc, vhosts).forEach((vh, v) => {
      const vhName = str(doc, get(doc, vh, 'name')) ?? `virtual_hosts[${v}]`;
      const domains = items(doc, get(doc, vh, 'domains')).map((d) => str(doc, d)).filter((d): d is string => !!d);
      items(doc, get(doc, vh, 'routes')).forEach((route, r) => {
        const action = get(doc, route, 'route');
        if (!action) return;
        readRoute(ctx, { route, action, vhName, domains, vh, clusters, routePath: [...vhPath, v, 'routes', r] });
      });
    });
  }
}

interface RouteInput {
  route: Node;
  action: Node;
  vhName: string;
  domains: string[];
  /** The virtual host, whose retry_policy applies to routes without their own. */
  vh: Node;
  clusters: Map<string, string[]>;
  routePath: YPath;
}

function readRoute(ctx: YamlContext, input: RouteInput): void {
  const { doc, path } = ctx;
  const { route, action } = input;
  const match = get(doc, route, 'match');
  const exact = str(doc, get(doc, match, 'path'));
  const regex = str(doc, get(doc, match, 'safe_regex', 'regex'));
  const p =
    str(doc, get(doc, match, 'prefix')) ??
    str(doc, get(doc, match, 'path_separated_prefix')) ??
    (exact ? `= ${exact}` : regex ? `~ ${regex}` : null);
  const upstreams: string[] = [];
  const cluster = str(doc, get(doc, action, 'cluster'));
  const weighted = items(doc, get(doc, action, 'weighted_clusters', 'clusters')).map((c) => str(doc, get(doc, c, 'name')));
  for (const c of [cluster, ...weighted]) {
    if (!c) continue;
    upstreams.push(c, ...(input.clusters.get(c) ?? []));
  }
  const routeName = str(doc, get(doc, route, 'name'));
  const docStart: Span = { start: doc.range[0], end: doc.range[0] };
  const notes: string[] = [];
  const hop: ConfigHop = {
    path,
    span: spanOf(get(doc, route, 'name')) ?? spanOf(match) ?? spanOf(route) ?? docStart,
    kind: 'envoy',
    name: `Envoy route ${input.vhName} ${routeName ?? p ?? ''}`.trim(),
    routes: { hosts: input.domains, paths: p ? [p] : [], upstreams },
    timeout: readTimeout(doc, action, notes),
    retry: get(doc, action, 'retry_policy') ? readRetry(doc, action, 'retry_policy') : readRetry(doc, input.vh, 'retry_policy'),
    target: { format: 'yaml', doc: ctx.docIndex, route: [...input.routePath, 'route'] },
    notes,
  };
  ctx.facts.hops.push(hop);
}

/** Envoy durations are strings (`"600s"`) or `{seconds, nanos}` objects. */
function envoyDuration(doc: YDoc, node: Node | null): number | null {
  if (!node) return null;
  if (isMap(node)) {
    const s = num(doc, get(doc, node, 'seconds')) ?? 0;
    const n = num(doc, get(doc, node, 'nanos')) ?? 0;
    return s + n / 1e9;
  }
  return parseDuration(str(doc, node));
}

function readTimeout(doc: YDoc, action: Node, notes: string[]): ConfigHop['timeout'] {
  const tNode = get(doc, action, 'timeout');
  const perTryNode = get(doc, action, 'retry_policy', 'per_try_timeout');
  const t = envoyDuration(doc, tNode);
  const perTry = envoyDuration(doc, perTryNode);
  if (perTry !== null && perTry > 0) notes.push(`each retry attempt is cut after per_try_timeout ${perTry} s`);
  // Spans where this route gets the value: an alias (`retry_policy: *default_retry`) rather than the shared anchor.
  const tSpan = spanAt(doc, action, 'timeout');
  if (t === 0) return { seconds: null, source: 'explicit', span: tSpan, note: 'timeout 0s disables the route timeout' };
  const route = t ?? ENVOY.routeTimeoutSeconds.value;
  if (perTry !== null && perTry > 0 && perTry < route) return { seconds: perTry, source: 'explicit', span: spanAt(doc, action, 'retry_policy', 'per_try_timeout'), note: 'retry_policy.per_try_timeout' };
  if (t !== null) return { seconds: t, source: 'explicit', span: tSpan };
  return { seconds: ENVOY.routeTimeoutSeconds.value, source: 'default', note: 'Envoy default route timeout (includes all retries)' };
}

/** The retry policy at `owner.key` (the route action's, else the virtual host's). */
function readRetry(doc: YDoc, owner: Node, key: string): ConfigHop['retry'] {
  const policy = get(doc, owner, key);
  if (!policy) return { attempts: 1, source: 'default', conditions: [], retriesTimeouts: false, retriesPost: false };
  const retryOnNode = get(doc, policy, 'retry_on');
  const conditions = (str(doc, retryOnNode) ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  const numNode = get(doc, policy, 'num_retries');
  const n = num(doc, numNode) ?? ENVOY.retryPolicyNumRetries.value;
  const codesNode = get(doc, policy, 'retriable_status_codes');
  const codes = items(doc, codesNode).map((i) => num(doc, i)).filter((c): c is number => c !== null);
  return { ...envoyRetryPolicy(n, conditions, codes), span: spanAt(doc, owner, key, 'retry_on') ?? spanAt(doc, owner, key, 'num_retries') ?? spanAt(doc, owner, key) };
}

/**
 * An Envoy retry policy as a hop's retry: `retries` retries on the `retry_on` conditions, `retriable-status-codes`
 * matching `codes`. Also Envoy Gateway's BackendTrafficPolicy `retry`, which it translates to this policy.
 */
export function envoyRetryPolicy(retries: number, conditions: string[], codes: number[]): ConfigHop['retry'] {
  const n = Math.max(0, retries);
  const timeoutConditions = conditions.filter((c) => RETRIES_TIMEOUTS.includes(c) || (c === 'retriable-status-codes' && codes.includes(504)));
  return {
    attempts: 1 + n,
    source: 'explicit',
    conditions,
    timeoutConditions,
    retriesTimeouts: n > 0 && timeoutConditions.length > 0,
    // Connection failures and refused streams re-send nothing the upstream received: one attempt of its work.
    retriesPost: n > 0 && resendingConditions(conditions, codes).length > 0,
  };
}

/** Cluster name → endpoint addresses (`host:port`) from `clusters` lists. */
function clusterAddresses(doc: YDoc): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const cPath of findKeyPaths(doc, 'clusters')) {
    for (const c of items(doc, get(doc, doc.contents, ...cPath))) {
      const name = str(doc, get(doc, c, 'name'));
      if (!name) continue;
      const addrs: string[] = [];
      for (const ep of items(doc, get(doc, c, 'load_assignment', 'endpoints'))) {
        for (const lb of items(doc, get(doc, ep, 'lb_endpoints'))) {
          const sa = get(doc, lb, 'endpoint', 'address', 'socket_address');
          const a = str(doc, get(doc, sa, 'address'));
          const port = str(doc, get(doc, sa, 'port_value'));
          if (a) addrs.push(port ? `${a}:${port}` : a);
        }
      }
      out.set(name, addrs);
    }
  }
  return out;
}

/** Paths (from the document root) of every sequence stored under `key`, without following aliases. */
function findKeyPaths(doc: YDoc, key: string): YPath[] {
  const found: YPath[] = [];
  const walk = (node: unknown, at: YPath, depth: number) => {
    if (depth > 40) return;
    if (isMap(node)) {
      for (const e of entries(doc, node)) {
        if (e.key === key && isSeq(e.value)) found.push([...at, e.key]);
        else walk(e.value, [...at, e.key], depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...at, i], depth + 1));
    }
  };
  walk(doc.contents, [], 0);
  return found;
}
