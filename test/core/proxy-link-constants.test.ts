// Small apps name their gateway URL once, as a module constant (`LITELLM_URL = os.getenv("LITELLM_URL", …)`), in the
// client's file or in a config module, and pass the name to the client. The call is linked to the workspace's LiteLLM
// proxy all the same: its retries multiply the SDK's and its logging callbacks trace the call (audit 76).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const COMPOSE = `services:
  backend:
    build: .
    environment:
      LITELLM_URL: http://litellm:4000
  litellm:
    image: ghcr.io/berriai/litellm:main-stable
    command: ["--config", "/app/config.yaml"]
    volumes: ["./litellm/config.yaml:/app/config.yaml:ro"]
`;

const PROXY = `model_list:
  - model_name: general
    litellm_params:
      model: groq/openai/gpt-oss-20b
      api_key: os.environ/GROQ_API_KEY
  - model_name: backup
    litellm_params:
      model: gemini/gemini-2.5-flash
      api_key: os.environ/GEMINI_API_KEY
router_settings:
  num_retries: 2
  fallbacks: [{"general": ["backup"]}]
litellm_settings:
  success_callback: ["langfuse"]
`;

const CALL = `

def ask(question: str):
    r = client.chat.completions.create(model="general", messages=[{"role": "user", "content": question}])
    print(r.usage)
    return r.choices[0].message.content
`;

const CONFIG = 'import os\n\nLITELLM_URL = os.getenv("LITELLM_URL", "http://localhost:4000")\n';

async function findingsOf(files: Record<string, string>) {
  const { engine, root } = await engineFor({ 'docker-compose.yml': COMPOSE, 'litellm/config.yaml': PROXY, 'app/__init__.py': '', ...files });
  const result = engine.lint(path.join(root, 'app/chat.py'));
  assert.deepEqual(result.errors, []);
  return (ruleId: string) => result.findings.filter((f) => f.ruleId === ruleId).map((f) => f.message);
}

const SPELLINGS: Record<string, Record<string, string>> = {
  'a constant of the same module': {
    'app/chat.py': `import os\n\nfrom openai import OpenAI\n\nLITELLM_URL = os.getenv("LITELLM_URL", "http://localhost:4000")\n\nclient = OpenAI(base_url=LITELLM_URL, timeout=60)\n${CALL}`,
  },
  'a name imported from a config module': {
    'app/config.py': CONFIG,
    'app/chat.py': `from openai import OpenAI\n\nfrom app.config import LITELLM_URL\n\nclient = OpenAI(base_url=LITELLM_URL, timeout=60)\n${CALL}`,
  },
  'an attribute of an imported config module': {
    'app/config.py': CONFIG,
    'app/chat.py': `from openai import OpenAI\n\nfrom app import config\n\nclient = OpenAI(base_url=config.LITELLM_URL, timeout=60)\n${CALL}`,
  },
};

const TS_CALL = `

export async function ask(q: string) {
  const r = await client.chat.completions.create({ model: 'general', messages: [{ role: 'user', content: q }] });
  console.log(r.usage);
  return r.choices[0].message.content;
}
`;

const TS_CONFIG = "export const LITELLM_URL = process.env.LITELLM_URL ?? 'http://localhost:4000';\nexport const settings = { baseUrl: process.env.LITELLM_URL || 'http://localhost:4000' };\n";

const TS_SPELLINGS: Record<string, Record<string, string>> = {
  'a const of the same module': {
    'app/chat.ts': `import OpenAI from 'openai';\n\nconst LITELLM_URL = process.env.LITELLM_URL ?? 'http://localhost:4000';\nconst client = new OpenAI({ baseURL: LITELLM_URL, timeout: 60_000 });\n${TS_CALL}`,
  },
  'a named import': {
    'app/config.ts': TS_CONFIG,
    'app/chat.ts': `import OpenAI from 'openai';\nimport { LITELLM_URL } from './config';\n\nconst client = new OpenAI({ baseURL: LITELLM_URL, timeout: 60_000 });\n${TS_CALL}`,
  },
  'a namespace import': {
    'app/config.ts': TS_CONFIG,
    'app/chat.ts': `import OpenAI from 'openai';\nimport * as config from './config';\n\nconst client = new OpenAI({ baseURL: config.LITELLM_URL, timeout: 60_000 });\n${TS_CALL}`,
  },
  'a property of an imported settings object': {
    'app/config.ts': TS_CONFIG,
    'app/chat.ts': `import OpenAI from 'openai';\nimport { settings } from './config';\n\nconst client = new OpenAI({ baseURL: settings.baseUrl, timeout: 60_000 });\n${TS_CALL}`,
  },
};

describe('a base URL read from the environment through a module constant', () => {
  for (const [how, files] of Object.entries(TS_SPELLINGS)) {
    it(`links the client to the LiteLLM proxy (TypeScript): ${how}`, async () => {
      const { engine, root } = await engineFor({ 'docker-compose.yml': COMPOSE, 'litellm/config.yaml': PROXY, 'package.json': '{"dependencies":{"openai":"^4.60.0"}}', ...files });
      const result = engine.lint(path.join(root, 'app/chat.ts'));
      const of = (ruleId: string) => result.findings.filter((f) => f.ruleId === ruleId).map((f) => f.message);
      assert.deepEqual(of('retry-amplification'), ['Up to 9 attempts per request: SDK 3 × LiteLLM proxy 3; let one layer own retries']);
      assert.deepEqual(of('untraced-llm-call'), []);
      assert.deepEqual(of('hardcoded-model'), []);
    });
  }

  it('near miss (TypeScript): a let that is assigned again is not a constant', async () => {
    const { engine, root } = await engineFor({
      'docker-compose.yml': COMPOSE,
      'litellm/config.yaml': PROXY,
      'app/config.ts': "export let LITELLM_URL = process.env.LITELLM_URL;\nexport function useDirect() { LITELLM_URL = 'https://api.openai.com/v1'; }\n",
      'app/chat.ts': `import OpenAI from 'openai';\nimport { LITELLM_URL } from './config';\n\nconst client = new OpenAI({ baseURL: LITELLM_URL, timeout: 60_000 });\n${TS_CALL}`,
    });
    assert.deepEqual(engine.lint(path.join(root, 'app/chat.ts')).findings.filter((f) => f.ruleId === 'retry-amplification'), []);
  });

  for (const [how, files] of Object.entries(SPELLINGS)) {
    it(`links the client to the LiteLLM proxy: ${how}`, async () => {
      const findings = await findingsOf(files);
      assert.deepEqual(findings('retry-amplification'), ['Up to 9 attempts per request: SDK 3 × LiteLLM proxy 3; let one layer own retries']);
      // The proxy logs every call to Langfuse: a trace per call, there.
      assert.deepEqual(findings('untraced-llm-call'), []);
      // `general` is one of the proxy's model aliases: routing it is a config change.
      assert.deepEqual(findings('hardcoded-model'), []);
      assert.deepEqual(findings('direct-provider-endpoint'), []);
    });
  }

  it('near miss: a constant holding something else than an environment read links nothing', async () => {
    const findings = await findingsOf({
      'app/config.py': 'LITELLM_URL = "https://api.openai.com/v1"\n',
      'app/chat.py': `from openai import OpenAI\n\nfrom app.config import LITELLM_URL\n\nclient = OpenAI(base_url=LITELLM_URL, timeout=60)\n${CALL}`,
    });
    assert.deepEqual(findings('retry-amplification'), []);
    assert.equal(findings('untraced-llm-call').length, 1);
  });

  it('near miss: a client the proxy does not serve keeps its model finding, even when the name is an alias there', async () => {
    const findings = await findingsOf({ 'app/chat.py': `from openai import OpenAI\n\nclient = OpenAI(timeout=60)\n${CALL}` });
    assert.deepEqual(findings('hardcoded-model'), ["Model 'general' is hardcoded in the chat.completions.create call, so switching or routing models needs a code change"]);
    assert.deepEqual(findings('retry-amplification'), []);
  });
});
