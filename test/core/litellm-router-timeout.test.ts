// A LiteLLM Router given no timeout falls back on the module setting litellm.request_timeout (6000 s by default):
// set anywhere in the app (a settings module), it bounds the router's calls (audit 102, paper-qa).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const ROUTER = `from litellm import Router

router = Router(model_list=[{"model_name": "chat", "litellm_params": {"model": "gpt-4o-mini"}}])


async def answer(messages):
    response = await router.acompletion(model="chat", messages=messages)
    return response.choices[0].message.content, response.usage
`;

async function missingTimeout(files: Record<string, string>): Promise<string[]> {
  const { engine, root } = await engineFor({ 'app/llm.py': ROUTER, ...files });
  return engine.lint(path.join(root, 'app/llm.py')).findings.filter((f) => f.ruleId === 'missing-timeout').map((f) => f.message);
}

describe('LiteLLM Router timeout', () => {
  it('is bounded by litellm.request_timeout set in another module', async () => {
    assert.deepEqual(await missingTimeout({ 'app/settings.py': 'import litellm\n\nlitellm.request_timeout = 60\n' }), []);
  });

  it('near miss: reading the setting sets nothing', async () => {
    assert.deepEqual(await missingTimeout({ 'app/settings.py': 'import litellm\n\nprint(litellm.request_timeout == 6000)\n' }), [
      "LiteLLM Router has no timeout, so a stalled request waits LiteLLM's default (litellm.request_timeout) of 6000 s per attempt, up to 18000 s across 3 attempts",
    ]);
  });

  it('is bounded by a timeout on every call through it', async () => {
    assert.deepEqual(await missingTimeout({ 'app/llm.py': ROUTER.replace('messages=messages)', 'messages=messages, timeout=30)') }), []);
  });
});
