// code-server (VS Code served to a browser) and headless Chromium, as the editor tests use them (see E2E.md):
// isolated user data, extensions and XDG config per run, loopback only, the whole process group stopped afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CACHE = path.join(REPO_ROOT, '.cache');

/** Installs code-server into .cache/code-server (a no-op when present); returns its package directory. */
export function ensureCodeServer(): string {
  const r = spawnSync('bash', [path.join(__dirname, 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`installing code-server failed (exit ${r.status})`);
  const dir = r.stdout.trim().split('\n').pop()!;
  if (!fs.existsSync(path.join(dir, 'out/node/entry.js'))) throw new Error(`code-server not found in ${dir}`);
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** User settings for a quiet, deterministic workbench. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'typescript.validate.enable': false,
  'typescript.suggest.enabled': false,
  'javascript.validate.enable': false,
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
};

export interface RunDirs {
  run: string;
  userData: string;
  extensions: string;
  xdg: string;
}

/** Creates the per-run folders and the user settings. */
export function makeRunDirs(run: string): RunDirs {
  const dirs = { run, userData: path.join(run, 'user-data'), extensions: path.join(run, 'exts'), xdg: path.join(run, 'xdg') };
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.mkdirSync(dirs.extensions, { recursive: true });
  fs.mkdirSync(dirs.xdg, { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return dirs;
}

function baseArgs(dirs: RunDirs): string[] {
  return ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--disable-telemetry', '--disable-update-check'];
}

function env(dirs: RunDirs, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // No proxy: the workbench and the extension host talk to 127.0.0.1 only.
  const e: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: dirs.xdg, ...extra };
  for (const k of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete e[k];
  // The tests' own node (tsx loader flags) must not leak into code-server.
  delete e.NODE_OPTIONS;
  return e;
}

/** `code-server --install-extension x.vsix` into the run's extensions folder. */
export function installExtension(codeServer: string, dirs: RunDirs, vsix: string): void {
  const r = spawnSync(process.execPath, [path.join(codeServer, 'out/node/entry.js'), ...baseArgs(dirs), '--install-extension', vsix], {
    env: env(dirs),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`--install-extension failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}

export interface RunningServer {
  port: number;
  url: string;
  proc: ChildProcess;
  log: string;
  stop(): Promise<void>;
}

/** Starts code-server on 127.0.0.1 in its own process group, waits for /healthz. */
export async function startCodeServer(codeServer: string, dirs: RunDirs, workspace: string, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const log = path.join(dirs.run, 'code-server.log');
  const out = fs.openSync(log, 'a');
  const proc = spawn(
    process.execPath,
    [
      path.join(codeServer, 'out/node/entry.js'),
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      ...baseArgs(dirs),
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      workspace,
    ],
    { env: env(dirs, extraEnv), detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  let exited = false;
  proc.on('exit', () => (exited = true));
  const stop = async (): Promise<void> => {
    if (proc.pid === undefined) return;
    const kill = (sig: NodeJS.Signals) => {
      try {
        process.kill(-proc.pid!, sig);
      } catch {
        // already gone
      }
    };
    kill('SIGTERM');
    for (let i = 0; i < 30 && groupAlive(proc.pid); i++) await sleep(100);
    kill('SIGKILL');
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited during start-up; see ${log}:\n${tail(log)}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 60 s; see ${log}:\n${tail(log)}`);
    }
    await sleep(250);
  }
  return { port, url, proc, log, stop };
}

/** Whether any process of the group still exists. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export function tail(file: string, chars = 3000): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.slice(-chars);
  } catch {
    return '';
  }
}

/** Headless Chromium from Debian, with the flags E2E.md lists. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
}

/** Runs `fn`, then always runs every cleanup (in reverse order), even after a signal. */
export async function withCleanup<T>(fn: (defer: (c: () => unknown) => void) => Promise<T>): Promise<T> {
  const cleanups: Array<() => unknown> = [];
  const runCleanups = async () => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c();
      } catch {
        // keep cleaning
      }
    }
  };
  const onSignal = (sig: NodeJS.Signals) => {
    void runCleanups().then(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn((c) => cleanups.push(c));
  } finally {
    await runCleanups();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
