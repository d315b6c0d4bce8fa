// Config held as text inside a Kubernetes ConfigMap (`data: { config.yaml: | ... }`, `nginx.conf: |`): the standard
// way to ship a LiteLLM proxy or nginx config to a cluster. Each block is parsed on its own and its offsets are mapped
// back to the file.
import { isScalar, Scalar } from 'yaml';
import type { Span, TextEdit } from '../../core/types';
import { entries, get, str, type YDoc } from './yaml-ast';

export interface EmbeddedYaml {
  /** The ConfigMap data key (`config.yaml`). */
  key: string;
  /** The block's text, as the application reads it. */
  text: string;
  /** An offset in `text` → the same place in the file. */
  toOuter(offset: number): number;
  /** The block's indentation in the file, added after each line break of inserted text. */
  indent: string;
  /** The file's line break (`\n` or `\r\n`), used for inserted lines. */
  lineBreak: string;
}

/** YAML blocks (`key.yaml: |`) in a ConfigMap document's `data`, whose lines map one to one onto the file's. */
export function embeddedYamlBlocks(doc: YDoc, fileText: string): EmbeddedYaml[] {
  return embeddedBlocks(doc, fileText, (key) => /\.ya?ml$/i.test(key));
}

/**
 * nginx configs in a ConfigMap (`nginx.conf: |`, `default.conf: |`): how nginx in front of an app is shipped to a
 * cluster. A `.conf` key whose text has a `location` or `server` block.
 */
export function embeddedNginxBlocks(doc: YDoc, fileText: string): EmbeddedYaml[] {
  return embeddedBlocks(doc, fileText, (key, text) => /\.conf$/i.test(key) && /^\s*(location|server)\b[^;{]*\{/m.test(text));
}

function embeddedBlocks(doc: YDoc, fileText: string, wanted: (key: string, text: string) => boolean): EmbeddedYaml[] {
  const root = doc.contents;
  if (str(doc, get(doc, root, 'kind')) !== 'ConfigMap') return [];
  const out: EmbeddedYaml[] = [];
  for (const { key, value } of entries(doc, get(doc, root, 'data'))) {
    if (!isScalar(value) || value.type !== Scalar.BLOCK_LITERAL || typeof value.value !== 'string' || !value.range || !wanted(key, value.value)) continue;
    const block = mapBlock(value.value, fileText, value.range[0], value.range[1]);
    if (block) out.push({ key, ...block });
  }
  return out;
}

/**
 * Maps a literal block's value onto its lines in the file: the header line (`|`, `|-`) first, then one content line
 * per value line at a common indentation. Returns null when the value is not exactly those lines (tabs, odd
 * indentation), so nothing is ever mapped to the wrong place.
 */
function mapBlock(value: string, fileText: string, start: number, end: number): Omit<EmbeddedYaml, 'key'> | null {
  const headerEnd = fileText.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return null;
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const firstContent = fileText.slice(headerEnd + 1, end).split('\n').find((l) => l.trim() !== '') ?? '';
  const indent = /^ */.exec(firstContent)![0];
  if (!indent) return null;
  const starts: number[] = [];
  let at = headerEnd + 1;
  for (const line of lines) {
    const lineEnd = fileText.indexOf('\n', at);
    const outer = fileText.slice(at, lineEnd < 0 ? fileText.length : lineEnd).replace(/\r$/, '');
    const inner = outer.startsWith(indent) ? outer.slice(indent.length) : outer.trim() === '' ? '' : null;
    if (inner !== line) return null;
    starts.push(outer.startsWith(indent) ? at + indent.length : at);
    at = lineEnd < 0 ? fileText.length : lineEnd + 1;
  }
  const lineStarts: number[] = [];
  let o = 0;
  for (const line of lines) {
    lineStarts.push(o);
    o += line.length + 1;
  }
  const toOuter = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    if (lineStarts.length === 0) return headerEnd + 1;
    // The offset past the last line's break (the end of the value) is the start of the line after the block.
    if (offset > lineStarts[lo] + lines[lo].length) return Math.min(starts[lo] + lines[lo].length + 1, fileText.length);
    return starts[lo] + (offset - lineStarts[lo]);
  };
  return { text: lines.join('\n') + '\n', toOuter, indent, lineBreak: fileText.slice(headerEnd - 1, headerEnd) === '\r' ? '\r\n' : '\n' };
}

/** A span of the block → the file. */
export function outerSpan(block: EmbeddedYaml, span: Span): Span {
  return { start: block.toOuter(span.start), end: block.toOuter(span.end) };
}

/** An edit of the block → an edit of the file: inserted lines take the block's indentation. */
export function outerEdit(block: EmbeddedYaml, edit: TextEdit): TextEdit {
  // Text appended after the block's last line starts a line of its own, which must be indented too.
  const nl = block.lineBreak;
  if (edit.start >= block.text.length) return { ...edit, ...outerSpan(block, edit), newText: block.indent + edit.newText.replace(/\r?\n(?!$)/g, `${nl}${block.indent}`).replace(/\r?\n$/, nl) };
  return { ...edit, ...outerSpan(block, edit), newText: edit.newText.replace(/\r?\n/g, `${nl}${block.indent}`) };
}

/** Every `{ start, end }` span in freshly built facts → the file (facts of the block are plain data). */
export function remapSpans<T>(block: EmbeddedYaml, value: T, seen = new Set<object>()): T {
  if (!value || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  const o = value as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).every((k) => k === 'start' || k === 'end')) {
    const s = outerSpan(block, { start: o.start, end: o.end });
    o.start = s.start;
    o.end = s.end;
    return value;
  }
  for (const v of Object.values(o)) remapSpans(block, v, seen);
  return value;
}
