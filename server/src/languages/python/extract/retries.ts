// Retry constructs around a call, mirroring the retry half of the TypeScript front end's call-context.ts.
import { worstPath } from '../../../core/retry-chain';
import type { RetryConstruct, Sdk } from '../../../core/types';
import { callsOf, callsPassing } from './callers';
import { celeryTaskRetry } from './celery';
import { REFUSED_REQUEST_ERROR } from './error-classes';
import { catchesEverything, catchesOnly, exceptClauses, exceptionNames, handlerStatements, handlesOnlyOtherSdkErrors, isBroadErrorClass, leavesOnSdkRetriedErrors, resentRefusal } from './except-clauses';
import { codeText } from './code-text';
import { retriesOnlyRejections } from './error-filter';
import type { FnInfo, PyFile } from './file-context';
import { inheritedSelfCalls, overridingMethods } from './inherited-calls';
import { attemptsForCall, callbackMatches, retryDecoratorOf, retryHelperOf, type RetryHelper } from './retry-helpers';
import { GROWING, JITTER, SELF_SCALED, SLEEP } from './retry-shapes';
import { retriesOnlyPermanentErrors } from './permanent-retry';
import { retryInHandler } from './handler-retry';
import { isRetryPackageCall, isRetryPackageDecorator, retryPackagePolicy } from './retry-package';
import { selfRecursionRetry } from './self-retry';
import { calledFunction, methodOf, resolveExpr, returnedValues } from './resolve';
import { callArguments, keyword, positional, unwrap, within, type Node } from './syntax';
import { wordNodes } from './text-search';
import { numericValue } from './values';

/** Application retry constructs around a call, innermost first, including loops around calls to its function. */
export function retriesAround(node: Node, file: PyFile, depth = 0, others: RetryConstruct[] = [], sdk?: Sdk): RetryConstruct[] {
  const out: RetryConstruct[] = [];
  const fn = file.functionAt(node.startIndex);
  let swallowing: Node | null = null;
  let loopAroundIt = false;
  for (let p = node.parent; p && p.type !== 'function_definition' && p.type !== 'module'; p = p.parent) {
    if (p.type === 'for_statement' || p.type === 'while_statement') {
      if (swallowing) loopAroundIt = true;
      const r = library(file, p) ?? loopRetry(p, node, file, undefined, sdk);
      if (r) out.push(r);
    }
    if (!swallowing && p.type === 'try_statement' && swallowsErrors(file, p, node)) swallowing = p;
    if (p.type === 'lambda') {
      const args = p.parent?.type === 'keyword_argument' ? p.parent.parent : p.parent;
      const r = args?.type === 'argument_list' && args.parent?.type === 'call' ? retryPackageCall(file, args.parent, p) ?? helperRetry(file, args.parent, p) : null;
      if (r) out.push(r);
    }
  }
  // `except Exception: time.sleep(2); return self._chat(q, retry_count + 1)`: the function is its own retry loop.
  const recursion = fn ? selfRecursionRetry(file, fn, node, (n) => constantNumber(file, n), sdk) : null;
  if (recursion) out.push(recursion);
  // `except APIConnectionError: r = client.chat.completions.create(…)`, the same call written out once more.
  const again = retryInHandler(file, node, sdk);
  if (again) out.push(again);
  // `try: … except Exception: return None` around the call, outside any loop: its errors never leave the function, so
  // a retry decorator on it, a Celery task calling it or a loop around its callers never sees one.
  if (swallowing && !loopAroundIt) {
    // …except a caller that calls it again until it gets a result: `for _ in range(3): out = ask(q); if out: return out`.
    if (fn && depth === 0) {
      for (const c of callsOf(file, fn)) {
        const r = within(c, fn.node) ? null : resultRetryLoop(file, c);
        if (r) {
          out.push(r);
          break;
        }
      }
    }
    return out;
  }
  for (let f = fn; f; f = f.parent) {
    for (const d of f.decorators) {
      // A retry decorator on a generator function retries making the generator, which never fails: the calls run
      // while the caller iterates, outside it (tenacity documents this, jd/tenacity#612; backoff likewise). Only a
      // workspace decorator whose wrapper iterates the generator inside its try (`yield from func(…)`) retries them.
      const r = f.isGenerator ? workspaceDecoratorRetry(file, d, true) : decoratorRetry(file, d) ?? celeryTaskRetry(file, f, d, node) ?? workspaceDecoratorRetry(file, d);
      if (r) out.push(r);
    }
  }
  // Loops or retry helpers around calls to this function elsewhere in the file (wrapper functions). Each such call is
  // a path of its own: only the worst one multiplies.
  if (fn && depth < 2) {
    const paths: RetryConstruct[][] = [];
    for (const c of callsOf(file, fn)) {
      if (within(c, fn.node)) continue;
      paths.push(retriesAround(c, file, depth + 1, others, sdk).filter((r) => !out.some((o) => o.span.start === r.span.start)));
    }
    for (const c of callsPassing(file, fn)) {
      if (within(c, fn.node)) continue;
      const passed = callArguments(c.childForFieldName('arguments'));
      const arg = [...passed.positional, ...passed.keywords.map((k) => k.value)].find((a) => a.type === 'identifier' && a.text === fn.name);
      const r = retryerCall(file, c) ?? (arg ? retryPackageCall(file, c, arg) ?? helperRetry(file, c, arg) : null);
      if (r && !out.some((o) => o.span.start === r.span.start)) paths.push([r]);
    }
    // …and in other modules: a Celery task in tasks.py calling the service that calls this client function.
    if (!fn.cls && !fn.parent && fn.name) {
      for (const path of file.index.callerRetries(file.path, fn.qualName, depth + 1)) paths.push(path.filter((r) => !out.some((o) => o.path === r.path && o.span.start === r.span.start)));
    }
    // `self._execute_task(task)` in a base class's retry loop (R2R's CompletionProvider), this method overriding it: on
    // an instance of this class the loop re-runs this method.
    if (fn.cls && fn.name) {
      let overridden: string[] | null = null;
      for (const base of fn.cls.bases) {
        const r = resolveExpr(file, base);
        if (r.kind !== 'class') continue;
        overridden ??= overridingMethods(file, fn.cls);
        const inherited =
          r.path === file.path
            ? inheritedSelfCalls(file, r.qualName, fn.name, overridden).map((c) => retriesAround(c, file, depth + 1, others, sdk))
            : file.index.inheritedCallRetries(r.path, r.qualName, fn.name, overridden, depth + 1);
        for (const path of inherited) paths.push(path.filter((x) => !out.some((o) => o.path === x.path && o.span.start === x.span.start)));
      }
    }
    const { worst, others: elsewhere } = worstPath(paths);
    out.push(...worst);
    for (const r of elsewhere) if (!others.some((o) => o.span.start === r.span.start)) others.push(r);
  }
  return out;
}

/**
 * A counting loop around `call` (a function that swallows its errors and returns nothing useful on failure) that
 * binds the result and leaves the loop once it is truthy: `out = ask(q)` then `if out: return out` (or `break`, or
 * `if out is not None:`). Each pass after an empty result sends the request again.
 */
function resultRetryLoop(file: PyFile, call: Node): RetryConstruct | null {
  let statement: Node = call;
  if (statement.parent?.type === 'await') statement = statement.parent;
  const assignment = statement.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('right') !== statement) return null;
  const name = assignment.childForFieldName('left');
  if (name?.type !== 'identifier') return null;
  let loop: Node | null = null;
  for (let p = assignment.parent; p && p.type !== 'function_definition' && p.type !== 'module'; p = p.parent) {
    if (p.type === 'for_statement' || p.type === 'while_statement') {
      loop = p;
      break;
    }
  }
  const body = loop?.childForFieldName('body');
  if (!loop || !body || (loop.type === 'for_statement' && !isCounting(file, loop)) || readsInput(file, body)) return null;
  const check = new RegExp(`^\\(?\\s*${name.text}(\\s+is\\s+not\\s+None)?\\s*\\)?$`);
  const exitsOnResult = body.descendantsOfType('if_statement').some((i) => {
    const cond = i.childForFieldName('condition');
    const consequence = i.childForFieldName('consequence');
    if (!cond || !consequence || !check.test(file.src(cond).trim())) return false;
    return consequence.namedChildren.some((c) => c.type === 'return_statement' || c.type === 'break_statement');
  });
  if (!exitsOnResult) return null;
  // The helper it calls takes every error.
  return loopConstruct(file, loop, body, loopBound(file, loop, ''), true);
}

/**
 * A try around `node` (in its body) with a handler that takes every error and raises nothing, and no earlier handler
 * that raises: `except RateLimitError as e: raise self.retry(exc=e)` before `except Exception: log(…)` still lets
 * the errors it matches out (Python tries the clauses in order).
 */
function swallowsErrors(file: PyFile, tryStmt: Node, node: Node): boolean {
  const body = tryStmt.childForFieldName('body');
  if (!body || !within(node, body)) return false;
  const raises = (h: Node) => (h.namedChildren.find((c) => c.type === 'block')?.descendantsOfType('raise_statement').length ?? 0) > 0;
  const catchesAll = (h: Node) => {
    const value = h.childForFieldName('value') ?? h.namedChildren.find((c) => c.type !== 'block' && c.type !== 'comment') ?? null;
    const caught = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
    return !caught || /(^|[\s(,.])(Exception|BaseException)\s*($|[),])/.test(file.src(caught));
  };
  const handlers = exceptClauses(tryStmt);
  const at = handlers.findIndex(catchesAll);
  if (at < 0 || !handlers[at].namedChildren.some((c) => c.type === 'block') || raises(handlers[at])) return false;
  // A handler before it that raises lets its errors out of the try, whatever the catch-all does with the rest.
  return !handlers.slice(0, at).some(raises);
}

/** The retry helper a method reference is handed to (`call_with_retry(client.chat.completions.create, …)`). */
export function retriesOfHelper(file: PyFile, call: Node, reference: Node): RetryConstruct[] {
  const r = helperRetry(file, call, reference);
  return r ? [r] : [];
}

/** A call of a workspace retry helper that passes it `arg` as the callback to retry (a lambda or a function). */
function helperRetry(file: PyFile, call: Node, arg: Node): RetryConstruct | null {
  const callee = call.childForFieldName('function');
  const helper = callee ? helperCalled(file, unwrap(callee)) : null;
  const args = call.childForFieldName('arguments');
  if (!helper || !callbackMatches(helper, args, arg)) return null;
  return { ...helper.construct, attempts: attemptsForCall(helper, args, (n) => constantNumber(file, n)) };
}

/** `retry_call(f, fargs=…, tries=3)` of the retry package, `arg` being the function it retries. */
function retryPackageCall(file: PyFile, call: Node, arg: Node): RetryConstruct | null {
  const callee = call.childForFieldName('function');
  const r = callee ? resolveExpr(file, callee) : null;
  if (r?.kind !== 'external' || !isRetryPackageCall(r.qualified)) return null;
  const args = call.childForFieldName('arguments');
  const f = keyword(args, 'f') ?? positional(args, 0);
  if (f?.id !== arg.id || retriesOnlyPermanentErrors(file, call, 'retry_call')) return null;
  return retryPackagePolicy(file, call, 'call', callee!, (n) => constantNumber(file, n));
}

function helperCalled(file: PyFile, callee: Node): RetryHelper | null {
  const called = calledFunction(file, callee);
  if (!called) return null;
  return 'local' in called ? retryHelperIn(file, called.local) : (called.other.retryHelper ?? null);
}

/** `@retry_on_error(max_retries=5)` / `@with_retries` where the decorator is written in the workspace. */
function workspaceDecoratorRetry(file: PyFile, d: Node, onGenerator = false): RetryConstruct | null {
  const e = unwrap(d);
  const callee = e.type === 'call' ? e.childForFieldName('function') : e;
  if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) return null;
  const r = resolveExpr(file, callee);
  if (r.kind !== 'function') return null;
  let helper: RetryHelper | null | undefined;
  if (r.path === file.path) {
    const own = file.functionNamed(r.qualName);
    helper = own ? retryDecoratorIn(file, own) : null;
  } else helper = r.retryDecorator;
  if (!helper || (onGenerator && !helper.drivesGenerator)) return null;
  // Without a call (`@with_retries`) the decorator runs with its defaults.
  const attempts = e.type === 'call' ? attemptsForCall(helper, e.childForFieldName('arguments'), (n) => constantNumber(file, n)) : helper.construct.attempts;
  const at = file.span(d.parent?.type === 'decorator' ? d.parent : d);
  return { ...helper.construct, kind: 'decorator', attempts, path: file.path, span: at, headSpan: at, subject: `decorator ${helper.name}` };
}

/** The retry decorator `fn` is, if it is one (module summaries keep this for importers). */
export function retryDecoratorIn(file: PyFile, fn: FnInfo): RetryHelper | null {
  return retryDecoratorOf(file, fn, (loop, invocation, f, leaf) => loopRetry(loop, invocation, f, leaf), (n) => constantNumber(file, n));
}

/** The retry helper `fn` is, if it is one (module summaries keep this for importers). */
export function retryHelperIn(file: PyFile, fn: FnInfo): RetryHelper | null {
  return retryHelperOf(file, fn, (loop, invocation, f, leaf) => loopRetry(loop, invocation, f, leaf), (n) => constantNumber(file, n));
}

function firstToken(n: Node, types: string[]): Node {
  for (const c of n.children) if (types.includes(c.type)) return c;
  return n;
}

/** A `for`/`while` loop whose body has a try/except around the call that lets the loop go on. */
function loopRetry(loop: Node, target: Node, file: PyFile, leaf?: Leaf, sdk?: Sdk): RetryConstruct | null {
  let tryStmt: Node | null = null;
  for (let p = target.parent; p && p.startIndex >= loop.startIndex && !(p.startIndex === loop.startIndex && p.endIndex === loop.endIndex); p = p.parent) {
    if (p.type === 'try_statement') {
      const body = p.childForFieldName('body');
      if (body && within(target, body)) tryStmt = p;
    }
    // A try inside a nested loop is that loop's retry: this outer loop (agent turns, a batch) sends new requests.
    if (p.type === 'for_statement' || p.type === 'while_statement') tryStmt = null;
  }
  if (!tryStmt) return null;
  // `except openai.error.RateLimitError:` around an Anthropic call never catches its errors.
  const handlers = exceptClauses(tryStmt).filter((h) => !sdk || !handlesOnlyOtherSdkErrors(file, h, sdk));
  if (handlers.length === 0) return null;
  const body = loop.childForFieldName('body');
  // Handlers that all end in `continue` skip what follows the try: a `return`/`break` there runs only on success
  // (`try: r = create(…) except Exception: continue` then `return r`).
  const handlersContinue = handlers.every((h) => handlerStatements(h).at(-1)?.type === 'continue_statement');
  const exitAfterTry = !!body && exitsAfter(body, tryStmt);
  // …unless a success can also go round again first: `if msg.tool_calls: …; continue` before the `return` is an agent
  // loop's next turn, not a retry.
  const successExits = (exitAfterTry && handlersContinue && !continuesAfter(body!, tryStmt)) || (!!body && successOnlyLeaves(body, tryStmt, handlers));
  // A retry loop stops once the call succeeds; a worker or poll loop calls again whatever happened.
  if (!stopsOnSuccess(loop, tryStmt) && !successExits) return null;
  // `for item in items` is iteration, not retrying; `for model in models` is a fallback chain.
  if (loop.type === 'for_statement' && !isCounting(file, loop)) return null;
  // So is `while models: model = models.pop(0)`: the loop works through a list it consumes.
  if (loop.type === 'while_statement' && body && consumesConditionList(file, loop, body)) return null;
  // Handlers that end with raise/break/return leave the loop on the first error: nothing is tried again.
  if (handlers.every((h) => exitsLoop(h))) return null;
  // Going round only after the request was rejected (`except BadRequestError: kwargs.pop(param)`) sends a changed
  // request: a fallback, not a retry of a transient failure. So does `except Exception as e:` that goes round only
  // after such a refusal or unparsable output, and re-raises or returns on every other error (`if
  // is_token_limit_exceeded(e, model): findings = findings[:limit]; continue`).
  if (handlers.every((h) => exitsLoop(h) || catchesOnly(file, h, REFUSED_REQUEST_ERROR) || retriesOnlyRejections(file, h))) return null;
  // So does one whose first handlers leave on every error the SDK retries (timeouts, connection and server errors, rate
  // limits): it re-sends only what the SDK would not, a bad answer or a refusal.
  if (leavesOnSdkRetriedErrors(file, handlers, exitsLoop)) return null;
  // A `return`/`break`/`raise` after the try, at the top of the loop body, ends the first pass whatever happened.
  if (exitAfterTry && !handlersContinue) return null;
  // A loop that reads new input each pass (a chat REPL, a websocket) sends a new request, not the same one again.
  if (body && readsInput(file, body)) return null;
  const catchText = handlers.map((h) => file.src(h)).join('\n');
  const bound = loopBound(file, loop, catchText, leaf);
  // `attempt += 1; if attempt > max_retries: raise` in the handler: count the passes until it gives up.
  const counted = bound.attempts === null && loop.type === 'while_statement' ? countedAttempts(file, loop, tryStmt, handlers, leaf) : null;
  const fix = loopFix(file, loop, handlers);
  const construct = loopConstruct(file, loop, body, counted !== null ? { attempts: counted, bounded: true } : bound, handlers.some((h) => !exitsLoop(h) && catchesEverything(file, h)), handlers);
  const refused = resentRefusal(file, handlers.filter((h) => !exitsLoop(h)));
  return { ...(fix ? { loopFix: fix } : {}), ...construct, ...(refused ? { resendsRefused: refused } : {}) };
}

/** The retry construct of a loop: its bound, and the backoff its body shows. */
function loopConstruct(file: PyFile, loop: Node, body: Node | null, bound: { attempts: number | null; bounded: boolean }, catchesAll: boolean, handlers: Node[] = []): RetryConstruct {
  // A delay computed by a helper of this file (`time.sleep(_retry_delay(attempt))`), or a wait inside the helper the
  // handler hands the error to (`e = await self._on_error(e, attempt)`), backs off as the helper does.
  const parts = [...(body ? [body] : []), ...waitHelpers(file, loop, body, handlers).map((f) => f.node)];
  // Shapes are read from the code alone: `"**ERROR**"` is no exponent, `# wait 2 ** n` no wait.
  const code = parts.map((n) => codeText(file, n)).join('\n');
  const sleeps = SLEEP.test(code);
  return {
    kind: 'loop',
    label: 'loop',
    attempts: bound.attempts,
    source: 'explicit',
    path: file.path,
    span: file.span(loop),
    headSpan: file.span(firstToken(loop, ['for', 'while'])),
    backoff: !sleeps ? 'none' : GROWING.test(code) || SELF_SCALED.test(code) ? 'exponential' : 'constant',
    jitter: sleeps && JITTER.test(parts.map((n) => file.src(n)).join('\n')),
    catchesAll,
    bounded: bound.bounded,
  };
}

const MAX_WAIT_HELPERS = 5;

/**
 * The functions of this file that compute or do the wait between attempts, a few at most: those called on a line of
 * the loop about sleeping or a delay (`delay = _retry_delay(attempt)`, `time.sleep(self._backoff(n))`), those the
 * handlers call that sleep (`e = await self._exceptions_async(e, attempt)`), then, one level down, those these call on
 * such a line (`delay = self._get_delay()`, where the jitter is).
 */
function waitHelpers(file: PyFile, loop: Node, body: Node | null, handlers: Node[]): FnInfo[] {
  const found: FnInfo[] = [];
  const own = file.functionAt(loop.startIndex);
  const add = (f: FnInfo | null) => {
    if (f && f !== own && found.length < MAX_WAIT_HELPERS && !found.includes(f)) found.push(f);
  };
  if (body) for (const f of calledOnWaitLines(file, loop, codeText(file, body))) add(f);
  for (const h of handlers) {
    for (const call of h.descendantsOfType('call')) {
      const callee = call.childForFieldName('function');
      const m = callee ? /^(?:(self|cls)\.)?([A-Za-z_]\w*)$/.exec(callee.text) : null;
      const f = m ? localFunction(file, loop, !!m[1], m[2]) : null;
      if (f && SLEEP.test(codeText(file, f.node))) add(f);
    }
  }
  for (const f of [...found]) for (const g of calledOnWaitLines(file, loop, codeText(file, f.node))) add(g);
  return found;
}

/** Functions of this file called by name on a line about sleeping or a delay (the keyword `await` is no wait). */
function calledOnWaitLines(file: PyFile, loop: Node, code: string): FnInfo[] {
  const out: FnInfo[] = [];
  for (const line of code.split('\n')) {
    if (!/sleep|delay|wait|backoff|pause/i.test(line.replace(/\bawait\b/g, ''))) continue;
    for (const m of line.matchAll(/(?<![\w.])(?:(self|cls)\.)?([A-Za-z_]\w*)\s*\(/g)) {
      const f = localFunction(file, loop, !!m[1], m[2]);
      if (f && !out.includes(f)) out.push(f);
    }
  }
  return out;
}

/**
 * The function a name called from the loop's code means: `self.name` a method of the loop's class or of a base class
 * defined in this file (another class's method of that name is not it); a bare name a function outside any class.
 */
function localFunction(file: PyFile, loop: Node, onSelf: boolean, name: string): FnInfo | null {
  if (!onSelf) return file.functions.find((f) => f.name === name && !f.cls) ?? null;
  const cls = file.functionAt(loop.startIndex)?.cls;
  return cls ? methodOf(file, cls, name) : null;
}

/** Nodes that hold statements: blocks, and the compound statements and clauses that hold blocks. */
const STATEMENT_HOLDERS = new Set(['block', 'if_statement', 'elif_clause', 'else_clause', 'with_statement', 'try_statement', 'except_clause', 'except_group_clause', 'finally_clause', 'match_statement', 'case_clause', 'ERROR']);

/**
 * The loop ends once the call succeeds: the try block (or its `else:`) returns or breaks out of this loop, or the
 * loop's condition reads a name the try block assigns (`while response is None:`, `while not done:`).
 */
function stopsOnSuccess(loop: Node, tryStmt: Node): boolean {
  const exits = (n: Node): boolean => {
    for (const c of n.namedChildren) {
      if (c.type === 'return_statement' || c.type === 'break_statement') return true;
      // A `break` inside an inner loop leaves that loop only; a `return` there still leaves this one.
      if (c.type === 'for_statement' || c.type === 'while_statement') {
        if (c.descendantsOfType('return_statement').length) return true;
        continue;
      }
      // Statements sit only in blocks, and blocks only in compound statements: expressions (a call with a long
      // messages list) hold none, and functions, classes and lambdas exit on their own account.
      if (STATEMENT_HOLDERS.has(c.type) && exits(c)) return true;
    }
    return false;
  };
  const body = tryStmt.childForFieldName('body');
  const orElse = tryStmt.namedChildren.find((c) => c.type === 'else_clause');
  if ((body && exits(body)) || (orElse && exits(orElse))) return true;
  const condition = loop.type === 'while_statement' ? loop.childForFieldName('condition') : null;
  if (!condition || !body) return false;
  const read = new Set(condition.descendantsOfType('identifier').map((i) => i.text));
  return body.descendantsOfType('assignment').some((a) => {
    const left = a.childForFieldName('left');
    return !!left && (left.type === 'identifier' ? read.has(left.text) : left.descendantsOfType('identifier').some((i) => read.has(i.text)));
  });
}

/** What a fix needs to edit a `for attempt in range(n)` loop: the counter, the error name, where the handler body starts. */
function loopFix(file: PyFile, loop: Node, handlers: Node[]): RetryConstruct['loopFix'] {
  const counter = loop.childForFieldName('left');
  if (loop.type !== 'for_statement' || counter?.type !== 'identifier') return undefined;
  const handler = handlers.find((h) => !onlyRaises(h));
  if (!handler) return undefined;
  const colon = handler.children.find((c) => c.type === ':');
  const block = handler.namedChildren.find((c) => c.type === 'block');
  if (!colon || !block) return undefined;
  const catchBodyStart = file.span(colon).end;
  // A one-line handler (`except E: pass`) has no body line to insert before.
  if (!file.text.slice(catchBodyStart, file.span(block).start).includes('\n')) return undefined;
  const value = handler.childForFieldName('value');
  const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias')?.namedChildren[0] : null;
  const fn = file.functionAt(loop.startIndex);
  const isAsync = !!fn && fn.node.child(0)?.type === 'async';
  const guards = exitGuards(block);
  const readsCounter = (st: Node) => {
    const test = st.childForFieldName('condition');
    return !!test && (test.type === 'identifier' ? test.text === counter.text : test.descendantsOfType('identifier').some((i) => i.text === counter.text));
  };
  // The wait goes after the handler's own exits, so that neither the last failure nor an error it re-raises waits.
  const after = guards.at(-1);
  const lastAttempt = guards.some(readsCounter);
  return {
    counter: counter.text,
    errorVar: alias?.type === 'identifier' ? alias.text : null,
    catchBodyStart,
    isAsync,
    ...(after && lastAttempt ? { lastAttemptExit: file.span(after) } : { anotherAttempt: anotherAttemptTest(loop, counter.text), ...(after ? { exitGuard: file.span(after) } : {}) }),
  };
}

/**
 * The handler's own `if …: raise` statements (or return/break) before anything that goes round again: `if attempt ==
 * retries - 1: raise`, `if not is_transient(e): raise`, `if attempt >= n or not retryable(e): raise`.
 */
function exitGuards(block: Node): Node[] {
  const out: Node[] = [];
  for (const st of block.namedChildren) {
    if (st.type === 'comment') continue;
    // A `continue` before the guard goes round without passing it: a wait placed after the guard would never run.
    if (st.type === 'continue_statement' || st.descendantsOfType('continue_statement').length > 0) break;
    if (st.type !== 'if_statement' || st.childForFieldName('alternative')) continue;
    const last = st.childForFieldName('consequence')?.namedChildren.filter((c) => c.type !== 'comment').at(-1);
    if (last && (last.type === 'raise_statement' || last.type === 'return_statement' || last.type === 'break_statement')) out.push(st);
  }
  return out;
}

/** `attempt + 1 < 3` for `for attempt in range(3)` (or `range(1, 4)`): the loop goes round again. */
function anotherAttemptTest(loop: Node, counter: string): string | undefined {
  const iter = loop.childForFieldName('right');
  if (iter?.type !== 'call' || iter.childForFieldName('function')?.text !== 'range') return undefined;
  const { positional: args, keywords, listSplats, dictSplats } = callArguments(iter.childForFieldName('arguments'));
  if (keywords.length || listSplats.length || dictSplats.length || args.length < 1 || args.length > 2) return undefined;
  const stop = args.at(-1)!;
  return `${counter} + 1 < ${stop.type === 'identifier' || stop.type === 'integer' || stop.type === 'attribute' || stop.type === 'call' ? stop.text : `(${stop.text})`}`;
}

/** Some statement after the one holding `inner`, directly in the loop body, leaves the loop unconditionally. */
function exitsAfter(body: Node, inner: Node): boolean {
  const stmts = body.namedChildren.filter((c) => c.type !== 'comment');
  const at = stmts.findIndex((c) => c.startIndex <= inner.startIndex && inner.endIndex <= c.endIndex);
  return at >= 0 && stmts.slice(at + 1).some((c) => c.type === 'return_statement' || c.type === 'break_statement' || c.type === 'raise_statement');
}

/** The loop's condition names a list its body takes items from (`while queue: x = queue.pop(0)`). */
function consumesConditionList(file: PyFile, loop: Node, body: Node): boolean {
  const cond = loop.childForFieldName('condition');
  if (!cond) return false;
  const names = cond.type === 'identifier' ? [cond.text] : cond.descendantsOfType('identifier').map((i) => i.text);
  const text = file.src(body);
  return names.some((n) => new RegExp(`(?<![\\w.])${n}\\s*\\.\\s*(?:pop|popleft)\\s*\\(`).test(text));
}

/**
 * Every handler ends each of its paths in `continue`, `break`, `return` or `raise`, so what follows the try runs only
 * on success, and there each path ends too, at least one leaving the loop: `if parser: try: …; break except
 * ValueError: convo.user(err); continue else: break`. A `continue` there inside an `except` re-asks after output that
 * did not parse (another request); one outside it is an agent's next turn, and the loop is no retry.
 */
function successOnlyLeaves(body: Node, tryStmt: Node, handlers: Node[]): boolean {
  if (!handlers.every((h) => endsEveryPath(handlerStatements(h)))) return false;
  const after = body.namedChildren.filter((c) => c.type !== 'comment' && c.startIndex >= tryStmt.endIndex);
  if (!endsEveryPath(after) || !leavesSomewhere(after)) return false;
  return !after.some((c) => c.type === 'continue_statement' || holdsStatement(c, ['continue_statement'], NESTED_SCOPES_AND_HANDLERS));
}

const LOOP_EXITS = ['break_statement', 'return_statement', 'raise_statement'];

/** Each path through `stmts` reaches a `continue`, `break`, `return` or `raise` of the loop. */
function endsEveryPath(stmts: Node[]): boolean {
  return stmts.some((st) => {
    if (st.type === 'continue_statement' || LOOP_EXITS.includes(st.type)) return true;
    const block = (n: Node | null | undefined) => (n ? n.namedChildren.filter((c) => c.type !== 'comment') : []);
    if (st.type === 'if_statement') {
      const alternatives = st.namedChildren.filter((c) => c.type === 'elif_clause' || c.type === 'else_clause');
      if (!alternatives.some((a) => a.type === 'else_clause')) return false;
      return endsEveryPath(block(st.childForFieldName('consequence'))) && alternatives.every((a) => endsEveryPath(block(a.childForFieldName(a.type === 'elif_clause' ? 'consequence' : 'body'))));
    }
    if (st.type === 'try_statement') {
      if (st.namedChildren.some((c) => c.type === 'finally_clause' || c.type === 'else_clause')) return false;
      const handlers = st.namedChildren.filter((c) => c.type === 'except_clause');
      return handlers.length > 0 && endsEveryPath(block(st.childForFieldName('body'))) && handlers.every((h) => endsEveryPath(handlerStatements(h)));
    }
    return false;
  });
}

/** A `break`, `return` or `raise` of the loop among `stmts` (not in a nested loop, function or class). */
function leavesSomewhere(stmts: Node[]): boolean {
  return stmts.some((c) => LOOP_EXITS.includes(c.type) || holdsStatement(c, LOOP_EXITS));
}

/** Loops, functions, classes and lambdas: a `continue`, `break` or `return` in them is not the enclosing loop's. */
const NESTED_SCOPES = ['for_statement', 'while_statement', 'function_definition', 'class_definition', 'lambda'];
const NESTED_SCOPES_AND_HANDLERS = [...NESTED_SCOPES, 'except_clause'];

/** A statement of one of `types` below `n`, not inside a node of a `skip` type. */
function holdsStatement(n: Node, types: readonly string[], skip: readonly string[] = NESTED_SCOPES): boolean {
  return n.namedChildren.some((c) => types.includes(c.type) || (!skip.includes(c.type) && holdsStatement(c, types, skip)));
}

/** A `continue` of this loop in the statements after `inner` (not in a nested loop, function or class). */
function continuesAfter(body: Node, inner: Node): boolean {
  return body.namedChildren.some((c) => c.startIndex >= inner.endIndex && (c.type === 'continue_statement' || holdsStatement(c, ['continue_statement'])));
}

/** The handler always leaves the loop: it ends in raise/break/return and has no `continue` (`if attempt < 2: continue` then `raise` retries). */
function exitsLoop(handler: Node): boolean {
  const stmts = handlerStatements(handler);
  const last = stmts[stmts.length - 1];
  if (!last || (last.type !== 'raise_statement' && last.type !== 'break_statement' && last.type !== 'return_statement')) return false;
  return handler.descendantsOfType('continue_statement').length === 0;
}

const INPUT_CALL = /^(input|raw_input|click\.prompt|typer\.prompt|Prompt\.ask|sys\.stdin\.readline)$|\.(receive_text|receive_json|receive_bytes|recv)$/;

function readsInput(file: PyFile, body: Node): boolean {
  return body.descendantsOfType('call').some((c) => INPUT_CALL.test(file.src(c.childForFieldName('function') ?? c)));
}

function onlyRaises(handler: Node): boolean {
  const stmts = handlerStatements(handler);
  return stmts.length > 0 && stmts.every((s) => s.type === 'raise_statement');
}

function isCounting(file: PyFile, loop: Node): boolean {
  const right = loop.childForFieldName('right');
  if (!right) return false;
  const r = unwrap(right);
  if (r.type !== 'call') return false;
  const fn = file.src(r.childForFieldName('function') ?? r);
  if (fn !== 'range' && fn !== 'xrange' && !/(^|\.)count$/.test(fn)) return false;
  // `for i in range(len(providers))` that reads `providers[i]` walks the list, as `for p in providers` does: each pass
  // asks the next provider or model, a fallback chain.
  return !indexesRangedSequence(file, loop, r);
}

/**
 * The loop counts over `range(len(xs))` (or `range(0, len(xs))`) and its body reads `xs[counter]` outside its except
 * clauses. A list read only in a handler (`time.sleep(delays[attempt])`) is the wait schedule of a retry.
 */
function indexesRangedSequence(file: PyFile, loop: Node, range: Node): boolean {
  const counter = loop.childForFieldName('left');
  const body = loop.childForFieldName('body');
  if (counter?.type !== 'identifier' || !body) return false;
  const args = (range.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a.type !== 'comment');
  const stop = args.length === 1 ? args[0] : args.length === 2 && numericValue(file, args[0]) === 0 ? args[1] : null;
  const len = stop ? unwrap(stop) : null;
  if (len?.type !== 'call' || file.src(len.childForFieldName('function') ?? len) !== 'len') return false;
  const lenArgs = len.childForFieldName('arguments')?.namedChildren ?? [];
  if (lenArgs.length !== 1) return false;
  const sequence = file.src(lenArgs[0]);
  return body.descendantsOfType('subscript').some((s) => {
    const index = s.childForFieldName('subscript');
    if (index?.type !== 'identifier' || index.text !== counter.text || file.src(s.childForFieldName('value') ?? s) !== sequence) return false;
    for (let p = s.parent; p && p.id !== body.id; p = p.parent) if (p.type === 'except_clause') return false;
    return true;
  });
}

/** A name's value where the code runs, when the caller knows it (a helper's parameter for one call). */
type Leaf = (name: string) => number | null;

function constantNumber(file: PyFile, n: Node | null, leaf?: Leaf): number | null {
  if (!n) return null;
  const direct = numericValue(file, n);
  if (direct !== null) return direct;
  const e = unwrap(n);
  if (leaf && e.type === 'identifier') {
    const v = leaf(e.text);
    if (v !== null) return v;
  }
  // `MAX_RETRIES + 1`: arithmetic over constants.
  if (e.type === 'binary_operator') {
    const a = constantNumber(file, e.childForFieldName('left'), leaf);
    const b = constantNumber(file, e.childForFieldName('right'), leaf);
    const op = e.childForFieldName('operator')?.type;
    if (a === null || b === null) return null;
    return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '//' && b !== 0 ? Math.floor(a / b) : null;
  }
  if (e.type !== 'identifier' && e.type !== 'attribute') return null;
  const r = resolveExpr(file, e);
  if (r.kind === 'number') return r.value;
  if (r.kind === 'node') return numericValue(r.file, r.node);
  // A parameter's default (`def ask(q, max_retries=3)`): what the function does when not told otherwise.
  if (r.kind === 'param' && e.type === 'identifier') {
    const params = file.functionAt(e.startIndex)?.node.childForFieldName('parameters');
    const p = params?.namedChildren.find((x) => (x.type === 'default_parameter' || x.type === 'typed_default_parameter') && x.childForFieldName('name')?.text === e.text);
    const value = p?.childForFieldName('value');
    return value ? numericValue(file, value) : null;
  }
  return null;
}

function loopBound(file: PyFile, loop: Node, catchText: string, leaf?: Leaf): { attempts: number | null; bounded: boolean } {
  if (loop.type === 'for_statement') {
    const call = unwrap(loop.childForFieldName('right')!);
    const { positional: args } = callArguments(call.childForFieldName('arguments'));
    if (/count$/.test(file.src(call.childForFieldName('function') ?? call))) return { attempts: null, bounded: givesUp(catchText) };
    const nums = args.map((a) => constantNumber(file, a, leaf));
    if (nums.some((n) => n === null) || nums.length === 0) return { attempts: null, bounded: true };
    const [a, b, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
    return { attempts: step > 0 ? Math.max(0, Math.ceil((b - a) / step)) : null, bounded: true };
  }
  const cond = loop.childForFieldName('condition');
  return conditionBound(file, loop, cond ? unwrap(cond) : null, catchText, leaf);
}

/** The bound a `while` condition puts on attempts; in `a and b` either side may be the bound. */
function conditionBound(file: PyFile, loop: Node, c: Node | null, catchText: string, leaf?: Leaf): { attempts: number | null; bounded: boolean } {
  if (!c || c.type === 'true' || (c.type === 'integer' && file.src(c) !== '0')) return { attempts: null, bounded: givesUp(catchText) };
  if (c.type === 'boolean_operator' && c.childForFieldName('operator')?.type === 'and') {
    const sides = [c.childForFieldName('left'), c.childForFieldName('right')].map((x) => conditionBound(file, loop, x ? unwrap(x) : null, catchText, leaf));
    const counts = sides.map((x) => x.attempts).filter((n): n is number => n !== null);
    return { attempts: counts.length ? Math.min(...counts) : null, bounded: sides.some((x) => x.bounded) };
  }
  if (c.type === 'comparison_operator') {
    const operands = c.namedChildren.filter((x) => x.type !== 'comment');
    const op = c.children.find((x) => !x.isNamed)?.type;
    // `while ret is None:` / `while result == None:` waits for success: no bound on attempts.
    if (operands.some((x) => x.type === 'none') || op === 'is' || op === 'is not') return { attempts: null, bounded: givesUp(catchText) };
    if (operands.length === 2 && op) {
      const [left, right] = operands;
      const limit = constantNumber(file, right, leaf);
      const counter = left.type === 'identifier' ? left.text : null;
      const init = counter ? initialValue(file, loop, counter) : null;
      if (limit !== null) {
        if (op === '<') return { attempts: Math.max(0, limit - (init ?? 0)), bounded: true };
        if (op === '<=') return { attempts: Math.max(0, limit - (init ?? 0) + 1), bounded: true };
        if ((op === '>' || op === '>=') && init !== null) return { attempts: Math.max(0, init - limit + (op === '>=' ? 1 : 0)), bounded: true };
      }
    }
    return { attempts: null, bounded: true };
  }
  return { attempts: null, bounded: givesUp(catchText) };
}

const MAX_SIMULATED = 1000;

/**
 * Attempts counted by running a `while` loop's counters through failing passes: the steps before the try, then the
 * handler's steps and give-up checks (`if attempt >= MAX_RETRIES: raise`), in order. Null when a value is unknown or
 * no bound is reached.
 */
function countedAttempts(file: PyFile, loop: Node, tryStmt: Node, handlers: Node[], leaf?: Leaf): number | null {
  const stepOf = (st: Node): { name: string; delta: Node; sign: number } | null => {
    const e = st.type === 'expression_statement' ? st.namedChildren[0] : st;
    if (e?.type === 'augmented_assignment') {
      const left = e.childForFieldName('left');
      const op = e.childForFieldName('operator')?.type ?? e.children.find((c) => c.type === '+=' || c.type === '-=')?.type;
      const right = e.childForFieldName('right');
      if (left?.type === 'identifier' && right && (op === '+=' || op === '-=')) return { name: left.text, delta: right, sign: op === '+=' ? 1 : -1 };
    }
    if (e?.type === 'assignment') {
      const left = e.childForFieldName('left');
      const right = e.childForFieldName('right');
      const r = right ? unwrap(right) : null;
      if (left?.type === 'identifier' && r?.type === 'binary_operator' && r.childForFieldName('left')?.text === left.text) {
        const op = r.childForFieldName('operator')?.type;
        const delta = r.childForFieldName('right');
        if (delta && (op === '+' || op === '-')) return { name: left.text, delta, sign: op === '+' ? 1 : -1 };
      }
    }
    return null;
  };
  const handler = handlers.find((h) => !exitsLoop(h));
  const body = loop.childForFieldName('body');
  if (!handler || !body) return null;
  // `before`: a check ahead of the try (`if retries_left == 0: raise`) stops a pass before its call is made.
  type Step = { kind: 'step'; name: string; delta: Node; sign: number } | { kind: 'giveUp'; cond: Node; before: boolean };
  const steps: Step[] = [];
  const giveUpOf = (st: Node): Node | null => {
    if (st.type !== 'if_statement') return null;
    const consequence = st.childForFieldName('consequence');
    const gives = consequence?.namedChildren.some((c) => c.type === 'raise_statement' || c.type === 'break_statement' || c.type === 'return_statement');
    return gives ? st.childForFieldName('condition') : null;
  };
  for (const st of body.namedChildren) {
    if (within(tryStmt, st)) break;
    const step = stepOf(st);
    if (step) steps.push({ kind: 'step', ...step });
    const cond = giveUpOf(st);
    if (cond) steps.push({ kind: 'giveUp', cond, before: true });
  }
  const counters = new Set<string>();
  for (const st of handlerStatements(handler)) {
    const step = stepOf(st);
    if (step) {
      steps.push({ kind: 'step', ...step });
      continue;
    }
    const cond = giveUpOf(st);
    if (cond) steps.push({ kind: 'giveUp', cond, before: false });
  }
  for (const st of steps) if (st.kind === 'step') counters.add(st.name);
  // Checks that read no counter (`if not retryable(e): raise`) are the error's kind, not the count: worst case, they pass.
  const readsCounter = (n: Node) => (n.type === 'identifier' && counters.has(n.text)) || n.descendantsOfType('identifier').some((i) => counters.has(i.text));
  const counted = steps.filter((st) => st.kind === 'step' || readsCounter(st.cond));
  const condition = loop.childForFieldName('condition');
  if (counters.size === 0 || !(counted.some((st) => st.kind === 'giveUp') || (condition && readsCounter(condition)))) return null;
  steps.splice(0, steps.length, ...counted);
  const env = new Map<string, number>();
  for (const name of counters) {
    const start = initialValue(file, loop, name);
    if (start === null) return null;
    env.set(name, start);
  }
  const value = (n: Node): number | boolean | null => {
    const e = unwrap(n);
    switch (e.type) {
      case 'true':
        return true;
      case 'false':
        return false;
      case 'identifier':
        return env.has(e.text) ? env.get(e.text)! : constantNumber(file, e, leaf);
      case 'not_operator': {
        const v = value(e.childForFieldName('argument')!);
        return v === null ? null : !v;
      }
      case 'boolean_operator': {
        const a = value(e.childForFieldName('left')!);
        if (a === null) return null;
        const isAnd = e.childForFieldName('operator')?.type === 'and';
        return isAnd ? (a ? value(e.childForFieldName('right')!) : a) : a ? a : value(e.childForFieldName('right')!);
      }
      case 'comparison_operator': {
        const operands = e.namedChildren.filter((x) => x.type !== 'comment');
        const ops = e.children.filter((x) => !x.isNamed);
        if (operands.length !== 2 || ops.length !== 1) return null;
        const a = value(operands[0]);
        const b = value(operands[1]);
        if (typeof a !== 'number' || typeof b !== 'number') return null;
        switch (ops[0].type) {
          case '<': return a < b;
          case '<=': return a <= b;
          case '>': return a > b;
          case '>=': return a >= b;
          case '==': return a === b;
          case '!=': return a !== b;
          default: return null;
        }
      }
      case 'binary_operator': {
        const a = value(e.childForFieldName('left')!);
        const b = value(e.childForFieldName('right')!);
        if (typeof a !== 'number' || typeof b !== 'number') return null;
        const op = e.childForFieldName('operator')?.type;
        return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : null;
      }
      default:
        return constantNumber(file, e, leaf);
    }
  };
  const cond = loop.childForFieldName('condition');
  for (let pass = 1; pass <= MAX_SIMULATED; pass++) {
    if (cond) {
      const go = value(cond);
      if (go === null) return null;
      if (!go) return pass - 1;
    }
    for (const st of steps) {
      if (st.kind === 'step') {
        const d = value(st.delta);
        if (typeof d !== 'number') return null;
        env.set(st.name, env.get(st.name)! + st.sign * d);
      } else {
        const stop = value(st.cond);
        if (stop === null) return null;
        if (stop) return st.before ? pass - 1 : pass;
      }
    }
  }
  return null;
}

/**
 * `while True:` is bounded only when the handler gives up after a counted number of tries: an `if` that compares a
 * counter (`if attempt >= MAX_RETRIES: raise`). A test of the error itself (`if "429" in str(e): continue`, then
 * `raise`) retries those errors forever.
 */
function givesUp(catchText: string): boolean {
  if (!/\b(raise|break|return)\b/.test(catchText)) return false;
  return [...catchText.matchAll(/\b(?:el)?if\b([^:\n]*):/g)].some(([, cond]) => /[<>]=?|[!=]=/.test(cond) && /\b(\w*(attempt|retr|tries|tried|count|iteration|max|limit|time|deadline|elapsed|start)\w*|i|n|k)\b/i.test(cond));
}

function initialValue(file: PyFile, loop: Node, name: string): number | null {
  const fn = file.functionAt(loop.startIndex);
  if (!fn) {
    const v = file.moduleAssigns.get(name);
    return v?.length ? numericValue(file, v[0]) : null;
  }
  const before = (file.bindingsIn(fn).get(name) ?? []).filter((b) => b.at < loop.startIndex && b.value);
  const last = before[before.length - 1];
  // `remaining = max_retries`: a parameter's default or a constant counts as the start.
  return last?.value ? constantNumber(file, last.value) : null;
}

/** tenacity `for attempt in Retrying(...)` / `async for attempt in AsyncRetrying(...)`. */
function library(file: PyFile, loop: Node): RetryConstruct | null {
  if (loop.type !== 'for_statement') return null;
  const right = loop.childForFieldName('right');
  if (!right) return null;
  let call = unwrap(right);
  if (call.type === 'identifier') {
    const r = resolveExpr(file, call);
    if (r.kind !== 'node' || r.node.type !== 'call') return null;
    call = r.node;
  }
  if (call.type !== 'call') return null;
  const fn = call.childForFieldName('function');
  if (!fn || !isTenacity(file, fn, /^(Async)?Retrying$/) || retriesOnlyPermanentErrors(file, call, 'tenacity', loop.childForFieldName('body'))) return null;
  return tenacity(file, call, 'library', fn);
}

/** `retryer(fn, …)` where `retryer = Retrying(...)`, or `Retrying(...)(fn)`. */
function retryerCall(file: PyFile, call: Node): RetryConstruct | null {
  const fn = call.childForFieldName('function');
  if (!fn) return null;
  let target = unwrap(fn);
  if (target.type === 'identifier') {
    const r = resolveExpr(file, target);
    if (r.kind !== 'node' || r.node.type !== 'call') return null;
    target = r.node;
  }
  if (target.type !== 'call') return null;
  const ctor = target.childForFieldName('function');
  if (!ctor || !isTenacity(file, ctor, /^(Async)?Retrying$|^retry$/) || retriesOnlyPermanentErrors(file, target, 'tenacity')) return null;
  return tenacity(file, target, 'library', ctor);
}

function isTenacity(file: PyFile, callee: Node, name: RegExp): boolean {
  const r = resolveExpr(file, callee);
  if (r.kind !== 'external') return false;
  const m = /^tenacity\.(?:[a-z_.]+\.)?([A-Za-z_]+)$/.exec(r.qualified);
  return !!m && name.test(m[1]);
}

/**
 * tenacity `@retry`, `@retry(...)`, backoff `@backoff.on_exception(...)`, and a name bound to one of those calls
 * (`llm_retry = retry(stop=…)` then `@llm_retry`, in this module or imported), reported where it decorates.
 */
function decoratorRetry(file: PyFile, d: Node): RetryConstruct | null {
  const e = unwrap(d);
  const at = file.span(decoratorNode(d));
  const placed = (policy: RetryConstruct | null): RetryConstruct | null => (policy ? { ...policy, kind: 'decorator', path: file.path, span: at, headSpan: at } : null);
  const decorated = decoratorNode(d).parent?.childForFieldName('definition') ?? null;
  if (e.type === 'call') return placed(retryCall(file, e, 0, decorated));
  const bound = resolveExpr(file, e);
  if (bound.kind === 'external') {
    // A bare `@retry`: tenacity's defaults retry every error, without a bound or a wait.
    if (!/^tenacity\.retry$/.test(bound.qualified)) return null;
    return { kind: 'decorator', label: 'tenacity', attempts: null, source: 'explicit', path: file.path, span: at, headSpan: at, backoff: 'none', jitter: false, catchesAll: true, bounded: false };
  }
  if (e.type !== 'identifier' && e.type !== 'attribute') return null;
  if (bound.kind === 'retry') return placed(bound.policy);
  return bound.kind === 'node' && bound.node.type === 'call' ? placed(retryCall(bound.file, bound.node, 0, decorated)) : null;
}

/**
 * A tenacity `retry(...)` or backoff `on_exception(...)`/`on_predicate(...)` call, read as a retry policy, or a call of a
 * workspace factory that returns one (`def create_retry_decorator(): return retry(stop=stop_after_attempt(3), …)`).
 * None when it retries only errors no request failure raises (a reply that did not parse) in `wrapped`, what it decorates.
 */
export function retryCall(file: PyFile, call: Node, depth = 0, wrapped?: Node | null): RetryConstruct | null {
  const callee = call.childForFieldName('function');
  if (!callee) return null;
  const r = resolveExpr(file, callee);
  if (r.kind === 'function') {
    if (r.returnsRetry) return r.returnsRetry;
    const own = r.path === file.path ? file.functionNamed(r.qualName) : undefined;
    return own && depth < 2 ? returnedRetryPolicy(file, own, depth + 1) : null;
  }
  if (r.kind !== 'external') return null;
  if (/^tenacity\.retry$/.test(r.qualified)) return retriesOnlyPermanentErrors(file, call, 'tenacity', wrapped) ? null : tenacity(file, call, 'decorator', call);
  if (isRetryPackageDecorator(r.qualified)) return retriesOnlyPermanentErrors(file, call, 'retry', wrapped) ? null : retryPackagePolicy(file, call, 'decorator', call, (n) => constantNumber(file, n));
  const bo = /^backoff\.(on_exception|on_predicate)$/.exec(r.qualified);
  if (bo?.[1] === 'on_exception' && retriesOnlyPermanentErrors(file, call, 'backoff', wrapped)) return null;
  return bo ? backoffRetry(file, call, bo[1], call) : null;
}

/** The retry policy a function returns (`return retry(…)`, or a name bound to one in the module). */
export function returnedRetryPolicy(file: PyFile, fn: FnInfo, depth = 0): RetryConstruct | null {
  for (const value of returnedValues(fn)) {
    let v = unwrap(value);
    if (v.type === 'identifier') {
      const bound = resolveExpr(file, v);
      if (bound.kind === 'retry') return bound.policy;
      if (bound.kind !== 'node' || bound.file !== file) continue;
      v = bound.node;
    }
    const policy = v.type === 'call' ? retryCall(file, v, depth) : null;
    if (policy) return policy;
  }
  return null;
}

function decoratorNode(expr: Node): Node {
  return expr.parent?.type === 'decorator' ? expr.parent : expr;
}

function tenacity(file: PyFile, call: Node, kind: 'decorator' | 'library', head: Node): RetryConstruct {
  const args = call.childForFieldName('arguments');
  const stop = keyword(args, 'stop');
  const wait = keyword(args, 'wait');
  const retryOn = keyword(args, 'retry');
  const stopText = stop ? file.src(stop) : '';
  const waitText = wait ? file.src(wait) : '';
  let attempts: number | null = null;
  const m = /stop_after_attempt\(\s*([^)]+?)\s*\)/.exec(stopText);
  if (m && stop) {
    const inner = stop.descendantsOfType('call').find((c) => /stop_after_attempt$/.test(file.src(c.childForFieldName('function') ?? c)));
    attempts = inner ? constantNumber(file, positional(inner.childForFieldName('arguments'), 0)) : null;
  }
  const retryText = retryOn ? file.src(retryOn).replace(/\s+/g, '') : '';
  return {
    kind,
    label: 'tenacity',
    attempts,
    source: 'explicit',
    path: file.path,
    span: file.span(kind === 'decorator' ? head : call),
    headSpan: file.span(head),
    backoff: /exponential|incrementing/.test(waitText) ? 'exponential' : wait ? 'constant' : 'none',
    jitter: /wait_random|jitter/.test(waitText),
    // `retry_if_exception_type()`, `(Exception)`, `((Exception,))`: every error.
    catchesAll: !retryOn || retriesEveryError(file, retryText),
    bounded: stop !== null,
  };
}

/** `retry_if_exception_type()`, `(Exception)`, `((RateLimitError, APIError))`: a class that takes every error. */
function retriesEveryError(file: PyFile, retryText: string): boolean {
  const m = /^retry_if_exception_type\((.*)\)$/.exec(retryText);
  if (!m) return false;
  const names = exceptionNames(file, m[1]);
  return names.length === 0 || names.some((n) => isBroadErrorClass(file, n));
}

function backoffRetry(file: PyFile, call: Node, kind: string, head: Node): RetryConstruct {
  const args = call.childForFieldName('arguments');
  // on_exception(wait_gen, exception, …): either may be passed by keyword.
  const gen = positional(args, 0) ?? keyword(args, 'wait_gen');
  const genText = gen ? file.src(gen) : '';
  const exc = positional(args, 1) ?? keyword(args, 'exception');
  const excText = exc ? file.src(exc) : '';
  const maxTries = keyword(args, 'max_tries');
  const attempts = maxTries ? constantNumber(file, maxTries) : null;
  const jitter = keyword(args, 'jitter');
  return {
    kind: 'decorator',
    label: 'backoff',
    attempts,
    source: 'explicit',
    path: file.path,
    span: file.span(head),
    headSpan: file.span(head),
    backoff: /expo|fibo/.test(genText) ? 'exponential' : 'constant',
    // backoff applies full_jitter unless told `jitter=None`.
    jitter: !jitter || jitter.type !== 'none',
    catchesAll: kind === 'on_exception' && exceptionNames(file, excText).some((n) => isBroadErrorClass(file, n)) && !keyword(args, 'giveup'),
    bounded: maxTries !== null || keyword(args, 'max_time') !== null,
  };
}
