import type { CodeValue, CodeWriter } from '../../core/code-writer';
import { indentAt, lineBreakOf, lineEndAt, lineStartAt } from '../../core/text';
import type { ArgsFact, OptionFact, TextEdit } from '../../core/types';
import { offsetMapFor, type OffsetMap } from './offsets';
import type { Node } from './extract/syntax';
import { indexUnit, withMirror } from './parser';
import type { MirrorTree } from './mirror';
import { firstPartyFor, joinNewSectionImports, sectionedImportEdit, type FirstParty, type HeaderImport } from './import-sections';
import type { ProjectFiles } from '../../core/front-end';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

function renderString(s: string): string {
  // JSON escapes (\", \\, \n, \uXXXX) mean the same in a Python string literal.
  return JSON.stringify(s);
}

function render(value: CodeValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? 'float("nan")' : value > 0 ? 'float("inf")' : '-float("inf")';
  if (typeof value === 'string') return renderString(value);
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if ('$code' in value && typeof value.$code === 'object' && value.$code !== null && !Array.isArray(value.$code)) {
    const code = (value.$code as Record<string, string>).python;
    if (code === undefined) throw new Error('This fix has no Python form');
    return code;
  }
  const entries = Object.entries(value as Record<string, CodeValue>).map(([k, v]) => `${renderString(k)}: ${render(v)}`);
  return `{${entries.join(', ')}}`;
}

interface ArgScan {
  /** Top-level entries (arguments or dict items) without surrounding whitespace or comments. */
  items: Array<{ start: number; end: number; splat: boolean; generator: boolean }>;
  trailingComma: number | null;
}

/** Splits an argument list's or dict's inside into top-level entries (strings, brackets and comments aware). */
function scanArgs(text: string, start: number, end: number): ArgScan {
  const items: ArgScan['items'] = [];
  let depth = 0;
  let itemStart = -1;
  let lastSignificant = -1;
  let trailingComma: number | null = null;
  let generator = false;
  const close = () => {
    if (itemStart >= 0) {
      const t = text.slice(itemStart, lastSignificant + 1);
      items.push({ start: itemStart, end: lastSignificant + 1, splat: t.startsWith('**'), generator });
    }
    itemStart = -1;
    generator = false;
  };
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '#') {
      while (i < end && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\\') continue;
    if (depth === 0 && c === ',') {
      close();
      trailingComma = i;
      continue;
    }
    if (itemStart < 0) {
      itemStart = i;
      trailingComma = null;
    }
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const q = triple ? c.repeat(3) : c;
      i += q.length;
      while (i < end && !text.startsWith(q, i)) {
        if (text[i] === '\\') i++;
        else if (!triple && (text[i] === '\n' || text[i] === '\r')) break;
        i++;
      }
      i += q.length - 1;
      lastSignificant = Math.min(i, end - 1);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && /[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, Math.min(end, i + 64)))![0];
      if (word === 'for' || word === 'async') generator = true;
      i += word.length - 1;
    }
    lastSignificant = i;
  }
  close();
  return { items, trailingComma };
}

/** `code` (lines broken by \n, \r\n or \r) indented by `indent` and joined with the file's line break `nl`. */
function indentLines(code: string, indent: string, nl: string): string {
  return code
    .split(/\r\n?|\n/)
    .map((l) => (l ? indent + l : l))
    .join(nl);
}

/**
 * Statement spans already found, per version of a file: a call site's fixes (a span, a usage record, a retry guard)
 * each ask for the statement around it, about a thousand times per lint of a big file.
 */
const statementSpans = new WeakMap<MirrorTree, Map<number, { start: number; end: number } | null>>();

/** The statement (a direct child of a block or the module) around an offset, as a span. */
function statementAround(text: string, offset: number, preferEnd: boolean): { start: number; end: number } | null {
  return withMirror(text, (tree) => {
    let known = statementSpans.get(tree);
    if (!known) statementSpans.set(tree, (known = new Map()));
    const key = preferEnd ? -offset - 1 : offset;
    if (known.has(key)) return known.get(key)!;
    const span = statementSpanAt(tree, text, offset, preferEnd);
    known.set(key, span);
    return span;
  });
}

function statementSpanAt(tree: MirrorTree, text: string, offset: number, preferEnd: boolean): { start: number; end: number } | null {
  const offsets = offsetMapFor(text, indexUnit());
  let at = offset;
  if (preferEnd && at > 0 && !/\s/.test(text[at - 1] ?? '')) at--;
  const idx = offsets.fromUtf16(at);
  // The innermost node holding `idx` whose parent is a block or the module.
  const cursor = tree.root.walk();
  try {
    let parentType = cursor.nodeType;
    let found: { startIndex: number; endIndex: number } | null = null;
    while (cursor.gotoFirstChildForIndex(idx)) {
      if (cursor.startIndex > idx) break;
      if (parentType === 'block' || parentType === 'module') found = { startIndex: cursor.startIndex, endIndex: cursor.endIndex };
      parentType = cursor.nodeType;
    }
    return found ? offsets.span(found) : null;
  } finally {
    cursor.delete();
  }
}

/** Edits for Python: keyword arguments, dict literals, statements at the right indentation, imports. */
export const pythonWriter: CodeWriter = {
  language: 'python',
  render,
  lineComment: '#',
  envRead: (name) => `os.environ.get(${renderString(name)})`,
  envReadImports: [['os', []]],

  addOption(args: ArgsFact, key: string, value: CodeValue, text: string): TextEdit[] {
    const region = args.span ?? { start: args.callArgsSpan.start + 1, end: args.callArgsSpan.end - 1 };
    // Keyword arguments: the bag is exactly the inside of the call's parentheses. Otherwise it is a dict literal.
    const keywords = args.callArgsSpan.start === region.start - 1 && args.callArgsSpan.end === region.end + 1;
    const dict = !keywords && text[region.start] === '{';
    const inside = dict ? { start: region.start + 1, end: region.end - 1 } : region;
    const entry = dict ? `${renderString(key)}: ${render(value)}` : IDENT.test(key) && !KEYWORDS.has(key) ? `${key}=${render(value)}` : `**{${renderString(key)}: ${render(value)}}`;
    const { items, trailingComma } = scanArgs(text, inside.start, inside.end);
    if (items.length === 0) {
      const blank = text.slice(inside.start, inside.end).trim() === '';
      return [{ start: inside.start, end: blank ? inside.end : inside.start, newText: entry }];
    }
    if (items.some((i) => i.generator) && !dict && items.length === 1) return [];
    const nl = lineBreakOf(text);
    const openLine = lineStartAt(text, inside.start);
    // Keyword arguments go before `**kwargs`; dict entries go last so they override spread defaults.
    const splat = dict ? undefined : items.find((i) => i.splat);
    if (splat) {
      const ownLine = lineStartAt(text, splat.start) !== openLine && text.slice(lineStartAt(text, splat.start), splat.start).trim() === '';
      return [{ start: splat.start, end: splat.start, newText: ownLine ? `${entry},${nl}${indentAt(text, splat.start)}` : `${entry}, ` }];
    }
    const last = items[items.length - 1];
    const lastLine = lineStartAt(text, last.start);
    const ownLine = lastLine !== openLine && text.slice(lastLine, last.start).trim() === '';
    if (!ownLine) return [{ start: last.end, end: last.end, newText: `, ${entry}` }];
    const indent = indentAt(text, last.start);
    // A comment ending the last argument's line stays with that argument: the new line goes after it.
    const after = trailingComma !== null ? trailingComma + 1 : last.end;
    const eol = lineEndAt(text, after);
    const commented = /^[ \t]*#/.test(text.slice(after, eol));
    if (trailingComma !== null) return [{ start: commented ? eol : after, end: commented ? eol : after, newText: `${nl}${indent}${entry},` }];
    if (commented) return [{ start: last.end, end: last.end, newText: ',' }, { start: eol, end: eol, newText: `${nl}${indent}${entry}` }];
    return [{ start: last.end, end: last.end, newText: `,${nl}${indent}${entry}` }];
  },

  setOption(option: OptionFact, value: CodeValue): TextEdit[] {
    return [{ start: option.value.span.start, end: option.value.span.end, newText: render(value) }];
  },

  insertStatementBefore(text: string, offset: number, code: string): TextEdit {
    const stmt = statementAround(text, offset, false);
    const lineStart = lineStartAt(text, stmt ? stmt.start : offset);
    const indent = indentAt(text, lineStart);
    const nl = lineBreakOf(text);
    return { start: lineStart, end: lineStart, newText: indentLines(code, indent, nl) + nl };
  },

  insertStatementAfter(text: string, offset: number, code: string): TextEdit {
    const stmt = statementAround(text, offset, true);
    const end = lineEndAt(text, stmt ? stmt.end : offset);
    const indent = indentAt(text, stmt ? stmt.start : offset);
    const nl = lineBreakOf(text);
    return { start: end, end, newText: nl + indentLines(code, indent, nl) };
  },

  ensureImport: (text: string, module: string, names: string[]) => ensurePythonImport(text, module, names),
  joinEdits: (_text: string, edits: TextEdit[]) => joinNewSectionImports(edits),
};

/** The writer for the file at `filePath`: it tells the workspace's own packages from installed ones when adding imports. */
export function pythonWriterFor(filePath: string, project: ProjectFiles): CodeWriter {
  const firstParty = firstPartyFor(filePath, project);
  return { ...pythonWriter, ensureImport: (text, module, names) => ensurePythonImport(text, module, names, firstParty) };
}

let importCache: { text: string; firstParty: FirstParty | undefined; answers: Map<string, TextEdit | null> } = { text: '', firstParty: undefined, answers: new Map() };

/**
 * Adds an import of `names` from `module` unless present: in its isort section (standard library or third party, in
 * sorted place when the section is sorted), which needs `firstParty` to tell third-party imports from the project's
 * own; where sections cannot be told apart, after the module's last leading import.
 */
export function ensurePythonImport(text: string, module: string, names: string[], firstParty?: FirstParty): TextEdit | null {
  // Every fix of a lint pass asks the same question of the same text: answer it once.
  if (importCache.text !== text || importCache.firstParty !== firstParty) importCache = { text, firstParty, answers: new Map() };
  const key = `${module}\0${names.join(',')}`;
  if (importCache.answers.has(key)) return importCache.answers.get(key)!;
  const answer = ensureImportUncached(text, module, names, firstParty);
  importCache.answers.set(key, answer);
  return answer;
}

function ensureImportUncached(text: string, module: string, names: string[], firstParty: FirstParty | undefined): TextEdit | null {
  {
    const nl = lineBreakOf(text);
    const line = names.length ? `from ${module} import ${names.join(', ')}` : `import ${module}`;
    const result = withMirror(text, (tree): { edit: TextEdit | null } | 'append' => {
      const offsets = offsetMapFor(text, indexUnit());
      const statements = tree.root.namedChildren.filter((c) => c.type !== 'comment');
      let anchor: Node | null = null;
      let i = 0;
      const first = statements[0];
      if (first?.type === 'expression_statement' && first.firstNamedChild?.type === 'string') {
        anchor = first;
        i = 1;
      }
      const header: Node[] = [];
      for (; i < statements.length; i++) {
        const s = statements[i];
        if (s.type === 'future_import_statement' || s.type === 'import_statement' || s.type === 'import_from_statement') header.push((anchor = s));
        else break;
      }
      for (const s of statements) {
        if (s.type === 'import_statement' && !names.length) {
          for (const n of s.childrenForFieldName('name')) {
            if (n.type === 'dotted_name' && (n.text === module || n.text.startsWith(`${module}.`))) return { edit: null };
          }
        }
        if (s.type === 'import_from_statement' && names.length && s.childForFieldName('module_name')?.text === module) {
          if (s.namedChildren.some((c) => c.type === 'wildcard_import')) continue;
          const imported = s.childrenForFieldName('name');
          const have = new Set(imported.map((n) => (n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text)));
          const missing = names.filter((n) => !have.has(n));
          if (missing.length === 0) return { edit: null };
          const lastName = imported[imported.length - 1];
          if (!lastName) continue;
          const end = offsets.span(lastName).end;
          const stmtEnd = offsets.span(s).end;
          const after = text.slice(end, stmtEnd);
          if (/^\s*,/.test(after)) {
            // A parenthesised list with a trailing comma: one name per line, keep the style.
            const comma = end + after.indexOf(',');
            const multiline = /[\r\n]/.test(text.slice(offsets.span(s).start, stmtEnd));
            const newText = multiline ? missing.map((m) => `${nl}${indentAt(text, offsets.span(lastName).start)}${m},`).join('') : ` ${missing.join(', ')},`;
            return { edit: { start: comma + 1, end: comma + 1, newText } };
          }
          return { edit: { start: end, end, newText: `, ${missing.join(', ')}` } };
        }
      }
      const sectioned = sectionedImportEdit(text, header.map((s) => headerImport(s, offsets)), module, line, nl, firstParty);
      if (sectioned) return { edit: sectioned };
      if (anchor) {
        const at = lineEndAt(text, offsets.span(anchor).end);
        return { edit: { start: at, end: at, newText: nl + line } };
      }
      const firstCode = statements[0];
      if (firstCode) {
        const at = lineStartAt(text, offsets.span(firstCode).start);
        return { edit: { start: at, end: at, newText: line + nl } };
      }
      return 'append';
    });
    if (result && result !== 'append') return result.edit;
    // Empty or comment-only file (or no parser): append.
    const sep = text.length && !/[\r\n]$/.test(text) ? nl : '';
    return { start: text.length, end: text.length, newText: `${sep}${line}${nl}` };
  }
}

/** What a leading import statement imports, for placing a new one in its isort section. */
function headerImport(s: Node, offsets: OffsetMap): HeaderImport {
  const { start, end } = offsets.span(s);
  if (s.type === 'future_import_statement') return { start, end, source: 'future', from: true };
  if (s.type === 'import_from_statement') {
    const from = s.childForFieldName('module_name');
    if (!from || from.type === 'relative_import') return { start, end, source: 'relative', from: true };
    return { start, end, source: [from.text], from: true };
  }
  const names = s.childrenForFieldName('name').map((n) => (n.type === 'aliased_import' ? n.childForFieldName('name') : n)?.text ?? '');
  return { start, end, source: names, from: false };
}
