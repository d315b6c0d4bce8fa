// Conversation histories a LangGraph.js checkpointer keeps for a thread, sent whole by a prebuilt agent or by a node of a
// checkpointed `StateGraph`. Mirrors the Python front end's langgraph-state.ts.
import type { HistoryFetch, LlmCallSite, Span } from '../../core/types';
import { ts } from './compiler';
import type { FileContext } from './file-context';
import { isImportRef } from './resolve';
import { enclosingFunction, spanOf, unwrap } from './ast';
import { prop } from './prompt';

/** The module prunes its own history: a trimmer, or a removal of old messages. */
const PRUNES_HISTORY = /\b(trimMessages|RemoveMessage|REMOVE_ALL_MESSAGES)\b/;
/** Options that change what the model is sent (a hook or prompt function may trim) or the state's reducer. */
const SHAPES_INPUT = ['preModelHook', 'stateModifier', 'messageModifier', 'stateSchema'];

/**
 * `createReactAgent({ llm, tools, checkpointSaver: new MemorySaver() })` (`@langchain/langgraph/prebuilt`; `checkpointer`
 * is the same option): its default state appends every message with `messagesStateReducer`, the checkpointer restores
 * the thread before each run, and the agent node sends `state.messages` whole (after a `prompt` string or
 * SystemMessage, if any). Left alone: a `preModelHook`, a prompt that is a function or anything not written in place,
 * a custom `stateSchema`, a spread of options, a checkpointer that is not a saver built in the module, and modules
 * that trim or remove messages.
 */
export function prebuiltAgentHistoriesIn(ctx: FileContext, calls: readonly ts.CallExpression[]): HistoryFetch[] {
  if (!ctx.text.includes('createReactAgent') || PRUNES_HISTORY.test(ctx.text)) return [];
  const out: HistoryFetch[] = [];
  for (const call of calls) {
    const callee = unwrap(call.expression);
    if (!ts.isIdentifier(callee) || ctx.imports.get(callee.text)?.specifier !== '@langchain/langgraph/prebuilt' || ctx.imports.get(callee.text)?.imported !== 'createReactAgent') continue;
    const opts = call.arguments[0] && unwrap(call.arguments[0]);
    if (!opts || !ts.isObjectLiteralExpression(opts) || opts.properties.some((p) => ts.isSpreadAssignment(p))) continue;
    if (SHAPES_INPUT.some((k) => prop(opts, k))) continue;
    const prompt = prop(opts, 'prompt');
    if (prompt && !isWrittenSystemPrompt(unwrap(prompt))) continue;
    const saver = prop(opts, 'checkpointer') ?? prop(opts, 'checkpointSaver');
    if (!saver || !builtSaver(unwrap(saver), ctx) || threadDiesWithCall(ctx, unwrap(saver), call)) continue;
    out.push({ path: ctx.path, span: spanOf(call, ctx.sf), api: 'createReactAgent', bounded: false, args: null, feedsPrompt: true, keptBy: "the agent's checkpointer" });
  }
  return out;
}

/** A prompt the agent puts before the messages: a string or `new SystemMessage(…)` written in the call. */
function isWrittenSystemPrompt(e: ts.Expression): boolean {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e)) return true;
  return ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'SystemMessage';
}

/** `new MemorySaver()`, `PostgresSaver.fromConnString(…)`, or a `const` of this module bound to one. */
function builtSaver(e: ts.Expression, ctx: FileContext): boolean {
  if (ts.isIdentifier(e)) {
    const decl = ctx.declarationOf(e);
    if (!decl || isImportRef(decl) || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
    if (!ts.isVariableDeclarationList(decl.parent) || !(decl.parent.flags & ts.NodeFlags.Const)) return false;
    e = unwrap(decl.initializer);
  }
  if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  const maker = ts.isNewExpression(e) ? e.expression : ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) ? e.expression.expression : null;
  if (!maker || !ts.isIdentifier(maker) || !/Saver$/.test(maker.text)) return false;
  return /^@langchain\/langgraph(-checkpoint[\w-]*)?$/.test(ctx.imports.get(maker.text)?.specifier ?? '');
}

/** `new StateGraph(…)` and the message reducer come from the LangGraph.js package (or its `/web` entry). */
const LANGGRAPH = /^@langchain\/langgraph(\/web)?$/;

/**
 * Reads of a checkpointed graph's message history in its nodes, as the Python front end reports them: `state.messages`
 * sent whole to a model (`model.invoke(state.messages)`, `[system, ...state.messages]`, or a `const` built so and
 * sent) in a node of `new StateGraph(MessagesAnnotation)` (or an `Annotation.Root` whose channel is reduced by
 * `messagesStateReducer`, or spreads `MessagesAnnotation.spec`) compiled with `.compile({ checkpointer })` and a saver
 * built in the module. The reducer appends every message and the checkpointer restores the thread before each run, so
 * the node sends the whole thread on every turn. Left alone: a graph without a checkpointer or with one from elsewhere,
 * a state declared in another module, nodes defined in another module, an index or slice of the channel, and modules
 * that trim or remove messages.
 */
export function stateGraphHistoriesIn(ctx: FileContext, callSites: readonly LlmCallSite[]): HistoryFetch[] {
  if (!ctx.text.includes('StateGraph') || !ctx.text.includes('checkpointer') || PRUNES_HISTORY.test(ctx.text)) return [];
  const out: HistoryFetch[] = [];
  const sent = callSites.filter((s) => s.path === ctx.path).map((s) => s.args.callArgsSpan);
  const visit = (n: ts.Node): void => {
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'StateGraph' && fromLangGraph(ctx, n.expression.text, 'StateGraph')) {
      const schema = n.arguments?.[0] && unwrap(n.arguments[0]);
      const channels = schema ? messageChannels(ctx, schema) : new Set<string>();
      const { nodes, compiled } = channels.size ? graphUses(ctx, n) : { nodes: [], compiled: [] };
      if (compiled.some((c) => compiledWithSaver(ctx, c))) {
        for (const fn of nodes) for (const read of wholeChannelSends(ctx, fn, channels, sent)) {
          if (out.some((o) => o.span.start === read.getStart(ctx.sf))) continue;
          out.push({ path: ctx.path, span: spanOf(read, ctx.sf), api: read.getText(ctx.sf), bounded: false, args: null, feedsPrompt: true, keptBy: "the graph's checkpointer" });
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(ctx.sf);
  return out;
}

function fromLangGraph(ctx: FileContext, local: string, imported: string): boolean {
  const ref = ctx.imports.get(local);
  return !!ref && ref.imported === imported && LANGGRAPH.test(ref.specifier);
}

/** The channels reduced by `messagesStateReducer`: `MessagesAnnotation`, or an `Annotation.Root({…})` const of this module. */
function messageChannels(ctx: FileContext, schema: ts.Expression): Set<string> {
  const out = new Set<string>();
  if (!ts.isIdentifier(schema)) return out;
  if (fromLangGraph(ctx, schema.text, 'MessagesAnnotation')) return new Set(['messages']);
  const decl = ctx.declarationOf(schema);
  if (!decl || isImportRef(decl) || !ts.isVariableDeclaration(decl) || !decl.initializer) return out;
  const root = unwrap(decl.initializer);
  if (!ts.isCallExpression(root) || root.expression.getText(ctx.sf) !== 'Annotation.Root' || !fromLangGraph(ctx, 'Annotation', 'Annotation')) return out;
  const spec = root.arguments[0] && unwrap(root.arguments[0]);
  if (!spec || !ts.isObjectLiteralExpression(spec)) return out;
  for (const p of spec.properties) {
    // `...MessagesAnnotation.spec`: the prebuilt `messages` channel.
    if (ts.isSpreadAssignment(p)) {
      const e = unwrap(p.expression);
      if (ts.isPropertyAccessExpression(e) && e.name.text === 'spec' && ts.isIdentifier(e.expression) && fromLangGraph(ctx, e.expression.text, 'MessagesAnnotation')) out.add('messages');
      continue;
    }
    if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) continue;
    const init = unwrap(p.initializer);
    const opts = ts.isCallExpression(init) && init.arguments[0] ? unwrap(init.arguments[0]) : null;
    const reducer = opts && ts.isObjectLiteralExpression(opts) ? prop(opts, 'reducer') : undefined;
    if (reducer && ts.isIdentifier(reducer) && fromLangGraph(ctx, reducer.text, 'messagesStateReducer')) out.add(p.name.text);
  }
  return out;
}

/**
 * The node functions and `.compile(…)` calls of the graph `new StateGraph(…)` starts: a chain on it
 * (`new StateGraph(S).addNode("model", callModel).compile(…)`) and calls on the `const` holding it or its chain.
 */
function graphUses(ctx: FileContext, graph: ts.NewExpression): { nodes: ts.FunctionLikeDeclaration[]; compiled: ts.CallExpression[] } {
  const nodes: ts.FunctionLikeDeclaration[] = [];
  const compiled: ts.CallExpression[] = [];
  const take = (call: ts.CallExpression, method: string) => {
    if (method === 'compile') compiled.push(call);
    if (method !== 'addNode') return;
    const fn = call.arguments[1] && nodeFunction(ctx, unwrap(call.arguments[1]));
    if (fn && !nodes.includes(fn)) nodes.push(fn);
  };
  let top: ts.Expression = graph;
  while (ts.isPropertyAccessExpression(top.parent) && ts.isCallExpression(top.parent.parent) && top.parent.parent.expression === top.parent) {
    take(top.parent.parent, top.parent.name.text);
    top = top.parent.parent;
  }
  const holder = ts.isVariableDeclaration(top.parent) && top.parent.initializer === top && ts.isIdentifier(top.parent.name) ? top.parent : null;
  if (holder) {
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === (holder.name as ts.Identifier).text && ctx.declarationOf(n.expression.expression) === holder) {
        // `graph.addNode(…).addNode(…)`: every call of the chain.
        let c: ts.Expression = n;
        take(n, n.expression.name.text);
        while (ts.isPropertyAccessExpression(c.parent) && ts.isCallExpression(c.parent.parent) && c.parent.parent.expression === c.parent) {
          take(c.parent.parent, c.parent.name.text);
          c = c.parent.parent;
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(ctx.sf);
  }
  return { nodes, compiled };
}

/** The function a node runs: written in place, or a function or `const` of this module. */
function nodeFunction(ctx: FileContext, e: ts.Expression): ts.FunctionLikeDeclaration | null {
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
  if (!ts.isIdentifier(e)) return null;
  const decl = ctx.declarationOf(e);
  if (!decl || isImportRef(decl)) return null;
  if (ts.isFunctionDeclaration(decl)) return decl;
  const init = ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : null;
  return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : null;
}

/** `.compile({ checkpointer })` with a saver built in this module (not one passed in, which may be undefined). */
function compiledWithSaver(ctx: FileContext, call: ts.CallExpression): boolean {
  const opts = call.arguments[0] && unwrap(call.arguments[0]);
  if (!opts || !ts.isObjectLiteralExpression(opts)) return false;
  const saver = prop(opts, 'checkpointer');
  return !!saver && builtSaver(unwrap(saver), ctx) && !threadDiesWithCall(ctx, unwrap(saver), call);
}

/**
 * `const memory = new MemorySaver(); const agent = createReactAgent({ …, checkpointSaver: memory }); await agent.invoke(…)`
 * in a request handler: an in-memory saver made by the function, for an agent or graph the function neither returns
 * nor stores outside itself, holds only that call's run, so no thread carries over to the next turn.
 */
function threadDiesWithCall(ctx: FileContext, saver: ts.Expression, built: ts.Expression): boolean {
  const fn = enclosingFunction(built);
  if (!fn) return false;
  let made = saver;
  if (ts.isIdentifier(made)) {
    const decl = ctx.declarationOf(made);
    if (!decl || isImportRef(decl) || !ts.isVariableDeclaration(decl) || !decl.initializer || enclosingFunction(decl) !== fn) return false;
    made = unwrap(decl.initializer);
  }
  if (!ts.isNewExpression(made) || !ts.isIdentifier(made.expression) || !/^(InMemorySaver|MemorySaver)$/.test(made.expression.text)) return false;
  // What holds the agent: `const agent = …` local to the function (anything else may outlive it).
  let top: ts.Node = built;
  while (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || ts.isAsExpression(top.parent)) top = top.parent;
  const holder = ts.isVariableDeclaration(top.parent) && top.parent.initializer === top && ts.isIdentifier(top.parent.name) ? top.parent : null;
  if (!holder) return false;
  let escapes = false;
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n) && n.expression && enclosingFunction(n) === fn) {
      const see = (e: ts.Node): void => {
        // `return agent.invoke(…)` returns a result; `return agent` or `return { agent }` returns the agent.
        if (ts.isIdentifier(e) && ctx.declarationOf(e) === holder && !(ts.isPropertyAccessExpression(e.parent) && e.parent.expression === e)) escapes = true;
        ts.forEachChild(e, see);
      };
      see(n.expression);
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(unwrap(n.right)) && ctx.declarationOf(unwrap(n.right) as ts.Identifier) === holder) escapes = true;
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return !escapes;
}

/**
 * `state.messages` (or a name bound to it: `const { messages } = state`) sent whole by the node: an argument of a
 * model call or a spread in one (`[system, ...state.messages]`), directly or through a `const` the call sends.
 * `state.messages.slice(-20)`, `state.messages[0]` and `state.messages.at(-1)` are not the channel sent whole.
 */
function wholeChannelSends(ctx: FileContext, fn: ts.FunctionLikeDeclaration, channels: Set<string>, sent: readonly Span[]): ts.Expression[] {
  const param = fn.parameters[0]?.name;
  if (!param || !fn.body) return [];
  const aliases = new Set<string>();
  if (ts.isObjectBindingPattern(param)) for (const el of param.elements) if (channels.has((el.propertyName ?? el.name).getText(ctx.sf)) && ts.isIdentifier(el.name)) aliases.add(el.name.text);
  const state = ts.isIdentifier(param) ? param.text : null;
  const isRead = (e: ts.Node): e is ts.Expression =>
    (ts.isIdentifier(e) && aliases.has(e.text) && !ts.isPropertyAccessExpression(e.parent)) ||
    (!!state && ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === state && channels.has(e.name.text));
  const inCall = (at: number) => sent.some((s) => s.start <= at && at < s.end);
  const whole = (e: ts.Expression) => ts.isSpreadElement(e.parent) || ts.isCallExpression(e.parent) && e.parent.arguments.includes(e) || ts.isArrayLiteralExpression(e.parent);
  const builtNames = new Map<string, ts.Expression[]>();
  const reads: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (n !== fn && ts.isFunctionLike(n)) return;
    // `const { messages } = state` / `const history = state.messages`: names for the channel.
    // Only a `const` (a `let` may be windowed before it is sent).
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isVariableDeclarationList(n.parent) && n.parent.flags & ts.NodeFlags.Const) {
      const init = unwrap(n.initializer);
      if (state && ts.isIdentifier(init) && init.text === state && ts.isObjectBindingPattern(n.name)) {
        for (const el of n.name.elements) if (channels.has((el.propertyName ?? el.name).getText(ctx.sf)) && ts.isIdentifier(el.name)) aliases.add(el.name.text);
      } else if (isRead(init) && ts.isIdentifier(n.name)) aliases.add(n.name.text);
    }
    if (isRead(n) && !ts.isVariableDeclaration(n.parent) && whole(n)) {
      const at = n.getStart(ctx.sf);
      if (inCall(at)) reads.push(n);
      else {
        // `const messages = [system, ...state.messages]` sent by name.
        const decl = enclosingConst(n);
        if (decl) builtNames.set(decl, [...(builtNames.get(decl) ?? []), n]);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  if (builtNames.size) {
    const sends = (n: ts.Node): void => {
      if (n !== fn && ts.isFunctionLike(n)) return;
      if (ts.isIdentifier(n) && builtNames.has(n.text) && !ts.isVariableDeclaration(n.parent) && inCall(n.getStart(ctx.sf)) && whole(n)) reads.push(...builtNames.get(n.text)!);
      ts.forEachChild(n, sends);
    };
    sends(fn.body);
  }
  return [...new Set(reads)];
}

/** `const x = [system, ...read]`: the const whose array literal holds `e` directly. */
function enclosingConst(e: ts.Expression): string | null {
  const arr = ts.isSpreadElement(e.parent) ? e.parent.parent : e.parent;
  if (!ts.isArrayLiteralExpression(arr)) return null;
  const decl = arr.parent;
  return ts.isVariableDeclaration(decl) && decl.initializer === arr && ts.isIdentifier(decl.name) ? decl.name.text : null;
}
