import type { CodeWriter } from '../core/code-writer';
import * as path from 'node:path';
import { spreadMaySet } from '../core/call-site-options';
import { catalogSdkOf, GOOGLE_GENERATIVE_AI_JS_SINCE, LANGCHAIN_JS_GOOGLE_GENAI_SINCE, streamsUsageUnasked } from '../core/catalog';
import { ceilingBelow, declaredNpmCeiling, declaredNpmMajor } from '../core/manifests';
import { bypassesObservabilityGateway } from '../core/observability-gateway';
import { defineRule } from '../core/rule';
import { oncePerText } from '../core/text';
import type { Fix, LlmCallSite, LoggerRef, TextEdit } from '../core/types';
import { litellmCallbacksLog, loggingGateway, throughVercelGateway, tracedBySdk } from '../core/topology';
import { callName } from '../core/types';
import { instrumentationRecordsUsage, langsmithTracing, instrumentsFile, type WorkspaceView } from '../core/workspace-view';

/**
 * The expressions for the model and usage on a result, per SDK and language; null when no fix is known. `counts` are
 * usage fields logged one by one, for a response that has no usage object of its own (ollama).
 */
function usageExprs(site: LlmCallSite, name: string, python: boolean, aiSdkUsage: AiSdkUsageField = 'usage'): { model: string | null; usage: string; counts?: Array<[string, string]> } | null {
  // openai-node 3.x resolves to an axios response: the completion is its `data`.
  if (catalogSdkOf(site) === 'openai-v3') return { model: `${name}.data.model`, usage: `${name}.data.usage` };
  switch (site.sdk) {
    case 'openai':
    case 'anthropic':
    case 'litellm':
    case 'mistral':
      return { model: `${name}.model`, usage: `${name}.usage` };
    case 'ai-sdk':
      return { model: `${name}.response.modelId`, usage: `${name}.${aiSdkUsage}` };
    case 'langchain':
      return { model: null, usage: `${name}.usage_metadata` };
    case 'google-generativeai':
      // The deprecated SDK's response wrapper: usage yes, the model version not on every release.
      return python ? { model: null, usage: `${name}.usage_metadata` } : { model: null, usage: `${name}.response.usageMetadata` };
    case 'google-genai':
      return python ? { model: `${name}.model_version`, usage: `${name}.usage_metadata` } : { model: `${name}.modelVersion`, usage: `${name}.usageMetadata` };
    case 'ollama':
      // The counts are fields of the response; `.get` reads them from a dict (ollama < 0.4) and a response object alike,
      // and gives None where a count is missing (both are Optional in ollama/_types.py).
      return {
        model: `${name}.get("model")`,
        usage: '',
        counts: ['prompt_eval_count', 'eval_count'].map((k) => [k, `${name}.get("${k}")`]),
      };
    case 'huggingface':
      // A chat completion output (huggingface_hub's and @huggingface/inference's) has `model` and `usage`.
      return { model: `${name}.model`, usage: `${name}.usage` };
    case 'boto3':
      // converse's response dict has `usage` (inputTokens, outputTokens); invoke_model's is inside a body that can be
      // read only once, so no line is added there.
      return site.method === 'converse' ? { model: null, usage: `${name}["usage"]` } : null;
    case 'aws-sdk':
      // The same for the JavaScript SDK: ConverseCommand's output has `usage`; a body or a stream is read once.
      return site.method === 'ConverseCommand' ? { model: null, usage: `${name}.usage` } : null;
    default:
      return null;
  }
}

/** An OpenAI Chat Completions stream without `stream_options` (usage is only sent when asked for). */
function streamCarriesNoUsage(site: LlmCallSite): boolean {
  if (site.streaming !== true || spreadMaySet(site.args, 'stream_options')) return false;
  // Groq (`x_groq.usage`), Cerebras, Perplexity and Together send a stream's usage without being asked: there is usage to drop.
  if (streamsUsageUnasked(site.provider)) return false;
  // (openai-node 3.x streams too: `createChatCompletion({ stream: true }, { responseType: 'stream' })` hands back raw SSE.)
  // openai-python before 1.0 streams the same chunks (`openai.ChatCompletion.create(…, stream=True)`).
  const chat =
    (site.sdk === 'openai' && /^(beta\.)?chat\.completions\.(create|stream)$|^createChatCompletion$|^createCompletion$|^(Chat)?Completion\.a?create$/.test(site.method)) ||
    (site.sdk === 'http' && site.provider === 'openai') ||
    (site.sdk === 'litellm' && /^a?completion$/.test(site.method)) ||
    // A Hugging Face chat stream's usage depends on the server behind it (a TGI version, the provider the router picks)
    // when `stream_options` does not ask for it: whether there was any to lose is not known.
    (site.sdk === 'huggingface' && /^(chat_completion|chat\.completions\.create|chatCompletionStream)$/.test(site.method));
  return chat && !('stream_options' in site.args.options);
}

/**
 * The AI SDK result field that holds a call's usage over all its steps. With `stopWhen` (AI SDK 5+) the call may run
 * several steps: AI SDK 5 and 6 give `usage` for the last step only and the sum as `totalUsage`; AI SDK 7 made `usage`
 * the sum again (`totalUsage` stays, deprecated). AI SDK 4's `maxSteps` already summed the steps into `usage`. With no
 * version declared, `stopWhen` says 5 or later, where `totalUsage` exists and counts every step.
 */
type AiSdkUsageField = 'usage' | 'totalUsage';

function aiSdkUsageField(site: LlmCallSite, major: () => number | null): AiSdkUsageField {
  if (site.sdk !== 'ai-sdk' || !('stopWhen' in site.args.options)) return 'usage';
  return (major() ?? 0) >= AI_SDK_USAGE_SUMMED_AGAIN ? 'usage' : 'totalUsage';
}

/** AI SDK 7 made `usage` the sum over all steps again. */
const AI_SDK_USAGE_SUMMED_AGAIN = 7;

/**
 * A multi-step call whose code reads only `usage`, in an AI SDK that makes it the last step's (5 and 6, as the
 * package.json declares; unknown versions are left alone).
 */
function readsLastStepOnly(site: LlmCallSite, major: () => number | null): number | null {
  if (site.sdk !== 'ai-sdk' || site.usage !== 'read' || !site.lastStepUsage?.length || !('stopWhen' in site.args.options)) return null;
  const m = major();
  return m !== null && m >= 5 && m < AI_SDK_USAGE_SUMMED_AGAIN ? m : null;
}

/** A Python Instructor `create(response_model=…)`, which hands back the parsed model instead of the completion. */
function instructorParsed(site: LlmCallSite, language: string): boolean {
  return language === 'python' && 'response_model' in site.args.options && /(^|\.)create$/.test(site.method);
}

/** `result.usage` → `result.totalUsage`, `{ usage }` → `{ totalUsage: usage }`: the same type, every step counted. */
function totalUsageFix(site: LlmCallSite): Fix {
  const edits = site.lastStepUsage!.map((r) => ({ start: r.span.start, end: r.span.end, newText: r.shorthand ? 'totalUsage: usage' : 'totalUsage' }));
  return { title: 'Read totalUsage, the usage of all steps', edits, safety: 'unsafe' };
}

function buildFix(site: LlmCallSite, text: string, writer: CodeWriter, aiSdkUsage: AiSdkUsageField): Fix | undefined {
  const binding = site.resultBinding;
  // A call that may stream (`stream=flag`, options spread in) may hand back a stream, which has no usage to log; a
  // name holding the call's promise (`const pending = generateText(…)`, awaited later) has none yet either.
  if (!binding || binding.pending || site.streaming !== false) return undefined;
  // Instructor (`response_model=…`) hands back the parsed object, which has no `model` or `usage` of its own.
  if ('response_model' in site.args.options) return undefined;
  // A raw HTTP response (`with_raw_response.create(…)`, `.asResponse()`) has no `usage` either: it is on `.parse()`.
  if (/\bwith_(?:raw|streaming)_response\b/.test(text.slice(site.span.start, site.nameSpan.start)) || /^\s*\.\s*(?:withResponse|asResponse)\s*\(/.test(text.slice(site.span.end, site.span.end + 100))) return undefined;
  const python = writer.language === 'python';
  const exprs = usageExprs(site, binding.name, python, aiSdkUsage);
  if (!exprs) return undefined;
  let code: string;
  const logger = python ? moduleLogger(text) : null;
  // The logged fields: the model when known, then the usage object or the counts.
  const named: Array<[string, string]> = [...(exprs.model ? [['model', exprs.model] as [string, string]] : []), ...(exprs.counts ?? [['usage', exprs.usage]])];
  if (python && logger?.kind === 'structlog') {
    // structlog takes the fields as keywords and renders them with the event.
    code = `${logger.name}.info("llm.usage", ${named.map(([k, v]) => `${k}=${v}`).join(', ')})`;
  } else if (python && logger?.kind === 'loguru') {
    code = named.length === 1 ? `${logger.name}.info("llm.usage {}", ${exprs.usage})` : `${logger.name}.info("llm.usage ${named.map(([k]) => `${k}={}`).join(' ')}", ${named.map(([, v]) => v).join(', ')})`;
  } else if (python && logger?.kind === 'project') {
    // Whatever the project's logger wraps (stdlib, loguru, its own class), a message already formatted is valid for it.
    code = `${logger.name}.info(${formattedMessage(named.length === 1 ? [['', exprs.usage]] : named)})`;
  } else if (python) {
    const fields = named.map(([k, v]) => `"${k}": ${v}`);
    // The numbers go in the message too: the default log format prints no `extra` fields.
    const format = named.length === 1 ? `"llm.usage %s", ${exprs.usage}` : `"llm.usage ${named.map(([k]) => `${k}=%s`).join(' ')}", ${named.map(([, v]) => v).join(', ')}`;
    code = `${logger?.name ?? 'logging.getLogger(__name__)'}.info(${format}, extra={${fields.join(', ')}})`;
  } else {
    code = typeScriptLogLine([...(exprs.model ? [`model: ${exprs.model}`] : []), `usage: ${exprs.usage}`], binding.logger);
  }
  const edits: TextEdit[] = [writer.insertStatementAfter(text, Math.max(binding.statementSpan.start, binding.statementSpan.end - 1), code)];
  if (python && !logger) {
    const imp = writer.ensureImport(text, 'logging', []);
    if (imp) edits.push(imp);
  }
  return { title: 'Log the token usage', edits, safety: 'unsafe' };
}

/**
 * `console.info('llm.usage', { model, usage })`, or the same through the logger the code already uses there, in the
 * form its library takes: pino's `logger.info({ model, usage }, 'llm.usage')`, Nest's `this.logger.log({ msg:
 * 'llm.usage', model, usage })` (an object message is what nestjs-pino turns into fields, not a second argument, which
 * it takes for the context).
 */
function typeScriptLogLine(fields: string[], logger: LoggerRef | undefined): string {
  if (logger?.style === 'fields-first') return `${logger.expr}.${logger.method}({ ${fields.join(', ')} }, 'llm.usage');`;
  if (logger?.style === 'object') return `${logger.expr}.${logger.method}({ msg: 'llm.usage', ${fields.join(', ')} });`;
  return `${logger?.expr ?? 'console'}.${logger?.method ?? 'info'}('llm.usage', { ${fields.join(', ')} });`;
}

/**
 * The module's own logger, by name: a standard-library one (`logger = logging.getLogger(__name__)` at module level)
 * first, else structlog's (`log = structlog.get_logger()`), else loguru's (`from loguru import logger`), else the
 * project's own (`from common.log import logger`, `logger = setup_logger()`). A module that logs through one of these
 * seldom configures the standard library's root logger, which drops `info` lines; a project logger may not even
 * propagate to it.
 */
const moduleLogger = oncePerText((text: string): { name: string; kind: 'logging' | 'structlog' | 'loguru' | 'project' } | null => {
  const assigned = (call: string) => new RegExp(`^([A-Za-z_]\\w*)\\s*(?::\\s*[\\w.\\[\\]]+\\s*)?=\\s*${call}\\(`, 'm').exec(text)?.[1];
  const std = assigned('logging\\.getLogger');
  if (std) return { name: std, kind: 'logging' };
  const struct = assigned('structlog\\.(?:stdlib\\.)?(?:get_logger|getLogger)');
  if (struct) return { name: struct, kind: 'structlog' };
  const loguru = /^from\s+loguru\s+import\s+logger(?:\s+as\s+([A-Za-z_]\w*))?\s*$/m.exec(text);
  if (loguru) return { name: loguru[1] ?? 'logger', kind: 'loguru' };
  const project = importedLogger(text) ?? helperLogger(text);
  return project ? { name: project, kind: 'project' } : null;
});

/** Names that say they hold a logger (`math.log` is a function, hence the use check below). */
const LOGGER_NAME = /^(?:_?log(?:ger)?|LOG(?:GER)?)$/;
const FROM_IMPORT = /^from[ \t]+[.\w]+[ \t]+import[ \t]+(?:\(([^)]*)\)|([^\n#;]*))/gm;

/**
 * A logger imported from the project (`from common.log import logger`, `from .utils import log`) that the module
 * already logs through (`logger.info(…)`, `log.error(…)`): its bound name.
 */
function importedLogger(text: string): string | null {
  for (const m of text.matchAll(FROM_IMPORT)) {
    for (const item of (m[1] ?? m[2]).split(',')) {
      const [, imported, alias] = /^\s*([A-Za-z_]\w*)(?:\s+as\s+([A-Za-z_]\w*))?\s*$/.exec(item.replace(/#.*$/gm, '')) ?? [];
      const name = alias ?? imported;
      if (!name || !LOGGER_NAME.test(imported) || !LOGGER_NAME.test(name)) continue;
      if (loggedThrough(text, name)) return name;
    }
  }
  return null;
}

const HELPER_LOGGER = /^([A-Za-z_]\w*)[ \t]*(?::[ \t]*[\w.]+[ \t]*)?=[ \t]*(?:[A-Za-z_]\w*\.)*(\w*)[ \t]*\(/gm;

/**
 * A logger a project helper makes at module level (`logger = parse_args_and_setup_logging()`, `log =
 * get_logger(__name__)`) that the module already logs through: its bound name. Only when both the name and the
 * helper's name say logger or logging.
 */
function helperLogger(text: string): string | null {
  for (const [, name, helper] of text.matchAll(HELPER_LOGGER)) {
    if (!LOGGER_NAME.test(name) || !/log(?:ger|ging)/i.test(helper)) continue;
    if (loggedThrough(text, name)) return name;
  }
  return null;
}

function loggedThrough(text: string, name: string): boolean {
  return new RegExp(`(?<![\\w.])${name}\\s*\\.\\s*(?:debug|info|warning|warn|error|exception|critical)\\s*\\(`).test(text);
}

/** Where the usage is lost, when it is not at the call: the wrapper whose callers read only the reply, or the helpers the response is handed to. */
/**
 * `f"llm.usage model={resp.model} usage={resp.usage}"`, quoted so that no value's own quotes end it (an f-string may
 * not reuse its quote inside a replacement field before Python 3.12); concatenation when values use both quotes.
 */
function formattedMessage(fields: Array<[string, string]>): string {
  const label = (k: string) => (k ? `${k}=` : '');
  const values = fields.map(([, v]) => v).join('');
  const quote = !values.includes('"') ? '"' : !values.includes("'") ? "'" : null;
  if (quote) return `f${quote}llm.usage ${fields.map(([k, v]) => `${label(k)}{${v}}`).join(' ')}${quote}`;
  return `"llm.usage " + " ".join([${fields.map(([k, v]) => (k ? `"${k}=" + str(${v})` : `str(${v})`)).join(', ')}])`;
}

function droppedWhere(site: LlmCallSite): string {
  if (site.usageDroppedBy) return ` (the callers of ${site.usageDroppedBy} read only the reply)`;
  const helpers = site.usageDroppedIn ?? [];
  if (!helpers.length) return '';
  return helpers.length === 1 ? ` (it is handed to ${helpers[0]}, which never reads its usage)` : ` (it is handed to ${helpers.slice(0, -1).join(', ')} and ${helpers.at(-1)}, which never read its usage)`;
}

/**
 * A package.json that allows only @google/generative-ai releases whose response type has no `usageMetadata` (before
 * 0.10.0): reading it would not type-check, so there is no fix, only this note.
 */
function generativeAiWithoutUsageType(site: LlmCallSite, ws: WorkspaceView): string | null {
  const pin = declaredNpmCeiling(ws.readText, ws.root, site.path, '@google/generative-ai');
  if (!pin || !ceilingBelow(pin, GOOGLE_GENERATIVE_AI_JS_SINCE.usageMetadata)) return null;
  return `; @google/generative-ai ${pin.spec} (${path.basename(pin.manifest)}) does not type usageMetadata (it came in ${GOOGLE_GENERATIVE_AI_JS_SINCE.usageMetadata}): upgrade to record it`;
}

/**
 * A LangChain.js ChatGoogleGenerativeAI call where the package.json allows only @langchain/google-genai releases whose
 * messages carry no `usage_metadata` (before 0.0.18): there is nothing on the result to read.
 */
function langchainGenaiWithoutUsage(site: LlmCallSite, ws: WorkspaceView): boolean {
  if (site.client?.sdk !== 'langchain' || site.client.className !== 'ChatGoogleGenerativeAI') return false;
  const pin = declaredNpmCeiling(ws.readText, ws.root, site.path, '@langchain/google-genai');
  return !!pin && ceilingBelow(pin, LANGCHAIN_JS_GOOGLE_GENAI_SINCE.usageMetadata);
}

/** Python's usage callbacks; LangChain.js `handleLLMEnd` handlers are judged by the front end (`site.usageCallback`). */
const LANGCHAIN_USAGE_CALLBACKS = /get_openai_callback|get_usage_metadata_callback|UsageMetadataCallbackHandler/;

export default defineRule({
  id: 'usage-discarded',
  family: 'telemetry',
  severity: 'warning',
  fixable: 'unsafe',
  languages: ['typescript', 'javascript', 'python'],
  docs: {
    summary: 'Response token usage never read or recorded',
    why: [
      'Every response carries its token usage (`usage.prompt_tokens` / `completion_tokens`, Anthropic `input_tokens` / `output_tokens` / `cache_read_input_tokens`, AI SDK `usage`, LangChain `usage_metadata`, the ollama Python package\'s `prompt_eval_count` / `eval_count` on the response itself, or on a stream\'s last chunk). When the code reads only `.choices[0]` or `.text` and drops the rest, there is no record of what each call cost: the bill is the first place spend shows up, cache hit rates (`cached_tokens`, `cache_read_input_tokens`) are unknown, and a prompt that doubled in size goes unnoticed.',
      '',
      'Instructor (`client.chat.completions.create(response_model=User, …)` on an `instructor.from_openai(…)` client, or `patch`ed) hands back the parsed model, not the completion: its usage is on `user._raw_response.usage`, or use `create_with_completion(…)`, which returns the parsed model and the completion together. The message says so; no fix is offered, since the parsed model has no `usage` of its own.',
      '',
      'Record usage per call — a structured log line, or the OpenTelemetry GenAI attributes `gen_ai.usage.input_tokens` and `gen_ai.usage.output_tokens` on the call\'s span. A manual span alone does not record usage; GenAI instrumentation (`@opentelemetry/instrumentation-openai`, OpenLLMetry, OpenInference, Langfuse\'s OpenAI drop-in (`from langfuse.openai import openai`, which patches the `openai` package) and its LangChain / LlamaIndex handlers, and the vendor set-up calls `logfire.instrument_openai()`, `weave.init()`, Laminar\'s `Laminar.initialize()`, Braintrust `wrap_openai`, Sentry with tracing on and its AI integrations running (not with `auto_enabling_integrations=False` and none listed), Datadog `LLMObs.enable()` or `DD_LLMOBS_ENABLED=1`) does, so the rule is silent when the project has it for the call\'s language, and for calls through a LiteLLM proxy of the workspace that logs every call with its usage (`litellm_settings.success_callback`, or a logging integration among `callbacks`), and for LiteLLM SDK calls when the code registers callbacks (`litellm.callbacks = ["otel"]`, `litellm.success_callback = ["langfuse"]`). So is a project that sends its calls through an observability gateway whose dashboards record each request\'s tokens (a Helicone URL or `Helicone-Auth` header, Portkey\'s hosted gateway `api.portkey.ai`, Cloudflare AI Gateway; a client pointed at another host, or straight to its provider with no base URL and no base-URL variable defined in the workspace or read by its code, or a raw HTTP request to a provider\'s own URL, is still checked), and a call that goes through the Vercel AI Gateway (AI SDK 5+ sends a plain model string such as `model: \'openai/gpt-5\'` there, as it does a `gateway(…)` model, unless `globalThis.AI_SDK_DEFAULT_PROVIDER` names another provider). Langfuse records only the calls that go through those integrations: a Python anthropic, google-genai, ollama or raw HTTP call is still checked when they are set up, and its `@observe()` decorator (`langfuse.decorators`, `from langfuse import observe`), even with `as_type="generation"`, records the function\'s input, output, timing and errors but no tokens (https://langfuse.com/docs/observability/sdk/python/instrumentation): the code hands them over itself (`langfuse_context.update_current_observation(usage=…)` reads the response\'s usage, which the rule sees).',
      '',
      'A loop over a stream reads the usage when it reads `usage` from its events (or a final message). An Anthropic stream sends the usage in `message_start` and `message_delta`; its `message_stop` event carries none, so a loop that only watches for `message_stop` drops it (except the Python helper stream, whose `message_stop` event holds the whole `message`). An AI SDK `fullStream` carries the usage on its `finish` part (`part.totalUsage`): a loop over it that reads it there, or hands each part to a function of the workspace that does, records it; one that reads only the `text-delta` parts drops it. A stream read with `fetchEventSource(url, { onmessage })` (@microsoft/fetch-event-source and its fork) is read in `onmessage`: a handler that only picks the text out of each event drops the usage, one that hands each parsed event on whole leaves it to whoever receives them.',
      '',
      'A raw HTTP call (httpx, requests, aiohttp, fetch) finds the usage in the parsed body under the provider\'s own key: `usage` (OpenAI and compatible servers, Anthropic, Cohere v2), Gemini\'s `usageMetadata`, Cohere v1\'s `meta.billed_units`, Ollama\'s `prompt_eval_count` / `eval_count`, read as an attribute, by key (`data["usageMetadata"]`) or with `.get(…)`. A raw stream\'s lines (`response.aiter_lines()`, `iter_lines()`, aiohttp\'s `response.content`) are its events: a loop that reads the usage from the events it parses (`json.loads(line[6:])`) records it, one that yields them whole hands it on. What the code reads of the body only in the branch that handles an error status (`if response.status != 200: raise APIError(await response.json())`, or that returns there) is the error, not the usage.',
      '',
      'openai-node\'s tool runner (`client.beta.chat.completions.runTools(…)` / the deprecated `runFunctions(…)` in 4.x, `client.chat.completions.runTools(…)` in 5 and later) sends one chat completion request per tool round; the run\'s usage is `await runner.totalUsage()` (the sum over its completions), a `totalUsage` or `chatCompletion` listener, or `runner.allChatCompletions()`. A runner read only through `finalContent()`, `done()` or `content` events drops it. openai-edge (openai@3.x\'s API over fetch) resolves to the fetch `Response`: the usage is on its body (`(await res.json()).usage`).',
      '',
      'A local Ollama server bills nothing per token, but the counts are what its latency and capacity depend on: a prompt that grew tenfold shows up there first. The fix logs `prompt_eval_count` and `eval_count` with `.get(…)`, which reads a dict response (ollama before 0.4) and a response object alike.',
      '',
      'AWS Bedrock through boto3 (`boto3.client("bedrock-runtime")`, also from a `boto3.Session`): `converse` returns the counts in `response["usage"]` (`inputTokens`, `outputTokens`); `invoke_model` returns the provider\'s JSON in `response["body"]`, a stream read once (`json.loads(response["body"].read())`), whose `usage` is the usage for Anthropic models, and the counts also come back as the `x-amzn-bedrock-input-token-count` / `-output-token-count` response headers; a `converse_stream` stream ends with a `metadata` event holding `usage`, and an `invoke_model_with_response_stream` stream of an Anthropic model carries it in `message_start` / `message_delta` (and `amazon-bedrock-invocationMetrics` on the last event). The usage counts as read when the code reads it there (or names those counts), and as passed on when the response, its parsed body, its stream or whole parsed events are returned, yielded or handed on; a loop that yields only the text deltas drops it. The fix (converse only) logs `response["usage"]`; invoke_model gets none, since its body can be read only once. OpenTelemetry\'s botocore instrumentation (`opentelemetry-instrumentation-botocore`), whose Bedrock extension records the tokens, silences the rule for boto3 calls only; OpenLLMetry, OpenInference\'s Bedrock instrumentor and the other GenAI instrumentation count as for every SDK.',
      'The same for the AWS SDK for JavaScript v3 (`client.send(command)` on a `BedrockRuntimeClient`): `ConverseCommand`\'s output has `usage`; a `ConverseStreamCommand` stream (`response.stream`) ends with a `metadata` event holding `usage`; an `InvokeModelCommand` body (`response.body`, bytes) holds the model\'s JSON, read with `JSON.parse(new TextDecoder().decode(response.body))` or `response.body.transformToString()`, whose `usage` is the usage for Anthropic models; an `InvokeModelWithResponseStreamCommand` stream (`response.body`) carries it in its chunks (and `amazon-bedrock-invocationMetrics` on the last). Usage counts as read there or by those counts\' names, and as passed on when the response, the payload or its parsed JSON is returned or handed on. The fix (ConverseCommand only) logs `response.usage`. Other AWS clients\' `send` (S3, DynamoDB) is no model call.',
      'Firebase Genkit calls (`ai.generate(…)`, `ai.generateStream(…)`) are not reported: Genkit runs every generate in a `generate` span whose output is the response, `usage` included, so the usage is recorded whatever the code reads.',
      '',
      'Mind the provider semantics when summing: OpenAI and Gemini input counts include cached tokens, Anthropic\'s `input_tokens` excludes them.',
      '',
      'LangChain.js\'s `ChatGoogleGenerativeAI` puts `usage_metadata` on its messages from @langchain/google-genai 0.0.18: where the package.json allows only older releases there is nothing on the result to read, and its calls are not reported. A LangChain pipe that ends in an output parser (`prompt | llm | StrOutputParser()`, `prompt.pipe(llm).pipe(StructuredOutputParser.fromZodSchema(schema))`, a function- or tool-call parser such as `new JsonOutputFunctionsParser()` or `new JsonOutputToolsParser()`, Python\'s `create_stuff_documents_chain(llm, prompt)` and LangChain.js\'s `createStuffDocumentsChain({ llm, prompt })`, and the `create_retrieval_chain` / `createRetrievalChain` whose "answer" they fill), LangChain.js\'s `AgentExecutor` (its `{ output }`) and legacy chains (`RetrievalQAChain.fromLLM(llm, retriever)`, `new LLMChain({ llm, prompt })`, their `{ text }`; a LangGraph `createReactAgent` hands back its state, whose messages carry the usage, and is not judged) returns text or parsed data, and the usage is gone whatever happens to the result (so does LangChain.js\'s completion model `OpenAI` of @langchain/openai, whose `invoke` hands back a string): record it with a callback (`UsageMetadataCallbackHandler`, `get_openai_callback()`, which also silence this rule for LangChain calls in that file; in LangChain.js a `handleLLMEnd(output)` that reads the usage, `output.llmOutput?.tokenUsage` or a message\'s `usage_metadata`, or hands the output on to a function). In Python any non-empty `callbacks` handed to the run (`config={"callbacks": [handler]}`) or to its model silences it: a Langfuse handler records the usage. Such a handler silences the runs it is given to (in the `callbacks` of the call, of the model or of a runnable of the chain; a handler class or object imported from another module of the workspace is judged there, and one from a package, such as a tracer, is taken to record the usage), or, when the module gives it to no run the analysis sees, every LangChain call of the module; an empty `handleLLMEnd() {}` or one that reads only the text records nothing. A LangChain.js model built where the analysis does not look, such as one the code is handed (a NestJS-injected `BaseChatModel`, a parameter typed `ChatOpenAI`) or a factory\'s result assigned on another branch, may carry such a handler in its own `callbacks`, so its runs are not reported. LangSmith tracing switched on in a workspace env file (`LANGCHAIN_TRACING_V2=true`, `LANGSMITH_TRACING=true`) or by the code of the same language, with a literal true, outside its tests (`os.environ["LANGCHAIN_TRACING_V2"] = "true"`, `os.environ.setdefault("LANGSMITH_TRACING", "true")`, `process.env.LANGCHAIN_TRACING_V2 = \'true\'`) records the usage of every LangChain run, so LangChain calls are not reported then either. LangChain\'s `ChatLiteLLM` from langchain-litellm sets the reply\'s `usage_metadata` (and asks a stream for its usage) like the other chat models; langchain_community\'s own class kept the counts in `llm_output` only, and which class an import from langchain_community gets depends on its release, so those calls are not reported.',
      '',
      'An AI SDK call with `stopWhen` may run several steps (a tool loop), each a model request of its own. In AI SDK 5 and 6 the result\'s `usage` (and `onFinish`\'s `usage`) is the last step\'s alone and `totalUsage` is the sum over all steps; AI SDK 7 made `usage` the sum again and deprecated `totalUsage`; AI SDK 4\'s `maxSteps` already summed the steps into `usage`. So with `stopWhen` the fix logs `totalUsage` (`usage` when the package.json declares AI SDK 7 or later), and code that records only `usage` of such a call (`result.usage`, `const { text, usage } = …`, `onFinish: ({ usage }) => …`) is reported when the package.json declares AI SDK 5 or 6, with a fix that reads `totalUsage` instead (`{ totalUsage: usage }` keeps the local name). Reading `totalUsage` or `steps`, an `onStepFinish` hook (it sees every step), telemetry, or handing the result on silences it; an undeclared version is left alone.',
      '',
      'A thin wrapper that returns the response (`def complete(p): return client.chat.completions.create(…)`, `const complete = (p) => client.chat.completions.create(…)`) passes the decision to its callers (so does `completion = client.…create(…)` followed by `return completion`, or by `return completion || null`, `?? null`, `?? undefined` or `completion ? completion : null`, and a method called as `self.ask(…)` / `this.ask(…)`): the call is reported when every call of the wrapper in the workspace (same module, or imported by name, also through a barrel or a workspace package such as `@acme/ai`; methods within their module) drops the usage, and left alone when any caller reads it, passes the response on, or nobody in the workspace calls it. A stream handed to a function of the workspace (`streamToIterable(stream)`) is judged by that function\'s loop over it: yielding only the text deltas drops the usage, reading the usage events or yielding every event does not. A stream is followed through an alias (`const events = stream`) and through `tee()`: each branch gets every event, so the usage is read when any branch\'s reader reads it and dropped only when every branch drops it. There is no fix at the wrapper; record the usage where the callers read the reply, or in the wrapper before returning. In Python, a response handed to a function of its module, a method of its class (`return self._parse_response(response, tools)`) or a module-level function imported from another module of the workspace (`from agent.utils import get_citations`; not a method of an imported class) is judged by that helper (and a helper it hands it to in turn), also when the value handed over was taken out of the response first (a Bedrock stream\'s event, its chunk, the JSON parsed from its bytes, given to `text_of(payload)`): reading only the text or tool calls drops the usage; reading the usage, returning, storing or passing on the response does not, nor does a helper that can be overridden in a subclass of the module, that never uses it (an abstract stub) or that is not found in the workspace (a package\'s).',
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        code: "import OpenAI from 'openai';\n\nconst client = new OpenAI({ timeout: 120_000 });\n\nexport async function answer(q: string) {\n  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n  return completion.choices[0].message.content;\n}\n",
      },
      {
        language: 'python',
        code: `from openai import OpenAI

client = OpenAI(timeout=120)


def answer(question: str) -> str | None:
    completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    return completion.choices[0].message.content
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        code: "import OpenAI from 'openai';\n\nconst client = new OpenAI({ timeout: 120_000 });\n\nexport async function answer(q: string) {\n  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n  console.info('llm.usage', { model: completion.model, usage: completion.usage });\n  return completion.choices[0].message.content;\n}\n",
      },
      {
        language: 'python',
        code: `import logging

from openai import OpenAI

client = OpenAI(timeout=120)
logger = logging.getLogger(__name__)


def answer(question: str) -> str | None:
    completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    logger.info("llm.usage", extra={"model": completion.model, "usage": completion.usage})
    return completion.choices[0].message.content
`,
      },
    ],
    references: [
      'https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage',
      'https://docs.anthropic.com/en/api/messages',
      'https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/',
      'https://langfuse.com/docs/observability/sdk/python/instrumentation',
    ],
    fixSafety:
      'Unsafe: inserts a structured log line after the statement that binds the result (for a multi-step AI SDK call, one that logs `totalUsage`; a multi-step call that already records `usage` gets `usage` replaced by `totalUsage` where it is read). In TypeScript it goes through the logger the code already uses there: a logger field of the enclosing class (`this.logger`; not in a static method or a `function` with its own `this`), else a module-level or imported logger the file logs through, with the method the code already calls on it (info, log or debug); Nest\'s `Logger` gets one object (`this.logger.log({ msg: \'llm.usage\', model, usage })`, which nestjs-pino turns into fields), pino and nestjs-pino\'s `PinoLogger` the fields first (`logger.info({ model, usage }, \'llm.usage\')`), others the message first; with no logger, `console.info(\'llm.usage\', { model, usage })`. In Python: `logging.getLogger(__name__).info("llm.usage model=%s usage=%s", …, extra=…)`, through the module\'s own `logger = logging.getLogger(…)` when it has one, else its structlog logger (`log.info("llm.usage", model=…, usage=…)`), loguru\'s `logger` (`"llm.usage model={} usage={}"`) or a project logger it imports and already logs through (`from common.log import logger`, with a message formatted in an f-string, which any logger accepts; a project logger that does not propagate would drop the standard library\'s line). Offered only when the result is bound to a variable (awaited there: a name holding the call\'s promise, `const pending = generateText(…)` awaited later, gets none) and is known not to be a stream (not for `stream=flag` or options spread in from elsewhere; a spread of an object literal written in place, `...(json && { response_format: … })`, can set only its own keys), not for a raw HTTP response (`with_raw_response`, `.asResponse()`) or an openai-edge call (a fetch `Response`, whose body the code reads once), whose usage is on the parsed body, not for a LangChain chain whose result is not the model\'s message (a map step puts it under a key of a dict; a chain built by another module\'s function, or unpacked from what one returns, may end in a parser), not for a tool runner (`runTools`), whose usage is known only once the run ends (a line awaiting `totalUsage()` right after the runner is made would hold back the listeners the code attaches after it), and not for @google/generative-ai when the package.json allows only releases before 0.10.0, whose response type has no `usageMetadata` (the message says to upgrade); you may prefer span attributes or a metrics call.',
  },
  defaultOptions: {},
  check(ctx) {
    const { file, writer } = ctx;
    // Instrumentation that records this call's usage; a gateway that records the calls routed through it says
    // nothing of a client pointed elsewhere.
    const recorded = (site: LlmCallSite) => instrumentationRecordsUsage(ctx.workspace, file, site) && !bypassesObservabilityGateway(ctx.workspace, file, site);
    if (instrumentsFile(ctx.workspace, file) && file.callSites.every(recorded)) return;
    // LangChain hands usage to callbacks (`get_openai_callback()`, `UsageMetadataCallbackHandler`, `handleLLMEnd`).
    // LangSmith tracing, switched on in the environment, records the usage of every LangChain run.
    let langchainCallbacks: boolean | undefined;
    const langchainRecorded = () => (langchainCallbacks ??= LANGCHAIN_USAGE_CALLBACKS.test(file.text) || langsmithTracing(ctx.workspace, file.language));
    // The nearest package.json decides for the whole file: read once, on the first multi-step AI SDK call.
    let major: number | null | undefined;
    const aiSdkMajor = () => (major === undefined ? (major = declaredNpmMajor(ctx.workspace.readText, ctx.workspace.root, file.path, 'ai')) : major);
    for (const site of file.callSites) {
      const lastStepMajor = readsLastStepOnly(site, aiSdkMajor);
      if (site.usage !== 'discarded' && lastStepMajor === null) continue;
      if (recorded(site)) continue;
      if (site.sdk === 'langchain' && (site.usageCallback || langchainRecorded())) continue;
      // The LiteLLM gateway the call goes through logs it (success_callback: langfuse, otel, …).
      if (loggingGateway(site, ctx.workspace) || litellmCallbacksLog(site, ctx.workspace)) continue;
      // …and so does the Vercel AI Gateway, and Genkit's own span around each generate.
      if (throughVercelGateway(site, ctx.workspace) || tracedBySdk(site)) continue;
      // A Chat Completions stream that never asks for usage has none to read: stream-without-usage reports the cause.
      if (streamCarriesNoUsage(site)) continue;
      // …nor has a message of an old LangChain.js ChatGoogleGenerativeAI.
      if (file.language !== 'python' && langchainGenaiWithoutUsage(site, ctx.workspace)) continue;
      if (lastStepMajor !== null) {
        ctx.report({
          span: site.nameSpan,
          message: `${callName(site)} may run several steps (stopWhen), but the code records only usage, which AI SDK ${lastStepMajor} gives for the last step alone, so the tokens of the earlier steps are invisible; read totalUsage`,
          fix: writer ? totalUsageFix(site) : undefined,
        });
        continue;
      }
      const old = site.sdk === 'google-generativeai' && file.language !== 'python' ? generativeAiWithoutUsageType(site, ctx.workspace) : null;
      // With several steps (`stopWhen`), AI SDK 5 and 6 give the last step's `usage` and the sum as `totalUsage`.
      const field = aiSdkUsageField(site, aiSdkMajor);
      const fix = writer && !old ? buildFix(site, file.text, writer, field) : undefined;
      const allSteps = field === 'totalUsage';
      const hint =
        site.sdk !== 'ai-sdk'
          ? instructorParsed(site, file.language)
            ? '; Instructor returns the parsed model: create_with_completion(…) also returns the completion with its usage'
            : ''
          : site.streaming === true
            ? allSteps
              ? '; read all steps\' usage in onFinish({ totalUsage }) or from result.totalUsage'
              : '; read it in onFinish({ usage }) or from result.usage'
            : allSteps
              ? '; it may run several steps (stopWhen): record result.totalUsage, the sum over all steps (AI SDK 5 and 6 give result.usage for the last step only)'
              : '';
      ctx.report({
        span: site.nameSpan,
        message: `The token usage returned by ${callName(site)}${site.sdk === 'ollama' ? ' (prompt_eval_count, eval_count)' : ''} is never read or recorded${droppedWhere(site)}, so ${site.provider === 'ollama' ? 'the tokens each call makes the model server process are' : 'the cost of this call is'} invisible${hint}${old ?? ''}`,
        fix,
      });
    }
  },
});
