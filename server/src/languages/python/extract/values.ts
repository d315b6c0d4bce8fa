import type { ArgsFact, OptionFact, Span, ValueFact } from '../../../core/types';
import type { PyFile } from './file-context';
import { stringValue } from './strings';
import { resolveExpr, type Resolved } from './resolve';
import { givenOnSomePaths } from './key-paths';
import { parameterLeftToCallers } from './parameter-values';
import { spreadDictKeys } from './returned-dicts';
import { dottedName, positional, unwrap, type Node } from './syntax';
import { identifiersNamed, wordNodes } from './text-search';

/** What can be read from an expression without running it (syntax only, like the TypeScript front end). */
export function valueFact(file: PyFile, expr: Node): ValueFact {
  const e = unwrap(expr);
  const span = file.span(e);
  const text = () => file.src(e);
  switch (e.type) {
    case 'string':
    case 'concatenated_string': {
      const v = stringValue(e, (n) => file.src(n));
      return v === null ? { kind: 'dynamic', span, text: text() } : { kind: 'string', value: v, span };
    }
    case 'true':
      return { kind: 'boolean', value: true, span };
    case 'false':
      return { kind: 'boolean', value: false, span };
    case 'none':
      return { kind: 'null', span };
    case 'dictionary':
      return { kind: 'object', span, args: dictArgs(file, e) };
    case 'list':
    case 'tuple':
      return { kind: 'array', span, elements: e.namedChildren.filter((c) => c.type !== 'comment').map((c) => valueFact(file, c)) };
    default:
      break;
  }
  // A name is resolved once here: its number, then the environment read it may hold, both come from that answer.
  let resolved: Resolved | undefined;
  const named = e.type === 'identifier' || e.type === 'attribute';
  const resolveOnce = () => (resolved ??= resolveExpr(file, e));
  const n = numericValue(file, e) ?? (named ? numberOf(resolveOnce()) : null);
  if (n !== null) return { kind: 'number', value: n, span };
  const env = envRead(file, e);
  if (env) return { kind: 'env', name: env.name, span, ...(env.fallback ? { fallback: valueFact(file, env.fallback) } : {}) };
  // `settings.litellm_base_url` of a pydantic-settings object: the environment variable the field is read from.
  if (e.type === 'attribute') {
    const obj = e.childForFieldName('object');
    const attr = e.childForFieldName('attribute')?.text;
    const r = obj && attr ? resolveExpr(file, obj) : null;
    const field = r && (r.kind === 'instance' || r.kind === 'class') ? r.settings?.[attr!] : undefined;
    if (field) return { kind: 'env', name: field.env, span, ...(field.default ? { fallback: field.default } : {}) };
  }
  // A name holding an environment read, passed on: `base_url = os.environ.get("LITELLM_BASE_URL", …)` bound in the
  // function, or `LITELLM_URL` / `config.LITELLM_URL`, a module constant here or in a workspace module. An environment
  // read all the same (only env reads: other values keep their own spans for fixes).
  const constant = named ? envReadBehind(file, e, resolveOnce()) : null;
  if (constant) return { kind: 'env', name: constant.name, span, ...(constant.fallback ? { fallback: constant.fallback } : {}) };
  if (e.type === 'boolean_operator' && e.child(1)?.type === 'or') {
    const left = e.childForFieldName('left');
    const right = e.childForFieldName('right');
    const l = left ? envRead(file, unwrap(left)) : null;
    if (l && right) return { kind: 'env', name: l.name, span, fallback: valueFact(file, right) };
  }
  // dict(include_usage=True) reads like a literal, and so does google-genai's `types.HttpOptions(timeout=…)`.
  if (e.type === 'call' && /^(dict|(\w+\.)*HttpOptions)$/.test(e.childForFieldName('function')?.text ?? '') && !positional(e.childForFieldName('arguments'), 0)) {
    return { kind: 'object', span, args: callArgs(file, e) };
  }
  const parameter = parameterLeftToCallers(file, e);
  return { kind: 'dynamic', span, text: text(), ...(parameter ? { parameter } : {}) };
}

/** The environment read behind a name (`r`, what `e` resolves to), as a value fact's name and fallback. */
function envReadBehind(file: PyFile, e: Node, r: Resolved): { name: string | null; fallback?: ValueFact } | null {
  if (r.kind === 'env') return { name: r.name, ...(r.fallback !== null ? { fallback: { kind: 'string', value: r.fallback, span: file.span(e) } } : {}) };
  if (r.kind !== 'node') return null;
  const env = envRead(r.file, unwrap(r.node));
  return env ? { name: env.name, ...(env.fallback ? { fallback: valueFact(r.file, env.fallback) } : {}) } : null;
}

/** Integer and float literals, unary minus, and arithmetic on them (`10 * 60`). */
export function numericValue(file: PyFile, expr: Node): number | null {
  const e = unwrap(expr);
  if (e.type === 'integer' || e.type === 'float') {
    const t = file.src(e).replace(/_/g, '').toLowerCase();
    if (t.endsWith('j')) return null;
    const v = /^0[box]/.test(t) ? Number(t) : e.type === 'integer' ? parseInt(t.replace(/l$/, ''), 10) : parseFloat(t);
    return Number.isFinite(v) ? v : null;
  }
  if (e.type === 'unary_operator') {
    const arg = e.childForFieldName('argument');
    const op = e.child(0)?.type;
    const v = arg ? numericValue(file, arg) : null;
    if (v === null) return null;
    return op === '-' ? -v : op === '+' ? v : null;
  }
  if (e.type === 'binary_operator') {
    const l = e.childForFieldName('left');
    const r = e.childForFieldName('right');
    const op = e.childForFieldName('operator')?.type;
    const a = l ? numericValue(file, l) : null;
    const b = r ? numericValue(file, r) : null;
    if (a === null || b === null) return null;
    switch (op) {
      case '*': return a * b;
      case '+': return a + b;
      case '-': return a - b;
      case '/': return b === 0 ? null : a / b;
      case '//': return b === 0 ? null : Math.floor(a / b);
      case '**': return a ** b;
      default: return null;
    }
  }
  return null;
}

/** The number a name stands for: a module constant here or in a workspace module (`MAX_RETRIES`, `config.TIMEOUT`). */
export function numberBehind(file: PyFile, e: Node): number | null {
  if (e.type !== 'identifier' && e.type !== 'attribute') return null;
  return numberOf(resolveExpr(file, e));
}

function numberOf(r: Resolved): number | null {
  if (r.kind === 'number') return r.value;
  return r.kind === 'node' ? numericValue(r.file, r.node) : null;
}

/** `os.environ["X"]`, `os.environ.get("X", d)`, `os.getenv("X", d)`, `environ[...]`/`getenv(...)` imported from os. */
export function envRead(file: PyFile, e: Node): { name: string | null; fallback?: Node; span: Span } | null {
  if (e.type === 'subscript') {
    const value = e.childForFieldName('value');
    if (!value || !isEnviron(file, value)) return null;
    const key = e.childForFieldName('subscript');
    return { name: key ? stringValue(unwrap(key), (n) => file.src(n)) : null, span: file.span(e) };
  }
  if (e.type !== 'call') return null;
  const fn = e.childForFieldName('function');
  if (!fn) return null;
  const args = e.childForFieldName('arguments');
  let isRead = false;
  if (fn.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text;
    const obj = fn.childForFieldName('object');
    isRead = (method === 'get' && !!obj && isEnviron(file, obj)) || (method === 'getenv' && obj?.text === 'os' && isOsModule(file, 'os'));
  } else if (fn.type === 'identifier') {
    const b = file.imports.get(fn.text);
    isRead = !!b && b.module === 'os' && b.name === 'getenv';
  }
  if (!isRead) return null;
  const key = positional(args, 0);
  const fallback = positional(args, 1) ?? undefined;
  return { name: key ? stringValue(unwrap(key), (n) => file.src(n)) : null, fallback, span: file.span(e) };
}

function isEnviron(file: PyFile, n: Node): boolean {
  const d = dottedName(n);
  if (d === 'os.environ') return isOsModule(file, 'os');
  if (d === 'environ') {
    const b = file.imports.get('environ');
    return !!b && b.module === 'os' && b.name === 'environ';
  }
  return false;
}

function isOsModule(file: PyFile, local: string): boolean {
  const b = file.imports.get(local);
  // Scripts sometimes use `os` without a visible import (star imports, notebooks): accept an unbound `os`.
  return !b || (b.module === 'os' && b.name === null);
}

/** The keyword arguments of a call as an options bag; `args.span` is the inside of the parentheses. */
export function callArgs(file: PyFile, call: Node): ArgsFact {
  const list = call.childForFieldName('arguments');
  const callEnd = file.span(call).end;
  if (!list) return { span: null, options: {}, hasSpread: false, callArgsSpan: { start: callEnd, end: callEnd } };
  const callArgsSpan = file.span(list);
  const closed = file.text[callArgsSpan.end - 1] === ')';
  const span = { start: callArgsSpan.start + 1, end: closed ? callArgsSpan.end - 1 : callArgsSpan.end };
  const options: Record<string, OptionFact> = {};
  let hasSpread = false;
  let otherSpread = false;
  const spreadKeys = new Set<string>();
  if (list.type === 'argument_list') {
    for (const c of list.namedChildren) {
      if (c.type === 'dictionary_splat') {
        const local = localDictOptions(file, c);
        if (!local || local.hasSpread) {
          hasSpread = true;
          const name = c.namedChildren.find((n) => n.type !== 'comment');
          const parameter = !!local?.spreadIsParameter || (name?.type === 'identifier' && takesKeywordsAs(file.functionAt(name.startIndex)?.node ?? null, name.text));
          // `params = self._get_common_params(**kwargs)`, then keys set by name: what helpers return, read. A literal
          // spread in place (`**({"functions": fns} if fns else {})`) holds the keys it writes out.
          const built = !parameter && !local && name ? (name.type === 'identifier' ? spreadDictKeys(file, name) : literalSpreadKeys(file, name)) : null;
          if (built) for (const k of built.keys) spreadKeys.add(k);
          else if (!parameter) otherSpread = true;
        }
        // The literal's own keys count even when it also spreads another dict (`**({…} if stream else {})`).
        for (const [key, option] of Object.entries(local?.options ?? {})) options[key] ??= option;
      } else if (c.type === 'keyword_argument') {
        const name = c.childForFieldName('name');
        const value = c.childForFieldName('value');
        if (!name || !value) continue;
        const key = file.src(name);
        options[key] = { key, keySpan: file.span(name), span: file.span(c), value: valueFact(file, value) };
      }
    }
  }
  const known = hasSpread && !otherSpread ? { spreadIsParameter: true, ...(spreadKeys.size ? { spreadKeys: [...spreadKeys] } : {}) } : {};
  return { span, options, hasSpread, callArgsSpan, ...known };
}

/** `def f(…, **name)`: the function gathers its callers' keyword arguments under `name`. */
function takesKeywordsAs(fn: Node | null, name: string): boolean {
  const params = fn?.childForFieldName('parameters');
  return !!params?.namedChildren.some((p) => p.type === 'dictionary_splat_pattern' && p.namedChildren.some((c) => c.type === 'identifier' && c.text === name));
}

/**
 * `params = {"model": …, "messages": …}` then `create(**params)`: the dict's keys, when the name is bound once in the
 * function, by that literal, and is otherwise only read or given keys by name (`params["max_tokens"] = n`, often under
 * an `if`: such a key counts as set). Any other use (`update`, `pop`, handing the dict on) leaves the keys unknown.
 */
function localDictOptions(file: PyFile, splat: Node): ArgsFact | null {
  const name = splat.namedChildren.find((c) => c.type !== 'comment');
  if (name?.type !== 'identifier') return null;
  const value = file.soleAssignment(name);
  const fn = file.functionAt(name.startIndex);
  const built = value && fn ? builtDictArgs(file, value) : null;
  if (built && fn) {
    // Identifiers, not text: a comment that says `# build kwargs` is no use of the dict.
    const ids = identifiersNamed(file, name.text, fn.start, fn.end);
    const keyed = ids.map((id) => keyedEntry(file, id));
    // `params.update(kwargs)` with the function's own `**kwargs`: its callers' keywords join the dict.
    const updates = ids.map((id) => updatedWithKeywords(file, id, fn.node));
    // Besides reads and keys set by name, only the binding and splats (`stream(**params)` / `create(**params)`).
    const others = ids.filter((id, i) => keyed[i] === null && !updates[i] && id.parent?.type !== 'dictionary_splat');
    if (others.length === 1 && others[0].parent?.type === 'assignment' && others[0].parent.childForFieldName('left')?.id === others[0].id) {
      const args = built;
      const sets = keyed.filter((k) => k?.kind === 'set');
      for (const k of sets) {
        if (args.options[k.option.key]) continue;
        const some = givenOnSomePaths(file, sets.filter((s) => s.option.key === k.option.key).map((s) => s.assign), fn.node);
        args.options[k.option.key] = some ? { ...k.option, conditional: some } : k.option;
      }
      if (updates.some(Boolean) && !args.hasSpread) return { ...args, hasSpread: true, spreadIsParameter: true };
      return args;
    }
  }
  return moduleDictOptions(file, name.text);
}

/** `params.update(kwargs)` as a statement, `kwargs` being the `**` parameter of `fn`. */
function updatedWithKeywords(file: PyFile, id: Node, fn: Node): boolean {
  const attr = id.parent;
  if (attr?.type !== 'attribute' || attr.childForFieldName('object')?.id !== id.id || attr.childForFieldName('attribute')?.text !== 'update') return false;
  const call = attr.parent;
  if (call?.type !== 'call' || call.parent?.type !== 'expression_statement') return false;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  return args.length === 1 && args[0].type === 'identifier' && takesKeywordsAs(fn, args[0].text);
}

/** `name["key"] = value` (a key set) or a `name["key"]` read; null for any other use of the name. */
function keyedEntry(file: PyFile, id: Node): { kind: 'set'; option: OptionFact; assign: Node } | { kind: 'read' } | null {
  const sub = id.parent;
  if (sub?.type !== 'subscript' || sub.childForFieldName('value')?.id !== id.id) return null;
  const k = sub.childForFieldName('subscript');
  const key = k ? stringValue(unwrap(k), (n) => file.src(n)) : null;
  if (key === null || !k) return null;
  const assign = sub.parent;
  if (assign?.type === 'assignment' && assign.childForFieldName('left')?.id === sub.id) {
    const v = assign.childForFieldName('right');
    if (!v) return null;
    return { kind: 'set', option: { key, keySpan: file.span(k), span: file.span(assign), value: valueFact(file, v) }, assign };
  }
  if (assign?.type === 'augmented_assignment' && assign.childForFieldName('left')?.id === sub.id) return null;
  return { kind: 'read' };
}

/**
 * `settings = {"model": …, "temperature": 0}` at module level, then `create(…, **settings)`: the dict's keys, when the
 * module binds the name only to dict literals (one, or one per branch: `if use_litellm: … else: settings = {}`) and
 * every other mention in the file is a `**settings` splat, a key set by name (`settings["tools"] = tools`, in any
 * function) or a `settings.pop(…)` statement. The keys are those of any literal or set by name; a value counts only
 * when it is the same in every literal and never set elsewhere (else the key may be sent, with a value unseen).
 */
function moduleDictOptions(file: PyFile, name: string): ArgsFact | null {
  const assigns = file.moduleAssigns.get(name);
  if (!assigns?.length || assigns.some((v) => file.functionAt(v.startIndex))) return null;
  const built = assigns.map((v) => builtDictArgs(file, v));
  if (built.some((x) => x === null)) return null;
  const setByName: OptionFact[] = [];
  let targets = 0;
  for (const id of wordNodes(file, name, (n) => n)) {
    const p = id.parent;
    if (p?.type === 'dictionary_splat') continue;
    if (p?.type === 'assignment' && p.childForFieldName('left')?.id === id.id && !file.functionAt(id.startIndex)) {
      targets++;
      continue;
    }
    if (poppedAsStatement(id)) continue;
    const keyed = keyedEntry(file, id);
    if (keyed?.kind === 'set') {
      setByName.push(keyed.option);
      continue;
    }
    return null;
  }
  if (targets !== assigns.length) return null;
  const each = built as ArgsFact[];
  if (each.length === 1 && !setByName.length) return each[0];
  if (each.some((a) => a.hasSpread)) return null;
  const options: Record<string, OptionFact> = {};
  for (const args of each) {
    for (const [key, option] of Object.entries(args.options)) {
      const same = each.every((a) => a.options[key] && file.text.slice(a.options[key].value.span.start, a.options[key].value.span.end) === file.text.slice(option.value.span.start, option.value.span.end));
      options[key] ??= same ? option : overridable(file, option);
    }
  }
  for (const option of setByName) options[option.key] = overridable(file, options[option.key] ?? option);
  return { span: each[0].span, options, hasSpread: false, callArgsSpan: each[0].callArgsSpan };
}

/** `name.pop("key")` as a statement of its own: the dict loses a key, which adds none. */
function poppedAsStatement(id: Node): boolean {
  const attr = id.parent;
  if (attr?.type !== 'attribute' || attr.childForFieldName('object')?.id !== id.id || attr.childForFieldName('attribute')?.text !== 'pop') return false;
  return attr.parent?.type === 'call' && attr.parent.parent?.type === 'expression_statement';
}

/** The options of a dict a name is bound to: a `{…}` literal, or `dict(k=…)`, which builds the same dict. */
function builtDictArgs(file: PyFile, value: Node): ArgsFact | null {
  const e = unwrap(value);
  if (e.type === 'dictionary') return dictArgs(file, e);
  return e.type === 'call' && e.childForFieldName('function')?.text === 'dict' ? dictCallArgs(file, e) : null;
}

/**
 * `dict(model=…, stream=…)` as an options bag: its keyword arguments. A positional argument (`dict(base, k=…)`) or a
 * `**spread` brings keys that cannot be seen. Spans are the call's, so an option added to it is a keyword argument.
 */
function dictCallArgs(file: PyFile, call: Node): ArgsFact | null {
  const list = call.childForFieldName('arguments');
  if (list?.type !== 'argument_list') return null;
  const callArgsSpan = file.span(list);
  const options: Record<string, OptionFact> = {};
  let hasSpread = false;
  for (const c of list.namedChildren) {
    if (c.type === 'comment') continue;
    const name = c.type === 'keyword_argument' ? c.childForFieldName('name') : null;
    const value = c.type === 'keyword_argument' ? c.childForFieldName('value') : null;
    if (!name || !value) {
      hasSpread = true;
      continue;
    }
    const key = file.src(name);
    options[key] = { key, keySpan: file.span(name), span: file.span(c), value: valueFact(file, value) };
  }
  return { span: { start: callArgsSpan.start + 1, end: callArgsSpan.end - 1 }, options, hasSpread, callArgsSpan };
}

/**
 * A dict literal as an options bag (string keys only; `**x` and computed keys make it open). A key a later `**spread`
 * may set is still there, but its value is unknown: `{"timeout": 30, **extra}` may send any timeout.
 */
export function dictArgs(file: PyFile, dict: Node, callArgsSpan?: Span): ArgsFact {
  const options: Record<string, OptionFact> = {};
  let hasSpread = false;
  for (const c of dict.namedChildren) {
    if (c.type === 'dictionary_splat') {
      hasSpread = true;
      const spread = c.namedChildren.find((n) => n.type !== 'comment');
      const keys = spread ? spreadKeys(file, spread) : null;
      for (const [key, option] of Object.entries(options)) if (keys === null || keys.has(key)) options[key] = overridable(file, option);
    } else if (c.type === 'pair') {
      const k = c.childForFieldName('key');
      const v = c.childForFieldName('value');
      const key = k ? stringValue(unwrap(k), (n) => file.src(n)) : null;
      if (key === null || !k || !v) {
        hasSpread = true;
        continue;
      }
      options[key] = { key, keySpan: file.span(k), span: file.span(c), value: valueFact(file, v) };
    }
  }
  const span = file.span(dict);
  return { span, options, hasSpread, callArgsSpan: callArgsSpan ?? span };
}

/** The option with its value made unknown: a later spread may replace it. */
function literalSpreadKeys(file: PyFile, expr: Node): { keys: Set<string> } | null {
  const keys = spreadKeys(file, expr);
  return keys && { keys };
}

function overridable(file: PyFile, option: OptionFact): OptionFact {
  const span = option.value.span;
  return { ...option, value: { kind: 'dynamic', span, text: file.text.slice(span.start, span.end) } };
}

/**
 * The keys a `**spread` in a dict literal may set, when they can be seen: those of a dict literal, of `dict(k=…)`, or
 * of either branch of a conditional between such (`**({"stream_options": …} if stream else {})`). Null when the spread
 * may hold any key (`**extra`, `**get_params()`).
 */
function spreadKeys(file: PyFile, expr: Node): Set<string> | null {
  const e = unwrap(expr);
  if (e.type === 'conditional_expression') {
    const [then, , otherwise] = e.namedChildren.filter((c) => c.type !== 'comment');
    const a = then ? spreadKeys(file, then) : null;
    const b = otherwise ? spreadKeys(file, otherwise) : null;
    return a && b ? new Set([...a, ...b]) : null;
  }
  if (e.type === 'dictionary') {
    const keys = new Set<string>();
    for (const c of e.namedChildren) {
      if (c.type === 'comment') continue;
      if (c.type === 'pair') {
        const k = c.childForFieldName('key');
        const key = k ? stringValue(unwrap(k), (n) => file.src(n)) : null;
        if (key === null) return null;
        keys.add(key);
      } else if (c.type === 'dictionary_splat') {
        const inner = c.namedChildren.find((n) => n.type !== 'comment');
        const more = inner ? spreadKeys(file, inner) : null;
        if (!more) return null;
        for (const k of more) keys.add(k);
      } else return null;
    }
    return keys;
  }
  if (e.type === 'call' && e.childForFieldName('function')?.text === 'dict') {
    const list = e.childForFieldName('arguments');
    const args = list?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
    if (list?.type !== 'argument_list' || !args.every((a) => a.type === 'keyword_argument')) return null;
    return new Set(args.map((a) => a.childForFieldName('name')?.text ?? ''));
  }
  return null;
}

/** How `int(…)` and `float(…)` read a string default, or null where Python would raise. */
const NUMBER_PARSERS: Record<string, (text: string) => number | null> = {
  int: (t) => (/^\s*[+-]?\d+(_\d+)*\s*$/.test(t) ? parseInt(t.replace(/_/g, ''), 10) : null),
  float: (t) => (/^\s*[+-]?(\d+(_\d+)*)?(\.\d*)?([eE][+-]?\d+)?\s*$/.test(t) && /\d/.test(t) ? parseFloat(t.replace(/_/g, '')) : null),
};

/**
 * A number read from the environment with a literal default, and that default: `int(os.environ.get("X", "64000"))`,
 * `int(os.getenv("X") or 64000)`, `float(os.environ.get("X", 0.5))`, directly or through a name bound to it (a module
 * constant here or in a workspace module), or a pydantic-settings field with a number default. Null for anything else,
 * such as `int(os.environ["X"])` (no default).
 */
export function envDefaultNumber(file: PyFile, expr: Node, depth = 0): { value: number; env: string | null } | null {
  const e = unwrap(expr);
  if ((e.type === 'identifier' || e.type === 'attribute') && depth < 4) {
    const fact = valueFact(file, e);
    if (fact.kind === 'env') {
      const fallback = fact.fallback;
      const value = fallback?.kind === 'number' ? fallback.value : fallback?.kind === 'string' ? NUMBER_PARSERS.int(fallback.value) : null;
      return value !== null && value > 0 ? { value, env: fact.name } : null;
    }
    const r = resolveExpr(file, e);
    return r.kind === 'node' ? envDefaultNumber(r.file, r.node, depth + 1) : null;
  }
  if (e.type !== 'call') return null;
  const fn = e.childForFieldName('function')?.text ?? '';
  const parser = Object.hasOwn(NUMBER_PARSERS, fn) ? NUMBER_PARSERS[fn] : null;
  const args = e.childForFieldName('arguments');
  const arg = positional(args, 0);
  if (!parser || !arg || positional(args, 1) || (args?.namedChildren.length ?? 0) > 1) return null;
  let read = unwrap(arg);
  let fallback: Node | undefined;
  // `int(os.getenv("X") or "64000")`: an unset variable reads None, which `or` replaces.
  if (read.type === 'boolean_operator' && read.child(1)?.type === 'or') {
    fallback = read.childForFieldName('right') ?? undefined;
    read = unwrap(read.childForFieldName('left') ?? read);
    if (!envRead(file, read) || envRead(file, read)?.fallback) return null;
  }
  const env = envRead(file, read);
  fallback ??= env?.fallback;
  if (!env || !fallback) return null;
  const f = unwrap(fallback);
  const text = f.type === 'string' ? stringValue(f, (n) => file.src(n)) : null;
  const value = text !== null ? parser(text) : numericValue(file, f);
  return value !== null && Number.isFinite(value) && value > 0 ? { value, env: env.name } : null;
}
