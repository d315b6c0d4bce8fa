// AI SDK models that the app builds in a function of its own and hands back (`getModel()`), followed to the provider.
import { ts } from './compiler';
import type { ClientFact, Provider } from '../../core/types';
import { unwrap } from './ast';
import type { FileContext } from './file-context';
import { resolveExpression } from './resolve';
import { bindingOf } from './sdk-bindings';

/** Where a model comes from: an AI SDK provider, the client fact of a created one (`createOpenAI({…})`), its method. */
export interface ModelOrigin {
  provider: Provider;
  client: ClientFact | null;
  /** `chat`, `responses`, …; absent for a plain `provider('id')`. */
  method?: string;
}

/** The provider methods that make a language model (`openai.chat('gpt-4o')`). */
export const MODEL_METHODS = ['chat', 'responses', 'languageModel', 'completion', 'chatModel', 'completionModel'];

const MAX_DEPTH = 4;

/** `provider('id')` or `provider.chat('id')`: the provider expression and the method, if any. */
export function modelCallParts(call: ts.CallExpression): { base: ts.Expression; method?: string } {
  const fnExpr = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(fnExpr) && MODEL_METHODS.includes(fnExpr.name.text)) return { base: fnExpr.expression, method: fnExpr.name.text };
  return { base: fnExpr };
}

/**
 * `getModel(id)`: the model a workspace function returns (`return openai(id)`; `const compat = createOpenAI({…});
 * return compat(name)`; one return per provider in a `switch`), in this module or another. One origin per return;
 * null when the callee is not such a function or some return is anything else (a gateway model, a registry's model,
 * a value from elsewhere), which may then be any model.
 */
export function factoryModelOrigins(call: ts.CallExpression, ctx: FileContext, depth = 0): ModelOrigin[] | null {
  if (depth > MAX_DEPTH) return null;
  const callee = resolveExpression(call.expression, ctx);
  if (callee.kind !== 'node' || !isFunction(callee.node)) return null;
  const returned = returnedExpressions(callee.node);
  if (!returned?.length) return null;
  const out: ModelOrigin[] = [];
  for (const e of returned) {
    const origins = modelOrigins(e, callee.ctx, depth + 1);
    if (!origins) return null;
    out.push(...origins);
  }
  return out;
}

/** The same origin: one client (or one default provider) and one method. */
export function sameOrigin(a: ModelOrigin, b: ModelOrigin): boolean {
  if (a.method !== b.method || a.provider !== b.provider) return false;
  if (!a.client || !b.client) return a.client === b.client;
  return a.client.path === b.client.path && a.client.span.start === b.client.span.start;
}

export function isFunction(n: ts.Node): n is ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n);
}

/** Every expression the function returns; null when some `return` returns nothing. */
export function returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] | null {
  if (!fn.body) return null;
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  let bare = false;
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n)) {
      if (n.expression) out.push(n.expression);
      else bare = true;
    }
    if (!isFunction(n) && !ts.isClassLike(n)) ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return bare ? null : out;
}

/** The origins of one returned model expression: a model call, a `const` holding one, either branch of a `?:`. */
function modelOrigins(expr: ts.Expression, ctx: FileContext, depth: number): ModelOrigin[] | null {
  const e = unwrap(expr);
  if (ts.isConditionalExpression(e)) {
    const a = modelOrigins(e.whenTrue, ctx, depth);
    const b = a && modelOrigins(e.whenFalse, ctx, depth);
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isIdentifier(e)) {
    const init = constCallInitializer(e, ctx);
    return init ? modelOrigins(init, ctx, depth) : null;
  }
  if (!ts.isCallExpression(e)) return null;
  const { base, method } = modelCallParts(e);
  const b = bindingOf(base, ctx.sdk);
  if (b?.kind === 'ai-provider') return [{ provider: b.provider, client: null, ...(method ? { method } : {}) }];
  const r = resolveExpression(base, ctx);
  if (r.kind === 'client') return r.client.sdk === 'ai-sdk' ? [{ provider: r.client.provider, client: r.client, ...(method ? { method } : {}) }] : null;
  return method ? null : factoryModelOrigins(e, ctx, depth);
}

/** `const model = compat(name)` / `const model = await getModel()`: the call a `const` of this module is bound to. */
export function constCallInitializer(id: ts.Identifier, ctx: FileContext): ts.CallExpression | undefined {
  const decl = ctx.declarationOf(id);
  if (!decl || !('kind' in decl) || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  if (!ts.isVariableDeclarationList(decl.parent) || (decl.parent.flags & ts.NodeFlags.Const) === 0) return undefined;
  const init = unwrap(decl.initializer);
  return ts.isCallExpression(init) ? init : undefined;
}
