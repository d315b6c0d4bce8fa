// Minimal, hand-written type stub of the all-in-one `llamaindex` package (0.1–0.5): the LLM classes it exported, with
// no `baseURL` field (the client options go in `additionalSessionOptions`), and the global Settings.
interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'memory';
  content: string;
}

interface LLMInit {
  model?: string;
  temperature?: number;
  maxTokens?: number;
  apiKey?: string;
  maxRetries?: number;
  timeout?: number;
  additionalSessionOptions?: { baseURL?: string };
}

export declare class OpenAI {
  constructor(init?: LLMInit);
  chat(params: { messages: ChatMessage[]; stream?: boolean }): Promise<{ message: ChatMessage; raw: unknown }>;
  complete(params: { prompt: string; stream?: boolean }): Promise<{ text: string; raw: unknown }>;
}

export declare class Anthropic {
  constructor(init?: Omit<LLMInit, 'additionalSessionOptions'>);
  chat(params: { messages: ChatMessage[]; stream?: boolean }): Promise<{ message: ChatMessage; raw: unknown }>;
  complete(params: { prompt: string; stream?: boolean }): Promise<{ text: string; raw: unknown }>;
}

export declare const Settings: { llm: OpenAI | Anthropic };
