// Cost and savings arithmetic against hand-computed values, including each provider's cached-token semantics.
// Catalogue prices used (USD per 1M tokens): gpt-4o 2.50 in / 1.25 cached / 10 out; gpt-4o-mini 0.15 / 0.60;
// claude-sonnet-4-5 3 in / 0.30 cached read / 3.75 5-minute write / 15 out; claude-haiku-4-5 1 / 5;
// gemini-2.5-flash 0.30 in / 0.03 cached / 2.50 out; gemini-2.5-flash-lite 0.10 / 0.40.
// The fixture's config: 2,000 calls/day, failure rate 5 %, classify.mjs:8 at 50,000 calls/day.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workspaceReport } from '../../server/src/cli/commands/report';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PRICES, USAGE_SEMANTICS } from '../../server/src/core/catalog/models';
import { defaultConfig, type Config } from '../../server/src/core/config';
import { costFromUsage, expectedUsage, ratesFor, usageSemanticsFor } from '../../server/src/core/estimates';
import { buildReport } from '../../server/src/core/report';
import { classifySegment, dynamicParts, prefixLayout } from '../../server/src/core/report-prompt';
import { totalCoverage } from '../../server/src/core/report-format';
import { retrySaving, retrySummary, SAVINGS_ASSUMPTIONS } from '../../server/src/core/report-savings';
import type { LintResult } from '../../server/src/core/engine';
import type { LlmCallSite, PromptPart, RetryLayer, Span } from '../../server/src/core/types';
import { close, constantText, fixtureReport, freeEncoders, siteAt, tiktokenCount } from './helpers';
import { tempDir } from '../helpers/temp-dir';

after(freeEncoders);

const M = 1_000_000;
/** OpenAI caches a prefix in 128-token steps past its 1,024-token minimum (FACTS.md, Prompt_Caching_201). */
const openaiCached = (t: number) => (t < 1024 ? t : 1024 + Math.floor((t - 1024) / 128) * 128);

describe('usage semantics per provider', () => {
  it('records which input counts include cached tokens', () => {
    assert.equal(USAGE_SEMANTICS.openai.inputIncludesCached, true);
    assert.equal(USAGE_SEMANTICS.google.inputIncludesCached, true);
    assert.equal(USAGE_SEMANTICS.anthropic.inputIncludesCached, false);
    for (const u of Object.values(USAGE_SEMANTICS)) assert.match(u.asOf, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(usageSemanticsFor('azure-openai', 'gpt-4o')?.provider, 'openai');
    assert.equal(usageSemanticsFor('openrouter', 'anthropic/claude-sonnet-4-5')?.provider, 'openai', 'an OpenAI-compatible API reports the OpenAI way');
    assert.equal(usageSemanticsFor('bedrock', 'anthropic.claude-sonnet-4-5'), undefined, 'unknown semantics are not guessed');
  });

  it('OpenAI: prompt_tokens 10,000 of which cached_tokens 8,000 bills 2,000 at $2.50 and 8,000 at $1.25', () => {
    const rates = ratesFor('gpt-4o', {})!;
    const cost = costFromUsage({ inputTokens: 10_000, cachedTokens: 8_000, cacheWriteTokens: 0, outputTokens: 500 }, rates, USAGE_SEMANTICS.openai)!;
    assert.equal(cost.uncachedInputTokens, 2_000);
    close(cost.input, (2_000 * 2.5 + 8_000 * 1.25) / M, 'input'); // $0.015
    close(cost.output, (500 * 10) / M, 'output'); // $0.005
    close(cost.total, 0.02, 'total');
  });

  it('Anthropic: input_tokens 2,000 plus cache_read_input_tokens 8,000 bills 2,000 at $3 and 8,000 at $0.30', () => {
    const rates = ratesFor('claude-sonnet-4-5', {})!;
    const read = costFromUsage({ inputTokens: 2_000, cachedTokens: 8_000, cacheWriteTokens: 0, outputTokens: 500 }, rates, USAGE_SEMANTICS.anthropic)!;
    assert.equal(read.uncachedInputTokens, 2_000);
    close(read.input, (2_000 * 3 + 8_000 * 0.3) / M, 'read input'); // $0.0084
    close(read.total, 0.0084 + 0.0075, 'read total');
    const write = costFromUsage({ inputTokens: 2_000, cachedTokens: 0, cacheWriteTokens: 8_000, outputTokens: 0 }, rates, USAGE_SEMANTICS.anthropic)!;
    close(write.input, (2_000 * 3 + 8_000 * 3.75) / M, 'write input'); // $0.036
    // Read with the OpenAI semantics, the same numbers would bill 0 uncached tokens: the semantics matter.
    const wrong = costFromUsage({ inputTokens: 2_000, cachedTokens: 8_000, cacheWriteTokens: 0, outputTokens: 500 }, rates, USAGE_SEMANTICS.openai)!;
    assert.notEqual(wrong.input, read.input);
  });

  it('Gemini: promptTokenCount 10,000 including cachedContentTokenCount 8,000', () => {
    const rates = ratesFor('gemini-2.5-flash', {})!;
    const cost = costFromUsage({ inputTokens: 10_000, cachedTokens: 8_000, cacheWriteTokens: 0, outputTokens: 100 }, rates, USAGE_SEMANTICS.google)!;
    close(cost.input, (2_000 * 0.3 + 8_000 * 0.03) / M, 'input'); // $0.00084
    close(cost.total, 0.00084 + 0.00025, 'total');
  });

  it('reports the same cached call differently per provider', () => {
    assert.deepEqual(expectedUsage(USAGE_SEMANTICS.openai, 10_000, 8_000, 50), { inputTokens: 10_000, cachedTokens: 8_000, cacheWriteTokens: 0, outputTokens: 50 });
    assert.deepEqual(expectedUsage(USAGE_SEMANTICS.anthropic, 10_000, 8_000, 50), { inputTokens: 2_000, cachedTokens: 8_000, cacheWriteTokens: 0, outputTokens: 50 });
    assert.deepEqual(expectedUsage(USAGE_SEMANTICS.anthropic, 10_000, 8_000, 50, true), { inputTokens: 2_000, cachedTokens: 0, cacheWriteTokens: 8_000, outputTokens: 50 });
    assert.deepEqual(expectedUsage(USAGE_SEMANTICS.google, 10_000, 8_000, 50, true), { inputTokens: 10_000, cachedTokens: 0, cacheWriteTokens: 0, outputTokens: 50 });
    // Either way the bill for a cache hit is the same.
    const openai = ratesFor('gpt-4o', {})!;
    const a = costFromUsage(expectedUsage(USAGE_SEMANTICS.openai, 10_000, 8_000, 0), openai, USAGE_SEMANTICS.openai)!;
    const b = costFromUsage(expectedUsage(USAGE_SEMANTICS.anthropic, 10_000, 8_000, 0), openai, USAGE_SEMANTICS.anthropic)!;
    close(a.input, b.input, 'same bill');
  });

  it('does not price cached tokens when a configured price has no cached-input price', () => {
    const rates = ratesFor('gpt-4o', { 'gpt-4o': { input: 5, output: 20 } })!;
    assert.equal(rates.cachedInput, null);
    assert.equal(rates.source, 'config override');
    assert.equal(costFromUsage({ inputTokens: 10, cachedTokens: 5, cacheWriteTokens: 0, outputTokens: 0 }, rates, USAGE_SEMANTICS.openai), undefined);
    const withCached = ratesFor('gpt-4o', { 'gpt-4o': { input: 5, output: 20, cachedInput: 1 } })!;
    close(costFromUsage({ inputTokens: 10_000, cachedTokens: 8_000, cacheWriteTokens: 0, outputTokens: 0 }, withCached, USAGE_SEMANTICS.openai)!.input, (2_000 * 5 + 8_000 * 1) / M);
  });
});

describe('the fixture report, by hand', () => {
  const W = SAVINGS_ASSUMPTIONS.cacheWritesPerDay; // 24 writes or misses a day
  const policy = () => tiktokenCount(constantText('services/api/src/prompts.mjs', 'POLICY'));

  it('a LlamaIndex engine run builds its prompt from retrieved text: its cache eligibility is unknown (audit 202)', async () => {
    const dir = tempDir('llm-infra-lint-engine-');
    try {
      fs.writeFileSync(
        path.join(dir, 'rag.py'),
        'from llama_index.core import Settings, SimpleDirectoryReader, VectorStoreIndex\nfrom llama_index.llms.openai import OpenAI\n\nSettings.llm = OpenAI(model="gpt-4o")\nindex = VectorStoreIndex.from_documents(SimpleDirectoryReader("data").load_data())\nprint(index.as_query_engine().query("What changed?"))\n',
      );
      const r = await workspaceReport([], undefined, { cwd: dir, stderr: { write: () => true } }, {});
      if (typeof r === 'number') throw new Error(`report failed with exit code ${r}`);
      const s = siteAt(r, 'rag.py', 6);
      assert.deepEqual([s.sdk, s.model, s.cache.minimumTokens, s.cache.eligible], ['llamaindex', 'gpt-4o', null, null]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads calls per day and the failure rate from the config, with the per-site override', async () => {
    const r = await fixtureReport();
    assert.equal(r.callsPerDay, 2000);
    assert.equal(r.failureRate, 0.05);
    assert.equal(siteAt(r, 'services/worker/src/classify.mjs', 8).callsPerDay, 50_000);
    assert.equal(siteAt(r, 'services/api/src/support.mjs', 8).callsPerDay, 2000);
  });

  it('prices gpt-4o per 1,000 calls and per day at list prices (no cache)', async () => {
    const s = siteAt(await fixtureReport(), 'services/api/src/support.mjs', 8);
    const t = policy();
    close(s.costPer1000.input, (t * 2.5 * 1000) / M, 'input per 1k');
    close(s.costPer1000.output, (800 * 10 * 1000) / M, 'output per 1k'); // $8
    close(s.dailyCost.total, ((t * 2.5 + 800 * 10) * 2000) / M, 'per day');
    assert.equal(s.priceAsOf, PRICES['gpt-4o']!.asOf);
    assert.equal(s.usageSemantics, 'openai');
  });

  it('an OpenAI prefix over the minimum is cached automatically: no saving, the discount noted', async () => {
    const s = siteAt(await fixtureReport(), 'services/api/src/support.mjs', 8);
    assert.equal(s.cache.status, 'cached-automatically');
    assert.equal(s.cache.automatic, true);
    assert.equal(s.cache.minimumTokens, 1024);
    assert.equal(s.cache.eligible, true);
    assert.equal(s.savings.cachingPerDay, null);
    // (2,000 − 24) hits × t × ($2.50 − $1.25); misses cost the list price, so no write premium. A hit covers the prefix
    // in 128-token steps past the 1,024 minimum.
    close(s.cache.alreadySavedPerDay, ((2000 - W) * openaiCached(policy()) * 1.25) / M, 'already saved');
  });

  it('a timestamp ahead of the policy: moving it saves the prefix at the cached price', async () => {
    const r = await fixtureReport();
    const s = siteAt(r, 'services/api/src/support.mjs', 21);
    assert.equal(s.cache.status, 'volatile-prefix');
    assert.equal(s.cache.volatileBeforeStatic, true);
    assert.deepEqual(s.cache.breaksAt, { kind: 'volatile', expression: 'new Date().toISOString()', line: 25 });
    const movable = openaiCached(s.cache.prefixTokens + s.cache.staticTokensAfterVolatile);
    close(s.savings.cachingPerDay, ((2000 - W) * movable * 1.25) / M, 'caching');
    const item = r.savings.find((v) => v.kind === 'caching' && v.line === 21)!;
    assert.match(item.title, /^Move `new Date\(\)\.toISOString\(\)` \(line 25\) after the static prompt/);
    assert.equal(item.arithmetic, `${movable.toLocaleString('en-US')} tokens × 1,976 hits × ($2.50 − $1.25) / 1M = $${(((2000 - W) * movable * 1.25) / M).toFixed(2)}/day (24 misses a day at full price)`);
    assert.deepEqual(item.usage?.fields, { prompt_tokens: s.staticInputTokens, 'prompt_tokens_details.cached_tokens': movable });
  });

  it('Anthropic without cache_control: saving = prefix × (hits × (in − read) − writes × (write − in))', async () => {
    const r = await fixtureReport();
    const s = siteAt(r, 'services/api/src/summarize.mjs', 7);
    const t = s.staticInputTokens;
    assert.equal(s.cache.status, 'needs-marker');
    assert.equal(s.cache.automatic, false);
    const expected = (t * ((2000 - W) * (3 - 0.3) - W * (3.75 - 3))) / M;
    close(s.savings.cachingPerDay, expected, 'caching');
    const item = r.savings.find((v) => v.kind === 'caching' && v.path.endsWith('summarize.mjs'))!;
    assert.equal(item.arithmetic, `≈${t.toLocaleString('en-US')} tokens × (1,976 hits × ($3.00 − $0.30) − 24 writes × ($3.75 − $3.00)) / 1M = $${expected.toFixed(2)}/day`);
    // A cached call reports input_tokens without the cached part (Anthropic semantics).
    assert.deepEqual(item.usage?.fields, { input_tokens: 0, cache_read_input_tokens: t, cache_creation_input_tokens: 0 });
    assert.match(item.usage!.semantics, /excludes/);
  });

  it('Anthropic with cache_control: already cached, same arithmetic as the discount it gets', async () => {
    const s = siteAt(await fixtureReport(), 'services/api/src/summarize.mjs', 17);
    assert.equal(s.cache.status, 'cached-marked');
    assert.equal(s.cache.marked, true);
    assert.equal(s.savings.cachingPerDay, null);
    close(s.cache.alreadySavedPerDay, (s.staticInputTokens * ((2000 - W) * 2.7 - W * 0.75)) / M);
  });

  it('routes a small-output classification call to the cheaper model of its family', async () => {
    const r = await fixtureReport();
    const s = siteAt(r, 'services/worker/src/classify.mjs', 8);
    const t = s.staticInputTokens;
    assert.equal(s.savings.cheaperModel, 'gpt-4o-mini');
    assert.equal(s.savings.routingSuggested, true);
    assert.equal(s.savings.routingReason, 'max output 5 tokens ≤ 512');
    // 50,000 calls × (t × ($2.50 − $0.15) + 5 × ($10 − $0.60)) / 1M
    close(s.savings.routingPerDay, (50_000 * (t * 2.35 + 5 * 9.4)) / M, 'routing');
    assert.ok(r.savings.some((v) => v.kind === 'routing' && v.line === 8 && v.title === 'Route to gpt-4o-mini (max output 5 tokens ≤ 512)'));
  });

  it('does not suggest routing long open-ended calls, but still says what the cheaper model would save', async () => {
    const r = await fixtureReport();
    const s = siteAt(r, 'services/api/src/summarize.mjs', 7);
    assert.equal(s.savings.cheaperModel, 'claude-haiku-4-5');
    assert.equal(s.savings.routingSuggested, false);
    close(s.savings.routingPerDay, (2000 * (s.staticInputTokens * (3 - 1) + 1024 * (15 - 5))) / M);
    assert.ok(!r.savings.some((v) => v.kind === 'routing' && v.path.endsWith('summarize.mjs')));
  });

  it('routes Gemini Flash with a small max output to Flash-Lite', async () => {
    const s = siteAt(await fixtureReport(), 'services/worker/src/other.mjs', 17);
    assert.equal(s.usageSemantics, 'google');
    assert.equal(s.savings.cheaperModel, 'gemini-2.5-flash-lite');
    close(s.savings.routingPerDay, (2000 * (s.staticInputTokens * (0.3 - 0.1) + 256 * (2.5 - 0.4))) / M);
  });

  it('prices retry amplification: calls × failure rate × (worst − owner) extra attempts, each a full call', async () => {
    const r = await fixtureReport();
    const s = siteAt(r, 'services/worker/src/classify.mjs', 8);
    assert.equal(s.retry.chain, 'loop 4 × SDK 3');
    assert.equal(s.retry.worstCase, 12);
    assert.equal(s.retry.amplified, true);
    assert.equal(s.retry.ownerAttempts, 4);
    const perCall = (s.staticInputTokens * 2.5 + 5 * 10) / M;
    assert.equal(s.savings.extraAttemptsPerDay, 50_000 * 0.05 * (12 - 4)); // 20,000
    close(s.savings.retryPerDay, 20_000 * perCall, 'retry saving');
    close(s.retry.expectedRetrySpendPerDay, 50_000 * 0.05 * 11 * perCall, 'retry spend now');
    const item = r.savings.find((v) => v.kind === 'retry')!;
    assert.match(item.arithmetic, /^50,000 calls × 5 % failing × \(12 − 4\) attempts = 20,000 extra attempts\/day × \$\d/);
    // A layer with 1 attempt is not a retry: one-layer sites are not amplified.
    assert.equal(siteAt(r, 'services/worker/src/legacy.mjs', 9).retry.amplified, false);
    assert.equal(siteAt(r, 'services/worker/src/legacy.mjs', 9).savings.retryPerDay, null);
  });

  it('leaves unknown models unpriced and never prices them as another', async () => {
    const r = await fixtureReport();
    const s = siteAt(r, 'services/worker/src/other.mjs', 8);
    assert.equal(s.model, 'acme-llm-7b');
    assert.deepEqual(s.costPer1000, { input: null, output: null, total: null });
    assert.equal(s.priceAsOf, null);
    assert.equal(s.cache.status, 'unknown');
    assert.ok(!r.prices.some((p) => p.model === 'acme-llm-7b'));
    const total = r.totals.perModel.find((m) => m.model === 'acme-llm-7b')!;
    assert.equal(total.unpriced, true);
    assert.equal(r.totals.perService.find((g) => g.name === 'services/worker')!.unpriced, true);
  });

  it('totals per model, file, service and overall add up; top costs and savings are the largest three', async () => {
    const r = await fixtureReport();
    const sum = (xs: Array<number | null>) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);
    close(r.totals.dailyCost.total, sum(r.callSites.map((s) => s.dailyCost.total)), 'overall');
    close(sum(r.totals.perModel.map((m) => m.dailyCost.total)), r.totals.dailyCost.total!, 'per model');
    close(sum(r.totals.perFile.map((m) => m.dailyCost.total)), r.totals.dailyCost.total!, 'per file');
    close(sum(r.totals.perService.map((m) => m.dailyCost.total)), r.totals.dailyCost.total!, 'per service');
    assert.deepEqual(r.totals.perService.map((g) => [g.name, g.files, g.callSites]), [['services/api', 3, 6], ['services/worker', 3, 4]]);
    assert.equal(r.totals.perFile.find((f) => f.name === 'services/api/src/chat.mjs')!.service, 'services/api');
    const byCost = [...r.callSites].filter((s) => s.dailyCost.total).sort((a, b) => b.dailyCost.total! - a.dailyCost.total!);
    assert.deepEqual(r.summary.topCosts.map((c) => c.perDay), byCost.slice(0, 3).map((s) => s.dailyCost.total));
    close(r.summary.topCosts[0].share, byCost[0].dailyCost.total! / r.totals.dailyCost.total!, 'share');
    assert.deepEqual(r.summary.topSavings, r.savings.slice(0, 3));
    for (let i = 1; i < r.savings.length; i++) assert.ok((r.savings[i - 1].perDay ?? -1) >= (r.savings[i].perDay ?? -1), 'savings are sorted');
    close(r.totals.savingsPerDay.caching, sum(r.savings.filter((v) => v.kind === 'caching').map((v) => v.perDay)), 'caching total');
    // Per call: caching and routing are alternatives (the larger counts), retries add, and never more than the call costs.
    const perSite = r.callSites.map((c) => {
      const at = (kind: string) => sum(r.savings.filter((v) => v.path === c.path && v.line === c.line && v.kind === kind).map((v) => v.perDay));
      return Math.min(Math.max(at('caching'), at('routing')) + at('retry'), (c.dailyCost.total ?? Infinity) + (c.retry.expectedRetrySpendPerDay ?? 0));
    });
    close(r.totals.savingsPerDay.total, sum(perSite), 'savings total');
    close(r.totals.retrySpendPerDay, sum(r.callSites.map((s) => s.retry.expectedRetrySpendPerDay)), 'retry spend');
  });

  it('lists each price with its date, cache prices and the usage semantics of the providers in the report', async () => {
    const r = await fixtureReport();
    const gpt = r.prices.find((p) => p.model === 'gpt-4o')!;
    assert.deepEqual([gpt.provider, gpt.inputPerMillion, gpt.cachedInputPerMillion, gpt.cacheWritePerMillion, gpt.outputPerMillion, gpt.asOf], ['openai', 2.5, 1.25, null, 10, PRICES['gpt-4o']!.asOf]);
    const sonnet = r.prices.find((p) => p.model === 'claude-sonnet-4-5')!;
    assert.deepEqual([sonnet.cachedInputPerMillion, sonnet.cacheWritePerMillion], [0.3, 3.75]);
    for (const p of r.prices) assert.match(p.asOf ?? '', /^\d{4}-\d{2}-\d{2}$/, p.model);
    assert.deepEqual(r.usageSemantics.map((u) => [u.provider, u.inputIncludesCached]), [['anthropic', false], ['google', true], ['openai', true]]);
  });

  it('flags history unbounded or bounded by the code, with the bound', async () => {
    const r = await fixtureReport();
    const unbounded = siteAt(r, 'services/api/src/chat.mjs', 11).dynamicParts.find((d) => d.kind === 'history')!;
    assert.deepEqual(unbounded.bound, { bounded: false, limit: null, description: 'no limit in prisma.message.findMany' });
    const bounded = siteAt(r, 'services/api/src/chat.mjs', 28).dynamicParts.find((d) => d.kind === 'history')!;
    assert.deepEqual(bounded.bound, { bounded: true, limit: 20, description: '20 messages (prisma.message.findMany)' });
    const user = siteAt(r, 'services/api/src/chat.mjs', 28).dynamicParts.find((d) => d.kind === 'user-input')!;
    assert.equal(user.expression, 'message');
    assert.equal(user.bound.bounded, false);
  });

  it('--calls-per-day replaces the default but not the per-site override', async () => {
    const r = await fixtureReport(100);
    assert.equal(siteAt(r, 'services/api/src/support.mjs', 8).callsPerDay, 100);
    assert.equal(siteAt(r, 'services/worker/src/classify.mjs', 8).callsPerDay, 50_000);
  });
});

describe('building blocks', () => {
  const NO: Span = { start: 0, end: 0 };
  const part = (role: PromptPart['role'], ...segs: Array<string | [string, 'time' | 'per-request', ('history' | 'retrieval')?]>): PromptPart => ({
    role,
    span: NO,
    segments: segs.map((s) => (typeof s === 'string' ? { kind: 'static' as const, text: s, span: NO } : { kind: 'dynamic' as const, text: s[0], span: NO, volatility: s[1], ...(s[2] ? { origin: s[2] } : {}) })),
  });
  const site = (prompt: PromptPart[], over: Partial<LlmCallSite> = {}): LlmCallSite => ({
    id: 'x', path: '/w/a.ts', language: 'typescript', span: NO, nameSpan: NO, provider: 'openai', sdk: 'openai', method: 'chat.completions.create',
    model: { value: 'gpt-4o', literal: true }, streaming: false, args: { span: null, options: {}, hasSpread: false, callArgsSpan: NO },
    prompt, maxOutputTokens: null, client: null, enclosingFunction: null, retries: [], inSpan: false, usage: 'unknown', ...over,
  });

  it('classifies dynamic parts by kind and reads bounds written into the expression', () => {
    const s = site([
      part('system', 'Answer from the documents.', ['docs.slice(0, 5).join("\\n")', 'per-request']),
      part('unknown', ['messages.slice(-20)', 'per-request', 'history']),
      part('user', ['req.body.question', 'per-request']),
      part('user', ['retrievedChunks', 'per-request']),
    ]);
    const parts = dynamicParts(s, undefined, () => 3);
    assert.deepEqual(parts.map((p) => [p.kind, p.bound.bounded, p.bound.limit]), [
      ['retrieval', true, 5],
      ['history', true, 20],
      ['user-input', false, null],
      ['retrieval', false, null],
    ]);
    assert.equal(classifySegment({ kind: 'dynamic', text: 'Date.now()', span: NO, volatility: 'time' }, 'system', false), 'volatile');
    assert.equal(classifySegment({ kind: 'dynamic', text: 'systemPrompt', span: NO, volatility: 'per-request' }, 'system', true), 'loaded-prompt');
    assert.equal(classifySegment({ kind: 'dynamic', text: 'systemPrompt', span: NO, volatility: 'per-request' }, 'system', false), 'user-input');
  });

  it('a loaded prompt does not end the cacheable prefix; user input does', () => {
    const s = site([part('system', 'A'.repeat(50), ['systemPrompt', 'per-request'], ' tail'), part('user', ['question', 'per-request'])]);
    const layout = prefixLayout(s, ['loaded-prompt', 'user-input'], () => 1);
    assert.equal(layout.prefixHasUnknown, true);
    assert.equal(layout.prefixTokens, tiktokenCount('A'.repeat(50) + ' tail'));
    assert.deepEqual(layout.breaksAt, { kind: 'user-input', expression: 'question', line: 1 });
    assert.equal(layout.volatileBeforeStatic, false);
  });

  /** The report of a workspace of one `triage.ts` whose long static system prompt is sent by `call`. */
  async function triageReport(head: string, call: string, read: string) {
    const dir = tempDir('llm-infra-lint-triage-');
    try {
      const system = 'You triage support tickets for Acme Cloud Storage. Pick one queue, rate urgency and explain briefly. '.repeat(90);
      fs.writeFileSync(path.join(dir, 'triage.ts'), `${head}\nconst SYSTEM = ${JSON.stringify(system)};\nexport async function triage(ticket: string) {\n  const r = await ${call};\n  console.log(r.usage);\n  return ${read};\n}\n`);
      const r = await workspaceReport([], undefined, { cwd: dir, stderr: { write: () => true } }, {});
      if (typeof r === 'number') throw new Error(`report failed with exit code ${r}`);
      return r;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('does not add a caching and a routing saving of the same call: together they would exceed its cost', async () => {
    const r = await triageReport(
      "import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic({ timeout: 60_000 });",
      "client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 200, system: SYSTEM, messages: [{ role: 'user', content: ticket }] })",
      'r.content',
    );
    const caching = r.savings.find((v) => v.kind === 'caching')!.perDay!;
    const routing = r.savings.find((v) => v.kind === 'routing')!.perDay!;
    assert.ok(caching > 0 && routing > 0, 'both savings are offered');
    close(r.totals.savingsPerDay.total, Math.max(caching, routing), 'the larger of the two');
    assert.ok(r.totals.savingsPerDay.total! <= r.totals.dailyCost.total!, 'no more than the call costs');
  });

  it('prices the cache writes of an Anthropic model behind OpenRouter, whose usage reports none, as its arithmetic says', async () => {
    const r = await triageReport(
      "import OpenAI from 'openai';\nconst client = new OpenAI({ baseURL: 'https://openrouter.ai/api/v1', timeout: 60_000 });",
      "client.chat.completions.create({ model: 'anthropic/claude-sonnet-4.5', max_tokens: 2000, messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: ticket }] })",
      'r.choices[0].message.content',
    );
    const item = r.savings.find((v) => v.kind === 'caching')!;
    const m = /^≈?([\d,]+) tokens × \(([\d,]+) hits × \(\$([\d.]+) − \$([\d.]+)\) − ([\d,]+) writes × \(\$([\d.]+) − \$([\d.]+)\)\) \/ 1M/.exec(item.arithmetic);
    assert.ok(m, item.arithmetic);
    const [tokens, hits, input, cached, writes, write, input2] = m!.slice(1).map((x) => Number(x.replace(/,/g, '')));
    close(item.perDay, (tokens * (hits * (input - cached) - writes * (write - input2))) / M, 'the amount is the printed formula');
  });

  it('a call with nothing known to price counts its extra attempts but prices them at nothing, not $0', async () => {
    const dir = tempDir('llm-infra-lint-unpriced-');
    try {
      fs.writeFileSync(
        path.join(dir, 'ask.ts'),
        "import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\nexport async function ask(q: string) {\n  for (let i = 0; i < 4; i++) {\n    try {\n      return await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n    } catch (err) {\n      console.warn(err);\n    }\n  }\n}\n",
      );
      const r = await workspaceReport([], undefined, { cwd: dir, stderr: { write: () => true } }, {});
      if (typeof r === 'number') throw new Error(`report failed with exit code ${r}`);
      const s = siteAt(r, 'ask.ts', 6);
      assert.equal(s.staticInputTokens, 0);
      assert.equal(s.retry.chain, 'loop 4 × SDK 3');
      assert.equal(s.retry.expectedRetrySpendPerDay, null);
      const item = r.savings.find((v) => v.kind === 'retry')!;
      assert.equal(item.perDay, null);
      assert.match(item.arithmetic, /= 160 extra attempts\/day; not priced \(the prompt is built at run time and no output maximum is set/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unbounded layer makes the retry saving unpriced but named', () => {
    const layers: RetryLayer[] = [
      { kind: 'loop', label: 'loop', attempts: null, source: 'explicit' },
      { kind: 'sdk', label: 'SDK', attempts: 3, source: 'default' },
    ];
    const summary = retrySummary(layers, () => ({}));
    assert.equal(summary.worstCase, null);
    assert.equal(summary.chain, 'loop ∞ × SDK 3');
    const item = retrySaving(summary, 0.01, 1000, 0.02)!;
    assert.equal(item.perDay, null);
    assert.match(item.arithmetic, /unbounded/);
  });

  it('an override without a cached price leaves the caching saving unpriced, with the reason', () => {
    const long = 'word '.repeat(3000);
    const cs = site([part('system', ['new Date().toISOString()', 'time'], long), part('user', ['q', 'per-request'])]);
    const results: LintResult[] = [{ path: '/w/a.ts', language: 'typescript', findings: [], callSites: [cs], errors: [] }];
    const config: Config = { ...defaultConfig(), prices: { 'gpt-4o': { input: 5, output: 20 } } };
    const r = buildReport(results, config, { root: '/w', textOf: () => 'x', serviceOf: () => '.' });
    const s = r.callSites[0];
    assert.equal(s.cache.status, 'volatile-prefix');
    assert.equal(s.savings.cachingPerDay, null);
    const item = r.savings.find((v) => v.kind === 'caching')!;
    assert.equal(item.perDay, null);
    assert.match(item.arithmetic, /cached-input price is unknown/);
    assert.equal(r.prices[0].source, 'config override');
    assert.equal(r.prices[0].cachedInputPerMillion, null);
  });
});

describe('the headline total says what it leaves out', () => {
  it('names unpriced call sites and sites without an output maximum', () => {
    const site = (model: string | null, total: number | null, maxOutputTokens: number | null) => ({ model, costPer1000: { total }, maxOutputTokens });
    assert.equal(totalCoverage([site('gpt-4o-mini', 0.06, 100)]), null);
    assert.equal(
      totalCoverage([site('gpt-4o-mini', 0.06, 100), site('gpt-3.5-turbo', null, 4000), site('gpt-4.1', 0, null)]),
      '1 call site left out, without a price (gpt-3.5-turbo); 1 call site without an output maximum, whose output is not counted',
    );
  });
});
