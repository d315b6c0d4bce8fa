import { ts } from './compiler';
import type { ArgsFact, OptionFact, Span, ValueFact } from '../../core/types';

export function spanOf(node: ts.Node, sf: ts.SourceFile): Span {
  return { start: node.getStart(sf), end: node.getEnd() };
}

/** Strips `await`, parentheses, `as`, `satisfies`, `!` and type assertions. */
/**
 * The name an access chain starts from: `messages` of `messages`, `body.messages[0]`, `(x as T).y`, and through calls
 * (`history.slice(-4)`, `getStore().items`) unless `throughCalls` is false (the target of a write).
 */
export function rootIdentifier(e: ts.Expression, throughCalls = true): string | null {
  let x = unwrap(e);
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || (throughCalls && ts.isCallExpression(x))) x = unwrap(x.expression);
  return ts.isIdentifier(x) ? x.text : null;
}

/** The expression a value ends up as once awaited, parenthesised or cast. */
export function outerExpression(e: ts.Node): ts.Node {
  let top = e;
  while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || ts.isAsExpression(top.parent) || ts.isNonNullExpression(top.parent) || ts.isSatisfiesExpression(top.parent))) top = top.parent;
  return top;
}

export function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  for (;;) {
    if (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) {
      e = e.expression;
    } else return e;
  }
}

/** The property-name chain of a callee: `a.b.c.d` → ['b','c','d'] with root `a`. */
export function propertyChain(expr: ts.Expression): { root: ts.Expression; names: string[] } {
  const names: string[] = [];
  let e = expr;
  while (ts.isPropertyAccessExpression(e) || (ts.isElementAccessExpression(e) && ts.isStringLiteral(e.argumentExpression))) {
    names.unshift(ts.isPropertyAccessExpression(e) ? e.name.text : (e.argumentExpression as ts.StringLiteral).text);
    e = e.expression;
  }
  return { root: e, names };
}

export function propertyNameText(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return null;
}

/** An ArgsFact for an object literal, or for a call that has no options object at `index`. */
export function argsFact(call: ts.CallExpression | ts.NewExpression, index: number, sf: ts.SourceFile): ArgsFact {
  const args = call.arguments ?? ts.factory.createNodeArray();
  const callArgsSpan = callArgsSpanOf(call, sf);
  const arg = args[index];
  const obj = arg ? optionsObject(arg, call) : undefined;
  if (obj) return obj === unwrap(arg) ? objectArgs(obj, sf, callArgsSpan) : { ...objectArgs(obj, sf, callArgsSpan), detached: true };
  return { span: null, options: {}, hasSpread: !!arg, callArgsSpan };
}

/**
 * The object literal an argument stands for: written in place, or the initializer of a `const` declared before the
 * call in an enclosing scope (`const request = { model, max_tokens }; create(request)`) that is only read afterwards —
 * never assigned a property, passed to another function or handed out.
 */
export function optionsObject(arg: ts.Expression, call: ts.Node, writes?: ts.BinaryExpression[]): ts.ObjectLiteralExpression | undefined {
  const e = unwrap(arg);
  if (ts.isObjectLiteralExpression(e)) return e;
  const init = readOnlyConst(arg, call, writes, true);
  return init && ts.isObjectLiteralExpression(init) ? init : undefined;
}

/**
 * The initializer of the `const` an argument names, declared before `call` in an enclosing scope and only read
 * afterwards (see `onlyRead`); undefined for anything else, and with `literalOnly` for an initializer that is not an
 * object literal (whose uses are then not walked).
 */
export function readOnlyConst(arg: ts.Expression, call: ts.Node, writes?: ts.BinaryExpression[], literalOnly = false): ts.Expression | undefined {
  const e = unwrap(arg);
  if (!ts.isIdentifier(e)) return undefined;
  for (let scope: ts.Node | undefined = call.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
    for (const stmt of scope.statements) {
      if (stmt.pos >= call.pos) break;
      if (!ts.isVariableStatement(stmt) || !singleBinding(stmt, scope)) continue;
      for (const d of stmt.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== e.text || !d.initializer) continue;
        const init = unwrap(d.initializer);
        if (literalOnly && !ts.isObjectLiteralExpression(init)) return undefined;
        return onlyRead(e.text, scope, d, arg, writes) ? init : undefined;
      }
    }
  }
  return undefined;
}

/**
 * A declaration whose name keeps its one value in `scope`: a `const`, or a `let` (a `var` at the top of a function or
 * module) that onlyRead then checks is never assigned again (`let config = { apiKey }; config.baseURL = url; new
 * OpenAI(config)` in wechat-bot).
 */
function singleBinding(stmt: ts.VariableStatement, scope: ts.Node): boolean {
  const flags = stmt.declarationList.flags;
  if (flags & (ts.NodeFlags.Const | ts.NodeFlags.Let)) return true;
  return ts.isSourceFile(scope) || (ts.isBlock(scope) && ts.isFunctionLike(scope.parent));
}

/**
 * A `const` holding an object literal that no code changes: not exported, and every use of its name in the declaring
 * scope reads a property, copies or logs it (`const server = { chat: `${domain}/v1/chat/completions` }` then `server.chat`).
 */
export function unchangedObjectConst(decl: ts.VariableDeclaration): ts.ObjectLiteralExpression | undefined {
  const list = decl.parent;
  const stmt = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0 && ts.isVariableStatement(list.parent) ? list.parent : undefined;
  // An exported object may be changed by its importers.
  const scope = stmt && !stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ? stmt.parent : undefined;
  const init = decl.initializer && unwrap(decl.initializer);
  if (!scope || !init || !ts.isObjectLiteralExpression(init) || !ts.isIdentifier(decl.name)) return undefined;
  return onlyRead(decl.name.text, scope, decl, decl.name) ? init : undefined;
}

const HARMLESS_CALLEE = /^(console\.\w+|JSON\.stringify|logger\.\w+|log\.\w+|log)$/;

/**
 * Every use of `name` in `scope` (besides its declaration and `use`) reads a property, copies it or logs it. With
 * `writes`, plain assignments to a named property (`opts.baseURL = …`) are allowed too, and collected there.
 */
function onlyRead(name: string, scope: ts.Node, decl: ts.VariableDeclaration, use: ts.Expression, writes?: ts.BinaryExpression[]): boolean {
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (ts.isIdentifier(n) && n.text === name && n !== decl.name && n !== unwrap(use)) {
      let child: ts.Node = n;
      let p = n.parent;
      while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p))) {
        child = p;
        p = p.parent;
      }
      if ((ts.isPropertyAccessExpression(p) && p.name === child) || (ts.isPropertyAssignment(p) && p.name === child)) return;
      if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === child) {
        const up = p.parent;
        const written =
          (ts.isBinaryExpression(up) && up.left === p && up.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && up.operatorToken.kind <= ts.SyntaxKind.LastAssignment) ||
          ts.isDeleteExpression(up) ||
          ((ts.isPrefixUnaryExpression(up) || ts.isPostfixUnaryExpression(up)) && (up.operator === ts.SyntaxKind.PlusPlusToken || up.operator === ts.SyntaxKind.MinusMinusToken)) ||
          (ts.isCallExpression(up) && up.expression === p);
        if (written && writes && ts.isPropertyAccessExpression(p) && ts.isBinaryExpression(up) && up.operatorToken.kind === ts.SyntaxKind.EqualsToken && up.pos < use.pos) writes.push(up);
        else if (written) ok = false;
        return;
      }
      if (ts.isSpreadAssignment(p) || ts.isSpreadElement(p)) return;
      if (ts.isCallExpression(p) && p.arguments.includes(child as ts.Expression) && HARMLESS_CALLEE.test(p.expression.getText())) return;
      ok = false;
      return;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(scope, visit);
  return ok;
}

/**
 * Client options built up in a `const` before the construction (`const opts = { apiKey }; if (proxy) opts.httpAgent =
 * agent; new Anthropic(opts)`): the literal's options and every property assigned to it by name before the call (their
 * values unread: the assignment may be conditional). Undefined when the object is used in any other way.
 */
export function builtUpOptions(call: ts.CallExpression | ts.NewExpression, sf: ts.SourceFile): ArgsFact | undefined {
  const arg = call.arguments?.[0];
  if (!arg || !ts.isIdentifier(unwrap(arg))) return undefined;
  const writes: ts.BinaryExpression[] = [];
  const obj = optionsObject(arg, call, writes);
  if (!obj || writes.length === 0) return undefined;
  // A fix adds options to the literal: its declared type must take them (`any`, the SDK's `ClientOptions`), not a
  // narrower type of the app's own that would reject a new key.
  const decl = obj.parent;
  const type = ts.isVariableDeclaration(decl) ? decl.type : undefined;
  if (type && type.kind !== ts.SyntaxKind.AnyKeyword && !(ts.isTypeReferenceNode(type) && /ClientOptions$/.test(type.typeName.getText(sf)))) return undefined;
  const args = objectArgs(obj, sf, callArgsSpanOf(call, sf));
  const options = { ...args.options };
  for (const w of writes) {
    const name = (w.left as ts.PropertyAccessExpression).name;
    options[name.text] = { key: name.text, keySpan: spanOf(name, sf), span: spanOf(w, sf), value: { kind: 'dynamic', span: spanOf(w.right, sf), text: w.right.getText(sf) } };
  }
  return { ...args, options, detached: true };
}

/** A spread follows the property in its object literal (`{ baseURL: '…', ...config }`): the value is only a default. */
export function overriddenBySpread(obj: ts.ObjectLiteralExpression, property: ts.Node): boolean {
  return obj.properties.some((q) => q.pos > property.pos && ts.isSpreadAssignment(q));
}

export function callArgsSpanOf(call: ts.CallExpression | ts.NewExpression, sf: ts.SourceFile): Span {
  const text = sf.text;
  // From the `(` after the callee (skipping type arguments) to the call's end.
  let open = (call.typeArguments ? call.typeArguments.end : call.expression.getEnd());
  while (open < call.getEnd() && text[open] !== '(') open++;
  return { start: open, end: call.getEnd() };
}

export function objectArgs(obj: ts.ObjectLiteralExpression, sf: ts.SourceFile, callArgsSpan?: Span): ArgsFact {
  const options: Record<string, OptionFact> = {};
  let hasSpread = false;
  // The keys the spreads may add, while every spread is known (an object literal written in place, or an unchanged
  // `const` holding one), and the options they set whatever the path, unless a later entry of the literal overrides them.
  let literalSpreadKeys: Set<string> | null = new Set();
  const spreadOptions: Record<string, OptionFact> = {};
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) {
      hasSpread = true;
      const inner = spreadContents(p.expression, sf);
      if (inner && literalSpreadKeys) {
        for (const k of inner.keys) {
          literalSpreadKeys.add(k);
          if (inner.options[k]) spreadOptions[k] = inner.options[k];
          else delete spreadOptions[k];
        }
      } else literalSpreadKeys = null;
      continue;
    }
    const entry = optionEntry(p, sf);
    if (entry === null) {
      hasSpread = true;
      literalSpreadKeys = null;
      continue;
    }
    if (entry) {
      options[entry.key] = entry;
      delete spreadOptions[entry.key];
    }
  }
  const span = spanOf(obj, sf);
  const known = hasSpread && literalSpreadKeys ? { literalSpreadKeys: [...literalSpreadKeys], ...(Object.keys(spreadOptions).length ? { spreadOptions } : {}) } : {};
  return { span, options, hasSpread, callArgsSpan: callArgsSpan ?? span, ...known };
}

/** One entry of an object literal as an option; null for a computed key, undefined for an entry that is none (a getter). */
function optionEntry(p: ts.ObjectLiteralElementLike, sf: ts.SourceFile): OptionFact | null | undefined {
  if (ts.isPropertyAssignment(p)) {
    const key = propertyNameText(p.name);
    return key === null ? null : { key, keySpan: spanOf(p.name, sf), span: spanOf(p, sf), value: valueFact(p.initializer, sf) };
  }
  if (ts.isShorthandPropertyAssignment(p)) {
    const key = p.name.text;
    return { key, keySpan: spanOf(p.name, sf), span: spanOf(p, sf), value: constEnvFact(p.name, sf) ?? { kind: 'dynamic', span: spanOf(p.name, sf), text: key } };
  }
  if (ts.isMethodDeclaration(p) && p.name) {
    const key = propertyNameText(p.name);
    return key ? { key, keySpan: spanOf(p.name, sf), span: spanOf(p, sf), value: { kind: 'dynamic', span: spanOf(p, sf), text: p.getText(sf) } } : undefined;
  }
  return undefined;
}

/**
 * What a spread may add to an object literal: every key it may set, and the options it sets on every path (with their
 * values). Known for an object literal written in place (`...{ a: 1 }`, `...(cond && { a: 1 })`, `...(cond ? { a: 1 } :
 * {})`: a falsy or nullish branch adds nothing) and for a `const` bound to an object literal that nothing changes
 * (`const commonOptions = { experimental_telemetry: { isEnabled: true } }` at module level, then `...commonOptions`).
 * Null when some key cannot be known (a computed key, a spread of anything else).
 */
function spreadContents(e: ts.Expression, sf: ts.SourceFile, depth = 0): { keys: string[]; options: Record<string, OptionFact> } | null {
  if (depth > 8) return null;
  const u = unwrap(e);
  if (ts.isObjectLiteralExpression(u)) {
    const keys: string[] = [];
    const options: Record<string, OptionFact> = {};
    for (const p of u.properties) {
      if (ts.isSpreadAssignment(p)) {
        const inner = spreadContents(p.expression, sf, depth + 1);
        if (!inner) return null;
        for (const k of inner.keys) {
          keys.push(k);
          if (inner.options[k]) options[k] = inner.options[k];
          else delete options[k];
        }
        continue;
      }
      const key = p.name ? propertyNameText(p.name) : null;
      if (key === null) return null;
      keys.push(key);
      const entry = optionEntry(p, sf);
      if (entry) options[key] = entry;
      else delete options[key];
    }
    return { keys, options };
  }
  // Set on some paths only: the keys, without their values.
  const conditional = (keys: string[] | undefined) => (keys ? { keys, options: {} } : null);
  if (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return conditional(spreadContents(u.right, sf, depth + 1)?.keys);
  if (ts.isConditionalExpression(u)) {
    const a = spreadContents(u.whenTrue, sf, depth + 1);
    const b = spreadContents(u.whenFalse, sf, depth + 1);
    return conditional(a && b ? [...a.keys, ...b.keys] : undefined);
  }
  if (u.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(u) && u.text === 'undefined') || u.kind === ts.SyntaxKind.FalseKeyword) return { keys: [], options: {} };
  if (ts.isIdentifier(u)) {
    const decl = variableDeclarationOf(u);
    const init = decl && unchangedObjectConstIn(sf, decl);
    return init ? spreadContents(init, sf, depth + 1) : null;
  }
  return null;
}

/**
 * unchangedObjectConst, once per declaration and parse: a module `const` spread into many calls is checked against
 * every use in the file. Keyed by the file too, since an edit elsewhere may change the object while the incremental
 * parser keeps the declaration's node.
 */
function unchangedObjectConstIn(sf: ts.SourceFile, decl: ts.VariableDeclaration): ts.ObjectLiteralExpression | undefined {
  let perFile = unchangedConsts.get(sf);
  if (!perFile) unchangedConsts.set(sf, (perFile = new Map()));
  if (!perFile.has(decl)) perFile.set(decl, unchangedObjectConst(decl));
  return perFile.get(decl);
}

const unchangedConsts = new WeakMap<ts.SourceFile, Map<ts.VariableDeclaration, ts.ObjectLiteralExpression | undefined>>();

/**
 * The variable declaration a name refers to, found by scope without the type checker: the nearest enclosing block,
 * function or module that declares the name. Undefined when that is anything but a variable (a parameter, a function,
 * an import, a loop or catch binding, a destructured name).
 */
function variableDeclarationOf(id: ts.Identifier): ts.VariableDeclaration | undefined {
  const name = id.text;
  for (let scope: ts.Node | undefined = id.parent; scope; scope = scope.parent) {
    if (isFunctionLike(scope) && scope.parameters.some((p) => bindsName(p.name, name))) return undefined;
    if (ts.isCatchClause(scope) && scope.variableDeclaration && bindsName(scope.variableDeclaration.name, name)) return undefined;
    if ((ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer) && scope.initializer.declarations.some((d) => bindsName(d.name, name))) return undefined;
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isModuleBlock(scope) && !ts.isCaseClause(scope) && !ts.isDefaultClause(scope)) continue;
    for (const stmt of scope.statements) {
      if (ts.isVariableStatement(stmt)) {
        const d = stmt.declarationList.declarations.find((x) => bindsName(x.name, name));
        if (d) return ts.isIdentifier(d.name) ? d : undefined;
      } else if ((ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt) || ts.isEnumDeclaration(stmt)) && stmt.name?.text === name) return undefined;
      else if (ts.isImportDeclaration(stmt) && stmt.importClause && importBinds(stmt.importClause, name)) return undefined;
    }
  }
  return undefined;
}

function bindsName(b: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(b)) return b.text === name;
  return b.elements.some((el) => !ts.isOmittedExpression(el) && bindsName(el.name, name));
}

function importBinds(clause: ts.ImportClause, name: string): boolean {
  if (clause.name?.text === name) return true;
  const nb = clause.namedBindings;
  if (!nb) return false;
  return ts.isNamespaceImport(nb) ? nb.name.text === name : nb.elements.some((el) => el.name.text === name);
}

/** Options seen no more: whatever the spreads of the literal were, more may be set elsewhere. */
export function withUnseenOptions(args: ArgsFact): ArgsFact {
  const { literalSpreadKeys: _, spreadOptions: __, ...rest } = args;
  return { ...rest, hasSpread: true };
}

/** What can be read from an expression without running it. */
export function valueFact(expr: ts.Expression, sf: ts.SourceFile): ValueFact {
  const e = unwrap(expr);
  const span = spanOf(e, sf);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { kind: 'string', value: e.text, span };
  if (ts.isNumericLiteral(e)) return { kind: 'number', value: Number(e.text.replace(/_/g, '')), span };
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return { kind: 'number', value: -Number(e.operand.text.replace(/_/g, '')), span };
  if (e.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'boolean', value: true, span };
  if (e.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', value: false, span };
  if (e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined')) return { kind: 'null', span };
  const arith = numericArithmetic(e);
  if (arith !== null) return { kind: 'number', value: arith, span };
  const env = envName(e);
  if (env !== undefined) return { kind: 'env', name: env, span };
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    const left = envName(unwrap(e.left));
    if (left !== undefined) return { kind: 'env', name: left, span, fallback: valueFact(e.right, sf) };
  }
  if (ts.isObjectLiteralExpression(e)) return { kind: 'object', span, args: objectArgs(e, sf) };
  if (ts.isArrayLiteralExpression(e)) return { kind: 'array', span, elements: e.elements.map((el) => valueFact(el, sf)) };
  if (ts.isIdentifier(e)) {
    const env = constEnvFact(e, sf);
    if (env) return env;
  }
  return { kind: 'dynamic', span, text: e.getText(sf) };
}

/**
 * `const baseURL = process.env.LITELLM_BASE_URL ?? 'http://localhost:4000/v1'` in scope before the use, then passed
 * by name: an environment read all the same (only env reads: other values keep their own spans for fixes).
 */
function constEnvFact(id: ts.Identifier, sf: ts.SourceFile): ValueFact | null {
  const init = constInitializer(id);
  if (!init) return null;
  const fact = valueFact(init, sf);
  return fact.kind === 'env' ? { ...fact, span: spanOf(id, sf) } : null;
}

/** The initializer of the `const` a name refers to, found by scope without the type checker; undefined if shadowed. */
function constInitializer(id: ts.Identifier): ts.Expression | undefined {
  for (let scope: ts.Node | undefined = id.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope) && scope.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === id.text)) return undefined;
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isModuleBlock(scope)) continue;
    for (const stmt of scope.statements) {
      if (stmt.pos > id.pos) break;
      if (!ts.isVariableStatement(stmt)) continue;
      for (const d of stmt.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== id.text) continue;
        return stmt.declarationList.flags & ts.NodeFlags.Const ? d.initializer : undefined;
      }
    }
  }
  return undefined;
}

/** `60 * 1000`, `10 * 60 * 1000`: numeric literal arithmetic. */
export function numericArithmetic(e: ts.Expression): number | null {
  const u = unwrap(e);
  if (ts.isNumericLiteral(u)) return Number(u.text.replace(/_/g, ''));
  if (ts.isBinaryExpression(u)) {
    const l = numericArithmetic(u.left);
    const r = numericArithmetic(u.right);
    if (l === null || r === null) return null;
    switch (u.operatorToken.kind) {
      case ts.SyntaxKind.AsteriskToken: return l * r;
      case ts.SyntaxKind.PlusToken: return l + r;
      case ts.SyntaxKind.MinusToken: return l - r;
      case ts.SyntaxKind.SlashToken: return r === 0 ? null : l / r;
      default: return null;
    }
  }
  return null;
}

/** The global number parsers a setting read from the environment goes through. */
const NUMBER_PARSERS: Record<string, (text: string) => number> = { parseInt: (t) => parseInt(t, 10), parseFloat, Number };

/**
 * A number read from the environment with a literal default, and that default: `parseInt(process.env.X || '64000')`,
 * `Number(process.env.X ?? 64000)`, `parseInt(process.env.X ?? '64000', 10)`, or `Number(process.env.X) || 64000`
 * (an unset variable parses to NaN, which `||` replaces). Null for anything else, such as `parseInt(process.env.X!)`.
 */
export function envDefaultNumber(expr: ts.Expression): { value: number; env: string | null } | null {
  const e = unwrap(expr);
  // `||` after the parse: an unset variable parses to NaN, which only `||` replaces; inside it, `||` or `??`.
  const after = ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken;
  const parse = parsedArgument(after ? e.left : e);
  if (!parse) return null;
  let read = unwrap(parse.arg);
  let fallback: ts.Expression;
  if (after) fallback = (e as ts.BinaryExpression).right;
  else if (ts.isBinaryExpression(read) && (read.operatorToken.kind === ts.SyntaxKind.BarBarToken || read.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    fallback = read.right;
    read = unwrap(read.left);
  } else return null;
  const env = envName(read);
  const f = unwrap(fallback);
  const value = ts.isStringLiteral(f) || ts.isNoSubstitutionTemplateLiteral(f) ? (after ? null : parse.parser(f.text)) : numericArithmetic(f);
  return env !== undefined && value !== null && Number.isFinite(value) && value > 0 ? { value, env } : null;
}

/** `parseInt(x)`, `parseInt(x, 10)`, `Number(x)`, `Number.parseFloat(x)`: the argument, and how it is parsed. */
function parsedArgument(e: ts.Expression): { arg: ts.Expression; parser: (text: string) => number } | null {
  const u = unwrap(e);
  if (!ts.isCallExpression(u) || u.arguments.length < 1 || u.arguments.length > 2) return null;
  const c = u.expression;
  const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'Number' ? c.name.text : null;
  if (!name || !Object.hasOwn(NUMBER_PARSERS, name)) return null;
  const radix = u.arguments[1];
  if (radix && !(name === 'parseInt' && ts.isNumericLiteral(radix) && radix.text === '10')) return null;
  return { arg: u.arguments[0], parser: NUMBER_PARSERS[name] };
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X` → 'X'; computed key → null; not an env read → undefined. */
export function envName(e: ts.Expression): string | null | undefined {
  // Deno's and Netlify's Edge Functions' reads: `Deno.env.get('X')`, `Netlify.env.get('X')`.
  if (ts.isCallExpression(e)) return runtimeEnvGet(e);
  const target = ts.isPropertyAccessExpression(e) ? e.expression : ts.isElementAccessExpression(e) ? e.expression : null;
  if (!target) return undefined;
  // `process.env.X`, `import.meta.env.X`, Bun's `Bun.env.X`.
  const isProcessEnv =
    ts.isPropertyAccessExpression(target) &&
    target.name.text === 'env' &&
    ((ts.isIdentifier(target.expression) && (target.expression.text === 'process' || target.expression.text === 'Bun')) || ts.isMetaProperty(target.expression));
  if (!isProcessEnv) return undefined;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  const arg = (e as ts.ElementAccessExpression).argumentExpression;
  return ts.isStringLiteral(arg) ? arg.text : null;
}

/** `Deno.env.get('X')` / `Netlify.env.get('X')`: the variable's name (null when not a literal), else undefined. */
function runtimeEnvGet(call: ts.CallExpression): string | null | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'get') return undefined;
  const env = callee.expression;
  if (!ts.isPropertyAccessExpression(env) || env.name.text !== 'env' || !ts.isIdentifier(env.expression)) return undefined;
  if (env.expression.text !== 'Deno' && env.expression.text !== 'Netlify') return undefined;
  const arg = call.arguments[0];
  return arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) ? arg.text : null;
}

/** The class (declaration or expression) a node is written in. */
export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  let cls = node.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  return cls;
}

/** Function-like kinds by SyntaxKind (reading `ts.SyntaxKind.X` on each call is a dictionary lookup: the enum is huge). */
const FUNCTION_LIKE_KIND = (() => {
  const kinds = [
    ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.MethodDeclaration,
    ts.SyntaxKind.Constructor, ts.SyntaxKind.GetAccessor, ts.SyntaxKind.SetAccessor,
  ];
  const table = new Uint8Array(Math.max(...kinds) + 1);
  for (const k of kinds) table[k] = 1;
  return table;
})();

export function isFunctionLike(n: ts.Node): n is ts.FunctionLikeDeclaration {
  return FUNCTION_LIKE_KIND[n.kind] === 1;
}

export function enclosingFunction(n: ts.Node): ts.FunctionLikeDeclaration | undefined {
  let p = n.parent;
  while (p && !isFunctionLike(p)) p = p.parent;
  return p as ts.FunctionLikeDeclaration | undefined;
}

/** A function's name as users know it: declaration name, `const name = () =>`, method name, `exports.name =`. */
export function functionName(fn: ts.FunctionLikeDeclaration): string | null {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) return fn.name.text;
  const p = fn.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyAssignment(p)) return propertyNameText(p.name);
  if (p && ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  if (p && ts.isPropertyDeclaration(p)) return propertyNameText(p.name);
  // `export const POST = withAuth(async (req) => …)`: the wrapper's variable names the handler.
  if (p && ts.isCallExpression(p) && p.parent && ts.isVariableDeclaration(p.parent) && ts.isIdentifier(p.parent.name)) return p.parent.name.text;
  return null;
}

/**
 * Every node of a parsed file in pre-order, with where each node's subtree ends: the extractors walk the same tree
 * many times per keystroke, and a loop over this array costs a fraction of the compiler's recursive traversal.
 */
interface TreeIndex {
  nodes: ts.Node[];
  /** `subtreeEnd[i]` is the index just past the last descendant of `nodes[i]`. */
  subtreeEnd: Int32Array;
  /** The file's call expressions and functions, in pre-order. */
  calls: ts.CallExpression[];
  functions: ts.FunctionLikeDeclaration[];
  /** Calls and `new` expressions; string literals and template heads; property and element accesses (pre-order). */
  constructions: ts.Node[];
  strings: ts.Node[];
  accesses: ts.Node[];
}

const treeIndexes = new WeakMap<ts.SourceFile, TreeIndex>();

/**
 * The index of one top-level statement's subtree (subtree ends relative to its first node). TypeScript's incremental
 * parser hands back the statements an edit did not touch as the same objects with the same children, so their
 * indexes are reused and only the edited statements are walked again.
 */
const statementIndexes = new WeakMap<ts.Node, TreeIndex>();

function indexStatement(statement: ts.Node): TreeIndex {
  const cached = statementIndexes.get(statement);
  if (cached) return cached;
  const nodes: ts.Node[] = [];
  const ends: number[] = [];
  const calls: ts.CallExpression[] = [];
  const functions: ts.FunctionLikeDeclaration[] = [];
  const constructions: ts.Node[] = [];
  const strings: ts.Node[] = [];
  const accesses: ts.Node[] = [];
  function go(n: ts.Node): undefined {
    const i = nodes.length;
    nodes.push(n);
    ends.push(0);
    switch (n.kind) {
      case KIND_CALL:
        calls.push(n as ts.CallExpression);
        constructions.push(n);
        break;
      case KIND_NEW:
        constructions.push(n);
        break;
      case KIND_STRING:
      case KIND_PLAIN_TEMPLATE:
      case KIND_TEMPLATE_HEAD:
        strings.push(n);
        break;
      case KIND_PROPERTY_ACCESS:
      case KIND_ELEMENT_ACCESS:
        accesses.push(n);
        break;
      default:
        if (isFunctionLike(n)) functions.push(n);
    }
    ts.forEachChild(n, go);
    ends[i] = nodes.length;
    return undefined;
  }
  go(statement);
  const index = { nodes, subtreeEnd: Int32Array.from(ends), calls, functions, constructions, strings, accesses };
  statementIndexes.set(statement, index);
  return index;
}

const KIND_CALL = ts.SyntaxKind.CallExpression;
const KIND_NEW = ts.SyntaxKind.NewExpression;
const KIND_STRING = ts.SyntaxKind.StringLiteral;
const KIND_PLAIN_TEMPLATE = ts.SyntaxKind.NoSubstitutionTemplateLiteral;
const KIND_TEMPLATE_HEAD = ts.SyntaxKind.TemplateHead;
const KIND_PROPERTY_ACCESS = ts.SyntaxKind.PropertyAccessExpression;
const KIND_ELEMENT_ACCESS = ts.SyntaxKind.ElementAccessExpression;

/** Indexes a file's tree so `walk` below it runs over a flat array. Call once per parse, before the tree is walked. */
export function indexTree(sf: ts.SourceFile): void {
  const parts: TreeIndex[] = [];
  let total = 0;
  // The file's children: its statements and its end-of-file token, as the compiler's traversal visits them.
  ts.forEachChild(sf, (child) => {
    const part = indexStatement(child);
    parts.push(part);
    total += part.nodes.length;
    return undefined;
  });
  const nodes: ts.Node[] = new Array(total);
  const subtreeEnd = new Int32Array(total);
  const calls: ts.CallExpression[] = [];
  const functions: ts.FunctionLikeDeclaration[] = [];
  const constructions: ts.Node[] = [];
  const strings: ts.Node[] = [];
  const accesses: ts.Node[] = [];
  let base = 0;
  for (const part of parts) {
    const n = part.nodes.length;
    for (let i = 0; i < n; i++) {
      nodes[base + i] = part.nodes[i];
      subtreeEnd[base + i] = part.subtreeEnd[i] + base;
    }
    for (const c of part.calls) calls.push(c);
    for (const f of part.functions) functions.push(f);
    for (const c of part.constructions) constructions.push(c);
    for (const x of part.strings) strings.push(x);
    for (const a of part.accesses) accesses.push(a);
    base += n;
  }
  treeIndexes.set(sf, { nodes, subtreeEnd, calls, functions, constructions, strings, accesses });
}

/** The nodes the extractor reads from every part of a file, in pre-order (see TreeIndex); null before indexTree. */
export function nodesOfInterest(sf: ts.SourceFile): Pick<TreeIndex, 'calls' | 'constructions' | 'strings' | 'accesses'> | null {
  return treeIndexes.get(sf) ?? null;
}

/** Every call expression in the file, in pre-order. */
export function callsIn(sf: ts.SourceFile): readonly ts.CallExpression[] {
  const index = treeIndexes.get(sf);
  if (index) return index.calls;
  const out: ts.CallExpression[] = [];
  walk(sf, (n) => void (ts.isCallExpression(n) && out.push(n)));
  return out;
}

/** Every function-like declaration in the file, in pre-order. */
export function functionsIn(sf: ts.SourceFile): readonly ts.FunctionLikeDeclaration[] {
  const index = treeIndexes.get(sf);
  if (index) return index.functions;
  const out: ts.FunctionLikeDeclaration[] = [];
  walk(sf, (n) => void (isFunctionLike(n) && out.push(n)));
  return out;
}

/** Position of `node` in the index: nodes are in pre-order, so their `pos` never decreases along the array. */
function indexOfNode(index: TreeIndex, node: ts.Node): number {
  const { nodes } = index;
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nodes[mid].pos < node.pos) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < nodes.length && nodes[i].pos === node.pos; i++) if (nodes[i] === node) return i;
  return -1;
}

/** Walks every node below `node` in pre-order; returning false from `visit` skips a node's children. */
export function walk(node: ts.Node, visit: (n: ts.Node) => boolean | void): void {
  let root: ts.Node = node;
  while (root.parent) root = root.parent;
  const index = ts.isSourceFile(root) ? treeIndexes.get(root) : undefined;
  const at = !index ? -1 : node === root ? -2 : indexOfNode(index, node);
  if (!index || at === -1) {
    const go = (n: ts.Node): void => {
      if (visit(n) === false) return;
      ts.forEachChild(n, go);
    };
    ts.forEachChild(node, go);
    return;
  }
  const { nodes, subtreeEnd } = index;
  const end = at === -2 ? nodes.length : subtreeEnd[at];
  for (let i = at === -2 ? 0 : at + 1; i < end; ) i = visit(nodes[i]) === false ? subtreeEnd[i] : i + 1;
}

export function isAncestor(ancestor: ts.Node, node: ts.Node): boolean {
  let p: ts.Node | undefined = node;
  while (p) {
    if (p === ancestor) return true;
    p = p.parent;
  }
  return false;
}

/** The statement that contains `node` directly inside a block or source file. */
export function enclosingStatement(node: ts.Node): ts.Statement | undefined {
  let p: ts.Node | undefined = node;
  while (p && p.parent && !ts.isBlock(p.parent) && !ts.isSourceFile(p.parent) && !ts.isCaseClause(p.parent) && !ts.isModuleBlock(p.parent)) p = p.parent;
  return p && ts.isStatement(p as ts.Node) ? (p as ts.Statement) : undefined;
}

/** The variable a call's (awaited) result is declared as: `const rows = await db.message.findMany(…)`. */
export function bindingOfCall(call: ts.CallExpression): (ts.VariableDeclaration & { name: ts.Identifier }) | null {
  let top: ts.Node = call;
  while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || ts.isAsExpression(top.parent))) top = top.parent;
  const p = top.parent;
  return p && ts.isVariableDeclaration(p) && p.initializer === top && ts.isIdentifier(p.name) ? (p as ts.VariableDeclaration & { name: ts.Identifier }) : null;
}

/** The node under `root` that spans exactly `start`–`end` (a span recorded in a fact, back to its node). */
export function nodeAt(root: ts.Node, start: number, end: number, sf: ts.SourceFile): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (found || n.getStart(sf) > start || n.end < end) return;
    if (n.getStart(sf) === start && n.end === end) {
      found = n;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(root);
  return found;
}
