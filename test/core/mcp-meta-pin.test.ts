// `session.call_tool(..., meta=…)` needs mcp ≥ 1.19: a project pinned below it keeps the finding but gets no fix.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const CLIENT = fs.readFileSync(path.join(__dirname, '../fixtures/untraced-mcp-call/invalid.py'), 'utf8');

async function fixOf(requirements: string) {
  const { engine, root } = await engineFor({ 'requirements.txt': requirements, 'client.py': CLIENT });
  const findings = engine.lint(path.join(root, 'client.py')).findings.filter((f) => f.ruleId === 'untraced-mcp-call' && /MCP tool call/.test(f.message));
  assert.ok(findings.length > 0);
  return findings.some((f) => f.fix);
}

describe('untraced-mcp-call fix and the mcp pin', () => {
  it('is offered with mcp 1.19 or newer, or no pin, and left out below 1.19', async () => {
    assert.equal(await fixOf('mcp==1.6.0\nopentelemetry-api==1.27.0\n'), false);
    assert.equal(await fixOf('mcp>=1.19,<2\nopentelemetry-api==1.27.0\n'), true);
    assert.equal(await fixOf('mcp\nopentelemetry-api\n'), true);
  });
});
