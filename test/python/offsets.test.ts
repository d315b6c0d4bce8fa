import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { OffsetMap, pointAt } from '../../server/src/languages/python/offsets';
import { indexUnit } from '../../server/src/languages/python/parser';
import { analyzeSnippet, initPython, onlySite, slice } from './helpers';

before(initPython);

describe('offset conversion', () => {
  it('is the identity for UTF-16 indices and for ASCII text', () => {
    const m = new OffsetMap('héllo 😀', 'utf16');
    assert.equal(m.toUtf16(7), 7);
    const a = new OffsetMap('plain ascii', 'utf8');
    assert.equal(a.toUtf16(5), 5);
    assert.equal(a.fromUtf16(5), 5);
  });

  it('maps UTF-8 byte offsets to UTF-16 offsets around accents, emoji and CJK', () => {
    const text = 'é😀中x';
    const m = new OffsetMap(text, 'utf8');
    // é = 2 bytes, 😀 = 4 bytes (2 code units), 中 = 3 bytes
    assert.equal(m.fromUtf16(0), 0);
    assert.equal(m.fromUtf16(1), 2);
    assert.equal(m.fromUtf16(3), 6);
    assert.equal(m.fromUtf16(4), 9);
    assert.equal(m.fromUtf16(5), 10);
    for (let i = 0; i <= text.length; i++) {
      if (i === 2) continue; // inside the surrogate pair
      assert.equal(m.toUtf16(m.fromUtf16(i)), i, `round trip at ${i}`);
    }
    assert.deepEqual(m.span({ startIndex: 6, endIndex: 10 }), { start: 3, end: 5 });
  });

  it('computes tree-sitter points in the parser unit', () => {
    const text = 'ab\nçd😀e';
    assert.deepEqual(pointAt(text, 7, 'utf16'), { row: 1, column: 4 });
    assert.deepEqual(pointAt(text, 7, 'utf8'), { row: 1, column: 7 });
  });

  it('probes the index unit of this web-tree-sitter build', () => {
    // web-tree-sitter feeds JS strings as UTF-16 and reports code units; the probe must agree.
    assert.equal(indexUnit(), 'utf16');
  });
});

describe('spans with non-ASCII text before a call', () => {
  const cases: Array<[string, string]> = [
    ['accents', '# Café, naïve, résumé — déjà vu\nGREETING = "Olá, señor"\n'],
    ['emoji', '# 🚀🔥 launch 👩‍💻\nEMOJI = "😀😃😄"\n'],
    ['CJK', '# 你好，世界。こんにちは。안녕하세요\nTITLE = "中文标题"\n'],
  ];
  for (const [label, prefix] of cases) {
    it(`keeps spans exact after ${label}`, () => {
      const code = `${prefix}from openai import OpenAI\nclient = OpenAI(timeout=10)\nSYSTEM = "Réponds en français 🇫🇷"\n\ndef ask(q):\n    r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": f"Q: {q} ✓"}])\n    return r.usage\n`;
      const facts = analyzeSnippet(code);
      const site = onlySite(facts);
      assert.equal(slice(facts, site.nameSpan), 'create');
      assert.ok(slice(facts, site.span).startsWith('client.chat.completions.create('));
      assert.ok(slice(facts, site.span).endsWith('✓"}])'));
      assert.equal(slice(facts, site.model.span), '"gpt-4o"');
      assert.equal(slice(facts, site.args.options.model.keySpan), 'model');
      assert.equal(slice(facts, site.client!.nameSpan), 'OpenAI');
      assert.equal(slice(facts, site.client!.args.options.timeout.value.span), '10');
      const [system, user] = site.prompt;
      assert.equal(system.segments[0].kind, 'static');
      assert.equal(slice(facts, system.segments[0].span), 'SYSTEM');
      assert.equal((system.segments[0] as { text: string }).text, 'Réponds en français 🇫🇷');
      // Outer f-string pieces carry the prefix and quotes, like a template literal's head and tail.
      assert.equal(slice(facts, user.segments[0].span), 'f"Q: ');
      assert.equal(slice(facts, user.segments[1].span), 'q');
      assert.equal(slice(facts, user.segments[2].span), ' ✓"');
      assert.equal(slice(facts, site.resultBinding!.statementSpan).slice(0, 4), 'r = ');
    });
  }

  it('keeps endpoint, secret and env spans exact after non-ASCII text', () => {
    const code = '# ünïcödé 😀 中文\nimport os\nURL = "https://api.openai.com/v1"\nKEY = "sk-proj-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbA"\nmode = os.environ["MODE"]\n';
    const facts = analyzeSnippet(code);
    assert.equal(slice(facts, facts.endpoints[0].span), '"https://api.openai.com/v1"');
    assert.equal(slice(facts, facts.secrets[0].span), '"sk-proj-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbA"');
    assert.deepEqual(facts.envReads, ['MODE']);
  });
});
