// Instrumentation records calls of its own language only: a Python instrumentor in one service traces no Node
// process in another (audit 72: a worker's opentelemetry-instrumentation-openai silenced the API's untraced calls).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const TS_CALL = `import OpenAI from 'openai';

const client = new OpenAI({ timeout: 30_000 });

export async function ask(q: string) {
  const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });
  return r.choices[0].message.content;
}
`;

const PY_CALL = `from openai import OpenAI

client = OpenAI(timeout=30)


def ask(q: str) -> str:
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])
    return r.choices[0].message.content
`;

async function telemetry(files: Record<string, string>, rel: string) {
  const { engine, root } = await engineFor(files);
  return engine.lint(path.join(root, rel)).findings.filter((f) => f.ruleId === 'untraced-llm-call' || f.ruleId === 'usage-discarded');
}

describe('instrumentation by language', () => {
  it("a Python instrumentor in the worker's requirements does not trace the API's TypeScript calls", async () => {
    const findings = await telemetry(
      {
        'services/worker/requirements.txt': 'openai>=1.40\nopentelemetry-instrumentation-openai-v2==2.1b0\n',
        'services/worker/app.py': PY_CALL,
        'services/api/package.json': '{"dependencies":{"openai":"^4.60.0"}}',
        'services/api/src/llm.ts': TS_CALL,
      },
      'services/api/src/llm.ts',
    );
    assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['untraced-llm-call', 'usage-discarded']);
    assert.match(findings.find((f) => f.ruleId === 'untraced-llm-call')!.message, /the project's GenAI instrumentation is for Python code only/);
  });

  it('near miss: the worker itself is traced, and a JS instrumentation package traces the API', async () => {
    assert.deepEqual(await telemetry({ 'services/worker/requirements.txt': 'opentelemetry-instrumentation-openai-v2==2.1b0\n', 'services/worker/app.py': PY_CALL }, 'services/worker/app.py'), []);
    const api = { 'services/api/package.json': '{"dependencies":{"openai":"^4.60.0","@opentelemetry/instrumentation-openai":"^0.5.0"}}', 'services/api/src/llm.ts': TS_CALL };
    assert.deepEqual(await telemetry(api, 'services/api/src/llm.ts'), []);
  });

  it('an environment switch counts for both languages', async () => {
    const files = { 'docker-compose.yml': 'services:\n  api:\n    environment:\n      DD_LLMOBS_ENABLED: "1"\n', 'api/llm.ts': TS_CALL, 'worker/app.py': PY_CALL };
    assert.deepEqual(await telemetry(files, 'api/llm.ts'), []);
    assert.deepEqual(await telemetry(files, 'worker/app.py'), []);
  });
});
