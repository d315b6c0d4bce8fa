// Minimal text edits for YAML and nginx files: they touch only the value or lines they change,
// so comments, quoting and formatting elsewhere stay as written.
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { lineBreakOf } from '../../core/text';
import type { TextEdit } from '../../core/types';
import { parseNginx, walkNginx, type NginxDirective } from './nginx-parser';
import { keyOf, parseYaml, type YPath } from './yaml-ast';

/** A value to write into YAML. Objects become block mappings; arrays and objects inside arrays are written in flow style. */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

/** Text that should be written verbatim (a comment line, a pre-rendered value). */
export interface YamlRaw {
  $raw: string;
}

const PLAIN_SAFE = /^[A-Za-z0-9_/.][A-Za-z0-9_./@-]*$/;
// Plain scalars YAML would read as booleans, nulls or numbers.
const AMBIGUOUS = /^(true|false|yes|no|on|off|null|~|y|n|[-+]?(\.\d+|\d[\d_]*(\.\d*)?)([eE][-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$/i;

// Plain scalars allowed in block context (not inside `{}`/`[]`): commas and `=` are fine there, `: ` and ` #` are not.
const BLOCK_PLAIN_SAFE = /^[A-Za-z0-9_/.(][^\n]*$/;

/** Renders a scalar; strings that YAML would read as something else are double-quoted. */
export function renderYamlScalar(v: string | number | boolean | null, quote?: '"' | "'", block = false): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  if (quote === "'") return `'${v.replace(/'/g, "''")}'`;
  if (!quote && PLAIN_SAFE.test(v) && !AMBIGUOUS.test(v)) return v;
  if (!quote && block && BLOCK_PLAIN_SAFE.test(v) && !AMBIGUOUS.test(v) && !/: |\s#|[:\s]$/.test(v)) return v;
  return JSON.stringify(v);
}

function renderFlow(v: YamlValue): string {
  if (Array.isArray(v)) return `[${v.map(renderFlow).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${renderFlow(x)}`).join(', ')}}`;
  return typeof v === 'string' ? JSON.stringify(v) : renderYamlScalar(v);
}

/** `key: value` lines at `indent`; nested objects indent by `step`. */
function renderEntry(key: string, v: YamlValue, indent: string, step: string, eol: string): string {
  const k = PLAIN_SAFE.test(key) || /^[A-Za-z0-9_./-]+$/.test(key) ? key : JSON.stringify(key);
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    return `${indent}${k}:` + Object.entries(v).map(([ck, cv]) => eol + renderEntry(ck, cv, indent + step, step, eol)).join('');
  }
  return `${indent}${k}: ${Array.isArray(v) ? renderFlow(v) : renderYamlScalar(v, undefined, true)}`;
}

/** Where the line holding `offset` starts: after \n (yaml reads no lone \r as a line break), or after the file's BOM. */
function lineStartOf(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n') s--;
  // A BOM is no column: `router_settings:` written after `\uFEFFmodel_list:` at column 1 would be a syntax error.
  return s === 0 && offset > 0 && text.charCodeAt(0) === 0xfeff ? 1 : s;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** End of the line holding the last non-space character before `end`. */
function contentLineEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  const nl = text.indexOf('\n', e);
  const lineEnd = nl < 0 ? text.length : nl;
  return lineEnd > 0 && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
}

/** The file's line break for inserted YAML lines; `yaml` reads a lone \r as no line break at all, so never that. */
function yamlLineBreak(text: string): string {
  const nl = lineBreakOf(text);
  return nl === '\r' ? '\n' : nl;
}

/** The indentation step a document uses (2 unless its first nested mapping says otherwise). */
function indentStep(text: string): string {
  const m = /^([ ]+)\S/m.exec(text);
  return m && m[1].length <= 8 ? ' '.repeat(m[1].length) : '  ';
}

interface Located {
  /** The deepest existing node along the path (a map when keys remain). */
  node: Node | null;
  /** The node sits in a flow collection (`{…}`/`[…]`), where plain scalars may not hold commas. */
  inFlow?: boolean;
  /** The pair holding `node` (for a null value that must be filled in). */
  pair?: Pair<Node, Node | null>;
  remaining: YPath;
}

function locate(root: Node | null, p: YPath): Located | null {
  let node: Node | null = root;
  let pair: Pair<Node, Node | null> | undefined;
  let inFlow = false;
  for (let i = 0; i < p.length; i++) {
    if ((isMap(node) || isSeq(node)) && (node as YAMLMap).flow) inFlow = true;
    const k = p[i];
    if (isAlias(node)) return null;
    if (typeof k === 'number') {
      if (!isSeq(node)) return null;
      const item = node.items[k] as Node | undefined;
      if (!item) return null;
      node = item;
      pair = undefined;
      continue;
    }
    if (!isMap(node)) return { node, pair, remaining: p.slice(i) };
    const found = (node as YAMLMap<Node, Node | null>).items.find((it) => keyOf(it) === k);
    if (!found) return { node, pair, remaining: p.slice(i) };
    pair = found;
    node = found.value;
    if (i < p.length - 1 && (node === null || (isScalar(node) && node.value === null))) return { node: null, pair, remaining: p.slice(i + 1) };
  }
  return { node, pair, remaining: [], inFlow };
}

/**
 * Sets `path` (keys and sequence indexes from the document root) to `value` in document `docIndex`.
 * Replaces an existing scalar in place (keeping its quote style), or inserts the missing keys as block lines
 * at the mapping's indentation. Returns null when the path crosses an alias or a sequence item that does not exist.
 */
export function yamlSet(text: string, docIndex: number, path: YPath, value: YamlValue): TextEdit | null {
  const doc = parseYaml(text).docs[docIndex]?.doc;
  if (!doc || path.length === 0) return null;
  const loc = locate(doc.contents as Node | null, path);
  if (!loc) return null;
  const eol = yamlLineBreak(text);
  const step = indentStep(text);
  if (loc.remaining.length === 0) {
    const n = loc.node;
    if (isScalar(n) && n.range && (value === null || typeof value !== 'object')) {
      const src = text.slice(n.range[0], n.range[1]);
      const quote = src.startsWith('"') ? '"' : src.startsWith("'") ? "'" : undefined;
      return { start: n.range[0], end: n.range[1], newText: renderYamlScalar(value, typeof value === 'string' ? quote : undefined, !loc.inFlow) };
    }
    if (isScalar(n) && n.range && Array.isArray(value)) return { start: n.range[0], end: n.range[1], newText: renderFlow(value) };
    return null;
  }
  const nested = loc.remaining.slice(1).reduceRight<YamlValue>((acc, k) => ({ [String(k)]: acc }), value);
  const key = loc.remaining[0];
  if (typeof key === 'number') return null;
  if (loc.node === null) {
    // `key:` with nothing after it: write the mapping below the key.
    const keyNode = loc.pair?.key;
    if (!keyNode?.range) return null;
    const indent = ' '.repeat(columnOf(text, keyNode.range[0])) + step;
    const v = loc.pair?.value;
    if (v?.range && v.range[1] > v.range[0]) return { start: v.range[0], end: v.range[1], newText: eol + renderEntry(key, nested, indent, step, eol) };
    const at = contentLineEnd(text, keyNode.range[1]);
    return { start: at, end: at, newText: eol + renderEntry(key, nested, indent, step, eol) };
  }
  if (!isMap(loc.node)) return null;
  const map = loc.node as YAMLMap<Node, Node | null>;
  if (map.flow) {
    const r = map.range;
    if (!r) return null;
    const close = text.lastIndexOf('}', r[1]);
    if (close < r[0]) return null;
    const entry = `${renderYamlScalar(key)}: ${renderFlow(nested)}`;
    return { start: close, end: close, newText: map.items.length ? `, ${entry}` : entry };
  }
  const first = map.items[0]?.key as Node | undefined;
  const last = map.items[map.items.length - 1];
  if (!first?.range || !last) return null;
  const indent = ' '.repeat(columnOf(text, first.range[0]));
  const lastEnd = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range?.[1] ?? first.range[1];
  const at = contentLineEnd(text, lastEnd);
  return { start: at, end: at, newText: eol + renderEntry(key, nested, indent, step, eol) };
}

/** Inserts raw lines (e.g. a commented template) as the last entries of the mapping at `path`, at its indentation. */
export function yamlInsertLines(text: string, docIndex: number, path: YPath, lines: string[]): TextEdit | null {
  const doc = parseYaml(text).docs[docIndex]?.doc;
  if (!doc) return null;
  const loc = locate(doc.contents as Node | null, path);
  if (!loc || loc.remaining.length > 0 || !isMap(loc.node) || (loc.node as YAMLMap).flow) return null;
  const map = loc.node as YAMLMap<Node, Node | null>;
  const first = map.items[0]?.key as Node | undefined;
  const last = map.items[map.items.length - 1];
  if (!first?.range || !last) return null;
  const eol = yamlLineBreak(text);
  const indent = ' '.repeat(columnOf(text, first.range[0]));
  const lastEnd = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range?.[1] ?? first.range[1];
  const at = contentLineEnd(text, lastEnd);
  return { start: at, end: at, newText: lines.map((l) => eol + indent + l).join('') };
}

// ---------------------------------------------------------------------------
// nginx

/** Quotes an nginx argument when it holds characters the tokenizer treats specially. */
export function renderNginxArg(a: string): string {
  return a === '' || /[\s;{}#"'\\]/.test(a) ? `"${a.replace(/["\\]/g, (c) => `\\${c}`)}"` : a;
}

function renderDirective(name: string, args: string[]): string {
  return `${name}${args.length ? ' ' + args.map(renderNginxArg).join(' ') : ''};`;
}

/**
 * The parse of the last nginx text fixes were built on, with its directives by name offset: a lint pass builds every
 * hop's fix on one version of a file, and parsing it once per fix made n fixes cost n parses of the whole file.
 */
let lastParse: { text: string; byOffset: Map<number, NginxDirective> } | null = null;

/** The directive whose name starts at `offset` in `text` (the first in walk order, as findDirectiveAt finds it). */
export function nginxDirectiveAt(text: string, offset: number): NginxDirective | undefined {
  if (lastParse?.text !== text) {
    const byOffset = new Map<number, NginxDirective>();
    walkNginx(parseNginx(text).directives, (d) => {
      if (!byOffset.has(d.nameSpan.start)) byOffset.set(d.nameSpan.start, d);
    });
    lastParse = { text, byOffset };
  }
  return lastParse.byOffset.get(offset);
}

/** Rewrites the arguments of the directive whose name starts at `nameOffset`, keeping the rest of the line. */
export function nginxRewriteDirective(text: string, nameOffset: number, args: string[]): TextEdit | null {
  const d = nginxDirectiveAt(text, nameOffset);
  if (!d || d.block) return null;
  return rewrite(text, d, args);
}

function rewrite(text: string, d: NginxDirective, args: string[]): TextEdit {
  const end = text[d.span.end - 1] === ';' ? d.span.end : d.headSpan.end;
  return { start: d.span.start, end, newText: renderDirective(d.name, args) };
}

/**
 * Sets a directive inside the block of the directive starting at `blockOffset` (a `location`, `server`, `http`):
 * replaces the block's own directive of that name, or inserts one after the block's last directive at its indentation.
 */
export function nginxSetDirective(text: string, blockOffset: number, name: string, args: string[]): TextEdit | null {
  return nginxSetDirectives(text, blockOffset, [[name, args]]);
}

/**
 * Sets several directives in one block, as nginxSetDirective one after another would, from one parse: replaced ones
 * in place, missing ones inserted together in the given order. One edit covering all of them.
 */
export function nginxSetDirectives(text: string, blockOffset: number, directives: Array<[name: string, args: string[]]>): TextEdit | null {
  const block = nginxDirectiveAt(text, blockOffset);
  if (!block?.block || !block.blockSpan) return null;
  const edits: TextEdit[] = [];
  const missing: string[] = [];
  for (const [name, args] of directives) {
    const existing = block.block.find((c) => c.name === name && !c.block);
    if (existing) edits.push(rewrite(text, existing, args));
    else missing.push(renderDirective(name, args));
  }
  if (missing.length) {
    const insert = insertIntoBlock(text, block, missing);
    if (!insert) return null;
    edits.push(insert);
  }
  return edits.length ? mergeEdits(text, edits) : null;
}

/** Non-overlapping edits of one text as one edit spanning them all. */
function mergeEdits(text: string, edits: TextEdit[]): TextEdit {
  if (edits.length === 1) return edits[0];
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let newText = '';
  let at = sorted[0].start;
  for (const e of sorted) {
    newText += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return { start: sorted[0].start, end: at, newText };
}

function insertIntoBlock(text: string, block: NginxDirective, lines: string[]): TextEdit | null {
  const blockSpan = block.blockSpan!;
  const children = block.block!;
  const eol = lineBreakOf(text);
  const closing = text[blockSpan.end - 1] === '}' ? blockSpan.end - 1 : blockSpan.end;
  const last = children[children.length - 1];
  const sameLine = (a: number, b: number) => !text.slice(a, b).includes('\n');
  const inline = lines.map((l) => ` ${l}`).join('');
  if (last && sameLine(block.span.start, closing)) {
    // A one-line block: `location / { proxy_pass http://x; }`.
    return { start: last.span.end, end: last.span.end, newText: inline };
  }
  const openerIndent = text.slice(lineStartOf(text, block.span.start), block.span.start);
  const childIndent = last && !sameLine(blockSpan.start, last.span.start)
    ? text.slice(lineStartOf(text, last.span.start), last.span.start)
    : openerIndent + (openerIndent.includes('\t') ? '\t' : '    ');
  if (/\S/.test(childIndent)) return { start: (last ?? block).span.end, end: (last ?? block).span.end, newText: inline };
  const own = lines.map((l) => `${eol}${childIndent}${l}`).join('');
  const after = last ? last.span.end : blockSpan.start + 1;
  const at = contentLineEnd(text, after);
  // Never insert past the closing brace of the block.
  const pos = Math.min(at, closing);
  if (!last && sameLine(blockSpan.start, closing)) return { start: blockSpan.start + 1, end: blockSpan.start + 1, newText: `${own}${eol}${openerIndent}` };
  return { start: pos, end: pos, newText: own };
}
