// together-ai (npm) retried 5 times by default before 0.30.0 and 2 times since (catalogue `together`,
// RETRIES_BEFORE_RELEASE): every message that names the SDK's retries reads the release the package.json allows.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const ROUTE = `import Together from 'together-ai';

const together = new Together();

export async function POST(req: Request) {
  const { question } = await req.json();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const r = await together.chat.completions.create({ model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', messages: [{ role: 'user', content: question }] });
      return Response.json({ answer: r.choices[0].message?.content });
    } catch (e) {
      console.error(e);
    }
  }
  return new Response('failed', { status: 502 });
}
`;

async function messages(range: string) {
  const { engine, root } = await engineFor({ 'app/api/ask/route.ts': ROUTE, 'package.json': JSON.stringify({ dependencies: { 'together-ai': range } }) });
  const findings = engine.lint(path.join(root, 'app/api/ask/route.ts')).findings;
  const of = (id: string) => findings.filter((f) => f.ruleId === id).map((f) => f.message);
  return { naive: of('naive-retry-loop'), amplification: of('retry-amplification') };
}

describe('together-ai retries by release', () => {
  it('a prerelease range of 0.6 (Nutlope apps) counts the 5 retries of its releases', async () => {
    const { naive, amplification } = await messages('^0.6.0-alpha.4');
    assert.equal(naive.length, 1);
    assert.match(naive[0], /the SDK already retries 5 times with backoff/);
    assert.match(amplification[0] ?? '', /18 attempts/);
  });

  it('a range that allows 0.30.0 or later counts the current 2', async () => {
    const { naive } = await messages('^0.33.0');
    assert.equal(naive.length, 1);
    assert.match(naive[0], /the SDK already retries 2 times with backoff/);
  });
});
