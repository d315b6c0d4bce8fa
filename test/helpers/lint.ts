import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, parseConfig } from '../../server/src/core/config';
import { Engine, type LintResult } from '../../server/src/core/engine';
import { applyEdits } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/types';
import { createFrontEnds } from '../../server/src/languages';
import { rules } from '../../server/src/rules';
import { tempDir } from './temp-dir';

/** An engine over in-memory files (paths relative to a fake root), with every rule. */
export async function engineFor(files: Record<string, string>, configText?: string): Promise<{ engine: Engine; root: string }> {
  const root = tempDir('lil-');
  const config = configText ? parseConfig(configText, path.join(root, '.llm-infra-lint.json')).config : defaultConfig();
  const engine = new Engine({ root, rules, frontEnds: createFrontEnds(), config });
  await initParsers();
  for (const [rel, text] of Object.entries(files)) engine.setFile(path.join(root, rel), text);
  return { engine, root };
}

/** Async parser set-up (tree-sitter) when the Python front end exists. */
export async function initParsers(): Promise<void> {
  try {
    const mod = (await import('../../server/src/languages/python/parser')) as { initPython?: () => Promise<void> };
    await mod.initPython?.();
  } catch {
    // No Python front end yet.
  }
}

/** Lints an example workspace from disk (a fixture folder). */
export async function lintFolder(dir: string): Promise<{ engine: Engine; results: LintResult[] }> {
  const engine = new Engine({ root: dir, rules, frontEnds: createFrontEnds() });
  await initParsers();
  const opts = path.join(dir, 'options.json');
  if (fs.existsSync(opts)) engine.setConfig(parseConfig(fs.readFileSync(opts, 'utf8'), opts).config);
  await engine.scan([dir]);
  return { engine, results: engine.lintAll() };
}

/** Applies every fix of `ruleId` in one file's findings (edits to that file only). */
export function applyRuleFixes(text: string, findings: Finding[], ruleId: string, filePath: string): string {
  const edits = findings
    .filter((f) => f.ruleId === ruleId && f.fix)
    .flatMap((f) => f.fix!.edits.filter((e) => !e.path || e.path === filePath));
  return applyEdits(text, edits);
}
