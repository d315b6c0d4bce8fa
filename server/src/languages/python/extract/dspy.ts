// DSPy language models as call sites: `dspy.LM("openai/gpt-4o-mini", …)`. Every module of a program (`dspy.Predict`,
// `dspy.ChainOfThought`, a `dspy.Module`'s `forward`) sends through the LM given to `dspy.configure(lm=…)` or
// `dspy.context(lm=…)`, so, as for an agent, the construction is the site: its keywords are those of every request
// (catalog/agent-frameworks.ts DSPY_LM), and no one request is followed.
import { escapeRegExp } from '../../../core/text';
import type { LlmCallSite } from '../../../core/types';
import type { CallSiteEnv } from './call-sites';
import type { PyFile } from './file-context';
import { functionRef } from './call-sites';
import { resolveExpr } from './resolve';
import { providerOfLitellmModel } from './sdk';
import { stringValue } from './strings';
import { keyword, positional, unwrap, type Node } from './syntax';
import { callOfName, nodesMatching } from './text-search';
import { callArgs, envRead } from './values';

/** Where the package exports its LM class. */
const DSPY_LM_CLASS = /^dspy(\.clients(\.lm)?)?\.LM$/;

/** Cheap text test: a file that imports dspy. */
export const DSPY_MENTION = /^[ \t]*(?:from[ \t]+dspy\b|import[ \t]+dspy\b)/m;

/** Keywords that point the LM at another host than the provider's (LiteLLM reads both). */
const HOST_KEYS = ['api_base', 'base_url'];

/** Every `dspy.LM(…)` construction of the file, as a call site. */
export function dspyLmSitesIn(env: CallSiteEnv): LlmCallSite[] {
  const { file } = env;
  if (!DSPY_MENTION.test(file.text)) return [];
  // `dspy.LM(…)`, `LM(…)` after `from dspy import LM`, or an alias it is imported as.
  const aliases = [...file.imports.values()].filter((b) => b.name === 'LM' && b.local !== 'LM').map((b) => escapeRegExp(b.local));
  const re = new RegExp(`(?<![\\w])(LM${aliases.length ? `|${aliases.join('|')}` : ''})\\s*\\(`, 'dg');
  const out: LlmCallSite[] = [];
  for (const call of nodesMatching(file, re, 1, callOfName)) {
    const fn = call.childForFieldName('function');
    const r = fn ? resolveExpr(file, fn) : null;
    if (r?.kind === 'external' && DSPY_LM_CLASS.test(r.qualified)) out.push(lmSite(call, fn!, env));
  }
  return out;
}

function lmSite(call: Node, callee: Node, env: CallSiteEnv): LlmCallSite {
  const { file } = env;
  const args = callArgs(file, call);
  const argsNode = call.childForFieldName('arguments');
  const fn = file.functionAt(call.startIndex);
  const nameNode = callee.type === 'attribute' ? (callee.childForFieldName('attribute') ?? callee) : callee;
  const modelNode = keyword(argsNode, 'model') ?? positional(argsNode, 0);
  const model = modelNode ? lmModel(file, modelNode) : { value: null, literal: false };
  // A host of the code's own choosing (a gateway, a local server) is not the provider the prefix names.
  const elsewhere = HOST_KEYS.some((k) => Object.hasOwn(args.options, k)) || args.hasSpread;
  return {
    id: `${file.path}#${file.span(call).start}`,
    path: file.path,
    language: 'python',
    span: file.span(call),
    nameSpan: file.span(nameNode),
    provider: elsewhere ? 'unknown' : providerOfLitellmModel(model.value),
    sdk: 'dspy',
    method: 'dspy.LM',
    model,
    // Whether a request streams (`dspy.streamify`) and what reads its usage belong to the programs run with it.
    streaming: null,
    args,
    prompt: [],
    maxOutputTokens: null,
    client: null,
    enclosingFunction: fn ? functionRef(file, fn, env.reasons) : null,
    // The retries around its programs' calls are not followed from here.
    retries: [],
    // No span wraps a construction; DSPy's own instrumentations are read by untraced-llm-call.
    inSpan: false,
    agent: true,
    // Callbacks given to the LM run around each of its requests and may trace them.
    ...(Object.hasOwn(args.options, 'callbacks') ? { callbacksMayTrace: true as const } : {}),
    usage: 'unknown',
  };
}

/** The model string: written in place or in a module constant (`literal`), or only an environment read's default. */
export function lmModel(file: PyFile, node: Node): LlmCallSite['model'] {
  const e = unwrap(node);
  const span = file.span(e);
  const literal = stringValue(e, (n) => file.src(n));
  // LiteLLM routes by the prefix (`openai/…`, `gemini/…`): a variable holding the bare id would lose the route.
  if (literal !== null) return { value: literal, span, literal: true, ...(literal.includes('/') ? { routed: true } : {}) };
  // `os.getenv("DSPY_MODEL", "openai/gpt-4o-mini")` in place: the default is a model, not a hardcoded one.
  const inPlace = e.type === 'call' ? envRead(file, e)?.fallback : undefined;
  const fallback = inPlace ? stringValue(unwrap(inPlace), (n) => file.src(n)) : null;
  if (fallback !== null) return { value: fallback, span, literal: false };
  if (e.type === 'identifier' || e.type === 'attribute') {
    const r = resolveExpr(file, e);
    if (r.kind === 'string') return { value: r.value, span, literal: true };
    if (r.kind === 'node') {
      const s = stringValue(r.node, (n) => r.file.src(n));
      if (s !== null) return { value: s, span, literal: true };
      const fb = envRead(r.file, r.node)?.fallback;
      const v = fb ? stringValue(unwrap(fb), (n) => r.file.src(n)) : null;
      if (v !== null) return { value: v, span, literal: false };
    }
  }
  return { value: null, span, literal: false };
}
