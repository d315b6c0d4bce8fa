// Minimal, hand-written type stub of `@mistralai/mistralai` (chat only): the 1.x+ `Mistral` client and 0.x's default export.
interface SDKOptions {
  apiKey?: string;
  serverURL?: string;
  timeoutMs?: number;
  retryConfig?: { strategy: 'none' } | { strategy: 'backoff'; retryConnectionErrors?: boolean };
}

interface RequestOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface UsageInfo {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
}

interface ChatCompletionResponse {
  id: string;
  model: string;
  usage: UsageInfo;
  choices?: Array<{ index: number; message: { role?: string; content?: string | null } }>;
}

interface CompletionEvent {
  data: { id: string; model: string; usage?: UsageInfo; choices: Array<{ index: number; delta: { content?: string | null } }> };
}

export declare class Mistral {
  constructor(options?: SDKOptions);
  chat: {
    complete(request: ChatCompletionRequest, options?: RequestOptions): Promise<ChatCompletionResponse>;
    stream(request: ChatCompletionRequest, options?: RequestOptions): Promise<AsyncIterable<CompletionEvent>>;
  };
}

declare class MistralClient {
  constructor(apiKey?: string, endpoint?: string, maxRetries?: number, timeout?: number);
  chat(request: ChatCompletionRequest): Promise<ChatCompletionResponse>;
  chatStream(request: ChatCompletionRequest): AsyncGenerator<{ choices: Array<{ delta: { content?: string } }>; usage?: UsageInfo }>;
}

export default MistralClient;
