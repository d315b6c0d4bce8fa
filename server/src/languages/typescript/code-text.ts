// Source text with the prose taken out, for regexes that read code shapes (`2 ** attempt`, `delay *= 2`).
import { ts } from './compiler';

/**
 * The text of `node` with the contents of string and template literals and the comments blanked (same length, line
 * breaks kept): `'**ERROR**'` or `// wait 2 ** n s` say nothing about what the code does. `${…}` substitutions stay code.
 */
export function codeText(node: ts.Node, sf: ts.SourceFile): string {
  const base = node.getStart(sf);
  const end = node.getEnd();
  const text = sf.text.slice(base, end);
  const prose: Array<[number, number]> = [];
  const visit = (n: ts.Node) => {
    // A comment on a line of its own is leading trivia of the next token; one after code on its line trails the last.
    for (const c of [...(ts.getLeadingCommentRanges(sf.text, n.pos) ?? []), ...(ts.getTrailingCommentRanges(sf.text, n.end) ?? [])]) {
      if (c.pos >= base && c.end <= end) prose.push([c.pos, c.end]);
    }
    const inside = literalContents(n, sf);
    if (inside) {
      prose.push(inside);
      return;
    }
    for (const child of n.getChildren(sf)) if (!ts.isJSDoc(child)) visit(child);
  };
  for (const child of node.getChildren(sf)) if (!ts.isJSDoc(child)) visit(child);
  if (prose.length === 0) return text;
  prose.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = base;
  for (const [from, to] of prose) {
    if (from < at) continue;
    out += sf.text.slice(at, from) + sf.text.slice(from, to).replace(/[^\n]/g, ' ');
    at = to;
  }
  return out + sf.text.slice(at, end);
}

/** The span between a literal's delimiters: `'…'`, `` `…` ``, `` `…${ ``, `}…${`, `` }…` ``. */
function literalContents(n: ts.Node, sf: ts.SourceFile): [number, number] | null {
  const start = n.getStart(sf);
  const end = n.getEnd();
  switch (n.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateTail:
      return [start + 1, end - 1];
    case ts.SyntaxKind.TemplateHead:
    case ts.SyntaxKind.TemplateMiddle:
      return [start + 1, end - 2];
    default:
      return null;
  }
}
