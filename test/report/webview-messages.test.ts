// The webview's message protocol and the controller behind it, driven with a fake host: no VS Code.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { asReport, parseWebviewMessage, ReportController, resolveCallSite, statusText, type ControllerHost, type ExtensionToWebview } from '../../client/src/report-webview/messages';
import type { Report } from '../../server/src/core/report';
import type { WorkspaceReportParams, WorkspaceReportResult } from '../../server/src/protocol/protocol';
import { fixtureReport } from './helpers';

describe('parseWebviewMessage', () => {
  it('accepts the four message types', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'refresh', extra: 1 }), { type: 'refresh' });
    assert.deepEqual(parseWebviewMessage({ type: 'open', path: 'src/a.ts', line: 12 }), { type: 'open', path: 'src/a.ts', line: 12 });
    assert.deepEqual(parseWebviewMessage({ type: 'setCallsPerDay', value: 2500 }), { type: 'setCallsPerDay', value: 2500 });
    assert.deepEqual(parseWebviewMessage({ type: 'setCallsPerDay', value: null }), { type: 'setCallsPerDay', value: null });
  });

  it('rejects anything malformed', () => {
    for (const bad of [null, 'open', 42, {}, { type: 'exec' }, { type: 'open', path: 'a.ts' }, { type: 'open', path: 'a.ts', line: 0 }, { type: 'open', path: 'a.ts', line: 1.5 },
      { type: 'open', path: '', line: 1 }, { type: 'open', path: 7, line: 1 }, { type: 'setCallsPerDay', value: -1 }, { type: 'setCallsPerDay', value: 'many' },
      { type: 'setCallsPerDay', value: Infinity }, { type: 'setCallsPerDay', value: 1e12 }]) {
      assert.equal(parseWebviewMessage(bad), null, JSON.stringify(bad));
    }
  });
});

describe('resolveCallSite', () => {
  const root = path.resolve('/work/project');
  it('resolves a report path against the root, 0-based line', () => {
    assert.deepEqual(resolveCallSite(root, 'src/app/route.ts', 12), { file: path.join(root, 'src', 'app', 'route.ts'), line: 11 });
    assert.deepEqual(resolveCallSite(root, 'a.ts', 1), { file: path.join(root, 'a.ts'), line: 0 });
  });
  it('refuses paths that leave the root', () => {
    for (const p of ['../secrets.ts', 'src/../../x.ts', '/etc/passwd', 'C:/Windows/x', '..', 'a\0b']) assert.equal(resolveCallSite(root, p, 1), null, p);
  });
  it('works with Windows paths', () => {
    assert.deepEqual(resolveCallSite('C:\\work\\project', 'src/a.ts', 3, path.win32), { file: 'C:\\work\\project\\src\\a.ts', line: 2 });
    assert.equal(resolveCallSite('C:\\work\\project', '..\\x.ts', 3, path.win32), null);
  });
});

interface FakeHost extends ControllerHost {
  requests: WorkspaceReportParams[];
  posted: ExtensionToWebview[];
  pages: Array<{ report: Report; callsPerDay: number | undefined }>;
  opened: Array<{ file: string; line: number }>;
  progress: Array<'notify' | 'window'>;
  errors: string[];
  timers: Array<{ fn: () => void; ms: number; cleared: boolean }>;
  /** Runs pending timers. */
  tick(): void;
  /** Resolves the oldest pending request. */
  respond(result?: Partial<WorkspaceReportResult>): Promise<void>;
  pending: Array<(r: WorkspaceReportResult) => void>;
}

function fakeHost(report: Report, root = '/w'): FakeHost {
  const host: FakeHost = {
    requests: [],
    posted: [],
    pages: [],
    opened: [],
    progress: [],
    errors: [],
    timers: [],
    pending: [],
    request(params) {
      host.requests.push(params);
      return new Promise((resolve) => host.pending.push(resolve));
    },
    withProgress(kind, work) {
      host.progress.push(kind);
      return work();
    },
    post: (m) => host.posted.push(m),
    setPage: (r, callsPerDay) => host.pages.push({ report: r, callsPerDay }),
    openAt: (file, line) => void host.opened.push({ file, line }),
    renderBody: (r) => `<body ${r.callSites.length}>`,
    setTimer(fn, ms) {
      const t = { fn, ms, cleared: false };
      host.timers.push(t);
      return t;
    },
    clearTimer(handle) {
      (handle as { cleared: boolean }).cleared = true;
    },
    now: () => new Date(2026, 0, 2, 9, 5, 7),
    showError: (m) => void host.errors.push(m),
    tick() {
      const due = host.timers.filter((t) => !t.cleared);
      host.timers = [];
      for (const t of due) t.fn();
    },
    async respond(result = {}) {
      const resolve = host.pending.shift();
      assert.ok(resolve, 'a request is pending');
      resolve({ markdown: '# LLM token-cost report\n', json: JSON.parse(JSON.stringify(report)), root, ...result });
      await new Promise((r) => setImmediate(r));
    },
  };
  return host;
}

/** Lets queued promise callbacks run. */
const flush = () => new Promise((r) => setImmediate(r));

describe('ReportController', () => {
  it('opens: one request under a progress notification, then the whole page', async () => {
    const report = await fixtureReport();
    const host = fakeHost(report);
    const c = new ReportController(host, 500);
    const done = c.open();
    assert.deepEqual(host.requests, [{ format: 'json' }]);
    assert.deepEqual(host.progress, ['notify']);
    await host.respond();
    await done;
    assert.equal(host.pages.length, 1);
    assert.equal(host.pages[0].report.callSites.length, report.callSites.length);
    assert.deepEqual(host.posted, [], 'the first report sets the page, nothing is posted');
    assert.equal(c.snapshot().hasPage, true);
  });

  it('passes a calls-per-day override through and keeps it for later refreshes', async () => {
    const host = fakeHost(await fixtureReport());
    const c = new ReportController(host);
    const done = c.open(5000);
    await host.respond();
    await done;
    assert.equal(host.pages[0].callsPerDay, 5000);
    void c.receive({ type: 'refresh' });
    assert.deepEqual(host.requests.at(-1), { format: 'json', callsPerDay: 5000 });
    await host.respond();
    void c.receive({ type: 'setCallsPerDay', value: null });
    assert.deepEqual(host.requests.at(-1), { format: 'json' });
    await host.respond();
  });

  it('debounces workspace changes into one refresh and posts the new body with busy markers', async () => {
    const host = fakeHost(await fixtureReport());
    const c = new ReportController(host, 750);
    const opened = c.open();
    await host.respond();
    await opened;
    c.workspaceChanged();
    c.workspaceChanged();
    c.workspaceChanged();
    assert.equal(host.timers.filter((t) => !t.cleared).length, 1, 'one pending timer');
    assert.equal(host.timers.at(-1)!.ms, 750);
    assert.equal(host.requests.length, 1, 'nothing before the quiet period');
    host.tick();
    assert.equal(host.requests.length, 2);
    assert.deepEqual(host.progress, ['notify', 'window'], 'automatic refreshes use the window (status bar) progress');
    await host.respond();
    assert.deepEqual(host.posted, [
      { type: 'busy', busy: true },
      { type: 'update', html: `<body ${(await fixtureReport()).callSites.length}>`, status: 'Updated 09:05:07', callsPerDay: 2000 },
      { type: 'busy', busy: false },
    ]);
  });

  it('ignores changes before the page exists; marks a hidden panel stale and refreshes it when shown', async () => {
    const host = fakeHost(await fixtureReport());
    const c = new ReportController(host);
    c.workspaceChanged();
    assert.equal(host.timers.length, 0);
    const opened = c.open();
    await host.respond();
    await opened;
    c.visibilityChanged(false);
    c.workspaceChanged();
    assert.equal(host.timers.length, 0, 'no timer while hidden');
    assert.equal(c.snapshot().stale, true);
    c.visibilityChanged(true);
    assert.equal(host.requests.length, 2, 'refreshed on show');
    await host.respond();
    assert.equal(c.snapshot().stale, false);
  });

  it('runs one request at a time and queues exactly one more', async () => {
    const host = fakeHost(await fixtureReport());
    const c = new ReportController(host);
    const first = c.open();
    void c.refresh('window');
    void c.refresh('window');
    void c.receive({ type: 'refresh' });
    assert.equal(host.requests.length, 1);
    await host.respond();
    await first;
    await flush();
    assert.equal(host.requests.length, 2, 'one queued refresh');
    assert.equal(host.progress.at(-1), 'notify', 'the user-started refresh wins');
    await host.respond();
    await flush();
    assert.equal(host.requests.length, 2);
  });

  it('opens call sites inside the root only', async () => {
    const host = fakeHost(await fixtureReport(), path.resolve('/w'));
    const c = new ReportController(host);
    const opened = c.open();
    await host.respond();
    await opened;
    await c.receive({ type: 'open', path: 'services/api/src/support.mjs', line: 8 });
    await c.receive({ type: 'open', path: '../etc/passwd', line: 1 });
    await c.receive({ type: 'open', path: 'x.ts' });
    await c.receive('garbage');
    assert.deepEqual(host.opened, [{ file: path.join(path.resolve('/w'), 'services', 'api', 'src', 'support.mjs'), line: 7 }]);
  });

  it('reports failures: before the page as an error message, after it in the webview', async () => {
    const host = fakeHost(await fixtureReport());
    const c = new ReportController(host);
    const first = c.open();
    await host.respond({ json: null, markdown: '# LLM token-cost report\n\nNo workspace folder is open.\n' });
    await first;
    assert.deepEqual(host.errors, ['No workspace folder is open.']);
    assert.equal(host.pages.length, 0);
    const second = c.open();
    await host.respond();
    await second;
    const failing: ControllerHost = { ...host, request: () => Promise.reject(new Error('connection closed')) };
    const c2 = new ReportController(failing);
    await c2.open();
    assert.match(host.errors.at(-1)!, /connection closed/);
  });

  it('recognises a report and formats the status time', async () => {
    assert.ok(asReport(JSON.parse(JSON.stringify(await fixtureReport()))));
    assert.equal(asReport({ version: 2 }), null);
    assert.equal(asReport(null), null);
    assert.equal(statusText(new Date(2026, 4, 1, 7, 3, 9)), 'Updated 07:03:09');
  });
});
