// A tokenizer and parser for nginx's configuration grammar, following ngx_conf_read_token():
// directives are words ended by `;` or a `{ … }` block, `#` starts a comment only at a token start,
// quotes may hold escapes, `${var}` keeps its braces inside a word, and `}` inside a word is part of it.
import type { Span } from '../../core/types';

export interface NginxArg {
  /** The value with quotes removed and escapes resolved. */
  value: string;
  /** The text as written. */
  raw: string;
  span: Span;
  quoted: boolean;
}

export interface NginxDirective {
  name: string;
  nameSpan: Span;
  args: NginxArg[];
  /** From the name through the `;`, or through the block's closing `}`. */
  span: Span;
  /** The directive's head: the name through its last argument. */
  headSpan: Span;
  /** Children of a block directive; null for simple directives. */
  block: NginxDirective[] | null;
  /** `{` through `}` of a block; ends at the end of the text when the brace is missing. */
  blockSpan: Span | null;
  /** The file the directive was read from. */
  file: string;
  /** For `include`: the directives of the included files, when they could be resolved. */
  included?: NginxDirective[];
}

export interface NginxSyntaxError {
  message: string;
  span: Span;
}

export interface NginxParseResult {
  directives: NginxDirective[];
  errors: NginxSyntaxError[];
}

type Token =
  | { type: 'word'; value: string; raw: string; span: Span; quoted: boolean; line: number }
  | { type: ';' | '{' | '}'; span: Span; line: number };

const MAX_ERRORS = 20;

/** Splits nginx configuration text into words and `;` `{` `}` tokens; comments are dropped. */
export function tokenizeNginx(text: string, errors: NginxSyntaxError[] = []): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let line = 0;
  let rawBlockNext = false;
  while (i < n) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v') {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (ch === ';' || ch === '{' || ch === '}') {
      tokens.push({ type: ch, span: { start: i, end: i + 1 }, line });
      i++;
      if (ch === '{' && rawBlockNext) {
        // Lua (OpenResty *_by_lua_block) bodies are not nginx syntax: skip to the matching brace.
        const end = skipRawBlock(text, i);
        for (let k = i; k < end; k++) if (text[k] === '\n') line++;
        i = end;
      }
      rawBlockNext = false;
      continue;
    }
    const start = i;
    if (ch === '"' || ch === "'") {
      const quote = ch;
      let value = '';
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === '\\' && i + 1 < n) {
          const next = text[i + 1];
          if (next === quote || next === '\\') value += next;
          else if (next === 't') value += '\t';
          else if (next === 'r') value += '\r';
          else if (next === 'n') value += '\n';
          else value += c + next;
          if (next === '\n') line++;
          i += 2;
          continue;
        }
        if (c === quote) {
          closed = true;
          i++;
          break;
        }
        if (c === '\n') line++;
        value += c;
        i++;
      }
      if (!closed && errors.length < MAX_ERRORS) errors.push({ message: `Unterminated ${quote === '"' ? 'double' : 'single'}-quoted string`, span: { start, end: Math.min(n, start + 1) } });
      tokens.push({ type: 'word', value, raw: text.slice(start, i), span: { start, end: i }, quoted: true, line });
      continue;
    }
    let value = '';
    let variable = false;
    while (i < n) {
      const c = text[i];
      if (c === '{' && variable) {
        // `${name}`: the braces belong to the variable.
        const close = text.indexOf('}', i);
        const stop = close < 0 ? n : close + 1;
        value += text.slice(i, stop);
        i = stop;
        variable = false;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ';' || c === '{' || c === '\f' || c === '\v') break;
      variable = c === '$';
      if (c === '\\' && i + 1 < n && text[i + 1] !== '\n') {
        value += text[i + 1];
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    tokens.push({ type: 'word', value, raw: text.slice(start, i), span: { start, end: i }, quoted: false, line });
    const prev = tokens.length >= 2 ? tokens[tokens.length - 2] : undefined;
    rawBlockNext = value.endsWith('_by_lua_block') && (!prev || prev.type !== 'word');
  }
  return tokens;
}

/** The offset of the `}` that closes a raw (Lua) block opened just before `from`, honouring Lua strings and comments. */
function skipRawBlock(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
    i++;
  }
  return text.length;
}

/**
 * Drops envsubst placeholders that stand alone on their line (`${ACME_CHALLENGE_LOCATION}` in the nginx image's
 * `*.conf.template` files): each expands to whole directives we cannot see, and is not a directive itself.
 */
function withoutTemplateSlots(tokens: Token[]): Token[] {
  const perLine = new Map<number, number>();
  for (const t of tokens) perLine.set(t.line, (perLine.get(t.line) ?? 0) + 1);
  return tokens.filter((t) => !(t.type === 'word' && !t.quoted && perLine.get(t.line) === 1 && /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(t.value)));
}

interface Frame {
  directive: NginxDirective | null;
  children: NginxDirective[];
  /** Indentation of the line holding the block's opening directive. */
  indent: number;
}

/**
 * Parses nginx configuration into a directive tree with spans. Never throws: unbalanced braces,
 * missing semicolons and stray tokens become errors and the tree is recovered as well as possible.
 */
export function parseNginx(text: string, file = ''): NginxParseResult {
  const strict = parseTokens(text, file, false);
  if (!strict.unclosed) return strict.result;
  // A `}` is missing somewhere. Re-parse closing blocks where the indentation says they end,
  // so the rest of the file keeps its real structure; keep the errors pointing at the open blocks.
  const recovered = parseTokens(text, file, true);
  return recovered.result;
}

function parseTokens(text: string, file: string, indentRecovery: boolean): { result: NginxParseResult; unclosed: boolean } {
  const errors: NginxSyntaxError[] = [];
  const tokens = withoutTemplateSlots(tokenizeNginx(text, errors));
  const root: Frame = { directive: null, children: [], indent: -1 };
  const stack: Frame[] = [root];
  const indents = indentRecovery ? lineIndents(text) : [];
  let indentOfLine: ((offset: number) => number) | null = null;
  const indentAt = (offset: number) => (indentOfLine ??= indentFinder(text, indentRecovery ? indents : lineIndents(text)))(offset);
  let pending: Extract<Token, { type: 'word' }>[] = [];
  let unclosed = false;
  const addError = (message: string, span: Span) => {
    if (errors.length < MAX_ERRORS) errors.push({ message, span });
  };
  const closeFrame = (end: number, closedProperly: boolean) => {
    const frame = stack.pop()!;
    const d = frame.directive!;
    d.span = { start: d.span.start, end };
    d.blockSpan = { start: d.blockSpan!.start, end };
    if (!closedProperly) {
      unclosed = true;
      addError(`Block "${d.name}" is not closed (missing "}")`, d.nameSpan);
    }
  };
  const flush = (end: number | null, terminator: ';' | '{' | null, block: boolean): NginxDirective | null => {
    if (pending.length === 0) return null;
    const [head, ...rest] = pending;
    const last = pending[pending.length - 1];
    const d: NginxDirective = {
      name: head.value,
      nameSpan: head.span,
      args: rest.map((t) => ({ value: t.value, raw: t.raw, span: t.span, quoted: t.quoted })),
      span: { start: head.span.start, end: end ?? last.span.end },
      headSpan: { start: head.span.start, end: last.span.end },
      block: block ? [] : null,
      blockSpan: null,
      file,
    };
    if (terminator === null) addError(`Directive "${d.name}" is not terminated by ";"`, d.nameSpan);
    stack[stack.length - 1].children.push(d);
    pending = [];
    return d;
  };
  for (const tok of tokens) {
    if (tok.type === 'word') {
      if (indentRecovery && pending.length === 0 && stack.length > 1) {
        // A directive starting at or left of an open block's own indentation means that block's `}` is missing.
        const col = indents[tok.line] ?? 0;
        while (stack.length > 1 && isLineStart(text, tok.span.start) && col <= stack[stack.length - 1].indent && childrenIndented(stack[stack.length - 1], indentAt)) {
          closeFrame(previousContentEnd(text, tok.span.start), false);
        }
      }
      pending.push(tok);
      continue;
    }
    if (tok.type === ';') {
      if (pending.length === 0) addError('Unexpected ";"', tok.span);
      else flush(tok.span.end, ';', false);
      continue;
    }
    if (tok.type === '{') {
      if (pending.length === 0) {
        addError('Block without a directive name', tok.span);
        const anon: NginxDirective = {
          name: '',
          nameSpan: tok.span,
          args: [],
          span: { ...tok.span },
          headSpan: { ...tok.span },
          block: [],
          blockSpan: { ...tok.span },
          file,
        };
        stack.push({ directive: anon, children: anon.block!, indent: indentAt(tok.span.start) });
        continue;
      }
      const d = flush(null, '{', true)!;
      d.blockSpan = { start: tok.span.start, end: tok.span.end };
      stack.push({ directive: d, children: d.block!, indent: indentAt(d.span.start) });
      continue;
    }
    // '}'
    if (pending.length > 0) flush(null, null, false);
    if (stack.length === 1) {
      addError('Unexpected "}" (no block is open)', tok.span);
      continue;
    }
    closeFrame(tok.span.end, true);
  }
  if (pending.length > 0) flush(null, null, false);
  while (stack.length > 1) closeFrame(text.length, false);
  return { result: { directives: root.children, errors }, unclosed };
}

function lineIndents(text: string): number[] {
  const out: number[] = [];
  let col = 0;
  let counting = true;
  out.push(0);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      col = 0;
      counting = true;
      out.push(0);
      continue;
    }
    if (counting && (c === ' ' || c === '\t')) {
      col += c === '\t' ? 4 : 1;
      out[out.length - 1] = col;
    } else counting = false;
  }
  return out;
}

/**
 * The indentation of the line holding an offset, answered from the lines' indentations by binary search: one line may
 * hold thousands of blocks, and walking back to its start for each was quadratic.
 */
function indentFinder(text: string, indents: number[]): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return indents[lo] ?? 0;
  };
}

function isLineStart(text: string, offset: number): boolean {
  let s = offset;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  return s === 0 || text[s - 1] === '\n';
}

/** The block's first child is indented deeper than the block itself: the file uses indentation we can trust. */
function childrenIndented(frame: Frame, indentAt: (offset: number) => number): boolean {
  const first = frame.children[0];
  if (!first) return true;
  return indentAt(first.span.start) > frame.indent;
}

function previousContentEnd(text: string, offset: number): number {
  let e = offset;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  return e;
}

/** Seconds in an nginx time value (`60`, `60s`, `1m30s`, `500ms`, `1h`); null when it is not one. */
export function parseNginxTime(value: string): number | null {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, M: 2592000, y: 31536000 };
  const re = /(\d+)(ms|s|m|h|d|w|M|y)/g;
  let total = 0;
  let consumed = 0;
  for (const m of v.matchAll(re)) {
    if (m.index !== consumed) return null;
    total += Number(m[1]) * units[m[2]];
    consumed += m[0].length;
  }
  return consumed === v.length && consumed > 0 ? total : null;
}

/** Depth-first walk over a directive tree, including resolved `include` content; `parents` is outermost first. */
export function walkNginx(
  directives: NginxDirective[],
  visit: (d: NginxDirective, parents: NginxDirective[]) => void,
  parents: NginxDirective[] = [],
): void {
  for (const d of directives) {
    visit(d, parents);
    if (d.included) walkNginx(d.included, visit, parents);
    if (d.block) walkNginx(d.block, visit, [...parents, d]);
  }
}

/** The directives directly inside a block, with `include`d content flattened in place. */
export function directChildren(directives: NginxDirective[]): NginxDirective[] {
  const out: NginxDirective[] = [];
  for (const d of directives) {
    if (d.name === 'include' && d.included) out.push(...directChildren(d.included));
    else out.push(d);
  }
  return out;
}

/** The directive in the tree whose head starts at `offset` in `file`, or undefined. */
export function findDirectiveAt(directives: NginxDirective[], offset: number, file?: string): NginxDirective | undefined {
  let found: NginxDirective | undefined;
  walkNginx(directives, (d) => {
    if (!found && d.nameSpan.start === offset && (file === undefined || d.file === file)) found = d;
  });
  return found;
}
