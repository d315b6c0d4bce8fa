// A framework model built with its model named through a module constant or an environment read's default
// (`ChatOpenAI(model=MODEL)`, `init_chat_model(MODEL)`, LlamaIndex `OpenAI(model=os.getenv("M", "gpt-4o-mini"))`):
// the calls through it are priced as that model, and nothing reports the name as hardcoded.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initPython } from '../../server/src/languages/python/parser';
import { engineFor } from '../helpers/lint';

before(initPython);

const SETTINGS = `import os

CHAT_MODEL = "gpt-4o"
FAST_MODEL = os.getenv("FAST_MODEL", "gpt-4o-mini")
`;

const CODE = `import os

from langchain.chat_models import init_chat_model
from langchain_openai import ChatOpenAI
from llama_index.llms.openai import OpenAI

from app.settings import CHAT_MODEL, FAST_MODEL

if os.getenv("BIG"):
    PICKED = "gpt-4o"
else:
    PICKED = "gpt-4o-mini"

chat = ChatOpenAI(model=CHAT_MODEL, timeout=30)
fast = init_chat_model(FAST_MODEL, timeout=30)
index_llm = OpenAI(model=os.getenv("INDEX_MODEL", "gpt-4o-mini"), timeout=30)
picked = ChatOpenAI(model=PICKED, timeout=30)


def answer(q: str):
    return chat.invoke(q), fast.invoke(q), index_llm.complete(q), picked.invoke(q)
`;

describe('framework models named through a constant', () => {
  it('price their calls as the model the constant or the default names', async () => {
    const { engine, root } = await engineFor({ 'app/settings.py': SETTINGS, 'app/chat.py': CODE, 'app/__init__.py': '' });
    const p = path.join(root, 'app/chat.py');
    const facts = engine.facts(p)!;
    assert.deepEqual(
      facts.callSites.map((s) => [s.method, s.client?.className, s.model.value, s.model.literal]),
      [
        ['invoke', 'ChatOpenAI', 'gpt-4o', false],
        ['invoke', 'ChatOpenAI', 'gpt-4o-mini', false],
        ['complete', 'OpenAI', 'gpt-4o-mini', false],
        // Assigned on two branches: which model runs is decided at run time.
        ['invoke', 'ChatOpenAI', null, false],
      ],
    );
    assert.deepEqual(engine.lint(p).findings.filter((f) => f.ruleId === 'hardcoded-model'), []);
  });
});
