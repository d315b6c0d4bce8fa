// Clients built by a method of the class: `self.llm = self._create_llm()`, or a `@property` that returns one.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeSnippet, initPython } from './helpers';

before(initPython);

describe('clients from factory methods', () => {
  it('follows self._create_llm() and @property / @cached_property getters to the construction', () => {
    const facts = analyzeSnippet(`from functools import cached_property
from langchain_openai import ChatOpenAI
from openai import OpenAI


class Agent:
    def __init__(self):
        self.llm = self._create_llm()

    def _create_llm(self):
        return ChatOpenAI(model="gpt-4o", timeout=30)

    @property
    def client(self):
        return OpenAI(timeout=30)

    @cached_property
    def fallback(self):
        return ChatOpenAI(model="gpt-4o-mini", timeout=30)

    def run(self, q):
        a = self.llm.invoke(q)
        b = self.client.chat.completions.create(model="gpt-4o", messages=[])
        c = self.fallback.invoke(q)
        return a, b, c
`);
    assert.deepEqual(facts.callSites.map((s) => [s.method, s.client?.className ?? null]), [['invoke', 'ChatOpenAI'], ['chat.completions.create', 'OpenAI'], ['invoke', 'ChatOpenAI']]);
  });

  it('does not make a call site of a method that returns something else', () => {
    const facts = analyzeSnippet(`from openai import OpenAI


class Store:
    def __init__(self):
        self.client = OpenAI(timeout=30)

    def cache(self):
        return {}

    def run(self, q):
        return self.cache().invoke(q)
`);
    assert.deepEqual(facts.callSites, []);
  });
});
