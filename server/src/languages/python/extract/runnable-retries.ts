// LangChain runnables that repeat a model call themselves, read from the receiver of `.invoke(…)` / `.stream(…)`:
// `.with_retry(stop_after_attempt=5)` (RunnableRetry, 3 attempts unless told) and `.with_fallbacks([backup])` (after
// the primary fails, each fallback in turn, every one through its own SDK retries).
import type { RetryConstruct } from '../../../core/types';
import type { PyFile } from './file-context';
import { pipeSteps } from './langchain-templates';
import { keyword, positional, unwrap, type Node } from './syntax';

/** Methods that hand back the same model with other settings: the retry layers may be further along the chain. */
const SAME_MODEL = new Set(['bind', 'bind_tools', 'with_config', 'with_structured_output', 'with_types', 'with_listeners', 'configurable_fields', 'configurable_alternatives']);

/** RunnableRetry's default `stop_after_attempt` (langchain_core.runnables.retry). */
const WITH_RETRY_DEFAULT_ATTEMPTS = 3;

/**
 * The retry and fallback layers of the runnable a call goes through, innermost first. `bound(name, at)` is the value
 * a name holds at an offset (its single binding in the function or the module).
 */
export function runnableRetries(file: PyFile, receiver: Node, bound: (name: string, at: number) => Node | null, depth = 0): RetryConstruct[] {
  const out: RetryConstruct[] = [];
  let node: Node | null = unwrap(receiver);
  for (let step = 0; node && step < 12; step++) {
    if (node.type === 'identifier') {
      const value = bound(node.text, node.startIndex);
      node = value ? unwrap(value) : null;
      continue;
    }
    // `prompt | model.with_retry(…)`: the layers of the model step (the first step that has any).
    if (node.type === 'binary_operator' && node.childForFieldName('operator')?.type === '|' && depth < 3) {
      for (const step of pipeSteps(file, node)) {
        const inner = runnableRetries(file, step, bound, depth + 1);
        if (inner.length) return [...out, ...inner];
      }
      break;
    }
    if (node.type !== 'call') break;
    const fn = node.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    if (!method || !object) break;
    const args = node.childForFieldName('arguments');
    if (method.text === 'with_retry') {
      // Retrying only errors other than the transient ones (`retry_if_exception_type=(OutputParserException,)`) does
      // not repeat a request that failed on a rate limit or a timeout.
      const only = keyword(args, 'retry_if_exception_type');
      if (!only || TRANSIENT.test(file.src(only))) {
        const stop = keyword(args, 'stop_after_attempt');
        // `stop_after_attempt=MAX_ATTEMPTS` with `MAX_ATTEMPTS = 8` bound once: read through the name.
        const value = stop?.type === 'identifier' ? bound(stop.text, stop.startIndex) : stop;
        const attempts = stop === null ? WITH_RETRY_DEFAULT_ATTEMPTS : value?.type === 'integer' ? Number(file.src(value).replace(/_/g, '')) : null;
        out.push(layer(file, node, method, 'LangChain with_retry', attempts, stop === null ? 'default' : 'explicit'));
      }
    } else if (method.text === 'with_fallbacks') {
      const list = positional(args, 0);
      const items = list?.type === 'list' || list?.type === 'tuple' ? list.namedChildren.filter((c) => c.type !== 'comment') : null;
      // Each runnable is tried with its own retries: `primary.with_retry(5).with_fallbacks([backup])` makes 5 + 1 passes
      // through the SDK, not 5 × 2. The layers of the primary are folded into this one.
      const passes = (r: Node) => runnableRetries(file, r, bound, 3).reduce<number | null>((n, l) => (n === null || l.attempts === null ? null : n * l.attempts), 1);
      const primary = out.length ? 1 : passes(object);
      const total = items && primary !== null ? items.reduce<number | null>((n, it) => { const p = passes(it); return n === null || p === null ? null : n + p; }, primary) : null;
      const retried = total !== null && total > 1 + (items?.length ?? 0);
      out.push(layer(file, node, method, retried ? 'LangChain with_retry and fallbacks' : 'LangChain fallbacks', total, 'explicit'));
      if (retried) return out;
    } else if (!SAME_MODEL.has(method.text)) break;
    node = unwrap(object);
  }
  return out;
}

/** Error types that cover rate limits, timeouts and server errors (or every error). */
const TRANSIENT = /\b(Exception|BaseException|RateLimit\w*|\w*Timeout\w*|APIError|APIConnectionError|APIStatusError|InternalServerError|ServiceUnavailable\w*|HTTPError|RequestException)\b/;

function layer(file: PyFile, call: Node, method: Node, label: string, attempts: number | null, source: 'explicit' | 'default'): RetryConstruct {
  return {
    kind: 'library',
    label,
    attempts,
    source,
    path: file.path,
    span: file.span(call),
    headSpan: file.span(method),
    // RunnableRetry waits exponentially with jitter by default; fallbacks move on to another model at once.
    backoff: 'exponential',
    jitter: true,
    catchesAll: false,
    bounded: attempts !== null,
  };
}
