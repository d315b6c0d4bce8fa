// The report webview's page: the shared HTML report in the editor's theme, a toolbar (calls per day, refresh,
// last update) and the script that talks to the extension. Pure: no VS Code imports, so tests and the
// screenshot script render it as is.

import type { Report } from '../../../server/src/core/report';
import { escapeHtml } from '../../../server/src/core/report-format';
import { renderHtml, renderHtmlBody } from '../../../server/src/core/report-html';

export interface WebviewPageOptions {
  /** A fresh random nonce per page: the CSP admits only scripts and styles that carry it. */
  nonce: string;
  /** The webview's `cspSource`. */
  cspSource: string;
  /** The calls per day the user typed (undefined: the configuration's). */
  callsPerDay?: number;
  /** "Updated 14:03:09" */
  status?: string;
}

/** The whole webview page. */
export function webviewPage(report: Report, options: WebviewPageOptions): string {
  return renderHtml(report, {
    target: 'vscode',
    nonce: options.nonce,
    cspSource: options.cspSource,
    toolbar: toolbar(report, options),
    extraScript: WEBVIEW_SCRIPT,
  });
}

/** The part of the page an update replaces. */
export function webviewBody(report: Report): string {
  return renderHtmlBody(report, { target: 'vscode' });
}

function toolbar(report: Report, options: WebviewPageOptions): string {
  const value = options.callsPerDay ?? report.callsPerDay;
  return `<div class="toolbar" role="toolbar" aria-label="Report controls">
<label for="calls-per-day">Calls/day per call site</label>
<input id="calls-per-day" type="number" min="0" step="100" value="${escapeHtml(String(value))}" title="Assumed calls per day for each call site (per-site overrides in .llm-infra-lint.json still apply). Empty: the configuration's value.">
<button id="refresh" type="button" title="Analyse the workspace again">Refresh</button>
<span class="spacer"></span>
<span id="status" class="status" role="status" aria-live="polite">${escapeHtml(options.status ?? '')}</span>
</div>`;
}

/**
 * Runs inside the webview. Rows, top-cost and top-saving entries and call-site links carry `data-path` and
 * `data-line`; a click (or Enter) posts `{ type: 'open', path, line }`. The toolbar posts `refresh` and
 * `setCallsPerDay`. `update` replaces the report body and restores the sort order and scroll position;
 * `busy` dims the page; `error` shows in the status line. Sort order and scroll survive the panel being
 * hidden through `vscode.setState`.
 */
export const WEBVIEW_SCRIPT = `(function () {
  'use strict';
  var vscode = acquireVsCodeApi();
  var saved = vscode.getState() || {};
  var main = document.getElementById('report');
  var status = document.getElementById('status');
  var input = document.getElementById('calls-per-day');
  function save() {
    vscode.setState({ sort: window.llmReportTables.state(), scrollY: window.scrollY });
  }
  if (saved.sort) window.llmReportTables.reapply(saved.sort);
  if (saved.scrollY) window.scrollTo(0, saved.scrollY);
  function openFrom(target) {
    var el = target.closest ? target.closest('[data-path]') : null;
    if (!el) return false;
    var line = parseInt(el.getAttribute('data-line'), 10);
    vscode.postMessage({ type: 'open', path: el.getAttribute('data-path'), line: isNaN(line) ? 1 : line });
    return true;
  }
  document.addEventListener('click', function (event) {
    var t = event.target;
    if (!t || !t.closest) return;
    if (t.closest('#refresh')) { vscode.postMessage({ type: 'refresh' }); return; }
    if (t.closest('th') || t.closest('summary') || t.closest('.toolbar')) { setTimeout(save, 0); return; }
    if (openFrom(t)) event.preventDefault();
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' || !event.target || !event.target.matches) return;
    if (event.target.matches('tr[data-path], li[data-path]') && openFrom(event.target)) event.preventDefault();
  });
  if (input) {
    input.addEventListener('change', function () {
      var v = input.value.trim();
      var n = Number(v);
      if (v === '') vscode.postMessage({ type: 'setCallsPerDay', value: null });
      else if (isFinite(n) && n >= 0) vscode.postMessage({ type: 'setCallsPerDay', value: n });
    });
  }
  var scrollTimer = 0;
  window.addEventListener('scroll', function () {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(save, 200);
  });
  window.addEventListener('message', function (event) {
    var m = event.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'update' && typeof m.html === 'string') {
      var sort = window.llmReportTables.state();
      var y = window.scrollY;
      main.innerHTML = m.html;
      window.llmReportTables.reapply(sort);
      window.scrollTo(0, y);
      if (status) status.textContent = m.status || '';
      if (input && document.activeElement !== input && typeof m.callsPerDay === 'number') input.value = String(m.callsPerDay);
      document.body.classList.remove('busy');
    } else if (m.type === 'busy') {
      document.body.classList.toggle('busy', !!m.busy);
    } else if (m.type === 'error') {
      document.body.classList.remove('busy');
      if (status) status.textContent = String(m.message || 'The report could not be built.');
    }
  });
  vscode.postMessage({ type: 'ready' });
})();`;
