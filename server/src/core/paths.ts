import * as path from 'node:path';

/** `p` is `dir` itself or lies below it (not `..`-relative, not on another drive). */
export function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}
