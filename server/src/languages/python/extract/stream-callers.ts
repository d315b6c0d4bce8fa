// Which calls of a wrapper around an LLM request turn its streaming on: the request's `stream` is the wrapper's to set.
import type { ArgsFact, Span, ValueFact } from '../../../core/types';
import { callsOf } from './callers';
import type { FnInfo, PyFile } from './file-context';
import { callArguments, parameterList, unwrap, within } from './syntax';
import { callArgs } from './values';

/** A call that turns streaming on; `byDefault` when it leaves out a parameter that defaults to True. */
export type StreamingCaller = { span: Span; args: ArgsFact; byDefault?: true };

/** `self._create(messages=m, stream=True)`: calls of `fn` in the module, outside it, that turn streaming on through its `**kwargs`. */
export function callersPassingStream(file: PyFile, fn: FnInfo): StreamingCaller[] {
  // `stream=True` lands in `**kwargs` only when no parameter of that name takes it (a spread dict with written-out
  // keys does not hold it at all).
  const gathers = fn.node.childForFieldName('parameters')?.namedChildren.some((p) => p.type === 'dictionary_splat_pattern');
  if (!gathers || fn.params.includes('stream')) return [];
  return callersSetting(file, fn, 'stream', null, false);
}

/**
 * `stream=stream` (also in a dict the call spreads) where `stream` is a parameter of the enclosing function that it
 * never rebinds: the calls of that function in the module that pass it True, by name or position, or leave out one
 * that defaults to True.
 */
export function callersTurningOnFlag(file: PyFile, fn: FnInfo, flag: ValueFact): StreamingCaller[] {
  if (flag.kind !== 'dynamic' || !/^[A-Za-z_]\w*$/.test(flag.text)) return [];
  if (flag.span.start < fn.start || flag.span.end > fn.end || file.bindingsIn(fn).get(flag.text)?.length) return [];
  const params = parameterList(fn.node);
  const i = params.findIndex((p) => p.id.text === flag.text);
  const param = params[i];
  if (!param) return [];
  const receiver = fn.cls && /^(self|cls)$/.test(params[0]?.id.text ?? '') ? 1 : 0;
  const defaultsOn = !!param.default && unwrap(param.default).type === 'true';
  return callersSetting(file, fn, flag.text, param.positional ? i - receiver : null, defaultsOn);
}

function callersSetting(file: PyFile, fn: FnInfo, name: string, position: number | null, defaultsOn: boolean): StreamingCaller[] {
  const out: StreamingCaller[] = [];
  for (const c of callsOf(file, fn)) {
    if (within(c, fn.node)) continue;
    const { keywords, positional, listSplats, dictSplats } = callArguments(c.childForFieldName('arguments'));
    const byName = keywords.find((k) => k.name === name)?.value;
    const passed = byName ?? (position !== null && !listSplats.length ? positional[position] : undefined);
    // A caller's `*args` / `**kw` may fill the parameter with anything.
    const on = passed ? unwrap(passed).type === 'true' : defaultsOn && !listSplats.length && !dictSplats.length;
    if (on) out.push({ span: file.span(c), args: callArgs(file, c), ...(passed ? {} : { byDefault: true as const }) });
  }
  return out;
}
