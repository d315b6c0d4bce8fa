// A function that retries by calling itself from the `except` around the call (chatgpt-on-wechat's bots):
//   except Exception as e:
//       time.sleep(2)
//       return self._chat(query, context, retry_count + 1)
// mirroring the TypeScript front end's selfRetry in call-context.ts.
import type { RetryConstruct, Sdk } from '../../../core/types';
import { codeText } from './code-text';
import { catchesEverything, exceptClauses, handlesOnlyOtherSdkErrors } from './except-clauses';
import type { FnInfo, PyFile } from './file-context';
import { GROWING, JITTER, SELF_SCALED, SLEEP } from './retry-shapes';
import { callArguments, ownCalls, parameterList, unwrap, within, type Node } from './syntax';

/** A parameter whose new value only changes the wait (`delay=delay * 2`), not the request. */
const DELAY_PARAM = /delay|wait|backoff|sleep|interval/i;
/** A counter counted up per retry; `page + 1`, `offset + 1` or `depth + 1` move on to other work. */
const RETRY_COUNTER = /retr|attempt|tries|tried|trial|fail|^(n|i|count|times)$/i;
const MAX_SIMULATED = 1000;

type Constant = (n: Node) => number | null;

/**
 * `fn` calls itself again from an `except` clause of a try around `node`, with the same arguments and at most a
 * retry counter moved by one (`retry_count + 1`, `retries - 1`) or a new delay. The attempts come from the checks on
 * that counter (`if retry_count >= 2: return …` on entry, `if retry_count < 2:` around the call, `need_retry =
 * retry_count < 2`); a counter nothing compares, or no counter at all, never stops.
 */
export function selfRecursionRetry(file: PyFile, fn: FnInfo, node: Node, constant: Constant, sdk?: Sdk): RetryConstruct | null {
  if (!fn.name) return null;
  for (let p = node.parent; p && p.id !== fn.node.id; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda') return null;
    if (p.type !== 'try_statement') continue;
    const body = p.childForFieldName('body');
    if (!body || !within(node, body)) continue;
    for (const handler of exceptClauses(p)) {
      for (const again of selfCalls(file, fn, handler)) {
        if (sdk && handlesOnlyOtherSdkErrors(file, handler, sdk, again)) continue;
        const r = recursionConstruct(file, fn, p, handler, again, constant);
        if (r) return r;
      }
    }
  }
  return null;
}

/** Calls of `fn` itself in `scope` (`name(…)`, or `self.name(…)` / `cls.name(…)` in a method), outside nested functions. */
function selfCalls(file: PyFile, fn: FnInfo, scope: Node): Node[] {
  const names = fn.cls ? [`self.${fn.name}`, `cls.${fn.name}`] : [fn.name];
  return ownCalls(scope).filter((c) => {
    const callee = c.childForFieldName('function');
    return !!callee && names.includes(file.src(callee).replace(/\s+/g, ''));
  });
}

interface Param {
  name: string;
  index: number | null;
  default: Node | null;
}

function parametersOf(fn: FnInfo): Param[] {
  let index = 0;
  const out: Param[] = parameterList(fn.node).map((p) => ({ name: p.id.text, index: p.positional ? index++ : null, default: p.default }));
  const bound = fn.cls && !fn.decorators.some((d) => /staticmethod/.test(d.text));
  return bound ? out.slice(1).map((p) => ({ ...p, index: p.index === null ? null : p.index - 1 })) : out;
}

/** What the self-call passes for each parameter: itself, a new delay, or a counter moved by one. Null for anything else. */
function counterOf(file: PyFile, fn: FnInfo, again: Node): { counter: { param: Param; step: number } | null } | null {
  const params = parametersOf(fn);
  const splats = new Set((fn.node.childForFieldName('parameters')?.namedChildren ?? []).filter((p) => p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern').map((p) => p.namedChildren[0]?.text));
  const { positional, keywords, listSplats, dictSplats } = callArguments(again.childForFieldName('arguments'));
  if ([...listSplats, ...dictSplats].some((s) => !splats.has(unwrap(s).text))) return null;
  let counter: { param: Param; step: number } | null = null;
  const passes = (param: Param | undefined, value: Node): boolean => {
    if (!param) return false;
    const v = unwrap(value);
    if (v.type === 'identifier' && v.text === param.name) return true;
    if (DELAY_PARAM.test(param.name)) return true;
    const step = /^([A-Za-z_]\w*)\s*([+-])\s*1$/.exec(file.src(v).trim());
    if (!step || step[1] !== param.name || counter) return false;
    // Counting down is a retry budget; counting up is one only when the name says so.
    if (step[2] === '+' && !RETRY_COUNTER.test(param.name)) return false;
    counter = { param, step: step[2] === '+' ? 1 : -1 };
    return true;
  };
  if (!positional.every((a, i) => passes(params.find((p) => p.index === i), a))) return null;
  if (!keywords.every((k) => passes(params.find((p) => p.name === k.name), k.value))) return null;
  return { counter };
}

function recursionConstruct(file: PyFile, fn: FnInfo, tryStmt: Node, handler: Node, again: Node, constant: Constant): RetryConstruct | null {
  const passed = counterOf(file, fn, again);
  if (!passed) return null;
  const { counter } = passed;
  const handlerCode = codeText(file, handler);
  // Without a counter, state kept elsewhere may stop it (`self.failures += 1`), and so may a check on a parameter.
  if (!counter && (/[\w\]]\s*(\+=|-=)/.test(handlerCode) || parametersOf(fn).some((p) => new RegExp(`\\bif\\b[^:\\n]*\\b${p.name}\\b`).test(handlerCode)))) return null;
  const bound = counter ? counterBound(file, fn, again, counter.param, counter.step, constant) : { attempts: null, bounded: false };
  const callee = again.childForFieldName('function')!;
  const sleeps = SLEEP.test(handlerCode);
  return {
    kind: 'loop',
    label: fn.name,
    subject: `by recursion in ${fn.name}`,
    attempts: bound.attempts,
    source: 'explicit',
    path: file.path,
    span: file.span(tryStmt),
    headSpan: file.span(callee),
    backoff: !sleeps ? 'none' : GROWING.test(handlerCode) || SELF_SCALED.test(handlerCode) ? 'exponential' : 'constant',
    jitter: sleeps && JITTER.test(file.src(handler)),
    catchesAll: catchesEverything(file, handler),
    bounded: bound.bounded,
  };
}

/** A check `counter <op> N` (either side), with the operator read as the counter's side on the left. */
interface Check {
  op: string;
  limit: number | null;
}

const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };

function checkOf(file: PyFile, cond: Node, counter: string, constant: Constant): Check | null {
  const c = unwrap(cond);
  if (c.type !== 'comparison_operator') return null;
  const operands = c.namedChildren.filter((x) => x.type !== 'comment');
  const ops = c.children.filter((x) => !x.isNamed);
  if (operands.length !== 2 || ops.length !== 1 || !(ops[0].type in FLIP)) return null;
  const [left, right] = operands.map(unwrap);
  if (left.type === 'identifier' && left.text === counter) return { op: ops[0].type, limit: constant(right) };
  if (right.type === 'identifier' && right.text === counter) return { op: FLIP[ops[0].type], limit: constant(left) };
  return null;
}

function holds(check: Check, x: number): boolean {
  const n = check.limit!;
  switch (check.op) {
    case '<': return x < n;
    case '<=': return x <= n;
    case '>': return x > n;
    case '>=': return x >= n;
    case '==': return x === n;
    default: return x !== n;
  }
}

const exits = (block: Node | null | undefined): boolean => {
  const last = block?.namedChildren.filter((c) => c.type !== 'comment').at(-1);
  return last?.type === 'return_statement' || last?.type === 'raise_statement';
};

/**
 * The attempts the checks on the counter allow, from its default: a check whose `if` leads to the self-call lets
 * it retry (`if retry_count < 2:`, or its `else:`); one whose `if` returns or raises stops, on entry to the function
 * before the attempt (`if retry_count >= 2: return …`) or in the handler after it.
 */
function counterBound(file: PyFile, fn: FnInfo, again: Node, counter: Param, step: number, constant: Constant): { attempts: number | null; bounded: boolean } {
  const body = fn.node.childForFieldName('body');
  if (!body) return { attempts: null, bounded: false };
  // `need_retry = retry_count < 2`, then `if need_retry:`.
  const named = new Map<string, Check>();
  for (const a of body.descendantsOfType('assignment')) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    const check = left?.type === 'identifier' && right ? checkOf(file, right, counter.name, constant) : null;
    if (check && !named.has(left!.text)) named.set(left!.text, check);
  }
  const readCheck = (cond: Node, conjunct = false): Check | null => {
    const c = unwrap(cond);
    // `if need_retry and is_transient:` retries only while the check holds.
    if (conjunct && c.type === 'boolean_operator' && c.childForFieldName('operator')?.type === 'and') {
      return readCheck(c.childForFieldName('left')!, true) ?? readCheck(c.childForFieldName('right')!, true);
    }
    return c.type === 'identifier' ? (named.get(c.text) ?? null) : checkOf(file, c, counter.name, constant);
  };
  const onEntry: Check[] = [];
  const retryWhen: Array<{ check: Check; negate: boolean }> = [];
  for (const stmt of body.descendantsOfType(['if_statement', 'elif_clause'])) {
    if (file.functionAt(stmt.startIndex)?.node.id !== fn.node.id) continue;
    const cond = stmt.childForFieldName('condition');
    const consequence = stmt.childForFieldName('consequence');
    if (cond && consequence && within(again, consequence)) {
      const check = readCheck(cond, true);
      if (check) retryWhen.push({ check, negate: false });
      continue;
    }
    const check = cond ? readCheck(cond) : null;
    if (!check) continue;
    const alternative = stmt.type === 'if_statement' ? stmt.namedChildren.find((c) => c.type === 'else_clause') : undefined;
    if (alternative && within(again, alternative)) retryWhen.push({ check, negate: true });
    else if (exits(consequence)) {
      if (stmt.endIndex <= again.startIndex && !within(stmt, body.namedChildren.find((c) => within(again, c)) ?? stmt)) onEntry.push(check);
      else if (stmt.endIndex <= again.startIndex) retryWhen.push({ check, negate: true });
    }
  }
  if (onEntry.length === 0 && retryWhen.length === 0) return { attempts: null, bounded: false };
  const start = counter.default ? constant(counter.default) : null;
  const all = [...onEntry, ...retryWhen.map((r) => r.check)];
  if (start === null || all.some((c) => c.limit === null)) return { attempts: null, bounded: true };
  let x = start;
  for (let pass = 1; pass <= MAX_SIMULATED; pass++) {
    if (onEntry.some((c) => holds(c, x))) return { attempts: pass - 1, bounded: true };
    if (retryWhen.some((r) => holds(r.check, x) === r.negate)) return { attempts: pass, bounded: true };
    x += step;
  }
  return { attempts: null, bounded: false };
}
