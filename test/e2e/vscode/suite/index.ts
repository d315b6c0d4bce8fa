// Entry point of the extension-host suite, as VS Code's test runners expect: `extensionTestsPath` points at the bundle
// of this file (dist-test/vscode/suite/index.js) and the extension host calls `run()`; a rejection means failure.
// Works under code-server (scripts/e2e/run-vscode.ts) and @vscode/test-electron (test/e2e/vscode/run-electron.ts).
import { runSuites, writeResults } from './harness';
import './extension.test';

export async function run(): Promise<void> {
  const started = Date.now();
  const lines: string[] = [];
  const results = await runSuites((line) => {
    lines.push(line);
    console.log(line);
  });
  writeResults(results);
  const summary = `vscode suite: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  console.log(summary);
  if (results.failed > 0) throw new Error(`${summary}\n${lines.filter((l) => l.includes('✗')).join('\n')}`);
}
