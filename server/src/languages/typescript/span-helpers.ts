import { ts } from './compiler';
import { isFunctionLike, unwrap, walk } from './ast';
import type { FileContext } from './file-context';
import { importedDeclaration, isImportRef } from './resolve';

const STARTS_SPAN = /\.(startSpan|startActiveSpan)\s*\(/;

/** The workspace function a call names (`startLlmSpan(…)`, declared in the module or imported from another), with its file. */
function calledFunction(call: ts.CallExpression, ctx: FileContext): { fn: ts.FunctionLikeDeclaration; ctx: FileContext } | null {
  const callee = unwrap(call.expression);
  if (!ts.isIdentifier(callee)) return null;
  const decl = ctx.declarationOf(callee);
  if (!decl) return null;
  const found = isImportRef(decl) ? importedDeclaration(decl, ctx) : { decl, ctx };
  if (!found) return null;
  let fn: ts.Node = found.decl;
  if (ts.isVariableDeclaration(fn) && fn.initializer) fn = unwrap(fn.initializer);
  return isFunctionLike(fn) && fn.body ? { fn, ctx: found.ctx } : null;
}

/**
 * A tracing wrapper of the workspace (`traceLlm('chat', () => client.chat.completions.create(…))`): a function that
 * starts a span itself runs what it is handed inside it.
 */
export function isWorkspaceSpanWrapper(call: ts.CallExpression, ctx: FileContext): boolean {
  const found = calledFunction(call, ctx);
  return !!found && STARTS_SPAN.test(found.fn.body!.getText(found.ctx.sf));
}

/**
 * `const span = startLlmSpan(messages, model)` before the call, ended by another helper once the reply is in: the
 * function calls a workspace helper that returns a span it started (`return tracer.startSpan(…)`).
 */
export function callsSpanStartingHelper(fn: ts.FunctionLikeDeclaration, ctx: FileContext): boolean {
  if (!fn.body) return false;
  let found = false;
  walk(fn.body, (n) => {
    if (found) return false;
    if (ts.isCallExpression(n)) {
      const helper = calledFunction(n, ctx);
      if (helper && helper.fn !== fn && returnsStartedSpan(helper.fn, helper.ctx)) found = true;
    }
  });
  return found;
}

function returnsStartedSpan(fn: ts.FunctionLikeDeclaration, ctx: FileContext): boolean {
  const body = fn.body!;
  if (!ts.isBlock(body)) return isSpanStart(body, ctx);
  let found = false;
  walk(body, (n) => {
    if (found || (n !== body && isFunctionLike(n))) return false;
    if (ts.isReturnStatement(n) && n.expression && isSpanStart(n.expression, ctx)) found = true;
  });
  return found;
}

/** `tracer.startSpan(…)`, `trace.getTracer('app').startSpan(…)`, or a name bound to one. */
function isSpanStart(expr: ts.Expression, ctx: FileContext): boolean {
  let e = unwrap(expr);
  if (ts.isIdentifier(e)) {
    const decl = ctx.declarationOf(e);
    if (!decl || isImportRef(decl) || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
    e = unwrap(decl.initializer);
  }
  return ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'startSpan';
}
