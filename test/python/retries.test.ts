import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { RetryConstruct } from '../../server/src/core/types';
import { analyzeSnippet, initPython, onlySite, slice } from './helpers';

before(initPython);

const HEADER = `import time, random, asyncio\nfrom openai import OpenAI\nclient = OpenAI()\n`;
const CALL = `client.chat.completions.create(model="gpt-4o", messages=[])`;

function retries(code: string): RetryConstruct[] {
  return onlySite(analyzeSnippet(HEADER + code)).retries;
}

function shape(r: RetryConstruct) {
  return { kind: r.kind, label: r.label, attempts: r.attempts, bounded: r.bounded, backoff: r.backoff, jitter: r.jitter, catchesAll: r.catchesAll };
}

describe('hand-written retry loops', () => {
  it('for range(n) with try/except, fixed sleep, catching everything', () => {
    const [r] = retries(`def ask():
    for attempt in range(5):
        try:
            return ${CALL}
        except Exception:
            time.sleep(1)
`);
    assert.deepEqual(shape(r), { kind: 'loop', label: 'loop', attempts: 5, bounded: true, backoff: 'constant', jitter: false, catchesAll: true });
  });

  it('exponential backoff with jitter on retryable errors only', () => {
    const [r] = retries(`import openai
def ask():
    for i in range(1, 4):
        try:
            return ${CALL}
        except (openai.RateLimitError, openai.APIConnectionError):
            time.sleep(2 ** i + random.uniform(0, 1))
`);
    assert.deepEqual(shape(r), { kind: 'loop', label: 'loop', attempts: 3, bounded: true, backoff: 'exponential', jitter: true, catchesAll: false });
  });

  it('bare except with pass and no sleep is a retry without waiting; attempts from a constant', () => {
    const facts = analyzeSnippet(`${HEADER}MAX_TRIES = 3
async def ask():
    for n in range(MAX_TRIES):
        try:
            return await ${CALL}
        except:
            pass
`);
    const [r] = onlySite(facts).retries;
    assert.deepEqual(shape(r), { kind: 'loop', label: 'loop', attempts: 3, bounded: true, backoff: 'none', jitter: false, catchesAll: true });
    assert.equal(slice(facts, r.headSpan), 'for');
    assert.deepEqual(r.loopFix, { counter: 'n', errorVar: null, catchBodyStart: facts.text.indexOf('except:') + 7, isAsync: true, anotherAttempt: 'n + 1 < MAX_TRIES' });
  });

  it('while True is unbounded unless the handler gives up; while with a counter is bounded', () => {
    const [a] = retries(`def a():
    while True:
        try:
            return ${CALL}
        except Exception as e:
            print(e)
`);
    assert.deepEqual([a.attempts, a.bounded, a.catchesAll], [null, false, true]);
    const [b] = retries(`def b():
    attempt = 0
    while attempt < 4:
        try:
            return ${CALL}
        except Exception as e:
            if e.status_code != 429:
                raise
            attempt += 1
            time.sleep(0.5 * attempt)
`);
    assert.deepEqual(shape(b), { kind: 'loop', label: 'loop', attempts: 4, bounded: true, backoff: 'exponential', jitter: false, catchesAll: false });
  });

  it('gives a fix anchor after the except header', () => {
    const facts = analyzeSnippet(`${HEADER}def ask():
    for attempt in range(3):
        try:
            return ${CALL}
        except Exception as err:
            log(err)
`);
    const [r] = onlySite(facts).retries;
    assert.equal(r.loopFix?.counter, 'attempt');
    assert.equal(r.loopFix?.errorVar, 'err');
    assert.equal(r.loopFix?.isAsync, false);
    assert.equal(facts.text.slice(r.loopFix!.catchBodyStart - 1, r.loopFix!.catchBodyStart + 1), ':\n');
  });

  it('ignores iteration over items, handlers that re-raise, and try/finally', () => {
    assert.deepEqual(retries(`def a(items):
    for item in items:
        try:
            ${CALL}
        except Exception:
            continue
`), []);
    assert.deepEqual(retries(`def b():
    for i in range(3):
        try:
            return ${CALL}
        except Exception:
            raise
`), []);
    assert.deepEqual(retries(`def c():
    for i in range(3):
        try:
            return ${CALL}
        finally:
            print(i)
`), []);
  });

  it('finds loops around calls to a wrapper function in the same file', () => {
    const rs = analyzeSnippet(`${HEADER}def once(q):
    return ${CALL}

def ask(q):
    for _ in range(3):
        try:
            return once(q)
        except Exception:
            time.sleep(1)
`).callSites[0].retries;
    assert.deepEqual(rs.map((r) => [r.kind, r.attempts]), [['loop', 3]]);
  });
});

describe('retry libraries', () => {
  it('tenacity @retry with stop, wait and retry predicates', () => {
    const [r] = retries(`from tenacity import retry, stop_after_attempt, wait_random_exponential, retry_if_exception_type
import openai
@retry(stop=stop_after_attempt(6), wait=wait_random_exponential(min=1, max=60), retry=retry_if_exception_type(openai.RateLimitError))
def ask():
    return ${CALL}
`);
    assert.deepEqual(shape(r), { kind: 'decorator', label: 'tenacity', attempts: 6, bounded: true, backoff: 'exponential', jitter: true, catchesAll: false });
  });

  it('bare tenacity @retry retries forever on every error', () => {
    const [r] = retries(`import tenacity
@tenacity.retry
def ask():
    return ${CALL}
`);
    assert.deepEqual(shape(r), { kind: 'decorator', label: 'tenacity', attempts: null, bounded: false, backoff: 'none', jitter: false, catchesAll: true });
  });

  it('tenacity Retrying / AsyncRetrying loops', () => {
    const [r] = retries(`from tenacity import AsyncRetrying, stop_after_attempt, wait_fixed
async def ask():
    async for attempt in AsyncRetrying(stop=stop_after_attempt(3), wait=wait_fixed(2)):
        with attempt:
            return await ${CALL}
`);
    assert.deepEqual(shape(r), { kind: 'library', label: 'tenacity', attempts: 3, bounded: true, backoff: 'constant', jitter: false, catchesAll: true });
  });

  it('backoff.on_exception: expo with default full jitter', () => {
    const [r] = retries(`import backoff
@backoff.on_exception(backoff.expo, Exception, max_tries=5)
def ask():
    return ${CALL}
`);
    assert.deepEqual(shape(r), { kind: 'decorator', label: 'backoff', attempts: 5, bounded: true, backoff: 'exponential', jitter: true, catchesAll: true });
    const [s] = retries(`import backoff, openai
@backoff.on_exception(backoff.constant, openai.RateLimitError, jitter=None, max_time=30)
def ask():
    return ${CALL}
`);
    assert.deepEqual(shape(s), { kind: 'decorator', label: 'backoff', attempts: null, bounded: true, backoff: 'constant', jitter: false, catchesAll: false });
  });

  it('orders constructs innermost first', () => {
    const rs = retries(`from tenacity import retry, stop_after_attempt
@retry(stop=stop_after_attempt(2))
def ask():
    for i in range(3):
        try:
            return ${CALL}
        except Exception:
            pass
`);
    assert.deepEqual(rs.map((r) => r.kind), ['loop', 'decorator']);
  });

  it('the retry package: tries counts attempts, and is forever when left out (audit 129)', () => {
    const [r] = retries(`from retry import retry
class Throttled(Exception): ...
@retry(exceptions=(Throttled,), tries=3, delay=60, backoff=2, jitter=(0, 2))
def ask():
    return ${CALL}
`);
    assert.deepEqual(shape(r), { kind: 'decorator', label: 'retry package', attempts: 3, bounded: true, backoff: 'exponential', jitter: true, catchesAll: false });
    const [d] = retries(`import retry
@retry.retry()
def ask():
    return ${CALL}
`);
    assert.deepEqual(shape(d), { kind: 'decorator', label: 'retry package', attempts: null, bounded: false, backoff: 'none', jitter: false, catchesAll: true });
    const [fixed] = retries(`from retry import retry
@retry(Exception, 4, 2)
def ask():
    return ${CALL}
`);
    assert.deepEqual(shape(fixed), { kind: 'decorator', label: 'retry package', attempts: 4, bounded: true, backoff: 'constant', jitter: false, catchesAll: true });
    const [call] = retries(`from retry.api import retry_call
def ask():
    return retry_call(lambda: ${CALL}, exceptions=Exception, tries=2)
`);
    assert.deepEqual(shape(call), { kind: 'library', label: 'retry package', attempts: 2, bounded: true, backoff: 'none', jitter: false, catchesAll: true });
  });

  it('does not take tenacity\'s retry, or a function of the module named retry, for the retry package', () => {
    const [t] = retries(`from tenacity import retry
@retry(tries=3)
def ask():
    return ${CALL}
`);
    assert.equal(t.label, 'tenacity');
    assert.deepEqual(
      retries(`def retry(tries=1):
    return lambda fn: fn
@retry(tries=3)
def ask():
    return ${CALL}
`),
      [],
    );
    // A parse-only retry (the reply did not parse) is no transport retry layer.
    assert.deepEqual(
      retries(`import json
from retry import retry
@retry(json.JSONDecodeError, tries=3)
def ask():
    return json.loads(${CALL}.choices[0].message.content)
`),
      [],
    );
  });
});

describe('LangChain runnables that retry or fall back', () => {
  const lc = (code: string) =>
    onlySite(analyzeSnippet(`from langchain_anthropic import ChatAnthropic\nfrom langchain_openai import ChatOpenAI\n${code}`)).retries.map((r) => [r.label, r.attempts, r.source]);

  it('with_retry is a layer of its own: stop_after_attempt, or RunnableRetry\'s 3', () => {
    assert.deepEqual(lc(`llm = ChatOpenAI(model="gpt-4o", timeout=60, max_retries=3).with_retry(stop_after_attempt=5)\ndef ask(q):\n    return llm.invoke(q)\n`), [['LangChain with_retry', 5, 'explicit']]);
    assert.deepEqual(lc(`llm = ChatOpenAI(model="gpt-4o", timeout=60)\ndef ask(q):\n    return llm.bind(stop=["x"]).with_retry().invoke(q)\n`), [['LangChain with_retry', 3, 'default']]);
  });

  it('with_fallbacks multiplies by the models it may try, and the loop around stays outermost', () => {
    assert.deepEqual(
      lc(`primary = ChatOpenAI(model="gpt-4o", timeout=30)\nbackup = ChatAnthropic(model="claude-sonnet-4-5", timeout=30)\nllm = primary.with_fallbacks([backup])\ndef ask(q):\n    for _ in range(3):\n        try:\n            return llm.invoke(q)\n        except Exception:\n            continue\n`),
      [
        ['LangChain fallbacks', 2, 'explicit'],
        ['loop', 3, 'explicit'],
      ],
    );
  });

  it('a plain model, or a model rebound in between, has no such layer', () => {
    assert.deepEqual(lc(`llm = ChatOpenAI(model="gpt-4o", timeout=60)\ndef ask(q):\n    return llm.invoke(q)\n`), []);
  });

  it('streams are not retried by with_retry; a count read through a constant; an exception filter without transient errors', () => {
    assert.deepEqual(lc(`llm = ChatOpenAI(model="gpt-4o", timeout=60).with_retry(stop_after_attempt=5)\ndef ask(q):\n    for c in llm.stream(q):\n        print(c.content)\n`), []);
    assert.deepEqual(lc(`MAX_ATTEMPTS = 8\nllm = ChatOpenAI(model="gpt-4o", timeout=60).with_retry(stop_after_attempt=MAX_ATTEMPTS)\ndef ask(q):\n    return llm.invoke(q)\n`), [['LangChain with_retry', 8, 'explicit']]);
    assert.deepEqual(lc(`llm = ChatOpenAI(model="gpt-4o", timeout=60).with_retry(stop_after_attempt=get_attempts())\ndef ask(q):\n    return llm.invoke(q)\n`), [['LangChain with_retry', null, 'explicit']]);
    assert.deepEqual(lc(`from langchain_core.exceptions import OutputParserException\nllm = ChatOpenAI(model="gpt-4o", timeout=60).with_retry(retry_if_exception_type=(OutputParserException,), stop_after_attempt=4)\ndef ask(q):\n    return llm.invoke(q)\n`), []);
  });

  it('fallbacks add each runnable\'s own passes, and retries inside a pipe are found', () => {
    assert.deepEqual(
      lc(`primary = ChatOpenAI(model="gpt-4o", timeout=30).with_retry(stop_after_attempt=5)\nbackup = ChatAnthropic(model="claude-sonnet-4-5", timeout=30)\nllm = primary.with_fallbacks([backup])\ndef ask(q):\n    return llm.invoke(q)\n`),
      [['LangChain with_retry and fallbacks', 6, 'explicit']],
    );
    assert.deepEqual(lc(`from langchain_core.prompts import ChatPromptTemplate\nprompt = ChatPromptTemplate.from_messages([("human", "{q}")])\nchain = prompt | ChatOpenAI(model="gpt-4o", timeout=30).with_retry(stop_after_attempt=4)\ndef ask(q):\n    return chain.invoke({"q": q})\n`), [['LangChain with_retry', 4, 'explicit']]);
  });
});

describe('a function that retries by calling itself from its except clause (audit 109)', () => {
  it('a counter checked on entry: `if retry_count >= 2: return` makes two attempts', () => {
    const facts = analyzeSnippet(`${HEADER}class Bot:
    def _chat(self, q, context, retry_count=0):
        if retry_count >= 2:
            return "ask again"
        try:
            return ${CALL}
        except Exception as e:
            time.sleep(2)
            return self._chat(q, context, retry_count + 1)
`);
    const [r] = onlySite(facts).retries;
    assert.deepEqual(shape(r), { kind: 'loop', label: '_chat', attempts: 2, bounded: true, backoff: 'constant', jitter: false, catchesAll: true });
    assert.equal(r.subject, 'by recursion in _chat');
    assert.equal(slice(facts, r.headSpan), 'self._chat');
  });

  it('`need_retry = retry_count < 2` then `if need_retry:` around the call makes three attempts', () => {
    const [r] = retries(`import openai
class Bot:
    def reply_text(self, session, api_key=None, retry_count=0):
        try:
            return ${CALL}
        except Exception as e:
            need_retry = retry_count < 2
            if isinstance(e, openai.RateLimitError):
                if need_retry:
                    time.sleep(20)
            else:
                need_retry = False
            if need_retry:
                return self.reply_text(session, api_key, retry_count + 1)
            return None
`);
    assert.deepEqual(shape(r), { kind: 'loop', label: 'reply_text', attempts: 3, bounded: true, backoff: 'constant', jitter: false, catchesAll: false });
  });

  it('a budget checked before the try gives up before the pass that would exceed it', () => {
    const [down] = retries(`import openai
def ask(q, max_retries=3):
    remaining = max_retries
    while True:
        if remaining == 0:
            raise RuntimeError("out of retries")
        remaining -= 1
        try:
            return ${CALL}
        except openai.APIError:
            continue
`);
    assert.deepEqual([down.attempts, down.bounded], [3, true]);
    const [up] = retries(`import openai
def ask(q):
    attempt = 0
    while True:
        attempt += 1
        if attempt > 4:
            raise RuntimeError("out of retries")
        try:
            return ${CALL}
        except openai.APIError:
            continue
`);
    assert.deepEqual([up.attempts, up.bounded], [4, true]);
    // A check of the input, not of a counter, bounds nothing.
    const [input] = retries(`import openai
def ask(q):
    while True:
        if not q:
            raise ValueError("empty")
        try:
            return ${CALL}
        except openai.APIError:
            continue
`);
    assert.deepEqual([input.attempts, input.bounded], [null, false]);
  });

  it('a success path after the try that parses and leaves keeps the loop a retry; an agent turn after it does not', () => {
    const [r] = retries(`import openai
def ask(q, parser, max_retries=3):
    remaining = max_retries
    while True:
        if remaining == 0:
            raise RuntimeError("out of retries")
        remaining -= 1
        try:
            response = ${CALL}
        except openai.RateLimitError:
            if remaining > 1:
                time.sleep(5)
                continue
            else:
                raise
        except openai.APIError:
            continue
        if parser:
            try:
                return parser(response)
            except ValueError:
                q = q + " Answer in JSON."
                continue
        else:
            break
`);
    assert.deepEqual([r.kind, r.attempts, r.bounded, r.catchesAll], ['loop', 3, true, true]);
    const none = retries(`import openai
def agent(q):
    while True:
        try:
            response = ${CALL}
        except openai.APIError:
            continue
        if response.choices[0].message.tool_calls:
            q = q + " (tools ran)"
            continue
        else:
            return response
`);
    assert.deepEqual(none, []);
  });

  it('a budget counted down, `if retries <= 0: raise` in the handler, makes retries + 1 attempts', () => {
    const [r] = retries(`def ask(q, retries=3):
    try:
        return ${CALL}
    except Exception:
        if retries <= 0:
            raise
        time.sleep(2 ** (3 - retries) + random.random())
        return ask(q, retries - 1)
`);
    assert.deepEqual(shape(r), { kind: 'loop', label: 'ask', attempts: 4, bounded: true, backoff: 'exponential', jitter: true, catchesAll: true });
  });

  it('no counter, or a counter nothing compares, never stops', () => {
    const [a] = retries(`def ask(q):
    try:
        return ${CALL}
    except Exception:
        time.sleep(1)
        return ask(q)
`);
    assert.deepEqual(shape(a), { kind: 'loop', label: 'ask', attempts: null, bounded: false, backoff: 'constant', jitter: false, catchesAll: true });
    const [b] = retries(`def ask(q, attempt=0):
    try:
        return ${CALL}
    except Exception:
        return ask(q, attempt + 1)
`);
    assert.deepEqual(shape(b), { kind: 'loop', label: 'ask', attempts: null, bounded: false, backoff: 'none', jitter: false, catchesAll: true });
  });

  it('not a retry: a call with another argument, a page moved on, a call outside the except clause', () => {
    assert.deepEqual(retries(`def ask(q, model="gpt-4o"):
    try:
        return ${CALL}
    except Exception:
        return ask(q, model="gpt-4o-mini")
`), []);
    assert.deepEqual(retries(`def fetch(page=0):
    try:
        return ${CALL}
    except Exception:
        if page < 10:
            return fetch(page + 1)
`), []);
    assert.deepEqual(retries(`def run(messages, turn=0):
    r = ${CALL}
    if r.choices[0].message.tool_calls and turn < 5:
        return run(messages + [r.choices[0].message], turn + 1)
    return r
`), []);
  });
});

describe('a handler that decides by the error message text (audit 109)', () => {
  it('`if is_transient: continue` / `else: break` on str(e) retries only those errors; logging str(e) retries all', () => {
    const [filtered] = retries(`def ask():
    last = None
    for attempt in range(3):
        try:
            return ${CALL}
        except Exception as e:
            last = e
            is_transient = any(p in str(e).lower() for p in ["rate limit", "timeout"])
            if is_transient:
                time.sleep(2 ** attempt)
                continue
            else:
                break
    raise last
`);
    assert.equal(filtered.catchesAll, false);
    const [logged] = retries(`def ask():
    for attempt in range(3):
        try:
            return ${CALL}
        except Exception as e:
            msg = str(e)
            if "rate limit" in msg:
                print(msg)
            if attempt == 2:
                break
            time.sleep(2 ** attempt)
`);
    assert.equal(logged.catchesAll, true);
  });
});

describe('an error test filters only when it decides what happens next (audit 126)', () => {
  it('`str(e)` in a log line and in the final raise decides nothing: every error is retried', () => {
    const [r] = retries(`async def ask():
    for attempt in range(3):
        try:
            return await ${CALL}
        except Exception as e:
            if attempt < 2:
                print(f"OpenAI error: {str(e)}, retrying")
                await asyncio.sleep(2 ** attempt)
            else:
                raise RuntimeError(f"OpenAI error: {str(e)}")
`);
    assert.equal(r.catchesAll, true);
  });

  it('a status only logged decides nothing; one that guards the raise filters', () => {
    const [logged] = retries(`def ask():
    for attempt in range(3):
        try:
            return ${CALL}
        except Exception as e:
            print("failed", e.status_code, repr(e), e.args)
            time.sleep(2 ** attempt)
`);
    assert.equal(logged.catchesAll, true);
    const [guarded] = retries(`def ask():
    for attempt in range(3):
        try:
            return ${CALL}
        except Exception as e:
            code = getattr(e, "status_code", None)
            if code not in (429, 500, 503):
                raise
            time.sleep(2 ** attempt)
`);
    assert.equal(guarded.catchesAll, false);
  });

  it('a helper that raises the errors not to retry, or a flag the loop reads, filters; a copy of the error does not', () => {
    const [helper] = retries(`def _raise_if_fatal(e):
    if getattr(e, "status_code", 500) < 500:
        raise e
def ask():
    for attempt in range(3):
        try:
            return ${CALL}
        except Exception as e:
            _raise_if_fatal(e)
            time.sleep(2 ** attempt)
`);
    assert.equal(helper.catchesAll, false);
    const [flag] = retries(`def ask():
    go, n = True, 0
    while go and n < 3:
        n += 1
        try:
            return ${CALL}
        except Exception as e:
            go = is_transient(e)
            time.sleep(2 ** n)
`);
    assert.equal(flag.catchesAll, false);
    const [copy] = retries(`def ask():
    last = None
    for attempt in range(3):
        try:
            return ${CALL}
        except Exception as e:
            last = e
            if attempt == 2 and last:
                raise last
            time.sleep(2 ** attempt)
`);
    assert.equal(copy.catchesAll, true);
  });
});

describe('a loop that goes round only for errors no retry mends (audit 123)', () => {
  it('a token-limit or unparsable-output test on the way round is a fallback, not a retry', () => {
    assert.deepEqual(
      retries(`def ask(text):
    for _ in range(4):
        try:
            return ${CALL}
        except Exception as e:
            if "context_length_exceeded" in str(e).lower():
                text = text[:1000]
                continue
            return None
`),
      [],
    );
    assert.deepEqual(
      retries(`import json
def ask():
    for attempt in range(3):
        try:
            return json.loads(${CALL}.choices[0].message.content)
        except Exception as exc:
            if attempt == 2 or not _malformed(exc):
                raise

def _malformed(exc):
    if isinstance(exc, json.JSONDecodeError):
        return True
    message = str(exc).lower()
    return any(m in message for m in ("invalid json", "validation error"))
`),
      [],
    );
  });

  it('a marker list naming a transient error, a negated test, or a way round without the test is still a retry', () => {
    const [marker] = retries(`def ask():
    for _ in range(3):
        try:
            return ${CALL}
        except Exception as e:
            if "context_length_exceeded" in str(e) or "overloaded" in str(e):
                continue
            raise
`);
    assert.equal(marker?.kind, 'loop');
    const [negated] = retries(`def ask():
    for _ in range(3):
        try:
            return ${CALL}
        except Exception as e:
            if not isinstance(e, ValueError):
                continue
            raise
`);
    assert.equal(negated?.kind, 'loop');
    const [fallsThrough] = retries(`def ask(text):
    for _ in range(3):
        try:
            return ${CALL}
        except Exception as e:
            if "context_length_exceeded" in str(e):
                text = text[:1000]
`);
    assert.equal(fallsThrough?.kind, 'loop');
  });
});
