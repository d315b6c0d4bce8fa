// What an `except` clause catches, shared by the retry readers (hand-written loops, Celery tasks).
import type { PyFile } from './file-context';
import type { Sdk } from '../../../core/types';
import { unwrap, within, type Node } from './syntax';

const CHECKS_ERROR = /status_code|\.status\b|\.code\b|isinstance\(|RateLimit|APIError|APIStatusError|APIConnection|Timeout|retryable|should_retry|\b429\b|\b5\d\d\b/;

/**
 * The handler takes every error and does not look at it: a bare `except:`, `except Exception` / `BaseException`
 * (alone or in a tuple) whose body checks no status, type or message. `except InternalServerError:` takes one kind.
 */
export function catchesEverything(file: PyFile, handler: Node): boolean {
  const value = handler.childForFieldName('value');
  const caught = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
  if (caught && !exceptionNames(file, file.src(caught)).some((n) => isBroadErrorClass(file, n))) return false;
  const block = handler.namedChildren.find((c) => c.type === 'block');
  const body = block ? file.src(block) : '';
  if (CHECKS_ERROR.test(body) || (block && errorHelperDecidesExit(handler, block))) return false;
  // `if any(m in str(exc) for m in TRANSIENT): continue` … `raise`: the message decides, and the rest is re-raised.
  if (INSPECTS_ERROR.test(body) && /^\s*raise\b/m.test(body)) return false;
  // …or the loop is left (`else: break`, then `raise last_error` after it).
  return !(block && errorTextDecidesExit(file, handler, block));
}

/**
 * An `if` on the caught error's text (`str(e)`, or a name computed from it: `is_transient = any(p in str(e).lower()
 * for p in PATTERNS)`) goes on for one outcome and leaves the loop (break/return/raise) for the other, in its `else:`
 * or right after it. Errors whose message names none of the patterns are never retried.
 */
function errorTextDecidesExit(file: PyFile, handler: Node, block: Node): boolean {
  const value = handler.childForFieldName('value');
  const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias')?.namedChildren[0] : null;
  if (alias?.type !== 'identifier') return false;
  const e = alias.text;
  const readsText = new RegExp(`\\b(str|repr)\\(\\s*${e}\\s*\\)|\\b${e}\\.(args|message)\\b`);
  const fromText = new Set<string>();
  const reads = (n: Node) => readsText.test(file.src(n)) || n.descendantsOfType('identifier').some((i) => fromText.has(i.text));
  // Two passes: `msg = str(e).lower()` then `transient = any(p in msg for p in PATTERNS)`.
  for (let pass = 0; pass < 2; pass++) {
    for (const a of block.descendantsOfType('assignment')) {
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (left?.type === 'identifier' && right && reads(right)) fromText.add(left.text);
    }
  }
  const leaves = (b: Node | null | undefined) => {
    const last = b?.namedChildren.filter((c) => c.type !== 'comment').at(-1);
    return last?.type === 'break_statement' || last?.type === 'return_statement' || last?.type === 'raise_statement';
  };
  return block.descendantsOfType('if_statement').some((stmt) => {
    const cond = stmt.childForFieldName('condition');
    if (!cond || !reads(cond)) return false;
    const branches = [stmt.childForFieldName('consequence'), ...stmt.namedChildren.filter((c) => c.type === 'elif_clause').map((c) => c.childForFieldName('consequence'))];
    const orElse = stmt.namedChildren.find((c) => c.type === 'else_clause');
    // Without an `else:`, what runs when the test fails is the statement after the `if`.
    const next = stmt.nextNamedSibling?.type === 'comment' ? null : stmt.nextNamedSibling;
    const otherwise = orElse ? leaves(orElse.namedChildren.find((c) => c.type === 'block')) : !!next && ['break_statement', 'return_statement', 'raise_statement'].includes(next.type);
    const outcomes = [...branches.map(leaves), otherwise];
    return outcomes.some(Boolean) && outcomes.some((x) => !x);
  });
}

/**
 * The handler hands the error to a function whose answer decides whether the loop goes on: `e = await
 * self._on_error(e, attempt)` then `if e: return e`, or `if self._fatal(e): raise`. Which errors are retried is that
 * function's choice.
 */
function errorHelperDecidesExit(handler: Node, block: Node): boolean {
  const value = handler.childForFieldName('value');
  const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias')?.namedChildren[0] : null;
  if (alias?.type !== 'identifier') return false;
  const givenError = (n: Node): boolean => {
    const e = unwrap(n);
    return e.type === 'call' && (e.childForFieldName('arguments')?.namedChildren ?? []).some((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value') : a)?.text === alias.text);
  };
  const answers = new Set<string>();
  for (const st of block.namedChildren) {
    const e = st.type === 'expression_statement' ? st.namedChildren[0] : null;
    if (e?.type === 'assignment') {
      const left = e.childForFieldName('left');
      const right = e.childForFieldName('right');
      if (left?.type === 'identifier' && right && givenError(right)) answers.add(left.text);
      continue;
    }
    if (st.type !== 'if_statement') continue;
    const cond = st.childForFieldName('condition');
    const exits = st.childForFieldName('consequence')?.namedChildren.some((c) => c.type === 'return_statement' || c.type === 'break_statement' || c.type === 'raise_statement');
    if (!cond || !exits) continue;
    const reads = [cond, ...cond.descendantsOfType(['identifier', 'call'])];
    if (reads.some((n) => (n.type === 'identifier' && answers.has(n.text)) || (n.type === 'call' && givenError(n)))) return true;
  }
  return false;
}

/** Reads the caught error's text or attributes: `str(exc)`, `repr(e)`, `e.args`, `getattr(e, "code", …)`, `type(e)`. */
const INSPECTS_ERROR = /\b(str|repr|type)\(\s*\w+\s*\)|\.args\b|\bgetattr\(\s*\w+\s*,/;

/**
 * An exception class that takes every error an LLM call raises: `Exception` / `BaseException`, or an SDK's base class
 * (`openai.OpenAIError`, `openai.APIError`, `anthropic.AnthropicError`, `anthropic.APIError`), which includes 400/401/
 * 404/422 and timeouts alike. A bare `APIError` counts when the module imports it from openai or anthropic (LiteLLM's
 * `APIError` is one 500 error).
 */
export function isBroadErrorClass(file: PyFile, name: string): boolean {
  if (/^(builtins\.)?(Exception|BaseException)$/.test(name) || /^(openai\.|anthropic\.)?(OpenAIError|AnthropicError)$/.test(name)) return true;
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
 * Errors no SDK retries and no second identical request mends: a 400, a rejected key, a reply that failed to parse or
 * validate (`json.JSONDecodeError`, pydantic's or jsonschema's `ValidationError`, LangChain's `OutputParserException`).
 * Repeating the call on these sends one more request, each through the SDK's own retries, never a product of both.
 */
export const PERMANENT_ERROR = /^(\w+\.)*(BadRequestError|AuthenticationError|PermissionDeniedError|NotFoundError|UnprocessableEntityError|ContextWindowExceededError|ContentPolicyViolationError|\w*ValidationError|ValueError|KeyError|TypeError|IndexError|AttributeError|\w*DecodeError|OutputParserException)$/;
