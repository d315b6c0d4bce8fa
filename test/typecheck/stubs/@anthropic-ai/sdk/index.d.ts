// Minimal, hand-written type stub of `@anthropic-ai/sdk` (anthropic-sdk-typescript public API),
// for type-checking the rule fixtures only.

export interface ClientOptions {
  apiKey?: string | null | undefined;
  authToken?: string | null | undefined;
  baseURL?: string | null | undefined;
  /**
   * Milliseconds before a request times out. Without it, a non-streaming `messages.create`
   * whose `max_tokens` could take longer than 10 minutes is refused by the SDK.
   */
  timeout?: number | undefined;
  /** Default 2. */
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
  toReadableStream(): ReadableStream;
}

// ---- errors -------------------------------------------------------------------------------

export declare class AnthropicError extends Error {}
export declare class APIError<
  TStatus extends number | undefined = number | undefined,
  THeaders extends Headers | undefined = Headers | undefined,
  TError extends object | undefined = object | undefined,
> extends AnthropicError {
  readonly status: TStatus;
  readonly headers: THeaders;
  readonly error: TError;
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

// ---- messages -----------------------------------------------------------------------------

export type Model =
  | 'claude-opus-4-1'
  | 'claude-opus-4-1-20250805'
  | 'claude-opus-4-0'
  | 'claude-sonnet-4-5'
  | 'claude-sonnet-4-5-20250929'
  | 'claude-sonnet-4-0'
  | 'claude-haiku-4-5'
  | 'claude-haiku-4-5-20251001'
  | 'claude-3-5-haiku-latest'
  | (string & {});

export interface CacheControlEphemeral {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

export interface TextBlockParam {
  type: 'text';
  text: string;
  cache_control?: CacheControlEphemeral | null;
  citations?: Array<unknown> | null;
}
export interface ImageBlockParam {
  type: 'image';
  source: { type: 'base64'; media_type: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp'; data: string } | { type: 'url'; url: string };
  cache_control?: CacheControlEphemeral | null;
}
export interface ToolUseBlockParam {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
  cache_control?: CacheControlEphemeral | null;
}
export interface ToolResultBlockParam {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | Array<TextBlockParam | ImageBlockParam>;
  is_error?: boolean;
  cache_control?: CacheControlEphemeral | null;
}
export type ContentBlockParam = TextBlockParam | ImageBlockParam | ToolUseBlockParam | ToolResultBlockParam;

export interface MessageParam {
  role: 'user' | 'assistant';
  content: string | Array<ContentBlockParam>;
}

export interface Tool {
  name: string;
  description?: string;
  input_schema: { type: 'object'; properties?: unknown | null; required?: Array<string> | null; [k: string]: unknown };
  cache_control?: CacheControlEphemeral | null;
}

export interface MessageCreateParamsBase {
  max_tokens: number;
  messages: Array<MessageParam>;
  model: Model;
  /** Request-level cache breakpoint: the API places it on the last cacheable block. */
  cache_control?: CacheControlEphemeral | null;
  metadata?: { user_id?: string | null };
  service_tier?: 'auto' | 'standard_only';
  stop_sequences?: Array<string>;
  stream?: boolean;
  /** A plain string, or text blocks (which can carry `cache_control`). */
  system?: string | Array<TextBlockParam>;
  temperature?: number;
  thinking?: { type: 'enabled'; budget_tokens: number } | { type: 'disabled' };
  tool_choice?: { type: 'auto' | 'any' | 'none' } | { type: 'tool'; name: string };
  tools?: Array<Tool>;
  top_k?: number;
  top_p?: number;
}
export interface MessageCreateParamsNonStreaming extends MessageCreateParamsBase {
  stream?: false;
}
export interface MessageCreateParamsStreaming extends MessageCreateParamsBase {
  stream: true;
}
export type MessageCreateParams = MessageCreateParamsNonStreaming | MessageCreateParamsStreaming;
/** `messages.stream()` takes the create params; it always streams. */
export type MessageStreamParams = MessageCreateParamsBase;

export interface TextBlock {
  type: 'text';
  text: string;
  citations: Array<unknown> | null;
}
export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}
export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}
export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
}
export type ContentBlock = TextBlock | ThinkingBlock | RedactedThinkingBlock | ToolUseBlock;

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number | null;
  cache_read_input_tokens: number | null;
  service_tier: 'standard' | 'priority' | 'batch' | null;
}

export interface Message {
  id: string;
  type: 'message';
  role: 'assistant';
  content: Array<ContentBlock>;
  model: Model;
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  usage: Usage;
}

export interface MessageDeltaUsage {
  input_tokens: number | null;
  output_tokens: number;
  cache_creation_input_tokens: number | null;
  cache_read_input_tokens: number | null;
}

export interface RawMessageStartEvent {
  type: 'message_start';
  message: Message;
}
export interface RawMessageDeltaEvent {
  type: 'message_delta';
  delta: { stop_reason: StopReason | null; stop_sequence: string | null };
  usage: MessageDeltaUsage;
}
export interface RawMessageStopEvent {
  type: 'message_stop';
}
export interface RawContentBlockStartEvent {
  type: 'content_block_start';
  index: number;
  content_block: ContentBlock;
}
export interface RawContentBlockDeltaEvent {
  type: 'content_block_delta';
  index: number;
  delta:
    | { type: 'text_delta'; text: string }
    | { type: 'input_json_delta'; partial_json: string }
    | { type: 'thinking_delta'; thinking: string }
    | { type: 'signature_delta'; signature: string };
}
export interface RawContentBlockStopEvent {
  type: 'content_block_stop';
  index: number;
}
export type RawMessageStreamEvent =
  | RawMessageStartEvent
  | RawMessageDeltaEvent
  | RawMessageStopEvent
  | RawContentBlockStartEvent
  | RawContentBlockDeltaEvent
  | RawContentBlockStopEvent;
export type MessageStreamEvent = RawMessageStreamEvent;

export declare class MessageStream implements AsyncIterable<MessageStreamEvent> {
  [Symbol.asyncIterator](): AsyncIterator<MessageStreamEvent>;
  on(event: 'text', listener: (textDelta: string, textSnapshot: string) => void): this;
  on(event: 'message', listener: (message: Message) => void): this;
  on(event: 'finalMessage', listener: (message: Message) => void): this;
  on(event: 'error', listener: (error: AnthropicError) => void): this;
  on(event: 'end', listener: () => void): this;
  abort(): void;
  done(): Promise<void>;
  finalMessage(): Promise<Message>;
  finalText(): Promise<string>;
  toReadableStream(): ReadableStream;
}

export declare class Messages {
  create(body: MessageCreateParamsNonStreaming, options?: RequestOptions): APIPromise<Message>;
  create(body: MessageCreateParamsStreaming, options?: RequestOptions): APIPromise<Stream<RawMessageStreamEvent>>;
  create(body: MessageCreateParamsBase, options?: RequestOptions): APIPromise<Stream<RawMessageStreamEvent> | Message>;
  stream(body: MessageStreamParams, options?: RequestOptions): MessageStream;
  countTokens(body: Omit<MessageCreateParamsBase, 'max_tokens' | 'stream'>, options?: RequestOptions): APIPromise<{ input_tokens: number }>;
}

// ---- client -------------------------------------------------------------------------------

export declare class Anthropic {
  constructor(opts?: ClientOptions);
  apiKey: string | null;
  baseURL: string;
  timeout: number;
  maxRetries: number;
  messages: Messages;
  withOptions(options: Partial<ClientOptions>): this;

  static Anthropic: typeof Anthropic;
  static DEFAULT_TIMEOUT: number;
  static AnthropicError: typeof AnthropicError;
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

export declare namespace Anthropic {
  export {
    type ClientOptions,
    type RequestOptions,
    type CacheControlEphemeral,
    type ContentBlock,
    type Message,
    type MessageCreateParams,
    type MessageParam,
    type Model,
    type TextBlock,
    type TextBlockParam,
    type Tool,
    type Usage,
  };
}

export default Anthropic;
