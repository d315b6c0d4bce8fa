// The JSON report matches its schema (test/report/report.schema.json) and its documentation (docs/report.md).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../server/src/core/config';
import { buildReport, renderJson } from '../../server/src/core/report';
import { workspaceReport } from '../../server/src/cli/commands/report';
import { PROVIDER_IDS } from '../../server/src/core/types';
import { assertValidReport, fixtureReport, reportSchema } from './helpers';

const DOCS = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'report.md'), 'utf8');

describe('report JSON', () => {
  it('lists every provider id in the schema', () => {
    const defs = (reportSchema() as { definitions: Record<string, { enum?: string[] }> }).definitions;
    assert.deepEqual([...(defs.provider.enum ?? [])].sort(), [...PROVIDER_IDS].sort());
  });

  it('matches the schema for the fixture workspace', async () => {
    assertValidReport(JSON.parse(renderJson(await fixtureReport())), 'fixture report');
  });

  it('matches the schema for examples/', async () => {
    const sink = { write: () => true };
    const report = await workspaceReport(['examples'], undefined, { cwd: path.join(__dirname, '..', '..'), stderr: sink });
    assert.notEqual(typeof report, 'number');
    assertValidReport(JSON.parse(renderJson(report as Exclude<typeof report, number>)), 'examples report');
  });

  it('matches the schema for an empty workspace and one with only errors', () => {
    const empty = buildReport([], defaultConfig(), { root: '/w' });
    assertValidReport(JSON.parse(renderJson(empty)), 'empty report');
    assert.deepEqual(empty.summary, { topCosts: [], topSavings: [] });
    assert.equal(empty.totals.dailyCost.total, null);
    const errors = buildReport([{ path: '/w/a.py', language: 'python', findings: [], callSites: [], errors: [{ path: '/w/a.py', message: 'Could not parse' }] }], defaultConfig(), { root: '/w' });
    assertValidReport(JSON.parse(renderJson(errors)), 'errors-only report');
  });

  it('leaves out the editor\'s quick-fix time-budget notices, which say nothing of costs', () => {
    const results = [{ path: '/w/a.py', language: 'python' as const, findings: [], callSites: [], errors: [{ path: '/w/a.py', message: 'Quick fixes were left out', fixesOnly: true }, { path: '/w/a.py', message: 'Could not parse' }] }];
    assert.deepEqual(buildReport(results, defaultConfig(), { root: '/w' }).errors, [{ path: 'a.py', message: 'Could not parse' }]);
  });

  it('the schema is strict: an unknown field or a wrong type fails', async () => {
    const json = JSON.parse(renderJson(await fixtureReport())) as Record<string, unknown> & { callSites: Array<Record<string, unknown>> };
    assert.throws(() => assertValidReport({ ...json, extra: 1 }));
    const site = { ...json.callSites[0], staticInputTokens: '12' };
    assert.throws(() => assertValidReport({ ...json, callSites: [site] }));
  });

  it('is documented: docs/report.md names every field of the schema', () => {
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.properties && typeof o.properties === 'object') for (const k of Object.keys(o.properties)) names.add(k);
      for (const v of Object.values(o)) walk(v);
    };
    walk(reportSchema());
    const missing = [...names].filter((n) => !new RegExp(`\\b${n}\\b`).test(DOCS));
    assert.deepEqual(missing, [], 'fields missing from docs/report.md');
  });
});
