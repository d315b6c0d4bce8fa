// The workspace modules a source file imports, found by text: relative JavaScript/TypeScript specifiers
// (`require('../middleware/setHeaders')`, `from './sse.js'`) and Python imports (`from .sse import HEADERS`,
// `from app.utils.sse import HEADERS`, `import app.utils.sse`). Package imports and path aliases (`~/server/…`)
// are not resolved.
import * as path from 'node:path';

const JS_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

const JS_RELATIVE_SPECIFIER = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"\n]*)['"]/g;

const PY_FROM_IMPORT = /^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+\(?([^\n#)]*)/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*)/gm;

/** Paths of the files in `known` that `filePath` (holding `text`) imports. */
export function importedWorkspaceModules(filePath: string, text: string, known: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  const add = (candidates: string[]) => {
    const hit = candidates.find((c) => known.has(c));
    if (hit && hit !== filePath) out.add(hit);
  };
  const dir = path.dirname(filePath);
  if (filePath.endsWith('.py')) {
    for (const m of text.matchAll(PY_FROM_IMPORT)) {
      const level = m[1].length;
      const base = level > 0 ? path.resolve(dir, ...Array<string>(level - 1).fill('..')) : null;
      const names = m[3].split(',').map((n) => n.trim().split(/\s+/)[0]).filter((n) => /^\w+$/.test(n));
      for (const dotted of [m[2], ...names.map((n) => (m[2] ? `${m[2]}.${n}` : n))]) {
        if (dotted) add(pythonCandidates(dotted, base, known));
      }
    }
    for (const m of text.matchAll(PY_IMPORT)) {
      for (const dotted of m[1].split(',').map((s) => s.trim())) add(pythonCandidates(dotted, null, known));
    }
  } else {
    for (const m of text.matchAll(JS_RELATIVE_SPECIFIER)) {
      const target = path.resolve(dir, m[1]);
      const stem = target.replace(/\.[cm]?js$/, '');
      add([target, ...JS_EXTENSIONS.map((e) => stem + e), ...JS_EXTENSIONS.map((e) => path.join(target, `index${e}`))]);
    }
  }
  return [...out];
}

/**
 * Files a dotted Python module may be: below `base` for a relative import, else any workspace file whose path ends
 * with the module's path (the package root is not known).
 */
function pythonCandidates(dotted: string, base: string | null, known: ReadonlySet<string>): string[] {
  const rel = dotted.split('.').filter(Boolean).join(path.sep);
  if (!rel) return [];
  const tails = [`${rel}.py`, path.join(rel, '__init__.py')];
  if (base) return tails.map((t) => path.join(base, t));
  const out: string[] = [];
  for (const f of known) {
    if (tails.some((t) => f === t || f.endsWith(path.sep + t))) out.push(f);
  }
  return out;
}
