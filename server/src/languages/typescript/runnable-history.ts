// LangChain.js chat memory: `new RunnableWithMessageHistory({ runnable, getMessageHistory })` sends the session's
// stored messages with every turn. Mirrors runnableHistoriesIn in the Python front end's history.ts.
import type { HistoryFetch } from '../../core/types';
import { ts } from './compiler';
import { langchainModelOf } from './call-sites';
import type { FileContext } from './file-context';
import { isImportRef } from './resolve';
import { spanOf, unwrap } from './ast';
import { prop } from './prompt';

/** LangChain.js message histories whose `getMessages()` hands back every message stored for the session. */
const WHOLE_HISTORY_STORE = /^(InMemory|Upstash|UpstashRedis|Redis|IORedis|MongoDB|Postgres|PlanetScale|Firestore|DynamoDB|AzureCosmosDB|Convex|Cassandra|File|)ChatMessageHistory$/;

/**
 * `new RunnableWithMessageHistory({ runnable: prompt.pipe(model), getMessageHistory })` whose factory hands out a
 * LangChain store that keeps every message (`new InMemoryChatMessageHistory()`, `new UpstashRedisChatMessageHistory(…)`),
 * in a module that trims nothing (`trimMessages`, a slice in the factory): each turn sends the whole session.
 */
export function runnableHistoriesIn(ctx: FileContext, constructions: readonly ts.Node[]): HistoryFetch[] {
  if (!ctx.text.includes('RunnableWithMessageHistory') || /\btrimMessages\b/.test(ctx.text)) return [];
  const out: HistoryFetch[] = [];
  for (const n of constructions) {
    if (!ts.isNewExpression(n) || !ts.isIdentifier(n.expression) || n.expression.text !== 'RunnableWithMessageHistory') continue;
    const opts = n.arguments?.[0] && unwrap(n.arguments[0]);
    if (!opts || !ts.isObjectLiteralExpression(opts)) continue;
    const runnable = prop(opts, 'runnable');
    if (!runnable || !langchainModelOf(runnable, ctx)) continue;
    const factory = prop(opts, 'getMessageHistory') ?? shorthand(opts, 'getMessageHistory');
    const store = factory ? wholeHistoryStoreOf(factory, ctx) : null;
    if (store) out.push({ path: ctx.path, span: spanOf(n, ctx.sf), api: `RunnableWithMessageHistory(${store})`, bounded: false, args: null, feedsPrompt: true });
  }
  return out;
}

function shorthand(obj: ts.ObjectLiteralExpression, name: string): ts.Identifier | undefined {
  for (const p of obj.properties) if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  return undefined;
}

/** The LangChain store a session-history factory (a function here, or an inline arrow) builds, when it keeps every message. */
function wholeHistoryStoreOf(factory: ts.Expression, ctx: FileContext): string | null {
  let fn: ts.Node | undefined = unwrap(factory);
  if (ts.isIdentifier(fn)) {
    const decl = ctx.declarationOf(fn);
    fn = !decl || isImportRef(decl) ? undefined : ts.isVariableDeclaration(decl) ? decl.initializer : decl;
  }
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn))) return null;
  const text = fn.getText(ctx.sf);
  // A window the factory applies (`.slice(-20)`, `addMessages` of a cut list) bounds what it hands back.
  if (/\.slice\s*\(\s*-|\bclear\s*\(/.test(text)) return null;
  const stores = [...text.matchAll(/\bnew\s+(\w*ChatMessageHistory)\s*\(/g)].map((m) => m[1]);
  // A store of the workspace (extending BaseListChatMessageHistory) may window its messages.
  const fromLangChain = (name: string) => {
    const imp = ctx.imports.get(name);
    return !!imp && /^(@langchain\/|langchain\/)/.test(imp.specifier);
  };
  if (!stores.length || !stores.every((s) => WHOLE_HISTORY_STORE.test(s) && fromLangChain(s))) return null;
  return stores[0];
}
