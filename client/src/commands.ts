// The extension's commands as a table of handlers.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, WorkspaceReportRequest } from '../../server/src/protocol/protocol';
import { ReportView } from './report-view';
import type { StatusBar } from './status-bar';

type Handler = (...args: unknown[]) => unknown;

/** Registers every command; `getClient` returns the language client (undefined until activation has created it). */
export function registerCommands(
  getClient: () => LanguageClient | undefined,
  output: vscode.LogOutputChannel,
  status: StatusBar,
): vscode.Disposable[] {
  const reportView = new ReportView((params) => {
    const client = getClient();
    if (!client?.isRunning()) return Promise.reject(new Error('the language server is not running'));
    return client.sendRequest(WorkspaceReportRequest, params);
  });
  const table: Record<string, Handler> = {
    [Commands.restartServer]: async () => {
      const client = getClient();
      if (!client) return;
      status.restarting();
      await client.restart();
    },
    [Commands.showOutput]: () => output.show(true),
    // Calls per day come from .llm-infra-lint.json; callers (tasks, keybindings) may pass a number to try another.
    [Commands.openReport]: async (callsPerDay?: unknown) => {
      const client = getClient();
      if (!client?.isRunning()) {
        void vscode.window.showWarningMessage('LLM Infra Lint: the language server is not running.');
        return;
      }
      // The view shows a progress notification while the request runs, then keeps itself up to date.
      await reportView.open(typeof callsPerDay === 'number' ? callsPerDay : undefined);
    },
    [Commands.showDocumentation]: async (url: unknown) => {
      if (typeof url === 'string' && url.startsWith('https://')) await vscode.env.openExternal(vscode.Uri.parse(url));
    },
  };
  return [reportView, ...Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, handler))];
}
