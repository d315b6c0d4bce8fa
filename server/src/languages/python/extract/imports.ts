import * as path from 'node:path';
import type { ProjectFiles } from '../../../core/front-end';
import { isInstrumentationPackage } from '../../../core/engine';
import type { Span } from '../../../core/types';
import { LANGFUSE_OBSERVE } from '../../../core/workspace-view';
import type { Node } from './syntax';

/** A name bound by an import statement. */
export interface ImportBinding {
  local: string;
  /** The module the name comes from (`import a.b` binds `a`, so module is `a`), without leading dots. */
  module: string;
  /** Leading dots of a relative import. */
  level: number;
  /** `from m import name` → name; `import m` → null (the name is the module itself). */
  name: string | null;
  span: Span;
}

/** Reads one import statement (`import a.b as c`, `from .m import x as y, z`, `from m import *`). */
export function importBindings(stmt: Node, span: (n: Node) => Span): ImportBinding[] {
  const out: ImportBinding[] = [];
  const s = span(stmt);
  if (stmt.type === 'import_statement') {
    for (const n of stmt.childrenForFieldName('name')) {
      if (n.type === 'aliased_import') {
        const dotted = n.childForFieldName('name')?.text ?? '';
        const alias = n.childForFieldName('alias')?.text;
        if (alias) out.push({ local: alias, module: dotted, level: 0, name: null, span: s });
      } else {
        const dotted = n.text;
        // `import a.b.c` binds `a`; `a.b.c.x` is resolved attribute by attribute.
        out.push({ local: dotted.split('.')[0], module: dotted.split('.')[0], level: 0, name: null, span: s });
      }
    }
  } else if (stmt.type === 'import_from_statement') {
    const mod = stmt.childForFieldName('module_name');
    let level = 0;
    let module = '';
    if (mod?.type === 'relative_import') {
      for (const c of mod.children) {
        if (c.type === 'import_prefix') level = c.text.length;
        else if (c.type === 'dotted_name') module = c.text;
      }
    } else if (mod) module = mod.text;
    const names = stmt.childrenForFieldName('name');
    if (names.length === 0 && stmt.namedChildren.some((c) => c.type === 'wildcard_import')) {
      out.push({ local: '*', module, level, name: '*', span: s });
    }
    for (const n of names) {
      if (n.type === 'aliased_import') {
        const name = n.childForFieldName('name')?.text ?? '';
        const alias = n.childForFieldName('alias')?.text ?? name;
        out.push({ local: alias, module, level, name, span: s });
      } else out.push({ local: n.text, module, level, name: n.text, span: s });
    }
  }
  return out;
}

/**
 * The workspace file of a module: relative to the importing file for `from .x`, else searched from each
 * ancestor directory of the importing file (so `app.llm` is found without knowing the source root), then the root.
 */
/**
 * Third-party packages the analysis reads as libraries. A workspace module with one of these names (`llm/openai.py`,
 * `providers/anthropic.py`) is a wrapper named after the SDK, not what `import openai` loads.
 */
export const INSTALLED_PACKAGES = new Set([
  'openai', 'anthropic', 'litellm', 'langchain', 'langchain_core', 'langchain_openai', 'langchain_anthropic', 'langchain_community',
  'langchain_google_genai', 'langgraph', 'google', 'groq', 'mistralai', 'cohere', 'tenacity', 'backoff', 'celery', 'opentelemetry',
  'httpx', 'requests', 'redis', 'fastapi', 'starlette', 'flask', 'django', 'boto3', 'instructor', 'llama_index', 'tiktoken',
  'langfuse', 'traceloop', 'openinference', 'mcp', 'ollama', 'huggingface_hub',
]);

export function resolveModuleFile(fromFile: string, level: number, dotted: string, project: ProjectFiles): string | null {
  const parts = dotted ? dotted.split('.') : [];
  const tryDir = (dir: string): string | null => {
    const base = path.join(dir, ...parts);
    for (const c of parts.length ? [`${base}.py`, `${base}.pyi`, path.join(base, '__init__.py')] : [path.join(base, '__init__.py')]) {
      if (project.has(c)) return c;
    }
    return null;
  };
  if (level > 0) {
    let dir = path.dirname(fromFile);
    for (let i = 1; i < level; i++) dir = path.dirname(dir);
    return tryDir(dir);
  }
  if (parts.length === 0) return null;
  // `from openai import OpenAI` is the installed SDK even when the workspace has a `providers/openai.py`: Python 3
  // imports absolute names from sys.path, and a package's own folder is not on it.
  if (INSTALLED_PACKAGES.has(parts[0])) return null;
  let dir = path.dirname(fromFile);
  for (;;) {
    const hit = tryDir(dir) ?? tryDir(path.join(dir, 'src'));
    if (hit) return hit;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return project.root ? tryDir(project.root) : null;
}

/** The pip package behind an instrumentation import, when the module is GenAI instrumentation. */
export function instrumentationPackage(module: string): string | null {
  // Wrappers that record every call with its usage, from packages whose other parts do not (LangSmith datasets,
  // PostHog product analytics): only these modules count.
  if (/^langsmith\.wrappers(\.|$)/.test(module)) return 'langsmith (wrap_openai)';
  // `posthoganalytics` is the same SDK published under another name (PostHog's own services import it).
  if (/^(posthog|posthoganalytics)\.ai(\.|$)/.test(module)) return 'posthog (LLM analytics)';
  // Langfuse's OpenAI drop-in and its LangChain / LlamaIndex handlers; not its bare client (`from langfuse import
  // Langfuse`), which records only the generations the code writes itself.
  if (/^langfuse\.(openai|callback|langchain|llama_index)(\.|$)/.test(module)) return 'langfuse';
  // Its `observe` decorator makes spans (a project tracing its pipeline steps with it reaches the model calls through
  // drivers the analysis cannot follow) but records no tokens: see LANGFUSE_OBSERVE.
  if (/^langfuse\.(decorators|observe)(\.|$)/.test(module)) return LANGFUSE_OBSERVE;
  let pkg: string | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^opentelemetry\.instrumentation\.([a-z0-9_]+)/.exec(module))) pkg = `opentelemetry-instrumentation-${m[1].replace(/_/g, '-')}`;
  else if ((m = /^openinference\.instrumentation\.([a-z0-9_]+)/.exec(module))) pkg = `openinference-instrumentation-${m[1].replace(/_/g, '-')}`;
  else if (/^opentelemetry\.util\.genai/.test(module)) pkg = 'opentelemetry-util-genai';
  else if (/^traceloop(\.|$)/.test(module)) pkg = 'traceloop-sdk';
  else if (/^openlit(\.|$)/.test(module)) pkg = 'openlit';
  return pkg && isInstrumentationPackage(pkg) ? pkg : null;
}

/**
 * Every word of a source text's import statements (`from app.llm import client`, `import app.llm as llm`, a
 * parenthesised name list over several lines), anywhere in the file: which workspace modules it may import, read
 * without a parse.
 */
export function importWordsOfText(text: string): Set<string> {
  const words = new Set<string>();
  for (const m of text.matchAll(/^[ \t]*(?:from[ \t]+[.\w]+[ \t]+import[ \t]*(?:\([^)]*\)|[^\n]*)|import[ \t]+[^\n]*)/gm)) {
    for (const w of m[0].matchAll(/[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/g)) words.add(w[0]);
  }
  return words;
}

/** Modules a source text imports, read from its import lines alone (cheap: no parse). */
export function importedModulesOfText(text: string): Array<{ level: number; module: string; names: string[] }> {
  const out: Array<{ level: number; module: string; names: string[] }> = [];
  for (const m of text.matchAll(/^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+\(?([^)#\n]*)/gm)) {
    out.push({ level: m[1].length, module: m[2], names: m[3].split(',').map((n) => n.trim().split(/\s+/)[0]).filter(Boolean) });
  }
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([^#\n]+)/gm)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+/)[0];
      if (name) out.push({ level: 0, module: name, names: [] });
    }
  }
  return out;
}
