// Minimal, hand-written type stub of the `cohere-ai` package (7.x), for type-checking the rule fixtures only.

export interface CohereClientOptions {
  token?: string;
  environment?: string;
  baseUrl?: string;
  clientName?: string;
}

export interface RequestOptions {
  timeoutInSeconds?: number;
  maxRetries?: number;
  abortSignal?: AbortSignal;
}

export interface ChatMessage {
  role: 'USER' | 'CHATBOT' | 'SYSTEM' | 'TOOL';
  message: string;
}

export interface ChatRequest {
  message: string;
  model?: string;
  preamble?: string;
  chatHistory?: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
}

export interface BilledUnits {
  inputTokens?: number;
  outputTokens?: number;
}

export interface NonStreamedChatResponse {
  text: string;
  meta?: { billedUnits?: BilledUnits; tokens?: { inputTokens?: number; outputTokens?: number } };
}

export interface V2Message {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
}

export interface V2ChatRequest {
  model: string;
  messages: V2Message[];
  maxTokens?: number;
}

export interface V2ChatResponse {
  message: { content?: { type: 'text'; text: string }[] };
  usage?: { billedUnits?: BilledUnits; tokens?: { inputTokens?: number; outputTokens?: number } };
}

export interface V2StreamEvent {
  type: string;
  delta?: { message?: { content?: { text?: string } }; usage?: V2ChatResponse['usage'] };
}

export interface GenerateRequest {
  prompt: string;
  model?: string;
  maxTokens?: number;
}

export interface Generation {
  text: string;
}

export interface Generation_ {
  generations: Generation[];
  meta?: { billedUnits?: BilledUnits };
}

export declare class CohereClient {
  constructor(options?: CohereClientOptions);
  chat(request: ChatRequest, requestOptions?: RequestOptions): Promise<NonStreamedChatResponse>;
  generate(request: GenerateRequest, requestOptions?: RequestOptions): Promise<Generation_>;
  v2: CohereClientV2;
}

export declare class CohereClientV2 {
  constructor(options?: CohereClientOptions);
  chat(request: V2ChatRequest, requestOptions?: RequestOptions): Promise<V2ChatResponse>;
  chatStream(request: V2ChatRequest, requestOptions?: RequestOptions): Promise<AsyncIterable<V2StreamEvent>>;
}
