import type { CodeWriter } from '../core/code-writer';
import { defineRule } from '../core/rule';
import { codeRetryLayers } from '../core/retry-chain';
import { sitesRetriedFrom } from '../core/retry-sites';
import { indentAt, lineBreakOf } from '../core/text';
import type { Fix, LlmCallSite, RetryConstruct, TextEdit } from '../core/types';
import { callName } from '../core/types';
import type { WorkspaceView } from '../core/workspace-view';

/** `; the SDK already retries 2 times with backoff`: the retries the call's own SDK or framework layer makes. */
function sdkNoteOf(site: LlmCallSite, ws: WorkspaceView): string {
  const sdk = codeRetryLayers(site, ws).find((l) => l.kind === 'sdk' || l.kind === 'framework');
  // A client the code receives from elsewhere may have its retries turned off: only its default is known.
  const unseenClient = site.client === null && sdk?.source === 'default' && site.sdk !== 'ai-sdk';
  return sdk?.attempts && sdk.attempts > 1 ? `; ${sdk.label === 'SDK' ? 'the SDK' : sdk.label} ${unseenClient ? 'retries' : 'already retries'} ${sdk.attempts - 1} times with backoff${unseenClient ? ' by default' : ''}` : '';
}

export default defineRule({
  id: 'naive-retry-loop',
  family: 'resilience',
  severity: 'warning',
  fixable: 'unsafe',
  languages: ['typescript', 'javascript', 'python'],
  defaultOptions: {},
  docs: {
    summary: 'A hand-written retry loop around an LLM call retries without backoff, without a bound, or on every error',
    why: [
      'LLM providers answer overload with 429 and 5xx and ask clients to back off; a loop that retries immediately turns a rate limit into a burst, and one that retries every error re-sends requests that can never succeed (400 invalid request, 401) or that already cost a full generation (timeouts). In Python, catching an SDK\'s base class counts as every error too: `openai.OpenAIError` (`openai.error.OpenAIError` before openai 1.0), `openai.APIError` and `anthropic.APIError` include 400, 401, 404, 422 and timeouts (LiteLLM\'s own `APIError` is a single 500 error and does not).',
      'The official SDKs already retry 408/409/429/5xx and connection errors twice with exponential backoff (0.5 s → 8 s, jitter). Prefer their retries, or keep the loop bounded, with exponential backoff plus jitter, on retryable errors only, and set the SDK\'s `maxRetries` to 0. The message names the retries the SDK (or LiteLLM Router, LangChain) already makes when every call the loop wraps goes through that one layer.',
      'The pre-1.0 openai-python API (`openai.ChatCompletion.create(...)`) retries none of these: it only retries connections that failed before the request was sent. There the application loop is the only retry layer, so it has to be bounded and back off.',
      'The same holds for the OpenAI Node SDK 3.x (`openai.createChatCompletion(...)` on an `OpenAIApi` client): it makes one request per call and has no `maxRetries` option.',
      'Python retry libraries are read from their settings: tenacity (`stop`, `wait`, `retry`), backoff (`max_tries`, the wait generator, the exception) and the `retry` package of PyPI (`from retry import retry`, `@retry(exceptions=…, tries=3, delay=1, backoff=2, jitter=(0, 1))`, whose defaults retry every error forever without waiting: `tries=-1`, `delay=0`, `exceptions=Exception`; a `jitter` number adds the same seconds to every delay, only a `(min, max)` tuple randomises it).',
      'The wait and the choice of errors may sit in a helper of the same class or module: a handler that hands the error to a function whose answer decides whether the loop goes on (`e = self._on_error(e, attempt)` then `if e: return e`) leaves the choice of errors to that function, so the finding does not say every error is retried; the wait that function does, and the delay it computes through one more helper (`delay = self._get_delay()`), count as the loop\'s (Python). Whether the loop waits and whether the wait grows is read from code, not from strings or comments (`"**ERROR**"` is no exponent); a value scaled by a factor below 1 (`max_tokens = int(max_tokens * 0.8)`, a shorter answer asked for) is no growing wait. A delay multiplied by itself times a named factor grows when that factor is above 1: a constant, a parameter\'s default (`backoffFactor = 2`), or the value a call of the helper passes for it (TypeScript).',
      'A function that calls itself again from the `except` around the call is a retry loop too (Python): `except Exception: time.sleep(2); return self._chat(query, retry_count + 1)`. Its bound is read from the checks on the counter it passes on (`if retry_count >= 2: return …` on entry, `if retry_count < 2:` or `need_retry = retry_count < 2` around the call, `retries - 1` with `if retries <= 0: raise`); a counter nothing compares, or none at all, never stops. A call that changes anything else (another model, the next page, new messages) is not a retry of the same request. A handler that tests the error\'s message text (`if any(p in str(e).lower() for p in TRANSIENT): continue`) and re-raises or leaves the loop (`else: break`) otherwise retries only those errors, so the finding does not say it retries every error.',
      'The success path may follow the try: when every handler ends in `continue`, `break`, `return` or `raise` (also through an if/else), what comes after the try runs only on success, and a loop whose every path there leaves it (`if parser: try: return parser(r) except ValueError: continue else: break`) stops once a call succeeds; its `continue` inside an `except` asks again after an answer that did not parse. A `continue` outside an `except` there (`if msg.tool_calls: …; continue`) is an agent\'s next turn, and the loop is not a retry (Python). A budget may be checked before the try (`if remaining == 0: raise` then `remaining -= 1`, starting from a parameter\'s default): it bounds the loop as one in the handler does.',
      'A loop need not catch the error itself: a counting loop that calls a function which swallows every error (`except Exception: return None`) and stops once the result comes back (`answer = ask(q)` then `if answer: return answer`) retries the same way (Python).',
      'A retry helper may live in a module of its own (`lib/retry.ts` exporting `withRetry(fn)`, a Python `utils/retry.py` whose `with_retry(fn, *args)` calls `fn` in a loop): its loop is reported where it is written, in that module, once the calls of other modules it wraps are LLM calls, even though the helper module makes no call itself.',
      'Retry decorators count wherever their policy is written: `@retry(...)` and `@backoff.on_exception(...)` on the function, or a name bound to one (`llm_retry = retry(stop=...)`, in the same module or imported) used as `@llm_retry`. Such a shared policy is reported where it decorates an LLM call, without a fix (the policy serves other callers too). The same holds for a retry decorator written in the workspace (`@retry_on_error(max_retries=3)` whose wrapper calls the function in a loop).',
      'When a reported Python loop also goes round after a refusal without changing anything (`except openai.error.InvalidRequestError: print(…); time.sleep(10)`: a handler that takes only refusals — 400, 404, 422, the context window — and only logs or waits), the message says it re-sends requests the API refused: those fail the same way on every pass, forever in an unbounded loop. That alone makes no finding: a refused request costs no generation.',
      'Only a test of the error that decides what happens next chooses the errors a loop retries: a check of the status, the error class, its message or a retryable predicate that guards a `throw`/`raise`, `return`, `break` or `continue` in the catch block (`if (err.status !== 429) throw err`, `if (isTransient(e)) continue`, Python `if not is_transient(e): raise`), directly, through a local (`const transient = …; if (!transient) throw err`, `need_retry = False` under a test of the error) or as the `switch` around one. A catch that only logs details of the error (`if (err instanceof OpenAI.APIError) console.error(err.status)`, a status in a template string, Python `logger.warning(f"error: {str(e)}")` or `raise ProviderError(str(e))` on the last attempt) and goes round again still retries every error, 401s and timeouts included.',
      'A loop that is bounded, backs off exponentially and retries only chosen errors (`if (err.status !== 429) throw err`) but adds no jitter is reported as info: its clients retry in step after a shared outage, which matters with many instances and little with one; the multiplication with the SDK\'s own retries is retry-amplification\'s finding.',
      'A loop that goes round only after the request was refused (Python `except BadRequestError:`, `UnprocessableEntityError`, `NotFoundError`, LiteLLM `ContextWindowExceededError`, `ContentPolicyViolationError`), dropping a rejected parameter or trimming the prompt before the next pass, sends a different request each time: a fallback, not a retry, and not reported. The same holds for an `except Exception as e:` that goes round only when a test says the context window was exceeded or the model\'s output did not parse (`isinstance(e, json.JSONDecodeError)`, `"context_length_exceeded" in str(e)`), written in place or in a workspace predicate it hands the error to (`if is_token_limit_exceeded(e, model): findings = findings[:limit]; continue`, `if attempt >= n or not self._is_retryable_output_error(exc): raise`), and returns or re-raises every other error: provider failures are not retried by it (Python). A predicate that also holds for another error (a rate limit, a timeout) keeps the loop a retry.',
      'A retry decorator on a generator function (one that `yield`s) retries nothing: calling the function only makes the generator, and the request runs while the caller iterates, outside the decorator (tenacity documents this; backoff behaves the same). Such a decorator is not counted, unless it is written in the workspace and its wrapper iterates the generator inside its own `try` (`yield from func(*args, **kwargs)`, or `for chunk in func(…): yield chunk`): that one does re-send the request.',
      'Celery task retries count too. A task that catches every error and calls `raise self.retry(exc=exc, countdown=60)`, or that is declared with `autoretry_for=(Exception,)`, runs again from the top — LLM call included — up to `max_retries` times after the first run (3 when not set; `max_retries=None` never stops). Unless `retry_backoff` is set, each retry waits the same countdown (`default_retry_delay`, 180 s by default). Limit the retried errors to the retryable ones (`autoretry_for=(openai.RateLimitError, openai.APIConnectionError, openai.InternalServerError)`, or a check in the `except` clause), turn on `retry_backoff=True` (Celery adds full jitter unless `retry_jitter=False`), or grow a manual countdown from `self.request.retries` with some randomness. The finding points at `self.retry(...)`, or at the task decorator for `autoretry_for`, and has no fix: which errors a task retries is the task\'s decision.',
    ].join('\n\n'),
    bad: [
      {
        language: 'typescript',
        code: `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 60_000 });
export async function ask(q: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
    } catch (err) {
      console.warn('retrying', err);
    }
  }
}
`,
      },
      {
        language: 'python',
        code: `from openai import OpenAI

client = OpenAI(timeout=60)


def ask(question: str):
    for attempt in range(3):
        try:
            return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
        except Exception as err:
            print("retrying", err)
    raise RuntimeError("LLM unavailable")
`,
      },
      {
        language: 'python',
        filename: 'tasks.py',
        code: `from celery import Celery
from openai import OpenAI

app = Celery("worker")
client = OpenAI(timeout=60)


@app.task(bind=True, max_retries=3)
def summarize(self, text: str):
    try:
        return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60)
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        code: `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 60_000, maxRetries: 0 });
export async function ask(q: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
    } catch (err) {
      if ((err as { status?: number }).status !== 429) throw err;
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt * (0.75 + Math.random() * 0.5)));
    }
  }
}
`,
      },
      {
        language: 'python',
        code: `import openai
from openai import OpenAI
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_random_exponential

client = OpenAI(timeout=60, max_retries=0)


@retry(
    stop=stop_after_attempt(3),
    wait=wait_random_exponential(multiplier=0.5, max=8),
    retry=retry_if_exception_type((openai.RateLimitError, openai.APIConnectionError)),
)
def ask(question: str):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
`,
      },
      {
        language: 'python',
        filename: 'tasks.py',
        code: `import openai
from celery import Celery
from openai import OpenAI

app = Celery("worker")
client = OpenAI(timeout=60, max_retries=0)


@app.task(
    autoretry_for=(openai.RateLimitError, openai.APIConnectionError, openai.InternalServerError),
    retry_backoff=True,
    retry_kwargs={"max_retries": 4},
)
def summarize(text: str):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])
`,
      },
    ],
    references: [
      'https://platform.openai.com/docs/guides/rate-limits#retrying-with-exponential-backoff',
      'https://docs.anthropic.com/en/api/errors',
      'https://github.com/openai/openai-node#retries',
      'https://docs.celeryq.dev/en/stable/userguide/tasks.html#retrying',
      'https://docs.celeryq.dev/en/stable/userguide/tasks.html#automatic-retry-for-known-exceptions',
    ],
    fixSafety: 'The fix adds an exponential backoff with jitter to the catch block, and, when the loop retries every error, a status check before it that rethrows non-retryable errors (the title says so only then; the status is read where the SDK keeps it: `status_code` in Python, botocore\'s `response["ResponseMetadata"]["HTTPStatusCode"]` for boto3, `status`, an axios error\'s `response.status` for openai@3.x, `$metadata.httpStatusCode` for the AWS SDK for JavaScript); review the status codes for your provider. The wait must not delay the last failure: when the catch block already rethrows on the last attempt (`if (i === retries - 1) throw error;`), the lines go right after that statement; in Python they also go after the handler\'s own rethrow of errors it does not retry (`if not is_transient(e): raise`, `if attempt >= n or not retryable(e): raise`), so those surface at once; otherwise they go at the top of the block and the wait is guarded by a test that another attempt follows, read from the loop (`if (attempt + 1 < 3)` for `for (let attempt = 0; attempt < 3; attempt++)`, `if attempt + 1 < 3:` for `for attempt in range(3)`). A loop whose bound does not read that way (a condition other than `counter < n` / `counter <= n`, a `range` with a step) gets an unguarded wait, which delays the final error by one backoff. Retry decorators and Celery task policies get no fix.',
  },
  check(ctx) {
    const seen = new Set<number>();
    // This file's calls, and those of other files that a retry helper written here wraps (`withRetry(() => …)`).
    const sites = [...ctx.file.callSites, ...sitesRetriedFrom(ctx.file.path, ctx.workspace)];
    // What each call under a construct already retries: the note is said only when every call around it agrees (a
    // function with a Router branch and a plain `acompletion` branch has no one SDK layer to name).
    const notesByConstruct = new Map<number, Set<string>>();
    for (const site of sites) {
      for (const r of [...site.retries, ...(site.otherRetries ?? [])]) {
        if (r.path !== ctx.file.path) continue;
        notesByConstruct.set(r.span.start, (notesByConstruct.get(r.span.start) ?? new Set()).add(sdkNoteOf(site, ctx.workspace)));
      }
    }
    for (const site of sites) {
      for (const r of [...site.retries, ...(site.otherRetries ?? [])]) {
        // One more attempt written out in the handler is not a loop that could hammer the API.
        if (r.kind === 'library' || r.once || r.path !== ctx.file.path || seen.has(r.span.start)) continue;
        const problems = problemsOf(r);
        if (problems.length === 0) continue;
        seen.add(r.span.start);
        const notes = notesByConstruct.get(r.span.start);
        const sdkNote = notes && notes.size === 1 ? [...notes][0] : '';
        ctx.report({
          span: r.headSpan,
          message: `Retry ${r.subject ?? (r.kind === 'loop' ? 'loop' : r.label)} around ${callName(site)} ${problems.join(', ')}${sdkNote}`,
          fix: ctx.writer ? backoffFix(r, site, ctx.writer, ctx.file.text) : undefined,
          // Bounded, backing off and retrying only chosen errors: the missing jitter alone is a refinement.
          ...(onlyJitterMissing(r) ? { severity: 'info' as const } : {}),
        });
      }
    }
  },
});

function onlyJitterMissing(r: RetryConstruct): boolean {
  return r.bounded && r.backoff === 'exponential' && !r.jitter && !r.catchesAll;
}

function problemsOf(r: RetryConstruct): string[] {
  const out: string[] = [];
  if (!r.bounded) out.push('has no bound on attempts');
  if (r.backoff === 'none') out.push('retries without waiting');
  else if (!r.jitter) out.push(`waits a ${r.backoff === 'constant' ? 'fixed delay' : 'growing delay'} without jitter`);
  // Jittered (`base * random.uniform(1, 3)`), so not fixed, but the same range on every pass.
  else if (r.backoff === 'constant') out.push('waits a randomised delay that does not grow instead of backing off');
  if (r.catchesAll) out.push('retries every error, including timeouts and 4xx');
  // Only as one more reason: a refused request costs no generation, so re-sending a few is no finding on its own.
  else if (r.resendsRefused && out.length > 0) out.push(`re-sends requests the API refused (${r.resendsRefused}), which fail the same way every time`);
  return out;
}

function backoffFix(r: RetryConstruct, site: LlmCallSite, writer: CodeWriter, text: string): Fix | undefined {
  const lf = r.loopFix;
  if (!lf || !lf.errorVar || r.backoff !== 'none' || !r.bounded) return undefined;
  const nl = lineBreakOf(text);
  // After the catch's own last-attempt rethrow when it has one (or its rethrow of errors it does not retry), else at
  // the top of the catch.
  const exit = lf.lastAttemptExit ?? lf.exitGuard;
  const at = exit?.end ?? lf.catchBodyStart;
  const bodyIndent = exit ? indentAt(text, exit.start) : (firstLineIndent(text, at) ?? indentAt(text, at) + '  ');
  const e = lf.errorVar;
  const n = lf.counter;
  const lines: string[] = [];
  const edits: TextEdit[] = [];
  // The wait runs only when another attempt follows: after the last one the error should surface at once.
  const another = lf.lastAttemptExit ? undefined : lf.anotherAttempt;
  if (writer.language === 'python') {
    if (r.catchesAll && site.sdk === 'boto3') {
      // botocore's ClientError keeps the HTTP status in its response dict; a read timeout or a dropped connection has
      // none, and is retried like a 5xx.
      lines.push(`http_status = (getattr(${e}, "response", None) or {}).get("ResponseMetadata", {}).get("HTTPStatusCode", 500)`, 'if http_status < 500 and http_status not in (408, 409, 429):', '    raise');
    } else if (r.catchesAll) {
      lines.push(`if getattr(${e}, "status_code", 500) < 500 and getattr(${e}, "status_code", 0) not in (408, 409, 429):`, '    raise');
    }
    const sleep = lf.isAsync ? `await asyncio.sleep(min(8.0, 0.5 * 2 ** ${n}) * random.uniform(0.75, 1.25))` : `time.sleep(min(8.0, 0.5 * 2 ** ${n}) * random.uniform(0.75, 1.25))`;
    lines.push(...(another ? [`if ${another}:`, `    ${sleep}`] : [sleep]));
    for (const mod of [lf.isAsync ? 'asyncio' : 'time', 'random']) {
      const imp = writer.ensureImport(text, mod, []);
      if (imp) edits.push(imp);
    }
  } else {
    if (!lf.isAsync) return undefined;
    // The JavaScript writer also writes TypeScript: a type assertion only where the file is TypeScript. openai@3.x
    // rejects with an axios error, whose HTTP status is on `response`; the AWS SDK's service errors carry theirs in
    // `$metadata.httpStatusCode` (a timeout or a network error has none, and is retried like a 5xx).
    const typed = site.language === 'typescript';
    const status =
      site.sdk === 'aws-sdk'
        ? typed
          ? `(${e} as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode`
          : `${e}?.$metadata?.httpStatusCode`
        : site.client?.className === 'OpenAIApi'
        ? typed
          ? `(${e} as { response?: { status?: number } })?.response?.status`
          : `${e}?.response?.status`
        : typed
          ? `(${e} as { status?: number })?.status`
          : `${e}?.status`;
    if (r.catchesAll) lines.push(`if (![408, 409, 429].includes(${status} ?? 0) && (${status} ?? 500) < 500) throw ${e};`);
    const sleep = `await new Promise((resolve) => setTimeout(resolve, Math.min(8_000, 500 * 2 ** ${n}) * (0.75 + Math.random() * 0.5)));`;
    lines.push(another ? `if (${another}) ${sleep}` : sleep);
  }
  // `catch (e) {}`: the closing brace goes back on a line of its own.
  const emptyBody = !exit && writer.language !== 'python' && /^[ \t]*\}/.test(text.slice(at));
  const close = emptyBody ? nl + indentAt(text, at) : '';
  edits.push({ start: at, end: at, newText: lines.map((l) => nl + bodyIndent + l).join('') + close });
  return { title: r.catchesAll ? 'Back off exponentially with jitter and retry only retryable errors' : 'Back off exponentially with jitter', edits, safety: 'unsafe' };
}

/** The indentation of the first line after `offset` (the catch body's first statement). */
function firstLineIndent(text: string, offset: number): string | null {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return null;
  const m = /^[ \t]*/.exec(text.slice(nl + 1));
  const line = text.slice(nl + 1, text.indexOf('\n', nl + 1) < 0 ? undefined : text.indexOf('\n', nl + 1));
  if (!m || line.trim() === '' || line.trim().startsWith('}')) return null;
  return m[0];
}
