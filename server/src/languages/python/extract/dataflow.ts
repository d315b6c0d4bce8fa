// Where a value goes inside a function: the variable it is bound to and the variables computed from it.
import type { LlmCallSite } from '../../../core/types';
import type { FnInfo, PyFile } from './file-context';
import type { Node } from './syntax';
import { wordRe } from './text-search';

/** The variable a loaded or fetched value ends up in: `x = json.loads(open(p).read())`, `h = [f(m) for m in r.lrange(...)]`. */
export function bindingOf(node: Node): Node | null {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'assignment') {
      if (p.childForFieldName('right')?.id !== child.id) return null;
      const left = p.childForFieldName('left');
      return left?.type === 'identifier' ? left : null;
    }
    if (STOP.has(p.type)) return null;
  }
  return null;
}

const STOP = new Set(['expression_statement', 'block', 'module', 'function_definition', 'lambda', 'return_statement', 'if_statement', 'for_statement', 'while_statement', 'with_statement']);

/** Call sites whose span lies within [start, end) (sites are in source order). */
export function sitesWithin(sites: LlmCallSite[], start: number, end: number): LlmCallSite[] {
  let lo = 0;
  let hi = sites.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sites[mid].span.start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: LlmCallSite[] = [];
  for (let i = lo; i < sites.length && sites[i].span.start < end; i++) out.push(sites[i]);
  return out;
}

/** A binding and the local variables computed from it (`rows` → `history = [... for m in rows]`). */
export function derivedNames(file: PyFile, fn: FnInfo, name: string): string[] {
  const out = [name];
  const bindings = file.bindingsIn(fn);
  for (let round = 0; round < 3; round++) {
    let added = false;
    for (const [other, list] of bindings) {
      if (out.includes(other)) continue;
      if (list.some((b) => b.value && out.some((n) => wordRe(n).test(file.src(b.value!))))) {
        out.push(other);
        added = true;
      }
    }
    if (!added) break;
  }
  return out;
}
