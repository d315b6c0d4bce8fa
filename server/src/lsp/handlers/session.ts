// State shared by the handlers: the connection, open documents, one engine per workspace folder, and client support.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocuments, type ClientCapabilities, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findConfigFile, loadConfig } from '../../core/config';
import { initPython } from '../../languages/python/parser';
import { isPythonPath } from '../../languages/python/extract/workspace-index';
import type { Engine, LintResult } from '../../core/engine';
import { LineIndex } from '../../core/text';
import type { InitializationOptions, ServerState } from '../../protocol/protocol';
import { defaultSettings, type Settings } from '../../protocol/settings';
import { pathToUri, uriToPath, type EditSupport, type FileAccess } from '../convert';
import { IdleCollector } from '../idle-collector';

/** Lints slower than this are traced. */
const SLOW_LINT_MS = 200;

/** Milliseconds one lint may spend computing quick fixes in the language server. */
export const FIX_BUDGET_MS = 400;

/** Builds an engine for a workspace root (the real one, or a fake in tests). */
export type EngineFactory = (root: string, configPath?: string) => Engine;

/** What the client can do, read once from `initialize`. */
export interface ClientSupport {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  relatedInformation: boolean;
  workDoneProgress: boolean;
  showDocument: boolean;
  configuration: boolean;
  workspaceFolders: boolean;
  watchedFilesDynamic: boolean;
  configurationDynamic: boolean;
  codeLensRefresh: boolean;
  markdownHover: boolean;
  edits: EditSupport;
}

/** Reads what the server relies on from the client's capabilities. */
export function readClientSupport(c: ClientCapabilities): ClientSupport {
  const resourceOps = c.workspace?.workspaceEdit?.resourceOperations ?? [];
  return {
    pullDiagnostics: c.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: c.workspace?.diagnostics?.refreshSupport === true,
    relatedInformation: c.textDocument?.publishDiagnostics?.relatedInformation === true || c.textDocument?.diagnostic?.relatedInformation === true,
    workDoneProgress: c.window?.workDoneProgress === true,
    showDocument: c.window?.showDocument?.support === true,
    configuration: c.workspace?.configuration === true,
    workspaceFolders: c.workspace?.workspaceFolders === true,
    watchedFilesDynamic: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    configurationDynamic: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    codeLensRefresh: c.workspace?.codeLens?.refreshSupport === true,
    markdownHover: (c.textDocument?.hover?.contentFormat ?? ['markdown']).includes('markdown'),
    edits: {
      documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
      createFiles: resourceOps.includes('create'),
    },
  };
}

type Invalidation = { kind: 'all' } | { kind: 'document'; uri: string };

/** A document analysed at one version. */
export interface DocumentLint {
  path: string;
  version: number;
  index: LineIndex;
  result: LintResult;
}

/** The language server's state. Handlers read it and report back through `invalidate` and `recordFindings`. */
export class Session {
  readonly documents = new TextDocuments(TextDocument);
  /** Loading tree-sitter's Python grammar (WASM), started the first time a workspace or document holds Python. */
  private pythonParser: Promise<void> | null = null;
  support: ClientSupport = readClientSupport({});
  initOptions: InitializationOptions = {};
  state: ServerState = 'starting';
  shuttingDown = false;
  /** Settles when the current workspace scan ends. */
  scanning: Promise<void> = Promise.resolve();
  /** Workspace folder roots, longest first so the innermost folder wins. */
  private folderRoots: string[] = [];
  private readonly engines = new Map<string, Engine>();
  private readonly looseEngines = new Map<string, Engine>();
  /** Settings per folder root, for the config path; filled by the configuration handler. */
  configPathOf: (root: string) => string | undefined = () => undefined;
  /** Re-lints files in the background to update the findings count (all known files when no paths are given). */
  recount: (paths?: string[]) => void = () => undefined;
  /** Editor settings for a document URI; replaced by the configuration handler. */
  settingsFor: (uri: string) => Promise<Settings> = async () => defaultSettings;
  private readonly listeners: Array<(i: Invalidation) => void> = [];
  private readonly findingCounts = new Map<string, number>();
  private readonly countListeners: Array<() => void> = [];
  private readonly shutdownHooks: Array<() => void> = [];
  /** Collects garbage once the editor has gone quiet after a burst of requests. */
  private readonly idle = new IdleCollector();

  constructor(
    readonly connection: Connection,
    private readonly createEngine: EngineFactory,
  ) {}

  /** A message for the output channel at info level (the channel's log level filters it). */
  log(message: string): void {
    try {
      this.connection.console.info(message);
    } catch {
      // The connection is gone; nothing left to tell.
    }
  }

  /**
   * Detail for `llmInfraLint.trace.server`: sent as `$/logTrace`, which clients show only while tracing is on
   * (and the server sends only then). Never written to stdout.
   */
  trace(message: string, verbose?: string): void {
    try {
      this.connection.tracer.log(message, verbose);
    } catch {
      // Tracing is best effort.
    }
  }

  logError(context: string, e: unknown): void {
    const err = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
    try {
      this.connection.console.error(`${context}: ${err}`);
    } catch {
      // The connection is gone; nothing left to tell.
    }
  }

  /** Runs a handler body; an exception is logged and `fallback` returned, so one bad file never takes the server down. */
  async guard<T>(context: string, fallback: T, fn: () => T | Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      this.logError(context, e);
      return fallback;
    } finally {
      if (!this.shuttingDown) this.idle.touch();
    }
  }

  /**
   * Resolves once the parsers that load asynchronously are ready for `uri` and for every file the engines hold.
   * tree-sitter's Python grammar loads only when there is Python to read: a TypeScript-only workspace never pays
   * its start-up time or its memory (about 35 MB).
   */
  parsersReady(uri?: string): Promise<void> {
    if (this.pythonParser) return this.pythonParser;
    const p = uri ? uriToPath(uri) : null;
    const needed = (p !== null && isPythonPath(p)) || this.allEngines().some((e) => e.hasFileOfLanguage('python'));
    if (!needed) return Promise.resolve();
    this.pythonParser = initPython().catch((e) => this.logError('Loading the Python parser', e));
    return this.pythonParser;
  }

  setFolders(roots: string[]): void {
    const wanted = new Set(roots.map((r) => path.resolve(r)));
    for (const root of [...this.engines.keys()]) if (!wanted.has(root)) this.engines.delete(root);
    this.folderRoots = [...wanted].sort((a, b) => b.length - a.length);
    for (const root of this.folderRoots) if (!this.engines.has(root)) this.engines.set(root, this.newEngine(root));
  }

  folders(): string[] {
    return [...this.folderRoots];
  }

  folderEngine(root: string): Engine | undefined {
    return this.engines.get(path.resolve(root));
  }

  /** Every engine: one per folder, plus those made for files outside any folder. */
  allEngines(): Engine[] {
    return [...this.engines.values(), ...this.looseEngines.values()];
  }

  /** The folder containing a path, or null. */
  folderOf(p: string): string | null {
    return this.folderRoots.find((root) => p === root || p.startsWith(root + path.sep)) ?? null;
  }

  /** The engine a file belongs to; files outside every folder get an engine rooted at their config file's or own directory. */
  engineFor(p: string): Engine {
    const folder = this.folderOf(p);
    if (folder) return this.engines.get(folder)!;
    const config = safe(() => findConfigFile(path.dirname(p)));
    const root = config ? path.dirname(config) : path.dirname(p);
    let engine = this.looseEngines.get(root);
    if (!engine) {
      engine = this.newEngine(root);
      this.looseEngines.set(root, engine);
    }
    return engine;
  }

  /** The engine for a path only if one already covers it (for disk events). */
  existingEngineFor(p: string): Engine | undefined {
    const folder = this.folderOf(p);
    if (folder) return this.engines.get(folder);
    for (const [root, engine] of this.looseEngines) if (p.startsWith(root + path.sep) && engine.hasFile(p)) return engine;
    return undefined;
  }

  /** The config path setting of the folder holding `root`, resolved to an absolute path. */
  resolvedConfigPath(root: string): string | undefined {
    const setting = this.configPathOf(root);
    if (!setting) return undefined;
    return path.isAbsolute(setting) ? setting : path.resolve(root, setting);
  }

  /** Reloads every engine's configuration from disk; returns the engines whose include/exclude changed. */
  reloadConfigs(): Engine[] {
    const rescan: Engine[] = [];
    for (const engine of this.allEngines()) {
      const loaded = loadConfig(engine.root, this.resolvedConfigPath(engine.root));
      const before = engine.getConfig();
      if (before.include.join('\0') !== loaded.config.include.join('\0') || before.exclude.join('\0') !== loaded.config.exclude.join('\0')) rescan.push(engine);
      engine.setConfig(loaded.config, loaded.errors);
    }
    return rescan;
  }

  private newEngine(root: string): Engine {
    const engine = this.createEngine(root, this.resolvedConfigPath(root));
    // A huge file must not block the server: past this, findings come without their quick fixes (the CLI has no limit).
    engine.setFixBudget?.(FIX_BUDGET_MS);
    return engine;
  }

  /** Puts an open document's text into its engine (a no-op when unchanged). */
  syncDocument(doc: TextDocument): void {
    const p = uriToPath(doc.uri);
    if (p) this.engineFor(p).setFile(p, doc.getText());
  }

  /** After a document closes, the engine goes back to the file's disk contents (or forgets a file outside the folders). */
  async documentClosed(uri: string): Promise<void> {
    const p = uriToPath(uri);
    if (!p) return;
    const engine = this.existingEngineFor(p);
    if (!engine) return;
    if (this.folderOf(p) && fs.existsSync(p)) {
      await engine.scan([p]);
      return;
    }
    engine.removeFile(p);
    this.forgetFindings(p);
  }

  /** Lints an open document at its current version; null for documents the engines do not analyse. */
  lintDocument(doc: TextDocument): DocumentLint | null {
    const p = uriToPath(doc.uri);
    if (!p) return null;
    const engine = this.engineFor(p);
    const text = doc.getText();
    engine.setFile(p, text);
    if (!engine.languageOf(p)) return null;
    const started = Date.now();
    const result = engine.lint(p);
    const ms = Date.now() - started;
    if (ms >= SLOW_LINT_MS) this.trace(`Analysing ${p} (version ${doc.version}, ${text.length} characters) took ${ms} ms`);
    this.recordFindings(p, result.findings.length);
    return { path: p, version: doc.version, index: new LineIndex(text), result };
  }

  /** The open document for a path, if any. */
  documentFor(p: string): TextDocument | undefined {
    return this.documents.get(pathToUri(p)) ?? this.documents.all().find((d) => uriToPath(d.uri) === p);
  }

  /** File access for conversions: open buffers first, then the engine's copy, then disk. */
  files(): FileAccess {
    return {
      textOf: (p) => {
        const doc = this.documentFor(p);
        if (doc) return doc.getText();
        try {
          return fs.readFileSync(p, 'utf8');
        } catch {
          return undefined;
        }
      },
      uriOf: (p) => this.documentFor(p)?.uri ?? pathToUri(p),
      versionOf: (p) => this.documentFor(p)?.version ?? null,
    };
  }

  /** Runs `hook` when the client sends `shutdown` (the connection takes a single shutdown handler, which index.ts owns). */
  atShutdown(hook: () => void): void {
    this.shutdownHooks.push(hook);
  }

  /** Stops background work; called once on `shutdown`. */
  shutdown(): void {
    this.shuttingDown = true;
    this.idle.dispose();
    for (const hook of this.shutdownHooks) hook();
  }

  onInvalidate(listener: (i: Invalidation) => void): void {
    this.listeners.push(listener);
  }

  /** Something changed that may change findings: all documents (config, other files) or one. */
  invalidate(i: Invalidation): void {
    for (const l of this.listeners) {
      try {
        l(i);
      } catch (e) {
        this.logError('invalidate', e);
      }
    }
  }

  recordFindings(p: string, count: number): void {
    if (this.findingCounts.get(p) === count) return;
    this.findingCounts.set(p, count);
    for (const l of this.countListeners) l();
  }

  forgetFindings(p: string): void {
    if (this.findingCounts.delete(p)) for (const l of this.countListeners) l();
  }

  onFindingsChanged(listener: () => void): void {
    this.countListeners.push(listener);
  }

  totalFindings(): number {
    let n = 0;
    for (const c of this.findingCounts.values()) n += c;
    return n;
  }

  knownFileCount(): number {
    return this.allEngines().reduce((n, e) => n + e.knownFiles().length, 0);
  }
}

function safe<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}
