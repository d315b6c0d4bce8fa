// The values a plain name may hold where it is used, read from the statements' nesting (no control-flow graph):
// `completion = placeholder` then `if use_litellm: completion = litellm.completion` / `else: completion =
// client.chat.completions.create` leaves the two branch values, not the placeholder.
import type { PyFile } from './file-context';
import { ifArms, type Node } from './syntax';

/**
 * The assigned values of `name` that may reach a use at `at`, or null when one of its bindings cannot be read (a loop
 * target, `+=`, unpacking, a `def` or an import of the name). A value is dropped when a later statement of its own
 * block, or of a block around it, always rebinds the name before the use.
 */
export function reachingValues(file: PyFile, id: Node): Node[] | null {
  const name = id.text;
  const at = id.startIndex;
  for (let fn = file.functionAt(at); fn; fn = fn.parent) {
    if (file.globalsOf(fn).has(name)) break;
    const bindings = file.bindingsIn(fn).get(name);
    if (bindings?.length) {
      if (bindings.some((b) => b.kind !== 'assign' || !b.value)) return null;
      return live(bindings.filter((b) => b.at < at).map((b) => b.value!), name, at);
    }
    if (fn.params.includes(name) || fn.nested.has(name)) return null;
  }
  if (file.moduleDefs.has(name) || file.imports.has(name)) return null;
  const values = file.moduleAssigns.get(name) ?? [];
  // Assigned in a function through `global`: any of them may be the one the use sees.
  if (values.some((v) => file.functionAt(v.startIndex))) return values;
  // A use inside a function runs after the module has run; one at module level sees the statements before it.
  const limit = file.functionAt(at) ? Infinity : at;
  return live(values.filter((v) => v.startIndex < limit), name, limit);
}

/**
 * The name may hold more than one value where `id` uses it: a parameter that no earlier statement always rebinds
 * (`if not model: model = "gpt-4o-mini"` leaves the caller's model on the other path), or several assignments that
 * reach the use (`if fast: model = "a"` / `else: model = "b"`).
 */
export function holdsSeveralValues(file: PyFile, id: Node): boolean {
  const fn = file.functionAt(id.startIndex);
  if (fn?.params.includes(id.text) && !reboundBefore(id, id.text)) return true;
  const values = reachingValues(file, id);
  return !!values && values.length > 1;
}

/** A statement before `use`, in its block or an enclosing one up to its function, always binds the name. */
function reboundBefore(use: Node, name: string): boolean {
  for (let n: Node = use; n.parent; n = n.parent) {
    const container = n.parent;
    if (container.type === 'block' || container.type === 'module') {
      for (let s = n.previousNamedSibling; s; s = s.previousNamedSibling) if (alwaysBinds(s, name)) return true;
    }
    if (container.type === 'function_definition' || container.type === 'lambda') break;
  }
  return false;
}

function live(values: Node[], name: string, limit: number): Node[] {
  return values.filter((v) => !rebound(v, name, limit));
}

/** A statement after the value's own, in its block or an enclosing one (up to the scope), always rebinds the name. */
function rebound(value: Node, name: string, limit: number): boolean {
  let n: Node | null = value;
  while (n && n.type !== 'expression_statement') n = n.parent;
  for (; n && n.parent; n = n.parent) {
    const container = n.parent;
    if (container.type === 'block' || container.type === 'module') {
      for (let s = n.nextNamedSibling; s && s.endIndex <= limit; s = s.nextNamedSibling) if (alwaysBinds(s, name)) return true;
    }
    if (container.type === 'function_definition' || container.type === 'class_definition' || container.type === 'module') break;
  }
  return false;
}

/** The statement binds the name on every path through it: an assignment, or an `if` whose every branch does. */
function alwaysBinds(stmt: Node, name: string): boolean {
  switch (stmt.type) {
    case 'expression_statement': {
      let a = stmt.firstNamedChild;
      while (a?.type === 'assignment') {
        if (a.childForFieldName('left')?.text === name) return true;
        a = a.childForFieldName('right');
      }
      return false;
    }
    case 'block':
      return stmt.namedChildren.some((s) => alwaysBinds(s, name));
    case 'with_statement': {
      const body = stmt.childForFieldName('body');
      return !!body && alwaysBinds(body, name);
    }
    case 'if_statement': {
      const { arms, hasElse } = ifArms(stmt);
      return hasElse && arms.every((b) => !!b && alwaysBinds(b, name));
    }
    default:
      return false;
  }
}
