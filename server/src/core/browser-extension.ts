import * as path from 'node:path';
import type { WorkspaceView } from './workspace-view';

/** Where extension projects keep their manifest, relative to a directory on the way up from a file. */
const MANIFEST_PLACES = ['manifest.json', 'public/manifest.json', 'src/manifest.json'];

const cache = new WeakMap<WorkspaceView, Map<string, boolean>>();

/**
 * Whether a script belongs to a browser extension: a WebExtension `manifest.json` (one with `manifest_version`) sits in
 * its directory or one above it, up to the directory of its nearest package.json (else the workspace root), or in that
 * directory's `public/` or `src/`, where bundlers (Vite, CRXJS, webpack's copy plugin) keep it. The extension's service
 * worker, content scripts and popup run in the browser, which has no `process`; the code that reads the key from
 * `chrome.storage` is often another module than the one calling the provider.
 */
export function inBrowserExtension(filePath: string, workspace: WorkspaceView): boolean {
  let known = cache.get(workspace);
  if (!known) cache.set(workspace, (known = new Map()));
  const root = path.resolve(workspace.root);
  const visited: string[] = [];
  let found = false;
  for (let dir = path.dirname(path.resolve(filePath)); ; dir = path.dirname(dir)) {
    const answer = known.get(dir);
    if (answer !== undefined) {
      found = answer;
      break;
    }
    visited.push(dir);
    if (MANIFEST_PLACES.some((p) => isExtensionManifest(workspace.readText(path.join(dir, p))))) {
      found = true;
      break;
    }
    const parent = path.dirname(dir);
    if (dir === root || parent === dir || !isInside(parent, root) || workspace.readText(path.join(dir, 'package.json')) !== undefined) break;
  }
  for (const dir of visited) known.set(dir, found);
  return found;
}

function isExtensionManifest(text: string | undefined): boolean {
  return !!text && /"manifest_version"\s*:\s*[23]\b/.test(text);
}

function isInside(dir: string, root: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
