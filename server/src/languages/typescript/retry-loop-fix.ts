// Where naive-retry-loop's fix can edit a counted `for` retry loop, and how it keeps the last failure from waiting.
import { ts } from './compiler';
import { enclosingFunction, isFunctionLike, spanOf, unwrap } from './ast';
import type { RetryConstruct } from '../../core/types';

/** `for (let attempt = 0; attempt < 3; attempt++) { try { … } catch (err) { … } }`: the fix's anchors, or undefined. */
export function retryLoopFix(loop: ts.IterationStatement, cc: ts.CatchClause, sf: ts.SourceFile): RetryConstruct['loopFix'] {
  if (!ts.isForStatement(loop) || !loop.initializer || !ts.isVariableDeclarationList(loop.initializer)) return undefined;
  const counterName = loop.initializer.declarations[0]?.name;
  if (!counterName || !ts.isIdentifier(counterName)) return undefined;
  const counter = counterName.text;
  const errorVar = cc.variableDeclaration && ts.isIdentifier(cc.variableDeclaration.name) ? cc.variableDeclaration.name.text : null;
  const fn = enclosingFunction(loop);
  const isAsync = !!fn && !!ts.getModifiers(fn as ts.FunctionDeclaration)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  const exit = lastAttemptExit(cc.block, counter);
  return {
    counter,
    errorVar,
    catchBodyStart: cc.block.getStart(sf) + 1,
    isAsync,
    ...(exit ? { lastAttemptExit: spanOf(exit, sf) } : { anotherAttempt: anotherAttemptTest(loop, counter, sf) }),
  };
}

/**
 * `if (i === retries - 1) throw error;` as a statement of the catch block itself: the last failure leaves there, so a
 * wait written after it runs only when another attempt follows.
 */
function lastAttemptExit(block: ts.Block, counter: string): ts.IfStatement | undefined {
  return block.statements.filter((st): st is ts.IfStatement => ts.isIfStatement(st) && !st.elseStatement && reads(st.expression, counter) && leaves(st.thenStatement)).at(-1);
}

/** The statement always ends in `throw`, `return` or `break` (a block whose last statement does). */
function leaves(st: ts.Statement): boolean {
  const last = ts.isBlock(st) ? st.statements.at(-1) : st;
  return !!last && (ts.isThrowStatement(last) || ts.isReturnStatement(last) || (ts.isBreakStatement(last) && !last.label));
}

function reads(expr: ts.Node, name: string): boolean {
  if (ts.isIdentifier(expr)) return expr.text === name;
  if (isFunctionLike(expr)) return false;
  return !!ts.forEachChild(expr, (c) => (reads(c, name) ? true : undefined));
}

/**
 * `attempt + 1 < 3` for `for (…; attempt < 3; attempt++)`: true when the loop goes round again, so the wait does not
 * delay the last failure. Undefined for other loop shapes.
 */
function anotherAttemptTest(loop: ts.ForStatement, counter: string, sf: ts.SourceFile): string | undefined {
  const cond = loop.condition && unwrap(loop.condition);
  const step = loop.incrementor && unwrap(loop.incrementor);
  const countsUp =
    !!step &&
    (((ts.isPostfixUnaryExpression(step) || ts.isPrefixUnaryExpression(step)) && step.operator === ts.SyntaxKind.PlusPlusToken && ts.isIdentifier(step.operand) && step.operand.text === counter) ||
      (ts.isBinaryExpression(step) && step.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && ts.isIdentifier(step.left) && step.left.text === counter && ts.isNumericLiteral(step.right) && step.right.text === '1'));
  if (!countsUp || !cond || !ts.isBinaryExpression(cond) || !ts.isIdentifier(cond.left) || cond.left.text !== counter) return undefined;
  const op = cond.operatorToken.kind === ts.SyntaxKind.LessThanToken ? '<' : cond.operatorToken.kind === ts.SyntaxKind.LessThanEqualsToken ? '<=' : null;
  if (!op) return undefined;
  const bound = cond.right.getText(sf);
  return `${counter} + 1 ${op} ${ts.isBinaryExpression(unwrap(cond.right)) ? `(${bound})` : bound}`;
}
