// Minimal, hand-written type stub of `@langchain/deepseek` (ChatDeepSeek extends ChatOpenAI's completions class).
import type { ClientOptions } from 'openai';
import type { BaseChatModel, BaseChatModelCallOptions, BaseChatModelParams } from '@langchain/core/language_models/chat_models';

export interface ChatDeepSeekInput extends BaseChatModelParams {
  model?: string;
  apiKey?: string;
  /** Milliseconds; passed to the openai client (600 s when unset). */
  timeout?: number;
  configuration?: ClientOptions;
  temperature?: number;
  maxTokens?: number;
  streaming?: boolean;
  streamUsage?: boolean;
}

export declare class ChatDeepSeek extends BaseChatModel<BaseChatModelCallOptions> {
  constructor(fields?: ChatDeepSeekInput);
  model: string;
}
