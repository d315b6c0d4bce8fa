// Where a JavaScript service runs, as far as the files next to it tell: some limits written in the code only apply on
// the platform that reads them.
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import picomatch from 'picomatch';
import { isInside } from './paths';
import type { WorkspaceView } from './workspace-view';

/** Files that say the app is deployed on Vercel. */
const VERCEL_FILES = ['vercel.json'];
/**
 * Files that say the app runs as its own server or on another platform: a container image (`next start` in a
 * Dockerfile), Fly.io, Railway, Render, Cloudflare Workers. None of them reads a route's `maxDuration`.
 */
const SELF_HOSTED_FILES = ['Dockerfile', 'Containerfile', 'fly.toml', 'railway.toml', 'railway.json', 'render.yaml', 'wrangler.toml', 'wrangler.jsonc', 'wrangler.json'];
const NEXT_CONFIGS = ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs'];
/** `output: 'standalone'` in a Next.js config: the build is a Node server to run anywhere but on Vercel. */
const STANDALONE_OUTPUT = /\boutput\s*:\s*['"]standalone['"]/;

const WORKERS_FILES = ['wrangler.toml', 'wrangler.jsonc', 'wrangler.json'];

interface DeploySigns {
  vercel: boolean;
  selfHosted: boolean;
  workers: boolean;
}

const signsByView = new WeakMap<WorkspaceView, Map<string, DeploySigns>>();

/** `start` and each directory above it, up to the workspace root. */
function* dirsUpToRoot(start: string, root: string): Generator<string> {
  for (let dir = start; isInside(dir, root); dir = path.dirname(dir)) {
    yield dir;
    if (dir === root || path.dirname(dir) === dir) return;
  }
}

/** The deployment files in the directory of `file` and every directory above it up to the workspace root. */
function deploySigns(ws: WorkspaceView, file: string): DeploySigns {
  let cache = signsByView.get(ws);
  if (!cache) signsByView.set(ws, (cache = new Map()));
  const start = path.dirname(file);
  const known = cache.get(start);
  if (known) return known;
  const signs: DeploySigns = { vercel: false, selfHosted: false, workers: false };
  for (const dir of dirsUpToRoot(start, ws.root)) {
    const has = (name: string) => ws.readText(path.join(dir, name)) !== undefined;
    if (VERCEL_FILES.some(has)) signs.vercel = true;
    if (SELF_HOSTED_FILES.some(has)) signs.selfHosted = true;
    if (WORKERS_FILES.some(has)) signs.workers = true;
    if (NEXT_CONFIGS.some((name) => STANDALONE_OUTPUT.test(ws.readText(path.join(dir, name)) ?? ''))) signs.selfHosted = true;
  }
  cache.set(start, signs);
  return signs;
}

/**
 * Whether `export const maxDuration = N` in a Next.js route of `file` ends its function. Vercel reads it; a self-hosted
 * `next start` (a Dockerfile, fly.toml, `output: 'standalone'`) and other platforms ignore it, so nothing ends the
 * request at N seconds there. Without either sign the route is taken to be on Vercel, where the setting comes from.
 */
export function routeMaxDurationApplies(ws: WorkspaceView, file: string): boolean {
  const signs = deploySigns(ws, file);
  return signs.vercel || !signs.selfHosted;
}

/** The file belongs to a Supabase Edge Function (`supabase/functions/<name>/…`, `_shared` modules included). */
export function inSupabaseEdgeFunction(file: string): boolean {
  return /(^|[\\/])supabase[\\/]functions[\\/]/.test(file);
}

/** The service runs on Cloudflare Workers (a wrangler config next to it or above), where Node's fetch limits do not apply. */
export function onCloudflareWorkers(ws: WorkspaceView, file: string): boolean {
  return deploySigns(ws, file).workers;
}

const vercelLimitsByView = new WeakMap<WorkspaceView, Map<string, number | null>>();

/**
 * The `maxDuration` the nearest vercel.json gives the function of `file` through its `functions` globs
 * (`"app/api/**\/*.ts": { "maxDuration": 30 }`, relative to the vercel.json's directory); the shortest when several
 * globs match. Null without one.
 */
export function vercelJsonMaxDuration(ws: WorkspaceView, file: string): number | null {
  let cache = vercelLimitsByView.get(ws);
  if (!cache) vercelLimitsByView.set(ws, (cache = new Map()));
  const known = cache.get(file);
  if (known !== undefined) return known;
  let found: number | null = null;
  for (const dir of dirsUpToRoot(path.dirname(file), ws.root)) {
    const text = ws.readText(path.join(dir, 'vercel.json'));
    if (text !== undefined) {
      const functions = (parseJsonc(text) as { functions?: Record<string, { maxDuration?: unknown }> } | undefined)?.functions;
      const rel = path.relative(dir, file).split(path.sep).join('/');
      for (const [glob, config] of Object.entries(functions && typeof functions === 'object' ? functions : {})) {
        const seconds = config && typeof config === 'object' ? config.maxDuration : undefined;
        if (typeof seconds !== 'number' || seconds <= 0 || !picomatch(glob, { dot: true })(rel)) continue;
        found = found === null ? seconds : Math.min(found, seconds);
      }
      break;
    }
  }
  cache.set(file, found);
  return found;
}
