// A tsc build's output directory (`compilerOptions.outDir`) repeats the sources: it is never scanned, so its calls are
// not reported twice or fixed where the next build overwrites them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { lintFolder } from '../helpers/lint';
import { tempDir } from '../helpers/temp-dir';

const SOURCE = "import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\nexport const ask = async (q: string) => (await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] })).usage;\n";
const COMPILED = '"use strict";\nvar __importDefault = (this && this.__importDefault) || function (mod) { return (mod && mod.__esModule) ? mod : { "default": mod }; };\nObject.defineProperty(exports, "__esModule", { value: true });\nconst openai_1 = __importDefault(require("openai"));\nconst client = new openai_1.default({ timeout: 30000 });\nconst ask = async (q) => (await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: q }] })).usage;\nexports.ask = ask;\n';

async function scannedWithCalls(files: Record<string, string>): Promise<string[]> {
  const dir = tempDir('llm-infra-lint-outdir-');
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    const { results } = await lintFolder(dir);
    return results.filter((r) => r.callSites.length > 0).map((r) => path.relative(dir, r.path).split(path.sep).join('/')).sort();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('compiler output', () => {
  it('skips the outDir of a tsconfig.json, and only that', async () => {
    const tsconfig = (outDir: string) => JSON.stringify({ compilerOptions: { outDir, module: 'commonjs' }, include: ['src'] });
    assert.deepEqual(await scannedWithCalls({ 'tsconfig.json': tsconfig('./lib'), 'src/index.ts': SOURCE, 'lib/index.js': COMPILED }), ['src/index.ts']);
    // A package whose `lib/` is its source (no outDir pointing there) is read.
    assert.deepEqual(await scannedWithCalls({ 'tsconfig.json': tsconfig('./build-cjs'), 'lib/index.ts': SOURCE }), ['lib/index.ts']);
    // In a package of a monorepo, with comments in the config.
    assert.deepEqual(
      await scannedWithCalls({ 'packages/ai/tsconfig.json': '{\n  // built by tsc\n  "compilerOptions": { "outDir": "lib" }\n}\n', 'packages/ai/src/index.ts': SOURCE, 'packages/ai/lib/index.js': COMPILED }),
      ['packages/ai/src/index.ts'],
    );
  });
});
