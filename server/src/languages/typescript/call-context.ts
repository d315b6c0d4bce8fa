import * as path from 'node:path';
import { ts } from './compiler';
import { V3_OPENAI_METHODS } from '../../core/catalog/sdk-defaults';
import type { LastStepUsageRead, LlmCallSite, RetryConstruct, Span } from '../../core/types';
import { bindingOfCall, enclosingClass, enclosingFunction, enclosingStatement, functionName, isAncestor, isFunctionLike, numericArithmetic, outerExpression, propertyNameText, spanOf, unwrap, walk } from './ast';
import type { FileContext } from './file-context';
import { codeText } from './code-text';
import { filtersErrors } from './error-filter';
import { retryInCatch } from './catch-retry';
import { callsSpanStartingHelper, isWorkspaceSpanWrapper } from './span-helpers';
import { usageThroughPromiseAll } from './promise-all-usage';
import { retryLoopFix } from './retry-loop-fix';
import { lastStepReadsOf, multiStepOptions, onFinishLastStepReads, patternReads } from './last-step-usage';
import { loggerInScope } from './logger-in-scope';
import { isImportRef, resolveExpression } from './resolve';
import { chainFactoryOf, LANGCHAIN_PACKAGE } from './langchain-chain-factories';
import { bareSpecifier, GENERATIVE_MODEL_METHODS } from './sdk-bindings';
import { bedrockPayloadOf, boundPropertyName, payloadReadEnd, type BedrockPayload } from './bedrock-send';
import { worstPath } from '../../core/retry-chain';
import { namesUsageField, RESPONSE_USAGE_FIELDS, usageFieldName, usageFieldsUnder } from '../../core/usage-fields';

const SLEEP = /\b(sleep|delay|wait|setTimeout|timers\/promises|backoff)\b/i;
/**
 * A delay scaled from itself on every pass: `delay = Math.min(delay * 2, max)`, `backoff = backoff * 1.5`. A factor
 * below 1 shrinks the value (`maxTokens = Math.floor(maxTokens * 0.8)` asks for a shorter answer): no growing wait.
 */
const SELF_SCALED = /\b(\w+)\s*=(?!=)[^\n;]*?\b\1\s*\*\s*(?!0*\.\d|0\b)\d/;
const GROWING = /\*\*|\*=(?!\s*0*\.\d)|Math\.pow|<<|\*\s*\(?\s*(attempt|retry|retries|i|n|tries|try)\b|\b(attempt|retry|retries|i|tries)\s*\*|\b(attempt|retry|retries|i|n|tries|try)\s*[+-]\s*\d+\s*\)\s*\*|exponential/i;
const JITTER = /Math\.random|jitter|random/i;
const SPAN_CALL = /^(startActiveSpan|startSpan|traceable|observe|withSpan|trace|traced|wrapTraced|withTrace|span)$/;

/** Application retry constructs around a node, innermost first, including loops around calls to its function. */
export function retriesAround(node: ts.Node, ctx: FileContext, depth = 0, others: RetryConstruct[] = []): RetryConstruct[] {
  const out: RetryConstruct[] = [];
  let p: ts.Node | undefined = node.parent;
  const fn = enclosingFunction(node);
  const stop = fn?.parent && ts.isCallExpression(fn.parent) ? fn.parent.parent : fn?.parent;
  // `try { … } catch { return null }` around the call, outside any loop: its errors never leave the function, so a
  // retry wrapper around the function or a loop around its callers never sees one.
  let swallowing = false;
  let loopAroundIt = false;
  while (p && p !== stop) {
    if (p === fn && swallowing && !loopAroundIt) break;
    if (isLoop(p)) {
      if (swallowing) loopAroundIt = true;
      const r = loopRetry(p, node, ctx);
      if (r) out.push(r);
    }
    if (!swallowing && ts.isTryStatement(p) && isAncestor(p.tryBlock, node) && p.catchClause && !containsThrow(p.catchClause.block)) swallowing = true;
    if (ts.isCallExpression(p)) {
      const argIndex = p.arguments.findIndex((a) => isAncestor(a, node) && isFunctionLike(unwrap(a)));
      if (argIndex >= 0) {
        const r = libraryRetry(p, ctx) ?? helperRetry(p, argIndex, ctx);
        if (r) out.push(r);
      }
    }
    p = p.parent;
  }
  // `@withRetry()` on the method: the decorator re-runs the whole method, outside every loop written in it.
  if (fn && !(swallowing && !loopAroundIt)) out.push(...decoratorRetries(fn, ctx));
  // A function that calls itself again from the catch around the call (`catch (e) { return complete(messages, delay * 2) }`).
  if (fn && depth === 0) {
    const r = selfRetry(fn, node, ctx);
    if (r) out.push(r);
  }
  // `catch (err) { r = await client.chat.completions.create(body) }`: the same call written out once more.
  const again = ts.isCallExpression(node) ? retryInCatch(node, ctx) : null;
  if (again) out.push(again);
  // Loops or retry helpers around calls to this function elsewhere in the file (wrapper functions).
  // Each such call is a path of its own: only the worst one multiplies.
  if (fn && depth < 2 && !(swallowing && !loopAroundIt)) {
    // `function generateText(…) { return withRetry(async () => create(…)) }`: the callback runs whenever the named
    // function it is written in runs, so that function's callers are the ones to look around.
    const owner = namedFunctionAround(node) ?? fn;
    const name = functionName(owner);
    const paths: RetryConstruct[][] = [];
    if (name) {
      for (const n of ctx.callsNamed(name)) {
        if (isAncestor(owner, n)) continue;
        const callee = unwrap(n.expression);
        const calleeName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword ? callee.name.text : null;
        const passesFn = n.arguments.some((a) => ts.isIdentifier(a) && a.text === name);
        if (calleeName === name || passesFn) {
          const route = retriesAround(n, ctx, depth + 1, others).filter((r) => !out.some((o) => sameConstruct(o, r)));
          if (passesFn) {
            const lib = libraryRetry(n, ctx) ?? helperRetry(n, n.arguments.findIndex((a) => ts.isIdentifier(a) && a.text === name), ctx);
            if (lib) route.push(lib);
          }
          paths.push(route);
        }
      }
    }
    const { worst, others: elsewhere } = worstPath(paths);
    out.push(...worst);
    for (const r of elsewhere) if (!others.some((o) => o.span.start === r.span.start)) others.push(r);
  }
  return out;
}

/**
 * `(await stream.finalResponse()).output_text`: one field of the final message read on the spot, the usage or not;
 * null for anything else (`.then(…)`, the message handed on).
 */
function fieldOfFinal(call: ts.CallExpression): 'read' | 'discarded' | null {
  let top: ts.Expression = call;
  while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent))) top = top.parent;
  const access = top.parent;
  if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== top || /^(then|catch|finally)$/.test(access.name.text)) return null;
  return USAGE_PROPS.test(access.name.text) ? 'read' : 'discarded';
}

/** The call's value is thrown away: `await x.finalMessage();` or `void x.finalMessage();` as a statement of its own. */
function valueDropped(call: ts.CallExpression): boolean {
  let top: ts.Node = call;
  while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || ts.isVoidExpression(top.parent))) top = top.parent;
  return !!top.parent && ts.isExpressionStatement(top.parent);
}

/** A `throw` in the block, outside nested functions (which throw on their own account). */
function containsThrow(block: ts.Block): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || isFunctionLike(n)) return;
    if (ts.isThrowStatement(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(block, visit);
  return found;
}

function isLoop(n: ts.Node): n is ts.IterationStatement {
  return ts.isForStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n);
}

function loopRetry(loop: ts.IterationStatement, target: ts.Node, ctx: FileContext, evaluate: Evaluate = (e) => constantNumber(e, ctx)): RetryConstruct | null {
  // A retry loop: the call sits in a try block inside the loop, and the catch lets the loop go on.
  let tryStmt: ts.TryStatement | undefined;
  let p: ts.Node | undefined = target.parent;
  while (p && p !== loop) {
    if (ts.isTryStatement(p) && isAncestor(p.tryBlock, target)) tryStmt = p;
    // A try inside a nested loop is that loop's retry: this outer loop (agent turns, a batch) sends new requests.
    if (isLoop(p)) tryStmt = undefined;
    p = p.parent;
  }
  if (!tryStmt || !tryStmt.catchClause) return null;
  // for…of over a list of items is iteration, not retrying; for…of over models/providers is a fallback chain.
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) return null;
  // A retry loop stops once the call succeeds; a worker or poll loop calls again whatever happened.
  if (!stopsOnSuccess(loop, tryStmt) && !(catchContinues(tryStmt) && exitsAfterTry(loop, tryStmt))) return null;
  // The same with an index: `for (let i = 0; i < candidateModels.length; i++)`.
  const cond = ts.isForStatement(loop) ? loop.condition : ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? loop.expression : undefined;
  if (cond && /\.length\b|\.size\b/.test(cond.getText(ctx.sf))) return null;
  const catchText = tryStmt.catchClause.block.getText(ctx.sf);
  // A catch that only rethrows ends the loop on the first error; an empty one swallows it and goes round again.
  if (/^\{\s*throw\b[^;]*;?\s*\}$/.test(catchText.trim())) return null;
  const bodyText = loop.statement.getText(ctx.sf);
  // Shapes are read from the code alone: `'**ERROR**'` is no exponent, `// wait 2 ** n` no wait.
  const bodyCode = codeText(loop.statement, ctx.sf);
  const sleeps = SLEEP.test(bodyCode);
  const { attempts, bounded } = loopBound(loop, tryStmt, ctx, evaluate);
  const head = loop.getFirstToken(ctx.sf) ?? loop;
  const cc = tryStmt.catchClause;
  const loopFix = retryLoopFix(loop, cc, ctx.sf);
  return {
    loopFix,
    kind: 'loop',
    label: 'loop',
    attempts,
    source: 'explicit',
    path: ctx.path,
    span: spanOf(loop, ctx.sf),
    headSpan: spanOf(head, ctx.sf),
    backoff: !sleeps ? 'none' : GROWING.test(bodyCode) || SELF_SCALED.test(bodyCode) || scaledByFactor(loop.statement, evaluate) ? 'exponential' : 'constant',
    jitter: sleeps && JITTER.test(bodyText),
    catchesAll: !filtersErrors(cc.block, ctx.sf),
    bounded,
  };
}

/** The catch ends in `continue`: what follows the try in the loop runs only when the call succeeded. */
function catchContinues(tryStmt: ts.TryStatement): boolean {
  const last = tryStmt.catchClause?.block.statements.at(-1);
  return !!last && ts.isContinueStatement(last) && !last.label;
}

/**
 * A `return` / `break` right in the loop's body after the try (`try { r = await create() } catch { continue } return r`),
 * with no `continue` of this loop before it: `if (msg.tool_calls) { …; continue; }` is an agent loop's next turn.
 */
function exitsAfterTry(loop: ts.IterationStatement, tryStmt: ts.TryStatement): boolean {
  if (!ts.isBlock(loop.statement)) return false;
  const statements = loop.statement.statements;
  const at = statements.indexOf(tryStmt);
  if (at < 0) return false;
  const after = statements.slice(at + 1);
  const exit = after.findIndex((st) => ts.isReturnStatement(st) || (ts.isBreakStatement(st) && !st.label));
  if (exit < 0) return false;
  let continues = false;
  const visit = (n: ts.Node): void => {
    if (continues || isFunctionLike(n) || ts.isClassLike(n) || isLoop(n)) return;
    if (ts.isContinueStatement(n)) continues = true;
    else ts.forEachChild(n, visit);
  };
  after.slice(0, exit).forEach(visit);
  return !continues;
}

/** The number a bound expression stands for where the loop runs, or null when unknown. */
type Evaluate = (e: ts.Expression) => number | null;

/**
 * A delay scaled from itself by a named factor above 1 on every pass: `currentDelay = Math.min(currentDelay *
 * backoffFactor, maxDelay)` with `backoffFactor = 2` a parameter's default, the helper call's argument, or a constant.
 */
function scaledByFactor(body: ts.Node, evaluate: Evaluate): boolean {
  let found = false;
  walk(body, (n) => {
    if (found) return false;
    if (!ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(n.left)) return;
    const name = n.left.text;
    walk(n.right, (m) => {
      if (found || !ts.isBinaryExpression(m) || m.operatorToken.kind !== ts.SyntaxKind.AsteriskToken) return;
      const [l, r] = [unwrap(m.left), unwrap(m.right)];
      const factor = ts.isIdentifier(l) && l.text === name ? r : ts.isIdentifier(r) && r.text === name ? l : null;
      if (factor && (ts.isIdentifier(factor) || ts.isPropertyAccessExpression(factor)) && (evaluate(factor) ?? 0) > 1) found = true;
    });
  });
  return found;
}

/**
 * The loop ends once the call succeeds: the try block returns or breaks out of this loop, or the loop's condition
 * reads a name the try block assigns (`while (!response)`, `while (attempt < 3 && !done)`).
 */
function stopsOnSuccess(loop: ts.IterationStatement, tryStmt: ts.TryStatement): boolean {
  let exits = false;
  const visit = (n: ts.Node, inInnerLoop: boolean): void => {
    // Expressions hold no statements outside the functions and classes written in them, which exit on their own
    // account: a statement made of one (`const r = await create({ …long messages… })`) is not walked.
    if (exits || isFunctionLike(n) || ts.isClassLike(n) || ts.isExpressionStatement(n) || ts.isVariableStatement(n)) return;
    if (ts.isReturnStatement(n) || (ts.isBreakStatement(n) && (!inInnerLoop || n.label))) {
      exits = true;
      return;
    }
    // A `break` inside an inner loop or a switch leaves that one only.
    const inner = inInnerLoop || isLoop(n) || ts.isSwitchStatement(n);
    ts.forEachChild(n, (c) => visit(c, inner));
  };
  visit(tryStmt.tryBlock, false);
  if (exits) return true;
  const cond = ts.isForStatement(loop) ? loop.condition : ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? loop.expression : undefined;
  if (!cond) return false;
  const read = new Set<string>();
  const collect = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) read.add(n.text);
    ts.forEachChild(n, collect);
  };
  collect(cond);
  let assigns = false;
  const find = (n: ts.Node): void => {
    if (assigns || isFunctionLike(n)) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(n.left) && read.has(n.left.text)) assigns = true;
    ts.forEachChild(n, find);
  };
  find(tryStmt.tryBlock);
  return assigns;
}

function loopBound(loop: ts.IterationStatement, tryStmt: ts.TryStatement, ctx: FileContext, evaluate: Evaluate): { attempts: number | null; bounded: boolean } {
  const fromCondition = (cond: ts.Expression | undefined, init?: number): number | null => {
    if (!cond || !ts.isBinaryExpression(cond)) return null;
    // `answer === null && tries < max`: either side may be the bound.
    if (cond.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      const counts = [fromCondition(unwrap(cond.left), init), fromCondition(unwrap(cond.right), init)].filter((n): n is number => n !== null);
      return counts.length ? Math.min(...counts) : null;
    }
    const limit = evaluate(cond.right);
    if (limit === null) return null;
    const start = init ?? 0;
    switch (cond.operatorToken.kind) {
      case ts.SyntaxKind.LessThanToken:
        return Math.max(0, limit - start);
      case ts.SyntaxKind.LessThanEqualsToken:
        return Math.max(0, limit - start + 1);
      default:
        return null;
    }
  };
  // `for (;;)` / `while (true)`: bounded only if the catch gives up after a counted number of tries.
  const givesUp = (): boolean => {
    const catchText = tryStmt.catchClause!.block.getText(ctx.sf);
    return /throw/.test(catchText) && /if\s*\(/.test(catchText);
  };
  if (ts.isForStatement(loop)) {
    let init: number | undefined;
    if (loop.initializer && ts.isVariableDeclarationList(loop.initializer)) {
      const d = loop.initializer.declarations[0];
      if (d?.initializer) init = evaluate(d.initializer) ?? undefined;
    }
    const n = fromCondition(loop.condition, init) ?? countedAttempts(loop, tryStmt, ctx, evaluate);
    if (n !== null) return { attempts: n, bounded: true };
    return { attempts: null, bounded: loop.condition ? true : givesUp() };
  }
  if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) {
    const cond = unwrap(loop.expression);
    const counted = countedAttempts(loop, tryStmt, ctx, evaluate);
    if (cond.kind === ts.SyntaxKind.TrueKeyword) return { attempts: counted, bounded: counted !== null || givesUp() };
    return { attempts: fromCondition(cond, 0) ?? counted, bounded: true };
  }
  return { attempts: null, bounded: false };
}

const MAX_SIMULATED = 1000;

/**
 * Attempts counted by running the loop's counter through failing passes: `let attempt = 0; while (true) { try {…}
 * catch (e) { attempt++; if (attempt > maxRetries) throw e; … } }`, `for (;;)` with `if (++n >= MAX) throw`, or a
 * condition the formula above cannot read. Null when a value is unknown or no bound is reached.
 */
function countedAttempts(loop: ts.IterationStatement, tryStmt: ts.TryStatement, ctx: FileContext, evaluate: Evaluate): number | null {
  const env = new Map<string, number>();
  // Counters: names the loop steps with ++/--/+=/-=.
  const counters = new Set<string>();
  const scan = (n: ts.Node): void => {
    if (isFunctionLike(n)) return;
    const stepped = (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken) ? n.operand : ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken || n.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken) ? n.left : undefined;
    if (stepped && ts.isIdentifier(stepped)) counters.add(stepped.text);
    ts.forEachChild(n, scan);
  };
  scan(loop);
  if (counters.size === 0) return null;
  for (const name of counters) {
    const start = initialValue(loop, name, evaluate);
    if (start === null) return null;
    env.set(name, start);
  }
  const value = (e: ts.Expression): number | boolean | null => {
    const u = unwrap(e);
    if (ts.isIdentifier(u)) return env.has(u.text) ? env.get(u.text)! : evaluate(u);
    if (ts.isNumericLiteral(u)) return Number(u.text.replace(/_/g, ''));
    if (u.kind === ts.SyntaxKind.TrueKeyword || u.kind === ts.SyntaxKind.FalseKeyword) return u.kind === ts.SyntaxKind.TrueKeyword;
    if ((ts.isPrefixUnaryExpression(u) || ts.isPostfixUnaryExpression(u)) && ts.isIdentifier(u.operand) && env.has(u.operand.text)) {
      if (u.operator !== ts.SyntaxKind.PlusPlusToken && u.operator !== ts.SyntaxKind.MinusMinusToken) {
        const v = value(u.operand);
        if (typeof v !== 'number' && typeof v !== 'boolean') return null;
        return u.operator === ts.SyntaxKind.ExclamationToken ? !v : u.operator === ts.SyntaxKind.MinusToken && typeof v === 'number' ? -v : null;
      }
      const before = env.get(u.operand.text)!;
      const after = before + (u.operator === ts.SyntaxKind.PlusPlusToken ? 1 : -1);
      env.set(u.operand.text, after);
      return ts.isPrefixUnaryExpression(u) ? after : before;
    }
    if (ts.isPrefixUnaryExpression(u) && u.operator === ts.SyntaxKind.ExclamationToken) {
      const v = value(u.operand);
      return v === null ? null : !v;
    }
    if (ts.isBinaryExpression(u)) {
      const op = u.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusEqualsToken || op === ts.SyntaxKind.MinusEqualsToken || op === ts.SyntaxKind.EqualsToken) {
        if (!ts.isIdentifier(u.left) || !env.has(u.left.text)) return null;
        const r = value(u.right);
        if (typeof r !== 'number') return null;
        const next = op === ts.SyntaxKind.EqualsToken ? r : env.get(u.left.text)! + (op === ts.SyntaxKind.PlusEqualsToken ? r : -r);
        env.set(u.left.text, next);
        return next;
      }
      const a = value(u.left);
      if (a === null) return null;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return a ? value(u.right) : a;
      if (op === ts.SyntaxKind.BarBarToken) return a ? a : value(u.right);
      const b = value(u.right);
      if (typeof a !== 'number' || typeof b !== 'number') return null;
      switch (op) {
        case ts.SyntaxKind.PlusToken: return a + b;
        case ts.SyntaxKind.MinusToken: return a - b;
        case ts.SyntaxKind.AsteriskToken: return a * b;
        case ts.SyntaxKind.LessThanToken: return a < b;
        case ts.SyntaxKind.LessThanEqualsToken: return a <= b;
        case ts.SyntaxKind.GreaterThanToken: return a > b;
        case ts.SyntaxKind.GreaterThanEqualsToken: return a >= b;
        case ts.SyntaxKind.EqualsEqualsEqualsToken: case ts.SyntaxKind.EqualsEqualsToken: return a === b;
        case ts.SyntaxKind.ExclamationEqualsEqualsToken: case ts.SyntaxKind.ExclamationEqualsToken: return a !== b;
        default: return null;
      }
    }
    return null;
  };
  const readsCounter = (n: ts.Node): boolean => (ts.isIdentifier(n) && counters.has(n.text)) || !!ts.forEachChild(n, (c) => readsCounter(c) || undefined);
  const exits = (s: ts.Statement): boolean => ts.isThrowStatement(s) || ts.isReturnStatement(s) || ts.isBreakStatement(s) || (ts.isBlock(s) && s.statements.some(exits));
  const isStep = (e: ts.Expression): boolean =>
    ((ts.isPrefixUnaryExpression(e) || ts.isPostfixUnaryExpression(e)) && (e.operator === ts.SyntaxKind.PlusPlusToken || e.operator === ts.SyntaxKind.MinusMinusToken) && ts.isIdentifier(e.operand) && counters.has(e.operand.text)) ||
    (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken || e.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken) && ts.isIdentifier(e.left) && counters.has(e.left.text));
  // One failing pass: the counter's steps and give-up checks before the try, then the catch's, in order. A check ahead
  // of the try (`if (retriesLeft === 0) throw …`) stops a pass before its call is made (`before`).
  type Step = { kind: 'step'; expr: ts.Expression } | { kind: 'giveUp'; cond: ts.Expression; before: boolean };
  const steps: Step[] = [];
  const stepOrGiveUp = (st: ts.Statement, before: boolean): void => {
    if (ts.isIfStatement(st) && exits(st.thenStatement) && readsCounter(st.expression)) steps.push({ kind: 'giveUp', cond: st.expression, before });
    else if (ts.isExpressionStatement(st) && isStep(st.expression)) steps.push({ kind: 'step', expr: st.expression });
  };
  const inBody = ts.isBlock(loop.statement) ? loop.statement.statements : [loop.statement];
  for (const st of inBody) {
    if (isAncestor(st, tryStmt)) break;
    stepOrGiveUp(st, true);
  }
  for (const st of tryStmt.catchClause!.block.statements) stepOrGiveUp(st, false);
  const cond = ts.isForStatement(loop) ? loop.condition : ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? loop.expression : undefined;
  const checksFirst = !ts.isDoStatement(loop);
  for (let pass = 1; pass <= MAX_SIMULATED; pass++) {
    if (cond && checksFirst) {
      const go = value(cond);
      if (go === null) return null;
      if (!go) return pass - 1;
    }
    for (const step of steps) {
      const v = value(step.kind === 'step' ? step.expr : step.cond);
      if (v === null) return null;
      if (step.kind === 'giveUp' && v) return step.before ? pass - 1 : pass;
    }
    if (ts.isForStatement(loop) && loop.incrementor && value(loop.incrementor) === null) return null;
    if (cond && !checksFirst) {
      const go = value(cond);
      if (go === null) return null;
      if (!go) return pass;
    }
  }
  return null;
}

/** A counter's value before the loop: the `for` initializer, or its `let` just before the loop in the same block. */
function initialValue(loop: ts.IterationStatement, name: string, evaluate: Evaluate): number | null {
  if (ts.isForStatement(loop) && loop.initializer && ts.isVariableDeclarationList(loop.initializer)) {
    const d = loop.initializer.declarations.find((x) => ts.isIdentifier(x.name) && x.name.text === name);
    if (d) return d.initializer ? evaluate(d.initializer) : null;
  }
  const block = loop.parent;
  if (!block || !(ts.isBlock(block) || ts.isSourceFile(block))) return null;
  let found: number | null = null;
  for (const st of block.statements) {
    if (st === loop) return found;
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) found = d.initializer ? evaluate(d.initializer) : null;
  }
  return null;
}

function constantNumber(e: ts.Expression, ctx: FileContext): number | null {
  const direct = numericArithmetic(e);
  if (direct !== null) return direct;
  const u = unwrap(e);
  // `retries + 1` over named constants.
  if (ts.isBinaryExpression(u) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken].includes(u.operatorToken.kind)) {
    const a = constantNumber(u.left, ctx);
    const b = a === null ? null : constantNumber(u.right, ctx);
    if (a === null || b === null) return null;
    return u.operatorToken.kind === ts.SyntaxKind.PlusToken ? a + b : u.operatorToken.kind === ts.SyntaxKind.MinusToken ? a - b : a * b;
  }
  // A parameter's default (`async function ask(q, maxRetries = 3)`): what the function does when not told otherwise.
  if (ts.isIdentifier(u)) {
    const decl = ctx.declarationOf(u);
    if (decl && !isImportRef(decl) && ts.isParameter(decl as ts.Node)) {
      const init = (decl as ts.ParameterDeclaration).initializer;
      return init ? numericArithmetic(init) : null;
    }
  }
  if (ts.isIdentifier(u) || ts.isPropertyAccessExpression(u)) {
    const r = resolveExpression(u, ctx);
    if (r.kind === 'node') return numericArithmetic(r.node);
  }
  return null;
}

/** p-retry, async-retry, exponential-backoff `backOff`, cockatiel `policy.execute`, `retry(fn, {retries})`. */
function libraryRetry(call: ts.CallExpression, ctx: FileContext): RetryConstruct | null {
  const callee = unwrap(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  const importOf = (id: string) => ctx.imports.get(id)?.specifier;
  let label: string | null = null;
  let attempts: number | null = null;
  let backoff: RetryConstruct['backoff'] = 'exponential';
  let jitter = true;
  const opts = call.arguments[1] && ts.isObjectLiteralExpression(unwrap(call.arguments[1])) ? (unwrap(call.arguments[1]) as ts.ObjectLiteralExpression) : undefined;
  const optNum = (o: ts.ObjectLiteralExpression | undefined, key: string): number | null => {
    for (const p of o?.properties ?? []) if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === key) return constantNumber(p.initializer, ctx);
    return null;
  };
  if (ts.isIdentifier(callee) && importOf(callee.text) === 'p-retry') {
    label = 'p-retry';
    attempts = (optNum(opts, 'retries') ?? 10) + 1;
    jitter = /randomize\s*:\s*true/.test(opts?.getText(ctx.sf) ?? '');
  } else if (ts.isIdentifier(callee) && importOf(callee.text) === 'async-retry') {
    label = 'async-retry';
    attempts = (optNum(opts, 'retries') ?? 10) + 1;
    jitter = !/randomize\s*:\s*false/.test(opts?.getText(ctx.sf) ?? '');
  } else if (ts.isIdentifier(callee) && importOf(callee.text) === 'exponential-backoff') {
    // exponential-backoff 3.x (dist/options.js): numOfAttempts 10 in all, delays doubling from 100 ms, jitter 'none'.
    label = 'exponential-backoff';
    attempts = Math.max(1, optNum(opts, 'numOfAttempts') ?? 10);
    jitter = /jitter\s*:\s*['"`]full['"`]/.test(opts?.getText(ctx.sf) ?? '');
  } else if (name === 'execute' && ts.isPropertyAccessExpression(callee)) {
    // cockatiel: const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() })
    const r = resolveExpression(callee.expression, ctx);
    if (r.kind === 'node' && ts.isCallExpression(r.node)) {
      const inner = unwrap(r.node.expression);
      if (ts.isIdentifier(inner) && inner.text === 'retry' && importOf('retry') === 'cockatiel') {
        label = 'cockatiel';
        const o = r.node.arguments[1] && ts.isObjectLiteralExpression(r.node.arguments[1]) ? r.node.arguments[1] : undefined;
        const max = optNum(o, 'maxAttempts');
        attempts = max === null ? null : max + 1;
        const text = o?.getText(ctx.sf) ?? '';
        backoff = /ExponentialBackoff/.test(text) ? 'exponential' : /ConstantBackoff/.test(text) ? 'constant' : 'none';
        jitter = backoff === 'exponential';
      }
    }
  }
  if (!label) return null;
  return {
    kind: 'library',
    label,
    attempts,
    source: 'explicit',
    path: ctx.path,
    span: spanOf(call, ctx.sf),
    headSpan: spanOf(callee, ctx.sf),
    backoff,
    jitter,
    catchesAll: false,
    bounded: attempts !== null,
  };
}

/**
 * The application's own retry helper: `withRetry(() => create(…), 5)` where `withRetry` (in this file, imported, or a
 * method of the class) calls the callback in a loop whose catch goes on, or calls itself again from its catch with one
 * try fewer. The layer is the helper's loop, with the attempts this call asks for (an argument for the bound, else
 * the parameter's default).
 */
function helperRetry(call: ts.CallExpression, argIndex: number, ctx: FileContext): RetryConstruct | null {
  const helper = helperFunction(unwrap(call.expression), ctx);
  const body = helper?.fn.body;
  if (!helper || !body || !ts.isBlock(body)) return null;
  const param = helper.fn.parameters[argIndex];
  if (!param || !ts.isIdentifier(param.name) || param.dotDotDotToken) return null;
  const callback = param.name.text;
  let invocation: ts.CallExpression | undefined;
  walk(body, (n) => {
    if (invocation || isFunctionLike(n)) return false;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === callback) invocation = n;
  });
  if (!invocation) return null;
  const evaluate = (e: ts.Expression) => argumentValue(e, helper.fn, call, ctx) ?? constantNumber(e, helper.ctx);
  const loop = loopAround(invocation, body);
  const construct = loop ? loopRetry(loop, invocation, helper.ctx, evaluate) : recursiveRetry(helper.fn, helper.name, invocation, helper.ctx, evaluate);
  // The helper's loop is the same code for every call of the helper: the call tells one use from another.
  return construct && { ...construct, label: helper.name, invokedAt: `${ctx.path}#${call.getStart(ctx.sf)}` };
}

/**
 * Retry decorators on the method (`@withRetry()`, cline): a function of the workspace that replaces the method with a
 * wrapper re-running the original it saved from the descriptor (`originalMethod.apply(this, args)`) in a retry loop.
 */
function decoratorRetries(fn: ts.FunctionLikeDeclaration, ctx: FileContext): RetryConstruct[] {
  if (!ts.isMethodDeclaration(fn)) return [];
  const out: RetryConstruct[] = [];
  for (const d of ts.getDecorators(fn) ?? []) {
    const expr = unwrap(d.expression);
    const factory = ts.isCallExpression(expr) ? expr : null;
    const helper = helperFunction(factory ? unwrap(factory.expression) : expr, ctx);
    const body = helper?.fn.body;
    if (!helper || !body || !ts.isBlock(body)) continue;
    const invocation = originalMethodCall(body);
    if (!invocation) continue;
    // `@withRetry({ maxRetries: 5 })`: the factory's options, else the defaults it reads them with.
    const evaluate = (e: ts.Expression) => (factory ? argumentValue(e, helper.fn, factory, ctx) : null) ?? constantNumber(e, helper.ctx);
    const loop = loopAround(invocation, body);
    const construct = loop ? loopRetry(loop, invocation, helper.ctx, evaluate) : null;
    if (construct) out.push({ ...construct, label: helper.name, invokedAt: `${ctx.path}#${d.getStart(ctx.sf)}` });
  }
  return out;
}

/** The innermost loop around `node` inside `body`, if any. */
function loopAround(node: ts.Node, body: ts.Node): ts.IterationStatement | null {
  for (let p = node.parent; p && p !== body; p = p.parent) if (isLoop(p)) return p;
  return null;
}

/** In a method decorator: the call of the method it saved from the descriptor (`const original = descriptor.value`). */
function originalMethodCall(body: ts.Block): ts.CallExpression | null {
  const saved = new Set<string>();
  walk(body, (n) => {
    if (!ts.isVariableDeclaration(n) || !ts.isIdentifier(n.name) || !n.initializer) return;
    const init = unwrap(n.initializer);
    if (ts.isPropertyAccessExpression(init) && init.name.text === 'value') saved.add(n.name.text);
  });
  if (saved.size === 0) return null;
  let found: ts.CallExpression | null = null;
  walk(body, (n) => {
    if (found) return false;
    if (!ts.isCallExpression(n)) return;
    let callee = unwrap(n.expression);
    if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'apply' || callee.name.text === 'call')) callee = unwrap(callee.expression);
    if (ts.isIdentifier(callee) && saved.has(callee.text)) found = n;
  });
  return found;
}

/** The same retry construct reached twice (not the same helper called around the call at two levels). */
function sameConstruct(a: RetryConstruct, b: RetryConstruct): boolean {
  return a.path === b.path && a.span.start === b.span.start && a.invokedAt === b.invokedAt;
}

/**
 * The first call of `fn` by itself in `block` (or `block` itself, an arrow's expression body): `this.name(…)` in a
 * method, `name(…)` in a function.
 */
function selfCallIn(block: ts.Node, fn: ts.FunctionLikeDeclaration, name: string): ts.CallExpression | undefined {
  if (isSelfCall(block, fn, name)) return block;
  let found: ts.CallExpression | undefined;
  walk(block, (n) => {
    // Another function runs the code inside it at its own time, except a `.then` callback of the retry's own chain
    // (`.catch(() => sleep(delay).then(() => complete(messages, delay * 2)))`).
    if (found || (isFunctionLike(n) && !isThenCallback(n))) return false;
    if (isSelfCall(n, fn, name)) found = n;
  });
  return found;
}

function isThenCallback(n: ts.Node): boolean {
  const call = n.parent;
  return !!call && ts.isCallExpression(call) && call.arguments[0] === n && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'then';
}

function isSelfCall(n: ts.Node, fn: ts.FunctionLikeDeclaration, name: string): n is ts.CallExpression {
  if (!ts.isCallExpression(n)) return false;
  const callee = unwrap(n.expression);
  return ts.isMethodDeclaration(fn)
    ? ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword && callee.name.text === name
    : ts.isIdentifier(callee) && callee.text === name;
}

const DELAY_PARAM = /delay|wait|backoff|sleep|ms$|interval|timeout/i;

/**
 * The call's own function retries it by calling itself from the catch around it. With a count passed on one lower
 * (`retries - 1`) the attempts are counted; passing everything on unchanged but a growing delay never stops. The catch
 * is a `try`/`catch` around the call, or a `.catch(err => …)` on its promise (`create(…).catch(err => complete(…))`,
 * also inside `.then(() => …)` callbacks of the named function).
 */
function selfRetry(fn: ts.FunctionLikeDeclaration, call: ts.Node, ctx: FileContext): RetryConstruct | null {
  let tryStmt: ts.Node | undefined = call.parent;
  while (tryStmt && tryStmt !== fn && !(ts.isTryStatement(tryStmt) && isAncestor(tryStmt.tryBlock, call))) tryStmt = tryStmt.parent;
  const caught = tryStmt && ts.isTryStatement(tryStmt) && tryStmt.catchClause ? { body: tryStmt.catchClause.block, span: tryStmt as ts.Node } : null;
  // A try/catch is in the call's own function; a promise's `.catch` may sit in a callback of the function that retries.
  const handler = caught ?? promiseCatchHandler(call);
  const owner = caught ? fn : handler ? namedFunctionAround(call) : null;
  const name = owner && functionName(owner);
  if (!handler || !owner || !name || !owner.body || !ts.isBlock(owner.body)) return null;
  const counted = countedSelfRetry(owner, name, handler.body, handler.span, ctx, (e) => constantNumber(e, ctx));
  if (counted) return { ...counted, subject: `by recursion in ${name}` };
  return uncountedSelfRetry(owner, name, handler.body, handler.span, ctx);
}

/** `call.catch(handler)`, or `call.then(…).catch(handler)`: the function handling the call's rejection, and the chain. */
function promiseCatchHandler(call: ts.Node): { body: ts.Node; span: ts.Node } | null {
  let e: ts.Node = call;
  while (e.parent && ts.isPropertyAccessExpression(e.parent) && e.parent.expression === e && e.parent.parent && ts.isCallExpression(e.parent.parent) && e.parent.parent.expression === e.parent) {
    const link = e.parent.parent;
    if (e.parent.name.text === 'catch') {
      const h = link.arguments[0] && unwrap(link.arguments[0]);
      return h && (ts.isArrowFunction(h) || ts.isFunctionExpression(h)) ? { body: h.body, span: link } : null;
    }
    if (e.parent.name.text !== 'then' && e.parent.name.text !== 'finally') return null;
    e = link;
  }
  return null;
}

/** The named function a call runs in, through the anonymous callbacks around it (`.then(() => create(…))`). */
function namedFunctionAround(node: ts.Node): ts.FunctionLikeDeclaration | null {
  let fn = enclosingFunction(node);
  while (fn && !functionName(fn) && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parent && ts.isCallExpression(fn.parent)) fn = enclosingFunction(fn);
  return fn ?? null;
}

/**
 * `catch (e) { return complete(messages, delay * 2) }`: the function calls itself again with the same arguments (or
 * only a new delay), so nothing moves toward a stop. `span` is the try statement or the promise chain handling it.
 */
function uncountedSelfRetry(fn: ts.FunctionLikeDeclaration, name: string, catchBlock: ts.Node, span: ts.Node, ctx: FileContext): RetryConstruct | null {
  const again = selfCallIn(catchBlock, fn, name);
  if (!again || !fn.body) return null;
  const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : delayOptions(p.name) ? DELAY_OPTIONS : null));
  if (params.some((p) => p === null) || again.arguments.length > params.length) return null;
  // Every argument is the parameter itself, or a new value for a delay parameter: nothing moves toward a stop.
  const unchanged = params.every((p, i) => {
    const a = again!.arguments[i];
    if (!a) return p === DELAY_OPTIONS;
    const u = unwrap(a);
    return (ts.isIdentifier(u) && u.text === p) || DELAY_PARAM.test(p!) || (p === DELAY_OPTIONS && ts.isObjectLiteralExpression(u) && u.properties.every((q) => !!q.name && DELAY_PARAM.test(q.name.getText(ctx.sf))));
  });
  // A check on a parameter in the catch (`if (model !== FALLBACK)`) may be what stops it, and so may a counter kept
  // outside the function (`failures++; if (failures > 5) throw err`).
  const catchText = catchBlock.getText(ctx.sf);
  const checksParam = params.some((p) => p !== DELAY_OPTIONS && !DELAY_PARAM.test(p!) && new RegExp(`\\bif\\s*\\([^)]*\\b${p}\\b`).test(catchText));
  const counts = /[\w$\]]\s*(\+\+|--|\+=|-=)|(\+\+|--)\s*[\w$]/.test(catchText);
  if (!unchanged || checksParam || counts) return null;
  const fnText = fn.body.getText(ctx.sf);
  const fnCode = codeText(fn.body, ctx.sf);
  const sleeps = SLEEP.test(fnCode);
  return {
    kind: 'loop',
    label: name,
    subject: `by recursion in ${name}`,
    attempts: null,
    source: 'explicit',
    path: ctx.path,
    span: spanOf(span, ctx.sf),
    headSpan: spanOf(unwrap(again.expression), ctx.sf),
    backoff: !sleeps ? 'none' : GROWING.test(fnCode) || /\*\s*2\b/.test(again.getText(ctx.sf)) ? 'exponential' : 'constant',
    jitter: sleeps && JITTER.test(fnText),
    catchesAll: !filtersErrors(catchBlock, ctx.sf),
    bounded: false,
  };
}

/** A destructured options parameter whose every field is a delay (`{ delayMs = 0 } = {}`). */
const DELAY_OPTIONS = '\u0000delay options';

function delayOptions(name: ts.BindingName): boolean {
  return ts.isObjectBindingPattern(name) && name.elements.length > 0 && name.elements.every((el) => ts.isIdentifier(el.name) && !el.dotDotDotToken && DELAY_PARAM.test(el.name.text));
}

/** The function a helper call runs: a declaration or arrow in this file or imported, or `this.method`. */
function helperFunction(callee: ts.Expression, ctx: FileContext): { fn: ts.FunctionLikeDeclaration; ctx: FileContext; name: string } | null {
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(callee);
    const method = cls && cls.members.find((m) => ts.isMethodDeclaration(m) && propertyNameText(m.name) === callee.name.text);
    return method && ts.isMethodDeclaration(method) ? { fn: method, ctx, name: callee.name.text } : null;
  }
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return null;
  const r = resolveExpression(callee, ctx);
  if (r.kind !== 'node') return null;
  const fn = r.node as ts.Node;
  if (!ts.isFunctionDeclaration(fn) && !ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return null;
  return { fn, ctx: r.ctx, name: functionName(fn) ?? (ts.isIdentifier(callee) ? callee.text : callee.name.text) };
}

/**
 * The value a helper's parameter has for this call: `retries` (a parameter), `opts.retries`, or a name destructured
 * from a parameter (`{ retries = 3 }`): the argument passed for it, else its default.
 */
function argumentValue(e: ts.Expression, fn: ts.FunctionLikeDeclaration, call: ts.CallExpression, ctx: FileContext): number | null {
  const u = unwrap(e);
  if (call.arguments.some((a) => ts.isSpreadElement(a))) return null;
  const argOf = (index: number): ts.Expression | undefined => call.arguments[index];
  const fromObject = (obj: ts.Expression | undefined, key: string): number | null | undefined => {
    const o = obj && unwrap(obj);
    if (!o || !ts.isObjectLiteralExpression(o)) return o ? null : undefined;
    for (const p of o.properties) {
      if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === key) return constantNumber(p.initializer, ctx);
      if (ts.isSpreadAssignment(p) || (ts.isShorthandPropertyAssignment(p) && p.name.text === key)) return null;
    }
    return undefined;
  };
  // `const { maxAttempts = 3 } = options;` or `const maxAttempts = options.maxAttempts ?? 3;` at the top of the body:
  // the option the call passes, else that default, else the parameter's own default object's.
  const local = ts.isIdentifier(u) ? optionReadInBody(u.text, fn) : null;
  if (local) {
    const index = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === local.param);
    const given = index >= 0 ? fromObject(argOf(index), local.key) : undefined;
    if (given !== undefined) return given;
    if (local.fallback) return numericArithmetic(local.fallback);
    return index >= 0 ? fromObject(fn.parameters[index].initializer, local.key) ?? null : null;
  }
  for (const [index, param] of fn.parameters.entries()) {
    if (ts.isIdentifier(param.name)) {
      if (ts.isIdentifier(u) && u.text === param.name.text) {
        const arg = argOf(index);
        if (arg) return constantNumber(arg, ctx);
        return param.initializer ? numericArithmetic(param.initializer) : null;
      }
      if (ts.isPropertyAccessExpression(u) && ts.isIdentifier(u.expression) && u.expression.text === param.name.text) {
        const given = fromObject(argOf(index), u.name.text);
        if (given !== undefined) return given;
        return fromObject(param.initializer, u.name.text) ?? null;
      }
    } else if (ts.isObjectBindingPattern(param.name) && ts.isIdentifier(u)) {
      const element = param.name.elements.find((el) => ts.isIdentifier(el.name) && el.name.text === u.text);
      if (!element) continue;
      const key = element.propertyName ? propertyNameText(element.propertyName) : u.text;
      const given = key ? fromObject(argOf(index), key) : null;
      if (given !== undefined) return given;
      return element.initializer ? numericArithmetic(element.initializer) : null;
    }
  }
  return null;
}

/** A name the function's body reads from an options parameter before anything else: its parameter, key and default. */
function optionReadInBody(name: string, fn: ts.FunctionLikeDeclaration): { param: string; key: string; fallback: ts.Expression | undefined } | null {
  if (!fn.body || !ts.isBlock(fn.body)) return null;
  const params = new Set(fn.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : [])));
  for (const stmt of fn.body.statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) {
      const init = d.initializer && unwrap(d.initializer);
      if (!init) continue;
      // const { maxAttempts = 3 } = options
      if (ts.isObjectBindingPattern(d.name) && ts.isIdentifier(init) && params.has(init.text)) {
        const el = d.name.elements.find((e) => ts.isIdentifier(e.name) && e.name.text === name && !e.dotDotDotToken);
        const key = el && (el.propertyName ? propertyNameText(el.propertyName) : name);
        if (el && key) return { param: init.text, key, fallback: el.initializer };
      }
      // const maxAttempts = options.maxAttempts ?? 3
      if (ts.isIdentifier(d.name) && d.name.text === name) {
        const [read, fallback] =
          ts.isBinaryExpression(init) && (init.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || init.operatorToken.kind === ts.SyntaxKind.BarBarToken)
            ? [unwrap(init.left), init.right]
            : [init, undefined];
        if (ts.isPropertyAccessExpression(read) && ts.isIdentifier(read.expression) && params.has(read.expression.text)) return { param: read.expression.text, key: read.name.text, fallback };
        return null;
      }
    }
  }
  return null;
}

/**
 * `try { return await fn() } catch (e) { if (retries <= 0) throw e; …; return withRetry(fn, retries - 1) }`: the
 * helper calls itself from its catch with a count one lower, so a call makes the count + 1 attempts.
 */
function recursiveRetry(fn: ts.FunctionLikeDeclaration, name: string, invocation: ts.CallExpression, ctx: FileContext, evaluate: Evaluate): RetryConstruct | null {
  let tryStmt: ts.Node | undefined = invocation.parent;
  while (tryStmt && tryStmt !== fn && !(ts.isTryStatement(tryStmt) && isAncestor(tryStmt.tryBlock, invocation))) tryStmt = tryStmt.parent;
  if (!tryStmt || !ts.isTryStatement(tryStmt) || !tryStmt.catchClause) return null;
  return countedSelfRetry(fn, name, tryStmt.catchClause.block, tryStmt, ctx, evaluate);
}

/**
 * The self-call in the handler passes a count on one lower: the attempts are that count plus one. `span` is the try
 * statement or the promise chain handling the error.
 */
function countedSelfRetry(fn: ts.FunctionLikeDeclaration, name: string, catchBlock: ts.Node, span: ts.Node, ctx: FileContext, evaluate: Evaluate): RetryConstruct | null {
  const again = selfCallIn(catchBlock, fn, name);
  if (!again) return null;
  // The count: the parameter passed on as `count - 1`.
  const countIndex = again.arguments.findIndex((a, i) => {
    const u = unwrap(a);
    const param = fn.parameters[i];
    return ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.MinusToken && ts.isIdentifier(u.left) && numericArithmetic(u.right) === 1 && !!param && ts.isIdentifier(param.name) && param.name.text === u.left.text;
  });
  if (countIndex < 0) return null;
  const count = evaluate(fn.parameters[countIndex].name as ts.Identifier);
  const catchText = catchBlock.getText(ctx.sf);
  const catchCode = codeText(catchBlock, ctx.sf);
  const sleeps = SLEEP.test(catchCode);
  const againText = again.getText(ctx.sf);
  return {
    kind: 'loop',
    label: name,
    subject: `helper ${name}`,
    attempts: count === null ? null : count + 1,
    source: 'explicit',
    path: ctx.path,
    span: spanOf(span, ctx.sf),
    headSpan: spanOf(unwrap(again.expression), ctx.sf),
    backoff: !sleeps ? 'none' : GROWING.test(catchCode) || /\*\s*\d/.test(againText) ? 'exponential' : 'constant',
    jitter: sleeps && JITTER.test(catchText),
    catchesAll: !filtersErrors(catchBlock, ctx.sf),
    bounded: true,
  };
}

/** The call runs inside a manually started span or a tracing wrapper. */
export function insideSpan(node: ts.Node, ctx: FileContext, depth = 0): boolean {
  let p: ts.Node | undefined = node.parent;
  while (p) {
    if (ts.isCallExpression(p)) {
      const callee = unwrap(p.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (p.arguments.some((a) => isAncestor(a, node)) && (SPAN_CALL.test(name) || isWorkspaceSpanWrapper(p, ctx))) return true;
    }
    if (isFunctionLike(p) && p.body && startsSpan(p, ctx)) return true;
    p = p.parent;
  }
  const fn = enclosingFunction(node);
  return !!fn && depth < 2 && ctx.remember(`callersInSpan${depth}`, fn, () => callersInSpan(fn, ctx, depth));
}

/** The function starts a span itself, or calls a workspace helper that starts one (asked once per function). */
function startsSpan(fn: ts.FunctionLikeDeclaration, ctx: FileContext): boolean {
  return ctx.remember('startsSpan', fn, () => /\.startSpan\(|\.startActiveSpan\(/.test(fn.body!.getText(ctx.sf)) || callsSpanStartingHelper(fn, ctx));
}

/** A helper that every caller in this file calls inside a span runs in that span (`startActiveSpan('chat', () => this.callModel(q))`). */
function callersInSpan(fn: ts.FunctionLikeDeclaration, ctx: FileContext, depth: number): boolean {
  const name = functionName(fn);
  if (!name) return false;
  const callers = ctx.callsNamed(name).filter((n) => {
    if (isAncestor(fn, n)) return false;
    const callee = unwrap(n.expression);
    return ts.isIdentifier(callee) ? callee.text === name : ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword && callee.name.text === name;
  });
  return callers.length > 0 && callers.every((c) => insideSpan(c, ctx, depth + 1));
}

const USAGE_PROPS = usageFieldName(['totalUsage', 'response_metadata', 'providerMetadata']);
/**
 * @google/generative-ai hands back a wrapper: the response (with `usageMetadata`) is its `response`, a promise of it on
 * a stream (`(await result.response).usageMetadata`).
 */
const wrapsResponse = (method: string) => Object.hasOwn(GENERATIVE_MODEL_METHODS, method);

/**
 * The call's result is read chunk by chunk: `for await (const chunk of await create(…))`, or through the `const` it is
 * bound to (`const completion = await create({ …, stream: shouldStream })` then, on some branch, `for await (const
 * chunk of completion)`).
 */
export function iteratedAsStream(call: ts.CallExpression | ts.NewExpression, ctx: FileContext): boolean {
  const top = outerExpression(call);
  const parent = top.parent;
  if (parent && ts.isForOfStatement(parent)) return parent.expression === top;
  if (!parent || !ts.isVariableDeclaration(parent) || parent.initializer !== top || !ts.isIdentifier(parent.name)) return false;
  const name = parent.name.text;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isForOfStatement(n) && n.pos > parent.end) {
      const iterated = unwrap(n.expression);
      if (ts.isIdentifier(iterated) && iterated.text === name && ctx.declarationOf(iterated) === parent) {
        found = true;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(enclosingFunction(parent) ?? ctx.sf);
  return found;
}

/** What happens to the call's result, and the binding a usage-recording fix can use. */
export function usageOf(call: ts.CallExpression, ctx: FileContext, streaming: boolean | null, method: string): Pick<LlmCallSite, 'usage' | 'resultBinding' | 'lastStepUsage'> {
  let top: ts.Node = call;
  let caught = false;
  for (;;) {
    top = outerExpression(top);
    const next = chainedCall(top);
    if (!next) break;
    const name = next.expression.name.text;
    // `create(…).catch(handle)` / `.finally(…)` resolve to the same response, `.stream(…).on('error', …)` to the same
    // runner; `.on('finalMessage', (m) => … m.usage …)` reads the usage.
    if (/^(catch|finally|on|once)$/.test(name)) {
      if (listenerReadsUsage(next)) return { usage: 'read' };
      // `.catch(() => null)` may hand back its fallback instead: code after it guards for that, a log line would not.
      if (name === 'catch' && !rethrows(next.arguments[0])) caught = true;
    }
    // `.stream(…).finalMessage()` chained: the final message, usage included, is what the code goes on with.
    else if (/^(finalMessage|finalChatCompletion|finalResponse)$/.test(name)) streaming = false;
    // `fetch(…).then((r) => r.json())` / `(await fetch(…)).json()`: the parsed body, usage included, is what the code
    // goes on with.
    else if (!(method === 'fetch' && (name === 'json' ? next.arguments.length === 0 : name === 'then' && returnsJsonOfParameter(next.arguments[0])))) break;
    top = next;
  }
  const parent = top.parent;
  if (!parent) return { usage: 'unknown' };
  // A class that keeps its own token accounts (`recordTokenUsage`, `spendTokens`, `trackUsage`) counts tokens its own way.
  if (classRecordsUsage(call, ctx)) return { usage: 'unknown' };
  // ai-sdk: `onFinish({ usage })` / `experimental_telemetry` in the options count as reading usage.
  const firstArg = call.arguments[0];
  const multiStep = multiStepOptions(call);
  if (firstArg && ts.isObjectLiteralExpression(firstArg) && /onFinish|onStepFinish|experimental_telemetry/.test(firstArg.getText(ctx.sf)) && /[uU]sage|isEnabled/.test(firstArg.getText(ctx.sf))) {
    return { usage: 'read', ...lastStep(multiStep && onFinishLastStepReads(multiStep, ctx.sf)) };
  }
  // openai@3.x resolves to an axios response: the body, usage included, is `res.data`.
  const axiosBody = V3_OPENAI_METHODS.includes(method);
  if (axiosBody && ts.isPropertyAccessExpression(parent) && parent.expression === top && parent.name.text === 'data') {
    return { usage: httpBodyUsage(parent, enclosingFunction(parent) ?? ctx.sf, ctx, streaming === true, 0) };
  }
  const wrapped = wrapsResponse(method);
  if (wrapped && ts.isPropertyAccessExpression(parent) && parent.expression === top && parent.name.text === 'response') {
    return { usage: httpBodyUsage(parent, enclosingFunction(parent) ?? ctx.sf, ctx, streaming === true, 0) };
  }
  // `create(…).then((r) => …)`: the callback's parameter is the response.
  if (ts.isPropertyAccessExpression(parent) && parent.expression === top && parent.name.text === 'then') return { usage: thenUsage(parent, ctx, streaming === true) };
  // Bedrock Runtime: `(await client.send(command)).body` / `.stream` is the model's payload, usage included.
  const payload = bedrockPayloadOf(method);
  if (payload && ts.isPropertyAccessExpression(parent) && parent.expression === top && parent.name.text === payload.key) {
    return { usage: payloadValueUsage(parent, enclosingFunction(parent) ?? ctx.sf, ctx, payload.stream) };
  }
  if (ts.isPropertyAccessExpression(parent) && parent.expression === top) return { usage: USAGE_PROPS.test(parent.name.text) ? 'read' : 'discarded' };
  // `const [a, b] = await Promise.all([create(…), create(…)])`: each element is one response.
  const together = usageThroughPromiseAll(top, { follow: (name, scope, decl) => referencesUsage(name, scope, decl, ctx, streaming === true || /stream/i.test(method), false, 1, wrapped), usageField: USAGE_PROPS });
  if (together) return { usage: together };
  if (ts.isReturnStatement(parent) || ts.isArrowFunction(parent) || handedBack(orNothing(top))) return { usage: 'escapes' };
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent) || ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isArrayLiteralExpression(parent) || ts.isSpreadElement(parent)) return { usage: 'escapes' };
  if (ts.isExpressionStatement(parent)) return { usage: 'discarded' };
  if (ts.isForOfStatement(parent)) return { usage: streamLoopReadsUsage(parent, ctx) ? 'read' : 'discarded' };
  if (ts.isVariableDeclaration(parent)) {
    const stmt = enclosingStatement(parent);
    const statementSpan = stmt ? spanOf(stmt, ctx.sf) : spanOf(parent, ctx.sf);
    if (ts.isObjectBindingPattern(parent.name)) {
      const names = parent.name.elements.map((e) => (e.propertyName ? propertyNameText(e.propertyName as ts.PropertyName) : ts.isIdentifier(e.name) ? e.name.text : null));
      if (names.some((n) => n && USAGE_PROPS.test(n))) return { usage: 'read', ...lastStep(multiStep && patternReads(parent.name, ctx.sf)) };
      if (parent.name.elements.some((e) => e.dotDotDotToken)) return { usage: 'escapes' };
      // openai@3.x: `const { data } = await openai.createChatCompletion(…)` then `data.usage`.
      // @google/generative-ai: `const { response } = await model.generateContent(…)` then `response.usageMetadata`.
      const i = axiosBody ? names.indexOf('data') : wrapped ? names.indexOf('response') : -1;
      if (i >= 0) {
        const el = parent.name.elements[i];
        if (!ts.isIdentifier(el.name)) return { usage: 'unknown' };
        return { usage: referencesUsage(el.name.text, enclosingFunction(parent) ?? ctx.sf, parent, ctx, streaming === true, false, 1) };
      }
      // Bedrock Runtime: `const { body } = await client.send(new InvokeModelCommand(…))`, `const { stream } = …`.
      const held = payload ? parent.name.elements.find((e) => boundPropertyName(e) === payload.key) : undefined;
      if (payload && held) {
        if (!ts.isIdentifier(held.name)) return { usage: 'unknown' };
        return { usage: referencesUsage(held.name.text, enclosingFunction(parent) ?? ctx.sf, parent, ctx, payload.stream, false, 1, false, payload.stream ? null : 'bytes') };
      }
      return { usage: 'discarded' };
    }
    if (!ts.isIdentifier(parent.name)) return { usage: 'unknown' };
    return bound(parent.name.text, enclosingFunction(parent) ?? ctx.sf, parent, stmt, statementSpan);
  }
  // `response = await client…create(…)`, the next turn of a tool loop written into the variable declared (in this
  // function) for the first: its reads are the reads of the responses it holds.
  if (ts.isBinaryExpression(parent) && parent.right === top && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(parent.left) && parent.parent && ts.isExpressionStatement(parent.parent)) {
    const decl = ctx.declarationOf(parent.left);
    const scope = enclosingFunction(parent);
    if (decl && !isImportRef(decl) && ts.isVariableDeclaration(decl) && scope && enclosingFunction(decl) === scope) {
      return bound(parent.left.text, scope, decl, parent.parent, spanOf(parent.parent, ctx.sf));
    }
  }
  return { usage: 'unknown' };

  /**
   * The result lands in the variable `name` (declared by `decl`) by the statement `stmt`: its usage is what the
   * function does with the variable, and a usage-recording fix may follow the statement when there is room for one
   * (in a block: `if (more) response = await create(…); else …` has none) and nothing stands in for the response.
   */
  function bound(name: string, scope: ts.Node, decl: ts.VariableDeclaration, stmt: ts.Node | undefined, statementSpan: Span): Pick<LlmCallSite, 'usage' | 'resultBinding' | 'lastStepUsage'> {
    const usage = referencesUsage(name, scope, decl, ctx, streaming === true || /stream/i.test(method), method === 'fetch' || method === 'post' || axiosBody, 0, wrapped, payload);
    const partial = usage === 'read' ? lastStep(multiStep && lastStepReadsOf(name, decl, scope, ctx.sf)) : {};
    if (caught || (stmt && !inBlock(stmt))) return { usage, ...partial };
    // Only a fix reads the logger: look for it only where one may be offered.
    const logger = usage === 'discarded' ? loggerInScope(stmt ?? decl, ctx) : null;
    const pending = awaitedOnTheWay(call, top) ? {} : { pending: true as const };
    return { usage, resultBinding: { name, statementSpan, ...(logger ? { logger } : {}), ...pending }, ...partial };
  }
}

/** An `await` between the call and `top`, the outermost expression that still stands for its result. */
function awaitedOnTheWay(call: ts.Node, top: ts.Node): boolean {
  for (let n: ts.Node = call; n !== top && n.parent; n = n.parent) {
    if (ts.isAwaitExpression(n.parent)) return true;
  }
  return false;
}

/** `{ lastStepUsage }` when a multi-step call's code reads only `usage`. */
function lastStep(reads: LastStepUsageRead[] | 'all steps' | null | false): Pick<LlmCallSite, 'lastStepUsage'> {
  return Array.isArray(reads) && reads.length > 0 ? { lastStepUsage: reads } : {};
}

type Usage = Pick<LlmCallSite, 'usage' | 'resultBinding' | 'usageDroppedBy' | 'lastStepUsage'>;

/**
 * `async function complete(p) { return client.chat.completions.create(…) }`: the response escapes to the callers, so
 * what they do with it decides. When every call of the function in the workspace drops the usage (reads `.choices`
 * only), so does this call. A function nobody in the workspace calls may serve callers elsewhere: it stays as it was.
 * `streaming`: the call streams, so the wrapper hands its callers a stream, which they read by looping over it.
 */
export function wrappedUsage(call: ts.CallExpression, ctx: FileContext, usage: Usage, streaming: boolean | null = null): Usage {
  if (usage.usage !== 'escapes') return usage;
  // `await withRetry(() => client.chat.completions.create(…), opts)`: a retry or rate-limit helper hands back what
  // the callback returns, so the helper call's result is the response.
  const helper = callbackHelperCall(call);
  if (helper) {
    const outer = usageOf(helper, ctx, null, '');
    return outer.usage === 'escapes' ? wrappedUsage(helper, ctx, outer, streaming) : outer;
  }
  const fn = returnedBy(call);
  const name = fn ? functionName(fn) : null;
  if (!fn || !name) return usage;
  const method = ts.isMethodDeclaration(fn);
  // The callers of a function that hands back a wrapped result read its usage through `.response` too.
  const calledName = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : '';
  const wrappedMethod = wrapsResponse(calledName) ? calledName : '';
  const uses: Array<LlmCallSite['usage']> = [];
  for (const c of ctx.callsNamed(name)) {
    if (enclosingFunction(c) === fn) continue;
    const callee = c.expression;
    // A method is called as `this.complete(…)` in its class; a function by its name. Passed on as a value
    // (`pRetry(complete)`): whoever calls it may read the usage.
    const direct = method ? ts.isPropertyAccessExpression(callee) && callee.name.text === name : ts.isIdentifier(callee) && callee.text === name;
    if (!direct) uses.push('escapes');
    else if (method || ctx.declarationOf(callee as ts.Identifier) === declarationNode(fn)) uses.push(usageOf(c, ctx, streaming === true ? true : null, wrappedMethod).usage);
  }
  // Other files import functions, not methods (their instances are not followed), nor helpers local to a block.
  if (!method && !isLocalFunction(fn)) uses.push(...usagesInImporters(ctx, name, isDefaultExport(fn), streaming === true));
  return uses.length > 0 && uses.every((u) => u === 'discarded') ? { usage: 'discarded', usageDroppedBy: name } : usage;
}

/**
 * The module-level function (declaration or `const f = async () =>`), or method of a module-level class, that hands
 * back the call's result as it is: `return client…create(…)`, or `const r = await client…create(…)` whose only uses are
 * `return r` and reads of other fields.
 */
function returnedBy(call: ts.CallExpression): ts.FunctionLikeDeclaration | null {
  let top: ts.Node = call;
  while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || ts.isAsExpression(top.parent))) top = top.parent;
  if (handedBack(orNothing(top))) top = orNothing(top);
  const p = top.parent;
  let fn: ts.FunctionLikeDeclaration | undefined;
  if (p && ts.isReturnStatement(p)) fn = enclosingFunction(p);
  else if (p && ts.isArrowFunction(p) && p.body === top) fn = p;
  else if (p && ts.isVariableDeclaration(p) && p.initializer === top && ts.isIdentifier(p.name)) {
    fn = enclosingFunction(p);
    // openai@3.x resolves to an axios response: `return res.data` hands back the completion itself.
    const body = ts.isPropertyAccessExpression(call.expression) && V3_OPENAI_METHODS.includes(call.expression.name.text) ? 'data' : null;
    if (!fn?.body || !onlyReturned(p.name, fn.body, body)) return null;
  }
  if (!fn) return null;
  if (ts.isMethodDeclaration(fn)) return ts.isClassDeclaration(fn.parent) && ts.isSourceFile(fn.parent.parent) ? fn : null;
  // `module.exports = function complete(messages) { … }`
  if (isModuleExports(fn)) return fn;
  // A helper declared inside a handler (`client.on('messageCreate', async (m) => { async function fetchReply() … })`)
  // is called in that block only.
  const at = declaredIn(fn);
  return at && (ts.isSourceFile(at) || ts.isBlock(at)) ? fn : null;
}

/** Where a function is declared: the statement list holding `function f` or `const f = () => …`. */
function declaredIn(fn: ts.FunctionLikeDeclaration): ts.Node | undefined {
  const holder = ts.isFunctionDeclaration(fn) ? fn : fn.parent && ts.isVariableDeclaration(fn.parent) ? fn.parent.parent?.parent : undefined;
  return holder?.parent;
}

/** The function is declared in a block (a local helper), not at module scope. */
function isLocalFunction(fn: ts.FunctionLikeDeclaration): boolean {
  const at = declaredIn(fn);
  return !!at && ts.isBlock(at);
}

/** Every use of the binding in `body` is `return x` or a read of a field other than the usage. */
function onlyReturned(name: ts.Identifier, body: ts.Node, bodyProp: string | null = null): boolean {
  let returned = false;
  let other = false;
  walk(body, (n) => {
    if (other || !ts.isIdentifier(n) || n === name || n.text !== name.text) return;
    const p = orNothing(n).parent;
    if (ts.isReturnStatement(p)) returned = true;
    else if (bodyProp && ts.isPropertyAccessExpression(p) && p.expression === n && p.name.text === bodyProp && p.parent && ts.isReturnStatement(p.parent)) returned = true;
    else if (!(ts.isPropertyAccessExpression(p) && p.expression === n && !USAGE_PROPS.test(p.name.text) && !(p.parent && ts.isCallExpression(p.parent) && p.parent.expression === p))) other = true;
  });
  return returned && !other;
}

/**
 * `response || null`, `response ?? undefined`, `response ? response : null` (audit: a Discord bot's Claude wrapper):
 * the value itself or nothing, so handing that back hands back the value. The outermost such expression around `e`.
 */
function orNothing(e: ts.Node): ts.Node {
  let top = e;
  for (;;) {
    const p = top.parent;
    if (!p) return top;
    if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isAwaitExpression(p)) top = p;
    else if (ts.isBinaryExpression(p) && p.left === top && (p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) && isNothing(p.right)) top = p;
    // `x ? x : null`, reached from the test or from the branch.
    else if (ts.isConditionalExpression(p) && (p.condition === top || p.whenTrue === top) && isNothing(p.whenFalse) && sameName(p.condition, p.whenTrue)) top = p;
    else return top;
  }
}

/** The expression is what a function returns: `return e`, or an arrow's body. */
function handedBack(e: ts.Node): boolean {
  const p = e.parent;
  return !!p && (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === e));
}

/** `[]`, `{}`, `''`: an empty fallback. */
function emptyLiteral(e: ts.Expression): boolean {
  const u = unwrap(e);
  return (ts.isArrayLiteralExpression(u) && u.elements.length === 0) || (ts.isObjectLiteralExpression(u) && u.properties.length === 0) || (ts.isStringLiteral(u) && u.text === '');
}

function isNothing(e: ts.Expression): boolean {
  const u = unwrap(e);
  return u.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(u) && u.text === 'undefined') || (ts.isVoidExpression(u) && ts.isNumericLiteral(u.expression));
}

function sameName(a: ts.Expression, b: ts.Expression): boolean {
  const [x, y] = [unwrap(a), unwrap(b)];
  return ts.isIdentifier(x) && ts.isIdentifier(y) && x.text === y.text;
}

/** The node a reference to the function resolves to: the declaration, or the variable holding the arrow. */
function declarationNode(fn: ts.FunctionLikeDeclaration): ts.Node {
  return ts.isFunctionDeclaration(fn) ? fn : fn.parent;
}

/** Helpers that run a callback (again) and resolve to what it returns: p-retry, async-retry, `withRetry`, bottleneck. */
const CALLBACK_HELPER = /^(p?[Rr]etry|withRetry|retryAsync|retryWithBackoff|withBackoff|backOff|exponentialBackoff|schedule|wrap|limit|withTimeout|pTimeout)$/;

/** The helper call whose first argument is an arrow returning `call` as it is (`() => create(…)`, `async () => await create(…)`). */
function callbackHelperCall(call: ts.CallExpression): ts.CallExpression | null {
  let top: ts.Node = call;
  while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent))) top = top.parent;
  let fn: ts.Node | undefined = top.parent;
  if (fn && ts.isReturnStatement(fn) && ts.isBlock(fn.parent) && fn.parent.statements.length === 1) fn = fn.parent.parent;
  else if (!(fn && ts.isArrowFunction(fn) && fn.body === top)) return null;
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return null;
  const helper = fn.parent;
  if (!helper || !ts.isCallExpression(helper) || helper.arguments[0] !== fn) return null;
  const callee = unwrap(helper.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  // `wait.then(() => client…create(…))`: the chained promise resolves to what the callback returns.
  return CALLBACK_HELPER.test(name) || (name === 'then' && ts.isPropertyAccessExpression(callee)) ? helper : null;
}

/** `module.exports = function …` at the top of the file. */
function isModuleExports(fn: ts.FunctionLikeDeclaration): boolean {
  const p = fn.parent;
  return !!p && ts.isBinaryExpression(p) && p.right === fn && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.left.getText() === 'module.exports' && ts.isExpressionStatement(p.parent) && ts.isSourceFile(p.parent.parent);
}

/** The function is what the module exports as a whole: `export default function`, or `module.exports = function`. */
export function isDefaultExport(fn: ts.FunctionLikeDeclaration): boolean {
  if (isModuleExports(fn)) return true;
  return ts.isFunctionDeclaration(fn) && !!ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

/**
 * What other workspace files do with each call of `name` imported by name from this file, or, for the module's
 * default export, of the name they import it under (`import complete from './llm'`, `const complete = require('./llm')`).
 */
function usagesInImporters(ctx: FileContext, name: string, isDefault = false, stream = false): Array<LlmCallSite['usage']> {
  return callsInImporters(ctx, name, isDefault).map((c) => (c === 'unknown' ? 'unknown' : c === 'escapes' ? 'escapes' : usageOf(c.call, c.ctx, stream ? true : null, '').usage));
}

/**
 * The calls of a function this module exports, in the workspace modules that import it (directly or through a
 * barrel): each call, `'escapes'` where the imported name is used other than by calling it, and `'unknown'` where a
 * namespace or whole-module import (or a default import never called) hides what is done with it.
 */
export function callsInImporters(ctx: FileContext, name: string, isDefault = false): Array<{ call: ts.CallExpression; ctx: FileContext } | 'escapes' | 'unknown'> {
  const out: Array<{ call: ts.CallExpression; ctx: FileContext } | 'escapes' | 'unknown'> = [];
  for (const imp of importsOfExport(ctx, name, isDefault)) {
    if (imp === 'unknown') {
      out.push('unknown');
      continue;
    }
    const calls = imp.ctx.callsNamed(imp.local);
    for (const c of calls) out.push(ts.isIdentifier(c.expression) && c.expression.text === imp.local ? { call: c, ctx: imp.ctx } : 'escapes');
    // A default import is called under the importer's own name; one never called is not followed.
    if (imp.isDefault && calls.length === 0) out.push('unknown');
  }
  return out;
}

/**
 * The workspace modules that import an export of this module (directly or through a barrel), with the local name
 * it has there; `'unknown'` for a namespace or whole-module import, which hides what is done with it.
 */
export function importsOfExport(ctx: FileContext, name: string, isDefault = false): Array<{ ctx: FileContext; local: string; isDefault: boolean } | 'unknown'> {
  const out: Array<{ ctx: FileContext; local: string; isDefault: boolean } | 'unknown'> = [];
  const project = ctx.workspace.project;
  const word = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`);
  // A default export is imported under any name, but its specifier names the module (or, for index files, the folder).
  const stem = path.basename(ctx.path).replace(/\.[^.]+$/, '');
  const moduleWord = stem === 'index' ? path.basename(path.dirname(ctx.path)) : stem;
  for (const other of project.paths()) {
    if (other === ctx.path || !/\.[cm]?[jt]sx?$/.test(other)) continue;
    const text = project.text(other);
    if (!text || !(word.test(text) || (isDefault && text.includes(moduleWord)))) continue;
    const o = ctx.workspace.contextFor(other);
    if (!o) continue;
    for (const [local, imported] of o.imports) {
      const target = ctx.workspace.resolveModule(other, imported.specifier);
      if (!target) continue;
      let ref = imported;
      if (target !== ctx.path) {
        // Imported from a barrel (`import { complete } from '@acme/ai'` whose index re-exports './openai').
        const origin = imported.imported === '*' ? null : ctx.workspace.exportOrigin(target, imported.imported);
        if (origin?.file !== ctx.path) continue;
        ref = { specifier: imported.specifier, imported: origin.name };
      }
      if (isDefault && (ref.imported === 'default' || ref.imported === '*')) out.push({ ctx: o, local, isDefault: true });
      else if (ref.imported === '*' || ref.imported === 'default') out.push('unknown');
      else if (ref.imported === name) out.push({ ctx: o, local, isDefault: false });
    }
  }
  return out;
}

/** `x.name(…)` chained on `x`, when `top` is that `x`. */
function chainedCall(top: ts.Node): (ts.CallExpression & { expression: ts.PropertyAccessExpression }) | null {
  const p = top.parent;
  if (!p || !ts.isPropertyAccessExpression(p) || p.expression !== top || !p.parent || !ts.isCallExpression(p.parent) || p.parent.expression !== p) return null;
  return p.parent as ts.CallExpression & { expression: ts.PropertyAccessExpression };
}

/** A `.catch` handler written inline that ends by throwing and never returns: the chain still yields the response. */
function rethrows(handler: ts.Expression | undefined): boolean {
  if (!handler || !(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) || !ts.isBlock(handler.body)) return false;
  const last = handler.body.statements[handler.body.statements.length - 1];
  if (!last || !ts.isThrowStatement(last)) return false;
  let returns = false;
  walk(handler.body, (n) => {
    if (ts.isReturnStatement(n) && enclosingFunction(n) === handler) returns = true;
  });
  return !returns;
}

/** The statement sits directly in a block, file or case clause: one can be inserted after it. */
function inBlock(stmt: ts.Node): boolean {
  const p = stmt.parent;
  return !!p && (ts.isBlock(p) || ts.isSourceFile(p) || ts.isCaseClause(p) || ts.isDefaultClause(p) || ts.isModuleBlock(p));
}

/** Stream events that hand their listener the final message or completion (usage included), or the usage itself. */
const MESSAGE_EVENTS = /^(finalMessage|message|finalChatCompletion|chatCompletion|finalResponse|response\.completed)$/;

/**
 * `stream.on('finalMessage', (message) => … message.usage …)` (Anthropic MessageStream, OpenAI ChatCompletionStream)
 * or `.on('totalUsage', (usage) => …)`: the listener reads the usage.
 */
function listenerReadsUsage(on: ts.CallExpression): boolean {
  const [event, cb] = on.arguments;
  if (!event || !ts.isStringLiteralLike(event) || !cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) return false;
  const param = cb.parameters[0]?.name;
  if (!param) return false;
  if (event.text === 'totalUsage') return true;
  if (!MESSAGE_EVENTS.test(event.text)) return false;
  if (ts.isObjectBindingPattern(param)) return param.elements.some((el) => ((el.propertyName ?? el.name) as ts.Identifier).text === 'usage' || (ts.isIdentifier(el.name) && /usage/i.test(el.name.text)));
  if (!ts.isIdentifier(param)) return false;
  let reads = false;
  walk(cb.body, (n) => {
    if (reads) return;
    // `message.usage`, or the whole message handed on (`send(message)`, `{ usage: message.usage }`).
    if (ts.isIdentifier(n) && n.text === param.text && n !== param) {
      const q = n.parent;
      if (ts.isPropertyAccessExpression(q) && q.expression === n) reads = USAGE_PROPS.test(q.name.text) || reads;
      else if (ts.isCallExpression(q) || ts.isShorthandPropertyAssignment(q) || ts.isPropertyAssignment(q) || ts.isSpreadAssignment(q)) reads = true;
    }
  });
  return reads;
}

/** `(r) => r.json()` or `function (r) { return r.json(); }`. */
function returnsJsonOfParameter(cb: ts.Expression | undefined): boolean {
  if (!cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) return false;
  const param = cb.parameters[0]?.name;
  if (!param || !ts.isIdentifier(param)) return false;
  let body: ts.Node = cb.body;
  if (ts.isBlock(body)) {
    const only = body.statements.length === 1 ? body.statements[0] : undefined;
    if (!only || !ts.isReturnStatement(only) || !only.expression) return false;
    body = only.expression;
  }
  const e = unwrap(body as ts.Expression);
  if (!ts.isCallExpression(e) || e.arguments.length > 0) return false;
  const callee = unwrap(e.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'json' && ts.isIdentifier(unwrap(callee.expression)) && (unwrap(callee.expression) as ts.Identifier).text === param.text;
}

/** How a `.then(cb)` callback uses the response it receives; a callback that is not written inline may do anything. */
function thenUsage(then: ts.PropertyAccessExpression, ctx: FileContext, isStream: boolean): LlmCallSite['usage'] {
  const call = then.parent;
  const cb = call && ts.isCallExpression(call) && call.expression === then ? call.arguments[0] : undefined;
  if (!cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) return 'escapes';
  const param = cb.parameters[0];
  if (!param) return 'discarded';
  if (!ts.isIdentifier(param.name)) return ts.isObjectBindingPattern(param.name) && /usage/i.test(param.name.getText(ctx.sf)) ? 'read' : 'unknown';
  return referencesUsage(param.name.text, cb.body, param as unknown as ts.VariableDeclaration, ctx, isStream);
}

const OUTPUT_PARSER = /OutputParser$/;
/** LangChain parser classes (and their static factories, `StructuredOutputParser.fromZodSchema(schema)`). */
const PARSER_CLASS = /(OutputParser|OutputFixingParser)$/;
/** The function- and tool-call parsers of `@langchain/core/output_parsers/openai_{functions,tools}` (`JsonOutputFunctionsParser`, …). */
const CALL_PARSER_CLASS = /^(Json(Key)?)?Output(Key)?(Functions|Tools)Parser$/;

/**
 * The call runs a LangChain.js runnable that hands back text or parsed data, not the message with its usage: a pipe
 * whose last step is an output parser (`.pipe(new StringOutputParser())`, `RunnableSequence.from([..., parser])`), or
 * `model.withStructuredOutput(schema)` without `includeRaw: true`.
 */
export function endsInOutputParser(call: ts.CallExpression, ctx: FileContext): boolean {
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) && runnableEndsInParser(callee.expression, ctx, 0);
}

function runnableEndsInParser(expr: ts.Expression, ctx: FileContext, depth: number): boolean {
  const runnable = boundOnce(unwrap(expr), ctx);
  if (!runnable || !ts.isCallExpression(runnable)) return false;
  // A documents chain always ends in a parser, a legacy chain and an AgentExecutor hand back text; a retrieval chain's
  // `answer` is what its documents chain hands back.
  const factory = chainFactoryOf(runnable, ctx);
  if (factory) return factory.output === 'text' || (factory.kind === 'retrieval' && depth < 2 && runnableEndsInParser(factory.runnable, ctx, depth + 1));
  const fn = unwrap(runnable.expression);
  if (!ts.isPropertyAccessExpression(fn)) return false;
  const parserStep = (e: ts.Expression | undefined): boolean => {
    const step = e && boundOnce(unwrap(e), ctx);
    if (!step) return false;
    if (ts.isNewExpression(step)) return OUTPUT_PARSER.test(unwrap(step.expression).getText(ctx.sf)) || callParser(step, ctx);
    return ts.isCallExpression(step) && (structuredOutput(step, ctx) || parserFactory(step, ctx));
  };
  if (structuredOutput(runnable, ctx)) return true;
  if (fn.name.text === 'pipe') return parserStep(runnable.arguments[runnable.arguments.length - 1]);
  // RunnableSequence.from([prompt, model, new StringOutputParser()])
  if (fn.name.text === 'from' && /RunnableSequence$/.test(fn.expression.getText(ctx.sf))) {
    const list = runnable.arguments[0] && unwrap(runnable.arguments[0]);
    return !!list && ts.isArrayLiteralExpression(list) && parserStep(list.elements[list.elements.length - 1]);
  }
  return false;
}

/** `new JsonOutputFunctionsParser()` / `new JsonOutputToolsParser()` …, imported from LangChain: parsed arguments, no message. */
function callParser(e: ts.NewExpression, ctx: FileContext): boolean {
  return langchainClass(e.expression, ctx, CALL_PARSER_CLASS);
}

/** The expression names a class imported from a LangChain package under a name `exported` matches. */
function langchainClass(expr: ts.Expression, ctx: FileContext, exported: RegExp): boolean {
  const cls = unwrap(expr);
  if (!ts.isIdentifier(cls)) return false;
  const decl = ctx.declarationOf(cls);
  return isImportRef(decl) && exported.test(decl.imported) && LANGCHAIN_PACKAGE.test(bareSpecifier(decl.specifier));
}

/**
 * A parser built by a static factory of a LangChain parser class (`StructuredOutputParser.fromZodSchema(schema)`,
 * `StructuredOutputParser.fromNamesAndDescriptions({…})`, `OutputFixingParser.fromLLM(llm, parser)`).
 */
function parserFactory(e: ts.CallExpression, ctx: FileContext): boolean {
  const fn = unwrap(e.expression);
  return ts.isPropertyAccessExpression(fn) && /^from[A-Z]/.test(fn.name.text) && langchainClass(fn.expression, ctx, PARSER_CLASS);
}

/** `model.withStructuredOutput(schema, …)` without `includeRaw: true` (which keeps the raw message, usage included). */
function structuredOutput(e: ts.CallExpression, ctx: FileContext): boolean {
  const fn = unwrap(e.expression);
  return ts.isPropertyAccessExpression(fn) && fn.name.text === 'withStructuredOutput' && !/\bincludeRaw\s*:\s*true\b/.test(e.arguments.map((a) => a.getText(ctx.sf)).join(','));
}

/** A const's value (or the expression itself when it is not a name). */
export function boundOnce(e: ts.Expression, ctx: FileContext): ts.Expression | null {
  if (!ts.isIdentifier(e)) return e;
  const decl = ctx.declarationOf(e);
  if (!decl || isImportRef(decl) || !ts.isVariableDeclaration(decl as ts.Node)) return null;
  const v = decl as ts.VariableDeclaration;
  return v.initializer && (v.parent.flags & ts.NodeFlags.Const) !== 0 ? unwrap(v.initializer) : null;
}

/** What happens to an HTTP response body (`await res.json()`, `res.data`): read, passed on, or only picked apart. */
function httpBodyUsage(expr: ts.Expression, scope: ts.Node, ctx: FileContext, isStream: boolean, depth: number): LlmCallSite['usage'] {
  let top: ts.Node = expr;
  while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || ts.isAsExpression(top.parent))) top = top.parent;
  const parent = top.parent;
  if (!parent) return 'unknown';
  if (ts.isPropertyAccessExpression(parent) && parent.expression === top) return USAGE_PROPS.test(parent.name.text) ? 'read' : 'discarded';
  if (ts.isVariableDeclaration(parent)) {
    if (ts.isObjectBindingPattern(parent.name)) {
      return parent.name.elements.some((e) => /usage/i.test(e.getText(ctx.sf))) ? 'read' : parent.name.elements.some((e) => e.dotDotDotToken) ? 'escapes' : 'discarded';
    }
    if (ts.isIdentifier(parent.name) && depth < 2) return referencesUsage(parent.name.text, scope, parent, ctx, isStream, false, depth + 1);
    return 'unknown';
  }
  if (ts.isExpressionStatement(parent)) return 'discarded';
  return 'escapes';
}

/**
 * `fetchEventSource(url, { …, onmessage(msg) { … } })`: the stream's events reach the `onmessage` handler, each a JSON
 * chunk in `msg.data`. The usage is read when the handler names it, escapes when it hands a message or a parsed chunk
 * on whole (`onProgress(JSON.parse(msg.data))`), and is dropped when it only picks chunks apart (`.choices[0].delta`).
 */
export function eventSourceUsage(init: ts.Expression | undefined, ctx: FileContext): LlmCallSite['usage'] {
  const options = init && unwrap(init);
  if (!options || !ts.isObjectLiteralExpression(options)) return 'unknown';
  let handler: ts.FunctionLikeDeclaration | undefined;
  for (const p of options.properties) {
    if (ts.isSpreadAssignment(p) || !p.name || propertyNameText(p.name) !== 'onmessage') continue;
    if (ts.isMethodDeclaration(p)) handler = p;
    else if (ts.isPropertyAssignment(p) && (ts.isArrowFunction(unwrap(p.initializer)) || ts.isFunctionExpression(unwrap(p.initializer)))) handler = unwrap(p.initializer) as ts.ArrowFunction;
    else handler = undefined;
  }
  const body = handler?.body;
  if (!handler || !body) return 'unknown';
  if (STREAM_USAGE.test(body.getText(ctx.sf))) return 'read';
  const param = handler.parameters[0]?.name;
  if (!param) return 'discarded';
  if (!ts.isIdentifier(param)) return 'unknown';
  let escapes = false;
  walk(body, (n) => {
    if (escapes || !ts.isIdentifier(n) || n.text !== param.text) return;
    const q = n.parent;
    if ((ts.isPropertyAccessExpression(q) || ts.isPropertyAssignment(q)) && q.name === n) return;
    if (!ts.isPropertyAccessExpression(q) || q.expression !== n) {
      escapes = true;
      return;
    }
    if (q.name.text !== 'data') return; // `msg.event`, `msg.id`
    const use = q.parent;
    // `msg.data === '[DONE]'`, `if (!msg.data)`: a look at the text, not a read of the chunk.
    if (ts.isBinaryExpression(use) && /^(===|!==|==|!=)$/.test(use.operatorToken.getText(ctx.sf))) return;
    if ((ts.isPrefixUnaryExpression(use) && use.operator === ts.SyntaxKind.ExclamationToken) || (ts.isIfStatement(use) && use.expression === q) || (ts.isConditionalExpression(use) && use.condition === q)) return;
    if (ts.isCallExpression(use) && use.arguments[0] === q && use.expression.getText(ctx.sf) === 'JSON.parse') {
      const chunk = httpBodyUsage(use, body, ctx, true, 0);
      if (chunk !== 'discarded') escapes = true;
      return;
    }
    escapes = true;
  });
  return escapes ? 'escapes' : 'discarded';
}

/** A member that keeps token accounts by its name alone: `recordTokenUsage`, `trackUsage`, `spendTokens`, `tokenUsage`. */
const USAGE_RECORDER = /^(record|track|log|save|persist|emit|spend|report|add|update|charge|bill)\w*(Tokens?|Usage|Cost|Spend)\w*$|^count\w*(Usage|Cost|Spend)\w*$|^tokenUsage$/;
/**
 * `countTokens`, `countTokensWithRetry`: as often a pre-flight count of a request (`messages.countTokens`, tiktoken, to
 * fit the context window) as a tally of responses, so it records usage only when it reads a response's usage field.
 */
const TOKEN_COUNTER = /^count\w*Tokens?\w*$/;
const READS_USAGE = namesUsageField();

function classRecordsUsage(node: ts.Node, ctx: FileContext): boolean {
  const cls = enclosingClass(node);
  if (!cls) return false;
  return cls.members.some((m) => {
    if (!m.name || !ts.isIdentifier(m.name) || !(ts.isMethodDeclaration(m) || ts.isPropertyDeclaration(m))) return false;
    if (USAGE_RECORDER.test(m.name.text)) return true;
    const body = ts.isMethodDeclaration(m) ? m.body : m.initializer;
    return !!body && TOKEN_COUNTER.test(m.name.text) && READS_USAGE.test(codeText(body, ctx.sf));
  });
}

/**
 * The loop over a stream reads the usage somewhere. Anthropic's `message_delta` event carries it but must still be read
 * (`event.usage`); `message_stop` carries nothing, so a loop that only checks for it drops the usage.
 */
function streamLoopReadsUsage(loop: ts.ForOfStatement, ctx: FileContext): boolean {
  if (STREAM_USAGE.test(loop.statement.getText(ctx.sf))) return true;
  // `last = chunk` in the loop, `last.usageMetadata` after it: the usage rides on the final chunk.
  const item = loopVariable(loop);
  if (item && itemLoggedWhole(loop, item)) return true;
  const fn = enclosingFunction(loop);
  if (!item || !fn?.body) return false;
  if (itemHandedToUsageReader(loop, item, ctx)) return true;
  const kept = new Set<string>();
  walk(loop.statement, (n) => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && ts.isIdentifier(n.right) && n.right.text === item) kept.add(n.left.text);
  });
  if (!kept.size) return false;
  const after = ctx.sf.text.slice(loop.end, fn.body.end);
  return [...kept].some((name) => new RegExp(`\\b${name}\\b[!?]*\\.\\s*(${RESPONSE_USAGE_FIELDS.join('|')})\\b`).test(after));
}

/**
 * `data.meta.billed_units` (`meta.billedUnits` in cohere-ai): a field holding the usage one level down (Cohere v1);
 * or that field handed whole to a call (`console.log(res.meta)`), which records what it holds.
 */
function nestedUsageRead(access: ts.PropertyAccessExpression): boolean {
  const next = access.parent;
  const inner = usageFieldsUnder(access.name.text);
  if (inner.length > 0 && ts.isCallExpression(next) && next.arguments.some((a) => a === access)) return true;
  return ts.isPropertyAccessExpression(next) && next.expression === access && inner.includes(next.name.text);
}

const STREAM_USAGE = namesUsageField(/finalMessage|finalChatCompletion|totalUsage/);

/** A logging call: `console.log`, `logger.info`, `this.logger.debug`, `log.warn`. */
const LOG_CALL = /^(console|(this\.)?logger|log)\.\w+$/;

/**
 * Each item is logged whole (`console.log(chunk)`): the last one's usage (`usage_metadata` on LangChain's final chunk,
 * `usage` on an OpenAI stream's) is recorded with it.
 */
function itemLoggedWhole(loop: ts.ForOfStatement, item: string): boolean {
  let found = false;
  walk(loop.statement, (n) => {
    if (!found && ts.isCallExpression(n) && LOG_CALL.test(unwrap(n.expression).getText()) && passesItem(n, item)) found = true;
  });
  return found;
}

/**
 * Each event is handed to a function of the workspace that reads the usage (continue's `convertVercelStreamPart(part)`
 * turns the AI SDK `finish` part's `totalUsage` into a usage chunk; an Anthropic event handler reads `message_delta`).
 */
function itemHandedToUsageReader(loop: ts.ForOfStatement, item: string, ctx: FileContext): boolean {
  let found = false;
  walk(loop.statement, (n) => {
    if (found || !ts.isCallExpression(n)) return;
    if (!passesItem(n, item)) return;
    const helper = helperFunction(unwrap(n.expression), ctx);
    if (helper?.fn.body && STREAM_USAGE.test(helper.fn.body.getText(helper.ctx.sf))) found = true;
  });
  return found;
}

/**
 * A stream handed to a function of the workspace (ai-shell's `streamToIterable(stream)`, which yields only the text
 * deltas): what that function's loops over the parameter read of it. Anything else done with the parameter, or a
 * function that cannot be read, lets the stream escape.
 */
function streamUsageInCallee(call: ts.CallExpression, arg: ts.Node, ctx: FileContext): 'read' | 'discarded' | 'escapes' {
  const received = ts.isIdentifier(unwrap(call.expression)) ? receivingParameter(call, arg, ctx) : null;
  if (!received) return 'escapes';
  const { helper, param, body } = received;
  const name = param.name.text;
  let verdict: 'read' | 'discarded' | 'escapes' = 'discarded';
  let loops = 0;
  walk(body, (x) => {
    if (!ts.isIdentifier(x) || x.text !== name || verdict === 'read') return;
    const loop = x.parent;
    if (ts.isForOfStatement(loop) && loop.expression === x) {
      loops++;
      if (streamLoopReadsUsage(loop, helper.ctx)) verdict = 'read';
      else if (streamLoopYieldsItems(loop, helper.ctx)) verdict = 'escapes';
    } else verdict = 'escapes';
  });
  return loops > 0 ? verdict : 'escapes';
}

/**
 * A response handed to a function or method of the workspace (`toText(response)`, `this.parseResponse(response)`,
 * the shape of mem0's `_parse_response`): what that function does with its parameter, followed two calls deep.
 * Unresolved, a rest parameter, or handed on further: escapes.
 */
function responseUsageInCallee(call: ts.CallExpression, arg: ts.Node, ctx: FileContext, http: boolean, depth: number): 'read' | 'discarded' | 'escapes' {
  const received = depth < 2 ? receivingParameter(call, arg, ctx) : null;
  if (!received) return 'escapes';
  const { helper, param, body } = received;
  // `(r) => r`: an expression body is the function's result.
  if (!ts.isBlock(body) && ts.isIdentifier(unwrap(body)) && (unwrap(body) as ts.Identifier).text === param.name.text) return 'escapes';
  const r = referencesUsage(param.name.text, body, param, helper.ctx, false, http, depth + 1);
  return r === 'unknown' ? 'escapes' : r;
}

/**
 * The workspace function a call hands `arg` to, with a body, and the plain named parameter that receives it; null
 * when either is not certain (unresolved, a rest parameter at or before it, a destructured parameter).
 */
function receivingParameter(call: ts.CallExpression, arg: ts.Node, ctx: FileContext): { helper: { fn: ts.FunctionLikeDeclaration; ctx: FileContext }; param: ts.ParameterDeclaration & { name: ts.Identifier }; body: ts.ConciseBody } | null {
  const index = call.arguments.indexOf(arg as ts.Expression);
  const helper = index >= 0 ? helperFunction(unwrap(call.expression), ctx) : null;
  const body = helper?.fn.body;
  if (!helper || !body) return null;
  const param = helper.fn.parameters[index];
  if (!param || !ts.isIdentifier(param.name) || helper.fn.parameters.slice(0, index + 1).some((q) => q.dotDotDotToken)) return null;
  return { helper, param: param as ts.ParameterDeclaration & { name: ts.Identifier }, body };
}

/**
 * `const [prod, debug] = stream.tee()`: each branch gets every chunk, so the usage is read when any branch's reader
 * reads it, and dropped only when every branch drops it. Branches not bound by name escape.
 */
function teeUsage(tee: ts.CallExpression, scope: ts.Node, ctx: FileContext, depth: number): LlmCallSite['usage'] {
  const decl = outerExpression(tee).parent;
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isArrayBindingPattern(decl.name)) return 'escapes';
  const branches = decl.name.elements.filter((e): e is ts.BindingElement => !ts.isOmittedExpression(e));
  const uses = branches.map((e) => (ts.isIdentifier(e.name) && !e.dotDotDotToken ? referencesUsage(e.name.text, scope, decl, ctx, true, false, depth + 1) : 'escapes'));
  if (uses.includes('read')) return 'read';
  return uses.every((u) => u === 'discarded') ? 'discarded' : 'escapes';
}

/**
 * `for await (const chunk of stream) yield chunk`: a generator that hands every chunk, the usage chunk too, to its
 * callers. So does a loop that gives each chunk to a function of a workspace module that cannot be read (a file left
 * out of the workspace: `fromResponsesChunk(state, event)` imported from `./openaiResponses.js`), which may read it.
 */
function streamLoopYieldsItems(loop: ts.ForOfStatement, ctx: FileContext): boolean {
  const item = loopVariable(loop);
  if (!item) return false;
  let handed = false;
  walk(loop.statement, (n) => {
    if (handed) return;
    if (ts.isYieldExpression(n) && !n.asteriskToken && n.expression && ts.isIdentifier(n.expression) && n.expression.text === item) handed = true;
    else if (ts.isCallExpression(n) && passesItem(n, item)) handed = unreadableWorkspaceFunction(unwrap(n.expression), ctx);
  });
  return handed;
}

/** The call is given the loop's item itself (`convert(part)`, `fromResponsesChunk(state, event)`). */
function passesItem(call: ts.CallExpression, item: string): boolean {
  return call.arguments.some((a) => ts.isIdentifier(unwrap(a)) && (unwrap(a) as ts.Identifier).text === item);
}

/** A function imported from a relative path that does not resolve to a file of the workspace. */
function unreadableWorkspaceFunction(callee: ts.Expression, ctx: FileContext): boolean {
  if (!ts.isIdentifier(callee)) return false;
  const decl = ctx.declarationOf(callee);
  return isImportRef(decl) && /^\.\.?\//.test(decl.specifier) && !ctx.workspace.resolveModule(ctx.path, decl.specifier);
}

function loopVariable(loop: ts.ForOfStatement): string | null {
  const list = loop.initializer;
  if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1) return null;
  const name = list.declarations[0].name;
  return ts.isIdentifier(name) ? name.text : null;
}

/** How a result variable is used within its function. For raw HTTP, the body (`await res.json()`, axios `res.data`) is followed. */
/**
 * A Bedrock Runtime response's payload read in place: `(await send(cmd)).body` decoded and parsed, or its `stream`.
 * What is done with the value it ends in decides.
 */
function payloadValueUsage(access: ts.Expression, scope: ts.Node, ctx: FileContext, isStream: boolean): LlmCallSite['usage'] {
  const end = isStream ? access : payloadReadEnd(access);
  let top: ts.Node = end;
  // (`response.stream ?? []`: the stream, or nothing to read.)
  const fallback = (n: ts.Node) => ts.isBinaryExpression(n) && n.left === top && (n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken) && (isNothing(n.right) || emptyLiteral(n.right));
  while (top.parent && (ts.isParenthesizedExpression(top.parent) || ts.isAsExpression(top.parent) || ts.isNonNullExpression(top.parent) || ts.isAwaitExpression(top.parent) || fallback(top.parent))) top = top.parent;
  const p = top.parent;
  if (!p) return 'unknown';
  if (ts.isVariableDeclaration(p) && p.initializer === top && ts.isIdentifier(p.name)) return referencesUsage(p.name.text, scope, p, ctx, isStream, false, 1, false, isStream ? null : 'bytes');
  if (ts.isPropertyAccessExpression(p) && p.expression === top) return USAGE_PROPS.test(p.name.text) ? 'read' : 'discarded';
  // `if (!response.stream) throw …`, `response.body === undefined`: a test of the payload reads none of it.
  if ((ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) || (ts.isIfStatement(p) && p.expression === top)) return 'discarded';
  if (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(p.operatorToken.kind)) return 'discarded';
  if (ts.isForOfStatement(p) && p.expression === top) return streamLoopReadsUsage(p, ctx) ? 'read' : streamLoopYieldsItems(p, ctx) ? 'escapes' : 'discarded';
  if (ts.isExpressionStatement(p)) return 'discarded';
  return 'escapes';
}

/**
 * `payload`: the variable is a Bedrock Runtime response whose `stream` / `body` holds the model's payload, or
 * (`bytes`) holds that body itself, raw or decoded, whose parsed JSON carries the usage.
 */
function referencesUsage(name: string, scope: ts.Node, decl: ts.VariableDeclaration | ts.ParameterDeclaration, ctx: FileContext, isStream: boolean, http = false, depth = 0, wrapped = false, payload: BedrockPayload | 'bytes' | null = null): LlmCallSite['usage'] {
  let read = false;
  let escapes = false;
  let used = false;
  walk(scope, (n) => {
    if (!ts.isIdentifier(n) || n.text !== name || n === decl.name) return;
    const p = n.parent;
    // `response = await client…create(…)` in a tool loop: a new response in the same variable, not a use of this one.
    if (ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return;
    // `{ stream: true }`, `x.stream`, `{ stream } = …`: the same spelling, not a use of the variable.
    if ((ts.isPropertyAssignment(p) || ts.isPropertyAccessExpression(p) || ts.isBindingElement(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === n) return;
    used = true;
    // `(response as any).usage`, `response!.usage`, `(response).usage`: the same value, read through a cast.
    let self: ts.Node = n;
    // `(await response).usageMetadata` too: @google/generative-ai streams resolve their response later.
    while (self.parent && (ts.isAsExpression(self.parent) || ts.isParenthesizedExpression(self.parent) || ts.isNonNullExpression(self.parent) || ts.isSatisfiesExpression(self.parent) || ts.isTypeAssertionExpression(self.parent) || ts.isAwaitExpression(self.parent))) self = self.parent;
    usedAs(self);
  });
  if (read) return 'read';
  if (escapes) return 'escapes';
  return used ? 'discarded' : 'discarded';

  function usedAs(n: ts.Node): void {
    // `return response || null`, `return response ? response : null`: the response goes back to the callers.
    const outer = orNothing(n);
    if (outer !== n && handedBack(outer)) {
      escapes = true;
      return;
    }
    // `const pending = create(…)` awaited later with others: `const [a, b] = await Promise.all([other, pending])`.
    const together = depth < 3 ? usageThroughPromiseAll(n, { follow: (el, s, d) => referencesUsage(el, s, d, ctx, isStream, http, depth + 1, wrapped), usageField: USAGE_PROPS }) : null;
    if (together) {
      if (together === 'read') read = true;
      else if (together !== 'discarded') escapes = true;
      return;
    }
    const p = n.parent;
    // Bedrock Runtime: the payload of the response (`response.body`, `response.stream`), or the body decoded.
    if (payload && payload !== 'bytes' && ts.isPropertyAccessExpression(p) && p.expression === n && p.name.text === payload.key) {
      const r = depth < 3 ? payloadValueUsage(p, scope, ctx, payload.stream) : 'escapes';
      if (r === 'read') read = true;
      else if (r !== 'discarded') escapes = true;
      return;
    }
    if (payload === 'bytes') {
      const end = payloadReadEnd(n as ts.Expression);
      if (end !== n) {
        const r = depth < 3 ? payloadValueUsage(end, scope, ctx, false) : 'escapes';
        if (r === 'read') read = true;
        else if (r !== 'discarded') escapes = true;
        return;
      }
    }
    if (http && ts.isPropertyAccessExpression(p) && p.expression === n && (p.name.text === 'json' || p.name.text === 'data')) {
      const body = httpBodyUsage(p.name.text === 'json' && p.parent && ts.isCallExpression(p.parent) ? p.parent : p, scope, ctx, isStream, depth);
      if (body === 'read') read = true;
      else if (body === 'escapes' || body === 'unknown') escapes = true;
      return;
    }
    if (wrapped && ts.isPropertyAccessExpression(p) && p.expression === n && (p.name.text === 'response' || p.name.text === 'stream')) {
      // `result.response…` is the response; `for await (const chunk of result.stream)` its chunks, usage on the last.
      const r = p.name.text === 'stream' ? (p.parent && ts.isForOfStatement(p.parent) && p.parent.expression === p && streamLoopReadsUsage(p.parent, ctx) ? 'read' : 'discarded') : httpBodyUsage(p, scope, ctx, isStream, depth);
      if (r === 'read') read = true;
      else if (r === 'escapes' || r === 'unknown') escapes = true;
      return;
    }
    if (ts.isPropertyAccessExpression(p) && p.expression === n) {
      if (USAGE_PROPS.test(p.name.text) || nestedUsageRead(p)) read = true;
      else if ((p.name.text === 'on' || p.name.text === 'once') && p.parent && ts.isCallExpression(p.parent) && listenerReadsUsage(p.parent)) read = true;
      // stream helpers that resolve to the final message with usage
      else if (/^(finalMessage|finalChatCompletion|finalResponse)$/.test(p.name.text)) {
        // `const msg = await stream.finalMessage()`: the final message is what is left to read; follow it once.
        const call = p.parent && ts.isCallExpression(p.parent) && p.parent.expression === p ? p.parent : null;
        const final = call ? bindingOfCall(call) : null;
        // `await stream.finalMessage();` on its own waits for the end and drops the message, usage included.
        const r = final && depth < 2 ? referencesUsage(final.name.text, scope, final, ctx, false, false, depth + 1) : call && valueDropped(call) ? 'discarded' : (call && fieldOfFinal(call)) ?? 'escapes';
        if (r === 'read') read = true;
        else if (r === 'escapes') escapes = true;
      } else if (/^(toDataStreamResponse|toUIMessageStreamResponse|toUIMessageStream|toTextStreamResponse|pipeDataStreamToResponse|pipeUIMessageStreamToResponse|toReadableStream|toAIStreamResponse)$/.test(p.name.text)) {
        // AI SDK 5: `messageMetadata: ({ part }) => … part.totalUsage …` sends the usage along with the message.
        const call = p.parent && ts.isCallExpression(p.parent) && p.parent.expression === p ? p.parent : null;
        const args = call ? call.arguments.map((a) => a.getText(ctx.sf)).join(' ') : '';
        if (/\bmessageMetadata\b/.test(args) && /[uU]sage\b/.test(args)) read = true;
        else escapes = escapes || !isStream;
      } else if (p.name.text === 'fullStream') {
        // AI SDK: every part of the stream, the `finish` part with the usage too; what is done with it decides.
        usedAs(outerExpression(p));
      } else if (p.name.text === 'tee' && p.parent && ts.isCallExpression(p.parent) && p.parent.expression === p) {
        const r = depth < 3 ? teeUsage(p.parent, scope, ctx, depth) : 'escapes';
        if (r === 'read') read = true;
        else if (r === 'escapes') escapes = true;
      }
      return;
    }
    // `const stream = response;`: the alias's uses are the response's.
    if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name)) {
      const r = depth < 3 ? referencesUsage(p.name.text, scope, p, ctx, isStream, http, depth + 1, wrapped, payload) : 'escapes';
      if (r === 'read') read = true;
      else if (r === 'escapes' || r === 'unknown') escapes = true;
      return;
    }
    if (ts.isForOfStatement(p) && p.expression === n) {
      if (streamLoopReadsUsage(p, ctx)) read = true;
      else if (streamLoopYieldsItems(p, ctx)) escapes = true;
      return;
    }
    if (ts.isElementAccessExpression(p) && p.expression === n) {
      // `data['usage']`, `data['usageMetadata']`: a parsed body read by key.
      if (ts.isStringLiteralLike(p.argumentExpression) && USAGE_PROPS.test(p.argumentExpression.text)) read = true;
      return;
    }
    // `streamToIterable(stream)`: a workspace function that loops over the stream decides what is read of it.
    if (isStream && ts.isCallExpression(p) && p.expression !== n) {
      const r = streamUsageInCallee(p, n, ctx);
      if (r === 'read') read = true;
      else if (r === 'escapes') escapes = true;
      return;
    }
    // `return this.parseResponse(response)`: a workspace function given the whole response decides what is read of it.
    if (!isStream && ts.isCallExpression(p) && p.expression !== n) {
      const r = responseUsageInCallee(p, n, ctx, http, depth);
      if (r === 'read') read = true;
      else if (r === 'escapes') escapes = true;
      return;
    }
    if (ts.isReturnStatement(p) || ts.isCallExpression(p) || ts.isNewExpression(p) || ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p) || ts.isSpreadAssignment(p) || ts.isArrowFunction(p) || ts.isBinaryExpression(p) || ts.isYieldExpression(p)) escapes = true;
    if (ts.isVariableDeclaration(p) && ts.isObjectBindingPattern(p.name)) {
      if (p.name.elements.some((e) => /usage/i.test(e.getText(ctx.sf)))) read = true;
    }
  }
}
