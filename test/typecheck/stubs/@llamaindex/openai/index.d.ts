// Minimal, hand-written type stub of `@llamaindex/openai` (the OpenAI LLM class only).
interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'memory';
  content: string;
}

interface ChatResponse {
  message: ChatMessage;
  raw: unknown;
}

interface ChatResponseChunk {
  delta: string;
  raw: unknown;
}

interface CompletionResponse {
  text: string;
  raw: unknown;
}

interface SessionOptions {
  baseURL?: string;
  defaultHeaders?: Record<string, string>;
}

interface OpenAIInit {
  model?: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  apiKey?: string;
  baseURL?: string;
  maxRetries?: number;
  timeout?: number;
  additionalSessionOptions?: SessionOptions;
  additionalChatOptions?: Record<string, unknown>;
}

export declare class OpenAI {
  constructor(init?: OpenAIInit);
  model: string;
  chat(params: { messages: ChatMessage[]; stream: true }): Promise<AsyncIterable<ChatResponseChunk>>;
  chat(params: { messages: ChatMessage[]; stream?: false }): Promise<ChatResponse>;
  complete(params: { prompt: string; stream: true }): Promise<AsyncIterable<CompletionResponse>>;
  complete(params: { prompt: string; stream?: false }): Promise<CompletionResponse>;
}

export type { ChatMessage };
