// Clients made only to ask the provider about models (`client.models.retrieve(model)` to read a model's output limit,
// AnythingLLM's `fetchModelMaxTokens`; `models.list()` to fill a model picker): account requests, not model calls.
// The Python front end's `account-clients.ts` is the same judgement.
import { ts } from './compiler';
import { enclosingFunction, walk } from './ast';

const ACCOUNT_METHODS = new Set(['retrieve', 'list']);

/** The file mentions a `models.retrieve(` / `models.list(` call at all (most files do not). */
export function mayHaveAccountCalls(text: string): boolean {
  return /\bmodels\s*\.\s*(?:retrieve|list)\s*\(/.test(text);
}

/**
 * `new OpenAI({ apiKey }).models.list()`, or a client bound to a local `const`/`let` whose every use in its function
 * is such a call. A module-level client, a class field, or a client handed on or returned may send model requests
 * elsewhere: it is not one.
 */
export function usedOnlyForAccountCalls(construction: ts.NewExpression | ts.CallExpression): boolean {
  const top = outer(construction);
  if (isAccountCallOn(top)) return true;
  const decl = top.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || decl.initializer !== top || !ts.isIdentifier(decl.name)) return false;
  const fn = enclosingFunction(decl);
  if (!fn?.body) return false;
  const name = decl.name;
  let uses = 0;
  let other = false;
  walk(fn.body, (n) => {
    if (other) return false;
    if (!ts.isIdentifier(n) || n === name || n.text !== name.text) return;
    // `x.client`, `{ client: … }`: another name spelled the same.
    const p = n.parent;
    if ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n)) return;
    // Any other use (a request, a return, a hand-off, a reassignment, a nested binding) may send model requests.
    if (isAccountCallOn(n)) uses++;
    else other = true;
  });
  return !other && uses > 0;
}

/** `<receiver>.models.retrieve(…)` / `<receiver>.models.list(…)`. */
function isAccountCallOn(receiver: ts.Node): boolean {
  const models = receiver.parent;
  if (!models || !ts.isPropertyAccessExpression(models) || models.expression !== receiver || models.name.text !== 'models') return false;
  const method = models.parent;
  if (!method || !ts.isPropertyAccessExpression(method) || !ACCOUNT_METHODS.has(method.name.text)) return false;
  return !!method.parent && ts.isCallExpression(method.parent) && method.parent.expression === method;
}

/** The construction as its parent sees it: through parentheses (`(new OpenAI(o)).models.list()`). */
function outer(e: ts.Node): ts.Node {
  let top = e;
  while (top.parent && ts.isParenthesizedExpression(top.parent)) top = top.parent;
  return top;
}
