// The one place where tree-sitter indices become the UTF-16 offsets every Span uses.
//
// Native tree-sitter reports UTF-8 byte offsets. web-tree-sitter 0.27 feeds JS strings to the parser as UTF-16
// and divides its byte offsets by two, so its indices and columns are already UTF-16 code units. Which of the
// two a build does is probed once at init (`detectIndexUnit`), so a binding change cannot silently shift spans.
import type { Point, Tree } from 'web-tree-sitter';
import type { Span } from '../../core/types';

/** What tree-sitter's `startIndex`/`endIndex` and `column` count. */
export type IndexUnit = 'utf16' | 'utf8';

/** Parses a one-line probe with a non-ASCII character and tells which unit the indices came out in. */
export function detectIndexUnit(parse: (text: string) => Tree | null): IndexUnit {
  const tree = parse('"\u00e9"');
  if (!tree) return 'utf16';
  try {
    // `"é"` is 3 UTF-16 code units and 4 UTF-8 bytes.
    return tree.rootNode.endIndex === 4 ? 'utf8' : 'utf16';
  } finally {
    tree.delete();
  }
}

/** Converts between tree-sitter indices and UTF-16 offsets for one text. Identity for UTF-16 and for pure ASCII. */
export class OffsetMap {
  /** UTF-8 byte offset of each UTF-16 offset; built lazily, only for non-ASCII UTF-8 input. */
  private bytes: Uint32Array | null = null;
  private readonly identity: boolean;

  constructor(
    readonly text: string,
    readonly unit: IndexUnit,
  ) {
    this.identity = unit === 'utf16' || isAscii(text);
  }

  /** A tree-sitter index → a UTF-16 offset. */
  toUtf16(index: number): number {
    if (this.identity) return index;
    const table = this.table();
    // The first offset at or after the byte: the low half of a surrogate pair repeats its high half's byte.
    let lo = 0;
    let hi = this.text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (table[mid] < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A UTF-16 offset → a tree-sitter index. */
  fromUtf16(offset: number): number {
    if (this.identity) return offset;
    return this.table()[Math.max(0, Math.min(offset, this.text.length))];
  }

  /** The span of anything with tree-sitter indices. */
  span(node: { startIndex: number; endIndex: number }): Span {
    if (this.identity) return { start: node.startIndex, end: node.endIndex };
    return { start: this.toUtf16(node.startIndex), end: this.toUtf16(node.endIndex) };
  }

  private table(): Uint32Array {
    if (this.bytes) return this.bytes;
    const t = this.text;
    const table = new Uint32Array(t.length + 1);
    let b = 0;
    for (let i = 0; i < t.length; i++) {
      table[i] = b;
      const c = t.charCodeAt(i);
      if (c < 0x80) b += 1;
      else if (c < 0x800) b += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length) {
        // A surrogate pair is one 4-byte code point; its low half maps to the same byte as the high half.
        table[++i] = b;
        b += 4;
      } else b += 3;
    }
    table[t.length] = b;
    this.bytes = table;
    return table;
  }
}

/**
 * The offset map of a text, shared by the callers that ask about the same text in turn (the writer places hundreds of
 * fixes in one version of a file; telling whether a 100 kB text is ASCII once per fix was most of their cost).
 */
export function offsetMapFor(text: string, unit: IndexUnit): OffsetMap {
  const last = lastMaps.get(unit);
  if (last && last.text === text) return last;
  const map = new OffsetMap(text, unit);
  lastMaps.set(unit, map);
  return map;
}
const lastMaps = new Map<IndexUnit, OffsetMap>();

/** The tree-sitter point (row, column in `unit`) of a UTF-16 offset. */
export function pointAt(text: string, offset: number, unit: IndexUnit): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  const line = text.slice(lineStart, offset);
  return { row, column: unit === 'utf16' ? line.length : Buffer.byteLength(line, 'utf8') };
}

function isAscii(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[^\x00-\x7f]/.test(text);
}
