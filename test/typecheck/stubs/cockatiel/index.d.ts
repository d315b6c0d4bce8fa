// Minimal, hand-written type stub of `cockatiel` (resilience policies).

export interface IDefaultPolicyContext {
  signal: AbortSignal;
}
export interface IRetryContext extends IDefaultPolicyContext {
  attempt: number;
}

export interface IPolicy<C extends IDefaultPolicyContext = IDefaultPolicyContext> {
  execute<T>(fn: (context: C) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T>;
}

export interface IBackoffFactory<T> {
  next(context: T): unknown;
}
export declare class ExponentialBackoff<S> implements IBackoffFactory<unknown> {
  constructor(options?: { generator?: unknown; maxDelay?: number; maxAttempts?: number; exponent?: number; initialDelay?: number });
  next(context: unknown): unknown;
}
export declare class ConstantBackoff implements IBackoffFactory<unknown> {
  constructor(interval: number);
  next(context: unknown): unknown;
}

export declare class Policy {
  orType<T extends Error>(cls: new (...args: any[]) => T, predicate?: (error: T) => boolean): Policy;
  orWhen(predicate: (error: Error) => boolean): Policy;
  orWhenResult(predicate: (result: unknown) => boolean): Policy;
}
export declare const handleAll: Policy;
export declare function handleType<T extends Error>(cls: new (...args: any[]) => T, predicate?: (error: T) => boolean): Policy;
export declare function handleWhen(predicate: (error: Error) => boolean): Policy;
export declare function handleWhenResult(predicate: (result: unknown) => boolean): Policy;

export declare class RetryPolicy implements IPolicy<IRetryContext> {
  execute<T>(fn: (context: IRetryContext) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T>;
  onRetry(listener: (reason: { error: Error } | { value: unknown }) => void): { dispose(): void };
  onGiveUp(listener: (reason: { error: Error } | { value: unknown }) => void): { dispose(): void };
}
export declare function retry(policy: Policy, options: { maxAttempts?: number; backoff?: IBackoffFactory<unknown> }): RetryPolicy;

export declare enum TimeoutStrategy {
  Cooperative = 'cooperative',
  Aggressive = 'aggressive',
}
export declare class TimeoutPolicy implements IPolicy {
  execute<T>(fn: (context: IDefaultPolicyContext) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T>;
}
export declare function timeout(duration: number, strategy: TimeoutStrategy): TimeoutPolicy;

export declare class CircuitBreakerPolicy implements IPolicy {
  execute<T>(fn: (context: IDefaultPolicyContext) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T>;
}
export declare class ConsecutiveBreaker {
  constructor(threshold: number);
}
export declare class SamplingBreaker {
  constructor(options: { threshold: number; duration: number; minimumRps?: number });
}
export declare function circuitBreaker(policy: Policy, options: { halfOpenAfter: number; breaker: ConsecutiveBreaker | SamplingBreaker }): CircuitBreakerPolicy;

export declare function wrap(...policies: IPolicy<any>[]): IPolicy<any>;
export declare class TaskCancelledError extends Error {}
export declare class BrokenCircuitError extends Error {}
