import * as fs from 'node:fs';
import * as path from 'node:path';
import { priceFor, USAGE_SEMANTICS, type ModelProvider } from './catalog/models';
import type { Config } from './config';
import type { LintResult } from './engine';
import { estimateCallSite, ratesFor, usageSemanticsFor, type CallSiteEstimate } from './estimates';
import { cachesAutomatically, dynamicParts, minimumFor, prefixLayout, type DynamicPart, type PrefixLayout } from './report-prompt';
import { cacheVerdict, retrySaving, retrySummary, routingSaving, SAVINGS_ASSUMPTIONS, withRetrySpend, type CacheStatus, type RetrySummary, type SavingItem } from './report-savings';
import { codeRetryLayers } from './retry-chain';
import { LineIndex } from './text';
import type { Family, FileError, FileFacts, Finding, LlmCallSite, RetryLayer, Severity, Span } from './types';

export { renderMarkdown } from './report-markdown';
export type { DynamicKind, DynamicPart, DynamicBound } from './report-prompt';
export type { CacheStatus, SavingItem } from './report-savings';

/** A call site as `check --format json` prints it. */
export interface CallSiteSummary {
  path: string;
  line: number;
  provider: string;
  sdk: string;
  model: string | null;
  staticInputTokens: number;
  hasDynamicInput: boolean;
  streaming: boolean | null;
}

/** USD amounts for input (static tokens), output (max output tokens) and their sum; null when unknown. */
export interface Costs {
  input: number | null;
  output: number | null;
  /** input + output, where an unknown output (no max tokens set) counts as 0; null when the model has no price. */
  total: number | null;
}

export interface ReportCache {
  /** The provider's minimum cacheable prefix for this model; null when unknown. */
  minimumTokens: number | null;
  /** The static prefix reaches the minimum; null when the minimum is unknown. */
  eligible: boolean | null;
  /** A part of the prompt carries an explicit cache marker (Anthropic cache_control). */
  marked: boolean;
  /** The provider caches eligible prefixes without a marker (OpenAI, Gemini 2.5+); false for Anthropic; null when unknown. */
  automatic: boolean | null;
  /** Static tokens from the start of the input up to the first part that changes per request. */
  prefixTokens: number;
  /** The prefix also holds stable text of unknown size (a loaded prompt, run-time tools). */
  prefixHasUnknown: boolean;
  /** The first part that changes per request, which ends the cacheable prefix; null when the input is all static. */
  breaksAt: PrefixLayout['breaksAt'];
  /** A volatile value (time, random, id) comes before static text. */
  volatileBeforeStatic: boolean;
  /** Static tokens behind the first volatile value that would join the prefix if volatile values moved to the end. */
  staticTokensAfterVolatile: number;
  status: CacheStatus;
  note: string;
  /** What the provider's cache already takes off the list price per day (cached-automatically, cached-marked). */
  alreadySavedPerDay: number | null;
}

export interface ReportFinding {
  ruleId: string;
  family: Family;
  severity: Severity;
  line: number;
  message: string;
  /** The file, when it is not the call site's own (a finding on its client in another module). */
  path?: string;
}

/** A call site in the report: the check summary plus estimates. */
export interface ReportCallSite extends CallSiteSummary {
  endLine: number;
  method: string;
  /** The enclosing function's name, and why it is on a request path (null when it is not known to be). */
  function: string | null;
  requestPath: string | null;
  /** The directory of the nearest package manifest (package.json, pyproject.toml, …) relative to the root, or `.`. */
  service: string;
  encoding: string;
  /** The token count is exact for this model's tokenizer (otherwise an approximation). */
  tokensExact: boolean;
  /** The parts of the input known only at run time, classified, each with the bound the code sets. */
  dynamicParts: DynamicPart[];
  maxOutputTokens: number | null;
  costPer1000: Costs;
  callsPerDay: number;
  dailyCost: Costs;
  priceAsOf: string | null;
  /** Whose usage semantics the response follows (OpenAI and Gemini input includes cached tokens, Anthropic's excludes them). */
  usageSemantics: ModelProvider | null;
  cache: ReportCache;
  retry: RetrySummary;
  /** What could be saved per day; null where it does not apply or cannot be priced. */
  savings: {
    /** USD per day from prompt caching that needs a change (a cache_control marker, a volatile value moved); null otherwise. */
    cachingPerDay: number | null;
    /** The same provider's cheaper model in the same family, and USD per day saved by routing these calls to it. */
    cheaperModel: string | null;
    routingPerDay: number | null;
    /** Routing is suggested: small maximum output or a classification-like prompt. */
    routingSuggested: boolean;
    routingReason: string | null;
    /** USD per day of expected extra attempts from stacked retries at the assumed failure rate. */
    retryPerDay: number | null;
    extraAttemptsPerDay: number | null;
  };
  /** Rule ids of findings on the call site's lines, in order, without repeats. */
  findings: string[];
  findingDetails: ReportFinding[];
}

export interface ModelTotal {
  /** null: the model could not be read from the code. */
  model: string | null;
  providers: string[];
  callSites: number;
  callsPerDay: number;
  staticInputTokens: number;
  costPer1000: Costs;
  dailyCost: Costs;
  priceAsOf: string | null;
  /** At least one call site has no price, so the sums leave it out. */
  unpriced: boolean;
}

export interface GroupTotal {
  /** The file path, or the service directory. */
  name: string;
  callSites: number;
  callsPerDay: number;
  dailyCost: Costs;
  unpriced: boolean;
  /** Per file: its service. Per service: its files. */
  service?: string;
  files?: number;
}

export interface FamilyTotal {
  family: Family;
  findings: number;
  bySeverity: Record<Severity, number>;
  /** Call sites with at least one finding of this family. */
  callSites: number;
  /** Estimated daily cost of those call sites (priced ones only). */
  dailyCostOfCallSites: number;
}

export interface PriceRef {
  /** The catalogue's name for the model (or the name as configured). */
  model: string;
  provider: ModelProvider | null;
  asOf: string | null;
  /** Where the price came from: the catalogue's source or `config override`. */
  source: string;
  /** USD per 1M tokens. */
  inputPerMillion: number;
  outputPerMillion: number;
  cachedInputPerMillion: number | null;
  /** Anthropic 5-minute cache write; null for providers that do not bill writes. */
  cacheWritePerMillion: number | null;
}

/** A saving the report recommends, at its call site. */
export interface Saving extends SavingItem {
  path: string;
  line: number;
  model: string | null;
}

/** A call site among the most expensive. */
export interface CostHighlight {
  path: string;
  line: number;
  model: string | null;
  perDay: number;
  /** Share of the report's total daily cost. */
  share: number;
  /** What drives the cost: "32,000 max output tokens" or "2,803 input tokens". */
  driver: string;
}

export interface UsageSemanticsRef {
  provider: ModelProvider;
  /** The reported input count already contains the cached tokens. */
  inputIncludesCached: boolean;
  inputField: string;
  cachedFields: string[];
  cacheWriteField: string | null;
  source: string;
  asOf: string;
}

/** The workspace token-cost report: a plain data model that markdown, JSON and HTML renderers read. */
export interface Report {
  version: 1;
  callsPerDay: number;
  /** Assumed share of calls that fail and go through every retry layer. */
  failureRate: number;
  filesScanned: number;
  /** The three most expensive call sites and the three largest savings: what to read first. */
  summary: { topCosts: CostHighlight[]; topSavings: Saving[] };
  callSites: ReportCallSite[];
  /** Findings at no call site and no call's client (infra, config, keys, clients never called), by path and line. */
  otherFindings: Array<ReportFinding & { path: string }>;
  /** Every recommended saving, largest first (unpriced ones last). */
  savings: Saving[];
  totals: {
    callSites: number;
    /** List-price cost per day of every call site (first attempts only). */
    dailyCost: Costs;
    /** Expected USD per day of retried attempts at the assumed failure rate, on top of `dailyCost`; null when none is priced. */
    retrySpendPerDay: number | null;
    /** Sums of the recommended savings (each null when there is none). */
    savingsPerDay: { caching: number | null; routing: number | null; retry: number | null; total: number | null };
    perModel: ModelTotal[];
    perFile: GroupTotal[];
    perService: GroupTotal[];
    perFamily: FamilyTotal[];
  };
  prices: PriceRef[];
  usageSemantics: UsageSemanticsRef[];
  assumptions: {
    callsPerDay: number;
    failureRate: number;
    cacheWritesPerDay: number;
    smallOutputTokens: number;
    notes: string[];
  };
  errors: Array<{ path: string; message: string }>;
}

export interface ReportOptions {
  /** Paths in the report are relative to this directory. */
  root: string;
  /** Current text of a file (an editor buffer); defaults to reading it from disk. */
  textOf?: (absolutePath: string) => string | undefined;
  /** Errors from reading the workspace (unreadable, binary, huge files), listed with the results' own. */
  scanErrors?: FileError[];
  /** Facts of an analysed file (history fetches and prompt loads bound the dynamic parts). */
  factsOf?: (absolutePath: string) => FileFacts | undefined;
  /** Every layer that may repeat a call, infra included (`retryLayers` with the workspace view); default: the code's own. */
  retryLayersOf?: (site: LlmCallSite) => RetryLayer[];
  /** The service a file belongs to; default: the nearest directory with a package manifest. */
  serviceOf?: (absolutePath: string) => string;
  /** Progress while call sites are estimated (token counting of large prompts takes time). */
  onProgress?: (done: number, total: number) => void;
}

const FAMILIES: Family[] = ['context', 'routing', 'resilience', 'telemetry', 'security'];

/** A path relative to `root` with forward slashes. */
export function relativePath(root: string, p: string): string {
  const rel = path.relative(root, p) || path.basename(p);
  return rel.split(path.sep).join('/');
}

/** Line lookups for many files, each file read and indexed once. */
export class SourceLines {
  private readonly indexes = new Map<string, LineIndex | null>();

  constructor(private readonly textOf: (absolutePath: string) => string | undefined = readTextFromDisk) {}

  /** 1-based line and column of a span, or null when the file's text is unavailable. */
  position(file: string, span: Span): { line: number; column: number; endLine: number; endColumn: number } | null {
    const index = this.index(file);
    return index ? index.oneBased(span) : null;
  }

  /** The file's text, when available. */
  text(file: string): string | undefined {
    return this.index(file)?.text;
  }

  private index(file: string): LineIndex | null {
    let index = this.indexes.get(file);
    if (index === undefined) {
      const text = this.textOf(file);
      index = text === undefined ? null : new LineIndex(text);
      this.indexes.set(file, index);
    }
    return index;
  }
}

function readTextFromDisk(p: string): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** The `check --format json` view of a call site. */
export function summarizeCallSite(callSite: LlmCallSite, config: Config, root: string, lines: SourceLines): CallSiteSummary {
  const est = estimateCallSite(callSite, config);
  return {
    path: relativePath(root, callSite.path),
    line: lines.position(callSite.path, callSite.span)?.line ?? 1,
    provider: callSite.provider,
    sdk: callSite.sdk,
    model: callSite.model.value,
    staticInputTokens: est.staticInputTokens,
    hasDynamicInput: est.hasDynamicInput,
    streaming: callSite.streaming,
  };
}

const MANIFESTS = ['package.json', 'pyproject.toml', 'requirements.txt', 'setup.py', 'go.mod', 'Cargo.toml', 'Dockerfile', 'Chart.yaml'];

/** The directory of the nearest manifest at or above a file (up to `root`), relative to `root`; `.` for the root itself. */
export function serviceFinder(root: string, exists: (p: string) => boolean = fs.existsSync): (file: string) => string {
  const cache = new Map<string, string>();
  const top = path.resolve(root);
  const find = (dir: string): string => {
    const hit = cache.get(dir);
    if (hit !== undefined) return hit;
    let result: string;
    if (MANIFESTS.some((m) => exists(path.join(dir, m)))) result = dir === top ? '.' : relativePath(top, dir);
    else if (dir === top || !dir.startsWith(top + path.sep)) result = '.';
    else result = find(path.dirname(dir));
    cache.set(dir, result);
    return result;
  };
  return (file) => find(path.dirname(path.resolve(file)));
}

/** Builds the workspace report from lint results. */
export function buildReport(results: LintResult[], config: Config, options: ReportOptions): Report {
  const lines = new SourceLines(options.textOf);
  const serviceOf = options.serviceOf ?? serviceFinder(options.root);
  const retryLayersOf = options.retryLayersOf ?? codeRetryLayers;
  const callSites: ReportCallSite[] = [];
  const savings: Saving[] = [];
  const sitesByFinding = new Map<Finding, ReportCallSite[]>();
  const prices = new Map<string, PriceRef>();
  const semantics = new Set<ModelProvider>();
  const total = results.reduce((n, r) => n + r.callSites.length, 0);
  let done = 0;

  const locatedByPath = new Map<string, Array<{ finding: Finding; line: number }>>();
  for (const result of results) locatedByPath.set(result.path, result.findings.map((f) => ({ finding: f, line: lines.position(f.path, f.span)?.line ?? 0 })));
  const attached = new Set<Finding>();

  for (const result of results) {
    const located = locatedByPath.get(result.path) ?? [];
    const facts = options.factsOf?.(result.path);
    for (const cs of result.callSites) {
      const est = estimateCallSite(cs, config);
      const pos = lines.position(cs.path, cs.span);
      const line = pos?.line ?? 1;
      const endLine = pos?.endLine ?? line;
      const here = located.filter((l) => (pos ? l.line >= line && l.line <= endLine : overlaps(l.finding.span, cs.span)));
      const lineOf = (span: Span) => lines.position(cs.path, span)?.line ?? line;
      const site = reportCallSite(cs, est, { line, endLine }, config, options.root, {
        facts,
        lineOf,
        text: lines.text(cs.path),
        service: serviceOf(cs.path),
        layers: safeLayers(retryLayersOf, cs),
        locate: (l) => (l.path && l.span ? { path: relativePath(options.root, l.path), line: lines.position(l.path, l.span)?.line ?? 1 } : {}),
      });
      // Findings on the call's client (`new OpenAI()` without a timeout), in this file or the module that builds it.
      const client = cs.client;
      const onClient = client
        ? (locatedByPath.get(client.path) ?? []).filter((l) => overlaps(l.finding.span, client.span) && !here.includes(l) && l.finding.path === client.path)
        : [];
      // Findings about the code around the call (the retry loop, the prompt read, the history query) in its function.
      const fnSpan = cs.enclosingFunction?.span;
      const around = fnSpan ? located.filter((l) => !here.includes(l) && !onClient.includes(l) && l.finding.path === cs.path && l.finding.span.start >= fnSpan.start && l.finding.span.end <= fnSpan.end) : [];
      const all = [...here, ...onClient, ...around].sort((a, b) => Number(a.finding.path !== cs.path) - Number(b.finding.path !== cs.path) || a.line - b.line);
      for (const l of all) attached.add(l.finding);
      site.site.findings = [...new Set(all.map((l) => l.finding.ruleId))];
      site.site.findingDetails = all.map((l) => ({
        ruleId: l.finding.ruleId,
        family: l.finding.family,
        severity: l.finding.severity,
        line: l.line || line,
        message: l.finding.message,
        ...(l.finding.path !== cs.path ? { path: relativePath(options.root, l.finding.path) } : {}),
      }));
      callSites.push(site.site);
      savings.push(...site.savings.map((s) => ({ ...s, path: site.site.path, line: site.site.line, model: site.site.model })));
      for (const l of all) sitesByFinding.set(l.finding, [...(sitesByFinding.get(l.finding) ?? []), site.site]);
      if (site.site.usageSemantics) semantics.add(site.site.usageSemantics);
      if (est.pricedAs && !prices.has(est.pricedAs)) {
        const rates = ratesFor(est.pricedAs, config.prices, est.staticInputTokens);
        prices.set(est.pricedAs, {
          model: est.pricedAs,
          provider: rates?.provider ?? priceFor(est.pricedAs)?.provider ?? null,
          asOf: est.priceAsOf,
          source: est.priceSource ?? 'catalog',
          inputPerMillion: est.inputPerMillion!,
          outputPerMillion: est.outputPerMillion!,
          cachedInputPerMillion: rates?.cachedInput ?? null,
          cacheWritePerMillion: rates?.cacheWrite ?? null,
        });
      }
      options.onProgress?.(++done, total);
    }
  }
  callSites.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  savings.sort(bySaving);

  const findings = results.flatMap((r) => r.findings);
  // The editor's quick-fix time budget says nothing about costs: the report is the same wherever it is built.
  const errors = dedupeErrors([...(options.scanErrors ?? []), ...results.flatMap((r) => r.errors.filter((e) => !e.fixesOnly))]).map((e) => ({ path: relativePath(options.root, e.path), message: e.message }));
  const dailyCost = sumCosts(callSites.map((s) => s.dailyCost));
  const byKind = (kind: Saving['kind']) => sumKnown(savings.filter((s) => s.kind === kind).map((s) => s.perDay));
  return {
    version: 1,
    callsPerDay: config.callsPerDay,
    failureRate: config.failureRate,
    filesScanned: results.length,
    summary: { topCosts: topCosts(callSites, dailyCost.total), topSavings: savings.filter((s) => (s.perDay ?? 0) > 0 || (s.extraAttemptsPerDay ?? 0) > 0).slice(0, 3) },
    callSites,
    otherFindings: results
      .flatMap((r) => locatedByPath.get(r.path) ?? [])
      .filter((l) => !attached.has(l.finding))
      .map((l) => ({ path: relativePath(options.root, l.finding.path), line: l.line || 1, ruleId: l.finding.ruleId, family: l.finding.family, severity: l.finding.severity, message: l.finding.message }))
      .sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.ruleId.localeCompare(b.ruleId)),
    savings,
    totals: {
      callSites: callSites.length,
      dailyCost,
      retrySpendPerDay: sumKnown(callSites.map((s) => s.retry.expectedRetrySpendPerDay)),
      savingsPerDay: { caching: byKind('caching'), routing: byKind('routing'), retry: byKind('retry'), total: combinedSavings(callSites, savings) },
      perModel: modelTotals(callSites),
      perFile: groupTotals(callSites, (s) => s.path).map((g) => ({ ...g, service: callSites.find((s) => s.path === g.name)!.service })),
      perService: groupTotals(callSites, (s) => s.service).map((g) => ({ ...g, files: new Set(callSites.filter((s) => s.service === g.name).map((s) => s.path)).size })),
      perFamily: familyTotals(findings, sitesByFinding),
    },
    prices: [...prices.values()].sort((a, b) => a.model.localeCompare(b.model)),
    usageSemantics: [...semantics].sort().map((p) => {
      const u = USAGE_SEMANTICS[p];
      return { provider: p, inputIncludesCached: u.inputIncludesCached, inputField: u.inputField, cachedFields: [...u.cachedFields], cacheWriteField: u.cacheWriteField ?? null, source: u.source, asOf: u.asOf };
    }),
    assumptions: {
      callsPerDay: config.callsPerDay,
      failureRate: config.failureRate,
      cacheWritesPerDay: SAVINGS_ASSUMPTIONS.cacheWritesPerDay,
      smallOutputTokens: SAVINGS_ASSUMPTIONS.smallOutputTokens,
      notes: ASSUMPTION_NOTES,
    },
    errors,
  };
}

const ASSUMPTION_NOTES = [
  'Static input tokens count only text known before run time (tools, system prompt, literal messages); dynamic parts (history, user input, retrieved documents) add to every call and are not priced. Message framing tokens are not counted.',
  'OpenAI counts are exact (tiktoken encodings); Claude and Gemini counts are approximations from o200k_base with a published factor.',
  'Output cost assumes every call uses its maximum output tokens; calls without a maximum have no output cost here.',
  'Costs are at list prices without prompt caching. Caching savings count cache reads at the cached-input price and one cache write (Anthropic, at its write price) or miss per hour of the day.',
  'Routing savings are suggested only for calls with a small maximum output or a classification-like prompt, to the cheaper model of the same family; check that its quality is enough for the task.',
  'Retry savings assume the stated share of calls fails in a way every layer retries (timeouts, overload, outages), so each failing call makes the worst-case number of attempts; with one layer owning retries it makes that layer\u2019s attempts.',
  'Prices are USD per 1M tokens as of the date shown (override them under `prices` in `.llm-infra-lint.json`); calls per day are an assumption, not a measurement (`callsPerDay`, per site `callSites["path:line"].callsPerDay`).',
];

function safeLayers(fn: (site: LlmCallSite) => RetryLayer[], site: LlmCallSite): RetryLayer[] {
  try {
    return fn(site);
  } catch {
    return codeRetryLayers(site);
  }
}

interface SiteContext {
  facts: FileFacts | undefined;
  lineOf: (span: Span) => number;
  text: string | undefined;
  service: string;
  layers: RetryLayer[];
  locate: (l: RetryLayer) => { path?: string; line?: number };
}

/** One call site's report entry and its recommended savings, without its findings. */
function reportCallSite(
  cs: LlmCallSite,
  est: CallSiteEstimate,
  at: { line: number; endLine: number },
  config: Config,
  root: string,
  ctx: SiteContext,
): { site: ReportCallSite; savings: SavingItem[] } {
  const rel = relativePath(root, cs.path);
  const perDay = config.callSites[`${rel}:${at.line}`]?.callsPerDay ?? config.callsPerDay;
  const costPer1000 = costs(est.inputCostPer1000, est.outputCostPer1000);
  const dailyCost = scale(costPer1000, perDay / 1000);
  const parts = dynamicParts(cs, ctx.facts, ctx.lineOf, ctx.text);
  const layout = prefixLayout(cs, parts.filter((p) => p.expression !== 'input not recognised').map((p) => p.kind), ctx.lineOf);
  // An engine or pipeline run builds its prompt from retrieved text the code never shows: whether it reaches the
  // provider's cache minimum is not known.
  const minimum = cs.engineRun ? null : (minimumFor(cs)?.tokens ?? null);
  const marked = cs.prompt.some((p) => p.cacheControl === true);
  const automatic = cachesAutomatically(cs.provider, cs.model.value);
  const verdict = cacheVerdict(cs, layout, minimum, automatic, marked, est.staticInputTokens, perDay, config);
  const routing = routingSaving(cs, est.pricedAs ? (priceFor(est.pricedAs)?.tier.cheaper ?? undefined) : undefined, est.staticInputTokens, perDay, config);
  // A call whose known part costs nothing (a prompt built at run time, no output maximum) has an unknown cost, not a
  // zero one: its retries are counted but not priced.
  const knownCost = costPer1000.total === null ? null : costPer1000.total / 1000;
  const costPerCall = knownCost === 0 ? null : knownCost;
  const unpriced = knownCost === 0 ? 'the prompt is built at run time and no output maximum is set, so no part of a call is priced' : undefined;
  const retry = withRetrySpend(retrySummary(ctx.layers, ctx.locate), costPerCall, perDay, config.failureRate);
  const retryItem = retrySaving(retry, costPerCall, perDay, config.failureRate, unpriced);
  const site: ReportCallSite = {
    path: rel,
    line: at.line,
    provider: cs.provider,
    sdk: cs.sdk,
    model: cs.model.value,
    staticInputTokens: est.staticInputTokens,
    hasDynamicInput: est.hasDynamicInput,
    streaming: cs.streaming,
    endLine: at.endLine,
    method: cs.method,
    function: cs.enclosingFunction?.name ?? null,
    requestPath: cs.enclosingFunction?.requestPath ?? null,
    service: ctx.service,
    encoding: est.encoding,
    tokensExact: est.exact,
    dynamicParts: parts,
    maxOutputTokens: est.maxOutputTokens,
    costPer1000,
    callsPerDay: perDay,
    dailyCost,
    priceAsOf: est.priceAsOf,
    usageSemantics: usageSemanticsFor(cs.provider, cs.model.value)?.provider ?? null,
    cache: {
      minimumTokens: minimum,
      eligible: minimum === null ? null : verdict.layout.prefixTokens >= minimum,
      marked,
      automatic,
      prefixTokens: verdict.layout.prefixTokens,
      prefixHasUnknown: layout.prefixHasUnknown,
      breaksAt: layout.breaksAt,
      volatileBeforeStatic: layout.volatileBeforeStatic,
      staticTokensAfterVolatile: verdict.layout.staticTokensAfterVolatile,
      status: verdict.status,
      note: verdict.note,
      alreadySavedPerDay: verdict.alreadySavedPerDay,
    },
    retry,
    savings: {
      cachingPerDay: verdict.saving?.perDay ?? null,
      cheaperModel: routing.cheaperModel,
      routingPerDay: routing.perDay,
      routingSuggested: routing.suggested,
      routingReason: routing.reason,
      retryPerDay: retryItem?.perDay ?? null,
      extraAttemptsPerDay: retryItem?.extraAttemptsPerDay ?? null,
    },
    findings: [],
    findingDetails: [],
  };
  const items = [verdict.saving, routing.item, retryItem].filter((s): s is SavingItem => s !== null);
  return { site, savings: items };
}

/** Largest saving first; unpriced ones after priced ones, by extra attempts. */
function bySaving(a: SavingItem, b: SavingItem): number {
  const pa = a.perDay ?? -1;
  const pb = b.perDay ?? -1;
  return pb - pa || (b.extraAttemptsPerDay ?? 0) - (a.extraAttemptsPerDay ?? 0);
}

function topCosts(sites: ReportCallSite[], total: number | null): CostHighlight[] {
  return sites
    .filter((s) => (s.dailyCost.total ?? 0) > 0)
    .sort((a, b) => b.dailyCost.total! - a.dailyCost.total!)
    .slice(0, 3)
    .map((s) => {
      const input = s.dailyCost.input ?? 0;
      const output = s.dailyCost.output ?? 0;
      const driver =
        output > input
          ? `${s.maxOutputTokens!.toLocaleString('en-US')} max output tokens`
          : `${s.tokensExact ? '' : '≈'}${s.staticInputTokens.toLocaleString('en-US')} static input tokens${s.hasDynamicInput ? ' + dynamic' : ''}`;
      return { path: s.path, line: s.line, model: s.model, perDay: s.dailyCost.total!, share: total ? s.dailyCost.total! / total : 0, driver };
    });
}

function costs(input: number | null, output: number | null): Costs {
  return { input, output, total: input === null ? null : input + (output ?? 0) };
}

function scale(c: Costs, factor: number): Costs {
  const m = (v: number | null) => (v === null ? null : v * factor);
  return { input: m(c.input), output: m(c.output), total: m(c.total) };
}

/** Sums the known amounts; a field is null only when no item had it. */
function sumCosts(items: Costs[]): Costs {
  return {
    input: sumKnown(items.map((c) => c.input)),
    output: sumKnown(items.map((c) => c.output)),
    total: sumKnown(items.map((c) => c.total)),
  };
}

/**
 * All recommended savings together. Caching and routing savings of one call are alternatives, each priced against
 * today's model (after routing, the prompt may fall below the cheaper model's cache minimum): the larger counts. A
 * call never saves more than it costs, retries included.
 */
function combinedSavings(callSites: ReportCallSite[], savings: Saving[]): number | null {
  const bySite = new Map<string, Saving[]>();
  for (const s of savings) {
    const key = `${s.path}:${s.line}`;
    bySite.set(key, [...(bySite.get(key) ?? []), s]);
  }
  const sites = new Map<string, ReportCallSite>();
  for (const c of callSites) if (!sites.has(`${c.path}:${c.line}`)) sites.set(`${c.path}:${c.line}`, c);
  const perSite: Array<number | null> = [];
  for (const [key, items] of bySite) {
    const amount = (kind: Saving['kind']) => sumKnown(items.filter((i) => i.kind === kind).map((i) => i.perDay));
    const either = [amount('caching'), amount('routing')].filter((v): v is number => v !== null);
    const total = sumKnown([either.length ? Math.max(...either) : null, amount('retry')]);
    const site = sites.get(key);
    const cost = site?.dailyCost.total === null || site?.dailyCost.total === undefined ? null : site.dailyCost.total + (site.retry.expectedRetrySpendPerDay ?? 0);
    perSite.push(total === null || cost === null ? total : Math.min(total, cost));
  }
  return sumKnown(perSite);
}

function sumKnown(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

function modelTotals(sites: ReportCallSite[]): ModelTotal[] {
  const groups = new Map<string, ReportCallSite[]>();
  for (const s of sites) {
    const key = s.model ?? '\u0000unknown';
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const totals = [...groups.values()].map((group): ModelTotal => ({
    model: group[0].model,
    providers: [...new Set(group.map((s) => s.provider))].sort(),
    callSites: group.length,
    callsPerDay: group.reduce((a, s) => a + s.callsPerDay, 0),
    staticInputTokens: group.reduce((a, s) => a + s.staticInputTokens, 0),
    costPer1000: sumCosts(group.map((s) => s.costPer1000)),
    dailyCost: sumCosts(group.map((s) => s.dailyCost)),
    priceAsOf: group.find((s) => s.priceAsOf)?.priceAsOf ?? null,
    unpriced: group.some((s) => s.costPer1000.total === null),
  }));
  return totals.sort((a, b) => (b.dailyCost.total ?? -1) - (a.dailyCost.total ?? -1) || (a.model ?? '~').localeCompare(b.model ?? '~'));
}

function groupTotals(sites: ReportCallSite[], key: (s: ReportCallSite) => string): GroupTotal[] {
  const groups = new Map<string, ReportCallSite[]>();
  for (const s of sites) groups.set(key(s), [...(groups.get(key(s)) ?? []), s]);
  const totals = [...groups.entries()].map(([name, group]): GroupTotal => ({
    name,
    callSites: group.length,
    callsPerDay: group.reduce((a, s) => a + s.callsPerDay, 0),
    dailyCost: sumCosts(group.map((s) => s.dailyCost)),
    unpriced: group.some((s) => s.costPer1000.total === null),
  }));
  return totals.sort((a, b) => (b.dailyCost.total ?? -1) - (a.dailyCost.total ?? -1) || a.name.localeCompare(b.name));
}

function familyTotals(findings: Finding[], sitesByFinding: Map<Finding, ReportCallSite[]>): FamilyTotal[] {
  return FAMILIES.map((family) => {
    const ofFamily = findings.filter((f) => f.family === family);
    const sites = new Set(ofFamily.flatMap((f) => sitesByFinding.get(f) ?? []));
    const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of ofFamily) bySeverity[f.severity]++;
    return {
      family,
      findings: ofFamily.length,
      bySeverity,
      callSites: sites.size,
      dailyCostOfCallSites: [...sites].reduce((a, s) => a + (s.dailyCost.total ?? 0), 0),
    };
  });
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function dedupeErrors<T extends { path: string; message: string }>(errors: T[]): T[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The report as JSON (what `report --format json` prints). */
export function renderJson(report: Report): string {
  // Twelve significant digits drop binary floating-point noise (4.7940000000000005) from the amounts.
  const tidy = (_key: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v);
  return JSON.stringify(report, tidy, 2) + '\n';
}
