// Minimal, hand-written type stub of `@ai-sdk/google` (AI SDK Google Generative AI provider).
import type { LanguageModelV2 } from '@ai-sdk/provider';

export type GoogleGenerativeAIModelId = 'gemini-2.5-pro' | 'gemini-2.5-flash' | 'gemini-2.0-flash' | (string & {});

export interface GoogleGenerativeAIProvider {
  (modelId: GoogleGenerativeAIModelId): LanguageModelV2;
  languageModel(modelId: GoogleGenerativeAIModelId): LanguageModelV2;
  chat(modelId: GoogleGenerativeAIModelId): LanguageModelV2;
}

export interface GoogleGenerativeAIProviderSettings {
  /** Default `https://generativelanguage.googleapis.com/v1beta`: the API version is part of it. */
  baseURL?: string;
  /** Sent as x-goog-api-key. Default: the GOOGLE_GENERATIVE_AI_API_KEY environment variable. */
  apiKey?: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

export declare function createGoogleGenerativeAI(options?: GoogleGenerativeAIProviderSettings): GoogleGenerativeAIProvider;
/** The default provider instance, configured from the environment (GOOGLE_GENERATIVE_AI_API_KEY). */
export declare const google: GoogleGenerativeAIProvider;
