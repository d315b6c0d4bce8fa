// Google ADK agents as call sites: the construction carries the model and instruction of every request of its runs,
// and the retries around those runs (catalog/agent-frameworks.ts GOOGLE_ADK).
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeSnippet, initPython } from './helpers';

before(initPython);

describe('Google ADK agent sites', () => {
  it('reads the model, where the requests go and the instruction', () => {
    const facts = analyzeSnippet(`import os
from google.adk.agents import Agent, LlmAgent as Llm
from google.adk.agents.llm_agent import Agent as Inner
from google.adk.models import Gemini
from google.adk.models.lite_llm import LiteLlm
from google.genai import types

MODEL = "gemini-2.5-flash"

root_agent = Agent(name="a", model=MODEL, instruction="You help {user_name} plan trips. {not a key} stays.")
gpt = Llm(name="b", model=LiteLlm(model="openai/gpt-4o"), instruction="Answer briefly.")
retrying = Inner(name="c", model=Gemini(model="gemini-2.0-flash", retry_options=types.HttpRetryOptions(attempts=3)), instruction=lambda ctx: "hi")
envd = Agent(name="d", model=os.getenv("ADK_MODEL", "gemini-2.5-pro"))
parentless = Agent(name="e")
`);
    const sites = facts.callSites.map((s) => [s.sdk, s.agent, s.provider, s.model.value, s.model.literal, !!s.model.routed, s.usage]);
    assert.deepEqual(sites, [
      ['google-adk', true, 'google', 'gemini-2.5-flash', true, false, 'unknown'],
      ['google-adk', true, 'openai', 'openai/gpt-4o', true, true, 'unknown'],
      ['google-adk', true, 'google', 'gemini-2.0-flash', true, false, 'unknown'],
      ['google-adk', true, 'google', 'gemini-2.5-pro', false, false, 'unknown'],
      ['google-adk', true, 'unknown', null, false, false, 'unknown'],
    ]);
    const first = facts.callSites[0].prompt[0].segments.map((s) => [s.kind, s.text]);
    assert.deepEqual(first, [
      ['static', 'You help '],
      ['dynamic', '{user_name}'],
      ['static', ' plan trips. {not a key} stays.'],
    ]);
    // A callable instruction is called per request: what it returns is not read.
    assert.deepEqual(facts.callSites[2].prompt, []);
  });

  it('finds the retries around the runs of a runner given the agent', () => {
    const facts = analyzeSnippet(`import asyncio
from google.adk.agents import Agent
from google.adk.runners import InMemoryRunner

agent = Agent(name="a", model="gemini-2.5-flash", instruction="Be brief.")
runner = InMemoryRunner(agent=agent, app_name="x")

async def ask(msg):
    for attempt in range(3):
        try:
            async for ev in runner.run_async(user_id="u", session_id="s", new_message=msg):
                print(ev)
            break
        except Exception:
            await asyncio.sleep(2 ** attempt)
`);
    assert.equal(facts.callSites.length, 1);
    assert.equal(facts.callSites[0].retries.length, 1);
  });

  it('ignores an Agent of another package', () => {
    const facts = analyzeSnippet(`from google.adk.runners import Runner
from agno.agent import Agent

agent = Agent(model="gemini-2.5-flash", instructions="Be brief.")
`);
    assert.deepEqual(facts.callSites.filter((s) => s.sdk === 'google-adk'), []);
  });
});
