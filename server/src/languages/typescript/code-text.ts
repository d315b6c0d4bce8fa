// Source text with the prose taken out, for regexes that read code shapes (`2 ** attempt`, `delay *= 2`).
import { ts } from './compiler';

/**
 * The text of `node` with the contents of string and template literals and the comments blanked (same length, line
 * breaks kept): `'**ERROR**'` or `// wait 2 ** n s` say nothing about what the code does. `${…}` substitutions stay code.
 * Walks the tree without materialising tokens (`getChildren` would build and keep a node per token), so a comment
 * between two tokens of one node (`f(/* x *\/)`) stays in; comments before and after statements and expressions go.
 */
export function codeText(node: ts.Node, sf: ts.SourceFile): string {
  const known = cache.get(node);
  if (known !== undefined) return known;
  const base = node.getStart(sf);
  const end = node.getEnd();
  const prose: Array<[number, number]> = [];
  const comments = (pos: number) => {
    for (const c of [...(ts.getLeadingCommentRanges(sf.text, pos) ?? []), ...(ts.getTrailingCommentRanges(sf.text, pos) ?? [])]) {
      if (c.pos >= base && c.end <= end) prose.push([c.pos, c.end]);
    }
  };
  const visit = (n: ts.Node): void => {
    comments(n.pos);
    comments(n.end);
    const inside = literalContents(n, sf);
    if (inside) prose.push(inside);
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(node, visit);
  let out = sf.text.slice(base, end);
  if (prose.length) {
    prose.sort((a, b) => a[0] - b[0]);
    let text = '';
    let at = base;
    for (const [from, to] of prose) {
      if (from < at) continue;
      text += sf.text.slice(at, from) + sf.text.slice(from, to).replace(/[^\n]/g, ' ');
      at = to;
    }
    out = text + sf.text.slice(at, end);
  }
  cache.set(node, out);
  return out;
}

/** One answer per node of a tree: every call site in a retry loop asks for the same loop's text. */
const cache = new WeakMap<ts.Node, string>();

/** The span between a literal's delimiters: `'…'`, `` `…` ``, and for a template each of its literal parts. */
function literalContents(n: ts.Node, sf: ts.SourceFile): [number, number] | null {
  switch (n.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateTail:
      return [n.getStart(sf) + 1, n.getEnd() - 1];
    case ts.SyntaxKind.TemplateHead:
    case ts.SyntaxKind.TemplateMiddle:
      return [n.getStart(sf) + 1, n.getEnd() - 2];
    default:
      return null;
  }
}
