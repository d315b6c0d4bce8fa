// Which `self.<method>(…)` calls written in a base class run on an instance of a subclass.
import type { ClassInfo, FnInfo, PyFile } from './file-context';
import type { Node } from './syntax';
import { wordNodes } from './text-search';

/** `self.<method>(…)` calls in the methods of class `classQualName` of this module. */
export function selfCallsInClass(file: PyFile, classQualName: string, method: string): Node[] {
  const cls = file.classes.find((c) => c.qualName === classQualName);
  if (!cls) return [];
  return wordNodes(file, method, (n) => {
    const attr = n.parent;
    if (attr?.type !== 'attribute' || attr.childForFieldName('attribute')?.id !== n.id || attr.childForFieldName('object')?.text !== 'self') return null;
    const call = attr.parent?.type === 'call' && attr.parent.childForFieldName('function')?.id === attr.id ? attr.parent : null;
    return call && call.startIndex >= cls.start && call.endIndex <= cls.end ? call : null;
  });
}

/**
 * Names of the methods `cls` defines in place of its bases' (sorted): those whose body never calls `super().<name>`.
 * Worked out once per class of a parse: every call site in the class's methods asks.
 */
export function overridingMethods(file: PyFile, cls: ClassInfo): string[] {
  let names = overriding.get(cls);
  if (names) return names;
  const found = new Set<string>();
  for (const m of cls.methods) {
    if (!m.name || m.name.startsWith('__')) continue;
    if (!new RegExp(`\\bsuper\\([^)]*\\)\\s*\\.\\s*${m.name}\\b`).test(file.src(m.node))) found.add(m.name);
  }
  names = [...found].sort();
  overriding.set(cls, names);
  return names;
}

const overriding = new WeakMap<ClassInfo, string[]>();

/**
 * The `self.<method>(…)` calls of base class `classQualName` that can run on an instance of a subclass overriding
 * `overridden`: not those inside a method the subclass replaces, nor inside a private helper (`_name`) that only such
 * replaced methods call. Graphiti's `LLMClient._generate_response_with_retry` (tenacity) wraps `self._generate_response`,
 * but only `LLMClient.generate_response` calls it, and `AnthropicClient` replaces that with its own loop.
 */
export function inheritedSelfCalls(file: PyFile, classQualName: string, method: string, overridden: readonly string[]): Node[] {
  const calls = selfCallsInClass(file, classQualName, method);
  if (overridden.length === 0) return calls;
  const replaced = new Set(overridden);
  const runs = (fn: FnInfo | null, seen: Set<string>): boolean => {
    if (!fn || fn.cls?.qualName !== classQualName) return true;
    if (replaced.has(fn.name)) return false;
    if (!fn.name.startsWith('_') || fn.name.startsWith('__') || seen.has(fn.name)) return true;
    seen.add(fn.name);
    const callers = selfCallsInClass(file, classQualName, fn.name);
    // A private helper nothing in its class calls is reached from elsewhere: keep it.
    return callers.length === 0 || callers.some((c) => runs(file.functionAt(c.startIndex), seen));
  };
  return calls.filter((c) => runs(file.functionAt(c.startIndex), new Set()));
}
