// MCP client tool calls and agent loops, mirroring the TypeScript front end's mcp.ts:
// `session.call_tool(name, arguments)` (mcp `ClientSession`) and loops that call a model and run tools on each turn.
import type { AgentLoop, LlmCallSite, McpCall, Span } from '../../../core/types';
import { functionRef } from './call-sites';
import type { PyFile } from './file-context';
import type { Reasons } from './request-paths';
import { stringValue } from './strings';
import { callArguments, keyword, lastName, unwrap, within, type Node } from './syntax';
import { callOfName, enclosingOfTypes, nodesMatching, wordNodes } from './text-search';

/** Cheap text test: could this file make MCP calls? */
export const MCP_MENTION = /\bmcp\b|\.call_tool\s*\(/;

const CALL_TOOL = /\.\s*(call_tool)\s*\(/dg;
const SPAN_CALL = /^(start_as_current_span|start_span)$/;
const TOOL_SPAN_NAME = /^(tools\/call|execute_tool)(\s|$)/;
const TOOL_EXEC = /^(call|run|exec|execute|invoke|handle|dispatch|perform|process)_?(mcp_?)?tools?(_?(calls?|uses?))?$/i;
const TRACED_HELPER = /traced|with_span|in_span/i;

function importsMcp(file: PyFile): boolean {
  for (const b of file.imports.values()) if (/^mcp(\.|$)/.test(b.module) || (b.module === '' && b.name === 'mcp')) return true;
  return false;
}

/** The MCP tool calls in the file. */
export function mcpCallsIn(file: PyFile, reasons: Reasons): McpCall[] {
  if (!MCP_MENTION.test(file.text)) return [];
  const sdk = importsMcp(file);
  const out: McpCall[] = [];
  for (const call of nodesMatching(file, CALL_TOOL, 1, callOfName)) {
    const m = mcpCallOf(call, file, sdk, reasons);
    if (m) out.push(m);
  }
  return out;
}

function mcpCallOf(call: Node, file: PyFile, sdk: boolean, reasons: Reasons): McpCall | null {
  const callee = call.childForFieldName('function');
  const receiver = callee?.childForFieldName('object');
  const nameNode = callee?.childForFieldName('attribute');
  const argsNode = call.childForFieldName('arguments');
  if (!callee || !receiver || !nameNode || !argsNode) return null;
  const receiverText = file.src(receiver);
  // `self.call_tool(...)` is a wrapper's own method; `@server.call_tool()` registers a server handler.
  if (receiverText === 'self' || receiverText === 'cls') return null;
  if (!sdk && !/mcp|session/i.test(receiverText)) return null;
  const { keywords, positional, dictSplats, listSplats } = callArguments(argsNode);
  const nameArg = positional[0] ?? keywords.find((k) => k.name === 'name')?.value;
  if (!nameArg) return null;
  const tool = stringValue(unwrap(nameArg), (n) => file.src(n));
  const fn = file.functionAt(call.startIndex);
  const argsSpan = file.span(argsNode);
  const inside = file.text.slice(argsSpan.start + 1, argsSpan.end - 1);
  const plainKeywords = keywords.every((k) => k.name === 'name' || k.name === 'arguments');
  return {
    path: file.path,
    span: file.span(call),
    nameSpan: file.span(nameNode),
    method: 'call_tool',
    tool,
    propagatesContext: propagates(call, file, dictSplats.length > 0),
    inToolSpan: insideToolSpan(call, file),
    enclosingFunction: fn ? functionRef(file, fn, reasons) : null,
    receiver: receiverText,
    paramsText: inside.trim(),
    rewritable: plainKeywords && positional.length <= 2 && dictSplats.length === 0 && listSplats.length === 0 && !inside.includes('\n#'),
    helperAt: afterLeadingImports(file),
  };
}

/** The end of the line of the last import in the module's leading imports (after a docstring), or -1. */
function afterLeadingImports(file: PyFile): number {
  let anchor: Node | null = null;
  const statements = file.root.namedChildren.filter((c) => c.type !== 'comment');
  let i = 0;
  if (statements[0]?.type === 'expression_statement' && statements[0].firstNamedChild?.type === 'string') i = 1;
  for (; i < statements.length; i++) {
    const s = statements[i];
    if (s.type === 'future_import_statement' || s.type === 'import_statement' || s.type === 'import_from_statement') anchor = s;
    else break;
  }
  if (!anchor) return -1;
  let end = file.span(anchor).end;
  while (end < file.text.length && file.text[end] !== '\n' && file.text[end] !== '\r') end++;
  return end;
}

/** `meta=` with a `traceparent` entry or a carrier filled by `inject(...)`; `**kwargs` may carry one. */
function propagates(call: Node, file: PyFile, splat: boolean): boolean {
  if (splat) return true;
  const meta = keyword(call.childForFieldName('arguments'), 'meta');
  if (!meta) return false;
  const m = unwrap(meta);
  if (m.type === 'none') return false;
  if (m.type === 'dictionary') return m.namedChildren.some((c) => c.type === 'dictionary_splat' || (c.type === 'pair' && /^["'](traceparent|tracestate)["']$/.test(file.src(c.childForFieldName('key') ?? c))));
  // A carrier built elsewhere, or filled with `inject(carrier)`: trust it.
  return true;
}

function spanNameOf(file: PyFile, call: Node): string | null {
  const first = call.childForFieldName('arguments')?.namedChildren.find((c) => c.type !== 'comment' && c.type !== 'keyword_argument');
  if (!first) return null;
  const e = unwrap(first);
  const v = stringValue(e, (n) => file.src(n));
  if (v !== null) return v;
  // f"tools/call {name}": the text before the first field.
  if (e.type === 'string') {
    let out = '';
    for (const c of e.namedChildren) {
      if (c.type === 'interpolation') break;
      if (c.type === 'string_content') out += file.src(c);
    }
    return out;
  }
  return null;
}


/** The span calls a `with` statement opens, innermost first. */
export function withSpanCalls(node: Node): Node[] {
  const out: Node[] = [];
  for (let p = node.parent; p; p = p.parent) {
    if (p.type !== 'with_statement') continue;
    const clause = p.namedChildren.find((c) => c.type === 'with_clause');
    for (const item of clause?.namedChildren ?? []) {
      if (item.type !== 'with_item') continue;
      const v = item.childForFieldName('value');
      const c = v?.type === 'as_pattern' ? v.namedChildren[0] : v;
      if (c?.type === 'call' && SPAN_CALL.test(lastName(c.childForFieldName('function')))) out.push(c);
    }
  }
  return out;
}

/** `with tracer.start_as_current_span(f"tools/call {name}")` or `@tracer.start_as_current_span("execute_tool …")` around the call. */
function insideToolSpan(call: Node, file: PyFile): boolean {
  for (const c of withSpanCalls(call)) {
    const n = spanNameOf(file, c);
    if (n !== null && TOOL_SPAN_NAME.test(n)) return true;
  }
  for (let f = file.functionAt(call.startIndex); f; f = f.parent) {
    for (const d of f.decorators) {
      const e = unwrap(d);
      if (e.type !== 'call' || !SPAN_CALL.test(lastName(e.childForFieldName('function')))) continue;
      const n = spanNameOf(file, e);
      if (n !== null && TOOL_SPAN_NAME.test(n)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Agent loops

function isToolCall(call: Node, file: PyFile, mcpStarts: Set<number>): boolean {
  if (mcpStarts.has(file.span(call).start)) return true;
  const callee = call.childForFieldName('function');
  if (!callee) return false;
  if (callee.type === 'identifier') return TOOL_EXEC.test(callee.text);
  if (callee.type === 'subscript') return /tool/i.test(file.src(callee.childForFieldName('value') ?? callee));
  if (callee.type === 'attribute') {
    const name = callee.childForFieldName('attribute')?.text ?? '';
    if (TOOL_EXEC.test(name)) return true;
    if (/^(a?invoke|a?run|execute|call)$/.test(name)) {
      const recv = callee.childForFieldName('object');
      if (!recv) return false;
      if (recv.type === 'subscript') return /tool/i.test(file.src(recv.childForFieldName('value') ?? recv));
      return /^\w*tool\w*$/i.test(file.src(recv));
    }
  }
  return false;
}

function startsSpan(call: Node): boolean {
  const name = lastName(call.childForFieldName('function'));
  return SPAN_CALL.test(name) || TRACED_HELPER.test(name);
}

const LOOP_TYPES: ReadonlySet<string> = new Set(['for_statement', 'while_statement']);

/** Innermost `for` / `while` loops that contain both a model call and a tool call. */
export function agentLoopsIn(file: PyFile, sites: LlmCallSite[], mcp: McpCall[]): AgentLoop[] {
  const own = sites.filter((s) => s.path === file.path);
  if (own.length === 0) return [];
  const mcpStarts = new Set(mcp.map((m) => m.span.start));
  const loops = new Map<number, { loop: Node; models: LlmCallSite[]; tools: Span[] }>();
  // Loops whose body holds the call (not its header: `for x in client.models.list()` iterates a call's result).
  const loopsAround = (s: Span): Node[] => {
    const range = { startIndex: file.offsets.fromUtf16(s.start), endIndex: file.offsets.fromUtf16(s.end) };
    return enclosingOfTypes(file, range.startIndex, range.endIndex, LOOP_TYPES).filter((loop) => {
      const body = loop.childForFieldName('body');
      return !!body && within(range, body);
    });
  };
  // Where a turn calls the model: the call itself, or a call of the module function that makes it (a retry wrapper).
  const turns: Array<{ span: Span; site: LlmCallSite }> = own.map((site) => ({ span: site.span, site }));
  const helperStarts = new Set<number>();
  for (const site of own) {
    const fn = file.functionAt(file.offsets.fromUtf16(site.span.start));
    if (!fn?.name || fn.parent || fn.cls) continue;
    for (const call of wordNodes(file, fn.name, callOfName)) {
      if (call.childForFieldName('function')?.type !== 'identifier' || within(call, fn.node) || file.moduleDefs.get(fn.name) !== fn) continue;
      const span = file.span(call);
      turns.push({ span, site });
      helperStarts.add(span.start);
    }
  }
  for (const turn of turns) {
    for (const l of loopsAround(turn.span)) {
      const entry = loops.get(l.id) ?? { loop: l, models: [], tools: [] };
      if (!entry.models.includes(turn.site)) entry.models.push(turn.site);
      loops.set(l.id, entry);
    }
  }
  if (loops.size === 0) return [];
  const siteStarts = new Set([...own.map((s) => s.span.start), ...helperStarts]);
  for (const entry of loops.values()) {
    const body = entry.loop.childForFieldName('body');
    if (!body) continue;
    for (const c of body.descendantsOfType('call')) {
      if (siteStarts.has(file.span(c).start)) continue;
      if (isToolCall(c, file, mcpStarts)) entry.tools.push(file.span(c));
    }
  }
  const both = [...loops.values()].filter((v) => v.models.length > 0 && v.tools.length > 0);
  const innermost = both.filter((v) => !both.some((o) => o !== v && within(o.loop, v.loop)));
  return innermost.map((v) => {
    const body = v.loop.childForFieldName('body')!;
    // A span started in the loop, or around the model call in the helper, is a span per turn.
    const stepSpans = body.descendantsOfType('call').some((c) => startsSpan(c)) || v.models.some((s) => !within({ startIndex: file.offsets.fromUtf16(s.span.start), endIndex: file.offsets.fromUtf16(s.span.end) }, v.loop) && s.inSpan);
    const head = v.loop.child(0) ?? v.loop;
    // `async for`: point at the `for`.
    const kw = head.type === 'async' ? (v.loop.child(1) ?? head) : head;
    return {
      path: file.path,
      span: file.span(v.loop),
      headSpan: file.span(kw),
      callSiteIds: v.models.map((s) => s.id),
      toolCalls: v.tools,
      stepSpans,
    };
  });
}
