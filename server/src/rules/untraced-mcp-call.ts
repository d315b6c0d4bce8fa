import type { CodeWriter } from '../core/code-writer';
import { MCP_PYTHON_CALL_TOOL_META } from '../core/catalog/sdk-defaults';
import { ceilingBelow } from '../core/manifests';
import { defineRule } from '../core/rule';
import { instrumentsFile, pythonCeiling } from '../core/workspace-view';
import { escapeRegExp, lineBreakOf } from '../core/text';
import type { AgentLoop, FileFacts, Fix, LlmCallSite, McpCall, TextEdit } from '../core/types';

const TS_HELPER = 'callToolTraced';
const PY_HELPER = 'call_tool_traced';
const OTEL_NAMES = ['SpanKind', 'SpanStatusCode', 'context', 'propagation', 'trace'];
const MCP_CLIENT_MODULE = '@modelcontextprotocol/sdk/client/index.js';

/** AI SDK calls with telemetry turned on emit their own spans per step. */
function selfTraced(site: LlmCallSite | undefined): boolean {
  const t = site?.args.options['experimental_telemetry']?.value;
  if (!site || site.sdk !== 'ai-sdk' || !t) return false;
  if (t.kind !== 'object') return true;
  const enabled = t.args.options['isEnabled']?.value;
  return enabled?.kind === 'boolean' ? enabled.value : t.args.hasSpread;
}


/** `name` is declared in the file or imported from a module other than `module`: importing it would clash. */
function boundElsewhere(text: string, name: string, modules: RegExp): boolean {
  const n = escapeRegExp(name);
  if (new RegExp(`^\\s*(export\\s+)?(declare\\s+)?(const|let|var|function|class|enum|type|interface)\\s+${n}\\b`, 'm').test(text)) return true;
  for (const m of text.matchAll(/import\s+(type\s+)?([\s\S]*?)\s+from\s+['"]([^'"]+)['"]/g)) {
    if (new RegExp(`(^|[\\s,{])${n}([\\s,}]|$)`).test(m[2]) && !modules.test(m[3])) return true;
  }
  return false;
}

function tsHelper(typed: boolean, nl: string): string {
  const sig = typed ? `async function ${TS_HELPER}(client: Client, params: Parameters<Client['callTool']>[0])` : `async function ${TS_HELPER}(client, params)`;
  const carrier = typed ? 'const carrier: Record<string, string> = {};' : 'const carrier = {};';
  return [
    '',
    '/** Runs an MCP tool call in a `tools/call {tool}` CLIENT span and sends the trace context in `params._meta`. */',
    `${sig} {`,
    "  return trace.getTracer('mcp-client').startActiveSpan(",
    '    `tools/call ${params.name}`,',
    "    { kind: SpanKind.CLIENT, attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': params.name } },",
    '    async (span) => {',
    '      try {',
    `        ${carrier}`,
    '        propagation.inject(context.active(), carrier);',
    '        return await client.callTool({ ...params, _meta: { ...params._meta, ...carrier } });',
    '      } catch (error) {',
    '        span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });',
    '        throw error;',
    '      } finally {',
    '        span.end();',
    '      }',
    '    },',
    '  );',
    '}',
    '',
  ].join(nl);
}

function pyHelper(nl: string): string {
  return [
    '',
    '',
    '',
    `async def ${PY_HELPER}(session, name, arguments=None):`,
    '    """Runs an MCP tool call in a `tools/call {tool}` CLIENT span and sends the trace context in params._meta."""',
    '    with trace.get_tracer("mcp-client").start_as_current_span(',
    '        f"tools/call {name}",',
    '        kind=trace.SpanKind.CLIENT,',
    '        attributes={"mcp.method.name": "tools/call", "gen_ai.tool.name": name},',
    '    ):',
    '        carrier: dict[str, str] = {}',
    '        inject(carrier)',
    '        return await session.call_tool(name, arguments, meta=carrier)',
    '',
  ].join(nl);
}

/** `client.callTool(params)` → `helper(client, params)`, keeping the argument list as written. */
function rewrite(call: McpCall, text: string, helper: string): TextEdit {
  const callText = text.slice(call.span.start, call.span.end);
  const open = callText.indexOf('(', call.receiver.length);
  if (call.method === 'request' || open < 0) return { start: call.span.start, end: call.span.end, newText: `${helper}(${call.receiver}, ${call.paramsText})` };
  const after = /^[ \t]*(\r?\n[ \t]*)/.exec(callText.slice(open + 1));
  // One argument per line: the receiver goes on its own line too.
  const first = after ? `${after[1]}${call.receiver},` : `${call.receiver}, `;
  return { start: call.span.start, end: call.span.start + open + 1, newText: `${helper}(${first}` };
}

/** Routes the call through the helper, inserting the helper (and its imports) when the file has none yet. */
function helperFix(call: McpCall, file: FileFacts, writer: CodeWriter): Fix | undefined {
  if (!call.rewritable || call.path !== file.path) return undefined;
  const text = file.text;
  // `mcp?.callTool(…)` gives undefined when there is no client; the helper would throw (and fail to type-check).
  const callee = text.slice(call.span.start, call.span.end);
  if (/\?\./.test(callee.slice(0, Math.max(0, callee.indexOf('('))))) return undefined;
  const nl = lineBreakOf(text);
  const edits: TextEdit[] = [];
  if (writer.language === 'python') {
    const has = new RegExp(`^\\s*async\\s+def\\s+${PY_HELPER}\\b`, 'm').test(text);
    if (!has) {
      if (call.helperAt < 0) return undefined;
      // `inject` or `trace` bound to something else would be shadowed.
      if (/^\s*(async\s+)?def\s+(inject|trace)\b|^\s*(inject|trace)\s*=/m.test(text) || /import[^\n]*\binject\b/.test(text.replace(/from opentelemetry\.propagate import[^\n]*/g, ''))) return undefined;
      for (const [mod, names] of [['opentelemetry', ['trace']], ['opentelemetry.propagate', ['inject']]] as const) {
        const imp = writer.ensureImport(text, mod, [...names]);
        if (imp) edits.push(imp);
      }
      edits.push({ start: call.helperAt, end: call.helperAt, newText: pyHelper(nl) });
    }
    edits.push(rewrite(call, text, PY_HELPER));
    return { title: `Trace the tool call and propagate its context (${PY_HELPER})`, edits, safety: 'unsafe' };
  }
  const typed = file.language === 'typescript';
  const has = new RegExp(`\\bfunction\\s+${TS_HELPER}\\b`).test(text);
  if (!has) {
    if (OTEL_NAMES.some((n) => boundElsewhere(text, n, /^@opentelemetry\/api$/))) return undefined;
    if (typed && boundElsewhere(text, 'Client', /^@modelcontextprotocol\/sdk/)) return undefined;
    const imp = writer.ensureImport(text, '@opentelemetry/api', OTEL_NAMES);
    if (imp) edits.push(imp);
    if (typed && !/import\s+(type\s+)?\{[^}]*\bClient\b[^}]*\}\s*from\s*['"]@modelcontextprotocol\/sdk/.test(text)) {
      const c = writer.ensureImport(text, MCP_CLIENT_MODULE, ['Client']);
      if (c) edits.push(c);
    }
    edits.push({ start: call.helperAt, end: call.helperAt, newText: (text.endsWith('\n') ? '' : nl) + tsHelper(typed, nl) });
  }
  edits.push(rewrite(call, text, TS_HELPER));
  return { title: `Trace the tool call and propagate its context (${TS_HELPER})`, edits, safety: 'unsafe' };
}

function loopMessage(loop: AgentLoop, sites: LlmCallSite[]): string {
  const methods = [...new Set(sites.map((s) => s.method))].join(', ');
  const tools = loop.toolCalls.length === 1 ? 'a tool call' : `${loop.toolCalls.length} tool calls`;
  return `Agent loop: each turn calls ${methods || 'the model'} and runs ${tools} with no span per step, so the trace shows one long request instead of which turn, model call or tool was slow`;
}

export default defineRule({
  id: 'untraced-mcp-call',
  family: 'telemetry',
  severity: 'warning',
  fixable: 'unsafe',
  languages: ['typescript', 'javascript', 'python'],
  docs: {
    summary: 'MCP tool call without trace-context propagation, or an agent loop whose steps have no spans',
    why: [
      'An MCP tool call crosses a process boundary: the MCP server (often another team\'s service, a sidecar or a remote HTTP server) does the work, and its logs and spans only join the caller\'s trace when the caller sends the W3C trace context with the request. The OpenTelemetry MCP semantic conventions say instrumentations SHOULD propagate it inside the request\'s `params._meta` (`traceparent`, `tracestate`), and MCP reserves those keys there; without them every tool call starts a new, orphaned trace on the server, and a slow or failing tool cannot be tied to the model call that asked for it.',
      '',
      'The conventions also name the client span: `tools/call {tool}` (kind CLIENT) with `mcp.method.name` and `gen_ai.tool.name` (GenAI tool execution spans use `execute_tool {tool}`), measured by `mcp.client.operation.duration`. Known gap: OpenLLMetry\'s MCP instrumentation injects the context only when `params.meta` is already set (traceloop/openllmetry#4374), so ordinary calls are still not propagated.',
      '',
      'Agent loops make it worse: a loop that calls the model, runs the tools it asked for and calls the model again can run for minutes and many turns. With no span per step the trace is one long request; you cannot see which turn was slow, how many turns a request took, or how much of the latency was the model and how much the tools.',
      '',
      'The rule fires on `client.callTool(...)` / `client.request({ method: \'tools/call\' })` (`@modelcontextprotocol/sdk`) and `session.call_tool(...)` (`mcp` `ClientSession`) whose params carry no trace context and that are not inside a `tools/call …` / `execute_tool …` span, and on loops that call a model and a tool with no span inside the loop and no GenAI instrumentation in the project.',
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        code: `import { Client } from '@modelcontextprotocol/sdk/client/index.js';

const mcp = new Client({ name: 'support-bot', version: '1.0.0' });

export async function lookupOrder(orderId: string) {
  return mcp.callTool({ name: 'get_order', arguments: { orderId } });
}
`,
      },
      {
        language: 'typescript',
        code: `import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';

const openai = new OpenAI({ timeout: 60_000 });
const mcp = new Client({ name: 'support-bot', version: '1.0.0' });

export async function agent(messages: ChatCompletionMessageParam[]) {
  for (let turn = 0; turn < 8; turn++) {
    const res = await openai.chat.completions.create({ model: 'gpt-4o', messages });
    const calls = res.choices[0].message.tool_calls ?? [];
    if (calls.length === 0) return res.choices[0].message.content;
    for (const call of calls) {
      const result = await mcp.callTool({ name: call.function.name, arguments: JSON.parse(call.function.arguments), _meta: { progressToken: turn } });
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result.content) });
    }
  }
}
`,
      },
      {
        language: 'python',
        code: `from mcp import ClientSession


async def lookup_order(session: ClientSession, order_id: str):
    return await session.call_tool("get_order", {"order_id": order_id})
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        code: `import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';

const mcp = new Client({ name: 'support-bot', version: '1.0.0' });

export async function lookupOrder(orderId: string) {
  return trace.getTracer('mcp-client').startActiveSpan('tools/call get_order', { kind: SpanKind.CLIENT }, async (span) => {
    try {
      const carrier: Record<string, string> = {};
      propagation.inject(context.active(), carrier);
      return await mcp.callTool({ name: 'get_order', arguments: { orderId }, _meta: { ...carrier } });
    } finally {
      span.end();
    }
  });
}
`,
      },
      {
        language: 'python',
        code: `from mcp import ClientSession
from opentelemetry import trace
from opentelemetry.propagate import inject

tracer = trace.get_tracer("mcp-client")


async def lookup_order(session: ClientSession, order_id: str):
    with tracer.start_as_current_span("tools/call get_order", kind=trace.SpanKind.CLIENT):
        carrier: dict[str, str] = {}
        inject(carrier)
        return await session.call_tool("get_order", {"order_id": order_id}, meta=carrier)
`,
      },
      {
        language: 'python',
        code: `import json

from mcp import ClientSession
from openai import AsyncOpenAI
from opentelemetry import trace
from opentelemetry.propagate import inject

client = AsyncOpenAI(timeout=60)
tracer = trace.get_tracer("agent")


async def agent(session: ClientSession, messages: list):
    for turn in range(8):
        with tracer.start_as_current_span(f"chat gpt-4o (turn {turn})", kind=trace.SpanKind.CLIENT):
            res = await client.chat.completions.create(model="gpt-4o", messages=messages)
        calls = res.choices[0].message.tool_calls or []
        if not calls:
            return res.choices[0].message.content
        for call in calls:
            with tracer.start_as_current_span(f"execute_tool {call.function.name}", kind=trace.SpanKind.CLIENT):
                carrier: dict[str, str] = {}
                inject(carrier)
                result = await session.call_tool(call.function.name, json.loads(call.function.arguments), meta=carrier)
            messages.append({"role": "tool", "tool_call_id": call.id, "content": str(result.content)})
`,
      },
    ],
    references: [
      'https://opentelemetry.io/docs/specs/semconv/gen-ai/mcp/',
      'https://github.com/open-telemetry/semantic-conventions-genai',
      'https://modelcontextprotocol.io/specification/2025-06-18/basic#meta',
      'https://github.com/modelcontextprotocol/python-sdk/pull/1231',
      'https://github.com/traceloop/openllmetry/issues/4374',
      'https://opentelemetry.io/docs/languages/js/propagation/',
    ],
    fixSafety:
      "Unsafe. Inserts one helper per file — `callToolTraced(client, params)` (TypeScript, `@opentelemetry/api`) or `call_tool_traced(session, name, arguments)` (Python, `opentelemetry-api`; `meta=` needs mcp ≥ 1.19) — that starts a `tools/call {tool}` CLIENT span with `mcp.method.name` and `gen_ai.tool.name`, injects the active context with `propagation.inject` into `params._meta`, records errors and ends the span, and routes the call through it. Calls with a result schema, request options or extra keywords get no fix, nor do optional calls (`mcp?.callTool(…)`), which the helper would turn into a throw when there is no client. Agent loops get no automatic fix: wrap each model call and each tool call in a span (`chat {model}`, `execute_tool {tool}`), or add GenAI instrumentation.",
  },
  defaultOptions: {},
  check(ctx) {
    const { file, writer } = ctx;
    for (const call of file.mcpCalls ?? []) {
      if (call.propagatesContext || call.inToolSpan) continue;
      // `meta=` came with mcp 1.19: a project pinned below it cannot take the fix.
      const mcpPin = file.language === 'python' ? pythonCeiling(ctx.workspace, file.path, 'mcp') : undefined;
      const fix = writer && !(mcpPin && ceilingBelow(mcpPin, MCP_PYTHON_CALL_TOOL_META.since)) ? helperFix(call, file, writer) : undefined;
      const what = call.tool ? `MCP tool call '${call.tool}'` : 'MCP tool call';
      ctx.report({
        span: call.nameSpan,
        message: `${what} sends no trace context in params._meta and runs in no tools/call span, so the server's work cannot be joined to this trace`,
        fix,
      });
    }
    // Instrumentation gives every model call its own span, which is a span per step.
    if (instrumentsFile(ctx.workspace, file)) return;
    for (const loop of file.agentLoops ?? []) {
      if (loop.stepSpans) continue;
      const sites = loop.callSiteIds.map((id) => file.callSites.find((s) => s.id === id)).filter((s): s is LlmCallSite => !!s);
      if (sites.length > 0 && sites.every(selfTraced)) continue;
      ctx.report({ span: loop.headSpan, message: loopMessage(loop, sites) });
    }
  },
});
