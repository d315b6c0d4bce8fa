// Whether a retry's error handler chooses the errors that go round again, or retries every one of them.
import { ts } from './compiler';
import { isFunctionLike, unwrap } from './ast';

/** Text that tests what went wrong: a status, an error class or code, a retryable predicate. */
const CHECKS_ERROR = /\.status\b|\.statusCode\b|\.code\b|instanceof|RateLimit|APIError|APIConnection|(?<![a-z])Timeout|\.name\s*===|retryable|isRetryable|\b429\b|\b5\d\d\b|shouldRetry/;

/**
 * The handler (a catch block, or a `.catch` callback's body) picks the errors it retries: a test of the error decides
 * whether it throws, returns, leaves the loop or goes round (`if (err.status !== 429) throw err`, `if (isRetryable(e))
 * continue`, `e.status === 429 ? again() : null`), directly or through a local (`const retryable = …; if (!retryable)
 * throw e`). A test that only picks what to log (`if (e instanceof APIError) console.error(e.status)`) or a status in
 * a log message decides nothing: every error is retried (audit: a Telegraf bot's loop retried 401s this way).
 */
export function filtersErrors(handler: ts.Node, sf: ts.SourceFile): boolean {
  const errorVar = errorNameOf(handler);
  const assigned = assignmentsIn(handler);
  const testsError = (expr: ts.Node, seen: Set<string>): boolean => {
    if (CHECKS_ERROR.test(expr.getText(sf))) return true;
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
        if (n.text === errorVar) found = true;
        else if (!seen.has(n.text) && assigned.has(n.text)) {
          seen.add(n.text);
          found = assigned.get(n.text)!.some((value) => testsError(value, seen));
        }
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(expr);
    return found;
  };
  const decided = (conditions: ts.Expression[]): boolean => conditions.some((c) => testsError(c, new Set()));
  // `.catch((e) => e.status === 429 ? again() : null)`: the body is what the handler returns.
  if (!ts.isBlock(handler)) return decided(branchConditions(handler as ts.Expression));
  let filters = false;
  const visit = (n: ts.Node, innerLoop: boolean, innerSwitch: boolean): void => {
    if (filters || isFunctionLike(n) || ts.isClassLike(n)) return;
    const exits =
      ts.isThrowStatement(n) ||
      ts.isReturnStatement(n) ||
      (ts.isBreakStatement(n) && (!!n.label || (!innerLoop && !innerSwitch))) ||
      (ts.isContinueStatement(n) && (!!n.label || !innerLoop));
    if (exits) {
      const own = (ts.isThrowStatement(n) || ts.isReturnStatement(n)) && n.expression ? branchConditions(n.expression) : [];
      if (decided([...guardsOf(n, handler), ...own])) filters = true;
      return;
    }
    ts.forEachChild(n, (c) => visit(c, innerLoop || isLoop(n), innerSwitch || ts.isSwitchStatement(n)));
  };
  ts.forEachChild(handler, (c) => visit(c, false, false));
  return filters;
}

/** The caught error's name: `catch (err)`, or the first parameter of a `.catch((err) => …)` callback. */
function errorNameOf(handler: ts.Node): string | null {
  const owner = handler.parent;
  const name = owner && ts.isCatchClause(owner) ? owner.variableDeclaration?.name : owner && isFunctionLike(owner) ? owner.parameters[0]?.name : undefined;
  return name && ts.isIdentifier(name) ? name.text : null;
}

/** What each local name is set to in the handler: `const retryable = …`, `shouldStop = …`. */
function assignmentsIn(handler: ts.Node): Map<string, ts.Expression[]> {
  const out = new Map<string, ts.Expression[]>();
  const add = (name: string, value: ts.Expression) => out.set(name, [...(out.get(name) ?? []), value]);
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) add(n.name.text, n.initializer);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) add(n.left.text, n.right);
    ts.forEachChild(n, visit);
  };
  visit(handler);
  return out;
}

/** The conditions a statement runs under inside the handler: enclosing `if`s, `switch` cases, `cond && …`. */
function guardsOf(stmt: ts.Node, handler: ts.Node): ts.Expression[] {
  const out: ts.Expression[] = [];
  let child: ts.Node = stmt;
  let p = stmt.parent;
  while (p && child !== handler) {
    if (ts.isIfStatement(p) && child !== p.expression) out.push(p.expression);
    else if (ts.isCaseClause(p)) out.push(p.expression, p.parent.parent.expression);
    else if (ts.isDefaultClause(p)) out.push(p.parent.parent.expression);
    else if (ts.isConditionalExpression(p) && child !== p.condition) out.push(p.condition);
    else if (isShortCircuit(p) && child === p.right) out.push(p.left);
    child = p;
    p = p.parent;
  }
  return out;
}

/** The tests that pick which value an expression ends with: `a ? b : c`, `ok && again()`. */
function branchConditions(expr: ts.Expression): ts.Expression[] {
  const e = unwrap(expr);
  if (ts.isConditionalExpression(e)) return [e.condition, ...branchConditions(e.whenTrue), ...branchConditions(e.whenFalse)];
  if (isShortCircuit(e)) return [e.left, ...branchConditions(e.right)];
  return [];
}

function isShortCircuit(n: ts.Node): n is ts.BinaryExpression {
  return ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken || n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken);
}

function isLoop(n: ts.Node): boolean {
  return ts.isForStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n);
}
