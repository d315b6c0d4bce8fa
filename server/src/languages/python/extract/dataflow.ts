// Where a value goes inside a function: the variable it is bound to and the variables computed from it.
import { escapeRegExp } from '../../../core/text';
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

/**
 * A binding and the local variables computed from it (`rows` → `history = [... for m in rows]`) or filled from it
 * (`for m in rows: messages.append(…)`, `messages.extend(rows)`, `messages += rows`).
 */
export function derivedNames(file: PyFile, fn: FnInfo, name: string, options: { exceptSlices?: boolean } = {}): string[] {
  const out = [name];
  const bindings = file.bindingsIn(fn);
  for (let round = 0; round < 3; round++) {
    let added = false;
    const mentions = (node: Node) => out.some((n) => wordRe(n).test(file.src(node)));
    const windowOf = (node: Node) => isSlice(node) || out.every((n) => !wordRe(n).test(file.src(node)) || onlySliced(file.src(node), n));
    const candidates = [...bindings].filter(([, list]) => list.some((b) => b.value && mentions(b.value) && !(options.exceptSlices && windowOf(b.value)))).map(([other]) => other);
    for (const other of [...candidates, ...filledFrom(file, fn, mentions)]) {
      if (out.includes(other)) continue;
      out.push(other);
      added = true;
    }
    if (!added) break;
  }
  return out;
}

/**
 * Every mention of `name` in `text` takes a slice of it (`msgs[-MAX_HISTORY:]`, `history[-10:] + [...]`): only a
 * window of it is used there.
 */
export function onlySliced(text: string, name: string): boolean {
  const escaped = escapeRegExp(name);
  const all = text.match(new RegExp(`(?<![\\w.])${escaped}\\b`, 'g'))?.length ?? 0;
  const sliced = [...text.matchAll(new RegExp(`(?<![\\w.])${escaped}\\s*\\[([^\\]\\[]*:[^\\]\\[]*)\\]`, 'g'))].filter((m) => boundedSlice(m[1])).length;
  return all > 0 && all === sliced;
}

/** A slice with a start or a stop (`-10:`, `:20`), not a copy or a reversal (`:`, `::-1`). */
function boundedSlice(inside: string): boolean {
  const [start, stop] = inside.split(':').map((x) => (x ?? '').trim());
  // All of it but a few items at the ends (`[:-1]` leaves out the message just saved, `[1:]` the system prompt):
  // as long as the whole. Anything else (`[-20:]`, `[:n]`, `[len(h) - MAX:]`) is taken for a window.
  if (/^\d{0,2}$/.test(start) && /^(-\d{1,2})?$/.test(stop ?? '')) return false;
  return start !== '' || (stop ?? '') !== '';
}

/** `rows[-20:]`, `list(rows)[:10]`: a window of a sequence. */
export function isSlice(value: Node): boolean {
  let e = value;
  while (e.type === 'parenthesized_expression' && e.namedChildren[0]) e = e.namedChildren[0];
  return e.type === 'subscript' && e.namedChildren.some((c) => c.type === 'slice' && boundedSlice(c.text));
}

const FILL = new Set(['append', 'extend', 'insert']);

/** Lists of the function filled from what `mentions` accepts: in a loop over it, or by passing it to append/extend/+=. */
function filledFrom(file: PyFile, fn: FnInfo, mentions: (node: Node) => boolean): string[] {
  const out: string[] = [];
  for (const n of fn.node.descendantsOfType(['for_statement', 'call', 'augmented_assignment'])) {
    if (file.functionAt(n.startIndex) !== fn) continue;
    if (n.type === 'for_statement') {
      const right = n.childForFieldName('right');
      const body = n.childForFieldName('body');
      if (right && body && mentions(right)) out.push(...filledIn(body));
    } else if (n.type === 'call') {
      const target = fillTarget(n);
      const args = n.childForFieldName('arguments');
      if (target && args && mentions(args)) out.push(target);
    } else {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left?.type === 'identifier' && right && n.child(1)?.type === '+=' && mentions(right)) out.push(left.text);
    }
  }
  return out;
}

/** `messages.append(…)` → `messages`. */
function fillTarget(call: Node): string | null {
  const f = call.childForFieldName('function');
  if (f?.type !== 'attribute') return null;
  const obj = f.childForFieldName('object');
  return obj?.type === 'identifier' && FILL.has(f.childForFieldName('attribute')?.text ?? '') ? obj.text : null;
}

/** The lists a loop body fills (`messages.append(…)`, `messages += […]`). */
export function filledIn(body: Node): string[] {
  const out: string[] = [];
  for (const n of body.descendantsOfType(['call', 'augmented_assignment'])) {
    const target = n.type === 'call' ? fillTarget(n) : n.childForFieldName('left')?.type === 'identifier' && n.child(1)?.type === '+=' ? n.childForFieldName('left')!.text : null;
    if (target) out.push(target);
  }
  return out;
}
