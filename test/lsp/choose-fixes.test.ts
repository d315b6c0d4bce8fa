// Fix-all picks the fixes that can be applied together; the rest wait for the next run.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Fix } from '../../server/src/core/types';
import { chooseFixes } from '../../server/src/lsp/handlers/code-actions';

const fix = (...edits: Fix['edits']): Fix => ({ title: 't', safety: 'safe', edits });
const IMPORT = { start: 0, end: 0, newText: "import { trace } from '@opentelemetry/api';\n" };

describe('chooseFixes', () => {
  it('applies an import two fixes both add once, and both fixes', () => {
    const chosen = chooseFixes([fix(IMPORT, { start: 50, end: 60, newText: 'a' }), fix({ ...IMPORT }, { start: 80, end: 90, newText: 'b' })], '/w/a.ts');
    assert.deepEqual(chosen.map((e) => e.newText), [IMPORT.newText, 'a', 'b']);
  });

  it('holds back a fix whose edit overlaps an earlier one, or inserts different text at the same place', () => {
    const chosen = chooseFixes(
      [fix({ start: 10, end: 20, newText: 'x' }), fix({ start: 15, end: 25, newText: 'y' }), fix({ start: 10, end: 10, newText: 'z' }), fix({ start: 30, end: 30, newText: 'w' })],
      '/w/a.ts',
    );
    assert.deepEqual(chosen.map((e) => e.newText), ['x', 'w']);
  });

  it('never creates the same file twice', () => {
    const create = { start: 0, end: 0, newText: 'OPENAI_BASE_URL=\n', path: '/w/.env.example', createFile: true };
    const chosen = chooseFixes([fix(create, { start: 1, end: 2, newText: 'a' }), fix({ ...create }, { start: 5, end: 6, newText: 'b' })], '/w/a.ts');
    assert.deepEqual(chosen.map((e) => e.newText), [create.newText, 'a']);
  });
});
