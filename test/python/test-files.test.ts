// pytest modules, conftest fixtures and mocks call patched clients: their calls are not production traffic.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { isTestPath } from '../../server/src/core/test-paths';
import { initPython } from '../../server/src/languages/python/parser';
import { engineFor } from '../helpers/lint';

before(initPython);

async function lint(files: Record<string, string>, rel: string) {
  const { engine, root } = await engineFor(files);
  const result = engine.lint(path.join(root, rel));
  return { facts: engine.facts(path.join(root, rel))!, findings: result.findings };
}

const CODE = `from openai import OpenAI

client = OpenAI(base_url="https://api.openai.com/v1", api_key="sk-proj-Zq8xW2vR5tY7uI0oP3aS6dF9gH1jK4lM")


def ask(q):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
`;

describe('Python test files', () => {
  it('keeps calls, clients and endpoints of test modules out of the facts, but not their keys', async () => {
    for (const rel of ['tests/test_chat.py', 'app/chat_test.py', 'conftest.py', 'app/tests/helpers.py', 'app/mocks/llm.py']) {
      const { facts, findings } = await lint({ [rel]: CODE }, rel);
      assert.equal(facts.callSites.length, 0, rel);
      assert.equal(facts.clients.length, 0, rel);
      assert.equal(facts.endpoints.length, 0, rel);
      assert.equal(facts.secrets.length, 1, rel);
      assert.deepEqual([...new Set(findings.map((f) => f.ruleId))], ['hardcoded-api-key'], rel);
    }
    const prod = await lint({ 'app/chat.py': CODE }, 'app/chat.py');
    assert.equal(prod.facts.callSites.length, 1);
    assert.ok(prod.findings.some((f) => f.ruleId === 'missing-timeout'));
  });

  it('judges the path from the project folder, so a project checked out under tests/ is still production code', async () => {
    const rel = 'tests/vendored-app/app/chat.py';
    const { facts } = await lint({ [rel]: CODE, 'tests/vendored-app/pyproject.toml': '[project]\nname = "app"\n' }, rel);
    assert.equal(facts.callSites.length, 1);
  });

  it('tells test paths from production paths by language', () => {
    for (const p of ['tests/test_x.py', 'test/x.py', 'pkg/x_test.py', 'conftest.py', 'a/fixtures/llm.py']) assert.ok(isTestPath(p, 'python'), p);
    for (const p of ['app/testing_utils.py', 'app/contest.py', 'latest/x.py', 'app/attest.py', 'app/x.test.ts']) assert.ok(!isTestPath(p, 'python'), p);
    for (const p of ['src/x.test.ts', 'src/__tests__/x.ts', 'e2e/x.ts', 'src/x.stories.tsx']) assert.ok(isTestPath(p, 'typescript'), p);
    for (const p of ['src/latest/x.ts', 'src/contest.ts', 'src/test_x.py']) assert.ok(!isTestPath(p, 'typescript'), p);
  });
});
