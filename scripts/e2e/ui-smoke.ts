// UI smoke test of the packaged extension, as a person would use it: `npm run package`, `--install-extension` the
// .vsix into code-server, open a temp copy of examples/ in headless Chromium, Ctrl+P a file, see the squiggles and the
// code lens, open Problems (Ctrl+Shift+M), open the quick-fix menu (Ctrl+.), show the hover, open the report.
// Screenshots go to .cache/screenshots/ (git-ignored; CI keeps them as artifacts). Ends with `N passed, N failed`.
// Usage: tsx scripts/e2e/ui-smoke.ts [--no-package]   (--no-package reuses dist/llm-infra-lint.vsix)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { prepareWorkspace, tempRunDir } from '../../test/e2e/vscode/workspace';
import { REPO_ROOT, ensureCodeServer, installExtension, launchChromium, makeRunDirs, sleep, startCodeServer, withCleanup } from './code-server';

const SHOTS = path.join(REPO_ROOT, '.cache/screenshots');
const VSIX = path.join(REPO_ROOT, 'dist/llm-infra-lint.vsix');
const FILE = 'chat-service/src/lib/llm.ts';
const WAIT = 90_000;

let passed = 0;
let failed = 0;

async function step(page: Page, name: string, fn: () => Promise<string | void>): Promise<boolean> {
  const started = Date.now();
  try {
    const note = await fn();
    passed++;
    console.log(`  ✓ ${name} (${Date.now() - started} ms)${note ? `\n      ${note.replace(/\n/g, '\n      ')}` : ''}`);
    return true;
  } catch (e) {
    failed++;
    const shot = path.join(SHOTS, `failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    await page.screenshot({ path: shot }).catch(() => undefined);
    console.log(`  ✗ ${name} (${Date.now() - started} ms)\n      ${(e instanceof Error ? e.message : String(e)).split('\n').slice(0, 6).join('\n      ')}\n      screenshot: ${path.relative(REPO_ROOT, shot)}`);
    return false;
  }
}

async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(SHOTS, name);
  await page.screenshot({ path: file });
  return path.relative(REPO_ROOT, file);
}

/** Text of the first element matching `selector` that contains `pattern` (non-breaking spaces read as spaces). */
async function textOnceMatches(page: Page, selector: string, pattern: RegExp, timeout = WAIT): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    for (const el of await page.locator(selector).all()) {
      const text = ((await el.innerText().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
      if (text) last = text;
      if (pattern.test(text)) return text;
    }
    if (Date.now() > deadline) throw new Error(`${selector} never matched ${pattern}; last text: ${JSON.stringify(last.slice(0, 500))}`);
    await sleep(250);
  }
}

/** Moves the cursor with Ctrl+G (1-based line and column) and checks the status bar's "Ln, Col". */
async function goTo(page: Page, line: number, column: number): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10_000 });
    await sleep(200);
    await page.locator('.quick-input-widget input').fill(`:${line}:${column}`);
    await sleep(200);
    await page.keyboard.press('Enter');
    await sleep(300);
    const where = await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText().catch(() => '');
    if (where.includes(`Ln ${line}, Col ${column}`)) return;
  }
  throw new Error(`could not move the cursor to ${line}:${column}`);
}

async function main(): Promise<number> {
  const started = Date.now();
  fs.mkdirSync(SHOTS, { recursive: true });
  // Only this script's own screenshots from an earlier run (others may keep files here too).
  for (const f of fs.readdirSync(SHOTS)) if (/^(\d\d-|failed-).*\.png$/.test(f)) fs.rmSync(path.join(SHOTS, f));
  const codeServer = ensureCodeServer();
  if (!process.argv.includes('--no-package') || !fs.existsSync(VSIX)) {
    const r = spawnSync('npm', ['run', 'package', '--silent'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  }
  console.log(`packaged ${path.relative(REPO_ROOT, VSIX)} (${(fs.statSync(VSIX).size / 1e6).toFixed(1)} MB)`);
  const run = tempRunDir('llm-infra-lint-ui-');
  const dirs = makeRunDirs(run);
  installExtension(codeServer, dirs, VSIX);
  const installed = fs.readdirSync(dirs.extensions).filter((d) => d.startsWith('llm-infra-lint.'));
  if (installed.length !== 1) throw new Error(`the .vsix did not install: ${fs.readdirSync(dirs.extensions).join(', ')}`);
  const workspace = path.join(run, 'workspace');
  prepareWorkspace(workspace);

  return withCleanup(async (defer) => {
    defer(() => fs.rmSync(run, { recursive: true, force: true }));
    const server = await startCodeServer(codeServer, dirs, workspace);
    defer(() => server.stop());
    const browser = await launchChromium();
    defer(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    console.log(`installed ${installed[0]}; code-server on ${server.url}`);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: WAIT });

    await step(page, 'the workbench loads', async () => {
      await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: WAIT });
      await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: WAIT });
      await sleep(1500);
    });

    const opened = await step(page, `Ctrl+P opens ${FILE}`, async () => {
      await page.locator('.monaco-workbench .part.editor').click();
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15_000 });
      await page.keyboard.type('lib/llm.ts');
      await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 15_000 });
      await sleep(300);
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: 'llm.ts' }).waitFor({ timeout: 15_000 });
    });

    if (opened) {
      await step(page, 'warning squiggles appear in the editor', async () => {
        await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'attached', timeout: WAIT });
        const n = await page.locator('.monaco-editor .squiggly-warning').count();
        const errors = await page.locator('.monaco-editor .squiggly-error').count();
        return `${n} warning and ${errors} error squiggle decorations; ${await shot(page, '01-editor-squiggles.png')}`;
      });

      await step(page, 'a code lens shows input tokens and cost', async () => {
        const text = await textOnceMatches(page, '.monaco-editor .codelens-decoration', /input tokens/, 30_000);
        return `lens: ${text.trim()}`;
      });

      await step(page, 'the status bar shows the findings count', async () => {
        const text = await textOnceMatches(page, '.statusbar-item:has-text("LLM Lint")', /LLM Lint: \d+ findings?/, WAIT);
        return `status bar: ${text.trim()}`;
      });

      await step(page, 'Problems (Ctrl+Shift+M) lists llm-infra-lint findings', async () => {
        await page.locator('.monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+Shift+M');
        const text = await textOnceMatches(page, '.markers-panel', /missing-timeout/, 30_000);
        for (const expected of ['llm-infra-lint', 'hardcoded-api-key', 'naive-retry-loop', 'direct-provider-endpoint']) {
          if (!text.includes(expected)) throw new Error(`Problems panel lacks ${expected}:\n${text.slice(0, 1500)}`);
        }
        const rows = await page.locator('.markers-panel .monaco-list-row').count();
        return `${rows} rows; ${await shot(page, '02-problems-panel.png')}\n${text.split('\n').slice(0, 8).join('\n')}`;
      });

      await step(page, 'Ctrl+. on `new OpenAI()` opens the quick-fix menu with the fix, disable and docs actions', async () => {
        await page.keyboard.press('Escape');
        await page.locator('.monaco-editor .view-lines').first().click();
        const line = fs
          .readFileSync(path.join(REPO_ROOT, 'examples', FILE), 'utf8')
          .split('\n')
          .findIndex((l) => l.includes('new OpenAI('));
        await goTo(page, line + 1, 'export const openai = new O'.length);
        await page.keyboard.press('Control+.');
        const text = await textOnceMatches(page, '.action-widget', /Disable/, 30_000);
        for (const expected of ['Disable missing-timeout for this line', 'Show documentation for missing-timeout', 'timeout']) {
          if (!text.includes(expected)) throw new Error(`quick-fix menu lacks "${expected}":\n${text}`);
        }
        return `${await shot(page, '03-quick-fix-menu.png')}\n${text.split('\n').slice(0, 10).join('\n')}`;
      });

      await step(page, 'choosing "Disable missing-timeout for this line" inserts the directive', async () => {
        // Keyboard, as a person would: arrow down to the entry, Enter.
        const wanted = 'Disable missing-timeout for this line';
        for (let i = 0; i < 12; i++) {
          const focused = await page.locator('.action-widget .monaco-list-row.focused').first().getAttribute('aria-label', { timeout: 2_000 }).catch(() => null);
          if (focused === wanted) break;
          await page.keyboard.press('ArrowDown');
          await sleep(100);
        }
        const chosen = await page.locator('.action-widget .monaco-list-row.focused').first().getAttribute('aria-label', { timeout: 2_000 }).catch(() => null);
        if (chosen !== wanted) throw new Error(`could not focus "${wanted}" in the quick-fix menu (focused: ${chosen})`);
        await page.keyboard.press('Enter');
        await textOnceMatches(page, '.monaco-editor .view-lines', /llm-infra-lint-disable-next-line missing-timeout/, 15_000);
        await sleep(1500);
        const shotPath = await shot(page, '04-after-disable.png');
        await page.keyboard.press('Control+Z');
        // VS Code saves files changed by a code action (files.refactoring.autoSave); the undo leaves the buffer as before.
        await textOnceMatches(page, '.monaco-editor .view-lines', /export const openai = new OpenAI\(\);/, 10_000);
        return shotPath;
      });

      await step(page, 'the hover on the call shows tokens and cost (Ctrl+K Ctrl+I)', async () => {
        await page.keyboard.press('Escape');
        await page.locator('.monaco-editor .view-lines').first().click();
        // Room for the hover: close the panel.
        if (await page.locator('.markers-panel').isVisible()) await page.keyboard.press('Control+J');
        const lines = fs.readFileSync(path.join(REPO_ROOT, 'examples', FILE), 'utf8').split('\n');
        const line = lines.findIndex((l) => l.includes('openai.chat.completions.create'));
        await goTo(page, line + 1, lines[line].indexOf('create') + 2);
        await page.keyboard.press('Control+K');
        await sleep(100);
        await page.keyboard.press('Control+I');
        const text = await textOnceMatches(page, '.monaco-hover', /LLM call[\s\S]*tokens/, 30_000);
        if (!text.includes('LLM call')) throw new Error(`the hover lacks the call estimate:\n${text}`);
        // The diagnostics come first in the hover: scroll it so the screenshot shows the estimate.
        const box = await page.locator('.monaco-hover:visible', { hasText: 'LLM call' }).first().boundingBox();
        if (box) {
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          for (let i = 0; i < 4; i++) {
            await page.mouse.wheel(0, 400);
            await sleep(150);
          }
          await sleep(300);
        }
        return `${await shot(page, '05-hover.png')}\n${text.split('\n').filter((l) => /LLM call|tokens|per call|1,000/.test(l)).join('\n')}`;
      });
    }

    await step(page, 'the command palette runs "Open Token-Cost Report" and the report webview shows', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15_000 });
      await page.keyboard.type('LLM Infra Lint: Open Token-Cost Report');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Token-Cost Report' }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      await page.locator('.tab', { hasText: 'LLM Token-Cost Report' }).waitFor({ timeout: 30_000 });
      // The report renders inside the webview's nested iframe.
      const deadline = Date.now() + 30_000;
      let body = '';
      while (Date.now() < deadline && !body) {
        for (const frame of page.frames()) {
          if (frame === page.mainFrame()) continue;
          const t = await frame.evaluate<string>('document.body ? document.body.innerText : ""').catch(() => '');
          if (/LLM token-cost report/i.test(t) && /call sites? in \d+ files?/i.test(t)) body = t;
        }
        if (!body) await sleep(500);
      }
      if (!body) throw new Error('the report webview shows no report text');
      // The progress notification goes once the report is there.
      const toast = page.locator('.notification-toast', { hasText: 'building the token-cost report' });
      const deadline2 = Date.now() + 20_000;
      while ((await toast.count()) > 0 && Date.now() < deadline2) await sleep(250);
      if ((await toast.count()) > 0) {
        await shot(page, 'failed-report-progress-stays.png');
        throw new Error('the "building the token-cost report…" notification is still shown 20 s after the report appeared');
      }
      await sleep(500);
      return `${await shot(page, '06-report-webview.png')}\n${body.split('\n').filter(Boolean).slice(0, 6).join('\n')}`;
    });

    console.log(`ui smoke: ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(REPO_ROOT, SHOTS)}/`);
    console.log(`${passed} passed, ${failed} failed`);
    return failed ? 1 : 0;
  });
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.stack : e);
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  },
);
