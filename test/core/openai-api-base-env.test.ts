// OPENAI_API_BASE moves LangChain Python's ChatOpenAI and LiteLLM, not the openai SDKs: openai-python 1.x and
// openai-node read only OPENAI_BASE_URL. A stack that sets the legacy name still sends its SDK calls straight to OpenAI
// (audit 63: compose files that wire LiteLLM in through OPENAI_API_BASE around openai 1.x apps).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const compose = (variable: string) => `services:
  litellm:
    image: ghcr.io/berriai/litellm:main-stable
    command: ["--config", "/app/config.yaml"]
    volumes:
      - ./litellm/config.yaml:/app/config.yaml
  app:
    build: ./app
    environment:
      ${variable}: http://litellm:4000/v1
`;

const LITELLM = `model_list:
  - model_name: gpt-4o-mini
    litellm_params:
      model: openai/gpt-4o-mini
      api_key: os.environ/OPENAI_API_KEY
  - model_name: claude
    litellm_params:
      model: anthropic/claude-sonnet-4-5
      api_key: os.environ/ANTHROPIC_API_KEY
router_settings:
  num_retries: 4
  fallbacks: [{"gpt-4o-mini": ["claude"]}]
`;

const PY_SDK = `from openai import OpenAI

client = OpenAI(timeout=60)


def ask(q: str) -> str:
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])
    print(r.usage)
    return r.choices[0].message.content
`;

const TS_SDK = `import OpenAI from 'openai';

const client = new OpenAI({ timeout: 60_000 });

export async function ask(q: string) {
  const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });
  console.log(r.usage);
  return r.choices[0].message.content;
}
`;

const PY_LANGCHAIN = `from langchain_openai import ChatOpenAI

llm = ChatOpenAI(model="gpt-4o-mini", timeout=60)


def ask(q: str) -> str:
    return llm.invoke(q).content
`;

async function lint(variable: string, files: Record<string, string>) {
  const { engine, root } = await engineFor({ 'docker-compose.yml': compose(variable), 'litellm/config.yaml': LITELLM, ...files });
  return (rel: string, ruleId: string) => engine.lint(path.join(root, rel)).findings.filter((f) => f.ruleId === ruleId);
}

describe('OPENAI_API_BASE', () => {
  it('does not route an openai-python 1.x or openai-node client through the gateway', async () => {
    const findings = await lint('OPENAI_API_BASE', { 'app/main.py': PY_SDK, 'web/client.ts': TS_SDK, 'web/package.json': '{"dependencies":{"openai":"^4.60.0"}}' });
    for (const rel of ['app/main.py', 'web/client.ts']) {
      const [direct] = findings(rel, 'direct-provider-endpoint');
      assert.equal(
        direct?.message,
        'OpenAI client sends requests straight to api.openai.com: no base URL is set and no OPENAI_BASE_URL is defined in the workspace (this client does not read OPENAI_API_BASE, set in docker-compose.yml)',
        rel,
      );
      assert.deepEqual(findings(rel, 'retry-amplification'), [], `${rel}: the LiteLLM proxy is not in this call's path`);
    }
  });

  it('routes LangChain Python ChatOpenAI through the gateway', async () => {
    const findings = await lint('OPENAI_API_BASE', { 'lc/chain.py': PY_LANGCHAIN });
    assert.deepEqual(findings('lc/chain.py', 'direct-provider-endpoint'), []);
  });

  it('names it in the stream-without-usage message of a LangChain stream behind it (audit 64)', async () => {
    const findings = await lint('OPENAI_API_BASE', { 'lc/chat.py': 'from langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI(model="gpt-4o", timeout=30)\n\n\ndef answer(q):\n    for c in llm.stream(q):\n        print(c.content)\n' });
    assert.equal(
      findings('lc/chat.py', 'stream-without-usage')[0]?.message,
      'ChatOpenAI streams through OPENAI_API_BASE set in the workspace without stream_usage=True, so LangChain leaves stream usage off and every streamed call reports 0 tokens',
    );
  });

  it('near miss: OPENAI_BASE_URL routes the SDK clients, and the router multiplies their retries', async () => {
    const findings = await lint('OPENAI_BASE_URL', { 'app/main.py': PY_SDK });
    assert.deepEqual(findings('app/main.py', 'direct-provider-endpoint'), []);
    assert.match(findings('app/main.py', 'retry-amplification')[0]?.message ?? '', /^Up to 15 attempts per request: SDK 3 × LiteLLM proxy 5/);
  });
});

describe('ANTHROPIC_API_URL', () => {
  const files = (client: string) => ({
    '.env': 'ANTHROPIC_API_URL=http://litellm:4000\n',
    'app/llm.py': `${client}\n\n\ndef ask(q: str) -> str:\n    return llm.invoke(q).content\n`,
  });

  it('routes LangChain Python ChatAnthropic through the gateway (audit 69)', async () => {
    const { engine, root } = await engineFor(files('from langchain_anthropic import ChatAnthropic\n\nllm = ChatAnthropic(model="claude-sonnet-4-5", timeout=60)'));
    assert.deepEqual(engine.lint(path.join(root, 'app/llm.py')).findings.filter((f) => f.ruleId === 'direct-provider-endpoint'), []);
  });

  it('near miss: the anthropic SDK does not read it', async () => {
    const { engine, root } = await engineFor({
      '.env': 'ANTHROPIC_API_URL=http://litellm:4000\n',
      'app/llm.py': 'from anthropic import Anthropic\n\nclient = Anthropic(timeout=60)\n',
    });
    const [f] = engine.lint(path.join(root, 'app/llm.py')).findings.filter((x) => x.ruleId === 'direct-provider-endpoint');
    assert.match(f?.message ?? '', /\(this client does not read ANTHROPIC_API_URL, set in \.env\)$/);
  });
});
