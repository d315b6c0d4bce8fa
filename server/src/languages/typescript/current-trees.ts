// The front end's current parse tree of each file, found by text, so a quick fix computed on that text places its
// edits in the same tree instead of parsing the file again (a lint builds hundreds of fixes per keystroke).
import type { ts } from './compiler';

const byPath = new Map<string, ts.SourceFile>();
const byText = new Map<string, ts.SourceFile>();

/**
 * Records `sf` as the current tree of `p`. The tree it replaces is dropped: an incremental reparse moves the nodes
 * it reuses, so an older tree must never be read again.
 */
export function publishTree(p: string, sf: ts.SourceFile): void {
  const old = byPath.get(p);
  if (old && byText.get(old.text) === old) byText.delete(old.text);
  byPath.set(p, sf);
  byText.set(sf.text, sf);
}

export function forgetTree(p: string): void {
  const old = byPath.get(p);
  if (!old) return;
  byPath.delete(p);
  if (byText.get(old.text) === old) byText.delete(old.text);
}

/** A current tree whose text is exactly `text`, if the front end holds one. */
export function currentTreeOf(text: string): ts.SourceFile | undefined {
  return byText.get(text);
}
