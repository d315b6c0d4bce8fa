// What the report says about a call site's input: which parts are only known at run time (history, user
// input, retrieved documents, …) and what bounds them, and how the prompt's layout meets the provider's
// prefix cache (the static prefix, and whether a volatile value comes before static text).

import { cacheMinimum, type CacheMinimum } from './catalog/models';
import { shorten } from './report-format';
import { countTokens } from './tokens';
import type { FileFacts, HistoryFetch, LlmCallSite, PromptRole, PromptSegment, Span, Volatility } from './types';

/** What a run-time part of the input is. */
export type DynamicKind =
  /** conversation history from a store or a messages array */
  | 'history'
  /** the user's message, a request body field, a function parameter */
  | 'user-input'
  /** retrieved documents, search results, context chunks */
  | 'retrieval'
  /** a prompt or template read from disk, a config store or the network (stable between requests) */
  | 'loaded-prompt'
  /** a timestamp, random value or request/user id */
  | 'volatile'
  /** today's date: the same all day, so the prefix behind it is cached for the day */
  | 'daily'
  /** tool definitions built at run time */
  | 'tools'
  /** a setting read once from the environment: the same on every request of a process */
  | 'setting'
  | 'other';

export interface DynamicBound {
  /** true: the code limits its size; false: nothing does; null: cannot be told. */
  bounded: boolean | null;
  /** The limit the code sets (messages, items or characters, see `description`), when it is a literal. */
  limit: number | null;
  /** Human text: "take: -50 in prisma.message.findMany", "no limit in prisma.message.findMany", "not bounded in code". */
  description: string;
}

export interface DynamicPart {
  kind: DynamicKind;
  role: PromptRole;
  /** The expression as written, on one line and shortened. */
  expression: string;
  /** 1-based line of the expression. */
  line: number;
  volatility: Volatility;
  bound: DynamicBound;
}

/** How the prompt's layout meets the provider's prefix cache. */
export interface PrefixLayout {
  /** Static tokens at the start of the input (tools → system → messages) before the first part that changes per request. */
  prefixTokens: number;
  /** The stable prefix also holds text of unknown size that does not change per request (a loaded prompt, run-time tools). */
  prefixHasUnknown: boolean;
  /** The first part that changes between requests and so ends the cacheable prefix; null when the whole input is static. */
  breaksAt: { kind: DynamicKind; expression: string; line: number } | null;
  /** A timestamp, random value or id comes before static text. */
  volatileBeforeStatic: boolean;
  /** Static tokens after the first volatile value that would join the prefix if the volatile values moved to the end. */
  staticTokensAfterVolatile: number;
  /** That moved prefix would also hold stable text of unknown size. */
  afterVolatileHasUnknown?: boolean;
}

/** Turns spans into 1-based lines. */
export type LineOf = (span: Span) => number;

const RETRIEVAL = /doc(s|uments?)?\b|chunk|passage|retriev|search|result|hits\b|match(es)?\b|\brag\b|knowledge|snippet|sources?\b|context|vector|embedding|excerpt|citation/i;
const USER_INPUT = /message|question|query|input|prompt|text|body|content|thread|\breq\b|request|user|payload|ask|utterance|transcript|params|args/i;
const LOADED_NAME = /prompt|template|instruction|persona|guideline|policy|system/i;
const VOLATILE: ReadonlySet<Volatility> = new Set(['time', 'random', 'request-id']);

type DynamicSegment = Extract<PromptSegment, { kind: 'dynamic' }>;

/** Classifies a dynamic segment. `loadsNearby`: the file reads prompt text in the call's function. */
export function classifySegment(seg: DynamicSegment, role: PromptRole, loadsNearby: boolean, sourceKind?: string): DynamicKind {
  if (seg.origin === 'history') return 'history';
  if (seg.origin === 'retrieval') return 'retrieval';
  if (seg.origin === 'user-input') return 'user-input';
  if (VOLATILE.has(seg.volatility)) return 'volatile';
  if (seg.volatility === 'date') return 'daily';
  if (seg.volatility === 'per-process') return 'setting';
  if (role === 'tools') return 'tools';
  if (sourceKind === 'history') return 'history';
  if (sourceKind === 'file' || (loadsNearby && LOADED_NAME.test(seg.text) && !USER_INPUT.test(seg.text.replace(/prompt/gi, '')))) return 'loaded-prompt';
  if (RETRIEVAL.test(seg.text)) return 'retrieval';
  if (role === 'user' || USER_INPUT.test(seg.text)) return 'user-input';
  return 'other';
}

/** Kinds whose text is the same on every request, so a provider cache can cover them. */
function isStable(kind: DynamicKind): boolean {
  return kind === 'loaded-prompt' || kind === 'tools' || kind === 'daily' || kind === 'setting';
}

/** The run-time parts of a call's input, classified, each with what bounds it. */
export function dynamicParts(site: LlmCallSite, facts: FileFacts | undefined, lineOf: LineOf, text?: string): DynamicPart[] {
  const loadsNearby = (facts?.promptLoads ?? []).some((l) => l.feedsPrompt && within(l.span, site.enclosingFunction?.span));
  const out: DynamicPart[] = [];
  for (const part of site.prompt) {
    for (const seg of part.segments) {
      if (seg.kind !== 'dynamic') continue;
      const kind = classifySegment(seg, part.role, loadsNearby, part.source?.kind);
      out.push({
        kind,
        role: part.role,
        expression: shorten(seg.text, 60),
        line: lineOf(seg.span),
        volatility: seg.volatility,
        bound: boundOf(kind, seg, site, facts, text),
      });
    }
  }
  if (site.prompt.length === 0) {
    out.push({
      kind: 'other',
      role: 'unknown',
      expression: 'input not recognised',
      line: lineOf(site.span),
      volatility: 'unknown',
      bound: { bounded: null, limit: null, description: 'the input could not be read from the code' },
    });
  }
  return out;
}

function within(inner: Span, outer: Span | undefined): boolean {
  return outer === undefined || (inner.start >= outer.start && inner.end <= outer.end);
}

/** A literal bound written into the expression itself: `.slice(-20)`, `[:5]`, `.substring(0, 4000)`, `take(10)`. */
function inlineBound(expression: string): DynamicBound | null {
  const m =
    /\.slice\(\s*-?(\d+)\s*\)/.exec(expression) ??
    /\.slice\(\s*0\s*,\s*(\d+)\s*\)/.exec(expression) ??
    /\.(?:substring|substr)\(\s*0\s*,\s*(\d+)\s*\)/.exec(expression) ??
    /\[\s*-?(\d+)\s*:\s*\]/.exec(expression) ??
    /\[\s*:\s*(\d+)\s*\]/.exec(expression) ??
    /\b(?:take|limit|top_?k|topK|truncate\w*)\(\s*(?:[^,()]+,\s*)?(\d+)\s*\)/i.exec(expression);
  if (!m) return null;
  return { bounded: true, limit: Number(m[1]), description: `limited to ${int(Number(m[1]))} by \`${m[0].replace(/^\./, '')}\`` };
}

function boundOf(kind: DynamicKind, seg: DynamicSegment, site: LlmCallSite, facts: FileFacts | undefined, text: string | undefined): DynamicBound {
  const inline = inlineBound(seg.text);
  if (inline) return inline;
  if (kind === 'history') {
    const fetch = historyFetchFor(site, facts);
    if (fetch) return fetchBound(fetch, text);
    return { bounded: null, limit: null, description: 'history from elsewhere; no bound seen' };
  }
  if (kind === 'volatile') return { bounded: true, limit: null, description: 'a short value' };
  if (kind === 'daily') return { bounded: true, limit: null, description: 'a date: the same value all day' };
  if (kind === 'loaded-prompt') return { bounded: true, limit: null, description: 'the same text on every request (size unknown)' };
  if (kind === 'setting') return { bounded: true, limit: null, description: 'read from the environment: the same on every request of the process' };
  return { bounded: false, limit: null, description: 'not bounded in code' };
}

/** The history fetch that feeds this call: in the same function when there is one, else the file's only one. */
function historyFetchFor(site: LlmCallSite, facts: FileFacts | undefined): HistoryFetch | undefined {
  const fetches = (facts?.historyFetches ?? []).filter((f) => f.feedsPrompt && f.path === site.path);
  const fn = site.enclosingFunction?.span;
  const inFunction = fn ? fetches.filter((f) => within(f.span, fn)) : [];
  if (inFunction.length > 0) return inFunction.filter((f) => f.span.start <= site.span.start).pop() ?? inFunction[0];
  return fetches.length === 1 ? fetches[0] : undefined;
}

function fetchBound(fetch: HistoryFetch, text: string | undefined): DynamicBound {
  const call = text ? text.slice(fetch.span.start, fetch.span.end) : '';
  if (fetch.sharedAcrossRequests) return { bounded: false, limit: null, description: `module-level ${fetch.api}: every request's turns, never trimmed` };
  if (!fetch.bounded && !/lrange\(.*,\s*-\d+\s*,\s*-1\s*\)\s*$/is.test(call)) {
    return { bounded: false, limit: null, description: `no limit in ${fetch.api}` };
  }
  const take = fetch.args?.options.take ?? fetch.args?.options.limit;
  let limit: number | null = take?.value.kind === 'number' ? Math.abs(take.value.value) : null;
  if (limit === null) {
    const m = /\.limit\(\s*(\d+)\s*\)|\bLIMIT\s+(\d+)|lrange\([^,]+,\s*-(\d+)\s*,\s*-1\s*\)|\[\s*-?(\d+)\s*:\s*\]|\[\s*:\s*(\d+)\s*\]/i.exec(call);
    const n = m?.slice(1).find((g) => g !== undefined);
    limit = n === undefined ? null : Number(n);
  }
  return { bounded: true, limit, description: limit === null ? `bounded in ${fetch.api}` : `${int(limit)} messages (${fetch.api})` };
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * The cacheable prefix: static text from the start of the input (tools → system → messages) up to the first
 * part that changes per request. Loaded prompts and run-time tool lists are taken as the same on every request.
 * Volatile values (time, random, ids) that come before static text are reported, with the static tokens behind
 * them that would join the prefix if they moved to the end.
 */
export function prefixLayout(site: LlmCallSite, kinds: DynamicKind[], lineOf: LineOf): PrefixLayout {
  const segments: Array<{ seg: PromptSegment; kind: DynamicKind | null }> = [];
  let k = 0;
  for (const part of site.prompt) for (const seg of part.segments) segments.push({ seg, kind: seg.kind === 'dynamic' ? (kinds[k++] ?? 'other') : null });

  const count = (texts: string[]) => {
    const text = texts.join('');
    return text ? countTokens(text, site.model.value, site.provider).tokens : 0;
  };
  let i = 0;
  const prefixTexts: string[] = [];
  let prefixHasUnknown = false;
  for (; i < segments.length; i++) {
    const { seg, kind } = segments[i];
    if (seg.kind === 'static') prefixTexts.push(seg.text);
    else if (kind !== null && isStable(kind)) prefixHasUnknown = true;
    else break;
  }
  const prefixTokens = count(prefixTexts);
  if (site.prompt.length === 0) {
    return { prefixTokens: 0, prefixHasUnknown: false, breaksAt: { kind: 'other', expression: 'input not recognised', line: lineOf(site.span) }, volatileBeforeStatic: false, staticTokensAfterVolatile: 0 };
  }
  if (i >= segments.length) return { prefixTokens, prefixHasUnknown, breaksAt: null, volatileBeforeStatic: false, staticTokensAfterVolatile: 0 };
  const breaking = segments[i].seg as DynamicSegment;
  const breaksAt = { kind: segments[i].kind!, expression: shorten(breaking.text, 60), line: lineOf(breaking.span) };
  // With every volatile value moved to the end, how far would the stable prefix reach?
  const after: string[] = [];
  let afterVolatileHasUnknown = prefixHasUnknown;
  if (segments[i].kind === 'volatile') {
    for (let j = i + 1; j < segments.length; j++) {
      const { seg, kind } = segments[j];
      if (seg.kind === 'static') after.push(seg.text);
      else if (kind === 'volatile') continue;
      else if (kind !== null && isStable(kind)) afterVolatileHasUnknown = true;
      else break;
    }
  }
  const staticTokensAfterVolatile = count(after);
  return { prefixTokens, prefixHasUnknown, breaksAt, volatileBeforeStatic: staticTokensAfterVolatile > 0, staticTokensAfterVolatile, afterVolatileHasUnknown };
}

/** Providers that cache eligible prefixes without any marker in the request. */
export function cachesAutomatically(provider: string, model: string | null): boolean | null {
  if (provider === 'anthropic' || provider === 'bedrock') return false;
  if (provider === 'openai' || provider === 'azure-openai') return true;
  // Gemini 2.5 and newer cache implicitly (FACTS.md: "Implicit caching is on by default for Gemini 2.5 and newer").
  if (provider === 'google') return model ? /^(?:models\/)?gemini-(?:2\.5|[3-9])/.test(model.toLowerCase()) : null;
  return null;
}

export function minimumFor(site: LlmCallSite): CacheMinimum | undefined {
  return cacheMinimum(site.model.value, site.provider);
}
