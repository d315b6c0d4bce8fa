// Minimal, hand-written type stub of `langchain/output_parsers` (LangChain.js 0.x re-exports of the function-call parsers).
import type { AIMessageChunk } from '@langchain/core/messages';
import { Runnable } from '@langchain/core/runnables';

export declare class JsonOutputFunctionsParser<T = Record<string, any>> extends Runnable<AIMessageChunk, T> {}

export declare class JsonKeyOutputFunctionsParser<T = any> extends Runnable<AIMessageChunk, T> {
  constructor(fields: { attrName: string });
}
