// What a workspace scan reads: symbolic links are followed once and only inside the workspace, excluded and vendored
// directories are not walked, and the file watcher's filter (`engine.ignores`) agrees with the scan.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { createEngine } from '../../server/src/analysis';
import { lintFolder } from '../helpers/lint';
import { tempDir } from '../helpers/temp-dir';

const APP = 'from openai import OpenAI\n\nclient = OpenAI(timeout=30)\n\n\ndef ask(q):\n    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}]).usage\n';
const JS = "import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\nexport const ask = async (q) => (await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] })).usage;\n";

function workspace(files: Record<string, string>, links: Record<string, string> = {}): string {
  const dir = tempDir('llm-infra-lint-walk-');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  for (const [rel, target] of Object.entries(links)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.symlinkSync(target, path.join(dir, rel));
  }
  return dir;
}

async function filesWithCalls(dir: string): Promise<string[]> {
  const { results } = await lintFolder(dir);
  return results.filter((r) => r.callSites.length > 0).map((r) => path.relative(dir, r.path).split(path.sep).join('/')).sort();
}

describe('workspace walk', () => {
  it('follows a link back to an ancestor once instead of forever', async () => {
    const dir = workspace({ 'app.py': APP }, { a: '.', b: '.', 'sub/up': '..' });
    try {
      assert.deepEqual(await filesWithCalls(dir), ['app.py']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not walk a linked directory outside the workspace, but does walk one inside it', async () => {
    const outside = workspace({ 'lib/other.py': APP });
    const dir = workspace({ 'app.py': APP, 'shared/llm.py': APP }, { deps: path.join(outside, 'lib'), 'linked-shared': 'shared' });
    try {
      // `linked-shared` is `shared` again: read once, under whichever path the walk reaches first.
      const found = await filesWithCalls(dir);
      assert.deepEqual(found.filter((f) => !f.startsWith('linked-shared/') && !f.startsWith('shared/')), ['app.py']);
      assert.equal(found.filter((f) => f.endsWith('llm.py')).length, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('skips vendored code, minified bundles and directories that exclude matches', async () => {
    const dir = workspace({
      'index.js': JS,
      'vendor/openai/lib/client.js': JS,
      'public/js/openai.min.js': JS,
      'generated/api/client.py': APP,
      // The test helper's configuration file.
      'options.json': JSON.stringify({ exclude: ['generated/**'] }),
    });
    try {
      assert.deepEqual(await filesWithCalls(dir), ['index.js']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ignores() agrees with the scan, for the file watcher', async () => {
    const dir = workspace({ 'app.py': APP, 'tsconfig.json': JSON.stringify({ compilerOptions: { outDir: 'lib' } }), '.llm-infra-lint.json': JSON.stringify({ exclude: ['generated/**'] }) });
    try {
      const engine = createEngine(dir);
      await engine.scan();
      const ignored = (rel: string) => engine.ignores(path.join(dir, rel));
      assert.deepEqual(
        ['app.py', 'src/x.py', 'env/lib/python3.12/site-packages/openai/x.py', 'lib/index.js', 'coverage/x.js', 'generated/api/x.py', '.svelte-kit/out.js', 'vendor/x.js'].map(ignored),
        [false, false, true, true, true, true, true, true],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
