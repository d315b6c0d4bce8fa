// Firebase Genkit: `ai.generate(…)` / `ai.generateStream(…)` on an instance made by `genkit({ plugins, model })` (from
// 'genkit' or 'genkit/beta'), here or imported from a workspace module, and the prompts it defines
// (`ai.definePrompt({ name, prompt: '…{{question}}…' })`, each run a generate). Facts: catalog/genkit.ts.
import { ts } from './compiler';
import { GENKIT } from '../../core/catalog/genkit';
import { providerBehindBaseUrl } from '../../core/catalog/providers';
import type { ArgsFact, ClientFact, LlmCallSite, PromptSegment, Provider } from '../../core/types';
import { computedOnce, withTemplatePlaceholders } from '../../core/volatility';
import { enclosingFunction, nodeAt, spanOf, unwrap, valueFact } from './ast';
import type { FileContext } from './file-context';
import { partFromContent, prop } from './prompt';
import { isImportRef, resolveExpression } from './resolve';

/** The instance's methods that send a request to a model (true: streams). */
export const GENKIT_METHODS: Readonly<Record<string, boolean>> = { generate: false, generateStream: true };

/**
 * `ai.definePrompt({ … })`: an executable prompt whose every run (`prompt(input)`, `prompt.stream(input)`) is a generate
 * with these options, its template filled from the run's input. Reported where it is defined, as an agent is.
 */
export const GENKIT_DEFINE_PROMPT = 'definePrompt';

/** Genkit's model name prefixes: the plugin namespace that serves the model, and whose API it is. */
const PREFIX_PROVIDERS: Readonly<Record<string, Provider>> = { googleai: 'google', vertexai: 'google', openai: 'openai', anthropic: 'anthropic', ollama: 'ollama' };

/** Plugin packages whose `gemini('x')` / `googleAI.model('x')` / `vertexAI.model('x')` name a Gemini model. */
const GOOGLE_PLUGINS = new Set(['@genkit-ai/googleai', '@genkit-ai/vertexai', '@genkit-ai/google-genai']);

/** Plugin packages that serve `openai/…` models through an OpenAI client (its `baseURL` names the provider). */
const OPENAI_PLUGINS = /^(genkitx-openai|@genkit-ai\/compat-oai)(\/|$)/;

/** `ai.generate(…)` where `ai` resolves to a `genkit({…})` instance: that instance (resolution only) and the method. */
export function genkitCall(callee: ts.PropertyAccessExpression, ctx: FileContext): { client: ClientFact; method: string; streaming: boolean | null } | null {
  const method = callee.name.text;
  if (!Object.hasOwn(GENKIT_METHODS, method) && method !== GENKIT_DEFINE_PROMPT) return null;
  const r = resolveExpression(callee.expression, ctx);
  if (r.kind !== 'client' || r.client.sdk !== 'genkit') return null;
  // Each run of a defined prompt decides whether it streams.
  return { client: r.client, method, streaming: method === GENKIT_DEFINE_PROMPT ? null : GENKIT_METHODS[method] };
}

/**
 * The request options of a generate: the options object, or, for `ai.generate('…')` / `ai.generate([{ text }, …])`,
 * none (Genkit sends the argument as the prompt: nothing else is unseen).
 */
export function genkitArgs(call: ts.CallExpression, own: ArgsFact): ArgsFact {
  const a = call.arguments[0] && unwrap(call.arguments[0]);
  return a && isPromptArgument(a) ? { ...own, hasSpread: false } : own;
}

function isPromptArgument(a: ts.Expression): boolean {
  return ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a) || ts.isTemplateExpression(a) || ts.isArrayLiteralExpression(a);
}

/**
 * Model and provider of a generate (the call's `model`, else the instance's default `model`, which is configuration:
 * never `literal`), streaming with an `onChunk` callback, and the prompt of `ai.generate('…')`.
 */
export function fillGenkitRequest(site: LlmCallSite, call: ts.CallExpression, ctx: FileContext): void {
  const instance = site.client ? instanceOptions(site.client, ctx) : null;
  const own = call.arguments[0] && unwrap(call.arguments[0]);
  const options = own && ts.isObjectLiteralExpression(own) ? own : null;
  const written = options ? prop(options, 'model') : undefined;
  const fromInstance = !written && instance ? prop(instance.obj, 'model') : undefined;
  const m = written ? genkitModel(written, ctx) : fromInstance ? genkitModel(fromInstance, instance!.ctx) : null;
  if (m) {
    const openaiCompatible = m.provider === 'openai' && instance ? pluginProvider(instance.obj, instance.ctx) : null;
    site.provider = openaiCompatible ?? m.provider;
    site.model = fromInstance
      ? { value: m.value, literal: false }
      : { value: m.value, literal: m.literal, ...(m.span ? { span: m.span } : {}), ...(m.routed ? { routed: true } : {}) };
  } else site.model = { value: null, literal: false };
  // `ai.generate({ prompt, onChunk })` streams as generateStream does.
  if (options && (prop(options, 'onChunk') || prop(options, 'streamingCallback'))) site.streaming = true;
  // `ai.generate('…')` / `ai.generate([{ media }, { text }])`: the argument is the prompt.
  if (own && isPromptArgument(own)) site.prompt = [partFromContent('user', own, ctx, own)];
  if (site.method === GENKIT_DEFINE_PROMPT) definedPrompt(site, call);
}

/**
 * A defined prompt: its runs are elsewhere (whether they stream, what reads their usage), and its `system` / `prompt`
 * text is a Handlebars (Dotprompt) template whose `{{field}}` / `{{{field}}}` expressions each run fills from its input.
 * One defined when its module loads holds its `${…}` values fixed.
 */
function definedPrompt(site: LlmCallSite, call: ts.CallExpression): void {
  site.agent = true;
  site.streaming = null;
  site.usage = 'unknown';
  delete site.resultBinding;
  const moduleLevel = !enclosingFunction(call);
  site.prompt = site.prompt.map((part) => {
    if (part.role === 'tools') return part;
    const fixed = moduleLevel ? computedOnce(part) : part;
    return { ...fixed, segments: fixed.segments.flatMap(withTemplateExpressions) };
  });
}

/** Handlebars expressions: `{{name}}`, `{{{name}}}` (unescaped), `{{#each items}}`, `{{/each}}`, `{{media url=photo}}`. */
const HANDLEBARS = /\{\{\{[^{}]*\}\}\}|\{\{[^{}]*\}\}/g;

function withTemplateExpressions(seg: PromptSegment): PromptSegment[] {
  return seg.kind === 'static' && seg.text.includes('{{') ? withTemplatePlaceholders(seg, HANDLEBARS) : [seg];
}

interface GenkitModel {
  value: string | null;
  span?: LlmCallSite['model']['span'];
  literal: boolean;
  routed?: boolean;
  provider: Provider;
}

/**
 * A Genkit model argument: a registry name (`'googleai/gemini-2.0-flash'`, written or a constant), a Google plugin's
 * model reference (`gemini('gemini-1.5-flash')`, `googleAI.model('gemini-2.5-flash')`, an exported constant such as
 * `gemini20Flash`). Anything else (a model the app builds, a setting) is unknown.
 */
export function genkitModel(expr: ts.Expression, ctx: FileContext): GenkitModel {
  const e = unwrap(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { ...registryName(e.text), span: spanOf(e, ctx.sf), literal: true };
  if (ts.isIdentifier(e)) {
    const constant = googleModelConstant(e, ctx);
    if (constant) return { value: constant, span: spanOf(e, ctx.sf), literal: true, provider: 'google' };
  }
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    const r = resolveExpression(e, ctx);
    // A module constant still names the model in the code (`model: MODEL`), as for the other SDKs.
    if (r.kind === 'string') return { ...registryName(r.value), span: spanOf(e, ctx.sf), literal: true };
  }
  if (ts.isCallExpression(e) && isGoogleModelReference(e.expression, ctx) && e.arguments[0]) {
    const a = unwrap(e.arguments[0]);
    if (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) return { value: a.text, span: spanOf(a, ctx.sf), literal: true, provider: 'google' };
    const r = ts.isIdentifier(a) || ts.isPropertyAccessExpression(a) ? resolveExpression(a, ctx) : null;
    if (r?.kind === 'string') return { value: r.value, span: spanOf(a, ctx.sf), literal: true, provider: 'google' };
    return { value: null, span: spanOf(a, ctx.sf), literal: false, provider: 'google' };
  }
  return { value: null, span: spanOf(e, ctx.sf), literal: false, provider: 'unknown' };
}

/** `googleai/gemini-2.0-flash`: the model id without the plugin's prefix, the provider the prefix names. */
function registryName(name: string): { value: string; provider: Provider; routed?: boolean } {
  const slash = name.indexOf('/');
  if (slash < 0) return { value: name, provider: 'unknown' };
  const prefix = name.slice(0, slash);
  // The prefix picks the plugin: a variable holding a bare id would lose it, so a fix must not offer one.
  return { value: name.slice(slash + 1), provider: Object.hasOwn(PREFIX_PROVIDERS, prefix) ? PREFIX_PROVIDERS[prefix] : 'unknown', routed: true };
}

/** `gemini20Flash` imported from a Google plugin: the model id it names (catalog/genkit.ts). */
function googleModelConstant(id: ts.Identifier, ctx: FileContext): string | null {
  const ref = ctx.declarationOf(id);
  if (!isImportRef(ref) || !GOOGLE_PLUGINS.has(ref.specifier)) return null;
  return Object.hasOwn(GENKIT.modelConstants, ref.imported) ? GENKIT.modelConstants[ref.imported] : null;
}

/** `gemini` (googleai / vertexai 1.x) or `googleAI.model` / `vertexAI.model`, imported from a Google plugin. */
function isGoogleModelReference(callee: ts.Expression, ctx: FileContext): boolean {
  const c = unwrap(callee);
  const root = ts.isIdentifier(c) ? c : ts.isPropertyAccessExpression(c) && c.name.text === 'model' && ts.isIdentifier(c.expression) ? c.expression : null;
  const ref = root ? ctx.declarationOf(root) : undefined;
  if (!isImportRef(ref) || !GOOGLE_PLUGINS.has(ref.specifier)) return false;
  return ts.isIdentifier(c) ? ref.imported === 'gemini' : ref.imported === 'googleAI' || ref.imported === 'vertexAI';
}

/** The options object of the `genkit({…})` call that made the instance, and its file. */
function instanceOptions(client: ClientFact, ctx: FileContext): { obj: ts.ObjectLiteralExpression; ctx: FileContext } | null {
  const where = client.path === ctx.path ? ctx : ctx.workspace.contextFor(client.path);
  const made = where ? nodeAt(where.sf, client.span.start, client.span.end, where.sf) : undefined;
  const first = made && ts.isCallExpression(made) ? made.arguments[0] : undefined;
  const obj = first && unwrap(first);
  return where && obj && ts.isObjectLiteralExpression(obj) ? { obj, ctx: where } : null;
}

/**
 * `openai/…` models are served by an OpenAI-compatible plugin (genkitx-openai, @genkit-ai/compat-oai): the host its
 * `baseURL` names (`openAI({ baseURL: 'https://api.groq.com/openai/v1' })` talks to Groq). Null when no such plugin is
 * in the instance's list.
 */
function pluginProvider(instance: ts.ObjectLiteralExpression, ctx: FileContext): Provider | null {
  const plugins = prop(instance, 'plugins');
  const list = plugins && unwrap(plugins);
  if (!list || !ts.isArrayLiteralExpression(list)) return null;
  for (const el of list.elements) {
    const p = unwrap(el);
    if (!ts.isCallExpression(p) || !ts.isIdentifier(p.expression)) continue;
    const ref = ctx.declarationOf(p.expression);
    if (!isImportRef(ref) || !OPENAI_PLUGINS.test(ref.specifier)) continue;
    const opts = p.arguments[0] && unwrap(p.arguments[0]);
    const base = opts && ts.isObjectLiteralExpression(opts) ? prop(opts, 'baseURL') : undefined;
    return base ? providerBehindBaseUrl('openai', 'openai', valueFact(unwrap(base), ctx.sf)) : 'openai';
  }
  return null;
}
