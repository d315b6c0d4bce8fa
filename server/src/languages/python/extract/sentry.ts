// Sentry's Python SDK as GenAI instrumentation. `sentry_sdk.init(…)` records a span per LLM call, with its model and
// token usage, when two things hold:
// - tracing is on: `traces_sample_rate` (not 0 or None) or `traces_sampler`, or `enable_tracing=True`; an explicit
//   `enable_tracing=False` turns tracing off whatever the rate (sentry_sdk tracing_utils.has_tracing_enabled);
// - one of its AI integrations runs. They are auto-enabling integrations (getsentry/sentry-python,
//   sentry_sdk/integrations/__init__.py `_AUTO_ENABLING_INTEGRATIONS`: OpenAI, Anthropic, LangChain, …), set up by
//   `init` when the package is installed, unless `auto_enabling_integrations=False` or `default_integrations=False`
//   (setup_integrations iterates them only `with_defaults`): then only those listed in `integrations=[…]` run
//   (docs.sentry.io/platforms/python/integrations/openai: "enabled automatically when you initialize the Sentry SDK").
// The options are read like any call's keyword arguments, a `**opts` dict built in the function or module included
// (`opts = {…}; opts["traces_sampler"] = f; sentry_sdk.init(**opts)`). A spread whose keys cannot be seen may carry
// any option the call does not write itself, and then counts as carrying those that make Sentry trace (the rules stay
// silent), as other calls' unseen spreads do.
import type { ArgsFact, Span, ValueFact } from '../../../core/types';
import type { PyFile } from './file-context';
import { resolveExpr } from './resolve';
import { callOfName, nodesMatching } from './text-search';
import { callArgs } from './values';

/** One `sentry_sdk.init(…)`: whether it traces, and whether the spans include the LLM calls. */
export interface SentrySetUp {
  span: Span;
  tracing: boolean;
  /** Null when an AI integration may run; else the option that keeps them all off, as written. */
  aiOff: string | null;
}

/** Sentry's AI integrations (sentry_sdk.integrations.*): any of them listed keeps GenAI spans on. */
const AI_INTEGRATION = /^(?:[\w.]+\.)?(?:OpenAI|OpenAIAgents|Anthropic|Langchain|Langgraph|LiteLLM|GoogleGenAI|HuggingfaceHub|Cohere|PydanticAI)Integration\s*\(/;

/** The `sentry_sdk.init(…)` calls of the file (`import sentry_sdk`, an alias, or `from sentry_sdk import init`). */
export function sentrySetUpsIn(file: PyFile): SentrySetUp[] {
  if (!/\bsentry_sdk\b/.test(file.text)) return [];
  const out: SentrySetUp[] = [];
  for (const call of nodesMatching(file, /\b(init)\s*\(/dg, 1, callOfName)) {
    const fn = call.childForFieldName('function');
    const callee = fn ? resolveExpr(file, fn) : null;
    if (callee?.kind !== 'external' || callee.qualified !== 'sentry_sdk.init') continue;
    const args = callArgs(file, call);
    out.push({ span: file.span(call), tracing: tracingOn(args), aiOff: aiIntegrationsOff(file, args) });
  }
  return out;
}

/** A spread of the call may set the option: it writes none itself and some `**dict` has keys unseen. */
function unseen(args: ArgsFact, key: string): boolean {
  return !args.options[key] && args.hasSpread;
}

function tracingOn(args: ArgsFact): boolean {
  const enable = args.options.enable_tracing?.value;
  if (enable?.kind === 'boolean') {
    if (!enable.value && !args.options.enable_tracing.conditional) return false;
    if (enable.value) return true;
  }
  const rate = args.options.traces_sample_rate?.value;
  const sampler = args.options.traces_sampler?.value;
  if (rate && !(rate.kind === 'number' && rate.value === 0) && rate.kind !== 'null') return true;
  if (sampler && sampler.kind !== 'null') return true;
  return unseen(args, 'traces_sample_rate') || unseen(args, 'traces_sampler') || (!!enable && enable.kind !== 'boolean');
}

/** The option that keeps every AI integration off, or null when one may run. */
function aiIntegrationsOff(file: PyFile, args: ArgsFact): string | null {
  const listed = args.options.integrations?.value;
  if (listed ? mayListAiIntegration(listed) : unseen(args, 'integrations')) return null;
  for (const key of ['auto_enabling_integrations', 'default_integrations']) {
    const opt = args.options[key];
    if (opt?.value.kind === 'boolean' && !opt.value.value && !opt.conditional) return file.text.slice(opt.span.start, opt.span.end);
  }
  return null;
}

/** `integrations=[DjangoIntegration(), OpenAIIntegration()]`: a list read element by element; anything else may hold one. */
function mayListAiIntegration(value: ValueFact): boolean {
  if (value.kind !== 'array') return true;
  return value.elements.some((e) => e.kind === 'dynamic' && (AI_INTEGRATION.test(e.text) || e.text.startsWith('*')));
}
