// Whether a call runs inside a span, mirroring the span half of the TypeScript front end's call-context.ts.
import type { FnInfo, PyFile } from './file-context';
import { resolveExpr } from './resolve';
import { lastName, unwrap, within, type Node } from './syntax';
import { callOfName, wordNodes } from './text-search';

const SPAN_CALL = /^(start_as_current_span|start_span|start_as_current_generation|start_as_current_observation|start_observation|span|trace|start_trace)$/;
/** Code that opens an OpenTelemetry span. */
const OPENS_SPAN = /\.start_span\(|\.start_as_current_span\(/;
const SPAN_DECORATOR = /^(start_as_current_span|observe|traceable|instrument|op|trace|workflow|agent|tool|task)$/;

/** The call runs inside a manually started span or a traced function. */
export function insideSpan(node: Node, file: PyFile, depth = 0): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'with_statement') {
      const clause = p.namedChildren.find((c) => c.type === 'with_clause');
      for (const item of clause?.namedChildren ?? []) {
        if (item.type !== 'with_item') continue;
        const v = item.childForFieldName('value');
        const call = v?.type === 'as_pattern' ? v.namedChildren[0] : v;
        if (call?.type === 'call' && SPAN_CALL.test(lastName(call.childForFieldName('function')))) return true;
      }
    }
  }
  for (let f: FnInfo | null = file.functionAt(node.startIndex); f; f = f.parent) {
    for (const d of f.decorators) {
      const e = unwrap(d);
      const callee = e.type === 'call' ? e.childForFieldName('function') : e;
      const name = lastName(callee);
      if (!SPAN_DECORATOR.test(name)) {
        if (workspaceSpanDecorator(file, callee)) return true;
        continue;
      }
      // `@task`/`@tool`/`@op` are tracing only when they come from a tracing package.
      if (/^(task|tool|op|agent|workflow|instrument|trace)$/.test(name) && !fromTracingPackage(file, callee)) continue;
      return true;
    }
    const body = f.node.childForFieldName('body');
    if (body && OPENS_SPAN.test(file.src(body))) return true;
  }
  // A helper that every caller in this module calls inside a span runs in that span
  // (`with tracer.start_as_current_span("chat"): return await self._call_openai(q)`).
  const fn = depth < 2 ? file.functionAt(node.startIndex) : null;
  if (!fn) return false;
  const callers = [...wordNodes(file, fn.name, callOfName), ...wordNodes(file, fn.name, handedToThread)].filter((c) => !within(c, fn.node));
  return callers.length > 0 && callers.every((c) => insideSpan(c, file, depth + 1));
}

/**
 * Runners that call a function in a worker thread with a copy of the caller's context variables, and so inside its
 * current span: `asyncio.to_thread(f, …)`, `anyio.to_thread.run_sync(f, …)`, Starlette's `run_in_threadpool(f, …)`.
 * (`loop.run_in_executor` copies no context.)
 */
const CONTEXT_COPYING_RUNNER = /^(to_thread|run_sync|run_in_threadpool)$/;

/** The runner call when `id` is the function it is handed (`asyncio.to_thread(_summarize, text)`). */
function handedToThread(id: Node): Node | null {
  if (id.type !== 'identifier' || id.parent?.type !== 'argument_list' || id.parent.namedChildren[0]?.id !== id.id) return null;
  const call = id.parent.parent;
  return call?.type === 'call' && CONTEXT_COPYING_RUNNER.test(lastName(call.childForFieldName('function'))) ? call : null;
}


function fromTracingPackage(file: PyFile, callee: Node | null): boolean {
  if (!callee) return false;
  const r = resolveExpr(file, callee);
  return r.kind === 'external' && /^(traceloop|opentelemetry|langfuse|langsmith|logfire|weave|openlit|ddtrace|mlflow)(\.|$)/.test(r.qualified);
}

/**
 * The decorator is a function of the workspace that opens a span around what it wraps: letta's `@trace_method`,
 * whose wrapper runs the method under `tracer.start_as_current_span(…)`.
 */
function workspaceSpanDecorator(file: PyFile, callee: Node | null): boolean {
  if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) return false;
  const r = resolveExpr(file, callee);
  if (r.kind !== 'function') return false;
  if (r.path !== file.path) return !!r.opensSpan;
  const own = file.functionNamed(r.qualName);
  return !!own && opensSpan(file, own);
}

/** The function (a decorator, its wrapper nested inside) opens a span: module summaries keep this for importers. */
export function opensSpan(file: PyFile, fn: FnInfo): boolean {
  return OPENS_SPAN.test(file.src(fn.node));
}
