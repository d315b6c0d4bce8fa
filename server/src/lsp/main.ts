// The language server's entry point: `node dist/server.js --stdio` or `--node-ipc` (chosen from argv by createConnection).
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { createEngine } from '../analysis';
import { startServer } from './handlers';

/** How often to check that the process that started us is still there (reading ppid is one cheap system call). */
const PARENT_CHECK_MS = 2000;

const connection = createConnection(ProposedFeatures.all);
const session = startServer(connection, createEngine);

// Never die on a stray exception: log it and keep serving. Never console.log: on stdio it would corrupt the protocol.
process.on('uncaughtException', (e) => session.logError('uncaught exception', e));
process.on('unhandledRejection', (e) => session.logError('unhandled rejection', e));

// vscode-languageserver watches `processId` from initialize and `--clientProcessId`; this also covers clients that
// send neither: when the parent dies, the OS re-parents us and ppid changes.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(session.shuttingDown ? 0 : 1);
}, PARENT_CHECK_MS).unref();
