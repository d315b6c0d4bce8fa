// Minimal, hand-written type stub of `@langchain/langgraph/prebuilt`.
import type { BaseMessage, SystemMessage } from '@langchain/core/messages';
import type { BaseCheckpointSaver, CompiledGraph, MessagesState } from '@langchain/langgraph';

export interface CreateReactAgentParams {
  llm: unknown;
  tools: unknown[];
  prompt?: string | SystemMessage | ((state: MessagesState) => BaseMessage[] | Promise<BaseMessage[]>);
  checkpointSaver?: BaseCheckpointSaver | boolean;
  checkpointer?: BaseCheckpointSaver | boolean;
  preModelHook?: (state: MessagesState) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

export declare function createReactAgent(params: CreateReactAgentParams): CompiledGraph;
