import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../../analysis';
import type { Engine, LintResult } from '../../core/engine';
import { relativePath } from '../../core/report';
import type { FileError } from '../../core/types';
import { initPython } from '../../languages/python/parser';
import { createProgressBar, type ProgressBar } from '../progress';
import type { CheckArgs } from '../args';
import { formatJson, toCheckOutput, type CheckOutput } from '../formatters/json';
import { formatSarif } from '../formatters/sarif';
import { formatStylish, useColour } from '../formatters/stylish';

/** Where a command reads its environment and writes its output; tests can replace it. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  version: string;
}

export interface Analysis {
  engine: Engine;
  results: LintResult[];
  scanErrors: FileError[];
}

/** Scans below this many files finish before a progress line would be read. */
const PROGRESS_MIN_FILES = 200;

/**
 * Loads the config and engine, scans and lints `paths`. On a missing path or an invalid config it
 * prints the problems on stderr and returns exit code 2.
 */
export async function analyse(
  paths: string[],
  configPath: string | undefined,
  io: Pick<CliIo, 'cwd' | 'stderr'>,
  progress: ProgressBar = createProgressBar(io.stderr, { minItems: PROGRESS_MIN_FILES }),
): Promise<Analysis | number> {
  const targets = (paths.length ? paths : ['.']).map((p) => path.resolve(io.cwd, p));
  const missing = targets.filter((p) => !fs.existsSync(p));
  if (missing.length > 0) {
    for (const p of missing) io.stderr.write(`llm-infra-lint: no such file or directory: ${relativePath(io.cwd, p)}\n`);
    return 2;
  }
  const engine = createEngine(workspaceRoot(io.cwd, targets), configPath === undefined ? undefined : path.resolve(io.cwd, configPath));
  const configErrors = engine.getConfigErrors();
  if (configErrors.length > 0) {
    for (const e of configErrors) io.stderr.write(`llm-infra-lint: ${relativePath(io.cwd, e.path)}: ${e.message}\n`);
    return 2;
  }
  try {
    await initPython();
  } catch (e) {
    io.stderr.write(`llm-infra-lint: the Python parser could not be loaded, Python files are not analysed: ${(e as Error).message}\n`);
  }
  const scanErrors = await engine.scan(targets, { onProgress: (done, total) => progress.update('Reading files', done, total) });
  const results = engine.lintAll({ onProgress: (done, total) => progress.update('Analysing files', done, total) });
  progress.clear();
  return { engine, results, scanErrors };
}

/**
 * The workspace the engine sees: the working directory, unless a target lies outside it (`check ../other-repo`,
 * `check /abs/path`); then the targets' common directory, so that repository is analysed (its config, its
 * `.env.example`, which proxy fronts which code) as it would be from inside it. Output paths stay relative to cwd.
 */
export function workspaceRoot(cwd: string, targets: string[]): string {
  const inside = (dir: string, p: string) => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
  if (targets.every((t) => inside(cwd, t))) return cwd;
  const dirs = targets.map((t) => (fs.statSync(t).isDirectory() ? t : path.dirname(t)));
  let common = dirs[0];
  while (!dirs.every((d) => inside(common, d)) && path.dirname(common) !== common) common = path.dirname(common);
  return common;
}

/** `llm-infra-lint check`: prints findings and returns the exit code. */
export async function runCheck(args: CheckArgs, io: CliIo): Promise<number> {
  const analysis = await analyse(args.paths, args.config, io);
  if (typeof analysis === 'number') return analysis;
  const { engine, results, scanErrors } = analysis;
  const output = toCheckOutput(results, {
    root: io.cwd,
    config: engine.getConfig(),
    textOf: (p) => engine.facts(p)?.text,
    scanErrors,
  });
  io.stdout.write(render(output, args, engine, io));
  return exitCode(output, args.maxWarnings, io);
}

function render(output: CheckOutput, args: CheckArgs, engine: Engine, io: CliIo): string {
  switch (args.format) {
    case 'json':
      return formatJson(output);
    case 'sarif':
      return formatSarif(output, engine.allRules(), { root: io.cwd, toolVersion: io.version });
    case 'stylish':
      return formatStylish(output, { colour: useColour(io.stdout, io.env) });
  }
}

/** 1 for any error finding or more warnings than allowed; info never counts. */
export function exitCode(output: CheckOutput, maxWarnings: number | null, io?: Pick<CliIo, 'stderr'>): number {
  const errors = output.findings.filter((f) => f.severity === 'error').length;
  const warnings = output.findings.filter((f) => f.severity === 'warning').length;
  if (maxWarnings !== null && warnings > maxWarnings) {
    io?.stderr.write(`llm-infra-lint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return errors > 0 ? 1 : 0;
}

