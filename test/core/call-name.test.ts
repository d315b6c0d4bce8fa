import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callName } from '../../server/src/core/types';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

describe('how messages name a call', () => {
  it('names SDK calls by method and raw HTTP by request and provider', () => {
    assert.equal(callName({ sdk: 'openai', method: 'chat.completions.create', provider: 'openai' }), 'chat.completions.create');
    assert.equal(callName({ sdk: 'http', method: 'post', provider: 'anthropic' }), 'post to Anthropic');
    assert.equal(callName({ sdk: 'http', method: 'fetch', provider: 'unknown' }), 'fetch to the provider');
  });

  it('says where a raw fetch goes in its findings', async () => {
    const text = "export async function ask(q: string) {\n  const r = await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] }), signal: AbortSignal.timeout(30_000) });\n  return r.json();\n}\n";
    const { engine, root } = await engineFor({ 'ask.ts': text });
    const findings = engine.lint(path.join(root, 'ask.ts')).findings;
    assert.ok(findings.some((f) => f.ruleId === 'untraced-llm-call' && f.message.startsWith('fetch to OpenAI runs without a span')), findings.map((f) => f.message).join('\n'));
  });
});
