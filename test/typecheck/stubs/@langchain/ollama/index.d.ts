// Minimal, hand-written type stub of `@langchain/ollama` (no timeout option; `maxRetries` reaches no request).
import type { BaseChatModel, BaseChatModelCallOptions, BaseChatModelParams } from '@langchain/core/language_models/chat_models';

export interface ChatOllamaInput extends BaseChatModelParams {
  model?: string;
  /** The Ollama server; OLLAMA_BASE_URL, else http://127.0.0.1:11434. */
  baseUrl?: string;
  temperature?: number;
  numPredict?: number;
  numCtx?: number;
  streaming?: boolean;
  keepAlive?: string | number;
}

export declare class ChatOllama extends BaseChatModel<BaseChatModelCallOptions> {
  constructor(fields?: ChatOllamaInput);
  model: string;
}
