// Reads of prompt text inside functions (mirrors promptLoadOf in the TypeScript front end's other-facts.ts), and at
// module level in a Streamlit script, which reruns on every interaction.
import type { FunctionRef, LlmCallSite, PromptLoad } from '../../../core/types';
import { functionRef } from './call-sites';
import { bindingOf, derivedNames, sitesWithin } from './dataflow';
import { entryPointOf } from './entry-points';
import type { FnInfo, PyFile } from './file-context';
import type { Reasons } from './request-paths';
import { resolveExpr } from './resolve';
import { atModuleLevel, isStreamlitScript, rerunByStreamlit, runsOncePerSession, STREAMLIT_CACHE, STREAMLIT_RERUN } from './streamlit';
import { stringValue } from './strings';
import { keyword, positional, unwrap, type Node } from './syntax';
import { callOfName, nodesMatching, wordNodes, wordRe } from './text-search';

const PROMPT_NAME = /prompt|system|instruction|template|persona/i;
const PROMPT_FILE = /\.(md|txt|prompt|j2|jinja2?|hbs|mustache|tmpl|ya?ml)\b/;
const MEMOIZED = /^(lru_cache|cache|cached|alru_cache|cached_property|memoize|memoized)$/;

const LOAD = /\.\s*(read|readlines|read_text|load|safe_load|pull|pull_prompt|get_parameter|get_parameters|get_secret_value|text)\b/dg;
/** Parsers of a prompt catalogue read from an open file: `json.load(f)`, `yaml.safe_load(f)`. */
const PARSER_MODULE = /^(json|ujson|yaml|tomllib|toml)$/;

/** `x.read(...)` → the call; `requests.get(url).text` → the attribute read. */
function loadNode(n: Node): Node | null {
  if (n.type !== 'identifier') return null;
  const p = n.parent;
  if (p?.type !== 'attribute' || p.childForFieldName('attribute')?.id !== n.id) return null;
  if (n.text === 'text') return p.childForFieldName('object')?.type === 'call' ? p : null;
  return callOfName(n);
}

function withEntryPoint(ref: FunctionRef, entryPoint: string | null): FunctionRef {
  return entryPoint && !ref.requestPath ? { ...ref, runsOnce: entryPoint } : ref;
}

/** Reads of prompt text inside (non-memoised) functions, and at module level in a Streamlit script. */
export function promptLoadsIn(file: PyFile, reasons: Reasons, callSites: LlmCallSite[]): PromptLoad[] {
  const out: PromptLoad[] = [];
  const streamlit = isStreamlitScript(file);
  for (const node of nodesMatching(file, LOAD, 1, loadNode)) {
    const fn = file.functionAt(node.startIndex);
    if (fn ? isMemoised(fn) : !streamlit || !atModuleLevel(file, node) || runsOncePerSession(node)) continue;
    const load = loadOf(file, node, node.type === 'attribute' ? node.childForFieldName('object') : null);
    if (!load) continue;
    if (!fn) {
      if (feedsPromptFromModuleLevel(file, node, callSites)) out.push({ path: file.path, span: file.span(node), api: load.api, enclosingFunction: null, feedsPrompt: true, rerun: STREAMLIT_RERUN });
      continue;
    }
    const feeds = feedsPrompt(file, node, fn, load.argText, callSites);
    const ref = functionRef(file, fn, reasons);
    // `main()` run from a Streamlit script's top level runs on every interaction, not once per process, and so does
    // what it calls.
    const rerun = feeds && streamlit && (rerunByStreamlit(file, fn) || !!ref.requestPath?.includes(STREAMLIT_RERUN));
    out.push({
      path: file.path,
      span: file.span(node),
      api: load.api,
      // Only a read that feeds a prompt needs to know whether its function runs once (the search reads every use).
      enclosingFunction: feeds && !rerun ? withEntryPoint(ref, entryPointOf(file, fn)) : ref,
      feedsPrompt: feeds,
      ...(rerun ? { rerun: STREAMLIT_RERUN } : {}),
    });
  }
  return out;
}

/** Builders a prompt text is handed to: a chat message of its own, a LangChain prompt template. */
const PROMPT_SINK = /\b(SystemMessage|HumanMessage|SystemMessagePromptTemplate|PromptTemplate|ChatPromptTemplate|from_template|from_messages)\s*\(/;

/**
 * A module-level read in a Streamlit script whose text reaches a model: the name it is bound to (or a module-level
 * name built from it: `chain = prompt | llm`) appears in a model call of the file, is a chat message's `"content"`
 * (`st.session_state.messages = [{"role": "system", "content": SYSTEM}]`) or goes to a prompt builder; an inline read
 * sits in the call itself.
 */
function feedsPromptFromModuleLevel(file: PyFile, node: Node, callSites: LlmCallSite[]): boolean {
  const start = file.span(node).start;
  if (callSites.some((s) => s.span.start <= start && start < s.span.end)) return true;
  const binding = bindingOf(node)?.text;
  if (!binding) return false;
  const names = [binding];
  for (let round = 0; round < 3; round++) {
    const before = names.length;
    for (const m of file.text.matchAll(/^([A-Za-z_]\w*)\s*(?::[^=\n]+)?=(?!=)([^\n]*)/gm)) {
      if (!names.includes(m[1]) && names.some((n) => wordRe(n).test(m[2]))) names.push(m[1]);
    }
    if (names.length === before) break;
  }
  const mentioned = (text: string) => names.some((n) => wordRe(n).test(codeOf(text)));
  if (callSites.some((s) => mentioned(file.text.slice(s.span.start, s.span.end)))) return true;
  // Written into a chat message the script sends (`{"role": "user", "content": "Answer from this: " + knowledge}`),
  // whatever the name says.
  if (callSites.length > 0 && new RegExp(`["']content["']\\s*:[^\\n]*${wordRe(binding).source}`).test(file.text)) return true;
  if (!PROMPT_NAME.test(binding)) return false;
  const use = new RegExp(`["']content["']\\s*:\\s*${binding}\\b|${PROMPT_SINK.source}[^\\n]*\\b${binding}\\b`);
  return callSites.length > 0 && use.test(file.text);
}

function isMemoised(fn: FnInfo): boolean {
  return fn.decoratedWith(MEMOIZED) || fn.decoratedWith(STREAMLIT_CACHE);
}

function argText(file: PyFile, call: Node): string {
  const a = call.childForFieldName('arguments');
  return a ? file.src(a) : '';
}

/** Which API a candidate is, and the text of its arguments (for "looks like a prompt"). */
function loadOf(file: PyFile, node: Node, getCall: Node | null): { api: string; argText: string } | null {
  if (node.type === 'attribute') {
    // requests.get(url).text / httpx.get(url).text
    if (!getCall) return null;
    const fn = getCall.childForFieldName('function');
    const name = fn ? file.src(fn) : '';
    return /^(requests|httpx)\.get$/.test(name) ? { api: `${name}().text`, argText: argText(file, getCall) } : null;
  }
  const callee = node.childForFieldName('function')!;
  const method = callee.childForFieldName('attribute')?.text ?? '';
  const obj = unwrap(callee.childForFieldName('object')!);
  const objText = file.src(obj);
  switch (method) {
    case 'read':
    case 'readlines': {
      const opener = openCall(file, obj);
      if (opener) return { api: 'open().read()', argText: argText(file, opener) };
      const fetch = s3ObjectFetch(file, obj);
      return fetch ? { api: 's3.get_object', argText: argText(file, fetch) } : null;
    }
    case 'load':
    case 'safe_load': {
      // `with open(PROMPTS) as f: prompts = json.load(f)`: the file is read (and parsed) on every call.
      const handle = positional(node.childForFieldName('arguments'), 0);
      const opener = PARSER_MODULE.test(objText) && handle ? openCall(file, unwrap(handle)) : null;
      return opener ? { api: `${objText}.${method}(open())`, argText: argText(file, opener) } : null;
    }
    case 'read_text':
      if (/(^|\.)resources$/.test(objText)) return { api: 'importlib.resources.read_text', argText: argText(file, node) };
      return { api: 'Path.read_text', argText: obj.type === 'call' ? argText(file, obj) : objText };
    case 'pull':
      return /hub/i.test(objText) ? { api: 'hub.pull', argText: argText(file, node) } : null;
    case 'pull_prompt':
      // LangSmith's prompt hub: `Client().pull_prompt("owner/name")`, a network read like `hub.pull`.
      return [...file.imports.values()].some((b) => /^langsmith(\.|$)/.test(b.module)) ? { api: `${/^[\w.]+$/.test(objText) ? objText : 'Client()'}.pull_prompt`, argText: argText(file, node) } : null;
    case 'get_parameter':
    case 'get_parameters':
      return { api: `ssm.${method}`, argText: argText(file, node) };
    case 'get_secret_value':
      // boto3's Secrets Manager takes keywords only (`SecretId=`); pydantic's `SecretStr.get_secret_value()` takes none
      // and unwraps a value already in memory (an API key from settings).
      return keyword(node.childForFieldName('arguments'), 'SecretId') ? { api: 'secretsmanager.get_secret_value', argText: argText(file, node) } : null;
    default:
      return null;
  }
}

/** `open(...)` directly, or the `f` of `with open(...) as f`. */
function openCall(file: PyFile, obj: Node): Node | null {
  let e = obj;
  if (e.type === 'identifier') {
    const r = resolveExpr(file, e);
    const bound = r.kind === 'node' ? r.node : withTarget(e);
    if (!bound) return null;
    e = bound;
  }
  if (e.type !== 'call') return null;
  const fn = e.childForFieldName('function');
  const name = fn ? file.src(fn) : '';
  if (!/^(open|io\.open|codecs\.open|aiofiles\.open)$/.test(name) && !/\.open$/.test(name)) return null;
  const mode = positional(e.childForFieldName('arguments'), 1);
  const modeText = mode ? stringValue(unwrap(mode), (n) => file.src(n)) : null;
  if (modeText && /[wax]/.test(modeText)) return null;
  return e;
}

/**
 * What an enclosing `with` binds the name to: `with open(PATH) as f:` at a Streamlit script's top level, where
 * module-level names are resolved from assignments only.
 */
function withTarget(id: Node): Node | null {
  for (let p = id.parent; p; p = p.parent) {
    if (p.type !== 'with_statement') continue;
    const clause = p.namedChildren.find((c) => c.type === 'with_clause');
    for (const item of clause?.namedChildren ?? []) {
      const value = item.childForFieldName('value');
      const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias')?.namedChildren[0] : null;
      if (alias?.type === 'identifier' && alias.text === id.text) return value!.namedChildren[0] ?? null;
    }
  }
  return null;
}

/**
 * The object fetched from S3 whose `Body` stream is read: `s3.get_object(Bucket=…, Key=…)["Body"]` (or `.get("Body")`),
 * directly or through the name it is bound to; a network read on every call, like a config-store read.
 */
function s3ObjectFetch(file: PyFile, obj: Node): Node | null {
  let target: Node | null = null;
  if (obj.type === 'subscript') {
    const key = obj.childForFieldName('subscript');
    if (key && stringValue(unwrap(key), (n) => file.src(n)) === 'Body') target = obj.childForFieldName('value');
  } else if (obj.type === 'call') {
    const callee = obj.childForFieldName('function');
    const key = positional(obj.childForFieldName('arguments'), 0);
    if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'get' && key && stringValue(unwrap(key), (n) => file.src(n)) === 'Body') {
      target = callee.childForFieldName('object');
    }
  }
  if (!target) return null;
  let e = unwrap(target);
  if (e.type === 'identifier') {
    const r = resolveExpr(file, e);
    if (r.kind !== 'node') return null;
    e = unwrap(r.node);
  }
  if (e.type !== 'call') return null;
  const fn = e.childForFieldName('function');
  return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get_object' ? e : null;
}

function isReturned(node: Node): boolean {
  let top = node;
  // Through `await`, parentheses, `.text`, `.decode()` and `["Parameter"]["Value"]`.
  while (top.parent && (top.parent.type === 'await' || top.parent.type === 'parenthesized_expression' || top.parent.type === 'attribute' || top.parent.type === 'call' || (top.parent.type === 'subscript' && top.parent.childForFieldName('value')?.id === top.id))) top = top.parent;
  return top.parent?.type === 'return_statement';
}

function feedsPrompt(file: PyFile, node: Node, fn: FnInfo, args: string, callSites: LlmCallSite[]): boolean {
  // `open(f"uploads/{doc_id}.txt")`, `(UPLOAD_DIR / f"{note_id}.md").read_text()`: what is read depends on the
  // request (a parameter of the function, or a local built from one): user data, not a prompt to load once.
  const binding = bindingOf(node)?.text ?? null;
  // A loader named like a prompt (`def escalation_prompt(): return ssm.get_parameter(...)`) returns one.
  const returnedByLoader = isReturned(node) && /prompt|system|instruction|template/i.test(fn.name);
  const looksLikePrompt = PROMPT_NAME.test(args) || (binding !== null && PROMPT_NAME.test(binding)) || PROMPT_FILE.test(args) || returnedByLoader;
  // (A prompt picked per request, `prompts/support.{lang}.md` read into `system_prompt`, is still a prompt; a file
  // extension alone does not say so.)
  const namedPrompt = PROMPT_NAME.test(args) || (binding !== null && PROMPT_NAME.test(binding)) || returnedByLoader;
  if (!namedPrompt && dependsOnParameters(file, fn, args)) return false;
  const fnSpan = file.span(fn.node);
  const local = sitesWithin(callSites, fnSpan.start, fnSpan.end);
  // An option of the client the calls go through (`client = AsyncOpenAI(api_key=creds.get_secret_value(…))`): the name
  // it is bound to is the client's, not the prompt's.
  const at = file.span(node).start;
  if (local.some((s) => s.client?.path === file.path && s.client.span.start <= at && at < s.client.span.end && !s.prompt.some((p) => p.span.start <= at && at < p.span.end))) return false;
  const names = binding ? derivedNames(file, fn, binding) : [];
  if (names.some((n) => local.some((s) => wordRe(n).test(file.text.slice(s.span.start, s.span.end))))) return true;
  if (binding !== null && local.length > 0 && looksLikePrompt) return true;
  if (!looksLikePrompt) return false;
  // A loader function whose result a call site elsewhere uses: `messages=[{"content": load_prompt()}]`.
  for (const call of wordNodes(file, fn.name, callOfName)) {
    const caller = file.functionAt(call.startIndex);
    if (!caller || caller === fn) continue;
    const span = file.span(caller.node);
    if (sitesWithin(callSites, span.start, span.end).length) return true;
  }
  return isReturned(node) && /prompt|system|instruction|template/i.test(fn.name);
}

/** The text (a load's path argument) names a parameter of `fn` or the request, directly or through a local built from one. */
function dependsOnParameters(file: PyFile, fn: FnInfo, text: string): boolean {
  const params = fn.params.filter((p) => p !== 'self' && p !== 'cls');
  const inputs = new Set([...params, 'request', 'req']);
  const mentions = (t: string) => [...inputs].some((n) => wordRe(n).test(codeOf(t)));
  // Locals computed from the inputs (`f = request.files["file"]`, `path = os.path.join("uploads", f.filename)`).
  const bindings = file.bindingsIn(fn);
  for (let round = 0; round < 3; round++) {
    let added = false;
    for (const [name, list] of bindings) {
      if (!inputs.has(name) && list.some((b) => !!b.value && mentions(file.src(b.value)))) {
        inputs.add(name);
        added = true;
      }
    }
    if (!added) break;
  }
  return mentions(text);
}

/** The code of an expression without its string literals, keeping what an f-string interpolates (`{doc_id}`). */
function codeOf(text: string): string {
  return text.replace(/([rRbBuUfF]{0,2})("""|\'\'\'|"|')((?:\\.|(?!\2)[\s\S])*?)\2/g, (_all, prefix: string, _q: string, body: string) =>
    /f/i.test(prefix) ? ` ${[...body.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).join(' ')} ` : ' ""',
  );
}
