// Raw HTTP requests written other than `fetch(url, init)` / `axios.post(url, body, config)`: axios called with a
// request config, `fetchEventSource(url, init)`, and a URL kept in a property of a module object.
import { ts } from './compiler';
import { overriddenBySpread, propertyNameText, readOnlyConst, unchangedObjectConst, unwrap } from './ast';
import type { FileContext } from './file-context';
import { prop } from './prompt';
import { isImportRef, resolveExpression } from './resolve';

/** `@microsoft/fetch-event-source` and its fork, which node-chatgpt-api and LibreChat stream Chat Completions with. */
const EVENT_SOURCE_PACKAGES = new Set(['@microsoft/fetch-event-source', '@waylaidwanderer/fetch-event-source']);

const importedSpecifiers = new WeakMap<FileContext, Set<string>>();

/** Whether the module imports (or requires, at its top) any of `specifiers`: most files need no further look. */
function importsAny(ctx: FileContext, specifiers: Iterable<string>): boolean {
  let seen = importedSpecifiers.get(ctx);
  if (!seen) importedSpecifiers.set(ctx, (seen = new Set([...ctx.imports.values()].map((i) => i.specifier))));
  for (const s of specifiers) if (seen.has(s)) return true;
  return false;
}

/** `fetchEventSource` imported (or required) from one of the packages: a `fetch` whose reply is read as server-sent events. */
export function isFetchEventSource(callee: ts.Expression, ctx: FileContext): boolean {
  if (!ts.isIdentifier(callee) || !importsAny(ctx, EVENT_SOURCE_PACKAGES)) return false;
  const decl = ctx.declarationOf(callee);
  return isImportRef(decl) && EVENT_SOURCE_PACKAGES.has(decl.specifier) && decl.imported === 'fetchEventSource';
}

export interface AxiosConfigRequest {
  config: ts.ObjectLiteralExpression;
  /** The config is written elsewhere (a `const`, a helper's return value), so a fix cannot add to it for this call. */
  detached: boolean;
  url: ts.Expression;
  data?: ts.Expression;
  /** The package's default instance, whose only defaults are the global `axios.defaults`; not an `axios.create(…)` one. */
  defaultInstance: boolean;
}

/**
 * `axios(config)`, `axios.request(config)`, `axios(url, config)`, or the same through an instance made with
 * `axios.create(…)`, where the config is a POST (axios sends a GET without `method`). The config is written in the
 * call, in a `const` only read afterwards, or returned as a literal by a function of the module (wechat-bot's
 * `claudeConfig(prompt)` returns `{ method: 'post', url, headers, data }`).
 */
export function axiosConfigRequest(call: ts.CallExpression, ctx: FileContext): AxiosConfigRequest | null {
  if (!importsAny(ctx, ['axios'])) return null;
  const callee = unwrap(call.expression);
  const viaRequest = ts.isPropertyAccessExpression(callee) && callee.name.text === 'request';
  const target = viaRequest ? unwrap(callee.expression) : callee;
  const instance = ts.isIdentifier(target) ? axiosInstance(target, ctx) : null;
  if (!instance || call.arguments.some((a) => ts.isSpreadElement(a))) return null;
  // `axios(url, config)`: the URL comes first (`request` takes the config only).
  const urlFirst = !viaRequest && call.arguments.length >= 2;
  const arg = call.arguments[urlFirst ? 1 : 0];
  const found = arg && configObject(arg, call, ctx);
  if (!found) return null;
  const { obj, detached } = found;
  const method = keyOf(obj, 'method');
  if (!method || !isPost(method, ctx)) return null;
  const url = urlFirst ? call.arguments[0] : keyOf(obj, 'url');
  if (!url) return null;
  return { config: obj, detached, url, data: keyOf(obj, 'data'), defaultInstance: instance === 'default' };
}

/** A key's value, unless a spread after it may replace it. */
function keyOf(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const value = prop(obj, name);
  return value && !overriddenBySpread(obj, value.parent) ? value : undefined;
}

function isPost(method: ts.Expression, ctx: FileContext): boolean {
  const r = resolveExpression(method, ctx);
  return r.kind === 'string' && r.value.toLowerCase() === 'post';
}

/** The axios package's default export, or a `const` instance made from it with `axios.create(…)`. */
function axiosInstance(id: ts.Identifier, ctx: FileContext): 'default' | 'created' | null {
  const decl = ctx.declarationOf(id);
  if (isImportRef(decl)) return decl.specifier === 'axios' && (decl.imported === 'default' || decl.imported === '*') ? 'default' : null;
  if (!decl || !ts.isVariableDeclaration(decl) || !(decl.parent.flags & ts.NodeFlags.Const) || !decl.initializer) return null;
  const init = unwrap(decl.initializer);
  if (!ts.isCallExpression(init) || !ts.isPropertyAccessExpression(init.expression) || init.expression.name.text !== 'create') return null;
  const pkg = unwrap(init.expression.expression);
  return ts.isIdentifier(pkg) && axiosInstance(pkg, ctx) === 'default' ? 'created' : null;
}

function configObject(arg: ts.Expression, call: ts.CallExpression, ctx: FileContext): { obj: ts.ObjectLiteralExpression; detached: boolean } | null {
  const e = unwrap(arg);
  if (ts.isObjectLiteralExpression(e)) return { obj: e, detached: false };
  const held = ts.isIdentifier(e) ? readOnlyConst(e, call) : e;
  if (held && ts.isObjectLiteralExpression(held)) return { obj: held, detached: true };
  const made = held && ts.isCallExpression(held) ? returnedLiteral(held, ctx) : undefined;
  return made ? { obj: made, detached: true } : null;
}

/** The object literal a function of this module returns from its only `return` (or its arrow body). */
function returnedLiteral(made: ts.CallExpression, ctx: FileContext): ts.ObjectLiteralExpression | undefined {
  const callee = unwrap(made.expression);
  const decl = ts.isIdentifier(callee) ? ctx.declarationOf(callee) : undefined;
  if (!decl || isImportRef(decl)) return undefined;
  let fn: ts.FunctionLikeDeclaration | undefined;
  if (ts.isFunctionDeclaration(decl)) fn = decl;
  else if (ts.isVariableDeclaration(decl) && decl.parent.flags & ts.NodeFlags.Const && decl.initializer) {
    const init = unwrap(decl.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) fn = init;
  }
  if (!fn?.body) return undefined;
  if (!ts.isBlock(fn.body)) {
    const body = unwrap(fn.body);
    return ts.isObjectLiteralExpression(body) ? body : undefined;
  }
  const returns: ts.ReturnStatement[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n)) returns.push(n);
    if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  const only = returns.length === 1 ? returns[0].expression : undefined;
  if (!only) return undefined;
  const value = unwrap(only);
  if (ts.isObjectLiteralExpression(value)) return value;
  const held = readOnlyConst(value, returns[0]);
  return held && ts.isObjectLiteralExpression(held) ? held : undefined;
}

/**
 * `server.chat` where `const server = { chat: `${domain}/v1/chat/completions`, … }` and no code changes `server`:
 * the property's value.
 */
export function unchangedProperty(e: ts.PropertyAccessExpression, ctx: FileContext): ts.Expression | undefined {
  if (!ts.isIdentifier(e.expression)) return undefined;
  const decl = ctx.declarationOf(e.expression);
  if (!decl || isImportRef(decl) || !ts.isVariableDeclaration(decl)) return undefined;
  const obj = unchangedObjectConst(decl);
  if (!obj) return undefined;
  let value: ts.Expression | undefined;
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p) || (ts.isPropertyAssignment(p) && propertyNameText(p.name) === null)) value = undefined;
    else if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === e.name.text) value = p.initializer;
    else if (ts.isShorthandPropertyAssignment(p) && p.name.text === e.name.text) value = p.name;
  }
  return value;
}
