// LlamaIndex query and chat engines: most RAG apps never call the LLM themselves. They build an engine over an index
// (`index.as_query_engine()`, `index.as_chat_engine(chat_mode=…)`, `CondensePlusContextChatEngine.from_defaults(…)`)
// and call `.query()` / `.chat()` on it; every such call sends one or more requests to the engine's LLM.
//
// The LLM is the factory's `llm=`, else `Settings.llm` (llama-index-core indices/base.py `as_query_engine` /
// `as_chat_engine`: `resolve_llm(llm) if llm else Settings.llm`; chat_engine context.py / condense_plus_context.py
// `from_defaults`: `llm = llm or Settings.llm`). When neither names a known LLM construction (a local Ollama, the
// library's default OpenAI, whose model changed between releases), the engine is no call site.
import { LLAMAINDEX_ENGINES } from '../../../core/catalog/agent-frameworks';
import type { PyFile } from './file-context';
import { resolveExpr, type Resolved } from './resolve';
import { settingsLlmClient } from './settings-llm';
import { callArguments, type Node } from './syntax';

/** Index methods that build an engine around the LLM they are given, else `Settings.llm` (catalogue LLAMAINDEX_ENGINES). */
const INDEX_FACTORIES: ReadonlySet<string> = new Set(LLAMAINDEX_ENGINES.indexFactories);

/** Chat engine classes whose `from_defaults(llm=…)` falls back to `Settings.llm`. */
const CHAT_ENGINE_CLASS = new RegExp(`^llama_index\\.core\\.chat_engine(\\.\\w+)*\\.(${LLAMAINDEX_ENGINES.chatEngineClasses.join('|')})$`);


/** Cheap text filter: only files that name an engine factory can hold one. */
const MENTIONS_ENGINE = /as_(?:query|chat)_engine|ChatEngine/;

/** Whether `call` builds a LlamaIndex engine (`index.as_query_engine(…)`, `ContextChatEngine.from_defaults(…)`). */
export function isEngineFactory(file: PyFile, call: Node): boolean {
  if (!MENTIONS_ENGINE.test(file.text) || !/llama_index/.test(file.text)) return false;
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return false;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  if (INDEX_FACTORIES.has(method)) return true;
  if (method !== 'from_defaults') return false;
  const owner = fn.childForFieldName('object');
  const r = owner ? resolveExpr(file, owner) : null;
  return r?.kind === 'external' && CHAT_ENGINE_CLASS.test(r.qualified);
}

/**
 * The LLM an engine factory call sends through: its `llm=` when that is a LlamaIndex LLM construction, else the one
 * `Settings.llm` holds. Null when the engine is built some other way (`service_context=` of LlamaIndex 0.9, `**kwargs`
 * that may carry an llm, an LLM not recognised).
 */
export function engineLlm(file: PyFile, call: Node, depth: number): Resolved | null {
  if (!isEngineFactory(file, call)) return null;
  const { keywords, dictSplats } = callArguments(call.childForFieldName('arguments'));
  if (dictSplats.length || keywords.some((k) => k.name === 'service_context')) return null;
  const llm = keywords.find((k) => k.name === 'llm')?.value;
  const r = llm ? resolveExpr(file, llm, depth + 1) : settingsLlmClient(file, depth + 1);
  return r?.kind === 'client' && r.client.sdk === 'llamaindex' ? r : null;
}

/**
 * Whether an engine's `query()` streams: its factory's `streaming=` when the receiver is a name bound to the factory
 * call, written as a literal; null when it cannot be read.
 */
export function engineQueryStreams(file: PyFile, receiver: Node): boolean | null {
  const bound = receiver.type === 'identifier' ? file.boundValue(receiver.text, receiver.startIndex) : null;
  if (bound?.type !== 'call' || !isEngineFactory(file, bound)) return null;
  const { keywords } = callArguments(bound.childForFieldName('arguments'));
  const streaming = keywords.find((k) => k.name === 'streaming')?.value;
  if (!streaming) return false;
  return streaming.type === 'true' ? true : streaming.type === 'false' ? false : null;
}

/**
 * Whether a request method's receiver is a LlamaIndex engine rather than the LLM itself: `query_engine.query(…)`, or
 * `chat(…)` on a name bound to an engine factory call (or called `…engine`, as create-llama's `chat_engine` is, handed
 * in by a FastAPI dependency). Only the fix depends on it: one span around an engine run would time its retrieval and
 * every request it makes as one model call.
 */
export function engineReceiver(file: PyFile, method: string, receiver: Node | null): boolean {
  if (method === 'query' || method === 'aquery') return true;
  if (!receiver) return false;
  if (/engine/i.test(receiver.type === 'attribute' ? (receiver.childForFieldName('attribute')?.text ?? '') : receiver.text)) return true;
  const bound = receiver.type === 'identifier' ? file.boundValue(receiver.text, receiver.startIndex) : null;
  return bound?.type === 'call' && isEngineFactory(file, bound);
}
