// A retry decorator or helper that retries only errors no transport failure raises (pinecone-io/canopy's FunctionLLM):
//   @retry(stop=stop_after_attempt(3), retry=retry_if_exception_type((json.JSONDecodeError, jsonschema.ValidationError)))
//   @backoff.on_exception(backoff.expo, (JSONDecodeError, ValidationError))
// The model answered and the answer did not parse. A rate limit or a server error leaves at the first attempt, after
// the SDK's own retries: the layers never multiply, and only the SDK retries transient failures.
import { PERMANENT_ERROR } from './error-classes';
import { exceptClauses, exceptionNames } from './except-clauses';
import type { PyFile } from './file-context';
import { calledFunction, resolveExpr, returnedValues } from './resolve';
import { keyword, positional, unwrap, type Node } from './syntax';

/**
 * The tenacity `retry(…)`/`Retrying(…)`, backoff `on_exception(…)` or retry package `retry(…)`/`retry_call(…)` call
 * retries only errors of PERMANENT_ERROR, and `wrapped` (the code it retries, when known) raises none of them from an
 * `except` clause: `except APIError as e: raise ValueError(…)` turns transport failures into retried ones.
 */
export function retriesOnlyPermanentErrors(file: PyFile, call: Node, library: 'tenacity' | 'backoff' | 'retry' | 'retry_call', wrapped?: Node | null): boolean {
  const args = call.childForFieldName('arguments');
  let names: string[] | null;
  if (library === 'tenacity') {
    const condition = keyword(args, 'retry');
    names = condition ? retriedErrors(file, condition, 0) : null;
  } else if (library !== 'backoff') {
    // The retry package: `retry(exceptions, …)`, `retry_call(f, fargs, fkwargs, exceptions, …)`.
    const spec = keyword(args, 'exceptions') ?? positional(args, library === 'retry' ? 0 : 3);
    names = spec ? permanent(exceptionNames(file, file.src(spec))) : null;
  } else {
    const spec = positional(args, 1) ?? keyword(args, 'exception');
    names = spec ? permanent(exceptionNames(file, file.src(spec))) : null;
  }
  return names !== null && !(wrapped && raisesFromHandler(file, wrapped, names));
}

/** The error classes a tenacity retry condition retries, when all are permanent; null when any other error may be. */
function retriedErrors(file: PyFile, condition: Node, depth: number): string[] | null {
  const e = unwrap(condition);
  // `retry_if_exception_type(A) | retry_if_exception_type(B)`: either.
  if (e.type === 'binary_operator' && e.childForFieldName('operator')?.type === '|') {
    const left = retriedErrors(file, e.childForFieldName('left')!, depth);
    const right = left && retriedErrors(file, e.childForFieldName('right')!, depth);
    return left && right ? [...left, ...right] : null;
  }
  if (e.type !== 'call') return null;
  const callee = e.childForFieldName('function');
  const r = callee ? resolveExpr(file, callee) : null;
  const m = r?.kind === 'external' ? /^tenacity\.(?:[a-z_.]+\.)?([A-Za-z_]+)$/.exec(r.qualified) : null;
  const args = e.childForFieldName('arguments');
  switch (m?.[1]) {
    case 'retry_if_exception_type': {
      // Without an argument it retries every error.
      const spec = positional(args, 0) ?? keyword(args, 'exception_types');
      return spec ? permanent(exceptionNames(file, file.src(spec))) : null;
    }
    case 'retry_if_exception': {
      const predicate = positional(args, 0) ?? keyword(args, 'predicate');
      return predicate && depth < 2 ? predicateErrors(file, predicate) : null;
    }
    case 'retry_any': {
      const parts = (args?.namedChildren ?? []).filter((c) => c.type !== 'comment');
      const all: string[] = [];
      for (const p of parts) {
        const names = p.type === 'keyword_argument' || p.type === 'list_splat' ? null : retriedErrors(file, p, depth + 1);
        if (!names) return null;
        all.push(...names);
      }
      return all.length ? all : null;
    }
    default:
      return null;
  }
}

/** `lambda e: isinstance(e, (JSONDecodeError, ValidationError))`, or a function of this module returning such tests. */
function predicateErrors(file: PyFile, predicate: Node): string[] | null {
  const p = unwrap(predicate);
  let tests: Node[];
  if (p.type === 'lambda') {
    const body = p.childForFieldName('body');
    tests = body ? [body] : [];
  } else {
    const called = p.type === 'identifier' || p.type === 'attribute' ? calledFunction(file, p) : null;
    tests = called && 'local' in called ? returnedValues(called.local) : [];
  }
  const all: string[] = [];
  for (const t of tests) {
    const names = isinstanceErrors(file, t);
    if (!names) return null;
    all.push(...names);
  }
  return all.length ? all : null;
}

/** `isinstance(e, (A, B))`, or such tests joined by `or`, naming permanent errors only. */
function isinstanceErrors(file: PyFile, test: Node): string[] | null {
  const e = unwrap(test);
  if (e.type === 'boolean_operator' && e.childForFieldName('operator')?.type === 'or') {
    const left = isinstanceErrors(file, e.childForFieldName('left')!);
    const right = left && isinstanceErrors(file, e.childForFieldName('right')!);
    return left && right ? [...left, ...right] : null;
  }
  if (e.type !== 'call' || e.childForFieldName('function')?.text !== 'isinstance') return null;
  const args = (e.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c.type !== 'comment');
  return args.length === 2 ? permanent(exceptionNames(file, file.src(args[1]))) : null;
}

function permanent(names: string[]): string[] | null {
  return names.length > 0 && names.every((n) => PERMANENT_ERROR.test(n)) ? names : null;
}

/** An `except` clause in `code` raises one of the classes `names` (compared by their last part). */
function raisesFromHandler(file: PyFile, code: Node, names: string[]): boolean {
  const last = new Set(names.map((n) => n.split('.').at(-1)));
  const tries = code.type === 'try_statement' ? [code, ...code.descendantsOfType('try_statement')] : code.descendantsOfType('try_statement');
  return tries.some((t) =>
    exceptClauses(t).some((h) =>
      h.descendantsOfType('raise_statement').some((r) => {
        const raised = r.namedChildren.find((c) => c.type !== 'comment');
        const cls = raised ? /^([\w.]+)\s*(\(|$)/.exec(file.src(raised))?.[1] : undefined;
        return !!cls && last.has(cls.split('.').at(-1));
      }),
    ),
  );
}
