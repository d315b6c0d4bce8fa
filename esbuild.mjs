// Bundles the three faces: the extension (vscode external), the language server and the CLI.
import { build } from 'esbuild';
import { mkdirSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

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
// with LLM code is: a Python or config-only workspace never holds its source in memory. The engine uses only the
// compiler API (`ts`), so the file holds the TypeScript that ts-morph ships without ts-morph's wrappers, minified:
// V8 keeps a script's source for as long as it runs, and this cut the server's resident memory by about 50 MB.
// It is loaded through a V8 code cache when the process sets a cache directory (the language server does).
const COMPILER_FILE = './typescript-compiler.js';
const compilerApart = {
  name: 'typescript-compiler-apart',
  setup(b) {
    b.onResolve({ filter: /^ts-morph$/ }, () => ({ path: 'ts-morph', namespace: 'typescript-compiler' }));
    b.onLoad({ filter: /.*/, namespace: 'typescript-compiler' }, () => ({
      contents: `const { requireWithCodeCache } = require(${JSON.stringify(path.resolve('server/src/process/code-cache.ts'))});\nmodule.exports = requireWithCodeCache(require('node:path').join(__dirname, ${JSON.stringify(COMPILER_FILE)}));\n`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};
const tsMorphTypeScript = require.resolve('@ts-morph/common/dist/typescript.js', { paths: [path.dirname(require.resolve('ts-morph'))] });

// The BPE rank tables (6 MB of the bundles' source) are JSON files beside them, parsed on the first count: held as
// bundled code, their source stayed in memory next to the parsed tables.
const RANK_TABLES = ['o200k_base', 'cl100k_base'];
const ranksApart = {
  name: 'bpe-ranks-apart',
  setup(b) {
    b.onResolve({ filter: /^gpt-tokenizer\/bpeRanks\// }, (args) => ({ path: args.path, namespace: 'bpe-ranks' }));
    b.onLoad({ filter: /.*/, namespace: 'bpe-ranks' }, (args) => ({
      contents: `const fs = require('node:fs');\nconst path = require('node:path');\nexports.default = JSON.parse(fs.readFileSync(path.join(__dirname, ${JSON.stringify(`bpe-${path.basename(args.path)}.json`)}), 'utf8'));\n`,
      loader: 'js',
    }));
  },
};

mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', plugins: [compilerApart, ranksApart] }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [compilerApart, ranksApart] }),
  build({
    ...common,
    stdin: { contents: `module.exports = { ts: require(${JSON.stringify(tsMorphTypeScript)}) };`, resolveDir: process.cwd(), loader: 'js', sourcefile: 'typescript-compiler-entry.js' },
    outfile: `dist/${COMPILER_FILE}`,
    minify: true,
  }),
]);
for (const table of RANK_TABLES) {
  writeFileSync(`dist/bpe-${table}.json`, JSON.stringify(require(`gpt-tokenizer/bpeRanks/${table}`).default));
}
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
