// Clients built without a base URL only on the branch taken when the base URL that the other branch passes is absent
// (HKUDS/LightRAG: `AsyncAnthropic(api_key=key) if base_url is None else AsyncAnthropic(base_url=base_url, …)`): the
// caller chooses the endpoint, and the bare client is only the fallback of a configurable one.
import type { ClientFact } from '../../../core/types';
import type { PyFile } from './file-context';
import { BASE_URL_KEYS } from './literals';
import { callArguments, unwrap, type Node } from './syntax';

/** Some call of the file passes a base URL by keyword: nothing else can be the other branch. */
const PASSES_BASE_URL = /\b(?:base_url|api_base|openai_api_base|anthropic_api_url|base_path)\s*=(?!=)/;

/** Marks the file's clients built without a base URL on the fallback branch of a test of the one the other branch passes. */
export function markBaseUrlFallbackClients(file: PyFile, clients: ClientFact[]): void {
  if (!clients.length || !PASSES_BASE_URL.test(file.text)) return;
  for (const client of clients) {
    if (client.path !== file.path) continue;
    const built = file.root.descendantForIndex(file.offsets.fromUtf16(client.span.start), file.offsets.fromUtf16(client.span.end));
    if (built?.type !== 'call' || baseUrlArgument(built) !== undefined) continue;
    if (builtOnFallbackBranch(built)) client.baseUrlFallback = true;
  }
}

/** The text of the base URL the call passes by keyword; undefined when it passes none. */
function baseUrlArgument(call: Node): string | undefined {
  return callArguments(call.childForFieldName('arguments')).keywords.find((k) => BASE_URL_KEYS.test(k.name))?.value.text;
}

/**
 * `A(…) if url is None else A(base_url=url, …)`, or the same as the two branches of an `if url:` / `else:` that
 * assign (or return) the client: the other branch builds the same class from the name the condition tests.
 */
function builtOnFallbackBranch(built: Node): boolean {
  let x = built;
  while (x.parent?.type === 'parenthesized_expression') x = x.parent;
  const p = x.parent;
  if (p?.type === 'conditional_expression') {
    const [whenTrue, condition, whenFalse] = p.namedChildren;
    if (!whenTrue || !condition || !whenFalse || (x.id !== whenTrue.id && x.id !== whenFalse.id)) return false;
    const other = x.id === whenTrue.id ? whenFalse : whenTrue;
    return passesTestedUrl(built, unwrap(other), condition, other.id === whenTrue.id);
  }
  // `client = A(…)` or `return A(…)` as a statement of one branch of an if/else.
  const statement = p?.type === 'assignment' && p.childForFieldName('right')?.id === x.id ? p.parent : p?.type === 'return_statement' ? p : null;
  const block = statement?.parent?.type === 'block' ? statement.parent : statement?.parent?.parent?.type === 'block' ? statement.parent.parent : null;
  const branch = block?.parent;
  const ifStmt = branch?.type === 'else_clause' ? branch.parent : branch?.type === 'if_statement' ? branch : null;
  if (!ifStmt || ifStmt.namedChildren.some((c) => c.type === 'elif_clause')) return false;
  const consequence = ifStmt.childForFieldName('consequence');
  const elseBody = ifStmt.namedChildren.find((c) => c.type === 'else_clause')?.childForFieldName('body');
  const condition = ifStmt.childForFieldName('condition');
  if (!consequence || !elseBody || !condition) return false;
  const otherBlock = block!.id === consequence.id ? elseBody : block!.id === elseBody.id ? consequence : null;
  if (!otherBlock) return false;
  const target = p?.type === 'assignment' ? p.childForFieldName('left')?.text : null;
  return otherBlock.namedChildren.some((s) => {
    const inner = s.type === 'expression_statement' ? s.namedChildren[0] : s;
    const value =
      inner?.type === 'assignment' && target && inner.childForFieldName('left')?.text === target
        ? inner.childForFieldName('right')
        : inner?.type === 'return_statement' && !target
          ? inner.namedChildren[0]
          : null;
    return !!value && passesTestedUrl(built, unwrap(value), condition, otherBlock.id === consequence.id);
  });
}

/**
 * `other` builds the same class as `built` from the name `condition` tests, and runs when that name is set:
 * `otherWhenTrue` says whether it is the branch taken when the condition holds.
 */
function passesTestedUrl(built: Node, other: Node, condition: Node, otherWhenTrue: boolean): boolean {
  if (other.type !== 'call' || other.childForFieldName('function')?.text !== built.childForFieldName('function')?.text) return false;
  const url = baseUrlArgument(other);
  const tested = testedName(unwrap(condition));
  return !!url && !!tested && tested.name === url && tested.setWhenTrue === otherWhenTrue;
}

/** `url`, `not url`, `url is None`, `url is not None` (also `self.url`): the name tested and whether a true condition means it is set. */
function testedName(c: Node): { name: string; setWhenTrue: boolean } | null {
  if (c.type === 'identifier' || c.type === 'attribute') return { name: c.text, setWhenTrue: true };
  if (c.type === 'not_operator') {
    const argument = c.childForFieldName('argument');
    const inner = argument ? testedName(unwrap(argument)) : null;
    return inner && { name: inner.name, setWhenTrue: !inner.setWhenTrue };
  }
  if (c.type !== 'comparison_operator') return null;
  const [left, right] = c.namedChildren;
  if (c.namedChildren.length !== 2 || right?.type !== 'none' || (left?.type !== 'identifier' && left?.type !== 'attribute')) return null;
  const operator = c.children.filter((t) => t.id !== left.id && t.id !== right.id).map((t) => t.type).join(' ');
  if (operator === 'is not' || operator === '!=') return { name: left.text, setWhenTrue: true };
  if (operator === 'is' || operator === '==') return { name: left.text, setWhenTrue: false };
  return null;
}
