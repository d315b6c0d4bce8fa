// Facts added to call sites after extraction, mirroring the TypeScript front end's call-annotations.ts: where the tools
// list comes from, serializations in the prompt's prefix, and request-level timing around the call.
import type { LlmCallSite, PromptSerialization, RequestTiming, ToolsSource } from '../../../core/types';
import { OffsetMap } from '../offsets';
import { indexUnit, withTree } from '../parser';
import type { FnInfo, PyFile } from './file-context';
import { withSpanCalls } from './mcp';
import { resolveName } from './resolve';
import { stringValue } from './strings';
import { attributeChain, callArguments, keyword, lastName, unwrap, type Node } from './syntax';
import { identifiersNamed } from './text-search';
import { callArgs } from './values';

/** Adds `toolsSource`, `serializations` and `requestTiming` to the file's own call sites. */
export function annotateCallSites(file: PyFile, sites: LlmCallSite[]): void {
  let module: ModuleTelemetry | undefined;
  // What varies per request depends only on the call's enclosing functions: work it out once per function.
  const derivedByFunction = new Map<FnInfo | null, Derived>();
  const derivedFor = (call: Node): Derived => {
    const fn = file.functionAt(call.startIndex);
    let d = derivedByFunction.get(fn);
    if (!d) derivedByFunction.set(fn, (d = new Derived(call, file)));
    return d;
  };
  for (const site of sites) {
    if (site.path !== file.path) continue;
    const call = callAt(file, site.span.start, site.span.end);
    if (!call) continue;
    const argsNode = call.childForFieldName('arguments');
    const toolsExpr = keyword(argsNode, 'tools') ?? keyword(argsNode, 'functions');
    const toolsPart = site.prompt.find((p) => p.role === 'tools');
    const prefixValues = site.prompt.some((p) => (p.role === 'system' || p.role === 'developer') && p.segments.some((g) => g.kind === 'dynamic'));
    // What varies per request is worked out only for calls that have something to classify.
    const derived = (toolsExpr && toolsPart) || prefixValues ? derivedFor(call) : null;
    if (toolsExpr && toolsPart && derived) {
      const source = classifyTools(toolsExpr, file, derived, 0);
      if (!source.definitionsText && source.kind !== 'literal') {
        const defs = derived.definitions([toolsExpr]);
        if (defs) source.definitionsText = defs;
      }
      toolsPart.toolsSource = source;
    }
    const serializations = derived ? serializationsIn(site, file, derived) : [];
    if (serializations.length) site.serializations = serializations;
    const timing = requestTimingOf(site, call, file, (module ??= moduleTelemetry(file)));
    if (timing) site.requestTiming = timing;
  }
}

function callAt(file: PyFile, start: number, end: number): Node | null {
  let n: Node | null = file.root.descendantForIndex(file.offsets.fromUtf16(start), file.offsets.fromUtf16(end));
  while (n && !(n.type === 'call' && file.span(n).start === start)) n = n.parent;
  return n;
}

function nodeAt(file: PyFile, start: number, end: number): Node | null {
  let n: Node | null = file.root.descendantForIndex(file.offsets.fromUtf16(start), file.offsets.fromUtf16(end));
  while (n && n.parent && file.span(n).start === start && file.span(n.parent).start === start && file.span(n.parent).end === end) n = n.parent;
  return n;
}

// ---------------------------------------------------------------------------
// What varies per request

function rootName(e: Node): string | null {
  let x = unwrap(e);
  for (;;) {
    if (x.type === 'attribute') x = x.childForFieldName('object') ?? x;
    else if (x.type === 'subscript') x = x.childForFieldName('value') ?? x;
    else if (x.type === 'call') x = x.childForFieldName('function') ?? x;
    else break;
    x = unwrap(x);
  }
  return x.type === 'identifier' ? x.text : null;
}

/** Parameters of the enclosing functions and every local computed from one of them. */
class Derived {
  readonly names = new Set<string>();
  readonly locals = new Map<string, Node[]>();
  private readonly declared = new Set<string>();

  constructor(node: Node, private readonly file: PyFile) {
    let outer: FnInfo | null = null;
    for (let f = file.functionAt(node.startIndex); f; f = f.parent) {
      outer = f;
      f.params.forEach((p, i) => {
        if (i === 0 && f!.cls && (p === 'self' || p === 'cls')) return;
        this.names.add(p);
        this.declared.add(p);
      });
    }
    const body = outer?.node.childForFieldName('body');
    if (!body) return;
    const feed = (name: string | null, src: Node | null) => {
      if (!name || !src) return;
      this.declared.add(name);
      this.locals.set(name, [...(this.locals.get(name) ?? []), src]);
    };
    const targets = (n: Node | null): string[] => {
      if (!n) return [];
      if (n.type === 'identifier') return [n.text];
      if (n.type === 'pattern_list' || n.type === 'tuple_pattern' || n.type === 'list_pattern' || n.type === 'tuple') return n.namedChildren.flatMap(targets);
      if (n.type === 'subscript' || n.type === 'attribute') {
        const r = rootName(n);
        return r ? [r] : [];
      }
      return [];
    };
    for (const n of body.descendantsOfType(['assignment', 'augmented_assignment', 'for_statement', 'for_in_clause', 'named_expression', 'call'])) {
      if (n.type === 'assignment' || n.type === 'augmented_assignment') {
        const right = n.childForFieldName('right');
        for (const t of targets(n.childForFieldName('left'))) feed(t, right);
        // `registry[name] = …`: the key feeds it too.
        const left = n.childForFieldName('left');
        if (left?.type === 'subscript') feed(rootName(left), left.childForFieldName('subscript'));
      } else if (n.type === 'for_statement' || n.type === 'for_in_clause') {
        for (const t of targets(n.childForFieldName('left'))) feed(t, n.childForFieldName('right'));
      } else if (n.type === 'named_expression') {
        feed(n.childForFieldName('name')?.text ?? null, n.childForFieldName('value'));
      } else {
        const fn = n.childForFieldName('function');
        const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : null;
        if (method && /^(append|add|update|extend|insert|setdefault)$/.test(method)) {
          const root = rootName(fn!.childForFieldName('object')!);
          for (const a of n.childForFieldName('arguments')?.namedChildren ?? []) feed(root, a);
        }
      }
    }
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

  mentions(node: Node): boolean {
    if (node.type === 'identifier') return this.names.has(node.text);
    // The names are few and the node may be large: look each name up by text rather than walking the node.
    for (const name of this.names) {
      for (const id of identifiersNamed(this.file, name, node.startIndex, node.endIndex)) {
        const p = id.parent;
        if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === id.id) continue;
        if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === id.id) continue;
        return true;
      }
    }
    return false;
  }

  /** A parameter or local of the call's function (not a module-level name). */
  isLocal(name: string): boolean {
    return this.declared.has(name);
  }

  /** Module-level list or dict literals the sources of `name` read (the definitions behind a registry), as text. */
  definitions(nodes: Node[]): string | undefined {
    const texts = new Set<string>();
    for (const n of nodes) {
      const ids = n.type === 'identifier' ? [n] : n.descendantsOfType('identifier');
      for (const id of ids) {
        if (this.declared.has(id.text)) continue;
        const r = resolveName(this.file, id.text, id.startIndex);
        if (r.kind === 'node' && !r.file.functionAt(r.node.startIndex) && (r.node.type === 'list' || r.node.type === 'dictionary')) texts.add(r.file.src(r.node));
        else if (r.kind === 'unknown') {
          const imported = importedLiteral(this.file, id.text);
          if (imported) texts.add(imported);
        }
      }
    }
    return texts.size ? [...texts].join('\n') : undefined;
  }
}

/** The list or dict literal a name imported from another workspace module is assigned at that module's top level. */
function importedLiteral(file: PyFile, name: string): string | null {
  const b = file.imports.get(name);
  if (!b || !b.name) return null;
  const target = file.index.resolveModule(file.path, b.level, b.module);
  const text = target ? file.index.textOf(target) : undefined;
  if (!text || text.length > 1_000_000) return null;
  return withTree(text, (tree) => {
    const offsets = new OffsetMap(text, indexUnit());
    for (const stmt of tree.rootNode.namedChildren) {
      const a = stmt.type === 'expression_statement' ? stmt.firstNamedChild : null;
      if (a?.type !== 'assignment' || a.childForFieldName('left')?.text !== b.name) continue;
      const right = a.childForFieldName('right');
      if (right && (right.type === 'list' || right.type === 'dictionary')) {
        const s = offsets.span(right);
        return text.slice(s.start, s.end);
      }
    }
    return null;
  });
}

// ---------------------------------------------------------------------------
// Tools

const SET_REASON = "a set's iteration order depends on string hashes, which Python randomises per process (PYTHONHASHSEED), so each worker sends the tools in its own order";

function stable(kind: ToolsSource['kind'], node: Node, file: PyFile): ToolsSource {
  return { kind, unstable: false, span: file.span(node) };
}

/** A set: `{…}`, a set comprehension, `set(…)` / `frozenset(…)`, or a name bound to one. */
function isSetExpr(e: Node, file: PyFile, depth = 0): boolean {
  const u = unwrap(e);
  if (u.type === 'set' || u.type === 'set_comprehension') return true;
  if (u.type === 'call') {
    const fn = u.childForFieldName('function');
    if (fn?.type === 'identifier' && (fn.text === 'set' || fn.text === 'frozenset')) return true;
    // a | b, a & b of sets
  }
  if (u.type === 'binary_operator' && /^[|&-]$/.test(u.childForFieldName('operator')?.type ?? '')) {
    const l = u.childForFieldName('left');
    return !!l && isSetExpr(l, file, depth + 1);
  }
  if (u.type === 'identifier' && depth < 3) {
    const r = resolveName(file, u.text, u.startIndex);
    if (r.kind === 'node' && r.node.id !== u.id) return isSetExpr(r.node, r.file, depth + 1);
  }
  return false;
}

function classifyTools(expr: Node, file: PyFile, derived: Derived, depth: number): ToolsSource {
  const e = unwrap(expr);
  if (depth > 5) return stable('unknown', e, file);
  if (isSetExpr(e, file)) return { kind: 'set', unstable: true, span: file.span(e), reason: SET_REASON };
  switch (e.type) {
    case 'list':
    case 'tuple': {
      const items = e.namedChildren.filter((c) => c.type !== 'comment');
      const splats = items.filter((c) => c.type === 'list_splat').map((c) => classifyTools(c.namedChildren[0] ?? c, file, derived, depth + 1));
      return splats.find((s) => s.unstable) ?? stable('literal', e, file);
    }
    case 'dictionary':
      return stable('literal', e, file);
    case 'identifier': {
      if (!derived.isLocal(e.text)) return stable('constant', e, file);
      const r = resolveName(file, e.text, e.startIndex);
      if (r.kind === 'node' && r.file === file && r.node.id !== e.id && file.functionAt(r.node.startIndex)) return classifyTools(r.node, file, derived, depth + 1);
      return stable('unknown', e, file);
    }
    case 'list_comprehension':
    case 'generator_expression': {
      const clause = e.namedChildren.find((c) => c.type === 'for_in_clause');
      const iterable = clause?.childForFieldName('right');
      if (!iterable) return stable('unknown', e, file);
      if (isSetExpr(iterable, file)) return { kind: 'set', unstable: true, span: file.span(iterable), reason: SET_REASON, definitionsText: derived.definitions([e]) };
      const cond = e.namedChildren.find((c) => c.type === 'if_clause');
      // Filtering a list the request sent is the request's own list; filtering a fixed list by request data is not.
      if (cond && !derived.mentions(iterable) && derived.mentions(cond)) return filtered(e, iterable, file, derived);
      const inner = classifyTools(iterable, file, derived, depth + 1);
      return inner.unstable ? inner : { ...inner, span: file.span(e) };
    }
    case 'call': {
      const fn = e.childForFieldName('function');
      const args = callArguments(e.childForFieldName('arguments'));
      if (fn?.type === 'identifier') {
        if (fn.text === 'sorted') return stable('literal', e, file);
        if ((fn.text === 'list' || fn.text === 'tuple') && args.positional[0]) return classifyTools(args.positional[0], file, derived, depth + 1);
        if (fn.text === 'filter' && args.positional[1]) {
          if (!derived.mentions(args.positional[1]) && derived.mentions(args.positional[0])) return filtered(e, args.positional[1], file, derived);
          return classifyTools(args.positional[1], file, derived, depth + 1);
        }
      }
      if (fn?.type === 'attribute') {
        const method = fn.childForFieldName('attribute')?.text ?? '';
        const base = fn.childForFieldName('object');
        if (base && /^(values|keys|items)$/.test(method) && args.positional.length === 0) {
          const root = rootName(base);
          if (root && derived.isLocal(root) && derived.names.has(root)) {
            return {
              kind: method === 'values' ? 'map-values' : 'map-keys',
              unstable: true,
              span: file.span(e),
              reason: `\`${file.src(e)}\` lists a dict built from the request, so the tools' order and set follow each request`,
              definitionsText: derived.definitions(derived.locals.get(root) ?? []),
            };
          }
          return stable('constant', e, file);
        }
        if (base && method === 'copy') return classifyTools(base, file, derived, depth + 1);
      }
      return stable('unknown', e, file);
    }
    default:
      return stable('unknown', e, file);
  }
}

/** A per-request filter of a list: `[t for t in TOOLS if t["name"] in allowed]`, `filter(pred, TOOLS)`. */
function filtered(e: Node, iterable: Node, file: PyFile, derived: Derived): ToolsSource {
  const root = rootName(iterable);
  const full = root && !derived.isLocal(root) && unwrap(iterable).type === 'identifier' ? root : undefined;
  return {
    kind: 'filter',
    unstable: true,
    span: file.span(e),
    reason: `the comprehension picks tools from \`${file.src(iterable)}\` per request, so the list differs between requests`,
    fullList: full,
    definitionsText: derived.definitions([iterable]),
  };
}

// ---------------------------------------------------------------------------
// Serializations in the prefix

const SCHEMA_NAME = /schema|tool|function|parameters|format|spec|definition/i;

function isJsonDumps(file: PyFile, call: Node): boolean {
  const fn = call.childForFieldName('function');
  if (!fn) return false;
  if (fn.type === 'attribute') {
    const { root, names } = attributeChain(fn);
    return root.type === 'identifier' && names.length === 1 && names[0] === 'dumps' && (file.imports.get(root.text)?.module === 'json' || root.text === 'json');
  }
  if (fn.type === 'identifier' && fn.text === 'dumps') {
    const b = file.imports.get('dumps');
    return b?.module === 'json';
  }
  return false;
}

function serializationsIn(site: LlmCallSite, file: PyFile, derived: Derived): PromptSerialization[] {
  const out: PromptSerialization[] = [];
  const seen = new Set<number>();
  for (const part of site.prompt) {
    if (part.role !== 'tools' && part.role !== 'system' && part.role !== 'developer') continue;
    for (const seg of part.segments) {
      if (seg.kind !== 'dynamic') continue;
      const node = nodeAt(file, seg.span.start, seg.span.end);
      if (!node) continue;
      const roots: Node[] = [node];
      const u = unwrap(node);
      if (u.type === 'identifier' && derived.isLocal(u.text)) {
        const r = resolveName(file, u.text, u.startIndex);
        if (r.kind === 'node' && r.file === file && file.functionAt(r.node.startIndex)) roots.push(r.node);
      }
      for (const root of roots) {
        const calls = root.type === 'call' ? [root, ...root.descendantsOfType('call')] : root.descendantsOfType('call');
        for (const c of calls) {
          if (seen.has(c.id) || !isJsonDumps(file, c)) continue;
          seen.add(c.id);
          const argsNode = c.childForFieldName('arguments');
          const arg = callArguments(argsNode).positional[0];
          if (!arg) continue;
          const sort = keyword(argsNode, 'sort_keys');
          const root0 = rootName(arg);
          const perRequest = !!root0 && derived.isLocal(root0) && (derived.names.has(root0) || !literalLocal(file, arg, derived));
          const name = root0 ?? file.src(arg);
          out.push({
            span: file.span(c),
            api: 'json.dumps',
            sortedKeys: !!sort && sort.type !== 'false' && sort.text !== 'False',
            perRequest,
            schemaLike: SCHEMA_NAME.test(name),
            argText: file.src(arg),
            args: callArgs(file, c),
            role: part.role,
          });
        }
      }
    }
  }
  return out;
}

/** A local bound once to a dict literal with no request data in it: its key order is the literal's. */
function literalLocal(file: PyFile, arg: Node, derived: Derived): boolean {
  const u = unwrap(arg);
  if (u.type !== 'identifier') return false;
  const r = resolveName(file, u.text, u.startIndex);
  return r.kind === 'node' && r.node.type === 'dictionary' && !derived.mentions(r.node) && !file.src(r.node).includes('**');
}

// ---------------------------------------------------------------------------
// Request timing

interface ModuleTelemetry {
  meter?: string;
  durationHistogram?: string;
  middleware?: Node;
}

const TIME_READ = /\btime\.(perf_counter|monotonic|time)(_ns)?\(\)|(?<![\w.])(perf_counter|monotonic)(_ns)?\(\)|\bdefault_timer\(\)/;
const TIME_END = /(perf_counter|monotonic|time|default_timer)(_ns)?\(\)\s*-|\.(record|observe)\(/;
const SPAN_DECORATOR = /^(start_as_current_span|observe|traceable|instrument|trace|span|workflow|agent|task|tool|op)$/;
const ANY_SPAN = /^(start_as_current_span|start_span|start_as_current_generation|start_as_current_observation|start_observation|span|trace|start_trace)$/;

export function isRequestSpanName(name: string): boolean {
  return /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)(\s|$)/.test(name) || name.startsWith('/') || /\b(request|handler|route|endpoint|http)\b/i.test(name);
}

function moduleTelemetry(file: PyFile): ModuleTelemetry {
  const out: ModuleTelemetry = {};
  for (const [name, values] of file.moduleAssigns) {
    for (const v of values) {
      const text = file.src(v);
      if (/(^|\.)get_meter\(/.test(text)) out.meter ??= name;
      if (/\.create_histogram\(\s*["']gen_ai\.client\.operation\.duration["']/.test(text)) out.durationHistogram ??= name;
    }
  }
  // `@app.middleware("http")` that times every request.
  for (const fn of file.functions) {
    if (fn.parent || fn.cls) continue;
    if (!fn.decorators.some((d) => /\.middleware\(\s*["']http["']\s*\)$/.test(file.src(d)))) continue;
    const body = fn.node.childForFieldName('body');
    if (body && TIME_READ.test(file.src(body))) out.middleware = fn.node;
  }
  return out;
}


function spanName(file: PyFile, call: Node): string | null {
  const args = callArguments(call.childForFieldName('arguments'));
  const first = args.positional[0] ?? args.keywords.find((k) => k.name === 'name')?.value;
  if (!first) return null;
  const e = unwrap(first);
  const v = stringValue(e, (n) => file.src(n));
  if (v !== null) return v;
  if (e.type === 'string') {
    let out = '';
    for (const c of e.namedChildren) {
      if (c.type === 'interpolation') break;
      if (c.type === 'string_content') out += file.src(c);
    }
    return out || null;
  }
  return null;
}

function requestTimingOf(site: LlmCallSite, call: Node, file: PyFile, module: ModuleTelemetry): RequestTiming | undefined {
  if (!site.enclosingFunction?.requestPath) return undefined;
  const extra = { ...(module.meter ? { meter: module.meter } : {}), ...(module.durationHistogram ? { durationHistogram: module.durationHistogram } : {}) };
  const fns: FnInfo[] = [];
  for (let f = file.functionAt(call.startIndex); f; f = f.parent) fns.push(f);
  // A tracing decorator on the function (or an enclosing one) traces the call itself.
  for (const f of fns) {
    for (const d of f.decorators) {
      const e = unwrap(d);
      if (SPAN_DECORATOR.test(lastName(e.type === 'call' ? e.childForFieldName('function') : e))) return undefined;
    }
  }
  if (site.inSpan) {
    // Only spans named for the request (or SERVER spans) around the call: the model call has no span of its own.
    const spans: Array<{ name: string | null; server: boolean; node: Node }> = [];
    for (let p = call.parent; p; p = p.parent) {
      if (p.type !== 'with_statement') continue;
      const clause = p.namedChildren.find((c) => c.type === 'with_clause');
      for (const item of clause?.namedChildren ?? []) {
        if (item.type !== 'with_item') continue;
        const v = item.childForFieldName('value');
        const c = v?.type === 'as_pattern' ? v.namedChildren[0] : v;
        if (c?.type === 'call' && ANY_SPAN.test(lastName(c.childForFieldName('function')))) spans.push(info(file, c));
      }
    }
    for (const f of fns) {
      const body = f.node.childForFieldName('body');
      for (const c of body?.descendantsOfType('call') ?? []) {
        if (c.startIndex >= call.startIndex) break;
        if (lastName(c.childForFieldName('function')) === 'start_span' && !withSpanCalls(call).some((w) => w.id === c.id)) spans.push(info(file, c));
      }
    }
    if (spans.length > 0) {
      if (!spans.every((s) => s.server || (s.name !== null && isRequestSpanName(s.name)))) return undefined;
      const outer = spans[spans.length - 1];
      return { kind: 'span', label: outer.name !== null ? `span "${outer.name.trim()}"` : 'a SERVER span', span: file.span(outer.node), ...extra };
    }
  }
  // `with REQUEST_LATENCY.time():` (prometheus_client) around the call, or `@REQUEST_LATENCY.time()` on the handler.
  for (let p = call.parent; p; p = p.parent) {
    if (p.type !== 'with_statement') continue;
    const text = file.src(p.namedChildren.find((c) => c.type === 'with_clause') ?? p);
    if (/\.time\(\)$/.test(text.trim())) return { kind: 'metric', label: `${text.trim()} (prometheus)`, span: file.span(p), ...extra };
  }
  for (const f of fns) {
    const d = f.decorators.find((x) => /\.time\(\)$/.test(file.src(x)));
    if (d) return { kind: 'metric', label: `@${file.src(d)} (prometheus)`, span: file.span(d), ...extra };
  }
  const callSpan = file.span(call);
  for (const f of fns) {
    const body = f.node.childForFieldName('body');
    if (!body) continue;
    const b = file.span(body);
    const before = file.text.slice(b.start, callSpan.start);
    const after = file.text.slice(callSpan.end, b.end);
    const m = TIME_READ.exec(before);
    if (m && TIME_END.test(after)) {
      const at = b.start + m.index;
      const recorded = /\.(record|observe)\(/.test(after);
      return { kind: recorded ? 'metric' : 'timer', label: recorded ? `${m[0]} … histogram.record` : m[0], span: { start: at, end: at + m[0].length }, ...extra };
    }
  }
  if (module.middleware) return { kind: 'middleware', label: 'a timing middleware', span: file.span(module.middleware), ...extra };
  return undefined;
}

function info(file: PyFile, c: Node): { name: string | null; server: boolean; node: Node } {
  const kind = keyword(c.childForFieldName('arguments'), 'kind');
  return { name: spanName(file, c), server: !!kind && /SERVER$/.test(file.src(kind)), node: c };
}

