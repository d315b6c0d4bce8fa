// Conversation histories a LangGraph.js checkpointer keeps for a thread, sent whole by a prebuilt agent. Mirrors the
// Python front end's langgraph-state.ts for `createReactAgent`.
import type { HistoryFetch } from '../../core/types';
import { ts } from './compiler';
import type { FileContext } from './file-context';
import { isImportRef } from './resolve';
import { spanOf, unwrap } from './ast';
import { prop } from './prompt';

/** The module prunes its own history: a trimmer, or a removal of old messages. */
const PRUNES_HISTORY = /\b(trimMessages|RemoveMessage|REMOVE_ALL_MESSAGES)\b/;
/** Options that change what the model is sent (a hook or prompt function may trim) or the state's reducer. */
const SHAPES_INPUT = ['preModelHook', 'stateModifier', 'messageModifier', 'stateSchema'];

/**
 * `createReactAgent({ llm, tools, checkpointSaver: new MemorySaver() })` (`@langchain/langgraph/prebuilt`; `checkpointer`
 * is the same option): its default state appends every message with `messagesStateReducer`, the checkpointer restores
 * the thread before each run, and the agent node sends `state.messages` whole (after a `prompt` string or
 * SystemMessage, if any). Left alone: a `preModelHook`, a prompt that is a function or anything not written in place,
 * a custom `stateSchema`, a spread of options, a checkpointer that is not a saver built in the module, and modules
 * that trim or remove messages.
 */
export function prebuiltAgentHistoriesIn(ctx: FileContext, calls: readonly ts.CallExpression[]): HistoryFetch[] {
  if (!ctx.text.includes('createReactAgent') || PRUNES_HISTORY.test(ctx.text)) return [];
  const out: HistoryFetch[] = [];
  for (const call of calls) {
    const callee = unwrap(call.expression);
    if (!ts.isIdentifier(callee) || ctx.imports.get(callee.text)?.specifier !== '@langchain/langgraph/prebuilt' || ctx.imports.get(callee.text)?.imported !== 'createReactAgent') continue;
    const opts = call.arguments[0] && unwrap(call.arguments[0]);
    if (!opts || !ts.isObjectLiteralExpression(opts) || opts.properties.some((p) => ts.isSpreadAssignment(p))) continue;
    if (SHAPES_INPUT.some((k) => prop(opts, k))) continue;
    const prompt = prop(opts, 'prompt');
    if (prompt && !isWrittenSystemPrompt(unwrap(prompt))) continue;
    const saver = prop(opts, 'checkpointer') ?? prop(opts, 'checkpointSaver');
    if (!saver || !builtSaver(unwrap(saver), ctx)) continue;
    out.push({ path: ctx.path, span: spanOf(call, ctx.sf), api: 'createReactAgent', bounded: false, args: null, feedsPrompt: true, keptBy: "the agent's checkpointer" });
  }
  return out;
}

/** A prompt the agent puts before the messages: a string or `new SystemMessage(…)` written in the call. */
function isWrittenSystemPrompt(e: ts.Expression): boolean {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e)) return true;
  return ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'SystemMessage';
}

/** `new MemorySaver()`, `PostgresSaver.fromConnString(…)`, or a `const` of this module bound to one. */
function builtSaver(e: ts.Expression, ctx: FileContext): boolean {
  if (ts.isIdentifier(e)) {
    const decl = ctx.declarationOf(e);
    if (!decl || isImportRef(decl) || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
    if (!ts.isVariableDeclarationList(decl.parent) || !(decl.parent.flags & ts.NodeFlags.Const)) return false;
    e = unwrap(decl.initializer);
  }
  if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  const maker = ts.isNewExpression(e) ? e.expression : ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) ? e.expression.expression : null;
  if (!maker || !ts.isIdentifier(maker) || !/Saver$/.test(maker.text)) return false;
  return /^@langchain\/langgraph(-checkpoint[\w-]*)?$/.test(ctx.imports.get(maker.text)?.specifier ?? '');
}
