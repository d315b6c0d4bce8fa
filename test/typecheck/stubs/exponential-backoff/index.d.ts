// Minimal, hand-written type stub of `exponential-backoff` (v3).

export type JitterType = 'none' | 'full';

export interface BackoffOptions {
  /** Delay before the first attempt (default false). */
  delayFirstAttempt?: boolean;
  jitter?: JitterType;
  maxDelay?: number;
  /** Attempts in all, the first one included (default 10). */
  numOfAttempts?: number;
  retry?: (e: any, attemptNumber: number) => boolean | Promise<boolean>;
  startingDelay?: number;
  timeMultiple?: number;
}

export declare function backOff<T>(request: () => Promise<T>, options?: BackoffOptions): Promise<T>;
