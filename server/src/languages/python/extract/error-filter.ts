// What an `except` clause of a retry loop does with the error it caught: whether a test of it decides what happens
// next, and whether the loop goes round only for errors that sending the request again never mends.
import { NOT_TRANSIENT_ERROR } from './error-classes';
import type { PyFile, FnInfo } from './file-context';
import { calledFunction, resolveExpr } from './resolve';
import { callArguments, parameterList, unwrap, type Node } from './syntax';

/** Text that tests what went wrong: a status, an error class or code, a retryable predicate. */
const CHECKS_ERROR = /status_code|\.status\b|\.code\b|isinstance\(|RateLimit|APIError|APIStatusError|APIConnection|Timeout|retryable|should_retry|\b429\b|\b5\d\d\b/;

const EXITS = new Set(['raise_statement', 'return_statement', 'break_statement', 'continue_statement']);
const LOOPS = new Set(['for_statement', 'while_statement']);
const SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);

/** The name the clause binds the error to: `except Exception as e` gives `e`. */
export function caughtName(handler: Node): string | null {
  const value = handler.childForFieldName('value');
  const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias')?.namedChildren[0] : null;
  return alias?.type === 'identifier' ? alias.text : null;
}

function blockOf(handler: Node): Node | null {
  return handler.namedChildren.find((c) => c.type === 'block') ?? null;
}

/**
 * The handler picks the errors it retries: a test of the error decides whether it raises, returns, leaves the loop or
 * goes round (`if not retryable(e): raise`, `if "429" in str(e): continue`, `if isinstance(e, RateLimitError):`
 * around a `continue`), directly or through a local (`transient = any(p in str(e) for p in PATTERNS)`, `e = await
 * self._on_error(e)` then `if e: return e`). A test that only picks what to log, or the error's text in a log line or
 * in the message of the final `raise`, decides nothing: every error is retried (audit 126: `{str(e)}` in a warning).
 */
export function filtersErrors(file: PyFile, handler: Node): boolean {
  const block = blockOf(handler);
  if (!block) return false;
  const errorVar = caughtName(handler);
  const assigned = assignmentsIn(block);
  // Names that hold the caught error itself (`last_error = e`): reading one reads the error, but `if last_error:` tests nothing.
  const copies = new Set([...assigned].filter(([, values]) => values.every((v) => unwrap(v).text === errorVar)).map(([name]) => name));
  const testsError = (expr: Node, seen: Set<string>): boolean =>
    CHECKS_ERROR.test(file.src(expr)) ||
    nameReads(expr).some((id) => {
      const name = id.text;
      const truthiness = onlyTruthiness(id, expr);
      if ((name === errorVar || copies.has(name)) && !truthiness) return true;
      return localTestsError(name, seen);
    });
  // A flag set from a test of the error, or set under one (`else: need_retry = False` after `if isinstance(e, …)`), or
  // the error replaced by a helper's answer (`e = await self._on_error(e, attempt)` then `if e: return e`).
  const localTestsError = (name: string, seen: Set<string>): boolean => {
    if (seen.has(name) || !assigned.has(name)) return false;
    seen.add(name);
    return assigned.get(name)!.some((v) => (unwrap(v).text !== errorVar && testsError(v, seen)) || guardsOf(v, block).some((g) => testsError(g, seen)));
  };
  let filters = false;
  const visit = (n: Node, innerLoop: boolean): void => {
    if (filters || SCOPES.has(n.type)) return;
    if (EXITS.has(n.type)) {
      // `break`/`continue` of a loop inside the handler steer that loop, not the retry.
      if (innerLoop && (n.type === 'break_statement' || n.type === 'continue_statement')) return;
      const own = n.type === 'raise_statement' || n.type === 'return_statement' ? n.namedChildren.flatMap(branchConditions) : [];
      if ([...guardsOf(n, block), ...own].some((c) => testsError(c, new Set()))) filters = true;
      return;
    }
    for (const c of n.namedChildren) visit(c, innerLoop || LOOPS.has(n.type));
  };
  for (const c of block.namedChildren) visit(c, false);
  if (filters) return true;
  // `self._raise_if_fatal(e)`: a function handed the error that raises for the errors it does not retry.
  if (block.namedChildren.some((st) => raisingCheck(file, st, errorVar))) return true;
  // `should_retry = is_transient(e)` read by `while should_retry:`, or by `if not should_retry: break` after the try.
  const flags = [...assigned.keys()].filter((name) => name !== errorVar && !copies.has(name) && localTestsError(name, new Set()));
  return flags.length > 0 && loopReadsFlag(handler, flags);
}

/** Names of functions that check an error and raise the ones not to retry, when the function cannot be read. */
const RAISING_CHECK_NAME = /raise|fatal|retryable|should_retry|check_error|handle_error/i;

function raisingCheck(file: PyFile, st: Node, errorVar: string | null): boolean {
  if (!errorVar || st.type !== 'expression_statement') return false;
  const call = unwrap(st.namedChildren[0] ?? st);
  if (call.type !== 'call') return false;
  const callee = call.childForFieldName('function');
  const args = callArguments(call.childForFieldName('arguments'));
  if (!callee || ![...args.positional, ...args.keywords.map((k) => k.value)].some((a) => unwrap(a).text === errorVar)) return false;
  const called = calledFunction(file, callee);
  if (called && 'local' in called) return called.local.node.descendantsOfType('raise_statement').length > 0;
  const name = callee.type === 'attribute' ? (callee.childForFieldName('attribute')?.text ?? '') : callee.text;
  return RAISING_CHECK_NAME.test(name);
}

/** The loop around the handler reads one of `names` in its condition, or in a test that leaves it after the try. */
function loopReadsFlag(handler: Node, names: string[]): boolean {
  const tryStmt = handler.parent;
  let loop: Node | null = tryStmt?.parent ?? null;
  while (loop && !LOOPS.has(loop.type) && !SCOPES.has(loop.type)) loop = loop.parent;
  if (!tryStmt || !loop || !LOOPS.has(loop.type)) return false;
  const reads = (n: Node | null) => !!n && namesRead(n).some((x) => names.includes(x));
  if (loop.type === 'while_statement' && reads(loop.childForFieldName('condition'))) return true;
  return loop.descendantsOfType('if_statement').some((st) => st.startIndex >= tryStmt.endIndex && reads(st.childForFieldName('condition')) && containsExit(st));
}

/** What each local name is set to in `scope` (outside nested functions and classes). */
function assignmentsIn(scope: Node): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  const visit = (n: Node): void => {
    if (SCOPES.has(n.type)) return;
    if (n.type === 'assignment' || n.type === 'named_expression') {
      const left = n.childForFieldName(n.type === 'assignment' ? 'left' : 'name');
      const right = n.childForFieldName(n.type === 'assignment' ? 'right' : 'value');
      if (left?.type === 'identifier' && right) out.set(left.text, [...(out.get(left.text) ?? []), right]);
    }
    for (const c of n.namedChildren) visit(c);
  };
  visit(scope);
  return out;
}

/** The plain names an expression reads (not attribute names after a dot, not keyword names, not inner scopes). */
function nameReads(expr: Node): Node[] {
  const out: Node[] = [];
  const visit = (n: Node): void => {
    if (n.type === 'identifier') {
      const p = n.parent;
      if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) return;
      if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) return;
      out.push(n);
      return;
    }
    if (n.type === 'lambda' || n.type === 'function_definition') return;
    for (const c of n.namedChildren) visit(c);
  };
  visit(expr);
  return out;
}

function namesRead(expr: Node): string[] {
  return nameReads(expr).map((n) => n.text);
}

/** The name is only tested for being set in `root`: `if e:`, `attempt == 2 and last`, `x is not None`. */
function onlyTruthiness(id: Node, root: Node): boolean {
  for (let n = id; n.id !== root.id; n = n.parent!) {
    const p = n.parent;
    if (!p) return false;
    if (p.type === 'boolean_operator' || p.type === 'not_operator' || p.type === 'parenthesized_expression') continue;
    if (p.type === 'comparison_operator' && p.namedChildren.some((c) => c.type === 'none')) continue;
    return false;
  }
  return true;
}

/** The conditions a statement runs under inside `block`: enclosing `if`/`elif` tests (and those of earlier arms), `match` subjects. */
function guardsOf(stmt: Node, block: Node): Node[] {
  const out: Node[] = [];
  let child: Node = stmt;
  for (let p = stmt.parent; p && child.id !== block.id; p = p.parent) {
    if (p.type === 'if_statement' && child.id !== p.childForFieldName('condition')?.id) {
      // Every arm after the first runs because the earlier tests failed.
      for (const arm of [p, ...p.namedChildren.filter((c) => c.type === 'elif_clause')]) {
        if (arm.id === child.id || arm.startIndex > child.startIndex) break;
        const cond = arm.childForFieldName('condition');
        if (cond) out.push(cond);
      }
      if (child.type === 'elif_clause' || child.type === 'else_clause') {
        const own = child.type === 'elif_clause' ? child.childForFieldName('condition') : null;
        if (own) out.push(own);
      }
    } else if (p.type === 'case_clause') {
      const match = p.parent?.parent;
      const subject = match?.type === 'match_statement' ? match.childForFieldName('subject') : null;
      if (subject) out.push(subject);
      out.push(...p.namedChildren.filter((c) => c.type === 'if_clause' || c.type === 'case_pattern'));
    } else if (p.type === 'conditional_expression' && child.id !== p.namedChildren[1]?.id) {
      if (p.namedChildren[1]) out.push(p.namedChildren[1]);
    }
    child = p;
  }
  return out;
}

/** The tests that pick what a raised or returned expression ends with: `a if cond else b`, `ok and again()`. */
function branchConditions(expr: Node): Node[] {
  const e = unwrap(expr);
  if (e.type === 'conditional_expression') {
    const [a, cond, b] = e.namedChildren;
    return [...(cond ? [cond] : []), ...(a ? branchConditions(a) : []), ...(b ? branchConditions(b) : [])];
  }
  if (e.type === 'boolean_operator') {
    const left = e.childForFieldName('left');
    const right = e.childForFieldName('right');
    return [...(left ? [left] : []), ...(right ? branchConditions(right) : [])];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------------------------
// Errors no retry mends

/** Message fragments of a context-window or prompt-size refusal, or of output that failed to parse or validate. */
const NOT_TRANSIENT_TEXT = /context[ _-]?(length|window)|maximum context|too many tokens|token[ _-]?limit|prompt is too long|input is too long|reduce the length|max(imum)?[ _-]?tokens|invalid json|json ?decode|validation error|validationerror|failed to parse|output ?parser|malformed/i;

/** Attributes of an error that carry its text or code. */
const ERROR_TEXT_ATTR = /^(args|message|code|body)$/;

interface TestScope {
  file: PyFile;
  /** The error, and names bound to it (`last_error = e`). */
  errors: Set<string>;
  /** Names holding the error's text (`msg = str(e).lower()`). */
  texts: Set<string>;
  locals: Map<string, Node[]>;
  depth: number;
}

const MAX_PATHS = 64;
const MAX_HELPER_DEPTH = 3;

type Cond = { test: Node; holds: boolean };
/** One way through a block: the tests it passed, and the statement that ended it (null when it ran off the end). */
type Path = { conds: Cond[]; end: Node | null };

/**
 * The ways through a block of statements, following `if`/`elif`/`else` arms and `with` bodies. Null when an exit sits
 * somewhere else (a nested `try`, a loop, `match`), or when there are too many ways to follow.
 */
function pathsThrough(stmts: Node[]): Path[] | null {
  const out: Path[] = [];
  const walk = (list: Node[], conds: Cond[]): boolean => {
    for (let i = 0; i < list.length; i++) {
      const st = list[i];
      if (out.length > MAX_PATHS) return false;
      if (EXITS.has(st.type)) {
        out.push({ conds, end: st });
        return true;
      }
      const rest = list.slice(i + 1);
      if (st.type === 'if_statement') {
        const arms: Array<{ cond: Node | null; body: Node | null }> = [{ cond: st.childForFieldName('condition'), body: st.childForFieldName('consequence') }];
        let orElse: Node | null = null;
        for (const c of st.namedChildren) {
          if (c.type === 'elif_clause') arms.push({ cond: c.childForFieldName('condition'), body: c.childForFieldName('consequence') });
          else if (c.type === 'else_clause') orElse = c.childForFieldName('body');
        }
        if (arms.some((a) => !a.cond)) return false;
        const failed: Cond[] = [];
        for (const arm of arms) {
          if (!walk([...statementsOf(arm.body), ...rest], [...conds, ...failed, { test: arm.cond!, holds: true }])) return false;
          failed.push({ test: arm.cond!, holds: false });
        }
        return walk([...statementsOf(orElse), ...rest], [...conds, ...failed]);
      }
      if (st.type === 'with_statement') return walk([...statementsOf(st.childForFieldName('body')), ...rest], conds);
      if (containsExit(st)) return false;
    }
    out.push({ conds, end: null });
    return true;
  };
  return walk(stmts, []) ? out : null;
}

function statementsOf(block: Node | null): Node[] {
  return block ? block.namedChildren.filter((c) => c.type !== 'comment') : [];
}

function containsExit(n: Node): boolean {
  return n.namedChildren.some((c) => !SCOPES.has(c.type) && (EXITS.has(c.type) || containsExit(c)));
}

/**
 * Every way the handler goes round again passes a test that the error is one no retry mends: a refusal of the
 * request (`isinstance(e, BadRequestError)`, `"context_length_exceeded" in str(e)`) or output that did not parse
 * (`json.JSONDecodeError`, a validation error), tested in place or by a workspace predicate it hands the error to
 * (`if is_token_limit_exceeded(e, model): findings = findings[:limit]; continue`, `if … or not
 * self._is_retryable_output_error(exc): raise`). Every other error leaves the loop, so the loop re-sends (or
 * re-samples) only requests the provider refused: a fallback, not a retry, and the SDK never retried those either.
 */
export function retriesOnlyRejections(file: PyFile, handler: Node): boolean {
  const block = blockOf(handler);
  const name = caughtName(handler);
  if (!block || !name) return false;
  const paths = pathsThrough(statementsOf(block));
  const again = paths?.filter((p) => !p.end || p.end.type === 'continue_statement');
  if (!again?.length) return false;
  const scope = scopeFor(file, block, [name], 0);
  return again.every((p) => p.conds.some((c) => implies(c.test, c.holds, scope)));
}

function scopeFor(file: PyFile, body: Node, errorNames: string[], depth: number): TestScope {
  const locals = assignmentsIn(body);
  const errors = new Set(errorNames);
  const texts = new Set<string>();
  // Two passes: `msg = str(e)` then `low = msg.lower()`.
  for (let pass = 0; pass < 2; pass++) {
    for (const [n, values] of locals) {
      if (values.length !== 1) continue;
      const v = unwrap(values[0]);
      if (v.type === 'identifier' && errors.has(v.text)) errors.add(n);
      else if (readsErrorText(v, errors, texts)) texts.add(n);
    }
  }
  return { file, errors, texts, locals, depth };
}

/** The expression reads the error's text: `str(e)`, `repr(e)`, `e.args`, `e.message`, or a name holding it. */
function readsErrorText(expr: Node, errors: Set<string>, texts: Set<string>): boolean {
  const visit = (n: Node): boolean => {
    if (n.type === 'identifier') return texts.has(n.text) && !(n.parent?.type === 'attribute' && n.parent.childForFieldName('attribute')?.id === n.id);
    if (n.type === 'call') {
      const fn = n.childForFieldName('function')?.text;
      const args = n.childForFieldName('arguments')?.namedChildren ?? [];
      if ((fn === 'str' || fn === 'repr') && args.length === 1 && errors.has(unwrap(args[0]).text)) return true;
      if (isErrorAttrRead(n, errors)) return true;
    }
    if (n.type === 'attribute') {
      const obj = n.childForFieldName('object');
      if (obj?.type === 'identifier' && errors.has(obj.text) && ERROR_TEXT_ATTR.test(n.childForFieldName('attribute')?.text ?? '')) return true;
    }
    if (SCOPES.has(n.type)) return false;
    return n.namedChildren.some(visit);
  };
  return visit(expr);
}

/** `getattr(e, "code", None)`: an attribute of the error that carries its text or code. */
function isErrorAttrRead(call: Node, errors: Set<string>): boolean {
  if (call.childForFieldName('function')?.text !== 'getattr') return false;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  return args.length >= 2 && errors.has(unwrap(args[0]).text) && ERROR_TEXT_ATTR.test(args[1].text.replace(/^["']|["']$/g, ''));
}

/** `test` having the outcome `holds` means the error is one no retry mends. */
function implies(test: Node, holds: boolean, scope: TestScope): boolean {
  const e = unwrap(test);
  if (e.type === 'not_operator') {
    const arg = e.childForFieldName('argument');
    return !!arg && implies(arg, !holds, scope);
  }
  if (e.type === 'boolean_operator') {
    const left = e.childForFieldName('left');
    const right = e.childForFieldName('right');
    if (!left || !right) return false;
    // `a and b` holding, or `a or b` failing, says something of each side; the other two cases need both sides.
    const either = (e.childForFieldName('operator')?.type === 'and') === holds;
    return either ? implies(left, holds, scope) || implies(right, holds, scope) : implies(left, holds, scope) && implies(right, holds, scope);
  }
  // `"context_length_exceeded" not in msg` failing: the marker is in the message.
  if (!holds && e.type === 'comparison_operator') {
    const ops = e.children.filter((c) => !c.isNamed).map((c) => c.type);
    return ops.length === 1 && (ops[0] === 'not in' || ops[0] === '!=') && textMarkerTest(e, scope, true);
  }
  return holds && isRejectionTest(e, scope, new Set());
}

/** A test that holds only for an error no retry mends. */
function isRejectionTest(e: Node, scope: TestScope, seen: Set<string>): boolean {
  if (e.type === 'identifier') {
    // `too_long = "context_length" in msg` then `if too_long:`.
    const values = scope.locals.get(e.text);
    if (!values || seen.has(e.text)) return false;
    seen.add(e.text);
    return values.every((v) => isRejectionTest(unwrap(v), scope, seen));
  }
  if (e.type === 'call') {
    const callee = e.childForFieldName('function');
    const args = callArguments(e.childForFieldName('arguments'));
    if (callee?.text === 'bool' && args.positional.length === 1) return isRejectionTest(unwrap(args.positional[0]), scope, seen);
    if (callee?.text === 'isinstance') {
      const [subject, classes] = args.positional;
      if (!subject || !classes || !scope.errors.has(unwrap(subject).text)) return false;
      const names = classes.type === 'tuple' ? classes.namedChildren : [classes];
      return names.length > 0 && names.every((c) => NOT_TRANSIENT_ERROR.test(c.text));
    }
    if (callee && helperTestsRejection(scope, callee, e)) return true;
  }
  return textMarkerTest(e, scope);
}

/** `"context_length_exceeded" in msg`, `any(m in str(e) for m in ("invalid json", "validation error"))`: every string it looks for names a refusal or bad output. */
function textMarkerTest(e: Node, scope: TestScope, negated = false): boolean {
  if (!readsErrorText(e, scope.errors, scope.texts) || e.descendantsOfType('not_operator').length > 0) return false;
  const ops = [e, ...e.descendantsOfType('comparison_operator')].filter((n) => n.type === 'comparison_operator').flatMap((n) => n.children.filter((c) => !c.isNamed).map((c) => c.type));
  const searches = [e, ...e.descendantsOfType('call')].some((c) => c.type === 'call' && /(^|\.)(search|match|fullmatch|startswith|endswith)$/.test(c.childForFieldName('function')?.text ?? ''));
  const [looks, misses] = negated ? [['not in', '!='], ['in', '==']] : [['in', '=='], ['not in', '!=']];
  if (!(ops.some((o) => looks.includes(o)) || (!negated && searches)) || ops.some((o) => misses.includes(o))) return false;
  const strings = literalStrings(scope.file, e);
  return strings.length > 0 && strings.every((s) => NOT_TRANSIENT_TEXT.test(s));
}

/** The string literals an expression holds, and those of the constant tuples or lists it names (`for m in MARKERS`). */
function literalStrings(file: PyFile, e: Node): string[] {
  const out: string[] = [];
  // The attribute named in `getattr(e, "code", None)` is not looked for.
  const strings = (n: Node) => [n, ...n.descendantsOfType('string')].filter((s) => s.type === 'string' && s.parent?.type !== 'string' && !(s.parent?.parent?.type === 'call' && s.parent.parent.childForFieldName('function')?.text === 'getattr'));
  for (const s of strings(e)) out.push(s.text);
  for (const id of [e, ...e.descendantsOfType('identifier')].filter((n) => n.type === 'identifier' && /^[A-Z_][A-Z0-9_]*$/.test(n.text))) {
    const r = resolveExpr(file, id);
    if (r.kind === 'string') out.push(r.value);
    else if (r.kind === 'node' && ['tuple', 'list', 'set'].includes(r.node.type)) {
      const items = r.node.namedChildren.filter((c) => c.type !== 'comment');
      // Only a list of plain strings tells what is looked for.
      if (items.some((c) => c.type !== 'string')) return [''];
      out.push(...items.map((c) => c.text));
    }
  }
  return out;
}

/** A call of a workspace predicate handed the error in the place it tests as a refusal or bad output. */
function helperTestsRejection(scope: TestScope, callee: Node, call: Node): boolean {
  if (scope.depth >= MAX_HELPER_DEPTH) return false;
  const called = calledFunction(scope.file, callee);
  if (!called) return false;
  const args = callArguments(call.childForFieldName('arguments'));
  const at = args.positional.findIndex((a) => scope.errors.has(unwrap(a).text));
  if (at < 0) return false;
  const index = 'local' in called ? rejectionTestParam(scope.file, called.local, scope.depth + 1) : called.other.rejectionTest;
  return index === at;
}

const paramCache = new WeakMap<Node, number | null>();

/**
 * The argument (by position, after `self`) a function tests as an error no retry mends: it returns something true
 * only on ways through its body that pass such a test, or returns such a test
 * (`def is_token_limit_exceeded(exc, model): msg = str(exc).lower(); return "context_length_exceeded" in msg`).
 */
export function rejectionTestParam(file: PyFile, fn: FnInfo, depth = 0): number | null {
  if (depth > MAX_HELPER_DEPTH) return null;
  if (paramCache.has(fn.node)) return paramCache.get(fn.node)!;
  paramCache.set(fn.node, null);
  const result = findRejectionParam(file, fn, depth);
  paramCache.set(fn.node, result);
  return result;
}

function findRejectionParam(file: PyFile, fn: FnInfo, depth: number): number | null {
  const body = fn.node.childForFieldName('body');
  // Predicates are short; anything that reads no string or class says nothing about the error.
  if (!body || !/isinstance|["']/.test(body.text)) return null;
  const bound = fn.cls && !fn.decorators.some((d) => /staticmethod/.test(d.text)) ? 1 : 0;
  const params = parameterList(fn.node).slice(bound).filter((p) => p.positional);
  const paths = pathsThrough(statementsOf(body));
  if (!paths) return null;
  const returning = paths.filter((p) => p.end?.type === 'return_statement');
  for (let i = 0; i < params.length; i++) {
    const scope = scopeFor(file, body, [params[i].id.text], depth);
    let truthy = 0;
    const holds = returning.every((p) => {
      const value = p.end!.namedChildren.find((c) => c.type !== 'comment');
      const v = value ? unwrap(value) : null;
      if (!v || v.type === 'false' || v.type === 'none') return true;
      truthy++;
      if (p.conds.some((c) => implies(c.test, c.holds, scope))) return true;
      return v.type !== 'true' && implies(v, true, scope);
    });
    if (holds && truthy > 0) return i;
  }
  return null;
}
