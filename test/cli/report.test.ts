// Estimates and report arithmetic against hand-computed values (prices from the catalogue: gpt-4o $2.50/$10 per 1M,
// cached $1.25; gpt-4o-mini $0.15/$0.60; claude-sonnet-4-5 $3/$15).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { PRICES } from '../../server/src/core/catalog/models';
import { defaultConfig, type Config } from '../../server/src/core/config';
import type { LintResult } from '../../server/src/core/engine';
import { estimateCallSite } from '../../server/src/core/estimates';
import { buildReport, renderJson, renderMarkdown, type Report } from '../../server/src/core/report';
import type { Finding, LlmCallSite, PromptPart, Span } from '../../server/src/core/types';

/** Exactly 1,000 o200k_base tokens (checked against tiktoken): "hello" then 999 × " hello". */
const TOKENS_1000 = 'hello' + ' hello'.repeat(999);
const TOKENS_1024 = 'hello' + ' hello'.repeat(1023);
const GPT_4O_AS_OF = PRICES['gpt-4o']!.asOf;

function close(actual: number | null | undefined, expected: number, what = ''): void {
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < 1e-9, `${what}: expected ${expected}, got ${actual}`);
}

const NO_SPAN: Span = { start: 0, end: 0 };

function staticPart(text: string, role: PromptPart['role'] = 'system'): PromptPart {
  return { role, span: NO_SPAN, segments: [{ kind: 'static', text, span: NO_SPAN }] };
}

function site(over: Partial<LlmCallSite> = {}): LlmCallSite {
  return {
    id: 'x',
    path: '/p/a.ts',
    language: 'typescript',
    span: NO_SPAN,
    nameSpan: NO_SPAN,
    provider: 'openai',
    sdk: 'openai',
    method: 'chat.completions.create',
    model: { value: 'gpt-4o', literal: true },
    streaming: false,
    args: { span: null, options: {}, hasSpread: false, callArgsSpan: NO_SPAN },
    prompt: [staticPart(TOKENS_1000)],
    maxOutputTokens: null,
    client: null,
    enclosingFunction: null,
    retries: [],
    inSpan: false,
    usage: 'unknown',
    ...over,
  };
}

function config(over: Partial<Config> = {}): Config {
  return { ...defaultConfig(), ...over };
}

describe('estimates', () => {
  it('prices 1,000 static tokens on gpt-4o at $2.50 per 1,000 calls, 500 max output at $5.00', () => {
    const e = estimateCallSite(site({ maxOutputTokens: 500 }), config());
    assert.equal(e.staticInputTokens, 1000);
    assert.equal(e.encoding, 'o200k_base');
    assert.equal(e.exact, true);
    assert.equal(e.hasDynamicInput, false);
    close(e.inputCostPer1000, 2.5, 'input');
    close(e.outputCostPer1000, 5, 'output');
    assert.equal(e.priceAsOf, GPT_4O_AS_OF);
    assert.match(e.priceAsOf!, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(e.pricedAs, 'gpt-4o');
  });

  it('counts each part on its own and sums them', () => {
    const e = estimateCallSite(site({ prompt: [staticPart(TOKENS_1000), staticPart(TOKENS_1000, 'user')] }), config());
    assert.equal(e.staticInputTokens, 2000);
    close(e.inputCostPer1000, 5);
  });

  it('counts only static text and flags dynamic input', () => {
    const part: PromptPart = {
      role: 'user',
      span: NO_SPAN,
      segments: [
        { kind: 'static', text: TOKENS_1000, span: NO_SPAN },
        { kind: 'dynamic', text: 'question', span: NO_SPAN, volatility: 'per-request', origin: 'user-input' },
      ],
    };
    const e = estimateCallSite(site({ prompt: [part] }), config());
    assert.equal(e.staticInputTokens, 1000);
    assert.equal(e.hasDynamicInput, true);
    const empty = estimateCallSite(site({ prompt: [] }), config());
    assert.equal(empty.staticInputTokens, 0);
    assert.equal(empty.hasDynamicInput, true);
    close(empty.inputCostPer1000, 0);
  });

  it('has no output cost when the call sets no maximum', () => {
    const e = estimateCallSite(site(), config());
    assert.equal(e.maxOutputTokens, null);
    assert.equal(e.outputCostPer1000, null);
  });

  it('prices a dated snapshot as its model but never an unknown model as another', () => {
    close(estimateCallSite(site({ model: { value: 'gpt-4o-2024-08-06', literal: true } }), config()).inputCostPer1000, 2.5);
    for (const value of ['acme-llm-7b', 'gpt-4o-2024-05-13', null]) {
      const e = estimateCallSite(site({ model: { value, literal: value !== null }, maxOutputTokens: 100 }), config());
      assert.equal(e.inputCostPer1000, null, String(value));
      assert.equal(e.outputCostPer1000, null, String(value));
      assert.equal(e.priceAsOf, null, String(value));
      assert.equal(e.pricedAs, null, String(value));
    }
  });

  it('uses config price overrides, for catalogue models and unknown ones', () => {
    const cfg = config({ prices: { 'gpt-4o': { input: 5, output: 20 }, 'acme-llm': { input: 1, output: 2 } } });
    const e = estimateCallSite(site({ maxOutputTokens: 500 }), cfg);
    close(e.inputCostPer1000, 5);
    close(e.outputCostPer1000, 10);
    assert.equal(e.priceAsOf, 'config');
    assert.equal(e.priceSource, 'config override');
    const acme = estimateCallSite(site({ model: { value: 'acme-llm', literal: true }, maxOutputTokens: 1000 }), cfg);
    close(acme.inputCostPer1000, 1);
    close(acme.outputCostPer1000, 2);
  });

  it('labels Claude counts as approximate', () => {
    const e = estimateCallSite(site({ provider: 'anthropic', sdk: 'anthropic', method: 'messages.create', model: { value: 'claude-sonnet-4-5', literal: true } }), config());
    assert.equal(e.exact, false);
    assert.equal(e.staticInputTokens, 1180, '1,000 o200k tokens × 1.18');
    assert.match(e.approximationReason ?? '', /Claude/);
    close(e.inputCostPer1000, 3.54, '1,180 × $3/M × 1,000');
  });
});

describe('report', () => {
  const ROOT = path.resolve('/work/project');
  const A = path.join(ROOT, 'src', 'a.ts');
  const B = path.join(ROOT, 'src', 'b.ts');
  const TEXT_A = [
    'import OpenAI from "openai";',
    'const client = new OpenAI();',
    'await client.chat.completions.create({',
    '  model: "gpt-4o", max_tokens: 1000 });',
    'await client.chat.completions.create({ model: "gpt-4o" });',
    '',
  ].join('\n');
  const TEXT_B = 'await client.chat.completions.create({ model: "acme-llm" });\n';
  const texts: Record<string, string> = { [A]: TEXT_A, [B]: TEXT_B };

  const at = (file: string, needle: string, from = 0): Span => {
    const start = texts[file].indexOf(needle, from);
    assert.ok(start >= 0, needle);
    return { start, end: start + needle.length };
  };
  const line5 = TEXT_A.indexOf('await client', TEXT_A.indexOf('max_tokens'));
  const site1 = site({ path: A, span: { start: at(A, 'client.chat').start, end: at(A, '1000 })').end }, prompt: [staticPart(TOKENS_1024)], maxOutputTokens: 1000 });
  const site2 = site({ path: A, span: { start: line5 + 6, end: TEXT_A.length - 2 } });
  const site3 = site({ path: B, span: at(B, 'client.chat.completions.create({ model: "acme-llm" })'), model: { value: 'acme-llm', literal: true } });
  const f = (file: string, span: Span, ruleId: string, family: Finding['family'], severity: Finding['severity']): Finding => ({
    ruleId,
    family,
    severity,
    path: file,
    span,
    message: ruleId,
  });
  const results: LintResult[] = [
    {
      path: A,
      language: 'typescript',
      findings: [
        f(A, at(A, 'new OpenAI()'), 'direct-provider-endpoint', 'routing', 'warning'),
        f(A, at(A, 'create'), 'missing-timeout', 'resilience', 'warning'),
        f(A, at(A, '"gpt-4o"'), 'hardcoded-model', 'routing', 'info'),
        f(A, at(A, '"gpt-4o"', line5), 'hardcoded-model', 'routing', 'info'),
      ],
      callSites: [site1, site2],
      errors: [],
    },
    { path: B, language: 'typescript', findings: [], callSites: [site3], errors: [{ path: B, message: 'Partly analysed' }] },
  ];
  const cfg = config({ callSites: { 'src/a.ts:5': { callsPerDay: 200 } } });
  const report: Report = buildReport(results, cfg, { root: ROOT, textOf: (p) => texts[p] });
  const [r1, r2, r3] = report.callSites;

  it('locates call sites and the findings on their lines', () => {
    assert.deepEqual(
      report.callSites.map((s) => [s.path, s.line, s.endLine]),
      [
        ['src/a.ts', 3, 4],
        ['src/a.ts', 5, 5],
        ['src/b.ts', 1, 1],
      ],
    );
    assert.deepEqual(r1.findings, ['missing-timeout', 'hardcoded-model']);
    assert.deepEqual(r2.findings, ['hardcoded-model']);
    assert.deepEqual(r3.findings, []);
  });

  it('computes costs per 1,000 calls and per day with per-site volumes', () => {
    // 1,024 tokens × $2.50/M × 1,000 = $2.56; 1,000 output tokens × $10/M × 1,000 = $10.
    close(r1.costPer1000.input, 2.56, 'r1 input');
    close(r1.costPer1000.output, 10, 'r1 output');
    close(r1.costPer1000.total, 12.56, 'r1 total');
    assert.equal(r1.callsPerDay, 1000);
    close(r1.dailyCost.total, 12.56, 'r1 daily');
    // No max output: output unknown, total = input. 200 calls per day from the config override.
    assert.equal(r2.callsPerDay, 200);
    assert.equal(r2.costPer1000.output, null);
    close(r2.costPer1000.total, 2.5);
    close(r2.dailyCost.total, 0.5, 'r2 daily = $2.50 × 200 / 1,000');
    assert.deepEqual(r3.costPer1000, { input: null, output: null, total: null });
    assert.equal(r3.priceAsOf, null);
  });

  it('judges cache eligibility against the provider minimum and prices the savings', () => {
    const pick = (c: typeof r1.cache) => ({ minimumTokens: c.minimumTokens, eligible: c.eligible, marked: c.marked });
    assert.deepEqual(pick(r1.cache), { minimumTokens: 1024, eligible: true, marked: false });
    assert.deepEqual(pick(r2.cache), { minimumTokens: 1024, eligible: false, marked: false });
    // OpenAI caches an eligible prefix by itself: nothing to change, so no saving; the discount it already gets is
    // (1,000 calls − 24 misses) × 1,024 tokens × ($2.50 − $1.25)/M.
    assert.equal(r1.cache.status, 'cached-automatically');
    assert.equal(r1.savings.cachingPerDay, null);
    close(r1.cache.alreadySavedPerDay, (976 * 1024 * 1.25) / 1e6, 'already cached');
    assert.equal(r2.savings.cachingPerDay, null);
    // gpt-4o → gpt-4o-mini: (1,024 × 2.35 + 1,000 × 9.40) / 1M × 1,000 calls.
    assert.equal(r1.savings.cheaperModel, 'gpt-4o-mini');
    close(r1.savings.routingPerDay, (1024 * 2.35 + 1000 * 9.4) / 1000, 'routing');
    assert.equal(r3.savings.cheaperModel, null);
  });

  it('totals per model, per family and overall', () => {
    close(report.totals.dailyCost.total, 13.06, 'overall');
    close(report.totals.dailyCost.input, 3.06, 'overall input');
    close(report.totals.dailyCost.output, 10, 'overall output');
    const [gpt, acme] = report.totals.perModel;
    assert.equal(gpt.model, 'gpt-4o');
    assert.equal(gpt.callSites, 2);
    assert.equal(gpt.callsPerDay, 1200);
    assert.equal(gpt.staticInputTokens, 2024);
    close(gpt.dailyCost.total, 13.06);
    assert.equal(gpt.unpriced, false);
    assert.equal(acme.model, 'acme-llm');
    assert.equal(acme.unpriced, true);
    assert.equal(acme.dailyCost.total, null);

    const routing = report.totals.perFamily.find((x) => x.family === 'routing')!;
    assert.deepEqual([routing.findings, routing.bySeverity.warning, routing.bySeverity.info, routing.callSites], [3, 1, 2, 2]);
    close(routing.dailyCostOfCallSites, 13.06);
    const resilience = report.totals.perFamily.find((x) => x.family === 'resilience')!;
    assert.deepEqual([resilience.findings, resilience.callSites], [1, 1]);
    close(resilience.dailyCostOfCallSites, 12.56);
    assert.deepEqual(report.totals.perFamily.map((x) => x.family), ['context', 'routing', 'resilience', 'telemetry', 'security']);
  });

  it('lists the prices used with their dates, and the errors', () => {
    assert.deepEqual(report.prices, [
      { model: 'gpt-4o', provider: 'openai', asOf: GPT_4O_AS_OF, source: PRICES['gpt-4o']!.source, inputPerMillion: 2.5, outputPerMillion: 10, cachedInputPerMillion: 1.25, cacheWritePerMillion: null },
    ]);
    assert.deepEqual(report.errors, [{ path: 'src/b.ts', message: 'Partly analysed' }]);
    assert.equal(report.filesScanned, 2);
  });

  it('applies a different default volume', () => {
    const busy = buildReport(results, { ...cfg, callsPerDay: 5000 }, { root: ROOT, textOf: (p) => texts[p] });
    assert.equal(busy.callsPerDay, 5000);
    close(busy.callSites[0].dailyCost.total, 62.8, '$12.56 × 5');
    assert.equal(busy.callSites[1].callsPerDay, 200, 'the per-site override still wins');
  });

  it('renders markdown with call sites, totals and dated prices', () => {
    const md = renderMarkdown(report);
    assert.match(md, /^# LLM token-cost report/);
    assert.match(md, /\*\*\$13\.06 per day\*\*/);
    assert.match(md, /\| `src\/a\.ts:3` \| openai \/ openai \| `gpt-4o` \| 1,024 \| 1,000 \| \$2\.56 \| \$10\.00 \| 1,000 \| \$12\.56 \| eligible \(min 1,024\) \| `missing-timeout`, `hardcoded-model` \|/);
    assert.match(md, /\| `src\/a\.ts:5` \| .* \| 1,000 \| not set \| \$2\.50 \| — \| 200 \| \$0\.50 \|/);
    assert.match(md, /\| `src\/b\.ts:1` \| openai \/ openai \| `acme-llm` \|/);
    assert.match(md, /\| `acme-llm` \(no price\) \|/);
    assert.ok(md.includes(`| \`gpt-4o\` | $2.50 | $10.00 | ${GPT_4O_AS_OF} |`));
    assert.match(md, /## Potential savings/);
    assert.match(md, /\| `src\/b\.ts` \| Partly analysed \|/);
  });

  it('renders JSON without floating-point noise', () => {
    const json = renderJson(report);
    assert.doesNotMatch(json, /\d\.\d*0000000\d/);
    const parsed = JSON.parse(json) as Report;
    assert.equal(parsed.callSites[0].costPer1000.total, 12.56);
    assert.equal(parsed.totals.dailyCost.total, 13.06);
  });
});
