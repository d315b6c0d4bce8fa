// Python agent frameworks whose `Agent(…)` constructions are call sites (`agent: true`): what they trace by default and
// which client they build. Each fact carries its source and the date it was read.

export interface AgentFrameworkFacts {
  /** How messages name the framework. */
  label: string;
  /** Every run is traced without any set-up. */
  tracesByDefault: boolean;
  /** What turns tracing on or off, as read in the source. */
  tracing: string;
  /** The client a plain model string gets, as read in the source. */
  defaultClient: string;
  /**
   * Where model settings give each model request a timeout of its own (over the client's): the key path inside a
   * `ModelSettings`, and how the settings of the agent, its model and a run combine.
   */
  requestTimeout: { settingsKey: string; note: string; source: string; asOf: string };
  source: string;
  asOf: string;
}

export const AGENT_FRAMEWORKS: Readonly<Record<'openai-agents' | 'pydantic-ai', AgentFrameworkFacts>> = {
  'openai-agents': {
    label: 'OpenAI Agents SDK',
    tracesByDefault: true,
    tracing:
      'DefaultTraceProvider creates a trace and spans for every run (exported to the OpenAI Traces dashboard by the default processor) unless `set_tracing_disabled(True)` (a manual flag that wins over the environment), the environment variable OPENAI_AGENTS_DISABLE_TRACING is "true" or "1" (any case, read once on first use), or a run passes `RunConfig(tracing_disabled=True)` (the runner opens its trace with `disabled=run_config.tracing_disabled`, and the run\'s model calls get `ModelTracing.DISABLED`, so they make no generation span even inside a trace opened by the caller)',
    defaultClient:
      'OpenAIProvider._get_client: the client given to `set_default_openai_client()`, else `AsyncOpenAI(…, http_client=shared_http_client())`, a shared `DefaultAsyncHttpxClient()` (openai-python\'s default timeout and retries apply); newer releases add runner-managed retries (ModelSettings.retry) that may turn provider retries off',
    requestTimeout: {
      settingsKey: 'extra_args.timeout',
      note: '`ModelSettings(extra_args={"timeout": …})`: OpenAIChatCompletionsModel and OpenAIResponsesModel pass `**extra_args` to `chat.completions.create(…)` / `responses.create(…)`, where openai-python takes `timeout` per request over the client\'s; a run\'s `RunConfig(model_settings=…)` is resolved over the agent\'s, merging the two `extra_args` dicts',
      source: 'openai/openai-agents-python src/agents/models/openai_chatcompletions.py _fetch_response (`**(model_settings.extra_args or {})`), src/agents/models/openai_responses.py (`extra_args = dict(model_settings.extra_args or {})`), src/agents/model_settings.py ModelSettings.resolve ("merge dictionaries instead of replacing") (the code index\'s copies, read 2026-12-02)',
      asOf: '2026-12-02',
    },
    source:
      'openai/openai-agents-python src/agents/tracing/provider.py DefaultTraceProvider._refresh_disabled_flag, create_trace @069ed65; src/agents/models/openai_provider.py shared_http_client, OpenAIProvider._get_client @5120e33; src/agents/models/_retry_runtime.py @1729a16; src/agents/run.py (`TraceCtxManager(…, disabled=run_config.tracing_disabled)`) and src/agents/_run_impl.py `get_model_tracing_impl` (the code index\'s copies, read 2026-12-01; the RunConfig part read 2026-12-02)',
    asOf: '2026-12-01',
  },
  'pydantic-ai': {
    label: 'Pydantic AI',
    tracesByDefault: false,
    tracing:
      'spans (OpenTelemetry GenAI conventions) only when instrumented: `Agent(instrument=True | InstrumentationSettings(…))`, `Agent.instrument_all()` (the default for agents that set no `instrument`), or `logfire.instrument_pydantic_ai()`; newer releases also take an `Instrumentation` capability',
    defaultClient:
      'OpenAIProvider() builds `AsyncOpenAI(base_url=…, api_key=…, http_client=cached_async_http_client())`; that httpx client\'s timeout changed between releases (none in early ones, 600 s with 5 s connect, later 900 s with 300 s read): not one default to claim',
    requestTimeout: {
      settingsKey: 'timeout',
      note: '`ModelSettings.timeout` ("Override the client-level default timeout for a request, in seconds"; supported by the Gemini, Anthropic, OpenAI, Groq and Mistral models), passed as `timeout=model_settings.get(\'timeout\', NOT_GIVEN)` to the SDK call; the model\'s `settings=`, the agent\'s `model_settings=` and a run\'s `model_settings=` are merged in that order, later keys winning',
      source: 'pydantic/pydantic-ai pydantic_ai_slim/pydantic_ai/settings.py ModelSettings.timeout, merge_model_settings; pydantic_ai_slim/pydantic_ai/models/openai.py, anthropic.py, groq.py (`timeout=model_settings.get(\'timeout\', NOT_GIVEN)`); agent run: `merge_model_settings(model_used.settings, self.model_settings)` then the run\'s (the code index\'s copies, read 2026-12-02)',
      asOf: '2026-12-02',
    },
    source:
      'pydantic/pydantic-ai pydantic_ai_slim/pydantic_ai/providers/openai.py OpenAIProvider.__init__; pydantic_ai_slim/pydantic_ai/models/__init__.py cached_async_http_client (several releases); pydantic_ai_slim/pydantic_ai/agent.py Agent.instrument_all (the code index\'s copies, read 2026-12-01)',
    asOf: '2026-12-01',
  },
};

/** What the JavaScript/TypeScript OpenAI Agents SDK (`@openai/agents`) does by default, as read in its source. */
export interface AgentsJsFacts {
  label: string;
  tracesByDefault: boolean;
  /** What turns tracing off, as read in the source. */
  tracing: string;
  /** The values of OPENAI_AGENTS_DISABLE_TRACING that turn tracing off (compared exactly, case included). */
  disableTracingValues: readonly string[];
  /** The client a model name gets. */
  defaultClient: string;
  /** Where a run's token usage is exposed. */
  usage: string;
  source: string;
  asOf: string;
}

export const OPENAI_AGENTS_JS: AgentsJsFacts = {
  label: 'OpenAI Agents SDK (JavaScript)',
  tracesByDefault: true,
  tracing:
    'the global TraceProvider creates a trace and spans for every run, and `@openai/agents` registers the OpenAI Traces exporter on import (`setDefaultOpenAITracingExporter()`); tracing is off when `setTracingDisabled(true)` is called (a flag on the global provider, so it holds for the whole process), when OPENAI_AGENTS_DISABLE_TRACING is exactly "true" or "1" (read when the provider is made), when NODE_ENV is "test", in a browser, or for runs of a `Runner` given `tracingDisabled: true`',
  disableTracingValues: ['true', '1'],
  defaultClient:
    'OpenAIProvider: the `openAIClient` given to it, else the client given to `setDefaultOpenAIClient()`, else `new OpenAI({ apiKey, baseURL: undefined, organization, project })` (openai-node then reads OPENAI_BASE_URL, and keeps its own 600 s timeout and 2 retries); runner-managed retries only when `modelSettings.retry` is set',
  usage: 'per run on `result.state.usage` (a `Usage` with requests, inputTokens, outputTokens, totalTokens), also `RunContext.usage` during the run (updated live on streams)',
  source:
    'openai/openai-agents-js packages/agents-core/src/config.ts (`tracing.disabled`: browser, NODE_ENV "test", `isEnabled(\'OPENAI_AGENTS_DISABLE_TRACING\')` true only for "true"/"1"); packages/agents-core/src/tracing/index.ts `setTracingDisabled` and tracing/provider.ts `TraceProvider.setDisabled`, `getGlobalTraceProvider` (globalThis symbol); packages/agents/src/index.ts (`setDefaultOpenAITracingExporter()` on import); packages/agents-openai/src/openaiProvider.ts and defaults.ts (`setDefaultOpenAIClient`); packages/agents-core/src/runner/modelRetry.ts (`shouldDisableProviderManagedRetry` only with `modelSettings.retry`); packages/agents-core/src/runContext.ts (`usage`) (the code index\'s copies, read 2026-12-02)',
  asOf: '2026-12-02',
};

/** What DSPy's `dspy.LM(…)` does by default, as read in its source: every module of a program sends through it. */
export interface DspyLmFacts {
  label: string;
  /** How a request is made, and what the constructor's extra keywords become. */
  requests: string;
  /** The per-request timeout DSPy itself sets: none (LiteLLM's completion() default then applies). */
  timeout: string;
  retries: string;
  cache: string;
  tracing: string;
  usage: string;
  source: string;
  asOf: string;
}

export const DSPY_LM: DspyLmFacts = {
  label: 'DSPy',
  requests:
    '`dspy.LM(model, …, **kwargs)` keeps the extra keywords in `self.kwargs`; each request is `dict(model=self.model, messages=…, **self.kwargs)` handed to `litellm.completion(…)` (or `text_completion` / `responses`), so `timeout=`, `api_base=`, `base_url=` given to the LM reach LiteLLM as they are; the model string is LiteLLM\'s (`openai/gpt-4o-mini`, `gemini/…`)',
  timeout:
    'none of its own: the request carries only what the LM was given, so without `timeout=` LiteLLM\'s completion() default applies (600 s; sdk-defaults.ts, litellm)',
  retries:
    '`num_retries` (default 3 in DSPy 3.x; 8 in some 2.5 releases) passed to LiteLLM with exponential backoff; not used by this catalogue yet (the attempts LiteLLM then makes differ between its releases)',
  cache:
    'on by default (`cache=True`): an in-memory LRU and an on-disk cache keyed by the whole request, so an identical request is answered without a model call (and without usage)',
  tracing:
    'no spans of its own; traced by `mlflow.dspy.autolog()`, OpenInference\'s `DSPyInstrumentor().instrument()` (openinference-instrumentation-dspy), or callbacks given to the LM or to `dspy.configure(callbacks=…)`',
  usage: 'each request\'s usage is kept in the LM\'s `history`; per prediction with `dspy.configure(track_usage=True)` and `prediction.get_lm_usage()`',
  source:
    'stanfordnlp/dspy dspy/clients/lm.py LM.__init__ (`self.kwargs = dict(temperature=…, max_tokens=…, **kwargs)`) and forward (`request=dict(model=self.model, messages=messages, **kwargs)`) @1561953, litellm_completion / complete() (`litellm.completion(cache=…, num_retries=num_retries, retry_strategy="exponential_backoff_retry", headers=…, **request)`) (the code index\'s copies, read 2026-12-02); dspy.ai/api/models/LM (num_retries 3, cache True); dspy.ai/tutorials/cache; mlflow.org/docs/latest/genai/tracing/integrations/listing/dspy',
  asOf: '2026-12-02',
};

/** What CrewAI's `LLM(…)` (`from crewai import LLM`) does with its options, as read in its source. */
export interface CrewaiLlmFacts {
  label: string;
  /** What sends the requests, per generation of the package. */
  clients: string;
  /** Why an `LLM` built without `timeout=` waits the default of the client below it. */
  untimed: string;
  /** The first release that builds native provider clients; every earlier one sends through LiteLLM. */
  nativeProvidersSince: string;
  source: string;
  asOf: string;
}

export const CREWAI_LLM: CrewaiLlmFacts = {
  label: 'CrewAI LLM',
  clients:
    'before 1.0, `LLM.call` sends `litellm.completion(**params)`, the params built from the constructor with None values dropped (`timeout`, `base_url`, `api_base`, `api_key`, and any other keyword in `additional_params`); from 1.0, `LLM(…)` builds a native provider class where one exists (OpenAICompletion: `OpenAI(api_key, base_url, timeout, max_retries=2, …)` with None values dropped) and falls back to LiteLLM otherwise',
  untimed:
    'CrewAI passes a timeout only when one is given: an LLM built without one waits the default of the client below it (litellm.completion\'s before 1.0, openai-python\'s for the native OpenAI provider of 1.x)',
  nativeProvidersSince: '1.0.0',
  source:
    'crewAIInc/crewAI src/crewai/llm.py LLM.__init__ (`timeout: Optional[Union[float, int]] = None`), _prepare_completion_params (`{k: v for k, v in params.items() if v is not None}`), _handle_non_streaming_response (`litellm.completion(**params)`) @00a5662; lib/crewai/src/crewai/llms/providers/openai/completion.py OpenAICompletion.__init__, _get_client_params @01a9525 (the code index\'s copies, read 2026-12-02); LiteLLM and openai-python defaults: sdk-defaults.ts',
  asOf: '2026-12-03',
};

/** What CrewAI does with an Agent's `llm=` (and a Crew's `manager_llm=`), as read in its source. */
export interface CrewaiAgentLlmFacts {
  /** How `create_llm` turns each kind of value into the LLM the agent sends through. */
  createLlm: string;
  /** The variables the default LLM takes its model from, first set wins (1.x order; 0.x reads OPENAI_MODEL_NAME, then MODEL). */
  defaultModelEnv: readonly string[];
  source: string;
  asOf: string;
}

export const CREWAI_AGENT_LLM: CrewaiAgentLlmFacts = {
  createLlm:
    'an `LLM` is used as it is; a string becomes `LLM(model=value)` and nothing else; None (no llm) builds the default LLM from the environment (model from the variables below, base URL from BASE_URL / OPENAI_API_BASE / OPENAI_BASE_URL, timeout None, dropped); any other object (a LangChain chat model) is rebuilt as `LLM(model=…, temperature=…, max_tokens=…, logprobs=…, timeout=getattr(obj, "timeout", None), api_key=…, base_url=…)` read with getattr, so LangChain\'s `timeout=` (kept as `request_timeout`) does not reach it',
  defaultModelEnv: ['MODEL', 'MODEL_NAME', 'OPENAI_MODEL_NAME'],
  source:
    'crewAIInc/crewAI src/crewai/utilities/llm_utils.py create_llm, _llm_via_environment_or_fallback @0aaa466; lib/crewai/src/crewai/utilities/llm_utils.py create_llm, _llm_via_environment_or_fallback @12336c0 (the code index\'s copies, read 2026-12-03)',
  asOf: '2026-12-03',
};

/** What one of smolagents' model classes does with its options, as read in its source. */
export interface SmolagentsModelFacts {
  /** The client the class builds, and where its options go. */
  client: string;
  /** Whether it waits a default of its own (seconds), or that of the client below it (null). */
  defaultTimeoutSeconds: number | null;
  /** The catalogue id whose timeout and retries apply when the class sets none (sdk-defaults.ts). */
  underlyingSdk: 'openai' | 'litellm' | null;
  /** Where a timeout goes: keywords of the construction, by name (`client_kwargs.timeout`: inside that dict). */
  timeoutKeys: readonly string[];
}

/**
 * smolagents' API model classes (`from smolagents import LiteLLMModel`): every agent run (`CodeAgent(model=model)` then
 * `agent.run(…)`) and every direct call (`model(messages)`, `model.generate(messages)`) sends through the object, so
 * its construction is the site. Local classes (`TransformersModel`, `MLXModel`, `VLLMModel`) make no request.
 */
export const SMOLAGENTS_MODELS: Readonly<Record<'LiteLLMModel' | 'OpenAIServerModel' | 'AzureOpenAIServerModel' | 'InferenceClientModel', SmolagentsModelFacts>> = {
  LiteLLMModel: {
    client: '`litellm.completion(model=model_id, api_base=api_base, api_key=api_key, **kwargs)`: the extra keywords given to the model (kept in `self.kwargs`) go to every request',
    defaultTimeoutSeconds: null,
    underlyingSdk: 'litellm',
    timeoutKeys: ['timeout', 'request_timeout'],
  },
  OpenAIServerModel: {
    client: '`openai.OpenAI(base_url=api_base, api_key=api_key, organization=…, project=…, **client_kwargs)`; the extra keywords given to the model go to every `chat.completions.create(…)`, so a `timeout=` there is a per-request timeout',
    defaultTimeoutSeconds: null,
    underlyingSdk: 'openai',
    timeoutKeys: ['timeout', 'client_kwargs.timeout'],
  },
  AzureOpenAIServerModel: {
    client: '`openai.AzureOpenAI(api_key=…, api_version=…, azure_endpoint=…, **client_kwargs)` (older releases take no `client_kwargs`); the extra keywords go to every `chat.completions.create(…)`',
    defaultTimeoutSeconds: null,
    underlyingSdk: 'openai',
    timeoutKeys: ['timeout', 'client_kwargs.timeout'],
  },
  InferenceClientModel: {
    client: '`huggingface_hub.InferenceClient(model=model_id, provider=…, token=…, timeout=timeout, …)` with `timeout: int = 120` (also `HfApiModel`, its name before 1.14)',
    defaultTimeoutSeconds: 120,
    underlyingSdk: null,
    timeoutKeys: ['timeout'],
  },
};

/** What smolagents itself records and traces, whatever the model class. */
export const SMOLAGENTS: { label: string; usage: string; tracing: string; source: string; asOf: string } = {
  label: 'smolagents',
  usage:
    'every API model class reads `response.usage` itself (`_last_input_token_count` / `last_input_token_count`, and from 1.15 a `TokenUsage` on the returned ChatMessage), and agents add each step\'s token counts to their monitor (`agent.monitor.get_total_token_counts()`), logged per step',
  tracing:
    'no spans of its own; traced by OpenInference\'s `SmolagentsInstrumentor().instrument()` (openinference-instrumentation-smolagents), or by instrumentation of the client below (openai, litellm)',
  source:
    'huggingface/smolagents src/smolagents/models.py Model.__init__ (`self.kwargs = kwargs`), _prepare_completion_kwargs (`**self.kwargs` in every request), LiteLLMModel.generate (`litellm.completion(**completion_kwargs)`), OpenAIServerModel.create_client (`openai.OpenAI(**self.client_kwargs)`), AzureOpenAIServerModel.create_client, InferenceClientModel.__init__ (`timeout: int = 120`) and HfApiModel (1.x releases), src/smolagents/monitoring.py (the code index\'s copies, read 2026-12-03)',
  asOf: '2026-12-03',
};

/** What AG2 (formerly pyautogen 0.2) does with an agent's `llm_config`, as read in its source. */
export interface Ag2LlmConfigFacts {
  label: string;
  /** How an llm_config becomes the clients that send the requests. */
  clients: string;
  /** Why an llm_config without `timeout` waits openai-python's default. */
  untimed: string;
  /** What happens when one entry's request fails or times out. */
  failover: string;
  usage: string;
  tracing: string;
  source: string;
  asOf: string;
}

export const AG2_LLM_CONFIG: Ag2LlmConfigFacts = {
  label: 'AG2',
  clients:
    'an agent (`AssistantAgent`, `ConversableAgent`, `UserProxyAgent`, `GroupChatManager`) given `llm_config` (a dict, or `LLMConfig(…)`) builds `OpenAIWrapper(**llm_config)`; for each config_list entry (a dict without config_list is one entry) it keeps the keys that are keyword-only arguments of `OpenAI.__init__` / `AzureOpenAI.__init__` (api_key, base_url, timeout, max_retries, default_headers, http_client, …), the entry\'s over the llm_config\'s own, and builds `OpenAI(**openai_config)` (api_type "openai" or none), `AzureOpenAI` ("azure…"), or another provider\'s client (anthropic, google, ollama, bedrock, …); `model`, `temperature` and the other keys go to every `chat.completions.create`; `LLMConfig(timeout=…)` is the llm_config\'s top-level timeout (seconds, `int | None`, dropped when None)',
  untimed:
    'no timeout or max_retries of its own: keys not written are not passed, so openai-python\'s 600 s per attempt and 2 retries apply (sdk-defaults.ts, openai); only the `openai_v2` api_type defaults to 60 s',
  failover:
    'OpenAIWrapper.create tries the entries in order (or round robin): an APITimeoutError or APIError on one moves on to the next, and only the last one raises (a timeout as TimeoutError), so a stall can cost each entry its full wait in turn',
  usage:
    'recorded by OpenAIWrapper itself for every response (`_update_usage`: tokens and cost per model), read with `agent.print_usage_summary()` / `client.total_usage_summary` and `autogen.gather_usage_summary(agents)`; runtime logging (`autogen.runtime_logging.start()`) also logs each completion',
  tracing:
    'no spans by default; `autogen.opentelemetry` (AG2 0.10 and later) patches OpenAIWrapper.create to emit a `chat {model}` CLIENT span with GenAI attributes once `instrument_llm_wrapper(tracer)` is called',
  source:
    'ag2ai/ag2 autogen/oai/client.py OpenAIWrapper.__init__, _separate_openai_config, _register_default_client (`OpenAI(**openai_config)`), create (the APITimeoutError / APIError loop over `ordered_clients_indices`), OPENAI_FALLBACK_KWARGS @00e9a1f; autogen/llm_config/config.py LLMConfig.__init__ (`timeout: int | None = None`), ensure_config, from_json @19b8f91; autogen/llm_config/entry.py LLMConfigEntry @48f80ee; autogen/opentelemetry/instrumentators/llm_wrapper.py instrument_llm_wrapper @0684eff (the code index\'s copies, read 2026-12-03)',
  asOf: '2026-12-03',
};

/** What Google's Agent Development Kit (`google-adk`) does with an agent's model, instruction and runs, as read in its source. */
export const GOOGLE_ADK: {
  label: string;
  /** Which client each model class builds, and its timeout and retries. */
  models: string;
  /** How the instruction becomes each request's system instruction. */
  instruction: string;
  usage: string;
  tracing: string;
  source: string;
  asOf: string;
} = {
  label: 'Google ADK',
  models:
    'a model string goes through LLMRegistry (`gemini-…` and Vertex resource names of Gemini models to `Gemini`); `Gemini(model=…)` builds `google.genai.Client(http_options=HttpOptions(headers=…, retry_options=self.retry_options, base_url=…))`: no timeout (google-genai sets none), and no retries unless `retry_options=types.HttpRetryOptions(…)` is given (then 5 attempts unless `attempts` says otherwise; sdk-defaults.ts, google-genai); the agent\'s `generate_content_config=GenerateContentConfig(http_options=HttpOptions(timeout=…))` rides on every request (`config=llm_request.config`); `LiteLlm(model, **kwargs)` keeps the extra keywords in `_additional_args` and adds them to every `litellm.acompletion(…)`, so without `timeout=` LiteLLM\'s 600 s default applies',
  instruction:
    '`global_instruction` (of the root agent) then `instruction`, appended to the request\'s system instruction on every model call; in a text instruction `{key}` / `{key?}` / `{app:key}` / `{user:key}` / `{temp:key}` / `{artifact.name}` are replaced from the session state per request (instructions_utils.inject_session_state), other braces kept; a callable (InstructionProvider) is called per request and its text used as it is',
  usage:
    'each LlmResponse carries the response\'s `usage_metadata` (Gemini\'s, or LiteLLM\'s usage mapped onto it), kept on the events a run yields and recorded on its `call_llm` span',
  tracing:
    'ADK opens `invocation`, `invoke_agent {name}`, `call_llm` and `execute_tool {name}` spans through OpenTelemetry\'s global tracer (`gcp.vertex.agent`) on every run; `call_llm` carries gen_ai.system, gen_ai.request.model, gen_ai.usage.input_tokens / output_tokens and finish reasons; `adk web` / `get_fast_api_app` set up a tracer provider (its dev UI trace view, Cloud Trace with `trace_to_cloud`)',
  source:
    'google/adk-python src/google/adk/models/google_llm.py Gemini.api_client (`types.HttpOptions(**{headers, retry_options, base_url})`), generate_content_async (`config=llm_request.config`) @011c153; src/google/adk/telemetry/tracing.py trace_call_llm @0798a74; src/google/adk/models/lite_llm.py LiteLlm.__init__ (`self._additional_args = kwargs`), generate_content_async (`completion_args.update(self._additional_args)`); src/google/adk/utils/instructions_utils.py inject_session_state (the code index\'s copies, read 2026-12-03)',
  asOf: '2026-12-03',
};

/** What deepagents' `create_deep_agent(…)` does with the model and prompt it is given, as read in its source. */
export interface DeepAgentsFacts {
  label: string;
  /** How a model name becomes the chat model every step of the agent (and its subagents by default) sends through. */
  model: string;
  /** The model used when none is given: it changes between releases, so no call site is made for it. */
  defaultModel: string;
  prompt: string;
  source: string;
  asOf: string;
}

export const DEEPAGENTS: DeepAgentsFacts = {
  label: 'deepagents',
  model:
    '`create_deep_agent(model="provider:model", …)` resolves a string with `init_chat_model(model, **profile_kwargs)`; the built-in provider profiles add only `use_responses_api=True` (openai) and OpenRouter attribution headers, never a timeout or retry count, so the chat model keeps LangChain\'s defaults; a chat model instance is used as it is. The agent is `langchain.agents.create_agent(model, …)` with deepagents\' middleware; before 0.1 the signature was `(tools, instructions, model=None, …)`, so only `model=` names the model in every release',
  defaultModel:
    'without a model, `get_default_model()`: `ChatAnthropic(model_name="claude-sonnet-4-6")` today, `claude-sonnet-4-20250514` / `claude-sonnet-4-5-20250929` in earlier releases',
  prompt:
    'the `system_prompt` given (`instructions` before 0.1) comes first, then deepagents\' BASE_AGENT_PROMPT and the instructions its middleware adds (todo list, filesystem, subagents), which differ between releases',
  source:
    'langchain-ai/deepagents libs/deepagents/deepagents/graph.py (`create_deep_agent`, `get_default_model`, BASE_AGENT_PROMPT) @00c6fdb, deepagents/_models.py `resolve_model`, profiles/provider/_openai.py (`use_responses_api`), profiles/provider/_google_genai.py; src/deepagents/graph.py of the 0.0.x releases (`create_deep_agent(tools, instructions, model=None, …)`) (the code index\'s copies, read 2026-12-03)',
  asOf: '2026-12-03',
};

/**
 * LlamaIndex query and chat engines (python/extract/llamaindex-engines.ts): which LLM an engine built by the code sends
 * its requests through.
 */
export const LLAMAINDEX_ENGINES: { indexFactories: readonly string[]; chatEngineClasses: readonly string[]; llm: string; source: string; asOf: string } = {
  indexFactories: ['as_query_engine', 'as_chat_engine'],
  chatEngineClasses: ['ContextChatEngine', 'CondensePlusContextChatEngine'],
  llm:
    'BaseIndex.as_query_engine / as_chat_engine: `resolve_llm(llm) if llm else Settings.llm`, handed to RetrieverQueryEngine.from_args and to the chat engine of every chat_mode (best / react / openai: an agent over a QueryEngineTool; condense_question, context, condense_plus_context, simple); ContextChatEngine and CondensePlusContextChatEngine.from_defaults: `llm = llm or Settings.llm`. With neither set, Settings.llm resolves the library default (an OpenAI LLM whose model changed between releases): not claimed',
  source:
    'run-llama/llama_index llama-index-core/llama_index/core/indices/base.py (as_query_engine, as_chat_engine) @01922fb; llama_index/core/chat_engine/context.py, condense_plus_context.py from_defaults (the code index\'s copies, read 2026-12-03)',
  asOf: '2026-12-03',
};

/**
 * LlamaIndex.TS query and chat engines (typescript/llamaindex-engines.ts): the option of each engine class that names
 * its LLM, and what the engine falls back to.
 */
export const LLAMAINDEX_TS_ENGINES: { chatEngineClasses: Readonly<Record<string, string>>; llm: string; source: string; asOf: string } = {
  chatEngineClasses: { SimpleChatEngine: 'llm', ContextChatEngine: 'chatModel' },
  llm:
    'SimpleChatEngine: `this.llm = init?.llm ?? Settings.llm`; ContextChatEngine: `this.chatModel = init.chatModel ?? Settings.llm`; VectorStoreIndex.asChatEngine(options) builds a ContextChatEngine with the options\' chatModel (spread into it in some releases); asQueryEngine(options) builds a RetrieverQueryEngine whose responseSynthesizer defaults to getResponseSynthesizer("compact"), which uses Settings.llm. chat({ message, chatHistory, stream }) sends one request per call (streaming when stream is true); query({ query, stream }) one or more (compact refines over the retrieved chunks). CondenseQuestionChatEngine sends its condensing request through its llm and then runs a query engine that may use another: not claimed',
  source:
    'run-llama/LlamaIndexTS packages/core/src/chat-engine/simple-chat-engine.ts, context-chat-engine.ts @1365537; packages/llamaindex/src/indices/vectorStore/index.ts (asQueryEngine, asChatEngine) @038d015; RetrieverQueryEngine (`responseSynthesizer || getResponseSynthesizer("compact")`) (the code index\'s copies, read 2026-12-03)',
  asOf: '2026-12-03',
};

/** Haystack 2 pipelines (python/extract/haystack-pipelines.ts): what a run does with the components added to it. */
export const HAYSTACK_PIPELINES: { run: string; source: string; asOf: string } = {
  run: 'Pipeline.run(data, include_outputs_from=None) warms up, then runs each component whose inputs are ready through `_run_component`, which calls `instance.run(**component_inputs)` inside a `haystack.component.run` trace span (a no-op unless a tracer is enabled), until no component can run; a component in a cycle runs again, up to the pipeline\'s max_runs_per_component. A generator added with add_component is therefore called with its own settings (its openai client\'s timeout and retries) on every run that reaches it',
  source: 'deepset-ai/haystack haystack/core/pipeline/pipeline.py Pipeline._run_component, Pipeline.run @00ed49d (the code index\'s copy, read 2026-12-03)',
  asOf: '2026-12-03',
};

/** Semantic Kernel (Python): its OpenAI connectors and the spans it records itself. */
export const SEMANTIC_KERNEL: { label: string; tracing: string; otelDiagnosticsEnv: string; source: string; asOf: string } = {
  label: 'Semantic Kernel',
  tracing:
    'the connectors\' requests are traced (OpenTelemetry GenAI spans, `gen_ai.*` attributes) by the model_diagnostics decorators only when ModelDiagnosticSettings.enable_otel_diagnostics (or _sensitive) is on: False unless the environment (or a .env file) sets SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS; spans go to the tracer provider the app sets',
  otelDiagnosticsEnv: 'SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS',
  source:
    'microsoft/semantic-kernel python/semantic_kernel/utils/telemetry/model_diagnostics/model_diagnostics_settings.py ModelDiagnosticSettings (env_prefix SEMANTICKERNEL_EXPERIMENTAL_GENAI_, enable_otel_diagnostics: bool = False) @18d958b; decorators.py trace_chat_completion / trace_streaming_chat_completion (`if not are_model_diagnostics_enabled(): return await completion_func(…)`) @130f159 (the code index\'s copies, read 2026-12-03)',
  asOf: '2026-12-03',
};

/**
 * Semantic Kernel (Python): which connector a kernel prompt or a ChatCompletionAgent run asks, and what it sends. The
 * front end follows a run only where one connector is established (semantic-kernel-runs.ts).
 */
export const SEMANTIC_KERNEL_RUNS: { promptService: string; promptRequest: string; agentService: string; agentRequest: string; source: string; asOf: string } = {
  promptService:
    'kernel.invoke_prompt(prompt, arguments=…) builds a KernelFunctionFromPrompt and invokes it; at render time the kernel selects the service by the function\'s (or the arguments\') execution settings\' service_id, else the default: with one chat service on the kernel, that one',
  promptRequest:
    'the template is rendered with the arguments ({{$var}} and {{plugin.function}} blocks filled per call), parsed as a ChatHistory (ChatHistory.from_rendered_prompt) and sent by the service\'s get_chat_message_contents (get_streaming_chat_message_contents for invoke_prompt_stream)',
  agentService:
    'ChatCompletionAgent(service=…) adds that service to the agent\'s kernel (overwrite=True); its runs select a ChatCompletionClientBase from the run\'s kernel= if given, else the agent\'s kernel',
  agentRequest:
    'get_response / invoke / invoke_stream: the instructions, rendered as a prompt template with the run\'s arguments, as a system message, then every message of the thread (the whole history, each turn), then the new messages; one get_(streaming_)chat_message_contents call, which runs tool calls in between when function calling is on (the agent\'s default FunctionChoiceBehavior.Auto())',
  source:
    'microsoft/semantic-kernel python/semantic_kernel/agents/chat_completion/chat_completion_agent.py (__init__, configure_service, get_response, invoke, invoke_stream, _inner_invoke, _prepare_agent_chat_history, _get_chat_completion_service_and_settings) @01727aa; python/semantic_kernel/functions/kernel_function_from_prompt.py (_invoke_internal, _invoke_internal_stream, _render_prompt: kernel.select_ai_service) @04e03b3 (the code index\'s copies, read 2026-12-03)',
  asOf: '2026-12-03',
};
