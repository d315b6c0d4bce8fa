// The gateway fix documents its variable in .env.example without ever writing an empty value: openai-python takes
// an empty OPENAI_BASE_URL for the base URL itself (openai/openai-python#2927).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

async function envExampleEdit(files: Record<string, string>, file: string): Promise<string> {
  const { engine, root } = await engineFor(files);
  const f = engine.lint(path.join(root, file)).findings.find((x) => x.ruleId === 'direct-provider-endpoint' && x.fix);
  const edit = f?.fix?.edits.find((e) => e.path?.endsWith('.env.example'));
  assert.ok(edit, 'the fix documents the variable');
  return edit.newText;
}

describe('direct-provider-endpoint: .env.example', () => {
  it('comments the variable out when there is no URL to keep', async () => {
    const text = await envExampleEdit({ 'llm.py': 'from openai import OpenAI\n\nclient = OpenAI(timeout=30)\n' }, 'llm.py');
    assert.match(text, /^# OPENAI_BASE_URL=http:\/\/litellm:4000$/m);
    assert.doesNotMatch(text, /^OPENAI_BASE_URL=/m);
  });

  it('keeps today\'s URL as the value when one was written', async () => {
    const text = await envExampleEdit({ 'llm.py': 'import httpx\n\nhttp = httpx.Client(base_url="https://api.anthropic.com", timeout=30)\n' }, 'llm.py');
    assert.match(text, /^ANTHROPIC_BASE_URL=https:\/\/api\.anthropic\.com$/m);
  });

  it("gives the AI SDK's Anthropic provider a base URL ending in /v1: it appends /messages, not /v1/messages (audit 68)", async () => {
    const pkg = '{"dependencies":{"ai":"^5.0.0","@ai-sdk/anthropic":"^2.0.0"}}';
    const factory = await envExampleEdit({ 'package.json': pkg, 'llm.ts': "import { createAnthropic } from '@ai-sdk/anthropic';\n\nexport const anthropic = createAnthropic({});\n" }, 'llm.ts');
    assert.match(factory, /^# ANTHROPIC_BASE_URL=http:\/\/litellm:4000\/v1$/m);
    const sdk = await envExampleEdit({ 'llm.ts': "import Anthropic from '@anthropic-ai/sdk';\n\nexport const client = new Anthropic({ timeout: 30_000 });\n" }, 'llm.ts');
    assert.match(sdk, /^# ANTHROPIC_BASE_URL=http:\/\/litellm:4000$/m, 'near miss: the Anthropic SDK appends /v1/messages itself');
  });

  // Audit 161: each native client gets the LiteLLM base URL its own path lands on (catalogue GATEWAY_EXAMPLES).
  it("gives the AI SDK's Google provider its own variable and a base URL ending in /v1beta: it appends /models/…", async () => {
    const pkg = '{"dependencies":{"ai":"^4.1.0","@ai-sdk/google":"^1.1.19"}}';
    const client = await envExampleEdit({ 'package.json': pkg, 'llm.ts': "import { createGoogleGenerativeAI } from '@ai-sdk/google';\n\nexport const google = createGoogleGenerativeAI({ apiKey: process.env.GEMINI_KEY });\n" }, 'llm.ts');
    assert.match(client, /^# GOOGLE_GENERATIVE_AI_BASE_URL=http:\/\/litellm:4000\/v1beta$/m);
    assert.doesNotMatch(client, /GOOGLE_GEMINI_BASE_URL/, 'google-genai reads GOOGLE_GEMINI_BASE_URL itself, as a host without the version');
    const literal = await envExampleEdit({ 'package.json': pkg, 'llm.ts': "import { createGoogleGenerativeAI } from '@ai-sdk/google';\n\nexport const google = createGoogleGenerativeAI({ baseURL: 'https://generativelanguage.googleapis.com/v1beta' });\n" }, 'llm.ts');
    assert.match(literal, /^GOOGLE_GENERATIVE_AI_BASE_URL=https:\/\/generativelanguage\.googleapis\.com\/v1beta$/m);
    const defaults = await envExampleEdit({ 'package.json': pkg, 'llm.ts': "import { google } from '@ai-sdk/google';\nimport { generateText } from 'ai';\n\nexport const run = (p: string) => generateText({ model: google('gemini-2.0-flash'), prompt: p });\n" }, 'llm.ts');
    assert.match(defaults, /^# GOOGLE_GENERATIVE_AI_BASE_URL=http:\/\/litellm:4000\/v1beta$/m);
  });

  it('gives google-genai a host: it appends /v1beta/models/… itself, which a LiteLLM proxy serves at its root', async () => {
    const text = await envExampleEdit({ 'requirements.txt': 'google-genai\n', 'llm.py': 'from google import genai\n\nclient = genai.Client()\n' }, 'llm.py');
    assert.match(text, /^# GOOGLE_GEMINI_BASE_URL=http:\/\/litellm:4000$/m);
  });
});
