// Runs the extension-host suite in desktop VS Code through @vscode/test-electron, for CI systems that can download
// VS Code (this project's machines cannot: they use scripts/e2e/run-vscode.ts with code-server instead).
// Usage: npm run build && npx tsx test/e2e/vscode/run-electron.ts   (VSCODE_VERSION=1.100.3 to pin; default: stable)
// On a headless Linux machine run it under xvfb-run. Ends with `N passed, N failed`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleSuite } from './bundle';
import { REPO_ROOT, prepareWorkspace, tempRunDir } from './workspace';

async function main(): Promise<number> {
  const suite = await bundleSuite();
  const run = tempRunDir('llm-infra-lint-electron-');
  const workspace = path.join(run, 'workspace');
  prepareWorkspace(workspace);
  const resultsFile = path.join(run, 'results.json');
  let exitCode = 1;
  try {
    exitCode = await runTests({
      version: process.env.VSCODE_VERSION,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: suite,
      extensionTestsEnv: { LLM_INFRA_LINT_E2E_RESULTS: resultsFile },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(run, 'user-data'),
      ],
    });
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
  }
  let passed = 0;
  let failed = 0;
  try {
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { passed: number; failed: number };
    passed = results.passed;
    failed = results.failed;
  } catch {
    // no results: the host crashed or never ran the suite
  }
  if (exitCode !== 0 && failed === 0) failed = 1;
  fs.rmSync(run, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code));
