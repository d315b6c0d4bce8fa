import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/src/core/text';

describe('applyEdits', () => {
  it('applies edits in offset order and drops one that overlaps an earlier one', () => {
    assert.equal(applyEdits('abcdef', [{ start: 4, end: 5, newText: 'E' }, { start: 0, end: 2, newText: 'AB' }, { start: 1, end: 3, newText: 'x' }]), 'ABcdEf');
  });

  it('keeps the order of different insertions at one offset', () => {
    assert.equal(applyEdits('ab', [{ start: 1, end: 1, newText: '1' }, { start: 1, end: 1, newText: '2' }]), 'a12b');
  });

  it('applies an insertion that several fixes make at the same offset once (fix-all adding one import twice)', () => {
    const text = "import OpenAI from 'openai';\nconst a = 1;\n";
    const at = text.indexOf('\n');
    const imp = { start: at, end: at, newText: "\nimport { trace } from '@opentelemetry/api';" };
    const fixes = [[imp, { start: text.indexOf('1'), end: text.indexOf('1') + 1, newText: '2' }], [{ ...imp }], [{ ...imp, newText: "\nimport { metrics } from '@opentelemetry/api';" }, { ...imp }]];
    assert.equal(applyEdits(text, fixes.flat()), "import OpenAI from 'openai';\nimport { trace } from '@opentelemetry/api';\nimport { metrics } from '@opentelemetry/api';\nconst a = 2;\n");
    const py = 'import os\nx = 1\n';
    const pyImp = { start: 9, end: 9, newText: '\nfrom opentelemetry import trace' };
    assert.equal(applyEdits(py, [pyImp, { ...pyImp }]), 'import os\nfrom opentelemetry import trace\nx = 1\n');
  });
});
