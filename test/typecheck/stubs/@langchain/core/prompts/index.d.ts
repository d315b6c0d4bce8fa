// Minimal, hand-written type stub of `@langchain/core/prompts`.
import type { BaseMessageLike } from '@langchain/core/messages';
import { Runnable } from '@langchain/core/runnables';

export declare class MessagesPlaceholder {
  constructor(variableName: string | { variableName: string; optional?: boolean });
}

export declare class ChatPromptTemplate<RunInput extends Record<string, unknown> = Record<string, unknown>> extends Runnable<RunInput, BaseMessageLike[]> {
  static fromMessages<RunInput extends Record<string, unknown> = Record<string, unknown>>(messages: Array<[string, string] | MessagesPlaceholder | BaseMessageLike>, options?: { templateFormat?: 'f-string' | 'mustache' }): ChatPromptTemplate<RunInput>;
  static fromTemplate<RunInput extends Record<string, unknown> = Record<string, unknown>>(template: string): ChatPromptTemplate<RunInput>;
  partial(values: Record<string, string | (() => string) | (() => Promise<string>)>): Promise<ChatPromptTemplate<RunInput>>;
  /** The messages filled in, as one string. */
  format(values: RunInput): Promise<string>;
}

export declare class PromptTemplate<RunInput extends Record<string, unknown> = Record<string, unknown>> extends Runnable<RunInput, string> {
  static fromTemplate<RunInput extends Record<string, unknown> = Record<string, unknown>>(template: string): PromptTemplate<RunInput>;
}
