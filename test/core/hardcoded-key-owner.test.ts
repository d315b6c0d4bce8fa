// Plain `sk-…` keys are issued by OpenAI and by OpenAI-compatible providers: the client a key is given to says whose it is.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

async function keyFindings(rel: string, text: string) {
  const { engine, root } = await engineFor({ [rel]: text });
  return engine.lint(path.join(root, rel)).findings.filter((f) => f.ruleId === 'hardcoded-api-key');
}

describe('hardcoded-api-key names the provider the key is sent to', () => {
  it('an AI SDK OpenAI-compatible provider pointed at DeepSeek', async () => {
    const [f] = await keyFindings('model.ts', `import { createOpenAI } from '@ai-sdk/openai';

const deepseek = createOpenAI({ baseURL: 'https://api.deepseek.com/v1', apiKey: 'sk-45288052b6f64b70844687307e5ad7d3' });
export const chatModel = deepseek('deepseek-chat');
`);
    assert.match(f.message, /^DeepSeek API key sk-4…d7d3 is hardcoded/);
    assert.equal(f.fix?.edits[0].newText, 'process.env.DEEPSEEK_API_KEY');
  });

  it('openai-python clients: DeepSeek, an unknown gateway, and OpenAI itself', async () => {
    const found = await keyFindings('llm.py', `from openai import OpenAI

deepseek = OpenAI(api_key="sk-45288052b6f64b70844687307e5ad7d3", base_url="https://api.deepseek.com")
gateway = OpenAI(api_key="sk-45288052b6f64b70844687307e5ad7d4", base_url="https://llm.internal.example/v1")
openai = OpenAI(api_key="sk-45288052b6f64b70844687307e5ad7d5")
project = OpenAI(api_key="sk-proj-45288052b6f64b70844687307e5ad7d6", base_url="https://api.deepseek.com")
`);
    assert.deepEqual(
      found.map((f) => f.message.split(' is hardcoded')[0]),
      ['DeepSeek API key sk-4…d7d3', 'API key sk-4…d7d4', 'OpenAI API key sk-4…d7d5', 'OpenAI API key sk-p…d7d6'],
    );
  });

  it('a key named in words in an env template is a placeholder; the same value in a compose file is not (audit 92)', async () => {
    assert.deepEqual(await keyFindings('.env.example', 'LITELLM_MASTER_KEY=sk-local-litellm-master-key\nOPENAI_API_KEY=sk-45288052b6f64b70844687307e5ad7d5\n').then((f) => f.length), 1);
    const compose = 'services:\n  litellm:\n    image: ghcr.io/berriai/litellm:main-stable\n    environment:\n      LITELLM_MASTER_KEY: sk-local-litellm-master-key\n';
    assert.equal((await keyFindings('docker-compose.yml', compose)).length, 1);
  });

  it("LiteLLM's own secrets, and its master key handed to a client, are the proxy's (audit 63)", async () => {
    const found = await keyFindings('docker-compose.yml', `services:
  litellm:
    image: ghcr.io/berriai/litellm:main-stable
    environment:
      LITELLM_MASTER_KEY: sk-litellm-admin-dev-key
      LITELLM_SALT_KEY: sk-litellm-salt-dev-key
  app:
    environment:
      - OPENAI_BASE_URL=http://litellm:4000/v1
      - OPENAI_API_KEY=sk-litellm-admin-dev-key
  worker:
    environment:
      OPENAI_API_KEY: sk-45288052b6f64b70844687307e5ad7d5
`);
    assert.deepEqual(
      found.map((f) => f.message),
      [
        'LiteLLM master key sk-l…-key is hardcoded in a committed config file, so anyone who can read the repository has admin access to the proxy and can spend through it',
        'LiteLLM salt key sk-l…-key is hardcoded in a committed config file, so anyone who can read the repository can decrypt the provider keys the proxy stores in its database',
        'LiteLLM master key sk-l…-key is hardcoded in a committed config file, so anyone who can read the repository has admin access to the proxy and can spend through it',
        'OpenAI API key sk-4…d7d5 is hardcoded in a committed config file, so anyone who can read the repository can spend on the account',
      ],
    );
  });

  it("a LiteLLM config's general_settings.master_key", async () => {
    const [f] = await keyFindings('litellm/config.yaml', 'model_list: []\ngeneral_settings:\n  master_key: sk-9f8e7d6c5b4a39281706f5e4d3c2b1a0\n');
    assert.match(f?.message ?? '', /^LiteLLM master key sk-9…b1a0 is hardcoded/);
  });

  it('reads a LiteLLM secret in code back from its own variable', async () => {
    const [f] = await keyFindings('settings.py', 'import os\n\nLITELLM_MASTER_KEY = "sk-9f8e7d6c5b4a39281706f5e4d3c2b1a0"\n');
    assert.match(f?.message ?? '', /^LiteLLM master key sk-9…b1a0 is hardcoded in source code/);
    assert.equal(f?.fix?.edits[0].newText, 'os.environ.get("LITELLM_MASTER_KEY")');
  });
});
