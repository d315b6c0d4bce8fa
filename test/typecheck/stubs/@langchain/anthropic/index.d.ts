// Minimal, hand-written type stub of `@langchain/anthropic`.
import type { ClientOptions } from '@anthropic-ai/sdk';
import type { BaseChatModel, BaseChatModelCallOptions, BaseChatModelParams } from '@langchain/core/language_models/chat_models';

export interface ChatAnthropicCallOptions extends BaseChatModelCallOptions {
  tool_choice?: unknown;
  headers?: Record<string, string>;
}

export interface AnthropicInput extends BaseChatModelParams {
  model?: string;
  /** @deprecated use `model` */
  modelName?: string;
  temperature?: number;
  topK?: number;
  topP?: number;
  maxTokens?: number;
  stopSequences?: string[];
  streaming?: boolean;
  streamUsage?: boolean;
  apiKey?: string;
  /** @deprecated use `apiKey` */
  anthropicApiKey?: string;
  anthropicApiUrl?: string;
  /** Options for the underlying `@anthropic-ai/sdk` client, e.g. `timeout`, `baseURL`. */
  clientOptions?: ClientOptions;
  invocationKwargs?: Record<string, unknown>;
  thinking?: { type: 'enabled'; budget_tokens: number } | { type: 'disabled' };
}

export declare class ChatAnthropic<CallOptions extends ChatAnthropicCallOptions = ChatAnthropicCallOptions> extends BaseChatModel<CallOptions> {
  constructor(fields?: AnthropicInput);
  model: string;
  maxTokens: number;
  streaming: boolean;
}
