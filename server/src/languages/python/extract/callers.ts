// Which calls in a module are calls of one of its functions: found by name, kept by what the name can refer to.
import type { FnInfo, PyFile } from './file-context';
import { inheritedMethodOf, methodOf, receiverClass, resolveExpr } from './resolve';
import type { Node } from './syntax';
import { callOfName, wordNodes } from './text-search';

/** Calls of `fn` in its own module (`name(...)`, `self.name(...)`, `Service.name(...)`). */
export function callsOf(file: PyFile, fn: FnInfo): Node[] {
  return once(callsByFile, file, fn, () => wordNodes(file, fn.name, (n) => (namesFunction(file, n, fn) ? callOfName(n) : null)));
}

/** Calls that pass `fn` along as a value (`retryer(name, ...)`, `run_with_retries(self.ask, q)`). */
export function callsPassing(file: PyFile, fn: FnInfo): Node[] {
  return once(callsPassingByFile, file, fn, () =>
    wordNodes(file, fn.name, (n) => {
      const p = n.parent;
      return p?.type === 'argument_list' && p.parent?.type === 'call' && namesFunction(file, n, fn) ? p.parent : null;
    }),
  );
}

/** A function's callers are asked for once per call site in it (and again for its callers'): answer once per file. */
const callsByFile = new WeakMap<PyFile, Map<FnInfo, Node[]>>();
const callsPassingByFile = new WeakMap<PyFile, Map<FnInfo, Node[]>>();

function once(memo: WeakMap<PyFile, Map<FnInfo, Node[]>>, file: PyFile, fn: FnInfo, find: () => Node[]): Node[] {
  let byFn = memo.get(file);
  if (!byFn) memo.set(file, (byFn = new Map()));
  let found = byFn.get(fn);
  if (!found) byFn.set(fn, (found = find()));
  return found;
}

/**
 * Whether this identifier, spelled as `fn`'s name, can stand for `fn`. A bare name is a function's, never a method's.
 * `self.name` is the method its class or nearest base defines, `super().name` a base's, `Service.name` / `svc.name`
 * the one of the class the receiver resolves to. Anything else (`obj.name` on an unknown object, a module's function)
 * is not `fn`: two classes of a module may well share a method name (`Base.chat`, `LiteLLMBase.chat`).
 */
export function namesFunction(file: PyFile, id: Node, fn: FnInfo): boolean {
  const p = id.parent;
  if (p?.type !== 'attribute' || p.childForFieldName('attribute')?.id !== id.id) return !fn.cls;
  const obj = p.childForFieldName('object');
  if (!obj || !fn.cls) return false;
  const own = receiverClass(file, obj);
  if (own) return methodOf(file, own, fn.name) === fn;
  if (obj.type === 'call' && obj.childForFieldName('function')?.text === 'super') {
    const cls = file.classAt(obj.startIndex);
    return !!cls && inheritedMethodOf(file, cls, fn.name) === fn;
  }
  const r = resolveExpr(file, obj);
  const owner = r.kind === 'param' ? r.annotation : r;
  if (owner?.kind !== 'class' && owner?.kind !== 'instance') return false;
  const cls = owner.path === file.path ? file.classNamed(owner.qualName) : undefined;
  return !!cls && methodOf(file, cls, fn.name) === fn;
}
