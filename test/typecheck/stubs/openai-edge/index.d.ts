// Minimal, hand-written type stub of the `openai-edge` package (1.x: openai@3.x's API over fetch), for
// type-checking the rule fixtures only. Every method resolves to the fetch Response; the request types
// predate `stream_options`.

export interface ConfigurationParameters {
  apiKey?: string | Promise<string> | ((name: string) => string) | ((name: string) => Promise<string>);
  organization?: string;
  basePath?: string;
  /** Merged into every request's RequestInit. */
  baseOptions?: any;
  defaultQueryParams?: URLSearchParams;
}

export declare class Configuration {
  constructor(param?: ConfigurationParameters);
  apiKey?: ConfigurationParameters['apiKey'];
  basePath?: string;
  baseOptions?: any;
}

export type ChatCompletionRequestMessageRoleEnum = 'system' | 'user' | 'assistant' | 'function';

export interface ChatCompletionRequestMessage {
  role: ChatCompletionRequestMessageRoleEnum;
  content?: string;
  name?: string;
  function_call?: { name?: string; arguments?: string };
}

export interface ChatCompletionFunctions {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

export interface CreateChatCompletionRequest {
  model: string;
  messages: Array<ChatCompletionRequestMessage>;
  functions?: Array<ChatCompletionFunctions>;
  function_call?: 'none' | 'auto' | { name: string };
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  stream?: boolean | null;
  stop?: string | Array<string>;
  max_tokens?: number;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  user?: string;
}

export interface CreateCompletionRequest {
  model: string;
  prompt?: string | Array<string> | null;
  max_tokens?: number | null;
  temperature?: number | null;
  stream?: boolean | null;
  user?: string;
}

export declare class OpenAIApi {
  constructor(configuration?: Configuration, basePath?: string, fetchImpl?: typeof globalThis.fetch);
  /** One fetch; `options` is its RequestInit (a `signal` is the only bound). */
  createChatCompletion(createChatCompletionRequest: CreateChatCompletionRequest, options?: RequestInit): Promise<Response>;
  createCompletion(createCompletionRequest: CreateCompletionRequest, options?: RequestInit): Promise<Response>;
}
