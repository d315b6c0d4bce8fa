// Minimal, hand-written type stub of the `langchain` package's root (LangChain.js 1.x), for type-checking the rule
// fixtures only.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';

export interface AgentMessage {
  role?: string;
  content: unknown;
}

export interface CreateAgentParams {
  /** A chat model, or a `provider:model` string the agent builds one from. */
  model: BaseChatModel | string;
  tools: unknown[];
  systemPrompt?: string;
}

export interface ReactAgent {
  invoke(input: { messages: Array<{ role: string; content: string }> }): Promise<{ messages: AgentMessage[] }>;
}

export declare function createAgent(params: CreateAgentParams): ReactAgent;
