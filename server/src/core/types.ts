// The engine's vocabulary. Nothing here knows about LSP, VS Code or a particular parser.

/** A half-open range of UTF-16 code-unit offsets into a file's text (what JS strings and LSP use). */
export interface Span {
  start: number;
  end: number;
}

export type LanguageId = 'typescript' | 'javascript' | 'python' | 'yaml' | 'nginx' | 'dotenv';
export type Severity = 'error' | 'warning' | 'info';
export type Family = 'context' | 'routing' | 'resilience' | 'telemetry' | 'security';
export type Fixability = 'none' | 'safe' | 'unsafe';

/** One text replacement. `path` is absolute; absent means the file the finding is in. */
export interface TextEdit {
  path?: string;
  start: number;
  end: number;
  newText: string;
  /** The edit creates `path` (which must not exist yet) with `newText` as its content. */
  createFile?: boolean;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes are applied by fix-all; unsafe ones only when the user picks them. */
  safety: 'safe' | 'unsafe';
}

export interface RelatedInfo {
  path: string;
  span: Span;
  message: string;
}

export interface Finding {
  ruleId: string;
  family: Family;
  severity: Severity;
  path: string;
  span: Span;
  message: string;
  fix?: Fix;
  related?: RelatedInfo[];
}

/** A problem reading or parsing a file: shown to the user, never thrown. */
export interface FileError {
  path: string;
  message: string;
  span?: Span;
  /** The condition will pass (a parser still loading): facts with this error are not cached. */
  transient?: boolean;
  /** Only quick fixes are missing (the editor's time budget for computing them ran out): the findings are whole. */
  fixesOnly?: boolean;
}

// ---------------------------------------------------------------------------
// The call-site model: what front ends produce and rules read.

export type Provider =
  | 'openai'
  | 'azure-openai'
  | 'anthropic'
  | 'google'
  | 'bedrock'
  | 'mistral'
  | 'groq'
  | 'openrouter'
  | 'deepseek'
  | 'perplexity'
  | 'together'
  | 'xai'
  /** A local Ollama server: no account, no key, no price per token. */
  | 'ollama'
  | 'cohere'
  /** Cerebras Inference (`cerebras.cloud.sdk`'s `Cerebras`, api.cerebras.ai). */
  | 'cerebras'
  | 'unknown';

/**
 * `google-generativeai` is Google's deprecated Gemini SDK (`google.generativeai`, `@google/generative-ai`): `GenerativeModel` objects.
 * `ollama` is the ollama Python package (`ollama.Client`, `ollama.chat`).
 * `huggingface` is Hugging Face's inference client: huggingface_hub's `InferenceClient` / `AsyncInferenceClient`
 * (Python) and @huggingface/inference's `InferenceClient` / `HfInference` (JavaScript): chat completion and text
 * generation requests to Inference Providers, an Inference Endpoint or a TGI server.
 * `llamaindex` is a LlamaIndex LLM class (`from llama_index.llms.openai import OpenAI`): `llm.chat(…)`, `llm.complete(…)`.
 * `haystack` is a Haystack 2 OpenAI generator component (`OpenAIGenerator`, `OpenAIChatGenerator`) run on its own: `generator.run(…)`.
 * `semantic-kernel` is a Semantic Kernel (Python) OpenAI connector (`OpenAIChatCompletion`, `AzureChatCompletion` from
 * `semantic_kernel.connectors.ai.open_ai`) asked directly: `service.get_chat_message_content(chat_history, settings)`, or
 * through the kernel or a `ChatCompletionAgent` holding only it: `kernel.invoke_prompt(…)`, `agent.get_response(…)`.
 * `azure-ai-inference` is Azure AI Inference's Python client (`ChatCompletionsClient` from `azure.ai.inference`, also
 * `.aio`): `client.complete(messages=[…], model=…)`, to an Azure AI Foundry or GitHub Models endpoint.
 * `boto3` is AWS's SDK for Python through a `bedrock-runtime` client (`boto3.client("bedrock-runtime")`): `invoke_model`,
 * `converse` and their streaming twins.
 * `aws-sdk` is AWS's SDK for JavaScript v3 through a `BedrockRuntimeClient` (`@aws-sdk/client-bedrock-runtime`):
 * `client.send(new ConverseCommand(input))`, `ConverseStreamCommand`, `InvokeModelCommand` and
 * `InvokeModelWithResponseStreamCommand`.
 * `openai-agents` (the OpenAI Agents SDK, `from agents import Agent`) and `pydantic-ai` are agent frameworks: their
 * sites are agent constructions (`agent: true`). So is `google-adk`, Google's Agent Development Kit (`from google.adk.agents
 * import Agent`): its `Agent(…)` / `LlmAgent(…)` constructions, whose instruction is the system prompt of every request.
 * `smolagents` is Hugging Face's smolagents: its sites are API model constructions (`LiteLLMModel(…)`,
 * `OpenAIServerModel(…)`, …; `agent: true`), which every agent run and direct model call sends through.
 * `genkit` is Firebase Genkit (JavaScript): `ai.generate(…)` / `ai.generateStream(…)` on an instance made by `genkit({…})`.
 * `mistral` is Mistral AI's own SDK (`mistralai`, `@mistralai/mistralai`): `client.chat.complete(…)` / `chat.stream(…)`
 * on a `Mistral(…)` client, or `chat(…)` / `chat_stream(…)` on the legacy 0.x `MistralClient`.
 * `cohere` is Cohere's own SDK (`cohere` for Python, `cohere-ai` for JavaScript): `chat` / `chat_stream` (`chatStream`)
 * and the legacy `generate` / `generate_stream` of a v1 client, `chat` / `chat_stream` of a v2 client (or `co.v2`).
 */
export type Sdk = 'openai' | 'anthropic' | 'ai-sdk' | 'langchain' | 'litellm' | 'google-genai' | 'google-generativeai' | 'ollama' | 'huggingface' | 'mistral' | 'cohere' | 'llamaindex' | 'haystack' | 'semantic-kernel' | 'azure-ai-inference' | 'openai-agents' | 'pydantic-ai' | 'google-adk' | 'dspy' | 'smolagents' | 'crewai' | 'autogen' | 'boto3' | 'aws-sdk' | 'genkit' | 'mastra' | 'http';

/** What the parser could tell about an expression without running anything. */
export type ValueFact =
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'number'; value: number; span: Span }
  | { kind: 'boolean'; value: boolean; span: Span }
  | { kind: 'null'; span: Span }
  /** process.env.X, os.environ["X"], os.getenv("X"); name is null when the key is computed. */
  | { kind: 'env'; name: string | null; span: Span; fallback?: ValueFact }
  | { kind: 'object'; span: Span; args: ArgsFact }
  | { kind: 'array'; span: Span; elements: ValueFact[] }
  /**
   * Anything else: an identifier, a call, arithmetic. `text` is the source text. `parameter` (Python): the enclosing
   * function's parameter, unset by default (`=None`), passed on as is or with an unset marker in its place (`timeout or
   * NOT_GIVEN`): the callers decide; `position` is where a positional argument fills it (null: keyword only), `unset`
   * what goes out when no caller gives it (an explicit None, or the SDK's NOT_GIVEN / omit).
   */
  | { kind: 'dynamic'; span: Span; text: string; parameter?: { name: string; position: number | null; unset: 'none' | 'not-given' } };

/** One `key: value` in an options object, or one `key=value` keyword argument. */
export interface OptionFact {
  /** The key as written in the source (`maxRetries`, `max_retries`). */
  key: string;
  keySpan: Span;
  /** The whole entry, key through value, without a trailing comma. */
  span: Span;
  value: ValueFact;
  /**
   * Python: the key is given by name only on some paths (`if debug: kwargs["http_client"] = …`), so the others send
   * none. `configured`: the condition tests what it gives (`if cfg.timeout: kwargs["timeout"] = cfg.timeout`).
   * `offWhen`: the condition requires this name to be false (`if not stream and …: kwargs["timeout"] = …`).
   * `onWhen`: the condition is this flag alone (`if stream: kwargs["stream"] = True`).
   */
  conditional?: { configured: boolean; offWhen?: string; onWhen?: string };
}

/**
 * An options bag: an object literal (`{ timeout: 5 }`), a Python call's keyword arguments, or nothing yet.
 * Fixes insert new options through the language's CodeWriter using this.
 */
export interface ArgsFact {
  /** The object literal or argument list; null when the call has no options argument at all. */
  span: Span | null;
  /** Keyed by the key as written. */
  options: Record<string, OptionFact>;
  /** `...spread` or `**kwargs`: unseen options may exist, so "missing X" rules must stay silent. */
  hasSpread: boolean;
  /** Where a new option can be inserted when there is no options object: the call's argument list parens. */
  callArgsSpan: Span;
  /** The options object is written elsewhere (a `const` the call passes by name), so `span` lies outside the call. */
  detached?: boolean;
  /**
   * Python: every unseen `**name` is a parameter of the enclosing function, passed through from its callers, or a dict
   * whose keys are known (built in the function from dicts its class's or module's helpers return): then the unseen
   * options are at most `spreadKeys` and the callers' keywords.
   */
  spreadIsParameter?: boolean;
  /** Python: the keys the known dicts of `spreadIsParameter` may hold (their values unseen). */
  spreadKeys?: string[];
  /**
   * TypeScript: every spread is an object literal written in place (`...(thinking && { chat_template_kwargs: … })`) or
   * an unchanged `const` bound to one (`...commonOptions`): the keys they may add. Absent when some spread is unseen.
   */
  literalSpreadKeys?: string[];
  /**
   * TypeScript, with `literalSpreadKeys`: the options those spreads set on every path and no later entry overrides,
   * with their values (`experimental_telemetry` of `...commonOptions`). Their spans lie where the spread object is
   * written, often outside the call: fixes insert into the call's own literal (`span`), never here.
   */
  spreadOptions?: Record<string, OptionFact>;
}

export type PromptRole = 'tools' | 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'unknown';

/** How an interpolated value varies between requests. */
export type Volatility =
  /** times and timestamps: a new value on every request */
  | 'time'
  /** today's date: the same value all day, so it splits the prefix cache once a day */
  | 'date'
  /** random numbers, uuids */
  | 'random'
  /** request, session, trace or user ids */
  | 'request-id'
  /** user input, retrieved documents, history: large and per-request, but expected */
  | 'per-request'
  /**
   * a setting read once from the environment (`process.env.BOT_NAME || 'Claude'`, `os.environ.get("BOT_NAME")`, or a
   * constant holding one): the same on every request of a process, so a prefix cache can cover it
   */
  | 'per-process'
  | 'unknown';

export type PromptSegment =
  | { kind: 'static'; text: string; span: Span }
  | {
      kind: 'dynamic';
      span: Span;
      text: string;
      volatility: Volatility;
      origin?: 'history' | 'retrieval' | 'user-input';
      /** 'per-process': the text the setting has when it is not set (its literal fallback), when the code gives one. */
      fallback?: string;
      /** Text returned by a helper of another module (`build_system_prompt(user)`): the span is the call, this says where the value is. */
      via?: { name: string; path: string };
      /**
       * The text differs by path (a helper with several `return`s, a variable assigned in each branch of an `if`):
       * what each path gives. The segment itself stands for the value when the path is not known.
       */
      branches?: PromptBranch[];
    };

/** One path's text of a prompt value that differs by path. */
export interface PromptBranch {
  /** Which path, for messages: `when build_prompt returns at line 12 (one of its 2 returns)`. */
  where: string;
  segments: PromptSegment[];
}

/** One message or block of the model's input, in the order the provider sees it. */
export interface PromptPart {
  role: PromptRole;
  span: Span;
  /** Text pieces in order; a part whose content is entirely unknown has one dynamic segment. */
  segments: PromptSegment[];
  /** Where the text came from when it is not inline: a constant, or an array built from a store. */
  source?: { kind: 'constant' | 'history' | 'file' | 'parameter'; path: string; span: Span; name?: string };
  /** The part carries an Anthropic cache_control marker. */
  cacheControl?: boolean;
  /** For the `tools` part: where the list comes from and whether its order can change between requests. */
  toolsSource?: ToolsSource;
}

/** The object an LLM call goes through: `new OpenAI({...})`, `Anthropic()`, `createOpenAI({...})`, `new ChatOpenAI({...})`. */
export interface ClientFact {
  path: string;
  sdk: Sdk;
  provider: Provider;
  /** `OpenAI`, `AzureOpenAI`, `Anthropic`, `ChatOpenAI`, `createOpenAI`, … */
  className: string;
  /** How messages name it when the code does not spell the class: `init_chat_model (ChatOpenAI)`. */
  label?: string;
  /**
   * Python: the module the class is imported from (`langchain_openai`, `langchain_community.chat_models`). TypeScript:
   * set only where another package exports the same class (`openai-edge`'s `OpenAIApi`, over fetch instead of axios).
   */
  module?: string;
  /** The construction expression. */
  span: Span;
  /** Where diagnostics about the client point: the class name in `new OpenAI(`. */
  nameSpan: Span;
  args: ArgsFact;
  /**
   * @google/generative-ai: the `requestOptions` a model object is made with (`getGenerativeModel(params, { timeout })`),
   * which every request through it uses.
   */
  requestOptions?: ArgsFact;
  /**
   * LangChain.js `new ChatOpenAI(fields, configuration)`: the deprecated second argument, a client configuration whose
   * `basePath` / `baseURL` @langchain/openai 0.x makes the base URL (1.x reads it no more).
   */
  legacyConfiguration?: ArgsFact;
  /**
   * Python: the `http_client=` given is, on every path, None or an httpx client built without `timeout=` (inline or
   * bound once to a name), so the SDK keeps its own default timeout. Absent when it may carry one, or is not given.
   */
  httpClientUntimed?: boolean;
  /**
   * Python: built without a base URL only on the branch taken when the base URL the other branch passes is absent
   * (`AsyncAnthropic(…) if base_url is None else AsyncAnthropic(base_url=base_url, …)`, or an if/else that assigns
   * or returns the client): the fallback of a configurable endpoint.
   */
  baseUrlFallback?: true;
  /** Python: the client is handed to the OpenAI Agents SDK's `set_default_openai_client(…)` in its module. */
  agentsDefault?: true;
  /**
   * Python: a CrewAI LLM that CrewAI builds itself for an Agent (or a Crew's manager), with nothing the code can add
   * where it is written: from a model name (`Agent(llm="gpt-4o")`, `args` holding it as `model`) or, for an Agent
   * without an llm, from the environment (`default`). Its span is the Agent's / Crew's construction. Also the chat
   * model a LangChain agent factory builds from a model name (`create_agent("openai:gpt-4o", tools)`, LangGraph's
   * `create_react_agent(model="anthropic:claude-…")`; TypeScript `createAgent({ model: 'openai:gpt-4o' })` from `langchain`),
   * spanning the factory call, as init_chat_model / initChatModel builds it.
   */
  builtBy?: 'model-name' | 'default';
  /**
   * The model the client's model option names through a constant or an environment read's default (`ChatOpenAI(model=
   * MODEL)` with `MODEL = "gpt-4o"`, `model=os.getenv("MODEL", "gpt-4o")`), which the option's value does not hold. Not
   * a literal in the code: it prices the calls, nothing suggests changing it.
   */
  model?: string;
  /** Python: the client is handed to a CrewAI Agent (`llm=`) or Crew (`manager_llm=`), which sends through a CrewAI LLM rebuilt from it. */
  crewaiAgent?: true;
  /**
   * Python: one entry of an AG2 `llm_config` handed to an agent (a config_list dict, or the llm_config / `LLMConfig(…)`
   * itself), from which AG2's OpenAIWrapper builds `OpenAI(**keys)`; `args` are the entry's keys over the llm_config's
   * timeout / max_retries / base_url / http_client. `entries`: how many entries the config_list has (tried in turn).
   */
  ag2LlmConfig?: { entries: number };
  /** The client is used for nothing but `models.retrieve` / `models.list` calls (checking a key, reading a model's limits). */
  accountOnly?: true;
  /** TypeScript: the client is bound to a name its file never mentions again and does not export: no request goes through it. */
  unused?: true;
  /**
   * @google/generative-ai's `GoogleGenerativeAI`, whose base URL is set per model: the `getGenerativeModel(params,
   * requestOptions)` calls on it in its file. `escapes`: the client may be used elsewhere too (exported, handed out,
   * assigned again, a class field that is not private), so these calls may not be all.
   */
  modelRequests?: { calls: ModelRequest[]; escapes: boolean };
}

/** A `genAI.getGenerativeModel(params, requestOptions)` call: its request options, and where a second argument would go. */
export interface ModelRequest {
  span: Span;
  requestOptions: ArgsFact;
  /** The end of the params argument when the call passes no request options. */
  paramsEnd?: number;
}

/** One layer that may repeat an LLM call. `attempts` is the total attempts that layer makes (1 + retries). */
export interface RetryLayer {
  kind: 'loop' | 'library' | 'decorator' | 'framework' | 'sdk' | 'gateway' | 'mesh' | 'ingress';
  /** What users recognise: "loop", "p-retry", "tenacity", "SDK", "LangChain", "LiteLLM proxy", "Istio". */
  label: string;
  /** null when the bound could not be read (an unbounded or data-dependent loop). */
  attempts: number | null;
  source: 'explicit' | 'default';
  path?: string;
  span?: Span;
}

/** A read of `usage` on an AI SDK multi-step result: `result.usage` (the name), or `{ usage }` (`shorthand`, the key). */
export interface LastStepUsageRead {
  span: Span;
  shorthand: boolean;
}

/** A retry construct written in the application around an LLM call. */
export interface RetryConstruct extends RetryLayer {
  kind: 'loop' | 'library' | 'decorator';
  path: string;
  span: Span;
  /** Where diagnostics point: the `for`/`while` keyword, the decorator, the library call's name, Celery's `self.retry`. */
  headSpan: Span;
  /** A workspace retry helper's construct: the call of the helper that runs it (`path#offset`), one per use. */
  invokedAt?: string;
  /** How messages name the construct when its label does not read as a noun: `policy of Celery task summarize`. */
  subject?: string;
  /** Sleeps between attempts, and whether the sleep grows. */
  backoff: 'none' | 'constant' | 'exponential';
  jitter: boolean;
  /** Catches every error (including timeouts and 4xx) instead of checking status or error type. */
  catchesAll: boolean;
  /** The loop has an upper bound on attempts. */
  bounded: boolean;
  /** The class a handler re-sends a refused request unchanged on (only logs or waits first); Python loops only. */
  resendsRefused?: string;
  /** The call written out once more in the `except`/`catch` around it: one extra attempt, never a loop. */
  once?: boolean;
  /** For loops a fix can edit: the attempt counter, the caught error's name, and where the catch body starts. */
  loopFix?: {
    counter: string;
    errorVar: string | null;
    catchBodyStart: number;
    isAsync: boolean;
    /** The catch's own last-attempt exit (`if (i === retries - 1) throw error;`): the fix's lines go after it. */
    lastAttemptExit?: Span;
    /** Otherwise, a test that holds when another attempt follows (`attempt + 1 < 3`), to guard the wait with. */
    anotherAttempt?: string;
    /** The catch's own exit for errors it does not retry (`if not is_transient(e): raise`): the lines go after it. */
    exitGuard?: Span;
  };
}

export interface FunctionRef {
  name: string | null;
  span: Span;
  /** Why this function is on a request path, or null if it is not known to be. */
  requestPath: string | null;
  /**
   * Why this function runs once per process although the rules about per-request work might take it for a handler:
   * the factory of a lazy event handler (h3/Nitro `defineLazyEventHandler`), a Nitro plugin's set-up, a script's entry
   * point (`main()` run from top-level code, `fire.Fire(main)`) or a command-line command (a click/typer command, a
   * commander `.action(…)` callback, a yargs command `handler`). Set for the functions of prompt loads; absent otherwise.
   */
  runsOnce?: string;
}

export interface LlmCallSite {
  /** `${path}#${span.start}`: stable for one version of the file. */
  id: string;
  path: string;
  language: LanguageId;
  span: Span;
  /** The callee's last name (`create` in `client.chat.completions.create`): diagnostics point here. */
  nameSpan: Span;
  provider: Provider;
  sdk: Sdk;
  /** `chat.completions.create`, `messages.create`, `generateText`, `invoke`, `fetch`, … */
  method: string;
  /**
   * `routed`: the written id starts with a prefix the framework routes by (an Agents SDK `litellm/anthropic/…`, a
   * LiteLLM `anthropic/…`): a variable holding a bare model id would lose the route.
   */
  model: { value: string | null; span?: Span; literal: boolean; routed?: boolean };
  streaming: boolean | null;
  /**
   * The `stream` flag's source when it is a variable (`stream=should_stream`) and the result is read chunk by chunk on
   * some branch (`async for chunk in completion:`), or (Python, with `streamingCallers`) the flag is the enclosing
   * function's parameter and some of its calls pass it True: the call streams whenever the flag is true.
   */
  streamsWhen?: string;
  /**
   * Python: the call spreads its function's `**kwargs` and says nothing of streaming itself; these calls of that
   * function in the module pass `stream=True`, so the request streams for them (a fix adds `stream_options` there).
   * With `streamsWhen`: the calls that pass the flag parameter True (or leave out one defaulting to True).
   */
  streamingCallers?: Array<{ span: Span; args: ArgsFact; byDefault?: true }>;
  /** The request options (the object passed to create, generateText's argument, …). */
  args: ArgsFact;
  /** Raw HTTP: the library that sends the request, when it sets no timeout of its own (`requests`, `axios`, `node-fetch`). */
  httpClient?: 'requests' | 'axios' | 'node-fetch';
  /**
   * Raw HTTP through the runtime's (or Undici's) `fetch`: the Undici timeouts its `dispatcher` turns off, an `Agent` /
   * `ProxyAgent` built in place or in a constant with `headersTimeout: 0` / `bodyTimeout: 0`.
   */
  dispatcherTimeoutsOff?: Array<'headersTimeout' | 'bodyTimeout'>;
  /** A library that wraps the SDK client and owns some request options (Instructor: `max_retries` is its own loop). */
  wrapper?: 'instructor';
  /** Raw HTTP: the request URL as read from a literal, constant or template (unknown parts as `{}`). */
  httpUrl?: string;
  /**
   * Other clients the receiver may hold, assigned to it on other branches (`if azure: client = AzureOpenAI(…) else:
   * client = OpenAI(…)`): the request goes through one of them, and what it sets (a timeout) holds for each.
   */
  otherClients?: Array<{ path: string; start: number }>;
  /** Per-request transport options where the SDK takes them separately: openai/anthropic `create(body, { maxRetries, timeout })`. */
  requestOptions?: ArgsFact;
  /**
   * Options of the client copy the call goes through: `client.withOptions({ timeout })` / `client.with_options(max_retries=0)`,
   * inline or bound to a name first. The request runs with them unless its own options override them.
   */
  copyOptions?: ArgsFact;
  /**
   * Python: the call goes through the openai package's module-level default client (`openai.chat.completions.create`
   * after `import openai`), configured by environment variables and module attributes (`openai.timeout = 30`), or
   * through ollama's (`ollama.chat(…)`, a `Client()` with no timeout that nothing configures but OLLAMA_HOST).
   */
  moduleClient?: boolean;
  /**
   * The client comes from another package that speaks the same API (`groq-sdk`, `@openrouter/sdk`), not the SDK
   * the method names: its defaults (retries, timeouts) are that package's, not known here.
   */
  clientPackage?: string;
  /** Tools, system and messages in provider order. Empty when the input is entirely unknown. */
  prompt: PromptPart[];
  maxOutputTokens: number | null;
  /**
   * maxOutputTokens is the default of a setting read from the environment (`parseInt(process.env.MAX_TOKENS ||
   * '64000')`): the name of the variable (null when computed), which may set another value.
   */
  maxOutputTokensEnv?: string | null;
  client: ClientFact | null;
  enclosingFunction: FunctionRef | null;
  /** Retry constructs in the application around this call, innermost first (on its worst call path). */
  retries: RetryConstruct[];
  /**
   * Python: seconds of an asyncio/anyio deadline the call runs under (`async with asyncio.timeout(25)`,
   * `asyncio.wait_for(call, timeout=20)`), null when its length cannot be read.
   */
  deadlineSeconds?: number | null;
  /** AI SDK: the provider method that made the model (`chat`, `responses`, `completion`, …); absent for `openai('…')`. */
  aiModelMethod?: string;
  /** Retry constructs around other callers of the call's wrapper function: other call paths, which do not multiply. */
  otherRetries?: RetryConstruct[];
  /** The call runs inside a manually started span (startActiveSpan, start_as_current_span, …). */
  inSpan: boolean;
  /**
   * The call goes through a gateway that records its latency and token usage for every request (AI SDK 5+ sends a
   * plain model string such as `'openai/gpt-5'`, or a `gateway(…)` model, to the Vercel AI Gateway).
   */
  observedBy?: 'vercel-ai-gateway';
  /** AI SDK: the model is built somewhere the analysis does not follow (a provider registry, a helper function). */
  aiModelUnresolved?: boolean;
  /**
   * AI SDK: the model comes from a workspace function that builds it differently on different paths (`switch
   * (provider) { case 'openai': return openai(id); case 'xai': return xai(id); }`): each distinct provider, client and
   * provider method it returns; the call goes through one of them. `client` stays null then.
   */
  aiModelBranches?: Array<{ provider: Provider; client: ClientFact | null; method?: string }>;
  /**
   * Agent settings rather than one request: AI SDK `new ToolLoopAgent({ model, instructions, tools })`, Python's OpenAI
   * Agents SDK and pydantic-ai `Agent(…)`. Every model request of the agent's runs (`agent.generate()`,
   * `Runner.run(agent, …)`, `agent.run(…)`) is made with them. Whether a run streams, its
   * abort signal and what reads its usage belong to each run, not to this site.
   */
  agent?: true;
  /**
   * Python agents: what the runs of the agent found in its module send as the model's input on every turn, as written:
   * the Agents SDK run's `input` (`Runner.run(agent, input_messages)`, `input=`) and pydantic-ai's `message_history=`
   * (`agent.run(text, message_history=history)`). Not prompt parts: what they hold is not known here; history facts
   * read them to tell a conversation read that reaches the model.
   */
  runInputs?: Array<{ span: Span; text: string }>;
  /**
   * Python agents: the client construction the agent's model object sends through
   * (`OpenAIChatCompletionsModel(openai_client=client)`, pydantic-ai `OpenAIChatModel(…, provider=OpenAIProvider(openai_client=client))`),
   * or `default` for an OpenAI Agents SDK agent without one (a model string), which goes through the client given to
   * `set_default_openai_client()`.
   */
  agentClient?: { path: string; start: number } | 'default';
  /**
   * Python agents: the model settings give every model request of its runs a timeout, which the framework passes to
   * the SDK call (`ModelSettings(extra_args={"timeout": 60})` in the Agents SDK, `model_settings={"timeout": 60}` in
   * pydantic-ai), set on the agent, its model object (pydantic-ai) or every run of it in its module.
   */
  agentRequestTimeout?: true;
  /**
   * Python Google ADK agents: the `LiteLlm(…)` the agent's `model=` is, built in the agent's file (in place or bound to
   * a name there): its keywords, which ADK adds to every `litellm.acompletion(…)` of the agent's runs, and its name.
   */
  adkLiteLlm?: { args: ArgsFact; nameSpan: Span };
  /**
   * Python agents: module-level names of the agent's module that `agentRequestTimeout` relies on no other module
   * using: its model object (another module may build an untimed agent on it) and, when only its runs set a timeout,
   * the agent (another module may run it without one).
   */
  agentSharedNames?: string[];
  /**
   * Python OpenAI Agents SDK agents: every run of the agent found in its module passes
   * `RunConfig(tracing_disabled=True)`, so the SDK traces none of them; `sharedNames` are the agent's module-level
   * names, which another module may import and run with tracing on.
   */
  agentRunsUntraced?: { sharedNames: string[] };
  /**
   * Python: the call runs LangGraph's prebuilt agent (`agent = create_react_agent(model, tools, …)`, then
   * `agent.invoke(…)`), which calls its model once per step, with tool calls in between: one call, several requests.
   * Also a Semantic Kernel `ChatCompletionAgent` run, and a kernel prompt with automatic function calling on.
   */
  agentRun?: true;
  /**
   * Python: the call runs a LlamaIndex query or chat engine (`index.as_query_engine()`, `.as_chat_engine()`,
   * `ContextChatEngine.from_defaults()`: retrieval, then one or more requests to the engine's LLM, such as a condensing
   * step, a refine pass or an agent's steps) or a Haystack pipeline (`pipe.run(…)`: every component it reaches, the
   * generator among them), each request made with the model object's settings. TypeScript: a LlamaIndex.TS engine's
   * `query()` / `chat()` (`index.asQueryEngine()`, `index.asChatEngine()`, `new ContextChatEngine(…)`,
   * `new SimpleChatEngine(…)`).
   */
  engineRun?: true;
  /**
   * TypeScript/JavaScript OpenAI Agents SDK agents: what certainly turns the SDK's tracing off before the agent runs,
   * as messages name it (`setTracingDisabled(true)`, or `setTracingDisabled(true) in ./agents-setup.ts` for a module the
   * agent's module imports).
   */
  agentsTracingOff?: string;
  /**
   * Raw HTTP through httpx with its timeout turned off: by the request's own `timeout` (`request`), or, when it passes
   * none, by that of the httpx client it goes through (`client`); `none` for None (`timeout=None`), `read` for an
   * `httpx.Timeout` with no read timeout (`httpx.Timeout(60, read=None)`). httpx's own default is 5 s.
   */
  httpxTimeoutOff?: { where: 'request' | 'client'; how: 'none' | 'read' };
  /** What happens to the response's token usage. */
  usage: 'read' | 'discarded' | 'escapes' | 'unknown';
  /**
   * LangChain.js: a callback that records the usage (a `handleLLMEnd(output)` that reads `output.llmOutput`, the
   * messages' `usage_metadata`, or hands the output on) is given to this run, or may be (see langchain-callbacks.ts).
   */
  usageCallback?: true;
  /**
   * LangChain.js: the run, or the model it goes through, is handed callbacks (`callbacks: handlers` in its config or
   * where the model is built): a tracing handler (Langfuse's, LangSmith's) may be among them.
   */
  callbacksMayTrace?: true;
  /**
   * Where the result is bound or consumed: where a usage-recording fix inserts code, and the logger the code there
   * already logs through (TypeScript), which the inserted line should use too. `pending`: the name holds the call's
   * promise, not awaited there (`const p = create(…)`, awaited later), so a line after the statement cannot read it.
   */
  resultBinding?: { name: string; statementSpan: Span; logger?: LoggerRef; pending?: true };
  /**
   * AI SDK, a call that may run several steps (`stopWhen`): where the code reads the result's `usage` (on the result,
   * destructured from it, or from `onFinish`'s event) while nothing reads `totalUsage` or `steps` and the result goes
   * nowhere else. AI SDK 5 and 6 make `usage` the last step's; whether that is partial depends on the installed
   * version, which the rule reads.
   */
  lastStepUsage?: LastStepUsageRead[];
  /**
   * The call's function returns the response and every caller of that function in the workspace drops the usage
   * (`def complete(p): return client.chat.completions.create(…)`, callers read `.choices` only): the function's name.
   */
  usageDroppedBy?: string;
  /**
   * The response is handed to functions of its module that read only the reply from it (`self._parse_response(response,
   * tools)` reading `.content` / `.choices`, never the usage): their names.
   */
  usageDroppedIn?: string[];
  /**
   * The request around this call is timed or traced only as a whole (a timer pair or histogram in the handler, a span
   * named for the request, a timing middleware in the same file), so model latency cannot be told from request latency.
   * Absent when the call has a span of its own or nothing times the request.
   */
  requestTiming?: RequestTiming;
  /** `JSON.stringify(x)` / `json.dumps(x)` placed in the tools, system or developer part of the prompt. */
  serializations?: PromptSerialization[];
  /**
   * A stream consumed right away: `const s = await create({ stream: true, … })` followed by `for await (const c of s)`
   * in the same block, with `s` used nowhere else and no `return`/`yield` in the loop. A fix can wrap both in one span
   * and record the time to the first chunk.
   */
  streamLoop?: { statementSpan: Span; loopSpan: Span; bodySpan: Span; bodyIsBlock: boolean };
}

/**
 * A logger in scope somewhere (`this.logger`, a module's `logger`) and how to log a message with fields through it:
 * `message-first` as console and winston take them (`logger.info('msg', { a })`), `fields-first` as pino and bunyan do
 * (`logger.info({ a }, 'msg')`), `object` as Nest's `Logger` does (`this.logger.log({ msg: 'msg', a })`).
 */
export interface LoggerRef {
  /** The expression that reaches it there: `this.logger`, `logger`. */
  expr: string;
  /** The method to call: one the code already calls on it (info, log, debug), else its library's. */
  method: string;
  style: 'message-first' | 'fields-first' | 'object';
}

/** How the request around an LLM call is measured when the call itself is not. */
export interface RequestTiming {
  kind: 'timer' | 'metric' | 'span' | 'middleware';
  /** What users recognise: `performance.now()`, `console.time`, `histogram.record`, `span "POST /api/chat"`, `time.perf_counter()`. */
  label: string;
  /** Where the measurement is (the first timer read, the span call, the middleware). */
  span: Span;
  /** A module-level OpenTelemetry meter (`const meter = metrics.getMeter(…)`) a fix can record a histogram with. */
  meter?: string;
  /** A module-level histogram already named `gen_ai.client.operation.duration`. */
  durationHistogram?: string;
}

/** A serialization of a value into prompt text. Key order follows how the value was built unless keys are sorted. */
export interface PromptSerialization {
  /** The serializing call. */
  span: Span;
  api: 'JSON.stringify' | 'json.dumps';
  /** `sort_keys=True` (Python), or a stable stringify (`fast-json-stable-stringify`, `safe-stable-stringify`, `json-stable-stringify`). */
  sortedKeys: boolean;
  /** The value is built per request (a parameter, or a local built in the function), not a literal or module constant. */
  perRequest: boolean;
  /** The value looks like a schema or tool definitions (its name or source says schema/tool/function/parameters). */
  schemaLike: boolean;
  /** The serialized expression's source text. */
  argText: string;
  /** The call's arguments, where a fix adds `sort_keys=True`. */
  args: ArgsFact;
  role: PromptRole;
}

/**
 * Where a `tools` list comes from, and whether its order or membership can change between requests. Tools (and
 * structured-output schemas) sit first in the cached prefix: a different order or subset misses the provider cache.
 */
export interface ToolsSource {
  kind: 'literal' | 'constant' | 'map-values' | 'map-keys' | 'set' | 'filter' | 'unknown';
  /** The order or membership can change from one request to the next. */
  unstable: boolean;
  /** What makes it unstable, for messages: "Object.values(registry) of an object built from the request". */
  reason?: string;
  /** The expression that makes it unstable: where findings point. */
  span: Span;
  /** Static text of the tool definitions behind it when readable (the module-level list a filter starts from), for sizing the prefix. */
  definitionsText?: string;
  /** A per-request filter of a module-level list: the full list's name (send it whole and restrict with `allowed_tools`). */
  fullList?: string;
}

/** A read of a system prompt or template from disk, a config store or the network. */
export interface PromptLoad {
  path: string;
  span: Span;
  /** `fs.readFileSync`, `open().read()`, `hub.pull`, `ssm.getParameter`, `fetch` … */
  api: string;
  enclosingFunction: FunctionRef | null;
  /** The loaded value flows into an LLM call's prompt (directly or through a variable). */
  feedsPrompt: boolean;
  /** The function hands the loaded text to a workspace helper that sends it to a model: it calls the model too. */
  sentThroughHelper?: boolean;
  /** Why the read runs again on every user interaction although it is not in a request handler (a Streamlit script). */
  rerun?: string;
}

/** A conversation-history fetch from a store. */
export interface HistoryFetch {
  path: string;
  span: Span;
  api: string;
  /** limit/take/slice/LIMIT present. */
  bounded: boolean;
  /** Where a bound can be inserted (e.g. the options object of findMany). */
  args: ArgsFact | null;
  feedsPrompt: boolean;
  /**
   * A framework keeps the whole conversation and hands it back on every turn (`the graph's checkpointer` for a
   * LangGraph state's `add_messages` channel): the window belongs where the read is sent, not in a store query.
   */
  keptBy?: string;
  /**
   * The history is module-level state every request grows and sends (`api` is its name): a list the handlers append
   * to, or one chat session they all send through. `handler` says why the sending function runs per request.
   */
  sharedAcrossRequests?: { kind: 'list' | 'chat session'; handler: string };
}

/** A string literal that names a provider endpoint (`https://api.openai.com/v1`). */
export interface EndpointLiteral {
  path: string;
  span: Span;
  url: string;
  provider: Provider;
  /** The literal is a client's base URL option (rather than e.g. a fetch target). */
  role: 'base-url' | 'request' | 'other';
  /**
   * For a template or f-string, the whole URL with each interpolation written `{}` (`url` stops at the first one):
   * `…/v1beta/models/{}:generateContent` is a model request, though its `url` looks like the models listing.
   */
  shape?: string;
}

/** A string literal that looks like a provider API key. */
export interface SecretLiteral {
  path: string;
  span: Span;
  provider: Provider;
  /** For messages: never the full key. */
  masked: string;
}

/** An MCP client request that runs a tool: `client.callTool({...})`, `client.request({ method: 'tools/call' })`, `session.call_tool(...)`. */
export interface McpCall {
  path: string;
  /** The whole call. */
  span: Span;
  /** The method name (`callTool`): diagnostics point here. */
  nameSpan: Span;
  /** `callTool`, `request`, `call_tool`. */
  method: string;
  /** The tool's name when it is a literal. */
  tool: string | null;
  /** Trace context reaches the request's `params._meta` (`traceparent`, a carrier filled by `propagation.inject`, `meta=`), or may (params built elsewhere). */
  propagatesContext: boolean;
  /** Inside a span whose name starts with `tools/call` or `execute_tool` (the MCP / GenAI tool span). */
  inToolSpan: boolean;
  enclosingFunction: FunctionRef | null;
  /** The receiver's source text (`client`, `this.mcp`, `session`), for a fix that routes the call through a helper. */
  receiver: string;
  /** Source text of the request params (TS: the object passed to callTool) or of the call's arguments (Python), for the fix. */
  paramsText: string;
  /** The call is a plain `callTool(params)` / `call_tool(name, arguments)` a helper can take over (no result schema, options or extra keywords). */
  rewritable: boolean;
  /** Where a module-level helper can be inserted: the end of the file (TS), the end of the leading imports (Python; -1 when there are none). */
  helperAt: number;
}

/** A loop that calls a model and runs tools on each turn: an agent loop. */
export interface AgentLoop {
  path: string;
  span: Span;
  /** The `for` / `while` keyword. */
  headSpan: Span;
  /** Call sites (ids) of the model calls in the loop. */
  callSiteIds: string[];
  /** The tool calls in the loop (MCP calls, `executeTool(…)`, `tools[name](…)`). */
  toolCalls: Span[];
  /** A span is started inside the loop around the model call or the tool call (each step gets its own span). */
  stepSpans: boolean;
}

/** A GenAI telemetry attribute set in code (`span.setAttribute('gen_ai.system', …)`). */
export interface AttributeWrite {
  path: string;
  span: Span;
  name: string;
}

/** Everything a front end learned about one file. */
export interface FileFacts {
  path: string;
  language: LanguageId;
  text: string;
  callSites: LlmCallSite[];
  /** Every LLM client constructed in this file (used or not). */
  clients: ClientFact[];
  /** Clients the file uses without constructing them: AI SDK default providers, openai-python's module client. */
  defaultClients?: DefaultClient[];
  /** The file imports the Vercel AI Gateway provider (`@ai-sdk/gateway`, or `gateway` / `createGateway` from 'ai'). */
  importsVercelGateway?: boolean;
  promptLoads: PromptLoad[];
  historyFetches: HistoryFetch[];
  endpoints: EndpointLiteral[];
  secrets: SecretLiteral[];
  attributes: AttributeWrite[];
  /** MCP client tool calls. */
  mcpCalls: McpCall[];
  /** Loops that call a model and run tools on each turn. */
  agentLoops: AgentLoop[];
  /** The file imports or calls GenAI instrumentation (OpenAIInstrumentation, traceloop, langfuse, …). */
  instrumentation: string[];
  /**
   * Set-ups that instrument LLM calls only from some release of a package the workspace declares (Sentry for Node
   * from 10.28): the engine counts them once a manifest allows no older release.
   */
  instrumentationFrom?: Array<{ id: string; pkg: RegExp; since: string }>;
  /**
   * Python: `sentry_sdk.init(…)` turns tracing on while keeping every Sentry AI integration off (`off`, the option as
   * written: `auto_enabling_integrations=False` with none listed): the project traces with Sentry, and no LLM call of
   * it gets a span.
   */
  sentryTracingWithoutAi?: { span: Span; off: string };
  /** Environment variables the file reads. */
  envReads: string[];
  /** Hops declared by infrastructure files (empty for code). */
  hops: Hop[];
  /** Environment variables the file defines (.env, compose, k8s env). Name → value (null if not literal). */
  envDefinitions: EnvDefinition[];
  errors: FileError[];
}

/**
 * A client the SDK builds for the code: `import { anthropic } from '@ai-sdk/anthropic'` then `anthropic('claude-…')`,
 * or `openai.chat.completions.create(…)` / `openai.ChatCompletion.create(…)` on the openai module.
 */
export interface DefaultClient {
  path: string;
  /** How messages name it: "`anthropic` from @ai-sdk/anthropic", "the openai module client". */
  label: string;
  provider: Provider;
  /** The SDK that made it, where a rule needs to know (`ai-sdk` for the AI SDK's default providers). */
  sdk?: Sdk;
  /** Where diagnostics point: the imported name, or the first call through the module. */
  span: Span;
  /** Base-URL variables the SDK reads by itself; empty when it reads none. */
  baseUrlEnv: string[];
  /** Module settings that set the base URL in code (`openai.base_url = …`), searched for across the workspace. */
  baseUrlSettings: RegExp | null;
  /** For an AI SDK default provider: the import to rewrite as a factory call that takes a base URL. */
  importRewrite?: { statement: Span; specifier: string; local: string; factory: string; env: string; afterImports: number };
}

export interface EnvDefinition {
  path: string;
  name: string;
  value: string | null;
  span: Span;
  /**
   * For a docker-compose service's `environment`: the files and directories of the workspace the service loads (its
   * bind-mount sources, a build context below the compose file), as absolute paths. Absent for other definitions.
   */
  loads?: string[];
}

// ---------------------------------------------------------------------------
// Infrastructure hops (filled in by the config front ends).

/** The locations of one nginx server block, for choosing the one that serves a request as nginx does. */
export interface NginxServerRoutes {
  /** The server block, as `file#offset`. */
  key: string;
  locations: Array<{ path: string; upstream: string | null }>;
  /** The hop's own location among `locations`. */
  index: number;
}

export interface Hop {
  path: string;
  span: Span;
  kind: 'ingress-nginx' | 'nginx' | 'istio' | 'envoy' | 'envoy-gateway' | 'gateway-api' | 'litellm' | 'api-gateway' | 'load-balancer';
  /** A short human name: "Ingress chat-api", "VirtualService llm", "nginx location /v1/". */
  name: string;
  /** Hosts, paths and upstream names this hop routes. */
  routes: {
    hosts: string[];
    paths: string[];
    upstreams: string[];
    /** Path prefixes a `rewrite` in the location removes before proxying (`rewrite ^/api(/.*)$ $1 break;` → `/api`). */
    stripped?: string[];
    /**
     * nginx: every location of the hop's server block in file order (`/`, `^~ /static/`, `~ ^/api/`), with where each
     * proxies to (null when it does not), and which one is the hop's, so the location nginx picks for a URI can be told.
     */
    server?: NginxServerRoutes;
  };
  /** `unknown` (seconds null): the setting may come from a file that is not in the workspace (an unresolved include). */
  timeout: { seconds: number | null; source: 'explicit' | 'default' | 'unknown'; span?: Span; note?: string };
  retry: {
    /** Total attempts (1 + retries), as everywhere in the retry model. */
    attempts: number;
    source: 'explicit' | 'default';
    conditions: string[];
    /** The conditions among `conditions` that re-send a request that timed out or was reset mid-generation. */
    timeoutConditions?: string[];
    retriesTimeouts: boolean;
    retriesPost: boolean;
    span?: Span;
  };
  buffering?: { on: boolean; source: 'explicit' | 'default'; span?: Span };
  /** Observability integrations the hop reports every call to, with its latency and token usage (LiteLLM callbacks). */
  logsCallsTo?: string[];
  /** A LiteLLM proxy that adds `stream_options.include_usage` to every stream (`always_include_stream_usage` set, or read from the environment). */
  streamUsageAlways?: boolean;
  /** A LiteLLM proxy's model aliases (`model_list[].model_name`): what a client behind it names as its model. */
  modelNames?: string[];
  /**
   * Why the resource itself carries model requests, whatever its backends are named: an Envoy AI Gateway
   * AIGatewayRoute ("Envoy AI Gateway backends a, b"), whose backends are AIServiceBackends of a model API schema.
   */
  routesModels?: string;
}

/** The client as messages name it: its class, or the factory that built it. */
export function clientLabel(client: ClientFact): string {
  return client.label ?? client.className;
}

const PROVIDER_LABELS: Record<Provider, string> = {
  openai: 'OpenAI', 'azure-openai': 'Azure OpenAI', anthropic: 'Anthropic', google: 'Gemini', bedrock: 'Bedrock', mistral: 'Mistral',
  groq: 'Groq', openrouter: 'OpenRouter', deepseek: 'DeepSeek', perplexity: 'Perplexity', together: 'Together AI', xai: 'xAI', ollama: 'Ollama', cohere: 'Cohere', cerebras: 'Cerebras', unknown: 'the provider',
};

/** Every provider id (the report schema's `provider` enum lists the same). */
export const PROVIDER_IDS = Object.keys(PROVIDER_LABELS) as Provider[];

/** How messages name a call: the SDK method, or for raw HTTP the request and where it goes (`post to OpenAI`). */
export function callName(site: Pick<LlmCallSite, 'sdk' | 'method' | 'provider'>): string {
  if (site.sdk === 'genkit') return `Genkit ${site.method}`;
  if (site.sdk === 'mastra') return `Mastra ${site.method}`;
  return site.sdk === 'http' ? `${site.method} to ${PROVIDER_LABELS[site.provider]}` : site.method;
}
