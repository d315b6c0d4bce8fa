// Minimal, hand-written type stub of `@langchain/core/language_models/chat_models`.
import type { AIMessageChunk, BaseMessageLike } from '@langchain/core/messages';
import { Runnable } from '@langchain/core/runnables';

export type BaseLanguageModelInput = string | BaseMessageLike[];

export interface BaseChatModelCallOptions {
  signal?: AbortSignal;
  timeout?: number;
  stop?: string[];
  tags?: string[];
  metadata?: Record<string, unknown>;
  runName?: string;
  callbacks?: unknown;
}

export interface BaseChatModelParams {
  callbacks?: unknown;
  tags?: string[];
  metadata?: Record<string, unknown>;
  verbose?: boolean;
  /** Retries of the underlying calls (default 6). */
  maxRetries?: number;
  maxConcurrency?: number;
}

/** An async iterable that is also a web ReadableStream. */
export type IterableReadableStream<T> = ReadableStream<T> & AsyncIterable<T>;

export declare abstract class BaseChatModel<CallOptions extends BaseChatModelCallOptions = BaseChatModelCallOptions> extends Runnable<BaseLanguageModelInput, AIMessageChunk> {
  invoke(input: BaseLanguageModelInput, options?: Partial<CallOptions>): Promise<AIMessageChunk>;
  stream(input: BaseLanguageModelInput, options?: Partial<CallOptions>): Promise<IterableReadableStream<AIMessageChunk>>;
  batch(inputs: BaseLanguageModelInput[], options?: Partial<CallOptions>): Promise<AIMessageChunk[]>;
  withConfig(config: Partial<CallOptions>): this;
  /** The model with tools bound to every request. */
  bindTools(tools: unknown[], kwargs?: Partial<CallOptions>): Runnable<BaseLanguageModelInput, AIMessageChunk>;
  /** A JSON schema (or a zod schema) the answer is parsed into; `includeRaw` keeps the raw message alongside. */
  withStructuredOutput<T = Record<string, unknown>>(schema: Record<string, unknown>, config?: { name?: string; includeRaw?: false }): Runnable<BaseLanguageModelInput, T>;
  withStructuredOutput<T = Record<string, unknown>>(schema: Record<string, unknown>, config: { name?: string; includeRaw: true }): Runnable<BaseLanguageModelInput, { raw: AIMessageChunk; parsed: T }>;
}
