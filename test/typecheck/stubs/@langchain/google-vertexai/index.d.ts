// Minimal, hand-written type stub of `@langchain/google-vertexai` (no timeout option: pass one per call).
import type { BaseChatModel, BaseChatModelCallOptions, BaseChatModelParams } from '@langchain/core/language_models/chat_models';

export interface ChatVertexAIInput extends BaseChatModelParams {
  model?: string;
  modelName?: string;
  /** A host, `${location}-aiplatform.googleapis.com` by default. */
  endpoint?: string;
  location?: string;
  apiKey?: string;
  temperature?: number;
  maxOutputTokens?: number;
  streaming?: boolean;
  streamUsage?: boolean;
}

export declare class ChatVertexAI extends BaseChatModel<BaseChatModelCallOptions> {
  constructor(fields?: ChatVertexAIInput);
  constructor(model: string, fields?: ChatVertexAIInput);
  model: string;
}
