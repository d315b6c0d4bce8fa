// LiteLLM proxy `config.yaml`: model_list, router_settings, litellm_settings, environment_variables.
import * as path from 'node:path';
import { isSeq, type Node } from 'yaml';
import { LITELLM } from '../../core/catalog/infra-defaults';
import type { EnvDefinition, Span } from '../../core/types';
import type { ConfigHop } from './config-hop';
import { embeddedYamlBlocks, type EmbeddedYaml } from './embedded-yaml';
import { isHelmValues } from './helm';
import { entries, get, getPair, isMap, items, keyOf, num, parseYaml, spanOf, str, type ParsedDoc, type YDoc, type YPath } from './yaml-ast';
import { addEnv, formatSeconds, parseDuration, type YamlContext } from './yaml-context';

/** True when the document is a LiteLLM proxy config. */
export function isLitellmConfig(doc: YDoc): boolean {
  const root = doc.contents;
  if (!isMap(root) || get(doc, root, 'kind') || get(doc, root, 'apiVersion')) return false;
  if (hasModels(doc, get(doc, root, 'model_list'))) return true;
  return !!(get(doc, root, 'router_settings') || get(doc, root, 'litellm_settings'));
}

/**
 * The LiteLLM config a parsed document is, when it can be read: a document without errors, or a whole-document
 * config whose only errors are repeated keys (LiteLLM loads it with PyYAML, which keeps the last of each; `parseYaml`
 * has dropped the earlier ones).
 */
export function readableLitellmConfig(entry: ParsedDoc, helmValues: boolean): LitellmConfigAt | null {
  if (entry.ok) return litellmConfigIn(entry.doc, helmValues);
  return entry.repeatedKeys && isLitellmConfig(entry.doc) ? { node: entry.doc.contents!, path: [] } : null;
}

/** A `model_list` with at least one entry shaped like a LiteLLM deployment. */
function hasModels(doc: YDoc, models: Node | null): boolean {
  return items(doc, models).some((m) => get(doc, m, 'litellm_params') || get(doc, m, 'model_name'));
}

/** Where a LiteLLM config sits in a YAML document. */
export interface LitellmConfigAt {
  /** The mapping holding `model_list`, `router_settings`, … */
  node: Node;
  /** Keys from the document root to `node`: [] for a `config.yaml`, `['proxy_config']` in Helm values. */
  path: YPath;
}

/**
 * The LiteLLM config of a document: the whole document (`config.yaml`), or in a Helm values file the `proxy_config`
 * mapping of the LiteLLM chart (ghcr.io/berriai/litellm-helm), which the chart renders with `toYaml` as the proxy's
 * `config.yaml`. That is only a config when it is a mapping with models: a `proxy_config: |` string would be rendered
 * as one YAML string, which the proxy cannot load.
 */
export function litellmConfigIn(doc: YDoc, helmValues: boolean): LitellmConfigAt | null {
  const root = doc.contents;
  if (!root) return null;
  if (isLitellmConfig(doc)) return { node: root, path: [] };
  if (!helmValues || !isMap(root) || get(doc, root, 'kind') || get(doc, root, 'apiVersion')) return null;
  const proxyConfig = get(doc, root, 'proxy_config');
  if (!isMap(proxyConfig) || !hasModels(doc, get(doc, proxyConfig, 'model_list'))) return null;
  return { node: proxyConfig, path: ['proxy_config'] };
}

export interface LitellmModel {
  name: string;
  nameSpan?: Span;
  /** `litellm_params.model`, e.g. `openai/gpt-4o`. */
  model: string | null;
  timeout: number | null;
  streamTimeout: number | null;
  /** An embedding, rerank, image or audio deployment (`model_info.mode`, or its model's name): it serves no chat. */
  nonChat: boolean;
  /**
   * What the deployment sends requests to: its model at its endpoint, with its key and region (`openai//model` at
   * `http://localhost:30000/v1`). Two groups with the same backends are aliases of one server. Null when the model
   * is not written out.
   */
  backend: string | null;
  /** `litellm_params.api_base`, for messages. */
  apiBase: string | null;
  /** `litellm_params.api_key` as written (`os.environ/OPENAI_API_KEY`, `fake-key`). */
  apiKey: string | null;
  /**
   * `litellm_params` sets `timeout`, `request_timeout` or `stream_timeout`, whatever the value (an `os.environ/…`
   * reference included), or cannot be read (no mapping): the deployment may be bounded.
   */
  setsTimeout: boolean;
}

/** What the fallback rule needs to know about a LiteLLM config. */
export interface LitellmSummary {
  models: LitellmModel[];
  /** Distinct names of the groups that serve chat, in list order (embedding-only groups cannot take a chat fallback). */
  groups: string[];
  modelListKey?: Span;
  routerSettings: Node | null;
  routerSettingsKey?: Span;
  fallbackKeys: string[];
}

/** Deployment settings besides model and endpoint that make another backend: another account's key, another region. */
const BACKEND_PARAMS = ['api_key', 'api_version', 'aws_region_name', 'vertex_location', 'vertex_project', 'region_name'];

/**
 * Two model groups whose deployments share no backend: a fallback from one to the other reaches another server (or
 * account, or region). A group with a deployment whose model is not written out counts as distinct.
 */
export function distinctBackends(s: LitellmSummary, a: string, b: string): boolean {
  const of = (g: string) => s.models.filter((m) => m.name === g);
  const theirs = new Set(of(b).map((m) => m.backend));
  return of(a).every((m) => m.backend === null || !theirs.has(m.backend));
}

const FALLBACK_KEYS = ['fallbacks', 'context_window_fallbacks', 'content_policy_fallbacks', 'default_fallbacks'];

/**
 * Model names of deployments that answer no chat request: embeddings, rerankers, image, speech and moderation models.
 * Open embedding models served by TEI, Infinity or vLLM behind `openai/` carry no "embed" in their id (`openai/bge-m3`,
 * `intfloat/e5-large-v2`, `thenlper/gte-base`, `all-MiniLM-L6-v2`, `voyage-3`): without `model_info.mode` a chat group
 * would fall back to them (audit 102).
 */
const NON_CHAT_MODEL = new RegExp(
  [
    'embed', 'rerank', 'whisper', '\\btts\\b', 'tts-', 'dall-e', 'gpt-image', 'stable-diffusion', 'imagen', '\\bflux\\b', 'moderation', 'transcri',
    '\\bbge\\b', '\\be5-', '\\bgte-', '\\bm3e-', 'text2vec', 'minilm', 'mpnet', 'sentence-transformers', '\\binstructor-', '\\bvoyage-',
    'colbert', 'splade', 'text-similarity',
  ].join('|'),
  'i',
);

const MOCK_WORD = /^(fake|mock|mocked|dummy|example|stub)$/i;
const MOCK_HOST = /fake|mock|example/i;
const PLACEHOLDER_KEY = /example|placeholder|your|change-?me|replace|fake|xxx|<|>|\.\.\.|…/i;

/**
 * A deployment that only stands in for a model: its name or model says so (`fake-openai-endpoint`, `openai/fake`,
 * `mock-gpt`), its endpoint is a mock server (`exampleopenaiendpoint-production.up.railway.app`), or its key is a
 * placeholder (`eXaMpLeOnLy`, `<your-key>`). A key such as `EMPTY`, `none` or `dummy` is what local servers that take no
 * key are given, so it does not count.
 */
export function isMockDeployment(m: LitellmModel): boolean {
  const words = (s: string | null) => (s ?? '').split(/[^A-Za-z0-9]+/).some((w) => MOCK_WORD.test(w));
  const host = /^[a-z]+:\/\/([^/:]+)/i.exec(m.apiBase ?? '')?.[1] ?? '';
  const key = m.apiKey && !OS_ENVIRON_REF.test(m.apiKey.trim()) ? m.apiKey : '';
  return words(m.name) || words(m.model) || MOCK_HOST.test(host) || PLACEHOLDER_KEY.test(key);
}

/** `litellm_proxy/…`: the deployment forwards to another LiteLLM gateway, which applies its own fallbacks. */
export function forwardsToGateway(m: LitellmModel): boolean {
  return /^litellm_proxy\//.test(m.model ?? '');
}

/** `auto_router/…`: the group picks one of its tier models per request; those models' groups carry the fallbacks. */
export function isAutoRouter(m: LitellmModel): boolean {
  return /^auto_router\//.test(m.model ?? '');
}

/** The deployment's own timeouts: the router reads `timeout`, then `request_timeout`, and `stream_timeout` for streams. */
const DEPLOYMENT_TIMEOUT_KEYS = ['timeout', 'request_timeout', 'stream_timeout'];

/**
 * Settings that give every deployment a timeout (docs.litellm.ai/docs/proxy/timeout; router.py `_get_timeout`): the
 * router's `timeout` / `stream_timeout` and its `default_litellm_params`, and `litellm_settings.request_timeout`, which
 * sets `litellm.request_timeout`, the router's fallback (its 6000 s default). Any value counts, a reference included.
 */
const GLOBAL_TIMEOUT_SETTINGS: YPath[] = [
  ['router_settings', 'timeout'],
  ['router_settings', 'stream_timeout'],
  ['router_settings', 'default_litellm_params', 'timeout'],
  ['router_settings', 'default_litellm_params', 'stream_timeout'],
  ['litellm_settings', 'request_timeout'],
];

/** The config sets a timeout for every deployment (GLOBAL_TIMEOUT_SETTINGS). */
export function globalTimeoutSet(doc: YDoc, root: Node): boolean {
  return GLOBAL_TIMEOUT_SETTINGS.some((p) => get(doc, root, ...p) !== null);
}

/**
 * How often the router retries a failed request: `router_settings.num_retries`, else `litellm_settings.num_retries`,
 * else LiteLLM's default (2). Null when the setting is written but cannot be read (`os.environ/NUM_RETRIES`).
 */
export function routerRetries(doc: YDoc, root: Node): number | null {
  const node = get(doc, root, 'router_settings', 'num_retries') ?? get(doc, root, 'litellm_settings', 'num_retries');
  return node ? num(doc, node) : LITELLM.numRetries.value;
}

/** Reads the models of the LiteLLM config at `root` and where fallbacks are (or could be) configured. */
export function summarizeLitellm(doc: YDoc, root: Node): LitellmSummary {
  const models: LitellmModel[] = [];
  for (const m of items(doc, get(doc, root, 'model_list'))) {
    const nameNode = get(doc, m, 'model_name');
    const name = str(doc, nameNode);
    if (!name) continue;
    const params = get(doc, m, 'litellm_params');
    const model = str(doc, get(doc, params, 'model'));
    const mode = str(doc, get(doc, m, 'model_info', 'mode'));
    const apiBase = str(doc, get(doc, params, 'api_base')) ?? str(doc, get(doc, params, 'base_url'));
    const backend = model
      ? [model, apiBase?.trim().replace(/\/+$/, '').toLowerCase() ?? '', ...BACKEND_PARAMS.map((k) => str(doc, get(doc, params, k)) ?? '')].join('\u0000')
      : null;
    models.push({
      name,
      nameSpan: spanOf(nameNode),
      model,
      // The router reads `timeout`, then `request_timeout` (Router._get_non_stream_timeout).
      timeout: parseDuration(str(doc, get(doc, params, 'timeout'))) ?? parseDuration(str(doc, get(doc, params, 'request_timeout'))),
      streamTimeout: parseDuration(str(doc, get(doc, params, 'stream_timeout'))),
      nonChat: mode ? !/^(chat|completion|responses)$/.test(mode) : NON_CHAT_MODEL.test(model ?? '') || NON_CHAT_MODEL.test(name),
      backend,
      apiBase,
      apiKey: str(doc, get(doc, params, 'api_key')),
      setsTimeout: !isMap(params) || DEPLOYMENT_TIMEOUT_KEYS.some((k) => get(doc, params, k) !== null),
    });
  }
  const groups = [...new Set(models.filter((m) => !m.nonChat).map((m) => m.name))];
  const fallbackKeys: string[] = [];
  for (const section of ['router_settings', 'litellm_settings']) {
    for (const k of FALLBACK_KEYS) {
      const list = get(doc, root, section, k);
      if (list && !emptyFallbacks(doc, list)) fallbackKeys.push(`${section}.${k}`);
    }
  }
  const rsPair = getPair(doc, root, 'router_settings');
  const mlPair = getPair(doc, root, 'model_list');
  return {
    models,
    groups,
    modelListKey: spanOf(mlPair?.key as Node | undefined),
    routerSettings: get(doc, root, 'router_settings'),
    routerSettingsKey: spanOf(rsPair?.key as Node | undefined),
    fallbackKeys,
  };
}

/**
 * `fallbacks: []` or `fallbacks: [{"gpt-4o": []}]`: a placeholder that names nothing to fall back to. Anything else
 * (a string, an env reference, a list with targets) counts as configured.
 */
function emptyFallbacks(doc: YDoc, list: Node): boolean {
  if (!isSeq(list)) return false;
  return items(doc, list).every((item) => isMap(item) && entries(doc, item).every((e) => !!e.value && isSeq(e.value) && items(doc, e.value).length === 0));
}

/** A LiteLLM config found in a file: the document, where in it, and the ConfigMap block holding it (null for the file itself). */
export interface LitellmConfigFound {
  /** The text `doc` was parsed from: the file's, or the ConfigMap block's. */
  text: string;
  doc: YDoc;
  docIndex: number;
  at: LitellmConfigAt;
  block: EmbeddedYaml | null;
}

/**
 * Every LiteLLM config of a YAML file: its documents that are one (a `config.yaml`, or a Helm values file's
 * `proxy_config`), and those shipped in a ConfigMap (`data: { config.yaml: | ... }`), read like files of their own.
 */
export function litellmConfigsIn(text: string, filePath: string): LitellmConfigFound[] {
  const out: LitellmConfigFound[] = [];
  const visit = (t: string, block: EmbeddedYaml | null) => {
    for (const entry of parseYaml(t).docs) {
      const { doc, index, ok } = entry;
      if (!block && ok) for (const inner of embeddedYamlBlocks(doc, t)) visit(inner.text, inner);
      const at = readableLitellmConfig(entry, !block && isHelmValues(filePath));
      if (at) out.push({ text: t, doc, docIndex: index, at, block });
    }
  };
  visit(text, null);
  return out;
}

/**
 * The text the config spans, comments included: the document, or for `proxy_config` everything up to the next
 * top-level key (comments after a mapping's last entry belong to no node).
 */
export function litellmConfigText(text: string, doc: YDoc, at: LitellmConfigAt): string {
  const root = doc.contents;
  const whole = text.slice(doc.range[0], doc.range[2]);
  if (at.path.length === 0 || !isMap(root) || !at.node.range) return whole;
  const i = root.items.findIndex((p) => keyOf(p) === at.path[0]);
  if (i < 0) return whole;
  const next = root.items[i + 1]?.key as Node | undefined;
  return text.slice(at.node.range[0], next?.range?.[0] ?? doc.range[2]);
}

const STORE_IN_DB = /\bstore_model_in_db\s*:\s*["']?(true|True|TRUE)\b/;

/**
 * The proxy keeps its models (and the settings its Admin UI edits) in its database: `general_settings.store_model_in_db:
 * true` in the config, or `STORE_MODEL_IN_DB=True` in the environment of the proxy that loads it. The file then does
 * not show everything the proxy runs with.
 */
export function litellmKeepsModelsInDb(found: LitellmConfigFound, env: readonly EnvDefinition[], configPath: string): boolean {
  return STORE_IN_DB.test(litellmConfigText(found.text, found.doc, found.at)) || storesModelsInDb(env, configPath);
}

/** `STORE_MODEL_IN_DB=True` set for the proxy that loads the config at `configPath` (compose, .env, Helm or k8s env). */
function storesModelsInDb(env: readonly EnvDefinition[], configPath: string): boolean {
  return env.some((d) => d.name === 'STORE_MODEL_IN_DB' && /^["']?(true|1|yes)["']?$/i.test((d.value ?? '').trim()) && definedFor(d, configPath));
}

/**
 * The definition is in the environment of the proxy that loads `configPath`: a compose service that mounts it (or a
 * directory holding it), builds from a directory holding it, or is defined beside it; any other definition (.env,
 * Dockerfile, Kubernetes manifest, Helm values) in the config's directory or one above it. One service's database in
 * a monorepo says nothing about the other proxies' configs (audit 122).
 */
function definedFor(d: EnvDefinition, configPath: string): boolean {
  const within = (dir: string, p: string) => p === dir || p.startsWith(dir + path.sep);
  const config = path.resolve(configPath);
  const dir = path.dirname(path.resolve(d.path));
  if (d.loads) return path.dirname(config) === dir || d.loads.some((l) => within(l, config));
  return within(dir, path.dirname(config));
}

/** The proxy as a hop (timeout, retries), its environment_variables, and `os.environ/X` references. */
export function readLitellm(ctx: YamlContext, at: LitellmConfigAt): void {
  const { doc, path } = ctx;
  const root = at.node;
  const summary = summarizeLitellm(doc, root);
  const notes: string[] = [];

  const rsTimeout = get(doc, root, 'router_settings', 'timeout');
  const lsTimeout = get(doc, root, 'litellm_settings', 'request_timeout');
  const tNode = rsTimeout ?? lsTimeout;
  const t = parseDuration(str(doc, tNode));
  const timeout: ConfigHop['timeout'] =
    t !== null ? { seconds: t, source: 'explicit', span: spanOf(tNode) } : { seconds: LITELLM.timeoutSeconds.value, source: 'default', note: 'LiteLLM default request_timeout' };

  const retriesNode = get(doc, root, 'router_settings', 'num_retries') ?? get(doc, root, 'litellm_settings', 'num_retries');
  const n = num(doc, retriesNode);
  const retries = n ?? LITELLM.numRetries.value;
  const retry: ConfigHop['retry'] = {
    attempts: 1 + Math.max(0, retries),
    source: n !== null ? 'explicit' : 'default',
    conditions: [...LITELLM.retriedErrors.value],
    retriesTimeouts: retries > 0,
    retriesPost: retries > 0,
    ...(spanOf(retriesNode) ? { span: spanOf(retriesNode) } : {}),
  };

  const routerStream = parseDuration(str(doc, get(doc, root, 'router_settings', 'stream_timeout')));
  const modelTimeouts: Record<string, number> = {};
  for (const m of summary.models) {
    if (m.timeout !== null) modelTimeouts[m.name] = m.timeout;
    if (m.timeout !== null || m.streamTimeout !== null) {
      notes.push(`model ${m.name}: ${m.timeout !== null ? `timeout ${formatSeconds(m.timeout)}` : ''}${m.timeout !== null && m.streamTimeout !== null ? ', ' : ''}${m.streamTimeout !== null ? `stream_timeout ${formatSeconds(m.streamTimeout)}` : ''}`);
    }
  }
  if (summary.fallbackKeys.length) notes.push(`fallbacks: ${summary.fallbackKeys.join(', ')}`);

  const upstreams = new Set<string>();
  for (const m of items(doc, get(doc, root, 'model_list'))) {
    const base = str(doc, get(doc, m, 'litellm_params', 'api_base'));
    const model = str(doc, get(doc, m, 'litellm_params', 'model'));
    if (base) upstreams.add(base);
    if (model) upstreams.add(model);
  }
  const logsCallsTo = loggingCallbacks(doc, root);
  if (logsCallsTo.length) notes.push(`logs every call to ${logsCallsTo.join(', ')}`);
  const streamUsageAlways = alwaysIncludesStreamUsage(doc, root);
  const configStart = spanOf(root)?.start ?? doc.range[0];
  const hop: ConfigHop = {
    path,
    span: summary.modelListKey ?? summary.routerSettingsKey ?? { start: configStart, end: configStart },
    kind: 'litellm',
    name: 'LiteLLM proxy',
    routes: { hosts: [], paths: ['/chat/completions', '/v1/chat/completions', '/v1/messages'], upstreams: [...upstreams] },
    timeout,
    retry,
    target: { format: 'yaml', doc: ctx.docIndex, route: at.path },
    notes,
    modelTimeouts,
    deploymentTimeouts: summary.models.filter((m) => !m.nonChat).map((m) => ({ group: m.name, seconds: m.timeout, streamSeconds: m.streamTimeout })),
    ...(routerStream !== null ? { streamTimeout: routerStream } : {}),
    fallbackDepth: fallbackDepth(doc, root),
    ...(logsCallsTo.length ? { logsCallsTo } : {}),
    modelNames: [...new Set(summary.models.map((m) => m.name))],
    ...(streamUsageAlways ? { streamUsageAlways } : {}),
  };
  ctx.facts.hops.push(hop);

  for (const e of entries(doc, get(doc, root, 'environment_variables'))) {
    const k = spanOf(e.keyNode);
    if (!k) continue;
    addEnv(ctx, e.key, e.value, { start: k.start, end: spanOf(e.value)?.end ?? k.end });
  }
}

/**
 * `general_settings.always_include_stream_usage` (LITELLM.alwaysIncludeStreamUsage): anything but a written false
 * counts, an `os.environ/…` reference included. Configs also put it under `litellm_settings`, which is taken the same way.
 */
function alwaysIncludesStreamUsage(doc: YDoc, root: Node): boolean {
  const node = get(doc, root, 'general_settings', 'always_include_stream_usage') ?? get(doc, root, 'litellm_settings', 'always_include_stream_usage');
  const v = node ? str(doc, node) : null;
  return v !== null && !/^(false|no|off|0)$/i.test(v.trim());
}

/**
 * How many further groups a failing request can be sent to: the longest list in `fallbacks: [{"gpt-4o": ["a", "b"]}]`
 * (router or litellm settings), bounded by the router's max_fallbacks (5, litellm/constants.py ROUTER_MAX_FALLBACKS).
 */
function fallbackDepth(doc: YDoc, root: Node): number {
  let depth = 0;
  for (const section of ['router_settings', 'litellm_settings']) {
    for (const key of ['fallbacks', 'default_fallbacks']) {
      const list = get(doc, root, section, key);
      if (key === 'default_fallbacks') depth = Math.max(depth, items(doc, list).length);
      else for (const item of items(doc, list)) for (const e of entries(doc, item)) depth = Math.max(depth, items(doc, e.value).length);
    }
  }
  const max = num(doc, get(doc, root, 'router_settings', 'max_fallbacks'));
  return Math.min(depth, max ?? LITELLM.maxFallbacks.value);
}

/**
 * Observability integrations that log each successful call with its latency, tokens and cost: every entry of
 * `litellm_settings.success_callback` (that is what it is for), and the known logging integrations among
 * `litellm_settings.callbacks` (which also holds guardrails and hooks). docs.litellm.ai/docs/proxy/logging
 */
function loggingCallbacks(doc: YDoc, root: Node): string[] {
  const out = new Set<string>();
  const names = (key: string) => items(doc, get(doc, root, 'litellm_settings', key)).map((n) => str(doc, n)).filter((v): v is string => !!v);
  for (const name of names('success_callback')) out.add(name);
  for (const name of names('callbacks')) if (LOGGING_INTEGRATIONS.test(name)) out.add(name);
  return [...out];
}

const LOGGING_INTEGRATIONS = /^(langfuse\w*|otel|opentelemetry|arize\w*|datadog\w*|prometheus|lunary|helicone|langsmith|braintrust|mlflow|logfire|openmeter|traceloop|weave|agentops|humanloop|literalai|athina|opik|s3|gcs_bucket|azure_storage|dynamodb|sqs|posthog|galileo|deepeval|levo)$/i;

/** `os.environ/NAME` references anywhere in a LiteLLM config. */
export const OS_ENVIRON_REF = /^os\.environ\/([A-Za-z_][A-Za-z0-9_]*)$/;
