// Runs the editor-level test layers one after another and ends with one line `N passed, N failed` for all of them:
//   lsp-stress  test/e2e/lsp-stress.test.ts (bad input over stdio: edit storms, closes mid-analysis, no LLM code, 5,000 files)
//   nvim        test/e2e/nvim/test.lua in headless Neovim
//   vscode      the extension-host suite in code-server + headless Chromium
//   ui          the UI smoke test of the packaged .vsix
// Usage: tsx scripts/e2e/run-all.ts [layer…]   (needs dist/ built; installs code-server into .cache/ when missing)
// Each layer runs in its own process group with a time limit; the group is killed afterwards whatever happened.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');
const TSX = ['--import', 'tsx'];

interface Layer {
  name: string;
  args: string[];
  timeoutMs: number;
  /** How to count: the runner's own closing line, or node's test runner TAP summary. */
  count: 'line' | 'tap';
}

const TAP_FILE = path.join(REPO_ROOT, '.cache/e2e/lsp-stress.tap');

const LAYERS: Layer[] = [
  {
    name: 'lsp-stress',
    args: [...TSX, '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${TAP_FILE}`, 'test/e2e/lsp-stress.test.ts'],
    timeoutMs: 4 * 60_000,
    count: 'tap',
  },
  { name: 'nvim', args: [...TSX, 'scripts/e2e/run-nvim.ts'], timeoutMs: 2 * 60_000, count: 'line' },
  { name: 'vscode', args: [...TSX, 'scripts/e2e/run-vscode.ts'], timeoutMs: 7 * 60_000, count: 'line' },
  { name: 'ui', args: [...TSX, 'scripts/e2e/ui-smoke.ts'], timeoutMs: 5 * 60_000, count: 'line' },
];

const SUMMARY = /^(\d+) passed, (\d+) failed\s*$/;

/** Every process a layer starts carries this in its environment, even those in process groups of their own
 *  (code-server, Chromium, Neovim): after the layer, whatever still carries it is stopped. */
const RUN_MARKER = `LLM_INFRA_LINT_E2E_RUN=${process.pid}-${Date.now()}`;

/** Stops the processes left over from a layer (found by RUN_MARKER in /proc/PID/environ); returns how many. */
function stopLeftovers(): number {
  let stopped = 0;
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    try {
      const environ = fs.readFileSync(`/proc/${pid}/environ`, 'latin1');
      if (!environ.split('\0').includes(RUN_MARKER)) continue;
      process.kill(Number(pid), 'SIGKILL');
      stopped++;
    } catch {
      // gone, or not ours to read
    }
  }
  return stopped;
}

function runLayer(layer: Layer): Promise<{ passed: number; failed: number; seconds: number; note?: string }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const [key, value] = RUN_MARKER.split('=');
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', [key]: value };
    const child = spawn(process.execPath, layer.args, { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let last: { passed: number; failed: number } | null = null;
    let buffered = '';
    const onLine = (line: string) => {
      const m = SUMMARY.exec(line);
      if (m) {
        last = { passed: Number(m[1]), failed: Number(m[2]) };
        console.log(`  (${layer.name}) ${line}`);
      } else console.log(line);
    };
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const l of lines) onLine(l);
    });
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    const killGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.log(`${layer.name}: no result within ${layer.timeoutMs / 1000} s, stopping it`);
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // gone
      }
      setTimeout(killGroup, 5000).unref();
    }, layer.timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (buffered) onLine(buffered);
      // Whatever the layer left behind, in its group or in groups of their own (a server, a browser), goes too.
      killGroup();
      const leftovers = stopLeftovers();
      if (leftovers) console.log(`${layer.name}: stopped ${leftovers} process(es) it left running`);
      const seconds = (Date.now() - started) / 1000;
      let passed = 0;
      let failed = 0;
      if (layer.count === 'tap') {
        try {
          const tap = fs.readFileSync(TAP_FILE, 'utf8');
          passed = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
          failed = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0) + Number(/^# cancelled (\d+)/m.exec(tap)?.[1] ?? 0);
        } catch {
          failed = 1;
        }
      } else if (last) {
        ({ passed, failed } = last);
      }
      let note: string | undefined;
      if ((code !== 0 || timedOut) && failed === 0) {
        failed = 1;
        note = timedOut ? 'timed out' : `exit code ${code} with no failed test counted`;
      }
      if (passed === 0 && failed === 0) {
        failed = 1;
        note = 'ran no test';
      }
      resolve({ passed, failed, seconds, note });
    });
  });
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const layers = LAYERS.filter((l) => wanted.length === 0 || wanted.includes(l.name));
  if (!layers.length) throw new Error(`unknown layer(s) ${wanted.join(', ')}; known: ${LAYERS.map((l) => l.name).join(', ')}`);
  fs.mkdirSync(path.dirname(TAP_FILE), { recursive: true });
  const rows: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const layer of layers) {
    console.log(`\n=== e2e layer: ${layer.name}`);
    const r = await runLayer(layer);
    passed += r.passed;
    failed += r.failed;
    rows.push(`  ${layer.name.padEnd(11)} ${String(r.passed).padStart(3)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1).padStart(6)} s${r.note ? `  (${r.note})` : ''}`);
  }
  console.log(`\ne2e layers:\n${rows.join('\n')}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
