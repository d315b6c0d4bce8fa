// Minimal, hand-written type stub of `langchain/agents` (LangChain.js 0.1–0.3 agents).
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ChatPromptTemplate } from '@langchain/core/prompts';
import { Runnable } from '@langchain/core/runnables';

export type ChainValues = Record<string, any>;

export interface CreateAgentParams {
  llm: BaseChatModel;
  tools: unknown[];
  prompt: ChatPromptTemplate;
  streamRunnable?: boolean;
}

/** The agent runnable: it asks the model for the next step. */
export declare class AgentRunnableSequence extends Runnable<ChainValues, unknown> {}

export declare function createOpenAIFunctionsAgent(params: CreateAgentParams): Promise<AgentRunnableSequence>;
export declare function createToolCallingAgent(params: CreateAgentParams): AgentRunnableSequence;

export interface AgentExecutorInput {
  agent: Runnable;
  tools: unknown[];
  callbacks?: unknown;
  verbose?: boolean;
  maxIterations?: number;
  returnIntermediateSteps?: boolean;
}

/** Runs the agent until it finishes: `invoke` hands back `{ ...input, output }`. */
export declare class AgentExecutor extends Runnable<ChainValues, ChainValues> {
  constructor(input: AgentExecutorInput);
  static fromAgentAndTools(input: AgentExecutorInput): AgentExecutor;
}
