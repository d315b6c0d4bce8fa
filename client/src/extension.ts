// The VS Code extension: starts the language server and registers commands. All analysis happens in the server.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { Commands, SERVER_ENV, SERVER_NODE_ARGS, StatusNotification, type InitializationOptions } from '../../server/src/protocol/protocol';
import { SETTINGS_SECTION } from '../../server/src/protocol/settings';
import { registerCommands } from './commands';
import { StatusBar } from './status-bar';

/** Language ids the server analyses (dotenv and nginx are contributed by this extension). */
const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'yaml', 'dotenv', 'nginx'];

/** Files whose changes on disk the server must hear about even when they are not open. */
const WATCHED = ['**/.llm-infra-lint.json', '**/*.{yaml,yml,conf,env}', '**/.env*', '**/package.json', '**/requirements*.txt'];

let client: LanguageClient | undefined;
let deactivated = false;

/** After a crash the server is restarted at most this many times within the window, then left stopped. */
export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 5 * 60_000;
/** The first restart waits this long; each further one within the window waits twice as long (1, 2, 4, 8, 16 s). */
export const FIRST_RESTART_DELAY_MS = 1_000;

/** Counts crashes in a sliding window and says how long to wait before restarting, or that it is time to give up. */
export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    readonly maxRestarts = MAX_RESTARTS,
    readonly windowMs = RESTART_WINDOW_MS,
    readonly firstDelayMs = FIRST_RESTART_DELAY_MS,
  ) {}

  /** Records a crash: the delay before the restart, or null when the server crashed too often to restart again. */
  crashed(): number | null {
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.windowMs);
    this.crashes.push(t);
    if (this.crashes.length > this.maxRestarts) return null;
    return this.firstDelayMs * 2 ** (this.crashes.length - 1);
  }

  reset(): void {
    this.crashes = [];
  }
}

/** What the crash handler needs from VS Code (a seam for tests). */
export interface CrashUi {
  /** A line in the output channel. */
  log(message: string): void;
  /** The one error notification, with a "Show Output" button. */
  tell(message: string): void;
  sleep(ms: number): Promise<void>;
  /** The extension is being deactivated: never restart. */
  stopping(): boolean;
}

/**
 * The language client's error handler: restarts a crashed server with increasing delays, and after too many crashes
 * in the window leaves it stopped and tells the user once (not once per crash, and not in a loop). `reset` re-arms it
 * after the user restarts the server by hand.
 */
export function crashHandler(policy: RestartPolicy, ui: CrashUi): ErrorHandler & { reset(): void } {
  let told = false;
  const tellOnce = (message: string) => {
    if (told) return;
    told = true;
    ui.tell(message);
  };
  return {
    error(error, _message, count): ErrorHandlerResult {
      // A few bad messages are survivable; a connection that keeps failing is shut down (and counts as a crash).
      if (count !== undefined && count <= 3) return { action: ErrorAction.Continue, handled: true };
      ui.log(`The connection to the server keeps failing (${error.message}); shutting it down.`);
      tellOnce('LLM Infra Lint: the connection to the language server keeps failing, so it was stopped.');
      return { action: ErrorAction.Shutdown, handled: true };
    },
    async closed(): Promise<CloseHandlerResult> {
      if (ui.stopping()) return { action: CloseAction.DoNotRestart, handled: true };
      const delay = policy.crashed();
      if (delay === null) {
        const minutes = Math.round(policy.windowMs / 60_000);
        ui.log(`The server crashed ${policy.maxRestarts + 1} times in ${minutes} minutes; it will not be restarted.`);
        tellOnce(`LLM Infra Lint: the language server crashed ${policy.maxRestarts + 1} times in ${minutes} minutes and was not restarted. Run "LLM Infra Lint: Restart Server" to try again.`);
        return { action: CloseAction.DoNotRestart, handled: true };
      }
      ui.log(`The server stopped unexpectedly; restarting in ${delay / 1000} s.`);
      await ui.sleep(delay);
      return ui.stopping() ? { action: CloseAction.DoNotRestart, handled: true } : { action: CloseAction.Restart, handled: true };
    },
    reset() {
      told = false;
      policy.reset();
    },
  };
}

/** Starts the language client and registers commands and the status bar. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  deactivated = false;
  const output = vscode.window.createOutputChannel('LLM Infra Lint', { log: true });
  const crashes = crashHandler(new RestartPolicy(), {
    log: (message) => output.warn(message),
    tell: (message) => {
      void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
        if (choice) output.show(true);
      });
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    stopping: () => deactivated,
  });
  const serverModule = context.asAbsolutePath('dist/server.js');
  // The server keeps its V8 code cache (a faster start) in the extension's own storage, removed with the extension.
  const env = { ...SERVER_ENV, LLM_INFRA_LINT_CACHE_DIR: vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS], env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6009'], env } },
  };
  const initializationOptions: InitializationOptions = { clientCommands: [Commands.showDocumentation] };
  const clientOptions: LanguageClientOptions = {
    // YAML files also open under other language ids (VS Code's own `dockercompose` for compose files, `helm`,
    // `github-actions-workflow` from other extensions): select them by name too, or their diagnostics never show.
    documentSelector: [
      ...LANGUAGES.map((language) => ({ scheme: 'file', language })),
      { scheme: 'file', pattern: '**/*.{yaml,yml}' },
      { scheme: 'file', pattern: '**/.env*' },
    ],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      fileEvents: WATCHED.map((glob) => vscode.workspace.createFileSystemWatcher(glob)),
    },
    initializationOptions,
    outputChannel: output,
    errorHandler: crashes,
  };
  // The id matches the settings section, so `llmInfraLint.trace.server` sets the protocol trace.
  client = new LanguageClient(SETTINGS_SECTION, 'LLM Infra Lint', serverOptions, clientOptions);
  const status = new StatusBar();
  context.subscriptions.push(output, status, ...registerCommands(() => client, output, status));
  context.subscriptions.push(client.onNotification(StatusNotification, (params) => status.update(params)));
  // Running again after the handler gave up means the user restarted it: crashes count from zero again.
  let wasStopped = false;
  context.subscriptions.push(
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) wasStopped = true;
      else if (e.newState === State.Running && wasStopped) {
        wasStopped = false;
        crashes.reset();
      }
    }),
  );
  await client.start();
}

/** Stops the language server. */
export async function deactivate(): Promise<void> {
  deactivated = true;
  await client?.stop();
  client = undefined;
}
