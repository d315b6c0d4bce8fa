// Minimal, hand-written type stub of `@langchain/groq`.
import type { BaseChatModel, BaseChatModelCallOptions, BaseChatModelParams } from '@langchain/core/language_models/chat_models';

export interface ChatGroqInput extends BaseChatModelParams {
  model: string;
  apiKey?: string;
  /** Milliseconds; passed to the groq-sdk client (60 s when unset). */
  timeout?: number;
  baseUrl?: string;
  temperature?: number;
  maxTokens?: number;
  streaming?: boolean;
  streamUsage?: boolean;
}

export declare class ChatGroq extends BaseChatModel<BaseChatModelCallOptions> {
  constructor(fields: ChatGroqInput);
  model: string;
}
