// Fixes that change a hop's own settings in its file (timeouts, retry conditions, buffering).
import { AWS_ALB_INGRESS, F5_NGINX_INGRESS, INGRESS_NGINX } from '../../core/catalog/infra-defaults';
import type { Fix, Hop, TextEdit } from '../../core/types';
import { hopTarget, type ConfigHop, type HopTarget } from './config-hop';
import { RETRIES_TIMEOUTS } from './istio';
import { parseDuration } from './yaml-context';
import { nginxDirectiveAt, nginxRewriteDirective, nginxSetDirective, nginxSetDirectives, yamlSet, type YamlValue } from './writer';
import { get, parseYaml, str, type YPath } from './yaml-ast';

type Step = (text: string) => TextEdit | null;

/** Applies edits one after another and returns one edit covering everything that changed, or null if any step fails. */
export function combineSteps(text: string, steps: Step[]): TextEdit | null {
  let current = text;
  for (const step of steps) {
    const e = step(current);
    if (!e) return null;
    current = current.slice(0, e.start) + e.newText + current.slice(e.end);
  }
  if (current === text) return null;
  let start = 0;
  while (start < text.length && start < current.length && text[start] === current[start]) start++;
  let endOld = text.length;
  let endNew = current.length;
  while (endOld > start && endNew > start && text[endOld - 1] === current[endNew - 1]) {
    endOld--;
    endNew--;
  }
  return { start, end: endOld, newText: current.slice(start, endNew) };
}

function yamlTarget(hop: Hop): Extract<HopTarget, { format: 'yaml' }> | null {
  const t = hopTarget(hop);
  return t && t.format === 'yaml' && !t.shared ? t : null;
}

/** The location a fix may write `directives` into: none when an include in the location already sets one of them. */
function nginxLocation(hop: Hop, directives: string[]): number | null {
  const t = hopTarget(hop);
  if (!t || t.format !== 'nginx' || directives.some((d) => t.setByInclude?.includes(d))) return null;
  return t.location;
}

const set = (doc: number, p: YPath, v: YamlValue): Step => (t) => yamlSet(t, doc, p, v);

function isF5(hop: Hop): boolean {
  return hop.kind === 'ingress-nginx' && hop.name.includes('F5 NGINX');
}

/** Raises a hop's timeout (and the send / per-try timeouts that would still cut the call) to `seconds`. */
export function timeoutFix(hop: Hop, text: string, seconds: number): Fix | undefined {
  const s = Math.ceil(seconds);
  const elsewhere = (hop as ConfigHop).perTryTimeoutElsewhere;
  if (elsewhere && elsewhere.seconds < s) return undefined;
  const title = `Raise the ${hop.kind === 'nginx' || hop.kind === 'ingress-nginx' ? 'proxy read and send timeouts' : 'route timeout'} to ${s} s`;
  let edit: TextEdit | null = null;
  if (hop.kind === 'nginx') {
    const loc = nginxLocation(hop, ['proxy_read_timeout', 'proxy_send_timeout']);
    if (loc === null) return undefined;
    // Both from one parse of `text`: a second step on the edited text would parse the file again for every fix.
    edit = combineSteps(text, [(t) => nginxSetDirectives(t, loc, [['proxy_read_timeout', [`${s}s`]], ['proxy_send_timeout', [`${s}s`]]])]);
  } else {
    const target = yamlTarget(hop);
    if (!target) return undefined;
    const r = target.route;
    const d = target.doc;
    if (hop.kind === 'load-balancer' && hop.name.includes('AWS ALB')) {
      const key = `${AWS_ALB_INGRESS.annotationPrefix}load-balancer-attributes`;
      const doc = parseYaml(text).docs[d]?.doc;
      const current = doc ? str(doc, get(doc, doc.contents, ...r, 'annotations', key)) : null;
      const attr = `${AWS_ALB_INGRESS.idleTimeoutAttribute.value}=${s}`;
      const parts = (current ?? '').split(',').map((x) => x.trim()).filter((x) => x && !x.startsWith(AWS_ALB_INGRESS.idleTimeoutAttribute.value));
      edit = yamlSet(text, d, [...r, 'annotations', key], [...parts, attr].join(','));
      return edit ? { title: `Raise the ALB idle timeout to ${s} s`, edits: [edit], safety: 'safe' } : undefined;
    }
    if (hop.kind === 'ingress-nginx') {
      if (hop.timeout.note?.includes('snippet')) return undefined;
      const prefix = isF5(hop) ? F5_NGINX_INGRESS.annotationPrefix : INGRESS_NGINX.annotationPrefix;
      const value = isF5(hop) ? `${s}s` : String(s);
      edit = combineSteps(text, [set(d, [...r, 'annotations', `${prefix}proxy-read-timeout`], value), set(d, [...r, 'annotations', `${prefix}proxy-send-timeout`], value)]);
    } else {
      const steps: Step[] = [];
      const doc = parseYaml(text).docs[d]?.doc;
      const has = (...p: YPath) => !!doc && get(doc, doc.contents, ...r, ...p) !== null;
      const seconds = (...p: YPath): number | null => (doc ? parseDuration(str(doc, get(doc, doc.contents, ...r, ...p))) : null);
      // Raise, never lower: the route's total also covers its retries (Envoy route `timeout`, Istio HTTPRetry), so a
      // total above the call's time keeps its retry budget. Absent, Istio's total is unlimited (left so); Envoy's and
      // Envoy Gateway's default of 15 s is raised.
      const raise = (path: YPath, absentIsUnlimited: boolean) => {
        const current = seconds(...path);
        if (has(...path) ? current !== null && current < s : !absentIsUnlimited) steps.push(set(d, [...r, ...path], `${s}s`));
      };
      if (hop.kind === 'istio') {
        raise(['timeout'], true);
        if (has('retries', 'perTryTimeout')) raise(['retries', 'perTryTimeout'], false);
      } else if (hop.kind === 'envoy-gateway' || hop.kind === 'gateway-api') {
        raise(['timeouts', 'request'], false);
        if (has('timeouts', 'backendRequest')) raise(['timeouts', 'backendRequest'], false);
      } else if (hop.kind === 'envoy') {
        raise(['timeout'], false);
        if (has('retry_policy', 'per_try_timeout')) raise(['retry_policy', 'per_try_timeout'], false);
      } else return undefined;
      edit = combineSteps(text, steps);
    }
  }
  return edit ? { title, edits: [edit], safety: 'safe' } : undefined;
}

/** Keeps only connection-phase retry conditions: drops `non_idempotent`, or retries Istio/Envoy on connect-failure,refused-stream. */
export function retryConditionsFix(hop: Hop, text: string): Fix | undefined {
  const kept = hop.retry.conditions.filter((c) => c !== 'non_idempotent');
  if (hop.kind === 'nginx') {
    if (!hop.retry.span) return undefined;
    const d = nginxDirectiveAt(text, hop.retry.span.start);
    if (!d || d.name !== 'proxy_next_upstream') return undefined;
    const edit = nginxRewriteDirective(text, d.nameSpan.start, d.args.map((a) => a.value).filter((a) => a !== 'non_idempotent'));
    return edit ? { title: 'Stop re-sending POST requests to the next upstream (drop non_idempotent)', edits: [edit], safety: 'safe' } : undefined;
  }
  const target = yamlTarget(hop);
  if (!target) return undefined;
  const doc = parseYaml(text).docs[target.doc]?.doc;
  if (!doc) return undefined;
  if (hop.kind === 'ingress-nginx') {
    const key = `${INGRESS_NGINX.annotationPrefix}proxy-next-upstream`;
    const own = str(doc, get(doc, doc.contents, ...target.route, 'annotations', key));
    const controller = (hop as ConfigHop).controllerNonIdempotent;
    const edits: TextEdit[] = [];
    if (own !== null && own.split(/\s+/).includes('non_idempotent')) {
      const edit = yamlSet(text, target.doc, [...target.route, 'annotations', key], kept.join(' '));
      if (!edit) return undefined;
      edits.push(edit);
    }
    if (!controller) return edits.length ? { title: 'Stop re-sending POST requests to the next upstream (drop non_idempotent)', edits, safety: 'safe' } : undefined;
    // The controller appends non_idempotent to every Ingress's proxy_next_upstream: only its own setting removes it,
    // and that changes every Ingress it serves, so the user chooses.
    edits.push({ path: controller.path, start: controller.span.start, end: controller.span.end, newText: '"false"' });
    return { title: 'Stop the ingress-nginx controller re-sending POST requests to the next upstream (retry-non-idempotent: "false")', edits, safety: 'unsafe' };
  }
  const field: YPath = hop.kind === 'istio' ? ['retries', 'retryOn'] : hop.kind === 'envoy' ? ['retry_policy', 'retry_on'] : [];
  if (!field.length || str(doc, get(doc, doc.contents, ...target.route, ...field)) === null) return undefined;
  const timeouts = hop.retry.timeoutConditions ?? hop.retry.conditions.filter((c) => RETRIES_TIMEOUTS.includes(c));
  const safe = ['connect-failure', 'refused-stream', ...hop.retry.conditions.filter((c) => !timeouts.includes(c) && c !== 'connect-failure' && c !== 'refused-stream')];
  const edit = yamlSet(text, target.doc, [...target.route, ...field], safe.join(','));
  // Dropping 5xx/reset retries also stops retrying quick 503s: a behaviour change the user should choose.
  return edit ? { title: `Retry only connection failures (${safe.join(',')})`, edits: [edit], safety: 'unsafe' } : undefined;
}

/** Turns response buffering off for the hop's location (nginx) or Ingress (ingress-nginx annotation). */
export function bufferingOffFix(hop: Hop, text: string): Fix | undefined {
  let edit: TextEdit | null = null;
  if (hop.kind === 'nginx') {
    const loc = nginxLocation(hop, ['proxy_buffering']);
    if (loc !== null) edit = nginxSetDirective(text, loc, 'proxy_buffering', ['off']);
  } else if (hop.kind === 'ingress-nginx' && !isF5(hop)) {
    const target = yamlTarget(hop);
    if (target) edit = yamlSet(text, target.doc, [...target.route, 'annotations', `${INGRESS_NGINX.annotationPrefix}proxy-buffering`], 'off');
  } else if (isF5(hop)) {
    const target = yamlTarget(hop);
    if (target) edit = yamlSet(text, target.doc, [...target.route, 'annotations', `${F5_NGINX_INGRESS.annotationPrefix}proxy-buffering`], 'False');
  }
  return edit ? { title: 'Turn proxy buffering off for this route', edits: [edit], safety: 'safe' } : undefined;
}
