// Conversation-history reads from stores (mirrors historyFetchOf in the TypeScript front end's other-facts.ts).
import type { HistoryFetch, LlmCallSite, Span } from '../../../core/types';
import { HISTORY_NAME } from '../../../core/volatility';
import { callsOf } from './callers';
import { bindingOf, derivedNames, filledIn, isSlice, onlySliced, sitesWithin } from './dataflow';
import { FnInfo, type PyFile } from './file-context';
import { resolveExpr } from './resolve';
import { stringValue } from './strings';
import { callArguments, keyword, positional, type Node } from './syntax';
import { callOfName, nodesMatching, wordNodes, wordRe } from './text-search';
import { langGraphHistoryReads } from './langgraph-state';
import { uiChatHistoryReads } from './ui-chat-history';

const HISTORY_MODEL = /message|chat|history|conversation|turn|transcript/i;

const HISTORY = /\.\s*(all|find|lrange|execute|fetch|fetchall|fetchmany|query|raw|filter|filter_by|exclude|order_by|select_related|prefetch_related|values_list|values)\s*\(/dg;
/** SQLAlchemy `Query` methods that narrow or order the rows it reads when iterated (`for m in session.query(M).filter_by(…)`). */
const SQLALCHEMY_QUERY_STEP = /^(filter|filter_by|order_by|join|outerjoin|options)$/;
/** A chain ending in one of these reads one row or a number, not the history. */
const ONE_ROW = /\.(first|one|one_or_none|scalar|get)\s*\(/;
/** Django QuerySet methods that start a read of the rows (`Message.objects.order_by(…)`, `conv.messages.filter(…)`). */
const QUERYSET_READ = /^(all|filter|exclude|order_by|select_related|prefetch_related|values_list|values)$/;
/** A chain that ends in one of these returns a number or changes rows: it reads no history. */
const NOT_ROWS = /\.(count|exists|aggregate|delete|update|annotate\([^)]*\)\.count)\s*\(/;

interface HistoryCandidate {
  node: Node;
  api: string;
  bounded: boolean;
  /**
   * History a chat UI framework keeps for the session (Gradio's `history` argument, Chainlit's user session): it
   * reaches a prompt only by flowing into one, never because its name sounds like history.
   */
  keptBySession?: boolean;
  /** The framework that keeps the whole conversation for the app (`HistoryFetch.keptBy`). */
  keptBy?: string;
}

/** The chain expression that ends at a call (`session.query(M).filter(...).all()` for its `.all()`). */
function chainTop(n: Node): Node {
  let top = n;
  while (top.parent && (top.parent.type === 'attribute' || (top.parent.type === 'call' && top.parent.childForFieldName('function')?.startIndex === top.startIndex) || top.parent.type === 'await')) top = top.parent;
  return top;
}

function historyCandidate(file: PyFile, call: Node): HistoryCandidate | null {
  const callee = call.childForFieldName('function')!;
  const method = callee.childForFieldName('attribute')?.text ?? '';
  const recv = callee.childForFieldName('object')!;
  const recvText = file.src(recv);
  const top = chainTop(call);
  const chainText = file.src(top);
  // `chain[-20:]`, also through `list(chain)[-20:]` / `reversed(…)`.
  let outer: Node = top;
  while (outer.parent?.type === 'argument_list' && outer.parent.namedChildren.length === 1 && /^(list|tuple|reversed|sorted)$/.test(outer.parent.parent?.childForFieldName('function')?.text ?? '')) outer = outer.parent.parent!;
  const sliced = outer.parent?.type === 'subscript' && outer.parent.childForFieldName('value')?.startIndex === outer.startIndex && (outer === top || isSlice(outer.parent));
  if (method === 'all' && /\bquery\(|\bselect\(|\bexecute\(|\bscalars\(/.test(recvText) && HISTORY_MODEL.test(recvText)) {
    return { node: call, api: 'query().all()', bounded: /\.limit\(|\.slice\(|\.first\(/.test(recvText) };
  }
  // `rows = session.query(Message).filter_by(…).order_by(…)` iterated later: a Query reads every row it matches.
  if (SQLALCHEMY_QUERY_STEP.test(method) && /\bquery\(/.test(recvText) && !/\.objects\b/.test(recvText) && HISTORY_MODEL.test(recvText) && !NOT_ROWS.test(chainText) && !ONE_ROW.test(chainText)) {
    // The whole chain is the read: it is what gets bound, iterated or returned.
    return { node: top.type === 'call' ? top : call, api: /\.all\(\s*\)\s*$/.test(chainText) ? 'query().all()' : 'query()', bounded: sliced || /\.limit\(|\.slice\(/.test(chainText) };
  }
  const djangoRead = QUERYSET_READ.test(method) && !NOT_ROWS.test(chainText);
  if (djangoRead && /\.objects$/.test(file.src(recv).replace(/\(.*$/s, '')) && HISTORY_MODEL.test(recvText)) {
    // Django: Message.objects.filter(...) — the outermost chain call is the fetch.
    return { node: call, api: `objects.${method}`, bounded: sliced || /\[[^\]]*:[^\]]*\]|\.first\(|\.last\(|\.get\(/.test(chainText) };
  }
  // Django related managers: `session.histories.all()`, `conversation.message_set.order_by(…)`, `conv.messages.filter(…)`.
  const manager = recv.type === 'attribute' ? recv.childForFieldName('attribute')?.text ?? '' : '';
  if (djangoRead && /^(\w*(message|history|chat|turn|conversation|transcript)\w*_set|messages|histories|history|turns|chats|conversations|transcripts)$/i.test(manager)) {
    return { node: call, api: `${manager}.${method}`, bounded: sliced || /\[[^\]]*:[^\]]*\]|\.first\(|\.last\(|\.get\(/.test(chainText) };
  }
  if (method === 'find' && HISTORY_MODEL.test(recvText)) {
    return { node: call, api: `${recvText.replace(/\s+/g, '')}.find`, bounded: /\.limit\(/.test(chainText) || /["']?limit["']?\s*[=:]/.test(file.src(call)) };
  }
  if (method === 'lrange') {
    // lrange(key, 0, -1) reads the whole list; lrange(key, -20, -1) only its tail.
    const start = positional(call.childForFieldName('arguments'), 1);
    const end = positional(call.childForFieldName('arguments'), 2);
    const tail = !!start && /^-(\d+$|[A-Za-z_(])/.test(file.src(start).replace(/\s/g, ''));
    // A list capped on write (`r.ltrim(key, -20, -1)` after each push) never holds more than the cap.
    return { node: call, api: 'redis.lrange', bounded: tail || (!!end && file.src(end).replace(/\s/g, '') !== '-1') || /\.\s*ltrim\s*\(/.test(file.text) };
  }
  if (/^(execute|fetch|fetchall|fetchmany|query|raw)$/.test(method)) {
    const first = positional(call.childForFieldName('arguments'), 0);
    const sql = first ? file.src(first) : '';
    if (/select[\s\S]+from\s+["'`]?\w*(message|chat|history|conversation|turn)/i.test(sql)) {
      // `.fetchone()` reads one row (a session's stored list, kept trimmed on write), as `.first()` does.
      return { node: call, api: `${method}(SELECT …)`, bounded: /\blimit\b/i.test(sql) || /\.\s*fetchone\s*\(/.test(chainText.slice(file.src(call).length)) };
    }
  }
  return null;
}

/** History reads and the names their results are bound to (for prompt origin). */
export function historyCandidates(file: PyFile): Array<HistoryCandidate & { binding: string | null }> {
  const out: Array<HistoryCandidate & { binding: string | null }> = [];
  const seen = new Set<number>();
  for (const call of nodesMatching(file, HISTORY, 1, callOfName)) {
    const h = historyCandidate(file, call);
    if (!h) continue;
    const top = chainTop(call);
    // One fetch per chain: Django `objects.filter(...).order_by(...)` and `.all()` are the same read.
    if (seen.has(top.startIndex)) continue;
    seen.add(top.startIndex);
    out.push({ ...h, binding: bindingOf(call)?.text ?? null });
  }
  for (const node of sessionStateReads(file)) out.push({ node, api: 'st.session_state', bounded: slicedRead(node), binding: bindingOf(node)?.text ?? extendedList(node) });
  for (const node of bufferMemoryReads(file)) out.push({ node, api: 'ConversationBufferMemory', bounded: slicedRead(node), binding: bindingOf(node)?.text ?? null });
  for (const r of uiChatHistoryReads(file)) out.push({ node: r.node, api: r.api, bounded: r.bounded || slicedRead(r.node), binding: r.binding, keptBySession: true });
  for (const r of langGraphHistoryReads(file)) out.push({ node: r.node, api: r.api, bounded: slicedRead(r.node), binding: r.binding, keptBySession: true, keptBy: 'the graph\'s checkpointer' });
  return out;
}

/** The read keeps a window of what it reads: `st.session_state.messages[-10:]`, `memory.chat_memory.messages[-10:]`. */
function slicedRead(node: Node): boolean {
  return node.parent?.type === 'subscript' && node.parent.childForFieldName('value')?.id === node.id && isSlice(node.parent);
}

/** Streamlit session-state keys that hold a chat's messages. */
const SESSION_HISTORY_KEY = /^(messages|chat_history|history|conversation|chat_messages|message_history)$/;

/**
 * Reads of a Streamlit chat's history (`st.session_state.messages`, `st.session_state["messages"]`): the session keeps
 * every message of the conversation and the script sends them on each rerun. Writes and in-place updates
 * (`….append(…)`, `st.session_state.messages = []`) are not reads.
 */
function sessionStateReads(file: PyFile): Node[] {
  if (!file.text.includes('session_state') || ![...file.imports.values()].some((b) => b.module === 'streamlit' && b.name === null)) return [];
  const out: Node[] = [];
  for (const n of wordNodes(file, 'session_state', (x) => x)) {
    const attr = n.parent;
    if (attr?.type !== 'attribute' || attr.childForFieldName('attribute')?.id !== n.id) continue;
    const st = attr.childForFieldName('object');
    const r = st ? resolveExpr(file, st) : null;
    if (r?.kind !== 'external' || r.qualified !== 'streamlit') continue;
    const outer = attr.parent;
    let read: Node | null = null;
    if (outer?.type === 'attribute' && outer.childForFieldName('object')?.id === attr.id && SESSION_HISTORY_KEY.test(outer.childForFieldName('attribute')?.text ?? '')) read = outer;
    else if (outer?.type === 'subscript' && outer.childForFieldName('value')?.id === attr.id) {
      const key = outer.childForFieldName('subscript');
      if (key && SESSION_HISTORY_KEY.test(stringValue(key, (x) => file.src(x)) ?? '')) read = outer;
    }
    if (!read) continue;
    const p = read.parent;
    // `st.session_state.messages.append(…)`, `= []`, `del …`: the history is written, not sent.
    if (p?.type === 'attribute' && p.childForFieldName('object')?.id === read.id && p.parent?.type === 'call') continue;
    if ((p?.type === 'assignment' || p?.type === 'augmented_assignment') && p.childForFieldName('left')?.id === read.id) continue;
    out.push(read);
  }
  return out;
}

/** `history.extend(st.session_state.messages)`, `history += …`: the list the read goes into. */
function extendedList(node: Node): string | null {
  const args = node.parent;
  if (args?.type === 'argument_list' && args.namedChildren.length === 1) {
    const fn = args.parent?.childForFieldName('function');
    const obj = fn?.type === 'attribute' && /^(extend|append)$/.test(fn.childForFieldName('attribute')?.text ?? '') ? fn.childForFieldName('object') : null;
    return obj?.type === 'identifier' ? obj.text : null;
  }
  if (args?.type === 'augmented_assignment' && args.childForFieldName('right')?.id === node.id) {
    const left = args.childForFieldName('left');
    return left?.type === 'identifier' ? left.text : null;
  }
  return null;
}

/** LangChain memories that keep a window, a token budget or a summary rather than every message. */
const BOUNDED_MEMORY = /\bConversation(BufferWindow|TokenBuffer|SummaryBuffer|Summary)Memory\b/;
/** What a ConversationBufferMemory hands back: every message of the session. */
const BUFFER_MEMORY_READS = new Set(['chat_memory', 'buffer_as_messages', 'buffer', 'load_memory_variables']);

/**
 * Reads of a LangChain `ConversationBufferMemory`, which keeps every message of a session: `memory.chat_memory.messages`,
 * `memory.buffer_as_messages`, `memory.load_memory_variables({})`. The memory is known by its construction, or by being
 * the only kind of memory the module imports.
 */
function bufferMemoryReads(file: PyFile): Node[] {
  if (!file.text.includes('ConversationBufferMemory') || !/langchain/.test(file.imports.get('ConversationBufferMemory')?.module ?? '')) return [];
  const onlyKind = !BOUNDED_MEMORY.test(file.text);
  const out: Node[] = [];
  for (const word of BUFFER_MEMORY_READS) {
    for (const n of wordNodes(file, word, (x) => x)) {
      const attr = n.parent;
      if (attr?.type !== 'attribute' || attr.childForFieldName('attribute')?.id !== n.id) continue;
      // `memory.chat_memory` is read through `.messages`; the others are the read themselves (`load_memory_variables(…)` once called).
      const read = word === 'chat_memory' ? (attr.parent?.type === 'attribute' && attr.parent.childForFieldName('attribute')?.text === 'messages' ? attr.parent : null) : word === 'load_memory_variables' ? (attr.parent?.type === 'call' ? attr.parent : null) : attr;
      const recv = attr.childForFieldName('object');
      if (!read || !recv || !(onlyKind || isBufferMemory(file, recv))) continue;
      out.push(read);
    }
  }
  return out;
}

/** The receiver holds a memory built here: `ConversationBufferMemory(…)`, also as a default (`d.setdefault(k, …(…))`). */
function isBufferMemory(file: PyFile, recv: Node): boolean {
  const r = resolveExpr(file, recv);
  if (r.kind !== 'node') return false;
  const src = r.file.src(r.node);
  return /\bConversationBufferMemory\s*\(/.test(src) && !BOUNDED_MEMORY.test(src);
}

/** LangChain chat message histories whose `messages` hand back every message stored for the session. */
const WHOLE_HISTORY_STORE = /^(InMemory|SQL|SQLite|Redis|UpstashRedis|MongoDB|Postgres|File|DynamoDB|Firestore|CosmosDB|Elasticsearch|Cassandra|Neo4j|SingleStoreDB|)ChatMessageHistory$/;

/**
 * `RunnableWithMessageHistory(prompt | llm, get_session_history)` whose factory hands out a LangChain store that keeps
 * every message (`InMemoryChatMessageHistory()`, `SQLChatMessageHistory(...)`): each turn sends the whole session to
 * the model, and nothing in the module trims it (`trim_messages`, a slice in the factory).
 */
export function runnableHistoriesIn(file: PyFile): HistoryFetch[] {
  if (!file.text.includes('RunnableWithMessageHistory') || /\btrim_messages\b/.test(file.text)) return [];
  const out: HistoryFetch[] = [];
  for (const call of wordNodes(file, 'RunnableWithMessageHistory', callOfName)) {
    const args = call.childForFieldName('arguments');
    const runnable = positional(args, 0) ?? keyword(args, 'runnable');
    if (!runnable || resolveExpr(file, runnable).kind !== 'client') continue;
    const factory = positional(args, 1) ?? keyword(args, 'get_session_history');
    const store = factory ? wholeHistoryStoreOf(file, factory) : null;
    if (store) out.push({ path: file.path, span: file.span(call), api: `RunnableWithMessageHistory(${store})`, bounded: false, args: null, feedsPrompt: true });
  }
  return out;
}

/** The LangChain store a session-history factory (a module function or a lambda) builds, when it keeps every message. */
function wholeHistoryStoreOf(file: PyFile, factory: Node): string | null {
  const def = factory.type === 'identifier' ? file.moduleDefs.get(factory.text) : undefined;
  const body = factory.type === 'lambda' ? factory : def instanceof FnInfo ? def.node : null;
  if (!body) return null;
  const text = file.src(body);
  // A window the factory applies (`history.messages = history.messages[-20:]`) bounds what it hands back.
  if (/\[\s*-|\.messages\s*=/.test(text)) return null;
  const stores = [...text.matchAll(/\b(\w*ChatMessageHistory)\s*\(/g)].map((m) => m[1]);
  // A store of the workspace (a `BaseChatMessageHistory` subclass) may window its messages.
  if (!stores.length || !stores.every((s) => WHOLE_HISTORY_STORE.test(s) && /langchain/.test(file.imports.get(s)?.module ?? ''))) return null;
  return stores[0];
}

/** History fetches with whether they reach a prompt. */
export function historyFetchesIn(file: PyFile, candidates: ReturnType<typeof historyCandidates>, callSites: LlmCallSite[]): HistoryFetch[] {
  const fetches = candidates.map((h) => historyFetchOf(file, h, callSites));
  // `for pair in MessagePair.objects.filter(chat=c): for m in pair.messages.all()`: the inner read is one row's own
  // messages (a pair's two); the conversation grows through the outer read, which is the finding.
  return fetches.filter((_, i) => !candidates.some((outer, j) => j !== i && !fetches[j].bounded && fetches[j].feedsPrompt && readsRowOf(candidates[i].node, outer.node)));
}

/** `read` is on the loop variable of a `for` over `outer` (`for pair in outer: … pair.messages.all()`). */
function readsRowOf(read: Node, outer: Node): boolean {
  const root = receiverRoot(read);
  if (!root) return false;
  for (let p = read.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda') return false;
    if (p.type !== 'for_statement' && p.type !== 'for_in_clause') continue;
    const right = p.childForFieldName('right');
    if (p.childForFieldName('left')?.text === root && right && right.startIndex <= outer.startIndex && outer.endIndex <= right.endIndex) return true;
  }
  return false;
}

/** The name a method chain starts from: `pair` in `pair.messages.all()`. */
function receiverRoot(call: Node): string | null {
  let x: Node | null = call;
  while (x && (x.type === 'call' || x.type === 'attribute')) x = x.childForFieldName(x.type === 'call' ? 'function' : 'object');
  return x?.type === 'identifier' ? x.text : null;
}

function historyFetchOf(file: PyFile, h: ReturnType<typeof historyCandidates>[number], callSites: LlmCallSite[]): HistoryFetch {
  const fn = file.functionAt(h.node.startIndex);
  let names = h.binding && fn ? derivedNames(file, fn, h.binding, { exceptSlices: true }) : h.binding ? [h.binding] : [];
  // `for h in r.lrange(key, 0, -1): messages.append(…)`: the lists the loop fills hold the read.
  const top = chainTop(h.node);
  const loop = top.parent?.type === 'for_statement' && top.parent.childForFieldName('right')?.id === top.id ? top.parent : null;
  const body = loop?.childForFieldName('body');
  if (!h.binding && fn && body) names = [...new Set(filledIn(body).flatMap((n) => derivedNames(file, fn, n)))];
  const fnText = fn ? file.src(fn.node) : file.text;
  const span = fn ? file.span(fn.node) : { start: 0, end: file.text.length };
  const local = sentWithin(callSites, span.start, span.end);
  const start = file.span(h.node).start;
  const feeds =
    // `messages=st.session_state.messages`, `[… for m in st.session_state.messages]` written into the request, or into
    // what it sends from elsewhere (`model.start_chat(history=st.session_state.messages)` for `chat.send_message`).
    ((h.api === 'st.session_state' || h.keptBySession) && [...local.sites.flatMap((s) => [s.args.callArgsSpan, ...s.prompt.map((p) => p.span)]), ...local.runInputs.map((i) => i.span)].some((a) => a.start <= start && start < a.end)) ||
    feedsPromptIn(names, local, h.keptBySession ? null : h.binding, fnText) ||
    (!!fn && passesToPromptHelper(file, fn, names)) ||
    (!!fn && returnedToPrompt(file, fn, h, names, callSites)) ||
    (!!fn && !fn.cls && !!fn.name && returnsFetch(file, fn, h, names) && file.index.promptFeedersOf(file.path).has(fn.qualName));
  // `history = history[-10:]` before the call: the read is windowed after all.
  const bindings = fn ? file.bindingsIn(fn) : null;
  // `recent = full[-4:]`: a window of the read is what the function has to send.
  const windowed = !!h.binding && !!fn && derivedNames(file, fn, h.binding).some((n) => !names.includes(n));
  // `messages=history[-10:] + [...]`: the prompt takes only a window of what holds the read.
  const sent = sentValues(local);
  const slicedAtCall = names.length > 0 && names.every((n) => sent.every((v) => !wordRe(n).test(v.text) || onlySliced(v.text, n))) && sent.some((v) => names.some((n) => wordRe(n).test(v.text)));
  const trimmed = windowed || slicedAtCall || (!!bindings && names.some((n) => (bindings.get(n) ?? []).some((b) => !!b.value && isSlice(b.value) && wordRe(n).test(file.src(b.value)))));
  return { path: file.path, span: file.span(h.node), api: h.api, bounded: h.bounded || trimmed, args: null, feedsPrompt: feeds, ...(h.keptBy ? { keptBy: h.keptBy } : {}) };
}

/**
 * What a function sends to models: the LLM calls written in it, and the inputs of the agent runs written in it
 * (`Runner.run(agent, input_messages)`, `agent.run(text, message_history=history)`; the agent may be built elsewhere
 * in the module), which go to the model whole on every turn of the run.
 */
interface Sent {
  sites: LlmCallSite[];
  runInputs: Array<{ span: Span; text: string }>;
}

function sentWithin(callSites: LlmCallSite[], start: number, end: number): Sent {
  const runInputs = callSites.flatMap((s) => (s.runInputs ?? []).filter((i) => start <= i.span.start && i.span.end <= end));
  return { sites: sitesWithin(callSites, start, end), runInputs };
}

/** The values written into what is sent: the dynamic prompt segments and the run inputs. */
function sentValues(sent: Sent): Array<{ span: Span; text: string }> {
  return [...sent.sites.flatMap((s) => s.prompt.flatMap((p) => p.segments.filter((seg) => seg.kind === 'dynamic'))), ...sent.runInputs];
}

/** Some of `names` reaches a prompt or a run input of `sent`, or a history-named binding goes where `messages` are built. */
function feedsPromptIn(names: string[], sent: Sent, binding: string | null, fnText: string): boolean {
  const values = sentValues(sent);
  return (
    names.some((n) => values.some((v) => wordRe(n).test(v.text))) ||
    (binding !== null && HISTORY_NAME.test(binding) && /messages/.test(fnText) && sent.sites.length > 0)
  );
}

/**
 * A helper of this module returns what it fetched (`def get_history(uid): return [json.loads(m) for m in
 * r.lrange(uid, 0, -1)]`), and a function that calls it sends the result to a model.
 */
function returnedToPrompt(file: PyFile, fn: FnInfo, h: HistoryCandidate, names: string[], callSites: LlmCallSite[]): boolean {
  if (!fn.name || !returnsFetch(file, fn, h, names)) return false;
  for (const call of callsOf(file, fn)) {
    const caller = file.functionAt(call.startIndex);
    if (!caller || caller === fn) continue;
    // `get_history(db, sid)[-20:]`: the caller keeps a window of what the helper fetched.
    if (call.parent && isSlice(call.parent)) continue;
    const bound = bindingOf(call)?.text ?? null;
    const derived = bound ? derivedNames(file, caller, bound) : [];
    const span = file.span(caller.node);
    const sent = sentWithin(callSites, span.start, span.end);
    if (sentAsWritten(file, call, sent) || feedsPromptIn(derived, sent, bound, file.src(caller.node)) || passesToPromptHelper(file, caller, derived)) return true;
  }
  return false;
}

/**
 * The call is written in a request's messages as they are (`messages=get_history(chat)`, `[*get_history(chat), …]`,
 * `[{…} for m in get_history(chat)]`, `Runner.run(agent, get_history(chat))`), not only mentioned inside another value.
 */
function sentAsWritten(file: PyFile, call: Node, sent: Sent): boolean {
  let value: Node = call;
  const loop = call.parent?.type === 'for_in_clause' && call.parent.childForFieldName('right')?.id === call.id ? call.parent.parent : null;
  if (loop && /comprehension$/.test(loop.type)) value = loop;
  const { start, end } = file.span(value);
  return sentValues(sent).some((v) => v.span.start === start && v.span.end === end);
}

/** The function's `return` hands back the fetch itself or a name computed from it. */
function returnsFetch(file: PyFile, fn: FnInfo, h: HistoryCandidate, names: string[]): boolean {
  return fn.node.descendantsOfType('return_statement').some((r) => {
    if (file.functionAt(r.startIndex) !== fn) return false;
    if (r.startIndex <= h.node.startIndex && h.node.endIndex <= r.endIndex) return true;
    const text = file.src(r);
    return names.some((n) => wordRe(n).test(text));
  });
}

/** Names that hold history (fetch bindings and what is computed from them), for prompt segment origin. */
export function historyNamesOf(file: PyFile, candidates: ReturnType<typeof historyCandidates>): Set<string> {
  const out = new Set<string>();
  for (const h of candidates) {
    if (!h.binding) continue;
    const fn = file.functionAt(h.node.startIndex);
    for (const n of fn ? derivedNames(file, fn, h.binding, { exceptSlices: true }) : [h.binding]) out.add(n);
  }
  return out;
}

/**
 * Functions of other workspace modules whose results this module sends to a model: `rows = crud.get_messages(db, cid)`
 * (or a name computed from it) in the messages of an LLM call of the same function. Their module reports the read.
 */
export function importedResultsFeedingPrompts(file: PyFile, callSites: LlmCallSite[]): Array<{ path: string; qualName: string }> {
  const out: Array<{ path: string; qualName: string }> = [];
  for (const fn of file.functions) {
    const span = file.span(fn.node);
    const sent = sentWithin(callSites, span.start, span.end);
    for (const call of fn.node.descendantsOfType('call')) {
      if (file.functionAt(call.startIndex) !== fn) continue;
      const callee = call.childForFieldName('function');
      if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) continue;
      // `get_history(db, sid)[-20:]`: a window of what the other module fetched.
      if (call.parent && isSlice(call.parent)) continue;
      const bound = bindingOf(call)?.text ?? null;
      if (!bound && !sentAsWritten(file, call, sent)) continue;
      const r = resolveExpr(file, callee);
      if (r.kind !== 'function' || r.path === file.path) continue;
      const names = bound ? derivedNames(file, fn, bound) : [];
      if (!bound || feedsPromptIn(names, sent, bound, file.src(fn.node)) || passesToPromptHelper(file, fn, names)) out.push({ path: r.path, qualName: r.qualName });
    }
  }
  return out;
}

/**
 * Some of `names` is passed to a workspace function whose parameter reaches an LLM prompt there
 * (`generate_reply(formatted)` with `def generate_reply(messages): client.chat.completions.create(messages=messages)`).
 */
function passesToPromptHelper(file: PyFile, fn: FnInfo, names: string[]): boolean {
  if (names.length === 0) return false;
  const res = names.map((n) => wordRe(n));
  for (const call of fn.node.descendantsOfType('call')) {
    if (file.functionAt(call.startIndex) !== fn) continue;
    const args = call.childForFieldName('arguments');
    if (!args || !res.some((re) => re.test(file.src(args)))) continue;
    const callee = call.childForFieldName('function');
    if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) continue;
    const r = resolveExpr(file, callee);
    if (r.kind !== 'function' || r.qualName.includes('.')) continue;
    const target = file.index.promptParams(r.path, r.qualName);
    if (!target) continue;
    const { keywords, positional } = callArguments(args);
    const passed = [...positional.map((a, i) => [target.params[i], a] as const), ...keywords.map((k) => [k.name, k.value] as const)];
    if (passed.some(([param, value]) => !!param && target.feeding.has(param) && res.some((re) => re.test(file.src(value))))) return true;
  }
  return false;
}
