import { ts } from './compiler';
import { classifyVolatility, HISTORY_NAME } from '../../core/volatility';
import type { PromptPart, PromptRole, PromptSegment } from '../../core/types';
import { enclosingFunction, propertyNameText, rootIdentifier, spanOf, unwrap, valueFact } from './ast';
import type { FileContext } from './file-context';
import { isImportRef, resolveExpression } from './resolve';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);
/** Cohere v1 `chatHistory` entries: `{ role: 'USER' | 'CHATBOT' | 'SYSTEM', message }`. */
const COHERE_V1_ROLES: Readonly<Record<string, PromptRole>> = { USER: 'user', CHATBOT: 'assistant', SYSTEM: 'system', TOOL: 'tool' };

/** Splits a text-valued expression into static and dynamic segments, following constants. */
export function segmentsOf(expr: ts.Expression, ctx: FileContext, depth = 0): { segments: PromptSegment[]; source?: PromptPart['source'] } {
  const e = unwrap(expr);
  const span = spanOf(e, ctx.sf);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { segments: [{ kind: 'static', text: e.text, span }] };
  if (ts.isTemplateExpression(e)) {
    const segs: PromptSegment[] = [];
    if (e.head.text) segs.push({ kind: 'static', text: e.head.text, span: spanOf(e.head, ctx.sf) });
    for (const s of e.templateSpans) {
      segs.push(...dynamicOrConstant(s.expression, ctx, depth));
      if (s.literal.text) segs.push({ kind: 'static', text: s.literal.text, span: spanOf(s.literal, ctx.sf) });
    }
    return { segments: segs };
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return { segments: [...segmentsOf(e.left, ctx, depth).segments, ...segmentsOf(e.right, ctx, depth).segments] };
  }
  // ['a', 'b'].join('\n') with literal parts
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join' && ts.isArrayLiteralExpression(unwrap(e.expression.expression))) {
    const arr = unwrap(e.expression.expression) as ts.ArrayLiteralExpression;
    const sep = joinSeparator(e) ?? ',';
    const segs: PromptSegment[] = [];
    arr.elements.forEach((el, i) => {
      if (i > 0 && sep) segs.push({ kind: 'static', text: sep, span: spanOf(el, ctx.sf) });
      segs.push(...segmentsOf(el, ctx, depth).segments);
    });
    return { segments: segs };
  }
  const joined = joinedConstantList(e, ctx, depth);
  if (joined) return { segments: [joined] };
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    const constant = constantText(e, ctx, depth);
    if (constant) return constant;
  }
  // `content: systemPrompt()` where this file defines `function systemPrompt() { return \`Now: ${…}…\`; }`.
  if (ts.isCallExpression(e) && (ts.isIdentifier(e.expression) || ts.isPropertyAccessExpression(e.expression)) && depth < 4) {
    const returned = returnedText(e.expression, ctx);
    if (returned && returned.ctx === ctx) return { segments: withDefaults(segmentsOf(returned.value, ctx, depth + 1).segments, e, returned, depth) };
    // `buildSystemPrompt(user)` imported from another module of the workspace.
    if (returned) return { segments: importedText(e, ctx, returned, depth) };
  }
  const repeated = repeatedLiteral(e, ctx);
  if (repeated) return { segments: [repeated] };
  const trimmed = trimmedText(e, ctx, depth);
  if (trimmed) return trimmed;
  return { segments: [dynamicSegment(e, ctx)] };
}

const TRIMS: Record<string, (t: string) => string> = {
  trim: (t) => t.trim(),
  trimStart: (t) => t.trimStart(),
  trimLeft: (t) => t.trimStart(),
  trimEnd: (t) => t.trimEnd(),
  trimRight: (t) => t.trimEnd(),
};

/**
 * `PROMPT.trim()`, `` `…`.trim() ``: the text of what is trimmed, static when all of it is (a constant prompt written
 * with a leading newline and trimmed where it is defined or used), else its own segments (trimming moves no value).
 */
function trimmedText(e: ts.Expression, ctx: FileContext, depth: number): { segments: PromptSegment[]; source?: PromptPart['source'] } | null {
  if (depth > 4 || !ts.isCallExpression(e) || e.arguments.length > 0 || !ts.isPropertyAccessExpression(e.expression)) return null;
  const trim = Object.hasOwn(TRIMS, e.expression.name.text) ? TRIMS[e.expression.name.text] : undefined;
  const receiver = unwrap(e.expression.expression);
  if (!trim || !(buildsText(receiver, ctx) || ts.isIdentifier(receiver) || ts.isPropertyAccessExpression(receiver))) return null;
  const inner = segmentsOf(receiver, ctx, depth + 1);
  if (!inner.segments.every((s) => s.kind === 'static')) return inner.segments.some((s) => s.kind === 'static') ? inner : null;
  const text = trim(inner.segments.map((s) => s.text).join(''));
  return { segments: [{ kind: 'static', text, span: spanOf(e, ctx.sf) }] };
}

/**
 * The text a function of this file returns: an arrow's text body, or a body that is one `return` of text after
 * nothing but `const` declarations (`const now = new Date().toISOString(); return \`Today is ${now}…\``), whose
 * names the returned text may read.
 */
function returnedText(callee: ts.Expression, ctx: FileContext): { value: ts.Expression; ctx: FileContext; fn: ts.FunctionLikeDeclaration } | null {
  const r = resolveExpression(callee, ctx);
  if (r.kind !== 'node' || (r.ctx === ctx && !ts.isIdentifier(callee))) return null;
  const fn = r.node as ts.Node;
  if (!ts.isFunctionDeclaration(fn) && !ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return null;
  const body = fn.body;
  if (!body) return null;
  let value: ts.Expression | undefined;
  if (!ts.isBlock(body)) value = body;
  else {
    const last = body.statements[body.statements.length - 1];
    const before = body.statements.slice(0, -1);
    const onlyConsts = before.every((st) => ts.isVariableStatement(st) && (st.declarationList.flags & ts.NodeFlags.Const) !== 0);
    if (last && ts.isReturnStatement(last) && onlyConsts) value = last.expression;
  }
  return value && buildsText(value) ? { value, ctx: r.ctx, fn } : null;
}

/**
 * Segments of a call to another module's text helper, all at the call: a parameter the text reads becomes the
 * argument passed for it; other values keep what the helper's module says about them and say where they are.
 */
function importedText(call: ts.CallExpression, ctx: FileContext, helper: { value: ts.Expression; ctx: FileContext; fn: ts.FunctionLikeDeclaration }, depth: number): PromptSegment[] {
  const span = spanOf(call, ctx.sf);
  const name = helper.fn.name && ts.isIdentifier(helper.fn.name) ? helper.fn.name.text : unwrap(call.expression).getText(ctx.sf);
  const via = { name, path: helper.ctx.path };
  const params = helper.fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : null));
  const spread = call.arguments.some((a) => ts.isSpreadElement(a)) || helper.fn.parameters.some((p) => !!p.dotDotDotToken);
  return segmentsOf(helper.value, helper.ctx, depth + 1).segments.flatMap((s): PromptSegment[] => {
    if (s.kind === 'static') return [{ kind: 'static', text: s.text, span }];
    const index = params.indexOf(s.text);
    if (index >= 0) {
      const arg = spread ? undefined : call.arguments[index];
      if (arg) return segmentsOf(arg, ctx, depth + 1).segments;
      const fallback = defaultOf(call, helper.fn, index);
      if (fallback) return segmentsOf(fallback, helper.ctx, depth + 1).segments.map((d) => (d.kind === 'static' ? { kind: 'static', text: d.text, span } : { ...d, span, via }));
      return [{ kind: 'dynamic', text: s.text, volatility: 'unknown', span, via }];
    }
    return [{ ...s, span, via }];
  });
}

/**
 * The default of the helper's parameter at `index` when the call leaves it out (no argument there, no spread): the
 * text the parameter has on that call (`getSystemPrompt()` with `(cwd = WORK_DIR)` reads `WORK_DIR`).
 */
function defaultOf(call: ts.CallExpression, fn: ts.FunctionLikeDeclaration, index: number): ts.Expression | undefined {
  if (call.arguments.length > index || call.arguments.some((a) => ts.isSpreadElement(a))) return undefined;
  const param = fn.parameters[index];
  return param && !param.dotDotDotToken ? param.initializer : undefined;
}

/** A same-module helper's text with each parameter the call leaves out read as its default. */
function withDefaults(segments: PromptSegment[], call: ts.CallExpression, helper: { ctx: FileContext; fn: ts.FunctionLikeDeclaration }, depth: number): PromptSegment[] {
  const params = helper.fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : null));
  return segments.flatMap((s) => {
    if (s.kind === 'static') return [s];
    const index = params.indexOf(s.text);
    const fallback = index >= 0 ? defaultOf(call, helper.fn, index) : undefined;
    return fallback ? segmentsOf(fallback, helper.ctx, depth + 1).segments : [s];
  });
}

/** `'text'.repeat(3)`: static text, capped so a huge count cannot blow up memory. */
function repeatedLiteral(e: ts.Expression, ctx: FileContext): PromptSegment | null {
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'repeat') return null;
  const base = unwrap(e.expression.expression);
  const count = e.arguments[0] && ts.isNumericLiteral(e.arguments[0]) ? Number(e.arguments[0].text) : NaN;
  if (!(ts.isStringLiteral(base) || ts.isNoSubstitutionTemplateLiteral(base)) || !Number.isInteger(count) || count < 0 || base.text.length * count > 1_000_000) return null;
  return { kind: 'static', text: base.text.repeat(count), span: spanOf(e, ctx.sf) };
}

/** The separator a `.join(…)` call puts between items: its literal argument, else `,`; null when it cannot be read. */
function joinSeparator(call: ts.CallExpression): string | null {
  const sepArg = call.arguments[0] && unwrap(call.arguments[0]);
  if (!sepArg) return ',';
  return ts.isStringLiteral(sepArg) || ts.isNoSubstitutionTemplateLiteral(sepArg) ? sepArg.text : null;
}

/**
 * `LIST.join(', ')` or `LIST.map((tag) => \`<${tag}>\`).join(', ')` over a module-level `const` array of static
 * strings (here or imported) that nothing mutates: text built once, the same on every request. The map callback may
 * read only its item and constants. Null for anything else.
 */
function joinedConstantList(e: ts.Expression, ctx: FileContext, depth: number): PromptSegment | null {
  if (depth > 4 || !ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'join') return null;
  const sep = joinSeparator(e);
  if (sep === null) return null;
  let receiver = unwrap(e.expression.expression);
  let mapper: ts.ArrowFunction | ts.FunctionExpression | undefined;
  if (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'map' && receiver.arguments.length === 1) {
    const fn = unwrap(receiver.arguments[0]);
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return null;
    mapper = fn;
    receiver = unwrap(receiver.expression.expression);
  }
  const items = constantStringList(receiver, ctx, depth);
  if (!items) return null;
  const map = mapper;
  const texts = map ? items.map((item) => mappedText(map, item, ctx, depth)) : items;
  if (texts.some((t) => t === null)) return null;
  return { kind: 'static', text: texts.join(sep), span: spanOf(e, ctx.sf) };
}

/** The static strings of a module-level `const` array literal that no code of its module mutates. */
function constantStringList(e: ts.Expression, ctx: FileContext, depth: number): string[] | null {
  if (!ts.isIdentifier(e) && !ts.isPropertyAccessExpression(e)) return null;
  const r = resolveExpression(e, ctx);
  if (r.kind !== 'node' || !ts.isArrayLiteralExpression(r.node) || !isModuleLevel(r.node)) return null;
  let decl: ts.Node = r.node.parent;
  while (ts.isAsExpression(decl) || ts.isSatisfiesExpression(decl) || ts.isParenthesizedExpression(decl)) decl = decl.parent;
  if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || (decl.parent.flags & ts.NodeFlags.Const) === 0) return null;
  const name = decl.name.text.replace(/\$/g, '\\$');
  if (new RegExp(`(?<![\\w$.])${name}\\s*(\\.\\s*(push|unshift|splice|pop|shift|sort|reverse|fill|copyWithin)\\s*\\(|\\[[^\\]]*\\]\\s*=[^=])`).test(r.ctx.text)) return null;
  const items: string[] = [];
  for (const el of r.node.elements) {
    if (ts.isSpreadElement(el) || ts.isOmittedExpression(el)) return null;
    const segs = segmentsOf(el, r.ctx, depth + 1).segments;
    if (!segs.every((s) => s.kind === 'static')) return null;
    items.push(segs.map((s) => s.text).join(''));
  }
  return items;
}

/** The text a one-parameter map callback gives for `item`, when it reads nothing but the item and constants. */
function mappedText(fn: ts.ArrowFunction | ts.FunctionExpression, item: string, ctx: FileContext, depth: number): string | null {
  const param = fn.parameters[0];
  if (fn.parameters.length !== 1 || !param || !ts.isIdentifier(param.name) || param.dotDotDotToken) return null;
  let body: ts.Expression | undefined;
  if (!ts.isBlock(fn.body)) body = fn.body;
  else if (fn.body.statements.length === 1 && ts.isReturnStatement(fn.body.statements[0])) body = fn.body.statements[0].expression;
  if (!body || !buildsText(body)) return null;
  let text = '';
  for (const s of segmentsOf(body, ctx, depth + 1).segments) {
    if (s.kind === 'static') text += s.text;
    else if (s.text === param.name.text) text += item;
    else return null;
  }
  return text;
}

function dynamicOrConstant(expr: ts.Expression, ctx: FileContext, depth: number): PromptSegment[] {
  const e = unwrap(expr);
  const repeated = repeatedLiteral(e, ctx);
  if (repeated) return [repeated];
  const joined = joinedConstantList(e, ctx, depth);
  if (joined) return [joined];
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    const c = constantText(e, ctx, depth);
    if (c) return c.segments;
  }
  const trimmed = trimmedText(e, ctx, depth);
  if (trimmed?.segments.every((s) => s.kind === 'static')) return trimmed.segments;
  return [dynamicSegment(e, ctx)];
}

/** A module-level constant (possibly imported) that holds static text. */
function constantText(e: ts.Expression, ctx: FileContext, depth: number): { segments: PromptSegment[]; source?: PromptPart['source'] } | null {
  if (depth > 4) return null;
  const r = resolveExpression(e, ctx);
  if (r.kind !== 'string' && r.kind !== 'node') return null;
  const node = r.node;
  if (!isModuleLevel(node)) {
    // `const system = \`Today is ${date}. You are…\`` in the function, then `content: system`: the prompt is that text,
    // static and dynamic parts alike (resolution already refused names assigned again).
    if (r.ctx !== ctx || !buildsText(node, ctx)) return null;
    return { segments: segmentsOf(node, ctx, depth + 1).segments };
  }
  const inner = segmentsOf(node, r.ctx, depth + 1);
  // Built once when the module loads: static text, and settings read from the environment (`You are ${BOT_NAME}`).
  if (!inner.segments.every((s) => s.kind === 'static' || s.volatility === 'per-process')) return null;
  // Spans of the constant's text live in another place (maybe another file); point them at the use.
  const span = spanOf(e, ctx.sf);
  const source = { kind: 'constant' as const, path: r.ctx.path, span: spanOf(node, r.ctx.sf), name: e.getText(ctx.sf) };
  const segments: PromptSegment[] = [];
  for (const s of inner.segments) {
    const last = segments[segments.length - 1];
    if (s.kind === 'static' && last?.kind === 'static') last.text += s.text;
    else segments.push({ ...s, span });
  }
  if (segments.length === 0) segments.push({ kind: 'static', text: '', span });
  return { segments, source };
}

/**
 * A setting read from the environment, which stays the same for the life of the process: `process.env.BOT_NAME`
 * (with or without a literal fallback: `|| 'Claude'`), or a `const` or a config object's property that holds one, in
 * this module or imported (`environment.botName`). Null for anything else, or a read whose fallback is computed
 * (`process.env.NAME || req.body.name`). `fallback`: the text it has when the variable is unset.
 */
function processSetting(e: ts.Expression, ctx: FileContext, depth = 0): { fallback?: string } | null {
  if (depth > 4) return null;
  const u = unwrap(e);
  const v = valueFact(u, ctx.sf);
  if (v.kind === 'env') {
    const f = v.fallback;
    if (!f) return {};
    return f.kind === 'string' || f.kind === 'number' ? { fallback: String(f.value) } : null;
  }
  if (ts.isIdentifier(u)) {
    const decl = ctx.declarationOf(u);
    const target = decl && isImportRef(decl) && decl.imported !== '*' ? ctx.workspace.contextFor(ctx.workspace.resolveModule(ctx.path, decl.specifier) ?? '') : undefined;
    const where = target ?? ctx;
    const d = target && isImportRef(decl) ? target.exported(decl.imported) : decl;
    if (d && !isImportRef(d) && ts.isVariableDeclaration(d) && d.initializer && (d.parent.flags & ts.NodeFlags.Const) !== 0) return processSetting(d.initializer, where, depth + 1);
    return null;
  }
  if (ts.isPropertyAccessExpression(u)) {
    const base = resolveExpression(u.expression, ctx);
    if (base.kind !== 'node' || !ts.isObjectLiteralExpression(base.node)) return null;
    const p = base.node.properties.find((q): q is ts.PropertyAssignment => ts.isPropertyAssignment(q) && propertyNameText(q.name) === u.name.text);
    return p ? processSetting(p.initializer, base.ctx, depth + 1) : null;
  }
  return null;
}

/**
 * Expressions that build text: literals, templates, concatenations and `[…].join()`; with `ctx`, also a call of a
 * function of the workspace that returns text (`const system = generalPrompt() + RULES`).
 */
function buildsText(node: ts.Node, ctx?: FileContext): boolean {
  const e = unwrap(node as ts.Expression);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e)) return true;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return buildsText(e.left, ctx) || buildsText(e.right, ctx);
  if (ctx && ts.isCallExpression(e) && (ts.isIdentifier(e.expression) || ts.isPropertyAccessExpression(e.expression)) && returnedText(e.expression, ctx)) return true;
  // `` `…`.trim() ``
  if (ts.isCallExpression(e) && e.arguments.length === 0 && ts.isPropertyAccessExpression(e.expression) && Object.hasOwn(TRIMS, e.expression.name.text) && buildsText(e.expression.expression, ctx)) return true;
  return ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join' && ts.isArrayLiteralExpression(unwrap(e.expression.expression));
}

function isModuleLevel(node: ts.Node): boolean {
  let p = node.parent;
  while (p && !ts.isSourceFile(p)) {
    if (ts.isFunctionLike(p) || ts.isClassLike(p)) return false;
    p = p.parent;
  }
  return true;
}

function dynamicSegment(e: ts.Expression, ctx: FileContext): PromptSegment {
  const text = e.getText(ctx.sf);
  // A setting from the environment is what it is, whatever its name says (`${SESSION_PREFIX}`).
  const setting = processSetting(e, ctx);
  if (setting) return { kind: 'dynamic', span: spanOf(e, ctx.sf), text, volatility: 'per-process', ...setting };
  let volatility = classifyVolatility(text);
  // `const stamp = new Date().toISOString()` in scope, then `${stamp}`: the value says what it is, before the name does
  // (`const today = new Date().toISOString()` is a timestamp).
  if (ts.isIdentifier(e) && volatility !== 'random' && volatility !== 'request-id') {
    const decl = ctx.declarationOf(e);
    if (decl && !isImportRef(decl) && ts.isVariableDeclaration(decl) && decl.initializer && (decl.parent.flags & ts.NodeFlags.Const) !== 0) {
      const byValue = classifyVolatility(decl.initializer.getText(ctx.sf));
      if (byValue !== 'per-request') volatility = byValue;
    }
  }
  // `${getCurrentDateTime()}` with `function getCurrentDateTime() { return new Date().toISOString(); }` here or imported.
  if (ts.isCallExpression(e) && volatility === 'per-request') {
    const body = smallFunctionBody(e.expression, ctx);
    if (body) volatility = classifyVolatility(body);
  }
  return { kind: 'dynamic', span: spanOf(e, ctx.sf), text, volatility };
}

/** The source of a short function's body (a few statements), for a call whose value is what the function computes. */
function smallFunctionBody(callee: ts.Expression, ctx: FileContext): string | null {
  const c = unwrap(callee);
  if (!ts.isIdentifier(c) && !ts.isPropertyAccessExpression(c)) return null;
  const r = resolveExpression(c, ctx);
  if (r.kind !== 'node') return null;
  const fn = r.node as ts.Node;
  if (!(ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !fn.body) return null;
  if (ts.isBlock(fn.body) && fn.body.statements.length > 5) return null;
  const text = fn.body.getText(r.ctx.sf);
  return text.length <= 600 ? text : null;
}

/** A part whose content is the given expression (a string or content blocks). */
export function partFromContent(role: PromptRole, content: ts.Expression, ctx: FileContext, partSpan: ts.Node): PromptPart {
  const c = unwrap(content);
  if (ts.isArrayLiteralExpression(c)) {
    // Content blocks: [{ type: 'text', text: '…', cache_control: {...} }]
    const segments: PromptSegment[] = [];
    let cacheControl = false;
    for (const el of c.elements) {
      const block = unwrap(el);
      if (ts.isObjectLiteralExpression(block)) {
        const text = prop(block, 'text');
        if (prop(block, 'cache_control') || aiSdkCacheControl(block, ctx)) cacheControl = true;
        if (text) segments.push(...segmentsOf(text, ctx).segments);
        else segments.push(dynamicSegment(block, ctx));
      } else segments.push(...segmentsOf(block, ctx).segments);
    }
    return { role, span: spanOf(partSpan, ctx.sf), segments, cacheControl };
  }
  const { segments, source } = segmentsOf(c, ctx);
  const part: PromptPart = { role, span: spanOf(partSpan, ctx.sf), segments };
  if (source) part.source = source;
  return part;
}

/** `providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } }` on a message or content part. */
function aiSdkCacheControl(obj: ts.ObjectLiteralExpression, ctx: FileContext): boolean {
  const options = prop(obj, 'providerOptions') ?? prop(obj, 'experimental_providerMetadata') ?? prop(obj, 'providerMetadata');
  return !!options && /\bcache_?[cC]ontrol\b/.test(options.getText(ctx.sf));
}

export function prop(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

/** Parts from a messages array: `[{ role, content }, …]`, LangChain tuples and message classes, spreads. */
/** The innermost loop around `node` that starts after `after` (the array's declaration) in the same function. */
function enclosingLoopAfter(node: ts.Node, after: ts.Node): ts.IterationStatement | null {
  for (let p = node.parent; p && !ts.isFunctionLike(p) && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isIterationStatement(p, false) && p.pos >= after.end) return p;
  }
  return null;
}

export function partsFromMessages(expr: ts.Expression, ctx: FileContext, historyNames: Set<string>): PromptPart[] {
  const e = unwrap(expr);
  if (!ts.isArrayLiteralExpression(e)) {
    // A variable holding a literal array declared in the same function: follow it once.
    if (ts.isIdentifier(e)) {
      const r = resolveExpression(e, ctx);
      if (r.kind === 'node' && r.ctx === ctx && ts.isArrayLiteralExpression(r.node)) {
        const parts = partsFromMessages(r.node, ctx, historyNames);
        // `const messages = [system]; … messages.push(…)`: what is pushed before the call is sent too.
        const scope = enclosingFunction(e) ?? ctx.sf;
        const pushed = new RegExp(`\\b${e.text.replace(/\$/g, '\\$')}\\s*\\.\\s*(push|unshift|splice)\\s*\\(`);
        // In a loop (an agent or chain-of-thought loop), what is pushed after the call is sent by the next turn.
        const loop = enclosingLoopAfter(e, r.node);
        const grown = pushed.test(ctx.text.slice(r.node.end, e.getStart(ctx.sf))) || (!!loop && pushed.test(ctx.text.slice(loop.getStart(ctx.sf), loop.end)));
        if (grown && scope.getStart(ctx.sf) <= r.node.getStart(ctx.sf)) parts.push(opaquePart(e, ctx, historyNames));
        return parts;
      }
    }
    if (ts.isStringLiteral(e) || ts.isTemplateExpression(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [partFromContent('user', e, ctx, e)];
    return [opaquePart(e, ctx, historyNames)];
  }
  const parts: PromptPart[] = [];
  for (const el of e.elements) {
    const m = unwrap(el);
    if (ts.isSpreadElement(el)) {
      parts.push(opaquePart(el.expression, ctx, historyNames));
    } else if (ts.isObjectLiteralExpression(m)) {
      const roleExpr = prop(m, 'role');
      const roleText = roleExpr && (ts.isStringLiteral(roleExpr) || ts.isNoSubstitutionTemplateLiteral(roleExpr)) ? roleExpr.text : null;
      const cohere = roleText !== null && Object.hasOwn(COHERE_V1_ROLES, roleText) ? COHERE_V1_ROLES[roleText] : null;
      const role = cohere ?? (roleText !== null && ROLES.has(roleText) ? (roleText as PromptRole) : 'unknown');
      const content = prop(m, 'content') ?? prop(m, 'parts') ?? (cohere ? prop(m, 'message') : undefined);
      if (content) {
        const part = partFromContent(role, content, ctx, m);
        // Anthropic's `cache_control`, or the AI SDK's `providerOptions: { anthropic: { cacheControl } }` (v4:
        // `experimental_providerMetadata`), which @ai-sdk/anthropic turns into the message's cache_control.
        if (prop(m, 'cache_control') || aiSdkCacheControl(m, ctx)) part.cacheControl = true;
        parts.push(part);
      } else parts.push({ role, span: spanOf(m, ctx.sf), segments: [dynamicSegment(m, ctx)] });
    } else if (ts.isArrayLiteralExpression(m) && m.elements.length === 2) {
      // LangChain ['system', '…'] tuples
      const r = unwrap(m.elements[0]);
      const role = ts.isStringLiteral(r) ? langchainRole(r.text) : 'unknown';
      parts.push(partFromContent(role, m.elements[1], ctx, m));
    } else if (ts.isNewExpression(m) && ts.isIdentifier(m.expression) && m.arguments?.length) {
      // new SystemMessage('…') / new HumanMessage(x)
      const role = langchainRole(m.expression.text.replace(/Message$/, '').toLowerCase());
      const a = unwrap(m.arguments[0]);
      const content = ts.isObjectLiteralExpression(a) ? prop(a, 'content') ?? a : a;
      parts.push(partFromContent(role, content, ctx, m));
    } else {
      parts.push(opaquePart(m, ctx, historyNames));
    }
  }
  return parts;
}

function langchainRole(r: string): PromptRole {
  if (r === 'system') return 'system';
  if (r === 'human' || r === 'user') return 'user';
  if (r === 'ai' || r === 'assistant') return 'assistant';
  if (r === 'tool') return 'tool';
  return 'unknown';
}

/** A part whose content is only known at run time (a variable, a spread, a call). */
export function opaquePart(e: ts.Expression, ctx: FileContext, historyNames: Set<string>): PromptPart {
  const text = e.getText(ctx.sf);
  const root = rootIdentifier(e);
  const isHistory = (root !== null && (historyNames.has(root) || HISTORY_NAME.test(root))) || /history|conversation/i.test(text);
  const seg: PromptSegment = { kind: 'dynamic', span: spanOf(e, ctx.sf), text, volatility: 'per-request' };
  if (isHistory) seg.origin = 'history';
  return { role: 'unknown', span: spanOf(e, ctx.sf), segments: [seg] };
}
