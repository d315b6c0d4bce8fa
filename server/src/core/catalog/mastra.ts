// Mastra (`@mastra/core`, JavaScript/TypeScript): what one run of a `new Agent({ model, instructions, tools })` does
// with its model requests, as read in its sources. Each fact carries its source and the date it was read.

export interface MastraFacts {
  label: string;
  /** Attempts of one model request when nothing sets `modelSettings.maxRetries`. */
  defaultAttempts: number;
  retries: string;
  /** The timeout Mastra gives a model request by default: null = none. */
  timeoutSeconds: number | null;
  timeout: string;
  /** Mastra records runs only when its Mastra instance is given an observability (v1) or telemetry (0.x) config. */
  tracesByDefault: boolean;
  tracing: string;
  /** How a model string (`'openai/gpt-4o'`) is resolved. */
  modelRouter: string;
  source: string;
  asOf: string;
}

export const MASTRA: MastraFacts = {
  label: 'Mastra',
  defaultAttempts: 3,
  retries:
    'each model call of a run is wrapped in p-retry with `retries: modelSettings?.maxRetries ?? 2` (exponential backoff from 1 s, a provider Retry-After honoured up to a cap), retrying only retryable API errors and never its own step timeout; `modelSettings` comes from the run\'s options or the agent\'s `defaultOptions`. The agent-level `maxRetries` (default 0) and a fallback list\'s per-model `maxRetries` re-run a failed model before the next one. Runs of legacy (AI SDK 4, `LanguageModelV1`) models go through the AI SDK\'s `generateText` / `streamText`, whose `maxRetries` defaults to 2 as well',
  timeoutSeconds: null,
  timeout:
    'none by default: a run is bounded only by an `abortSignal` it is given or, in newer releases, `modelSettings.timeout.stepMs` (a budget per model call); below that, the AI SDK provider\'s `fetch` sets none',
  tracesByDefault: false,
  tracing:
    'v1: spans (agent run, model generation with its usage) only when the Mastra instance is given `observability: new Observability({ configs: { … exporters } })` from @mastra/observability (or a file-based `src/mastra/observability.ts`); a v1 upgrade that keeps the 0.x `telemetry:` config sends no traces. 0.x: OpenTelemetry spans through `telemetry: { serviceName, enabled, export }` on the Mastra instance, and later `observability: { default: { enabled: true } }` (AI tracing)',
  modelRouter:
    'a `provider/model` string (`\'openai/gpt-4o\'`) goes through Mastra\'s model router to that provider\'s API with its `<PROVIDER>_API_KEY`; an AI SDK model object (`openai(\'gpt-4o\')`) is called as it is',
  source:
    'mastra-ai/mastra packages/core/src/stream/aisdk/v5/execute.ts (`pRetry(…, { retries: modelSettings?.maxRetries ?? 2, … })`, `createTimeoutAbortSignal({ timeoutMs: modelSettings?.timeout?.stepMs })`) @001596f; packages/core/src/agent/types.ts AgentConfig `maxRetries` ("@defaultValue 0"), `ModelWithRetries` @001596f; packages/core/src/llm/model/model.ts MastraLLMV1.__text (`generateText({ ...rest, … })`) @02961af (the code index\'s copies, read 2026-12-03); mastra.ai/guides/migrations/upgrade-to-v1/tracing, mastra.ai/docs/observability/config',
  asOf: '2026-12-03',
};
