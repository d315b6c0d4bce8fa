// docker-compose files: each service's `environment` (list of `KEY=value` or a map).
import * as path from 'node:path';
import { entries, get, isMap, items, isScalar, spanOf, str, type YDoc } from './yaml-ast';
import type { YamlContext } from './yaml-context';

const SERVICE_KEYS = ['image', 'build', 'environment', 'env_file', 'ports', 'command', 'depends_on'];

/** True for a compose file: a `services` map whose entries look like containers, or a compose file name. */
export function isCompose(doc: YDoc, filePath: string): boolean {
  const root = doc.contents;
  if (!isMap(root) || get(doc, root, 'kind') || get(doc, root, 'apiVersion')) return false;
  const services = get(doc, root, 'services');
  if (!isMap(services)) return false;
  if (/^(docker-)?compose([.-].*)?\.ya?ml$/i.test(path.basename(filePath))) return true;
  return entries(doc, services).some((s) => SERVICE_KEYS.some((k) => get(doc, s.value, k) !== null));
}

/** Env definitions from every service's `environment`. */
export function readCompose(ctx: YamlContext): void {
  const { doc } = ctx;
  for (const service of entries(doc, get(doc, doc.contents, 'services'))) {
    const env = get(doc, service.value, 'environment');
    if (isMap(env)) {
      for (const e of entries(doc, env)) {
        const k = spanOf(e.keyNode);
        if (!k) continue;
        ctx.facts.envDefinitions.push({ path: ctx.path, name: e.key, value: e.value ? str(doc, e.value) : null, span: { start: k.start, end: spanOf(e.value)?.end ?? k.end } });
      }
      continue;
    }
    for (const item of items(doc, env)) {
      if (!isScalar(item)) continue;
      const s = str(doc, item);
      const span = spanOf(item);
      if (!s || !span) continue;
      const eq = s.indexOf('=');
      const name = (eq >= 0 ? s.slice(0, eq) : s).trim();
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) continue;
      ctx.facts.envDefinitions.push({ path: ctx.path, name, value: eq >= 0 ? s.slice(eq + 1) : null, span });
    }
  }
}
