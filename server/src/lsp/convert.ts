// Conversions between the engine's vocabulary (paths, UTF-16 spans, findings) and LSP's (URIs, ranges, diagnostics, edits).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CreateFile,
  DiagnosticSeverity,
  TextDocumentEdit,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { ruleDocsUrl } from '../core/rule';
import { LineIndex } from '../core/text';
import type { FileError, Finding, Fix, Severity, Span, TextEdit } from '../core/types';
import { DIAGNOSTIC_SOURCE, FILE_ERROR_CODE } from '../protocol/protocol';

/** What a diagnostic carries so code actions need no server-side state. */
export interface DiagnosticData {
  ruleId: string;
  /** The document version the finding was computed for; edits are applied only to that version. */
  version: number;
  fix?: Fix;
  /** 0-based line the finding starts on: "Disable for this line" inserts a comment above it. */
  suppressLine: number;
}

/** The file-system path of a `file:` URI, or null for other schemes and malformed URIs. */
export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return null;
  }
}

/** A `file:` URI for a path. */
export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/** An engine span as an LSP range. */
export function spanToRange(index: LineIndex, span: Span): Range {
  return { start: index.position(span.start), end: index.position(Math.max(span.start, span.end)) };
}

/** An LSP range as an engine span. */
export function rangeToSpan(index: LineIndex, range: Range): Span {
  return { start: index.offset(range.start), end: index.offset(range.end) };
}

/** Engine severity as LSP severity (info → Information). */
export function toSeverity(severity: Severity): DiagnosticSeverity {
  return severity === 'error' ? DiagnosticSeverity.Error : severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

/** How to reach files other than the one being converted. */
export interface FileAccess {
  /** Current text of a file (open buffer, engine copy, or disk), undefined when it does not exist. */
  textOf(p: string): string | undefined;
  /** The URI the client uses for a path. */
  uriOf(p: string): string;
  /** The version of an open document, or null when the file is not open. */
  versionOf(p: string): number | null;
}

/** A finding as an LSP diagnostic, with the fix and suppression line in `data`. */
export function findingToDiagnostic(finding: Finding, index: LineIndex, version: number, files: FileAccess, withRelated: boolean): Diagnostic {
  const range = spanToRange(index, finding.span);
  const data: DiagnosticData = { ruleId: finding.ruleId, version, suppressLine: range.start.line };
  if (finding.fix) data.fix = finding.fix;
  const diagnostic: Diagnostic = {
    range,
    severity: toSeverity(finding.severity),
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    message: finding.message,
    data,
  };
  if (withRelated && finding.related?.length) {
    const related: DiagnosticRelatedInformation[] = [];
    for (const r of finding.related) {
      const text = r.path === finding.path ? index.text : files.textOf(r.path);
      if (text === undefined) continue;
      const relIndex = r.path === finding.path ? index : new LineIndex(text);
      related.push({ location: { uri: files.uriOf(r.path), range: spanToRange(relIndex, r.span) }, message: r.message });
    }
    if (related.length) diagnostic.relatedInformation = related;
  }
  return diagnostic;
}

/**
 * Problems analysing a file as one Information diagnostic on its first line: a note that findings may be missing,
 * not a second squiggle at a syntax error the language's own tooling already shows.
 */
export function fileErrorsToDiagnostic(errors: FileError[], index: LineIndex): Diagnostic {
  const messages = [...new Set(errors.map((e) => (e.span ? `${e.message} (line ${index.position(e.span.start).line + 1})` : e.message)))];
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(index.lineEnd(0), 200) } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: FILE_ERROR_CODE,
    message: messages.join('\n'),
  };
}

/** What the client's workspace edits can express. */
export interface EditSupport {
  documentChanges: boolean;
  /** `create` resource operations. */
  createFiles: boolean;
}

/**
 * Engine edits as a WorkspaceEdit. Edits without a path go to `docPath` (at `docIndex`'s text). Returns null when the
 * client cannot express the edit (a file to create without resource-operation support, or a file that already exists).
 */
export function toWorkspaceEdit(edits: TextEdit[], docPath: string, docIndex: LineIndex, files: FileAccess, support: EditSupport): WorkspaceEdit | null {
  const byPath = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const p = e.path ? path.resolve(e.path) : docPath;
    const list = byPath.get(p) ?? [];
    list.push(e);
    byPath.set(p, list);
  }
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  const changes: Record<string, LspTextEdit[]> = {};
  for (const [p, list] of byPath) {
    const uri = p === docPath ? files.uriOf(docPath) : files.uriOf(p);
    const creating = list.some((e) => e.createFile);
    let lspEdits: LspTextEdit[];
    if (creating) {
      if (!support.documentChanges || !support.createFiles) return null;
      if (fileExists(p, files)) return null;
      documentChanges.push(CreateFile.create(uri, { overwrite: false, ignoreIfExists: false }));
      const content = list.map((e) => e.newText).join('');
      lspEdits = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }];
      documentChanges.push(TextDocumentEdit.create({ uri, version: null }, lspEdits));
      continue;
    }
    const index = p === docPath ? docIndex : indexOf(p, files);
    if (!index) return null;
    lspEdits = list.map((e) => ({ range: spanToRange(index, { start: e.start, end: e.end }), newText: e.newText }));
    if (support.documentChanges) documentChanges.push(TextDocumentEdit.create({ uri, version: files.versionOf(p) }, lspEdits));
    else changes[uri] = lspEdits;
  }
  return support.documentChanges ? { documentChanges } : { changes };
}

function indexOf(p: string, files: FileAccess): LineIndex | null {
  const text = files.textOf(p);
  return text === undefined ? null : new LineIndex(text);
}

function fileExists(p: string, files: FileAccess): boolean {
  if (files.versionOf(p) !== null) return true;
  try {
    return fs.existsSync(p);
  } catch {
    return false;
  }
}
