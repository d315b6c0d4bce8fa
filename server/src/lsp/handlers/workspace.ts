// Workspace folders: the initial scan (with cancellable progress), file watching, folder changes and the status notification.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType, type FileEvent, type WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../../core/config';
import type { Engine } from '../../core/engine';
import { StatusNotification, type StatusParams } from '../../protocol/protocol';
import { uriToPath } from '../convert';
import type { ConfigurationHandler } from './configuration';
import type { Session } from './session';

/** Globs the server wants disk events for; the VS Code client also synchronizes most of these. */
export const WATCHED_GLOBS = [
  `**/${CONFIG_FILE_NAME}`,
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py}',
  '**/*.{yaml,yml,conf,env,nginx}',
  '**/.env*',
  '**/package.json',
  '**/{tsconfig,jsconfig}*.json',
  '**/langgraph.json',
  '**/requirements*.txt',
  '**/pyproject.toml',
];

const WATCH_DEBOUNCE_MS = 100;
const STATUS_DEBOUNCE_MS = 200;
/** How long the background count runs before yielding to requests. */
const SLICE_MS = 15;

/** Workspace scanning, as the other handlers drive it. */
export interface WorkspaceHandler {
  /** Scans the folders given at initialize and starts watching. */
  start(configuration: ConfigurationHandler): Promise<void>;
  /** Re-reads folders from disk (after include/exclude changed). */
  rescan(roots: string[]): Promise<void>;
}

/** Folder roots from `initialize` params: workspaceFolders, else rootUri, else rootPath. */
export function initialRoots(params: { workspaceFolders?: Array<{ uri: string }> | null; rootUri?: string | null; rootPath?: string | null }): string[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== null);
  if (params.rootUri) {
    const p = uriToPath(params.rootUri);
    return p ? [p] : [];
  }
  return params.rootPath ? [path.resolve(params.rootPath)] : [];
}

/** Registers file watching, folder changes and status reporting. */
export function registerWorkspace(session: Session): WorkspaceHandler {
  const { connection } = session;
  let configuration: ConfigurationHandler | null = null;
  let pending: FileEvent[] = [];
  let watchTimer: NodeJS.Timeout | undefined;
  let statusTimer: NodeJS.Timeout | undefined;
  let countRun = 0;

  const sendStatus = (): void => {
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => {
      const params: StatusParams = {
        state: session.state,
        filesScanned: session.knownFileCount(),
        findings: session.totalFindings(),
        configErrors: session.allEngines().reduce((n, e) => n + e.getConfigErrors().length, 0),
      };
      void connection.sendNotification(StatusNotification, params).catch(() => undefined);
    }, STATUS_DEBOUNCE_MS);
  };
  session.onFindingsChanged(sendStatus);

  /** Lints every known file in short slices so the status bar can show a workspace-wide count. */
  const countAll = async (paths?: Array<{ engine: Engine; path: string }>): Promise<void> => {
    // A full count supersedes earlier counts; a count of a few files never cancels a full one.
    const run = paths ? countRun : ++countRun;
    const todo = paths ?? session.allEngines().flatMap((engine) => engine.knownFiles().map((p) => ({ engine, path: p })));
    await session.parsersReady();
    let sliceStart = Date.now();
    for (const { engine, path: p } of todo) {
      if (run !== countRun || session.shuttingDown) return;
      if (!engine.hasFile(p) || !engine.languageOf(p)) continue;
      try {
        session.recordFindings(p, engine.lint(p).findings.length);
      } catch (e) {
        session.logError(`lint ${p}`, e);
      }
      if (Date.now() - sliceStart > SLICE_MS) {
        await new Promise((r) => setImmediate(r));
        sliceStart = Date.now();
      }
    }
    sendStatus();
  };

  const scan = (roots: string[]): Promise<void> => {
    const run = session.scanning.then(() => scanNow(roots));
    session.scanning = run.catch((e) => session.logError('scan', e));
    return run;
  };

  const scanNow = async (roots: string[]): Promise<void> => {
    session.state = 'scanning';
    sendStatus();
    let reporter: WorkDoneProgressServerReporter | undefined;
    let cancelled = false;
    if (session.support.workDoneProgress) {
      try {
        reporter = await connection.window.createWorkDoneProgress();
        reporter.begin('LLM Infra Lint', 0, 'Scanning workspace…', true);
        reporter.token.onCancellationRequested(() => (cancelled = true));
      } catch (e) {
        session.logError('workDoneProgress', e);
        reporter = undefined;
      }
    }
    try {
      for (const [i, root] of roots.entries()) {
        const engine = session.folderEngine(root);
        if (!engine) continue;
        const errors = await engine.scan([root], {
          isCancelled: () => cancelled || session.shuttingDown,
          onProgress: (done, total) => {
            const share = total ? done / total : 1;
            reporter?.report(Math.round(((i + share) / roots.length) * 100), `${path.basename(root)}: ${done}/${total} files`);
          },
        });
        for (const e of errors.slice(0, 20)) session.log(`${e.path}: ${e.message}`);
        if (errors.length > 20) session.log(`… and ${errors.length - 20} more files could not be read`);
      }
      if (cancelled) session.log('Workspace scan cancelled; only open files and files read so far are analysed');
      // Python files found: their parser is ready before the workspace is.
      await session.parsersReady();
    } finally {
      // Open documents always win over what the scan read from disk.
      for (const doc of session.documents.all()) session.syncDocument(doc);
      reporter?.done();
      session.state = 'ready';
      sendStatus();
    }
    session.invalidate({ kind: 'all' });
    void countAll();
  };

  const processEvents = async (): Promise<void> => {
    const events = pending;
    pending = [];
    let configChanged = false;
    const open = new Set(session.documents.all().map((d) => uriToPath(d.uri)));
    for (const event of events) {
      const p = uriToPath(event.uri);
      if (!p) continue;
      if (path.basename(p) === CONFIG_FILE_NAME || session.allEngines().some((e) => session.resolvedConfigPath(e.root) === p)) {
        configChanged = true;
        continue;
      }
      if (open.has(p)) continue;
      const engine = session.existingEngineFor(p);
      if (!engine || engine.ignores(p)) continue;
      if (event.type === FileChangeType.Deleted) {
        // A deleted directory is reported once, for the directory itself.
        const gone = engine.hasFile(p) ? [p] : engine.knownFiles().filter((known) => known.startsWith(p + path.sep));
        for (const known of gone) {
          engine.removeFile(known);
          session.forgetFindings(known);
        }
      } else if (exists(p)) {
        await engine.scan([p]);
      }
    }
    if (configChanged && configuration) await configuration.configFileChanged();
    else if (events.length) session.invalidate({ kind: 'all' });
    // A file changed on disk can change other files' findings (an `.env.example`, a manifest, an imported module): the
    // status count is recounted for the whole workspace, in slices, as after the first scan.
    if (events.length) void countAll();
    sendStatus();
  };

  connection.onDidChangeWatchedFiles((params) => {
    pending.push(...params.changes);
    clearTimeout(watchTimer);
    watchTimer = setTimeout(() => void session.guard('didChangeWatchedFiles', undefined, processEvents), WATCH_DEBOUNCE_MS);
  });

  session.atShutdown(() => {
    clearTimeout(watchTimer);
    clearTimeout(statusTimer);
  });

  session.recount = (paths) => {
    if (session.state !== 'ready') return;
    if (!paths) {
      void countAll();
      return;
    }
    void countAll(paths.map((p) => ({ engine: session.existingEngineFor(p) ?? session.engineFor(p), path: p })));
  };

  const handler: WorkspaceHandler = {
    async start(config) {
      configuration = config;
      if (session.support.watchedFilesDynamic) {
        await session.guard('register file watchers', undefined, () =>
          connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) }),
        );
      }
      if (session.support.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((event) => {
          void session.guard('didChangeWorkspaceFolders', undefined, async () => {
            const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
            const added = event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== null);
            session.setFolders([...session.folders().filter((r) => !removed.has(r)), ...added]);
            configuration?.reportConfigErrors();
            await scan(added.map((r) => path.resolve(r)));
          });
        });
      }
      await scan(session.folders());
    },
    rescan: async (roots) => {
      for (const root of roots) {
        const engine = session.folderEngine(root);
        if (!engine) continue;
        for (const known of engine.knownFiles()) {
          if (session.documentFor(known)) continue;
          engine.removeFile(known);
          session.forgetFindings(known);
        }
      }
      await scan(roots.filter((r) => session.folderEngine(r)));
    },
  };
  return handler;
}

function exists(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch {
    return false;
  }
}
