// Runs test/e2e/nvim/test.lua in headless Neovim against dist/server.js, on a temp copy of examples/.
// Counts its `ok` / `not ok` lines and ends with `N passed, N failed`. Usage: tsx scripts/e2e/run-nvim.ts
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prepareWorkspace, tempRunDir } from '../../test/e2e/vscode/workspace';
import { REPO_ROOT } from './code-server';

const TIMEOUT_MS = 120_000;

async function main(): Promise<number> {
  const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) throw new Error('nvim is not installed (apt-get install -y neovim)');
  console.log(version.stdout.split('\n')[0]);
  const server = path.join(REPO_ROOT, 'dist/server.js');
  if (!fs.existsSync(server)) throw new Error(`${server} is missing: run npm run build first`);
  const run = tempRunDir('llm-infra-lint-nvim-');
  const workspace = path.join(run, 'workspace');
  prepareWorkspace(workspace);
  const started = Date.now();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LLM_INFRA_LINT_SERVER: server,
    LLM_INFRA_LINT_WORKSPACE: workspace,
    LLM_INFRA_LINT_NODE: process.execPath,
    XDG_STATE_HOME: path.join(run, 'state'),
    XDG_DATA_HOME: path.join(run, 'data'),
    XDG_CACHE_HOME: path.join(run, 'cache'),
  };
  delete env.NODE_OPTIONS;
  // Its own process group, so the server it starts goes with it whatever happens.
  const child = spawn('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${path.join(REPO_ROOT, 'test/e2e/nvim/test.lua')}`], {
    cwd: workspace,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    process.stdout.write(d);
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString();
    process.stderr.write(d);
  });
  const killGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // gone
    }
  };
  const timer = setTimeout(() => {
    console.log(`nvim did not finish within ${TIMEOUT_MS / 1000} s`);
    killGroup('SIGKILL');
  }, TIMEOUT_MS);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  clearTimeout(timer);
  killGroup('SIGKILL');
  fs.rmSync(run, { recursive: true, force: true });
  const passed = (out.match(/^ok - /gm) ?? []).length;
  let failed = (out.match(/^not ok - /gm) ?? []).length;
  if (code !== 0 && failed === 0) failed = 1;
  if (passed === 0 && failed === 0) failed = 1;
  console.log(`nvim exit code ${code}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
