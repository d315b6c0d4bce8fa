// Clients bound to a name their file never mentions again and does not export (steven-tey/novel's generate route keeps
// `const llama = new OpenAI({ apiKey: 'ollama', baseURL: 'http://localhost:11434/v1' })` left over beside the client
// it uses): no request goes through them, so what they lack (a timeout, a gateway) costs nothing.
import { ts } from './compiler';
import { nodesOfInterest, outerExpression } from './ast';
import type { FileContext } from './file-context';

const IDENTIFIER_CHAR = /[\w$]/;

/**
 * The construction is the initializer of a `const`/`let`/`var` that is not exported, and the name appears nowhere
 * else in the file's text outside string literals (`'openai'`, `'@anthropic-ai/sdk'`); a comment mentioning it keeps
 * the client, as does any identifier of that name (a shadowing one too).
 */
export function neverUsed(construction: ts.NewExpression | ts.CallExpression, ctx: FileContext): boolean {
  const top = outerExpression(construction);
  const decl = top.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || decl.initializer !== top || !ts.isIdentifier(decl.name)) return false;
  const statement = decl.parent?.parent;
  if (statement && ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return false;
  const name = decl.name.text;
  const at = decl.name.getStart(ctx.sf);
  const { text } = ctx;
  const strings = nodesOfInterest(ctx.sf)?.strings;
  if (!strings) return false;
  for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + name.length)) {
    if (i === at || IDENTIFIER_CHAR.test(text[i - 1] ?? '') || IDENTIFIER_CHAR.test(text[i + name.length] ?? '')) continue;
    if (!insideString(strings, i, ctx.sf)) return false;
  }
  return true;
}

/** `offset` falls inside one of the string literals (in pre-order, so by position, and never nested). */
function insideString(strings: readonly ts.Node[], offset: number, sf: ts.SourceFile): boolean {
  let lo = 0;
  let hi = strings.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strings[mid].pos <= offset) lo = mid + 1;
    else hi = mid;
  }
  const s = strings[lo - 1];
  return !!s && s.getStart(sf) < offset && offset < s.end;
}
