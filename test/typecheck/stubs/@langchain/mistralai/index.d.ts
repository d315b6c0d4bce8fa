// Minimal, hand-written type stub of `@langchain/mistralai` (no timeout option; the SDK times out after 30 s).
import type { BaseChatModel, BaseChatModelCallOptions, BaseChatModelParams } from '@langchain/core/language_models/chat_models';

export interface ChatMistralAIInput extends BaseChatModelParams {
  model?: string;
  /** @deprecated use `model` */
  modelName?: string;
  apiKey?: string;
  serverURL?: string;
  temperature?: number;
  maxTokens?: number;
  streaming?: boolean;
  streamUsage?: boolean;
}

export declare class ChatMistralAI extends BaseChatModel<BaseChatModelCallOptions> {
  constructor(fields?: ChatMistralAIInput);
  model: string;
}
