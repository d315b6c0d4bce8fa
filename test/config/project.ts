import * as path from 'node:path';
import type { ProjectFiles } from '../../server/src/core/front-end';

/** In-memory project files under a fake root. */
export function project(root: string, files: Record<string, string>): ProjectFiles {
  const abs = new Map(Object.entries(files).map(([rel, text]) => [path.join(root, rel), text]));
  return {
    root,
    text: (p) => abs.get(p),
    version: (p) => (abs.has(p) ? 1 : undefined),
    has: (p) => abs.has(p),
    paths: () => abs.keys(),
  };
}
