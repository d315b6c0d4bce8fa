// LLM call sites, mirroring the TypeScript front end's call-sites.ts.
import { instructorRetries } from '../../../core/instructor-retries';
import { chatRequestArgs, clientModel, inheritHuggingFaceClientModel, inheritLangChainClientOptions, MAX_TOKEN_KEYS, modelFromRequestUrl, settleUsage } from '../../../core/call-site-options';
import { LEGACY_OPENAI_METHODS } from '../../../core/catalog/sdk-defaults';
import { providerBehindBaseUrl, rawHttpProvider } from '../../../core/catalog/providers';
import type { ArgsFact, ClientFact, FunctionRef, LlmCallSite, OptionFact, PromptPart, Provider, RetryConstruct, Sdk, Span, ValueFact } from '../../../core/types';
import { callsOf } from './callers';
import type { Reasons } from './request-paths';
import { callOfName, nodesMatching } from './text-search';
import type { FnInfo, PyFile } from './file-context';
import { deadlineAround } from './deadlines';
import { httpxTimeoutOff } from './http-client';
import { runHandsCallbacks } from './langchain-callbacks';
import { agentPromptOf, prebuiltAgentOf, templatePromptOf } from './langchain-templates';
import { dictValue, opaquePart, partFromContent, partsFromMessages } from './prompt';
import { exclusiveBranches } from './branch-conditions';
import { chatHistory, GENAI_CHAT_METHODS, genaiChatCreation } from './genai-chats';
import { calledFunction, otherClientsOf, resolveExpr, returnedValues, type Resolved } from './resolve';
import { PARTIAL_CALLEE, partialBehind, partialCallArgs, partialCallArgument, partialHolderNames, partialTarget } from './partial-calls';
import { modelArgumentOf } from './model-argument';
import { holdsSeveralValues, reachingValues } from './reaching-values';
import { retriesAround, retriesOfHelper } from './retries';
import { runnableRetries } from './runnable-retries';
import { engineQueryStreams, engineReceiver } from './llamaindex-engines';
import { pipelineGenerator } from './haystack-pipelines';
import { callersPassingStream, callersTurningOnFlag } from './stream-callers';
import { insideSpan } from './spans';
import { instructorFactory, rewrappedByInstructor } from './instructor-wrappers';
import { BEDROCK_METHODS, COHERE_METHODS, cohereV2Class, HAYSTACK_METHODS, HUGGINGFACE_METHODS, litellmFunction, LLAMAINDEX_METHODS, MISTRAL_LEGACY_METHODS, MISTRAL_METHODS, OLLAMA_METHODS, ollamaFunction, providerOfLitellmModel } from './sdk';
import { inheritSemanticKernelOptions, SEMANTIC_KERNEL_METHODS } from './semantic-kernel';
import { kernelRunPrompt, semanticKernelRun, type KernelRun } from './semantic-kernel-runs';
import { AZURE_INFERENCE_METHODS, inheritAzureInferenceOptions } from './azure-ai-inference';
import { stringValue } from './strings';
import { attributeChain, callArguments, keyword, lastName, positional, unwrap, withDecorators, within, type Node } from './syntax';
import { iteratedAsStream, usageOf, wrappedUsage } from './usage';
import { callArgs, dictArgs, envDefaultNumber, envRead, valueFact } from './values';

interface MethodShape {
  sdk: Sdk;
  method: string;
  streaming: boolean | null;
}

// Longest paths first, so `beta.chat.completions.parse` wins over `chat.completions.parse`.
const OPENAI_METHODS: Record<string, boolean | null> = {
  'beta.chat.completions.parse': false,
  'beta.chat.completions.stream': true,
  'chat.completions.create': null,
  'chat.completions.stream': true,
  'chat.completions.parse': false,
  'responses.create': null,
  'responses.stream': true,
  'responses.parse': false,
  // The legacy Completions API (`prompt=`): only through an OpenAI client (`x.completions.create` is a common name).
  'completions.create': null,
};
const ANTHROPIC_METHODS: Record<string, boolean | null> = { 'beta.messages.create': null, 'beta.messages.stream': true, 'messages.create': null, 'messages.stream': true };
/**
 * Instructor's own methods on a patched client (`instructor.from_openai(OpenAI())`): the same request as `create`, the
 * parsed model handed back with the completion, as partial models while streaming, or as an iterable of models.
 */
const INSTRUCTOR_METHODS: Record<string, boolean | null> = {
  'chat.completions.create_with_completion': false,
  'chat.completions.create_partial': true,
  'chat.completions.create_iterable': null,
  'messages.create_with_completion': false,
  'messages.create_partial': true,
  'messages.create_iterable': null,
};
const GOOGLE_METHODS: Record<string, boolean | null> = { 'models.generate_content_stream': true, 'models.generate_content': false };
/** google-generativeai `GenerativeModel` and `ChatSession` methods (null: `stream=` decides). */
const GENERATIVE_MODEL_METHODS: Record<string, boolean | null> = { generate_content: null, generate_content_async: null, send_message: null, send_message_async: null };
const LANGCHAIN_METHODS: Record<string, boolean> = { invoke: false, ainvoke: false, stream: true, astream: true, batch: false, abatch: false, astream_events: true };
/** Model objects whose own methods call the model; `shared`: the name may hold other clients too (factories, branches). */
const MODEL_OBJECT_METHODS: ReadonlyArray<{ sdk: Sdk; methods: Readonly<Record<string, boolean | null>>; shared: boolean }> = [
  { sdk: 'langchain', methods: LANGCHAIN_METHODS, shared: true },
  { sdk: 'google-generativeai', methods: GENERATIVE_MODEL_METHODS, shared: false },
  { sdk: 'llamaindex', methods: LLAMAINDEX_METHODS, shared: true },
  { sdk: 'haystack', methods: HAYSTACK_METHODS, shared: true },
  { sdk: 'semantic-kernel', methods: SEMANTIC_KERNEL_METHODS, shared: true },
  { sdk: 'azure-ai-inference', methods: AZURE_INFERENCE_METHODS, shared: false },
];
const RAW_RESPONSE = /^with_(raw|streaming)_response$/;
/** Bedrock token counts by name: the `x-amzn-bedrock-input-token-count` headers of invoke_model, the usage fields. */
const BEDROCK_USAGE_TEXT = /x-amzn-bedrock-(?:input|output)-token-count|\b(?:inputTokens|outputTokens|input_tokens|output_tokens|inputTokenCount|outputTokenCount)\b/;

/** SDKs whose request methods are found on a resolved client of theirs: the method names and whether each streams. */
const CLIENT_METHODS: ReadonlyArray<[Sdk, Readonly<Record<string, boolean | null>>]> = [
  ['boto3', BEDROCK_METHODS],
  ['huggingface', HUGGINGFACE_METHODS],
];

/** Candidate calls: only the last callee names that can start a model request. */
const CANDIDATE_NAMES = 'create|acreate|create_with_completion|create_partial|create_iterable|stream|parse|invoke|ainvoke|astream|batch|abatch|astream_events|completion|acompletion|generate_content|generate_content_async|generate_content_stream|send_message|send_message_async|send_message_stream|chat|achat|chat_with_tools|achat_with_tools|stream_chat|astream_chat|complete|acomplete|stream_complete|astream_complete|generate|post|request|invoke_model|invoke_model_with_response_stream|converse|converse_stream|get_chat_message_contents?|get_streaming_chat_message_contents?|get_response|invoke_stream|invoke_prompt|invoke_prompt_stream|run|run_async|query|aquery|chat_completion|text_generation|chat_stream|complete_async|stream_async|generate_stream';
const CANDIDATE = new RegExp(`(?:\\.\\s*|(?<![\\w.]))(${CANDIDATE_NAMES})\\s*\\(`, 'dg');

export interface CallSiteEnv {
  file: PyFile;
  reasons: Reasons;
  historyNames: Set<string>;
  /** Where the provider URL literals that raw model requests are sent to start (see requestUrlLiteral). */
  requestUrls?: Set<number>;
}

/** Every LLM call site in the file, in source order. */
export function callSitesIn(env: CallSiteEnv): LlmCallSite[] {
  const out: LlmCallSite[] = [];
  for (const call of nodesMatching(env.file, CANDIDATE, 1, callOfName)) {
    const site = callSiteOf(call, env);
    if (site) out.push(site);
  }
  // `from litellm import completion as litellm_completion` (or ollama's `chat as ollama_chat`): the local name is the candidate.
  const aliases = [...env.file.imports.values()]
    .filter((b) => b.level === 0 && b.name && b.local !== b.name && ((b.module === 'litellm' && litellmFunction(`litellm.${b.name}`)) || (b.module === 'ollama' && ollamaFunction(`ollama.${b.name}`))))
    .map((b) => b.local);
  if (aliases.length) {
    for (const call of nodesMatching(env.file, new RegExp(`(?<![\\w.])(${aliases.join('|')})\\s*\\(`, 'dg'), 1, callOfName)) {
      const site = callSiteOf(call, env);
      if (site) out.push(site);
    }
  }
  // `chat = client.chat.completions.create` then `chat(…)`: names bound to an SDK method that CANDIDATE does not list.
  const references = methodReferenceNames(env.file).filter((n) => !aliases.includes(n));
  if (references.length) {
    for (const call of nodesMatching(env.file, new RegExp(`(?<![\\w.])(${references.join('|')})\\s*\\(`, 'dg'), 1, callOfName)) {
      const site = callSiteOf(call, env);
      if (site) out.push(site);
    }
  }
  // `create = partial(client.chat.completions.create, model=…)` then `create(messages=…)`, `self._llm(…)`: calls of
  // names that may hold a partial (CANDIDATE already finds `chat(…)` and `completion(…)`).
  const holders = partialHolderNames(env.file).filter((n) => !CANDIDATE_NAME.test(n) && !aliases.includes(n) && !references.includes(n));
  if (holders.length) {
    for (const call of nodesMatching(env.file, new RegExp(`(?<![\\w.])(?:self\\.)?(${holders.join('|')})\\s*\\(`, 'dg'), 1, callOfName)) {
      const site = callSiteOf(call, env);
      if (site) out.push(site);
    }
  }
  for (const call of nodesMatching(env.file, REFERENCE, 1, callTakingReference)) {
    const reference = handedReference(call);
    if (!reference) continue;
    let site: LlmCallSite | null = null;
    if (invokesReference(env.file, call, reference)) {
      site = callSiteOf(call, env, { reference, callback: reference, request: call });
      // `task = to_thread(create, …)` awaited later (`await gather(other, task)`): the response comes back elsewhere.
      if (site && call.parent?.type !== 'await') {
        site.usage = 'unknown';
        delete site.resultBinding;
      }
    }
    else {
      // `asyncio.to_thread(partial(client.chat.completions.create, **kwargs))`: the partial's arguments are the request.
      const outer = PARTIAL_CALLEE.test(env.file.src(call.childForFieldName('function') ?? call)) ? callHandedTo(call) : null;
      if (outer && invokesReference(env.file, outer, call)) site = callSiteOf(outer, env, { reference, callback: call, request: call });
    }
    if (site) out.push(site);
  }
  return out;
}

/** What a method reference handed on stands for: the method, what the runner or helper was given, the request's arguments. */
export interface HandedReference {
  reference: Node;
  /** The argument of the runner or helper: the reference itself, or a `partial(...)` of it. */
  callback: Node;
  /** The call whose keyword arguments are the request: the runner's or helper's, or the partial's. */
  request: Node;
  /** `request` is a `partial(…)` the call itself calls: the call's own arguments add to and replace the bound ones. */
  calledPartial?: boolean;
}

/**
 * Names bound to a method reference whose last name CANDIDATE does not list (`chat = client.chat.completions.create`,
 * `ask = litellm.completion`): their calls are candidates too, each resolved by `boundMethodCallSite`.
 */
function methodReferenceNames(file: PyFile): string[] {
  const names = new Set<string>();
  for (const m of file.text.matchAll(BOUND_METHOD)) if (!CANDIDATE_NAME.test(m[1])) names.add(m[1]);
  return [...names];
}

const BOUND_METHOD = /^[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^=\n]+)?=[ \t]*[A-Za-z_][\w.]*\.(?:create|acreate|stream|parse|completion|acompletion|generate_content|generate_content_stream)[ \t]*(?:#.*)?$/gm;
const CANDIDATE_NAME = new RegExp(`^(?:${CANDIDATE_NAMES})$`);

/**
 * A call of a name bound to an SDK method rather than called on it (`completion = client.chat.completions.create`
 * in the module or the function, then `completion(model=…, stream=True)`): the call site of that method, its client
 * resolved where it was bound. A name bound on several branches (`if use_litellm: completion = litellm.completion`
 * / `else: completion = client.chat.completions.create`) counts only when every value that may reach the call is such
 * a method of one kind: same SDK and method (other clients become `otherClients`), or LiteLLM's completion and the
 * OpenAI Chat Completions it mirrors, which take the same request and the same `stream_options`. There the OpenAI
 * call stands for both: it reports no LiteLLM-only setting, and its defaults (600 s, retries underneath) are
 * LiteLLM's too. Anything else (a placeholder still live, another function, two SDKs' requests) is no call site.
 */
function boundMethodCallSite(call: Node, id: Node, env: CallSiteEnv): LlmCallSite | null {
  const values = reachingValues(env.file, id);
  if (!values?.length) return null;
  const sites: LlmCallSite[] = [];
  for (const v of values) {
    const e = unwrap(v);
    const site = e.type === 'attribute' ? callSiteOf(call, env, undefined, e) : null;
    if (!site) return null;
    sites.push(site);
  }
  const kinds = new Set(sites.map((s) => `${s.sdk} ${s.method}`));
  const openai = sites.find((s) => s.sdk === 'openai' && s.method === 'chat.completions.create');
  const mirrored = openai && [...kinds].every((k) => k === 'openai chat.completions.create' || /^litellm a?completion$/.test(k));
  if (kinds.size > 1 && !mirrored) return null;
  const chosen = mirrored ? openai : sites[0];
  const others = sites.flatMap((s) => [
    ...(s.client && s !== chosen && s.sdk === chosen.sdk ? [{ path: s.client.path, start: s.client.span.start }] : []),
    ...(s.otherClients ?? []),
  ]);
  const distinct = others.filter((o, i) => (o.path !== chosen.client?.path || o.start !== chosen.client.span.start) && others.findIndex((x) => x.path === o.path && x.start === o.start) === i);
  if (distinct.length) chosen.otherClients = distinct;
  return chosen;
}

/** The call this one is handed to as an argument (`to_thread(partial(…))`, `run_in_executor(None, partial(…))`). */
function callHandedTo(call: Node): Node | null {
  const outer = call.parent?.type === 'argument_list' ? call.parent.parent : null;
  return outer?.type === 'call' ? outer : null;
}

/**
 * An SDK method handed to a function that calls it with the call's other arguments: `asyncio.to_thread(
 * client.chat.completions.create, model=…, messages=…)`, or a helper of the workspace
 * (`call_with_retry(client.chat.completions.create, **params)`). The outer call is then the request.
 */
const REFERENCE = /\.\s*(create|acreate|stream|parse|completion|acompletion|generate_content|generate_content_stream|send_message|invoke_model|converse)\s*[,)]/dg;

/**
 * Runners that call their first argument with the rest and hand back its result: asyncio, anyio, Starlette/FastAPI.
 * Not an executor's `submit`: it returns a Future, whose `.result()` is the response, so usage and spans around the
 * call would be about the Future (a logged `future.usage` raised AttributeError).
 */
const RUNNERS = /(?:^|\.)(?:to_thread|run_sync|run_in_threadpool)$/;

function firstArgument(call: Node): Node | null {
  return call.childForFieldName('arguments')?.namedChildren.find((c) => c.type !== 'comment') ?? null;
}

/**
 * The call whose first argument is this method reference (`H(client.chat.completions.create, …)`), or an event
 * loop's `run_in_executor(None, chat.send_message, prompt)`, which takes it second.
 */
function callTakingReference(n: Node): Node | null {
  const attr = n.parent;
  if (n.type !== 'identifier' || attr?.type !== 'attribute' || attr.childForFieldName('attribute')?.id !== n.id) return null;
  const call = attr.parent?.type === 'argument_list' ? attr.parent.parent : null;
  return call?.type === 'call' && handedReference(call)?.id === attr.id ? call : null;
}

/** The argument a runner or helper calls: the first, or the second of `run_in_executor(executor, fn, *args)`. */
function handedReference(call: Node): Node | null {
  const callee = call.childForFieldName('function');
  if (callee && /(?:^|\.)run_in_executor$/.test(callee.text)) return call.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment')[1] ?? null;
  return firstArgument(call);
}

/**
 * The outer function calls the callable it is given as `callback`: a known runner (first argument; an event loop's
 * `run_in_executor` takes it second), or a function whose first parameter it calls.
 */
function invokesReference(file: PyFile, call: Node, callback: Node): boolean {
  const callee = call.childForFieldName('function');
  if (!callee) return false;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  const at = args.findIndex((a) => a.id === callback.id);
  // The runners hand back an awaitable: only awaited on the spot is the call's value the response (a task or future
  // kept for later has no `usage`).
  const awaited = call.parent?.type === 'await';
  if (/(?:^|\.)run_in_executor$/.test(file.src(callee))) return at === 1 && awaited;
  if (at !== 0) return false;
  if (RUNNERS.test(file.src(callee))) return awaited || awaitedLater(file, call);
  const called = calledFunction(file, callee);
  // A helper of another module is known by its summary: a retry helper calls its callback.
  if (called && 'other' in called) return !!called.other.retryHelper;
  const fn = called?.local;
  if (!fn || (fn.isAsync && !awaited)) return false;
  const param = fn.params.find((p) => p !== 'self' && p !== 'cls');
  const body = fn.node.childForFieldName('body');
  return !!param && !!body && new RegExp(`(?<![\\w.])${param}\\s*\\(`).test(file.src(body));
}

/**
 * `completion = to_thread(create, …)` whose name the function awaits later, alone or gathered
 * (`await completion`, `await asyncio.gather(placeholder, completion)`): the runner runs the request all the same.
 */
function awaitedLater(file: PyFile, call: Node): boolean {
  const assignment = call.parent?.type === 'assignment' && call.parent.childForFieldName('right')?.id === call.id ? call.parent : null;
  const name = assignment?.childForFieldName('left');
  if (name?.type !== 'identifier') return false;
  const fn = file.functionAt(call.startIndex);
  const body = fn?.node.childForFieldName('body');
  if (!body) return false;
  const after = file.src(body).slice(file.span(call).end - file.span(body).start);
  return new RegExp(`\\bawait\\s+(?:${name.text}\\b|(?:asyncio\\.)?gather\\([^)]*(?<![\\w.])${name.text}\\b)`).test(after);
}

function matchMethod(names: string[], table: Record<string, boolean | null>): { method: string; depth: number } | null {
  for (const { method, parts } of methodPartsOf(table)) {
    if (names.length < parts.length) continue;
    const offset = names.length - parts.length;
    let same = true;
    for (let i = 0; i < parts.length && same; i++) same = names[offset + i] === parts[i];
    // `beta.threads.messages.create` appends a message to an OpenAI Assistants thread: no model runs.
    if (same) return names[offset - 1] === 'threads' ? null : { method, depth: parts.length };
  }
  return null;
}

/** A method table's keys split into names once: every call of the file is matched against them. */
function methodPartsOf(table: Record<string, boolean | null>): { method: string; parts: string[] }[] {
  let parts = methodParts.get(table);
  if (!parts) methodParts.set(table, (parts = Object.keys(table).map((method) => ({ method, parts: method.split('.') }))));
  return parts;
}

const methodParts = new WeakMap<Record<string, boolean | null>, { method: string; parts: string[] }[]>();

/** The expression a callee chain hangs off after removing `depth` trailing names (skipping `.aio` for google-genai). */
function receiverOf(callee: Node, depth: number, skipAio: boolean): Node | null {
  const { root, nodes, names } = attributeChain(callee);
  let i = nodes.length - depth;
  if (skipAio && i > 0 && names[i - 1] === 'aio') i--;
  return i > 0 ? nodes[i - 1] : root;
}

function importsModule(file: PyFile, prefix: RegExp): boolean {
  for (const b of file.imports.values()) if (prefix.test(b.module) || (b.module === '' && b.name && prefix.test(b.name))) return true;
  for (const b of file.wildcardImports) if (prefix.test(b.module)) return true;
  return false;
}

/**
 * The other constructions a call on `recv` may go through besides `client`: those bound to the same name or attribute
 * on other branches, and those the factory it came from returns on other branches.
 */
function clientsBesides(file: PyFile, recv: Node, resolved: Resolved, client: ClientFact): ClientFact[] {
  const all = [...otherClientsOf(file, recv, client), ...(resolved.kind === 'client' ? (resolved.others ?? []) : [])];
  return all.filter((c, i) => (c.path !== client.path || c.span.start !== client.span.start) && all.findIndex((o) => o.path === c.path && o.span.start === c.span.start) === i);
}

/** The client is built in this file on a branch that excludes the one the call is on. */
function onOtherBranch(file: PyFile, call: Node, client: ClientFact): boolean {
  if (client.path !== file.path) return false;
  const built = file.root.descendantForIndex(file.offsets.fromUtf16(client.span.start), file.offsets.fromUtf16(client.span.end));
  return !!built && exclusiveBranches(call, built);
}

function clientOf(r: Resolved): ClientFact | null {
  if (r.kind === 'client') return r.client;
  if (r.kind === 'param' && r.annotation?.kind === 'client') return r.annotation.client;
  return null;
}

/** The SDK a parameter annotation names (`client: AsyncAnthropic`), for calls through injected clients. */
function annotatedSdk(r: Resolved): Sdk | null {
  if (r.kind !== 'param' || r.annotation?.kind !== 'external') return null;
  const q = r.annotation.qualified;
  if (/^(openai|langfuse\.openai)\./.test(q)) return 'openai';
  if (/^anthropic\./.test(q)) return 'anthropic';
  if (/^google\.genai\./.test(q)) return 'google-genai';
  if (/^langchain/.test(q)) return 'langchain';
  if (/^mistralai(\.client)?\.Mistral$/.test(q)) return 'mistral';
  return null;
}

/** Turns a call into a call site when it sends a request to a model. */
export function callSiteOf(call: Node, env: CallSiteEnv, handed?: HandedReference, boundMethod?: Node): LlmCallSite | null {
  const { file } = env;
  // A method reference handed to a runner or helper (`callSitesIn`): the method is the reference, the arguments the
  // request's (the call's own, or a partial's). A name bound to an SDK method (`boundMethod`): the method is the
  // value it was bound to, read where it was bound.
  if (!handed && !boundMethod) {
    const partial = calledPartialOf(call, file);
    if (partial) return partial.target ? callSiteOf(call, env, { reference: partial.target, callback: partial.node, request: partial.node, calledPartial: true }) : null;
  }
  const reference = handed?.reference ?? boundMethod;
  const callee = reference ?? call.childForFieldName('function');
  if (!callee) return null;
  let shape: MethodShape | null = null;
  let client: ClientFact | null = null;
  let provider: Provider = 'unknown';
  let nameNode: Node = callee;
  let moduleClient = false;
  let otherPackage: string | null = null;
  let others: ClientFact[] = [];
  let instructor = false;
  // `pipe.run(…)` of a Haystack pipeline: a run of the generator it holds, among its other components.
  let pipelineRun = false;
  // `agent.get_response(…)` / `kernel.invoke_prompt(…)`: a Semantic Kernel run through its one connector.
  let kernelRun: KernelRun | null = null;
  // `chat.send_message(…)` on a google-genai chat session: the `chats.create(…)` call that made it.
  let chat: Node | null = null;

  if (callee.type === 'attribute') {
    nameNode = callee.childForFieldName('attribute') ?? callee;
    const { names: chain } = attributeChain(callee);
    // `client.messages.with_raw_response.create(...)` sends the same request and hands back the HTTP response.
    const raw = chain.length >= 2 && RAW_RESPONSE.test(chain[chain.length - 2]) ? 1 : 0;
    const names = raw ? [...chain.slice(0, -2), chain[chain.length - 1]] : chain;
    const legacy = raw ? null : legacyOpenAiMethod(file, callee, names);
    if (legacy) {
      shape = { sdk: 'openai', method: legacy, streaming: null };
      provider = legacyOpenAiProvider(file);
    }
    const ins = legacy ? null : matchMethod(names, INSTRUCTOR_METHODS);
    const oa = legacy ? null : ins && ins.method.startsWith('chat.') ? ins : matchMethod(names, OPENAI_METHODS);
    const an = oa ? null : ins ?? matchMethod(names, ANTHROPIC_METHODS);
    const go = oa || an ? null : matchMethod(names, GOOGLE_METHODS);
    const hit = oa ?? an ?? go;
    if (hit) {
      const recv = receiverOf(callee, hit.depth + raw, !!go);
      let resolved: Resolved = recv ? resolveExpr(file, recv) : { kind: 'unknown' as const };
      // An Instructor-patched client sends its requests through the SDK client it wraps, with that client's settings.
      const wrapped = instructorWrapped(resolved);
      if (wrapped) {
        resolved = wrapped;
        instructor = true;
      } else if (recv && resolved.kind === 'client' && rewrappedByInstructor(file, recv)) instructor = true;
      else if (ins) return null;
      client = clientOf(resolved);
      if (client && recv) others = clientsBesides(file, recv, resolved, client);
      moduleClient = !!oa && !client && resolved.kind === 'external' && resolved.qualified === 'openai';
      const table = oa ? OPENAI_METHODS : an ? ANTHROPIC_METHODS : GOOGLE_METHODS;
      const sdk: Sdk = oa ? 'openai' : an ? 'anthropic' : 'google-genai';
      const hinted = annotatedSdk(resolved);
      // `messages.create` is a common name outside LLM SDKs (Twilio): require an Anthropic client or import.
      if (an && !client && hinted !== 'anthropic' && !importsModule(file, /^anthropic/)) return null;
      if (go && !client && hinted !== 'google-genai' && !importsModule(file, /^google\.genai|^google$/)) return null;
      if (oa && !client && !/^chat\.|^beta\.chat\./.test(hit.method) && hinted !== 'openai' && !importsModule(file, /^(openai|langfuse\.openai)/)) return null;
      if (oa && hit.method === 'completions.create' && !client && !moduleClient) return null;
      // huggingface_hub's InferenceClient has `chat.completions.create` as an alias of its chat_completion.
      const hfAlias = client?.sdk === 'huggingface' && hit.method === 'chat.completions.create';
      // An Anthropic client never has chat.completions: that call is something else.
      if (client && client.sdk !== sdk && !hfAlias) return null;
      shape = { sdk: hfAlias ? 'huggingface' : sdk, method: hit.method, streaming: ins ? INSTRUCTOR_METHODS[hit.method] : table[hit.method] };
      provider = client?.provider ?? (oa ? 'openai' : an ? 'anthropic' : 'google');
      // `Groq().chat.completions.create(...)`: an OpenAI-compatible SDK of another provider, with its own defaults.
      const compatible = oa && !client ? compatibleClientPackage(file, resolved) : null;
      if (compatible) {
        provider = compatible.provider;
        otherPackage = compatible.package;
      }
    } else if (!legacy) {
      const last = names[names.length - 1];
      const obj = callee.childForFieldName('object');
      const mistral = mistralShape(file, callee, names);
      if (mistral) {
        client = mistral.client;
        provider = 'mistral';
        shape = mistral.shape;
      }
      // `llm.invoke(…)` on a LangChain chat model, `model.generate_content(…)` on a google-generativeai GenerativeModel,
      // `llm.stream_complete(…)` on a LlamaIndex LLM: the method runs the model the object was built for.
      for (const t of MODEL_OBJECT_METHODS) {
        if (shape || !obj || !Object.hasOwn(t.methods, last)) continue;
        const r = resolveExpr(file, obj);
        const resolved = clientOf(r);
        if (resolved?.sdk !== t.sdk) continue;
        // `if backend == "ollama": llm.chat(…)` never reaches the OpenAILike its factory builds past `if backend ==
        // "ollama": return Ollama(…)`: the call goes through another of the clients, or through none the linter knows.
        const [c, ...besides] = onOtherBranch(file, call, resolved)
          ? clientsBesides(file, obj, r, resolved).filter((x) => !onOtherBranch(file, call, x))
          : [resolved, ...(t.shared ? clientsBesides(file, obj, r, resolved) : [])];
        if (!c) continue;
        client = c;
        if (t.shared) others = besides.filter((x) => !onOtherBranch(file, call, x));
        provider = c.provider;
        shape = { sdk: t.sdk, method: last, streaming: t.methods[last] };
      }
      if (!shape && obj && (last === 'query' || last === 'aquery')) {
        // `query_engine.query(q)` on a LlamaIndex engine built around an LLM the code constructs (llamaindex-engines.ts).
        const r = resolveExpr(file, obj);
        const c = clientOf(r);
        if (c?.sdk === 'llamaindex') {
          client = c;
          others = clientsBesides(file, obj, r, c);
          provider = c.provider;
          shape = { sdk: 'llamaindex', method: last, streaming: engineQueryStreams(file, obj) };
        }
      }
      if (!shape && obj && Object.hasOwn(HAYSTACK_METHODS, last)) {
        // `pipe.run({…})` on a Haystack Pipeline built in this file around one generator (haystack-pipelines.ts).
        const c = pipelineGenerator(file, obj);
        if (c) {
          client = c;
          provider = c.provider;
          shape = { sdk: 'haystack', method: last, streaming: false };
          pipelineRun = true;
        }
      }
      if (!shape && obj) {
        // `agent.get_response(…)` / `kernel.invoke_prompt(…)`: a run through one connector (semantic-kernel-runs.ts).
        const run = semanticKernelRun(file, call, obj, last);
        if (run) {
          client = run.client;
          provider = run.client.provider;
          shape = { sdk: 'semantic-kernel', method: last, streaming: run.streaming };
          kernelRun = run;
        }
      }
      if (!shape && obj && Object.hasOwn(GENAI_CHAT_METHODS, last)) {
        // `chat.send_message(…)` on a session from `client.chats.create(…)`: the client is the one it was made from.
        const creation = genaiChatCreation(file, obj);
        const fn = creation?.childForFieldName('function');
        const recv = fn ? receiverOf(fn, 2, true) : null;
        const resolved: Resolved = recv ? resolveExpr(file, recv) : { kind: 'unknown' };
        const c = clientOf(resolved);
        if (recv && (c ? c.sdk === 'google-genai' : annotatedSdk(resolved) === 'google-genai' || importsModule(file, /^google\.genai|^google$/))) {
          client = c;
          if (c) others = clientsBesides(file, recv, resolved, c);
          provider = c?.provider ?? 'google';
          shape = { sdk: 'google-genai', method: `chats.${last}`, streaming: GENAI_CHAT_METHODS[last] };
          chat = creation;
        }
      }
      // `bedrock.converse(…)` on a boto3 `bedrock-runtime` client; `client.chat_completion(…)` /
      // `client.text_generation(…)` on a huggingface_hub InferenceClient.
      for (const [sdk, methods] of CLIENT_METHODS) {
        if (shape || !obj || !Object.hasOwn(methods, last)) continue;
        const r = resolveExpr(file, obj);
        const c = clientOf(r);
        if (c?.sdk !== sdk) continue;
        client = c;
        others = clientsBesides(file, obj, r, c);
        provider = c.provider;
        shape = { sdk, method: last, streaming: methods[last] };
      }
      if (!shape && obj && Object.hasOwn(COHERE_METHODS, last)) {
        // `co.chat(…)` on a Cohere client; `co.v2.chat(…)` sends a v1 client's request to the v2 API.
        const viaV2 = obj.type === 'attribute' && obj.childForFieldName('attribute')?.text === 'v2';
        const recv = viaV2 ? obj.childForFieldName('object') : obj;
        const r = recv ? resolveExpr(file, recv) : null;
        const c = r ? clientOf(r) : null;
        if (recv && r && c?.sdk === 'cohere' && !(viaV2 && last.startsWith('generate'))) {
          client = c;
          others = clientsBesides(file, recv, r, c);
          provider = c.provider;
          const v2 = last.startsWith('chat') && (viaV2 || cohereV2Class(c.className));
          shape = { sdk: 'cohere', method: v2 ? `v2.${last}` : last, streaming: COHERE_METHODS[last] };
        }
      }
      if (!shape && obj && Object.hasOwn(OLLAMA_METHODS, last)) {
        // `client.chat(…)` on an ollama Client, or `ollama.chat(…)` through the module's default client.
        const c = clientOf(resolveExpr(file, obj));
        const r = c ? null : resolveExpr(file, callee);
        if (c?.sdk === 'ollama' || (r?.kind === 'external' && ollamaFunction(r.qualified))) {
          client = c;
          provider = 'ollama';
          moduleClient = !c;
          shape = { sdk: 'ollama', method: last, streaming: OLLAMA_METHODS[last] };
        }
      }
      if (!shape && obj && (last === 'completion' || last === 'acompletion')) {
        const r = resolveExpr(file, callee);
        if (r.kind === 'external' && litellmFunction(r.qualified)) shape = { sdk: 'litellm', method: last, streaming: null };
        else {
          const c = clientOf(resolveExpr(file, obj));
          if (c?.sdk === 'litellm') {
            client = c;
            shape = { sdk: 'litellm', method: last, streaming: null };
          }
        }
      }
    }
  } else if (callee.type === 'identifier') {
    const r = resolveExpr(file, callee);
    const fn = r.kind === 'external' ? litellmFunction(r.qualified) : null;
    if (fn) shape = { sdk: 'litellm', method: fn, streaming: null };
    // `from ollama import chat` then `chat(…)`: the module's default client.
    const ollama = !fn && r.kind === 'external' ? ollamaFunction(r.qualified) : null;
    if (ollama) {
      shape = { sdk: 'ollama', method: ollama, streaming: OLLAMA_METHODS[ollama] };
      provider = 'ollama';
      moduleClient = true;
    }
    if (!shape && !reference && r.kind !== 'external' && r.kind !== 'function') {
      const site = boundMethodCallSite(call, callee, env);
      if (site) return site;
    }
  }
  if (!shape) return reference ? null : httpCallSite(call, nameNode, env);
  // The diagnostics of a call through a bound method or a partial point at the call, not at the binding.
  if (boundMethod || handed?.calledPartial) nameNode = call.childForFieldName('function') ?? nameNode;

  const own = handed?.calledPartial ? partialCallArgs(file, handed.request, call) : callArgs(file, handed?.request ?? call);
  const args = chat ? chatRequestArgs(callArgs(file, chat), own) : own;
  const site = baseCallSite(call, nameNode, env, shape, provider, args, client, handed);
  if (otherPackage) site.clientPackage = otherPackage;
  if (moduleClient) site.moduleClient = true;
  if (others.length) site.otherClients = others.map((c) => ({ path: c.path, start: c.span.start }));
  const copy = shape.sdk === 'openai' || shape.sdk === 'anthropic' ? withOptionsCall(file, callee) : null;
  if (copy) site.copyOptions = callArgs(file, copy);
  fillRequest(site, call, env, handed, chat);
  // Bedrock's counts read some other way than through the payload: invoke_model's response headers, or by name.
  if (shape.sdk === 'boto3' && site.usage === 'discarded' && !site.usageDroppedBy) {
    const fn = file.functionAt(call.startIndex);
    if (BEDROCK_USAGE_TEXT.test(fn ? file.src(fn.node) : file.text)) site.usage = 'read';
  }
  if (shape.sdk === 'litellm' && !client) site.provider = providerOfLitellmModel(site.model.value);
  if (instructor) instructorRequest(site, file);
  // Callbacks handed to the run or its model may hold a tracer (Langfuse's CallbackHandler) that also records the usage.
  if (shape.sdk === 'langchain' && runHandsCallbacks(file, call, client)) {
    site.callbacksMayTrace = true;
    if (site.usage === 'discarded') site.usageCallback = true;
  }
  if (shape.sdk === 'langchain' && prebuiltAgentOf(file, call)) site.agentRun = true;
  if (pipelineRun) site.engineRun = true;
  if (kernelRun && (kernelRun.agent || kernelRun.toolLoop)) site.agentRun = true;
  if (shape.sdk === 'llamaindex' && engineReceiver(file, shape.method, call.childForFieldName('function')?.childForFieldName('object') ?? null)) site.engineRun = true;
  return site;
}

/**
 * `client.chat.complete(…)` / `chat.stream_async(…)` / `agents.complete(…)` on a `Mistral` client, or `chat(…)` /
 * `chat_stream(…)` on a legacy `MistralClient`. The receiver must resolve to one (or be annotated as one): `chat` and
 * `complete` are common method names.
 */
function mistralShape(file: PyFile, callee: Node, names: string[]): { client: ClientFact | null; shape: MethodShape } | null {
  const hit = matchMethod(names, MISTRAL_METHODS as Record<string, boolean | null>);
  const legacy = hit ? null : matchMethod(names, MISTRAL_LEGACY_METHODS as Record<string, boolean | null>);
  const found = hit ?? legacy;
  if (!found) return null;
  const recv = receiverOf(callee, found.depth, false);
  const resolved: Resolved = recv ? resolveExpr(file, recv) : { kind: 'unknown' };
  const client = clientOf(resolved);
  const isLegacy = !!client && /^Mistral(Async)?Client$/.test(client.className);
  if (client ? client.sdk !== 'mistral' || isLegacy !== !!legacy : annotatedSdk(resolved) !== 'mistral') return null;
  return { client, shape: { sdk: 'mistral', method: found.method, streaming: (hit ? MISTRAL_METHODS : MISTRAL_LEGACY_METHODS)[found.method] } };
}

/** The SDK client an Instructor wrapper was given (`instructor.from_openai(AsyncOpenAI(timeout=60))`), resolved. */
function instructorWrapped(r: Resolved): Resolved | null {
  if (r.kind !== 'node' || r.node.type !== 'call') return null;
  const factory = instructorFactory(r.file, r.node);
  if (!factory) return null;
  return factory.wrapped ? resolveExpr(r.file, factory.wrapped) : { kind: 'unknown' };
}

/**
 * An Instructor request: its `max_retries=N` is Instructor's own loop (tenacity `stop_after_attempt(N)`: N attempts in
 * all, no wait, every exception retried, each attempt with the SDK's own retries), not the SDK's; the default, 1,
 * is a single attempt. Partial and iterable results carry no usage the code could read.
 */
function instructorRequest(site: LlmCallSite, file: PyFile): void {
  site.wrapper = 'instructor';
  if (/create_(partial|iterable)$/.test(site.method)) site.usage = 'unknown';
  const opt = site.args.options.max_retries;
  if (!opt || opt.value.kind !== 'number' || opt.value.value <= 1) return;
  site.retries.unshift(instructorRetries(file.path, opt, opt.value.value));
}

/** `openai.ChatCompletion` / `openai.Completion` (openai < 1.0), also imported from the module that defines them. */
const LEGACY_OPENAI_CLASS = /^openai\.(?:api_resources\.(?:chat_completion\.|completion\.)?)?(ChatCompletion|Completion)$/;

/**
 * `openai.ChatCompletion.create(...)`, `ai.Completion.acreate(...)` after `import openai as ai`, `ChatCompletion.create(...)`
 * after `from openai import ChatCompletion`: the pre-1.0 API, which has no client object. The receiver must resolve to
 * the openai package's class (a workspace class of the same name is something else).
 */
function legacyOpenAiMethod(file: PyFile, callee: Node, names: string[]): string | null {
  const last = names[names.length - 1];
  if (last !== 'create' && last !== 'acreate') return null;
  const obj = callee.childForFieldName('object');
  if (!obj || (obj.type !== 'identifier' && obj.type !== 'attribute')) return null;
  // `ChatCompletion`, `openai.Completion`, or an alias imported under another name (`from openai import ChatCompletion as CC`).
  const cls = obj.type === 'identifier' ? obj.text : names[names.length - 2];
  if (cls !== 'ChatCompletion' && cls !== 'Completion' && !(obj.type === 'identifier' && file.imports.has(obj.text))) return null;
  const r = resolveExpr(file, obj);
  const m = r.kind === 'external' ? LEGACY_OPENAI_CLASS.exec(r.qualified) : null;
  return m ? `${m[1]}.${last}` : null;
}

interface LegacySettings {
  apiType: ValueFact[];
  apiBase: ValueFact[];
}

const legacySettingsCache = new WeakMap<PyFile, LegacySettings>();
const LEGACY_SETTING = /(?<![\w])(api_type|api_base)\s*=(?!=)/dg;

/** `openai.api_type = "azure"` / `openai.api_base = "https://…"` anywhere in the file (module state of the legacy SDK). */
function legacySettings(file: PyFile): LegacySettings {
  const hit = legacySettingsCache.get(file);
  if (hit) return hit;
  const out: LegacySettings = { apiType: [], apiBase: [] };
  for (const attr of nodesMatching(file, LEGACY_SETTING, 1, (n) => (n.type === 'identifier' ? n : null))) {
    const target = attr.parent;
    if (target?.type !== 'attribute' || target.childForFieldName('attribute')?.id !== attr.id) continue;
    const asg = target.parent;
    if (asg?.type !== 'assignment' || asg.childForFieldName('left')?.id !== target.id) continue;
    const obj = target.childForFieldName('object');
    const right = asg.childForFieldName('right');
    if (!obj || !right) continue;
    const r = resolveExpr(file, obj);
    if (r.kind !== 'external' || r.qualified !== 'openai') continue;
    (attr.text === 'api_type' ? out.apiType : out.apiBase).push(valueFact(file, right));
  }
  legacySettingsCache.set(file, out);
  return out;
}

/**
 * The provider of a legacy call: `azure-openai` when the file sets `openai.api_type` to an Azure type, else what a
 * literal `openai.api_base` names (like `base_url` on a modern client). Several different values decide nothing.
 */
function legacyOpenAiProvider(file: PyFile): Provider {
  const { apiType, apiBase } = legacySettings(file);
  const types = new Set(apiType.map((v) => (v.kind === 'string' ? v.value.toLowerCase() : v.kind === 'env' && v.fallback?.kind === 'string' ? v.fallback.value.toLowerCase() : '?')));
  if (types.size === 1 && /^(azure|azure_ad|azuread)$/.test([...types][0])) return 'azure-openai';
  return apiBase.length === 1 ? providerBehindBaseUrl('openai', 'openai', apiBase[0]) : 'openai';
}

/** OpenAI-compatible SDKs of other providers (their own package, retry and timeout defaults). */
const COMPATIBLE_PACKAGES: Record<string, Provider> = { groq: 'groq', mistralai: 'mistral', cerebras: 'cerebras', together: 'together', fireworks: 'unknown' };

/** The package and provider of a receiver built by such an SDK's class (`client = Groq()`). */
function compatibleClientPackage(file: PyFile, resolved: Resolved, depth = 0): { package: string; provider: Provider } | null {
  let r = resolved;
  let at = file;
  if (r.kind === 'node' && r.node.type === 'call') {
    const fn = r.node.childForFieldName('function');
    at = r.file;
    r = fn ? resolveExpr(r.file, fn) : r;
  }
  // A getter of this module (`def get_groq_client(): … return _groq_client`): the client it returns.
  if (r.kind === 'function' && depth < 3) {
    const own = r.path === at.path ? at.functionNamed(r.qualName) : undefined;
    for (const value of own ? returnedValues(own) : []) {
      const found = compatibleClientPackage(at, resolveExpr(at, value), depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (r.kind !== 'external') return null;
  const pkg = r.qualified.split('.')[0];
  if (Object.hasOwn(COMPATIBLE_PACKAGES, pkg)) return { package: pkg, provider: COMPATIBLE_PACKAGES[pkg] };
  // Any other package's client class (`ZhipuAI()`, `InferenceClient()`, `Portkey()`) speaks the OpenAI shape with its
  // own defaults and options; lowercase names are wrappers of an OpenAI client (`wrap_openai(OpenAI())`).
  const cls = r.qualified.slice(r.qualified.lastIndexOf('.') + 1);
  return /^[A-Z]/.test(cls) && !OPENAI_WRAPPER_PACKAGES.has(pkg) ? { package: pkg, provider: 'unknown' } : null;
}

/** Packages whose classes wrap or re-export the OpenAI client itself (`from langfuse.openai import OpenAI`). */
const OPENAI_WRAPPER_PACKAGES = new Set(['openai', 'langfuse', 'langsmith', 'braintrust', 'weave', 'agentops', 'helicone', 'promptlayer']);

/**
 * `client.with_options(max_retries=0, timeout=10).chat.completions.create(...)`, or the same copy bound to a name first
 * (`fast = client.with_options(timeout=20)` in the function or the module): the client copy the request goes through.
 */
function withOptionsCall(file: PyFile, callee: Node, followName = true): Node | null {
  const { root, nodes } = attributeChain(callee);
  for (const n of [root, ...nodes.map((x) => x.childForFieldName('object')!)]) {
    const e = unwrap(n);
    if (e.type !== 'call') continue;
    const fn = e.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'with_options') return e;
  }
  const r = unwrap(root);
  if (!followName || r.type !== 'identifier') return null;
  const value = file.boundValue(r.text, r.startIndex);
  return value ? withOptionsCall(file, value, false) : null;
}


/**
 * A request whose `stream` key is set to True only on some paths. Its chunks read here (`for chunk in response`) say
 * it streams on the path that reaches it, under the flag that guards the key when there is one (`if stream:`); a
 * result read otherwise (`response.choices[0].message`, or handed back) may come from either path: unknown.
 */
function partlyStreaming(call: Node, file: PyFile, partly: NonNullable<OptionFact['conditional']>): { streaming: boolean | null; streamsWhen?: string } {
  if (!iteratedAsStream(call, file)) return { streaming: null };
  return partly.onWhen ? { streaming: null, streamsWhen: partly.onWhen } : { streaming: true };
}

function baseCallSite(call: Node, nameNode: Node, env: CallSiteEnv, shape: MethodShape, provider: Provider, args: ArgsFact, client: ClientFact | null, handed?: HandedReference): LlmCallSite {
  const { file } = env;
  const fn = file.functionAt(call.startIndex);
  const streamOpt = args.options.stream?.value;
  let streaming = shape.streaming ?? (streamOpt?.kind === 'boolean' ? streamOpt.value : streamOpt || args.hasSpread ? null : false);
  const flag = streaming === null && streamOpt?.kind === 'dynamic' ? streamOpt : null;
  const iterated = !!flag && iteratedAsStream(call, file);
  // `stream=stream`, the wrapper's own parameter: it streams for the callers that pass it True.
  const flagCallers = flag && !iterated && fn ? callersTurningOnFlag(file, fn, flag) : [];
  let streamsWhen = flag && (iterated || flagCallers.length) ? flag.text : undefined;
  // `if stream: params["stream"] = True` then `create(**params)`: the other paths send a plain request.
  const partly = shape.streaming == null && streaming === true ? args.options.stream?.conditional : undefined;
  if (partly) ({ streaming, streamsWhen } = partlyStreaming(call, file, partly));
  const streamingCallers = flagCallers.length ? flagCallers : streaming === null && !streamOpt && args.spreadIsParameter && fn ? callersPassingStream(file, fn) : [];
  const span = file.span(call);
  const otherRetries: RetryConstruct[] = [];
  const deadline = deadlineAround(call, file);
  return {
    id: `${file.path}#${span.start}`,
    path: file.path,
    language: 'python',
    span,
    nameSpan: file.span(nameNode),
    provider,
    sdk: shape.sdk,
    method: shape.method,
    model: { value: null, literal: false },
    streaming,
    ...(streamsWhen !== undefined ? { streamsWhen } : {}),
    ...(streamingCallers.length ? { streamingCallers } : {}),
    args,
    prompt: [],
    maxOutputTokens: null,
    client,
    enclosingFunction: fn ? functionRef(file, fn, env.reasons) : null,
    retries: [
      ...(shape.sdk === 'langchain' ? langchainRetries(file, call) : []),
      ...(handed && !handed.calledPartial ? retriesOfHelper(file, call, handed.callback) : []),
      ...retriesAround(call, file, 0, otherRetries, shape.sdk),
    ],
    ...(otherRetries.length ? { otherRetries } : {}),
    ...(deadline !== undefined ? { deadlineSeconds: deadline } : {}),
    inSpan: insideSpan(call, file),
    ...wrappedUsage(file, call, usageOf(call, file, streaming, shape.method)),
  };
}

const STREAMING_METHODS = /^a?(stream|stream_events|stream_log|transform)$/;

/** `llm.with_retry(…).invoke(…)`, `chain = primary.with_fallbacks([backup])` then `chain.invoke(…)`. */
function langchainRetries(file: PyFile, call: Node): RetryConstruct[] {
  const fn = call.childForFieldName('function');
  const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  if (!receiver) return [];
  const layers = runnableRetries(file, receiver, (name, at) => file.boundValue(name, at));
  // RunnableRetry retries invoke and batch only: `stream()` and `transform()` are not retried (runnables/retry.py).
  return STREAMING_METHODS.test(fn?.childForFieldName('attribute')?.text ?? '') ? layers.filter((l) => !/with_retry/.test(l.label)) : layers;
}

/** The FunctionRef of a def: its name, its span including decorators, and why it is on a request path. */
export function functionRef(file: PyFile, fn: FnInfo, reasons: Reasons | null): FunctionRef {
  return { name: fn.name, span: file.span(withDecorators(fn.node)), requestPath: reasons?.reasonOf(fn) ?? null };
}


/**
 * Model, prompt, max tokens: read from the keyword arguments (and the client for LangChain; for a google-genai chat
 * session's send, also those of the `chats.create(…)` call that made the session).
 */
function fillRequest(site: LlmCallSite, call: Node, env: CallSiteEnv, handed?: HandedReference, chat?: Node | null): void {
  const { file } = env;
  const o = site.args.options;
  const { argsNode, nth, named } = requestArguments(call, handed);
  const argument = (key: string) => named(key) ?? (chat ? keyword(chat.childForFieldName('arguments'), key) : null);
  const modelOpt = o.model ?? o.modelName ?? o.model_name;
  // Legacy openai-python: `engine=` / `deployment_id=` name a deployment (Azure) or an engine, not a model.
  const deployment = LEGACY_OPENAI_METHODS.includes(site.method) && site.sdk === 'openai' ? o.engine ?? o.deployment_id : undefined;
  if (modelOpt) site.model = modelValue(file, modelOpt.value, argument(modelOpt.key));
  else if (deployment) site.model = { value: null, span: deployment.value.span, literal: false };
  else if (site.sdk === 'litellm' || site.sdk === 'ollama') {
    const first = nth(0);
    if (first) site.model = modelValue(file, valueFact(file, first), first);
  }
  inheritLangChainClientOptions(site);
  // langchain_community's own ChatLiteLLM kept the token counts in `llm_output` and left the message's usage_metadata
  // unset; today's module re-exports langchain-litellm's, which sets it. Which one runs is not known: the reply says
  // nothing of the usage.
  if (site.client?.className === 'ChatLiteLLM' && !/^langchain_litellm(\.|$)/.test(site.client.module ?? '')) site.usage = 'unknown';
  if (site.sdk === 'boto3') {
    bedrockRequest(site, call, env);
    return;
  }
  if (site.sdk === 'llamaindex') inheritLlamaIndexOptions(site);
  if (site.sdk === 'haystack') inheritHaystackOptions(site);
  if (site.sdk === 'semantic-kernel') inheritSemanticKernelOptions(site);
  if (site.sdk === 'azure-ai-inference') inheritAzureInferenceOptions(site);
  if (site.sdk === 'google-generativeai') inheritGenerativeModelOptions(file, site, argsNode);
  if (site.sdk === 'ollama') ollamaOutputCap(file, site, argsNode);
  if (site.sdk === 'huggingface') huggingfaceRequest(site);
  for (const k of MAX_TOKEN_KEYS) {
    const v = o[k]?.value;
    if (v?.kind === 'number') site.maxOutputTokens = v.value;
    else if (v?.kind === 'dynamic' || v?.kind === 'env') {
      // `max_tokens=MAX_TOKENS` with `MAX_TOKENS = int(os.getenv("MAX_TOKENS", "64000"))`: the default runs unless set.
      const arg = argument(k);
      const byDefault = arg ? envDefaultNumber(file, arg) : null;
      if (byDefault) {
        site.maxOutputTokens = byDefault.value;
        site.maxOutputTokensEnv = byDefault.env;
      }
    }
  }
  const cfgNode = argument('config');
  const cfg = configOptions(file, cfgNode);
  // A config bound to a name reads as the object it was built as.
  if (cfg && o.config && cfgNode && unwrap(cfgNode).type === 'identifier') o.config = { ...o.config, value: { kind: 'object', span: o.config.value.span, args: cfg } };
  if (cfg) {
    for (const k of ['max_output_tokens', 'maxOutputTokens']) {
      const v = cfg.options[k]?.value;
      if (v?.kind === 'number') site.maxOutputTokens = v.value;
    }
  }
  site.prompt = promptOf(site, call, env, handed, chat);
}

/**
 * The arguments of the request: the call's, or those after a method reference handed on (`to_thread(chat.send_message,
 * prompt)`, `run_in_executor(None, model.generate_content, prompt)`, `partial(create, **kwargs)`), where the first
 * positional argument of the request is the one after the reference.
 */
function requestArguments(call: Node, handed?: HandedReference): { argsNode: Node | null; nth: (index: number) => Node | null; named: (key: string) => Node | null } {
  if (handed?.calledPartial) {
    const { keyword: named, nth } = partialCallArgument(handed.request, call);
    return { argsNode: call.childForFieldName('arguments'), nth, named };
  }
  const argsNode = (handed?.request ?? call).childForFieldName('arguments');
  let skip = 0;
  for (let i = 0, a = positional(argsNode, 0); handed && a; a = positional(argsNode, ++i)) {
    if (a.id === handed.reference.id || a.id === handed.callback.id) skip = i + 1;
  }
  return { argsNode, nth: (index) => positional(argsNode, index + skip), named: (key) => keyword(argsNode, key) };
}

/**
 * The partial a call calls (`create(messages=…)` with `create = partial(client.chat.completions.create, …)`), and the
 * callable it binds (null when that is no plain name or attribute: then the call is no call site).
 */
function calledPartialOf(call: Node, file: PyFile): { node: Node; target: Node | null } | null {
  const callee = call.childForFieldName('function');
  if (!callee || (callee.type !== 'identifier' && !(callee.type === 'attribute' && callee.childForFieldName('object')?.type === 'identifier'))) return null;
  // Only a name bound to a partial (or an alias of one) can hold one: most calls end here, without a data-flow query.
  if (!partialHolderNames(file).includes(lastName(callee))) return null;
  const node = partialBehind(file, callee);
  return node ? { node, target: partialTarget(node) } : null;
}

/**
 * A Bedrock Runtime request. The model is `modelId=`. converse takes one schema for every model: `system=[{"text":
 * …}]`, `messages=` with content blocks (`{"text": …}`), `toolConfig={"tools": […]}` and `inferenceConfig={"maxTokens":
 * N}`. invoke_model takes the provider's own body as JSON text, read when `body=` is `json.dumps(…)` of a dict literal
 * (in place or bound once to a name): Anthropic's Messages body (`system`, `messages`, `tools`, `max_tokens`), or
 * another provider's cap (`max_gen_len`, `textGenerationConfig.maxTokenCount`) and prompt (`prompt`, `inputText`).
 */
function bedrockRequest(site: LlmCallSite, call: Node, env: CallSiteEnv): void {
  const { file } = env;
  const argsNode = call.childForFieldName('arguments');
  const id = keyword(argsNode, 'modelId');
  if (id) site.model = modelValue(file, valueFact(file, id), id);
  const parts: PromptPart[] = [];
  const converse = site.method === 'converse' || site.method === 'converse_stream';
  const body = converse ? null : invokeModelBody(file, keyword(argsNode, 'body'), 0);
  const field = (key: string) => (converse ? keyword(argsNode, key) : body ? dictValue(file, body, key) : null);
  const tools = converse ? configValue(file, keyword(argsNode, 'toolConfig'), 'tools') : field('tools');
  if (tools) parts.push(toolsPart(file, tools));
  const system = field('system');
  if (system) parts.push(partFromContent(file, 'system', system, system));
  const messages = field('messages');
  if (messages) parts.push(...partsFromMessages(file, messages, env.historyNames));
  const prompt = field('prompt') ?? field('inputText');
  if (prompt) parts.push(partFromContent(file, 'user', prompt, prompt));
  site.prompt = parts;
  const caps = converse
    ? [configValue(file, keyword(argsNode, 'inferenceConfig'), 'maxTokens')]
    : [field('max_tokens'), field('max_gen_len'), field('max_tokens_to_sample'), configValue(file, field('textGenerationConfig'), 'maxTokenCount')];
  for (const cap of caps) {
    const v = cap ? valueFact(file, cap) : null;
    if (v?.kind === 'number' && v.value > 0) site.maxOutputTokens = v.value;
  }
}

/** The dict an invoke_model `body=` serialises: `json.dumps({...})`, or a name bound once to either (in the function or the module). */
function invokeModelBody(file: PyFile, node: Node | null, depth: number): Node | null {
  const e = node ? unwrap(node) : null;
  if (!e || depth > 3) return null;
  if (e.type === 'dictionary') return depth > 0 ? e : null;
  if (e.type === 'call' && /(^|\.)dumps$/.test(file.src(e.childForFieldName('function') ?? e))) {
    const first = callArguments(e.childForFieldName('arguments')).positional[0];
    return first ? invokeModelBody(file, first, depth + 1) : null;
  }
  if (e.type === 'identifier') {
    const fn = file.functionAt(e.startIndex);
    const bound = fn ? file.soleAssignment(e) : file.moduleAssigns.get(e.text)?.length === 1 ? file.moduleAssigns.get(e.text)![0] : null;
    // A dict changed after it is written (`payload["system"] = …`) is not all there.
    const scope = fn ? file.src(fn.node) : file.text;
    if (!bound || new RegExp(`(?<![\\w.])${e.text}\\s*(\\[[^\\]]*\\]\\s*=(?!=)|\\.\\s*(update|setdefault|pop)\\s*\\()`).test(scope)) return null;
    // A name bound to the dict itself counts only once it is serialised (`json.dumps(payload)`).
    return unwrap(bound).type === 'dictionary' ? (depth > 0 ? unwrap(bound) : null) : invokeModelBody(file, bound, depth);
  }
  return null;
}

/**
 * google-generativeai: the model is named where the `GenerativeModel` is made, and its `generation_config` (there or in
 * the call, which wins) may cap the output.
 */
function inheritGenerativeModelOptions(file: PyFile, site: LlmCallSite, argsNode: Node | null): void {
  const co = site.client?.args.options ?? {};
  const m = co.model_name ?? co.model;
  if (m) site.model = { value: m.value.kind === 'string' ? m.value.value.replace(/^models\//, '') : null, span: m.value.span, literal: m.value.kind === 'string' };
  const configs = [co.generation_config?.value, valueFactOrNull(file, keyword(argsNode, 'generation_config'))];
  for (const cfg of configs) {
    const v = cfg?.kind === 'object' ? cfg.args.options.max_output_tokens?.value : undefined;
    if (v?.kind === 'number') site.maxOutputTokens = v.value;
  }
}

/**
 * A framework component that holds its model (a LlamaIndex LLM, a Haystack generator): the call's model is the
 * component's, and the usage stays unknown (kept on its replies in shapes not modelled). Returns the component's options.
 */
function componentModelUsageUnknown(site: LlmCallSite): ArgsFact['options'] {
  site.usage = 'unknown';
  delete site.usageDroppedBy;
  delete site.usageDroppedIn;
  const co = site.client?.args.options ?? {};
  const m = co.model;
  if (m) site.model = { value: site.client ? clientModel(site.client, m.value) : null, span: m.value.span, literal: m.value.kind === 'string' };
  return co;
}

/**
 * A LlamaIndex LLM holds the model and the output cap (`OpenAI(model=…, max_tokens=…)`). Its response keeps the
 * provider's usage in `raw` and, for the OpenAI classes, copies the counts into `additional_kwargs`; a callback handler
 * (`TokenCountingHandler`) may count them for every call: not modelled, so the usage is left unknown.
 */
function inheritLlamaIndexOptions(site: LlmCallSite): void {
  const co = componentModelUsageUnknown(site);
  const cap = co.max_tokens?.value;
  if (cap?.kind === 'number') site.maxOutputTokens = cap.value;
}

/**
 * A Haystack generator holds the model (`OpenAIChatGenerator(model=…)`; unset, a default that changed between
 * releases) and whether it streams (`streaming_callback=`, on the component or given to `run`). Its replies keep the
 * usage in each reply's `meta` (`result["replies"][0].meta["usage"]`, or `result["meta"]`): not modelled, left unknown.
 */
function inheritHaystackOptions(site: LlmCallSite): void {
  const co = componentModelUsageUnknown(site);
  // The request streams when a callback is set, but the chunks go to that callback, not necessarily to the client of
  // the route: left unknown rather than claimed.
  const callbacks = [co.streaming_callback?.value, site.args.options.streaming_callback?.value].filter((v) => v !== undefined && v.kind !== 'null');
  if (callbacks.length || site.client?.args.hasSpread || site.args.hasSpread) site.streaming = null;
}

/**
 * huggingface_hub: the model may be the client's (`InferenceClient(model=…)`), text_generation's cap is
 * `max_new_tokens`, and its result is the generated text (with `details=True`, generated-token counts without the
 * prompt's): no usage the caller could read or lose, so it stays unknown.
 */
function huggingfaceRequest(site: LlmCallSite): void {
  inheritHuggingFaceClientModel(site);
  const cap = site.args.options.max_new_tokens?.value;
  if (cap?.kind === 'number' && cap.value > 0) site.maxOutputTokens = cap.value;
  if (site.method === 'text_generation') settleUsage(site, 'unknown');
}

/** ollama: the output cap is `options={"num_predict": N}` (or `options=Options(num_predict=N)`). */
function ollamaOutputCap(file: PyFile, site: LlmCallSite, argsNode: Node | null): void {
  const node = keyword(argsNode, 'options');
  const e = node ? unwrap(node) : null;
  const fn = e?.type === 'call' ? e.childForFieldName('function') : null;
  const options = e?.type === 'dictionary' ? dictArgs(file, e) : e?.type === 'call' && /(^|\.)Options$/.test(fn?.text ?? '') ? callArgs(file, e) : null;
  const v = options?.options.num_predict?.value;
  if (v?.kind === 'number' && v.value > 0) site.maxOutputTokens = v.value;
}

function valueFactOrNull(file: PyFile, node: Node | null): ValueFact | null {
  return node ? valueFact(file, node) : null;
}

/**
 * google-genai `config=`: a dict literal or `types.GenerateContentConfig(...)`, written in the call or bound once to a
 * name first (`cfg = types.GenerateContentConfig(...)`, as Google's "Get code" export writes it, or a module constant
 * read in a function) that nothing changes.
 */
function configOptions(file: PyFile, node: Node | null): ArgsFact | null {
  if (!node) return null;
  const e = unwrap(node);
  if (e.type === 'identifier') {
    const bound = file.boundValue(e.text, e.startIndex);
    const owner = bound ? file.functionAt(bound.startIndex) : null;
    if (!bound || (owner && file.bindingsIn(owner).get(e.text)?.length !== 1)) return null;
    const scope = owner ? file.src(owner.node) : file.text;
    if (unwrap(bound).type === 'identifier' || new RegExp(`(?<![\\w.])${e.text}\\s*(\\.|\\[)`).test(scope)) return null;
    return configOptions(file, bound);
  }
  if (e.type === 'dictionary') return dictArgs(file, e);
  if (e.type === 'call') {
    const fn = e.childForFieldName('function');
    const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
    if (last && /Config$/.test(last)) return callArgs(file, e);
  }
  return null;
}

function configValue(file: PyFile, node: Node | null, key: string): Node | null {
  if (!node) return null;
  const e = unwrap(node);
  if (e.type === 'dictionary') return dictValue(file, e, key);
  if (e.type === 'call') return keyword(e.childForFieldName('arguments'), key);
  return null;
}

function modelValue(file: PyFile, v: ValueFact, node: Node | null): LlmCallSite['model'] {
  if (v.kind === 'string') return { value: v.value, span: v.span, literal: true };
  const e = node ? unwrap(node) : null;
  if (e && (e.type === 'identifier' || e.type === 'attribute')) {
    // A module constant (`MODEL = "gpt-4o"`) is still a hardcoded model; a default given only when the caller passed
    // none (`if not model: model = "…"`) is not the model of every request.
    const named = modelArgumentOf(file, e);
    if (named?.kind === 'name') return { value: named.value, span: v.span, literal: named.literal && (e.type !== 'identifier' || !holdsSeveralValues(file, e)) };
  }
  if (v.kind === 'env' && v.fallback?.kind === 'string') return { value: v.fallback.value, span: v.span, literal: false };
  return { value: null, span: v.span, literal: false };
}

/**
 * The `history=` a google-generativeai chat session was started with (`session = model.start_chat(history=history)`,
 * or `model.start_chat(history=h).send_message(m)`), for the `session.send_message` reference `callee`: the session
 * as last bound before the call in the function, or else at module level (a Streamlit script starts one per block).
 */
function chatSessionHistory(file: PyFile, callee: Node | null): Node | null {
  let session = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
  if (session?.type === 'identifier') {
    const at = session.startIndex;
    const fn = file.functionAt(at);
    const local = fn ? file.bindingsIn(fn).get(session.text) : undefined;
    const before = local?.length ? local.filter((b) => b.at < at).map((b) => b.value) : (file.moduleAssigns.get(session.text) ?? []).filter((v) => v.startIndex < at);
    session = before.at(-1) ?? null;
  }
  session = session ? unwrap(session) : null;
  const start = session?.type === 'call' ? session.childForFieldName('function') : null;
  if (start?.type !== 'attribute' || start.childForFieldName('attribute')?.text !== 'start_chat') return null;
  const history = keyword(session!.childForFieldName('arguments'), 'history');
  return history && unwrap(history).type !== 'none' ? history : null;
}

/** The `system_instruction=` of a `GenerativeModel` made in this file. */
function generativeModelInstruction(file: PyFile, site: LlmCallSite): Node | null {
  const opt = site.client?.path === file.path ? site.client.args.options.system_instruction : undefined;
  if (!opt) return null;
  const n = file.root.descendantForIndex(file.offsets.fromUtf16(opt.value.span.start), file.offsets.fromUtf16(opt.value.span.end));
  return n && file.span(n).start === opt.value.span.start && file.span(n).end === opt.value.span.end ? n : null;
}

/** The Semantic Kernel run a site's call is (`agent.get_response(…)`, `kernel.invoke_prompt(…)`), or null. */
function kernelRunOf(site: LlmCallSite, call: Node, env: CallSiteEnv): KernelRun | null {
  const receiver = call.childForFieldName('function')?.childForFieldName('object');
  return receiver ? semanticKernelRun(env.file, call, receiver, site.method) : null;
}

function promptOf(site: LlmCallSite, call: Node, env: CallSiteEnv, handed?: HandedReference, chat?: Node | null): PromptPart[] {
  const { file } = env;
  const { argsNode, nth, named } = requestArguments(call, handed);
  if (site.sdk === 'langchain') {
    const agent = agentPromptOf(file, call, env.historyNames);
    if (agent) return agent;
    const templated = templatePromptOf(file, call);
    if (templated) return templated;
    const a = nth(0) ?? keyword(argsNode, 'input');
    return a ? partsFromMessages(file, a, env.historyNames) : [];
  }
  const parts: PromptPart[] = [];
  const init = named;
  const tools = init('tools') ?? init('functions');
  if (tools) parts.push(toolsPart(file, tools));
  if (site.sdk === 'cohere') return coherePrompt(site, parts, init, env);
  // Semantic Kernel: a ChatHistory object, filled by method calls (`add_system_message`, `add_user_message`) that are
  // not read: one part of unknown content.
  if (site.sdk === 'semantic-kernel') {
    const run = kernelRunOf(site, call, env);
    if (run) return kernelRunPrompt(file, call, run, env.historyNames);
    const history = nth(0) ?? init('chat_history');
    return history ? [opaquePart(file, history, env.historyNames)] : [];
  }
  const system = init('system') ?? init('instructions');
  if (system) {
    const part = partFromContent(file, 'system', system, system);
    if (init('cache_control')) part.cacheControl = true;
    parts.push(part);
  }
  // litellm `completion(model, messages)`, ollama `chat(model, messages)` / `generate(model, prompt)`.
  const second = site.sdk === 'litellm' || site.sdk === 'ollama' ? nth(1) : null;
  // huggingface_hub `chat_completion(messages, …)` takes the messages first.
  const hfMessages = site.sdk === 'huggingface' && site.method === 'chat_completion' ? nth(0) : null;
  const messages = init('messages') ?? init('input') ?? init('contents') ?? (site.sdk === 'litellm' || (site.sdk === 'ollama' && site.method === 'chat') ? second : hfMessages);
  if (messages) parts.push(...partsFromMessages(file, messages, env.historyNames));
  // LlamaIndex `llm.complete(prompt)`: the first argument is the prompt text (`chat(messages)` takes a message list).
  const llamaPrompt = site.sdk === 'llamaindex' && /complete$/.test(site.method) ? nth(0) : site.sdk === 'huggingface' && site.method === 'text_generation' ? nth(0) : null;
  const prompt = init('prompt') ?? (site.sdk === 'ollama' && site.method === 'generate' ? second : null) ?? llamaPrompt;
  if (prompt) parts.push(partFromContent(file, 'user', prompt, prompt));
  const si = configValue(file, init('config') ?? (chat ? keyword(chat.childForFieldName('arguments'), 'config') : null), 'system_instruction');
  if (si) parts.unshift(partFromContent(file, 'system', si, si));
  if (chat) {
    // `chat.send_message(message)`: the session's history goes first, then the message.
    const history = chatHistory(chat);
    if (history) parts.push(...partsFromMessages(file, history, env.historyNames));
    const message = nth(0) ?? init('message');
    if (message) parts.push(...partsFromMessages(file, message, env.historyNames));
    return parts;
  }
  if (site.sdk === 'google-generativeai') {
    // `model.generate_content(contents)` / `chat.send_message(content)`; the system instruction is the model's.
    const contents = nth(0) ?? init('contents') ?? init('content');
    // `chat.send_message(msg)` sends every earlier message of the session first, from the `history=` it began with.
    const history = /^send_message(_async)?$/.test(site.method) ? chatSessionHistory(file, handed?.reference ?? call.childForFieldName('function')) : null;
    if (history) parts.push(...partsFromMessages(file, history, env.historyNames));
    if (contents && !messages) parts.push(...partsFromMessages(file, contents, env.historyNames));
    const instruction = generativeModelInstruction(file, site);
    if (instruction) parts.unshift(partFromContent(file, 'system', instruction, instruction));
    return parts;
  }
  const first = nth(0);
  if (!messages && !prompt && !system && site.sdk !== 'litellm' && site.sdk !== 'ollama' && site.sdk !== 'huggingface' && first) parts.push(opaquePart(file, first, env.historyNames));
  return parts;
}

/**
 * A Cohere request's prompt: v1 `chat` sends the `preamble` (its system part), then `chat_history`, then `message`;
 * the legacy `generate` a `prompt`; v2 `chat` its `messages`.
 */
function coherePrompt(site: LlmCallSite, parts: PromptPart[], init: (key: string) => Node | null, env: CallSiteEnv): PromptPart[] {
  const { file } = env;
  if (site.method.startsWith('v2.')) {
    const messages = init('messages');
    if (messages) parts.push(...partsFromMessages(file, messages, env.historyNames));
    return parts;
  }
  const preamble = init('preamble');
  if (preamble) parts.push(partFromContent(file, 'system', preamble, preamble));
  const history = init('chat_history');
  if (history) parts.push(...partsFromMessages(file, history, env.historyNames));
  const text = init('message') ?? init('prompt');
  if (text) parts.push(partFromContent(file, 'user', text, text));
  return parts;
}

function toolsPart(file: PyFile, tools: Node): PromptPart {
  let t = unwrap(tools);
  const span = file.span(t);
  // `tools=TOOLS`, a module constant (here or imported) that nothing appends to: the same list on every call.
  let where = file;
  if (t.type === 'identifier') {
    const r = resolveExpr(file, t);
    // An empty one (`TOOLS = []`) is a registry filled somewhere else.
    if (r.kind === 'node' && (r.node.type === 'list' || r.node.type === 'dictionary') && r.node.namedChildren.some((c) => c.type !== 'comment') && !new RegExp(`\\b${t.text}\\s*(\\.\\s*(append|extend|insert|update|pop|remove)\\s*\\(|\\+=|\\[)`).test(r.file.text)) {
      t = r.node;
      where = r.file;
    }
  }
  const text = where.src(t);
  const isStatic = (t.type === 'list' || t.type === 'dictionary') && !/(^|[^A-Za-z0-9_])[fF][rR]?["']/.test(text);
  return {
    role: 'tools',
    span,
    segments: isStatic ? [{ kind: 'static', text, span }] : [{ kind: 'dynamic', span, text, volatility: 'per-request' }],
  };
}

const HTTP_RECEIVER = /^(requests|httpx|session|client|http|http_client|httpx_client|s|aiohttp)$/i;

/**
 * `requests.post("https://api.openai.com/v1/chat/completions", json={...})`, `httpx.AsyncClient().post(...)`, and the
 * form Postman's "copy as code" writes, `requests.request("POST", url, headers=…, data=payload)`, and httpx's
 * `client.stream("POST", url, …)`.
 */
function httpCallSite(call: Node, nameNode: Node, env: CallSiteEnv): LlmCallSite | null {
  const { file } = env;
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute' || (nameNode.text !== 'post' && nameNode.text !== 'request' && nameNode.text !== 'stream')) return null;
  const obj = callee.childForFieldName('object');
  if (!obj) return null;
  const argsNode = call.childForFieldName('arguments');
  let urlArg: Node | null;
  // httpx's `client.stream("POST", url, json=…)` (read as SSE under `async with`) takes the method first too.
  if (nameNode.text === 'request' || nameNode.text === 'stream') {
    const method = positional(argsNode, 0) ?? keyword(argsNode, 'method');
    if (!method || stringValue(unwrap(method), (n) => file.src(n))?.toUpperCase() !== 'POST') return null;
    urlArg = (positional(argsNode, 0) ? positional(argsNode, 1) : null) ?? keyword(argsNode, 'url');
  } else urlArg = positional(argsNode, 0) ?? keyword(argsNode, 'url');
  if (!urlArg) return null;
  const url = urlText(file, urlArg);
  if (!url) return null;
  const provider = rawHttpProvider(url);
  if (!provider) return null;
  const o = unwrap(obj);
  // With a provider URL, `requests.post`/`httpx.post` and HTTP clients (`httpx.AsyncClient().post`) qualify.
  const recvOk = o.type === 'call' || o.type === 'attribute' || (o.type === 'identifier' && (HTTP_RECEIVER.test(o.text) || isHttpClient(file, o)));
  if (!recvOk) return null;
  const base = callArgs(file, call);
  const bodyNode = bodyDict(file, argsNode);
  const args: ArgsFact = bodyNode ? { ...dictArgs(file, bodyNode), callArgsSpan: base.callArgsSpan } : { span: null, options: {}, hasSpread: true, callArgsSpan: base.callArgsSpan };
  const site = baseCallSite(call, nameNode, env, { sdk: 'http', method: 'post', streaming: null }, provider, args, null);
  site.httpUrl = url;
  const literal = requestUrlLiteral(file, urlArg);
  if (literal) env.requestUrls?.add(literal.start);
  // The call's keywords are the request's (`timeout=180.0` on an httpx client's post counts for timeout-inversion).
  site.requestOptions = base;
  // `requests.post(...)` itself, which sets no timeout (a Session may carry an adapter with a default one).
  const lib = resolveExpr(file, o);
  if (lib.kind === 'external' && lib.qualified === 'requests') site.httpClient = 'requests';
  const off = httpxTimeoutOff(file, call, o);
  if (off) site.httpxTimeoutOff = off;
  // Whether a compatible server streams usage, and whether a relayed stream keeps it, is not known.
  if (provider === 'unknown' && site.streaming !== false) site.usage = 'unknown';
  const m = args.options.model;
  if (m && bodyNode) site.model = modelValue(file, m.value, dictValue(file, bodyNode, 'model'));
  modelFromRequestUrl(site);
  for (const k of MAX_TOKEN_KEYS) if (args.options[k]?.value.kind === 'number') site.maxOutputTokens = (args.options[k].value as { value: number }).value;
  if (bodyNode) {
    const sys = dictValue(file, bodyNode, 'system');
    if (sys) site.prompt.push(partFromContent(file, 'system', sys, sys));
    const msgs = dictValue(file, bodyNode, 'messages');
    if (msgs) site.prompt.push(...partsFromMessages(file, msgs, env.historyNames));
  }
  return site;
}

function isHttpClient(file: PyFile, id: Node): boolean {
  const r = resolveExpr(file, id);
  if (r.kind !== 'node' || r.node.type !== 'call') return false;
  const fn = r.node.childForFieldName('function');
  return !!fn && /^(httpx\.(Async)?Client|requests\.Session|aiohttp\.ClientSession|(Async)?Client|Session|ClientSession)$/.test(r.file.src(fn));
}

/** The request body: `json={...}`, `data=json.dumps({...})`, or a variable holding a dict literal. */
function bodyDict(file: PyFile, argsNode: Node | null): Node | null {
  const candidates = [keyword(argsNode, 'json'), keyword(argsNode, 'data'), keyword(argsNode, 'content')];
  for (const c of candidates) {
    if (!c) continue;
    let e = unwrap(c);
    if (e.type === 'call' && /(^|\.)dumps$/.test(file.src(e.childForFieldName('function') ?? e))) {
      const first = callArguments(e.childForFieldName('arguments')).positional[0];
      if (first) e = unwrap(first);
    }
    if (e.type === 'identifier') {
      const r = resolveExpr(file, e);
      if (r.kind === 'node' && r.file === file && r.node.type === 'dictionary') e = r.node;
    }
    if (e.type === 'dictionary') return e;
  }
  return null;
}

/** The URL text of a literal, constant or f-string (fields become `{}`). */
function urlText(file: PyFile, n: Node): string | null {
  const e = unwrap(n);
  if (e.type === 'string' && e.namedChildren.some((c) => c.type === 'interpolation')) {
    return e.namedChildren.map((c) => (c.type === 'string_content' ? file.src(c) : c.type === 'interpolation' ? interpolatedUrl(file, c.childForFieldName('expression')) ?? '{}' : '')).join('');
  }
  const v = stringValue(e, (x) => file.src(x));
  if (v !== null) return v;
  if (e.type === 'identifier' || e.type === 'attribute') return constantUrl(file, e);
  // `os.getenv("OPENAI_BASE_URL", "https://api.openai.com/v1")`: unless configured, the call goes to the default.
  const env = envRead(file, e);
  if (env) return env.fallback ? urlText(file, env.fallback) : null;
  if (e.type === 'binary_operator' && e.childForFieldName('operator')?.type === '+') {
    const l = e.childForFieldName('left');
    const r = e.childForFieldName('right');
    return (l ? urlText(file, l) ?? '{}' : '') + (r ? urlText(file, r) ?? '{}' : '');
  }
  return null;
}

/**
 * The literal of this file where a request's URL starts: itself, the head of an f-string or of a `+`, or the constant
 * or local it begins with (`f"{GEMINI_URL}/models/{m}:generateContent"`, `url = OPENAI_BASE + "/chat/completions"`),
 * followed through names bound to one value. A value read from the environment or a parameter has none.
 */
function requestUrlLiteral(file: PyFile, n: Node, depth = 0): Span | null {
  if (depth > 4) return null;
  const e = unwrap(n);
  if (e.type === 'string') {
    const head = e.namedChildren.find((c) => c.type === 'string_content' || c.type === 'interpolation');
    const inner = head?.type === 'interpolation' ? head.childForFieldName('expression') : null;
    if (inner) return requestUrlLiteral(file, inner, depth + 1);
    return head ? file.span(e) : null;
  }
  if (e.type === 'concatenated_string' && e.namedChildren[0]) return requestUrlLiteral(file, e.namedChildren[0], depth + 1);
  if (e.type === 'binary_operator' && e.childForFieldName('operator')?.type === '+') {
    const left = e.childForFieldName('left');
    return left ? requestUrlLiteral(file, left, depth + 1) : null;
  }
  if (e.type !== 'identifier') return null;
  const r = resolveExpr(file, e);
  return r.kind === 'node' && r.file === file && r.node.startIndex !== e.startIndex ? requestUrlLiteral(file, r.node, depth + 1) : null;
}

function interpolatedUrl(file: PyFile, n: Node | null): string | null {
  const env = n && envRead(file, unwrap(n));
  if (env) return env.fallback ? urlText(file, env.fallback) : null;
  return constantUrl(file, n);
}

function constantUrl(file: PyFile, n: Node | null): string | null {
  if (!n) return null;
  const r = resolveExpr(file, n);
  if (r.kind === 'string') return r.value;
  if (r.kind === 'node' && r.node.startIndex !== n.startIndex) return r.file === file ? urlText(file, r.node) : null;
  return null;
}
