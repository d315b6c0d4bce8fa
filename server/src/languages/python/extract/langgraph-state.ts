// Conversation histories a LangGraph checkpointer keeps for a thread: the `add_messages` channel of a graph's state.
import type { HistoryFetch } from '../../../core/types';
import { FnInfo, type ClassInfo, type PyFile } from './file-context';
import { bindingOf } from './dataflow';
import { addNodeAction, STATE_GRAPH } from './langgraph-runs';
import { resolveExpr } from './resolve';
import { stringValue } from './strings';
import { keyword, parameterList, positional, type Node } from './syntax';
import { callOfName, nodesMatching, wordNodes } from './text-search';
import type { UiHistoryRead } from './ui-chat-history';

const MESSAGES_STATE = /^langgraph\.graph(\.message)?\.MessagesState$/;
const ADD_MESSAGES = /^langgraph\.graph(\.message)?\.add_messages$/;
/** The graph prunes its own history: a trimmer, a `RemoveMessage` of old messages, or a summarising node. */
const PRUNES_HISTORY = /\b(trim_messages|RemoveMessage|REMOVE_ALL_MESSAGES|SummarizationNode|summarize_messages)\b/;

/**
 * Reads of a checkpointed graph's message history in its nodes: `state["messages"]` where the state's `messages`
 * channel is reduced by `add_messages` (declared as `Annotated[list, add_messages]`, or inherited from `MessagesState`)
 * and the graph is compiled with a checkpointer (`builder.compile(checkpointer=…)`). The checkpointer restores every
 * message of the thread before each run and `add_messages` only appends, so a node that sends the channel whole sends
 * the whole thread on every turn. Read in the graph's nodes (their state parameter) and in functions whose parameter is
 * annotated with the state class (`def build_prompt(state: State)`). A graph that trims or removes messages anywhere
 * in the module is left alone, as is an index into the channel (`state["messages"][-1]`, one message).
 */
export function langGraphHistoryReads(file: PyFile): UiHistoryRead[] {
  if (!file.text.includes('StateGraph') || !file.text.includes('checkpointer') || PRUNES_HISTORY.test(file.text)) return [];
  const out: UiHistoryRead[] = [];
  for (const call of wordNodes(file, 'StateGraph', callOfName)) {
    const callee = call.childForFieldName('function');
    const r = callee ? resolveExpr(file, callee) : null;
    if (r?.kind !== 'external' || !STATE_GRAPH.test(r.qualified)) continue;
    const builder = bindingOf(call)?.text;
    const args = call.childForFieldName('arguments');
    const schema = positional(args, 0) ?? keyword(args, 'state_schema');
    if (!builder || schema?.type !== 'identifier') continue;
    const channels = messageChannels(file, schema.text, new Set());
    if (!channels.size || !compiledWithCheckpointer(file, builder, call)) continue;
    for (const { fn, param } of stateReaders(file, builder, schema.text, call)) {
      for (const read of channelReads(file, fn, param, channels)) {
        if (!out.some((o) => o.node.id === read.id)) out.push({ node: read, api: file.src(read), binding: bindingOf(read)?.text ?? null, bounded: false });
      }
    }
  }
  return out;
}

/** The state fields reduced by `add_messages`, for a schema named in this module (a class here, or `MessagesState`). */
function messageChannels(file: PyFile, name: string, seen: Set<string>): Set<string> {
  const out = new Set<string>();
  if (seen.has(name)) return out;
  seen.add(name);
  const def = file.moduleDefs.get(name);
  if (!def) {
    const imp = file.imports.get(name);
    if (imp && MESSAGES_STATE.test(`${imp.module}.${imp.name}`)) out.add('messages');
    return out;
  }
  if (def instanceof FnInfo) return out;
  for (const base of def.bases) if (base.type === 'identifier') for (const c of messageChannels(file, base.text, seen)) out.add(c);
  for (const field of annotatedFields(def)) {
    const reducer = field.annotation.type === 'generic_type' || field.annotation.type === 'subscript' ? lastTypeArgument(field.annotation) : null;
    const rr = reducer?.type === 'identifier' || reducer?.type === 'attribute' ? resolveExpr(file, reducer) : null;
    if (rr?.kind === 'external' && ADD_MESSAGES.test(rr.qualified)) out.add(field.name);
  }
  return out;
}

/** `messages: Annotated[list, add_messages]` lines of a class body. */
function annotatedFields(cls: ClassInfo): Array<{ name: string; annotation: Node }> {
  const out: Array<{ name: string; annotation: Node }> = [];
  for (const stmt of cls.node.childForFieldName('body')?.namedChildren ?? []) {
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (a?.type !== 'assignment') continue;
    const left = a.childForFieldName('left');
    const type = a.childForFieldName('type');
    if (left?.type === 'identifier' && type) out.push({ name: left.text, annotation: type.namedChildren[0] ?? type });
  }
  return out;
}

/** The last argument of `Annotated[…, reducer]`. */
function lastTypeArgument(t: Node): Node | null {
  const params = t.type === 'generic_type' ? t.namedChildren.find((c) => c.type === 'type_parameter') : t.childForFieldName('subscript') ? t : null;
  const items = params ? (t.type === 'generic_type' ? params.namedChildren : t.namedChildren.slice(1)) : [];
  const last = items[items.length - 1] ?? null;
  return last?.type === 'type' ? (last.namedChildren[0] ?? null) : last;
}

/** `builder.compile(checkpointer=X)` with X a saver (not None, and not a parameter the caller may leave None). */
function compiledWithCheckpointer(file: PyFile, builder: string, graphCall: Node): boolean {
  const scope = file.functionAt(graphCall.startIndex);
  for (const call of nodesMatching(file, /\.\s*(compile)\s*\(/dg, 1, callOfName)) {
    const recv = call.childForFieldName('function')?.childForFieldName('object');
    if (recv?.text !== builder || file.functionAt(call.startIndex) !== scope) continue;
    if (keepsThreads(file, call)) return true;
  }
  return false;
}

/**
 * The call's `checkpointer=X` is a saver: not None or False, not True (a subgraph that shares its parent's saver, which
 * the parent's own finding covers), and not a parameter of the enclosing function (the caller may leave it None).
 */
function keepsThreads(file: PyFile, call: Node): boolean {
  const saver = keyword(call.childForFieldName('arguments'), 'checkpointer');
  if (!saver || saver.type === 'none' || saver.type === 'false' || saver.type === 'true') return false;
  const scope = file.functionAt(call.startIndex);
  return !(saver.type === 'identifier' && scope && parameterList(scope.node).some((p) => p.id.text === saver.text));
}

const CREATE_REACT_AGENT = /^langgraph\.prebuilt(\.chat_agent_executor)?\.create_react_agent$/;
/**
 * Options of `create_react_agent` that change what the model is sent: `pre_model_hook` (documented as the place to
 * trim or summarise the history), a custom `state_schema` (its reducer may differ), and `prompt` or the older
 * `state_modifier` / `messages_modifier` when not a string or SystemMessage (a callable or runnable gets the whole
 * state and returns the model's input, so it may window it). langgraph/prebuilt/chat_agent_executor.py,
 * `_get_prompt_runnable`: no prompt sends `state["messages"]`, a str or SystemMessage is put before them.
 */
const SHAPES_AGENT_INPUT = ['pre_model_hook', 'state_schema'];
const AGENT_PROMPTS = ['prompt', 'state_modifier', 'messages_modifier'];

/**
 * `create_react_agent(model, tools, checkpointer=InMemorySaver())` (`langgraph.prebuilt`), the Python twin of the
 * TypeScript front end's `createReactAgent`: its default `AgentState` reduces `messages` with `add_messages`, the
 * checkpointer restores the thread before each run, and the agent node sends every message (after a `prompt` string or
 * SystemMessage, if any). Left alone: the options above, `**kwargs`, a checkpointer that is None, True or a parameter,
 * and modules that trim or remove messages.
 */
export function prebuiltAgentHistoriesIn(file: PyFile): HistoryFetch[] {
  if (!file.text.includes('create_react_agent') || !file.text.includes('checkpointer') || PRUNES_HISTORY.test(file.text)) return [];
  const out: HistoryFetch[] = [];
  for (const call of wordNodes(file, 'create_react_agent', callOfName)) {
    const callee = call.childForFieldName('function');
    const r = callee ? resolveExpr(file, callee) : null;
    if (r?.kind !== 'external' || !CREATE_REACT_AGENT.test(r.qualified)) continue;
    const args = call.childForFieldName('arguments');
    if (!args || args.namedChildren.some((c) => c.type === 'dictionary_splat' || c.type === 'list_splat')) continue;
    if (SHAPES_AGENT_INPUT.some((k) => keyword(args, k))) continue;
    if (AGENT_PROMPTS.some((k) => { const p = keyword(args, k); return p && !isWrittenSystemPrompt(file, p); })) continue;
    if (!keepsThreads(file, call) || threadDiesWithCall(file, call)) continue;
    out.push({ path: file.path, span: file.span(call), api: 'create_react_agent', bounded: false, args: null, feedsPrompt: true, keptBy: "the agent's checkpointer" });
  }
  return out;
}

const IN_MEMORY_SAVER = /\.(InMemorySaver|MemorySaver)$/;

/**
 * `memory = MemorySaver(); agent = create_react_agent(llm, tools, checkpointer=memory); agent.invoke(…)` in a request
 * handler: an in-memory saver made by the function, for an agent the function neither returns nor stores, holds only
 * that call's run, so no thread carries over to the next turn. (`return agent.invoke(…)` returns a result, not the agent.)
 */
function threadDiesWithCall(file: PyFile, call: Node): boolean {
  const fn = file.functionAt(call.startIndex);
  let saver = keyword(call.childForFieldName('arguments'), 'checkpointer');
  if (!fn || !saver) return false;
  if (saver.type === 'identifier') saver = file.soleAssignment(saver);
  const maker = saver?.type === 'call' ? saver.childForFieldName('function') : null;
  const r = maker ? resolveExpr(file, maker) : null;
  if (r?.kind !== 'external' || !IN_MEMORY_SAVER.test(r.qualified)) return false;
  const agent = bindingOf(call)?.text;
  if (!agent) return false;
  const returned = fn.node.descendantsOfType('return_statement').some((ret) => file.functionAt(ret.startIndex) === fn && ret.descendantsOfType('identifier').some((id) => id.text === agent && !(id.parent?.type === 'attribute' && id.parent.childForFieldName('object')?.id === id.id)));
  return !returned;
}

/** A prompt the agent puts before the messages: a string, or `SystemMessage(…)` written in the call. */
function isWrittenSystemPrompt(file: PyFile, e: Node): boolean {
  if (stringValue(e, (x) => file.src(x)) !== null || e.type === 'string' || e.type === 'concatenated_string') return true;
  const callee = e.type === 'call' ? e.childForFieldName('function') : null;
  const r = callee ? resolveExpr(file, callee) : null;
  return r?.kind === 'external' && /\.SystemMessage$/.test(r.qualified);
}

/** Functions that get the graph's state: its nodes (first parameter) and functions annotated with the state class. */
function stateReaders(file: PyFile, builder: string, schema: string, graphCall: Node): Array<{ fn: FnInfo; param: string }> {
  const out: Array<{ fn: FnInfo; param: string }> = [];
  const add = (fn: FnInfo | null | undefined) => {
    const first = fn ? parameterList(fn.node).find((p) => p.id.text !== 'self' && p.id.text !== 'cls') : null;
    if (fn && first && !out.some((o) => o.fn === fn)) out.push({ fn, param: first.id.text });
  };
  const scope = file.functionAt(graphCall.startIndex);
  // Every graph's nodes in the module: a node of another graph (one that keeps no thread) is not this graph's reader.
  const otherNodes = new Set<FnInfo>();
  for (const call of nodesMatching(file, /\.\s*(add_node)\s*\(/dg, 1, callOfName)) {
    const recv = call.childForFieldName('function')?.childForFieldName('object');
    const at = file.functionAt(call.startIndex);
    const action = addNodeAction(file, call);
    const fn = action ? nodeFunction(file, action, at) : null;
    if (recv?.text === builder && at === scope) add(fn);
    else if (fn) otherNodes.add(fn);
  }
  for (const fn of file.functions) {
    const p = parameterList(fn.node).find((x) => x.id.text !== 'self' && x.id.text !== 'cls');
    const annotation = p?.id.parent?.childForFieldName('type');
    if (p && annotation?.text === schema && !otherNodes.has(fn)) add(fn);
  }
  return out;
}

/** The function a node runs: a module function, or `self._node` of the class building the graph. */
function nodeFunction(file: PyFile, action: Node, scope: FnInfo | null): FnInfo | null {
  if (action.type === 'identifier') {
    const def = file.moduleDefs.get(action.text);
    return def instanceof FnInfo ? def : null;
  }
  if (action.type === 'attribute' && action.childForFieldName('object')?.text === 'self' && scope?.cls) {
    const name = action.childForFieldName('attribute')?.text;
    return scope.cls.methods.find((m) => m.name === name) ?? null;
  }
  return null;
}

/** `state["messages"]`, `state.messages`, `state.get("messages")` in `fn` (not in a nested function), not indexed. */
function channelReads(file: PyFile, fn: FnInfo, param: string, channels: Set<string>): Node[] {
  const out: Node[] = [];
  for (const id of fn.node.descendantsOfType('identifier')) {
    if (id.text !== param || file.functionAt(id.startIndex) !== fn) continue;
    const p = id.parent;
    if (!p) continue;
    let read: Node | null = null;
    if (p.type === 'subscript' && p.childForFieldName('value')?.id === id.id) {
      const key = p.childForFieldName('subscript');
      if (key && channels.has(stringValue(key, (x) => file.src(x)) ?? '')) read = p;
    } else if (p.type === 'attribute' && p.childForFieldName('object')?.id === id.id) {
      const attr = p.childForFieldName('attribute')?.text ?? '';
      const call = p.parent?.type === 'call' && p.parent.childForFieldName('function')?.id === p.id ? p.parent : null;
      if (attr === 'get' && call) {
        const key = positional(call.childForFieldName('arguments'), 0);
        if (key && channels.has(stringValue(key, (x) => file.src(x)) ?? '')) read = call;
      } else if (channels.has(attr) && !call) read = p;
    }
    // `state["messages"][-1]`: one message, not the history (a slice is a window, judged by the caller).
    const outer = read?.parent;
    if (read && outer?.type === 'subscript' && outer.childForFieldName('value')?.id === read.id && !outer.namedChildren.some((c) => c.type === 'slice')) continue;
    if (read) out.push(read);
  }
  return out;
}
