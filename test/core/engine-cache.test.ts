// The engine keeps a file's lint result while nothing that could change it changed.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig, parseConfig } from '../../server/src/core/config';
import { engineFor } from '../helpers/lint';

const APP = "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const ask = (q: string) => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n";

describe('lint result reuse', () => {
  it('answers a repeated lint with the same result, and lints again after any change', async () => {
    const { engine, root } = await engineFor({ 'src/app.ts': APP, 'src/other.ts': 'export const x = 1;\n' });
    const app = path.join(root, 'src/app.ts');
    const first = engine.lint(app);
    assert.ok(first.findings.some((f) => f.ruleId === 'missing-timeout'));
    assert.equal(engine.lint(app), first, 'same text, same workspace: reused');

    // Another file changing may change this file's findings (env definitions, hops): lint again.
    engine.setFile(path.join(root, '.env.example'), 'OPENAI_BASE_URL=http://gateway:4000/v1\n');
    const afterEnv = engine.lint(app);
    assert.notEqual(afterEnv, first);
    assert.equal(engine.lint(app), afterEnv);

    // So may the configuration.
    engine.setConfig(parseConfig('{ "rules": { "missing-timeout": "off" } }', path.join(root, '.llm-infra-lint.json')).config);
    const afterConfig = engine.lint(app);
    assert.ok(!afterConfig.findings.some((f) => f.ruleId === 'missing-timeout'));
    engine.setConfig(defaultConfig());
    assert.ok(engine.lint(app).findings.some((f) => f.ruleId === 'missing-timeout'));

    // And its own text.
    engine.setFile(app, APP.replace('new OpenAI()', 'new OpenAI({ timeout: 30_000 })'));
    assert.ok(!engine.lint(app).findings.some((f) => f.ruleId === 'missing-timeout'));
  });
});

describe('languages known to the engine', () => {
  it('follows files being added and removed', async () => {
    const { engine, root } = await engineFor({ 'src/app.ts': APP });
    assert.equal(engine.hasFileOfLanguage('typescript'), true);
    assert.equal(engine.hasFileOfLanguage('python'), false);
    engine.setFile(path.join(root, 'svc/app.py'), 'import openai\n');
    assert.equal(engine.hasFileOfLanguage('python'), true);
    engine.setFile(path.join(root, 'svc/app.py'), 'import os\n');
    assert.equal(engine.hasFileOfLanguage('python'), true, 'an edit keeps it');
    engine.removeFile(path.join(root, 'svc/app.py'));
    assert.equal(engine.hasFileOfLanguage('python'), false);
  });
});

