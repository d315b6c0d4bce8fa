// Kubernetes resources: Ingress (ingress-nginx and F5 NGINX annotations), workload env, ConfigMaps and Secrets.
import * as path from 'node:path';
import type { Node } from 'yaml';
import type { ProjectFiles } from '../../core/front-end';
import { AWS_ALB_INGRESS, CLOUD, F5_NGINX_INGRESS, INGRESS_NGINX, OTHER_INGRESS_CLASSES } from '../../core/catalog/infra-defaults';
import type { Span } from '../../core/types';
import type { ConfigHop, ControllerSettingRef, HopResource } from './config-hop';
import { directChildren, parseNginx, parseNginxTime, type NginxDirective } from './nginx-parser';
import { entries, get, items, parseYaml, spanOf, str, type YDoc, type YPath } from './yaml-ast';
import { addEnv, ENV_NAME, type ControllerSettings, type IngressClasses, type YamlContext } from './yaml-context';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'Rollout', 'ReplicationController']);

/** Handles one Kubernetes resource document; returns false when the kind is not one this module reads. */
export function readKubernetes(ctx: YamlContext, kind: string, apiVersion: string): boolean {
  if (kind === 'Ingress') {
    readIngress(ctx);
    return true;
  }
  if (WORKLOAD_KINDS.has(kind) || (kind === 'Service' && apiVersion.startsWith('serving.knative.dev'))) {
    readWorkloadEnv(ctx, kind);
    return true;
  }
  if (kind === 'ConfigMap' || kind === 'Secret') {
    readConfigData(ctx, kind);
    return true;
  }
  return false;
}

function podSpec(doc: YDoc, root: unknown, kind: string): Node | null {
  if (kind === 'Pod') return get(doc, root, 'spec');
  if (kind === 'CronJob') return get(doc, root, 'spec', 'jobTemplate', 'spec', 'template', 'spec');
  return get(doc, root, 'spec', 'template', 'spec');
}

/** Container `env` entries (`value` literal or `valueFrom`) of every container and init container. */
function readWorkloadEnv(ctx: YamlContext, kind: string): void {
  const { doc } = ctx;
  const spec = podSpec(doc, doc.contents, kind);
  for (const list of ['containers', 'initContainers']) {
    for (const container of items(doc, get(doc, spec, list))) {
      for (const item of items(doc, get(doc, container, 'env'))) {
        const name = str(doc, get(doc, item, 'name'));
        if (!name) continue;
        addEnv(ctx, name, get(doc, item, 'value'), spanOf(item));
      }
    }
  }
}

/** ConfigMap `data` and Secret `stringData`/`data` keys named like env vars (they are usually mounted with envFrom). */
function readConfigData(ctx: YamlContext, kind: string): void {
  const { doc } = ctx;
  const sections = kind === 'ConfigMap' ? ['data'] : ['stringData', 'data'];
  for (const section of sections) {
    for (const e of entries(doc, get(doc, doc.contents, section))) {
      if (!ENV_NAME.test(e.key)) continue;
      const span = spanOf(e.keyNode);
      const valueSpan = spanOf(e.value);
      if (!span) continue;
      const whole: Span = { start: span.start, end: valueSpan?.end ?? span.end };
      // Secret `data` is base64: the definition exists but its value is not readable text.
      addEnv(ctx, e.key, section === 'data' && kind === 'Secret' ? null : e.value, whole);
    }
  }
}

export interface Annotation {
  value: string | null;
  node: Node | null;
  /** Set when the value comes from the controller's ConfigMap or Helm values rather than the Ingress. */
  from?: string;
  span?: Span;
}

/** One hop per Ingress handled by an NGINX controller: annotations apply to all of its paths. */
function readIngress(ctx: YamlContext): void {
  const { doc } = ctx;
  const root = doc.contents;
  const meta = get(doc, root, 'metadata');
  const nameNode = get(doc, meta, 'name');
  const name = str(doc, nameNode) ?? 'unnamed';
  const namespace = str(doc, get(doc, meta, 'namespace')) ?? undefined;
  const annotations = ingressAnnotations(doc, get(doc, meta, 'annotations'));
  const keys = [...annotations.keys()];
  const cls = str(doc, get(doc, root, 'spec', 'ingressClassName')) ?? annotations.get('kubernetes.io/ingress.class')?.value ?? null;
  const controller = ingressController(ctx, cls);
  // Another controller serves the Ingress; annotations of ingress-nginx or the ALB controller are leftovers.
  if (controller === 'other') return;
  if (controller === 'alb' || keys.some((k) => k.startsWith(AWS_ALB_INGRESS.annotationPrefix))) {
    readAlbIngress(ctx, name, nameNode, annotations);
    return;
  }
  const community = keys.some((k) => k.startsWith(INGRESS_NGINX.annotationPrefix));
  const f5 = keys.some((k) => k.startsWith(F5_NGINX_INGRESS.annotationPrefix));
  if (!community && !f5 && controller !== 'ingress-nginx') return;
  const docStart: Span = { start: doc.range[0], end: doc.range[0] };
  pushNginxIngressHop(ctx, {
    flavour: f5 && !community ? 'f5' : 'community',
    name,
    annotations,
    routes: ingressRoutes(doc, get(doc, root, 'spec')),
    span: spanOf(nameNode) ?? spanOf(meta) ?? docStart,
    route: ['metadata'],
    resource: { kind: 'Ingress', name, ...(namespace ? { namespace } : {}), route: '' },
  });
}

export type Flavour = 'community' | 'f5';

/** The annotations of an Ingress (or of the Helm values an Ingress template renders its annotations from). */
export function ingressAnnotations(doc: YDoc, node: Node | null): Map<string, Annotation> {
  const annotations = new Map<string, Annotation>();
  for (const e of entries(doc, node)) annotations.set(e.key, { value: str(doc, e.value), node: e.value });
  return annotations;
}

/**
 * The controller an ingress class names: the IngressClass of that name (or, naming none, the one marked default) says
 * which controller serves it; the class name says so only when no IngressClass in the workspace does. `other`: the
 * name of another well-known controller's class (`gce`, `traefik`), whatever annotations the Ingress carries.
 */
export function ingressController(ctx: YamlContext, cls: string | null): 'ingress-nginx' | 'alb' | 'other' | null {
  const classes = ctx.ingressClasses?.();
  const controllerOfClass = (cls ? classes?.controllers.get(cls) : classes?.defaultController) ?? null;
  if (controllerOfClass) return controllerOfClass === INGRESS_NGINX.controller.value ? 'ingress-nginx' : AWS_ALB_INGRESS.controllers.value.includes(controllerOfClass) ? 'alb' : null;
  if (!cls) return null;
  return cls === 'alb' ? 'alb' : /nginx/i.test(cls) ? 'ingress-nginx' : OTHER_INGRESS_CLASSES.value.includes(cls) ? 'other' : null;
}

/** What an NGINX Ingress hop is built from: the Ingress manifest, or the Helm values its chart's template renders. */
export interface NginxIngressSource {
  flavour: Flavour;
  /** The Ingress's name as shown in messages (`chat`, or `ingress of chart x`). */
  name: string;
  annotations: Map<string, Annotation>;
  routes: ConfigHop['routes'];
  /** Where findings about the hop as a whole go. */
  span: Span;
  /** Path to the mapping whose `annotations` fixes edit. */
  route: YPath;
  resource: HopResource;
}

/** Reads an NGINX Ingress's timeouts, retries and buffering (its annotations over the controller's settings) into a hop. */
export function pushNginxIngressHop(ctx: YamlContext, src: NginxIngressSource): void {
  const { path } = ctx;
  const { flavour, annotations } = src;
  const prefix = flavour === 'f5' ? F5_NGINX_INGRESS.annotationPrefix : INGRESS_NGINX.annotationPrefix;
  const controller = flavour === 'community' ? ctx.ingressNginxSettings?.() ?? null : null;
  const ann = (suffix: string): Annotation | undefined => {
    const own = annotations.get(prefix + suffix);
    if (own) return own;
    const c = controller?.values[suffix];
    return c ? { value: c.value, node: null, from: controller!.source, span: c.path === path ? c.span : undefined } : undefined;
  };
  const notes: string[] = [];

  const snippet = snippetDirectives(flavour === 'f5' ? ann('location-snippets')?.value : ann('configuration-snippet')?.value);
  const snippetNode = flavour === 'f5' ? ann('location-snippets')?.node : ann('configuration-snippet')?.node;

  const controllerTimeout = controller?.values['proxy-read-timeout'];
  const timeout = readTimeout(flavour, ann('proxy-read-timeout'), snippet.get('proxy_read_timeout'), snippetNode ?? null, notes, controllerTimeout ? { value: controllerTimeout.value, from: controller!.source } : undefined);
  const send = ann('proxy-send-timeout');

  const routes = flavour === 'community' ? rewrittenRoutes(src.routes, annotations.get(prefix + 'rewrite-target')?.value ?? undefined) : src.routes;

  const nonIdempotent = flavour === 'community' ? controllerRetriesNonIdempotent(controller) : undefined;
  const retry = readRetry(flavour, ann('proxy-next-upstream'), ann('proxy-next-upstream-tries'), snippet, nonIdempotent && { span: nonIdempotent.path === path ? nonIdempotent.span : undefined });
  const buffering = readBuffering(flavour, ann('proxy-buffering'), snippet.get('proxy_buffering'), snippetNode ?? null);
  if (flavour === 'community' && snippet.size > 0) notes.push('configuration-snippet is ignored unless the controller allows snippet annotations (off by default since ingress-nginx 1.9)');

  const hop: ConfigHop = {
    path,
    span: src.span,
    kind: 'ingress-nginx',
    name: `Ingress ${src.name}${flavour === 'f5' ? ' (F5 NGINX Ingress)' : ''}`,
    routes,
    timeout,
    retry,
    target: { format: 'yaml', doc: ctx.docIndex, route: src.route },
    resource: src.resource,
    idleTimeout: true,
    notes,
  };
  if (buffering) hop.buffering = buffering;
  if (nonIdempotent && retry.conditions.includes('non_idempotent') && !snippet.has('proxy_next_upstream')) {
    hop.controllerNonIdempotent = nonIdempotent;
    notes.push(`retry-non-idempotent "${nonIdempotent.value}" in ${nonIdempotent.source} adds non_idempotent to the proxy_next_upstream of every Ingress of the controller`);
  }
  const sendSpan = spanOf(send?.node);
  if (sendSpan) hop.sendTimeoutSpan = sendSpan;
  ctx.facts.hops.push(hop);
}

/**
 * ingress-nginx's documented prefix-stripping form: `path: /api(/|$)(.*)` with `rewrite-target: /$2` sends `/api/chat`
 * to the service as `/chat`. Such a path becomes its literal prefix (`/api`), recorded as stripped; other regex paths
 * and rewrites are kept as written.
 */
function rewrittenRoutes(routes: ConfigHop['routes'], target: string | undefined): ConfigHop['routes'] {
  const group = target ? /^\/\$(\d)$/.exec(target.trim()) : null;
  if (!group) return routes;
  const stripped: string[] = [];
  const paths = routes.paths.map((p) => {
    const open = p.indexOf('(');
    const rest = p.lastIndexOf('(.*)');
    if (p.startsWith('= ') || open < 0 || rest < 0 || !p.endsWith('(.*)')) return p;
    // The remainder must be the group the target names: count the groups opened up to `(.*)`.
    if ((p.slice(0, rest + 1).match(/\((?!\?)/g) ?? []).length !== Number(group[1])) return p;
    const prefix = p.slice(0, open).replace(/\/+$/, '');
    if (!/^(\/[\w.~-]+)*$/.test(prefix)) return p;
    stripped.push(prefix || '/');
    return prefix || '/';
  });
  return stripped.length ? { ...routes, paths, stripped } : routes;
}

/** Hosts, paths (`= ` for Exact) and `service:port` backends of an Ingress spec. */
function ingressRoutes(doc: YDoc, spec: Node | null): ConfigHop['routes'] {
  const hosts = new Set<string>();
  const paths = new Set<string>();
  const upstreams = new Set<string>();
  const addBackend = (backend: Node | null) => {
    const svc = str(doc, get(doc, backend, 'service', 'name')) ?? str(doc, get(doc, backend, 'serviceName'));
    if (!svc) return;
    const port = str(doc, get(doc, backend, 'service', 'port', 'number')) ?? str(doc, get(doc, backend, 'service', 'port', 'name')) ?? str(doc, get(doc, backend, 'servicePort'));
    upstreams.add(port ? `${svc}:${port}` : svc);
  };
  for (const rule of items(doc, get(doc, spec, 'rules'))) {
    const host = str(doc, get(doc, rule, 'host'));
    if (host) hosts.add(host);
    for (const p of items(doc, get(doc, rule, 'http', 'paths'))) {
      const value = str(doc, get(doc, p, 'path')) ?? '/';
      paths.add(str(doc, get(doc, p, 'pathType')) === 'Exact' ? `= ${value}` : value);
      addBackend(get(doc, p, 'backend'));
    }
  }
  addBackend(get(doc, spec, 'defaultBackend') ?? get(doc, spec, 'backend'));
  return { hosts: [...hosts], paths: [...paths], upstreams: [...upstreams] };
}

/** AWS Load Balancer Controller Ingress: the ALB's idle timeout (60 s unless `load-balancer-attributes` sets it). */
function readAlbIngress(ctx: YamlContext, name: string, nameNode: Node | null, annotations: Map<string, Annotation>): void {
  const { doc } = ctx;
  const attrs = annotations.get(`${AWS_ALB_INGRESS.annotationPrefix}load-balancer-attributes`);
  const m = attrs?.value ? /(?:^|,)\s*idle_timeout\.timeout_seconds\s*=\s*(\d+)/.exec(attrs.value) : null;
  const timeout: ConfigHop['timeout'] = m
    ? { seconds: Number(m[1]), source: 'explicit', ...(spanOf(attrs?.node) ? { span: spanOf(attrs?.node) } : {}), note: 'idle_timeout.timeout_seconds' }
    : { seconds: CLOUD.awsAlbIdleTimeoutSeconds.value, source: 'default', note: 'AWS ALB default idle timeout' };
  const hop: ConfigHop = {
    path: ctx.path,
    span: spanOf(nameNode) ?? { start: doc.range[0], end: doc.range[0] },
    kind: 'load-balancer',
    name: `Ingress ${name} (AWS ALB)`,
    routes: ingressRoutes(doc, get(doc, doc.contents, 'spec')),
    timeout,
    retry: { attempts: 1, source: 'default', conditions: [], retriesTimeouts: false, retriesPost: false },
    target: { format: 'yaml', doc: ctx.docIndex, route: ['metadata'] },
    idleTimeout: true,
    notes: [],
  };
  ctx.facts.hops.push(hop);
}

function snippetDirectives(snippet: string | null | undefined): Map<string, NginxDirective> {
  const out = new Map<string, NginxDirective>();
  if (!snippet) return out;
  for (const d of directChildren(parseNginx(snippet).directives)) out.set(d.name, d);
  return out;
}

/** A value some renderer replaces before the manifest is applied: `{{ .Values.x }}`, `{{ timeout }}`, `${TIMEOUT}`. */
const RENDERED_PLACEHOLDER = /\{\{|\$\{/;

/**
 * The Ingress's read timeout: a snippet's proxy_read_timeout, else the annotation, else the controller ConfigMap, else
 * the default. An annotation ingress-nginx cannot parse (`"600s"`) falls back to the controller's value (the ConfigMap's,
 * when the workspace has one), as its proxy annotation parser does.
 */
function readTimeout(flavour: Flavour, a: Annotation | undefined, fromSnippet: NginxDirective | undefined, snippetNode: Node | null, notes: string[], controllerValue?: { value: string; from: string }): ConfigHop['timeout'] {
  const fallback = flavour === 'f5' ? F5_NGINX_INGRESS.proxyReadTimeoutSeconds.value : INGRESS_NGINX.proxyReadTimeoutSeconds.value;
  const controller = flavour === 'f5' ? 'F5 NGINX Ingress' : 'ingress-nginx';
  if (fromSnippet && fromSnippet.args[0]) {
    const s = parseNginxTime(fromSnippet.args[0].value);
    if (s !== null) return { seconds: s, source: 'explicit', span: spanOf(snippetNode), note: 'proxy_read_timeout in a snippet annotation' };
  }
  if (a?.value && RENDERED_PLACEHOLDER.test(a.value)) {
    // Another renderer (Jinja, a Go template, envsubst) fills the value in before the Ingress is applied.
    return { seconds: null, source: 'unknown', ...(spanOf(a.node) ? { span: spanOf(a.node) } : {}), note: `proxy-read-timeout is "${a.value}", filled in when the manifest is rendered` };
  }
  if (a?.value) {
    // ingress-nginx takes a plain number of seconds; F5 takes an nginx time (`60s`).
    const s = flavour === 'community' ? (/^\s*\d+\s*$/.test(a.value) ? Number(a.value) : null) : parseNginxTime(a.value);
    if (s !== null) return { seconds: s, source: 'explicit', ...(spanOf(a.node) ?? a.span ? { span: spanOf(a.node) ?? a.span } : {}), ...(a.from ? { note: `set in ${a.from}` } : {}) };
    const configured = a.from === undefined && controllerValue && /^\s*\d+\s*$/.test(controllerValue.value) ? Number(controllerValue.value) : null;
    if (configured !== null) {
      notes.push(`proxy-read-timeout "${a.value}" is not a valid value, so ${controller} uses the controller's ${configured} s`);
      return { seconds: configured, source: 'explicit', note: `set in ${controllerValue!.from}; the Ingress's "${a.value}" is not a number of seconds, so it is ignored` };
    }
    notes.push(`proxy-read-timeout "${a.value}" is not a valid value, so ${controller} uses its default`);
    return { seconds: fallback, source: 'default', ...(spanOf(a.node) ? { span: spanOf(a.node) } : {}), note: `${controller} default (the configured value is invalid)` };
  }
  return { seconds: fallback, source: 'default', note: `${controller} default proxy-read-timeout` };
}

/** Go's strconv.ParseBool "true" spellings: ingress-nginx decodes ConfigMap strings into its bool settings with it. */
const GO_TRUE = /^(1|t|T|TRUE|true|True)$/;

/**
 * The controller's `retry-non-idempotent` when it is on. It is a ConfigMap key with no Ingress annotation: ingress-nginx
 * appends `non_idempotent` to every location's proxy_next_upstream (`buildNextUpstream` in its template), whatever the
 * Ingress's `proxy-next-upstream` says.
 */
function controllerRetriesNonIdempotent(controller: ControllerSettings | null): ControllerSettingRef | undefined {
  const c = controller?.values['retry-non-idempotent'];
  if (!c || !GO_TRUE.test(c.value.trim()) || !c.span) return undefined;
  return { value: c.value, path: c.path, span: c.span, source: controller!.source };
}

function readRetry(flavour: Flavour, next: Annotation | undefined, tries: Annotation | undefined, snippet: Map<string, NginxDirective>, controllerNonIdempotent?: { span?: Span }): ConfigHop['retry'] {
  const snippetNext = snippet.get('proxy_next_upstream');
  let conditions: string[];
  let source: 'explicit' | 'default' = 'default';
  let span: Span | undefined;
  if (snippetNext) {
    conditions = snippetNext.args.map((a) => a.value);
    source = 'explicit';
  } else if (flavour === 'community' && next?.value) {
    conditions = next.value.split(/\s+/).filter(Boolean);
    source = 'explicit';
    span = spanOf(next.node) ?? next.span;
  } else {
    conditions = [...INGRESS_NGINX.proxyNextUpstream.value];
  }
  // A snippet's own proxy_next_upstream is taken as written; the template's line is what the controller rewrites.
  if (!snippetNext && controllerNonIdempotent && !conditions.includes('non_idempotent')) {
    conditions.push('non_idempotent');
    source = 'explicit';
    span ??= controllerNonIdempotent.span;
  }
  let attempts = flavour === 'community' ? INGRESS_NGINX.proxyNextUpstreamTries.value : 1;
  const triesValue = snippet.get('proxy_next_upstream_tries')?.args[0]?.value ?? (flavour === 'community' ? tries?.value : undefined);
  if (triesValue && /^\d+$/.test(triesValue.trim())) {
    const n = Number(triesValue);
    if (n > 0) attempts = n;
    source = 'explicit';
    span ??= spanOf(tries?.node);
  }
  if (conditions.includes('off')) attempts = 1;
  const retriesPost = attempts > 1 && conditions.includes('non_idempotent');
  return {
    attempts,
    source,
    conditions,
    retriesPost,
    retriesTimeouts: retriesPost && conditions.some((c) => ['error', 'timeout', 'http_500', 'http_502', 'http_503', 'http_504'].includes(c)),
    ...(span ? { span } : {}),
  };
}

function readBuffering(flavour: Flavour, a: Annotation | undefined, fromSnippet: NginxDirective | undefined, snippetNode: Node | null): ConfigHop['buffering'] {
  if (fromSnippet?.args[0]) return { on: fromSnippet.args[0].value === 'on', source: 'explicit', span: spanOf(snippetNode) };
  if (a?.value) {
    const on = flavour === 'f5' ? /^true$/i.test(a.value.trim()) : a.value.trim() === 'on';
    const span = spanOf(a.node) ?? a.span;
    return { on, source: 'explicit', ...(span ? { span } : {}) };
  }
  // F5's default is not in the catalogue: say nothing rather than guess.
  return flavour === 'community' ? { on: INGRESS_NGINX.proxyBuffering.value, source: 'default' } : undefined;
}

const INGRESS_CLASS_KIND = /^\s*kind:\s*["']?IngressClass["']?\s*$/m;

/** The IngressClass resources of the given file and the workspace's other YAML files. */
export function ingressClassesIn(project: ProjectFiles | undefined, self: { path: string; text: string }): IngressClasses {
  const out: IngressClasses = { controllers: new Map(), defaultController: null };
  const texts = [self.text];
  if (project) {
    for (const p of [...project.paths()].sort()) {
      if (p === self.path || !/\.ya?ml$/i.test(p) || /[\\/]node_modules[\\/]/.test(p)) continue;
      const t = project.text(p);
      if (t && t.length < 2_000_000 && INGRESS_CLASS_KIND.test(t)) texts.push(t);
    }
  }
  for (const text of texts) {
    if (!INGRESS_CLASS_KIND.test(text)) continue;
    for (const { doc, ok } of parseYaml(text).docs) {
      if (!ok || str(doc, get(doc, doc.contents, 'kind')) !== 'IngressClass') continue;
      const name = str(doc, get(doc, doc.contents, 'metadata', 'name'));
      const controller = str(doc, get(doc, doc.contents, 'spec', 'controller'));
      if (!name || !controller || out.controllers.has(name)) continue;
      out.controllers.set(name, controller);
      const isDefault = str(doc, get(doc, doc.contents, 'metadata', 'annotations', 'ingressclass.kubernetes.io/is-default-class'));
      if (isDefault === 'true') out.defaultController ??= controller;
    }
  }
  return out;
}

const CONTROLLER_KEYS = /proxy-(read|send)-timeout|proxy-buffering|proxy-next-upstream|retry-non-idempotent/;
const CONTROLLER_NAME = /ingress-nginx|nginx-configuration|nginx-ingress/;

/**
 * The ingress-nginx controller's own settings, from its ConfigMap (`ingress-nginx-controller`, or any ConfigMap in the
 * `ingress-nginx` namespace) or the chart's Helm values (`controller.config`), in the given file or elsewhere in the workspace.
 */
export function ingressNginxSettings(project: ProjectFiles | undefined, self: { path: string; text: string }): ControllerSettings | null {
  const files: Array<{ path: string; text: string }> = [self];
  if (project) {
    const others: Array<{ path: string; text: string }> = [];
    for (const p of project.paths()) {
      if (p === self.path || !/\.ya?ml$/i.test(p) || /[\\/]node_modules[\\/]/.test(p)) continue;
      const t = project.text(p);
      if (t && t.length < 2_000_000 && CONTROLLER_KEYS.test(t)) others.push({ path: p, text: t });
    }
    files.push(...others.sort((a, b) => a.path.localeCompare(b.path)));
  }
  for (const f of files) {
    if (!CONTROLLER_KEYS.test(f.text)) continue;
    const rel = project ? path.relative(project.root || path.dirname(f.path), f.path) : path.basename(f.path);
    for (const { doc, ok } of parseYaml(f.text).docs) {
      if (!ok) continue;
      const root = doc.contents;
      let data: Node | null = null;
      let label = '';
      if (str(doc, get(doc, root, 'kind')) === 'ConfigMap') {
        const name = str(doc, get(doc, root, 'metadata', 'name')) ?? '';
        const ns = str(doc, get(doc, root, 'metadata', 'namespace')) ?? '';
        if (CONTROLLER_NAME.test(name) || ns === 'ingress-nginx') {
          data = get(doc, root, 'data');
          label = `ConfigMap ${name}`;
        }
      } else if (!get(doc, root, 'kind')) {
        data = get(doc, root, 'controller', 'config');
        label = 'ingress-nginx Helm values controller.config';
      }
      const values: ControllerSettings['values'] = {};
      for (const e of entries(doc, data)) {
        const v = str(doc, e.value);
        if (v !== null && CONTROLLER_KEYS.test(e.key)) values[e.key] = { value: v, span: spanOf(e.value), path: f.path };
      }
      if (Object.keys(values).length) return { values, source: `${label} in ${rel.split(path.sep).join('/')}` };
    }
  }
  return null;
}
