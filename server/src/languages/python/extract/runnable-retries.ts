// LangChain runnables that repeat a model call themselves, read from the receiver of `.invoke(…)` / `.stream(…)`:
// `.with_retry(stop_after_attempt=5)` (RunnableRetry, 3 attempts unless told) and `.with_fallbacks([backup])` (after
// the primary fails, each fallback in turn, every one through its own SDK retries).
import type { RetryConstruct } from '../../../core/types';
import type { PyFile } from './file-context';
import { unwrap, type Node } from './syntax';

/** Methods that hand back the same model with other settings: the retry layers may be further along the chain. */
const SAME_MODEL = new Set(['bind', 'bind_tools', 'with_config', 'with_structured_output', 'with_types', 'with_listeners', 'configurable_fields', 'configurable_alternatives']);

/** RunnableRetry's default `stop_after_attempt` (langchain_core.runnables.retry). */
const WITH_RETRY_DEFAULT_ATTEMPTS = 3;

/**
 * The retry and fallback layers of the runnable a call goes through, innermost first. `bound(name, at)` is the value
 * a name holds at an offset (its single binding in the function or the module).
 */
export function runnableRetries(file: PyFile, receiver: Node, bound: (name: string, at: number) => Node | null): RetryConstruct[] {
  const out: RetryConstruct[] = [];
  let node: Node | null = unwrap(receiver);
  for (let step = 0; node && step < 12; step++) {
    if (node.type === 'identifier') {
      const value = bound(node.text, node.startIndex);
      node = value ? unwrap(value) : null;
      continue;
    }
    if (node.type !== 'call') break;
    const fn = node.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    if (!method || !object) break;
    const args = node.childForFieldName('arguments');
    if (method.text === 'with_retry') {
      const stop = keywordInteger(file, args, 'stop_after_attempt');
      out.push(layer(file, node, method, 'LangChain with_retry', stop ?? WITH_RETRY_DEFAULT_ATTEMPTS, stop === null ? 'default' : 'explicit'));
    } else if (method.text === 'with_fallbacks') {
      const list = args?.namedChildren.find((c) => c.type !== 'comment' && c.type !== 'keyword_argument');
      const fallbacks = list?.type === 'list' || list?.type === 'tuple' ? list.namedChildren.filter((c) => c.type !== 'comment').length : null;
      out.push(layer(file, node, method, 'LangChain fallbacks', fallbacks === null ? null : 1 + fallbacks, 'explicit'));
    } else if (!SAME_MODEL.has(method.text)) break;
    node = unwrap(object);
  }
  return out;
}

function keywordInteger(file: PyFile, args: Node | null, name: string): number | null {
  for (const c of args?.namedChildren ?? []) {
    if (c.type !== 'keyword_argument' || c.childForFieldName('name')?.text !== name) continue;
    const v = c.childForFieldName('value');
    return v?.type === 'integer' ? Number(file.src(v).replace(/_/g, '')) : null;
  }
  return null;
}

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
