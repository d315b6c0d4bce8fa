// Celery task retries. A retried task runs again from the top, so every LLM call in it is sent again: the task is a
// retry layer around the SDK's own, like a tenacity decorator. Two forms: `raise self.retry(exc=exc, …)` in an
// `except` clause around the call, and the declarative `autoretry_for=(…)` on the task decorator.
import { CELERY } from '../../../core/catalog';
import type { RetryConstruct } from '../../../core/types';
import { catchesEverything, exceptClauses } from './except-clauses';
import type { FnInfo, PyFile } from './file-context';
import { resolveExpr } from './resolve';
import { callArguments, keyword, unwrap, within, type Node } from './syntax';
import { numberBehind, numericValue } from './values';

const TASK_DECORATOR = /^celery(\.[A-Za-z_.]+)?\.(shared_task|task)$/;
const GROWING = /\*\*|\bpow\(|<<|exponential|backoff/i;
const JITTER = /random|jitter|uniform|randint/i;

/** The retry policy a Celery task decorator puts around `target` (a call inside the task `fn`), or null. */
export function celeryTaskRetry(file: PyFile, fn: FnInfo, decorator: Node, target: Node): RetryConstruct | null {
  const e = unwrap(decorator);
  const call = e.type === 'call' ? e : null;
  const callee = call ? call.childForFieldName('function') : e;
  if (!callee || !isTaskDecorator(file, callee)) return null;
  const args = call?.childForFieldName('arguments') ?? null;
  const at = file.span(decorator.parent?.type === 'decorator' ? decorator.parent : decorator);
  const base = { kind: 'decorator' as const, label: 'Celery', subject: `policy of Celery task ${fn.name}`, path: file.path, span: at };
  const manual = manualRetry(file, fn, args, target);
  if (manual) return { ...base, ...manual };
  const auto = autoRetry(file, fn, args, target);
  return auto ? { ...base, headSpan: at, ...auto } : null;
}

type Policy = Omit<RetryConstruct, 'kind' | 'label' | 'subject' | 'path' | 'span'>;

/** `@app.task` / `@celery_app.task(...)` on a Celery app, `@shared_task(...)`, `@celery.current_app.task`. */
function isTaskDecorator(file: PyFile, callee: Node): boolean {
  // Most decorators are something else (`@router.post(...)`, `@lru_cache`): look at the name before resolving.
  const name = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee.type === 'identifier' ? callee.text : null;
  if (name !== 'task' && name !== 'shared_task' && callee.type !== 'identifier') return false;
  const r = resolveExpr(file, callee);
  if (r.kind === 'external') return TASK_DECORATOR.test(r.qualified) || (/celery/i.test(r.qualified) && /\.task$/.test(r.qualified));
  const obj = callee.type === 'attribute' && name === 'task' ? callee.childForFieldName('object') : null;
  return !!obj && isCeleryApp(file, obj);
}

/**
 * `app = Celery(...)` in this module; an app built by a factory (`make_celery(flask_app)`) or imported from a module
 * this one cannot read, when the file imports Celery or the name comes from a module named like one (`proj.celery`).
 */
function isCeleryApp(file: PyFile, obj: Node): boolean {
  const r = resolveExpr(file, obj);
  if (r.kind === 'node' && r.node.type === 'call') {
    const ctor = r.node.childForFieldName('function');
    const c = ctor ? resolveExpr(r.file, ctor) : null;
    if (c?.kind === 'external') {
      if (/^celery(\.[a-z_.]+)?\.Celery$/.test(c.qualified)) return true;
      // Another library's class (`RedisHuey(...)`); a function (`make_celery(...)`) may build a Celery app.
      if (/\.[A-Z][^.]*$/.test(c.qualified)) return false;
    }
    return importsCelery(file);
  }
  if (r.kind === 'unknown') {
    const root = unwrap(obj);
    const imp = root.type === 'identifier' ? file.imports.get(root.text) : undefined;
    return importsCelery(file) || (!!imp && /celery/i.test(imp.module));
  }
  return false;
}

function importsCelery(file: PyFile): boolean {
  for (const b of file.imports.values()) if (b.module === 'celery' || b.module.startsWith('celery.')) return true;
  return false;
}

/** A decorator keyword read as a number: a value, `None` (never stops), or unknown (a name or expression). */
type Count = { kind: 'number'; value: number } | { kind: 'none' } | { kind: 'unknown' };

function countOf(file: PyFile, n: Node | null): Count | null {
  if (!n) return null;
  const e = unwrap(n);
  if (e.type === 'none') return { kind: 'none' };
  const v = numericValue(file, e) ?? numberBehind(file, e);
  return v === null ? { kind: 'unknown' } : { kind: 'number', value: v };
}

/** Attempts from the retry limit that applies (`retry(max_retries=…)`, `retry_kwargs`, the task's, Celery's 3). */
function bound(limit: Count | null): Pick<RetryConstruct, 'attempts' | 'bounded' | 'source'> {
  if (!limit) return { attempts: 1 + CELERY.maxRetries.value, bounded: true, source: 'default' };
  if (limit.kind === 'none') return { attempts: null, bounded: false, source: 'explicit' };
  return { attempts: limit.kind === 'number' ? 1 + Math.max(0, limit.value) : null, bounded: true, source: 'explicit' };
}

/** A fixed countdown: none when it is 0 (retried at once). */
function fixedDelay(file: PyFile, countdown: Node | null, decoratorArgs: Node | null): Pick<RetryConstruct, 'backoff' | 'jitter'> {
  const given = countdown ?? keyword(decoratorArgs, 'default_retry_delay');
  const c = countOf(file, given);
  const seconds = c ? (c.kind === 'number' ? c.value : null) : CELERY.defaultRetryDelaySeconds.value;
  return { backoff: seconds === 0 ? 'none' : 'constant', jitter: false };
}

/**
 * `except …: raise self.retry(exc=exc, countdown=…)` (or `<task>.retry(...)`) in a try whose body holds `target`,
 * within the task itself (a function defined inside the task runs elsewhere).
 */
function manualRetry(file: PyFile, fn: FnInfo, decoratorArgs: Node | null, target: Node): Policy | null {
  const bindArg = keyword(decoratorArgs, 'bind');
  const bind = !!bindArg && unwrap(bindArg).type === 'true';
  const receivers = new Set([fn.name, ...(bind && fn.params[0] ? [fn.params[0]] : [])]);
  const found: Array<{ handler: Node; call: Node }> = [];
  for (let p = target.parent; p && !(p.startIndex === fn.node.startIndex && p.endIndex === fn.node.endIndex); p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda') return null;
    if (p.type !== 'try_statement') continue;
    const body = p.childForFieldName('body');
    if (!body || !within(target, body)) continue;
    for (const handler of exceptClauses(p)) {
      const call = retryCallIn(handler, receivers);
      if (call) found.push({ handler, call });
      // `except OpenAIError: return` before `except Exception: raise self.retry(…)`: the SDK's errors end here, so
      // the task never runs the call again (later clauses see only other errors).
      else if (takesSdkErrors(file, handler) && handler.descendantsOfType('raise_statement').length === 0) break;
    }
  }
  if (found.length === 0) return null;
  const all = found.find((f) => catchesEverything(file, f.handler));
  const { handler, call } = all ?? found[0];
  const args = call.childForFieldName('arguments');
  // `retry(max_retries=None)` means "the task's limit"; only the task attribute set to None never stops.
  const perCall = countOf(file, keyword(args, 'max_retries'));
  const limit = perCall && perCall.kind !== 'none' ? perCall : countOf(file, keyword(decoratorArgs, 'max_retries'));
  const countdown = keyword(args, 'countdown') ?? keyword(args, 'eta');
  return {
    ...bound(limit),
    headSpan: file.span(call.childForFieldName('function') ?? call),
    ...countdownPolicy(file, countdown, decoratorArgs),
    catchesAll: catchesEverything(file, handler),
  };
}

/** The SDKs' base error classes: every API, connection and timeout error of the SDK derives from one of them. */
const SDK_BASE_ERRORS = /(^|[\s(,.])(OpenAIError|APIError|AnthropicError)\s*($|[),])/;

/** The clause takes every error the LLM SDK raises: its base class, or every exception. */
function takesSdkErrors(file: PyFile, handler: Node): boolean {
  const value = handler.childForFieldName('value');
  const caught = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
  return !caught || SDK_BASE_ERRORS.test(file.src(caught)) || /(^|[\s(,.])(Exception|BaseException)\s*($|[),])/.test(file.src(caught));
}

/** The `<receiver>.retry(...)` call in an except clause, outside functions defined in it. */
function retryCallIn(handler: Node, receivers: Set<string>): Node | null {
  for (const c of handler.descendantsOfType('call')) {
    const f = c.childForFieldName('function');
    if (f?.type !== 'attribute' || f.childForFieldName('attribute')?.text !== 'retry') continue;
    const obj = f.childForFieldName('object');
    if (obj?.type !== 'identifier' || !receivers.has(obj.text)) continue;
    let nested = false;
    for (let p = c.parent; p && p.id !== handler.id; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') nested = true;
    if (!nested) return c;
  }
  return null;
}

/** A countdown computed from `self.request.retries` with `**` grows; `random` in it adds jitter. */
function countdownPolicy(file: PyFile, countdown: Node | null, decoratorArgs: Node | null): Pick<RetryConstruct, 'backoff' | 'jitter'> {
  if (!countdown) return fixedDelay(file, null, decoratorArgs);
  const c = countOf(file, countdown);
  if (c?.kind === 'number') return fixedDelay(file, countdown, decoratorArgs);
  // A local name: read what it was computed from (`delay = 2 ** self.request.retries`).
  const r = resolveExpr(file, countdown);
  const text = r.kind === 'node' ? r.file.src(r.node) : file.src(countdown);
  const grows = GROWING.test(text) || (/\bretries\b/.test(text) && /[*+]/.test(text));
  return { backoff: grows ? 'exponential' : 'constant', jitter: JITTER.test(text) };
}

/** `autoretry_for=(…)` on the decorator: every error of those types raised out of the task re-runs it. */
function autoRetry(file: PyFile, fn: FnInfo, args: Node | null, target: Node): Omit<Policy, 'headSpan'> | null {
  const types = keyword(args, 'autoretry_for');
  if (!types || isEmpty(types) || swallowed(file, fn, target)) return null;
  const kwargs = retryKwargs(file, keyword(args, 'retry_kwargs'));
  const limit = kwargs.max_retries !== undefined ? countOf(file, kwargs.max_retries) : countOf(file, keyword(args, 'max_retries'));
  // `retry_backoff=True` or a number of seconds; a name or expression is taken as set.
  const backoffArg = keyword(args, 'retry_backoff');
  const backoffOn = backoffArg ? !isFalsy(file, backoffArg) : CELERY.retryBackoff.value;
  const jitterArg = keyword(args, 'retry_jitter');
  const jitterOn = jitterArg ? !isFalsy(file, jitterArg) : CELERY.retryJitter.value;
  const delay = backoffOn ? { backoff: 'exponential' as const, jitter: jitterOn } : fixedDelay(file, kwargs.countdown ?? null, args);
  const typesText = file.src(resolvedTuple(file, types));
  return {
    ...bound(limit),
    ...delay,
    // `dont_autoretry_for` carves errors out, like backoff's `giveup`.
    catchesAll: /(^|[\s(,.[])(Exception|BaseException)\s*($|[),\]])/.test(typesText) && !keyword(args, 'dont_autoretry_for'),
  };
}

function isFalsy(file: PyFile, n: Node): boolean {
  const e = unwrap(n);
  return e.type === 'false' || e.type === 'none' || numericValue(file, e) === 0;
}

function isEmpty(types: Node): boolean {
  const e = unwrap(types);
  return (e.type === 'tuple' || e.type === 'list') && e.namedChildren.filter((c) => c.type !== 'comment').length === 0;
}

/** `RETRYABLE = (openai.RateLimitError, …)` at module level, read where the decorator names it. */
function resolvedTuple(file: PyFile, types: Node): Node {
  const e = unwrap(types);
  if (e.type !== 'identifier') return e;
  const r = resolveExpr(file, e);
  return r.kind === 'node' && r.file === file ? r.node : e;
}

/** `retry_kwargs={"max_retries": 5, "countdown": 10}` or `dict(max_retries=5)`. */
function retryKwargs(file: PyFile, n: Node | null): Record<string, Node> {
  const out: Record<string, Node> = {};
  if (!n) return out;
  const e = unwrap(n);
  if (e.type === 'dictionary') {
    for (const pair of e.namedChildren) {
      if (pair.type !== 'pair') continue;
      const k = pair.childForFieldName('key');
      const v = pair.childForFieldName('value');
      const key = k?.type === 'string' ? file.src(k).replace(/^[rbuRBU]*['"]+|['"]+$/g, '') : null;
      if (key && v) out[key] = v;
    }
  } else if (e.type === 'call' && e.childForFieldName('function')?.text === 'dict') {
    for (const k of callArguments(e.childForFieldName('arguments')).keywords) out[k.name] = k.value;
  }
  return out;
}

/** The call sits in a try (inside the task) whose handler takes every error and never raises: nothing reaches Celery. */
function swallowed(file: PyFile, fn: FnInfo, target: Node): boolean {
  for (let p = target.parent; p && !(p.startIndex === fn.node.startIndex && p.endIndex === fn.node.endIndex); p = p.parent) {
    if (p.type !== 'try_statement') continue;
    const body = p.childForFieldName('body');
    if (!body || !within(target, body)) continue;
    if (exceptClauses(p).some((h) => catchesEverything(file, h) && h.descendantsOfType('raise_statement').length === 0)) return true;
  }
  return false;
}
