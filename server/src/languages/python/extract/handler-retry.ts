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
import { enclosingStatement, ownCalls, within, type Node } from './syntax';

/**
 * The `except` clause of a try whose body holds `call` sends the same call again: the same callee and the same
 * arguments, written the same way and holding the same values. A different model or different messages is a fallback,
 * not a retry.
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
      if (!again || changedBetween(call, again, body, handler) || (sdk && handlesOnlyOtherSdkErrors(file, handler, sdk, again)) || catchesOnly(file, handler, PERMANENT_ERROR)) continue;
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

/**
 * A name the call reads is rebound or changed in place after the first call (rest of the try body, including the
 * first call's own assignment) or in the handler before the second: `text = translate(text=text)` then
 * `except: text = "other message"; text = translate(text=text)` sends another message, not the same one again.
 */
function changedBetween(call: Node, again: Node, body: Node, handler: Node): boolean {
  const names = readNames(call);
  if (names.size === 0) return false;
  const first = enclosingStatement(call).startIndex;
  const second = enclosingStatement(again).startIndex;
  const changes = (scope: Node, from: number, to: number) => nameChanges(scope).some((c) => c.at >= from && c.at < to && names.has(c.name));
  return changes(body, first, body.endIndex) || changes(handler, handler.startIndex, second);
}

/** Plain names a call reads: its callee's root and its arguments, not keyword or attribute names. */
function readNames(call: Node): Set<string> {
  const out = new Set<string>();
  const walk = (n: Node) => {
    if (n.type === 'identifier') {
      const parent = n.parent;
      const isKeyword = parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === n.id;
      const isAttribute = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === n.id;
      if (!isKeyword && !isAttribute) out.add(n.text);
    }
    for (const c of n.namedChildren) if (c.type !== 'lambda') walk(c);
  };
  walk(call);
  return out;
}

// In-place changes of a list or dict argument: `messages.append(...)`, `kwargs.pop("tools")`.
const MUTATORS = new Set(['append', 'extend', 'insert', 'pop', 'remove', 'clear', 'update', 'setdefault', 'popitem']);

/** Where names are bound (`x = `, `x += `, `x[k] = `, `x.a = `, `for x in`, `(x := …)`) or mutated, by the statement's start. */
function nameChanges(scope: Node): Array<{ name: string; at: number }> {
  const out: Array<{ name: string; at: number }> = [];
  const target = (t: Node | null, at: number) => {
    if (!t) return;
    if (t.type === 'identifier') out.push({ name: t.text, at });
    else if (t.type === 'attribute' || t.type === 'subscript') target(t.namedChildren[0] ?? null, at);
    else for (const c of t.namedChildren) target(c, at);
  };
  const walk = (n: Node) => {
    for (const c of n.namedChildren) {
      if (c.type === 'function_definition' || c.type === 'lambda' || c.type === 'class_definition') continue;
      const at = enclosingStatement(c).startIndex;
      if (c.type === 'assignment' || c.type === 'augmented_assignment' || c.type === 'for_statement') target(c.childForFieldName('left'), at);
      else if (c.type === 'named_expression') target(c.childForFieldName('name'), at);
      else if (c.type === 'call') {
        const fn = c.childForFieldName('function');
        if (fn?.type === 'attribute' && MUTATORS.has(fn.childForFieldName('attribute')?.text ?? '')) target(fn.childForFieldName('object'), at);
      }
      walk(c);
    }
  };
  walk(scope);
  return out;
}

function normalized(file: PyFile, call: Node): string {
  return file.src(call).replace(/\s+/g, '').replace(/,\)$/, ')');
}
