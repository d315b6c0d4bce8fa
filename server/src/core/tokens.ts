// Token counts and per-call costs: what hovers, code lenses and the report show.
//
// Counting uses gpt-tokenizer's BPE core with tiktoken's ranks, loaded on first use. Two fixes make the
// counts equal tiktoken's (the test oracle) on every input:
// - the split patterns spell out Rust's `\s` (Unicode White_Space: includes U+0085, excludes U+FEFF),
//   because JavaScript's `\s` differs on exactly those two characters;
// - gpt-tokenizer decodes byte pairs with a TextDecoder that strips a leading U+FEFF, so merges that
//   start with EF BB BF are looked up directly (see `fixBomLookup`).

import type { BytePairEncodingCore, RawBytePairRanks } from 'gpt-tokenizer/BytePairEncodingCore';
import type { Provider } from './types';
import { encodingForModel, normalizeModelName, priceFor, type TokenEncoding } from './catalog/models';

export interface TokenCount {
  tokens: number;
  /** The tiktoken encoding the count is based on. */
  encoding: TokenEncoding;
  /** Equals the provider's own tokenizer (OpenAI models, counted in full). */
  exact: boolean;
  /** An estimate: a provider without a public tokenizer, or text too large or degenerate to count exactly. */
  approximate: boolean;
  /** Why the count is approximate. */
  reason?: string;
  /** The multiplier applied to the encoding's count (1 for OpenAI). */
  factor: number;
}

/**
 * Bounds on exact counting, so a hover or code lens never blocks the server (budget: 50 ms per count on a slow
 * machine, test/robustness/pathological.test.ts). BPE merging is quadratic in a piece's length (10 kB of `a` takes
 * 55 ms, so 100 kB ≈ 5 s), and every distinct piece costs about a microsecond, so text is counted exactly only when
 * it is at most `maxChars` long, no pre-tokenizer piece is longer than `maxPieceChars`, and the work — Σ bytes² over
 * the longer pieces plus `pieceWork` per short piece — stays under `maxMergeWork` (≈ 20 ms, measured: 100 kB of
 * base64 or 20 runs of 1,000 letters). Past that the count is a labelled, calibrated estimate.
 */
export const EXACT_COUNT_LIMITS = { maxChars: 200_000, maxPieceChars: 1_000, maxMergeWork: 20_000_000, pieceWork: 1_000 } as const;

// tiktoken's pre-tokenizer patterns (tiktoken_ext/openai_public.py) with Rust's `\s` spelled out.
const WS = String.raw`\t-\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000`;
const CONTRACTION = String.raw`'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE])`;
const UPPER = String.raw`[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`;
const LOWER = String.raw`[\p{Ll}\p{Lm}\p{Lo}\p{M}]`;
const SPLIT_PATTERNS: Readonly<Record<TokenEncoding, RegExp>> = {
  o200k_base: new RegExp(
    [
      String.raw`[^\r\n\p{L}\p{N}]?${UPPER}*${LOWER}+(?:${CONTRACTION})?`,
      String.raw`[^\r\n\p{L}\p{N}]?${UPPER}+${LOWER}*(?:${CONTRACTION})?`,
      String.raw`\p{N}{1,3}`,
      String.raw` ?[^${WS}\p{L}\p{N}]+[\r\n/]*`,
      String.raw`[${WS}]*[\r\n]+`,
      String.raw`[${WS}]+(?![^${WS}])`,
      String.raw`[${WS}]+`,
    ].join('|'),
    'gu',
  ),
  cl100k_base: new RegExp(
    [
      CONTRACTION,
      String.raw`[^\r\n\p{L}\p{N}]?\p{L}+`,
      String.raw`\p{N}{1,3}`,
      String.raw` ?[^${WS}\p{L}\p{N}]+[\r\n]*`,
      String.raw`[${WS}]+$`,
      String.raw`[${WS}]*[\r\n]`,
      String.raw`[${WS}]+(?![^${WS}])`,
      String.raw`[${WS}]`,
    ].join('|'),
    'gu',
  ),
};

interface Counter {
  split: RegExp;
  count(text: string): number;
}

const counters = new Map<TokenEncoding, Counter>();

function loadRanks(encoding: TokenEncoding): RawBytePairRanks {
  // One literal require per table: esbuild bundles both, and each is evaluated only when first needed.
  const mod: { default: RawBytePairRanks } =
    encoding === 'o200k_base' ? require('gpt-tokenizer/bpeRanks/o200k_base') : require('gpt-tokenizer/bpeRanks/cl100k_base');
  return mod.default;
}

function counterFor(encoding: TokenEncoding): Counter {
  const cached = counters.get(encoding);
  if (cached) return cached;
  const { BytePairEncodingCore: Core } = require('gpt-tokenizer/BytePairEncodingCore') as typeof import('gpt-tokenizer/BytePairEncodingCore');
  const ranks = loadRanks(encoding);
  const split = SPLIT_PATTERNS[encoding];
  // Special-token text is counted as ordinary text (tiktoken's encode_ordinary): the one entry is never allowed.
  const core = new Core({ bytePairRankDecoder: ranks, tokenSplitRegex: split, specialTokensEncoder: new Map([['<|endoftext|>', -1]]), mergeCacheSize: 20_000 });
  fixBomLookup(core, ranks);
  const counter: Counter = { split, count: (text) => core.countNative(text) };
  counters.set(encoding, counter);
  return counter;
}

/** Looks up merges that begin with the UTF-8 BOM bytes directly, bypassing gpt-tokenizer's BOM-stripping decoder. */
function fixBomLookup(core: BytePairEncodingCore, ranks: RawBytePairRanks): void {
  const bomTokens = new Map<string, number>();
  ranks.forEach((value, rank) => {
    if (typeof value !== 'string' && startsWithBom(value)) bomTokens.set(String.fromCharCode(...value), rank);
  });
  const target = core as unknown as { getBpeRankFromBytes(key: Uint8Array): number | undefined };
  const original = target.getBpeRankFromBytes;
  target.getBpeRankFromBytes = function (this: unknown, key: Uint8Array) {
    return startsWithBom(key) ? bomTokens.get(String.fromCharCode(...key)) : original.call(this, key);
  };
}

function startsWithBom(bytes: ArrayLike<number>): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// Heuristic weights (tokens per character) fitted on English docs, TS/JS code, package-lock JSON and the
// TypeScript diagnostic messages in zh-CN/ja/ko/ru/de: natural text and code mostly land within ±15 %
// (±30 % on unusual prose, −40 % on hash-heavy JSON); random data (base64) is underestimated up to 2.5×
// and long single-character runs overestimated.
const WEIGHTS: Readonly<Record<TokenEncoding, { alnum: number; space: number; punct: number; cjk: number; other: number; astral: number }>> = {
  o200k_base: { alnum: 0.25, space: 0.04, punct: 0.5, cjk: 0.8, other: 0.3, astral: 1 },
  cl100k_base: { alnum: 0.25, space: 0.04, punct: 0.5, cjk: 1.1, other: 0.45, astral: 2 },
};

function isCjk(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) || // kana
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af) || // hangul syllables
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x3130 && c <= 0x318f) ||
    (c >= 0xf900 && c <= 0xfaff)
  );
}

/** A linear-time token estimate from character classes; used where exact counting is out of bounds. */
export function estimateTokens(text: string, encoding: TokenEncoding = 'o200k_base'): number {
  if (text.length === 0) return 0;
  const w = WEIGHTS[encoding];
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) sum += w.alnum;
      else if (c === 32 || (c >= 9 && c <= 13)) sum += w.space;
      else sum += w.punct;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      sum += w.astral;
      i++;
    } else sum += isCjk(c) ? w.cjk : w.other;
  }
  return Math.max(1, Math.ceil(sum));
}

interface RawCount {
  tokens: number;
  approximate: boolean;
  reason?: string;
}

/** Counts `text` with one encoding: exactly within `EXACT_COUNT_LIMITS`, otherwise estimated (and said so). */
export function countWithEncoding(text: string, encoding: TokenEncoding): RawCount {
  if (text.length === 0) return { tokens: 0, approximate: false };
  // Editors re-count the same prompts on every keystroke: remember recent answers.
  const key = encoding + '\0' + text;
  const cached = countCache.get(key);
  if (cached) return cached;
  const result = countUncached(text, encoding);
  if (countCache.size >= COUNT_CACHE_SIZE) countCache.delete(countCache.keys().next().value as string);
  countCache.set(key, result);
  return result;
}

const COUNT_CACHE_SIZE = 2000;
const countCache = new Map<string, RawCount>();

function countUncached(text: string, encoding: TokenEncoding): RawCount {
  const { maxChars, maxPieceChars, maxMergeWork, pieceWork } = EXACT_COUNT_LIMITS;
  if (text.length > maxChars) return sampledEstimate(text, encoding, `text longer than ${maxChars.toLocaleString('en-US')} characters`);
  try {
    const counter = counterFor(encoding);
    // Short texts cannot hold much work, so they skip the scan.
    if (text.length <= maxPieceChars) return { tokens: counter.count(text), approximate: false };
    const longRuns: Array<[number, number]> = [];
    let longWork = 0;
    let pieces = 0;
    let over = false;
    for (const m of text.matchAll(counter.split)) {
      const len = m[0].length;
      pieces++;
      if (len > 32) {
        if (len > maxPieceChars) longRuns.push([m.index, m.index + len]);
        else longWork += utf8Length(m[0]) ** 2;
      }
      // Stop scanning as soon as the count is known to be out of budget: the scan itself costs.
      if (longWork + pieces * pieceWork > maxMergeWork) {
        over = true;
        break;
      }
    }
    if (over && longWork >= pieces * pieceWork) {
      return { tokens: estimateTokens(text, encoding), approximate: true, reason: 'too many long unbroken runs to count exactly: estimated from character classes' };
    }
    if (over) return sampledEstimate(text, encoding, 'text too long to count exactly within the time budget');
    if (longRuns.length === 0) return { tokens: counter.count(text), approximate: false };
    let tokens = 0;
    let pos = 0;
    for (const [start, end] of longRuns) {
      if (start > pos) tokens += counter.count(text.slice(pos, start));
      tokens += estimateTokens(text.slice(start, end), encoding);
      pos = end;
    }
    if (pos < text.length) tokens += counter.count(text.slice(pos));
    const runs = longRuns.length === 1 ? 'one unbroken run' : `${longRuns.length} unbroken runs`;
    return { tokens, approximate: true, reason: `${runs} over ${maxPieceChars.toLocaleString('en-US')} characters estimated; the rest counted exactly` };
  } catch (error) {
    return { tokens: estimateTokens(text, encoding), approximate: true, reason: `tokenizer failed (${(error as Error).message}): estimated from character classes` };
  }
}

const SAMPLE_CHARS = 16_000;

/**
 * Estimates a text too long to count: the character-class estimate of the whole, scaled by how far that
 * estimate is off on three exactly counted samples (start, middle, end), which removes most of its bias.
 */
function sampledEstimate(text: string, encoding: TokenEncoding, reason: string): RawCount {
  const whole = estimateTokens(text, encoding);
  let exact = 0;
  let estimated = 0;
  for (const at of [0, Math.floor(text.length / 2), text.length - SAMPLE_CHARS]) {
    const sample = sampleAt(text, at);
    const counted = countWithEncoding(sample, encoding);
    if (counted.approximate) return { tokens: whole, approximate: true, reason: `${reason}: estimated from character classes` };
    exact += counted.tokens;
    estimated += estimateTokens(sample, encoding);
  }
  const tokens = estimated > 0 ? Math.round((whole * exact) / estimated) : whole;
  return { tokens, approximate: true, reason: `${reason}: estimated from character classes, calibrated on three exactly counted samples` };
}

/** About SAMPLE_CHARS of text from `at`, cut at whitespace so no piece is split. */
function sampleAt(text: string, at: number): string {
  const start = at === 0 ? 0 : nextWhitespace(text, at);
  const end = nextWhitespace(text, Math.min(text.length, start + SAMPLE_CHARS));
  return text.slice(start, end);
}

function nextWhitespace(text: string, from: number): number {
  const i = text.slice(from, from + 1_000).search(/\s/);
  return i === -1 ? Math.min(text.length, from + 1_000) : from + i;
}

/** Tokens in `text` for a model: exact for OpenAI models, labelled approximations for everything else. */
export function countTokens(text: string, model: string | null, provider: Provider): TokenCount {
  const choice = encodingForModel(model, provider);
  const raw = countWithEncoding(text, choice.encoding);
  if (choice.exact && choice.factor === 1) {
    return { tokens: raw.tokens, encoding: choice.encoding, exact: !raw.approximate, approximate: raw.approximate, factor: 1, ...(raw.reason ? { reason: raw.reason } : {}) };
  }
  const reason = [`${choice.basis} (${choice.source})`, raw.reason].filter(Boolean).join('; ');
  return { tokens: Math.ceil(raw.tokens * choice.factor), encoding: choice.encoding, exact: false, approximate: true, reason, factor: choice.factor };
}

/**
 * A bound `countTokens` never exceeds, without loading a tokenizer: a BPE token holds at least one UTF-8 byte, and the
 * character-class estimates weigh no character above its byte length. Rules use it to skip counting texts that are
 * far from a threshold.
 */
export function tokensAtMost(text: string, model: string | null, provider: Provider): number {
  // Past maxChars the count is a sampled estimate, which is scaled and so has no byte bound.
  if (text.length > EXACT_COUNT_LIMITS.maxChars) return Infinity;
  return Math.ceil(Math.max(1, utf8Length(text)) * encodingForModel(model, provider).factor);
}

// ---------------------------------------------------------------------------
// Cost

/** A user's price for a model (USD per 1M tokens), from `.llm-infra-lint.json`. */
export interface PriceOverride {
  input?: number;
  output?: number;
  cachedInput?: number;
  asOf?: string;
}

export type PriceOverrides = Readonly<Record<string, PriceOverride>>;

export interface CallCost {
  /** The catalogue's name for the model (or the name as written, for a model priced only by config). */
  model: string;
  /** USD for this call's input and output tokens. */
  input: number;
  output: number;
  total: number;
  inputPerMillion: number;
  outputPerMillion: number;
  priceAsOf: string;
  source: string;
}

/** USD for one call with the given token counts, or undefined when the model has no catalogue or configured price. */
export function costPerCall(inputTokens: number, outputTokens: number, model: string | null | undefined, overrides?: PriceOverrides): CallCost | undefined {
  if (!model) return undefined;
  const catalog = priceFor(model);
  const override = overrides && (overrides[model] ?? overrides[normalizeModelName(model)] ?? (catalog ? overrides[catalog.model] : undefined));
  let inRate: number;
  let outRate: number;
  if (catalog) {
    const long = catalog.longContext && inputTokens > catalog.longContext.aboveInputTokens ? catalog.longContext : undefined;
    inRate = override?.input ?? long?.input ?? catalog.input;
    outRate = override?.output ?? long?.output ?? catalog.output;
  } else if (override?.input !== undefined && override.output !== undefined) {
    inRate = override.input;
    outRate = override.output;
  } else {
    return undefined;
  }
  const overridden = override?.input !== undefined || override?.output !== undefined;
  const input = (inputTokens * inRate) / 1_000_000;
  const output = (outputTokens * outRate) / 1_000_000;
  return {
    model: catalog?.model ?? model,
    input,
    output,
    total: input + output,
    inputPerMillion: inRate,
    outputPerMillion: outRate,
    priceAsOf: overridden ? (override?.asOf ?? 'config') : catalog!.asOf,
    source: overridden ? 'config override' : catalog!.source,
  };
}

/** `$1,234.57`, `$0.50`, and two significant digits below a cent (`$0.0025`). */
export function formatUsd(n: number): string {
  if (!Number.isFinite(n)) return '$—';
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  if (abs === 0) return '$0.00';
  if (abs >= 0.01) {
    return `${sign}$${abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  }
  const decimals = Math.min(10, 1 - Math.floor(Math.log10(abs)));
  return `${sign}$${abs.toFixed(decimals)}`;
}
