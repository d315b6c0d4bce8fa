// Dated model data: prices, cache minimums, usage semantics, tokenizer encodings, non-streaming limits.
// Every entry carries the source it was read from and the date it was true; update entries, never
// scatter these numbers into rule code.

import type { Provider } from '../types';

/** Providers whose own models the catalogue prices. */
export type ModelProvider = 'openai' | 'anthropic' | 'google';

/** Where a value was read and when it was last known to be true. */
export interface Dated {
  /** Repository path (`owner/repo path @commit`) or URL. */
  source: string;
  /** ISO date of the source snapshot. */
  asOf: string;
}

/** USD per 1M tokens. */
export interface ModelPrice extends Dated {
  provider: ModelProvider;
  input: number;
  /** Cache read. */
  cachedInput: number;
  /** Anthropic cache writes (5-minute and 1-hour TTL); other providers do not bill writes. */
  cacheWrite5m?: number;
  cacheWrite1h?: number;
  output: number;
  /** The whole request is billed at these rates when its input exceeds `aboveInputTokens`. */
  longContext?: { aboveInputTokens: number; input: number; output: number };
  /** Routing hint: the model's family and a cheaper sibling from the same provider. */
  tier: { family: string; cheaper?: string };
}

const GENAI_PRICES = 'pydantic/genai-prices prices/providers/*.yml @47df840';
const GENAI_PRICES_DATE = '2026-08-21';

function price(p: Omit<ModelPrice, 'source' | 'asOf'>, note?: string): ModelPrice {
  return { ...p, source: note ? `${GENAI_PRICES} (${note})` : GENAI_PRICES, asOf: GENAI_PRICES_DATE };
}

/**
 * Older Anthropic models: an earlier genai-prices snapshot (no 1-hour write prices there; those are the 2× base input
 * multiplier of Anthropic's prompt-caching pricing, FACTS.md).
 */
function olderClaude(p: Omit<ModelPrice, 'source' | 'asOf' | 'provider' | 'tier' | 'cacheWrite1h'>, cheaper: string | null = 'claude-haiku-4-5'): ModelPrice {
  return {
    ...p, provider: 'anthropic', cacheWrite1h: p.input * 2, tier: cheaper ? { family: 'claude', cheaper } : { family: 'claude' },
    source: 'pydantic/genai-prices prices/providers/anthropic.yml @0335e44 (1-hour writes: 2× input)', asOf: '2026-11-30',
  };
}

const OPUS_4_5_PLUS = { provider: 'anthropic', input: 5, cachedInput: 0.5, cacheWrite5m: 6.25, cacheWrite1h: 10, output: 25 } as const;
const CLAUDE_TIER = { family: 'claude', cheaper: 'claude-haiku-4-5' } as const;

/** Prices by canonical model name. Look models up with `priceFor`, never by indexing directly. */
export const PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o': price({ provider: 'openai', input: 2.5, cachedInput: 1.25, output: 10, tier: { family: 'gpt-4o', cheaper: 'gpt-4o-mini' } }),
  'gpt-4o-mini': price({ provider: 'openai', input: 0.15, cachedInput: 0.075, output: 0.6, tier: { family: 'gpt-4o' } }),
  'gpt-4.1': price({ provider: 'openai', input: 2, cachedInput: 0.5, output: 8, tier: { family: 'gpt-4.1', cheaper: 'gpt-4.1-mini' } }),
  'gpt-4.1-mini': price({ provider: 'openai', input: 0.4, cachedInput: 0.1, output: 1.6, tier: { family: 'gpt-4.1' } }),
  'gpt-5': price({ provider: 'openai', input: 1.25, cachedInput: 0.125, output: 10, tier: { family: 'gpt-5', cheaper: 'gpt-5-mini' } }),
  'gpt-5-mini': price({ provider: 'openai', input: 0.25, cachedInput: 0.025, output: 2, tier: { family: 'gpt-5' } }),
  'gpt-5.5': price({ provider: 'openai', input: 5, cachedInput: 0.5, output: 30, tier: { family: 'gpt-5', cheaper: 'gpt-5-mini' } }),
  o3: price({ provider: 'openai', input: 2, cachedInput: 0.5, output: 8, tier: { family: 'o-series', cheaper: 'o4-mini' } }, 'price from 2025-06-10'),
  'o4-mini': price({ provider: 'openai', input: 1.1, cachedInput: 0.275, output: 4.4, tier: { family: 'o-series' } }),
  'claude-opus-4-5': price({ ...OPUS_4_5_PLUS, tier: CLAUDE_TIER }),
  'claude-opus-4-6': price({ ...OPUS_4_5_PLUS, tier: CLAUDE_TIER }),
  'claude-opus-4-7': price({ ...OPUS_4_5_PLUS, tier: CLAUDE_TIER }),
  'claude-opus-5': price({ ...OPUS_4_5_PLUS, tier: CLAUDE_TIER }),
  'claude-opus-4-1': price({
    provider: 'anthropic', input: 15, cachedInput: 1.5, cacheWrite5m: 18.75, cacheWrite1h: 30, output: 75, tier: CLAUDE_TIER,
  }),
  'claude-sonnet-4-5': price({
    provider: 'anthropic', input: 3, cachedInput: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6, output: 15,
    longContext: { aboveInputTokens: 200_000, input: 6, output: 22.5 }, tier: CLAUDE_TIER,
  }),
  'claude-sonnet-4': olderClaude({ input: 3, cachedInput: 0.3, cacheWrite5m: 3.75, output: 15 }),
  'claude-opus-4': olderClaude({ input: 15, cachedInput: 1.5, cacheWrite5m: 18.75, output: 75 }),
  'claude-3-7-sonnet': olderClaude({ input: 3, cachedInput: 0.3, cacheWrite5m: 3.75, output: 15 }),
  'claude-3-5-haiku': olderClaude({ input: 0.8, cachedInput: 0.08, cacheWrite5m: 1, output: 4 }, null),
  // Retired by Anthropic, still named in much deployed code (`claude-3-5-sonnet-20241022`, `-latest`).
  'claude-3-5-sonnet': olderClaude({ input: 3, cachedInput: 0.3, cacheWrite5m: 3.75, output: 15 }),
  'claude-3-opus': olderClaude({ input: 15, cachedInput: 1.5, cacheWrite5m: 18.75, output: 75 }),
  'claude-3-haiku': olderClaude({ input: 0.25, cachedInput: 0.03, cacheWrite5m: 0.3, output: 1.25 }, null),
  'claude-haiku-4-5': price({
    provider: 'anthropic', input: 1, cachedInput: 0.1, cacheWrite5m: 1.25, cacheWrite1h: 2, output: 5, tier: { family: 'claude' },
  }),
  'gemini-2.5-pro': price({
    provider: 'google', input: 1.25, cachedInput: 0.125, output: 10,
    longContext: { aboveInputTokens: 200_000, input: 2.5, output: 15 }, tier: { family: 'gemini-2.5', cheaper: 'gemini-2.5-flash' },
  }),
  'gemini-2.5-flash': price({ provider: 'google', input: 0.3, cachedInput: 0.03, output: 2.5, tier: { family: 'gemini-2.5', cheaper: 'gemini-2.5-flash-lite' } }),
  'gemini-2.5-flash-lite': price({ provider: 'google', input: 0.1, cachedInput: 0.01, output: 0.4, tier: { family: 'gemini-2.5' } }),
  // FACTS.md gives only the ≤200k-token rates for this preview; longer prompts are billed higher.
  'gemini-3-pro-preview': price({ provider: 'google', input: 2, cachedInput: 0.2, output: 12, tier: { family: 'gemini-3' } }, '≤200k-token rates only'),
};

/**
 * Names users write that are the same model as a catalogue entry, beyond what suffix stripping
 * already covers. Only names that are the same model at the same price belong here.
 */
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  // Anthropic's `-0` aliases name the first snapshot of a 4.x model.
  'claude-opus-4-0': 'claude-opus-4',
  'claude-sonnet-4-0': 'claude-sonnet-4',
};

/**
 * Dated snapshots that are NOT priced like their undated name, so suffix stripping must not apply.
 * gpt-4o-2024-05-13 is the launch snapshot, which OpenAI lists at a higher price than gpt-4o;
 * no sourced price is held for it here, so it stays unpriced.
 */
const SNAPSHOTS_PRICED_DIFFERENTLY: ReadonlySet<string> = new Set(['gpt-4o-2024-05-13']);

// Prefixes gateways and SDKs put in front of a provider's own model name (LiteLLM, OpenRouter, Vertex, Gemini REST).
const ROUTING_PREFIX = /^(?:openai|anthropic|google|gemini|vertex_ai|models)\//;
const SNAPSHOT_SUFFIXES: readonly RegExp[] = [/-\d{4}-\d{2}-\d{2}$/, /-\d{8}$/, /@\d{8}$/, /-latest$/];

/** Lower-cases a model name, drops a routing prefix (`openai/`, `models/`) and writes dotted Claude versions with dashes. */
export function normalizeModelName(model: string): string {
  const name = model.trim().toLowerCase().replace(ROUTING_PREFIX, '');
  // OpenRouter and Copilot spell Claude versions with a dot: claude-sonnet-4.5 is claude-sonnet-4-5, and the 3.x
  // names put the version first (claude-3.5-sonnet is claude-3-5-sonnet).
  return name.replace(/^(claude-(?:opus|sonnet|haiku)-\d+)\.(\d+)/, '$1-$2').replace(/^claude-(\d)\.(\d)-/, 'claude-$1-$2-');
}

/**
 * The name a model is known by in the catalogue's tables: exact name first, then the name with one
 * dated-snapshot suffix (`-YYYY-MM-DD`, `-YYYYMMDD`, `@YYYYMMDD`, `-latest`) removed. Never a loose prefix.
 */
export function canonicalModelName(model: string, known: (name: string) => boolean): string | undefined {
  const name = normalizeModelName(model);
  const aliased = MODEL_ALIASES[name] ?? name;
  if (known(aliased)) return aliased;
  if (SNAPSHOTS_PRICED_DIFFERENTLY.has(name)) return undefined;
  for (const suffix of SNAPSHOT_SUFFIXES) {
    if (!suffix.test(aliased)) continue;
    const stripped = aliased.replace(suffix, '');
    const base = MODEL_ALIASES[stripped] ?? stripped;
    if (known(base)) return base;
  }
  return undefined;
}

/** The catalogue price of a model (with its canonical name), or undefined when the model is unknown. */
export function priceFor(model: string | null | undefined): (ModelPrice & { model: string }) | undefined {
  if (!model) return undefined;
  const name = canonicalModelName(model, (n) => Object.hasOwn(PRICES, n));
  return name === undefined ? undefined : { ...PRICES[name]!, model: name };
}

const OPENAI_NAME = /^(?:gpt-|chatgpt-|o\d|ft:|text-embedding-|davinci|babbage|codex-)/;

/** The provider whose naming a model follows (`gpt-*`, `o3`, `claude-*`, `gemini-*`), or undefined. */
export function providerOfModel(model: string | null | undefined): ModelProvider | undefined {
  if (!model) return undefined;
  const name = normalizeModelName(model);
  if (/^claude-/.test(name)) return 'anthropic';
  if (/^gemini-/.test(name)) return 'google';
  if (OPENAI_NAME.test(name)) return 'openai';
  return undefined;
}

// ---------------------------------------------------------------------------
// Prompt-cache minimums

export interface CacheMinimum extends Dated {
  tokens: number;
  /** Cache hits cover the prefix in steps of this many tokens past the minimum (OpenAI: 128). */
  increment?: number;
  /** False when sources disagree or only secondary sources were found. */
  verified: boolean;
  note?: string;
}

const ANTHROPIC_DOCS_QUOTE = 'github.com/anthropics/anthropic-sdk-python/issues/1194 (quotes the prompt-caching docs)';
const ANTHROPIC_OLDER_DOCS = 'shared FACTS.md, cache minimums: older Anthropic docs, 1024 for Sonnet/Opus, 2048 for Haiku';
const ANTHROPIC_LATER = 'github.com/iii-hq/workers/pull/1202 [secondary]';
function anthropicMin(tokens: number, source: string, asOf: string, note?: string): CacheMinimum {
  return { tokens, source, asOf, verified: false, ...(note ? { note } : {}) };
}

/**
 * Minimum cacheable prompt per provider. Below it caching silently does nothing. OpenAI's is one number
 * for every model from gpt-4o on; Anthropic's and Gemini's differ per model and have changed over time.
 */
export const CACHE_MINIMUMS = {
  openai: {
    tokens: 1024,
    increment: 128,
    source: 'openai/openai-cookbook examples/Prompt_Caching_201.ipynb',
    asOf: '2026-08-21',
    verified: true,
    note: 'all models gpt-4o and newer; hits in 128-token increments',
  } satisfies CacheMinimum,
  // One secondary table was chosen per row; FACTS.md lists sources that disagree (orq.ai, clawdemy).
  anthropic: {
    'claude-opus-4-5': anthropicMin(4096, ANTHROPIC_DOCS_QUOTE, '2026-02-21'),
    'claude-opus-4-6': anthropicMin(4096, ANTHROPIC_DOCS_QUOTE, '2026-02-21'),
    'claude-opus-4-7': anthropicMin(2048, ANTHROPIC_LATER, '2026-08-01', 'claudecodeguides.com and clawdemy say 4096'),
    'claude-opus-4-8': anthropicMin(1024, ANTHROPIC_LATER, '2026-08-01'),
    'claude-opus-5': anthropicMin(512, ANTHROPIC_LATER, '2026-08-01'),
    'claude-opus-4-1': anthropicMin(1024, ANTHROPIC_DOCS_QUOTE, '2026-02-21'),
    'claude-opus-4': anthropicMin(1024, ANTHROPIC_DOCS_QUOTE, '2026-02-21'),
    'claude-sonnet-5': anthropicMin(1024, ANTHROPIC_LATER, '2026-08-01'),
    'claude-sonnet-4-6': anthropicMin(
      2048,
      'github.com/anthropics/anthropic-sdk-python/issues/1194 (observed); github.com/BerriAI/litellm-docs/pull/49 (observed); docs.orq.ai/docs/proxy/prompt-caching',
      '2026-04-29',
      'the docs quoted in issue 1194 said 1024, but caching was observed to start at 2048',
    ),
    'claude-sonnet-4-5': anthropicMin(1024, ANTHROPIC_DOCS_QUOTE, '2026-02-21'),
    'claude-sonnet-4': anthropicMin(1024, ANTHROPIC_DOCS_QUOTE, '2026-02-21'),
    'claude-3-7-sonnet': anthropicMin(1024, ANTHROPIC_DOCS_QUOTE, '2026-02-21'),
    'claude-3-5-sonnet': anthropicMin(1024, ANTHROPIC_OLDER_DOCS, '2026-12-01'),
    'claude-3-opus': anthropicMin(1024, ANTHROPIC_OLDER_DOCS, '2026-12-01'),
    'claude-haiku-4-5': anthropicMin(4096, ANTHROPIC_DOCS_QUOTE, '2026-02-21'),
    'claude-3-5-haiku': anthropicMin(2048, ANTHROPIC_DOCS_QUOTE, '2026-02-21'),
    'claude-3-haiku': anthropicMin(2048, ANTHROPIC_DOCS_QUOTE, '2026-02-21'),
  } as Readonly<Record<string, CacheMinimum>>,
  google: {
    'gemini-2.5-flash': { tokens: 2048, source: 'ai.google.dev/gemini-api/docs/caching', asOf: '2026-07-07', verified: false, note: 'the 2026-05-07 version said 1024' },
    'gemini-2.5-pro': { tokens: 2048, source: 'ai.google.dev/gemini-api/docs/caching', asOf: '2026-07-07', verified: false, note: 'the 2026-05-07 version said 4096' },
    'gemini-3-pro-preview': { tokens: 4096, source: 'ai.google.dev/gemini-api/docs/interactions/caching', asOf: '2026-05-07', verified: false },
    'gemini-3.1-pro-preview': { tokens: 4096, source: 'ai.google.dev/gemini-api/docs/caching', asOf: '2026-07-07', verified: false },
    'gemini-3.5-flash': { tokens: 4096, source: 'ai.google.dev/gemini-api/docs/caching', asOf: '2026-07-07', verified: false },
  } as Readonly<Record<string, CacheMinimum>>,
} as const;

/** The provider's minimum cacheable prefix for a model, or undefined when it is not known. */
export function cacheMinimum(model: string | null | undefined, provider: Provider): CacheMinimum | undefined {
  // A local Ollama server bills nothing: whatever the model is called (`gpt-oss:20b`), no provider cache applies.
  if (provider === 'ollama') return undefined;
  // The model's own naming decides when it is known; the provider only when the name says nothing
  // (no model, or an Azure deployment name).
  const family = providerOfModel(model);
  const openai = CACHE_MINIMUMS.openai;
  const onAzure = provider === 'azure-openai' ? { ...openai, verified: false, note: `${openai.note}; assumed the same on Azure OpenAI` } : openai;
  if (family === 'openai') {
    // Models before gpt-4o (the cl100k_base generation) have no prompt caching.
    return encodingForModel(model, provider).encoding === 'cl100k_base' ? undefined : onAzure;
  }
  if (family === 'anthropic') return provider === 'bedrock' ? undefined : lookup(CACHE_MINIMUMS.anthropic, model!);
  if (family === 'google') return lookup(CACHE_MINIMUMS.google, model!);
  if (provider === 'azure-openai') return onAzure;
  return !model && provider === 'openai' ? openai : undefined;
}

function lookup<T>(table: Readonly<Record<string, T>>, model: string): T | undefined {
  const name = canonicalModelName(model, (n) => Object.hasOwn(table, n));
  return name === undefined ? undefined : table[name];
}

// ---------------------------------------------------------------------------
// Usage semantics

export interface UsageSemantics extends Dated {
  /** The reported input count already contains cached tokens (so cost = (input − cached)·in + cached·read). */
  inputIncludesCached: boolean;
  inputField: string;
  cachedFields: string[];
  cacheWriteField?: string;
}

/** How each provider reports cached tokens; getting this wrong double counts or drops them (FACTS.md OBS-007). */
export const USAGE_SEMANTICS: Readonly<Record<ModelProvider, UsageSemantics>> = {
  openai: {
    inputIncludesCached: true,
    inputField: 'usage.prompt_tokens (Responses: usage.input_tokens)',
    cachedFields: ['usage.prompt_tokens_details.cached_tokens', 'usage.input_tokens_details.cached_tokens'],
    source: 'openai/openai-cookbook examples/Prompt_Caching_201.ipynb; openai/openai-node src/resources/chat/completions/completions.ts @7b7d6ca',
    asOf: '2026-08-21',
  },
  anthropic: {
    inputIncludesCached: false,
    inputField: 'usage.input_tokens',
    cachedFields: ['usage.cache_read_input_tokens'],
    cacheWriteField: 'usage.cache_creation_input_tokens',
    source: 'anthropics/anthropic-sdk-typescript src/resources/messages/messages.ts @bfa9197',
    asOf: '2026-08-19',
  },
  google: {
    inputIncludesCached: true,
    inputField: 'usageMetadata.promptTokenCount',
    cachedFields: ['usageMetadata.cachedContentTokenCount'],
    source: 'github.com/earendil-works/pi/pull/2588',
    asOf: '2026-08-21',
  },
};

// ---------------------------------------------------------------------------
// Tokenizer encodings

export type TokenEncoding = 'o200k_base' | 'cl100k_base';

export interface EncodingRule {
  /** `prefix` matches names starting with `pattern`; `exact` only the name itself. */
  match: 'exact' | 'prefix';
  pattern: string;
  encoding: TokenEncoding;
  note?: string;
}

/** Where the model → encoding table comes from. */
export const ENCODINGS_SOURCE: Dated = { source: 'openai/tiktoken tiktoken/model.py @4e71bbe', asOf: '2026-08-16' };

/**
 * Model name → tiktoken encoding, checked in order (the o200k prefixes come before `gpt-4` so that
 * `gpt-4o` and `gpt-4.1` do not fall into the cl100k row).
 */
export const ENCODINGS: readonly EncodingRule[] = [
  { match: 'prefix', pattern: 'ft:gpt-4o', encoding: 'o200k_base' },
  { match: 'prefix', pattern: 'gpt-5', encoding: 'o200k_base' },
  { match: 'prefix', pattern: 'gpt-4.5', encoding: 'o200k_base' },
  { match: 'prefix', pattern: 'gpt-4.1', encoding: 'o200k_base' },
  { match: 'prefix', pattern: 'gpt-4o', encoding: 'o200k_base' },
  { match: 'prefix', pattern: 'chatgpt-4o', encoding: 'o200k_base' },
  { match: 'prefix', pattern: 'o1', encoding: 'o200k_base' },
  { match: 'prefix', pattern: 'o3', encoding: 'o200k_base' },
  { match: 'prefix', pattern: 'o4-mini', encoding: 'o200k_base' },
  // tiktoken maps gpt-oss-* to o200k_harmony, which has o200k_base's ranks and split pattern and only adds
  // special tokens, so plain text counts the same (checked against gpt-tokenizer's o200k_harmony).
  { match: 'prefix', pattern: 'gpt-oss-', encoding: 'o200k_base', note: 'o200k_harmony; same counts as o200k_base for plain text' },
  { match: 'exact', pattern: 'gpt-4', encoding: 'cl100k_base' },
  { match: 'prefix', pattern: 'gpt-4-', encoding: 'cl100k_base' },
  { match: 'prefix', pattern: 'ft:gpt-4', encoding: 'cl100k_base' },
  { match: 'prefix', pattern: 'gpt-3.5', encoding: 'cl100k_base' },
  { match: 'prefix', pattern: 'ft:gpt-3.5-turbo', encoding: 'cl100k_base' },
  { match: 'prefix', pattern: 'gpt-35-turbo', encoding: 'cl100k_base', note: 'Azure deployment name' },
  { match: 'prefix', pattern: 'text-embedding-', encoding: 'cl100k_base' },
  { match: 'exact', pattern: 'davinci-002', encoding: 'cl100k_base' },
  { match: 'exact', pattern: 'babbage-002', encoding: 'cl100k_base' },
];

export interface EncodingChoice {
  encoding: TokenEncoding;
  /** The count equals the provider's own tokenizer (OpenAI models only). */
  exact: boolean;
  /** Multiply the encoding's count by this to estimate the provider's count (1 for OpenAI). */
  factor: number;
  /** Why this encoding and factor were chosen. */
  basis: string;
  source: string;
}

/**
 * Claude and Gemini have no public tokenizer, so their counts are o200k_base × a factor.
 * Claude: o200k × 1.15 "consistently underestimates" (caozhiyuan/copilot-api PRs 134 and 141); sammcj/ingest PR 65
 * calibrated 1.18 for Claude up to Opus 4.6 and 1.53 for the tokenizer introduced with Opus 4.7 (≈30 % more tokens,
 * also used by Significant-Gravitas/AutoGPT PR 13629). Gemini: alehatsman/dex issue 183 uses an empirical 1.08.
 */
export const APPROXIMATION_FACTORS = {
  claude: { factor: 1.18, source: 'github.com/sammcj/ingest/pull/65 [secondary]', asOf: '2026-08-11' },
  claudeNewTokenizer: { factor: 1.53, source: 'github.com/sammcj/ingest/pull/65 [secondary]', asOf: '2026-08-11' },
  gemini: { factor: 1.08, source: 'github.com/alehatsman/dex/issues/183 [secondary]', asOf: '2026-08-17' },
} as const;

// Opus 4.7, 4.8 and every 5.x model use the newer Claude tokenizer.
const CLAUDE_NEW_TOKENIZER = /^claude-(?:[a-z]+-)?(?:4-[7-9]|[5-9])(?:\D|$)/;

/** The tokenizer encoding for a model: exact for OpenAI names, o200k_base × a documented factor otherwise. */
export function encodingForModel(model: string | null | undefined, provider: Provider): EncodingChoice {
  const tiktoken = ENCODINGS_SOURCE.source;
  const name = model ? normalizeModelName(model) : null;
  if (name) {
    const rule = ENCODINGS.find((r) => (r.match === 'exact' ? name === r.pattern : name.startsWith(r.pattern)));
    if (rule) return { encoding: rule.encoding, exact: true, factor: 1, basis: `${rule.match} ${rule.pattern}${rule.note ? ` (${rule.note})` : ''}`, source: tiktoken };
  }
  // Bedrock ids wrap the Claude name: `anthropic.claude-…-v1:0`, `us.anthropic.claude-…`.
  const claude = name?.replace(/^(?:[a-z]{2}\.)?anthropic\./, '');
  if (claude?.startsWith('claude') || provider === 'anthropic') {
    const f = claude && CLAUDE_NEW_TOKENIZER.test(claude) ? APPROXIMATION_FACTORS.claudeNewTokenizer : APPROXIMATION_FACTORS.claude;
    return { encoding: 'o200k_base', exact: false, factor: f.factor, basis: `Claude ≈ o200k_base × ${f.factor}`, source: f.source };
  }
  if ((name && name.startsWith('gemini')) || provider === 'google') {
    const f = APPROXIMATION_FACTORS.gemini;
    return { encoding: 'o200k_base', exact: false, factor: f.factor, basis: `Gemini ≈ o200k_base × ${f.factor}`, source: f.source };
  }
  if (name && OPENAI_NAME.test(name)) {
    return { encoding: 'o200k_base', exact: true, factor: 1, basis: 'default for new OpenAI models', source: tiktoken };
  }
  if (!name && provider === 'openai') {
    return { encoding: 'o200k_base', exact: false, factor: 1, basis: 'model unknown: o200k_base, the encoding of current OpenAI models, assumed', source: tiktoken };
  }
  return {
    encoding: 'o200k_base',
    exact: false,
    factor: 1,
    basis: provider === 'azure-openai' ? 'Azure deployment name hides the model; o200k_base assumed' : 'no public tokenizer for this model; o200k_base used as a proxy',
    source: tiktoken,
  };
}

// ---------------------------------------------------------------------------
// Anthropic non-streaming limits

/**
 * The SDKs' own per-model non-streaming ceilings (`MODEL_NONSTREAMING_TOKENS`), keyed by the exact model id each checks.
 * The tables differ: the TypeScript SDK also lists the first-party `claude-opus-4-1-20250805`, the Python SDK only its
 * Bedrock and Vertex ids, so Python sends that model's non-streaming calls up to the general 21,333-token ceiling.
 */
export const NONSTREAMING_LIMITS: Readonly<Record<'typescript' | 'python', Readonly<Record<string, number>>>> = {
  typescript: {
    'claude-opus-4-20250514': 8192,
    'claude-opus-4-0': 8192,
    'claude-4-opus-20250514': 8192,
    'anthropic.claude-opus-4-20250514-v1:0': 8192,
    'claude-opus-4@20250514': 8192,
    'claude-opus-4-1-20250805': 8192,
    'anthropic.claude-opus-4-1-20250805-v1:0': 8192,
    'claude-opus-4-1@20250805': 8192,
  },
  python: {
    'claude-opus-4-20250514': 8192,
    'claude-opus-4-0': 8192,
    'claude-4-opus-20250514': 8192,
    'anthropic.claude-opus-4-20250514-v1:0': 8192,
    'claude-opus-4@20250514': 8192,
    'anthropic.claude-opus-4-1-20250805-v1:0': 8192,
    'claude-opus-4-1@20250805': 8192,
  },
};

export const NONSTREAMING_SOURCE: Dated & { disarmedBy: Record<'typescript' | 'python', string> } = {
  source:
    'anthropics/anthropic-sdk-python src/anthropic/_constants.py @1316de7 (MODEL_NONSTREAMING_TOKENS); @anthropic-ai/sdk 0.90 internal/constants.mjs (MODEL_NONSTREAMING_TOKENS); anthropics/anthropic-sdk-typescript src/client.ts L1508-1520 @bfa9197 (calculateNonstreamingTimeout)',
  asOf: '2026-08-19',
  // When the guard runs at all: a client-level timeout disarms it in TypeScript; in Python a per-request
  // `timeout=` or a non-default client timeout does.
  disarmedBy: {
    typescript: 'a client-level `timeout` (a per-request timeout does not help)',
    python: 'a per-request `timeout=` or a client timeout other than the default',
  },
};

/** 60 min × max_tokens / 128,000 must stay ≤ 10 min, so the largest accepted value is ⌊128,000 / 6⌋. */
export const NONSTREAMING_MAX_TOKENS = Math.floor((128_000 * 10) / 60);

/** How long the Anthropic SDKs expect a non-streaming request for `maxTokens` to take: 60 min × max_tokens / 128,000. */
export function expectedNonStreamingSeconds(maxTokens: number): number {
  return (3600 * maxTokens) / 128_000;
}

export interface NonStreamingLimit {
  /** The largest max_tokens a non-streaming messages.create accepts. */
  maxTokens: number;
  reason: string;
  source: string;
}

/** The largest max_tokens the Anthropic SDK of `language` accepts without streaming for a model; above it it throws. */
export function nonStreamingLimit(model: string | null | undefined, language: 'typescript' | 'python' = 'typescript'): NonStreamingLimit {
  // The SDKs look the model up by its exact id; the Bedrock/Vertex ids keep their case.
  const perModel = model ? NONSTREAMING_LIMITS[language][model.trim()] : undefined;
  if (perModel !== undefined && perModel < NONSTREAMING_MAX_TOKENS) {
    return { maxTokens: perModel, reason: `the SDK caps non-streaming ${model} at ${perModel} tokens`, source: NONSTREAMING_SOURCE.source };
  }
  return {
    maxTokens: NONSTREAMING_MAX_TOKENS,
    reason: 'the SDK estimates 60 min × max_tokens / 128,000 and refuses non-streaming calls expected to take over 10 minutes',
    source: NONSTREAMING_SOURCE.source,
  };
}
