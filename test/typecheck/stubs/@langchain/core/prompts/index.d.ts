// Minimal, hand-written type stub of `@langchain/core/prompts`.
import type { BaseMessageLike } from '@langchain/core/messages';
import { Runnable } from '@langchain/core/runnables';

export declare class ChatPromptTemplate<RunInput extends Record<string, unknown> = Record<string, unknown>> extends Runnable<RunInput, BaseMessageLike[]> {
  static fromMessages<RunInput extends Record<string, unknown> = Record<string, unknown>>(messages: Array<[string, string]>): ChatPromptTemplate<RunInput>;
}

export declare class PromptTemplate<RunInput extends Record<string, unknown> = Record<string, unknown>> extends Runnable<RunInput, string> {
  static fromTemplate<RunInput extends Record<string, unknown> = Record<string, unknown>>(template: string): PromptTemplate<RunInput>;
}
