// openai@3.x reads no base URL from the environment: OPENAI_BASE_URL in .env does not route its calls anywhere.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const v3 = "const { Configuration, OpenAIApi } = require('openai');\n\nconst openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));\n\nmodule.exports = { openai };\n";
const v4 = "const OpenAI = require('openai');\n\nconst openai = new OpenAI({ timeout: 60_000 });\n\nmodule.exports = { openai };\n";

async function messages(text: string, env: string): Promise<string[]> {
  const { engine, root } = await engineFor({ 'llm.js': text, '.env.example': env });
  return engine.lint(path.join(root, 'llm.js')).findings.filter((f) => f.ruleId === 'direct-provider-endpoint').map((f) => f.message);
}

describe('direct-provider-endpoint on openai@3.x', () => {
  it('reports the client although the workspace defines OPENAI_BASE_URL, which 3.x never reads', async () => {
    assert.deepEqual(await messages(v3, 'OPENAI_BASE_URL=http://litellm:4000\n'), ['OpenAIApi client sends requests straight to api.openai.com: no basePath is set (openai@3.x reads no base URL from the environment)']);
  });

  it('the variable still routes a 4.x client', async () => {
    assert.deepEqual(await messages(v4, 'OPENAI_BASE_URL=http://litellm:4000\n'), []);
  });
});
