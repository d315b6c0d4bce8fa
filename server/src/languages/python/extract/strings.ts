// Python string literals: prefixes, quotes, escapes, f-string pieces.
import type { Node } from './syntax';

const START = /^([rRbBuUfFtT]*)('''|"""|'|")/;

/** Prefix letters (lower-cased) and quote of a string literal's source, or null if it is not one. */
export function literalShape(source: string): { prefix: string; quote: string } | null {
  const m = START.exec(source);
  return m ? { prefix: m[1].toLowerCase(), quote: m[2] } : null;
}

/** The value of a plain (or interpolation-free f-) string literal's source text. */
export function decodeLiteral(source: string): string | null {
  const shape = literalShape(source);
  if (!shape) return null;
  const { prefix, quote } = shape;
  const start = prefix.length + quote.length;
  const end = source.endsWith(quote) && source.length >= start + quote.length ? source.length - quote.length : source.length;
  const body = source.slice(start, end);
  const raw = prefix.includes('r');
  const value = raw ? body : decodeEscapes(body);
  return prefix.includes('f') || prefix.includes('t') ? value.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : value;
}

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Interprets backslash escapes the way Python does for a non-raw literal. */
export function decodeEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(\r\n|\n|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|[0-7]{1,3}|.)/g, (all, esc: string) => {
    if (esc === '\n' || esc === '\r\n') return '';
    const c = esc[0];
    if (c === 'x' || c === 'u' || c === 'U') return String.fromCodePoint(parseInt(esc.slice(1), 16));
    if (/^[0-7]+$/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    if (c === 'N') return all;
    return SIMPLE[esc] ?? all;
  });
}

/** True for an f-string (or t-string) literal node. */
export function isFormatted(source: string): boolean {
  const shape = literalShape(source);
  return !!shape && (shape.prefix.includes('f') || shape.prefix.includes('t'));
}

/** The string value of a literal node: a plain string, an f-string without fields, or implicit concatenation of those. */
export function stringValue(node: Node, src: (n: Node) => string): string | null {
  if (node.type === 'string') {
    const s = src(node);
    if (isFormatted(s) && node.namedChildren.some((c) => c.type === 'interpolation')) return null;
    if (literalShape(s)?.prefix.includes('b')) return null;
    return decodeLiteral(s);
  }
  if (node.type === 'concatenated_string') {
    let out = '';
    for (const c of node.namedChildren) {
      if (c.type === 'comment') continue;
      const v = stringValue(c, src);
      if (v === null) return null;
      out += v;
    }
    return out;
  }
  return null;
}
