// Minimal, hand-written type stub of `@langchain/core/callbacks/base`.
import type { LLMResult } from '@langchain/core/outputs';

export interface CallbackHandlerMethods {
  handleLLMStart?(llm: unknown, prompts: string[], runId: string): void | Promise<void>;
  handleLLMNewToken?(token: string, idx: unknown, runId: string): void | Promise<void>;
  handleLLMEnd?(output: LLMResult, runId: string, parentRunId?: string, tags?: string[]): void | Promise<void>;
  handleLLMError?(err: unknown, runId: string): void | Promise<void>;
}

export declare abstract class BaseCallbackHandler implements CallbackHandlerMethods {
  abstract name: string;
  static fromMethods(methods: CallbackHandlerMethods): BaseCallbackHandler;
  handleLLMEnd?(output: LLMResult, runId: string, parentRunId?: string, tags?: string[]): void | Promise<void>;
}
