// Fixes write TypeScript with single quotes; a file formatted with double quotes (Prettier's default, create-next-app)
// gets its inserted strings in double quotes, so a fix does not leave a formatter diff behind.
import { ts } from './compiler';
import { oncePerText } from '../../core/text';

/** The quote most of the file's plain string literals use (single when tied or when it has none). */
export const preferredQuote = oncePerText((text: string): "'" | '"' => {
  let single = 0;
  let double = 0;
  forEachStringLiteral(text, (raw) => {
    if (raw.startsWith('"')) double++;
    else single++;
  });
  return double > single ? '"' : "'";
});

/** `newText` with its single-quoted string literals double-quoted when the file prefers double quotes. */
export function matchQuoteStyle(fileText: string, newText: string): string {
  if (!newText.includes("'") || preferredQuote(fileText) !== '"') return newText;
  const cuts: Array<{ start: number; end: number; text: string }> = [];
  forEachStringLiteral(newText, (raw, start) => {
    const inner = raw.slice(1, -1);
    // Only what needs no re-escaping: no backslash, no double quote inside.
    if (raw.startsWith("'") && !/["\\]/.test(inner)) cuts.push({ start, end: start + raw.length, text: `"${inner}"` });
  });
  let out = newText;
  for (const c of cuts.reverse()) out = out.slice(0, c.start) + c.text + out.slice(c.end);
  return out;
}

function forEachStringLiteral(text: string, each: (raw: string, start: number) => void): void {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.StringLiteral) each(scanner.getTokenText(), scanner.getTokenStart());
  }
}
