import { defineRule } from '../core/rule';
import type { Fix, HistoryFetch } from '../core/types';

interface Options {
  /** Messages the fix keeps (the most recent ones). */
  window: number;
}

/** `lrange(key, 0, -1)` with its start index located; the end must be -1 (the whole list). */
const LRANGE_ALL = /,\s*(0)\s*,\s*-1\s*\)\s*$/;
/** `lrange(key, -50, -1)`: already the last N entries. */
const LRANGE_TAIL = /,\s*-\d+\s*,\s*-1\s*\)\s*$/;

export default defineRule<Options>({
  id: 'unbounded-history',
  family: 'context',
  severity: 'warning',
  fixable: 'unsafe',
  languages: ['typescript', 'javascript', 'python'],
  defaultOptions: { window: 50 },
  docs: {
    summary: 'Conversation history is fetched from a store without a limit and sent to the model whole',
    why: [
      'Input tokens are billed on every turn. When the whole conversation is loaded and sent each time, a chat of *n* turns costs about n²/2 turn-lengths in total: at 150 tokens per message, turn 200 alone sends about 30,000 input tokens (about $0.075 on gpt-4o at $2.50 per million), and long threads eventually exceed the context window and fail.',
      '',
      'A window of recent messages (plus a summary of older ones when they matter) keeps cost per turn flat. The fix fetches the last 50 messages in the existing order (option `window`): Prisma `take: -50`, Redis `LRANGE key -50 -1`. It changes what the model sees, so it is offered as an unsafe fix.',
      '',
      'Reads recognised: Prisma `findMany`, and a `findUnique` / `findFirst` that includes a history relation (`include: { messages: true }`, Drizzle `with: { messages: true }`) without `take` / `limit`, Mongo `find`, Redis `LRANGE`, SQL `SELECT … FROM messages`, SQLAlchemy `query(…).all()` or a `query(…).filter_by(…).order_by(…)` that is iterated, Supabase `from(…).select`, and Django QuerySets of a history-like model or related manager (`Message.objects.filter/exclude/order_by(…)`, `conv.messages.order_by(…)`, `conv.message_set.all()`); a slice (`[:20]`, `[-20:]`), `.first()`/`.last()`/`.get()`, a limit or a counted result (`.count()`) is bounded or not history.',
      '',
      'LangChain\'s `RunnableWithMessageHistory(chain, get_session_history)` (in LangChain.js, `new RunnableWithMessageHistory({ runnable, getMessageHistory })`) is a read too when the factory (a module function or a lambda) hands out a LangChain store that keeps every message — `InMemoryChatMessageHistory`, `ChatMessageHistory`, `SQLChatMessageHistory`, `RedisChatMessageHistory`, `MongoDBChatMessageHistory` and the like — and the module does not trim it (`trim_messages` in the chain, a slice in the factory): each turn sends the whole session. A store class of the workspace (a `BaseChatMessageHistory` subclass) may keep a window and is left alone. No fix is offered: the window belongs in the chain (`trim_messages`, `trimMessages`). So is a Streamlit chat\'s `st.session_state.messages` (or `["messages"]`, `chat_history`, …) sent on each rerun, unless sliced. So are the histories chat UI frameworks keep for a session and hand to the app on every message: the `history` argument Gradio passes to a `gr.ChatInterface(fn)` function (every earlier message of the conversation), a list kept in Chainlit\'s `cl.user_session` under a history key (`"message_history"`, `"messages"`, …; bounded when the app stores a slice under the key or cuts the list in place with `.pop(0)` / `del`) and `cl.chat_context.to_openai()`, each when it flows into a request unsliced. So is a Python `ConversationBufferMemory` read into the prompt (`memory.chat_memory.messages`, `memory.buffer_as_messages`, `memory.load_memory_variables({})`), which keeps every message of the session, unlike `ConversationBufferWindowMemory(k=…)`, the token-buffer and the summary memories. In LangChain.js, a Prisma read whose rows go into a `BufferMemory` or a `ChatMessageHistory` (`new BufferMemory({ chatHistory: new ChatMessageHistory(messages) })`, `memory.chatHistory.addUserMessage(row.question)` in a loop over the rows) reaches the prompt whole, whatever its table is called, when a chain with a chat model uses the memory (`new ConversationChain({ llm, memory })`) or what it hands back (`loadMemoryVariables`, `getMessages`) goes into a model call; `BufferWindowMemory({ k })`, the token-buffer and the summary memories keep a window or a summary.',
      '',
      'The read is reported where it is written: in the function that sends it to the model, or in a function that returns it (`def get_messages(cid): return Message.objects.filter(…)`) when a caller in the same module or in another module of the workspace sends the result to the model, through a variable or written in the call (`messages=get_messages(cid)`). A read on the loop variable of an unbounded read (`for pair in MessagePair.objects.filter(…): pair.messages.all()`, one row\'s own messages) is part of that read, not a second finding.',
      '',
      'So does a LangGraph graph compiled with a checkpointer (`builder.compile(checkpointer=InMemorySaver())`, a Postgres or SQLite saver): its state\'s `add_messages` channel (`messages: Annotated[list, add_messages]`, or `MessagesState`) is restored with every message of the thread before each run and only grows, so a node that sends `state["messages"]` whole (directly, or through a helper taking the state) sends the whole thread on every turn. The finding sits on the read; no fix is offered, because a plain slice can cut a tool call from its result: trim where it is sent (`trim_messages(…, strategy="last", start_on="human")`), or summarise and remove old messages. A graph without a checkpointer, a module that trims or removes messages (`trim_messages`, `RemoveMessage`), an index (`state["messages"][-1]`) or a slice is left alone, as is a checkpointer the caller passes in (it may be None). The prebuilt `create_react_agent(model, tools, checkpointer=…)` (`langgraph.prebuilt`) does the same with its default `AgentState`; it is reported on the call unless a `pre_model_hook`, a custom `state_schema`, or a `prompt` (`state_modifier`, `messages_modifier`) that is not a string or SystemMessage shapes what the model is sent. LangGraph.js graphs are read alike: a node of `new StateGraph(MessagesAnnotation)` (or an `Annotation.Root` whose channel is reduced by `messagesStateReducer`) compiled with `.compile({ checkpointer })` that sends `state.messages` whole (`model.invoke(state.messages)`, `[system, ...state.messages]`) is reported on the read. In-memory savers (`MemorySaver`, `InMemorySaver`) made inside a function for an agent or graph that the function neither returns nor stores keep no thread past the call, and are left alone. In LangGraph.js the prebuilt `createReactAgent({ llm, tools, checkpointSaver })` (`checkpointer` is the same option) with a saver built in the module (`new MemorySaver()`, `PostgresSaver.fromConnString(…)`) does the same: its default state appends every message and the agent sends `state.messages` whole (after a `prompt` string, if any); reported on the call, unless a `preModelHook`, a prompt function, `stateModifier`/`messageModifier` or a custom `stateSchema` shapes what the model is sent, or the module trims (`trimMessages`).',
      '',
      'In Python, an agent run sends it as well: the input of an OpenAI Agents SDK run (`Runner.run(agent, input_messages)`, `run_sync`, `run_streamed`, `input=`) and pydantic-ai\'s `agent.run(text, message_history=history)` (`run_sync`, `run_stream`, `iter`) go to the model whole on every turn, for an agent built in the same module. A run given only the new message (`Runner.run(agent, text)`) sends no history. So does a google-generativeai chat session: `model.start_chat(history=history)` sends every message of `history` (and the turns since) with each `chat.send_message(…)`, so a read given as `history=` reaches the model whole; a chat started without history, or with a slice (`history=history[-20:]`), does not. (google-genai\'s `client.chats.create(model=…, history=…)` sessions are not read yet.)',
      '',
      'Conversation state kept at module scope is the whole history of every user at once: a module-level list (a module-level array in TypeScript) that a route, a view or a chat-bot message handler (`@bot.message_handler`, `MessageHandler(…, fn)`, `@client.event async def on_message`, `client.on(\'messageCreate\', …)`) appends to and sends to the model whole (`messages=history`, `[SYSTEM, ...history]`), or one chat session made at import time and sent through by every request (`chat = model.start_chat()`, `chat = client.chats.create(…)`, `const chat = ai.chats.create(…)`). It grows with every request the process serves, across users, and mixes their conversations. The finding sits on the module-level name; no fix is offered (keep the history per conversation and send a window of it). Left alone: a list that is reset or reassigned (`global history; history = []`, a second assignment), cut or capped (`.pop(0)`, `.clear()`, `del`, `.splice`, `.shift`, a length check), exported, sent as a window or an index (`history[-10:]`, `history.slice(-10)`), a dict or Map of per-user histories, and a script or terminal chat (`input()` in a loop, `rl.on(\'line\', …)`), which has one user.',
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        filename: 'app/api/chat/route.ts',
        files: { 'lib/db.ts': "import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n" },
        code: `import OpenAI from 'openai';
import { prisma } from '@/lib/db';

const openai = new OpenAI({ timeout: 30_000 });

export async function POST(req: Request) {
  const { conversationId, message } = await req.json();
  const history = await prisma.message.findMany({
    where: { conversationId },
    orderBy: { createdAt: 'asc' },
  });
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      ...history.map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content })),
      { role: 'user', content: message },
    ],
  });
  return Response.json({ answer: completion.choices[0].message.content });
}
`,
      },
      {
        language: 'python',
        filename: 'app/main.py',
        code: `import redis
from fastapi import FastAPI
from openai import AsyncOpenAI

client = AsyncOpenAI(timeout=30)
r = redis.Redis(decode_responses=True)
app = FastAPI()


@app.post("/chat/{conversation_id}")
async def chat(conversation_id: str, message: str) -> dict:
    history = r.lrange(f"chat:{conversation_id}", 0, -1)
    completion = await client.chat.completions.create(
        model="gpt-4o",
        messages=[*({"role": "user", "content": h} for h in history), {"role": "user", "content": message}],
    )
    return {"answer": completion.choices[0].message.content}
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        filename: 'app/api/chat/route.ts',
        files: { 'lib/db.ts': "import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n" },
        code: `import OpenAI from 'openai';
import { prisma } from '@/lib/db';

const openai = new OpenAI({ timeout: 30_000 });

export async function POST(req: Request) {
  const { conversationId, message } = await req.json();
  const history = await prisma.message.findMany({
    where: { conversationId },
    orderBy: { createdAt: 'asc' },
    take: -50,
  });
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      ...history.map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content })),
      { role: 'user', content: message },
    ],
  });
  return Response.json({ answer: completion.choices[0].message.content });
}
`,
      },
      {
        language: 'python',
        filename: 'app/main.py',
        code: `import redis
from fastapi import FastAPI
from openai import AsyncOpenAI

client = AsyncOpenAI(timeout=30)
r = redis.Redis(decode_responses=True)
app = FastAPI()


@app.post("/chat/{conversation_id}")
async def chat(conversation_id: str, message: str) -> dict:
    history = r.lrange(f"chat:{conversation_id}", -50, -1)
    completion = await client.chat.completions.create(
        model="gpt-4o",
        messages=[*({"role": "user", "content": h} for h in history), {"role": "user", "content": message}],
    )
    return {"answer": completion.choices[0].message.content}
`,
      },
    ],
    references: [
      'https://www.prisma.io/docs/orm/prisma-client/queries/pagination',
      'https://redis.io/docs/latest/commands/lrange/',
      'https://platform.openai.com/docs/guides/conversation-state',
    ],
    fixSafety: 'Unsafe: the model no longer sees messages older than the window. A Redis list is cut at the end that holds the newest messages: its tail (`LRANGE key -50 -1`), or its head (`LRANGE key 0 49`) when the list is written with LPUSH.',
  },
  check(ctx) {
    const window = Math.max(1, Math.floor(ctx.options.window));
    for (const fetch of ctx.file.historyFetches) {
      if (!fetch.feedsPrompt || fetch.bounded) continue;
      const call = ctx.file.text.slice(fetch.span.start, fetch.span.end);
      // `lrange(key, -50, -1)` reads only the tail (the TypeScript front end reports any end of -1 as unbounded).
      if (/lrange/i.test(fetch.api) && LRANGE_TAIL.test(call)) continue;
      if (fetch.sharedAcrossRequests) {
        ctx.report({ span: fetch.span, message: sharedMessage(fetch.api, fetch.sharedAcrossRequests, ctx.file.language === 'python' ? 'list' : 'array') });
        continue;
      }
      const py = ctx.file.language === 'python';
      const trimmer = py ? 'trim_messages' : 'trimMessages';
      const message = fetch.api === 'createReactAgent' || fetch.api === 'create_react_agent'
        ? `\`${fetch.api}\` sends every message of the thread to the model on each turn (${fetch.keptBy} restores them), so input tokens grow with every turn; trim them in a \`${py ? 'pre_model_hook' : 'preModelHook'}\` (\`${trimmer}\`)`
        : fetch.keptBy
        ? `\`${fetch.api}\` holds every message of the thread (${fetch.keptBy} restores them each turn) and is sent to the model whole, so input tokens grow with every turn; trim it before the call (\`${trimmer}\`)`
        : `\`${fetch.api}\` loads the entire conversation history into the prompt, so input tokens grow with every turn; keep the last ${window} messages`;
      const fix = fixFor(fetch, call, ctx.file.text, ctx.writer, window, () => newestFirst(ctx.file.text, () => [...ctx.workspace.files()].map((f) => f.text)));
      ctx.report({ span: fetch.span, message, ...(fix ? { fix } : {}) });
    }
  },
});

/** Module-level history: what it holds, who sends it, and that it is every user's. */
function sharedMessage(name: string, shared: NonNullable<HistoryFetch['sharedAcrossRequests']>, list: string): string {
  const what =
    shared.kind === 'list'
      ? `\`${name}\` is a module-level ${list} that every request appends to and sends to the model whole (${shared.handler})`
      : `\`${name}\` is one chat session made at module level that every request sends through (${shared.handler}); it keeps every message and sends them all again with each new one`;
  return `${what}, so it grows with every request the process serves, across users, and each call pays input tokens for all earlier turns; keep the history per conversation and send a window of it`;
}

/**
 * The list is written with LPUSH (newest first) and never RPUSH, in this file or, when this file writes none, in the
 * workspace: then the newest messages are at the front.
 */
function newestFirst(text: string, others: () => string[]): boolean {
  const LPUSH = /\.l[pP]ush[xX]?\s*\(/;
  const RPUSH = /\.r[pP]ush[xX]?\s*\(/;
  const writes = (t: string) => ({ l: LPUSH.test(t), r: RPUSH.test(t) });
  const own = writes(text);
  if (own.l || own.r) return own.l && !own.r;
  const all = others().map(writes);
  return all.some((w) => w.l) && !all.some((w) => w.r);
}

function fixFor(fetch: HistoryFetch, call: string, text: string, writer: import('../core/code-writer').CodeWriter | null, window: number, lpushed: () => boolean): Fix | null {
  if (!writer) return null;
  if (/\.findMany$/.test(fetch.api) && fetch.args && !fetch.args.hasSpread) {
    const edits = writer.addOption(fetch.args, 'take', -window, text);
    return edits.length ? { title: `Fetch only the last ${window} messages (take: -${window})`, edits, safety: 'unsafe' } : null;
  }
  if (/lrange/i.test(fetch.api)) {
    const m = LRANGE_ALL.exec(call);
    if (!m) return null;
    const at = fetch.span.start + m.index + m[0].indexOf('0');
    // Written with LPUSH, the newest messages come first: keep the head of the list, not its tail.
    if (lpushed()) {
      const end = fetch.span.start + m.index + m[0].indexOf('-1');
      return { title: `Fetch only the newest ${window} messages (LRANGE 0 ${window - 1}: the list is written with LPUSH)`, edits: [{ start: end, end: end + 2, newText: String(window - 1) }], safety: 'unsafe' };
    }
    return { title: `Fetch only the last ${window} messages (LRANGE -${window} -1)`, edits: [{ start: at, end: at + 1, newText: `-${window}` }], safety: 'unsafe' };
  }
  return null;
}
