// The HTML report: well-formed, self-contained (no network), with its charts, sortable table and both colour
// schemes; escapes whatever the code under analysis contains. The Chromium checks run only when
// /usr/bin/chromium (or $CHROMIUM) exists.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { defaultConfig } from '../../server/src/core/config';
import type { LintResult } from '../../server/src/core/engine';
import { buildReport, type Report } from '../../server/src/core/report';
import { barChart, renderHtml } from '../../server/src/core/report-html';
import type { LlmCallSite, Span } from '../../server/src/core/types';
import { webviewPage } from '../../client/src/report-webview/page';
import { webviewInBrowser } from '../../scripts/screenshot-report';
import { CHROMIUM, CHROMIUM_ARGS, fixtureReport, HAS_CHROMIUM } from './helpers';

// Browser globals inside page.evaluate callbacks (the project's tsconfig has no DOM lib).
declare const document: { body: unknown; getElementById(id: string): { textContent: string | null } | null };
declare const window: { postMessage(message: unknown, origin: string): void; __posted?: unknown };
declare function getComputedStyle(element: unknown): { backgroundColor: string };

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style']);

/**
 * Checks that HTML is well-formed the strict way: every non-void element is closed in order, attributes are
 * quoted, no stray `<` or unescaped `&` in text, script and style bodies closed. Returns the element names seen.
 */
export function checkWellFormed(html: string): Map<string, number> {
  const seen = new Map<string, number>();
  const stack: string[] = [];
  let i = 0;
  const fail = (msg: string) => assert.fail(`${msg} at ${i}: …${html.slice(Math.max(0, i - 80), i + 80)}…`);
  const text = (s: string) => {
    if (s.includes('<')) fail('stray <');
    const amp = /&(?!(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)/.exec(s);
    if (amp) fail('unescaped &');
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i);
      if (end === -1) fail('unclosed comment');
      i = end + 3;
      continue;
    }
    if (/^<!DOCTYPE html>/i.test(html.slice(i, i + 15))) {
      i += 15;
      continue;
    }
    const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<]*")?)*)\s*(\/?)>/.exec(html.slice(i));
    if (!tag) fail('malformed tag');
    const [whole, closing, rawName, , selfClose] = tag!;
    const name = rawName.toLowerCase();
    i += whole.length;
    if (closing) {
      const open = stack.pop();
      if (open !== name) fail(`</${name}> closes <${open}>`);
      continue;
    }
    seen.set(name, (seen.get(name) ?? 0) + 1);
    if (VOID.has(name) || selfClose) continue;
    if (RAW_TEXT.has(name)) {
      const end = html.indexOf(`</${name}>`, i);
      if (end === -1) fail(`unclosed <${name}>`);
      i = end + name.length + 3;
      continue;
    }
    stack.push(name);
  }
  assert.deepEqual(stack, [], 'every element is closed');
  return seen;
}

/** Every src= / href= / url( / @import in the document: none may leave the file. */
function externalReferences(html: string): string[] {
  const refs: string[] = [];
  for (const m of html.matchAll(/\b(?:src|href|action|xlink:href)\s*=\s*"([^"]*)"/gi)) if (!/^#/.test(m[1]) && !/^data:/.test(m[1])) refs.push(m[0]);
  for (const m of html.matchAll(/url\(\s*['"]?(?!data:|#)[^)]*\)|@import/gi)) refs.push(m[0]);
  return refs;
}

const NO: Span = { start: 0, end: 0 };

/** A report whose paths, model names and findings carry markup and quotes. */
function hostileReport(): Report {
  const path = '/w/src/<img src=x onerror=alert(1)>&"q".ts';
  const site: LlmCallSite = {
    id: 'x', path, language: 'typescript', span: NO, nameSpan: NO, provider: 'openai', sdk: 'openai', method: 'chat.completions.create',
    model: { value: 'gpt-4o"><script>alert(1)</script>', literal: true }, streaming: false,
    args: { span: null, options: {}, hasSpread: false, callArgsSpan: NO },
    prompt: [{ role: 'user', span: NO, segments: [{ kind: 'dynamic', text: '`${a}` </script><b>&amp;', span: NO, volatility: 'per-request' }] }],
    maxOutputTokens: 10, client: null, enclosingFunction: { name: '<x>', span: NO, requestPath: 'a & b' }, retries: [], inSpan: false, usage: 'unknown',
  };
  const results: LintResult[] = [
    {
      path, language: 'typescript', callSites: [site],
      findings: [{ ruleId: 'usage-discarded', family: 'telemetry', severity: 'warning', path, span: NO, message: 'usage `</td><td>` & "quotes"' }],
      errors: [{ path: '/w/<bad>.ts', message: 'Cannot read: <EACCES> & more' }],
    },
  ];
  return buildReport(results, { ...defaultConfig(), prices: { 'gpt-4o"><script>alert(1)</script>': { input: 1, output: 2 } } }, { root: '/w', textOf: () => 'x', serviceOf: () => '<svc>' });
}

describe('HTML report (static checks)', () => {
  it('is well-formed and contains the summary, both charts and the sortable table', async () => {
    const report = await fixtureReport();
    const html = renderHtml(report);
    const seen = checkWellFormed(html);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok((seen.get('svg') ?? 0) >= 2);
    assert.match(html, /<svg id="chart-model" class="chart"[^>]*role="img"/);
    assert.match(html, /<svg id="chart-file" class="chart"/);
    // One bar per model and per file.
    const bars = (id: string) => (html.split(`<svg id="${id}"`)[1].split('</svg>')[0].match(/<rect class="bar bar-/g) ?? []).length;
    assert.equal(bars('chart-model'), report.totals.perModel.length);
    assert.equal(bars('chart-file'), report.totals.perFile.length);
    assert.match(html, /<h2>Top costs<\/h2>/);
    assert.match(html, /<h2>Top savings<\/h2>/);
    assert.match(html, /<table id="call-sites" class="sortable sites">/);
    assert.equal((html.match(/<tr class="site-row"/g) ?? []).length, report.callSites.length);
    for (const s of report.callSites) assert.ok(html.includes(`data-path="${s.path}" data-line="${s.line}"`), `${s.path}:${s.line}`);
    for (const p of report.prices) assert.ok(html.includes(p.asOf!), 'prices carry their date');
    for (const v of report.savings) assert.ok(html.includes(v.arithmetic.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')), 'arithmetic shown');
  });

  it('loads nothing from the network and says so in its CSP', async () => {
    const html = renderHtml(await fixtureReport());
    assert.deepEqual(externalReferences(html), []);
    assert.doesNotMatch(html, /<script[^>]+src=/i);
    assert.doesNotMatch(html, /<link\b/i);
    assert.doesNotMatch(html, /https?:\/\/(?!www\.w3\.org)/, 'no URL at all, except SVG namespaces');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
  });

  it('has light and dark colours from prefers-color-scheme', async () => {
    const html = renderHtml(await fixtureReport());
    assert.match(html, /color-scheme: light dark/);
    assert.match(html, /@media \(prefers-color-scheme: dark\)/);
  });

  it('escapes paths, model names, expressions and messages from the analysed code', () => {
    const html = renderHtml(hostileReport());
    checkWellFormed(html);
    assert.doesNotMatch(html, /<script>alert|<img src=x|<b>&amp;|<\/td><td>` &/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;&amp;&quot;q&quot;\.ts/);
    assert.deepEqual(externalReferences(html), []);
  });

  it('draws a bar chart with the largest value spanning the bar area and sums rows past ten', () => {
    const rows = Array.from({ length: 14 }, (_, i) => ({ label: `m${i}`, full: `model ${i}`, value: 2 ** (14 - i) }));
    const svg = barChart('c', 'Cost', rows);
    checkWellFormed(svg);
    const widths = [...svg.matchAll(/<rect class="bar bar-\d" [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.equal(widths.length, 10);
    assert.equal(widths[0], 640 - 210 - 96);
    assert.match(svg, /5 others/);
    assert.match(barChart('d', 'Empty', [{ label: 'x', full: 'x', value: null, note: 'no price' }]), /no price/);
  });

  it('renders the webview page with a nonce CSP, theme variables and no network either', async () => {
    const html = webviewPage(await fixtureReport(), { nonce: 'abc123', cspSource: 'https://*.vscode-cdn.net' });
    checkWellFormed(html);
    assert.match(html, /script-src 'nonce-abc123'|script-src &#39;nonce-abc123&#39;/);
    assert.equal((html.match(/<script nonce="abc123">/g) ?? []).length, 2);
    assert.doesNotMatch(html, /<script>(?!\s*$)/, 'every script carries the nonce');
    assert.match(html, /var\(--vscode-editor-background\)/);
    assert.doesNotMatch(html, /prefers-color-scheme/, 'the webview follows the editor theme, not the OS');
    assert.deepEqual(externalReferences(html), []);
  });
});

describe('HTML report in Chromium', { skip: HAS_CHROMIUM ? false : `no Chromium at ${CHROMIUM}` }, () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  before(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === 'about:blank' || url.startsWith('data:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });
  after(async () => {
    await browser?.close();
  });

  it('loads without network requests or errors, and sorts the table on a header click', async () => {
    const report = await fixtureReport();
    await page.setContent(renderHtml(report), { waitUntil: 'load' });
    assert.equal(await page.locator('svg#chart-model rect.bar').count(), report.totals.perModel.length);
    await page.click('#call-sites th:nth-child(7) button'); // $ / day
    const values = await page.$$eval('#call-sites tbody tr td:nth-child(7)', (tds) => tds.map((td) => Number(td.getAttribute('data-v'))));
    assert.deepEqual(values, [...values].sort((a, b) => b - a), 'descending after the first click');
    assert.equal(await page.getAttribute('#call-sites th:nth-child(7)', 'aria-sort'), 'descending');
    await page.click('#call-sites th:nth-child(7) button');
    const again = await page.$$eval('#call-sites tbody tr td:nth-child(7)', (tds) => tds.map((td) => Number(td.getAttribute('data-v'))));
    assert.deepEqual(again, [...again].sort((a, b) => a - b), 'ascending after the second');
    assert.deepEqual(requests, []);
    assert.deepEqual(errors, []);
  });

  it('switches colours with prefers-color-scheme', async () => {
    const html = renderHtml(await fixtureReport());
    const background = async (scheme: 'light' | 'dark') => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setContent(html, { waitUntil: 'load' });
      return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    };
    assert.equal(await background('light'), 'rgb(255, 255, 255)');
    assert.equal(await background('dark'), 'rgb(13, 17, 23)');
  });

  it('opens a call site from the webview: a row click posts { type: "open", path, line }', async () => {
    const report = await fixtureReport();
    await page.setContent(webviewInBrowser(report, 'dark'), { waitUntil: 'load' });
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(31, 31, 31)', 'VS Code dark editor background');
    const first = report.callSites[0];
    await page.click(`#call-sites tr[data-path="${first.path}"][data-line="${first.line}"] td:nth-child(3)`);
    await page.click('#refresh');
    const posted = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
    assert.deepEqual(posted, [{ type: 'ready' }, { type: 'open', path: first.path, line: first.line }, { type: 'refresh' }]);
    assert.deepEqual(errors, []);
  });

  it('keeps the sort order when the extension posts an update', async () => {
    const report = await fixtureReport();
    await page.setContent(webviewInBrowser(report, 'light'), { waitUntil: 'load' });
    await page.click('#call-sites th:nth-child(3) button'); // input tokens, descending
    const order = () => page.$$eval('#call-sites tbody tr', (trs) => trs.map((tr) => `${tr.getAttribute('data-path')}:${tr.getAttribute('data-line')}`));
    const before = await order();
    const { webviewBody } = await import('../../client/src/report-webview/page');
    await page.evaluate((html) => window.postMessage({ type: 'update', html, status: 'Updated 09:00:00', callsPerDay: 123 }, '*'), webviewBody(report));
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Updated 09:00:00');
    assert.deepEqual(await order(), before);
    assert.equal(await page.inputValue('#calls-per-day'), '123');
    await page.fill('#calls-per-day', '5000');
    await page.dispatchEvent('#calls-per-day', 'change');
    const posted = await page.evaluate(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted);
    assert.deepEqual(posted.at(-1), { type: 'setCallsPerDay', value: 5000 });
  });
});
