// Minimal, hand-written type stub of `@langchain/core/output_parsers`.
import type { AIMessageChunk } from '@langchain/core/messages';
import { Runnable } from '@langchain/core/runnables';

export declare class StringOutputParser extends Runnable<AIMessageChunk, string> {}

export declare class JsonOutputParser<T = Record<string, any>> extends Runnable<AIMessageChunk, T> {}

export declare class StructuredOutputParser<T = Record<string, any>> extends Runnable<AIMessageChunk, T> {
  /** `schema` is a zod schema. */
  static fromZodSchema<T = Record<string, any>>(schema: unknown): StructuredOutputParser<T>;
  static fromNamesAndDescriptions<S extends Record<string, string>>(schemas: S): StructuredOutputParser<{ [K in keyof S]: string }>;
  getFormatInstructions(): string;
}
