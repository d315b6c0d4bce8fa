import { ts } from 'ts-morph';
import type { ClientFact } from '../../core/types';
import { argsFact, spanOf, unwrap } from './ast';
import type { FileContext, ImportRef } from './file-context';
import { bindingOf } from './sdk-bindings';

/** What an expression evaluates to, as far as the extractors care. */
export type Resolved =
  | { kind: 'client'; client: ClientFact }
  | { kind: 'string'; value: string; ctx: FileContext; node: ts.Expression }
  | { kind: 'node'; ctx: FileContext; node: ts.Expression }
  | { kind: 'unknown' };

const MAX_DEPTH = 8;

function isImportRef(x: unknown): x is ImportRef {
  return !!x && typeof x === 'object' && 'specifier' in x && 'imported' in x;
}

/** Follows variables, imports, class fields and factory functions to a client construction or a constant. */
export function resolveExpression(expr: ts.Expression, ctx: FileContext, depth = 0): Resolved {
  if (depth > MAX_DEPTH) return { kind: 'unknown' };
  const e = unwrap(expr);
  const client = clientConstruction(e, ctx);
  if (client) return { kind: 'client', client };
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { kind: 'string', value: e.text, ctx, node: e };
  if (ts.isIdentifier(e)) return resolveDeclaration(ctx.declarationOf(e), ctx, depth + 1);
  // `client ??= new OpenAI()` / `a || new OpenAI()`
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind)) {
    const right = resolveExpression(e.right, ctx, depth + 1);
    if (right.kind === 'client') return right;
    return resolveExpression(e.left, ctx, depth + 1);
  }
  if (ts.isConditionalExpression(e)) {
    const t = resolveExpression(e.whenTrue, ctx, depth + 1);
    return t.kind === 'client' ? t : resolveExpression(e.whenFalse, ctx, depth + 1);
  }
  if (ts.isPropertyAccessExpression(e)) {
    // this.client → class field or constructor assignment
    if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return resolveThisMember(e, ctx, depth + 1);
    // llm.client where llm is a namespace import of a workspace module
    if (ts.isIdentifier(e.expression)) {
      const decl = ctx.declarationOf(e.expression);
      if (isImportRef(decl) && decl.imported === '*') return resolveImport({ specifier: decl.specifier, imported: e.name.text }, ctx, depth + 1);
      // const llm = { client: new OpenAI() }; llm.client
      const base = resolveExpression(e.expression, ctx, depth + 1);
      if (base.kind === 'node' && ts.isObjectLiteralExpression(base.node)) {
        for (const p of base.node.properties) {
          if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === e.name.text) return resolveExpression(p.initializer, base.ctx, depth + 1);
          if (ts.isShorthandPropertyAssignment(p) && p.name.text === e.name.text) return resolveExpression(p.name, base.ctx, depth + 1);
        }
      }
    }
    return { kind: 'unknown' };
  }
  if (ts.isCallExpression(e)) {
    // getClient() → the function's returned expression
    const callee = resolveExpression(e.expression, ctx, depth + 1);
    if (callee.kind === 'node' && isFunctionNode(callee.node)) return resolveReturned(callee.node, callee.ctx, depth + 1);
    return { kind: 'unknown' };
  }
  return { kind: 'node', ctx, node: e };
}

function isFunctionNode(n: ts.Node): n is ts.FunctionLikeDeclaration {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n);
}

function resolveReturned(fn: ts.FunctionLikeDeclaration, ctx: FileContext, depth: number): Resolved {
  if (!fn.body) return { kind: 'unknown' };
  if (!ts.isBlock(fn.body)) return resolveExpression(fn.body, ctx, depth);
  let found: Resolved = { kind: 'unknown' };
  const visit = (n: ts.Node): void => {
    if (found.kind === 'client') return;
    if (ts.isReturnStatement(n) && n.expression) {
      const r = resolveExpression(n.expression, ctx, depth);
      if (r.kind === 'client' || found.kind === 'unknown') found = r;
    }
    if (!isFunctionNode(n)) ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return found;
}

function resolveDeclaration(decl: ts.Node | ImportRef | undefined, ctx: FileContext, depth: number): Resolved {
  if (!decl) return { kind: 'unknown' };
  if (isImportRef(decl)) return resolveImport(decl, ctx, depth);
  if (ts.isVariableDeclaration(decl)) {
    if (!decl.initializer) return assignedLater(decl, ctx, depth);
    return resolveExpression(decl.initializer, ctx, depth);
  }
  if (ts.isFunctionDeclaration(decl) || ts.isClassDeclaration(decl)) return { kind: 'node', ctx, node: decl as unknown as ts.Expression };
  if (ts.isExpression(decl as ts.Node)) return resolveExpression(decl as ts.Expression, ctx, depth);
  return { kind: 'unknown' };
}

/** `let client; … client = new OpenAI()` */
function assignedLater(decl: ts.VariableDeclaration, ctx: FileContext, depth: number): Resolved {
  if (!ts.isIdentifier(decl.name)) return { kind: 'unknown' };
  const name = decl.name.text;
  let found: Resolved = { kind: 'unknown' };
  const visit = (n: ts.Node): void => {
    if (found.kind === 'client') return;
    if (ts.isBinaryExpression(n) && ts.isIdentifier(n.left) && n.left.text === name && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      found = resolveExpression(n.right, ctx, depth + 1);
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(ctx.sf, visit);
  return found;
}

function resolveImport(ref: ImportRef, ctx: FileContext, depth: number): Resolved {
  const target = ctx.workspace.resolveModule(ctx.path, ref.specifier);
  if (!target) return { kind: 'unknown' };
  const other = ctx.workspace.contextFor(target);
  if (!other) return { kind: 'unknown' };
  if (ref.imported === '*') return { kind: 'unknown' };
  return resolveDeclaration(other.exported(ref.imported), other, depth + 1);
}

function resolveThisMember(e: ts.PropertyAccessExpression, ctx: FileContext, depth: number): Resolved {
  let cls: ts.Node | undefined = e.parent;
  while (cls && !ts.isClassDeclaration(cls) && !ts.isClassExpression(cls)) cls = cls.parent;
  if (!cls) return { kind: 'unknown' };
  const name = e.name.text;
  for (const m of (cls as ts.ClassLikeDeclaration).members) {
    if (ts.isPropertyDeclaration(m) && m.name && ts.isIdentifier(m.name) && m.name.text === name && m.initializer) return resolveExpression(m.initializer, ctx, depth);
    if (ts.isConstructorDeclaration(m) && m.body) {
      for (const stmt of m.body.statements) {
        if (ts.isExpressionStatement(stmt) && ts.isBinaryExpression(stmt.expression) && stmt.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          const left = stmt.expression.left;
          if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === name) return resolveExpression(stmt.expression.right, ctx, depth);
        }
      }
      // constructor(private client: OpenAI) — injected; unknown construction.
    }
  }
  return { kind: 'unknown' };
}

/** `new OpenAI({...})`, `createOpenAI({...})`, `new ChatOpenAI({...})`, `OpenAI()` without new. */
export function clientConstruction(e: ts.Expression, ctx: FileContext): ClientFact | null {
  if (!ts.isNewExpression(e) && !ts.isCallExpression(e)) return null;
  const b = bindingOf(e.expression, ctx.sdk);
  if (!b) return null;
  const nameNode = ts.isPropertyAccessExpression(e.expression) ? e.expression.name : e.expression;
  if (b.kind === 'client-class') {
    return { path: ctx.path, sdk: b.sdk, provider: b.provider, className: b.className, span: spanOf(e, ctx.sf), nameSpan: spanOf(nameNode, ctx.sf), args: argsFact(e, 0, ctx.sf) };
  }
  if (b.kind === 'ai-provider' && b.factory && ts.isCallExpression(e)) {
    return { path: ctx.path, sdk: 'ai-sdk', provider: b.provider, className: b.name, span: spanOf(e, ctx.sf), nameSpan: spanOf(nameNode, ctx.sf), args: argsFact(e, 0, ctx.sf) };
  }
  return null;
}
