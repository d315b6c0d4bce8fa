import type { ArgsFact, LanguageId, OptionFact, TextEdit } from './types';
import { oncePerText } from './text';
import { inBrowserExtension } from './browser-extension';
import type { WorkspaceView } from './workspace-view';

/**
 * A value a fix inserts, written once and rendered per language:
 * `{ include_usage: true }` becomes `{ include_usage: true }` in TypeScript and `{"include_usage": True}` in Python.
 * `{ $code: {...} }` is verbatim source for when a value cannot be expressed as data.
 */
export type CodeValue =
  | string
  | number
  | boolean
  | null
  | CodeValue[]
  | { $code: Partial<Record<'typescript' | 'python', string>> }
  | { [key: string]: CodeValue };

/** Language-specific edit helpers, so rules can describe fixes without knowing the syntax. */
export interface CodeWriter {
  language: LanguageId;
  /** Renders a value as source. */
  render(value: CodeValue): string;
  /** Adds `key: value` / `key=value` to an options bag, creating the object when the call has none. */
  addOption(args: ArgsFact, key: string, value: CodeValue, fileText: string): TextEdit[];
  /** Replaces an option's value. */
  setOption(option: OptionFact, value: CodeValue): TextEdit[];
  /** Inserts a whole statement on its own line before the statement that contains `offset`, matching its indentation. */
  insertStatementBefore(fileText: string, offset: number, code: string): TextEdit;
  /** Inserts a statement on its own line after the statement that ends at or contains `offset`. */
  insertStatementAfter(fileText: string, offset: number, code: string): TextEdit;
  /** Adds an import of `names` from `module` unless already present; null when nothing is needed. */
  ensureImport(fileText: string, module: string, names: string[]): TextEdit | null;
  /** Source for reading an environment variable (`process.env.X`, `os.environ.get("X")`). */
  envRead(name: string): string;
  /** The imports `envRead` needs, as [module, names] pairs. */
  envReadImports: Array<[string, string[]]>;
  lineComment: string;
  /**
   * Adapts inserted source to the file's conventions (TypeScript: double-quoted strings in a file written with double
   * quotes). The engine applies it to every edit of the file a fix makes, so rules can write one spelling.
   */
  matchFileStyle?(fileText: string, newText: string): string;
  /**
   * Joins edits of one fix that the language wants written as one (Python: imports that open the same new isort
   * section, each asked for separately, become one block with one blank line after it).
   */
  joinEdits?(fileText: string, edits: TextEdit[]): TextEdit[];
}

/**
 * Whether a fix may read `process.env` in this file. Cloudflare Workers and Deno code takes its settings from bindings
 * (`env.OPENAI_API_KEY`, `c.env.X`) or `Deno.env.get(…)`: a Worker has no `process` global without nodejs_compat, and
 * before the 2025-04-01 compatibility date its `process.env` stays empty, so such a fix would break the file. Vite,
 * Astro and SvelteKit load `.env` into `import.meta.env` / `$env/*` only, so a `process.env` read there does nothing.
 * Browser code has no `process` at all: told by the file's own text, or with `where`, by its place in a browser extension.
 */
export function processEnvReadable(text: string, writer: Pick<CodeWriter, 'language'>, where?: { path: string; workspace: WorkspaceView }): boolean {
  if (writer.language === 'python' || mentionsProcessEnv(text)) return true;
  // Browser extension code has no `process` either, even in a module that shows no browser API itself.
  return scriptReadsProcessEnv(text) && !(where && inBrowserExtension(where.path, where.workspace));
}

// Asked once per finding with a fix: a regex over the whole text each time cost ~3 ms per keystroke on a dense file.
const mentionsProcessEnv = oncePerText((text) => /\bprocess\.env\b/.test(text));

// Asked only of a text that does not mention `process.env` (processEnvReadable answers those first).
const scriptReadsProcessEnv = oncePerText((text) => {
  return (
    !/(^|[^.\w])(?:c\.|ctx\.|context\.)?env\.[A-Z][A-Z0-9_]+\b/m.test(text) &&
    !/\bDeno\.env\.get\(/.test(text) &&
    // Deno code that reads no setting itself (Supabase Edge Functions, Deno Deploy): its runtime calls
    // (`Deno.serve(…)`, `Deno.readTextFile(…)`) or its `npm:` / `jsr:` / URL imports say so. Deno 1.x has no `process`
    // global (older Supabase Edge Runtime releases run on it); Netlify's Edge Functions read `Netlify.env.get(…)`.
    !/(^|[^.\w])Deno\.[a-z]\w*\s*[.(]/m.test(text) &&
    !/(?:\bfrom\s*|^\s*import\s*)['"](?:npm:|jsr:|https?:\/\/)/m.test(text) &&
    !/\bNetlify\.env\.get\(/.test(text) &&
    // `const { OPENAI_API_KEY } = c.env`, Hono's `env(c)` (hono/adapter) and `import { env } from 'cloudflare:workers'`.
    !/\}\s*=\s*(?:c|ctx|context)\.env\b/.test(text) &&
    !/\bfrom\s*['"](?:hono\/adapter|cloudflare:workers)['"]/.test(text) &&
    // Vite, Astro and SvelteKit code reads `import.meta.env` / `$env/...`: `.env` files never reach its `process.env`.
    !/\bimport\.meta\.env\b/.test(text) &&
    !/\bfrom\s*['"]\$env\//.test(text) &&
    // Browser code (an extension's service worker or popup, a page script, an Electron renderer) has no `process` at
    // all: Chrome's and Firefox's extension APIs, web storage, the DOM.
    !/\bdangerouslyAllowBrowser\s*:\s*true\b|\b(chrome|browser)\.(storage|runtime|tabs|scripting)\b|\b(localStorage|sessionStorage)\.(getItem|setItem)\b|\bdocument\.(getElementById|querySelector(All)?)\s*\(/.test(text)
  );
});
