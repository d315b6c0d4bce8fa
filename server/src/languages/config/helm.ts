// Helm charts: templates with `{{ }}` are skipped; values files contribute env-like keys.
import * as path from 'node:path';
import type { Node } from 'yaml';
import { visit } from 'yaml';
import { entries, get, isMap, isScalar, isSeq, items, parseYaml, spanOf, str } from './yaml-ast';
import { ENV_NAME, type YamlContext } from './yaml-context';

// Go template actions Helm uses; `${{ }}` (GitHub Actions) and quoted Jinja values are not Helm.
const ACTION_BODY = String.raw`\{\{-?\s*(?:\.|\$|include\b|template\b|if\b|else\b|end\b|range\b|with\b|define\b|toYaml\b|tpl\b|required\b|default\b|quote\b|printf\b|-?\s*\/\*)`;
const HELM_ACTION = new RegExp(String.raw`(?<!\$)` + ACTION_BODY);
/** A Helm action starting at the match position. */
const HELM_ACTION_HERE = new RegExp(ACTION_BODY, 'y');

/** Any `{{` that is not a GitHub Actions `${{`. */
const ANY_ACTION = /(?<!\$)\{\{/g;

/**
 * The offset of the first Helm template action when the file is a Helm template, else -1. Only files in a chart's
 * `templates/` are rendered by Helm. Elsewhere `{{ }}` inside a string or a comment is text for another renderer: a
 * values file's `url: http://{{ .Release.Name }}-prometheus` for a chart that passes it through `tpl`, the Go
 * templates KServe's LLMInferenceServiceConfig holds in block scalars, a PrometheusRule's `{{ $labels.instance }}`.
 * Such a file is still read; only an action standing where YAML would parse it (a values file templated by
 * helmfile, `replicas: {{ .Values.n }}`) makes it a template.
 */
export function helmTemplateAt(text: string, filePath: string): number {
  if (/[\\/]templates[\\/]/.test(filePath)) return HELM_ACTION.exec(text)?.index ?? text.search(/(?<!\$)\{\{/);
  const values = isHelmValues(filePath);
  if (values ? text.search(ANY_ACTION) < 0 : !HELM_ACTION.test(text)) return -1;
  const strings = stringScalarRanges(text);
  for (const m of text.matchAll(ANY_ACTION)) {
    const at = m.index;
    HELM_ACTION_HERE.lastIndex = at;
    if (!values && !HELM_ACTION_HERE.test(text)) continue;
    if (inRanges(strings, at) || inComment(text, at)) continue;
    return at;
  }
  return -1;
}

/** The source ranges of every string scalar (keys and values, quoted, plain or block) of the file's documents. */
function stringScalarRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const { doc } of parseYaml(text).docs) {
    visit(doc, {
      Scalar: (_, node) => {
        if (typeof node.value === 'string' && node.range) ranges.push([node.range[0], node.range[1]]);
      },
    });
  }
  return ranges;
}

function inRanges(ranges: Array<[number, number]>, at: number): boolean {
  return ranges.some(([start, end]) => at >= start && at < end);
}

/** Whether `at` follows a `#` that starts a comment on its line. */
function inComment(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /(^|[ \t])#/.test(text.slice(lineStart, at));
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
