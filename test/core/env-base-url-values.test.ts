// A base-URL variable silences direct-provider-endpoint only when it points somewhere else: OPENAI_BASE_URL set to
// api.openai.com itself is the same direct connection the rule reports when it is written in code.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const CLIENT = "import OpenAI from 'openai';\nexport const client = new OpenAI({ timeout: 30_000 });\n";

async function messages(env: Record<string, string>): Promise<string[]> {
  const { engine, root } = await engineFor({ 'src/llm.ts': CLIENT, ...env });
  return engine.lint(path.join(root, 'src/llm.ts')).findings.filter((f) => f.ruleId === 'direct-provider-endpoint').map((f) => f.message);
}

describe('direct-provider-endpoint and the value of OPENAI_BASE_URL', () => {
  it('reports a variable that names the provider itself, and says so', async () => {
    assert.deepEqual(await messages({ '.env.example': 'OPENAI_BASE_URL=https://api.openai.com/v1\n' }), [
      'OpenAI client sends requests straight to api.openai.com: no base URL is set and OPENAI_BASE_URL in .env.example is api.openai.com itself',
    ]);
  });

  it('stays silent for a gateway, a placeholder, or any other definition next to the direct one', async () => {
    assert.deepEqual(await messages({ '.env.example': 'OPENAI_BASE_URL=http://litellm:4000\n' }), []);
    assert.deepEqual(await messages({ '.env.example': 'OPENAI_BASE_URL=\n' }), []);
    assert.deepEqual(await messages({ '.env.example': 'OPENAI_BASE_URL=https://gateway.ai.cloudflare.com/v1/acct/gw/openai\n' }), []);
    assert.deepEqual(await messages({ '.env.example': 'OPENAI_BASE_URL=https://api.openai.com/v1\n', 'docker-compose.yml': 'services:\n  app:\n    environment:\n      OPENAI_BASE_URL: http://litellm:4000\n' }), []);
  });
});
