// Minimal, hand-written type stub of `@llamaindex/anthropic` (the Anthropic LLM class only).
interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'memory';
  content: string;
}

interface AnthropicInit {
  model?: string;
  temperature?: number;
  maxTokens?: number;
  apiKey?: string;
  maxRetries?: number;
  timeout?: number;
}

export declare class Anthropic {
  constructor(init?: AnthropicInit);
  chat(params: { messages: ChatMessage[]; stream: true }): Promise<AsyncIterable<{ delta: string; raw: unknown }>>;
  chat(params: { messages: ChatMessage[]; stream?: false }): Promise<{ message: ChatMessage; raw: unknown }>;
  complete(params: { prompt: string; stream?: false }): Promise<{ text: string; raw: unknown }>;
}
