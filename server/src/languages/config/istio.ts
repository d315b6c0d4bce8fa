// Istio VirtualService HTTP routes (timeout, retries) and DestinationRule outlier detection.
import type { Node } from 'yaml';
import { ISTIO } from '../../core/catalog/infra-defaults';
import type { Span } from '../../core/types';
import type { ConfigHop } from './config-hop';
import { entries, get, items, num, spanAt, spanOf, str, type YDoc } from './yaml-ast';
import { formatSeconds, parseDuration, type YamlContext } from './yaml-context';

/**
 * Retry conditions that re-send a request after a timeout or a reset. `retriable-status-codes` retries only the codes
 * listed with it (Envoy `retriable_status_codes`, Istio numeric `retryOn` entries): it counts when 504 is among them.
 */
export const RETRIES_TIMEOUTS = ['5xx', 'reset', 'gateway-error', '504'];

/**
 * Retry conditions under which the upstream never received the request, so a retry re-sends nothing the app has seen
 * (Envoy router docs, `x-envoy-retry-on`): the connection could not be made (`connect-failure`), the upstream refused
 * the HTTP/2 stream, which "indicates that the request was not processed by the application layer" (`refused-stream`,
 * envoyproxy/envoy#68, RFC 9113 §8.7), or the stream was reset before the request was sent (`reset-before-request`).
 */
export const NEVER_RECEIVED_CONDITIONS = ['connect-failure', 'refused-stream', 'reset-before-request'];

/**
 * gRPC status conditions (Envoy `x-envoy-retry-grpc-on`): they match a `grpc-status` in the response, which the
 * HTTP/JSON routes of LLM APIs and of the apps calling them never send.
 */
export const GRPC_STATUS_CONDITIONS = ['cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable'];

/**
 * The conditions among `conditions` under which the proxy re-sends a request the upstream already received: every
 * condition but the connection-phase ones and the gRPC statuses. `retriable-status-codes` matches only the codes
 * configured with it (`codes`); without any it matches nothing, as in Istio's default policy since 1.24.
 */
export function resendingConditions(conditions: string[], codes: number[]): string[] {
  return conditions.filter((c) => {
    if (NEVER_RECEIVED_CONDITIONS.includes(c) || GRPC_STATUS_CONDITIONS.includes(c)) return false;
    return c !== 'retriable-status-codes' || codes.length > 0;
  });
}

/** Istio `retryOn` entries that are HTTP status codes (`"503,reset"`): istiod turns them into Envoy's retriable_status_codes. */
function statusCodes(conditions: string[]): number[] {
  return conditions.filter((c) => /^[1-5]\d\d$/.test(c)).map(Number);
}

/** One hop per `http` route of a VirtualService. */
export function readVirtualService(ctx: YamlContext): void {
  const { doc, path } = ctx;
  const root = doc.contents;
  const metaName = get(doc, root, 'metadata', 'name');
  const vsName = str(doc, metaName) ?? 'unnamed';
  const namespace = str(doc, get(doc, root, 'metadata', 'namespace')) ?? undefined;
  const spec = get(doc, root, 'spec');
  const hosts = items(doc, get(doc, spec, 'hosts')).map((h) => str(doc, h)).filter((h): h is string => !!h);
  const routes = items(doc, get(doc, spec, 'http'));
  const docStart: Span = { start: doc.range[0], end: doc.range[0] };
  routes.forEach((route, i) => {
    const routeName = get(doc, route, 'name');
    const label = str(doc, routeName);
    const name = `VirtualService ${vsName}${label ? ` route ${label}` : routes.length > 1 ? ` http[${i}]` : ''}`;
    const firstKey = entries(doc, route)[0]?.keyNode;
    const span = spanOf(routeName) ?? (routes.length === 1 ? spanOf(metaName) : undefined) ?? spanOf(firstKey) ?? docStart;
    const paths: string[] = [];
    for (const m of items(doc, get(doc, route, 'match'))) {
      const uri = get(doc, m, 'uri');
      const prefix = str(doc, get(doc, uri, 'prefix'));
      const exact = str(doc, get(doc, uri, 'exact'));
      const regex = str(doc, get(doc, uri, 'regex'));
      if (prefix) paths.push(prefix);
      else if (exact) paths.push(`= ${exact}`);
      else if (regex) paths.push(`~ ${regex}`);
    }
    const upstreams: string[] = [];
    for (const r of items(doc, get(doc, route, 'route'))) {
      const host = str(doc, get(doc, r, 'destination', 'host'));
      const port = str(doc, get(doc, r, 'destination', 'port', 'number'));
      if (host) upstreams.push(port ? `${host}:${port}` : host);
    }
    const notes: string[] = [];
    const hop: ConfigHop = {
      path,
      span,
      kind: 'istio',
      name,
      routes: { hosts, paths, upstreams },
      timeout: readTimeout(doc, route, notes),
      retry: readRetries(doc, route, notes),
      target: { format: 'yaml', doc: ctx.docIndex, route: ['spec', 'http', i] },
      resource: { kind: 'VirtualService', name: vsName, ...(namespace ? { namespace } : {}), route: label ?? `http[${i}]` },
      notes,
    };
    ctx.facts.hops.push(hop);
  });
}

function readTimeout(doc: YDoc, route: Node, notes: string[]): ConfigHop['timeout'] {
  const tNode = get(doc, route, 'timeout');
  const perTry = get(doc, route, 'retries', 'perTryTimeout');
  const t = parseDuration(str(doc, tNode));
  const p = parseDuration(str(doc, perTry));
  if (p !== null && p > 0) notes.push(`each retry attempt is cut after perTryTimeout ${formatSeconds(p)}`);
  // A per-try timeout shorter than the route timeout is what ends a single attempt.
  // Spans where the route gets the value: an alias or merge key in the route, not the anchor other routes share.
  if (p !== null && p > 0 && (t === null || t === 0 || p < t)) return { seconds: p, source: 'explicit', span: spanAt(doc, route, 'retries', 'perTryTimeout'), note: 'retries.perTryTimeout' };
  if (t !== null && t > 0) return { seconds: t, source: 'explicit', span: spanAt(doc, route, 'timeout') };
  if (t === 0) return { seconds: null, source: 'explicit', span: spanAt(doc, route, 'timeout'), note: 'timeout 0s disables the route timeout' };
  return { seconds: ISTIO.routeTimeoutSeconds.value, source: 'default', note: 'Istio routes have no timeout by default' };
}

function readRetries(doc: YDoc, route: Node, notes: string[]): ConfigHop['retry'] {
  const retries = get(doc, route, 'retries');
  if (!retries) {
    // The mesh default re-sends only requests the app never received (connection failures, refused streams); the
    // gRPC statuses never match an HTTP route. So it makes one attempt of the app's work.
    const conditions = [...ISTIO.defaultRetryOn.value];
    const retriesPost = resendingConditions(conditions, ISTIO.defaultRetriableStatusCodes.value).length > 0;
    return { attempts: 1 + ISTIO.defaultRetryAttempts.value, source: 'default', conditions, retriesTimeouts: false, retriesPost };
  }
  const attemptsNode = get(doc, retries, 'attempts');
  const retryOnNode = get(doc, retries, 'retryOn');
  const n = num(doc, attemptsNode);
  // Istio turns a retry policy with attempts unset or 0 into "no retries".
  const retries_ = n !== null && n > 0 ? n : 0;
  const retryOn = str(doc, retryOnNode);
  const conditions = retryOn ? retryOn.split(',').map((c) => c.trim()).filter(Boolean) : [...ISTIO.defaultRetryOn.value];
  // Without retryOn the default conditions apply, with the default (empty) status codes.
  const codes = retryOn ? statusCodes(conditions) : ISTIO.defaultRetriableStatusCodes.value;
  if (n === null) notes.push('retries without attempts: Istio disables retries for this route');
  return {
    attempts: 1 + retries_,
    source: 'explicit',
    conditions,
    retriesTimeouts: retries_ > 0 && conditions.some((c) => RETRIES_TIMEOUTS.includes(c)),
    // Only a condition under which the app already received the request repeats its work (and its LLM calls).
    retriesPost: retries_ > 0 && resendingConditions(conditions, codes).length > 0,
    span: spanAt(doc, route, 'retries', 'retryOn') ?? spanAt(doc, route, 'retries', 'attempts') ?? spanAt(doc, route, 'retries'),
  };
}

/** Outlier detection per destination host, from DestinationRules, as notes for the hops routing to it. */
export function readDestinationRule(ctx: YamlContext): { host: string; note: string } | null {
  const { doc } = ctx;
  const spec = get(doc, doc.contents, 'spec');
  const host = str(doc, get(doc, spec, 'host'));
  if (!host) return null;
  const od = get(doc, spec, 'trafficPolicy', 'outlierDetection');
  const name = str(doc, get(doc, doc.contents, 'metadata', 'name')) ?? host;
  if (!od) return { host, note: `DestinationRule ${name} has no outlierDetection: failing endpoints are not ejected` };
  const parts = entries(doc, od).map((e) => `${e.key} ${str(doc, e.value) ?? '…'}`);
  return { host, note: `DestinationRule ${name} ejects failing endpoints (outlierDetection: ${parts.join(', ')})` };
}

/** True when a hop's upstream names the DestinationRule host (short or fully qualified). */
export function sameHost(upstream: string, host: string): boolean {
  const u = upstream.replace(/:\d+$/, '');
  const short = (h: string) => h.split('.')[0];
  return u === host || (!host.includes('*') && short(u) === short(host) && (u.includes('.') ? host.startsWith(u) || u.startsWith(host) : true));
}
