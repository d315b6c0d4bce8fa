// What an `except` clause catches, shared by the retry readers (hand-written loops, Celery tasks).
import type { PyFile } from './file-context';
import type { Node } from './syntax';

const CHECKS_ERROR = /status_code|\.status\b|\.code\b|isinstance\(|RateLimit|APIError|APIStatusError|APIConnection|Timeout|retryable|should_retry|\b429\b|\b5\d\d\b/;

/**
 * The handler takes every error and does not look at it: a bare `except:`, `except Exception` / `BaseException`
 * (alone or in a tuple) whose body checks no status, type or message. `except InternalServerError:` takes one kind.
 */
export function catchesEverything(file: PyFile, handler: Node): boolean {
  const value = handler.childForFieldName('value');
  const caught = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
  if (caught && !/(^|[\s(,.])(Exception|BaseException)\s*($|[),])/.test(file.src(caught))) return false;
  const block = handler.namedChildren.find((c) => c.type === 'block');
  return !CHECKS_ERROR.test(block ? file.src(block) : '');
}

/** The `except` clauses of a try statement. */
export function exceptClauses(tryStmt: Node): Node[] {
  return tryStmt.namedChildren.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
}
