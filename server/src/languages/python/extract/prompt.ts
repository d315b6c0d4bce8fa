// Prompt parts and their static/dynamic segments, mirroring the TypeScript front end's prompt.ts.
import type { PromptBranch, PromptPart, PromptRole, PromptSegment, Span, Volatility } from '../../../core/types';
import { classifyVolatility, HISTORY_NAME } from '../../../core/volatility';
import { FnInfo, type LocalBinding, type PyFile } from './file-context';
import { resolveExpr } from './resolve';
import { decodeEscapes, literalShape, stringValue } from './strings';
import { callArguments, nodeMemo, unwrap, type Node } from './syntax';
import { isStreamlitScript, runsOncePerSession } from './streamlit';
import { wordRe } from './text-search';
import { numericValue, valueFact } from './values';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);
/** Cohere v1 `chat_history` entries: `{"role": "USER" | "CHATBOT" | "SYSTEM", "message": …}`. */
const COHERE_V1_ROLES: Readonly<Record<string, PromptRole>> = { USER: 'user', CHATBOT: 'assistant', SYSTEM: 'system', TOOL: 'tool' };
const MAX_DEPTH = 4;

type Segments = { segments: PromptSegment[]; source?: PromptPart['source'] };

/** Splits a text-valued expression into static and dynamic segments, following module constants. */
export function segmentsOf(file: PyFile, expr: Node, depth = 0): Segments {
  const e = unwrap(expr);
  const span = file.span(e);
  switch (e.type) {
    case 'string':
      return { segments: stringSegments(file, e) };
    case 'concatenated_string': {
      const parts = e.namedChildren.filter((c) => c.type === 'string').flatMap((c) => stringSegments(file, c));
      if (parts.every((p) => p.kind === 'static')) return { segments: [{ kind: 'static', text: parts.map((p) => (p.kind === 'static' ? p.text : '')).join(''), span }] };
      return { segments: parts };
    }
    case 'binary_operator': {
      const op = e.childForFieldName('operator')?.type;
      const left = e.childForFieldName('left');
      const right = e.childForFieldName('right');
      if (op === '+' && left && right) return { segments: [...segmentsOf(file, left, depth).segments, ...segmentsOf(file, right, depth).segments] };
      if (op === '%' && left && right && unwrap(left).type === 'string') return { segments: percentFormat(file, unwrap(left), right) };
      if (op === '*' && left && right) {
        // "rule. " * 40: static text repeated a literal number of times.
        const [text, count] = unwrap(left).type === 'integer' ? [right, left] : [left, right];
        const n = numericValue(file, count);
        const inner = segmentsOf(file, text, depth);
        if (n !== null && Number.isInteger(n) && n >= 0 && n <= 100_000 && allStatic(inner)) {
          const t = inner.segments.map((x) => (x.kind === 'static' ? x.text : '')).join('');
          if (t.length * n <= 10_000_000) return { segments: [{ kind: 'static', text: t.repeat(n), span }] };
        }
      }
      break;
    }
    case 'call': {
      const s = callSegments(file, e, depth);
      if (s) return s;
      break;
    }
    case 'identifier':
    case 'attribute': {
      // Before constants: resolution reads a local assigned on several paths as its last assignment.
      const c = (e.type === 'identifier' ? assignedOnPaths(file, e, depth) : null) ?? constantSegments(file, e, depth);
      if (c) return c;
      break;
    }
    default:
      break;
  }
  return { segments: [dynamicSegment(file, e)] };
}

/** The pieces of one string literal node: one static piece, or f-string text and fields in order. */
function stringSegments(file: PyFile, s: Node): PromptSegment[] {
  const source = file.src(s);
  const shape = literalShape(source);
  const formatted = !!shape && (shape.prefix.includes('f') || shape.prefix.includes('t'));
  if (!formatted || !s.namedChildren.some((c) => c.type === 'interpolation')) {
    const v = stringValue(s, (n) => file.src(n));
    return [v === null ? dynamicSegment(file, s) : { kind: 'static', text: v, span: file.span(s) }];
  }
  const raw = shape!.prefix.includes('r');
  const out: PromptSegment[] = [];
  for (const c of s.namedChildren) {
    if (c.type === 'string_content') {
      const t = raw ? file.src(c) : decodeEscapes(file.src(c));
      const text = t.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      if (text) out.push({ kind: 'static', text, span: file.span(c) });
    } else if (c.type === 'interpolation') {
      const inner = c.childForFieldName('expression');
      if (!inner) continue;
      const constant = inner.type === 'identifier' || inner.type === 'attribute' ? constantSegments(file, inner, 0) : inner.type === 'call' ? staticCall(file, inner) : null;
      if (constant) out.push(...constant.segments);
      else out.push(withFormatSpec(file, dynamicSegment(file, inner), c));
    }
  }
  // Like a template literal's head and tail, the outer text pieces carry the prefix and quotes.
  const whole = file.span(s);
  const first = out[0];
  const last = out[out.length - 1];
  if (first?.kind === 'static') first.span = { start: whole.start, end: first.span.end };
  if (last?.kind === 'static') last.span = { start: last.span.start, end: whole.end };
  return out;
}

/** `{PROMPT.strip()}` in an f-string: a call whose text is static (a trimmed constant, a helper returning constant text). */
function staticCall(file: PyFile, call: Node): Segments | null {
  const s = callSegments(file, call, 0);
  return s && allStatic(s) ? s : null;
}

/** `"… %s …" % (a, b)`: the literal's text around placeholders, each placeholder a dynamic value. */
function percentFormat(file: PyFile, fmt: Node, args: Node): PromptSegment[] {
  const text = stringValue(fmt, (n) => file.src(n));
  if (text === null) return [dynamicSegment(file, fmt), dynamicSegment(file, args)];
  const a = unwrap(args);
  const values = a.type === 'tuple' ? a.namedChildren.filter((c) => c.type !== 'comment') : [a];
  const out: PromptSegment[] = [];
  const re = /%(\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrifeEgGxXoca%]/g;
  let last = 0;
  let i = 0;
  for (const m of text.matchAll(re)) {
    if (m[0] === '%%') continue;
    if (m.index > last) out.push({ kind: 'static', text: text.slice(last, m.index).replace(/%%/g, '%'), span: file.span(fmt) });
    const v = values[Math.min(i++, values.length - 1)];
    out.push(v ? dynamicSegment(file, v) : dynamicSegment(file, a));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'static', text: text.slice(last).replace(/%%/g, '%'), span: file.span(fmt) });
  return out;
}

/** `"…{x}…".format(x=…)`, `"sep".join([...])`, `textwrap.dedent("…")`, `"…".strip()`. */
function callSegments(file: PyFile, call: Node, depth: number): Segments | null {
  const fn = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  if (!fn) return null;
  if (fn.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text;
    const obj = fn.childForFieldName('object');
    if (!obj) return null;
    const recv = unwrap(obj);
    if (method === 'format') {
      const fmtText = recv.type === 'string' || recv.type === 'concatenated_string' ? stringValue(recv, (n) => file.src(n)) : constantValue(file, recv);
      if (fmtText !== null) return { segments: formatSegments(file, recv, fmtText, args) };
    }
    if (method === 'join' && (recv.type === 'string' || recv.type === 'concatenated_string')) {
      const sep = stringValue(recv, (n) => file.src(n)) ?? '';
      const list = args?.namedChildren.find((c) => c.type !== 'comment');
      if (list && (list.type === 'list' || list.type === 'tuple')) {
        const segs: PromptSegment[] = [];
        list.namedChildren.filter((c) => c.type !== 'comment').forEach((el, i) => {
          if (i > 0 && sep) segs.push({ kind: 'static', text: sep, span: file.span(el) });
          segs.push(...segmentsOf(file, el, depth).segments);
        });
        return { segments: segs };
      }
    }
    if (method === 'strip' || method === 'lstrip' || method === 'rstrip') {
      const inner = segmentsOf(file, recv, depth);
      return allStatic(inner) ? transform(inner, file.span(call), (t) => (method === 'strip' ? t.trim() : method === 'lstrip' ? t.trimStart() : t.trimEnd())) : inner;
    }
  }
  // `"content": system_prompt()` where this module defines `def system_prompt(): return f"Now: {…}…"`.
  if (fn.type === 'identifier' && depth <= MAX_DEPTH) {
    const returned = returnedText(file, fn.text);
    if (returned) return { segments: segmentsOf(file, returned, depth + 1).segments };
    const returns = returnedBranches(file, fn.text);
    if (returns) return { segments: [branched(dynamicSegment(file, call), returns.map((v) => ({ where: returnAt(fn.text, lineOf(file, v), returns.length), segments: segmentsOf(file, v, depth + 1).segments })))] };
  }
  // `build_system_prompt(user)` imported from another module of the workspace (`from app.prompts import …`).
  if ((fn.type === 'identifier' || fn.type === 'attribute') && depth <= MAX_DEPTH) {
    const r = resolveExpr(file, fn);
    const t = r.kind === 'function' ? r.returnsText : undefined;
    if (r.kind === 'function' && t) {
      const helper = { name: r.qualName, path: r.path, params: t.params };
      if (!t.branches) return { segments: importedText(file, call, args, helper, t.segments, depth) };
      // The finding names the helper and its file (`via`): the path needs only the line.
      return { segments: [branched(dynamicSegment(file, call), t.branches.map((b) => ({ where: returnAt('it', b.line, t.branches!.length), segments: importedText(file, call, args, helper, b.segments, depth) })))] };
    }
  }
  const name = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.text;
  if ((name === 'dedent' || name === 'cleandoc') && args) {
    const first = args.namedChildren.find((c) => c.type !== 'comment' && c.type !== 'keyword_argument');
    if (!first) return null;
    const inner = segmentsOf(file, first, depth);
    return allStatic(inner) ? transform(inner, file.span(call), name === 'dedent' ? dedent : (t) => dedent(t).trim()) : inner;
  }
  return null;
}

/**
 * The text a module-level function of this file returns: one `return` of text, after a docstring and plain
 * assignments (`now = datetime.now().isoformat()`), whose names the returned text may read.
 */
function returnedText(file: PyFile, name: string): Node | null {
  const def = file.moduleDefs.get(name);
  if (!def || def.node.type !== 'function_definition') return null;
  const body = def.node.childForFieldName('body');
  const statements = body?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  const docstring = statements[0]?.type === 'expression_statement' && statements[0].firstNamedChild?.type === 'string';
  const rest = docstring ? statements.slice(1) : statements;
  const last = rest[rest.length - 1];
  if (!last || last.type !== 'return_statement') return null;
  if (!rest.slice(0, -1).every((st) => st.type === 'expression_statement' && st.firstNamedChild?.type === 'assignment')) return null;
  const value = last.firstNamedChild;
  return value && buildsText(value) ? value : null;
}

type PlainSegment = { kind: 'static'; text: string } | { kind: 'dynamic'; text: string; volatility: Volatility; origin?: 'history' | 'retrieval' | 'user-input' };

/** What a module-level function returns as text, as plain data another module's call can use (no spans, no nodes). */
export interface ReturnedText {
  params: string[];
  segments: PlainSegment[];
  /** A function with several `return`s of text: what each returns, by line (`segments` is then empty). */
  branches?: Array<{ line: number; segments: PlainSegment[] }>;
}

export function returnedTextOf(file: PyFile, name: string): ReturnedText | null {
  const def = file.moduleDefs.get(name);
  if (!(def instanceof FnInfo)) return null;
  const plain = (value: Node): PlainSegment[] =>
    segmentsOf(file, value, 1).segments.map((s) =>
      s.kind === 'static' ? { kind: 'static' as const, text: s.text } : { kind: 'dynamic' as const, text: s.text, volatility: s.volatility, ...(s.origin ? { origin: s.origin } : {}) },
    );
  const value = returnedText(file, name);
  if (value) return { params: def.params, segments: plain(value) };
  const returns = returnedBranches(file, name);
  return returns ? { params: def.params, segments: [], branches: returns.map((v) => ({ line: lineOf(file, v), segments: plain(v) })) } : null;
}

/**
 * What each `return` of a module-level function with several of them hands back, when they all return text (a literal,
 * a constant, a call) and one at least builds it: `if custom: return f"Now: {…}{BASE}…"` / `return BASE`. Each is a
 * path the prompt may take.
 */
function returnedBranches(file: PyFile, name: string): Node[] | null {
  const def = file.moduleDefs.get(name);
  if (!(def instanceof FnInfo)) return null;
  const returns = def.node.descendantsOfType('return_statement').filter((r) => file.functionAt(r.startIndex) === def);
  if (returns.length < 2) return null;
  const values = returns.map((r) => r.namedChildren.find((c) => c.type !== 'comment') ?? null);
  if (!values.every((v): v is Node => !!v && textLike(v)) || !values.some((v) => buildsText(v))) return null;
  return values;
}

/** A value that may be text: one built here, a name or a call that may hold it. */
function textLike(v: Node): boolean {
  return buildsText(v) || /^(identifier|attribute|call)$/.test(unwrap(v).type);
}

/**
 * `if urgent: system = f"Now: {…}{POLICY}"` / `else: system = POLICY`, then `"content": system`: a local assigned text
 * on several paths before its use, each assignment a path (`None` is no text). A later assignment in a block around an
 * earlier one replaces it, and one that reads the name builds on it: neither is an alternative.
 */
function assignedOnPaths(file: PyFile, id: Node, depth: number): Segments | null {
  if (depth > MAX_DEPTH) return null;
  const fn = file.functionAt(id.startIndex);
  const bindings = fn ? file.bindingsIn(fn).get(id.text) : undefined;
  if (!bindings || bindings.length < 2 || bindings.some((b) => b.kind !== 'assign' || !b.value || b.at > id.startIndex)) return null;
  // The block of `name = value`'s statement: value → assignment → expression_statement → block.
  const replaces = (later: LocalBinding, b: LocalBinding) => {
    const block = later.value!.parent?.parent?.parent;
    return !!block && block.startIndex <= b.at && b.at < block.endIndex;
  };
  const live = bindings.filter((b, i) => !bindings.slice(i + 1).some((later) => replaces(later, b)));
  const texts = live.map((b) => b.value!).filter((v) => unwrap(v).type !== 'none');
  if (texts.length < 2 || !texts.every(textLike) || !texts.some(buildsText) || texts.some((v) => wordRe(id.text).test(file.src(v)))) return null;
  const paths = texts.map((v) => ({ where: `when \`${id.text}\` is assigned at line ${lineOf(file, v)} (one of its ${live.length} assignments)`, segments: segmentsOf(file, v, depth + 1).segments }));
  // Static text on every path is left to constant resolution, as before.
  if (paths.every((p) => p.segments.every((seg) => seg.kind === 'static'))) return null;
  return { segments: [branched(dynamicSegment(file, id), paths)] };
}

function branched(seg: PromptSegment, branches: PromptBranch[]): PromptSegment {
  return seg.kind === 'dynamic' ? { ...seg, branches } : seg;
}

function returnAt(name: string, line: number, count: number): string {
  return `when ${name} returns at line ${line} (one of its ${count} returns)`;
}

function lineOf(file: PyFile, node: Node): number {
  const at = file.span(node).start;
  let line = 1;
  for (let i = file.text.indexOf('\n'); i >= 0 && i < at; i = file.text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Segments of a call to another module's text helper, all at the call: a parameter the text reads becomes the
 * argument passed for it; other values keep what the helper's module said about them and say where they are.
 */
function importedText(file: PyFile, call: Node, args: Node | null, helper: { name: string; path: string; params: string[] }, returned: PlainSegment[], depth: number): PromptSegment[] {
  const span = file.span(call);
  const { name, path } = helper;
  const { keywords, positional, listSplats, dictSplats } = callArguments(args);
  const splats = listSplats.length > 0 || dictSplats.length > 0;
  return returned.flatMap((s): PromptSegment[] => {
    if (s.kind === 'static') return [{ kind: 'static', text: s.text, span }];
    const index = helper.params.indexOf(s.text);
    if (index >= 0) {
      const arg = keywords.find((k) => k.name === s.text)?.value ?? (splats ? undefined : positional[index]);
      if (arg) return segmentsOf(file, arg, depth + 1).segments;
      // A parameter left to its default or passed through a splat: nothing is known about its value.
      return [{ kind: 'dynamic', text: s.text, volatility: 'unknown', span, via: { name, path } }];
    }
    return [{ ...s, span, via: { name, path } }];
  });
}

function allStatic(s: Segments): boolean {
  return s.segments.every((x) => x.kind === 'static');
}

function transform(s: Segments, span: Span, f: (t: string) => string): Segments {
  const text = f(s.segments.map((x) => (x.kind === 'static' ? x.text : '')).join(''));
  return { segments: [{ kind: 'static', text, span: s.source ? s.segments[0].span : span }], source: s.source };
}

/** Python's textwrap.dedent: removes the longest common leading whitespace of non-blank lines. */
function dedent(t: string): string {
  const lines = t.split('\n');
  let common: string | null = null;
  for (const l of lines) {
    if (!l.trim()) continue;
    const ws = /^[ \t]*/.exec(l)![0];
    if (common === null || !ws.startsWith(common)) {
      let i = 0;
      while (common !== null && i < common.length && i < ws.length && common[i] === ws[i]) i++;
      common = common === null ? ws : common.slice(0, i);
    }
  }
  return common ? lines.map((l) => (l.startsWith(common!) ? l.slice(common!.length) : l.trim() ? l : '')).join('\n') : t;
}

/** `{}`, `{0}`, `{name}`, `{name!r:>10}` placeholders mapped to positional and keyword arguments. */
function formatSegments(file: PyFile, fmtNode: Node, fmt: string, args: Node | null): PromptSegment[] {
  const { keywords, positional } = callArguments(args);
  const out: PromptSegment[] = [];
  const fmtSpan = file.span(fmtNode);
  let auto = 0;
  let buf = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '{' && fmt[i + 1] === '{') {
      buf += '{';
      i++;
      continue;
    }
    if (ch === '}' && fmt[i + 1] === '}') {
      buf += '}';
      i++;
      continue;
    }
    if (ch !== '{') {
      buf += ch;
      continue;
    }
    const close = fmt.indexOf('}', i);
    if (close < 0) {
      buf += fmt.slice(i);
      break;
    }
    const field = fmt.slice(i + 1, close).split(/[!:]/)[0].split(/[.[]/)[0];
    if (buf) out.push({ kind: 'static', text: buf, span: fmtSpan });
    buf = '';
    const value = field === '' ? positional[auto++] : /^\d+$/.test(field) ? positional[Number(field)] : keywords.find((k) => k.name === field)?.value;
    out.push(value ? dynamicSegment(file, value) : { kind: 'dynamic', span: fmtSpan, text: field || '{}', volatility: classifyVolatility(field) });
    i = close;
  }
  if (buf) out.push({ kind: 'static', text: buf, span: fmtSpan });
  return out;
}

/** A module-level constant (possibly imported) that holds static text: one static segment at the use. */
function constantSegments(file: PyFile, e: Node, depth: number): Segments | null {
  if (depth > MAX_DEPTH) return null;
  const r = resolveExpr(file, e);
  const span = file.span(e);
  const name = file.src(e);
  if (r.kind === 'string') return { segments: [{ kind: 'static', text: r.value, span }], source: { kind: 'constant', path: r.path, span: r.span, name } };
  if (r.kind !== 'node') return null;
  if (!isModuleLevel(r.file, r.node)) {
    // `system = f"Today is {date}. You are…"` once in the function, then `"content": system`: the prompt is that text,
    // static and dynamic parts alike.
    if (r.file !== file || e.type !== 'identifier' || !file.soleAssignment(e)) return null;
    if (buildsText(r.node)) return { segments: segmentsOf(file, r.node, depth + 1).segments };
    // `system = build_prompt(user)` then `system=system`: what the helper returns, as when the call is written there.
    const value = unwrap(r.node);
    const helper = value.type === 'call' && /^(identifier|attribute)$/.test(value.childForFieldName('function')?.type ?? '') ? callSegments(file, value, depth + 1) : null;
    return helper ? { segments: helper.segments } : null;
  }
  const inner = segmentsOf(r.file, r.node, depth + 1);
  const source = { kind: 'constant' as const, path: r.file.path, span: r.file.span(r.node), name };
  if (allStatic(inner)) {
    const text = inner.segments.map((s) => (s.kind === 'static' ? s.text : '')).join('');
    return { segments: [{ kind: 'static', text, span }], source };
  }
  // A Streamlit script runs its module-level code again on every interaction: a constant of the script built with a
  // timestamp is a new text each time, as when a function builds it (one set once per session is not).
  if (r.file === file && buildsText(r.node) && isStreamlitScript(file) && !runsOncePerSession(r.node)) return { segments: inner.segments };
  // Built once when the module loads: static text, and settings read from the environment (`f"You are {BOT_NAME}"`).
  if (!inner.segments.every((s) => s.kind === 'static' || s.volatility === 'per-process')) return null;
  const segments: PromptSegment[] = [];
  for (const s of inner.segments) {
    const last = segments[segments.length - 1];
    if (s.kind === 'static' && last?.kind === 'static') last.text += s.text;
    else segments.push({ ...s, span });
  }
  return { segments, source };
}

function constantValue(file: PyFile, e: Node): string | null {
  if (e.type !== 'identifier' && e.type !== 'attribute') return null;
  const c = constantSegments(file, e, 0);
  return c ? c.segments.map((s) => (s.kind === 'static' ? s.text : '')).join('') : null;
}

/** Static text of a module-level expression, for summaries of other modules. */
export function constantText(file: PyFile, node: Node): { value: string; span: Span } | null {
  if (!isModuleLevel(file, node)) return null;
  const t = unwrap(node).type;
  if (t !== 'string' && t !== 'concatenated_string' && t !== 'binary_operator' && t !== 'call' && t !== 'identifier' && t !== 'attribute') return null;
  const s = segmentsOf(file, node, 1);
  if (!allStatic(s)) return null;
  return { value: s.segments.map((x) => (x.kind === 'static' ? x.text : '')).join(''), span: file.span(node) };
}

/** Expressions that build text: string literals (f-strings too), concatenations, `%` formatting. */
function buildsText(node: Node): boolean {
  const e = unwrap(node);
  if (e.type === 'string' || e.type === 'concatenated_string') return true;
  if (e.type !== 'binary_operator') return false;
  const op = e.childForFieldName('operator')?.type;
  const left = e.childForFieldName('left');
  const right = e.childForFieldName('right');
  if (op === '%') return !!left && unwrap(left).type === 'string';
  return op === '+' && ((!!left && buildsText(left)) || (!!right && buildsText(right)));
}

function isModuleLevel(file: PyFile, node: Node): boolean {
  if (file.functionAt(node.startIndex)) return false;
  return !file.classAt(node.startIndex);
}

/** `{datetime.now():%Y-%m-%d}`: the format spec says whether a time prints a date only. */
function withFormatSpec(file: PyFile, seg: PromptSegment, interpolation: Node): PromptSegment {
  const spec = interpolation.namedChildren.find((n) => n.type === 'format_specifier');
  if (seg.kind !== 'dynamic' || seg.volatility !== 'time' || !spec) return seg;
  const directives = file.src(spec).replace(/^:/, '');
  return /%/.test(directives) ? { ...seg, volatility: classifyVolatility(`${seg.text}.strftime("${directives.replace(/"/g, '')}")`) } : seg;
}

export function dynamicSegment(file: PyFile, e: Node): PromptSegment {
  const text = file.src(e);
  // A setting read from the environment (`os.environ.get("BOT_NAME", "Claude")`, or a name holding one) is the same on
  // every request of a process, whatever its name says; not when its fallback is computed.
  const env = valueFact(file, e);
  if (env.kind === 'env' && (!env.fallback || env.fallback.kind === 'string' || env.fallback.kind === 'number')) {
    const fallback = env.fallback?.kind === 'string' || env.fallback?.kind === 'number' ? { fallback: String(env.fallback.value) } : {};
    return { kind: 'dynamic', span: file.span(e), text, volatility: 'per-process', ...fallback };
  }
  let volatility = classifyVolatility(text);
  // `stamp = datetime.now().isoformat()` bound once in the function, then `{stamp}`: the value says what it is, before
  // the name does (`today = datetime.now().isoformat()` is a timestamp).
  if (e.type === 'identifier' && volatility !== 'random' && volatility !== 'request-id') {
    const value = file.soleAssignment(e);
    const byValue = value ? classifyVolatility(file.src(value)) : 'per-request';
    if (byValue !== 'per-request') volatility = byValue;
  }
  // `today = date.today()` then `{today.isoformat()}`: a method of a name bound once reads what the name holds
  // (`date.today().isoformat()` is a date, `datetime.now().isoformat()` a timestamp).
  const root = e.type === 'call' ? e.childForFieldName('function')?.childForFieldName('object') : null;
  if (root?.type === 'identifier' && (volatility === 'time' || volatility === 'date')) {
    const value = file.soleAssignment(root);
    if (value) {
      const byValue = classifyVolatility(file.src(value) + text.slice(file.span(root).end - file.span(e).start));
      if (byValue === 'date' || byValue === 'time') volatility = byValue;
    }
  }
  // `{stamp()}` with `def stamp(): return datetime.now().strftime(…)` in this module or imported.
  if (e.type === 'call' && volatility === 'per-request') {
    const callee = e.childForFieldName('function');
    const r = callee && (callee.type === 'identifier' || callee.type === 'attribute') ? resolveExpr(file, callee) : null;
    if (r?.kind === 'function') {
      const own = r.path === file.path ? file.functionNamed(r.qualName) : undefined;
      const byBody = own ? functionBodyVolatility(file, own) : r.bodyVolatility;
      if (byBody) volatility = byBody;
    }
  }
  return { kind: 'dynamic', span: file.span(e), text, volatility };
}

/** What a short function (a few statements) computes, when its body reads a clock or a random source. */
export function functionBodyVolatility(file: PyFile, fn: FnInfo): Volatility | undefined {
  const body = fn.node.childForFieldName('body');
  if (!body || body.namedChildren.filter((c) => c.type !== 'comment').length > 5) return undefined;
  const text = file.src(body);
  if (text.length > 600) return undefined;
  const v = classifyVolatility(text);
  return v === 'per-request' ? undefined : v;
}

/** A part whose content is the given expression (a string or content blocks). */
export function partFromContent(file: PyFile, role: PromptRole, content: Node, partNode: Node): PromptPart {
  const c = unwrap(content);
  // `system=SYSTEM_BLOCKS`: a module's list of content blocks, read where it is written when the name is used only
  // there and as other calls' `system`: anything else (a helper given the list, a subscript) may add a marker to it.
  if (c.type === 'identifier') {
    const r = resolveExpr(file, c);
    if (r.kind === 'node' && r.file === file && r.node.type === 'list' && onlyDefinedAndSent(file, c.text, file.span(r.node).start)) {
      const part = partFromContent(file, role, r.node, partNode);
      part.source = { kind: 'constant', path: file.path, span: file.span(r.node), name: c.text };
      return part;
    }
  }
  if (c.type === 'list') {
    // Content blocks: [{"type": "text", "text": "…", "cache_control": {...}}]
    const segments: PromptSegment[] = [];
    let cacheControl = false;
    for (const el of c.namedChildren) {
      if (el.type === 'comment') continue;
      const block = unwrap(el);
      if (block.type === 'dictionary') {
        // Bedrock Converse marks the end of a cached prefix with a block of its own: `{"cachePoint": {"type": "default"}}`.
        if (dictValue(file, block, 'cachePoint') && !dictValue(file, block, 'text')) {
          cacheControl = true;
          continue;
        }
        const text = dictValue(file, block, 'text');
        if (dictValue(file, block, 'cache_control')) cacheControl = true;
        if (text) segments.push(...segmentsOf(file, text).segments);
        else segments.push(dynamicSegment(file, block));
      } else segments.push(...segmentsOf(file, block).segments);
    }
    return { role, span: file.span(partNode), segments, cacheControl };
  }
  const { segments, source } = segmentsOf(file, c);
  const part: PromptPart = { role, span: file.span(partNode), segments };
  if (source) part.source = source;
  return part;
}

/** Every mention of `name` is its definition (`NAME = [` before `valueStart`) or a `system=NAME` / `"system": NAME`. */
function onlyDefinedAndSent(file: PyFile, name: string, valueStart: number): boolean {
  return file.occurrences(name).every((at) => {
    const end = at + name.length;
    if (at < valueStart && /^\s*(?::[^=\n]*)?=\s*$/.test(file.text.slice(end, valueStart))) return true;
    return /(?:\bsystem\s*=|["']system["']\s*:)\s*$/.test(file.text.slice(Math.max(0, at - 40), at));
  });
}

/** `a + b` where one side is a list literal (or such a concatenation itself). */
function isListConcatenation(e: Node): boolean {
  if (e.type !== 'binary_operator' || e.childForFieldName('operator')?.type !== '+') return false;
  const left = e.childForFieldName('left');
  const right = e.childForFieldName('right');
  const literal = (n: Node | null) => !!n && (unwrap(n).type === 'list' || isListConcatenation(unwrap(n)));
  return !!left && !!right && (literal(left) || literal(right));
}

/** A dict literal's value for a string key. */
export function dictValue(file: PyFile, dict: Node, key: string): Node | null {
  return dictEntries(dict, file).get(key) ?? null;
}

/** A dict literal's string keys (the first of a repeated key), read once per dict. */
const dictEntries = nodeMemo((dict: Node, file: PyFile) => {
  const out = new Map<string, Node | null>();
  for (const p of dict.namedChildren) {
    if (p.type !== 'pair') continue;
    const k = p.childForFieldName('key');
    const name = k ? stringValue(unwrap(k), (n) => file.src(n)) : null;
    if (name !== null && !out.has(name)) out.set(name, p.childForFieldName('value'));
  }
  return out;
});

/** Parts from a messages list: dicts, LangChain tuples and message classes, `*spread`s. */
export function partsFromMessages(file: PyFile, expr: Node, historyNames: Set<string>): PromptPart[] {
  const e = unwrap(expr);
  if (e.type !== 'list' && e.type !== 'tuple') {
    // A variable holding a list literal in the same file: follow it once.
    if (e.type === 'identifier') {
      const r = resolveExpr(file, e);
      if (r.kind === 'node' && r.file === file && (r.node.type === 'list' || isListConcatenation(r.node))) {
        const parts = partsFromMessages(file, r.node, historyNames);
        // `messages = [system]` then `messages.append(…)` / `messages += …`: what is added before the call is sent too.
        const between = file.text.slice(file.span(r.node).end, file.span(e).start);
        if (new RegExp(`(?<![\\w.])${e.text}\\s*(\\.\\s*(append|extend|insert)\\s*\\(|\\+=)`).test(between)) parts.push(opaquePart(file, e, historyNames));
        return parts;
      }
    }
    if (e.type === 'string' || e.type === 'concatenated_string') return [partFromContent(file, 'user', e, e)];
    // `[system] + history + [user]`: the lists in order, when one of them is a literal (else it may be anything).
    if (isListConcatenation(e)) return [...partsFromMessages(file, e.childForFieldName('left')!, historyNames), ...partsFromMessages(file, e.childForFieldName('right')!, historyNames)];
    return [opaquePart(file, e, historyNames)];
  }
  const parts: PromptPart[] = [];
  for (const el of e.namedChildren) {
    if (el.type === 'comment') continue;
    const m = unwrap(el);
    if (m.type === 'list_splat') {
      const inner = m.namedChildren.find((c) => c.type !== 'comment');
      if (inner) parts.push(opaquePart(file, inner, historyNames));
    } else if (m.type === 'dictionary') {
      const roleNode = dictValue(file, m, 'role');
      const roleText = roleNode ? stringValue(unwrap(roleNode), (n) => file.src(n)) : null;
      const cohere = roleText !== null && Object.hasOwn(COHERE_V1_ROLES, roleText) ? COHERE_V1_ROLES[roleText] : null;
      const role = cohere ?? (roleText && ROLES.has(roleText) ? (roleText as PromptRole) : 'unknown');
      const content = dictValue(file, m, 'content') ?? dictValue(file, m, 'parts') ?? (cohere ? dictValue(file, m, 'message') : null);
      if (content) {
        const part = partFromContent(file, role, content, m);
        if (dictValue(file, m, 'cache_control')) part.cacheControl = true;
        parts.push(part);
      } else parts.push({ role, span: file.span(m), segments: [dynamicSegment(file, m)] });
    } else if (m.type === 'tuple' && m.namedChildren.filter((c) => c.type !== 'comment').length === 2) {
      // LangChain ("system", "…") tuples
      const [r, content] = m.namedChildren.filter((c) => c.type !== 'comment');
      const rt = stringValue(unwrap(r), (n) => file.src(n));
      parts.push(partFromContent(file, rt ? langchainRole(rt) : 'unknown', content, m));
    } else if (m.type === 'call' && /Message$/.test(calleeLast(m))) {
      // SystemMessage("…") / HumanMessage(content=x)
      const role = langchainRole(calleeLast(m).replace(/Message$/, '').toLowerCase());
      const { keywords, positional } = callArguments(m.childForFieldName('arguments'));
      const content = keywords.find((k) => k.name === 'content')?.value ?? positional[0];
      parts.push(content ? partFromContent(file, role, content, m) : { role, span: file.span(m), segments: [dynamicSegment(file, m)] });
    } else if (m.type === 'string' || m.type === 'concatenated_string') {
      // google-genai `contents=["Explain …", image]`: a string item is a user text part.
      parts.push(partFromContent(file, 'user', m, m));
    } else {
      parts.push(opaquePart(file, m, historyNames));
    }
  }
  return parts;
}

function calleeLast(call: Node): string {
  const fn = call.childForFieldName('function');
  if (!fn) return '';
  return fn.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : fn.text;
}

function langchainRole(r: string): PromptRole {
  if (r === 'system') return 'system';
  if (r === 'human' || r === 'user') return 'user';
  if (r === 'ai' || r === 'assistant') return 'assistant';
  if (r === 'tool' || r === 'function') return 'tool';
  return 'unknown';
}

/** A part whose content is only known at run time (a variable, a spread, a call). */
export function opaquePart(file: PyFile, e: Node, historyNames: Set<string>): PromptPart {
  const text = file.src(e);
  const root = rootName(e);
  const isHistory = (root !== null && (historyNames.has(root) || HISTORY_NAME.test(root))) || /history|conversation/i.test(text);
  const seg: PromptSegment = { kind: 'dynamic', span: file.span(e), text, volatility: 'per-request' };
  if (isHistory) seg.origin = 'history';
  return { role: 'unknown', span: file.span(e), segments: [seg] };
}

function rootName(e: Node): string | null {
  let x = unwrap(e);
  for (;;) {
    if (x.type === 'attribute' || x.type === 'call' || x.type === 'subscript') {
      const next = x.childForFieldName(x.type === 'attribute' ? 'object' : x.type === 'call' ? 'function' : 'value');
      if (!next) return null;
      x = unwrap(next);
    } else break;
  }
  return x.type === 'identifier' ? x.text : null;
}
