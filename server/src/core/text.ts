import type { Span } from './types';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

/** Converts between UTF-16 offsets and line/column positions. Handles \n, \r\n and lone \r. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offset(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const lineEnd = this.lineEnd(pos.line);
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), lineEnd);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** 1-based line and column, as the CLI and SARIF print them. */
  oneBased(span: Span): { line: number; column: number; endLine: number; endColumn: number } {
    const s = this.position(span.start);
    const e = this.position(span.end);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  }
}

/** The line break style a file already uses (its first line break: \n, \r\n or a lone \r), for inserted lines. */
export function lineBreakOf(text: string): string {
  const i = text.search(/[\r\n]/);
  if (i < 0 || text[i] === '\n') return '\n';
  return text[i + 1] === '\n' ? '\r\n' : '\r';
}

/** Where the line holding `offset` starts (after \n, \r\n or a lone \r); the first line starts after a byte order mark. */
export function lineStartAt(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  return s === 0 && offset > 0 && text.charCodeAt(0) === 0xfeff ? 1 : s;
}

/** The end of the line holding `offset`, before its line break (\n, \r\n or a lone \r). */
export function lineEndAt(text: string, offset: number): number {
  let e = offset;
  while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
  return e;
}

/** The leading whitespace of the line containing `offset`. */
export function indentAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/**
 * Applies non-overlapping edits (all in one file) and returns the new text. Overlapping edits after the first are
 * dropped, and so is an edit identical to one already applied: fixes applied together often each add the same import
 * at the same place, and it must appear once.
 */
export function applyEdits(text: string, edits: Array<{ start: number; end: number; newText: string }>): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  const applied = new Set<string>();
  for (const e of sorted) {
    if (e.start < at) continue;
    const key = `${e.start}:${e.end}:${e.newText}`;
    if (applied.has(key)) continue;
    applied.add(key);
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Wraps a whole-file question so it is answered once per text: rules ask it for every call site, and a regex over a
 * 2,000-line file for each of 400 call sites costs more than the rest of the analysis.
 */
export function oncePerText<T>(question: (text: string) => T): (text: string) => T {
  let lastText: string | undefined;
  let lastAnswer!: T;
  return (text) => {
    if (text !== lastText) {
      lastAnswer = question(text);
      lastText = text;
    }
    return lastAnswer;
  };
}

/** Escapes text for use inside a RegExp source. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
