// Finding candidates by text, confirmed by the tree. A full query pass costs ~4 ms on a 3,000-line file
// (every node is visited); a text search plus one `descendantForIndex` per hit costs microseconds.
import { escapeRegExp } from '../../../core/text';
import type { PyFile } from './file-context';
import type { Node } from './syntax';

/**
 * For each match of `re` (global, with the `d` flag), the node spanning capture `group`, passed through `accept`
 * (which climbs to the node wanted or rejects the hit, e.g. one inside a comment or a string).
 */
export function nodesMatching(file: PyFile, re: RegExp, group: number, accept: (n: Node) => Node | null): Node[] {
  const out: Node[] = [];
  const seen = new Set<number>();
  for (const m of file.text.matchAll(re)) {
    const range = m.indices?.[group];
    if (!range) continue;
    const start = file.offsets.fromUtf16(range[0]);
    const end = file.offsets.fromUtf16(range[1]);
    const n = file.root.descendantForIndex(start, end);
    const hit = n ? accept(n) : null;
    if (!hit || seen.has(hit.id)) continue;
    seen.add(hit.id);
    out.push(hit);
  }
  return out;
}

/** asgiref's adapters: `async_to_sync(fn)(…)` / `sync_to_async(fn)(…)` call `fn` with the outer call's arguments. */
const ADAPTER = /^(?:[\w.]+\.)?(?:async_to_sync|sync_to_async)$/;

/**
 * The call whose callee is this identifier (`name(...)`) or ends with it (`x.name(...)`), or that runs it through an
 * asgiref adapter (`async_to_sync(name)(...)`).
 */
export function callOfName(n: Node): Node | null {
  if (n.type !== 'identifier') return null;
  const p = n.parent;
  if (!p) return null;
  if (p.type === 'call') return p.childForFieldName('function')?.id === n.id ? p : null;
  if (p.type === 'argument_list' && p.namedChildren.length === 1) {
    const adapter = p.parent;
    const outer = adapter?.parent;
    const fn = adapter?.type === 'call' ? adapter.childForFieldName('function') : null;
    return fn && ADAPTER.test(fn.text) && outer?.type === 'call' && outer.childForFieldName('function')?.id === adapter!.id ? outer : null;
  }
  if (p.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) {
    const call = p.parent;
    return call?.type === 'call' && call.childForFieldName('function')?.id === p.id ? call : null;
  }
  return null;
}

/** Identifier characters, counting every non-ASCII character (Python identifiers may be `résumé`, `履歴`). */
const WORD_CHAR = 'A-Za-z0-9_\\u0080-\\uffff';

/** A RegExp matching a name as a whole word (`\b` stops at non-ASCII letters). */
export function wordRe(name: string): RegExp {
  return new RegExp(`(?<![${WORD_CHAR}])${escapeRegExp(name)}(?![${WORD_CHAR}])`);
}


/** Identifier nodes for the occurrences of a word in the file, through `accept`. */
export function wordNodes(file: PyFile, name: string, accept: (n: Node) => Node | null): Node[] {
  const out: Node[] = [];
  const seen = new Set<number>();
  for (const at of file.occurrences(name)) {
    const start = file.offsets.fromUtf16(at);
    const n = file.root.descendantForIndex(start, file.offsets.fromUtf16(at + name.length));
    const hit = n && n.type === 'identifier' ? accept(n) : null;
    if (!hit || seen.has(hit.id)) continue;
    seen.add(hit.id);
    out.push(hit);
  }
  return out;
}

/** Identifier nodes named `name` between two byte offsets, in order: found by text, confirmed by the tree. */
export function identifiersNamed(file: PyFile, name: string, startByte: number, endByte: number): Node[] {
  const at = file.occurrences(name);
  const from = file.offsets.toUtf16(startByte);
  const to = file.offsets.toUtf16(endByte);
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Node[] = [];
  for (let i = lo; i < at.length && at[i] + name.length <= to; i++) {
    const start = file.offsets.fromUtf16(at[i]);
    const n = file.root.descendantForIndex(start, file.offsets.fromUtf16(at[i] + name.length));
    if (n?.type === 'identifier' && n.startIndex === start) out.push(n);
  }
  return out;
}

/**
 * The nodes of the given types that contain the byte range [start, end), outermost first, found by descending with a
 * cursor from the root: climbing with `.parent` re-walks the tree from its root at every step.
 */
export function enclosingOfTypes(file: PyFile, start: number, end: number, types: ReadonlySet<string>): Node[] {
  const out: Node[] = [];
  const cursor = file.root.walk();
  try {
    while (cursor.gotoFirstChildForIndex(start)) {
      if (cursor.startIndex > start || cursor.endIndex < end) break;
      if (types.has(cursor.nodeType)) out.push(cursor.currentNode);
    }
  } finally {
    cursor.delete();
  }
  return out;
}
