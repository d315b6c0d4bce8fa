// The report webview's message protocol and the controller behind it, free of VS Code: the extension wires
// the controller to a webview panel, the language client and the editor (report-view.ts), and tests drive it
// with fakes.
//
// webview → extension: ready, open a call site, refresh, set calls per day.
// extension → webview: the new report body, busy, error.

import * as path from 'node:path';
import type { Report } from '../../../server/src/core/report';
import type { WorkspaceReportParams, WorkspaceReportResult } from '../../../server/src/protocol/protocol';

export type WebviewToExtension =
  | { type: 'ready' }
  | { type: 'open'; path: string; line: number }
  | { type: 'refresh' }
  /** null: back to the configuration's calls per day. */
  | { type: 'setCallsPerDay'; value: number | null };

export type ExtensionToWebview =
  | { type: 'update'; html: string; status: string; callsPerDay: number }
  | { type: 'busy'; busy: boolean }
  | { type: 'error'; message: string };

const MAX_CALLS_PER_DAY = 1e9;

/** The message if it is well-formed, else null (a webview is untrusted input, even our own). */
export function parseWebviewMessage(raw: unknown): WebviewToExtension | null {
  if (raw === null || typeof raw !== 'object') return null;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'refresh':
      return { type: m.type };
    case 'open':
      if (typeof m.path !== 'string' || m.path.length === 0 || m.path.length > 4096) return null;
      if (typeof m.line !== 'number' || !Number.isInteger(m.line) || m.line < 1) return null;
      return { type: 'open', path: m.path, line: m.line };
    case 'setCallsPerDay':
      if (m.value === null || m.value === '') return { type: 'setCallsPerDay', value: null };
      if (typeof m.value !== 'number' || !Number.isFinite(m.value) || m.value < 0 || m.value > MAX_CALLS_PER_DAY) return null;
      return { type: 'setCallsPerDay', value: m.value };
    default:
      return null;
  }
}

/**
 * The file and 0-based line a report row points at: the report's forward-slashed relative path resolved
 * against the report's root. Null for paths that leave the root (a report is data; it must not open
 * arbitrary files).
 */
export function resolveCallSite(root: string, relativePath: string, line: number, pathApi: path.PlatformPath = path): { file: string; line: number } | null {
  if (pathApi.isAbsolute(relativePath) || /^[a-zA-Z]:/.test(relativePath) || relativePath.includes('\0')) return null;
  const base = pathApi.resolve(root);
  const file = pathApi.resolve(base, ...relativePath.split('/'));
  const rel = pathApi.relative(base, file);
  if (rel === '' || rel.startsWith('..') || pathApi.isAbsolute(rel)) return null;
  return { file, line: Math.max(0, line - 1) };
}

/** What the controller needs from the outside world. */
export interface ControllerHost {
  /** Sends `llm-infra-lint/workspaceReport`. */
  request(params: WorkspaceReportParams): Promise<WorkspaceReportResult>;
  /** Runs a request under the editor's progress UI: `notify` for user-started work, `window` (status bar) for automatic refreshes. */
  withProgress<T>(kind: 'notify' | 'window', work: () => Promise<T>): Promise<T>;
  /** Posts to the webview (a no-op when it is closed). */
  post(message: ExtensionToWebview): void;
  /** Shows the whole page for the first time (or again after the panel was recreated). */
  setPage(report: Report, callsPerDay: number | undefined): void;
  /** Opens a file at a 0-based line. */
  openAt(file: string, line: number): void | Promise<void>;
  /** The report body for an update. */
  renderBody(report: Report): string;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Clock for the "updated at" status. */
  now(): Date;
  /** Shows an error to the user outside the webview (e.g. a failed request before the page exists). */
  showError(message: string): void;
}

export interface ControllerState {
  /** The page has been set at least once since the panel was created. */
  hasPage: boolean;
  visible: boolean;
  /** Something changed while the panel was hidden: refresh when it is shown. */
  stale: boolean;
  callsPerDay: number | undefined;
  root: string | undefined;
  inFlight: boolean;
  requests: number;
}

/**
 * Keeps the webview in step with the workspace: builds the report on open, refreshes (debounced) on saves and
 * diagnostics changes while visible, remembers that it is stale while hidden, runs one request at a time
 * (a change during a request queues exactly one more), and turns webview messages into editor actions.
 */
export class ReportController {
  private timer: unknown = undefined;
  private running: Promise<void> | null = null;
  private queued: 'notify' | 'window' | null = null;
  private readonly state: ControllerState = { hasPage: false, visible: true, stale: false, callsPerDay: undefined, root: undefined, inFlight: false, requests: 0 };

  constructor(
    private readonly host: ControllerHost,
    private readonly debounceMs = 1000,
  ) {}

  snapshot(): Readonly<ControllerState> {
    return { ...this.state };
  }

  /** The panel was (re)created: the next report sets the whole page. */
  panelCreated(): void {
    this.state.hasPage = false;
    this.state.visible = true;
  }

  /** Builds the report now (user action: open command, refresh button). */
  open(callsPerDay?: number): Promise<void> {
    if (callsPerDay !== undefined) this.state.callsPerDay = callsPerDay;
    return this.refresh('notify');
  }

  /** A file was saved or diagnostics changed. */
  workspaceChanged(): void {
    if (!this.state.hasPage) return;
    if (!this.state.visible) {
      this.state.stale = true;
      return;
    }
    if (this.timer !== undefined) this.host.clearTimer(this.timer);
    this.timer = this.host.setTimer(() => {
      this.timer = undefined;
      void this.refresh('window');
    }, this.debounceMs);
  }

  visibilityChanged(visible: boolean): void {
    this.state.visible = visible;
    if (visible && this.state.stale) {
      this.state.stale = false;
      void this.refresh('window');
    }
  }

  /** Handles a message from the webview; unknown or malformed messages are ignored. */
  async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        return;
      case 'refresh':
        return this.refresh('notify');
      case 'setCallsPerDay':
        this.state.callsPerDay = message.value ?? undefined;
        return this.refresh('notify');
      case 'open': {
        if (!this.state.root) return;
        const target = resolveCallSite(this.state.root, message.path, message.line);
        if (target) await this.host.openAt(target.file, target.line);
        return;
      }
    }
  }

  /** Requests the report (one at a time; a refresh asked for meanwhile runs once afterwards). */
  refresh(kind: 'notify' | 'window'): Promise<void> {
    if (this.running) {
      // A user-started refresh outranks an automatic one.
      this.queued = this.queued === 'notify' || kind === 'notify' ? 'notify' : 'window';
      return this.running;
    }
    this.running = this.run(kind).finally(() => {
      this.running = null;
      const next = this.queued;
      this.queued = null;
      if (next) void this.refresh(next);
    });
    return this.running;
  }

  dispose(): void {
    if (this.timer !== undefined) this.host.clearTimer(this.timer);
    this.timer = undefined;
  }

  private async run(kind: 'notify' | 'window'): Promise<void> {
    this.state.inFlight = true;
    this.state.requests++;
    const dimmed = this.state.hasPage;
    if (dimmed) this.host.post({ type: 'busy', busy: true });
    try {
      const params: WorkspaceReportParams = { format: 'json', ...(this.state.callsPerDay !== undefined ? { callsPerDay: this.state.callsPerDay } : {}) };
      const result = await this.host.withProgress(kind, () => this.host.request(params));
      const report = asReport(result.json);
      if (!report) {
        const message = result.markdown.replace(/^#.*\n+/, '').trim() || 'The report could not be built; see the LLM Infra Lint output.';
        if (this.state.hasPage) this.host.post({ type: 'error', message });
        else this.host.showError(message);
        return;
      }
      if (result.root) this.state.root = result.root;
      if (!this.state.hasPage) {
        this.host.setPage(report, this.state.callsPerDay);
        this.state.hasPage = true;
      } else {
        this.host.post({ type: 'update', html: this.host.renderBody(report), status: statusText(this.host.now()), callsPerDay: report.callsPerDay });
      }
    } catch (e) {
      const message = `The report request failed: ${(e as Error).message}`;
      if (this.state.hasPage) this.host.post({ type: 'error', message });
      else this.host.showError(message);
    } finally {
      this.state.inFlight = false;
      if (dimmed) this.host.post({ type: 'busy', busy: false });
    }
  }
}

/** The report if `json` looks like one (a server of another version may send something else). */
export function asReport(json: unknown): Report | null {
  if (json === null || typeof json !== 'object') return null;
  const r = json as Partial<Report>;
  return r.version === 1 && Array.isArray(r.callSites) && r.totals !== undefined && r.summary !== undefined ? (r as Report) : null;
}

/** "Updated 14:03:09" */
export function statusText(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `Updated ${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}`;
}
