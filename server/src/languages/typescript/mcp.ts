// MCP client tool calls and agent loops: `client.callTool(...)`, `client.request({ method: 'tools/call' })`, and loops
// that call a model and run tools on each turn.
import { ts } from './compiler';
import type { AgentLoop, FunctionRef, LlmCallSite, McpCall } from '../../core/types';
import { enclosingFunction, functionName, isAncestor, isFunctionLike, propertyNameText, spanOf, unwrap, walk } from './ast';
import type { FileContext, ImportRef } from './file-context';
import { isImportRef } from './resolve';
import { MCP_MENTION } from './mentions';

/** Cheap text test: could this file make MCP calls? */

const SPAN_START = /^(startActiveSpan|startSpan)$/;
const TOOL_SPAN_NAME = /^(tools\/call|execute_tool)(\s|$)/;
/** Names of functions that run a tool the model asked for. */
const TOOL_EXEC = /^(call|run|exec|execute|invoke|handle|dispatch|perform|process)(Mcp)?Tools?(Calls?|Uses?)?$/i;
/** A helper that traces what it runs (the rule's own `callToolTraced`, `withSpan`, …). */
const TRACED_HELPER = /traced|withSpan|inSpan/i;

function hasMcpImport(ctx: FileContext): boolean {
  for (const ref of ctx.imports.values()) if (ref.specifier.startsWith('@modelcontextprotocol/sdk')) return true;
  return false;
}

/** The MCP tool calls among the file's calls. */
export function mcpCallsIn(ctx: FileContext, calls: ts.CallExpression[], requestPaths: Map<ts.FunctionLikeDeclaration, string>): McpCall[] {
  if (!MCP_MENTION.test(ctx.text)) return [];
  const sdk = hasMcpImport(ctx);
  const out: McpCall[] = [];
  for (const call of calls) {
    const m = mcpCallOf(call, ctx, sdk, requestPaths);
    if (m) out.push(m);
  }
  return out;
}

function mcpCallOf(call: ts.CallExpression, ctx: FileContext, sdk: boolean, requestPaths: Map<ts.FunctionLikeDeclaration, string>): McpCall | null {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const method = callee.name.text;
  const receiver = callee.expression;
  const receiverText = receiver.getText(ctx.sf);
  // `callTool` is the SDK's name; other libraries use it too, so the file must import the SDK or name the receiver MCP.
  if (!sdk && !/mcp/i.test(receiverText)) return null;
  let params: ts.Expression | undefined;
  let rewritable = false;
  if (method === 'callTool') {
    params = call.arguments[0];
    if (!params) return null;
    rewritable = call.arguments.length === 1;
  } else if (method === 'request') {
    const first = call.arguments[0] && unwrap(call.arguments[0]);
    if (!first || !ts.isObjectLiteralExpression(first)) return null;
    const m = prop(first, 'method');
    if (!m || !(ts.isStringLiteral(m) || ts.isNoSubstitutionTemplateLiteral(m)) || m.text !== 'tools/call') return null;
    params = prop(first, 'params');
    if (!params) return null;
    // `request(req, CallToolResultSchema)`: the result is what `callTool` returns.
    const schema = call.arguments[1];
    rewritable = call.arguments.length === 2 && !!schema && /^(CallToolResultSchema|types\.CallToolResultSchema)$/.test(schema.getText(ctx.sf)) && first.properties.length === 2;
  } else return null;
  const p = unwrap(params);
  let tool: string | null = null;
  const literal = ts.isObjectLiteralExpression(p) ? p : localObject(p, ctx);
  if (literal) {
    const n = prop(literal, 'name');
    if (n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n))) tool = n.text;
  }
  const fn = enclosingFunction(call);
  let enclosing: FunctionRef | null = null;
  if (fn) enclosing = { name: functionName(fn), span: spanOf(fn, ctx.sf), requestPath: requestPathOf(fn, requestPaths) };
  return {
    path: ctx.path,
    span: spanOf(call, ctx.sf),
    nameSpan: spanOf(callee.name, ctx.sf),
    method,
    tool,
    propagatesContext: propagates(p, call, ctx),
    inToolSpan: insideToolSpan(call, ctx),
    enclosingFunction: enclosing,
    receiver: receiverText,
    paramsText: params.getText(ctx.sf),
    rewritable,
    helperAt: ctx.text.length,
  };
}

function requestPathOf(fn: ts.FunctionLikeDeclaration, requestPaths: Map<ts.FunctionLikeDeclaration, string>): string | null {
  for (let f: ts.FunctionLikeDeclaration | undefined = fn; f; f = enclosingFunction(f)) {
    const r = requestPaths.get(f);
    if (r) return r;
  }
  return null;
}

function prop(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

/** `const params = { … }` declared in the same function: the literal. */
function localObject(e: ts.Expression, ctx: FileContext): ts.ObjectLiteralExpression | null {
  if (!ts.isIdentifier(e)) return null;
  const decl = ctx.declarationOf(e);
  if (!decl || !('kind' in decl) || !ts.isVariableDeclaration(decl) || !decl.initializer) return null;
  const init = unwrap(decl.initializer);
  return ts.isObjectLiteralExpression(init) && enclosingFunction(decl) === enclosingFunction(e) ? init : null;
}

/**
 * Whether trace context reaches `params._meta`. Params built elsewhere, spread in, or a `_meta` whose content is not
 * visible count as propagating (precision first); a literal without `_meta`, or a `_meta` literal without
 * `traceparent`, does not.
 */
function propagates(params: ts.Expression, call: ts.CallExpression, ctx: FileContext): boolean {
  const obj = ts.isObjectLiteralExpression(params) ? params : localObject(params, ctx);
  if (!obj) return true;
  if (obj.properties.some((p) => ts.isSpreadAssignment(p))) return true;
  const meta = prop(obj, '_meta');
  if (!meta) return false;
  const m = unwrap(meta);
  if (ts.isObjectLiteralExpression(m)) {
    return m.properties.some((p) => ts.isSpreadAssignment(p) || (p.name !== undefined && /^(traceparent|tracestate)$/.test(propertyNameText(p.name as ts.PropertyName) ?? '')));
  }
  if (ts.isIdentifier(m)) {
    const fn = enclosingFunction(call);
    const scope = fn?.body ?? ctx.sf;
    // `propagation.inject(context.active(), meta)` fills it; a literal in the same function without it does not.
    if (new RegExp(`\\binject\\s*\\([^;]*\\b${m.text}\\b`).test(scope.getText(ctx.sf))) return true;
    const local = localObject(m, ctx);
    if (local) return local.properties.some((p) => ts.isSpreadAssignment(p) || (p.name !== undefined && /^(traceparent|tracestate)$/.test(propertyNameText(p.name as ts.PropertyName) ?? '')));
    return true;
  }
  return true;
}

/** The text a span is named with: a literal, or a template's head. */
export function spanNameText(arg: ts.Expression | undefined): string | null {
  if (!arg) return null;
  const a = unwrap(arg);
  if (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) return a.text;
  if (ts.isTemplateExpression(a)) return a.head.text;
  return null;
}

/** Inside `startActiveSpan('tools/call …', …)`, or after `startSpan('execute_tool …')` in the same function. */
function insideToolSpan(node: ts.Node, ctx: FileContext): boolean {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (ts.isCallExpression(p)) {
      const callee = unwrap(p.expression);
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      if (SPAN_START.test(name) && p.arguments.some((a) => isAncestor(a, node))) {
        const n = spanNameText(p.arguments[0]);
        if (n !== null && TOOL_SPAN_NAME.test(n)) return true;
      }
    }
    if (isFunctionLike(p) && p.body) {
      let found = false;
      walk(p.body, (n) => {
        if (found || n.pos > node.pos) return false;
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'startSpan') {
          const name = spanNameText(n.arguments[0]);
          if (name !== null && TOOL_SPAN_NAME.test(name)) found = true;
        }
        return undefined;
      });
      if (found) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Agent loops

function isLoop(n: ts.Node): n is ts.IterationStatement {
  return ts.isForStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n);
}

/** A call that runs a tool the model asked for: an MCP call, `executeTool(…)`, `tools[name](…)`, `tool.execute(…)`. */
function isToolCall(call: ts.CallExpression, ctx: FileContext, mcpStarts: Set<number>): boolean {
  if (mcpStarts.has(call.getStart(ctx.sf))) return true;
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return TOOL_EXEC.test(callee.text);
  if (ts.isElementAccessExpression(callee)) return /tool/i.test(callee.expression.getText(ctx.sf));
  if (ts.isPropertyAccessExpression(callee)) {
    const name = callee.name.text;
    if (TOOL_EXEC.test(name)) return true;
    if (/^(execute|invoke|run|call)$/.test(name)) {
      const recv = unwrap(callee.expression);
      const text = recv.getText(ctx.sf);
      return (ts.isElementAccessExpression(recv) && /tool/i.test(recv.expression.getText(ctx.sf))) || /^\w*tool\w*$/i.test(text);
    }
  }
  return false;
}

/** Calls that start a span, or helpers that trace what they run. */
function startsSpan(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  return SPAN_START.test(name) || TRACED_HELPER.test(name);
}

/** Innermost loops that contain both a model call and a tool call. */
/** The body of a function declared in this file (`function f() {}`, `const f = async () => {}`), if `decl` is one. */
function localFunctionBody(decl: ts.Node | ImportRef | undefined): ts.Node | undefined {
  if (!decl || isImportRef(decl)) return undefined;
  if (ts.isFunctionDeclaration(decl)) return decl.body;
  if (ts.isVariableDeclaration(decl) && decl.initializer) {
    const init = decl.initializer;
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init.body;
  }
  return undefined;
}

export function agentLoopsIn(ctx: FileContext, calls: ts.CallExpression[], sites: LlmCallSite[], mcp: McpCall[]): AgentLoop[] {
  if (sites.length === 0) return [];
  const mcpStarts = new Set(mcp.map((m) => m.span.start));
  const siteByStart = new Map(sites.filter((s) => s.path === ctx.path).map((s) => [s.span.start, s]));
  // `await createMessageWithRetry(client, system, tools, messages)`: a function of this file that makes the model
  // call (a retry wrapper, say) is the turn's model call.
  const helperSites = new Map<ts.CallExpression, LlmCallSite[]>();
  for (const c of calls) {
    if (siteByStart.has(c.getStart(ctx.sf)) || !ts.isIdentifier(c.expression)) continue;
    const body = localFunctionBody(ctx.declarationOf(c.expression));
    const inner = body ? sites.filter((s) => s.path === ctx.path && s.span.start >= body.pos && s.span.end <= body.end) : [];
    if (inner.length && !isAncestor(body!, c)) helperSites.set(c, inner);
  }
  const modelCalls = calls.filter((c) => siteByStart.has(c.getStart(ctx.sf)) || helperSites.has(c));
  const toolCalls = calls.filter((c) => !siteByStart.has(c.getStart(ctx.sf)) && !helperSites.has(c) && isToolCall(c, ctx, mcpStarts));
  if (modelCalls.length === 0 || toolCalls.length === 0) return [];
  const loops = new Map<ts.IterationStatement, { models: ts.CallExpression[]; tools: ts.CallExpression[] }>();
  const loopsAround = (n: ts.Node): ts.IterationStatement[] => {
    const out: ts.IterationStatement[] = [];
    for (let p: ts.Node | undefined = n.parent; p; p = p.parent) if (isLoop(p) && isAncestor(p.statement, n)) out.push(p);
    return out;
  };
  for (const c of modelCalls) for (const l of loopsAround(c)) (loops.get(l) ?? loops.set(l, { models: [], tools: [] }).get(l)!).models.push(c);
  for (const c of toolCalls) for (const l of loopsAround(c)) loops.get(l)?.tools.push(c);
  const both = [...loops.entries()].filter(([, v]) => v.models.length > 0 && v.tools.length > 0);
  // The innermost loop holding both: an outer loop around it (over conversations, say) is not the agent loop.
  const innermost = both.filter(([l]) => !both.some(([o]) => o !== l && isAncestor(l, o)));
  return innermost.map(([loop, v]) => {
    const inLoopSpan = (c: ts.CallExpression): boolean => {
      for (let p: ts.Node | undefined = c.parent; p && p !== loop; p = p.parent) {
        if (ts.isCallExpression(p) && startsSpan(p) && p.arguments.some((a) => isAncestor(a, c))) return true;
      }
      return false;
    };
    let manual = false;
    walk(loop.statement, (n) => {
      if (!manual && ts.isCallExpression(n) && startsSpan(n)) manual = true;
    });
    const head = loop.getFirstToken(ctx.sf) ?? loop;
    return {
      path: ctx.path,
      span: spanOf(loop, ctx.sf),
      headSpan: spanOf(head, ctx.sf),
      callSiteIds: v.models.flatMap((c) => helperSites.get(c)?.map((s) => s.id) ?? [siteByStart.get(c.getStart(ctx.sf))!.id]),
      toolCalls: v.tools.map((c) => spanOf(c, ctx.sf)),
      // A helper's model call in a span of its own is a span per turn too.
      stepSpans: manual || v.models.some(inLoopSpan) || v.tools.some(inLoopSpan) || v.models.some((c) => helperSites.get(c)?.some((s) => s.inSpan)),
    };
  });
}
