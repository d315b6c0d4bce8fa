import type { Span } from '../../core/types';

export interface DotenvEntry {
  name: string;
  /** The value with quotes removed; null for `NAME=` with nothing after it. */
  value: string | null;
  /** The whole `NAME=value` line content. */
  span: Span;
  valueSpan: Span | null;
}

// A byte order mark counts as leading space: dotenv reads `\uFEFFOPENAI_BASE_URL=…` as OPENAI_BASE_URL.
const LINE = /^[\uFEFF \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*)$/;

/**
 * Parses dotenv lines: `NAME=value`, `export NAME=value`, quoted values (which may span lines, as dotenv reads them),
 * trailing comments. Other lines are ignored, and so are the lines inside a multi-line value.
 */
export function parseDotenv(text: string): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  let offset = 0;
  while (offset <= text.length) {
    const newline = text.indexOf('\n', offset);
    const rawEnd = newline < 0 ? text.length : newline;
    const line = text.slice(offset, rawEnd).replace(/\r$/, '');
    let next = rawEnd + 1;
    const m = LINE.exec(line);
    if (m) {
      const name = m[1];
      const rest = m[2];
      const valueStart = offset + line.length - rest.length;
      let value: string | null;
      let valueEnd: number;
      let entryEnd = offset + line.length;
      const q = rest[0];
      const quoted = q === '"' || q === "'" || q === '`';
      const closeOnLine = quoted ? rest.indexOf(q, 1) : -1;
      const closeLater = quoted && closeOnLine < 0 ? text.indexOf(q, valueStart + 1) : -1;
      if (closeOnLine > 0) {
        value = rest.slice(1, closeOnLine);
        valueEnd = valueStart + closeOnLine + 1;
      } else if (closeLater > 0) {
        // `NOTES="first line` … `"`: the value runs to the closing quote; the lines in between are part of it.
        value = text.slice(valueStart + 1, closeLater);
        valueEnd = closeLater + 1;
        const after = text.indexOf('\n', closeLater);
        entryEnd = after < 0 ? text.length : after;
        next = entryEnd + 1;
        if (text[entryEnd - 1] === '\r') entryEnd--;
      } else {
        const hash = rest.search(/\s#/);
        const raw = (hash >= 0 ? rest.slice(0, hash) : rest).trimEnd();
        value = raw.length > 0 ? raw : null;
        valueEnd = valueStart + raw.length;
      }
      const lineStart = offset + (line.length - line.trimStart().length);
      entries.push({
        name,
        value,
        span: { start: lineStart, end: entryEnd },
        valueSpan: value === null ? null : { start: valueStart, end: valueEnd },
      });
    }
    if (newline < 0) break;
    offset = next;
  }
  return entries;
}
