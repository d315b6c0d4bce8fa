// Imports of the workspace's own packages (`import { llm } from '@acme/ai'` in a monorepo app), resolved to the
// package's source files: the linter reads sources, so an entry that points at build output is mapped back to `src/`.
import * as path from 'node:path';
import type { ProjectFiles } from '../../core/front-end';

/** Condition keys of `exports`, most source-like first. */
const CONDITIONS = ['source', 'development', 'types', 'typings', 'import', 'module', 'node', 'default', 'require'];
const ENTRY_FIELDS = ['source', 'types', 'typings', 'module', 'main'];
const BUILD_DIR = /^(?:\.\/)?(?:dist|build|lib|out|esm|cjs)\//;

export class WorkspacePackages {
  private byName: Map<string, { dir: string; manifest: Record<string, unknown> }> | null = null;
  private builtFor: number | undefined;

  constructor(private readonly project: ProjectFiles) {}

  /**
   * Paths, without or with an extension, where the module a bare specifier names may live, or [] when no workspace
   * package has that name.
   */
  candidates(specifier: string): string[] {
    const parts = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    if (parts.length < nameLength || parts.slice(0, nameLength).some((p) => !p)) return [];
    const pkg = this.packages().get(parts.slice(0, nameLength).join('/'));
    if (!pkg) return [];
    const sub = parts.slice(nameLength).join('/');
    const targets = exportTargets(pkg.manifest, sub ? `./${sub}` : '.');
    if (!sub) for (const field of ENTRY_FIELDS) if (typeof pkg.manifest[field] === 'string') targets.push(pkg.manifest[field] as string);
    const out: string[] = [];
    for (const t of targets) {
      out.push(path.join(pkg.dir, t));
      if (BUILD_DIR.test(t)) out.push(path.join(pkg.dir, 'src', withoutScriptExtension(t.replace(BUILD_DIR, ''))));
    }
    out.push(...(sub ? [path.join(pkg.dir, 'src', sub), path.join(pkg.dir, sub)] : [path.join(pkg.dir, 'src', 'index'), path.join(pkg.dir, 'index')]));
    return out;
  }

  private packages(): Map<string, { dir: string; manifest: Record<string, unknown> }> {
    const fileSet = this.project.fileSetVersion?.();
    if (this.byName && fileSet !== undefined && fileSet === this.builtFor) return this.byName;
    const byName = new Map<string, { dir: string; manifest: Record<string, unknown> }>();
    for (const p of this.project.paths()) {
      if (path.basename(p) !== 'package.json') continue;
      try {
        const manifest = JSON.parse(this.project.text(p) ?? '') as unknown;
        if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) continue;
        const name = (manifest as Record<string, unknown>).name;
        if (typeof name === 'string' && name && !byName.has(name)) byName.set(name, { dir: path.dirname(p), manifest: manifest as Record<string, unknown> });
      } catch {
        // A half-written package.json names no package yet.
      }
    }
    this.byName = byName;
    this.builtFor = fileSet;
    return byName;
  }
}

/** The files `exports` maps a subpath (`.` or `./x`) to, most source-like first; `*` patterns are expanded. */
function exportTargets(manifest: Record<string, unknown>, subpath: string): string[] {
  const exp = manifest.exports;
  if (exp === undefined || exp === null) return [];
  if (typeof exp === 'string' || Array.isArray(exp)) return subpath === '.' ? leaves(exp) : [];
  if (typeof exp !== 'object') return [];
  const map = exp as Record<string, unknown>;
  // An object without subpath keys is the conditions of `.`.
  if (!Object.keys(map).some((k) => k.startsWith('.'))) return subpath === '.' ? leaves(map) : [];
  if (subpath in map) return leaves(map[subpath]);
  for (const [key, value] of Object.entries(map)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const head = key.slice(0, star);
    const tail = key.slice(star + 1);
    if (subpath.startsWith(head) && subpath.endsWith(tail) && subpath.length >= head.length + tail.length) {
      const match = subpath.slice(head.length, subpath.length - tail.length);
      return leaves(value).map((t) => t.split('*').join(match));
    }
  }
  return [];
}

function leaves(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(leaves);
  if (!v || typeof v !== 'object') return [];
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort((a, b) => rank(a) - rank(b));
  return keys.flatMap((k) => leaves(o[k]));
}

function rank(condition: string): number {
  const i = CONDITIONS.indexOf(condition);
  return i < 0 ? CONDITIONS.length : i;
}

function withoutScriptExtension(p: string): string {
  return p.replace(/\.d\.[cm]?ts$/, '').replace(/\.[cm]?[jt]sx?$/, '');
}
