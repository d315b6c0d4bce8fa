// A Supabase Edge Function that sends no response within the platform's request idle timeout is answered 504: a
// stalled request there waits 150 s, not the SDK's 600 s x 3 attempts (audit 197: supabase/supabase llamafile-edge,
// rselmi0/projet_ynov, yshima42/gambless). The 120 s fix still comes first, so it stays.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const fn = (body: string) => `import OpenAI from 'npm:openai@4';

const openai = new OpenAI({ apiKey: Deno.env.get('OPENAI_API_KEY') });

Deno.serve(async (req) => {
  const { prompt } = await req.json();
${body}
});
`;
const sdkCall = `  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });
  console.info('usage', r.usage);
  return Response.json(r.choices[0].message.content);`;
const aiSdkCall = `  const { text, usage } = await generateText({ model: openai('gpt-4o-mini'), prompt });
  console.info('usage', usage);
  return Response.json(text);`;

async function missingTimeout(at: string, text: string) {
  const { engine, root } = await engineFor({ [at]: text });
  return engine.lint(path.join(root, at)).findings.filter((f) => f.ruleId === 'missing-timeout');
}

describe('missing-timeout in a Supabase Edge Function', () => {
  it("names Supabase's 150 s request idle timeout instead of the SDK's attempts, keeping the 120 s fix", async () => {
    for (const at of ['supabase/functions/chat/index.ts', 'supabase/functions/_shared/llm.ts']) {
      const [f] = await missingTimeout(at, fn(sdkCall));
      assert.equal(f.message, "OpenAI client has no timeout, so a stalled request waits until Supabase answers 504 (an Edge Function's request idle timeout of 150 s), sooner than the SDK default of 600 s per attempt", at);
      assert.equal(f.fix?.title, 'Add a 120 s timeout');
    }
  });

  it('says the same of an AI SDK call, whose runtime is no Node.js', async () => {
    const text = fn(aiSdkCall).replace("import OpenAI from 'npm:openai@4';\n\nconst openai = new OpenAI({ apiKey: Deno.env.get('OPENAI_API_KEY') });", "import { generateText } from 'npm:ai@4';\nimport { openai } from 'npm:@ai-sdk/openai@1';");
    const [f] = await missingTimeout('supabase/functions/chat/index.ts', text);
    assert.match(f.message, /holds the request open until Supabase answers 504 \(an Edge Function's request idle timeout of 150 s\)$/);
  });

  it('leaves the SDK default where the file is no Supabase function', async () => {
    const [f] = await missingTimeout('functions/chat/index.ts', fn(sdkCall));
    assert.match(f.message, /waits the SDK default of 600 s per attempt, up to 1800 s across 3 attempts$/);
  });
});
