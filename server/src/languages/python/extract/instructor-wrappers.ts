// Instructor's factories (`instructor.from_openai(client)`, `instructor.from_groq(client)`, `instructor.patch(client)`,
// catalog INSTRUCTOR_PY.wrappers) wrap the SDK client given as their first argument. Code often rebinds the name that
// held the client (`client = Groq(…)`, then `client = instructor.from_groq(client)`): the name then holds the wrapper,
// whose requests go through the client bound before it.
import { INSTRUCTOR_PY } from '../../../core/catalog';
import type { PyFile } from './file-context';
import { resolveExpr } from './resolve';
import { keyword, positional, unwrap, type Node } from './syntax';

export const INSTRUCTOR_WRAPPER = new RegExp(`^instructor\\.(?:${INSTRUCTOR_PY.wrappers.value.join('|')})$`);

/** An Instructor factory call and the argument it wraps (null when none is written), or null for other calls. */
export function instructorFactory(file: PyFile, call: Node): { wrapped: Node | null } | null {
  const fn = call.childForFieldName('function');
  const callee = fn ? resolveExpr(file, fn) : null;
  if (callee?.kind !== 'external' || !INSTRUCTOR_WRAPPER.test(callee.qualified)) return null;
  const args = call.childForFieldName('arguments');
  return { wrapped: positional(args, 0) ?? keyword(args, 'client') };
}

/**
 * A module-level name whose last assignment wraps the name's own earlier value in an Instructor factory
 * (`client = instructor.from_groq(client)`): what the name held before is the client its requests go through.
 */
export function rewrappedByInstructor(file: PyFile, recv: Node): boolean {
  if (recv.type !== 'identifier' || boundInFunction(file, recv)) return false;
  const assigns = file.moduleAssigns.get(recv.text);
  if (!assigns || assigns.length < 2) return false;
  const last = unwrap(assigns[assigns.length - 1]);
  if (last.type !== 'call') return false;
  const inner = instructorFactory(file, last)?.wrapped;
  return inner?.type === 'identifier' && inner.text === recv.text;
}

function boundInFunction(file: PyFile, id: Node): boolean {
  for (let fn = file.functionAt(id.startIndex); fn; fn = fn.parent) {
    if (file.globalsOf(fn).has(id.text) || file.bindingsIn(fn).has(id.text) || fn.params.includes(id.text)) return true;
  }
  return false;
}
