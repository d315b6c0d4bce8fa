import { ts } from './compiler';
import { UNDICI_DISPATCHER_TIMEOUTS } from '../../core/catalog/sdk-defaults';
import type { LlmCallSite } from '../../core/types';
import { enclosingClass, unwrap } from './ast';
import { boundOnce } from './call-context';
import type { FileContext, ImportRef } from './file-context';
import { prop } from './prompt';
import { isImportRef } from './resolve';
import { dynamicImportSpecifier, requireSpecifier } from './sdk-bindings';

/**
 * What a `fetch(…)` callee is: the runtime's global, Undici's own `fetch`, the node-fetch package, or something else
 * (a parameter, a local wrapper, another library) whose limits are not known.
 */
export type FetchLibrary = 'global' | 'undici' | 'node-fetch' | 'other';

export function fetchLibrary(callee: ts.Identifier, ctx: FileContext): FetchLibrary {
  const decl = ctx.declarationOf(callee);
  if (!decl) return 'global';
  if (isImportRef(decl)) return importedFetch(decl);
  const node = decl as ts.Node;
  // `const fetch = (await import('node-fetch')).default`, a `require` inside a function.
  if (ts.isVariableDeclaration(node) && node.initializer) {
    const init = unwrap(node.initializer);
    const spec = requireSpecifier(init) ?? dynamicImportSpecifier(init);
    if (spec) return importedFetch({ specifier: spec, imported: 'default' });
    if (isNodeFetchLoader(init)) return 'node-fetch';
  }
  // `const { default: fetch } = await import('node-fetch')`
  if (ts.isBindingElement(node) && ts.isVariableDeclaration(node.parent.parent) && node.parent.parent.initializer) {
    const key = node.propertyName && ts.isIdentifier(node.propertyName) ? node.propertyName.text : ts.isIdentifier(node.name) ? node.name.text : '';
    const spec = dynamicImportSpecifier(unwrap(node.parent.parent.initializer));
    if (spec) return importedFetch({ specifier: spec, imported: key });
  }
  return 'other';
}

function importedFetch(ref: ImportRef): FetchLibrary {
  // `import fetch from 'node-fetch'`, `require('node-fetch')` (v2's module is the function) and `.default`.
  if (ref.specifier === 'node-fetch') return ref.imported === 'default' || ref.imported === '*' ? 'node-fetch' : 'other';
  if (ref.specifier === 'undici') return ref.imported === 'fetch' ? 'undici' : 'other';
  return 'other';
}

/**
 * node-fetch v3's README recipe for CommonJS: `const fetch = (...args) => import('node-fetch').then(({ default: fetch }) =>
 * fetch(...args))`, a wrapper that hands every argument on.
 */
function isNodeFetchLoader(e: ts.Expression): boolean {
  if (!ts.isArrowFunction(e) || e.parameters.length !== 1 || !e.parameters[0].dotDotDotToken || !ts.isIdentifier(e.parameters[0].name)) return false;
  const rest = e.parameters[0].name.text;
  const body = unwrap(e.body as ts.Expression);
  if (!ts.isCallExpression(body) || !ts.isPropertyAccessExpression(body.expression) || body.expression.name.text !== 'then') return false;
  if (dynamicImportSpecifier(body.expression.expression) !== 'node-fetch') return false;
  const then = body.arguments[0] && unwrap(body.arguments[0]);
  if (!then || !ts.isArrowFunction(then)) return false;
  const inner = unwrap(then.body as ts.Expression);
  return ts.isCallExpression(inner) && inner.arguments.length === 1 && ts.isSpreadElement(inner.arguments[0]) && ts.isIdentifier(inner.arguments[0].expression) && inner.arguments[0].expression.text === rest;
}

/**
 * The Undici timeouts a fetch init's `dispatcher` turns off: `new Agent({ bodyTimeout: 0, headersTimeout: 0 })` (or a
 * ProxyAgent, EnvHttpProxyAgent) written in place, in a `const`, or in a `this.` field assigned once. A dispatcher
 * built elsewhere, options with a spread, or a value that is not the literal 0 tell nothing.
 */
export function dispatcherTimeoutsOff(init: ts.ObjectLiteralExpression, ctx: FileContext): NonNullable<LlmCallSite['dispatcherTimeoutsOff']> {
  const d = prop(init, 'dispatcher');
  const made = d && dispatcherConstruction(unwrap(d), ctx);
  if (!made) return [];
  const options = made.arguments?.[0] && unwrap(made.arguments[0]);
  if (!options || !ts.isObjectLiteralExpression(options) || options.properties.some((p) => ts.isSpreadAssignment(p))) return [];
  return UNDICI_DISPATCHER_TIMEOUTS.keys.filter((k) => {
    const v = prop(options, k);
    const u = v && unwrap(v);
    return !!u && ts.isNumericLiteral(u) && Number(u.text) === 0;
  });
}

function dispatcherConstruction(e: ts.Expression, ctx: FileContext): ts.NewExpression | null {
  const value = ts.isIdentifier(e) ? boundOnce(e, ctx) : ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword ? assignedOnce(e) : e;
  const v = value && unwrap(value);
  return v && ts.isNewExpression(v) && isUndiciDispatcherClass(v.expression, ctx) ? v : null;
}

/** `Agent` / `ProxyAgent` imported from undici, or `undici.Agent` on the package. */
function isUndiciDispatcherClass(e: ts.Expression, ctx: FileContext): boolean {
  const classes: readonly string[] = UNDICI_DISPATCHER_TIMEOUTS.classes;
  if (ts.isIdentifier(e)) {
    const decl = ctx.declarationOf(e);
    return isImportRef(decl) && decl.specifier === 'undici' && classes.includes(decl.imported);
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && classes.includes(e.name.text)) {
    const decl = ctx.declarationOf(e.expression);
    return isImportRef(decl) && decl.specifier === 'undici' && (decl.imported === '*' || decl.imported === 'default');
  }
  return false;
}

/** The one value a class gives `this.name`: its field initializer or its only assignment, when there is exactly one. */
function assignedOnce(e: ts.PropertyAccessExpression): ts.Expression | null {
  const cls = enclosingClass(e);
  if (!cls) return null;
  const name = e.name.text;
  const values: ts.Expression[] = [];
  for (const m of cls.members) if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name && m.initializer) values.push(m.initializer);
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const l = n.left;
      if (ts.isPropertyAccessExpression(l) && l.expression.kind === ts.SyntaxKind.ThisKeyword && l.name.text === name) values.push(n.right);
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(cls, visit);
  return values.length === 1 ? values[0] : null;
}
