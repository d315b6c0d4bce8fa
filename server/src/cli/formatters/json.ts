import type { Config } from '../../core/config';
import type { LintResult } from '../../core/engine';
import { relativePath, SourceLines, summarizeCallSite, type CallSiteSummary } from '../../core/report';
import type { Family, FileError, Severity } from '../../core/types';

/** One finding as `check --format json` prints it: relative forward-slashed path, 1-based positions. */
export interface CheckFinding {
  ruleId: string;
  family: Family;
  severity: Severity;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fixable: boolean;
}

/** The `check` result every formatter reads; `--format json` prints it as is (SPEC "Interfaces"). */
export interface CheckOutput {
  version: 1;
  findings: CheckFinding[];
  callSites: CallSiteSummary[];
  /** Files handed to a front end, including ones skipped as binary or too large (those also appear in `errors`). */
  filesScanned: number;
  errors: Array<{ path: string; message: string }>;
}

export interface CheckOutputOptions {
  root: string;
  config: Config;
  /** Text of an analysed file, for line and column numbers. */
  textOf?: (absolutePath: string) => string | undefined;
  /** Errors from scanning (unreadable, binary, huge files), merged with the results' own. */
  scanErrors?: FileError[];
}

/** Turns engine results into the check output: positions resolved, paths relative, errors deduplicated. */
export function toCheckOutput(results: LintResult[], options: CheckOutputOptions): CheckOutput {
  const lines = new SourceLines(options.textOf);
  const findings: CheckFinding[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const pos = lines.position(f.path, f.span) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
      findings.push({
        ruleId: f.ruleId,
        family: f.family,
        severity: f.severity,
        path: relativePath(options.root, f.path),
        ...pos,
        message: f.message,
        fixable: f.fix !== undefined,
      });
    }
  }
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  const callSites = results
    .flatMap((r) => r.callSites.map((cs) => summarizeCallSite(cs, options.config, options.root, lines)))
    .sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);

  const seen = new Set<string>();
  const errors: CheckOutput['errors'] = [];
  for (const e of [...(options.scanErrors ?? []), ...results.flatMap((r) => r.errors)]) {
    const entry = { path: relativePath(options.root, e.path), message: e.message };
    const key = `${entry.path}\u0000${entry.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(entry);
  }
  errors.sort((a, b) => a.path.localeCompare(b.path));

  return { version: 1, findings, callSites, filesScanned: results.length, errors };
}

/** `check --format json`: one JSON object. */
export function formatJson(output: CheckOutput): string {
  return JSON.stringify(output, null, 2) + '\n';
}
