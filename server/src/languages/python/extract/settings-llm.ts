// LlamaIndex's global LLM: `Settings.llm = OpenAI(…)` at start-up, then `Settings.llm.complete(…)` anywhere.
import type { ClientFact } from '../../../core/types';
import type { PyFile } from './file-context';
import { distinctClients, resolveExpr, type Resolved } from './resolve';
import type { Node } from './syntax';
import { nodesMatching } from './text-search';

/** `llama_index.core.Settings`, also imported from `llama_index.core.settings`. */
const SETTINGS = /^llama_index\.core(\.settings)?\.Settings$/;

/** Cheap text filter for files that may assign `Settings.llm` (or an alias of `Settings`). */
export const ASSIGNS_LLM_ATTRIBUTE = /\.[ \t]*llm[ \t]*(?::[^=\n]+)?=(?!=)/;

/** `llama_index.core.Settings.llm` as a qualified name. */
export function isSettingsLlm(qualified: string): boolean {
  return qualified.endsWith('.llm') && SETTINGS.test(qualified.slice(0, -'.llm'.length));
}

/** The values this file assigns to LlamaIndex's `Settings.llm`, in any scope. */
export function settingsLlmValues(file: PyFile): Node[] {
  if (!ASSIGNS_LLM_ATTRIBUTE.test(file.text)) return [];
  let values = valuesByFile.get(file);
  if (values) return values;
  valuesByFile.set(file, (values = []));
  values.push(...nodesMatching(file, /\.[ \t]*(llm)[ \t]*(?::[^=\n]+)?=(?!=)/dg, 1, (n) => {
    const attr = n.parent;
    if (n.type !== 'identifier' || attr?.type !== 'attribute' || attr.childForFieldName('attribute')?.id !== n.id) return null;
    const assign = attr.parent;
    if (assign?.type !== 'assignment' || assign.childForFieldName('left')?.id !== attr.id) return null;
    const obj = attr.childForFieldName('object');
    const r = obj ? resolveExpr(file, obj) : null;
    return r?.kind === 'external' && SETTINGS.test(r.qualified) ? assign.childForFieldName('right') : null;
  }));
  return values;
}

const valuesByFile = new WeakMap<PyFile, Node[]>();

/**
 * The LLM `Settings.llm` holds when read in `file`: what this module assigns to it (one class on every branch, as for
 * a name bound on branches), else the one construction the other workspace modules assign (several may differ in
 * their options, and which runs first is not known). Anything else (a value not followed, an `Anthropic` on one branch
 * and an `OpenAI` on another) leaves it unknown.
 */
export function settingsLlmClient(file: PyFile, depth: number): Resolved | null {
  // `Settings.llm = Settings.llm or OpenAI()` would resolve itself again.
  if (resolving.has(file)) return null;
  resolving.add(file);
  try {
    const local = settingsLlmValues(file).map((v) => resolveExpr(file, v, depth + 1));
    return local.length ? oneClass(local) : oneConstruction(file.index.settingsLlmAssignments(file.path));
  } finally {
    resolving.delete(file);
  }
}

const resolving = new WeakSet<PyFile>();

function oneClass(assigned: Resolved[]): Resolved | null {
  const clients = constructions(assigned);
  const [first, ...others] = clients ?? [];
  if (!first || others.some((c) => c.sdk !== first.sdk || c.className !== first.className)) return null;
  return { kind: 'client', client: first, ...(others.length ? { others } : {}) };
}

function oneConstruction(assigned: Resolved[]): Resolved | null {
  const clients = constructions(assigned);
  return clients?.length === 1 ? { kind: 'client', client: clients[0] } : null;
}

/** The distinct constructions assigned, or null when a value is not a client. */
function constructions(assigned: Resolved[]): ClientFact[] | null {
  const clients: ClientFact[] = [];
  for (const r of assigned) {
    if (r.kind !== 'client') return null;
    clients.push(r.client, ...(r.others ?? []));
  }
  return distinctClients(clients);
}
