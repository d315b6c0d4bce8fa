// A gateway URL in the code (Cloudflare AI Gateway, Helicone) observes the calls routed through it; a client of the same
// project pointed at another host by a literal base URL is not among them (audit 95, milesvault).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const GATEWAY = `import OpenAI from 'openai';
export const viaGateway = new OpenAI({ baseURL: \`https://gateway.ai.cloudflare.com/v1/\${process.env.CF_ACCOUNT}/main/openai\`, timeout: 60_000 });
`;
const CALLS = (baseURL: string) => `import OpenAI from 'openai';
import { viaGateway } from './gateway';

const router = new OpenAI({ baseURL: ${baseURL}, timeout: 60_000 });

export async function routed(q: string) {
  const r = await router.chat.completions.create({ model: 'dynamic/edit', messages: [{ role: 'user', content: q }] });
  return r.choices[0].message.content;
}

export async function gateway(q: string) {
  const r = await viaGateway.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });
  return r.choices[0].message.content;
}
`;

async function findings(baseURL: string, extra: Record<string, string> = {}) {
  const { engine, root } = await engineFor({ 'lib/gateway.ts': GATEWAY, 'lib/chat.ts': CALLS(baseURL), ...extra });
  return engine
    .lint(path.join(root, 'lib/chat.ts'))
    .findings.filter((f) => f.ruleId === 'untraced-llm-call' || f.ruleId === 'usage-discarded')
    .map((f) => [f.ruleId, f.span.start > CALLS(baseURL).indexOf('export async function gateway') ? 'gateway' : 'routed', f.message] as const);
}

describe('a project observed through a gateway', () => {
  it('reports the calls of a client pointed at another host, and only those', async () => {
    const found = await findings("'https://model-router.example.workers.dev/v1'");
    assert.deepEqual(found.map(([rule, where]) => [rule, where]), [['untraced-llm-call', 'routed'], ['usage-discarded', 'routed']]);
    assert.match(found[0][2], /its client goes to model-router\.example\.workers\.dev, which the project's observability gateway never sees/);
  });

  it('reports the calls of a client that goes straight to its provider (audit 140)', async () => {
    const found = await findings('undefined');
    assert.deepEqual(found.map(([rule, where]) => [rule, where]), []);
    const direct = CALLS('undefined').replace('new OpenAI({ baseURL: undefined, timeout: 60_000 })', 'new OpenAI({ timeout: 60_000 })');
    const { engine, root } = await engineFor({ 'lib/gateway.ts': GATEWAY, 'lib/chat.ts': direct });
    const got = engine.lint(path.join(root, 'lib/chat.ts')).findings.filter((f) => f.ruleId === 'untraced-llm-call' || f.ruleId === 'usage-discarded');
    assert.deepEqual(got.map((f) => [f.ruleId, f.span.start < direct.indexOf('export async function gateway')]), [['untraced-llm-call', true], ['usage-discarded', true]]);
    assert.match(got[0].message, /its client goes to api\.openai\.com, which the project's observability gateway never sees/);
  });

  it('counts a client without a base URL as observed when the workspace sets the variable it reads', async () => {
    const direct = CALLS('undefined').replace('new OpenAI({ baseURL: undefined, timeout: 60_000 })', 'new OpenAI({ timeout: 60_000 })');
    const { engine, root } = await engineFor({ 'lib/gateway.ts': GATEWAY, 'lib/chat.ts': direct, '.env.example': 'OPENAI_BASE_URL=https://gateway.ai.cloudflare.com/v1/acct/main/openai\n' });
    const got = engine.lint(path.join(root, 'lib/chat.ts')).findings.filter((f) => f.ruleId === 'untraced-llm-call' || f.ruleId === 'usage-discarded');
    assert.deepEqual(got, []);
  });

  it('reports a raw HTTP request to a provider URL next to clients routed through Helicone (audit 183, Nutlope/turboseek)', async () => {
    const clients = `import OpenAI from 'openai';
export const together = new OpenAI({ baseURL: 'https://together.helicone.ai/v1', defaultHeaders: { 'Helicone-Auth': \`Bearer \${process.env.HELICONE_API_KEY}\` }, timeout: 60_000 });
`;
    const stream = (url: string) => `export async function answerStream(payload: { model: string; messages: Array<{ role: string; content: string }> }) {
  const res = await fetch('${url}', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: \`Bearer \${process.env.TOGETHER_API_KEY}\` },
    body: JSON.stringify({ ...payload, stream: true }),
    signal: AbortSignal.timeout(60_000),
  });
  const json = await res.json();
  return json.choices[0].message.content as string;
}
`;
    const run = async (url: string) => {
      const { engine, root } = await engineFor({ 'utils/clients.ts': clients, 'utils/stream.ts': stream(url) });
      return engine.lint(path.join(root, 'utils/stream.ts')).findings.filter((f) => f.ruleId === 'untraced-llm-call' || f.ruleId === 'usage-discarded');
    };
    const direct = await run('https://api.together.xyz/v1/chat/completions');
    assert.deepEqual(direct.map((f) => f.ruleId), ['untraced-llm-call', 'usage-discarded']);
    assert.match(direct[0].message, /the request goes to api\.together\.xyz, which the project's observability gateway never sees/);
    // The same request sent through the gateway is observed there.
    assert.deepEqual(await run('https://together.helicone.ai/v1/chat/completions'), []);
  });

  it('counts a client whose base URL comes from the environment as observed', async () => {
    assert.deepEqual(await findings('process.env.LLM_BASE_URL'), []);
  });
});
