import * as path from 'node:path';
import { ts } from './compiler';
import { MAX_FILE_BYTES, type ProjectFiles } from '../../core/front-end';
import { bareSpecifier, requireSpecifier, collectSdkBindings, SDK_MODULES, type SdkBinding } from './sdk-bindings';
import { TsconfigPaths } from './tsconfig-paths';
import { WorkspacePackages } from './workspace-packages';
import { callsIn, indexTree } from './ast';
import { forgetTree, publishTree } from './current-trees';
import { EXTENSIONS, isTypeScriptLike } from './mentions';

export interface ImportRef {
  specifier: string;
  /** 'default', '*' (namespace / whole require), or the exported name. */
  imported: string;
}


function scriptKind(p: string): ts.ScriptKind {
  switch (path.extname(p)) {
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.jsx':
      return ts.ScriptKind.JSX;
    case '.js':
    case '.mjs':
    case '.cjs':
      return ts.ScriptKind.JS;
    default:
      return ts.ScriptKind.TS;
  }
}

/** One parsed file with the lookups the extractors share. Cached per file version. */
export class FileContext {
  readonly sf: ts.SourceFile;
  readonly sdk: Map<string, SdkBinding>;
  readonly imports = new Map<string, ImportRef>();
  private readonly topLevel = new Map<string, ts.Node>();

  constructor(
    readonly path: string,
    readonly text: string,
    readonly workspace: TypeScriptWorkspace,
    previous?: ts.SourceFile,
  ) {
    this.sf = previous ? reparse(previous, text) : ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
    indexTree(this.sf);
    this.sdk = collectSdkBindings(this.sf);
    for (const stmt of this.sf.statements) this.indexTopLevel(stmt);
  }

  private readonly answers = new Map<string, Map<ts.Node, unknown>>();

  /**
   * The answer to a question about a node, computed once per parse of this file. Nodes outlive it (an incremental
   * reparse reuses the unchanged ones), so answers must never be kept on the nodes themselves.
   */
  remember<T>(question: string, node: ts.Node, compute: () => T): T {
    let byNode = this.answers.get(question);
    if (!byNode) this.answers.set(question, (byNode = new Map()));
    if (byNode.has(node)) return byNode.get(node) as T;
    const answer = compute();
    byNode.set(node, answer);
    return answer;
  }

  private callIndex: Map<string, ts.CallExpression[]> | null = null;

  /** Calls in the file by callee name (`f(…)`, `this.f(…)`) and by function name passed as an argument (`pRetry(f)`). Built once. */
  callsNamed(name: string): ts.CallExpression[] {
    if (!this.callIndex) {
      const index = new Map<string, ts.CallExpression[]>();
      const add = (k: string, c: ts.CallExpression) => {
        const list = index.get(k);
        if (list) list.push(c);
        else index.set(k, [c]);
      };
      for (const n of callsIn(this.sf)) {
        const callee = n.expression;
        if (ts.isIdentifier(callee)) add(callee.text, n);
        else if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) add(callee.name.text, n);
        for (const a of n.arguments) if (ts.isIdentifier(a) && !(ts.isIdentifier(callee) && callee.text === a.text)) add(a.text, n);
      }
      this.callIndex = index;
    }
    return this.callIndex.get(name) ?? [];
  }

  /** Syntax errors the parser recovered from. */
  get parseDiagnostics(): readonly ts.DiagnosticWithLocation[] {
    return (this.sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  }

  private indexTopLevel(stmt: ts.Statement): void {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier) && stmt.importClause) {
      const specifier = stmt.moduleSpecifier.text;
      const clause = stmt.importClause;
      if (clause.name) this.imports.set(clause.name.text, { specifier, imported: 'default' });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) this.imports.set(nb.name.text, { specifier, imported: '*' });
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) this.imports.set(el.name.text, { specifier, imported: (el.propertyName ?? el.name).text });
    } else if (ts.isVariableStatement(stmt)) {
      for (const decl of stmt.declarationList.declarations) {
        const spec = requireSpecifier(decl.initializer);
        if (spec && ts.isIdentifier(decl.name)) this.imports.set(decl.name.text, { specifier: spec, imported: '*' });
        else if (spec && ts.isObjectBindingPattern(decl.name)) {
          for (const el of decl.name.elements) {
            const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : '';
            if (ts.isIdentifier(el.name)) this.imports.set(el.name.text, { specifier: spec, imported });
          }
        } else if (ts.isIdentifier(decl.name)) this.topLevel.set(decl.name.text, decl);
      }
    } else if ((ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt)) && stmt.name) {
      this.topLevel.set(stmt.name.text, stmt);
    }
  }

  /** Answers of `declarationOf`: extractors ask about the same identifiers many times per analysis. */
  private readonly declarations = new Map<ts.Identifier, ts.Node | ImportRef | undefined>();

  /** The declaration an identifier refers to, searching enclosing blocks then the module. */
  declarationOf(id: ts.Identifier): ts.Node | ImportRef | undefined {
    if (this.declarations.has(id)) return this.declarations.get(id);
    const found = this.lookUpDeclaration(id);
    this.declarations.set(id, found);
    return found;
  }

  private lookUpDeclaration(id: ts.Identifier): ts.Node | ImportRef | undefined {
    const name = id.text;
    let scope: ts.Node | undefined = id.parent;
    while (scope && !ts.isSourceFile(scope)) {
      if (ts.isBlock(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope)) {
        for (const stmt of scope.statements) {
          if (stmt.pos > id.pos && !ts.isFunctionDeclaration(stmt)) break;
          const found = declaredIn(stmt, name);
          if (found) return found;
        }
      } else if (isFunctionScope(scope)) {
        for (const p of scope.parameters) if (ts.isIdentifier(p.name) && p.name.text === name) return p;
      } else if ((ts.isForOfStatement(scope) || ts.isForInStatement(scope) || ts.isForStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
        for (const d of scope.initializer.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return d;
      } else if (ts.isCatchClause(scope) && scope.variableDeclaration && ts.isIdentifier(scope.variableDeclaration.name) && scope.variableDeclaration.name.text === name) {
        return scope.variableDeclaration;
      }
      scope = scope.parent;
    }
    return this.topLevel.get(name) ?? this.imports.get(name);
  }

  /** A module-level declaration by name (used when another file imports it). */
  exported(name: string): ts.Node | ImportRef | undefined {
    if (name === 'default') return this.defaultExport();
    const direct = this.topLevel.get(name);
    if (direct) return direct;
    for (const stmt of this.sf.statements) {
      // export { a as b } / export { a } from './x'
      if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
        for (const el of stmt.exportClause.elements) {
          if (el.name.text !== name) continue;
          const local = (el.propertyName ?? el.name).text;
          if (stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier)) return { specifier: stmt.moduleSpecifier.text, imported: local };
          return this.topLevel.get(local) ?? this.imports.get(local);
        }
      }
      if (ts.isExportDeclaration(stmt) && !stmt.exportClause && stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier)) {
        const target = this.workspace.contextFor(this.workspace.resolveModule(this.path, stmt.moduleSpecifier.text) ?? '');
        if (target?.exported(name)) return { specifier: stmt.moduleSpecifier.text, imported: name };
      }
      // module.exports = { client } / exports.client = …
      if (ts.isExpressionStatement(stmt) && ts.isBinaryExpression(stmt.expression) && stmt.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = stmt.expression.left;
        const right = stmt.expression.right;
        if (ts.isPropertyAccessExpression(left) && left.name.text === name && isExportsObject(left.expression)) return right;
        if (isModuleExports(left) && ts.isObjectLiteralExpression(right)) {
          for (const p of right.properties) {
            if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return this.topLevel.get(name) ?? this.imports.get(name);
            if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name) return p.initializer;
          }
        }
      }
    }
    return this.imports.get(name);
  }

  /**
   * What `require()` of this module returns when it replaces its exports with one value: `module.exports = claude`
   * (not an object of named exports, which `exported` reads).
   */
  commonJsValue(): ts.Expression | undefined {
    for (const stmt of this.sf.statements) {
      if (!ts.isExpressionStatement(stmt) || !ts.isBinaryExpression(stmt.expression) || stmt.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      if (isModuleExports(stmt.expression.left) && !ts.isObjectLiteralExpression(stmt.expression.right)) return stmt.expression.right;
    }
    return undefined;
  }

  private defaultExport(): ts.Node | ImportRef | undefined {
    for (const stmt of this.sf.statements) {
      if (ts.isExportAssignment(stmt)) return stmt.expression;
      if ((ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt)) && hasModifier(stmt, ts.SyntaxKind.DefaultKeyword)) return stmt;
      if (ts.isExpressionStatement(stmt) && ts.isBinaryExpression(stmt.expression) && isModuleExports(stmt.expression.left)) return stmt.expression.right;
    }
    return undefined;
  }
}

/** Parses workspace files on demand, once per version, and resolves module specifiers. */
export class TypeScriptWorkspace {
  private readonly contexts = new Map<string, { version: number | undefined; ctx: FileContext }>();

  private readonly packages: WorkspacePackages;
  private readonly tsconfigPaths: TsconfigPaths;

  constructor(readonly project: ProjectFiles) {
    this.packages = new WorkspacePackages(project);
    this.tsconfigPaths = new TsconfigPaths(project);
  }

  contextFor(p: string, text?: string): FileContext | undefined {
    if (!p) return undefined;
    const version = this.project.version(p);
    const cached = this.contexts.get(p);
    if (cached && cached.version === version && (text === undefined || cached.ctx.text === text)) return cached.ctx;
    const t = text ?? this.project.text(p);
    if (t === undefined || !isTypeScriptLike(p)) return undefined;
    // A file the engine skips (over the size limit) is never parsed, not even to resolve imports: on a multi-MB file
    // TypeScript's parser holds the server for seconds on every edit.
    if (t.length > MAX_FILE_BYTES) {
      this.forget(p);
      return undefined;
    }
    // Incremental reparse reuses the old tree's unchanged nodes (about 10× faster per keystroke); it invalidates the
    // old tree, which is fine because facts keep offsets, never nodes.
    const ctx = new FileContext(p, t, this, cached?.ctx.sf);
    this.contexts.set(p, { version, ctx });
    publishTree(p, ctx.sf);
    return ctx;
  }

  forget(p: string): void {
    this.contexts.delete(p);
    forgetTree(p);
  }

  /** Parsed files that import `p` (among those parsed so far). */
  importersOf(p: string): string[] {
    const out: string[] = [];
    for (const [other, { ctx }] of this.contexts) {
      if (other === p) continue;
      for (const ref of ctx.imports.values()) if (this.resolveModule(other, ref.specifier) === p) {
        out.push(other);
        break;
      }
    }
    return out;
  }

  /**
   * The file and name that declare what `file` exports as `name`, following re-exports through barrels
   * (`export * from './llm'`, `export { complete as ask } from './llm'`), or null when it cannot be followed.
   */
  exportOrigin(file: string, name: string, depth = 0): { file: string; name: string } | null {
    const found = this.contextFor(file)?.exported(name);
    if (!found) return null;
    if (!('specifier' in found)) return { file, name };
    const target = depth < 8 ? this.resolveModule(file, found.specifier) : null;
    return target ? this.exportOrigin(target, found.imported, depth + 1) : null;
  }

  /** Resolutions by directory and specifier, valid while no file is added or removed. */
  private readonly resolutions = new Map<string, string | null>();
  private resolutionsFor: number | undefined;

  /**
   * Resolves a relative, alias (tsconfig `paths`, `@/`, `~/`) or workspace package (`@acme/ai`) specifier to a known
   * workspace file. Remembered per directory until a
   * file is added or removed: finding a file's importers resolves every import of every parsed file on each keystroke.
   */
  resolveModule(fromFile: string, specifier: string): string | null {
    const fileSet = this.project.fileSetVersion?.();
    if (fileSet === undefined) return this.resolveUncached(fromFile, specifier);
    if (fileSet !== this.resolutionsFor) {
      this.resolutions.clear();
      this.resolutionsFor = fileSet;
    }
    const key = `${path.dirname(fromFile)}\0${specifier}`;
    let hit = this.resolutions.get(key);
    if (hit === undefined) {
      hit = this.resolveUncached(fromFile, specifier);
      this.resolutions.set(key, hit);
    }
    return hit;
  }

  /** Where a non-relative specifier may point in the workspace: tsconfig `paths`, `@/`-style aliases, workspace packages. */
  private aliasCandidates(fromFile: string, specifier: string): string[] {
    // An SDK is the installed package, even when the workspace holds a copy or a wrapper of the same name.
    if (SDK_MODULES[bareSpecifier(specifier)]) return [];
    const candidates = this.tsconfigPaths.candidates(fromFile, specifier);
    // SvelteKit's `$lib` alias: `src/lib` (kit.files.lib) of the nearest app, written into the generated tsconfig only.
    const svelteLib = /^\$lib(\/|$)/.test(specifier) ? specifier.slice(5) : null;
    // `@/x`, `~/x`, `#/x`, and Nuxt's root aliases `@@/x` / `~~/x`.
    const alias = /^(@@|~~|[@~#])\//.exec(specifier);
    if (svelteLib !== null || alias) {
      const rest = alias ? specifier.slice(alias[0].length) : '';
      let dir = path.dirname(fromFile);
      const root = this.project.root || path.parse(dir).root;
      // Up to the workspace root; for files outside it (a path given on the command line), up to the filesystem root.
      const inside = dir.startsWith(root);
      for (let i = 0; i < 32; i++) {
        if (svelteLib !== null) candidates.push(path.join(dir, 'src', 'lib', svelteLib));
        else candidates.push(path.join(dir, 'src', rest), path.join(dir, rest));
        if ((inside && dir === root) || path.dirname(dir) === dir) break;
        dir = path.dirname(dir);
      }
    } else candidates.push(...this.packages.candidates(specifier));
    return candidates;
  }

  private resolveUncached(fromFile: string, specifier: string): string | null {
    const candidates = specifier.startsWith('.') ? [path.resolve(path.dirname(fromFile), specifier)] : this.aliasCandidates(fromFile, specifier);
    if (!candidates.length) return null;
    for (const base of candidates) {
      const stripped = base.replace(/\.(m|c)?js$/, '');
      for (const c of [base, ...EXTENSIONS.map((e) => stripped + e), ...EXTENSIONS.map((e) => path.join(base, 'index' + e))]) {
        if (this.project.has(c) && isTypeScriptLike(c)) return c;
      }
    }
    return null;
  }
}

/** Re-parses after an edit, telling the parser the single changed range (common prefix and suffix). */
function reparse(old: ts.SourceFile, text: string): ts.SourceFile {
  const a = old.text;
  let start = 0;
  const max = Math.min(a.length, text.length);
  while (start < max && a.charCodeAt(start) === text.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = text.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === text.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  try {
    return ts.updateSourceFile(old, text, { span: { start, length: endA - start }, newLength: endB - start });
  } catch {
    // TypeScript's incremental parser rejects some edits ("Debug Failure … adjustIntersectingElement"): parse afresh.
    return ts.createSourceFile(old.fileName, text, ts.ScriptTarget.Latest, true, scriptKind(old.fileName));
  }
}

function declaredIn(stmt: ts.Statement, name: string): ts.Node | undefined {
  if (ts.isVariableStatement(stmt)) {
    for (const d of stmt.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === name) return d;
      if (ts.isObjectBindingPattern(d.name) || ts.isArrayBindingPattern(d.name)) {
        for (const el of d.name.elements) if (ts.isBindingElement(el) && ts.isIdentifier(el.name) && el.name.text === name) return el;
      }
    }
  }
  if ((ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt)) && stmt.name?.text === name) return stmt;
  return undefined;
}

function isFunctionScope(n: ts.Node): n is ts.SignatureDeclaration & { parameters: ts.NodeArray<ts.ParameterDeclaration> } {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n);
}

function isModuleExports(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && e.name.text === 'exports' && ts.isIdentifier(e.expression) && e.expression.text === 'module';
}

function isExportsObject(e: ts.Expression): boolean {
  return (ts.isIdentifier(e) && e.text === 'exports') || isModuleExports(e);
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return !!(ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === kind));
}
