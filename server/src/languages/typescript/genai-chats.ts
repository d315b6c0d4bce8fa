// @google/genai chat sessions: `const chat = ai.chats.create({ model, config, history })`, then
// `chat.sendMessage({ message, config })` or `chat.sendMessageStream(…)`. Each send is one `models.generateContent` (or
// `generateContentStream`) request with the session's model, the send's `config` or else the session's, and the
// session's history ahead of the message (googleapis/js-genai src/chats.ts @10a24f7, Chat.sendMessage:
// `contents: this.getHistory(true).concat(inputContent)`, `config: params.config ?? this.config`).
import { ts } from './compiler';
import { propertyChain, unwrap } from './ast';
import { declaredGenaiChat } from './declared-type';
import type { FileContext } from './file-context';
import { assignedValues, isNullish } from './resolve';

export const GENAI_CHAT_METHODS: Readonly<Record<string, boolean>> = { sendMessage: false, sendMessageStream: true };

/**
 * The session a `sendMessage` receiver holds: the `chats.create(…)` call every value assigned to it (bar null) is
 * (`creation`), or none when only its declared type says it is a `Chat` (a parameter: `chat: Chat`). Null when it is
 * neither: `sendMessage` is a common method name (bots, sockets, chat services).
 */
export function genaiChatOf(receiver: ts.Expression, ctx: FileContext): { creation: ts.CallExpression | null } | null {
  const values = (assignedValues(receiver, ctx, true) ?? []).filter((v) => !isNullish(v)).map(unwrap);
  if (values.length && values.every(isChatsCreate)) return { creation: values[0] as ts.CallExpression };
  const direct = unwrap(receiver);
  if (isChatsCreate(direct)) return { creation: direct as ts.CallExpression };
  return declaredGenaiChat(receiver, ctx) ? { creation: null } : null;
}

/** `x.chats.create(…)`. */
export function isChatsCreate(e: ts.Expression): boolean {
  if (!ts.isCallExpression(e)) return false;
  const { names } = propertyChain(unwrap(e.expression));
  return names.length >= 2 && names[names.length - 1] === 'create' && names[names.length - 2] === 'chats';
}

/** The client a `chats.create(…)` call hangs off (`ai` in `ai.chats.create`). */
export function chatsClientExpression(creation: ts.CallExpression): ts.Expression | null {
  const create = unwrap(creation.expression);
  const chats = ts.isPropertyAccessExpression(create) ? unwrap(create.expression) : null;
  return chats && ts.isPropertyAccessExpression(chats) ? chats.expression : null;
}
