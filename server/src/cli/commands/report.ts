import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildReport, renderJson, renderMarkdown } from '../../core/report';
import type { ReportArgs } from '../args';
import { analyse, type CliIo } from './check';

/** `llm-infra-lint report`: the token-cost report on stdout or in `--out`. */
export async function runReport(args: ReportArgs, io: CliIo): Promise<number> {
  const analysis = await analyse(args.paths, args.config, io);
  if (typeof analysis === 'number') return analysis;
  const { engine, results, scanErrors } = analysis;
  const config = engine.getConfig();
  const report = buildReport(results, args.callsPerDay === undefined ? config : { ...config, callsPerDay: args.callsPerDay }, {
    root: io.cwd,
    textOf: (p) => engine.facts(p)?.text,
    scanErrors,
  });
  const text = args.format === 'json' ? renderJson(report) : renderMarkdown(report);
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
