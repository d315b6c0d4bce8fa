// Provider URLs, API keys, gen_ai attributes, instrumentation imports and env reads (mirrors the TS other-facts.ts).
import { keyProviderOfName, looksLikeApiKey, providerForUrl, secretIn } from '../../../core/catalog/providers';
import type { Provider } from '../../../core/types';
import type { AttributeWrite, EndpointLiteral, SecretLiteral } from '../../../core/types';
import { observabilitySetUpIn, SENTRY_AI_MONITORING } from '../../../core/observability-setup';
import type { PyFile } from './file-context';
import { instrumentationPackage } from './imports';
import { decodeLiteral, isFormatted, stringValue } from './strings';
import { callArguments, unwrap, type Node } from './syntax';
import { clientConstruction, isSettingsClass } from './resolve';
import type { SentrySetUp } from './sentry';
import { nodesMatching } from './text-search';
import { envRead } from './values';

export const BASE_URL_KEYS = /^(base_url|api_base|azure_endpoint|endpoint|openai_api_base|anthropic_api_url|base_path|baseURL|baseUrl)$/;

/** Provider URLs, API keys and `gen_ai.*` attribute names in string literals. */
export function literalFacts(file: PyFile, endpoints: EndpointLiteral[], secrets: SecretLiteral[], attributes: AttributeWrite[]): void {
  for (const node of nodesMatching(file, LITERAL_HINT, 0, stringOf)) {
    const source = file.src(node);
    if (source.length < 8) continue;
    const text = literalText(file, node, source);
    if (text === null || text.length < 8) continue;
    const span = file.span(node);
    if (/^https?:\/\//.test(text)) {
      const provider = providerForUrl(text);
      if (provider) {
        const endpoint: EndpointLiteral = { path: file.path, span, url: text, provider, role: endpointRole(file, node) };
        if (isFormatted(source)) endpoint.shape = formattedShape(file, node);
        endpoints.push(endpoint);
      }
    }
    if (text.startsWith('gen_ai.')) attributes.push({ path: file.path, span, name: text });
    const secret = secretIn(text);
    if (secret) secrets.push({ path: file.path, span, provider: secret.provider, masked: secret.masked });
  }
  for (const node of nodesMatching(file, UNPREFIXED_KEY_HINT, 0, stringOf)) {
    const text = decodeLiteral(file.src(node));
    const owner = text ? boundKeyProvider(file, node) : null;
    const secret = owner ? looksLikeApiKey(text!, owner) : null;
    if (secret) secrets.push({ path: file.path, span: file.span(node), provider: secret.provider, masked: secret.masked });
  }
}

/**
 * A whole string literal of 32 or 40 letters and digits: the formats of the keys that carry no prefix (an Azure OpenAI
 * key's 32 hex characters, like many a hash; a Mistral key's 32, a Cohere key's 40 letters and digits).
 */
const UNPREFIXED_KEY_HINT = /(?<![\w"'])["'](?:[A-Za-z0-9]{32}|[A-Za-z0-9]{40})["']/dg;

const KEY_OPTION = /^(api_key|openai_api_key|azure_openai_api_key)$/;

/**
 * The provider whose key a literal is by what it is bound to: a name that says so (`AZURE_OPENAI_API_KEY = "…"`,
 * `os.environ["AZURE_OPENAI_API_KEY"] = "…"`, `{"AZURE_API_KEY": "…"}`), or the key option of an Azure client's
 * construction (`AzureOpenAI(api_key="…")`, `AzureChatOpenAI(openai_api_key="…")`), of a Mistral client
 * (`Mistral(api_key="…")`, `MistralClient(api_key="…")`) or of a Cohere client (`cohere.ClientV2(api_key="…")`,
 * `cohere.Client("…")`).
 */
function boundKeyProvider(file: PyFile, lit: Node): Provider | null {
  const p = lit.parent;
  if (p?.type === 'assignment' && p.childForFieldName('right')?.id === lit.id) {
    const left = p.childForFieldName('left');
    const name = left?.type === 'subscript' ? subscriptKey(file, left) : left?.type === 'attribute' ? left.childForFieldName('attribute')?.text : left?.text;
    return name ? keyProviderOfName(name) : null;
  }
  if (p?.type === 'pair' && p.childForFieldName('value')?.id === lit.id) {
    const k = p.childForFieldName('key');
    const key = k ? stringValue(unwrap(k), (n) => file.src(n)) : null;
    return key ? keyProviderOfName(key) : null;
  }
  if (p?.type === 'keyword_argument' && p.childForFieldName('value')?.id === lit.id) {
    const key = p.childForFieldName('name')?.text ?? '';
    const call = p.parent?.type === 'argument_list' ? p.parent.parent : null;
    if (KEY_OPTION.test(key) && call?.type === 'call') {
      const c = clientConstruction(file, call);
      return c?.provider === 'azure-openai' || c?.provider === 'cohere' ? c.provider : c?.sdk === 'mistral' ? 'mistral' : null;
    }
    return keyProviderOfName(key);
  }
  // `cohere.Client("…")`: the key is the first positional argument.
  const call = p?.type === 'argument_list' && p.namedChildren.find((c) => c.type !== 'comment')?.id === lit.id ? p.parent : null;
  if (call?.type === 'call' && clientConstruction(file, call)?.provider === 'cohere') return 'cohere';
  return null;
}

/** `os.environ["AZURE_OPENAI_API_KEY"]`: the subscript's string key. */
function subscriptKey(file: PyFile, sub: Node): string | null {
  const key = sub.childForFieldName('subscript');
  return key ? stringValue(unwrap(key), (n) => file.src(n)) : null;
}

const LITERAL_HINT = /https?:|sk-|AIza|gsk_|gen_ai\./dg;

/** The string literal a position inside it belongs to. */
function stringOf(n: Node): Node | null {
  let x: Node | null = n;
  for (let i = 0; x && i < 3; i++, x = x.parent) if (x.type === 'string') return x;
  return null;
}

/** A literal's text; for f-strings the text before the first field (like a template head). */
function literalText(file: PyFile, node: Node, source: string): string | null {
  if (!isFormatted(source)) return decodeLiteral(source);
  let out = '';
  for (const c of node.namedChildren) {
    if (c.type === 'interpolation') break;
    if (c.type === 'string_content') out += file.src(c);
  }
  return out;
}

/** An f-string's text with each interpolation written `{}`. */
function formattedShape(file: PyFile, node: Node): string {
  let out = '';
  for (const c of node.namedChildren) {
    if (c.type === 'interpolation') out += '{}';
    else if (c.type === 'string_content') out += file.src(c);
  }
  return out;
}

/**
 * `base-url`: a client's base URL option. `request`: the URL argument of an HTTP request (`requests.post(url)`,
 * `client.post(url=…)`, `httpx.stream("POST", url)`), not an env read's fallback, a log line or a mock registration.
 */
function endpointRole(file: PyFile, node: Node): EndpointLiteral['role'] {
  let lit = node;
  if (lit.parent?.type === 'concatenated_string') lit = lit.parent;
  const p = lit.parent;
  if (p?.type === 'keyword_argument') {
    const key = p.childForFieldName('name')?.text ?? '';
    if (BASE_URL_KEYS.test(key)) return 'base-url';
    return isRequestUrl(file, lit) ? 'request' : 'other';
  }
  // `URL = "https://api.openai.com/…"` or `self.base_url = "…"`, then `requests.post(URL, …)` / `(self.base_url, …)`.
  if (p?.type === 'assignment' && p.childForFieldName('right')?.id === lit.id) {
    // `OPENAI_API_BASE: str = "https://…"` in a pydantic-settings class: a default the environment overrides, like
    // `os.getenv("OPENAI_API_BASE", "https://…")`.
    if (isSettingsField(file, p)) return 'other';
    const left = p.childForFieldName('left');
    const named = left?.type === 'identifier' || (left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self');
    if (left && named && sentByName(file, file.src(left))) return 'request';
    // `BASE_URL = "https://api.openai.com/v1"` then `OpenAI(base_url=BASE_URL)`, or a settings module's `OPENAI_API_BASE`.
    if (left?.type === 'identifier' && (BASE_URL_NAME.test(left.text) || passedAsBaseUrl(file, left.text))) {
      return configuredOnAnotherBranch(p, left.text) || onlyADefault(file, left) ? 'other' : 'base-url';
    }
    return 'other';
  }
  if (p?.type === 'pair') {
    const k = p.childForFieldName('key');
    const key = k ? stringValue(unwrap(k), (n) => file.src(n)) : null;
    // `{"base_url": "https://api.deepseek.com/v1", **config}`: a default the unpacked settings override.
    const overridden = p.parent?.namedChildren.some((q) => q.startIndex > p.startIndex && q.type === 'dictionary_splat');
    return key && BASE_URL_KEYS.test(key) && !overridden ? 'base-url' : 'other';
  }
  return isRequestUrl(file, lit) ? 'request' : 'other';
}

/** The assignment declares a field of a pydantic-settings class (in its body, not in a method). */
function isSettingsField(file: PyFile, assignment: Node): boolean {
  const body = assignment.parent?.type === 'expression_statement' ? assignment.parent.parent : null;
  const cls = body?.type === 'block' && body.parent?.type === 'class_definition' ? file.classAt(assignment.startIndex) : null;
  return !!cls && cls.node.id === body!.parent!.id && isSettingsClass(cls);
}

/** The expression is the URL an HTTP request is sent to: its first argument (after a method name), or `url=`. */
function isRequestUrl(file: PyFile, e: Node): boolean {
  const p = e.parent;
  if (p?.type === 'keyword_argument') return p.childForFieldName('name')?.text === 'url' && p.parent?.parent?.type === 'call' && isHttpRequest(file, p.parent.parent);
  if (p?.type !== 'argument_list' || p.parent?.type !== 'call' || !isHttpRequest(file, p.parent)) return false;
  const args = callArguments(p).positional;
  // `requests.request("POST", url)` / `client.stream("POST", url)`: the URL follows the method.
  const method = args[0] && /^["'](GET|POST|PUT|PATCH)["']$/i.test(file.src(args[0]));
  const url = method ? args[1] : args[0];
  return url?.startIndex === e.startIndex && url.endIndex === e.endIndex;
}

/**
 * `if base_url: url = base_url / elif settings.OPENAI_BASE_URL: url = settings.OPENAI_BASE_URL / else: url = "https://…"`
 * (DocsGPT): another branch of the same `if` sets the name from something other than a literal, so the literal is
 * only the fallback of a configurable URL. Two literals on two branches are two direct endpoints.
 */
function configuredOnAnotherBranch(assignment: Node, name: string): boolean {
  const block = assignment.parent?.type === 'expression_statement' ? assignment.parent.parent : null;
  const clause = block?.type === 'block' ? block.parent : null;
  const ifStmt = clause?.type === 'if_statement' ? clause : clause?.type === 'elif_clause' || clause?.type === 'else_clause' ? clause.parent : null;
  if (!block || ifStmt?.type !== 'if_statement') return false;
  const blocks: Node[] = [];
  const consequence = ifStmt.childForFieldName('consequence');
  if (consequence) blocks.push(consequence);
  for (const alt of ifStmt.namedChildren) {
    const body = alt.type === 'elif_clause' ? alt.childForFieldName('consequence') : alt.type === 'else_clause' ? alt.childForFieldName('body') : null;
    if (body) blocks.push(body);
  }
  return blocks.some(
    (b) =>
      b.id !== block.id &&
      b.namedChildren.some((stmt) => {
        const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
        const right = a?.type === 'assignment' && a.childForFieldName('left')?.text === name ? a.childForFieldName('right') : null;
        return !!right && right.type !== 'string' && right.type !== 'concatenated_string' && right.type !== 'none';
      }),
  );
}

/**
 * Every other use of the name in the file is the default of a value that can be configured, as the same URL written
 * inline there would be: an env read's fallback (`DEFAULT_OPENAI_API_BASE = "https://…"` then
 * `os.environ.get("OPENAI_API_BASE", DEFAULT_OPENAI_API_BASE)`), the right side of an `or`
 * (`base_url or DEFAULT_BASE_URL`), the `else` of a conditional that tests its other branch
 * (`url if url else DEFAULT_URL`) or a lookup's default (`config.get("base_url", DEFAULT_URL)`). A class attribute
 * counts through `self.NAME` (Weblate's `self.settings.get("base_url") or self.default_api_url`).
 */
function onlyADefault(file: PyFile, name: Node): boolean {
  let uses = 0;
  for (const at of file.occurrences(name.text)) {
    const n = file.root.descendantForIndex(file.offsets.fromUtf16(at), file.offsets.fromUtf16(at + name.text.length));
    if (n?.type !== 'identifier' || n.id === name.id) continue;
    const use = n.parent?.type === 'attribute' && n.parent.childForFieldName('attribute')?.id === n.id ? n.parent : n;
    if (!isADefault(file, use)) return false;
    uses++;
  }
  return uses > 0;
}

function isADefault(file: PyFile, e: Node): boolean {
  let x = e;
  while (x.parent?.type === 'parenthesized_expression') x = x.parent;
  const p = x.parent;
  if (!p) return false;
  if (p.type === 'boolean_operator') {
    const left = p.childForFieldName('left');
    return p.childForFieldName('right')?.id === x.id && p.childForFieldName('operator')?.text === 'or' && !!left && configured(left);
  }
  if (p.type === 'conditional_expression') {
    const [chosen, condition, fallback] = p.namedChildren;
    return fallback?.id === x.id && !!chosen && !!condition && configured(chosen) && condition.text.includes(chosen.text);
  }
  const call = p.type === 'argument_list' ? p.parent : null;
  if (call?.type !== 'call') return false;
  if (envRead(file, call)?.fallback?.id === x.id) return true;
  // `settings.get("base_url", DEFAULT_URL)` / `getattr(settings, "BASE_URL", DEFAULT_URL)`.
  const fn = call.childForFieldName('function');
  const args = callArguments(p).positional;
  if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get') return args[1]?.id === x.id;
  return fn?.type === 'identifier' && fn.text === 'getattr' && args[2]?.id === x.id;
}

/** Not a literal: a value read from somewhere (a parameter, a setting, the environment). */
function configured(e: Node): boolean {
  const u = unwrap(e);
  return !['string', 'concatenated_string', 'none', 'integer', 'true', 'false'].includes(u.type);
}

/** Module constants named for a client's base URL. */
const BASE_URL_NAME = /(^|_)(BASE_?URL|API_BASE|API_URL|ENDPOINT)$/i;

/** The name is passed to a client as its base URL in this file (`AsyncOpenAI(base_url=BASE, …)`). */
function passedAsBaseUrl(file: PyFile, name: string): boolean {
  for (const at of file.occurrences(name)) {
    const n = file.root.descendantForIndex(file.offsets.fromUtf16(at), file.offsets.fromUtf16(at + name.length));
    const p = n?.type === 'identifier' ? n.parent : null;
    if (p?.type === 'keyword_argument' && p.childForFieldName('value')?.id === n!.id && BASE_URL_KEYS.test(p.childForFieldName('name')?.text ?? '')) return true;
  }
  return false;
}

/** Some HTTP request in the file is sent to the URL held by this name (`URL`, `self.base_url`). */
function sentByName(file: PyFile, name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  for (const at of file.occurrences(last)) {
    let n = file.root.descendantForIndex(file.offsets.fromUtf16(at), file.offsets.fromUtf16(at + last.length));
    if (n?.type !== 'identifier') continue;
    if (n.parent?.type === 'attribute' && n.parent.childForFieldName('attribute')?.id === n.id) n = n.parent;
    if (file.src(n) === name && isRequestUrl(file, n)) return true;
  }
  return false;
}

const HTTP_VERBS = /^(post|get|put|patch|request|stream|urlopen|Request)$/;
const HTTP_MODULES = /^(requests|httpx|aiohttp|urllib\.request|urllib3)(\.|$)/;
/** Mocking and route-registration roots: `respx.post(url)`, `responses.add(...)`, `@app.post("/x")`. */
const MOCK_ROOTS = /^(respx|responses|requests_mock|httpretty|aioresponses|httpx_mock|mock\w*|m|app|router|bp|blueprint|api)$/i;

function isHttpRequest(file: PyFile, call: Node): boolean {
  const fn = call.childForFieldName('function');
  if (!fn) return false;
  if (fn.type === 'identifier') {
    const b = file.imports.get(fn.text);
    return HTTP_VERBS.test(b?.name ?? '') && HTTP_MODULES.test(b?.module ?? '');
  }
  if (fn.type !== 'attribute' || !HTTP_VERBS.test(fn.childForFieldName('attribute')?.text ?? '')) return false;
  let root = fn.childForFieldName('object');
  while (root && (root.type === 'attribute' || root.type === 'call')) root = root.childForFieldName(root.type === 'call' ? 'function' : 'object');
  return !(root?.type === 'identifier' && MOCK_ROOTS.test(root.text));
}

/**
 * Instrumentation packages imported by the file, and the observability it sets up by a call or a URL (Helicone, Logfire,
 * Sentry with tracing on and an AI integration running…).
 */
export function instrumentationImports(file: PyFile, sentry: SentrySetUp[]): string[] {
  const out = new Set<string>(observabilitySetUpIn(file.text, 'python'));
  if (sentry.some((s) => s.tracing && !s.aiOff)) out.add(SENTRY_AI_MONITORING);
  const add = (m: string) => {
    const pkg = instrumentationPackage(m);
    if (pkg) out.add(pkg);
  };
  for (const stmt of file.importStatements) {
    const text = file.src(stmt).replace(/[()\\\n]/g, ' ');
    const from = /^\s*from\s+([\w.]+)\s+import\s+(.*)$/.exec(text);
    if (from) {
      add(from[1]);
      for (const n of from[2].split(',')) add(`${from[1]}.${n.trim().split(/\s+/)[0]}`);
    } else {
      for (const n of text.replace(/^\s*import\s+/, '').split(',')) add(n.trim().split(/\s+/)[0]);
    }
  }
  return [...out];
}

// `os.environ["X"]`, `os.environ.get("X"`, `os.getenv("X"`, and `environ[...]`/`environ.get(`/`getenv(` imported from os.
const ENV = /\b(?:(os)\s*\.\s*(?:environ\s*(?:\[|\.\s*get\s*\()|getenv\s*\()|(?<![.\w])(environ)\s*(?:\[|\.\s*get\s*\()|(?<![.\w])(getenv)\s*\()\s*(["'])([^"'\\\n]+)\4/dg;

/** Environment variables the file reads (literal names; the tree confirms each hit is code, not text). */
export function envReadsIn(file: PyFile): string[] {
  const out = new Set<string>();
  const fromOs = (local: string) => {
    const b = file.imports.get(local);
    return !!b && b.module === 'os' && b.name === local;
  };
  for (const m of file.text.matchAll(ENV)) {
    const group = m[1] ? 1 : m[2] ? 2 : 3;
    const [start, end] = m.indices![group]!;
    if (group === 1 && file.imports.has('os') && file.imports.get('os')!.module !== 'os') continue;
    if (group !== 1 && !fromOs(m[group])) continue;
    const n = file.root.descendantForIndex(file.offsets.fromUtf16(start), file.offsets.fromUtf16(end));
    if (n?.type === 'identifier') out.add(m[5]);
  }
  return [...out];
}
