import { ts } from 'ts-morph';
import { providerForUrl } from '../../core/catalog/providers';
import type { ArgsFact, ClientFact, FunctionRef, LlmCallSite, PromptPart, Provider, Sdk } from '../../core/types';
import { argsFact, enclosingFunction, functionName, numericArithmetic, propertyChain, spanOf, unwrap, valueFact } from './ast';
import { insideSpan, retriesAround, usageOf } from './call-context';
import type { FileContext } from './file-context';
import { opaquePart, partFromContent, partsFromMessages, prop, segmentsOf } from './prompt';
import { clientConstruction, resolveExpression } from './resolve';
import { bindingOf } from './sdk-bindings';

interface MethodShape {
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
  'responses.create': null,
  'responses.stream': true,
  'responses.parse': false,
};
const ANTHROPIC_METHODS: Record<string, boolean | null> = { 'messages.create': null, 'messages.stream': true, 'beta.messages.create': null, 'beta.messages.stream': true };
const GOOGLE_METHODS: Record<string, boolean | null> = { 'models.generateContent': false, 'models.generateContentStream': true };
const LANGCHAIN_METHODS: Record<string, boolean> = { invoke: false, stream: true, batch: false, streamEvents: true, call: false, predict: false };

/** Finds the method shape whose dotted path ends the callee chain, and the client expression before it. */
function matchMethod(names: string[], table: Record<string, boolean | null>): { method: string; clientDepth: number } | null {
  for (const method of Object.keys(table)) {
    const parts = method.split('.');
    if (names.length < parts.length) continue;
    const tail = names.slice(names.length - parts.length);
    if (tail.join('.') === method) return { method, clientDepth: parts.length };
  }
  return null;
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
}

/** Turns a call expression into a call site when it sends a request to a model. */
export function callSiteOf(call: ts.CallExpression, env: CallSiteEnv): LlmCallSite | null {
  const { ctx } = env;
  const callee = unwrap(call.expression);
  const { names } = propertyChain(callee);
  let shape: MethodShape | null = null;
  let client: ClientFact | null = null;
  let provider: Provider = 'unknown';

  if (ts.isPropertyAccessExpression(callee)) {
    const oa = matchMethod(names, OPENAI_METHODS);
    const an = matchMethod(names, ANTHROPIC_METHODS);
    const go = matchMethod(names, GOOGLE_METHODS);
    const hit = oa ?? an ?? go;
    if (hit) {
      const resolved = resolveExpression(clientExpression(callee, hit.clientDepth), ctx);
      client = resolved.kind === 'client' ? resolved.client : null;
      const table = oa ? OPENAI_METHODS : an ? ANTHROPIC_METHODS : GOOGLE_METHODS;
      const sdk: Sdk = client?.sdk ?? (oa ? 'openai' : an ? 'anthropic' : 'google-genai');
      // `messages.create` is a common name outside LLM SDKs: require an Anthropic client or import.
      if (an && !client && !hasModule(ctx, '@anthropic-ai/sdk')) return null;
      if (go && !client && !hasModule(ctx, '@google/genai')) return null;
      if (oa && !client && !/^chat\.|^beta\.chat\./.test(hit.method) && !hasModule(ctx, 'openai')) return null;
      if (client && client.sdk !== sdk) return null;
      shape = { sdk, method: hit.method, streaming: table[hit.method] };
      provider = client?.provider ?? (oa ? 'openai' : an ? 'anthropic' : 'google');
    } else {
      const lc = names[names.length - 1];
      if (lc in LANGCHAIN_METHODS) {
        const resolved = resolveExpression(callee.expression, ctx);
        if (resolved.kind === 'client' && resolved.client.sdk === 'langchain') {
          client = resolved.client;
          provider = client.provider;
          shape = { sdk: 'langchain', method: lc, streaming: LANGCHAIN_METHODS[lc] };
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

  const args: ArgsFact = shape.sdk === 'langchain' ? argsFact(call, 1, ctx.sf) : argsFact(call, 0, ctx.sf);
  const site = baseCallSite(call, env, shape, provider, args, client);
  if (shape.sdk === 'openai' || shape.sdk === 'anthropic') site.requestOptions = argsFact(call, 1, ctx.sf);
  fillRequest(site, call, env);
  return site;
}

function hasModule(ctx: FileContext, module: string): boolean {
  for (const b of ctx.sdk.values()) if (b.kind === 'client-class' && b.sdk === (module === 'openai' ? 'openai' : module === '@google/genai' ? 'google-genai' : 'anthropic')) return true;
  return false;
}

function baseCallSite(call: ts.CallExpression, env: CallSiteEnv, shape: MethodShape, provider: Provider, args: ArgsFact, client: ClientFact | null): LlmCallSite {
  const { ctx } = env;
  const callee = unwrap(call.expression);
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  const fn = enclosingFunction(call);
  let enclosing: FunctionRef | null = null;
  if (fn) enclosing = { name: functionName(fn), span: spanOf(fn, ctx.sf), requestPath: env.requestPaths.get(fn) ?? null };
  const streamOpt = args.options.stream?.value;
  const streaming = shape.streaming ?? (streamOpt?.kind === 'boolean' ? streamOpt.value : streamOpt ? null : false);
  const span = spanOf(call, ctx.sf);
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
    args,
    prompt: [],
    maxOutputTokens: null,
    client,
    enclosingFunction: enclosing,
    retries: retriesAround(call, ctx),
    inSpan: insideSpan(call, ctx),
    ...usageOf(call, ctx, streaming, shape.method),
  };
}

const MAX_TOKEN_KEYS = ['max_tokens', 'max_completion_tokens', 'max_output_tokens', 'maxOutputTokens', 'maxTokens', 'maxCompletionTokens'];

/** Model, prompt, max tokens: read from the request options (and the client for LangChain). */
function fillRequest(site: LlmCallSite, call: ts.CallExpression, env: CallSiteEnv): void {
  const { ctx } = env;
  const o = site.args.options;
  const modelOpt = o.model ?? o.modelName ?? o.model_name;
  if (site.sdk === 'ai-sdk' && modelOpt) aiSdkModel(site, findInitializer(call, modelOpt.key), ctx);
  else if (modelOpt) site.model = modelValue(modelOpt.value, findInitializer(call, modelOpt.key), ctx);
  if (site.sdk === 'langchain' && site.client) {
    const co = site.client.args.options;
    const m = co.model ?? co.modelName ?? co.model_name;
    if (m) site.model = { value: m.value.kind === 'string' ? m.value.value : null, span: m.value.span, literal: m.value.kind === 'string' };
    for (const k of MAX_TOKEN_KEYS) if (co[k]?.value.kind === 'number') site.maxOutputTokens = (co[k].value as { value: number }).value;
    const s = co.streaming?.value;
    if (s?.kind === 'boolean' && s.value) site.streaming = true;
  }
  for (const k of MAX_TOKEN_KEYS) {
    const v = o[k]?.value;
    if (v?.kind === 'number') site.maxOutputTokens = v.value;
    else if (v?.kind === 'dynamic') {
      // `max_tokens: MAX_TOKENS` with a module constant
      const init = findInitializer(call, k);
      const r = init ? resolveExpression(init, ctx) : null;
      const n = r?.kind === 'node' ? numericArithmetic(r.node) : null;
      if (n !== null) site.maxOutputTokens = n;
    }
  }
  const cfg = o.config?.value;
  if (cfg?.kind === 'object') {
    for (const k of ['maxOutputTokens', 'max_output_tokens']) {
      const v = cfg.args.options[k]?.value;
      if (v?.kind === 'number') site.maxOutputTokens = v.value;
    }
  }
  site.prompt = promptOf(site, call, env);
}

function findInitializer(call: ts.CallExpression, key: string): ts.Expression | undefined {
  const objArg = call.arguments.find((a) => ts.isObjectLiteralExpression(unwrap(a)));
  return objArg ? prop(unwrap(objArg) as ts.ObjectLiteralExpression, key) : undefined;
}

function modelValue(v: import('../../core/types').ValueFact, expr: ts.Expression | undefined, ctx: FileContext): LlmCallSite['model'] {
  if (v.kind === 'string') return { value: v.value, span: v.span, literal: true };
  if (expr && (ts.isIdentifier(unwrap(expr)) || ts.isPropertyAccessExpression(unwrap(expr)))) {
    // A module constant (`const MODEL = 'gpt-4o'`) is still a hardcoded model.
    const r = resolveExpression(expr, ctx);
    if (r.kind === 'string' || (r.kind === 'node' && (ts.isStringLiteral(r.node) || ts.isNoSubstitutionTemplateLiteral(r.node)))) {
      const value = r.kind === 'string' ? r.value : (r.node as ts.StringLiteral).text;
      return { value, span: v.span, literal: true };
    }
    if (r.kind === 'node') {
      const env = valueFact(r.node, r.ctx.sf);
      if (env.kind === 'env' && env.fallback?.kind === 'string') return { value: env.fallback.value, span: v.span, literal: false };
    }
  }
  if (v.kind === 'env' && v.fallback?.kind === 'string') return { value: v.fallback.value, span: v.span, literal: false };
  return { value: null, span: v.span, literal: false };
}

/** ai-sdk: `model: openai('gpt-4o')`, `openai.chat('gpt-4o')`, `myProvider('m')` from createOpenAI, or a gateway string. */
function aiSdkModel(site: LlmCallSite, modelExpr: ts.Expression | undefined, ctx: FileContext): void {
  const opt = site.args.options.model ?? site.args.options.modelName;
  if (!opt) return;
  const node = modelExpr;
  if (!node) return;
  let e = unwrap(node);
  if (ts.isIdentifier(e)) {
    const r = resolveExpression(e, ctx);
    if (r.kind === 'node' && r.ctx === ctx) e = unwrap(r.node);
    else if (r.kind === 'string') {
      site.model = { value: r.value, span: opt.value.span, literal: true };
      return;
    }
  }
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
    // AI Gateway style 'openai/gpt-4o'
    const [prov, model] = e.text.includes('/') ? e.text.split('/', 2) : [null, e.text];
    site.model = { value: model, span: spanOf(e, ctx.sf), literal: true };
    site.provider = prov === 'openai' ? 'openai' : prov === 'anthropic' ? 'anthropic' : prov === 'google' ? 'google' : 'unknown';
    return;
  }
  if (ts.isCallExpression(e)) {
    const fnExpr = unwrap(e.expression);
    const base = ts.isPropertyAccessExpression(fnExpr) && ['chat', 'responses', 'languageModel', 'completion'].includes(fnExpr.name.text) ? fnExpr.expression : fnExpr;
    const b = bindingOf(base, ctx.sdk);
    if (b?.kind === 'ai-provider') site.provider = b.provider;
    else {
      const r = resolveExpression(base, ctx);
      if (r.kind === 'client') {
        site.client = r.client;
        site.provider = r.client.provider;
      }
    }
    const a = e.arguments[0];
    if (a) site.model = modelValue(valueFact(a, ctx.sf), a, ctx);
  }
}


function promptOf(site: LlmCallSite, call: ts.CallExpression, env: CallSiteEnv): PromptPart[] {
  const { ctx } = env;
  const parts: PromptPart[] = [];
  if (site.sdk === 'langchain') {
    const a = call.arguments[0];
    return a ? partsFromMessages(a, ctx, env.historyNames) : [];
  }
  const init = (key: string) => findInitializer(call, key);
  const tools = init('tools') ?? init('functions');
  if (tools) {
    const t = unwrap(tools);
    const staticTools = ts.isArrayLiteralExpression(t) || ts.isObjectLiteralExpression(t);
    const text = staticTools ? t.getText(ctx.sf) : '';
    parts.push({
      role: 'tools',
      span: spanOf(t, ctx.sf),
      segments: staticTools && !/\$\{/.test(text) ? [{ kind: 'static', text, span: spanOf(t, ctx.sf) }] : [{ kind: 'dynamic', span: spanOf(t, ctx.sf), text: t.getText(ctx.sf), volatility: 'per-request' }],
    });
  }
  const system = init('system') ?? init('instructions');
  if (system) {
    const part = partFromContent('system', system, ctx, system);
    if (findInitializer(call, 'cache_control')) part.cacheControl = true;
    parts.push(part);
  }
  const messages = init('messages') ?? init('input') ?? init('contents');
  if (messages) parts.push(...partsFromMessages(messages, ctx, env.historyNames));
  const prompt = init('prompt');
  if (prompt) parts.push(partFromContent('user', prompt, ctx, prompt));
  const cfg = init('config');
  if (cfg && ts.isObjectLiteralExpression(unwrap(cfg))) {
    const si = prop(unwrap(cfg) as ts.ObjectLiteralExpression, 'systemInstruction');
    if (si) parts.unshift(partFromContent('system', si, ctx, si));
  }
  if (!messages && !prompt && !system && site.args.span === null && call.arguments[0]) parts.push(opaquePart(call.arguments[0], ctx, env.historyNames));
  return parts;
}

const HTTP_POST = /^(post|request)$/;

/** `fetch('https://api.openai.com/v1/…', { method: 'POST', body: JSON.stringify({...}) })`, `axios.post(url, body)`. */
function httpCallSite(call: ts.CallExpression, env: CallSiteEnv): LlmCallSite | null {
  const { ctx } = env;
  const callee = unwrap(call.expression);
  const isFetch = ts.isIdentifier(callee) && (callee.text === 'fetch' || callee.text === 'ofetch' || callee.text === '$fetch');
  const isAxiosPost = ts.isPropertyAccessExpression(callee) && HTTP_POST.test(callee.name.text) && ts.isIdentifier(callee.expression) && /^(axios|got|ky|http|client|api)$/i.test(callee.expression.text);
  if (!isFetch && !isAxiosPost) return null;
  const urlArg = call.arguments[0];
  if (!urlArg) return null;
  const url = urlText(urlArg, ctx);
  if (!url) return null;
  const provider = providerForUrl(url);
  if (!provider || !/\/(chat\/completions|completions|responses|messages|generateContent|streamGenerateContent|converse|invoke)\b|:generateContent|:streamGenerateContent/.test(url)) return null;
  let body: ts.ObjectLiteralExpression | undefined;
  const second = call.arguments[1] && unwrap(call.arguments[1]);
  if (isFetch && second && ts.isObjectLiteralExpression(second)) {
    const b = prop(second, 'body');
    const bu = b && unwrap(b);
    if (bu && ts.isCallExpression(bu) && bu.expression.getText(ctx.sf) === 'JSON.stringify' && bu.arguments[0] && ts.isObjectLiteralExpression(unwrap(bu.arguments[0]))) body = unwrap(bu.arguments[0]) as ts.ObjectLiteralExpression;
  } else if (isAxiosPost && second && ts.isObjectLiteralExpression(second)) body = second;
  const args: ArgsFact = body ? { ...argsFact(call, -1, ctx.sf), ...objectArgsOf(body, ctx, call) } : { ...argsFact(call, -1, ctx.sf), hasSpread: true };
  const site = baseCallSite(call, env, { sdk: 'http', method: isFetch ? 'fetch' : 'post', streaming: null }, provider, args, null);
  const m = args.options.model;
  if (m) site.model = modelValue(m.value, body ? prop(body, 'model') : undefined, ctx);
  for (const k of MAX_TOKEN_KEYS) if (args.options[k]?.value.kind === 'number') site.maxOutputTokens = (args.options[k].value as { value: number }).value;
  if (body) {
    const sys = prop(body, 'system');
    if (sys) site.prompt.push(partFromContent('system', sys, ctx, sys));
    const msgs = prop(body, 'messages');
    if (msgs) site.prompt.push(...partsFromMessages(msgs, ctx, env.historyNames));
  }
  return site;
}

function objectArgsOf(body: ts.ObjectLiteralExpression, ctx: FileContext, call: ts.CallExpression): ArgsFact {
  const v = valueFact(body, ctx.sf);
  return v.kind === 'object' ? { ...v.args, callArgsSpan: argsFact(call, -1, ctx.sf).callArgsSpan } : argsFact(call, -1, ctx.sf);
}

function urlText(e: ts.Expression, ctx: FileContext): string | null {
  const u = unwrap(e);
  if (ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u)) return u.text;
  if (ts.isTemplateExpression(u)) return u.head.text + u.templateSpans.map((s) => '${}' + s.literal.text).join('');
  if (ts.isIdentifier(u)) {
    const r = resolveExpression(u, ctx);
    if (r.kind === 'string') return r.value;
    if (r.kind === 'node') return urlText(r.node, r.ctx);
  }
  if (ts.isNewExpression(u) && ts.isIdentifier(u.expression) && u.expression.text === 'URL' && u.arguments?.[0]) return urlText(u.arguments[0], ctx);
  return null;
}

/** Every client construction in the file. */
export function clientsIn(ctx: FileContext, nodes: ts.Node[]): ClientFact[] {
  const out: ClientFact[] = [];
  for (const n of nodes) {
    if (ts.isNewExpression(n) || ts.isCallExpression(n)) {
      const c = clientConstruction(n, ctx);
      if (c) out.push(c);
    }
  }
  return out;
}

export { segmentsOf };
