import { ts } from './compiler';
import { isInstrumentationPackage } from '../../core/engine';
import { AI_SDK_GOOGLE_BASE_URL_ENV, hasUnprefixedKeyShape, keyProviderOfName, looksLikeApiKey, providerForUrl, secretIn } from '../../core/catalog/providers';
import { observabilitySetUpIn } from '../../core/observability-setup';
import type { AttributeWrite, DefaultClient, EndpointLiteral, FunctionRef, HistoryFetch, LlmCallSite, PromptLoad, Provider, SecretLiteral } from '../../core/types';
import { HISTORY_NAME } from '../../core/volatility';
import { argsFact, enclosingFunction, envName, functionName, functionsIn, overriddenBySpread, propertyNameText, spanOf, unwrap, walk } from './ast';
import { functionRef, injectedType } from './request-path';
import type { FileContext } from './file-context';
import { entryPointOf } from './entry-points';
import { bareSpecifier, bindingOf } from './sdk-bindings';
import { type FilledMemory, memoriesFilledBy, memoryUsed } from './chat-memory';

const PROMPT_LOAD_APIS = /^(readFile|readFileSync|readJson|readJSON|pull|getParameter|getSecretValue|getPrompt|loadPrompt)$/;
/**
 * Names as often given to the app's own template builder (`getPrompt(question, answer)` returning a template string)
 * as to a prompt store's fetch (`await langfuse.getPrompt('support')`).
 */
const PROMPT_STORE_READS = /^(getPrompt|loadPrompt)$/;
const PROMPT_NAME = /prompt|system|instruction|template|persona/i;

/** Reads of prompt text inside functions. */
/**
 * `passedToPromptHelper` says whether the function hands a variable to a workspace helper that sends that parameter to a
 * model (`generateText(systemPrompt, userMessage)` in lib/openai.ts).
 */
export function promptLoadOf(
  call: ts.CallExpression,
  ctx: FileContext,
  requestPaths: Map<ts.FunctionLikeDeclaration, string>,
  callSites: LlmCallSite[],
  passedToPromptHelper: (name: string, fn: ts.FunctionLikeDeclaration) => boolean = () => false,
): PromptLoad | null {
  const callee = unwrap(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  const isSsmCommand = ts.isCallExpression(call) && /^send$/.test(name) && call.arguments[0] && /GetParameterCommand|GetSecretValueCommand/.test(call.arguments[0].getText(ctx.sf));
  const isTextOfFile = name === 'text' && ts.isPropertyAccessExpression(callee) && /Bun\.file|fetch\(/.test(callee.expression.getText(ctx.sf));
  // Deno's own file reads: `await Deno.readTextFile('./prompts/system.md')`.
  const isDenoRead = (name === 'readTextFile' || name === 'readTextFileSync') && ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Deno';
  if (!PROMPT_LOAD_APIS.test(name) && !isSsmCommand && !isTextOfFile && !isDenoRead) return null;
  if (name === 'pull' && !(ts.isPropertyAccessExpression(callee) && /hub/i.test(callee.expression.getText(ctx.sf)))) return null;
  if (PROMPT_STORE_READS.test(name) && !promptStoreRead(call, callee, name, ctx)) return null;
  const fn = enclosingFunction(call);
  if (!fn) return null;
  const argText = call.arguments.map((a) => a.getText(ctx.sf)).join(' ');
  // Which variable receives the text?
  let top: ts.Node = call;
  while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || ts.isPropertyAccessExpression(top.parent) || (ts.isCallExpression(top.parent) && top.parent.expression === top))) top = top.parent;
  const binding = top.parent && ts.isVariableDeclaration(top.parent) && ts.isIdentifier(top.parent.name) ? top.parent.name.text : null;
  const fnName = functionName(fn);
  // `const loadPromptTemplate = async (p) => { const raw = await fs.readFile(p, 'utf8'); … }`: the helper's name says it.
  const looksLikePrompt =
    PROMPT_NAME.test(argText) || (binding !== null && PROMPT_NAME.test(binding)) || /\.(md|txt|prompt|j2|hbs|mustache|tmpl)\b/.test(argText) || (fnName !== null && /prompt|instruction|template|persona/i.test(fnName));
  // `readFile(path.join(UPLOADS, req.params.id))`: what is read depends on the request (a parameter, or a local built
  // from one): the user's data, not a prompt to load once. A read named as a prompt (`systemPrompt` from
  // `prompts/${lang}.md`) still is one; a file extension alone does not say so.
  const namedPrompt = PROMPT_NAME.test(argText) || (binding !== null && PROMPT_NAME.test(binding)) || (fnName !== null && /prompt|instruction|template|persona/i.test(fnName));
  const userData = !namedPrompt && dependsOnParameters(fn, call.arguments);
  const siteTexts = callSites.map((s) => s.path === ctx.path ? ctx.text.slice(s.span.start, s.span.end) : '');
  const sameFunctionSite = callSites.some((s) => s.enclosingFunction && s.enclosingFunction.span.start === fn.getStart(ctx.sf));
  const feedsPrompt =
    !userData &&
    ((binding !== null && siteTexts.some((t) => new RegExp(`\\b${binding}\\b`).test(t))) ||
      (binding !== null && sameFunctionSite && looksLikePrompt) ||
      (binding !== null && looksLikePrompt && passedToCall(fn, binding, ctx)) ||
      (fnName !== null && looksLikePrompt && callSites.some((s) => s.enclosingFunction && s.enclosingFunction.name !== fnName && ctx.text.slice(s.enclosingFunction.span.start, s.enclosingFunction.span.end).includes(`${fnName}(`))) ||
      (ts.isReturnStatement(top.parent ?? top) && looksLikePrompt && fnName !== null && /prompt|system|instruction|template/i.test(fnName)));
  return {
    path: ctx.path,
    span: spanOf(call, ctx.sf),
    api: ts.isPropertyAccessExpression(callee) ? callee.getText(ctx.sf).replace(/\s+/g, '') : name,
    enclosingFunction: withEntryPoint(functionRef(fn, ctx, requestPaths), fn, ctx, feedsPrompt),
    feedsPrompt,
    ...(feedsPrompt && binding !== null && passedToPromptHelper(binding, fn) ? { sentThroughHelper: true } : {}),
  };
}

/**
 * `getPrompt(…)` / `loadPrompt(…)` read a prompt store only when the call is awaited (or chained with `.then`): a store
 * answers over the network. A synchronous call builds the text in place, and a function of this file is the app's own
 * helper, whose reads (a `readFile` in its body) are reported where they happen.
 */
function promptStoreRead(call: ts.CallExpression, callee: ts.Expression, name: string, ctx: FileContext): boolean {
  let top: ts.Node = call;
  while (top.parent && ts.isParenthesizedExpression(top.parent)) top = top.parent;
  const awaited = !!top.parent && (ts.isAwaitExpression(top.parent) || (ts.isPropertyAccessExpression(top.parent) && top.parent.name.text === 'then'));
  if (!awaited) return false;
  if (ts.isIdentifier(callee) && functionsIn(ctx.sf).some((f) => functionName(f) === name)) return false;
  return !injectedWorkspaceMethod(callee, name, ctx);
}

/**
 * `this.prompts.getPrompt(…)` where `prompts` is injected as a class of the workspace that declares the method (a
 * NestJS `PromptLoaderService`): the app's own helper, whose reads are reported where they happen.
 */
function injectedWorkspaceMethod(callee: ts.Expression, name: string, ctx: FileContext): boolean {
  if (!ts.isPropertyAccessExpression(callee) || !ts.isPropertyAccessExpression(callee.expression) || callee.expression.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const typeName = injectedType(callee.expression);
  const ref = typeName ? ctx.imports.get(typeName) : undefined;
  const target = ref ? ctx.workspace.resolveModule(ctx.path, ref.specifier) : null;
  const origin = target && ref ? ctx.workspace.exportOrigin(target, ref.imported) : null;
  const decl = origin ? ctx.workspace.contextFor(origin.file)?.exported(origin.name) : undefined;
  return !!decl && !('specifier' in decl) && ts.isClassDeclaration(decl) && decl.members.some((m) => ts.isMethodDeclaration(m) && m.name.getText() === name);
}

/** Only a read that feeds a prompt needs to know whether its function runs once (the search walks the file). */
function withEntryPoint(ref: FunctionRef, fn: ts.FunctionLikeDeclaration, ctx: FileContext, feedsPrompt: boolean): FunctionRef {
  const entryPoint = ref.runsOnce || ref.requestPath || !feedsPrompt ? null : entryPointOf(fn, ctx);
  return entryPoint ? { ...ref, runsOnce: entryPoint } : ref;
}

/** The arguments mention a parameter of `fn`, directly or through a local of `fn` computed from one. */
function dependsOnParameters(fn: ts.FunctionLikeDeclaration, args: readonly ts.Expression[]): boolean {
  const inputs = new Set<string>();
  const addNames = (b: ts.BindingName): void => {
    if (ts.isIdentifier(b)) inputs.add(b.text);
    else for (const el of b.elements) if (!ts.isOmittedExpression(el)) addNames(el.name);
  };
  for (const p of fn.parameters) addNames(p.name);
  const locals: ts.VariableDeclaration[] = [];
  const collect = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && n.initializer) locals.push(n);
    // `for (const file of files)`: each pass reads another file, the input being worked through, not one prompt.
    if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && ts.isVariableDeclarationList(n.initializer)) n.initializer.declarations.forEach((d) => addNames(d.name));
    if (!ts.isFunctionLike(n)) ts.forEachChild(n, collect);
  };
  if (fn.body) ts.forEachChild(fn.body, collect);
  const mentions = (n: ts.Node): boolean => {
    let hit = false;
    const visit = (x: ts.Node): void => {
      if (hit) return;
      // `req.params.id` mentions `req`, not `params`/`id`.
      if (ts.isIdentifier(x) && !(ts.isPropertyAccessExpression(x.parent) && x.parent.name === x) && inputs.has(x.text)) hit = true;
      // `process.argv[2]`: the command line names the file, as a request would.
      else if (ts.isPropertyAccessExpression(x) && x.name.text === 'argv' && ts.isIdentifier(x.expression) && x.expression.text === 'process') hit = true;
      else ts.forEachChild(x, visit);
    };
    visit(n);
    return hit;
  };
  for (let round = 0; round < 3; round++) {
    let added = false;
    for (const d of locals) {
      const before = inputs.size;
      if (mentions(d.initializer!)) addNames(d.name);
      added ||= inputs.size > before;
    }
    if (!added) break;
  }
  return args.some(mentions);
}

/** The variable is passed (maybe inside an expression) as an argument to some call in the function. */
function passedToCall(fn: ts.FunctionLikeDeclaration, name: string, ctx: FileContext): boolean {
  let found = false;
  const re = new RegExp(`\\b${name}\\b`);
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && n.arguments.some((a) => re.test(a.getText(ctx.sf)))) found = true;
    ts.forEachChild(n, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return found;
}

/** The name a read lands in: `const rows = …`, or Supabase's `const { data: rows } = …` / `const { data } = …`. */
function boundName(name: ts.BindingName): string | null {
  if (ts.isIdentifier(name)) return name.text;
  if (!ts.isObjectBindingPattern(name)) return null;
  const data = name.elements.find((el) => ((el.propertyName ?? el.name) as ts.Identifier).text === 'data');
  return data && ts.isIdentifier(data.name) ? data.name.text : null;
}

/** Conversation-history reads from a store that feed a prompt. */
export function historyFetchOf(call: ts.CallExpression, ctx: FileContext, callSites: LlmCallSite[], derived: Map<string, Set<string>> = new Map()): HistoryFetch | null {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const method = callee.name.text;
  const receiver = callee.expression.getText(ctx.sf);
  const chainText = chainAbove(call, ctx);
  let bounded = false;
  let args = null;
  let api: string | null = null;
  const included = /^find(Unique|First)(OrThrow)?$/.test(method) ? includedHistory(call) : null;
  // Rows put into a LangChain chat memory are a conversation, whatever the model is called (`intelligenceLog`).
  const memories = method === 'findMany' ? memoriesOfRead(call, ctx) : [];
  if (method === 'findMany' && (HISTORY_MODEL.test(receiver) || memories.length > 0)) {
    api = `${receiver}.findMany`;
    args = argsFact(call, 0, ctx.sf);
    bounded = 'take' in args.options || args.hasSpread;
  } else if (included) {
    // Prisma `chat.findUnique({ where, include: { messages: true } })`: the conversation's every message, by relation.
    api = `${receiver}.${method}({ include: { ${included.key} } })`;
    bounded = included.bounded;
  } else if ((method === 'find' || method === 'aggregate') && HISTORY_MODEL.test(receiver) && !isArrayCallback(call)) {
    api = `${receiver}.${method}`;
    bounded = /\.limit\(|\$limit/.test(chainText + call.getText(ctx.sf));
  } else if (method === 'lrange' || method === 'lRange') {
    api = `redis.${method}`;
    // Only LRANGE key 0 -1 reads the whole list; `-20, -1` is the usual "last N".
    const start = call.arguments[1]?.getText(ctx.sf);
    const end = call.arguments[2]?.getText(ctx.sf);
    // A list capped on write (`ltrim(key, -20, -1)` / `lTrim` after each push) never holds more than the cap.
    bounded = !(start === '0' && end === '-1') || /\.\s*l[tT]rim\s*\(/.test(ctx.text);
  } else if (method === 'from' && tableRead(receiver, call.arguments[0], ctx.sf)) {
    // Drizzle / Kysely write `select().from(messages)`, Supabase `from('messages').select()`.
    api = /\bselect\s*\(/.test(receiver) ? 'select().from' : 'from().select';
    // One row (`.single()`, `.maybeSingle()`, a lookup by id) or a page (`.range(0, 19)`) is bounded.
    bounded = /\.limit\(|\.(single|maybeSingle|range)\(|\.eq\(\s*['"](id|uuid)['"]/.test(chainText);
  } else if (/^(query|execute|all|raw|sql)$/.test(method) && call.arguments[0] && /select[\s\S]+from\s+["'`]?\w*(message|chat|history|conversation|turn)/i.test(call.arguments[0].getText(ctx.sf))) {
    api = `${method}(SELECT …)`;
    bounded = /\blimit\b/i.test(call.arguments[0].getText(ctx.sf));
  }
  if (!api) return null;
  let top: ts.Node = call;
  while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || (ts.isPropertyAccessExpression(top.parent)) || (ts.isCallExpression(top.parent) && top.parent.expression === top))) top = top.parent;
  const binding = top.parent && ts.isVariableDeclaration(top.parent) ? boundName(top.parent.name) : null;
  const fn = enclosingFunction(call);
  const fnText = fn ? fn.getText(ctx.sf) : '';
  const names = binding === null ? [] : [binding, ...(derived.get(binding) ?? [])];
  // Fetched whole but cut before it reaches the model (`messages.slice(-10)`, `if (history.length > 20) …`).
  if (!bounded && names.some((n) => new RegExp(`\\b${n}\\s*(\\.\\s*(slice|splice|takeLast)\\s*\\(|\\.length\\s*>)`).test(fnText))) bounded = true;
  // …or handed to a helper that trims it to a budget (`trimmingContext(messages, MAX_TOKENS)`, `fitToWindow(history)`).
  if (!bounded && names.some((n) => new RegExp(`\\b\\w*(trim|truncat|budget|fitTo|window|compress|summari[sz])\\w*\\s*\\([^)]*\\b${n}\\b`, 'i').test(fnText))) bounded = true;
  let feedsPrompt =
    names.some((name) => callSites.some((s) => s.prompt.some((p) => p.segments.some((seg) => seg.kind === 'dynamic' && new RegExp(`\\b${name}\\b`).test(seg.text))))) ||
    (binding !== null && HISTORY_NAME.test(binding) && /messages/.test(fnText) && callSites.some((s) => fn && s.enclosingFunction?.span.start === fn.getStart(ctx.sf)));
  // The rows go into a LangChain memory that a chain or a model call uses: its kind says whether all of them are sent.
  const used = memories.filter((m) => memoryUsed(m, fn ?? ctx.sf, ctx, callSites));
  if (used.length && used.every((m) => m.bounded)) bounded = true;
  else if (used.length) feedsPrompt = true;
  return { path: ctx.path, span: spanOf(call, ctx.sf), api, bounded, args, feedsPrompt };
}

const HISTORY_MODEL = /message|chat|history|conversation|turn|transcript/i;

/** The LangChain memories the rows of `const rows = await x.findMany(…)` go into. */
function memoriesOfRead(call: ts.CallExpression, ctx: FileContext): FilledMemory[] {
  let top: ts.Node = call;
  while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent))) top = top.parent;
  const decl = top.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || decl.initializer !== top || !ts.isIdentifier(decl.name)) return [];
  return memoriesFilledBy(decl.name.text, enclosingFunction(call) ?? ctx.sf, ctx);
}

/**
 * A history relation a Prisma read includes (`include: { messages: true }`, `include: { messages: { orderBy } }`), or a
 * Drizzle relational query loads (`with: { messages: true }`), and whether it is bounded (`take` / `limit`, or a spread
 * the read cannot see into).
 */
function includedHistory(call: ts.CallExpression): { key: string; bounded: boolean } | null {
  const arg = call.arguments[0] && unwrap(call.arguments[0]);
  if (!arg || !ts.isObjectLiteralExpression(arg)) return null;
  for (const section of ['include', 'select', 'with']) {
    const p = arg.properties.find((x): x is ts.PropertyAssignment => ts.isPropertyAssignment(x) && propertyNameText(x.name) === section);
    const obj = p && unwrap(p.initializer);
    if (!obj || !ts.isObjectLiteralExpression(obj)) continue;
    for (const rel of obj.properties) {
      if (!ts.isPropertyAssignment(rel)) continue;
      const key = propertyNameText(rel.name);
      if (!key || !/^(messages|chatMessages|history|turns|entries|conversationMessages)$/i.test(key)) continue;
      const v = unwrap(rel.initializer);
      if (v.kind === ts.SyntaxKind.TrueKeyword) return { key, bounded: false };
      if (ts.isObjectLiteralExpression(v)) return { key, bounded: v.properties.some((x) => ts.isSpreadAssignment(x) || ((ts.isPropertyAssignment(x) || ts.isShorthandPropertyAssignment(x)) && /^(take|limit)$/.test(propertyNameText(x.name) ?? ''))) };
    }
  }
  return null;
}

/**
 * `supabase.from('messages')` or `db.select().from(chatMessages)`: a table read. `Array.from(...)`, `Buffer.from(...)`
 * and RxJS `from(...)` build values; a name passed to a client other than a select chain or Supabase says nothing.
 */
function tableRead(receiver: string, arg: ts.Expression | undefined, sf: ts.SourceFile): boolean {
  if (!arg || /^(Array|Buffer|Object|Set|Map|Promise|String|Iterator|Observable|rxjs|Rx|\w*Array)$/.test(receiver)) return false;
  if (ts.isStringLiteralLike(arg)) return HISTORY_MODEL.test(arg.text);
  return (/\bselect(Distinct)?\s*\(/.test(receiver) || /supabase/i.test(receiver)) && HISTORY_MODEL.test(arg.getText(sf));
}

/** `messages.find((m) => …)`, `message.content.find(…)`: Array methods, not a database query. */
function isArrayCallback(call: ts.CallExpression): boolean {
  const a = call.arguments[0];
  return !!a && (ts.isArrowFunction(a) || ts.isFunctionExpression(a) || (ts.isIdentifier(a) && !/filter|query|where|criteria|selector/i.test(a.text) && call.arguments.length === 1 && /^(is|has)[A-Z]/.test(a.text)));
}

function chainAbove(call: ts.CallExpression, ctx: FileContext): string {
  let top: ts.Node = call;
  while (top.parent && (ts.isPropertyAccessExpression(top.parent) || (ts.isCallExpression(top.parent) && top.parent.expression === top))) top = top.parent;
  return top.getText(ctx.sf);
}

/** Provider URLs and API keys in string literals. */
export function literalFacts(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateHead, ctx: FileContext, endpoints: EndpointLiteral[], secrets: SecretLiteral[], attributes: AttributeWrite[]): void {
  const text = node.text;
  if (text.length < 8) return;
  // Most strings hold none of these: the span (which skips leading trivia) is worked out only for a hit.
  if (/^https?:\/\//.test(text)) {
    const provider = providerForUrl(text);
    if (provider) {
      const endpoint: EndpointLiteral = { path: ctx.path, span: spanOf(node, ctx.sf), url: text, provider, role: endpointRole(node, ctx) };
      if (ts.isTemplateHead(node) && ts.isTemplateExpression(node.parent)) endpoint.shape = text + node.parent.templateSpans.map((s) => `{}${s.literal.text}`).join('');
      endpoints.push(endpoint);
    }
  }
  if (text.startsWith('gen_ai.')) attributes.push({ path: ctx.path, span: spanOf(node, ctx.sf), name: text });
  const secret = secretIn(text) ?? (hasUnprefixedKeyShape(text, 'cohere') && ts.isStringLiteralLike(node) ? looksLikeApiKey(text, cohereKeyOwner(node, ctx)) : null);
  if (secret) secrets.push({ path: ctx.path, span: spanOf(node, ctx.sf), provider: secret.provider, masked: secret.masked });
}

/**
 * `cohere` when a literal of a Cohere key's shape is what a Cohere client is given as its `token` (in place, or
 * through a `const` of this file: `const API_KEY = "…"` then `new CohereClientV2({ token: API_KEY })`), or is bound
 * to a name that says it is one (`CO_API_KEY`, `COHERE_API_KEY`); else null.
 */
function cohereKeyOwner(lit: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, ctx: FileContext): Provider | null {
  const p = lit.parent;
  if (ts.isPropertyAssignment(p) && p.initializer === lit) return propertyNameText(p.name) === 'token' && cohereConstructionArg(p.parent, ctx) ? 'cohere' : keyProviderOfName(propertyNameText(p.name) ?? '');
  if (!ts.isVariableDeclaration(p) || p.initializer !== lit || !ts.isIdentifier(p.name)) return null;
  if (keyProviderOfName(p.name.text) === 'cohere') return 'cohere';
  const name = p.name.text;
  let found = false;
  walk(ctx.sf, (n) => {
    if (!found && ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'token' && ts.isIdentifier(n.initializer) && n.initializer.text === name && cohereConstructionArg(n.parent, ctx)) found = true;
  });
  return found ? 'cohere' : null;
}

/** The object is the options of `new CohereClient({…})` / `new CohereClientV2({…})` from cohere-ai. */
function cohereConstructionArg(obj: ts.Node, ctx: FileContext): boolean {
  const ctor = obj.parent;
  if (!ts.isObjectLiteralExpression(obj) || !ctor || !ts.isNewExpression(ctor) || ctor.arguments?.[0] !== obj) return false;
  const b = bindingOf(ctor.expression, ctx.sdk);
  return b?.kind === 'client-class' && b.sdk === 'cohere';
}

const BASE_URL_KEY = /^(baseURL|baseUrl|base_url|endpoint|basePath|apiBase)$/;

/**
 * What a provider URL literal is for. `base-url`: the base URL option of an object that is passed to a construction
 * or call (also through a variable, or nested like LangChain's `configuration: { baseURL }`); a default in a class's
 * static options or a config table users override is not. `request`: the first argument of an HTTP request
 * (`fetch`, `axios.post`, `got`), not of a mock (`nock(url)`, msw `http.post(url, resolver)`) or a log call.
 */
function endpointRole(node: ts.Node, ctx: FileContext): EndpointLiteral['role'] {
  // The head of a template (`https://api.openai.com/v1/${path}`) stands for the whole template.
  if (ts.isTemplateHead(node)) node = node.parent;
  const parent = node.parent;
  if (parent && ts.isPropertyAssignment(parent) && parent.initializer === node) {
    const key = propertyNameText(parent.name);
    // `{ baseURL: 'https://api.deepseek.com/v1', ...config }`: a default the spread settings override.
    return key && BASE_URL_KEY.test(key) && !overriddenBySpread(parent.parent, parent) && objectIsPassed(parent.parent, ctx) ? 'base-url' : 'other';
  }
  if (parent && ts.isCallExpression(parent) && parent.arguments[0] === node && isHttpRequest(parent)) return 'request';
  return 'other';
}

function objectIsPassed(obj: ts.Node, ctx: FileContext, depth = 0): boolean {
  if (depth > 4 || !ts.isObjectLiteralExpression(obj)) return false;
  let p: ts.Node = obj.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p)) p = p.parent;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.some((a) => unwrap(a) === obj)) return true;
  if (ts.isPropertyAssignment(p)) return objectIsPassed(p.parent, ctx, depth + 1);
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) {
    // `const options = { baseURL: '…' }; new OpenAI(options)` / `new OpenAI({ ...options })`
    const name = p.name.text;
    let found = false;
    walk(ctx.sf, (n) => {
      if (found) return false;
      if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.some((a) => {
        const u = unwrap(a);
        return (ts.isIdentifier(u) && u.text === name) || (ts.isObjectLiteralExpression(u) && u.properties.some((q) => ts.isSpreadAssignment(q) && ts.isIdentifier(q.expression) && q.expression.text === name));
      })) found = true;
    });
    return found;
  }
  return false;
}

const FETCH_LIKE = /^(fetch|ofetch|\$fetch|got|ky|axios|request|needle|superagent|undici)$|fetch|request/i;
const HTTP_VERBS = /^(post|get|put|patch|request|fetch|stream)$/;
const MOCK_ROOTS = /^(nock|http|rest|graphql|mock\w*|msw|server|fetchMock|router|app)$/i;

function isHttpRequest(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return FETCH_LIKE.test(callee.text) && !MOCK_ROOTS.test(callee.text);
  if (!ts.isPropertyAccessExpression(callee) || !HTTP_VERBS.test(callee.name.text)) return false;
  let root: ts.Expression = callee.expression;
  while (ts.isPropertyAccessExpression(root) || ts.isCallExpression(root)) root = ts.isCallExpression(root) ? root.expression : root.expression;
  if (ts.isIdentifier(root) && MOCK_ROOTS.test(root.text)) return false;
  // A route or mock handler registration takes a function; a request takes options or a body.
  return !call.arguments.slice(1).some((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
}

/** Instrumentation packages imported by the file, and the observability it sets up by a call or a URL (Helicone, Logfire…). */
export function instrumentationImports(ctx: FileContext): string[] {
  const out = new Set<string>();
  for (const ref of ctx.imports.values()) if (isInstrumentationPackage(ref.specifier) || LANGSMITH_TRACING.test(ref.specifier)) out.add(ref.specifier);
  // langfuse 3.x (npm) wraps the OpenAI client with `observeOpenAI`; its `Langfuse` client alone records nothing.
  for (const ref of ctx.imports.values()) if (bareSpecifier(ref.specifier) === 'langfuse' && ref.imported === 'observeOpenAI') out.add('langfuse');
  for (const stmt of ctx.sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier) && (isInstrumentationPackage(stmt.moduleSpecifier.text) || LANGSMITH_TRACING.test(stmt.moduleSpecifier.text))) out.add(stmt.moduleSpecifier.text);
  }
  for (const id of observabilitySetUpIn(ctx.text, 'typescript')) out.add(id);
  return [...out];
}

/** LangSmith entry points that trace calls (`wrapOpenAI`, `traceable`); the bare client is also used for datasets. */
const LANGSMITH_TRACING = /^langsmith\/(wrappers|traceable)(\/|$)/;

/** Environment variable reads (`process.env.X`, `Bun.env.X`, `Deno.env.get('X')`, `Netlify.env.get('X')`). */
export function envReadOf(node: ts.Node): string | null {
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node) && !ts.isCallExpression(node)) return null;
  const name = envName(node);
  return typeof name === 'string' ? name : null;
}

/**
 * The AI SDK's default provider instances: which ones the code imports and calls, and what each reads from the
 * environment (vercel/ai packages/openai reads OPENAI_BASE_URL, current packages/anthropic ANTHROPIC_BASE_URL — see the
 * catalogue's BASE_URL_ENV —, packages/google none).
 */
const AI_SDK_DEFAULTS: Record<string, { name: string; provider: Provider; env: string[]; factory: string; factoryEnv: string }> = {
  '@ai-sdk/openai': { name: 'openai', provider: 'openai', env: ['OPENAI_BASE_URL'], factory: 'createOpenAI', factoryEnv: 'OPENAI_BASE_URL' },
  '@ai-sdk/anthropic': { name: 'anthropic', provider: 'anthropic', env: ['ANTHROPIC_BASE_URL'], factory: 'createAnthropic', factoryEnv: 'ANTHROPIC_BASE_URL' },
  '@ai-sdk/google': { name: 'google', provider: 'google', env: [], factory: 'createGoogleGenerativeAI', factoryEnv: AI_SDK_GOOGLE_BASE_URL_ENV },
};

/** `import { anthropic } from '@ai-sdk/anthropic'` with `anthropic('claude-…')` (or `.chat(…)`, `.languageModel(…)`) called. */
export function aiSdkDefaultProviders(ctx: FileContext): DefaultClient[] {
  const out: DefaultClient[] = [];
  const imports = ctx.sf.statements.filter(ts.isImportDeclaration);
  const afterImports = imports.length ? imports[imports.length - 1].end : 0;
  for (const stmt of imports) {
    if (!ts.isStringLiteral(stmt.moduleSpecifier) || stmt.importClause?.isTypeOnly) continue;
    const known = AI_SDK_DEFAULTS[stmt.moduleSpecifier.text];
    const named = stmt.importClause?.namedBindings;
    if (!known || !named || !ts.isNamedImports(named)) continue;
    for (const el of named.elements) {
      if (el.isTypeOnly || (el.propertyName ?? el.name).text !== known.name) continue;
      const local = el.name.text;
      const called = new RegExp(`(?<![\\w.$])${local}\\s*(?:\\.\\s*(?:chat|languageModel|responses|completion|messages)\\s*)?\\(`).test(ctx.text);
      // `createProviderRegistry({ openai, anthropic })`: the registry calls the provider for `openai:…` model ids.
      const registered = new RegExp(`\\b(?:experimental_)?createProviderRegistry\\s*\\(\\s*\\{[^}]*(?<![\\w.$])${local}(?![\\w$])`).test(ctx.text);
      if (!called && !registered) continue;
      const only = named.elements.length === 1 && !stmt.importClause?.name;
      out.push({
        path: ctx.path,
        label: `\`${local}\` from ${stmt.moduleSpecifier.text}`,
        provider: known.provider,
        sdk: 'ai-sdk',
        span: spanOf(el.name, ctx.sf),
        baseUrlEnv: known.env,
        baseUrlSettings: null,
        ...(only ? { importRewrite: { statement: spanOf(stmt, ctx.sf), specifier: stmt.moduleSpecifier.getText(ctx.sf), local, factory: known.factory, env: known.env[0] ?? known.factoryEnv, afterImports } } : {}),
      });
    }
  }
  return out;
}
