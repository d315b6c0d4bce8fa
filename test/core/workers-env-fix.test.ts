// Code that reads its settings from bindings (Cloudflare Workers `env.X` / Hono `c.env.X`, Deno.env.get) may have no
// `process` at all: fixes that would read `process.env` are left out there, while the findings stay.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

async function fixesOf(text: string, others: Record<string, string> = {}, at = 'src/index.ts'): Promise<Record<string, boolean>> {
  const { engine, root } = await engineFor({ ...others, [at]: text });
  const out: Record<string, boolean> = {};
  for (const f of engine.lint(path.join(root, at)).findings) out[f.ruleId] = (out[f.ruleId] ?? false) || !!f.fix;
  return out;
}

const worker = (config: string) => `import { Hono } from 'hono';
import OpenAI from 'openai';

type Bindings = { OPENAI_API_KEY: string };
const app = new Hono<{ Bindings: Bindings }>();

app.post('/chat', async (c) => {
  const client = new OpenAI({ apiKey: ${config}, timeout: 120_000 });
  const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: await c.req.text() }] });
  console.info('llm.usage', { model: r.model, usage: r.usage });
  return c.text(r.choices[0].message.content ?? '');
});

export default app;
`;

describe('fixes that read process.env', () => {
  it('are left out where settings come from Worker bindings, and offered where the code reads process.env', async () => {
    const bindings = await fixesOf(worker('c.env.OPENAI_API_KEY'));
    assert.deepEqual([bindings['direct-provider-endpoint'], bindings['hardcoded-model']], [false, false]);
    const node = await fixesOf(worker('process.env.OPENAI_API_KEY'));
    assert.deepEqual([node['direct-provider-endpoint'], node['hardcoded-model']], [true, true]);
  });

  it('are left out where the only binding read has a short name (a D1 `c.env.DB`, `env.KV`, `env.AI`)', async () => {
    const d1 = await fixesOf(worker("'sk-placeholder'").replace('  const client', '  const db = c.env.DB;\n  const client').replace("apiKey: 'sk-placeholder', ", ''));
    assert.deepEqual([d1['direct-provider-endpoint'], d1['hardcoded-model']], [false, false]);
  });

  it('are left out where the bindings are destructured or read through hono/adapter or cloudflare:workers', async () => {
    const destructured = await fixesOf(worker('OPENAI_API_KEY').replace('  const client', '  const { OPENAI_API_KEY } = c.env;\n  const client'));
    const adapter = await fixesOf(`import { env } from 'hono/adapter';\n${worker('env<Bindings>(c).OPENAI_API_KEY')}`);
    const workers = await fixesOf(`import { env } from 'cloudflare:workers';\n${worker('env.OPENAI_API_KEY as string')}`.replace("type Bindings", "type Unused"));
    for (const fixes of [destructured, adapter, workers]) assert.deepEqual([fixes['direct-provider-endpoint'], fixes['hardcoded-model']], [false, false]);
  });

  it('are left out where Vite, Astro or SvelteKit load the settings (.env never reaches process.env there)', async () => {
    const astro = await fixesOf(worker('import.meta.env.OPENAI_API_KEY'));
    const svelte = await fixesOf(`import { OPENAI_API_KEY } from '$env/static/private';\n${worker('OPENAI_API_KEY')}`);
    for (const fixes of [astro, svelte]) assert.deepEqual([fixes['direct-provider-endpoint'], fixes['hardcoded-model']], [false, false]);
  });

  it('are left out in browser code (dangerouslyAllowBrowser, an extension\'s chrome.storage), which has no process', async () => {
    const browser = await fixesOf(worker('OPENAI_API_KEY').replace('timeout: 120_000', 'timeout: 120_000, dangerouslyAllowBrowser: true').replace('type Bindings', 'declare const OPENAI_API_KEY: string;\ntype Bindings'));
    assert.deepEqual([browser['direct-provider-endpoint'], browser['hardcoded-model']], [false, false]);
  });

  it('are left out in a Firefox extension (browser.storage) and a page script (localStorage, the DOM)', async () => {
    const page = (read: string) =>
      `import OpenAI from 'openai';

export async function summarise(text: string) {
  const apiKey = ${read};
  const openai = new OpenAI({ apiKey, timeout: 60_000 });
  const res = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });
  console.info('usage', res.usage);
  return res.choices[0].message.content;
}
`;
    for (const read of ["(await browser.storage.local.get('apiKey')).apiKey as string", "localStorage.getItem('apiKey') ?? ''", "(document.getElementById('key') as HTMLInputElement).value"]) {
      const fixes = await fixesOf(page(read).replace('export async', 'declare const browser: any;\nexport async'));
      assert.deepEqual([fixes['direct-provider-endpoint'], fixes['hardcoded-model']], [false, false], read);
    }
    // A server file that mentions none of them keeps its fixes.
    const server = await fixesOf(page("'x'"));
    assert.deepEqual([server['direct-provider-endpoint'], server['hardcoded-model']], [true, true]);
  });

  it('are left out in a browser extension module that shows no browser API itself (its manifest.json says so)', async () => {
    // The key comes from chrome.storage in another module; this one only calls the provider.
    const api = `const API_KEY = 'sk-proj-Qm7tR2vX9kLp4Wn8Zc3Hb6Jd1Fs5Gy0Ua';

export async function generateText(prompt: string): Promise<string> {
  const response = await fetch('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: \`Bearer \${API_KEY}\` },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] }),
  });
  const data = await response.json();
  return data.choices[0].message.content;
}
`;
    const rules = (f: Record<string, boolean>) => [f['hardcoded-model'], f['hardcoded-api-key']];
    const manifest = (version: string) => `{\n  "manifest_version": ${version},\n  "name": "Writer",\n  "version": "1.0",\n  "background": { "service_worker": "background.js" }\n}\n`;
    assert.deepEqual(rules(await fixesOf(api, { 'manifest.json': manifest('3') })), [false, false]);
    assert.deepEqual(rules(await fixesOf(api, { 'public/manifest.json': manifest('2') })), [false, false]);
    assert.deepEqual(rules(await fixesOf(api, { 'extension/manifest.json': manifest('3') }, 'extension/src/utils/api.ts')), [false, false]);
    // A web app manifest (no manifest_version) is no extension, and neither is a package beside one.
    assert.deepEqual(rules(await fixesOf(api, { 'public/manifest.json': '{ "name": "Writer", "display": "standalone" }\n' })), [true, true]);
    const monorepo = { 'extension/manifest.json': manifest('3'), 'server/package.json': '{ "name": "server" }\n' };
    assert.deepEqual(rules(await fixesOf(api, monorepo, 'server/src/api.ts')), [true, true]);
  });

  it('are left out in Deno code that reads no setting itself: Deno.serve, npm:/jsr:/URL imports, Netlify.env (audit 197)', async () => {
    // supabase/supabase's llamafile-edge openai-sdk function: `new OpenAI()` in a Deno.serve handler, no Deno.env read.
    const deno = (imports: string, serve: string) => `${imports}

${serve}(async (req: Request) => {
  const client = new OpenAI();
  const { prompt } = await req.json();
  const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });
  console.info('llm.usage', { model: r.model, usage: r.usage });
  return Response.json(r.choices[0].message.content);
});
`;
    const rules = (f: Record<string, boolean>) => [f['direct-provider-endpoint'], f['hardcoded-model']];
    const variants = [
      deno("import OpenAI from 'openai';", 'Deno.serve'),
      deno('import "jsr:@supabase/functions-js/edge-runtime.d.ts";\nimport OpenAI from "https://deno.land/x/openai@v4.53.2/mod.ts";', 'serveIt'),
      deno("import OpenAI from 'npm:openai@4';", 'serveIt'),
      deno("import {\n  OpenAI,\n} from 'https://esm.sh/openai@4.52.0';", 'serveIt'),
      deno("import OpenAI from 'openai';\nconst key = Netlify.env.get('OPENAI_API_KEY');", 'serveIt'),
    ];
    for (const text of variants) assert.deepEqual(rules(await fixesOf(text)), [false, false], text.split('\n')[0]);
    // Node code that mentions Deno in a comment or a string, or imports a package, keeps its fixes.
    const node = deno("// Ported from a Deno.serve example; see https://deno.land/manual\nimport OpenAI from 'openai';", 'serveIt');
    assert.deepEqual(rules(await fixesOf(node)), [true, true]);
  });
});
