// The report's token counts on the fixture workspace equal tiktoken's (the reference) for OpenAI models, and
// are labelled approximations (o200k_base × the catalogue's factor) for Claude and Gemini.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { APPROXIMATION_FACTORS } from '../../server/src/core/catalog/models';
import { constantText, fixtureReport, freeEncoders, siteAt, tiktokenCount } from './helpers';

after(freeEncoders);

const POLICY = () => constantText('services/api/src/prompts.mjs', 'POLICY');

describe('report token counts against tiktoken', () => {
  it('counts a long constant system prompt exactly (gpt-4o, o200k_base)', async () => {
    const report = await fixtureReport();
    const s = siteAt(report, 'services/api/src/support.mjs', 8);
    assert.equal(s.encoding, 'o200k_base');
    assert.equal(s.tokensExact, true);
    assert.equal(s.staticInputTokens, tiktokenCount(POLICY()));
    assert.ok(s.staticInputTokens > 2048, 'the fixture prompt is long enough for every cache minimum');
    // The whole static input is the cacheable prefix.
    assert.equal(s.cache.prefixTokens, s.staticInputTokens);
  });

  it('counts a template with a volatile value: the static text on each side of the value, the prefix before it', async () => {
    const report = await fixtureReport();
    const s = siteAt(report, 'services/api/src/support.mjs', 21);
    const before = 'Current time: ';
    const after = `.\n${POLICY()}`;
    // The value sent between them keeps their tokens from merging: each side is counted on its own.
    assert.equal(s.staticInputTokens, tiktokenCount(before) + tiktokenCount(after));
    assert.equal(s.cache.prefixTokens, tiktokenCount(before));
    assert.equal(s.cache.staticTokensAfterVolatile, Math.min(tiktokenCount(after), s.staticInputTokens - s.cache.prefixTokens));
  });

  it('counts short literal prompts exactly', async () => {
    const report = await fixtureReport();
    assert.equal(siteAt(report, 'services/worker/src/classify.mjs', 8).staticInputTokens, tiktokenCount('Classify the support ticket into one of: billing, bug, feature, other. Answer with one word.'));
    assert.equal(siteAt(report, 'services/api/src/chat.mjs', 11).staticInputTokens, tiktokenCount('You are a terse assistant.'));
  });

  it('counts cl100k_base models with cl100k_base (gpt-4-0613), including accents, CJK and emoji', async () => {
    const report = await fixtureReport();
    const s = siteAt(report, 'services/worker/src/legacy.mjs', 9);
    assert.equal(s.encoding, 'cl100k_base');
    assert.equal(s.tokensExact, true);
    const style = constantText('services/worker/src/legacy.mjs', 'STYLE');
    assert.equal(s.staticInputTokens, tiktokenCount(style, 'cl100k_base'));
    assert.notEqual(tiktokenCount(style, 'cl100k_base'), tiktokenCount(style, 'o200k_base'), 'the fixture tells the encodings apart');
  });

  it('labels Claude and Gemini counts as approximations from o200k_base × the catalogue factor', async () => {
    const report = await fixtureReport();
    const claude = siteAt(report, 'services/api/src/summarize.mjs', 7);
    assert.equal(claude.tokensExact, false);
    assert.equal(claude.staticInputTokens, Math.ceil(tiktokenCount(POLICY()) * APPROXIMATION_FACTORS.claude.factor));
    const gemini = siteAt(report, 'services/worker/src/other.mjs', 17);
    assert.equal(gemini.tokensExact, false);
    assert.equal(gemini.staticInputTokens, Math.ceil(tiktokenCount('Translate to French: ') * APPROXIMATION_FACTORS.gemini.factor));
  });

  it('keeps hover, check and report counts the same (the check summary is a prefix of the report entry)', async () => {
    const report = await fixtureReport();
    for (const s of report.callSites) assert.equal(typeof s.staticInputTokens, 'number');
    // The markdown and the JSON print the same counts.
    const { renderMarkdown } = await import('../../server/src/core/report');
    const md = renderMarkdown(report);
    assert.ok(md.includes(`| ${tiktokenCount(POLICY()).toLocaleString('en-US')} + dynamic |`), 'markdown shows the exact count');
  });

  it('gives a prefix-below-cache-minimum finding the count the report shows, part by part', async () => {
    const { prefixTokenCount, staticPrefix } = await import('../../server/src/core/static-prefix');
    const system = 'You are a support agent for a storage product. '.repeat(90);
    const site = { prompt: [
      { role: 'system', span: { start: 0, end: 0 }, segments: [{ kind: 'static', text: system, span: { start: 0, end: 0 } }] },
      { role: 'user', span: { start: 0, end: 0 }, segments: [{ kind: 'static', text: 'Hello there.', span: { start: 0, end: 0 } }] },
    ] } as unknown as Parameters<typeof staticPrefix>[0];
    const count = prefixTokenCount(staticPrefix(site, 'all'), 'gpt-4o', 'openai');
    assert.equal(count.tokens, tiktokenCount(system) + tiktokenCount('Hello there.'));
  });
});
