import * as path from 'node:path';
import { LITELLM, SUPABASE_EDGE_FUNCTIONS } from '../core/catalog/infra-defaults';
import { expectedNonStreamingSeconds } from '../core/catalog/models';
import { usedByOtherModules } from '../core/agent-sharing';
import { afterFirstArgument, MAX_TOKEN_KEYS, spreadMaySet } from '../core/call-site-options';
import { AG2_LLM_CONFIG, catalogSdkOf, catalogSdkOfClient, clientOptionNames, CREWAI_AGENT_LLM, CREWAI_LLM, SMOLAGENTS_MODELS, GOOGLE_GENERATIVE_AI_JS_SINCE, HTTP_CLIENT_TIMEOUTS, HTTPX_TIMEOUT, optionNames, sdkAttempts, sdkDefaults, UNDICI_DISPATCHER_TIMEOUTS } from '../core/catalog';
import type { CodeWriter } from '../core/code-writer';
import { inSupabaseEdgeFunction, onCloudflareWorkers, routeMaxDurationApplies, vercelJsonMaxDuration } from '../core/deploy-target';
import { ceilingBelow, declaredNpmCeiling } from '../core/manifests';
import { RUNTIME_CHAT_MODEL_CLASS } from '../core/langchain-fields';
import { sitesNear } from '../core/client-sites';
import { defineRule, type RuleContext } from '../core/rule';
import { axiosDefaultTimeoutSet, litellmRequestTimeoutSet, openaiModuleTimeoutSet } from '../core/topology';
import { oncePerText } from '../core/text';
import type { ArgsFact, ClientFact, FileFacts, LlmCallSite, TextEdit, ValueFact } from '../core/types';
import { callName, clientLabel } from '../core/types';
import { importsModuleNamed, pythonCeiling, type WorkspaceView } from '../core/workspace-view';
import { outerEdit, outerSpan } from '../languages/config/embedded-yaml';
import { globalTimeoutSet, isMockDeployment, litellmConfigsIn, litellmKeepsModelsInDb, routerRetries, summarizeLitellm, type LitellmConfigFound } from '../languages/config/litellm';
import { yamlSet } from '../languages/config/writer';
import { get } from '../languages/config/yaml-ast';

const CLIENT_SDKS = new Set(['openai', 'anthropic', 'langchain', 'google-genai', 'litellm', 'ollama', 'huggingface', 'mistral', 'llamaindex', 'aws-sdk', 'crewai', 'autogen', 'cohere', 'semantic-kernel', 'azure-ai-inference']);
const AI_SDK_TIMEOUT_KEYS = ['timeout', 'abortSignal'];
/** The timeout fixes insert: 2 minutes, enough for a long completion, far below the SDKs' 10 minutes. */
const FIX_TIMEOUT_SECONDS = 120;

function lang(file: FileFacts): 'typescript' | 'python' {
  return file.language === 'python' ? 'python' : 'typescript';
}

/** Options we cannot see: a spread, or an options argument that is not an object literal (`new OpenAI(config)`). */
function unseenOptions(args: ArgsFact, text: string): boolean {
  if (args.hasSpread) return true;
  if (args.span) return false;
  return text.slice(args.callArgsSpan.start + 1, args.callArgsSpan.end - 1).trim() !== '';
}

/**
 * The keys of a client's options the check reads, beside its timeout spellings: where a timeout may be nested or
 * handed over (an options object, an http client, a LiteLLM model list) and the retry count the message states.
 */
const CLIENT_HOLDER_KEYS = ['clientOptions', 'httpOptions', 'http_options', 'http_client', 'httpClient', 'model_list', 'configuration'];

/**
 * A client's options cannot be read: unseenOptions, except that spreads whose keys are all known (`...(baseURL ?
 * { baseURL } : {})`, `...(proxy && { fetchOptions })`) count as written in the call unless they may set one of `keys`.
 */
function unseenClientOptions(args: ArgsFact, keys: string[], text: string): boolean {
  if (!args.hasSpread || !args.literalSpreadKeys) return unseenOptions(args, text);
  return [...keys, ...CLIENT_HOLDER_KEYS].some((k) => spreadMaySet(args, k.split('.')[0]));
}

/** `clientOptions: { timeout: … }`, or options that cannot be read and may hold one. */
function nestedTimeout(v: ValueFact | undefined): boolean {
  if (!v) return false;
  if (v.kind !== 'object') return v.kind === 'dynamic';
  return v.args.hasSpread || 'timeout' in v.args.options;
}

/** The argument texts of the calls in `text` of the function around `site` (null when it has no plain name). */
function wrapperCallArgs(site: LlmCallSite, text: string): string[] | null {
  const name = site.enclosingFunction?.name;
  if (!name || !/^[A-Za-z_]\w*$/.test(name)) return null;
  const calls = [...text.matchAll(new RegExp(`(?<![\\w])${name}\\s*\\(`, 'g'))].filter((m) => !/\bdef\s+$/.test(text.slice(Math.max(0, m.index - 12), m.index)));
  return calls.map((m) => {
    const open = m.index + m[0].length;
    let depth = 1;
    let i = open;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')') depth--;
    }
    return text.slice(open, i - 1);
  });
}

/** The wrapper around `site` is called in `text`, and none of those calls passes `timeout` or a `**` spread. */
function callersPassNoTimeout(site: LlmCallSite, text: string): boolean {
  const args = wrapperCallArgs(site, text);
  return !!args?.length && args.every((a) => !/\btimeout\b|\*\*/.test(a));
}

/** A call of the wrapper around `site` in its module passes `timeout=` (or `request_timeout=`) to it. */
function callerPassesTimeout(site: LlmCallSite, text: string): boolean {
  return !!wrapperCallArgs(site, text)?.some((a) => /\b(request_)?timeout\s*=/.test(a));
}

const PY_REQUEST_TIMEOUT_KEYS = ['timeout', 'request_timeout'];

/** The top-level comma-separated arguments of a call's argument text. */
function splitArguments(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((a) => a.trim()).filter(Boolean);
}

/**
 * A Python request option that is the enclosing function's own parameter, unset by default (`timeout=timeout or
 * NOT_GIVEN`), and no caller in the workspace gives it a value: every call of the function leaves the SDK's default (or,
 * with an explicit None, no timeout at all). Calls are matched by the function's name, in every Python file. A
 * function never called in the workspace (a library's public function), or also named without being called (handed on
 * as a value, `partial(fn, timeout=30)`), leaves the choice to callers unseen, as does a call with `*` / `**` arguments.
 */
function parameterNeverPassed(site: LlmCallSite, value: ValueFact | undefined, ws: WorkspaceView, textOf: (path: string) => string | undefined): boolean {
  const param = value?.kind === 'dynamic' ? value.parameter : undefined;
  const name = site.enclosingFunction?.name;
  if (!param || !name || !/^[A-Za-z_]\w*$/.test(name)) return false;
  const mention = new RegExp(`(?<![\\w])${name}\\b`, 'g');
  const keyword = new RegExp(`^${param.name}\\s*=(?!=)`);
  let calls = 0;
  for (const f of ws.files()) {
    if (f.language !== 'python') continue;
    const text = (f.path === site.path ? textOf(f.path) : undefined) ?? f.text;
    const mentions = [...text.matchAll(mention)].filter((m) => !/\bdef\s+$/.test(text.slice(Math.max(0, m.index - 12), m.index)));
    const args = wrapperCallArgs(site, text) ?? [];
    if (mentions.length !== args.length) return false;
    for (const a of args.map(splitArguments)) {
      calls++;
      const positional = a.filter((x) => !/^[A-Za-z_]\w*\s*=(?!=)/.test(x));
      if (a.some((x) => keyword.test(x) && !/=\s*None$/.test(x)) || positional.some((x) => x.startsWith('*'))) return false;
      if (param.position !== null && positional.length > param.position) return false;
    }
  }
  return calls > 0;
}

/**
 * The request's own timeout option, unless it is a parameter that no caller passes and that then sends NOT_GIVEN (see
 * parameterNeverPassed), so the client's timeout applies. (An explicit None instead is reported at the call.)
 */
function setsRequestTimeout(site: LlmCallSite, keys: string[], ws: WorkspaceView, textOf: (path: string) => string | undefined): boolean {
  return alwaysHasAny(site.args, keys) && !keys.some((k) => {
    const v = site.args.options[k]?.value;
    return (v?.kind === 'dynamic' && v.parameter?.unset === 'not-given' && parameterNeverPassed(site, v, ws, textOf)) || untimedWhenStreaming(site, k);
  });
}

/**
 * `if not stream and timeout_seconds is not None: kwargs["timeout"] = timeout_seconds` in a call that streams when
 * `stream` is true: the streamed requests, the ones that hold a connection longest, get no timeout.
 */
function untimedWhenStreaming(site: LlmCallSite, key: string): boolean {
  const off = site.args.options[key]?.conditional?.offWhen;
  return off !== undefined && off === site.streamsWhen;
}

/**
 * A Python call's `**` spreads may hold one of the keys: a dict whose keys cannot be read, or one whose keys are known
 * (a helper's dict) and include it. A wrapper's own `**kwargs` is left to its callers.
 */
function spreadMayTime(args: ArgsFact, keys: string[]): boolean {
  return args.hasSpread && (!args.spreadIsParameter || keys.some((k) => !!args.spreadKeys?.includes(k)));
}

/**
 * Whether the options set any of the keys, or may: a dotted key (`http_options.timeout`) counts when its object is
 * written out and holds it, or cannot be read (`http_options=types.HttpOptions(...)`, a variable, a spread).
 */
function hasAny(args: ArgsFact, keys: string[]): boolean {
  return keys.some((k) => {
    const [head, ...rest] = k.split('.');
    const opt = args.options[head];
    if (!opt || rest.length === 0) return !!opt;
    let v: ValueFact | undefined = opt.value;
    for (const key of rest) {
      if (!v || v.kind === 'null') return false;
      if (v.kind !== 'object' || v.args.hasSpread) return true;
      v = v.args.options[key]?.value;
    }
    return !!v;
  });
}

/**
 * openai-python and anthropic-python take the timeout of an `http_client=httpx.Client(timeout=30)` given without
 * `timeout=` (`_base_client.py`: a custom client's non-default timeout wins). Only an http client known to be None or
 * built without `timeout=` (httpx's 5 s default, which the SDKs read as "not set") leaves the SDK default.
 */
function httpClientTimeout(client: ClientFact): boolean {
  // Cohere's Python clients take the read timeout of the `httpx_client` they are given (httpx's own default is 5 s).
  if (client.sdk === 'cohere' && Object.hasOwn(client.args.options, 'httpx_client')) return true;
  return 'http_client' in client.args.options && !client.httpClientUntimed && !unsetOnSomePath(client.args, 'http_client');
}

/**
 * A key given by name only on some paths (`if os.environ.get("DEBUG"): kwargs["http_client"] = logging_client()`)
 * leaves the SDK default on the others; not when the condition tests what it gives (`if cfg.timeout:
 * kwargs["timeout"] = cfg.timeout`): that timeout is left to configuration.
 */
function unsetOnSomePath(args: ArgsFact, key: string): boolean {
  const c = args.options[key.split('.')[0]]?.conditional;
  return !!c && !c.configured;
}

/** The options set one of the keys on every path (or may: see hasAny). */
function alwaysHasAny(args: ArgsFact, keys: string[]): boolean {
  return keys.some((k) => hasAny(args, [k]) && !unsetOnSomePath(args, k));
}

/**
 * An Anthropic client with a non-streaming call whose max_tokens the SDK itself expects to take longer than the fix's
 * timeout (60 min × max_tokens / 128,000: 20,000 tokens is over 9 minutes). The fix would cut such answers off, and
 * the SDK retries a timeout, so each is generated and billed up to three times before failing.
 */
function outlastsFixTimeout(client: ClientFact, sites: LlmCallSite[]): boolean {
  if (client.provider !== 'anthropic' || (client.sdk !== 'anthropic' && client.sdk !== 'langchain')) return false;
  return sites.some((s) => sendsThrough(s, client) && s.streaming !== true && (s.maxOutputTokens !== null && s.maxOutputTokensEnv === undefined ? expectedNonStreamingSeconds(s.maxOutputTokens) > FIX_TIMEOUT_SECONDS : unreadMaxTokens(s)));
}

/**
 * `max_tokens: maxTokens` (a parameter, a setting), or `**gen_conf` with no budget written beside it (Anthropic
 * requires one, so it is in there): the budget is set but cannot be read, so it may be a long one.
 */
function unreadMaxTokens(site: LlmCallSite): boolean {
  return (site.sdk === 'anthropic' && site.args.hasSpread) || MAX_TOKEN_KEYS.some((k) => Object.hasOwn(site.args.options, k));
}

/**
 * `Router(model_list=[{"model_name": …, "litellm_params": {…}}])` written out with no deployment setting a `timeout`
 * or `stream_timeout` of its own. A list built elsewhere, or an entry that cannot be read, may set one.
 */
function everyDeploymentUntimed(list: ValueFact | undefined): boolean {
  if (list?.kind !== 'array' || list.elements.length === 0) return false;
  return list.elements.every((e) => {
    const params = e.kind === 'object' && !e.args.hasSpread ? e.args.options.litellm_params?.value : undefined;
    return params?.kind === 'object' && !params.args.hasSpread && !('timeout' in params.args.options) && !('stream_timeout' in params.args.options);
  });
}

/** The call was resolved to this client construction. */
function callsThrough(site: LlmCallSite, client: ClientFact): boolean {
  return !!site.client && site.client.path === client.path && site.client.span.start === client.span.start;
}

/**
 * The call may go through this client construction: the one it resolved to, or another the same name or attribute is
 * bound to on another branch (`if token: self.client = AnthropicVertex(…)` / `else: self.client = AnthropicVertex(…)`).
 */
function sendsThrough(site: LlmCallSite, client: ClientFact): boolean {
  return callsThrough(site, client) || !!site.otherClients?.some((o) => o.path === client.path && o.start === client.span.start);
}

/**
 * A Python agent whose model sends through this client: its model object was given the client, or it is an Agents SDK
 * agent without one and the client is the SDK's default (`set_default_openai_client(client)`).
 */
function agentSendsThrough(site: LlmCallSite, client: ClientFact): boolean {
  const via = site.agent ? site.agentClient : undefined;
  if (!via) return false;
  if (via === 'default') return site.sdk === 'openai-agents' && !!client.agentsDefault;
  return via.path === client.path && via.start === client.span.start;
}

/** Every call of the client in the workspace sets its own timeout (one timed call says nothing of the others). */
function timedPerRequest(client: ClientFact, sites: LlmCallSite[], ws: WorkspaceView, textOf: (path: string) => string | undefined): boolean {
  const own = sites.filter((s) => sendsThrough(s, client) || agentSendsThrough(s, client));
  return own.length > 0 && own.every((s) => {
    // An agent's model settings with a timeout (`ModelSettings(extra_args={"timeout": 60})`, pydantic-ai's
    // `model_settings={"timeout": 60}`): the framework passes it to each SDK call of its runs.
    if (s.agent) return s.agentRequestTimeout === true && !usedByOtherModules(s.path, s.agentSharedNames, ws);
    // `async with asyncio.timeout(25):` / `asyncio.wait_for(call, timeout=20)` cancels the call on time.
    if (s.deadlineSeconds !== undefined) return true;
    // ollama's `chat()` / `generate()` take no transport options: a `**params` cannot carry a timeout.
    if (s.sdk === 'ollama') return false;
    // Nor do huggingface_hub's chat_completion() / text_generation(): only the client's `timeout=` bounds them.
    if (s.sdk === 'huggingface' && s.language === 'python') return false;
    if (s.sdk === 'google-genai') return mayCarryHttpOptions(s.args.options.config?.value);
    // A BedrockRuntimeClient's `send(command, { abortSignal, requestTimeout })`, or options not written in place (a
    // second argument that is not an object literal counts as a spread).
    if (s.sdk === 'aws-sdk') return !!s.requestOptions && (s.requestOptions.hasSpread || hasAny(s.requestOptions, ['abortSignal', 'requestTimeout']));
    // Cohere: `request_options={"timeout_in_seconds": …}` (Python), the request options `{ timeoutInSeconds }` (JS).
    if (s.sdk === 'cohere') return s.language === 'python' ? s.args.hasSpread || hasAny(s.args, ['request_options.timeout_in_seconds']) : !!s.requestOptions && (s.requestOptions.hasSpread || hasAny(s.requestOptions, ['timeoutInSeconds', 'abortSignal']));
    // LangChain.js call options (`model.invoke(input, { timeout: 30_000 })`, `{ signal }`): the site's args.
    if (s.sdk === 'langchain' && s.language !== 'python') return s.args.hasSpread || 'timeout' in s.args.options || 'signal' in s.args.options;
    const ro = s.requestOptions;
    // Python SDKs take per-request options as keywords of the call itself: `create(…, timeout=30)`, or inside a
    // `**kwargs` built in the function whose keys cannot be read (`kwargs = dict(…, timeout=60)`, a dict filled in
    // later). A wrapper's own `**kwargs` passed through is its callers' choice, and they seldom pass a timeout: unless
    // a call of the wrapper in its module does.
    if (s.language === 'python' && (setsRequestTimeout(s, PY_REQUEST_TIMEOUT_KEYS, ws, textOf) || spreadMayTime(s.args, PY_REQUEST_TIMEOUT_KEYS) || (s.args.hasSpread && callerPassesTimeout(s, textOf(s.path) ?? '')))) return true;
    return [ro, s.copyOptions].some((o) => !!o && (o.hasSpread || 'timeout' in o.options || 'signal' in o.options));
  });
}

/**
 * A google-genai request `config` whose `http_options` set a timeout (`client_args={"timeout": …}` does not: the SDK
 * passes its own `timeout=None` on every request, which httpx takes over the client's), or one we cannot read.
 */
function mayCarryHttpOptions(config: ValueFact | undefined): boolean {
  if (!config) return false;
  // @google/genai (JS) also takes a per-request `config.abortSignal`.
  if (config.kind === 'object') return config.args.hasSpread || hasAny(config.args, ['http_options.timeout', 'httpOptions.timeout', 'abortSignal']);
  if (config.kind === 'dynamic') return /http_?[oO]ptions/.test(config.text) || /^[\w.]+$/.test(config.text.trim());
  return false;
}

/**
 * `until`: what ends a stalled request first where the client is written in a route file whose own limits end the
 * function (its maxDuration, the Edge runtime), so the SDK's default is never reached.
 */
function clientMessage(client: ClientFact, language: 'typescript' | 'python', ws: WorkspaceView, until?: string): string | null {
  // CrewAI's LLM: which client sends its requests changed between releases, both waiting 600 s by default.
  if (client.sdk === 'crewai' || client.crewaiAgent) return crewaiMessage(client, ws);
  const sdk = catalogSdkOfClient(client, language);
  const defaults = sdkDefaults(sdk, language);
  if (!defaults) return null;
  const name = client.sdk === 'litellm' ? 'LiteLLM Router' : client.sdk === 'ollama' || client.sdk === 'cohere' || /Client$/.test(clientLabel(client)) ? clientLabel(client) : `${clientLabel(client)} client`;
  if (defaults.defaultTimeoutSeconds === null) {
    // LangChain Python hands the provider SDK `timeout=None`, which turns the SDK's own default off.
    const who =
      language === 'python' && client.sdk === 'langchain' ? 'LangChain passes timeout=None to the SDK' : client.sdk === 'llamaindex' ? 'LlamaIndex passes timeout=None to the SDK' : client.sdk === 'ollama' ? 'ollama passes timeout=None to httpx' : 'the SDK sets none';
    return `${name} has no timeout and ${who}, so a stalled request waits ${until ? `until ${until}` : 'forever'}`;
  }
  if (until) return `${name} has no timeout, so a stalled request waits until ${until}, sooner than the SDK default of ${defaults.defaultTimeoutSeconds} s per attempt`;
  const retryKeys = optionNames(sdk, language)?.client.maxRetries ?? [];
  const explicit = retryKeys.map((k) => client.args.options[k]?.value).find((v) => v?.kind === 'number');
  const attempts = sdkAttempts(defaults, explicit?.kind === 'number' ? explicit.value : null);
  const worst = defaults.defaultTimeoutSeconds * attempts;
  const whose = client.sdk === 'litellm' ? 'LiteLLM\'s default (litellm.request_timeout)' : 'the SDK default';
  // AG2 builds OpenAI(…) from an llm_config entry's keys alone, and fails over to the next entry on a timeout.
  if (client.ag2LlmConfig) {
    const n = client.ag2LlmConfig.entries;
    const failover = n > 1 ? `; a timeout moves on to the next of the config_list's ${n} entries, each waiting as long` : '';
    return `${clientLabel(client)} has no timeout (nor has its llm_config), and ${AG2_LLM_CONFIG.label} builds OpenAI(…) from its keys without one, so a stalled request waits openai-python's default of ${defaults.defaultTimeoutSeconds} s per attempt, up to ${worst} s across ${attempts} attempts${failover}; set "timeout" (seconds) in the llm_config`;
  }
  // AutoGen's model clients build an AsyncOpenAI from the keywords they were given: openai-python's defaults apply.
  // Semantic Kernel's connectors take no timeout: they build an AsyncOpenAI without one unless given a client.
  if (client.sdk === 'semantic-kernel') return `${client.className} takes no timeout and builds its ${sdkClientOf(client.className)} client without one, so a stalled request waits openai-python's default of ${defaults.defaultTimeoutSeconds} s per attempt, up to ${worst} s across ${attempts} attempts; pass a client of your own with a timeout (\`async_client=${sdkClientOf(client.className)}(…, timeout=120)\`)`;
  if (client.sdk === 'autogen') return `${name} has no timeout and AutoGen passes none to the openai-python client it builds, so a stalled request waits openai-python's default of ${defaults.defaultTimeoutSeconds} s per attempt, up to ${worst} s across ${attempts} attempts`;
  if (attempts === 1) return `${name} has no timeout, so a stalled request waits ${whose} of ${defaults.defaultTimeoutSeconds} s, in one attempt (retries are off)`;
  // Cohere's SDKs retry error responses but not a request that timed out: one wait is the worst.
  if (!defaults.retriesTimeouts) return `${name} has no timeout, so a stalled request waits ${whose} of ${defaults.defaultTimeoutSeconds} s (a timed-out request is not retried)`;
  return `${name} has no timeout, so a stalled request waits ${whose} of ${defaults.defaultTimeoutSeconds} s per attempt, up to ${worst} s across ${attempts} attempts`;
}

/** The openai-python client a Semantic Kernel connector builds. */
function sdkClientOf(connector: string): string {
  return connector === 'AzureChatCompletion' ? 'AsyncAzureOpenAI' : 'AsyncOpenAI';
}

/**
 * Why a smolagents model's requests wait too long, or null when they are bounded: a timeout where its class passes one
 * on (a keyword of every request, `client_kwargs`), a client of the code's own (`client=`), InferenceClientModel's own
 * 120 s, or LiteLLM's global `litellm.request_timeout` set in the workspace.
 */
function smolagentsMessage(site: LlmCallSite, ws: WorkspaceView): string | null {
  const cls = site.method.replace(/^smolagents\./, '');
  if (!Object.hasOwn(SMOLAGENTS_MODELS, cls)) return null;
  const facts = SMOLAGENTS_MODELS[cls as keyof typeof SMOLAGENTS_MODELS];
  if (!facts.underlyingSdk || hasAny(site.args, [...facts.timeoutKeys, 'client'])) return null;
  const d = sdkDefaults(facts.underlyingSdk, 'python');
  if (d?.defaultTimeoutSeconds == null) return null;
  if (facts.underlyingSdk === 'litellm') {
    if (litellmRequestTimeoutSet(ws)) return null;
    return `${cls} has no timeout and smolagents sets none, so a stalled request of every agent run using it waits LiteLLM's default of ${d.defaultTimeoutSeconds} s`;
  }
  const clientKwargs = site.args.options.client_kwargs?.value;
  const explicit = clientKwargs?.kind === 'object' ? clientKwargs.args.options.max_retries?.value : undefined;
  const attempts = sdkAttempts(d, explicit?.kind === 'number' ? explicit.value : null);
  return `${cls} has no timeout and smolagents passes none to the openai-python client it builds, so a stalled request of every agent run using it waits openai-python's default of ${d.defaultTimeoutSeconds} s per attempt, up to ${d.defaultTimeoutSeconds * attempts} s across ${attempts} attempts`;
}

/**
 * CrewAI's LLM: the defaults of both clients it may send through (LiteLLM before 1.0, openai-python after), for an LLM
 * built in the code, one CrewAI builds for an Agent from a model name or the environment, or one it rebuilds from
 * another framework's chat model (catalogue CREWAI_AGENT_LLM). Only LiteLLM's when the manifests allow no 1.x release.
 */
function crewaiMessage(client: ClientFact, ws: WorkspaceView): string | null {
  const litellm = sdkDefaults('litellm', 'python');
  const openai = sdkDefaults('openai', 'python');
  if (litellm?.defaultTimeoutSeconds == null || openai?.defaultTimeoutSeconds == null) return null;
  const attempts = sdkAttempts(openai, null);
  const pin = pythonCeiling(ws, client.path, 'crewai');
  const waits =
    pin && ceilingBelow(pin, CREWAI_LLM.nativeProvidersSince)
      ? `so a stalled request waits LiteLLM's default of ${litellm.defaultTimeoutSeconds} s (CrewAI before 1.0, as ${path.basename(pin.manifest)} requires)`
      : `so a stalled request waits LiteLLM's default of ${litellm.defaultTimeoutSeconds} s (CrewAI before 1.0) or openai-python's ${openai.defaultTimeoutSeconds} s per attempt across ${attempts} attempts (the native OpenAI provider of CrewAI 1.x)`;
  const pass = 'pass llm=LLM(model=…, timeout=…) instead';
  if (client.crewaiAgent) return `${clientLabel(client)} client is handed to a CrewAI Agent, which sends through a CrewAI LLM rebuilt from its model name and a few attributes (never its timeout), ${waits}; ${pass}`;
  if (client.builtBy === 'model-name') return `${clientLabel(client)} is a model name, which CrewAI turns into LLM(model=…) with no timeout, ${waits}; ${pass}`;
  if (client.builtBy === 'default') return `${clientLabel(client)} sends through the default LLM CrewAI builds from the environment (${CREWAI_AGENT_LLM.defaultModelEnv.join(' / ')}) with no timeout, ${waits}; ${pass}`;
  return `${CREWAI_LLM.label} has no timeout and CrewAI passes none on, ${waits}`;
}

function legacyMessage(site: LlmCallSite): string | null {
  const d = sdkDefaults('openai-legacy', 'python');
  if (!d || d.defaultTimeoutSeconds === null) return null;
  // `timeout=` looks like the answer but only bounds the SDK's wait for a warming-up model (HTTP 409).
  const misleading = 'timeout' in site.args.options ? '; `timeout=` does not limit the HTTP request in openai < 1.0' : '';
  return `openai.${site.method} has no request_timeout, so a stalled request waits the openai < 1.0 default of ${d.defaultTimeoutSeconds} s${misleading}`;
}

function moduleClientMessage(site: LlmCallSite): string | null {
  const d = sdkDefaults('openai', 'python');
  if (!d || d.defaultTimeoutSeconds === null) return null;
  const attempts = sdkAttempts(d, null);
  const across = attempts === 1 ? 'in one attempt' : `per attempt, up to ${d.defaultTimeoutSeconds * attempts} s across ${attempts} attempts`;
  return `openai.${site.method} goes through the openai module's default client, which has no timeout here, so a stalled request waits the SDK default of ${d.defaultTimeoutSeconds} s ${across}`;
}

function v3Message(site: LlmCallSite): string {
  return `${site.method} has no timeout and the OpenAI SDK 3.x sets none (axios defaults to 0, no timeout), so a stalled request waits forever`;
}

/** The axios config or Configuration of an openai-node 3.x call that may carry a timeout (or one we cannot read). */
function v3Timed(site: LlmCallSite, text: string): boolean {
  const ro = site.requestOptions;
  if (!ro || ro.hasSpread || ['timeout', 'signal', 'cancelToken'].some((k) => k in ro.options)) return true;
  // `createChatCompletion(...args)`: the config may be in there.
  if (/^\s*\.\.\./.test(text.slice(site.args.callArgsSpan.start + 1, site.args.callArgsSpan.end - 1))) return true;
  const client = site.client;
  if (!client || client.args.hasSpread) return true;
  const base = client.args.options.baseOptions?.value;
  return !!base && (base.kind !== 'object' || base.args.hasSpread || 'timeout' in base.args.options || 'signal' in base.args.options);
}

/**
 * A @google/generative-ai request with a timeout or signal in its `requestOptions` or the model object's, options we
 * cannot read (a variable, a spread), or a race against a timer in its function (`Promise.race`, an AbortController).
 */
function generativeModelTimed(site: LlmCallSite, text: string): boolean {
  const timed = (o: ArgsFact | undefined) => !!o && (o.hasSpread || hasAny(o, ['timeout', 'signal']));
  if (timed(site.requestOptions) || timed(site.client?.requestOptions)) return true;
  if (text.slice(site.args.callArgsSpan.start, site.args.callArgsSpan.end).includes('...')) return true;
  const fn = site.enclosingFunction?.span;
  return !!fn && /\bPromise\.race\b|\bAbortController\b|\bAbortSignal\.timeout\b|\bp-?[tT]imeout\b|\bwithTimeout\b/.test(text.slice(fn.start, fn.end));
}

/**
 * A package.json that allows only @google/generative-ai releases without the per-request options argument (before
 * 0.16.0): the note that replaces the fix, which would not type-check and be ignored at run time.
 */
function oldGenerativeAi(site: LlmCallSite, ws: WorkspaceView): string | null {
  const pin = declaredNpmCeiling(ws.readText, ws.root, site.path, '@google/generative-ai');
  if (!pin || !ceilingBelow(pin, GOOGLE_GENERATIVE_AI_JS_SINCE.singleRequestOptions)) return null;
  const declared = `@google/generative-ai ${pin.spec} (${path.basename(pin.manifest)})`;
  return ceilingBelow(pin, GOOGLE_GENERATIVE_AI_JS_SINCE.requestTimeout)
    ? `; ${declared} has no timeout option at all (it came in ${GOOGLE_GENERATIVE_AI_JS_SINCE.requestTimeout}): upgrade, or race the request against a timer`
    : `; ${declared} takes it only in getGenerativeModel's second argument (per request from ${GOOGLE_GENERATIVE_AI_JS_SINCE.singleRequestOptions})`;
}

/** `createChatCompletion(body)` → `createChatCompletion(body, { timeout: 120_000 })`, or the key added to an axios config literal. */
function v3Fix(site: LlmCallSite, writer: CodeWriter, text: string): TextEdit[] {
  const ro = site.requestOptions!;
  const value = { $code: { typescript: `${FIX_TIMEOUT_SECONDS}_000` } };
  if (ro.span) return writer.addOption(ro, 'timeout', value, text);
  // No second argument: insert one after the body, which must be a literal or a plain name.
  const end = afterFirstArgument(site.args, text);
  return end === null ? [] : [{ start: end, end, newText: `, { timeout: ${FIX_TIMEOUT_SECONDS}_000 }` }];
}

/** `timeout=120` on a `requests.post(...)`; `timeout: 120_000` in an axios config, or a config added as the third argument. */
function httpTimeoutFix(ro: ArgsFact, writer: CodeWriter, text: string): TextEdit[] {
  if (writer.language === 'python') return writer.addOption(ro, 'timeout', FIX_TIMEOUT_SECONDS, text);
  if (ro.span) return ro.detached ? [] : writer.addOption(ro, 'timeout', { $code: { typescript: `${FIX_TIMEOUT_SECONDS}_000` } }, text);
  // `axios.post(url, body)`: a config after the last argument (before a trailing comma, if any).
  const close = ro.callArgsSpan.end - 1;
  if (text[close] !== ')') return [];
  const inner = text.slice(ro.callArgsSpan.start + 1, close);
  const last = inner.trimEnd();
  if (!last) return [];
  const at = ro.callArgsSpan.start + 1 + last.length;
  return [{ start: at, end: at, newText: `${last.endsWith(',') ? ' ' : ', '}{ timeout: ${FIX_TIMEOUT_SECONDS}_000 }` }];
}

function isZero(v: ValueFact | undefined): boolean {
  return v?.kind === 'number' && v.value === 0;
}

/**
 * `signal: AbortSignal.timeout(120_000)` in a node-fetch init written in place: v3 has no `timeout` option, and a
 * signal works from node-fetch 2.3 on. Not on a request that may stream (the signal bounds the whole body too), and
 * not when the init is missing or built elsewhere.
 */
function nodeFetchSignalFix(site: LlmCallSite, ro: ArgsFact, writer: CodeWriter, text: string): TextEdit[] {
  if (site.streaming !== false || !ro.span || ro.detached) return [];
  return writer.addOption(ro, 'signal', { $code: { typescript: `AbortSignal.timeout(${FIX_TIMEOUT_SECONDS}_000)` } }, text);
}

const routeLimits = oncePerText((text) => ({
  maxDuration: /^export\s+const\s+maxDuration\s*=\s*(\d+)/m.exec(text)?.[1],
  edge: /^export\s+const\s+runtime\s*=\s*['"]edge['"]/m.test(text),
}));

/** The route's `maxDuration` in seconds when the platform the workspace deploys to ends the function there, else null. */
function maxDurationOf(file: FileFacts, ws: WorkspaceView): number | null {
  const { maxDuration } = routeLimits(file.text);
  if (!routeMaxDurationApplies(ws, file.path)) return null;
  // The route's own export, else the `functions` settings of the project's vercel.json.
  return maxDuration ? Number(maxDuration) : vercelJsonMaxDuration(ws, file.path);
}

/**
 * The `maxDuration` a helper's call runs under when it is written in a module of its own (`lib/title.ts`) that route
 * files import and call: the shortest of theirs, when every such caller sets one (a caller without one runs under the
 * platform's default, which may be longer). Matched by the helper's name and the module's file name.
 */
function callerMaxDuration(site: LlmCallSite, ws: WorkspaceView): { seconds: number; route: string } | null {
  const fn = site.enclosingFunction;
  if (!fn?.name || !/^[A-Za-z_$][\w$]*$/.test(fn.name) || !fn.requestPath?.startsWith('called from')) return null;
  const imports = importsModuleNamed(site.path);
  if (!imports) return null;
  const calls = new RegExp(`(?<![\\w$.])${fn.name.replace(/\$/g, '\\$')}\\s*\\(`);
  let best: { seconds: number; route: string } | null = null;
  for (const f of ws.files()) {
    if (f.path === site.path || (f.language !== 'typescript' && f.language !== 'javascript') || !imports.test(f.text) || !calls.test(f.text)) continue;
    const seconds = maxDurationOf(f, ws);
    if (seconds === null) return null;
    if (!best || seconds < best.seconds) best = { seconds, route: f.path };
  }
  return best;
}

/**
 * What ends the function of a route file before a stalled request does, where the platform the workspace deploys to
 * applies it: the route's maxDuration, else the Edge runtime's own limit (seconds unknown), else in a Supabase Edge
 * Function the platform's 504 after its request idle timeout. Null in other files.
 */
function routeLimitOf(file: FileFacts, ws: WorkspaceView): { seconds: number | null; what: string } | null {
  const maxDuration = maxDurationOf(file, ws);
  if (maxDuration) return { seconds: maxDuration, what: `the route's maxDuration of ${maxDuration} s kills the whole function` };
  if (routeLimits(file.text).edge && routeMaxDurationApplies(ws, file.path)) return { seconds: null, what: 'the Edge runtime\'s own limit ends the whole request' };
  if (inSupabaseEdgeFunction(file.path)) return { seconds: SUPABASE_IDLE_SECONDS, what: SUPABASE_LIMIT };
  return null;
}

const SUPABASE_IDLE_SECONDS = SUPABASE_EDGE_FUNCTIONS.requestIdleTimeoutSeconds.value;
/** What ends a stalled Supabase Edge Function: the platform answers 504 when no response has started. */
const SUPABASE_LIMIT = `Supabase answers 504 (an Edge Function's request idle timeout of ${SUPABASE_IDLE_SECONDS} s)`;

/**
 * The abort for an AI SDK call: 120 s, or in a route whose `maxDuration` ends the function sooner, 90% of it, so the
 * call fails with an error the code can handle before the platform kills the function (an abort after the kill
 * would never fire).
 */
function abortSeconds(maxDuration: number | null): number {
  return maxDuration ? Math.max(1, Math.min(FIX_TIMEOUT_SECONDS, Math.floor(maxDuration * 0.9))) : FIX_TIMEOUT_SECONDS;
}

function aiSdkMessage(site: LlmCallSite, file: FileFacts, ws: WorkspaceView, maxDuration: number | null, caller: { seconds: number; route: string } | null): string {
  const head = `${site.method} has no timeout or abortSignal and the AI SDK sets none, so a stalled provider holds the request open until`;
  // A Next.js route's own limits end it first: `export const maxDuration = 30` kills the function on Vercel, the Edge
  // runtime has a limit of its own.
  if (maxDuration) return `${head} the route's maxDuration of ${maxDuration} s kills the whole function`;
  if (caller) return `${head} the maxDuration of ${caller.seconds} s of the route that calls it (${path.relative(path.dirname(site.path), caller.route).split(path.sep).join('/')}) kills the whole function`;
  if (routeLimits(file.text).edge) return `${head} the Edge runtime's own limit ends the whole request`;
  if (inSupabaseEdgeFunction(file.path)) return `${head} ${SUPABASE_LIMIT}`;
  if (onCloudflareWorkers(ws, file.path)) return `${head} the client goes away`;
  // Node's fetch gives up on a silent response after five minutes (the openai-node docstring on fetch timeouts).
  return `${head} the runtime's fetch gives up (5 minutes of silence in Node.js)`;
}

/**
 * The fix's global timeout for a LiteLLM proxy config: `request_timeout` in its `litellm_settings` (which sets
 * `litellm.request_timeout`, the router's own default), or `timeout` in its `router_settings` when only that section
 * is written. Per-deployment timeouts still win over either (router.py `_get_non_stream_timeout`).
 */
function litellmConfigFix(found: LitellmConfigFound): { title: string; edit: TextEdit } | null {
  const { text, doc, docIndex, at } = found;
  const routerOnly = get(doc, at.node, 'router_settings') !== null && get(doc, at.node, 'litellm_settings') === null;
  const key = routerOnly ? ['router_settings', 'timeout'] : ['litellm_settings', 'request_timeout'];
  const edit = yamlSet(text, docIndex, [...at.path, ...key], FIX_TIMEOUT_SECONDS);
  return edit ? { title: `Set ${key.join('.')} to ${FIX_TIMEOUT_SECONDS} s`, edit } : null;
}

/** "up to 18000 s (5 h) across 3 attempts", "in one attempt (num_retries: 0)", or the retries that cannot be read. */
function litellmAttempts(retries: number | null): string {
  const t = LITELLM.timeoutSeconds.value;
  if (retries === null) return `per attempt, times the attempts its num_retries allows`;
  if (retries <= 0) return `in one attempt (num_retries: ${retries})`;
  const worst = t * (retries + 1);
  const hours = worst >= 3600 ? ` (${Number((worst / 3600).toFixed(1))} h)` : '';
  return `per attempt, up to ${worst} s${hours} across ${retries + 1} attempts`;
}

/** The proxy CLI's `--request_timeout`: every request the proxy serves gets that timeout (proxy_cli.py, proxy_server.py). */
const PROXY_CLI_TIMEOUT = /--request_timeout\b/;

/**
 * The proxy loading `configPath` is started with `--request_timeout`: a file of the workspace passes it (a compose
 * `command`, a Dockerfile `CMD`, a container's `args`) and sits in the config's directory or one above it, or names
 * the config's file.
 */
function startedWithTimeout(ws: WorkspaceView, configPath: string): boolean {
  const dir = path.dirname(path.resolve(configPath));
  const base = path.basename(configPath);
  return [...ws.files()].some((f) => {
    if (!PROXY_CLI_TIMEOUT.test(f.text)) return false;
    const fileDir = path.dirname(path.resolve(f.path));
    return dir === fileDir || dir.startsWith(fileDir + path.sep) || f.text.includes(base);
  });
}

/**
 * LiteLLM proxy configs (a `config.yaml`, a Helm values file's `proxy_config`, a ConfigMap's `config.yaml: |`) with a
 * chat deployment that no timeout bounds: no global one (router_settings.timeout / stream_timeout, litellm_settings.
 * request_timeout) and none of its own (litellm_params.timeout / request_timeout / stream_timeout). Each attempt then
 * waits LiteLLM's default request_timeout. Mock deployments (a fake endpoint, a placeholder key) are not counted.
 */
function checkLitellmConfigs(ctx: RuleContext<object>): void {
  const { file } = ctx;
  for (const found of litellmConfigsIn(file.text, file.path)) {
    const { doc, at, block } = found;
    if (globalTimeoutSet(doc, at.node)) continue;
    const s = summarizeLitellm(doc, at.node);
    const chat = s.models.filter((m) => !m.nonChat && !isMockDeployment(m));
    const untimed = chat.filter((m) => !m.setsTimeout);
    if (!untimed.length) continue;
    // Timeouts set outside the file: models and settings kept in the proxy's database (the Admin UI), or the proxy
    // started with `--request_timeout`.
    if (litellmKeepsModelsInDb(found, ctx.workspace.envDefinitions, file.path) || startedWithTimeout(ctx.workspace, file.path)) continue;
    const all = untimed.length === chat.length;
    const span = all ? (s.modelListKey ?? untimed[0].nameSpan) : untimed[0].nameSpan;
    if (!span) continue;
    const where = block ? ` (ConfigMap key ${block.key})` : at.path.length ? ` (Helm values ${at.path.join('.')})` : '';
    const names = [...new Set(untimed.map((m) => m.name))];
    const named = `${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`;
    const subject = all
      ? `LiteLLM proxy config${where} sets no timeout (router_settings.timeout, litellm_settings.request_timeout or a deployment's litellm_params.timeout)`
      : `LiteLLM proxy config${where} sets no global timeout (router_settings.timeout, litellm_settings.request_timeout) and ${untimed.length} of its ${chat.length} chat deployments (${named}) ${untimed.length === 1 ? 'sets none of its own' : 'set none of their own'}`;
    const message = `${subject}, so a stalled request waits LiteLLM's default of ${LITELLM.timeoutSeconds.value} s ${litellmAttempts(routerRetries(doc, at.node))}`;
    const fix = litellmConfigFix(found);
    ctx.report({
      span: block ? outerSpan(block, span) : span,
      message,
      fix: fix ? { title: fix.title, edits: [block ? outerEdit(block, fix.edit) : fix.edit], safety: 'unsafe' } : undefined,
    });
  }
}

export default defineRule({
  id: 'missing-timeout',
  family: 'resilience',
  severity: 'warning',
  fixable: 'unsafe',
  languages: ['typescript', 'javascript', 'python', 'yaml'],
  docs: {
    summary: 'LLM client or call without an explicit timeout (SDK defaults are 600 s, LiteLLM 6000 s, Vercel AI and node-fetch none)',
    why: [
      'The OpenAI and Anthropic SDKs wait **600 s** (10 minutes) per attempt by default and retry timeouts twice, so one hung request can hold a worker for up to **30 minutes** (600 s × 3 attempts) before the caller sees an error.',
      'LangChain.js `ChatOpenAI` (and `ChatDeepSeek`, built on it, and the completion model `OpenAI` of @langchain/openai or `langchain/llms/openai`, not to be confused with the openai SDK\'s client) leaves the OpenAI SDK timeout at 600 s and retries 6 times (7 attempts). `ChatGoogleGenerativeAI` and `ChatVertexAI` have no timeout option and their SDKs set none, so they are reported without a fix: pass `{ timeout }` in each call\'s options. `ChatOllama` (@langchain/ollama, and the deprecated one of @langchain/community) is one `fetch` per call with no timeout option, left alone like a raw `fetch`: the runtime\'s limits apply. `ChatGroq` (groq-sdk: 60 s), like the Groq and Cerebras Python clients (`Groq()`, `Cerebras()`: 60 s unless built with `timeout=None`, which is no timeout at all and is reported), and `ChatMistralAI` (30 s with `@langchain/mistralai` 1.1 and later; 0.2–1.0 install a Mistral SDK with no timeout, which is missed) already time out sooner than the fix would, and are left alone, as is any client whose default is no longer than 120 s. LangChain Python `ChatOpenAI` (like `ChatAnthropic` and langchain-groq `ChatGroq`, which hands its `timeout` and `max_retries=2` to the Groq SDK) passes `timeout=None` to the SDK client unless told otherwise, and openai-python takes an explicit `None` as no timeout at all (it fills in its 600 s only when the argument is omitted): a stalled request waits forever. langchain-deepseek `ChatDeepSeek`, built on the same base class, leaves an unset timeout out of the client it builds, so openai-python\'s 600 s and 2 retries apply. LlamaIndex\'s `Anthropic` LLM (`from llama_index.llms.anthropic import Anthropic`) does the same: its `timeout` defaults to None and goes to the anthropic client as is; its `OpenAI`, `OpenAILike` and `AzureOpenAI` LLMs default to 60 s and are left alone. LangChain\'s `ChatLiteLLM` (langchain-litellm, or langchain_community\'s) is left alone too: its `request_timeout` reaches litellm as `timeout` (unset: litellm\'s 600 s) in today\'s langchain-litellm but as `force_timeout` in older releases and langchain_community\'s class, and the installed release is not read. CrewAI\'s `LLM(…)` (`from crewai import LLM`) is reported where it is built: it hands `timeout` on only when given, so before CrewAI 1.0 `litellm.completion` waits its 600 s and from 1.0 the native OpenAI provider\'s openai-python client waits 600 s per attempt (the message names only LiteLLM when the manifests allow no 1.x release, `crewai==0.201.1`); its fix is `timeout=120` (seconds, taken by both). CrewAI builds an Agent\'s LLM itself from a model name (`Agent(llm="gpt-4o")`, or a Crew\'s `manager_llm="gpt-4o"`) as `LLM(model=…)` alone, and for an Agent given no llm (and no `config=`) from the environment (MODEL / MODEL_NAME / OPENAI_MODEL_NAME), both without a timeout: reported at the Agent without a fix (pass `llm=LLM(model=…, timeout=…)`). So does a LangChain agent factory from a model name (`create_agent("openai:gpt-4o", tools)` from `langchain.agents`, LangGraph\'s `create_react_agent(model="anthropic:claude-…")`), which builds the chat model with `init_chat_model(model)` and nothing else: reported at the factory call without a fix (pass it a chat model built with `timeout=`); so is LangChain.js 1.0\'s `createAgent({ model: \'openai:gpt-4o\' })`. A LangChain chat model handed to an Agent (`Agent(llm=ChatOpenAI(…))`, also through `self.llm` of a `@CrewBase` class) is rebuilt as a CrewAI LLM from attributes that never include LangChain\'s timeout: reported without a fix, as adding `timeout=` to it would not reach the requests. AutoGen\'s model clients (`OpenAIChatCompletionClient`, `AzureOpenAIChatCompletionClient` from `autogen_ext.models.openai`) build an `AsyncOpenAI` / `AsyncAzureOpenAI` from the keywords they are given, so without `timeout=` openai-python\'s 600 s and 2 retries apply; the fix is `timeout=120` (AutoGen\'s config model types it as a float of seconds). Semantic Kernel\'s OpenAI connectors (`OpenAIChatCompletion`, `AzureChatCompletion` from `semantic_kernel.connectors.ai.open_ai`) take no timeout and, without `async_client=`, build an `AsyncOpenAI` / `AsyncAzureOpenAI` without one (openai-python\'s 600 s and 2 retries): reported at the connector without a fix, the message saying to pass a client built with a timeout (`async_client=AsyncOpenAI(…, timeout=120)`); a connector given `async_client=` is left alone, its client judged where it is built. AG2 (formerly pyautogen 0.2) builds `OpenAI(…)` from each entry of an agent\'s `llm_config` (a config_list dict, or a dict / `LLMConfig(…)` that is one entry) with the entry\'s keys over the llm_config\'s `timeout` / `max_retries`, and passes none it was not given: an entry written in the code whose llm_config sets no `timeout` is reported without a fix (openai-python\'s 600 s per attempt and 2 retries, and a timeout moves on to the next entry); configs read from a file or the environment (`config_list_from_json`, `LLMConfig.from_json`), other api_types (azure, anthropic, ollama, …) and entries without a model are left alone. Microsoft Agent Framework\'s class of the same name is not read.',
      'The Vercel AI SDK (`generateText`, `streamText`, …) sets **no timeout at all** unless `timeout` or `abortSignal` is passed. Options spread into the call may carry one, so the call is left alone, unless every spread is known: an object literal written in the call (`...(json && { … })`) or a `const` bound to one that nothing changes (not exported; only read, copied or spread: `const commonOptions = { experimental_telemetry: { isEnabled: true } }` spread into every call of a wrapper module), whose keys then count as written in the call. Agents (`new ToolLoopAgent({ … })`, AI SDK 5\'s `Experimental_Agent`) are not reported: a run is bounded where it starts (`agent.generate({ prompt, abortSignal })`, `createAgentUIStreamResponse({ agent, abortSignal })`) or, depending on the release, in the settings (`abortSignal` in AI SDK 5, `timeout` in later AI SDK 6 releases), which the rule does not follow from the settings to the runs.',
      'A DSPy `dspy.LM(…)` (every program configured with it sends through it) is reported at its construction when it has no `timeout=`: DSPy hands the LM\'s keywords to each `litellm.completion` request and sets no timeout of its own, so LiteLLM\'s 600 s default applies; keywords spread in (`dspy.LM(**settings)`) may carry one and are left alone. The fix adds `timeout=120` (DSPy\'s cache keys on the request, so the first call after the change is a cache miss).',
      'A Google ADK agent\'s `LiteLlm(model="openai/gpt-4o")` (from `google.adk.models.lite_llm`, given as the `model=` of an `Agent(…)` / `LlmAgent(…)` from `google.adk.agents`, in place or through a name of the same file) is reported at its construction when it has no `timeout=`: ADK adds the model\'s extra keywords to every `litellm.acompletion(…)` of the agent\'s runs and sets no timeout of its own, so LiteLLM\'s 600 s default applies; keywords spread in, or `litellm.request_timeout` set in the workspace, count as bounded. The fix adds `timeout=120` to the `LiteLlm(…)`. A Gemini model (a `gemini-…` string, `Gemini(…)`) is left alone: its client\'s timeout comes from the agent\'s `generate_content_config` on each request, which no one fix can safely fill in.',
      'A smolagents API model (`LiteLLMModel`, `OpenAIServerModel`, `AzureOpenAIServerModel`; every agent given it, `CodeAgent(model=model)`, and every direct call `model(messages)` sends through it) is reported at its construction when it has no `timeout=`: smolagents hands the model\'s extra keywords to every request (`litellm.completion(…)`, `chat.completions.create(…)`) and sets no timeout of its own, so LiteLLM\'s default or openai-python\'s 600 s per attempt applies. `client_kwargs={"timeout": …}` (the openai client\'s), a `client=` of the code\'s own, keywords spread in, or LiteLLM\'s global `litellm.request_timeout` set in the workspace count as bounded. `InferenceClientModel` / `HfApiModel` give `InferenceClient` a 120 s default and are left alone, as are local models (`TransformersModel`, `MLXModel`, `VLLMModel`), which send no request. The fix adds `timeout=120` to the construction (a per-request timeout in both clients).',
      'The pre-1.0 openai-python API (`openai.ChatCompletion.create(...)`, `acreate`, `openai.Completion.*`) has no client: each call waits **600 s** unless it passes `request_timeout=`. Its `timeout=` argument is not a request timeout (it only bounds the wait for a warming-up model).',
      'The OpenAI Node SDK 3.x (`new OpenAIApi(new Configuration({...}))`, `openai.createChatCompletion(...)`) is a thin axios client: it sets **no timeout** and makes one attempt, so unless the call passes an axios config with `timeout` (ms) or the Configuration sets `baseOptions: { timeout }`, a stalled request waits forever. It has no `maxRetries` option. Its fetch port **openai-edge** (`import { Configuration, OpenAIApi } from \'openai-edge\'`, the same calls) is left alone, like a raw `fetch`: each call is one request through the runtime\'s own `fetch`, whose limits depend on the runtime (the Edge runtime\'s own, Undici\'s 300 s of silence on Node), with no retries; its second argument is a fetch `RequestInit`, so only a `signal` (`{ signal: AbortSignal.timeout(120_000) }`) bounds the call there, and an axios-style `{ timeout }` does nothing.',
      'Raw HTTP to a provider through a library with no default timeout is reported at the request: Python `requests.post(...)` (or `requests.request("POST", …)`) without `timeout=` (requests never times out unless told to), or with `timeout=None`, which spells out that default (reported without a fix) and `axios.post(...)` — or `axios(config)` / `axios.request(config)` with a `method: \'post\'` config, written in the call, in a `const` or returned by a function of the module — on the package\'s default instance without `timeout`, `signal` or `cancelToken` in its config (axios defaults to `0`, no timeout), unless a file of the workspace sets `axios.defaults.timeout` (a global default); an explicit `timeout: 0` is axios\'s own "no timeout" and is reported too. `fetch` from the **node-fetch** package (`import fetch from \'node-fetch\'`, `require(\'node-fetch\')` or its `.default`, `await import(\'node-fetch\')` and the README\'s CommonJS loader `(...args) => import(\'node-fetch\').then(…)`) is reported the same way: node-fetch runs on Node\'s `http` module and sets no timer, v2\'s `timeout` option defaults to 0 (none) and v3 removed it, so only a `signal` (or, on v2, a `timeout` above 0) bounds the request; `timeout: 0` is reported as asking for none. A request is left alone when its init passes any `signal` (which timer aborts it is not followed) or cannot be read (a variable from elsewhere, a spread, an object given more keys after it is built). A `requests.Session` or an `axios.create(...)` instance may carry a default of its own and is left alone, as are httpx (5 s by default; but a request that passes `timeout=None`, or an `httpx.Timeout` whose read timeout is None, or that passes none and goes through an `httpx.Client` / `AsyncClient` built with one, written in place, in a `with` or bound to a name, has no timeout at all and is reported, without a fix) and the runtime\'s own `fetch`, whose limits depend on the runtime (Node: Undici gives up after 300 s without headers or body data) — unless its `dispatcher` is an Undici `Agent`, `ProxyAgent` or `EnvHttpProxyAgent` built in place, in a `const` or in a class field assigned once with `headersTimeout: 0` or `bodyTimeout: 0`, which turns those limits off (reported unless the request passes a `signal`; a dispatcher made elsewhere is not followed). A global `setGlobalDispatcher(...)` and node-fetch installed as the global `fetch` are not followed.',
      'A client whose requests go through a copy with a timeout — `client.withOptions({ timeout: 20_000 })` (TypeScript) or `client.with_options(timeout=20)` (Python), in the call chain or bound to a name first — has its timeout per request, like `create(body, { timeout })`: it is not reported.',
      'A client made only to ask about models — every use of it is a `models.retrieve(…)` or `models.list(…)` call (reading a model\'s output limit, filling a model picker, checking a user\'s key), or it is built in place for one (`new OpenAI({ apiKey }).models.list()`) — sends no model request and is not reported. One that is also used for anything else (a request, a return, a hand-off, a class field) is. Nor is a TypeScript client bound to a name its file never mentions again (outside string literals) and does not export: a leftover that sends nothing.',
      'Spreads in a TypeScript client\'s options whose keys are all known — object literals written in the call (`...(config.baseURL ? { baseURL: config.baseURL } : {})`, `...(proxy && { fetchOptions })`) or a `const` bound to one that nothing changes — count as written there: the client is reported unless a spread may set its timeout, its retry count (which the message states) or an options object that may hold a timeout (`clientOptions`, `httpOptions`, `httpClient`). Any other spread (`...config`) may carry a timeout, and leaves the client alone.',
      'A Python client used by agents counts their model settings as per-request timeouts: the OpenAI Agents SDK passes `ModelSettings(extra_args={"timeout": 60})` into every `chat.completions.create` / `responses.create` of a run, and pydantic-ai passes `model_settings={"timeout": 60}` (or `ModelSettings(timeout=…)`, `OpenAIChatModelSettings(timeout=…)`) as `timeout=` to the SDK call. The client is left alone when every agent on it (given it through `OpenAIChatCompletionsModel(openai_client=client)`, `OpenAIResponsesModel(…)`, or pydantic-ai\'s `OpenAIProvider(openai_client=client)` / `AnthropicProvider(anthropic_client=client)`; for a client given to `set_default_openai_client(client)` in its module, every Agents SDK agent without such a model object) sets one: on the agent, on the pydantic-ai model (`settings=`), or on every run of the agent in its module (`Runner.run(agent, q, run_config=RunConfig(model_settings=…))`, `agent.run(q, model_settings=…)`), and every direct call of the client is timed too. An agent whose model object or (timed only by its runs) whose name another module may import is not followed there, so the client is still reported; so is one whose model is imported from another module.',
      'Options a call spreads (`**params`) are read when their keys are known: a dict literal bound once in the function and given further keys only by name (`params["stop"] = stop`), or at module level and only ever splatted (`settings = {"model": …}` then `create(…, **settings)`), or built in the function from what a helper of the class (or a base class, in any module) or of the module returns (`params = self._get_common_params(messages=messages, **kwargs)`, then `params.update({...})`), when the helper\'s dict is written out the same way (a conditional between such dicts counts: `return {"max_completion_tokens": n} if reasoning else {"max_tokens": n}`), or spread in place as a dict literal or a conditional between dict literals (`**({"functions": functions} if functions else {})`); other spreads may carry a timeout, so the call is taken to have one, except a wrapper\'s own `**kwargs` passed through from its callers (directly or by way of such a helper), unless a call of the wrapper in its module passes `timeout=` (through the openai module\'s default client, only when the file calls the wrapper and no call passes a timeout; no fix there). A `timeout` or `http_client` key given by name only on some paths (under an `if` without a matching one in every arm, in a loop, an `except`: `if os.environ.get("DEBUG"): kwargs["http_client"] = logging_client()`) leaves the SDK default on the others, so the client is reported (without a fix when it is the timeout key, which a keyword added to the call would clash with); not when the condition tests what the key is given (`if cfg.timeout: kwargs["timeout"] = cfg.timeout`, `if http_client is not None: kwargs["http_client"] = http_client`): that is left to configuration. A request timeout set only when the call does not stream (`if not stream and timeout_seconds is not None: kwargs["timeout"] = timeout_seconds`), in a call that streams when that flag is on (its result is read chunk by chunk, or a call of its function passes `stream=True`), leaves every streamed request on the default: the client is reported, without a fix (leaving streams untimed looks deliberate; httpx\'s timeout bounds each read, not the whole stream). A request timeout that is the function\'s own parameter, None by default, with the SDK\'s marker in its place when unset (`timeout=timeout or NOT_GIVEN`, `timeout if timeout is not None else NOT_GIVEN`), is its callers\' choice too: the request then takes the client\'s timeout, so the client is reported when the function is called in the workspace (calls matched by its name, in every Python file) and no call passes the parameter (by keyword, by position, or possibly in a `*` / `**` spread; `timeout=None` does not count). A function nothing in the workspace calls (a library\'s public function) or that is also named without being called (handed on as a value, `partial(…, timeout=30)`) is left to callers unseen, and a caller that forwards a parameter of its own (`timeout=timeout`) counts as passing one. An openai or anthropic request that passes such a parameter as is, or as `timeout or None`, sends an explicit None when no caller gives one, which the SDK takes as no timeout at all, over the client\'s: reported at the request, without a fix. A helper a subclass in the module overrides, a dict handed to another function, or a `**kwargs` the helper fills in itself leaves the keys unknown. Constructions bound to the same name or `self.` attribute on different branches (`if token: self.client = AnthropicVertex(…, access_token=token)` / `else: self.client = AnthropicVertex(…)`), or returned by one factory on different branches (`if azure: client = AzureOpenAI(…)` / `else: client = OpenAI(…)`, then `return client`; or one `return` per branch), share their calls, so they are judged alike. A workspace subclass of a client class (`class WrappedChatOpenAI(ChatOpenAI)` adding pydantic fields) is judged as that class when its body cannot change how it is built; one with a default of its own, a validator, or an `__init__` that does more than hand its arguments on may set a timeout, and is left alone.',
      'In Python, a client given an `http_client=httpx.Client(timeout=30)` and no `timeout=` takes the http client\'s timeout (openai and anthropic `_base_client.py`), so it is not reported. An `httpx.Client(...)` (or the SDK\'s `DefaultHttpxClient(...)`) without `timeout=`, written inline or bound once to a name (each arm of a conditional expression counted), and `http_client=None`, leave the SDK default: the SDKs read httpx\'s own 5 s default as unset. An http client built elsewhere (a factory, a parameter, a shared client) may carry a timeout and is not reported. Not so through LangChain\'s `ChatOpenAI`, which hands the SDK `timeout=None` explicitly (its `request_timeout`), and an explicit None wins over the http client\'s timeout. So does an explicit `timeout=None` on an openai or anthropic client (`OpenAI(timeout=None)`, or `"timeout": None` in the dict it is given): the SDKs fill in their 600 s only when the argument is left out, so it is reported as no timeout at all, without a fix (like `timeout: 0`, it may be a choice).',
      'openai-python 1.x also has a module-level default client (`import openai; openai.chat.completions.create(...)`): unless the workspace sets `openai.timeout = …`, each call without `timeout=` waits the SDK default. LangChain Python `ChatAnthropic` and `ChatGoogleGenerativeAI` set no timeout at all unless given one.',
      'LiteLLM\'s `completion()` / `acompletion()` called directly wait **600 s** unless the call passes `timeout=` (or `request_timeout=`); the module setting `litellm.request_timeout` is the Router\'s and the proxy\'s, not read there. A `Router(timeout=…)` covers its own calls; a `Router` given none waits `litellm.request_timeout` (6000 s) per attempt, across `num_retries` retries (2 by default in current releases), unless every deployment of its written-out `model_list` sets a `timeout` or `stream_timeout`, or the app sets `litellm.request_timeout`.',
      'A LiteLLM proxy `config.yaml` (also a Helm values file\'s `proxy_config` for the LiteLLM chart, and a `config.yaml: |` shipped in a ConfigMap) is the same Router: unless `router_settings.timeout` (or `stream_timeout`, or a timeout in its `default_litellm_params`) or `litellm_settings.request_timeout` is set, each chat deployment without a `timeout`, `request_timeout` or `stream_timeout` of its own under `litellm_params` waits **6000 s** per attempt, retried `num_retries` times (2 by default). Any value counts, an `os.environ/…` reference included; LiteLLM reads no environment variable for it. Embedding and rerank deployments, and mocks (a fake endpoint, a placeholder key), are not counted. Not reported: a proxy that keeps its models in its database (`store_model_in_db: true`, or `STORE_MODEL_IN_DB=True` in the environment of the proxy that loads the config: the Admin UI may set the timeouts), one started with the CLI flag `--request_timeout` (by a compose `command`, a Dockerfile `CMD` or a container\'s `args` in a file in the config\'s directory or one above it, or that names the config\'s file), and Helm templates, which are only YAML once rendered.',
      'The Google Gen AI Python SDK (`genai.Client()`) sets **no timeout** and makes one attempt: unless `http_options` carries a `timeout` (milliseconds), on the client or in a request\'s `config` (written in the call or bound to a name first), a stalled request waits forever. A timeout in `client_args` / `async_client_args` does not count: the SDK passes `timeout=None` on every request, which httpx takes over its client\'s. The JavaScript SDK (`new GoogleGenAI()`, `@google/genai`) is the same: no client-side timeout (it even turns off Undici\'s own) unless `httpOptions.timeout` is set on the client or a request\'s `config`, or the request passes `config.abortSignal`. Its deprecated predecessor `@google/generative-ai` (`genAI.getGenerativeModel({ model })`) makes one `fetch` per request, with no retry and no timer unless `requestOptions` — the second argument of `getGenerativeModel` or of the request — set a `timeout` (milliseconds) or a `signal`: reported at each request, unless its function races it against a timer (`Promise.race`, an `AbortController`). The Python `google.generativeai` is left alone: its transport\'s defaults changed between releases.',
      'The ollama Python package (`ollama.Client(host=…)`, `ollama.AsyncClient()`) hands httpx `timeout=None`, so unless the client is built with `timeout=` a stalled or overloaded model server (a 70B model still loading, a queue of requests ahead) keeps the caller waiting forever; it makes one attempt, and its `chat()` / `generate()` take no timeout of their own (a `**params` cannot carry one), so only `asyncio.wait_for(…)` around each call bounds it otherwise. The module functions (`ollama.chat(…)`, `from ollama import generate`) go through a default `Client()` that nothing but `OLLAMA_HOST` configures: they are reported without a fix (send them through a client of your own). Mistral\'s Python SDK (`Mistral(api_key=…)` from `mistralai`, 1.x and 2.x) hands httpx `timeout=None` unless `timeout_ms=` is set on the client or the call, and retries nothing by default: a client without one is reported, with `timeout_ms=120_000` (milliseconds) as the fix; its deprecated 0.x `MistralClient` times out after 120 s and is left alone. The npm `@mistralai/mistralai` client is left alone: its default changed between releases (none in 1.x; 30 s, later 300 s, in 2.x). Cohere\'s clients (`cohere.ClientV2()`, `new CohereClientV2()`) wait 300 s and do not retry a request that timed out; a Python client given an `httpx_client` takes that client\'s read timeout (httpx\'s own default is 5 s) and is left alone. Azure AI Inference\'s `ChatCompletionsClient` (Python `azure-ai-inference`, also from `azure.ai.inference.aio`) waits azure-core\'s 300 s read timeout and does not re-send a request that timed out; the fix adds `read_timeout=120` (seconds, handed to the transport, where it bounds each read, so a long stream that keeps sending is not cut off); a client given `read_timeout=`, or whose every request passes one, is left alone.',
      '',
      'AWS Bedrock through boto3 (`boto3.client("bedrock-runtime")`) is not reported: botocore bounds each connect and each read at **60 s** by default (`botocore.config.Config(connect_timeout=…, read_timeout=…)`), so a request never waits without limit (a generation longer than 60 s fails instead, and legacy retry mode, the default, tries up to 5 times).',
      'The AWS SDK for JavaScript v3 `BedrockRuntimeClient` (`@aws-sdk/client-bedrock-runtime`) sets **no timeout**: its request handler (NodeHttpHandler, or NodeHttp2Handler in recent releases) has none unless given `requestTimeout`, and the default `legacy` defaults mode sets no connection timeout either. The client is reported unless its `requestHandler` sets `requestTimeout` (`requestHandler: { requestTimeout: 120_000 }`, milliseconds) or is a handler built elsewhere (`new NodeHttpHandler({ … })`, which may set one), or every `send(command, { abortSignal })` of it passes a signal or `requestTimeout`; a `connectionTimeout` alone does not bound a generation. No fix is offered: the options shorthand of `requestHandler` is not accepted by older releases, which need a handler instance.',
      'Firebase Genkit calls (`ai.generate(…)`) are not reported: the request goes through the model plugin\'s own client (the googleai plugin\'s @google/generative-ai model, built per request with no timeout), and `generate` takes no timeout option of its own, so there is no place in the code where a fix would hold; bound the flow where it is served (`onCallGenkit({ timeoutSeconds })`, a platform deadline).',
      '',
      'Meanwhile every proxy in front gives up much earlier (nginx and ingress-nginx 60 s, Envoy 15 s, AWS API Gateway 29 s): the client has long gone while the worker keeps waiting and paying for tokens. Set an explicit timeout that matches the longest response you expect (2 minutes is a sane start) and stream longer generations.',
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        code: "import OpenAI from 'openai';\n\nexport const client = new OpenAI();\n",
      },
      {
        language: 'javascript',
        code: "const { Configuration, OpenAIApi } = require('openai');\n\nconst openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));\n\nasync function ask(question) {\n  const res = await openai.createChatCompletion({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: question }] });\n  return res.data.choices[0].message.content;\n}\n\nmodule.exports = { ask };\n",
      },
      {
        language: 'typescript',
        code: "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\n\nexport async function answer(q: string) {\n  const { text } = await generateText({ model: openai('gpt-4o'), prompt: q });\n  return text;\n}\n",
      },
      {
        language: 'python',
        code: `from openai import OpenAI

client = OpenAI()
`,
      },
      {
        language: 'python',
        code: `import openai


def ask(question: str):
    return openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": question}])
`,
      },
      {
        language: 'python',
        code: `from google import genai

client = genai.Client()
`,
      },
      {
        language: 'yaml',
        filename: 'litellm/config.yaml',
        code: `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
litellm_settings:
  drop_params: true
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        code: "import OpenAI from 'openai';\n\nexport const client = new OpenAI({ timeout: 120_000, maxRetries: 1 });\n",
      },
      {
        language: 'javascript',
        code: "const { Configuration, OpenAIApi } = require('openai');\n\nconst openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));\n\nasync function ask(question) {\n  const res = await openai.createChatCompletion({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: question }] }, { timeout: 120_000 });\n  return res.data.choices[0].message.content;\n}\n\nmodule.exports = { ask };\n",
      },
      {
        language: 'typescript',
        code: "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\n\nexport async function answer(q: string) {\n  const { text } = await generateText({ model: openai('gpt-4o'), prompt: q, abortSignal: AbortSignal.timeout(120_000) });\n  return text;\n}\n",
      },
      {
        language: 'python',
        code: `import httpx
from openai import OpenAI

client = OpenAI(timeout=httpx.Timeout(120, connect=5), max_retries=1)
`,
      },
      {
        language: 'python',
        code: `import openai


def ask(question: str):
    return openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": question}], request_timeout=120)
`,
      },
      {
        language: 'python',
        code: `from google import genai

client = genai.Client(http_options={"timeout": 120_000})
`,
      },
      {
        language: 'yaml',
        filename: 'litellm/config.yaml',
        code: `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
litellm_settings:
  drop_params: true
  request_timeout: 120
`,
      },
    ],
    references: [
      'https://github.com/openai/openai-node#timeouts',
      'https://github.com/anthropics/anthropic-sdk-typescript#timeouts',
      'https://github.com/openai/openai-python#timeouts',
      'https://ai-sdk.dev/docs/reference/ai-sdk-core/generate-text',
      'https://googleapis.github.io/python-genai/genai.html#genai.types.HttpOptions',
      'https://github.com/ollama/ollama-python#custom-client',
      'https://docs.litellm.ai/docs/proxy/timeout',
    ],
    fixSafety:
      'Unsafe: adds a 120 s timeout (`timeout: 120_000` in TypeScript, `timeout=httpx.Timeout(120, connect=5)` in Python, `abortSignal: AbortSignal.timeout(120_000)` for the AI SDK — 90% of the route\'s `maxDuration` (its `export const maxDuration`, else the project vercel.json\'s `functions` glob that matches the route file) when that is shorter (for a helper module that routes import and call, the shortest `maxDuration` of those routes, when every one sets one), so the call fails before the platform kills the function (Vercel reads `maxDuration`; next to a Dockerfile, fly.toml, a wrangler config or `output: \'standalone\'` without a vercel.json the app runs as its own server, which ignores it, and the 120 s policy applies); none on multi-step calls (`stopWhen`, `maxSteps`), where one signal would end the whole agent run, nor on `streamText` / `streamObject`, where it bounds the whole stream and would cut a long answer short (AI SDK 5 ends the stream silently), unless the route\'s `maxDuration` ends the stream sooner anyway —, an axios config `{ timeout: 120_000 }` as the second argument of an OpenAI Node SDK 3.x call (or `timeout: 120_000` added to the one it passes), `request_timeout=120` on a pre-1.0 `openai.ChatCompletion.create(...)` call, `timeout=120` on a call through the openai module’s default client and on a direct `litellm.completion(...)` call and on LangChain Python chat models other than ChatOpenAI, on a LlamaIndex `Anthropic` LLM and on a LiteLLM `Router`, whose timeout is a number of seconds, `request_timeout: 120` in a LiteLLM proxy config\'s `litellm_settings` (or `timeout: 120` in its `router_settings` when only that section is written; deployments\' own timeouts still win over it), `timeout=120` on a Cohere Python client (`cohere.Client`, `ClientV2` and their async twins, seconds; a `cohere-ai` client gets none, since only recent releases read its `timeoutInSeconds`: the message points to the request options, which every release reads; Cohere\'s SDKs wait 300 s and do not retry a timed-out request), `timeout=httpx.Timeout(120, connect=5)` on an ollama `Client` / `AsyncClient` (a local model\'s first request also loads it: raise the value for large models), `http_options={"timeout": 120_000}` (milliseconds) on a Google Gen AI `genai.Client` and `httpOptions: { timeout: 120_000 }` on a `GoogleGenAI`, `{ timeout: 120_000 }` as the request options of a non-streaming `@google/generative-ai` request (`generateContent(prompt, { timeout: 120_000 })`; none on `generateContentStream` / `sendMessageStream`, where the SDK\'s timer bounds the whole stream, nor when the package.json allows only releases before 0.16.0, whose requests take no second argument: the message then says where that release takes a timeout, `getGenerativeModel`\'s second argument from 0.2.0, or that 0.1.x has none), `clientOptions: { timeout: 120_000 }` on a LangChain.js `ChatAnthropic`, which hands only `clientOptions` to the Anthropic client, `timeout=120` on a `requests.post(...)`, `timeout: 120_000` in an `axios.post(...)` config, added as its third argument when it has none, or in the config literal written in an `axios({ … })` call (none on a config written elsewhere, which other requests may share), and `signal: AbortSignal.timeout(120_000)` in the init of a node-fetch request that does not stream (its body is written out without `stream: true`), since node-fetch v3 ignores `timeout`; `AbortSignal.timeout` needs Node.js 17.3 (or 16.14) and node-fetch 2.3 or later, which added `signal`). No fix on an SDK client written in a route file whose own limit ends the function first, on a platform that reads it (`export const maxDuration` of 120 s or less, `export const runtime = \'edge\'`): the message names that limit as what a stalled request waits for (in a Supabase Edge Function, under `supabase/functions/`, the 504 Supabase answers after its 150 s request idle timeout, which the 120 s fix still comes before), and a timeout no shorter than it changes nothing while a shorter one is per attempt (the SDK retries it and the platform ends the retry), so the bound and the retries that fit the route are the author\'s call. No fix where the code asks for no timeout (`timeout: 0`, a dispatcher with its timeouts at 0): that was a choice, and the right bound is the author\'s; nor on a node-fetch request that streams or whose body cannot be read, where the signal would bound the whole stream. No fix on an Anthropic client with a non-streaming call whose `max_tokens` the SDK itself expects to take longer than 2 minutes (60 min × max_tokens / 128,000, so above 4,266 tokens), or whose `max_tokens` cannot be read (`max_tokens: maxTokens` from a parameter or a setting, or no `max_tokens` beside a spread, `**gen_conf`, that must then hold it): the timeout would cut those answers off and the SDK would retry each twice; stream them, then set a timeout. Calls that legitimately run longer than 2 minutes will now fail; raise the value or stream them.',
  },
  defaultOptions: {},
  check(ctx) {
    if (ctx.file.language === 'yaml') return checkLitellmConfigs(ctx);
    const { file, writer } = ctx;
    const language = lang(file);
    for (const client of file.clients) {
      if (client.path !== file.path || !CLIENT_SDKS.has(client.sdk)) continue;
      // Made only to ask about models (`models.retrieve` to read a model's limits, `models.list` for a picker): no
      // model request goes through it, so there is no generation to bound. Nor through one its file never uses.
      if (client.accountOnly || client.unused) continue;
      // openai-node 3.x: reported at its calls, where the axios config goes (below). openai-edge makes one plain fetch
      // per call: the runtime's own limits apply, as to a raw `fetch`, which is left alone.
      // A chat model chosen at run time: which class, and so which default timeout, cannot be told.
      if (client.className === RUNTIME_CHAT_MODEL_CLASS) continue;
      const sdk = catalogSdkOfClient(client, language);
      // LangChain.js ChatOllama is one fetch too, with no timeout option, and @langchain/ollama does not hand the
      // call's signal to its first request: a per-call `{ timeout }` is checked only between chunks.
      // So is @huggingface/inference's client, which has no timeout option (a request's `signal` is the only bound).
      if (sdk === 'openai-v3' || sdk === 'openai-edge' || sdk === 'langchain-js-ollama' || (sdk === 'huggingface' && language !== 'python')) continue;
      // A Semantic Kernel connector given `async_client=` sends through that client, judged where it is built.
      if (sdk === 'semantic-kernel-own-client') continue;
      const names = optionNames(sdk, language);
      if (!names) continue;
      const classTimeout = clientOptionNames(client, language)?.timeout ?? names.client.timeout;
      if (unseenClientOptions(client.args, [...classTimeout, ...names.client.timeout, ...names.client.maxRetries, 'timeout'], file.text)) continue;
      // Timeouts passed per request (`create(body, { timeout })`, or options built elsewhere) cover the client's calls.
      if (timedPerRequest(client, sitesNear(client, file, ctx.workspace), ctx.workspace, (p) => (p === file.path ? file.text : ctx.workspace.readText(p)))) continue;
      // The class's own spelling first: LangChain.js ChatAnthropic passes on only `clientOptions.timeout`.
      const timeoutKeys = classTimeout.length ? classTimeout : ['timeout'];
      // openai-python and anthropic (and the Stainless SDKs of Groq and Cerebras) fill in their default only when the
      // argument is left out: `timeout=None` is none at all, however short that default.
      if (language === 'python' && (client.sdk === 'openai' || client.sdk === 'anthropic' || client.sdk === 'autogen') && timeoutKeys.some((k) => client.args.options[k]?.value.kind === 'null')) {
        ctx.report({ span: client.nameSpan, message: `${clientLabel(client)} client is built with timeout=None, which the SDK takes as no timeout at all (its default applies only when the argument is left out), so a stalled request waits forever` });
        continue;
      }
      // A default no longer than the timeout the fix would set (groq's and Cerebras's 60 s, Mistral's 30 s) already bounds a stall.
      const defaultSeconds = sdkDefaults(sdk, language)?.defaultTimeoutSeconds;
      if (defaultSeconds != null && defaultSeconds <= FIX_TIMEOUT_SECONDS) continue;
      if (alwaysHasAny(client.args, timeoutKeys)) continue;
      // LangChain.js ChatAnthropic hands `clientOptions` to the Anthropic client: its `timeout` is where the limit goes.
      const anthropicJs = language !== 'python' && client.sdk === 'langchain' && client.className === 'ChatAnthropic';
      if (anthropicJs && nestedTimeout(client.args.options.clientOptions?.value)) continue;
      // LangChain's ChatOpenAI hands the SDK `timeout=self.request_timeout` (None) explicitly, and an explicit None wins
      // over the http client's timeout: only its own `timeout=` bounds the request.
      const passesTimeoutNone = client.sdk === 'langchain' && /OpenAI$/.test(client.className);
      if (language === 'python' && !passesTimeoutNone && httpClientTimeout(client)) continue;
      // A LiteLLM Router whose deployments each set a timeout (or whose model list is not written here) may be bounded.
      if (client.sdk === 'litellm' && (!everyDeploymentUntimed(client.args.options.model_list?.value) || litellmRequestTimeoutSet(ctx.workspace))) continue;
      // A client written in a route file whose limits end the function sooner than the SDK's default (`export const
      // maxDuration = 30` on Vercel, `export const runtime = 'edge'`): that limit is what a stall waits for. A timeout
      // no shorter than the limit changes nothing, and a shorter one is per attempt: the SDK retries it, and the
      // platform still ends the retry. Which bound (and which retries) fit the route is the author's call: no fix.
      const limit = language !== 'python' ? routeLimitOf(file, ctx.workspace) : null;
      const until = limit && (limit.seconds === null || defaultSeconds == null || limit.seconds < defaultSeconds) ? limit : null;
      const limitBeforeFix = !!until && (until.seconds === null || until.seconds <= FIX_TIMEOUT_SECONDS);
      const base = clientMessage(client, language, ctx.workspace, until?.what);
      if (!base) continue;
      // `new ChatAnthropic({ timeout: 60_000 })`: the option is written but never reaches the Anthropic client.
      const ignored = anthropicJs && 'timeout' in client.args.options;
      // A class without a timeout option (LangChain.js ChatGoogleGenerativeAI) takes one per call only: `{ timeout }`.
      // A BedrockRuntimeClient takes its timeout in the request handler, whose options shorthand (`requestHandler: {
      // requestTimeout }`) older releases reject: the message says where it goes, no fix is offered.
      const awsSdk = client.sdk === 'aws-sdk';
      // CrewAI builds (or rebuilds) the LLM itself: the message says what to pass instead, no option can be added here.
      // So does AG2 from an llm_config entry, where a key added to one entry (or a dict that is also the agent's) is no safe edit.
      const builtByFramework = !!client.builtBy || !!client.crewaiAgent || !!client.ag2LlmConfig;
      // cohere-ai takes `timeoutInSeconds` on the client only in recent releases (earlier ones ignore it): per request.
      const cohereJs = client.sdk === 'cohere' && language !== 'python';
      const settable = !awsSdk && !builtByFramework && !cohereJs && (classTimeout.length > 0 || client.sdk === 'google-genai' || anthropicJs);
      // A Semantic Kernel connector has no timeout option: its message says what to pass instead, no fix.
      const semanticKernel = client.sdk === 'semantic-kernel';
      const perCallOnly = semanticKernel ? '' : builtByFramework ? (client.sdk === 'langchain' ? `; pass the factory a chat model built with one instead (${language === 'python' ? '`init_chat_model(model, timeout=…)`' : '`await initChatModel(model, { timeout })`'})` : '') : cohereJs ? '; set `timeoutInSeconds` in the request options of each call (`chat(request, { timeoutInSeconds: 120 })`), which every release reads' : awsSdk ? '; set one in milliseconds with `requestHandler: { requestTimeout }` (or `new NodeHttpHandler({ requestTimeout })`), or per call with `send(command, { abortSignal })`' : settable ? '' : `; ${client.className} takes a timeout only per call (\`invoke(input, { timeout })\`)`;
      const overridden = passesTimeoutNone && 'http_client' in client.args.options ? ', over the http_client\'s own timeout' : '';
      const partlyTimedKey = timeoutKeys.find((k) => unsetOnSomePath(client.args, k));
      const partlyTimed = partlyTimedKey !== undefined;
      const partly = partlyTimedKey ?? (unsetOnSomePath(client.args, 'http_client') ? 'http_client' : null);
      // The requests' own timeout left off when they stream: deliberately, so a timeout the fix adds is the author's call.
      const streamingUntimed = language === 'python' ? sitesNear(client, file, ctx.workspace).find((s) => sendsThrough(s, client) && PY_REQUEST_TIMEOUT_KEYS.some((k) => untimedWhenStreaming(s, k))) : undefined;
      const streamingNote = streamingUntimed ? `; its requests set a timeout only when ${streamingUntimed.streamsWhen} is false, so streamed ones run on the default` : '';
      const message = (ignored ? base.replace(' has no timeout', '\'s top-level timeout is never passed on (ChatAnthropic hands only clientOptions to the Anthropic client)') : base.replace('passes timeout=None to the SDK', `passes timeout=None to the SDK${overridden}`)) + perCallOnly + (partly ? `, on every path that does not set ${partly}` : '') + streamingNote;
      let fix;
      // A timeout given by name on some paths (`kwargs["timeout"] = 300`) would clash with a keyword added to the call.
      if (writer && settable && !partlyTimed && !streamingUntimed && !limitBeforeFix && !outlastsFixTimeout(client, sitesNear(client, file, ctx.workspace))) {
        // LangChain's other chat models type their timeout as a float (seconds): an httpx.Timeout fails validation.
        // So does a LiteLLM Router.
        const seconds = language === 'python' && ((client.sdk === 'langchain' && !/OpenAI$/.test(client.className)) || client.sdk === 'litellm' || client.sdk === 'llamaindex' || client.sdk === 'crewai' || client.sdk === 'autogen' || client.sdk === 'huggingface' || client.sdk === 'cohere' || client.sdk === 'azure-ai-inference');
        // google-genai takes its timeout in milliseconds inside http_options (a dict is accepted for HttpOptions).
        const genai = client.sdk === 'google-genai';
        // Mistral's `timeout_ms` is an int of milliseconds.
        const millis = client.sdk === 'mistral';
        // Azure AI Inference hands `read_timeout` (seconds) to azure-core's transport: it bounds each read of the
        // response, so a long stream that keeps sending is not cut off.
        const azureCore = client.sdk === 'azure-ai-inference';
        const value = { $code: { typescript: `${FIX_TIMEOUT_SECONDS}_000`, python: genai ? `{"timeout": ${FIX_TIMEOUT_SECONDS}_000}` : millis ? `${FIX_TIMEOUT_SECONDS}_000` : seconds ? String(FIX_TIMEOUT_SECONDS) : `httpx.Timeout(${FIX_TIMEOUT_SECONDS}, connect=5)` } };
        // Where the timeout goes when it is nested: into the options object the call already passes, else a new one.
        const holder = genai ? (language === 'python' ? 'http_options' : 'httpOptions') : anthropicJs ? 'clientOptions' : null;
        const existing = holder ? client.args.options[holder]?.value : undefined;
        const nestedValue = genai ? { $code: { typescript: `${FIX_TIMEOUT_SECONDS}_000`, python: `${FIX_TIMEOUT_SECONDS}_000` } } : value;
        const edits = !holder
          ? writer.addOption(client.args, millis || azureCore ? timeoutKeys[0] : 'timeout', value, file.text)
          : existing?.kind === 'object'
            ? writer.addOption(existing.args, 'timeout', nestedValue, file.text)
            : existing
              ? []
              : genai
                ? writer.addOption(client.args, holder!, language === 'python' ? value : { timeout: value }, file.text)
                : writer.addOption(client.args, 'clientOptions', { timeout: ignored ? { $code: { typescript: file.text.slice(client.args.options.timeout.value.span.start, client.args.options.timeout.value.span.end) } } : value }, file.text);
        if (edits.length) {
          if (writer.language === 'python' && !seconds && !genai && !millis) {
            const imp = writer.ensureImport(file.text, 'httpx', []);
            if (imp) edits.push(imp);
          }
          fix = { title: ignored ? 'Pass the timeout on in clientOptions' : `Add a ${FIX_TIMEOUT_SECONDS} s timeout`, edits, safety: 'unsafe' as const };
        }
      }
      ctx.report({ span: client.nameSpan, message, fix });
    }

    for (const site of file.callSites) {
      // An agent's runs are bounded where they start (`agent.generate({ abortSignal })`), which is not followed here.
      if (site.sdk !== 'ai-sdk' || site.path !== file.path || site.agent) continue;
      // Spreads whose keys are known (`...commonOptions`, a module `const` nothing changes) hide no timeout unless they name one.
      const spreadMayTime = site.args.hasSpread && AI_SDK_TIMEOUT_KEYS.some((k) => spreadMaySet(site.args, k));
      if ((site.args.hasSpread ? spreadMayTime : unseenOptions(site.args, file.text)) || !site.args.span) continue;
      if (hasAny(site.args, AI_SDK_TIMEOUT_KEYS)) continue;
      let fix;
      // With tools and several steps (`stopWhen`, `maxSteps`) one signal bounds the whole run, tool calls and the
      // stream to the user included: 120 s would cut working agent runs short.
      const multiStep = ['stopWhen', 'maxSteps'].some((k) => k in site.args.options || spreadMaySet(site.args, k));
      // On streamText / streamObject the signal bounds the whole stream, not a stall: AI SDK 5 ends a 3-minute answer
      // silently at 120 s, AI SDK 3 throws mid-stream (audit 68, measured against a local server). Only a route whose
      // maxDuration already ends the stream sooner than that gets one: it then ends the stream cleanly, a little earlier.
      const maxDuration = maxDurationOf(file, ctx.workspace);
      const caller = maxDuration === null ? callerMaxDuration(site, ctx.workspace) : null;
      const seconds = abortSeconds(maxDuration ?? caller?.seconds ?? null);
      if (writer && !multiStep && (site.streaming !== true || seconds < FIX_TIMEOUT_SECONDS)) {
        const edits = writer.addOption(site.args, 'abortSignal', { $code: { typescript: `AbortSignal.timeout(${seconds}_000)` } }, file.text);
        if (edits.length) fix = { title: `Abort after ${seconds} s`, edits, safety: 'unsafe' as const };
      }
      ctx.report({ span: site.nameSpan, message: aiSdkMessage(site, file, ctx.workspace, maxDuration, caller), fix });
    }

    // openai-node 3.x (`openai.createChatCompletion(body, axiosConfig)`): no timeout at all unless the axios config of
    // the call or the Configuration's `baseOptions` sets one.
    for (const site of file.callSites) {
      if (site.path !== file.path || catalogSdkOf(site) !== 'openai-v3' || v3Timed(site, file.text)) continue;
      let fix;
      if (writer) {
        const edits = v3Fix(site, writer, file.text);
        if (edits.length) fix = { title: `Add an axios timeout of ${FIX_TIMEOUT_SECONDS} s to this call`, edits, safety: 'unsafe' as const };
      }
      ctx.report({ span: site.nameSpan, message: v3Message(site), fix });
    }

    // @google/generative-ai (JS): one fetch with no timer unless `requestOptions` (the model object's, or the request's)
    // sets a timeout or a signal.
    const generativeUntimed = language !== 'python' && sdkDefaults('google-generativeai', 'typescript')?.defaultTimeoutSeconds === null;
    for (const site of file.callSites) {
      if (!generativeUntimed || site.path !== file.path || site.sdk !== 'google-generativeai' || generativeModelTimed(site, file.text)) continue;
      let fix;
      const old = oldGenerativeAi(site, ctx.workspace);
      // The SDK's timer bounds the whole response: on a stream it would cut a long answer short.
      if (writer && !old && site.streaming === false && site.requestOptions) {
        // Without a second argument (the options of index 1 are absent, not unseen), one is added after the request.
        const edits = httpTimeoutFix(site.requestOptions, writer, file.text);
        if (edits.length) fix = { title: `Add a ${FIX_TIMEOUT_SECONDS} s timeout to this request`, edits, safety: 'unsafe' as const };
      }
      // `export const runtime = 'edge'`: the Edge runtime's limits apply, not Node's Undici ones.
      const runtime = routeLimits(file.text).edge ? 'the Edge runtime\'s own limit ends the request' : inSupabaseEdgeFunction(file.path) ? SUPABASE_LIMIT : 'the runtime\'s fetch gives up (Node: 300 s without a response)';
      const message = `${site.method} has no timeout and @google/generative-ai sets none (requestOptions.timeout), so a stalled request waits until ${runtime}${old ?? ''}`;
      ctx.report({ span: site.nameSpan, message, fix });
    }

    // Raw HTTP through a library that sets no timeout (`requests.post`, `axios.post`, node-fetch's `fetch`): the
    // request's own options.
    for (const site of file.callSites) {
      if (site.path !== file.path || site.sdk !== 'http' || !site.httpClient || !site.requestOptions) continue;
      const lib = HTTP_CLIENT_TIMEOUTS[site.httpClient];
      const ro = site.requestOptions;
      // `timeout: 0` asks axios and node-fetch for no timeout at all.
      const zeroTimeout = lib.zeroIsNone && isZero(ro.options.timeout?.value);
      // `requests.post(…, timeout=None)` spells out requests' own default: no timeout at all.
      const noneTimeout = site.httpClient === 'requests' && ro.options.timeout?.value.kind === 'null';
      const keys = zeroTimeout || noneTimeout ? lib.timeoutKeys.filter((k) => k !== 'timeout') : lib.timeoutKeys;
      if (ro.hasSpread || hasAny(ro, keys) || site.deadlineSeconds !== undefined) continue;
      // `axios.defaults.timeout = 30_000`, in this file or another (an entry or setup module), gives every request of
      // the default instance one: the default is global.
      if (site.httpClient === 'axios' && !zeroTimeout && axiosDefaultTimeoutSet(ctx.workspace)) continue;
      let fix;
      // An explicit `timeout: 0` (or None) is the author's choice: reported, not overridden.
      if (writer && !zeroTimeout && !noneTimeout) {
        const edits = site.httpClient === 'node-fetch' ? nodeFetchSignalFix(site, ro, writer, file.text) : httpTimeoutFix(ro, writer, file.text);
        if (edits.length) fix = { title: `Add a ${FIX_TIMEOUT_SECONDS} s timeout to this request`, edits, safety: 'unsafe' as const };
      }
      const message = zeroTimeout
        ? `${callName(site)} passes timeout: 0, which ${lib.label} takes as no timeout at all, so a stalled request waits forever`
        : noneTimeout
          ? `${callName(site)} passes timeout=None, which ${lib.label} takes as no timeout at all, so a stalled request waits forever`
          : `${callName(site)} has no timeout and ${lib.label} sets none, so a stalled request waits forever`;
      ctx.report({ span: site.nameSpan, message, fix });
    }

    // httpx times out after 5 s by default: only a request (or the client it goes through) that turns that off with
    // `timeout=None` waits forever. No fix: asking for no timeout was a choice, and the right bound is the author's.
    for (const site of file.callSites) {
      if (site.path !== file.path || site.sdk !== 'http' || !site.httpxTimeoutOff || site.deadlineSeconds !== undefined) continue;
      const { where, how } = site.httpxTimeoutOff;
      const value = how === 'none' ? 'a timeout of None, which httpx takes as no timeout at all' : 'an httpx.Timeout with no read timeout, which leaves each wait for response data unbounded';
      const subject = where === 'request' ? 'passes' : 'goes through an httpx client built with';
      const message = `${callName(site)} ${subject} ${value} (its default is ${HTTPX_TIMEOUT.defaultSeconds} s), so a stalled request waits forever`;
      ctx.report({ span: site.nameSpan, message });
    }

    // The runtime's fetch (Undici) gives up after 300 s without headers or body data, unless the request's dispatcher
    // (`new Agent({ headersTimeout: 0, bodyTimeout: 0 })`) turns those limits off; a signal may still end it.
    for (const site of file.callSites) {
      if (site.path !== file.path || site.sdk !== 'http' || !site.dispatcherTimeoutsOff?.length || !site.requestOptions) continue;
      const ro = site.requestOptions;
      if (ro.hasSpread || 'signal' in ro.options || site.deadlineSeconds !== undefined) continue;
      const off = site.dispatcherTimeoutsOff;
      const limits = off.length > 1 ? 'limits' : 'limit';
      const message = `${callName(site)} has no timeout and its dispatcher sets ${off.join(' and ')} to 0, which turns off Undici's ${UNDICI_DISPATCHER_TIMEOUTS.defaultSeconds} s ${limits}, so a stalled request waits forever`;
      ctx.report({ span: site.nameSpan, message });
    }

    if (language !== 'python') return;
    // `litellm.completion(...)` / `acompletion(...)` without a Router: each call waits LiteLLM's default unless it
    // passes `timeout=` (or `request_timeout=`); the module setting litellm.request_timeout is not read there.
    for (const site of file.callSites) {
      if (site.path !== file.path || site.sdk !== 'litellm' || site.client || !/^a?completion$/.test(site.method)) continue;
      if (unseenOptions(site.args, file.text) || !site.args.span || hasAny(site.args, ['timeout', 'request_timeout'])) continue;
      const d = sdkDefaults('litellm', 'python');
      if (!d?.defaultTimeoutSeconds) continue;
      let fix;
      if (writer) {
        const edits = writer.addOption(site.args, 'timeout', { $code: { python: String(FIX_TIMEOUT_SECONDS) } }, file.text);
        if (edits.length) fix = { title: `Add a ${FIX_TIMEOUT_SECONDS} s timeout to this call`, edits, safety: 'unsafe' as const };
      }
      ctx.report({ span: site.nameSpan, message: `litellm.${site.method} has no timeout, so a stalled request waits LiteLLM's default of ${d.defaultTimeoutSeconds} s`, fix });
    }
    // `dspy.LM(…)`: DSPy hands its keywords to every litellm.completion request and sets no timeout of its own
    // (catalog DSPY_LM), so each request of its programs waits LiteLLM's default unless the LM is given `timeout=`.
    for (const site of file.callSites) {
      if (site.path !== file.path || site.sdk !== 'dspy' || !site.args.span || site.args.hasSpread) continue;
      if (hasAny(site.args, ['timeout', 'request_timeout'])) continue;
      const d = sdkDefaults('litellm', 'python');
      if (!d?.defaultTimeoutSeconds) continue;
      let fix;
      if (writer) {
        const edits = writer.addOption(site.args, 'timeout', { $code: { python: String(FIX_TIMEOUT_SECONDS) } }, file.text);
        if (edits.length) fix = { title: `Add a ${FIX_TIMEOUT_SECONDS} s timeout to the LM's requests`, edits, safety: 'unsafe' as const };
      }
      ctx.report({ span: site.nameSpan, message: `dspy.LM has no timeout and DSPy sets none, so a stalled request of every program using it waits LiteLLM's default of ${d.defaultTimeoutSeconds} s`, fix });
    }
    // A smolagents API model (`LiteLLMModel(…)`, `OpenAIServerModel(…)`): every agent run and call using it sends with
    // the keywords it was built with, and smolagents sets no timeout but InferenceClientModel's 120 s (SMOLAGENTS_MODELS).
    for (const site of file.callSites) {
      if (site.path !== file.path || site.sdk !== 'smolagents' || !site.args.span || site.args.hasSpread) continue;
      const message = smolagentsMessage(site, ctx.workspace);
      if (!message) continue;
      let fix;
      if (writer) {
        const edits = writer.addOption(site.args, 'timeout', { $code: { python: String(FIX_TIMEOUT_SECONDS) } }, file.text);
        if (edits.length) fix = { title: `Add a ${FIX_TIMEOUT_SECONDS} s timeout to the model's requests`, edits, safety: 'unsafe' as const };
      }
      ctx.report({ span: site.nameSpan, message, fix });
    }
    // A Google ADK agent's `LiteLlm(…)`: ADK adds the model's keywords to every `litellm.acompletion` of the agent's
    // runs and sets no timeout of its own (catalog GOOGLE_ADK), so LiteLLM's default applies unless `timeout=` is given.
    const adkReported = new Set<number>();
    for (const site of file.callSites) {
      const lite = site.path === file.path && site.sdk === 'google-adk' ? site.adkLiteLlm : undefined;
      if (!lite || !lite.args.span || lite.args.hasSpread || adkReported.has(lite.nameSpan.start)) continue;
      if (hasAny(lite.args, ['timeout', 'request_timeout']) || litellmRequestTimeoutSet(ctx.workspace)) continue;
      // A `generate_content_config` that speaks of a timeout: how LiteLlm maps it was not read.
      const config = site.args.options.generate_content_config;
      if (config && /timeout/.test(file.text.slice(config.span.start, config.span.end))) continue;
      const d = sdkDefaults('litellm', 'python');
      if (!d?.defaultTimeoutSeconds) continue;
      adkReported.add(lite.nameSpan.start);
      let fix;
      if (writer) {
        const edits = writer.addOption(lite.args, 'timeout', { $code: { python: String(FIX_TIMEOUT_SECONDS) } }, file.text);
        if (edits.length) fix = { title: `Add a ${FIX_TIMEOUT_SECONDS} s timeout to the model's requests`, edits, safety: 'unsafe' as const };
      }
      ctx.report({ span: lite.nameSpan, message: `LiteLlm has no timeout and ADK sets none, so a stalled request of every run of the agent using it waits LiteLLM's default of ${d.defaultTimeoutSeconds} s`, fix });
    }
    // `openai.chat.completions.create(...)` after `import openai`: the module's default client, unless the workspace
    // configures it (`openai.timeout = 30`), waits the SDK default; the request takes a `timeout=` of its own.
    for (const site of file.callSites) {
      if (site.path !== file.path || !site.moduleClient || site.sdk !== 'openai') continue;
      // A wrapper's own `**kwargs` passed through (`def chat(**kwargs): return openai.chat.completions.create(**kwargs)`,
      // the cookbook's backoff helper) is its callers' choice: reported when the file calls the wrapper and no call
      // passes a timeout (or a `**` of its own), with no fix, since a caller that did would then pass `timeout` twice.
      const passedThrough = site.args.hasSpread && site.args.spreadIsParameter === true && callersPassNoTimeout(site, file.text);
      if (!passedThrough && (unseenOptions(site.args, file.text) || !site.args.span)) continue;
      if (setsRequestTimeout(site, ['timeout'], ctx.workspace, (p) => (p === file.path ? file.text : ctx.workspace.readText(p))) || spreadMayTime(site.args, ['timeout'])) continue;
      if ([site.requestOptions, site.copyOptions].some((o) => o && hasAny(o, ['timeout']))) continue;
      const message = moduleClientMessage(site);
      if (!message || openaiModuleTimeoutSet(ctx.workspace)) continue;
      let fix;
      // (Nor where the call passes its own parameter, `timeout=timeout or NOT_GIVEN`: its callers should.)
      if (writer && !passedThrough && !('timeout' in site.args.options)) {
        const edits = writer.addOption(site.args, 'timeout', FIX_TIMEOUT_SECONDS, file.text);
        if (edits.length) fix = { title: `Add timeout=${FIX_TIMEOUT_SECONDS} to this call`, edits, safety: 'unsafe' as const };
      }
      ctx.report({ span: site.nameSpan, message, fix });
    }

    // `ollama.chat(…)` / `from ollama import generate`: the module's default client is a `Client()` made with no
    // arguments, so no timeout, and nothing but a client of the code's own can give it one (no fix: one per call would
    // open a new connection pool each time).
    const ollamaUntimed = sdkDefaults('ollama', 'python')?.defaultTimeoutSeconds === null;
    for (const site of file.callSites) {
      if (!ollamaUntimed || site.path !== file.path || site.sdk !== 'ollama' || !site.moduleClient || site.deadlineSeconds !== undefined) continue;
      const message = `ollama.${site.method} goes through the ollama module's default client, which has no timeout (ollama passes timeout=None to httpx) and cannot be given one, so a stalled request waits forever; send it through an ollama.Client(timeout=…)`;
      ctx.report({ span: site.nameSpan, message });
    }

    // `create(…, timeout=timeout)` with the parameter None by default and no caller giving one: openai-python and
    // anthropic pass an explicit None on, which they take as no timeout at all, over the client's own.
    for (const site of file.callSites) {
      if (site.path !== file.path || (site.sdk !== 'openai' && site.sdk !== 'anthropic') || catalogSdkOf(site) === 'openai-legacy' || site.deadlineSeconds !== undefined) continue;
      const v = site.args.options.timeout?.value;
      if (v?.kind !== 'dynamic' || v.parameter?.unset !== 'none' || !parameterNeverPassed(site, v, ctx.workspace, (p) => (p === file.path ? file.text : ctx.workspace.readText(p)))) continue;
      const message = `${callName(site)} passes timeout=${v.text}, which is None unless a caller of ${site.enclosingFunction!.name} gives one (none in the workspace does), and the SDK takes an explicit None as no timeout at all, over the client's, so a stalled request waits forever`;
      ctx.report({ span: site.nameSpan, message });
    }

    // openai < 1.0 (`openai.ChatCompletion.create(...)`) has no client to configure: the timeout is per call.
    for (const site of file.callSites) {
      if (site.path !== file.path || catalogSdkOf(site) !== 'openai-legacy') continue;
      if (unseenOptions(site.args, file.text) || !site.args.span) continue;
      const keys = optionNames('openai-legacy', 'python')?.request.timeout ?? [];
      if (!keys.length || hasAny(site.args, keys)) continue;
      const message = legacyMessage(site);
      if (!message) continue;
      let fix;
      if (writer) {
        const edits = writer.addOption(site.args, keys[0], FIX_TIMEOUT_SECONDS, file.text);
        if (edits.length) fix = { title: `Add ${keys[0]}=${FIX_TIMEOUT_SECONDS}`, edits, safety: 'unsafe' as const };
      }
      ctx.report({ span: site.nameSpan, message, fix });
    }
  },
});
