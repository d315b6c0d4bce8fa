// Semantic Kernel's service registry: `kernel.add_service(OpenAIChatCompletion(…))` at start-up, then
// `kernel.get_service(…)` (by id, by type, or with no argument) to ask the model. The service a `get_service` returns is
// followed only when the same kernel (the same name in the same scope, or the same `self.` field of one class) is given
// exactly one service in the file, and that service is a connector: with several, which one an id or a type picks is
// not read.
import type { PyFile } from './file-context';
import { resolveExpr, type Resolved } from './resolve';
import { SEMANTIC_KERNEL_MENTION } from './semantic-kernel';
import { keyword, positional, unwrap, type Node } from './syntax';
import { nodesMatching } from './text-search';

interface AddedService {
  kernel: string;
  value: Node;
}

/** The connector `kernel.get_service(…)` returns, when `call` is one and the kernel holds one connector only. */
export function kernelServiceClient(file: PyFile, call: Node, depth: number): Resolved | null {
  if (!SEMANTIC_KERNEL_MENTION.test(file.text)) return null;
  const fn = call.childForFieldName('function');
  const obj = fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get_service' ? fn.childForFieldName('object') : null;
  return obj ? kernelConnector(file, obj, depth) : null;
}

/** The one connector added to the kernel an expression names, or null when it is given none, several, or another service. */
export function kernelConnector(file: PyFile, kernelExpr: Node, depth: number): Resolved | null {
  const kernel = kernelKey(file, kernelExpr);
  if (!kernel) return null;
  const added = addedServices(file).filter((a) => a.kernel === kernel);
  if (added.length !== 1) return null;
  const r = resolveExpr(file, added[0].value, depth + 1);
  return r.kind === 'client' && r.client.sdk === 'semantic-kernel' && !r.others?.length ? r : null;
}

/** Every `x.add_service(service)` in the file, keyed by the kernel it is called on. */
function addedServices(file: PyFile): AddedService[] {
  let found = servicesByFile.get(file);
  if (found) return found;
  found = [];
  for (const call of nodesMatching(file, /\.[ \t]*(add_service)[ \t]*\(/dg, 1, addServiceCall)) {
    const fn = call.childForFieldName('function')!;
    const kernel = kernelKey(file, fn.childForFieldName('object')!);
    const args = call.childForFieldName('arguments');
    const value = positional(args, 0) ?? keyword(args, 'service');
    if (kernel && value) found.push({ kernel, value });
  }
  servicesByFile.set(file, found);
  return found;
}

const servicesByFile = new WeakMap<PyFile, AddedService[]>();

function addServiceCall(n: Node): Node | null {
  const attr = n.parent;
  if (n.type !== 'identifier' || attr?.type !== 'attribute' || attr.childForFieldName('attribute')?.id !== n.id || !attr.childForFieldName('object')) return null;
  return attr.parent?.type === 'call' && attr.parent.childForFieldName('function')?.id === attr.id ? attr.parent : null;
}

/**
 * Which kernel an expression names: a plain name in the function that binds it (or the module), or `self.<field>`
 * in its class. Anything else is not followed.
 */
function kernelKey(file: PyFile, expr: Node): string | null {
  const e = unwrap(expr);
  if (e.type === 'identifier') {
    for (let fn = file.functionAt(e.startIndex); fn; fn = fn.parent) {
      if (file.globalsOf(fn).has(e.text)) break;
      if (file.bindingsIn(fn).has(e.text) || fn.params.includes(e.text)) return `${fn.start}:${e.text}`;
    }
    return `module:${e.text}`;
  }
  if (e.type !== 'attribute') return null;
  const owner = e.childForFieldName('object');
  const cls = owner?.type === 'identifier' && owner.text === 'self' ? file.functionAt(e.startIndex)?.cls : null;
  return cls ? `class:${cls.start}:${e.childForFieldName('attribute')?.text}` : null;
}
