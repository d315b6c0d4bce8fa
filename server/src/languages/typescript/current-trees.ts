// The front end's current parse tree of each file, found by text, so a quick fix computed on that text places its
// edits in the same tree instead of parsing the file again (a lint builds hundreds of fixes per keystroke).
//
// The trees belong to the workspaces that parsed them: this index holds them weakly, so a workspace that is dropped
// (an engine replaced, one of the thousands a test run makes) takes its trees with it instead of leaving them here.
import type { ts } from './compiler';

const byPath = new Map<string, WeakRef<ts.SourceFile>>();
const byText = new Map<string, WeakRef<ts.SourceFile>>();

/** Drops the entries of a tree the garbage collector took (unless a newer tree has replaced them since). */
const collected = new FinalizationRegistry<{ path: string; text: string }>(({ path, text }) => {
  if (byPath.get(path)?.deref() === undefined) byPath.delete(path);
  if (byText.get(text)?.deref() === undefined) byText.delete(text);
});

/**
 * Records `sf` as the current tree of `p`. The tree it replaces is dropped: an incremental reparse moves the nodes
 * it reuses, so an older tree must never be read again.
 */
export function publishTree(p: string, sf: ts.SourceFile): void {
  const old = byPath.get(p)?.deref();
  if (old && byText.get(old.text)?.deref() === old) byText.delete(old.text);
  const ref = new WeakRef(sf);
  byPath.set(p, ref);
  byText.set(sf.text, ref);
  collected.register(sf, { path: p, text: sf.text });
}

export function forgetTree(p: string): void {
  const old = byPath.get(p)?.deref();
  byPath.delete(p);
  if (old && byText.get(old.text)?.deref() === old) byText.delete(old.text);
}

/** A current tree whose text is exactly `text`, if the front end holds one. */
export function currentTreeOf(text: string): ts.SourceFile | undefined {
  return byText.get(text)?.deref();
}
