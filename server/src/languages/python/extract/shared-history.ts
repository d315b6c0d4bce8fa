// Conversation state kept at module scope and used by every request: a module-level list the handlers append to and
// send to the model (`messages = []` … `messages.append(…)`, `messages=messages`), or one chat session made at import
// time (`chat = model.start_chat()`, `chat = client.chats.create(…)`) whose `send_message` every handler calls. Either
// grows with each request the process serves, for all of its users together.
import type { HistoryFetch, LlmCallSite } from '../../../core/types';
import { HISTORY_NAME } from '../../../core/volatility';
import { callsOf } from './callers';
import { CHAT_BOT_IMPORT } from './chat-handlers';
import type { FnInfo, PyFile } from './file-context';
import { isChatsCreate } from './genai-chats';
import type { Reasons } from './request-paths';
import { attributeChain, unwrap, type Node } from './syntax';
import { wordNodes } from './text-search';
import { escapeRegExp } from '../../../core/text';

/** A chat session's sends: google-generativeai `ChatSession` and google-genai `Chat`. */
const SEND = /^(send_message|send_message_async|send_message_stream)$/;

/** Module-level conversation state that every request grows and sends whole. */
export function sharedHistoriesIn(file: PyFile, callSites: LlmCallSite[], reasons: Reasons): HistoryFetch[] {
  if (!callSites.length) return [];
  const out: HistoryFetch[] = [];
  const perMessage = perMessageReasons(file, reasons);
  for (const [name, values] of file.moduleAssigns) {
    if (values.length !== 1 || file.functionAt(values[0].startIndex)) continue;
    const value = unwrap(values[0]);
    const kind = isEmptyOrLiteralList(value) ? 'list' : isChatSession(value) ? 'chat session' : null;
    if (!kind || trimmed(file.text, name, kind)) continue;
    const uses = wordNodes(file, name, (n) => n).filter((n) => file.boundValue(name, n.startIndex) === values[0]);
    const handler = kind === 'list' ? grownAndSent(file, name, uses, callSites, perMessage) : sentThroughSession(file, uses, callSites, perMessage);
    if (!handler) continue;
    const left = values[0].parent?.type === 'assignment' ? values[0].parent.childForFieldName('left') : null;
    out.push({ path: file.path, span: file.span(left ?? values[0]), api: name, bounded: false, args: null, feedsPrompt: true, sharedAcrossRequests: { kind, handler } });
  }
  return out;
}

/** `[]`, `[{"role": "system", …}]`, `[SYSTEM_PROMPT]`, `list()`. */
function isEmptyOrLiteralList(v: Node): boolean {
  if (v.type === 'list') return v.namedChildren.every((c) => /^(dictionary|string|identifier|attribute)$/.test(c.type));
  return v.type === 'call' && v.childForFieldName('function')?.text === 'list' && (v.childForFieldName('arguments')?.namedChildren.length ?? 0) === 0;
}

/** `model.start_chat(…)` (google-generativeai) or `client.chats.create(…)` (google-genai). */
function isChatSession(v: Node): boolean {
  const fn = v.type === 'call' ? v.childForFieldName('function') : null;
  return isChatsCreate(v) || (fn?.type === 'attribute' && attributeChain(fn).names.at(-1) === 'start_chat');
}

/**
 * Something in the module cuts or empties the state, or caps it by its length: `messages.clear()`, `.pop(0)`,
 * `del messages[1:3]`, `messages[:] = …`, `if len(messages) > 20`, `chat.history = …`, `chat.rewind()`.
 */
function trimmed(text: string, name: string, kind: 'list' | 'chat session'): boolean {
  const n = `(?<![\\w.])${escapeRegExp(name)}`;
  if (kind === 'chat session') return new RegExp(`${n}\\s*\\.\\s*(history\\s*(=(?!=)|\\.|\\[)|_curated_history|rewind\\s*\\()`).test(text) || new RegExp(`\\bdel\\s+${n}\\b`).test(text);
  return (
    new RegExp(`${n}\\s*\\.\\s*(clear|pop|popleft|remove)\\s*\\(`).test(text) ||
    new RegExp(`\\bdel\\s+${n}\\b`).test(text) ||
    new RegExp(`${n}\\s*\\[[^\\]]*\\]\\s*=(?!=)`).test(text) ||
    new RegExp(`\\blen\\s*\\(\\s*${n}\\s*\\)`).test(text)
  );
}

/**
 * The list is appended to in a function that runs per request, and sent whole (not indexed or sliced) in the prompt of
 * a model call of such a function: why that function runs per request, or null.
 */
function grownAndSent(file: PyFile, name: string, uses: Node[], callSites: LlmCallSite[], perMessage: (fn: FnInfo) => string | null): string | null {
  const growths = uses.filter((n) => {
    const fn = file.functionAt(n.startIndex);
    return !!fn && isGrowth(n) && !!perMessage(fn);
  });
  if (!growths.length) return null;
  // The list holds chat turns (a list of documents or notes sent whole is another matter).
  const turns = HISTORY_NAME.test(name) || growths.some((n) => /["']role["']\s*:/.test(n.parent?.parent?.text ?? ''));
  for (const n of uses) {
    const fn = file.functionAt(n.startIndex);
    const why = fn ? perMessage(fn) : null;
    if (!why || !isWhole(n) || !(turns || sentAsMessages(n))) continue;
    const at = file.span(n).start;
    if (callSites.some((s) => s.prompt.some((p) => p.span.start <= at && at < p.span.end))) return handlerLabel(fn!, why);
  }
  return null;
}

/** `messages=name`, `contents=name`, `history=name`: the list is the conversation of the request. */
function sentAsMessages(n: Node): boolean {
  const p = n.parent;
  return p?.type === 'keyword_argument' && p.childForFieldName('value')?.id === n.id && /^(messages|contents|history|chat_history|input)$/.test(p.childForFieldName('name')?.text ?? '');
}

/** `name.append(…)`, `name.extend(…)`, `name.insert(…)`, `name += […]`. */
function isGrowth(n: Node): boolean {
  const p = n.parent;
  if (p?.type === 'augmented_assignment' && p.childForFieldName('left')?.id === n.id) return true;
  if (p?.type !== 'attribute' || p.childForFieldName('object')?.id !== n.id) return false;
  return /^(append|extend|insert)$/.test(p.childForFieldName('attribute')?.text ?? '') && p.parent?.type === 'call';
}

/** The name stands for the whole list: not `name[-1]`, `name[-10:]` or `len(name)`. */
function isWhole(n: Node): boolean {
  const p = n.parent;
  if (p?.type === 'subscript' && p.childForFieldName('value')?.id === n.id) return false;
  if (p?.type === 'attribute') return false;
  const call = p?.type === 'argument_list' ? p.parent : null;
  return !(call?.type === 'call' && /^(len|bool)$/.test(call.childForFieldName('function')?.text ?? ''));
}

/** `chat.send_message(…)` on the module's session is a model call of a function that runs per request. */
function sentThroughSession(file: PyFile, uses: Node[], callSites: LlmCallSite[], perMessage: (fn: FnInfo) => string | null): string | null {
  for (const n of uses) {
    const attr = n.parent;
    if (attr?.type !== 'attribute' || attr.childForFieldName('object')?.id !== n.id || !SEND.test(attr.childForFieldName('attribute')?.text ?? '')) continue;
    const call = attr.parent;
    if (call?.type !== 'call') continue;
    const fn = file.functionAt(n.startIndex);
    const why = fn ? perMessage(fn) : null;
    const at = file.span(call).start;
    if (why && callSites.some((s) => s.span.start === at)) return handlerLabel(fn!, why);
  }
  return null;
}

/** `generate_completion, called from chat (route POST /chat)`, `text_message, chat-bot message handler`. */
function handlerLabel(fn: FnInfo, why: string): string {
  return why.includes(fn.name) ? why : `${fn.name}, ${why}`;
}

/**
 * Why a function runs once per request or incoming message: a route or view (and what they call), or a chat-bot
 * message handler (and what it calls in the module).
 */
function perMessageReasons(file: PyFile, reasons: Reasons): (fn: FnInfo) => string | null {
  const bot = CHAT_BOT_IMPORT.test(file.text);
  const memo = new Map<FnInfo, string | null>();
  const reasonOf = (fn: FnInfo): string | null => {
    if (memo.has(fn)) return memo.get(fn)!;
    memo.set(fn, null);
    let why = reasons.reasonOf(fn);
    if (!why && fn.parent) why = reasonOf(fn.parent);
    if (!why && bot) {
      for (const call of callsOf(file, fn)) {
        const caller = file.functionAt(call.startIndex);
        const outer = caller && caller !== fn ? reasonOf(caller) : null;
        if (outer) {
          why = `called from ${caller!.name} (${outer})`;
          break;
        }
      }
    }
    memo.set(fn, why);
    return why;
  };
  return reasonOf;
}
