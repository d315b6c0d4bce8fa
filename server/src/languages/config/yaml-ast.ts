// Read access to `yaml` documents that keeps source ranges and follows aliases and `<<` merge keys.
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from '../../core/types';

export type YDoc = Document.Parsed;
export type YPath = Array<string | number>;

export interface ParsedYaml {
  docs: Array<ParsedDoc>;
  /** `repeatedKeysOf`: the error is a repeated key of that document, which a PyYAML reader loads (`ParsedDoc.repeatedKeys`). */
  errors: Array<{ message: string; span: Span; repeatedKeysOf?: number }>;
}

export interface ParsedDoc {
  index: number;
  doc: YDoc;
  /** Parsed without errors. */
  ok: boolean;
  span: Span;
  /**
   * The document's only errors are repeated keys, and the document is read as PyYAML loads it, the last of each
   * repeated key kept (the earlier pairs are dropped from the tree). Kubernetes' and Compose's loaders reject such a
   * document, LiteLLM's (PyYAML) accepts it: the reader of the document decides (`ok` stays false; its errors carry
   * `repeatedKeysOf`). Each entry is a dropped key.
   */
  repeatedKeys?: Array<{ key: string; span: Span; keptAt: Span }>;
}

const MAX_ERRORS = 20;
const cache = new Map<string, ParsedYaml>();

/** Parses every document of a YAML stream. Errors are collected per document and never thrown. Memoised by text. */
export function parseYaml(text: string): ParsedYaml {
  const hit = cache.get(text);
  if (hit) return hit;
  const result: ParsedYaml = { docs: [], errors: [] };
  let docs: YDoc[] = [];
  try {
    const parsed = parseAllDocuments(text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
    docs = Array.isArray(parsed) ? parsed : [];
    // An empty stream parses to an EmptyStream object (not an array) with its own errors.
    if (!Array.isArray(parsed)) for (const e of (parsed as { errors?: Array<{ message: string; pos: [number, number] }> }).errors ?? []) pushError(result, text, e.message, e.pos);
  } catch (e) {
    result.errors.push({ message: `YAML could not be parsed: ${(e as Error).message}`, span: { start: 0, end: 0 } });
  }
  let omitted = 0;
  docs.forEach((doc, index) => {
    const ok = doc.errors.length === 0;
    const r = doc.range ?? [0, 0, 0];
    const repeatedKeys = ok ? null : keepLastOfRepeatedKeys(doc);
    for (const e of doc.errors) {
      if (result.errors.length >= MAX_ERRORS) omitted++;
      else pushError(result, text, `YAML document ${index + 1}: ${firstLine(e.message)} (${e.code}); this document is not analysed`, e.pos, repeatedKeys ? index : undefined);
    }
    result.docs.push({ index, doc, ok, span: { start: r[0], end: r[2] }, ...(repeatedKeys ? { repeatedKeys } : {}) });
  });
  if (omitted > 0) result.errors.push({ message: `${omitted} more YAML errors not shown`, span: { start: 0, end: 0 } });
  if (cache.size > 32) cache.delete(cache.keys().next().value as string);
  cache.set(text, result);
  return result;
}

/**
 * When every error of the document is a repeated key (not a `<<` merge key), drops the earlier pairs of each repeated
 * key, as PyYAML does, and returns the dropped keys; otherwise leaves the document alone and returns null.
 */
function keepLastOfRepeatedKeys(doc: YDoc): ParsedDoc['repeatedKeys'] | null {
  if (!doc.errors.every((e) => e.code === 'DUPLICATE_KEY')) return null;
  const maps: YAMLMap<Node, Node | null>[] = [];
  visit(doc, { Map: (_, map) => void maps.push(map as YAMLMap<Node, Node | null>) });
  const dropped: NonNullable<ParsedDoc['repeatedKeys']> = [];
  const filtered = new Map<YAMLMap<Node, Node | null>, Pair<Node, Node | null>[]>();
  for (const map of maps) {
    const last = new Map<string, Pair<Node, Node | null>>();
    for (const p of map.items) {
      const id = keyIdentity(p);
      if (id !== null) last.set(id, p);
    }
    if (last.size === map.items.length) continue;
    const kept = map.items.filter((p) => {
      const id = keyIdentity(p);
      const winner = id === null ? p : last.get(id)!;
      if (winner !== p) dropped.push({ key: keyOf(p)!, span: spanOf(p.key as Node) ?? { start: 0, end: 0 }, keptAt: spanOf(winner.key as Node) ?? { start: 0, end: 0 } });
      return winner === p;
    });
    filtered.set(map, kept);
  }
  // A repeated `<<` merge key, or a repeat the tree cannot compare (a collection as key): the document stays rejected.
  if (dropped.length === 0 || dropped.some((d) => d.key === '<<')) return null;
  for (const [map, kept] of filtered) map.items = kept;
  return dropped;
}

/** A scalar key as PyYAML compares it (the integer 1 and the string "1" differ); null for other keys. */
function keyIdentity(pair: Pair<unknown, unknown>): string | null {
  const k = pair.key;
  return isScalar(k) && k.value !== null && k.value !== undefined ? `${typeof k.value}:${String(k.value)}` : null;
}

/**
 * `yaml` puts an error at the end of the text (an unclosed quote) at [length, length + 1], and a one-character span on
 * an astral character covers half of it: keep spans inside the text and on whole characters.
 */
function pushError(result: ParsedYaml, text: string, message: string, pos: [number, number], repeatedKeysOf?: number): void {
  let start = Math.min(Math.max(0, pos[0]), text.length);
  let end = Math.min(Math.max(start, pos[1]), text.length);
  if (splitsPair(text, start)) start--;
  if (splitsPair(text, end)) end++;
  result.errors.push({ message, span: { start, end }, ...(repeatedKeysOf !== undefined ? { repeatedKeysOf } : {}) });
}

/** `offset` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** The node an alias points to (following chains), or the node itself. */
export function resolve(doc: YDoc, node: unknown): Node | null {
  let n = node;
  for (let i = 0; i < 16 && isAlias(n); i++) n = n.resolve(doc) ?? null;
  return (n as Node | null) ?? null;
}

export function spanOf(node: Node | null | undefined): Span | undefined {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

/** A map's pair for `key`: its own first, then pairs brought in by `<<` merge keys. */
export function getPair(doc: YDoc, map: unknown, key: string): Pair<Node, Node | null> | undefined {
  const m = resolve(doc, map);
  if (!isMap(m)) return undefined;
  for (const p of (m as YAMLMap<Node, Node | null>).items) if (keyOf(p) === key) return p;
  for (const p of (m as YAMLMap<Node, Node | null>).items) {
    if (keyOf(p) !== '<<') continue;
    const src = resolve(doc, p.value);
    const sources = isSeq(src) ? src.items : [src];
    for (const s of sources) {
      const found = getPair(doc, s, key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Where the value at `path` below `node` is applied: the span of the value itself, or when the path reaches it
 * through an alias (`retries: *llm-retries`) or a merge key (`<<: *llm-retries`), of the first such alias on the way.
 * A finding then sits on the line that gives this resource the value, where a suppression comment can name it, not
 * on the anchor shared with other resources. Undefined when there is no value.
 */
export function spanAt(doc: YDoc, node: unknown, ...path: YPath): Span | undefined {
  let via: Node | null = null;
  let n: unknown = node;
  const step = (next: unknown): Node | null => {
    if (isAlias(next) && !via) via = next as Node;
    return resolve(doc, next);
  };
  n = step(n);
  for (const k of path) {
    if (n === null) return undefined;
    if (typeof k === 'number') {
      n = isSeq(n) ? step((n as YAMLSeq<Node>).items[k]) : null;
      continue;
    }
    const found = pairVia(doc, n, k);
    if (!found) return undefined;
    if (found.merge && !via) via = found.merge;
    n = step(found.pair.value);
  }
  if (n === null) return undefined;
  return spanOf(via ?? (n as Node));
}

/** Like `getPair`, with the alias (or mapping) of the `<<` merge key the pair came from. */
function pairVia(doc: YDoc, map: unknown, key: string, depth = 0): { pair: Pair<Node, Node | null>; merge?: Node } | undefined {
  const m = resolve(doc, map);
  if (!isMap(m) || depth > 16) return undefined;
  for (const p of (m as YAMLMap<Node, Node | null>).items) if (keyOf(p) === key) return { pair: p };
  for (const p of (m as YAMLMap<Node, Node | null>).items) {
    if (keyOf(p) !== '<<' || !p.value) continue;
    const src = resolve(doc, p.value);
    const sources: unknown[] = isSeq(src) ? src.items : [p.value];
    for (const s of sources) {
      const found = pairVia(doc, s, key, depth + 1);
      // The outermost alias is the one written in this resource.
      if (found) return { pair: found.pair, merge: isAlias(s) ? (s as Node) : found.merge };
    }
  }
  return undefined;
}

/** The value at `path` below `node`, following aliases and merge keys. */
export function get(doc: YDoc, node: unknown, ...path: YPath): Node | null {
  let n = resolve(doc, node);
  for (const k of path) {
    if (n === null) return null;
    if (typeof k === 'number') {
      n = isSeq(n) ? resolve(doc, (n as YAMLSeq<Node>).items[k]) : null;
    } else {
      const p = getPair(doc, n, k);
      n = p ? resolve(doc, p.value) : null;
    }
  }
  return n;
}

export function keyOf(pair: Pair<unknown, unknown>): string | null {
  const k = pair.key;
  if (isScalar(k)) return k.value === null || k.value === undefined ? null : String(k.value);
  return null;
}

/** A scalar's value as a string (numbers and booleans stringified); null for collections and null scalars. */
export function str(doc: YDoc, node: unknown): string | null {
  const n = resolve(doc, node);
  if (!isScalar(n)) return null;
  const v = n.value;
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : null;
}

export function num(doc: YDoc, node: unknown): number | null {
  const n = resolve(doc, node);
  if (!isScalar(n)) return null;
  if (typeof n.value === 'number') return n.value;
  if (typeof n.value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(n.value)) return Number(n.value);
  return null;
}

/** Items of a sequence (aliases resolved); [] for anything else. */
export function items(doc: YDoc, node: unknown): Node[] {
  const n = resolve(doc, node);
  if (!isSeq(n)) return [];
  return (n as YAMLSeq<unknown>).items.map((i) => resolve(doc, i)).filter((i): i is Node => i !== null);
}

/** Entries of a map, own keys first then merged ones not overridden. */
export function entries(doc: YDoc, node: unknown): Array<{ key: string; keyNode: Node; value: Node | null; pair: Pair<Node, Node | null> }> {
  const m = resolve(doc, node);
  if (!isMap(m)) return [];
  const out: Array<{ key: string; keyNode: Node; value: Node | null; pair: Pair<Node, Node | null> }> = [];
  const seen = new Set<string>();
  const merges: Node[] = [];
  for (const p of (m as YAMLMap<Node, Node | null>).items) {
    const k = keyOf(p);
    if (k === null) continue;
    if (k === '<<') {
      const src = resolve(doc, p.value);
      merges.push(...(isSeq(src) ? (src.items as Node[]) : src ? [src] : []));
      continue;
    }
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ key: k, keyNode: p.key, value: resolve(doc, p.value), pair: p });
  }
  for (const src of merges) for (const e of entries(doc, src)) if (!seen.has(e.key)) {
    seen.add(e.key);
    out.push(e);
  }
  return out;
}

export { isMap, isSeq, isScalar };

/**
 * Visits every string scalar in the document once (aliases are not followed, so anchored values are seen at their
 * definition). `keys` is the chain of map keys above the scalar; `parent` the map or sequence holding it.
 */
export function eachScalar(doc: YDoc, visit: (value: string, node: Node, keys: string[], parent: Node | null) => void): void {
  const walkNode = (n: unknown, keys: string[], parent: Node | null, depth: number): void => {
    if (depth > 64 || n === null || n === undefined) return;
    if (isScalar(n)) {
      if (typeof n.value === 'string') visit(n.value, n, keys, parent);
      return;
    }
    if (isMap(n)) {
      for (const p of (n as YAMLMap<unknown, unknown>).items) walkNode(p.value, [...keys, keyOf(p) ?? ''], n, depth + 1);
      return;
    }
    if (isSeq(n)) for (const i of (n as YAMLSeq<unknown>).items) walkNode(i, keys, n, depth + 1);
  };
  walkNode(doc.contents, [], null, 0);
}
