import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeSnippet, initPython } from './helpers';

before(initPython);

describe('cohere', () => {
  it('reads v1 and v2 chats, the legacy generate and streams as Cohere call sites', () => {
    const facts = analyzeSnippet(`import cohere
from cohere import AsyncClientV2

co = cohere.Client(timeout=60)
co2 = AsyncClientV2(timeout=60)

def a(q, history):
    return co.chat(message=q, preamble="You are terse.", chat_history=history, model="command-r", max_tokens=300)

def b(q):
    return co.v2.chat(model="command-r", messages=[{"role": "user", "content": q}])

async def c(q):
    return await co2.chat(model="command-a-03-2025", messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": q}])

def d(q):
    return co.generate(prompt=q, model="command")

def e(q):
    for event in co.chat_stream(message=q):
        print(event)

def f(texts):
    return co.embed(texts=texts, model="embed-v4.0", input_type="search_document")
`);
    assert.deepEqual(facts.callSites.map((s) => [s.sdk, s.provider, s.method, s.streaming]), [
      ['cohere', 'cohere', 'chat', false],
      ['cohere', 'cohere', 'v2.chat', false],
      ['cohere', 'cohere', 'v2.chat', false],
      ['cohere', 'cohere', 'generate', false],
      ['cohere', 'cohere', 'chat_stream', true],
    ]);
    const [v1, , v2] = facts.callSites;
    assert.deepEqual(v1.prompt.map((p) => p.role), ['system', 'unknown', 'user']);
    assert.equal(v1.maxOutputTokens, 300);
    assert.deepEqual(v2.prompt.map((p) => p.role), ['system', 'user']);
    assert.deepEqual(facts.clients.map((c) => c.className), ['cohere.Client', 'cohere.AsyncClientV2']);
  });

  it('reads a v1 chat_history literal with Cohere roles and message keys', () => {
    const facts = analyzeSnippet(`import cohere

co = cohere.Client(timeout=60)

def a(q):
    return co.chat(message=q, chat_history=[{"role": "USER", "message": "Hi"}, {"role": "CHATBOT", "message": "Hello!"}])
`);
    const [site] = facts.callSites;
    assert.deepEqual(site.prompt.map((p) => p.role), ['user', 'assistant', 'user']);
    assert.equal(site.prompt[1].segments[0].kind, 'static');
  });
});
