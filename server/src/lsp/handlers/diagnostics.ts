// Diagnostics: pulled (textDocument/diagnostic) when the client supports it, pushed (publishDiagnostics) otherwise.
import { DocumentDiagnosticReportKind, type CancellationToken, type Diagnostic, type DocumentDiagnosticReport, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LineIndex } from '../../core/text';
import { fileErrorsToDiagnostic, findingToDiagnostic, uriToPath, type DiagnosticData } from '../convert';
import type { Session } from './session';

/** Push mode waits this long after the last keystroke before analysing. */
export const PUSH_DEBOUNCE_MS = 50;

interface ComputedDiagnostics {
  version: number;
  diagnostics: Diagnostic[];
  /** The text's line index and path, to compare fixes' edits by position (see `sameReport`). */
  index: LineIndex | null;
  path: string | null;
}

/** The diagnostics of a document at its current version (empty for files the engines do not analyse). */
function computeDiagnostics(session: Session, doc: TextDocument): ComputedDiagnostics {
  const lint = session.lintDocument(doc);
  if (!lint) return { version: doc.version, diagnostics: [], index: null, path: null };
  const files = session.files();
  const diagnostics = lint.result.findings.map((f) => findingToDiagnostic(f, lint.index, lint.version, files, session.support.relatedInformation));
  if (lint.result.errors.length) diagnostics.push(fileErrorsToDiagnostic(lint.result.errors, lint.index));
  return { version: doc.version, diagnostics, index: lint.index, path: lint.path };
}

/**
 * Whether two reports look the same in the editor: ranges, messages, related locations, and each fix with its edits
 * compared as line/column positions. Typing on one line moves the offsets of every later fix but not its position, so
 * a pull can answer "unchanged" instead of resending every diagnostic. The client's copies then carry an older
 * `data.version`, and code actions re-match them against the current text.
 */
export function sameReport(a: ComputedDiagnostics, b: ComputedDiagnostics): boolean {
  if (a.diagnostics.length !== b.diagnostics.length) return false;
  for (let i = 0; i < a.diagnostics.length; i++) {
    const x = a.diagnostics[i];
    const y = b.diagnostics[i];
    if (x.code !== y.code || x.severity !== y.severity || x.message !== y.message || !sameRange(x.range, y.range)) return false;
    const xr = x.relatedInformation ?? [];
    const yr = y.relatedInformation ?? [];
    if (xr.length !== yr.length) return false;
    for (let k = 0; k < xr.length; k++) {
      if (xr[k].message !== yr[k].message || xr[k].location.uri !== yr[k].location.uri || !sameRange(xr[k].location.range, yr[k].location.range)) return false;
    }
    const xd = x.data as DiagnosticData | undefined;
    const yd = y.data as DiagnosticData | undefined;
    if (!xd || !yd) {
      if (xd !== yd) return false;
      continue;
    }
    if (xd.ruleId !== yd.ruleId || xd.suppressLine !== yd.suppressLine) return false;
    if (!xd.fix || !yd.fix) {
      if (xd.fix !== yd.fix) return false;
      continue;
    }
    if (xd.fix.title !== yd.fix.title || xd.fix.safety !== yd.fix.safety || xd.fix.edits.length !== yd.fix.edits.length) return false;
    for (let k = 0; k < xd.fix.edits.length; k++) {
      const e = xd.fix.edits[k];
      const f = yd.fix.edits[k];
      if (e.newText !== f.newText || (e.path ?? null) !== (f.path ?? null) || !!e.createFile !== !!f.createFile) return false;
      const inDocument = !e.path || e.path === a.path;
      if (inDocument && a.index && b.index) {
        if (!samePosition(a.index.position(e.start), b.index.position(f.start)) || !samePosition(a.index.position(e.end), b.index.position(f.end))) return false;
      } else if (e.start !== f.start || e.end !== f.end) return false;
    }
  }
  return true;
}

function samePosition(p: { line: number; character: number }, q: { line: number; character: number }): boolean {
  return p.line === q.line && p.character === q.character;
}

function sameRange(r: Range, s: Range): boolean {
  return samePosition(r.start, s.start) && samePosition(r.end, s.end);
}

/** Registers pull diagnostics and the document events that drive push diagnostics. */
export function registerDiagnostics(session: Session): void {
  const { connection, documents } = session;
  const timers = new Map<string, NodeJS.Timeout>();
  /** With `run: onSave`, the diagnostics computed at the last save (or open) of each document. */
  const atSave = new Map<string, ComputedDiagnostics>();
  /** The last full report pulled for each document, by result id. */
  const reported = new Map<string, { resultId: string; report: ComputedDiagnostics }>();
  let nextResultId = 1;

  /** Diagnostics for an open document after settings are known; the version is the one they were computed for. */
  const diagnosticsFor = async (uri: string, token?: CancellationToken): Promise<ComputedDiagnostics | null> => {
    await session.parsersReady(uri);
    const settings = await session.settingsFor(uri);
    const doc = documents.get(uri);
    // The client gave up on this request while it waited (the user kept typing): do not analyse a version it no longer wants.
    if (!doc || token?.isCancellationRequested) return null;
    if (!settings.enable) return { version: doc.version, diagnostics: [], index: null, path: null };
    if (settings.run === 'onSave') {
      const saved = atSave.get(uri);
      if (saved) return saved;
    }
    const result = computeDiagnostics(session, doc);
    if (settings.run === 'onSave') atSave.set(uri, result);
    return result;
  };

  const publish = async (uri: string): Promise<void> => {
    const result = await diagnosticsFor(uri);
    if (result) await connection.sendDiagnostics({ uri, version: result.version, diagnostics: result.diagnostics });
  };

  const schedule = (uri: string, delay = PUSH_DEBOUNCE_MS): void => {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void session.guard(`diagnostics ${uri}`, undefined, () => publish(uri));
      }, delay),
    );
  };

  // Registered before `initialize`; clients without pull support never send the request.
  connection.languages.diagnostics.on((params, token) =>
    session.guard<DocumentDiagnosticReport>('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async () => {
      const uri = params.textDocument.uri;
      const result = token.isCancellationRequested ? null : await diagnosticsFor(uri, token);
      if (!result) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      // Typing mostly leaves the findings where they were: say so rather than resend (and re-render) all of them.
      const last = reported.get(uri);
      if (last && params.previousResultId === last.resultId && sameReport(last.report, result)) {
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
      }
      const resultId = String(nextResultId++);
      reported.set(uri, { resultId, report: result });
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: result.diagnostics };
    }),
  );

  documents.onDidOpen((e) => {
    void session.guard('didOpen', undefined, () => {
      session.syncDocument(e.document);
      atSave.delete(e.document.uri);
      if (!session.support.pullDiagnostics) schedule(e.document.uri, 0);
    });
  });

  documents.onDidChangeContent((e) => {
    // Open documents are always current in the engine, so hovers and lenses match the buffer even with `run: onSave`.
    void session.guard('didChange', undefined, async () => {
      session.syncDocument(e.document);
      if (session.support.pullDiagnostics) return;
      const settings = await session.settingsFor(e.document.uri);
      if (settings.run === 'onType') schedule(e.document.uri);
    });
  });

  documents.onDidSave((e) => {
    void session.guard('didSave', undefined, async () => {
      atSave.delete(e.document.uri);
      const settings = await session.settingsFor(e.document.uri);
      if (settings.run !== 'onSave') return;
      if (session.support.pullDiagnostics) await refresh();
      else schedule(e.document.uri, 0);
    });
  });

  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    atSave.delete(e.document.uri);
    reported.delete(e.document.uri);
    void session.guard('didClose', undefined, async () => {
      if (!session.support.pullDiagnostics) await connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      await session.documentClosed(e.document.uri);
      session.invalidate({ kind: 'all' });
      // Its text on disk may differ from the closed buffer's, and other files' findings may follow from it.
      session.recount();
    });
  });

  const refresh = async (): Promise<void> => {
    if (session.support.diagnosticRefresh) await connection.languages.diagnostics.refresh();
  };

  session.onInvalidate((i) => {
    if (i.kind === 'all') atSave.clear();
    else atSave.delete(i.uri);
    if (session.support.pullDiagnostics) {
      void session.guard('diagnostics refresh', undefined, refresh);
      return;
    }
    if (i.kind === 'all') for (const doc of documents.all()) schedule(doc.uri);
    else schedule(i.uri);
  });

  session.atShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });
}
