import * as path from 'node:path';
import { ts } from './compiler';
import { callsIn, enclosingClass, enclosingFunction, functionName, functionsIn, isFunctionLike, spanOf, unwrap, walk } from './ast';
import { hasModifier, type FileContext } from './file-context';
import { prop } from './prompt';
import { discordModuleHandler, discordOnceEvent } from './discord-modules';
import { bullmqProcessorReason, bullmqProcessorsByName, nestProcessorReason } from './queue-workers';
import type { FunctionRef } from '../../core/types';

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'use', 'options', 'head', 'route']);
/** Handlers of events a server answers one by one: `client.on('messageCreate', …)`, Slack Bolt `app.message(…)`. */
const EVENT_METHODS = new Set(['on', 'event', 'message', 'command', 'action', 'shortcut']);
/** Events of a client's or server's own life, not of the people it serves: `client.on('ready', …)`, `ws.on('error', …)`. */
const LIFECYCLE_EVENTS = /^(ready|clientReady|error|close|exit|listening|SIGINT|SIGTERM)$/;

/** Why a function is a request handler by its own shape and place, or null. */
export function handlerReason(fn: ts.FunctionLikeDeclaration, ctx: FileContext): string | null {
  const rel = ctx.path.split(path.sep).join('/');
  const name = functionName(fn);
  const exported = isExported(fn);
  if (/\/app\/(.*\/)?route\.[cm]?(t|j)sx?$/.test(rel) && exported && name && HTTP_METHODS.has(name)) return `Next.js route handler ${name}`;
  if (/\/pages\/api\//.test(rel) && isDefaultExport(fn, ctx)) return 'Next.js API route';
  if (/\/\+server\.[cm]?(t|j)s$/.test(rel) && exported && name && HTTP_METHODS.has(name)) return `SvelteKit endpoint ${name}`;
  if (/\/(app\/)?routes\//.test(rel) && exported && (name === 'action' || name === 'loader')) return `Remix ${name}`;
  if (/\/src\/pages\//.test(rel) && exported && name && (HTTP_METHODS.has(name) || name === 'ALL')) return `Astro endpoint ${name}`;
  if (/(^|\/)functions\//.test(rel) && exported && name && /^onRequest(Get|Post|Put|Patch|Delete|Head|Options)?$/.test(name)) return `Pages Function ${name}`;
  if (/\/netlify\/(edge-)?functions\//.test(rel) && isDefaultExport(fn, ctx)) return 'Netlify function';
  // (A yargs command module exports a `handler` too: it runs once per command line, not per request.)
  if (exported && name === 'handler' && !isYargsCommandModule(ctx)) return 'serverless handler';
  if (exported && hasUseServer(ctx) && name) return `server action ${name}`;
  if (hasUseServerDirective(fn)) return `server action${name ? ` ${name}` : ''}`;
  const nest = nestRoute(fn);
  if (nest) return nest;
  // Nuxt/Nitro `export default defineEventHandler(async (event) => …)`, Workers `export default { async fetch(req) { … } }`.
  if (fn.parent && ts.isCallExpression(fn.parent) && EVENT_HANDLER.test(fn.parent.expression.getText(ctx.sf)) && isDefaultExport(fn, ctx)) return 'server route handler';
  // `export default defineLazyEventHandler(async () => { …; return defineEventHandler(async (event) => …) })`: the
  // handler is the function the factory returns, not the factory.
  if (returnedByLazyRoute(fn, ctx)) return 'server route handler';
  if (ts.isMethodDeclaration(fn) && name === 'fetch' && fn.parent && ts.isObjectLiteralExpression(fn.parent) && isExportedObject(fn.parent)) return 'worker fetch handler';
  // A Durable Object's `fetch(request)` answers the requests its Worker forwards.
  if (ts.isMethodDeclaration(fn) && name === 'fetch' && fn.parent && ts.isClassLike(fn.parent) && fn.parent.heritageClauses?.some((h) => /\bDurableObject\b/.test(h.getText(ctx.sf)))) return 'Durable Object fetch handler';
  // `Bun.serve({ fetch(req) { … } })`, `Deno.serve(handler)`, Firebase `onRequest(handler)` / `onCall(handler)`.
  const server = ts.isMethodDeclaration(fn) && name === 'fetch' && fn.parent && ts.isObjectLiteralExpression(fn.parent) ? fn.parent.parent : fn.parent;
  if (server && ts.isCallExpression(server) && /^(Bun\.serve|Deno\.serve|(\w+\.)*https\.onRequest|(\w+\.)*https\.onCall|onRequest|onCall)$/.test(server.expression.getText(ctx.sf))) return `${server.expression.getText(ctx.sf)} handler`;
  // `serve(async (req) => …)` from Deno's standard library, and `Bun.serve({ fetch: async (req) => … })`.
  if (server && ts.isCallExpression(server) && isDenoStdServe(server, ctx)) return 'Deno std/http serve handler';
  const served = servedByFetchOption(fn, ctx);
  if (served) return served;
  // app.get('/x', fn), router.post('/x', mw, fn), app.route('/x').post(fn), fastify.route({ handler: fn })
  // (also written in parentheses: `ws.on('message', (async (data) => …))`).
  let arg: ts.Node = fn;
  while (arg.parent && ts.isParenthesizedExpression(arg.parent)) arg = arg.parent;
  const call = arg.parent;
  if (call && ts.isCallExpression(call) && call.arguments.includes(arg as ts.Expression) && ts.isPropertyAccessExpression(call.expression)) {
    const method = call.expression.name.text;
    const first = call.arguments[0];
    const hasPath = first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first) || ts.isRegularExpressionLiteral(first));
    const chainedRoute = ts.isCallExpression(call.expression.expression) && ts.isPropertyAccessExpression(call.expression.expression.expression) && call.expression.expression.expression.name.text === 'route';
    const lifecycle = EVENT_METHODS.has(method) && hasPath && LIFECYCLE_EVENTS.test((first as ts.StringLiteral).text);
    if ((ROUTE_METHODS.has(method) || EVENT_METHODS.has(method)) && (hasPath || chainedRoute) && !lifecycle) {
      const p = hasPath ? ` ${(first as ts.StringLiteral).text}` : '';
      return EVENT_METHODS.has(method) ? `${method}${p} handler` : `route ${method.toUpperCase()}${p}`;
    }
  }
  if (call && ts.isPropertyAssignment(call) && call.name.getText(ctx.sf) === 'handler') return 'route handler';
  const trpc = trpcProcedure(fn, ctx);
  if (trpc) return trpc;
  const discord = discordModuleHandler(fn, ctx);
  if (discord) return discord;
  const job = bullmqProcessorReason(fn, ctx) ?? nestProcessorReason(fn, ctx);
  if (job) return job;
  // SvelteKit form actions: `export const actions = { default: async ({ request }) => … }` in +page.server.ts.
  if (/\/\+page\.server\.[cm]?(t|j)s$/.test(rel) && formActionsObject(fn)) return `SvelteKit form action ${functionName(fn) ?? ''}`.trimEnd();
  return null;
}

/** Deno's standard library HTTP server, by URL (`https://deno.land/std@0.168.0/http/server.ts`), JSR or import map. */
const DENO_STD_HTTP = /(^|\/)std(@[^/]*)?\/http\/(server|mod)\.ts$|^(jsr:)?@std\/http(@[^/]*)?(\/|$)/;

/** `serve(handler)` (or `serve(handler, options)`) where `serve` is imported from Deno's standard library. */
function isDenoStdServe(call: ts.CallExpression, ctx: FileContext): boolean {
  const callee = unwrap(call.expression);
  if (!ts.isIdentifier(callee)) return false;
  const ref = ctx.imports.get(callee.text);
  return !!ref && ref.imported === 'serve' && DENO_STD_HTTP.test(ref.specifier);
}

/** `Bun.serve` / `Deno.serve` (also called on their own namespace object: `Deno.serve({ port }, handler)`). */
const RUNTIME_SERVE = /^(Bun|Deno)\.serve$/;

/** `Bun.serve({ fetch: async (req) => … })`, `Deno.serve({ handler: … })`: the option the server calls per request. */
function servedByFetchOption(fn: ts.FunctionLikeDeclaration, ctx: FileContext): string | null {
  const assignment = fn.parent;
  if (!assignment || !ts.isPropertyAssignment(assignment) || assignment.initializer !== (fn as unknown as ts.Expression)) return null;
  const key = assignment.name.getText(ctx.sf);
  const options = assignment.parent;
  const call = options?.parent;
  if ((key !== 'fetch' && key !== 'handler') || !ts.isObjectLiteralExpression(options) || !call || !ts.isCallExpression(call)) return null;
  const callee = call.expression.getText(ctx.sf);
  return RUNTIME_SERVE.test(callee) || isDenoStdServe(call, ctx) ? `${callee} handler` : null;
}

/**
 * Functions handed to a runtime's server by name: `Deno.serve(handler)`, `serve(handler)` from Deno's standard library,
 * `Bun.serve({ fetch: handleRequest })` (or `{ fetch }` written short).
 */
function servedByName(ctx: FileContext): Array<{ handler: ts.Expression; reason: string }> {
  const out: Array<{ handler: ts.Expression; reason: string }> = [];
  if (!/\bserve\s*\(/.test(ctx.sf.text)) return out;
  for (const n of callsIn(ctx.sf)) {
    const callee = n.expression.getText(ctx.sf);
    const std = isDenoStdServe(n, ctx);
    if (!std && !RUNTIME_SERVE.test(callee)) continue;
    const reason = `${std ? 'Deno std/http serve' : callee} handler`;
    for (const a of n.arguments) {
      const u = unwrap(a);
      if (ts.isIdentifier(u)) out.push({ handler: u, reason });
      if (!ts.isObjectLiteralExpression(u)) continue;
      for (const p of u.properties) {
        const key = p.name?.getText(ctx.sf);
        if (key !== 'fetch' && key !== 'handler') continue;
        if (ts.isShorthandPropertyAssignment(p)) out.push({ handler: p.name, reason });
        else if (ts.isPropertyAssignment(p) && ts.isIdentifier(unwrap(p.initializer))) out.push({ handler: unwrap(p.initializer), reason });
      }
    }
  }
  return out;
}

const EVENT_HANDLER = /^(defineEventHandler|eventHandler)$/;
/** h3's lazy handlers: h3 calls the factory once, on the first request, and keeps the handler it resolves to. */
const LAZY_EVENT_HANDLER = /^(defineLazyEventHandler|lazyEventHandler)$/;
/** Nitro runs its plugins once, at server start-up (hooks they register may run per request). */
const NITRO_PLUGIN = /^(defineNitroPlugin|nitroPlugin)$/;

/**
 * Why a function runs once per process rather than per request, or null: the factory of an h3/Nitro lazy event
 * handler (`defineLazyEventHandler(async () => { … })`) or a Nitro plugin's set-up function. Functions defined inside
 * it are not covered: the handler a factory returns, or a hook a plugin registers, runs per request.
 */
export function runsOnceReason(fn: ts.FunctionLikeDeclaration, ctx: FileContext): string | null {
  if (discordOnceEvent(fn, ctx)) return 'discord.js event module run once (once: true, or the ready event)';
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== (fn as unknown as ts.Expression)) return null;
  const callee = call.expression.getText(ctx.sf);
  if (LAZY_EVENT_HANDLER.test(callee)) return `${callee} factory (run once, on the first request)`;
  if (NITRO_PLUGIN.test(callee)) return 'Nitro plugin (run once, at start-up)';
  return null;
}

/** The function a default-exported lazy event handler's factory returns, bare or wrapped in `defineEventHandler`. */
function returnedByLazyRoute(fn: ts.FunctionLikeDeclaration, ctx: FileContext): boolean {
  let n: ts.Node = fn;
  if (n.parent && ts.isCallExpression(n.parent) && n.parent.arguments[0] === n && EVENT_HANDLER.test(n.parent.expression.getText(ctx.sf))) n = n.parent;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAwaitExpression(n.parent))) n = n.parent;
  // `return defineEventHandler(…)`, or the factory's expression body.
  const factory = n.parent && ts.isReturnStatement(n.parent) ? enclosingFunction(n.parent) : n.parent && ts.isArrowFunction(n.parent) && n.parent.body === n ? n.parent : undefined;
  return !!factory && runsOnceReason(factory, ctx) !== null && LAZY_EVENT_HANDLER.test((factory.parent as ts.CallExpression).expression.getText(ctx.sf)) && isDefaultExport(factory, ctx);
}

/** `publicProcedure.input(schema).mutation(async ({ input }) => …)`: a tRPC procedure, named by its router key. */
function trpcProcedure(fn: ts.FunctionLikeDeclaration, ctx: FileContext): string | null {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== (fn as unknown as ts.Expression) || !ts.isPropertyAccessExpression(call.expression)) return null;
  const kind = call.expression.name.text;
  if (kind !== 'query' && kind !== 'mutation' && kind !== 'subscription') return null;
  // The builder chain starts at a procedure: `publicProcedure`, `protectedProcedure`, `t.procedure`.
  let e: ts.Expression = call.expression.expression;
  while (ts.isCallExpression(e) || ts.isPropertyAccessExpression(e)) {
    if (ts.isPropertyAccessExpression(e) && e.name.text === 'procedure') break;
    e = ts.isCallExpression(e) ? e.expression : e.expression;
  }
  const head = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : '';
  if (!/(^p|P)rocedure$/.test(head)) return null;
  const key = call.parent && ts.isPropertyAssignment(call.parent) ? ` ${call.parent.name.getText(ctx.sf)}` : '';
  return `tRPC ${kind}${key}`;
}

/** The function is a property of `export const actions = { … }`. */
function formActionsObject(fn: ts.FunctionLikeDeclaration): boolean {
  const prop = ts.isMethodDeclaration(fn) ? fn : fn.parent && ts.isPropertyAssignment(fn.parent) ? fn.parent : null;
  const obj = prop?.parent;
  if (!obj || !ts.isObjectLiteralExpression(obj)) return false;
  let p: ts.Node | undefined = obj.parent;
  while (p && (ts.isSatisfiesExpression(p) || ts.isAsExpression(p) || ts.isParenthesizedExpression(p))) p = p.parent;
  return !!p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && p.name.text === 'actions' && !!p.parent?.parent && ts.isVariableStatement(p.parent.parent) && hasModifier(p.parent.parent, ts.SyntaxKind.ExportKeyword);
}

/** `export default { … }`, also with `satisfies ExportedHandler<Env>` or `as …` (Cloudflare's TypeScript template). */
function isExportedObject(obj: ts.ObjectLiteralExpression): boolean {
  let p: ts.Node | undefined = obj.parent;
  while (p && (ts.isSatisfiesExpression(p) || ts.isAsExpression(p) || ts.isParenthesizedExpression(p))) p = p.parent;
  return !!p && ts.isExportAssignment(p);
}

/** A yargs command module: it exports `command` with a description or builder next to its `handler`. */
function isYargsCommandModule(ctx: FileContext): boolean {
  return !!ctx.exported('command') && ['describe', 'desc', 'description', 'builder', 'aliases'].some((k) => !!ctx.exported(k));
}

function isExported(fn: ts.FunctionLikeDeclaration): boolean {
  if (ts.isFunctionDeclaration(fn)) return hasModifier(fn, ts.SyntaxKind.ExportKeyword);
  let p: ts.Node | undefined = fn.parent;
  // `export const POST = withAuth(async () => …)` counts too.
  while (p && (ts.isCallExpression(p) || ts.isParenthesizedExpression(p) || ts.isAsExpression(p))) p = p.parent;
  if (p && ts.isVariableDeclaration(p)) return !!p.parent?.parent && ts.isVariableStatement(p.parent.parent) && hasModifier(p.parent.parent, ts.SyntaxKind.ExportKeyword);
  if (p && ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return /^(module\.)?exports$/.test(p.left.expression.getText());
  return false;
}

function isDefaultExport(fn: ts.FunctionLikeDeclaration, ctx: FileContext): boolean {
  if (ts.isFunctionDeclaration(fn) && hasModifier(fn, ts.SyntaxKind.DefaultKeyword)) return true;
  let p: ts.Node | undefined = fn.parent;
  while (p && (ts.isCallExpression(p) || ts.isParenthesizedExpression(p))) p = p.parent;
  if (p && ts.isExportAssignment(p)) return true;
  // `const handler = async (req, res) => …; export default handler` (or `export default withAuth(handler)`).
  const name = functionName(fn);
  if (!name || (fn.parent && !ts.isVariableDeclaration(fn.parent) && !ts.isFunctionDeclaration(fn))) return false;
  for (const stmt of ctx.sf.statements) {
    if (!ts.isExportAssignment(stmt) || stmt.isExportEquals) continue;
    let e: ts.Expression = stmt.expression;
    while (ts.isCallExpression(e) && e.arguments.length > 0) e = e.arguments[e.arguments.length - 1];
    if (ts.isIdentifier(e) && e.text === name) return true;
  }
  return false;
}

/** A function whose body starts with `'use server'` (an inline server action). */
function hasUseServerDirective(fn: ts.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  const first = body && ts.isBlock(body) ? body.statements[0] : undefined;
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use server';
}

const NEST_ROUTE = /^(Get|Post|Put|Patch|Delete|All|Options|Head|Sse)$/;

/** NestJS: a `@Post('x')` method of a `@Controller('y')` class. */
function nestRoute(fn: ts.FunctionLikeDeclaration): string | null {
  if (!ts.isMethodDeclaration(fn) || !fn.parent || !ts.isClassDeclaration(fn.parent)) return null;
  const deco = (ts.getDecorators(fn) ?? []).map(decoratorCall).find((d) => d && NEST_ROUTE.test(d.name));
  if (!deco) return null;
  const ctrl = (ts.getDecorators(fn.parent) ?? []).map(decoratorCall).find((d) => d?.name === 'Controller');
  if (!ctrl) return null;
  const route = ['', ctrl.path, deco.path].filter((x) => x !== null).join('/').replace(/\/+/g, '/');
  return `NestJS route ${deco.name.toUpperCase()} ${route || '/'}`;
}

function decoratorCall(d: ts.Decorator): { name: string; path: string | null } | null {
  const e = d.expression;
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) {
    const a = e.arguments[0];
    return { name: e.expression.text, path: a && (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) ? a.text : null };
  }
  return ts.isIdentifier(e) ? { name: e.text, path: null } : null;
}

/**
 * Route and event registrations that name their handler instead of defining it inline: `router.post('/chat', auth,
 * chat)`, `app.get('/x', controller.show)`, `app.event('app_mention', onMention)`. Returns the handler expressions with
 * the route or event they serve.
 */
function registeredHandlers(ctx: FileContext): Array<{ handler: ts.Expression; reason: string }> {
  const out: Array<{ handler: ts.Expression; reason: string }> = [];
  for (const n of callsIn(ctx.sf)) {
    if (!ts.isPropertyAccessExpression(n.expression)) continue;
    const method = n.expression.name.text;
    const first = n.arguments[0];
    const event = EVENT_METHODS.has(method);
    if ((!ROUTE_METHODS.has(method) && !event) || method === 'use' || !first || !(ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) continue;
    if (event && LIFECYCLE_EVENTS.test(first.text)) continue;
    // Slack Bolt `app.event('app_mention', auth, onMention)`, `client.on('messageCreate', onMessage)`: named as inline ones are.
    const reason = event ? `${method} ${first.text} handler` : `route ${method.toUpperCase()} ${first.text}`;
    for (const a of n.arguments.slice(1)) {
      const u = unwrap(a);
      if (ts.isIdentifier(u) || ts.isPropertyAccessExpression(u)) out.push({ handler: u, reason });
    }
  }
  out.push(...servedGenkitFlows(ctx));
  out.push(...servedByName(ctx));
  out.push(...bullmqProcessorsByName(ctx));
  return out;
}

/**
 * Genkit flows served per request, by the package each server comes from: Firebase Functions' `onCallGenkit(opts?,
 * flow)`, @genkit-ai/express's `expressHandler(flow)` and `startFlowServer({ flows: [flow, { flow }] })`, and
 * @genkit-ai/next's `appRoute(flow)`. The flow is named by the variable its `ai.defineFlow(config, fn)` is bound to,
 * which is also the name of `fn` (functionName).
 */
const GENKIT_SERVERS: Readonly<Record<string, RegExp>> = {
  onCallGenkit: /^firebase-functions(\/|$)/,
  expressHandler: /^@genkit-ai\/express$/,
  startFlowServer: /^@genkit-ai\/express$/,
  appRoute: /^@genkit-ai\/next$/,
};

function servedGenkitFlows(ctx: FileContext): Array<{ handler: ts.Expression; reason: string }> {
  const out: Array<{ handler: ts.Expression; reason: string }> = [];
  if (!/\b(onCallGenkit|expressHandler|startFlowServer|appRoute)\b/.test(ctx.sf.text)) return out;
  for (const n of callsIn(ctx.sf)) {
    const callee = unwrap(n.expression);
    if (!ts.isIdentifier(callee) || !Object.hasOwn(GENKIT_SERVERS, callee.text)) continue;
    const ref = ctx.imports.get(callee.text);
    if (!ref || !GENKIT_SERVERS[callee.text].test(ref.specifier)) continue;
    const reason = `Genkit flow served by ${callee.text}`;
    const flows: ts.Expression[] = [];
    if (callee.text === 'onCallGenkit') flows.push(n.arguments[n.arguments.length - 1]);
    else if (callee.text !== 'startFlowServer') flows.push(n.arguments[0]);
    else {
      const opts = n.arguments[0] && unwrap(n.arguments[0]);
      const given = opts && ts.isObjectLiteralExpression(opts) ? prop(opts, 'flows') : undefined;
      const list = given && unwrap(given);
      for (const el of list && ts.isArrayLiteralExpression(list) ? list.elements : []) {
        const u = unwrap(el);
        flows.push(ts.isObjectLiteralExpression(u) ? (prop(u, 'flow') ?? u) : u);
      }
    }
    for (const f of flows) {
      const u = f && unwrap(f);
      if (u && ts.isIdentifier(u)) out.push({ handler: u, reason });
    }
  }
  return out;
}

function hasUseServer(ctx: FileContext): boolean {
  const first = ctx.sf.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use server';
}

/**
 * Request-path reasons for every function in a file: handlers themselves, and functions they call
 * (by name, within the file, transitively). Other files' handlers calling an exported function count too.
 */
export function requestPathMap(ctx: FileContext, externalCallers: Map<string, string>): Map<ts.FunctionLikeDeclaration, string> {
  const reasons = new Map<ts.FunctionLikeDeclaration, string>();
  const byName = new Map<string, ts.FunctionLikeDeclaration[]>();
  const calls = new Map<ts.FunctionLikeDeclaration, Set<string>>();
  const functions: ts.FunctionLikeDeclaration[] = [];
  for (const n of functionsIn(ctx.sf)) {
    functions.push(n);
    const name = functionName(n);
    if (name) {
      const list = byName.get(name);
      if (list) list.push(n);
      else byName.set(name, [n]);
    }
  }
  for (const n of callsIn(ctx.sf)) {
    const fn = enclosingFunction(n);
    if (!fn) continue;
    const callee = unwrap(n.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
    let names = calls.get(fn);
    if (!names) calls.set(fn, (names = new Set()));
    if (name) names.add(name);
    // Functions passed as arguments (callbacks) are reached when the caller is.
    for (const a of n.arguments) if (ts.isIdentifier(a)) names.add(a.text);
  }
  const registered = new Map<string, string>();
  for (const r of registeredHandlers(ctx)) {
    const name = ts.isIdentifier(r.handler) ? r.handler.text : (r.handler as ts.PropertyAccessExpression).name.text;
    if (!registered.has(name)) registered.set(name, r.reason);
  }
  const queue: ts.FunctionLikeDeclaration[] = [];
  for (const fn of functions) {
    const name = functionName(fn) ?? '\0';
    const reason = handlerReason(fn, ctx) ?? registered.get(name) ?? externalCallers.get(name) ?? null;
    if (reason) {
      reasons.set(fn, reason);
      queue.push(fn);
    }
  }
  while (queue.length) {
    const fn = queue.shift()!;
    const why = reasons.get(fn)!;
    const from = functionName(fn) ?? 'handler';
    const inner: ts.FunctionLikeDeclaration[] = [];
    // Nested functions (callbacks inside the handler) run on the request path too.
    walk(fn, (n) => {
      if (isFunctionLike(n)) inner.push(n);
    });
    const targets = [...inner, ...[...(calls.get(fn) ?? [])].flatMap((name) => byName.get(name) ?? [])];
    for (const t of targets) {
      if (reasons.has(t)) continue;
      reasons.set(t, inner.includes(t) ? why : `called from ${from} (${why})`);
      queue.push(t);
    }
  }
  return reasons;
}

/**
 * Names this file's handlers call on imports, as (module specifier, imported name) pairs,
 * so an imported wrapper can learn it is on a request path. `externalCallers` are the reasons handlers in other files
 * give this file's exports, so the path runs on through this file to the next one.
 */
export function importedCallsFromHandlers(ctx: FileContext, externalCallers: Map<string, string> = new Map()): Array<{ specifier: string; imported: string; reason: string }> {
  const reasons = requestPathMap(ctx, externalCallers);
  const out: Array<{ specifier: string; imported: string; reason: string }> = [];
  for (const n of callsIn(ctx.sf)) {
    const fn = enclosingFunction(n);
    const reason = fn && reasons.get(fn);
    if (!reason) continue;
    const callee = unwrap(n.expression);
    let local: string | null = null;
    let member: string | null = null;
    if (ts.isIdentifier(callee)) local = callee.text;
    else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      local = callee.expression.text;
      member = callee.name.text;
    }
    // NestJS and other DI: `this.chatService.reply()` where the constructor takes `private chatService: ChatService`.
    if (!local && ts.isPropertyAccessExpression(callee) && ts.isPropertyAccessExpression(callee.expression) && callee.expression.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const typeName = injectedType(callee.expression);
      const ref = typeName ? ctx.imports.get(typeName) : undefined;
      if (ref) out.push({ specifier: ref.specifier, imported: callee.name.text, reason: `called from ${functionName(fn!) ?? 'handler'} in ${path.basename(ctx.path)} (${reason})` });
      continue;
    }
    const ref = local ? ctx.imports.get(local) : undefined;
    if (!ref) continue;
    const imported = ref.imported === '*' && member ? member : ref.imported;
    out.push({ specifier: ref.specifier, imported, reason: `called from ${functionName(fn!) ?? 'handler'} in ${path.basename(ctx.path)} (${reason})` });
    // A class instance imported and used as `service.reply()` reaches the method `reply`.
    if (member && ref.imported !== '*') out.push({ specifier: ref.specifier, imported: member, reason: `called from ${functionName(fn!) ?? 'handler'} in ${path.basename(ctx.path)} (${reason})` });
  }
  // Handlers registered by name from another module: `router.post('/chat', chatController.send)`.
  for (const r of registeredHandlers(ctx)) {
    const h = r.handler;
    const local = ts.isIdentifier(h) ? h : ts.isIdentifier((h as ts.PropertyAccessExpression).expression) ? ((h as ts.PropertyAccessExpression).expression as ts.Identifier) : null;
    const ref = local ? ctx.imports.get(local.text) : undefined;
    if (!ref) continue;
    const imported = ts.isIdentifier(h) ? ref.imported : (h as ts.PropertyAccessExpression).name.text;
    out.push({ specifier: ref.specifier, imported, reason: `${r.reason} in ${path.basename(ctx.path)}` });
  }
  return out;
}

/** The declared type name of `this.x` when `x` is a constructor parameter property or a typed class field. */
export function injectedType(member: ts.PropertyAccessExpression): string | null {
  const cls = enclosingClass(member);
  if (!cls) return null;
  const name = member.name.text;
  const typeName = (t: ts.TypeNode | undefined) => (t && ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) ? t.typeName.text : null);
  for (const m of cls.members) {
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) if (ts.isIdentifier(p.name) && p.name.text === name) return typeName(p.type);
    }
    if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name) return typeName(m.type);
  }
  return null;
}

/** The facts' view of a function: its name, span, and whether it runs per request or once per process. */
export function functionRef(fn: ts.FunctionLikeDeclaration, ctx: FileContext, requestPaths: Map<ts.FunctionLikeDeclaration, string>): FunctionRef {
  const once = runsOnceReason(fn, ctx);
  return { name: functionName(fn), span: spanOf(fn, ctx.sf), requestPath: requestPaths.get(fn) ?? null, ...(once ? { runsOnce: once } : {}) };
}
