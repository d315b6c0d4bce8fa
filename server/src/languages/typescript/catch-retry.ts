// A request sent once more from the `catch` around it, written out instead of looped:
//   try { r = await client.chat.completions.create(body) }
//   catch (err) { logger.warn(err); r = await client.chat.completions.create(body) }
// One more attempt of the whole call, each with the SDK's own retries: the product of a two-pass loop. Mirrors the
// Python front end's handler-retry.ts.
import { ts } from './compiler';
import type { RetryConstruct } from '../../core/types';
import { isAncestor, isFunctionLike, rootIdentifier, spanOf } from './ast';
import { filtersErrors } from './error-filter';
import type { FileContext } from './file-context';

/**
 * Errors no SDK retries and no identical second request mends, tested by the `if` the call again sits under: a 400
 * (`if (err.status === 400) { messages = trim(messages); … }`), a rejected key, a missing model, a context overflow.
 */
const PERMANENT_ERROR = /\b(400|401|403|404|422)\b|BadRequest|Authentication|PermissionDenied|NotFound|UnprocessableEntity|context_length|ContextWindow|SyntaxError/;

/** The `catch` of a try whose block holds `call` sends the same call again: the same text, arguments included, reading the same values. */
export function retryInCatch(call: ts.CallExpression, ctx: FileContext): RetryConstruct | null {
  const same = normalized(call, ctx);
  for (let p: ts.Node | undefined = call.parent; p && !isFunctionLike(p) && !ts.isSourceFile(p); p = p.parent) {
    if (!ts.isTryStatement(p) || !p.catchClause || !isAncestor(p.tryBlock, call)) continue;
    const catchBlock = p.catchClause.block;
    const again = callsIn(catchBlock).find((c) => normalized(c, ctx) === same);
    if (!again || underPermanentErrorTest(again, catchBlock, ctx) || readsChangedBetween(call, again, p, ctx)) continue;
    return {
      kind: 'loop',
      label: 'catch clause',
      subject: 'in the catch clause',
      attempts: 2,
      source: 'explicit',
      path: ctx.path,
      span: spanOf(p, ctx.sf),
      headSpan: spanOf(again.expression, ctx.sf),
      once: true,
      backoff: 'none',
      jitter: false,
      catchesAll: !filtersErrors(catchBlock, ctx.sf),
      bounded: true,
    };
  }
  return null;
}

/** Array, Map and Set methods that change the receiver in place (`messages.push(…)` between the two calls). */
const MUTATORS = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'set', 'delete', 'clear', 'add', 'sort', 'reverse', 'fill', 'copyWithin']);

/**
 * Some name the call reads (its arguments, its client) is written between the first call and the one in the catch:
 * `text = await translate(text)` then a failure further on, `messages.push(…)`, `body = { …body, model }`, or a
 * `const body = …` in the catch that shadows it. The same text then sends another request: no retry.
 */
function readsChangedBetween(first: ts.CallExpression, again: ts.CallExpression, tryStmt: ts.TryStatement, ctx: FileContext): boolean {
  const read = namesRead(first);
  const from = first.getStart(ctx.sf);
  const to = again.getStart(ctx.sf);
  let changed = false;
  const written = (target: ts.Expression) => {
    const root = rootIdentifier(target, false);
    if (root && read.has(root)) changed = true;
  };
  const visit = (n: ts.Node): void => {
    if (changed || n.end <= from || n.getStart(ctx.sf) >= to) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) written(n.left);
    else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) written(n.operand);
    else if (ts.isDeleteExpression(n)) written(n.expression);
    else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && MUTATORS.has(n.expression.name.text)) written(n.expression.expression);
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && read.has(n.name.text)) changed = true;
    ts.forEachChild(n, visit);
  };
  visit(tryStmt);
  return changed;
}

/** The names an expression reads: its identifiers, not property names (`.create`, `{ model: … }`). */
function namesRead(e: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      if (!((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n))) out.add(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(e);
  return out;
}

function normalized(call: ts.CallExpression, ctx: FileContext): string {
  return call.getText(ctx.sf).replace(/\s+/g, '').replace(/,\)$/, ')');
}

/** Calls in the block's own code, outside functions and classes written there. */
function callsIn(block: ts.Node): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isCallExpression(n)) out.push(n);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(block, visit);
  return out;
}

function underPermanentErrorTest(call: ts.Node, catchBlock: ts.Node, ctx: FileContext): boolean {
  for (let p: ts.Node | undefined = call.parent; p && p !== catchBlock; p = p.parent) {
    if (ts.isIfStatement(p) && isAncestor(p.thenStatement, call) && PERMANENT_ERROR.test(p.expression.getText(ctx.sf))) return true;
  }
  return false;
}
