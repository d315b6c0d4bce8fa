// Minimal, hand-written type stub of `@langchain/core/output_parsers`.
import type { AIMessageChunk } from '@langchain/core/messages';
import { Runnable } from '@langchain/core/runnables';

export declare class StringOutputParser extends Runnable<AIMessageChunk, string> {}
