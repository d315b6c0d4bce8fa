// The VS Code extension: starts the language server and registers commands. All analysis happens in the server.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Commands, StatusNotification, type InitializationOptions } from '../../server/src/protocol/protocol';
import { SETTINGS_SECTION } from '../../server/src/protocol/settings';
import { registerCommands } from './commands';
import { StatusBar } from './status-bar';

/** Language ids the server analyses (dotenv and nginx are contributed by this extension). */
const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'yaml', 'dotenv', 'nginx'];

/** Files whose changes on disk the server must hear about even when they are not open. */
const WATCHED = ['**/.llm-infra-lint.json', '**/*.{yaml,yml,conf,env}', '**/.env*', '**/package.json', '**/requirements*.txt'];

let client: LanguageClient | undefined;

/** Starts the language client and registers commands and the status bar. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('LLM Infra Lint', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const initializationOptions: InitializationOptions = { clientCommands: [Commands.showDocumentation] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...LANGUAGES.map((language) => ({ scheme: 'file', language })), { scheme: 'file', pattern: '**/.env*' }],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      fileEvents: WATCHED.map((glob) => vscode.workspace.createFileSystemWatcher(glob)),
    },
    initializationOptions,
    outputChannel: output,
  };
  // The id matches the settings section, so `llmInfraLint.trace.server` sets the protocol trace.
  client = new LanguageClient(SETTINGS_SECTION, 'LLM Infra Lint', serverOptions, clientOptions);
  const status = new StatusBar();
  context.subscriptions.push(output, status, ...registerCommands(() => client, output, status));
  context.subscriptions.push(client.onNotification(StatusNotification, (params) => status.update(params)));
  await client.start();
}

/** Stops the language server. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
