// The TypeScript compiler costs about 70 MB and half a second: it loads only once a JS/TS file may hold a fact.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../../server/src/analysis';
import { initPython } from '../../server/src/languages/python/parser';
import { tempDir } from '../helpers/temp-dir';

const compilerLoaded = () => Object.keys(require.cache).some((k) => /node_modules[\\/](ts-morph|@ts-morph[\\/]common)[\\/]/.test(k));

describe('the TypeScript compiler loads lazily', () => {
  it('stays unloaded for Python, config and JS without LLM code, and loads for the first JS/TS file that may hold a fact', async () => {
    // This file runs in a process of its own (node --test), so nothing else has loaded the compiler.
    assert.equal(compilerLoaded(), false, 'loaded before the test began');
    await initPython();
    const root = tempDir('lazy-ts-');
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    write('app/main.py', 'from openai import OpenAI\nclient = OpenAI()\n\ndef ask(q):\n    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])\n');
    write('web/src/button.tsx', 'export function Button(props: { label: string }) {\n  return <button>{props.label}</button>;\n}\n');
    write('k8s/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n');
    const engine = createEngine(root);
    await engine.scan();
    const findings = engine.lintAll().flatMap((r) => r.findings);
    assert.ok(findings.some((f) => f.path.endsWith('main.py')), 'the Python file was analysed');
    assert.equal(compilerLoaded(), false, 'the compiler was loaded for a workspace without LLM code in JS/TS');

    write('web/src/api.ts', "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const ask = (q: string) => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n");
    engine.setFile(path.join(root, 'web/src/api.ts'), fs.readFileSync(path.join(root, 'web/src/api.ts'), 'utf8'));
    const ts = engine.lint(path.join(root, 'web/src/api.ts')).findings;
    assert.ok(ts.some((f) => f.ruleId === 'missing-timeout'), 'the TypeScript file was analysed');
    assert.equal(compilerLoaded(), true);
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('bundles', () => {
  it('are pure ASCII, so V8 keeps their source at one byte per character', () => {
    for (const file of ['dist/server.js', 'dist/cli.js', 'dist/extension.js']) {
      const text = fs.readFileSync(path.resolve(file), 'utf8');
      const at = text.search(/[^\x00-\x7f]/);
      assert.equal(at, -1, `${file} has a non-ASCII character at ${at}: ${JSON.stringify(text.slice(at - 40, at + 10))}`);
    }
  });
});
