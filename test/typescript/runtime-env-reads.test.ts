// Environment reads of the runtimes edge code runs on: `Deno.env.get('X')` (Deno, Supabase Edge Functions),
// `Netlify.env.get('X')` (Netlify Functions) and `Bun.env.X` are settings like `process.env.X`: listed in envReads, and
// a prompt segment built from one is per-process, not per-request (audit 197).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const handler = (read: string) => `import OpenAI from 'openai';

const openai = new OpenAI({ timeout: 60_000 });

export async function handle(question: string, user: string) {
  const r = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: \`You work for \${${read}}. Answer support questions.\` },
      { role: 'user', content: question },
    ],
  });
  return r.choices[0].message.content;
}
`;

async function factsOf(text: string) {
  const { engine, root } = await engineFor({ 'index.ts': text });
  return engine.facts(path.join(root, 'index.ts'))!;
}

describe('environment reads of Deno, Netlify and Bun', () => {
  it('are settings: listed in envReads, per-process in a prompt, with their literal fallback', async () => {
    for (const read of ["Deno.env.get('COMPANY_NAME')", "Netlify.env.get('COMPANY_NAME')", 'Bun.env.COMPANY_NAME', "Bun.env['COMPANY_NAME']"]) {
      const facts = await factsOf(handler(read));
      assert.ok(facts.envReads.includes('COMPANY_NAME'), read);
      const segment = facts.callSites[0].prompt[0].segments.find((s) => s.kind === 'dynamic');
      assert.equal(segment?.kind === 'dynamic' && segment.volatility, 'per-process', read);
    }
    const withFallback = await factsOf(handler("Deno.env.get('COMPANY_NAME') ?? 'Acme'"));
    const segment = withFallback.callSites[0].prompt[0].segments.find((s) => s.kind === 'dynamic');
    assert.equal(segment?.kind === 'dynamic' && segment.fallback, 'Acme');
  });

  it('not a get of another object', async () => {
    for (const read of ["settings.env.get('COMPANY_NAME')", "headers.get('x-company')", 'user']) {
      const facts = await factsOf(handler(read));
      const segment = facts.callSites[0].prompt[0].segments.find((s) => s.kind === 'dynamic');
      assert.notEqual(segment?.kind === 'dynamic' && segment.volatility, 'per-process', read);
      assert.ok(!facts.envReads.includes('COMPANY_NAME'), read);
    }
  });
});
