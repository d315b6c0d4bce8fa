// Minimal, hand-written type stub of `langchain/chains` (LangChain.js 0.x legacy chains).
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { Runnable } from '@langchain/core/runnables';
import type { BaseChatMemory } from 'langchain/memory';

export type ChainValues = Record<string, any>;

export declare class ConversationChain extends Runnable<ChainValues, ChainValues> {
  constructor(fields: { llm: BaseChatModel; memory?: BaseChatMemory; inputKey?: string; outputKey?: string });
  call(values: ChainValues): Promise<ChainValues>;
  predict(values: ChainValues): Promise<string>;
}
