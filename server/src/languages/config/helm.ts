// Helm charts: templates with `{{ }}` are skipped; values files contribute env-like keys.
import * as path from 'node:path';
import type { Node } from 'yaml';
import { entries, get, isMap, isScalar, isSeq, items, spanOf, str } from './yaml-ast';
import { ENV_NAME, type YamlContext } from './yaml-context';

// Go template actions Helm uses; `${{ }}` (GitHub Actions) and quoted Jinja values are not Helm.
const HELM_ACTION = /(?<!\$)\{\{-?\s*(?:\.|\$|include\b|template\b|if\b|else\b|end\b|range\b|with\b|define\b|toYaml\b|tpl\b|required\b|default\b|quote\b|printf\b|-?\s*\/\*)/;

/** An action where YAML would read a flow collection: a line, list item or mapping value starting with `{{`. */
const STRUCTURAL_ACTION = /^[ \t]*(?:-[ \t]+)?(?:[\w.-]+:[ \t]+)?\{\{/m;

/**
 * The offset of the first Helm template action when the file is a Helm template, else -1. Helm never renders a
 * values file: `{{ .Release.Name }}` inside one of its strings (`url: http://{{ .Release.Name }}-prometheus`, for a
 * chart that passes it through `tpl`) is text, and the file is still read; only an action standing where YAML would
 * parse it (a templated values file for helmfile) makes it a template.
 */
export function helmTemplateAt(text: string, filePath: string): number {
  if (isHelmValues(filePath) && !/[\\/]templates[\\/]/.test(filePath)) return STRUCTURAL_ACTION.exec(text)?.index ?? -1;
  const m = HELM_ACTION.exec(text);
  if (m) return m.index;
  if (/[\\/]templates[\\/]/.test(filePath)) {
    const i = text.search(/(?<!\$)\{\{/);
    return i;
  }
  return -1;
}

/** `values.yaml`, `values-prod.yaml`, `values.staging.yml`, or any YAML directly inside a chart directory's `values/`. */
export function isHelmValues(filePath: string): boolean {
  const base = path.basename(filePath);
  return /^values([._-].*)?\.ya?ml$/i.test(base) || /[\\/]values[\\/][^\\/]+\.ya?ml$/i.test(filePath);
}

/**
 * Env-like keys anywhere in a values file (`OPENAI_BASE_URL: …`) and Kubernetes-style `env` lists (`- name: X / value: …`),
 * except below `skip`.
 */
export function readHelmValues(ctx: YamlContext, skip?: Node): void {
  const { doc } = ctx;
  const seen = new Set<number>();
  const walk = (node: unknown, depth: number): void => {
    if (depth > 32 || (skip && node === skip)) return;
    if (isMap(node)) {
      for (const e of entries(doc, node)) {
        const k = spanOf(e.keyNode);
        if (k && ENV_NAME.test(e.key) && (e.value === null || isScalar(e.value)) && !seen.has(k.start)) {
          seen.add(k.start);
          ctx.facts.envDefinitions.push({ path: ctx.path, name: e.key, value: e.value ? str(doc, e.value) : null, span: { start: k.start, end: spanOf(e.value)?.end ?? k.end } });
        }
        walk(e.value, depth + 1);
      }
      return;
    }
    if (isSeq(node)) {
      for (const item of items(doc, node)) {
        const name = str(doc, get(doc, item, 'name'));
        const span = spanOf(item);
        if (name && ENV_NAME.test(name) && span && isMap(item) && (get(doc, item, 'value') || get(doc, item, 'valueFrom')) && !seen.has(span.start)) {
          seen.add(span.start);
          ctx.facts.envDefinitions.push({ path: ctx.path, name, value: str(doc, get(doc, item, 'value')), span });
          continue;
        }
        walk(item, depth + 1);
      }
    }
  };
  walk(doc.contents, 0);
}
