// Minimal, hand-written type stub of `@langchain/google-genai` (no timeout option: pass one per call).
import type { BaseChatModel, BaseChatModelCallOptions, BaseChatModelParams } from '@langchain/core/language_models/chat_models';

export interface GoogleGenerativeAIChatInput extends BaseChatModelParams {
  model: string;
  apiKey?: string;
  baseUrl?: string;
  apiVersion?: string;
  temperature?: number;
  maxOutputTokens?: number;
  streaming?: boolean;
  streamUsage?: boolean;
}

export declare class ChatGoogleGenerativeAI extends BaseChatModel<BaseChatModelCallOptions> {
  constructor(fields: GoogleGenerativeAIChatInput);
  model: string;
}
