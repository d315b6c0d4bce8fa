// LangChain runnables that run another runnable when they are run: what a chain built from them sends to its model.
//
// - `RunnableWithMessageHistory(prompt | llm, get_history)` adds chat memory around the runnable it is given.
// - `create_stuff_documents_chain(llm, prompt)` is `prompt | llm | StrOutputParser()` with the documents formatted into
//   the prompt's `{context}`; `create_retrieval_chain(retriever, combine_docs_chain)` runs the retriever, then that chain.
// - LangGraph's prebuilt `create_react_agent(model, tools, prompt=…)` (`langgraph.prebuilt`), and LangChain 1.0's
//   `create_agent(model, tools, system_prompt=…)` (`langchain.agents`) built on it, are graphs whose agent node calls
//   the model on every step; a run hands back the graph's state (its `messages`), not the model's message. deepagents'
//   `create_deep_agent(model=…, tools, system_prompt=…)` is `create_agent` with its own prompt and middleware added.
// - A map step (`{"answer": prompt | llm, "docs": itemgetter("docs")}`, `RunnableParallel(answer=…)`,
//   `RunnablePassthrough.assign(answer=…)`) runs every runnable it holds on the same input.
import { callArguments, unwrap, type Node } from './syntax';

/** Constructors and factories whose result runs one runnable they are given: its position and keyword. */
const WRAPPED_RUNNABLE: Record<string, { position: number; keyword: string }> = {
  RunnableWithMessageHistory: { position: 0, keyword: 'runnable' },
  create_stuff_documents_chain: { position: 0, keyword: 'llm' },
  create_retrieval_chain: { position: 1, keyword: 'combine_docs_chain' },
  create_react_agent: { position: 0, keyword: 'model' },
  create_agent: { position: 0, keyword: 'model' },
  // deepagents before 0.1 took `(tools, instructions, model=…)`: only `model=` names the model in every release.
  create_deep_agent: { position: -1, keyword: 'model' },
};

/** Factories of agents whose runs call the model they are given once per step and hand back the graph's state. */
export const AGENT_FACTORIES: ReadonlySet<string> = new Set(['create_react_agent', 'create_agent', 'create_deep_agent']);

/** The prompt argument of a factory that builds `prompt | llm` (`create_stuff_documents_chain(llm, prompt)`). */
const WRAPPED_PROMPT: Record<string, { position: number; keyword: string }> = {
  create_stuff_documents_chain: { position: 1, keyword: 'prompt' },
};

const MAP_CONSTRUCTORS = new Set(['RunnableParallel', 'RunnableMap']);

function calleeName(call: Node): string {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'attribute') return fn.childForFieldName('attribute')?.text ?? '';
  return fn?.type === 'identifier' ? fn.text : '';
}

function argument(call: Node, at: { position: number; keyword: string }): Node | null {
  const { keywords, positional } = callArguments(call.childForFieldName('arguments'));
  return keywords.find((k) => k.name === at.keyword)?.value ?? positional[at.position] ?? null;
}

/** The runnable a wrapper call runs (`RunnableWithMessageHistory(chain, …)` → `chain`), or null for other calls. */
export function wrappedRunnable(call: Node): Node | null {
  const name = calleeName(call);
  return Object.hasOwn(WRAPPED_RUNNABLE, name) ? argument(call, WRAPPED_RUNNABLE[name]) : null;
}

/** The prompt a factory call pipes into its model (`create_stuff_documents_chain(llm, prompt)` → `prompt`). */
export function wrappedPrompt(call: Node): Node | null {
  const name = calleeName(call);
  return Object.hasOwn(WRAPPED_PROMPT, name) ? argument(call, WRAPPED_PROMPT[name]) : null;
}

/**
 * The runnables a map step runs side by side: the values of a dict literal used as a pipe step, of
 * `RunnableParallel({…})` / `RunnableParallel(answer=…)`, or of `….assign(answer=…)` (with the runnable it is called
 * on). Null for anything else.
 */
export function mapBranches(expr: Node): Node[] | null {
  const e = unwrap(expr);
  if (e.type === 'dictionary') return e.namedChildren.filter((p) => p.type === 'pair').map((p) => p.childForFieldName('value')).filter((v): v is Node => !!v);
  if (e.type !== 'call') return null;
  const name = calleeName(e);
  const fn = e.childForFieldName('function');
  const isAssign = name === 'assign' && fn?.type === 'attribute';
  if (!MAP_CONSTRUCTORS.has(name) && !isAssign) return null;
  const { keywords, positional } = callArguments(e.childForFieldName('arguments'));
  const out = keywords.map((k) => k.value);
  // `chain.assign(answer=…)` runs `chain` first, then the branches on its output.
  const receiver = isAssign ? fn?.childForFieldName('object') : null;
  if (receiver) out.push(receiver);
  const first = positional[0] ? unwrap(positional[0]) : null;
  if (!isAssign && first?.type === 'dictionary') out.push(...(mapBranches(first) ?? []));
  return out;
}
