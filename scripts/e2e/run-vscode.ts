// Runs the extension-host suite (test/e2e/vscode/suite) in a real VS Code extension host: code-server on loopback,
// the workbench opened in headless Chromium with the test-mode payload (extensionDevelopmentPath = this repo,
// extensionTestsPath = the bundled suite). The workbench reports the extension host's exit code through
// `codeAutomationExit` and its log through `codeAutomationLog`. Ends with `N passed, N failed`.
// Usage: tsx scripts/e2e/run-vscode.ts   (needs dist/ built: npm run build)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleSuite } from '../../test/e2e/vscode/bundle';
import { prepareWorkspace, tempRunDir } from '../../test/e2e/vscode/workspace';
import { REPO_ROOT, ensureCodeServer, launchChromium, makeRunDirs, sleep, startCodeServer, tail, withCleanup } from './code-server';

const SUITE_TIMEOUT_MS = 5 * 60_000;

interface Results {
  passed: number;
  failed: number;
  skipped: number;
  cases: Array<{ suite: string; test: string; ok: boolean; skipped?: string; error?: string }>;
}

async function main(): Promise<number> {
  const started = Date.now();
  for (const f of ['dist/extension.js', 'dist/server.js', 'dist/cli.js']) {
    if (!fs.existsSync(path.join(REPO_ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
  const codeServer = ensureCodeServer();
  const suite = await bundleSuite();
  const run = tempRunDir('llm-infra-lint-vscode-');
  const dirs = makeRunDirs(run);
  const workspace = path.join(run, 'workspace');
  const probes = prepareWorkspace(workspace);
  if (probes.length) console.log(`probe files added to the workspace copy: ${probes.join(', ')}`);
  const resultsFile = path.join(run, 'results.json');
  const logFile = path.join(REPO_ROOT, '.cache/e2e/vscode-suite.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(logFile, '');

  return withCleanup(async (defer) => {
    defer(() => fs.rmSync(run, { recursive: true, force: true }));
    const server = await startCodeServer(codeServer, dirs, workspace, { LLM_INFRA_LINT_E2E_RESULTS: resultsFile });
    defer(() => server.stop());
    console.log(`code-server up on ${server.url} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const browser = await launchChromium();
    defer(() => browser.close());
    const page = await browser.newPage();

    let exitCode = null as number | null;
    const logLines: string[] = [];
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      exitCode = code;
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      logLines.push(text);
      fs.appendFileSync(logFile, `[${type}] ${text}\n`);
      // The suite's own lines (suite headers, ✓/✗/- per case, the summary) go to stdout.
      for (const line of text.split('\n')) if (/^(# |  [✓✗-] |      |    \w|vscode suite:)/.test(line) && !/^\s+at /.test(line)) console.log(line);
    });
    page.on('pageerror', (e) => fs.appendFileSync(logFile, `[pageerror] ${e.message}\n`));

    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(REPO_ROOT)],
      ['extensionTestsPath', remote(suite)],
    ]);
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 90_000 });

    const deadline = Date.now() + SUITE_TIMEOUT_MS;
    while (exitCode === null && Date.now() < deadline) await sleep(250);
    const elapsed = ((Date.now() - started) / 1000).toFixed(1);

    let results: Results | null = null;
    try {
      results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Results;
    } catch {
      // Fall back to the summary line in the log.
      console.log('no results file from the extension host: reading the summary line of its log');
      const m = /vscode suite: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(logLines.join('\n'));
      if (m) results = { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3]), cases: [] };
    }
    if (exitCode === null) {
      console.log(`the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s; log: ${logFile}\ncode-server log tail:\n${tail(server.log)}`);
      await page.screenshot({ path: path.join(REPO_ROOT, '.cache/screenshots/vscode-suite-timeout.png') }).catch(() => undefined);
    }
    const passed = results?.passed ?? 0;
    let failed = results?.failed ?? 0;
    // An exit code other than 0 with no failed case (a crash, a timeout, a rejected run()) is one failure.
    if ((exitCode ?? 1) !== 0 && failed === 0) failed = 1;
    if (exitCode === 0 && !results) {
      console.log('the extension host exited 0 but no results were reported');
      failed += 1;
    }
    console.log(`extension host exit code ${exitCode ?? 'none (timeout)'}; ${elapsed} s; log: ${path.relative(REPO_ROOT, logFile)}`);
    if (results?.skipped) console.log(`${results.skipped} skipped`);
    console.log(`${passed} passed, ${failed} failed`);
    return failed > 0 ? 1 : 0;
  });
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.stack : e);
      console.log('0 passed, 1 failed');
      process.exit(1);
    },
  );
}
