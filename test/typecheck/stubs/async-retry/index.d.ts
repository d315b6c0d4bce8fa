// Minimal, hand-written type stub of `async-retry` (as @types/async-retry declares it: CommonJS `export =`).

declare function AsyncRetry<TRet>(
  fn: (bail: (e: Error) => void, attempt: number) => TRet | Promise<TRet>,
  opts?: AsyncRetry.Options,
): Promise<TRet>;

declare namespace AsyncRetry {
  interface Options {
    /** Default 10. */
    retries?: number;
    factor?: number;
    minTimeout?: number;
    maxTimeout?: number;
    randomize?: boolean;
    onRetry?: (e: Error, attempt: number) => any;
  }
  type RetryFunction<TRet> = (bail: (e: Error) => void, attempt: number) => TRet | Promise<TRet>;
}

export = AsyncRetry;
