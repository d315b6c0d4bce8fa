// The status bar item: "LLM Lint: N findings"; clicking it opens the report.
import * as vscode from 'vscode';
import { Commands, type StatusParams } from '../../server/src/protocol/protocol';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('llmInfraLint.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'LLM Infra Lint';
    this.item.command = Commands.openReport;
    this.item.text = '$(loading~spin) LLM Lint';
    this.item.tooltip = 'LLM Infra Lint is starting';
    this.item.show();
  }

  update(status: StatusParams): void {
    if (status.state === 'scanning') {
      this.item.text = '$(loading~spin) LLM Lint: scanning…';
    } else {
      this.item.text = `$(pulse) LLM Lint: ${status.findings} finding${status.findings === 1 ? '' : 's'}`;
    }
    const config = status.configErrors ? `\n${status.configErrors} problem(s) in .llm-infra-lint.json` : '';
    this.item.tooltip = `LLM Infra Lint: ${status.filesScanned} files analysed${config}\nClick to open the token-cost report`;
    this.item.backgroundColor = status.configErrors ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  restarting(): void {
    this.item.text = '$(loading~spin) LLM Lint: restarting…';
  }

  dispose(): void {
    this.item.dispose();
  }
}
