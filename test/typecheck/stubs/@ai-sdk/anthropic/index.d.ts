// Minimal, hand-written type stub of `@ai-sdk/anthropic` (AI SDK Anthropic provider).
import type { LanguageModelV2 } from '@ai-sdk/provider';

export type AnthropicMessagesModelId =
  | 'claude-opus-4-1'
  | 'claude-opus-4-1-20250805'
  | 'claude-sonnet-4-5'
  | 'claude-sonnet-4-5-20250929'
  | 'claude-haiku-4-5'
  | 'claude-haiku-4-5-20251001'
  | (string & {});

export interface AnthropicProvider {
  (modelId: AnthropicMessagesModelId): LanguageModelV2;
  languageModel(modelId: AnthropicMessagesModelId): LanguageModelV2;
  messages(modelId: AnthropicMessagesModelId): LanguageModelV2;
}

export interface AnthropicProviderSettings {
  /** Default `https://api.anthropic.com/v1`. */
  baseURL?: string;
  /** Default: the ANTHROPIC_API_KEY environment variable. */
  apiKey?: string;
  authToken?: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

export declare function createAnthropic(options?: AnthropicProviderSettings): AnthropicProvider;
/** The default provider instance, configured from the environment (ANTHROPIC_API_KEY). */
export declare const anthropic: AnthropicProvider;
