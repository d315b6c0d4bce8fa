// Prompt text returned by a helper of another module: the finding sits on the call and names the helper.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'volatile-prompt-prefix');
const read = (rel: string) => fs.readFileSync(path.join(FIXTURE, rel), 'utf8');

describe('prompt helpers imported from another module', () => {
  for (const [main, helpers, helper] of [
    ['imported_helpers.py', ['app/prompts.py', 'app/clients.py', 'app/__init__.py'], 'dated_prompt, prompts.py'],
    ['imported-helpers.ts', ['lib/prompts.ts', 'lib/openai.ts'], 'datedPrompt, prompts.ts'],
  ] as const) {
    it(`${main}: the message says which helper holds the value, and no fix edits the call`, async () => {
      const files = Object.fromEntries([main, ...helpers].map((rel) => [rel, read(rel)]));
      const { engine, root } = await engineFor(files);
      const found = engine.lint(path.join(root, main)).findings.filter((f) => f.ruleId === 'volatile-prompt-prefix');
      const first = found[0];
      assert.ok(first, 'a finding');
      assert.match(first.message, new RegExp(`^Timestamp \`now\` \\(in ${helper.replace('.', '\\.')}\\) precedes \\d[\\d,]* tokens of static prompt`));
      assert.equal(files[main].slice(first.span.start, first.span.end).replace(/^prompts\./, ''), helper.startsWith('dated_') ? 'dated_prompt()' : 'datedPrompt()');
      assert.equal(first.fix, undefined);
      // A timestamp passed as the helper's parameter is reported where it is written.
      const passed = found.find((f) => /Timestamp `datetime\.now|Timestamp `new Date/.test(f.message));
      assert.ok(passed, found.map((f) => f.message).join('\n'));
      assert.match(files[main].slice(passed.span.start, passed.span.end), /^(datetime\.now\(timezone\.utc\)\.isoformat\(\)|new Date\(\)\.toISOString\(\))$/);
      // Editing the helper's module re-reads the importer: with the timestamp moved last, the call is clean.
      const helperPath = helpers[0];
      const moved = files[helperPath].replace(/f"Today is \{now\}\. " \+ RULES/, 'RULES + f" Today is {now}."').replace('`Today is ${now}. ${RULES}`', '`${RULES} Today is ${now}.`');
      assert.notEqual(moved, files[helperPath]);
      engine.setFile(path.join(root, helperPath), moved);
      const after = engine.lint(path.join(root, main)).findings.filter((f) => f.ruleId === 'volatile-prompt-prefix');
      assert.equal(after.length, found.length - 2, after.map((f) => f.message).join('\n'));
    });
  }
});
