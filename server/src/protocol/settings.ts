// Editor settings (`llmInfraLint.*`). They cover editor behaviour only; what affects findings lives in `.llm-infra-lint.json`.
//
// Adding a setting takes four steps (the vscode-eslint recipe):
//   1. add it to `Settings` and `defaultSettings` below;
//   2. read it in `normalizeSettings`;
//   3. contribute `llmInfraLint.<name>` in package.json `contributes.configuration` (test/lsp/settings.test.ts checks they match);
//   4. use it in the server (server/src/lsp/handlers/configuration.ts hands settings to the other handlers).

/** When open files are analysed. */
export type RunMode = 'onType' | 'onSave';
/** Protocol tracing in the client (`llmInfraLint.trace.server`). */
export type TraceLevel = 'off' | 'messages' | 'verbose';

/** The `llmInfraLint.*` settings as the server receives them. */
export interface Settings {
  enable: boolean;
  run: RunMode;
  /** Path to `.llm-infra-lint.json`; relative paths are resolved against the workspace folder. Empty: nearest one upward. */
  configPath: string;
  trace: { server: TraceLevel };
}

/** The configuration section the settings live under. */
export const SETTINGS_SECTION = 'llmInfraLint';

/** Defaults; package.json declares the same values. */
export const defaultSettings: Settings = {
  enable: true,
  run: 'onType',
  configPath: '',
  trace: { server: 'off' },
};

/** Every setting key as VS Code names it (`llmInfraLint.trace.server`), with its default. */
export function settingKeys(): Record<string, unknown> {
  return {
    [`${SETTINGS_SECTION}.enable`]: defaultSettings.enable,
    [`${SETTINGS_SECTION}.run`]: defaultSettings.run,
    [`${SETTINGS_SECTION}.configPath`]: defaultSettings.configPath,
    [`${SETTINGS_SECTION}.trace.server`]: defaultSettings.trace.server,
  };
}

/** Settings from whatever the client sent (possibly null, partial or of the wrong types); never throws. */
export function normalizeSettings(raw: unknown): Settings {
  const r = isRecord(raw) ? raw : {};
  const trace = isRecord(r.trace) ? r.trace : {};
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : defaultSettings.enable,
    run: r.run === 'onSave' || r.run === 'onType' ? r.run : defaultSettings.run,
    configPath: typeof r.configPath === 'string' ? r.configPath : defaultSettings.configPath,
    trace: {
      server: trace.server === 'messages' || trace.server === 'verbose' || trace.server === 'off' ? trace.server : defaultSettings.trace.server,
    },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
