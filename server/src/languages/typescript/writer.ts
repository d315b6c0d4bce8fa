import { ts } from './compiler';
import type { CodeValue, CodeWriter } from '../../core/code-writer';
import { indentAt, lineBreakOf, lineEndAt } from '../../core/text';
import type { ArgsFact, OptionFact, TextEdit } from '../../core/types';
import { currentTreeOf } from './current-trees';
import { matchQuoteStyle } from './quote-style';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function render(value: CodeValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if ('$code' in value && typeof value.$code === 'object' && value.$code !== null && !Array.isArray(value.$code)) {
    const code = (value.$code as Record<string, string>).typescript;
    if (code !== undefined) return code;
  }
  const entries = Object.entries(value as Record<string, CodeValue>).map(([k, v]) => `${IDENT.test(k) ? k : render(k)}: ${render(v)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

/** Edits for TypeScript and JavaScript. */
export const typescriptWriter: CodeWriter = {
  language: 'typescript',
  render,
  lineComment: '//',
  envRead: (name) => `process.env.${name}`,
  envReadImports: [],
  matchFileStyle: matchQuoteStyle,

  addOption(args: ArgsFact, key: string, value: CodeValue, text: string): TextEdit[] {
    const entry = `${IDENT.test(key) ? key : render(key)}: ${render(value)}`;
    if (!args.span) {
      // No options object: `new OpenAI()` → `new OpenAI({ timeout: … })`. Only when the call has no arguments.
      // `new OpenAI` without parentheses has no argument list to fill.
      if (text[args.callArgsSpan.start] !== '(' || args.callArgsSpan.end - args.callArgsSpan.start < 2) return [];
      const inside = text.slice(args.callArgsSpan.start + 1, args.callArgsSpan.end - 1);
      if (inside.trim() !== '') return [];
      return [{ start: args.callArgsSpan.start + 1, end: args.callArgsSpan.end - 1, newText: `{ ${entry} }` }];
    }
    const objText = text.slice(args.span.start, args.span.end);
    const inner = objText.slice(1, -1);
    if (inner.trim() === '') return [{ start: args.span.start, end: args.span.end, newText: `{ ${entry} }` }];
    // Only comments inside (`{\n  // baseURL: … // default\n}`): the entry goes before the closing brace, and the
    // comments stay.
    // Options assigned to the object after it was declared (`opts.baseURL = …`) are not entries of the literal.
    const span = args.span;
    const entries = Object.values(args.options).filter((o) => o.span.start >= span.start && o.span.end <= span.end);
    if (!args.hasSpread && entries.length === 0 && !hasProperties(objText)) {
      const close = args.span.end - 1;
      if (!inner.includes('\n')) return [{ start: close, end: close, newText: `${/\s$/.test(inner) ? '' : ' '}${entry} ` }];
      const nl = lineBreakOf(text);
      const closeLineStart = text.lastIndexOf('\n', close - 1) + 1;
      const firstInner = inner.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
      const indent = /^[ \t]*/.exec(firstInner)![0] || `${indentAt(text, close)}  `;
      // The closing brace on a line of its own: a new line above it; else before it on the same line.
      if (text.slice(closeLineStart, close).trim() === '') return [{ start: closeLineStart, end: closeLineStart, newText: `${indent}${entry},${nl}` }];
      return [{ start: close, end: close, newText: `${nl}${indent}${entry},${nl}` }];
    }
    // The last entry's end: from the facts when every entry is a plain option, else by parsing the literal.
    const ends = entries.map((o) => o.span.end);
    const lastEnd = !args.hasSpread && ends.length ? Math.max(...ends) : args.span.start + lastPropertyEnd(objText);
    if (!inner.includes('\n')) return [{ start: lastEnd, end: lastEnd, newText: `, ${entry}` }];
    const nl = lineBreakOf(text);
    // Indented like the last entry's first line: a multi-line value ends deeper (`prompt:\n      \`…\` + (x ? … : …)`).
    const lastEntry = !args.hasSpread ? entries.find((o) => o.span.end === lastEnd) : undefined;
    const indent = indentAt(text, lastEntry?.span.start ?? lastEnd);
    const hasTrailingComma = text[lastEnd] === ',';
    let lineEnd = text.indexOf('\n', lastEnd);
    if (lineEnd < 0 || lineEnd > args.span.end) lineEnd = lastEnd + (hasTrailingComma ? 1 : 0);
    else if (text[lineEnd - 1] === '\r') lineEnd--;
    // A comment or the closing brace may follow the last entry on its line: put the new entry on its own line.
    const rest = text.slice(lastEnd + (hasTrailingComma ? 1 : 0), lineEnd);
    const at = /^\s*(\/\/.*|\/\*.*\*\/\s*)$/.test(rest) ? lineEnd : lastEnd + (hasTrailingComma ? 1 : 0);
    const edits: TextEdit[] = [];
    if (!hasTrailingComma) edits.push({ start: lastEnd, end: lastEnd, newText: ',' });
    edits.push({ start: at, end: at, newText: `${nl}${indent}${entry}${hasTrailingComma ? ',' : ''}` });
    // Two insertions at the same offset keep their order when applied.
    return edits.length === 2 && edits[0].start === edits[1].start ? [{ start: lastEnd, end: lastEnd, newText: edits[0].newText + edits[1].newText }] : edits;
  },

  setOption(option: OptionFact, value: CodeValue): TextEdit[] {
    return [{ start: option.value.span.start, end: option.value.span.end, newText: render(value) }];
  },

  insertStatementBefore(text: string, offset: number, code: string): TextEdit {
    const stmtStart = statementStart(text, offset);
    const indent = indentAt(text, stmtStart);
    const nl = lineBreakOf(text);
    const lineStart = stmtStart - indent.length;
    return { start: lineStart, end: lineStart, newText: code.split(/\r\n?|\n/).map((l) => (l ? indent + l : l)).join(nl) + nl };
  },

  insertStatementAfter(text: string, offset: number, code: string): TextEdit {
    const nl = lineBreakOf(text);
    const stmt = statementAt(text, offset);
    // A statement spread over lines (`const r = await x\n    .create(…)\n    .catch(…);`) ends on a deeper line: indent
    // like the statement's first line.
    const indent = indentAt(text, stmt?.start ?? offset);
    const [first, ...rest] = code.split(/\r\n?|\n/);
    const more = rest.map((l) => nl + (l ? indent + l : l)).join('');
    const end = stmt?.end ?? offset;
    const lineEnd = lineEndAt(text, end);
    // Nothing but comments after the statement on its line: the new statement goes on a line of its own. Otherwise
    // (`{ const g = await f(); return g; }` on one line) right after the statement, so it stays in the same block.
    if (!stmt || /^\s*(\/\*.*?\*\/\s*)*(\/\/.*)?$/.test(text.slice(end, lineEnd))) return { start: lineEnd, end: lineEnd, newText: nl + (first ? indent + first : first) + more };
    return { start: end, end, newText: `${text[end - 1] === ';' ? '' : ';'} ${first}${more}` };
  },

  ensureImport(text: string, module: string, names: string[]): TextEdit | null {
    const sf = parsedForEdits(text, ts.ScriptKind.TS);
    let lastImportEnd = -1;
    for (const stmt of sf.statements) {
      if (ts.isImportDeclaration(stmt)) {
        lastImportEnd = stmt.end;
        if (ts.isStringLiteral(stmt.moduleSpecifier) && stmt.moduleSpecifier.text === module) {
          const nb = stmt.importClause?.namedBindings;
          if (nb && ts.isNamedImports(nb)) {
            const have = new Set(nb.elements.map((e) => e.name.text));
            const missing = names.filter((n) => !have.has(n));
            if (missing.length === 0) return null;
            const last = nb.elements[nb.elements.length - 1];
            return last ? { start: last.end, end: last.end, newText: `, ${missing.join(', ')}` } : { start: nb.getStart(sf) + 1, end: nb.getStart(sf) + 1, newText: ` ${missing.join(', ')} ` };
          }
        }
      }
    }
    const nl = lineBreakOf(text);
    if (lastImportEnd < 0 && isCommonJs(sf)) return requireEdit(sf, module, names, nl);
    const line = `import { ${names.join(', ')} } from '${module}';`;
    if (lastImportEnd >= 0) return { start: lastImportEnd, end: lastImportEnd, newText: nl + line };
    return atTop(sf, line, nl);
  },
};

/**
 * A CommonJS module: `require(…)` or `module.exports` and no import or export declaration. An `import` added to it makes
 * Node read the file as an ES module, where `require` is not defined.
 */
function isCommonJs(sf: ts.SourceFile): boolean {
  if (sf.statements.some((st) => ts.isImportDeclaration(st) || ts.isExportDeclaration(st) || ts.isExportAssignment(st) || (ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)))) return false;
  return /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w+\s*=/.test(sf.text);
}

/** The top-level `require(module)` call a statement makes: `const x = require('m')`, `const { a } = require('m')`. */
function requireOf(st: ts.Statement): { call: ts.CallExpression; decl: ts.VariableDeclaration } | null {
  if (!ts.isVariableStatement(st) || st.declarationList.declarations.length !== 1) return null;
  const decl = st.declarationList.declarations[0];
  const init = decl.initializer;
  if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require') return null;
  return ts.isStringLiteral(init.arguments[0] ?? init) ? { call: init, decl } : null;
}

/** `const { names } = require('module');`: added to an existing destructuring of the module, or after the last require. */
function requireEdit(sf: ts.SourceFile, module: string, names: string[], nl: string): TextEdit | null {
  let lastRequireEnd = -1;
  for (const st of sf.statements) {
    const r = requireOf(st);
    if (!r) continue;
    lastRequireEnd = st.end;
    if ((r.call.arguments[0] as ts.StringLiteral).text !== module || !ts.isObjectBindingPattern(r.decl.name)) continue;
    const have = new Set(r.decl.name.elements.map((e) => (ts.isIdentifier(e.name) ? e.name.text : '')));
    const missing = names.filter((n) => !have.has(n));
    if (missing.length === 0) return null;
    const last = r.decl.name.elements[r.decl.name.elements.length - 1];
    return last ? { start: last.end, end: last.end, newText: `, ${missing.join(', ')}` } : null;
  }
  const line = `const { ${names.join(', ')} } = require('${module}');`;
  if (lastRequireEnd >= 0) return { start: lastRequireEnd, end: lastRequireEnd, newText: nl + line };
  return atTop(sf, line, nl);
}

/** A line of its own at the top of a module: after a leading directive (`'use strict'`, `'use server'`) or shebang. */
function atTop(sf: ts.SourceFile, line: string, nl: string): TextEdit {
  const first = sf.statements[0];
  if (first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression)) return { start: first.end, end: first.end, newText: nl + line };
  const at = sf.text.startsWith('#!') ? sf.text.indexOf('\n') + 1 : 0;
  return { start: at, end: at, newText: line + nl };
}

/** An object literal's text parsed on its own (null when it does not parse as one). */
function objectLiteralOf(objText: string): ts.ObjectLiteralExpression | null {
  const sf = ts.createSourceFile('x.ts', `(${objText})`, ts.ScriptTarget.Latest, false);
  const stmt = sf.statements[0];
  return stmt && ts.isExpressionStatement(stmt) && ts.isParenthesizedExpression(stmt.expression) && ts.isObjectLiteralExpression(stmt.expression.expression) ? stmt.expression.expression : null;
}

/** Whether an object literal's text has any property (comments alone are none). */
function hasProperties(objText: string): boolean {
  return objectLiteralOf(objText)?.properties.length !== 0;
}

/** Offset, within an object literal's text, just after its last property (before any comma). */
function lastPropertyEnd(objText: string): number {
  const props = objectLiteralOf(objText)?.properties;
  // The parsed text is wrapped in parentheses: offsets in it are one past the literal's own.
  return props?.length ? props[props.length - 1].end - 1 : objText.length - 1;
}

/** The start of the statement (not nested in an expression) containing `offset`. */
function statementStart(text: string, offset: number): number {
  const sf = parsedForEdits(text, ts.ScriptKind.TS);
  let best = 0;
  const visit = (n: ts.Node): void => {
    // `pos` (before leading trivia) rules most nodes out without computing a start, which scans the trivia.
    if (offset < n.pos || offset >= n.end) return;
    const start = n.getStart(sf);
    if (start <= offset) {
      if (ts.isStatement(n) && (ts.isBlock(n.parent) || ts.isSourceFile(n.parent) || ts.isCaseClause(n.parent))) best = start;
      ts.forEachChild(n, visit);
    }
  };
  ts.forEachChild(sf, visit);
  return best;
}

/** The span of the innermost statement (not a block) containing `offset`, or null. */
function statementAt(text: string, offset: number): { start: number; end: number } | null {
  const sf = parsedForEdits(text, ts.ScriptKind.TSX);
  let found: { start: number; end: number } | null = null;
  const visit = (n: ts.Node): void => {
    if (offset < n.pos || offset >= n.end) return;
    const start = n.getStart(sf);
    if (offset < start) return;
    if (ts.isStatement(n) && !ts.isBlock(n)) found = { start, end: n.end };
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf, visit);
  return found;
}

/**
 * A parse of the whole file for placing edits, shared by every fix computed on the same text: a lint pass builds
 * hundreds of fixes on one version of a file, and parsing it once per fix made that quadratic.
 */
const editParses = new Map<ts.ScriptKind, { text: string; sf: ts.SourceFile }>();
function parsedForEdits(text: string, kind: ts.ScriptKind): ts.SourceFile {
  // The front end's tree of the file, parsed with the file's own script kind, is the best one to place edits in.
  const current = currentTreeOf(text);
  if (current) return current;
  const hit = editParses.get(kind);
  if (hit && hit.text === text) return hit.sf;
  const sf = ts.createSourceFile(kind === ts.ScriptKind.TSX ? 'x.tsx' : 'x.ts', text, ts.ScriptTarget.Latest, true, kind);
  editParses.set(kind, { text, sf });
  return sf;
}
