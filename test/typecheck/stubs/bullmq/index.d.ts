// Minimal, hand-written type stub of `bullmq`: a job, and the Worker that runs a processor for each one.

export interface ConnectionOptions {
  host?: string;
  port?: number;
}

export declare class Job<DataType = any, ReturnType = any, NameType extends string = string> {
  readonly id?: string;
  readonly name: NameType;
  readonly data: DataType;
  returnvalue: ReturnType;
}

export type Processor<DataType = any, ResultType = any, NameType extends string = string> = (job: Job<DataType, ResultType, NameType>, token?: string) => Promise<ResultType>;

export interface WorkerOptions {
  connection?: ConnectionOptions;
  concurrency?: number;
}

export declare class Worker<DataType = any, ResultType = any, NameType extends string = string> {
  constructor(name: string, processor?: string | Processor<DataType, ResultType, NameType>, opts?: WorkerOptions);
  on(event: 'completed' | 'failed' | 'error', listener: (...args: any[]) => void): this;
  close(): Promise<void>;
}
