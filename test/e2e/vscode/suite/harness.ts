// A tiny mocha-shaped runner for the extension-host suite (mocha is not a dependency of this project).
// `suite`/`test` register cases in order; `runSuites` runs them one after another, each with a timeout, logs one line
// per case and returns the counts. A failing `suiteSetup` fails every case of its suite.
import * as fs from 'node:fs';

type Fn = () => unknown | Promise<unknown>;

interface Case {
  name: string;
  fn: Fn;
  timeoutMs: number;
}

interface Suite {
  name: string;
  setup: Fn[];
  teardown: Fn[];
  cases: Case[];
}

export interface CaseResult {
  suite: string;
  test: string;
  ok: boolean;
  skipped?: string;
  ms: number;
  error?: string;
}

export interface Results {
  passed: number;
  failed: number;
  skipped: number;
  cases: CaseResult[];
}

const suites: Suite[] = [];
let current: Suite | null = null;

/** Thrown by `skip()`: the case counts as passed-with-a-note, not as a failure. */
class Skip extends Error {}

/** Ends the current case early, with a reason printed in the log (e.g. "the example has no nginx files yet"). */
export function skip(reason: string): never {
  throw new Skip(reason);
}

export function suite(name: string, body: () => void): void {
  const s: Suite = { name, setup: [], teardown: [], cases: [] };
  suites.push(s);
  current = s;
  try {
    body();
  } finally {
    current = null;
  }
}

export function suiteSetup(fn: Fn): void {
  if (!current) throw new Error('suiteSetup outside suite');
  current.setup.push(fn);
}

export function suiteTeardown(fn: Fn): void {
  if (!current) throw new Error('suiteTeardown outside suite');
  current.teardown.push(fn);
}

export function test(name: string, fn: Fn, timeoutMs = 60_000): void {
  if (!current) throw new Error('test outside suite');
  current.cases.push({ name, fn, timeoutMs });
}

function withTimeout(fn: Fn, ms: number, what: string): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    Promise.resolve().then(fn),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  return String(e);
}

/** Runs every registered suite; `log` gets one line per case. */
export async function runSuites(log: (line: string) => void): Promise<Results> {
  const results: Results = { passed: 0, failed: 0, skipped: 0, cases: [] };
  for (const s of suites) {
    log(`# ${s.name}`);
    let setupError: string | null = null;
    for (const fn of s.setup) {
      try {
        await withTimeout(fn, 120_000, `${s.name} setup`);
      } catch (e) {
        setupError = describe(e);
        break;
      }
    }
    for (const c of s.cases) {
      const started = Date.now();
      let r: CaseResult;
      if (setupError) {
        r = { suite: s.name, test: c.name, ok: false, ms: 0, error: `suite setup failed: ${setupError}` };
      } else {
        try {
          await withTimeout(c.fn, c.timeoutMs, c.name);
          r = { suite: s.name, test: c.name, ok: true, ms: Date.now() - started };
        } catch (e) {
          r =
            e instanceof Skip
              ? { suite: s.name, test: c.name, ok: true, skipped: e.message, ms: Date.now() - started }
              : { suite: s.name, test: c.name, ok: false, ms: Date.now() - started, error: describe(e) };
        }
      }
      results.cases.push(r);
      if (!r.ok) results.failed++;
      else if (r.skipped) results.skipped++;
      else results.passed++;
      const mark = r.ok ? (r.skipped ? '-' : '✓') : '✗';
      log(`  ${mark} ${c.name} (${r.ms} ms)${r.skipped ? ` — skipped: ${r.skipped}` : ''}${r.error ? `\n      ${r.error.replace(/\n/g, '\n      ')}` : ''}`);
    }
    for (const fn of s.teardown) {
      try {
        await withTimeout(fn, 60_000, `${s.name} teardown`);
      } catch (e) {
        log(`  teardown of ${s.name} failed: ${describe(e)}`);
      }
    }
  }
  return results;
}

/** Writes the results where the runner asked for them (LLM_INFRA_LINT_E2E_RESULTS), if it did. */
export function writeResults(results: Results, file = process.env.LLM_INFRA_LINT_E2E_RESULTS): void {
  if (!file) return;
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
}
