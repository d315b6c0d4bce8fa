// Provider endpoints, gateways, environment variable names and API-key shapes.

import type { Provider, Sdk, ValueFact } from '../types';

export interface EndpointPattern {
  provider: Exclude<Provider, 'unknown'>;
  /** Anchored at the start of the URL; the scheme is optional, the host must end at `:`, `/`, `?`, `#` or the end. */
  pattern: RegExp;
  source: string;
  asOf: string;
}

const GENAI_PRICES_URLS = 'pydantic/genai-prices prices/data.json api_pattern @47df840';
const URLS_DATE = '2026-08-21';

function host(hostPattern: string): RegExp {
  return new RegExp(`^(?:https?://)?${hostPattern}(?=[:/?#]|$)`, 'i');
}

/** Provider API hosts. Tighter than genai-prices where its pattern also matches unrelated APIs (noted per row). */
export const PROVIDER_ENDPOINTS: readonly EndpointPattern[] = [
  { provider: 'openai', pattern: host('api\\.openai\\.com'), source: GENAI_PRICES_URLS, asOf: URLS_DATE },
  { provider: 'anthropic', pattern: host('api\\.anthropic\\.com'), source: GENAI_PRICES_URLS, asOf: URLS_DATE },
  // genai-prices matches any *.googleapis.com; only the Gemini API and Vertex AI hosts serve models.
  {
    provider: 'google',
    pattern: host('(?:generativelanguage|(?:[a-z0-9-]+-)?aiplatform)\\.googleapis\\.com'),
    source: `${GENAI_PRICES_URLS} (narrowed to generativelanguage/aiplatform)`,
    asOf: URLS_DATE,
  },
  // azure-api.net (API Management) is left out: it fronts arbitrary APIs and is itself a gateway layer.
  {
    provider: 'azure-openai',
    pattern: host('(?:[a-z0-9-]+\\.)*(?:openai\\.azure\\.com|cognitiveservices\\.azure\\.com)'),
    source: `${GENAI_PRICES_URLS} (without azure-api.net)`,
    asOf: URLS_DATE,
  },
  { provider: 'bedrock', pattern: host('bedrock-runtime\\.[a-z0-9-]+\\.amazonaws\\.com'), source: GENAI_PRICES_URLS, asOf: URLS_DATE },
  { provider: 'openrouter', pattern: host('(?:api\\.)?openrouter\\.ai'), source: GENAI_PRICES_URLS, asOf: URLS_DATE },
  { provider: 'groq', pattern: host('api\\.groq\\.com'), source: GENAI_PRICES_URLS, asOf: URLS_DATE },
  { provider: 'mistral', pattern: host('api\\.mistral\\.ai'), source: GENAI_PRICES_URLS, asOf: URLS_DATE },
  { provider: 'deepseek', pattern: host('api\\.deepseek\\.com'), source: GENAI_PRICES_URLS, asOf: URLS_DATE },
  {
    provider: 'perplexity',
    pattern: host('api\\.perplexity\\.ai'),
    source: 'docs.perplexity.ai/guides/streaming-responses (base URL https://api.perplexity.ai; audit 112)',
    asOf: '2026-12-01',
  },
  {
    provider: 'together',
    pattern: host('api\\.together\\.(?:xyz|ai)'),
    source: 'docs.together.ai streaming guide (https://api.together.xyz/v1/chat/completions); api.together.ai, which many clients use as the base URL, too (audit 112)',
    asOf: '2026-12-01',
  },
  {
    provider: 'xai',
    pattern: host('api\\.x\\.ai'),
    source: "pydantic/genai-prices prices/providers/x_ai.yml api_pattern 'https://api\\.x\\.ai' @05e4aca (audit 193: gptme's OpenAI client on https://api.x.ai/v1)",
    asOf: '2026-12-03',
  },
  {
    // The SDKs' production environment; `api.cohere.ai` is the older host, which client.py's fix_base_url still expects.
    provider: 'cohere',
    pattern: host('api\\.cohere\\.(?:com|ai)'),
    source: 'cohere-ai/cohere-python src/cohere/environment.py (PRODUCTION = "https://api.cohere.com/v1") @07896b4; src/cohere/client.py fix_base_url ("cohere.com" or "cohere.ai") @06a9eb0 (audit 190)',
    asOf: '2026-12-03',
  },
];

/** A provider whose Chat Completions stream carries the token usage without `stream_options.include_usage`. */
export interface StreamUsageUnasked {
  provider: Exclude<Provider, 'unknown'>;
  /** Where the usage arrives. */
  where: string;
  source: string;
  asOf: string;
}

/**
 * Providers that send a stream's usage unasked: no usage is lost without `stream_options` (sending it may even be
 * rejected), and a loop that ignores the usage they send drops it.
 */
export const STREAM_USAGE_UNASKED: readonly StreamUsageUnasked[] = [
  {
    provider: 'groq',
    where: 'the last chunk\'s `x_groq.usage`',
    source: 'agno\'s and other clients\' Groq code reads x_groq.usage from a stream\'s last chunk (the Groq skip of stream-without-usage, moved here 2026-12-01)',
    asOf: '2026-12-01',
  },
  {
    provider: 'perplexity',
    where: 'the final chunk(s) (`usage`, with the search results)',
    source:
      'docs.perplexity.ai/guides/streaming-responses "Search results and metadata are delivered in the final chunk(s)… Usage stats and other metadata" (no stream_options in its examples); community.perplexity.ai/t/1165: an openai AsyncOpenAI client on https://api.perplexity.ai with stream=True only, last chunk has usage=CompletionUsage (2025-08); kardolus/chatgpt-cli docs/perplexity_api.md: usage on every data: chunk (2024-08); crmne/ruby_llm providers/perplexity/streaming.rb reads usage from each chunk (read 2026-12-01)',
    asOf: '2026-12-01',
  },
  {
    provider: 'mistral',
    where: 'the last chunk (`data.usage`, with the finish reason)',
    source:
      'Mistral\'s chat stream request has no stream_options (mistralai/client-python chat.py Chat.stream, client-ts ChatCompletionStreamRequest); CompletionChunk carries `usage` (client-ts docs/models/components/completionchunk.md, usage on the finishReason chunk); the Python SDK\'s own tracing reads the usage back from the streamed chunks (src/mistralai/extra/observability/streaming.py accumulate_chunks_to_response_dict) (read 2026-12-03)',
    asOf: '2026-12-03',
  },
  {
    provider: 'cerebras',
    where: 'the final chunk (`usage`, with `time_info`)',
    source: 'Cerebras/cerebras-cloud-sdk-python README.md @01bd232, Streaming responses: "when streaming, `usage` and `time_info` will … only be included in the final chunk" (its example passes stream=True without stream_options) (read 2026-12-03)',
    asOf: '2026-12-03',
  },
  {
    provider: 'together',
    where: 'the last chunk (the one with finish_reason)',
    source:
      'llama-stack integration recordings of https://api.together.xyz/v1/chat/completions (tests/integration/recordings/responses/6730dcde0b73.json, 2025-09): request {stream: true} without stream_options, final chunk usage {prompt_tokens: 39, completion_tokens: 25}; Together docs streaming sample shows usage: null on content chunks (read 2026-12-01)',
    asOf: '2026-12-01',
  },
];

/** An OpenAI-compatible server that, like OpenAI, streams a Chat Completion's usage only when the body asks for it. */
export interface StreamUsageOnRequest {
  server: string;
  /** The server-side setting that adds the usage to every stream, if there is one. */
  override: string | null;
  source: string;
  asOf: string;
}

/**
 * Servers behind a base URL the catalogue does not know (`{BASE}/v1/chat/completions`) that send no usage in a stream
 * unless the request has `stream_options.include_usage` (the OpenAI rule): a raw HTTP stream to any such URL that does
 * not ask loses it. Another compatible server may send it unasked or reject the option, so the raw-HTTP fix is offered
 * as unsafe (or not at all).
 */
export const STREAM_USAGE_ON_REQUEST: readonly StreamUsageOnRequest[] = [
  {
    server: 'vLLM',
    override: '--enable-force-include-usage',
    source: 'vllm-project/vllm vllm/entrypoints/utils.py should_include_usage: without stream_options, include_usage = enable_force_include_usage (off by default)',
    asOf: '2026-12-02',
  },
  {
    server: 'LiteLLM proxy',
    override: 'general_settings.always_include_stream_usage: true (or LITELLM_ENFORCE_STREAMED_USAGE=true)',
    source: 'BerriAI/litellm docs/my-website/docs/completion/usage.md "Streaming Usage" and "Proxy: Always Include Streaming Usage"',
    asOf: '2026-12-02',
  },
  {
    server: 'Ollama (OpenAI-compatible /v1/chat/completions)',
    override: null,
    source: 'ollama/ollama middleware/openai.go ChatWriter: the usage chunk is written only when streamOptions.IncludeUsage (the native /api/chat always ends with prompt_eval_count / eval_count)',
    asOf: '2026-12-02',
  },
];

/** Whether the provider's streams carry their usage without `stream_options`. */
export function streamsUsageUnasked(provider: Provider): boolean {
  return STREAM_USAGE_UNASKED.some((p) => p.provider === provider);
}

/** The provider a URL literal points at, or null when it is not a known provider endpoint. */
export function providerForUrl(url: string): Provider | null {
  const u = url.trim();
  return PROVIDER_ENDPOINTS.find((e) => e.pattern.test(u))?.provider ?? null;
}

// ---------------------------------------------------------------------------
// Gateways

export type GatewayId = 'openrouter' | 'portkey' | 'helicone' | 'cloudflare-ai-gateway' | 'vercel-ai-gateway' | 'litellm' | 'kong' | 'envoy-ai-gateway';

export interface Gateway {
  id: GatewayId;
  name: string;
  /** Base URLs to suggest in fixes, hosted first. */
  baseUrls: string[];
  /** Matches URLs that go through this gateway; absent for gateways recognised by config only. */
  urlPattern?: RegExp;
  /** Request headers that only this gateway uses. */
  headers: string[];
  /** Markers in config files (CRD kinds, plugin names, top-level keys). */
  configMarkers: string[];
  verified: boolean;
  note?: string;
  source: string;
}

export const GATEWAYS: readonly Gateway[] = [
  {
    id: 'openrouter', name: 'OpenRouter', baseUrls: ['https://openrouter.ai/api/v1'], urlPattern: host('(?:api\\.)?openrouter\\.ai'),
    headers: [], configMarkers: [], verified: true, source: 'assistant-ui.com/docs/integrations/gateways',
  },
  {
    id: 'portkey', name: 'Portkey', baseUrls: ['https://api.portkey.ai/v1', 'http://localhost:8787/v1'], urlPattern: host('api\\.portkey\\.ai'),
    headers: ['x-portkey-api-key', 'x-portkey-config'], configMarkers: [], verified: true,
    note: 'self-hosted: npx @portkey-ai/gateway on :8787', source: 'assistant-ui.com/docs/integrations/gateways',
  },
  {
    id: 'helicone', name: 'Helicone', baseUrls: ['https://ai-gateway.helicone.ai/v1', 'https://oai.helicone.ai/v1', 'http://localhost:8080/v1'],
    urlPattern: host('(?:oai|ai-gateway)\\.helicone\\.ai'), headers: ['helicone-auth'], configMarkers: [], verified: false,
    note: 'self-hosted: npx @helicone/ai-gateway on :8080; the Helicone-Auth header is not in FACTS.md',
    source: 'docs.helicone.ai; llamaindex docs; promptfoo docs',
  },
  {
    id: 'cloudflare-ai-gateway', name: 'Cloudflare AI Gateway', baseUrls: ['https://gateway.ai.cloudflare.com/v1/{account}/{gateway}/{provider}'],
    urlPattern: host('gateway\\.ai\\.cloudflare\\.com'), headers: [], configMarkers: [], verified: true, source: 'FACTS.md (many code hits)',
  },
  {
    id: 'vercel-ai-gateway', name: 'Vercel AI Gateway', baseUrls: ['https://ai-gateway.vercel.sh/v1'], urlPattern: host('ai-gateway\\.vercel\\.sh'),
    headers: [], configMarkers: [], verified: true,
    note: 'AI SDK 5+: a plain model string (`model: \'openai/gpt-5\'`) goes to it unless globalThis.AI_SDK_DEFAULT_PROVIDER is set',
    source: 'ai@6 dist/index.mjs resolveLanguageModel (`AI_SDK_DEFAULT_PROVIDER ?? gateway`); ai@5 vercel/ai packages/ai/src/model/resolve-model.ts (LanguageModelV2, `getGlobalProvider()` = `globalThis.AI_SDK_DEFAULT_PROVIDER ?? gateway`, read 2026-12-02 for audit 157); @ai-sdk/gateway base URL; vercel.com/docs/ai-gateway/observability (read 2026-11-30)',
  },
  {
    id: 'litellm', name: 'LiteLLM proxy', baseUrls: ['http://litellm:4000'], urlPattern: host('(?:[a-z0-9-]+\\.)*litellm(?:[a-z0-9.-]*)?'),
    headers: [], configMarkers: ['model_list', 'router_settings', 'litellm_settings'], verified: false,
    note: 'port 4000 unverified; matched by a host named litellm', source: 'FACTS.md',
  },
  {
    id: 'kong', name: 'Kong AI Gateway', baseUrls: [], headers: [], configMarkers: ['ai-proxy', 'ai-proxy-advanced'], verified: true,
    source: 'developer.konghq.com',
  },
  {
    id: 'envoy-ai-gateway', name: 'Envoy AI Gateway', baseUrls: [], headers: [],
    configMarkers: ['AIGatewayRoute', 'AIServiceBackend', 'BackendSecurityPolicy', 'aigateway.envoyproxy.io/v1alpha1'], verified: false,
    source: 'FACTS.md [secondary]',
  },
];

/** The gateway a URL goes through, or null. */
/**
 * The provider a gateway URL forwards to, where the path names it: Cloudflare AI Gateway's
 * `…/{account}/{gateway}/anthropic/v1/messages` (its provider segments: openai, anthropic, google-ai-studio, …).
 */
export function providerBehindGatewayUrl(url: string): Provider | null {
  const gw = gatewayForUrl(url);
  if (gw?.id !== 'cloudflare-ai-gateway') return null;
  const segment = /gateway\.ai\.cloudflare\.com\/v1\/[^/]+\/[^/]+\/([a-z-]+)\//.exec(url)?.[1];
  return segment === 'openai' ? 'openai' : segment === 'anthropic' ? 'anthropic' : segment === 'google-ai-studio' ? 'google' : segment === 'groq' ? 'groq' : segment === 'mistral' ? 'mistral' : 'unknown';
}

/** Paths of the model APIs a raw HTTP request may post to (Chat Completions, Responses, Messages, Gemini, Bedrock). */
const MODEL_API_PATH = /\/(chat\/completions|completions|responses|messages|generateContent|streamGenerateContent|converse|invoke)\b|:generateContent|:streamGenerateContent/;

/**
 * The provider a raw HTTP request to a model API reaches, from its URL, or null when the URL is no model request: a
 * provider's endpoint, a gateway path that names one, or for any other host, configured or literal
 * (`${BASE}/v1/chat/completions`: vLLM, Ollama, a gateway), `unknown`, since it still speaks the Chat Completions API.
 * A bare path (`/api/v1/chat/completions`) is the app's own server, not a model.
 */
export function rawHttpProvider(url: string): Provider | null {
  if (!MODEL_API_PATH.test(url)) return null;
  const known = providerForUrl(url) ?? providerBehindGatewayUrl(url);
  if (known) return known;
  return /\/chat\/completions\b/.test(url) && !url.startsWith('/') ? 'unknown' : null;
}

/**
 * The model a Gemini REST request names in its path (`…/v1beta/models/gemini-2.0-flash:generateContent`, Vertex AI's
 * `…/publishers/google/models/gemini-1.5-pro:streamGenerateContent`), when the URL writes it out; null otherwise
 * (a `{}` placeholder for a value the analysis could not read).
 * Source: the Gemini API reference, models.generateContent (`POST /v1beta/{model=models/*}:generateContent`).
 */
export function geminiModelInUrl(url: string): string | null {
  return /\/models\/([A-Za-z0-9][\w.-]*):(?:stream)?[gG]enerateContent\b/.exec(url)?.[1] ?? null;
}

/**
 * Provider endpoints about the account rather than a model request: listing or describing models (`GET /v1/models`,
 * `/v1/models/gpt-4o`, Gemini's `/v1beta/models`), the organization, usage and billing. A gateway answers these with
 * its own view (its model aliases, its keys), so calling the provider for them is deliberate.
 * Source: the OpenAI, Anthropic and Gemini API references (Models, Administration, Usage), read 2026-12-01.
 */
const ACCOUNT_API_PATH = /^https?:\/\/[^/]+(?:\/[^/]+)?\/(?:models(?:\/[^/:?#]+)?|organization(?:\/.*)?|dashboard(?:\/.*)?|usage(?:\/.*)?|billing(?:\/.*)?)\/?(?:[?#].*)?$/;

/** The URL is a provider's account or model-listing endpoint, no model request (see ACCOUNT_API_PATH). */
export function isAccountApiUrl(url: string): boolean {
  return ACCOUNT_API_PATH.test(url.trim());
}

export function gatewayForUrl(url: string): Gateway | null {
  const u = url.trim();
  return GATEWAYS.find((g) => g.urlPattern?.test(u)) ?? null;
}

/**
 * The provider an OpenAI-compatible client talks to, given its base URL option (`baseURL`, `base_url`). A literal
 * (or an env read's literal fallback) decides: a provider's endpoint names that provider (Groq, DeepSeek…), a gateway
 * keeps the SDK's provider, and any other URL (a self-hosted model, another vendor) makes it unknown.
 */
export function providerBehindBaseUrl(sdk: Sdk, provider: Provider, baseUrl: ValueFact | undefined): Provider {
  if ((sdk !== 'openai' && sdk !== 'langchain' && sdk !== 'ai-sdk' && sdk !== 'llamaindex' && sdk !== 'haystack' && sdk !== 'autogen') || provider !== 'openai') return provider;
  const url = literalUrl(baseUrl);
  if (url === null) return provider;
  const direct = providerForUrl(url);
  if (direct) return direct;
  return gatewayForUrl(url) ? provider : 'unknown';
}

function literalUrl(v: ValueFact | undefined): string | null {
  if (!v) return null;
  if (v.kind === 'string') return /^https?:\/\//.test(v.value) ? v.value : null;
  if (v.kind === 'env' && v.fallback) return literalUrl(v.fallback);
  return null;
}

// ---------------------------------------------------------------------------
// Environment variables

export interface EnvVar {
  name: string;
  provider: Provider;
  /** Which SDK reads it without code changes. */
  readBy: string;
  verified: boolean;
  source: string;
  /** The only clients that read it, when not every SDK of the provider does. */
  readers?: readonly EnvReader[];
  /** Clients of the provider that never read it (they hand the SDK a base URL of their own). */
  ignoredBy?: readonly EnvReader[];
  /** Read as the option's default, so an explicit `base_url=None` (an unset variable read in code) replaces it. */
  lostToExplicitNone?: true;
}

/** A kind of client: an SDK, in one language or in both. */
export interface EnvReader {
  sdk: Sdk;
  language?: 'python' | 'typescript';
}

/** Variables that move a client's base URL without a code change (a gateway can be wired in through `.env`). */
export const BASE_URL_ENV: readonly EnvVar[] = [
  {
    name: 'OPENAI_BASE_URL', provider: 'openai', readBy: 'openai (node, python)', verified: true, source: 'openai/openai-node src/client.ts @7b7d6ca',
    // LlamaIndex's OpenAI always passes `base_url` to the client: its `api_base`, else OPENAI_API_BASE, else api.openai.com.
    // LlamaIndex.TS's passes `baseURL ?? getEnv("OPENAI_BASE_URL")` (packages/providers/openai/src/llm.ts @001a515).
    ignoredBy: [{ sdk: 'llamaindex', language: 'python' }],
  },
  {
    name: 'OPENAI_API_BASE', provider: 'openai', readBy: 'openai-python < 1.0, LangChain Python (openai_api_base), LiteLLM, LlamaIndex OpenAI (api_base)', verified: false,
    source: 'legacy name; openai-python 1.x reads only OPENAI_BASE_URL (src/openai/_client.py @02cf7cd), openai-node likewise (src/client.ts @7b7d6ca); LangChain Python reads it into openai_api_base, LiteLLM as a fallback api_base [unverified]',
    // openai-python < 1.0's module client is its own fact (python/front-end.ts `moduleClients`) and names the variable.
    // LlamaIndex: llama-index-llms-openai utils.py resolve_openai_credentials (`get_from_param_or_env("api_base", api_base,
    // "OPENAI_API_BASE", "")`, then `openai.base_url`, then https://api.openai.com/v1) @01509f9 (read 2026-12-01).
    readers: [{ sdk: 'langchain', language: 'python' }, { sdk: 'litellm' }, { sdk: 'llamaindex', language: 'python' }],
  },
  {
    name: 'ANTHROPIC_BASE_URL', provider: 'anthropic', readBy: 'anthropic (node, python); @ai-sdk/anthropic in current releases (not before late 2025)', verified: true,
    source: 'anthropics/anthropic-sdk-typescript src/client.ts @bfa9197; @ai-sdk/anthropic anthropic-provider.ts loadOptionalSetting(ANTHROPIC_BASE_URL), vercel/ai#15542 (2026-05, backported to 5.0/6.0); absent at f007117 (vercel/ai#9692, 2025-10)',
  },
  {
    name: 'ANTHROPIC_API_URL', provider: 'anthropic', readBy: 'LangChain Python ChatAnthropic (anthropic_api_url), before ANTHROPIC_BASE_URL', verified: true,
    source: 'langchain-ai/langchain libs/partners/anthropic/langchain_anthropic/chat_models.py: anthropic_api_url = Field(alias="base_url", default_factory=from_env(["ANTHROPIC_API_URL", "ANTHROPIC_BASE_URL"], default="https://api.anthropic.com")) (read 2026-12-01; audits 69, 99)',
    readers: [{ sdk: 'langchain', language: 'python' }],
    // `anthropic_api_url: … = Field(alias="base_url", default_factory=from_env([…]))`: the factory runs only when the
    // argument is absent (audit 99).
    lostToExplicitNone: true,
  },
  { name: 'AZURE_OPENAI_ENDPOINT', provider: 'azure-openai', readBy: 'AzureOpenAI (node, python)', verified: false, source: 'openai-node/openai-python AzureOpenAI [unverified]' },
  {
    name: 'GROQ_BASE_URL', provider: 'groq', readBy: 'groq-sdk (node), groq (python)', verified: true,
    source: 'groq/groq-typescript src/client.ts @04c5482 and src/index.ts @ae555c1 (`baseURL = readEnv(\'GROQ_BASE_URL\')`, else https://api.groq.com); groq/groq-python src/groq/_client.py @0681348 (`os.environ.get("GROQ_BASE_URL")`) (read 2026-12-03)',
    // LangChain's ChatGroq reads GROQ_API_BASE instead; the AI SDK's groq provider reads no variable.
    readers: [{ sdk: 'openai' }],
  },
  {
    name: 'CEREBRAS_BASE_URL', provider: 'cerebras', readBy: 'cerebras_cloud_sdk (python)', verified: true,
    source: 'Cerebras/cerebras-cloud-sdk-python src/cerebras/cloud/sdk/_client.py @04d79ab (`os.environ.get("CEREBRAS_BASE_URL")`, else https://api.cerebras.ai) (read 2026-12-03)',
    readers: [{ sdk: 'openai', language: 'python' }],
  },
  {
    name: 'TOGETHER_BASE_URL', provider: 'together', readBy: 'together-ai (node)', verified: true,
    source: 'togethercomputer/together-typescript src/index.ts: constructor({ baseURL = Core.readEnv(\'TOGETHER_BASE_URL\'), … }), default https://api.together.xyz/v1, in the 0.6.x releases (maxRetries 5) and since (read 2026-12-03)',
    // Python `together` clients are not client constructions of the analysis (no catalogue entry: 1.x and its rewrite differ).
    readers: [{ sdk: 'openai', language: 'typescript' }],
  },
  { name: 'GOOGLE_GEMINI_BASE_URL', provider: 'google', readBy: 'google-genai (python)', verified: true, source: 'googleapis/python-genai google/genai/_base_url.py @5b7e98c' },
  { name: 'GOOGLE_VERTEX_BASE_URL', provider: 'google', readBy: 'google-genai (python, vertexai=True)', verified: true, source: 'googleapis/python-genai google/genai/_base_url.py @5b7e98c' },
  {
    name: 'CO_API_URL', provider: 'cohere', readBy: 'cohere (python)', verified: true,
    source: 'cohere-ai/cohere-python src/cohere/client.py Client.__init__ (`base_url: typing.Optional[str] = os.getenv("CO_API_URL")`, AsyncClient likewise; ClientV2 shares it) @06a9eb0; cohere-ai/cohere-typescript reads no base-URL variable (src/Client.ts: `baseUrl ?? environment ?? CohereEnvironment.Production`) @00b20a5 (2026-12-03)',
    readers: [{ sdk: 'cohere', language: 'python' }],
    // The default is the variable read when the module is imported: an explicit `base_url=None` replaces it.
    lostToExplicitNone: true,
  },
];

/**
 * What a client speaks to its base URL: the OpenAI API, Anthropic's Messages API or the Gemini API, and in which shape
 * its base URL is written (with or without the API version).
 */
export type BaseUrlDialect = 'openai' | 'anthropic' | 'anthropic-v1' | 'gemini' | 'gemini-v1beta';

/**
 * The LiteLLM proxy base URL a client of each dialect is pointed at (the example of a gateway fix), with the path the
 * client appends and the proxy route that answers it. A LiteLLM proxy's root speaks the OpenAI API; it also serves
 * Anthropic's `/v1/messages` and Gemini's `/v1beta/models/{model}:generateContent` natively (translated to any model of
 * its model_list), so each native client reaches it at the root, given its base URL in the shape it expects.
 */
/**
 * SDK clients whose paths no gateway example is known to answer: groq-sdk appends `/openai/v1/chat/completions` to its
 * base URL, a route the LiteLLM proxy's OpenAI dialect does not list. Their env template line keeps the SDK's own
 * default, so the variable is documented without pointing requests at a route that may not exist.
 */
export const SDK_DEFAULT_BASE_URLS: ReadonlyArray<{ provider: Provider; module: string; url: string; source: string; asOf: string }> = [
  {
    provider: 'groq', module: 'groq-sdk', url: 'https://api.groq.com',
    source: 'groq/groq-typescript src/client.ts @04c5482 (`baseURL || \'https://api.groq.com\'`; resources/chat/completions.ts posts to /openai/v1/chat/completions) (read 2026-12-03)',
    asOf: '2026-12-03',
  },
  {
    provider: 'groq', module: 'groq', url: 'https://api.groq.com',
    source: 'groq/groq-python src/groq/_client.py @0681348 (`base_url = f"https://api.groq.com"` when neither base_url nor GROQ_BASE_URL is given) (read 2026-12-03)',
    asOf: '2026-12-03',
  },
  {
    provider: 'cerebras', module: 'cerebras.cloud.sdk', url: 'https://api.cerebras.ai',
    source: 'Cerebras/cerebras-cloud-sdk-python src/cerebras/cloud/sdk/_client.py @04d79ab (`base_url = f"https://api.cerebras.ai"` when neither base_url nor CEREBRAS_BASE_URL is given) (read 2026-12-03)',
    asOf: '2026-12-03',
  },
];

export interface GatewayExample {
  dialect: BaseUrlDialect;
  /** The base URL to write in the env template. */
  litellm: string;
  /** What the client appends to its base URL. */
  appends: string;
  /** The LiteLLM proxy route that answers. */
  route: string;
  source: string;
  asOf: string;
}

export const GATEWAY_EXAMPLES: readonly GatewayExample[] = [
  {
    dialect: 'openai', litellm: 'http://litellm:4000', appends: '/chat/completions, /responses, /embeddings',
    route: 'POST /chat/completions and /v1/chat/completions, /responses and /v1/responses',
    source: 'BerriAI/litellm docs/my-website/docs/response_api.md (OpenAI(base_url="http://localhost:4000") then client.responses.create), docs/proxy/clientside_auth.md (openai.OpenAI(base_url="http://0.0.0.0:4000") then chat.completions.create); litellm/proxy response_api_endpoints @router.post("/v1/responses") and ("/responses")',
    asOf: '2026-12-02',
  },
  {
    // The Anthropic SDKs (and LangChain's ChatAnthropic, which builds one) append `/v1/messages` to a host.
    dialect: 'anthropic', litellm: 'http://litellm:4000', appends: '/v1/messages', route: 'POST /v1/messages (the Anthropic spec, any model_list model)',
    source: 'docs.litellm.ai/docs/anthropic_completion (Anthropic(api_key="sk-1234", base_url="http://0.0.0.0:4000") then messages.create), docs.litellm.ai/docs/anthropic_unified; litellm/proxy/anthropic_endpoints/endpoints.py "Unified /v1/messages endpoint"; the proxy takes the key from x-api-key (litellm/proxy/auth/user_api_key_auth.py anthropic_api_key_header @0009d07)',
    asOf: '2026-12-02',
  },
  {
    // @ai-sdk/anthropic's base URL carries the version (default https://api.anthropic.com/v1) and it appends `/messages`.
    dialect: 'anthropic-v1', litellm: 'http://litellm:4000/v1', appends: '/messages', route: 'POST /v1/messages',
    source: 'vercel/ai packages/anthropic anthropic-provider.ts (`withoutTrailingSlash(baseURL) ?? \'https://api.anthropic.com/v1\'`, `${baseURL}/messages`; audit 68, @ai-sdk/anthropic 0.0.51 and 3.0.140); LiteLLM as for the Anthropic SDKs',
    asOf: '2026-12-02',
  },
  {
    // google-genai (Python and JS), @google/generative-ai (so LangChain.js ChatGoogleGenerativeAI's baseUrl) and
    // langchain-google-genai 4+ (google-genai underneath) take a host and append `/{apiVersion}/models/…`, v1beta by default.
    dialect: 'gemini', litellm: 'http://litellm:4000', appends: '/v1beta/models/{model}:generateContent (and :streamGenerateContent, :countTokens)',
    route: 'POST /v1beta/models/{model_name}:generateContent, :streamGenerateContent, :countTokens (LiteLLM 1.73.3 and later); embedContent, files and caches only through the /gemini pass-through',
    source: 'BerriAI/litellm litellm/proxy/google_endpoints/endpoints.py @f405219 and @002c2f1 (routes as listed); docs/my-website/docs/tutorials/litellm_gemini_cli.md (`export GOOGLE_GEMINI_BASE_URL="http://localhost:4000"`, "supported from LiteLLM v1.73.3-nightly"); the key goes in x-goog-api-key (user_api_key_auth.py google_ai_studio_api_key_header @0009d07); docs/my-website/docs/pass_through/google_ai_studio.md ("replace https://generativelanguage.googleapis.com with LITELLM_PROXY_BASE_URL/gemini"); googleapis/python-genai google/genai/_base_url.py @5b7e98c',
    asOf: '2026-12-02',
  },
  {
    // @ai-sdk/google's base URL carries the version (default https://generativelanguage.googleapis.com/v1beta) and it
    // appends `/models/{model}:generateContent`.
    dialect: 'gemini-v1beta', litellm: 'http://litellm:4000/v1beta', appends: '/models/{model}:generateContent (and :streamGenerateContent)',
    route: 'POST /v1beta/models/{model_name}:generateContent, :streamGenerateContent',
    source: 'vercel/ai packages/google/src/google-provider.ts @012fb23 (`withoutTrailingSlash(options.baseURL) ?? \'https://generativelanguage.googleapis.com/v1beta\'`, key in x-goog-api-key); LiteLLM as for the gemini dialect',
    asOf: '2026-12-02',
  },
];

/** The LiteLLM base URL for a client of this dialect. */
export function gatewayExampleFor(dialect: BaseUrlDialect): string {
  return GATEWAY_EXAMPLES.find((g) => g.dialect === dialect)?.litellm ?? 'http://litellm:4000';
}

/**
 * The variable a fix reads for the AI SDK's Google provider. Not GOOGLE_GEMINI_BASE_URL: google-genai reads that one
 * itself (python-genai `_base_url.py`), as a host it appends `/v1beta/…` to, where @ai-sdk/google wants the version in
 * its base URL, so one value cannot serve both. The AI SDK reads its key from GOOGLE_GENERATIVE_AI_API_KEY; it reads no
 * base-URL variable (google-provider.ts @012fb23).
 */
export const AI_SDK_GOOGLE_BASE_URL_ENV = 'GOOGLE_GENERATIVE_AI_BASE_URL';

/**
 * The variable a provider URL written in code can be read from when no client says which shape it wants (a raw HTTP
 * request's base, `GEMINI_URL = "https://generativelanguage.googleapis.com/v1beta"` then
 * `requests.post(f"{GEMINI_URL}/models/…")`): only a URL in the shape the variable's readers take, so that a value set
 * for them serves this code too. The official SDKs' defaults: openai-node/openai-python `https://api.openai.com/v1`
 * (src/client.ts @7b7d6ca, src/openai/_client.py @02cf7cd), the Anthropic SDKs `https://api.anthropic.com`
 * (src/client.ts @bfa9197), google-genai and @google/generative-ai `https://generativelanguage.googleapis.com`
 * (python-genai _base_url.py @5b7e98c; generative-ai-js src/requests/request.ts DEFAULT_BASE_URL, which appends
 * `/{apiVersion}/…`); the AI SDK's Google provider `…/v1beta` (AI_SDK_GOOGLE_BASE_URL_ENV). Anthropic's `…/v1` has
 * none: the Anthropic SDKs read ANTHROPIC_BASE_URL as a host, @ai-sdk/anthropic as `…/v1`.
 */
const LITERAL_BASE_URL_ENV: ReadonlyArray<{ url: string; env: string; dialect: BaseUrlDialect }> = [
  { url: 'https://api.openai.com/v1', env: 'OPENAI_BASE_URL', dialect: 'openai' },
  { url: 'https://api.anthropic.com', env: 'ANTHROPIC_BASE_URL', dialect: 'anthropic' },
  { url: 'https://generativelanguage.googleapis.com', env: 'GOOGLE_GEMINI_BASE_URL', dialect: 'gemini' },
  { url: 'https://generativelanguage.googleapis.com/v1beta', env: AI_SDK_GOOGLE_BASE_URL_ENV, dialect: 'gemini-v1beta' },
];

/** The variable (and its shape) a provider base URL literal can be read from, or null when none takes it as written. */
export function literalBaseUrlEnv(url: string): { env: string; dialect: BaseUrlDialect } | null {
  const u = url.trim().replace(/\/+$/, '');
  return LITERAL_BASE_URL_ENV.find((e) => e.url === u) ?? null;
}

/**
 * A base-URL variable that some releases of a package do not read: every release before `before` ignores it, so a
 * project whose manifest allows none newer is not moved by it (later releases may still not read it: a patch line can
 * gain the read late).
 */
export interface BaseUrlEnvUnreadBefore {
  name: string;
  /** The clients concerned (all of the SDK, or one class of it). */
  reader: EnvReader & { className?: string };
  /** The package whose release decides, and where its version is declared. */
  package: string;
  registry: 'npm' | 'pypi';
  before: string;
  verified: boolean;
  source: string;
  asOf: string;
}

export const BASE_URL_ENV_UNREAD_BEFORE: readonly BaseUrlEnvUnreadBefore[] = [
  {
    name: 'OPENAI_BASE_URL', reader: { sdk: 'ai-sdk', language: 'typescript' }, package: '@ai-sdk/openai', registry: 'npm', before: '2.0.0', verified: true,
    source:
      'vercel/ai packages/openai/CHANGELOG.md: "9a51b92: support OPENAI_BASE_URL env" first in 2.1.0-beta.9 (shipped in 3.0.0), from vercel/ai#8990 (merged 2025-09-30), backported to the release-v5.0 branch by vercel/ai#9052 (a late 2.0.x); the 0.x/1.x provider reads `withoutTrailingSlash(options.baseURL) ?? \'https://api.openai.com/v1\'` (audit 124)',
    asOf: '2026-12-02',
  },
  {
    name: 'ANTHROPIC_BASE_URL', reader: { sdk: 'ai-sdk', language: 'typescript' }, package: '@ai-sdk/anthropic', registry: 'npm', before: '2.0.0', verified: true,
    source: 'vercel/ai#15542 (2026-05) added loadOptionalSetting(ANTHROPIC_BASE_URL), backported to 5.0 (@ai-sdk/anthropic 2.x) and 6.0 only; absent at f007117 (vercel/ai#9692, 2025-10)',
    asOf: '2026-12-02',
  },
  ...['GOOGLE_GEMINI_BASE_URL', 'GOOGLE_VERTEX_BASE_URL'].map((name) => ({
    name, reader: { sdk: 'langchain' as const, language: 'python' as const, className: 'ChatGoogleGenerativeAI' }, package: 'langchain-google-genai', registry: 'pypi' as const, before: '4.0.0', verified: true,
    source: 'langchain-google-genai before 4.0.0 builds google-ai-generativelanguage clients (libs/genai/langchain_google_genai/_client_utils.py, client_options only); 4.0.0 "migration to google-genai (#1330)", the SDK that reads the variable (googleapis/python-genai google/genai/_base_url.py)',
    asOf: '2026-12-02',
  })),
];

/** Variables that hold provider API keys. */
export const API_KEY_ENV: readonly EnvVar[] = [
  { name: 'OPENAI_API_KEY', provider: 'openai', readBy: 'openai (node, python)', verified: true, source: 'openai/openai-node src/client.ts @7b7d6ca' },
  { name: 'ANTHROPIC_API_KEY', provider: 'anthropic', readBy: 'anthropic (node, python)', verified: true, source: 'anthropics/anthropic-sdk-typescript src/client.ts @bfa9197' },
  { name: 'ANTHROPIC_AUTH_TOKEN', provider: 'anthropic', readBy: 'anthropic (node)', verified: true, source: 'anthropics/anthropic-sdk-typescript src/client.ts @bfa9197' },
  { name: 'AZURE_OPENAI_API_KEY', provider: 'azure-openai', readBy: 'AzureOpenAI', verified: false, source: '[unverified]' },
  { name: 'GEMINI_API_KEY', provider: 'google', readBy: 'google-genai', verified: false, source: '[unverified]' },
  { name: 'GOOGLE_API_KEY', provider: 'google', readBy: 'google-genai', verified: false, source: '[unverified]' },
  { name: 'OPENROUTER_API_KEY', provider: 'openrouter', readBy: 'convention', verified: false, source: '[unverified]' },
  { name: 'GROQ_API_KEY', provider: 'groq', readBy: 'groq (python), groq-sdk (node)', verified: true, source: 'groq/groq-python src/groq/_client.py @0681348 (`os.environ.get("GROQ_API_KEY")`); groq/groq-typescript src/client.ts @04c5482' },
  { name: 'CEREBRAS_API_KEY', provider: 'cerebras', readBy: 'cerebras_cloud_sdk (python)', verified: true, source: 'Cerebras/cerebras-cloud-sdk-python src/cerebras/cloud/sdk/_client.py @04d79ab' },
  { name: 'MISTRAL_API_KEY', provider: 'mistral', readBy: 'mistral SDKs, LangChain', verified: false, source: '[unverified]' },
  { name: 'DEEPSEEK_API_KEY', provider: 'deepseek', readBy: 'convention', verified: false, source: '[unverified]' },
  {
    name: 'CO_API_KEY', provider: 'cohere', readBy: 'cohere (python), cohere-ai (node)', verified: true,
    source: 'cohere-ai/cohere-python src/cohere/client.py _get_api_key_from_environment (CO_API_KEY, else the undocumented COHERE_API_KEY) @06a9eb0; cohere-ai/cohere-typescript src/Client.ts _getAuthorizationHeader (`process?.env["CO_API_KEY"]`) @00b20a5 (2026-12-03)',
  },
  {
    name: 'COHERE_API_KEY', provider: 'cohere', readBy: 'cohere (python, undocumented fallback)', verified: true,
    source: 'cohere-ai/cohere-python src/cohere/client.py _get_api_key_from_environment @06a9eb0 (2026-12-03)',
  },
];

/**
 * Base-URL variable names that redirect a provider's clients: those `client` reads when it is known, else every one
 * some client of the provider reads. The variable the official SDKs read comes first.
 */
export function baseUrlEnvFor(provider: Provider, client?: EnvReader): string[] {
  return baseUrlVarsFor(provider, client).map((e) => e.name);
}

/** Whether the client reads a base-URL variable that an explicit `base_url=None` in the code would replace. */
export function baseUrlEnvLostToExplicitNone(provider: Provider, client: EnvReader): boolean {
  return baseUrlVarsFor(provider, client).some((e) => e.lostToExplicitNone);
}

function baseUrlVarsFor(provider: Provider, client?: EnvReader): EnvVar[] {
  const is = (r: EnvReader) => !!client && r.sdk === client.sdk && (!r.language || !client.language || r.language === client.language);
  const reads = (e: EnvVar) => !client || ((!e.readers || e.readers.some(is)) && !e.ignoredBy?.some(is));
  return BASE_URL_ENV.filter((e) => e.provider === provider && reads(e));
}

// ---------------------------------------------------------------------------
// API-key literals

export interface ApiKeyPattern {
  provider: Exclude<Provider, 'unknown'>;
  label: string;
  /** Matches the whole (trimmed) value. Checked in order: the specific prefixes come before the generic `sk-`. */
  pattern: RegExp;
  /** Characters of the prefix that say nothing secret, kept when masking. */
  keep: number;
}

export const API_KEY_PATTERNS: readonly ApiKeyPattern[] = [
  { provider: 'anthropic', label: 'Anthropic API key', pattern: /^sk-ant-(?:api|admin|oat)\d{2}-[A-Za-z0-9_-]{20,}$/, keep: 7 },
  { provider: 'anthropic', label: 'Anthropic API key', pattern: /^sk-ant-[A-Za-z0-9_-]{20,}$/, keep: 7 },
  { provider: 'openrouter', label: 'OpenRouter API key', pattern: /^sk-or-v1-[0-9a-f]{64}$/, keep: 5 },
  { provider: 'openai', label: 'OpenAI project key', pattern: /^sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}$/, keep: 4 },
  { provider: 'openai', label: 'OpenAI API key', pattern: /^sk-(?!ant-|or-)[A-Za-z0-9_-]{20,}$/, keep: 4 },
  { provider: 'google', label: 'Google API key', pattern: /^AIza[0-9A-Za-z_-]{35}$/, keep: 4 },
  { provider: 'groq', label: 'Groq API key', pattern: /^gsk_[A-Za-z0-9]{40,}$/, keep: 4 },
];

/** The first characters and last 4 of a secret joined by `…`; never the whole value. */
export function maskSecret(s: string): string {
  const keep = API_KEY_PATTERNS.find((p) => p.pattern.test(s))?.keep ?? 4;
  const masked = s.length >= 16 ? `${s.slice(0, keep)}…${s.slice(-4)}` : `${s.slice(0, 2)}…`;
  return masked === s ? '…' : masked;
}

// Words that only appear in examples and templates, never in a generated key.
const PLACEHOLDER_WORDS = /your|here|change|replace|example|placeholder|dummy|fake|sample|insert|redacted|xxxx|\.\.\.|…|<|>|\{|\}|\$|\s/i;

/** True for values that only look like a key: `sk-...`, `sk-xxxx`, `sk-your-key-here`, `<your key>`, `changeme`, short or repetitive strings. */
export function looksLikePlaceholder(s: string): boolean {
  const v = s.trim();
  if (PLACEHOLDER_WORDS.test(v)) return true;
  const body = v.replace(/^(?:sk-(?:ant-(?:api|admin|oat)?\d{0,2}-?|proj-|svcacct-|admin-|or-v1-)?|AIza|gsk_)/, '');
  if (body.length < 20) return true;
  if (/^[xX*#0._-]+$/.test(body)) return true;
  if (hasAlphabetRun(body)) return true;
  // A generated key of 20+ characters from a 64-symbol alphabet almost never has fewer than 8 distinct characters.
  return new Set(body).size < 8;
}

/**
 * Nine or more letters or digits in alphabet order, either way (`abcdefghi`, `123456789`, `zyxwvutsr`): typed for a
 * sample key (envoyproxy/ai-gateway's examples match `Authorization: sk-zyxwvuts…cba`), while a random base-62 key holds
 * such a run with odds far below one in a billion.
 */
function hasAlphabetRun(body: string): boolean {
  const s = body.toLowerCase();
  const kind = (c: number): number => (c >= 97 && c <= 122 ? 1 : c >= 48 && c <= 57 ? 2 : 0);
  let up = 1;
  let down = 1;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const p = s.charCodeAt(i - 1);
    const same = kind(c) !== 0 && kind(c) === kind(p);
    up = same && c - p === 1 ? up + 1 : 1;
    down = same && c - p === -1 ? down + 1 : 1;
    if (up >= 9 || down >= 9) return true;
  }
  return false;
}

/**
 * Lower-case words joined by dashes (`sk-local-litellm-master-key`): a name someone chose, not a generated key. In an
 * env template (`.env.example`) that is a placeholder; in a compose file or manifest it may well be the key in use.
 */
export function namedNotGenerated(value: string): boolean {
  return /^(?:sk-|gsk_)?[a-z]+(?:[-_][a-z]+)+$/.test(value.trim());
}

/**
 * Keys with no prefix of their own, recognised only where the name they are bound to says whose they are: a 32-hex
 * value is as likely a hash or a UUID without dashes. Azure OpenAI (Azure AI services) keys are 128-bit keys written
 * as 32 hex characters (Microsoft Purview's "Azure Cognitive Search API key" / 128-bit hex key type).
 */
export const UNPREFIXED_KEY_PATTERNS: readonly { provider: Exclude<Provider, 'unknown'>; pattern: RegExp }[] = [
  { provider: 'azure-openai', pattern: /^[0-9a-fA-F]{32}$/ },
  // Mistral's keys: 32 letters and digits, without a prefix (console.mistral.ai; the keys committed in audit 189's repositories).
  { provider: 'mistral', pattern: /^[A-Za-z0-9]{32}$/ },
  // Cohere API keys: 40 letters and digits, no prefix (the shape of the keys found committed in public Cohere code,
  // audit 190; Cohere documents no format). Recognised only as a Cohere client's key or under a Cohere key name.
  { provider: 'cohere', pattern: /^[A-Za-z0-9]{40}$/ },
];

/** Variable names that say they hold an Azure OpenAI key: LiteLLM's `AZURE_API_KEY`, the SDKs' `AZURE_OPENAI_API_KEY`. */
const AZURE_OPENAI_KEY_NAME = /^AZURE_(?:OPENAI_)?API_KEY(?:_\w+)?$|^AZURE_OPENAI_KEY(?:_\w+)?$/i;
/** `MISTRAL_API_KEY` (what Mistral's SDKs and LangChain read), `MISTRAL_KEY`, `mistral_api_key`. */
const MISTRAL_KEY_NAME = /^MISTRAL(?:AI)?_(?:API_)?KEY$/i;

/** Variable names that say they hold a Cohere key: the SDKs' `CO_API_KEY`, the common `COHERE_API_KEY`. */
const COHERE_KEY_NAME = /^(?:CO|COHERE)_API_KEY(?:_\w+)?$/i;

/** The provider whose key a variable or setting of this name holds, when the name says so. */
export function keyProviderOfName(name: string): Provider | null {
  if (COHERE_KEY_NAME.test(name)) return 'cohere';
  return AZURE_OPENAI_KEY_NAME.test(name) ? 'azure-openai' : MISTRAL_KEY_NAME.test(name) ? 'mistral' : null;
}

/**
 * The provider and masked form of a value that looks like a real provider API key, or null (placeholders included).
 * `boundTo` is the provider the value's variable or setting names (see `keyProviderOfName`): only then is a key
 * without a prefix recognised.
 */
export function looksLikeApiKey(value: string, boundTo?: Provider | null): { provider: Provider; masked: string } | null {
  const v = value.trim();
  const hit = API_KEY_PATTERNS.find((p) => p.pattern.test(v));
  if (!hit) return boundTo ? looksLikeUnprefixedKey(v, boundTo) : null;
  if (looksLikePlaceholder(v)) return null;
  return { provider: hit.provider, masked: maskSecret(v) };
}

/** The value has the format of `provider`'s keys that carry no prefix (a cheap test before asking what holds it). */
export function hasUnprefixedKeyShape(value: string, provider: Provider): boolean {
  return UNPREFIXED_KEY_PATTERNS.some((p) => p.provider === provider && p.pattern.test(value));
}

/** A prefix-less key of `provider`'s format; masked to its last 4 characters, since every other one is secret. */
function looksLikeUnprefixedKey(v: string, provider: Provider): { provider: Provider; masked: string } | null {
  if (!hasUnprefixedKeyShape(v, provider) || looksLikePlaceholder(v)) return null;
  return { provider, masked: `…${v.slice(-4)}` };
}

// Candidate keys inside longer text (`Bearer sk-…`, `?key=AIza…`): a run of key characters starting with a known prefix.
const KEY_CANDIDATE = /(?<![A-Za-z0-9_-])(?:sk-|AIza|gsk_)[A-Za-z0-9_-]+/g;

/** The first real-looking API key inside a string (a header value, a URL, a whole literal), or null. */
export function secretIn(text: string): { provider: Provider; masked: string; start: number; end: number } | null {
  for (const m of text.matchAll(KEY_CANDIDATE)) {
    const hit = looksLikeApiKey(m[0]);
    if (hit) return { ...hit, start: m.index, end: m.index + m[0].length };
  }
  return null;
}
