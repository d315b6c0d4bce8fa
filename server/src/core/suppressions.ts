import { LineIndex } from './text';
import type { Finding, LanguageId } from './types';

const DIRECTIVE = /llm-infra-lint-disable-(next-line|file)\b([^\n\r]*)/g;

export interface Suppressions {
  /** Rule ids disabled for the whole file ('*' = all). */
  file: Set<string>;
  /** 0-based line → rule ids disabled on it ('*' = all). */
  lines: Map<number, Set<string>>;
}

/** Comment markers per language; nginx, YAML, dotenv and Python all use '#'. */
export function commentPrefix(language: LanguageId): string {
  return language === 'typescript' || language === 'javascript' ? '//' : '#';
}

/** Reads suppression comments. Only directives inside a comment count (after `//`, `#`, or inside block comments). */
export function parseSuppressions(text: string, language: LanguageId, index = new LineIndex(text)): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map() };
  if (!text.includes('llm-infra-lint-disable')) return result;
  const marker = commentPrefix(language);
  for (const m of text.matchAll(DIRECTIVE)) {
    const at = m.index ?? 0;
    const { line } = index.position(at);
    const before = text.slice(index.lineStart(line), at);
    const inComment = before.includes(marker) || (marker === '//' && (before.includes('/*') || /^\s*\*/.test(before)));
    if (!inComment) continue;
    const ids = parseIds(m[2]);
    if (m[1] === 'file') ids.forEach((id) => result.file.add(id));
    else {
      const set = result.lines.get(line + 1) ?? new Set<string>();
      ids.forEach((id) => set.add(id));
      result.lines.set(line + 1, set);
    }
  }
  return result;
}

function parseIds(rest: string): string[] {
  // Text after ` -- ` is a justification, as in ESLint.
  const cleaned = rest.split(/\s--\s|\*\//)[0];
  const ids = cleaned.split(/[\s,]+/).filter((s) => /^[a-z][a-z0-9-]*$/.test(s));
  return ids.length > 0 ? ids : ['*'];
}

export function isSuppressed(s: Suppressions, finding: Pick<Finding, 'ruleId' | 'span'>, index: LineIndex): boolean {
  if (s.file.has('*') || s.file.has(finding.ruleId)) return true;
  const line = index.position(finding.span.start).line;
  const ids = s.lines.get(line);
  return !!ids && (ids.has('*') || ids.has(finding.ruleId));
}
