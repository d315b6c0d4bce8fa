// Conversation state kept at module scope and used by every request: a module-level array the handlers push to and
// send to the model (`const history = []` … `history.push(…)`, `messages: history`), or one @google/genai chat session
// made at import time (`const chat = ai.chats.create(…)`) whose `sendMessage` every handler calls. Either grows with
// each request the process serves, for all of its users together. Mirrors shared-history.ts in the Python front end.
import type { HistoryFetch, LlmCallSite } from '../../core/types';
import { escapeRegExp } from '../../core/text';
import { HISTORY_NAME } from '../../core/volatility';
import { ts } from './compiler';
import { enclosingFunction, isFunctionLike, propertyChain, propertyNameText, spanOf, unwrap, walk } from './ast';
import { hasModifier, type FileContext } from './file-context';
import { isChatsCreate } from './genai-chats';

const SEND = /^(sendMessage|sendMessageStream)$/;

/** Module-level conversation state that every request grows and sends whole. */
export function sharedHistoriesIn(ctx: FileContext, callOf: Map<LlmCallSite, ts.CallExpression>, requestPaths: Map<ts.FunctionLikeDeclaration, string>): HistoryFetch[] {
  const served = [...callOf].filter(([site]) => servesUsers(site.enclosingFunction?.requestPath));
  if (!served.length) return [];
  const out: HistoryFetch[] = [];
  for (const decl of moduleDeclarations(ctx.sf)) {
    const name = (decl.name as ts.Identifier).text;
    const init = unwrap(decl.initializer!);
    const kind = isLiteralArray(init) ? 'list' : isChatSession(init) ? 'chat session' : null;
    if (!kind || exported(ctx.text, name) || changed(ctx.text, name, kind)) continue;
    const handler = kind === 'list' ? grownAndSent(ctx, name, served, requestPaths) : sentThroughSession(name, served);
    if (handler) out.push({ path: ctx.path, span: spanOf(decl.name, ctx.sf), api: name, bounded: false, args: null, feedsPrompt: true, sharedAcrossRequests: { kind, handler } });
  }
  return out;
}

/** `const history = […]` / `let messages: Message[] = []` written at the top of the module, not exported. */
function moduleDeclarations(sf: ts.SourceFile): ts.VariableDeclaration[] {
  const out: ts.VariableDeclaration[] = [];
  for (const stmt of sf.statements) {
    if (!ts.isVariableStatement(stmt) || hasModifier(stmt, ts.SyntaxKind.ExportKeyword)) continue;
    for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) out.push(d);
  }
  return out;
}

/** `[]`, `[{ role: 'system', content: … }]`, `[SYSTEM_MESSAGE]`. */
function isLiteralArray(e: ts.Expression): boolean {
  return ts.isArrayLiteralExpression(e) && e.elements.every((x) => ts.isObjectLiteralExpression(x) || ts.isStringLiteralLike(x) || ts.isIdentifier(x) || ts.isPropertyAccessExpression(x));
}

/** `ai.chats.create(…)` (@google/genai) or `model.startChat(…)` (@google/generative-ai). */
function isChatSession(e: ts.Expression): boolean {
  return isChatsCreate(e) || (ts.isCallExpression(e) && propertyChain(unwrap(e.expression)).names.at(-1) === 'startChat');
}

/** `export { history }`, `module.exports = { history }`: another module may reset or trim it. */
function exported(text: string, name: string): boolean {
  const n = escapeRegExp(name);
  return new RegExp(`\\bexport\\s*\\{[^}]*\\b${n}\\b`).test(text) || new RegExp(`\\bmodule\\.exports\\b[^;]*\\b${n}\\b`).test(text) || new RegExp(`\\bexports\\.${n}\\b`).test(text);
}

/**
 * The module reassigns, cuts or caps the state somewhere: `history = []`, `history.splice(…)`, `.shift()`, `.pop()`,
 * `history.length = 0`, `if (history.length > 20)`, `history[0] = …`.
 */
function changed(text: string, name: string, kind: 'list' | 'chat session'): boolean {
  const n = `(?<![\\w.$])${escapeRegExp(name)}`;
  // The declaration itself is one assignment.
  if ((text.match(new RegExp(`${n}\\s*(:[^=;\\n]*)?=(?![=>])`, 'g'))?.length ?? 0) > 1) return true;
  if (kind === 'chat session') return false;
  return new RegExp(`${n}\\s*(\\.\\s*(splice|shift|pop|length\\s*(=(?!=)|[<>]))|\\[[^\\]]*\\]\\s*=(?!=))`).test(text);
}

/** Pushed to in a function that runs per request, and sent whole in a model call of such a function. */
function grownAndSent(ctx: FileContext, name: string, served: Array<[LlmCallSite, ts.CallExpression]>, requestPaths: Map<ts.FunctionLikeDeclaration, string>): string | null {
  const growths: ts.CallExpression[] = [];
  walk(ctx.sf, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !/^(push|unshift)$/.test(n.expression.name.text)) return;
    const recv = unwrap(n.expression.expression);
    if (ts.isIdentifier(recv) && recv.text === name && !shadowed(recv) && servesUsers(requestPathOf(n, requestPaths))) growths.push(n);
  });
  if (!growths.length) return null;
  // The array holds chat turns (an array of documents or notes sent whole is another matter).
  const turns = HISTORY_NAME.test(name) || growths.some((g) => g.arguments.some((a) => ts.isObjectLiteralExpression(a) && a.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'role')));
  for (const [site, call] of served) {
    let whole = false;
    for (const a of call.arguments) {
      walk(a, (n) => {
        if (whole) return false;
        if (ts.isIdentifier(n) && n.text === name && isWhole(n) && (turns || sentAsMessages(n)) && !shadowed(n)) whole = true;
      });
    }
    if (whole) return label(site);
  }
  return null;
}

/** `chat.sendMessage(…)` on the module's session is a model call of a function that runs per request. */
function sentThroughSession(name: string, served: Array<[LlmCallSite, ts.CallExpression]>): string | null {
  for (const [site, call] of served) {
    const callee = unwrap(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !SEND.test(callee.name.text)) continue;
    const recv = unwrap(callee.expression);
    if (ts.isIdentifier(recv) && recv.text === name && !shadowed(recv)) return label(site);
  }
  return null;
}

/** The identifier stands for the whole array: a property value (`messages: history`), a spread, `history.concat(…)`. */
function isWhole(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAssignment(p)) return p.initializer === id;
  if (ts.isShorthandPropertyAssignment(p) || ts.isSpreadElement(p)) return true;
  return ts.isPropertyAccessExpression(p) && p.expression === id && /^(concat|map)$/.test(p.name.text) && ts.isCallExpression(p.parent);
}

/** `messages: name`, `contents: name`, `history: name`: the array is the conversation of the request. */
function sentAsMessages(id: ts.Identifier): boolean {
  const p = id.parent;
  return ts.isPropertyAssignment(p) && p.initializer === id && /^(messages|contents|history|input)$/.test(propertyNameText(p.name) ?? '');
}

/** A function around `n` declares its own binding of the name (a parameter or a local). */
function shadowed(id: ts.Identifier): boolean {
  for (let f = enclosingFunction(id); f; f = enclosingFunction(f)) {
    if (f.parameters.some((p) => declares(p.name, id.text))) return true;
    let local = false;
    if (f.body)
      walk(f.body, (n) => {
        if (local || (n !== f.body && isFunctionLike(n))) return false;
        if (ts.isVariableDeclaration(n) && declares(n.name, id.text)) local = true;
      });
    if (local) return true;
  }
  return false;
}

function declares(name: ts.BindingName, text: string): boolean {
  if (ts.isIdentifier(name)) return name.text === text;
  return name.elements.some((e) => !ts.isOmittedExpression(e) && declares(e.name, text));
}

function requestPathOf(n: ts.Node, requestPaths: Map<ts.FunctionLikeDeclaration, string>): string | undefined {
  for (let f = enclosingFunction(n); f; f = enclosingFunction(f)) {
    const r = requestPaths.get(f);
    if (r) return r;
  }
  return undefined;
}

/**
 * The path serves many users: a route, or an event handler for messages (`client.on('messageCreate', …)`). A
 * terminal's `rl.on('line', …)` or a stream's `on('data', …)` answers the one user of the process.
 */
function servesUsers(requestPath: string | null | undefined): boolean {
  if (!requestPath) return false;
  const event = /^on (\S+) handler$/.exec(requestPath);
  return !event || /message|interaction|mention|command|request|connection/i.test(event[1]);
}

/** `postChat, route POST /api/chat`. */
function label(site: LlmCallSite): string {
  const fn = site.enclosingFunction!;
  const why = fn.requestPath!;
  return fn.name && !why.includes(fn.name) ? `${fn.name}, ${why}` : why;
}
