// Small formatting helpers shared by hover, code lens and the report fallback.
import type { ValueFact } from '../../core/types';

/** `1,234`. */
export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Source-like text of a value the parser read: `30000`, `"gpt-4o"`, `process.env.TIMEOUT`. */
export function valueText(v: ValueFact): string {
  switch (v.kind) {
    case 'string':
      return JSON.stringify(v.value);
    case 'number':
    case 'boolean':
      return String(v.value);
    case 'null':
      return 'null';
    case 'env':
      return v.name ? `env ${v.name}` : 'env (computed)';
    case 'object':
      return '{…}';
    case 'array':
      return '[…]';
    case 'dynamic':
      return truncate(v.text, 40);
  }
}

/** One line, at most `max` characters. */
export function truncate(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Text inside markdown inline code, with backticks that cannot close it. */
export function code(text: string): string {
  const clean = text.replace(/`/g, 'ˋ');
  return `\`${clean}\``;
}
