import { ts } from 'ts-morph';
import { isInstrumentationPackage } from '../../core/engine';
import { providerForUrl, secretIn } from '../../core/catalog/providers';
import type { AttributeWrite, EndpointLiteral, HistoryFetch, LlmCallSite, PromptLoad, SecretLiteral } from '../../core/types';
import { HISTORY_NAME } from '../../core/volatility';
import { argsFact, enclosingFunction, envName, functionName, propertyNameText, spanOf, unwrap } from './ast';
import type { FileContext } from './file-context';

const PROMPT_LOAD_APIS = /^(readFile|readFileSync|readJson|readJSON|pull|getParameter|getSecretValue|getPrompt|loadPrompt)$/;
const PROMPT_NAME = /prompt|system|instruction|template|persona/i;

/** Reads of prompt text inside functions. */
export function promptLoadOf(call: ts.CallExpression, ctx: FileContext, requestPaths: Map<ts.FunctionLikeDeclaration, string>, callSites: LlmCallSite[]): PromptLoad | null {
  const callee = unwrap(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  const isSsmCommand = ts.isCallExpression(call) && /^send$/.test(name) && call.arguments[0] && /GetParameterCommand|GetSecretValueCommand/.test(call.arguments[0].getText(ctx.sf));
  const isTextOfFile = name === 'text' && ts.isPropertyAccessExpression(callee) && /Bun\.file|fetch\(/.test(callee.expression.getText(ctx.sf));
  if (!PROMPT_LOAD_APIS.test(name) && !isSsmCommand && !isTextOfFile) return null;
  if (name === 'pull' && !(ts.isPropertyAccessExpression(callee) && /hub/i.test(callee.expression.getText(ctx.sf)))) return null;
  const fn = enclosingFunction(call);
  if (!fn) return null;
  const argText = call.arguments.map((a) => a.getText(ctx.sf)).join(' ');
  // Which variable receives the text?
  let top: ts.Node = call;
  while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || ts.isPropertyAccessExpression(top.parent) || (ts.isCallExpression(top.parent) && top.parent.expression === top))) top = top.parent;
  const binding = top.parent && ts.isVariableDeclaration(top.parent) && ts.isIdentifier(top.parent.name) ? top.parent.name.text : null;
  const looksLikePrompt = PROMPT_NAME.test(argText) || (binding !== null && PROMPT_NAME.test(binding)) || /\.(md|txt|prompt|j2|hbs|mustache|tmpl)\b/.test(argText);
  const fnName = functionName(fn);
  const siteTexts = callSites.map((s) => s.path === ctx.path ? ctx.text.slice(s.span.start, s.span.end) : '');
  const sameFunctionSite = callSites.some((s) => s.enclosingFunction && s.enclosingFunction.span.start === fn.getStart(ctx.sf));
  const feedsPrompt =
    (binding !== null && siteTexts.some((t) => new RegExp(`\\b${binding}\\b`).test(t))) ||
    (binding !== null && sameFunctionSite && looksLikePrompt) ||
    (binding !== null && looksLikePrompt && passedToCall(fn, binding, ctx)) ||
    (fnName !== null && looksLikePrompt && callSites.some((s) => s.enclosingFunction && s.enclosingFunction.name !== fnName && ctx.text.slice(s.enclosingFunction.span.start, s.enclosingFunction.span.end).includes(`${fnName}(`))) ||
    (ts.isReturnStatement(top.parent ?? top) && looksLikePrompt && fnName !== null && /prompt|system|instruction|template/i.test(fnName));
  return {
    path: ctx.path,
    span: spanOf(call, ctx.sf),
    api: ts.isPropertyAccessExpression(callee) ? callee.getText(ctx.sf).replace(/\s+/g, '') : name,
    enclosingFunction: { name: fnName, span: spanOf(fn, ctx.sf), requestPath: requestPaths.get(fn) ?? null },
    feedsPrompt,
  };
}

/** The variable is passed (maybe inside an expression) as an argument to some call in the function. */
function passedToCall(fn: ts.FunctionLikeDeclaration, name: string, ctx: FileContext): boolean {
  let found = false;
  const re = new RegExp(`\\b${name}\\b`);
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && n.arguments.some((a) => re.test(a.getText(ctx.sf)))) found = true;
    ts.forEachChild(n, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return found;
}

/** Conversation-history reads from a store that feed a prompt. */
export function historyFetchOf(call: ts.CallExpression, ctx: FileContext, callSites: LlmCallSite[], derived: Map<string, Set<string>> = new Map()): HistoryFetch | null {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const method = callee.name.text;
  const receiver = callee.expression.getText(ctx.sf);
  const chainText = chainAbove(call, ctx);
  let bounded = false;
  let args = null;
  let api: string | null = null;
  if (method === 'findMany' && HISTORY_MODEL.test(receiver)) {
    api = `${receiver}.findMany`;
    args = argsFact(call, 0, ctx.sf);
    bounded = 'take' in args.options || args.hasSpread;
  } else if ((method === 'find' || method === 'aggregate') && HISTORY_MODEL.test(receiver)) {
    api = `${receiver}.${method}`;
    bounded = /\.limit\(|\$limit/.test(chainText + call.getText(ctx.sf));
  } else if (method === 'lrange' || method === 'lRange') {
    api = `redis.${method}`;
    // Only LRANGE key 0 -1 reads the whole list; `-20, -1` is the usual "last N".
    const start = call.arguments[1]?.getText(ctx.sf);
    const end = call.arguments[2]?.getText(ctx.sf);
    bounded = !(start === '0' && end === '-1');
  } else if (method === 'from' && HISTORY_MODEL.test(call.arguments[0]?.getText(ctx.sf) ?? '')) {
    api = 'select().from';
    bounded = /\.limit\(/.test(chainText);
  } else if (/^(query|execute|all|raw|sql)$/.test(method) && call.arguments[0] && /select[\s\S]+from\s+["'`]?\w*(message|chat|history|conversation|turn)/i.test(call.arguments[0].getText(ctx.sf))) {
    api = `${method}(SELECT …)`;
    bounded = /\blimit\b/i.test(call.arguments[0].getText(ctx.sf));
  }
  if (!api) return null;
  let top: ts.Node = call;
  while (top.parent && (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || (ts.isPropertyAccessExpression(top.parent)) || (ts.isCallExpression(top.parent) && top.parent.expression === top))) top = top.parent;
  const binding = top.parent && ts.isVariableDeclaration(top.parent) && ts.isIdentifier(top.parent.name) ? top.parent.name.text : null;
  const fn = enclosingFunction(call);
  const fnText = fn ? fn.getText(ctx.sf) : '';
  const names = binding === null ? [] : [binding, ...(derived.get(binding) ?? [])];
  const feedsPrompt =
    names.some((name) => callSites.some((s) => s.prompt.some((p) => p.segments.some((seg) => seg.kind === 'dynamic' && new RegExp(`\\b${name}\\b`).test(seg.text))))) ||
    (binding !== null && HISTORY_NAME.test(binding) && /messages/.test(fnText) && callSites.some((s) => fn && s.enclosingFunction?.span.start === fn.getStart(ctx.sf)));
  return { path: ctx.path, span: spanOf(call, ctx.sf), api, bounded, args, feedsPrompt };
}

const HISTORY_MODEL = /message|chat|history|conversation|turn|transcript/i;

function chainAbove(call: ts.CallExpression, ctx: FileContext): string {
  let top: ts.Node = call;
  while (top.parent && (ts.isPropertyAccessExpression(top.parent) || (ts.isCallExpression(top.parent) && top.parent.expression === top))) top = top.parent;
  return top.getText(ctx.sf);
}

/** Provider URLs and API keys in string literals. */
export function literalFacts(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateHead, ctx: FileContext, endpoints: EndpointLiteral[], secrets: SecretLiteral[], attributes: AttributeWrite[]): void {
  const text = node.text;
  if (text.length < 8) return;
  const span = spanOf(node, ctx.sf);
  if (/^https?:\/\//.test(text)) {
    const provider = providerForUrl(text);
    if (provider) {
      const parent = node.parent;
      const key = parent && ts.isPropertyAssignment(parent) ? propertyNameText(parent.name) : null;
      const role = key && /^(baseURL|baseUrl|base_url|endpoint|basePath|apiBase)$/.test(key) ? 'base-url' : parent && ts.isCallExpression(parent) ? 'request' : 'other';
      endpoints.push({ path: ctx.path, span, url: text, provider, role });
    }
  }
  if (text.startsWith('gen_ai.')) attributes.push({ path: ctx.path, span, name: text });
  const secret = secretIn(text);
  if (secret) secrets.push({ path: ctx.path, span, provider: secret.provider, masked: secret.masked });
}

/** Instrumentation packages imported by the file. */
export function instrumentationImports(ctx: FileContext): string[] {
  const out = new Set<string>();
  for (const ref of ctx.imports.values()) if (isInstrumentationPackage(ref.specifier)) out.add(ref.specifier);
  for (const stmt of ctx.sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier) && isInstrumentationPackage(stmt.moduleSpecifier.text)) out.add(stmt.moduleSpecifier.text);
  }
  return [...out];
}

/** Environment variable reads (`process.env.X`). */
export function envReadOf(node: ts.Node): string | null {
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return null;
  const name = envName(node);
  return typeof name === 'string' ? name : null;
}
