// Name resolution: local bindings, then module-level ones, then imports (other workspace modules or SDKs).
import { providerBehindBaseUrl } from '../../../core/catalog/providers';
import { initChatModelTarget, RUNTIME_CHAT_MODEL_CLASS } from '../../../core/langchain-fields';
import type { ArgsFact, ClientFact, Provider, RetryConstruct, Span, ValueFact, Volatility } from '../../../core/types';
import { FnInfo, type ClassInfo, type PyFile } from './file-context';
import type { ImportBinding } from './imports';
import { httpClientLeavesSdkDefault } from './http-client';
import { keepsClientConstruction } from './client-subclass';
import { proxiedModuleOf } from './lazy-module';
import { BEDROCK_RUNTIME_SERVICE, clientClassOf, type ClientClass } from './sdk';
import { kernelServiceClient } from './semantic-kernel-services';
import { isSettingsLlm, settingsLlmClient } from './settings-llm';
import { modelArgumentOf } from './model-argument';
import { holdsSeveralValues } from './reaching-values';
import { stringValue } from './strings';
import { enclosingFunction, keyword, positional, unwrap, type Node } from './syntax';
import { enclosingOfTypes, wordNodes } from './text-search';
import { escapeRegExp } from '../../../core/text';
import { callArgs, valueFact } from './values';
import { mapBranches, wrappedRunnable } from './langchain-runnables';
import { engineLlm } from './llamaindex-engines';
import type { ReturnedText } from './prompt';
import type { RetryHelper } from './retry-helpers';
import type { DictKeys } from './returned-dicts';

/** What an expression stands for, as far as the extractors care. Plain data except `node` (a live file). */
export type Resolved =
  /** `others`: the other constructions of the SDK it may be, built on other branches of the factory that returned it. */
  | { kind: 'client'; client: ClientFact; others?: ClientFact[] }
  /**
   * A function returning a client construction (`get_client`); `others` are the other constructions of the same SDK it
   * returns on other branches (`if azure: client = AzureOpenAI(…)` / `else: client = OpenAI(…)`; `return client`).
   */
  | { kind: 'factory'; client: ClientFact; path: string; qualName: string; others?: ClientFact[] }
  /** Static text at module level of some file. */
  | { kind: 'string'; value: string; path: string; span: Span; name: string }
  | { kind: 'number'; value: number }
  | { kind: 'module'; path: string }
  /** A name from outside the workspace, fully qualified (`openai.OpenAI`, `os.environ`). */
  | { kind: 'external'; qualified: string }
  /** A function; `returnsText` when another module's function returns prompt text (read from its summary). */
  | {
      kind: 'function';
      path: string;
      qualName: string;
      returnsText?: ReturnedText;
      retryHelper?: RetryHelper;
      retryDecorator?: RetryHelper;
      /** The retry policy another module's function returns (`def create_retry_decorator(): return retry(…)`). */
      returnsRetry?: RetryConstruct;
      bodyVolatility?: Volatility;
      /** Another module's decorator that runs what it wraps inside an OpenTelemetry span (letta's `@trace_method`). */
      opensSpan?: boolean;
      /** A predicate true only for errors no retry mends (`is_token_limit_exceeded(e, model)`): the argument it tests. */
      rejectionTest?: number;
      /** The clients a function returns in a tuple (`return get_client(), model`), by position; null elsewhere. */
      returnsClients?: Array<ClientFact | null>;
      /** Parameters the LangChain pipe it returns runs as steps (`def make_chain(prompt, llm): return prompt | llm`). */
      pipesParameters?: PipedParameter[];
    }
  /** A workspace class, or an instance of one (`Service()`): client attributes and method names. */
  | {
      kind: 'class' | 'instance';
      path: string;
      qualName: string;
      clientAttrs: Record<string, ClientFact>;
      methods: string[];
      /** Classmethods that return a new instance (`return cls(llm)`): calling one gives an instance of the class. */
      factories?: string[];
      /** Static and class methods that return an LLM client (`LLMFactory.create()`), by name: factories like functions. */
      clientFactories?: Record<string, { client: ClientFact; others?: ClientFact[] }>;
      /** Another module's class: the dicts its methods return, by method (`def _get_common_params(self, **kwargs)`). */
      returnedDicts?: Record<string, DictKeys>;
      /** A pydantic-settings class: each field's environment variable and its default. */
      settings?: Record<string, SettingsField>;
      /** A subclass of a client class that is built exactly like it (`class WrappedChatOpenAI(ChatOpenAI)`): that class. */
      clientBase?: ClientBase;
      /** A lazy proxy of a module (`class LazyLiteLLM` forwarding `__getattr__` to `import_module("litellm")`): its name. */
      proxiedModule?: string;
    }
  | { kind: 'node'; file: PyFile; node: Node }
  /** An environment read bound to a name in another module (`LITELLM_URL = os.getenv("LITELLM_URL", "http://…")`), as data. */
  | { kind: 'env'; name: string | null; fallback: string | null }
  /** A retry policy bound to a name in another module (`llm_retry = retry(stop=…)`), as data. */
  | { kind: 'retry'; policy: RetryConstruct }
  | { kind: 'param'; annotation: Resolved | null }
  | { kind: 'unknown' };

/** A client class and the module it is imported from (`langchain_openai`). */
export type ClientBase = ClientClass & { module: string };

const UNKNOWN: Resolved = { kind: 'unknown' };
const MAX_DEPTH = 16;

/** Methods that return the same client with other settings (openai `with_options`, LangChain runnables). */
export const PASSTHROUGH = new Set([
  'with_options', 'copy', 'bind', 'bind_tools', 'with_structured_output', 'with_config', 'with_retry', 'with_fallbacks',
  'with_types', 'with_listeners', 'configurable_fields', 'configurable_alternatives',
  // google-generativeai: a chat session sends through the model it was started from.
  'start_chat',
]);

/** Follows an expression to a client, a constant, a module, a class or the expression itself. */
export function resolveExpr(file: PyFile, expr: Node, depth = 0): Resolved {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const e = unwrap(expr);
  switch (e.type) {
    case 'identifier':
      return resolveName(file, e.text, e.startIndex, depth + 1);
    case 'call': {
      const client = clientConstruction(file, e);
      if (client) return { kind: 'client', client };
      const fn = e.childForFieldName('function');
      if (!fn) return UNKNOWN;
      if (fn.type === 'attribute') {
        const method = fn.childForFieldName('attribute')?.text ?? '';
        const obj = fn.childForFieldName('object');
        if (PASSTHROUGH.has(method) && obj) {
          const r = resolveExpr(file, obj, depth + 1);
          if (r.kind === 'client') return r;
        }
        // `kernel.get_service(…)`: Semantic Kernel's registry, holding the one connector added to that kernel.
        const service = method === 'get_service' ? kernelServiceClient(file, e, depth) : null;
        if (service) return service;
      }
      // `RunnableWithMessageHistory(prompt | llm, get_history)`, `create_retrieval_chain(retriever, docs_chain)`: running
      // the result runs the runnable it wraps once. `RunnableParallel(answer=prompt | llm)`: runs each of its branches.
      const runnable = langchainClientOf(file, [wrappedRunnable(e), ...(mapBranches(e) ?? [])], depth);
      if (runnable) return runnable;
      // `index.as_query_engine(llm=llm)`, `ContextChatEngine.from_defaults()`: the engine's queries go to its LLM.
      const engine = engineLlm(file, e, depth);
      if (engine) return engine;
      const callee = resolveExpr(file, fn, depth + 1);
      if (callee.kind === 'class' && callee.clientBase && boundToOneClass(file, fn)) return { kind: 'client', client: clientFact(file, e, callee.clientBase, subclassName(callee.qualName)) };
      if (callee.kind === 'factory') return { kind: 'client', client: callee.client, ...(callee.others ? { others: callee.others } : {}) };
      const piped = callee.kind === 'function' && callee.pipesParameters ? pipedArgument(file, e, callee.pipesParameters, depth) : null;
      if (piped) return piped;
      // `litellm = LazyLiteLLM()`: every attribute of the instance is the module's.
      if (callee.kind === 'class' && callee.proxiedModule) return moduleNamed(file, callee.proxiedModule);
      if (callee.kind === 'class') return { ...callee, kind: 'instance' };
      // `GenericLLMProvider.from_provider("openai")`: a classmethod factory builds an instance of its class.
      if (callee.kind === 'function' && fn.type === 'attribute') {
        const obj = fn.childForFieldName('object');
        const owner = obj ? resolveExpr(file, obj, depth + 1) : UNKNOWN;
        if ((owner.kind === 'class' || owner.kind === 'instance') && owner.factories?.includes(fn.childForFieldName('attribute')?.text ?? '')) return { ...owner, kind: 'instance' };
      }
      return { kind: 'node', file, node: e };
    }
    case 'attribute':
      return resolveAttribute(file, e, depth + 1);
    case 'binary_operator': {
      // LangChain pipes: prompt | llm | parser
      if (e.childForFieldName('operator')?.type !== '|') return { kind: 'node', file, node: e };
      const sides: Resolved[] = [];
      for (const side of [e.childForFieldName('right'), e.childForFieldName('left')]) {
        const r = side ? resolveExpr(file, side, depth + 1) : UNKNOWN;
        if (r.kind === 'client' && r.client.sdk === 'langchain') return r;
        sides.push(r);
      }
      // A dict step (`{"answer": prompt | llm, "docs": itemgetter("docs")}`) runs each of its values, as RunnableParallel
      // does; `{"llm": llm} | overrides` between two dicts is a plain dict merge.
      const dictLiteral = (r: Resolved) => r.kind === 'node' && unwrap(r.node).type === 'dictionary';
      if (sides.every(dictLiteral)) return { kind: 'node', file, node: e };
      for (const r of sides) {
        const inMap = r.kind === 'node' ? langchainClientOf(r.file, mapBranches(r.node) ?? [], depth) : null;
        if (inMap) return inMap;
      }
      return { kind: 'node', file, node: e };
    }
    case 'conditional_expression': {
      const branches = e.namedChildren.filter((c) => c.type !== 'comment');
      for (const b of [branches[0], branches[2]]) {
        if (!b) continue;
        const r = resolveExpr(file, b, depth + 1);
        if (r.kind === 'client') return r;
      }
      return { kind: 'node', file, node: e };
    }
    case 'boolean_operator': {
      const right = e.childForFieldName('right');
      const left = e.childForFieldName('left');
      const r = right ? resolveExpr(file, right, depth + 1) : UNKNOWN;
      if (r.kind === 'client') return r;
      return left ? resolveExpr(file, left, depth + 1) : UNKNOWN;
    }
    default:
      return { kind: 'node', file, node: e };
  }
}

/** The first of `runnables` that is, or runs, a LangChain chat model. */
function langchainClientOf(file: PyFile, runnables: Array<Node | null>, depth: number): Resolved | null {
  for (const n of runnables) {
    const r = n ? resolveExpr(file, n, depth + 1) : UNKNOWN;
    if (r.kind === 'client' && r.client.sdk === 'langchain') return r;
  }
  return null;
}

/** Resolves a name as seen at `at`: enclosing functions' parameters and bindings, then the module. */
export function resolveName(file: PyFile, name: string, at: number, depth = 0): Resolved {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const r = resolveBoundName(file, name, at, depth);
  if (r.kind !== 'unknown' && r.kind !== 'node' && r.kind !== 'param') return r;
  return narrowedByIsinstance(file, name, at, depth) ?? r;
}

/**
 * Inside `if isinstance(model, ClaudeHelper):` the name holds an instance of that class, whatever it was bound to
 * (`model = self.current_model`): its client attributes are the class's.
 */
function narrowedByIsinstance(file: PyFile, name: string, at: number, depth: number): Resolved | null {
  if (file.occurrences('isinstance').length === 0 || !isinstanceSubjects(file).has(name)) return null;
  const ifs = enclosingOfTypes(file, at, at + name.length, IF_TYPES);
  for (let i = ifs.length - 1; i >= 0; i--) {
    const stmt = ifs[i];
    const consequence = stmt.childForFieldName('consequence');
    const condition = unwrap(stmt.childForFieldName('condition') ?? stmt);
    if (!consequence || at < consequence.startIndex || at >= consequence.endIndex || condition.type !== 'call') continue;
    if (condition.childForFieldName('function')?.text !== 'isinstance') continue;
    const args = condition.childForFieldName('arguments');
    const subject = positional(args, 0);
    const cls = positional(args, 1);
    if (subject?.type !== 'identifier' || subject.text !== name || !cls || cls.type === 'tuple') continue;
    const r = resolveExpr(file, cls, depth + 1);
    if (r.kind === 'class') return { ...r, kind: 'instance' };
  }
  return null;
}

const IF_TYPES: ReadonlySet<string> = new Set(['if_statement', 'elif_clause']);

/** The names the file checks with `isinstance(name, …)`, read once per file. */
function isinstanceSubjects(file: PyFile): Set<string> {
  let names = subjectsByFile.get(file);
  if (!names) subjectsByFile.set(file, (names = new Set([...file.text.matchAll(/\bisinstance\(\s*([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)\s*,/g)].map((m) => m[1]))));
  return names;
}

const subjectsByFile = new WeakMap<PyFile, Set<string>>();

function resolveBoundName(file: PyFile, name: string, at: number, depth: number): Resolved {
  for (let fn = file.functionAt(at); fn; fn = fn.parent) {
    if (file.globalsOf(fn).has(name)) break;
    const bindings = file.bindingsIn(fn).get(name);
    if (bindings?.length) {
      // Skip the binding whose own value contains the use (`client = client.with_options(...)`).
      const before = bindings.filter((b) => b.at < at && !(b.value && b.value.startIndex <= at && at < b.value.endIndex));
      // A parameter rebound only later is still the parameter here.
      const b = before.length ? before[before.length - 1] : fn.params.includes(name) ? null : bindings[0];
      if (b?.unpacked) return unpackedElement(file, b.unpacked.from, b.unpacked.index, depth + 1);
      if (b) return b.value ? resolveExpr(file, b.value, depth + 1) : UNKNOWN;
    }
    const nested = fn.nested.get(name);
    if (nested) return defResolved(file, nested, depth + 1);
    const pi = fn.params.indexOf(name);
    if (pi >= 0) {
      if (pi === 0 && fn.cls && isMethodReceiver(fn)) return UNKNOWN;
      const passed = passedByEveryCaller(file, fn, name) ?? passedToConstructor(file, fn, name);
      if (passed) return passed;
      const ann = annotationOf(fn, name);
      return { kind: 'param', annotation: ann ? resolveExpr(file, ann, depth + 1) : null };
    }
  }
  return resolveModuleName(file, name, depth + 1);
}

/**
 * A parameter of a module-level function that every call of it passes the same client (`create_with_retry(client, …)`
 * after `client = Anthropic(max_retries=0)`): that client. A function called with different clients, recursively,
 * handed on as a value, or called from another module leaves the parameter unresolved.
 */
function passedByEveryCaller(file: PyFile, fn: FnInfo, name: string): Resolved | null {
  if (fn.parent || fn.cls || !fn.name) return null;
  // Memoised per function and parameter, resolved with a fresh depth budget (as module names are); the placeholder
  // ends cycles between helpers that pass the client to each other.
  let memo = passedMemo.get(fn);
  if (!memo) passedMemo.set(fn, (memo = new Map()));
  if (memo.has(name)) return memo.get(name)!;
  memo.set(name, null);
  const r = passedByEveryCallerUncached(file, fn, name);
  memo.set(name, r);
  return r;
}

const passedMemo = new WeakMap<FnInfo, Map<string, Resolved | null>>();

function passedByEveryCallerUncached(file: PyFile, fn: FnInfo, name: string): Resolved | null {
  const depth = 0;
  const params = fn.node.childForFieldName('parameters')?.namedChildren ?? [];
  const position = params.findIndex((p) => (p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier')))?.text === name);
  // Only plain parameters before it, so a positional argument's index is the parameter's.
  const plain = position >= 0 && params.slice(0, position + 1).every((p) => PLAIN_PARAMETER.has(p.type));
  const own = fn.node.childForFieldName('name');
  let found: ClientFact | null = null;
  for (const use of wordNodes(file, fn.name, (n) => (n.type === 'identifier' ? n : null))) {
    if (own && use.startIndex === own.startIndex) continue;
    const call = use.parent?.type === 'call' && use.parent.childForFieldName('function')?.id === use.id ? use.parent : null;
    if (!call || (call.startIndex >= fn.start && call.endIndex <= fn.end) || file.moduleDefs.get(fn.name) !== fn) return null;
    const args = call.childForFieldName('arguments');
    if (args?.namedChildren.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return null;
    const arg = keyword(args, name) ?? (plain ? positional(args, position) : null);
    const r = arg ? resolveExpr(file, arg, depth + 1) : UNKNOWN;
    if (r.kind !== 'client' || (found && (found.path !== r.client.path || found.span.start !== r.client.span.start))) return null;
    found = r.client;
  }
  if (!found || file.index.resultUsages(file.path, fn.qualName).length) return null;
  return { kind: 'client', client: found };
}

const PLAIN_PARAMETER = new Set(['identifier', 'typed_parameter', 'default_parameter', 'typed_default_parameter']);

/**
 * A parameter of `__init__` (`self.llm = llm`) that the class's constructions in this module pass a client: `cls(llm)`
 * in a classmethod factory that builds one per branch (`if provider == "openai": llm = ChatOpenAI(…)`), or
 * `Service(llm=ChatOpenAI(…))`. The first client passed, as an attribute assigned on several branches reads
 * (`otherClientsOf` names the others). A class never constructed here, or given no client, leaves it a parameter.
 */
function passedToConstructor(file: PyFile, init: FnInfo, name: string): Resolved | null {
  if (!init.cls || init.name !== '__init__' || init.parent) return null;
  let memo = constructorMemo.get(init);
  if (!memo) constructorMemo.set(init, (memo = new Map()));
  if (memo.has(name)) return memo.get(name)!;
  // The placeholder ends cycles (a factory whose argument reads an attribute of the class it builds).
  memo.set(name, null);
  let r: Resolved | null = null;
  const values = constructorArguments(file, init, name);
  for (const value of values) {
    const v = resolveExpr(file, value);
    if (v.kind === 'client') {
      r = v;
      break;
    }
  }
  // Constructed only elsewhere: what the other modules pass.
  if (!values.length) r = passedFromOtherModules(file, init, name);
  memo.set(name, r);
  return r;
}

/**
 * The clients other modules construct the class with (`Approach(openai_client=openai_client)` in app setup), when the
 * class is at module level and defines this `__init__` itself; the first is the client, the rest its `others`.
 */
function passedFromOtherModules(file: PyFile, init: FnInfo, name: string): Resolved | null {
  const cls = init.cls;
  if (!cls || cls.qualName !== cls.name || file.moduleDefs.get(cls.name) !== cls) return null;
  const clients = file.index.constructorClients(file.path, cls.name, name);
  if (!clients) return null;
  const [client, ...others] = clients;
  return { kind: 'client', client, ...(others.length ? { others } : {}) };
}

const constructorMemo = new WeakMap<FnInfo, Map<string, Resolved | null>>();

/**
 * The values this module's constructions of `init`'s class (or of a subclass that keeps it) pass for `name`: the
 * argument, or every value a local name is bound to on the constructing function's branches.
 */
function constructorArguments(file: PyFile, init: FnInfo, name: string): Node[] {
  let byName = argumentsMemo.get(init);
  if (!byName) argumentsMemo.set(init, (byName = new Map()));
  let out = byName.get(name);
  if (out) return out;
  byName.set(name, (out = []));
  const params = init.node.childForFieldName('parameters')?.namedChildren.filter((p) => p.type !== 'comment') ?? [];
  const position = params.findIndex((p) => parameterName(p) === name);
  if (position <= 0 || !PLAIN_PARAMETER.has(params[position].type)) return out;
  const plain = params.slice(0, position + 1).every((p) => PLAIN_PARAMETER.has(p.type));
  for (const call of constructionsOf(file, init)) {
    const args = call.childForFieldName('arguments');
    const items = args?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
    const splat = items.findIndex((a) => a.type === 'list_splat');
    // Positions count after `self`; a `*args` before it hides which argument lands there.
    const at = position - 1;
    const arg = keyword(args, name) ?? (plain && (splat < 0 || splat > at) ? positional(args, at) : null);
    if (!arg) continue;
    const e = unwrap(arg);
    out.push(...(e.type === 'identifier' ? (branchValues(file, e) ?? [e]) : [e]));
  }
  return out;
}

const argumentsMemo = new WeakMap<FnInfo, Map<string, Node[]>>();

function parameterName(p: Node): string | undefined {
  return (p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier')))?.text;
}

/** `Service(…)` / `cls(…)` (in a method of the class) for every class of this module whose `__init__` is `init`. */
function constructionsOf(file: PyFile, init: FnInfo): Node[] {
  const out: Node[] = [];
  const classes = new Set(file.classes.filter((cls) => methodOf(file, cls, '__init__') === init));
  for (const cls of classes) {
    for (const id of wordNodes(file, cls.name, callOfIdentifier)) {
      const r = resolveExpr(file, id);
      if (r.kind === 'class' && r.path === file.path && r.qualName === cls.qualName) out.push(id.parent!);
    }
  }
  // `cls(…)` in a classmethod of one of them (a subclass's included).
  for (const id of wordNodes(file, 'cls', callOfIdentifier)) {
    const cls = receiverClass(file, id);
    if (cls && classes.has(cls)) out.push(id.parent!);
  }
  return out;
}

function callOfIdentifier(n: Node): Node | null {
  return n.parent?.type === 'call' && n.parent.childForFieldName('function')?.id === n.id ? n : null;
}

/**
 * Every value a local name is bound to in the function that binds it (`if …: llm = ChatOpenAI(…)` / `elif …: llm =
 * ChatAnthropic(…)`); null for a parameter, a module name, or a name rebound from itself (`llm = wrap(llm)`), where
 * only the binding in reach says what it holds.
 */
function branchValues(file: PyFile, id: Node): Node[] | null {
  const name = id.text;
  for (let fn = file.functionAt(id.startIndex); fn; fn = fn.parent) {
    if (file.globalsOf(fn).has(name)) return null;
    const bindings = file.bindingsIn(fn).get(name);
    if (bindings?.length) {
      const values = bindings.flatMap((b) => (b.value ? [b.value] : []));
      if (values.length !== bindings.length || values.some((v) => new RegExp(`(?<![\\w.])${name}(?![\\w])`).test(file.src(v)))) return null;
      return values;
    }
    if (fn.params.includes(name)) return null;
  }
  return null;
}

/**
 * The other clients a name may hold where `chosen` is what it resolved to: constructions of the same SDK assigned to it
 * on other branches, in the function that binds it or at module level (`if azure: client = AzureOpenAI(…)` / `else:
 * client = OpenAI(…)`), or to the attribute in the class's methods (`if token: self.client = AnthropicVertex(…,
 * access_token=token)` / `else: self.client = AnthropicVertex(…)`).
 */
export function otherClientsOf(file: PyFile, recv: Node, chosen: ClientFact, depth = 0): ClientFact[] {
  if (depth > MAX_DEPTH) return [];
  if (recv.type === 'attribute') {
    const obj = recv.childForFieldName('object');
    const cls = obj ? receiverClass(file, obj) : null;
    const attr = recv.childForFieldName('attribute')?.text;
    return cls && attr ? sameSdkClients(file, (file.classAttributes(cls).get(attr) ?? []).flatMap((a) => attributeValues(file, a.value, a.fn)), chosen, depth) : [];
  }
  if (recv.type !== 'identifier') return [];
  const name = recv.text;
  let values: Node[] | null = null;
  for (let fn = file.functionAt(recv.startIndex); fn && !values; fn = fn.parent) {
    if (file.globalsOf(fn).has(name)) break;
    const bindings = file.bindingsIn(fn).get(name);
    if (bindings?.length) values = bindings.flatMap((b) => (b.value ? [b.value] : []));
    else if (fn.params.includes(name)) return [];
  }
  values ??= file.moduleAssigns.get(name) ?? [];
  return sameSdkClients(file, values, chosen, depth);
}

/** An attribute's assigned value, or what the class's constructions pass for the `__init__` parameter it is (`self.llm = llm`). */
function attributeValues(file: PyFile, value: Node, fn: FnInfo | null): Node[] {
  const e = unwrap(value);
  if (e.type !== 'identifier' || !fn || fn.name !== '__init__' || !fn.params.includes(e.text) || file.bindingsIn(fn).has(e.text)) return [value];
  const passed = constructorArguments(file, fn, e.text);
  return passed.length ? passed : [value];
}

/** The client constructions among `values` (and the others their factories return) of `chosen`'s SDK, other than `chosen`. */
function sameSdkClients(file: PyFile, values: Node[], chosen: ClientFact, depth = 0): ClientFact[] {
  if (values.length < 2) return [];
  const out: ClientFact[] = [];
  for (const v of values) {
    const r = resolveExpr(file, v, depth + 1);
    if (r.kind === 'client') out.push(r.client, ...(r.others ?? []));
  }
  return distinctClients(out.filter((c) => c.sdk === chosen.sdk && !sameConstruction(c, chosen)));
}

/**
 * A module-level name of a file (memoised per file: module-level names do not change within an analysis). The answer
 * does not depend on how deep the question came from: it is resolved with a fresh depth budget, so a lookup made at
 * the end of a long chain (a getter called from a tuple-returning helper) neither fails nor leaves a truncated answer
 * in the memo. The memo's placeholder ends cycles.
 */
export function resolveModuleName(file: PyFile, name: string, _depth = 0): Resolved {
  const cache = file.moduleNames;
  const hit = cache.get(name);
  if (hit) return hit;
  // A name that refers back to itself (`a = b; b = a`) resolves to nothing.
  cache.set(name, UNKNOWN);
  const r = resolveModuleNameUncached(file, name, 0);
  cache.set(name, r);
  return r;
}

function resolveModuleNameUncached(file: PyFile, name: string, depth: number): Resolved {
  const assigns = file.moduleAssigns.get(name);
  // `client = None` placeholders are filled in later (a getter with `global client`), and
  // `except ImportError: OpenAI = None` does not hide the import.
  const real = assigns?.filter((v) => v.type !== 'none') ?? [];
  if (assigns?.length && (real.length || (!file.moduleDefs.has(name) && !file.imports.has(name)))) {
    const pick = real.length ? real[real.length - 1] : assigns[assigns.length - 1];
    const r = resolveExpr(file, pick, depth + 1);
    if (r.kind !== 'node' || r.node.type === 'none' || real.length <= 1) return r;
    // Several different values: a client only when one construction is assigned.
    const clients = real.map((v) => resolveExpr(file, v, depth + 1)).filter((x) => x.kind === 'client');
    return clients.length === 1 ? clients[0] : r;
  }
  const def = file.moduleDefs.get(name);
  if (def) return defResolved(file, def, depth + 1);
  const imp = file.imports.get(name);
  if (imp) return resolveImport(file, imp, depth + 1);
  for (const w of file.wildcardImports) {
    const target = file.index.resolveModule(file.path, w.level, w.module);
    if (target) {
      const r = file.index.exportOf(file.path, target, name);
      if (r.kind !== 'unknown') return r;
    } else if (w.level === 0 && clientClassOf(`${w.module}.${name}`)) return { kind: 'external', qualified: `${w.module}.${name}` };
  }
  return UNKNOWN;
}

/** What an import binding stands for: a workspace module, one of its names, or an external name. */
function resolveImport(file: PyFile, b: ImportBinding, _depth = 0): Resolved {
  const idx = file.index;
  if (b.name === null) {
    const target = idx.resolveModule(file.path, b.level, b.module);
    return target ? { kind: 'module', path: target } : { kind: 'external', qualified: b.module };
  }
  const target = idx.resolveModule(file.path, b.level, b.module);
  if (target) {
    const r = idx.exportOf(file.path, target, b.name);
    if (r.kind !== 'unknown') return r;
  }
  const sub = idx.resolveModule(file.path, b.level, b.module ? `${b.module}.${b.name}` : b.name);
  if (sub) return { kind: 'module', path: sub };
  // A workspace module that cannot bind the name is not the one Python loads (`from agents import Agent` beside an
  // app's own `app/agents/__init__.py`): the name is the installed package's.
  if (b.level > 0 || (target && idx.mayBind(target, b.name))) return UNKNOWN;
  return { kind: 'external', qualified: b.module ? `${b.module}.${b.name}` : b.name };
}

function resolveAttribute(file: PyFile, e: Node, depth: number): Resolved {
  const obj = e.childForFieldName('object');
  const attr = e.childForFieldName('attribute')?.text;
  if (!obj || !attr) return UNKNOWN;
  const own = receiverClass(file, obj);
  if (own) return classAttribute(file, own, attr, depth + 1);
  const resolved = resolveExpr(file, obj, depth + 1);
  // A parameter annotated with a workspace class (`llm: LLMEndpoint`, kept as `self.llm_endpoint`) holds an instance.
  const annotated = resolved.kind === 'param' ? resolved.annotation : null;
  const base = annotated?.kind === 'class' ? { ...annotated, kind: 'instance' as const } : resolved;
  switch (base.kind) {
    case 'module': {
      const r = file.index.exportOf(file.path, base.path, attr);
      if (r.kind !== 'unknown') return r;
      const sub = file.index.submodule(base.path, attr);
      return sub ? { kind: 'module', path: sub } : UNKNOWN;
    }
    case 'external': {
      const qualified = `${base.qualified}.${attr}`;
      return (isSettingsLlm(qualified) ? settingsLlmClient(file, depth + 1) : null) ?? { kind: 'external', qualified };
    }
    case 'class':
    case 'instance': {
      const c = base.clientAttrs[attr];
      if (c) return { kind: 'client', client: c };
      const factory = base.clientFactories?.[attr];
      if (factory) return { kind: 'factory', path: base.path, qualName: `${base.qualName}.${attr}`, ...factory };
      if (base.methods.includes(attr)) return { kind: 'function', path: base.path, qualName: `${base.qualName}.${attr}` };
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/** The class of a method's receiver (`self`, `cls`), also used inside a closure nested in the method. */
export function receiverClass(file: PyFile, obj: Node): ClassInfo | null {
  if (obj.type !== 'identifier') return null;
  const fn = file.functionAt(obj.startIndex);
  const method = fn && fn.cls && fn.params[0] === obj.text && isMethodReceiver(fn) ? fn : methodOfNested(file, fn, obj.text);
  return method?.cls ?? null;
}

/**
 * The method `self.name` reaches on an instance of `cls`: its own, else the one its nearest base in this file
 * defines. A subclass's override is not guessed, nor a same-named method of an unrelated class.
 */
export function methodOf(file: PyFile, cls: ClassInfo, name: string, depth = 0): FnInfo | null {
  return cls.methods.find((m) => m.name === name) ?? inheritedMethodOf(file, cls, name, depth);
}

/** The method `super().name` reaches from `cls`: the first base (depth first, left to right) that has one. */
export function inheritedMethodOf(file: PyFile, cls: ClassInfo, name: string, depth = 0): FnInfo | null {
  if (depth > MAX_DEPTH) return null;
  for (const base of cls.bases) {
    const r = resolveExpr(file, base, depth + 1);
    if (r.kind !== 'class') continue;
    // A base in another module that defines it: that module's method, not one of this file.
    if (r.path !== file.path) {
      if (r.methods.includes(name)) return null;
      continue;
    }
    const c = file.classNamed(r.qualName);
    const m = c && c !== cls ? methodOf(file, c, name, depth + 1) : null;
    if (m) return m;
  }
  return null;
}

/** `self` used inside a closure nested in a method. */
function methodOfNested(file: PyFile, fn: FnInfo | null, name: string): FnInfo | null {
  for (let f = fn?.parent ?? null; f; f = f.parent) {
    if (f.params.includes(name) || file.bindingsIn(f).has(name)) return f.cls && f.params[0] === name && isMethodReceiver(f) ? f : null;
  }
  return null;
}

function isMethodReceiver(fn: FnInfo): boolean {
  return !fn.decorators.some((d) => d.text === 'staticmethod');
}

/** `self.client`: an attribute assigned in the class body or in any method (resolved in that method). */
function classAttribute(file: PyFile, cls: ClassInfo, attr: string, depth: number): Resolved {
  const assigned = file.classAttributes(cls).get(attr);
  if (assigned?.length) {
    for (const a of assigned) {
      const r = resolveExpr(file, a.value, depth + 1);
      if (r.kind === 'client') return r;
    }
    return resolveExpr(file, assigned[assigned.length - 1].value, depth + 1);
  }
  // A method: `self._create_llm()` returns a client (a factory); a `@property` returns one on every read.
  const method = cls.methods.find((m) => m.name === attr);
  if (method) {
    const r = defResolved(file, method, depth + 1);
    if (r.kind === 'factory' && method.decorators.some((d) => /^(functools\.)?(property|cached_property)$/.test(d.text))) return { kind: 'client', client: r.client, ...(r.others ? { others: r.others } : {}) };
    return r;
  }
  // Inherited from a base class in the workspace.
  for (const base of cls.bases) {
    const r = resolveExpr(file, base, depth + 1);
    if ((r.kind === 'class' || r.kind === 'instance') && r.clientAttrs[attr]) return { kind: 'client', client: r.clientAttrs[attr] };
  }
  // `self.client: AsyncOpenAI` declared in the class body without a value.
  return UNKNOWN;
}

/**
 * One name of a tuple unpacking: `client, model = _resolve_client_and_model(name)` takes the client the function returns
 * first; `a, b = OpenAI(), "gpt-4o"` the expression in the same position.
 */
function unpackedElement(file: PyFile, from: Node, index: number, depth: number): Resolved {
  const e = unwrap(from);
  if (e.type === 'expression_list' || e.type === 'tuple') {
    const item = tupleItems(e)[index];
    return item ? resolveExpr(file, item, depth + 1) : UNKNOWN;
  }
  if (e.type !== 'call') return UNKNOWN;
  const fn = e.childForFieldName('function');
  const callee = fn ? resolveExpr(file, fn, depth + 1) : UNKNOWN;
  const client = callee.kind === 'function' ? callee.returnsClients?.[index] : null;
  return client ? { kind: 'client', client } : UNKNOWN;
}

function tupleItems(e: Node): Node[] {
  return e.namedChildren.filter((c) => c.type !== 'comment');
}

/** The clients `fn` returns in a tuple, by position, when one of its `return a, b` statements holds one. */
function returnedTupleClients(file: PyFile, fn: FnInfo, depth: number): Array<ClientFact | null> | null {
  if (depth > MAX_DEPTH) return null;
  const body = fn.node.childForFieldName('body');
  if (!body) return null;
  let out: Array<ClientFact | null> | null = null;
  for (const ret of body.descendantsOfType('return_statement')) {
    if (enclosingFunction(ret)?.startIndex !== fn.start) continue;
    const value = ret.namedChildren.find((c) => c.type !== 'comment');
    const v = value ? unwrap(value) : null;
    if (v?.type !== 'expression_list' && v?.type !== 'tuple') continue;
    tupleItems(v).forEach((item, i) => {
      if (item.type === 'list_splat') return;
      const r = resolveExpr(file, item, depth + 1);
      if (r.kind !== 'client') return;
      out ??= [];
      out[i] ??= r.client;
    });
  }
  return out && Array.from(out, (c) => c ?? null);
}

function defResolved(file: PyFile, def: FnInfo | ClassInfo, depth: number): Resolved {
  if (def instanceof FnInfo) return functionResolved(file, def);
  return classResolved(file, def, depth + 1);
}

/**
 * What a function returns does not depend on where it is called: memoised per function and resolved with a fresh depth
 * budget (as module names are), so a chain built in a method (`chain = self.build_chain()`) is followed as far as one
 * built in place. The placeholder ends cycles between functions that return each other's results.
 */
function functionResolved(file: PyFile, fn: FnInfo): Resolved {
  const memo = functionMemo.get(fn);
  if (memo) return memo;
  functionMemo.set(fn, { kind: 'function', path: file.path, qualName: fn.qualName });
  const returned = returnedClients(file, fn, 1);
  const returnsClients = returned ? null : returnedTupleClients(file, fn, 1);
  const piped = returned ? [] : pipedParameters(file, fn);
  const r: Resolved = returned
    ? { kind: 'factory', client: returned.client, path: file.path, qualName: fn.qualName, ...(returned.others.length ? { others: returned.others } : {}) }
    : { kind: 'function', path: file.path, qualName: fn.qualName, ...(returnsClients ? { returnsClients } : {}), ...(piped.length ? { pipesParameters: piped } : {}) };
  functionMemo.set(fn, r);
  return r;
}

export interface PipedParameter {
  name: string;
  /** Where a positional argument fills it; null when a splat comes before it. */
  position: number | null;
}

/**
 * The parameters of a module-level function that the LangChain pipe it returns runs as steps:
 * `def create_rag_chain(retriever, prompt, llm): return {"context": retriever, …} | prompt | llm | StrOutputParser()`.
 * A call of it runs the model its caller hands over.
 */
export function pipedParameters(file: PyFile, fn: FnInfo): PipedParameter[] {
  if (fn.cls || fn.parent) return [];
  const found = new Set<string>();
  const visit = (expr: Node, inPipe: boolean, hops: number): void => {
    const e = unwrap(expr);
    if (e.type === 'binary_operator' && e.childForFieldName('operator')?.type === '|') {
      for (const side of [e.childForFieldName('left'), e.childForFieldName('right')]) if (side) visit(side, true, hops);
      return;
    }
    if (e.type !== 'identifier') return;
    if (fn.params.includes(e.text)) {
      if (inPipe && !file.bindingsIn(fn).get(e.text)?.length) found.add(e.text);
      return;
    }
    // `chain = prompt | llm | parser` then `return chain`.
    const local = file.bindingsIn(fn).get(e.text);
    if (hops < 2 && local?.length === 1 && local[0].value) visit(local[0].value, inPipe, hops + 1);
  };
  for (const v of returnedValues(fn)) visit(v, false, 0);
  if (!found.size) return [];
  const params = fn.node.childForFieldName('parameters')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  const splat = params.findIndex((p) => p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' || p.type === 'keyword_separator');
  return [...found].map((name) => {
    const at = fn.params.indexOf(name);
    return { name, position: splat >= 0 && splat < at ? null : at };
  });
}

/** The LangChain model a call of a function that pipes its parameters (`make_chain(prompt, llm)`) hands it. */
function pipedArgument(file: PyFile, call: Node, piped: PipedParameter[], depth: number): Resolved | null {
  const args = call.childForFieldName('arguments');
  return langchainClientOf(file, piped.map((p) => keyword(args, p.name) ?? (p.position === null ? null : positional(args, p.position))), depth);
}

const functionMemo = new WeakMap<FnInfo, Resolved>();

/** A workspace class with its client attributes and method names. */
export function classResolved(file: PyFile, cls: ClassInfo, depth: number): Resolved {
  const clientAttrs: Record<string, ClientFact> = {};
  if (depth <= MAX_DEPTH) {
    for (const [name, values] of file.classAttributes(cls)) {
      for (const v of values) {
        const r = resolveExpr(file, v.value, depth + 1);
        if (r.kind === 'client') {
          clientAttrs[name] = r.client;
          break;
        }
      }
    }
  }
  const methods = cls.methods.map((f) => f.name);
  const factories = cls.methods.filter(returnsOwnInstance).map((f) => f.name);
  const clientFactories = depth <= MAX_DEPTH ? staticClientFactories(file, cls, depth + 1) : null;
  const settings = settingsFields(file, cls);
  const clientBase = clientBaseOf(file, cls, depth + 1);
  const proxiedModule = methods.includes('__getattr__') ? proxiedModuleOf(file, cls) : null;
  return {
    kind: 'class', path: file.path, qualName: cls.qualName, clientAttrs, methods,
    ...(factories.length ? { factories } : {}), ...(clientFactories ? { clientFactories } : {}), ...(settings ? { settings } : {}), ...(clientBase ? { clientBase } : {}),
    ...(proxiedModule ? { proxiedModule } : {}),
  };
}

/** An absolute module by name: a workspace module, else an installed one. */
function moduleNamed(file: PyFile, module: string): Resolved {
  const target = file.index.resolveModule(file.path, 0, module);
  return target ? { kind: 'module', path: target } : { kind: 'external', qualified: module };
}

/**
 * The client class a workspace class is built as: every base is a client class of one SDK, or such a subclass in the
 * workspace, and the class body keeps the construction as it is (see `keepsClientConstruction`). The first base wins,
 * as Python's method order has it (`class WrappedAzureChatOpenAI(AzureChatOpenAI, WrappedChatOpenAI)` is Azure).
 */
function clientBaseOf(file: PyFile, cls: ClassInfo, depth: number): ClientBase | null {
  if (cls.bases.length === 0 || depth > MAX_DEPTH || !keepsClientConstruction(cls)) return null;
  let first: ClientBase | null = null;
  for (const base of cls.bases) {
    const r = resolveExpr(file, base, depth + 1);
    const c = r.kind === 'external' ? externalClientBase(r.qualified) : r.kind === 'class' ? (r.clientBase ?? null) : null;
    if (!c || (first && c.sdk !== first.sdk)) return null;
    first ??= c;
  }
  return first;
}

/**
 * The names this file may call to build a workspace client subclass: such classes it defines or imports by name, and
 * names bound to one of them (`model: Type[WrappedChat] = WrappedChatOpenAI`). Each call still resolves on its own.
 */
export function clientSubclassNames(file: PyFile): string[] {
  const names = new Set<string>();
  for (const cls of file.classes) {
    if (cls.bases.length && clientBaseOf(file, cls, 0)) names.add(cls.name);
  }
  for (const b of file.imports.values()) {
    const name = b.name ? escapeRegExp(b.local) : null;
    // Only names the file calls or binds to another name.
    if (!name || !new RegExp(`(?<![\\w.])${name}\\s*\\(|=[ \\t]*${name}[ \\t]*(?:#.*)?$`, 'm').test(file.text)) continue;
    const r = resolveModuleName(file, b.local);
    if (r.kind === 'class' && r.clientBase) names.add(b.local);
  }
  if (names.size === 0) return [];
  const bound = new RegExp(`^[ \\t]*([A-Za-z_]\\w*)[ \\t]*(?::[^=\\n]+)?=[ \\t]*(?:${[...names].map(escapeRegExp).join('|')})[ \\t]*(?:#.*)?$`, 'gm');
  for (const m of file.text.matchAll(bound)) names.add(m[1]);
  return [...names];
}

/**
 * A callee that names one class wherever it is bound: `model = WrappedChatOpenAI` / `if azure: model =
 * WrappedAzureChatOpenAI` then `model(**kwargs)` builds one of two classes, which one construction cannot stand for.
 */
function boundToOneClass(file: PyFile, callee: Node): boolean {
  if (callee.type !== 'identifier') return true;
  const values = branchValues(file, callee) ?? (file.functionAt(callee.startIndex) && localBinding(file, callee) ? [] : (file.moduleAssigns.get(callee.text) ?? []));
  return values.every((v) => file.src(v) === file.src(values[0]));
}

/** The name is bound in a function around it (so the module's bindings do not apply). */
function localBinding(file: PyFile, id: Node): boolean {
  for (let fn = file.functionAt(id.startIndex); fn; fn = fn.parent) {
    if (file.globalsOf(fn).has(id.text)) return false;
    if (file.bindingsIn(fn).has(id.text) || fn.params.includes(id.text)) return true;
  }
  return false;
}

function externalClientBase(qualified: string): ClientBase | null {
  const cls = isInitChatModel(qualified) ? null : clientClassOf(qualified);
  return cls ? { ...cls, module: qualified.slice(0, qualified.lastIndexOf('.')) } : null;
}

function subclassName(qualName: string): string {
  return qualName.slice(qualName.lastIndexOf('.') + 1);
}

/** The static and class methods of `cls` that return a client construction, with the others they may return. */
function staticClientFactories(file: PyFile, cls: ClassInfo, depth: number): Record<string, { client: ClientFact; others?: ClientFact[] }> | null {
  let out: Record<string, { client: ClientFact; others?: ClientFact[] }> | null = null;
  for (const m of cls.methods) {
    if (!m.decorators.some((d) => d.text === 'staticmethod' || d.text === 'classmethod')) continue;
    const returned = returnedClients(file, m, depth + 1);
    if (returned) (out ??= {})[m.name] = { client: returned.client, ...(returned.others.length ? { others: returned.others } : {}) };
  }
  return out;
}

/** A classmethod whose `return` statements all build an instance through its `cls` parameter. */
function returnsOwnInstance(fn: FnInfo): boolean {
  const receiver = fn.params[0];
  if (!receiver || !fn.decorators.some((d) => d.text === 'classmethod')) return false;
  const values = returnedValues(fn).map(unwrap);
  return values.length > 0 && values.every((v) => v.type === 'call' && v.childForFieldName('function')?.text === receiver);
}

/** A pydantic-settings class: `pydantic_settings.BaseSettings`, or `pydantic.BaseSettings` in pydantic v1. */
export function isSettingsClass(cls: ClassInfo): boolean {
  return cls.bases.some((b) => /\bBaseSettings$/.test(b.text));
}

export interface SettingsField {
  env: string;
  default: ValueFact | null;
}

/**
 * The fields of a pydantic-settings class (`class Settings(BaseSettings)`): pydantic-settings fills each from the
 * environment variable named after it (with `env_prefix`, matched case-insensitively), unless an alias names another.
 */
function settingsFields(file: PyFile, cls: ClassInfo): Record<string, SettingsField> | null {
  if (!isSettingsClass(cls)) return null;
  const body = cls.node.childForFieldName('body');
  if (!body) return null;
  // `model_config = SettingsConfigDict(env_prefix="APP_")`, `model_config = {"env_prefix": "APP_"}`, `class Config: env_prefix = "APP_"`
  const prefix = /\benv_prefix["']?\s*[=:]\s*["']([^"']*)["']/.exec(file.src(body))?.[1] ?? '';
  const out: Record<string, SettingsField> = {};
  for (const stmt of body.namedChildren) {
    const a = stmt.type === 'expression_statement' ? stmt.firstNamedChild : null;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
    if (!a || left?.type !== 'identifier' || !a.childForFieldName('type') || left.text === 'model_config') continue;
    let value = a.childForFieldName('right');
    let env = `${prefix}${left.text}`.toUpperCase();
    // `Field("http://…", alias="LITELLM_URL")` / `validation_alias=` / pydantic v1 `env=`
    if (value?.type === 'call' && /(^|\.)Field$/.test(value.childForFieldName('function')?.text ?? '')) {
      const args = value.childForFieldName('arguments');
      const alias = keywordString(file, args, 'validation_alias') ?? keywordString(file, args, 'alias') ?? keywordString(file, args, 'env');
      if (alias) env = alias.toUpperCase();
      value = positional(args, 0) ?? keyword(args, 'default');
    }
    out[left.text] = { env, default: value && value.type !== 'ellipsis' ? valueFact(file, value) : null };
  }
  return out;
}

function keywordString(file: PyFile, args: Node | null, name: string): string | null {
  const v = keyword(args, name);
  const f = v ? valueFact(file, v) : null;
  return f?.kind === 'string' ? f.value : null;
}

/**
 * The client a function returns (`return OpenAI(...)`, `return _client` after a lazy `global` init): the first one,
 * and the other constructions of its SDK it may return instead, from other `return` statements or bound to the
 * returned name on other branches.
 */
function returnedClients(file: PyFile, fn: FnInfo, depth: number): { client: ClientFact; others: ClientFact[] } | null {
  if (depth > MAX_DEPTH) return null;
  let client: ClientFact | null = null;
  const candidates: ClientFact[] = [];
  for (const value of returnedValues(fn)) {
    const r = resolveExpr(file, value, depth + 1);
    if (r.kind !== 'client') continue;
    client ??= r.client;
    candidates.push(r.client, ...(r.others ?? []), ...otherClientsOf(file, unwrap(value), r.client, depth + 1));
  }
  if (!client) return null;
  const chosen = client;
  return { client, others: distinctClients(candidates.filter((c) => c.sdk === chosen.sdk && !sameConstruction(c, chosen))) };
}

function sameConstruction(a: ClientFact, b: ClientFact): boolean {
  return a.path === b.path && a.span.start === b.span.start;
}

/** The clients with each construction once, in their first order. */
export function distinctClients(clients: ClientFact[]): ClientFact[] {
  return clients.filter((c, i) => clients.findIndex((o) => sameConstruction(o, c)) === i);
}

/** The values a function's own `return` statements give back (not those of functions nested in it). */
export function returnedValues(fn: FnInfo): Node[] {
  const body = fn.node.childForFieldName('body');
  if (!body) return [];
  const out: Node[] = [];
  for (const ret of body.descendantsOfType('return_statement')) {
    if (enclosingFunction(ret)?.startIndex !== fn.start) continue;
    const value = ret.namedChildren.find((c) => c.type !== 'comment');
    if (value) out.push(value);
  }
  return out;
}

function annotationOf(fn: FnInfo, name: string): Node | null {
  const params = fn.node.childForFieldName('parameters');
  if (!params) return null;
  for (const p of params.namedChildren) {
    if (p.type !== 'typed_parameter' && p.type !== 'typed_default_parameter') continue;
    const id = p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier');
    if (id?.text !== name) continue;
    const t = p.childForFieldName('type');
    return t?.firstNamedChild ?? t;
  }
  return null;
}

function isInitChatModel(qualified: string): boolean {
  return /^langchain\.chat_models(\.base)?\.init_chat_model$/.test(qualified);
}

/**
 * The chat model class `init_chat_model(...)` builds, from `model_provider=`, a `provider:model` string, or the model
 * name (`gpt-…`/`o1…` → ChatOpenAI, `claude…` → ChatAnthropic, as LangChain infers them); null when unknown.
 * The positional model joins the keyword options, so the client reads like `ChatOpenAI(model=…, …)`.
 */
function initChatModelClass(file: PyFile, call: Node, args: ArgsFact): ClientClass | null {
  const first = positional(call.childForFieldName('arguments'), 0);
  if (first && !args.options.model) {
    const span = file.span(first);
    args.options.model = { key: 'model', keySpan: span, span, value: valueFact(file, first) };
  }
  const model = args.options.model?.value;
  const modelText = model?.kind === 'string' ? model.value : model ? modelNamedThrough(file, call, args) : null;
  const given = args.options.model_provider?.value;
  const cls = initChatModelTarget(modelText, given ? { literal: given.kind === 'string' ? given.value : null } : null, 'python');
  if (cls) return { sdk: 'langchain', provider: cls.provider, className: cls.className };
  // A model chosen at run time (`init_chat_model(configurable_fields=("model", …))`, then `.with_config({"model": …})`,
  // or a model read from settings) is still a LangChain chat model: the rules that do not depend on the provider
  // (retry loops, tracing, usage) apply to its calls. A literal naming a provider without a class here stays unknown.
  const literalProvider = modelText !== null || (given?.kind === 'string');
  return literalProvider ? null : { sdk: 'langchain', provider: 'unknown', className: RUNTIME_CHAT_MODEL_CLASS };
}

/**
 * LangGraph's prebuilt `create_react_agent`, LangChain 1.0's `create_agent` and deepagents' `create_deep_agent` (built
 * on it; catalog DEEPAGENTS), which take a model name as well as a chat model.
 */
function isAgentFactory(qualified: string): boolean {
  return /^(langgraph\.prebuilt(\.chat_agent_executor)?\.create_react_agent|langchain\.agents(\.factory)?\.create_agent|deepagents(\.graph)?\.create_deep_agent)$/.test(qualified);
}

/**
 * The chat model an agent factory builds from a model name (`create_agent("openai:gpt-4o", tools)`,
 * `create_react_agent(model=os.environ["MODEL"], …)`): init_chat_model's, spanning the factory call, with the name as
 * its only option (`builtBy` `model-name`: nothing else reaches the model, and no option can be added there). Null
 * when the model is no name (a chat model, or a value the code computes).
 */
function agentModelClient(file: PyFile, call: Node, qualified: string): ClientFact | null {
  const argsNode = call.childForFieldName('arguments');
  if (!argsNode || (!keyword(argsNode, 'model') && !positional(argsNode, 0))) return null;
  const args = callArgs(file, call);
  const cls = initChatModelClass(file, call, args);
  const model = args.options.model;
  if (!cls || !model || (model.value.kind !== 'string' && model.value.kind !== 'env' && modelNamedThrough(file, call, args) === null)) return null;
  const factory = qualified.slice(qualified.lastIndexOf('.') + 1);
  const only: ArgsFact = { span: args.span, options: { model }, hasSpread: false, callArgsSpan: args.callArgsSpan };
  return { ...clientFact(file, call, { ...cls, module: '' }, `${factory}'s model`, only), builtBy: 'model-name' };
}

/** The fully qualified external name an expression refers to (`OpenAI` imported from openai → `openai.OpenAI`). */
export function qualifiedOf(file: PyFile, expr: Node): string | null {
  const r = resolveExpr(file, expr);
  return r.kind === 'external' ? r.qualified : null;
}

/** The pre-0.3 anthropic client's calls (`client.completion(prompt=…)`). */
const LEGACY_ANTHROPIC_CALL = /\.a?completion(_stream)?\(/;

/** `OpenAI(...)`, `anthropic.AsyncAnthropic(...)`, `genai.Client(...)`, `ChatOpenAI(...)`, `litellm.Router(...)`. */
export function clientConstruction(file: PyFile, call: Node): ClientFact | null {
  const fn = call.childForFieldName('function');
  if (!fn || (fn.type !== 'identifier' && fn.type !== 'attribute')) return null;
  const last = fn.type === 'attribute' ? fn.childForFieldName('attribute') : fn;
  if (last?.text === 'client') return bedrockRuntimeClient(file, call, fn);
  if (!last || !/^((Async)?(Azure)?(OpenAI|OpenAILike|Anthropic(Bedrock|Vertex)?|ChatOpenAI|AzureChatOpenAI|ChatAnthropic|ChatGoogleGenerativeAI|ChatGroq|ChatDeepSeek|ChatLiteLLM|Client(?:V2)?|Router|Groq|Cerebras)|init_chat_model|create_agent|create_react_agent|create_deep_agent|GenerativeModel|LLM|(Azure)?OpenAIChatCompletionClient|(OpenAI|Azure)ChatCompletion|ChatCompletionsClient)$/.test(last.text)) {
    // Aliased imports (`from openai import OpenAI as OAI`) still need a look-up.
    if (fn.type !== 'identifier' || !file.imports.has(fn.text)) return null;
  }
  const qualified = qualifiedOf(file, fn);
  if (qualified && isAgentFactory(qualified)) return agentModelClient(file, call, qualified);
  const args = callArgs(file, call);
  const cls = !qualified ? null : isInitChatModel(qualified) ? initChatModelClass(file, call, args) : clientClassOf(qualified);
  if (!cls) return null;
  // Before 0.3 `anthropic.Client(api_key)` was another class, called with `.completion(prompt=…)`: not today's client.
  if (cls.sdk === 'anthropic' && /^anthropic(\._client)?\.(Async)?Client$/.test(qualified!) && LEGACY_ANTHROPIC_CALL.test(file.text)) return null;
  if (isInitChatModel(qualified!)) return clientFact(file, call, { ...cls, module: '' }, 'init_chat_model', args);
  const fact = clientFact(file, call, { ...cls, module: qualified!.slice(0, qualified!.lastIndexOf('.')) }, null, args);
  if (cls.sdk === 'semantic-kernel' && args.options.async_client) fact.provider = ownClientProvider(file, call);
  return fact;
}

/**
 * A Semantic Kernel connector given `async_client=` sends through that client: where it goes is that client's base
 * URL (`AsyncOpenAI(base_url="https://generativelanguage.googleapis.com/v1beta/openai/")` is Google), unknown when the
 * client is not followed.
 */
function ownClientProvider(file: PyFile, call: Node): Provider {
  const node = keyword(call.childForFieldName('arguments'), 'async_client');
  const r = node ? resolveExpr(file, node) : UNKNOWN;
  return r.kind === 'client' && r.client.sdk === 'openai' ? r.client.provider : 'unknown';
}

/** `boto3.Session` and where boto3 defines it: a session's `client(...)` builds a client like `boto3.client(...)`. */
const BOTO3_SESSION = /^boto3(\.session)?\.Session$/;

/**
 * `boto3.client("bedrock-runtime", …)`, `boto3.Session(…).client(service_name="bedrock-runtime")`, or the same
 * through a session bound to a name first; any other service (`s3`, `bedrock`) is no LLM client. Its `config=` (a
 * `botocore.config.Config(…)` written in the call or bound once to a name) reads as an object, so that
 * `config.read_timeout` and `config.retries.max_attempts` can be looked up like other nested options.
 */
function bedrockRuntimeClient(file: PyFile, call: Node, fn: Node): ClientFact | null {
  const args = call.childForFieldName('arguments');
  const service = positional(args, 0) ?? keyword(args, 'service_name');
  const e = service ? unwrap(service) : null;
  const literal = e ? stringValue(e, (n) => file.src(n)) : null;
  // `SERVICE = "bedrock-runtime"` at module level, here or imported.
  const r = literal === null && e ? resolveExpr(file, e) : null;
  const value = literal ?? (r?.kind === 'string' ? r.value : r?.kind === 'node' ? stringValue(r.node, (n) => r.file.src(n)) : null);
  if (value !== BEDROCK_RUNTIME_SERVICE) return null;
  let boto3 = false;
  if (fn.type === 'identifier') boto3 = qualifiedOf(file, fn) === 'boto3.client';
  else {
    const owner = fn.childForFieldName('object');
    const r = owner ? resolveExpr(file, owner) : UNKNOWN;
    if (r.kind === 'external') boto3 = r.qualified === 'boto3';
    else if (r.kind === 'node' && r.node.type === 'call') {
      const ctor = r.node.childForFieldName('function');
      boto3 = !!ctor && BOTO3_SESSION.test(qualifiedOf(r.file, ctor) ?? '');
    }
  }
  if (!boto3) return null;
  const facts = callArgs(file, call);
  const config = facts.options.config;
  const configCall = config ? botocoreConfigCall(file, keyword(args, 'config')) : null;
  if (config && configCall) facts.options.config = { ...config, value: { kind: 'object', span: config.value.span, args: callArgs(file, configCall) } };
  return clientFact(file, call, { sdk: 'boto3', provider: 'bedrock', className: BEDROCK_RUNTIME_SERVICE, module: 'boto3' }, null, facts);
}

/** `Config(read_timeout=…, retries={…})` from botocore, written in place or bound once to a name that nothing changes. */
function botocoreConfigCall(file: PyFile, node: Node | null): Node | null {
  const e = node ? unwrap(node) : null;
  if (!e) return null;
  if (e.type === 'identifier') {
    const fn = file.functionAt(e.startIndex);
    const bound = fn ? file.soleAssignment(e) : file.moduleAssigns.get(e.text)?.length === 1 ? file.moduleAssigns.get(e.text)![0] : null;
    return bound && unwrap(bound).type === 'call' ? botocoreConfigCall(file, bound) : null;
  }
  if (e.type !== 'call') return null;
  const ctor = e.childForFieldName('function');
  return ctor && /^botocore\.(config|client)\.Config$/.test(qualifiedOf(file, ctor) ?? '') ? e : null;
}

/**
 * The client `call` builds as `cls`. `builder` names what the code calls when it is not the class itself
 * (`init_chat_model`, a workspace subclass): messages then name both.
 */
function clientFact(file: PyFile, call: Node, cls: ClientBase, builder: string | null, args = callArgs(file, call)): ClientFact {
  const fn = call.childForFieldName('function')!;
  const last = fn.type === 'attribute' ? (fn.childForFieldName('attribute') ?? fn) : fn;
  // `genai.GenerativeModel("gemini-1.5-flash")`: the model name is the first argument.
  const first = cls.sdk === 'google-generativeai' && !args.options.model_name ? positional(call.childForFieldName('arguments'), 0) : null;
  if (first) args.options.model_name = { key: 'model_name', keySpan: file.span(first), span: file.span(first), value: valueFact(file, first) };
  // `InferenceClient("meta-llama/…")` (huggingface_hub): the model (or endpoint URL) is the first argument.
  const hfModel = cls.sdk === 'huggingface' && !args.options.model ? positional(call.childForFieldName('arguments'), 0) : null;
  if (hfModel) args.options.model = { key: 'model', keySpan: file.span(hfModel), span: file.span(hfModel), value: valueFact(file, hfModel) };
  const httpClient = keyword(call.childForFieldName('arguments'), 'http_client');
  const model = modelNamedThrough(file, call, args);
  return {
    path: file.path,
    sdk: cls.sdk,
    // `OpenAI(base_url="https://api.groq.com/openai/v1")` talks to Groq; LangChain also spells it `openai_api_base`,
    // LlamaIndex `api_base`, Haystack `api_base_url`.
    provider: providerBehindBaseUrl(cls.sdk, cls.provider, (args.options.base_url ?? args.options.openai_api_base ?? (cls.sdk === 'llamaindex' ? args.options.api_base : cls.sdk === 'haystack' ? args.options.api_base_url : undefined))?.value),
    className: cls.className,
    ...(builder ? { label: cls.className === RUNTIME_CHAT_MODEL_CLASS ? `${builder} (its chat model chosen at run time)` : `${builder} (${cls.className})` } : {}),
    ...(cls.module ? { module: cls.module } : {}),
    span: file.span(call),
    nameSpan: file.span(last),
    args,
    ...(httpClient && httpClientLeavesSdkDefault(file, httpClient) ? { httpClientUntimed: true } : {}),
    ...(model !== null ? { model } : {}),
  };
}

/**
 * The model a client's `model=` / `model_name=` names through a name (`ChatOpenAI(model=MODEL)` with `MODEL = "gpt-4o"`
 * in this module or another) or an environment read's default (`model=os.getenv("MODEL", "gpt-4o")`): null when it is
 * written in place, or the name may hold several values (assigned on branches).
 */
function modelNamedThrough(file: PyFile, call: Node, args: ArgsFact): string | null {
  const key = args.options.model ? 'model' : args.options.model_name ? 'model_name' : null;
  const value = key ? args.options[key].value : null;
  if (!value || value.kind === 'string') return null;
  if (value.kind === 'env') return value.fallback?.kind === 'string' ? value.fallback.value : null;
  const node = keyword(call.childForFieldName('arguments'), key!) ?? (key === 'model' ? positional(call.childForFieldName('arguments'), 0) : null);
  if (!node) return null;
  const e = unwrap(node);
  if (e.type === 'identifier' && holdsSeveralValues(file, e)) return null;
  const named = modelArgumentOf(file, node);
  return named?.kind === 'name' ? named.value : null;
}

/**
 * The workspace function a call's callee names: a method through `self.` / `cls.`, a function of this module (`local`),
 * or one of another module, known by its summary (`other`). Null for anything else.
 */
export function calledFunction(
  file: PyFile,
  callee: Node,
): { local: FnInfo } | { other: Extract<Resolved, { kind: 'function' }> } | null {
  const obj = callee.type === 'attribute' ? callee.childForFieldName('object') : null;
  if (obj && /^(self|cls)$/.test(obj.text)) {
    const cls = receiverClass(file, obj) ?? file.classAt(callee.startIndex);
    const method = cls ? methodOf(file, cls, callee.childForFieldName('attribute')?.text ?? '') : null;
    return method ? { local: method } : null;
  }
  if (callee.type !== 'identifier' && callee.type !== 'attribute') return null;
  const r = resolveExpr(file, callee);
  if (r.kind !== 'function') return null;
  if (r.path !== file.path) return { other: r };
  const fn = file.functionNamed(r.qualName);
  return fn ? { local: fn } : null;
}
