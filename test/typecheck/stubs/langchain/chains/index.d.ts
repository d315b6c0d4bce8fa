// Minimal, hand-written type stub of `langchain/chains` (LangChain.js 0.x legacy chains).
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { Runnable, type RunnableConfig } from '@langchain/core/runnables';
import type { ChatPromptTemplate, PromptTemplate } from '@langchain/core/prompts';

type BasePromptTemplate = ChatPromptTemplate | PromptTemplate;
import type { BaseChatMemory } from 'langchain/memory';

export type ChainValues = Record<string, any>;

export declare class ConversationChain extends Runnable<ChainValues, ChainValues> {
  constructor(fields: { llm: BaseChatModel; memory?: BaseChatMemory; inputKey?: string; outputKey?: string });
  call(values: ChainValues): Promise<ChainValues>;
  predict(values: ChainValues): Promise<string>;
}

export interface ChainInputs {
  memory?: BaseChatMemory;
  callbacks?: unknown;
  verbose?: boolean;
}

/** The legacy chains: `call` and `invoke` hand back `{ text }` (or another output key). */
export declare abstract class BaseChain extends Runnable<ChainValues, ChainValues> {
  call(values: ChainValues, config?: RunnableConfig | unknown[]): Promise<ChainValues>;
  run(input: unknown, config?: RunnableConfig | unknown[]): Promise<string>;
}

export declare class LLMChain extends BaseChain {
  constructor(fields: ChainInputs & { llm: BaseChatModel; prompt: BasePromptTemplate; outputKey?: string });
}

export declare class RetrievalQAChain extends BaseChain {
  static fromLLM(llm: BaseChatModel, retriever: Runnable<string, unknown[]>, options?: ChainInputs & { prompt?: BasePromptTemplate; returnSourceDocuments?: boolean }): RetrievalQAChain;
}

export declare class ConversationalRetrievalQAChain extends BaseChain {
  static fromLLM(llm: BaseChatModel, retriever: Runnable<string, unknown[]>, options?: ChainInputs & { qaTemplate?: string; questionGeneratorTemplate?: string; returnSourceDocuments?: boolean }): ConversationalRetrievalQAChain;
}

export declare function loadQAStuffChain(llm: BaseChatModel, params?: { prompt?: BasePromptTemplate; verbose?: boolean }): BaseChain;
