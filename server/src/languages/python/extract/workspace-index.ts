// Cross-module knowledge: what other workspace modules export and which of their handlers call into a file.
// Other modules are summarised lazily into plain data (no tree-sitter nodes), cached by `project.version(path)`.
import * as path from 'node:path';
import type { ProjectFiles } from '../../../core/front-end';
import { OffsetMap } from '../offsets';
import { indexUnit, withMirror } from '../parser';
import { FnInfo, PyFile } from './file-context';
import { importedModulesOfText, importWordsOfText, resolveModuleFile } from './imports';
import { constantText, functionBodyVolatility, returnedTextOf } from './prompt';
import { callSitesIn } from './call-sites';
import { importedResultsFeedingPrompts } from './history';
import { compiledGraphs, platformGraphsIn } from './langgraph-runs';
import { closeReasons, functionSummaries, RequestPaths, routerOwnPrefix, type FnSummary } from './request-paths';
import { LLM_MENTION } from './sdk';
import { ASSIGNS_LLM_ATTRIBUTE, settingsLlmValues } from './settings-llm';
import { pipedParameters, resolveExpr, resolveModuleName, type Resolved } from './resolve';
import { callOfName, wordNodes, wordRe } from './text-search';
import { dropsMessage, parameterUsage, usageOf, type ArgumentSlot } from './usage';
import type { ClientFact, LlmCallSite, RetryConstruct } from '../../../core/types';
import { clientsPassedToConstructor } from './constructor-clients';
import { rejectionTestParam } from './error-filter';
import { retriesAround, retryCall, retryDecoratorIn, retryHelperIn, returnedRetryPolicy } from './retries';
import { inheritedSelfCalls } from './inherited-calls';
import { envRead } from './values';
import { methodDicts } from './returned-dicts';
import { opensSpan } from './spans';
import { stringValue } from './strings';
import { keyword, positional, unwrap, type Node } from './syntax';

interface ModuleSummary {
  version: number | undefined;
  exports: Map<string, Resolved>;
  functions: FnSummary[];
  /** Workspace modules this one imports. */
  imports: Set<string>;
  /** Module-level runnables that hand back text or parsed data, not the message (`prompt | llm | StrOutputParser()`). */
  parsedRunnables: Set<string>;
  /** What it assigns to LlamaIndex's `Settings.llm`: clients, or unknown for values not followed. */
  settingsLlm: Resolved[];
  /** Module-level names bound to a LangGraph graph the module compiles (`graph = builder.compile(…)`). */
  graphs: Set<string>;
}

const EMPTY_GRAPHS: Map<string, string> = new Map();

/** Summaries above this size are not built: generated files would stall every importer. */
const MAX_SUMMARY_CHARS = 2 * 1024 * 1024;

export function isPythonPath(p: string): boolean {
  return p.endsWith('.py') || p.endsWith('.pyi');
}

const WILDCARD_IMPORT = /^[ \t]*from[ \t]+[.\w]+[ \t]+import[ \t]+\*/m;
const MODULE_GETATTR = /^def[ \t]+__getattr__[ \t]*\(/m;

/** `name` as a whole identifier anywhere in the text (code, strings or comments alike). */
function identifierIn(text: string, name: string): boolean {
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    if (!isIdentifierChar(text[i - 1]) && !isIdentifierChar(text[i + name.length])) return true;
  }
  return false;
}

function isIdentifierChar(c: string | undefined): boolean {
  return c !== undefined && /[\w\u0080-\uffff]/.test(c);
}

/** A judgement kept with the version of every module it read. */
type AcrossModules<T> = { value: T; read: Map<string, number | undefined> };

export class WorkspaceIndex {
  private project: ProjectFiles;
  private readonly summaries = new Map<string, ModuleSummary>();
  private readonly building = new Set<string>();
  /** Files whose last analysis read another file's summary: analysed file → the files it read. */
  private readonly deps = new Map<string, Set<string>>();
  private recording: Set<string> | null = null;
  private readonly mentions = new Map<string, { version: number | undefined; words: Set<string> }>();
  /** Python files by the words of their import statements, kept while no text changes: a scan asks it many times per file. */
  private importersIndex: { textsVersion: number; byWord: Map<string, string[]> } | null = null;
  private readonly moduleCache = new Map<string, string | null>();
  private readonly feedsBuilding = new Set<string>();
  private readonly params = new Map<string, { version: number | undefined; byFunction: Map<string, { params: string[]; feeding: Set<string> }> }>();
  private readonly usages = new Map<string, { version: number | undefined; byFunction: Map<string, Array<LlmCallSite['usage']>> }>();
  private readonly feeds = new Map<string, { version: number | undefined; feeds: Array<{ path: string; qualName: string }> }>();
  private readonly llmAssigners = new Map<string, { version: number | undefined; assigns: boolean }>();
  /** What functions do with a parameter, and the version of every module the judgement read (helpers of helpers too). */
  private readonly parameterUsages = new Map<string, AcrossModules<LlmCallSite['usage'] | null>>();
  /** The clients other modules hand to a class's constructor, and the version of every module the answer read. */
  private readonly constructorClientsMemo = new Map<string, AcrossModules<ClientFact[] | null>>();

  constructor(project: ProjectFiles) {
    this.project = project;
  }

  setProject(project: ProjectFiles): void {
    if (project !== this.project) this.importersIndex = null;
    this.project = project;
  }

  /** Retry constructs around other modules' calls of a function, per analysis (they depend on those modules' callers too). */
  private readonly callerRetryPaths = new Map<string, RetryConstruct[][]>();

  /** Starts recording the files an analysis of `p` reads. */
  beginAnalysis(p: string): void {
    // Files come and go between analyses; within one, module look-ups repeat a lot.
    this.moduleCache.clear();
    this.callerRetryPaths.clear();
    this.recording = new Set();
    this.deps.set(p, this.recording);
  }

  endAnalysis(): void {
    this.recording = null;
  }

  /** Current text of a workspace file, recorded as a dependency of the analysis in progress. */
  textOf(p: string): string | undefined {
    this.recording?.add(p);
    return this.project.text(p);
  }

  resolveModule(fromFile: string, level: number, dotted: string): string | null {
    const key = `${path.dirname(fromFile)}\0${level}\0${dotted}`;
    const cached = this.moduleCache.get(key);
    if (cached !== undefined) return cached;
    const hit = resolveModuleFile(fromFile, level, dotted, this.project);
    const result = hit && isPythonPath(hit) ? hit : null;
    this.moduleCache.set(key, result);
    return result;
  }

  /**
   * Whether a workspace module may bind `name` at module level. A module that never spells the name, imports nothing
   * with `*` and has no module `__getattr__` cannot: `from agents import Agent` then loads another module than this
   * one (an app's own `app/agents/` package is not the OpenAI Agents SDK), or fails.
   */
  mayBind(p: string, name: string): boolean {
    const text = this.textOf(p);
    if (text === undefined) return true;
    return identifierIn(text, name) || WILDCARD_IMPORT.test(text) || MODULE_GETATTR.test(text);
  }

  /** `pkg/__init__.py` + `sub` → `pkg/sub.py` when it exists. */
  submodule(pkgPath: string, name: string): string | null {
    if (path.basename(pkgPath) !== '__init__.py') return null;
    const dir = path.dirname(pkgPath);
    for (const c of [path.join(dir, `${name}.py`), path.join(dir, name, '__init__.py')]) if (this.project.has(c)) return c;
    return null;
  }

  /** Module-level names of workspace module `p` bound to a LangGraph graph it compiles. */
  compiledGraphNames(p: string): Set<string> {
    return this.summary(p)?.graphs ?? new Set();
  }

  private platformConfigs: { setVersion: number | undefined; found: string[]; key: string; configs: Array<{ path: string; text: string }>; byModule: Map<string, Map<string, string>> } | null = null;

  /** The graphs a `langgraph.json` of the workspace has LangGraph Platform serve from module `p`: name → reason. */
  platformGraphs(p: string): Map<string, string> {
    const setVersion = this.project.fileSetVersion?.();
    let c = this.platformConfigs;
    const found = c && setVersion !== undefined && c.setVersion === setVersion ? c.found : [...this.project.paths()].filter((q) => path.basename(q) === 'langgraph.json');
    for (const q of found) this.recording?.add(q);
    const key = found.map((q) => `${q}\0${this.project.version(q)}`).join('\0');
    if (!c || c.key !== key || c.found !== found) {
      const configs = found.flatMap((q) => {
        const text = this.project.text(q);
        return text === undefined ? [] : [{ path: q, text }];
      });
      c = this.platformConfigs = { setVersion, found, key, configs, byModule: new Map() };
    }
    if (!c.configs.length) return EMPTY_GRAPHS;
    let graphs = c.byModule.get(p);
    if (!graphs) c.byModule.set(p, (graphs = platformGraphsIn(p, c.configs)));
    return graphs;
  }

  /** A module-level name of another workspace module, as plain data. */
  exportOf(fromFile: string, target: string, name: string): Resolved {
    if (target === fromFile) return { kind: 'unknown' };
    const s = this.summary(target);
    return s?.exports.get(name) ?? { kind: 'unknown' };
  }

  private summary(p: string): ModuleSummary | null {
    this.recording?.add(p);
    const version = this.project.version(p);
    const cached = this.summaries.get(p);
    if (cached && cached.version === version) return cached;
    if (this.building.has(p)) return null;
    this.building.add(p);
    try {
      const built = this.withModule(p, (file) => summarise(file, version));
      if (built) this.summaries.set(p, built);
      return built;
    } finally {
      this.building.delete(p);
    }
  }

  /** What the workspace's other modules assign to LlamaIndex's `Settings.llm` (see `settingsLlmClient`). */
  settingsLlmAssignments(fromFile: string): Resolved[] {
    const out: Resolved[] = [];
    for (const other of this.project.paths()) {
      if (other === fromFile || !isPythonPath(other) || !this.mayAssignLlm(other)) continue;
      out.push(...(this.summary(other)?.settingsLlm ?? []));
    }
    return out;
  }

  /** The text filter of `settingsLlmAssignments`, once per file version. */
  private mayAssignLlm(p: string): boolean {
    const version = this.project.version(p);
    let hit = this.llmAssigners.get(p);
    if (!hit || hit.version !== version) this.llmAssigners.set(p, (hit = { version, assigns: ASSIGNS_LLM_ATTRIBUTE.test(this.project.text(p) ?? '') }));
    return hit.assigns;
  }

  /** Whether module-level name `name` of `target` is a runnable that drops the message's usage (see `dropsMessage`). */
  isParsedRunnable(fromFile: string, target: string, name: string): boolean {
    if (target === fromFile) return false;
    return !!this.summary(target)?.parsedRunnables.has(name);
  }

  /**
   * The retry constructs around each call other workspace modules make to module-level function `qualName` of `p`
   * (one list per call: each is a path of its own): a Celery task in `tasks.py` with `autoretry_for` that calls a
   * service, which calls the client module's function.
   */
  callerRetries(p: string, qualName: string, depth: number): RetryConstruct[][] {
    return this.retryPathsAround(`${p}\0${qualName}\0${depth}`, () => this.importersOf(p), (file) => callsOfFunction(file, p, qualName), depth);
  }

  /**
   * The retry constructs around each `self.<method>(…)` call in the methods of class `classQualName` of module `p`
   * (a base class whose retry loop calls a method its subclasses implement) that run on a subclass replacing the
   * methods `overridden`, one path per call.
   */
  inheritedCallRetries(p: string, classQualName: string, method: string, overridden: readonly string[], depth: number): RetryConstruct[][] {
    const key = `${p}\0${classQualName}.${method}\0${overridden.join(',')}\0${depth}`;
    return this.retryPathsAround(key, () => [p], (file) => inheritedSelfCalls(file, classQualName, method, overridden), depth);
  }

  /** The retry constructs around each of `callsIn` in `modules`, one path per call, worked out once per key. */
  private retryPathsAround(key: string, modules: () => Iterable<string>, callsIn: (file: PyFile) => Node[], depth: number): RetryConstruct[][] {
    const hit = this.callerRetryPaths.get(key);
    if (hit) return hit;
    const paths: RetryConstruct[][] = [];
    // A placeholder ends cycles between modules that call each other.
    this.callerRetryPaths.set(key, paths);
    for (const m of modules()) {
      this.recording?.add(m);
      this.withModule(m, (file) => {
        for (const call of callsIn(file)) paths.push(retriesAround(call, file, depth));
      });
    }
    return paths;
  }

  /** What other workspace modules do with the result of each call they make to function `qualName` of `p`. */
  resultUsages(p: string, qualName: string): Array<LlmCallSite['usage']> {
    const out: Array<LlmCallSite['usage']> = [];
    for (const importer of this.importersOf(p)) out.push(...this.resultUsagesIn(importer, p, qualName));
    return out;
  }

  private resultUsagesIn(importer: string, target: string, qualName: string): Array<LlmCallSite['usage']> {
    this.recording?.add(importer);
    const version = this.project.version(importer);
    let entry = this.usages.get(importer);
    if (!entry || entry.version !== version) this.usages.set(importer, (entry = { version, byFunction: new Map() }));
    const key = `${target}\0${qualName}`;
    const hit = entry.byFunction.get(key);
    if (hit) return hit;
    const found: Array<LlmCallSite['usage']> = [];
    this.withModule(importer, (file) => {
      for (const call of callsOfFunction(file, target, qualName)) found.push(usageOf(call, file, null, '').usage);
      // Handed on as a value (`pool.map(complete, prompts)`): whoever calls it may read the usage.
      for (const id of wordNodes(file, qualName, (n) => (n.type === 'identifier' ? n : null))) {
        const p = id.parent;
        if (!p || /import|dotted_name/.test(p.type) || callOfName(id)) continue;
        if (p.type === 'attribute' && p.childForFieldName('attribute')?.id !== id.id) continue;
        if (p.type === 'keyword_argument' && p.childForFieldName('name')?.id === id.id) continue;
        const r = resolveExpr(file, p.type === 'attribute' ? p : id);
        if (r.kind === 'function' && r.path === target && r.qualName === qualName) found.push('escapes');
      }
    });
    entry.byFunction.set(key, found);
    return found;
  }

  /**
   * What module-level function `qualName` of `p` does with the parameter an argument at `slot` fills (a response handed
   * to a helper of another module, see usage.ts): null when there is no such function or parameter, or the helpers
   * call each other round.
   */
  parameterUsage(p: string, qualName: string, slot: ArgumentSlot, hops: number): LlmCallSite['usage'] | null {
    const key = `${p}\0${qualName}\0${'keyword' in slot ? `=${slot.keyword}` : slot.position}\0${hops}`;
    return this.rememberedAcross(this.parameterUsages, key, p, () => this.withModule(p, (file) => parameterUsage(file, qualName, slot, hops)));
  }

  /**
   * The clients the other workspace modules pass as keyword `param` when they construct module-level class `className`
   * of `p` by name (see `clientsPassedToConstructor`): null when none constructs it, or one passes no client.
   */
  constructorClients(p: string, className: string, param: string): ClientFact[] | null {
    return this.rememberedAcross(this.constructorClientsMemo, `${p}\0${className}\0${param}`, p, (read) => {
      const clients: ClientFact[] = [];
      for (const importer of this.importersOf(p)) {
        read.add(importer);
        if (!identifierIn(this.project.text(importer) ?? '', className)) continue;
        const found = this.withModule(importer, (file) => clientsPassedToConstructor(file, className, param, (callee) => this.namesExport(file, callee, p, className)));
        if (!found) return null;
        for (const c of found) if (!clients.some((o) => o.path === c.path && o.span.start === c.span.start)) clients.push(c);
      }
      // Only constructions of one SDK: a class handed an OpenAI client here and an Anthropic one there stays unknown.
      return clients.length && clients.every((c) => c.sdk === clients[0].sdk) ? clients : null;
    });
  }

  /**
   * A judgement that reads other modules, kept until one of the modules it read changes: `compute` reads them through
   * this index, which records them in `read` (it may add more). A placeholder (null) ends cycles between judgements;
   * the modules read are recorded for the analysis in progress too.
   */
  private rememberedAcross<T>(memo: Map<string, AcrossModules<T | null>>, key: string, p: string, compute: (read: Set<string>) => T | null): T | null {
    const hit = memo.get(key);
    if (hit && [...hit.read].every(([m, v]) => this.project.version(m) === v)) {
      for (const m of hit.read.keys()) this.recording?.add(m);
      return hit.value;
    }
    const outer = this.recording;
    const read = new Set<string>([p]);
    memo.set(key, { value: null, read: new Map() });
    this.recording = read;
    let value: T | null;
    try {
      value = compute(read);
    } finally {
      this.recording = outer;
    }
    for (const m of read) outer?.add(m);
    memo.set(key, { value, read: new Map([...read].map((m) => [m, this.project.version(m)])) });
    return value;
  }

  /** The parameters of module-level function `qualName` of `p` that reach an LLM prompt in its body. */
  promptParams(p: string, qualName: string): { params: string[]; feeding: Set<string> } | null {
    this.recording?.add(p);
    const version = this.project.version(p);
    let entry = this.params.get(p);
    if (!entry || entry.version !== version) {
      entry = { version, byFunction: this.promptParamsOf(p) };
      this.params.set(p, entry);
    }
    return entry.byFunction.get(qualName) ?? null;
  }

  private promptParamsOf(p: string): Map<string, { params: string[]; feeding: Set<string> }> {
    const out = new Map<string, { params: string[]; feeding: Set<string> }>();
    if (!LLM_MENTION.test(this.project.text(p) ?? '') || this.feedsBuilding.has(p)) return out;
    this.feedsBuilding.add(p);
    try {
      this.withModule(p, (file) => {
        const sites = moduleCallSites(file);
        for (const fn of file.functions) {
          if (fn.parent || fn.cls || !fn.name) continue;
          const span = file.span(fn.node);
          const inFn = sites.filter((s) => s.span.start >= span.start && s.span.end <= span.end);
          // `text[:2000]` in the prompt bounds what the parameter brings: only a parameter sent whole counts.
          const whole = (param: string, seg: string) => wordRe(param).test(seg) && !new RegExp(`\\b${param}\\s*\\[[^\\]]*:[^\\]]*\\]`).test(seg);
          const feeding = new Set(fn.params.filter((param) => inFn.some((s) => s.prompt.some((part) => part.segments.some((seg) => seg.kind === 'dynamic' && whole(param, seg.text))))));
          if (feeding.size) out.set(fn.qualName, { params: fn.params, feeding });
        }
      });
    } finally {
      this.feedsBuilding.delete(p);
    }
    return out;
  }

  /** Functions of `p` whose results other workspace modules send to a model as messages (their qualNames). */
  promptFeedersOf(p: string): Set<string> {
    const out = new Set<string>();
    for (const importer of this.importersOf(p)) {
      for (const f of this.promptFeeds(importer)) if (f.path === p) out.add(f.qualName);
    }
    return out;
  }

  /** What `p` sends to a model from other modules' functions, cached by version (it needs `p`'s call sites). */
  private promptFeeds(p: string): Array<{ path: string; qualName: string }> {
    this.recording?.add(p);
    const version = this.project.version(p);
    const cached = this.feeds.get(p);
    if (cached && cached.version === version) return cached.feeds;
    if (this.feedsBuilding.has(p)) return [];
    this.feedsBuilding.add(p);
    try {
      const feeds = this.withModule(p, (file) => importedResultsFeedingPrompts(file, moduleCallSites(file))) ?? [];
      this.feeds.set(p, { version, feeds });
      return feeds;
    } finally {
      this.feedsBuilding.delete(p);
    }
  }

  /** Runs `fn` on workspace module `p` read from its current text; null when it is missing, too large or not Python. */
  private withModule<T>(p: string, fn: (file: PyFile) => T): T | null {
    const text = this.project.text(p);
    if (text === undefined || text.length > MAX_SUMMARY_CHARS || !isPythonPath(p)) return null;
    return withMirror(text, (mirror) => fn(new PyFile(p, text, mirror.root, new OffsetMap(text, indexUnit()), this)));
  }

  /** Reasons handlers in other workspace files give this file's functions (qualName → reason). */
  externalSeeds(p: string, visiting = new Set<string>()): Map<string, string> {
    visiting.add(p);
    const seeds = new Map<string, string>();
    for (const importer of this.importersOf(p)) {
      if (visiting.has(importer)) continue;
      const s = this.summary(importer);
      if (!s || !s.functions.some((fn) => fn.calls.some((c) => c.path === p))) continue;
      const theirs = closeReasons(s.functions, importer, this.externalSeeds(importer, visiting));
      for (const fn of s.functions) {
        const why = fn.qualName === '<module>' ? fn.reason : theirs.get(fn.qualName);
        if (!why) continue;
        for (const c of fn.calls) {
          if (c.path !== p || seeds.has(c.qualName)) continue;
          seeds.set(c.qualName, fn.qualName === '<module>' ? why : `called from ${fn.name} in ${path.basename(importer)} (${why})`);
        }
      }
    }
    visiting.delete(p);
    return seeds;
  }

  /**
   * The path prefix other modules mount router `name` of `p` under: `app.include_router(documents.router,
   * prefix="/api/v1")`, after the prefixes of the routers that include it in turn. Matched by import, not by value:
   * `p` is being analysed, so its summary cannot be asked. Empty when no module includes it with a prefix.
   */
  includePrefix(p: string, name: string, depth = 0): string {
    if (depth > 3) return '';
    for (const importer of this.importersOf(p)) {
      // Recorded before the filter: an `include_router` added to the importer later changes this file's routes.
      this.recording?.add(importer);
      if (!(this.project.text(importer) ?? '').includes('include_router')) continue;
      const found = this.withModule(importer, (file) => {
        for (const call of wordNodes(file, 'include_router', callOfName)) {
          const args = call.childForFieldName('arguments');
          const first = positional(args, 0) ?? keyword(args, 'router');
          if (!first || !this.namesExport(file, unwrap(first), p, name)) continue;
          const prefixArg = keyword(args, 'prefix');
          const own = prefixArg ? (stringValue(unwrap(prefixArg), (x) => file.src(x)) ?? '').replace(/\/+$/, '') : '';
          // `api_router.include_router(…)`: that router has a prefix of its own and is mounted somewhere too.
          const callee = call.childForFieldName('function');
          const recv = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
          const outer = recv?.type === 'identifier' ? resolveExpr(file, recv) : null;
          if (outer?.kind !== 'node' || outer.node.type !== 'call' || outer.file.path !== importer) return own;
          return `${this.includePrefix(importer, recv!.text, depth + 1)}${routerOwnPrefix(file, outer.node) ?? ''}${own}`;
        }
        return null;
      });
      if (found) return found;
    }
    return '';
  }

  /** `e` names `name` of module `target` through this file's imports (`from m import name as x`, `import m` + `m.name`). */
  private namesExport(file: PyFile, e: Node, target: string, name: string): boolean {
    const fromModule = (b: { module: string; level: number } | undefined) => !!b && this.resolveModule(file.path, b.level, b.module) === target;
    if (e.type === 'identifier') {
      const b = file.imports.get(e.text);
      return !!b && b.name === name && fromModule(b);
    }
    if (e.type !== 'attribute' || e.childForFieldName('attribute')?.text !== name) return false;
    const obj = e.childForFieldName('object');
    if (obj?.type !== 'identifier') return false;
    const b = file.imports.get(obj.text);
    if (!b) return false;
    // `from app.api import documents` binds the submodule; `import app.api.documents as documents` the module.
    const dotted = b.name === null ? b.module : b.module ? `${b.module}.${b.name}` : b.name;
    return this.resolveModule(file.path, b.level, dotted) === target;
  }

  /** Python files whose import statements name the module (the cheap filter before summarising them). */
  private importersOf(p: string): string[] {
    const base = path.basename(p).replace(/\.pyi?$/, '');
    const stem = base === '__init__' ? path.basename(path.dirname(p)) : base;
    const textsVersion = this.project.textsVersion?.();
    if (textsVersion === undefined) return [...this.project.paths()].filter((other) => other !== p && isPythonPath(other) && this.importWordsOf(other).has(stem));
    if (this.importersIndex?.textsVersion !== textsVersion) {
      const byWord = new Map<string, string[]>();
      for (const other of this.project.paths()) {
        if (!isPythonPath(other)) continue;
        for (const word of this.importWordsOf(other)) {
          const list = byWord.get(word);
          if (list) list.push(other);
          else byWord.set(word, [other]);
        }
      }
      this.importersIndex = { textsVersion, byWord };
    }
    return (this.importersIndex.byWord.get(stem) ?? []).filter((other) => other !== p);
  }

  /**
   * The words of a file's import statements, once per version: asking every file's text for every module's name made
   * a workspace scan quadratic.
   */
  private importWordsOf(file: string): Set<string> {
    const version = this.project.version(file);
    let m = this.mentions.get(file);
    if (!m || m.version !== version) {
      m = { version, words: importWordsOfText(this.project.text(file) ?? '') };
      this.mentions.set(file, m);
    }
    return m.words;
  }

  /** Files whose facts may change when `p` changes: those that read its summary, and the modules it calls into. */
  dependents(p: string): string[] {
    this.moduleCache.clear();
    const out = new Set<string>();
    for (const [file, read] of this.deps) if (file !== p && read.has(p)) out.add(file);
    const before = this.summaries.get(p);
    if (before) {
      // Its handlers may call into what it imports, before and after the change.
      for (const i of before.imports) out.add(i);
      for (const imp of importedModulesOfText(this.project.text(p) ?? '')) {
        const t = this.resolveModule(p, imp.level, imp.module);
        if (t) out.add(t);
        for (const n of imp.names) {
          const sub = this.resolveModule(p, imp.level, imp.module ? `${imp.module}.${n}` : n);
          if (sub) out.add(sub);
        }
      }
    }
    out.delete(p);
    return [...out];
  }

  forget(p: string): void {
    this.summaries.delete(p);
    this.feeds.delete(p);
    this.usages.delete(p);
    this.params.delete(p);
    this.deps.delete(p);
    this.mentions.delete(p);
    this.llmAssigners.delete(p);
    for (const key of this.parameterUsages.keys()) if (key.startsWith(`${p}\0`)) this.parameterUsages.delete(key);
    for (const key of this.constructorClientsMemo.keys()) if (key.startsWith(`${p}\0`)) this.constructorClientsMemo.delete(key);
  }
}

/** Another module's LLM call sites, read without its request paths or history names (plain data). */
function moduleCallSites(file: PyFile): LlmCallSite[] {
  return callSitesIn({ file, reasons: new RequestPaths(file, () => new Map()), historyNames: new Set() });
}

/** Plain-data summary of a parsed module: its module-level names and its call graph. */
function summarise(file: PyFile, version: number | undefined): ModuleSummary {
  const exports = new Map<string, Resolved>();
  const names = new Set<string>([...file.moduleAssigns.keys(), ...file.moduleDefs.keys(), ...file.imports.keys()]);
  for (const name of names) {
    const r = plain(file, name, resolveModuleName(file, name));
    if (r.kind !== 'unknown') exports.set(name, r);
  }
  const imports = new Set<string>();
  for (const b of file.imports.values()) {
    const t = file.index.resolveModule(file.path, b.level, b.module);
    if (t) imports.add(t);
    if (b.name) {
      const sub = file.index.resolveModule(file.path, b.level, b.module ? `${b.module}.${b.name}` : b.name);
      if (sub) imports.add(sub);
    }
  }
  const parsedRunnables = new Set<string>();
  for (const [name, values] of file.moduleAssigns) if (values.length === 1 && dropsMessage(file, values[0])) parsedRunnables.add(name);
  const settingsLlm = settingsLlmValues(file).map((v): Resolved => {
    const r = resolveExpr(file, v);
    return r.kind === 'client' ? r : { kind: 'unknown' };
  });
  return { version, exports, functions: functionSummaries(file), imports, parsedRunnables, settingsLlm, graphs: new Set(compiledGraphs(file).keys()) };
}

/** Converts a resolution into data that outlives the tree: constants become text, expressions are dropped. */
function plain(file: PyFile, name: string, r: Resolved): Resolved {
  switch (r.kind) {
    case 'node': {
      // `llm_retry = retry(stop=…)`: importers decorate with it.
      const policy = r.node.type === 'call' ? retryCall(file, r.node) : null;
      if (policy) return { kind: 'retry', policy };
      const env = envRead(file, unwrap(r.node));
      if (env) return { kind: 'env', name: env.name, fallback: env.fallback ? stringValue(unwrap(env.fallback), (n) => file.src(n)) : null };
      const text = constantText(file, r.node);
      if (text) return { kind: 'string', value: text.value, path: file.path, span: text.span, name };
      if (r.node.type === 'integer' || r.node.type === 'float') {
        const v = Number(file.src(r.node).replace(/_/g, ''));
        return Number.isFinite(v) ? { kind: 'number', value: v } : { kind: 'unknown' };
      }
      return { kind: 'unknown' };
    }
    case 'param':
      return { kind: 'unknown' };
    case 'class': {
      // `class LLMBase: def _get_common_params(self, **kwargs)`: subclasses elsewhere spread the dicts it returns.
      const cls = r.path === file.path ? file.classNamed(r.qualName) : undefined;
      const returnedDicts = cls ? methodDicts(file, cls) : undefined;
      return returnedDicts ? { ...r, returnedDicts } : r;
    }
    case 'function': {
      // `def build_system_prompt(user): return f"Now: {now}…"`: importers' calls read the text it returns.
      const own = r.path === file.path && !r.qualName.includes('.');
      const returnsText = own ? returnedTextOf(file, r.qualName) : null;
      // `def with_retry(fn, retries=3)`: importers' calls that hand it an LLM call are retried by its loop.
      const fn = own ? file.moduleDefs.get(r.qualName) : undefined;
      const retryHelper = fn instanceof FnInfo ? retryHelperIn(file, fn) : null;
      const retryDecorator = fn instanceof FnInfo ? retryDecoratorIn(file, fn) : null;
      const returnsRetry = fn instanceof FnInfo ? returnedRetryPolicy(file, fn) : null;
      // `def stamp(): return datetime.now().isoformat()`: importers' `{stamp()}` is a timestamp.
      const bodyVolatility = fn instanceof FnInfo ? functionBodyVolatility(file, fn) : undefined;
      // `def is_token_limit_exceeded(exc, model)`: importers' retry loops that go round only when it holds re-send refused requests.
      const rejectionTest = fn instanceof FnInfo ? rejectionTestParam(file, fn) : null;
      // `def create_rag_chain(retriever, prompt, llm): return … | prompt | llm`: importers' calls run the model they hand it.
      const pipesParameters = fn instanceof FnInfo ? pipedParameters(file, fn) : [];
      // `def trace_method(func)` wrapping it in `tracer.start_as_current_span(…)`: importers' decorated methods run in a span.
      const span = fn instanceof FnInfo && file.text.includes('start_') && opensSpan(file, fn);
      return { ...r, ...(span ? { opensSpan: true } : {}), ...(pipesParameters.length ? { pipesParameters } : {}), ...(returnsText ? { returnsText } : {}), ...(retryHelper ? { retryHelper } : {}), ...(retryDecorator ? { retryDecorator } : {}), ...(returnsRetry ? { returnsRetry } : {}), ...(bodyVolatility ? { bodyVolatility } : {}), ...(rejectionTest !== null ? { rejectionTest } : {}) };
    }
    default:
      return r;
  }
}

/** The calls in `file` (another module) of module-level function `qualName` of `target`, as its imports resolve them. */
function callsOfFunction(file: PyFile, target: string, qualName: string): Node[] {
  return wordNodes(file, qualName, callOfName).filter((call) => {
    const callee = call.childForFieldName('function');
    const r = callee ? resolveExpr(file, callee) : null;
    return r?.kind === 'function' && r.path === target && r.qualName === qualName;
  });
}
