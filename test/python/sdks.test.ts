import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { catalogSdkOf, optionNames, sdkDefaults } from '../../server/src/core/catalog';
import { codeRetryLayers } from '../../server/src/core/retry-chain';
import { callTimeout } from '../../server/src/core/topology';
import { analyze, analyzeSnippet, initPython, onlySite, slice } from './helpers';

before(initPython);

describe('openai', () => {
  it('attributes OpenAI-compatible clients to the provider behind their base URL', () => {
    const facts = analyzeSnippet(`from openai import OpenAI
from langchain_openai import ChatOpenAI
import os
groq = OpenAI(base_url="https://api.groq.com/openai/v1", timeout=30)
local = OpenAI(base_url="http://localhost:11434/v1", timeout=30)
via_env = OpenAI(base_url=os.environ["LLM_BASE_URL"], timeout=30)
gateway = OpenAI(base_url="https://oai.helicone.ai/v1", timeout=30)
deepseek = ChatOpenAI(model="deepseek-chat", openai_api_base="https://api.deepseek.com/v1", timeout=30)

def a(): return groq.chat.completions.create(model="llama-3.1-8b-instant", messages=[])
def b(): return local.chat.completions.create(model="qwen2.5", messages=[])
def c(): return via_env.chat.completions.create(model="gpt-4o", messages=[])
def d(): return gateway.chat.completions.create(model="gpt-4o", messages=[])
def e(): return deepseek.invoke("hi")
`);
    assert.deepEqual(facts.callSites.map((s) => s.provider), ['groq', 'unknown', 'openai', 'openai', 'deepseek']);
  });

  it('attributes calls through a lazy getter of a compatible SDK client to that SDK', () => {
    const facts = analyzeSnippet(`from together import Together

_together_client = None


def get_together_client():
    global _together_client
    if _together_client is None:
        _together_client = Together(timeout=60)
    return _together_client


def stream_answer(prompt):
    client = get_together_client()
    return client.chat.completions.create(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", messages=[{"role": "user", "content": prompt}], stream=True)
`);
    const s = onlySite(facts);
    assert.deepEqual([s.provider, s.clientPackage], ['together', 'together']);
  });

  it('attributes calls through OpenAI-compatible SDKs without catalogue defaults to them, with no OpenAI retry layer', () => {
    const facts = analyzeSnippet(`from together import Together

client = Together()

def plan(q):
    return client.chat.completions.create(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", messages=[{"role": "user", "content": q}])
`);
    const s = onlySite(facts);
    assert.equal(s.provider, 'together');
    assert.equal(s.clientPackage, 'together');
    // Together's retry defaults differ between its 1.x and its rewrite: no SDK layer is assumed.
    assert.deepEqual(codeRetryLayers(s), []);
  });

  it('makes groq and cerebras_cloud_sdk clients client facts with their own catalogue entries', () => {
    const facts = analyzeSnippet(`import cerebras.cloud.sdk
from groq import AsyncGroq, Groq

groq = Groq(max_retries=0)
agroq = AsyncGroq(timeout=20)
fast = cerebras.cloud.sdk.Cerebras(base_url="http://gateway.internal/cerebras")

def a(q):
    return groq.chat.completions.create(model="llama-3.3-70b-versatile", messages=[{"role": "user", "content": q}])

async def b(q):
    return await agroq.with_options(max_retries=1).chat.completions.create(model="llama-3.1-8b-instant", messages=[{"role": "user", "content": q}])

def c(q):
    return fast.chat.completions.create(model="llama-3.3-70b", messages=[{"role": "user", "content": q}], stream=True)
`);
    assert.deepEqual(facts.clients.map((c) => [c.className, c.module, c.provider]), [['Groq', 'groq', 'groq'], ['AsyncGroq', 'groq', 'groq'], ['Cerebras', 'cerebras.cloud.sdk', 'cerebras']]);
    assert.deepEqual(facts.callSites.map((s) => [s.sdk, s.provider, s.client?.className, catalogSdkOf(s)]), [
      ['openai', 'groq', 'Groq', 'groq'],
      ['openai', 'groq', 'AsyncGroq', 'groq'],
      ['openai', 'cerebras', 'Cerebras', 'cerebras'],
    ]);
    assert.ok(facts.callSites.every((s) => s.clientPackage === undefined));
    for (const id of ['groq', 'cerebras'] as const) {
      const d = sdkDefaults(id, 'python');
      assert.deepEqual([d?.defaultTimeoutSeconds, d?.defaultMaxRetries, d?.retriesTimeouts], [60, 2, true]);
      assert.deepEqual(optionNames(id, 'python')?.client, { timeout: ['timeout'], maxRetries: ['max_retries'], baseURL: ['base_url'], apiKey: ['api_key'] });
    }
  });

  it('recognises chat.completions.create through a module-level client', () => {
    const facts = analyzeSnippet(`from openai import OpenAI
client = OpenAI(timeout=20, max_retries=1)

def ask(q):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}], max_tokens=300)
`);
    const s = onlySite(facts);
    assert.equal(s.sdk, 'openai');
    assert.equal(s.provider, 'openai');
    assert.equal(s.method, 'chat.completions.create');
    assert.deepEqual(s.model, { value: 'gpt-4o', span: s.model.span, literal: true });
    assert.equal(s.maxOutputTokens, 300);
    assert.equal(s.streaming, false);
    assert.equal(s.client?.className, 'OpenAI');
    assert.deepEqual(Object.keys(s.client!.args.options), ['timeout', 'max_retries']);
    assert.equal(slice(facts, s.args.span!), 'model="gpt-4o", messages=[{"role": "user", "content": q}], max_tokens=300');
    assert.equal(slice(facts, s.args.callArgsSpan), '(model="gpt-4o", messages=[{"role": "user", "content": q}], max_tokens=300)');
    assert.equal(facts.clients.length, 1);
  });

  it('resolves `import openai` + `openai.AsyncOpenAI()`, awaits and stream=True', () => {
    const s = onlySite(analyzeSnippet(`import openai
aclient = openai.AsyncOpenAI()

async def ask(q):
    stream = await aclient.chat.completions.create(model="gpt-4o-mini", messages=q, stream=True)
    async for chunk in stream:
        print(chunk.choices[0].delta.content or "", end="")
`));
    assert.equal(s.client?.className, 'AsyncOpenAI');
    assert.equal(s.streaming, true);
    assert.equal(s.usage, 'discarded');
    assert.equal(s.resultBinding?.name, 'stream');
  });

  it('gives AzureOpenAI the azure-openai provider and follows aliases', () => {
    const s = onlySite(analyzeSnippet(`from openai import AzureOpenAI as AOAI
az = AOAI(azure_endpoint="https://x.openai.azure.com", api_version="2024-06-01")
r = az.chat.completions.create(model="gpt-4o", messages=[])
`));
    assert.equal(s.provider, 'azure-openai');
    assert.equal(s.client?.className, 'AzureOpenAI');
  });

  it('recognises every openai method spelling', () => {
    const facts = analyzeSnippet(`from openai import OpenAI
c = OpenAI()
c.chat.completions.create(model="m", messages=[])
c.chat.completions.stream(model="m", messages=[])
c.chat.completions.parse(model="m", messages=[])
c.beta.chat.completions.parse(model="m", messages=[])
c.responses.create(model="m", input="hi")
c.responses.stream(model="m", input="hi")
c.responses.parse(model="m", input="hi")
`);
    assert.deepEqual(
      facts.callSites.map((s) => [s.method, s.streaming]),
      [
        ['chat.completions.create', false], ['chat.completions.stream', true], ['chat.completions.parse', false], ['beta.chat.completions.parse', false],
        ['responses.create', false], ['responses.stream', true], ['responses.parse', false],
      ],
    );
    assert.ok(facts.callSites.every((s) => s.client?.className === 'OpenAI'));
  });

  it('recognises the legacy Completions API on an OpenAI client or the openai module, and no other completions.create', () => {
    const facts = analyzeSnippet(`import openai
from openai import AsyncOpenAI, OpenAI

class Completions:
    def create(self, name):
        return name

class Store:
    def __init__(self):
        self.completions = Completions()

store = Store()

class Model:
    def generate(self, model, prompt, stream):
        client = OpenAI(timeout=300.0, max_retries=1)
        response = client.completions.create(prompt=prompt, model=model, stream=stream)
        return response

async def stream_text(prompt):
    async for chunk in await AsyncOpenAI().completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, stream=True):
        print(chunk.choices[0].text)

def module_client(prompt):
    r = openai.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt)
    return r.choices[0].text, r.usage.total_tokens

def chat_alias(prompt):
    completions = OpenAI().chat.completions
    return completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])

def save(name):
    return store.completions.create(name=name)

def relay(api, prompt):
    return api.completions.create(prompt=prompt)
`);
    assert.deepEqual(
      facts.callSites.map((s) => [s.method, s.streaming, s.client?.className ?? null, s.moduleClient ?? false]),
      [
        ['completions.create', null, 'OpenAI', false],
        ['completions.create', true, 'AsyncOpenAI', false],
        ['completions.create', false, null, true],
      ],
    );
    const [generate, , moduleSite] = facts.callSites;
    assert.deepEqual(generate.prompt.map((p) => p.role), ['user']);
    assert.equal(generate.usage, 'escapes');
    assert.equal(moduleSite.usage, 'read');
    assert.equal(moduleSite.model.value, 'gpt-3.5-turbo-instruct');
  });

  it('resolves self.client set in __init__ and per-request with_options', () => {
    const s = onlySite(analyzeSnippet(`from openai import AsyncOpenAI

class Chat:
    def __init__(self, key):
        self.client = AsyncOpenAI(api_key=key, timeout=15)

    async def reply(self, q):
        resp = await self.client.with_options(max_retries=0).chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
        return resp.choices[0].message.content
`));
    assert.equal(s.client?.className, 'AsyncOpenAI');
    assert.ok('timeout' in s.client!.args.options);
    assert.deepEqual(Object.keys(s.copyOptions!.options), ['max_retries']);
    assert.equal(s.enclosingFunction?.name, 'reply');
    assert.equal(s.usage, 'discarded');
  });

  it('keeps a call through an unknown client, with client null', () => {
    const s = onlySite(analyzeSnippet(`def ask(client, q):
    return client.chat.completions.create(model="gpt-4o", messages=[])
`));
    assert.equal(s.sdk, 'openai');
    assert.equal(s.client, null);
  });

  it('sees through optional imports and keeps parameters that are only rebound later', () => {
    const facts = analyzeSnippet(`try:
    from openai import OpenAI
except ImportError:
    OpenAI = None
client = OpenAI(timeout=5)

def ask(client):
    r = client.chat.completions.create(model="m", messages=[])
    client = None
    return r
`);
    assert.equal(facts.clients.length, 1);
    assert.equal(onlySite(facts).client, null);
  });

  it('reads a model from a module constant as a literal, and from the environment as not literal', () => {
    const facts = analyzeSnippet(`import os
from openai import OpenAI
MODEL = "gpt-4.1"
c = OpenAI()
c.chat.completions.create(model=MODEL, messages=[])
c.chat.completions.create(model=os.getenv("MODEL", "gpt-4o-mini"), messages=[])
c.chat.completions.create(model=pick(), messages=[])
`);
    const [a, b, d] = facts.callSites;
    assert.deepEqual([a.model.value, a.model.literal, slice(facts, a.model.span)], ['gpt-4.1', true, 'MODEL']);
    assert.deepEqual([b.model.value, b.model.literal], ['gpt-4o-mini', false]);
    assert.deepEqual([d.model.value, d.model.literal], [null, false]);
  });

  it('marks **kwargs as a spread and a non-literal stream as unknown', () => {
    const s = onlySite(analyzeSnippet(`from openai import OpenAI
c = OpenAI()
def f(opts, streaming):
    return c.chat.completions.create(model="m", messages=[], stream=streaming, **opts)
`));
    assert.equal(s.args.hasSpread, true);
    assert.equal(s.streaming, null);
  });

  it('treats openai.Client / openai.AsyncClient as the OpenAI classes they alias', () => {
    const facts = analyzeSnippet(`import openai
sync_client = openai.Client()
async_client = openai.AsyncClient(timeout=30)

def ask(q):
    return sync_client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
`);
    assert.deepEqual(facts.clients.map((c) => [c.sdk, c.provider, c.className]), [['openai', 'openai', 'OpenAI'], ['openai', 'openai', 'AsyncOpenAI']]);
    assert.equal(onlySite(facts).client?.className, 'OpenAI');
  });

  it('sees the request behind with_raw_response, and parse() as handing its usage on', () => {
    const facts = analyzeSnippet(`from openai import OpenAI
client = OpenAI(timeout=30)

def ask(q):
    raw = client.chat.completions.with_raw_response.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
    print(raw.headers.get("x-request-id"))
    return raw.parse()
`);
    const s = onlySite(facts);
    assert.equal(s.method, 'chat.completions.create');
    assert.equal(s.client?.className, 'OpenAI');
    assert.equal(s.usage, 'escapes');
  });
});

describe('anthropic', () => {
  it('recognises messages.create with a system string and max_tokens', () => {
    const facts = analyzeSnippet(`import anthropic
client = anthropic.Anthropic()
def ask(q):
    msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, system="You are terse.", messages=[{"role": "user", "content": q}])
    return msg.content[0].text
`);
    const s = onlySite(facts);
    assert.equal(s.sdk, 'anthropic');
    assert.equal(s.method, 'messages.create');
    assert.equal(s.maxOutputTokens, 1024);
    assert.deepEqual(s.prompt.map((p) => p.role), ['system', 'user']);
    assert.equal(s.usage, 'discarded');
  });

  it('reads system blocks with cache_control and the stream helpers', () => {
    const facts = analyzeSnippet(`from anthropic import AsyncAnthropic
client = AsyncAnthropic()
BIG = "rules " * 1
async def ask(q):
    async with client.messages.stream(model="claude-3-5-haiku", max_tokens=100,
            system=[{"type": "text", "text": "You are a support agent.", "cache_control": {"type": "ephemeral"}}],
            messages=[{"role": "user", "content": q}]) as stream:
        async for text in stream.text_stream:
            print(text)
        final = await stream.get_final_message()
    await client.beta.messages.create(model="m", max_tokens=5, messages=[])
    return final
`);
    const [stream, beta] = facts.callSites;
    assert.equal(stream.method, 'messages.stream');
    assert.equal(stream.streaming, true);
    assert.equal(stream.prompt[0].role, 'system');
    assert.equal(stream.prompt[0].cacheControl, true);
    assert.equal(stream.usage, 'escapes');
    assert.equal(beta.method, 'beta.messages.create');
  });

  it('does not take Twilio-style messages.create for an LLM call', () => {
    const facts = analyzeSnippet(`from twilio.rest import Client
client = Client(sid, token)
client.messages.create(body="hi", from_="+1", to="+2")
`);
    assert.equal(facts.callSites.length, 0);
    assert.equal(facts.clients.length, 0);
  });

  it('recognises Anthropic calls through with_raw_response on an inline client', () => {
    const facts = analyzeSnippet(`from anthropic import Anthropic

def step(key, history):
    raw = Anthropic(api_key=key, timeout=60).beta.messages.with_raw_response.create(model="claude-sonnet-4-5", max_tokens=1024, messages=history)
    return raw.parse()
`);
    const s = onlySite(facts);
    assert.equal(s.sdk, 'anthropic');
    assert.equal(s.method, 'beta.messages.create');
    assert.equal(s.client?.className, 'Anthropic');
  });
});

describe('litellm', () => {
  it('recognises completion, acompletion and Router calls', () => {
    const facts = analyzeSnippet(`import litellm
from litellm import acompletion, Router
router = Router(model_list=[{"model_name": "fast", "litellm_params": {"model": "groq/llama3"}}])

def a(q):
    return litellm.completion(model="anthropic/claude-3-5-sonnet", messages=[{"role": "user", "content": q}])

async def b(q):
    r = await acompletion("gpt-4o", [{"role": "user", "content": q}], stream=True)
    return await router.acompletion(model="fast", messages=[{"role": "user", "content": q}])
`);
    const [a, b, c] = facts.callSites;
    assert.deepEqual([a.sdk, a.method, a.provider, a.model.value], ['litellm', 'completion', 'anthropic', 'anthropic/claude-3-5-sonnet']);
    assert.deepEqual([b.method, b.provider, b.model.value, b.streaming, b.prompt.length], ['acompletion', 'openai', 'gpt-4o', true, 1]);
    assert.deepEqual([c.method, c.client?.className, c.model.value], ['acompletion', 'Router', 'fast']);
    assert.deepEqual(facts.clients.map((x) => x.className), ['Router']);
  });

  it('recognises completion and acompletion imported under another name', () => {
    const facts = analyzeSnippet(`from litellm import acompletion as llm_acompletion
from litellm import completion as litellm_completion
from mylib import completion as other_completion

def ask(messages):
    return litellm_completion(model="gpt-4o", messages=messages)["choices"][0]["message"]["content"]

async def aask(messages):
    other_completion(model="gpt-4o", messages=messages)
    return (await llm_acompletion(model="anthropic/claude-sonnet-4-5", messages=messages, timeout=30)).choices[0].message.content
`);
    assert.deepEqual(facts.callSites.map((s) => [s.sdk, s.method, s.provider, s.model.value]), [
      ['litellm', 'completion', 'openai', 'gpt-4o'],
      ['litellm', 'acompletion', 'anthropic', 'anthropic/claude-sonnet-4-5'],
    ]);
  });
});

describe('Instructor', () => {
  it('sends its requests through the client it wraps, its own methods included', () => {
    const facts = analyzeSnippet(`import instructor
from openai import AsyncOpenAI
from anthropic import Anthropic

client = instructor.from_openai(AsyncOpenAI(timeout=60, max_retries=1))
claude = instructor.from_anthropic(Anthropic(timeout=30))

async def run(q, User):
    await client.chat.completions.create(model="gpt-4o-mini", response_model=User, messages=[{"role": "user", "content": q}])
    user, completion = await client.chat.completions.create_with_completion(model="gpt-4o-mini", response_model=User, max_retries=3, messages=[])
    async for partial in client.chat.completions.create_partial(model="gpt-4o-mini", response_model=User, messages=[]):
        pass
    claude.messages.create(model="claude-sonnet-4-5", max_tokens=100, response_model=User, messages=[])

def plain(openai_client, q):
    return openai_client.chat.completions.create_partial(model="gpt-4o-mini", messages=[])
`);
    assert.deepEqual(facts.callSites.map((s) => [s.method, s.streaming, s.wrapper, s.client?.className]), [
      ['chat.completions.create', false, 'instructor', 'AsyncOpenAI'],
      ['chat.completions.create_with_completion', false, 'instructor', 'AsyncOpenAI'],
      ['chat.completions.create_partial', true, 'instructor', 'AsyncOpenAI'],
      ['messages.create', false, 'instructor', 'Anthropic'],
    ]);
    // max_retries=3 is Instructor's loop; the SDK keeps the client's 1 retry.
    assert.deepEqual(codeRetryLayers(facts.callSites[1]).map((l) => [l.label, l.attempts]), [['Instructor', 3], ['SDK', 2]]);
    assert.deepEqual(codeRetryLayers(facts.callSites[0]).map((l) => [l.label, l.attempts]), [['SDK', 2]]);
  });
});

describe('LangChain', () => {
  it('recognises invoke/ainvoke/stream/astream/batch on ChatOpenAI and ChatAnthropic', () => {
    const facts = analyzeSnippet(`from langchain_openai import ChatOpenAI
from langchain_anthropic import ChatAnthropic
from langchain_core.messages import SystemMessage, HumanMessage
llm = ChatOpenAI(model="gpt-4o", max_tokens=200)
claude = ChatAnthropic(model_name="claude-3-5-haiku", streaming=True)

async def run(q, prompt):
    llm.invoke([SystemMessage(content="Be brief."), HumanMessage(content=q)])
    await llm.ainvoke(q)
    for c in llm.stream([("system", "S"), ("human", q)]):
        pass
    async for c in claude.astream(q):
        pass
    llm.batch([q, q])
    chain = prompt | llm.bind_tools([])
    chain.invoke({"q": q})
    notllm.invoke(q)
`);
    assert.deepEqual(facts.callSites.map((s) => [s.method, s.streaming, s.client?.className]), [
      ['invoke', false, 'ChatOpenAI'], ['ainvoke', false, 'ChatOpenAI'], ['stream', true, 'ChatOpenAI'], ['astream', true, 'ChatAnthropic'],
      ['batch', false, 'ChatOpenAI'], ['invoke', false, 'ChatOpenAI'],
    ]);
    const first = facts.callSites[0];
    assert.equal(first.sdk, 'langchain');
    assert.equal(first.model.value, 'gpt-4o');
    assert.equal(first.maxOutputTokens, 200);
    assert.deepEqual(first.prompt.map((p) => p.role), ['system', 'user']);
    assert.deepEqual(facts.callSites[2].prompt.map((p) => p.role), ['system', 'user']);
    assert.equal(facts.callSites[3].model.value, 'claude-3-5-haiku');
  });

  it('takes no attribute named like a JavaScript prototype member for a model method', () => {
    const facts = analyzeSnippet(`from langchain_openai import ChatOpenAI
import google.generativeai as genai
llm = ChatOpenAI(model="gpt-4o")
gemini = genai.GenerativeModel("gemini-1.5-flash")

def run():
    llm.constructor()
    llm.toString()
    gemini.hasOwnProperty("x")
    gemini.valueOf()
`);
    assert.deepEqual(facts.callSites, []);
  });
});

describe('google-genai', () => {
  it('reads string items of a contents list as user text', () => {
    const facts = analyzeSnippet(`from google import genai
client = genai.Client()
def explain(image):
    return client.models.generate_content(model="gemini-2.5-flash", contents=["Explain how to compute the area of a circle.", image])
`);
    const s = onlySite(facts);
    assert.deepEqual(s.prompt.map((p) => p.role), ['user', 'unknown']);
    assert.equal(s.prompt[0].segments[0].kind, 'static');
  });

  it('recognises models.generate_content (sync, aio, stream) with config', () => {
    const facts = analyzeSnippet(`from google import genai
from google.genai import types
client = genai.Client()

async def run(text):
    client.models.generate_content(model="gemini-2.5-flash", contents=text,
        config=types.GenerateContentConfig(system_instruction="Summarise.", max_output_tokens=256))
    await client.aio.models.generate_content(model="gemini-2.5-pro", contents="hi", config={"max_output_tokens": 64})
    for chunk in client.models.generate_content_stream(model="gemini-2.5-flash", contents=text):
        print(chunk.usage_metadata)
`);
    const [a, b, c] = facts.callSites;
    assert.deepEqual([a.sdk, a.provider, a.method, a.maxOutputTokens], ['google-genai', 'google', 'models.generate_content', 256]);
    assert.deepEqual(a.prompt.map((p) => p.role), ['system', 'unknown']);
    assert.equal(a.client?.className, 'genai.Client');
    assert.deepEqual([b.method, b.maxOutputTokens, b.client?.className], ['models.generate_content', 64, 'genai.Client']);
    assert.deepEqual([c.method, c.streaming, c.usage], ['models.generate_content_stream', true, 'read']);
  });
});

describe('google-generativeai (the deprecated Gemini SDK)', () => {
  it('recognises GenerativeModel calls, chat sessions, the model, the system instruction and output caps', () => {
    const facts = analyzeSnippet(`import google.generativeai as genai
from google.generativeai import GenerativeModel

genai.configure(api_key="...")
model = genai.GenerativeModel("models/gemini-2.5-flash", system_instruction="You are a careful tutor.", generation_config={"max_output_tokens": 512})
other = GenerativeModel(model_name="gemini-2.5-pro")

async def run(text):
    a = model.generate_content(text)
    print(a.usage_metadata)
    for chunk in other.generate_content([text, "Answer briefly."], stream=True, generation_config={"max_output_tokens": 64}):
        print(chunk.text)
    chat = model.start_chat(history=[])
    reply = await chat.send_message_async(text)
    return reply.text
`);
    const [a, b, c] = facts.callSites;
    assert.deepEqual([a.sdk, a.provider, a.method, a.model.value, a.model.literal, a.maxOutputTokens, a.streaming], ['google-generativeai', 'google', 'generate_content', 'gemini-2.5-flash', true, 512, false]);
    assert.deepEqual(a.prompt.map((p) => p.role), ['system', 'unknown']);
    assert.equal(slice(facts, a.prompt[0].span), '"You are a careful tutor."');
    assert.equal(a.usage, 'read');
    assert.deepEqual([b.method, b.model.value, b.streaming, b.maxOutputTokens], ['generate_content', 'gemini-2.5-pro', true, 64]);
    assert.deepEqual([c.method, c.model.value, c.client?.className], ['send_message_async', 'gemini-2.5-flash', 'GenerativeModel']);
    // Neither a retry layer nor a default timeout is claimed: the transport's defaults changed between releases.
    assert.equal(sdkDefaults(catalogSdkOf(a), 'python'), undefined);
    assert.deepEqual(codeRetryLayers(a), []);
  });

  it('a chat session sends the history it was started with, before the message, on every send_message', () => {
    const facts = analyzeSnippet(`import google.generativeai as genai

model = genai.GenerativeModel("gemini-2.5-flash")


def turn(history, text):
    chat = model.start_chat(history=history)
    return chat.send_message(text).text


def fresh(text):
    chat = model.start_chat()
    return chat.send_message(text).text


def chained(past, text):
    return model.start_chat(history=past[-10:]).send_message(text).text
`);
    const [turn, fresh, chained] = facts.callSites;
    assert.deepEqual(turn.prompt.map((p) => slice(facts, p.span)), ['history', 'text']);
    const [seg] = turn.prompt[0].segments;
    assert.equal(seg.kind === 'dynamic' && seg.origin, 'history');
    assert.deepEqual(fresh.prompt.map((p) => slice(facts, p.span)), ['text']);
    assert.deepEqual(chained.prompt.map((p) => slice(facts, p.span)), ['past[-10:]', 'text']);
  });

  it("near misses: a bot's send_message and a workspace class named GenerativeModel", () => {
    const facts = analyzeSnippet(`from telegram import Bot
from .models import GenerativeModel

bot = Bot(token="...")
mine = GenerativeModel("gemini-2.5-flash")

async def run(chat_id, text):
    await bot.send_message(chat_id=chat_id, text=text)
    return mine.generate_content(text)
`);
    assert.equal(facts.callSites.length, 0);
  });
});

describe('ollama', () => {
  it('recognises Client / AsyncClient calls and the module functions, with model, prompt, output cap and usage', () => {
    const facts = analyzeSnippet(`import ollama
from ollama import AsyncClient, Client, Options
from ollama import generate as ollama_generate

client = Client(host="http://localhost:11434")
aclient = AsyncClient(timeout=60)

def a(q):
    r = client.chat(model="llama3.1:70b", messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": q}], options={"num_predict": 256})
    return r["message"]["content"], r["eval_count"]

async def b(p):
    async for part in await aclient.generate("llama3.2", p, stream=True, options=Options(num_predict=64)):
        print(part.response)

def c(q):
    return ollama.chat("llama3.2", [{"role": "user", "content": q}])

def d(p):
    return ollama_generate(model="llama3.2", prompt=p, system="Summarise.")
`);
    const [a, b, c, d] = facts.callSites;
    assert.equal(facts.callSites.length, 4);
    assert.deepEqual([a.sdk, a.provider, a.method, a.model.value, a.model.literal, a.maxOutputTokens, a.streaming, a.usage], ['ollama', 'ollama', 'chat', 'llama3.1:70b', true, 256, false, 'read']);
    assert.deepEqual(a.prompt.map((p) => p.role), ['system', 'user']);
    assert.equal(a.client?.className, 'ollama.Client');
    assert.deepEqual([b.method, b.model.value, b.streaming, b.maxOutputTokens, b.usage, b.client?.className], ['generate', 'llama3.2', true, 64, 'discarded', 'ollama.AsyncClient']);
    assert.deepEqual(b.prompt.map((p) => p.role), ['user']);
    assert.deepEqual([c.method, c.client, c.moduleClient, c.prompt.map((p) => p.role)], ['chat', null, true, ['user']]);
    assert.deepEqual([d.method, d.moduleClient, d.prompt.map((p) => p.role)], ['generate', true, ['system', 'user']]);
    // No timeout by default, one attempt: the client's own timeout= is read.
    assert.deepEqual([callTimeout(a).seconds, callTimeout(a).source], [null, 'default']);
    assert.deepEqual([callTimeout(b).seconds, callTimeout(b).source], [60, 'explicit']);
    assert.deepEqual(codeRetryLayers(a).map((l) => l.attempts), [1]);
    assert.deepEqual(facts.clients.map((cl) => cl.className), ['ollama.Client', 'ollama.AsyncClient']);
  });

  it('near misses: functions named chat / generate of other packages or of the workspace', () => {
    const facts = analyzeSnippet(`from llama_index.llms.ollama import Ollama
from transformers import AutoModelForCausalLM
from .bot import chat

ollama = Ollama(model="llama3.2")
model = AutoModelForCausalLM.from_pretrained("gpt2")

def generate(p):
    return p

def run(q):
    ollama.chat([q])
    model.generate(q)
    chat(q)
    return generate(q)
`);
    assert.equal(facts.callSites.length, 0);
  });
});

describe('raw HTTP', () => {
  it('recognises requests/httpx posts to provider endpoints and to other hosts serving Chat Completions', () => {
    const facts = analyzeSnippet(`import requests, httpx
OPENAI_URL = "https://api.openai.com/v1/chat/completions"

def a(q):
    r = requests.post(OPENAI_URL, json={"model": "gpt-4o", "messages": [{"role": "user", "content": q}], "max_tokens": 50}, timeout=30)
    return r.json()["choices"][0]

async def b(q):
    async with httpx.AsyncClient() as http:
        r = await http.post("https://api.anthropic.com/v1/messages", json={"model": "claude-3-haiku", "max_tokens": 10, "system": "S", "messages": []})
        return r.json()["usage"]

def c():
    requests.post("https://example.com/v1/messages", json={})
    requests.post("/v1/chat/completions", json={})
    httpx.get("https://api.openai.com/v1/models")

def d(q):
    # Any host serving Chat Completions (vLLM, Ollama, a gateway) is a model; the provider is not known.
    return requests.post("https://llm.internal:8000/v1/chat/completions", json={"model": "qwen", "messages": []}, timeout=30).json()
`);
    const [a, b, d] = facts.callSites;
    assert.equal(facts.callSites.length, 3);
    assert.deepEqual([d.provider, d.model.value, d.usage], ['unknown', 'qwen', 'escapes']);
    assert.deepEqual([a.sdk, a.provider, a.method, a.model.value, a.maxOutputTokens, a.usage], ['http', 'openai', 'post', 'gpt-4o', 50, 'discarded']);
    assert.equal(slice(facts, a.args.span!), '{"model": "gpt-4o", "messages": [{"role": "user", "content": q}], "max_tokens": 50}');
    assert.deepEqual([b.provider, b.model.value, b.usage], ['anthropic', 'claude-3-haiku', 'read']);
    assert.deepEqual(b.prompt.map((p) => p.role), ['system']);
  });

  it('follows a provider URL that is the default of an env read', () => {
    const facts = analyzeSnippet(`import os, requests
API_URL = os.getenv("OPENAI_BASE_URL", "https://api.openai.com/v1") + "/chat/completions"
CLAUDE = f'{os.environ.get("ANTHROPIC_BASE_URL", "https://api.anthropic.com")}/v1/messages'
LOCAL = os.getenv("LLM_URL") + "/chat/completions"

def a(q):
    return requests.post(API_URL, json={"model": "gpt-4o-mini", "messages": [{"role": "user", "content": q}]}, timeout=30).json()

def b(q):
    return requests.post(CLAUDE, json={"model": "claude-sonnet-4-5", "max_tokens": 9, "messages": []}, timeout=30).json()

def c(q):
    return requests.post(LOCAL, json={"model": "x", "messages": []}, timeout=30).json()
`);
    assert.deepEqual(facts.callSites.map((s) => [s.provider, s.model.value]), [['openai', 'gpt-4o-mini'], ['anthropic', 'claude-sonnet-4-5'], ['unknown', 'x']]);
  });
});

describe('openai < 1.0 (no client object)', () => {
  it('recognises openai.ChatCompletion.create with its model, messages, limits and usage', () => {
    const facts = analyzeSnippet(`import openai

def ask(q):
    r = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": q}], max_tokens=256, request_timeout=45)
    print(r["usage"]["total_tokens"])
    return r["choices"][0]["message"]["content"]
`);
    const s = onlySite(facts);
    assert.deepEqual([s.sdk, s.provider, s.method], ['openai', 'openai', 'ChatCompletion.create']);
    assert.equal(catalogSdkOf(s), 'openai-legacy');
    assert.equal(s.client, null);
    assert.deepEqual([s.model.value, s.model.literal], ['gpt-3.5-turbo', true]);
    assert.deepEqual(s.prompt.map((p) => p.role), ['system', 'user']);
    assert.equal(s.maxOutputTokens, 256);
    assert.equal(s.streaming, false);
    assert.equal(s.usage, 'read');
    assert.equal(slice(facts, s.nameSpan), 'create');
    assert.deepEqual(callTimeout(s), { seconds: 45, source: 'explicit', label: 'timeout on the call' });
  });

  it('follows `import openai as ai`, `from openai import ChatCompletion` and aliases; acreate, stream=True, Completion prompts', () => {
    const facts = analyzeSnippet(`import openai as ai
from openai import ChatCompletion
from openai import Completion as LegacyCompletion

async def a(q):
    stream = await ai.ChatCompletion.acreate(model="gpt-4", messages=q, stream=True)
    async for chunk in stream:
        print(chunk["choices"][0]["delta"].get("content", ""), end="")

def b(q):
    r = ChatCompletion.create(model="gpt-4", messages=q)
    return r.usage

def c(q):
    return LegacyCompletion.create(model="gpt-3.5-turbo-instruct", prompt="Summarise: " + q, max_tokens=50)

def d(q):
    return ai.Completion.acreate(engine="davinci", prompt=q)
`);
    assert.deepEqual(
      facts.callSites.map((s) => [s.method, s.streaming, s.usage]),
      [['ChatCompletion.acreate', true, 'discarded'], ['ChatCompletion.create', false, 'read'], ['Completion.create', false, 'escapes'], ['Completion.acreate', false, 'escapes']],
    );
    assert.deepEqual(facts.callSites[2].prompt.map((p) => p.role), ['user']);
    assert.equal(facts.callSites[2].maxOutputTokens, 50);
    // `engine=` names an engine or deployment, not a model.
    assert.deepEqual([facts.callSites[3].model.value, facts.callSites[3].model.literal], [null, false]);
  });

  it('takes the provider from openai.api_type and openai.api_base set in the module', () => {
    const azure = onlySite(analyzeSnippet(`import os
import openai
openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2023-05-15"

def ask(q):
    return openai.ChatCompletion.create(deployment_id="chat-prod", messages=[{"role": "user", "content": q}])
`));
    assert.deepEqual([azure.provider, azure.model.value, azure.model.literal], ['azure-openai', null, false]);
    const viaEnvFallback = onlySite(analyzeSnippet(`import os
import openai as oa
oa.api_type = os.getenv("OPENAI_API_TYPE", "azure")

def ask(q):
    return oa.ChatCompletion.create(engine="gpt35", messages=q)
`));
    assert.equal(viaEnvFallback.provider, 'azure-openai');
    const provider = (setting: string) => onlySite(analyzeSnippet(`import openai
${setting}

def ask(q):
    return openai.ChatCompletion.create(model="m", messages=q)
`)).provider;
    assert.equal(provider('openai.api_base = "https://api.groq.com/openai/v1"'), 'groq');
    assert.equal(provider('openai.api_base = "http://localhost:8000/v1"'), 'unknown');
    assert.equal(provider('openai.api_base = "https://oai.helicone.ai/v1"'), 'openai');
    assert.equal(provider('openai.api_type = "open_ai"'), 'openai');
    // Not the openai module's setting.
    assert.equal(provider('settings.api_type = "azure"'), 'openai');
  });

  it('near misses: referenced but not called, look-alike classes, and the modern module-level client', () => {
    const facts = analyzeSnippet(`import openai
from mylib import ChatCompletion as Other

ENDPOINT = openai.ChatCompletion
CREATE = openai.ChatCompletion.create

class ChatCompletion:
    @classmethod
    def create(cls, **kw):
        return cls()

def a(q):
    ChatCompletion.create(model="gpt-4", messages=q)
    Other.create(model="gpt-4", messages=q)
    return openai.chat.completions.create(model="gpt-4o", messages=q)
`);
    const s = onlySite(facts);
    assert.equal(s.method, 'chat.completions.create');
    assert.equal(catalogSdkOf(s), 'openai');
  });

  it('has catalogue defaults read from the v0.x source: 600 s, connection-phase retries only', () => {
    const d = sdkDefaults('openai-legacy', 'python');
    assert.ok(d);
    assert.deepEqual([d.defaultTimeoutSeconds, d.defaultMaxRetries, d.connectionRetries, d.retriesTimeouts, d.verified], [600, 0, 2, false, true]);
    assert.match(d.source, /openai\/openai-python openai\/api_requestor\.py/);
    assert.equal(d.asOf, '2026-11-30');
    assert.deepEqual(optionNames('openai-legacy', 'python')?.request.timeout, ['request_timeout']);
    // The modern SDK keeps its own entry.
    assert.equal(sdkDefaults('openai', 'python')?.defaultMaxRetries, 2);

    const facts = analyzeSnippet(`import openai

def a(q):
    return openai.ChatCompletion.create(model="gpt-4", messages=q, timeout=10)

def b(q):
    return openai.ChatCompletion.create(model="gpt-4", messages=q, request_timeout=None)

def c(q):
    return openai.ChatCompletion.create(model="gpt-4", messages=q, request_timeout=(3, 30))

def d(**kw):
    return openai.ChatCompletion.create(**kw)
`);
    const [a, b, c, spread] = facts.callSites;
    assert.equal(callTimeout(spread).source, 'unknown');
    // `timeout=` is not a request timeout; None falls back to the default.
    assert.deepEqual(callTimeout(a), { seconds: 600, source: 'default', label: 'OpenAI SDK default' });
    assert.equal(callTimeout(b).seconds, 600);
    assert.equal(callTimeout(c).source, 'unknown');
    assert.deepEqual(codeRetryLayers(a).map((l) => [l.kind, l.attempts, l.source]), [['sdk', 1, 'default']]);
  });
});

describe('llamaindex', () => {
  it('recognises LlamaIndex LLM calls by the module of their class, with its options, defaults and two retry layers', () => {
    const facts = analyzeSnippet(`from llama_index.llms.openai import OpenAI
from llama_index.llms import Anthropic
from llama_index.embeddings.openai import OpenAIEmbedding
from openai import OpenAI as SdkOpenAI

llm = OpenAI(model="gpt-4o-mini", max_tokens=256)
claude = Anthropic(model="claude-3-5-sonnet-latest")
embed = OpenAIEmbedding()
sdk = SdkOpenAI()

def a(q):
    return llm.chat(q).message.content

def b(p):
    for r in llm.stream_complete(p):
        print(r.delta)

async def c(q):
    return (await claude.achat(q)).message.content

def d(t):
    return embed.get_text_embedding(t)

def e(q):
    return sdk.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
`);
    const [a, b, c, e] = facts.callSites;
    assert.equal(facts.callSites.length, 4);
    assert.deepEqual([a.sdk, a.provider, a.method, a.model.value, a.maxOutputTokens, a.streaming, a.usage, a.client?.className], ['llamaindex', 'openai', 'chat', 'gpt-4o-mini', 256, false, 'unknown', 'OpenAI']);
    assert.deepEqual([b.method, b.streaming, b.prompt.map((p) => p.role)], ['stream_complete', true, ['user']]);
    assert.deepEqual([c.sdk, c.provider, c.method, catalogSdkOf(c)], ['llamaindex', 'anthropic', 'achat', 'llamaindex-anthropic']);
    assert.deepEqual([e.sdk, e.client?.sdk], ['openai', 'openai']);
    assert.deepEqual(codeRetryLayers(a).map((l) => [l.label, l.attempts]), [['LlamaIndex', 3], ['SDK', 4]]);
    assert.deepEqual(codeRetryLayers(b).map((l) => [l.label, l.attempts]), [['SDK', 4]]);
    assert.deepEqual(codeRetryLayers(c).map((l) => [l.label, l.attempts]), [['SDK', 11]]);
    assert.equal(callTimeout(a).seconds, 60);
    assert.equal(callTimeout(c).seconds, null);
    assert.equal(sdkDefaults('llamaindex-openai', 'python')?.frameworkRetries?.label, 'LlamaIndex');
    assert.deepEqual(optionNames(catalogSdkOf(a), 'python')?.client.baseURL, ['api_base']);
  });

  const SETTINGS_CALL = `from llama_index.core import Settings as LlamaSettings

def classify(text):
    return LlamaSettings.llm.complete(text).text
`;

  it('calls through Settings.llm go to the one LLM the workspace assigns it (audit 116)', () => {
    const site = onlySite(analyze({
      'app/service.py': SETTINGS_CALL,
      'app/settings.py': `from llama_index.core.settings import Settings
from llama_index.llms.openai import OpenAI

def init_settings():
    Settings.llm = OpenAI(model="gpt-4o-mini", max_retries=1)
`,
    }));
    assert.deepEqual([site.sdk, site.method, site.client?.className, site.client?.path, site.model.value], ['llamaindex', 'complete', 'OpenAI', '/ws/app/settings.py', 'gpt-4o-mini']);
  });

  it('the module\'s own Settings.llm assignments come first; different classes or constructions leave it unknown', () => {
    const own = onlySite(analyze({
      'app/service.py': `from llama_index.core import Settings
from llama_index.llms.openai import OpenAI

llm = OpenAI(model="gpt-4o", max_retries=0)
Settings.llm = llm

def classify(text):
    return Settings.llm.complete(text).text
`,
      'app/settings.py': `from llama_index.core import Settings
from llama_index.llms.anthropic import Anthropic
Settings.llm = Anthropic(model="claude-3-5-sonnet-latest")
`,
    }));
    assert.deepEqual([own.client?.className, own.model.value], ['OpenAI', 'gpt-4o']);
    const branches = analyze({
      'app/service.py': `import os
from llama_index.core import Settings
from llama_index.llms.anthropic import Anthropic
from llama_index.llms.openai import OpenAI

if os.environ.get("PROVIDER") == "openai":
    Settings.llm = OpenAI(model="gpt-4o")
else:
    Settings.llm = Anthropic(model="claude-3-5-sonnet-latest")

def classify(text):
    return Settings.llm.complete(text).text
`,
    });
    assert.equal(branches.callSites.length, 0);
    const twoModules = analyze({
      'app/service.py': SETTINGS_CALL,
      'app/a.py': `from llama_index.core import Settings
from llama_index.llms.openai import OpenAI
Settings.llm = OpenAI(model="gpt-4o")
`,
      'app/b.py': `from llama_index.core import Settings
from llama_index.llms.openai import OpenAI
Settings.llm = OpenAI(model="gpt-4o", max_retries=0)
`,
    });
    assert.equal(twoModules.callSites.length, 0);
    const unfollowed = analyze({
      'app/service.py': SETTINGS_CALL,
      'app/a.py': `from llama_index.core import Settings
from .factory import make_llm
Settings.llm = make_llm()
`,
    });
    assert.equal(unfollowed.callSites.length, 0);
  });
});

describe('boto3 bedrock-runtime (audit 121)', () => {
  it('reads converse and invoke_model requests on clients made by boto3 or a session, and skips other services', () => {
    const facts = analyzeSnippet(`import json
import boto3
from botocore.config import Config

rt = boto3.client(service_name="bedrock-runtime", region_name="us-west-2")
session = boto3.Session(profile_name="prod")
via_session = session.client("bedrock-runtime", config=Config(read_timeout=300, retries={"mode": "standard"}))
s3 = boto3.client("s3")
bedrock_control = boto3.client("bedrock")
SYSTEM = "You are terse."


def ask(q):
    return via_session.converse(
        modelId="us.anthropic.claude-3-5-sonnet-20241022-v2:0",
        system=[{"text": SYSTEM}, {"cachePoint": {"type": "default"}}],
        messages=[{"role": "user", "content": [{"text": q}]}],
        inferenceConfig={"maxTokens": 300},
    )


def title(text):
    payload = {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 20, "system": SYSTEM, "messages": [{"role": "user", "content": text}]}
    body = json.dumps(payload)
    return rt.invoke_model(body=body, modelId="anthropic.claude-3-5-haiku-20241022-v1:0")


def other():
    s3.invoke_model(body="{}", modelId="x")
    bedrock_control.converse(modelId="x", messages=[])
`);
    assert.deepEqual(facts.clients.map((c) => [c.sdk, c.provider, c.className]), [['boto3', 'bedrock', 'bedrock-runtime'], ['boto3', 'bedrock', 'bedrock-runtime']]);
    const [converse, invoke] = facts.callSites;
    assert.equal(facts.callSites.length, 2);
    assert.deepEqual([converse.sdk, converse.method, converse.streaming, converse.model.value, converse.maxOutputTokens], ['boto3', 'converse', false, 'us.anthropic.claude-3-5-sonnet-20241022-v2:0', 300]);
    assert.deepEqual(converse.prompt.map((p) => p.role), ['system', 'user']);
    assert.equal(converse.prompt[0].cacheControl, true);
    assert.deepEqual([invoke.method, invoke.model.value, invoke.maxOutputTokens, invoke.prompt.map((p) => p.role)], ['invoke_model', 'anthropic.claude-3-5-haiku-20241022-v1:0', 20, ['system', 'user']]);
    assert.deepEqual([callTimeout(converse).seconds, callTimeout(invoke).seconds], [300, 60]);
    assert.deepEqual(codeRetryLayers(converse).map((l) => [l.label, l.attempts, l.source]), [['botocore', 3, 'explicit']]);
    assert.deepEqual(codeRetryLayers(invoke).map((l) => [l.label, l.attempts, l.source]), [['botocore', 5, 'default']]);
  });

  it('resolves a client kept on self, returned by a function, or imported from a workspace module', () => {
    const facts = analyze({
      'app/clients.py': `import boto3\n\n\ndef make_runtime():\n    return boto3.client("bedrock-runtime")\n\n\nshared = boto3.client("bedrock-runtime")\n`,
      'app/main.py': `from app.clients import make_runtime, shared


class Chat:
    def __init__(self):
        import boto3
        self.client = boto3.client("bedrock-runtime")

    def ask(self, q):
        return self.client.converse_stream(modelId="amazon.nova-lite-v1:0", messages=[{"role": "user", "content": [{"text": q}]}])


def a(q):
    return make_runtime().converse(modelId="amazon.nova-lite-v1:0", messages=[])


def b(q):
    return shared.invoke_model_with_response_stream(modelId="amazon.nova-lite-v1:0", body="{}")
`,
    }, 'app/main.py');
    assert.deepEqual(facts.callSites.map((s) => [s.method, s.streaming, s.client?.sdk]), [
      ['converse_stream', true, 'boto3'],
      ['converse', false, 'boto3'],
      ['invoke_model_with_response_stream', true, 'boto3'],
    ]);
  });

  it('leaves the timeout and the botocore layer unknown when the config is not read', () => {
    const facts = analyzeSnippet(`import boto3
from app.settings import BOTO_CONFIG

rt = boto3.client("bedrock-runtime", config=BOTO_CONFIG)


def ask(q):
    return rt.converse(modelId="amazon.nova-lite-v1:0", messages=[])
`);
    const [site] = facts.callSites;
    assert.equal(callTimeout(site).source, 'unknown');
    assert.deepEqual(codeRetryLayers(site), []);
  });
});

describe('huggingface_hub InferenceClient (audit 191)', () => {
  it('recognises chat_completion, its chat.completions.create alias and text_generation, with the client\'s model and timeout', () => {
    const facts = analyzeSnippet(`import os
from huggingface_hub import AsyncInferenceClient, InferenceClient

client = InferenceClient("meta-llama/Llama-3.1-8B-Instruct", timeout=30)
tgi = InferenceClient(model="http://localhost:8080")
aclient = AsyncInferenceClient(provider="together", api_key=os.environ["HF_TOKEN"])

def a(q):
    r = client.chat_completion([{"role": "system", "content": "Be brief."}, {"role": "user", "content": q}], max_tokens=200)
    return r.choices[0].message.content

def b(q):
    return tgi.text_generation(q, max_new_tokens=64, stream=True)

async def c(q):
    r = await aclient.chat.completions.create(model="Qwen/Qwen2.5-7B-Instruct:together", messages=[{"role": "user", "content": q}])
    return r.usage

def d(p):
    client.text_to_image(p)
    return client.feature_extraction(p)
`);
    const rows = facts.callSites.map((s) => [s.sdk, s.method, s.provider, s.model.value, s.maxOutputTokens, s.streaming, s.usage, s.client?.className]);
    assert.deepEqual(rows, [
      ['huggingface', 'chat_completion', 'unknown', 'meta-llama/Llama-3.1-8B-Instruct', 200, false, 'discarded', 'InferenceClient'],
      // A TGI server's URL names no model; text_generation returns text, with no usage to read or lose.
      ['huggingface', 'text_generation', 'unknown', null, 64, true, 'unknown', 'InferenceClient'],
      ['huggingface', 'chat.completions.create', 'unknown', 'Qwen/Qwen2.5-7B-Instruct', null, false, 'read', 'AsyncInferenceClient'],
    ]);
    assert.deepEqual(facts.callSites[0].prompt.map((p) => p.role), ['system', 'user']);
    assert.deepEqual(facts.callSites[1].prompt.map((p) => p.role), ['user']);
    assert.deepEqual([callTimeout(facts.callSites[0]).seconds, callTimeout(facts.callSites[0]).source], [30, 'explicit']);
    assert.deepEqual([callTimeout(facts.callSites[1]).seconds, codeRetryLayers(facts.callSites[1]).map((l) => l.attempts)], [null, [1]]);
    assert.deepEqual(facts.clients.map((c) => [c.sdk, c.className]), [['huggingface', 'InferenceClient'], ['huggingface', 'InferenceClient'], ['huggingface', 'AsyncInferenceClient']]);
  });

  it('near misses: local transformers pipelines and smolagents models are not InferenceClient calls', () => {
    const facts = analyzeSnippet(`from transformers import pipeline
from smolagents import InferenceClientModel

pipe = pipeline("text-generation", model="gpt2")
model = InferenceClientModel(model_id="Qwen/Qwen2.5-Coder-32B-Instruct", timeout=60)

def run(q, bot):
    bot.chat_completion([{"role": "user", "content": q}])
    return pipe.text_generation(q)
`);
    assert.deepEqual(facts.callSites.map((s) => [s.sdk, s.method]), [['smolagents', 'smolagents.InferenceClientModel']]);
  });
});

describe('Mistral SDK (audit 189)', () => {
  before(initPython);
  it('reads chat.complete / chat.stream_async on a Mistral client, and chat_stream on the legacy MistralClient', () => {
    const facts = analyzeSnippet(`from mistralai import Mistral
from mistralai.client import MistralClient

client = Mistral(api_key="k", timeout_ms=30_000)
legacy = MistralClient(api_key="k")

def ask(q):
    return client.chat.complete(model="mistral-large-latest", messages=[{"role": "user", "content": q}], max_tokens=200)

async def stream(q):
    return await client.chat.stream_async(model="mistral-small-latest", messages=[{"role": "user", "content": q}])

def old(q):
    return legacy.chat_stream(model="mistral-tiny", messages=[])

def other(chat):
    return chat.complete(q=1)
`);
    assert.deepEqual(facts.callSites.map((s) => [s.sdk, s.provider, s.method, s.streaming, s.client?.className]), [
      ['mistral', 'mistral', 'chat.complete', false, 'Mistral'],
      ['mistral', 'mistral', 'chat.stream_async', true, 'Mistral'],
      ['mistral', 'mistral', 'chat_stream', true, 'MistralClient'],
    ]);
    assert.equal(facts.callSites[0].maxOutputTokens, 200);
    assert.deepEqual(facts.clients.map((c) => c.className), ['Mistral', 'MistralClient']);
    assert.equal(sdkDefaults(catalogSdkOf(facts.callSites[0]), 'python')?.defaultTimeoutSeconds, null);
    assert.equal(sdkDefaults(catalogSdkOf(facts.callSites[2]), 'python')?.defaultTimeoutSeconds, 120);
  });
});
