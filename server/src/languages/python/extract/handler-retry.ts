// A request sent once more from the `except` clause around it, written out instead of looped (DocsGPT's
// `_stream_with_fallback`):
//   try:
//       r = client.chat.completions.create(model=model, messages=messages)
//   except openai.APIConnectionError:
//       r = client.chat.completions.create(model=model, messages=messages)
// One more attempt of the whole call, each with the SDK's own retries: the same product as `for attempt in range(2)`.
import type { RetryConstruct, Sdk } from '../../../core/types';
import { PERMANENT_ERROR } from './error-classes';
import { catchesEverything, catchesOnly, exceptClauses, handlesOnlyOtherSdkErrors } from './except-clauses';
import type { PyFile } from './file-context';
import { ownCalls, within, type Node } from './syntax';

/**
 * The `except` clause of a try whose body holds `call` sends the same call again: the same callee and the same
 * arguments, written the same way. A different model or different messages is a fallback, not a retry.
 */
export function retryInHandler(file: PyFile, call: Node, sdk?: Sdk): RetryConstruct | null {
  if (call.type !== 'call') return null;
  const same = normalized(file, call);
  for (let p = call.parent; p && p.type !== 'function_definition' && p.type !== 'lambda' && p.type !== 'module'; p = p.parent) {
    if (p.type !== 'try_statement') continue;
    const body = p.childForFieldName('body');
    if (!body || !within(call, body)) continue;
    for (const handler of exceptClauses(p)) {
      const again = ownCalls(handler).find((c) => normalized(file, c) === same);
      if (!again || (sdk && handlesOnlyOtherSdkErrors(file, handler, sdk, again)) || catchesOnly(file, handler, PERMANENT_ERROR)) continue;
      return {
        kind: 'loop',
        label: 'except clause',
        subject: 'in the except clause',
        attempts: 2,
        source: 'explicit',
        path: file.path,
        span: file.span(p),
        headSpan: file.span(again.childForFieldName('function') ?? again),
        // One more attempt, bounded by how it is written: never a loop hammering the API.
        once: true,
        backoff: 'none',
        jitter: false,
        catchesAll: catchesEverything(file, handler),
        bounded: true,
      };
    }
  }
  return null;
}

function normalized(file: PyFile, call: Node): string {
  return file.src(call).replace(/\s+/g, '').replace(/,\)$/, ')');
}
