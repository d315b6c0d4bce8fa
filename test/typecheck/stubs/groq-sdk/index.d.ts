// Minimal, hand-written type stub of `groq-sdk` (chat completions only).
interface ClientOptions {
  apiKey?: string;
  baseURL?: string;
  timeout?: number;
  maxRetries?: number;
  defaultHeaders?: Record<string, string>;
}

interface RequestOptions {
  timeout?: number;
  maxRetries?: number;
}

interface ChatCompletion {
  choices: Array<{ message?: { role: string; content: string | null } }>;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}

interface ChatCompletionCreateParams {
  model: string;
  messages: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
  max_tokens?: number;
}

declare class Groq {
  constructor(options?: ClientOptions);
  chat: { completions: { create(body: ChatCompletionCreateParams, options?: RequestOptions): Promise<ChatCompletion> } };
}

export default Groq;
export { Groq };
