// Minimal, hand-written type stub of `p-retry` (v7).

export declare class AbortError extends Error {
  readonly name: 'AbortError';
  constructor(message: string | Error);
}

export interface RetryContext {
  readonly error: Error;
  readonly attemptNumber: number;
  readonly retriesLeft: number;
}

export interface Options {
  /** Retries after the first attempt (default 10). */
  readonly retries?: number;
  readonly factor?: number;
  readonly minTimeout?: number;
  readonly maxTimeout?: number;
  readonly randomize?: boolean;
  readonly maxRetryTime?: number;
  readonly signal?: AbortSignal;
  readonly unref?: boolean;
  readonly onFailedAttempt?: (context: RetryContext) => void | Promise<void>;
  readonly shouldRetry?: (context: RetryContext) => boolean | Promise<boolean>;
  readonly shouldConsumeRetry?: (context: RetryContext) => boolean | Promise<boolean>;
}

export default function pRetry<T>(input: (attemptNumber: number) => PromiseLike<T> | T, options?: Options): Promise<T>;
