// Wires the handlers to a connection. main.ts calls this with the real engine; tests may pass a fake one.
import { CodeActionKind, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import pkg from '../../../../package.json';
import { FIX_ALL_KIND, type InitializationOptions } from '../../protocol/protocol';
import { registerCodeActions } from './code-actions';
import { registerCodeLens } from './code-lens';
import { registerConfiguration } from './configuration';
import { registerDiagnostics } from './diagnostics';
import { registerExecuteCommand, serverCommands } from './execute-command';
import { registerHover } from './hover';
import { registerReport } from './report';
import { Session, readClientSupport, type EngineFactory } from './session';
import { initialRoots, registerWorkspace } from './workspace';

/** Registers every handler on `connection` and starts listening. */
export function startServer(connection: Connection, createEngine: EngineFactory): Session {
  const session = new Session(connection, createEngine);
  const workspace = registerWorkspace(session);
  const configuration = registerConfiguration(session, (roots) => workspace.rescan(roots));
  registerDiagnostics(session);
  registerCodeActions(session);
  registerHover(session);
  registerCodeLens(session);
  registerExecuteCommand(session);
  registerReport(session);

  connection.onInitialize((params): InitializeResult => {
    session.support = readClientSupport(params.capabilities);
    const options = params.initializationOptions;
    session.initOptions = options && typeof options === 'object' ? (options as InitializationOptions) : {};
    configuration.initialize();
    session.setFolders(initialRoots(params));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: session.support.pullDiagnostics
          ? { identifier: 'llm-infra-lint', interFileDependencies: true, workspaceDiagnostics: false }
          : undefined,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: serverCommands(session.initOptions.clientCommands) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'llm-infra-lint', version: pkg.version },
    };
  });

  connection.onInitialized(() => {
    void session.guard('initialized', undefined, async () => {
      await configuration.start();
      await workspace.start(configuration);
    });
  });

  connection.onShutdown(() => session.shutdown());

  session.documents.listen(connection);
  connection.listen();
  return session;
}
