// Non-relative imports that name workspace files: workspace packages (monorepos) and tsconfig `paths` aliases.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProjectFiles } from '../../server/src/core/front-end';
import { TypeScriptWorkspace } from '../../server/src/languages/typescript/file-context';

function project(files: Record<string, string>): ProjectFiles {
  return { root: '/ws', text: (p) => files[p], version: () => 1, has: (p) => p in files, paths: () => Object.keys(files) };
}

const route = '/ws/apps/web/route.ts';

describe('workspace package imports', () => {
  it('follows a conditional exports map to the source file', () => {
    const ws = new TypeScriptWorkspace(project({
      '/ws/packages/ai/package.json': JSON.stringify({ name: '@acme/ai', exports: { '.': { types: './dist/index.d.ts', import: './dist/index.mjs' }, './models/*': './src/models/*.ts' } }),
      '/ws/packages/ai/src/index.ts': 'export * from "./llm";',
      '/ws/packages/ai/src/models/chat.ts': 'export const llm = 1;',
      [route]: '',
    }));
    assert.equal(ws.resolveModule(route, '@acme/ai'), '/ws/packages/ai/src/index.ts');
    assert.equal(ws.resolveModule(route, '@acme/ai/models/chat'), '/ws/packages/ai/src/models/chat.ts');
    assert.equal(ws.resolveModule(route, '@acme/ai/missing'), null);
  });

  it('falls back to src/index for a package without entry fields, and to src/<subpath>', () => {
    const ws = new TypeScriptWorkspace(project({
      '/ws/packages/llm/package.json': '{ "name": "llm-kit" }',
      '/ws/packages/llm/src/index.ts': '',
      '/ws/packages/llm/src/client.ts': '',
      [route]: '',
    }));
    assert.equal(ws.resolveModule(route, 'llm-kit'), '/ws/packages/llm/src/index.ts');
    assert.equal(ws.resolveModule(route, 'llm-kit/client'), '/ws/packages/llm/src/client.ts');
  });

  it('leaves SDK packages and unknown packages to node_modules, and ignores a malformed package.json', () => {
    const ws = new TypeScriptWorkspace(project({
      '/ws/vendor/openai/package.json': '{ "name": "openai", "main": "src/index.ts" }',
      '/ws/vendor/openai/src/index.ts': '',
      '/ws/packages/broken/package.json': '{ "name": "broken", ',
      '/ws/packages/broken/src/index.ts': '',
      [route]: '',
    }));
    assert.equal(ws.resolveModule(route, 'openai'), null);
    assert.equal(ws.resolveModule(route, 'broken'), null);
    assert.equal(ws.resolveModule(route, 'express'), null);
  });

  it('finds the file a barrel re-exports a name from, under its own name', () => {
    const ws = new TypeScriptWorkspace(project({
      '/ws/packages/ai/package.json': '{ "name": "@acme/ai" }',
      '/ws/packages/ai/src/index.ts': 'export * from "./openai";\nexport { complete as ask } from "./openai";',
      '/ws/packages/ai/src/openai.ts': 'export const complete = () => 1;',
      [route]: '',
    }));
    const barrel = ws.resolveModule(route, '@acme/ai')!;
    assert.deepEqual(ws.exportOrigin(barrel, 'complete'), { file: '/ws/packages/ai/src/openai.ts', name: 'complete' });
    assert.deepEqual(ws.exportOrigin(barrel, 'ask'), { file: '/ws/packages/ai/src/openai.ts', name: 'complete' });
    assert.equal(ws.exportOrigin(barrel, 'nothing'), null);
  });
});

describe('tsconfig paths', () => {
  it('resolves a paths alias from the nearest config, following a relative extends and its baseUrl', () => {
    const ws = new TypeScriptWorkspace(project({
      '/ws/tsconfig.base.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@server/*": ["apps/api/src/*"], "@server/llm/*": ["packages/llm/src/*"] } } }',
      '/ws/apps/api/tsconfig.json': '{\n  // JSON with comments\n  "extends": "../../tsconfig.base.json",\n  "compilerOptions": { "strict": true, },\n}',
      '/ws/apps/api/src/db.ts': '',
      '/ws/packages/llm/src/client.ts': '',
      [route]: '',
      '/ws/apps/api/src/routes/chat.ts': '',
    }));
    const from = '/ws/apps/api/src/routes/chat.ts';
    assert.equal(ws.resolveModule(from, '@server/db'), '/ws/apps/api/src/db.ts');
    // The longest matching prefix wins, as in tsc.
    assert.equal(ws.resolveModule(from, '@server/llm/client'), '/ws/packages/llm/src/client.ts');
    // A file outside that config's tree does not see its aliases.
    assert.equal(ws.resolveModule(route, '@server/db'), null);
  });

  it('takes paths relative to the config that declares them when there is no baseUrl, and bare names from baseUrl', () => {
    const ws = new TypeScriptWorkspace(project({
      '/ws/web/jsconfig.json': '{ "compilerOptions": { "paths": { "~lib/*": ["./lib/*"] } } }',
      '/ws/web/lib/openai.js': '',
      '/ws/web/pages/api/chat.js': '',
      '/ws/svc/tsconfig.json': '{ "compilerOptions": { "baseUrl": "src" } }',
      '/ws/svc/src/services/llm.ts': '',
      '/ws/svc/src/index.ts': '',
    }));
    assert.equal(ws.resolveModule('/ws/web/pages/api/chat.js', '~lib/openai'), '/ws/web/lib/openai.js');
    assert.equal(ws.resolveModule('/ws/svc/src/index.ts', 'services/llm'), '/ws/svc/src/services/llm.ts');
    // An SDK import stays the SDK even with a baseUrl.
    assert.equal(ws.resolveModule('/ws/svc/src/index.ts', 'openai'), null);
  });

  it('ignores a malformed config', () => {
    const ws = new TypeScriptWorkspace(project({ '/ws/tsconfig.json': '{ "compilerOptions": { "paths": ', '/ws/src/a.ts': '' }));
    assert.equal(ws.resolveModule('/ws/src/a.ts', '@x/y'), null);
  });
});

describe("frameworks' built-in aliases (audit 199)", () => {
  it("SvelteKit's $lib is src/lib of the app; Nuxt's @@/ and ~~/ are its root", () => {
    const ws = new TypeScriptWorkspace(project({
      '/ws/web/src/lib/server/gpt.ts': '',
      '/ws/web/src/lib/index.ts': '',
      '/ws/web/src/routes/api/chat/+server.ts': '',
      '/ws/nuxt/server/services/ai-service.ts': '',
      '/ws/nuxt/server/api/ai.ts': '',
    }));
    const endpoint = '/ws/web/src/routes/api/chat/+server.ts';
    assert.equal(ws.resolveModule(endpoint, '$lib/server/gpt'), '/ws/web/src/lib/server/gpt.ts');
    assert.equal(ws.resolveModule(endpoint, '$lib'), '/ws/web/src/lib/index.ts');
    assert.equal(ws.resolveModule(endpoint, '$library/server/gpt'), null);
    assert.equal(ws.resolveModule('/ws/nuxt/server/api/ai.ts', '@@/server/services/ai-service'), '/ws/nuxt/server/services/ai-service.ts');
    assert.equal(ws.resolveModule('/ws/nuxt/server/api/ai.ts', '~~/server/services/ai-service'), '/ws/nuxt/server/services/ai-service.ts');
  });
});
