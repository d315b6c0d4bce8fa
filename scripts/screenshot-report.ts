// Renders the token-cost report of examples/ as the HTML file (`report --format html`) and as the VS Code
// webview (with VS Code's light and dark theme variables stubbed), and screenshots both in headless Chromium.
//
//   npx tsx scripts/screenshot-report.ts [paths...]      (default: examples)
//
// Writes .cache/screenshots/{report,webview}-{light,dark}{,-full}.png plus the HTML it rendered. Needs
// Chromium at /usr/bin/chromium (or CHROMIUM=/path); playwright-core drives it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { webviewPage } from '../client/src/report-webview/page';
import { workspaceReport } from '../server/src/cli/commands/report';
import type { Report } from '../server/src/core/report';
import { renderHtml } from '../server/src/core/report-html';

const OUT = path.resolve('.cache/screenshots');
const EXECUTABLE = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const NONCE = 'screenshot-nonce';

/** A subset of VS Code's theme variables (Default Light Modern / Default Dark Modern), as the webview host sets them on <html>. */
export const VSCODE_THEMES: Record<'light' | 'dark', Record<string, string>> = {
  light: {
    'font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
    'font-size': '13px',
    'editor-font-family': 'Menlo, Monaco, "Courier New", monospace',
    'foreground': '#3b3b3b',
    'editor-foreground': '#3b3b3b',
    'editor-background': '#ffffff',
    'descriptionForeground': '#3b3b3b',
    'panel-border': '#e5e5e5',
    'widget-border': '#e5e5e5',
    'editorWidget-background': '#f8f8f8',
    'editor-inactiveSelectionBackground': '#e5ebf1',
    'textLink-foreground': '#005fb8',
    'charts-blue': '#1a85ff',
    'charts-purple': '#652d90',
    'charts-green': '#388a34',
    'editorWarning-foreground': '#bf8803',
    'errorForeground': '#f85149',
    'list-hoverBackground': '#f2f2f2',
    'button-background': '#005fb8',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#0258a8',
    'input-background': '#ffffff',
    'input-foreground': '#3b3b3b',
    'input-border': '#cecece',
  },
  dark: {
    'font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
    'font-size': '13px',
    'editor-font-family': 'Menlo, Monaco, "Courier New", monospace',
    'foreground': '#cccccc',
    'editor-foreground': '#cccccc',
    'editor-background': '#1f1f1f',
    'descriptionForeground': '#9d9d9d',
    'panel-border': '#2b2b2b',
    'widget-border': '#313131',
    'editorWidget-background': '#202020',
    'editor-inactiveSelectionBackground': '#3a3d41',
    'textLink-foreground': '#4daafc',
    'charts-blue': '#3794ff',
    'charts-purple': '#b180d7',
    'charts-green': '#89d185',
    'editorWarning-foreground': '#cca700',
    'errorForeground': '#f85149',
    'list-hoverBackground': '#2a2d2e',
    'button-background': '#0078d4',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#026ec1',
    'input-background': '#313131',
    'input-foreground': '#cccccc',
    'input-border': '#3c3c3c',
  },
};

/**
 * The webview page as VS Code would show it: theme variables on <html>, the body class VS Code adds, and a
 * stub of `acquireVsCodeApi` that records posted messages in `window.__posted`.
 */
export function webviewInBrowser(report: Report, theme: 'light' | 'dark'): string {
  const html = webviewPage(report, { nonce: NONCE, cspSource: 'https://*.vscode-cdn.net', status: 'Updated 12:00:00' });
  const vars = Object.entries(VSCODE_THEMES[theme]).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ').replace(/"/g, '&quot;');
  const stub = `<script nonce="${NONCE}">window.__posted = []; window.__state = undefined; window.acquireVsCodeApi = function () { return { postMessage: function (m) { window.__posted.push(m); }, getState: function () { return window.__state; }, setState: function (s) { window.__state = s; } }; };</script>`;
  return html
    .replace('<html lang="en">', `<html lang="en" style="${vars}">`)
    .replace('<body class="target-vscode">', `<body class="target-vscode vscode-${theme}">`)
    .replace('</head>', `${stub}\n</head>`);
}

async function shoot(page: Page, html: string, file: string, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.setContent(html, { waitUntil: 'load' });
  await page.screenshot({ path: path.join(OUT, `${file}.png`) });
  await page.screenshot({ path: path.join(OUT, `${file}-full.png`), fullPage: true });
  console.log(`  ${path.relative(process.cwd(), path.join(OUT, `${file}.png`))} (+ -full)`);
}

async function main(): Promise<void> {
  const paths = process.argv.slice(2);
  const report = await workspaceReport(paths.length ? paths : ['examples'], undefined, { cwd: process.cwd(), stderr: process.stderr });
  if (typeof report === 'number') process.exit(report);
  fs.mkdirSync(OUT, { recursive: true });
  const standalone = renderHtml(report);
  fs.writeFileSync(path.join(OUT, 'report.html'), standalone);
  if (!fs.existsSync(EXECUTABLE)) {
    console.error(`No Chromium at ${EXECUTABLE}: wrote ${path.relative(process.cwd(), OUT)}/report.html only.`);
    process.exit(1);
  }
  const browser = await chromium.launch({ executablePath: EXECUTABLE, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
    const blocked: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('data:') || url === 'about:blank') return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    console.log('HTML report:');
    for (const scheme of ['light', 'dark'] as const) await shoot(page, standalone, `report-${scheme}`, scheme);
    // The call-site details, opened (they start closed).
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setContent(standalone, { waitUntil: 'load' });
    await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { querySelectorAll(s: string): Array<{ open: boolean; scrollIntoView(): void }> } }).document;
      const all = d.querySelectorAll('details.site-detail');
      for (const el of all) el.open = true;
      all[0]?.scrollIntoView();
    });
    await page.screenshot({ path: path.join(OUT, 'report-light-details.png') });
    console.log(`  ${path.relative(process.cwd(), path.join(OUT, 'report-light-details.png'))}`);
    console.log('Webview:');
    for (const theme of ['light', 'dark'] as const) {
      const html = webviewInBrowser(report, theme);
      fs.writeFileSync(path.join(OUT, `webview-${theme}.html`), html);
      await shoot(page, html, `webview-${theme}`, theme);
    }
    // A narrow editor column, as when the report sits beside the code.
    await page.setViewportSize({ width: 760, height: 900 });
    await shoot(page, webviewInBrowser(report, 'dark'), 'webview-dark-narrow', 'dark');
    if (blocked.length) console.error(`Network requests (blocked): ${blocked.join(', ')}`);
    if (errors.length) console.error(`Page errors: ${errors.join('; ')}`);
    if (blocked.length || errors.length) process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
