// Functions that chat front ends and chat-bot frameworks run once per incoming message or user action, as a web
// framework runs a route once per request: Chainlit's `@cl.on_message`, Gradio's event listeners (`gr.ChatInterface(fn)`,
// `btn.click(fn, …)`), and the handlers of Slack Bolt, discord.py, python-telegram-bot, aiogram and pyTelegramBotAPI;
// also a `websockets` server's connection handler, which reads the client's messages. Chainlit's chat-start hooks run
// once per chat session instead.
import { namesFunction } from './callers';
import type { FnInfo, PyFile } from './file-context';
import { stringValue } from './strings';
import { keyword, positional, unwrap, type Node } from './syntax';
import { callOfName, nodesMatching } from './text-search';

/** Chat-bot frameworks whose handlers run once per incoming message, as a route runs once per request. */
export const CHAT_BOT_IMPORT = /^[ \t]*(import|from)[ \t]+(discord|nextcord|disnake|interactions|telegram|telebot|aiogram|pyrogram|telethon|slack_bolt)\b/m;
const CHAINLIT_IMPORT = /^[ \t]*(import|from)[ \t]+chainlit\b/m;
const GRADIO_IMPORT = /^[ \t]*(import|from)[ \t]+gradio\b/m;
const WEBSOCKETS_IMPORT = /^[ \t]*(import|from)[ \t]+websockets\b/m;
/** `websockets.serve(handler, host, port)`, `serve(handler, …)` from `websockets.server` / `websockets.asyncio.server`. */
const WEBSOCKETS_SERVE_CALL = /(?<!\w)(serve)\s*\(/dg;

/**
 * `@bot.message_handler(…)`, `@router.message(…)`, `@dp.callback_query(…)`, `@bot.command()`, `@app.message(…)`,
 * `@client.on_message(…)`, Slack Bolt's `@app.command("/ask")`, `@app.action("approve")`, `@app.shortcut("x")`.
 */
const MESSAGE_DECORATOR = /^(message_handler|edited_message_handler|channel_post_handler|callback_query_handler|callback_query|message|command|slash_command|hybrid_command|on_message|on|action|shortcut)$/;
/** `@client.event` / `@bot.listen()` / `@commands.Cog.listener()` / Slack's `@app.event("app_mention")`. */
const EVENT_DECORATOR = /^(event|listen|listener)$/;
/** The events of those that are about messages and interactions (by the function's name or the event named). */
const MESSAGE_EVENT = /message|interaction|mention|command/;
/** `MessageHandler(filters.TEXT, reply)`, `dp.register_message_handler(reply)`, `client.add_event_handler(reply, …)`. */
const MESSAGE_REGISTRATION = /^(MessageHandler|CommandHandler|CallbackQueryHandler|register_message_handler|register_callback_query_handler|register_next_step_handler|add_event_handler)$/;
const MESSAGE_REGISTRATION_CALL = /(?<!\w)(MessageHandler|CommandHandler|CallbackQueryHandler|register_message_handler|register_callback_query_handler|register_next_step_handler|add_event_handler)\s*\(/dg;

/** Chainlit hooks run for every message or action of a chat. */
const CHAINLIT_PER_MESSAGE = /^(on_message|action_callback)$/;
/** Chainlit hooks run once when a chat starts (or is resumed, or its starters and profiles are listed). */
const CHAINLIT_SESSION_START = /^(on_chat_start|on_chat_resume|set_starters|set_chat_profiles)$/;

/** The interfaces and event listeners (`btn.click`, `box.submit`, `.then`, …) that call their `fn` once per input. */
const GRADIO_INTERFACE = /^(ChatInterface|Interface)$/;
const GRADIO_CALL = /(?<!\w)(ChatInterface|Interface|click|submit|change|input|select|upload|like|retry|undo|edit|then|success|release|stream)\s*\(/dg;

/** A function handed to a framework that calls it per message: the argument naming it, and why. */
export interface ChatRegistration {
  handler: Node;
  reason: string;
}

interface Frameworks {
  bot: boolean;
  chainlit: boolean;
  gradio: boolean;
  websockets: boolean;
  registrations: ChatRegistration[] | null;
}

const frameworksByFile = new WeakMap<PyFile, Frameworks>();

function frameworksOf(file: PyFile): Frameworks {
  let f = frameworksByFile.get(file);
  if (!f) {
    f = {
      bot: CHAT_BOT_IMPORT.test(file.text),
      chainlit: CHAINLIT_IMPORT.test(file.text),
      gradio: GRADIO_IMPORT.test(file.text),
      websockets: WEBSOCKETS_IMPORT.test(file.text),
      registrations: null,
    };
    frameworksByFile.set(file, f);
  }
  return f;
}

/** Why `fn` runs once per incoming message or user action of a chat front end or chat bot, or null. */
export function chatHandlerReason(file: PyFile, fn: FnInfo): string | null {
  const kinds = frameworksOf(file);
  if (!kinds.bot && !kinds.chainlit && !kinds.gradio && !kinds.websockets) return null;
  for (const d of fn.decorators) {
    const e = unwrap(d);
    const callee = e.type === 'call' ? e.childForFieldName('function') : e;
    if (!callee) continue;
    const name = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text ?? '' : callee.text;
    if (kinds.chainlit && CHAINLIT_PER_MESSAGE.test(name) && fromChainlit(file, callee)) return name === 'on_message' ? 'Chainlit message handler' : 'Chainlit action callback';
    if (!kinds.bot || callee.type !== 'attribute') continue;
    if (MESSAGE_DECORATOR.test(name)) return 'chat-bot message handler';
    if (EVENT_DECORATOR.test(name) && (MESSAGE_EVENT.test(fn.name) || MESSAGE_EVENT.test(eventNamed(file, e)))) return 'chat-bot message handler';
  }
  if (!kinds.bot && !kinds.gradio && !kinds.websockets) return null;
  for (const r of chatRegistrations(file)) if (refersTo(file, r.handler, fn)) return r.reason;
  return null;
}

/** Why `fn` runs once per chat session rather than per message (Chainlit's `@cl.on_chat_start`), or null. */
export function chatSessionHook(file: PyFile, fn: FnInfo): string | null {
  if (!frameworksOf(file).chainlit) return null;
  for (const d of fn.decorators) {
    const e = unwrap(d);
    const callee = e.type === 'call' ? e.childForFieldName('function') : e;
    const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text ?? '' : callee?.text ?? '';
    if (callee && CHAINLIT_SESSION_START.test(name) && fromChainlit(file, callee)) return `Chainlit ${name} hook (once per chat session, not per message)`;
  }
  return null;
}

/** `cl.on_message` with `cl` bound to `import chainlit as cl`, or `on_message` from `from chainlit import on_message`. */
function fromChainlit(file: PyFile, callee: Node): boolean {
  const head = callee.type === 'attribute' ? callee.childForFieldName('object') : callee;
  if (head?.type !== 'identifier') return false;
  const b = file.imports.get(head.text);
  return !!b && b.module === 'chainlit' && (callee.type === 'attribute' ? b.name === null : true);
}

/** The event a decorator call names: Slack Bolt's `@app.event("app_mention")`. */
function eventNamed(file: PyFile, decorator: Node): string {
  if (decorator.type !== 'call') return '';
  const first = positional(decorator.childForFieldName('arguments'), 0);
  return (first && stringValue(unwrap(first), (n) => file.src(n))) ?? '';
}

/**
 * The functions the file hands to a per-message framework: `gr.ChatInterface(fn=respond)`, `btn.click(respond, …)`,
 * `app.add_handler(MessageHandler(filters.TEXT, reply))`, `bot.register_next_step_handler(msg, ask)`. Found by text
 * once per file, and only in files importing Gradio or a chat-bot framework.
 */
export function chatRegistrations(file: PyFile): ChatRegistration[] {
  const kinds = frameworksOf(file);
  if (kinds.registrations) return kinds.registrations;
  const out: ChatRegistration[] = [];
  if (kinds.gradio) {
    for (const call of nodesMatching(file, GRADIO_CALL, 1, callOfName)) {
      const callee = call.childForFieldName('function')!;
      const name = callee.type === 'attribute' ? callee.childForFieldName('attribute')!.text : callee.text;
      if (GRADIO_INTERFACE.test(name) ? !fromGradio(file, callee) : callee.type !== 'attribute') continue;
      const args = call.childForFieldName('arguments');
      const handler = keyword(args, 'fn') ?? positional(args, 0);
      if (handler) out.push({ handler: unwrap(handler), reason: GRADIO_INTERFACE.test(name) ? `Gradio ${name} handler` : `Gradio ${name} listener` });
    }
  }
  if (kinds.bot) {
    for (const call of nodesMatching(file, MESSAGE_REGISTRATION_CALL, 1, callOfName)) {
      const callee = call.childForFieldName('function')!;
      const name = callee.type === 'attribute' ? callee.childForFieldName('attribute')!.text : callee.text;
      if (!MESSAGE_REGISTRATION.test(name)) continue;
      for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
        const value = a.type === 'keyword_argument' ? (a.childForFieldName('name')?.text === 'callback' ? a.childForFieldName('value') : null) : a;
        if (value && (value.type === 'identifier' || value.type === 'attribute')) out.push({ handler: value, reason: 'chat-bot message handler' });
      }
    }
  }
  if (kinds.websockets) {
    for (const call of nodesMatching(file, WEBSOCKETS_SERVE_CALL, 1, callOfName)) {
      if (!fromWebsockets(file, call.childForFieldName('function')!)) continue;
      const handler = positional(call.childForFieldName('arguments'), 0) ?? keyword(call.childForFieldName('arguments'), 'handler');
      if (handler) out.push({ handler: unwrap(handler), reason: 'websockets connection handler' });
    }
  }
  return (kinds.registrations = out);
}

/** `websockets.serve`, `websockets.server.serve`, or `serve` imported from a websockets module. */
function fromWebsockets(file: PyFile, callee: Node): boolean {
  if (callee.type === 'identifier') return /^websockets(\.|$)/.test(file.imports.get(callee.text)?.module ?? '');
  if (callee.type !== 'attribute') return false;
  let root: Node | null = callee;
  while (root?.type === 'attribute') root = root.childForFieldName('object');
  return root?.type === 'identifier' && /^websockets(\.|$)/.test(file.imports.get(root.text)?.module ?? '');
}

/** `gr.ChatInterface` with `gr` bound to `import gradio as gr`, or `ChatInterface` imported from gradio. */
function fromGradio(file: PyFile, callee: Node): boolean {
  const head = callee.type === 'attribute' ? callee.childForFieldName('object') : callee;
  if (head?.type !== 'identifier') return false;
  return file.imports.get(head.text)?.module === 'gradio';
}

/** The argument names `fn`: `respond`, `self.chat`, `bot.reply` on an instance of its class. */
function refersTo(file: PyFile, handler: Node, fn: FnInfo): boolean {
  const id = handler.type === 'attribute' ? handler.childForFieldName('attribute') : handler;
  if (id?.type !== 'identifier' || id.text !== fn.name) return false;
  return namesFunction(file, id, fn);
}

