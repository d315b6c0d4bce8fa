import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze, analyzeSnippet, initPython, onlySite, slice } from './helpers';

before(initPython);

describe('LlamaIndex query and chat engines (audit 202)', () => {
  it('an engine built over Settings.llm is a call site of that LLM, once at the query (create-llama, sausheong/programming_ai)', () => {
    const site = onlySite(analyze({
      'app/settings.py': `from llama_index.core import Settings
from llama_index.llms.openai import OpenAI

def init_settings():
    Settings.llm = OpenAI(model="gpt-4o-mini", max_retries=1)
`,
      'app/engine.py': `from llama_index.core import VectorStoreIndex

def get_chat_engine(index: VectorStoreIndex):
    return index.as_chat_engine(chat_mode="condense_plus_context")
`,
      'app/chat.py': `from llama_index.core import VectorStoreIndex
from app.engine import get_chat_engine

async def chat(index: VectorStoreIndex, message: str):
    chat_engine = get_chat_engine(index)
    response = await chat_engine.astream_chat(message)
    return response
`,
    }, 'app/chat.py'));
    assert.deepEqual([site.sdk, site.method, site.streaming, site.client?.className, site.client?.path, site.model.value, site.engineRun], ['llamaindex', 'astream_chat', true, 'OpenAI', '/ws/app/settings.py', 'gpt-4o-mini', true]);
  });

  it('reads the factory\'s llm= and streaming=, and stays silent without a known LLM', () => {
    const facts = analyzeSnippet(`from llama_index.core import VectorStoreIndex
from llama_index.core.chat_engine import ContextChatEngine
from llama_index.llms.ollama import Ollama
from llama_index.llms.openai import OpenAI

llm = OpenAI(model="gpt-4o")

def ask(index: VectorStoreIndex, q: str):
    engine = index.as_query_engine(llm=llm, streaming=True)
    return engine.query(q)

def ask_plain(index: VectorStoreIndex, q: str):
    engine = index.as_query_engine(llm=llm)
    return engine.query(q)

def chat(index: VectorStoreIndex, q: str):
    return ContextChatEngine.from_defaults(retriever=index.as_retriever(), llm=llm).chat(q)

def local(index: VectorStoreIndex, q: str):
    return index.as_query_engine(llm=Ollama(model="llama3")).query(q)

def default_llm(index: VectorStoreIndex, q: str):
    return index.as_query_engine().query(q)
`);
    assert.deepEqual(facts.callSites.map((s) => [slice(facts, s.span), s.method, s.streaming, s.model.value]), [
      ['engine.query(q)', 'query', true, 'gpt-4o'],
      ['engine.query(q)', 'query', false, 'gpt-4o'],
      ['ContextChatEngine.from_defaults(retriever=index.as_retriever(), llm=llm).chat(q)', 'chat', false, 'gpt-4o'],
    ]);
  });
});

describe('Haystack 2 pipelines (audit 202)', () => {
  it('a run of a pipeline built around one generator is a call of that generator; YAML pipelines and Haystack 1 nodes are not', () => {
    const facts = analyzeSnippet(`from pathlib import Path
from haystack import Pipeline
from haystack.components.builders import PromptBuilder
from haystack.components.generators import OpenAIGenerator

generator = OpenAIGenerator(model="gpt-4o-mini", timeout=10)
rag = Pipeline()
rag.add_component("prompt_builder", PromptBuilder(template="{{ q }}"))
rag.add_component(name="llm", instance=generator)
result = rag.run({"prompt_builder": {"q": "hi"}})

loaded = Pipeline.loads(Path("rag.yml").read_text())
other = loaded.run({"prompt_builder": {"q": "hi"}})

class Service:
    def __init__(self):
        self.pipeline = Pipeline()
        self.pipeline.add_component("llm", OpenAIGenerator(model="gpt-4o"))

    def answer(self, q):
        return self.pipeline.run({"llm": {"prompt": q}})
`);
    assert.deepEqual(facts.callSites.map((s) => [slice(facts, s.span), s.sdk, s.method, s.model.value, s.engineRun]), [
      ['rag.run({"prompt_builder": {"q": "hi"}})', 'haystack', 'run', 'gpt-4o-mini', true],
      ['self.pipeline.run({"llm": {"prompt": q}})', 'haystack', 'run', 'gpt-4o', true],
    ]);
  });
});
