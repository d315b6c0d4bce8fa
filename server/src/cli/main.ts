import { version } from '../../../package.json';
import { COMMAND_HELP, parseCliArgs, USAGE, UsageError } from './args';
import { runCheck, type CliIo } from './commands/check';
import { runReport } from './commands/report';
import { runRules } from './commands/rules';

/** Runs the CLI and returns its exit code: 0 clean, 1 findings, 2 usage, config or internal error. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    switch (args.command) {
      case 'help':
        io.stdout.write(args.topic ? COMMAND_HELP[args.topic] : USAGE);
        return 0;
      case 'version':
        io.stdout.write(`${io.version}\n`);
        return 0;
      case 'check':
        return await runCheck(args, io);
      case 'report':
        return await runReport(args, io);
      case 'rules':
        return runRules(args, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`llm-infra-lint: ${e.message}\nRun 'llm-infra-lint --help' for usage.\n`);
      return 2;
    }
    io.stderr.write(`llm-infra-lint: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  const io: CliIo = { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, version };
  // A closed pipe (`llm-infra-lint check | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  // Setting exitCode instead of calling exit() lets piped output drain first.
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
