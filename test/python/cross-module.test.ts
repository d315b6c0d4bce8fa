import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createPythonFrontEnd } from '../../server/src/languages/python/front-end';
import { analyze, initPython, MemoryProject } from './helpers';

before(initPython);

const LLM = `import os
from functools import lru_cache
from openai import OpenAI
import anthropic

client = OpenAI(timeout=12, base_url=os.environ.get("OPENAI_BASE_URL"))
SYSTEM_PROMPT = "You answer questions about invoices."
MODEL = "gpt-4o-mini"

@lru_cache
def get_claude():
    return anthropic.Anthropic(max_retries=0)

_lazy = None
def lazy():
    global _lazy
    if _lazy is None:
        _lazy = OpenAI(timeout=3)
    return _lazy
`;

describe('cross-module resolution', () => {
  it('follows `from .llm import client`, aliases, constants and factory functions', () => {
    const facts = analyze({
      'app/routes.py': `from .llm import client as c, SYSTEM_PROMPT, MODEL, get_claude, lazy

def a(q):
    return c.chat.completions.create(model=MODEL, messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": q}])

def b(q):
    return get_claude().messages.create(model="claude-3-5-haiku", max_tokens=5, messages=[])

def d(q):
    return lazy().chat.completions.create(model="m", messages=[])
`,
      'app/llm.py': LLM,
    });
    const [a, b, d] = facts.callSites;
    assert.equal(a.client?.className, 'OpenAI');
    assert.ok(a.client?.path.endsWith('/app/llm.py'));
    assert.deepEqual(Object.keys(a.client!.args.options), ['timeout', 'base_url']);
    assert.deepEqual([a.model.value, a.model.literal], ['gpt-4o-mini', true]);
    assert.equal(a.prompt[0].source?.kind, 'constant');
    assert.ok(a.prompt[0].source?.path.endsWith('/app/llm.py'));
    assert.equal((a.prompt[0].segments[0] as { text: string }).text, 'You answer questions about invoices.');
    assert.equal(b.client?.className, 'Anthropic');
    assert.equal(d.client?.className, 'OpenAI');
    assert.deepEqual(Object.keys(d.client!.args.options), ['timeout']);
  });

  it('follows a lazy getter bound to a local name, and pydantic-settings fields to their environment variables', () => {
    const facts = analyze({
      'app/routes.py': `from .llm import lazy
from .config import settings
from openai import OpenAI

gateway = OpenAI(base_url=settings.gateway_url, api_key=settings.gateway_key, timeout=settings.timeout)

async def chat(q):
    client = lazy()
    return client.chat.completions.create(model="m", messages=[])
`,
      'app/llm.py': LLM,
      'app/config.py': `from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="app_")
    gateway_url: str = "http://localhost:4000/v1"
    gateway_key: str = Field("", alias="LITELLM_MASTER_KEY")
    timeout: float = 30


settings = Settings()
`,
    });
    assert.equal(facts.callSites[0].client?.className, 'OpenAI');
    assert.deepEqual(Object.keys(facts.callSites[0].client!.args.options), ['timeout']);
    const options = facts.clients.find((c) => c.args.options.base_url)!.args.options;
    assert.deepEqual(options.base_url.value, { kind: 'env', name: 'APP_GATEWAY_URL', span: options.base_url.value.span, fallback: { kind: 'string', value: 'http://localhost:4000/v1', span: (options.base_url.value as { fallback: { span: unknown } }).fallback.span } });
    assert.equal((options.api_key.value as { name: string }).name, 'LITELLM_MASTER_KEY');
    assert.equal((options.timeout.value as { name: string }).name, 'APP_TIMEOUT');
  });

  it('analyses a file whose only LLM mention is a Responses API call on an imported client', () => {
    const facts = analyze({
      'llm/section_classification.py': `from llm.llm_client import client, model\n\ndef classify(text):\n    return client.responses.parse(model=model, input=text)\n`,
      'llm/llm_client.py': `from openai import OpenAI\nclient = OpenAI(timeout=30)\nmodel = "gpt-4o-2024-08-06"\n`,
      'llm/__init__.py': '',
    });
    assert.deepEqual(facts.callSites.map((s) => `${s.method} ${s.client?.className} ${s.model.value}`), ['responses.parse OpenAI gpt-4o-2024-08-06']);
  });

  it('follows `import app.llm as llm`, `from app import llm` and `import app.llm`', () => {
    const files = {
      'app/llm.py': LLM,
      'app/__init__.py': '',
      'app/svc.py': `import app.llm as llm
from app import llm as llm2
import app.llm

def a():
    llm.client.chat.completions.create(model="m", messages=[])
    llm2.client.chat.completions.create(model="m", messages=[])
    app.llm.client.chat.completions.create(model="m", messages=[])
`,
    };
    const facts = analyze(files, 'app/svc.py');
    assert.deepEqual(facts.callSites.map((s) => s.client?.className ?? null), ['OpenAI', 'OpenAI', 'OpenAI']);
  });

  it('resolves absolute imports from a src/ layout and packages', () => {
    const facts = analyze({
      'src/shop/api/views.py': `from shop.core.clients import client\n\ndef v(request):\n    return client.chat.completions.create(model="m", messages=[])\n`,
      'src/shop/core/clients/__init__.py': `from openai import OpenAI\nclient = OpenAI(timeout=1)\n`,
    });
    assert.equal(facts.callSites[0].client?.className, 'OpenAI');
  });

  it('tells which files depend on a module, and sees edits to it', () => {
    const project = new MemoryProject({ 'app/llm.py': LLM, 'app/routes.py': `from .llm import client\n\ndef a():\n    return client.chat.completions.create(model="m", messages=[])\n` });
    const fe = createPythonFrontEnd();
    const routes = project.abs('app/routes.py');
    const llm = project.abs('app/llm.py');
    assert.ok('timeout' in fe.analyze(routes, project.text(routes)!, project).callSites[0].client!.args.options);
    project.set('app/llm.py', LLM.replace('client = OpenAI(timeout=12, ', 'client = OpenAI('));
    assert.deepEqual(fe.dependents!(llm), [routes]);
    assert.ok(!('timeout' in fe.analyze(routes, project.text(routes)!, project).callSites[0].client!.args.options));
    fe.forget!(llm);
    assert.deepEqual(fe.dependents!(llm), [routes]);
  });

  // Audit 81: the client came back from a helper that also returns the model, so its proxy's retries went uncounted.
  it('follows a client unpacked from a tuple a helper returns, here or in another module', () => {
    const facts = analyze({
      'app/config.py': `from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    litellm_url: str = "http://localhost:4000/v1"
    model_config = {"env_prefix": "SCRIBIA_"}


settings = Settings()
`,
      'app/clients.py': `from openai import OpenAI

from .config import settings

_client = None


def get_client():
    global _client
    if _client is None:
        _client = OpenAI(base_url=settings.litellm_url, timeout=600.0)
    return _client


def client_and_model(name):
    return get_client(), name
`,
      'app/llm.py': `from anthropic import Anthropic

from .clients import client_and_model, get_client

client = Anthropic(timeout=30)


def _resolve(name):
    return name.upper(), get_client()


def imported(prompt):
    client, model = client_and_model("gpt-4o")
    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}])


def local(prompt):
    model, client = _resolve("gpt-4o")
    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}])


def literal(prompt):
    c, model = get_client(), "gpt-4o"
    return c.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}])


def wrong_position(prompt):
    model, client = client_and_model("gpt-4o")
    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}])


def starred(prompt):
    *rest, client = client_and_model("gpt-4o")
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
`,
    }, 'app/llm.py');
    const [imported, local, literal, wrongPosition, starred] = facts.callSites;
    for (const site of [imported, local, literal]) {
      assert.equal(site.client?.className, 'OpenAI', site.enclosingFunction?.name ?? '');
      assert.deepEqual(site.client?.args.options.base_url?.value.kind === 'env' && site.client.args.options.base_url.value.name, 'SCRIBIA_LITELLM_URL');
    }
    // The second item of client_and_model is the model name; a starred target has no fixed position. Neither is the
    // module's Anthropic client of the same name.
    assert.equal(wrongPosition.client, null);
    assert.equal(starred.client, null);
  });
});
