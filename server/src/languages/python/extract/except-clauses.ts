// What an `except` clause catches, shared by the retry readers (hand-written loops, Celery tasks).
import type { PyFile } from './file-context';
import { unwrap, type Node } from './syntax';

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
  return !(INSPECTS_ERROR.test(body) && /^\s*raise\b/m.test(body));
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

/** The `except` clauses of a try statement. */
export function exceptClauses(tryStmt: Node): Node[] {
  return tryStmt.namedChildren.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
}
