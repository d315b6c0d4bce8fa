// What an `except` clause catches, shared by the retry readers (hand-written loops, Celery tasks).
import type { PyFile } from './file-context';
import type { Sdk } from '../../../core/types';
import { REFUSED_REQUEST_ERROR } from './error-classes';
import { filtersErrors } from './error-filter';
import { unwrap, within, type Node } from './syntax';

/**
 * The handler takes every error and does not choose among them: a bare `except:`, `except Exception` /
 * `BaseException` (alone or in a tuple) where no test of the error decides whether it goes round. `except
 * InternalServerError:` takes one kind.
 */
export function catchesEverything(file: PyFile, handler: Node): boolean {
  const value = handler.childForFieldName('value');
  const caught = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
  if (caught && !exceptionNames(file, file.src(caught)).some((n) => isBroadErrorClass(file, n))) return false;
  return !filtersErrors(file, handler);
}

/**
 * An exception class that takes every error an LLM call raises: `Exception` / `BaseException`, or an SDK's base class
 * (`openai.OpenAIError`, `openai.error.OpenAIError` before 1.0, `openai.APIError`, `anthropic.AnthropicError`,
 * `anthropic.APIError`), which includes 400/401/
 * 404/422 and timeouts alike. A bare `APIError` counts when the module imports it from openai or anthropic (LiteLLM's
 * `APIError` is one 500 error).
 */
export function isBroadErrorClass(file: PyFile, name: string): boolean {
  // openai < 1.0 keeps its classes in `openai.error`: `openai.error.OpenAIError` is the base of every one of them.
  if (/^(builtins\.)?(Exception|BaseException)$/.test(name) || /^(openai\.(error\.)?|anthropic\.)?(OpenAIError|AnthropicError)$/.test(name)) return true;
  if (/^(openai|anthropic)\.APIError$/.test(name)) return true;
  return name === 'APIError' && /^\s*from\s+(openai|anthropic)\s+import\s+[^\n]*\bAPIError\b/m.test(file.text);
}

/** The class names of an exception spec as written: `X`, `(X, Y)`, `X | Y`. */
export function exceptionNames(file: PyFile, spec: string): string[] {
  return spec.replace(/[()\s]/g, '').split(/[,|]/).filter(Boolean);
}

/** Every class the handler names matches `pattern`: `except BadRequestError:`, `except (A, B) as e:`; a bare `except:` names none. */
export function catchesOnly(file: PyFile, handler: Node, pattern: RegExp): boolean {
  const value = handler.childForFieldName('value');
  const caught = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
  if (!caught) return false;
  const types = caught.type === 'tuple' || caught.type === 'parenthesized_expression' ? caught.namedChildren : [caught];
  return types.length > 0 && types.every((t) => pattern.test(file.src(t)));
}

/** The `except` clauses of a try statement. */
export function exceptClauses(tryStmt: Node): Node[] {
  return tryStmt.namedChildren.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
}

/** The SDKs whose calls raise only their own error classes (LiteLLM and LangChain raise openai's, so they are left out). */
const OWN_ERRORS: ReadonlySet<Sdk> = new Set<Sdk>(['openai', 'anthropic', 'google-genai', 'google-generativeai', 'ollama']);
/** Packages whose error classes handlers test by name. */
const ERROR_PACKAGES = ['openai', 'anthropic'];

/**
 * The handler deals only with another SDK's errors, so a call of `sdk` in its try is never retried by it: `except
 * openai.error.RateLimitError:` around `anthropic` (the bot copied from the OpenAI one), or `except Exception as e:`
 * whose `if isinstance(e, openai.error.RateLimitError): … else: need_retry = False` chain retries only those, when
 * `retry` (the call that retries) is guarded by that flag or the `else:` leaves.
 */
export function handlesOnlyOtherSdkErrors(file: PyFile, handler: Node, sdk: Sdk, retry?: Node): boolean {
  if (!OWN_ERRORS.has(sdk)) return false;
  const other = (names: string[]) => names.length > 0 && names.every((n) => { const p = errorPackage(file, n); return p !== null && p !== sdk; });
  const value = handler.childForFieldName('value');
  const caught = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
  if (!caught) return false;
  const names = exceptionNames(file, file.src(caught));
  if (other(names)) return true;
  if (!names.some((n) => isBroadErrorClass(file, n))) return false;
  const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias')?.namedChildren[0] : null;
  const block = handler.namedChildren.find((c) => c.type === 'block');
  if (alias?.type !== 'identifier' || !block) return false;
  return block.namedChildren.some((stmt) => {
    if (stmt.type !== 'if_statement') return false;
    const tests = [stmt.childForFieldName('condition'), ...stmt.namedChildren.filter((c) => c.type === 'elif_clause').map((c) => c.childForFieldName('condition'))];
    const classes: string[] = [];
    for (const t of tests) {
      const c = t ? unwrap(t) : null;
      const args = c?.type === 'call' && c.childForFieldName('function')?.text === 'isinstance' ? c.childForFieldName('arguments')?.namedChildren : null;
      if (!args || args.length !== 2 || args[0].text !== alias.text) return false;
      classes.push(...exceptionNames(file, file.src(args[1])));
    }
    if (!other(classes)) return false;
    const orElse = stmt.namedChildren.find((c) => c.type === 'else_clause')?.namedChildren.find((c) => c.type === 'block');
    if (!orElse || (retry && within(retry, orElse))) return false;
    const last = orElse.namedChildren.filter((c) => c.type !== 'comment').at(-1);
    if (last && ['return_statement', 'raise_statement', 'break_statement'].includes(last.type)) return true;
    // `need_retry = False` in the `else:`, the retry under `if need_retry:`.
    const cleared = orElse.descendantsOfType('assignment').filter((a) => a.childForFieldName('right')?.text === 'False').map((a) => a.childForFieldName('left')?.text);
    for (let p = retry?.parent; p && p.id !== handler.id; p = p.parent) {
      if (p.type === 'if_statement' && cleared.includes(p.childForFieldName('condition')?.text)) return true;
    }
    return false;
  });
}

/** The package an exception class comes from: `openai.error.Timeout`, or `RateLimitError` imported from anthropic. */
function errorPackage(file: PyFile, name: string): string | null {
  const root = name.split('.')[0];
  if (name.includes('.')) return ERROR_PACKAGES.includes(root) ? root : null;
  // `from openai import RateLimitError`, `from anthropic.types import …` (the file's import bindings, read once per parse).
  const b = file.imports.get(root);
  const pkg = b && b.level === 0 && b.name !== null ? b.module.split('.')[0] : null;
  return pkg && ERROR_PACKAGES.includes(pkg) ? pkg : null;
}

/**
 * What the OpenAI and Anthropic SDKs retry, by class name, in groups every one of which a handler must name: a
 * connection failure (timeouts are a subclass), a server error, a rate limit. `APIError` (or `APIStatusError` for the
 * status errors) names the whole of a group.
 */
const SDK_RETRIED_ERRORS = [/^(\w+\.)*(APIConnectionError|APIError)$/, /^(\w+\.)*(InternalServerError|APIStatusError|APIError)$/, /^(\w+\.)*(RateLimitError|APIStatusError|APIError)$/];

/**
 * Handlers ahead of the first one that goes round leave (`exits`) on every error the SDK retries: `except
 * (APITimeoutError, APIConnectionError, InternalServerError): raise` then `except RateLimitError: raise` before
 * `except Exception as e: messages.append(…)`. The loop re-sends only after the model answered badly or the request
 * was refused, each time through the SDK's own retries, never on top of them (getzep/graphiti's BaseOpenAIClient).
 */
export function leavesOnSdkRetriedErrors(file: PyFile, handlers: Node[], exits: (handler: Node) => boolean): boolean {
  const left: string[] = [];
  for (const h of handlers) {
    if (!exits(h)) break;
    const value = h.childForFieldName('value');
    const caught = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
    if (caught) left.push(...exceptionNames(file, file.src(caught)));
  }
  return SDK_RETRIED_ERRORS.every((group) => left.some((n) => group.test(n)));
}

/** The statements of an `except` clause's block, without comments. */
export function handlerStatements(handler: Node): Node[] {
  const block = handler.namedChildren.find((c) => c.type === 'block');
  return block ? block.namedChildren.filter((c) => c.type !== 'comment') : [];
}

const LOG_OR_WAIT = /^(?:print|(?:time|asyncio)\.sleep|sleep|warnings\.warn|(?:self\.)?_?(?:log|logger|logging|LOGGER)\.\w+|st\.(?:warning|error|info))$/;

/**
 * What a retry loop's handler catches when it re-sends a refused request unchanged (babyagi's `except
 * openai.error.InvalidRequestError: print(…); time.sleep(10)`): it takes only refusals (400, 404, 422, context window)
 * and only logs or waits before the next pass, which the API refuses the same way. A handler that changes anything first
 * (trims the prompt, drops a parameter) is a fallback and does not count.
 */
export function resentRefusal(file: PyFile, goingRound: Node[]): string | null {
  for (const h of goingRound) {
    if (!catchesOnly(file, h, REFUSED_REQUEST_ERROR) || !handlerStatements(h).every((s) => logsOrWaits(file, s))) continue;
    const value = h.childForFieldName('value');
    const caught = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
    return caught ? file.src(caught) : null;
  }
  return null;
}

function logsOrWaits(file: PyFile, statement: Node): boolean {
  if (statement.type === 'pass_statement' || statement.type === 'continue_statement') return true;
  if (statement.type !== 'expression_statement') return false;
  const e = unwrap(statement.namedChildren[0] ?? statement);
  const call = e.type === 'await' ? e.namedChildren[0] : e;
  if (call?.type === 'string') return true;
  return call?.type === 'call' && LOG_OR_WAIT.test(file.src(call.childForFieldName('function') ?? call));
}
