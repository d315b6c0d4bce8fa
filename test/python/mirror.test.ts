// The JS mirror of tree-sitter trees answers as web-tree-sitter does, node by node, and a mirror rebuilt after an
// edit from the previous version's equals one built from scratch.
import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Node as WasmNode } from 'web-tree-sitter';
import type { MirrorNode, MirrorTree } from '../../server/src/languages/python/mirror';
import { attributeAssignmentMatches, callMatches, localBindingMatches } from '../../server/src/languages/python/extract/patterns';
import { forgetTree, initPython, parseMirror, query, withMirror, withoutKeptMirrors, withTree } from '../../server/src/languages/python/parser';

function pythonSources(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const visit = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (name === 'node_modules') continue;
      if (fs.statSync(p).isDirectory()) visit(p);
      else if (name.endsWith('.py') || name.endsWith('.py.fixed')) out.push([p, fs.readFileSync(p, 'utf8')]);
    }
  };
  visit('test/fixtures');
  visit('examples');
  return out;
}

/** Texts that exercise error recovery, MISSING nodes, odd line breaks and non-ASCII text. */
const ODD = [
  'def f(:\n    return client.chat.completions.create(model="gpt-4o"\n',
  'x = [1, 2,\nclass A:\n  def m(self): pass\n',
  'if True:\n\tx = 1\n        y = 2\n',
  'print "python 2"\nexec "code"\n',
  's = "é🙂中文"; t = f"{s!r:>{10}}"\r\nu = 1\r',
  '',
  '\n\n# only a comment\n',
  'async def g():\n    async with a as (b, c):\n        await (yield)\n',
  'lambda: (yield)\n@decorator\n',
  'match x:\n    case {"a": 1, **rest}:\n        pass\n    case [1, *_]:\n        pass\n',
];

/** Compares a mirror node with the WASM node at the same place, recursively. */
function compare(m: MirrorNode, w: WasmNode, where: string, fields: ReadonlyArray<string | null>): void {
  const at = `${where} ${w.type}@${w.startIndex}-${w.endIndex}`;
  assert.equal(m.type, w.type, at);
  assert.equal(m.startIndex, w.startIndex, at);
  assert.equal(m.endIndex, w.endIndex, at);
  assert.equal(m.isNamed, w.isNamed, `${at} isNamed`);
  assert.equal(m.isMissing, w.isMissing, `${at} isMissing`);
  assert.equal(m.hasError, w.hasError, `${at} hasError`);
  assert.equal(m.text, w.text, `${at} text`);
  const children = w.children;
  assert.equal(m.childCount, children.length, `${at} childCount`);
  assert.deepEqual(m.namedChildren.map((c) => c.startIndex), w.namedChildren.map((c) => c!.startIndex), `${at} namedChildren`);
  for (let i = 0; i < children.length; i++) {
    assert.equal(m.fieldNames?.[i] ?? null, w.fieldNameForChild(i), `${at} field of child ${i}`);
  }
  // Every field name of the grammar, asked of named nodes with children (the extractors' question).
  if (m.isNamed && children.length) {
    for (const f of fields) {
      // A case clause fills two fields of its match statement (`body` through a hidden block, `alternative` itself); a
      // cursor reports one, so the mirror knows it as `body`. The front end never asks for `alternative`.
      if (!f || (m.type === 'match_statement' && f === 'alternative')) continue;
      const a = m.childForFieldName(f);
      const b = w.childForFieldName(f);
      assert.equal(a ? `${a.type}@${a.startIndex}-${a.endIndex}` : null, b ? `${b.type}@${b.startIndex}-${b.endIndex}` : null, `${at} childForFieldName(${f})`);
      assert.equal(m.childrenForFieldName(f).length, w.childrenForFieldName(f).length, `${at} childrenForFieldName(${f})`);
    }
  }
  for (let i = 0; i < children.length; i++) {
    const child = m.children[i];
    assert.equal(child.parent, m, `${at} parent of child ${i}`);
    compare(child, children[i]!, where, fields);
  }
}

const shape = (n: MirrorNode): unknown => [n.type, n.startIndex, n.endIndex, n.isNamed, n.isMissing, n.hasError, n.fieldNames, n.children.map(shape)];

describe('Python tree mirror', () => {
  before(async () => {
    await initPython();
  });

  it('answers as web-tree-sitter on every node of the fixtures, the examples and odd inputs', () => {
    const sources = [...pythonSources(), ...ODD.map((t, i) => [`odd-${i}`, t] as [string, string])];
    assert.ok(sources.length > 50, `only ${sources.length} Python sources found`);
    let nodes = 0;
    for (const [name, text] of sources) {
      withTree(text, (wasm) => {
        withMirror(text, (mirror: MirrorTree) => {
          compare(mirror.root, wasm.rootNode, name, wasm.language.fields);
          const count = (n: MirrorNode): number => 1 + n.children.reduce((s, c) => s + count(c), 0);
          nodes += count(mirror.root);
          // Point queries: descendantForIndex and descendantsOfType at a spread of places.
          for (let k = 0; k < 40 && text.length; k++) {
            const a = Math.floor(((k * 7919) % 1000) / 1000 * text.length);
            const b = Math.min(text.length, a + ((k * 31) % 12));
            const x = mirror.root.descendantForIndex(a, b);
            const y = wasm.rootNode.descendantForIndex(a, b)!;
            assert.equal(`${x.type}@${x.startIndex}-${x.endIndex}`, `${y.type}@${y.startIndex}-${y.endIndex}`, `${name} descendantForIndex(${a}, ${b})`);
            // Cursors descending towards an offset visit the same nodes (the writer finds statements this way).
            const path = (cursor: { gotoFirstChildForIndex(i: number): boolean; nodeType: string; startIndex: number; endIndex: number; delete(): void }) => {
              const steps: string[] = [];
              while (cursor.gotoFirstChildForIndex(a)) steps.push(`${cursor.nodeType}@${cursor.startIndex}-${cursor.endIndex}`);
              cursor.delete();
              return steps;
            };
            assert.deepEqual(path(mirror.root.walk()), path(wasm.rootNode.walk()), `${name} gotoFirstChildForIndex(${a})`);
            const types = ['call', 'identifier', 'return_statement', 'string'];
            const t = types[k % types.length];
            assert.deepEqual(x.descendantsOfType(t).map((n) => n.startIndex), y.descendantsOfType(t).map((n) => n!.startIndex), `${name} descendantsOfType(${t}) under ${x.type}`);
          }
        });
      });
    }
    assert.ok(nodes > 40_000, `compared ${nodes} nodes`);
  });

  it('takes each earlier statement over once, even when an edit moves one onto the next one\'s place', () => {
    // `u` moves by 2 to where `t` was: adopted, it must not be taken for `t` as well.
    const file = '/mirror-test/adjacent.py';
    parseMirror(file, '"""doc"""\nu\nt\n');
    const next = '"""d\n\noc"""\nu\nt\n';
    const incremental = parseMirror(file, next)!;
    forgetTree(file);
    assert.deepEqual(shape(incremental.root), freshShape(next));
    assert.deepEqual(incremental.root.children.map((c) => c.text), ['"""d\n\noc"""', 'u', 't']);
  });

  it('rebuilt after an edit, equals a mirror built from scratch, or of its own tree where tree-sitter recovers from an error otherwise (random edits on every fixture)', () => {
    let seed = 20261130;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = ['x', '\n', '(', ')', '"', ':', '    ', 'def ', '\n\n', '#', 'é', '🙂', '\r', ''];
    let edits = 0;
    let reusedSome = 0;
    let recoveredOtherwise = 0;
    for (const [name, original] of pythonSources().slice(0, 60)) {
      const file = `/mirror-test/${name}`;
      let text = original;
      let previous = parseMirror(file, text);
      for (let k = 0; k < 12; k++) {
        const at = Math.floor(random() * (text.length + 1));
        const del = random() < 0.3 ? Math.floor(random() * 8) : 0;
        text = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + text.slice(at + del);
        const before = new Set<number>();
        const collect = (n: MirrorNode): void => {
          before.add(n.id);
          n.children.forEach(collect);
        };
        if (previous) collect(previous.root);
        const incremental = parseMirror(file, text);
        assert.ok(incremental, `${name}: no mirror after edit ${k}`);
        const actual = shape(incremental.root);
        if (!isDeepStrictEqual(actual, freshShape(text))) {
          // tree-sitter's incremental parse may recover from a syntax error differently from a fresh parse (a quote
          // typed into a line that already has a stray one): the mirror must then equal a mirror of its own tree,
          // built without reuse, and this may happen only around errors, and rarely.
          assert.ok(incremental.root.hasError, `${name}: edit ${k} at ${at} differs from a fresh parse without any syntax error`);
          assert.deepEqual(actual, withoutKeptMirrors(() => withMirror(text, (m) => shape(m.root))), `${name}: edit ${k} at ${at}`);
          recoveredOtherwise++;
        }
        if (incremental.root.children.some((c) => before.has(c.id))) reusedSome++;
        // Every node of the new version belongs to it (memos are kept per tree).
        const owned = (n: MirrorNode): boolean => n.tree === incremental && n.children.every(owned);
        assert.ok(owned(incremental.root), `${name}: a node of edit ${k} still points at an older tree`);
        previous = incremental;
        edits++;
      }
      forgetTree(file);
    }
    assert.ok(edits >= 500, `${edits} edits`);
    assert.ok(recoveredOtherwise <= edits / 50, `${recoveredOtherwise} of ${edits} edits recovered from errors unlike a fresh parse`);
    assert.ok(reusedSome > edits / 2, `statements were taken over in only ${reusedSome} of ${edits} rebuilds`);
  });
});

/** The shape of a mirror built from scratch for `text`. */
function freshShape(text: string): unknown {
  // A path no other test uses and no kept mirror: parseMirror builds from scratch.
  return withoutKeptMirrors(() => {
    const p = `/mirror-test/scratch-${Math.random()}`;
    const m = parseMirror(p, text);
    const s = m ? shape(m.root) : null;
    forgetTree(p);
    return s;
  });
}

const LOCALS = `
(assignment left: (identifier) @lhs right: (_) @rhs) @assign
(augmented_assignment left: (identifier) @aug) @augmented
(for_statement left: (identifier) @for) @loop
(with_item value: (as_pattern (_) @ctx alias: (as_pattern_target (identifier) @as))) @with
(named_expression name: (identifier) @walrus value: (_) @wvalue) @named
(assignment left: [(pattern_list (identifier) @unpacked) (tuple_pattern (identifier) @unpacked)] right: (_) @urhs) @unpack
`;
const SELF_ASSIGN = `(assignment left: (attribute object: (identifier) @obj attribute: (identifier) @attr) right: (_) @rhs) @assign`;
const CALLS = `
(call function: (identifier) @id) @call
(call function: (attribute object: (_) @obj attribute: (identifier) @attr)) @call
(call arguments: (argument_list (identifier) @callback))
(keyword_argument value: (identifier) @callback)
`;

/** The WASM node with a mirror node's range and type. */
function wasmNodeOf(root: WasmNode, m: MirrorNode): WasmNode {
  const find = (n: WasmNode): WasmNode | null => {
    if (n.startIndex === m.startIndex && n.endIndex === m.endIndex && n.type === m.type) return n;
    for (const c of n.children) if (c && c.startIndex <= m.startIndex && c.endIndex >= m.endIndex) {
      const hit = find(c);
      if (hit) return hit;
    }
    return null;
  };
  const hit = find(root);
  if (!hit) throw new Error(`no WASM node for ${m.type}@${m.startIndex}-${m.endIndex}`);
  return hit;
}

const described = (ms: ReadonlyArray<{ captures: ReadonlyArray<{ name: string; node: { type: string; startIndex: number; endIndex: number } }> }>) =>
  ms.map((m) => m.captures.map((c) => `${c.name}=${c.node.type}@${c.node.startIndex}-${c.node.endIndex}`).sort().join(' '));

describe('Python structural patterns', () => {
  before(async () => {
    await initPython();
  });

  it('match what the tree-sitter queries matched, in the same order, on every fixture', () => {
    let compared = 0;
    for (const [name, text] of [...pythonSources(), ...ODD.map((t, i) => [`odd-${i}`, t] as [string, string])]) {
      withTree(text, (wasm) => {
        withMirror(text, (mirror) => {
          assert.deepEqual(described(callMatches(mirror.root)), described(query(CALLS).matches(wasm.rootNode)), `${name}: calls`);
          for (const body of mirror.root.descendantsOfType('block')) {
            const w = wasmNodeOf(wasm.rootNode, body);
            assert.deepEqual(described(localBindingMatches(body)), described(query(LOCALS).matches(w)), `${name}: locals in the block at ${body.startIndex}`);
            assert.deepEqual(described(attributeAssignmentMatches(body)), described(query(SELF_ASSIGN).matches(w)), `${name}: attribute assignments in the block at ${body.startIndex}`);
            compared++;
          }
        });
      });
    }
    assert.ok(compared > 300, `compared ${compared} blocks`);
  });
});
