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

describe('ensureImport in a CommonJS module', () => {
  const add = (text: string) => {
    const edit = w.ensureImport(text, '@opentelemetry/api', ['SpanKind', 'trace']);
    return edit ? applyEdits(text, [edit]) : text;
  };

  it('requires the names after the last require instead of adding an import declaration', () => {
    assert.equal(add("const express = require('express');\nconst OpenAI = require('openai');\n\nmodule.exports = {};\n"), "const express = require('express');\nconst OpenAI = require('openai');\nconst { SpanKind, trace } = require('@opentelemetry/api');\n\nmodule.exports = {};\n");
    assert.equal(add("'use strict';\nexports.ask = () => 1;\n"), "'use strict';\nconst { SpanKind, trace } = require('@opentelemetry/api');\nexports.ask = () => 1;\n");
  });

  it('adds the missing names to an existing destructuring of the module', () => {
    assert.equal(add("const { trace } = require('@opentelemetry/api');\nmodule.exports = trace;\n"), "const { trace, SpanKind } = require('@opentelemetry/api');\nmodule.exports = trace;\n");
  });

  it('puts a new first line after a shebang, on a line of its own, in either module kind', () => {
    assert.equal(add('#!/usr/bin/env node\nconsole.log(1);\n'), "#!/usr/bin/env node\nimport { SpanKind, trace } from '@opentelemetry/api';\nconsole.log(1);\n");
    assert.equal(add('#!/usr/bin/env node\nmodule.exports = 1;\n'), "#!/usr/bin/env node\nconst { SpanKind, trace } = require('@opentelemetry/api');\nmodule.exports = 1;\n");
  });

  it('keeps import declarations in an ES module', () => {
    assert.equal(add("import OpenAI from 'openai';\nexport const c = new OpenAI();\n"), "import OpenAI from 'openai';\nimport { SpanKind, trace } from '@opentelemetry/api';\nexport const c = new OpenAI();\n");
  });
});

describe('addOption on an options object that holds only comments', () => {
  const add = (text: string) => {
    const start = text.indexOf('{');
    const end = text.lastIndexOf('}') + 1;
    const args = { span: { start, end }, options: {}, hasSpread: false, callArgsSpan: { start: start - 1, end: end + 1 } };
    const out = applyEdits(text, w.addOption(args, 'timeout', 120_000, text));
    parses(out);
    return out;
  };

  it('puts the option above the closing brace and keeps the comment', () => {
    assert.equal(add("new OpenAI({\n  // baseURL: 'https://api.openai.com/v1', // default\n});\n"), "new OpenAI({\n  // baseURL: 'https://api.openai.com/v1', // default\n  timeout: 120000,\n});\n");
  });

  it('on one line, after a block comment', () => {
    assert.equal(add('new OpenAI({ /* defaults */ });\n'), 'new OpenAI({ /* defaults */ timeout: 120000 });\n');
  });
});
