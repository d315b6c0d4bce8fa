// Shared by the report tests: the fixture workspace's report, built the way `llm-infra-lint report` builds it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { workspaceReport } from '../../server/src/cli/commands/report';
import type { Report, ReportCallSite } from '../../server/src/core/report';

export const FIXTURE = path.join(__dirname, 'fixtures', 'workspace');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM);
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const cache = new Map<string, Promise<Report>>();

/** The fixture workspace's report (config: 2,000 calls/day, 5 % failures, classify.mjs:8 at 50,000 calls/day). */
export function fixtureReport(callsPerDay?: number): Promise<Report> {
  const key = String(callsPerDay);
  let report = cache.get(key);
  if (!report) {
    const sink = { write: () => true };
    report = workspaceReport([], undefined, { cwd: FIXTURE, stderr: sink }, { callsPerDay }).then((r) => {
      if (typeof r === 'number') throw new Error(`report failed with exit code ${r}`);
      return r;
    });
    cache.set(key, report);
  }
  return report;
}

/** The call site at `file:line` (file relative to the fixture root). */
export function siteAt(report: Report, file: string, line: number): ReportCallSite {
  const s = report.callSites.find((c) => c.path === file && c.line === line);
  assert.ok(s, `no call site at ${file}:${line}; have ${report.callSites.map((c) => `${c.path}:${c.line}`).join(', ')}`);
  return s;
}

export function fixtureText(file: string): string {
  return fs.readFileSync(path.join(FIXTURE, file), 'utf8');
}

/** The contents of the one template literal assigned to `name` in a fixture file (no substitutions). */
export function constantText(file: string, name: string): string {
  const m = new RegExp(`const ${name} = \`([^\`]*)\``).exec(fixtureText(file));
  assert.ok(m, `${name} in ${file}`);
  return m[1];
}

const encoders = new Map<string, Tiktoken>();
/** tiktoken's count (the reference implementation), as encode_ordinary: special-token text is plain text. */
export function tiktokenCount(text: string, encoding: 'o200k_base' | 'cl100k_base' = 'o200k_base'): number {
  let enc = encoders.get(encoding);
  if (!enc) encoders.set(encoding, (enc = get_encoding(encoding)));
  return enc.encode_ordinary(text).length;
}

export function freeEncoders(): void {
  for (const e of encoders.values()) e.free();
  encoders.clear();
}

export function close(actual: number | null | undefined, expected: number, what = ''): void {
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < 1e-9 * Math.max(1, Math.abs(expected)), `${what}: expected ${expected}, got ${actual}`);
}

const schemaPath = path.join(__dirname, 'report.schema.json');
let validator: ReturnType<Ajv['compile']> | undefined;
/** Validates a parsed report against test/report/report.schema.json; fails with ajv's errors. */
export function assertValidReport(json: unknown, what = 'report'): void {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
  const ok = validator(json);
  assert.ok(ok, `${what} does not match report.schema.json: ${JSON.stringify(validator.errors?.slice(0, 8), null, 2)}`);
}

export function reportSchema(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
}
