// The keys of a dict built by a helper and spread into a call: `params = self._get_common_params(**kwargs)` then
// `create(**params)`. Conservative: any use of the dict or of the helper that could add an unseen key makes it unknown.
import { FnInfo, type ClassInfo, type PyFile } from './file-context';
import { resolveExpr, returnedValues } from './resolve';
import { stringValue } from './strings';
import { callArguments, unwrap, type Node } from './syntax';
import { identifiersNamed } from './text-search';

/** The keys a dict can hold, as far as its building is written out (plain data: it goes into module summaries). */
export interface DictKeys {
  keys: string[];
  /** It takes in the function's own `**kwargs`: whatever keywords its callers pass. */
  mergesKwargs: boolean;
  /** Dicts other functions return, merged in: `self._get_common_params(messages=m, **kwargs)`. */
  fromCalls: DictCall[];
}

export interface DictCall {
  /** A method reached through `self`, or a function of the same module. */
  callee: { method: string } | { fn: string };
  /** The keywords the call passes, which end up in the callee's `**kwargs`. */
  keys: string[];
  /** The call passes the caller's own `**kwargs` on. */
  forwardsKwargs: boolean;
}

const MAX_DEPTH = 8;

/** Methods of a dict that read it or take keys out, adding none. */
const READS = new Set(['get', 'pop', 'keys', 'items', 'values', 'copy']);

/**
 * What `**name` spreads in a call, when `name` is a dict built in the call's function (by literals, keys set by
 * name, `update(...)` with literals) from dicts that helpers of the module or the class return: the keys it can hold,
 * and whether the function's own `**kwargs` (its callers' keywords) end up in it. Null when anything is unseen.
 */
export function spreadDictKeys(file: PyFile, name: Node): { keys: string[]; fromParameter: boolean } | null {
  if (name.type !== 'identifier') return null;
  const fn = file.functionAt(name.startIndex);
  if (!fn) return null;
  const kw = kwargsParameter(fn);
  const built = withKwargsKeys(file, fn, kw, builtDict(file, fn, name.text, kw, 0));
  if (!built) return null;
  const out = expand(file, fn.cls, built, [], true, 0);
  return out && { keys: [...out.keys], fromParameter: out.fromParameter };
}

/** The dicts a class's methods return, for the module summary (methods calling module functions are left out). */
export function methodDicts(file: PyFile, cls: ClassInfo): Record<string, DictKeys> | undefined {
  let out: Record<string, DictKeys> | undefined;
  for (const m of cls.methods) {
    const d = returnedDict(file, m, 0);
    if (d && d.fromCalls.every((c) => 'method' in c.callee)) (out ??= {})[m.name] = d;
  }
  return out;
}

/** The dict a function returns on every path that returns a value. */
function returnedDict(file: PyFile, fn: FnInfo, depth: number): DictKeys | null {
  if (depth > MAX_DEPTH || fn.isGenerator) return null;
  const values = returnedValues(fn);
  if (values.length === 0) return null;
  const kw = kwargsParameter(fn);
  let out: DictKeys | null = empty();
  for (const v of values) out = union(out, valueDict(file, fn, v, kw, depth + 1));
  return withKwargsKeys(file, fn, kw, out);
}

/**
 * The keys a dict expression holds: a literal, `dict(k=…)`, `**kwargs` itself, a helper's dict, a local built dict, or
 * a conditional between such.
 */
function valueDict(file: PyFile, fn: FnInfo, expr: Node, kw: string | null, depth: number): DictKeys | null {
  if (depth > MAX_DEPTH) return null;
  const e = unwrap(expr);
  // `{"max_completion_tokens": b} if reasoning else {"max_tokens": b}`: the keys of either branch.
  if (e.type === 'conditional_expression') {
    const [then, , otherwise] = e.namedChildren.filter((c) => c.type !== 'comment');
    return then && otherwise ? union(valueDict(file, fn, then, kw, depth + 1), valueDict(file, fn, otherwise, kw, depth + 1)) : null;
  }
  if (e.type === 'dictionary') {
    const out = empty();
    for (const c of e.namedChildren) {
      if (c.type === 'comment') continue;
      if (c.type === 'pair') {
        const k = c.childForFieldName('key');
        const key = k ? stringValue(unwrap(k), (n) => file.src(n)) : null;
        if (key === null) return null;
        out.keys.push(key);
      } else if (c.type === 'dictionary_splat') {
        const inner = c.namedChildren.find((n) => n.type !== 'comment');
        if (!kw || inner?.type !== 'identifier' || inner.text !== kw) return null;
        out.mergesKwargs = true;
      } else return null;
    }
    return out;
  }
  if (e.type === 'identifier') {
    if (kw && e.text === kw) return { ...empty(), mergesKwargs: true };
    return builtDict(file, fn, e.text, kw, depth + 1);
  }
  if (e.type !== 'call') return null;
  const callee = e.childForFieldName('function');
  const args = e.childForFieldName('arguments');
  if (!callee || args?.type !== 'argument_list') return null;
  const { keywords, positional, dictSplats, listSplats } = callArguments(args);
  // `kwargs.copy()`
  if (callee.type === 'attribute' && kw && callee.childForFieldName('object')?.text === kw && callee.childForFieldName('attribute')?.text === 'copy') {
    return args.namedChildren.length === 0 ? { ...empty(), mergesKwargs: true } : null;
  }
  const forwards = dictSplats.every((s) => s.namedChildren.find((n) => n.type !== 'comment')?.text === kw);
  if (!forwards || listSplats.length) return null;
  const keys = keywords.map((k) => k.name);
  if (callee.type === 'identifier' && callee.text === 'dict') {
    // `dict(k=…)`, `dict(kwargs)`, `dict(**kwargs)`
    if (positional.length > 1 || (positional.length === 1 && (!kw || unwrap(positional[0]).text !== kw))) return null;
    return { keys, mergesKwargs: dictSplats.length > 0 || positional.length === 1, fromCalls: [] };
  }
  const call: Omit<DictCall, 'callee'> = { keys, forwardsKwargs: dictSplats.length > 0 };
  if (callee.type === 'attribute') {
    const obj = callee.childForFieldName('object');
    const method = callee.childForFieldName('attribute')?.text;
    if (!fn.cls || !method || obj?.type !== 'identifier' || obj.text !== fn.params[0]) return null;
    return { ...empty(), fromCalls: [{ callee: { method }, ...call }] };
  }
  if (callee.type === 'identifier' && file.moduleDefs.get(callee.text) instanceof FnInfo) {
    return { ...empty(), fromCalls: [{ callee: { fn: callee.text }, ...call }] };
  }
  return null;
}

/**
 * A dict bound to `name` in `fn` (every binding a dict expression) whose other uses add only keys that can be seen:
 * `d["k"] = v`, `d.setdefault("k", v)`, `d.update({...})` / `d.update(k=v)` / `d.update(kwargs)`. Reads, `**d`,
 * `return d` and `"k" in d` are fine; anything else (handing `d` to a function, `d |= …`) may add any key.
 */
function builtDict(file: PyFile, fn: FnInfo, name: string, kw: string | null, depth: number): DictKeys | null {
  if (depth > MAX_DEPTH || fn.params.includes(name)) return null;
  const bindings = file.bindingsIn(fn).get(name);
  if (!bindings?.length) return null;
  let out: DictKeys | null = empty();
  for (const b of bindings) {
    if (b.kind !== 'assign' || !b.value) return null;
    out = union(out, valueDict(file, fn, b.value, kw, depth + 1));
    if (!out) return null;
  }
  const added = keysAdded(file, fn, name, kw, depth);
  return added && union(out, added);
}

/** The keys the uses of dict `name` in `fn` add to it; null when a use may add unseen keys. */
function keysAdded(file: PyFile, fn: FnInfo, name: string, kw: string | null, depth: number): DictKeys | null {
  let out: DictKeys | null = empty();
  for (const id of identifiersNamed(file, name, fn.start, fn.end)) {
    const p = id.parent;
    if (!p) return null;
    // Not a use of the dict: a keyword's name, another object's attribute, the binding itself.
    if (p.type === 'keyword_argument' && p.childForFieldName('name')?.id === id.id) continue;
    if (p.type === 'attribute' && p.childForFieldName('attribute')?.id === id.id) continue;
    if (p.type === 'assignment' && p.childForFieldName('left')?.id === id.id) continue;
    if (p.type === 'dictionary_splat' || p.type === 'return_statement' || p.type === 'comparison_operator') continue;
    if (p.type === 'subscript' && p.childForFieldName('value')?.id === id.id) {
      const k = p.childForFieldName('subscript');
      const key = k ? stringValue(unwrap(k), (n) => file.src(n)) : null;
      const assign = p.parent;
      const sets = (assign?.type === 'assignment' || assign?.type === 'augmented_assignment') && assign.childForFieldName('left')?.id === p.id;
      if (!sets) continue;
      if (key === null) return null;
      out!.keys.push(key);
      continue;
    }
    if (p.type === 'attribute' && p.childForFieldName('object')?.id === id.id && p.parent?.type === 'call' && p.parent.childForFieldName('function')?.id === p.id) {
      const method = p.childForFieldName('attribute')?.text ?? '';
      const args = p.parent.childForFieldName('arguments');
      if (READS.has(method)) continue;
      if (method === 'setdefault') {
        const first = args?.namedChildren.find((c) => c.type !== 'comment');
        const key = first ? stringValue(unwrap(first), (n) => file.src(n)) : null;
        if (key === null) return null;
        out!.keys.push(key);
        continue;
      }
      if (method === 'update' && args?.type === 'argument_list') {
        const { keywords, positional, dictSplats, listSplats } = callArguments(args);
        if (listSplats.length || positional.length > 1) return null;
        out!.keys.push(...keywords.map((k) => k.name));
        for (const s of dictSplats) {
          if (!kw || s.namedChildren.find((n) => n.type !== 'comment')?.text !== kw) return null;
          out!.mergesKwargs = true;
        }
        if (positional.length) out = union(out, valueDict(file, fn, positional[0], kw, depth + 1));
        if (!out) return null;
        continue;
      }
      return null;
    }
    return null;
  }
  return out;
}

/**
 * The keys `fn` sets on its own `**kwargs` (`kwargs["temperature"] = 0`), added to a dict that takes them in. Null
 * when another use of `kwargs` may add keys.
 */
function withKwargsKeys(file: PyFile, fn: FnInfo, kw: string | null, d: DictKeys | null): DictKeys | null {
  if (!d || !kw || !(d.mergesKwargs || d.fromCalls.some((c) => c.forwardsKwargs))) return d;
  let set: string[] = [];
  for (const id of identifiersNamed(file, kw, fn.start, fn.end)) {
    const p = id.parent;
    if (!p || p.type === 'dictionary_splat' || p.type === 'comparison_operator' || p.type === 'return_statement') continue;
    if (p.type === 'keyword_argument' && p.childForFieldName('name')?.id === id.id) continue;
    if (p.type === 'attribute' && p.childForFieldName('attribute')?.id === id.id) continue;
    if (p.type === 'dictionary_splat_pattern') continue;
    if (p.type === 'subscript' && p.childForFieldName('value')?.id === id.id) {
      const assign = p.parent;
      const sets = (assign?.type === 'assignment' || assign?.type === 'augmented_assignment') && assign.childForFieldName('left')?.id === p.id;
      if (!sets) continue;
      const k = p.childForFieldName('subscript');
      const key = k ? stringValue(unwrap(k), (n) => file.src(n)) : null;
      if (key === null) return null;
      set.push(key);
      continue;
    }
    if (p.type === 'attribute' && p.childForFieldName('object')?.id === id.id) {
      const method = p.childForFieldName('attribute')?.text ?? '';
      if (READS.has(method)) continue;
      return null;
    }
    // `params.update(kwargs)`, `dict(kwargs)`: read, not changed.
    if (p.type === 'argument_list' && /^(\w+\.update|dict)$/.test(p.parent?.childForFieldName('function')?.text ?? '')) continue;
    return null;
  }
  set = [...new Set(set)];
  return set.length ? { ...d, keys: [...d.keys, ...set] } : d;
}

/**
 * The keys a dict holds once its helpers' dicts are read: `inKeys` are the keywords its function was called with,
 * `inForwards` whether that call also passed the caller's own `**kwargs`. Helpers are looked up from `cls`, the class
 * of the call, so a subclass's override wins.
 */
function expand(file: PyFile, cls: ClassInfo | null, d: DictKeys, inKeys: string[], inForwards: boolean, depth: number): { keys: Set<string>; fromParameter: boolean } | null {
  if (depth > MAX_DEPTH) return null;
  const keys = new Set(d.keys);
  let fromParameter = false;
  if (d.mergesKwargs) {
    for (const k of inKeys) keys.add(k);
    fromParameter = inForwards;
  }
  for (const c of d.fromCalls) {
    const target = 'method' in c.callee ? (cls ? methodDict(file, cls, c.callee.method, 0) : null) : localFunctionDict(file, c.callee.fn);
    if (!target) return null;
    const sub = expand(file, cls, target, c.forwardsKwargs ? [...c.keys, ...inKeys] : c.keys, c.forwardsKwargs && inForwards, depth + 1);
    if (!sub) return null;
    for (const k of sub.keys) keys.add(k);
    fromParameter ||= sub.fromParameter;
  }
  return { keys, fromParameter };
}

function localFunctionDict(file: PyFile, name: string): DictKeys | null {
  const def = file.moduleDefs.get(name);
  return def instanceof FnInfo ? returnedDict(file, def, 1) : null;
}

/** The dict `self.name(...)` returns on an instance of `cls`: its own method's, else its nearest base's (in any module). */
function methodDict(file: PyFile, cls: ClassInfo, name: string, depth: number): DictKeys | null {
  const found = lookUpMethod(file, cls, name, depth);
  return found === 'absent' ? null : found;
}

/** 'absent' when neither the class nor a base defines the method; null when one does and its dict is unknown. */
function lookUpMethod(file: PyFile, cls: ClassInfo, name: string, depth: number): DictKeys | null | 'absent' {
  if (depth > MAX_DEPTH) return null;
  // A subclass in the module may override it: `self` may be one of those.
  if (file.classes.some((c) => c !== cls && c.methods.some((m) => m.name === name) && c.bases.some((b) => b.text === cls.name))) return null;
  const own = cls.methods.find((m) => m.name === name);
  if (own) return returnedDict(file, own, depth + 1);
  for (const base of cls.bases) {
    const r = resolveExpr(file, base);
    if (r.kind !== 'class') {
      // A base we cannot see (an SDK class, an unresolved import) may define it.
      if (/^(object|ABC)$/.test(base.text)) continue;
      return null;
    }
    if (r.path !== file.path) {
      // Another module's class: its own methods are known, not those it inherits in turn.
      return r.methods.includes(name) ? (r.returnedDicts?.[name] ?? null) : null;
    }
    const c = file.classNamed(r.qualName);
    if (!c || c === cls) return null;
    const found = lookUpMethod(file, c, name, depth + 1);
    if (found !== 'absent') return found;
  }
  return 'absent';
}

/** `def f(…, **kwargs)`: the name the function gathers its callers' extra keywords under. */
function kwargsParameter(fn: FnInfo): string | null {
  const params = fn.node.childForFieldName('parameters');
  for (const p of params?.namedChildren ?? []) {
    const splat = p.type === 'dictionary_splat_pattern' ? p : p.type === 'typed_parameter' ? p.namedChildren.find((c) => c.type === 'dictionary_splat_pattern') : undefined;
    const id = splat?.namedChildren.find((c) => c.type === 'identifier');
    if (id) return id.text;
  }
  return null;
}

function empty(): DictKeys {
  return { keys: [], mergesKwargs: false, fromCalls: [] };
}

function union(a: DictKeys | null, b: DictKeys | null): DictKeys | null {
  if (!a || !b) return null;
  return { keys: [...new Set([...a.keys, ...b.keys])], mergesKwargs: a.mergesKwargs || b.mergesKwargs, fromCalls: [...a.fromCalls, ...b.fromCalls] };
}
