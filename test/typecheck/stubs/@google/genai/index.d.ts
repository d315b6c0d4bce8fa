// Minimal, hand-written type stub of `@google/genai` (googleapis/js-genai public API), for type-checking the rule
// fixtures only.

export interface HttpRetryOptions {
  /** Attempts in all, the first included (5 when retryOptions is set without it). */
  attempts?: number;
  initialDelay?: number;
  maxDelay?: number;
  expBase?: number;
  jitter?: number;
  httpStatusCodes?: number[];
}

export interface HttpOptions {
  baseUrl?: string;
  apiVersion?: string;
  headers?: Record<string, string>;
  /** Milliseconds per attempt; no client-side timeout when unset. */
  timeout?: number;
  retryOptions?: HttpRetryOptions;
}

export interface GoogleGenAIOptions {
  apiKey?: string;
  vertexai?: boolean;
  project?: string;
  location?: string;
  apiVersion?: string;
  httpOptions?: HttpOptions;
}

export interface GenerateContentConfig {
  systemInstruction?: string;
  maxOutputTokens?: number;
  temperature?: number;
  httpOptions?: HttpOptions;
  abortSignal?: AbortSignal;
}

export interface UsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  totalTokenCount?: number;
  cachedContentTokenCount?: number;
}

export interface GenerateContentResponse {
  readonly text: string | undefined;
  modelVersion?: string;
  usageMetadata?: UsageMetadata;
}

export interface GenerateContentParameters {
  model: string;
  contents: string | unknown[];
  config?: GenerateContentConfig;
}

export declare class Models {
  generateContent(params: GenerateContentParameters): Promise<GenerateContentResponse>;
  generateContentStream(params: GenerateContentParameters): Promise<AsyncGenerator<GenerateContentResponse>>;
}

export interface CreateChatParameters {
  model: string;
  config?: GenerateContentConfig;
  history?: unknown[];
}

export interface SendMessageParameters {
  message: string | unknown[];
  config?: GenerateContentConfig;
}

export declare class Chat {
  sendMessage(params: SendMessageParameters): Promise<GenerateContentResponse>;
  sendMessageStream(params: SendMessageParameters): Promise<AsyncGenerator<GenerateContentResponse>>;
}

export declare class Chats {
  create(params: CreateChatParameters): Chat;
}

export declare class GoogleGenAI {
  constructor(options: GoogleGenAIOptions);
  readonly models: Models;
  readonly chats: Chats;
}
