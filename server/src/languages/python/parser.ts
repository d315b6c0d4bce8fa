import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Language as LanguageT, Node, Parser as ParserT, Query as QueryT, Tree } from 'web-tree-sitter';
import { buildMirror, type ChangedRange, type MirrorTree } from './mirror';
import { detectIndexUnit, OffsetMap, pointAt, type IndexUnit } from './offsets';

// `require`, not `import`: esbuild would bundle the ESM build, whose `createRequire(import.meta.url)` fails in a CJS bundle.
const wts = require('web-tree-sitter') as typeof import('web-tree-sitter');

interface Loaded {
  language: LanguageT;
  parser: ParserT;
  unit: IndexUnit;
}

let loaded: Loaded | null = null;
let loading: Promise<void> | null = null;

/** Directories searched for the wasm files: beside the bundle in `dist/`, then the installed packages when running from sources. */
function wasmPath(file: string, pkg: string): string {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const candidates = [
    path.join(here, file),
    path.join(here, '..', file),
    path.join(here, '..', '..', '..', '..', 'node_modules', pkg, file),
    path.join(process.cwd(), 'node_modules', pkg, file),
    path.join(process.cwd(), 'dist', file),
  ];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0];
}

/** Loads web-tree-sitter and the Python grammar. Idempotent; call once before the first Python file is analysed. */
export function initPython(): Promise<void> {
  if (loaded) return Promise.resolve();
  if (!loading) {
    loading = (async () => {
      await wts.Parser.init({ locateFile: (name: string) => wasmPath(name, 'web-tree-sitter') });
      const language = await wts.Language.load(wasmPath('tree-sitter-python.wasm', 'tree-sitter-python'));
      const parser = new wts.Parser();
      parser.setLanguage(language);
      loaded = { language, parser, unit: detectIndexUnit((s) => parser.parse(s)) };
    })().catch((e) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

/** True once `initPython()` has finished. */
export function pythonReady(): boolean {
  return loaded !== null;
}

/** The offset unit of node indices for this build of web-tree-sitter. */
export function indexUnit(): IndexUnit {
  return loaded?.unit ?? 'utf16';
}

const queries = new Map<string, QueryT>();

/** A compiled query, cached for the process (queries are few and fixed, so they are never deleted). */
export function query(source: string): QueryT {
  if (!loaded) throw new Error('Python parser not initialised');
  let q = queries.get(source);
  if (!q) {
    q = new wts.Query(loaded.language, source);
    queries.set(source, q);
  }
  return q;
}

/** Parsing gives up after this long; the file then gets an error entry instead of stalling the editor. */
const PARSE_BUDGET_MS = 10_000;

/**
 * What tree-sitter parses for `text`. Python reads source with universal newlines, so a lone \r ends a line; the
 * grammar's scanner takes it for blank space (a CR-only file is one line to it, `def f():\r\twith …:` a one-line `def`).
 * Each lone \r becomes \n: the same length, so every offset and index holds.
 */
function parserInput(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Parses `input` (a parserInput). */
function parseText(input: string, old: Tree | null): Tree | null {
  if (!loaded) throw new Error('Python parser not initialised');
  const deadline = Date.now() + PARSE_BUDGET_MS;
  const progressCallback = (() => Date.now() > deadline) as unknown as (s: unknown) => void;
  return loaded.parser.parse(input, old, { progressCallback });
}

interface CacheEntry {
  text: string;
  tree: Tree;
}

/** How many files keep their last tree for incremental reparsing (open editors, mostly). */
const CACHE_SIZE = 24;
const trees = new Map<string, CacheEntry>();

/**
 * The tree for `text`, reusing and editing the previous tree of `path` when there is one.
 * The cache owns the tree: callers must not delete it, and must not keep nodes past the next call for `path`.
 * Returns null when the parse was cancelled (over budget).
 */
export function parseCached(filePath: string, text: string): Tree | null {
  return parseVersion(filePath, text)?.tree ?? null;
}

/** A parse of one version of a file: what parseCached returns, with what the mirror needs to follow the edit. */
interface ParsedVersion {
  tree: Tree;
  /** The text the parser read (see parserInput). */
  input: string;
  /** Where the input changed since the path's previous tree; null for a first parse or the same text. */
  changed: ChangedRange | null;
}

function parseVersion(filePath: string, text: string): ParsedVersion | null {
  const entry = trees.get(filePath);
  const input = parserInput(text);
  if (entry) {
    trees.delete(filePath);
    if (entry.text === text) {
      trees.set(filePath, entry);
      return { tree: entry.tree, input, changed: null };
    }
    const before = parserInput(entry.text);
    const changed = changedRange(before, input);
    entry.tree.edit(editOf(before, input, changed));
    const tree = parseText(input, entry.tree);
    entry.tree.delete();
    if (!tree) return null;
    trees.set(filePath, { text, tree });
    return { tree, input, changed };
  }
  const tree = parseText(input, null);
  if (!tree) return null;
  trees.set(filePath, { text, tree });
  while (trees.size > CACHE_SIZE) {
    const [oldest, e] = trees.entries().next().value as [string, CacheEntry];
    e.tree.delete();
    trees.delete(oldest);
  }
  return { tree, input, changed: null };
}

/** A cached tree whose text is exactly `text` (the writer uses the tree of the file just analysed). */
export function cachedTreeFor(text: string): Tree | null {
  for (const e of trees.values()) if (e.text === text) return e.tree;
  return null;
}

/** Runs `fn` with a tree for `text`: the cached one if any, else a fresh one deleted afterwards. */
export function withTree<T>(text: string, fn: (tree: Tree) => T): T | null {
  const cached = cachedTreeFor(text);
  if (cached) return fn(cached);
  if (!loaded) return null;
  const tree = parseText(parserInput(text), null);
  if (!tree) return null;
  try {
    return fn(tree);
  } finally {
    tree.delete();
  }
}

/**
 * The mirror of the tree for `text` (see parseCached), rebuilt from the previous version's mirror of the same path:
 * only the top-level statements an edit touched are read from WASM again.
 */
export function parseMirror(filePath: string, text: string): MirrorTree | null {
  const previous = trees.get(filePath);
  // The previous version's mirror is taken over (its reused statements move into the new one): it leaves the cache.
  const previousMirror = previous && previous.text !== text ? takeMirror(previous.text) : null;
  const parsed = parseVersion(filePath, text);
  if (!parsed) return null;
  const followed = previousMirror && parsed.changed && indexUnit() === 'utf16' ? { mirror: previousMirror, changed: parsed.changed } : null;
  const mirror = takeMirror(text) ?? mirrorOf(parsed.tree, text, parsed.input, followed);
  keepMirror(text, mirror);
  return mirror;
}

/** Runs `fn` with a mirror for `text`: a kept one (a mirror needs no tree once built), else one built now and kept. */
export function withMirror<T>(text: string, fn: (mirror: MirrorTree) => T): T | null {
  let mirror = takeMirror(text);
  if (!mirror) {
    const cached = cachedTreeFor(text);
    const input = parserInput(text);
    mirror = cached ? mirrorOf(cached, text, input, null) : withTree(text, (tree) => mirrorOf(tree, text, input, null));
    if (!mirror) return null;
  }
  keepMirror(text, mirror);
  return fn(mirror);
}

/**
 * Mirrors by text, least recently used first, within MIRROR_BUDGET_CHARS of source (about 50 bytes of mirror per
 * character): the files being edited, and the files a scan analysed last, whose fixes the writer places right after.
 */
let mirrors = new Map<string, MirrorTree>();
const MIRROR_BUDGET_CHARS = 512 * 1024;
let mirroredChars = 0;

/** Test hook: runs `fn` as if no mirror had been kept (a from-scratch analysis), then restores the kept ones. */
export function withoutKeptMirrors<T>(fn: () => T): T {
  const saved = { mirrors, mirroredChars };
  mirrors = new Map();
  mirroredChars = 0;
  try {
    return fn();
  } finally {
    ({ mirrors, mirroredChars } = saved);
  }
}

function keepMirror(text: string, mirror: MirrorTree): void {
  mirrors.set(text, mirror);
  mirroredChars += text.length;
  // The newest is kept whatever its size: a big file being edited stays incremental.
  while (mirroredChars > MIRROR_BUDGET_CHARS && mirrors.size > 1) {
    const oldest = mirrors.keys().next().value as string;
    mirrors.delete(oldest);
    mirroredChars -= oldest.length;
  }
}

function takeMirror(text: string): MirrorTree | null {
  const mirror = mirrors.get(text);
  if (!mirror) return null;
  mirrors.delete(text);
  mirroredChars -= text.length;
  return mirror;
}

function mirrorOf(tree: Tree, text: string, input: string, previous: { mirror: MirrorTree; changed: ChangedRange } | null): MirrorTree {
  const offsets = new OffsetMap(text, indexUnit());
  const slice = offsets.unit === 'utf16' ? (a: number, b: number) => input.slice(a, b) : (a: number, b: number) => input.slice(offsets.toUtf16(a), offsets.toUtf16(b));
  return buildMirror(tree, input, loaded!.language, slice, previous);
}

/** Drops the cached tree of a path. */
export function forgetTree(filePath: string): void {
  const e = trees.get(filePath);
  if (e) {
    e.tree.delete();
    trees.delete(filePath);
  }
}

/** Where two texts differ: their common prefix and suffix, never splitting a surrogate pair (UTF-16 offsets). */
export function changedRange(before: string, after: string): ChangedRange {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  // Never split a surrogate pair: tree-sitter decodes whole code points.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return { start: prefix, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

/** The single edit turning `before` into `after` (common prefix and suffix), in the parser's index unit. */
export function editBetween(before: string, after: string): import('web-tree-sitter').Edit {
  return editOf(before, after, changedRange(before, after));
}

/** The edit for a changed range of two texts, in the parser's index unit. */
function editOf(before: string, after: string, { start, oldEnd, newEnd }: ChangedRange): import('web-tree-sitter').Edit {
  const unit = indexUnit();
  const oldMap = new OffsetMap(before, unit);
  const newMap = new OffsetMap(after, unit);
  return new wts.Edit({
    startIndex: oldMap.fromUtf16(start),
    oldEndIndex: oldMap.fromUtf16(oldEnd),
    newEndIndex: newMap.fromUtf16(newEnd),
    startPosition: pointAt(before, start, unit),
    oldEndPosition: pointAt(before, oldEnd, unit),
    newEndPosition: pointAt(after, newEnd, unit),
  });
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Test hook: the number of cached trees. */
export function cachedTreeCount(): number {
  return trees.size;
}

/** What firstErrorNode reads: a web-tree-sitter node or its mirror. */
interface ErrorSearchNode<N> {
  hasError: boolean;
  walk(): { nodeType: string; nodeIsMissing: boolean; currentNode: N; gotoFirstChild(): boolean; gotoNextSibling(): boolean; gotoParent(): boolean; delete(): void };
}

/** The first ERROR or MISSING node, descending only into subtrees that contain an error. */
export function firstErrorNode<N extends ErrorSearchNode<N>>(root: N): N | null {
  if (!root.hasError) return null;
  const cursor = root.walk();
  try {
    for (;;) {
      if (cursor.nodeType === 'ERROR' || cursor.nodeIsMissing) return cursor.currentNode;
      if (cursor.currentNode.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return null;
    }
  } finally {
    cursor.delete();
  }
}

/** For tests of fixed output: a description of the first syntax error in Python source, or null when it parses cleanly. */
export function pythonSyntaxError(text: string): string | null {
  if (!loaded) throw new Error('Python parser not initialised');
  return withTree(text, (tree) => {
    const bad = firstErrorNode(tree.rootNode);
    if (!bad) return null;
    const { row, column } = bad.startPosition;
    return `${bad.isMissing ? `missing ${bad.type}` : 'syntax error'} at ${row + 1}:${column + 1}`;
  });
}
