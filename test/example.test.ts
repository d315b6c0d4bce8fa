// The bundled example is the product's demo: every code rule must fire there.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { it } from 'node:test';
import { rules } from '../server/src/rules';
import { lintFolder } from './helpers/lint';

it('examples/ shows every TypeScript rule', async () => {
  const { results } = await lintFolder(path.join(__dirname, '..', 'examples'));
  const fired = new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)));
  const missing = rules.filter((r) => r.languages.includes('typescript') && !fired.has(r.id)).map((r) => r.id);
  assert.deepEqual(missing, []);
  assert.deepEqual(results.flatMap((r) => r.errors), []);
});
