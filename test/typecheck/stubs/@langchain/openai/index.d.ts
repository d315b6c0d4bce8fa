// Minimal, hand-written type stub of `@langchain/openai`.
import type { BaseChatModel, BaseChatModelCallOptions, BaseChatModelParams } from '@langchain/core/language_models/chat_models';
import type { ClientOptions } from 'openai';

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
  /** Options for the underlying `openai` client, e.g. `baseURL`. */
  configuration?: ClientOptions;
  modelKwargs?: Record<string, unknown>;
  useResponsesApi?: boolean;
}

export declare class ChatOpenAI<CallOptions extends ChatOpenAICallOptions = ChatOpenAICallOptions> extends BaseChatModel<CallOptions> {
  constructor(fields?: ChatOpenAIFields);
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
