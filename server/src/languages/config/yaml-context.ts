import type { Node } from 'yaml';
import type { ProjectFiles } from '../../core/front-end';
import type { FileFacts, Span } from '../../core/types';
import { spanOf, str, type YDoc } from './yaml-ast';

/** What a YAML handler gets for one document. */
export interface YamlContext {
  path: string;
  text: string;
  doc: YDoc;
  docIndex: number;
  facts: FileFacts;
  project?: ProjectFiles;
  /** ingress-nginx controller-wide settings (its ConfigMap or Helm values) found in the workspace, looked up on demand. */
  ingressNginxSettings?: () => ControllerSettings | null;
  /** The IngressClass resources found in the workspace, looked up on demand. */
  ingressClasses?: () => IngressClasses;
}

/** IngressClass resources: each one's `spec.controller` by name, and the controller of the one marked default. */
export interface IngressClasses {
  controllers: Map<string, string>;
  defaultController: string | null;
}

/** Controller-wide settings: ConfigMap `data` keys (`proxy-read-timeout`, …) and where they were found. */
export interface ControllerSettings {
  values: Record<string, { value: string; span?: Span; path: string }>;
  /** "ConfigMap ingress-nginx-controller in deploy/ingress-nginx.yaml" */
  source: string;
}

/** Env var names as shells and Kubernetes spell them; excludes camelCase config keys. */
export const ENV_NAME = /^[A-Z][A-Z0-9_]*[A-Z0-9]$/;

/** Seconds in a duration: Go/Istio/Gateway API strings (`600s`, `1m30s`, `1.5s`, `500ms`, `1h`) or a bare number of seconds. */
export function parseDuration(value: string | number | null): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  let consumed = 0;
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    if (m.index !== consumed) return null;
    total += Number(m[1]) * units[m[2]];
    consumed += m[0].length;
  }
  return consumed > 0 && consumed === v.length ? total : null;
}

/** `600` → "600 s", `0.5` → "0.5 s", `90` → "90 s". */
export function formatSeconds(s: number): string {
  return `${Number.isInteger(s) ? s : Number(s.toFixed(3))} s`;
}

/** Adds an env definition for `name` whose value is the scalar `valueNode` (null when not a literal). */
export function addEnv(ctx: YamlContext, name: string, valueNode: Node | null | undefined, span: Span | undefined): void {
  if (!span) return;
  ctx.facts.envDefinitions.push({ path: ctx.path, name, value: valueNode ? str(ctx.doc, valueNode) : null, span });
}

/** The span of a node, or the document start when the node has none. */
export function spanOr(node: Node | null | undefined, fallback: Span): Span {
  return spanOf(node) ?? fallback;
}
