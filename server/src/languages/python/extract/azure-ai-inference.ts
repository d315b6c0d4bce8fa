// Azure AI Inference (Python `azure-ai-inference`): `ChatCompletionsClient(endpoint=…, credential=…)` from
// `azure.ai.inference` (or `azure.ai.inference.aio`) is a client (sdk `azure-ai-inference`), and its `complete(…)` is a
// call site. The endpoint is a model endpoint the code must name (Azure AI Foundry, a serverless deployment, GitHub
// Models), so the provider is `unknown`. The client's keywords `model=` and `max_tokens=` are defaults of every
// request (`_patch.py` keeps them and `complete` sends them unless given its own). `EmbeddingsClient` and
// `ImageEmbeddingsClient` run no chat model and are not clients here.
import type { LlmCallSite } from '../../../core/types';
import type { ClientClass } from './sdk';

/** The package's re-exports (sync and `.aio`) and the module that defines the patched class. */
const INFERENCE_MODULES = /^azure\.ai\.inference(\.aio)?(\._patch)?$/;

/** The client class a qualified name stands for, or null. */
export function azureInferenceClientOf(module: string, name: string): ClientClass | null {
  if (!INFERENCE_MODULES.test(module) || name !== 'ChatCompletionsClient') return null;
  return { sdk: 'azure-ai-inference', provider: 'unknown', className: 'ChatCompletionsClient' };
}

/** `complete(…)` sends the request; `stream=True` makes it a stream of updates (null: `stream=` decides). */
export const AZURE_INFERENCE_METHODS: Readonly<Record<string, boolean | null>> = { complete: null };

/**
 * A request without its own `model=` / `max_tokens=` sends the client's. A stream's updates have a `usage` field, but
 * the SDK asks for none (`complete` takes no stream options) and whether the endpoint fills it is the model's: unknown.
 */
export function inheritAzureInferenceOptions(site: LlmCallSite): void {
  if (site.streaming !== false) {
    site.usage = 'unknown';
    delete site.usageDroppedBy;
    delete site.usageDroppedIn;
  }
  const co = site.client?.args.options ?? {};
  const own = site.args.options;
  const m = co.model;
  if (!own.model && m) site.model = { value: m.value.kind === 'string' ? m.value.value : null, span: m.value.span, literal: m.value.kind === 'string' };
  const cap = co.max_tokens?.value;
  if (!own.max_tokens && cap?.kind === 'number') site.maxOutputTokens = cap.value;
}
