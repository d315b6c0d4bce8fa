// End-to-end: runs the bundled dist/cli.js as a child process on test/cli/fixtures (build first: node esbuild.mjs).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { tempDir } from '../helpers/temp-dir';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');
const FIXTURES = path.join(__dirname, 'fixtures');
const WORKSPACE = path.join(FIXTURES, 'workspace');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd = WORKSPACE, env: NodeJS.ProcessEnv = {}): Run {
  const base = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface CheckJson {
  version: 1;
  findings: Array<{ ruleId: string; severity: 'error' | 'warning' | 'info'; path: string; line: number; column: number; fixable: boolean }>;
  callSites: Array<{ path: string; line: number; model: string | null; staticInputTokens: number; provider: string }>;
  filesScanned: number;
  errors: Array<{ path: string; message: string }>;
}

function checkJson(args: string[] = [], cwd = WORKSPACE): { run: Run; out: CheckJson } {
  const run = cli(['check', '--format', 'json', ...args], cwd);
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  return { run, out: JSON.parse(run.stdout) as CheckJson };
}

function schema(name: string): object {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'schemas', name), 'utf8')) as object;
}

function validator(name: string) {
  const ajv = new Ajv({ allErrors: true, strict: true });
  return ajv.compile(schema(name));
}

function counts(out: CheckJson) {
  return {
    errors: out.findings.filter((f) => f.severity === 'error').length,
    warnings: out.findings.filter((f) => f.severity === 'warning').length,
    info: out.findings.filter((f) => f.severity === 'info').length,
  };
}

/** A scratch copy of the fixture workspace, for tests that add files or change the config. */
function scratchWorkspace(): string {
  const dir = tempDir('lil-cli-');
  fs.cpSync(WORKSPACE, dir, { recursive: true });
  return dir;
}

before(() => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`node esbuild.mjs\` first`);
});

describe('cli: usage', () => {
  it('prints help and the version with exit 0', () => {
    const help = cli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /llm-infra-lint <command>/);
    const checkHelp = cli(['check', '--help']);
    assert.equal(checkHelp.status, 0);
    assert.match(checkHelp.stdout, /--max-warnings/);
    const version = cli(['--version']);
    assert.equal(version.status, 0);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), pkg.version);
  });

  for (const [name, args] of [
    ['no command', []],
    ['an unknown command', ['lint']],
    ['an unknown flag', ['check', '--frobnicate']],
    ['a bad format', ['check', '--format', 'xml']],
    ['a flag without its value', ['check', '--format']],
    ['a non-numeric --max-warnings', ['check', '--max-warnings', 'many']],
    ['a negative --calls-per-day', ['report', '--calls-per-day', '-5']],
    ['positionals on rules', ['rules', 'extra']],
  ] as const) {
    it(`exits 2 with a message on stderr for ${name}`, () => {
      const r = cli([...args]);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^llm-infra-lint: /);
    });
  }

  it('exits 2 for a path that does not exist', () => {
    const r = cli(['check', 'no/such/dir']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no such file or directory: no\/such\/dir/);
  });

  it('exits 2 and prints the config errors for an invalid config', () => {
    const r = cli(['check'], path.join(FIXTURES, 'bad-config'));
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /\.llm-infra-lint\.json: Invalid JSON in config/);
  });

  it('exits 2 for a config with invalid values and for a missing --config file', () => {
    const dir = scratchWorkspace();
    fs.writeFileSync(path.join(dir, 'bad.json'), '{ "callsPerDay": "lots" }');
    const bad = cli(['check', '--config', 'bad.json'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /bad\.json: Config: "callsPerDay" must be a non-negative number/);
    const missing = cli(['check', '--config', 'nope.json'], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.json: Cannot read config/);
  });
});

describe('cli: check --format json', () => {
  let out: CheckJson;
  let status: number | null;
  before(() => {
    const r = checkJson();
    out = r.out;
    status = r.run.status;
  });

  it('matches the JSON schema of SPEC.md', () => {
    const validate = validator('check-output.schema.json');
    assert.ok(validate(out), JSON.stringify(validate.errors, null, 2));
  });

  it('uses paths relative to the working directory with forward slashes', () => {
    const paths = [...out.findings, ...out.callSites, ...out.errors].map((x) => x.path);
    assert.ok(paths.length > 0);
    for (const p of paths) {
      assert.ok(!path.isAbsolute(p) && !p.includes('\\'), p);
      assert.ok(fs.existsSync(path.join(WORKSPACE, p)), p);
    }
    const sub = checkJson(['workspace/src'], FIXTURES).out;
    assert.ok(sub.callSites.every((c) => c.path.startsWith('workspace/src/')));
  });

  it('reports the call sites with static token counts', () => {
    const chat = out.callSites.find((c) => c.path === 'src/chat.mjs');
    assert.ok(chat, JSON.stringify(out.callSites));
    assert.equal(chat.model, 'gpt-4o');
    assert.equal(chat.provider, 'openai');
    assert.equal(chat.line, 11);
    assert.ok(chat.staticInputTokens > 20 && chat.staticInputTokens < 60, String(chat.staticInputTokens));
    assert.ok(out.callSites.some((c) => c.path === 'src/summarize.mjs' && c.model === 'claude-sonnet-4-5'));
  });

  it('lists the binary file as an error and keeps going', () => {
    assert.ok(out.errors.some((e) => e.path === 'src/blob.js' && /binary/.test(e.message)), JSON.stringify(out.errors));
    assert.equal(out.filesScanned, 4);
  });

  it('finds nothing in the clean file', () => {
    assert.deepEqual(out.findings.filter((f) => f.path === 'src/clean.js'), []);
    const clean = cli(['check', 'src/clean.js']);
    assert.equal(clean.status, 0, clean.stdout);
  });

  it('finds problems in the LLM files and sets the exit code from them', () => {
    assert.ok(out.findings.some((f) => f.path === 'src/chat.mjs'), 'no finding in src/chat.mjs');
    assert.ok(out.findings.some((f) => f.path === 'src/summarize.mjs'), 'no finding in src/summarize.mjs');
    assert.equal(status, counts(out).errors > 0 ? 1 : 0);
  });

  it('skips files over 2 MB with an error entry', () => {
    const dir = scratchWorkspace();
    const line = 'export const filler = "' + 'x'.repeat(100) + '";\n';
    fs.writeFileSync(path.join(dir, 'src/huge.js'), line.repeat(Math.ceil((2.2 * 1024 * 1024) / line.length)));
    const r = checkJson([], dir).out;
    assert.ok(r.errors.some((e) => e.path === 'src/huge.js' && /MB/.test(e.message)), JSON.stringify(r.errors));
    assert.ok(r.callSites.some((c) => c.path === 'src/chat.mjs'), 'the other files were still analysed');
  });
});

describe('cli: a target outside the working directory', () => {
  it('is analysed as its own workspace (its config applies), with paths still relative to the working directory', () => {
    const ws = scratchWorkspace();
    const inside = checkJson([], ws).out;
    const ruleId = inside.findings[0]?.ruleId;
    assert.ok(ruleId, 'the fixture workspace has findings');
    fs.writeFileSync(path.join(ws, '.llm-infra-lint.json'), JSON.stringify({ rules: { [ruleId]: 'off' } }));
    const fromInside = checkJson([], ws).out;
    const fromElsewhere = checkJson([ws], FIXTURES).out;
    assert.ok(!fromInside.findings.some((f) => f.ruleId === ruleId));
    assert.ok(!fromElsewhere.findings.some((f) => f.ruleId === ruleId), 'the target\'s own config applies');
    assert.equal(fromElsewhere.findings.length, fromInside.findings.length);
    assert.ok(fromElsewhere.findings.every((f) => f.path.startsWith('../')), 'paths stay relative to the working directory');
  });

  it('reports its services by their manifests, named relative to the working directory', () => {
    const ws = scratchWorkspace();
    fs.mkdirSync(path.join(ws, 'services/summarizer'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'services/summarizer/package.json'), JSON.stringify({ name: 'summarizer', dependencies: { openai: '^4.0.0' } }));
    fs.writeFileSync(path.join(ws, 'services/summarizer/index.ts'), "import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\nexport const ask = async (q: string) => (await client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'user', content: q }] })).usage;\n");
    const services = (args: string[], cwd: string) => {
      const run = cli(['report', '--format', 'json', ...args], cwd);
      assert.equal(run.status, 0, run.stderr);
      return (JSON.parse(run.stdout) as { totals: { perService: Array<{ name: string; callSites: number }> } }).totals.perService.map((g) => `${g.name} ${g.callSites}`).sort();
    };
    const inside = services([], ws);
    assert.ok(inside.includes('services/summarizer 1'), `a service below the root: ${inside}`);
    const rel = path.relative(FIXTURES, ws).split(path.sep).join('/');
    assert.deepEqual(services([ws], FIXTURES), inside.map((g) => (g.startsWith('. ') ? `${rel}${g.slice(1)}` : `${rel}/${g}`)).sort());
  });
});

describe('cli: exit codes and --max-warnings', () => {
  it('counts warnings against --max-warnings and never info', () => {
    const dir = scratchWorkspace();
    const { out } = checkJson([], dir);
    const fired = [...new Set(out.findings.map((f) => f.ruleId))];
    assert.ok(fired.length > 0, 'the fixture workspace must produce findings');

    // Everything as warnings: the threshold decides.
    const asWarnings = Object.fromEntries(fired.map((id) => [id, 'warning']));
    fs.writeFileSync(path.join(dir, '.llm-infra-lint.json'), JSON.stringify({ rules: asWarnings }));
    const warned = checkJson([], dir);
    const n = counts(warned.out).warnings;
    assert.equal(counts(warned.out).errors, 0);
    assert.equal(warned.run.status, 0, 'warnings alone do not fail without --max-warnings');
    assert.equal(checkJson(['--max-warnings', String(n)], dir).run.status, 0);
    const over = checkJson(['--max-warnings', String(n - 1)], dir).run;
    assert.equal(over.status, 1);
    assert.match(over.stderr, /more than --max-warnings/);

    // Everything as info: never counts.
    const asInfo = Object.fromEntries(fired.map((id) => [id, 'info']));
    fs.writeFileSync(path.join(dir, '.llm-infra-lint.json'), JSON.stringify({ rules: asInfo }));
    const info = checkJson(['--max-warnings', '0'], dir);
    assert.ok(counts(info.out).info > 0);
    assert.equal(info.run.status, 0);

    // One rule as error: exit 1 whatever the threshold.
    fs.writeFileSync(path.join(dir, '.llm-infra-lint.json'), JSON.stringify({ rules: { ...asInfo, [fired[0]]: 'error' } }));
    const errored = checkJson(['--max-warnings', '100'], dir);
    assert.ok(counts(errored.out).errors > 0);
    assert.equal(errored.run.status, 1);
  });

  it('applies the same exit code in every format', () => {
    const expected = checkJson().run.status;
    assert.equal(cli(['check']).status, expected);
    assert.equal(cli(['check', '--format', 'sarif']).status, expected);
  });
});

describe('cli: check --format stylish', () => {
  it('groups by file, prints a summary and the file errors, without colour on a pipe', () => {
    const { out } = checkJson();
    const r = cli(['check']);
    assert.doesNotMatch(r.stdout, /\u001b\[/);
    for (const f of out.findings) {
      assert.ok(r.stdout.includes(`${f.line}:${f.column}`), `${f.path} ${f.line}:${f.column}`);
      assert.ok(r.stdout.includes(f.ruleId));
    }
    const c = counts(out);
    const total = out.findings.length;
    if (total > 0) {
      assert.ok(r.stdout.includes(`✖ ${total} problem${total === 1 ? '' : 's'} (${c.errors} error${c.errors === 1 ? '' : 's'}, ${c.warnings} warning${c.warnings === 1 ? '' : 's'}, ${c.info} info)`), r.stdout);
    }
    assert.match(r.stdout, /src\/blob\.js\s+Skipped: binary file/);
  });

  it('colours when FORCE_COLOR is set and not when NO_COLOR is', () => {
    assert.match(cli(['check'], WORKSPACE, { FORCE_COLOR: '1' }).stdout, /\u001b\[/);
    assert.doesNotMatch(cli(['check'], WORKSPACE, { NO_COLOR: '1' }).stdout, /\u001b\[/);
  });

  it('writes no progress output on a pipe', () => {
    const r = cli(['check', '--format', 'json']);
    assert.doesNotMatch(r.stderr, /files…/);
  });
});

describe('cli: check --format sarif', () => {
  let log: {
    runs: Array<{
      tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri: string }> } };
      results: Array<{ ruleId: string; ruleIndex?: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }> }>;
      invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ message: { text: string } }> }>;
    }>;
  };
  before(() => {
    log = JSON.parse(cli(['check', '--format', 'sarif']).stdout) as typeof log;
  });

  it('validates against the SARIF 2.1.0 subset GitHub reads', () => {
    const validate = validator('sarif-subset.schema.json');
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  });

  it('carries every rule with a docs link and results that point at them', () => {
    const run = log.runs[0];
    const rules = JSON.parse(cli(['rules', '--format', 'json']).stdout) as Array<{ id: string }>;
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), rules.map((r) => r.id));
    assert.equal(run.tool.driver.name, 'llm-infra-lint');
    for (const r of run.tool.driver.rules) assert.match(r.helpUri, new RegExp(`/docs/rules/${r.id}\\.md$`));
    const { out } = checkJson();
    assert.equal(run.results.length, out.findings.length);
    for (const res of run.results) {
      assert.equal(run.tool.driver.rules[res.ruleIndex!].id, res.ruleId);
      const loc = res.locations[0].physicalLocation.artifactLocation;
      assert.equal(loc.uriBaseId, '%SRCROOT%');
      assert.ok(!loc.uri.startsWith('/') && !loc.uri.includes('\\'), loc.uri);
    }
    assert.equal(run.invocations[0].executionSuccessful, true);
    assert.ok(run.invocations[0].toolExecutionNotifications.some((n) => /binary/.test(n.message.text)));
  });
});

describe('cli: rules', () => {
  it('lists every rule with a summary as JSON', () => {
    const r = cli(['rules', '--format', 'json']);
    assert.equal(r.status, 0);
    const rules = JSON.parse(r.stdout) as Array<{ id: string; family: string; severity: string; fixable: string; summary: string; docsUrl: string }>;
    assert.ok(rules.length > 0, 'no rules registered');
    const ids = rules.map((x) => x.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of rules) {
      assert.ok(rule.summary.length > 0 && !rule.summary.includes('\n'), rule.id);
      assert.match(rule.family, /^(context|routing|resilience|telemetry|security)$/);
      assert.match(rule.severity, /^(error|warning|info)$/);
      assert.match(rule.fixable, /^(none|safe|unsafe)$/);
    }
  });

  it('prints a markdown table by default', () => {
    const r = cli(['rules']);
    assert.equal(r.status, 0);
    const json = JSON.parse(cli(['rules', '--format', 'json']).stdout) as Array<{ id: string }>;
    assert.match(r.stdout, /\| Rule \| Family \| Severity \| Fixable \| Summary \|/);
    for (const rule of json) assert.ok(r.stdout.includes(`[\`${rule.id}\`]`), rule.id);
  });
});

describe('cli: report', () => {
  let tmp: string;
  before(() => {
    tmp = tempDir('lil-report-');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('prints a markdown report with the call sites and dated prices', () => {
    const r = cli(['report']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# LLM token-cost report/);
    assert.match(r.stdout, /`src\/chat\.mjs:11`/);
    assert.match(r.stdout, /`src\/summarize\.mjs:9`/);
    assert.match(r.stdout, /\| `gpt-4o` \| \$2\.50 \| \$10\.00 \| \d{4}-\d{2}-\d{2} \|/);
    assert.match(r.stdout, /## Totals per model/);
    assert.match(r.stdout, /## Findings per family/);
  });

  it('writes JSON with the check call sites plus costs to --out', () => {
    const out = path.join(tmp, 'nested/report.json');
    const r = cli(['report', '--format', 'json', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      version: number;
      callsPerDay: number;
      callSites: Array<Record<string, unknown> & { path: string; line: number; costPer1000: { input: number; output: number }; callsPerDay: number; priceAsOf: string }>;
      prices: Array<{ model: string; asOf: string }>;
    };
    const check = checkJson().out;
    for (const cs of check.callSites) {
      const match = report.callSites.find((s) => s.path === cs.path && s.line === cs.line);
      assert.ok(match, `${cs.path}:${cs.line}`);
      for (const [k, v] of Object.entries(cs)) assert.deepEqual(match[k], v, k);
    }
    const chat = report.callSites.find((s) => s.path === 'src/chat.mjs')!;
    assert.equal(chat.costPer1000.output, 5, '500 max tokens × $10/M × 1,000 calls');
    assert.match(chat.priceAsOf, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(report.prices.every((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.asOf)));
    // The config's per-site override applies; other sites use callsPerDay.
    assert.equal(report.callSites.find((s) => s.path === 'src/summarize.mjs')!.callsPerDay, 200);
    assert.equal(chat.callsPerDay, 1000);
  });

  it('takes --calls-per-day as the default volume', () => {
    const r = cli(['report', '--format', 'json', '--calls-per-day', '5000']);
    const report = JSON.parse(r.stdout) as { callsPerDay: number; callSites: Array<{ path: string; callsPerDay: number; dailyCost: { output: number } }> };
    assert.equal(report.callsPerDay, 5000);
    const chat = report.callSites.find((s) => s.path === 'src/chat.mjs')!;
    assert.equal(chat.callsPerDay, 5000);
    assert.equal(chat.dailyCost.output, 25);
  });

  it('prints one self-contained HTML file, and rejects an unwritable --out', () => {
    const html = cli(['report', '--format', 'html']);
    assert.equal(html.status, 0, html.stderr);
    assert.match(html.stdout, /^<!DOCTYPE html>/);
    assert.match(html.stdout, /<svg id="chart-model"/);
    assert.doesNotMatch(html.stdout, /(?:src|href)="https?:/);
    const blocker = path.join(tmp, 'file');
    fs.writeFileSync(blocker, '');
    const r = cli(['report', '--out', path.join(blocker, 'report.md')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot write/);
  });
});
