// Unit tests for the check formatters over hand-built results.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { defaultConfig } from '../../server/src/core/config';
import type { LintResult } from '../../server/src/core/engine';
import { defineRule, type AnyRule } from '../../server/src/core/rule';
import type { Finding, Fix, LlmCallSite, Span } from '../../server/src/core/types';
import { formatJson, toCheckOutput, type CheckOutput } from '../../server/src/cli/formatters/json';
import { formatRulesMarkdown } from '../../server/src/cli/formatters/markdown';
import { toSarif } from '../../server/src/cli/formatters/sarif';
import { formatStylish, useColour } from '../../server/src/cli/formatters/stylish';
import { exitCode } from '../../server/src/cli/commands/check';
import { ruleMetadata } from '../../server/src/cli/commands/rules';

const ROOT = path.resolve('/work/project');
const A = path.join(ROOT, 'src', 'app.ts');
const B = path.join(ROOT, 'lib', 'b.py');

const TEXTS: Record<string, string> = {
  // Line 2 holds a non-ASCII character before the finding: columns are UTF-16 code units.
  [A]: 'import OpenAI from "openai";\nconst é = new OpenAI();\nawait é.chat.completions.create({ model: "gpt-4o", messages: [] });\n',
  [B]: 'client = OpenAI()\r\nclient.chat.completions.create(model="gpt-4o")\r\n',
};

function spanOf(file: string, needle: string): Span {
  const start = TEXTS[file].indexOf(needle);
  assert.ok(start >= 0, needle);
  return { start, end: start + needle.length };
}

function finding(file: string, needle: string, ruleId: string, severity: Finding['severity'], fix?: Fix): Finding {
  return { ruleId, family: ruleId.startsWith('missing') ? 'resilience' : 'routing', severity, path: file, span: spanOf(file, needle), message: `${ruleId} here`, ...(fix ? { fix } : {}) };
}

function callSite(file: string, needle: string): LlmCallSite {
  const span = spanOf(file, needle);
  return {
    id: `${file}#${span.start}`,
    path: file,
    language: 'typescript',
    span,
    nameSpan: span,
    provider: 'openai',
    sdk: 'openai',
    method: 'chat.completions.create',
    model: { value: 'gpt-4o', literal: true },
    streaming: false,
    args: { span: null, options: {}, hasSpread: false, callArgsSpan: span },
    prompt: [{ role: 'system', span, segments: [{ kind: 'static', text: 'You are terse.', span }] }],
    maxOutputTokens: null,
    client: null,
    enclosingFunction: null,
    retries: [],
    inSpan: false,
    usage: 'unknown',
  };
}

const FIX: Fix = { title: 'Add a timeout', edits: [{ start: 0, end: 0, newText: '' }], safety: 'safe' };

const RESULTS: LintResult[] = [
  {
    path: A,
    language: 'typescript',
    findings: [
      finding(A, 'new OpenAI()', 'missing-timeout', 'warning', FIX),
      finding(A, 'OpenAI', 'direct-provider-endpoint', 'error'),
      finding(A, 'create', 'hardcoded-model', 'info'),
    ],
    callSites: [callSite(A, 'é.chat.completions.create({ model: "gpt-4o", messages: [] })')],
    errors: [],
  },
  {
    path: B,
    language: 'python',
    findings: [finding(B, 'OpenAI()', 'missing-timeout', 'warning')],
    callSites: [],
    errors: [{ path: B, message: 'Could not analyse part of the file' }],
  },
];

function output(): CheckOutput {
  return toCheckOutput(RESULTS, {
    root: ROOT,
    config: defaultConfig(),
    textOf: (p) => TEXTS[p],
    scanErrors: [
      { path: path.join(ROOT, 'assets', 'blob.ts'), message: 'Skipped: binary file (contains NUL bytes)' },
      { path: B, message: 'Could not analyse part of the file' },
    ],
  });
}

const RULES: AnyRule[] = [
  ['missing-timeout', 'resilience', 'warning'],
  ['direct-provider-endpoint', 'routing', 'warning'],
  ['hardcoded-model', 'routing', 'info'],
].map(([id, family, severity]) =>
  defineRule({
    id,
    family: family as 'routing',
    severity: severity as 'warning',
    fixable: id === 'missing-timeout' ? 'safe' : 'none',
    languages: ['typescript', 'python'],
    docs: { summary: `Summary of ${id} | with a pipe`, why: `Why ${id} matters.`, bad: [], good: [], references: [] },
    defaultOptions: {},
    check: () => {},
  }),
);

describe('formatters: check output model', () => {
  it('resolves 1-based positions in UTF-16 columns and relative forward-slashed paths', () => {
    const out = output();
    const timeout = out.findings.find((f) => f.ruleId === 'missing-timeout' && f.path === 'src/app.ts')!;
    assert.deepEqual(
      { line: timeout.line, column: timeout.column, endLine: timeout.endLine, endColumn: timeout.endColumn },
      { line: 2, column: 11, endLine: 2, endColumn: 23 },
    );
    const py = out.findings.find((f) => f.path === 'lib/b.py')!;
    assert.deepEqual([py.line, py.column, py.endColumn], [1, 10, 18]);
    assert.equal(timeout.fixable, true);
    assert.equal(py.fixable, false);
  });

  it('sorts findings by path and position and deduplicates errors', () => {
    const out = output();
    assert.deepEqual(
      out.findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.ruleId}`),
      ['lib/b.py:1:10 missing-timeout', 'src/app.ts:1:8 direct-provider-endpoint', 'src/app.ts:2:11 missing-timeout', 'src/app.ts:3:26 hardcoded-model'],
    );
    assert.deepEqual(out.errors, [
      { path: 'assets/blob.ts', message: 'Skipped: binary file (contains NUL bytes)' },
      { path: 'lib/b.py', message: 'Could not analyse part of the file' },
    ]);
    assert.equal(out.filesScanned, 2);
  });

  it('summarises call sites with the check JSON fields only', () => {
    const [cs] = output().callSites;
    assert.deepEqual(Object.keys(cs), ['path', 'line', 'provider', 'sdk', 'model', 'staticInputTokens', 'hasDynamicInput', 'streaming']);
    assert.equal(cs.path, 'src/app.ts');
    assert.equal(cs.line, 3);
    assert.equal(cs.staticInputTokens, 4, '"You are terse." is 4 o200k_base tokens');
    assert.equal(cs.hasDynamicInput, false);
  });

  it('prints JSON that matches the schema', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, 'schemas/check-output.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    const parsed: unknown = JSON.parse(formatJson(output()));
    assert.ok(validate(parsed), JSON.stringify(validate.errors));
  });
});

describe('formatters: exit code', () => {
  const base = output();
  const only = (sev: 'warning' | 'info', n: number): CheckOutput => ({
    ...base,
    findings: Array.from({ length: n }, () => ({ ...base.findings[0], severity: sev })),
  });
  it('is 1 for errors, for warnings over the limit, else 0; info never counts', () => {
    assert.equal(exitCode(base, null), 1);
    assert.equal(exitCode(only('warning', 3), null), 0);
    assert.equal(exitCode(only('warning', 3), 3), 0);
    assert.equal(exitCode(only('warning', 3), 2), 1);
    assert.equal(exitCode(only('info', 50), 0), 0);
    assert.equal(exitCode({ ...base, findings: [] }, 0), 0);
  });
});

describe('formatters: stylish', () => {
  it('groups by file with aligned columns and a summary', () => {
    const text = formatStylish(output(), { colour: false });
    assert.equal(
      text,
      [
        'lib/b.py',
        '  1:10  warning  missing-timeout here  missing-timeout',
        '',
        'src/app.ts',
        '  1:8   error    direct-provider-endpoint here  direct-provider-endpoint',
        '  2:11  warning  missing-timeout here           missing-timeout',
        '  3:26  info     hardcoded-model here           hardcoded-model',
        '',
        '✖ 4 problems (1 error, 2 warnings, 1 info)',
        '  1 fixable with a quick fix in the editor',
        '',
        '2 file errors:',
        '  assets/blob.ts  Skipped: binary file (contains NUL bytes)',
        '  lib/b.py        Could not analyse part of the file',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to report', () => {
    const text = formatStylish({ ...output(), findings: [], errors: [] }, { colour: false });
    assert.equal(text, '✔ No problems in 2 files\n');
  });

  it('colours only when asked', () => {
    assert.match(formatStylish(output(), { colour: true }), /\u001b\[31merror/);
    assert.doesNotMatch(formatStylish(output(), { colour: false }), /\u001b/);
  });

  it('decides colour from FORCE_COLOR, NO_COLOR and the terminal', () => {
    assert.equal(useColour({ isTTY: true }, {}), true);
    assert.equal(useColour({ isTTY: false }, {}), false);
    assert.equal(useColour({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(useColour({ isTTY: true }, { NO_COLOR: '' }), true);
    assert.equal(useColour({ isTTY: false }, { FORCE_COLOR: '1' }), true);
    assert.equal(useColour({ isTTY: true }, { FORCE_COLOR: '0' }), false);
    assert.equal(useColour({ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' }), true);
    assert.equal(useColour({ isTTY: true }, { TERM: 'dumb' }), false);
  });
});

describe('formatters: sarif', () => {
  const sarif = toSarif(output(), RULES, { root: ROOT, toolVersion: '1.2.3' }) as {
    $schema: string;
    version: string;
    runs: Array<{
      tool: { driver: { name: string; version: string; informationUri: string; rules: Array<Record<string, any>> } };
      results: Array<Record<string, any>>;
      invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<Record<string, any>> }>;
      originalUriBaseIds: Record<string, { uri: string }>;
    }>;
  };
  const run = sarif.runs[0];

  it('validates against the SARIF subset schema', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, 'schemas/sarif-subset.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
  });

  it('describes the rules with docs links, levels and family tags', () => {
    const { driver } = run.tool;
    assert.equal(driver.name, 'llm-infra-lint');
    assert.equal(driver.version, '1.2.3');
    assert.deepEqual(driver.rules.map((r) => r.id), ['direct-provider-endpoint', 'hardcoded-model', 'missing-timeout']);
    const timeout = driver.rules[2];
    assert.equal(timeout.name, 'MissingTimeout');
    assert.equal(timeout.shortDescription.text, 'Summary of missing-timeout | with a pipe');
    assert.equal(timeout.fullDescription.text, 'Why missing-timeout matters.');
    assert.match(timeout.helpUri, /docs\/rules\/missing-timeout\.md$/);
    assert.equal(timeout.defaultConfiguration.level, 'warning');
    assert.deepEqual(timeout.properties.tags, ['resilience']);
    assert.equal(driver.rules[1].defaultConfiguration.level, 'note');
  });

  it('maps findings to results with 1-based regions and relative URIs', () => {
    const info = run.results.find((r) => r.ruleId === 'hardcoded-model')!;
    assert.equal(info.ruleIndex, 1);
    assert.equal(info.level, 'note');
    assert.equal(info.message.text, 'hardcoded-model here');
    assert.deepEqual(info.locations[0].physicalLocation, {
      artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 26, endLine: 3, endColumn: 32 },
    });
    assert.equal(run.results.find((r) => r.ruleId === 'direct-provider-endpoint')!.level, 'error');
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/\/.*\/$/);
  });

  it('reports file errors as tool notifications', () => {
    const [inv] = run.invocations;
    assert.equal(inv.executionSuccessful, true);
    assert.deepEqual(
      inv.toolExecutionNotifications.map((n) => [n.level, n.message.text, n.locations[0].physicalLocation.artifactLocation.uri]),
      [
        ['warning', 'Skipped: binary file (contains NUL bytes)', 'assets/blob.ts'],
        ['warning', 'Could not analyse part of the file', 'lib/b.py'],
      ],
    );
  });

  it('percent-encodes unusual characters in URIs but keeps slashes', () => {
    const odd = toSarif({ ...output(), findings: [{ ...output().findings[0], path: 'my dir/a#b.ts' }] }, RULES, { root: ROOT, toolVersion: '1.0.0' }) as typeof sarif;
    assert.equal(odd.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'my%20dir/a%23b.ts');
  });
});

describe('formatters: rules', () => {
  it('prints a markdown table with escaped pipes', () => {
    const md = formatRulesMarkdown(RULES);
    assert.match(md, /\| Rule \| Family \| Severity \| Fixable \| Summary \|/);
    assert.ok(md.includes('| [`missing-timeout`](https://github.com/llm-infra-lint/llm-infra-lint/blob/main/docs/rules/missing-timeout.md) | resilience | warning | safe | Summary of missing-timeout \\| with a pipe |'));
    assert.ok(md.includes('| [`hardcoded-model`]('));
  });

  it('lists metadata sorted by id', () => {
    const meta = ruleMetadata(RULES);
    assert.deepEqual(meta.map((m) => m.id), ['direct-provider-endpoint', 'hardcoded-model', 'missing-timeout']);
    assert.equal(meta[2].summary, 'Summary of missing-timeout | with a pipe');
    assert.equal(meta[2].fixable, 'safe');
  });
});
