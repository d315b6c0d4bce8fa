// What the `if` tests around a node say, read from the nesting alone: enough to tell that a call under
// `if settings.backend == "ollama":` never reaches the client its factory builds only past
// `if settings.backend == "ollama": return Ollama(…)` (paperless-ngx's `get_llm` and `run_llm_query`).
import type { Node } from './syntax';

/** A condition by its text (whitespace-free, `!=` read as a negated `==`, `not` peeled off) and whether it holds. */
interface Known {
  test: string;
  holds: boolean;
}

/**
 * The two nodes sit on branches that exclude each other: one runs only when a condition holds, the other only when a
 * condition with the same text does not. Conditions are compared as text, so both must read the same state
 * (`self.settings.llm_backend` in two methods of the class).
 */
export function exclusiveBranches(a: Node, b: Node): boolean {
  const known = conditionsAt(b);
  return conditionsAt(a).some((x) => known.some((y) => y.test === x.test && y.holds !== x.holds));
}

/** The conditions known at a node inside its function: the `if`/`elif` arms it is in, and `if …: return` before it. */
function conditionsAt(node: Node): Known[] {
  const out: Known[] = [];
  for (let n = node; n.parent && n.type !== 'function_definition'; n = n.parent) {
    const p = n.parent;
    if (p.type === 'block' || p.type === 'module') {
      // `if C: return …` earlier in the same block: what follows runs only when C does not hold.
      for (let s = n.previousNamedSibling; s; s = s.previousNamedSibling) {
        if (s.type === 'if_statement' && !s.namedChildren.some((c) => c.type === 'elif_clause' || c.type === 'else_clause') && exits(s.childForFieldName('consequence'))) {
          out.push(negate(known(s.childForFieldName('condition'))));
        }
      }
    }
    if (p.type === 'if_statement' && n.id === p.childForFieldName('consequence')?.id) out.push(known(p.childForFieldName('condition')));
    if (p.type === 'if_statement' && (n.type === 'elif_clause' || n.type === 'else_clause')) {
      // Every test before this arm failed; an `elif` arm's own test holds.
      for (const c of p.namedChildren) {
        if (c.id === n.id) break;
        if (c.type === 'elif_clause') out.push(negate(known(c.childForFieldName('condition'))));
      }
      out.push(negate(known(p.childForFieldName('condition'))));
      if (n.type === 'elif_clause') out.push(known(n.childForFieldName('condition')));
    }
  }
  return out.filter((k) => k.test !== '');
}

function known(condition: Node | null): Known {
  let c = condition;
  let holds = true;
  while (c?.type === 'parenthesized_expression' && c.namedChildren.length === 1) c = c.namedChildren[0];
  while (c?.type === 'not_operator') {
    holds = !holds;
    c = c.childForFieldName('argument');
    while (c?.type === 'parenthesized_expression' && c.namedChildren.length === 1) c = c.namedChildren[0];
  }
  if (!c) return { test: '', holds };
  const flat = (n: Node) => n.text.replace(/\s+/g, '').replace(/'/g, '"');
  // `a != b` is `a == b` failing; a chain (`a != b != c`) is left as written.
  const operands = c.type === 'comparison_operator' ? c.namedChildren : [];
  if (operands.length === 2 && c.children.some((t) => t.type === '!=')) return { test: `${flat(operands[0])}==${flat(operands[1])}`, holds: !holds };
  return { test: flat(c), holds };
}

function negate(k: Known): Known {
  return { test: k.test, holds: !k.holds };
}

/** The block always leaves by return or raise: its last statement is one. */
function exits(block: Node | null): boolean {
  const last = block?.namedChildren.filter((c) => c.type !== 'comment').at(-1);
  return last?.type === 'return_statement' || last?.type === 'raise_statement';
}
