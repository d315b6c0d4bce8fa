import { ts } from './compiler';
import { providerBehindBaseUrl } from '../../core/catalog/providers';
import { initChatModelTarget } from '../../core/langchain-fields';
import type { ArgsFact, ClientFact, Provider, Sdk, ValueFact } from '../../core/types';
import { argsFact, builtUpOptions, enclosingClass, envDefaultNumber, propertyNameText, spanOf, unwrap, valueFact, withUnseenOptions } from './ast';
import { hasModifier, type FileContext, type ImportRef } from './file-context';
import { instructorWrappedClient } from './instructor-factory';
import { bareSpecifier, bindingOf, dynamicImportSpecifier, requireSpecifier } from './sdk-bindings';

/** What an expression evaluates to, as far as the extractors care. */
export type Resolved =
  | { kind: 'client'; client: ClientFact }
  | { kind: 'string'; value: string; ctx: FileContext; node: ts.Expression }
  | { kind: 'node'; ctx: FileContext; node: ts.Expression }
  | { kind: 'unknown' };

const MAX_DEPTH = 8;

export function isImportRef(x: unknown): x is ImportRef {
  return !!x && typeof x === 'object' && 'specifier' in x && 'imported' in x;
}

/** Follows variables, imports, class fields and factory functions to a client construction or a constant. */
export function resolveExpression(expr: ts.Expression, ctx: FileContext, depth = 0): Resolved {
  if (depth > MAX_DEPTH) return { kind: 'unknown' };
  const e = unwrap(expr);
  const client = clientConstruction(e, ctx);
  if (client) return { kind: 'client', client };
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { kind: 'string', value: e.text, ctx, node: e };
  // `parseInt(process.env.MAX_TOKENS || '4096')`: a setting with a default, which readers may take (envDefaultNumber).
  if (envDefaultNumber(e)) return { kind: 'node', ctx, node: e };
  if (ts.isIdentifier(e)) return resolveDeclaration(ctx.declarationOf(e), ctx, depth + 1);
  // `client ??= new OpenAI()` / `a || new OpenAI()`
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind)) {
    const right = resolveExpression(e.right, ctx, depth + 1);
    if (right.kind === 'client') return right;
    return resolveExpression(e.left, ctx, depth + 1);
  }
  if (ts.isConditionalExpression(e)) {
    const t = resolveExpression(e.whenTrue, ctx, depth + 1);
    return t.kind === 'client' ? t : resolveExpression(e.whenFalse, ctx, depth + 1);
  }
  if (ts.isPropertyAccessExpression(e)) {
    // this.client → class field or constructor assignment
    if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return resolveThisMember(e, ctx, depth + 1);
    // llm.client where llm is a namespace import of a workspace module
    if (ts.isIdentifier(e.expression)) {
      const decl = ctx.declarationOf(e.expression);
      if (isImportRef(decl) && decl.imported === '*') return resolveImport({ specifier: decl.specifier, imported: e.name.text }, ctx, depth + 1);
      // const llm = { client: new OpenAI() }; llm.client
      const base = resolveExpression(e.expression, ctx, depth + 1);
      if (base.kind === 'node' && ts.isObjectLiteralExpression(base.node)) {
        for (const p of base.node.properties) {
          if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === e.name.text) return resolveExpression(p.initializer, base.ctx, depth + 1);
          if (ts.isShorthandPropertyAssignment(p) && p.name.text === e.name.text) return resolveExpression(p.name, base.ctx, depth + 1);
        }
      }
    }
    return { kind: 'unknown' };
  }
  if (ts.isCallExpression(e)) {
    // `client.withOptions({ timeout })` is a copy of the client with other options (openai-node, @anthropic-ai/sdk).
    if (ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'withOptions') {
      const base = resolveExpression(e.expression.expression, ctx, depth + 1);
      if (base.kind === 'client') return base;
    }
    const made = generativeModelOf(e, ctx, depth);
    if (made) return made;
    // `Instructor({ client: oai, mode })`: requests go through the client it wraps, with that client's options.
    const wrapped = instructorWrappedClient(e, ctx);
    if (wrapped) return resolveExpression(wrapped, ctx, depth + 1);
    const instance = genkitInstance(e, ctx);
    if (instance) return instance;
    const method = ts.isPropertyAccessExpression(e.expression) && e.expression.expression.kind === ts.SyntaxKind.ThisKeyword ? resolveThisMethodCall(e.expression, ctx, depth + 1) : null;
    if (method) return method;
    // `` `…`.trim() ``, `PROMPT.trim()`: text, which the prompt reader reads (prompt.ts).
    if (e.arguments.length === 0 && ts.isPropertyAccessExpression(e.expression) && /^trim(Start|End|Left|Right)?$/.test(e.expression.name.text)) return { kind: 'node', ctx, node: e };
    // getClient() → the function's returned expression
    const callee = resolveExpression(e.expression, ctx, depth + 1);
    if (callee.kind === 'node' && isFunctionNode(callee.node)) return resolveReturned(callee.node, callee.ctx, depth + 1);
    return { kind: 'unknown' };
  }
  return { kind: 'node', ctx, node: e };
}

function isFunctionNode(n: ts.Node): n is ts.FunctionLikeDeclaration {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n);
}

/**
 * What a function returns: a client when any return gives one (a lazy getter), else the value of its only return.
 * Several returns (`if (!body) return ''; return body.prompt;`) make the value depend on the call: unknown.
 */
function resolveReturned(fn: ts.FunctionLikeDeclaration, ctx: FileContext, depth: number): Resolved {
  if (!fn.body) return { kind: 'unknown' };
  if (!ts.isBlock(fn.body)) return resolveExpression(fn.body, ctx, depth);
  let client: Resolved | null = null;
  const values: Resolved[] = [];
  const visit = (n: ts.Node): void => {
    if (client) return;
    if (ts.isReturnStatement(n) && n.expression) {
      const r = resolveExpression(n.expression, ctx, depth);
      if (r.kind === 'client') client = r;
      else values.push(r);
    }
    if (!isFunctionNode(n)) ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return client ?? (values.length === 1 ? values[0] : { kind: 'unknown' });
}

/**
 * `this.createChatModel(options)`: what the class's method returns, as for a module function's call. Null when the
 * class declares no such method (a field may hold a function). When the class assigns `this.createChatModel`, or a
 * subclass in the module overrides it with another return, the value depends on the instance: unknown.
 */
function resolveThisMethodCall(callee: ts.PropertyAccessExpression, ctx: FileContext, depth: number): Resolved | null {
  const cls = enclosingClass(callee);
  const name = callee.name.text;
  const named = (m: ts.ClassElement): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && !!m.name && propertyNameText(m.name) === name;
  if (!cls?.members.some(named)) return null;
  const method = cls.members.find((m): m is ts.MethodDeclaration => named(m) && !!m.body);
  if (!method || assignsThisMember(cls, name)) return { kind: 'unknown' };
  const own = resolveReturned(method, ctx, depth);
  if (own.kind !== 'client') return own;
  for (const override of overridesInModule(cls, name, ctx)) {
    const r = override.body ? resolveReturned(override, ctx, depth) : { kind: 'unknown' as const };
    if (r.kind !== 'client' || r.client.provider !== own.client.provider || r.client.className !== own.client.className) return { kind: 'unknown' };
  }
  return own;
}

function assignsThisMember(cls: ts.ClassLikeDeclaration, name: string): boolean {
  let assigned = thisMembersAssigned.get(cls);
  if (!assigned) {
    const names = new Set<string>();
    const visit = (n: ts.Node): void => {
      if (ts.isBinaryExpression(n) && ASSIGN_OPS.includes(n.operatorToken.kind) && ts.isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword) names.add(n.left.name.text);
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(cls, visit);
    thisMembersAssigned.set(cls, (assigned = names));
  }
  return assigned.has(name);
}
/** The `this.x = …` members of a class, read once per class node (every `this.method()` call asks). */
const thisMembersAssigned = new WeakMap<ts.ClassLikeDeclaration, Set<string>>();

/** The methods named `name` of the module's classes that extend `cls` (directly or through each other). */
function overridesInModule(cls: ts.ClassLikeDeclaration, name: string, ctx: FileContext): ts.MethodDeclaration[] {
  const out: ts.MethodDeclaration[] = [];
  const bases = new Set<string>(cls.name ? [cls.name.text] : []);
  const classes: ts.ClassLikeDeclaration[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isClassLike(n) && n !== cls) classes.push(n);
    ts.forEachChild(n, visit);
  };
  if (bases.size) visit(ctx.sf);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of classes) {
      const base = c.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
      if (!c.name || bases.has(c.name.text) || !base || !ts.isIdentifier(base) || !bases.has(base.text)) continue;
      bases.add(c.name.text);
      grew = true;
      for (const m of c.members) if (ts.isMethodDeclaration(m) && m.name && propertyNameText(m.name) === name) out.push(m);
    }
  }
  return out;
}

function resolveDeclaration(decl: ts.Node | ImportRef | undefined, ctx: FileContext, depth: number): Resolved {
  if (!decl) return { kind: 'unknown' };
  if (isImportRef(decl)) return resolveImport(decl, ctx, depth);
  if (ts.isVariableDeclaration(decl)) {
    if (!decl.initializer || isNullish(decl.initializer)) return assignedLater(decl, ctx, depth);
    const init = resolveExpression(decl.initializer, ctx, depth);
    // `let model = ''` reassigned later is not a constant; `let client = makeDefault()` reassigned to a client may be one.
    if (isReassignable(decl) && init.kind !== 'client') {
      const later = assignedLater(decl, ctx, depth);
      if (later.kind === 'client') return later;
      if (hasAssignment(decl, ctx)) return { kind: 'unknown' };
    }
    return init;
  }
  if (ts.isFunctionDeclaration(decl) || ts.isClassDeclaration(decl)) return { kind: 'node', ctx, node: decl as unknown as ts.Expression };
  if (ts.isExpression(decl as ts.Node)) return resolveExpression(decl as ts.Expression, ctx, depth);
  if (ts.isParameter(decl)) return passedByEveryCaller(decl, ctx, depth);
  return { kind: 'unknown' };
}

/**
 * A parameter of a module-private function that every call in the file passes the same client
 * (`createMessageWithRetry(client, …)` after `const client = new Anthropic({ maxRetries: 0 })`): that client. Callers
 * that pass different clients, or a function that is exported or handed on as a value, leave it unknown.
 */
function passedByEveryCaller(param: ts.ParameterDeclaration, ctx: FileContext, depth: number): Resolved {
  const fn = param.parent;
  if (!ts.isIdentifier(param.name) || param.dotDotDotToken || !isFunctionNode(fn)) return { kind: 'unknown' };
  const name = privateFunctionName(fn, ctx);
  if (!name || isAssignedIn(fn, param.name.text)) return { kind: 'unknown' };
  const calls = ctx.callsNamed(name);
  const index = fn.parameters.indexOf(param);
  let found: ClientFact | null = null;
  for (const call of calls) {
    const arg = ts.isIdentifier(call.expression) && call.expression.text === name ? call.arguments[index] : undefined;
    if (!arg || call.arguments.slice(0, index + 1).some((a) => ts.isSpreadElement(a))) return { kind: 'unknown' };
    const r = resolveExpression(arg, ctx, depth + 1);
    if (r.kind !== 'client' || (found && (found.path !== r.client.path || found.span.start !== r.client.span.start))) return { kind: 'unknown' };
    found = r.client;
  }
  return found ? { kind: 'client', client: found } : { kind: 'unknown' };
}

/** The name of a function declared at the top of the module and not exported (its callers are all in the file). */
function privateFunctionName(fn: ts.FunctionLikeDeclaration, ctx: FileContext): string | null {
  let name: string | null = null;
  if (ts.isFunctionDeclaration(fn) && fn.name && fn.parent === ctx.sf && !hasModifier(fn, ts.SyntaxKind.ExportKeyword)) name = fn.name.text;
  const decl = fn.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && decl.initializer === fn) {
    const stmt = decl.parent.parent;
    if (ts.isVariableStatement(stmt) && stmt.parent === ctx.sf && !hasModifier(stmt, ts.SyntaxKind.ExportKeyword)) name = decl.name.text;
  }
  if (!name) return null;
  const mention = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  for (const stmt of ctx.sf.statements) {
    const exports = ts.isExportDeclaration(stmt) || ts.isExportAssignment(stmt) || (ts.isExpressionStatement(stmt) && /^\s*(module\.)?exports\b/.test(stmt.getText(ctx.sf)));
    if (exports && mention.test(stmt.getText(ctx.sf))) return null;
  }
  return name;
}

function isAssignedIn(fn: ts.FunctionLikeDeclaration, name: string): boolean {
  let found = false;
  if (fn.body) forEachAssignmentIn(fn.body, name, () => (found = true));
  return found;
}

const ASSIGN_OPS = [ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken];

export function isNullish(e: ts.Expression): boolean {
  const u = unwrap(e);
  return u.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(u) && u.text === 'undefined');
}

function isReassignable(decl: ts.VariableDeclaration): boolean {
  const list = decl.parent;
  return !!list && ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) === 0;
}

/** The scope a `let`/`var` lives in: its block, function body or the file. */
function declarationScope(decl: ts.VariableDeclaration, ctx: FileContext): ts.Node {
  let p: ts.Node | undefined = decl.parent;
  while (p && !ts.isBlock(p) && !ts.isSourceFile(p) && !ts.isModuleBlock(p)) p = p.parent;
  return p ?? ctx.sf;
}

function forEachAssignment(decl: ts.VariableDeclaration, ctx: FileContext, each: (right: ts.Expression) => boolean | void): void {
  if (ts.isIdentifier(decl.name)) forEachAssignmentIn(declarationScope(decl, ctx), decl.name.text, each);
}

/** Each `name = …` (`??=`, `||=`) below `scope`; `each` returning true stops the walk. */
function forEachAssignmentIn(scope: ts.Node, name: string, each: (right: ts.Expression) => boolean | void): void {
  let stop = false;
  const visit = (n: ts.Node): void => {
    if (stop) return;
    if (ts.isBinaryExpression(n) && ts.isIdentifier(n.left) && n.left.text === name && ASSIGN_OPS.includes(n.operatorToken.kind)) {
      if (each(n.right) === true) stop = true;
    }
    ts.forEachChild(n, visit);
  };
  // The scope itself too: an arrow function's expression body may be the assignment.
  visit(scope);
}

function hasAssignment(decl: ts.VariableDeclaration, ctx: FileContext): boolean {
  let found = false;
  forEachAssignment(decl, ctx, () => (found = true));
  return found;
}

/**
 * `let client; … client = new OpenAI()`, `let client: OpenAI | null = null; … client ??= new OpenAI()`.
 * When the variable is assigned clients of different providers (`client = useAzure ? … : …` spread over branches),
 * which one a call uses is unknown.
 */
function assignedLater(decl: ts.VariableDeclaration, ctx: FileContext, depth: number): Resolved {
  let found: Resolved = { kind: 'unknown' };
  let conflict = false;
  forEachAssignment(decl, ctx, (right) => {
    const r = resolveExpression(right, ctx, depth + 1);
    if (r.kind === 'client') {
      if (found.kind === 'client' && (found.client.provider !== r.client.provider || found.client.className !== r.client.className)) conflict = true;
      if (found.kind !== 'client') found = r;
    } else if (found.kind === 'unknown') found = r;
  });
  return conflict ? { kind: 'unknown' } : found;
}

/** The expression assigned to `this.name` (class field initializer or constructor assignment), if any. */
export function thisMemberInitializer(e: ts.PropertyAccessExpression): ts.Expression | undefined {
  const cls = enclosingClass(e);
  if (!cls) return undefined;
  const name = e.name.text;
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && m.name && ts.isIdentifier(m.name) && m.name.text === name && m.initializer) return m.initializer;
    if (ts.isConstructorDeclaration(m) && m.body) {
      for (const stmt of m.body.statements) {
        if (ts.isExpressionStatement(stmt) && ts.isBinaryExpression(stmt.expression) && stmt.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          const left = stmt.expression.left;
          if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === name) return stmt.expression.right;
        }
      }
    }
  }
  return undefined;
}

/**
 * What an imported name is in the workspace module that declares it, through barrels (`export * from './llm'`); null
 * when the import leads out of the workspace or to a namespace (`import * as x`).
 */
export function importedDeclaration(ref: ImportRef, ctx: FileContext): { decl: ts.Node; ctx: FileContext } | null {
  const file = ref.imported === '*' ? null : ctx.workspace.resolveModule(ctx.path, ref.specifier);
  const origin = file ? ctx.workspace.exportOrigin(file, ref.imported) : null;
  const other = origin ? ctx.workspace.contextFor(origin.file) : undefined;
  const decl = other?.exported(origin!.name);
  return other && decl && !isImportRef(decl) ? { decl, ctx: other } : null;
}

function resolveImport(ref: ImportRef, ctx: FileContext, depth: number): Resolved {
  const target = ctx.workspace.resolveModule(ctx.path, ref.specifier);
  if (!target) return { kind: 'unknown' };
  const other = ctx.workspace.contextFor(target);
  if (!other) return { kind: 'unknown' };
  if (ref.imported === '*') {
    // `const claude = require('./claude')` with `module.exports = claude` there: the module's one value.
    const value = other.commonJsValue();
    return value ? resolveDeclaration(value, other, depth + 1) : { kind: 'unknown' };
  }
  return resolveDeclaration(other.exported(ref.imported), other, depth + 1);
}

function resolveThisMember(e: ts.PropertyAccessExpression, ctx: FileContext, depth: number): Resolved {
  const cls = enclosingClass(e);
  if (!cls) return { kind: 'unknown' };
  const name = e.name.text;
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && m.name && ts.isIdentifier(m.name) && m.name.text === name && m.initializer && !isNullish(m.initializer)) return resolveExpression(m.initializer, ctx, depth);
    if (ts.isConstructorDeclaration(m) && m.body) {
      for (const stmt of m.body.statements) {
        if (ts.isExpressionStatement(stmt) && ts.isBinaryExpression(stmt.expression) && stmt.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          const left = stmt.expression.left;
          if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === name) return resolveExpression(stmt.expression.right, ctx, depth);
        }
      }
      // constructor(private client: OpenAI) — injected; unknown construction.
    }
  }
  // `private client: OpenAI | null = null` set up later (`async setup() { this.client = new OpenAI(…) }`, lazy getters).
  let found = { kind: 'unknown' } as Resolved;
  let conflict = false;
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && ASSIGN_OPS.includes(n.operatorToken.kind) && ts.isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === name) {
      const r = resolveExpression(n.right, ctx, depth + 1);
      if (r.kind === 'client') {
        if (found.kind === 'client' && (found.client.provider !== r.client.provider || found.client.className !== r.client.className)) conflict = true;
        if (found.kind !== 'client') found = r;
      }
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(cls, visit);
  return conflict || found.kind !== 'client' ? { kind: 'unknown' } : found;
}

/**
 * @google/generative-ai (the deprecated Gemini SDK): `genAI.getGenerativeModel({ model, systemInstruction,
 * generationConfig }, requestOptions)` on a `GoogleGenerativeAI` client makes the object requests go through, and
 * `model.startChat(…)` a chat session that sends through that model. The model object stands for the client.
 */
function generativeModelOf(e: ts.CallExpression, ctx: FileContext, depth: number): Resolved | null {
  if (!ts.isPropertyAccessExpression(e.expression)) return null;
  const name = e.expression.name.text;
  if (name !== 'getGenerativeModel' && name !== 'startChat') return null;
  const base = resolveExpression(e.expression.expression, ctx, depth + 1);
  if (base.kind !== 'client' || base.client.sdk !== 'google-generativeai') return null;
  if (name === 'startChat') return base.client.className === 'GenerativeModel' ? base : null;
  if (base.client.className !== 'GoogleGenerativeAI') return null;
  const args = optionsByName(argsFact(e, 0, ctx.sf), e.arguments[0], ctx);
  const client: ClientFact = { path: ctx.path, sdk: 'google-generativeai', provider: 'google', className: 'GenerativeModel', span: spanOf(e, ctx.sf), nameSpan: spanOf(e.expression.name, ctx.sf), args };
  if (e.arguments.length > 1) client.requestOptions = argsFact(e, 1, ctx.sf);
  return { kind: 'client', client };
}

/**
 * Firebase Genkit's `genkit({ plugins, model })`: the instance whose `generate` / `generateStream` send requests
 * (genkit.ts). It stands for the client in resolution only (not listed in `clients`): its transport, timeouts and base
 * URLs belong to each model plugin.
 */
function genkitInstance(e: ts.CallExpression, ctx: FileContext): Resolved | null {
  if (bindingOf(e.expression, ctx.sdk)?.kind !== 'genkit') return null;
  const nameNode = ts.isPropertyAccessExpression(e.expression) ? e.expression.name : e.expression;
  const client: ClientFact = { path: ctx.path, sdk: 'genkit', provider: 'unknown', className: 'genkit', span: spanOf(e, ctx.sf), nameSpan: spanOf(nameNode, ctx.sf), args: argsFact(e, 0, ctx.sf) };
  return { kind: 'client', client };
}

/** `new OpenAI({...})`, `createOpenAI({...})`, `new ChatOpenAI({...})`, `OpenAI()` without new. */
export function clientConstruction(e: ts.Expression, ctx: FileContext): ClientFact | null {
  if (!ts.isNewExpression(e) && !ts.isCallExpression(e)) return null;
  const b = bindingOf(e.expression, ctx.sdk);
  if (!b) return null;
  const nameNode = ts.isPropertyAccessExpression(e.expression) ? e.expression.name : e.expression;
  if (b.kind === 'client-class') {
    // `new InferenceClient(accessToken, { endpointUrl })` (@huggingface/inference): the options come second.
    const at = b.sdk === 'huggingface' ? 1 : 0;
    const args = b.className === 'OpenAIApi' ? v3ConfigurationArgs(e, ctx) : optionsByName((at === 0 ? builtUpOptions(e, ctx.sf) : null) ?? argsFact(e, at, ctx.sf), e.arguments?.[at], ctx);
    // A LlamaIndex.TS LLM handed a ready client (`session`) sends through it: its own options build nothing.
    if (b.sdk === 'llamaindex' && args.options.session) return null;
    const legacy = b.sdk === 'langchain' ? legacyLangChainConfiguration(e, b.className, ctx) : undefined;
    const client: ClientFact = { path: ctx.path, sdk: b.sdk, provider: providerOfClient(b.sdk, b.provider, args, legacy), className: b.className, span: spanOf(e, ctx.sf), nameSpan: spanOf(nameNode, ctx.sf), args };
    if (legacy) client.legacyConfiguration = legacy;
    if (b.module) client.module = b.module;
    const model = (b.sdk === 'langchain' || b.sdk === 'llamaindex') && at === 0 ? modelThroughName(args, e.arguments?.[0], ctx) : undefined;
    if (model) client.model = model;
    return client;
  }
  if (b.kind === 'init-chat-model' && ts.isCallExpression(e)) return initChatModelClient(e, ctx, nameNode);
  if (b.kind === 'ai-provider' && b.factory && ts.isCallExpression(e)) {
    // `createOpenAI({ baseURL: 'https://api.deepseek.com/v1' })` talks to DeepSeek.
    const args = optionsByName(argsFact(e, 0, ctx.sf), e.arguments[0], ctx);
    return { path: ctx.path, sdk: 'ai-sdk', provider: providerOfClient('ai-sdk', b.provider, args), className: b.name, span: spanOf(e, ctx.sf), nameSpan: spanOf(nameNode, ctx.sf), args };
  }
  return null;
}

/**
 * Client options passed by name, `baseURL: LITELLM_URL`, `baseURL: config.baseUrl` or `maxRetries: MAX_RETRIES`, where
 * the constant (here or in another module of the workspace) reads the environment or holds a number: the option is that
 * environment read or number, as when written inline.
 */
function optionsByName(args: ArgsFact, arg: ts.Expression | undefined, ctx: FileContext): ArgsFact {
  const obj = arg && unwrap(arg);
  if (!obj || !ts.isObjectLiteralExpression(obj)) return args;
  let options = args.options;
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
    const key = propertyNameText(p.name);
    const opt = key ? options[key] : undefined;
    if (!key || !opt || opt.value.kind !== 'dynamic') continue;
    const expr = ts.isPropertyAssignment(p) ? unwrap(p.initializer) : p.name;
    if (!ts.isIdentifier(expr) && !ts.isPropertyAccessExpression(expr)) continue;
    const v = readableValueBehind(expr, ctx, 0);
    if (v) options = { ...options, [key]: { ...opt, value: { ...v, span: opt.value.span } } };
  }
  return options === args.options ? args : { ...args, options };
}

/** The environment read or number an expression stands for: itself, a const initialised with one, or an imported one. */
function readableValueBehind(expr: ts.Expression, ctx: FileContext, depth: number): ValueFact | null {
  if (depth > MAX_DEPTH) return null;
  const e = unwrap(expr);
  const own = valueFact(e, ctx.sf);
  if (own.kind === 'env' || own.kind === 'number') return own;
  if (ts.isIdentifier(e)) return readableValueDeclared(ctx.declarationOf(e), ctx, depth + 1);
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const decl = ctx.declarationOf(e.expression);
    // `import * as config from './config'`; `config.LITELLM_URL`
    if (isImportRef(decl) && decl.imported === '*') return readableValueDeclared({ specifier: decl.specifier, imported: e.name.text }, ctx, depth + 1);
    // `export const config = { baseUrl: process.env.LITELLM_URL }`; `config.baseUrl`
    const base = resolveExpression(e.expression, ctx, depth + 1);
    if (base.kind === 'node' && ts.isObjectLiteralExpression(base.node)) {
      for (const p of base.node.properties) {
        if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === e.name.text) return readableValueBehind(p.initializer, base.ctx, depth + 1);
      }
    }
  }
  return null;
}

function readableValueDeclared(decl: ts.Node | ImportRef | undefined, ctx: FileContext, depth: number): ValueFact | null {
  if (!decl) return null;
  if (isImportRef(decl)) {
    const target = decl.imported === '*' ? null : ctx.workspace.resolveModule(ctx.path, decl.specifier);
    const other = target ? ctx.workspace.contextFor(target) : null;
    return other ? readableValueDeclared(other.exported(decl.imported), other, depth + 1) : null;
  }
  if (ts.isVariableDeclaration(decl) && decl.initializer && !isReassignable(decl)) return readableValueBehind(decl.initializer, ctx, depth + 1);
  return null;
}

/**
 * The model id an expression names: a string written in place or held by a `const` (here or imported, `literal`), or
 * an environment read's default (`process.env.MODEL ?? 'gpt-4o'`, in place or in a `const`). Null for anything else.
 */
export function modelNamedBy(expr: ts.Expression, ctx: FileContext): { value: string; literal: boolean } | null {
  const e = unwrap(expr);
  const own = valueFact(e, ctx.sf);
  if (own.kind === 'string') return { value: own.value, literal: true };
  if (own.kind === 'env') return own.fallback?.kind === 'string' ? { value: own.fallback.value, literal: false } : null;
  if (!ts.isIdentifier(e) && !ts.isPropertyAccessExpression(e)) return null;
  const read = readableValueBehind(e, ctx, 0);
  if (read?.kind === 'env') return read.fallback?.kind === 'string' ? { value: read.fallback.value, literal: false } : null;
  const r = resolveExpression(e, ctx);
  if (r.kind === 'string') return { value: r.value, literal: true };
  if (r.kind !== 'node') return null;
  if (ts.isStringLiteral(r.node) || ts.isNoSubstitutionTemplateLiteral(r.node)) return { value: r.node.text, literal: true };
  const env = valueFact(r.node, r.ctx.sf);
  return env.kind === 'env' && env.fallback?.kind === 'string' ? { value: env.fallback.value, literal: false } : null;
}

/** A client's model named through a constant or an environment read's default (ClientFact.model), from its options object. */
function modelThroughName(args: ArgsFact, arg: ts.Expression | undefined, ctx: FileContext): string | undefined {
  const opt = args.options.model ?? args.options.modelName;
  if (!opt || opt.value.kind === 'string') return undefined;
  const obj = arg && unwrap(arg);
  const p = obj && ts.isObjectLiteralExpression(obj) ? obj.properties.find((x) => (ts.isPropertyAssignment(x) || ts.isShorthandPropertyAssignment(x)) && propertyNameText(x.name) === opt.key) : undefined;
  const expr = p && (ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined);
  return (expr && modelNamedBy(expr, ctx)?.value) ?? undefined;
}

/**
 * `await initChatModel('gpt-4o-mini', { modelProvider: 'openai', timeout: 30_000 })`: the chat model class comes from
 * `modelProvider`, a `provider:model` string, or the model name (`gpt-…`/`o1…` → ChatOpenAI, `claude…` → ChatAnthropic,
 * as LangChain infers them); unknown → not a client. The second argument holds the class's fields; the model joins them
 * so the client reads like `new ChatOpenAI({ model, … })`. Without a second argument no option can be inserted.
 */
function initChatModelClient(e: ts.CallExpression, ctx: FileContext, nameNode: ts.Node): ClientFact | null {
  const own = argsFact(e, 1, ctx.sf);
  const args: ArgsFact = e.arguments[1] ? own : { ...own, callArgsSpan: { start: own.callArgsSpan.end, end: own.callArgsSpan.end } };
  const first = e.arguments[0];
  if (first && !ts.isObjectLiteralExpression(unwrap(first)) && !args.options.model) {
    const span = spanOf(first, ctx.sf);
    args.options = { ...args.options, model: { key: 'model', keySpan: span, span, value: valueFact(first, ctx.sf) } };
  }
  const model = args.options.model?.value;
  const given = args.options.modelProvider?.value;
  const named = model && model.kind !== 'string' && first && !ts.isObjectLiteralExpression(unwrap(first)) ? modelNamedBy(first, ctx)?.value : undefined;
  const cls = initChatModelTarget(model?.kind === 'string' ? model.value : (named ?? null), given ? { literal: given.kind === 'string' ? given.value : null } : null, 'typescript');
  if (!cls) return null;
  return {
    ...(named ? { model: named } : {}),
    path: ctx.path,
    sdk: 'langchain',
    provider: providerOfClient('langchain', cls.provider, args),
    className: cls.className,
    label: `initChatModel (${cls.className})`,
    span: spanOf(e, ctx.sf),
    nameSpan: spanOf(nameNode, ctx.sf),
    args,
  };
}

/**
 * The chat model LangChain 1.0's `createAgent({ model: 'openai:gpt-4o', tools })` builds from a model name (a string, or
 * an environment read falling back to one) with initChatModel: a client with `builtBy` `model-name`, spanning the
 * factory call, its options the model alone (nothing else reaches the chat model, and none can be added there). Null
 * when the model is no name of a known provider. `call` is the factory call, `model` its `model` option's value.
 */
export function agentModelNameClient(call: ts.CallExpression, model: ts.Expression, ctx: FileContext): ClientFact | null {
  const value = valueFact(model, ctx.sf);
  const name = modelNamedBy(model, ctx)?.value ?? null;
  const cls = name === null ? null : initChatModelTarget(name, null, 'typescript');
  const own = argsFact(call, 0, ctx.sf);
  const option = own.options.model;
  if (!cls || !option || option.value.span.start !== value.span.start) return null;
  const args: ArgsFact = { span: own.span, options: { model: option }, hasSpread: false, callArgsSpan: own.callArgsSpan };
  const fn = unwrap(call.expression);
  const nameNode = ts.isPropertyAccessExpression(fn) ? fn.name : fn;
  return {
    path: ctx.path,
    sdk: 'langchain',
    provider: providerOfClient('langchain', cls.provider, args),
    className: cls.className,
    label: `${nameNode.getText(ctx.sf)}'s model (${cls.className})`,
    span: spanOf(call, ctx.sf),
    nameSpan: spanOf(nameNode, ctx.sf),
    args,
    builtBy: 'model-name',
    ...(value.kind !== 'string' && value.kind !== 'env' ? { model: name! } : {}),
  };
}

/**
 * openai@3.x: `new OpenAIApi(new Configuration({...}))` or `new OpenAIApi(configuration)` with the Configuration built in
 * this file. The client's options are the Configuration's; one built elsewhere (or not a `Configuration`) is unseen.
 */
function v3ConfigurationArgs(e: ts.NewExpression | ts.CallExpression, ctx: FileContext): ArgsFact {
  const own = argsFact(e, 0, ctx.sf);
  const arg = e.arguments?.[0];
  // `new OpenAIApi()`: no options, and none can be added there (it takes a Configuration), so the insertion point is
  // empty and fixes that would add a client option find no argument list.
  if (!arg) return { ...own, callArgsSpan: { start: own.callArgsSpan.end, end: own.callArgsSpan.end } };
  let config = unwrap(arg);
  if (ts.isIdentifier(config)) {
    const decl = ctx.declarationOf(config);
    if (!decl || isImportRef(decl) || !ts.isVariableDeclaration(decl) || !decl.initializer || isReassignable(decl)) return withUnseenOptions(own);
    config = unwrap(decl.initializer);
  }
  if (!ts.isNewExpression(config) || !ts.isIdentifier(config.expression) || !isOpenAiConfiguration(config.expression, ctx)) return withUnseenOptions(own);
  return argsFact(config, 0, ctx.sf);
}

/** `Configuration` imported (or required) from 'openai' or 'openai-edge'. */
function isOpenAiConfiguration(id: ts.Identifier, ctx: FileContext): boolean {
  const decl = ctx.declarationOf(id);
  if (isImportRef(decl)) return V3_PACKAGES.includes(bareSpecifier(decl.specifier)) && decl.imported === 'Configuration';
  // `const { Configuration, OpenAIApi } = require('openai')`
  if (decl && ts.isBindingElement(decl)) {
    const imported = decl.propertyName && ts.isIdentifier(decl.propertyName) ? decl.propertyName.text : ts.isIdentifier(decl.name) ? decl.name.text : '';
    const v = decl.parent.parent;
    const spec = ts.isVariableDeclaration(v) ? (requireSpecifier(v.initializer) ?? (v.initializer ? dynamicImportSpecifier(v.initializer) : null)) : null;
    return imported === 'Configuration' && spec !== null && V3_PACKAGES.includes(spec);
  }
  return false;
}

/** The packages with openai@3.x's `Configuration` / `OpenAIApi` API. */
const V3_PACKAGES = ['openai', 'openai-edge'];

/** The provider behind an OpenAI-compatible client's base URL (also LangChain's nested `configuration: { baseURL }`). */
function providerOfClient(sdk: Sdk, provider: Provider, args: ArgsFact, legacy?: ArgsFact): Provider {
  // LangChain.js 0.x ChatOpenAI given Azure fields builds an Azure endpoint (`getEndpoint` in utils/azure.ts).
  if (sdk === 'langchain' && provider === 'openai' && Object.keys(args.options).some((k) => AZURE_LANGCHAIN_FIELD.test(k))) return 'azure-openai';
  // LlamaIndex.TS's OpenAI given `azure: {…}` builds an Azure client; `additionalSessionOptions` go to the client as is.
  if (sdk === 'llamaindex' && provider === 'openai' && args.options.azure) return 'azure-openai';
  const nested = (sdk === 'llamaindex' ? args.options.additionalSessionOptions : args.options.configuration)?.value;
  const inner = nested?.kind === 'object' ? nested.args.options : {};
  const opt =
    args.options.baseURL ?? args.options.baseUrl ?? args.options.basePath ?? inner.baseURL ?? inner.baseUrl ?? inner.basePath ?? legacy?.options.basePath ?? legacy?.options.baseURL;
  return providerBehindBaseUrl(sdk, provider, opt?.value);
}

/** `azureOpenAIApiKey`, `azureOpenAIApiInstanceName`, `azureOpenAIBasePath`, `azureADTokenProvider`, … */
const AZURE_LANGCHAIN_FIELD = /^azure(OpenAI|AD)[A-Z]/;

/**
 * `new ChatOpenAI(fields, { basePath })`: @langchain/openai 0.x (and langchain/chat_models/openai) take a client
 * configuration as a deprecated second argument (`baseURL: configuration?.basePath ?? fields?.configuration?.basePath`).
 * Not when the first argument is a model name: 1.x's `new ChatOpenAI('gpt-4o', fields)` takes the fields second.
 */
function legacyLangChainConfiguration(e: ts.NewExpression | ts.CallExpression, className: string, ctx: FileContext): ArgsFact | undefined {
  const [first, second] = e.arguments ?? [];
  // The completion model `OpenAI` takes the same second argument.
  if (!/^(ChatOpenAI|AzureChatOpenAI|OpenAI)$/.test(className) || !second) return undefined;
  if (first && (valueFact(first, ctx.sf).kind === 'string' || ts.isTemplateExpression(unwrap(first)))) return undefined;
  return optionsByName(argsFact(e, 1, ctx.sf), second, ctx);
}

/** A `let`/`var` or a `this.member`: a receiver that other assignments may give another client. */
export function mayBeReassigned(expr: ts.Expression, ctx: FileContext): boolean {
  const e = unwrap(expr);
  if (ts.isPropertyAccessExpression(e)) return e.expression.kind === ts.SyntaxKind.ThisKeyword;
  if (!ts.isIdentifier(e)) return false;
  const decl = ctx.declarationOf(e);
  return !!decl && !isImportRef(decl) && ts.isVariableDeclaration(decl) && isReassignable(decl);
}

/**
 * Every client construction an expression may hold when it is assigned several (`this.client = isClaude ? … : …`
 * spread over branches, `client = new AzureOpenAI(…)` or `new OpenAI(…)`): the caller picks by SDK.
 */
export function candidateClients(expr: ts.Expression, ctx: FileContext): ClientFact[] {
  const out: ClientFact[] = [];
  for (const value of assignedValues(expr, ctx) ?? []) {
    const r = resolveExpression(value, ctx, 1);
    if (r.kind === 'client') out.push(r.client);
  }
  return out;
}

/**
 * Every value a variable or `this.` field may hold: a variable's initializer and every assignment to it in its scope,
 * or every assignment to the field in its class (with `fieldInitializer`, the field's initializer too). Null for an
 * expression that is neither.
 */
export function assignedValues(expr: ts.Expression, ctx: FileContext, fieldInitializer = false): ts.Expression[] | null {
  const e = unwrap(expr);
  const out: ts.Expression[] = [];
  let scope: ts.Node | undefined;
  let matches: ((n: ts.Expression) => boolean) | undefined;
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(e);
    scope = cls;
    matches = (l) => ts.isPropertyAccessExpression(l) && l.expression.kind === ts.SyntaxKind.ThisKeyword && l.name.text === e.name.text;
    const field = fieldInitializer ? cls?.members.find((m) => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === e.name.text) : undefined;
    if (field && ts.isPropertyDeclaration(field) && field.initializer) out.push(field.initializer);
  } else if (ts.isIdentifier(e)) {
    const decl = ctx.declarationOf(e);
    if (decl && !isImportRef(decl) && ts.isVariableDeclaration(decl)) {
      if (decl.initializer) out.push(decl.initializer);
      scope = declarationScope(decl, ctx);
      matches = (l) => ts.isIdentifier(l) && l.text === e.text;
    }
  }
  if (!scope || !matches) return null;
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && ASSIGN_OPS.includes(n.operatorToken.kind) && matches!(n.left)) out.push(n.right);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(scope, visit);
  return out;
}
