// Shared set-up for the Python front-end tests: an in-memory workspace and tree checks.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ProjectFiles } from '../../server/src/core/front-end';
import type { FileFacts, LlmCallSite, Span } from '../../server/src/core/types';
import { createPythonFrontEnd, initPython } from '../../server/src/languages/python/front-end';
import { pythonSyntaxError } from '../../server/src/languages/python/parser';

export const ROOT = path.resolve('/ws');

export { initPython };

/** An in-memory workspace: absolute paths under /ws, versions bumped on every change. */
export class MemoryProject implements ProjectFiles {
  readonly root = '';
  private readonly files = new Map<string, { text: string; version: number }>();
  private next = 1;

  constructor(files: Record<string, string> = {}) {
    for (const [p, t] of Object.entries(files)) this.set(p, t);
  }

  abs(p: string): string {
    return path.isAbsolute(p) ? p : path.join(ROOT, p);
  }

  set(p: string, text: string): string {
    const a = this.abs(p);
    this.files.set(a, { text, version: this.next++ });
    return a;
  }

  text(p: string): string | undefined {
    return this.files.get(p)?.text;
  }

  version(p: string): number | undefined {
    return this.files.get(p)?.version;
  }

  has(p: string): boolean {
    return this.files.has(p);
  }

  paths(): Iterable<string> {
    return this.files.keys();
  }
}

/** Facts of `entry` (default: the first file) in a fresh front end over the given files. */
export function analyze(files: Record<string, string>, entry?: string): FileFacts {
  const project = new MemoryProject(files);
  const fe = createPythonFrontEnd();
  const p = project.abs(entry ?? Object.keys(files)[0]);
  return fe.analyze(p, project.text(p)!, project);
}

/** Facts of one snippet saved as /ws/app/main.py. */
export function analyzeSnippet(code: string, name = 'app/main.py'): FileFacts {
  return analyze({ [name]: code });
}

/** The source text a span covers. */
export function slice(facts: { text: string }, span: Span | undefined): string {
  assert.ok(span, 'span expected');
  return facts.text.slice(span.start, span.end);
}

/** The only call site (fails when there is not exactly one). */
export function onlySite(facts: FileFacts): LlmCallSite {
  assert.equal(facts.callSites.length, 1, `expected one call site, got ${facts.callSites.map((c) => c.method).join(', ') || 'none'}`);
  return facts.callSites[0];
}

/** Asserts the text parses without ERROR or MISSING nodes. */
export function assertParses(text: string): void {
  assert.equal(pythonSyntaxError(text), null, `output does not parse:\n${text}`);
}

/** Call sites without the fields that depend on positions, for comparing two analyses. */
export function comparable(facts: FileFacts): unknown {
  return JSON.parse(JSON.stringify({ ...facts, text: undefined }));
}
