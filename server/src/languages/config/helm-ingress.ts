// Helm values that turn on a chart's ingress-nginx Ingress: the Ingress itself lives in a skipped template.
import * as path from 'node:path';
import type { Node } from 'yaml';
import { AWS_ALB_INGRESS, F5_NGINX_INGRESS, INGRESS_NGINX } from '../../core/catalog/infra-defaults';
import { entries, get, isMap, isSeq, items, parseYaml, spanOf, str, type YDoc } from './yaml-ast';
import { ingressAnnotations, ingressController, pushNginxIngressHop } from './kubernetes';
import type { YamlContext } from './yaml-context';

/** A value key Helm templates can name as `.Values.a.b` (no quoting needed). */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

const INGRESS_KIND = /^kind:[ \t]*["']?Ingress["']?[ \t]*$/gm;

/**
 * Builds an ingress-nginx hop from a chart's values file when, and only when, the values plainly render one: an
 * `ingress` mapping (at any depth: `routerSpec.ingress`) with `enabled: true`, the chart's single `templates/*ingress*`
 * file rendering one Ingress from that mapping's `enabled` and `annotations`, a class (or `nginx.ingress.kubernetes.io/`
 * annotations) saying ingress-nginx, and a backend Service the template names plainly. Nothing in the mapping may be a
 * template action, and the template must set no controller annotation of its own.
 */
export function readHelmValuesIngress(ctx: YamlContext, onCrossFileLookup?: () => void): void {
  const { doc, project } = ctx;
  if (!project) return;
  const chartDir = path.dirname(ctx.path);
  const templatesDir = path.join(chartDir, 'templates');
  const candidates = ingressMappings(doc);
  if (candidates.length === 0) return;
  onCrossFileLookup?.();
  const templates: Array<{ path: string; text: string }> = [];
  for (const p of project.paths()) {
    if (path.dirname(p) !== templatesDir || !/ingress[^\\/]*\.ya?ml$/i.test(path.basename(p))) continue;
    const text = project.text(p);
    if (text) templates.push({ path: p, text });
  }
  if (templates.length === 0) return;
  for (const c of candidates) {
    const values = `\\.Values\\.${c.keys.join('\\.')}`;
    const reads = (field: string) => new RegExp(`${values}\\.${field}\\b`);
    const rendering = templates.filter((t) => reads('enabled').test(t.text) && reads('annotations').test(t.text) && (t.text.match(INGRESS_KIND) ?? []).length === 1);
    if (rendering.length !== 1) continue;
    const template = rendering[0].text;
    // Annotations the template writes itself would change what the values say.
    if ([INGRESS_NGINX, F5_NGINX_INGRESS, AWS_ALB_INGRESS].some((c) => template.includes(c.annotationPrefix))) continue;
    if (!isTrue(str(doc, get(doc, c.node, 'enabled'))) || holdsTemplateAction(doc, c.node)) continue;
    const annotationsNode = get(doc, c.node, 'annotations');
    const annotations = ingressAnnotations(doc, annotationsNode);
    const keys = [...annotations.keys()];
    if (keys.some((k) => k.startsWith(F5_NGINX_INGRESS.annotationPrefix) || k.startsWith(AWS_ALB_INGRESS.annotationPrefix))) continue;
    const cls = ingressClass(doc, c.node, template, values) ?? annotations.get('kubernetes.io/ingress.class')?.value ?? null;
    const controller = ingressController(ctx, cls);
    const nginxAnnotated = keys.some((k) => k.startsWith(INGRESS_NGINX.annotationPrefix));
    if (controller !== 'ingress-nginx' && (cls || !nginxAnnotated)) continue;
    if (!overridesDefaults(ctx, chartDir, c.keys, keys)) continue;
    const chart = chartName(ctx, chartDir);
    const service = backendService(template, chart);
    if (!service) continue;
    const span = spanOf(c.keyNode);
    if (!span) continue;
    const dotted = c.keys.join('.');
    pushNginxIngressHop(ctx, {
      flavour: 'community',
      name: `of chart ${chart} (values ${dotted})`,
      annotations,
      routes: { ...valueRoutes(doc, c.node, template), upstreams: [service] },
      span,
      route: c.keys,
      resource: { kind: 'Ingress', name: `${path.relative(project.root || chartDir, chartDir).split(path.sep).join('/')}#${dotted}`, route: '' },
    });
  }
}

interface IngressMapping {
  keys: string[];
  keyNode: Node;
  node: Node;
}

/** Every `ingress:` mapping of the values (at most four levels down), with the keys leading to it. */
function ingressMappings(doc: YDoc): IngressMapping[] {
  const out: IngressMapping[] = [];
  const walk = (node: unknown, keys: string[]) => {
    if (keys.length > 4) return;
    for (const e of entries(doc, node)) {
      if (!PLAIN_KEY.test(e.key) || !isMap(e.value)) continue;
      if (e.key === 'ingress') out.push({ keys: [...keys, e.key], keyNode: e.keyNode, node: e.value });
      else walk(e.value, [...keys, e.key]);
    }
  };
  walk(doc.contents, []);
  return out;
}

/** Helm's `if` is true for a boolean true (and the string "true" that some charts quote). */
function isTrue(value: string | null): boolean {
  return value !== null && value.trim() === 'true';
}

/** Whether any string under `node` holds a `{{ }}` action: such values are rendered by other tooling, not read as written. */
function holdsTemplateAction(doc: YDoc, node: unknown, depth = 0): boolean {
  if (depth > 16) return true;
  if (isMap(node)) return entries(doc, node).some((e) => /\{\{/.test(e.key) || holdsTemplateAction(doc, e.value, depth + 1));
  if (isSeq(node)) return items(doc, node).some((i) => holdsTemplateAction(doc, i, depth + 1));
  return /\{\{/.test(str(doc, node) ?? '');
}

/** The class the template renders: the values' `className` (or `ingressClassName`) when it reads it, else a literal `ingressClassName`. */
function ingressClass(doc: YDoc, node: Node, template: string, values: string): string | null {
  for (const field of ['className', 'ingressClassName']) {
    if (new RegExp(`${values}\\.${field}\\b`).test(template)) {
      const v = str(doc, get(doc, node, field))?.trim();
      return v ? v : null;
    }
  }
  return /^[ \t]*ingressClassName:[ \t]*["']?([\w.-]+)["']?[ \t]*$/m.exec(template)?.[1] ?? null;
}

/**
 * A values file other than the chart's `values.yaml` is merged over it: annotations the defaults set and this file
 * does not would apply to its Ingress too, so the hop is built only when there are none.
 */
function overridesDefaults(ctx: YamlContext, chartDir: string, keys: string[], own: string[]): boolean {
  if (/^values\.ya?ml$/i.test(path.basename(ctx.path))) return true;
  for (const name of ['values.yaml', 'values.yml']) {
    const text = ctx.project?.text(path.join(chartDir, name));
    if (text === undefined) continue;
    const parsed = parseYaml(text).docs[0];
    if (!parsed?.ok) return false;
    return entries(parsed.doc, get(parsed.doc, parsed.doc.contents, ...keys, 'annotations')).every((e) => own.includes(e.key));
  }
  return true;
}

/** The chart's name: `name:` of its Chart.yaml, else its directory's name. */
function chartName(ctx: YamlContext, chartDir: string): string {
  const text = ctx.project?.text(path.join(chartDir, 'Chart.yaml'));
  return (text && /^name:[ \t]*["']?([\w.-]+)["']?[ \t]*$/m.exec(text)?.[1]) || path.basename(chartDir);
}

/**
 * The Service every backend of the template names: a literal name, the chart's fullname (`include "x.fullname"`,
 * directly or through a `$var :=`), or the literal part of a name built on the release (`{{ .Release.Name }}-router`).
 * Null when the backends differ or the name comes from elsewhere (values, other helpers).
 */
function backendService(template: string, chart: string): string | null {
  const vars = new Map<string, string>();
  for (const m of template.matchAll(/\{\{-?\s*(\$\w+)\s*:=\s*include\s+"[\w.-]+\.fullname"\s+\.\s*-?\}\}/g)) vars.set(m[1], chart);
  const raw: string[] = [];
  for (const m of template.matchAll(/^[ \t]*service:[ \t]*\n[ \t]*name:[ \t]*(.+?)[ \t]*$|^[ \t]*serviceName:[ \t]*(.+?)[ \t]*$/gm)) raw.push((m[1] ?? m[2]).replace(/^["']|["']$/g, ''));
  const names = new Set<string>();
  for (const r of raw) {
    const action = /^\{\{-?\s*(.*?)\s*-?\}\}$/.exec(r)?.[1];
    if (action !== undefined && (vars.has(action) || /^include\s+"[\w.-]+\.fullname"\s+\$?\.?$/.test(action))) {
      names.add(vars.get(action) ?? chart);
      continue;
    }
    const rest = r.replace(/\{\{-?\s*\$?\.Release\.Name\s*-?\}\}/g, '');
    if (/\{\{/.test(rest)) return null;
    const name = rest.replace(/^-+|-+$/g, '');
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name)) return null;
    names.add(name);
  }
  return names.size === 1 ? [...names][0] : null;
}

/** Hosts and paths of the values' `hosts` list (`- host: x / paths: [{ path: / }]` or paths as strings), or the template's literal paths. */
function valueRoutes(doc: YDoc, node: Node, template: string): { hosts: string[]; paths: string[] } {
  const hosts = new Set<string>();
  const paths = new Set<string>();
  for (const h of items(doc, get(doc, node, 'hosts'))) {
    const host = str(doc, get(doc, h, 'host'));
    if (host) hosts.add(host);
    for (const p of items(doc, get(doc, h, 'paths'))) {
      const value = isMap(p) ? str(doc, get(doc, p, 'path')) : str(doc, p);
      if (value) paths.add(isMap(p) && str(doc, get(doc, p, 'pathType')) === 'Exact' ? `= ${value}` : value);
    }
  }
  const literal = [...template.matchAll(/^[ \t]*-?[ \t]*path:[ \t]*["']?(\/[^"'\s{}]*)["']?[ \t]*$/gm)].map((m) => m[1]);
  const templated = /^[ \t]*-?[ \t]*path:[ \t]*.*\{\{/m.test(template);
  if (literal.length && !templated) return { hosts: /\.host\b/.test(template) ? [...hosts] : [], paths: [...new Set(literal)] };
  return { hosts: /\.host\b/.test(template) ? [...hosts] : [], paths: [...paths] };
}
