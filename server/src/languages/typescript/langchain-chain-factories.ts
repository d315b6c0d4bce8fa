// LangChain.js functions and classes that build a runnable chain around a model the code hands them:
// - `createStuffDocumentsChain({ llm, prompt, outputParser? })` is `RunnableSequence.from([formatDocs, prompt, llm,
//   outputParser ?? new StringOutputParser()])` (langchain/src/chains/combine_documents/stuff.ts): it always ends in
//   a parser, so it hands back text or parsed data, never the message;
// - `createRetrievalChain({ retriever, combineDocsChain })` runs the retriever, then that chain, and hands back
//   `{ ...input, context, answer }` with the chain's output as `answer` (langchain/src/chains/retrieval.ts);
// - LangGraph's prebuilt `createReactAgent({ llm, tools, … })` (`@langchain/langgraph/prebuilt`) is a graph whose
//   agent node invokes the model each step; its result is the state, whose AI `messages` carry `usage_metadata`
//   (libs/langgraph/src/prebuilt/react_agent_executor.ts); LangChain 1.0's `createAgent({ model, tools, systemPrompt })`
//   (`langchain`) is built on it and runs the same way;
// - `new AgentExecutor({ agent, tools })` / `AgentExecutor.fromAgentAndTools(…)` (`langchain/agents`) runs the agent
//   runnable (`createOpenAIFunctionsAgent({ llm, tools, prompt })`, `createToolCallingAgent`, … or a hand-built
//   `RunnableSequence` around the model) until it finishes, and hands back `{ …input, output }`: the final text, no
//   usage (langchain/src/agents/executor.ts); its agents stream the model by default (`streamRunnable`);
// - the legacy chains (`langchain/chains`): `new LLMChain({ llm, prompt })`, `new ConversationChain({ llm })`,
//   `RetrievalQAChain.fromLLM(llm, retriever)`, `ConversationalRetrievalQAChain.fromLLM(llm, retriever)` and
//   `loadQAStuffChain(llm)` / `loadQAMapReduceChain` / `loadQARefineChain` / `loadSummarizationChain` call the model
//   through `generatePrompt` and hand back `{ text }` (or another output key): the generation's text, no usage
//   (langchain/src/chains/llm_chain.ts).
// Imported from `langchain/…` (or `@langchain/classic/…` since LangChain 1.0). Checked against langchain 0.3.36 and
// @langchain/langgraph 0.4.9 on 2026-12-03. Mirrors the Python front end's langchain-runnables.ts.
import { ts } from './compiler';
import { unwrap } from './ast';
import type { FileContext } from './file-context';
import { prop } from './prompt';
import { bareSpecifier } from './sdk-bindings';

/** A LangChain.js package (`@langchain/core`, `@langchain/classic`, `langchain`, `langchain/chains/…`). */
export const LANGCHAIN_PACKAGE = /^(@langchain\/|langchain(\/|$))/;

/** What one of these factory calls builds: the model step (or the inner chain holding it) and the prompt in front of it. */
export interface ChainFactory {
  kind: 'stuff-documents' | 'retrieval' | 'agent' | 'agent-runnable' | 'agent-executor' | 'legacy-chain';
  /** The `llm` of a documents chain, an agent or a legacy chain; the `combineDocsChain` of a retrieval chain; the `agent` of an executor. */
  runnable: ts.Expression;
  /** The `prompt` of a documents chain. */
  prompt?: ts.Expression;
  /** The options the chain or agent is built with, whose `callbacks` reach each of its runs. */
  options?: ts.Expression;
  /** What a run hands back: text without the usage, or something that may carry it (a graph's state, an agent's step). */
  output: 'text' | 'other';
  /** The runnable may be a model name (`createAgent({ model: 'openai:gpt-4o' })`), built with initChatModel. */
  modelName?: true;
}

interface FactoryShape {
  kind: ChainFactory['kind'];
  /** Where the package must be imported from. */
  from: RegExp;
  /** The option naming the runnable, or the index of the argument that is one. */
  runnable: string | number;
  /** The index of the options argument. */
  options?: number;
  output: ChainFactory['output'];
  /** The runnable may be a model name, which the factory turns into a chat model with initChatModel. */
  modelName?: true;
}

const CHAINS = /^(langchain|@langchain\/classic)\/chains(\/|$)/;
const AGENTS = /^(langchain|@langchain\/classic)\/agents$/;
const PREBUILT = /^@langchain\/langgraph\/prebuilt$/;
const AGENT_RUNNABLE: FactoryShape = { kind: 'agent-runnable', from: AGENTS, runnable: 'llm', options: 0, output: 'other' };
const LEGACY_BY_LLM: FactoryShape = { kind: 'legacy-chain', from: CHAINS, runnable: 0, options: 1, output: 'text' };

/** Functions called with the model (`createX({ llm })`, `loadQAStuffChain(llm)`). */
const FUNCTIONS: Record<string, FactoryShape[]> = {
  createStuffDocumentsChain: [{ kind: 'stuff-documents', from: CHAINS, runnable: 'llm', output: 'text' }],
  createRetrievalChain: [{ kind: 'retrieval', from: CHAINS, runnable: 'combineDocsChain', output: 'other' }],
  createReactAgent: [{ kind: 'agent', from: PREBUILT, runnable: 'llm', options: 0, output: 'other' }, AGENT_RUNNABLE],
  // LangChain 1.0's agent (`import { createAgent } from 'langchain'`), built on the prebuilt one: `{ model, tools, systemPrompt }`.
  createAgent: [{ kind: 'agent', from: /^langchain$/, runnable: 'model', options: 0, output: 'other', modelName: true }],
  createOpenAIFunctionsAgent: [AGENT_RUNNABLE],
  createOpenAIToolsAgent: [AGENT_RUNNABLE],
  createToolCallingAgent: [AGENT_RUNNABLE],
  createStructuredChatAgent: [AGENT_RUNNABLE],
  createXmlAgent: [AGENT_RUNNABLE],
  loadQAStuffChain: [LEGACY_BY_LLM],
  loadQAMapReduceChain: [LEGACY_BY_LLM],
  loadQARefineChain: [LEGACY_BY_LLM],
  loadSummarizationChain: [LEGACY_BY_LLM],
};

/** Classes built with `new` (`new LLMChain({ llm })`). */
const CLASSES: Record<string, FactoryShape> = {
  AgentExecutor: { kind: 'agent-executor', from: AGENTS, runnable: 'agent', options: 0, output: 'text' },
  LLMChain: { kind: 'legacy-chain', from: CHAINS, runnable: 'llm', options: 0, output: 'text' },
  ConversationChain: { kind: 'legacy-chain', from: CHAINS, runnable: 'llm', options: 0, output: 'text' },
};

/** Static factories (`RetrievalQAChain.fromLLM(llm, retriever)`). */
const STATICS: Record<string, Record<string, FactoryShape>> = {
  AgentExecutor: { fromAgentAndTools: CLASSES.AgentExecutor },
  RetrievalQAChain: { fromLLM: { kind: 'legacy-chain', from: CHAINS, runnable: 0, options: 2, output: 'text' } },
  ConversationalRetrievalQAChain: { fromLLM: { kind: 'legacy-chain', from: CHAINS, runnable: 0, options: 2, output: 'text' } },
};

/** The LangChain export an identifier names, with where it is imported from. */
function langchainImport(id: ts.Expression, ctx: FileContext): { name: string; specifier: string } | null {
  if (!ts.isIdentifier(id)) return null;
  const ref = ctx.imports.get(id.text);
  if (!ref) return null;
  const specifier = bareSpecifier(ref.specifier);
  return LANGCHAIN_PACKAGE.test(specifier) ? { name: ref.imported, specifier } : null;
}

/** The factory shape a call or construction has, and the arguments it is given. */
function shapeOf(e: ts.Expression, ctx: FileContext): { shape: FactoryShape; args: readonly ts.Expression[] } | null {
  if (ts.isNewExpression(e)) {
    const imp = langchainImport(e.expression, ctx);
    const shape = imp && Object.hasOwn(CLASSES, imp.name) ? CLASSES[imp.name] : undefined;
    return shape && shape.from.test(imp!.specifier) ? { shape, args: e.arguments ?? [] } : null;
  }
  if (!ts.isCallExpression(e)) return null;
  const fn = e.expression;
  if (ts.isPropertyAccessExpression(fn)) {
    const imp = langchainImport(fn.expression, ctx);
    const statics = imp && Object.hasOwn(STATICS, imp.name) ? STATICS[imp.name] : undefined;
    const shape = statics && Object.hasOwn(statics, fn.name.text) ? statics[fn.name.text] : undefined;
    return shape && shape.from.test(imp!.specifier) ? { shape, args: e.arguments } : null;
  }
  const imp = langchainImport(fn, ctx);
  const shapes = imp && Object.hasOwn(FUNCTIONS, imp.name) ? FUNCTIONS[imp.name] : undefined;
  const shape = shapes?.find((s) => s.from.test(imp!.specifier));
  return shape ? { shape, args: e.arguments } : null;
}

/**
 * `createStuffDocumentsChain({ llm, prompt })`, `createRetrievalChain({ retriever, combineDocsChain })`, an agent
 * (`createReactAgent({ llm, tools })`, `new AgentExecutor({ agent, tools })`) or a legacy chain
 * (`RetrievalQAChain.fromLLM(llm, retriever)`, `new LLMChain({ llm, prompt })`) from LangChain.
 */
export function chainFactoryOf(node: ts.Expression, ctx: FileContext): ChainFactory | null {
  const e = unwrap(node);
  const found = shapeOf(e, ctx);
  if (!found) return null;
  const { shape, args } = found;
  const first = args[0] && unwrap(args[0]);
  const opts = shape.options !== undefined && args[shape.options] ? args[shape.options] : undefined;
  let runnable: ts.Expression | undefined;
  if (typeof shape.runnable === 'number') runnable = args[shape.runnable];
  else if (first && ts.isObjectLiteralExpression(first)) runnable = prop(first, shape.runnable);
  if (!runnable) return null;
  const out: ChainFactory = { kind: shape.kind, runnable, output: shape.output };
  if (opts) out.options = opts;
  if (shape.modelName) out.modelName = true;
  if (shape.kind === 'stuff-documents' && first && ts.isObjectLiteralExpression(first)) out.prompt = prop(first, 'prompt');
  return out;
}
