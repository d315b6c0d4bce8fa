// Agent frameworks as call sites: the OpenAI Agents SDK and pydantic-ai `Agent(…)` constructions (`agent: true`).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';
import { analyzeSnippet, initPython } from './helpers';

before(initPython);

const AGENTS_APP = `from agents import Agent, Runner

triage = Agent(name="Triage", instructions="Route the request.", model="gpt-4o")


async def route(text: str) -> str:
    result = await Runner.run(triage, text)
    return result.final_output
`;

async function untraced(files: Record<string, string>, file = 'app.py'): Promise<string[]> {
  const { engine, root } = await engineFor(files);
  return engine.lint(path.join(root, file)).findings.filter((f) => f.ruleId === 'untraced-llm-call').map((f) => f.message);
}

describe('agent sites', () => {
  it('reads the model, its provider and the retries around the runs of each framework', () => {
    const facts = analyzeSnippet(`import asyncio
from agents import Agent, Runner
from pydantic_ai import Agent as PydanticAgent

helper = Agent(name="Helper", instructions="Help.", model="litellm/anthropic/claude-3-5-sonnet-20240620")
writer = PydanticAgent("anthropic:claude-3-5-sonnet-latest", system_prompt="Write.")


async def run_helper(q: str):
    for attempt in range(3):
        try:
            return await Runner.run(helper, q)
        except Exception:
            await asyncio.sleep(2 ** attempt)


def write(q: str):
    return writer.run_sync(q).output
`);
    const [helper, writer] = facts.callSites;
    assert.deepEqual([helper.sdk, helper.agent, helper.provider, helper.model.value, helper.model.literal, helper.usage, helper.streaming], ['openai-agents', true, 'anthropic', 'anthropic/claude-3-5-sonnet-20240620', true, 'unknown', null]);
    assert.equal(helper.retries.length, 1);
    assert.equal(helper.retries[0].kind, 'loop');
    assert.deepEqual([writer.sdk, writer.agent, writer.provider, writer.model.value, writer.retries.length], ['pydantic-ai', true, 'anthropic', 'claude-3-5-sonnet-latest', 0]);
  });

  it('is no site for a workspace package named agents, nor for an Agent of another package', async () => {
    const { engine, root } = await engineFor({
      'app.py': AGENTS_APP,
      'agents/__init__.py': 'class Agent:\n    def __init__(self, **kw):\n        self.kw = kw\n\n\nclass Runner:\n    pass\n',
      'crew.py': 'from crewai import Agent\n\nwriter = Agent(role="writer", goal="write", backstory="", llm="gpt-4o")\n',
    });
    assert.deepEqual(engine.lint(path.join(root, 'app.py')).findings.map((f) => f.ruleId), []);
    // CrewAI's Agent is no OpenAI Agents SDK site: only the LLM CrewAI builds from its model name is reported (audit 178).
    const crew = engine.lint(path.join(root, 'crew.py')).findings;
    assert.deepEqual(crew.map((f) => f.ruleId).sort(), ['hardcoded-model', 'missing-timeout']);
    assert.ok(crew.every((f) => f.message.includes('CrewAI Agent')), crew.map((f) => f.message).join('\n'));
  });

  // Audit 132 (mlennie/openai-agents-sdk-legal-assistant): agents live in the app's own `app/agents/` package, whose
  // empty `__init__.py` binds no `Agent`, so `from agents import Agent` there is the SDK.
  const LEGAL_AGENT = 'from agents import Agent\n\n\ndef create_legal_agent():\n    return Agent(name="Legal Agent", instructions="Answer.", model="gpt-4o")\n';
  const rulesOn = async (files: Record<string, string>, file: string): Promise<string[]> => {
    const { engine, root } = await engineFor(files);
    return engine.lint(path.join(root, file)).findings.map((f) => f.ruleId);
  };

  it('is a site in an app package named agents that does not define the imported name', async () => {
    for (const init of ['', '"""The app\'s agents."""\n', 'from .legal_agent import create_legal_agent\n']) {
      const files = { 'run.py': 'from app.app import app\n', 'app/__init__.py': '', 'app/agents/__init__.py': init, 'app/agents/legal_agent.py': LEGAL_AGENT };
      assert.deepEqual(await rulesOn(files, 'app/agents/legal_agent.py'), ['hardcoded-model'], JSON.stringify(init));
    }
  });

  it('stays the workspace package when it may bind the name (a wildcard import, a module __getattr__, a mention)', async () => {
    for (const init of ['from .base import *\n', 'def __getattr__(name):\n    return _load(name)\n', '__all__ = ["Agent"]\n']) {
      const files = { 'app/__init__.py': '', 'app/agents/__init__.py': init, 'app/agents/legal_agent.py': LEGAL_AGENT };
      assert.deepEqual(await rulesOn(files, 'app/agents/legal_agent.py'), [], JSON.stringify(init));
    }
  });

  it('still reads a submodule of the workspace package as the module it is', async () => {
    const files = {
      'agents/__init__.py': '',
      'agents/crew.py': 'from crewai import Agent\n\nwriter = Agent(role="writer", goal="write", backstory="", llm="gpt-4o")\n',
      'api/tasks.py': 'from agents import crew\n\n\ndef run(q):\n    return crew.writer.kickoff(q)\n',
    };
    assert.deepEqual(await rulesOn(files, 'api/tasks.py'), []);
    assert.deepEqual((await rulesOn(files, 'agents/crew.py')).sort(), ['hardcoded-model', 'missing-timeout']);
  });
});

describe('untraced-llm-call on OpenAI Agents SDK agents', () => {
  it('stays silent while the SDK traces its runs', async () => {
    assert.deepEqual(await untraced({ 'app.py': AGENTS_APP, 'main.py': '# set_tracing_disabled(True)\nimport os\nflag = os.getenv("OPENAI_AGENTS_DISABLE_TRACING", "1")\n' }), []);
  });

  it('reports agents once tracing is turned off in code', async () => {
    const off = 'from agents import set_tracing_disabled\n\nset_tracing_disabled(disabled=True)\n';
    const messages = await untraced({ 'app.py': AGENTS_APP, 'main.py': off });
    assert.equal(messages.length, 1);
    assert.match(messages[0], /tracing turned off \(set_tracing_disabled\(True\)\)/);
  });

  it('reports agents once OPENAI_AGENTS_DISABLE_TRACING turns tracing off', async () => {
    assert.equal((await untraced({ 'app.py': AGENTS_APP, '.env.example': 'OPENAI_AGENTS_DISABLE_TRACING=true\n' })).length, 1);
    assert.equal((await untraced({ 'app.py': AGENTS_APP, 'main.py': 'import os\nos.environ.setdefault("OPENAI_AGENTS_DISABLE_TRACING", "1")\n' })).length, 1);
  });

  it('does not take a test suite\'s switch for the served process (audit 117)', async () => {
    const off = 'from agents import set_tracing_disabled\n\nset_tracing_disabled(True)\n';
    const env = 'import os\nos.environ["OPENAI_AGENTS_DISABLE_TRACING"] = "1"\n';
    for (const test of ['tests/conftest.py', 'conftest.py', 'test_bot.py', 'app/bot_test.py', 'tests/helpers.py']) {
      assert.deepEqual(await untraced({ 'app.py': AGENTS_APP, [test]: off }), [], test);
      assert.deepEqual(await untraced({ 'app.py': AGENTS_APP, [test]: env }), [], test);
    }
    for (const envFile of ['.env.test', '.env.testing', '.env.test.local', 'test.env', 'tests/.env']) {
      assert.deepEqual(await untraced({ 'app.py': AGENTS_APP, [envFile]: 'OPENAI_AGENTS_DISABLE_TRACING=1\n' }), [], envFile);
    }
    // Near misses: production modules and env files whose names only look like tests.
    assert.equal((await untraced({ 'app.py': AGENTS_APP, 'app/testing_tools.py': off })).length, 1);
    assert.equal((await untraced({ 'app.py': AGENTS_APP, 'contest.py': off })).length, 1);
    assert.equal((await untraced({ 'app.py': AGENTS_APP, '.env.production': 'OPENAI_AGENTS_DISABLE_TRACING=1\n' })).length, 1);
    assert.equal((await untraced({ 'app.py': AGENTS_APP, 'deploy/.env': 'OPENAI_AGENTS_DISABLE_TRACING=1\n' })).length, 1);
  });
});

describe('hardcoded-model on agent settings', () => {
  async function fixes(text: string): Promise<Array<string | null>> {
    const { engine, root } = await engineFor({ 'agent.py': text });
    const findings = engine.lint(path.join(root, 'agent.py')).findings.filter((f) => f.ruleId === 'hardcoded-model');
    return findings.map((f) => f.fix?.edits[0]?.newText ?? null);
  }
  const agent = (model: string, head = 'from agents import Agent') => `${head}\n\nagent = Agent(name="A", instructions="Be brief.", model=${model})\n`;

  it('offers no env fix for a model string the framework routes by its prefix (audit 117)', async () => {
    // The variable holds a bare id: the Agents SDK would send `claude-…` to OpenAI, pydantic-ai would lose the provider.
    assert.deepEqual(await fixes(agent('"litellm/anthropic/claude-3-5-sonnet-20240620"')), [null]);
    assert.deepEqual(await fixes(agent('"litellm/gemini/gemini-2.0-flash"')), [null]);
    assert.deepEqual(await fixes(agent('"openai/gpt-4o"')), [null]);
    assert.deepEqual(await fixes('from pydantic_ai import Agent\n\nagent = Agent("mistral:mistral-large-latest")\n'), [null]);
    // Near misses: a plain Agents SDK model name, and a slashed id the model object sends as written to its client's host.
    assert.deepEqual(await fixes(agent('"gpt-4o"')), ['os.environ.get("OPENAI_MODEL", "gpt-4o")']);
    const together = 'from openai import AsyncOpenAI\nfrom agents import Agent, OpenAIChatCompletionsModel\n\nclient = AsyncOpenAI(base_url="https://api.together.xyz/v1")\nagent = Agent(name="A", instructions="Be brief.", model=OpenAIChatCompletionsModel(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", openai_client=client))\n';
    assert.deepEqual(await fixes(together), ['os.environ.get("LLM_MODEL", "meta-llama/Llama-3.3-70B-Instruct-Turbo")']);
  });
});

describe('LitellmModel agents (audit 117)', () => {
  const LITELLM = `import os

from agents import Agent
from agents.extensions.models.litellm_model import LitellmModel

claude = Agent(name="Claude", instructions="Be brief.", model=LitellmModel(model="anthropic/claude-3-5-sonnet-20240620", api_key=os.environ["ANTHROPIC_API_KEY"]))
`;

  it('reads the model and its provider from the LiteLLM id', () => {
    const [site] = analyzeSnippet(LITELLM).callSites;
    assert.deepEqual([site.sdk, site.provider, site.model.value, site.model.literal, site.model.routed], ['openai-agents', 'anthropic', 'anthropic/claude-3-5-sonnet-20240620', true, true]);
    const proxied = analyzeSnippet(LITELLM.replace('api_key=', 'base_url="http://litellm:4000", api_key=')).callSites[0];
    assert.deepEqual([proxied.provider, proxied.model.value], ['unknown', 'anthropic/claude-3-5-sonnet-20240620']);
  });

  it('reports its literal, with no env fix for a provider-prefixed id', async () => {
    const hardcoded = async (text: string) => {
      const { engine, root } = await engineFor({ 'agent.py': text });
      return engine.lint(path.join(root, 'agent.py')).findings.filter((f) => f.ruleId === 'hardcoded-model').map((f) => [f.message, f.fix?.edits[0]?.newText ?? null]);
    };
    assert.deepEqual(await hardcoded(LITELLM), [["Model 'anthropic/claude-3-5-sonnet-20240620' is hardcoded in the Agent settings, so switching or routing models needs a code change", null]]);
    // Near misses: a bare OpenAI id keeps its fix; a model from the environment, or a LitellmModel of another package, is silent.
    assert.deepEqual((await hardcoded(LITELLM.replace('anthropic/claude-3-5-sonnet-20240620', 'gpt-4o'))).map(([, fix]) => fix), ['os.environ.get("OPENAI_MODEL", "gpt-4o")']);
    assert.deepEqual(await hardcoded(LITELLM.replace('"anthropic/claude-3-5-sonnet-20240620"', 'os.environ["AGENT_MODEL"]')), []);
    assert.deepEqual(await hardcoded(LITELLM.replace('agents.extensions.models.litellm_model', 'app.models')), []);
  });
});

describe('untraced-llm-call on pydantic-ai agents', () => {
  const APP = 'from pydantic_ai import Agent\n\nagent = Agent("openai:gpt-4o")\n';
  it('counts Agent.instrument_all() and logfire.instrument_pydantic_ai() as instrumentation', async () => {
    assert.equal((await untraced({ 'app.py': APP })).length, 1);
    assert.deepEqual(await untraced({ 'app.py': APP, 'main.py': 'from pydantic_ai import Agent\n\nAgent.instrument_all()\n' }), []);
    assert.deepEqual(await untraced({ 'app.py': APP, 'main.py': 'import logfire\n\nlogfire.configure()\nlogfire.instrument_pydantic_ai()\n' }), []);
    assert.equal((await untraced({ 'app.py': APP, 'main.py': 'from pydantic_ai import Agent\n\nAgent.instrument_all(False)\n' })).length, 1);
  });
});
