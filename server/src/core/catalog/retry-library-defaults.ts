// Defaults of Python retry libraries whose policy is read from its arguments: what a call that leaves an argument out
// gets. tenacity and backoff are read in the Python front end (extract/retries.ts), where their defaults are plain
// (no stop: forever; no wait: none).
import type { InfraDefault } from './infra-defaults';

const RETRY_PACKAGE_API = 'invl/retry retry/api.py (retry, retry_call, __retry_internal) @ec6b3f5';

/**
 * The `retry` package of PyPI (invl/retry): `@retry(exceptions, tries, delay, max_delay, backoff, jitter)` and
 * `retry.api.retry_call(f, fargs, fkwargs, exceptions, tries, …)`. `tries` counts every attempt (the first included);
 * the sleep starts at `delay`, is multiplied by `backoff` and then grows by `jitter` (a number, or a random pick from a
 * `(min, max)` tuple) after each failure.
 */
export const RETRY_PACKAGE = {
  /** -1: `while _tries:` never reaches 0, so every error is retried forever. */
  tries: { value: -1, source: RETRY_PACKAGE_API, asOf: '2026-12-02' } as InfraDefault<number>,
  /** Seconds before the second attempt: none. */
  delaySeconds: { value: 0, source: RETRY_PACKAGE_API, asOf: '2026-12-02' } as InfraDefault<number>,
  /** Multiplier of the delay: 1, a delay that does not grow. */
  backoff: { value: 1, source: RETRY_PACKAGE_API, asOf: '2026-12-02' } as InfraDefault<number>,
  /** What is retried: `Exception`, every error. */
  exceptions: { value: 'Exception', source: RETRY_PACKAGE_API, asOf: '2026-12-02' } as InfraDefault<string>,
};
