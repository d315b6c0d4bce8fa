// LangChain agent factories given a model name (`create_agent("openai:gpt-4o", tools)`, LangGraph's
// `create_react_agent(model="anthropic:…")`) build the chat model with init_chat_model: their runs are call sites
// through that model, and no fix may add an option to the factory call, which takes none of the model's.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initPython } from '../../server/src/languages/python/parser';
import { engineFor } from '../helpers/lint';

before(initPython);

const CODE = `from fastapi import FastAPI
from langchain.agents import create_agent
from langgraph.prebuilt import create_react_agent

app = FastAPI()
assistant = create_agent("openai:gpt-4o", tools=[], system_prompt="You answer questions about the docs.")
researcher = create_react_agent(model="claude-3-7-sonnet-latest", tools=[], prompt="Research the topic.")


@app.post("/ask")
def ask(q: str):
    for attempt in range(3):
        try:
            return assistant.invoke({"messages": [{"role": "user", "content": q}]})
        except Exception:
            continue


@app.post("/research")
async def research(q: str):
    return await researcher.ainvoke({"messages": [{"role": "user", "content": q}]})
`;

async function lint(code: string) {
  const { engine, root } = await engineFor({ 'app/agents.py': code });
  const p = path.join(root, 'app/agents.py');
  return { facts: engine.facts(p)!, findings: engine.lint(p).findings };
}

describe('agent factories given a model name', () => {
  it('makes their runs call sites through the chat model init_chat_model builds', async () => {
    const { facts } = await lint(CODE);
    const runs = facts.callSites.map((s) => [s.method, s.client?.className, s.model?.value, s.provider, s.agentRun]);
    assert.deepEqual(runs, [
      ['invoke', 'ChatOpenAI', 'gpt-4o', 'openai', true],
      ['ainvoke', 'ChatAnthropic', 'claude-3-7-sonnet-latest', 'anthropic', true],
    ]);
    assert.deepEqual(facts.clients.map((c) => [c.label, c.builtBy, Object.keys(c.args.options)]), [
      ["create_agent's model (ChatOpenAI)", 'model-name', ['model']],
      ["create_react_agent's model (ChatAnthropic)", 'model-name', ['model']],
    ]);
  });

  it('reports the model and its retries, and offers no fix on the factory call', async () => {
    const { findings } = await lint(CODE);
    const byRule = (id: string) => findings.filter((f) => f.ruleId === id);
    assert.equal(byRule('retry-amplification')[0]?.message, 'Up to 9 attempts per request: loop 3 × SDK 3; let one layer own retries');
    assert.equal(byRule('missing-timeout').length, 2);
    assert.match(byRule('missing-timeout')[0].message, /pass the factory a chat model built with one instead/);
    assert.equal(byRule('direct-provider-endpoint').length, 2);
    for (const f of [...byRule('missing-timeout'), ...byRule('direct-provider-endpoint')]) assert.equal(f.fix, undefined, f.message);
  });

  it('leaves a model that is no name to the chat model it resolves to', async () => {
    const { facts } = await lint(`from langchain.agents import create_agent\n\n\ndef build(model):\n    return create_agent(model, tools=[])\n`);
    assert.deepEqual(facts.clients, []);
  });
});
