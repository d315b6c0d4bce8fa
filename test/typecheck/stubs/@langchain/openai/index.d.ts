// Minimal, hand-written type stub of `@langchain/openai`.
import type { BaseChatModel, BaseChatModelCallOptions, BaseChatModelParams } from '@langchain/core/language_models/chat_models';
import type { ClientOptions } from 'openai';
import { Runnable } from '@langchain/core/runnables';

export interface ChatOpenAICallOptions extends BaseChatModelCallOptions {
  stream_options?: { include_usage?: boolean };
  tool_choice?: unknown;
  response_format?: unknown;
}

export interface ChatOpenAIFields extends BaseChatModelParams {
  model?: string;
  /** @deprecated use `model` */
  modelName?: string;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  n?: number;
  streaming?: boolean;
  /** Ask for token usage while streaming (default true). */
  streamUsage?: boolean;
  /** Milliseconds before a request times out. */
  timeout?: number;
  apiKey?: string;
  /** @deprecated use `apiKey` */
  openAIApiKey?: string;
  organization?: string;
  /** Options for the underlying `openai` client, e.g. `baseURL` (0.x also takes the legacy `basePath`). */
  configuration?: ClientOptions & LegacyOpenAIInput;
  modelKwargs?: Record<string, unknown>;
  useResponsesApi?: boolean;
  /** 0.x: Azure fields on ChatOpenAI itself (1.x moved them to AzureChatOpenAI). */
  azureOpenAIApiKey?: string;
  azureOpenAIApiInstanceName?: string;
  azureOpenAIApiDeploymentName?: string;
  azureOpenAIApiVersion?: string;
  azureOpenAIBasePath?: string;
}

/** 0.x: the openai v3 client configuration names, still read by `configuration` and the second constructor argument. */
export interface LegacyOpenAIInput {
  /** @deprecated use `baseURL` */
  basePath?: string;
  /** @deprecated use `defaultHeaders` / `defaultQuery` */
  baseOptions?: { headers?: Record<string, string>; params?: Record<string, string> };
}

export declare class ChatOpenAI<CallOptions extends ChatOpenAICallOptions = ChatOpenAICallOptions> extends BaseChatModel<CallOptions> {
  /** @param configuration 0.x, deprecated: the client configuration (`basePath` becomes the base URL). */
  constructor(fields?: ChatOpenAIFields, configuration?: ClientOptions & LegacyOpenAIInput);
  model: string;
  temperature?: number;
  streaming: boolean;
  streamUsage: boolean;
  timeout?: number;
}

export interface AzureChatOpenAIFields extends ChatOpenAIFields {
  azureOpenAIApiKey?: string;
  azureOpenAIApiInstanceName?: string;
  azureOpenAIApiDeploymentName?: string;
  azureOpenAIApiVersion?: string;
  azureOpenAIEndpoint?: string;
}

export declare class AzureChatOpenAI extends ChatOpenAI {
  constructor(fields?: AzureChatOpenAIFields);
}

export interface OpenAIEmbeddingsParams {
  model?: string;
  dimensions?: number;
  batchSize?: number;
  timeout?: number;
  apiKey?: string;
  configuration?: ClientOptions;
  maxRetries?: number;
}
export declare class OpenAIEmbeddings {
  constructor(fields?: OpenAIEmbeddingsParams);
  embedQuery(document: string): Promise<number[]>;
  embedDocuments(documents: string[]): Promise<number[][]>;
}

export interface OpenAIInput {
  model?: string;
  /** @deprecated use `model` */
  modelName?: string;
  temperature?: number;
  maxTokens?: number;
  streaming?: boolean;
  /** Milliseconds before a request times out. */
  timeout?: number;
  /** Retries of the underlying calls (default 6). */
  maxRetries?: number;
  apiKey?: string;
  /** @deprecated use `apiKey` */
  openAIApiKey?: string;
  /** Options for the underlying `openai` client, e.g. `baseURL` (0.x also takes the legacy `basePath`). */
  configuration?: ClientOptions & LegacyOpenAIInput;
  callbacks?: unknown;
}

/** The completion model (a `BaseLLM`): a string in, a string out. */
export declare class OpenAI extends Runnable<string, string> {
  /** @param configuration 0.x, deprecated: the client configuration (`basePath` becomes the base URL). */
  constructor(fields?: OpenAIInput, configuration?: ClientOptions & LegacyOpenAIInput);
  model: string;
  timeout?: number;
}
