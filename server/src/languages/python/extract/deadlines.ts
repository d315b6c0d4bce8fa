// Deadlines that asyncio (or anyio, trio, async_timeout) puts around a call: they cancel it whatever the client's own
// timeout says.
import type { PyFile } from './file-context';
import { keyword, positional, type Node } from './syntax';
import { numericValue } from './values';

/** Context managers that cancel what runs inside after a number of seconds. */
const DEADLINE_SCOPE = /^(asyncio|anyio|async_timeout|trio)\.(timeout|fail_after|move_on_after)$|^(timeout|fail_after|move_on_after)$/;

/**
 * The seconds of a deadline the call runs under — `async with asyncio.timeout(25):` around it, or
 * `await asyncio.wait_for(call, timeout=20)` — null when one is there but its length cannot be read, undefined when
 * there is none (`asyncio.timeout(None)` sets none).
 */
export function deadlineAround(call: Node, file: PyFile): number | null | undefined {
  const own = directDeadline(call, file);
  return own !== undefined ? own : deadlineAroundCallsOfLocalFunction(call, file);
}

/**
 * `async def _call(): … create(…) …` nested in a function that runs it as `await asyncio.wait_for(_call(), timeout=8)`:
 * a local function is only called where it is defined, so when every call of it there runs under a deadline, so does
 * the request inside (the shortest one that can be read; null when one cannot).
 */
function deadlineAroundCallsOfLocalFunction(call: Node, file: PyFile): number | null | undefined {
  let fn: Node | null = call.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  let outer: Node | null = fn?.parent ?? null;
  while (outer && outer.type !== 'function_definition') outer = outer.parent;
  const name = fn?.childForFieldName('name')?.text;
  const body = outer?.childForFieldName('body');
  if (!fn || !name || !body) return undefined;
  const deadlines: Array<number | null | undefined> = [];
  for (const c of body.descendantsOfType('call')) {
    const callee = c.childForFieldName('function');
    if (callee?.type === 'identifier' && callee.text === name && !(c.startIndex >= fn.startIndex && c.endIndex <= fn.endIndex)) deadlines.push(directDeadline(c, file));
  }
  if (!deadlines.length || deadlines.some((d) => d === undefined)) return undefined;
  return deadlines.some((d) => d === null) ? null : Math.min(...(deadlines as number[]));
}

function directDeadline(call: Node, file: PyFile): number | null | undefined {
  let top = call;
  while (top.parent && (top.parent.type === 'await' || top.parent.type === 'parenthesized_expression')) top = top.parent;
  const args = top.parent?.type === 'argument_list' ? top.parent : null;
  const outer = args?.parent?.type === 'call' ? args.parent : null;
  if (outer && positional(args, 0)?.id === top.id && /(^|\.)wait_for$/.test(outer.childForFieldName('function')?.text ?? '')) {
    return seconds(file, keyword(args, 'timeout') ?? positional(args, 1));
  }
  for (let p = call.parent; p && p.type !== 'function_definition' && p.type !== 'lambda'; p = p.parent) {
    if (p.type !== 'with_statement') continue;
    for (const item of p.namedChildren.find((c) => c.type === 'with_clause')?.namedChildren ?? []) {
      const v = item.type === 'with_item' ? item.childForFieldName('value') : null;
      const cm = v?.type === 'as_pattern' ? v.namedChildren[0] : v;
      if (cm?.type !== 'call' || !DEADLINE_SCOPE.test(cm.childForFieldName('function')?.text ?? '')) continue;
      const cmArgs = cm.childForFieldName('arguments');
      const s = seconds(file, positional(cmArgs, 0) ?? keyword(cmArgs, 'delay') ?? keyword(cmArgs, 'seconds'));
      if (s !== undefined) return s;
    }
  }
  return undefined;
}

function seconds(file: PyFile, n: Node | null): number | null | undefined {
  if (!n) return null;
  if (n.type === 'none') return undefined;
  return numericValue(file, n);
}
