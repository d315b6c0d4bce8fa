// Helpers for the extension-host suite: waiting, opening documents, reading our diagnostics, asking the CLI.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../../../server/src/protocol/protocol';

export const EXTENSION_ID = 'llm-infra-lint.llm-infra-lint';

/** The extension's folder (the development path, or the installed copy). */
export function extensionRoot(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext.extensionPath;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder.uri.fsPath;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `check` (every 100 ms and on every diagnostics change) until it returns a truthy value. */
export async function waitFor<T>(what: string, check: () => T | undefined | null | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last instanceof Error ? last.message : String(last)}` : ''}`);
    await new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => done());
      const t = setTimeout(() => done(), 100);
      function done() {
        clearTimeout(t);
        sub.dispose();
        resolve();
      }
    });
  }
}

/** Opens a workspace-relative file in an editor (not a preview tab, so it stays open). */
export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Our diagnostics on a document. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

export function targetOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' && d.code !== null ? d.code.target.toString(true) : undefined;
}

/** Our diagnostics of one rule, once at least one is there. */
export function waitForRule(doc: vscode.TextDocument, rule: string, timeoutMs = 60_000): Promise<vscode.Diagnostic[]> {
  return waitFor(`${rule} on ${path.basename(doc.uri.fsPath)}`, () => {
    const ds = ours(doc.uri).filter((d) => codeOf(d) === rule);
    return ds.length ? ds : undefined;
  }, timeoutMs);
}

/** Waits until no diagnostic of `rule` is left on the document. */
export function waitForNoRule(doc: vscode.TextDocument, rule: string, timeoutMs = 30_000): Promise<true> {
  return waitFor(`${rule} to disappear from ${path.basename(doc.uri.fsPath)}`, () => !ours(doc.uri).some((d) => codeOf(d) === rule) || undefined, timeoutMs);
}

/** The range of the first occurrence of `needle` in the document (after `after`, if given). */
export function rangeOf(doc: vscode.TextDocument, needle: string, after?: string): vscode.Range {
  const text = doc.getText();
  const from = after ? text.indexOf(after) : 0;
  assert.ok(from >= 0, `${after} not found in ${doc.uri.fsPath}`);
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `${needle} not found in ${doc.uri.fsPath}`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

/** Replaces a document's whole text (to undo what a test did) without saving. */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() === text) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'restoring the text failed');
}

/** Hover text at a position, all hovers joined. */
export async function hoverAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n---\n');
}

export async function codeActions(doc: vscode.TextDocument, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const all = (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', doc.uri, range, kind)) ?? [];
  return all.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof (a as vscode.Command).command === 'string'));
}

/** One finding of `llm-infra-lint check --format json`. */
export interface CliFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** Runs the CLI of the same build over the workspace (in a child process: the extension host runs no workspace code). */
export function cliCheck(root: string): { findings: CliFinding[]; filesScanned: number } {
  const cli = path.join(extensionRoot(), 'dist', 'cli.js');
  assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build`);
  let out: string;
  try {
    // Under Electron, process.execPath is the editor binary: ELECTRON_RUN_AS_NODE makes it plain Node.
    out = execFileSync(process.execPath, [cli, 'check', '.', '--format', 'json', '--max-warnings', '100000'], {
      cwd: root,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    // Exit code 1 means findings at error severity: the JSON is still on stdout.
    const err = e as { stdout?: string; status?: number };
    if (err.status !== 1 || !err.stdout) throw e;
    out = err.stdout;
  }
  const json = JSON.parse(out) as { findings: CliFinding[]; filesScanned: number };
  return json;
}

export const SEVERITY: Record<CliFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A comparable one-line form of a diagnostic (1-based, as the CLI prints it). */
export function diagKey(code: string, severity: vscode.DiagnosticSeverity, r: vscode.Range): string {
  return `${code} ${vscode.DiagnosticSeverity[severity]} ${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

export function findingKey(f: CliFinding): string {
  return `${f.ruleId} ${vscode.DiagnosticSeverity[SEVERITY[f.severity]]} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
}

/** Files the analysis looks at, by kind, relative to the root (node_modules and dot-folders skipped). */
export function workspaceFiles(root: string): Record<'typescript' | 'python' | 'yaml' | 'nginx' | 'dotenv', string[]> {
  const out = { typescript: [] as string[], python: [] as string[], yaml: [] as string[], nginx: [] as string[], dotenv: [] as string[] };
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || (entry.name.startsWith('.') && entry.name !== '.') || entry.name === 'dist') continue;
        walk(p);
        continue;
      }
      const rel = path.relative(root, p).split(path.sep).join('/');
      const name = entry.name;
      if (/\.(ts|tsx|js|jsx|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts')) out.typescript.push(rel);
      else if (name.endsWith('.py')) out.python.push(rel);
      else if (/\.ya?ml$/.test(name)) out.yaml.push(rel);
      else if (name === 'nginx.conf' || name.endsWith('.nginx') || (name.endsWith('.conf') && rel.split('/').includes('nginx'))) out.nginx.push(rel);
      else if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) out.dotenv.push(rel);
    }
  };
  walk(root);
  for (const list of Object.values(out)) list.sort();
  return out;
}

/** Calls `get` until `ok` accepts its value (every 250 ms); returns the last value on timeout so the caller's assertion explains. */
export async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v) || Date.now() > deadline) return v;
    await sleep(250);
  }
}
