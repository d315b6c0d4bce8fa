// Minimal, hand-written type stub of `@ai-sdk/openai` (AI SDK OpenAI provider).
import type { EmbeddingModelV2, LanguageModelV2 } from '@ai-sdk/provider';

export type OpenAIResponsesModelId =
  | 'gpt-4.1'
  | 'gpt-4.1-mini'
  | 'gpt-4.1-nano'
  | 'gpt-4o'
  | 'gpt-4o-mini'
  | 'gpt-5'
  | 'gpt-5-mini'
  | 'o3'
  | 'o4-mini'
  | (string & {});
export type OpenAIChatModelId = OpenAIResponsesModelId;
export type OpenAIEmbeddingModelId = 'text-embedding-3-small' | 'text-embedding-3-large' | (string & {});

export interface OpenAIProvider {
  /** The default: a Responses API model. */
  (modelId: OpenAIResponsesModelId): LanguageModelV2;
  languageModel(modelId: OpenAIResponsesModelId): LanguageModelV2;
  chat(modelId: OpenAIChatModelId): LanguageModelV2;
  responses(modelId: OpenAIResponsesModelId): LanguageModelV2;
  textEmbeddingModel(modelId: OpenAIEmbeddingModelId): EmbeddingModelV2<string>;
}

export interface OpenAIProviderSettings {
  /** Default `https://api.openai.com/v1`. */
  baseURL?: string;
  /** Default: the OPENAI_API_KEY environment variable. */
  apiKey?: string;
  organization?: string;
  project?: string;
  headers?: Record<string, string>;
  name?: string;
  fetch?: typeof fetch;
}

export declare function createOpenAI(options?: OpenAIProviderSettings): OpenAIProvider;
/** The default provider instance, configured from the environment (OPENAI_API_KEY). */
export declare const openai: OpenAIProvider;
