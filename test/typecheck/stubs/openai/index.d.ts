// Minimal, hand-written type stub of the `openai` package (openai-node v5/v6 public API),
// for type-checking the rule fixtures only. Shapes follow the SDK's published types;
// members the fixtures never reach are left out rather than guessed.

export type ApiKeySetter = () => Promise<string>;

export interface ClientOptions {
  apiKey?: string | ApiKeySetter | undefined;
  organization?: string | null | undefined;
  project?: string | null | undefined;
  webhookSecret?: string | null | undefined;
  baseURL?: string | null | undefined;
  /** Milliseconds before a request times out (default 10 minutes). */
  timeout?: number | undefined;
  /** Retries on connection errors, 408, 409, 429 and >=500 (default 2). */
  maxRetries?: number | undefined;
  fetchOptions?: RequestInit | undefined;
  fetch?: typeof fetch | undefined;
  defaultHeaders?: Record<string, string | null | undefined> | undefined;
  defaultQuery?: Record<string, string | undefined> | undefined;
  dangerouslyAllowBrowser?: boolean | undefined;
  logLevel?: 'off' | 'error' | 'warn' | 'info' | 'debug' | undefined;
}

export interface RequestOptions {
  maxRetries?: number;
  timeout?: number;
  signal?: AbortSignal | null;
  headers?: Record<string, string | null | undefined>;
  query?: Record<string, unknown>;
  idempotencyKey?: string;
}

export declare class APIPromise<T> extends Promise<T> {
  asResponse(): Promise<Response>;
  withResponse(): Promise<{ data: T; response: Response; request_id: string | null | undefined }>;
}

export declare class Stream<Item> implements AsyncIterable<Item> {
  controller: AbortController;
  [Symbol.asyncIterator](): AsyncIterator<Item>;
  tee(): [Stream<Item>, Stream<Item>];
  /** A ReadableStream of newline-separated JSON items, e.g. to return from a route handler. */
  toReadableStream(): ReadableStream;
}

// ---- errors -------------------------------------------------------------------------------

export declare class OpenAIError extends Error {}

export declare class APIError<
  TStatus extends number | undefined = number | undefined,
  THeaders extends Headers | undefined = Headers | undefined,
  TError extends object | undefined = object | undefined,
> extends OpenAIError {
  readonly status: TStatus;
  readonly headers: THeaders;
  readonly error: TError;
  readonly code: string | null | undefined;
  readonly param: string | null | undefined;
  readonly type: string | undefined;
  readonly requestID: string | null | undefined;
}
export declare class APIUserAbortError extends APIError<undefined, undefined, undefined> {}
export declare class APIConnectionError extends APIError<undefined, undefined, undefined> {}
export declare class APIConnectionTimeoutError extends APIConnectionError {}
export declare class BadRequestError extends APIError<400, Headers> {}
export declare class AuthenticationError extends APIError<401, Headers> {}
export declare class PermissionDeniedError extends APIError<403, Headers> {}
export declare class NotFoundError extends APIError<404, Headers> {}
export declare class ConflictError extends APIError<409, Headers> {}
export declare class UnprocessableEntityError extends APIError<422, Headers> {}
export declare class RateLimitError extends APIError<429, Headers> {}
export declare class InternalServerError extends APIError<number, Headers> {}

// ---- chat completions ---------------------------------------------------------------------

export type ChatModel =
  | 'gpt-4.1'
  | 'gpt-4.1-mini'
  | 'gpt-4.1-nano'
  | 'gpt-4o'
  | 'gpt-4o-mini'
  | 'o3'
  | 'o3-mini'
  | 'o4-mini'
  | 'gpt-5'
  | 'gpt-5-mini'
  | 'gpt-5-nano';

export interface ChatCompletionContentPartText {
  type: 'text';
  text: string;
}
export interface ChatCompletionContentPartImage {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}
export type ChatCompletionContentPart = ChatCompletionContentPartText | ChatCompletionContentPartImage;

export interface ChatCompletionMessageToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatCompletionSystemMessageParam {
  role: 'system';
  content: string | Array<ChatCompletionContentPartText>;
  name?: string;
}
export interface ChatCompletionDeveloperMessageParam {
  role: 'developer';
  content: string | Array<ChatCompletionContentPartText>;
  name?: string;
}
export interface ChatCompletionUserMessageParam {
  role: 'user';
  content: string | Array<ChatCompletionContentPart>;
  name?: string;
}
export interface ChatCompletionAssistantMessageParam {
  role: 'assistant';
  content?: string | Array<ChatCompletionContentPartText> | null;
  name?: string;
  refusal?: string | null;
  tool_calls?: Array<ChatCompletionMessageToolCall>;
}
export interface ChatCompletionToolMessageParam {
  role: 'tool';
  content: string | Array<ChatCompletionContentPartText>;
  tool_call_id: string;
}
export type ChatCompletionMessageParam =
  | ChatCompletionDeveloperMessageParam
  | ChatCompletionSystemMessageParam
  | ChatCompletionUserMessageParam
  | ChatCompletionAssistantMessageParam
  | ChatCompletionToolMessageParam;

export interface ChatCompletionStreamOptions {
  /** When true, a last chunk with an empty `choices` array carries the request's `usage`. */
  include_usage?: boolean;
  include_obfuscation?: boolean;
}

export interface ChatCompletionTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean | null };
}

export interface ResponseFormatText {
  type: 'text';
}
export interface ResponseFormatJSONObject {
  type: 'json_object';
}
export interface ResponseFormatJSONSchema {
  type: 'json_schema';
  json_schema: { name: string; description?: string; schema?: Record<string, unknown>; strict?: boolean | null };
}

export interface ChatCompletionCreateParamsBase {
  messages: Array<ChatCompletionMessageParam>;
  model: (string & {}) | ChatModel;
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  max_completion_tokens?: number | null;
  /** @deprecated in favour of max_completion_tokens */
  max_tokens?: number | null;
  metadata?: Record<string, string> | null;
  n?: number | null;
  parallel_tool_calls?: boolean;
  presence_penalty?: number | null;
  prompt_cache_key?: string;
  reasoning_effort?: 'minimal' | 'low' | 'medium' | 'high' | null;
  response_format?: ResponseFormatText | ResponseFormatJSONSchema | ResponseFormatJSONObject;
  seed?: number | null;
  service_tier?: 'auto' | 'default' | 'flex' | 'scale' | 'priority' | null;
  stop?: string | null | Array<string>;
  store?: boolean | null;
  stream?: boolean | null;
  stream_options?: ChatCompletionStreamOptions | null;
  temperature?: number | null;
  tool_choice?: 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };
  tools?: Array<ChatCompletionTool>;
  top_p?: number | null;
  user?: string;
}
export interface ChatCompletionCreateParamsNonStreaming extends ChatCompletionCreateParamsBase {
  stream?: false | null;
}
export interface ChatCompletionCreateParamsStreaming extends ChatCompletionCreateParamsBase {
  stream: true;
}
export type ChatCompletionCreateParams = ChatCompletionCreateParamsNonStreaming | ChatCompletionCreateParamsStreaming;

export interface CompletionUsage {
  completion_tokens: number;
  prompt_tokens: number;
  total_tokens: number;
  completion_tokens_details?: { reasoning_tokens?: number; accepted_prediction_tokens?: number; rejected_prediction_tokens?: number; audio_tokens?: number };
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number };
}

export interface ChatCompletionMessage {
  role: 'assistant';
  content: string | null;
  refusal: string | null;
  tool_calls?: Array<ChatCompletionMessageToolCall>;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<ChatCompletion.Choice>;
  service_tier?: string | null;
  system_fingerprint?: string;
  usage?: CompletionUsage;
}
export declare namespace ChatCompletion {
  interface Choice {
    index: number;
    finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';
    message: ChatCompletionMessage;
    logprobs: unknown | null;
  }
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<ChatCompletionChunk.Choice>;
  service_tier?: string | null;
  system_fingerprint?: string;
  /** Only on the last chunk, and only with `stream_options: { include_usage: true }`. */
  usage?: CompletionUsage | null;
}
export declare namespace ChatCompletionChunk {
  interface Choice {
    index: number;
    delta: { content?: string | null; refusal?: string | null; role?: 'developer' | 'system' | 'user' | 'assistant' | 'tool'; tool_calls?: Array<unknown> };
    finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call' | null;
    logprobs?: unknown | null;
  }
}

export interface ParsedChatCompletion<ParsedT> extends ChatCompletion {
  choices: Array<ChatCompletion.Choice & { message: ChatCompletionMessage & { parsed: ParsedT | null } }>;
}

/** What `chat.completions.stream()` returns: an event emitter that is also async-iterable of chunks. */
export declare class ChatCompletionStream implements AsyncIterable<ChatCompletionChunk> {
  [Symbol.asyncIterator](): AsyncIterator<ChatCompletionChunk>;
  on(event: 'content', listener: (delta: string, snapshot: string) => void): this;
  on(event: 'chunk', listener: (chunk: ChatCompletionChunk) => void): this;
  on(event: 'error', listener: (error: OpenAIError) => void): this;
  on(event: 'end', listener: () => void): this;
  abort(): void;
  done(): Promise<void>;
  finalChatCompletion(): Promise<ChatCompletion>;
  finalContent(): Promise<string | null>;
  toReadableStream(): ReadableStream;
}

/** A tool the runner calls itself (`chat.completions.runTools`): the model's arguments go through `parse`. */
export interface RunnableToolFunction<Args = any> {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown>; parse?: (input: string) => Args; function: (args: Args) => unknown };
}

export interface ChatCompletionToolRunnerParams extends Omit<ChatCompletionCreateParamsBase, 'tools'> {
  tools: Array<RunnableToolFunction>;
}

/** What `chat.completions.runTools()` returns: one chat completion request per tool round, until a final answer. */
export declare class ChatCompletionRunner {
  on(event: 'content', listener: (delta: string, snapshot: string) => void): this;
  on(event: 'chatCompletion', listener: (completion: ChatCompletion) => void): this;
  on(event: 'totalUsage', listener: (usage: CompletionUsage) => void): this;
  on(event: 'error', listener: (error: OpenAIError) => void): this;
  done(): Promise<void>;
  abort(): void;
  finalContent(): Promise<string | null>;
  finalChatCompletion(): Promise<ChatCompletion>;
  /** Sums the usage of every completion of the run. */
  totalUsage(): Promise<CompletionUsage>;
  allChatCompletions(): ChatCompletion[];
}

export interface RunnerOptions extends RequestOptions {
  /** Requests before the runner gives up (default 10). */
  maxChatCompletions?: number;
}

export declare class Completions {
  runTools(body: ChatCompletionToolRunnerParams, options?: RunnerOptions): ChatCompletionRunner;
  create(body: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): APIPromise<ChatCompletion>;
  create(body: ChatCompletionCreateParamsStreaming, options?: RequestOptions): APIPromise<Stream<ChatCompletionChunk>>;
  create(body: ChatCompletionCreateParamsBase, options?: RequestOptions): APIPromise<Stream<ChatCompletionChunk> | ChatCompletion>;
  parse<ParsedT = unknown>(body: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): APIPromise<ParsedChatCompletion<ParsedT>>;
  stream(body: ChatCompletionCreateParamsBase, options?: RequestOptions): ChatCompletionStream;
}

export declare class Chat {
  completions: Completions;
}

// ---- legacy completions -------------------------------------------------------------------

export interface Completion {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  choices: Array<{ text: string; index: number; finish_reason: 'stop' | 'length' | 'content_filter' | null }>;
  /** On a stream, only on the last chunk, and only with `stream_options: { include_usage: true }`. */
  usage?: CompletionUsage | null;
}

export interface CompletionCreateParamsBase {
  model: (string & {}) | 'gpt-3.5-turbo-instruct' | 'davinci-002' | 'babbage-002';
  prompt: string | Array<string> | null;
  max_tokens?: number | null;
  stream?: boolean | null;
  stream_options?: ChatCompletionStreamOptions | null;
  temperature?: number | null;
}
export interface CompletionCreateParamsNonStreaming extends CompletionCreateParamsBase {
  stream?: false | null;
}
export interface CompletionCreateParamsStreaming extends CompletionCreateParamsBase {
  stream: true;
}

/** `client.completions`: the legacy Completions API. */
export declare class LegacyCompletions {
  create(body: CompletionCreateParamsNonStreaming, options?: RequestOptions): APIPromise<Completion>;
  create(body: CompletionCreateParamsStreaming, options?: RequestOptions): APIPromise<Stream<Completion>>;
  create(body: CompletionCreateParamsBase, options?: RequestOptions): APIPromise<Stream<Completion> | Completion>;
}

// ---- responses ----------------------------------------------------------------------------

export declare class Responses {
  create(body: Responses.ResponseCreateParamsNonStreaming, options?: RequestOptions): APIPromise<Responses.Response>;
  create(body: Responses.ResponseCreateParamsStreaming, options?: RequestOptions): APIPromise<Stream<Responses.ResponseStreamEvent>>;
  create(body: Responses.ResponseCreateParamsBase, options?: RequestOptions): APIPromise<Stream<Responses.ResponseStreamEvent> | Responses.Response>;
  /** A streaming response with helpers (`finalResponse()` resolves to the completed response, usage included). */
  stream(body: Responses.ResponseCreateParamsBase, options?: RequestOptions): ResponseStream;
}

/** What `responses.stream()` returns: async-iterable of the stream's events. */
export declare class ResponseStream implements AsyncIterable<Responses.ResponseStreamEvent> {
  [Symbol.asyncIterator](): AsyncIterator<Responses.ResponseStreamEvent>;
  on(event: 'event', listener: (event: Responses.ResponseStreamEvent) => void): this;
  abort(): void;
  done(): Promise<void>;
  finalResponse(): Promise<Responses.Response>;
}

export declare namespace Responses {
  interface ResponseUsage {
    input_tokens: number;
    input_tokens_details: { cached_tokens: number };
    output_tokens: number;
    output_tokens_details: { reasoning_tokens: number };
    total_tokens: number;
  }

  interface Response {
    id: string;
    object: 'response';
    created_at: number;
    model: string;
    output: Array<unknown>;
    output_text: string;
    status?: 'completed' | 'failed' | 'in_progress' | 'cancelled' | 'queued' | 'incomplete';
    usage?: ResponseUsage;
  }

  type ResponseStreamEvent =
    | { type: 'response.created'; response: Response; sequence_number: number }
    | { type: 'response.output_text.delta'; delta: string; item_id: string; output_index: number; content_index: number; sequence_number: number }
    | { type: 'response.output_text.done'; text: string; item_id: string; output_index: number; content_index: number; sequence_number: number }
    | { type: 'response.completed'; response: Response; sequence_number: number }
    | { type: 'response.failed'; response: Response; sequence_number: number }
    | { type: 'error'; code: string | null; message: string; param: string | null; sequence_number: number };

  type ResponseInput = Array<{ role: 'user' | 'assistant' | 'system' | 'developer'; content: string }>;

  interface ResponseCreateParamsBase {
    model: (string & {}) | ChatModel;
    input?: string | ResponseInput;
    instructions?: string | null;
    max_output_tokens?: number | null;
    metadata?: Record<string, string> | null;
    previous_response_id?: string | null;
    prompt_cache_key?: string;
    store?: boolean | null;
    stream?: boolean | null;
    temperature?: number | null;
    top_p?: number | null;
    user?: string;
  }
  interface ResponseCreateParamsNonStreaming extends ResponseCreateParamsBase {
    stream?: false | null;
  }
  interface ResponseCreateParamsStreaming extends ResponseCreateParamsBase {
    stream: true;
  }
}

// ---- clients ------------------------------------------------------------------------------

export declare class OpenAI {
  constructor(opts?: ClientOptions);
  apiKey: string;
  baseURL: string;
  timeout: number;
  maxRetries: number;
  chat: Chat;
  completions: LegacyCompletions;
  responses: Responses;
  /** The Assistants API, as far as the fixtures use it. */
  beta: {
    threads: {
      messages: { create(threadId: string, body: { role: 'user' | 'assistant'; content: string }): Promise<{ id: string }> };
      runs: { createAndPoll(threadId: string, body: { assistant_id: string }): Promise<{ id: string; status: string }> };
    };
  };
  withOptions(options: Partial<ClientOptions>): this;

  static OpenAI: typeof OpenAI;
  static DEFAULT_TIMEOUT: number;
  static OpenAIError: typeof OpenAIError;
  static APIError: typeof APIError;
  static APIConnectionError: typeof APIConnectionError;
  static APIConnectionTimeoutError: typeof APIConnectionTimeoutError;
  static APIUserAbortError: typeof APIUserAbortError;
  static NotFoundError: typeof NotFoundError;
  static ConflictError: typeof ConflictError;
  static RateLimitError: typeof RateLimitError;
  static BadRequestError: typeof BadRequestError;
  static AuthenticationError: typeof AuthenticationError;
  static InternalServerError: typeof InternalServerError;
  static PermissionDeniedError: typeof PermissionDeniedError;
  static UnprocessableEntityError: typeof UnprocessableEntityError;
}

export declare namespace OpenAI {
  export { type ClientOptions, type RequestOptions };
  export namespace Chat {
    export {
      type ChatCompletion,
      type ChatCompletionChunk,
      type ChatCompletionCreateParams,
      type ChatCompletionCreateParamsNonStreaming,
      type ChatCompletionCreateParamsStreaming,
      type ChatCompletionMessage,
      type ChatCompletionMessageParam,
      type ChatCompletionStreamOptions,
      type ChatCompletionTool,
      type ChatModel,
    };
  }
}

export interface AzureClientOptions extends ClientOptions {
  /** e.g. `2024-10-21`; defaults to the OPENAI_API_VERSION environment variable. */
  apiVersion?: string | undefined;
  /** e.g. `https://example-resource.openai.azure.com/`; defaults to AZURE_OPENAI_ENDPOINT. */
  endpoint?: string | undefined;
  /** A model deployment: requests go to `/deployments/{deployment}`. */
  deployment?: string | undefined;
  apiKey?: string | undefined;
  azureADTokenProvider?: (() => Promise<string>) | undefined;
}

export declare class AzureOpenAI extends OpenAI {
  constructor(opts?: AzureClientOptions);
  apiVersion: string;
  deploymentName: string | undefined;
}

export default OpenAI;
