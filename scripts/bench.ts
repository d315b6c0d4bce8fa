// npm run bench: keystroke → diagnostics latency over real LSP, server start to first diagnostics,
// full-scan throughput on a generated tree, and server memory. Prints a table and writes .bench/results.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { denseTypeScript, densePython, generateTree, typicalTypeScript } from './bench-inputs';
import { pullCapabilities, TestClient } from '../test/lsp/fixtures/lsp-client';
import { SERVER_ENV, SERVER_NODE_ARGS } from '../server/src/protocol/protocol';

const OUT = path.resolve('.bench');

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return NaN;
  }
}

async function keystrokes(
  file: string,
  text: string,
  edits: number,
  workspace: Record<string, string> = {},
): Promise<{ startToFirst: number; p50: number; p95: number; rss: number; peakRss: number }> {
  const root = path.join(OUT, `ws-${Object.keys(workspace).length ? 'many' : path.extname(file).slice(1)}`);
  fs.rmSync(root, { recursive: true, force: true });
  for (const [rel, content] of Object.entries({ ...workspace, [file]: text })) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  const t0 = performance.now();
  // The server runs with the flags the extension starts it with. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/p" profiles the server (written when it exits cleanly).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const c = await TestClient.start({ capabilities: pullCapabilities, root, command: [process.execPath, ...SERVER_NODE_ARGS, ...nodeArgs, path.resolve('dist/server.js'), '--stdio'] });
  try {
    const uri = await c.open(file, text);
    // With a workspace around the file, measure once the server has read it (as after opening a project).
    if (Object.keys(workspace).length) await c.waitFor('the workspace scan', () => c.messages.some((m) => m.method === 'llm-infra-lint/status' && (m.params as { state?: string }).state === 'ready'), 60_000);
    const first = await c.pull(uri);
    const startToFirst = performance.now() - t0;
    if (first.length === 0) throw new Error(`no diagnostics on the ${file} benchmark file`);
    const times: number[] = [];
    const rssSamples: number[] = [];
    const at = text.indexOf('Answer in');
    for (let k = 0; k < edits; k++) {
      // Type and delete a character inside a prompt string: the common editing case.
      const s = performance.now();
      if (k % 2 === 0) await c.edit(uri, at, 0, 'x');
      else await c.edit(uri, at, 1, '');
      await c.pull(uri);
      times.push(performance.now() - s);
      if (k % 10 === 0) rssSamples.push(rssMb(c.proc.pid!));
    }
    // Resident memory moves with each collection: report the peak seen while editing and the level after a pause.
    const peakRss = Math.max(...rssSamples);
    await new Promise((r) => setTimeout(r, 3000));
    const rss = rssMb(c.proc.pid!);
    await c.stop();
    return { startToFirst, p50: percentile(times, 50), p95: percentile(times, 95), rss, peakRss };
  } finally {
    c.kill();
  }
}

/** Full scan and lint of `dir` by the bundled engine, in a process of its own (module loading is not timed). */
async function scan(dir: string, bytes: number): Promise<{ mbPerSec: number; seconds: number; files: number }> {
  const entry = path.join(OUT, 'scan.js');
  await build({
    entryPoints: [path.resolve('scripts/bench-scan-entry.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, [entry, dir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the scan failed:\n${run.stderr}`);
  const { seconds, files } = JSON.parse(run.stdout) as { seconds: number; files: number };
  return { mbPerSec: bytes / 1048576 / seconds, seconds, files };
}

/** `npm run bench -- --only typescript,python` runs a subset: typescript, typical, python, workspace, scan. */
function selected(): Set<string> {
  const arg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? process.argv[process.argv.indexOf('--only') + 1];
  const all = ['typescript', 'typical', 'python', 'workspace', 'scan'];
  return new Set(process.argv.some((a) => a.startsWith('--only')) && arg ? arg.split(',') : all);
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  // The servers started here keep their code cache apart from the user's. The first run writes it (a few seconds
  // after loading the compiler); later starts read it, as every start of the extension after its first does.
  process.env.LLM_INFRA_LINT_CACHE_DIR ??= path.join(OUT, 'code-cache');
  // The environment the extension starts the server with (set a variable to override it).
  for (const [name, value] of Object.entries(SERVER_ENV)) process.env[name] ??= value;
  const only = selected();
  const row = (name: string, value: string, target: string) => console.log(`${name.padEnd(44)} ${value.padStart(12)}   target ${target}`);
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    targets: { keystrokeP50Ms: 15, keystrokeP95Ms: 25, pythonKeystrokeP50Ms: 12, startToFirstMs: 1500, scanMbPerSec: 20, rssMb: 150 },
  };
  const keystrokeRows = async (key: string, label: string, file: string, text: string, pattern: RegExp, p50Target: number) => {
    const r = await keystrokes(file, text, 200);
    const lines = text.split('\n').length;
    const callSites = (text.match(pattern) ?? []).length;
    results[key] = { lines, callSites, ...r };
    row(`${label} p50, ${lines} lines, ${callSites} LLM calls`, `${r.p50.toFixed(1)} ms`, `≤ ${p50Target} ms`);
    row(`${label} p95, ${lines} lines, ${callSites} LLM calls`, `${r.p95.toFixed(1)} ms`, '≤ 25 ms');
    row(`${label}: server start → first diagnostics`, `${r.startToFirst.toFixed(0)} ms`, '≤ 1500 ms');
    row(`${label}: server RSS, peak while editing`, `${r.peakRss.toFixed(0)} MB`, '≤ 150 MB');
    row(`${label}: server RSS, 3 s after the last edit`, `${r.rss.toFixed(0)} MB`, '≤ 150 MB');
  };
  if (only.has('typescript')) await keystrokeRows('typescript2000', 'keystroke', 'service.ts', denseTypeScript(2000), /\.create\(|generateText\(/g, 15);
  if (only.has('typical')) await keystrokeRows('typescriptTypical2000', 'keystroke', 'typical.ts', typicalTypeScript(2000), /\.create\(|generateText\(/g, 15);
  if (only.has('python')) await keystrokeRows('python3000', 'Python keystroke', 'service.py', densePython(3000), /\.create\(/g, 12);
  if (only.has('workspace')) {
    // A small route file in a 400-module app whose modules import each other through `@/` aliases.
    const modules: Record<string, string> = {};
    for (let i = 0; i < 400; i++) {
      const imports = Array.from({ length: 8 }, (_, k) => `import { ask${(i + k + 1) % 400} } from '@/lib/mod${(i + k + 1) % 400}';`).join('\n');
      modules[`src/lib/mod${i}.ts`] = `import OpenAI from 'openai';\n${imports}\nconst client = new OpenAI({ timeout: 30_000 });\nexport const ask${i} = (q: string) => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });\n`;
    }
    const route = denseTypeScript(60);
    const r = await keystrokes('src/app/api/chat/route.ts', route, 200, modules);
    results.workspace400 = { files: 401, lines: route.split('\n').length, ...r };
    row(`keystroke p50, ${route.split('\n').length}-line file in a 401-file workspace`, `${r.p50.toFixed(1)} ms`, '≤ 15 ms');
    row(`keystroke p95, ${route.split('\n').length}-line file in a 401-file workspace`, `${r.p95.toFixed(1)} ms`, '≤ 25 ms');
  }
  if (only.has('scan')) {
    const treeDir = path.join(OUT, 'tree');
    const treeBytes = generateTree(treeDir, 3000);
    const scanResult = await scan(treeDir, treeBytes);
    results.scan = { ...scanResult, megabytes: treeBytes / 1048576 };
    row(`full scan (${scanResult.files} TS+Python files, ${(treeBytes / 1048576).toFixed(1)} MB)`, `${scanResult.mbPerSec.toFixed(1)} MB/s`, '≥ 20 MB/s');
  }
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
