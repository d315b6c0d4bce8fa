import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ts } from 'ts-morph';
import { applyEdits } from '../../server/src/core/text';
import { typescriptWriter as w } from '../../server/src/languages/typescript/writer';

function parses(text: string): void {
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  assert.deepEqual((sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], text);
}

/** Inserts `code` after the statement whose last character is just before `marker`. */
function after(text: string, marker: string, code: string): string {
  const out = applyEdits(text, [w.insertStatementAfter(text, text.indexOf(marker) - 1, code)]);
  parses(out);
  return out;
}

describe('insertStatementAfter', () => {
  it('puts the statement on its own line after a statement that ends its line, after a trailing comment', () => {
    const text = 'async function f() {\n  const r = await x.create({\n    model: m,\n  }); // the call\n  return r;\n}\n';
    assert.equal(after(text, ' // the call', 'log(r);'), 'async function f() {\n  const r = await x.create({\n    model: m,\n  }); // the call\n  log(r);\n  return r;\n}\n');
  });

  it('stays in the block when the statement shares its line with more code or the closing brace', () => {
    const text = 'class S {\n  async e() { const g = await c.create({}); return g.content; }\n}\n';
    assert.equal(after(text, ' return g', 'log(g);'), 'class S {\n  async e() { const g = await c.create({}); log(g); return g.content; }\n}\n');
    const noSemicolon = 'const f = async () => { const g = await c.create({}) }\n';
    assert.equal(after(noSemicolon, ' }', 'log(g);'), 'const f = async () => { const g = await c.create({}); log(g); }\n');
  });

  it('writes the file\'s line break (\\n, \\r\\n or a lone \\r) and indents every line of the code', () => {
    for (const nl of ['\n', '\r\n', '\r']) {
      const text = ['function f() {', '  const r = g();', '  return r;', '}', ''].join(nl);
      for (const code of ['a(r);\nb(r);', 'a(r);\r\nb(r);', 'a(r);\rb(r);']) {
        assert.equal(after(text, nl + '  return', code), ['function f() {', '  const r = g();', '  a(r);', '  b(r);', '  return r;', '}', ''].join(nl), JSON.stringify({ nl, code }));
      }
      const oneLine = ['function f() { const r = g(); return r; }', ''].join(nl);
      assert.equal(after(oneLine, ' return', 'a(r);\nb(r);'), ['function f() { const r = g(); a(r);', 'b(r); return r; }', ''].join(nl), JSON.stringify(nl));
    }
  });
});
