// workspace/executeCommand for editors that do not implement the extension's commands themselves.
import { MessageType, ShowMessageNotification, type ExecuteCommandParams } from 'vscode-languageserver';
import { Commands } from '../../protocol/protocol';
import type { Session } from './session';

/** Commands the server executes, minus those the client said it handles itself. */
export function serverCommands(clientCommands: string[] = []): string[] {
  return [Commands.showDocumentation].filter((c) => !clientCommands.includes(c));
}

/** Registers workspace/executeCommand. */
export function registerExecuteCommand(session: Session): void {
  session.connection.onExecuteCommand((params) => session.guard('workspace/executeCommand', null, () => execute(session, params)));
}

async function execute(session: Session, params: ExecuteCommandParams): Promise<null> {
  if (params.command !== Commands.showDocumentation) return null;
  const url = params.arguments?.[0];
  if (typeof url !== 'string' || !/^https:\/\//.test(url)) return null;
  if (session.support.showDocument) await session.connection.window.showDocument({ uri: url, external: true });
  else void session.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `llm-infra-lint documentation: ${url}` });
  return null;
}
