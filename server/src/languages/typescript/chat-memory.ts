// LangChain.js chat memory filled from a history read: `new BufferMemory({ chatHistory: new ChatMessageHistory(rows) })`,
// `memory.chatHistory.addUserMessage(row.question)` in a loop over the rows. Mirrors bufferMemoryReads in the Python
// front end's history.ts.
import type { LlmCallSite } from '../../core/types';
import { ts } from './compiler';
import { langchainModelOf } from './call-sites';
import { unwrap, walk } from './ast';
import type { FileContext, ImportRef } from './file-context';
import { prop } from './prompt';

/** Memories and message histories that hand every message they hold to the prompt. */
const WHOLE_MEMORY = /^(BufferMemory|ChatMessageHistory|InMemoryChatMessageHistory)$/;
/** Memories that keep a window, a token budget or a summary of what they are given. */
const BOUNDED_MEMORY = /^(BufferWindowMemory|ConversationTokenBufferMemory|ConversationSummaryBufferMemory|ConversationSummaryMemory)$/;
const FILL = /^(addMessage|addMessages|addUserMessage|addAIChatMessage|addAIMessage|saveContext)$/;
const READ = /^(loadMemoryVariables|getMessages)$/;

export interface FilledMemory {
  /** The memory's construction. */
  node: ts.NewExpression;
  /** It keeps a window or a summary, not every message. */
  bounded: boolean;
}

function isMemoryImport(imp: ImportRef | undefined): imp is ImportRef {
  return !!imp && /^(@langchain\/|langchain\/)/.test(imp.specifier) && (WHOLE_MEMORY.test(imp.imported) || BOUNDED_MEMORY.test(imp.imported));
}

/** The LangChain memory class a construction builds. */
function memoryClass(n: ts.Node, ctx: FileContext): string | null {
  if (!ts.isNewExpression(n) || !ts.isIdentifier(n.expression)) return null;
  const imp = ctx.imports.get(n.expression.text);
  return isMemoryImport(imp) ? imp.imported : null;
}

/**
 * The LangChain memories of `scope` that the rows bound to `binding` go into: a construction that mentions them (or a
 * name computed from them), or a memory filled with them (`memory.chatHistory.addUserMessage(row.q)` in a loop over them).
 */
export function memoriesFilledBy(binding: string, scope: ts.Node, ctx: FileContext): FilledMemory[] {
  if (![...ctx.imports.values()].some(isMemoryImport)) return [];
  const tracked = trackedFrom([binding], scope);
  const out: FilledMemory[] = [];
  walk(scope, (n) => {
    const cls = memoryClass(n, ctx);
    if (!cls) return;
    const named = namedBy(n as ts.NewExpression);
    if ((named && tracked.has(named)) || (n as ts.NewExpression).arguments?.some((a) => mentions(a, tracked))) out.push({ node: n as ts.NewExpression, bounded: BOUNDED_MEMORY.test(cls) });
  });
  return out;
}

/** `const memory = new BufferMemory(…)`: the variable the construction is bound to. */
function namedBy(n: ts.Expression): string | null {
  let top: ts.Node = n;
  while (top.parent && (ts.isParenthesizedExpression(top.parent) || ts.isAsExpression(top.parent))) top = top.parent;
  return top.parent && ts.isVariableDeclaration(top.parent) && top.parent.initializer === top && ts.isIdentifier(top.parent.name) ? top.parent.name.text : null;
}

/**
 * Names of `scope` that hold what `seed` holds: declared from it (`const messages = rows.map(…)`), or a memory filled
 * from it (`memory.addMessage(…)`, `memory.chatHistory.addUserMessage(…)` with it, or in a loop over it).
 */
function trackedFrom(seed: string[], scope: ts.Node): Set<string> {
  const tracked = new Set(seed);
  for (let round = 0; round < 4; round++) {
    const before = tracked.size;
    walk(scope, (n) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && mentions(n.initializer, tracked)) tracked.add(n.name.text);
      else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && FILL.test(n.expression.name.text)) {
        const target = memoryRoot(n.expression.expression);
        if (target && (n.arguments.some((a) => mentions(a, tracked)) || inLoopOver(n, scope, tracked))) tracked.add(target);
      }
    });
    if (tracked.size === before) break;
  }
  return tracked;
}

/** `memory` in `memory.addMessage(…)` and `memory.chatHistory.addUserMessage(…)`. */
function memoryRoot(e: ts.Expression): string | null {
  const u = unwrap(e);
  if (ts.isIdentifier(u)) return u.text;
  return ts.isPropertyAccessExpression(u) && u.name.text === 'chatHistory' && ts.isIdentifier(u.expression) ? u.expression.text : null;
}

/** `n` runs once per row: inside `for (const r of rows)` or a `rows.forEach((r) => …)` callback. */
function inLoopOver(n: ts.Node, scope: ts.Node, tracked: Set<string>): boolean {
  for (let p = n.parent; p && p !== scope; p = p.parent) {
    if (ts.isForOfStatement(p) && mentions(p.expression, tracked)) return true;
    const call = p.parent;
    if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && call && ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && /^(forEach|map)$/.test(call.expression.name.text) && mentions(call.expression.expression, tracked)) return true;
  }
  return false;
}

/** An identifier of `names` is read in `n` (`rows` in `rows.map(…)`, not `x.rows`), other than through a window (`rows.slice(-20)`). */
function mentions(n: ts.Node, names: Set<string>): boolean {
  let hit = false;
  const visit = (x: ts.Node): void => {
    if (hit || isWindow(x)) return;
    if (ts.isIdentifier(x) && names.has(x.text) && !(ts.isPropertyAccessExpression(x.parent) && x.parent.name === x) && !(ts.isPropertyAssignment(x.parent) && x.parent.name === x)) hit = true;
    else ts.forEachChild(x, visit);
  };
  visit(n);
  return hit;
}

function isWindow(x: ts.Node): boolean {
  return ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && /^(slice|takeLast)$/.test(x.expression.name.text);
}

/**
 * A model run uses the memory: a chain built with a LangChain model and the memory (`new ConversationChain({ llm,
 * memory })`), or what the memory hands back (`loadMemoryVariables`, `getMessages`) reaches a model call of `callSites`.
 */
export function memoryUsed(m: FilledMemory, scope: ts.Node, ctx: FileContext, callSites: LlmCallSite[]): boolean {
  const name = namedBy(m.node);
  if (!name) return chainWith(m.node, ctx);
  let used = false;
  walk(scope, (n) => {
    if (used) return false;
    if (ts.isIdentifier(n) && n.text === name && chainWith(n, ctx)) used = true;
    else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && READ.test(n.expression.name.text) && memoryRoot(n.expression.expression) === name) used = readReachesModel(n, scope, ctx, callSites);
  });
  return used;
}

/** `value` is the `memory` of a chain whose model (`llm`, or `fromLLM`'s first argument) is a LangChain chat model. */
function chainWith(value: ts.Expression, ctx: FileContext): boolean {
  let top: ts.Node = value;
  while (top.parent && ts.isParenthesizedExpression(top.parent)) top = top.parent;
  const p = top.parent;
  const isMemoryKey = p && ((ts.isPropertyAssignment(p) && p.initializer === top && p.name.getText(ctx.sf) === 'memory') || (ts.isShorthandPropertyAssignment(p) && p.name.text === 'memory'));
  if (!isMemoryKey || !ts.isObjectLiteralExpression(p.parent)) return false;
  const obj = p.parent;
  const call = obj.parent;
  const model = prop(obj, 'llm') ?? (call && (ts.isNewExpression(call) || ts.isCallExpression(call)) && call.arguments?.[0] !== obj ? call.arguments?.[0] : undefined);
  return !!model && !!langchainModelOf(model, ctx);
}

/** What a memory read hands back goes into a model call: written in its arguments, or through a name computed from it. */
function readReachesModel(read: ts.CallExpression, scope: ts.Node, ctx: FileContext, callSites: LlmCallSite[]): boolean {
  const local = callSites.filter((s) => s.path === ctx.path && scope.getStart(ctx.sf) <= s.span.start && s.span.end <= scope.end);
  const at = read.getStart(ctx.sf);
  if (local.some((s) => s.span.start <= at && read.end <= s.span.end)) return true;
  let top: ts.Node = read;
  while (top.parent && !ts.isVariableDeclaration(top.parent) && !ts.isStatement(top.parent)) top = top.parent;
  if (!top.parent || !ts.isVariableDeclaration(top.parent) || !ts.isIdentifier(top.parent.name)) return false;
  const names = trackedFrom([top.parent.name.text], scope);
  return local.some((s) => [...names].some((x) => new RegExp(`\\b${x.replace(/\$/g, '\\$')}\\b`).test(ctx.text.slice(s.span.start, s.span.end))));
}
