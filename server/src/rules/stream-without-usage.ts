import * as path from 'node:path';
import { optionNames } from '../core/catalog';
import { spreadMaySet } from '../core/call-site-options';
import { baseUrlEnvFor, streamsUsageUnasked } from '../core/catalog/providers';
import { LITELLM } from '../core/catalog/infra-defaults';
import { sdkLanguage } from '../core/retry-chain';
import { sitesNear } from '../core/client-sites';
import { defineRule } from '../core/rule';
import { admitsOlderThan, ceilingBelow, compareVersions, declaredNpmCeiling, declaredNpmMajor } from '../core/manifests';
import { AI_SDK_OPENAI_COMPATIBLE_DEFAULT, catalogSdkOf, LANGCHAIN_JS_OPENAI_STREAM_USAGE, LANGCHAIN_OPENAI_STREAM_USAGE_AUTO, LANGCHAIN_OPENAI_STREAM_USAGE_PARAM, OPENAI_PYTHON_STREAM_OPTIONS, V3_OPENAI_METHODS } from '../core/catalog/sdk-defaults';
import type { ClientFact, FileFacts, Fix, LlmCallSite, TextEdit, ValueFact } from '../core/types';
import { callName, clientLabel } from '../core/types';
import type { CodeValue, CodeWriter } from '../core/code-writer';
import { LineIndex } from '../core/text';
import { moduleSettingWritten, pythonCeiling, pythonFloor, type WorkspaceView } from '../core/workspace-view';

const OPENAI_URL_PROVIDERS = new Set(['openai', 'azure-openai']);

/**
 * With usage requested, the stream ends with a chunk whose `choices` is empty: a loop that reads `chunk.choices[0]`
 * without a guard throws on it (TypeError in JS, IndexError in Python). The fix is safe only when the calling
 * function reads the stream itself and every such read is guarded (`choices[0]?.`, `if chunk.choices:`).
 */
function consumedSafely(site: LlmCallSite, text: string): boolean {
  const fn = site.enclosingFunction?.span;
  if (!fn) return false;
  const name = site.resultBinding?.name;
  const python = site.language === 'python';
  // Only the loops over this call's stream count: a guard on another response, or a loop that builds the messages,
  // says nothing about how the stream's chunks are read (a function that returns the stream leaves that to callers).
  const loops = name ? loopsOver(text.slice(fn.start, fn.end), name, python) : loopAround(site, text, python);
  if (!loops.length) return false;
  return loops.every((loop) => {
    if (forwardsChunks(loop, python)) return false;
    if (python) return !PY_FIRST_CHOICE.test(loop) || PY_CHOICES_GUARD.test(loop);
    return !TS_FIRST_CHOICE.test(loop) || TS_CHOICES_GUARD.test(loop);
  });
}

/** The text of each loop over `name` in `body`, header included: `(async) for c in name:` or `for await (const c of name)`. */
function loopsOver(body: string, name: string, python: boolean): string[] {
  const escaped = name.replace(/\$/g, '\\$');
  const header = python
    ? new RegExp(`^([ \\t]*)(?:async\\s+)?for\\s+[A-Za-z_]\\w*\\s+in\\s+${escaped}\\s*:`, 'gm')
    : new RegExp(`for\\s+await\\s*\\(\\s*(?:const|let|var)\\s+[A-Za-z_$][\\w$]*\\s+of\\s+${escaped}\\s*\\)`, 'g');
  const out: string[] = [];
  for (const m of body.matchAll(header)) {
    const start = m.index!;
    const afterHeader = start + m[0].length;
    out.push(body.slice(start, python ? pythonBlockEnd(body, afterHeader, m[1].length) : tsStatementEnd(body, afterHeader)));
  }
  return out;
}

/** The loop that iterates the call itself (`for chunk in client.chat.completions.create(…):`), header included. */
function loopAround(site: LlmCallSite, text: string, python: boolean): string[] {
  const lineStart = text.lastIndexOf('\n', site.span.start - 1) + 1;
  const before = text.slice(lineStart, site.span.start);
  const head = python
    ? /^([ \t]*)(?:async\s+)?for\s+[A-Za-z_]\w*\s+in\s+(?:await\s+)?$/.exec(before)
    : /for\s+await\s*\(\s*(?:const|let|var)\s+[A-Za-z_$][\w$]*\s+of\s+(?:await\s+)?$/.exec(before);
  const close = head ? (python ? /^\s*:/ : /^\s*\)/).exec(text.slice(site.span.end)) : null;
  if (!head || !close) return [];
  const afterHeader = site.span.end + close[0].length;
  return [text.slice(lineStart + head.index, python ? pythonBlockEnd(text, afterHeader, head[1].length) : tsStatementEnd(text, afterHeader))];
}

/** Where the block of a Python compound statement ends: the first non-blank line indented no deeper than its header. */
function pythonBlockEnd(body: string, afterHeader: number, indent: number): number {
  let at = body.indexOf('\n', afterHeader);
  if (at < 0) return body.length;
  // A body on the header's own line (`for c in s: print(c)`) ends with that line.
  if (body.slice(afterHeader, at).trim() && !body.slice(afterHeader, at).trim().startsWith('#')) return at;
  while (at < body.length) {
    const next = body.indexOf('\n', at + 1);
    const line = body.slice(at + 1, next < 0 ? body.length : next);
    if (line.trim() && !line.trim().startsWith('#') && line.length - line.trimStart().length <= indent) return at;
    if (next < 0) return body.length;
    at = next;
  }
  return body.length;
}

/** Where the statement after a JavaScript loop header ends: its balanced block, or the rest of the line. */
function tsStatementEnd(body: string, afterHeader: number): number {
  let i = afterHeader;
  while (i < body.length && /\s/.test(body[i])) i++;
  if (body[i] !== '{') {
    const eol = body.indexOf('\n', i);
    return eol < 0 ? body.length : eol;
  }
  let depth = 0;
  for (; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}' && --depth === 0) return i + 1;
  }
  return body.length;
}

/**
 * The loop hands chunks on whole — serialised (`chunk.model_dump_json()`, `JSON.stringify(chunk)`), yielded or sent —
 * so the empty-choices chunk reaches a client the linter cannot see, which may index `choices[0]` itself.
 */
function forwardsChunks(body: string, python: boolean): boolean {
  const loopVars = [...body.matchAll(python ? /\bfor\s+([A-Za-z_]\w*)\s+in\b/g : /\bfor\s+await\s*\(\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s+of\b/g)].map((m) => m[1]);
  return loopVars.some((name) => {
    const escaped = name.replace(/\$/g, '\\$');
    // Uses of the chunk as a value (not `chunk.field` / `chunk[…]`), the loop header included, or a whole-object dump.
    const whole = new RegExp(`(?<![\\w$.])${escaped}(?:\\.(?:model_dump_json|model_dump|to_dict|to_json|json|dict|toJSON)\\s*\\(|(?![\\w$.\\[]|\\s*\\?\\.))`, 'g');
    return [...body.matchAll(whole)].length > 1;
  });
}

/** `chunk.choices[0]`, `chunk["choices"][0]`, a destructured `choices[0]`. */
const PY_FIRST_CHOICE = /(\bchoices|\[\s*["']choices["']\s*\])\s*\[\s*0\s*\]/;
/** `if chunk.choices:`, `if not chunk["choices"]: continue`, `if chunk.choices and …`, `len(chunk.choices)` — not `if chunk.choices[0]…`. */
const PY_CHOICES_GUARD = /\bif\s+(not\s+)?[\w.]*(\.choices|\[\s*["']choices["']\s*\])\s*(:|\band\b|\bor\b|\)|$)|len\(\s*[\w.]*(\.choices|\[\s*["']choices["']\s*\])\s*\)/m;
/** An index read not followed by `?.`: `chunk.choices[0].delta`, `choices[0].delta`, `chunk['choices'][0]`, `choices.at(0).delta`. */
const TS_FIRST_CHOICE = /(\bchoices|\[\s*["']choices["']\s*\])\s*(\[\s*0\s*\]|\.at\(\s*0\s*\))(?!\s*\?)/;
/** `if (!chunk.choices?.length) continue`, `chunk.choices.length === 0`. */
const TS_CHOICES_GUARD = /\bchoices\s*\??\.\s*length\b/;

/** The first Azure OpenAI API version that accepts `stream_options` (older ones answer 400). */
const AZURE_STREAM_OPTIONS_SINCE = '2024-10-21';

/**
 * The API version an Azure client is made with, when written (or the fallback of its environment read) and older than
 * the first that accepts `stream_options`: the fix would turn every streamed request into a 400. An `AzureOpenAI`
 * client names it `api_version` / `apiVersion`; an `OpenAI` client pointed at an Azure deployment (how openai-node v4
 * documented Azure before `AzureOpenAI`, and openai-python's `default_query` does the same) sends it as the
 * `api-version` query parameter of every request, which only Azure reads.
 */
function azureVersionTooOld(site: LlmCallSite): string | null {
  const client = site.client;
  if (!client || (client.provider !== 'azure-openai' && client.sdk !== 'openai')) return null;
  const options = client.args.options;
  const query = (options.defaultQuery ?? options.default_query)?.value;
  const queryVersion = query?.kind === 'object' ? query.args.options['api-version']?.value : undefined;
  const named = client.provider === 'azure-openai' ? (options.api_version ?? options.apiVersion)?.value : undefined;
  let v: ValueFact | undefined = named ?? queryVersion;
  if (v?.kind === 'env') v = v.fallback;
  if (v?.kind !== 'string') return null;
  const date = /^(\d{4}-\d{2}-\d{2})/.exec(v.value)?.[1];
  return date && date < AZURE_STREAM_OPTIONS_SINCE ? v.value : null;
}

/** The openai-python pin (`openai==1.3.5 (requirements.txt)`) when every version it allows predates `stream_options`. */
function oldOpenAiPython(ws: WorkspaceView, file: string): string | null {
  const pin = pythonCeiling(ws, file, 'openai');
  if (!pin || !ceilingBelow(pin, OPENAI_PYTHON_STREAM_OPTIONS.since)) return null;
  return `${pin.exclusive ? 'below ' : ''}${pin.version} (${path.basename(pin.manifest)})`;
}

/** The `stream_options` problem of an OpenAI-compatible call: null when usage is requested or cannot be told. */
function streamOptionsFix(site: LlmCallSite, text: string, writer: CodeWriter | null, ws: WorkspaceView): { fix?: Fix } | null {
  const opt = site.args.options['stream_options'];
  const safety = consumedSafely(site, text) && officialEndpoint(site, ws) ? 'safe' : 'unsafe';
  if (!opt) {
    if (spreadMaySet(site.args, 'stream_options')) return null;
    // A stream flag held in a variable: the API rejects stream_options on a request that does not stream (400 "only
    // allowed when 'stream' is enabled"), so it is sent only when the flag is on (null is the option's default).
    const value: CodeValue = site.streamsWhen === undefined ? { include_usage: true } : { $code: conditionalStreamOptions(site.streamsWhen) };
    const edits = writer?.addOption(site.args, 'stream_options', value, text) ?? [];
    const title = site.streamsWhen === undefined ? 'Add stream_options: { include_usage: true }' : `Add stream_options: { include_usage: true } when ${site.streamsWhen} is true`;
    return { fix: edits.length ? { title, edits, safety } : undefined };
  }
  if (opt.value.kind !== 'object') return null; // a variable: cannot tell
  const args = opt.value.args;
  const include = args.options['include_usage'];
  if (include) {
    if (include.value.kind !== 'boolean' || include.value.value) return null;
    const edits = writer?.setOption(include, true) ?? [];
    return { fix: edits.length ? { title: 'Set include_usage to true', edits, safety } : undefined };
  }
  if (args.hasSpread) return null;
  const edits = writer?.addOption(args, 'include_usage', true, text) ?? [];
  return { fix: edits.length ? { title: 'Add include_usage: true', edits, safety } : undefined };
}

/**
 * A wrapper that spreads its `**kwargs` into the request, called with `stream=True`: the callers that do so and pass no
 * `stream_options` (null when the wrapper's own dicts may carry it, or a caller spreads options that cannot be read).
 * The fix adds the option to each of those calls, which hand it on.
 */
function kwargsCallersFix(site: LlmCallSite, text: string, writer: CodeWriter | null): { fix?: Fix } | null {
  if (site.args.options['stream_options'] || site.args.spreadKeys?.includes('stream_options')) return null;
  const callers = site.streamingCallers ?? [];
  // A caller's `**` keywords may carry stream_options: a dict it builds, or (a wrapper itself) its own callers' keywords.
  if (callers.some((c) => c.args.options['stream_options'] || c.args.hasSpread)) return null;
  const edits: TextEdit[] = [];
  for (const c of callers) edits.push(...(writer?.addOption(c.args, 'stream_options', { include_usage: true }, text) ?? []));
  const fix = edits.length ? { title: 'Add stream_options: { include_usage: true } where stream=True is passed', edits, safety: 'unsafe' as const } : undefined;
  return { fix };
}

/** `{"include_usage": True} if should_stream else None` / `shouldStream ? { include_usage: true } : undefined`. */
function conditionalStreamOptions(flag: string): { python: string; typescript: string } {
  const operand = /^[\w.]+$/.test(flag) ? flag : `(${flag})`;
  return { python: `{"include_usage": True} if ${operand} else None`, typescript: `${operand} ? { include_usage: true } : undefined` };
}

/**
 * The call goes to OpenAI's own API: no base URL on the client or in the workspace's env, not Azure. Azure API versions
 * before 2024-10-21 and many compatible servers answer 400 "Unrecognized request argument supplied: stream_options"
 * (openai/openai-python#1469): there the option is a change to try, not a safe one.
 */
function officialEndpoint(site: LlmCallSite, ws: WorkspaceView): boolean {
  if (site.provider !== 'openai' || site.sdk === 'http') return false;
  // openai-python's module client reads `openai.base_url = …` (or an Azure `api_type`) set anywhere in the process.
  if (site.moduleClient) {
    const settings = [...ws.files()].find((f) => f.path === site.path)?.defaultClients?.find((c) => c.baseUrlSettings)?.baseUrlSettings;
    if (moduleSettingWritten(ws, settings, 'python')) return false;
  }
  const options = site.client?.args.options ?? {};
  if (['base_url', 'baseURL', 'api_base', 'openai_api_base'].some((k) => k in options && options[k].value.kind !== 'null')) return false;
  const envNames = baseUrlEnvFor('openai', { sdk: site.sdk, language: sdkLanguage(site) });
  return !ws.envDefinitions.some((d) => envNames.includes(d.name));
}

function isTrue(v: ValueFact | undefined): boolean {
  return v?.kind === 'boolean' && v.value;
}

function sameClient(a: ClientFact | null, b: ClientFact): boolean {
  return !!a && a.path === b.path && a.span.start === b.span.start;
}

/** LangChain ChatOpenAI streams when built with streaming: true or when any call through it uses stream/astream. */
function streams(client: ClientFact, file: FileFacts, ws: WorkspaceView, streamingKeys: string[]): boolean {
  if (streamingKeys.some((k) => isTrue(client.args.options[k]?.value))) return true;
  return sitesNear(client, file, ws).some((s) => sameClient(s.client, client) && (s.method === 'stream' || s.method === 'astream'));
}

/**
 * LangChain.js before @langchain/openai 0.2.0 (the package.json allows nothing newer) asks for no stream usage: no
 * `streamUsage` option exists to set, so the finding comes without a fix. A call passing `stream_options` (0.1.x call
 * options) asks for it itself.
 */
function oldLangChainJs(client: ClientFact, file: FileFacts, ws: WorkspaceView): { message: string } | null {
  const pin = declaredNpmCeiling(ws.readText, ws.root, client.path, '@langchain/openai');
  if (!pin || !ceilingBelow(pin, LANGCHAIN_JS_OPENAI_STREAM_USAGE.since)) return null;
  const sites = sitesNear(client, file, ws).filter((s) => sameClient(s.client, client));
  if (sites.some((s) => 'stream_options' in s.args.options || s.args.hasSpread)) return null;
  return {
    message: `${clientLabel(client)} streams, and @langchain/openai ${pin.spec} (${path.basename(pin.manifest)}) never asks for stream usage (streamUsage came in ${LANGCHAIN_JS_OPENAI_STREAM_USAGE.since}), so every streamed call reports 0 tokens`,
  };
}

/**
 * The manifest whose langchain-openai range lets a release without ChatOpenAI's `stream_usage` field be installed
 * (`>=0.1.7,<0.2.0`): such a release moves the argument into `model_kwargs` and sends it to the API.
 */
function lacksStreamUsageField(ws: WorkspaceView, file: string): string | null {
  const floor = pythonFloor(ws, file, 'langchain-openai');
  const ceiling = pythonCeiling(ws, file, 'langchain-openai');
  if (!admitsOlderThan(LANGCHAIN_OPENAI_STREAM_USAGE_PARAM.since, floor?.version, ceiling)) return null;
  const manifest = floor && compareVersions(floor.version, LANGCHAIN_OPENAI_STREAM_USAGE_PARAM.since) < 0 ? floor.manifest : ceiling!.manifest;
  return path.basename(manifest);
}

function checkLangChain(client: ClientFact, file: FileFacts, ws: WorkspaceView, writer: CodeWriter | null): { message: string; fix?: Fix } | null {
  // A custom base URL to a server of unknown kind (vLLM, Ollama, LM Studio) loses stream usage like a gateway does;
  // a known provider behind the URL (OpenRouter, Groq) sends it on its own.
  if (client.sdk !== 'langchain' || (client.provider !== 'openai' && client.provider !== 'unknown') || client.className !== 'ChatOpenAI') return null;
  const language = file.language === 'python' ? 'python' : 'typescript';
  // The old `langchain.chat_models` / `langchain_community.chat_models` ChatOpenAI has no stream_usage: the argument
  // would be sent in the request body and fail every call.
  if (language === 'python' && client.module && !/^langchain_openai(\.|$)/.test(client.module)) return null;
  const names = optionNames('langchain', language);
  if (!names) return null;
  const streamingKeys = names.client.streaming ?? ['streaming'];
  const usageKeys = names.client.streamUsage ?? ['stream_usage'];
  const usageOpt = usageKeys.map((k) => client.args.options[k]).find(Boolean);
  if (!streams(client, file, ws, streamingKeys)) return null;
  if (language === 'typescript') {
    if (!usageOpt) return oldLangChainJs(client, file, ws);
    // LangChain.js asks for stream usage unless told not to.
    if (usageOpt.value.kind !== 'boolean' || usageOpt.value.value) return null;
    const edits = writer?.setOption(usageOpt, true) ?? [];
    return {
      message: `${clientLabel(client)} streams with ${usageOpt.key}: false, so streamed calls report 0 tokens and their cost is invisible`,
      fix: edits.length ? { title: `Set ${usageOpt.key} to true`, edits, safety: 'safe' } : undefined,
    };
  }
  if (usageOpt) return null;
  if (client.args.hasSpread) return null;
  // stream_usage turns itself on only with the default base URL, and only in recent releases.
  const baseKey = (names.client.baseURL).find((k) => k in client.args.options && client.args.options[k].value.kind !== 'null');
  const envNames = baseUrlEnvFor('openai', { sdk: 'langchain', language: 'python' });
  const baseEnv = ws.envDefinitions.find((d) => envNames.includes(d.name));
  const pin = pythonCeiling(ws, client.path, 'langchain-openai');
  const old = pin && ceilingBelow(pin, LANGCHAIN_OPENAI_STREAM_USAGE_AUTO.since) ? pin : null;
  if (!baseKey && !baseEnv && !old) return null;
  // A chat model an agent factory builds from a model name has no construction of the code's to add the field to.
  const edits: TextEdit[] = (client.builtBy ? null : writer?.addOption(client.args, usageKeys[0], true, file.text)) ?? [];
  // Behind a custom base URL the server may reject `stream_options` (LangChain leaves it off there for that reason).
  // A release older than the field that the manifest allows would send it in the request and fail every call.
  const lacking = lacksStreamUsageField(ws, client.path);
  const title = lacking
    ? `Add ${usageKeys[0]}=True after upgrading langchain-openai to ${LANGCHAIN_OPENAI_STREAM_USAGE_PARAM.since} or later (${lacking} allows older releases, which fail on it)`
    : `Add ${usageKeys[0]}=True`;
  const fix = edits.length ? { title, edits, safety: baseKey || baseEnv || lacking ? ('unsafe' as const) : ('safe' as const) } : undefined;
  if (!baseKey && !baseEnv && old) {
    const version = `${old.exclusive ? 'below ' : ''}${old.version}`;
    return {
      message: `${clientLabel(client)} streams without ${usageKeys[0]}=True, and langchain-openai ${version} (${path.basename(old.manifest)}) never turns stream usage on by itself, so every streamed call reports 0 tokens`,
      fix,
    };
  }
  const why = baseKey ? `a custom ${baseKey}` : `${baseEnv!.name} set in the workspace`;
  return {
    message: `${clientLabel(client)} streams through ${why} without ${usageKeys[0]}=True, so LangChain leaves stream usage off and every streamed call reports 0 tokens`,
    fix,
  };
}

/**
 * AI SDK 4 (@ai-sdk/openai before 2.0): `streamText` through a `createOpenAI()` provider in 'compatible' mode, its
 * default or set explicitly, sends no `stream_options`, so the stream's usage arrives as NaN.
 */
function aiSdkCompatibleStream(site: LlmCallSite, file: FileFacts, ws: WorkspaceView, writer: CodeWriter | null): { message: string; fix?: Fix } | null {
  if (site.sdk !== 'ai-sdk' || site.streaming !== true) return null;
  // A model from a function that builds it per branch (`getModel()` switching on a setting): some branches stream in
  // 'compatible' mode. No fix: the others need none, and strict mode is for the OpenAI API only.
  const branchModes = site.aiModelBranches?.map((b) => compatibleMode(b.client, b.method));
  const mode = branchModes ? (branchModes.includes('explicit') ? 'explicit' : branchModes.includes('default') ? 'default' : null) : compatibleMode(site.client, site.aiModelMethod);
  if (!mode) return null;
  const major = declaredNpmMajor(ws.readText, ws.root, site.path, '@ai-sdk/openai');
  if (major === null || major >= AI_SDK_OPENAI_COMPATIBLE_DEFAULT.beforeMajor) return null;
  const client = site.client;
  const what = mode === 'explicit' ? "set to compatibility: 'compatible'" : "in its default 'compatible' mode";
  if (branchModes || !client) {
    return { message: `Streaming ${site.method} through a model that is, on some paths of the function that builds it, a createOpenAI() provider ${what} (@ai-sdk/openai ${major}.x): those streams send no stream_options, so they report no token usage (NaN)` };
  }
  // Compatible mode chosen in the code is kept for the server behind baseURL, which may reject stream_options: no fix.
  const edits = mode === 'default' && writer && client.path === file.path ? writer.addOption(client.args, 'compatibility', 'strict', file.text) : [];
  return {
    message: `Streaming ${site.method} through a createOpenAI() provider ${what} (@ai-sdk/openai ${major}.x) sends no stream_options, so the stream reports no token usage (NaN)`,
    // Providers other than OpenAI behind the base URL may reject stream_options: strict mode is for the OpenAI API.
    fix: edits.length ? { title: "Set compatibility: 'strict' on the provider", edits, safety: 'unsafe' } : undefined,
  };
}

/**
 * The mode of a `createOpenAI()` chat or completion model: 'default' without `compatibility` (which is 'compatible'),
 * 'explicit' with `compatibility: 'compatible'`; null in strict mode, for other models and providers, or unseen.
 */
function compatibleMode(client: ClientFact | null, method: string | undefined): 'default' | 'explicit' | null {
  if (client?.className !== 'createOpenAI') return null;
  // The Responses API and embeddings do not take the setting; chat and completion models do.
  if (method && !['chat', 'completion', 'languageModel'].includes(method)) return null;
  // A spread that may set the key, with a value unseen, may make it strict.
  if (spreadMaySet(client.args, 'compatibility') && !client.args.spreadOptions?.compatibility) return null;
  const opt = client.args.spreadOptions?.compatibility ?? client.args.options.compatibility;
  if (!opt) return 'default';
  return opt.value.kind === 'string' && opt.value.value === 'compatible' ? 'explicit' : null;
}

/**
 * `@ai-sdk/openai-compatible`: a `createOpenAICompatible({ … })` provider sends `stream_options` only when made with
 * `includeUsage: true` (every release from 0.2 to 3.x: `stream_options: this.config.includeUsage ? { include_usage: true }
 * : void 0`), so its streams report no usage otherwise.
 */
function openAiCompatibleProviderStream(site: LlmCallSite, file: FileFacts, writer: CodeWriter | null): { message: string; fix?: Fix } | null {
  const client = site.client;
  if (site.sdk !== 'ai-sdk' || site.streaming !== true || client?.className !== 'createOpenAICompatible' || client.args.hasSpread) return null;
  if (site.aiModelMethod && !['chatModel', 'completionModel', 'languageModel'].includes(site.aiModelMethod)) return null;
  const opt = client.args.options.includeUsage;
  if (opt && !(opt.value.kind === 'boolean' && !opt.value.value)) return null;
  const edits = writer && client.path === file.path ? (opt ? writer.setOption(opt, true) : writer.addOption(client.args, 'includeUsage', true, file.text)) : [];
  return {
    message: `Streaming ${site.method} through a createOpenAICompatible() provider ${opt ? 'with includeUsage: false' : 'without includeUsage: true'} sends no stream_options, so the stream reports no token usage`,
    // The server behind baseURL may not accept stream_options.
    fix: edits.length ? { title: 'Set includeUsage: true on the provider', edits, safety: 'unsafe' } : undefined,
  };
}

/** The LlamaIndex LLM classes that send their `additional_kwargs` in the Chat Completions / Completions request. */
const LLAMAINDEX_OPENAI_CLASSES = new Set(['OpenAI', 'AzureOpenAI', 'OpenAILike']);

/**
 * A LlamaIndex OpenAI / AzureOpenAI / OpenAILike LLM streamed (`llm.stream_chat(…)`, `astream_complete`, …) without
 * `additional_kwargs={"stream_options": {"include_usage": True}}`: llama-index-llms-openai builds every request from the
 * LLM's `additional_kwargs` and the call's keywords, so nothing else asks for usage. LlamaIndex.TS's OpenAI LLM does the
 * same with its `additionalChatOptions` and the call's (`chat({ …, additionalChatOptions })`; a ContextChatEngine hands
 * its `chat({ chatOptions })` on). The fix edits the construction the calls share, so every streaming call through one
 * LLM offers the same edit (applied once).
 */
function llamaIndexStream(site: LlmCallSite, file: FileFacts, writer: CodeWriter | null): { message: string; fix?: Fix } | null {
  const client = site.client;
  if (site.sdk !== 'llamaindex' || site.streaming !== true || !client || site.otherClients?.length) return null;
  if (!LLAMAINDEX_OPENAI_CLASSES.has(client.className) || streamsUsageUnasked(site.provider)) return null;
  const python = site.language === 'python';
  const spelling = python
    ? { option: 'additional_kwargs', perCall: ['stream_options'], include: 'include_usage', True: 'True', stream: '"stream_options"', quote: '"' }
    : { option: 'additionalChatOptions', perCall: ['additionalChatOptions', 'chatOptions'], include: 'include_usage', True: 'true', stream: 'stream_options', quote: '' };
  // The call's own options go into the request too (`llm.stream_chat(messages, stream_options=…)`).
  if (spelling.perCall.some((k) => k in site.args.options) || site.args.hasSpread || client.args.hasSpread) return null;
  const extra = client.args.options[spelling.option];
  const q = spelling.quote;
  let edits: (w: CodeWriter) => TextEdit[];
  let title: string;
  if (!extra) {
    edits = (w) => w.addOption(client.args, spelling.option, { stream_options: { include_usage: true } }, file.text);
    title = python ? 'Add additional_kwargs={"stream_options": {"include_usage": True}} to the LLM' : 'Add additionalChatOptions: { stream_options: { include_usage: true } } to the LLM';
  } else {
    if (extra.value.kind !== 'object') return null; // a variable or a call: cannot tell
    const extraArgs = extra.value.args;
    const opt = extraArgs.options.stream_options;
    if (!opt) {
      if (extraArgs.hasSpread) return null;
      edits = (w) => w.addOption(extraArgs, 'stream_options', { include_usage: true }, file.text);
      title = `Add ${spelling.stream}: {${q}include_usage${q}: ${spelling.True}} to the LLM's ${spelling.option}`;
    } else {
      if (opt.value.kind !== 'object') return null;
      const streamArgs = opt.value.args;
      const include = streamArgs.options.include_usage;
      if (include && (include.value.kind !== 'boolean' || include.value.value)) return null;
      if (!include && streamArgs.hasSpread) return null;
      edits = (w) => (include ? w.setOption(include, true) : w.addOption(streamArgs, 'include_usage', true, file.text));
      title = `Set ${q}include_usage${q}: ${spelling.True} in the LLM's stream_options`;
    }
  }
  const oldAzure = python ? azureVersionTooOld(site) : null;
  const fixEdits = writer && !oldAzure && client.path === file.path ? edits(writer) : [];
  const why = oldAzure ? `; its Azure API version ${oldAzure} rejects stream_options (400), which ${AZURE_STREAM_OPTIONS_SINCE} and later accept` : '';
  return {
    message: `The LlamaIndex ${clientLabel(client)} LLM streams (${site.method}) without asking for usage (no stream_options.include_usage in its ${spelling.option}), so streamed responses carry no token usage and their cost counts as 0${why}`,
    // llama-index-llms-openai releases that predate its streaming-usage support send additional_kwargs on non-streaming
    // requests too (the API answers 400 to stream_options there), and an OpenAILike server may reject the option.
    fix: fixEdits.length ? { title, edits: fixEdits, safety: 'unsafe' } : undefined,
  };
}

/** A raw HTTP call counts when it targets the Chat Completions endpoint of an OpenAI URL, or of a host the catalogue does not know. */
function isOpenAiChatHttp(site: LlmCallSite, file: FileFacts, ws: WorkspaceView): boolean {
  if (site.provider === 'unknown') return compatibleChatHttp(site, ws);
  if (!OPENAI_URL_PROVIDERS.has(site.provider)) return false;
  const chat = /\/chat\/completions\b/;
  return (!!site.httpUrl && chat.test(site.httpUrl)) || file.endpoints.some((e) => e.span.start >= site.span.start && e.span.end <= site.span.end && chat.test(e.url));
}

/** The URL's path ends at `/chat/completions` (a query may follow): `${BASE}/v1/chat/completions`, not `…/completions/feed`. */
const CHAT_COMPLETIONS_END = /\/chat\/completions\/?(?:[?#].*)?$/;

/**
 * Raw HTTP to Chat Completions on a host the catalogue does not know (the workspace's LiteLLM proxy, vLLM, Ollama's
 * /v1, a base URL from config): those servers stream the usage only when asked, as OpenAI does (STREAM_USAGE_ON_REQUEST).
 * Not when the workspace's LiteLLM proxy adds the option to every stream itself.
 */
function compatibleChatHttp(site: LlmCallSite, ws: WorkspaceView): boolean {
  if (!site.httpUrl || !CHAT_COMPLETIONS_END.test(site.httpUrl.trim())) return false;
  if (ws.hops.some((h) => h.kind === 'litellm' && h.streamUsageAlways)) return false;
  const env = LITELLM.alwaysIncludeStreamUsage.value.env;
  return !ws.envDefinitions.some((d) => d.name === env && !/^(false|no|off|0)?$/i.test((d.value ?? 'true').trim()));
}

export default defineRule({
  id: 'stream-without-usage',
  family: 'telemetry',
  severity: 'warning',
  fixable: 'safe',
  languages: ['typescript', 'javascript', 'python'],
  docs: {
    summary: 'OpenAI-compatible streaming call without stream_options.include_usage (LangChain: stream_usage)',
    why: [
      'A streamed Chat Completion carries **no token usage** unless the request asks for it: with `stream_options: { include_usage: true }` the API sends one extra chunk before `[DONE]` whose `usage` covers the whole request; every other chunk has `usage: null`. Without it, dashboards, budgets and cost reports count streamed calls as **0 tokens** — usually the largest responses you serve.',
      '',
      'Raw HTTP to a Chat Completions URL is checked on the JSON body it sends: `fetch(url, { body: JSON.stringify({ …, stream: true }) })`, and `fetchEventSource(url, init)` (@microsoft/fetch-event-source and its fork @waylaidwanderer/fetch-event-source), which always reads the reply as a stream. That holds for any host, not only OpenAI\'s and Azure\'s: a `…/chat/completions` URL on a host the linter does not know (`f"{LITELLM_PROXY_URL}/chat/completions"`, `${BASE}/v1/chat/completions`) is an OpenAI-compatible server — the LiteLLM proxy, vLLM, Ollama\'s `/v1` — and those too stream the usage only when asked (vLLM unless started with `--enable-force-include-usage`). It is left alone when the workspace\'s LiteLLM config sets `general_settings.always_include_stream_usage` (or the workspace\'s environment sets `LITELLM_ENFORCE_STREAMED_USAGE`), which adds the option to every stream; Ollama\'s native `/api/chat` and the Messages API (`/v1/messages`) send their usage unasked and are not checked. Python raw HTTP gets no fix; in TypeScript the fix adds the option to the body literal, as unsafe (a compatible server may reject it).',
      '',
      'A call whose `stream` flag is a variable (`stream=should_stream`) is reported when its result is read chunk by chunk on some branch (`async for chunk in completion:`; in Python also in a function of its module it is handed to, `return reduce_stream(completion)`), or, in Python, when the flag is a parameter of the enclosing function (`def _create(*, messages, stream): … stream=stream`) and a call of that function in its module passes it `True` (or leaves out one that defaults to `True`). The API answers 400 to `stream_options` on a request that does not stream, so the fix sends it only when the flag is on: `stream_options={\"include_usage\": True} if should_stream else None` (`null`, the option\'s default, otherwise). A Python request dict whose `"stream"` key is set on some paths only (`if model not in NO_STREAM: params["stream"] = True`, then `create(**params)`) streams only where the call\'s chunks are read: a call whose response is read whole (`response.choices[0].message`) or handed back is not reported, and one read chunk by chunk under a key guarded by a flag alone (`if stream:`) gets the option only when that flag is on.',
      'In Python, a wrapper that spreads its own `**kwargs` into the request (`def _create(self, **kwargs): return client.chat.completions.create(model=…, **kwargs)`, or a dict it `update`s with them) streams for the callers in its module that pass `stream=True`. It is reported when none of them passes `stream_options`, and the fix adds `stream_options={"include_usage": True}` to those calls, which the wrapper hands on. A caller that passes `**` keywords of its own, or a `stream` flag held in a variable, is left alone.',
      '',
      'LangChain Python `ChatOpenAI` turns `stream_usage` on by itself **only** when no `base_url` / `openai_api_base` / `OPENAI_BASE_URL` is set, so streaming through a gateway or proxy silently loses usage; releases before 0.3.35 never turn it on, so a manifest that pins an older `langchain-openai` (`==0.1.20`, `^0.2`), or a lockfile (`uv.lock`, `poetry.lock`) that installs one, loses it with the default base URL too. Python pins are read from the manifests of the file\'s own app, the nearest directory above it with a requirements*.txt, pyproject.toml, Pipfile, setup.py or lockfile (a pyproject member of a uv workspace also from the lockfile at the workspace root), so one app\'s `openai==1.25.1` says nothing of its sibling\'s; a file with no such directory above it is judged by every manifest of the workspace. LangChain.js defaults `streamUsage` to true since @langchain/openai 0.2.0; it is lost when set to `false`, and when the package.json allows only an older release (`^0.0.28`, `~0.1.3`), which never asks for stream usage (0.1.x passes a `stream_options` call option on; no fix is offered: upgrade). The legacy `ChatOpenAI` of `langchain.chat_models` / `langchain_community.chat_models` has no `stream_usage` and is left alone.',
      '',
      'LlamaIndex `OpenAI` / `AzureOpenAI` / `OpenAILike` LLMs (`llama_index.llms.*`) build each request from the LLM\'s `additional_kwargs` and the call\'s keywords, so `llm.stream_chat(…)` / `astream_chat` / `stream_complete` / `astream_complete` report no usage unless the LLM is made with `additional_kwargs={"stream_options": {"include_usage": True}}`; current llama-index-llms-openai then reads the usage from the last chunk into the last response\'s `additional_kwargs` (token counts) and drops the option from non-streaming requests. The fix adds it to the LLM\'s construction (every streaming call through one LLM gets the same edit). It is unsafe: older llama-index-llms-openai releases send `additional_kwargs` on non-streaming `chat` / `complete` requests too, where the API answers 400 to `stream_options`, and never read the usage from the chunks; an `OpenAILike` server may reject the option. No fix is offered when the LLM is made in another file or its Azure API version is too old; an LLM whose `additional_kwargs` cannot be read (a variable, `**` entries, `OpenAI(**config)`) is left alone, and so is LlamaIndex `Anthropic`, whose stream is not OpenAI-shaped. LlamaIndex.TS\'s `OpenAI` LLM (`llamaindex`, `@llamaindex/openai`) does the same with its `additionalChatOptions` and the call\'s: a streaming `llm.chat({ …, stream: true })`, or a chat / query engine\'s streaming run through it (`chatEngine.chat({ message, stream: true })`), reports no usage unless the LLM is made with `additionalChatOptions: { stream_options: { include_usage: true } }` (the fix) or the call passes `additionalChatOptions` (a ContextChatEngine\'s `chatOptions`), which are then left alone.',
      '',
      'A structured stream through instructor-js (`Instructor({ client, mode })`, `create({ …, response_model, stream: true })`) is left alone: it yields partial objects parsed from the deltas, and a usage chunk asked for would be dropped there.',
      '',
      'Note: if a stream is interrupted the final usage chunk may never arrive; read `chunk.usage` on the last chunk.',
      '',
      'LiteLLM (`litellm.completion(..., stream=True)`, `acompletion`, a `Router`\'s calls) sends usage on a stream\'s last chunk only when given `stream_options={"include_usage": True}`, like the OpenAI API. openai-python before 1.0 (`openai.ChatCompletion.create(..., stream=True)`, `openai.Completion.acreate(...)`) sends every keyword in the request body, so the same option works there. The legacy Completions API (`client.completions.create(…, stream=True)`) takes `stream_options` too and is checked the same way. A name bound to the method and called later (`completion = client.chat.completions.create`, or `litellm.completion` on one branch and an OpenAI client\'s method on the other, as shell_gpt does) is checked like a direct call; both take the option. So are the OpenAI Node SDK 3.x and its fetch port openai-edge (`openai.createChatCompletion({ …, stream: true })` on an `OpenAIApi` client, often handed to the `ai` package\'s `OpenAIStream`): they send the body as written, but their request types predate `stream_options`, so no fix is offered (in TypeScript the option takes a type assertion, and the last chunk it adds has empty `choices`, which the stream\'s reader must handle; openai 4 and later type it, and run on edge runtimes too).',
      'Groq (`groq-sdk`, Python `groq`, or an OpenAI client on `api.groq.com`) sends a stream\'s usage on its last chunk without being asked (`x_groq.usage`), and so do Cerebras (Python `cerebras_cloud_sdk`: `usage` on the final chunk), Perplexity (`api.perplexity.ai`: usage in the final chunks, with the search results) and Together AI (`api.together.xyz`: on the chunk with `finish_reason`), so their calls are left alone: there is no usage to lose, and `stream_options` is an OpenAI parameter they need not accept.',
      '',
      'AWS Bedrock streams through boto3 are not reported: `converse_stream` always ends with a `metadata` event holding `usage`, and `invoke_model_with_response_stream` of an Anthropic model sends it in `message_start` / `message_delta` (Bedrock also adds `amazon-bedrock-invocationMetrics` to the last event); there is no option to ask for it. Whether the code reads it is usage-discarded\'s concern.',
      'Nor are the AWS SDK for JavaScript v3\'s (`ConverseStreamCommand`, `InvokeModelWithResponseStreamCommand` sent by a `BedrockRuntimeClient`), for the same reason.',
      'Nor are Firebase Genkit\'s (`ai.generateStream(…)`, or `ai.generate({ onChunk })`): there is no option to ask for usage, and Genkit records each generate\'s response in a span of its own.',
      '',
      'AI SDK 4 (`@ai-sdk/openai` before 2.0): a provider made with `createOpenAI({ … })` starts in `\'compatible\'` mode, whose chat models send no `stream_options`, so `streamText` through it reports NaN tokens in `onFinish`/`usage` (the default `openai` provider is created `\'strict\'`); `compatibility: \'compatible\'` written out loses it the same way, and only `\'strict\'` asks for it. The model is followed through a workspace function that returns it (`const model = await getModel()`, in the module or another one): when every return is the same provider\'s model it is judged as that provider; when the returns differ (one provider per `switch` branch) the call is reported, without a fix, if some branch streams through a compatible-mode provider; a return that is not a provider\'s model leaves the call alone. The version is read from the nearest package.json; the fix sets `compatibility: \'strict\'` on a provider made in the same file and left in its default mode (none where the code chose `\'compatible\'`), which a non-OpenAI server behind `baseURL` may reject, hence unsafe. AI SDK 5 dropped the option and always asks for usage. A `createOpenAICompatible({ … })` provider (`@ai-sdk/openai-compatible`, every release) sends `stream_options` only when made with `includeUsage: true`; the fix sets it, unsafe for the same reason.',
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        code: "import OpenAI from 'openai';\n\nconst client = new OpenAI({ timeout: 120_000 });\n\nexport async function* chat(q: string) {\n  const stream = await client.chat.completions.create({\n    model: 'gpt-4o',\n    stream: true,\n    messages: [{ role: 'user', content: q }],\n  });\n  for await (const chunk of stream) yield chunk.choices[0]?.delta?.content ?? '';\n}\n",
      },
      {
        language: 'python',
        code: `from openai import OpenAI

client = OpenAI(timeout=120)


def chat(question: str):
    stream = client.chat.completions.create(
        model="gpt-4o",
        stream=True,
        messages=[{"role": "user", "content": question}],
    )
    for chunk in stream:
        yield chunk.choices[0].delta.content or ""
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        code: "import OpenAI from 'openai';\n\nconst client = new OpenAI({ timeout: 120_000 });\n\nexport async function* chat(q: string) {\n  const stream = await client.chat.completions.create({\n    model: 'gpt-4o',\n    stream: true,\n    stream_options: { include_usage: true },\n    messages: [{ role: 'user', content: q }],\n  });\n  for await (const chunk of stream) {\n    if (chunk.usage) console.info('llm.usage', chunk.usage);\n    yield chunk.choices[0]?.delta?.content ?? '';\n  }\n}\n",
      },
      {
        language: 'python',
        code: `import logging

from openai import OpenAI

client = OpenAI(timeout=120)


def chat(question: str):
    stream = client.chat.completions.create(
        model="gpt-4o",
        stream=True,
        stream_options={"include_usage": True},
        messages=[{"role": "user", "content": question}],
    )
    for chunk in stream:
        if chunk.usage:
            logging.getLogger(__name__).info("llm.usage", extra={"usage": chunk.usage})
        elif chunk.choices:
            yield chunk.choices[0].delta.content or ""
`,
      },
    ],
    references: [
      'https://platform.openai.com/docs/api-reference/chat/create#chat-create-stream_options',
      'https://python.langchain.com/api_reference/openai/chat_models/langchain_openai.chat_models.base.ChatOpenAI.html',
      'https://js.langchain.com/docs/integrations/chat/openai/',
    ],
    fixSafety: '`stream_options: { include_usage: true }` adds a last chunk whose `choices` is empty, and a loop that reads `chunk.choices[0]` without a guard throws on it (TypeError in JavaScript, IndexError in Python). The fix is safe, and fix-all applies it, only when the calling function reads the stream itself, guards every such read (`chunk.choices[0]?.delta`, `if chunk.choices:`) and does not hand whole chunks on (`yield chunk`, `chunk.model_dump_json()`, `JSON.stringify(chunk)`: a relay\'s own clients would then get the empty-choices chunk); otherwise it is offered as unsafe: guard the reads when applying it. It is also unsafe where the call may not reach OpenAI\'s own API (a base URL on the client or in the env, Azure, a compatible server, raw HTTP): Azure API versions before 2024-10-21 and many compatible servers answer 400 to `stream_options`; no fix is offered on an Azure client whose API version (or its environment read\'s fallback) is older: `api_version` / `apiVersion` of `AzureOpenAI`, or the `api-version` query parameter of an `OpenAI` client set up for Azure (`defaultQuery: { \'api-version\': \'2023-07-01-preview\' }`, `default_query={"api-version": …}`, as openai-node v4 documented Azure before `AzureOpenAI`), nor where the requirements pin an openai-python older than 1.26.0, which has no `stream_options` argument (TypeError); the message says which. LangChain\'s `stream_usage=True` / `streamUsage: true` keeps the chunks\' shape, so it is safe with OpenAI\'s own endpoint and unsafe behind a custom base URL for the same reason. It is unsafe too, its title saying to upgrade first, where a manifest lets a `langchain-openai` older than 0.1.9 be installed (`>=0.1.7,<0.2.0`, `==0.1.8`): those releases have no `stream_usage` field, move the argument into `model_kwargs` and send it to the API, so every call fails.',
  },
  defaultOptions: {},
  check(ctx) {
    const { file, writer } = ctx;
    for (const site of file.callSites) {
      const throughKwargs = site.streaming === null && site.streamsWhen === undefined && !!site.streamingCallers?.length;
      if (site.streaming !== true && site.streamsWhen === undefined && !throughKwargs) continue;
      // Groq, Cerebras, Perplexity and Together send a stream's usage without being asked (the catalogue's sources), so there is
      // no usage to lose, and `stream_options` is an OpenAI parameter they need not accept.
      if (streamsUsageUnasked(site.provider)) continue;
      // Another package that speaks the OpenAI shape (`ZhipuAI()`, `Together()`, `InferenceClient()`) has its own
      // stream options and usage reporting (many send usage on the last chunk unasked; ZhipuAI's `create` rejects
      // `stream_options`): nothing here is known to be lost.
      if (site.clientPackage) continue;
      // An Instructor structured stream yields partial objects parsed from the deltas: a usage chunk is dropped there.
      if (site.wrapper === 'instructor') continue;
      // `.stream()` helpers send `{ ...params, stream: true }` without stream_options too (openai-node ChatCompletionStream).
      // openai-python before 1.0 sends every keyword in the body, so `stream_options` reaches the API there too; LiteLLM
      // sends usage on a stream's last chunk only when asked (docs.litellm.ai/docs/completion/usage).
      const sdkCall = (site.sdk === 'openai' && /^(beta\.)?chat\.completions\.(create|stream)$|^completions\.create$|^(Chat)?Completion\.a?create$/.test(site.method)) || (site.sdk === 'litellm' && /^a?completion$/.test(site.method));
      const httpCall = site.sdk === 'http' && isOpenAiChatHttp(site, file, ctx.workspace);
      // openai@3.x and openai-edge (`createChatCompletion({ stream: true })`) hand back the raw SSE: the body is sent as
      // given, so `stream_options` reaches the API, but their request types predate it (no fix: it would not type-check,
      // and the hand-written or `OpenAIStream` parsers behind them may not expect the usage chunk's empty `choices`).
      const v3Call = site.sdk === 'openai' && V3_OPENAI_METHODS.includes(site.method);
      if (!sdkCall && !httpCall && !v3Call) continue;
      const oldAzure = azureVersionTooOld(site);
      // openai < 1.0 (`openai.ChatCompletion.create`) sends unknown keywords on in the body: only 1.x checks them.
      const oldSdk = site.sdk === 'openai' && site.language === 'python' && /^(beta\.)?chat\.completions\.|^completions\.create$/.test(site.method) ? oldOpenAiPython(ctx.workspace, site.path) : null;
      const fixWriter = (httpCall && writer?.language === 'python') || oldAzure || oldSdk || v3Call ? null : writer;
      const result = throughKwargs ? kwargsCallersFix(site, file.text, fixWriter) : streamOptionsFix(site, file.text, fixWriter, ctx.workspace);
      if (!result) continue;
      const noFixWhy = oldAzure
        ? `; its Azure API version ${oldAzure} rejects stream_options (400), which ${AZURE_STREAM_OPTIONS_SINCE} and later accept`
        : oldSdk
          ? `; openai ${oldSdk} has no stream_options argument (${OPENAI_PYTHON_STREAM_OPTIONS.since} added it): upgrade first`
          : v3Call && !('stream_options' in site.args.options)
            ? `; the ${catalogSdkOf(site) === 'openai-edge' ? 'openai-edge' : 'OpenAI SDK 3.x'} request type predates stream_options (no fix: it takes a type assertion, and the usage then arrives on a last chunk with empty choices that the stream's reader must handle; openai 4+ types it and runs on edge runtimes too)`
            : httpCall && site.provider === 'unknown'
              ? '; OpenAI-compatible servers (vLLM, the LiteLLM proxy, Ollama\'s /v1) send it only when asked, as OpenAI does'
              : '';
      ctx.report({
        span: site.nameSpan,
        message: throughKwargs
          ? `${callName(site)} streams when ${site.enclosingFunction?.name ?? 'its function'} is called with stream=True (line ${new LineIndex(file.text).position(site.streamingCallers![0].span.start).line + 1}), passed through **kwargs, but no stream_options.include_usage goes with it, so streamed responses carry no token usage and their cost counts as 0${noFixWhy}`
          : site.streaming === true
            ? `Streaming ${callName(site)} does not ask for stream_options.include_usage, so the response carries no token usage and its cost counts as 0${noFixWhy}`
            : site.streamingCallers?.length
              ? `${callName(site)} streams when ${site.enclosingFunction?.name ?? 'its function'} is called ${site.streamingCallers[0].byDefault ? `without ${site.streamsWhen}, which defaults to True` : `with ${site.streamsWhen}=True`} (line ${new LineIndex(file.text).position(site.streamingCallers[0].span.start).line + 1}), but it does not ask for stream_options.include_usage, so streamed responses carry no token usage and their cost counts as 0${noFixWhy}`
              : `${callName(site)} streams when ${site.streamsWhen} is true and its chunks are read, but it does not ask for stream_options.include_usage, so streamed responses carry no token usage and their cost counts as 0${noFixWhy}`,
        fix: result.fix,
      });
    }
    for (const site of file.callSites) {
      const hit = aiSdkCompatibleStream(site, file, ctx.workspace, writer) ?? openAiCompatibleProviderStream(site, file, writer) ?? llamaIndexStream(site, file, writer);
      if (hit) ctx.report({ span: site.nameSpan, message: hit.message, fix: hit.fix });
    }
    for (const client of file.clients) {
      if (client.path !== file.path) continue;
      const hit = checkLangChain(client, file, ctx.workspace, writer);
      if (hit) ctx.report({ span: client.nameSpan, message: hit.message, fix: hit.fix });
    }
  },
});
