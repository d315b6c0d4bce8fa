import type { PyFile } from './file-context';
import { receiverClass } from './resolve';
import { attributeChain, keyword, unwrap, type Node } from './syntax';

/**
 * google-genai chat sessions: `chat = client.chats.create(model=…, config=…, history=…)` (`client.aio.chats.create`
 * for the async client), then `chat.send_message(message, config=None)` or `chat.send_message_stream(…)`. Each send is
 * one `models.generate_content` (or `generate_content_stream`) request with the session's model, the call's `config`
 * or else the session's, and the session's history ahead of the message (googleapis/python-genai google/genai/chats.py
 * @089ec26: `config=config if config else self._config`, `contents=self._curated_history + [input_content]`).
 */
export const GENAI_CHAT_METHODS: Readonly<Record<string, boolean>> = { send_message: false, send_message_stream: true };

/**
 * The `chats.create(…)` call the chat object `obj` was made by: written in place (`client.chats.create(…).send_message(m)`),
 * the value its name was last bound to (in the function, else the module's one assignment), or every value but None
 * that the class assigns to `self.<attr>`. `send_message` is a common method name (Telegram bots, chat services): only
 * a session made this way is a model call.
 */
export function genaiChatCreation(file: PyFile, obj: Node): Node | null {
  let e = unwrap(obj);
  if (e.type === 'identifier') {
    const bound = file.boundValue(e.text, e.startIndex);
    e = bound ? unwrap(bound) : e;
  } else if (e.type === 'attribute') {
    const owner = e.childForFieldName('object');
    const cls = owner ? receiverClass(file, owner) : null;
    const values = cls ? (file.classAttributes(cls).get(e.childForFieldName('attribute')?.text ?? '') ?? []).map((a) => unwrap(a.value)).filter((v) => v.type !== 'none') : [];
    if (values.length && values.every(isChatsCreate)) e = values[0];
  }
  return isChatsCreate(e) ? e : null;
}

/** `x.chats.create(…)` or `x.aio.chats.create(…)`. */
export function isChatsCreate(e: Node): boolean {
  const fn = e.type === 'call' ? e.childForFieldName('function') : null;
  if (fn?.type !== 'attribute') return false;
  const { names } = attributeChain(fn);
  return names.length >= 2 && names[names.length - 1] === 'create' && names[names.length - 2] === 'chats';
}

/** The session's `history=` (not a literal None). */
export function chatHistory(creation: Node): Node | null {
  const h = keyword(creation.childForFieldName('arguments'), 'history');
  return h && unwrap(h).type !== 'none' ? h : null;
}
