import { ts } from './compiler';
import type { ClientFact, LlmCallSite } from '../../core/types';
import type { FileContext } from './file-context';
import { clientModel, settleUsage } from '../../core/call-site-options';
import { unwrap } from './ast';
import { resolveExpression } from './resolve';
import { engineLlm } from './llamaindex-engines';

/** LlamaIndex.TS LLM methods that send a model request (`complete` is a one-message `chat`). */
const LLAMAINDEX_METHODS: ReadonlySet<string> = new Set(['chat', 'complete']);

/**
 * `llm.chat({ messages, stream })` / `llm.complete({ prompt, stream })` on a LlamaIndex.TS LLM built in the workspace
 * (`new OpenAI({…})` from @llamaindex/openai or `llamaindex`): the receiver must resolve to one, since `chat` and
 * `complete` are the method names of countless wrappers of other SDKs.
 */
export function llamaIndexCall(callee: ts.PropertyAccessExpression, call: ts.CallExpression, ctx: FileContext): { client: ClientFact; method: string; streaming: boolean | null; engine?: true } | null {
  const method = callee.name.text;
  const engine = engineLlm(callee, ctx);
  // `chatEngine.chat({ message, stream })` / `queryEngine.query({ query, stream })` take the same `stream` flag.
  if (engine) return { client: engine, method, streaming: streamingOf(call), engine: true };
  if (!LLAMAINDEX_METHODS.has(method)) return null;
  const r = resolveExpression(callee.expression, ctx);
  if (r.kind !== 'client' || r.client.sdk !== 'llamaindex') return null;
  return { client: r.client, method, streaming: streamingOf(call) };
}

/**
 * Whether the call streams: `stream: true` in its parameters object. LlamaIndex.TS before 0.1 took positional
 * arguments, `chat(messages, parentEvent, streaming)` / `complete(prompt, parentEvent, streaming)`. Anything the code
 * computes is unknown.
 */
function streamingOf(call: ts.CallExpression): boolean | null {
  const first = call.arguments[0] && unwrap(call.arguments[0]);
  if (!first) return null;
  if (ts.isObjectLiteralExpression(first)) {
    if (first.properties.some((p) => ts.isSpreadAssignment(p))) return null;
    const s = first.properties.find((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && ts.isIdentifier(p.name) && p.name.text === 'stream');
    if (!s) return false;
    const v = ts.isPropertyAssignment(s) ? unwrap(s.initializer) : null;
    return v?.kind === ts.SyntaxKind.TrueKeyword ? true : v?.kind === ts.SyntaxKind.FalseKeyword ? false : null;
  }
  // Today's methods take one parameters object: more arguments, or a list or text, are the old positional form.
  const positional = call.arguments.length > 1 || ts.isArrayLiteralExpression(first) || ts.isStringLiteralLike(first) || ts.isTemplateExpression(first);
  if (!positional) return null;
  const flag = call.arguments[2] && unwrap(call.arguments[2]);
  if (!flag) return false;
  return flag.kind === ts.SyntaxKind.TrueKeyword ? true : flag.kind === ts.SyntaxKind.FalseKeyword ? false : null;
}

/**
 * The LLM holds the model and the output cap (`new OpenAI({ model, maxTokens })`). Its response keeps the provider's
 * usage in `raw` (a stream's chunks, in each `raw` part), which is not followed: the usage is left unknown.
 */
export function inheritLlamaIndexOptions(site: LlmCallSite): void {
  if (site.sdk !== 'llamaindex' || !site.client) return;
  const co = site.client.args.options;
  const m = co.model;
  site.model = m ? { value: clientModel(site.client, m.value), span: m.value.span, literal: m.value.kind === 'string' } : { value: null, span: site.model.span, literal: false };
  const cap = co.maxTokens?.value;
  if (cap?.kind === 'number') site.maxOutputTokens = cap.value;
  settleUsage(site, 'unknown');
}
