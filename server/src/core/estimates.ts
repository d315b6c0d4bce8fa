import { encodingForModel, normalizeModelName, priceFor, providerOfModel, USAGE_SEMANTICS, type ModelProvider, type UsageSemantics } from './catalog/models';
import type { Config } from './config';
import { costPerCall, countTokens } from './tokens';
import type { LlmCallSite, Provider } from './types';

/** Token and cost estimate for one LLM call site. */
export interface CallSiteEstimate {
  /**
   * Tokens of the static (literal) input: tools, system and message text known before run time. Each run of static
   * text between dynamic parts is counted on its own (the text sent between them does not let tokens merge across
   * the gap, as a plain concatenation would); the few framing tokens a provider adds per message
   * (≈3–4 for OpenAI chat) are not included, so this is the text's own count.
   */
  staticInputTokens: number;
  /** The tokenizer used, e.g. `o200k_base`, and whether the count is exact for this model. */
  encoding: string;
  exact: boolean;
  /** Why the count is approximate (no public tokenizer, text too large to count exactly), when it is. */
  approximationReason?: string;
  /** The input also has parts only known at run time (history, user input, …), or no prompt was recognised. */
  hasDynamicInput: boolean;
  maxOutputTokens: number | null;
  /** USD per 1,000 calls for the static input and for max output; null when the model has no known price. */
  inputCostPer1000: number | null;
  /** Null also when the call sets no maximum output. */
  outputCostPer1000: number | null;
  priceAsOf: string | null;
  /** Where the price came from (catalogue source or `config override`); null when unpriced. */
  priceSource: string | null;
  /** The catalogue name the model was priced as (`gpt-4o` for `gpt-4o-2024-08-06`); null when unpriced. */
  pricedAs: string | null;
  /** USD per 1M input and output tokens used for the costs; null when unpriced. */
  inputPerMillion: number | null;
  outputPerMillion: number | null;
}

/** Estimates a call site's static input tokens and its cost per 1,000 calls at the model's (or the config's) price. */
export function estimateCallSite(callSite: LlmCallSite, config: Config): CallSiteEstimate {
  const model = callSite.model.value;
  let staticInputTokens = 0;
  let exact = true;
  const reasons = new Set<string>();
  let encoding: string = encodingForModel(model, callSite.provider).encoding;
  let hasDynamicInput = callSite.prompt.length === 0;
  const add = (text: string) => {
    if (text === '') return;
    const count = countTokens(text, model, callSite.provider);
    staticInputTokens += count.tokens;
    encoding = count.encoding;
    if (!count.exact) exact = false;
    if (count.reason) reasons.add(count.reason);
  };
  for (const part of callSite.prompt) {
    let text = '';
    for (const s of part.segments) {
      if (s.kind === 'static') text += s.text;
      else {
        hasDynamicInput = true;
        add(text);
        text = '';
      }
    }
    add(text);
  }
  if (staticInputTokens === 0) exact = encodingForModel(model, callSite.provider).exact;

  const maxOutputTokens = callSite.maxOutputTokens;
  // A local Ollama server bills nothing per token: only a price the config sets for the model counts.
  const local = callSite.provider === 'ollama' && !(model && (config.prices[model] ?? config.prices[normalizeModelName(model)]));
  const cost = local ? undefined : costPerCall(staticInputTokens, maxOutputTokens ?? 0, model, config.prices);
  return {
    staticInputTokens,
    encoding,
    exact,
    ...(reasons.size ? { approximationReason: [...reasons].join('; ') } : {}),
    hasDynamicInput,
    maxOutputTokens,
    inputCostPer1000: cost ? cost.input * 1000 : null,
    outputCostPer1000: cost && maxOutputTokens !== null ? cost.output * 1000 : null,
    priceAsOf: cost?.priceAsOf ?? null,
    priceSource: cost?.source ?? null,
    pricedAs: cost?.model ?? null,
    inputPerMillion: cost?.inputPerMillion ?? null,
    outputPerMillion: cost?.outputPerMillion ?? null,
  };
}

// ---------------------------------------------------------------------------
// Rates and provider usage semantics

/** USD per 1M tokens for one model, from the catalogue or the config, with where they came from. */
export interface ModelRates {
  /** The catalogue's name for the model (or the name as configured). */
  model: string;
  /** Whose naming and billing the model follows; null for a model priced only by config. */
  provider: ModelProvider | null;
  input: number;
  output: number;
  /** Cache read; null when unknown (a configured price without `cachedInput`). */
  cachedInput: number | null;
  /** The 5-minute cache write where the provider bills writes (Anthropic); null otherwise. */
  cacheWrite: number | null;
  asOf: string;
  source: string;
}

/**
 * The rates a model is billed at: the catalogue's, replaced field by field by a config override. A configured
 * input price without a configured cached price leaves the cache price unknown (the discount may not hold).
 * `inputTokens` selects long-context rates where the catalogue has them.
 */
export function ratesFor(model: string | null | undefined, overrides: Config['prices'], inputTokens = 0): ModelRates | undefined {
  if (!model) return undefined;
  const catalog = priceFor(model);
  const override = overrides[model] ?? overrides[normalizeModelName(model)] ?? (catalog ? overrides[catalog.model] : undefined);
  if (catalog) {
    const long = catalog.longContext && inputTokens > catalog.longContext.aboveInputTokens ? catalog.longContext : undefined;
    const overridden = override !== undefined;
    return {
      model: catalog.model,
      provider: catalog.provider,
      input: override?.input ?? long?.input ?? catalog.input,
      output: override?.output ?? long?.output ?? catalog.output,
      cachedInput: override ? (override.cachedInput ?? null) : catalog.cachedInput,
      cacheWrite: override ? (override.cacheWrite ?? null) : (catalog.cacheWrite5m ?? null),
      asOf: overridden ? ((override as { asOf?: string }).asOf ?? 'config') : catalog.asOf,
      source: overridden ? 'config override' : catalog.source,
    };
  }
  if (!override) return undefined;
  return {
    model,
    provider: providerOfModel(model) ?? null,
    input: override.input,
    output: override.output,
    cachedInput: override.cachedInput ?? null,
    cacheWrite: override.cacheWrite ?? null,
    asOf: (override as { asOf?: string }).asOf ?? 'config',
    source: 'config override',
  };
}

/** Which provider's usage semantics a call's response follows: by the API it talks to, else by the model's naming. */
export function usageSemanticsFor(provider: Provider, model: string | null): { provider: ModelProvider; semantics: UsageSemantics } | undefined {
  let key: ModelProvider | undefined;
  if (provider === 'anthropic') key = 'anthropic';
  else if (provider === 'google') key = 'google';
  // OpenAI-compatible APIs report usage the OpenAI way (prompt_tokens includes cached_tokens).
  else if (provider === 'openai' || provider === 'azure-openai' || provider === 'openrouter' || provider === 'groq' || provider === 'mistral' || provider === 'deepseek' || provider === 'perplexity' || provider === 'together' || provider === 'cerebras' || provider === 'xai') key = 'openai';
  else if (provider === 'unknown') key = providerOfModel(model);
  // Bedrock has its own usage shape (Converse `cacheReadInputTokens`); not in the catalogue.
  return key ? { provider: key, semantics: USAGE_SEMANTICS[key] } : undefined;
}

/** Token usage exactly as a provider reports it in a response. */
export interface ReportedUsage {
  /** OpenAI `prompt_tokens` / `input_tokens`, Anthropic `input_tokens`, Gemini `promptTokenCount`. */
  inputTokens: number;
  /** OpenAI `cached_tokens`, Anthropic `cache_read_input_tokens`, Gemini `cachedContentTokenCount`. */
  cachedTokens: number;
  /** Anthropic `cache_creation_input_tokens` (others do not bill writes). */
  cacheWriteTokens: number;
  outputTokens: number;
}

export interface UsageCost {
  /** Input tokens billed at the full input price, at the cache-read price and at the cache-write price. */
  uncachedInputTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  /** USD. */
  input: number;
  output: number;
  total: number;
  /** How the reported numbers were read, e.g. "prompt_tokens includes cached_tokens". */
  semantics: string;
}

/**
 * USD for one response's reported usage, read with the provider's semantics: OpenAI's and Gemini's input
 * count already includes the cached tokens (billed = (input − cached) × input price + cached × read price),
 * Anthropic's excludes them (billed = input × input price + cache read × read price + cache write × write price).
 * Undefined when the semantics or the cache price are unknown.
 */
export function costFromUsage(usage: ReportedUsage, rates: ModelRates, semantics: UsageSemantics): UsageCost | undefined {
  if (usage.cachedTokens > 0 && rates.cachedInput === null) return undefined;
  const writeRate = rates.cacheWrite ?? rates.input;
  let uncached: number;
  let text: string;
  if (semantics.inputIncludesCached) {
    uncached = Math.max(0, usage.inputTokens - usage.cachedTokens - usage.cacheWriteTokens);
    text = `${semantics.inputField} includes ${semantics.cachedFields[0]}`;
  } else {
    uncached = usage.inputTokens;
    text = `${semantics.inputField} excludes ${semantics.cachedFields[0]}${semantics.cacheWriteField ? ` and ${semantics.cacheWriteField}` : ''}`;
  }
  const input = (uncached * rates.input + usage.cachedTokens * (rates.cachedInput ?? 0) + usage.cacheWriteTokens * writeRate) / 1_000_000;
  const output = (usage.outputTokens * rates.output) / 1_000_000;
  return { uncachedInputTokens: uncached, cachedTokens: usage.cachedTokens, cacheWriteTokens: usage.cacheWriteTokens, input, output, total: input + output, semantics: text };
}

/**
 * The usage a provider would report for a call whose first `cachedTokens` input tokens are read from the
 * prompt cache (`write`: written to it instead): the same call looks different per provider.
 */
export function expectedUsage(semantics: UsageSemantics, inputTokens: number, cachedTokens: number, outputTokens: number, write = false): ReportedUsage {
  const cached = Math.min(cachedTokens, inputTokens);
  if (semantics.inputIncludesCached) {
    return { inputTokens, cachedTokens: write ? 0 : cached, cacheWriteTokens: 0, outputTokens };
  }
  return { inputTokens: inputTokens - cached, cachedTokens: write ? 0 : cached, cacheWriteTokens: write ? cached : 0, outputTokens };
}
