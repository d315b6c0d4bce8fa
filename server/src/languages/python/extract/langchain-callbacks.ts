// Callbacks handed to a LangChain run: `chain.invoke(q, config={"callbacks": [langfuse_handler]})`,
// `RunnableConfig(callbacks=…)`, or `ChatOpenAI(callbacks=[…])` where its model is built. A tracer (Langfuse's
// CallbackHandler, LangSmith's tracer) may be among them: the run may be traced.
import type { ClientFact, ValueFact } from '../../../core/types';
import type { PyFile } from './file-context';
import { stringValue } from './strings';
import { callArguments, unwrap, type Node } from './syntax';

/** How far a config is followed through names (`config = {"callbacks": cbs}` then `invoke(q, config)`). */
const MAX_HOPS = 2;

/** Whether a LangChain run (`chain.invoke(input, config)`) or the model it runs is handed a non-empty callbacks list. */
export function runHandsCallbacks(file: PyFile, call: Node, client: ClientFact | null): boolean {
  const { keywords, positional } = callArguments(call.childForFieldName('arguments'));
  const config = keywords.find((k) => k.name === 'config')?.value ?? positional[1];
  if (config && configHandsCallbacks(file, config, 0)) return true;
  const built = client?.args.options.callbacks?.value;
  return !!built && !emptyValue(built);
}

/** A config dict (`{"callbacks": [h]}`), `RunnableConfig(callbacks=[h])` or `dict(callbacks=…)`, or a name bound to one. */
function configHandsCallbacks(file: PyFile, expr: Node, hops: number): boolean {
  const e = unwrap(expr);
  if (e.type === 'identifier') {
    const bound = hops < MAX_HOPS ? file.boundValue(e.text, e.startIndex) : null;
    return !!bound && configHandsCallbacks(file, bound, hops + 1);
  }
  if (e.type === 'dictionary') {
    for (const pair of e.namedChildren) {
      if (pair.type !== 'pair') continue;
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      if (key && value && stringValue(unwrap(key), (n) => file.src(n)) === 'callbacks') return !emptyList(value);
    }
    return false;
  }
  if (e.type !== 'call' || !/^(RunnableConfig|dict)$/.test(e.childForFieldName('function')?.text.replace(/^.*\./, '') ?? '')) return false;
  const given = callArguments(e.childForFieldName('arguments')).keywords.find((k) => k.name === 'callbacks')?.value;
  return !!given && !emptyList(given);
}

/** `[]`, `()` or `None`: nothing handed over. */
function emptyList(n: Node): boolean {
  const e = unwrap(n);
  return ((e.type === 'list' || e.type === 'tuple') && e.namedChildren.every((c) => c.type === 'comment')) || e.type === 'none';
}

function emptyValue(v: ValueFact): boolean {
  return v.kind === 'null' || (v.kind === 'array' && v.elements.length === 0);
}
