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
});
