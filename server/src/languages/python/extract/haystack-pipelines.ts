// Haystack 2 pipelines built in code: `pipe = Pipeline()`, `pipe.add_component("llm", OpenAIChatGenerator(…))`, then
// `pipe.run({…})`. Each run runs every component it reaches, the generator among them: the run is a call of that
// generator, with its settings (catalogue `haystack-openai`; what a run does: `HAYSTACK_PIPELINES`).
import type { ClientFact } from '../../../core/types';
import type { PyFile } from './file-context';
import { resolveExpr } from './resolve';
import { callArguments, enclosingFunction, type Node } from './syntax';
import { callOfName, nodesMatching } from './text-search';

/** `haystack.Pipeline` / `AsyncPipeline`, also from `haystack.core.pipeline`. */
const PIPELINE_CLASS = /^haystack(\.core\.pipeline(\.\w+)*)?\.(Async)?Pipeline$/;

/** The generator a pipeline built in this file runs, or null when it holds none this linter knows, or several. */
export function pipelineGenerator(file: PyFile, receiver: Node): ClientFact | null {
  if (!/\badd_component\b/.test(file.text) || !/\bhaystack\b/.test(file.text) || !builtHere(file, receiver)) return null;
  const found: ClientFact[] = [];
  for (const add of addComponentCalls(file)) {
    const target = add.childForFieldName('function')?.childForFieldName('object');
    if (!target || target.text !== receiver.text) continue;
    // A name is one pipeline only in the function that builds and runs it.
    if (receiver.type === 'identifier' && enclosingFunction(add)?.id !== enclosingFunction(receiver)?.id) continue;
    const { keywords, positional } = callArguments(add.childForFieldName('arguments'));
    const instance = keywords.find((k) => k.name === 'instance')?.value ?? positional[1];
    const r = instance ? resolveExpr(file, instance) : null;
    if (r?.kind !== 'client') continue;
    // A component of another SDK (a LangChain model wrapped in a component): which one answers is not known.
    if (r.client.sdk !== 'haystack' || r.others?.length) return null;
    if (!found.some((c) => c.span.start === r.client.span.start && c.path === r.client.path)) found.push(r.client);
  }
  return found.length === 1 ? found[0] : null;
}

/** Whether the receiver is a `Pipeline()` this file builds: a name bound to one, or `self.x` assigned one in the file. */
function builtHere(file: PyFile, receiver: Node): boolean {
  if (receiver.type === 'identifier') {
    const bound = file.boundValue(receiver.text, receiver.startIndex);
    return bound?.type === 'call' && isPipelineConstruction(file, bound);
  }
  const attr = receiver.type === 'attribute' ? receiver.childForFieldName('attribute')?.text : null;
  if (!attr || receiver.childForFieldName('object')?.text !== 'self') return false;
  const assigned = new RegExp(`\\bself\\.${attr}\\s*(?::[^=\\n]+)?=\\s*((?:Async)?Pipeline)\\s*\\(`, 'dg');
  return nodesMatching(file, assigned, 1, callOfName).some((c) => isPipelineConstruction(file, c));
}

function isPipelineConstruction(file: PyFile, call: Node): boolean {
  const fn = call.childForFieldName('function');
  const r = fn ? resolveExpr(file, fn) : null;
  return r?.kind === 'external' && PIPELINE_CLASS.test(r.qualified);
}

function addComponentCalls(file: PyFile): Node[] {
  let calls = addsByFile.get(file);
  if (!calls) addsByFile.set(file, (calls = nodesMatching(file, /\.\s*(add_component)\s*\(/dg, 1, callOfName)));
  return calls;
}

const addsByFile = new WeakMap<PyFile, Node[]>();
