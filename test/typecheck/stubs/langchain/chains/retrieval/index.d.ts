// Minimal, hand-written type stub of `langchain/chains/retrieval`.
import { Runnable } from '@langchain/core/runnables';

/** Runs the retriever, then the documents chain; hands back the input with `context` and the chain's output as `answer`. */
export declare function createRetrievalChain<RunOutput = any>(fields: {
  retriever: Runnable<string, unknown[]>;
  combineDocsChain: Runnable<Record<string, unknown>, RunOutput>;
}): Promise<Runnable<{ input: string; chat_history?: unknown }, { input: string; context: unknown[]; answer: RunOutput }>>;
