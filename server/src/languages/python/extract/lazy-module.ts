// Lazy module proxies: `class LazyLiteLLM` whose `__getattr__` imports `litellm` on first use and forwards to it
// (Aider-AI/aider aider/llm.py), so that `litellm = LazyLiteLLM()` stands for the module itself.
import type { ClassInfo, FnInfo, PyFile } from './file-context';
import { resolveExpr, returnedValues } from './resolve';
import { stringValue } from './strings';
import { positional, unwrap, type Node } from './syntax';

/**
 * The module an instance of `cls` stands for: its `__getattr__(self, name)` returns `getattr(m, name)`, where `m` is
 * `importlib.import_module("<module>")` (or `__import__("<module>")`) with a literal name, bound in `__getattr__` or
 * to an attribute of the instance that nothing else is assigned (a `None` placeholder aside). Null for any other
 * `__getattr__`: one that looks names up in a dict, forwards to a wrapped object, or imports a computed name.
 */
export function proxiedModuleOf(file: PyFile, cls: ClassInfo): string | null {
  const getattr = cls.methods.find((m) => m.name === '__getattr__');
  const [self, name] = getattr?.params ?? [];
  if (!getattr || !self || !name) return null;
  let found: string | null = null;
  for (const value of returnedValues(getattr)) {
    const e = unwrap(value);
    if (e.type !== 'call' || e.childForFieldName('function')?.text !== 'getattr') continue;
    const args = e.childForFieldName('arguments');
    const target = positional(args, 0);
    if (positional(args, 1)?.text !== name || positional(args, 2) || !target) continue;
    const module = forwardedModule(file, cls, getattr, self, unwrap(target));
    if (!module || (found && found !== module)) return null;
    found = module;
  }
  return found;
}

/** The literal module `target` holds: a local bound to the import, or `self.<attr>` assigned only the import. */
function forwardedModule(file: PyFile, cls: ClassInfo, getattr: FnInfo, self: string, target: Node): string | null {
  if (target.type === 'identifier') {
    const bindings = file.bindingsIn(getattr).get(target.text) ?? [];
    return bindings.length === 1 && bindings[0].value ? importedLiteral(file, bindings[0].value) : null;
  }
  const obj = target.type === 'attribute' ? target.childForFieldName('object') : null;
  const attr = target.childForFieldName('attribute')?.text;
  if (obj?.text !== self || !attr) return null;
  const values = (file.classAttributes(cls).get(attr) ?? []).map((a) => unwrap(a.value)).filter((v) => v.type !== 'none');
  const modules = new Set(values.map((v) => importedLiteral(file, v)));
  return values.length && modules.size === 1 ? [...modules][0] : null;
}

/** `importlib.import_module("litellm")` / `__import__("litellm")`: the literal module name. */
function importedLiteral(file: PyFile, value: Node): string | null {
  const e = unwrap(value);
  const fn = e.type === 'call' ? e.childForFieldName('function') : null;
  if (!fn) return null;
  const builtin = fn.type === 'identifier' && fn.text === '__import__' && !file.imports.has('__import__') && !file.moduleDefs.has('__import__');
  if (!builtin) {
    const r = resolveExpr(file, fn);
    if (r.kind !== 'external' || r.qualified !== 'importlib.import_module') return null;
  }
  const args = e.childForFieldName('arguments');
  const first = positional(args, 0);
  // `import_module(".sub", package)` / `__import__("a.b")` (which returns `a`): not a plain absolute module.
  if (!first || positional(args, 1) || args?.namedChildren.some((a) => a.type === 'keyword_argument')) return null;
  const module = stringValue(unwrap(first), (n) => file.src(n));
  if (!module || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(module)) return null;
  return fn.text === '__import__' && module.includes('.') ? null : module;
}
