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
});
