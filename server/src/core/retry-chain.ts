import { catalogSdkOf, LLAMAINDEX_LEGACY, optionNames, sdkAttempts, sdkDefaults, RETRIES_BEFORE_RELEASE, type SdkDefaults } from './catalog/sdk-defaults';
import { ceilingBelow, declaredNpmCeiling } from './manifests';
import { infraRetryLayers } from './topology';
import type { LlmCallSite, OptionFact, RetryConstruct, RetryLayer, ValueFact } from './types';
import { pythonCeiling, type WorkspaceView } from './workspace-view';

/** The language family the catalogue keys SDK defaults by. */
export function sdkLanguage(site: Pick<LlmCallSite, 'language'>): 'typescript' | 'python' {
  return site.language === 'python' ? 'python' : 'typescript';
}

/** An explicit numeric option among several spellings. */
function numberOption(options: Record<string, OptionFact>, names: string[]): number | null {
  for (const n of names) {
    const v = optionAt(options, n);
    if (v?.kind === 'number') return v.value;
  }
  return null;
}

/**
 * The value of an option, dotted names read through the objects written out (Cohere's `request_options=
 * {"max_retries": 0}`); an object that cannot be read on the way (a variable, a spread) stands for the option.
 */
function optionAt(options: Record<string, OptionFact>, name: string): ValueFact | undefined {
  const [head, ...rest] = name.split('.');
  let v: ValueFact | undefined = options[head]?.value;
  for (const key of rest) {
    if (!v || v.kind !== 'object' || v.args.hasSpread) return v;
    v = v.args.options[key]?.value;
  }
  return v;
}

/**
 * An option among several spellings that is written but not as a number the front end could read (`max_retries=
 * settings.LLM_MAX_RETRIES`, `maxRetries: Number(process.env.RETRIES)`): its count is set from configuration.
 */
function unreadOption(options: Record<string, OptionFact>, names: string[]): boolean {
  return names.some((n) => {
    const v = optionAt(options, n);
    return v !== undefined && v.kind !== 'number';
  });
}

/** The code layers that may repeat one LLM call, outermost first: app constructs, framework, SDK. */
export function codeRetryLayers(site: LlmCallSite, ws?: WorkspaceView): RetryLayer[] {
  const lang = sdkLanguage(site);
  const layers: RetryLayer[] = [...site.retries].reverse().map((r) => ({ kind: r.kind, label: r.label, attempts: r.attempts, source: r.source, path: r.path, span: r.headSpan }));
  const sdkId = catalogSdkOf(site);
  const names = optionNames(sdkId, lang);
  const clientOpts = site.client?.args.options ?? {};
  // Instructor's `max_retries` is its own loop (a layer of site.retries), not the SDK's.
  const requestOpts = site.wrapper === 'instructor' ? withoutRetryOptions(site.args.options) : site.args.options;
  const retryNames = [...(names?.request.maxRetries ?? []), ...(names?.client.maxRetries ?? [])];
  if (site.sdk === 'langchain' && lang === 'typescript') {
    // A provider switch (one model per branch): which model's maxRetries applies is not known.
    if (!site.client) return layers;
    // LangChain.js builds the OpenAI client with maxRetries 0 and retries in its AsyncCaller; ChatOllama sends outside
    // it (one attempt), and the AWS SDK retries under ChatBedrockConverse are not catalogued (no layer is claimed).
    const d = sdkDefaults(sdkId, lang);
    if (!d) return layers;
    const keys = names?.client.maxRetries ?? ['maxRetries'];
    const explicit = numberOption(clientOpts, keys);
    // A count set from configuration is not multiplied, as an unreadable with_retry count is not.
    if (explicit === null && unreadOption(clientOpts, keys)) return layers;
    layers.push({ kind: 'framework', label: 'LangChain', attempts: 1 + (explicit ?? d.defaultMaxRetries), source: explicit === null ? 'default' : 'explicit' });
    return layers;
  }
  if (site.sdk === 'http' || site.sdk === 'google-genai' && !site.client) return layers;
  if (site.sdk === 'boto3') {
    const botocore = botocoreAttempts(site);
    if (botocore) layers.push({ kind: 'sdk', label: 'botocore', ...botocore });
    return layers;
  }
  if (site.sdk === 'azure-ai-inference') {
    const azureCore = azureCoreAttempts(site);
    if (azureCore) layers.push({ kind: 'sdk', label: 'azure-core', ...azureCore });
    return layers;
  }
  if (site.sdk === 'aws-sdk') {
    const smithy = awsSdkJsAttempts(site);
    if (smithy) layers.push({ kind: 'sdk', label: 'AWS SDK', ...smithy });
    return layers;
  }
  const d = releaseDefaults(sdkDefaults(sdkId, lang), site, ws);
  if (!d) return layers;
  // openai < 1.0 has no client: its default is all there is (connection-phase retries re-send nothing, so 1 attempt).
  // openai-node 3.x makes one axios request per call and has no retry option; openai-edge one fetch.
  if (sdkId === 'openai-legacy' || sdkId === 'openai-v3' || sdkId === 'openai-edge') {
    layers.push({ kind: 'sdk', label: 'SDK', attempts: 1 + d.defaultMaxRetries, source: 'default' });
    return layers;
  }
  const perRequest = numberOption(requestOpts, retryNames) ?? perRequestOption(site);
  const clientRetryNames = site.sdk === 'ai-sdk' ? [] : names?.client.maxRetries ?? [];
  const explicit = perRequest ?? numberOption(clientOpts, clientRetryNames);
  // Retries set from configuration (a settings field, an environment read): the count is not known, so this layer is
  // not multiplied, and nothing is said about it — not even the default, which the code overrides.
  const perRequestSets = [site.requestOptions?.options, site.copyOptions?.options].filter((o) => o !== undefined);
  const unreadPerRequest = unreadOption(requestOpts, retryNames) || perRequestSets.some((o) => unreadOption(o, ['maxRetries', 'max_retries']));
  if ((perRequest === null && unreadPerRequest) || (explicit === null && unreadOption(clientOpts, clientRetryNames))) return layers;
  // A client of another package (`@openrouter/sdk`): its own retry defaults, which the catalogue does not hold.
  if (site.client === null && site.clientPackage && explicit === null) return layers;
  if (site.client === null && explicit === null && site.sdk !== 'ai-sdk' && site.sdk !== 'litellm') {
    // The client is unknown: its options may set retries, so assume the default but say so.
    layers.push({ kind: 'sdk', label: 'SDK', attempts: 1 + d.defaultMaxRetries, source: 'default' });
    return layers;
  }
  // LlamaIndex's OpenAI classes: the same max_retries also bounds a loop of their own around each non-streaming
  // request (max_retries attempts in all, one when 0), outside the client's.
  if (d.frameworkRetries && site.streaming !== true) {
    layers.push({ kind: 'framework', label: d.frameworkRetries.label, attempts: Math.max(1, explicit ?? d.defaultMaxRetries), source: explicit === null ? 'default' : 'explicit' });
  }
  layers.push({ kind: 'sdk', label: site.sdk === 'ai-sdk' ? 'AI SDK' : sdkId === 'litellm-router' ? 'LiteLLM Router' : 'SDK', attempts: sdkAttempts(d, explicit), source: explicit === null ? 'default' : 'explicit' });
  return layers;
}

/**
 * The attempts botocore makes for a boto3 client, from its `config=Config(retries={…})`: `total_max_attempts` counts
 * attempts, `max_attempts` retries after the first; without either, the mode's default (legacy 5, standard and
 * adaptive 3). Null when the config is not read (a name bound elsewhere, a value from configuration): its count is
 * not known. AWS_MAX_ATTEMPTS / AWS_RETRY_MODE in the environment are not seen: the default is claimed as a default.
 */
function botocoreAttempts(site: LlmCallSite): Pick<RetryLayer, 'attempts' | 'source'> | null {
  const d = sdkDefaults('boto3', 'python');
  if (!d || !site.client) return null;
  const config = site.client.args.options.config?.value;
  if (site.client.args.hasSpread || (config && config.kind !== 'object')) return null;
  const retries = config?.kind === 'object' ? config.args.options.retries?.value : undefined;
  if (config?.kind === 'object' && config.args.hasSpread) return null;
  if (retries && (retries.kind !== 'object' || retries.args.hasSpread)) return null;
  const opts = retries?.kind === 'object' ? retries.args.options : {};
  const total = opts.total_max_attempts?.value;
  const max = opts.max_attempts?.value;
  const mode = opts.mode?.value;
  if ((total && total.kind !== 'number') || (max && max.kind !== 'number') || (mode && mode.kind !== 'string')) return null;
  if (total?.kind === 'number') return { attempts: Math.max(1, total.value), source: 'explicit' };
  if (max?.kind === 'number') return { attempts: 1 + Math.max(0, max.value), source: 'explicit' };
  if (mode?.kind === 'string') return { attempts: mode.value === 'legacy' ? 1 + d.defaultMaxRetries : BOTOCORE_STANDARD_ATTEMPTS, source: 'explicit' };
  return { attempts: 1 + d.defaultMaxRetries, source: 'default' };
}

/** azure-core's RetryPolicy defaults: `retry_total` 10 bounds every kind of retry, `retry_status` 3 the re-sent POSTs. */
const AZURE_CORE_RETRY_TOTAL = 10;

/**
 * The attempts azure-core's RetryPolicy makes for an Azure AI Inference request: a POST is re-sent only after a
 * 500/503/504 or a Retry-After response, which counts against both `retry_total` and `retry_status` (the call's
 * keywords over the client's), so 1 + the smaller of the two. Null when a count cannot be read, a `retry_policy=` of
 * the code's own replaces the policy, or keywords are spread in.
 */
function azureCoreAttempts(site: LlmCallSite): Pick<RetryLayer, 'attempts' | 'source'> | null {
  const d = sdkDefaults('azure-ai-inference', 'python');
  const client = site.client?.args;
  if (!d || !client || client.hasSpread || site.args.hasSpread || 'retry_policy' in client.options) return null;
  const read = (key: string): number | null | undefined => {
    const v = (site.args.options[key] ?? client.options[key])?.value;
    return v === undefined ? undefined : v.kind === 'number' ? Math.max(0, v.value) : null;
  };
  const total = read('retry_total');
  const status = read('retry_status');
  if (total === null || status === null) return null;
  const explicit = total !== undefined || status !== undefined;
  return { attempts: 1 + Math.min(total ?? AZURE_CORE_RETRY_TOTAL, status ?? d.defaultMaxRetries), source: explicit ? 'explicit' : 'default' };
}

/**
 * The attempts a BedrockRuntimeClient makes: its `maxAttempts` (attempts in all), else the default 3. Null when the
 * count cannot be read (options spread from elsewhere, `maxAttempts` from configuration, a custom `retryStrategy`).
 * AWS_MAX_ATTEMPTS or `max_attempts` in ~/.aws/config are not seen: the default is claimed as a default.
 */
function awsSdkJsAttempts(site: LlmCallSite): Pick<RetryLayer, 'attempts' | 'source'> | null {
  const d = sdkDefaults('aws-sdk', 'typescript');
  if (!d || !site.client || site.client.args.hasSpread || 'retryStrategy' in site.client.args.options) return null;
  const max = site.client.args.options.maxAttempts?.value;
  if (max && max.kind !== 'number') return null;
  return max?.kind === 'number' ? { attempts: sdkAttempts(d, max.value), source: 'explicit' } : { attempts: sdkAttempts(d, null), source: 'default' };
}

/** botocore's `standard` and `adaptive` retry modes: 3 attempts in all unless told otherwise (sdk-defaults.ts `boto3`). */
const BOTOCORE_STANDARD_ATTEMPTS = 3;

function withoutRetryOptions<T>(options: Record<string, T>): Record<string, T> {
  const { max_retries: _python, maxRetries: _typescript, ...rest } = options;
  return rest;
}

/** The defaults of the release the workspace's package.json allows, where they changed (RETRIES_BEFORE_RELEASE). */
function releaseDefaults(d: SdkDefaults | undefined, site: LlmCallSite, ws: WorkspaceView | undefined): SdkDefaults | undefined {
  if (!d || !ws) return d;
  if (d.sdk === 'llamaindex-openai') return legacyLlamaIndexPinned(site, ws) ? undefined : d;
  const older = RETRIES_BEFORE_RELEASE.find((r) => r.sdk === d.sdk && r.language === d.language);
  if (!older) return d;
  const pin = declaredNpmCeiling(ws.readText, ws.root, site.path, older.package);
  return pin && ceilingBelow(pin, older.before) ? { ...d, defaultMaxRetries: older.defaultMaxRetries } : d;
}

/** The manifests governing the call allow only LlamaIndex releases before 0.10, whose defaults are not one (LLAMAINDEX_LEGACY). */
function legacyLlamaIndexPinned(site: LlmCallSite, ws: WorkspaceView): boolean {
  const pin = pythonCeiling(ws, site.path, LLAMAINDEX_LEGACY.package);
  return pin !== undefined && ceilingBelow(pin, LLAMAINDEX_LEGACY.before);
}

/** `create(body, { maxRetries: 0 })` or a client copy made with `withOptions` / `with_options(max_retries=0)`. */
function perRequestOption(site: LlmCallSite): number | null {
  for (const args of [site.requestOptions, site.copyOptions]) {
    const n = args ? numberOption(args.options, ['maxRetries', 'max_retries']) : null;
    if (n !== null) return n;
  }
  return null;
}

/** Every layer, infra included where the workspace's topology puts hops in front of (ingress, mesh) or behind (gateway) the call. */
export function retryLayers(site: LlmCallSite, ws: WorkspaceView): RetryLayer[] {
  const infra = infraRetryLayers(site, ws);
  return [...infra.outer, ...codeRetryLayers(site, ws), ...infra.inner];
}

/** Worst-case attempts across layers, or null when one is unbounded. */
export function worstCase(layers: RetryLayer[]): number | null {
  let product = 1;
  for (const l of layers) {
    if (l.attempts === null) return null;
    product *= l.attempts;
  }
  return product;
}

/** "loop 5 × SDK 3" */
export function describeLayers(layers: RetryLayer[]): string {
  return layers.map((l) => `${l.label} ${l.attempts ?? '∞'}`).join(' × ');
}

/**
 * Retry constructs found around the different callers of a wrapper function lie on different call paths: one request
 * goes through one of them, so they do not multiply. The path with the most attempts is the one that counts (an
 * unbounded construct counts most); the constructs only on other paths are returned apart, for rules that judge each
 * construct on its own.
 */
export function worstPath(paths: RetryConstruct[][]): { worst: RetryConstruct[]; others: RetryConstruct[] } {
  let worst: RetryConstruct[] = [];
  let most = 1;
  for (const p of paths) {
    const attempts = p.reduce((n, r) => n * (r.attempts ?? Infinity), 1);
    if (attempts > most) {
      worst = p;
      most = attempts;
    }
  }
  const others: RetryConstruct[] = [];
  for (const p of paths) {
    for (const r of p) if (!worst.includes(r) && !worst.some((w) => w.span.start === r.span.start && w.path === r.path) && !others.some((o) => o.span.start === r.span.start && o.path === r.path)) others.push(r);
  }
  return { worst, others };
}
