// Which functions a LangGraph graph runs (its nodes and routing functions), and what runs the graph: a function that
// invokes the compiled graph (`await graph.ainvoke(...)`, `graph.astream_events(...)`), or LangGraph Platform, which
// serves the graphs its `langgraph.json` names and runs one for each run a client starts.
import * as path from 'node:path';
import { FnInfo, type PyFile } from './file-context';
import { resolveExpr } from './resolve';
import { stringValue } from './strings';
import { keyword, positional, unwrap, type Node } from './syntax';
import { callOfName, nodesMatching, wordNodes } from './text-search';

/** The methods of a compiled graph (a Pregel runnable) that run it. */
const RUN_METHODS = new Set(['invoke', 'ainvoke', 'stream', 'astream', 'astream_events', 'astream_log', 'batch', 'abatch']);
/** LangGraph's graph builder, by the qualified names it is exported under. */
export const STATE_GRAPH = /^langgraph\.graph(\.state)?\.StateGraph$/;

/** The request-path graph's stand-in for "runs the graph compiled into module-level `name`". */
export function graphRunKey(name: string): string {
  return `<graph ${name}>`;
}

const cache = new WeakMap<PyFile, Map<string, FnInfo[]>>();

/**
 * Module-level names bound to a graph this module builds and compiles, with the functions it runs: `graph =
 * builder.compile(…)` with the builder made and filled at module level, or `graph = build_graph()` for a module
 * function that fills a builder and returns its `compile(…)`. Only a builder made by `StateGraph(…)`, and a name
 * assigned once.
 */
export function compiledGraphs(file: PyFile): Map<string, FnInfo[]> {
  const hit = cache.get(file);
  if (hit) return hit;
  const out = new Map<string, FnInfo[]>();
  cache.set(file, out);
  if (!file.text.includes('StateGraph') || !file.text.includes('compile')) return out;
  for (const [name, values] of file.moduleAssigns) {
    if (values.length !== 1 || values[0].type !== 'call') continue;
    const compiled = compiledBy(file, values[0]);
    if (compiled) out.set(name, compiled);
  }
  return out;
}

/** The functions the graph a call compiles runs, or null when the call compiles no graph of this module. */
function compiledBy(file: PyFile, call: Node): FnInfo[] | null {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'compile') {
    const builder = callee.childForFieldName('object');
    return builder?.type === 'identifier' ? graphFunctions(file, builder.text, null) : null;
  }
  // `graph = build_graph()`: a module function whose every return is its builder's `compile(…)`.
  if (callee?.type !== 'identifier') return null;
  const def = file.moduleDefs.get(callee.text);
  if (!(def instanceof FnInfo)) return null;
  const returns = def.node.descendantsOfType('return_statement').filter((r) => file.functionAt(r.startIndex) === def);
  let builder: string | null = null;
  for (const r of returns) {
    let value = r.namedChildren[0] ? unwrap(r.namedChildren[0]) : null;
    if (value?.type === 'identifier') value = soleLocalValue(file, def, value.text);
    const f = value?.type === 'call' ? value.childForFieldName('function') : null;
    const recv = f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'compile' ? f.childForFieldName('object') : null;
    if (recv?.type !== 'identifier' || (builder !== null && builder !== recv.text)) return null;
    builder = recv.text;
  }
  return builder ? graphFunctions(file, builder, def) : null;
}

function soleLocalValue(file: PyFile, fn: FnInfo, name: string): Node | null {
  const bindings = file.bindingsIn(fn).get(name);
  return bindings?.length === 1 && bindings[0].kind === 'assign' && bindings[0].value ? unwrap(bindings[0].value) : null;
}

/** The functions `builder` (bound to `StateGraph(…)` in `scope`) is given as nodes and routing functions there. */
function graphFunctions(file: PyFile, builder: string, scope: FnInfo | null): FnInfo[] | null {
  const made = scope ? soleLocalValue(file, scope, builder) : soleModuleValue(file, builder);
  const maker = made?.type === 'call' ? made.childForFieldName('function') : null;
  const r = maker ? resolveExpr(file, maker) : null;
  if (r?.kind !== 'external' || !STATE_GRAPH.test(r.qualified)) return null;
  const out: FnInfo[] = [];
  for (const call of nodesMatching(file, /\.\s*(add_node|add_conditional_edges)\s*\(/dg, 1, callOfName)) {
    const f = call.childForFieldName('function');
    if (f?.childForFieldName('object')?.text !== builder || file.functionAt(call.startIndex) !== scope) continue;
    const args = call.childForFieldName('arguments');
    const fn = f.childForFieldName('attribute')?.text === 'add_node' ? addNodeAction(file, call) : (positional(args, 1) ?? keyword(args, 'path'));
    const def = fn?.type === 'identifier' ? file.moduleDefs.get(fn.text) : undefined;
    if (def instanceof FnInfo && !out.includes(def)) out.push(def);
  }
  return out;
}

/** The function an `add_node(…)` call runs as its node: `add_node("name", fn)`, `add_node(fn)`, `action=fn`. */
export function addNodeAction(file: PyFile, call: Node): Node | null {
  const args = call.childForFieldName('arguments');
  const first = positional(args, 0);
  return first && stringValue(first, (x) => file.src(x)) !== null ? (positional(args, 1) ?? keyword(args, 'action')) : (first ?? keyword(args, 'action'));
}

function soleModuleValue(file: PyFile, name: string): Node | null {
  const values = file.moduleAssigns.get(name);
  return values?.length === 1 ? unwrap(values[0]) : null;
}

/**
 * The graph a call like `graph.ainvoke(…)` in `fn` runs: a compiled graph of this module (its name), or one another
 * workspace module compiles and this one imports by name (`from agent import graph`). Null for anything else, and for
 * a name the function (or one it is nested in) binds itself.
 */
export function graphRunOf(file: PyFile, call: Node, fn: FnInfo): { path: string; name: string } | null {
  const f = call.childForFieldName('function');
  const obj = f?.type === 'attribute' && RUN_METHODS.has(f.childForFieldName('attribute')?.text ?? '') ? f.childForFieldName('object') : null;
  if (obj?.type !== 'identifier') return null;
  for (let s: FnInfo | null = fn; s; s = s.parent) {
    if (s.params.includes(obj.text) || file.bindingsIn(s).has(obj.text) || file.globalsOf(s).has(obj.text)) return null;
  }
  if (compiledGraphs(file).has(obj.text)) return { path: file.path, name: obj.text };
  const b = file.imports.get(obj.text);
  if (!b?.name) return null;
  const target = file.index.resolveModule(file.path, b.level, b.module);
  return target && target !== file.path && file.index.compiledGraphNames(target).has(b.name) ? { path: target, name: b.name } : null;
}

/** Functions of this module that run its compiled graph `name` (`graph.ainvoke(…)` in a handler of the same file). */
export function localGraphRunners(file: PyFile, name: string): FnInfo[] {
  const out: FnInfo[] = [];
  for (const id of wordNodes(file, name, (x) => x)) {
    const call = id.parent?.parent;
    const fn = file.functionAt(id.startIndex);
    if (!fn || call?.type !== 'call' || call.childForFieldName('function')?.id !== id.parent?.id) continue;
    const run = graphRunOf(file, call, fn);
    if (run?.path === file.path && run.name === name && !out.includes(fn)) out.push(fn);
  }
  return out;
}

/**
 * The graphs LangGraph Platform serves from module `p`, by the module-level name `langgraph.json` gives
 * (`"agent": "./src/agent/graph.py:graph"`, or a dotted module `"my_app.graph:make_graph"` under the file's folder):
 * name → request-path reason.
 */
export function platformGraphsIn(p: string, configs: Array<{ path: string; text: string }>): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of configs) {
    let graphs: unknown;
    try {
      graphs = (JSON.parse(c.text) as { graphs?: unknown }).graphs;
    } catch {
      continue;
    }
    if (!graphs || typeof graphs !== 'object') continue;
    const dir = path.dirname(c.path);
    for (const [id, spec] of Object.entries(graphs as Record<string, unknown>)) {
      const target = typeof spec === 'string' ? spec : spec && typeof spec === 'object' && typeof (spec as { path?: unknown }).path === 'string' ? (spec as { path: string }).path : null;
      const colon = target?.lastIndexOf(':') ?? -1;
      if (!target || colon <= 0) continue;
      const module = target.slice(0, colon);
      const attr = target.slice(colon + 1);
      if (!/^[A-Za-z_]\w*$/.test(attr) || out.has(attr) || !namesModule(dir, module, p)) continue;
      out.set(attr, `LangGraph Platform graph "${id}" (langgraph.json)`);
    }
  }
  return out;
}

function namesModule(dir: string, module: string, p: string): boolean {
  if (/\.py$/.test(module)) return path.resolve(dir, module) === path.resolve(p);
  if (!/^[A-Za-z_][\w.]*$/.test(module)) return false;
  const rel = path.relative(dir, p).split(path.sep).join('/');
  if (rel.startsWith('..')) return false;
  const tail = module.split('.').join('/');
  return rel === `${tail}.py` || rel.endsWith(`/${tail}.py`) || rel === `${tail}/__init__.py` || rel.endsWith(`/${tail}/__init__.py`);
}
