// A base-URL variable moves a client only on the releases that read it (audits 124 and 125): @ai-sdk/openai and
// @ai-sdk/anthropic before 2.0 read none, and langchain-google-genai before 4.0 builds Google's GAPIC clients, which
// never read GOOGLE_GEMINI_BASE_URL. There the variable must not silence direct-provider-endpoint.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

async function findings(files: Record<string, string>, file: string) {
  const { engine, root } = await engineFor(files);
  return engine.lint(path.join(root, file)).findings.filter((f) => f.ruleId === 'direct-provider-endpoint');
}

const PROVIDERS = `import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';

const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY, compatibility: 'strict' });

export async function ask(q: string) {
  const { text, usage } = await generateText({ model: openai('gpt-4o'), prompt: q, abortSignal: AbortSignal.timeout(60_000) });
  console.log(usage);
  return text;
}
`;

const DEFAULT_PROVIDER = `import { anthropic } from '@ai-sdk/anthropic';
import { generateText } from 'ai';

export async function ask(prompt: string) {
  const r = await generateText({ model: anthropic('claude-sonnet-4-5'), prompt, abortSignal: AbortSignal.timeout(60_000) });
  return { text: r.text, usage: r.usage };
}
`;

const GEMINI = `import os

from langchain_google_genai import ChatGoogleGenerativeAI

gemini_pro = ChatGoogleGenerativeAI(model="gemini-pro", timeout=60, google_api_key=os.environ.get("GOOGLE_API_KEY"))
`;

describe('direct-provider-endpoint and the release that reads a base-URL variable', () => {
  it('@ai-sdk/openai 1.x ignores OPENAI_BASE_URL: createOpenAI() is reported, naming the variable it does not read', async () => {
    const [f, ...rest] = await findings(
      { 'lib/providers.ts': PROVIDERS, 'package.json': '{ "dependencies": { "ai": "^4.1.17", "@ai-sdk/openai": "^1.1.9" } }', '.env.example': 'OPENAI_BASE_URL=http://litellm:4000/v1\n' },
      'lib/providers.ts',
    );
    assert.equal(rest.length, 0);
    assert.equal(
      f?.message,
      'createOpenAI client sends requests straight to api.openai.com: no base URL is set (@ai-sdk/openai ^1.1.9 (package.json) reads none from the environment, so OPENAI_BASE_URL set in .env.example does not move it)',
    );
    assert.match(f.fix?.edits[0].newText ?? '', /baseURL: process\.env\.OPENAI_BASE_URL/);
  });

  for (const [label, spec] of [['^2.0.0', '^2.0.0'], ['an open range', '>=1.0.0'], ['a tag', 'latest']] as const) {
    it(`@ai-sdk/openai ${label}: OPENAI_BASE_URL may be read, so it silences the rule`, async () => {
      const files = { 'lib/providers.ts': PROVIDERS, 'package.json': `{ "dependencies": { "@ai-sdk/openai": "${spec}" } }`, '.env.example': 'OPENAI_BASE_URL=http://litellm:4000/v1\n' };
      assert.deepEqual(await findings(files, 'lib/providers.ts'), []);
    });
  }

  it('the default `anthropic` provider of @ai-sdk/anthropic 1.x ignores ANTHROPIC_BASE_URL; 2.x may read it', async () => {
    const env = { '.env.example': 'ANTHROPIC_BASE_URL=http://litellm:4000/v1\n' };
    const [old] = await findings({ 'app/route.ts': DEFAULT_PROVIDER, 'package.json': '{ "dependencies": { "@ai-sdk/anthropic": "^1.2.12" } }', ...env }, 'app/route.ts');
    assert.equal(
      old?.message,
      '`anthropic` from @ai-sdk/anthropic sends requests straight to api.anthropic.com: @ai-sdk/anthropic ^1.2.12 (package.json) reads no base URL from the environment, so ANTHROPIC_BASE_URL set in .env.example does not move it',
    );
    assert.deepEqual(await findings({ 'app/route.ts': DEFAULT_PROVIDER, 'package.json': '{ "dependencies": { "@ai-sdk/anthropic": "^2.0.0" } }', ...env }, 'app/route.ts'), []);
  });

  it('langchain-google-genai below 2.0: GOOGLE_GEMINI_BASE_URL does not move ChatGoogleGenerativeAI, and no base_url fix is offered', async () => {
    const pyproject = '[tool.poetry.dependencies]\npython = "^3.11"\nlangchain-google-genai = ">=1.0.5,<2.0.0"\n';
    const [f, ...rest] = await findings({ 'chain.py': GEMINI, 'pyproject.toml': pyproject, '.env': 'GOOGLE_GEMINI_BASE_URL=http://litellm:4000\n' }, 'chain.py');
    assert.equal(rest.length, 0);
    assert.equal(
      f?.message,
      'ChatGoogleGenerativeAI client sends requests straight to generativelanguage.googleapis.com: no base URL is set (langchain-google-genai below 2.0.0 (pyproject.toml) reads none from the environment, so GOOGLE_GEMINI_BASE_URL set in .env does not move it)',
    );
    assert.equal(f.fix, undefined);
  });

  it('langchain-google-genai 3.x reads no variable and its base_url reaches a gRPC client (no fix); 4.x may read it', async () => {
    const env = { '.env': 'GOOGLE_GEMINI_BASE_URL=http://litellm:4000\n' };
    const [v3] = await findings({ 'chain.py': GEMINI, 'requirements.txt': 'langchain-google-genai>=3.0.1,<4\n', ...env }, 'chain.py');
    assert.match(v3?.message ?? '', /langchain-google-genai below 4 \(requirements\.txt\) hands base_url to a gRPC client/);
    assert.equal(v3.fix, undefined);
    assert.deepEqual(await findings({ 'chain.py': GEMINI, 'requirements.txt': 'langchain-google-genai>=4.0.0\n', ...env }, 'chain.py'), []);
    assert.deepEqual(await findings({ 'chain.py': GEMINI, 'requirements.txt': 'langchain-google-genai\n', ...env }, 'chain.py'), []);
  });

  it('a range that allows a release before 3.0.1 gets no base_url fix, even when its newest release has the option', async () => {
    const [f] = await findings({ 'chain.py': GEMINI, 'requirements.txt': 'langchain-google-genai>=2.1,<5\n' }, 'chain.py');
    assert.equal(f?.message, 'ChatGoogleGenerativeAI client sends requests straight to generativelanguage.googleapis.com: no base URL is set and no GOOGLE_GEMINI_BASE_URL is defined in the workspace');
    assert.equal(f.fix, undefined);
    const [unpinned] = await findings({ 'chain.py': GEMINI, 'requirements.txt': 'langchain-google-genai\n' }, 'chain.py');
    assert.ok(unpinned?.fix);
  });
});
