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

const INSTRUCTOR_SOURCE =
  'instructor-ai/instructor instructor/core/retry.py (retry_sync / retry_async: `max_retries: int | Retrying = 1`, `stop_after_attempt(max_retries)`, every exception re-raised into the loop) @05a85ce, instructor/client_groq.py, client_cerebras.py, client_perplexity.py (each `instructor.patch(create=client.chat.completions.create, mode=mode)`) (the code index\'s copies, read 2026-12-03)';

/**
 * Instructor (Python): a wrapped client's `create(response_model=…, max_retries=N)` runs the wrapped SDK client's own
 * `chat.completions.create` inside a tenacity loop of N attempts in all, without a wait, after any error (a failed
 * validation re-asks with the error added; a rate limit or timeout is sent again as it was). Each attempt keeps the
 * SDK client's own retries.
 */
export const INSTRUCTOR_PY = {
  /** Attempts when `max_retries` is not given: one. */
  maxRetries: { value: 1, source: INSTRUCTOR_SOURCE, asOf: '2026-12-03' } as InfraDefault<number>,
  /**
   * The factories that wrap an SDK client the engine reads, passed as the first argument (or `client=`): each sends
   * through that client's `chat.completions.create` (`messages.create` for Anthropic) with its settings.
   */
  wrappers: {
    value: ['from_openai', 'from_anthropic', 'from_groq', 'from_cerebras', 'from_perplexity', 'patch', 'apatch'],
    source: INSTRUCTOR_SOURCE,
    asOf: '2026-12-03',
  } as InfraDefault<string[]>,
};
