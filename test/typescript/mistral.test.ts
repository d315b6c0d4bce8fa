// Mistral's own SDK (`@mistralai/mistralai`): `new Mistral({ … }).chat.complete(…)` / `chat.stream(…)`, and the legacy
// 0.x default export `MistralClient` with `chat(…)` / `chatStream(…)` (audit 189).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

async function facts(files: Record<string, string>, rel: string) {
  const { engine, root } = await engineFor(files);
  return engine.facts(path.join(root, rel))!;
}

const LIB = `import { Mistral } from '@mistralai/mistralai';

export const mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY ?? '', serverURL: 'https://api.mistral.ai', timeoutMs: 30_000 });
`;

describe('@mistralai/mistralai', () => {
  it('reads calls through a client of another module, with their model, cap, stream flag and request options', async () => {
    const route = `import { mistral } from './mistral';

export async function POST(req: Request) {
  const { messages } = await req.json();
  const res = await mistral.chat.complete({ model: 'mistral-large-latest', messages, maxTokens: 300 }, { timeoutMs: 10_000 });
  const events = await mistral.chat.stream({ model: 'mistral-small-latest', messages });
  for await (const e of events) console.log(e.data.usage);
  return Response.json({ text: res.choices?.[0].message.content });
}
`;
    const f = await facts({ 'app/api/chat/mistral.ts': LIB, 'app/api/chat/route.ts': route }, 'app/api/chat/route.ts');
    assert.deepEqual(f.callSites.map((s) => [s.sdk, s.provider, s.method, s.streaming, s.model.value, s.maxOutputTokens, s.client?.className]), [
      ['mistral', 'mistral', 'chat.complete', false, 'mistral-large-latest', 300, 'Mistral'],
      ['mistral', 'mistral', 'chat.stream', true, 'mistral-small-latest', null, 'Mistral'],
    ]);
    assert.equal(f.callSites[0].requestOptions?.options.timeoutMs?.value.kind, 'number');
    assert.deepEqual(f.callSites.map((s) => s.usage), ['discarded', 'read']);
  });

  it('lists the constructions and reads the legacy client; `chat` on anything else is no call', async () => {
    const code = `import MistralClient from '@mistralai/mistralai';
import { Mistral } from '@mistralai/mistralai';

const legacy = new MistralClient(process.env.MISTRAL_API_KEY || '');
const client = new Mistral({ apiKey: process.env.MISTRAL_API_KEY });
const bot = { chat: async (q: object) => q };

export async function run(q: string) {
  const a = await legacy.chat({ model: 'mistral-tiny', messages: [{ role: 'user', content: q }] });
  const b = legacy.chatStream({ model: 'mistral-tiny', messages: [] });
  const c = await bot.chat({ model: 'x' });
  const d = await client.chat.complete({ model: 'mistral-small-latest', messages: [] });
  return [a, b, c, d];
}
`;
    const f = await facts({ 'src/run.ts': code }, 'src/run.ts');
    assert.deepEqual(f.clients.map((c) => [c.sdk, c.className]), [['mistral', 'MistralClient'], ['mistral', 'Mistral']]);
    assert.deepEqual(f.callSites.map((s) => [s.method, s.streaming, s.client?.className]), [
      ['chat', false, 'MistralClient'],
      ['chatStream', true, 'MistralClient'],
      ['chat.complete', false, 'Mistral'],
    ]);
  });
});
