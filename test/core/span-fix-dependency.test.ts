// The span fix imports OpenTelemetry: its title says so when the project does not depend on it yet.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const APP = 'from openai import OpenAI\n\nclient = OpenAI(timeout=30)\n\n\ndef ask(q):\n    r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])\n    return r.choices[0].message.content, r.usage\n';

async function title(requirements: string): Promise<string | undefined> {
  const { engine, root } = await engineFor({ 'app.py': APP, 'requirements.txt': requirements });
  await engine.scan();
  return engine.lint(path.join(root, 'app.py')).findings.find((f) => f.ruleId === 'untraced-llm-call')?.fix?.title;
}

describe('untraced-llm-call: the span fix and its dependency', () => {
  it('names the package when the requirements lack it', async () => {
    assert.match((await title('openai==1.50.0\nfastapi\n')) ?? '', /CLIENT span \(needs the opentelemetry-api package\)$/);
  });

  it('says nothing more when the project already depends on OpenTelemetry', async () => {
    assert.match((await title('openai==1.50.0\nopentelemetry-api==1.27.0\n')) ?? '', /CLIENT span$/);
  });
});

describe('calls through a LiteLLM gateway that only keeps metrics', () => {
  it('are still untraced, but their usage is recorded', async () => {
    const { engine, root } = await engineFor({
      'app.py': 'from openai import OpenAI\n\nclient = OpenAI(base_url="http://litellm:4000/v1", timeout=30)\n\n\ndef ask(q):\n    return client.chat.completions.create(model="chat", messages=[{"role": "user", "content": q}]).choices[0].message.content\n',
      'litellm/config.yaml': 'model_list:\n  - model_name: chat\n    litellm_params: {model: openai/gpt-4o-mini}\nlitellm_settings:\n  success_callback: ["prometheus"]\n',
    });
    const rules = engine.lint(path.join(root, 'app.py')).findings.map((f) => f.ruleId);
    assert.ok(rules.includes('untraced-llm-call'), rules.join(', '));
    assert.ok(!rules.includes('usage-discarded'), rules.join(', '));
  });
});
