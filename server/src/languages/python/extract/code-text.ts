// Source text with the prose taken out, for regexes that read code shapes (`2 ** attempt`, `delay *= 2`).
import type { PyFile } from './file-context';
import type { Node } from './syntax';

/**
 * The source of `node` with the contents of string literals and comments blanked (same length, line breaks kept):
 * `"**ERROR**"` or `# wait 2 ** n s` say nothing about what the code does. F-string interpolations stay code.
 */
export function codeText(file: PyFile, node: Node): string {
  const text = file.src(node);
  const base = file.span(node).start;
  const prose = node.descendantsOfType(['string_content', 'comment']);
  if (prose.length === 0) return text;
  let out = '';
  let at = 0;
  for (const p of prose) {
    const { start, end } = file.span(p);
    if (start - base < at) continue;
    out += text.slice(at, start - base) + text.slice(start - base, end - base).replace(/[^\n]/g, ' ');
    at = end - base;
  }
  return out + text.slice(at);
}
