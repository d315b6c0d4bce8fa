// LangChain.js functions that build a runnable chain around a model the code hands them:
// - `createStuffDocumentsChain({ llm, prompt, outputParser? })` is `RunnableSequence.from([formatDocs, prompt, llm,
//   outputParser ?? new StringOutputParser()])` (langchain/src/chains/combine_documents/stuff.ts): it always ends in
//   a parser, so it hands back text or parsed data, never the message;
// - `createRetrievalChain({ retriever, combineDocsChain })` runs the retriever, then that chain, and hands back
//   `{ ...input, context, answer }` with the chain's output as `answer` (langchain/src/chains/retrieval.ts).
// Both are imported from `langchain/chains/…` (or `@langchain/classic/chains/…` since LangChain 1.0). Mirrors the
// Python front end's langchain-runnables.ts.
import { ts } from './compiler';
import { unwrap } from './ast';
import type { FileContext } from './file-context';
import { prop } from './prompt';
import { bareSpecifier } from './sdk-bindings';

/** A LangChain.js package (`@langchain/core`, `@langchain/classic`, `langchain`, `langchain/chains/…`). */
export const LANGCHAIN_PACKAGE = /^(@langchain\/|langchain(\/|$))/;

/** What one of these factory calls builds: the model step (or the inner chain holding it) and the prompt in front of it. */
export interface ChainFactory {
  kind: 'stuff-documents' | 'retrieval';
  /** The `llm` of a documents chain; the `combineDocsChain` of a retrieval chain. */
  runnable: ts.Expression;
  /** The `prompt` of a documents chain. */
  prompt?: ts.Expression;
}

const FACTORIES: Record<string, { kind: ChainFactory['kind']; runnable: string }> = {
  createStuffDocumentsChain: { kind: 'stuff-documents', runnable: 'llm' },
  createRetrievalChain: { kind: 'retrieval', runnable: 'combineDocsChain' },
};

/** `createStuffDocumentsChain({ llm, prompt })` / `createRetrievalChain({ retriever, combineDocsChain })` from LangChain. */
export function chainFactoryOf(node: ts.Expression, ctx: FileContext): ChainFactory | null {
  const e = unwrap(node);
  if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression)) return null;
  const ref = ctx.imports.get(e.expression.text);
  const shape = ref && Object.hasOwn(FACTORIES, ref.imported) ? FACTORIES[ref.imported] : undefined;
  if (!shape || !LANGCHAIN_PACKAGE.test(bareSpecifier(ref!.specifier))) return null;
  const opts = e.arguments[0] && unwrap(e.arguments[0]);
  if (!opts || !ts.isObjectLiteralExpression(opts)) return null;
  const runnable = prop(opts, shape.runnable);
  if (!runnable) return null;
  if (shape.kind === 'retrieval') return { kind: shape.kind, runnable };
  return { kind: shape.kind, runnable, prompt: prop(opts, 'prompt') };
}
