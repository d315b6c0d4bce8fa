// The workspace token-cost report in a webview panel: summary, bar charts, a sortable table whose rows open the
// call site, in the editor's theme; refreshed (debounced) when files are saved or diagnostics change.
// The logic lives in report-webview/messages.ts (ReportController), the page in report-webview/page.ts.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Report } from '../../server/src/core/report';
import { DIAGNOSTIC_SOURCE, type WorkspaceReportParams, type WorkspaceReportResult } from '../../server/src/protocol/protocol';
import { ReportController, statusText, type ControllerHost } from './report-webview/messages';
import { webviewBody, webviewPage } from './report-webview/page';

const VIEW_TYPE = 'llmInfraLint.report';
const TITLE = 'LLM Token-Cost Report';

/** Sends the report request (the language client's `sendRequest`). */
export type ReportRequester = (params: WorkspaceReportParams) => Promise<WorkspaceReportResult>;

/** One webview panel, reused for every report. */
export class ReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly controller: ReportController;
  private readonly watchers: vscode.Disposable[];
  private readonly withDiagnostics = new Set<string>();

  /** `request` sends `llm-infra-lint/workspaceReport`; without it only `show(markdown)` works (a static page). */
  constructor(private readonly request?: ReportRequester) {
    const host: ControllerHost = {
      request: (params) => {
        if (!this.request) return Promise.reject(new Error('the language server is not available'));
        return this.request(params);
      },
      withProgress: (kind, work) =>
        Promise.resolve(
          vscode.window.withProgress(
            {
              location: kind === 'notify' ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
              title: kind === 'notify' ? 'LLM Infra Lint: building the token-cost report…' : 'LLM Infra Lint: updating report',
              cancellable: false,
            },
            work,
          ),
        ),
      post: (message) => void this.panel?.webview.postMessage(message),
      setPage: (report, callsPerDay) => this.setPage(report, callsPerDay),
      openAt: async (file, line) => {
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
        const at = new vscode.Position(Math.min(line, Math.max(0, doc.lineCount - 1)), 0);
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at), preserveFocus: false });
      },
      renderBody: (report) => webviewBody(report),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      now: () => new Date(),
      showError: (message) => void vscode.window.showErrorMessage(`LLM Infra Lint: ${message}`),
    };
    this.controller = new ReportController(host, 1500);
    // Saves and our own diagnostics changing are what move the numbers; the controller debounces them.
    this.watchers = [
      vscode.workspace.onDidSaveTextDocument(() => this.controller.workspaceChanged()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        // Only our diagnostics: appearing on a file, or gone from one that had them (other linters change theirs on every keystroke).
        let ours = false;
        for (const uri of e.uris) {
          const key = uri.toString();
          const has = vscode.languages.getDiagnostics(uri).some((d) => d.source === DIAGNOSTIC_SOURCE);
          if (has || this.withDiagnostics.has(key)) ours = true;
          if (has) this.withDiagnostics.add(key);
          else this.withDiagnostics.delete(key);
        }
        if (ours) this.controller.workspaceChanged();
      }),
    ];
  }

  /** Opens (or reveals) the panel and builds the report, with a progress notification while the request runs. */
  async open(callsPerDay?: number): Promise<void> {
    this.ensurePanel();
    this.panel!.reveal();
    await this.controller.open(callsPerDay);
  }

  /** A static page from the server's markdown (for callers without a request function). */
  async show(markdown: string): Promise<void> {
    this.ensurePanel();
    this.panel!.webview.html = markdownPage(await renderMarkdown(markdown), this.panel!.webview.cspSource);
    this.panel!.reveal();
  }

  dispose(): void {
    this.controller.dispose();
    for (const d of this.watchers) d.dispose();
    this.panel?.dispose();
  }

  private ensurePanel(): void {
    if (this.panel) return;
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, TITLE, vscode.ViewColumn.Active, {
      enableScripts: true,
      // Nothing is loaded from disk or the network: styles and scripts are inline, behind a nonce CSP.
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    this.controller.panelCreated();
    this.panelDisposables = [
      this.panel.webview.onDidReceiveMessage((m) => void this.controller.receive(m)),
      this.panel.onDidChangeViewState((e) => this.controller.visibilityChanged(e.webviewPanel.visible)),
      this.panel.onDidDispose(() => {
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
        this.panel = undefined;
        this.controller.panelCreated();
        this.controller.visibilityChanged(false);
      }),
    ];
  }

  private setPage(report: Report, callsPerDay: number | undefined): void {
    if (!this.panel) return;
    this.panel.webview.html = webviewPage(report, {
      nonce: randomBytes(16).toString('base64'),
      cspSource: this.panel.webview.cspSource,
      callsPerDay,
      status: statusText(new Date()),
    });
  }
}

/** HTML from markdown through the built-in markdown extension; preformatted text if that is unavailable. */
async function renderMarkdown(markdown: string): Promise<string> {
  try {
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
    if (typeof html === 'string') return html;
  } catch {
    // The markdown extension can be disabled; fall through.
  }
  return `<pre>${escapeHtml(markdown)}</pre>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function markdownPage(body: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; img-src ${cspSource} data:;">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${TITLE}</title>
<style>
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 20px 20px; line-height: 1.5; }
  h1, h2 { font-weight: 600; border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: 4px; }
  table { border-collapse: collapse; margin: 8px 0 16px; }
  th, td { border: 1px solid var(--vscode-panel-border); padding: 4px 8px; text-align: left; vertical-align: top; }
  th { background: var(--vscode-editorWidget-background); }
  code, pre { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
  pre { white-space: pre-wrap; }
</style>
</head>
<body>
${body}
</body>
</html>`;
}
