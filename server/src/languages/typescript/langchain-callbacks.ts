// LangChain.js callbacks that record token usage (`handleLLMEnd(output)` reading `output.llmOutput?.tokenUsage`), and
// whether one is handed to a given run.
import { ts } from './compiler';
import type { ClientFact } from '../../core/types';
import { isFunctionLike, nodeAt, propertyNameText, unwrap, walk } from './ast';
import type { FileContext, ImportRef } from './file-context';
import { importedDeclaration, isImportRef, resolveExpression, thisMemberInitializer } from './resolve';
import { isFunction, returnedExpressions } from './ai-model-factory';
import { chainFactoryOf } from './langchain-chain-factories';

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

/**
 * 'unseen': a handler whose code is outside the workspace (a package's, an import that cannot be followed). It may
 * record the usage, as LangChain's tracers do, so the run is left alone. 'unknown': a value the analysis cannot follow
 * (a parameter, a call), which counts only when the module has a usage handler of its own.
 */
type Verdict = 'yes' | 'unseen' | 'unknown' | 'no';

const merge = (vs: Verdict[]): Verdict => (['yes', 'unseen', 'unknown'] as const).find((v) => vs.includes(v)) ?? 'no';

/** A callbacks list and the module it is written in. */
type CallbacksList = { list: ts.Expression; ctx: FileContext };

/** The import an identifier or a namespace member (`handlers.usage`) names, if it names one. */
function importNamed(e: ts.Expression, ctx: FileContext): ImportRef | null {
  if (ts.isIdentifier(e)) {
    const decl = ctx.declarationOf(e);
    return isImportRef(decl) ? decl : null;
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const ns = ctx.declarationOf(e.expression);
    return isImportRef(ns) && ns.imported === '*' ? { specifier: ns.specifier, imported: e.name.text } : null;
  }
  return null;
}

/** LangChain's base handler class: it has no `handleLLMEnd` of its own. */
const isLangChainBaseHandler = (ref: ImportRef) => ref.imported === 'BaseCallbackHandler' && /^(@langchain\/core|langchain)(\/|$)/.test(ref.specifier);

/** A handler imported by name (`import { usageHandler } from './handlers'`), judged in the module that declares it. */
function importedHandler(ref: ImportRef, ctx: FileContext, depth: number): Verdict {
  const found = importedDeclaration(ref, ctx);
  if (!found) return 'unseen';
  const { decl, ctx: other } = found;
  if (ts.isVariableDeclaration(decl)) {
    if (ts.isIdentifier(decl.name) && usageHandlers(other).names.has(decl.name.text)) return 'yes';
    return decl.initializer ? holdsUsageHandler(decl.initializer, other, depth + 1) : 'unknown';
  }
  // `export default new UsageHandler()`, `module.exports = { usageHandler: … }`
  return ts.isExpression(decl) ? holdsUsageHandler(decl, other, depth + 1) : 'unknown';
}

/** What `new Cls(…)` is: judged by the class's own `handleLLMEnd` or, without one, its base class's. */
function constructedHandler(clsExpr: ts.Expression, ctx: FileContext, depth: number): Verdict {
  if (depth > 6) return 'unknown';
  const e = unwrap(clsExpr);
  const ref = importNamed(e, ctx);
  if (ref) {
    const found = importedDeclaration(ref, ctx);
    if (found) return classHandler(found.decl, found.ctx, depth);
    return isLangChainBaseHandler(ref) ? 'no' : 'unseen';
  }
  if (!ts.isIdentifier(e)) return 'unknown';
  const decl = ctx.declarationOf(e);
  // Not declared in the module: a global, no handler.
  if (isImportRef(decl)) return 'unknown';
  return decl ? classHandler(decl, ctx, depth) : 'no';
}

function classHandler(decl: ts.Node, ctx: FileContext, depth: number): Verdict {
  const init = ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
  const cls = ts.isClassLike(decl) ? decl : init && ts.isClassExpression(init) ? init : undefined;
  if (!cls) return 'unknown';
  for (const m of cls.members) {
    const fn = handlerFunction(m);
    if (fn) return readsUsage(fn) ? 'yes' : 'no';
  }
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  return base ? constructedHandler(base, ctx, depth + 1) : 'no';
}

/** Whether a callbacks list (`[handler]`, `callbacks`, a handler) holds a handler that records the usage. */
function holdsUsageHandler(expr: ts.Expression, ctx: FileContext, depth = 0): Verdict {
  if (depth > 6) return 'unknown';
  const handlers = usageHandlers(ctx);
  const e = unwrap(expr);
  if (handlers.holders.has(e)) return 'yes';
  if (ts.isArrayLiteralExpression(e)) return merge(e.elements.map((el) => holdsUsageHandler(ts.isSpreadElement(el) ? el.expression : el, ctx, depth + 1)));
  if (ts.isConditionalExpression(e)) return merge([holdsUsageHandler(e.whenTrue, ctx, depth + 1), holdsUsageHandler(e.whenFalse, ctx, depth + 1)]);
  if (ts.isObjectLiteralExpression(e) || e.kind === ts.SyntaxKind.UndefinedKeyword || e.kind === ts.SyntaxKind.NullKeyword) return 'no';
  // `BaseCallbackHandler.fromMethods({ … })` / `CallbackManager.fromHandlers({ … })` of methods that record no usage.
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && /^from(Methods|Handlers)$/.test(e.expression.name.text)) return 'no';
  if (ts.isNewExpression(e)) return constructedHandler(e.expression, ctx, depth + 1);
  if (ts.isIdentifier(e) && handlers.names.has(e.text)) return 'yes';
  if (ts.isIdentifier(e) && e.text === 'undefined') return 'no';
  const ref = importNamed(e, ctx);
  if (ref) return importedHandler(ref, ctx, depth + 1);
  if (ts.isIdentifier(e)) {
    const decl = ctx.declarationOf(e);
    if (!decl || isImportRef(decl) || !ts.isVariableDeclaration(decl) || !decl.initializer) return 'unknown';
    return holdsUsageHandler(decl.initializer, ctx, depth + 1);
  }
  return 'unknown';
}

/** The `callbacks` value of an options object (written in place, bound to a name or imported), or the options expression when it cannot be read. */
function callbacksOption(arg: ts.Expression, ctx: FileContext, depth = 0): CallbacksList[] {
  const e = unwrap(arg);
  if (ts.isArrayLiteralExpression(e)) return [{ list: e, ctx }];
  if (ts.isObjectLiteralExpression(e)) {
    const out: CallbacksList[] = [];
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'callbacks') out.push({ list: p.initializer, ctx });
      else if (ts.isShorthandPropertyAssignment(p) && p.name.text === 'callbacks') out.push({ list: p.name, ctx });
      else if (ts.isSpreadAssignment(p)) out.push(...callbacksOption(p.expression, ctx, depth + 1));
    }
    return out;
  }
  if (ts.isIdentifier(e) && depth < 4) {
    const decl = ctx.declarationOf(e);
    if (decl && !isImportRef(decl) && ts.isVariableDeclaration(decl) && decl.initializer) return callbacksOption(decl.initializer, ctx, depth + 1);
    // `import { runConfig } from './config'`
    const found = isImportRef(decl) ? importedDeclaration(decl, ctx) : null;
    if (found && ts.isVariableDeclaration(found.decl) && found.decl.initializer) return callbacksOption(found.decl.initializer, found.ctx, depth + 1);
    // A parameter, an import: its callbacks are not seen.
    return [{ list: e, ctx }];
  }
  return [];
}

/**
 * The callbacks lists a LangChain run is given where the code shows them: the call's options, and the `callbacks` of
 * the models and runnables it goes through (`new ChatOpenAI({ callbacks })`, `.withConfig({ callbacks })`).
 */
function runCallbacks(call: ts.CallExpression, ctx: FileContext): CallbacksList[] {
  const out: CallbacksList[] = [];
  for (const a of call.arguments.slice(1)) out.push(...callbacksOption(a, ctx));
  const seen = new Set<ts.Node>();
  const visit = (expr: ts.Expression, depth: number, at: FileContext = ctx): void => {
    const e = unwrap(expr);
    if (depth > 8 || seen.has(e) || isFunctionLike(e)) return;
    seen.add(e);
    // An agent or chain built around the model (`new AgentExecutor({ agent, callbacks })`,
    // `RetrievalQAChain.fromLLM(llm, retriever, { callbacks })`): its own callbacks, and those of what it runs.
    const built = ts.isNewExpression(e) || ts.isCallExpression(e) ? chainFactoryOf(e, at) : null;
    if (built) {
      if (built.options) out.push(...callbacksOption(built.options, at));
      visit(built.runnable, depth + 1, at);
      return;
    }
    if (ts.isIdentifier(e)) {
      const decl = at.declarationOf(e);
      if (decl && !isImportRef(decl) && ts.isVariableDeclaration(decl) && decl.initializer) visit(decl.initializer, depth + 1, at);
    } else if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const init = thisMemberInitializer(e);
      if (init) visit(init, depth + 1, at);
    } else if (ts.isNewExpression(e)) {
      const opts = e.arguments?.[0];
      if (opts) out.push(...callbacksOption(opts, at));
      // `new RunnableWithMessageHistory({ runnable, … })`
      const o = opts && unwrap(opts);
      if (o && ts.isObjectLiteralExpression(o)) for (const p of o.properties) if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'runnable') visit(p.initializer, depth + 1, at);
    } else if (ts.isCallExpression(e)) {
      const fn = unwrap(e.expression);
      // `await createAgentExecutor(handlers)`: what a workspace function returns, read where it is written.
      if (ts.isIdentifier(fn)) {
        const made = resolveExpression(fn, at);
        if (made.kind === 'node' && isFunction(made.node)) for (const r of returnedExpressions(made.node) ?? []) visit(r, depth + 1, made.ctx);
        return;
      }
      if (!ts.isPropertyAccessExpression(fn)) return;
      const name = fn.name.text;
      if (name === 'withConfig' || name === 'bind') for (const a of e.arguments) out.push(...callbacksOption(a, at));
      if (name === 'pipe') for (const a of e.arguments) visit(a, depth + 1, at);
      if (name === 'from') {
        const list = e.arguments[0] && unwrap(e.arguments[0]);
        if (list && ts.isArrayLiteralExpression(list)) for (const el of list.elements) visit(el, depth + 1, at);
        return;
      }
      visit(fn.expression, depth + 1, at);
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
export function usageCallbackReaches(call: ts.CallExpression, client: ClientFact | null, ctx: FileContext, candidates: readonly ClientFact[] = [], unseenModel = false): boolean {
  // A model built where the analysis does not look (injected, a factory's result) may carry such a callback.
  const verdicts: Verdict[] = unseenModel ? ['unseen'] : [];
  for (const { list, ctx: where } of [...runCallbacks(call, ctx), ...builtModelCallbacks(client, ctx, candidates)]) verdicts.push(holdsUsageHandler(list, where));
  const handlers = usageHandlers(ctx);
  const any = handlers.holders.size > 0 || handlers.names.size > 0;
  if (verdicts.includes('yes') || verdicts.includes('unseen')) return true;
  if (verdicts.length) return any && verdicts.includes('unknown');
  return any && !handedToSomeRun(ctx);
}

/**
 * Callbacks reach this run (its config's `callbacks`, or those of the model it goes through, built here or in another
 * module): a tracer may be among them. A model built out of sight (injected) is not presumed to carry one. A list
 * written out with nothing but handlers of streamed tokens (`[{ handleLLMNewToken(token) { … } }]`, or none) cannot
 * trace: it times no run and records no usage.
 */
export function callbacksMayReach(call: ts.CallExpression, client: ClientFact | null, ctx: FileContext, candidates: readonly ClientFact[] = []): boolean {
  return [...runCallbacks(call, ctx), ...builtModelCallbacks(client, ctx, candidates)].some(({ list }) => {
    const u = unwrap(list);
    return !(ts.isArrayLiteralExpression(u) && u.elements.every(tokenHandlerOnly));
  });
}

/** Handlers that see only the streamed tokens of a run. */
const TOKEN_HANDLERS = new Set(['handleLLMNewToken']);

/** `{ handleLLMNewToken(token) { … } }` written in the list: an object with token handlers and nothing else. */
function tokenHandlerOnly(e: ts.Expression): boolean {
  const u = unwrap(e);
  return (
    ts.isObjectLiteralExpression(u) &&
    u.properties.length > 0 &&
    u.properties.every((p) => (ts.isMethodDeclaration(p) || ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && TOKEN_HANDLERS.has(propertyNameText(p.name) ?? ''))
  );
}

/**
 * The `callbacks` of the models a run goes through that runCallbacks does not follow (it follows a model built in this
 * file): one built in another module, and each model a provider switch may hold (assigned, not initialised), read at
 * their construction.
 */
function builtModelCallbacks(client: ClientFact | null, ctx: FileContext, candidates: readonly ClientFact[]): CallbacksList[] {
  const out: CallbacksList[] = [];
  for (const c of [...(client && client.path !== ctx.path ? [client] : []), ...candidates]) {
    const other = ctx.workspace.contextFor(c.path);
    const node = other && nodeAt(other.sf, c.span.start, c.span.end, other.sf);
    const opts = node && ts.isNewExpression(node) ? node.arguments?.[0] : undefined;
    if (other && opts) out.push(...callbacksOption(opts, other));
  }
  return out;
}

/** One of the file's usage handlers is seen in some `callbacks` list: it goes to those runs. */
function handedToSomeRun(ctx: FileContext): boolean {
  let handed = false;
  walk(ctx.sf, (n) => {
    if (handed) return false;
    if (ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'callbacks') handed = holdsUsageHandler(n.initializer, ctx) === 'yes';
    else if (ts.isShorthandPropertyAssignment(n) && n.name.text === 'callbacks') handed = holdsUsageHandler(n.name, ctx) === 'yes';
  });
  return handed;
}
