// Minimal, hand-written type stub of `@langchain/core/runnables`.
export interface RunnableConfig {
  signal?: AbortSignal;
  timeout?: number;
  tags?: string[];
  metadata?: Record<string, unknown>;
  callbacks?: unknown;
}

export declare abstract class Runnable<RunInput = any, RunOutput = any> {
  invoke(input: RunInput, options?: RunnableConfig): Promise<RunOutput>;
  stream(input: RunInput, options?: RunnableConfig): Promise<AsyncIterable<RunOutput>>;
  batch(inputs: RunInput[], options?: RunnableConfig): Promise<RunOutput[]>;
  pipe<NewRunOutput>(next: Runnable<RunOutput, NewRunOutput>): Runnable<RunInput, NewRunOutput>;
}

export declare class RunnableSequence<RunInput = any, RunOutput = any> extends Runnable<RunInput, RunOutput> {
  static from<RunInput = any, RunOutput = any>(steps: [Runnable<RunInput>, ...Runnable[]]): RunnableSequence<RunInput, RunOutput>;
}

export declare class RunnableLambda<RunInput = any, RunOutput = any> extends Runnable<RunInput, RunOutput> {
  static from<RunInput, RunOutput>(func: (input: RunInput) => RunOutput | Promise<RunOutput>): RunnableLambda<RunInput, RunOutput>;
}

export interface RunnableWithMessageHistoryInputs<RunInput, RunOutput> {
  runnable: Runnable<RunInput, RunOutput>;
  getMessageHistory: (sessionId: string) => import('../chat_history').BaseChatMessageHistory | Promise<import('../chat_history').BaseChatMessageHistory>;
  inputMessagesKey?: string;
  historyMessagesKey?: string;
  outputMessagesKey?: string;
  config?: RunnableConfig;
}

export declare class RunnableWithMessageHistory<RunInput = any, RunOutput = any> extends Runnable<RunInput, RunOutput> {
  constructor(fields: RunnableWithMessageHistoryInputs<RunInput, RunOutput>);
}
