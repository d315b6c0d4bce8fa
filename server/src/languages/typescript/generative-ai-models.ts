// @google/generative-ai (the older Gemini JS SDK): `new GoogleGenerativeAI(key)` takes no base URL; each
// `genAI.getGenerativeModel(params, { baseUrl })` sets one for the model it makes (RequestOptions.baseUrl, since 0.4.0).
import { ts } from './compiler';
import type { ModelRequest } from '../../core/types';
import { argsFact, enclosingClass, spanOf } from './ast';
import { hasModifier, type FileContext } from './file-context';

/**
 * The `getGenerativeModel` calls made on the client this construction builds, in its file: on the `const` it is bound
 * to, on the class field (`this.genAI`) it is assigned to, or chained on the construction itself. Null when it is bound
 * to nothing the file can follow.
 */
export function modelRequestsOf(construction: ts.NewExpression | ts.CallExpression, ctx: FileContext): { calls: ModelRequest[]; escapes: boolean } | null {
  let outer: ts.Node = construction;
  while (ts.isParenthesizedExpression(outer.parent) || ts.isAsExpression(outer.parent) || ts.isNonNullExpression(outer.parent)) outer = outer.parent;
  const holder = outer.parent;
  // `new GoogleGenerativeAI(key).getGenerativeModel({ model })`.
  const chained = modelRequestAt(construction, ctx);
  if (chained) return { calls: [chained], escapes: false };
  if (holder && ts.isVariableDeclaration(holder) && holder.initializer === outer && ts.isIdentifier(holder.name)) {
    const name = holder.name.text;
    return usesOf(name, ctx, (id) => ctx.declarationOf(id) === holder, exported(holder, name, ctx));
  }
  const field = fieldAssigned(construction);
  if (field) {
    const cls = enclosingClass(construction);
    if (!cls) return null;
    const uses: ts.Expression[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword && n.name.text === field.name) uses.push(n);
      ts.forEachChild(n, visit);
    };
    visit(cls);
    return collect(uses, ctx, !field.private, construction);
  }
  return null;
}

/** Every use of a variable in the file, by name, that refers to the declaration. */
function usesOf(name: string, ctx: FileContext, same: (id: ts.Identifier) => boolean, escapes: boolean): { calls: ModelRequest[]; escapes: boolean } {
  const uses: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name && !ts.isVariableDeclaration(n.parent) && same(n)) uses.push(n);
    ts.forEachChild(n, visit);
  };
  visit(ctx.sf);
  return collect(uses, ctx, escapes);
}

function collect(uses: ts.Expression[], ctx: FileContext, escapes: boolean, construction?: ts.Expression): { calls: ModelRequest[]; escapes: boolean } {
  const calls: ModelRequest[] = [];
  for (const u of uses) {
    const call = modelRequestAt(u, ctx);
    if (call) calls.push(call);
    // `this.genAI = new GoogleGenerativeAI(key)` itself, or `this.genAI = null` before it, is no other use of the client.
    else if (!assignedHere(u, construction)) escapes = true;
  }
  return { calls, escapes };
}

/** `x.getGenerativeModel(params[, requestOptions])` with `x` the given expression. */
function modelRequestAt(e: ts.Expression, ctx: FileContext): ModelRequest | null {
  let outer: ts.Node = e;
  while (ts.isParenthesizedExpression(outer.parent) || ts.isNonNullExpression(outer.parent)) outer = outer.parent;
  const access = outer.parent;
  if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== outer || access.name.text !== 'getGenerativeModel') return null;
  const call = access.parent;
  if (!call || !ts.isCallExpression(call) || call.expression !== access || call.arguments.length === 0 || call.arguments.length > 2) return null;
  const request: ModelRequest = { span: spanOf(call, ctx.sf), requestOptions: argsFact(call, 1, ctx.sf) };
  if (call.arguments.length === 1) request.paramsEnd = call.arguments[0].getEnd();
  return request;
}

function assignedHere(e: ts.Expression, construction?: ts.Expression): boolean {
  const p = e.parent;
  if (!p || !ts.isBinaryExpression(p) || p.left !== e || p.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  let right: ts.Expression = p.right;
  while (ts.isParenthesizedExpression(right) || ts.isAsExpression(right) || ts.isNonNullExpression(right)) right = right.expression;
  return right.kind === ts.SyntaxKind.NullKeyword || right === construction;
}

/** A binding other modules can reach: `export const genAI = …`, or named in an `export { genAI }` clause. */
function exported(decl: ts.VariableDeclaration, name: string, ctx: FileContext): boolean {
  const stmt = decl.parent?.parent;
  if (stmt && ts.isVariableStatement(stmt) && hasModifier(stmt, ts.SyntaxKind.ExportKeyword)) return true;
  // `export default genAI` and `module.exports = genAI` are uses that are no getGenerativeModel call (see collect).
  return ctx.sf.statements.some((s) => ts.isExportDeclaration(s) && !!s.exportClause && ts.isNamedExports(s.exportClause) && s.exportClause.elements.some((el) => (el.propertyName ?? el.name).text === name));
}

/** `this.genAI = new GoogleGenerativeAI(…)` or a class field `genAI = new …`: the field, and whether only the class sees it. */
function fieldAssigned(construction: ts.Expression): { name: string; private: boolean } | null {
  let e: ts.Node = construction;
  while (ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (p && ts.isPropertyDeclaration(p) && p.initializer === e && (ts.isIdentifier(p.name) || ts.isPrivateIdentifier(p.name))) {
    return { name: p.name.text, private: ts.isPrivateIdentifier(p.name) || !!p.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword) };
  }
  if (p && ts.isBinaryExpression(p) && p.right === e && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(p.left) && p.left.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const name = p.left.name.text;
    const cls = enclosingClass(p);
    const member = cls?.members.find((m) => m.name && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)) && m.name.text === name);
    const ctorParam = cls?.members.find(ts.isConstructorDeclaration)?.parameters.find((q) => ts.isIdentifier(q.name) && q.name.text === name);
    const declared = member ?? ctorParam;
    const isPrivate = !!declared && (ts.isPrivateIdentifier(p.left.name) || !!ts.getModifiers(declared as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword));
    return { name, private: isPrivate };
  }
  return null;
}
