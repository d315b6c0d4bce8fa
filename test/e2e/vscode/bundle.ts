// Bundles the extension-host suite with esbuild (vscode stays external) to dist-test/vscode/suite/index.js.
import * as path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './workspace';

export const SUITE_BUNDLE = path.join(REPO_ROOT, 'dist-test/vscode/suite/index.js');

export async function bundleSuite(): Promise<string> {
  await build({
    entryPoints: [path.join(REPO_ROOT, 'test/e2e/vscode/suite/index.ts')],
    outfile: SUITE_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return SUITE_BUNDLE;
}
