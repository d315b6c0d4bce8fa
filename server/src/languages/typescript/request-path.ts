import * as path from 'node:path';
import { ts } from 'ts-morph';
import { enclosingFunction, functionName, isFunctionLike, unwrap, walk } from './ast';
import { hasModifier, type FileContext } from './file-context';

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'use', 'options', 'head', 'route', 'on']);

/** Why a function is a request handler by its own shape and place, or null. */
export function handlerReason(fn: ts.FunctionLikeDeclaration, ctx: FileContext): string | null {
  const rel = ctx.path.split(path.sep).join('/');
  const name = functionName(fn);
  const exported = isExported(fn);
  if (/\/app\/(.*\/)?route\.(t|j)sx?$/.test(rel) && exported && name && HTTP_METHODS.has(name)) return `Next.js route handler ${name}`;
  if (/\/pages\/api\//.test(rel) && isDefaultExport(fn)) return 'Next.js API route';
  if (exported && name === 'handler') return 'serverless handler';
  if (exported && hasUseServer(ctx) && name) return `server action ${name}`;
  // app.get('/x', fn), router.post('/x', mw, fn), app.route('/x').post(fn), fastify.route({ handler: fn })
  const call = fn.parent;
  if (call && ts.isCallExpression(call) && call.arguments.includes(fn as unknown as ts.Expression) && ts.isPropertyAccessExpression(call.expression)) {
    const method = call.expression.name.text;
    const first = call.arguments[0];
    const hasPath = first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first) || ts.isRegularExpressionLiteral(first));
    const chainedRoute = ts.isCallExpression(call.expression.expression) && ts.isPropertyAccessExpression(call.expression.expression.expression) && call.expression.expression.expression.name.text === 'route';
    if (ROUTE_METHODS.has(method) && (hasPath || chainedRoute)) {
      const p = hasPath ? ` ${(first as ts.StringLiteral).text}` : '';
      return `route ${method.toUpperCase()}${p}`;
    }
  }
  if (call && ts.isPropertyAssignment(call) && call.name.getText(ctx.sf) === 'handler') return 'route handler';
  return null;
}

function isExported(fn: ts.FunctionLikeDeclaration): boolean {
  if (ts.isFunctionDeclaration(fn)) return hasModifier(fn, ts.SyntaxKind.ExportKeyword);
  let p: ts.Node | undefined = fn.parent;
  // `export const POST = withAuth(async () => …)` counts too.
  while (p && (ts.isCallExpression(p) || ts.isParenthesizedExpression(p) || ts.isAsExpression(p))) p = p.parent;
  if (p && ts.isVariableDeclaration(p)) return !!p.parent?.parent && ts.isVariableStatement(p.parent.parent) && hasModifier(p.parent.parent, ts.SyntaxKind.ExportKeyword);
  if (p && ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return /^(module\.)?exports$/.test(p.left.expression.getText());
  return false;
}

function isDefaultExport(fn: ts.FunctionLikeDeclaration): boolean {
  if (ts.isFunctionDeclaration(fn)) return hasModifier(fn, ts.SyntaxKind.DefaultKeyword);
  let p: ts.Node | undefined = fn.parent;
  while (p && (ts.isCallExpression(p) || ts.isParenthesizedExpression(p))) p = p.parent;
  return !!p && ts.isExportAssignment(p);
}

function hasUseServer(ctx: FileContext): boolean {
  const first = ctx.sf.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use server';
}

/**
 * Request-path reasons for every function in a file: handlers themselves, and functions they call
 * (by name, within the file, transitively). Other files' handlers calling an exported function count too.
 */
export function requestPathMap(ctx: FileContext, externalCallers: Map<string, string>): Map<ts.FunctionLikeDeclaration, string> {
  const reasons = new Map<ts.FunctionLikeDeclaration, string>();
  const byName = new Map<string, ts.FunctionLikeDeclaration[]>();
  const calls = new Map<ts.FunctionLikeDeclaration, Set<string>>();
  const functions: ts.FunctionLikeDeclaration[] = [];
  walk(ctx.sf, (n) => {
    if (isFunctionLike(n)) {
      functions.push(n);
      const name = functionName(n);
      if (name) byName.set(name, [...(byName.get(name) ?? []), n]);
    }
    if (ts.isCallExpression(n)) {
      const fn = enclosingFunction(n);
      const callee = unwrap(n.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
      if (fn && name) calls.set(fn, (calls.get(fn) ?? new Set()).add(name));
      // Functions passed as arguments (callbacks) are reached when the caller is.
      for (const a of n.arguments) if (ts.isIdentifier(a) && fn) calls.get(fn)?.add(a.text) ?? calls.set(fn, new Set([a.text]));
    }
  });
  const queue: ts.FunctionLikeDeclaration[] = [];
  for (const fn of functions) {
    const reason = handlerReason(fn, ctx) ?? externalCallers.get(functionName(fn) ?? '\0') ?? null;
    if (reason) {
      reasons.set(fn, reason);
      queue.push(fn);
    }
  }
  while (queue.length) {
    const fn = queue.shift()!;
    const why = reasons.get(fn)!;
    const from = functionName(fn) ?? 'handler';
    const inner: ts.FunctionLikeDeclaration[] = [];
    // Nested functions (callbacks inside the handler) run on the request path too.
    walk(fn, (n) => {
      if (isFunctionLike(n)) inner.push(n);
    });
    const targets = [...inner, ...[...(calls.get(fn) ?? [])].flatMap((name) => byName.get(name) ?? [])];
    for (const t of targets) {
      if (reasons.has(t)) continue;
      reasons.set(t, inner.includes(t) ? why : `called from ${from} (${why})`);
      queue.push(t);
    }
  }
  return reasons;
}

/**
 * Names this file's handlers call on imports, as (module specifier, imported name) pairs,
 * so an imported wrapper can learn it is on a request path.
 */
export function importedCallsFromHandlers(ctx: FileContext): Array<{ specifier: string; imported: string; reason: string }> {
  const reasons = requestPathMap(ctx, new Map());
  const out: Array<{ specifier: string; imported: string; reason: string }> = [];
  walk(ctx.sf, (n) => {
    if (!ts.isCallExpression(n)) return;
    const fn = enclosingFunction(n);
    const reason = fn && reasons.get(fn);
    if (!reason) return;
    const callee = unwrap(n.expression);
    let local: string | null = null;
    let member: string | null = null;
    if (ts.isIdentifier(callee)) local = callee.text;
    else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      local = callee.expression.text;
      member = callee.name.text;
    }
    const ref = local ? ctx.imports.get(local) : undefined;
    if (!ref) return;
    const imported = ref.imported === '*' && member ? member : ref.imported;
    out.push({ specifier: ref.specifier, imported, reason: `called from ${functionName(fn!) ?? 'handler'} in ${path.basename(ctx.path)} (${reason})` });
    // A class instance imported and used as `service.reply()` reaches the method `reply`.
    if (member && ref.imported !== '*') out.push({ specifier: ref.specifier, imported: member, reason: `called from ${functionName(fn!) ?? 'handler'} in ${path.basename(ctx.path)} (${reason})` });
  });
  return out;
}
