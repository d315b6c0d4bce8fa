// The `retry` package of PyPI (invl/retry), a retry layer like tenacity's:
//   from retry import retry
//   @retry(exceptions=(ThrottlingException,), tries=3, delay=60, backoff=2, jitter=(0, 2))
//   from retry.api import retry_call
//   retry_call(converse, fargs=[args], tries=3)
// `tries` counts every attempt; left out, it is -1 and every error is retried forever (catalog RETRY_PACKAGE).
import { RETRY_PACKAGE } from '../../../core/catalog';
import type { RetryConstruct } from '../../../core/types';
import { exceptionNames, isBroadErrorClass } from './except-clauses';
import type { PyFile } from './file-context';
import { keyword, positional, unwrap, type Node } from './syntax';

/** The package's two entry points, by the qualified name the resolver gives them. */
const DECORATOR = /^retry\.(?:api\.)?retry$/;
const CALL = /^retry\.api\.retry_call$/;

/** Positions of the arguments read, in `retry(…)`; `retry_call(f, fargs, fkwargs, …)` has three more in front. */
const POSITION = { exceptions: 0, tries: 1, delay: 2, backoff: 4, jitter: 5 } as const;

export function isRetryPackageDecorator(qualified: string): boolean {
  return DECORATOR.test(qualified);
}

export function isRetryPackageCall(qualified: string): boolean {
  return CALL.test(qualified);
}

/**
 * The policy of `retry(…)` (a decorator) or `retry_call(…)` (a library call retrying the function it is given), read
 * from its arguments and the package's defaults; null for `tries=1`, which retries nothing. `number` reads a constant
 * (a literal, or a name bound to one).
 */
export function retryPackagePolicy(file: PyFile, call: Node, entry: 'decorator' | 'call', head: Node, number: (n: Node | null) => number | null): RetryConstruct | null {
  const args = call.childForFieldName('arguments');
  const offset = entry === 'call' ? 3 : 0;
  const arg = (name: keyof typeof POSITION) => keyword(args, name) ?? positional(args, POSITION[name] + offset);
  const tries = arg('tries');
  const triesValue = tries ? number(tries) : RETRY_PACKAGE.tries.value;
  // A count read from elsewhere (`tries=settings.retries`) is taken as a bound of unknown size.
  const bounded = triesValue === null || triesValue > 0;
  // One try is no retry.
  if (triesValue === 1) return null;
  const delay = arg('delay');
  const jitter = arg('jitter');
  const backoff = arg('backoff');
  const jitterValue = jitter ? number(jitter) : 0;
  const randomJitter = !!jitter && unwrap(jitter).type === 'tuple';
  const waits = (delay ? number(delay) ?? 1 : RETRY_PACKAGE.delaySeconds.value) > 0 || randomJitter || jitterValue !== 0;
  // The delay grows when multiplied (`backoff=2`) or when the jitter adds to it after each failure.
  const grows = (backoff ? number(backoff) ?? 2 : RETRY_PACKAGE.backoff.value) > 1 || randomJitter || (jitterValue ?? 1) > 0;
  const exceptions = arg('exceptions');
  const names = exceptions ? exceptionNames(file, file.src(exceptions)) : [RETRY_PACKAGE.exceptions.value];
  return {
    kind: entry === 'call' ? 'library' : 'decorator',
    label: 'retry package',
    subject: entry === 'call' ? 'retry_call (retry package)' : 'decorator retry (retry package)',
    attempts: bounded && triesValue !== null ? triesValue : null,
    source: 'explicit',
    path: file.path,
    span: file.span(entry === 'call' ? call : head),
    headSpan: file.span(head),
    backoff: !waits ? 'none' : grows ? 'exponential' : 'constant',
    jitter: randomJitter,
    catchesAll: names.some((n) => isBroadErrorClass(file, n)),
    bounded,
  };
}
