// Invariants of the rule registry, its docs and fixtures; documented examples run as tests.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../server/src/rules';
import { engineFor } from './helpers/lint';

const RULES_DIR = path.join(__dirname, '..', 'server', 'src', 'rules');
const FIXTURES = path.join(__dirname, 'fixtures');
const DEFAULT_NAMES: Record<string, string> = { typescript: 'example.ts', javascript: 'example.js', python: 'example.py', yaml: 'example.yaml', nginx: 'nginx.conf', dotenv: '.env.example' };

describe('rule registry', () => {
  it('lists every rule file, sorted, ids equal file names', () => {
    const files = fs.readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')).sort();
    assert.deepEqual(rules.map((r) => r.id), files);
  });
  for (const rule of rules) {
    it(`${rule.id}: metadata, docs and fixtures`, () => {
      assert.match(rule.id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      assert.ok(!rule.docs.summary.includes('\n'), 'summary is one line');
      assert.ok(rule.docs.why.length > 40, 'why explains the cost');
      assert.ok(rule.docs.bad.length > 0 && rule.docs.good.length > 0, 'bad and good examples');
      assert.ok(rule.docs.references.length > 0, 'references');
      const dir = path.join(FIXTURES, rule.id);
      assert.ok(fs.existsSync(dir), `fixtures folder test/fixtures/${rule.id}`);
      const names = (fs.readdirSync(dir, { recursive: true }) as string[]).map((n) => path.basename(n));
      assert.ok(names.some((n) => /^valid/.test(n)), 'a valid* near-miss file');
      if (rule.fixable !== 'none') assert.ok(names.some((n) => n.includes('.fixed.')), 'a .fixed. file for a fixable rule');
      const docsPage = path.join(__dirname, '..', 'docs', 'rules', `${rule.id}.md`);
      assert.ok(fs.existsSync(docsPage), `docs/rules/${rule.id}.md is generated (npm run gen)`);
    });
  }
});

describe('documented examples', () => {
  for (const rule of rules) {
    for (const [kind, examples] of [['bad', rule.docs.bad], ['good', rule.docs.good]] as const) {
      examples.forEach((ex, i) => {
        it(`${rule.id} ${kind} example ${i + 1} (${ex.language})`, async () => {
          const name = ex.filename ?? DEFAULT_NAMES[ex.language];
          const { engine, root } = await engineFor({ ...(ex.files ?? {}), [name]: ex.code });
          const found = engine.lint(path.join(root, name)).findings.filter((f) => f.ruleId === rule.id);
          if (kind === 'bad') assert.ok(found.length > 0, `bad example must trigger ${rule.id}`);
          else assert.equal(found.length, 0, `good example must not trigger ${rule.id}: ${found.map((f) => f.message).join('; ')}`);
        });
      });
    }
  }
});

describe('generated docs', () => {
  it('docs/rules is up to date (npm run gen)', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'scripts', 'gen-docs.ts'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});
