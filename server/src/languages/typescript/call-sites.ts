import { ts } from './compiler';
import { modelRequestsOf } from './generative-ai-models';
import { mayHaveAccountCalls, usedOnlyForAccountCalls } from './account-clients';
import { neverUsed } from './unused-clients';
import { chatRequestArgs, inheritLangChainClientOptions, MAX_TOKEN_KEYS, modelFromRequestUrl, settleUsage, spreadMaySet } from '../../core/call-site-options';
import { rawHttpProvider } from '../../core/catalog/providers';
import { catalogSdkOf, V3_OPENAI_METHODS } from '../../core/catalog/sdk-defaults';
import type { ArgsFact, ClientFact, FunctionRef, LlmCallSite, PromptPart, Provider, RetryConstruct, Sdk } from '../../core/types';
import { argsFact, callsIn, enclosingClass, enclosingFunction, envDefaultNumber, envName, functionName, nodeAt, numericArithmetic, objectArgs, optionsObject, overriddenBySpread, propertyChain, propertyNameText, spanOf, unwrap, valueFact, withUnseenOptions } from './ast';
import { functionRef } from './request-path';
import { boundOnce, callsInImporters, endsInOutputParser, eventSourceUsage, importsOfExport, insideSpan, isDefaultExport, iteratedAsStream, retriesAround, usageOf, wrappedUsage } from './call-context';
import { oncePerText } from '../../core/text';
import { dispatcherTimeoutsOff, fetchLibrary } from './fetch-library';
import { axiosConfigRequest, isFetchEventSource, unchangedProperty } from './http-requests';
import { callbacksMayReach, usageCallbackReaches } from './langchain-callbacks';
import { agentPromptOf, templatePromptOf } from './langchain-templates';
import { chainFactoryOf, LANGCHAIN_PACKAGE, type ChainFactory } from './langchain-chain-factories';
import type { FileContext } from './file-context';
import { opaquePart, partFromContent, partsFromMessages, prop, segmentsOf } from './prompt';
import { instructorRequest, isInstructorReceiver } from './instructor';
import { agentModelNameClient, modelNamedBy, assignedValues, candidateClients, clientConstruction, isImportRef, isNullish, mayBeReassigned, resolveExpression, thisMemberInitializer } from './resolve';
import { runnableRetries } from './runnable-retries';
import { declaredLangChainModel, memberType } from './declared-type';
import { chatsClientExpression, GENAI_CHAT_METHODS, genaiChatOf } from './genai-chats';
import { constCallInitializer, factoryModelOrigins, isFunction, modelCallParts, returnedExpressions, sameOrigin } from './ai-model-factory';
import { worstPath } from '../../core/retry-chain';
import { bedrockRequest, bedrockSendOf } from './bedrock-send';
import { fillGenkitRequest, genkitArgs, genkitCall } from './genkit';
import { huggingfaceCall, huggingfaceRequest } from './huggingface';
import { inheritLlamaIndexOptions, llamaIndexCall } from './llamaindex-llms';
import { bareSpecifier, bindingOf, dynamicImportSpecifier, GENERATIVE_MODEL_METHODS, MISTRAL_LEGACY_METHODS, MISTRAL_METHODS, isLangChainModelWithoutUsage, isLangChainTextModel, isVercelGatewayImport, requireSpecifier } from './sdk-bindings';

export interface MethodShape {
  sdk: Sdk;
  method: string;
  streaming: boolean | null;
}

const OPENAI_METHODS: Record<string, boolean | null> = {
  'chat.completions.create': null,
  'chat.completions.stream': true,
  'chat.completions.parse': false,
  'beta.chat.completions.parse': false,
  'beta.chat.completions.stream': true,
  // Tool runners (openai-node 4.x `beta.chat.completions.runTools` / the deprecated `runFunctions`, 5.x
  // `chat.completions.runTools`): one chat completion request per tool round, each `create({ ...body, stream })` with
  // the client's retries and timeout; `stream: true` in the body makes it a streaming runner.
  'beta.chat.completions.runTools': null,
  'beta.chat.completions.runFunctions': null,
  'chat.completions.runTools': null,
  'responses.create': null,
  'responses.stream': true,
  'responses.parse': false,
  // The legacy Completions API: only through a resolved OpenAI client (`x.completions.create` is a common name).
  'completions.create': null,
  // openai@3.x (`OpenAIApi`): only through a resolved OpenAIApi client, whose only calls to a model these are.
  createChatCompletion: null,
  createCompletion: null,
};
const ANTHROPIC_METHODS: Record<string, boolean | null> = { 'messages.create': null, 'messages.stream': true, 'beta.messages.create': null, 'beta.messages.stream': true };
const GOOGLE_METHODS: Record<string, boolean | null> = { 'models.generateContent': false, 'models.generateContentStream': true };
/**
 * cohere-ai's model requests (true: a stream of events): a `CohereClient`'s v1 `chat` (`message`, `preamble`,
 * `chatHistory`) and legacy `generate` (`prompt`), and the v2 `chat` (`messages`) of a `CohereClientV2` or of
 * `client.v2`. `embed`, `rerank`, `classify`, `tokenize` and `summarize` are not chat generations.
 */
const COHERE_METHODS: Record<string, boolean> = { chat: false, chatStream: true, generate: false, generateStream: true };
const LANGCHAIN_METHODS: Record<string, boolean> = { invoke: false, stream: true, batch: false, streamEvents: true, call: false, predict: false, run: false };

/** Last names of the SDK methods above that a resource alias can be called with (`chat.create`). */
const RESOURCE_METHOD_NAMES = new Set(['create', 'stream', 'parse', 'runTools', 'generateContent', 'generateContentStream']);

/** openai-node's tool runners: their result is a runner whose usage is `await runner.totalUsage()` once the run ends. */
const TOOL_RUNNER = /(^|\.)(runTools|runFunctions)$/;

const METHODS_BY_LAST_NAME = new WeakMap<object, Map<string, Array<{ method: string; parts: string[] }>>>();

/** Finds the method shape whose dotted path ends the callee chain, and the client expression before it. */
function matchMethod(names: string[], table: Record<string, boolean | null>): { method: string; clientDepth: number } | null {
  if (!names.length) return null;
  let byLast = METHODS_BY_LAST_NAME.get(table);
  if (!byLast) {
    byLast = new Map();
    // Longest path first: `beta.chat.completions.stream` before `chat.completions.stream`.
    for (const method of Object.keys(table).sort((a, b) => b.length - a.length)) {
      const parts = method.split('.');
      const last = parts[parts.length - 1];
      const list = byLast.get(last) ?? [];
      list.push({ method, parts });
      byLast.set(last, list);
    }
    METHODS_BY_LAST_NAME.set(table, byLast);
  }
  // Called for every call in the file: compare in place rather than slicing and joining.
  for (const { method, parts } of byLast.get(names[names.length - 1]) ?? []) {
    const offset = names.length - parts.length;
    if (offset < 0) continue;
    let same = true;
    for (let i = 0; i < parts.length - 1 && same; i++) same = names[offset + i] === parts[i];
    // `beta.threads.messages.create` appends a message to an OpenAI Assistants thread: no model runs.
    if (same) return names[offset - 1] === 'threads' ? null : { method, clientDepth: parts.length };
  }
  return null;
}

/**
 * `client.withOptions({ timeout })` as the receiver, or a `const` bound to one in the same file: openai-node and
 * @anthropic-ai/sdk return a copy of the client with those options, which every request through it uses.
 */
function withOptionsCopy(receiver: ts.Expression, ctx: FileContext): ts.CallExpression | null {
  let e = unwrap(receiver);
  if (ts.isIdentifier(e)) {
    const d = ctx.declarationOf(e);
    if (!d || !('kind' in d) || !ts.isVariableDeclaration(d) || !d.initializer) return null;
    if (!(ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const)) return null;
    e = unwrap(d.initializer);
  }
  return ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'withOptions' ? e : null;
}

/** The expression a call chain hangs off after removing `depth` trailing property names. */
function clientExpression(callee: ts.Expression, depth: number): ts.Expression {
  let e = callee;
  for (let i = 0; i < depth; i++) e = (e as ts.PropertyAccessExpression).expression;
  return e;
}

export interface CallSiteEnv {
  ctx: FileContext;
  requestPaths: Map<ts.FunctionLikeDeclaration, string>;
  historyNames: Set<string>;
  /** Start offsets of URL string literals (in this file) that an HTTP call site sends a request to. */
  requestUrls?: Set<number>;
}

/** Turns a call expression into a call site when it sends a request to a model. */
export function callSiteOf(call: ts.CallExpression, env: CallSiteEnv): LlmCallSite | null {
  const { ctx } = env;
  const callee = unwrap(call.expression);
  const { names } = propertyChain(callee);
  let shape: MethodShape | null = null;
  let client: ClientFact | null = null;
  let provider: Provider = 'unknown';
  let chain = false;
  let chainEndsInModel = false;
  let lcChain: LangChainModel | null = null;
  let engineRun = false;
  let otherPackage: string | undefined;
  let others: ClientFact[] = [];
  let copy: ts.CallExpression | null = null;
  let unseenModel = false;
  let throughInstructor = false;
  // `chat.sendMessage(…)` on an @google/genai chat session: the `chats.create(…)` call that made it, when seen.
  let chat: ts.CallExpression | null = null;

  const generative = ts.isPropertyAccessExpression(callee) ? generativeModelCall(callee, ctx) : null;
  const hf = !generative && ts.isPropertyAccessExpression(callee) ? huggingfaceCall(callee, ctx) : null;
  const genkit = !generative && !hf && ts.isPropertyAccessExpression(callee) ? genkitCall(callee, ctx) : null;
  const bedrock = generative || hf || genkit ? null : bedrockSendOf(call, ctx);
  const mistral = generative || hf || genkit || bedrock || !ts.isPropertyAccessExpression(callee) ? null : mistralCall(callee, names, ctx);
  if (hf) {
    client = hf.client;
    provider = client.provider;
    shape = { sdk: 'huggingface', method: hf.method, streaming: hf.streaming };
  } else if (mistral) {
    client = mistral.client;
    provider = 'mistral';
    shape = mistral.shape;
  } else if (genkit) {
    // The provider is the model's (genkit.ts reads it from the call's or the instance's `model`).
    client = genkit.client;
    shape = { sdk: 'genkit', method: genkit.method, streaming: genkit.streaming };
  } else if (bedrock) {
    client = bedrock.client;
    provider = 'bedrock';
    shape = { sdk: 'aws-sdk', method: bedrock.command, streaming: bedrock.streaming };
  } else if (generative) {
    client = generative.client;
    provider = client.provider;
    shape = generative.shape;
  } else if (ts.isPropertyAccessExpression(callee)) {
    let oa = matchMethod(names, OPENAI_METHODS);
    let an = matchMethod(names, ANTHROPIC_METHODS);
    let go = matchMethod(names, GOOGLE_METHODS);
    let receiverOf = (depth: number) => clientExpression(callee, depth);
    // Where the receiver was written: this file, or the module that exports a resource alias.
    let rctx = ctx;
    // `completions.create` on an alias of `chat.completions` is the chat API, not the legacy one.
    if (((!oa && !an && !go) || oa?.method === 'completions.create') && RESOURCE_METHOD_NAMES.has(names[names.length - 1])) {
      const alias = resourceAlias(callee, ctx);
      if (alias) {
        const full = [...alias.names, ...names.slice(names.length - alias.tail)];
        const deep = (m: { method: string; clientDepth: number } | null) => (m && m.clientDepth > alias.tail ? m : null);
        const [aoa, aan, ago] = [deep(matchMethod(full, OPENAI_METHODS)), deep(matchMethod(full, ANTHROPIC_METHODS)), deep(matchMethod(full, GOOGLE_METHODS))];
        if (aoa || aan || ago) {
          [oa, an, go] = [aoa, aan, ago];
          receiverOf = (depth) => clientExpression(alias.chain, depth - alias.tail);
          rctx = alias.ctx;
        }
      }
    }
    const hit = oa ?? an ?? go;
    if (hit) {
      const receiver = receiverOf(hit.clientDepth);
      copy = withOptionsCopy(receiver, rctx);
      const resolved = resolveExpression(receiver, rctx);
      client = resolved.kind === 'client' ? resolved.client : null;
      const table = oa ? OPENAI_METHODS : an ? ANTHROPIC_METHODS : GOOGLE_METHODS;
      const expected: Sdk = oa ? 'openai' : an ? 'anthropic' : 'google-genai';
      if (!client || mayBeReassigned(receiver, rctx)) {
        // A member assigned an Anthropic client on one branch and an OpenAI one on another: the method says which.
        const fitting = candidateClients(receiver, rctx).filter((c) => c.sdk === expected);
        if (!client && fitting.length > 0 && fitting.every((c) => c.span.start === fitting[0].span.start)) client = fitting[0];
        // `client = new AzureOpenAI(…)` on one branch, `new OpenAI(…)` on the other: the request goes through either.
        const chosen = client;
        others = fitting.filter((c, i) => (!chosen || c.path !== chosen.path || c.span.start !== chosen.span.start) && fitting.findIndex((d) => d.path === c.path && d.span.start === c.span.start) === i);
      }
      const sdk: Sdk = client?.sdk ?? expected;
      // `messages.create` is a common name outside LLM SDKs (Twilio, Slack, …): require an Anthropic client or import,
      // and a receiver that is not visibly something else.
      const origin = client ? null : receiverOrigin(receiver, rctx);
      if (origin?.foreign) return null;
      if (an && !client && !hasModule(rctx, '@anthropic-ai/sdk')) return null;
      if (go && !client && !hasModule(rctx, '@google/genai')) return null;
      if (oa && hit.method === 'completions.create' && !client) return null;
      // openai@3.x names (`createChatCompletion`) go with an OpenAIApi client only, and that client has no others.
      if (oa && V3_OPENAI_METHODS.includes(hit.method) !== (client?.className === 'OpenAIApi')) return null;
      if (oa && !client && !/^chat\.|^beta\.chat\./.test(hit.method) && !hasModule(rctx, 'openai')) return null;
      if (client && client.sdk !== expected) return null;
      shape = { sdk, method: hit.method, streaming: table[hit.method] };
      provider = client?.provider ?? origin?.provider ?? (oa ? 'openai' : an ? 'anthropic' : 'google');
      throughInstructor = !!oa && isInstructorReceiver(receiver, rctx);
      otherPackage = origin?.package;
    } else {
      const lc = names[names.length - 1];
      if (Object.hasOwn(LANGCHAIN_METHODS, lc)) {
        const lcClient = langchainModelOf(callee.expression, ctx);
        if (lcClient) {
          client = lcClient.client;
          // One variable holding a different model class per branch: the call goes through any of them.
          if (!client && lcClient.candidates) others = lcClient.candidates;
          unseenModel = lcClient.unseen === true;
          provider = client?.provider ?? sharedProvider(others);
          shape = { sdk: 'langchain', method: lc, streaming: LANGCHAIN_METHODS[lc] };
          chain = lcClient.chain;
          chainEndsInModel = lcClient.endsInModel === true;
          lcChain = lcClient;
        }
      }
      const li = shape ? null : llamaIndexCall(callee, call, ctx);
      if (li) {
        engineRun = li.engine === true;
        client = li.client;
        provider = client.provider;
        shape = { sdk: 'llamaindex', method: li.method, streaming: li.streaming };
      }
      if (!shape && Object.hasOwn(COHERE_METHODS, lc)) {
        const co = cohereClientOf(callee, lc, ctx);
        if (co) {
          client = co.client;
          provider = client.provider;
          shape = { sdk: 'cohere', method: co.method, streaming: COHERE_METHODS[lc] };
        }
      }
      const session = !shape && Object.hasOwn(GENAI_CHAT_METHODS, lc) ? genaiChatOf(callee.expression, ctx) : null;
      if (session) {
        // The client is the one the session was made from (unknown for a parameter declared as a `Chat`).
        const recv = session.creation ? chatsClientExpression(session.creation) : null;
        const resolved = recv ? resolveExpression(recv, ctx) : null;
        const c = resolved?.kind === 'client' ? resolved.client : null;
        if (c ? c.sdk === 'google-genai' : hasModule(ctx, '@google/genai')) {
          client = c;
          provider = c?.provider ?? 'google';
          shape = { sdk: 'google-genai', method: `chats.${lc}`, streaming: GENAI_CHAT_METHODS[lc] };
          chat = session.creation;
        }
      }
    }
  }
  if (!shape) {
    const b = bindingOf(callee, ctx.sdk);
    if (b?.kind === 'ai-function') {
      shape = { sdk: 'ai-sdk', method: b.name, streaming: b.name.startsWith('stream') };
    }
  }
  if (!shape) return httpCallSite(call, env);

  // A Bedrock Runtime request is the command's input: `send(new ConverseCommand(input), { abortSignal })`.
  const own: ArgsFact = bedrock ? argsFact(bedrock.construction, 0, ctx.sf) : shape.sdk === 'langchain' ? argsFact(call, 1, ctx.sf) : genkit ? genkitArgs(call, argsFact(call, 0, ctx.sf)) : argsFact(call, 0, ctx.sf);
  const args = chat ? chatRequestArgs(argsFact(chat, 0, ctx.sf), own) : own;
  const site = baseCallSite(call, env, shape, provider, args, client);
  if (otherPackage) site.clientPackage = otherPackage;
  if (engineRun) site.engineRun = true;
  if (others.length) site.otherClients = others.map((c) => ({ path: c.path, start: c.span.start }));
  // @google/generative-ai takes `requestOptions` (timeout, signal) as the second argument too; so do @huggingface/inference and cohere-ai
  // (`{ timeoutInSeconds, maxRetries, abortSignal }`).
  if (shape.sdk === 'google-generativeai' || shape.sdk === 'huggingface' || shape.sdk === 'cohere') site.requestOptions = argsFact(call, 1, ctx.sf);
  // Mistral's RequestOptions (`timeoutMs`, `retries`, `signal`); the legacy client takes none.
  if (shape.sdk === 'mistral' && client?.className === 'Mistral') site.requestOptions = argsFact(call, 1, ctx.sf);
  if (shape.sdk === 'openai' || shape.sdk === 'anthropic') {
    site.requestOptions = argsFact(call, 1, ctx.sf);
    if (copy) site.copyOptions = argsFact(copy, 0, copy.getSourceFile());
  }
  if (bedrock) {
    site.requestOptions = argsFact(call, 1, ctx.sf);
    fillRequest(site, bedrock.construction, env);
    bedrockRequest(site, bedrock, call, env.ctx);
    return site;
  }
  fillRequest(site, call, env, chat);
  if (throughInstructor) instructorRequest(site);
  if (genkit) fillGenkitRequest(site, call, ctx);
  if (hf) huggingfaceRequest(site, hf.endpoint);
  if (TOOL_RUNNER.test(shape.method)) runnerUsage(site, call, ctx);
  // openai-edge resolves to a fetch Response whose body the code reads once (`await res.json()`): a line logging the
  // usage after the call has nothing to read it from, so no fix is offered (usage-discarded needs the binding for one).
  if (catalogSdkOf(site) === 'openai-edge') delete site.resultBinding;
  if (chain) {
    // A runnable chain (`prompt.pipe(model).pipe(parser)`): its input is template variables, not messages (the prompt
    // is the chain's template, when one is found), and its output is whatever the last step makes of the model's
    // message, so the usage cannot be read here.
    site.prompt = (lcChain?.agentOptions ? agentPromptOf(lcChain.agentOptions, call, ctx, env.historyNames) : null) ?? templatePromptOf(call, ctx) ?? [];
    // …unless that last step is an output parser, which hands back text whatever the caller does with it, or the
    // model itself (`prompt.pipe(model)`), whose message the caller reads like a direct call's.
    if (!chainEndsInModel) {
      site.usage = lcChain?.textOutput || endsInOutputParser(call, ctx) ? 'discarded' : 'unknown';
      delete site.resultBinding;
    }
    if (lcChain?.builtBy && agentStreamsModel(lcChain.builtBy, shape.method)) site.streaming = null;
  }
  // A completion model's result is a string, as after a StringOutputParser (its `streamEvents` still carry the
  // `on_llm_end` output).
  if (client && isLangChainTextModel(client) && shape.method !== 'streamEvents') {
    settleUsage(site, 'discarded');
  }
  // …and one whose messages have none to read (the community ChatOllama): whether usage is lost is not this call's doing.
  if (client && isLangChainModelWithoutUsage(client)) {
    settleUsage(site, 'unknown');
  }
  if (shape.sdk === 'langchain' && site.usage === 'discarded' && usageCallbackReaches(call, client, ctx, others, unseenModel)) site.usageCallback = true;
  if (shape.sdk === 'langchain' && callbacksMayReach(call, client, ctx, others)) site.callbacksMayTrace = true;
  return site;
}

/**
 * Whether the model may stream inside a run of an agent or chain: an AgentExecutor's agent streams it by default
 * (`streamRunnable`), and a streamed run of any of them (`.stream()`, `.streamEvents()`) streams it when its handlers
 * ask for tokens (a graph's `streamMode: 'messages'`), which the call does not show.
 */
function agentStreamsModel(builtBy: ChainFactory['kind'], method: string): boolean {
  if (builtBy === 'stuff-documents' || builtBy === 'retrieval') return false;
  return builtBy === 'agent-executor' || LANGCHAIN_METHODS[method] === true;
}

/**
 * A tool runner's usage: `runner.totalUsage()`, a `totalUsage` / `chatCompletion` listener and the final completion
 * count as reading it (call-context.ts); `runner.allChatCompletions()` hands every completion, usage included, to code
 * that is not followed. No fix: the usage is known only at the end of the run, and a line awaiting it right after the
 * runner is made would hold back the code's own listeners.
 */
function runnerUsage(site: LlmCallSite, call: ts.CallExpression | ts.NewExpression, ctx: FileContext): void {
  const name = site.resultBinding?.name;
  delete site.resultBinding;
  if (site.usage !== 'discarded' || !name) return;
  const scope = enclosingFunction(call) ?? ctx.sf;
  if (new RegExp(`\\b${name}\\s*\\.\\s*allChatCompletions\\s*\\(`).test(scope.getText(ctx.sf))) site.usage = 'unknown';
}

/**
 * `client.chat.complete({…})` / `chat.stream` / `agents.*` on a `Mistral` client, or `chat({…})` / `chatStream({…})` on
 * the legacy `MistralClient`: the receiver must resolve to one (`chat` and `complete` are common method names).
 */
function mistralCall(callee: ts.PropertyAccessExpression, names: string[], ctx: FileContext): { client: ClientFact; shape: MethodShape } | null {
  const hit = matchMethod(names, MISTRAL_METHODS as Record<string, boolean | null>);
  const legacy = hit ? null : matchMethod(names, MISTRAL_LEGACY_METHODS as Record<string, boolean | null>);
  const found = hit ?? legacy;
  if (!found) return null;
  const r = resolveExpression(clientExpression(callee, found.clientDepth), ctx);
  if (r.kind !== 'client' || r.client.sdk !== 'mistral' || (r.client.className === 'MistralClient') !== !!legacy) return null;
  return { client: r.client, shape: { sdk: 'mistral', method: found.method, streaming: (hit ? MISTRAL_METHODS : MISTRAL_LEGACY_METHODS)[found.method] } };
}

/**
 * The Cohere client of `co.chat(…)` (or `co.v2.chat(…)`, a v1 client's v2 API), when it resolves to a cohere-ai
 * construction; the method is `v2.chat` / `v2.chatStream` for the v2 API.
 */
function cohereClientOf(callee: ts.PropertyAccessExpression, last: string, ctx: FileContext): { client: ClientFact; method: string } | null {
  const obj = unwrap(callee.expression);
  const viaV2 = ts.isPropertyAccessExpression(obj) && obj.name.text === 'v2';
  if (viaV2 && last.startsWith('generate')) return null;
  const resolved = resolveExpression(viaV2 ? obj.expression : obj, ctx);
  if (resolved.kind !== 'client' || resolved.client.sdk !== 'cohere') return null;
  const v2 = last.startsWith('chat') && (viaV2 || resolved.client.className === 'CohereClientV2');
  return { client: resolved.client, method: v2 ? `v2.${last}` : last };
}

/** `model.generateContent(…)` / `chat.sendMessage(…)` on a @google/generative-ai model or chat session. */
function generativeModelCall(callee: ts.PropertyAccessExpression, ctx: FileContext): { client: ClientFact; shape: MethodShape } | null {
  const method = callee.name.text;
  if (!Object.hasOwn(GENERATIVE_MODEL_METHODS, method)) return null;
  const r = resolveExpression(callee.expression, ctx);
  if (r.kind !== 'client' || r.client.sdk !== 'google-generativeai' || r.client.className !== 'GenerativeModel') return null;
  return { client: r.client, shape: { sdk: 'google-generativeai', method, streaming: GENERATIVE_MODEL_METHODS[method] } };
}

/**
 * `chat.create(…)` where `chat` holds an SDK resource (`const chat = openai.chat.completions`, a `this.completions`
 * member set that way, or such a constant imported from another module): the chain that alias stands for, the file it
 * is written in, and how many trailing names of the callee follow the alias.
 */
function resourceAlias(callee: ts.PropertyAccessExpression, ctx: FileContext): { chain: ts.Expression; names: string[]; ctx: FileContext; tail: number } | null {
  const { root, names } = propertyChain(callee);
  let start: ts.Expression | undefined;
  let tail = names.length;
  let where = ctx;
  if (root.kind === ts.SyntaxKind.ThisKeyword && names.length >= 2) {
    let member: ts.Expression = callee;
    for (let i = 0; i < names.length - 1; i++) member = (member as ts.PropertyAccessExpression).expression;
    if (ts.isPropertyAccessExpression(member)) start = thisMemberInitializer(member);
    tail = names.length - 1;
  } else if (ts.isIdentifier(root)) {
    let id: ts.Identifier = root;
    // Through an import, and a default export that names a constant: a few hops at most.
    for (let hop = 0; hop < 3 && !start; hop++) {
      let decl = where.declarationOf(id);
      if (isImportRef(decl)) {
        if (decl.imported === '*') return null;
        const target = where.workspace.resolveModule(where.path, decl.specifier);
        const other = target ? where.workspace.contextFor(target) : undefined;
        if (!other) return null;
        decl = other.exported(decl.imported);
        where = other;
      }
      if (!decl || isImportRef(decl)) return null;
      if (ts.isIdentifier(decl)) {
        id = decl;
        continue;
      }
      if (!ts.isVariableDeclaration(decl) || !decl.initializer || !(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const)) return null;
      start = decl.initializer;
    }
  }
  const chain = start && unwrap(start);
  if (!chain || !ts.isPropertyAccessExpression(chain)) return null;
  const inner = propertyChain(chain);
  return inner.names.length ? { chain, names: inner.names, ctx: where, tail } : null;
}

/** Packages whose clients speak the OpenAI or Anthropic API shape; anything else constructed is not an LLM client. */
const LLM_PACKAGE = /openai|anthropic|ai-sdk|langchain|genai|groq|together|mistral|deepseek|fireworks|cerebras|perplexity|portkey|helicone|langfuse|langsmith|braintrust|openrouter|llm|\bai\b/i;
const COMPATIBLE_PROVIDERS: Record<string, Provider> = { 'groq-sdk': 'groq', '@mistralai/mistralai': 'mistral', 'together-ai': 'together' };

/**
 * Where an unresolved receiver comes from, when that is visible: constructed from (or imported from) a package that is
 * not an LLM SDK (`twilio(sid, token).messages.create`), or from an OpenAI-compatible SDK of another provider.
 */
function receiverOrigin(receiver: ts.Expression, ctx: FileContext): { foreign: boolean; provider?: Provider; package?: string } | null {
  let e = unwrap(receiver);
  for (let i = 0; i < 4 && (ts.isIdentifier(e) || isThisMember(e)); i++) {
    // `this.groq`, set in the constructor (`this.groq = new Groq()`) or typed (`private groq?: Groq`).
    if (isThisMember(e)) {
      const init = thisMemberInitializer(e);
      if (init) {
        e = unwrap(init);
        continue;
      }
      return typeOrigin(memberType(e), ctx);
    }
    const decl = ctx.declarationOf(e);
    if (isImportRef(decl)) return packageOrigin(decl.specifier);
    // `let client: Groq | null = null`, assigned later: the declared type names the package.
    const typed = decl && (ts.isVariableDeclaration(decl) || ts.isParameter(decl)) ? typeOrigin(decl.type, ctx) : null;
    if (typed) return typed;
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return null;
    e = unwrap(decl.initializer);
  }
  if (ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e) || ts.isStringLiteral(e) || ts.isNumericLiteral(e)) return { foreign: true };
  if (ts.isNewExpression(e) || ts.isCallExpression(e)) {
    let root: ts.Expression = e.expression;
    while (ts.isPropertyAccessExpression(root)) root = root.expression;
    if (!ts.isIdentifier(root)) return null;
    const decl = ctx.declarationOf(root);
    if (isImportRef(decl)) return packageOrigin(decl.specifier);
    // `getClient()` declared to return `Groq`.
    if (ts.isCallExpression(e) && e.expression === root && decl && ts.isFunctionDeclaration(decl)) return typeOrigin(decl.type, ctx);
    // `new SmsGateway()` of a class written in this file: the app's own object, not an SDK client.
    // (`new Adapter.OpenAI()`, a static member holding the SDK class, is not that.)
    if (ts.isNewExpression(e) && e.expression === root && decl && ts.isClassDeclaration(decl)) return { foreign: true };
    // `const Groq = (await import('groq-sdk')).default; new Groq()` / `const twilio = require('twilio')` inside a function
    if (decl && (ts.isVariableDeclaration(decl) || ts.isBindingElement(decl))) {
      const v = ts.isBindingElement(decl) ? decl.parent.parent : decl;
      const init = ts.isVariableDeclaration(v) ? v.initializer : undefined;
      const spec = init ? (requireSpecifier(init) ?? dynamicImportSpecifier(init)) : null;
      if (spec) return packageOrigin(spec);
    }
  }
  return null;
}

/** The package of a declared type (`Groq`, `Groq | null`, `Promise<Groq>`) imported from one; null when not seen. */
function typeOrigin(type: ts.TypeNode | undefined, ctx: FileContext): { foreign: boolean; provider?: Provider; package?: string } | null {
  if (!type) return null;
  const names: ts.Identifier[] = [];
  const visit = (t: ts.Node): void => {
    if (ts.isTypeReferenceNode(t)) {
      const root = ts.isIdentifier(t.typeName) ? t.typeName : ts.isQualifiedName(t.typeName) && ts.isIdentifier(t.typeName.left) ? t.typeName.left : null;
      if (root && root.text !== 'Promise') names.push(root);
    }
    ts.forEachChild(t, visit);
  };
  visit(type);
  if (names.length !== 1) return null;
  const decl = ctx.declarationOf(names[0]);
  return isImportRef(decl) ? packageOrigin(decl.specifier) : null;
}

function packageOrigin(spec: string): { foreign: boolean; provider?: Provider; package?: string } | null {
  const specifier = bareSpecifier(spec);
  if (specifier.startsWith('.') || /^[@~#]\//.test(specifier)) return null;
  if (Object.hasOwn(COMPATIBLE_PROVIDERS, specifier)) return { foreign: false, provider: COMPATIBLE_PROVIDERS[specifier], package: specifier };
  if (specifier === 'openai' || specifier.startsWith('@anthropic-ai/') || specifier === '@google/genai') return null;
  if (LLM_PACKAGE.test(specifier)) return { foreign: false, provider: 'unknown', package: specifier };
  return { foreign: true };
}

const RUNNABLE_WRAPPERS = /^(withStructuredOutput|bind|bindTools|withConfig|withRetry|withFallbacks|withListeners)$/;

/**
 * The model a LangChain run goes through: one construction (`client`), or, when one variable or field is assigned a
 * different model class on each branch (`if (adapter === 'anthropic') model = new ChatAnthropic(…) else model = new
 * ChatOpenAI(…)`), no single client and every construction it may hold (`candidates`). `unseen`: the run may go through
 * a model built where the analysis does not look: one the code is handed, known only by its declared type (`private
 * chatModel: BaseChatModel`), or a factory's result assigned on another branch.
 */
export interface LangChainModel {
  client: ClientFact | null;
  candidates?: ClientFact[];
  unseen?: boolean;
  chain: boolean;
  endsInModel?: boolean;
  /** The chain hands back text without the usage (a legacy chain, an AgentExecutor). */
  textOutput?: boolean;
  /** The outermost LangChain factory the model was handed to (an agent, a legacy chain), when there is one. */
  builtBy?: ChainFactory['kind'];
  /** An agent's options (`createReactAgent({ llm, prompt })`, `createAgent({ model, systemPrompt })`), written in this file. */
  agentOptions?: ts.Expression;
}

/** The provider all the constructions share, else unknown. */
function sharedProvider(clients: ClientFact[]): Provider {
  return clients.length > 0 && clients.every((c) => c.provider === clients[0].provider) ? clients[0].provider : 'unknown';
}

/**
 * Every LangChain model a variable or `this.` field is assigned, when it is assigned several constructions of
 * different classes (a provider switch) and nothing else: a value the analysis cannot follow (a factory's result, a
 * parameter) leaves it unknown. Null / undefined placeholders are not values.
 */
function switchedModels(expr: ts.Expression, ctx: FileContext): ClientFact[] | null {
  const values = assignedValues(expr, ctx);
  if (!values || values.length < 2) return null;
  const found: ClientFact[] = [];
  for (const v of values) {
    if (isNullish(unwrap(v))) continue;
    const r = resolveExpression(v, ctx, 1);
    if (r.kind !== 'client' || r.client.sdk !== 'langchain') return null;
    if (!found.some((c) => c.path === r.client.path && c.span.start === r.client.span.start)) found.push(r.client);
  }
  return found.length >= 2 ? found : null;
}

/**
 * A `let` or `this.` field that is also assigned a value the analysis cannot follow (a factory's result, a parameter),
 * besides the construction it resolves to. Null / undefined placeholders are not values.
 */
function assignedUnfollowed(expr: ts.Expression, ctx: FileContext): boolean {
  if (!mayBeReassigned(expr, ctx)) return false;
  return (assignedValues(expr, ctx, true) ?? []).some((v) => !isNullish(unwrap(v)) && resolveExpression(v, ctx, 1).kind !== 'client');
}

/**
 * The LangChain chat model behind `x.invoke(...)`: `x` is the model, a model wrapped by `withStructuredOutput` /
 * `bindTools` / …, or a runnable chain built with `.pipe(...)` / `RunnableSequence.from([...])` that contains one.
 */
export function langchainModelOf(expr: ts.Expression, ctx: FileContext, depth = 0): LangChainModel | null {
  if (depth > 6) return null;
  const direct = resolveExpression(expr, ctx);
  if (direct.kind === 'client') {
    if (direct.client.sdk !== 'langchain') return null;
    // `model = new ChatAnthropic(…)` on one branch, `model = makeMeteredModel()` on the other: either may run.
    return assignedUnfollowed(expr, ctx) ? { client: null, candidates: [direct.client], unseen: true, chain: false } : { client: direct.client, chain: false };
  }
  const candidates = direct.kind === 'unknown' ? switchedModels(expr, ctx) : null;
  if (candidates) return { client: null, candidates, chain: false };
  // A model the code is handed (`constructor(@Inject('ChatModel') private chatModel: BaseChatModel)`, a parameter).
  if (declaredLangChainModel(expr, ctx)) return { client: null, unseen: true, chain: false };
  let node: ts.Expression | undefined;
  const u = unwrap(expr);
  if (ts.isCallExpression(u)) node = u;
  // What a function of another module returns (`const executor = await createAgentExecutor()`) is read there.
  else if (direct.kind === 'node' && direct.ctx !== ctx) return langchainModelOf(direct.node, direct.ctx, depth + 1);
  else if (direct.kind === 'node') node = unwrap(direct.node);
  else if (ts.isPropertyAccessExpression(u) && u.expression.kind === ts.SyntaxKind.ThisKeyword) node = thisMemberInitializer(u);
  else if (ts.isIdentifier(u)) {
    // `const chain = prompt.pipe(model)`, here or exported from another module.
    let decl = ctx.declarationOf(u);
    let where = ctx;
    if (isImportRef(decl) && decl.imported !== '*') {
      const target = ctx.workspace.resolveModule(ctx.path, decl.specifier);
      const other = target ? ctx.workspace.contextFor(target) : undefined;
      if (other) {
        decl = other.exported(decl.imported);
        where = other;
      }
    }
    if (decl && !isImportRef(decl) && ts.isVariableDeclaration(decl) && decl.initializer) {
      if (where !== ctx) return langchainModelOf(decl.initializer, where, depth + 1);
      node = unwrap(decl.initializer);
    }
  }
  // `new RunnableWithMessageHistory({ runnable: chain, getMessageHistory, … })` adds chat memory around the runnable.
  if (node && ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RunnableWithMessageHistory') {
    const opts = node.arguments?.[0] && unwrap(node.arguments[0]);
    const inner = opts && ts.isObjectLiteralExpression(opts) ? prop(opts, 'runnable') : undefined;
    const m = inner ? langchainModelOf(inner, ctx, depth + 1) : null;
    return m ? { ...m, chain: true, endsInModel: undefined } : null;
  }
  // `createStuffDocumentsChain({ llm, prompt })`, `createRetrievalChain({ retriever, combineDocsChain })`, an agent or
  // a legacy chain around the model (`createReactAgent({ llm })`, `RetrievalQAChain.fromLLM(llm, retriever)`).
  const factory = node && chainFactoryOf(node, ctx);
  if (factory) {
    // `createAgent({ model: 'openai:gpt-4o' })`: the chat model initChatModel builds from the name.
    const named = factory.modelName && node && ts.isCallExpression(node) ? agentModelNameClient(node, factory.runnable, ctx) : null;
    const m = named ? { client: named, chain: false } : langchainModelOf(factory.runnable, ctx, depth + 1);
    // An agent or legacy chain is a call site only around a model built where the analysis sees it.
    if (m && !m.client && !m.candidates && factory.kind !== 'stuff-documents' && factory.kind !== 'retrieval') return null;
    if (!m) return null;
    const agentOptions = factory.kind === 'agent' && factory.options && factory.options.getSourceFile() === ctx.sf ? factory.options : undefined;
    return { ...m, chain: true, endsInModel: false, textOutput: factory.output === 'text' || (factory.kind === 'retrieval' && m.textOutput), builtBy: factory.kind, ...(agentOptions ? { agentOptions } : {}) };
  }
  if (!node || !ts.isCallExpression(node)) return null;
  const fn = unwrap(node.expression);
  if (ts.isIdentifier(fn)) return returnedChain(node, ctx, depth);
  if (!ts.isPropertyAccessExpression(fn)) return null;
  const name = fn.name.text;
  if (RUNNABLE_WRAPPERS.test(name)) {
    const inner = langchainModelOf(fn.expression, ctx, depth + 1);
    return inner ? { ...inner, chain: inner.chain || name === 'withStructuredOutput', endsInModel: undefined } : null;
  }
  if (name === 'pipe') {
    for (const a of node.arguments) {
      const m = langchainModelOf(a, ctx, depth + 1);
      // `prompt.pipe(model)`: the model is the last step, so the chain hands back its message, usage included.
      if (m) return { ...m, chain: true, endsInModel: !m.chain && a === node.arguments[node.arguments.length - 1] };
    }
    const m = langchainModelOf(fn.expression, ctx, depth + 1);
    return m ? { ...m, chain: true, endsInModel: undefined } : null;
  }
  if (name === 'from' && ts.isIdentifier(fn.expression) && /^Runnable(Sequence|Map)$/.test(fn.expression.text)) {
    const list = node.arguments[0] && unwrap(node.arguments[0]);
    if (list && ts.isArrayLiteralExpression(list)) {
      for (const el of list.elements) {
        const m = langchainModelOf(el, ctx, depth + 1);
        if (m) return { ...m, chain: true, endsInModel: !m.chain && el === list.elements[list.elements.length - 1] };
      }
    }
  }
  return null;
}

/**
 * `const chain = await makeChain(retriever)`: the chain a workspace function of a module importing LangChain builds and
 * returns (`return prompt.pipe(model).pipe(parser)`), here or in another module. Every return must give a chain around
 * the same model; the chain's template and last step are not followed there, so its prompt and usage stay unknown.
 */
function returnedChain(call: ts.CallExpression, ctx: FileContext, depth: number): LangChainModel | null {
  const fn = resolveExpression(call.expression, ctx);
  if (fn.kind !== 'node' || !isFunction(fn.node) || !importsLangChain(fn.ctx)) return null;
  const returned = returnedExpressions(fn.node);
  let found: LangChainModel | null = null;
  for (const r of returned ?? []) {
    const m = langchainModelOf(r, fn.ctx, depth + 1);
    if (!m || (found && !sameConstruction(found.client, m.client))) return null;
    found ??= m;
  }
  return found && { ...found, chain: true, endsInModel: false };
}

function sameConstruction(a: ClientFact | null, b: ClientFact | null): boolean {
  return a && b ? a.path === b.path && a.span.start === b.span.start : a === b;
}

function importsLangChain(ctx: FileContext): boolean {
  for (const ref of ctx.imports.values()) if (LANGCHAIN_PACKAGE.test(bareSpecifier(ref.specifier))) return true;
  return false;
}

/**
 * `new ToolLoopAgent({ model, instructions, tools, … })` (AI SDK 6; `Experimental_Agent` in AI SDK 5): the settings every
 * model request of the agent's runs is made with, reported where they are written, whichever module runs the agent
 * (`agent.generate()`, `agent.stream()`, `createAgentUIStreamResponse({ agent })`).
 */
export function agentSiteOf(expr: ts.NewExpression, env: CallSiteEnv): LlmCallSite | null {
  const b = bindingOf(unwrap(expr.expression), env.ctx.sdk);
  if (b?.kind !== 'ai-agent') return null;
  let args = argsFact(expr, 0, env.ctx.sf);
  // `prepareCall` may return other settings for each run: options the constructor lacks may still be set.
  if (args.options.prepareCall) args = withUnseenOptions(args);
  const site = baseCallSite(expr, env, { sdk: 'ai-sdk', method: b.className, streaming: null }, 'unknown', args, null);
  site.agent = true;
  // Each run decides whether it streams (`generate` or `stream`) and what reads its usage.
  site.streaming = null;
  fillRequest(site, expr, env);
  // A retry loop around a run (`for (…) { try { return await agent.generate({ prompt }) } catch … }`) re-runs every
  // step's requests: the worst run path counts, as for a wrapper function's callers.
  const runs = agentRunRetries(expr, env.ctx).map((path) => path.filter((r) => !site.retries.some((o) => o.path === r.path && o.span.start === r.span.start)));
  const { worst } = worstPath(runs);
  site.retries.push(...worst);
  return site;
}

const AGENT_RUN = /^(generate|stream)$/;

/**
 * The retry constructs around each run of an agent (`agent.generate(…)`, `makeAgent(ctx).stream(…)`) in this module
 * and the modules importing the name that holds it: a `const` bound to the construction, or a function returning it.
 */
export function agentRunRetries(expr: ts.NewExpression, ctx: FileContext): RetryConstruct[][] {
  let holder: ts.Node = expr;
  while (holder.parent && (ts.isParenthesizedExpression(holder.parent) || ts.isAsExpression(holder.parent) || ts.isSatisfiesExpression(holder.parent))) holder = holder.parent;
  const parent = holder.parent;
  let name: string | undefined;
  let factory = false;
  if (parent && ts.isVariableDeclaration(parent) && parent.initializer === holder && ts.isIdentifier(parent.name)) name = parent.name.text;
  else {
    const fn = parent && ts.isReturnStatement(parent) ? enclosingFunction(parent) : parent && ts.isArrowFunction(parent) && parent.body === holder ? parent : undefined;
    const bound = fn && (ts.isFunctionDeclaration(fn) ? fn.name : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name : undefined);
    if (bound) {
      name = bound.text;
      factory = true;
    }
  }
  if (!name) return [];
  const paths: RetryConstruct[][] = [];
  const runsIn = (at: FileContext, local: string) => {
    for (const call of callsIn(at.sf)) {
      const callee = unwrap(call.expression);
      if (!ts.isPropertyAccessExpression(callee) || !AGENT_RUN.test(callee.name.text)) continue;
      const recv = unwrap(callee.expression);
      const hit = factory ? ts.isCallExpression(recv) && ts.isIdentifier(recv.expression) && recv.expression.text === local : ts.isIdentifier(recv) && recv.text === local;
      if (hit) paths.push(retriesAround(call, at));
    }
  };
  runsIn(ctx, name);
  for (const imp of importsOfExport(ctx, name)) if (imp !== 'unknown') runsIn(imp.ctx, imp.local);
  return paths;
}

function hasModule(ctx: FileContext, module: string): boolean {
  for (const b of ctx.sdk.values()) if (b.kind === 'client-class' && b.sdk === (module === 'openai' ? 'openai' : module === '@google/genai' ? 'google-genai' : 'anthropic')) return true;
  return false;
}

export function baseCallSite(call: ts.CallExpression | ts.NewExpression, env: CallSiteEnv, shape: MethodShape, provider: Provider, args: ArgsFact, client: ClientFact | null): LlmCallSite {
  const { ctx } = env;
  const callee = unwrap(call.expression);
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  const fn = enclosingFunction(call);
  let enclosing: FunctionRef | null = null;
  if (fn) enclosing = functionRef(fn, ctx, env.requestPaths);
  const streamOpt = args.options.stream?.value;
  const streaming = shape.streaming ?? (streamOpt?.kind === 'boolean' ? streamOpt.value : streamOpt || spreadMaySet(args, 'stream') ? null : false);
  const streamsWhen = streaming === null && streamOpt?.kind === 'dynamic' && iteratedAsStream(call, ctx) ? streamOpt.text : undefined;
  const span = spanOf(call, ctx.sf);
  const otherRetries: RetryConstruct[] = [];
  // RunnableRetry retries invoke and batch; `.stream()` goes to the wrapped model once.
  const runnable = shape.sdk === 'langchain' && ts.isPropertyAccessExpression(callee) ? runnableRetries(callee.expression, ctx).filter((l) => shape.streaming !== true || !/withRetry/.test(l.label)) : [];
  const retries = [...runnable, ...retriesAround(call, ctx, 0, otherRetries)];
  return {
    id: `${ctx.path}#${span.start}`,
    path: ctx.path,
    language: /\.[cm]?jsx?$/.test(ctx.path) ? 'javascript' : 'typescript',
    span,
    nameSpan: spanOf(nameNode, ctx.sf),
    provider,
    sdk: shape.sdk,
    method: shape.method,
    model: { value: null, literal: false },
    streaming,
    ...(streamsWhen !== undefined ? { streamsWhen } : {}),
    args,
    prompt: [],
    maxOutputTokens: null,
    client,
    enclosingFunction: enclosing,
    retries,
    ...(otherRetries.length ? { otherRetries } : {}),
    inSpan: insideSpan(call, ctx),
    ...(ts.isCallExpression(call) ? wrappedUsage(call, ctx, usageOf(call, ctx, streaming, usageShape(shape, client)), streaming) : { usage: 'unknown' as const }),
  };
}


/** The method whose result the usage is read from: openai-edge's calls resolve to a fetch `Response`, as `fetch` does. */
function usageShape(shape: MethodShape, client: ClientFact | null): string {
  return client?.module === 'openai-edge' && V3_OPENAI_METHODS.includes(shape.method) ? 'fetch' : shape.method;
}

/** Model, prompt, max tokens, read from the request options and the client for LangChain (for an @google/genai chat session's send, also those of the `chats.create(…)` that made it). */
export function fillRequest(site: LlmCallSite, call: ts.CallExpression | ts.NewExpression, env: CallSiteEnv, chat?: ts.CallExpression | null): void {
  const { ctx } = env;
  const o = site.args.options;
  const initializer = (key: string) => findInitializer(call, key) ?? (chat ? findInitializer(chat, key) : undefined);
  const modelOpt = o.model ?? o.modelName ?? o.model_name ?? (site.sdk === 'aws-sdk' ? o.modelId : undefined);
  if (site.sdk === 'ai-sdk' && modelOpt) aiSdkModel(site, findInitializer(call, modelOpt.key), ctx);
  // `streamText({ ...getModelOptions(id), system })`: the model comes from options the analysis does not read.
  else if (site.sdk === 'ai-sdk' && site.args.hasSpread) site.aiModelUnresolved = true;
  else if (modelOpt) site.model = modelValue(modelOpt.value, initializer(modelOpt.key), ctx);
  // `{ model: 'gpt-4o', ...userParams }`: a spread after the key may set another model; the literal is a default.
  if (modelOpt && spreadAfter(call, modelOpt.key)) site.model = { value: null, span: site.model.span, literal: false };
  inheritLangChainClientOptions(site);
  inheritLlamaIndexOptions(site);
  for (const k of MAX_TOKEN_KEYS) {
    const v = o[k]?.value;
    if (v?.kind === 'number') site.maxOutputTokens = v.value;
    else if (v?.kind === 'dynamic') {
      // `max_tokens: MAX_TOKENS` with a module constant
      const init = initializer(k);
      const r = init ? resolveExpression(init, ctx) : null;
      const n = r?.kind === 'node' ? numericArithmetic(r.node) : null;
      const byDefault = r?.kind === 'node' && n === null ? envDefaultNumber(r.node) : null;
      if (n !== null) site.maxOutputTokens = n;
      else if (byDefault) {
        site.maxOutputTokens = byDefault.value;
        site.maxOutputTokensEnv = byDefault.env;
      }
    }
  }
  const cfg = o.config?.value;
  if (cfg?.kind === 'object') {
    for (const k of ['maxOutputTokens', 'max_output_tokens']) {
      const v = cfg.args.options[k]?.value;
      if (v?.kind === 'number') site.maxOutputTokens = v.value;
    }
  }
  if (site.sdk === 'google-generativeai' && ts.isCallExpression(call)) {
    // The model object's options, looked up once for the model, the output cap and the system instruction.
    const made = site.client ? generativeModelOptions(site.client, ctx) : null;
    inheritGenerativeModelOptions(site, call, ctx, made);
    site.prompt = generativeModelPrompt(call, env, made?.ctx === ctx ? made.obj : null);
    return;
  }
  site.prompt = promptOf(site, call, env, chat);
}

/** A Cohere v1 request's prompt: `preamble` (the system part), then `chatHistory`, then `message`; `generate`'s `prompt`. */
function coherePrompt(parts: PromptPart[], init: (key: string) => ts.Expression | undefined, env: CallSiteEnv): PromptPart[] {
  const { ctx } = env;
  const preamble = init('preamble');
  if (preamble) parts.push(partFromContent('system', preamble, ctx, preamble));
  const history = init('chatHistory');
  if (history) parts.push(...partsFromMessages(history, ctx, env.historyNames));
  const text = init('message') ?? init('prompt');
  if (text) parts.push(partFromContent('user', text, ctx, text));
  return parts;
}

/** The options object of the `getGenerativeModel({…})` call that made a @google/generative-ai model, and its file. */
function generativeModelOptions(client: ClientFact, ctx: FileContext): { obj: ts.ObjectLiteralExpression; ctx: FileContext } | null {
  const where = client.path === ctx.path ? ctx : ctx.workspace.contextFor(client.path);
  const made = where ? nodeAt(where.sf, client.span.start, client.span.end, where.sf) : undefined;
  const first = made && ts.isCallExpression(made) ? made.arguments[0] : undefined;
  const obj = first && unwrap(first);
  return where && obj && ts.isObjectLiteralExpression(obj) ? { obj, ctx: where } : null;
}

/**
 * @google/generative-ai: the model is named where the model object is made (`getGenerativeModel({ model })`), and its
 * `generationConfig` there, or in a request object (which wins), may cap the output.
 */
function inheritGenerativeModelOptions(site: LlmCallSite, call: ts.CallExpression, ctx: FileContext, made: { obj: ts.ObjectLiteralExpression; ctx: FileContext } | null): void {
  if (!made) return;
  const modelExpr = prop(made.obj, 'model');
  if (modelExpr) {
    const m = modelValue(valueFact(unwrap(modelExpr), made.ctx.sf), modelExpr, made.ctx);
    // Spans of another file would point into this one: the model is only located when made here.
    site.model = { value: m.value?.replace(/^models\//, '') ?? null, literal: m.literal, ...(made.ctx === ctx ? { span: m.span } : {}) };
  }
  const request = call.arguments[0] && unwrap(call.arguments[0]);
  for (const holder of [made.obj, request && ts.isObjectLiteralExpression(request) ? request : undefined]) {
    const cfg = holder && prop(holder, 'generationConfig');
    const cap = cfg && ts.isObjectLiteralExpression(unwrap(cfg)) ? prop(unwrap(cfg) as ts.ObjectLiteralExpression, 'maxOutputTokens') : undefined;
    const n = cap ? numericArithmetic(unwrap(cap)) : null;
    if (n !== null) site.maxOutputTokens = n;
  }
}

/** The call's options object has a `...spread` after its `key` property, which may override it. */
function spreadAfter(call: ts.CallExpression | ts.NewExpression, key: string): boolean {
  const objArg = call.arguments?.find((a) => ts.isObjectLiteralExpression(unwrap(a)));
  const obj = objArg ? (unwrap(objArg) as ts.ObjectLiteralExpression) : call.arguments?.[0] && optionsObject(call.arguments[0], call);
  if (!obj) return false;
  const property = obj.properties.find((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText() === key);
  return !!property && overriddenBySpread(obj, property);
}

function findInitializer(call: ts.CallExpression | ts.NewExpression, key: string): ts.Expression | undefined {
  const objArg = call.arguments?.find((a) => ts.isObjectLiteralExpression(unwrap(a)));
  const obj = objArg ? (unwrap(objArg) as ts.ObjectLiteralExpression) : call.arguments?.[0] && optionsObject(call.arguments[0], call);
  return obj ? prop(obj, key) : undefined;
}

export function modelValue(v: import('../../core/types').ValueFact, expr: ts.Expression | undefined, ctx: FileContext): LlmCallSite['model'] {
  if (v.kind === 'string') return { value: v.value, span: v.span, literal: true };
  // A module constant (`const MODEL = 'gpt-4o'`) is still a hardcoded model.
  const named = expr ? modelNamedBy(expr, ctx) : null;
  if (named) return { value: named.value, span: v.span, literal: named.literal };
  if (v.kind === 'env' && v.fallback?.kind === 'string') return { value: v.fallback.value, span: v.span, literal: false };
  return { value: null, span: v.span, literal: false };
}

/** The provider prefixes of AI Gateway model ids (`anthropic/claude-sonnet-4.5`) that the catalogue prices. */
export const GATEWAY_PROVIDERS: Record<string, Provider> = { openai: 'openai', anthropic: 'anthropic', google: 'google', vertex: 'google', mistral: 'mistral', groq: 'groq', deepseek: 'deepseek' };

/** `gateway` imported from 'ai' or '@ai-sdk/gateway', or a name bound to `createGateway(…)` from either. */
function isGatewayProvider(callee: ts.Expression, ctx: FileContext): boolean {
  if (!ts.isIdentifier(callee)) return false;
  const decl = ctx.declarationOf(callee);
  if (isImportRef(decl)) return isVercelGatewayImport(decl, 'gateway');
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
  const init = unwrap(decl.initializer);
  const factory = ts.isCallExpression(init) && ts.isIdentifier(init.expression) ? ctx.declarationOf(init.expression) : undefined;
  return isImportRef(factory) && isVercelGatewayImport(factory, 'createGateway');
}

/** ai-sdk: `model: openai('gpt-4o')`, `openai.chat('gpt-4o')`, `myProvider('m')` from createOpenAI, or a gateway string. */
export function aiSdkModel(site: LlmCallSite, modelExpr: ts.Expression | undefined, ctx: FileContext): void {
  const opt = site.args.options.model ?? site.args.options.modelName;
  if (!opt) return;
  const node = modelExpr;
  if (!node) return;
  let e = unwrap(node);
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    // `model: this.model` with `this.model = anthropic(this.modelId)` in the constructor: the provider is still known.
    const init = thisMemberInitializer(e);
    if (init && ts.isCallExpression(unwrap(init))) e = unwrap(init);
  }
  if (ts.isIdentifier(e)) {
    const r = resolveExpression(e, ctx);
    if (r.kind === 'node' && r.ctx === ctx) e = unwrap(r.node);
    else if (r.kind === 'string') {
      site.model = { value: r.value, span: opt.value.span, literal: true };
      if (!/\bAI_SDK_DEFAULT_PROVIDER\b/.test(ctx.text)) site.observedBy = 'vercel-ai-gateway';
      return;
    } else if (r.kind === 'unknown') {
      // `const model = compat(name)`, `const model = await getModel()`: the model call the name holds.
      e = constCallInitializer(e, ctx) ?? e;
    }
  }
  // `gateway('anthropic/claude-sonnet-4.5')` (from 'ai' or '@ai-sdk/gateway', or a `createGateway()` provider) names
  // the model as the plain string does, and goes through the Vercel AI Gateway, which logs each request's usage.
  if (ts.isCallExpression(e) && e.arguments.length === 1 && isGatewayProvider(unwrap(e.expression), ctx)) {
    site.observedBy = 'vercel-ai-gateway';
    const a = unwrap(e.arguments[0]);
    if (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) e = a;
  }
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
    // AI SDK 5+ resolves a plain model string through the default provider: the AI Gateway unless the code installs
    // another (`globalThis.AI_SDK_DEFAULT_PROVIDER = …`).
    if (!/\bAI_SDK_DEFAULT_PROVIDER\b/.test(ctx.text)) site.observedBy = 'vercel-ai-gateway';
    // AI Gateway style 'openai/gpt-4o'
    const [prov, model] = e.text.includes('/') ? e.text.split('/', 2) : [null, e.text];
    site.model = { value: model, span: spanOf(e, ctx.sf), literal: true };
    site.provider = (prov && GATEWAY_PROVIDERS[prov]) || 'unknown';
    return;
  }
  if (!ts.isCallExpression(e)) site.aiModelUnresolved = true;
  if (ts.isCallExpression(e)) {
    const { base, method } = modelCallParts(e);
    if (method) site.aiModelMethod = method;
    const b = bindingOf(base, ctx.sdk);
    let known = b?.kind === 'ai-provider';
    if (b?.kind === 'ai-provider') site.provider = b.provider;
    else {
      const r = resolveExpression(base, ctx);
      if (r.kind === 'client') {
        site.client = r.client;
        site.provider = r.client.provider;
        known = true;
      }
    }
    // `getModel(id)`: a model the app's own function returns. Its argument stays an alias of the app's, not a model id.
    if (!known && !method && fromFactory(site, e, ctx)) {
      site.model = { value: null, span: e.arguments[0] ? spanOf(unwrap(e.arguments[0]), ctx.sf) : undefined, literal: false };
      return;
    }
    // `myProvider.languageModel('chat-model')`, `getChatModel()`: a model the app builds elsewhere, which may be a
    // gateway model (Vercel's template wraps `gateway.languageModel(…)` in a customProvider).
    if (!known) site.aiModelUnresolved = true;
    const a = e.arguments[0];
    if (!a) return;
    const model = modelValue(valueFact(a, ctx.sf), a, ctx);
    // `myProvider.languageModel('chat-model')`, `registry.languageModel('fast')`, `getModel('x')`: the argument is an
    // alias that the app's own provider registry maps to a model — configuration, not a hardcoded model id.
    site.model = known ? model : { value: null, span: model.span, literal: false };
  }
}


/**
 * The model comes from a workspace function (`getModel()`): every return's provider, one for all (`site.client`,
 * `site.provider`, `site.aiModelMethod`) or one per branch (`site.aiModelBranches`). False when a return cannot be read.
 */
function fromFactory(site: LlmCallSite, call: ts.CallExpression, ctx: FileContext): boolean {
  const origins = factoryModelOrigins(call, ctx);
  if (!origins) return false;
  if (origins.every((o) => sameOrigin(o, origins[0]))) {
    const [o] = origins;
    site.provider = o.provider;
    if (o.client) site.client = o.client;
    if (o.method) site.aiModelMethod = o.method;
  } else site.aiModelBranches = origins.filter((o, i) => origins.findIndex((x) => sameOrigin(x, o)) === i);
  return true;
}

function promptOf(site: LlmCallSite, call: ts.CallExpression | ts.NewExpression, env: CallSiteEnv, chat?: ts.CallExpression | null): PromptPart[] {
  const { ctx } = env;
  const parts: PromptPart[] = [];
  if (site.sdk === 'langchain' && ts.isCallExpression(call)) {
    const templated = templatePromptOf(call, ctx);
    if (templated) return templated;
    const a = call.arguments[0];
    return a ? partsFromMessages(a, ctx, env.historyNames) : [];
  }
  const init = (key: string) => findInitializer(call, key);
  const tools = init('tools') ?? init('functions');
  if (tools) {
    const ref = unwrap(tools);
    let t = ref;
    let sf = ctx.sf;
    // `tools: TOOLS`, a module constant (here or imported) that nothing pushes to: the same list on every call.
    if (ts.isIdentifier(ref)) {
      const r = resolveExpression(ref, ctx);
      const hit = r.kind === 'node' ? r : null;
      const node = hit ? unwrap(hit.node) : null;
      // An empty one (`const TOOLS: Tool[] = []`) is a registry filled somewhere else.
      const filled = node && (ts.isArrayLiteralExpression(node) ? node.elements.length > 0 : ts.isObjectLiteralExpression(node) && node.properties.length > 0);
      if (hit && node && filled && !new RegExp(`\\b${ref.text}\\s*(\\.\\s*(push|unshift|splice|pop)\\s*\\(|\\[)`).test(hit.ctx.text)) {
        t = node;
        sf = hit.ctx.sf;
      }
    }
    const staticTools = ts.isArrayLiteralExpression(t) || ts.isObjectLiteralExpression(t);
    const text = staticTools ? toolDefinitionsText(t, sf) : '';
    // Spans stay on the call's own argument: the constant may be written in another file.
    parts.push({
      role: 'tools',
      span: spanOf(ref, ctx.sf),
      segments: staticTools && !/\$\{/.test(text) ? [{ kind: 'static', text, span: spanOf(ref, ctx.sf) }] : [{ kind: 'dynamic', span: spanOf(ref, ctx.sf), text: ref.getText(ctx.sf), volatility: 'per-request' }],
    });
  }
  if (site.sdk === 'cohere' && !site.method.startsWith('v2.')) return coherePrompt(parts, init, env);
  const system = init('system') ?? init('instructions');
  if (system) {
    const part = partFromContent('system', system, ctx, system);
    if (findInitializer(call, 'cache_control')) part.cacheControl = true;
    parts.push(part);
  }
  const messages = init('messages') ?? init('input') ?? init('contents');
  if (messages) parts.push(...partsFromMessages(messages, ctx, env.historyNames));
  // @huggingface/inference `textGeneration({ inputs })`: the prompt text.
  const prompt = init('prompt') ?? (site.sdk === 'huggingface' ? init('inputs') : undefined);
  if (prompt) parts.push(partFromContent('user', prompt, ctx, prompt));
  const cfg = init('config') ?? (chat ? findInitializer(chat, 'config') : undefined);
  if (cfg && ts.isObjectLiteralExpression(unwrap(cfg))) {
    const si = prop(unwrap(cfg) as ts.ObjectLiteralExpression, 'systemInstruction');
    if (si) parts.unshift(partFromContent('system', si, ctx, si));
  }
  if (site.sdk === 'google-genai' && site.method.startsWith('chats.')) {
    // `chat.sendMessage({ message })`: the session's history goes first, then the message.
    const history = chat ? findInitializer(chat, 'history') : undefined;
    if (history) parts.push(...partsFromMessages(history, ctx, env.historyNames));
    const message = init('message');
    if (message) parts.push(...partsFromMessages(message, ctx, env.historyNames));
    else if (site.args.span === null && call.arguments?.[0]) parts.push(opaquePart(call.arguments[0], ctx, env.historyNames));
    return parts;
  }
  if (!messages && !prompt && !system && site.args.span === null && call.arguments?.[0]) parts.push(opaquePart(call.arguments[0], ctx, env.historyNames));
  return parts;
}

/**
 * `model.generateContent('…')`, `(['…', image])`, `({ contents, systemInstruction })`, `chat.sendMessage(…)`: the
 * request's content, after the system instruction of the request or, when made in this file, of the model object.
 */
function generativeModelPrompt(call: ts.CallExpression, env: CallSiteEnv, madeHere: ts.ObjectLiteralExpression | null): PromptPart[] {
  const { ctx } = env;
  const parts: PromptPart[] = [];
  const first = call.arguments[0] && unwrap(call.arguments[0]);
  if (!first) return parts;
  const request = ts.isObjectLiteralExpression(first) ? first : null;
  const contents = request ? prop(request, 'contents') : first;
  if (contents) {
    const c = unwrap(contents);
    // A role-tagged list (`[{ role: 'user', parts: [{ text }] }]`) is messages; anything else is the user's content.
    const messages = ts.isArrayLiteralExpression(c) && c.elements.some((el) => ts.isObjectLiteralExpression(unwrap(el)) && prop(unwrap(el) as ts.ObjectLiteralExpression, 'role'));
    if (messages) parts.push(...partsFromMessages(c, ctx, env.historyNames));
    else if (ts.isStringLiteral(c) || ts.isNoSubstitutionTemplateLiteral(c) || ts.isTemplateExpression(c) || ts.isArrayLiteralExpression(c)) parts.push(partFromContent('user', c, ctx, c));
    else parts.push(opaquePart(c, ctx, env.historyNames));
  }
  const instruction = (request && prop(request, 'systemInstruction')) ?? (madeHere && prop(madeHere, 'systemInstruction'));
  if (instruction) {
    // `systemInstruction: { parts: [{ text }] }` (or `{ role: 'system', parts }`) holds its text in `parts`.
    const i = unwrap(instruction);
    const inner = ts.isObjectLiteralExpression(i) ? prop(i, 'parts') : undefined;
    parts.unshift(partFromContent('system', inner ?? i, ctx, i));
  }
  return parts;
}

/**
 * The text of a tools literal as the model receives it: without the functions the SDK runs locally (the AI SDK's
 * `execute: async ({ q }) => …`, methods), whose bodies are neither sent nor static.
 */
function toolDefinitionsText(literal: ts.Expression, sf: ts.SourceFile): string {
  const cuts: Array<{ start: number; end: number }> = [];
  const visit = (n: ts.Node): void => {
    const fn = ts.isMethodDeclaration(n) || (ts.isPropertyAssignment(n) && (ts.isArrowFunction(unwrap(n.initializer)) || ts.isFunctionExpression(unwrap(n.initializer))));
    if (fn) {
      cuts.push({ start: n.getStart(sf), end: n.end });
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(literal);
  const start = literal.getStart(sf);
  let text = sf.text.slice(start, literal.end);
  for (const c of cuts.reverse()) {
    const after = /^\s*,/.exec(text.slice(c.end - start));
    text = text.slice(0, c.start - start) + text.slice(c.end - start + (after ? after[0].length : 0));
  }
  return text;
}

const HTTP_POST = /^(post|request)$/;
const mentionsFetchLibrary = oncePerText((text) => /\b(node-fetch|undici)\b/.test(text));

/**
 * `fetch('https://api.openai.com/v1/…', { method: 'POST', body: JSON.stringify({...}) })`, `axios.post(url, body)`,
 * axios called with a POST config (`axios({ method: 'post', url, data })`), `fetchEventSource(url, init)`.
 */
function httpCallSite(call: ts.CallExpression, env: CallSiteEnv): LlmCallSite | null {
  const { ctx } = env;
  const callee = unwrap(call.expression);
  // node-fetch or Undici's fetch under another name (`import nodeFetch from 'node-fetch'`) is fetch too.
  const library = ts.isIdentifier(callee) && (callee.text === 'fetch' || mentionsFetchLibrary(ctx.sf.text)) ? fetchLibrary(callee, ctx) : null;
  const isFetch = ts.isIdentifier(callee) && (callee.text === 'fetch' || callee.text === 'ofetch' || callee.text === '$fetch' || library === 'node-fetch' || library === 'undici');
  const isAxiosPost = ts.isPropertyAccessExpression(callee) && HTTP_POST.test(callee.name.text) && ts.isIdentifier(callee.expression) && /^(axios|got|ky|http|client|api)$/i.test(callee.expression.text);
  // A `fetch` whose reply is read as server-sent events: a stream, whatever the body shows.
  const eventSource = !isFetch && !isAxiosPost && isFetchEventSource(callee, ctx);
  const axiosConfig = isFetch || eventSource ? null : axiosConfigRequest(call, ctx);
  if (!isFetch && !isAxiosPost && !eventSource && !axiosConfig) return null;
  // msw `http.post(url, resolver)` registers a mock handler: a request takes a body or options, not a function.
  if (isAxiosPost && !axiosConfig && call.arguments.slice(1).some((a) => ts.isArrowFunction(unwrap(a)) || ts.isFunctionExpression(unwrap(a)))) return null;
  // `fetch(new Request(url, init))`, or a Request built first (`const req = new Request(…); fetch(req)`).
  const request = isFetch ? requestObject(call.arguments[0], ctx) : null;
  const urlArg = axiosConfig?.url ?? request?.url ?? call.arguments[0];
  if (!urlArg) return null;
  const url = urlText(urlArg, ctx);
  if (!url) return null;
  const provider = rawHttpProvider(url);
  if (!provider) return null;
  let body: ts.ObjectLiteralExpression | undefined;
  const init = request ? request.init : call.arguments[1];
  const second = init && unwrap(init);
  if (axiosConfig) body = axiosConfig.data && requestBody(axiosConfig.data, ctx);
  else if (isFetch || eventSource) {
    // The init and its JSON body, written in place or in a `const` only read (`const body = { … }; fetch(url, {
    // body: JSON.stringify(body) })`).
    const initObject = second && optionsObject(second, call);
    const b = initObject && prop(initObject, 'body');
    const bu = b && unwrap(b);
    if (bu && ts.isCallExpression(bu) && bu.expression.getText(ctx.sf) === 'JSON.stringify' && bu.arguments[0]) body = optionsObject(bu.arguments[0], bu);
  } else if (isAxiosPost && second && ts.isObjectLiteralExpression(second)) body = second;
  const args: ArgsFact = body ? { ...argsFact(call, -1, ctx.sf), ...objectArgsOf(body, ctx, call) } : { ...argsFact(call, -1, ctx.sf), hasSpread: true };
  const method = isFetch ? 'fetch' : eventSource ? 'fetchEventSource' : 'post';
  const site = baseCallSite(call, env, { sdk: 'http', method, streaming: eventSource ? true : null }, provider, args, null);
  site.httpUrl = url;
  // `axios.post(url, body, config)` with the package's own default instance: its config is the request's.
  if (isAxiosPost && ts.isPropertyAccessExpression(callee) && callee.name.text === 'post' && isAxiosPackage(callee.expression, ctx)) {
    site.httpClient = 'axios';
    site.requestOptions = argsFact(call, 2, ctx.sf);
  }
  // The fetch init (`fetch(url, { …, signal })`, in place or a const only read): node-fetch sets no timer unless it
  // passes a signal (or v2's timeout); the runtime's fetch waits 300 s unless its dispatcher turns that off.
  if (isFetch && !request && (library === 'node-fetch' || library === 'global' || library === 'undici')) {
    const initOptions = argsFact(call, 1, ctx.sf);
    if (library === 'node-fetch') {
      site.httpClient = 'node-fetch';
      site.requestOptions = initOptions;
    } else {
      const literal = second && optionsObject(second, call);
      const off = literal ? dispatcherTimeoutsOff(literal, ctx) : [];
      if (off.length) {
        site.dispatcherTimeoutsOff = off;
        site.requestOptions = initOptions;
      }
    }
  }
  // `axios({ method: 'post', url, data, timeout })`: the one config is the request's options too. An instance's
  // `axios.create(…)` defaults are not read, as for `api.post(…)`.
  if (axiosConfig?.defaultInstance) {
    site.httpClient = 'axios';
    site.requestOptions = { ...objectArgs(axiosConfig.config, ctx.sf, argsFact(call, -1, ctx.sf).callArgsSpan), ...(axiosConfig.detached ? { detached: true } : {}) };
  }
  if (eventSource) {
    site.usage = eventSourceUsage(init, ctx);
    delete site.resultBinding;
    delete site.usageDroppedBy;
  }
  // An unseen body (`JSON.stringify(payload)`) may or may not stream.
  if (!body && !eventSource) site.streaming = null;
  // Whether a compatible server streams usage, and whether a relayed stream keeps it, is not known.
  if (provider === 'unknown' && site.streaming !== false) site.usage = 'unknown';
  const literal = urlLiteralNode(urlArg, ctx);
  if (literal) env.requestUrls?.add(literal.getStart(ctx.sf));
  const m = args.options.model;
  if (m) site.model = modelValue(m.value, body ? prop(body, 'model') : undefined, ctx);
  modelFromRequestUrl(site);
  for (const k of MAX_TOKEN_KEYS) if (args.options[k]?.value.kind === 'number') site.maxOutputTokens = (args.options[k].value as { value: number }).value;
  if (body) {
    const sys = prop(body, 'system');
    if (sys) site.prompt.push(partFromContent('system', sys, ctx, sys));
    const msgs = prop(body, 'messages');
    if (msgs) site.prompt.push(...partsFromMessages(msgs, ctx, env.historyNames));
  }
  return site;
}

/** An axios config's `data`: an object literal, `JSON.stringify` of one, or a `const` holding one that is only read. */
function requestBody(data: ts.Expression, ctx: FileContext): ts.ObjectLiteralExpression | undefined {
  const d = unwrap(data);
  const inner = ts.isCallExpression(d) && d.expression.getText(ctx.sf) === 'JSON.stringify' && d.arguments[0] ? d.arguments[0] : d;
  return optionsObject(inner, inner);
}

/** The axios package's default export (`import axios from 'axios'`, `require('axios')`), not an instance it created. */
function isAxiosPackage(e: ts.Expression, ctx: FileContext): boolean {
  if (!ts.isIdentifier(e)) return false;
  const decl = ctx.declarationOf(e);
  return isImportRef(decl) && decl.specifier === 'axios' && (decl.imported === 'default' || decl.imported === '*');
}

/** `new Request(url, init)`, written in place or bound to a `const` of this file: its URL and init. */
function requestObject(arg: ts.Expression | undefined, ctx: FileContext): { url: ts.Expression; init?: ts.Expression } | null {
  const e = arg && boundOnce(unwrap(arg), ctx);
  if (!e || !ts.isNewExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'Request' || !e.arguments?.[0]) return null;
  return { url: e.arguments[0], init: e.arguments[1] };
}

function objectArgsOf(body: ts.ObjectLiteralExpression, ctx: FileContext, call: ts.CallExpression): ArgsFact {
  const v = valueFact(body, ctx.sf);
  return v.kind === 'object' ? { ...v.args, callArgsSpan: argsFact(call, -1, ctx.sf).callArgsSpan } : argsFact(call, -1, ctx.sf);
}

function constantString(e: ts.Expression, ctx: FileContext): string | null {
  const u = unwrap(e);
  if (!ts.isIdentifier(u) && !ts.isPropertyAccessExpression(u)) return null;
  const r = resolveExpression(u, ctx);
  return r.kind === 'string' ? r.value : null;
}

/** The string literal in this file a URL argument comes from (directly or through a constant), if any. */
function isThisMember(e: ts.Expression): e is ts.PropertyAccessExpression {
  return ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword;
}

function urlLiteralNode(e: ts.Expression, ctx: FileContext): ts.Node | null {
  const u = unwrap(e);
  if (ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u)) return u;
  if (ts.isTemplateExpression(u)) return u.head.text === '' && u.templateSpans[0] ? urlLiteralNode(u.templateSpans[0].expression, ctx) : u.head;
  if (ts.isIdentifier(u) || isThisMember(u)) {
    // Set on several branches: no one literal is the request's URL.
    if (branchValues(u, ctx)) return null;
    const r = resolveExpression(u, ctx);
    if ((r.kind === 'string' || r.kind === 'node') && r.ctx === ctx && !configurableFallback(r.node)) return urlLiteralNode(r.node, ctx);
  }
  if (ts.isPropertyAccessExpression(u) && !isThisMember(u)) {
    const value = unchangedProperty(u, ctx);
    if (value) return urlLiteralNode(value, ctx);
  }
  if (ts.isNewExpression(u) && ts.isIdentifier(u.expression) && u.expression.text === 'URL' && u.arguments?.[0]) return urlLiteralNode(u.arguments[0], ctx);
  if (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.PlusToken) return urlLiteralNode(u.left, ctx);
  return null;
}

/**
 * The values a `let` or a `this.` field holds when it is assigned more than one (`let apiUrl = ''` then one URL per
 * branch in SillyTavern; `this.completionsUrl` set to a reverse proxy or OpenAI's URL in node-chatgpt-api); null
 * when it has one value or none.
 */
function branchValues(e: ts.Expression, ctx: FileContext): ts.Expression[] | null {
  if (!mayBeReassigned(e, ctx)) return null;
  const values = (assignedValues(e, ctx, true) ?? []).filter((v) => !isPlaceholder(v));
  return values.length > 1 ? values : null;
}

/** `''`, `null`, `undefined`: a value set before the branches that choose the real one. */
function isPlaceholder(e: ts.Expression): boolean {
  const u = unwrap(e);
  return ((ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u)) && u.text === '') || isNullish(u);
}

/**
 * The URL a request sends to when its URL is chosen on branches: every value a model-API URL or a configured one (a
 * setting, an option, a request field, the environment), and at least one a model-API URL. One provider's URLs keep
 * that provider; different providers, or a configured value beside an OpenAI-compatible path, make it unknown. Any
 * other value (another API, a computed URL) leaves the request unknown to be a model call.
 */
function urlOfBranches(values: ts.Expression[], ctx: FileContext, depth: number): string | null {
  const found: Array<{ url: string; provider: Provider }> = [];
  let configured = false;
  for (const v of values) {
    const url = urlText(v, ctx, depth + 1);
    const provider = url ? rawHttpProvider(url) : null;
    if (url && provider) found.push({ url, provider });
    else if (configuredValue(v, ctx)) configured = true;
    else return null;
  }
  if (found.length === 0) return null;
  if (!configured && found.every((f) => f.provider === found[0].provider)) return found[0].url;
  const unknown = found.find((f) => f.provider === 'unknown')?.url ?? found[0].url.replace(/^https?:\/\/[^/]+/, '${}');
  return rawHttpProvider(unknown) ? unknown : found[0].url;
}

/** A value read from configuration: `this.options.reverseProxyUrl`, `req.body.proxy`, `settings.url`, a parameter. */
function configuredValue(e: ts.Expression, ctx: FileContext): boolean {
  const u = unwrap(e);
  if (envName(u) !== undefined || ts.isPropertyAccessExpression(u) || ts.isElementAccessExpression(u)) return true;
  if (!ts.isIdentifier(u)) return false;
  const decl = ctx.declarationOf(u);
  return !!decl && !isImportRef(decl) && ts.isParameter(decl);
}

/**
 * A provider URL that is only the default of a configurable one: `proxy ? proxy : 'https://api.anthropic.com/v1'`
 * (SillyTavern's per-request reverse proxy), `!proxy ? '…' : proxy`, `proxy || '…'`, `proxy ?? '…'`. The request goes
 * where the user points it; a choice between two fixed URLs, or a URL chosen by some other condition, is still direct.
 */
function configurableFallback(literal: ts.Node): boolean {
  let node: ts.Node = literal;
  while (node.parent && ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const p = node.parent;
  if (!p) return false;
  const isLiteral = (e: ts.Expression) => ts.isStringLiteralLike(unwrap(e)) || ts.isTemplateExpression(unwrap(e));
  if (ts.isBinaryExpression(p) && p.right === node && (p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) return !isLiteral(p.left);
  if (!ts.isConditionalExpression(p)) return false;
  const other = p.whenTrue === node ? p.whenFalse : p.whenTrue;
  if (isLiteral(other)) return false;
  // The condition tests the value the other branch uses (`proxy != null`, `!proxy`, `proxy && proxy.length`).
  const tested = unwrap(other).getText();
  const mentions = (n: ts.Node): boolean => ((ts.isIdentifier(n) || ts.isPropertyAccessExpression(n)) && n.getText() === tested) || !!ts.forEachChild(n, (c) => mentions(c) || undefined);
  return mentions(p.condition);
}

/**
 * A request helper's URL parameter (`export async function requestChatCompletions(url, header, body)`, TBXark's bot,
 * which sends every provider's request through it): the model-API URL its callers pass, here or in the modules that
 * import it. Callers that name different providers make the provider unknown; no model-API URL, no call site.
 */
function urlFromCallers(param: ts.ParameterDeclaration, ctx: FileContext, depth: number): string | null {
  const fn = param.parent;
  if (param.dotDotDotToken || (!ts.isFunctionDeclaration(fn) && !ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn))) return null;
  const holder = fn.parent;
  const name = ts.isFunctionDeclaration(fn) ? fn.name?.text : ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name.text : undefined;
  if (!name) return null;
  const index = fn.parameters.indexOf(param);
  const calls: Array<{ call: ts.CallExpression; ctx: FileContext }> = ctx.callsNamed(name).filter((c) => ts.isIdentifier(c.expression) && c.expression.text === name).map((call) => ({ call, ctx }));
  for (const c of callsInImporters(ctx, name, isDefaultExport(fn))) if (typeof c === 'object') calls.push(c);
  const found: Array<{ url: string; provider: Provider }> = [];
  for (const { call, ctx: at } of calls) {
    const arg = call.arguments[index];
    if (!arg || call.arguments.slice(0, index + 1).some((a) => ts.isSpreadElement(a))) continue;
    const url = urlText(arg, at, depth + 1);
    const provider = url ? rawHttpProvider(url) : null;
    if (url && provider) found.push({ url, provider });
  }
  if (found.length === 0) return null;
  if (found.every((f) => f.provider === found[0].provider)) return found[0].url;
  return found.find((f) => f.provider === 'unknown')?.url ?? null;
}

/** `location.origin` of the page or worker the code runs in (`window.`, `self.`, `globalThis.`). */
const SAME_ORIGIN = /^(?:(?:window|self|globalThis)\s*\.\s*)?location\s*\.\s*origin$/;

/** A URL builder's parameters, bound to the text its call passes (`apiUrl('/v1/chat/completions')`). */
type UrlBindings = ReadonlyMap<ts.Node, string>;

function urlText(e: ts.Expression, ctx: FileContext, depth = 0, bound?: UrlBindings): string | null {
  const u = unwrap(e);
  if (depth > 6) return null;
  const given = boundText(u, ctx, bound);
  if (given !== null) return given;
  if (ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u)) return u.text;
  if (ts.isTemplateExpression(u)) {
    // `${OPENAI_BASE}/chat/completions` with a module constant base, or `${endpoint}?key=${apiKey}` with a local
    // template endpoint: substitute what resolves.
    return u.head.text + u.templateSpans.map((s) => (boundText(s.expression, ctx, bound) ?? constantString(s.expression, ctx) ?? urlText(s.expression, ctx, depth + 1, bound) ?? '${}') + s.literal.text).join('');
  }
  // A module constant, or a class field (`private baseUrl = 'https://api.anthropic.com/v1/messages'`).
  if (ts.isIdentifier(u) || isThisMember(u)) {
    const decl = ts.isIdentifier(u) ? ctx.declarationOf(u) : undefined;
    if (decl && !isImportRef(decl) && ts.isParameter(decl)) return urlFromCallers(decl, ctx, depth);
    const branches = branchValues(u, ctx);
    if (branches) return urlOfBranches(branches, ctx, depth);
    const r = resolveExpression(u, ctx);
    if (r.kind === 'string') return r.value;
    if (r.kind === 'node') return urlText(r.node, r.ctx, depth + 1);
    // `const BASE = process.env.OPENAI_BASE_URL ?? 'https://…'` or `const url = BASE + '/chat/completions'`.
    const init = ts.isIdentifier(u) ? boundOnce(u, ctx) : null;
    // `const url = this.completionsUrl`: a field set on branches, read into a local first.
    // `const baseUrl = (env || 'https://…').trim()`: a base URL tidied first.
    if (init && (ts.isBinaryExpression(init) || isThisMember(unwrap(init)) || ts.isCallExpression(unwrap(init)))) return urlText(init, ctx, depth + 1, bound);
  }
  // The page's own origin (`${window.location.origin}/v1/chat/completions`): the app's server, as a bare path is.
  if (ts.isPropertyAccessExpression(u) && SAME_ORIGIN.test(u.getText(ctx.sf))) return '';
  // `server.chat` of a module object (`const server = { chat: `${domain}/v1/chat/completions` }`) no code changes.
  if (ts.isPropertyAccessExpression(u) && !isThisMember(u)) {
    const value = unchangedProperty(u, ctx);
    if (value) return urlText(value, ctx, depth + 1);
  }
  if (ts.isBinaryExpression(u)) {
    const op = u.operatorToken.kind;
    // `endpoint + '?key=' + apiKey`
    if (op === ts.SyntaxKind.PlusToken) {
      const l = urlText(u.left, ctx, depth + 1, bound);
      const r = urlText(u.right, ctx, depth + 1, bound);
      return l === null && r === null ? null : (l ?? '${}') + (r ?? '${}');
    }
    // `process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1'`, `serverConfig.anthropicUrl || ANTHROPIC_BASE_URL`
    // (NextChat), `opts.baseUrl ?? DEFAULT_URL`: unless configured, the call goes to the default. A left side that is
    // itself a URL we can read is what the request uses whenever it is set.
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
      if (envName(unwrap(u.left)) !== undefined) return urlText(u.right, ctx, depth + 1);
      return urlText(u.left, ctx, depth + 1) ?? urlText(u.right, ctx, depth + 1);
    }
  }
  if (ts.isNewExpression(u) && ts.isIdentifier(u.expression) && u.expression.text === 'URL' && u.arguments?.[0]) return urlText(u.arguments[0], ctx, depth + 1);
  // `(import.meta.env.OPENAI_API_BASE_URL || 'https://api.openai.com').trim().replace(/\/$/, '')` (chatgpt-demo):
  // tidying the ends of a base URL keeps the URL.
  if (ts.isCallExpression(u) && ts.isPropertyAccessExpression(u.expression) && tidiesUrlEnds(u)) {
    const url = urlText(u.expression.expression, ctx, depth + 1, bound);
    return url === null ? null : url.trim().replace(/\/+$/, '');
  }
  if (ts.isCallExpression(u)) return builtUrl(u, ctx, depth);
  return null;
}

/** A parameter of the URL builder being read, as the text its call passes. */
function boundText(e: ts.Expression, ctx: FileContext, bound: UrlBindings | undefined): string | null {
  const u = unwrap(e);
  if (!bound || !ts.isIdentifier(u)) return null;
  const decl = ctx.declarationOf(u);
  return decl && !isImportRef(decl) && bound.has(decl) ? bound.get(decl)! : null;
}

/**
 * A URL made by a function of the module, or a method of the class, from the path its call passes
 * (`fetch(apiUrl('/v1/chat/completions'))` where `apiUrl(path)` returns `host + path`, a16z's ai-town): the URL its
 * returns build with the parameters bound to the call's string arguments. The returns must agree on the provider; a
 * builder whose returns make no model-API URL (`` `${location.origin}${path}` ``, a bare path) gives none.
 */
function builtUrl(call: ts.CallExpression, ctx: FileContext, depth: number): string | null {
  const fn = builderFunction(call, ctx);
  if (!fn?.body || call.arguments.some((a) => ts.isSpreadElement(a))) return null;
  const bound = new Map<ts.Node, string>();
  fn.parameters.forEach((p, i) => {
    const arg = call.arguments[i];
    const text = arg && !p.dotDotDotToken ? urlText(arg, ctx, depth + 1) : null;
    if (text !== null) bound.set(p, text);
  });
  if (bound.size === 0) return null;
  const returns: ts.Expression[] = [];
  if (!ts.isBlock(fn.body)) returns.push(fn.body);
  else {
    const visit = (n: ts.Node): void => {
      if (ts.isReturnStatement(n) && n.expression) returns.push(n.expression);
      if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
    };
    ts.forEachChild(fn.body, visit);
  }
  const found = returns.flatMap((r) => {
    const url = urlText(r, ctx, depth + 1, bound);
    const provider = url === null ? null : rawHttpProvider(url);
    return url !== null && provider !== null ? [{ url, provider }] : [];
  });
  if (found.length === 0 || found.some((f) => f.provider !== found[0].provider)) return null;
  return found[0].url;
}

/** The function a call runs when it is written in this module: a function declaration, a `const` arrow, a method of the class. */
function builderFunction(call: ts.CallExpression, ctx: FileContext): ts.FunctionLikeDeclaration | null {
  const callee = unwrap(call.expression);
  if (isThisMember(callee)) {
    const cls = enclosingClass(callee);
    const method = cls?.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && !!m.body && !!m.name && propertyNameText(m.name) === callee.name.text);
    return method ?? null;
  }
  if (!ts.isIdentifier(callee)) return null;
  const decl = ctx.declarationOf(callee);
  if (!decl || isImportRef(decl)) return null;
  if (ts.isFunctionDeclaration(decl)) return decl;
  if (ts.isVariableDeclaration(decl) && decl.parent.flags & ts.NodeFlags.Const && decl.initializer) {
    const init = unwrap(decl.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return null;
}

/** `.trim()`, `.trimEnd()`, `.toString()`, or a `.replace(/…$/, '')` that cuts what ends the string (a trailing slash). */
function tidiesUrlEnds(call: ts.CallExpression): boolean {
  const name = (call.expression as ts.PropertyAccessExpression).name.text;
  if ((name === 'trim' || name === 'trimEnd' || name === 'toString') && call.arguments.length === 0) return true;
  if (name !== 'replace' || call.arguments.length !== 2) return false;
  const [pattern, replacement] = call.arguments.map(unwrap);
  return pattern.kind === ts.SyntaxKind.RegularExpressionLiteral && /^\/\\?\/[+*]?\$\/$/.test(pattern.getText()) && ts.isStringLiteralLike(replacement) && replacement.text === '';
}

/** Every client construction in the file. */
export function clientsIn(ctx: FileContext, nodes: ts.Node[]): ClientFact[] {
  const out: ClientFact[] = [];
  const accountCalls = mayHaveAccountCalls(ctx.text);
  const agentFactories = ctx.text.includes('createAgent');
  for (const n of nodes) {
    if (ts.isNewExpression(n) || ts.isCallExpression(n)) {
      const c = clientConstruction(n, ctx) ?? (agentFactories && ts.isCallExpression(n) ? agentModelNameClientOf(n, ctx) : null);
      if (c?.className === 'GoogleGenerativeAI' && c.sdk === 'google-generativeai') {
        const models = modelRequestsOf(n, ctx);
        if (models) c.modelRequests = models;
      }
      if (c && accountCalls && usedOnlyForAccountCalls(n)) c.accountOnly = true;
      if (c && neverUsed(n, ctx)) c.unused = true;
      if (c) out.push(c);
    }
  }
  return out;
}

/** The chat model an agent factory call builds from a model name (`createAgent({ model: 'openai:gpt-4o' })`), if it is one. */
function agentModelNameClientOf(call: ts.CallExpression, ctx: FileContext): ClientFact | null {
  const factory = chainFactoryOf(call, ctx);
  return factory?.modelName ? agentModelNameClient(call, factory.runnable, ctx) : null;
}

export { segmentsOf };
