// Request handlers of the runtimes edge code runs on, beyond an inline `Deno.serve(async (req) => …)`: Deno's standard
// library `serve(handler)` (Supabase Edge Functions before Deno.serve), a handler handed over by name (`Deno.serve(
// handler)`, `Bun.serve({ fetch: handleRequest })`, also imported from another module) and a `fetch:` / `handler:`
// option written in place. Audit 197: supabase/supabase both-openai-huggingface, Alexcastr/bun-streaming-llm-api.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const ask = `async function ask(question: string) {
  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  return r.choices[0].message.content;
}`;

async function requestPaths(files: Record<string, string>, rel: string): Promise<Array<string | null>> {
  const { engine, root } = await engineFor(files);
  return engine.facts(path.join(root, rel))!.callSites.map((s) => s.enclosingFunction?.requestPath ?? null);
}

describe('request handlers of Deno and Bun servers', () => {
  it("Deno's std/http serve, by URL, JSR or import map, inline or by name", async () => {
    for (const spec of ['https://deno.land/std@0.168.0/http/server.ts', 'jsr:@std/http@0.224', '@std/http']) {
      const inline = `import { serve } from '${spec}';\nimport OpenAI from 'npm:openai@4';\nconst openai = new OpenAI();\n${ask}\nserve(async (req) => Response.json(await ask(await req.text())));\n`;
      assert.deepEqual(await requestPaths({ 'index.ts': inline }, 'index.ts'), ['called from handler (Deno std/http serve handler)'], spec);
      const named = `import { serve } from '${spec}';\nimport OpenAI from 'npm:openai@4';\nconst openai = new OpenAI();\n${ask}\nasync function handle(req: Request) { return Response.json(await ask(await req.text())); }\nserve(handle, { port: 8000 });\n`;
      assert.deepEqual(await requestPaths({ 'index.ts': named }, 'index.ts'), ['called from handle (Deno std/http serve handler)'], spec);
    }
  });

  it('Deno.serve and Bun.serve given a handler by name or as a fetch/handler option', async () => {
    const head = `import OpenAI from 'openai';\nconst openai = new OpenAI();\n${ask}\nasync function handleRequest(req: Request) { return Response.json(await ask(await req.text())); }\n`;
    const cases: Array<[string, string]> = [
      ['Deno.serve(handleRequest);', 'Deno.serve handler'],
      ['Deno.serve({ port: 8000 }, handleRequest);', 'Deno.serve handler'],
      ['Deno.serve({ port: 8000, handler: handleRequest });', 'Deno.serve handler'],
      ['Bun.serve({ port: 3000, fetch: handleRequest });', 'Bun.serve handler'],
    ];
    for (const [serve, reason] of cases) assert.deepEqual(await requestPaths({ 'index.ts': head + serve }, 'index.ts'), [`called from handleRequest (${reason})`], serve);
    const shorthand = `import OpenAI from 'openai';\nconst openai = new OpenAI();\n${ask}\nasync function fetch(req: Request) { return Response.json(await ask(await req.text())); }\nBun.serve({ port: 3000, fetch });\n`;
    assert.deepEqual(await requestPaths({ 'index.ts': shorthand }, 'index.ts'), ['called from fetch (Bun.serve handler)']);
    const inlineOption = `import OpenAI from 'openai';\nconst openai = new OpenAI();\n${ask}\nBun.serve({ fetch: async (req) => Response.json(await ask(await req.text())) });\n`;
    assert.deepEqual(await requestPaths({ 'index.ts': inlineOption }, 'index.ts'), ['called from fetch (Bun.serve handler)']);
  });

  it('a handler imported from another module and handed to Bun.serve by name', async () => {
    const server = `import OpenAI from 'openai';\nconst openai = new OpenAI();\n${ask}\nexport async function handleRequest(req: Request) { return Response.json(await ask(await req.text())); }\n`;
    const index = `import { handleRequest } from './server';\nBun.serve({ port: 3000, fetch: handleRequest });\n`;
    const [reason] = await requestPaths({ 'server.ts': server, 'index.ts': index }, 'server.ts');
    assert.match(reason ?? '', /Bun\.serve handler in index\.ts/);
  });

  it('not another serve, nor a fetch option of another call', async () => {
    const other = `import { serve } from '@hono/node-server';\nimport OpenAI from 'openai';\nconst openai = new OpenAI();\n${ask}\nasync function handle(req: Request) { return Response.json(await ask(await req.text())); }\nserve({ fetch: handle, port: 3000 });\nserve(handle);\n`;
    assert.deepEqual(await requestPaths({ 'index.ts': other }, 'index.ts'), [null]);
    const options = `import OpenAI from 'openai';\nconst openai = new OpenAI();\n${ask}\nconst client = makeClient({ fetch: async (req: Request) => Response.json(await ask(await req.text())) });\ndeclare function makeClient(o: unknown): unknown;\nvoid client;\n`;
    assert.deepEqual(await requestPaths({ 'index.ts': options }, 'index.ts'), [null]);
  });
});
