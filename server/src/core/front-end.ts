import type { CodeWriter } from './code-writer';
import type { FileFacts, LanguageId } from './types';

/** Files larger than this are skipped with a note: they are generated or data, and would stall the editor. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Read access to the files the engine knows, for front ends that resolve across files. */
export interface ProjectFiles {
  root: string;
  /** Current text of a known file, or undefined. */
  text(path: string): string | undefined;
  /** Version stamp of a known file (changes whenever its text does). */
  version(path: string): number | undefined;
  has(path: string): boolean;
  paths(): Iterable<string>;
  /** Changes whenever a file is added or removed (not when one is edited): resolutions of paths may be kept until then. */
  fileSetVersion?(): number;
  /** Changes whenever any file's text changes or a file is added or removed: indexes over all texts may be kept until then. */
  textsVersion?(): number;
}

/** Turns files of some languages into facts. */
export interface FrontEnd {
  /** The language of a path this front end handles, or null. */
  languageOf(path: string): LanguageId | null;
  analyze(path: string, text: string, project: ProjectFiles): FileFacts;
  /** Edit helpers for a language; with `path`, for that file of the project (Python tells its own packages apart). */
  writer(language: LanguageId, path?: string): CodeWriter | null;
  /** Known files whose facts depend on `path` (they import it), so they can be re-analysed. */
  dependents?(path: string): string[];
  forget?(path: string): void;
}

/** Facts with nothing in them, for files that hold no LLM code. */
export function emptyFacts(path: string, language: LanguageId, text: string): FileFacts {
  return {
    path,
    language,
    text,
    callSites: [],
    clients: [],
    promptLoads: [],
    historyFetches: [],
    endpoints: [],
    secrets: [],
    attributes: [],
    mcpCalls: [],
    agentLoops: [],
    instrumentation: [],
    envReads: [],
    hops: [],
    envDefinitions: [],
    errors: [],
  };
}
