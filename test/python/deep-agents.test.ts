// deepagents' `create_deep_agent(model="openai:gpt-4o", …)` is LangChain's `create_agent` with deepagents' own prompt
// and middleware (catalog DEEPAGENTS): its runs are call sites through the chat model init_chat_model builds, and the
// prompt they send holds deepagents' base prompt after the code's own, of unknown size.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initPython } from '../../server/src/languages/python/parser';
import { engineFor } from '../helpers/lint';

before(initPython);

async function facts(code: string) {
  const { engine, root } = await engineFor({ 'app/agent.py': code });
  return engine.facts(path.join(root, 'app/agent.py'))!;
}

describe('deepagents create_deep_agent', () => {
  it('makes a run a call site through the model named, with deepagents\' prompt after the code\'s', async () => {
    const f = await facts(`from deepagents import create_deep_agent

agent = create_deep_agent(model="openai:gpt-4o-mini", tools=[], system_prompt="You are an expert researcher.")


def ask(q):
    return agent.invoke({"messages": [{"role": "user", "content": q}]})
`);
    assert.deepEqual(f.callSites.map((s) => [s.method, s.client?.className, s.model?.value, s.agentRun]), [['invoke', 'ChatOpenAI', 'gpt-4o-mini', true]]);
    assert.deepEqual(f.clients.map((c) => [c.label, c.builtBy]), [["create_deep_agent's model (ChatOpenAI)", 'model-name']]);
    const system = f.callSites[0].prompt.filter((p) => p.role === 'system').flatMap((p) => p.segments.map((s) => s.kind));
    assert.deepEqual(system, ['static', 'dynamic']);
  });

  it('makes no client when no model is named (the default changes between releases) or the first argument is the old tools list', async () => {
    const f = await facts(`from deepagents import create_deep_agent

a = create_deep_agent(tools=[], system_prompt="Research.")
b = create_deep_agent([], "Research.")
`);
    assert.deepEqual(f.clients, []);
  });
});
