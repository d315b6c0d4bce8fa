// Semantic Kernel (Python): its OpenAI connectors, `OpenAIChatCompletion(ai_model_id=…)` and
// `AzureChatCompletion(deployment_name=…)` from `semantic_kernel.connectors.ai.open_ai`, are clients (sdk
// `semantic-kernel`), and asking one directly (`await service.get_chat_message_content(chat_history, settings)`) is a
// call site. Without `async_client=` a connector builds an AsyncOpenAI / AsyncAzureOpenAI of its own with
// openai-python's defaults (catalogue `semantic-kernel-openai`); with one, its requests go through that client.
// Kernel prompts and agent runs through one connector: semantic-kernel-runs.ts.
import type { LlmCallSite, Provider } from '../../../core/types';
import type { ClientClass } from './sdk';

/** Cheap text test: a file that imports Semantic Kernel. */
export const SEMANTIC_KERNEL_MENTION = /^[ \t]*(?:from|import)[ \t]+semantic_kernel\b/m;

/** The package's re-export and the connectors' own modules. */
const CONNECTOR_MODULES = /^semantic_kernel\.connectors\.ai\.open_ai(\.services\.(open_ai_chat_completion|azure_chat_completion))?$/;
const CONNECTOR_CLASSES: Readonly<Record<string, Provider>> = { OpenAIChatCompletion: 'openai', AzureChatCompletion: 'azure-openai' };

/** The connector class a qualified name stands for, or null. */
export function semanticKernelConnectorOf(module: string, name: string): ClientClass | null {
  if (!CONNECTOR_MODULES.test(module) || !Object.hasOwn(CONNECTOR_CLASSES, name)) return null;
  return { sdk: 'semantic-kernel', provider: CONNECTOR_CLASSES[name], className: name };
}

/** The methods of a chat completion service that send a request (true: the result is a stream of chunks). */
export const SEMANTIC_KERNEL_METHODS: Readonly<Record<string, boolean>> = {
  get_chat_message_content: false, get_chat_message_contents: false,
  get_streaming_chat_message_content: true, get_streaming_chat_message_contents: true,
};

/**
 * A connector holds the model: `ai_model_id=` (OpenAI), `deployment_name=` (Azure, named like `model=` of an Azure
 * openai client); unset, an environment variable names it. The output cap and other request options are in the
 * `settings` object (PromptExecutionSettings), which is not read; the reply keeps the usage in `metadata["usage"]`:
 * not modelled, left unknown.
 */
export function inheritSemanticKernelOptions(site: LlmCallSite): void {
  site.usage = 'unknown';
  delete site.usageDroppedBy;
  delete site.usageDroppedIn;
  const co = site.client?.args.options ?? {};
  const m = co.ai_model_id ?? co.deployment_name;
  if (m) site.model = { value: m.value.kind === 'string' ? m.value.value : null, span: m.value.span, literal: m.value.kind === 'string' };
}
