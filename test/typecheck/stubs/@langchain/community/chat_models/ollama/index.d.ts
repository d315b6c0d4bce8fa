// Minimal, hand-written type stub of `@langchain/community/chat_models/ollama` (deprecated; its messages carry no usage).
import type { BaseChatModel, BaseChatModelCallOptions, BaseChatModelParams } from '@langchain/core/language_models/chat_models';

export interface ChatOllamaInput extends BaseChatModelParams {
  model?: string;
  baseUrl?: string;
  temperature?: number;
  numPredict?: number;
}

export declare class ChatOllama extends BaseChatModel<BaseChatModelCallOptions> {
  constructor(fields?: ChatOllamaInput);
  model: string;
}
