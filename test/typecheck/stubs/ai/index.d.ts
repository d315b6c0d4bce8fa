// Minimal, hand-written type stub of the `ai` package (Vercel AI SDK core, v5/v6 API),
// for type-checking the rule fixtures only.
import type { JSONValue, LanguageModelV2, SharedV2ProviderMetadata, SharedV2ProviderOptions } from '@ai-sdk/provider';
import type { AttributeValue, Tracer } from '@opentelemetry/api';

/** A provider's model object, or a `provider/model` id string for the AI Gateway. */
export type LanguageModel = string | LanguageModelV2;

export type ProviderOptions = SharedV2ProviderOptions;
export type ProviderMetadata = SharedV2ProviderMetadata;

// ---- messages -----------------------------------------------------------------------------

export interface TextPart {
  type: 'text';
  text: string;
  providerOptions?: ProviderOptions;
}
export interface ImagePart {
  type: 'image';
  image: string | URL | Uint8Array | ArrayBuffer;
  mediaType?: string;
  providerOptions?: ProviderOptions;
}
export interface FilePart {
  type: 'file';
  data: string | URL | Uint8Array | ArrayBuffer;
  mediaType: string;
  filename?: string;
  providerOptions?: ProviderOptions;
}
export interface ToolCallPart {
  type: 'tool-call';
  toolCallId: string;
  toolName: string;
  input: unknown;
  providerOptions?: ProviderOptions;
}
export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  toolName: string;
  output: { type: 'text'; value: string } | { type: 'json'; value: JSONValue };
  providerOptions?: ProviderOptions;
}

export interface SystemModelMessage {
  role: 'system';
  content: string;
  providerOptions?: ProviderOptions;
}
export interface UserModelMessage {
  role: 'user';
  content: string | Array<TextPart | ImagePart | FilePart>;
  providerOptions?: ProviderOptions;
}
export interface AssistantModelMessage {
  role: 'assistant';
  content: string | Array<TextPart | FilePart | ToolCallPart | ToolResultPart>;
  providerOptions?: ProviderOptions;
}
export interface ToolModelMessage {
  role: 'tool';
  content: Array<ToolResultPart>;
  providerOptions?: ProviderOptions;
}
export type ModelMessage = SystemModelMessage | UserModelMessage | AssistantModelMessage | ToolModelMessage;

/** Exactly one of `prompt` and `messages`. */
export type Prompt = {
  system?: string | SystemModelMessage | Array<SystemModelMessage>;
} & (
  | { prompt: string | Array<ModelMessage>; messages?: never }
  | { messages: Array<ModelMessage>; prompt?: never }
);

// ---- settings -----------------------------------------------------------------------------

/** Milliseconds, or per-call / per-step / between-chunk limits. */
export type TimeoutConfiguration = number | { totalMs?: number; stepMs?: number; chunkMs?: number };

export interface CallSettings {
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  stopSequences?: string[];
  seed?: number;
  /** Retries per model call (default 2); 0 disables them. */
  maxRetries?: number;
  abortSignal?: AbortSignal;
  timeout?: TimeoutConfiguration;
  headers?: Record<string, string | undefined>;
}

export interface TelemetrySettings {
  isEnabled?: boolean;
  recordInputs?: boolean;
  recordOutputs?: boolean;
  functionId?: string;
  metadata?: Record<string, AttributeValue>;
  tracer?: Tracer;
}

// ---- results ------------------------------------------------------------------------------

export interface LanguageModelUsage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  totalTokens: number | undefined;
  reasoningTokens?: number | undefined;
  cachedInputTokens?: number | undefined;
}

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other' | 'unknown';

export interface LanguageModelResponseMetadata {
  id: string;
  timestamp: Date;
  modelId: string;
  headers?: Record<string, string>;
}

export interface CallWarning {
  type: string;
  message?: string;
}

export interface StepResult {
  text: string;
  finishReason: FinishReason;
  usage: LanguageModelUsage;
  response: LanguageModelResponseMetadata;
  providerMetadata: ProviderMetadata | undefined;
}

export interface GenerateTextResult {
  readonly text: string;
  readonly reasoningText: string | undefined;
  readonly finishReason: FinishReason;
  /** Usage of the last step. */
  readonly usage: LanguageModelUsage;
  /** Usage summed over all steps. */
  readonly totalUsage: LanguageModelUsage;
  readonly warnings: CallWarning[] | undefined;
  readonly request: { body?: unknown };
  readonly response: LanguageModelResponseMetadata & { messages: Array<AssistantModelMessage | ToolModelMessage>; body?: unknown };
  readonly steps: Array<StepResult>;
  readonly providerMetadata: ProviderMetadata | undefined;
}

/** A part of `fullStream` (AI SDK 5): the `finish` part carries the usage summed over all steps. */
export type TextStreamPart =
  | { type: 'start' }
  | { type: 'text-delta'; id: string; text: string }
  | { type: 'reasoning-delta'; id: string; text: string }
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: unknown }
  | { type: 'start-step' }
  | { type: 'finish-step'; response: LanguageModelResponseMetadata; usage: LanguageModelUsage; finishReason: FinishReason }
  | { type: 'finish'; finishReason: FinishReason; totalUsage: LanguageModelUsage }
  | { type: 'error'; error: unknown };

export interface StreamTextResult {
  readonly textStream: AsyncIterable<string> & ReadableStream<string>;
  readonly fullStream: AsyncIterable<TextStreamPart> & ReadableStream<TextStreamPart>;
  readonly text: Promise<string>;
  readonly finishReason: Promise<FinishReason>;
  readonly usage: Promise<LanguageModelUsage>;
  readonly totalUsage: Promise<LanguageModelUsage>;
  readonly response: Promise<LanguageModelResponseMetadata & { messages: Array<AssistantModelMessage | ToolModelMessage> }>;
  readonly steps: Promise<Array<StepResult>>;
  consumeStream(options?: { onError?: (error: unknown) => void }): Promise<void>;
  toTextStreamResponse(init?: ResponseInit): Response;
  toUIMessageStreamResponse(options?: ResponseInit & UIMessageStreamOptions): Response;
  toUIMessageStream(options?: UIMessageStreamOptions): ReadableStream<unknown>;
  /** AI SDK 4. */
  toDataStreamResponse(options?: ResponseInit): Response;
  pipeTextStreamToResponse(response: import('node:http').ServerResponse, init?: ResponseInit): void;
}

export type StopCondition = (options: { steps: StepResult[] }) => boolean | PromiseLike<boolean>;
export declare function stepCountIs(count: number): StopCondition;

export interface UIMessageStreamOptions {
  messageMetadata?: (options: { part: { type: string; totalUsage?: LanguageModelUsage } }) => unknown;
}

export interface OnFinishEvent extends StepResult {
  readonly steps: Array<StepResult>;
  readonly totalUsage: LanguageModelUsage;
}

type TextGenerationOptions = CallSettings &
  Prompt & {
    model: LanguageModel;
    tools?: Record<string, unknown>;
    toolChoice?: 'auto' | 'none' | 'required' | { type: 'tool'; toolName: string };
    /** AI SDK 5: when a multi-step run stops (`stepCountIs(n)`). */
    stopWhen?: StopCondition | StopCondition[];
    experimental_telemetry?: TelemetrySettings;
    providerOptions?: ProviderOptions;
  };

export declare function generateText(
  options: TextGenerationOptions & {
    onStepFinish?: (step: StepResult) => Promise<void> | void;
    onFinish?: (event: OnFinishEvent) => Promise<void> | void;
  },
): Promise<GenerateTextResult>;

export declare function streamText(
  options: TextGenerationOptions & {
    onChunk?: (event: { chunk: { type: string } }) => Promise<void> | void;
    onError?: (event: { error: unknown }) => Promise<void> | void;
    onStepFinish?: (step: StepResult) => Promise<void> | void;
    onFinish?: (event: OnFinishEvent) => Promise<void> | void;
  },
): StreamTextResult;

// ---- structured output --------------------------------------------------------------------

export interface Schema<OBJECT = unknown> {
  readonly jsonSchema: Record<string, unknown>;
  /** Type-only marker carrying the validated object type. */
  readonly _type: OBJECT;
}
export declare function jsonSchema<OBJECT = unknown>(schema: Record<string, unknown>): Schema<OBJECT>;

export interface GenerateObjectResult<OBJECT> {
  readonly object: OBJECT;
  readonly finishReason: FinishReason;
  readonly usage: LanguageModelUsage;
  readonly warnings: CallWarning[] | undefined;
  readonly response: LanguageModelResponseMetadata & { body?: unknown };
  readonly providerMetadata: ProviderMetadata | undefined;
}

export interface StreamObjectResult<PARTIAL, OBJECT> {
  readonly partialObjectStream: AsyncIterable<PARTIAL> & ReadableStream<PARTIAL>;
  readonly object: Promise<OBJECT>;
  readonly usage: Promise<LanguageModelUsage>;
  readonly response: Promise<LanguageModelResponseMetadata>;
  toTextStreamResponse(init?: ResponseInit): Response;
}

type ObjectGenerationOptions<OBJECT> = CallSettings &
  Prompt & {
    model: LanguageModel;
    schema: Schema<OBJECT>;
    schemaName?: string;
    schemaDescription?: string;
    mode?: 'auto' | 'json' | 'tool';
    experimental_telemetry?: TelemetrySettings;
    providerOptions?: ProviderOptions;
  };

export declare function generateObject<OBJECT>(options: ObjectGenerationOptions<OBJECT>): Promise<GenerateObjectResult<OBJECT>>;

export declare function streamObject<OBJECT>(
  options: ObjectGenerationOptions<OBJECT> & {
    onError?: (event: { error: unknown }) => Promise<void> | void;
    onFinish?: (event: { object: OBJECT | undefined; error: unknown | undefined; usage: LanguageModelUsage; response: LanguageModelResponseMetadata }) => Promise<void> | void;
  },
): StreamObjectResult<Partial<OBJECT>, OBJECT>;

// ---- errors -------------------------------------------------------------------------------

export declare class AISDKError extends Error {
  static isInstance(error: unknown): error is AISDKError;
}
export declare class APICallError extends AISDKError {
  readonly url: string;
  readonly statusCode: number | undefined;
  readonly isRetryable: boolean;
  static isInstance(error: unknown): error is APICallError;
}
export declare class RetryError extends AISDKError {
  readonly reason: 'maxRetriesExceeded' | 'errorNotRetryable' | 'abort';
  readonly errors: Array<unknown>;
  readonly lastError: unknown;
  static isInstance(error: unknown): error is RetryError;
}

/** A registry of providers called by `provider:model` ids, as far as the fixtures use it. */
export interface ProviderRegistry {
  languageModel(id: `${string}:${string}`): LanguageModelV2;
}
export declare function createProviderRegistry(providers: Record<string, (modelId: string) => LanguageModelV2>): ProviderRegistry;

// ---- agents -------------------------------------------------------------------------------

/** AI SDK 6 `ToolLoopAgent` settings: every run's requests are made with them; the abort signal is per run. */
export type ToolLoopAgentSettings = Omit<CallSettings, 'abortSignal'> & {
  id?: string;
  model: LanguageModel;
  instructions?: string | SystemModelMessage | Array<SystemModelMessage>;
  tools?: Record<string, unknown>;
  toolChoice?: 'auto' | 'none' | 'required' | { type: 'tool'; toolName: string };
  stopWhen?: StopCondition | StopCondition[];
  experimental_telemetry?: TelemetrySettings;
  providerOptions?: ProviderOptions;
  prepareStep?: (options: { stepNumber: number; steps: StepResult[] }) => unknown;
  prepareCall?: (options: Record<string, unknown>) => unknown;
  onStepFinish?: (step: StepResult) => Promise<void> | void;
  onFinish?: (event: OnFinishEvent) => Promise<void> | void;
};

export type AgentCallParameters = ({ prompt: string | Array<ModelMessage>; messages?: never } | { messages: Array<ModelMessage>; prompt?: never }) & {
  abortSignal?: AbortSignal;
  timeout?: TimeoutConfiguration;
};

export declare class ToolLoopAgent {
  constructor(settings: ToolLoopAgentSettings);
  generate(options: AgentCallParameters): Promise<GenerateTextResult>;
  stream(options: AgentCallParameters): Promise<StreamTextResult>;
}

/** AI SDK 5's agent: `system` instead of `instructions`. */
export declare class Experimental_Agent {
  constructor(settings: Omit<ToolLoopAgentSettings, 'instructions'> & { system?: string });
  generate(options: AgentCallParameters): Promise<GenerateTextResult>;
  stream(options: AgentCallParameters): StreamTextResult;
}

/** AI SDK 6.0 prerelease names of the agent class (`BasicAgent`; 5.0 prereleases: `Agent`), settings as Experimental_Agent's. */
export declare class BasicAgent {
  constructor(settings: Omit<ToolLoopAgentSettings, 'instructions'> & { system?: string });
  generate(options: AgentCallParameters): Promise<GenerateTextResult>;
  stream(options: AgentCallParameters): StreamTextResult;
}
export declare class Agent {
  constructor(settings: Omit<ToolLoopAgentSettings, 'instructions'> & { system?: string });
  generate(options: AgentCallParameters): Promise<GenerateTextResult>;
  stream(options: AgentCallParameters): StreamTextResult;
}
export declare function createAgentUIStreamResponse(options: { agent: ToolLoopAgent; uiMessages: unknown[]; abortSignal?: AbortSignal }): Promise<Response>;
