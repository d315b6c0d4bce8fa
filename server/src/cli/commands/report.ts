import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildReport, relativePath, renderJson, renderMarkdown, serviceFinder, type Report } from '../../core/report';
import { renderHtml } from '../../core/report-html';
import { retryLayers } from '../../core/retry-chain';
import type { ReportArgs } from '../args';
import { createProgressBar, type ProgressBar } from '../progress';
import { analyse, type CliIo } from './check';

/** `llm-infra-lint report`: the token-cost report on stdout or in `--out`, as markdown, JSON or one self-contained HTML file. */
export async function runReport(args: ReportArgs, io: CliIo): Promise<number> {
  const progress = createProgressBar(io.stderr as Parameters<typeof createProgressBar>[0], { env: io.env });
  const report = await workspaceReport(args.paths, args.config, io, { callsPerDay: args.callsPerDay, progress });
  if (typeof report === 'number') return report;
  const text = render(report, args.format as string);
  if (args.out === undefined) {
    io.stdout.write(text);
    return 0;
  }
  const out = path.resolve(io.cwd, args.out);
  try {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, text);
  } catch (e) {
    io.stderr.write(`llm-infra-lint: cannot write ${args.out}: ${(e as Error).message}\n`);
    return 2;
  }
  io.stderr.write(`Report written to ${args.out}\n`);
  return 0;
}

/**
 * Scans `paths` and builds the report as `report` prints it (infra retry layers and history bounds included),
 * or returns exit code 2 after printing why it could not (missing path, invalid config).
 */
export async function workspaceReport(
  paths: string[],
  configPath: string | undefined,
  io: Pick<CliIo, 'cwd' | 'stderr'>,
  options: { callsPerDay?: number; progress?: ProgressBar } = {},
): Promise<Report | number> {
  const progress = options.progress ?? createProgressBar(io.stderr, { enabled: false });
  const analysis = await analyse(paths, configPath, io, progress);
  if (typeof analysis === 'number') return analysis;
  const { engine, results, scanErrors } = analysis;
  const base = engine.getConfig();
  const config = options.callsPerDay === undefined ? base : { ...base, callsPerDay: options.callsPerDay };
  const workspace = engine.workspaceView();
  // Services are found up to the workspace's own root (a target outside the working directory is its own
  // workspace) and named, like the paths, relative to the working directory.
  const findService = serviceFinder(engine.root);
  const here = path.resolve(io.cwd) === path.resolve(engine.root);
  const report = buildReport(results, config, {
    root: io.cwd,
    serviceOf: (p) => (here ? findService(p) : relativePath(io.cwd, path.resolve(engine.root, findService(p)))),
    textOf: (p) => engine.facts(p)?.text,
    factsOf: (p) => engine.facts(p),
    retryLayersOf: (site) => retryLayers(site, workspace),
    scanErrors,
    onProgress: (done, total) => progress.update('Estimating call sites', done, total),
  });
  progress.clear();
  return report;
}

/** The report in one of the `--format`s (the argument parser has already checked the name). */
export function render(report: Report, format: string): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'html':
      return renderHtml(report);
    default:
      return renderMarkdown(report);
  }
}

