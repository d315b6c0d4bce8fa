// Minimal, hand-written type stub of `langchain/chains/combine_documents`.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ChatPromptTemplate, PromptTemplate } from '@langchain/core/prompts';
import { Runnable } from '@langchain/core/runnables';

/** `prompt` then `llm` then `outputParser` (a StringOutputParser unless given), with the documents in `{context}`. */
export declare function createStuffDocumentsChain<RunOutput = string>(fields: {
  llm: BaseChatModel | Runnable;
  prompt: ChatPromptTemplate | PromptTemplate;
  outputParser?: Runnable<any, RunOutput>;
  documentPrompt?: PromptTemplate;
  documentSeparator?: string;
}): Promise<Runnable<Record<string, unknown>, RunOutput>>;
