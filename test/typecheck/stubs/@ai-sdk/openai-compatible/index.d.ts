// Minimal, hand-written type stub of `@ai-sdk/openai-compatible` (1.x).
import type { EmbeddingModelV2, LanguageModelV2 } from '@ai-sdk/provider';

export interface OpenAICompatibleProvider {
  (modelId: string): LanguageModelV2;
  languageModel(modelId: string): LanguageModelV2;
  chatModel(modelId: string): LanguageModelV2;
  completionModel(modelId: string): LanguageModelV2;
  textEmbeddingModel(modelId: string): EmbeddingModelV2<string>;
}

export interface OpenAICompatibleProviderSettings {
  baseURL: string;
  name: string;
  apiKey?: string;
  headers?: Record<string, string>;
  queryParams?: Record<string, string>;
  fetch?: typeof fetch;
  /** Sends `stream_options: { include_usage: true }` on streamed requests (default: not sent). */
  includeUsage?: boolean;
}

export declare function createOpenAICompatible(options: OpenAICompatibleProviderSettings): OpenAICompatibleProvider;
