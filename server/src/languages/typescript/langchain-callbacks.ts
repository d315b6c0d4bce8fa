// LangChain.js callbacks that record token usage (`handleLLMEnd(output)` reading `output.llmOutput?.tokenUsage`), and
// whether one is handed to a given run.
import { ts } from './compiler';
import type { ClientFact } from '../../core/types';
import { isFunctionLike, nodeAt, propertyNameText, unwrap, walk } from './ast';
import type { FileContext } from './file-context';
import { isImportRef, thisMemberInitializer } from './resolve';

/** Names on an LLMResult (or a generation's message) that hold the usage. */
const USAGE_NAMES = /^(llmOutput|tokenUsage|estimatedTokenUsage|usage_metadata|usageMetadata|response_metadata|usage)$/;
/** Parts of an LLMResult that carry the usage inside them: handing one on hands the usage on. */
const USAGE_CARRIERS = /^(generations|message)$/;

interface UsageHandlers {
  /** The objects, `fromMethods(…)` calls and `new` expressions that are such a handler. */
  holders: Set<ts.Node>;
  /** Variables and classes that hold one. */
  names: Set<string>;
}

const handlersByFile = new WeakMap<ts.SourceFile, UsageHandlers>();

/** The file's `handleLLMEnd` callbacks that read the output's usage or hand the output on. */
function usageHandlers(ctx: FileContext): UsageHandlers {
  const cached = handlersByFile.get(ctx.sf);
  if (cached) return cached;
  const out: UsageHandlers = { holders: new Set(), names: new Set() };
  if (ctx.text.includes('handleLLMEnd')) {
    walk(ctx.sf, (n) => {
      const fn = handlerFunction(n);
      if (!fn || !readsUsage(fn)) return;
      const owner = n.parent;
      if (ts.isClassLike(owner)) {
        if (owner.name) out.names.add(owner.name.text);
        return;
      }
      // `handler.handleLLMEnd = (output) => …`
      if (ts.isBinaryExpression(n)) {
        const target = unwrap((n.left as ts.PropertyAccessExpression).expression);
        if (ts.isIdentifier(target)) out.names.add(target.text);
        return;
      }
      if (!ts.isObjectLiteralExpression(owner)) return;
      // `{ handleLLMEnd(output) {…} }`, maybe in `BaseCallbackHandler.fromMethods(…)` / `CallbackManager.fromHandlers(…)`.
      let holder: ts.Node = owner;
      out.holders.add(holder);
      while (holder.parent && (ts.isParenthesizedExpression(holder.parent) || ts.isAsExpression(holder.parent) || ((ts.isCallExpression(holder.parent) || ts.isNewExpression(holder.parent)) && holder.parent.arguments?.includes(holder as ts.Expression)))) {
        holder = holder.parent;
        out.holders.add(holder);
      }
      if (ts.isVariableDeclaration(holder.parent) && ts.isIdentifier(holder.parent.name)) out.names.add(holder.parent.name.text);
    });
  }
  handlersByFile.set(ctx.sf, out);
  return out;
}

/** The function of a `handleLLMEnd` method, property or assignment. */
function handlerFunction(n: ts.Node): ts.FunctionLikeDeclaration | undefined {
  const named = (name: ts.PropertyName | undefined) => !!name && propertyNameText(name) === 'handleLLMEnd';
  if (ts.isMethodDeclaration(n) && named(n.name)) return n;
  let value: ts.Expression | undefined;
  if ((ts.isPropertyAssignment(n) || ts.isPropertyDeclaration(n)) && named(n.name)) value = n.initializer;
  else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.name.text === 'handleLLMEnd') value = n.right;
  const v = value && unwrap(value);
  return v && (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) ? v : undefined;
}

/**
 * The handler reads the usage from its output (`output.llmOutput?.tokenUsage`, `…message.usage_metadata`) or hands
 * the output, or a part that carries the usage, to something else (a logger, a metrics call, a field).
 */
function readsUsage(fn: ts.FunctionLikeDeclaration): boolean {
  const param = fn.parameters[0];
  if (!param || !fn.body) return false;
  if (ts.isObjectBindingPattern(param.name)) {
    return param.name.elements.some((el) => {
      const key = el.propertyName ? propertyNameText(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : null;
      if (!key || !ts.isIdentifier(el.name)) return false;
      return USAGE_NAMES.test(key) || (USAGE_CARRIERS.test(key) && usesAsCarrier(el.name.text, fn.body!));
    });
  }
  return ts.isIdentifier(param.name) && usesAsCarrier(param.name.text, fn.body);
}

/** A use of `name` (an LLMResult or a part carrying usage) that reads or hands on the usage. */
function usesAsCarrier(name: string, body: ts.Node): boolean {
  let found = false;
  walk(body, (n) => {
    if (found) return false;
    if (!ts.isIdentifier(n) || n.text !== name) return;
    const parent = n.parent;
    if ((ts.isPropertyAccessExpression(parent) && parent.name === n) || ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent)) && parent.name === n)) return;
    let top: ts.Expression = n;
    let carries = true;
    for (;;) {
      const p: ts.Node = top.parent;
      if (ts.isPropertyAccessExpression(p) && p.expression === top) {
        if (USAGE_NAMES.test(p.name.text)) {
          found = true;
          return false;
        }
        carries &&= USAGE_CARRIERS.test(p.name.text);
      } else if (!((ts.isElementAccessExpression(p) && p.expression === top) || ts.isNonNullExpression(p) || ts.isParenthesizedExpression(p) || ts.isAsExpression(p))) break;
      top = p as ts.Expression;
    }
    if (!carries) return;
    // `const message = output.generations[0][0]`: what the alias is used for.
    const alias = top.parent;
    if (ts.isVariableDeclaration(alias) && alias.initializer === top && ts.isIdentifier(alias.name)) found = usesAsCarrier(alias.name.text, body);
    else if (handedOn(top)) found = true;
  });
  return found;
}

/** The value goes somewhere: a call's argument, an object or array, a return, an assignment. */
function handedOn(e: ts.Expression): boolean {
  const p = e.parent;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(e)) return true;
  if (ts.isSpreadElement(p) || ts.isSpreadAssignment(p) || ts.isArrayLiteralExpression(p) || ts.isShorthandPropertyAssignment(p) || ts.isReturnStatement(p)) return true;
  if (ts.isPropertyAssignment(p) && p.initializer === e) return true;
  if (ts.isArrowFunction(p) && p.body === e) return true;
  return ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === e;
}

type Verdict = 'yes' | 'no' | 'unknown';

const merge = (vs: Verdict[]): Verdict => (vs.includes('yes') ? 'yes' : vs.includes('unknown') ? 'unknown' : 'no');

/** Whether a callbacks list (`[handler]`, `callbacks`, a handler) holds one of the usage handlers. */
function holdsUsageHandler(expr: ts.Expression, ctx: FileContext, handlers: UsageHandlers, depth = 0): Verdict {
  if (depth > 6) return 'unknown';
  const e = unwrap(expr);
  if (handlers.holders.has(e)) return 'yes';
  if (ts.isArrayLiteralExpression(e)) return merge(e.elements.map((el) => holdsUsageHandler(ts.isSpreadElement(el) ? el.expression : el, ctx, handlers, depth + 1)));
  if (ts.isConditionalExpression(e)) return merge([holdsUsageHandler(e.whenTrue, ctx, handlers, depth + 1), holdsUsageHandler(e.whenFalse, ctx, handlers, depth + 1)]);
  if (ts.isObjectLiteralExpression(e) || e.kind === ts.SyntaxKind.UndefinedKeyword || e.kind === ts.SyntaxKind.NullKeyword) return 'no';
  // `BaseCallbackHandler.fromMethods({ … })` / `CallbackManager.fromHandlers({ … })` of methods that record no usage.
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && /^from(Methods|Handlers)$/.test(e.expression.name.text)) return 'no';
  if (ts.isNewExpression(e)) {
    const cls = unwrap(e.expression);
    return ts.isIdentifier(cls) && handlers.names.has(cls.text) ? 'yes' : 'no';
  }
  if (ts.isIdentifier(e)) {
    if (handlers.names.has(e.text)) return 'yes';
    if (e.text === 'undefined') return 'no';
    const decl = ctx.declarationOf(e);
    if (!decl || isImportRef(decl) || !ts.isVariableDeclaration(decl) || !decl.initializer) return 'unknown';
    return holdsUsageHandler(decl.initializer, ctx, handlers, depth + 1);
  }
  return 'unknown';
}

/** The `callbacks` value of an options object (written in place or bound to a name), or the options expression when it cannot be read. */
function callbacksOption(arg: ts.Expression, ctx: FileContext, depth = 0): ts.Expression[] {
  const e = unwrap(arg);
  if (ts.isArrayLiteralExpression(e)) return [e];
  if (ts.isObjectLiteralExpression(e)) {
    const out: ts.Expression[] = [];
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'callbacks') out.push(p.initializer);
      else if (ts.isShorthandPropertyAssignment(p) && p.name.text === 'callbacks') out.push(p.name);
      else if (ts.isSpreadAssignment(p)) out.push(...callbacksOption(p.expression, ctx, depth + 1));
    }
    return out;
  }
  if (ts.isIdentifier(e) && depth < 4) {
    const decl = ctx.declarationOf(e);
    if (decl && !isImportRef(decl) && ts.isVariableDeclaration(decl) && decl.initializer) return callbacksOption(decl.initializer, ctx, depth + 1);
    // A parameter, an import: its callbacks are not seen.
    return [e];
  }
  return [];
}

/**
 * The callbacks lists a LangChain run is given where the code shows them: the call's options, and the `callbacks` of
 * the models and runnables it goes through (`new ChatOpenAI({ callbacks })`, `.withConfig({ callbacks })`).
 */
function runCallbacks(call: ts.CallExpression, ctx: FileContext): ts.Expression[] {
  const out: ts.Expression[] = [];
  for (const a of call.arguments.slice(1)) out.push(...callbacksOption(a, ctx));
  const seen = new Set<ts.Node>();
  const visit = (expr: ts.Expression, depth: number): void => {
    const e = unwrap(expr);
    if (depth > 8 || seen.has(e) || isFunctionLike(e)) return;
    seen.add(e);
    if (ts.isIdentifier(e)) {
      const decl = ctx.declarationOf(e);
      if (decl && !isImportRef(decl) && ts.isVariableDeclaration(decl) && decl.initializer) visit(decl.initializer, depth + 1);
    } else if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const init = thisMemberInitializer(e);
      if (init) visit(init, depth + 1);
    } else if (ts.isNewExpression(e)) {
      const opts = e.arguments?.[0];
      if (opts) out.push(...callbacksOption(opts, ctx));
      // `new RunnableWithMessageHistory({ runnable, … })`
      const o = opts && unwrap(opts);
      if (o && ts.isObjectLiteralExpression(o)) for (const p of o.properties) if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'runnable') visit(p.initializer, depth + 1);
    } else if (ts.isCallExpression(e)) {
      const fn = unwrap(e.expression);
      if (!ts.isPropertyAccessExpression(fn)) return;
      const name = fn.name.text;
      if (name === 'withConfig' || name === 'bind') for (const a of e.arguments) out.push(...callbacksOption(a, ctx));
      if (name === 'pipe') for (const a of e.arguments) visit(a, depth + 1);
      if (name === 'from') {
        const list = e.arguments[0] && unwrap(e.arguments[0]);
        if (list && ts.isArrayLiteralExpression(list)) for (const el of list.elements) visit(el, depth + 1);
        return;
      }
      visit(fn.expression, depth + 1);
    }
  };
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee)) visit(callee.expression, 0);
  return out;
}

/**
 * A callback that records the usage (a `handleLLMEnd` reading its output's usage) is handed to this LangChain run: in
 * the call's, the model's or a runnable's `callbacks` (the model may be built in another module); or the file has one
 * that it hands to no run the analysis sees, so it may be installed where the analysis does not look. An empty or
 * usage-blind `handleLLMEnd` records nothing.
 */
export function usageCallbackReaches(call: ts.CallExpression, client: ClientFact | null, ctx: FileContext): boolean {
  const verdicts: Verdict[] = [];
  const handlers = usageHandlers(ctx);
  for (const list of runCallbacks(call, ctx)) verdicts.push(holdsUsageHandler(list, ctx, handlers));
  if (client && client.path !== ctx.path) {
    const other = ctx.workspace.contextFor(client.path);
    const node = other && nodeAt(other.sf, client.span.start, client.span.end, other.sf);
    const opts = node && ts.isNewExpression(node) ? node.arguments?.[0] : undefined;
    if (other && opts) for (const list of callbacksOption(opts, other)) verdicts.push(holdsUsageHandler(list, other, usageHandlers(other)));
  }
  const any = handlers.holders.size > 0 || handlers.names.size > 0;
  if (verdicts.includes('yes')) return true;
  if (verdicts.length) return any && verdicts.includes('unknown');
  return any && !handedToSomeRun(ctx, handlers);
}

/** One of the file's usage handlers is seen in some `callbacks` list: it goes to those runs. */
function handedToSomeRun(ctx: FileContext, handlers: UsageHandlers): boolean {
  let handed = false;
  walk(ctx.sf, (n) => {
    if (handed) return false;
    if (ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'callbacks') handed = holdsUsageHandler(n.initializer, ctx, handlers) === 'yes';
    else if (ts.isShorthandPropertyAssignment(n) && n.name.text === 'callbacks') handed = holdsUsageHandler(n.name, ctx, handlers) === 'yes';
  });
  return handed;
}
