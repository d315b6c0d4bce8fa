// ENV lines of a Dockerfile define variables for the process in the image, like `.env` files do.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseDockerfileEnv } from '../../server/src/languages/dotenv/dockerfile';
import { engineFor } from '../helpers/lint';

const APP = `from openai import OpenAI

client = OpenAI(timeout=30)


def ask(q: str):
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])
    return r.choices[0].message.content, r.usage
`;

describe('Dockerfile ENV', () => {
  it('reads both ENV forms, quoted values and continuations, but not ARG', () => {
    const text = 'FROM python:3.12\nENV OPENAI_API_BASE "https://gw.example/v1"\nENV A=1 B="two words" \\\n    C=3\nARG X=1\nenv lower=1\n';
    const entries = parseDockerfileEnv(text);
    assert.deepEqual(entries.map((e) => [e.name, e.value]), [['OPENAI_API_BASE', 'https://gw.example/v1'], ['A', '1'], ['B', 'two words'], ['C', '3'], ['lower', '1']]);
    for (const e of entries) assert.equal(text.slice(e.valueSpan!.start, e.valueSpan!.end), e.value);
  });

  it('a base URL set in the Dockerfile wires the client to a gateway', async () => {
    const lint = async (dockerfile: string) => {
      const { engine, root } = await engineFor({ 'app/llm.py': APP, Dockerfile: dockerfile });
      return engine.lint(path.join(root, 'app/llm.py')).findings.filter((f) => f.ruleId === 'direct-provider-endpoint').length;
    };
    assert.equal(await lint('FROM python:3.12\nCOPY . /app\n'), 1);
    assert.equal(await lint('FROM python:3.12\nENV OPENAI_BASE_URL=http://litellm:4000/v1\n'), 0);
  });

  it('a provider key written into an ENV line is a hardcoded key', async () => {
    const key = `sk-proj-${'A1b2C3d4'.repeat(6)}`;
    const { engine, root } = await engineFor({ 'deploy/api.Dockerfile': `FROM node:20\nENV OPENAI_API_KEY=${key}\n` });
    const [f] = engine.lint(path.join(root, 'deploy/api.Dockerfile')).findings.filter((x) => x.ruleId === 'hardcoded-api-key');
    assert.match(f?.message ?? '', /hardcoded in a committed config file/);
  });
});
