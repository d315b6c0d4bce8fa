// Minimal, hand-written type stub of `@langchain/core/output_parsers/openai_tools`.
import type { AIMessageChunk } from '@langchain/core/messages';
import { Runnable } from '@langchain/core/runnables';

export declare class JsonOutputToolsParser<T = Record<string, any>[]> extends Runnable<AIMessageChunk, T> {}

export declare class JsonOutputKeyToolsParser<T = Record<string, any>> extends Runnable<AIMessageChunk, T> {
  constructor(fields: { keyName: string; returnSingle?: boolean });
}
