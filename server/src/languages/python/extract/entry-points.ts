// Functions a Python program runs once per process: a script's entry point and command-line commands. Work done in
// them (reading a prompt file) is done once per run, not once per request.
import { chatSessionHook } from './chat-handlers';
import type { FnInfo, PyFile } from './file-context';
import { wordNodes } from './text-search';
import { unwrap, within, type Node } from './syntax';

/** A module that builds a command-line interface from decorated functions. */
const CLI_IMPORT = /^[ \t]*(import[ \t]+(click|typer)\b|from[ \t]+(click|typer)\b)/m;
/** Chat-bot frameworks whose `@bot.command()` handlers run once per message, like a request. */
const CHAT_BOT_IMPORT = /^[ \t]*(import|from)[ \t]+(discord|nextcord|disnake|interactions|telegram|aiogram|slack_bolt)\b/m;

/** Why `fn` runs once per process, or null. */
export function entryPointOf(file: PyFile, fn: FnInfo): string | null {
  if (commandDecorated(file, fn)) return 'command-line command';
  // Not once per process, but once per chat: reading a prompt there is no per-message cost.
  const sessionHook = chatSessionHook(file, fn);
  if (sessionHook) return sessionHook;
  if (fn.parent || fn.cls) return null;
  return runFromModuleLevelOnly(file, fn) ? `script entry point (${fn.name}() run from module-level code)` : null;
}

/** `@click.command()`, `@cli.command("x")`, `@app.command()` in a click or typer program. */
function commandDecorated(file: PyFile, fn: FnInfo): boolean {
  for (const d of fn.decorators) {
    const e = unwrap(d);
    const callee = e.type === 'call' ? e.childForFieldName('function') : e;
    if (callee?.type !== 'attribute') continue;
    const method = callee.childForFieldName('attribute')?.text;
    if (method !== 'command' && method !== 'group') continue;
    const owner = callee.childForFieldName('object')?.text ?? '';
    if (owner === 'click' || owner === 'typer') return true;
    if (CLI_IMPORT.test(file.text) && !CHAT_BOT_IMPORT.test(file.text)) return true;
  }
  return false;
}

/**
 * Every use of the function's name is in module-level code, calling it (`main()`, `asyncio.run(main())`) or handing
 * it to a runner (`fire.Fire(main)`, `typer.run(main)`; see RUNNER): nothing but the script's own start runs it.
 */
function runFromModuleLevelOnly(file: PyFile, fn: FnInfo): boolean {
  const uses = wordNodes(file, fn.name, (n) => n).filter((n) => !within(n, fn.node) && !isAttributeName(n));
  return uses.length > 0 && uses.every((n) => !file.functionAt(n.startIndex) && !insideClass(n) && (isCallee(n) || isArgument(n)));
}

function isAttributeName(n: Node): boolean {
  const p = n.parent;
  return p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id;
}

function isCallee(n: Node): boolean {
  return n.parent?.type === 'call' && n.parent.childForFieldName('function')?.id === n.id;
}

/**
 * Runners that start a program from one function, once: `fire.Fire(main)`, `typer.run(main)`, `trio.run(main)`. Any
 * other call the function is handed to may run it again and again (`app.add_handler(MessageHandler(…, reply))`,
 * `gr.ChatInterface(respond)`, `schedule.every(5).minutes.do(job)`).
 */
const RUNNER = /^(?:(?:fire\.)?Fire|typer\.run|trio\.run|anyio\.run)$/;

function isArgument(n: Node): boolean {
  const p = n.parent;
  const list = p?.type === 'argument_list' ? p : p?.type === 'keyword_argument' && p.childForFieldName('value')?.id === n.id ? p.parent : null;
  const call = list?.type === 'argument_list' ? list.parent : null;
  return call?.type === 'call' && RUNNER.test(call.childForFieldName('function')?.text ?? '');
}

function insideClass(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'class_definition') return true;
  return false;
}
