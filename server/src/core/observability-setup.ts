// Observability that a file sets up with a call or a URL rather than an instrumentation package import: gateways that
// log every request with its tokens (Helicone, Portkey, Cloudflare and Vercel AI Gateway) and vendor SDKs whose one set-up call
// patches the LLM clients (Logfire, W&B Weave, Laminar, Braintrust, Sentry AI monitoring, Datadog LLM Observability). Each
// records a span or a log line per call with its latency and token usage, so the project counts as instrumented.
//
// Read from the text (both front ends share it): a hit on a commented-out line does not count, nor does a vendor call in
// a file that does not import the vendor's package. Set-ups made by the environment alone (`ddtrace-run` with
// DD_LLMOBS_ENABLED=1) are read from the workspace's env definitions (`INSTRUMENTATION_ENV`).

export type SetupLanguage = 'python' | 'typescript';

interface SetupHint {
  /** What the workspace view lists as instrumentation. */
  id: string;
  languages: readonly SetupLanguage[];
  pattern: RegExp;
  /** The package the file must import for the pattern to mean this vendor. */
  imports?: Partial<Record<SetupLanguage, RegExp>>;
  /** Something else the file must also say (Sentry records spans only with tracing on). */
  also?: RegExp;
}

const PY_IMPORT = (pkg: string) => new RegExp(`^[ \\t]*(?:from[ \\t]+${pkg}(?:\\.[\\w.]+)?[ \\t]+import|import[ \\t]+${pkg}\\b)`, 'm');
const TS_IMPORT = (pkg: string) => new RegExp(`(?:from|require\\(|import\\()\\s*['"\`]${pkg}(?:/[^'"\`]*)?['"\`]`);

/** What the workspace view lists when an OpenTelemetry tracer provider is set, which the mistralai SDK traces into. */
export const MISTRAL_SDK_TRACING = 'mistralai (its own spans, tracer provider set)';

/** What the workspace view lists when azure-ai-inference's own instrumentor records its clients' requests. */
export const AZURE_AI_INFERENCE_TRACING = 'azure-ai-inference (AIInferenceInstrumentor)';

/** What the workspace view lists when Sentry records the LLM calls (its AI integrations with tracing on). */
export const SENTRY_AI_MONITORING = 'sentry (AI monitoring)';

/** Sentry's JavaScript SDKs with tracing on: a sample rate above 0, or a sampler. */
const SENTRY_JS_TRACING = /\btracesSampleRate\s*:\s*(?!0(?:\.0*)?\s*[,}\n])|\btracesSampler\s*:/;
/** Sentry's server-side JavaScript SDKs, which carry the Node integrations. */
const SENTRY_NODE_SDKS = '@sentry/(?:node|nextjs|remix|sveltekit|nuxt|astro|bun|aws-serverless|google-cloud-serverless|nestjs)';

const HINTS: readonly SetupHint[] = [
  // Helicone logs every request with its tokens when the client sends `Helicone-Auth` or goes through a Helicone URL.
  { id: 'helicone', languages: ['python', 'typescript'], pattern: /['"`]helicone-auth['"`]|https?:\/\/[\w.-]*\.helicone\.ai\b/i },
  // Portkey's hosted gateway lists every request it forwards in its Logs, with the model, tokens and cost, on every plan
  // (portkey.ai/docs/product/observability/logs, read 2026-12-03): a client pointed at api.portkey.ai (also through the
  // SDKs' PORTKEY_GATEWAY_URL and createHeaders) or sending its key header. The SDKs' `Portkey(…)` client goes there
  // unless given a base URL (a self-hosted open-source gateway, which keeps no such logs).
  { id: 'portkey', languages: ['python', 'typescript'], pattern: /https?:\/\/api\.portkey\.ai\b|['"`]x-portkey-api-key['"`]/i },
  { id: 'portkey', languages: ['python'], pattern: /\bPORTKEY_GATEWAY_URL\b|\bcreateHeaders\s*\(|\bPortkey\s*\((?![^)]*\bbase_url\s*=)/, imports: { python: PY_IMPORT('portkey_ai') } },
  { id: 'portkey', languages: ['typescript'], pattern: /\bPORTKEY_GATEWAY_URL\b|\bcreateHeaders\s*\(|\bnew\s+Portkey\s*\((?![^)]*\bbaseURL\s*:)/, imports: { typescript: TS_IMPORT('portkey-ai') } },
  // Cloudflare AI Gateway's analytics show every request with its tokens, cost, latency and errors.
  { id: 'cloudflare-ai-gateway', languages: ['python', 'typescript'], pattern: /https?:\/\/gateway\.ai\.cloudflare\.com\//i },
  // Vercel AI Gateway logs every request with its latency, tokens and spend: a client pointed at its URL. AI SDK calls
  // that reach it through the default provider or `gateway(…)` are marked one by one (`observedBy`).
  { id: 'vercel-ai-gateway', languages: ['python', 'typescript'], pattern: /https?:\/\/ai-gateway\.vercel\.sh\b/ },
  // `logfire.instrument_openai()`: a span per call with its duration and token counts (pydantic/logfire docs,
  // integrations/llms/openai.md). `instrument_httpx` is an HTTP span without GenAI attributes: not listed.
  { id: 'logfire', languages: ['python'], pattern: /\blogfire\s*\.\s*instrument_(?:openai|anthropic|litellm|google_genai|pydantic_ai|openai_agents)\s*\(/ },
  // pydantic-ai: `Agent.instrument_all()` instruments every agent that sets no `instrument` of its own (pydantic_ai
  // agent.py; catalog/agent-frameworks.ts). `Agent(instrument=True)` is read per agent by untraced-llm-call.
  { id: 'pydantic-ai (instrument_all)', languages: ['python'], pattern: /\bAgent\s*\.\s*instrument_all\s*\(\s*(?!False\b|instrument\s*=\s*False\b)/, imports: { python: PY_IMPORT('pydantic_ai') } },
  // `weave.init()` patches the supported LLM clients and records each request as a Weave call (docs.wandb.ai autopatching).
  { id: 'weave', languages: ['python'], pattern: /\bweave\s*\.\s*init\s*\(/ },
  // Laminar (`lmnr`): `Laminar.initialize()` instruments the LLM SDKs it finds (OpenLLMetry underneath), a span per
  // call with its tokens, unless told to instrument none (`instruments=set()`, `instrumentModules: {}`).
  { id: 'laminar', languages: ['python'], pattern: /\bLaminar\s*\.\s*initialize\s*\((?![^)]*\binstruments\s*=\s*(?:set\(\s*\)|\[\s*\]|\{\s*\}))/, imports: { python: PY_IMPORT('lmnr') } },
  { id: 'laminar', languages: ['typescript'], pattern: /\bLaminar\s*\.\s*initialize\s*\((?![^)]*\binstrumentModules\s*:\s*\{\s*\})/, imports: { typescript: TS_IMPORT('@lmnr-ai/lmnr') } },
  // Wrappers that log each request with its usage.
  { id: 'braintrust', languages: ['python'], pattern: /\bwrap_(?:openai|anthropic|litellm)\s*\(/, imports: { python: PY_IMPORT('braintrust') } },
  { id: 'braintrust', languages: ['typescript'], pattern: /\bwrap(?:OpenAI|Anthropic|AISDK)\s*\(/, imports: { typescript: TS_IMPORT('braintrust') } },
  { id: 'weave', languages: ['typescript'], pattern: /\bwrapOpenAI\s*\(/, imports: { typescript: TS_IMPORT('weave') } },
  // Sentry AI monitoring records each call's model, tokens and duration, with tracing on (a sample rate above 0 or a
  // sampler). The JS SDK's integrations count when written, and from the release that turns them on by default
  // (VERSIONED_HINTS). `sentry_sdk.init(…)` is read from its arguments by the Python front end (extract/sentry.ts).
  {
    id: SENTRY_AI_MONITORING, languages: ['typescript'], pattern: /\b(?:openAI|anthropicAI|vercelAI|langChain|langGraph|googleGenAI)Integration\s*\(/,
    imports: { typescript: TS_IMPORT('@sentry/[\\w-]+') }, also: SENTRY_JS_TRACING,
  },
  // LlamaIndex's global handler records every LLM call of the process (Langfuse, Arize Phoenix, W&B, OpenInference…);
  // "simple" only prints. So do the Langfuse / OpenInference LlamaIndex instrumentors.
  { id: 'llama-index global handler', languages: ['python'], pattern: /\bset_global_handler\s*\(\s*['"](?!simple['"])[\w-]+['"]/, imports: { python: PY_IMPORT('llama_index') } },
  { id: 'llama-index instrumentor', languages: ['python'], pattern: /\bLlamaIndex(?:Instrumentor|CallbackHandler)\s*\(/ },
  // Haystack traces the components of its pipelines through the tracer it is given (`tracing.enable_tracing(
  // OpenTelemetryTracer(…))`, Datadog, or the Langfuse connector); its LoggingTracer only writes to the log.
  {
    id: 'haystack tracing', languages: ['python'], pattern: /\benable_tracing\s*\(\s*(?!LoggingTracer\b)\w|\bLangfuseConnector\s*\(/,
    imports: { python: PY_IMPORT('haystack(?:_integrations)?') },
  },
  // MLflow's DSPy autologging traces every module call and LM request of a DSPy program (mlflow.org docs, Tracing DSPy;
  // catalog DSPY_LM.tracing); `log_traces=False` or `disable=True` turns it off.
  { id: 'mlflow (dspy autolog)', languages: ['python'], pattern: /\bmlflow\s*\.\s*dspy\s*\.\s*autolog\s*\(\s*(?![^)]*\b(?:disable\s*=\s*True|log_traces\s*=\s*False)\b)/ },
  // mistralai's Python SDK makes a GenAI span per request itself once the application sets a tracer provider (its
  // TracingHook: src/mistralai/extra/observability/otel.py get_or_create_otel_tracer, "tracing_enabled if we have a
  // real TracerProvider"); which releases have the hook is not read, so any such set-up counts, for Mistral calls only.
  { id: MISTRAL_SDK_TRACING, languages: ['python'], pattern: /\bset_tracer_provider\s*\(|\blogfire\s*\.\s*configure\s*\(|\bconfigure_azure_monitor\s*\(/ },
  // azure-ai-inference's `AIInferenceInstrumentor().instrument()` (azure/ai/inference/tracing.py) wraps the
  // ChatCompletionsClient's `complete` in a `chat {model}` span with gen_ai.request.model and the usage tokens, for
  // that SDK's calls only.
  {
    id: AZURE_AI_INFERENCE_TRACING, languages: ['python'], pattern: /\bAIInferenceInstrumentor\s*\(/, also: /\.instrument\s*\(/,
    imports: { python: PY_IMPORT('azure\\.ai\\.inference') },
  },
  // Datadog LLM Observability traces the LLM integrations once enabled.
  { id: 'ddtrace (LLM Observability)', languages: ['python'], pattern: /\bLLMObs\s*\.\s*enable\s*\(/ },
  { id: 'ddtrace (LLM Observability)', languages: ['typescript'], pattern: /\bllmobs\s*:/, imports: { typescript: TS_IMPORT('dd-trace') } },
];

/**
 * Set-ups that instrument the LLM SDKs only from some release on: `Sentry.init({ tracesSampleRate })` from a Node SDK
 * turns its OpenAI, Anthropic, Google GenAI, LangChain and Vercel AI integrations on by default from 10.28.0
 * (docs.sentry.io platforms/javascript/guides/node/configuration/integrations/openai).
 */
const VERSIONED_HINTS: readonly (SetupHint & { pkg: RegExp; since: string })[] = [
  {
    id: SENTRY_AI_MONITORING, languages: ['typescript'], pattern: /\binit\s*\(/, imports: { typescript: TS_IMPORT(SENTRY_NODE_SDKS) },
    also: SENTRY_JS_TRACING, pkg: new RegExp(`^${SENTRY_NODE_SDKS}$`), since: '10.28.0',
  },
];

/** Set-ups of the text that count only from a release of a package: the engine checks the workspace's manifests. */
export function versionedSetUpsIn(text: string, language: SetupLanguage): Array<{ id: string; pkg: RegExp; since: string }> {
  return VERSIONED_HINTS.filter((h) => setUpIn(h, text, language)).map(({ id, pkg, since }) => ({ id, pkg, since }));
}

/** A line that is a comment up to the hit: commented-out set-up code is the common case. */
const COMMENTED: Record<SetupLanguage, RegExp> = { python: /^\s*#/, typescript: /^\s*(?:\/\/|\/\*|\*)/ };

/** The observability a file's text sets up, by the ids the workspace view lists. */
export function observabilitySetUpIn(text: string, language: SetupLanguage): string[] {
  const out = new Set<string>();
  for (const hint of HINTS) if (!out.has(hint.id) && setUpIn(hint, text, language)) out.add(hint.id);
  return [...out];
}

/** The hint's set-up is in the text: its language, its package imported, what else it needs said, on a live line. */
function setUpIn(hint: SetupHint, text: string, language: SetupLanguage): boolean {
  if (!hint.languages.includes(language)) return false;
  const needs = hint.imports?.[language];
  if ((needs && !needs.test(text)) || (hint.also && !hint.also.test(text))) return false;
  return matchOnLiveLine(text, hint.pattern, COMMENTED[language]);
}

function matchOnLiveLine(text: string, pattern: RegExp, commented: RegExp): boolean {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  for (const m of text.matchAll(re)) {
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    if (!commented.test(text.slice(lineStart, m.index))) return true;
  }
  return false;
}

/** Environment variables that turn GenAI instrumentation on with no code: Datadog's `ddtrace-run` reads this one. */
export const INSTRUMENTATION_ENV: readonly { name: string; id: string }[] = [{ name: 'DD_LLMOBS_ENABLED', id: 'ddtrace (LLM Observability)' }];

/** The instrumentation a workspace env definition switches on (`DD_LLMOBS_ENABLED=1`), if any. */
export function instrumentationFromEnv(name: string, value: string | null | undefined): string | null {
  const hit = INSTRUMENTATION_ENV.find((e) => e.name === name);
  return hit && /^(1|true)$/i.test((value ?? '').trim()) ? hit.id : null;
}
