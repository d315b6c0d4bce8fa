// The workspace report in a webview panel: the server's markdown, rendered by VS Code's built-in markdown renderer.
import * as vscode from 'vscode';

/** One webview panel, reused for every report. */
export class ReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  async show(markdown: string): Promise<void> {
    const body = await renderMarkdown(markdown);
    if (!this.panel) {
      // No scripts and a CSP that allows only inline styles: the report is static text.
      this.panel = vscode.window.createWebviewPanel('llmInfraLint.report', 'LLM Token-Cost Report', vscode.ViewColumn.Active, {
        enableScripts: false,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    this.panel.webview.html = page(body);
    this.panel.reveal();
  }

  dispose(): void {
    this.panel?.dispose();
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

function page(body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>LLM Token-Cost Report</title>
<style>
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 20px 20px; line-height: 1.5; }
  h1, h2 { font-weight: 600; border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: 4px; }
  table { border-collapse: collapse; margin: 8px 0 16px; }
  th, td { border: 1px solid var(--vscode-panel-border); padding: 4px 8px; text-align: left; vertical-align: top; }
  th { background: var(--vscode-editorWidget-background); }
  tr:nth-child(even) td { background: var(--vscode-list-hoverBackground); }
  code, pre { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
  pre { white-space: pre-wrap; }
  a { color: var(--vscode-textLink-foreground); }
</style>
</head>
<body>
${body}
</body>
</html>`;
}
