// Langfuse records model calls through its OpenAI wrapper and its LangChain handler; its bare client records only
// the generations the code writes itself (audit 105: RAGFlow's `from langfuse import Langfuse` silenced
// usage-discarded and untraced-llm-call in every module).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const PY_CALL = `from openai import OpenAI

client = OpenAI(timeout=30)


def ask(q: str) -> str:
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])
    return r.choices[0].message.content
`;

const TS_CALL = `import OpenAI from 'openai';

const client = new OpenAI({ timeout: 30_000 });

export async function ask(q: string) {
  const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });
  return r.choices[0].message.content;
}
`;

async function telemetry(files: Record<string, string>, rel: string): Promise<string[]> {
  const { engine, root } = await engineFor(files);
  return engine
    .lint(path.join(root, rel))
    .findings.filter((f) => f.ruleId === 'untraced-llm-call' || f.ruleId === 'usage-discarded')
    .map((f) => f.ruleId)
    .sort();
}

describe('Langfuse as instrumentation', () => {
  it('the bare Python client, declared and imported elsewhere, traces nothing', async () => {
    const files = {
      'requirements.txt': 'openai>=1.40\nlangfuse>=2.50\n',
      'services/tracing.py': 'from langfuse import Langfuse\n\nlangfuse = Langfuse()\n',
      'services/chat.py': PY_CALL,
    };
    assert.deepEqual(await telemetry(files, 'services/chat.py'), ['untraced-llm-call', 'usage-discarded']);
  });

  it('near miss: its OpenAI drop-in and its LangChain handler count', async () => {
    for (const setup of ['from langfuse.openai import openai\n', 'from langfuse.callback import CallbackHandler\n\nhandler = CallbackHandler()\n', 'from langfuse.langchain import CallbackHandler\n']) {
      assert.deepEqual(await telemetry({ 'services/tracing.py': setup, 'services/chat.py': PY_CALL }, 'services/chat.py'), [], setup);
    }
  });

  it('its observe decorator traces the calls but records no tokens (audit 121)', async () => {
    // A project tracing its steps with `observe` has spans (WrenAI reaches its model calls through a pipeline driver),
    // but the usage of a call reaches Langfuse only through its integrations or from the code.
    for (const setup of ['from langfuse.decorators import observe\n', 'from langfuse import observe\n']) {
      assert.deepEqual(await telemetry({ 'services/tracing.py': setup, 'services/chat.py': PY_CALL }, 'services/chat.py'), ['usage-discarded'], setup);
    }
  });

  it('its integrations record only the calls that go through them: not an anthropic call (audit 121, seer)', async () => {
    const anthropicCall = `import anthropic\n\nclient = anthropic.Anthropic(timeout=30)\n\n\ndef ask(q: str) -> str:\n    r = client.messages.create(model="claude-sonnet-4-5", max_tokens=256, messages=[{"role": "user", "content": q}])\n    return r.content[0].text\n`;
    const chain = `from langchain_anthropic import ChatAnthropic\n\nllm = ChatAnthropic(model="claude-sonnet-4-5", timeout=30)\n\n\ndef ask(q: str) -> str:\n    return llm.invoke(q).content\n`;
    for (const setup of ['from langfuse.openai import openai\n', 'from langfuse.callback import CallbackHandler\n\nhandler = CallbackHandler()\n']) {
      const files = { 'services/tracing.py': setup, 'services/chat.py': PY_CALL, 'services/claude.py': anthropicCall, 'services/chain.py': chain };
      assert.deepEqual(await telemetry(files, 'services/claude.py'), ['usage-discarded'], setup);
      assert.deepEqual(await telemetry(files, 'services/chat.py'), [], setup);
    }
    // A LangChain run, whatever its provider, reaches the handler.
    const handler = { 'services/tracing.py': 'from langfuse.callback import CallbackHandler\n\nhandler = CallbackHandler()\n', 'services/chain.py': chain };
    assert.deepEqual(await telemetry(handler, 'services/chain.py'), []);
  });

  it('the bare npm client traces nothing; observeOpenAI does', async () => {
    const bare = { 'package.json': '{"dependencies":{"openai":"^4.60.0","langfuse":"^3.30.0"}}', 'src/tracing.ts': "import { Langfuse } from 'langfuse';\n\nexport const langfuse = new Langfuse();\n", 'src/llm.ts': TS_CALL };
    assert.deepEqual(await telemetry(bare, 'src/llm.ts'), ['untraced-llm-call', 'usage-discarded']);
    const wrapped = { ...bare, 'src/tracing.ts': "import OpenAI from 'openai';\nimport { observeOpenAI } from 'langfuse';\n\nexport const traced = observeOpenAI(new OpenAI({ timeout: 30_000 }));\n" };
    assert.deepEqual(await telemetry(wrapped, 'src/llm.ts'), []);
  });
});
