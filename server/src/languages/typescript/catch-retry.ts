// A request sent once more from the `catch` around it, written out instead of looped:
//   try { r = await client.chat.completions.create(body) }
//   catch (err) { logger.warn(err); r = await client.chat.completions.create(body) }
// One more attempt of the whole call, each with the SDK's own retries: the product of a two-pass loop. Mirrors the
// Python front end's handler-retry.ts.
import { ts } from './compiler';
import type { RetryConstruct } from '../../core/types';
import { isAncestor, isFunctionLike, spanOf } from './ast';
import { filtersErrors } from './error-filter';
import type { FileContext } from './file-context';

/**
 * Errors no SDK retries and no identical second request mends, tested by the `if` the call again sits under: a 400
 * (`if (err.status === 400) { messages = trim(messages); … }`), a rejected key, a missing model, a context overflow.
 */
const PERMANENT_ERROR = /\b(400|401|403|404|422)\b|BadRequest|Authentication|PermissionDenied|NotFound|UnprocessableEntity|context_length|ContextWindow|SyntaxError/;

/** The `catch` of a try whose block holds `call` sends the same call again: the same text, arguments included. */
export function retryInCatch(call: ts.CallExpression, ctx: FileContext): RetryConstruct | null {
  const same = normalized(call, ctx);
  for (let p: ts.Node | undefined = call.parent; p && !isFunctionLike(p) && !ts.isSourceFile(p); p = p.parent) {
    if (!ts.isTryStatement(p) || !p.catchClause || !isAncestor(p.tryBlock, call)) continue;
    const catchBlock = p.catchClause.block;
    const again = callsIn(catchBlock).find((c) => normalized(c, ctx) === same);
    if (!again || underPermanentErrorTest(again, catchBlock, ctx)) continue;
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
