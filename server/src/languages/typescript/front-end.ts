import * as path from 'node:path';
import { ts } from './compiler';
import { emptyFacts, type FrontEnd, type ProjectFiles } from '../../core/front-end';
import { isTestFile, withoutTraffic } from '../../core/test-paths';
import type { FileFacts, LlmCallSite } from '../../core/types';
import { annotateCallSites } from './call-annotations';
import { agentSiteOf, callSiteOf, clientsIn } from './call-sites';
import { mastraAgentSiteOf, usesMastra } from './mastra';
import { openAIAgentSiteOf, usesOpenAIAgents } from './openai-agents';
import { TypeScriptWorkspace, type FileContext, type ImportRef } from './file-context';
import { versionedSetUpsIn } from '../../core/observability-setup';
import { sharedHistoriesIn } from './shared-history';
import { aiSdkDefaultProviders, envReadOf, historyFetchOf, instrumentationImports, literalFacts, promptLoadOf } from './other-facts';
import { importedCallsFromHandlers, requestPathMap } from './request-path';
import { bindingOfCall, enclosingFunction, functionName, nodesOfInterest, unwrap, walk } from './ast';
import { agentLoopsIn, mcpCallsIn } from './mcp';
import { isTypeScriptLike, mayHoldFacts, scriptLanguageOf, SDK_MENTION } from './mentions';
import { isVercelGatewayImport } from './sdk-bindings';
import { runnableHistoriesIn } from './runnable-history';
import { prebuiltAgentHistoriesIn, stateGraphHistoriesIn } from './langgraph-history';
import { resolveExpression } from './resolve';
import { typescriptWriter } from './writer';

/** How many files away a request handler may be from the function it reaches through the files between. */
const MAX_CALLER_HOPS = 4;

export function createTypeScriptFrontEnd(): FrontEnd {
  let workspace: TypeScriptWorkspace | null = null;
  const importerCalls = new Map<string, { key: string; calls: ReturnType<typeof importedCallsFromHandlers> }>();
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

  const historyUses = new Map<string, { version: number | undefined; uses: ReturnType<typeof importedResultsFeedingPrompts> }>();

  // TypeScript files by the module stems they import, kept while no text changes: a scan asks it once per LLM file.
  let importersIndex: { textsVersion: number; byStem: Map<string, string[]> } | null = null;
  /** Files other than `file` that may import a module whose stem is `needle`. */
  const possibleImporters = (file: string, needle: string, project: ProjectFiles): Iterable<string> => {
    const textsVersion = project.textsVersion?.();
    if (textsVersion === undefined) return [...project.paths()].filter((o) => o !== file && isTypeScriptLike(o) && stemsOf(o, project).has(needle));
    if (importersIndex?.textsVersion !== textsVersion) {
      const byStem = new Map<string, string[]>();
      for (const other of project.paths()) {
        if (!isTypeScriptLike(other)) continue;
        for (const stem of stemsOf(other, project)) {
          const list = byStem.get(stem);
          if (list) list.push(other);
          else byStem.set(stem, [other]);
        }
      }
      importersIndex = { textsVersion, byStem };
    }
    return (importersIndex.byStem.get(needle) ?? []).filter((o) => o !== file);
  };

  /** Exported functions of this file whose results other files send to a model as messages (cross-file history). */
  function externalPromptFeeders(file: string, project: ProjectFiles): Set<string> {
    const out = new Set<string>();
    const stem = path.basename(file).replace(/\.[^.]+$/, '');
    const needle = stem === 'index' ? path.basename(path.dirname(file)) : stem;
    for (const other of possibleImporters(file, needle, project)) {
      const version = project.version(other);
      let entry = historyUses.get(other);
      if (!entry || entry.version !== version) {
        const ctx = ws(project).contextFor(other);
        entry = { version, uses: ctx ? importedResultsFeedingPrompts(ctx) : [] };
        historyUses.set(other, entry);
      }
      for (const u of entry.uses) if (ws(project).resolveModule(other, u.specifier) === file) out.add(u.imported);
    }
    return out;
  }

  const ws = (project: ProjectFiles) => {
    if (!workspace || workspace.project !== project) workspace = new TypeScriptWorkspace(project);
    return workspace;
  };

  /**
   * Handlers in other files that call this file's exports: exported name → reason. Followed through the files between
   * (a NestJS controller calls its service, which calls the service holding the client), each file once per question
   * and at most MAX_CALLER_HOPS files away.
   */
  function externalCallers(file: string, project: ProjectFiles, visiting = new Set<string>(), seen = new Map<string, Map<string, string>>()): Map<string, string> {
    const known = seen.get(file);
    if (known) return known;
    const out = new Map<string, string>();
    seen.set(file, out);
    if (visiting.size >= MAX_CALLER_HOPS) return out;
    visiting.add(file);
    const importers = possibleImporters(file, importNeedle(file), project);
    // Through a barrel too: `require('./controller/event')` whose index re-exports `./appMention`.
    const barrels = [...importers].filter((o) => /^index\.[cm]?[jt]sx?$/.test(path.basename(o)) && path.dirname(o) === path.dirname(file));
    const routes = [...[...importers].map((o) => ({ other: o, via: file })), ...barrels.flatMap((b) => [...possibleImporters(b, importNeedle(b), project)].map((o) => ({ other: o, via: b })))];
    for (const { other, via } of routes) {
      if (visiting.has(other)) continue;
      for (const c of handlerCallsOf(other, via, project, visiting, seen)) {
        if (ws(project).resolveModule(other, c.specifier) !== via) continue;
        const name = via === file ? c.imported : ws(project).exportOrigin(via, c.imported)?.file === file ? ws(project).exportOrigin(via, c.imported)!.name : null;
        if (name && !out.has(name)) out.set(name, c.reason);
      }
    }
    visiting.delete(file);
    return out;
  }

  /** The stem an import of `file` ends in: `../lib/llm` → `llm`, and a folder's name for its index. */
  function importNeedle(file: string): string {
    const stem = path.basename(file).replace(/\.[^.]+$/, '');
    return stem === 'index' ? path.basename(path.dirname(file)) : stem;
  }

  /** Calls `other`'s request-path functions make on imports, its own callers in other files included. */
  function handlerCallsOf(other: string, callee: string, project: ProjectFiles, visiting: Set<string>, seen: Map<string, Map<string, string>>): ReturnType<typeof importedCallsFromHandlers> {
    const ctx = ws(project).contextFor(other);
    if (!ctx) return [];
    // Only a file that imports the callee can pass a request path on to it; only then are its own callers asked.
    const importsCallee = [...ctx.imports.values()].some((r) => ws(project).resolveModule(other, r.specifier) === callee);
    const upstream = importsCallee ? externalCallers(other, project, visiting, seen) : new Map<string, string>();
    const key = `${project.version(other)}\0${[...upstream].map(([k, v]) => `${k}\u0001${v}`).join('\0')}`;
    const hit = importerCalls.get(other);
    if (hit && hit.key === key) return hit.calls;
    const calls = importedCallsFromHandlers(ctx, upstream);
    importerCalls.set(other, { key, calls });
    return calls;
  }

  return {
    languageOf: scriptLanguageOf,

    analyze(p: string, text: string, project: ProjectFiles): FileFacts {
      const language = scriptLanguageOf(p) ?? 'typescript';
      const facts = emptyFacts(p, language, text);
      if (!mayHoldFacts(text)) return facts;
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
      // Only files with a store read returned from a function need to know who consumes their results.
      const feeders = /\b(findMany|find|from|lrange|lRange|query|execute|all)\s*\(/.test(text) && /\breturn\b/.test(text) ? () => externalPromptFeeders(p, project) : () => new Set<string>();
      extract(ctx, facts, requestPathMap(ctx, externalCallers(p, project)), feeders);
      // Tests, mocks and stories exercise the code with stubs (`nock('https://api.openai.com')`, fake clients).
      if (isTestFile(p, project.root, language, (q) => project.has(q))) withoutTraffic(facts);
      return facts;
    },

    writer: () => typescriptWriter,

    dependents(p: string): string[] {
      if (!workspace) return [];
      // Importers read this file's clients and constants; the files it imports learn from it whether they are on a
      // request path (and so, up to MAX_CALLER_HOPS files on, the files those import) and whether their history
      // reads reach a prompt.
      const ws = workspace;
      const out = new Set(ws.importersOf(p));
      let layer = [p];
      const reached = new Set(layer);
      for (let hop = 0; hop < MAX_CALLER_HOPS && layer.length; hop++) {
        const next: string[] = [];
        for (const file of layer) {
          for (const ref of ws.contextFor(file)?.imports.values() ?? []) {
            const target = ws.resolveModule(file, ref.specifier);
            if (!target || reached.has(target)) continue;
            reached.add(target);
            out.add(target);
            next.push(target);
          }
        }
        layer = next;
      }
      return [...out];
    },

    forget(p: string): void {
      workspace?.forget(p);
      importerCalls.delete(p);
      importStems.delete(p);
      historyUses.delete(p);
    },
  };
}

/** Syntax kinds the extractor dispatches on, read once (`ts.SyntaxKind.X` is a lookup in a huge enum object). */
const KIND = {
  call: ts.SyntaxKind.CallExpression,
  new: ts.SyntaxKind.NewExpression,
  string: ts.SyntaxKind.StringLiteral,
  plainTemplate: ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  templateHead: ts.SyntaxKind.TemplateHead,
  propertyAccess: ts.SyntaxKind.PropertyAccessExpression,
  elementAccess: ts.SyntaxKind.ElementAccessExpression,
} as const;

function extract(ctx: FileContext, facts: FileFacts, requestPaths: Map<ts.FunctionLikeDeclaration, string>, feeders: () => Set<string> = () => new Set()): void {
  const calls: ts.CallExpression[] = [];
  const constructions: ts.Node[] = [];
  const envReads = new Set<string>();
  const historyNames = new Set<string>();
  const interest = nodesOfInterest(ctx.sf);
  if (interest) {
    // The per-statement lists of the tree index: statements an edit did not touch are not walked again.
    for (const c of interest.calls) calls.push(c);
    for (const c of interest.constructions) constructions.push(c);
    for (const n of interest.strings) literalFacts(n as ts.StringLiteral, ctx, facts.endpoints, facts.secrets, facts.attributes);
    for (const n of interest.accesses) {
      const env = envReadOf(n);
      if (env) envReads.add(env);
    }
  } else {
    walk(ctx.sf, (n: ts.Node): void => {
      // Every node of the file passes here: dispatch on the kind once instead of testing it with each guard.
      switch (n.kind) {
        case KIND.call:
          calls.push(n as ts.CallExpression);
          constructions.push(n);
          break;
        case KIND.new:
          constructions.push(n);
          break;
        case KIND.string:
        case KIND.plainTemplate:
        case KIND.templateHead:
          literalFacts(n as ts.StringLiteral, ctx, facts.endpoints, facts.secrets, facts.attributes);
          break;
        case KIND.propertyAccess:
        case KIND.elementAccess: {
          const env = envReadOf(n);
          if (env) envReads.add(env);
          break;
        }
      }
    });
  }

  // Deno's and Netlify's reads are calls: `Deno.env.get('OPENAI_BASE_URL')`.
  if (/\benv\.get\(/.test(ctx.text)) {
    for (const c of calls) {
      const env = envReadOf(c);
      if (env) envReads.add(env);
    }
  }

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
  const requestUrls = new Set<number>();
  const env = { ctx, requestPaths, historyNames, requestUrls };
  const callOf = new Map<LlmCallSite, ts.CallExpression>();
  for (const c of calls) {
    const site = callSiteOf(c, env);
    if (!site) continue;
    facts.callSites.push(site);
    callOf.set(site, c);
  }
  if ([...ctx.sdk.values()].some((b) => b.kind === 'ai-agent')) {
    for (const n of constructions) {
      const site = ts.isNewExpression(n) ? agentSiteOf(n, env) : null;
      if (site) facts.callSites.push(site);
    }
    facts.callSites.sort((a, b) => a.span.start - b.span.start);
  }
  if (usesOpenAIAgents(ctx)) {
    for (const n of constructions) {
      const site = ts.isNewExpression(n) || ts.isCallExpression(n) ? openAIAgentSiteOf(n, env) : null;
      if (site) facts.callSites.push(site);
    }
    facts.callSites.sort((a, b) => a.span.start - b.span.start);
  }
  if (usesMastra(ctx)) {
    for (const n of constructions) {
      const site = ts.isNewExpression(n) ? mastraAgentSiteOf(n, env) : null;
      if (site) facts.callSites.push(site);
    }
    facts.callSites.sort((a, b) => a.span.start - b.span.start);
  }
  facts.clients = clientsIn(ctx, constructions);
  facts.mcpCalls = mcpCallsIn(ctx, calls, requestPaths);
  facts.agentLoops = agentLoopsIn(ctx, calls, facts.callSites, facts.mcpCalls);
  annotateCallSites(ctx, callOf, facts.callSites, requestPaths);
  // A URL constant used by a request (`fetch(OPENAI_URL, …)`) or as a client's base URL (`baseURL: GROQ_BASE`) is
  // that request's or client's endpoint, wherever the literal is written.
  for (const client of facts.clients) {
    for (const key of ['baseURL', 'baseUrl', 'apiBase', 'basePath']) {
      const v = client.args.options[key]?.value;
      if (v?.kind !== 'dynamic') continue;
      const at = constantLiteralStart(ctx, v.span.start);
      if (at !== null) facts.endpoints.filter((e) => e.span.start === at && e.role === 'other').forEach((e) => (e.role = 'base-url'));
    }
  }
  for (const e of facts.endpoints) if (e.role === 'other' && requestUrls.has(e.span.start)) e.role = 'request';
  for (const c of calls) {
    const load = promptLoadOf(c, ctx, requestPaths, facts.callSites, (name, fn) => passesToPromptHelper([name], fn, ctx));
    if (load) facts.promptLoads.push(load);
    const h = historyFetchOf(c, ctx, facts.callSites, derived);
    if (h) {
      // `export async function getMessagesByChatId(…) { return await db.select().from(message)… }` whose result a
      // route in another file sends to the model.
      if (!h.feedsPrompt && !h.bounded && returnedFrom(c)) {
        const fn = enclosingFunction(c);
        const name = fn ? functionName(fn) : null;
        if (name && (feeders().has(name) || callersFeedPrompt(name, fn!, ctx, facts.callSites))) h.feedsPrompt = true;
      }
      // `const rows = await prisma.message.findMany(…)` … `generateReply(rows)` where the helper sends its parameter.
      if (!h.feedsPrompt && !h.bounded) {
        const binding = bindingOfCall(c);
        if (binding && passesToPromptHelper([binding.name.text, ...derivedNames(binding.name.text, binding, ctx)], enclosingFunction(c) ?? ctx.sf, ctx)) h.feedsPrompt = true;
      }
      facts.historyFetches.push(h);
    }
  }
  facts.historyFetches.push(...runnableHistoriesIn(ctx, constructions), ...prebuiltAgentHistoriesIn(ctx, calls), ...stateGraphHistoriesIn(ctx, facts.callSites));
  facts.historyFetches.push(...sharedHistoriesIn(ctx, callOf, requestPaths));
  facts.instrumentation = instrumentationImports(ctx);
  const versioned = versionedSetUpsIn(ctx.text, 'typescript');
  if (versioned.length) facts.instrumentationFrom = versioned;
  if ([...ctx.imports.values()].some((r) => isVercelGatewayImport(r))) facts.importsVercelGateway = true;
  facts.envReads = [...envReads];
  const defaults = aiSdkDefaultProviders(ctx);
  if (defaults.length) facts.defaultClients = defaults;
}

/**
 * A function of this file that returns a history read (`async function getChatHistory(id) { return
 * prisma.chat.findMany(…) }`) is called elsewhere in the file and the result, or a name computed from it, goes into
 * an LLM call's prompt.
 */
function callersFeedPrompt(name: string, fn: ts.Node, ctx: FileContext, callSites: LlmCallSite[]): boolean {
  let feeds = false;
  walk(ctx.sf, (n) => {
    if (feeds || !ts.isCallExpression(n) || !ts.isIdentifier(n.expression) || n.expression.text !== name || enclosingFunction(n) === fn) return;
    const decl = bindingOfCall(n);
    if (!decl) return;
    const names = [decl.name.text, ...derivedNames(decl.name.text, decl, ctx)];
    const caller = enclosingFunction(n);
    const sites = callSites.filter((s) => caller && s.enclosingFunction?.span.start === caller.getStart(ctx.sf));
    feeds =
      names.some((x) => sites.some((s) => s.prompt.some((p) => p.segments.some((seg) => seg.kind === 'dynamic' && new RegExp(`\\b${x.replace(/\$/g, '\\$')}\\b`).test(seg.text))))) ||
      (!!caller && passesToPromptHelper(names, caller, ctx));
  });
  return feeds;
}

/**
 * Some of `names` is passed to a workspace function whose parameter reaches an LLM prompt there whole
 * (`generateReply(history)` with `function generateReply(messages) { return openai.chat.completions.create({ messages }) }`).
 */
function passesToPromptHelper(names: string[], scope: ts.Node, ctx: FileContext): boolean {
  const res = names.map((x) => new RegExp(`\\b${x.replace(/\$/g, '\\$')}\\b`));
  let found = false;
  walk(scope, (n) => {
    if (found || !ts.isCallExpression(n) || !n.arguments.some((a) => res.some((re) => re.test(a.getText(ctx.sf))))) return;
    const callee = unwrap(n.expression);
    if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return;
    const r = resolveExpression(callee, ctx);
    if (r.kind !== 'node') return;
    const fn = r.node as ts.Node;
    if (!ts.isFunctionDeclaration(fn) && !ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return;
    const feeding = paramsReachingPrompt(fn, r.ctx);
    found = n.arguments.some((a, i) => {
      const p = fn.parameters[i];
      return !!p && ts.isIdentifier(p.name) && feeding.has(p.name.text) && res.some((re) => re.test(a.getText(ctx.sf)));
    });
  });
  return found;
}

/** The parameters of a function that reach an LLM prompt in its body whole (`text.slice(0, 2000)` bounds it). */
function paramsReachingPrompt(fn: ts.FunctionLikeDeclaration, ctx: FileContext): Set<string> {
  const out = new Set<string>();
  if (!fn.body) return out;
  const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : null)).filter((x): x is string => !!x);
  const env = { ctx, requestPaths: new Map<ts.FunctionLikeDeclaration, string>(), historyNames: new Set<string>() };
  walk(fn.body, (m) => {
    if (!ts.isCallExpression(m)) return;
    const site = callSiteOf(m, env);
    for (const part of site?.prompt ?? []) {
      for (const seg of part.segments) {
        if (seg.kind !== 'dynamic') continue;
        for (const p of params) if (new RegExp(`\\b${p}\\b(?!\\s*\\.\\s*(slice|substring|substr)\\()`).test(seg.text)) out.add(p);
      }
    }
  });
  return out;
}

/** The call's value is what its function returns (`return await db.select()…`, `=> db.query(…)`). */
function returnedFrom(call: ts.CallExpression): boolean {
  let top: ts.Node = call;
  while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || ts.isAsExpression(top.parent) || (ts.isPropertyAccessExpression(top.parent) && top.parent.expression === top) || (ts.isCallExpression(top.parent) && top.parent.expression === top))) top = top.parent;
  return !!top.parent && (ts.isReturnStatement(top.parent) || ts.isArrowFunction(top.parent));
}

/**
 * Imported functions whose results this file sends to a model as messages: `rows = await getMessages(…)`, then `rows`
 * (or a variable computed from it) appears in the messages or prompt of an LLM call in the same function.
 */
function importedResultsFeedingPrompts(ctx: FileContext): Array<{ specifier: string; imported: string }> {
  const out: Array<{ specifier: string; imported: string }> = [];
  if (!SDK_MENTION.test(ctx.text)) return out;
  const env = { ctx, requestPaths: new Map<ts.FunctionLikeDeclaration, string>(), historyNames: new Set<string>() };
  walk(ctx.sf, (n) => {
    if (!ts.isCallExpression(n)) return;
    const callee = unwrap(n.expression);
    let ref: ImportRef | undefined;
    let imported: string | null = null;
    if (ts.isIdentifier(callee)) {
      ref = ctx.imports.get(callee.text);
      imported = ref ? ref.imported : null;
    } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      ref = ctx.imports.get(callee.expression.text);
      imported = ref && ref.imported === '*' ? callee.name.text : null;
    }
    if (!ref || !imported || imported === 'default' && !ts.isIdentifier(callee)) return;
    const fn = enclosingFunction(n);
    if (!fn || !fn.body) return;
    let top: ts.Node = n;
    while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || ts.isAsExpression(top.parent))) top = top.parent;
    const p = top.parent;
    const name = p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) ? p.name.text : p && ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(p.left) ? p.left.text : null;
    if (!name) return;
    const names = [name, ...derivedIn(name, fn.body, ctx)];
    const res = names.map((x) => new RegExp(`\\b${x.replace(/\$/g, '\\$')}\\b`));
    let feeds = false;
    walk(fn.body, (m) => {
      if (feeds || !ts.isCallExpression(m)) return;
      const site = callSiteOf(m, env);
      if (site?.prompt.some((part) => part.role !== 'system' && part.segments.some((seg) => seg.kind === 'dynamic' && res.some((r) => r.test(seg.text))))) feeds = true;
    });
    if (feeds) out.push({ specifier: ref.specifier, imported });
  });
  return out;
}

/** Where the string literal an identifier at `offset` resolves to starts, in this file. */
function constantLiteralStart(ctx: FileContext, offset: number): number | null {
  let found: ts.Identifier | undefined;
  const visit = (n: ts.Node): void => {
    if (found || n.end <= offset || n.pos > offset) return;
    if (ts.isIdentifier(n) && n.getStart(ctx.sf) === offset) found = n;
    else ts.forEachChild(n, visit);
  };
  visit(ctx.sf);
  if (!found) return null;
  const r = resolveExpression(found, ctx);
  return r.kind === 'string' && r.ctx === ctx ? r.node.getStart(ctx.sf) : null;
}

/** Variables of the block around `decl` computed or filled from `name` (see derivedIn). */
function derivedNames(name: string, decl: ts.VariableDeclaration, ctx: FileContext): Set<string> {
  let scope: ts.Node = decl;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  return derivedIn(name, scope, ctx);
}

/**
 * Variables in `scope` computed from `name` (declared or assigned: `const history = raw.map(…)`), or filled from it
 * (`raw.forEach((m) => messages.push(…))`, `for (const m of raw) messages.push(…)`, `messages.push(...raw)`),
 * transitively.
 */
function derivedIn(name: string, scope: ts.Node, ctx: FileContext): Set<string> {
  const out = new Set<string>();
  const frontier = [name];
  const add = (x: string) => {
    if (out.has(x) || x === name) return;
    out.add(x);
    frontier.push(x);
  };
  while (frontier.length) {
    const n = frontier.pop()!;
    const re = new RegExp(`\\b${n.replace(/\$/g, '\\$')}\\b`);
    walk(scope, (node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && re.test(node.initializer.getText(ctx.sf))) {
        if (!modelReply(node.initializer)) add(node.name.text);
      } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && re.test(node.right.getText(ctx.sf))) {
        if (!modelReply(node.right)) add(node.left.text);
      }
      else if (ts.isForOfStatement(node) && re.test(node.expression.getText(ctx.sf))) for (const x of pushTargets(node.statement)) add(x);
      else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        const receiver = node.expression.expression;
        if ((method === 'forEach' || method === 'map') && re.test(receiver.getText(ctx.sf))) {
          const cb = node.arguments[0];
          if (cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) for (const x of pushTargets(cb.body)) add(x);
        } else if (PUSH.test(method) && ts.isIdentifier(receiver) && node.arguments.some((a) => re.test(a.getText(ctx.sf)))) add(receiver.text);
      }
    });
  }
  return out;
}

const PUSH = /^(push|unshift)$/;
/** Methods and functions that send the history to a model: what they hand back is the model's reply, not the history. */
const MODEL_CALL = /^(create|stream|parse|invoke|generateText|streamText|generateObject|streamObject|generateContent|generateContentStream|sendMessage|sendMessageStream)$/;

/** `await client.messages.create({ messages: history })`: the reply to the history, which no window on it bounds. */
function modelReply(init: ts.Expression): boolean {
  let e = unwrap(init);
  if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  if (!ts.isCallExpression(e)) return false;
  const callee = unwrap(e.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  // `z.array(Row).parse(rows)`, `Schema.parse(rows)`: validation hands the rows back; only OpenAI's
  // `chat.completions.parse` / `responses.parse` is a model's reply.
  if (name === 'parse') return ts.isPropertyAccessExpression(callee) && STRUCTURED_PARSE_RECEIVER.test(unwrap(callee.expression).getText());
  return MODEL_CALL.test(name);
}

const STRUCTURED_PARSE_RECEIVER = /\.(completions|responses)$/;

/** Arrays filled in a loop or callback body: `messages.push(…)`. */
function pushTargets(body: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && PUSH.test(n.expression.name.text) && ts.isIdentifier(n.expression.expression)) out.push(n.expression.expression.text);
    ts.forEachChild(n, visit);
  };
  visit(body);
  return out;
}
