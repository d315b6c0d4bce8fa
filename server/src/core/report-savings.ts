// The report's savings, each with its arithmetic written out: prompt caching at the provider's cached-read
// price, routing small or classification-like calls to the cheaper model of the same family, and letting one
// layer own retries (the expected extra spend at an assumed failure rate).

import { CACHE_MINIMUMS, encodingForModel } from './catalog/models';
import { costFromUsage, expectedUsage, ratesFor, usageSemanticsFor, type ModelRates } from './estimates';
import type { Config } from './config';
import { int, percent, rate, usd } from './report-format';
import type { PrefixLayout } from './report-prompt';
import { describeLayers, worstCase } from './retry-chain';
import type { LlmCallSite, RetryLayer } from './types';

/** Assumptions every saving is computed under; the report prints them. */
export const SAVINGS_ASSUMPTIONS = {
  /**
   * Cache writes (Anthropic) or misses (OpenAI, Gemini) per day: one per hour, for idle gaps longer than the
   * 5-minute cache lifetime. Steady traffic keeps the cache warm between them.
   */
  cacheWritesPerDay: 24,
  /** Calls whose maximum output is at most this many tokens are candidates for a cheaper model. */
  smallOutputTokens: 512,
} as const;

export type CacheStatus =
  /** The provider caches the prefix without a marker (OpenAI, Gemini 2.5+) and it reaches the minimum. */
  | 'cached-automatically'
  /** An Anthropic prefix that reaches the minimum and carries cache_control. */
  | 'cached-marked'
  /** An Anthropic prefix that reaches the minimum without cache_control: every call pays full price. */
  | 'needs-marker'
  /** A volatile value ahead of static text keeps a prefix that would reach the minimum out of the cache. */
  | 'volatile-prefix'
  | 'below-minimum'
  /** The provider's minimum for this model is not known (or the provider has no prompt cache we know of). */
  | 'unknown';

export interface SavingItem {
  kind: 'caching' | 'routing' | 'retry';
  /** What to change, in a few words. */
  title: string;
  /** USD per day; null when it cannot be priced (unknown model price or cache price). */
  perDay: number | null;
  /** The computation with its numbers, ending in the result. */
  arithmetic: string;
  /** retry: attempts per day the change removes. */
  extraAttemptsPerDay?: number;
  /** caching: the usage a cached call reports, with the provider's semantics (input includes or excludes cached). */
  usage?: { fields: Record<string, number>; semantics: string };
}

export interface CacheVerdict {
  status: CacheStatus;
  /** One sentence a platform engineer can act on. */
  note: string;
  /** caching: the actionable saving (needs-marker, volatile-prefix); null otherwise. */
  saving: SavingItem | null;
  /** cached-automatically / cached-marked: what the provider's cache already takes off the list price per day. */
  alreadySavedPerDay: number | null;
  /** The layout with its token counts capped at the static input count. */
  layout: PrefixLayout;
}

type Rates = ModelRates;

/** A token count as the report states it: `≈1,819` where the model's tokenizer is approximated (Claude, Gemini). */
function tokensOf(site: LlmCallSite, n: number): string {
  return `${encodingForModel(site.model.value, site.provider).exact ? '' : '≈'}${int(n)}`;
}

/** Cache verdict and, where something can be done, the caching saving with its arithmetic. */
export function cacheVerdict(
  site: LlmCallSite,
  layoutIn: PrefixLayout,
  minimum: number | null,
  automatic: boolean | null,
  marked: boolean,
  staticInputTokens: number,
  callsPerDay: number,
  config: Config,
): CacheVerdict {
  const rates = ratesFor(site.model.value, config.prices, staticInputTokens);
  // The prefix is counted as one text, the static input part by part: never claim more than the static input.
  const prefixTokens = Math.min(layoutIn.prefixTokens, staticInputTokens);
  const layout: PrefixLayout = { ...layoutIn, prefixTokens, staticTokensAfterVolatile: Math.min(layoutIn.staticTokensAfterVolatile, staticInputTokens - prefixTokens) };
  const verdict = (v: Omit<CacheVerdict, 'layout'>): CacheVerdict => ({ ...v, layout });
  const unknownMore = layout.prefixHasUnknown ? ' plus text of unknown size' : '';
  if (minimum === null) {
    return verdict({ status: 'unknown', note: `No known prompt-cache minimum for ${site.model.value ?? 'an unknown model'} on ${site.provider}.`, saving: null, alreadySavedPerDay: null });
  }
  const eligible = layout.prefixTokens >= minimum;
  if (eligible && (automatic || marked)) {
    const already = cachingAmount(site, rates, layout.prefixTokens, staticInputTokens, callsPerDay);
    const how = automatic ? 'the provider caches it automatically' : 'it is marked with cache_control';
    return verdict({
      status: automatic ? 'cached-automatically' : 'cached-marked',
      note: `Static prefix of ${tokensOf(site, layout.prefixTokens)} tokens reaches the ${int(minimum)}-token minimum and ${how}.`,
      saving: null,
      alreadySavedPerDay: already?.perDay ?? null,
    });
  }
  if (eligible) {
    const saving = cachingSaving(site, rates, layout.prefixTokens, staticInputTokens, callsPerDay, `Mark the ${tokensOf(site, layout.prefixTokens)}-token static prefix with cache_control`);
    return verdict({
      status: 'needs-marker',
      note: `Static prefix of ${tokensOf(site, layout.prefixTokens)} tokens${unknownMore} reaches the ${int(minimum)}-token minimum but has no cache_control, so every call pays the full input price.`,
      saving,
      alreadySavedPerDay: null,
    });
  }
  const movable = layout.prefixTokens + layout.staticTokensAfterVolatile;
  const breaker = layout.breaksAt ? `\`${layout.breaksAt.expression}\` (line ${layout.breaksAt.line})` : '';
  if (layout.volatileBeforeStatic && movable >= minimum) {
    const title = `Move ${breaker} after the static prompt`;
    const saving = cachingSaving(site, rates, movable, staticInputTokens, callsPerDay, title, automatic === false && !marked ? ' (and mark it with cache_control)' : '');
    return verdict({
      status: 'volatile-prefix',
      note: `${breaker} changes on every request and comes before ${tokensOf(site, layout.staticTokensAfterVolatile)} static tokens; moved to the end, the prefix (${tokensOf(site, movable)} tokens) would reach the ${int(minimum)}-token minimum.`,
      saving,
      alreadySavedPerDay: null,
    });
  }
  const volatileNote = layout.volatileBeforeStatic
    ? ` ${breaker} changes on every request and comes before ${tokensOf(site, layout.staticTokensAfterVolatile)} static tokens; moved to the end, the prefix would be ${tokensOf(site, movable)} tokens${layout.afterVolatileHasUnknown ? ' plus a loaded prompt of unknown size' : ''}, still below the minimum${layout.afterVolatileHasUnknown ? ' unless that prompt is long' : ''}.`
    : layout.prefixHasUnknown
      ? ' The prefix also holds text of unknown size (a loaded prompt or run-time tools) that may reach it.'
      : '';
  return verdict({
    status: 'below-minimum',
    note:
      layout.prefixTokens === 0 && !layout.volatileBeforeStatic
        ? `No static prefix: the input starts with text built at run time, so nothing reaches the ${int(minimum)}-token minimum.${volatileNote}`
        : `Static prefix of ${tokensOf(site, layout.prefixTokens)} tokens is below the ${int(minimum)}-token minimum.${volatileNote}`,
    saving: null,
    alreadySavedPerDay: null,
  });
}

/** The part of a `tokens`-long prefix a cache hit covers: OpenAI counts hits in 128-token steps past its 1,024 minimum. */
function cachedPart(site: LlmCallSite, tokens: number): number {
  if (site.provider !== 'openai' && site.provider !== 'azure-openai') return tokens;
  const { tokens: min, increment } = CACHE_MINIMUMS.openai;
  return tokens < min ? tokens : min + Math.floor((tokens - min) / increment) * increment;
}

/** Per-day amounts for caching `tokens` of prefix: hits at the cached-read price, a few writes/misses a day. */
function cachingAmount(site: LlmCallSite, rates: Rates | undefined, prefixTokens: number, staticInputTokens: number, callsPerDay: number) {
  const tokens = cachedPart(site, prefixTokens);
  const sem = usageSemanticsFor(site.provider, site.model.value);
  if (!rates || rates.cachedInput === null || !sem) return null;
  const input = Math.max(staticInputTokens, tokens);
  const list = costFromUsage(expectedUsage(sem.semantics, input, 0, 0), rates, sem.semantics)!;
  const hit = costFromUsage(expectedUsage(sem.semantics, input, tokens, 0), rates, sem.semantics)!;
  const write = costFromUsage(expectedUsage(sem.semantics, input, tokens, 0, true), rates, sem.semantics)!;
  // Usage that reports no write field (OpenAI-style, as OpenRouter normalises an Anthropic model's) still bills the
  // model's write premium where it has one.
  const unreportedWrite = write.cacheWriteTokens === 0 && rates.cacheWrite !== null ? (tokens * (rates.cacheWrite - rates.input)) / 1_000_000 : 0;
  const writes = Math.min(callsPerDay, SAVINGS_ASSUMPTIONS.cacheWritesPerDay);
  const hits = Math.max(0, callsPerDay - writes);
  const perDay = hits * (list.input - hit.input) + writes * (list.input - write.input - unreportedWrite);
  const hitUsage = expectedUsage(sem.semantics, input, tokens, 0);
  return { perDay, hits, writes, sem, hitUsage, hitCost: hit };
}

function cachingSaving(site: LlmCallSite, rates: Rates | undefined, tokens: number, staticInputTokens: number, callsPerDay: number, title: string, extra = ''): SavingItem {
  const amount = cachingAmount(site, rates, tokens, staticInputTokens, callsPerDay);
  if (!amount || !rates) {
    const why = !rates ? 'the model has no known price' : rates.cachedInput === null ? 'the cached-input price is unknown (add cachedInput to the configured price)' : 'the provider’s usage semantics are unknown';
    return { kind: 'caching', title: title + extra, perDay: null, arithmetic: `${tokensOf(site, tokens)} cacheable tokens × ${int(callsPerDay)} calls/day; not priced: ${why}` };
  }
  const { hits, writes, sem, hitUsage } = amount;
  const cached = cachedPart(site, tokens);
  if (cached !== tokens) extra += ` (${tokensOf(site, cached)} of the ${tokensOf(site, tokens)} prefix tokens: OpenAI caches in ${CACHE_MINIMUMS.openai.increment}-token steps)`;
  tokens = cached;
  const writeRate = rates.cacheWrite;
  const arithmetic =
    writeRate !== null
      ? `${tokensOf(site, tokens)} tokens × (${int(hits)} hits × (${rate(rates.input)} − ${rate(rates.cachedInput)}) − ${int(writes)} writes × (${rate(writeRate)} − ${rate(rates.input)})) / 1M = ${usd(amount.perDay)}/day`
      : `${tokensOf(site, tokens)} tokens × ${int(hits)} hits × (${rate(rates.input)} − ${rate(rates.cachedInput)}) / 1M = ${usd(amount.perDay)}/day (${int(writes)} misses a day at full price)`;
  const fields = usageFields(sem.provider, hitUsage);
  return {
    kind: 'caching',
    title: title + extra,
    perDay: amount.perDay,
    arithmetic,
    usage: { fields, semantics: sem.semantics.inputIncludesCached ? `${sem.semantics.inputField} includes cached tokens` : `${sem.semantics.inputField} excludes cached tokens` },
  };
}

/** The usage fields a provider returns for one call, by their own names. */
function usageFields(provider: 'openai' | 'anthropic' | 'google', u: { inputTokens: number; cachedTokens: number; cacheWriteTokens: number }): Record<string, number> {
  switch (provider) {
    case 'openai':
      return { prompt_tokens: u.inputTokens, 'prompt_tokens_details.cached_tokens': u.cachedTokens };
    case 'anthropic':
      return { input_tokens: u.inputTokens, cache_read_input_tokens: u.cachedTokens, cache_creation_input_tokens: u.cacheWriteTokens };
    case 'google':
      return { promptTokenCount: u.inputTokens, cachedContentTokenCount: u.cachedTokens };
  }
}

// ---------------------------------------------------------------------------
// Routing

const CLASSIFICATION =
  /\b(?:classify|classification|categori[sz]e|label (?:the|this|each)|tag (?:the|this|each)|sentiment|intent of|yes or no|true or false|one word|single word|(?:\w+-)?word (?:title|summary|label)|a (?:short )?title|answer with (?:only|just|one)|respond with (?:only|just|one)|reply with (?:only|just|one)|decide whether|triage|is (?:this|it) spam|detect the language)\b/i;

/** Longer static prompts are instructions for open-ended work, whatever words they contain. */
const CLASSIFICATION_MAX_CHARS = 600;

/** The matched words when the (short) static prompt reads like classification, tagging or a short label. */
export function classificationHint(site: LlmCallSite): string | null {
  const text = site.prompt.flatMap((p) => p.segments.filter((s) => s.kind === 'static').map((s) => (s as { text: string }).text)).join(' ');
  if (text.length > CLASSIFICATION_MAX_CHARS) return null;
  const m = CLASSIFICATION.exec(text);
  return m ? m[0] : null;
}

export interface RoutingSaving {
  cheaperModel: string | null;
  /** USD per day if these calls ran on the cheaper model (whether or not it is suggested). */
  perDay: number | null;
  suggested: boolean;
  reason: string | null;
  item: SavingItem | null;
}

export function routingSaving(site: LlmCallSite, cheaperModel: string | undefined, staticInputTokens: number, callsPerDay: number, config: Config): RoutingSaving {
  const none: RoutingSaving = { cheaperModel: cheaperModel ?? null, perDay: null, suggested: false, reason: null, item: null };
  if (!cheaperModel) return none;
  const now = ratesFor(site.model.value, config.prices, staticInputTokens);
  const cheaper = ratesFor(cheaperModel, config.prices, staticInputTokens);
  if (!now || !cheaper) return none;
  const out = site.maxOutputTokens ?? 0;
  const perCall = (staticInputTokens * (now.input - cheaper.input) + out * (now.output - cheaper.output)) / 1_000_000;
  const perDay = perCall * callsPerDay;
  const small = site.maxOutputTokens !== null && site.maxOutputTokens <= SAVINGS_ASSUMPTIONS.smallOutputTokens;
  const hint = classificationHint(site);
  const reason = small ? `max output ${int(site.maxOutputTokens!)} tokens ≤ ${int(SAVINGS_ASSUMPTIONS.smallOutputTokens)}` : hint ? `classification-like prompt (“${hint}”)` : null;
  const suggested = reason !== null && perDay > 0;
  const arithmetic =
    site.maxOutputTokens === null
      ? `${int(callsPerDay)} calls × ${int(staticInputTokens)} input tokens × (${rate(now.input)} − ${rate(cheaper.input)}) / 1M = ${usd(perDay)}/day (no max output set, so output is not counted)`
      : `${int(callsPerDay)} calls × (${int(staticInputTokens)} input × (${rate(now.input)} − ${rate(cheaper.input)}) + ${int(out)} output × (${rate(now.output)} − ${rate(cheaper.output)})) / 1M = ${usd(perDay)}/day`;
  return {
    cheaperModel,
    perDay,
    suggested,
    reason,
    item: suggested ? { kind: 'routing', title: `Route to ${cheaperModel} (${reason})`, perDay, arithmetic } : null,
  };
}

// ---------------------------------------------------------------------------
// Retries

export interface RetrySummary {
  layers: Array<{ kind: RetryLayer['kind']; label: string; attempts: number | null; source: RetryLayer['source']; path?: string; line?: number }>;
  /** "loop 5 × SDK 3" over the layers that retry. */
  chain: string;
  /** Attempts one failing request can make across every layer; null when a layer is unbounded. */
  worstCase: number | null;
  /** Two or more layers retry, so their attempts multiply. */
  amplified: boolean;
  /** The attempts left if the layer with the most attempts owned retries alone. */
  ownerAttempts: number | null;
  /**
   * Expected USD per day spent on retries as the code stands: calls × failure rate × (worst case − 1) attempts,
   * each billed as a full call; null when unbounded or unpriced.
   */
  expectedRetrySpendPerDay: number | null;
}

export function retrySummary(layers: RetryLayer[], locate: (l: RetryLayer) => { path?: string; line?: number }): RetrySummary {
  const retrying = layers.filter((l) => l.attempts !== 1);
  const bounded = layers.every((l) => l.attempts !== null);
  return {
    layers: layers.map((l) => ({ kind: l.kind, label: l.label, attempts: l.attempts, source: l.source, ...locate(l) })),
    chain: retrying.length ? describeLayers(retrying) : 'no retries',
    worstCase: worstCase(layers),
    amplified: retrying.length >= 2,
    ownerAttempts: bounded ? Math.max(1, ...layers.map((l) => l.attempts!)) : null,
    expectedRetrySpendPerDay: null,
  };
}

/** Fills in the expected retry spend of a call site. */
export function withRetrySpend(retry: RetrySummary, costPerCall: number | null, callsPerDay: number, failureRate: number): RetrySummary {
  const spend = retry.worstCase === null || costPerCall === null ? null : callsPerDay * failureRate * (retry.worstCase - 1) * costPerCall;
  return { ...retry, expectedRetrySpendPerDay: spend };
}

/**
 * Expected extra spend of stacked retries. A failing request (the assumed failure rate: timeouts, overload,
 * outages, where every attempt fails alike) goes through every layer: worst-case attempts now, the owner
 * layer's attempts after the change. Extra attempts per day = calls × failure rate × (worst − owner).
 */
export function retrySaving(
  retry: RetrySummary,
  costPerCall: number | null,
  callsPerDay: number,
  failureRate: number,
  unpriced = 'no price for the model',
): SavingItem | null {
  if (!retry.amplified) return null;
  const title = `Let one layer own retries (${retry.chain})`;
  if (retry.worstCase === null || retry.ownerAttempts === null) {
    return { kind: 'retry', title, perDay: null, arithmetic: `${retry.chain}: a layer is unbounded, so a failing request can retry without limit` };
  }
  const extra = callsPerDay * failureRate * (retry.worstCase - retry.ownerAttempts);
  const perDay = costPerCall === null ? null : extra * costPerCall;
  const arithmetic =
    `${int(callsPerDay)} calls × ${percent(failureRate)} failing × (${int(retry.worstCase)} − ${int(retry.ownerAttempts)}) attempts = ${int(extra)} extra attempts/day` +
    (costPerCall === null ? `; not priced (${unpriced})` : ` × ${usd(costPerCall)} per attempt billed as a full call = ${usd(perDay)}/day`);
  return { kind: 'retry', title, perDay, arithmetic, extraAttemptsPerDay: extra };
}
