// The status bar item: "LLM Lint: N findings"; clicking it opens the report.
import * as vscode from 'vscode';
import { Commands, type StatusParams } from '../../server/src/protocol/protocol';
import { SETTINGS_SECTION } from '../../server/src/protocol/settings';

/** The status bar item, updated from `llm-infra-lint/status`. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('llmInfraLint.status', vscode.StatusBarAlignment.Right, 100);
  private readonly watcher: vscode.Disposable;
  private last: StatusParams | undefined;

  constructor() {
    this.item.name = 'LLM Infra Lint';
    this.item.command = Commands.openReport;
    this.item.text = '$(loading~spin) LLM Lint';
    this.item.tooltip = 'LLM Infra Lint is starting';
    this.item.show();
    this.watcher = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS_SECTION}.enable`) && this.last) this.update(this.last);
    });
  }

  update(status: StatusParams): void {
    this.last = status;
    const enabled = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>('enable', true);
    if (!enabled) this.item.text = '$(circle-slash) LLM Lint: off';
    else if (status.state !== 'ready') this.item.text = '$(loading~spin) LLM Lint: scanning…';
    else this.item.text = `$(pulse) LLM Lint: ${status.findings} finding${status.findings === 1 ? '' : 's'}`;
    const config = status.configErrors ? `\n${status.configErrors} problem(s) in .llm-infra-lint.json` : '';
    this.item.tooltip = `LLM Infra Lint: ${status.filesScanned} files analysed${config}\nClick to open the token-cost report`;
    this.item.backgroundColor = status.configErrors ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  restarting(): void {
    this.item.text = '$(loading~spin) LLM Lint: restarting…';
  }

  dispose(): void {
    this.watcher.dispose();
    this.item.dispose();
  }
}
