// Diagnostics: pulled (textDocument/diagnostic) when the client supports it, pushed (publishDiagnostics) otherwise.
import { DocumentDiagnosticReportKind, type CancellationToken, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LineIndex } from '../../core/text';
import { fileErrorsToDiagnostic, findingToDiagnostic, uriToPath, type DiagnosticData } from '../convert';
import type { Session } from './session';

/** Push mode waits this long after the last keystroke before analysing. */
export const PUSH_DEBOUNCE_MS = 50;

/** The diagnostics of a document at its current version (empty for files the engines do not analyse). */
export function computeDiagnostics(session: Session, doc: TextDocument): Diagnostic[] {
  return diagnosticsWithFingerprint(session, doc).diagnostics;
}

interface ComputedDiagnostics {
  version: number;
  diagnostics: Diagnostic[];
  /** What an editor shows of them and what their fixes do, without the document version (see `reportFingerprint`). */
  fingerprint: string;
}

function diagnosticsWithFingerprint(session: Session, doc: TextDocument): ComputedDiagnostics {
  const lint = session.lintDocument(doc);
  if (!lint) return { version: doc.version, diagnostics: [], fingerprint: '' };
  const files = session.files();
  const diagnostics = lint.result.findings.map((f) => findingToDiagnostic(f, lint.index, lint.version, files, session.support.relatedInformation));
  if (lint.result.errors.length) diagnostics.push(fileErrorsToDiagnostic(lint.result.errors, lint.index));
  return { version: doc.version, diagnostics, fingerprint: reportFingerprint(diagnostics, lint.index, lint.path) };
}

/**
 * A report as the editor sees it: ranges, messages, related locations and each fix with its edits as line/column
 * ranges. Typing on one line leaves every other finding's fingerprint alone (their offsets move, their positions do
 * not), so an unchanged fingerprint lets a pull answer "unchanged" instead of resending every diagnostic. The
 * client's copies then carry an older `data.version`, and code actions re-match them against the current text.
 */
export function reportFingerprint(diagnostics: Diagnostic[], index: LineIndex, docPath: string): string {
  const parts: string[] = [];
  for (const d of diagnostics) {
    const { range: r } = d;
    parts.push(`${d.code}|${d.severity}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${d.message}`);
    for (const rel of d.relatedInformation ?? []) {
      const q = rel.location.range;
      parts.push(`~${rel.location.uri}|${q.start.line}:${q.start.character}-${q.end.line}:${q.end.character}|${rel.message}`);
    }
    const data = d.data as DiagnosticData | undefined;
    if (!data) continue;
    parts.push(`#${data.suppressLine}`);
    if (!data.fix) continue;
    parts.push(`!${data.fix.title}|${data.fix.safety}`);
    for (const e of data.fix.edits) {
      if (!e.path || e.path === docPath) {
        const a = index.position(e.start);
        const b = index.position(e.end);
        parts.push(`=${a.line}:${a.character}-${b.line}:${b.character}|${e.newText}`);
      } else parts.push(`=${e.path}|${e.start}-${e.end}|${e.createFile ? 'new' : ''}|${e.newText}`);
    }
  }
  return parts.join('\n');
}

/** Registers pull diagnostics and the document events that drive push diagnostics. */
export function registerDiagnostics(session: Session): void {
  const { connection, documents } = session;
  const timers = new Map<string, NodeJS.Timeout>();
  /** With `run: onSave`, the diagnostics computed at the last save (or open) of each document. */
  const atSave = new Map<string, ComputedDiagnostics>();
  /** The last full report pulled for each document, by result id. */
  const reported = new Map<string, { resultId: string; fingerprint: string }>();
  let nextResultId = 1;

  /** Diagnostics for an open document after settings are known; the version is the one they were computed for. */
  const diagnosticsFor = async (uri: string, token?: CancellationToken): Promise<ComputedDiagnostics | null> => {
    await session.parsersReady(uri);
    const settings = await session.settingsFor(uri);
    const doc = documents.get(uri);
    // The client gave up on this request while it waited (the user kept typing): do not analyse a version it no longer wants.
    if (!doc || token?.isCancellationRequested) return null;
    if (!settings.enable) return { version: doc.version, diagnostics: [], fingerprint: '' };
    if (settings.run === 'onSave') {
      const saved = atSave.get(uri);
      if (saved) return saved;
    }
    const result = diagnosticsWithFingerprint(session, doc);
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
      if (last && params.previousResultId === last.resultId && last.fingerprint === result.fingerprint) {
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
      }
      const resultId = String(nextResultId++);
      reported.set(uri, { resultId, fingerprint: result.fingerprint });
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
      const p = uriToPath(e.document.uri);
      if (p) session.recount([p]);
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
