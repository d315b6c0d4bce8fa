// Whether a dict key set by name (`kwargs["timeout"] = …`) is set on every path through the function.
import type { PyFile } from './file-context';
import { ifArms, unwrap, type Node } from './syntax';

/**
 * The key's assignments leave it unset on some path through `fn` (each is under an `if` without a matching set in every
 * other arm, in a loop, an `except`, a nested function): null when one of them always runs. `configured`: some
 * condition tests what its assignment gives (`if cfg.timeout: kwargs["timeout"] = cfg.timeout`, `if http_client is not
 * None: kwargs["http_client"] = http_client`), a setting left to configuration rather than a branch that drops it.
 */
export function givenOnSomePaths(file: PyFile, assigns: Node[], fn: Node): { configured: boolean; offWhen?: string; onWhen?: string } | null {
  const body = fn.childForFieldName('body');
  if (!body || assigns.some((a) => runsWhenever(a, body, assigns))) return null;
  const off = assigns.map(offWhenFlag);
  const offWhen = off[0] && off.every((o) => o === off[0]) ? off[0] : null;
  const on = assigns.map(onWhenFlag);
  const onWhen = on[0] && on.every((o) => o === on[0]) ? on[0] : null;
  return { configured: assigns.some((a) => testsItsValue(file, a)), ...(offWhen ? { offWhen } : {}), ...(onWhen ? { onWhen } : {}) };
}

/** `if stream: kwargs["stream"] = True` / `if self.streaming: …`: the flag whose truth alone lets the assignment run. */
function onWhenFlag(assign: Node): string | null {
  const condition = guardOf(assign);
  const c = condition ? unwrap(condition) : null;
  return c && (c.type === 'identifier' || (c.type === 'attribute' && /^[A-Za-z_][\w.]*$/.test(c.text))) ? c.text : null;
}

/** The condition of the nearest `if` whose body holds `assign` (null when an `elif` / `else` arm is nearer). */
function guardOf(assign: Node): Node | null {
  let child = assign;
  for (let p = assign.parent; p; child = p, p = p.parent) {
    if (p.type === 'if_statement' && p.childForFieldName('consequence')?.id === child.id) return p.childForFieldName('condition');
    if (p.type === 'if_statement' || p.type === 'elif_clause' || p.type === 'else_clause' || p.type === 'function_definition') return null;
  }
  return null;
}

/**
 * `if not stream and timeout is not None: kwargs["timeout"] = timeout`: the name (`stream`) whose truth keeps the
 * assignment from running, when the nearest `if` around it requires `not name` (alone or as one operand of `and`).
 */
function offWhenFlag(assign: Node): string | null {
  const condition = guardOf(assign);
  return condition ? negatedName(condition) : null;
}

function negatedName(condition: Node): string | null {
  const c = unwrap(condition);
  if (c.type === 'not_operator') {
    const operand = c.childForFieldName('argument');
    return operand && unwrap(operand).type === 'identifier' ? unwrap(operand).text : null;
  }
  if (c.type === 'boolean_operator' && c.child(1)?.type === 'and') {
    for (const side of [c.childForFieldName('left'), c.childForFieldName('right')]) {
      const name = side ? negatedName(side) : null;
      if (name) return name;
    }
  }
  return null;
}

/** `stmt` runs whenever `scope` does: on its way up, only blocks, `with`, a `try` body or `finally`, or an `if` whose every arm sets the key. */
function runsWhenever(stmt: Node, scope: Node, assigns: Node[]): boolean {
  let child = stmt;
  let p = stmt.parent;
  for (; p && p.id !== scope.id; child = p, p = p.parent) {
    switch (p.type) {
      case 'block':
      case 'expression_statement':
      case 'with_statement':
      case 'finally_clause':
        continue;
      case 'try_statement':
        if (p.childForFieldName('body')?.id === child.id) continue;
        return false;
      case 'elif_clause':
      case 'else_clause':
        // The arm of an `if`: judged there. (A loop's or a `try`'s `else` is conditional.)
        if (p.parent?.type === 'if_statement') continue;
        return false;
      case 'if_statement':
        if (everyArmSets(p, assigns)) continue;
        return false;
      default:
        return false;
    }
  }
  return !!p;
}

function everyArmSets(ifStmt: Node, assigns: Node[]): boolean {
  const { arms, hasElse } = ifArms(ifStmt);
  return hasElse && arms.every((arm) => !!arm && assigns.some((a) => a.startIndex >= arm.startIndex && a.endIndex <= arm.endIndex && runsWhenever(a, arm, assigns)));
}

// Names too common to tie a condition to a value.
const PLUMBING = new Set(['self', 'cls', 'os', 'environ', 'get', 'getenv', 'None', 'True', 'False', 'not', 'is', 'and', 'or', 'in']);

/** The nearest `if` / `elif` around the assignment tests a name (or string) that its value reads. */
function testsItsValue(file: PyFile, assign: Node): boolean {
  const value = assign.childForFieldName('right');
  let child = assign;
  for (let p = assign.parent; p; child = p, p = p.parent) {
    if ((p.type === 'if_statement' || p.type === 'elif_clause') && p.childForFieldName('consequence')?.id === child.id) {
      const condition = p.childForFieldName('condition');
      if (!condition || !value) return false;
      const tested = words(file.src(condition));
      return [...words(file.src(value))].some((w) => tested.has(w));
    }
    if (p.type === 'function_definition') return false;
  }
  return false;
}

function words(text: string): Set<string> {
  return new Set([...text.matchAll(/[A-Za-z_]\w*/g)].map((m) => m[0]).filter((w) => !PLUMBING.has(w)));
}
