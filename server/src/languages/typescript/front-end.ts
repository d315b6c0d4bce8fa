import * as path from 'node:path';
import { ts } from 'ts-morph';
import { emptyFacts, type FrontEnd, type ProjectFiles } from '../../core/front-end';
import type { FileFacts, LanguageId } from '../../core/types';
import { callSiteOf, clientsIn } from './call-sites';
import { isTypeScriptLike, TypeScriptWorkspace, type FileContext } from './file-context';
import { envReadOf, historyFetchOf, instrumentationImports, literalFacts, promptLoadOf } from './other-facts';
import { importedCallsFromHandlers, requestPathMap } from './request-path';
import { SDK_MENTION } from './sdk-bindings';
import { typescriptWriter } from './writer';

/** Text that may hold facts even without an SDK import: keys, provider URLs, attribute names, prompt loads. */
const OTHER_MENTION = /gen_ai\.|sk-|AIza|https?:\/\/[^'"`\s]*(openai|anthropic|googleapis|groq|mistral|deepseek|openrouter|bedrock)|readFile|hub\.pull|findMany|lrange|instrumentation|traceloop|langfuse|openinference/i;

export function createTypeScriptFrontEnd(): FrontEnd {
  let workspace: TypeScriptWorkspace | null = null;
  const importerCalls = new Map<string, { version: number | undefined; calls: ReturnType<typeof importedCallsFromHandlers> }>();
  // Module stems each file imports (`../lib/llm` → `llm`), cached by version: finding importers must not rescan every text.
  const importStems = new Map<string, { version: number | undefined; stems: Set<string> }>();
  const stemsOf = (p: string, project: ProjectFiles): Set<string> => {
    const version = project.version(p);
    const hit = importStems.get(p);
    if (hit && hit.version === version) return hit.stems;
    const stems = new Set<string>();
    const text = project.text(p) ?? '';
    for (const m of text.matchAll(/(?:from|require\(|import\()\s*['"]([^'"]+)['"]/g)) {
      const parts = m[1].replace(/\.[cm]?[jt]sx?$/, '').split('/');
      stems.add(parts[parts.length - 1]);
      if (parts.length > 1) stems.add(parts[parts.length - 2]);
    }
    importStems.set(p, { version, stems });
    return stems;
  };

  const ws = (project: ProjectFiles) => {
    if (!workspace || workspace.project !== project) workspace = new TypeScriptWorkspace(project);
    return workspace;
  };

  /** Handlers in other files that call this file's exports: exported name → reason. */
  function externalCallers(file: string, project: ProjectFiles): Map<string, string> {
    const out = new Map<string, string>();
    const stem = path.basename(file).replace(/\.[^.]+$/, '');
    const needle = stem === 'index' ? path.basename(path.dirname(file)) : stem;
    for (const other of project.paths()) {
      if (other === file || !isTypeScriptLike(other)) continue;
      if (!stemsOf(other, project).has(needle)) continue;
      const version = project.version(other);
      let entry = importerCalls.get(other);
      if (!entry || entry.version !== version) {
        const ctx = ws(project).contextFor(other);
        entry = { version, calls: ctx ? importedCallsFromHandlers(ctx) : [] };
        importerCalls.set(other, entry);
      }
      for (const c of entry.calls) {
        if (ws(project).resolveModule(other, c.specifier) === file && !out.has(c.imported)) out.set(c.imported, c.reason);
      }
    }
    return out;
  }

  return {
    languageOf(p: string): LanguageId | null {
      if (!isTypeScriptLike(p)) return null;
      return /\.[cm]?jsx?$/.test(p) ? 'javascript' : 'typescript';
    },

    analyze(p: string, text: string, project: ProjectFiles): FileFacts {
      const language = /\.[cm]?jsx?$/.test(p) ? 'javascript' : 'typescript';
      const facts = emptyFacts(p, language, text);
      if (!SDK_MENTION.test(text) && !OTHER_MENTION.test(text)) return facts;
      const ctx = ws(project).contextFor(p, text);
      if (!ctx) return facts;
      const firstError = ctx.parseDiagnostics[0];
      if (firstError) {
        facts.errors.push({
          path: p,
          message: `Syntax error: ${ts.flattenDiagnosticMessageText(firstError.messageText, ' ')} (findings may be incomplete)`,
          span: { start: firstError.start, end: firstError.start + (firstError.length ?? 0) },
        });
      }
      extract(ctx, facts, requestPathMap(ctx, externalCallers(p, project)));
      return facts;
    },

    writer: () => typescriptWriter,

    dependents(p: string): string[] {
      if (!workspace) return [];
      return workspace.importersOf(p);
    },

    forget(p: string): void {
      workspace?.forget(p);
      importerCalls.delete(p);
      importStems.delete(p);
    },
  };
}

function extract(ctx: FileContext, facts: FileFacts, requestPaths: Map<ts.FunctionLikeDeclaration, string>): void {
  const calls: ts.CallExpression[] = [];
  const constructions: ts.Node[] = [];
  const envReads = new Set<string>();
  const historyNames = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      calls.push(n);
      constructions.push(n);
    } else if (ts.isNewExpression(n)) constructions.push(n);
    else if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n)) literalFacts(n, ctx, facts.endpoints, facts.secrets, facts.attributes);
    else {
      const env = envReadOf(n);
      if (env) envReads.add(env);
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(ctx.sf, visit);

  // History fetches first, so prompts built from them (or from variables derived from them) are marked as history.
  const derived = new Map<string, Set<string>>();
  for (const c of calls) {
    const h = historyFetchOf(c, ctx, []);
    if (!h) continue;
    let top: ts.Node = c;
    while (top.parent && !ts.isVariableDeclaration(top.parent) && !ts.isStatement(top.parent)) top = top.parent;
    if (top.parent && ts.isVariableDeclaration(top.parent) && ts.isIdentifier(top.parent.name)) {
      const root = top.parent.name.text;
      historyNames.add(root);
      derived.set(root, derivedNames(root, top.parent, ctx));
      derived.get(root)!.forEach((n) => historyNames.add(n));
    }
  }
  const env = { ctx, requestPaths, historyNames };
  for (const c of calls) {
    const site = callSiteOf(c, env);
    if (site) facts.callSites.push(site);
  }
  facts.clients = clientsIn(ctx, constructions);
  for (const c of calls) {
    const load = promptLoadOf(c, ctx, requestPaths, facts.callSites);
    if (load) facts.promptLoads.push(load);
    const h = historyFetchOf(c, ctx, facts.callSites, derived);
    if (h) facts.historyFetches.push(h);
  }
  facts.instrumentation = instrumentationImports(ctx);
  facts.envReads = [...envReads];
}

/** Variables in the same function computed from `name` (`const history = raw.map(…)`), transitively. */
function derivedNames(name: string, decl: ts.VariableDeclaration, ctx: FileContext): Set<string> {
  const out = new Set<string>();
  let scope: ts.Node = decl;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  const frontier = [name];
  while (frontier.length) {
    const n = frontier.pop()!;
    const re = new RegExp(`\\b${n}\\b`);
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && !out.has(node.name.text) && node.name.text !== name && re.test(node.initializer.getText(ctx.sf))) {
        out.add(node.name.text);
        frontier.push(node.name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(scope);
  }
  return out;
}
