import { ts } from './compiler';
import type { LoggerRef } from '../../core/types';
import { walk } from './ast';
import { hasModifier, type FileContext, type ImportRef } from './file-context';
import { importedDeclaration, isImportRef } from './resolve';

/**
 * The logger code at `at` can already log through, for a fix that records something there: a logger field of the
 * enclosing class (`private readonly logger = new Logger(RagService.name)`, an injected `private readonly logger:
 * PinoLogger`), else a module-level or imported one the file logs through (`const logger = pino()`, `import { logger }
 * from './logger'`). Null when there is none, and the fix falls back to `console`.
 */
export function loggerInScope(at: ts.Node, ctx: FileContext): LoggerRef | null {
  return classLogger(at, ctx) ?? moduleLogger(at, ctx);
}

/** Names that say they hold a logger (`this.log`, `_logger`, `LOGGER`). */
const LOGGER_NAME = /^#?_?(?:log|logger|LOG|LOGGER)$/;

/** Methods a usage line may go to, best first (`warn` / `error` would misreport the level). */
const PREFERRED = ['info', 'log', 'debug'];

type Library = { style: LoggerRef['style']; method: string; noLog?: boolean };

/** An imported name and the member read from it: `Logger`, `pino.Logger` (`pino`, `Logger`), `winston.createLogger`. */
type Behind = { ref: ImportRef; member?: string };

/**
 * What a logger's library takes, by the import its type or factory comes from. Nest's `Logger` (and nestjs-pino's,
 * which hands an object message to pino as fields) takes one object; pino and bunyan take the fields first and the
 * message second; winston takes the message first and merges the object in, and its `log` takes a level first.
 */
function libraryOf({ ref, member }: Behind): Library | null {
  const whole = ref.imported === 'default' || ref.imported === '*';
  // The name that makes or types the logger: `pino()` is the default import itself.
  const name = member ?? (whole ? '' : ref.imported);
  switch (ref.specifier) {
    case '@nestjs/common':
      return /^(?:Logger|ConsoleLogger|LoggerService)$/.test(name) ? { style: 'object', method: 'log' } : null;
    case 'nestjs-pino':
      return name === 'PinoLogger' ? { style: 'fields-first', method: 'info' } : name === 'Logger' ? { style: 'object', method: 'log' } : null;
    case 'pino':
      return /^(?:|pino|Logger|BaseLogger)$/.test(name) ? { style: 'fields-first', method: 'info' } : null;
    case 'bunyan':
      return /^(?:createLogger|Logger)$/.test(name) ? { style: 'fields-first', method: 'info' } : null;
    case 'winston':
      return /^(?:createLogger|Logger)$/.test(name) ? { style: 'message-first', method: 'info', noLog: true } : null;
    default:
      return null;
  }
}

/** The import a type or factory expression names: `Logger`, `pino.Logger`, `pino(…)`, `new Logger(…)`, `winston.createLogger(…)`. */
function importBehind(e: ts.Node | undefined, ctx: FileContext, member?: string): Behind | null {
  if (!e) return null;
  if (ts.isTypeReferenceNode(e)) return importBehind(e.typeName, ctx);
  if (ts.isQualifiedName(e)) return member ? null : importBehind(e.left, ctx, e.right.text);
  if (ts.isPropertyAccessExpression(e)) return member ? null : importBehind(e.expression, ctx, e.name.text);
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) return member ? null : importBehind(e.expression, ctx);
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) return importBehind(e.expression, ctx, member);
  if (!ts.isIdentifier(e)) return null;
  const decl = ctx.declarationOf(e);
  return decl && isImportRef(decl) ? { ref: decl, member } : null;
}

/** The library a declared type or initial value says a logger is from. */
function libraryBehind(type: ts.TypeNode | undefined, init: ts.Expression | undefined, ctx: FileContext): Library | null {
  const behind = [importBehind(type, ctx), importBehind(init, ctx)].find((b) => b && libraryOf(b));
  return behind ? libraryOf(behind) : null;
}

/** A declared type or initial value that cannot be a logger: `logger: string`, `log = false`, `logger = 'app'`. */
function notALogger(type: ts.TypeNode | undefined, init: ts.Expression | undefined): boolean {
  const primitive = (t: ts.TypeNode): boolean =>
    ts.isUnionTypeNode(t) ? t.types.every(primitive) : ts.isLiteralTypeNode(t) || [ts.SyntaxKind.StringKeyword, ts.SyntaxKind.NumberKeyword, ts.SyntaxKind.BooleanKeyword, ts.SyntaxKind.BigIntKeyword].includes(t.kind);
  if (type && primitive(type)) return true;
  return !!init && (ts.isStringLiteralLike(init) || ts.isNumericLiteral(init) || ts.isTemplateExpression(init) || init.kind === ts.SyntaxKind.TrueKeyword || init.kind === ts.SyntaxKind.FalseKeyword || ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init));
}

/**
 * The logger's call: the library's way when its import tells the library, the method the code already calls on it
 * (info, then log, then debug), or the library's default. Null when neither says how to log through it.
 */
function loggerRef(expr: string, library: Library | null, called: Set<string>): LoggerRef | null {
  const method = PREFERRED.find((m) => called.has(m) && !(m === 'log' && library?.noLog)) ?? library?.method;
  return method ? { expr, method, style: library?.style ?? 'message-first' } : null;
}

// ---- the enclosing class --------------------------------------------------------------------------

/** The class whose instance (or, in a static member, whose constructor) `this` is at `at`; arrow functions keep it. */
function thisClass(at: ts.Node): { cls: ts.ClassLikeDeclaration; isStatic: boolean } | null {
  for (let p = at.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isArrowFunction(p)) continue;
    if (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p) || ts.isClassLike(p)) return null;
    if (ts.isMethodDeclaration(p) || ts.isConstructorDeclaration(p) || ts.isAccessor(p) || ts.isPropertyDeclaration(p) || ts.isClassStaticBlockDeclaration(p)) {
      // An object literal's method has the object as `this`.
      if (!ts.isClassLike(p.parent)) return null;
      return { cls: p.parent, isStatic: ts.isClassStaticBlockDeclaration(p) || hasModifier(p, ts.SyntaxKind.StaticKeyword) };
    }
  }
  return null;
}

interface Field {
  name: string;
  isStatic: boolean;
  type?: ts.TypeNode;
  init?: ts.Expression;
}

/** Fields declared in the class body, as constructor parameter properties, or assigned in the constructor (JavaScript). */
function fieldsOf(cls: ts.ClassLikeDeclaration): Field[] {
  const out: Field[] = [];
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name))) {
      out.push({ name: m.name.text, isStatic: hasModifier(m, ts.SyntaxKind.StaticKeyword), type: m.type, init: m.initializer });
    } else if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) {
        if (ts.isIdentifier(p.name) && ts.isParameterPropertyDeclaration(p, m)) out.push({ name: p.name.text, isStatic: false, type: p.type });
      }
      for (const stmt of m.body?.statements ?? []) {
        if (!ts.isExpressionStatement(stmt) || !ts.isBinaryExpression(stmt.expression) || stmt.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
        const left = stmt.expression.left;
        if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && !out.some((f) => f.name === left.name.text)) {
          out.push({ name: left.name.text, isStatic: false, init: stmt.expression.right });
        }
      }
    }
  }
  return out;
}

/** Methods the class calls on `this.<name>` / `<Class>.<name>`. */
function methodsCalledOnField(cls: ts.ClassLikeDeclaration, name: string): Set<string> {
  const out = new Set<string>();
  const className = cls.name?.text;
  walk(cls, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
    const target = n.expression.expression;
    if (!ts.isPropertyAccessExpression(target) || target.name.text !== name) return;
    const owner = target.expression;
    if (owner.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(owner) && owner.text === className)) out.add(n.expression.name.text);
  });
  return out;
}

function classLogger(at: ts.Node, ctx: FileContext): LoggerRef | null {
  const context = thisClass(at);
  if (!context) return null;
  const { cls, isStatic } = context;
  for (const field of fieldsOf(cls)) {
    if (notALogger(field.type, field.init)) continue;
    const library = libraryBehind(field.type, field.init, ctx);
    if (!library && !LOGGER_NAME.test(field.name)) continue;
    // A static member has no instance: `this` there is the class, which holds only the static fields.
    if (field.isStatic !== isStatic && !(field.isStatic && cls.name)) continue;
    const owner = field.isStatic && !isStatic ? cls.name!.text : 'this';
    const found = loggerRef(`${owner}.${field.name}`, library, methodsCalledOnField(cls, field.name));
    if (found) return found;
  }
  return null;
}

// ---- the module -----------------------------------------------------------------------------------

/** Module-level logger candidates: `const logger = pino()` and imported names that say they are loggers. */
function moduleCandidates(ctx: FileContext): Array<{ name: string; decl: ts.Node | ImportRef; init?: ts.Expression; type?: ts.TypeNode }> {
  const out: Array<{ name: string; decl: ts.Node | ImportRef; init?: ts.Expression; type?: ts.TypeNode }> = [];
  for (const stmt of ctx.sf.statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) out.push({ name: d.name.text, decl: d, init: d.initializer, type: d.type });
  }
  for (const [name, ref] of ctx.imports) if (LOGGER_NAME.test(name)) out.push({ name, decl: ref });
  return out;
}

/** The library of a logger another workspace module exports (`export const logger = pino()`). */
function importedLibrary(ref: ImportRef, ctx: FileContext): Library | null {
  const found = importedDeclaration(ref, ctx);
  if (!found) return null;
  const { decl, ctx: target } = found;
  if (ts.isVariableDeclaration(decl)) return libraryBehind(decl.type, decl.initializer, target);
  return ts.isExpression(decl) ? libraryBehind(undefined, decl, target) : null;
}

/** Methods the file calls on the module-level name (not on a local that shadows it). */
function methodsCalledOnName(name: string, decl: ts.Node | ImportRef, ctx: FileContext): Set<string> {
  const out = new Set<string>();
  walk(ctx.sf, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
    const target = n.expression.expression;
    if (ts.isIdentifier(target) && target.text === name && sameDeclaration(ctx.declarationOf(target), decl)) out.add(n.expression.name.text);
  });
  return out;
}

function sameDeclaration(a: ts.Node | ImportRef | undefined, b: ts.Node | ImportRef): boolean {
  if (!a) return false;
  if (isImportRef(a) && isImportRef(b)) return a.specifier === b.specifier && a.imported === b.imported;
  return a === b;
}

/** Whether `name` at `at` means something other than the module's binding: a parameter or local of the same name. */
function shadowed(name: string, at: ts.Node, ctx: FileContext, decl: ts.Node | ImportRef): boolean {
  // declarationOf searches outwards from an identifier's parent, up to its position: a detached identifier placed
  // at the end of `at` asks what the name means there.
  const probe = ts.setTextRange(ts.factory.createIdentifier(name), { pos: at.end, end: at.end });
  (probe as { parent: ts.Node }).parent = at;
  const found = ctx.declarationOf(probe);
  return !sameDeclaration(found, decl);
}

function moduleLogger(at: ts.Node, ctx: FileContext): LoggerRef | null {
  for (const c of moduleLoggers(ctx)) {
    if (shadowed(c.name, at, ctx, c.decl)) continue;
    const found = loggerRef(c.name, c.library, c.called);
    if (found) return found;
  }
  return null;
}

type ModuleLogger = { name: string; decl: ts.Node | ImportRef; library: Library | null; called: Set<string> };

/**
 * The module-level and imported names that may be loggers, with their library and the methods the file calls on
 * them: the same for every call site of a parse, so read once per tree (the dense files have hundreds of sites).
 */
function moduleLoggers(ctx: FileContext): ModuleLogger[] {
  let found = moduleLoggersByTree.get(ctx.sf);
  if (found) return found;
  found = [];
  for (const c of moduleCandidates(ctx)) {
    // An imported logger is judged by what the workspace module that exports it builds it with.
    const library = isImportRef(c.decl) ? importedLibrary(c.decl, ctx) : libraryBehind(c.type, c.init, ctx);
    if (!library && !LOGGER_NAME.test(c.name)) continue;
    if (!isImportRef(c.decl) && notALogger(c.type, c.init)) continue;
    const called = methodsCalledOnName(c.name, c.decl, ctx);
    // An imported logger counts only when the file logs through it (the name alone may be a module's function).
    if (isImportRef(c.decl) && !PREFERRED.concat('warn', 'error').some((m) => called.has(m))) continue;
    found.push({ name: c.name, decl: c.decl, library, called });
  }
  moduleLoggersByTree.set(ctx.sf, found);
  return found;
}
const moduleLoggersByTree = new WeakMap<ts.SourceFile, ModuleLogger[]>();
