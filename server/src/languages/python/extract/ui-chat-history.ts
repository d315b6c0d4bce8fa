// Conversation histories that Python chat UI frameworks keep for a session and hand to the app on every message.
import { bindingOf, isSlice } from './dataflow';
import { FnInfo, type PyFile } from './file-context';
import { resolveExpr } from './resolve';
import { stringValue } from './strings';
import { keyword, parameterList, positional, type Node } from './syntax';
import { callOfName, nodesMatching, wordNodes, wordRe } from './text-search';

/** A read of a session's whole conversation: the node read and the name it is bound to (null when written in place). */
export interface UiHistoryRead {
  node: Node;
  api: string;
  binding: string | null;
  /** The app keeps only a window of what it stores (`cl.user_session.set("messages", history[-20:])`). */
  bounded: boolean;
}

export function uiChatHistoryReads(file: PyFile): UiHistoryRead[] {
  return [...gradioChatHistoryParams(file), ...chainlitSessionReads(file), ...chainlitContextReads(file)];
}

/**
 * `gr.ChatInterface(predict)`: Gradio calls `predict(message, history)` on every message with every earlier message of
 * the conversation as `history` (the browser keeps it; nothing caps it). The read is that parameter, for a module-level
 * function of this file.
 */
function gradioChatHistoryParams(file: PyFile): UiHistoryRead[] {
  if (!file.text.includes('ChatInterface')) return [];
  const out: UiHistoryRead[] = [];
  for (const call of wordNodes(file, 'ChatInterface', callOfName)) {
    const callee = call.childForFieldName('function');
    const r = callee ? resolveExpr(file, callee) : null;
    if (r?.kind !== 'external' || r.qualified !== 'gradio.ChatInterface') continue;
    const args = call.childForFieldName('arguments');
    const handler = keyword(args, 'fn') ?? positional(args, 0);
    if (handler?.type !== 'identifier') continue;
    const def = file.moduleDefs.get(handler.text);
    if (!(def instanceof FnInfo) || def.cls) continue;
    const history = parameterList(def.node)[1];
    if (!history?.positional || out.some((o) => o.node.id === history.id.id)) continue;
    out.push({ node: history.id, api: `${handler.text}(…, ${history.id.text})`, binding: history.id.text, bounded: false });
  }
  return out;
}

/** `cl.user_session` keys that hold a chat's messages. */
const CHAINLIT_HISTORY_KEY = /^(messages|history|chat_history|message_history|prompt_history|conversation|conversation_history|chat_messages)$/;

/**
 * `cl.user_session.get("message_history")`: Chainlit keeps the value in memory for the whole chat session and the
 * `@cl.on_message` handler runs once per message, so a list the app appends to grows with every turn. Bounded when
 * the app stores a slice under the key or cuts the list in place (`.pop(0)`, `del history[…]`).
 */
function chainlitSessionReads(file: PyFile): UiHistoryRead[] {
  if (!file.text.includes('user_session')) return [];
  const reads: Array<{ call: Node; key: string }> = [];
  const slicedKeys = new Set<string>();
  for (const call of nodesMatching(file, /\buser_session\s*\.\s*(get|set)\s*\(/dg, 1, callOfName)) {
    const callee = call.childForFieldName('function');
    const r = callee ? resolveExpr(file, callee) : null;
    if (r?.kind !== 'external' || !/^chainlit\.user_session\.(get|set)$/.test(r.qualified)) continue;
    const args = call.childForFieldName('arguments');
    const keyNode = positional(args, 0);
    const key = keyNode ? stringValue(keyNode, (x) => file.src(x)) : null;
    if (!key || !CHAINLIT_HISTORY_KEY.test(key)) continue;
    if (r.qualified.endsWith('.get')) reads.push({ call, key });
    else {
      const value = positional(args, 1);
      if (value && isSlice(value)) slicedKeys.add(key);
    }
  }
  const boundNames = (key: string) => reads.filter((x) => x.key === key).map((x) => bindingOf(x.call)?.text).filter((n): n is string => !!n);
  return reads.map(({ call, key }) => ({
    node: call,
    api: `cl.user_session.get("${key}")`,
    binding: bindingOf(call)?.text ?? null,
    bounded: slicedKeys.has(key) || boundNames(key).some((n) => cutInPlace(file.text, n)),
  }));
}

/** `history.pop(0)`, `del history[:-20]`, `history[:] = history[-20:]`: the stored list is trimmed where it lives. */
function cutInPlace(text: string, name: string): boolean {
  const n = wordRe(name).source;
  return new RegExp(`${n}\\s*\\.\\s*pop\\s*\\(\\s*0\\s*\\)|\\bdel\\s+${n}\\s*\\[|${n}\\s*\\[\\s*:\\s*\\]\\s*=`).test(text);
}

/** `cl.chat_context.to_openai()`: every message Chainlit has accumulated in the session, in OpenAI's format. */
function chainlitContextReads(file: PyFile): UiHistoryRead[] {
  if (!file.text.includes('chat_context')) return [];
  const out: UiHistoryRead[] = [];
  for (const call of nodesMatching(file, /\bchat_context\s*\.\s*(to_openai)\s*\(/dg, 1, callOfName)) {
    const callee = call.childForFieldName('function');
    const r = callee ? resolveExpr(file, callee) : null;
    if (r?.kind !== 'external' || r.qualified !== 'chainlit.chat_context.to_openai') continue;
    out.push({ node: call, api: 'cl.chat_context.to_openai()', binding: bindingOf(call)?.text ?? null, bounded: false });
  }
  return out;
}
