// The branch that handles an HTTP error response: what it reads of the body builds the error, never the usage.
import type { Node } from './syntax';

const STATUS = '(status|status_code|ok|is_success|is_error|is_client_error|is_server_error)';
/** A success status: `200`, `201`, `HTTPStatus.OK`, `requests.codes.ok`. */
const OK = '(2\\d\\d\\b|[\\w.]*\\.(OK|ok)\\b)';
/** Statements that leave the normal path: the branch ends there. */
const LEAVES = new Set(['raise_statement', 'return_statement', 'continue_statement']);

/**
 * The use of `name` (an HTTP response) lies in the branch taken when the response is an error: an arm of an `if`
 * testing its status that ends in `raise`, or the failing arm that ends in `return` / `continue` (`if
 * response.status != 200:`, `if not r.ok:`, the `else` of `if r.status_code == 200:`).
 */
export function inErrorBranch(use: Node, name: string, src: (n: Node) => string, scope: Pick<Node, 'startIndex'>): boolean {
  for (let b = use.parent; b && b.startIndex >= scope.startIndex; b = b.parent) {
    if (b.type !== 'block') continue;
    const arm = b.parent;
    const test = arm?.type === 'if_statement' || arm?.type === 'elif_clause' ? arm : arm?.type === 'else_clause' ? arm.parent : null;
    const condition = test?.childForFieldName('condition');
    if (!condition) continue;
    const text = src(condition);
    if (!new RegExp(`\\b${name}\\.${STATUS}\\b`).test(text)) continue;
    const last = b.namedChildren.filter((c) => c.type !== 'comment').pop();
    if (last?.type === 'raise_statement') return true;
    const polarity = statusTest(text, name);
    const failingArm = arm!.type === 'else_clause' ? polarity === 'success' : polarity === 'failure';
    if (failingArm && last && LEAVES.has(last.type)) return true;
  }
  return false;
}

/** What a condition tests of the response's status: that it failed, that it succeeded, or nothing. */
function statusTest(condition: string, name: string): 'failure' | 'success' | null {
  const failure = [
    `\\bnot\\s+${name}\\.(ok|is_success)\\b`,
    `(^|[^.\\w])(?<!not\\s)${name}\\.(is_error|is_client_error|is_server_error)\\b`,
    `\\b${name}\\.(status|status_code)\\s*(!=\\s*${OK}|not\\s+in\\s*[([{]\\s*${OK}|>=?\\s*[3-5]\\d\\d\\b)`,
  ];
  if (failure.some((f) => new RegExp(f).test(condition))) return 'failure';
  const success = [`^\\s*${name}\\.(ok|is_success)\\s*$`, `\\b${name}\\.(status|status_code)\\s*(==\\s*${OK}|in\\s*[([{]\\s*${OK})`];
  return success.some((s) => new RegExp(s).test(condition)) ? 'success' : null;
}
