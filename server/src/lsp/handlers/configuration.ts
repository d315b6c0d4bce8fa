// Editor settings (workspace/configuration, section `llmInfraLint`) and the project file `.llm-infra-lint.json`.
import * as path from 'node:path';
import { DiagnosticSeverity, DidChangeConfigurationNotification, MessageType, ShowMessageNotification, type Diagnostic } from 'vscode-languageserver';
import { LineIndex } from '../../core/text';
import type { FileError } from '../../core/types';
import { DIAGNOSTIC_SOURCE } from '../../protocol/protocol';
import { SETTINGS_SECTION, defaultSettings, normalizeSettings, type Settings } from '../../protocol/settings';
import { pathToUri, spanToRange } from '../convert';
import type { Session } from './session';

/** A client that never answers `workspace/configuration` must not stall diagnostics. */
const CONFIGURATION_TIMEOUT_MS = 3000;

/** Editor settings, asked per resource and cached until the client reports a change. */
class SettingsStore {
  /** Settings pushed by clients without `workspace/configuration` (initializationOptions, didChangeConfiguration). */
  pushed: Settings;
  private readonly cache = new Map<string, Promise<Settings>>();
  private readonly folderSettings = new Map<string, Settings>();

  constructor(private readonly session: Session) {
    this.pushed = defaultSettings;
  }

  get(uri: string): Promise<Settings> {
    if (!this.session.support.configuration) return Promise.resolve(this.pushed);
    let cached = this.cache.get(uri);
    if (!cached) {
      cached = this.fetch(uri);
      this.cache.set(uri, cached);
    }
    return cached;
  }

  folder(root: string): Settings {
    return this.folderSettings.get(root) ?? this.pushed;
  }

  /** Re-reads the settings of every workspace folder (they carry the config path). */
  async refreshFolders(): Promise<void> {
    for (const root of this.session.folders()) this.folderSettings.set(root, await this.get(pathToUri(root)));
  }

  clear(): void {
    this.cache.clear();
  }

  private async fetch(uri: string): Promise<Settings> {
    try {
      const answer = await Promise.race([
        this.session.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), CONFIGURATION_TIMEOUT_MS).unref()),
      ]);
      return answer === undefined ? this.pushed : normalizeSettings(answer);
    } catch (e) {
      this.session.logError('workspace/configuration', e);
      return defaultSettings;
    }
  }
}

/** The configuration part of the server; `configFileChanged` is called by the file watcher. */
export interface ConfigurationHandler {
  /** At `initialize`: take settings the client passed in initializationOptions. */
  initialize(): void;
  /** After `initialized`: read folder settings and report config problems. */
  start(): Promise<void>;
  configFileChanged(): Promise<void>;
  /** Publishes (or clears) diagnostics on config files and tells the user once per new problem. */
  reportConfigErrors(): void;
}

/** Registers settings and config-file handling; `rescan` re-reads folders whose include/exclude changed. */
export function registerConfiguration(session: Session, rescan: (roots: string[]) => Promise<void>): ConfigurationHandler {
  const store = new SettingsStore(session);
  session.settingsFor = (uri) => store.get(uri);
  session.configPathOf = (root) => store.folder(root).configPath || undefined;
  let published = new Set<string>();
  let lastShown = '';

  const reportConfigErrors = (): void => {
    const byFile = new Map<string, FileError[]>();
    for (const engine of session.allEngines()) {
      for (const e of engine.getConfigErrors()) {
        const list = byFile.get(e.path) ?? [];
        if (!list.some((x) => x.message === e.message)) list.push(e);
        byFile.set(e.path, list);
      }
    }
    const files = session.files();
    const now = new Set<string>();
    for (const [file, errors] of byFile) {
      const uri = files.uriOf(file);
      now.add(uri);
      const index = new LineIndex(files.textOf(file) ?? '');
      const diagnostics: Diagnostic[] = errors.map((e) => ({
        range: e.span ? spanToRange(index, e.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Error,
        source: DIAGNOSTIC_SOURCE,
        code: 'llm-infra-lint/config',
        message: e.message,
      }));
      void session.connection.sendDiagnostics({ uri, diagnostics });
    }
    for (const uri of published) if (!now.has(uri)) void session.connection.sendDiagnostics({ uri, diagnostics: [] });
    published = now;
    const summary = [...byFile].map(([file, errors]) => `${path.basename(file)}: ${errors[0].message}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}`).join('; ');
    if (summary && summary !== lastShown) void session.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `llm-infra-lint: ${summary}` });
    lastShown = summary;
  };

  const configFileChanged = async (): Promise<void> => {
    const rescanRoots = session.reloadConfigs().map((e) => e.root);
    reportConfigErrors();
    if (rescanRoots.length) await rescan(rescanRoots);
    session.invalidate({ kind: 'all' });
    session.recount();
  };

  session.connection.onDidChangeConfiguration((params) => {
    void session.guard('didChangeConfiguration', undefined, async () => {
      const raw: unknown = (params.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
      if (raw !== undefined) store.pushed = normalizeSettings(raw);
      const before = session.folders().map((r) => session.configPathOf(r) ?? '').join('\0');
      store.clear();
      await store.refreshFolders();
      const after = session.folders().map((r) => session.configPathOf(r) ?? '').join('\0');
      if (before !== after) await configFileChanged();
      else session.invalidate({ kind: 'all' });
    });
  });

  return {
    initialize() {
      store.pushed = normalizeSettings(session.initOptions.settings);
    },
    async start() {
      if (session.support.configurationDynamic) {
        await session.guard('register didChangeConfiguration', undefined, () =>
          session.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }),
        );
      }
      await store.refreshFolders();
      if (session.folders().some((r) => session.configPathOf(r))) session.reloadConfigs();
      reportConfigErrors();
    },
    configFileChanged,
    reportConfigErrors,
  };
}
