import { ts } from './compiler';
import type { ClientFact, LlmCallSite } from '../../core/types';
import type { FileContext } from './file-context';
import { inheritHuggingFaceClientModel, settleUsage } from '../../core/call-site-options';
import { unwrap } from './ast';
import { resolveExpression } from './resolve';

/**
 * @huggingface/inference methods that run a language model (true: an async iterable of chunks). The client's other
 * tasks (`textToImage`, `featureExtraction`, `automaticSpeechRecognition`, …) bill no tokens and are not call sites.
 */
export const HUGGINGFACE_METHODS: Readonly<Record<string, boolean>> = { chatCompletion: false, chatCompletionStream: true, textGeneration: false, textGenerationStream: true };

/**
 * `hf.chatCompletion({…})` on an `InferenceClient` / `HfInference`, also through `hf.endpoint(url)` (a copy of the
 * client bound to an Inference Endpoint or TGI server), written in place or bound to a `const` first.
 */
export function huggingfaceCall(callee: ts.PropertyAccessExpression, ctx: FileContext): { client: ClientFact; method: string; streaming: boolean; endpoint: boolean } | null {
  const method = callee.name.text;
  if (!Object.hasOwn(HUGGINGFACE_METHODS, method)) return null;
  let receiver = unwrap(callee.expression);
  const copy = endpointCopy(receiver, ctx);
  if (copy) receiver = copy;
  const r = resolveExpression(receiver, ctx);
  if (r.kind !== 'client' || r.client.sdk !== 'huggingface') return null;
  return { client: r.client, method, streaming: HUGGINGFACE_METHODS[method], endpoint: copy !== null };
}

/** The client `x` of `x.endpoint(url)`, written in place or in the `const` the receiver names. */
function endpointCopy(e: ts.Expression, ctx: FileContext): ts.Expression | null {
  let call = e;
  if (ts.isIdentifier(e)) {
    const d = ctx.declarationOf(e);
    if (!d || !('kind' in d) || !ts.isVariableDeclaration(d) || !d.initializer || !(ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const)) return null;
    call = unwrap(d.initializer);
  }
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'endpoint') return null;
  return unwrap(call.expression.expression);
}

/**
 * The request's model, cap and usage: `textGeneration({ inputs, parameters: { max_new_tokens } })` hands back the
 * generated text (and token details only when asked), so its usage stays unknown; a chat completion's is `usage`.
 */
export function huggingfaceRequest(site: LlmCallSite, endpoint: boolean): void {
  // An endpoint copy (or a client given `endpointUrl`) sends to its URL whatever `model` the request names.
  if (endpoint || site.client?.args.options.endpointUrl) site.model = { value: null, span: site.model.span, literal: false };
  else inheritHuggingFaceClientModel(site);
  const params = site.args.options.parameters?.value;
  const cap = params?.kind === 'object' ? params.args.options.max_new_tokens?.value : undefined;
  if (cap?.kind === 'number' && cap.value > 0) site.maxOutputTokens = cap.value;
  if (/^textGeneration/.test(site.method)) settleUsage(site, 'unknown');
}
