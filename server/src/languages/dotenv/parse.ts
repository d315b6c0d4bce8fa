import type { Span } from '../../core/types';

export interface DotenvEntry {
  name: string;
  /** The value with quotes removed; null for `NAME=` with nothing after it. */
  value: string | null;
  /** The whole `NAME=value` line content. */
  span: Span;
  valueSpan: Span | null;
}

const LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*)$/;

/** Parses dotenv lines: `NAME=value`, `export NAME=value`, quoted values, trailing comments. Other lines are ignored. */
export function parseDotenv(text: string): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  let offset = 0;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const m = LINE.exec(line);
    if (m) {
      const name = m[1];
      const rest = m[2];
      const valueStart = offset + line.length - rest.length;
      let value: string | null;
      let valueEnd: number;
      const q = rest[0];
      if ((q === '"' || q === "'" || q === '`') && rest.indexOf(q, 1) > 0) {
        const close = rest.indexOf(q, 1);
        value = rest.slice(1, close);
        valueEnd = valueStart + close + 1;
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
        span: { start: lineStart, end: offset + line.length },
        valueSpan: value === null ? null : { start: valueStart, end: valueEnd },
      });
    }
    offset += rawLine.length + 1;
  }
  return entries;
}
