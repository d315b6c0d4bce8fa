import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheMinimum, priceFor } from './catalog/models';
import type { Config } from './config';
import type { LintResult } from './engine';
import { estimateCallSite, type CallSiteEstimate } from './estimates';
import { LineIndex } from './text';
import { costPerCall, formatUsd } from './tokens';
import type { Family, FileError, Finding, LlmCallSite, Severity, Span } from './types';

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

/** A call site in the report: the check summary plus estimates. */
export interface ReportCallSite extends CallSiteSummary {
  endLine: number;
  method: string;
  encoding: string;
  /** The token count is exact for this model's tokenizer (otherwise an approximation). */
  tokensExact: boolean;
  maxOutputTokens: number | null;
  costPer1000: Costs;
  callsPerDay: number;
  dailyCost: Costs;
  priceAsOf: string | null;
  cache: {
    /** The provider's minimum cacheable prefix for this model; null when unknown. */
    minimumTokens: number | null;
    /** The static input reaches the minimum; null when the minimum is unknown. */
    eligible: boolean | null;
    /** A part of the prompt carries an explicit cache marker (Anthropic cache_control). */
    marked: boolean;
  };
  /** What could be saved per day; null where it does not apply or cannot be priced. */
  savings: {
    /** USD per day if the static input were read from the provider's prompt cache on every call (eligible sites only). */
    cachingPerDay: number | null;
    /** The same provider's cheaper model in the same family, and USD per day saved by routing these calls to it. */
    cheaperModel: string | null;
    routingPerDay: number | null;
  };
  /** Rule ids of findings on the call site's lines, in order, without repeats. */
  findings: string[];
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
  asOf: string | null;
  /** Where the price came from: the catalogue's source or `config override`. */
  source: string;
  /** USD per 1M tokens. */
  inputPerMillion: number;
  outputPerMillion: number;
}

/** The workspace token-cost report: a plain data model that markdown, JSON and HTML renderers read. */
export interface Report {
  version: 1;
  callsPerDay: number;
  filesScanned: number;
  callSites: ReportCallSite[];
  totals: {
    callSites: number;
    dailyCost: Costs;
    /** Sums of the call sites' savings (each null when no call site has one). */
    savingsPerDay: { caching: number | null; routing: number | null };
    perModel: ModelTotal[];
    perFamily: FamilyTotal[];
  };
  prices: PriceRef[];
  errors: Array<{ path: string; message: string }>;
}

export interface ReportOptions {
  /** Paths in the report are relative to this directory. */
  root: string;
  /** Current text of a file (an editor buffer); defaults to reading it from disk. */
  textOf?: (absolutePath: string) => string | undefined;
  /** Errors from reading the workspace (unreadable, binary, huge files), listed with the results' own. */
  scanErrors?: FileError[];
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
    let index = this.indexes.get(file);
    if (index === undefined) {
      const text = this.textOf(file);
      index = text === undefined ? null : new LineIndex(text);
      this.indexes.set(file, index);
    }
    return index ? index.oneBased(span) : null;
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

/** Builds the workspace report from lint results. */
export function buildReport(results: LintResult[], config: Config, options: ReportOptions): Report {
  const lines = new SourceLines(options.textOf);
  const callSites: ReportCallSite[] = [];
  const sitesByFinding = new Map<Finding, ReportCallSite[]>();
  const prices = new Map<string, PriceRef>();

  for (const result of results) {
    const located = result.findings.map((f) => ({ finding: f, line: lines.position(f.path, f.span)?.line ?? 0 }));
    for (const cs of result.callSites) {
      const est = estimateCallSite(cs, config);
      const pos = lines.position(cs.path, cs.span);
      const line = pos?.line ?? 1;
      const endLine = pos?.endLine ?? line;
      const here = located.filter((l) => (pos ? l.line >= line && l.line <= endLine : overlaps(l.finding.span, cs.span)));
      const site = reportCallSite(cs, est, { line, endLine }, config, options.root);
      site.findings = [...new Set(here.map((l) => l.finding.ruleId))];
      callSites.push(site);
      for (const l of here) sitesByFinding.set(l.finding, [...(sitesByFinding.get(l.finding) ?? []), site]);
      if (est.pricedAs && !prices.has(est.pricedAs)) {
        prices.set(est.pricedAs, {
          model: est.pricedAs,
          asOf: est.priceAsOf,
          source: est.priceSource ?? 'catalog',
          inputPerMillion: est.inputPerMillion!,
          outputPerMillion: est.outputPerMillion!,
        });
      }
    }
  }
  callSites.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);

  const findings = results.flatMap((r) => r.findings);
  const errors = dedupeErrors([...(options.scanErrors ?? []), ...results.flatMap((r) => r.errors)]).map((e) => ({ path: relativePath(options.root, e.path), message: e.message }));
  return {
    version: 1,
    callsPerDay: config.callsPerDay,
    filesScanned: results.length,
    callSites,
    totals: {
      callSites: callSites.length,
      dailyCost: sumCosts(callSites.map((s) => s.dailyCost)),
      savingsPerDay: {
        caching: sumKnown(callSites.map((s) => s.savings.cachingPerDay)),
        routing: sumKnown(callSites.map((s) => s.savings.routingPerDay)),
      },
      perModel: modelTotals(callSites),
      perFamily: familyTotals(findings, sitesByFinding),
    },
    prices: [...prices.values()].sort((a, b) => a.model.localeCompare(b.model)),
    errors,
  };
}

/** One call site's report entry, without its findings. */
function reportCallSite(cs: LlmCallSite, est: CallSiteEstimate, at: { line: number; endLine: number }, config: Config, root: string): ReportCallSite {
  const rel = relativePath(root, cs.path);
  const perDay = config.callSites[`${rel}:${at.line}`]?.callsPerDay ?? config.callsPerDay;
  const costPer1000 = costs(est.inputCostPer1000, est.outputCostPer1000);
  const minimum = cacheMinimum(cs.model.value, cs.provider)?.tokens ?? null;
  const eligible = minimum === null ? null : est.staticInputTokens >= minimum;
  return {
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
    encoding: est.encoding,
    tokensExact: est.exact,
    maxOutputTokens: est.maxOutputTokens,
    costPer1000,
    callsPerDay: perDay,
    dailyCost: scale(costPer1000, perDay / 1000),
    priceAsOf: est.priceAsOf,
    cache: { minimumTokens: minimum, eligible, marked: cs.prompt.some((p) => p.cacheControl === true) },
    savings: savings(est, eligible === true, config, perDay),
    findings: [],
  };
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

function sumKnown(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

function savings(est: CallSiteEstimate, eligible: boolean, config: Config, callsPerDay: number): ReportCallSite['savings'] {
  const none = { cachingPerDay: null, cheaperModel: null, routingPerDay: null };
  if (est.pricedAs === null || est.inputPerMillion === null) return none;
  const catalog = priceFor(est.pricedAs);
  const override = config.prices[est.pricedAs];
  // A configured input price without a cached price leaves the cache discount unknown.
  const cachedRate = override && override.input !== undefined ? override.cachedInput : catalog?.cachedInput;
  const cachingPerDay =
    eligible && cachedRate !== undefined ? (est.staticInputTokens * (est.inputPerMillion - cachedRate) * callsPerDay) / 1_000_000 : null;
  const cheaperModel = catalog?.tier.cheaper ?? null;
  let routingPerDay: number | null = null;
  if (cheaperModel) {
    const now = costPerCall(est.staticInputTokens, est.maxOutputTokens ?? 0, est.pricedAs, config.prices);
    const cheaper = costPerCall(est.staticInputTokens, est.maxOutputTokens ?? 0, cheaperModel, config.prices);
    if (now && cheaper) routingPerDay = (now.total - cheaper.total) * callsPerDay;
  }
  return { cachingPerDay, cheaperModel, routingPerDay };
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

/** The report as markdown: summary, call sites, totals per model and per family, prices with their dates. */
export function renderMarkdown(report: Report): string {
  const out: string[] = ['# LLM token-cost report', ''];
  const files = new Set(report.callSites.map((s) => s.path)).size;
  out.push(
    `${plural(report.totals.callSites, 'LLM call site')} in ${plural(files, 'file')} (${plural(report.filesScanned, 'file')} scanned). ` +
      `Estimated cost: **${usd(report.totals.dailyCost.total)} per day** at ${int(report.callsPerDay)} calls per day per call site ` +
      '(static input plus maximum output; set `callsPerDay`, or per site `callSites["path:line"].callsPerDay`, in `.llm-infra-lint.json`).',
    '',
  );

  if (report.callSites.length > 0) {
    out.push(
      '## Call sites',
      '',
      '| Call site | Provider / SDK | Model | Static input tokens | Max output tokens | Input $/1k calls | Output $/1k calls | Calls/day | $/day | Prompt cache | Findings |',
      '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    );
    for (const s of report.callSites) {
      out.push(
        row([
          `\`${s.path}:${s.line}\``,
          `${s.provider} / ${s.sdk}`,
          s.model ? `\`${s.model}\`` : 'unknown',
          tokens(s),
          s.maxOutputTokens === null ? 'not set' : int(s.maxOutputTokens),
          usd(s.costPer1000.input),
          usd(s.costPer1000.output),
          int(s.callsPerDay),
          usd(s.dailyCost.total),
          cacheCell(s),
          s.findings.length ? s.findings.map((id) => `\`${id}\``).join(', ') : '—',
        ]),
      );
    }
    out.push('');
  }

  if (report.totals.perModel.length > 0) {
    out.push(
      '## Totals per model',
      '',
      '| Model | Call sites | Calls/day | Static input tokens | Input $/day | Output $/day | Total $/day | Price as of |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    for (const m of report.totals.perModel) {
      out.push(
        row([
          (m.model ? `\`${m.model}\`` : 'unknown') + (m.unpriced ? ' (no price)' : ''),
          int(m.callSites),
          int(m.callsPerDay),
          int(m.staticInputTokens),
          usd(m.dailyCost.input),
          usd(m.dailyCost.output),
          usd(m.dailyCost.total),
          m.priceAsOf ?? '—',
        ]),
      );
    }
    out.push('');
  }

  const withSavings = report.callSites.filter((s) => s.savings.cachingPerDay || s.savings.routingPerDay);
  if (withSavings.length > 0) {
    out.push(
      '## Potential savings',
      '',
      `Prompt caching could save up to **${usd(report.totals.savingsPerDay.caching ?? 0)} per day**; ` +
        `routing to the cheaper model of the same family, up to **${usd(report.totals.savingsPerDay.routing ?? 0)} per day** (if it is good enough for the task).`,
      '',
      '| Call site | Model | Caching saves $/day | Cheaper model | Routing saves $/day |',
      '| --- | --- | ---: | --- | ---: |',
    );
    for (const s of withSavings) {
      out.push(
        row([
          `\`${s.path}:${s.line}\``,
          s.model ? `\`${s.model}\`` : 'unknown',
          usd(s.savings.cachingPerDay),
          s.savings.cheaperModel ? `\`${s.savings.cheaperModel}\`` : '—',
          usd(s.savings.routingPerDay),
        ]),
      );
    }
    out.push('');
  }

  out.push(
    '## Findings per family',
    '',
    '| Family | Findings | Errors | Warnings | Info | Call sites affected | $/day at those call sites |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const f of report.totals.perFamily) {
    out.push(
      row([
        f.family,
        int(f.findings),
        int(f.bySeverity.error),
        int(f.bySeverity.warning),
        int(f.bySeverity.info),
        int(f.callSites),
        usd(f.dailyCostOfCallSites),
      ]),
    );
  }
  out.push('');

  out.push('## Prices', '');
  if (report.prices.length === 0) {
    out.push('No call site uses a model with a known price. Add prices under `prices` in `.llm-infra-lint.json`.', '');
  } else {
    out.push('| Model | Input $/1M tokens | Output $/1M tokens | As of | Source |', '| --- | ---: | ---: | --- | --- |');
    for (const p of report.prices) {
      out.push(row([`\`${p.model}\``, usd(p.inputPerMillion), usd(p.outputPerMillion), p.asOf ?? 'unknown', p.source]));
    }
    out.push('');
  }

  out.push(
    '## How to read this',
    '',
    '- Static input tokens count only text known before run time (tools, system prompt, literal messages); `+ dynamic` marks calls whose input also has run-time parts, so their real input is larger. Message framing tokens are not counted.',
    '- `≈` marks approximate counts: Claude and Gemini have no public tokenizer, so they are estimated from `o200k_base`.',
    '- Output cost assumes every call uses its maximum output tokens; calls without a maximum have no output cost here.',
    '- Caching savings assume every call reads the static input from the cache at the cached-input price (Anthropic cache writes, 1.25× input, are not counted).',
    '- Prices are USD per 1M tokens as of the date shown (override them under `prices` in `.llm-infra-lint.json`); calls per day are an assumption, not a measurement.',
    '',
  );

  if (report.errors.length > 0) {
    out.push('## Files not fully analysed', '', '| File | Problem |', '| --- | --- |');
    for (const e of report.errors) out.push(row([`\`${e.path}\``, e.message]));
    out.push('');
  }
  return out.join('\n');
}

function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')).join(' | ')} |`;
}

function tokens(s: ReportCallSite): string {
  return `${s.tokensExact || s.staticInputTokens === 0 ? '' : '≈'}${int(s.staticInputTokens)}${s.hasDynamicInput ? ' + dynamic' : ''}`;
}

function cacheCell(s: ReportCallSite): string {
  if (s.cache.minimumTokens === null) return 'unknown';
  const verdict = s.cache.eligible ? 'eligible' : 'below minimum';
  return `${verdict} (min ${int(s.cache.minimumTokens)})${s.cache.marked ? ', marked' : ''}`;
}

function plural(n: number, word: string): string {
  return `${int(n)} ${word}${n === 1 ? '' : 's'}`;
}

function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Dollars as hovers show them (`formatUsd`), or a dash when unknown. */
function usd(v: number | null): string {
  return v === null ? '—' : formatUsd(v);
}
