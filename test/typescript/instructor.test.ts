// instructor-js (`@instructor-ai/instructor`): requests through `Instructor({ client, mode })` are requests of the client
// it wraps, and `max_retries` is Instructor's own loop (audit 194: Nutlope/notesGPT's Together extraction).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

async function facts(files: Record<string, string>, rel: string) {
  const { engine, root } = await engineFor(files);
  return engine.facts(path.join(root, rel))!;
}

const CODE = `import OpenAI from 'openai';
import Instructor from '@instructor-ai/instructor';
import { z } from 'zod';

const togetherai = new OpenAI({ apiKey: process.env.TOGETHER_API_KEY, baseURL: 'https://api.together.xyz/v1' });
const client = Instructor({ client: togetherai, mode: 'JSON_SCHEMA' });
const Note = z.object({ title: z.string() });

export async function run(transcript: string) {
  const a = await client.chat.completions.create({ model: 'mistralai/Mixtral-8x7B-Instruct-v0.1', messages: [{ role: 'user', content: transcript }], response_model: { schema: Note, name: 'Note' }, max_retries: 2 });
  const b = await client.chat.completions.create({ model: 'mistralai/Mixtral-8x7B-Instruct-v0.1', messages: [], response_model: { schema: Note, name: 'Note' }, stream: true });
  const c = await client.chat.completions.create({ model: 'mistralai/Mixtral-8x7B-Instruct-v0.1', messages: [] });
  return [a, b, c];
}
`;

describe('@instructor-ai/instructor', () => {
  it('sends through the wrapped client: its provider, its options, and Instructor as a layer of its own', async () => {
    const f = await facts({ 'convex/together.ts': CODE }, 'convex/together.ts');
    assert.deepEqual(f.callSites.map((s) => [s.sdk, s.provider, s.client?.className, s.wrapper ?? null]), [
      ['openai', 'together', 'OpenAI', 'instructor'],
      ['openai', 'together', 'OpenAI', 'instructor'],
      ['openai', 'together', 'OpenAI', null],
    ]);
    // max_retries: 2 is two more attempts after the first.
    assert.deepEqual(f.callSites[0].retries.map((r) => [r.label, r.attempts, r.backoff, r.catchesAll]), [['Instructor', 3, 'none', true]]);
    assert.deepEqual(f.callSites.slice(1).map((s) => s.retries.length), [0, 0]);
    // A streamed structured request yields partial objects, without usage.
    assert.equal(f.callSites[1].usage, 'unknown');
  });

  it('leaves a factory of another package alone', async () => {
    const code = `import OpenAI from 'openai';
import Instructor from './instructor';

const client = Instructor({ client: new OpenAI(), mode: 'TOOLS' });

export const run = () => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [], max_retries: 3 } as never);
`;
    const f = await facts({ 'src/run.ts': code, 'src/instructor.ts': 'export default function Instructor(o: object) { return o as never; }\n' }, 'src/run.ts');
    assert.deepEqual(f.callSites.map((s) => [s.provider, s.client?.className ?? null, s.wrapper ?? null, s.retries.length]), [['openai', null, null, 0]]);
  });
});
