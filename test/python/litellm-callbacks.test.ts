// LiteLLM logs every SDK call to the callbacks registered in code (audit 108: Agenta's
// `litellm.callbacks = [ag.callbacks.litellm_handler()]`; LiteLLM's documented `litellm.callbacks = ["otel"]`).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const CALL = `import litellm


async def generate(messages: list):
    response = await litellm.acompletion(model="gpt-4o", messages=messages, timeout=60)
    return response.choices[0].message.content
`;

async function telemetry(setup: string, call = CALL): Promise<string[]> {
  const { engine, root } = await engineFor({ 'app/observability.py': setup, 'app/chat.py': call });
  return engine
    .lint(path.join(root, 'app/chat.py'))
    .findings.filter((f) => f.ruleId === 'untraced-llm-call' || f.ruleId === 'usage-discarded')
    .map((f) => f.ruleId)
    .sort();
}

describe('LiteLLM callbacks registered in code', () => {
  it('a tracing callback or a handler object records every LiteLLM call', async () => {
    assert.deepEqual(await telemetry('import litellm\n\nlitellm.callbacks = ["otel"]\n'), []);
    assert.deepEqual(await telemetry('import litellm\n\nlitellm.success_callback = ["langfuse"]\n'), []);
    assert.deepEqual(await telemetry('import litellm\nfrom agenta import callbacks\n\nlitellm.callbacks = [callbacks.litellm_handler()]\n'), []);
  });

  it('near miss: a metrics-only callback keeps the usage but no trace', async () => {
    assert.deepEqual(await telemetry('import litellm\n\nlitellm.callbacks = ["prometheus"]\n'), ['untraced-llm-call']);
  });

  it('near miss: none registered, an empty list, a commented-out line, or an OpenAI SDK call', async () => {
    assert.deepEqual(await telemetry('import litellm\n\nlitellm.callbacks = []\n# litellm.callbacks = ["otel"]\n'), ['untraced-llm-call', 'usage-discarded']);
    const openai = 'from openai import AsyncOpenAI\n\nclient = AsyncOpenAI(timeout=60)\n\n\nasync def generate(messages: list):\n    response = await client.chat.completions.create(model="gpt-4o", messages=messages)\n    return response.choices[0].message.content\n';
    assert.deepEqual(await telemetry('import litellm\n\nlitellm.callbacks = ["otel"]\n', openai), ['untraced-llm-call', 'usage-discarded']);
  });
});
