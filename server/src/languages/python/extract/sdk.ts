import type { Provider, Sdk } from '../../../core/types';
import { azureInferenceClientOf } from './azure-ai-inference';
import { semanticKernelConnectorOf } from './semantic-kernel';

/** A class (or factory) whose call constructs an LLM client. */
export interface ClientClass {
  sdk: Sdk;
  provider: Provider;
  className: string;
}

/** The SDK's own modules, and drop-in subclasses of its clients that take the same options (Langfuse, PostHog LLM analytics). */
const OPENAI_MODULES = /^(openai|langfuse\.openai|(posthog|posthoganalytics)\.ai\.openai)(\.|$)/;
const ANTHROPIC_MODULES = /^(anthropic|(posthog|posthoganalytics)\.ai\.anthropic)(\.|$)/;

/** The client class a fully qualified external name (`openai.AsyncOpenAI`, `google.genai.Client`) stands for. */
export function clientClassOf(qualified: string): ClientClass | null {
  const dot = qualified.lastIndexOf('.');
  if (dot < 0) return null;
  const module = qualified.slice(0, dot);
  const name = qualified.slice(dot + 1);
  if (OPENAI_MODULES.test(module)) {
    if (name === 'OpenAI' || name === 'AsyncOpenAI') return { sdk: 'openai', provider: 'openai', className: name };
    if (name === 'AzureOpenAI' || name === 'AsyncAzureOpenAI') return { sdk: 'openai', provider: 'azure-openai', className: name };
    // `openai.Client` / `openai.AsyncClient` are the package's aliases of the two classes.
    if (name === 'Client' || name === 'AsyncClient') return { sdk: 'openai', provider: 'openai', className: name === 'Client' ? 'OpenAI' : 'AsyncOpenAI' };
  }
  if (ANTHROPIC_MODULES.test(module) && /^(Async)?Anthropic(Bedrock|Vertex)?$/.test(name)) return { sdk: 'anthropic', provider: 'anthropic', className: name };
  // `anthropic.Client` / `anthropic.AsyncClient` are the package's aliases of the two classes (anthropic/_client.py).
  if (/^anthropic(\._client)?$/.test(module) && (name === 'Client' || name === 'AsyncClient')) return { sdk: 'anthropic', provider: 'anthropic', className: name === 'Client' ? 'Anthropic' : 'AsyncAnthropic' };
  if (/^langchain/.test(module)) {
    if (name === 'ChatOpenAI') return { sdk: 'langchain', provider: 'openai', className: name };
    if (name === 'AzureChatOpenAI') return { sdk: 'langchain', provider: 'azure-openai', className: name };
    if (name === 'ChatAnthropic') return { sdk: 'langchain', provider: 'anthropic', className: name };
    if (name === 'ChatGoogleGenerativeAI') return { sdk: 'langchain', provider: 'google', className: name };
    // langchain-groq hands `timeout` (default None) and `max_retries` (default 2) to groq.Groq, as ChatOpenAI does.
    if (name === 'ChatGroq') return { sdk: 'langchain', provider: 'groq', className: name };
    // langchain-deepseek's ChatDeepSeek subclasses langchain-openai's BaseChatOpenAI over openai-python.
    if (name === 'ChatDeepSeek') return { sdk: 'langchain', provider: 'deepseek', className: name };
    // langchain-litellm's ChatLiteLLM (also re-exported, or in older releases written, by langchain_community): a
    // BaseChatModel over `litellm.completion`, which picks the provider from the model string. Its retry and timeout
    // facts differ between releases (catalogue `langchain-litellm`), so none is claimed.
    if (name === 'ChatLiteLLM') return { sdk: 'langchain', provider: 'unknown', className: name };
  }
  // CrewAI's `LLM(model=…, timeout=…, base_url=…)`: the model object its agents send through (catalogue CREWAI_LLM).
  if (/^crewai(\.llm)?$/.test(module) && name === 'LLM') return { sdk: 'crewai', provider: 'unknown', className: 'crewai.LLM' };
  // AutoGen's model clients (autogen-ext): `OpenAIChatCompletionClient(model=…, timeout=…, base_url=…)` builds an
  // `AsyncOpenAI` from the keywords it takes (catalogue `autogen`); AG2's `llm_config` dicts are not clients.
  if (/^autogen_ext\.models\.openai(\._openai_client)?$/.test(module)) {
    if (name === 'OpenAIChatCompletionClient') return { sdk: 'autogen', provider: 'openai', className: name };
    if (name === 'AzureOpenAIChatCompletionClient') return { sdk: 'autogen', provider: 'azure-openai', className: name };
  }
  // Groq's and Cerebras's Stainless clients: openai-python's shape (`chat.completions.create`, `timeout=`, `max_retries=`,
  // `base_url=`, `with_options`) with defaults of their own (catalogue `groq`, `cerebras`).
  if (/^groq(\._client)?$/.test(module) && (name === 'Groq' || name === 'AsyncGroq')) return { sdk: 'openai', provider: 'groq', className: name };
  if (/^cerebras\.cloud\.sdk(\._client)?$/.test(module) && (name === 'Cerebras' || name === 'AsyncCerebras')) return { sdk: 'openai', provider: 'cerebras', className: name };
  if (/^google\.genai(\.|$)/.test(module) && name === 'Client') return { sdk: 'google-genai', provider: 'google', className: 'genai.Client' };
  // The deprecated google-generativeai package: a model object (`genai.GenerativeModel("gemini-1.5-flash")`) is the client.
  if (/^google\.generativeai(\.|$)/.test(module) && name === 'GenerativeModel') return { sdk: 'google-generativeai', provider: 'google', className: 'GenerativeModel' };
  if (/^litellm(\.|$)/.test(module) && name === 'Router') return { sdk: 'litellm', provider: 'unknown', className: 'Router' };
  if (/^ollama(\._client)?$/.test(module) && (name === 'Client' || name === 'AsyncClient')) return { sdk: 'ollama', provider: 'ollama', className: `ollama.${name}` };
  // huggingface_hub's inference clients: Inference Providers (HF's router picks the third party), an Inference Endpoint
  // or a TGI server named by a `model=` / `base_url=` URL. Which one is not a provider of its own: `unknown`.
  if (HUGGINGFACE_MODULES.test(module) && (name === 'InferenceClient' || name === 'AsyncInferenceClient')) return { sdk: 'huggingface', provider: 'unknown', className: name };
  // Mistral's SDK: `Mistral` from `mistralai` (1.x) or `mistralai.client` (2.x); the deprecated 0.x clients.
  if (/^mistralai(\.client(\.sdk)?|\.sdk)?$/.test(module) && name === 'Mistral') return { sdk: 'mistral', provider: 'mistral', className: 'Mistral' };
  if ((module === 'mistralai.client' && name === 'MistralClient') || (module === 'mistralai.async_client' && name === 'MistralAsyncClient')) return { sdk: 'mistral', provider: 'mistral', className: name };
  // Cohere's clients: v1 (`Client`, `AsyncClient`) and v2 (`ClientV2`, `AsyncClientV2`, which share v1's `__init__`).
  if (/^cohere(\.client(_v2)?)?$/.test(module) && /^(Async)?Client(V2)?$/.test(name)) return { sdk: 'cohere', provider: 'cohere', className: `cohere.${name}` };
  if (LLAMAINDEX_MODULES.test(module) && Object.hasOwn(LLAMAINDEX_CLASSES, name)) return { sdk: 'llamaindex', provider: LLAMAINDEX_CLASSES[name], className: name };
  if (HAYSTACK_MODULES.test(module) && HAYSTACK_CLASSES.has(name)) return { sdk: 'haystack', provider: 'openai', className: name };
  return semanticKernelConnectorOf(module, name) ?? azureInferenceClientOf(module, name);
}

/**
 * LlamaIndex LLM classes: `llama_index.llms.openai` and its siblings (0.10+, one package each), or all of them from
 * `llama_index.llms` (0.9). The class names are the SDKs' own (`OpenAI`), so only the module tells them apart.
 * `OpenAILike` talks to any OpenAI-compatible server.
 */
const LLAMAINDEX_MODULES = /^llama_index\.llms(\.(openai|openai_like|azure_openai|anthropic)(\.base)?)?$/;
const LLAMAINDEX_CLASSES: Readonly<Record<string, Provider>> = { OpenAI: 'openai', AzureOpenAI: 'azure-openai', OpenAILike: 'unknown', Anthropic: 'anthropic' };

/**
 * The methods of a LlamaIndex LLM that send a request (true: the result is a stream). `chat_with_tools` (a
 * FunctionCallingLLM's) builds the tool request and sends it through `chat`, with its retries.
 */
export const LLAMAINDEX_METHODS: Readonly<Record<string, boolean>> = {
  chat: false, achat: false, complete: false, acomplete: false, chat_with_tools: false, achat_with_tools: false,
  stream_chat: true, astream_chat: true, stream_complete: true, astream_complete: true,
};

/**
 * Haystack 2's OpenAI generator components (`haystack.components.generators.OpenAIGenerator`,
 * `haystack.components.generators.chat.OpenAIChatGenerator`, or from their own modules). Each builds an openai client
 * with defaults of its own (catalogue `haystack-openai`). Other generators (Azure, Hugging Face, the integrations'
 * Ollama, Anthropic…) are not recognised.
 */
const HAYSTACK_MODULES = /^haystack\.components\.generators(\.chat)?(\.openai)?$/;
const HAYSTACK_CLASSES: ReadonlySet<string> = new Set(['OpenAIGenerator', 'OpenAIChatGenerator']);

/**
 * The methods of a Haystack generator that send a request when called on the component itself (inside a `Pipeline`,
 * the pipeline calls them: not followed). Whether they stream depends on a `streaming_callback` (null: read from it).
 */
export const HAYSTACK_METHODS: Readonly<Record<string, boolean | null>> = { run: null, run_async: null };

/**
 * The methods of a boto3 `bedrock-runtime` client that run a model (true: the response carries an event stream).
 * `invoke_model` takes the provider's own body as JSON text (`body=json.dumps({...})`); `converse` takes one schema
 * for every model (`messages=`, `system=`, `inferenceConfig=`).
 */
export const BEDROCK_METHODS: Readonly<Record<string, boolean>> = {
  invoke_model: false, invoke_model_with_response_stream: true, converse: false, converse_stream: true,
};

/** The boto3 service whose client runs models. Other services (`s3`, `bedrock`, `bedrock-agent-runtime`) are not LLM clients. */
export const BEDROCK_RUNTIME_SERVICE = 'bedrock-runtime';

const HUGGINGFACE_MODULES = /^huggingface_hub(\.inference\._client|\.inference\._generated\._async_client)?$/;

/**
 * The huggingface_hub client methods that run a language model (null: `stream=` decides). Its other tasks
 * (`text_to_image`, `feature_extraction`, `automatic_speech_recognition`, …) bill no tokens and are not call sites.
 * `chat.completions.create` is the OpenAI-compatible alias of `chat_completion` (matched with the OpenAI methods).
 */
export const HUGGINGFACE_METHODS: Readonly<Record<string, boolean | null>> = { chat_completion: null, text_generation: null };

/** `Mistral` client methods that run a model (true: the result is a stream of events). */
export const MISTRAL_METHODS: Readonly<Record<string, boolean | null>> = {
  'chat.complete': null, 'chat.complete_async': null, 'chat.stream': true, 'chat.stream_async': true,
  'agents.complete': null, 'agents.complete_async': null, 'agents.stream': true, 'agents.stream_async': true,
};

/** The legacy 0.x `MistralClient` / `MistralAsyncClient` request methods. */
export const MISTRAL_LEGACY_METHODS: Readonly<Record<string, boolean | null>> = { chat: false, chat_stream: true };

/** The ollama request methods that run the model (`chat`, `generate`), on a client or as module functions. */
export const OLLAMA_METHODS: Readonly<Record<string, boolean | null>> = { chat: null, generate: null };

/**
 * The methods of a Cohere client that run a model (true: the result is a stream of events). A v1 client's `chat`
 * takes `message` (with `preamble` and `chat_history`), its legacy `generate` a `prompt`; a v2 client's `chat` takes
 * `messages`. `embed`, `rerank`, `classify`, `tokenize` and `summarize` are not chat generations: not call sites.
 */
export const COHERE_METHODS: Readonly<Record<string, boolean>> = { chat: false, chat_stream: true, generate: false, generate_stream: true };

/** Whether a Cohere client class speaks the v2 API (`messages=`, `response.usage`). */
export function cohereV2Class(className: string): boolean {
  return /ClientV2$/.test(className);
}

/** `ollama.chat` / `ollama.generate`: the methods of the module's default client (`_client = Client()`). */
export function ollamaFunction(qualified: string): string | null {
  const m = /^ollama\.(chat|generate)$/.exec(qualified);
  return m ? m[1] : null;
}

/** `litellm.completion` / `litellm.acompletion` (module functions that call a model). */
export function litellmFunction(qualified: string): 'completion' | 'acompletion' | null {
  const m = /^litellm\.(completion|acompletion)$/.exec(qualified);
  return m ? (m[1] as 'completion' | 'acompletion') : null;
}

/** The provider a LiteLLM model string routes to (`anthropic/claude-…`, `gpt-4o`). */
export function providerOfLitellmModel(model: string | null): Provider {
  if (!model) return 'unknown';
  const prefix = model.includes('/') ? model.split('/')[0].toLowerCase() : '';
  const byPrefix: Record<string, Provider> = {
    openai: 'openai', azure: 'azure-openai', anthropic: 'anthropic', gemini: 'google', vertex_ai: 'google', bedrock: 'bedrock',
    openrouter: 'openrouter', groq: 'groq', mistral: 'mistral', deepseek: 'deepseek',
    // LiteLLM's two routes to an Ollama server (LlmProviders OLLAMA, OLLAMA_CHAT in litellm/types/utils.py).
    ollama: 'ollama', ollama_chat: 'ollama',
  };
  if (prefix) return byPrefix[prefix] ?? 'unknown';
  if (/^(gpt-|o\d|chatgpt-|text-)/i.test(model)) return 'openai';
  if (/^claude/i.test(model)) return 'anthropic';
  if (/^gemini/i.test(model)) return 'google';
  return 'unknown';
}

/**
 * The provider of a LiteLLM model string sent to a host the code may have chosen (`api_base=`, a spread of options):
 * such a host is not the provider the prefix names (a gateway, a local server), but an `ollama/` or `ollama_chat/`
 * model is sent in Ollama's own API, so whatever answers is an Ollama server.
 */
export function providerOfLitellmRoute(model: string | null, hostChosen: boolean): Provider {
  const provider = providerOfLitellmModel(model);
  return hostChosen && provider !== 'ollama' ? 'unknown' : provider;
}

/**
 * Cheap text test: could this file call a model at all (directly or through an imported client: `from .llm import
 * llm` then `llm.stream_chat(…)` names no package)?
 */
export const LLM_MENTION =
  /openai|anthropic|mistral|cohere|litellm|langchain|langgraph|crewai|autogen|llama_index|haystack|semantic_kernel|get_(?:streaming_)?chat_message_contents?\(|genai|ollama|huggingface_hub|InferenceClient|pydantic_ai|dspy|smolagents|google\.adk|bedrock|(?:from|import)[ \t]+agents\b|completions|messages\.(create|stream)|responses\.(create|stream|parse)|\.a?invoke\(|\.a?stream\(|\.a?batch\(|generate_content|completion\(|\.a?(?:stream_)?(?:chat|complete)(?:_with_tools)?\(|requests|httpx|aiohttp/i;

/** Text that may hold other facts without any LLM call: keys, URLs, attributes, env reads, prompt loads, history. */
export const OTHER_MENTION =
  /gen_ai\.|sk-|AIza|gsk_|https?:\/\/|environ|getenv|open\(|read_text|hub\.pull|get_parameter|get_secret_value|lrange|\.objects\.|\.query\(|\.find\(|instrument|traceloop|langfuse|openinference|openlit|helicone|weave|braintrust|sentry_sdk|LLMObs|logfire|set_tracer_provider|configure_azure_monitor/i;
