// Custom LSP methods shared by the server and the VS Code client. Declared once, imported by both.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** Parameters of `llm-infra-lint/workspaceReport`. */
export interface WorkspaceReportParams {
  /** The format the caller will show; markdown and JSON are always returned, HTML only when asked for. */
  format: 'markdown' | 'json' | 'html';
  /** Overrides the config's calls per day for cost projections. */
  callsPerDay?: number;
}

/** The report in both forms. */
export interface WorkspaceReportResult {
  markdown: string;
  /** The report as data (call sites with cost fields, totals, findings): `Report` in server/src/core/report.ts, documented in docs/report.md. */
  json: unknown;
  /** With `format: 'html'`: the report as one self-contained HTML page (for editors that open it in a browser). */
  html?: string;
  /** The directory the report's paths are relative to (absolute), so a client can open a call site. */
  root?: string;
}

/** `llm-infra-lint/workspaceReport`: the workspace token-cost report. */
export const WorkspaceReportRequest = new RequestType<WorkspaceReportParams, WorkspaceReportResult, void>(
  'llm-infra-lint/workspaceReport',
);

/** What the server is doing: the client's status bar shows it. */
export type ServerState = 'starting' | 'scanning' | 'ready';

/** Parameters of `llm-infra-lint/status`. */
export interface StatusParams {
  state: ServerState;
  /** Files the engines know (scanned from disk or open). */
  filesScanned: number;
  /** Findings across the workspace, as of the last analysis of each file. */
  findings: number;
  /** Problems with the configuration file, if any. */
  configErrors: number;
}

/** `llm-infra-lint/status`: sent by the server whenever its state or the findings count changes. */
export const StatusNotification = new NotificationType<StatusParams>('llm-infra-lint/status');

/** Command ids. The client implements the first three; the server answers `showDocumentation` for other editors. */
export const Commands = {
  restartServer: 'llmInfraLint.restartServer',
  showOutput: 'llmInfraLint.showOutput',
  openReport: 'llmInfraLint.openReport',
  showDocumentation: 'llmInfraLint.showDocumentation',
} as const;

/** Options the client may pass in `initialize`. */
export interface InitializationOptions {
  /** Commands the client executes itself: the server will not register them (VS Code would refuse duplicates). */
  clientCommands?: string[];
  /** Editor settings for clients without `workspace/configuration`. */
  settings?: unknown;
}

/** The `source` of every diagnostic the server reports. */
export const DIAGNOSTIC_SOURCE = 'llm-infra-lint';
/** The code action kind of "Fix all safe llm-infra-lint problems" (editor.codeActionsOnSave can request it). */
export const FIX_ALL_KIND = 'source.fixAll.llm-infra-lint';
/** Diagnostic code for files that could not be analysed (parse failures, skipped files). */
export const FILE_ERROR_CODE = 'llm-infra-lint/file-error';

/**
 * Node flags the server is started with (by the extension, and by `npm run bench`, which measures what the editor
 * runs). A young generation of 2 × 4 MB instead of Node's 2 × 16 MB: keystrokes allocate ~13 MB that dies within
 * the analysis, and the bigger semi-spaces only kept more of it resident. Measured with `npm run bench`: 22 MB less
 * resident 3 s after the last edit (TypeScript 170 → 148 MB, Python 148 → 126 MB) and 15-25 MB less at the peak,
 * with keystroke latency unchanged within noise. It must be given at start-up (V8 sizes the heap before any code
 * runs), so it cannot be set from inside the server like `--heap-growing-percent` in server/src/lsp/main.ts.
 */
export const SERVER_NODE_ARGS: readonly string[] = ['--max-semi-space-size=4'];

/**
 * Environment the server is started with (by the extension, and by `npm run bench`), on top of the editor's own.
 * glibc gives each thread that allocates its own malloc arena (up to 8 per core), and Node's helper threads (GC,
 * libuv) each kept megabytes of freed memory resident in theirs. Two arenas: 10-18 MB less resident with the bench
 * file, at the peak and after editing. Other C libraries ignore the variable.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
