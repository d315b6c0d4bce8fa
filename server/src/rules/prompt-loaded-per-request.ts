import type { CodeWriter } from '../core/code-writer';
import { defineRule } from '../core/rule';
import type { FileFacts, Fix, PromptLoad } from '../core/types';

/** Loads that read a local file: the only ones hoisted automatically (a network read at import time can fail the whole module). */
const FILE_READ = /(^|\.)(readFile|readFileSync|readTextFile|readTextFileSync|readJson|readJSON|read_text|read)$|Bun\.file|^open/;

/** Names a load's arguments may use besides module-level names, per language. */
const TS_ALLOWED = new Set(['path', 'join', 'resolve', 'dirname', '__dirname', '__filename', 'process', 'cwd', 'import', 'meta', 'url', 'URL', 'new', 'fileURLToPath', 'fs', 'promises', 'readFile', 'readFileSync', 'Bun', 'file', 'text', 'Deno', 'readTextFile', 'readTextFileSync', 'encoding', 'utf8', 'utf-8']);
const PY_ALLOWED = new Set(['Path', 'pathlib', 'open', 'read', 'read_text', 'encoding', '__file__', 'parent', 'resolve', 'os', 'path', 'join', 'dirname', 'abspath', 'joinpath']);

function onRequestPath(load: PromptLoad, file: FileFacts): boolean {
  const fn = load.enclosingFunction;
  if (!fn) return false;
  // `client.once('ready', async () => …)`: a handler that runs a single time, at startup.
  if (/\.once\(\s*(['"`])[^'"`]*\1\s*,\s*$/.test(file.text.slice(Math.max(0, fn.span.start - 80), fn.span.start))) return false;
  // What runs once per process reads its prompt once already: the factory of a lazy event handler or a Nitro plugin
  // (the handler it returns is a function of its own), a script's entry point, a command-line command.
  if (fn.runsOnce) return false;
  if (fn.requestPath) return true;
  return load.sentThroughHelper === true || file.callSites.some((s) => s.span.start >= fn.span.start && s.span.end <= fn.span.end);
}

/** The text of the statement's line before the load: `const systemPrompt = await ` → systemPrompt. */
function bindingBefore(text: string, offset: number, python: boolean): { name: string | null; declared: boolean } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const decl = /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:await\s+)?\(?\s*$/.exec(before);
  if (decl) return { name: decl[1], declared: true };
  const assign = python ? /^\s*([A-Za-z_]\w*)\s*(?::[^=]+)?=\s*(?:await\s+)?$/.exec(before) : /^\s*([A-Za-z_$][\w$]*)\s*(?:\?\?=|\|\|=|=)\s*(?:await\s+)?\(?\s*$/.exec(before);
  if (assign) return { name: assign[1], declared: false };
  return { name: null, declared: false };
}

/** Names declared at module scope (column 0), with where they are declared. */
function moduleNames(text: string, python: boolean): Map<string, number> {
  const out = new Map<string, number>();
  const add = (name: string, at: number) => {
    if (!out.has(name)) out.set(name, at);
  };
  if (python) {
    for (const m of text.matchAll(/^([A-Za-z_]\w*)\s*(?::[^=\n]+)?=/gm)) add(m[1], m.index!);
    for (const m of text.matchAll(/^(?:from\s+[\w.]+\s+)?import\s+([^\n]+)/gm)) for (const n of m[1].split(',')) add(n.trim().split(/\s+as\s+/).pop()!.split('.')[0], 0);
    for (const m of text.matchAll(/^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/gm)) add(m[1], m.index!);
    return out;
  }
  for (const m of text.matchAll(/^import\s+([\s\S]*?)\s+from\s+['"][^'"]+['"]/gm)) {
    for (const n of m[1].replace(/[{}*]/g, ',').replace(/\btype\b/g, '').split(',')) {
      const name = n.trim().split(/\s+as\s+/).pop()!.trim();
      if (/^[A-Za-z_$][\w$]*$/.test(name)) add(name, 0);
    }
  }
  for (const m of text.matchAll(/^(?:export\s+)?(?:declare\s+)?(?:const|let|var|function\*?|async\s+function|class)\s+([A-Za-z_$][\w$]*)/gm)) add(m[1], m.index!);
  for (const m of text.matchAll(/^(?:const|let|var)\s+\{([^}]*)\}\s*=\s*require\(/gm)) for (const n of m[1].split(',')) add(n.trim().split(':').pop()!.trim(), m.index!);
  return out;
}

function screamingSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}

export default defineRule({
  id: 'prompt-loaded-per-request',
  family: 'context',
  severity: 'warning',
  fixable: 'unsafe',
  languages: ['typescript', 'javascript', 'python'],
  defaultOptions: {},
  docs: {
    summary: 'A system prompt or template is read from disk, a config store or the network on every request',
    why: [
      'A prompt that does not change between requests should be read once. Reading it inside a route handler adds a file-system or network round trip to every request (an SSM `GetParameter`, an S3 object fetched in a Lambda handler (`s3.get_object(Bucket=…, Key=…)["Body"].read()`, Python) or a LangChain `hub.pull` / LangSmith `Client().pull_prompt` is a network call with its own latency, throttling limits and failure modes), and a config-store outage then fails every chat request instead of only cold starts.',
      '',
      'It also hides the prompt from tooling: a prompt assembled from a per-request read cannot be measured ahead of time, and a file that is edited while the server runs makes consecutive requests send different prefixes, so the provider prefix cache (OpenAI: prompts of 1,024 tokens or more; Anthropic: up to 0.1× the input price on reads) misses after each change.',
      '',
      'A function counts when it calls the model itself or hands the text it read to a workspace helper that sends that parameter to a model (`generateText(prompt, context)` in `lib/openai.ts`); a yargs command module\'s `handler` and a Python script\'s `main()` under `if __name__ == "__main__":` run once per process and are left alone.',
      '',
      'A Streamlit script (a file that imports streamlit and draws with it from module-level code: `st.title(…)`, `st.chat_input(…)`; each page under `pages/` is one) is different: Streamlit reruns it from top to bottom on every interaction, so a read at its module level (`SYSTEM_PROMPT = Path(\"system.md\").read_text()`, `prompt = hub.pull(…)`), or in a function it calls from there, runs on every click and chat message. It is reported without a fix (module scope is what reruns) and goes into a function decorated with `@st.cache_data` (`@st.cache_resource` for a prompt object); reads in a function so decorated (or with the legacy `@st.cache`, `@st.experimental_memo`), in a branch guarded by `st.session_state` (run once per session), or at the module level of a module the script imports (Python runs it once) are left alone.',
      '',
      'Load the prompt at module scope or memoize it. The fix hoists a local file read whose path uses only literals and module-level names into a module-level constant; network and config-store reads are reported without an automatic fix, as is a JSON or YAML prompt catalogue parsed from a file opened in the function (`with open(PROMPTS) as f: prompts = json.load(f)`, `yaml.safe_load(f)`).',
      '',
      'A read whose path depends on the request (the user\'s own document: `open(f"uploads/{doc_id}.txt")`, `readFile(path.join(UPLOADS, req.params.id))`, a path built from an uploaded file) is user data, not a prompt, and is not reported, unless the read is named as a prompt (`system_prompt = Path(PROMPTS_DIR, f"support.{lang}.md").read_text()`): then it is a prompt chosen per request, worth caching. Neither is a file the app also writes (`fs.writeFileSync(HISTORY_PATH, …)`, `open(LOG, "a")`: a log of past prompts is data), nor any read in a workspace that calls no model.',
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        filename: 'app/api/chat/route.ts',
        files: { 'prompts/support.md': 'You are the support assistant for Acme Cloud Storage.\n' },
        code: `import { readFile } from 'node:fs/promises';
import path from 'node:path';
import OpenAI from 'openai';

const openai = new OpenAI({ timeout: 30_000 });

export async function POST(req: Request) {
  const { question } = await req.json();
  const systemPrompt = await readFile(path.join(process.cwd(), 'prompts', 'support.md'), 'utf8');
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: systemPrompt },
      { role: 'user', content: question },
    ],
  });
  return Response.json({ answer: completion.choices[0].message.content });
}
`,
      },
      {
        language: 'python',
        filename: 'app/main.py',
        files: { 'prompts/support.md': 'You are the support assistant for Acme Cloud Storage.\n' },
        code: `from pathlib import Path

from fastapi import FastAPI
from openai import AsyncOpenAI

PROMPTS = Path(__file__).parent.parent / "prompts"
client = AsyncOpenAI(timeout=30)
app = FastAPI()


@app.post("/chat")
async def chat(question: str) -> dict:
    system_prompt = (PROMPTS / "support.md").read_text(encoding="utf-8")
    completion = await client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "system", "content": system_prompt}, {"role": "user", "content": question}],
    )
    return {"answer": completion.choices[0].message.content}
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        filename: 'app/api/chat/route.ts',
        files: { 'prompts/support.md': 'You are the support assistant for Acme Cloud Storage.\n' },
        code: `import { readFile } from 'node:fs/promises';
import path from 'node:path';
import OpenAI from 'openai';

const openai = new OpenAI({ timeout: 30_000 });
const SYSTEM_PROMPT_SOURCE = readFile(path.join(process.cwd(), 'prompts', 'support.md'), 'utf8');

export async function POST(req: Request) {
  const { question } = await req.json();
  const systemPrompt = await SYSTEM_PROMPT_SOURCE;
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: systemPrompt },
      { role: 'user', content: question },
    ],
  });
  return Response.json({ answer: completion.choices[0].message.content });
}
`,
      },
      {
        language: 'python',
        filename: 'app/main.py',
        files: { 'prompts/support.md': 'You are the support assistant for Acme Cloud Storage.\n' },
        code: `from pathlib import Path

from fastapi import FastAPI
from openai import AsyncOpenAI

PROMPTS = Path(__file__).parent.parent / "prompts"
SYSTEM_PROMPT = (PROMPTS / "support.md").read_text(encoding="utf-8")
client = AsyncOpenAI(timeout=30)
app = FastAPI()


@app.post("/chat")
async def chat(question: str) -> dict:
    completion = await client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": question}],
    )
    return {"answer": completion.choices[0].message.content}
`,
      },
    ],
    references: [
      'https://nextjs.org/docs/app/building-your-application/routing/route-handlers',
      'https://cookbook.openai.com/examples/prompt_caching_201',
      'https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-throughput.html',
    ],
    fixSafety: 'Unsafe: the file is read once when the module loads, so edits to it need a restart, and a missing file fails at first use instead of per request (an awaited read keeps a handler on the hoisted promise, so the process does not crash at startup). Handlers registered with `.once(…)` run a single time and are not reported, nor is what runs once per process: the factory of an h3/Nitro lazy event handler (`defineLazyEventHandler(async () => …)`, called once, on the first request; the handler it returns is reported), a Nitro plugin\'s set-up (run at start-up), a script\'s entry point, run only from module-level code (`main()` under `if __name__ == "__main__":` or bare, `asyncio.run(main())`, `fire.Fire(main)`; in JavaScript `main().catch(…)`) (except in a Streamlit script, which reruns it on every interaction), or a command-line command (a click or typer command, a commander / cac / sade `.action(…)` callback, a yargs command module\'s `handler`); a chat bot\'s `@bot.command()` runs per message and still is, as do Chainlit\'s `@cl.on_message`, Gradio\'s event listeners (`gr.ChatInterface(fn=…)`, `btn.click(fn, …)`) and Slack Bolt, python-telegram-bot and aiogram handlers, with what they call; Chainlit\'s `@cl.on_chat_start` and `@cl.on_chat_resume` run once per chat session and are not reported, nor is a function memoised with no argument (`@lru_cache`) or cached by Streamlit. A read whose path comes from the loop being worked through (`for (const file of files) readFile(file)`) or from `process.argv` is the program\'s input, not a prompt. Nor is a read kept in a cache its function answers from first (`if (this.cache.has(name)) return this.cache.get(name)!; … this.cache.set(name, text)`, `this.prompt ??= await readFile(…)`, `if self._prompt is None: self._prompt = …`): each prompt is read once per process.',
  },
  check(ctx) {
    const python = ctx.file.language === 'python';
    const used = new Set<string>();
    // With no model call anywhere in the workspace, nothing read is a prompt (a log of user prompts, a word count).
    if (ctx.file.promptLoads.length === 0 || ctx.workspace.callSites().length === 0) return;
    for (const load of ctx.file.promptLoads) {
      if (load.feedsPrompt && load.rerun && !writtenByTheApp(load, ctx.file.text)) {
        // Hoisting to module scope changes nothing in a script that is itself rerun: no automatic fix.
        const fnName = load.enclosingFunction?.name;
        const where = fnName ? ` in ${fnName}(), which the script calls from its top level,` : '';
        ctx.report({ span: load.span, message: `\`${load.api}\` reads the prompt${where} on every rerun (${load.rerun}); load it in a function decorated with \`${/pull/.test(load.api) ? '@st.cache_resource' : '@st.cache_data'}\`` });
        continue;
      }
      if (!load.feedsPrompt || !onRequestPath(load, ctx.file)) continue;
      if (writtenByTheApp(load, ctx.file.text)) continue;
      const binding = bindingBefore(ctx.file.text, load.span.start, python);
      // Memoized into a variable outside the function (`cached ??= await readFile(…)`): read once.
      if (binding.name && !binding.declared && moduleNames(ctx.file.text, python).has(binding.name)) continue;
      // Or kept in a cache the function answers from first (`if (this.cache.has(name)) return …; … this.cache.set(…)`).
      if (answeredFromCache(load, ctx.file.text, python)) continue;
      const fn = load.enclosingFunction!;
      const where = fn.requestPath
        ? `every request (${fn.name && !fn.requestPath.includes(fn.name) ? `${fn.name}, ` : ''}${fn.requestPath})`
        : `every call of ${fn.name ? `${fn.name}()` : 'the function'}, which calls the model,`;
      const message = `\`${load.api}\` reads the prompt on ${where} instead of once at module scope`;
      const fix = ctx.writer ? hoist(load, ctx.file.text, ctx.writer, binding.name, used, python) : null;
      ctx.report({ span: load.span, message, ...(fix ? { fix } : {}) });
    }
  },
});

/**
 * The load's function returns early from a cache it fills after the read: `if (this.cache.has(name)) return
 * this.cache.get(name)!; … this.cache.set(name, content)` (a NestJS prompt loader service), `if (this.cached) return
 * this.cached; … this.cached = combined`, Python `if name in self._cache: return self._cache[name] … self._cache[name] =
 * text`. The cache is an instance field or a module-level name; each prompt is read once per process.
 */
function answeredFromCache(load: PromptLoad, text: string, python: boolean): boolean {
  const fn = load.enclosingFunction;
  if (!fn || load.span.start < fn.span.start || load.span.end > fn.span.end) return false;
  const before = text.slice(fn.span.start, load.span.start);
  const after = text.slice(load.span.end, fn.span.end);
  const moduleLevel = moduleNames(text, python);
  const guard = python
    ? /\bif\s+(?:[^:\n]*?\s+in\s+)?(self\.\w+|[A-Za-z_]\w*)(?:\s+is\s+not\s+None)?\s*:\s*(?:\n\s*)?return\b/g
    : /\bif\s*\(\s*(this\.[\w$]+|[A-Za-z_$][\w$]*)(?:\.has\([^)]*\))?\s*(?:!==?\s*(?:null|undefined))?\s*\)\s*\{?\s*return\b/g;
  // `this.prompt ??= await readFile(…)`, or `if (!this.prompt) this.prompt = …` / `if self._prompt is None: self._prompt = …`.
  const lineStart = text.lastIndexOf('\n', load.span.start - 1) + 1;
  const field = /(?:^|[^\w$.])((?:this|self)\.[\w$]+)\s*(\?\?=|\|\|=|=)\s*(?:await\s+)?\(?\s*$/.exec(text.slice(lineStart, load.span.start));
  if (field) {
    if (field[2] !== '=') return true;
    const f = field[1].replace(/[$.]/g, '\\$&');
    const unset = python ? new RegExp(`\\bif\\s+(not\\s+${f}\\s*:|${f}\\s+is\\s+None\\s*:)`) : new RegExp(`\\bif\\s*\\(\\s*(!\\s*${f}\\s*\\)|${f}\\s*={2,3}\\s*(null|undefined)\\s*\\))`);
    if (unset.test(before)) return true;
  }
  for (const m of before.matchAll(guard)) {
    const cache = m[1];
    if (!/^(this|self)\./.test(cache) && !moduleLevel.has(cache)) continue;
    const c = cache.replace(/[$.]/g, '\\$&');
    const filled = python ? new RegExp(`\\b${c}(\\[[^\\]]*\\])?\\s*=[^=]`) : new RegExp(`(^|[^\\w$.])${c}(\\.set\\(|\\[[^\\]]*\\]\\s*=[^=]|\\s*(\\?\\?|\\|\\|)?=[^=>])`);
    if (filled.test(after)) return true;
  }
  return false;
}

/**
 * The file read is one the app writes too (`fs.writeFileSync(HISTORY_PATH, …)`, `open(path, "a")`): data it keeps,
 * such as a history of user prompts, not a template; reading it once at startup would serve stale data.
 */
function writtenByTheApp(load: PromptLoad, text: string): boolean {
  const call = text.slice(load.span.start, load.span.end);
  const target = /\(\s*([\w$.]+)\s*[,)]/.exec(call)?.[1];
  if (!target || /^["'`]/.test(target)) return false;
  const t = target.replace(/[$.]/g, '\\$&');
  return new RegExp(
    `\\b(writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream)\\s*\\(\\s*${t}\\s*[,)]|\\bopen\\s*\\(\\s*${t}\\s*,\\s*(mode\\s*=\\s*)?[rb]?["'][wax+]|\\b${t}\\s*\\)?\\.(write_text|write_bytes)\\s*\\(`,
  ).test(text);
}

function hoist(load: PromptLoad, text: string, writer: CodeWriter, binding: string | null, used: Set<string>, python: boolean): Fix | null {
  if (!FILE_READ.test(load.api)) return null;
  const fn = load.enclosingFunction;
  if (!fn) return null;
  const call = text.slice(load.span.start, load.span.end);
  // Every name in the call (outside string literals) must be a known helper or a module-level name declared before the function.
  const names = moduleNames(text, python);
  const fnText = text.slice(fn.span.start, fn.span.end);
  const code = call.replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, (lit) => (lit.startsWith('`') && lit.includes('${') ? '\u0000' : '""'));
  if (code.includes('\u0000')) return null;
  const allowed = python ? PY_ALLOWED : TS_ALLOWED;
  // Where the constant goes: before the module-level statement that holds the function.
  const insertAt = fn.span.start;
  const lineStart = text.lastIndexOf('\n', insertAt - 1) + 1;
  for (const m of code.matchAll(/(?<![.\w$])[A-Za-z_$][\w$]*/g)) {
    const name = m[0];
    if (allowed.has(name)) continue;
    const at = names.get(name);
    if (at === undefined || at >= lineStart) return null;
    // Shadowed inside the function (a parameter or a local of the same name).
    const re = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
    if (python) {
      // The `def` line(s) up to the colon that opens the body, and assignments to the name in the body.
      const signature = /\bdef\b[\s\S]*?\)\s*(?:->[^\n]*?)?:[ \t]*(?:#[^\n]*)?(?:\r?\n|$)/.exec(fnText);
      const body = signature ? fnText.slice(signature.index + signature[0].length) : fnText;
      if (!signature || re.test(signature[0]) || new RegExp(`^[ \\t]*${name}[ \\t]*(?::[^=\\n]+)?=(?!=)`, 'm').test(body)) return null;
      continue;
    }
    const header = fnText.slice(0, Math.max(0, fnText.indexOf('{')));
    if (re.test(header) || new RegExp(`\\b(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}\\b`).test(fnText)) return null;
  }
  // Only hoist from a function whose statement starts a line at module scope.
  const stmtLine = statementLineStart(text, insertAt, writer);
  if (stmtLine === null) return null;
  let base = binding ? `${screamingSnake(binding)}_SOURCE` : 'PROMPT_SOURCE';
  base = base.replace(/^_+/, '');
  let name = base;
  for (let i = 2; new RegExp(`\\b${name}\\b`).test(text) || used.has(name); i++) name = `${base}_${i}`;
  used.add(name);
  // A promise (`await readFile(…)`) read at import: a missing file must fail where it is awaited, not crash the process
  // at startup with an unhandled rejection (Node 15+).
  const awaited = !python && /\bawait\s*$/.test(text.slice(Math.max(0, load.span.start - 20), load.span.start));
  const decl = python ? `${name} = ${call}` : awaited ? `const ${name} = ${call};\n${name}.catch(() => {}); // a missing file fails where it is awaited` : `const ${name} = ${call};`;
  // Python: two blank lines before the top-level def that follows (PEP 8).
  const insert = writer.insertStatementBefore(text, insertAt, python ? `${decl}\n\n` : `${decl}\n`);
  if (insert.start !== stmtLine) return null;
  return {
    title: `Load the prompt once at module scope (${name})`,
    edits: [insert, { start: load.span.start, end: load.span.end, newText: name }],
    safety: 'unsafe',
  };
}

/** The start of the line of the module-level statement containing `offset`, or null when it is indented (nested). */
function statementLineStart(text: string, offset: number, writer: CodeWriter): number | null {
  const probe = writer.insertStatementBefore(text, offset, 'x');
  const indent = probe.newText.slice(0, probe.newText.indexOf('x'));
  return indent === '' ? probe.start : null;
}
