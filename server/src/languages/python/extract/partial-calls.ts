// Calls of a `functools.partial` of an SDK method: `create = partial(client.chat.completions.create, model=…)`, then
// `create(messages=…)`. The call sends the request the partial's method makes, with the bound arguments and its own.
import type { ArgsFact } from '../../../core/types';
import type { FnInfo, PyFile } from './file-context';
import { reachingValues } from './reaching-values';
import { callArguments, keyword, positional, unwrap, type Node } from './syntax';
import { callArgs } from './values';

/** The callee text of `partial(…)` / `functools.partial(…)`. */
export const PARTIAL_CALLEE = /^(?:functools\.)?partial$/;

/** `partial(…)` or `functools.partial(…)`, with the name imported from functools. */
export function isPartialCall(file: PyFile, n: Node): boolean {
  if (n.type !== 'call') return false;
  const callee = n.childForFieldName('function');
  const text = callee ? file.src(callee) : '';
  if (!PARTIAL_CALLEE.test(text)) return false;
  if (text === 'partial') {
    const b = file.imports.get('partial');
    return b?.module === 'functools' && b.name === 'partial';
  }
  return file.imports.get('functools')?.module === 'functools';
}

/** The callable a partial binds: its first positional argument. */
export function partialTarget(partial: Node): Node | null {
  const first = positional(partial.childForFieldName('arguments'), 0);
  return first && (first.type === 'attribute' || first.type === 'identifier') ? first : null;
}

/**
 * Names and `self.` attributes that may hold a partial, written `X = partial(…)` or an alias of one (`self.b =
 * self.a`): the names whose calls are looked at.
 */
export function partialHolderNames(file: PyFile): string[] {
  let names = holderNames.get(file);
  if (!names) holderNames.set(file, (names = holderNamesIn(file)));
  return names;
}

/** Read once per parse: every call candidate of the file asks whether its callee is one. */
const holderNames = new WeakMap<PyFile, string[]>();

function holderNamesIn(file: PyFile): string[] {
  if (!file.text.includes('partial(')) return [];
  const names = new Set<string>();
  for (const m of file.text.matchAll(PARTIAL_BINDING)) names.add(m[1]);
  for (const m of file.text.matchAll(ALIAS_BINDING)) if (names.has(m[2])) names.add(m[1]);
  return [...names];
}

const PARTIAL_BINDING = /^[ \t]*(?:self\.)?([A-Za-z_]\w*)[ \t]*(?::[^=\n]+)?=[ \t]*(?:functools\.)?partial\(/gm;
const ALIAS_BINDING = /^[ \t]*(?:self\.)?([A-Za-z_]\w*)[ \t]*=[ \t]*(?:self\.)?([A-Za-z_]\w*)[ \t]*(?:#.*)?$/gm;

const MAX_ALIASES = 4;

/**
 * The `partial(…)` call the callee of a call holds: a name whose every reaching value is that partial (in the function,
 * an enclosing one, or the module), or `self.x` assigned once in the class. An alias is followed where it was bound
 * (`self._unwrapped = self._completion` keeps the partial `self._completion` held then, though it is rebound later).
 */
export function partialBehind(file: PyFile, callee: Node, depth = 0): Node | null {
  if (depth > MAX_ALIASES || !file.text.includes('partial(')) return null;
  let value: Node | null = null;
  if (callee.type === 'identifier') {
    const values = reachingValues(file, callee);
    if (values?.length !== 1) return null;
    value = unwrap(values[0]);
  } else if (callee.type === 'attribute') {
    value = selfAttributeValue(file, callee, callee.startIndex);
  }
  if (!value) return null;
  if (isPartialCall(file, value)) return value;
  if (value.type === 'identifier' || value.type === 'attribute') return partialBehind(file, value, depth + 1);
  return null;
}

/**
 * The value `self.attr` holds at `at`: its last assignment before `at` in the same method when there is one
 * (straight-line code of `__init__`), else its only assignment in the class.
 */
function selfAttributeValue(file: PyFile, attr: Node, at: number): Node | null {
  const obj = attr.childForFieldName('object');
  const name = attr.childForFieldName('attribute')?.text;
  if (obj?.type !== 'identifier' || !name) return null;
  const method = methodWithReceiver(file.functionAt(at), obj.text);
  if (!method?.cls) return null;
  const values = file.classAttributes(method.cls).get(name) ?? [];
  const earlier = values.filter((v) => v.fn === method && v.value.endIndex < at);
  if (earlier.length && earlier.length < values.length) return unwrap(earlier[earlier.length - 1].value);
  return values.length === 1 ? unwrap(values[0].value) : null;
}

/** The method whose receiver `self` names, walking out of nested functions (a closure in `__init__` sees its `self`). */
function methodWithReceiver(fn: FnInfo | null, receiver: string): FnInfo | null {
  for (let f = fn; f; f = f.parent) {
    if (f.cls && f.params[0] === receiver) return f;
    if (f.params.includes(receiver)) return null;
  }
  return null;
}

/**
 * The request of a call of a partial: the bound keywords under the call's own, which replace them as
 * `functools.partial` does. Fixes insert into the call's own argument list (`span`); a bound option keeps the span
 * where the partial writes it. An unseen spread in the partial's arguments hides options from the call too.
 */
export function partialCallArgs(file: PyFile, partial: Node, call: Node): ArgsFact {
  const bound = callArgs(file, partial);
  const own = callArgs(file, call);
  const hasSpread = bound.hasSpread || own.hasSpread;
  const knownSpread = own.spreadIsParameter && !bound.hasSpread ? { spreadIsParameter: true, ...(own.spreadKeys ? { spreadKeys: own.spreadKeys } : {}) } : {};
  const { spreadIsParameter: _p, spreadKeys: _k, ...rest } = own;
  return { ...rest, options: { ...bound.options, ...own.options }, hasSpread, ...knownSpread };
}

/**
 * Keyword and positional arguments of a call of a partial: a keyword the call passes, else the partial's; positional
 * arguments after the bound ones (the partial's after its target, then the call's).
 */
export function partialCallArgument(partial: Node, call: Node): { keyword: (key: string) => Node | null; nth: (index: number) => Node | null } {
  const boundList = partial.childForFieldName('arguments');
  const ownList = call.childForFieldName('arguments');
  const positionals = [...callArguments(boundList).positional.slice(1), ...callArguments(ownList).positional];
  return {
    keyword: (key) => keyword(ownList, key) ?? keyword(boundList, key),
    nth: (index) => positionals[index] ?? null,
  };
}
