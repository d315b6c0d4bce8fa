import { encodingForModel } from './catalog/models';
import type { Config } from './config';
import { costPerCall, countTokens } from './tokens';
import type { LlmCallSite } from './types';

/** Token and cost estimate for one LLM call site. */
export interface CallSiteEstimate {
  /**
   * Tokens of the static (literal) input: tools, system and message text known before run time. Each prompt
   * part's static segments are concatenated and counted; the few framing tokens a provider adds per message
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
  for (const part of callSite.prompt) {
    let text = '';
    for (const s of part.segments) {
      if (s.kind === 'static') text += s.text;
      else hasDynamicInput = true;
    }
    if (text === '') continue;
    const count = countTokens(text, model, callSite.provider);
    staticInputTokens += count.tokens;
    encoding = count.encoding;
    if (!count.exact) exact = false;
    if (count.reason) reasons.add(count.reason);
  }
  if (staticInputTokens === 0) exact = encodingForModel(model, callSite.provider).exact;

  const maxOutputTokens = callSite.maxOutputTokens;
  const cost = costPerCall(staticInputTokens, maxOutputTokens ?? 0, model, config.prices);
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
