// The language server's entry point: `node dist/server.js --stdio` or `--node-ipc` (chosen from argv by createConnection).
import * as v8 from 'node:v8';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { createEngine } from '../analysis';
import { startServer } from './handlers';
import { serverCacheDir, useCodeCacheDir } from '../process/code-cache';

/** How often to check that the process that started us is still there (reading ppid is one cheap system call). */
const PARENT_CHECK_MS = 2000;

// V8 lets the old generation grow to up to four times what survived the last full collection before collecting
// again, and keystrokes allocate in bursts that die young. Growing by at most the live size (100 %) kept the bench
// server's peak at 170-200 MB instead of 230-270 MB at no measurable keystroke cost (npm run bench); 20 % saved another
// 30-40 MB but cost 10-25 % of keystroke latency. Set before anything is allocated; an embedder that does not know the
// flag ignores it.
v8.setFlagsFromString('--heap-growing-percent=100');
useCodeCacheDir(serverCacheDir());

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
