import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command-line mistake: reported on stderr with exit code 2. */
export class UsageError extends Error {}

/** Accepted `--format` values per command (the first is the default). */
export const CHECK_FORMATS = ['stylish', 'json', 'sarif'] as const;
export const REPORT_FORMATS = ['markdown', 'json', 'html'] as const;
export const RULES_FORMATS = ['markdown', 'json'] as const;

export type CheckFormat = (typeof CHECK_FORMATS)[number];
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type RulesFormat = (typeof RULES_FORMATS)[number];

export interface CheckArgs {
  command: 'check';
  paths: string[];
  format: CheckFormat;
  config?: string;
  /** null: warnings never fail the run. */
  maxWarnings: number | null;
}

export interface ReportArgs {
  command: 'report';
  paths: string[];
  format: ReportFormat;
  config?: string;
  out?: string;
  callsPerDay?: number;
}

export interface RulesArgs {
  command: 'rules';
  format: RulesFormat;
}

export type CommandName = 'check' | 'report' | 'rules';

export type ParsedArgs =
  | CheckArgs
  | ReportArgs
  | RulesArgs
  | { command: 'help'; topic?: CommandName }
  | { command: 'version' };

const COMMANDS: readonly CommandName[] = ['check', 'report', 'rules'];

const COMMON = {
  help: { type: 'boolean', short: 'h' },
  format: { type: 'string', short: 'f' },
} as const;

const OPTIONS = {
  check: { ...COMMON, config: { type: 'string', short: 'c' }, 'max-warnings': { type: 'string' } },
  report: { ...COMMON, config: { type: 'string', short: 'c' }, out: { type: 'string', short: 'o' }, 'calls-per-day': { type: 'string' } },
  rules: { ...COMMON },
} as const satisfies Record<CommandName, ParseArgsConfig['options']>;

/** Top-level help. */
export const USAGE = `Usage: llm-infra-lint <command> [options]

Commands:
  check [paths...]    Report token, cost and reliability problems (default path: .)
  report [paths...]   Token and cost report of every LLM call site
  rules               List the rules

Options:
  -h, --help          Show help (also: llm-infra-lint <command> --help)
  -v, --version       Print the version

Exit codes: 0 clean, 1 error findings or too many warnings, 2 usage, config or internal error.
`;

/** Help per command. */
export const COMMAND_HELP: Record<CommandName, string> = {
  check: `Usage: llm-infra-lint check [paths...] [options]

Options:
  -f, --format stylish|json|sarif   Output format (default: stylish)
  -c, --config FILE                 Use this config instead of the nearest .llm-infra-lint.json
      --max-warnings N              Exit with 1 when there are more than N warnings (info never counts)
`,
  report: `Usage: llm-infra-lint report [paths...] [options]

Options:
  -f, --format markdown|json|html   Output format (default: markdown); html is one self-contained file
  -o, --out FILE                    Write the report to FILE instead of stdout
  -c, --config FILE                 Use this config instead of the nearest .llm-infra-lint.json
      --calls-per-day N             Assumed calls per day for each call site (default: config callsPerDay, 1000);
                                    per-site overrides in the config's "callSites" still apply
`,
  rules: `Usage: llm-infra-lint rules [options]

Options:
  -f, --format markdown|json        Output format (default: markdown)
`,
};

/** Parses argv (without node and the script); throws UsageError on any mistake. */
export function parseCliArgs(argv: string[]): ParsedArgs {
  const first = argv[0];
  if (first === undefined) throw new UsageError('missing command');
  if (first === '-h' || first === '--help' || first === 'help') {
    const topic = argv[1];
    return { command: 'help', topic: isCommand(topic) ? topic : undefined };
  }
  if (first === '-v' || first === '--version') return { command: 'version' };
  if (!isCommand(first)) {
    throw new UsageError(first.startsWith('-') ? `unknown option '${first}' (expected a command first)` : `unknown command '${first}'`);
  }
  const command = first;
  let parsed: { values: Record<string, string | boolean | Array<string | boolean> | undefined>; positionals: string[] };
  try {
    const options: ParseArgsConfig['options'] = OPTIONS[command];
    parsed = parseArgs({ args: argv.slice(1), options, strict: true, allowPositionals: command !== 'rules' });
  } catch (e) {
    throw new UsageError(cleanParseError(e as Error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', topic: command };
  const str = (name: string) => values[name] as string | undefined;
  switch (command) {
    case 'check':
      return {
        command,
        paths: positionals,
        format: oneOf(str('format') ?? 'stylish', CHECK_FORMATS, '--format'),
        config: str('config'),
        maxWarnings: str('max-warnings') === undefined ? null : integer(str('max-warnings')!, '--max-warnings'),
      };
    case 'report':
      return {
        command,
        paths: positionals,
        format: oneOf(normaliseMarkdown(str('format') ?? 'markdown'), REPORT_FORMATS, '--format'),
        config: str('config'),
        out: str('out'),
        callsPerDay: str('calls-per-day') === undefined ? undefined : nonNegative(str('calls-per-day')!, '--calls-per-day'),
      };
    case 'rules':
      return { command, format: oneOf(normaliseMarkdown(str('format') ?? 'markdown'), RULES_FORMATS, '--format') };
  }
}

function isCommand(s: string | undefined): s is CommandName {
  return s !== undefined && (COMMANDS as readonly string[]).includes(s);
}

function normaliseMarkdown(format: string): string {
  return format === 'md' ? 'markdown' : format;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
}

function integer(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a non-negative integer (got '${value}')`);
  return Number(value);
}

function nonNegative(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`${flag} must be a non-negative number (got '${value}')`);
  return n;
}

function cleanParseError(e: Error): string {
  // Node's messages go on with advice about `--` that does not help here; keep the first sentence.
  return e.message.split('. ')[0].replace(/\.$/, '');
}
