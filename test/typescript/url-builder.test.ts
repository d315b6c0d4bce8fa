// Raw HTTP whose URL a function of the module builds from the path its call passes (audit 194: a16z-infra/ai-town's
// `fetch(apiUrl('/v1/chat/completions'))`), and the page's own origin, which is the app's server.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

async function facts(code: string) {
  const { engine, root } = await engineFor({ 'src/llm.ts': code });
  return engine.facts(path.join(root, 'src/llm.ts'))!;
}

const BODY = `{ method: 'POST', body: JSON.stringify({ model: 'gpt-4o-mini', messages: [] }) }`;

describe('URL builders', () => {
  it('reads the URL a function, an arrow or a method of the class makes of the path', async () => {
    const f = await facts(`const BASE = 'https://api.openai.com';
const GROQ = 'https://api.groq.com/openai';
function apiUrl(p: string) {
  if (p.startsWith('/')) return BASE + p;
  return BASE + '/' + p;
}
const groqUrl = (p: string) => \`\${GROQ}\${p}\`;
export const a = () => fetch(apiUrl('/v1/chat/completions'), ${BODY});
export const b = () => fetch(groqUrl('/v1/chat/completions'), ${BODY});
export class Client {
  private base = process.env.LLM_URL;
  private url(p: string) { return \`\${this.base}\${p}\`; }
  c() { return fetch(this.url('/v1/chat/completions'), ${BODY}); }
}
`);
    assert.deepEqual(f.callSites.map((s) => [s.provider, s.httpUrl]), [
      ['openai', 'https://api.openai.com/v1/chat/completions'],
      ['groq', 'https://api.groq.com/openai/v1/chat/completions'],
      ['unknown', '${}/v1/chat/completions'],
    ]);
  });

  it("finds no model request in the page's own origin, a bare path, another endpoint or returns that disagree", async () => {
    const f = await facts(`const page = (p: string) => \`\${window.location.origin}\${p}\`;
const own = (p: string) => '/api' + p;
function mixed(p: string, groq: boolean) {
  if (groq) return 'https://api.groq.com/openai' + p;
  return 'https://api.openai.com' + p;
}
export const a = () => fetch(page('/v1/chat/completions'), ${BODY});
export const b = () => fetch(own('/v1/chat/completions'), ${BODY});
export const c = () => fetch(mixed('/v1/embeddings', false), ${BODY});
export const d = () => fetch(mixed('/v1/chat/completions', false), ${BODY});
export const e = () => fetch(\`\${self.location.origin}/v1/chat/completions\`, ${BODY});
`);
    assert.deepEqual(f.callSites.map((s) => s.httpUrl), []);
  });
});
