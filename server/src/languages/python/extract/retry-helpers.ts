// The application's own retry helpers: `with_retry(lambda: client.chat.completions.create(...), retries=5)`, where
// `with_retry` (in this module, another workspace module, or a method of the class) calls the callback in a retry
// loop, or calls itself again from its `except` with one try fewer.
import type { RetryConstruct } from '../../../core/types';
import { codeText } from './code-text';
import { catchesEverything } from './except-clauses';
import type { FnInfo, PyFile } from './file-context';
import { callArguments, type Node } from './syntax';

/** What a helper does with a callback, as plain data (importers read it from the module summary). */
export interface RetryHelper {
  name: string;
  /** Where the callback goes: its position among the call's positional arguments, and its parameter name. */
  callback: { index: number; name: string };
  /** The retry layer, with the attempts the helper's defaults give. */
  construct: RetryConstruct;
  /** The parameter that sets the count: attempts = its value + delta. */
  count?: { index: number | null; name: string; delta: number };
  /** A decorator whose wrapper iterates the decorated generator inside its retried try (`yield from func(…)`). */
  drivesGenerator?: boolean;
}

/** Builds the retry construct of the loop (or recursion) that runs `invocation`, reading names through `leaf`. */
export type LoopReader = (loop: Node, invocation: Node, file: PyFile, leaf: (name: string) => number | null) => RetryConstruct | null;

interface Param {
  name: string;
  /** Position for positional arguments; null for keyword-only parameters (after `*` or `*args`). */
  index: number | null;
  default: Node | null;
}

const cache = new WeakMap<FnInfo, RetryHelper | null>();

/** The helper description of `fn`, or null when it does not retry a callback it is given. */
export function retryHelperOf(file: PyFile, fn: FnInfo, readLoop: LoopReader, constant: (n: Node) => number | null): RetryHelper | null {
  if (cache.has(fn)) return cache.get(fn)!;
  let found: RetryHelper | null = null;
  const source = file.src(fn.node);
  if (/\btry\s*:/.test(source) && /\bexcept\b/.test(source)) found = describe(file, fn, readLoop, constant);
  cache.set(fn, found);
  return found;
}

function describe(file: PyFile, fn: FnInfo, readLoop: LoopReader, constant: (n: Node) => number | null): RetryHelper | null {
  const params = parametersOf(fn);
  const body = fn.node.childForFieldName('body');
  if (!body) return null;
  for (const cb of params) {
    const invocation = invocationOf(body, cb.name);
    if (!invocation) continue;
    const counts = params.filter((p) => p !== cb);
    const read = (probe: Param | null, value: number | null): RetryConstruct | null => {
      const leaf = (name: string): number | null => {
        const p = counts.find((x) => x.name === name);
        if (!p) return null;
        if (p === probe) return value;
        return p.default ? constant(p.default) : null;
      };
      let loop: Node | null = invocation.parent;
      while (loop && loop.startIndex >= body.startIndex && loop.type !== 'for_statement' && loop.type !== 'while_statement') loop = loop.parent;
      if (loop && loop.startIndex >= body.startIndex) return readLoop(loop, invocation, file, leaf);
      return recursion(file, fn, invocation, params, leaf);
    };
    const construct = read(null, null);
    if (!construct) return null;
    const count = countParameter(counts, read);
    return { name: fn.name, callback: { index: cb.index ?? -1, name: cb.name }, construct: { ...construct, label: fn.name }, ...(count ? { count } : {}) };
  }
  return null;
}

/**
 * The parameter that sets the count: the one whose value moves the attempts one for one (read with probe values, so
 * `range(retries)`, `range(retries + 1)` and `while attempt < retries` all come out as attempts = value + delta).
 */
function countParameter(params: Param[], read: (probe: Param | null, value: number | null) => RetryConstruct | null): RetryHelper['count'] {
  for (const p of params) {
    const a = read(p, 1000)?.attempts;
    const b = read(p, 2000)?.attempts;
    if (a != null && b != null && b - a === 1000) return { index: p.index, name: p.name, delta: a - 1000 };
  }
  return undefined;
}

/** The attempts a call of the helper asks for: the argument given for the count, else the helper's default. */
export function attemptsForCall(helper: RetryHelper, args: Node | null, constant: (n: Node) => number | null): number | null {
  const c = helper.count;
  if (!c) return helper.construct.attempts;
  const { positional, keywords, listSplats, dictSplats } = callArguments(args);
  const kw = keywords.find((k) => k.name === c.name);
  if (kw) {
    const v = constant(kw.value);
    return v === null ? null : Math.max(0, v + c.delta);
  }
  if (c.index !== null) {
    if (listSplats.length) return null;
    const given = positional[c.index];
    if (given) {
      const v = constant(given);
      return v === null ? null : Math.max(0, v + c.delta);
    }
  }
  return dictSplats.length ? null : helper.construct.attempts;
}

/** Which argument of a call is the callback: its positional index (self excluded) or its keyword. */
export function callbackMatches(helper: RetryHelper, args: Node | null, arg: Node): boolean {
  const { positional, keywords } = callArguments(args);
  const kw = keywords.find((k) => k.value.startIndex === arg.startIndex && k.value.endIndex === arg.endIndex);
  if (kw) return kw.name === helper.callback.name;
  const at = positional.findIndex((p) => p.startIndex === arg.startIndex && p.endIndex === arg.endIndex);
  return at >= 0 && at === helper.callback.index;
}

function parametersOf(fn: FnInfo): Param[] {
  const list = fn.node.childForFieldName('parameters');
  const out: Param[] = [];
  let index: number | null = 0;
  for (const p of list?.namedChildren ?? []) {
    if (p.type === 'list_splat_pattern' || p.type === 'keyword_separator' || p.type === 'dictionary_splat_pattern') {
      index = null;
      continue;
    }
    if (p.type === 'positional_separator' || p.type === 'comment') continue;
    const name = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier'));
    if (!name || name.type !== 'identifier') continue;
    out.push({ name: name.text, index, default: p.childForFieldName('value') });
    if (index !== null) index++;
  }
  // A method's first parameter is the instance (or the class), not an argument of the call.
  if (fn.cls && out[0] && !fn.decorators.some((d) => /staticmethod/.test(d.text))) return out.slice(1).map((p) => ({ ...p, index: p.index === null ? null : p.index - 1 }));
  return out;
}

/** The first call of parameter `name` in the body, outside nested functions and lambdas. */
function invocationOf(body: Node, name: string): Node | null {
  const walk = (n: Node): Node | null => {
    if (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') return null;
    if (n.type === 'call') {
      const f = n.childForFieldName('function');
      if (f?.type === 'identifier' && f.text === name) return n;
    }
    for (const c of n.namedChildren) {
      const hit = walk(c);
      if (hit) return hit;
    }
    return null;
  };
  return walk(body);
}

/**
 * `try: return fn() except Exception: if retries <= 0: raise; time.sleep(d); return with_retry(fn, retries - 1)`: the
 * helper calls itself from its `except` with the count one lower, so a call makes count + 1 attempts.
 */
function recursion(file: PyFile, fn: FnInfo, invocation: Node, params: Param[], leaf: (name: string) => number | null): RetryConstruct | null {
  let tryStmt: Node | null = invocation.parent;
  while (tryStmt && tryStmt.type !== 'try_statement' && tryStmt.type !== 'function_definition') tryStmt = tryStmt.parent;
  if (!tryStmt || tryStmt.type !== 'try_statement') return null;
  const handlers = tryStmt.namedChildren.filter((c) => c.type === 'except_clause');
  for (const h of handlers) {
    for (const call of h.descendantsOfType('call')) {
      const f = call.childForFieldName('function');
      const callsItself = f && (f.text === fn.name || f.text === `self.${fn.name}` || f.text === `cls.${fn.name}`);
      if (!callsItself) continue;
      const { positional, keywords } = callArguments(call.childForFieldName('arguments'));
      const lowered = (a: Node) => /^\s*([A-Za-z_]\w*)\s*-\s*1\s*$/.exec(file.src(a))?.[1];
      let countName: string | undefined;
      for (const k of keywords) if (lowered(k.value) === k.name) countName = k.name;
      positional.forEach((a, i) => {
        const name = lowered(a);
        if (name && params.find((p) => p.index === i)?.name === name) countName = name;
      });
      if (!countName) continue;
      const count = leaf(countName);
      const text = file.src(h);
      // Shapes from the code alone (`"**ERROR**"` is no exponent); an exponent has an operand on its left, `**kwargs` not.
      const code = codeText(file, h);
      const sleeps = /\b(sleep|delay|wait|backoff)\b/i.test(code);
      return {
        kind: 'loop',
        label: fn.name,
        subject: `helper ${fn.name}`,
        attempts: count === null ? null : count + 1,
        source: 'explicit',
        path: file.path,
        span: file.span(tryStmt),
        headSpan: file.span(f),
        backoff: !sleeps ? 'none' : /[\w)\]]\s*\*\*|\*\s*2\b|exponential|backoff/i.test(code + '\n' + codeText(file, call)) ? 'exponential' : 'constant',
        jitter: sleeps && /random|jitter|uniform/i.test(text),
        catchesAll: catchesEverything(file, h),
        bounded: true,
      };
    }
  }
  return null;
}

const decoratorCache = new WeakMap<FnInfo, RetryHelper | null>();

/**
 * A retry decorator written in the workspace: `def retry(func)` whose wrapper calls `func` in a retry loop, or a
 * factory `def retry_on_error(max_retries=3)` returning such a decorator. The count is read from the factory's
 * parameters (`@retry_on_error(max_retries=5)`), like a helper's.
 */
export function retryDecoratorOf(file: PyFile, fn: FnInfo, readLoop: LoopReader, constant: (n: Node) => number | null): RetryHelper | null {
  if (decoratorCache.has(fn)) return decoratorCache.get(fn)!;
  let found: RetryHelper | null = null;
  const source = file.src(fn.node);
  if (/\btry\s*:/.test(source) && /\bexcept\b/.test(source) && /\b(for|while)\b/.test(source)) found = describeDecorator(file, fn, readLoop, constant);
  decoratorCache.set(fn, found);
  return found;
}

function describeDecorator(file: PyFile, fn: FnInfo, readLoop: LoopReader, constant: (n: Node) => number | null): RetryHelper | null {
  const body = fn.node.childForFieldName('body');
  if (!body) return null;
  // The function that receives the decorated function: this one (`def retry(func)`), or a `def decorator(func)` inside.
  const inner = body.namedChildren.find((c) => c.type === 'function_definition' || (c.type === 'decorated_definition' && c.namedChildren.some((x) => x.type === 'function_definition')));
  const innerDef = inner?.type === 'decorated_definition' ? inner.namedChildren.find((x) => x.type === 'function_definition') ?? null : inner ?? null;
  const factoryParams = parametersOf(fn);
  const candidates: Array<{ holder: Node; param: string; config: Param[] }> = [];
  if (factoryParams.length === 1) candidates.push({ holder: fn.node, param: factoryParams[0].name, config: [] });
  if (innerDef) {
    const names = innerDef.childForFieldName('parameters')?.namedChildren.filter((p) => p.type === 'identifier') ?? [];
    if (names.length === 1) candidates.push({ holder: innerDef, param: names[0].text, config: factoryParams });
  }
  for (const { holder, param, config } of candidates) {
    const holderBody = holder.childForFieldName('body');
    // The call of the decorated function, inside the wrapper the decorator returns.
    const invocation = holderBody?.descendantsOfType('call').find((c) => {
      const f = c.childForFieldName('function');
      return f?.type === 'identifier' && f.text === param && file.functionAt(c.startIndex)?.node.id !== holder.id;
    });
    if (!invocation) continue;
    const driving = drivesGenerator(invocation);
    // `for chunk in func(…): yield chunk` iterates the generator: the retry loop is the one around that loop.
    let loop: Node | null = driving && invocation.parent?.type === 'for_statement' ? invocation.parent.parent : invocation.parent;
    while (loop && loop.id !== holder.id && loop.type !== 'for_statement' && loop.type !== 'while_statement' && loop.type !== 'function_definition') loop = loop.parent;
    if (!loop || (loop.type !== 'for_statement' && loop.type !== 'while_statement')) continue;
    const read = (probe: Param | null, value: number | null): RetryConstruct | null =>
      readLoop(loop!, invocation, file, (name) => {
        const p = config.find((x) => x.name === name);
        if (!p) return null;
        if (p === probe) return value;
        return p.default ? constant(p.default) : null;
      });
    const construct = read(null, null);
    if (!construct) continue;
    const count = countParameter(config, read);
    const { loopFix: _ignored, ...rest } = construct;
    void _ignored;
    return { name: fn.name, callback: { index: 0, name: param }, construct: { ...rest, label: fn.name }, ...(count ? { count } : {}), ...(driving ? { drivesGenerator: true } : {}) };
  }
  return null;
}

/** `yield from func(*args, **kwargs)` or `for item in func(…): yield item`: the wrapper runs the generator it is given. */
function drivesGenerator(invocation: Node): boolean {
  const p = invocation.parent;
  if (p?.type === 'yield') return /^yield\s+from\b/.test(p.text);
  return p?.type === 'for_statement' && p.childForFieldName('right')?.id === invocation.id && (p.childForFieldName('body')?.descendantsOfType('yield').length ?? 0) > 0;
}
