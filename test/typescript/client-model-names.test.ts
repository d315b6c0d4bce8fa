// A LangChain chat model built with its model named through a constant (here or imported) or an environment read's
// default (`new ChatOpenAI({ model: MODEL })`, `initChatModel(MODEL)`, `createAgent({ model: AGENT_MODEL })`): the
// calls through it are priced as that model, and nothing reports the name as hardcoded.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const CONFIG = `export const CHAT_MODEL = 'gpt-4o';
export const AGENT_MODEL = process.env.AGENT_MODEL ?? 'anthropic:claude-sonnet-4-5';
`;

const CODE = `import { ChatOpenAI } from '@langchain/openai';
import { initChatModel } from 'langchain/chat_models/universal';
import { createAgent } from 'langchain';
import { AGENT_MODEL, CHAT_MODEL } from './config';

let picked = 'gpt-4o';
if (process.env.FAST) picked = 'gpt-4o-mini';

const chat = new ChatOpenAI({ model: CHAT_MODEL, timeout: 30_000 });
const fast = new ChatOpenAI({ model: process.env.FAST_MODEL ?? 'gpt-4o-mini', timeout: 30_000 });
const agent = createAgent({ model: AGENT_MODEL, tools: [] });
const chosen = new ChatOpenAI({ model: picked, timeout: 30_000 });

export async function answer(q: string) {
  const universal = await initChatModel(CHAT_MODEL, { timeout: 30_000 });
  return [await chat.invoke(q), await fast.invoke(q), await agent.invoke({ messages: [] }), await chosen.invoke(q), await universal.invoke(q)];
}
`;

describe('LangChain models named through a constant', () => {
  it('price their calls as the model the constant or the default names', async () => {
    const { engine, root } = await engineFor({ 'src/config.ts': CONFIG, 'src/chat.ts': CODE, 'package.json': '{"dependencies":{"langchain":"^1.0.0"}}' });
    const p = path.join(root, 'src/chat.ts');
    const facts = engine.facts(p)!;
    assert.deepEqual(
      facts.callSites.map((s) => [s.method, s.client?.className, s.model.value]),
      [
        ['invoke', 'ChatOpenAI', 'gpt-4o'],
        ['invoke', 'ChatOpenAI', 'gpt-4o-mini'],
        ['invoke', 'ChatAnthropic', 'claude-sonnet-4-5'],
        // Reassigned: which model runs is decided at run time.
        ['invoke', 'ChatOpenAI', null],
        ['invoke', 'ChatOpenAI', 'gpt-4o'],
      ],
    );
    assert.deepEqual(engine.lint(p).findings.filter((f) => f.ruleId === 'hardcoded-model'), []);
  });
});
