// Bundles the three faces: the extension (vscode external), the language server and the CLI.
import { build } from 'esbuild';
import { mkdirSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD build requires files dynamically; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

// The TypeScript compiler (ts-morph's, 10 MB of source) is a file of its own, read only when the first JS/TS file
// with LLM code is: a Python or config-only workspace never holds its source in memory.
const COMPILER_FILE = './typescript-compiler.js';
const compilerApart = {
  name: 'typescript-compiler-apart',
  setup(b) {
    b.onResolve({ filter: /^ts-morph$/ }, () => ({ path: COMPILER_FILE, external: true }));
  },
};

mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', plugins: [compilerApart] }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [compilerApart] }),
  build({ ...common, entryPoints: ['ts-morph'], outfile: `dist/${COMPILER_FILE}` }),
]);
// esbuild escapes non-ASCII text in strings but keeps it in comments and regular expressions. One such character
// makes V8 hold the whole 20 MB source in two bytes per character, about 22 MB more of resident memory.
for (const out of ['dist/extension.js', 'dist/server.js', 'dist/cli.js', `dist/${COMPILER_FILE}`]) {
  const text = readFileSync(out, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(out, ascii);
}
// Runtime assets that are loaded from disk rather than bundled.
for (const [from, to] of [
  ['node_modules/tree-sitter-python/tree-sitter-python.wasm', 'dist/tree-sitter-python.wasm'],
  ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/web-tree-sitter.wasm'],
]) {
  if (existsSync(from)) copyFileSync(from, to);
}
