// SDK and framework defaults for retries and timeouts, and how each spells its options.
// Values come from FACTS.md (and the sources named there); each entry carries its source and date.

import type { Sdk } from '../types';

/** Catalogue ids: `langchain` splits by language, LiteLLM's Router has its own defaults. */
export type SdkId =
  | 'openai'
  /** openai-python before 1.0: `openai.ChatCompletion.create(...)`, module-level settings, no client object. */
  | 'openai-legacy'
  /** openai-node 3.x: `new OpenAIApi(new Configuration({...}))`, `openai.createChatCompletion(body, axiosConfig)`. */
  | 'openai-v3'
  /** openai-edge: openai@3.x's API ported to `fetch` (`import { Configuration, OpenAIApi } from 'openai-edge'`). */
  | 'openai-edge'
  | 'anthropic'
  /**
   * Together AI's npm SDK `together-ai` (`new Together()`). The PyPI package `together` is not catalogued: 1.x waits
   * 600 s (TIMEOUT_SECS) and retries 5 times, the Stainless rewrite (togethercomputer/together-py) 60 s, and which one
   * an app runs is rarely pinned, so its calls keep only their provider.
   */
  | 'together'
  /** Groq's Stainless SDKs, npm `groq-sdk` (`new Groq()`) and PyPI `groq` (`Groq()`, `AsyncGroq()`): the OpenAI SDKs' shape with a 60 s default. */
  | 'groq'
  /** Cerebras's Stainless SDK on PyPI, `cerebras_cloud_sdk` (`from cerebras.cloud.sdk import Cerebras`): openai-python's shape, 60 s. */
  | 'cerebras'
  | 'ai-sdk'
  | 'langchain-js'
  /** LangChain.js chat models over other SDKs, with their own timeouts (ChatDeepSeek is ChatOpenAI's). */
  | 'langchain-js-groq'
  | 'langchain-js-google-genai'
  | 'langchain-js-mistral'
  /** LangChain.js ChatOllama (@langchain/ollama, and the deprecated @langchain/community one): one fetch, no retries. */
  | 'langchain-js-ollama'
  /** LangChain.js ChatVertexAI (@langchain/google-vertexai, over @langchain/google-common's connection). */
  | 'langchain-js-vertexai'
  /** LangChain.js ChatBedrockConverse (@langchain/aws): option spellings only, no retry or timeout defaults claimed. */
  | 'langchain-js-bedrock'
  | 'langchain-python'
  /** LangChain's ChatGoogleGenerativeAI (langchain-google-genai): its own retry and timeout defaults. */
  | 'langchain-google-genai'
  /** LangChain's ChatAnthropic (langchain-anthropic), which hands an unset timeout to the SDK as "none". */
  | 'langchain-anthropic'
  /** LangChain's ChatDeepSeek (langchain-deepseek): BaseChatOpenAI, but an unset timeout is left out, not passed as None. */
  | 'langchain-deepseek'
  /**
   * LangChain's ChatLiteLLM (langchain-litellm, and langchain_community's before it moved): deliberately without
   * defaults or option spellings, so no retry layer or default timeout is claimed for it. Its own loop is tenacity's
   * `stop_after_attempt(max_retries)` (max_retries counts attempts) on litellm.Timeout, APIError, APIConnectionError and
   * RateLimitError, with `max_retries: int = 1` in langchain-litellm (one attempt) but 6 in langchain_community's own
   * class; `request_timeout` reaches litellm as `timeout` in langchain-litellm's current release (None: litellm's
   * 600 s) but as `force_timeout` in langchain_community's and older releases. The installed release is not read.
   * Sources: langchain-ai/langchain-litellm langchain_litellm/chat_models/litellm.py ChatLiteLLM.max_retries,
   * _default_params, _create_retry_decorator @00d4c20; langchain-ai/langchain
   * libs/community/langchain_community/chat_models/litellm.py @02ca93c; langchain_core language_models/llms.py
   * create_base_retry_decorator (the code index, read 2026-12-02).
   */
  | 'langchain-litellm'
  | 'litellm'
  | 'litellm-router'
  /**
   * CrewAI's `LLM` class: option spellings only. Which client sends its requests, and so the retry and timeout
   * defaults, changed between releases (catalog/agent-frameworks.ts CREWAI_LLM), so none is claimed here.
   */
  | 'crewai'
  /**
   * AutoGen's model clients (autogen-ext `OpenAIChatCompletionClient`, `AzureOpenAIChatCompletionClient`): an
   * `AsyncOpenAI` / `AsyncAzureOpenAI` built from the keywords it was given, so openai-python's defaults.
   */
  | 'autogen'
  | 'google-genai'
  /** The deprecated Gemini JS SDK (`@google/generative-ai`): `genAI.getGenerativeModel({ model }, requestOptions)`. */
  | 'google-generativeai'
  /** ollama-python: `ollama.Client(host, timeout=…)`, a thin httpx client for a local Ollama server. */
  | 'ollama'
  /**
   * Hugging Face's inference client: huggingface_hub `InferenceClient(model, provider=, token=, timeout=)` (Python) and
   * @huggingface/inference `new InferenceClient(accessToken, defaultOptions)` (JavaScript).
   */
  | 'huggingface'
  /**
   * Mistral AI's Speakeasy SDKs (`mistralai` 1.x/2.x `Mistral`, `@mistralai/mistralai` 1.x/2.x `Mistral`). The npm
   * package's default timeout changed between releases (none in 1.x; 30 s, later 300 s, in 2.x), so only its option
   * spellings are catalogued for TypeScript.
   */
  | 'mistral'
  /** The legacy 0.x clients (`mistralai.client.MistralClient`, `MistralAsyncClient`; the npm default export `MistralClient`). */
  | 'mistral-legacy'
  /** LlamaIndex's OpenAI LLM classes (`OpenAI`, `OpenAILike`, `AzureOpenAI`), over openai-python. */
  | 'llamaindex-openai'
  /** LlamaIndex 0.9's OpenAI classes (`llama_index.llms`): option spellings only, their defaults are not established. */
  | 'llamaindex-openai-legacy'
  /** LlamaIndex's `Anthropic` LLM class, over anthropic-python. */
  | 'llamaindex-anthropic'
  /** LlamaIndex.TS's `OpenAI` LLM class (@llamaindex/openai, or the all-in-one `llamaindex` package), over openai-node. */
  | 'llamaindex-ts-openai'
  /** LlamaIndex.TS's `Anthropic` LLM class (@llamaindex/anthropic, or `llamaindex`), over the Anthropic TypeScript SDK. */
  | 'llamaindex-ts-anthropic'
  /** Haystack 2's OpenAI generators (`OpenAIGenerator`, `OpenAIChatGenerator`), over openai-python with defaults of their own. */
  | 'haystack-openai'
  /**
   * Semantic Kernel's (Python) OpenAI connectors (`OpenAIChatCompletion`, `AzureChatCompletion`) built without
   * `async_client=`: they build an `AsyncOpenAI` / `AsyncAzureOpenAI` with no timeout or retry option, so
   * openai-python's defaults. The connectors themselves take no timeout.
   */
  | 'semantic-kernel-openai'
  /**
   * A Semantic Kernel connector given `async_client=`: its requests go through that client, whose options are not the
   * connector's. Option spellings only (the connector's model and key), no defaults.
   */
  | 'semantic-kernel-own-client'
  /**
   * Azure AI Inference's Python `ChatCompletionsClient` (`azure-ai-inference`): azure-core's pipeline, whose
   * RetryPolicy re-sends a POST only on a 500/503/504 or a response with Retry-After, and whose transport waits 300 s.
   */
  | 'azure-ai-inference'
  /** boto3's `bedrock-runtime` client: botocore's transport, timeouts and retry modes. */
  | 'boto3'
  /** AWS SDK for JavaScript v3's `BedrockRuntimeClient` (`@aws-sdk/client-bedrock-runtime`): smithy's retry strategy and request handlers. */
  | 'aws-sdk'
  /** Cohere's Fern-generated SDKs: `cohere` (Python `Client`, `ClientV2`, their async twins) and `cohere-ai` (`CohereClient`, `CohereClientV2`). */
  | 'cohere';

export type SdkLanguage = 'typescript' | 'python';

export interface SdkDefaults {
  sdk: SdkId;
  language: SdkLanguage;
  /** Retries after the first attempt (attempts = 1 + retries). */
  defaultMaxRetries: number;
  /** null = no client-side timeout at all. */
  defaultTimeoutSeconds: number | null;
  /** A request that times out is retried by default. */
  retriesTimeouts: boolean;
  /**
   * `max_retries=N` makes N attempts in all, not 1 + N (LangChain's Google model hands it to google-genai as
   * attempts); `zeroRetriesAttempts` is what 0 makes, when 0 means "the SDK's default" rather than "no retries".
   */
  maxRetriesCountsAttempts?: boolean;
  zeroRetriesAttempts?: number;
  /**
   * Retries of the connection phase only (the request never reached the server, so no tokens are spent twice). Not
   * counted in `defaultMaxRetries`, which counts re-sent requests, like a hop that never re-sends a POST.
   */
  connectionRetries?: number;
  /**
   * A retry loop of the framework around each request, driven by the same `max_retries` the SDK client is given, so
   * one option sets two layers: LlamaIndex's OpenAI classes wrap each non-streaming request in tenacity
   * `stop_after_attempt(max_retries)` (max_retries attempts in all; none when 0) around an openai client built with
   * `max_retries` too. A stream is not retried by it (the loop wraps only the making of the generator, which sends
   * nothing).
   */
  frameworkRetries?: { label: string };
  /** False when a value was not read from the SDK's own source. */
  verified: boolean;
  note?: string;
  source: string;
  asOf: string;
}

// Dates are the source snapshots' dates from FACTS.md; where FACTS.md names only a commit, the date is the
// research pass (2026-08-22).
const RESEARCH_DATE = '2026-08-22';

export const SDK_DEFAULTS: readonly SdkDefaults[] = [
  {
    sdk: 'openai', language: 'typescript', defaultMaxRetries: 2, defaultTimeoutSeconds: 600, retriesTimeouts: true, verified: true,
    note: 'retries 408/409/429/≥500, connection errors and timeouts; backoff 0.5 s·2^n capped at 8 s; Node fetch may cut responses at ~5 min regardless',
    source: 'openai/openai-node src/client.ts @7b7d6ca', asOf: '2026-08-21',
  },
  {
    sdk: 'openai', language: 'python', defaultMaxRetries: 2, defaultTimeoutSeconds: 600, retriesTimeouts: true, verified: true,
    note: 'httpx.Timeout(timeout=600, connect=5.0); same Stainless retry logic as Node',
    source: 'openai/openai-python src/openai/_constants.py @0444895', asOf: RESEARCH_DATE,
  },
  {
    // together-ai 0.30.0 changed the default from 5 retries to 2 ("BREAKING CHANGES … The default max retries for api
    // calls has changed from 5 to 2"): 2 is claimed unless the package.json allows only older releases (RETRIES_BEFORE_RELEASE).
    sdk: 'together', language: 'typescript', defaultMaxRetries: 2, defaultTimeoutSeconds: 60, retriesTimeouts: true, verified: true,
    note: 'Stainless client like openai-node: `timeout` (ms, default 60000), `maxRetries` (2 from 0.30.0, 5 before), both also per request; retries 408/409/429/≥500, connection errors and timeouts; base URL from TOGETHER_BASE_URL, key from TOGETHER_API_KEY',
    source: 'together-ai 0.16.0 index.mjs (timeout ?? 60000, TOGETHER_BASE_URL, TOGETHER_API_KEY), core.mjs (maxRetries = 5, shouldRetry); 0.28.0 and 0.30.0 client.mjs (maxRetries ?? 5 / ?? 2); 0.52.0 CHANGELOG.md 0.30.0 (npm pack, read 2026-12-03)', asOf: '2026-12-03',
  },
  {
    sdk: 'groq', language: 'typescript', defaultMaxRetries: 2, defaultTimeoutSeconds: 60, retriesTimeouts: true, verified: true,
    note: 'Stainless client like openai-node: `timeout` (ms, default 60000, "1 minute"), `maxRetries` (default 2), both also per request; base URL from GROQ_BASE_URL (else https://api.groq.com), key from GROQ_API_KEY',
    source: 'groq/groq-typescript src/index.ts @ae555c1 (`timeout: options.timeout ?? 60000`, maxRetries @default 2) and src/client.ts @04c5482 (`options.timeout ?? Groq.DEFAULT_TIMEOUT /* 1 minute */`, `options.maxRetries ?? 2`, readEnv(\'GROQ_BASE_URL\')) (read 2026-12-03)', asOf: '2026-12-03',
  },
  {
    sdk: 'groq', language: 'python', defaultMaxRetries: 2, defaultTimeoutSeconds: 60, retriesTimeouts: true, verified: true,
    note: 'Stainless client like openai-python: `timeout` (s, httpx.Timeout(timeout=60.0, connect=5.0), "1 minute"), `max_retries` (default 2), both also through `with_options`; base URL from GROQ_BASE_URL (else https://api.groq.com), key from GROQ_API_KEY',
    source: 'groq/groq-python src/groq/_client.py @0681348 (`max_retries: int = DEFAULT_MAX_RETRIES`, GROQ_API_KEY, GROQ_BASE_URL, https://api.groq.com, with_options = copy); README.md @01190ec ("By default requests time out after 1 minute", "retried 2 times by default"); src/groq/_constants.py as shipped in the groq wheel (vendored in phidatahq/phidata @b77b008: DEFAULT_TIMEOUT = httpx.Timeout(timeout=60.0, connect=5.0), DEFAULT_MAX_RETRIES = 2) (read 2026-12-03)', asOf: '2026-12-03',
  },
  {
    sdk: 'cerebras', language: 'python', defaultMaxRetries: 2, defaultTimeoutSeconds: 60, retriesTimeouts: true, verified: true,
    note: 'Stainless client like openai-python: `timeout` (s, "1 minute" by default), `max_retries` (default 2), both also through `with_options`; base URL from CEREBRAS_BASE_URL (else https://api.cerebras.ai), key from CEREBRAS_API_KEY',
    source: 'Cerebras/cerebras-cloud-sdk-python src/cerebras/cloud/sdk/_client.py @04d79ab (`max_retries: int = DEFAULT_MAX_RETRIES`, CEREBRAS_API_KEY, CEREBRAS_BASE_URL, https://api.cerebras.ai, with_options = copy); README.md @01bd232 ("By default requests time out after 1 minute", "retried 2 times by default") (read 2026-12-03)', asOf: '2026-12-03',
  },
  {
    // Verified in the v0.x source on 2026-11-30. `ChatCompletion.create`/`Completion.create` go through
    // api_requestor.APIRequestor.request_raw: `timeout=request_timeout if request_timeout else TIMEOUT_SECS` with
    // TIMEOUT_SECS = 600, on a requests.Session whose https:// adapter is HTTPAdapter(max_retries=MAX_CONNECTION_RETRIES)
    // with MAX_CONNECTION_RETRIES = 2. requests turns the int into urllib3 Retry.from_int(2): connection errors are
    // retried, read errors only for idempotent methods (never the POST), no status codes. `acreate` goes through
    // aiohttp with ClientTimeout(total=request_timeout or TIMEOUT_SECS) and no retries at all.
    sdk: 'openai-legacy', language: 'python', defaultMaxRetries: 0, defaultTimeoutSeconds: 600, retriesTimeouts: false, connectionRetries: 2, verified: true,
    note: 'openai < 1.0; per-call `request_timeout=` (seconds, or a (connect, read) tuple), else 600 s; sync calls retry connection errors up to 2 times (urllib3, never a POST that reached the server), `acreate` (aiohttp) none; 429/5xx are not retried; `timeout=` is not a request timeout (ChatCompletion/Completion.create pop it to bound an unbounded loop on 409 TryAgain, which has no sleep)',
    source: 'openai/openai-python openai/api_requestor.py (TIMEOUT_SECS, MAX_CONNECTION_RETRIES, _make_session, request_raw, arequest_raw) @0691a67 (a 0.27.x snapshot: it has request_timeout and Azure polling but not the MAX_SESSION_LIFETIME_SECS that v0.28.0 has per openai/openai-python#616; the v0.28 values themselves were not read); openai/api_resources/chat_completion.py @5701e71, completion.py @0d89e77; requests adapters.py HTTPAdapter.__init__ (int → Retry.from_int) and urllib3 util/retry.py Retry.increment (read errors re-raised for non-idempotent methods), read in copies found by text search',
    asOf: '2026-11-30',
  },
  {
    // Verified in the openai-node 3.x source on 2026-11-30 (the generated axios client, OpenAPI document 1.2.0, which
    // has createChatCompletion). OpenAIApiFp.createChatCompletion/createCompletion build `{ method: 'POST',
    // ...configuration.baseOptions, ...options }` and hand it to common.ts createRequestFunction, which makes one
    // `axios.request(...)` against `configuration.basePath || BASE_PATH`: no retry loop anywhere, and no timeout is set,
    // so axios's own default applies (`timeout: 0`, "a timeout is not created"). Configuration only adds headers to
    // baseOptions. Axios itself does not retry.
    sdk: 'openai-v3', language: 'typescript', defaultMaxRetries: 0, defaultTimeoutSeconds: null, retriesTimeouts: false, verified: true,
    note: 'openai@3.x (OpenAIApi + Configuration, axios underneath); one request per call, no retries; no timeout unless the call passes an axios config `{ timeout }` (ms) as its second argument or the Configuration sets `baseOptions: { timeout }`; there is no maxRetries option',
    source: 'openai/openai-node api.ts (OpenAIApiFp.createChatCompletion → createRequestFunction) @75f6853, common.ts (createRequestFunction: a single axios.request) @3d4b222, base.ts (BaseAPI: globalAxios, BASE_PATH, basePath) @c0bd324, configuration.ts (ConfigurationParameters: apiKey, basePath, baseOptions) @9dac85e; axios/axios lib/defaults/index.js (`timeout: 0`, no timeout created) @6c6d282',
    asOf: '2026-11-30',
  },
  {
    // Read in the openai-edge source on 2026-12-01. OpenAIApiFp.createChatCompletion/createCompletion build
    // `{ method: 'POST', ...configuration.baseOptions, ...options }` (options: a fetch `RequestInit`) and common.ts
    // createRequestFunction makes one `fetch((configuration?.basePath || basePath) + url, options)`: no retry loop, no
    // timer, and no timeout option (a per-call `signal` is the only bound). The request resolves to the `Response` even
    // on 4xx/5xx. How long a stalled request waits is the runtime's fetch's business (as for a raw `fetch`).
    sdk: 'openai-edge', language: 'typescript', defaultMaxRetries: 0, defaultTimeoutSeconds: null, retriesTimeouts: false, verified: true,
    note: 'openai-edge (openai@3.x API over fetch, for edge runtimes); one fetch per call, no retries, no timeout of its own: the runtime\'s fetch limits apply unless the call passes a RequestInit with `signal` as its second argument; resolves to the fetch Response (body via `await res.json()`), which is not rejected on HTTP errors',
    source: 'dan-kwiat/openai-edge src/common.ts (createRequestFunction: a single fetch) @0e021d6, src/api.ts (OpenAIApiFp.createChatCompletion, `type RequestConfig = RequestInit`) @22a741c, src/base.ts (BASE_PATH, globalFetch) @22a741c, src/configuration.ts (apiKey, basePath, baseOptions) @0e021d6',
    asOf: '2026-12-01',
  },
  {
    sdk: 'anthropic', language: 'typescript', defaultMaxRetries: 2, defaultTimeoutSeconds: 600, retriesTimeouts: true, verified: true,
    note: 'non-streaming calls with a large max_tokens throw before sending (see nonStreamingLimit)',
    source: 'anthropics/anthropic-sdk-typescript src/client.ts L644, L653 @bfa9197', asOf: '2026-08-19',
  },
  {
    sdk: 'anthropic', language: 'python', defaultMaxRetries: 2, defaultTimeoutSeconds: 600, retriesTimeouts: true, verified: true,
    note: 'connect timeout 5 s',
    source: 'anthropics/anthropic-sdk-python src/anthropic/_constants.py @1316de7', asOf: RESEARCH_DATE,
  },
  {
    sdk: 'ai-sdk', language: 'typescript', defaultMaxRetries: 2, defaultTimeoutSeconds: null, retriesTimeouts: false, verified: true,
    note: 'retries only retryable APICallError/GatewayError, 2 s initial delay ×2; no timeout unless `timeout` or `abortSignal` is set, so an abort is never retried',
    source: 'vercel/ai packages/ai/src/util/prepare-retries.ts, retry-with-exponential-backoff.ts, prompt/request-options.ts @ed857f5; AI SDK 5 has the same `maxRetries ?? 2` (prepare-retries.ts with retryWithExponentialBackoffRespectingRetryHeaders, the code index\'s copies read 2026-12-02)', asOf: '2026-08-22',
  },
  {
    sdk: 'langchain-js', language: 'typescript', defaultMaxRetries: 6, defaultTimeoutSeconds: 600, retriesTimeouts: true, verified: false,
    note: 'ChatOpenAI builds the openai client with `timeout: this.timeout, maxRetries: 0` and retries in AsyncCaller (maxRetries ?? 6 → 7 attempts, not 400–407/409); an unset timeout leaves the openai SDK’s 600 s; AsyncCaller retrying timeouts is inferred (they carry no status)',
    source: 'langchain-ai/langchainjs libs/providers/langchain-openai/src/chat_models/base.ts L688-689 (_getClientOptions); libs/langchain-core/src/utils/async_caller.ts L352, L370 @62fc484', asOf: '2026-08-05',
  },
  {
    sdk: 'langchain-js-groq', language: 'typescript', defaultMaxRetries: 6, defaultTimeoutSeconds: 60, retriesTimeouts: true, verified: true,
    note: 'ChatGroq builds the groq-sdk client with `timeout: this.timeout, maxRetries: 0` and retries in AsyncCaller (maxRetries ?? 6 → 7 attempts); an unset timeout leaves groq-sdk’s 60 s',
    source: '@langchain/groq 1.3.1 src/chat_models.ts L1057-1067, L1116; groq-sdk 1.6.0 src/client.ts L196, L762 (DEFAULT_TIMEOUT = 60000) (npm, read 2026-11-30)', asOf: '2026-11-30',
  },
  {
    sdk: 'langchain-js-google-genai', language: 'typescript', defaultMaxRetries: 6, defaultTimeoutSeconds: null, retriesTimeouts: true, verified: true,
    note: 'ChatGoogleGenerativeAI has no timeout option and passes none to @google/generative-ai, which sets a timer only when requestOptions.timeout is given; AsyncCaller retries (maxRetries ?? 6 → 7 attempts)',
    source: '@langchain/google-genai 2.3.2 src/chat_models.ts L745-765, L1074-1078; @google/generative-ai 0.24.1 dist/index.js L443-446 (npm, read 2026-11-30)', asOf: '2026-11-30',
  },
  {
    sdk: 'langchain-js-mistral', language: 'typescript', defaultMaxRetries: 6, defaultTimeoutSeconds: 30, retriesTimeouts: true, verified: true,
    note: 'ChatMistralAI has no timeout option; @mistralai/mistralai 2.x (what @langchain/mistralai 1.1+ installs) times a request out after 30 s (timeoutMs || 30000) and retries nothing by default; AsyncCaller retries (maxRetries ?? 6 → 7 attempts). Older releases differ: @langchain/mistralai 0.2–1.0 installs SDK 1.x (timeoutMs -1: no timeout), ≤ 0.1.1 SDK 0.4 (120 s, 5 attempts inside each LangChain attempt); the package version is not read',
    source: '@langchain/mistralai 1.2.0 src/chat_models.ts; @mistralai/mistralai 2.2.1 (timeoutMs default 30000, retryConfig strategy "none") (npm, read 2026-11-30)', asOf: '2026-11-30',
  },
  {
    // Read in @langchain/ollama 1.3.0 and ollama 0.6.4 (npm, 2026-12-02) and @langchain/community's ChatOllama in
    // langchain-ai/langchainjs. @langchain/ollama's `_streamResponseChunks` (which `_generate` drains) calls
    // `this.client.chat({ …, stream: true })` directly, never through `this.caller`, so LangChain's AsyncCaller retries
    // nothing; ollama-js makes one `fetch` with no timer and no retry. The community class does hand its request to
    // `this.caller.call(async () => createOllamaChatStream(…))`, but that is an async generator: calling it sends
    // nothing, the fetch happens when the stream is iterated, outside the caller, so nothing is retried there either.
    // No timeout option in either class: the runtime's fetch limits are what bound a stall (as for a raw `fetch`).
    sdk: 'langchain-js-ollama', language: 'typescript', defaultMaxRetries: 0, defaultTimeoutSeconds: null, retriesTimeouts: false, verified: true,
    note: 'ChatOllama sends one fetch per call (stream: true even for invoke) outside LangChain\'s AsyncCaller, so `maxRetries` has no effect; no timeout option, no timer (the runtime\'s fetch limits apply); @langchain/ollama 0.0.x sent requests with bound tools through the caller (6 retries), the package version is not read',
    source: '@langchain/ollama 1.3.0 dist/chat_models.js (_generate, _streamResponseChunks: `await this.client.chat(…)`); ollama 0.6.4 src/utils.ts (fetch, no timeout), src/constant.ts (defaultHost http://127.0.0.1:11434) (npm, read 2026-12-02); langchain-ai/langchainjs libs/langchain-community/src/chat_models/ollama.ts _streamResponseChunks @1063074, libs/langchain-community/src/utils/ollama.ts createOllamaStream @1717756; libs/langchain-ollama/src/chat_models.ts _generateRawApi @003f695', asOf: '2026-12-02',
  },
  {
    // Read in @langchain/google-vertexai, @langchain/google-gauth and @langchain/google-common 2.3.2, google-auth-library
    // 11.3.4, gaxios 7.3.1 and @langchain/core 1.4.0 (npm, 2026-12-02). GoogleConnection._request makes each request
    // inside `this.caller.callWithOptions({ signal }, …)` (AsyncCaller: maxRetries ?? 6). The request is
    // `GoogleAuth.fetch` (gaxios), which sets a timer only when given `timeout` and retries only when given `retry`
    // (AuthClient.RETRY_CONFIG is "not a part of the default transporter config"); ChatVertexAI has no timeout field.
    sdk: 'langchain-js-vertexai', language: 'typescript', defaultMaxRetries: 6, defaultTimeoutSeconds: null, retriesTimeouts: true, verified: true,
    note: 'ChatVertexAI has no timeout option and google-auth-library\'s gaxios sets no timer unless given one; each request runs in AsyncCaller (maxRetries ?? 6 → 7 attempts), with the call\'s signal, so a per-call `{ timeout }` bounds it',
    source: '@langchain/google-common 2.3.2 dist/connection.js GoogleConnection._request, dist/auth.js GoogleAbstractedFetchClient._request; @langchain/google-gauth 2.3.2 dist/auth.js GAuthClient (`this.gauth.fetch`); gaxios 7.3.1 build/cjs/src/gaxios.js L432 (`if (opts.timeout)`), retry.js (no retry unless config.retry); google-auth-library 11.3.4 build/src/auth/authclient.js RETRY_CONFIG; @langchain/core 1.4.0 dist/utils/async_caller.js L182 (npm, read 2026-12-02)', asOf: '2026-12-02',
  },
  {
    sdk: 'langchain-python', language: 'python', defaultMaxRetries: 2, defaultTimeoutSeconds: null, retriesTimeouts: true, verified: true,
    note: 'max_retries=None is not passed on, so the openai SDK default (2 retries) applies (releases before that had max_retries: int = 2); request_timeout (alias timeout) defaults to None and is always passed as timeout=None, which openai-python keeps as no timeout at all: it fills in its 600 s only when the argument is not given (`if not is_given(timeout)` in _base_client.py; langchain-ai/langchain#35597)',
    source: 'langchain-ai/langchain libs/partners/openai/langchain_openai/chat_models/base.py validate_environment (`client_params = {…, "timeout": self.request_timeout, …}`) @00539b5; openai/openai-python src/openai/_base_client.py SyncAPIClient.__init__', asOf: '2026-11-30',
  },
  {
    sdk: 'langchain-google-genai', language: 'python', defaultMaxRetries: 5, defaultTimeoutSeconds: null, retriesTimeouts: false,
    maxRetriesCountsAttempts: true, zeroRetriesAttempts: 5, verified: true,
    note: 'max_retries (alias retries) defaults to 6 and counts attempts: max_retries=1 is one attempt, 0 falls back to google-genai’s 5; timeout (alias request_timeout) defaults to None and google-genai sets none; which errors are retried follows google-genai (408/429/5xx), timeouts not checked',
    source: 'langchain-ai/langchain-google libs/genai/langchain_google_genai/_common.py _BaseGoogleGenerativeAI.max_retries, .timeout @00315ae', asOf: '2026-11-30',
  },
  {
    sdk: 'langchain-anthropic', language: 'python', defaultMaxRetries: 2, defaultTimeoutSeconds: null, retriesTimeouts: true, verified: true,
    note: 'default_request_timeout (alias timeout) defaults to None and is passed on as timeout=None, which the anthropic client and its httpx client take as no timeout at all (a value <= 0 leaves the SDK’s 600 s); max_retries: int = 2 is handed to the anthropic client',
    source: 'langchain-ai/langchain libs/partners/anthropic/langchain_anthropic/chat_models.py ChatAnthropic.default_request_timeout, .max_retries, ._client_params (the code index’s current copy, read 2026-11-30)', asOf: '2026-11-30',
  },
  {
    sdk: 'langchain-deepseek', language: 'python', defaultMaxRetries: 2, defaultTimeoutSeconds: 600, retriesTimeouts: true, verified: true,
    note: 'ChatDeepSeek subclasses BaseChatOpenAI (request_timeout alias timeout, default None; max_retries) but builds openai.OpenAI / AsyncOpenAI itself from client_params with the None values dropped, so an unset timeout leaves openai-python\'s 600 s (unlike ChatOpenAI, which passes timeout=None: no timeout) and an unset max_retries its 2 retries',
    source: 'langchain-ai/langchain libs/partners/deepseek/langchain_deepseek/chat_models.py ChatDeepSeek.validate_environment (`client_params = {k: v for k, v in {…, "timeout": self.request_timeout, "max_retries": self.max_retries, …}.items() if v is not None}`) @007a554, same in the copies read at other commits (the code index, read 2026-12-02); openai/openai-python src/openai/_constants.py DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES', asOf: '2026-12-02',
  },
  {
    sdk: 'litellm', language: 'python', defaultMaxRetries: 0, defaultTimeoutSeconds: 600, retriesTimeouts: false, verified: true,
    note: 'completion()/acompletion() take `timeout = timeout or kwargs.get("request_timeout", 600) or 600` (the module setting litellm.request_timeout = 6000 is the Router\'s and the proxy\'s); litellm.num_retries = None, so completion() itself does not retry; the provider SDK underneath may still retry (BerriAI/litellm issue 850: max_retries=0 still gave 3 calls)',
    source: 'BerriAI/litellm litellm/main.py completion() "### TIMEOUT LOGIC ###" (the code index’s copy, read 2026-11-30); litellm/__init__.py (num_retries = None) @000db7e', asOf: '2026-11-30',
  },
  {
    sdk: 'litellm-router', language: 'python', defaultMaxRetries: 2, defaultTimeoutSeconds: 6000, retriesTimeouts: true, verified: false,
    note: '`self.timeout = timeout or litellm.request_timeout` (6000) and num_retries: the argument, else litellm.num_retries, else openai.DEFAULT_MAX_RETRIES (2) (router.py __init__, read 2026-12-01; older releases used `num_retries or litellm.num_retries or 0`); a deployment\'s litellm_params timeout / stream_timeout and a call\'s timeout= take precedence; the router sets max_retries 0 on the provider call; max_fallbacks 5, allowed_fails 3, cooldown 5 s; timeout retries not checked in source',
    source: 'BerriAI/litellm litellm/router.py __init__ (the code index\'s copies, read 2026-12-01); docs.litellm.ai/docs/proxy/timeout; docs.litellm.ai/docs/router/learn/reliability', asOf: '2026-12-01',
  },
  {
    sdk: 'google-genai', language: 'python', defaultMaxRetries: 0, defaultTimeoutSeconds: null, retriesTimeouts: false, verified: true,
    note: 'retry_options=None → stop_after_attempt(1); HttpRetryOptions without attempts → 5 attempts on 408/429/500/502/503/504; HttpOptions.timeout is in milliseconds',
    source: 'googleapis/python-genai google/genai/_api_client.py L543-590, types.py L2638 @6680718', asOf: '2026-08-21',
  },
  {
    sdk: 'google-genai', language: 'typescript', defaultMaxRetries: 0, defaultTimeoutSeconds: null, retriesTimeouts: false, verified: true,
    note: 'no client-side timeout by default (Undici header/body timeouts disabled; the server bounds requests: 10 min unary, 20 min streaming); httpOptions.timeout is in milliseconds, per attempt; no retries without httpOptions.retryOptions, which then makes 5 attempts (including the first) on 408/429/500/502/503/504',
    source: '@google/genai 2.32.0 dist/node/index.mjs createUndiciNoTimeoutDispatcher, createAttemptSignal, ApiClient.apiCall, DEFAULT_RETRY_ATTEMPTS (npm, read 2026-11-30)', asOf: '2026-11-30',
  },
  {
    sdk: 'google-generativeai', language: 'typescript', defaultMaxRetries: 0, defaultTimeoutSeconds: null, retriesTimeouts: false, verified: true,
    note: 'one fetch per request, no retry; an AbortController only when requestOptions (getGenerativeModel\'s second argument, or the request\'s) sets timeout (ms) or signal, and that timer bounds the whole response, a stream included; otherwise only the runtime\'s fetch limits apply (Node\'s Undici: 300 s without headers or body data)',
    source: '@google/generative-ai 0.24.1 dist/index.mjs buildFetchOptions, makeRequest, GenerativeModel (npm, read 2026-12-01)', asOf: '2026-12-01',
  },
  {
    // Read in the source on 2026-12-01. BaseClient.__init__ takes `timeout: Any = None` and builds
    // `httpx.Client(base_url=…, follow_redirects=True, timeout=timeout, headers=…, **kwargs)`; its docstring: "Default
    // parameters are the same as those defined in httpx except for … `timeout`: None". httpx takes timeout=None as no
    // timeout at all. Client._request_raw makes one `self._client.request(...)`: no retry loop. The module-level
    // functions (`ollama.chat`, `ollama.generate`) are the methods of `_client = Client()`, made with no arguments.
    sdk: 'ollama', language: 'python', defaultMaxRetries: 0, defaultTimeoutSeconds: null, retriesTimeouts: false, verified: true,
    note: 'no timeout unless `Client(timeout=…)` / `AsyncClient(timeout=…)` (seconds, or an httpx.Timeout; other keywords go to httpx.Client too); no per-request timeout; one request per call, no retries; the module functions use a default `Client()`, which has no timeout and cannot be given one; usage is `prompt_eval_count` / `eval_count` on the response (on the last chunk, `done: True`, of a stream, sent without being asked for)',
    source: 'ollama/ollama-python ollama/_client.py BaseClient.__init__, Client._request_raw, Client._request @00228b9; ollama/__init__.py (`_client = Client()`, `chat = _client.chat`) @043dbf4; ollama/_types.py BaseGenerateResponse (prompt_eval_count, eval_count, done) @00c6433',
    asOf: '2026-12-01',
  },
  {
    // `Mistral(…, retry_config=UNSET, timeout_ms=None)`: each method takes `timeout_ms` (else the client's) and hands
    // `timeout_ms / 1000 if timeout_ms is not None else None` to httpx's build_request, where None is no timeout at all;
    // `retries` (else the client's `retry_config`) retries only when it is a RetryConfig, and nothing sets one by
    // default. 1.x and 2.x agree (2.x adds `stream_timeout_ms`, an idle-read limit on streams).
    sdk: 'mistral', language: 'python', defaultMaxRetries: 0, defaultTimeoutSeconds: null, retriesTimeouts: false, verified: true,
    note: 'no timeout unless `timeout_ms=` (ms) on the client or the call; no retries unless `retry_config=` / `retries=` is a RetryConfig (then 429/500/502/503/504 with backoff); the base URL is `server_url=` (else `server=` "eu"/"us", else https://api.mistral.ai); no environment variable sets it',
    source: 'mistralai/client-python src/mistralai/sdk.py, basesdk.py (_build_request_with_client, do_request), chat.py (complete) @09c7732; src/mistralai/client/sdk.py, sdkconfiguration.py, chat.py (2.x) @07c3f6a',
    asOf: '2026-12-03',
  },
  {
    // 0.x: `MistralClient(api_key, endpoint=ENDPOINT, max_retries=5, timeout=120)` (httpx Client(timeout=120), the
    // status codes of RETRY_STATUS_CODES retried up to max_retries); MistralAsyncClient likewise.
    sdk: 'mistral-legacy', language: 'python', defaultMaxRetries: 5, defaultTimeoutSeconds: 120, retriesTimeouts: false, verified: true,
    note: 'deprecated 0.x client: 120 s timeout (`timeout=`, seconds), 5 retries of 429/5xx statuses (`max_retries=`), base URL `endpoint=`',
    source: 'mistralai/client-python src/mistralai/client.py MistralClient.__init__ (0.1.x, 0.2.0), client_base.py @32ec8b6',
    asOf: '2026-12-03',
  },
  {
    // Read in the source on 2026-12-01. `OpenAI.__init__(…, max_retries: int = 3, timeout: float = 60.0, …)`;
    // `_get_credential_kwargs` hands both to the openai client (`"max_retries": self.max_retries, "timeout":
    // self.timeout`), whose own retry loop is therefore the SDK layer (1 + 3 attempts). `_chat`, `_complete`, `_achat`
    // and `_acomplete` are also decorated with `llm_retry_decorator`, which (when max_retries > 0) runs
    // `create_retry_decorator(max_retries=…, random_exponential=True, stop_after_delay_seconds=60, min_seconds=1,
    // max_seconds=20)`: tenacity `stop_after_attempt(max_retries) | stop_after_delay(60)`, retrying APIConnectionError,
    // APITimeoutError, RateLimitError and InternalServerError. So one `llm.chat()` may send 3 × 4 = 12 requests.
    // `_stream_chat` / `_stream_complete` carry the decorator too, but it wraps only `return gen()`: the request is made
    // when the generator is iterated, outside the loop. OpenAILike and AzureOpenAI subclass OpenAI.
    sdk: 'llamaindex-openai', language: 'python', defaultMaxRetries: 3, defaultTimeoutSeconds: 60, retriesTimeouts: true,
    frameworkRetries: { label: 'LlamaIndex' }, verified: true,
    note: 'max_retries (default 3) goes to the openai client and also bounds a tenacity loop around each non-streaming request (max_retries attempts, at most 60 s of retrying): 3 × (1 + 3) = 12 requests by default; stream_* calls get the client\'s 4 only; max_retries=0 turns both off; timeout (default 60 s) goes to the openai client, per attempt',
    source: 'run-llama/llama_index llama-index-integrations/llms/llama-index-llms-openai/llama_index/llms/openai/base.py (OpenAI.__init__, _get_credential_kwargs, llm_retry_decorator, _chat, _stream_chat) @020535a; llama_index/llms/openai/utils.py create_retry_decorator @01509f9',
    asOf: '2026-12-01',
  },
  {
    // Read in the source on 2026-12-01. `Anthropic.__init__(…, timeout: Optional[float] = None, max_retries: int = 10,
    // …)` builds `anthropic.Anthropic(api_key=…, base_url=…, timeout=timeout, max_retries=max_retries, …)` (and the
    // async twin); `chat` calls `self._client.messages.create(...)` with no retry loop of its own.
    sdk: 'llamaindex-anthropic', language: 'python', defaultMaxRetries: 10, defaultTimeoutSeconds: null, retriesTimeouts: true, verified: true,
    note: 'max_retries (default 10) goes to the anthropic client: 11 attempts per call; timeout defaults to None and is passed on as timeout=None (as langchain-anthropic does), which the anthropic client takes as no timeout',
    source: 'run-llama/llama_index llama-index-integrations/llms/llama-index-llms-anthropic/llama_index/llms/anthropic/base.py (Anthropic fields, __init__, chat) @7a7d1c1 and @0163b13',
    asOf: '2026-12-01',
  },
  {
    // Read in the source on 2026-12-03. `this.maxRetries = init?.maxRetries ?? 10; this.timeout = init?.timeout ?? 60 *
    // 1000`, both handed to the openai-node client it builds lazily (`new OpenAI({ apiKey, baseURL: this.baseURL ??
    // getEnv("OPENAI_BASE_URL"), maxRetries, timeout, ...additionalSessionOptions })`); `chat` calls
    // `chat.completions.create` once, with no loop of its own. The all-in-one `llamaindex` package's class (0.0.x–0.5)
    // has the same two defaults (its default model was gpt-3.5-turbo, later gpt-4o).
    sdk: 'llamaindex-ts-openai', language: 'typescript', defaultMaxRetries: 10, defaultTimeoutSeconds: 60, retriesTimeouts: true, verified: true,
    note: 'maxRetries (default 10) and timeout (ms, default 60000) go to the openai-node client: up to 11 attempts of 60 s per call; base URL from `baseURL`, else OPENAI_BASE_URL (read by LlamaIndex and openai-node); default model gpt-4o',
    source: 'run-llama/LlamaIndexTS packages/providers/openai/src/llm.ts (OpenAI constructor, lazySession, chat) @001a515; packages/llamaindex/src/llm/openai.ts @0aeb126 and packages/core/src/llm/LLM.ts @041acd1 (the older all-in-one class: the same maxRetries ?? 10 and timeout ?? 60 * 1000)',
    asOf: '2026-12-03',
  },
  {
    // Read in the source on 2026-12-03. `this.maxRetries = init?.maxRetries ?? 10; this.timeout = init?.timeout ?? 60 *
    // 1000`, handed to `new SDKAnthropic({ apiKey, maxRetries, timeout })` (getAnthropicSession); no base URL option, so
    // the SDK reads ANTHROPIC_BASE_URL; `chat` calls `messages.create` once (`max_tokens: this.maxTokens ?? 4096`).
    sdk: 'llamaindex-ts-anthropic', language: 'typescript', defaultMaxRetries: 10, defaultTimeoutSeconds: 60, retriesTimeouts: true, verified: true,
    note: 'maxRetries (default 10) and timeout (ms, default 60000) go to the Anthropic SDK client: up to 11 attempts of 60 s per call; max_tokens 4096 unless maxTokens is set; default model claude-3-opus',
    source: 'run-llama/LlamaIndexTS packages/providers/anthropic/src/llm.ts (Anthropic constructor, getAnthropicSession, chat) @d4b6fe6 and @04b4f76',
    asOf: '2026-12-03',
  },
  {
    // Read in the source on 2026-12-02. `OpenAIChatGenerator.__init__(…, timeout: Optional[float] = None, max_retries:
    // Optional[int] = None, …)` then `if timeout is None: timeout = float(os.environ.get("OPENAI_TIMEOUT", "30.0"))`,
    // `if max_retries is None: max_retries = int(os.environ.get("OPENAI_MAX_RETRIES", "5"))`, and builds
    // `OpenAI(…, base_url=api_base_url, timeout=timeout, max_retries=max_retries)` (and the async twin); `run` /
    // `run_async` call `self.client.chat.completions.create(**api_args)` once, with no loop of their own.
    // `OpenAIGenerator` does the same (`float(os.environ.get("OPENAI_TIMEOUT", 30.0))`, `int(…"OPENAI_MAX_RETRIES", 5)`).
    // Later releases build the client in `warm_up()` with the same expressions.
    sdk: 'haystack-openai', language: 'python', defaultMaxRetries: 5, defaultTimeoutSeconds: 30, retriesTimeouts: true, verified: true,
    note: 'timeout defaults to the OPENAI_TIMEOUT environment variable, else 30 s; max_retries to OPENAI_MAX_RETRIES, else 5 (6 attempts per run); both go to the openai client, which retries timeouts; the environment variables are not read here',
    source: 'deepset-ai/haystack haystack/components/generators/chat/openai.py OpenAIChatGenerator.__init__, run @014ab5d; haystack/components/generators/openai.py OpenAIGenerator.__init__ @02802ca',
    asOf: '2026-12-02',
  },
  {
    // OpenAIConfigBase.__init__ builds `AsyncOpenAI(api_key=…, organization=org_id, default_headers=…)` and
    // AzureOpenAIConfigBase.__init__ `AsyncAzureOpenAI(base_url=…, api_version=…, api_key=…, azure_ad_token…,
    // default_headers=…)` only when no client is given (`async_client=`, handed on as `client`); neither connector
    // takes a timeout or a retry count, so openai-python's 600 s and 2 retries apply. A connector's model is
    // `ai_model_id` (else OPENAI_CHAT_MODEL_ID), an Azure one's `deployment_name` (else AZURE_OPENAI_CHAT_DEPLOYMENT_NAME).
    sdk: 'semantic-kernel-openai', language: 'python', defaultMaxRetries: 2, defaultTimeoutSeconds: 600, retriesTimeouts: true, verified: true,
    note: 'openai-python\'s defaults: the connector builds AsyncOpenAI / AsyncAzureOpenAI without a timeout or max_retries and takes no such option itself; only a client of the code\'s own (async_client=AsyncOpenAI(timeout=…, max_retries=…)) changes them',
    source: 'microsoft/semantic-kernel python/semantic_kernel/connectors/ai/open_ai/services/open_ai_config_base.py OpenAIConfigBase.__init__ @ade3745, azure_config_base.py AzureOpenAIConfigBase.__init__ @804eddd, open_ai_chat_completion.py OpenAIChatCompletion.__init__ @f62757a, azure_chat_completion.py AzureChatCompletion.__init__ @aacf565 (the code index\'s copies, read 2026-12-03); openai-python defaults: the `openai` entry',
    asOf: '2026-12-03',
  },
  {
    // `ChatCompletionsClient(endpoint, credential, **kwargs)` hands its keywords to the generated client, whose
    // configuration builds azure-core's `RetryPolicy(**kwargs)` and whose `PipelineClient(**kwargs)` builds the default
    // transport (`RequestsTransport`, `AioHttpTransport` for `.aio`) with `ConnectionConfiguration(**kwargs)`:
    // `connection_timeout=300`, `read_timeout=300` (seconds; the read timeout bounds each socket read, not the whole
    // response). RetryPolicy: `retry_total=10`, `retry_status=3`, `retry_read=3`, `retry_connect=3`; a POST is re-sent
    // only on a 500/503/504 (`_is_method_retryable`) or any status >= 400 with a Retry-After header (a 429 that carries
    // one), at most `retry_status` times: 4 attempts. A connection error or read timeout of a POST is raised, not
    // retried (POST is not in the method allowlist), so no timed-out request is re-sent and no connection retry either.
    sdk: 'azure-ai-inference', language: 'python', defaultMaxRetries: 3, defaultTimeoutSeconds: 300, retriesTimeouts: false, connectionRetries: 0, verified: true,
    note: 'azure-core pipeline: read and connection timeouts of 300 s (`read_timeout=` / `connection_timeout=` on the client or a call, seconds); a POST is re-sent up to `retry_status` = 3 times on 500/503/504 or a Retry-After response (429), never on a timeout; `retry_total=0` turns retries off',
    source: 'Azure/azure-sdk-for-python sdk/ai/azure-ai-inference/azure/ai/inference/_patch.py ChatCompletionsClient.__init__ @039131b, _client.py @098ecfb, _configuration.py @0c8d626; sdk/core/azure-core/azure/core/pipeline/policies/_retry.py RetryPolicyBase, RetryPolicy.send @b12d98b; azure/core/configuration.py ConnectionConfiguration @b92bd7f (the code index\'s copies, read 2026-12-03)',
    asOf: '2026-12-03',
  },
  {
    // autogen-ext's OpenAIChatCompletionClient(**kwargs) keeps the keywords AsyncOpenAI.__init__ takes
    // (`{k: v for k, v in config.items() if k in openai_init_kwargs}`, the keyword-only arguments: timeout, max_retries,
    // base_url, api_key, …) and builds `AsyncOpenAI(**openai_config)`; AzureOpenAIChatCompletionClient does the same with
    // AsyncAzureOpenAI. Keywords not given are not passed, so openai-python's 600 s and 2 retries apply. `timeout` is
    // also sent with each request (it is in `create_kwargs`); the config model types it `float | None` (seconds).
    sdk: 'autogen', language: 'python', defaultMaxRetries: 2, defaultTimeoutSeconds: 600, retriesTimeouts: true, verified: true,
    note: 'openai-python\'s defaults: AutoGen hands AsyncOpenAI only the keywords it was given; timeout is a float of seconds (OpenAIClientConfigurationConfigModel)',
    source: 'microsoft/autogen python/packages/autogen-ext/src/autogen_ext/models/openai/_openai_client.py _openai_client_from_config, _azure_openai_client_from_config, OpenAIChatCompletionClient.__init__ @00762a9 and @136380c; config/__init__.py BaseOpenAIClientConfigurationConfigModel @03e40b7 (the code index\'s copies, read 2026-12-02); openai-python defaults: the `openai` entry',
    asOf: '2026-12-02',
  },
  {
    // The client's `config=botocore.config.Config(…)` holds both: `connect_timeout` and `read_timeout` default to 60 s
    // (read_timeout bounds each wait for data on the socket, so a non-streaming call that generates for longer than
    // that fails, and a stream fails when no event arrives for as long). Retries follow the retry mode: `legacy`, the
    // default, makes 5 attempts in all; `standard` and `adaptive` 3. `Config(retries={"max_attempts": N})` counts
    // retries after the first attempt (N + 1 attempts), `total_max_attempts` and AWS_MAX_ATTEMPTS / the config file's
    // max_attempts count attempts; AWS_RETRY_MODE / retry_mode set the mode. Both modes retry ReadTimeoutError and
    // connection errors, throttling (ThrottlingException) and 500/502/503/504.
    sdk: 'boto3', language: 'python', defaultMaxRetries: 4, defaultTimeoutSeconds: 60, retriesTimeouts: true, verified: true,
    note: 'read_timeout and connect_timeout 60 s each (per socket read: a long generation or a stream silent for 60 s fails); legacy retry mode (the default) 5 attempts in all, standard/adaptive 3; Config(retries={"max_attempts": N}) is N retries (N + 1 attempts), total_max_attempts N attempts; AWS_MAX_ATTEMPTS / AWS_RETRY_MODE (or ~/.aws/config) may change both, unseen here; read timeouts are retried',
    source: 'https://botocore.amazonaws.com/v1/documentation/api/latest/reference/config.html (connect_timeout, read_timeout "Default: 60 seconds"; retries max_attempts "retried at most N times after the initial request", total_max_attempts, mode); https://docs.aws.amazon.com/boto3/latest/guide/retries.html (legacy mode is the default, "5 for maximum attempts (including the initial request)", standard mode 3; ReadTimeoutError retried)',
    asOf: '2026-12-01',
  },
  {
    // Read in the sources on 2026-12-02. The client's runtimeConfig.ts fills `maxAttempts` from AWS_MAX_ATTEMPTS /
    // `max_attempts` in ~/.aws/config, else DEFAULT_MAX_ATTEMPTS = 3 ("how many HTTP requests an SDK should make for a
    // single SDK operation invocation"), with DEFAULT_RETRY_MODE standard. The standard strategy retries throttling
    // codes, 500/502/503/504 and the transient codes "TimeoutError", "RequestTimeout", "RequestTimeoutException" (the
    // handlers name their own timeouts and ECONNRESET/ETIMEDOUT "TimeoutError"). No timeout by default: the default
    // defaultsMode is legacy (no connectionTimeout), NodeHttpHandler's DEFAULT_REQUEST_TIMEOUT is 0 ("no timeout"), and
    // NodeHttp2Handler (the Bedrock Runtime client's handler in recent releases) sets a stream timeout only when given
    // `requestTimeout`. `requestHandler` takes a handler instance or, in recent releases, its options
    // (`RequestHandler.create(config?.requestHandler ?? …)`); `send(command, { abortSignal, requestTimeout })` per call.
    sdk: 'aws-sdk', language: 'typescript', defaultMaxRetries: 2, defaultTimeoutSeconds: null, retriesTimeouts: true, maxRetriesCountsAttempts: true, verified: true,
    note: '`maxAttempts` counts attempts (3 by default, standard mode; AWS_MAX_ATTEMPTS or ~/.aws/config may change it, unseen here); no request or connection timeout unless `requestHandler` sets `requestTimeout` (ms); timeouts ("TimeoutError") are retried',
    source: 'aws/aws-sdk-js-v3 clients/client-bedrock-runtime/src/runtimeConfig.ts @25fc8ad (maxAttempts, retryMode, `NodeHttp2Handler as RequestHandler`, RequestHandler.create); smithy-lang/smithy-typescript packages/util-retry/src/config.ts @14b922a (DEFAULT_MAX_ATTEMPTS = 3, DEFAULT_RETRY_MODE standard), packages/service-error-classification/src/constants.ts @7f6a90f (TRANSIENT_ERROR_CODES, TRANSIENT_ERROR_STATUS_CODES), packages/node-http-handler/src/node-http-handler.ts @df00095 (DEFAULT_REQUEST_TIMEOUT = 0, "a default of 0 means no timeout") and node-http2-handler.ts @26c3b52 (`if (requestTimeout) req.setTimeout(…)`)',
    asOf: '2026-12-02',
  },
  {
    // Read in the source on 2026-12-03. InferenceClient.__init__ takes `timeout: float | None = None` ("Defaults to
    // None, meaning it will loop until the server is available") and _inner_post makes one
    // `get_session().stream("POST", …, timeout=self.timeout)`: no retry loop. Releases before the Inference Providers
    // rewrite looped on HTTP 503 ("Waiting for model to be loaded on the server"), sleeping 1 s between tries until the
    // timeout (forever without one); a 503 ran no model, so no tokens were spent twice, and the attempts count stays 1.
    sdk: 'huggingface', language: 'python', defaultMaxRetries: 0, defaultTimeoutSeconds: null, retriesTimeouts: false, verified: true,
    note: 'no timeout unless `InferenceClient(timeout=…)` / `AsyncInferenceClient(timeout=…)` (seconds); the request methods take none; one request per call (older releases re-sent a request answered 503 while the model loaded, every second until the timeout); chat completion returns `usage`, text_generation only generated-token counts with `details=True`',
    source: 'huggingface/huggingface_hub src/huggingface_hub/inference/_client.py InferenceClient.__init__, _inner_post @01266a2; the 503 loop of earlier releases read in copies of _client.py found by text search ("Waiting for model to be loaded on the server")',
    asOf: '2026-12-03',
  },
  {
    // Read in the source on 2026-12-03. innerRequest / innerStreamingRequest make one `fetch(url, info)` and, unless
    // `retry_on_error: false`, call themselves again on HTTP 503 (no bound, no delay): a 503 ran no model. No timer: only
    // a `signal` in the options (the client's second constructor argument, or a request's second argument) ends it.
    sdk: 'huggingface', language: 'typescript', defaultMaxRetries: 0, defaultTimeoutSeconds: null, retriesTimeouts: false, verified: true,
    note: 'one fetch per request, no timeout of its own (the runtime\'s fetch limits apply unless the options pass `signal`); a 503 answer is re-sent until it succeeds unless `retry_on_error: false`; the client has no timeout option',
    source: 'huggingface/huggingface.js packages/inference/src/utils/request.ts (innerRequest, innerStreamingRequest) @047646b, packages/inference/src/InferenceClient.ts @1419a6d, packages/inference/src/types.ts Options (retry_on_error, fetch, signal)',
    asOf: '2026-12-03',
  },
  {
    // Read in the source on 2026-12-03. BaseCohere.__init__ (which Client, AsyncClient, ClientV2 and AsyncClientV2
    // share) builds `httpx.Client(timeout=_defaulted_timeout)` with `timeout if timeout is not None else 300 if
    // httpx_client is None else httpx_client.timeout.read`. HttpClient.request retries while `retries < max_retries`
    // (`request_options.get("max_retries", self.base_max_retries)`, base_max_retries = 2) on `httpx.ConnectError` /
    // `RemoteProtocolError` and on responses `_should_retry` names (>= 500, 429, 408, 409), backoff 1 s * 2^n capped at
    // 60 s with jitter, or Retry-After; an httpx timeout is not caught, so it is not retried.
    sdk: 'cohere', language: 'python', defaultMaxRetries: 2, defaultTimeoutSeconds: 300, retriesTimeouts: false, verified: true,
    note: '`Client(timeout=…)` in seconds (300 by default; a custom `httpx_client` brings its own read timeout instead); retries only through `request_options={"max_retries": N}` per call (2 by default) on 408/409/429/>=500 and connection errors, never on a timeout; `request_options={"timeout_in_seconds": N}` per call',
    source: 'cohere-ai/cohere-python src/cohere/base_client.py BaseCohere.__init__ @0370752; src/cohere/core/http_client.py HttpClient.__init__ (base_max_retries = 2), HttpClient.request, _should_retry @02c2a8f; src/cohere/client.py Client.__init__ @06a9eb0; src/cohere/client_v2.py (`__init__ = Client.__init__`) @1354a0c',
    asOf: '2026-12-03',
  },
  {
    // Read in the source on 2026-12-03. cohere-ai 7.18/7.20 (src/Client.ts, src/api/resources/v2/client/Client.ts):
    // every request passes `timeoutMs: requestOptions?.timeoutInSeconds != null ? requestOptions.timeoutInSeconds * 1000
    // : 300000` and `maxRetries: requestOptions?.maxRetries` to the fetcher, whose loop runs `args.maxRetries ??
    // DEFAULT_MAX_RETRIES` (2) times on 408/409/429/>=500 responses; an abort on timeout returns `reason: "timeout"`
    // and is not retried. Later releases (src/BaseClient.ts BaseClientOptions) also take `timeoutInSeconds` and
    // `maxRetries` on the client.
    sdk: 'cohere', language: 'typescript', defaultMaxRetries: 2, defaultTimeoutSeconds: 300, retriesTimeouts: false, verified: true,
    note: 'each request times out after 300 s unless its request options (the second argument) set `timeoutInSeconds`; `maxRetries` (2 by default) per request, retrying 408/409/429/>=500 responses, not timeouts; `timeoutInSeconds` / `maxRetries` on the client only in releases with BaseClientOptions',
    source: 'cohere-ai/cohere-typescript src/Client.ts (7.20.0) @00b20a5, src/api/resources/v2/client/Client.ts (7.18.2) @03bc259, src/core/fetcher/Fetcher.ts (DEFAULT_MAX_RETRIES = 2, retried statuses) @13756ab, src/BaseClient.ts (BaseClientOptions) @137f8ea',
    asOf: '2026-12-03',
  },
];

/** Maps the call-site model's `Sdk` (and catalogue ids) to the catalogue entry for a language. */
export function sdkDefaults(sdk: Sdk | SdkId, language: SdkLanguage): SdkDefaults | undefined {
  const id = catalogId(sdk, language);
  return id ? SDK_DEFAULTS.find((d) => d.sdk === id && d.language === language) : undefined;
}

/** A raw HTTP library that sends a provider request with no timeout unless the request passes one. */
export interface HttpClientTimeout {
  /** How messages name it. */
  label: string;
  /** Request options that bound the wait (a timeout, or a signal or cancel token that can end it). */
  timeoutKeys: string[];
  /** A `timeout` of 0 is no timeout at all (axios, node-fetch v2), not one that fires at once. */
  zeroIsNone: boolean;
  source: string;
  asOf: string;
}

/** `requests.post(...)` (Python), `axios.post(...)` and node-fetch's `fetch(...)` (JavaScript) wait forever by default. */
export const HTTP_CLIENT_TIMEOUTS: Readonly<Record<'requests' | 'axios' | 'node-fetch', HttpClientTimeout>> = {
  requests: {
    label: 'requests',
    timeoutKeys: ['timeout'],
    zeroIsNone: false,
    source: 'requests documentation, Advanced Usage › Timeouts: "By default, requests do not time out unless a timeout value is set explicitly"',
    asOf: '2026-11-30',
  },
  axios: {
    label: 'axios',
    timeoutKeys: ['timeout', 'signal', 'cancelToken'],
    zeroIsNone: true,
    source: 'axios README, Request Config: `timeout` "default is `0` (no timeout)"; `signal` (AbortController) and `cancelToken` end a request too',
    asOf: '2026-11-30',
  },
  // Unlike Node's own fetch (Undici: 300 s without headers or body data), node-fetch runs on `http.request` and sets
  // no timer. v2's `timeout` (ms) is honoured there; v3 ignores it, so only a `signal` bounds a v3 request.
  'node-fetch': {
    label: 'node-fetch',
    timeoutKeys: ['timeout', 'signal'],
    zeroIsNone: true,
    source: 'node-fetch v2 README, Options: `timeout: 0` "req/res timeout in ms, it resets on redirect. 0 to disable (OS limit applies). Signal is recommended instead."; docs/v3-UPGRADE-GUIDE.md "The `timeout` option was removed"; docs/CHANGELOG.md v2.3.0 "added `AbortSignal` support", v3.0.0-beta.6 "removed `timeout` option"',
    asOf: '2026-12-01',
  },
};

/**
 * httpx bounds every request by default; `timeout=None`, on the client (`httpx.Client(timeout=None)`) or a request,
 * turns that off, as does an `httpx.Timeout` whose read timeout is None (each wait for response data is then unbounded).
 */
export const HTTPX_TIMEOUT = {
  label: 'httpx',
  defaultSeconds: 5,
  source: 'httpx docs/advanced/timeouts.md: "The default behavior is to raise a `TimeoutException` after 5 seconds of network inactivity"; "disable timeouts for an individual request: … timeout=None"; `httpx.Client(timeout=None)  # Disable all timeouts by default.`; the read timeout "specifies the maximum duration to wait for a chunk of data to be received"',
  asOf: '2026-12-02',
} as const;

/**
 * Undici's dispatchers (`new Agent({ … })`, `ProxyAgent`, `EnvHttpProxyAgent`), given to `fetch` as `dispatcher`: the
 * two timers that bound a stalled response. 0 sets no timer (client-h1.js `Parser.setTimeout` arms one only for a
 * non-zero value), so the request then waits as long as the connection stays open.
 */
export const UNDICI_DISPATCHER_TIMEOUTS = {
  keys: ['headersTimeout', 'bodyTimeout'] as const,
  defaultSeconds: 300,
  classes: ['Agent', 'ProxyAgent', 'EnvHttpProxyAgent'] as const,
  source: 'undici docs/api/Client.md: `bodyTimeout` "Default: `300e3` … Use `0` to disable it entirely", `headersTimeout` "Default: `300e3`"; lib/dispatcher/client-h1.js Parser.setTimeout sets no timer for 0',
  asOf: '2026-12-01',
};

/** The pre-1.0 openai-python calls: `openai.ChatCompletion.create(...)` and friends (method names as call sites carry them). */
export const LEGACY_OPENAI_METHODS: readonly string[] = ['ChatCompletion.create', 'ChatCompletion.acreate', 'Completion.create', 'Completion.acreate'];

/** The openai-node 3.x calls to a model (methods of `OpenAIApi`, which the front end reports only on such a client). */
export const V3_OPENAI_METHODS: readonly string[] = ['createChatCompletion', 'createCompletion'];

/** The catalogue id for a call site: the legacy openai-python API, openai-node 3.x and some LangChain models have their own defaults. */
export function catalogSdkOf(site: { sdk: Sdk; method: string; language?: string; client?: { sdk: Sdk; className: string; module?: string } | null }): Sdk | SdkId {
  if (site.sdk === 'openai' && LEGACY_OPENAI_METHODS.includes(site.method)) return 'openai-legacy';
  if (site.sdk === 'openai' && site.client?.className === 'OpenAIApi' && site.client.module === 'openai-edge') return 'openai-edge';
  if (site.sdk === 'openai' && (V3_OPENAI_METHODS.includes(site.method) || site.client?.className === 'OpenAIApi')) return 'openai-v3';
  if (site.client) {
    const id = catalogSdkOfClient(site.client, site.language === 'python' ? 'python' : 'typescript');
    if (id !== site.client.sdk) return id;
  }
  return site.sdk;
}

/** The catalogue id for a client construction. */
export function catalogSdkOfClient(client: { sdk: Sdk; className: string; module?: string; args?: { options: Record<string, unknown> } }, language: SdkLanguage): Sdk | SdkId {
  if (client.sdk === 'openai' && client.className === 'OpenAIApi') return client.module === 'openai-edge' ? 'openai-edge' : 'openai-v3';
  if (client.sdk === 'openai' && language === 'typescript' && TOGETHER_CLASSES.has(client.className)) return 'together';
  if (client.sdk === 'openai' && language === 'typescript' && client.module === 'groq-sdk') return 'groq';
  if (client.sdk === 'openai' && language === 'python' && /^groq(\.|$)/.test(client.module ?? '')) return 'groq';
  if (client.sdk === 'openai' && language === 'python' && /^cerebras\.cloud\.sdk(\.|$)/.test(client.module ?? '')) return 'cerebras';
  if (client.sdk === 'langchain' && language === 'typescript') {
    const own = LANGCHAIN_JS_CLASSES[client.className];
    if (own) return own;
  }
  if (client.sdk === 'langchain' && language === 'python' && client.className === 'ChatGoogleGenerativeAI') return 'langchain-google-genai';
  if (client.sdk === 'langchain' && language === 'python' && client.className === 'ChatAnthropic') return 'langchain-anthropic';
  if (client.sdk === 'langchain' && language === 'python' && client.className === 'ChatDeepSeek') return 'langchain-deepseek';
  if (client.sdk === 'langchain' && language === 'python' && client.className === 'ChatLiteLLM') return 'langchain-litellm';
  if (client.sdk === 'litellm' && language === 'python' && client.className === 'Router') return 'litellm-router';
  if (client.sdk === 'llamaindex' && language === 'typescript') return client.className === 'Anthropic' ? 'llamaindex-ts-anthropic' : 'llamaindex-ts-openai';
  // LlamaIndex 0.9's OpenAI classes (`from llama_index.llms import OpenAI`): defaults not established (LLAMAINDEX_LEGACY).
  if (client.sdk === 'llamaindex' && client.className !== 'Anthropic' && LLAMAINDEX_LEGACY.modules.test(client.module ?? '')) return 'llamaindex-openai-legacy';
  if (client.sdk === 'llamaindex') return client.className === 'Anthropic' ? 'llamaindex-anthropic' : 'llamaindex-openai';
  if (client.sdk === 'haystack') return 'haystack-openai';
  if (client.sdk === 'semantic-kernel') return client.args && Object.hasOwn(client.args.options, 'async_client') ? 'semantic-kernel-own-client' : 'semantic-kernel-openai';
  if (client.sdk === 'mistral' && /^Mistral(Async)?Client$/.test(client.className)) return 'mistral-legacy';
  return client.sdk;
}

/** The client class of Together AI's npm SDK (`together-ai`). */
const TOGETHER_CLASSES: ReadonlySet<string> = new Set(['Together']);

/**
 * SDKs whose default retry count changed between releases: where the package.json near a call allows only releases
 * before `before`, those releases' `defaultMaxRetries` apply instead of the catalogue entry's (the current default).
 */
export const RETRIES_BEFORE_RELEASE: readonly { sdk: SdkId; language: SdkLanguage; package: string; before: string; defaultMaxRetries: number; source: string; asOf: string }[] = [
  {
    sdk: 'together', language: 'typescript', package: 'together-ai', before: '0.30.0', defaultMaxRetries: 5,
    source: 'together-ai 0.28.0 client.mjs `options.maxRetries ?? 5`, 0.30.0 `?? 2`; CHANGELOG.md 0.30.0 "Change the default max retries from 5 to 2" (npm pack, read 2026-12-03)',
    asOf: '2026-12-03',
  },
];

/** Where LLAMAINDEX_LEGACY's facts were read. */
const LLAMAINDEX_LEGACY_SOURCE =
  'run-llama/llama_index llama_index/llms/openai.py of a 0.9 release on openai 1.x (`max_retries: int = 10`, `_get_credential_kwargs` without a timeout, `_chat` calling `self._client.chat.completions.create` with no retry decorator; the code index\'s copy, read 2026-12-03); the current defaults: the `llamaindex-openai` entry';

/**
 * LlamaIndex before 0.10 (one `llama-index` package, every LLM class in `llama_index.llms`): the OpenAI class's
 * defaults are not those of `llama-index-llms-openai` (3 retries, 60 s, a tenacity loop): the one 0.9 copy read on
 * openai 1.x hands `max_retries=10` to the openai client, with no timeout and no loop of its own, and which 0.9
 * release it is was not established, so no count or timeout is claimed for the OpenAI classes imported from `modules`
 * (catalogue id `llamaindex-openai-legacy`: option spellings only) or where the manifests allow only releases before
 * `before`. The Anthropic class keeps its entry.
 */
export const LLAMAINDEX_LEGACY = {
  modules: /^llama_index\.llms$/,
  package: 'llama-index',
  before: '0.10.0',
  source: LLAMAINDEX_LEGACY_SOURCE,
  asOf: '2026-12-03',
} as const;

/** LangChain.js chat models whose defaults are not ChatOpenAI's (ChatDeepSeek extends ChatOpenAI's completions class). */
const LANGCHAIN_JS_CLASSES: Record<string, SdkId> = {
  ChatGroq: 'langchain-js-groq', ChatGoogleGenerativeAI: 'langchain-js-google-genai', ChatMistralAI: 'langchain-js-mistral',
  ChatOllama: 'langchain-js-ollama', ChatVertexAI: 'langchain-js-vertexai',
  // ChatBedrockConverse sends through the AWS SDK's BedrockRuntimeClient, whose retries and timeouts are not in this
  // catalogue: no defaults are claimed for it (its own id has option spellings only).
  ChatBedrockConverse: 'langchain-js-bedrock',
};

/** Attempts one call makes with these defaults and an explicit `max_retries` (null when not set). */
export function sdkAttempts(d: SdkDefaults, explicit: number | null): number {
  if (!d.maxRetriesCountsAttempts) return 1 + (explicit ?? d.defaultMaxRetries);
  if (explicit === null) return 1 + d.defaultMaxRetries;
  return explicit > 0 ? explicit : (d.zeroRetriesAttempts ?? 1);
}

function catalogId(sdk: Sdk | SdkId, language: SdkLanguage): SdkId | undefined {
  if (sdk === 'langchain') return language === 'typescript' ? 'langchain-js' : 'langchain-python';
  if (sdk === 'http') return undefined;
  if (sdk === 'boto3' && language !== 'python') return undefined;
  if (sdk === 'aws-sdk' && language !== 'typescript') return undefined;
  // A LlamaIndex call without a resolved client: which LLM class it is, and so its defaults, is not known.
  if (sdk === 'llamaindex') return undefined;
  // Likewise a Haystack run whose generator was not resolved, and a Semantic Kernel connector's.
  if (sdk === 'haystack' || sdk === 'semantic-kernel') return undefined;
  // Agent frameworks build their clients in several ways (agent-frameworks.ts): no one default is claimed for them. A
  // DSPy LM's attempts depend on the LiteLLM release underneath (DSPY_LM.retries): its timeout is read by missing-timeout.
  // So is a smolagents model's, whose class decides the client below (SMOLAGENTS_MODELS).
  // An ADK agent's model class decides the client below (GOOGLE_ADK).
  if (sdk === 'openai-agents' || sdk === 'pydantic-ai' || sdk === 'google-adk' || sdk === 'dspy' || sdk === 'smolagents') return undefined;
  // Genkit sends each generate once (no retry layer), through the model plugin's own client, whose timeout is the
  // plugin's: catalog/genkit.ts holds those facts, and no one default is claimed here.
  if (sdk === 'genkit') return undefined;
  // A Mastra agent retries each model call in its own loop, and its options live in `modelSettings` (catalog/mastra.ts).
  if (sdk === 'mastra') return undefined;
  // google-generativeai in Python takes its defaults from the generated google-ai-generativelanguage transport, which
  // changed between releases (generate_content: 60 s in one, 600 s in another, each retrying 503s until that deadline:
  // googleapis/google-cloud-python generative_service/transports/base.py @01ec99c and @4d08928). A count of attempts
  // it has not: it stays out of the catalogue, so no retry layer or default timeout is claimed for it.
  if (sdk === 'google-generativeai' && language === 'python') return undefined;
  return sdk;
}

// ---------------------------------------------------------------------------
// Option spellings

export type TimeoutUnit = 'ms' | 's';

/** Each list starts with the spelling fixes should insert; the rest are accepted aliases. Dotted names are nested. */
export interface SdkOptionNames {
  sdk: SdkId;
  language: SdkLanguage;
  /** What the client/constructor options are: `new OpenAI({...})`, `ChatOpenAI(...)`, `createOpenAI({...})`. */
  client: {
    timeout: string[];
    maxRetries: string[];
    baseURL: string[];
    apiKey: string[];
    model?: string[];
    streaming?: string[];
    streamUsage?: string[];
    maxTokens?: string[];
    fallbacks?: string[];
  };
  /** Per-call options: the request body keys and, where the SDK has them, per-request transport options. */
  request: {
    maxTokens: string[];
    stream?: string[];
    streamOptions?: string[];
    timeout?: string[];
    maxRetries?: string[];
    abortSignal?: string[];
  };
  timeoutUnit: TimeoutUnit;
  /** Option defaults that matter to rules (e.g. LangChain.js asks for stream usage unless told not to). */
  defaults?: Record<string, boolean | number | string>;
  /** Client classes of the package whose constructors spell some options differently, with their own source. */
  classes?: Record<string, { client: Partial<SdkOptionNames['client']>; source: string; asOf: string }>;
  verified: boolean;
  source: string;
  asOf: string;
}

const OPENAI_BODY = { maxTokens: ['max_completion_tokens', 'max_tokens', 'max_output_tokens'], stream: ['stream'], streamOptions: ['stream_options'] };

export const OPTION_NAMES: readonly SdkOptionNames[] = [
  {
    sdk: 'openai', language: 'typescript',
    client: { timeout: ['timeout'], maxRetries: ['maxRetries'], baseURL: ['baseURL'], apiKey: ['apiKey'] },
    request: { ...OPENAI_BODY, timeout: ['timeout'], maxRetries: ['maxRetries'] },
    timeoutUnit: 'ms', verified: true,
    source: 'openai/openai-node src/client.ts @7b7d6ca', asOf: '2026-08-21',
  },
  {
    sdk: 'openai', language: 'python',
    client: { timeout: ['timeout'], maxRetries: ['max_retries'], baseURL: ['base_url'], apiKey: ['api_key'] },
    request: { ...OPENAI_BODY, timeout: ['timeout'] },
    timeoutUnit: 's', verified: true,
    source: 'openai/openai-python src/openai/_client.py @0444895', asOf: RESEARCH_DATE,
  },
  {
    sdk: 'groq', language: 'python',
    client: { timeout: ['timeout'], maxRetries: ['max_retries'], baseURL: ['base_url'], apiKey: ['api_key'] },
    request: { ...OPENAI_BODY, timeout: ['timeout'] },
    timeoutUnit: 's', verified: true,
    source: 'groq/groq-python src/groq/_client.py @0681348 (Groq.__init__ / AsyncGroq.__init__ keywords) (read 2026-12-03)', asOf: '2026-12-03',
  },
  {
    sdk: 'cerebras', language: 'python',
    client: { timeout: ['timeout'], maxRetries: ['max_retries'], baseURL: ['base_url'], apiKey: ['api_key'] },
    request: { ...OPENAI_BODY, timeout: ['timeout'] },
    timeoutUnit: 's', verified: true,
    source: 'Cerebras/cerebras-cloud-sdk-python src/cerebras/cloud/sdk/_client.py @04d79ab (Cerebras.__init__ / AsyncCerebras.__init__ keywords) (read 2026-12-03)', asOf: '2026-12-03',
  },
  {
    sdk: 'groq', language: 'typescript',
    client: { timeout: ['timeout'], maxRetries: ['maxRetries'], baseURL: ['baseURL'], apiKey: ['apiKey'] },
    request: { ...OPENAI_BODY, timeout: ['timeout'], maxRetries: ['maxRetries'] },
    timeoutUnit: 'ms', verified: true,
    source: 'groq/groq-typescript src/client.ts @04c5482 (ClientOptions), src/internal/request-options.ts (RequestOptions: timeout, maxRetries) (read 2026-12-03)', asOf: '2026-12-03',
  },
  {
    sdk: 'together', language: 'typescript',
    client: { timeout: ['timeout'], maxRetries: ['maxRetries'], baseURL: ['baseURL'], apiKey: ['apiKey'] },
    request: { ...OPENAI_BODY, timeout: ['timeout'], maxRetries: ['maxRetries'] },
    timeoutUnit: 'ms', verified: true,
    source: 'together-ai 0.16.0 index.mjs, core.mjs (ClientOptions, RequestOptions) (npm pack, read 2026-12-03)', asOf: '2026-12-03',
  },
  {
    // No client: api_key/api_base/api_type are module attributes (`openai.api_base = ...`); the request timeout is per call.
    sdk: 'openai-legacy', language: 'python',
    client: { timeout: [], maxRetries: [], baseURL: ['api_base'], apiKey: ['api_key'] },
    request: { maxTokens: ['max_tokens'], stream: ['stream'], timeout: ['request_timeout'] },
    timeoutUnit: 's', verified: true,
    source: 'openai/openai-python openai/api_requestor.py @0691a67 (request_timeout), openai/__init__.py @008c045 (api_key, api_base, api_type)', asOf: '2026-11-30',
  },
  {
    // The client's options are the Configuration's (`new OpenAIApi(new Configuration({...}))`); per call, the second
    // argument is an axios request config (`{ timeout }` in ms). `baseOptions` is merged into every request's config.
    sdk: 'openai-v3', language: 'typescript',
    client: { timeout: ['baseOptions.timeout'], maxRetries: [], baseURL: ['basePath'], apiKey: ['apiKey'] },
    request: { maxTokens: ['max_tokens'], stream: ['stream'], timeout: ['timeout'] },
    timeoutUnit: 'ms', verified: true,
    source: 'openai/openai-node configuration.ts @9dac85e (apiKey, basePath, baseOptions), api.ts @75f6853 (CreateChatCompletionRequest `stream`; `options?: AxiosRequestConfig`; `max_tokens` is the API body field, not read in that snapshot’s chat request type)', asOf: '2026-11-30',
  },
  {
    // The same Configuration; per call, the second argument is a fetch RequestInit, which has no timeout (`signal`
    // alone bounds it), and there is no retry option at all.
    sdk: 'openai-edge', language: 'typescript',
    client: { timeout: [], maxRetries: [], baseURL: ['basePath'], apiKey: ['apiKey'] },
    request: { maxTokens: ['max_tokens'], stream: ['stream'], timeout: [] },
    timeoutUnit: 'ms', verified: true,
    source: 'dan-kwiat/openai-edge src/configuration.ts @0e021d6 (apiKey, basePath, baseOptions), src/api.ts @22a741c (CreateChatCompletionRequest `stream`, `max_tokens`; `options?: RequestConfig` = RequestInit)', asOf: '2026-12-01',
  },
  {
    sdk: 'anthropic', language: 'typescript',
    client: { timeout: ['timeout'], maxRetries: ['maxRetries'], baseURL: ['baseURL'], apiKey: ['apiKey'] },
    request: { maxTokens: ['max_tokens'], stream: ['stream'], timeout: ['timeout'], maxRetries: ['maxRetries'] },
    timeoutUnit: 'ms', verified: true,
    source: 'anthropics/anthropic-sdk-typescript src/client.ts @bfa9197', asOf: '2026-08-19',
  },
  {
    sdk: 'anthropic', language: 'python',
    client: { timeout: ['timeout'], maxRetries: ['max_retries'], baseURL: ['base_url'], apiKey: ['api_key'] },
    request: { maxTokens: ['max_tokens'], stream: ['stream'], timeout: ['timeout'] },
    timeoutUnit: 's', verified: true,
    source: 'anthropics/anthropic-sdk-python src/anthropic/_client.py @1316de7', asOf: RESEARCH_DATE,
  },
  {
    sdk: 'ai-sdk', language: 'typescript',
    // Client = the provider factory (createOpenAI/createAnthropic); retries and timeouts are call options.
    client: { timeout: [], maxRetries: [], baseURL: ['baseURL'], apiKey: ['apiKey'] },
    request: { maxTokens: ['maxOutputTokens', 'maxTokens'], timeout: ['timeout'], maxRetries: ['maxRetries'], abortSignal: ['abortSignal'] },
    timeoutUnit: 'ms', verified: true,
    source: 'vercel/ai packages/ai/src/prompt/request-options.ts @ed857f5 (maxTokens is the v4 name)', asOf: '2026-08-22',
  },
  {
    sdk: 'langchain-js', language: 'typescript',
    client: {
      // `configuration.basePath` is the openai v3 name @langchain/openai 0.x still reads (`fields?.configuration?.basePath`).
      timeout: ['timeout'], maxRetries: ['maxRetries'], baseURL: ['configuration.baseURL', 'configuration.basePath'], apiKey: ['apiKey'],
      model: ['model', 'modelName'], streaming: ['streaming'], streamUsage: ['streamUsage'], maxTokens: ['maxTokens', 'maxCompletionTokens'],
    },
    request: { maxTokens: [], streamOptions: ['stream_options'], timeout: ['timeout'] },
    timeoutUnit: 'ms',
    // BaseChatOpenAI declares `streamUsage = true`; only `streamUsage: false` or `disableStreaming` turns it off.
    defaults: { streamUsage: true, streaming: false },
    classes: {
      // ChatAnthropic builds its Anthropic client from `clientOptions` plus `anthropicApiUrl` (as baseURL); it has no
      // `configuration` field, and a top-level `timeout` is not passed on.
      ChatAnthropic: {
        client: { timeout: ['clientOptions.timeout'], baseURL: ['clientOptions.baseURL', 'anthropicApiUrl'], apiKey: ['apiKey', 'anthropicApiKey'] },
        source: 'langchain-ai/langchainjs libs/langchain-anthropic/src/chat_models.ts (`new Anthropic({ ...this.clientOptions, ...options, apiKey, maxRetries: 0 })`, `options = this.apiUrl ? { baseURL: this.apiUrl }`)',
        asOf: '2026-11-30',
      },
    },
    verified: true,
    source: 'langchain-ai/langchainjs libs/providers/langchain-openai/src/chat_models/base.ts @03afeff', asOf: RESEARCH_DATE,
  },
  {
    sdk: 'langchain-js-groq', language: 'typescript',
    client: { timeout: ['timeout'], maxRetries: ['maxRetries'], baseURL: ['baseUrl'], apiKey: ['apiKey'], model: ['model'], streaming: ['streaming'], streamUsage: ['streamUsage'], maxTokens: ['maxTokens'] },
    request: { maxTokens: [], timeout: ['timeout'] },
    timeoutUnit: 'ms', verified: true,
    source: '@langchain/groq 1.3.1 src/chat_models.ts L1046-1070 (npm, read 2026-11-30)', asOf: '2026-11-30',
  },
  {
    sdk: 'langchain-js-google-genai', language: 'typescript',
    client: { timeout: [], maxRetries: ['maxRetries'], baseURL: ['baseUrl'], apiKey: ['apiKey'], model: ['model'], streaming: ['streaming'], streamUsage: ['streamUsage'], maxTokens: ['maxOutputTokens'] },
    request: { maxTokens: [], timeout: ['timeout'] },
    timeoutUnit: 'ms', verified: true,
    source: '@langchain/google-genai 2.3.2 src/chat_models.ts L622-765 (npm, read 2026-11-30)', asOf: '2026-11-30',
  },
  {
    sdk: 'langchain-js-mistral', language: 'typescript',
    client: { timeout: [], maxRetries: ['maxRetries'], baseURL: ['serverURL', 'endpoint'], apiKey: ['apiKey'], model: ['model', 'modelName'], streaming: ['streaming'], streamUsage: ['streamUsage'], maxTokens: ['maxTokens'] },
    request: { maxTokens: [], timeout: ['timeout'] },
    timeoutUnit: 'ms', verified: true,
    source: '@langchain/mistralai 1.2.0 src/chat_models.ts (npm, read 2026-11-30)', asOf: '2026-11-30',
  },
  {
    // `maxRetries` is accepted (BaseLanguageModel) but reaches no request, and there is no timeout option: both empty.
    sdk: 'langchain-js-ollama', language: 'typescript',
    client: { timeout: [], maxRetries: [], baseURL: ['baseUrl'], apiKey: [], model: ['model'], streaming: ['streaming'], maxTokens: ['numPredict'] },
    request: { maxTokens: [], timeout: ['timeout'] },
    timeoutUnit: 'ms', verified: true,
    source: '@langchain/ollama 1.3.0 dist/chat_models.d.ts ChatOllamaInput, dist/chat_models.js constructor (`fields?.baseUrl ?? getEnvironmentVariable("OLLAMA_BASE_URL") ?? this.baseUrl`) (npm, read 2026-12-02); langchain-ai/langchainjs libs/langchain-community/src/utils/ollama.ts OllamaInput @1717756', asOf: '2026-12-02',
  },
  {
    // `endpoint` is a host (`${location}-aiplatform.googleapis.com` by default), not a URL.
    sdk: 'langchain-js-vertexai', language: 'typescript',
    client: { timeout: [], maxRetries: ['maxRetries'], baseURL: ['endpoint'], apiKey: ['apiKey'], model: ['model', 'modelName'], streaming: ['streaming'], streamUsage: ['streamUsage'], maxTokens: ['maxOutputTokens'] },
    request: { maxTokens: [], timeout: ['timeout'] },
    timeoutUnit: 'ms', verified: true,
    source: '@langchain/google-common 2.3.2 dist/chat_models.js ChatGoogleBase fields (streamUsage = true, maxOutputTokens), dist/connection.js GoogleHostConnection (endpoint, location); @langchain/google-vertexai 2.3.2 dist/chat_models.js (npm, read 2026-12-02)', asOf: '2026-12-02',
  },
  {
    // The AWS SDK client's own settings (`maxAttempts`, `requestHandler`) go in `clientOptions`, whose defaults are not
    // catalogued: no retry or timeout spelling is claimed. `endpointHost` is a host, not a URL.
    sdk: 'langchain-js-bedrock', language: 'typescript',
    client: { timeout: [], maxRetries: [], baseURL: ['endpointHost', 'clientOptions.endpoint'], apiKey: [], model: ['model'], streaming: ['streaming'], streamUsage: ['streamUsage'], maxTokens: ['maxTokens'] },
    request: { maxTokens: [], timeout: ['timeout'] },
    timeoutUnit: 'ms', verified: true,
    source: '@langchain/aws 1.4.5 dist/chat_models.js ChatBedrockConverse constructor (`new BedrockRuntimeClient({ ...fields.clientOptions, …, endpoint: rest.endpointHost ? `https://${rest.endpointHost}` : void 0 })`, streamUsage = true) (npm, read 2026-12-02)', asOf: '2026-12-02',
  },
  {
    sdk: 'langchain-python', language: 'python',
    client: {
      timeout: ['timeout', 'request_timeout'], maxRetries: ['max_retries'], baseURL: ['base_url', 'openai_api_base'], apiKey: ['api_key', 'openai_api_key'],
      model: ['model', 'model_name'], streaming: ['streaming'], streamUsage: ['stream_usage'], maxTokens: ['max_tokens', 'max_completion_tokens'],
    },
    request: { maxTokens: [], streamOptions: ['stream_options'] },
    timeoutUnit: 's',
    // stream_usage turns on by itself only when no base URL, client or OPENAI_BASE_URL is set.
    defaults: { streamUsage: 'auto (default base URL only)', streaming: false },
    verified: true,
    source: 'langchain-ai/langchain libs/partners/openai/langchain_openai/chat_models/base.py @00539b5', asOf: RESEARCH_DATE,
  },
  {
    sdk: 'langchain-google-genai', language: 'python',
    client: {
      timeout: ['timeout', 'request_timeout'], maxRetries: ['max_retries', 'retries'], baseURL: ['base_url', 'client_options'], apiKey: ['google_api_key', 'api_key'],
      model: ['model'], maxTokens: ['max_output_tokens', 'max_tokens'],
    },
    request: { maxTokens: [] },
    timeoutUnit: 's',
    verified: true,
    source: 'langchain-ai/langchain-google libs/genai/langchain_google_genai/_common.py _BaseGoogleGenerativeAI @00315ae', asOf: '2026-11-30',
  },
  {
    sdk: 'langchain-anthropic', language: 'python',
    client: {
      timeout: ['timeout', 'default_request_timeout'], maxRetries: ['max_retries'], baseURL: ['base_url', 'anthropic_api_url'], apiKey: ['api_key', 'anthropic_api_key'],
      model: ['model', 'model_name'], streaming: ['streaming'], streamUsage: ['stream_usage'], maxTokens: ['max_tokens', 'max_tokens_to_sample'],
    },
    request: { maxTokens: [] },
    timeoutUnit: 's',
    defaults: { streamUsage: true, streaming: false },
    verified: true,
    source: 'langchain-ai/langchain libs/partners/anthropic/langchain_anthropic/chat_models.py ChatAnthropic fields (the code index’s current copy, read 2026-11-30)', asOf: '2026-11-30',
  },
  {
    // BaseChatOpenAI's fields, with langchain-deepseek's own `api_base` (alias `base_url`, else DEEPSEEK_API_BASE) and `api_key`.
    sdk: 'langchain-deepseek', language: 'python',
    client: {
      timeout: ['timeout', 'request_timeout'], maxRetries: ['max_retries'], baseURL: ['api_base', 'base_url'], apiKey: ['api_key'],
      model: ['model', 'model_name'], streaming: ['streaming'], streamUsage: ['stream_usage'], maxTokens: ['max_tokens', 'max_completion_tokens'],
    },
    request: { maxTokens: [], streamOptions: ['stream_options'] },
    timeoutUnit: 's',
    verified: true,
    source: 'langchain-ai/langchain libs/partners/deepseek/langchain_deepseek/chat_models.py ChatDeepSeek fields @007a554; libs/partners/openai/langchain_openai/chat_models/base.py BaseChatOpenAI fields @00539b5', asOf: '2026-12-02',
  },
  {
    sdk: 'litellm', language: 'python',
    client: { timeout: ['timeout', 'request_timeout'], maxRetries: ['num_retries', 'max_retries'], baseURL: ['api_base', 'base_url'], apiKey: ['api_key'] },
    request: { ...OPENAI_BODY, timeout: ['timeout', 'request_timeout'], maxRetries: ['num_retries'] },
    timeoutUnit: 's', verified: false,
    source: 'BerriAI/litellm litellm/main.py completion() signature; docs.litellm.ai/docs/proxy/timeout', asOf: RESEARCH_DATE,
  },
  {
    // Both generations of CrewAI's LLM take these keywords (catalog/agent-frameworks.ts CREWAI_LLM).
    sdk: 'crewai', language: 'python',
    client: { timeout: ['timeout'], maxRetries: ['max_retries'], baseURL: ['base_url', 'api_base'], apiKey: ['api_key'], model: ['model'], maxTokens: ['max_tokens', 'max_completion_tokens'] },
    request: { maxTokens: [] },
    timeoutUnit: 's', verified: true,
    source: 'crewAIInc/crewAI src/crewai/llm.py LLM.__init__ @00a5662; lib/crewai/src/crewai/llms/providers/openai/completion.py OpenAICompletion.__init__ @01a9525', asOf: '2026-12-02',
  },
  {
    // autogen-ext's OpenAIChatCompletionClient / AzureOpenAIChatCompletionClient: keyword arguments only (catalogue
    // `autogen` defaults). `base_url` is OpenAIChatCompletionClient's; the Azure one takes `azure_endpoint`.
    sdk: 'autogen', language: 'python',
    client: { timeout: ['timeout'], maxRetries: ['max_retries'], baseURL: ['base_url'], apiKey: ['api_key'], model: ['model'], maxTokens: ['max_tokens'] },
    request: { maxTokens: [] },
    timeoutUnit: 's', verified: true,
    source: 'microsoft/autogen python/packages/autogen-ext/src/autogen_ext/models/openai/config/__init__.py BaseOpenAIClientConfiguration, OpenAIClientConfiguration @03e40b7; _openai_client.py @00762a9 (read 2026-12-02)', asOf: '2026-12-02',
  },
  {
    sdk: 'litellm-router', language: 'python',
    client: { timeout: ['timeout'], maxRetries: ['num_retries'], baseURL: [], apiKey: [], fallbacks: ['fallbacks', 'context_window_fallbacks'] },
    request: { ...OPENAI_BODY, timeout: ['timeout'], maxRetries: ['num_retries'] },
    timeoutUnit: 's', verified: true,
    source: 'BerriAI/litellm litellm/router.py __init__', asOf: RESEARCH_DATE,
  },
  {
    sdk: 'google-genai', language: 'python',
    client: {
      timeout: ['http_options.timeout'], maxRetries: ['http_options.retry_options.attempts'], baseURL: ['http_options.base_url'], apiKey: ['api_key'],
    },
    request: { maxTokens: ['config.max_output_tokens'] },
    timeoutUnit: 'ms', verified: true,
    source: 'googleapis/python-genai google/genai/types.py L2638 @6680718; google/genai/_base_url.py @5b7e98c', asOf: '2026-08-21',
  },
  {
    sdk: 'google-genai', language: 'typescript',
    client: { timeout: ['httpOptions.timeout'], maxRetries: [], baseURL: ['httpOptions.baseUrl'], apiKey: ['apiKey'] },
    request: { maxTokens: ['config.maxOutputTokens'] },
    timeoutUnit: 'ms', verified: true,
    source: '@google/genai 2.32.0 dist/genai.d.ts HttpOptions, HttpRetryOptions (npm, read 2026-11-30)', asOf: '2026-11-30',
  },
  {
    // The client options are the model object's (`getGenerativeModel` params); transport options are `requestOptions`.
    sdk: 'google-generativeai', language: 'typescript',
    client: { timeout: [], maxRetries: [], baseURL: [], apiKey: [], model: ['model'], maxTokens: ['generationConfig.maxOutputTokens'] },
    request: { maxTokens: ['generationConfig.maxOutputTokens'], timeout: ['timeout', 'signal'] },
    timeoutUnit: 'ms', verified: true,
    source: '@google/generative-ai 0.24.1 dist/generative-ai.d.ts ModelParams, RequestOptions, SingleRequestOptions (npm, read 2026-12-01)', asOf: '2026-12-01',
  },
  {
    // `Client(host=None, **kwargs)`: `timeout` and the rest go to httpx.Client; the request methods take no transport
    // options. The base URL is `host` (else OLLAMA_HOST); a local server takes no key. The output cap is
    // `options={"num_predict": N}`.
    sdk: 'ollama', language: 'python',
    client: { timeout: ['timeout'], maxRetries: [], baseURL: ['host'], apiKey: [] },
    request: { maxTokens: ['options.num_predict'], stream: ['stream'] },
    timeoutUnit: 's', verified: true,
    source: 'ollama/ollama-python ollama/_client.py BaseClient.__init__, Client.chat, Client.generate @00228b9; ollama/_types.py Options.num_predict @00c6433', asOf: '2026-12-01',
  },
  {
    // Client: `Mistral(api_key=…, server_url=…, timeout_ms=…, retry_config=…)`; each method also takes `timeout_ms`,
    // `retries` and `server_url`. The body's cap is `max_tokens`.
    sdk: 'mistral', language: 'python',
    client: { timeout: ['timeout_ms'], maxRetries: ['retry_config'], baseURL: ['server_url'], apiKey: ['api_key'] },
    request: { maxTokens: ['max_tokens'], stream: ['stream'], timeout: ['timeout_ms'], maxRetries: ['retries'] },
    timeoutUnit: 'ms', verified: true,
    source: 'mistralai/client-python src/mistralai/sdk.py Mistral.__init__, chat.py Chat.complete @09c7732', asOf: '2026-12-03',
  },
  {
    // `new Mistral({ apiKey, serverURL, timeoutMs, retryConfig })`; a call's second argument is RequestOptions
    // (`timeoutMs`, `retries`, `serverURL`, `signal`). The body's cap is `maxTokens` (camelCase: the SDK maps it).
    sdk: 'mistral', language: 'typescript',
    client: { timeout: ['timeoutMs'], maxRetries: ['retryConfig'], baseURL: ['serverURL'], apiKey: ['apiKey'] },
    request: { maxTokens: ['maxTokens'], stream: ['stream'], timeout: ['timeoutMs'], maxRetries: ['retries'], abortSignal: ['signal'] },
    timeoutUnit: 'ms', verified: true,
    source: 'mistralai/client-ts src/lib/config.ts SDKOptions, src/lib/sdks.ts RequestOptions, src/funcs/chatComplete.ts @0be1c77', asOf: '2026-12-03',
  },
  {
    sdk: 'mistral-legacy', language: 'python',
    client: { timeout: ['timeout'], maxRetries: ['max_retries'], baseURL: ['endpoint'], apiKey: ['api_key'] },
    request: { maxTokens: ['max_tokens'] },
    timeoutUnit: 's', verified: true,
    source: 'mistralai/client-python src/mistralai/client.py MistralClient.__init__, chat (0.1.x) @32ec8b6', asOf: '2026-12-03',
  },
  {
    // The LLM object holds the options (`OpenAI(model=…, api_base=…, timeout=…, max_retries=…)`); a call's keyword
    // arguments (`llm.chat(messages, max_tokens=…)`) join the request body, not the transport.
    sdk: 'llamaindex-openai', language: 'python',
    client: { timeout: ['timeout'], maxRetries: ['max_retries'], baseURL: ['api_base'], apiKey: ['api_key'], model: ['model'], maxTokens: ['max_tokens'] },
    request: { maxTokens: [] },
    timeoutUnit: 's', verified: true,
    source: 'run-llama/llama_index llama-index-integrations/llms/llama-index-llms-openai/llama_index/llms/openai/base.py OpenAI.__init__ @020535a', asOf: '2026-12-01',
  },
  {
    // LlamaIndex 0.9's OpenAI class: `OpenAI(model=…, max_tokens=…, max_retries=…, api_key=…, api_base=…,
    // api_version=…)`; `timeout=` is the 0.10 package's spelling (LLAMAINDEX_LEGACY). Spellings only: no defaults are claimed.
    sdk: 'llamaindex-openai-legacy', language: 'python',
    client: { timeout: ['timeout'], maxRetries: ['max_retries'], baseURL: ['api_base'], apiKey: ['api_key'], model: ['model'], maxTokens: ['max_tokens'] },
    request: { maxTokens: [] },
    timeoutUnit: 's', verified: true,
    source: LLAMAINDEX_LEGACY_SOURCE, asOf: '2026-12-03',
  },
  {
    sdk: 'llamaindex-anthropic', language: 'python',
    client: { timeout: ['timeout'], maxRetries: ['max_retries'], baseURL: ['base_url'], apiKey: ['api_key'], model: ['model'], maxTokens: ['max_tokens'] },
    request: { maxTokens: [] },
    timeoutUnit: 's', verified: true,
    source: 'run-llama/llama_index llama-index-integrations/llms/llama-index-llms-anthropic/llama_index/llms/anthropic/base.py Anthropic.__init__ @7a7d1c1', asOf: '2026-12-01',
  },
  {
    // The LLM object holds the transport options and the model; a call's argument (`llm.chat({ messages, stream })`)
    // holds the messages and `additionalChatOptions`, not the transport.
    sdk: 'llamaindex-ts-openai', language: 'typescript',
    // `additionalSessionOptions` go to the openai-node client after `baseURL`, and every release has them (the
    // all-in-one package's class had no `baseURL` field), so a base URL is written there.
    client: { timeout: ['timeout'], maxRetries: ['maxRetries'], baseURL: ['additionalSessionOptions.baseURL', 'baseURL'], apiKey: ['apiKey'], model: ['model'], maxTokens: ['maxTokens'] },
    request: { maxTokens: [], stream: ['stream'] },
    timeoutUnit: 'ms', verified: true,
    source: 'run-llama/LlamaIndexTS packages/providers/openai/src/llm.ts OpenAI constructor @001a515; packages/llamaindex/src/llm/openai.ts @0aeb126 (no baseURL field, additionalSessionOptions spread into the client options)', asOf: '2026-12-03',
  },
  {
    sdk: 'llamaindex-ts-anthropic', language: 'typescript',
    client: { timeout: ['timeout'], maxRetries: ['maxRetries'], baseURL: [], apiKey: ['apiKey'], model: ['model'], maxTokens: ['maxTokens'] },
    request: { maxTokens: [], stream: ['stream'] },
    timeoutUnit: 'ms', verified: true,
    source: 'run-llama/LlamaIndexTS packages/providers/anthropic/src/llm.ts Anthropic constructor @d4b6fe6', asOf: '2026-12-03',
  },
  {
    // The generator holds the options (`OpenAIChatGenerator(model=…, api_base_url=…, timeout=…, max_retries=…)`);
    // `run(…, generation_kwargs={"max_tokens": N})` adds to the request body.
    sdk: 'haystack-openai', language: 'python',
    client: { timeout: ['timeout'], maxRetries: ['max_retries'], baseURL: ['api_base_url'], apiKey: ['api_key'], model: ['model'] },
    request: { maxTokens: [] },
    timeoutUnit: 's', verified: true,
    source: 'deepset-ai/haystack haystack/components/generators/chat/openai.py OpenAIChatGenerator.__init__ @014ab5d; haystack/components/generators/openai.py OpenAIGenerator.__init__ @02802ca', asOf: '2026-12-02',
  },
  {
    // `OpenAIChatCompletion(ai_model_id=…, api_key=…, org_id=…, default_headers=…, async_client=…)`,
    // `AzureChatCompletion(deployment_name=…, endpoint=…, base_url=…, api_key=…, async_client=…)`: no timeout or retry
    // option; a request's `settings` (PromptExecutionSettings, `max_tokens=`) is an object the call names, not keywords.
    // OpenAIChatCompletion takes no base URL (its AsyncOpenAI reads OPENAI_BASE_URL); AzureChatCompletion's `endpoint` /
    // `base_url` name the Azure resource, which base-URL rules leave alone.
    sdk: 'semantic-kernel-openai', language: 'python',
    client: { timeout: [], maxRetries: [], baseURL: [], apiKey: ['api_key'], model: ['ai_model_id', 'deployment_name'] },
    request: { maxTokens: [] },
    timeoutUnit: 's', verified: true,
    source: 'microsoft/semantic-kernel python/semantic_kernel/connectors/ai/open_ai/services/open_ai_chat_completion.py @f62757a, azure_chat_completion.py @aacf565', asOf: '2026-12-03',
  },
  {
    sdk: 'semantic-kernel-own-client', language: 'python',
    client: { timeout: [], maxRetries: [], baseURL: [], apiKey: ['api_key'], model: ['ai_model_id', 'deployment_name'] },
    request: { maxTokens: [] },
    timeoutUnit: 's', verified: true,
    source: 'microsoft/semantic-kernel python/semantic_kernel/connectors/ai/open_ai/services/open_ai_config_base.py @ade3745 (`if not client: client = AsyncOpenAI(…)`)', asOf: '2026-12-03',
  },
  {
    // `ChatCompletionsClient(endpoint=…, credential=AzureKeyCredential(key), model=…, max_tokens=…, read_timeout=…,
    // retry_total=…)`: the transport and retry keywords are azure-core's, also taken by each `complete(…)` (handed to the
    // pipeline run). The endpoint is required and names the deployment's host, which base-URL rules leave alone.
    sdk: 'azure-ai-inference', language: 'python',
    client: { timeout: ['read_timeout'], maxRetries: ['retry_total'], baseURL: [], apiKey: ['credential'], model: ['model'], maxTokens: ['max_tokens'] },
    request: { maxTokens: ['max_tokens'], stream: ['stream'], timeout: ['read_timeout'], maxRetries: ['retry_total'] },
    timeoutUnit: 's', verified: true,
    source: 'Azure/azure-sdk-for-python sdk/ai/azure-ai-inference/azure/ai/inference/_patch.py ChatCompletionsClient.__init__, complete @039131b; sdk/core/azure-core/azure/core/configuration.py ConnectionConfiguration @b92bd7f', asOf: '2026-12-03',
  },
  {
    // `boto3.client("bedrock-runtime", region_name=…, endpoint_url=…, config=Config(read_timeout=…, retries={…}))`; the
    // request methods take no transport options. The output cap is converse's `inferenceConfig={"maxTokens": N}` or
    // the provider body's own key in invoke_model (`max_tokens` for Anthropic models).
    sdk: 'boto3', language: 'python',
    client: { timeout: ['config.read_timeout'], maxRetries: ['config.retries.max_attempts', 'config.retries.total_max_attempts'], baseURL: ['endpoint_url'], apiKey: ['aws_secret_access_key'], model: [] },
    request: { maxTokens: ['inferenceConfig.maxTokens'] },
    timeoutUnit: 's', verified: true,
    source: 'https://botocore.amazonaws.com/v1/documentation/api/latest/reference/config.html; https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html',
    asOf: '2026-12-01',
  },
  {
    // `new BedrockRuntimeClient({ region, maxAttempts, retryMode, requestHandler })`; the timeout lives in the request
    // handler (`requestHandler: { requestTimeout }` or `new NodeHttpHandler({ requestTimeout })`, which cannot be read
    // and may set one); `send(command, { abortSignal, requestTimeout })` per call. The output cap is Converse's
    // `inferenceConfig.maxTokens` (InvokeModel's is inside the provider's JSON body).
    sdk: 'aws-sdk', language: 'typescript',
    client: { timeout: ['requestHandler.requestTimeout', 'requestHandler.socketTimeout'], maxRetries: ['maxAttempts'], baseURL: ['endpoint'], apiKey: ['credentials.secretAccessKey'], model: [] },
    request: { maxTokens: ['inferenceConfig.maxTokens'], timeout: ['abortSignal', 'requestTimeout'] },
    timeoutUnit: 'ms', verified: true,
    source: 'aws/aws-sdk-js-v3 clients/client-bedrock-runtime/src/BedrockRuntimeClient.ts, runtimeConfig.ts @25fc8ad; smithy-lang/smithy-typescript packages/node-http-handler/src/node-http-handler.ts @df00095 (`handle(request, { abortSignal, requestTimeout })`)',
    asOf: '2026-12-02',
  },
  {
    // huggingface_hub: `InferenceClient(model=None, *, provider, token, timeout, headers, cookies, bill_to, base_url,
    // api_key)`; `model` is a model id or an endpoint URL, `base_url` its OpenAI-style alias, `api_key` the alias of
    // `token`. chat_completion takes `max_tokens`, `stream`, `stream_options`; text_generation `max_new_tokens`, `stream`.
    sdk: 'huggingface', language: 'python',
    client: { timeout: ['timeout'], maxRetries: [], baseURL: ['base_url'], apiKey: ['api_key', 'token'], model: ['model'] },
    request: { maxTokens: ['max_tokens', 'max_new_tokens'], stream: ['stream'], streamOptions: ['stream_options'] },
    timeoutUnit: 's', verified: true,
    source: 'huggingface/huggingface_hub src/huggingface_hub/inference/_client.py InferenceClient.__init__, chat_completion, text_generation @01266a2', asOf: '2026-12-03',
  },
  {
    // @huggingface/inference: `new InferenceClient(accessToken, { endpointUrl, signal, fetch, retry_on_error })`; each
    // request is `{ model, provider, messages, max_tokens }` (chat) or `{ model, inputs, parameters: { max_new_tokens } }`.
    sdk: 'huggingface', language: 'typescript',
    client: { timeout: [], maxRetries: [], baseURL: ['endpointUrl'], apiKey: [] },
    request: { maxTokens: ['max_tokens', 'parameters.max_new_tokens'], timeout: ['signal'] },
    timeoutUnit: 'ms', verified: true,
    source: 'huggingface/huggingface.js packages/inference/src/InferenceClient.ts @1419a6d, packages/inference/src/types.ts Options', asOf: '2026-12-03',
  },
  {
    // `Client(api_key=None, *, base_url=os.getenv("CO_API_URL"), environment=…, timeout=None, httpx_client=None, …)`:
    // no client-level retries. Per call, `request_options={"timeout_in_seconds": …, "max_retries": …}`. The output
    // cap is `max_tokens` on chat, chat_stream, generate and generate_stream (v1 and v2).
    sdk: 'cohere', language: 'python',
    client: { timeout: ['timeout'], maxRetries: [], baseURL: ['base_url', 'environment'], apiKey: ['api_key'] },
    request: { maxTokens: ['max_tokens'], timeout: ['request_options.timeout_in_seconds'], maxRetries: ['request_options.max_retries'] },
    timeoutUnit: 's', verified: true,
    source: 'cohere-ai/cohere-python src/cohere/client.py Client.__init__ @06a9eb0; src/cohere/core/request_options.py, src/cohere/core/http_client.py @02c2a8f; src/cohere/base_client.py chat_stream (max_tokens) @0370752', asOf: '2026-12-03',
  },
  {
    // `new CohereClient({ token, environment, baseUrl, clientName })`; per request the second argument
    // `{ timeoutInSeconds, maxRetries, abortSignal }`. The output cap is `maxTokens` in the request body.
    sdk: 'cohere', language: 'typescript',
    client: { timeout: ['timeoutInSeconds'], maxRetries: ['maxRetries'], baseURL: ['baseUrl', 'environment'], apiKey: ['token'] },
    request: { maxTokens: ['maxTokens'], timeout: ['timeoutInSeconds', 'abortSignal'], maxRetries: ['maxRetries'] },
    timeoutUnit: 's', verified: true,
    source: 'cohere-ai/cohere-typescript src/Client.ts CohereClient.Options, RequestOptions (7.20.0) @00b20a5; src/BaseClient.ts BaseClientOptions, BaseRequestOptions @137f8ea', asOf: '2026-12-03',
  },
];

/** How an SDK spells its client and request options in a language, or undefined for raw HTTP. */
export function optionNames(sdk: Sdk | SdkId, language: SdkLanguage): SdkOptionNames | undefined {
  const id = catalogId(sdk, language);
  return id ? OPTION_NAMES.find((o) => o.sdk === id && o.language === language) : undefined;
}

/** The constructor option spellings of one client, its class's own spellings first (LangChain.js `ChatAnthropic`). */
export function clientOptionNames(client: { sdk: Sdk; className: string }, language: SdkLanguage): SdkOptionNames['client'] | undefined {
  const names = optionNames(catalogSdkOfClient(client, language), language);
  if (!names) return undefined;
  const own = names.classes?.[client.className]?.client;
  return own ? { ...names.client, ...own } : names.client;
}

/**
 * langchain-openai (Python) releases older than `since` never turn `stream_usage` on by themselves: since
 * langchain-ai/langchain#22242 (2024-05-28) it defaulted off, until #33205 made it automatic for the default base URL.
 */
export const LANGCHAIN_OPENAI_STREAM_USAGE_AUTO = {
  since: '0.3.35',
  verified: false,
  source:
    'langchain-ai/langchain#33205 (main, shipped in 1.0) and its cherry-pick #33296 onto the 0.3 line (2025-10-06), with #33298; 0.3.35 is taken as the first 0.3 release carrying it [release number unverified]',
  asOf: RESEARCH_DATE,
};

/**
 * The first langchain-openai (Python) release whose ChatOpenAI has a `stream_usage` field. Older ones move an unknown
 * constructor argument into `model_kwargs`, so `stream_usage=True` is sent to `chat.completions.create()` and every
 * call fails.
 */
export const LANGCHAIN_OPENAI_STREAM_USAGE_PARAM = {
  since: '0.1.9',
  verified: true,
  source:
    'langchain-ai/langchain#24436 (merged 2024-07-19): the token-usage docs said langchain-openai >= 0.1.8, corrected to 0.1.9, "available only in langchain-openai >= 0.1.9" per merge commit 722c8f5; the langchain-openai==0.1.8 release notes list only `read stream_options` (#21548) and `don\'t override stream_options default` (#22242)',
  asOf: '2026-12-02',
};

/**
 * langchain-google-genai (Python) ChatGoogleGenerativeAI: `base_url` (an alias merged into `client_options`'
 * `api_endpoint`) exists from 3.0.1; before it the endpoint is set only through `client_options={"api_endpoint": …}`.
 * Releases before 4.0.0 build google-ai-generativelanguage (GAPIC) clients, which read no GOOGLE_GEMINI_BASE_URL:
 * that variable belongs to the google-genai SDK, which 4.0.0 moved to.
 */
export const LANGCHAIN_GOOGLE_GENAI_SINCE = {
  baseUrl: '3.0.1',
  googleGenaiSdk: '4.0.0',
  verified: false,
  source:
    'langchain-ai/langchain-google#1278 "Add base_url support" (2025-11-03, "Merges into client_options[\'api_endpoint\']"), after release(genai) 3.0.0 #1249 and before release(genai) 3.0.1 #1283 [release taken from the PR order, not read]; langchain-google-genai==4.0.0 release notes "feat(genai)!: migration to google-genai (#1330)" (2025-12-08, issue #1425); 3.x libs/genai/langchain_google_genai/_client_utils.py builds google.ai.generativelanguage_v1beta clients with client_options',
  asOf: '2026-12-02',
};

/** The first openai-python release whose `chat.completions.create` takes `stream_options` (older ones raise TypeError). */
export const OPENAI_PYTHON_STREAM_OPTIONS = {
  since: '1.26.0',
  verified: false,
  source: 'openai/openai-python release v1.26.0, as cited in xorbitsai/inference#1433 (2024-05-07) [release notes not read]',
  asOf: '2026-12-01',
};

/**
 * The first @langchain/openai (LangChain.js) release with `streamUsage` (on by default): before it, a streamed
 * ChatOpenAI call asks for no usage (0.1.x only passes a `stream_options` call option on; 0.0.x has none at all).
 */
export const LANGCHAIN_JS_OPENAI_STREAM_USAGE = {
  since: '0.2.0',
  verified: true,
  source: '@langchain/openai 0.0.34, 0.1.0–0.1.3 and 0.2.0 dist/chat_models.js (npm, read 2026-12-01): streamUsage first in 0.2.0',
  asOf: '2026-12-01',
};

/**
 * @langchain/google-genai (LangChain.js) releases that added what direct-provider-endpoint and usage-discarded need:
 * the `baseUrl` field (handed to @google/generative-ai as the request host) and the messages' `usage_metadata` (before
 * it, 0.0.10–0.0.17 put an estimate in `llmOutput.estimatedTokenUsage`, which only callbacks see; 0.0.2 none at all).
 */
export const LANGCHAIN_JS_GOOGLE_GENAI_SINCE = {
  baseUrl: '0.0.14',
  usageMetadata: '0.0.18',
  verified: true,
  source: '@langchain/google-genai 0.0.2, 0.0.10, 0.0.12–0.0.14, 0.0.16–0.0.20, 0.0.26, 0.1.0 dist/chat_models.js and dist/utils/common.js (npm, read 2026-12-02): no `baseUrl` through 0.0.13, a `baseUrl` field from 0.0.14; `usage_metadata: extra?.usageMetadata` on the AIMessage first in 0.0.18',
  asOf: '2026-12-02',
};

/** The mcp Python SDK release whose `ClientSession.call_tool` takes `meta=` (sent as `params._meta`). */
export const MCP_PYTHON_CALL_TOOL_META = {
  since: '1.19',
  verified: true,
  source:
    'modelcontextprotocol/python-sdk#1231 (merged 2025-08); openai/openai-agents-python#2366 bumps mcp to >=1.19.0 as "minimum version with native meta support in ClientSession.call_tool()"; PrefectHQ/fastmcp#2206 warns "update to MCP >= 1.19"',
  asOf: '2026-11-30',
};

/**
 * @ai-sdk/openai before 2.0: a provider made with `createOpenAI()` is in 'compatible' mode unless given
 * `compatibility: 'strict'`, and its chat and completion models then send no `stream_options`, so a streamed call
 * reports no usage (NaN tokens). The default `openai` provider instance is created strict. AI SDK 5 (@ai-sdk/openai
 * 2.x) dropped the option.
 */
export const AI_SDK_OPENAI_COMPATIBLE_DEFAULT = {
  beforeMajor: 2,
  verified: true,
  source:
    'vercel/ai packages/openai/src/openai-provider.ts (1.x): `const compatibility = options.compatibility ?? \'compatible\'` and `export const openai = createOpenAI({ compatibility: \'strict\' })`; openai-chat-language-model.ts sends `stream_options` only when `compatibility === \'strict\'`',
  asOf: '2026-11-30',
};

/**
 * @google/generative-ai (JS) releases that added what missing-timeout and usage-discarded would write: a request
 * timeout (`RequestOptions.timeout`, the second argument of `getGenerativeModel`), the per-request options argument of
 * `generateContent` / `sendMessage` (`SingleRequestOptions`; before it they take one argument, so a second is TS2554 and
 * ignored at run time) and `usageMetadata` on the response type (before it, reading it is TS2339); and the request
 * options' `baseUrl`, which direct-provider-endpoint writes.
 */
export const GOOGLE_GENERATIVE_AI_JS_SINCE = {
  requestTimeout: '0.2.0',
  // `RequestOptions.baseUrl` came in 0.4.0; until 0.7.1 some model methods did not pass the model's request options
  // down, so a baseUrl set there did not move every request. The SDK reads no base URL from the environment
  // (request.ts DEFAULT_BASE_URL `https://generativelanguage.googleapis.com`, then `/${apiVersion}/${model}:${task}`).
  baseUrl: '0.4.0',
  requestOptionsPassedDown: '0.7.1',
  singleRequestOptions: '0.16.0',
  usageMetadata: '0.10.0',
  verified: true,
  source:
    'google-gemini/generative-ai-js packages/main/CHANGELOG.md (0.2.0 "add request timeout configuration"; 0.10.0 "Added UsageMetadata to GenerateContentResponses"); socket.dev diff of @google/generative-ai 0.15.0 → 0.16.0 (CHANGELOG "Adds `SingleRequestOptions` with `AbortSignal` support to most of the asynchronous methods", sendMessage gains `requestOptions?: SingleRequestOptions`); 0.1.x src/models/generative-model.ts generateContent(request) takes one argument; CHANGELOG 0.4.0 "7a45f01: Add option in RequestOptions to change baseUrl", 0.7.1 "6ef8cee: Fixed bugs where `RequestOptions` … were not passed from the model down to some methods", src/requests/request.ts RequestUrl.toString @08242a8 (read 2026-12-02)',
  asOf: '2026-12-01',
};
