import { afterFirstArgument } from '../core/call-site-options';
import { catalogSdkOf } from '../core/catalog';
import { defineRule } from '../core/rule';
import { describeLayers, retryLayers, worstCase } from '../core/retry-chain';
import type { Fix, LlmCallSite, RetryConstruct, TextEdit } from '../core/types';
import type { WorkspaceView } from '../core/workspace-view';
import type { CodeWriter } from '../core/code-writer';

export default defineRule({
  id: 'retry-amplification',
  family: 'resilience',
  severity: 'warning',
  fixable: 'unsafe',
  languages: ['typescript', 'javascript', 'python'],
  defaultOptions: { threshold: 4, errorAbove: 9 },
  docs: {
    summary: 'Retries stacked across layers multiply the worst-case number of attempts (and tokens) per request',
    why: [
      'Every layer that retries multiplies the layers inside it. A hand-written loop of 5 around an OpenAI SDK call (2 retries by default, so 3 attempts) can send **15 requests** for one user action, and the SDK also retries timeouts, so a slow model can be billed for several full generations before the user sees an error.',
      'The application\'s own retry helper counts like a loop written around the call: `withRetry(() => client.chat.completions.create(…), 5)` or `with_retry(lambda: client.chat.completions.create(…), retries=5)`, where the helper (in the same file, imported from another workspace module, or a method of the class) calls the callback in a retry loop or calls itself again from its catch with one try fewer. In Python, a function that calls itself again from the `except` around the LLM call with a counter one higher (`return self.reply_text(session, retry_count + 1)`, bounded by `if retry_count < 2:`) counts the same way. The attempts are the ones this call asks for: the argument given for the helper\'s count, else its default. A helper whose count cannot be read (a loop without a condition, a count computed at run time) is not multiplied. Retry libraries count by their bound: tenacity\'s `stop_after_attempt(n)`, backoff\'s `max_tries`, and the `tries` of the `retry` package of PyPI (`@retry(tries=3)`, `retry_call(f, tries=3)`: the first attempt included). Python retry decorators written in the workspace count the same way: `@with_retries`, or `@retry_on_error(max_retries=5)` whose wrapper calls the decorated function in a retry loop; so do TypeScript method decorators (`@withRetry({ maxRetries: 5 })`) whose wrapper re-runs the method it saved from the descriptor (`originalMethod.apply(this, args)`) in a retry loop. In Python, a base class\'s retry loop around `self._execute_task(task)` (in its module or another) re-runs a subclass\'s override of that method, so it counts around the override\'s call. An AI SDK agent (`new ToolLoopAgent({ … })`) counts the retry loops around its runs (`agent.generate(…)`, `makeAgent(ctx).stream(…)`, in its module or one importing it), and the fix sets `maxRetries: 0` in its settings.',
      'The SDK layer counts the retries the request really runs with: `create(body, { maxRetries: 0 })`, or a client copy made with `client.withOptions({ maxRetries: 0 })` / `client.with_options(max_retries=0)`, in the call chain or bound to a name first (`const once = client.withOptions({ maxRetries: 0 })`). A count held in a constant, in the file or imported from a workspace module (`max_retries=MAX_RETRIES`), is read like the number itself; one set from configuration (`max_retries=settings.llm_max_retries`, `maxRetries: Number(process.env.LLM_RETRIES)`) is not known, so the SDK layer is not multiplied.',
      'So does the call written out once more in the `except` / `catch` clause around it (Python: `try: r = create(…)` / `except APIConnectionError: r = create(…)`, the same callee with the same arguments, or the same generator iterated again; TypeScript: `try { r = await create(body) } catch { r = await create(body) }`): one more attempt of the whole request, each with the SDK\'s retries, 2 × 3 = 6. A call in the handler with other arguments (a fallback model, trimmed messages) is another request, and so is the same text reading values that changed since the first call (`text = translate(text)` then a later failure, `messages.push(…)` or `active = backup` in the handler, a `const body` there that shadows the first one), and a handler that catches only errors no retry mends (`BadRequestError`, `AuthenticationError`, `ValueError`, a JSON decode error; in TypeScript, a call under an `if` testing for a 400, 401, 403, 404 or 422 or such an error class) is left alone; naive-retry-loop leaves this one extra attempt alone too. A Python loop that goes round only after a context-window refusal or output that did not parse (`if is_token_limit_exceeded(e, model): …; continue`, then `return` or `raise` for every other error) is a fallback, not a layer: the SDK never retried those errors.',
      '',
      'AWS Bedrock through boto3 (`boto3.client("bedrock-runtime")`): botocore retries each request itself (throttling, 500/502/503/504, connection errors and read timeouts). Its layer counts the client\'s `config=botocore.config.Config(retries={…})`, written in the call or bound once to a name: `total_max_attempts` is the attempts, `max_attempts` the retries after the first (N + 1 attempts), and without either the mode decides (`"mode": "standard"` or `"adaptive"` 3 attempts, `"legacy"` 5); with no retry setting the default legacy mode\'s 5 attempts are claimed as a default (AWS_MAX_ATTEMPTS / AWS_RETRY_MODE or `~/.aws/config` may change it, unseen here). A config that is not read (built elsewhere, from settings) leaves the layer out. No fix is offered on these calls: turn botocore\'s retries down with `Config(retries={"total_max_attempts": 1})`.',
      'The AWS SDK for JavaScript v3 `BedrockRuntimeClient` retries each `send` itself (standard mode: throttling, 500/502/503/504 and timeouts): `maxAttempts` counts the attempts (3 by default; AWS_MAX_ATTEMPTS or `max_attempts` in ~/.aws/config may change it, unseen here, so the default is claimed as a default). `maxAttempts` from configuration, a custom `retryStrategy` or options spread from elsewhere leave the layer out. Set `maxAttempts: 1` where an outer layer owns retries.',
      'Firebase Genkit (`ai.generate(…)`) is no layer: its generate sends the model request once per turn (the further turns a tool call starts, up to `maxTurns`, are not retries), and the timeouts and retries of the client underneath belong to each model plugin, so none is claimed.',
      'A LiteLLM `Router` made in code (Python) is a layer of its own: `router.acompletion(...)` retries each call `num_retries` times, 2 when not set (`litellm.num_retries`, else `openai.DEFAULT_MAX_RETRIES`), and a tenacity decorator of 5 around it makes 15 attempts.',
      'LangChain runnables are layers too: `model.with_retry(stop_after_attempt=5)` / `withRetry({ stopAfterAttempt: 5 })` (3 attempts when not set; a count read through a constant, any other expression not multiplied; not on `stream()`, which RunnableRetry does not retry; none when `retry_if_exception_type` names no transient error) multiplies the model\'s own retries, also inside a pipe (`prompt | model.with_retry()`). `with_fallbacks([backup])` tries each runnable with its own retries, so `primary.with_retry(5).with_fallbacks([backup])` makes 5 + 1 passes through the SDK, not 5 × 2.',
      'LlamaIndex\'s OpenAI LLM classes (`OpenAI`, `OpenAILike`, `AzureOpenAI` from `llama_index.llms.*`) are two layers set by one option: `max_retries` (3 by default) is handed to the openai client (4 attempts) and also bounds a tenacity loop of `max_retries` attempts around each `chat` / `complete` (and their async twins), so one `llm.chat()` can send 3 × 4 = 12 requests. Their `stream_*` calls get the client\'s attempts only (the loop wraps the making of the generator, not the request). `max_retries=1` leaves the client\'s 2, `max_retries=0` turns both off. A query or chat engine built on such an LLM (`index.as_query_engine()`, `index.as_chat_engine()`, `ContextChatEngine.from_defaults()`, given it as `llm=` or through `Settings.llm`) sends its requests through it: each `query()` / `chat()` counts as a call of the LLM (a stream when the engine streams). LlamaIndex\'s `Anthropic` has no loop of its own. LlamaIndex.TS engines (`index.asQueryEngine()`, `index.asChatEngine()`, `new ContextChatEngine({…})`, `new SimpleChatEngine({ llm })`, given their LLM as `chatModel` / `llm` or through `Settings.llm`) count the same way: each `query()` / `chat()` is a call of that LLM, whose `maxRetries ?? 10` makes 11 attempts.',
      'Haystack\'s OpenAI generators (`OpenAIGenerator`, `OpenAIChatGenerator`, run on their own: `generator.run(…)`, `run_async`) build their openai client with `max_retries=5` and a 30 s timeout unless given others (or the `OPENAI_MAX_RETRIES` / `OPENAI_TIMEOUT` environment variables, which are not read here): 6 attempts per run, so a loop of 3 around it makes 18. A `Pipeline` built in the code around one of them (`pipe.add_component("llm", OpenAIGenerator(…))`, then `pipe.run(…)`) runs it on every run, and a loop around `pipe.run` counts the same way; a pipeline loaded from YAML is not read.',
      'LiteLLM users measured exactly this: `num_retries × max_retries` turned one request into `(1+N)²` upstream calls (LiteLLM PR #7130, issues #7262 and #12358). Pick one layer to own retries and set the others to 0.',
      'The layers are not only in code. An ingress-nginx Ingress with `proxy-next-upstream` including `non_idempotent` (or under a controller whose ConfigMap sets `retry-non-idempotent: "true"`) re-sends the POST up to `proxy-next-upstream-tries` (3) times, an Istio route with `retryOn: 5xx` retries `attempts` times, so does an Envoy Gateway HTTPRoute (or Envoy AI Gateway `AIGatewayRoute`) under a BackendTrafficPolicy `retry` (`numRetries`, default 2, on its `retryOn`, by default connection failures, refused streams and 503s), a LiteLLM proxy behind the app retries `num_retries` (2) times — each multiplies the attempts of the code inside it. The finding lists every layer found in front of the call (nginx, ingress, mesh) and behind it (gateway), with related information at each hop\'s retry setting.',
      'A proxy layer multiplies only the retries that re-send a request the app (or gateway) behind it already received. Like nginx without `non_idempotent`, an Istio or Envoy route whose retry conditions are only `connect-failure` (the connection was never made), `refused-stream` (HTTP/2 REFUSED_STREAM: "the request was not processed by the application layer", envoyproxy/envoy#68) or `reset-before-request` counts as one attempt, and so do the gRPC conditions `unavailable`, `cancelled`, `deadline-exceeded`, `internal` and `resource-exhausted`, which match only a `grpc-status` in the response and never an HTTP/JSON route. That is Istio\'s default when a route has no `retries` (or no `retryOn`): 2 retries on `connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes`, where `retriable-status-codes` comes with no codes since Istio 1.24 (istio/istio#50506). Everything else re-sends work the app has done and multiplies: `5xx`, `gateway-error`, `reset`, `retriable-4xx`, `retriable-headers`, and status codes (`retryOn: "503"`, Envoy `retriable_status_codes`), which are answers from the app itself. A mesh older than 1.24, or one pinned to `compatibilityVersion: 1.23` or `EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY=false`, also retries every 503 by default, including a 503 the app answered after its own SDK retries: set the route\'s `retries` explicitly there.',
      'A proxy counts once however many documents describe it. The routes of one VirtualService (or HTTPRoute, nginx configuration, Envoy route table) are alternatives: a request takes the first route that matches it (Envoy route matching, Istio IST0131), so the route that serves the call\'s API path counts, or, when that cannot be told, the route with the most attempts — never their product. Two documents declaring the same resource (kind, name and namespace) describe one proxy too: a Kustomize overlay whose `kustomization.yaml` patches a route of its base (`patches`, `patchesStrategicMerge`) replaces the base\'s retries with its own, and of copies that do not patch one another (one file per environment) the one with the most attempts counts.',
      'Instructor is a layer of its own: `max_retries=N` on a patched client\'s `create(response_model=…)` (`instructor.from_openai(OpenAI())`, `from_anthropic`, `from_groq(Groq())`, `from_cerebras`, `from_perplexity`, `patch`) is Instructor\'s re-ask loop — N attempts in all, without a wait, on every error — and each attempt goes through the wrapped SDK client with its own retries: `max_retries=5` around a default client is up to 5 × 3 = 15 requests. The default, 1, is a single attempt. instructor-js counts differently: `max_retries: N` on `Instructor({ client, mode })`\'s `chat.completions.create({ …, response_model })` re-sends at once after any error N more times, N + 1 attempts (`max_retries: 3` around a default openai-node client is up to 4 × 3 = 12 requests); its default (3 in early releases, 0 later) is not counted.',
      '',
      'Task queues are a layer as well. A Celery task that retries — `raise self.retry(exc=exc)` in an `except` clause around the call (in the task or in a function it calls there), or `autoretry_for=(…)` on the decorator — runs again from the top up to `max_retries` times (3 when not set), and every run gets the SDK\'s own retries: `@app.task(bind=True, max_retries=3)` around a default OpenAI client is up to 4 × 3 = 12 requests. A task retried only on `openai.RateLimitError` still multiplies, because the SDK has already tried 3 times before the error reaches Celery. The task may sit modules away from the call, as in the usual Django layout (`tasks.py` calls a service that calls the client module\'s function): Python retry constructs around a module-level function\'s callers count in whichever workspace module those callers are, two calls up.',
    ].join('\n\n'),
    bad: [
      {
        language: 'typescript',
        code: `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 60_000 });
export async function ask(q: string) {
  for (let i = 0; i < 5; i++) {
    try {
      const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
      return r;
    } catch (err) {
      if ((err as { status?: number }).status !== 429) throw err;
      await new Promise((resolve) => setTimeout(resolve, 2 ** i * 500 * Math.random()));
    }
  }
}
`,
      },
      {
        language: 'typescript',
        filename: 'app/api/chat/route.ts',
        code: `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 60_000 });
export async function POST(req: Request) {
  const { q } = await req.json();
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
  return Response.json(r.choices[0].message);
}
`,
        files: {
          'deploy/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat
  annotations:
    nginx.ingress.kubernetes.io/proxy-next-upstream: "error timeout non_idempotent"
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: /api/chat
            pathType: Prefix
            backend: { service: { name: chat, port: { number: 3000 } } }
`,
          'deploy/mesh.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: chat
spec:
  hosts: [chat]
  http:
    - route: [{ destination: { host: chat } }]
      retries: { attempts: 3, retryOn: 5xx,reset }
`,
        },
      },
      {
        language: 'python',
        code: `import openai
from openai import OpenAI
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_random_exponential

client = OpenAI(timeout=60)


@retry(stop=stop_after_attempt(5), wait=wait_random_exponential(max=10), retry=retry_if_exception_type(openai.RateLimitError))
def ask(question: str):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
`,
      },
      {
        language: 'python',
        filename: 'tasks.py',
        code: `import openai
from celery import shared_task
from openai import OpenAI

client = OpenAI(timeout=60)


@shared_task(autoretry_for=(openai.RateLimitError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def summarize(text: str):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        code: `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 60_000, maxRetries: 0 });
export async function ask(q: string) {
  for (let i = 0; i < 5; i++) {
    try {
      const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
      return r;
    } catch (err) {
      if ((err as { status?: number }).status !== 429) throw err;
      await new Promise((resolve) => setTimeout(resolve, 2 ** i * 500 * Math.random()));
    }
  }
}
`,
      },
      {
        language: 'typescript',
        filename: 'app/api/chat/route.ts',
        code: `import OpenAI from 'openai';
// The mesh owns retries (connection failures only); the SDK and the ingress make one attempt.
const client = new OpenAI({ timeout: 60_000, maxRetries: 0 });
export async function POST(req: Request) {
  const { q } = await req.json();
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
  return Response.json(r.choices[0].message);
}
`,
        files: {
          'deploy/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat
  annotations:
    nginx.ingress.kubernetes.io/proxy-next-upstream: "error timeout"
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: /api/chat
            pathType: Prefix
            backend: { service: { name: chat, port: { number: 3000 } } }
`,
          'deploy/mesh.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: chat
spec:
  hosts: [chat]
  http:
    - route: [{ destination: { host: chat } }]
      retries: { attempts: 2, retryOn: connect-failure,refused-stream }
`,
        },
      },
      {
        language: 'python',
        code: `import openai
from openai import OpenAI
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_random_exponential

# tenacity owns the retries, of every error the SDK would retry; the SDK makes one attempt.
client = OpenAI(timeout=60, max_retries=0)
RETRYABLE = (openai.RateLimitError, openai.APIConnectionError, openai.InternalServerError)


@retry(stop=stop_after_attempt(5), wait=wait_random_exponential(max=10), retry=retry_if_exception_type(RETRYABLE))
def ask(question: str):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
`,
      },
      {
        language: 'python',
        filename: 'tasks.py',
        code: `import openai
from celery import shared_task
from openai import OpenAI

# Celery owns the retries; the SDK makes one attempt.
client = OpenAI(timeout=60, max_retries=0)


@shared_task(
    autoretry_for=(openai.RateLimitError, openai.APIConnectionError, openai.InternalServerError),
    retry_backoff=True,
    retry_kwargs={"max_retries": 5},
)
def summarize(text: str):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])
`,
      },
    ],
    references: [
      'https://github.com/openai/openai-node#retries',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#custom-timeouts',
      'https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry',
      'https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/router_filter#x-envoy-retry-on',
      'https://github.com/istio/istio/issues/50506',
      'https://docs.litellm.ai/docs/router/learn/reliability',
      'https://github.com/BerriAI/litellm/pull/7130',
      'https://docs.celeryq.dev/en/stable/userguide/tasks.html#retrying',
    ],
    fixSafety: 'The fix turns off the SDK\'s own retries for this one request (offered only where that leaves a single retrying layer, or a product under the threshold) (TypeScript `{ maxRetries: 0 }`, Python `client.with_options(max_retries=0)`, LiteLLM `num_retries=0`), leaving the outer layer in charge; none where a layer left goes round without waiting (a loop with no sleep, a workspace retry helper that does not wait, tenacity without `wait=`), since the SDK\'s retries are then the only ones that back off and honour `Retry-After`, and with them off a rate-limited request would be re-sent at once: make that loop back off first (naive-retry-loop\'s finding), then turn the SDK\'s retries off; none on Instructor calls (`response_model=`), whose `with_options` returns the plain SDK client, nor on the `openai` module\'s default client (`openai.chat.completions.create`), which has no `with_options`: set `openai.max_retries = 0` where the module is configured; nor on a Cerebras client (`cerebras.cloud.sdk`), whose `with_options` copy sends a TCP-warming request of its own each time it is made: set `max_retries=0` where the client is built. It is not offered where a hand-written loop, a tenacity policy or a backoff decorator retries only rate limits or overload (`status !== 429`, `err.status === 529`, `except RateLimitError`, `retry=retry_if_exception_type(openai.RateLimitError)`, `backoff.on_exception(backoff.expo, openai.RateLimitError)`) and nothing of 5xx, connection errors or timeouts (a further `except Exception` clause that goes round after any error, reading it only for a log line, retries those too, and gets the fix), or only connection errors and timeouts and neither rate limits nor 5xx (`retry=retry_if_exception_type(APIConnectionError)`): with the SDK\'s retries off, the rest would no longer be retried by anyone. It changes behaviour if the outer layer does not retry the errors the SDK did (connection errors, 5xx): a Celery task with `autoretry_for=(openai.RateLimitError,)` would then no longer retry a dropped connection at all, so widen `autoretry_for` to the retryable errors with the fix. Celery task decorators themselves are never rewritten.',
  },
  check(ctx) {
    for (const site of ctx.file.callSites) {
      const layers = retryLayers(site, ctx.workspace);
      const retrying = layers.filter((l) => l.attempts !== 1);
      if (retrying.length < 2) continue;
      const worst = worstCase(layers);
      // An unbounded layer is naive-retry-loop's finding; here only bounded products are judged.
      if (worst === null || worst <= ctx.options.threshold) continue;
      const chain = describeLayers(retrying);
      // Turning the SDK's retries off resolves the finding only when what is left is one retrying layer, or a product
      // under the threshold (two helpers nested around each other still multiply).
      const rest = layers.filter((l) => l.kind !== 'sdk');
      const resolves = rest.filter((l) => l.attempts !== 1).length < 2 || (worstCase(rest) ?? Infinity) <= ctx.options.threshold;
      // A loop that retries only some of what the SDK retries (only 429, only 529) would leave 5xx, timeouts and
      // dropped connections with no retry at all.
      const narrower = site.retries.some((r) => retriesFewerErrorsThanSdk(r, ctx.workspace));
      // A layer left that goes round without waiting would be the only retry after the fix: a 429 would then be
      // re-sent at once, with no backoff and no Retry-After. naive-retry-loop's finding there asks for the wait first.
      const noWait = site.retries.some(retriesWithoutWaiting);
      const fix = ctx.writer && resolves && !narrower && !noWait ? sdkRetriesOff(site, ctx.writer, ctx.file.text) : undefined;
      ctx.report({
        span: site.nameSpan,
        severity: worst > ctx.options.errorAbove ? 'error' : 'warning',
        message: `Up to ${worst} attempts per request: ${chain}; let one layer own retries`,
        fix,
        related: retrying.filter((l) => l.path && l.span).map((l) => ({ path: l.path!, span: l.span!, message: `${l.label}: ${l.attempts} attempts` })),
      });
    }
  },
});

/** What a retry condition keyed on rate limits or overload mentions: 429, 529, RateLimitError, "Overloaded". */
const RATE_LIMIT_ONLY = /\b429\b|\b529\b|RateLimit|rate_limit|overloaded/i;
/** Server errors the SDK retries: 5xx statuses, InternalServerError. */
const SERVER_ERRORS = /[>]=?\s*5\d\d|>\s*499|\b50[0-4]\b|InternalServerError|ServiceUnavailable/i;
/** Connection errors and timeouts the SDK retries, as a retry condition names them (not a timeout option nearby). */
const CONNECTION_ERRORS = /APIConnectionError|APITimeoutError|ConnectionError|\bTimeoutError\b|TimeoutException|ReadTimeout|ConnectTimeout|ECONNRESET|ETIMEDOUT/;
/** What a retry condition that covers the SDK's other transient errors mentions, loosely: a rate-limit-only layer must mention none. */
const TRANSIENT_ERRORS = /[>]=?\s*5\d\d|>\s*499|\b50[0-4]\b|InternalServerError|APIConnectionError|APITimeoutError|ServiceUnavailable|ConnectionError|(?<![a-z])Timeout|ReadTimeout|ConnectTimeout|ECONNRESET|ETIMEDOUT/i;
/** Words for every error the SDK retries, or the base class that holds them all (openai's and anthropic's `APIError`). */
const EVERY_TRANSIENT = /retr[iy]able|transient|\bAPIError\b/i;
const LINE_COMMENT = /(?:\/\/|#)[^\n]*|\/\*[\s\S]*?\*\//g;

/**
 * A hand-written loop, a tenacity policy or a backoff decorator that retries only part of what the SDK retries, so
 * that with the SDK's retries off the rest would be retried by no one: rate limits or overload only, and none of 5xx,
 * connection errors or timeouts (`if (err.status === 529)`, `if '429' in str(e)`, `except RateLimitError`,
 * `retry=retry_if_exception_type(openai.RateLimitError)`), or connection errors and timeouts only, and no rate limit
 * nor 5xx (`retry=retry_if_exception_type(APIConnectionError)`). Celery's `autoretry_for` is left out: the fix's safety
 * note tells to widen it, as task decorators are never rewritten.
 */
function retriesFewerErrorsThanSdk(loop: RetryConstruct, ws: WorkspaceView): boolean {
  if (loop.catchesAll || loop.label === 'Celery') return false;
  const text = ws.readText(loop.path)?.slice(loop.span.start, loop.span.end);
  const code = text?.replace(LINE_COMMENT, '');
  if (code === undefined || EVERY_TRANSIENT.test(code)) return false;
  if (RATE_LIMIT_ONLY.test(code)) return !TRANSIENT_ERRORS.test(code);
  return CONNECTION_ERRORS.test(code) && !SERVER_ERRORS.test(code);
}

/**
 * A retrying layer of the code that re-sends at once: a loop with no sleep, tenacity without `wait=`, Instructor's
 * re-asks. The call repeated once in the catch clause is not one: the repeated call keeps its own SDK retries.
 */
function retriesWithoutWaiting(r: RetryConstruct): boolean {
  return r.backoff === 'none' && !r.once && r.attempts !== 1;
}

/** Turns the SDK's retries off for this one call when an outer layer already retries. */
function sdkRetriesOff(site: LlmCallSite, writer: CodeWriter, text: string): Fix | undefined {
  if (site.sdk === 'litellm' && writer.language === 'python' && site.retries.length > 0) {
    // litellm.completion(..., num_retries=3): LiteLLM's own retries for this call (its default is none).
    const own = site.args.options.num_retries ?? site.args.options.max_retries;
    return own?.value.kind === 'number' && own.value.value > 0 ? { title: `Set ${own.key}=0 for this call (an outer layer retries)`, edits: writer.setOption(own, 0), safety: 'unsafe' } : undefined;
  }
  // openai-node 3.x and openai-edge have no retries to turn off (and no `maxRetries` option).
  const sdkId = catalogSdkOf(site);
  if (sdkId === 'openai-v3' || sdkId === 'openai-edge') return undefined;
  // cerebras_cloud_sdk's `with_options` builds a new client, whose constructor sends a TCP-warming request first
  // (`warm_tcp_connection=True` by default): a copy per request would add one to each. Set `max_retries` where it is built.
  if (sdkId === 'cerebras') return undefined;
  // An Instructor client (`response_model=…`) hands `with_options` to the plain SDK client underneath, whose create()
  // then rejects `response_model`: the retries are set where the SDK client is built, not per call.
  if ('response_model' in site.args.options) return undefined;
  const sdkLayer = site.sdk === 'openai' || site.sdk === 'anthropic' || site.sdk === 'ai-sdk';
  if (!sdkLayer || site.retries.length === 0) return undefined;
  let edits: TextEdit[] = [];
  if (site.sdk === 'ai-sdk') {
    const existing = site.args.options.maxRetries;
    edits = existing ? writer.setOption(existing, 0) : site.args.span ? writer.addOption(site.args, 'maxRetries', 0, text) : [];
  } else if (writer.language === 'python') {
    // The `openai` module's default client (`openai.chat.completions.create`): the module has no `with_options`.
    if (site.moduleClient) return undefined;
    // client.chat.completions.create(...) → client.with_options(max_retries=0).chat.completions.create(...)
    const receiverEnd = clientReceiverEnd(site, text);
    if (receiverEnd === null) return undefined;
    edits = [{ start: receiverEnd, end: receiverEnd, newText: '.with_options(max_retries=0)' }];
  } else {
    const ro = site.requestOptions;
    if (ro?.span) {
      const existing = ro.options.maxRetries;
      edits = existing ? writer.setOption(existing, 0) : writer.addOption(ro, 'maxRetries', 0, text);
    } else if (site.args.span && !ro?.hasSpread) {
      const end = afterFirstArgument(site.args, text);
      if (end !== null) edits = [{ start: end, end, newText: ', { maxRetries: 0 }' }];
    }
  }
  const title = site.agent ? 'Turn off SDK retries in the agent\'s settings (an outer layer retries its runs)' : 'Turn off SDK retries for this call (an outer layer retries)';
  return edits.length ? { title, edits, safety: 'unsafe' } : undefined;
}

/** End offset of the client expression in `client.chat.completions.create`. */
function clientReceiverEnd(site: LlmCallSite, text: string): number | null {
  const callee = text.slice(site.span.start, site.nameSpan.end);
  const m = /\.(beta\.)?(chat\.completions|messages|responses)\.\w+$/.exec(callee);
  return m ? site.span.start + m.index : null;
}
