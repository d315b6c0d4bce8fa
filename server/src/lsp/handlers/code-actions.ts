// Code actions: per diagnostic the fix, "Disable <rule> for this line" and "Show documentation"; plus fix-all.
// Stateless: everything comes from the diagnostic's `data`, checked against the document's current version.
import * as path from 'node:path';
import { CodeActionKind, TextDocumentEdit, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocsUrl } from '../../core/rule';
import { commentPrefix } from '../../core/suppressions';
import { LineIndex, lineBreakOf } from '../../core/text';
import type { Finding, Fix, LanguageId, TextEdit } from '../../core/types';
import { Commands, DIAGNOSTIC_SOURCE, FIX_ALL_KIND } from '../../protocol/protocol';
import { toWorkspaceEdit, uriToPath, type DiagnosticData } from '../convert';
import type { Session } from './session';

const FIX_ALL_TITLE = 'Fix all safe llm-infra-lint problems';

/** Registers textDocument/codeAction. */
export function registerCodeActions(session: Session): void {
  session.connection.onCodeAction((params, token) =>
    session.guard<CodeAction[]>('textDocument/codeAction', [], () => (token.isCancellationRequested ? [] : codeActions(session, params))),
  );
}

/** Whether a requested `only` filter admits an action kind (`source.fixAll` admits `source.fixAll.llm-infra-lint`). */
export function kindAllowed(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function codeActions(session: Session, params: CodeActionParams): CodeAction[] {
  const doc = session.documents.get(params.textDocument.uri);
  const p = uriToPath(params.textDocument.uri);
  if (!doc || !p) return [];
  const only = params.context.only;
  const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
  const fixes: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const docs: CodeAction[] = [];
  if (kindAllowed(only, CodeActionKind.QuickFix) && ours.length) {
    const engine = session.engineFor(p);
    const language = engine.languageOf(p);
    const index = new LineIndex(doc.getText());
    const known = new Set(engine.allRules().map((r) => r.id));
    let relinted: Finding[] | null = null;
    const seenDisable = new Set<string>();
    const seenDocs = new Set<string>();
    for (const diagnostic of ours) {
      let target = readData(diagnostic.data);
      if ((!target || target.version !== doc.version) && known.has(diagnostic.code as string)) {
        // The client dropped `data` (older clients do), or the diagnostic predates the latest edit (the editor moved
        // its range along with the text): find the finding again in the current text, so its fix applies to it.
        relinted ??= session.lintDocument(doc)?.result.findings ?? [];
        target = matchFinding(relinted, diagnostic, index, doc.version) ?? target;
      }
      if (!target) continue;
      const { ruleId } = target;
      if (target.version === doc.version) {
        if (target.fix) {
          const edit = toWorkspaceEdit(target.fix.edits, p, index, session.files(), session.support.edits);
          if (edit) {
            fixes.push({ title: `${target.fix.title} (${ruleId})`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: target.fix.safety === 'safe', edit });
          }
        }
        const key = `${ruleId}:${target.suppressLine}`;
        if (language && !seenDisable.has(key) && target.suppressLine < index.lineCount) {
          seenDisable.add(key);
          const edit = disableEdit(index, target.suppressLine, ruleId, language);
          disables.push({
            title: `Disable ${ruleId} for this line`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: session.support.edits.documentChanges
              ? { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, [edit])] }
              : { changes: { [doc.uri]: [edit] } },
          });
        }
      }
      if (!seenDocs.has(ruleId)) {
        seenDocs.add(ruleId);
        const title = `Show documentation for ${ruleId}`;
        docs.push({ title, kind: CodeActionKind.QuickFix, command: { title, command: Commands.showDocumentation, arguments: [ruleDocsUrl(ruleId)] } });
      }
    }
  }
  const actions = [...fixes, ...disables, ...docs];
  if (kindAllowed(only, FIX_ALL_KIND) && (only !== undefined || ours.length > 0)) {
    const all = fixAllAction(session, doc, p);
    if (all) actions.push(all);
  }
  return actions;
}

/** One action applying every safe fix in the document whose edits do not overlap an earlier one. */
function fixAllAction(session: Session, doc: TextDocument, p: string): CodeAction | null {
  const lint = session.lintDocument(doc);
  if (!lint) return null;
  const canCreate = session.support.edits.documentChanges && session.support.edits.createFiles;
  const safe = lint.result.findings.map((f) => f.fix).filter((f): f is Fix => f?.safety === 'safe' && (canCreate || !f.edits.some((e) => e.createFile)));
  const chosen = chooseFixes(safe, p);
  if (!chosen.length) return null;
  const edit = toWorkspaceEdit(chosen, p, lint.index, session.files(), session.support.edits);
  return edit ? { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit } : null;
}

/** The edits of the fixes that can be applied together, in order; a fix that conflicts with an earlier one waits for the next run. */
export function chooseFixes(fixes: Fix[], docPath: string): TextEdit[] {
  const taken = new Map<string, TextEdit[]>();
  const created = new Set<string>();
  const chosen: TextEdit[] = [];
  // Two fixes that add the same import make the same edit: it is applied once, and it does not hold the second back.
  const same = (a: TextEdit, b: TextEdit) => a.start === b.start && a.end === b.end && a.newText === b.newText && !a.createFile && !b.createFile;
  for (const fix of fixes) {
    const clash = fix.edits.some((e) => {
      const p = e.path ? path.resolve(e.path) : docPath;
      if (created.has(p)) return true;
      if (e.createFile) return taken.has(p);
      return (taken.get(p) ?? []).some((t) => !same(t, e) && (t.start === e.start || (e.start < t.end && t.start < e.end)));
    });
    if (clash) continue;
    for (const e of fix.edits) {
      const p = e.path ? path.resolve(e.path) : docPath;
      const list = taken.get(p) ?? [];
      if (list.some((t) => same(t, e))) continue;
      if (e.createFile) created.add(p);
      list.push(e);
      taken.set(p, list);
      chosen.push(e);
    }
  }
  return chosen;
}

const DIRECTIVE_LINE = /^(\s*)(\/\/|#)\s*llm-infra-lint-disable-next-line\b(.*)$/;

/** Inserts `<comment> llm-infra-lint-disable-next-line <id>` above `line`, or adds the id to a directive already there. */
export function disableEdit(index: LineIndex, line: number, ruleId: string, language: LanguageId): LspTextEdit {
  if (line > 0) {
    const above = index.lineText(line - 1);
    const m = DIRECTIVE_LINE.exec(above);
    if (m && m[2] === commentPrefix(language)) {
      const justification = above.indexOf(' -- ');
      const at = justification >= 0 ? justification : above.length;
      const position = { line: line - 1, character: at };
      return { range: { start: position, end: position }, newText: ` ${ruleId}` };
    }
  }
  const text = index.lineText(line);
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  const start = { line, character: 0 };
  return { range: { start, end: start }, newText: `${indent}${commentPrefix(language)} llm-infra-lint-disable-next-line ${ruleId}${lineBreakOf(index.text)}` };
}

/** Validates a diagnostic's `data` as sent back by the client. */
function readData(raw: unknown): DiagnosticData | null {
  if (!raw || typeof raw !== 'object') return null;
  const d = raw as Record<string, unknown>;
  if (typeof d.ruleId !== 'string' || typeof d.version !== 'number' || typeof d.suppressLine !== 'number') return null;
  const data: DiagnosticData = { ruleId: d.ruleId, version: d.version, suppressLine: d.suppressLine };
  if (d.fix !== undefined) {
    if (!isFix(d.fix)) return null;
    data.fix = d.fix;
  }
  return data;
}

function isFix(v: unknown): v is Fix {
  if (!v || typeof v !== 'object') return false;
  const f = v as Record<string, unknown>;
  return (
    typeof f.title === 'string' &&
    (f.safety === 'safe' || f.safety === 'unsafe') &&
    Array.isArray(f.edits) &&
    f.edits.every((e: unknown) => {
      const x = e as Record<string, unknown> | null;
      return !!x && typeof x.start === 'number' && typeof x.end === 'number' && typeof x.newText === 'string' && (x.path === undefined || typeof x.path === 'string');
    })
  );
}

function matchFinding(findings: Finding[], diagnostic: Diagnostic, index: LineIndex, version: number): DiagnosticData | null {
  const start = index.offset(diagnostic.range.start);
  const f = findings.find((x) => x.ruleId === diagnostic.code && x.span.start === start);
  if (!f) return null;
  return { ruleId: f.ruleId, version, fix: f.fix, suppressLine: index.position(f.span.start).line };
}
