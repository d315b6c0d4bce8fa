import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { defaultConfig, ruleSetting, type Config } from './config';
import type { CodeWriter } from './code-writer';
import { emptyFacts, MAX_FILE_BYTES, type FrontEnd, type ProjectFiles } from './front-end';
import { isInside } from './paths';
import { compareVersions, readManifestDependencies, readNpmFloors, readVersionCeilings, readVersionFloors, isManifest, isModuleConfig, isLangGraphConfig, isPythonLockfile, type VersionCeiling } from './manifests';
import { pinsByDirectory, pinsOf, type PythonPins } from './python-pins';
import type { AnyRule } from './rule';
import { sitesRetriedFrom } from './retry-sites';
import { isSuppressed, parseSuppressions } from './suppressions';
import { parse as parseJsonc } from 'jsonc-parser';
import { LineIndex } from './text';
import { instrumentationFromEnv } from './observability-setup';
import type { FileError, FileFacts, Finding, Fix, LanguageId, LlmCallSite, Span, TextEdit } from './types';
import type { WorkspaceView } from './workspace-view';

export { MAX_FILE_BYTES } from './front-end';

/**
 * The `compilerOptions.outDir` of a tsconfig.json, when it is a directory below the config's own: tsc's output there
 * (`lib/`, `build-cjs/`) repeats the sources, so its calls would be reported twice and fixed where the next build
 * overwrites them.
 */
function compilerOutDir(configFile: string): string | null {
  try {
    const config = parseJsonc(fs.readFileSync(configFile, 'utf8')) as { compilerOptions?: { outDir?: unknown } } | undefined;
    const outDir = config?.compilerOptions?.outDir;
    if (typeof outDir !== 'string' || !outDir.trim()) return null;
    const dir = path.dirname(configFile);
    const resolved = path.resolve(dir, outDir);
    return resolved !== dir && isInside(resolved, dir) ? resolved : null;
  } catch {
    return null;
  }
}

function realPath(p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}

/** Directories never scanned. */
const IGNORED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', '.next', '.nuxt', '.turbo', '.cache',
  'coverage', '.venv', 'venv', 'env', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'site-packages',
  '__pypackages__', '.eggs', '.ipynb_checkpoints', '.vscode-test', 'bower_components', 'jspm_packages', '.yarn', '.pnpm-store',
  // Framework and deploy tool output: generated from the sources, which are scanned.
  '.svelte-kit', '.output', '.vercel', '.netlify', '.wrangler', 'cdk.out', '.serverless', '.aws-sam', '.terraform',
  '.parcel-cache', '.angular', '.docusaurus', '.expo',
  // Copies of other projects' code kept in the repository.
  'vendor', 'third_party',
]);

export interface LintResult {
  path: string;
  language: LanguageId | null;
  findings: Finding[];
  callSites: LlmCallSite[];
  errors: FileError[];
}

export interface ScanOptions {
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
}

interface FileEntry {
  text: string;
  version: number;
  language: LanguageId | null;
  frontEnd: FrontEnd | null;
  facts?: FileFacts;
  factsVersion?: number;
  /** The file could not be analysed (binary, too large): this error stands in for its facts. */
  skipped?: FileError;
}

/** Lint results kept for reuse: enough for the open documents; a workspace count does not pin every file's findings. */
const LINT_CACHE_SIZE = 64;

export interface EngineOptions {
  root: string;
  rules: AnyRule[];
  frontEnds: FrontEnd[];
  config?: Config;
  /** Errors from loading the config, reported once in workspace results. */
  configErrors?: FileError[];
}

/**
 * The analysis engine: holds the workspace's files, turns them into facts through front ends,
 * and runs the rules. It knows nothing of LSP, VS Code or terminals.
 */
export class Engine {
  readonly root: string;
  private config: Config;
  private configErrors: FileError[];
  private readonly rules: AnyRule[];
  private readonly frontEnds: FrontEnd[];
  private readonly files = new Map<string, FileEntry>();
  /** Output directories of the tsc builds found while scanning (`compilerOptions.outDir`): generated, never scanned. */
  private readonly compilerOutput = new Set<string>();
  private excludeMatcher: { globs: string[]; test: (rel: string) => boolean } | null = null;
  private readonly manifests = new Map<string, { dependencies: Set<string>; ceilings: Map<string, VersionCeiling>; floors: Map<string, string>; npmFloors: Map<string, string> }>();
  private nextVersion = 1;
  /** Bumped when a file is added or removed, for front ends that keep resolved import paths. */
  private fileSetVersion = 0;
  private languagesKnown: { fileSetVersion: number; languages: Set<LanguageId> } | null = null;
  private aggregate: { generation: number; view: WorkspaceView } | null = null;
  private generation = 0;
  /** Milliseconds a lint may spend computing quick fixes (null: no limit, as in the CLI). */
  private fixBudgetMs: number | null = null;
  /** The last lint of recently linted files, valid while their text, the workspace and the configuration are unchanged. */
  private readonly lintCache = new Map<string, { entry: FileEntry; generation: number; result: LintResult }>();

  constructor(options: EngineOptions) {
    this.root = path.resolve(options.root);
    this.rules = options.rules;
    this.frontEnds = options.frontEnds;
    this.config = options.config ?? defaultConfig();
    this.configErrors = options.configErrors ?? [];
    this.project.root = this.root;
  }

  setConfig(config: Config, errors: FileError[] = []): void {
    this.config = config;
    this.configErrors = errors;
    this.generation++;
  }

  /**
   * Bounds the time one lint spends computing quick fixes; findings are always complete. The language server sets
   * this so a huge file cannot block it; the CLI leaves it unset so its output never depends on the machine's speed.
   */
  setFixBudget(ms: number | null): void {
    this.fixBudgetMs = ms;
  }

  getConfig(): Config {
    return this.config;
  }

  getConfigErrors(): FileError[] {
    return this.configErrors;
  }

  allRules(): readonly AnyRule[] {
    return this.rules;
  }

  /** The language a path would be analysed as, or null if no front end handles it. */
  languageOf(filePath: string): LanguageId | null {
    return this.frontEndFor(filePath)?.language ?? null;
  }

  /** Adds or replaces a file's text (an open editor buffer or a file read from disk). */
  setFile(filePath: string, text: string): void {
    const p = path.resolve(filePath);
    if (isManifest(p)) this.manifests.set(p, { dependencies: readManifestDependencies(p, text), ceilings: readVersionCeilings(p, text), floors: readVersionFloors(p, text), npmFloors: readNpmFloors(p, text) });
    // Lockfiles hold megabytes that no rule reads once their pins are taken: their text is not kept.
    if (isPythonLockfile(p)) {
      if (!this.files.has(p)) {
        this.fileSetVersion++;
        this.files.set(p, { text: '', version: this.nextVersion++, language: null, frontEnd: null });
      }
      this.generation++;
      return;
    }
    const fe = this.frontEndFor(p);
    const existing = this.files.get(p);
    if (existing && existing.text === text) return;
    if (!existing) this.fileSetVersion++;
    const entry: FileEntry = { text, version: this.nextVersion++, language: fe?.language ?? null, frontEnd: fe?.frontEnd ?? null };
    entry.skipped = checkReadable(p, text);
    this.files.set(p, entry);
    this.generation++;
    this.invalidateDependents(fe?.frontEnd ?? null, p);
  }

  /** Marks the files whose facts depend on `p` (per its front end) for analysis again. */
  private invalidateDependents(frontEnd: FrontEnd | null, p: string): void {
    let dependents: string[] = [];
    try {
      dependents = frontEnd?.dependents?.(p) ?? [];
    } catch {
      // The front end choked on its state for this file: drop that state; the file's own analysis reports the problem.
      this.forgetInFrontEnd(frontEnd, p);
    }
    for (const dep of dependents) {
      const d = this.files.get(dep);
      if (d) d.factsVersion = undefined;
    }
  }

  /** Drops a front end's cached state for a file (parse trees, indexes), never throwing. */
  private forgetInFrontEnd(frontEnd: FrontEnd | null, p: string): void {
    try {
      frontEnd?.forget?.(p);
    } catch {
      // Nothing more to drop.
    }
  }

  removeFile(filePath: string): void {
    const p = path.resolve(filePath);
    this.manifests.delete(p);
    const entry = this.files.get(p);
    if (!entry) return;
    // Files that imported it resolved names through it: they must be analysed again without it.
    this.invalidateDependents(entry.frontEnd, p);
    this.forgetInFrontEnd(entry.frontEnd, p);
    this.files.delete(p);
    this.fileSetVersion++;
    // Version stamps double as the texts' version (ProjectFiles.textsVersion): a removal changes it too.
    this.nextVersion++;
    this.lintCache.delete(p);
    this.generation++;
  }

  hasFile(filePath: string): boolean {
    return this.files.has(path.resolve(filePath));
  }

  knownFiles(): string[] {
    return [...this.files.keys()];
  }

  /** Whether some known file is in `language` (answered from a set kept until a file is added or removed). */
  hasFileOfLanguage(language: LanguageId): boolean {
    if (this.languagesKnown?.fileSetVersion !== this.fileSetVersion) {
      const languages = new Set<LanguageId>();
      for (const entry of this.files.values()) if (entry.language) languages.add(entry.language);
      this.languagesKnown = { fileSetVersion: this.fileSetVersion, languages };
    }
    return this.languagesKnown.languages.has(language);
  }

  /** Reads every analysable file under the given paths (default: the root) from disk. */
  async scan(paths: string[] = [this.root], options: ScanOptions = {}): Promise<FileError[]> {
    const errors: FileError[] = [];
    const found: string[] = [];
    // Real paths of the directories walked: a symbolic link back to an ancestor (`a -> .`) is walked once, not forever.
    const walked = new Set<string>();
    for (const p of paths) this.collect(path.resolve(p), found, errors, true, undefined, walked, realPath(path.resolve(p)) ?? path.resolve(p));
    let done = 0;
    for (const file of found) {
      if (options.isCancelled?.()) break;
      this.readFromDisk(file, errors);
      done++;
      if (done % 50 === 0) {
        options.onProgress?.(done, found.length);
        await new Promise((r) => setImmediate(r));
      }
    }
    options.onProgress?.(found.length, found.length);
    return errors;
  }

  /**
   * Lints one known file. The result is shared with later calls until the file, another file or the configuration
   * changes (a hover, a code lens and a code action on the same version ask again): treat it as read-only.
   */
  lint(filePath: string): LintResult {
    const p = path.resolve(filePath);
    const entry = this.files.get(p);
    if (!entry) return { path: p, language: null, findings: [], callSites: [], errors: [] };
    if (entry.skipped) return { path: p, language: entry.language, findings: [], callSites: [], errors: [entry.skipped] };
    const facts = this.factsOf(p, entry);
    const view = this.workspaceView();
    const generation = this.generation;
    const cached = this.lintCache.get(p);
    if (cached && cached.entry === entry && cached.generation === generation && entry.factsVersion === entry.version) return cached.result;
    const findings: Finding[] = [];
    const text = entry.text;
    // Error spans only place a line number in the message: keep them inside the text whatever the front end said.
    const errors = facts.errors.map((e) => (e.span && e.path === p ? { ...e, span: fitSpan(e.span, text) } : e));
    const fe = entry.frontEnd;
    const language = entry.language;
    let fixesCut = false;
    // Most files of a repository hold nothing a rule reads: running every rule on their empty facts is what made
    // linting a workspace cost more than analysing it. A retry helper module is the exception: other files' calls run
    // inside its loop, which is reported where it is written.
    if (language && !holdsFacts(facts) && sitesRetriedFrom(p, view).length === 0) {
      const result: LintResult = { path: p, language, findings: [], callSites: facts.callSites, errors };
      this.rememberLint(p, entry, generation, result);
      return result;
    }
    if (language) {
      const index = new LineIndex(text);
      const suppressions = parseSuppressions(text, language, index);
      const writer = fe?.writer(language, p) ?? null;
      // Quick fixes are the expensive part of a rule on a big file (a writer may re-parse the file per fix). With a
      // budget (the language server sets one), fixes stop being computed once it is spent: a rule caught computing one
      // is run again without a writer, so every finding is still reported, only without its fix.
      const fixDeadline = this.fixBudgetMs === null ? Infinity : Date.now() + this.fixBudgetMs;
      for (const rule of this.rules) {
        if (!rule.languages.includes(language)) continue;
        const { level, options } = ruleSetting(this.config, rule.id, rule.severity);
        if (level === 'off') continue;
        const run = (withFixes: boolean): void => {
          rule.check({
            file: facts,
            workspace: view,
            options: { ...rule.defaultOptions, ...options },
            writer: withFixes && writer ? budgeted(writer, fixDeadline) : null,
            report: (r) => {
              // A range outside the text (or inside a surrogate pair) is a rule bug: clamp it so editors never get a
              // position past the end, drop a fix whose edits would land outside the text, and say so once per rule.
              const span = fitSpan(r.span, text);
              const fixFits = !r.fix || r.fix.edits.every((e) => e.createFile || (e.path && path.resolve(e.path) !== p) || sameSpan(fitSpan(e, text), e));
              if (!sameSpan(span, r.span) || !fixFits) {
                const message = `Internal: rule ${rule.id} reported a range outside the file; findings of this rule may be misplaced`;
                if (!errors.some((e) => e.message === message)) errors.push({ path: p, message });
              }
              const f: Finding = {
                ruleId: rule.id,
                family: rule.family,
                severity: r.severity && level === rule.severity ? r.severity : level,
                path: p,
                span,
                message: r.message,
              };
              const keepFix = withFixes && Date.now() <= fixDeadline;
              if (r.fix && !keepFix) fixesCut = true;
              if (r.fix && keepFix && fixFits && rule.fixable !== 'none') f.fix = { ...styled(r.fix, writer, text, p), safety: rule.fixable === 'safe' ? r.fix.safety : 'unsafe' };
              if (r.related?.length) f.related = r.related.map((x) => (path.resolve(x.path) === p ? { ...x, span: fitSpan(x.span, text) } : x));
              if (!isSuppressed(suppressions, f, index)) findings.push(f);
            },
          });
        };
        const before = findings.length;
        try {
          run(Date.now() <= fixDeadline);
        } catch (e) {
          findings.length = before;
          if (e !== FIX_BUDGET_SPENT) errors.push({ path: p, message: `Rule ${rule.id} failed: ${describeFailure(e)}` });
          else {
            fixesCut = true;
            try {
              run(false);
            } catch (again) {
              findings.length = before;
              errors.push({ path: p, message: `Rule ${rule.id} failed: ${describeFailure(again)}` });
            }
          }
        }
      }
      if (fixesCut) {
        errors.push({ path: p, message: `Quick fixes were left out for some findings: computing them took longer than ${this.fixBudgetMs} ms on this file`, fixesOnly: true });
      }
    }
    findings.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
    const result: LintResult = { path: p, language, findings, callSites: facts.callSites, errors };
    // Fixes cut by the time budget depend on the machine's load: the next request may get them all.
    if (!fixesCut) this.rememberLint(p, entry, generation, result);
    return result;
  }

  /** Keeps a lint result as the most recent of the LINT_CACHE_SIZE kept. */
  private rememberLint(p: string, entry: FileEntry, generation: number, result: LintResult): void {
    this.lintCache.delete(p);
    this.lintCache.set(p, { entry, generation, result });
    if (this.lintCache.size > LINT_CACHE_SIZE) this.lintCache.delete(this.lintCache.keys().next().value as string);
  }

  /** Lints every known file. */
  lintAll(options: ScanOptions = {}): LintResult[] {
    const results: LintResult[] = [];
    let done = 0;
    const all = [...this.files.keys()].sort();
    for (const p of all) {
      if (options.isCancelled?.()) break;
      if (this.files.get(p)?.language) results.push(this.lint(p));
      options.onProgress?.(++done, all.length);
    }
    return results;
  }

  /** Facts of a known file (analysing it if needed). */
  facts(filePath: string): FileFacts | undefined {
    const p = path.resolve(filePath);
    const entry = this.files.get(p);
    return entry ? this.factsOf(p, entry) : undefined;
  }

  private factsOf(p: string, entry: FileEntry): FileFacts {
    if (entry.facts && entry.factsVersion === entry.version) return entry.facts;
    let facts: FileFacts;
    if (entry.skipped || !entry.frontEnd || !entry.language) {
      facts = emptyFacts(p, entry.language ?? 'typescript', entry.text);
      if (entry.skipped) facts.errors.push(entry.skipped);
    } else {
      try {
        facts = entry.frontEnd.analyze(p, entry.text, this.project);
      } catch (e) {
        facts = emptyFacts(p, entry.language, entry.text);
        facts.errors.push({ path: p, message: `Could not analyse file: ${describeFailure(e)}` });
        // Whatever the front end kept for this file (an incremental parse tree) may be half-updated: start afresh next time.
        this.forgetInFrontEnd(entry.frontEnd, p);
      }
    }
    const changedWorkspace =
      !entry.facts ||
      entry.facts.hops.length + facts.hops.length > 0 ||
      entry.facts.envDefinitions.length + facts.envDefinitions.length > 0 ||
      entry.facts.instrumentation.join() !== facts.instrumentation.join() ||
      entry.facts.sentryTracingWithoutAi?.off !== facts.sentryTracingWithoutAi?.off;
    entry.facts = facts;
    entry.factsVersion = facts.errors.some((e) => e.transient) ? undefined : entry.version;
    if (changedWorkspace) this.generation++;
    return facts;
  }

  private readonly project: ProjectFiles = {
    root: '',
    text: (p) => this.files.get(p)?.text,
    version: (p) => this.files.get(p)?.version,
    has: (p) => this.files.has(p),
    paths: () => this.files.keys(),
    fileSetVersion: () => this.fileSetVersion,
    textsVersion: () => this.nextVersion,
  };

  /** The workspace as rules see it. Aggregates are rebuilt only when a file that contributes to them changed. */
  workspaceView(): WorkspaceView {
    if (this.aggregate && this.aggregate.generation === this.generation) return this.aggregate.view;
    // Analyse every file once so env definitions, hops and instrumentation are known.
    const all: FileFacts[] = [];
    for (const [p, entry] of this.files) if (entry.language) all.push(this.factsOf(p, entry));
    const dependencies = new Set<string>();
    for (const m of this.manifests.values()) m.dependencies.forEach((d) => dependencies.add(d));
    // Each Python file runs on the packages of its own app: the manifests of the nearest directory above it that has
    // them (a setup.py marks such a directory too); the workspace's as a whole for a file with none above it.
    let workspacePins: PythonPins | undefined;
    const projectRoots = [...this.files.keys()].filter((p) => path.basename(p) === 'setup.py').map((p) => path.dirname(p));
    const pythonPins = pinsByDirectory(this.root, this.manifests, projectRoots, () => (workspacePins ??= pinsOf([...this.manifests])));
    // By the language whose calls it can record: a Python instrumentor traces no Node process, nor the reverse.
    const byLanguage = { python: new Set<string>(), typescript: new Set<string>() };
    const add = (id: string, language: 'python' | 'typescript' | null) => {
      if (language !== 'typescript') byLanguage.python.add(id);
      if (language !== 'python') byLanguage.typescript.add(id);
    };
    const codeLanguage = (l: LanguageId | null) => (l === 'python' ? 'python' : l === 'typescript' || l === 'javascript' ? 'typescript' : null);
    for (const [p, m] of this.manifests) {
      for (const d of m.dependencies) if (isInstrumentationPackage(d)) add(d, path.basename(p) === 'package.json' ? 'typescript' : 'python');
    }
    for (const f of all) {
      f.instrumentation.forEach((i) => add(i, codeLanguage(f.language)));
      for (const d of f.envDefinitions) {
        const id = instrumentationFromEnv(d.name, d.value);
        if (id) add(id, null);
      }
      // Set-ups that instrument only from some release on: every package.json that declares the package must allow
      // no older one.
      for (const c of f.instrumentationFrom ?? []) {
        const floors = [...this.manifests.values()].flatMap((m) => [...m.npmFloors].filter(([name]) => c.pkg.test(name)).map(([, v]) => v));
        if (floors.length && floors.every((v) => compareVersions(v, c.since) >= 0)) add(c.id, codeLanguage(f.language));
      }
    }
    const instrumentation = new Set([...byLanguage.python, ...byLanguage.typescript]);
    let callSites: LlmCallSite[] | undefined;
    let files: FileFacts[] | undefined;
    const diskTexts = new Map<string, string | undefined>();
    const view: WorkspaceView = {
      root: this.root,
      config: this.config,
      envDefinitions: all.flatMap((f) => f.envDefinitions),
      dependencies,
      pythonPins,
      instrumentation: [...instrumentation].sort(),
      instrumentationOf: { python: [...byLanguage.python].sort(), typescript: [...byLanguage.typescript].sort() },
      hops: all.flatMap((f) => f.hops),
      // Built on first use and kept with the view: rules ask for them once per file linted, and rebuilding them each
      // time made linting a workspace quadratic in its number of files.
      callSites: () => (callSites ??= [...this.files.entries()].flatMap(([p, e]) => (e.language ? this.factsOf(p, e).callSites : []))),
      files: () => (files ??= [...this.files.entries()].filter(([, e]) => e.language).map(([p, e]) => this.factsOf(p, e))),
      readText: (p) => {
        const known = this.files.get(path.resolve(p));
        if (known) return known.text;
        // Rules look for the same templates and deploy files (`.env.example`, `vercel.json`, a Dockerfile) once per
        // finding: each is read (or found missing) once per view.
        if (!diskTexts.has(p)) {
          let text: string | undefined;
          try {
            text = fs.readFileSync(p, 'utf8');
          } catch {
            text = undefined;
          }
          diskTexts.set(p, text);
        }
        return diskTexts.get(p);
      },
    };
    this.aggregate = { generation: this.generation, view };
    return view;
  }

  private frontEndFor(p: string): { frontEnd: FrontEnd; language: LanguageId } | null {
    for (const frontEnd of this.frontEnds) {
      const language = frontEnd.languageOf(p);
      if (language) return { frontEnd, language };
    }
    return null;
  }

  /**
   * Whether the workspace scan leaves `p` out: under a directory never scanned (`node_modules`, `.venv`, `dist`, …), in
   * a tsconfig's output directory, or excluded by the configuration. File watchers ask before reading a changed file.
   */
  ignores(p: string): boolean {
    if (!isInside(p, this.root)) return false;
    const segments = path.relative(this.root, p).split(path.sep);
    if (segments.some((segment) => IGNORED_DIRS.has(segment))) return true;
    for (const out of this.compilerOutput) if (p === out || p.startsWith(out + path.sep)) return true;
    for (let i = 1; i <= segments.length; i++) if (this.isExcluded(segments.slice(0, i).join('/'))) return true;
    return false;
  }

  private collect(p: string, out: string[], errors: FileError[], explicit: boolean, kind: 'directory' | 'file' | undefined, walked: Set<string>, base: string): void {
    // Directory entries say what they are; only explicit paths and symbolic links need a stat.
    const linked = !kind && !explicit;
    if (!kind) {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(p);
      } catch (e) {
        if (explicit) errors.push({ path: p, message: `Cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        return;
      }
      if (stat.isDirectory()) kind = 'directory';
      else if (stat.isFile()) kind = 'file';
      else return;
    }
    if (kind === 'directory') {
      if (!explicit && (IGNORED_DIRS.has(path.basename(p)) || this.compilerOutput.has(p))) return;
      // An excluded directory is not walked at all (`"exclude": ["vendor/**"]`), as ESLint and .gitignore treat one.
      if (!explicit && this.isExcluded(path.relative(this.root, p).split(path.sep).join('/'))) return;
      const real = realPath(p);
      if (!real || walked.has(real)) return;
      // A linked directory outside the workspace (`sdk -> /usr/lib/python3/…`) is someone else's code.
      if (linked && !isInside(real, this.root) && !isInside(real, base)) return;
      walked.add(real);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (e) {
        errors.push({ path: p, message: `Cannot list directory: ${(e as Error).message}` });
        return;
      }
      if (entries.some((e) => e.name === 'tsconfig.json')) {
        const out = compilerOutDir(path.join(p, 'tsconfig.json'));
        if (out) this.compilerOutput.add(out);
      }
      for (const entry of entries) {
        const known = entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : undefined;
        if (known || entry.isSymbolicLink()) this.collect(path.join(p, entry.name), out, errors, false, known, walked, base);
      }
      return;
    }
    if (!this.isIncluded(p)) return;
    // Minified bundles (`vendor.min.js`) are built from sources elsewhere: one line of someone else's code.
    if (!explicit && /\.min\.[cm]?js$/.test(p)) return;
    if (isManifest(p) || isModuleConfig(p) || isLangGraphConfig(p) || this.frontEndFor(p)) out.push(p);
  }

  private isIncluded(p: string): boolean {
    const rel = path.relative(this.root, p).split(path.sep).join('/');
    const { include } = this.config;
    if (this.isExcluded(rel)) return false;
    if (include.length && !picomatch(include, { dot: true })(rel)) return false;
    return true;
  }

  /** The configuration's `exclude` globs match this workspace-relative path (`/`-separated). */
  private isExcluded(rel: string): boolean {
    const { exclude } = this.config;
    if (!exclude.length || !rel) return false;
    if (this.excludeMatcher?.globs !== exclude) this.excludeMatcher = { globs: exclude, test: picomatch(exclude, { dot: true }) };
    return this.excludeMatcher.test(rel);
  }

  private readFromDisk(p: string, errors: FileError[]): void {
    try {
      const size = fs.statSync(p).size;
      // A lockfile is only read for its pins (its text is not kept): a big one is no reason to skip it.
      if (size > (isPythonLockfile(p) ? MAX_LOCKFILE_BYTES : MAX_FILE_BYTES)) {
        const language = this.frontEndFor(p)?.language ?? null;
        if (!this.files.has(p)) this.fileSetVersion++;
        this.files.set(p, {
          text: '',
          version: this.nextVersion++,
          language,
          frontEnd: null,
          skipped: { path: p, message: `Skipped: file is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit` },
        });
        errors.push(this.files.get(p)!.skipped!);
        return;
      }
      const text = fs.readFileSync(p, 'utf8');
      this.setFile(p, text);
      const skipped = this.files.get(p)?.skipped;
      if (skipped) errors.push(skipped);
    } catch (e) {
      errors.push({ path: p, message: `Cannot read: ${(e as Error).message}` });
    }
  }
}

/** Lockfiles are read for their pins only, so a larger one is still read. */
const MAX_LOCKFILE_BYTES = 32 * 1024 * 1024;

/** Thrown by a budgeted writer once the fix budget is spent. */
const FIX_BUDGET_SPENT = new Error('quick-fix budget spent');

/** The fix with the edits it makes to this file written in the file's own style (see CodeWriter.matchFileStyle). */
function styled(fix: Fix, writer: CodeWriter | null, text: string, p: string): Fix {
  const match = writer?.matchFileStyle;
  const join = writer?.joinEdits;
  if (!match && !join) return fix;
  const own = (e: TextEdit) => !e.createFile && (!e.path || path.resolve(e.path) === p);
  let edits = match ? fix.edits.map((e) => (own(e) && e.newText ? { ...e, newText: match(text, e.newText) } : e)) : fix.edits;
  if (join) edits = [...join(text, edits.filter(own)), ...edits.filter((e) => !own(e))];
  return { ...fix, edits };
}

/** A writer whose methods throw FIX_BUDGET_SPENT after `deadline` (only when there is one). */
function budgeted(writer: CodeWriter, deadline: number): CodeWriter {
  if (deadline === Infinity) return writer;
  const check = () => {
    if (Date.now() > deadline) throw FIX_BUDGET_SPENT;
  };
  return {
    ...writer,
    render: (v) => (check(), writer.render(v)),
    addOption: (a, k, v, t) => (check(), writer.addOption(a, k, v, t)),
    setOption: (o, v) => (check(), writer.setOption(o, v)),
    insertStatementBefore: (t, o, c) => (check(), writer.insertStatementBefore(t, o, c)),
    insertStatementAfter: (t, o, c) => (check(), writer.insertStatementAfter(t, o, c)),
    ensureImport: (t, m, n) => (check(), writer.ensureImport(t, m, n)),
    envRead: (n) => (check(), writer.envRead(n)),
  };
}

/** Why a front end gave up, in words a user can act on (a stack overflow means the file nests too deeply). */
function describeFailure(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError && /call stack/i.test(message)) return `the file nests too deeply to analyse (${message})`;
  return message;
}

/** A span moved inside `text` and off the middle of a surrogate pair. */
export function fitSpan(span: Span, text: string): Span {
  const clamp = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.min(Math.trunc(n), text.length)) : 0);
  let start = clamp(span.start);
  let end = Math.max(start, clamp(span.end));
  if (splitsPair(text, start)) start--;
  if (splitsPair(text, end)) end++;
  return { start, end };
}

function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

function splitsPair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** A reason the text cannot be analysed, or undefined. */
function checkReadable(p: string, text: string): FileError | undefined {
  if (text.length > MAX_FILE_BYTES) return { path: p, message: `Skipped: file is over the ${MAX_FILE_BYTES / 1048576} MB limit` };
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return { path: p, message: 'Skipped: binary file (contains NUL bytes)' };
  return undefined;
}

const INSTRUMENTATION_PACKAGES = [
  /^@opentelemetry\/instrumentation-(openai|anthropic|langchain|bedrock|vertexai|google-genai)/,
  /^@opentelemetry\/auto-instrumentations-node$/,
  /^@traceloop\//,
  /^@arizeai\/openinference-instrumentation-/,
  // Langfuse records calls through its OpenAI wrapper and LangChain handler; its bare client (`langfuse` on npm and
  // PyPI: `new Langfuse()`, `Langfuse()`) records only what the code hands it, so the package alone is not counted.
  /^@langfuse\/(openai|otel|tracing)/,
  /^@langfuse\/langchain/,
  /^langfuse-langchain$/,
  // OpenLLMetry's Haystack instrumentation wraps the OpenAI generators' `run` as well as pipeline runs.
  /^opentelemetry-instrumentation-(openai|openai-v2|anthropic|langchain|genai|google-genai|google-generativeai|vertexai|bedrock|ollama|mistralai|haystack)/,
  // Its Bedrock Runtime extension records boto3's invoke_model / converse calls as GenAI spans; it traces no other SDK
  // (BOTOCORE_ONLY in workspace-view.ts keeps it to boto3 calls).
  /^opentelemetry-instrumentation-botocore$/,
  /^opentelemetry-util-genai$/,
  /^traceloop-sdk$/,
  /^openinference-instrumentation-/,
  /^openlit$/,
  /^@helicone\//,
  // PostHog's LLM analytics drop-ins (`import { OpenAI } from '@posthog/ai'`) record each call's tokens and latency.
  /^@posthog\/ai$/,
];

export function isInstrumentationPackage(name: string): boolean {
  return INSTRUMENTATION_PACKAGES.some((r) => r.test(name));
}

/** Whether a file's facts hold anything for a rule to read (every rule reports on facts of the file it lints). */
function holdsFacts(facts: FileFacts): boolean {
  return (
    facts.callSites.length > 0 || facts.clients.length > 0 || facts.promptLoads.length > 0 || facts.historyFetches.length > 0 ||
    facts.endpoints.length > 0 || facts.secrets.length > 0 || facts.attributes.length > 0 || facts.mcpCalls.length > 0 ||
    facts.agentLoops.length > 0 || facts.hops.length > 0 || facts.envDefinitions.length > 0 || (facts.defaultClients?.length ?? 0) > 0
  );
}
