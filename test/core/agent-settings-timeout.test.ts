// An Agents SDK or pydantic-ai agent whose model settings carry a timeout gives every request of its runs one: the
// client behind its model is then bounded, wherever the agents are (audit 123).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const DEFAULT_CLIENT = `import os

from agents import set_default_openai_client
from openai import AsyncOpenAI

client = AsyncOpenAI(base_url=os.environ["LLM_BASE_URL"])
set_default_openai_client(client)
`;

const TIMED_AGENT = `from agents import Agent, ModelSettings

triage = Agent(name="triage", model="gpt-4.1-mini", model_settings=ModelSettings(extra_args={"timeout": 60}))
`;

const UNTIMED_AGENT = `from agents import Agent

helper = Agent(name="helper", instructions="x")
`;

const MODEL_MODULE = `import os

from openai import AsyncOpenAI
from pydantic_ai.models.openai import OpenAIChatModel
from pydantic_ai.providers.openai import OpenAIProvider

client = AsyncOpenAI(base_url=os.environ["LLM_BASE_URL"])
model = OpenAIChatModel("m", provider=OpenAIProvider(openai_client=client))
`;

async function missingTimeout(files: Record<string, string>, at: string): Promise<string[]> {
  const { engine, root } = await engineFor(files);
  return engine.lint(path.join(root, at)).findings.filter((f) => f.ruleId === 'missing-timeout').map((f) => f.message);
}

const REPORTED = 'AsyncOpenAI client has no timeout, so a stalled request waits the SDK default of 600 s per attempt, up to 1800 s across 3 attempts';

describe('agent model settings timeout', () => {
  it('bounds the default client of the Agents SDK when every agent without a model object sets one', async () => {
    assert.deepEqual(await missingTimeout({ 'app/llm.py': DEFAULT_CLIENT, 'app/agents_def.py': TIMED_AGENT }, 'app/llm.py'), []);
  });

  it('near miss: another agent on the default client sets none', async () => {
    assert.deepEqual(await missingTimeout({ 'app/llm.py': DEFAULT_CLIENT, 'app/agents_def.py': TIMED_AGENT, 'app/helper.py': UNTIMED_AGENT }, 'app/llm.py'), [REPORTED]);
  });

  it('near miss: a client never made the default is not used by model-string agents', async () => {
    const notDefault = DEFAULT_CLIENT.replace('set_default_openai_client(client)\n', '');
    assert.deepEqual(await missingTimeout({ 'app/llm.py': notDefault, 'app/agents_def.py': TIMED_AGENT }, 'app/llm.py'), [REPORTED]);
  });

  it('bounds a client whose model and agent share a module', async () => {
    const own = MODEL_MODULE + 'agent = Agent(model, model_settings={"timeout": 30})\n';
    const withAgent = own.replace('from pydantic_ai.models', 'from pydantic_ai import Agent\nfrom pydantic_ai.models');
    assert.deepEqual(await missingTimeout({ 'app/__init__.py': '', 'app/llm.py': withAgent }, 'app/llm.py'), []);
  });

  it('near miss: another module imports the model, and an agent built there is not followed', async () => {
    const own = MODEL_MODULE.replace('from pydantic_ai.models', 'from pydantic_ai import Agent\nfrom pydantic_ai.models') + 'agent = Agent(model, model_settings={"timeout": 30})\n';
    const other = 'from app.llm import model\nfrom pydantic_ai import Agent\n\nbare = Agent(model)\n';
    assert.deepEqual(await missingTimeout({ 'app/__init__.py': '', 'app/llm.py': own, 'app/other.py': other }, 'app/llm.py'), [REPORTED]);
  });
});
