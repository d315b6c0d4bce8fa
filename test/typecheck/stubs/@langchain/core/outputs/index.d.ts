// Minimal, hand-written type stub of `@langchain/core/outputs`.
import type { AIMessage } from '@langchain/core/messages';

export interface Generation {
  text: string;
  generationInfo?: Record<string, any>;
}

export interface ChatGeneration extends Generation {
  message: AIMessage;
}

export type LLMResult = {
  generations: Array<Array<Generation | ChatGeneration>>;
  /** Provider output, e.g. `{ tokenUsage: { promptTokens, completionTokens, totalTokens } }` for OpenAI. */
  llmOutput?: Record<string, any>;
};
