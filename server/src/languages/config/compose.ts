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

/**
 * Where a service reads files of the workspace from: its bind-mount sources (`./config.yaml:/app/config.yaml`, or
 * `type: bind` with a `source`), and its build context when that is a directory below the compose file's (a context of
 * `.` or `../..` takes in the whole project, which says nothing about what the service loads). Absolute paths.
 */
function serviceLoads(doc: YDoc, service: unknown, composePath: string): string[] {
  const dir = path.dirname(composePath);
  const local = (p: string | null) => (p && /^(\.{1,2}|\/)/.test(p) && !p.includes('$') ? path.resolve(dir, p) : null);
  const out: string[] = [];
  for (const v of items(doc, get(doc, service, 'volumes'))) {
    const source = isMap(v) ? (str(doc, get(doc, v, 'type')) === 'bind' ? str(doc, get(doc, v, 'source')) : null) : (str(doc, v)?.split(':')[0] ?? null);
    const p = local(source);
    if (p) out.push(p);
  }
  const build = get(doc, service, 'build');
  const context = local(isMap(build) ? str(doc, get(doc, build, 'context')) : str(doc, build));
  if (context && context.startsWith(dir + path.sep)) out.push(context);
  return out;
}

/** Env definitions from every service's `environment`, each with the files its service loads. */
export function readCompose(ctx: YamlContext): void {
  const { doc } = ctx;
  for (const service of entries(doc, get(doc, doc.contents, 'services'))) {
    const env = get(doc, service.value, 'environment');
    const loads = serviceLoads(doc, service.value, ctx.path);
    if (isMap(env)) {
      for (const e of entries(doc, env)) {
        const k = spanOf(e.keyNode);
        if (!k) continue;
        ctx.facts.envDefinitions.push({ path: ctx.path, name: e.key, value: e.value ? str(doc, e.value) : null, span: { start: k.start, end: spanOf(e.value)?.end ?? k.end }, loads });
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
      ctx.facts.envDefinitions.push({ path: ctx.path, name, value: eq >= 0 ? s.slice(eq + 1) : null, span, loads });
    }
  }
}
