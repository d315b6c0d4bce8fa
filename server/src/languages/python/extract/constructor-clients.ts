// Clients another module hands to a class's constructor: app setup builds the client once and gives it to the classes
// that call the model (`RetrieveThenReadApproach(openai_client=openai_client, …)` in Azure-Samples' app.py).
import type { ClientFact } from '../../../core/types';
import type { PyFile } from './file-context';
import { otherClientsOf, resolveExpr } from './resolve';
import { keyword, unwrap, type Node } from './syntax';
import { callOfName, wordNodes } from './text-search';

/**
 * What the constructions of a class in this module pass as keyword `param`: every client they may pass (a name bound
 * to constructions of one SDK on several branches gives them all). Null when one of them passes something else, leaves
 * the keyword out, or hides it behind `*args` / `**kwargs`: the attribute's client is then not established.
 * `namesClass` says whether a callee expression names the class (through this module's imports).
 */
export function clientsPassedToConstructor(file: PyFile, className: string, param: string, namesClass: (callee: Node) => boolean): ClientFact[] | null {
  const out: ClientFact[] = [];
  for (const call of wordNodes(file, className, callOfName)) {
    const callee = call.childForFieldName('function');
    if (!callee || !namesClass(unwrap(callee))) continue;
    const args = call.childForFieldName('arguments');
    const items = args?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
    if (items.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return null;
    const arg = keyword(args, param);
    if (!arg) return null;
    const r = resolveExpr(file, arg);
    if (r.kind !== 'client') return null;
    const value = unwrap(arg);
    const besides = value.type === 'identifier' || value.type === 'attribute' ? otherClientsOf(file, value, r.client) : [];
    for (const c of [r.client, ...(r.others ?? []), ...besides]) {
      if (!out.some((o) => o.path === c.path && o.span.start === c.span.start)) out.push(c);
    }
  }
  return out;
}
