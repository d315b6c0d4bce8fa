// LlamaIndex.TS query and chat engines: most apps never call the LLM themselves. They set `Settings.llm` at start-up,
// build an engine (`index.asQueryEngine()`, `index.asChatEngine()`, `new ContextChatEngine({ retriever })`,
// `new SimpleChatEngine({ llm })`) and call `.query()` / `.chat()` on it; each such call sends one or more requests to
// the engine's LLM: its own option (`llm` / `chatModel`), else `Settings.llm` (catalogue LLAMAINDEX_TS_ENGINES).
import { ts } from './compiler';
import type { ClientFact } from '../../core/types';
import { LLAMAINDEX_TS_ENGINES } from '../../core/catalog/agent-frameworks';
import type { FileContext } from './file-context';
import { unwrap } from './ast';
import { isImportRef, resolveExpression } from './resolve';
import { isSettingsLlm, settingsLlmClient } from './llamaindex-settings';

/** Cheap text filter: only files that name an engine (or a factory of one, `createChatEngine()`) can run one. */
const MENTIONS_ENGINE = /(?:query|chat)engine/i;

/** Packages whose chat engine classes are LlamaIndex.TS's (`llamaindex`, `@llamaindex/core/chat-engine`). */
const ENGINE_PACKAGE = /^(?:llamaindex|@llamaindex\/core)(?:\/|$)/;

const ENGINE_METHODS: ReadonlySet<string> = new Set(['query', 'chat']);

/**
 * The LLM a `query` / `chat` call on a LlamaIndex.TS engine sends through, or null when the receiver is no engine
 * built here or its LLM cannot be established.
 */
export function engineLlm(callee: ts.PropertyAccessExpression, ctx: FileContext): ClientFact | null {
  if (!ENGINE_METHODS.has(callee.name.text) || !MENTIONS_ENGINE.test(ctx.text)) return null;
  const found = engineFactoryOf(callee.expression, ctx);
  if (!found || !/llamaindex/.test(found.ctx.text)) return null;
  const { factory, ctx: at } = found;
  const spec = factorySpec(factory, at);
  if (!spec || (callee.name.text === 'query') !== (spec.kind === 'query')) return null;
  const options = factory.arguments?.[0] && unwrap(factory.arguments[0]);
  let own: ts.Expression | undefined;
  if (options) {
    // A variable, a spread or an old `serviceContext` may carry the LLM: not followed.
    if (!ts.isObjectLiteralExpression(options) || options.properties.some((p) => ts.isSpreadAssignment(p))) return null;
    for (const p of options.properties) {
      const name = p.name && ts.isIdentifier(p.name) ? p.name.text : null;
      if (!name || spec.blockers.includes(name)) return null;
      if (name === spec.llmKey) own = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
    }
  }
  // `chatModel: Settings.llm`, as create-llama's engine/chat.ts writes it, is the fallback spelled out.
  const global = !own || isSettingsLlm(unwrap(own), at);
  const r = own && !global ? resolveExpression(own, at) : null;
  const client = global ? settingsLlmClient(at) : r?.kind === 'client' ? r.client : null;
  return client?.sdk === 'llamaindex' ? client : null;
}

type Factory = ts.CallExpression | ts.NewExpression;

interface FactorySpec {
  kind: 'query' | 'chat';
  /** The option naming the engine's LLM (none for a query engine, whose synthesizer uses Settings.llm). */
  llmKey: string | null;
  /** Options that make the engine send through something not followed. */
  blockers: readonly string[];
}

/**
 * The engine-building expression the receiver is: in place, or a `const` bound to it (awaited or not) or to a call of
 * a workspace function whose one return is one (create-llama's `const chatEngine = await createChatEngine()`).
 */
function engineFactoryOf(receiver: ts.Expression, ctx: FileContext): { factory: Factory; ctx: FileContext } | null {
  let e = unwrap(receiver);
  if (ts.isIdentifier(e)) {
    const decl = ctx.declarationOf(e);
    if (!decl || isImportRef(decl) || !ts.isVariableDeclaration(decl) || !decl.initializer) return null;
    if (!(decl.parent.flags & ts.NodeFlags.Const)) return null;
    e = unwrap(decl.initializer);
  }
  if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  if (ts.isNewExpression(e) || (ts.isCallExpression(e) && ts.isPropertyAccessExpression(unwrap(e.expression)))) return { factory: e, ctx };
  if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression)) return null;
  const fn = resolveExpression(e.expression, ctx);
  if (fn.kind !== 'node' || !(ts.isFunctionDeclaration(fn.node as ts.Node) || ts.isArrowFunction(fn.node) || ts.isFunctionExpression(fn.node))) return null;
  const returned = returnedExpressions(fn.node as unknown as ts.FunctionLikeDeclaration);
  const only = returned?.length === 1 ? unwrap(returned[0]) : null;
  const made = only && ts.isAwaitExpression(only) ? unwrap(only.expression) : only;
  return made && (ts.isNewExpression(made) || (ts.isCallExpression(made) && ts.isPropertyAccessExpression(unwrap(made.expression)))) ? { factory: made, ctx: fn.ctx } : null;
}

/** The expressions a function returns (its own `return`s, not nested functions'), or null when one returns nothing. */
function returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] | null {
  if (!fn.body) return null;
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  let bare = false;
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) {
      if (n.expression) out.push(n.expression);
      else bare = true;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return bare ? null : out;
}

function factorySpec(f: Factory, ctx: FileContext): FactorySpec | null {
  const fn = unwrap(f.expression);
  if (ts.isCallExpression(f) && ts.isPropertyAccessExpression(fn)) {
    const method = fn.name.text;
    if (method === 'asQueryEngine') return { kind: 'query', llmKey: null, blockers: ['responseSynthesizer', 'serviceContext'] };
    if (method === 'asChatEngine') return { kind: 'chat', llmKey: 'chatModel', blockers: ['serviceContext', 'llm'] };
    return null;
  }
  if (!ts.isNewExpression(f) || !ts.isIdentifier(fn)) return null;
  const decl = ctx.declarationOf(fn);
  if (!isImportRef(decl) || !ENGINE_PACKAGE.test(decl.specifier)) return null;
  const classes = LLAMAINDEX_TS_ENGINES.chatEngineClasses;
  if (!Object.hasOwn(classes, decl.imported)) return null;
  const llmKey = classes[decl.imported];
  // The other class's spelling of the LLM option may have been this class's in a release not read: not followed.
  return { kind: 'chat', llmKey, blockers: ['serviceContext', 'llm', 'chatModel'].filter((k) => k !== llmKey) };
}
