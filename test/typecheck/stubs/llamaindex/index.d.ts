// Minimal, hand-written type stub of the all-in-one `llamaindex` package (0.1–0.5): the LLM classes it exported, with
// no `baseURL` field (the client options go in `additionalSessionOptions`), the global Settings, and the index and
// engines that run them.
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
  additionalChatOptions?: { stream_options?: { include_usage?: boolean } };
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

export interface LLM {
  chat(params: { messages: ChatMessage[]; stream?: boolean }): Promise<{ message: ChatMessage; raw: unknown }>;
}

export declare const Settings: { llm: LLM };

export declare class Document {
  constructor(init: { text: string; id_?: string });
}

export interface EngineResponse {
  response: string;
  message: ChatMessage;
  delta: string;
}

export interface BaseRetriever {
  retrieve(params: { query: string }): Promise<unknown[]>;
}

export interface BaseSynthesizer {
  synthesize(params: unknown): Promise<EngineResponse>;
}

interface ChatParams {
  message: string;
  chatHistory?: ChatMessage[];
  chatOptions?: object;
}

export interface BaseChatEngine {
  chat(params: ChatParams & { stream: true }): Promise<AsyncIterable<EngineResponse>>;
  chat(params: ChatParams & { stream?: false }): Promise<EngineResponse>;
}

export interface BaseQueryEngine {
  query(params: { query: string; stream: true }): Promise<AsyncIterable<EngineResponse>>;
  query(params: { query: string; stream?: false }): Promise<EngineResponse>;
}

export declare class VectorStoreIndex {
  static fromDocuments(documents: Document[]): Promise<VectorStoreIndex>;
  asRetriever(options?: { similarityTopK?: number }): BaseRetriever;
  asQueryEngine(options?: { retriever?: BaseRetriever; responseSynthesizer?: BaseSynthesizer; similarityTopK?: number }): BaseQueryEngine;
  asChatEngine(options?: { chatModel?: LLM; similarityTopK?: number; systemPrompt?: string }): BaseChatEngine;
}

export declare class ContextChatEngine implements BaseChatEngine {
  constructor(init: { retriever: BaseRetriever; chatModel?: LLM; systemPrompt?: string });
  chat(params: ChatParams & { stream: true }): Promise<AsyncIterable<EngineResponse>>;
  chat(params: ChatParams & { stream?: false }): Promise<EngineResponse>;
}

export declare class SimpleChatEngine implements BaseChatEngine {
  constructor(init?: { llm?: LLM });
  chat(params: ChatParams & { stream: true }): Promise<AsyncIterable<EngineResponse>>;
  chat(params: ChatParams & { stream?: false }): Promise<EngineResponse>;
}
