// `llm-infra-lint/workspaceReport` over stdio against dist/server.js: the same report as the CLI, plus HTML and
// the root a client needs to open call sites.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { renderJson } from '../../server/src/core/report';
import type { WorkspaceReportResult } from '../../server/src/protocol/protocol';
import { pullCapabilities, SERVER, TestClient } from '../lsp/fixtures/lsp-client';
import { assertValidReport, FIXTURE, fixtureReport } from './helpers';

describe('workspaceReport over LSP', { skip: fs.existsSync(SERVER) ? false : `${SERVER} is missing: run npm run build` }, () => {
  let c: TestClient;
  before(async () => {
    c = await TestClient.start({ capabilities: pullCapabilities, root: FIXTURE });
  });
  after(() => c?.kill());

  it('answers with markdown, schema-valid JSON equal to the CLI report, the root, and HTML when asked', async () => {
    const result = (await c.conn.sendRequest('llm-infra-lint/workspaceReport', { format: 'html' })) as WorkspaceReportResult;
    assert.match(result.markdown, /^# LLM token-cost report/);
    assert.equal(result.root, FIXTURE);
    assertValidReport(result.json, 'LSP report');
    assert.deepEqual(result.json, JSON.parse(renderJson(await fixtureReport())), 'the server and the CLI build the same report');
    assert.match(result.html ?? '', /^<!DOCTYPE html>/);
    assert.match(result.html ?? '', /<svg id="chart-file"/);
  });

  it('leaves HTML out unless asked and applies callsPerDay', async () => {
    const result = (await c.conn.sendRequest('llm-infra-lint/workspaceReport', { format: 'json', callsPerDay: 10 })) as WorkspaceReportResult;
    assert.equal(result.html, undefined);
    assert.equal((result.json as { callsPerDay: number }).callsPerDay, 10);
  });
});
