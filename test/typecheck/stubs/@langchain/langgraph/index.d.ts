// Minimal, hand-written type stub of `@langchain/langgraph`.
import type { BaseMessage } from '@langchain/core/messages';

export declare abstract class BaseCheckpointSaver {}

export declare class MemorySaver extends BaseCheckpointSaver {
  constructor();
}

export interface MessagesState {
  messages: BaseMessage[];
}

export interface CompiledGraph<S = MessagesState> {
  invoke(input: Partial<S> | Record<string, unknown>, config?: { configurable?: Record<string, unknown> }): Promise<S>;
}
