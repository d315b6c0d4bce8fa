// openai-python's module client is pointed in code or by the environment: either anywhere in the workspace counts.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const CALL = `import openai


def complete(prompt: str) -> str:
    r = openai.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], timeout=30)
    return r.choices[0].message.content
`;

async function findings(files: Record<string, string>) {
  const { engine, root } = await engineFor({ 'app/llm.py': CALL, ...files });
  return engine.lint(path.join(root, 'app/llm.py')).findings.filter((f) => f.ruleId === 'direct-provider-endpoint');
}

describe('direct-provider-endpoint on the openai module client', () => {
  it('is reported when nothing points the module elsewhere', async () => {
    const [f] = await findings({});
    assert.equal(f?.message, 'The openai module client sends requests straight to api.openai.com: no OPENAI_BASE_URL is defined in the workspace');
  });
  for (const [label, files] of [
    ['Azure set up in a settings module', { 'app/settings.py': 'import openai\nimport os\n\nopenai.api_type = "azure"\nopenai.azure_endpoint = os.environ["AZURE_OPENAI_ENDPOINT"]\n' }],
    ['a base URL set in a settings module', { 'app/settings.py': 'import os\n\nimport openai\n\nopenai.base_url = os.environ["LLM_GATEWAY_URL"]\n' }],
    ['Azure variables in .env.example', { '.env.example': 'OPENAI_API_TYPE=azure\nAZURE_OPENAI_ENDPOINT=https://acme.openai.azure.com\n' }],
    ['OPENAI_BASE_URL in .env.example', { '.env.example': 'OPENAI_BASE_URL=http://litellm:4000/v1\n' }],
  ] as const) {
    it(`${label}: silent`, async () => assert.deepEqual(await findings(files), []));
  }
});
