// `import openai` then `openai.chat.completions.create(...)`: the package's default client.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initPython } from '../../server/src/languages/python/parser';
import { engineFor } from '../helpers/lint';

before(initPython);

const CALL = 'import openai\n\n\ndef ask(q):\n    return openai.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])\n';

async function timeoutFindings(files: Record<string, string>) {
  const { engine, root } = await engineFor(files);
  const p = path.join(root, 'app/chat.py');
  return { facts: engine.facts(p)!, findings: engine.lint(p).findings.filter((f) => f.ruleId === 'missing-timeout') };
}

describe("the openai module's default client", () => {
  it('is told apart from a client object, and a call without a timeout is reported with the SDK defaults', async () => {
    const { facts, findings } = await timeoutFindings({ 'app/chat.py': CALL });
    assert.equal(facts.callSites[0]?.moduleClient, true);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /default client, which has no timeout here, so a stalled request waits the SDK default of 600 s per attempt, up to 1800 s across 3 attempts/);
  });

  it('stays silent when the workspace configures the module (openai.timeout = …), in this file or another', async () => {
    assert.equal((await timeoutFindings({ 'app/chat.py': `import openai\nopenai.timeout = 30\n${CALL.slice('import openai\n'.length)}` })).findings.length, 0);
    assert.equal((await timeoutFindings({ 'app/chat.py': CALL, 'app/config.py': 'import openai\n\nopenai.timeout: float = 45.0\n' })).findings.length, 0);
  });

  it('is not a client object it cannot see: `client.chat.completions.create` with an unresolved client stays silent', async () => {
    const { facts, findings } = await timeoutFindings({ 'app/chat.py': 'from app.deps import client\n\n\ndef ask(q):\n    return client.chat.completions.create(model="gpt-4o", messages=[])\n' });
    assert.notEqual(facts.callSites[0]?.moduleClient, true);
    assert.equal(findings.length, 0);
  });
});
