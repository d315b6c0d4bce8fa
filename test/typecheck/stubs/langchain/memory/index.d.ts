// Minimal, hand-written type stub of `langchain/memory` (LangChain.js 0.x chat memories).
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { InMemoryChatMessageHistory, type BaseChatMessageHistory } from '@langchain/core/chat_history';

export type InputValues = Record<string, any>;
export type OutputValues = Record<string, any>;
export type MemoryVariables = Record<string, any>;

export interface BaseChatMemoryInput {
  chatHistory?: BaseChatMessageHistory;
  returnMessages?: boolean;
  inputKey?: string;
  outputKey?: string;
}

export interface BufferMemoryInput extends BaseChatMemoryInput {
  memoryKey?: string;
  humanPrefix?: string;
  aiPrefix?: string;
}

export declare abstract class BaseChatMemory {
  chatHistory: BaseChatMessageHistory;
  loadMemoryVariables(values: InputValues): Promise<MemoryVariables>;
  saveContext(inputValues: InputValues, outputValues: OutputValues): Promise<void>;
  clear(): Promise<void>;
}

/** Keeps every message of the conversation. */
export declare class BufferMemory extends BaseChatMemory {
  constructor(fields?: BufferMemoryInput);
}

/** Keeps the last `k` exchanges. */
export declare class BufferWindowMemory extends BaseChatMemory {
  constructor(fields?: BufferMemoryInput & { k?: number });
}

/** Keeps a running summary written by `llm`. */
export declare class ConversationSummaryMemory extends BaseChatMemory {
  constructor(fields: BufferMemoryInput & { llm: BaseChatModel });
}

/** `ChatMessageHistory` is the in-memory history under its 0.x name. */
export { InMemoryChatMessageHistory as ChatMessageHistory };
