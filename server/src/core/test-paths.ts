// Test, mock and fixture files: their LLM calls run against stubs (`nock('https://api.openai.com')`, a patched
// client, `respx`), so they are not production traffic. Keys committed in them are still keys.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileFacts, LanguageId } from './types';

const TEST_FILE: Record<'js' | 'python', RegExp> = {
  js: /\.(test|spec|stories|e2e)\.[cm]?[jt]sx?$/,
  python: /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/,
};
const TEST_DIR: Record<'js' | 'python', RegExp> = {
  js: /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|spec|e2e|mocks?|fixtures|stories)\//,
  python: /(^|\/)(tests?|mocks?|fixtures)\//,
};
/** Files that mark the top of a package or project. */
const PROJECT_MARKERS: Record<'js' | 'python', string[]> = {
  js: ['package.json', '.git'],
  python: ['pyproject.toml', 'setup.py', 'setup.cfg', '.git'],
};

const markerDirs = new Map<string, boolean>();

/**
 * The directory a file's path is judged from: the nearest project folder below the workspace root (a repository
 * checked out under some `tests/` folder is still production code), else the workspace root.
 */
function projectBase(file: string, root: string, markers: string[], known: (p: string) => boolean): string {
  let dir = path.dirname(file);
  const inside = !!root && !path.relative(root, file).startsWith('..');
  for (let i = 0; i < 40; i++) {
    if (inside && dir === root) return root;
    const key = `${dir}\0${markers.join(',')}`;
    let onDisk = markerDirs.get(key);
    if (onDisk === undefined) {
      onDisk = markers.some((m) => fs.existsSync(path.join(dir, m)));
      markerDirs.set(key, onDisk);
    }
    if (onDisk || markers.some((m) => known(path.join(dir, m)))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return root || path.dirname(file);
}

/** Whether a path (relative to its project) names a test, mock, fixture or story file of the language. */
export function isTestPath(rel: string, language: LanguageId): boolean {
  const kind = language === 'python' ? 'python' : 'js';
  const p = rel.split(path.sep).join('/');
  return TEST_FILE[kind].test(p) || TEST_DIR[kind].test(p.replace(/^(\.\.\/)+/, ''));
}

/**
 * Whether a file in a workspace is a test file of its language, judged from its project's folder. `known` says
 * whether the workspace holds a file that may not be on disk yet (an unsaved buffer).
 */
export function isTestFile(file: string, root: string, language: LanguageId, known: (p: string) => boolean = () => false): boolean {
  const kind = language === 'python' ? 'python' : 'js';
  return isTestPath(path.relative(projectBase(file, root, PROJECT_MARKERS[kind], known), file), language);
}

/** `.env.test`, `.env.testing.local`, `test.env`: variables loaded by a test runner, not by the served process. */
const TEST_ENV_FILE = /^(\.env\.test(ing)?(\.[\w-]+)?|test(ing)?\.env)$/;

/**
 * Whether an env file (or a Dockerfile's ENV lines) belongs to the tests: named for them (`.env.test`) or kept in a
 * test, mock or fixture folder of the workspace.
 */
export function isTestEnvFile(file: string, root: string): boolean {
  if (TEST_ENV_FILE.test(path.basename(file))) return true;
  const rel = root ? path.relative(root, file).split(path.sep).join('/') : '';
  return !rel.startsWith('..') && TEST_DIR.js.test(rel);
}

/** Drops what a test file says about traffic (calls, clients, endpoints, loads); its keys and attributes stay. */
export function withoutTraffic(facts: FileFacts): void {
  facts.callSites = [];
  facts.clients = [];
  facts.endpoints = [];
  facts.promptLoads = [];
  facts.historyFetches = [];
  facts.mcpCalls = [];
  facts.agentLoops = [];
}
