// Which functions run while serving a request: framework handlers, and what they call within the workspace.
import * as path from 'node:path';
import type { FnInfo, PyFile } from './file-context';
import { callOfName, nodesMatching, wordNodes } from './text-search';
import { resolveExpr, resolveName } from './resolve';
import { stringValue } from './strings';
import { decoratorName, keyword, positional, unwrap, within, type Node } from './syntax';
import { callMatches } from './patterns';
import { compiledGraphs, graphRunKey, graphRunOf, localGraphRunners } from './langgraph-runs';
import { chatHandlerReason, chatRegistrations } from './chat-handlers';
import { streamlitRerunReason } from './streamlit';
import { escapeRegExp } from '../../../core/text';

/** Request-path reasons of a file's functions, computed on demand. */
export interface Reasons {
  reasonOf(fn: FnInfo): string | null;
}

/** A function as the request-path graph sees it. `<module>` stands for module-level route registrations. */
export interface FnSummary {
  qualName: string;
  name: string;
  reason: string | null;
  /** Functions this one calls (or passes as callbacks), by file and qualified name. */
  calls: Array<{ path: string; qualName: string }>;
  /** The enclosing function's qualName for nested functions (they run when their parent does). */
  parent: string | null;
  /** Memoised: its body runs once however often it is called (see runsOnceWhenCalled), so no reason reaches it. */
  once?: true;
}

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'route', 'api_route', 'websocket', 'websocket_route']);
const VIEW_BASE = /(View|ViewSet|APIView|Endpoint|Resource)$/;
const VIEW_METHODS = new Set([
  'get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'dispatch', 'list', 'create', 'retrieve', 'update',
  'partial_update', 'destroy', 'perform_create', 'perform_update', 'perform_destroy', 'form_valid', 'get_context_data',
]);
const DJANGO_DECORATORS = /^(require_http_methods|require_POST|require_GET|require_safe|csrf_exempt|login_required|api_view)$/;

function str(file: PyFile, n: Node | null): string | null {
  return n ? stringValue(unwrap(n), (x) => file.src(x)) : null;
}

/** `route POST /chat` for a route decorator call, or null. */
function routeReason(file: PyFile, call: Node): string | null {
  const fn = call.childForFieldName('function');
  // Litestar's handlers are bare decorators: `from litestar import post` then `@post("/chat")`.
  const litestar = fn?.type === 'identifier' && importedFrom(file, fn.text, /^litestar(\.|$)/);
  if (fn?.type !== 'attribute' && !litestar) return null;
  const method = (fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.text) ?? '';
  if (!ROUTE_METHODS.has(method)) return null;
  const args = call.childForFieldName('arguments');
  const p = pathOf(file, positional(args, 0)) ?? pathOf(file, keyword(args, 'path')) ?? str(file, keyword(args, 'rule')) ?? str(file, keyword(args, 'route'));
  // A Litestar handler of a `Controller` takes its path from the class: the verb alone says it is a route.
  if (p === null) return litestar ? `route ${method.toUpperCase()}` : null;
  let verb = method.toUpperCase();
  if (method === 'route' || method === 'api_route') {
    const methods = keyword(args, 'methods');
    const list = methods ? methods.namedChildren.map((m) => str(file, m)).filter((m): m is string => !!m) : [];
    verb = list.length ? list.map((m) => m.toUpperCase()).join('|') : 'GET';
  } else if (method.startsWith('websocket')) verb = 'WEBSOCKET';
  return `route ${verb} ${(fn.type === 'attribute' ? routerPrefix(file, fn.childForFieldName('object')) : '') + p}`.trimEnd();
}

/** A path argument: a string, or the first of a list of them (Litestar's `@post(["/v1/chat", "/chat"])`). */
function pathOf(file: PyFile, n: Node | null): string | null {
  const e = n ? unwrap(n) : null;
  if (e?.type === 'list') return str(file, e.namedChildren[0] ?? null);
  return str(file, e);
}

/**
 * The path prefix of the router a route is declared on: its own (`APIRouter(prefix="/ocr")`, `Blueprint(…,
 * url_prefix="/api")`) after the one other modules mount it under (`app.include_router(router, prefix="/api/v1")`).
 */
function routerPrefix(file: PyFile, obj: Node | null): string {
  if (obj?.type !== 'identifier') return '';
  const r = resolveExpr(file, obj);
  if (r.kind !== 'node' || r.node.type !== 'call') return '';
  const own = routerOwnPrefix(r.file, r.node);
  if (own === null) return '';
  // Mounted by name: the router this module declares (`router = APIRouter()`), as other modules import it.
  const mounted = r.file.path === file.path && /\bAPIRouter\s*\(/.test(r.file.src(r.node)) ? file.index.includePrefix(file.path, obj.text) : '';
  return mounted + own;
}

/** The prefix a router's own construction gives it; null when the call makes no FastAPI router or Flask blueprint. */
export function routerOwnPrefix(file: PyFile, call: Node): string | null {
  const callee = call.childForFieldName('function');
  const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
  if (name !== 'APIRouter' && name !== 'Blueprint') return null;
  const prefix = str(file, keyword(call.childForFieldName('arguments'), name === 'APIRouter' ? 'prefix' : 'url_prefix'));
  return prefix ? prefix.replace(/\/+$/, '') : '';
}

/** Why a function is a request handler by its own shape, decorators and place, or null. */
export function directReason(file: PyFile, fn: FnInfo): string | null {
  for (const d of fn.decorators) {
    const e = unwrap(d);
    const callee = e.type === 'call' ? e.childForFieldName('function') : e;
    if (!callee) continue;
    if (e.type === 'call') {
      const r = routeReason(file, e);
      if (r) return r;
    }
    const last = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee.text;
    if (!last) continue;
    if (last === 'shared_task' || (last === 'task' && (callee.type === 'attribute' || importedFrom(file, 'task', /^celery/)))) return 'Celery task';
    // `@dramatiq.actor(…)` / `@actor` from dramatiq: a worker runs it once per message a request sends (`.send(…)`).
    if (last === 'actor' && (callee.type === 'attribute' ? importedFrom(file, callee.childForFieldName('object')?.text ?? '', /^dramatiq$/) : importedFrom(file, 'actor', /^dramatiq$/))) return 'Dramatiq actor';
    if (last === 'http' && callee.type === 'attribute' && /functions_framework/.test(file.src(callee))) return 'Cloud Functions handler';
    if (DJANGO_DECORATORS.test(last) && (last === 'api_view' || fn.params[0] === 'request')) return last === 'api_view' ? 'Django REST framework view' : 'Django view';
    if (last === 'action' && fn.cls) return 'Django REST framework viewset action';
  }
  if (!fn.parent && !fn.cls) {
    // A graph factory `langgraph.json` names (`"agent": "./graph.py:make_graph"`): LangGraph Platform calls it per run.
    const platform = file.index.platformGraphs(file.path).get(fn.name);
    if (platform) return platform;
    if (fn.params.length === 2 && fn.params[0] === 'event' && /^_?(context|ctx)$/.test(fn.params[1])) return 'serverless handler';
    if (fn.params[0] === 'request' && isViewsModule(file.path)) return 'Django view';
  }
  if (fn.cls && !fn.parent && TORNADO_METHODS.test(fn.name) && isTornadoHandler(file, fn.cls.bases.map((b) => file.src(b)))) return tornadoRoute(file, fn.cls.name, fn.name);
  if (fn.cls && !fn.parent && VIEW_METHODS.has(fn.name)) {
    const bases = fn.cls.bases.map((b) => file.src(b));
    if (bases.some((b) => /ViewSet$/.test(b))) return 'Django REST framework viewset';
    if (bases.some((b) => VIEW_BASE.test(b))) return classViewLabel(file, bases);
  }
  return chatHandlerReason(file, fn) ?? streamlitRerunReason(file, fn);
}

/** Memoising decorators: functools', cachetools', async-lru's and Streamlit's. */
const MEMOISED = /^(lru_cache|cache|cached|alru_cache|cache_data|cache_resource|experimental_memo|experimental_singleton)$/;
const STREAMLIT_IMPORT = /^[ \t]*(import|from)[ \t]+streamlit\b/m;

/**
 * A function whose body runs once, however often a request asks for it: memoised with no argument to vary
 * (`@lru_cache def load_prompt()`), or cached by Streamlit (`@st.cache_resource def get_chain()`, `@st.cache_data
 * def ask(q)`), which keeps its result across reruns and sessions.
 */
function runsOnceWhenCalled(file: PyFile, fn: FnInfo): boolean {
  if (!fn.decorators.some((d) => MEMOISED.test(decoratorName(d) ?? ''))) return false;
  return fn.params.length === 0 || STREAMLIT_IMPORT.test(file.text);
}

/** A Tornado handler's HTTP verb methods, and a WebSocketHandler's, run per request (`on_message` per message). */
const TORNADO_METHODS = /^(get|post|put|patch|delete|head|options|on_message)$/;
const TORNADO_IMPORT = /^[ \t]*(import|from)[ \t]+(tornado|jupyter_server|notebook)\b/m;

/**
 * A subclass of Tornado's `RequestHandler` / `WebSocketHandler` (`tornado.web.RequestHandler`, `web.RequestHandler`),
 * or of a `…Handler` base in a module that imports Tornado or Jupyter Server (`class Chat(BaseHandler)`, `APIHandler`).
 * The standard library's `BaseHTTPRequestHandler` / `BaseRequestHandler` are not Tornado's.
 */
function isTornadoHandler(file: PyFile, bases: string[]): boolean {
  if (bases.some((b) => /(^|\.)(RequestHandler|WebSocketHandler)$/.test(b))) return true;
  return bases.some((b) => /Handler$/.test(b) && !/(^|\.)Base(HTTP)?RequestHandler$/.test(b)) && TORNADO_IMPORT.test(file.text);
}

/**
 * `route POST /chat` when the module maps a plain path to the handler (`Application([(r"/chat", ChatHandler)])`), else
 * `Tornado request handler` (a pattern such as `r"/(.*)"` names no single path).
 */
function tornadoRoute(file: PyFile, cls: string, method: string): string {
  const m = new RegExp(`\\(\\s*r?(["'])(/[\\w\\-/.]*)\\1\\s*,\\s*${escapeRegExp(cls)}\\b`).exec(file.text);
  if (!m) return 'Tornado request handler';
  return `route ${method === 'on_message' ? 'WEBSOCKET' : method.toUpperCase()} ${m[2]}`;
}

/** What kind of class-based view: Flask's `MethodView` and Flask-RESTX/RESTful resources are not Django views. */
function classViewLabel(file: PyFile, bases: string[]): string {
  if (/Endpoint$/.test(bases.join(' '))) return 'Starlette endpoint';
  for (const b of bases) {
    const head = b.split('.')[0];
    const module = file.imports.get(head)?.module ?? (b.includes('.') ? b : '');
    if (/^flask_restx\b/.test(module)) return 'Flask-RESTX resource';
    if (/^flask_restful\b/.test(module)) return 'Flask-RESTful resource';
    if (/^flask_smorest\b/.test(module)) return 'Flask-Smorest view';
    if (/^flask\b/.test(module)) return 'Flask view';
  }
  return 'Django view';
}

function importedFrom(file: PyFile, local: string, module: RegExp): boolean {
  const b = file.imports.get(local);
  return !!b && module.test(b.module);
}

function isViewsModule(p: string): boolean {
  const parts = p.split(/[\\/]/);
  return path.basename(p) === 'views.py' || parts.includes('views');
}

const REGISTRATIONS = /^(add_api_route|add_url_rule|add_route|add_websocket_route|Route|WebSocketRoute|Mount|add_get|add_post|add_put|add_patch|add_delete|add_head)$/;
/** aiohttp's route definitions: `web.post("/chat", chat)` in `app.add_routes([...])`. */
const AIOHTTP_ROUTE = /^(get|post|put|patch|delete|head|view|route)$/;
const HTTP_VERB = /^([A-Z]+|\*)$/;

/** Every function of a file with its direct reason and the functions it calls, plus `<module>` registrations. */
export function functionSummaries(file: PyFile): FnSummary[] {
  const byFn = new Map<FnInfo, FnSummary>();
  for (const fn of file.functions) {
    const once = runsOnceWhenCalled(file, fn);
    byFn.set(fn, { qualName: fn.qualName, name: fn.name, reason: once ? null : directReason(file, fn), calls: [], parent: fn.parent?.qualName ?? null, ...(once ? { once } : {}) });
  }
  const moduleLevel: FnSummary[] = [];
  const seen = new Set<string>();
  for (const m of callMatches(file.root)) {
    const id = m.captures.find((c) => c.name === 'id')?.node;
    const attr = m.captures.find((c) => c.name === 'attr')?.node;
    const obj = m.captures.find((c) => c.name === 'obj')?.node;
    const callback = m.captures.find((c) => c.name === 'callback')?.node;
    const anchor = id ?? attr ?? callback;
    if (!anchor) continue;
    const fn = file.functionAt(anchor.startIndex);
    // A route registered in a function (`def create_app(): app.router.add_post("/chat", chat)`) is still a route.
    const registered = m.captures.find((c) => c.name === 'call')?.node;
    if (registered) registration(file, registered, moduleLevel);
    if (!fn) continue;
    let target: { path: string; qualName: string } | null = null;
    const call = attr && obj ? m.captures.find((c) => c.name === 'call')?.node : undefined;
    const run = call ? graphRunOf(file, call, fn) : null;
    if (run) target = { path: run.path, qualName: graphRunKey(run.name) };
    else if (id || callback) {
      const n = (id ?? callback)!;
      if (BUILTINS.has(n.text)) continue;
      target = asFunction(resolveName(file, n.text, n.startIndex));
    } else if (attr && obj) {
      if (obj.type === 'identifier' && fn.cls && fn.params[0] === obj.text) target = { path: file.path, qualName: `${fn.cls.qualName}.${attr.text}` };
      else if (obj.type === 'identifier' || obj.type === 'call' || obj.type === 'attribute') {
        const r = resolveExpr(file, obj);
        // A parameter typed with a workspace class (`svc: LLMService = Depends(get_service)`) holds an instance of it.
        const owner = r.kind === 'param' ? r.annotation : r;
        if (r.kind === 'module') target = asFunction(file.index.exportOf(file.path, r.path, attr.text));
        else if (owner && (owner.kind === 'instance' || owner.kind === 'class') && owner.methods.includes(attr.text)) target = { path: owner.path, qualName: `${owner.qualName}.${attr.text}` };
      }
    }
    if (!target) continue;
    const key = `${fn.qualName}\0${target.path}\0${target.qualName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    byFn.get(fn)!.calls.push(target);
  }
  // A handler another module hands to a chat framework (`MessageHandler(filters.TEXT, handle_text)` after `from
  // handlers import handle_text`) runs per message there; one of this module is found by directReason.
  for (const r of chatRegistrations(file)) {
    const target = asFunction(resolveExpr(file, r.handler) as ReturnType<typeof resolveName>);
    if (target && target.path !== file.path) moduleLevel.push({ qualName: '<module>', name: '<module>', reason: r.reason, calls: [target], parent: null });
  }
  return [...byFn.values(), ...moduleLevel, ...graphSummaries(file)];
}

/**
 * A stand-in for each graph the module compiles: whoever runs it (`graph.ainvoke(…)`, here or in another module) calls
 * its nodes; LangGraph Platform runs it per run when `langgraph.json` names it.
 */
function graphSummaries(file: PyFile): FnSummary[] {
  const out: FnSummary[] = [];
  const platform = file.index.platformGraphs(file.path);
  for (const [name, fns] of compiledGraphs(file)) {
    out.push({ qualName: graphRunKey(name), name: `LangGraph ${name}`, reason: platform.get(name) ?? null, calls: fns.map((f) => ({ path: file.path, qualName: f.qualName })), parent: null });
  }
  return out;
}

function asFunction(r: ReturnType<typeof resolveName>): { path: string; qualName: string } | null {
  if (r.kind === 'function' || r.kind === 'factory') return { path: r.path, qualName: r.qualName };
  return null;
}

/**
 * `app.add_api_route("/x", handler)`, `Route("/x", endpoint=handler)`, `app.add_url_rule("/x", view_func=handler)`, and
 * aiohttp's `app.router.add_post("/x", handler)`, `app.router.add_route("POST", "/x", handler)`, `web.post("/x", handler)`.
 */
function registration(file: PyFile, call: Node, out: FnSummary[]): void {
  const fn = call.childForFieldName('function');
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
  if (!name) return;
  const aiohttp = AIOHTTP_ROUTE.test(name) && fn?.type === 'attribute' && isAiohttpWeb(file, fn.childForFieldName('object'));
  if (!aiohttp && !REGISTRATIONS.test(name)) return;
  const args = call.childForFieldName('arguments');
  let p = str(file, positional(args, 0)) ?? str(file, keyword(args, 'path')) ?? str(file, keyword(args, 'rule'));
  if (p === null) return;
  let verb: string | null = null;
  let handler = keyword(args, 'endpoint') ?? keyword(args, 'view_func') ?? keyword(args, 'handler') ?? (name === 'add_url_rule' ? positional(args, 2) : positional(args, 1));
  if ((name === 'add_route' || name === 'route') && HTTP_VERB.test(p)) {
    // aiohttp's add_route(method, path, handler) and web.route(method, path, handler).
    verb = p === '*' ? 'ANY' : p;
    p = str(file, positional(args, 1));
    handler = keyword(args, 'handler') ?? positional(args, 2);
    if (p === null) return;
  } else if (aiohttp || /^add_(get|post|put|patch|delete|head)$/.test(name)) verb = name.replace(/^add_/, '').toUpperCase();
  if (!handler) return;
  const target = asFunction(resolveExpr(file, handler) as ReturnType<typeof resolveName>);
  if (!target) return;
  const methods = keyword(args, 'methods');
  const list = methods ? methods.namedChildren.map((m) => str(file, m)).filter((m): m is string => !!m) : [];
  out.push({ qualName: '<module>', name: '<module>', reason: `route ${verb ?? (list.length ? list.join('|').toUpperCase() : 'GET')} ${p}`, calls: [target], parent: null });
}

/** `web` in `web.post(…)` is aiohttp's (`from aiohttp import web`, `import aiohttp.web as web`). */
function isAiohttpWeb(file: PyFile, obj: Node | null): boolean {
  if (obj?.type === 'attribute') return obj.text === 'aiohttp.web' && file.imports.has('aiohttp');
  if (obj?.type !== 'identifier') return false;
  const b = file.imports.get(obj.text);
  return !!b && (b.module === 'aiohttp.web' || (b.module === 'aiohttp' && b.name === 'web'));
}

const BUILTINS = new Set([
  'print', 'len', 'str', 'int', 'float', 'dict', 'list', 'set', 'tuple', 'range', 'isinstance', 'getattr', 'setattr', 'hasattr',
  'open', 'sorted', 'enumerate', 'zip', 'map', 'filter', 'min', 'max', 'sum', 'any', 'all', 'super', 'type', 'repr', 'bool',
  'Exception', 'ValueError', 'KeyError', 'RuntimeError', 'TypeError', 'iter', 'next', 'abs', 'round', 'format', 'id', 'vars',
]);

/** Closes direct and external reasons over the file's call graph: callees and nested functions inherit them. */
export function closeReasons(summaries: FnSummary[], pathOf: string, seeds: Map<string, string>): Map<string, string> {
  const reasons = new Map<string, string>();
  const byQual = new Map<string, FnSummary>();
  for (const s of summaries) if (s.qualName !== '<module>') byQual.set(s.qualName, s);
  const nested = new Map<string, FnSummary[]>();
  for (const s of summaries) {
    if (!s.parent) continue;
    const list = nested.get(s.parent);
    if (list) list.push(s);
    else nested.set(s.parent, [s]);
  }
  const queue: string[] = [];
  const seed = (q: string, why: string) => {
    if (reasons.has(q) || !byQual.has(q) || byQual.get(q)!.once) return;
    reasons.set(q, why);
    queue.push(q);
  };
  for (const s of summaries) {
    if (s.reason && s.qualName !== '<module>') seed(s.qualName, s.reason);
    if (s.qualName === '<module>' && s.reason) for (const c of s.calls) if (c.path === pathOf) seed(c.qualName, s.reason);
  }
  for (const [q, why] of seeds) seed(q, why);
  while (queue.length) {
    const q = queue.shift()!;
    const why = reasons.get(q)!;
    const s = byQual.get(q)!;
    for (const n of nested.get(q) ?? []) seed(n.qualName, why);
    for (const c of s.calls) if (c.path === pathOf) seed(c.qualName, `called from ${s.name} (${why})`);
  }
  return reasons;
}

const REGISTRATION_CALL = /\b(add_api_route|add_url_rule|add_route|add_websocket_route|Route|WebSocketRoute|add_get|add_post|add_put|add_patch|add_delete|add_head)\s*\(/dg;
/** With aiohttp's `web.post("/x", handler)` too: searched for only in modules that mention aiohttp (`.get(` is everywhere). */
const AIOHTTP_REGISTRATION_CALL = /\b(add_route|add_get|add_post|add_put|add_patch|add_delete|add_head|get|post|put|patch|delete|head|view|route)\s*\(/dg;

/**
 * Reasons for the file being analysed, found backwards from the functions that need one: a function is on a
 * request path when it is a handler, is nested in one, or is called (or passed as a callback) from one.
 * Only the callers of functions that hold facts are searched, so a keystroke does not rebuild a call graph.
 */
export class RequestPaths implements Reasons {
  private readonly memo = new Map<FnInfo, string | null>();
  private registered: Map<string, string> | null = null;

  private externalSeeds: Map<string, string> | null = null;

  constructor(
    private readonly file: PyFile,
    /** Reasons other workspace files give this file's functions (qualName → reason), asked for on first need. */
    private readonly external: () => Map<string, string>,
  ) {}

  reasonOf(fn: FnInfo): string | null {
    if (this.memo.has(fn)) return this.memo.get(fn)!;
    this.memo.set(fn, null);
    const r = this.compute(fn);
    this.memo.set(fn, r);
    return r;
  }

  private compute(fn: FnInfo): string | null {
    const file = this.file;
    if (runsOnceWhenCalled(file, fn)) return null;
    const direct = directReason(file, fn) ?? (this.externalSeeds ??= this.external()).get(fn.qualName) ?? this.registrations().get(fn.qualName);
    if (direct) return direct;
    if (fn.parent) {
      const outer = this.reasonOf(fn.parent);
      if (outer) return outer;
    }
    for (const caller of this.callers(fn)) {
      const why = this.reasonOf(caller);
      if (why) return `called from ${caller.name} (${why})`;
    }
    return this.graphReason(fn);
  }

  /** A node (or routing function) of a graph this module compiles runs whenever something runs the graph. */
  private graphReason(fn: FnInfo): string | null {
    const file = this.file;
    for (const [name, fns] of compiledGraphs(file)) {
      if (!fns.includes(fn)) continue;
      const from = `called from LangGraph ${name}`;
      const outside = (this.externalSeeds ??= this.external()).get(graphRunKey(name)) ?? file.index.platformGraphs(file.path).get(name);
      if (outside) return `${from} (${outside})`;
      for (const runner of localGraphRunners(file, name)) {
        const why = this.reasonOf(runner);
        if (why) return `${from} (called from ${runner.name} (${why}))`;
      }
    }
    return null;
  }

  /** Functions that call `fn` by name (`f(...)`, `self.f(...)`) or pass it along (`to_thread(f, ...)`). */
  private callers(fn: FnInfo): FnInfo[] {
    const file = this.file;
    const out: FnInfo[] = [];
    for (const n of wordNodes(file, fn.name, (x) => x)) {
      const caller = file.functionAt(n.startIndex);
      if (!caller || caller === fn || within(n, fn.node)) continue;
      if (isReference(file, n, fn, caller) && !out.includes(caller)) out.push(caller);
    }
    return out;
  }

  /** Module-level `app.add_api_route("/x", handler)` and friends, by handler qualName. */
  private registrations(): Map<string, string> {
    if (this.registered) return this.registered;
    const found: FnSummary[] = [];
    const calls = nodesMatching(this.file, REGISTRATION_CALL, 1, callOfName);
    if (/\baiohttp\b/.test(this.file.text)) calls.push(...nodesMatching(this.file, AIOHTTP_REGISTRATION_CALL, 1, callOfName));
    for (const call of calls) registration(this.file, call, found);
    this.registered = new Map();
    for (const f of found) for (const c of f.calls) if (c.path === this.file.path && f.reason) this.registered.set(c.qualName, f.reason);
    return this.registered;
  }
}

/** The identifier calls `fn` or passes it as a callback. */
function isReference(file: PyFile, n: Node, fn: FnInfo, caller: FnInfo): boolean {
  const p = n.parent;
  if (!p) return false;
  if (!fn.cls) {
    if (p.type === 'call' && p.childForFieldName('function')?.id === n.id) return true;
    return p.type === 'argument_list' || (p.type === 'keyword_argument' && p.childForFieldName('value')?.id === n.id);
  }
  // Methods: `self.name(...)` from a method of the same class, or `Service().name(...)` / `svc.name(...)`.
  if (p.type !== 'attribute' || p.childForFieldName('attribute')?.id !== n.id) return false;
  const obj = p.childForFieldName('object');
  if (!obj) return false;
  let method: FnInfo | null = caller;
  while (method && !method.cls) method = method.parent;
  if (obj.type === 'identifier' && method && method.cls === fn.cls && method.params[0] === obj.text) return true;
  const r = resolveExpr(file, obj);
  const owner = r.kind === 'param' ? r.annotation : r;
  return !!owner && (owner.kind === 'instance' || owner.kind === 'class') && owner.path === file.path && owner.qualName === fn.cls.qualName;
}
