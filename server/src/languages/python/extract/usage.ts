// What happens to a call's result (its token usage), mirroring the TypeScript front end's usageOf.
import type { LlmCallSite } from '../../../core/types';
import { AGENT_FACTORIES, mapBranches, wrappedRunnable } from './langchain-runnables';
import { prebuiltAgentOf } from './langchain-templates';
import { namesUsageField, usageFieldName, usageFieldsUnder } from '../../../core/usage-fields';
import { inErrorBranch } from './error-branch';
import { linesLoop, parsedEvent, trimmedText } from './raw-stream';
import { FnInfo, type ClassInfo, type PyFile } from './file-context';
import { stringValue } from './strings';
import { enclosingStatement, parameterList, unwrap, type Node } from './syntax';
import { callOfName, identifiersNamed, wordNodes } from './text-search';
import { calledFunction, clientConstruction, PASSTHROUGH, resolveExpr, returnedValues } from './resolve';

/** Usage fields read as attributes: the providers' (`core/usage-fields`) and LangChain's. */
const USAGE_PROPS = usageFieldName(['response_metadata', 'total_usage']);
/**
 * A key that reads the usage from a dict-shaped response (`r["usage"]`, Gemini REST's `data["usageMetadata"]`,
 * ollama's `r["eval_count"]`, the token counts Bedrock adds to the last event of an invoke_model stream).
 */
const USAGE_KEY = usageFieldName(['amazon-bedrock-invocationMetrics']);
/**
 * Keys of a boto3 Bedrock Runtime response that hold the model's payload, usage included: invoke_model's `body` (a
 * StreamingBody of the provider's JSON, read with `.read()` and `json.loads`), a stream's `stream` / `body` (its
 * events), an event's `chunk` and its `bytes`.
 */
const PAYLOAD_KEY = /^(body|stream|chunk|bytes)$/;
/** Payload reads followed, one inside another (the response, its body, the parsed body, its events…). */
const MAX_PAYLOAD_DEPTH = 4;
// Anthropic's `message_delta` carries the usage only for a loop that reads `event.usage`; the helper stream's
// `message_stop` event holds the whole message (`event.message`), usage included, while the raw one carries nothing.
const STREAM_READS_USAGE = namesUsageField(/invocationMetrics|inputTokenCount|get_final_message|get_final_completion|final_message|message_stop[\s\S]*\.message\b|\.message\b[\s\S]*message_stop/);
// `parse()` turns a `with_raw_response` result into the response object, usage included.
const FINAL = /^(get_final_message|get_final_completion|get_final_response|final_message|final_response|until_done|parse)$/;
/**
 * Serialising the whole response keeps its usage for whoever receives it. google-genai's responses also have
 * `to_json_dict()`, `model_dump(exclude_none=True, mode='json')` (google/genai/_common.py BaseModel @07b3902).
 */
const SERIALISE = /^(model_dump|model_dump_json|dict|json|to_dict|to_json|to_json_dict)$/;
/** The serialisations that give a dict (a parsed HTTP body, a pydantic model's fields), read like the response. */
const AS_DICT = /^(json|model_dump|dict|to_dict|to_json_dict)$/;
const ESCAPES = new Set(['return_statement', 'argument_list', 'keyword_argument', 'pair', 'list', 'tuple', 'set', 'dictionary', 'list_splat', 'yield', 'lambda', 'binary_operator', 'expression_list']);

type Usage = Pick<LlmCallSite, 'usage' | 'resultBinding' | 'usageDroppedBy' | 'usageDroppedIn'>;

/** Builtins that look at a value without keeping it (`getattr` with a `usage` key is a read, handled before). */
const INSPECTS = /^(hasattr|isinstance|getattr|len|type|id|bool|callable)$/;

/**
 * How far a value has been followed, with a bound for each kind of step: `nesting` counts the steps inside one function
 * (a Bedrock payload read out of the response, an event of a stream, an alias, a parsed line), `hops` the helpers it
 * was handed to. Apart, so that an event unwrapped four levels deep (response, body, chunk, bytes) can still go to a
 * helper: a helper's parameter is followed afresh, at nesting 0.
 */
export interface Followed {
  readonly nesting: number;
  readonly hops: number;
}

const START: Followed = { nesting: 0, hops: 0 };

/** One step further inside the same function. */
function deeper(f: Followed): Followed {
  return { nesting: f.nesting + 1, hops: f.hops };
}

/** What happens to the call's result, and the binding a usage-recording fix can use. */
export function usageOf(call: Node, file: PyFile, _streaming: boolean | null, _method: string, depth: Followed = START): Usage {
  // `prompt | llm | StrOutputParser()`: the parser hands back text (or parsed data) and drops the message's usage.
  if (call.type === 'call' && endsInOutputParser(file, call)) return { usage: 'discarded' };
  // A LangGraph agent hands back its state, whose AI messages carry `usage_metadata`: what the caller makes of them
  // is not judged (as for LangGraph.js).
  if (call.type === 'call' && prebuiltAgentOf(file, call)) return { usage: 'unknown' };
  let top = call;
  for (;;) {
    while (top.parent && (top.parent.type === 'await' || top.parent.type === 'parenthesized_expression')) top = top.parent;
    // `await asyncio.wait_for(call, timeout=20)` / `asyncio.shield(call)` resolve to the call's own response.
    const args = top.parent?.type === 'argument_list' ? top.parent : null;
    const outer = args?.parent?.type === 'call' ? args.parent : null;
    if (outer && args!.namedChildren[0]?.id === top.id && /(^|\.)(wait_for|shield)$/.test(outer.childForFieldName('function')?.text ?? '')) top = outer;
    else break;
  }
  // `json.loads(client.invoke_model(…)["body"].read())`: what happens to the payload decides.
  const payload = payloadValue(file, top);
  if (payload !== top) return { usage: depth.nesting < MAX_PAYLOAD_DEPTH ? usageOf(payload, file, null, '', deeper(depth)).usage : 'escapes' };
  const parent = top.parent;
  if (!parent) return { usage: 'unknown' };
  switch (parent.type) {
    case 'attribute': {
      const attr = parent.childForFieldName('attribute')?.text ?? '';
      if (USAGE_PROPS.test(attr) || nestedUsageRead(parent, attr)) return { usage: 'read' };
      if (attr === 'get' && parent.parent?.type === 'call' && readsUsageKey(file, parent.parent)) return { usage: 'read' };
      // `create(…).model_dump()`: what happens to the dict decides (no binding for a fix: it holds a dict).
      if (AS_DICT.test(attr) && parent.parent?.type === 'call' && parent.parent.childForFieldName('function')?.id === parent.id) return { usage: usageOf(parent.parent, file, null, '').usage };
      return { usage: SERIALISE.test(attr) ? 'escapes' : 'discarded' };
    }
    case 'subscript':
      return { usage: readsUsageKey(file, parent) ? 'read' : 'discarded' };
    case 'expression_statement':
      return { usage: 'discarded' };
    case 'for_statement':
      return { usage: parent.childForFieldName('right')?.id === top.id ? loopUsage(file, parent, scopeOf(parent), depth) : 'unknown' };
    case 'as_pattern': {
      // with client.messages.stream(...) as stream:
      const alias = parent.childForFieldName('alias')?.namedChildren[0];
      if (alias?.type !== 'identifier') return { usage: 'unknown' };
      return { usage: references(file, alias.text, alias, scopeOf(parent), depth) };
    }
    case 'with_item':
      return { usage: 'discarded' };
    case 'assignment': {
      const left = parent.childForFieldName('left');
      if (!left) return { usage: 'unknown' };
      if (left.type === 'attribute' || left.type === 'subscript') return { usage: 'escapes' };
      if (left.type !== 'identifier') return { usage: 'unknown' };
      const stmt = enclosingStatement(parent);
      const helpers: string[] = [];
      const usage = references(file, left.text, left, scopeOf(parent), depth, helpers);
      // A dict from a chain's map step holds the message under a key, and a chain another module builds may return
      // anything: no binding a fix could read the usage from.
      if (call.type === 'call' && runsUnknownOutput(file, call)) return { usage, ...droppedIn(usage, helpers) };
      return { usage, resultBinding: { name: left.text, statementSpan: file.span(stmt) }, ...droppedIn(usage, helpers) };
    }
    case 'keyword_argument':
    case 'argument_list': {
      // `return self._parse_response(client.messages.create(…), tools)`: what the helper does with its parameter.
      const helpers: string[] = [];
      const usage = helperUsage(file, top, depth, helpers);
      return { usage, ...droppedIn(usage, helpers) };
    }
    default:
      return ESCAPES.has(parent.type) ? { usage: 'escapes' } : { usage: 'unknown' };
  }
}

/**
 * `def complete(p): return client.chat.completions.create(…)`: the response escapes to the callers, so what they do
 * with it decides. When every call of the function in the workspace drops the usage (reads `.choices` only), so
 * does this call. A function nobody in the workspace calls may serve callers elsewhere: it stays as it was.
 */
export function wrappedUsage(file: PyFile, call: Node, usage: Usage): Usage {
  if (usage.usage !== 'escapes') return usage;
  const fn = returnedBy(file, call);
  if (!fn) return usage;
  const outers = new Set<string>();
  const uses = callerUsages(file, fn, 1, outers);
  // Named after the wrapper whose callers read only the reply (the outer one when every path goes through it).
  const droppedBy = outers.size === 1 ? [...outers][0] : fn.name;
  return uses.length > 0 && uses.every((u) => u === 'discarded') ? { usage: 'discarded', usageDroppedBy: droppedBy } : usage;
}

/** Wrappers of wrappers followed: `ask()` returns `_complete()`, which returns the call. */
const MAX_WRAPPER_DEPTH = 2;

/** What the callers of a function that returns the response do with it (a caller that returns it in turn: its callers). */
function callerUsages(file: PyFile, fn: FnInfo, depth: number, outers: Set<string>): Array<LlmCallSite['usage']> {
  const calls = fn.cls
    ? // A method: `self.complete(…)` anywhere in the module (subclasses call it too); other modules are not followed.
      // (Not an SDK client's method of the same name: `self.bedrock.invoke_model(…)` is no call of `self.invoke_model`.)
      wordNodes(file, fn.name, callOfName).filter((c) => file.functionAt(c.startIndex) !== fn && c.childForFieldName('function')?.type === 'attribute' && !onClient(file, c))
    : fn.parent
      ? // A closure (`def _create(model): return client…create(…)` inside the function that calls it): its callers are there.
        wordNodes(file, fn.name, callOfName).filter((c) => c.startIndex >= fn.parent!.start && c.endIndex <= fn.parent!.end && !within(c, fn) && c.childForFieldName('function')?.type === 'identifier')
      : wordNodes(file, fn.name, callOfName).filter((c) => file.functionAt(c.startIndex) !== fn && resolvesTo(file, c, fn));
  const uses: Array<LlmCallSite['usage']> = [];
  for (const c of calls) {
    const u = usageOf(c, file, null, '').usage;
    // `return ask(q)` in another wrapper: what that wrapper's callers do decides.
    const outer = u === 'escapes' && depth < MAX_WRAPPER_DEPTH ? returnedBy(file, c) : null;
    if (outer && outer !== fn) {
      outers.add(outer.name);
      uses.push(...orEscapes(callerUsages(file, outer, depth + 1, outers)));
    } else {
      uses.push(u);
      outers.add(fn.name);
    }
  }
  if (!fn.cls && !fn.parent) uses.push(...file.index.resultUsages(file.path, fn.qualName));
  // Handed on as a value (`executor.submit(ask, p)`, `map(ask, …)`, `{"ask": ask}`): whoever calls it may read the usage.
  if (passedOn(file, fn)) uses.push('escapes');
  return uses;
}

function onClient(file: PyFile, call: Node): boolean {
  const receiver = call.childForFieldName('function')?.childForFieldName('object');
  return !!receiver && resolveExpr(file, receiver).kind === 'client';
}

/** A wrapper nobody here calls hands its result to callers unseen. */
function orEscapes(uses: Array<LlmCallSite['usage']>): Array<LlmCallSite['usage']> {
  return uses.length ? uses : ['escapes'];
}

function within(inner: Node, fn: FnInfo): boolean {
  return inner.startIndex >= fn.start && inner.endIndex <= fn.end;
}

/**
 * The module-level function, method of a module-level class or closure that hands back the call's result as it is:
 * `return client…create(…)`, or `completion = client…create(…)` whose only uses are `return completion` and reads of
 * other fields.
 */
function returnedBy(file: PyFile, call: Node): FnInfo | null {
  const fn = file.functionAt(call.startIndex);
  // A closure's callers are in its enclosing function; a method of a class nested in a function is not followed.
  if (!fn || !fn.name || (fn.parent && fn.cls)) return null;
  let top = call;
  while (top.parent && (top.parent.type === 'await' || top.parent.type === 'parenthesized_expression')) top = top.parent;
  if (top.parent?.type === 'return_statement') return fn;
  const left = top.parent?.type === 'assignment' && top.parent.childForFieldName('right')?.id === top.id ? top.parent.childForFieldName('left') : null;
  if (left?.type !== 'identifier') return null;
  let returned = false;
  for (const n of identifiersNamed(file, left.text, fn.node.startIndex, fn.node.endIndex)) {
    if (n.startIndex === left.startIndex) continue;
    const p = n.parent;
    const asIs = returnedAsIs(n);
    if (asIs === 'returned') returned = true;
    else if (asIs === 'tested') continue;
    else if (!(p?.type === 'attribute' && p.childForFieldName('object')?.id === n.id && !USAGE_PROPS.test(p.childForFieldName('attribute')?.text ?? '') && p.parent?.type !== 'call')) return null;
  }
  return returned ? fn : null;
}

/**
 * How a use of the result's name hands it back: `return response`, or the response or nothing (`return response or
 * None`, `return response if response else None`: the caller gets the response whenever there is one); `tested` for
 * the test of that conditional.
 */
function returnedAsIs(n: Node): 'returned' | 'tested' | null {
  const p = n.parent;
  if (p?.type === 'return_statement') return 'returned';
  if (p?.parent?.type !== 'return_statement') return null;
  if (p.type === 'boolean_operator' && p.child(1)?.type === 'or' && p.childForFieldName('left')?.id === n.id && p.childForFieldName('right')?.type === 'none') return 'returned';
  if (p.type === 'conditional_expression') {
    const [value, test, otherwise] = p.namedChildren.filter((c) => c.type !== 'comment');
    if (value?.type !== 'identifier' || test?.type !== 'identifier' || test.text !== value.text || otherwise?.type !== 'none') return null;
    return n.id === value.id ? 'returned' : n.id === test.id ? 'tested' : null;
  }
  return null;
}

/** The function's name appears other than as its definition or a callee in this module. */
function passedOn(file: PyFile, fn: FnInfo): boolean {
  const own = fn.node.childForFieldName('name');
  for (const n of identifiersNamed(file, fn.name, 0, file.root.endIndex)) {
    if (own && n.startIndex === own.startIndex) continue;
    const p = n.parent;
    if (p?.type === 'call' && p.childForFieldName('function')?.id === n.id) continue;
    // `self.ask(…)` and `obj.ask` name an attribute; `import`/`def` lines are not uses.
    if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) {
      if (p.parent?.type === 'call' && p.parent.childForFieldName('function')?.id === p.id) continue;
      return true;
    }
    if (p && /import|dotted_name|function_definition/.test(p.type)) continue;
    if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) continue;
    return true;
  }
  return false;
}

/** `complete(…)` here calls the module's own `complete`, not a method or a shadowing local of the same name. */
function resolvesTo(file: PyFile, call: Node, fn: FnInfo): boolean {
  const callee = call.childForFieldName('function');
  return callee?.type === 'identifier' && file.moduleDefs.get(callee.text) === fn && !file.functionAt(call.startIndex)?.params.includes(callee.text);
}

const OUTPUT_PARSER = /(^|\.)\w*OutputParser$/;

/**
 * The LangChain call (`chain.invoke(…)`) runs a runnable whose output is not known to be the model's message: a map
 * (`… | {"answer": prompt | llm}`: a dict), or a chain some function builds out of sight (`chain, fmt = get_chain()`
 * from another module, which may end in a parser).
 */
function runsUnknownOutput(file: PyFile, call: Node): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || !RUNNABLE_RUN.test(fn.childForFieldName('attribute')?.text ?? '')) return false;
  const object = unwrap(fn.childForFieldName('object') ?? fn);
  const receiver = boundValue(file, object);
  if (!receiver) return object.type === 'identifier' && unpackedName(file, object);
  const step = finalStep(file, receiver);
  if (!step) return true;
  if (mapBranches(step)) return true;
  if (step.type !== 'call' || clientConstruction(file, step)) return false;
  const callee = step.childForFieldName('function');
  // `llm.bind_tools(tools)`, `llm.with_retry()`: the same model.
  return !(callee?.type === 'attribute' && PASSTHROUGH.has(callee.childForFieldName('attribute')?.text ?? ''));
}

const RUNNABLE_RUN = /^a?(invoke|batch)$/;

/** A local name bound by tuple unpacking (`chain, fmt = get_chain()`): one element of what a function returned. */
function unpackedName(file: PyFile, id: Node): boolean {
  const fn = file.functionAt(id.startIndex);
  const bindings = fn ? file.bindingsIn(fn).get(id.text) : undefined;
  return !!bindings?.length && bindings.every((b) => b.kind === 'unpack');
}

/**
 * The call runs a LangChain runnable that hands back text or parsed data, not the message with its usage: a pipe
 * whose last step is an output parser (`prompt | llm | StrOutputParser()`), or a model wrapped by
 * `with_structured_output(…)` (without `include_raw=True`), alone or at the end of a pipe.
 */
function endsInOutputParser(file: PyFile, call: Node): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return false;
  const object = unwrap(fn.childForFieldName('object') ?? fn);
  const receiver = boundValue(file, object);
  // `from chains.generation import generation_chain`: the chain is built in another module of the workspace.
  if (!receiver) return object.type === 'identifier' && importedParsedRunnable(file, object.text);
  return dropsMessage(file, receiver);
}

/** An imported name that its workspace module binds to a runnable ending in an output parser. */
function importedParsedRunnable(file: PyFile, name: string): boolean {
  const imp = file.imports.get(name);
  if (!imp?.name) return false;
  const target = file.index.resolveModule(file.path, imp.level, imp.module);
  return !!target && file.index.isParsedRunnable(file.path, target, imp.name);
}

/** A runnable that hands back text or parsed data (`prompt | llm | StrOutputParser()`, `llm.with_structured_output(S)`). */
export function dropsMessage(file: PyFile, value: Node): boolean {
  const step = finalStep(file, value);
  if (!step) return false;
  if (structuredOutput(file, step)) return true;
  // `create_stuff_documents_chain(llm, prompt)` ends in an output parser (StrOutputParser unless another is given).
  if (step.type === 'call' && calleeText(step) === 'create_stuff_documents_chain') return true;
  const callee = step.type === 'call' ? step.childForFieldName('function') : step;
  return !!callee && OUTPUT_PARSER.test(file.src(callee));
}

/**
 * The step whose output a runnable hands back: the last step of a pipe, through names bound once, functions of this
 * module that build and return it (`llm_chain = configure_chain()`), and runnables that run the one they wrap
 * (`create_retrieval_chain(retriever, docs_chain)` puts the answer of `docs_chain` under "answer").
 */
function finalStep(file: PyFile, value: Node, depth = 0): Node | null {
  const e = unwrap(value);
  if (depth > 3) return e;
  if (e.type === 'binary_operator' && e.childForFieldName('operator')?.type === '|') {
    const last = e.childForFieldName('right');
    const step = last ? boundValue(file, unwrap(last)) : null;
    return step ? unwrap(step) : null;
  }
  if (e.type !== 'call') return e;
  // A prebuilt agent hands back its state, not its model's message.
  const inner = calleeText(e) === 'create_stuff_documents_chain' || AGENT_FACTORIES.has(calleeText(e)) ? null : wrappedRunnable(e);
  if (inner) {
    const bound = boundValue(file, unwrap(inner));
    return bound ? finalStep(file, bound, depth + 1) : null;
  }
  const callee = e.childForFieldName('function');
  const def = callee?.type === 'identifier' ? file.moduleDefs.get(callee.text) : undefined;
  if (!(def instanceof FnInfo)) return e;
  const steps = returnedValues(def).map((v) => {
    const bound = boundValue(file, unwrap(v));
    return bound ? finalStep(file, bound, depth + 1) : null;
  });
  // Every return must agree: a function that returns a parsed chain on one branch and the model on another does not.
  const first = steps[0];
  if (!first || steps.some((s) => !s)) return null;
  const kinds = steps.map((s) => finalKind(file, s!));
  return kinds.every((k) => k === kinds[0]) ? first : null;
}

function finalKind(file: PyFile, step: Node): string {
  if (structuredOutput(file, step) || (step.type === 'call' && calleeText(step) === 'create_stuff_documents_chain')) return 'parsed';
  const callee = step.type === 'call' ? step.childForFieldName('function') : step;
  if (callee && OUTPUT_PARSER.test(file.src(callee))) return 'parsed';
  return mapBranches(step) ? 'map' : 'other';
}

function calleeText(call: Node): string {
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : (fn?.text ?? '');
}

/** A name's value when it is bound once in the function, or else once at module level; other expressions as they are. */
function boundValue(file: PyFile, e: Node): Node | null {
  if (e.type !== 'identifier') return e;
  const at = file.functionAt(e.startIndex);
  const local = at ? file.bindingsIn(at).get(e.text) : undefined;
  const values = local?.length ? local.map((b) => b.value) : (file.moduleAssigns.get(e.text) ?? []);
  return values.length === 1 ? values[0] : null;
}

/** `llm.with_structured_output(Schema, …)` without `include_raw=True` (which keeps the raw message, usage included). */
function structuredOutput(file: PyFile, e: Node): boolean {
  if (e.type !== 'call') return false;
  const fn = e.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'with_structured_output') return false;
  return !/\binclude_raw\s*=\s*True\b/.test(file.src(e.childForFieldName('arguments') ?? e));
}

/**
 * The call's result is read chunk by chunk: `async for chunk in await acompletion(…)`, or through the name it is bound
 * to (`completion = await acompletion(…, stream=should_stream)` then, on some branch, `async for chunk in completion:`),
 * there or in a helper of the module it is handed to (`return reduce_stream(completion)`, which loops over it).
 */
export function iteratedAsStream(call: Node, file: PyFile, depth = 0): boolean {
  let top = call;
  while (top.parent && (top.parent.type === 'await' || top.parent.type === 'parenthesized_expression')) top = top.parent;
  const parent = top.parent;
  if (parent?.type === 'for_statement') return parent.childForFieldName('right')?.startIndex === top.startIndex;
  if (isArgument(top)) return iteratedByHelper(file, top, depth);
  if (parent?.type !== 'assignment' || parent.childForFieldName('right')?.startIndex !== top.startIndex) return false;
  const left = parent.childForFieldName('left');
  if (left?.type !== 'identifier') return false;
  const scope = scopeOf(parent);
  return identifiersNamed(file, left.text, parent.endIndex, scope.endIndex).some((n) => iteratedHere(n) || (isArgument(n) && iteratedByHelper(file, n, depth)));
}

/** `for chunk in <n>:` */
function iteratedHere(n: Node): boolean {
  const loop = n.parent;
  return loop?.type === 'for_statement' && loop.childForFieldName('right')?.startIndex === n.startIndex && loop.childForFieldName('right')?.endIndex === n.endIndex;
}

function isArgument(n: Node): boolean {
  const p = n.parent;
  return p?.type === 'argument_list' || (p?.type === 'keyword_argument' && p.childForFieldName('value')?.id === n.id && p.parent?.type === 'argument_list');
}

/** The value is handed to a function of the module (or a method of the class) that loops over the parameter receiving it. */
function iteratedByHelper(file: PyFile, arg: Node, depth: number): boolean {
  if (depth >= MAX_HELPER_DEPTH) return false;
  const found = helperParameter(file, arg);
  // A helper of another module is not followed here (usage-discarded judges those through the workspace index).
  const param = found && 'fn' in found ? found : null;
  const body = param?.fn.node.childForFieldName('body');
  if (!param || !body) return false;
  // The parameter as the helper first holds it: a loop after it is rebound goes over something else.
  const rebound = file.bindingsIn(param.fn).get(param.id.text)?.length;
  return !rebound && identifiersNamed(file, param.id.text, body.startIndex, body.endIndex).some((n) => iteratedHere(n) || (isArgument(n) && iteratedByHelper(file, n, depth + 1)));
}

function scopeOf(n: Node): Node {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'module') return p;
  return n;
}

/**
 * Where a read of a Bedrock payload ends: `json.loads(response["body"].read())`, `response.get("stream")`,
 * `json.loads(event["chunk"]["bytes"].decode())`; the node itself when it is no such read.
 */
function payloadValue(file: PyFile, n: Node): Node {
  let x = n;
  for (;;) {
    const p = x.parent;
    if (!p) return x;
    if (x !== n && (p.type === 'await' || p.type === 'parenthesized_expression')) x = p;
    else if (p.type === 'subscript' && p.childForFieldName('value')?.id === x.id && PAYLOAD_KEY.test(subscriptKey(file, p) ?? '')) x = p;
    else if (p.type === 'attribute' && p.childForFieldName('object')?.id === x.id && p.parent?.type === 'call' && p.parent.childForFieldName('function')?.id === p.id) {
      const attr = p.childForFieldName('attribute')?.text;
      const call = p.parent;
      // `.read()` / `.decode()` only after a payload key: on the response itself they are something else.
      if (x !== n && (attr === 'read' || attr === 'decode')) x = call;
      else if (attr === 'get' && PAYLOAD_KEY.test(firstStringArgument(file, call) ?? '')) x = call;
      else return x;
    } else if (x !== n && p.type === 'argument_list' && p.namedChildren[0]?.id === x.id && /(^|\.)loads$/.test(p.parent?.childForFieldName('function')?.text ?? '')) x = p.parent!;
    else return x;
  }
}

function firstStringArgument(file: PyFile, call: Node): string | null {
  const first = call.childForFieldName('arguments')?.namedChildren[0];
  return first ? stringValue(unwrap(first), (x) => file.src(x)) : null;
}

/**
 * `x["usage"]` / `x.get("usage")` (the subscript or the `.get` call): the key names the usage, or a container whose
 * next key does (Cohere's `x["meta"]["billed_units"]`, `x.get("meta", {}).get("billed_units")`).
 */
function readsUsageKey(file: PyFile, access: Node): boolean {
  const key = access.type === 'subscript' ? subscriptKey(file, access) : firstStringArgument(file, access);
  if (!key) return false;
  if (USAGE_KEY.test(key)) return true;
  const inner = usageFieldsUnder(key);
  if (!inner.length) return false;
  const next = access.parent;
  if (next?.type === 'subscript' && next.childForFieldName('value')?.id === access.id) return inner.includes(subscriptKey(file, next) ?? '');
  return next?.type === 'attribute' && next.childForFieldName('object')?.id === access.id && next.childForFieldName('attribute')?.text === 'get' && next.parent?.type === 'call' && inner.includes(firstStringArgument(file, next.parent) ?? '');
}

/**
 * `response.meta.billed_units`: an attribute holding the usage one level down; or that attribute handed whole to a
 * call (`print(response.meta)`, `log(res.meta)`), which records what it holds.
 */
function nestedUsageRead(attribute: Node, attr: string): boolean {
  const inner = usageFieldsUnder(attr);
  const next = attribute.parent;
  if (inner.length > 0 && next?.type === 'argument_list') return true;
  return inner.length > 0 && next?.type === 'attribute' && next.childForFieldName('object')?.id === attribute.id && inner.includes(next.childForFieldName('attribute')?.text ?? '');
}

function subscriptKey(file: PyFile, sub: Node): string | null {
  const key = sub.childForFieldName('subscript');
  return key ? stringValue(unwrap(key), (n) => file.src(n)) : null;
}

/** The loop's body reads a usage field (comments aside: `# TODO: record usage` reads nothing). */
function loopReadsUsage(file: PyFile, loop: Node): boolean {
  const body = loop.childForFieldName('body');
  if (!body) return false;
  let text = file.src(body);
  const comments = body.descendantsOfType('comment');
  for (let i = comments.length - 1; i >= 0; i--) {
    const c = comments[i];
    const from = c.startIndex - body.startIndex;
    text = text.slice(0, from) + ' '.repeat(c.endIndex - c.startIndex) + text.slice(from + c.endIndex - c.startIndex);
  }
  return STREAM_READS_USAGE.test(text);
}

/**
 * What a loop over a stream does with its usage: read in the body, read from the loop variable once the loop ends
 * (it keeps the last chunk: `tok.usage` after the loop), or whole chunks handed on (`yield chunk`).
 */
function loopUsage(file: PyFile, loop: Node, scope: Range, depth: Followed): LlmCallSite['usage'] {
  if (loopReadsUsage(file, loop)) return 'read';
  const target = loop.childForFieldName('left');
  if (target?.type !== 'identifier' || depth.nesting >= 2) return 'discarded';
  // Up to where the name is bound again (`for chunk in history:` further down holds other values).
  const rebound = identifiersNamed(file, target.text, loop.endIndex, scope.endIndex).find((id) => {
    const p = id.parent;
    return (p?.type === 'for_statement' && p.childForFieldName('left')?.id === id.id) || (p?.type === 'assignment' && p.childForFieldName('left')?.id === id.id);
  });
  return references(file, target.text, target, { startIndex: loop.startIndex, endIndex: rebound?.startIndex ?? scope.endIndex }, deeper(depth));
}

type Range = Pick<Node, 'startIndex' | 'endIndex'>;

function droppedIn(usage: LlmCallSite['usage'], helpers: string[]): Pick<Usage, 'usageDroppedIn'> {
  return usage === 'discarded' && helpers.length ? { usageDroppedIn: [...new Set(helpers)] } : {};
}

/** Helpers of helpers followed: `_parse_response(response)` handing it to `_extract_text(response)`. */
const MAX_HELPER_DEPTH = 2;

/**
 * The response handed to a function of this module, a method of the class (`self._parse_response(response, tools)`,
 * `parse_response(response)`) or a module-level function imported from another workspace module (`from agent.utils
 * import get_citations`): judged by what that function does with its parameter. A helper that reads only the text or
 * tool calls drops the usage (its name goes to `helpers`); one that reads the usage, returns, stores or hands on the
 * response, never uses the parameter (an abstract stub), or cannot be found lets it escape, as before.
 */
function helperUsage(file: PyFile, arg: Node, depth: Followed, helpers: string[]): LlmCallSite['usage'] {
  if (depth.hops >= MAX_HELPER_DEPTH) return 'escapes';
  const param = helperParameter(file, arg);
  if (!param) return 'escapes';
  const hops = depth.hops + 1;
  const usage = 'fn' in param ? parameterUse(file, param.fn, param.id, hops) : (file.index.parameterUsage(param.path, param.qualName, param.slot, hops) ?? 'escapes');
  if (usage === 'discarded') helpers.push('fn' in param ? param.fn.name : param.qualName);
  return usage;
}

/**
 * What a function does with one of its parameters, reached through `hops` helpers; a parameter its body never uses (an
 * abstract stub) escapes.
 */
function parameterUse(file: PyFile, fn: FnInfo, id: Node, hops: number): LlmCallSite['usage'] {
  const body = fn.node.childForFieldName('body');
  if (!body || !usesName(file, id.text, body)) return 'escapes';
  return references(file, id.text, id, body, { nesting: 0, hops }, []);
}

/** Where an argument is passed: by keyword, or at a position that no `*xs` / `**kw` before it makes uncertain. */
export type ArgumentSlot = { keyword: string } | { position: number };

/**
 * What module-level function `qualName` of this module does with the parameter an argument passed at `slot` lands in,
 * for a caller in another module; null when there is no such function or parameter.
 */
export function parameterUsage(file: PyFile, qualName: string, slot: ArgumentSlot, hops: number): LlmCallSite['usage'] | null {
  const fn = file.functionNamed(qualName);
  if (!fn || fn.cls || fn.parent) return null;
  const id = slotParameter(fn, slot, 0);
  return id ? parameterUse(file, fn, id, hops) : null;
}

/**
 * The helper a value is passed to and the parameter that receives it (a function of another workspace module: where
 * it is and the slot); null when either is not certain.
 */
function helperParameter(file: PyFile, arg: Node): { fn: FnInfo; id: Node } | { path: string; qualName: string; slot: ArgumentSlot } | null {
  const keyword = arg.parent?.type === 'keyword_argument' && arg.parent.childForFieldName('value')?.id === arg.id ? arg.parent : null;
  const args = keyword ? keyword.parent : arg.parent;
  const call = args?.type === 'argument_list' ? args.parent : null;
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  if (!callee) return null;
  const slot = argumentSlot(args!, arg, keyword);
  if (!slot) return null;
  const called = calledFunction(file, callee);
  if (called && 'other' in called) return { path: called.other.path, qualName: called.other.qualName, slot };
  const fn = called && 'local' in called ? called.local : null;
  // A recursive call, or a method reached otherwise than through `self.` / `cls.` (the receiver's position is unknown),
  // except a static or class method called on its own class (`GroqGenerator._process_response(line)`).
  const receiverText = callee.childForFieldName('object')?.text ?? '';
  const onOwnClass = !!fn?.cls && receiverText === fn.cls.name && fn.decorators.some((d) => d.text === 'staticmethod' || d.text === 'classmethod');
  if (!fn || fn === file.functionAt(arg.startIndex) || (fn.cls && !/^(self|cls)$/.test(receiverText) && !onOwnClass)) return null;
  if (fn.cls && overriddenBelow(file, fn)) return null;
  const receiver = fn.cls && !fn.decorators.some((d) => d.text === 'staticmethod') ? 1 : 0;
  const id = slotParameter(fn, slot, receiver);
  return id ? { fn, id } : null;
}

function argumentSlot(args: Node, arg: Node, keyword: Node | null): ArgumentSlot | null {
  if (keyword) {
    const name = keyword.childForFieldName('name')?.text;
    return name ? { keyword: name } : null;
  }
  const passed = args.namedChildren.filter((c) => c.type !== 'comment');
  const at = passed.findIndex((c) => c.id === arg.id);
  // `f(*xs, response)` / `f(**kw, …)`: positions cannot be counted.
  if (at < 0 || passed.slice(0, at).some((c) => c.type === 'list_splat' || c.type === 'dictionary_splat')) return null;
  return { position: at };
}

/** The parameter an argument at `slot` fills (`receiver`: 1 for a method's `self` / `cls`). */
function slotParameter(fn: FnInfo, slot: ArgumentSlot, receiver: number): Node | null {
  const params = parameterNodes(fn);
  return ('keyword' in slot ? params.named.find((p) => p.text === slot.keyword) : params.positional[slot.position + receiver]) ?? null;
}

/** A method that a class of this module deriving from its class overrides: `self.m(…)` may run the override. */
function overriddenBelow(file: PyFile, method: FnInfo): boolean {
  const owner = method.cls!;
  return file.classes.some((c) => c !== owner && c.methods.some((m) => m.name === method.name && m !== method) && c.bases.length > 0 && derivesFrom(file, c, owner, 0));
}

function derivesFrom(file: PyFile, cls: ClassInfo, base: ClassInfo, depth: number): boolean {
  if (depth > 8) return false;
  return cls.bases.some((b) => {
    const named = file.classes.find((c) => c.name === b.text.split('.').pop());
    return !!named && (named === base || derivesFrom(file, named, base, depth + 1));
  });
}

/** A function's parameters: those a positional argument can fill, in order, and all that a keyword can name. */
function parameterNodes(fn: FnInfo): { positional: Node[]; named: Node[] } {
  const list = parameterList(fn.node);
  return { positional: list.filter((p) => p.positional).map((p) => p.id), named: list.map((p) => p.id) };
}

/** The name is used in the body (not only as an attribute or keyword of the same spelling). */
function usesName(file: PyFile, name: string, body: Node): boolean {
  return identifiersNamed(file, name, body.startIndex, body.endIndex).some((n) => {
    const p = n.parent;
    return !(p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) && !(p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id);
  });
}

/** How a result variable is used within its function: usage read, handed on, or only other fields read. */
function references(file: PyFile, name: string, decl: Node, scope: Range, depth: Followed = START, helpers: string[] = []): LlmCallSite['usage'] {
  let read = false;
  let escapes = false;
  for (const n of identifiersNamed(file, name, scope.startIndex, scope.endIndex)) {
    if (n.startIndex === decl.startIndex || !n.parent) continue;
    const use = useOf(file, name, n, scope, depth, helpers);
    if (use === 'read') read = true;
    // `if response.status != 200: raise APIError(await response.json())`: the error body holds no usage to keep.
    else if (use === 'escapes' && !inErrorBranch(n, name, (x) => file.src(x), scope)) escapes = true;
  }
  if (read) return 'read';
  if (escapes) return 'escapes';
  return 'discarded';
}

/** What one use of a result variable does with the result: reads its usage, hands it on, or neither (null). */
function useOf(file: PyFile, name: string, n: Node, scope: Range, depth: Followed, helpers: string[]): 'read' | 'escapes' | null {
  const p = n.parent!;
  // A value taken out of the result (a parsed stream event, a Bedrock payload), judged as a result of its own; past the
  // depth bound it counts as handed on.
  const valueUse = (value: Node): 'read' | 'escapes' | null => {
    const r = depth.nesting < MAX_PAYLOAD_DEPTH ? usageOf(value, file, null, '', deeper(depth)).usage : 'escapes';
    return r === 'read' ? 'read' : r !== 'discarded' ? 'escapes' : null;
  };
  // `stream=True` and `x.stream` name something else.
  if (p.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) return null;
  if (p.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) return null;
  // `chunk = json.loads(line[6:])` on a raw stream's line: the parsed event is read like the response.
  const parsed = parsedEvent(n);
  if (parsed) return valueUse(parsed);
  // `text = line.decode("utf-8").strip()`: the line's text under another name.
  const text = trimmedText(n);
  const trimmedAlias = text !== n && text.parent?.type === 'assignment' && text.parent.childForFieldName('right')?.id === text.id ? text.parent.childForFieldName('left') : null;
  if (trimmedAlias?.type === 'identifier' && trimmedAlias.text !== name && depth.nesting < 2) return asUse(references(file, trimmedAlias.text, trimmedAlias, scope, deeper(depth), helpers));
  if (p.type === 'attribute' && p.childForFieldName('object')?.startIndex === n.startIndex && p.childForFieldName('object')?.endIndex === n.endIndex) {
    const attr = p.childForFieldName('attribute')?.text ?? '';
    if (USAGE_PROPS.test(attr) || nestedUsageRead(p, attr)) return 'read';
    // Instructor keeps the completion on the parsed model it returns: `user._raw_response.usage`.
    if (attr === '_raw_response' && p.parent?.type === 'attribute' && USAGE_PROPS.test(p.parent.childForFieldName('attribute')?.text ?? '')) return 'read';
    // `response.get("eval_count")`, `data.get("usage")`: a dict-style read of the usage.
    if (attr === 'get' && p.parent?.type === 'call' && readsUsageKey(file, p.parent)) return 'read';
    // `response.get("body")`: a Bedrock payload, judged by what happens to it.
    if (attr === 'get' && payloadValue(file, n) !== n) return valueUse(payloadValue(file, n));
    if (FINAL.test(attr)) {
      // `msg = await stream.get_final_message()`: the final message is what is left to read; follow it once.
      let top: Node | null = p.parent?.type === 'call' ? p.parent : null;
      if (top?.parent?.type === 'await') top = top.parent;
      const asg = top?.parent;
      const left = asg?.type === 'assignment' && asg.childForFieldName('right')?.startIndex === top!.startIndex ? asg.childForFieldName('left') : null;
      if (left?.type === 'identifier') return asUse(depth.nesting < 2 ? references(file, left.text, left, scope, deeper(depth), helpers) : 'escapes');
      // `stream.get_final_response().output_text`: one field of the final response read on the spot.
      const field = top?.parent?.type === 'attribute' && top.parent.childForFieldName('object')?.id === top.id ? top.parent.childForFieldName('attribute')?.text : undefined;
      if (field && !SERIALISE.test(field)) return USAGE_PROPS.test(field) ? 'read' : null;
      return 'escapes';
    }
    // `stream.current_message_snapshot.usage`: the message an Anthropic helper stream has accumulated, usage included.
    if (attr === 'current_message_snapshot') return valueUse(p);
    if (SERIALISE.test(attr) && p.parent?.type === 'call') {
      // `data = r.json()` / `data = await response.json()` / `data = response.model_dump()` then `data["usage"]`:
      // follow the dict once.
      let top: Node = p.parent;
      while (top.parent && (top.parent.type === 'await' || top.parent.type === 'parenthesized_expression')) top = top.parent;
      const asg = top.parent;
      const left = asg?.type === 'assignment' && asg.childForFieldName('right')?.id === top.id ? asg.childForFieldName('left') : null;
      const toDict = AS_DICT.test(attr);
      if (toDict && left?.type === 'identifier' && depth.nesting < 2) return asUse(references(file, left.text, left, scope, deeper(depth), helpers));
      if (toDict && asg?.type === 'subscript' && asg.childForFieldName('value')?.id === top.id) return readsUsageKey(file, asg) ? 'read' : null;
      return 'escapes';
    }
    // `async for line in response.aiter_lines():` over a raw HTTP stream: what the loop reads of each event decides.
    const lines = linesLoop(p);
    if (lines) return asUse(loopUsage(file, lines, scope, depth));
    return null;
  }
  if (p.type === 'for_statement' && p.childForFieldName('right')?.startIndex === n.startIndex) {
    // `async for chunk in stream: yield chunk.model_dump_json()`: whole chunks (usage included) are passed on.
    return asUse(loopUsage(file, p, scope, depth));
  }
  if (p.type === 'subscript' && p.childForFieldName('value')?.startIndex === n.startIndex) {
    if (readsUsageKey(file, p)) return 'read';
    // A message under a key of the result: `out["raw"].usage_metadata` (`with_structured_output(…, include_raw=True)`),
    // `out["answer"].usage_metadata` (a chain whose map step puts the model's message under "answer").
    if (p.parent?.type === 'attribute' && USAGE_PROPS.test(p.parent.childForFieldName('attribute')?.text ?? '')) return 'read';
    // `response["body"]`: a Bedrock payload, judged by what happens to it.
    if (payloadValue(file, n) !== n) return valueUse(payloadValue(file, n));
    return null;
  }
  if (p.type === 'argument_list' && p.parent?.childForFieldName('function')?.text === 'getattr') {
    const key = p.namedChildren[1];
    if (key && USAGE_KEY.test(stringValue(unwrap(key), (x) => file.src(x)) ?? '')) return 'read';
  }
  // `hasattr(chunk, "text")`, `isinstance(chunk, …)`, `len(x)`: inspected, not handed on.
  if (p.type === 'argument_list' && INSPECTS.test(p.parent?.childForFieldName('function')?.text ?? '')) return null;
  if (p.type === 'argument_list' || (p.type === 'keyword_argument' && p.childForFieldName('value')?.id === n.id)) return asUse(helperUsage(file, n, depth, helpers));
  const assigned = (p.type === 'assignment' || p.type === 'augmented_assignment') && p.childForFieldName('right')?.startIndex === n.startIndex;
  // `curr = response`: a local alias is read like the name itself (once).
  const alias = assigned && p.type === 'assignment' ? p.childForFieldName('left') : null;
  if (alias?.type === 'identifier' && alias.text !== name && depth.nesting < 2) return asUse(references(file, alias.text, alias, scope, deeper(depth), helpers));
  // `return response or None`: handed back as it is whenever there is one.
  const asIs = returnedAsIs(n);
  if (asIs === 'tested') return null;
  return ESCAPES.has(p.type) || assigned || asIs === 'returned' ? 'escapes' : null;
}

/** A judgement of what later code does with the result, as a use of it: read, handed on, or neither (null). */
function asUse(usage: LlmCallSite['usage']): 'read' | 'escapes' | null {
  return usage === 'read' || usage === 'escapes' ? usage : null;
}
