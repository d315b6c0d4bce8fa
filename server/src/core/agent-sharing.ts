// Python agents are followed within their module only: a fact that holds for the runs found there (a timeout, tracing
// turned off) may not hold where another module imports the agent, or the model object it relies on, and runs it.
import * as path from 'node:path';
import { escapeRegExp } from './text';
import type { WorkspaceView } from './workspace-view';

/**
 * Another Python module of the workspace names the agent's module and one of the given module-level names of it
 * (`from app.llm import model`): an agent built or run there is not followed.
 */
export function usedByOtherModules(sitePath: string, names: readonly string[] | undefined, ws: WorkspaceView): boolean {
  if (!names?.length) return false;
  const base = path.basename(sitePath, '.py');
  const module = base === '__init__' ? path.basename(path.dirname(sitePath)) : base;
  const named = new RegExp(`\\b${escapeRegExp(module)}\\b`);
  const mentions = new RegExp(`\\b(${names.map(escapeRegExp).join('|')})\\b`);
  return [...ws.files()].some((f) => f.language === 'python' && f.path !== sitePath && named.test(f.text) && mentions.test(f.text));
}
