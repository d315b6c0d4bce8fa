import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeSnippet, initPython, onlySite, slice } from './helpers';

before(initPython);

const HEADER = `from openai import OpenAI\nclient = OpenAI()\n`;

describe('prompt loads', () => {
  it('finds reads inside functions and whether they feed a prompt', () => {
    const facts = analyzeSnippet(`${HEADER}from pathlib import Path
from functools import lru_cache
from langchain import hub
import boto3
ssm = boto3.client("ssm")
MODULE_PROMPT = open("prompts/module.txt").read()

@app.post("/a")
def a(q):
    system = open("prompts/system.txt", encoding="utf-8").read()
    return client.chat.completions.create(model="m", messages=[{"role": "system", "content": system}, {"role": "user", "content": q}])

def b(q):
    with open("prompts/b.md") as f:
        template = f.read()
    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": template.format(q=q)}])

def load_instructions():
    return Path("prompts/instructions.md").read_text()

def c(q):
    return client.chat.completions.create(model="m", messages=[{"role": "system", "content": load_instructions()}])

@lru_cache
def cached():
    return Path("prompts/cached.md").read_text()

def d():
    p = hub.pull("org/prompt")
    v = ssm.get_parameter(Name="/prompts/system")["Parameter"]["Value"]
    data = open("data.bin", "wb").write(b"x")
    return p, v
`);
    const loads = facts.promptLoads.map((l) => [l.api, l.enclosingFunction?.name, l.feedsPrompt]);
    assert.deepEqual(loads, [
      ['open().read()', 'a', true],
      ['open().read()', 'b', true],
      ['Path.read_text', 'load_instructions', true],
      ['hub.pull', 'd', false],
      ['ssm.get_parameter', 'd', false],
    ]);
    assert.equal(slice(facts, facts.promptLoads[0].span), 'open("prompts/system.txt", encoding="utf-8").read()');
  });
});

describe('history fetches', () => {
  it('recognises SQLAlchemy, Django, Mongo, Redis and SQL reads with their bounds', () => {
    const facts = analyzeSnippet(`${HEADER}def f(db, r, cur, conv):
    a = db.query(ChatMessage).filter_by(conversation_id=conv).all()
    b = db.query(ChatMessage).filter_by(conversation_id=conv).order_by(ChatMessage.id.desc()).limit(20).all()
    c = list(Message.objects.filter(conversation=conv).order_by("created"))
    d = Message.objects.filter(conversation=conv)[:20]
    e = list(mongo.messages.find({"conv": conv}))
    g = r.lrange(f"chat:{conv}", 0, -1)
    h = r.lrange(f"chat:{conv}", -20, -1)
    cur.execute("SELECT role, content FROM messages WHERE conversation_id = %s", (conv,))
    cur.execute("SELECT role, content FROM messages WHERE conversation_id = %s LIMIT 20", (conv,))
    history = a
    client.chat.completions.create(model="m", messages=history)
`);
    assert.deepEqual(facts.historyFetches.map((h) => [h.api, h.bounded]), [
      ['query().all()', false],
      ['query().all()', true],
      ['objects.filter', false],
      ['objects.filter', true],
      ['mongo.messages.find', false],
      ['redis.lrange', false],
      ['redis.lrange', true],
      ['execute(SELECT …)', false],
      ['execute(SELECT …)', true],
    ]);
    assert.deepEqual(facts.historyFetches.map((h) => h.feedsPrompt), [true, false, false, false, false, false, false, false, false]);
    const seg = onlySite(facts).prompt[0].segments[0];
    assert.equal(seg.kind === 'dynamic' ? seg.origin : null, 'history');
  });
});

describe('literals', () => {
  it('finds provider endpoints with their role, real-looking keys (not placeholders) and gen_ai attributes', () => {
    const facts = analyzeSnippet(`${HEADER}import requests
from opentelemetry import trace
c2 = OpenAI(base_url="https://openrouter.ai/api/v1", api_key="sk-or-v1-${'a1b2c3d4'.repeat(8)}")
URL = "https://api.anthropic.com/v1/messages"
requests.post("https://api.openai.com/v1/chat/completions", json={})
placeholder = "sk-your-key-here"
other = "https://example.com/v1"
def f(span):
    span.set_attribute("gen_ai.usage.input_tokens", 1)
    span.set_attributes({"gen_ai.request.model": "m", "gen_ai.system": "openai"})
`);
    assert.deepEqual(facts.endpoints.map((e) => [e.provider, e.role]), [['openrouter', 'base-url'], ['anthropic', 'other'], ['openai', 'request']]);
    assert.deepEqual(facts.secrets.map((s) => [s.provider, s.masked]), [['openrouter', 'sk-or…c3d4']]);
    assert.deepEqual(facts.attributes.map((a) => a.name), ['gen_ai.usage.input_tokens', 'gen_ai.request.model', 'gen_ai.system']);
  });
});

describe('tracing', () => {
  it('knows spans from with-blocks and tracing decorators', () => {
    const facts = analyzeSnippet(`${HEADER}from opentelemetry import trace
from langfuse import observe
from traceloop.sdk.decorators import workflow
from celery import shared_task
tracer = trace.get_tracer(__name__)

def a():
    with tracer.start_as_current_span("chat gpt-4o") as span:
        client.chat.completions.create(model="m", messages=[])

@observe()
def b():
    client.chat.completions.create(model="m", messages=[])

@workflow(name="w")
def c():
    client.chat.completions.create(model="m", messages=[])

@tracer.start_as_current_span("d")
def d():
    client.chat.completions.create(model="m", messages=[])

@shared_task
def e():
    client.chat.completions.create(model="m", messages=[])
`);
    assert.deepEqual(facts.callSites.map((s) => s.inSpan), [true, true, true, true, false]);
    assert.deepEqual(facts.instrumentation, ['langfuse (observe)', 'traceloop-sdk']);
  });

  it('lists GenAI instrumentation imports', () => {
    const facts = analyzeSnippet(`from opentelemetry.instrumentation.openai_v2 import OpenAIInstrumentor
from openinference.instrumentation.anthropic import AnthropicInstrumentor
import openlit
from opentelemetry.instrumentation.requests import RequestsInstrumentor
OpenAIInstrumentor().instrument()
`);
    assert.deepEqual(facts.instrumentation, ['opentelemetry-instrumentation-openai-v2', 'openinference-instrumentation-anthropic', 'openlit']);
  });

  it('counts the LangSmith and PostHog wrappers that record each call, not the rest of those packages', () => {
    const wrapped = analyzeSnippet(`from langsmith.wrappers import wrap_openai
from posthog.ai.openai import OpenAI
from langsmith import Client
import posthog
`);
    assert.deepEqual(wrapped.instrumentation, ['langsmith (wrap_openai)', 'posthog (LLM analytics)']);
    assert.deepEqual(analyzeSnippet('from langsmith import Client\nimport posthog\n').instrumentation, []);
    // PostHog's own services import the same SDK as `posthoganalytics`.
    assert.deepEqual(analyzeSnippet('from posthoganalytics.ai.openai import OpenAI\n').instrumentation, ['posthog (LLM analytics)']);
  });

  it('reads PostHog\'s drop-in OpenAI and Anthropic subclasses as SDK clients with the SDK\'s options', () => {
    const facts = analyzeSnippet(`import posthoganalytics
from posthog.ai.anthropic import Anthropic
from posthoganalytics.ai.openai import OpenAI

openai_client = OpenAI(posthog_client=posthoganalytics, timeout=30)
claude = Anthropic(posthog_client=posthoganalytics)
`);
    assert.deepEqual(facts.clients.map((c) => [c.sdk, c.className, Object.keys(c.args.options).sort().join(',')]), [
      ['openai', 'OpenAI', 'posthog_client,timeout'],
      ['anthropic', 'Anthropic', 'posthog_client'],
    ]);
  });
});

describe('environment reads', () => {
  it('finds os.environ[...], os.environ.get, os.getenv and imported getenv/environ', () => {
    const facts = analyzeSnippet(`import os
from os import getenv, environ
a = os.environ["A"]
b = os.environ.get("B", "x")
c = os.getenv("C")
d = getenv("D")
e = environ.get("E")
f = environ["F"]
g = os.environ[name]
h = settings.get("H")
`);
    assert.deepEqual(facts.envReads, ['A', 'B', 'C', 'D', 'E', 'F']);
  });
});
