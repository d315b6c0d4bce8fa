// Instructor (instructor for Python, instructor-js) wraps an SDK client, and its `max_retries` option is its own loop
// around the request: sent again at once after any error (a failed validation, a rate limit, a timeout), each
// attempt with the SDK's own retries. The two front ends read the count differently (N attempts in Python, N + 1 in
// instructor-js); the layer they add is the same.
import type { OptionFact, RetryConstruct } from './types';

/** Instructor's loop, as written by the `max_retries` option `opt` of a request in `path`. */
export function instructorRetries(path: string, opt: OptionFact, attempts: number): RetryConstruct {
  return {
    kind: 'library',
    label: 'Instructor',
    attempts,
    source: 'explicit',
    path,
    span: opt.span,
    headSpan: opt.keySpan ?? opt.span,
    backoff: 'none',
    jitter: false,
    catchesAll: true,
    bounded: true,
  };
}
