// Facts added to call sites after extraction: where the tools list comes from (unstable-tool-order), serializations in
// the prompt's prefix, and request-level timing around the call (the latency split of untraced-llm-call).
import { ts } from './compiler';
import type { LlmCallSite, PromptSerialization, RequestTiming, ToolsSource } from '../../core/types';
import { argsFact, callsIn, enclosingFunction, isAncestor, isFunctionLike, nodeAt, propertyNameText, rootIdentifier, spanOf, unwrap, walk } from './ast';
import type { FileContext } from './file-context';
import { isImportRef, resolveExpression } from './resolve';
import { spanNameText } from './mcp';

/** Adds `toolsSource`, `serializations` and `requestTiming` to the file's own call sites. */
export function annotateCallSites(ctx: FileContext, callOf: Map<LlmCallSite, ts.CallExpression>, sites: LlmCallSite[], requestPaths: Map<ts.FunctionLikeDeclaration, string>): void {
  if (sites.length === 0) return;
  let module: ModuleTelemetry | undefined;
  // What varies per request depends only on the call's enclosing functions: work it out once per function.
  const derivedByFunction = new Map<ts.Node | undefined, Derived>();
  const derivedFor = (call: ts.CallExpression): Derived => {
    const fn = enclosingFunction(call);
    let d = derivedByFunction.get(fn);
    if (!d) derivedByFunction.set(fn, (d = new Derived(call, ctx)));
    return d;
  };
  for (const site of sites) {
    if (site.path !== ctx.path) continue;
    const call = callOf.get(site);
    if (!call) continue;
    const options = call.arguments.find((a) => ts.isObjectLiteralExpression(unwrap(a)));
    const obj = options ? (unwrap(options) as ts.ObjectLiteralExpression) : undefined;
    const toolsExpr = obj ? prop(obj, 'tools') ?? prop(obj, 'functions') : undefined;
    const toolsPart = site.prompt.find((p) => p.role === 'tools');
    const prefixValues = site.prompt.some((p) => (p.role === 'system' || p.role === 'developer') && p.segments.some((g) => g.kind === 'dynamic'));
    // What varies per request is worked out only for calls that have something to classify.
    const derived = (toolsExpr && toolsPart) || prefixValues ? derivedFor(call) : null;
    if (toolsExpr && toolsPart && derived) {
      const source = classifyTools(toolsExpr, ctx, derived, 0);
      // `[...names].map((n) => TOOL_DEFS[n])`: the definitions are whatever module-level table the expression reads.
      if (!source.definitionsText && source.kind !== 'literal') {
        const defs = moduleDefinitions([toolsExpr], ctx);
        if (defs) source.definitionsText = defs;
      }
      toolsPart.toolsSource = source;
    }
    const serializations = derived ? serializationsIn(site, call, ctx, derived) : [];
    if (serializations.length) site.serializations = serializations;
    const timing = requestTimingOf(call, ctx, requestPaths, (module ??= moduleTelemetry(ctx)));
    if (timing) site.requestTiming = timing;
    if (site.streaming === true) {
      const loop = streamLoopOf(call, ctx);
      if (loop) site.streamLoop = loop;
    }
  }
}

/** `const s = await call;` then, as the next statement, `for await (const c of s) …` with `s` used nowhere else. */
function streamLoopOf(call: ts.CallExpression, ctx: FileContext): LlmCallSite['streamLoop'] {
  const aw = call.parent;
  if (!aw || !ts.isAwaitExpression(aw)) return undefined;
  const decl = aw.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || decl.initializer !== aw || !ts.isIdentifier(decl.name)) return undefined;
  const list = decl.parent;
  const stmt = list?.parent;
  if (!list || !ts.isVariableDeclarationList(list) || list.declarations.length !== 1 || !stmt || !ts.isVariableStatement(stmt) || !ts.isBlock(stmt.parent)) return undefined;
  const block = stmt.parent;
  const next = block.statements[block.statements.indexOf(stmt) + 1];
  const name = decl.name.text;
  if (!next || !ts.isForOfStatement(next) || !next.awaitModifier || !ts.isIdentifier(next.expression) || next.expression.text !== name) return undefined;
  let escapes = false;
  walk(next.statement, (n) => {
    if (isFunctionLike(n)) return false;
    if (ts.isReturnStatement(n) || ts.isYieldExpression(n) || ((ts.isBreakStatement(n) || ts.isContinueStatement(n)) && n.label)) escapes = true;
    return undefined;
  });
  if (escapes) return undefined;
  let uses = 0;
  walk(block, (n) => {
    if (ts.isIdentifier(n) && n.text === name && !isPropertyName(n)) uses++;
  });
  // The declaration and the loop's expression only.
  if (uses !== 2) return undefined;
  return { statementSpan: spanOf(stmt, ctx.sf), loopSpan: spanOf(next, ctx.sf), bodySpan: spanOf(next.statement, ctx.sf), bodyIsBlock: ts.isBlock(next.statement) };
}

function prop(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// What varies per request

/**
 * Names in the call's function that hold request data: the parameters of the enclosing functions and every local
 * computed from one of them (declared, assigned, filled with `x[k] = …` / `.set` / `.add` / `.push`, or a loop variable).
 */
class Derived {
  readonly names = new Set<string>();
  readonly locals = new Map<string, ts.Node[]>();
  private readonly outer: ts.FunctionLikeDeclaration | undefined;

  constructor(node: ts.Node, private readonly ctx: FileContext) {
    let outer: ts.FunctionLikeDeclaration | undefined;
    for (let f = enclosingFunction(node); f; f = enclosingFunction(f)) {
      outer = f;
      for (const p of f.parameters) collectBindingNames(p.name, this.names);
    }
    this.outer = outer;
    if (!outer?.body) return;
    // Locals and what feeds them: declarations, assignments and mutations.
    const feeds: Array<[string, ts.Node]> = [];
    walk(outer.body, (n) => {
      if (ts.isVariableDeclaration(n) && n.initializer) {
        const names = new Set<string>();
        collectBindingNames(n.name, names);
        for (const x of names) feeds.push([x, n.initializer]);
        // `for (const t of req.tools)`: the loop variable comes from the iterated value.
        if (n.parent && ts.isVariableDeclarationList(n.parent) && n.parent.parent && (ts.isForOfStatement(n.parent.parent) || ts.isForInStatement(n.parent.parent))) for (const x of names) feeds.push([x, n.parent.parent.expression]);
      } else if (ts.isVariableDeclaration(n) && n.parent && ts.isVariableDeclarationList(n.parent) && n.parent.parent && (ts.isForOfStatement(n.parent.parent) || ts.isForInStatement(n.parent.parent))) {
        const names = new Set<string>();
        collectBindingNames(n.name, names);
        for (const x of names) feeds.push([x, n.parent.parent.expression]);
      } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const root = rootIdentifier(n.left);
        if (root) feeds.push([root, n.right]);
      } else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(set|add|push|unshift|splice|assign)$/.test(n.expression.name.text)) {
        const root = rootIdentifier(n.expression.expression);
        if (root) for (const a of n.arguments) feeds.push([root, a]);
        // Object.assign(target, source)
        if (n.expression.name.text === 'assign' && n.arguments[0]) {
          const t = rootIdentifier(n.arguments[0]);
          if (t) for (const a of n.arguments.slice(1)) feeds.push([t, a]);
        }
      }
    });
    for (const [name, src] of feeds) this.locals.set(name, [...(this.locals.get(name) ?? []), src]);
    for (let changed = true, i = 0; changed && i < 6; i++) {
      changed = false;
      for (const [name, srcs] of this.locals) {
        if (this.names.has(name)) continue;
        if (srcs.some((s) => this.mentions(s))) {
          this.names.add(name);
          changed = true;
        }
      }
    }
  }

  /** The expression reads a name that holds request data. */
  mentions(node: ts.Node): boolean {
    let hit = false;
    const check = (n: ts.Node): void => {
      if (hit) return;
      if (ts.isIdentifier(n) && this.names.has(n.text) && !isPropertyName(n)) hit = true;
      else ts.forEachChild(n, check);
    };
    check(node);
    return hit;
  }

  /** Declared inside the call's function (a parameter or a local), not at module level or imported. */
  isLocal(id: ts.Identifier): boolean {
    const decl = this.ctx.declarationOf(id);
    if (!decl || isImportRef(decl)) return false;
    return !!this.outer && isAncestor(this.outer, decl as ts.Node);
  }
}

function isPropertyName(n: ts.Identifier): boolean {
  const p = n.parent;
  return (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n);
}

function collectBindingNames(name: ts.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) out.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) collectBindingNames(el.name, out);
}

/** The module-level object or array literals an expression reads (the definitions behind a registry), as text. */
function moduleDefinitions(nodes: ts.Node[], ctx: FileContext): string | undefined {
  const texts = new Set<string>();
  for (const node of nodes) {
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n) && !isPropertyName(n)) {
        const decl = ctx.declarationOf(n);
        if (!decl || (!isImportRef(decl) && (!ts.isVariableDeclaration(decl as ts.Node) || enclosingFunction(decl as ts.Node)))) return;
        // Module-level here or exported by another workspace module.
        const r = resolveExpression(n, ctx);
        if (r.kind === 'node' && (ts.isArrayLiteralExpression(r.node) || ts.isObjectLiteralExpression(r.node)) && !enclosingFunction(r.node)) texts.add(r.node.getText(r.ctx.sf));
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
  }
  return texts.size ? [...texts].join('\n') : undefined;
}

// ---------------------------------------------------------------------------
// Tools

const stable = (kind: ToolsSource['kind'], node: ts.Node, ctx: FileContext): ToolsSource => ({ kind, unstable: false, span: spanOf(node, ctx.sf) });

/** Where a tools list comes from, through variables and order-preserving calls (`.map`, `Array.from`, spreads). */
function classifyTools(expr: ts.Expression, ctx: FileContext, derived: Derived, depth: number): ToolsSource {
  const e = unwrap(expr);
  if (depth > 5) return stable('unknown', e, ctx);
  if (ts.isArrayLiteralExpression(e)) {
    // `[...toolSet]`, `[...registry.values()]`
    if (e.elements.length === 1 && ts.isSpreadElement(e.elements[0])) return classifyTools(e.elements[0].expression, ctx, derived, depth + 1);
    const unstable = e.elements.map((el) => (ts.isSpreadElement(el) ? classifyTools(el.expression, ctx, derived, depth + 1) : null)).find((s) => s?.unstable);
    return unstable ?? stable('literal', e, ctx);
  }
  if (ts.isObjectLiteralExpression(e)) return stable('literal', e, ctx);
  if (ts.isIdentifier(e)) {
    const decl = ctx.declarationOf(e);
    if (!decl || isImportRef(decl)) return stable(decl ? 'constant' : 'unknown', e, ctx);
    const node = decl as ts.Node;
    if (ts.isParameter(node)) return stable('unknown', e, ctx);
    if (ts.isVariableDeclaration(node) && node.initializer) {
      if (!enclosingFunction(node)) return stable('constant', e, ctx);
      const inner = classifyTools(node.initializer, ctx, derived, depth + 1);
      // `const tools = new Set<Tool>()` filled from the request, then `[...tools]`.
      if (!inner.unstable && isSetConstruction(node.initializer) && derived.names.has(e.text)) {
        return { kind: 'set', unstable: true, span: spanOf(e, ctx.sf), reason: `the Set \`${e.text}\` is filled from the request, so its order follows the request` };
      }
      return inner;
    }
    return stable('unknown', e, ctx);
  }
  if (ts.isCallExpression(e)) {
    const callee = unwrap(e.expression);
    const text = callee.getText(ctx.sf);
    // Object.values / keys / entries of an object built from the request
    const objectIter = /^Object\.(values|keys|entries)$/.exec(text);
    if (objectIter && e.arguments[0]) {
      const target = e.arguments[0];
      const root = rootIdentifier(target);
      const id = root ? findIdentifier(target, root) : undefined;
      if (id && derived.names.has(root!) && derived.isLocal(id)) {
        const kind = objectIter[1] === 'values' ? 'map-values' : 'map-keys';
        return {
          kind,
          unstable: true,
          span: spanOf(e, ctx.sf),
          reason: `\`${text}(${target.getText(ctx.sf)})\` lists an object built from the request, so the tools' order and set follow each request`,
          definitionsText: moduleDefinitions(derived.locals.get(root!) ?? [], ctx),
        };
      }
      return stable('constant', e, ctx);
    }
    if (text === 'Array.from' && e.arguments[0]) return classifyTools(e.arguments[0], ctx, derived, depth + 1);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const base = callee.expression;
      // Sorting fixes the order whatever the source.
      if (/^(sort|toSorted)$/.test(method)) return stable('literal', e, ctx);
      if (/^(map|flat|flatMap|concat|slice|toReversed|reverse)$/.test(method)) {
        const inner = classifyTools(base, ctx, derived, depth + 1);
        return inner.unstable ? inner : { ...inner, span: spanOf(e, ctx.sf) };
      }
      // `registry.values()` of a Map filled from the request
      if (/^(values|keys|entries)$/.test(method) && e.arguments.length === 0) {
        const root = rootIdentifier(base);
        const id = root ? findIdentifier(base, root) : undefined;
        if (id && derived.names.has(root!) && derived.isLocal(id)) {
          return {
            kind: method === 'values' ? 'map-values' : 'map-keys',
            unstable: true,
            span: spanOf(e, ctx.sf),
            reason: `\`${e.getText(ctx.sf)}\` lists a collection filled from the request, so the tools' order and set follow each request`,
            definitionsText: moduleDefinitions(derived.locals.get(root!) ?? [], ctx),
          };
        }
        return stable('constant', e, ctx);
      }
      if (method === 'filter' && e.arguments[0]) {
        const inner = classifyTools(base, ctx, derived, depth + 1);
        if (inner.unstable) return inner;
        // A filter on request data (permissions, the user's plan, the message) sends a different list per request;
        // filtering a list the request itself sent is not a different choice from a fixed list.
        if (!derived.mentions(base) && derived.mentions(e.arguments[0])) {
          const root = rootIdentifier(base);
          const id = root ? findIdentifier(base, root) : undefined;
          const full = id && !derived.isLocal(id) ? base.getText(ctx.sf) : undefined;
          return {
            kind: 'filter',
            unstable: true,
            span: spanOf(e, ctx.sf),
            reason: `\`${base.getText(ctx.sf)}.filter(…)\` picks the tools per request, so the list differs between requests`,
            fullList: full,
            definitionsText: id ? moduleDefinitions([id], ctx) : undefined,
          };
        }
        return { ...inner, span: spanOf(e, ctx.sf) };
      }
    }
  }
  return stable('unknown', e, ctx);
}

function isSetConstruction(e: ts.Expression): boolean {
  const u = unwrap(e);
  return ts.isNewExpression(u) && ts.isIdentifier(u.expression) && u.expression.text === 'Set';
}

function findIdentifier(e: ts.Expression, name: string): ts.Identifier | undefined {
  let x = unwrap(e);
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isCallExpression(x) || ts.isNonNullExpression(x)) x = unwrap(x.expression);
  return ts.isIdentifier(x) && x.text === name ? x : undefined;
}

// ---------------------------------------------------------------------------
// Serializations in the prefix

const SCHEMA_NAME = /schema|tool|function|parameters|format|spec|definition/i;

function serializationsIn(site: LlmCallSite, call: ts.CallExpression, ctx: FileContext, derived: Derived): PromptSerialization[] {
  const out: PromptSerialization[] = [];
  for (const part of site.prompt) {
    if (part.role !== 'tools' && part.role !== 'system' && part.role !== 'developer') continue;
    for (const seg of part.segments) {
      if (seg.kind !== 'dynamic') continue;
      const node = nodeAt(call, seg.span.start, seg.span.end, ctx.sf);
      if (!node) continue;
      const roots: ts.Node[] = [node];
      // `content: systemPrompt` with `const systemPrompt = \`…${JSON.stringify(schema)}\`` in the function.
      const u = ts.isExpression(node) ? unwrap(node) : node;
      if (ts.isIdentifier(u)) {
        const decl = ctx.declarationOf(u);
        if (decl && !isImportRef(decl) && ts.isVariableDeclaration(decl as ts.Node) && (decl as ts.VariableDeclaration).initializer && enclosingFunction(decl as ts.Node)) roots.push((decl as ts.VariableDeclaration).initializer!);
      }
      for (const root of roots) {
        const visit = (n: ts.Node): void => {
          if (ts.isCallExpression(n) && n.expression.getText(ctx.sf) === 'JSON.stringify' && n.arguments[0]) {
            const arg = n.arguments[0];
            const argRoot = rootIdentifier(arg);
            const id = argRoot ? findIdentifier(arg, argRoot) : undefined;
            const perRequest = !!id && derived.isLocal(id) && (derived.names.has(id.text) || !isLiteralLocal(id, ctx));
            const name = argRoot ?? arg.getText(ctx.sf);
            out.push({
              span: spanOf(n, ctx.sf),
              api: 'JSON.stringify',
              sortedKeys: false,
              perRequest,
              schemaLike: SCHEMA_NAME.test(name) || SCHEMA_NAME.test(sourceText(id, ctx)),
              argText: arg.getText(ctx.sf),
              args: argsFact(n, -1, ctx.sf),
              role: part.role,
            });
          }
          ts.forEachChild(n, visit);
        };
        visit(root);
      }
    }
  }
  return out;
}

/** A local declared as an object literal with no request data in it: its key order is the literal's. */
function isLiteralLocal(id: ts.Identifier, ctx: FileContext): boolean {
  const decl = ctx.declarationOf(id);
  if (!decl || isImportRef(decl) || !ts.isVariableDeclaration(decl as ts.Node)) return false;
  const init = (decl as ts.VariableDeclaration).initializer;
  return !!init && ts.isObjectLiteralExpression(unwrap(init)) && !unwrap(init).getText(ctx.sf).includes('...');
}

function sourceText(id: ts.Identifier | undefined, ctx: FileContext): string {
  if (!id) return '';
  const decl = ctx.declarationOf(id);
  if (!decl || isImportRef(decl) || !ts.isVariableDeclaration(decl as ts.Node)) return '';
  return (decl as ts.VariableDeclaration).initializer?.getText(ctx.sf).slice(0, 200) ?? '';
}

// ---------------------------------------------------------------------------
// Request timing

interface ModuleTelemetry {
  meter?: string;
  durationHistogram?: string;
  /** A timing middleware in this file (`app.use((req, res, next) => { const t = performance.now(); … })`). */
  middleware?: ts.Node;
}

const TIME_READ = /\bperformance\.now\(\)|\bDate\.now\(\)|\bprocess\.hrtime\b|\bconsole\.time\(|\bnew Date\(\)\.getTime\(\)|\.startTimer\(/;
const TIME_END = /(\bperformance\.now\(\)|\bDate\.now\(\)|\bprocess\.hrtime(\.bigint)?\([^)]*\)|\bnew Date\(\)\.getTime\(\))\s*-|\bconsole\.timeEnd\(|\.(record|observe)\(|\bend\w*Timer\w*\(|\bstopTimer\(|\bhrtime\(\s*[A-Za-z_]/;
const SPAN_CALL = /^(startActiveSpan|startSpan)$/;
/** A span named for the request rather than the model call. */
export function isRequestSpanName(name: string): boolean {
  return /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)(\s|$)/.test(name) || name.startsWith('/') || /\b(request|handler|route|endpoint|http)\b/i.test(name);
}

function moduleTelemetry(ctx: FileContext): ModuleTelemetry {
  const out: ModuleTelemetry = {};
  for (const stmt of ctx.sf.statements) {
    if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        const text = d.initializer.getText(ctx.sf);
        if (/^metrics\.getMeter\(|\.getMeter\(/.test(text)) out.meter ??= d.name.text;
        if (/\.createHistogram\(\s*['"`]gen_ai\.client\.operation\.duration['"`]/.test(text)) out.durationHistogram ??= d.name.text;
      }
    }
  }
  // Express / Hono / Koa middleware that times every request: `app.use((req, res, next) => { … performance.now() … })`.
  for (const n of callsIn(ctx.sf)) {
    if (out.middleware) break;
    if (!ts.isPropertyAccessExpression(n.expression) || n.expression.name.text !== 'use') continue;
    for (const a of n.arguments) {
      const f = unwrap(a);
      if (isFunctionLike(f) && f.body && TIME_READ.test(f.body.getText(ctx.sf)) && /\bnext\b/.test(f.getText(ctx.sf))) out.middleware = n;
    }
  }
  return out;
}

function requestTimingOf(call: ts.CallExpression, ctx: FileContext, requestPaths: Map<ts.FunctionLikeDeclaration, string>, module: ModuleTelemetry): RequestTiming | undefined {
  const fns: ts.FunctionLikeDeclaration[] = [];
  for (let f = enclosingFunction(call); f; f = enclosingFunction(f)) fns.push(f);
  if (!fns.some((f) => requestPaths.has(f))) return undefined;
  const extra = { ...(module.meter ? { meter: module.meter } : {}), ...(module.durationHistogram ? { durationHistogram: module.durationHistogram } : {}) };
  // Spans around the call: the callbacks it sits in, and spans started earlier in its functions.
  const spans: Array<{ name: string | null; server: boolean; node: ts.Node }> = [];
  for (let p: ts.Node | undefined = call.parent; p; p = p.parent) {
    if (!ts.isCallExpression(p)) continue;
    const callee = unwrap(p.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (SPAN_CALL.test(name) && p.arguments.some((a) => isAncestor(a, call))) spans.push(spanInfo(p, ctx));
  }
  for (const f of fns) {
    if (!f.body) continue;
    walk(f.body, (n) => {
      if (n.pos > call.pos) return false;
      if (isFunctionLike(n) && !isAncestor(n, call)) return false;
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'startSpan') spans.push(spanInfo(n, ctx));
      return undefined;
    });
  }
  if (spans.length > 0) {
    // Any span that may be the model call's own (named for it, or named at run time) means the call is traced.
    if (!spans.every((s) => s.server || (s.name !== null && isRequestSpanName(s.name)))) return undefined;
    const outer = spans[spans.length - 1];
    return { kind: 'span', label: outer.name !== null ? `span "${outer.name.trim()}"` : 'a SERVER span', span: spanOf(outer.node, ctx.sf), ...extra };
  }
  // A timer read before the call and read or recorded after it, in the same handler.
  for (const f of fns) {
    if (!f.body) continue;
    const body = f.body;
    const text = ctx.text;
    const before = text.slice(body.getStart(ctx.sf), call.getStart(ctx.sf));
    const after = text.slice(call.end, body.end);
    const m = TIME_READ.exec(before);
    if (m && TIME_END.test(after)) {
      const at = body.getStart(ctx.sf) + m.index;
      const recorded = /\.(record|observe)\(/.test(after);
      const label = m[0].replace(/\($/, '').replace(/^\./, '');
      return { kind: recorded ? 'metric' : 'timer', label: recorded ? `${label} … histogram.record` : label, span: { start: at, end: at + m[0].length }, ...extra };
    }
  }
  if (module.middleware) return { kind: 'middleware', label: 'a timing middleware', span: spanOf(module.middleware, ctx.sf), ...extra };
  return undefined;
}

function spanInfo(call: ts.CallExpression, ctx: FileContext): { name: string | null; server: boolean; node: ts.Node } {
  const opts = call.arguments.slice(1).find((a) => ts.isObjectLiteralExpression(unwrap(a)));
  return { name: spanNameText(call.arguments[0]), server: !!opts && /SpanKind\.SERVER/.test(opts.getText(ctx.sf)), node: call };
}
