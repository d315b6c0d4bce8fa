// LlamaIndex.TS's global LLM: `Settings.llm = new OpenAI({…})`, usually in a settings / init module run at start-up,
// is what every engine built without an LLM of its own sends through.
import { ts } from './compiler';
import type { ClientFact } from '../../core/types';
import type { FileContext, TypeScriptWorkspace } from './file-context';
import { isImportRef, resolveExpression } from './resolve';

/** Cheap text filter for files that may assign `Settings.llm`. */
const ASSIGNS_LLM = /\bSettings\s*\.\s*llm\s*=(?!=)/;

/** Packages exporting LlamaIndex.TS's `Settings` (`llamaindex`, `@llamaindex/core/global`, …). */
const SETTINGS_PACKAGE = /^(?:llamaindex|@llamaindex\/core)(?:\/|$)/;

/** The values this file assigns to LlamaIndex.TS's `Settings.llm`, in any scope. */
function settingsLlmValues(ctx: FileContext): ts.Expression[] {
  if (!ASSIGNS_LLM.test(ctx.text)) return [];
  const cached = valuesByFile.get(ctx);
  if (cached) return cached;
  const values: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && isSettingsLlm(n.left, ctx)) values.push(n.right);
    ts.forEachChild(n, visit);
  };
  visit(ctx.sf);
  valuesByFile.set(ctx, values);
  return values;
}

const valuesByFile = new WeakMap<FileContext, ts.Expression[]>();

/** Whether `e` is LlamaIndex.TS's `Settings.llm`. */
export function isSettingsLlm(e: ts.Expression, ctx: FileContext): boolean {
  if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'llm' || !ts.isIdentifier(e.expression)) return false;
  const decl = ctx.declarationOf(e.expression);
  return isImportRef(decl) && decl.imported === 'Settings' && SETTINGS_PACKAGE.test(decl.specifier);
}

/**
 * The LLM `Settings.llm` holds when an engine in `ctx` runs: what this module assigns it (one class on every branch),
 * else the one construction the workspace's modules assign (which of several runs first is not known). A value that
 * is no recognised LLM (`ollama({…})`, a parameter) anywhere leaves it unknown.
 */
export function settingsLlmClient(ctx: FileContext): ClientFact | null {
  const local = settingsLlmValues(ctx);
  if (local.length) {
    const clients = clientsOf(local.map((v) => ({ v, ctx })));
    const first = clients?.[0];
    return first && clients.every((c) => c.sdk === first.sdk && c.className === first.className) ? first : null;
  }
  const clients = clientsOf(workspaceAssignments(ctx.workspace));
  return clients?.length === 1 ? clients[0] : null;
}

/** The distinct constructions assigned, or null when a value is not a client. */
function clientsOf(assigned: Array<{ v: ts.Expression; ctx: FileContext }>): ClientFact[] | null {
  const out: ClientFact[] = [];
  for (const { v, ctx } of assigned) {
    const r = resolveExpression(v, ctx);
    if (r.kind !== 'client') return null;
    if (!out.some((c) => c.path === r.client.path && c.span.start === r.client.span.start)) out.push(r.client);
  }
  return out;
}

/** Every `Settings.llm` assignment of the workspace, kept while no text changes. */
function workspaceAssignments(ws: TypeScriptWorkspace): Array<{ v: ts.Expression; ctx: FileContext }> {
  const version = ws.project.textsVersion?.();
  const cached = version === undefined ? undefined : byWorkspace.get(ws);
  if (cached && cached.version === version) return cached.assigned;
  const assigned: Array<{ v: ts.Expression; ctx: FileContext }> = [];
  for (const p of ws.project.paths()) {
    if (!/\.[cm]?[jt]sx?$/.test(p) || !ASSIGNS_LLM.test(ws.project.text(p) ?? '')) continue;
    const ctx = ws.contextFor(p);
    if (ctx) for (const v of settingsLlmValues(ctx)) assigned.push({ v, ctx });
  }
  if (version !== undefined) byWorkspace.set(ws, { version, assigned });
  return assigned;
}

const byWorkspace = new WeakMap<TypeScriptWorkspace, { version: number; assigned: Array<{ v: ts.Expression; ctx: FileContext }> }>();
