// The OpenAI Agents SDK for JavaScript (`@openai/agents`) as call sites. As for the Python SDK (python/extract/agents.ts),
// the agent's construction is the site: `new Agent({ name, instructions, model, tools })` holds the settings of every
// model request its runs (`run(agent, input)`, `new Runner(…).run(agent, input)`) make, and the retries looked for are
// those around its construction and around its runs in the module. What the SDK does by default (tracing on, the
// default client) is in catalog/agent-frameworks.ts (OPENAI_AGENTS_JS).
import * as path from 'node:path';
import { ts } from './compiler';
import { worstPath } from '../../core/retry-chain';
import type { LlmCallSite, Provider } from '../../core/types';
import { computedOnce } from '../../core/volatility';
import { argsFact, callsIn, enclosingFunction, isFunctionLike, spanOf, unwrap } from './ast';
import { insideSpan, retriesAround } from './call-context';
import { baseCallSite, modelValue, type CallSiteEnv } from './call-sites';
import type { FileContext } from './file-context';
import { partFromContent, prop } from './prompt';
import { resolveExpression } from './resolve';
import { bindingOf, type OpenAIAgentsName } from './sdk-bindings';

/** The file imports something of the Agents SDK: only then are its constructions looked at. */
export function usesOpenAIAgents(ctx: FileContext): boolean {
  for (const b of ctx.sdk.values()) if (b.kind === 'openai-agents') return true;
  return false;
}

/** The Agents SDK export a callee stands for (`Agent`, `agents.Agent`). */
function agentsName(callee: ts.Expression, ctx: FileContext): OpenAIAgentsName | null {
  const b = bindingOf(unwrap(callee), ctx.sdk);
  return b?.kind === 'openai-agents' ? b.name : null;
}

/** `new Agent({…})`, or the typed factory `Agent.create({…})`: the options object is the first argument. */
function isAgentConstruction(n: ts.NewExpression | ts.CallExpression, ctx: FileContext): boolean {
  if (ts.isNewExpression(n)) return agentsName(n.expression, ctx) === 'Agent';
  const callee = unwrap(n.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'create' && agentsName(callee.expression, ctx) === 'Agent';
}

/** The agent a construction makes, as a call site; null for any other construction. */
export function openAIAgentSiteOf(n: ts.NewExpression | ts.CallExpression, env: CallSiteEnv): LlmCallSite | null {
  const { ctx } = env;
  if (!isAgentConstruction(n, ctx)) return null;
  const args = argsFact(n, 0, ctx.sf);
  const modelOpt = args.options.model;
  const modelInit = modelOpt ? optionInitializer(n, 'model') : undefined;
  const { model, provider } = modelOpt && modelInit ? agentModel(modelOpt.value, modelInit, ctx) : { model: { value: null, literal: false } as LlmCallSite['model'], provider: defaultProvider(ctx) };
  const site = baseCallSite(n, env, { sdk: 'openai-agents', method: 'Agent', streaming: null }, provider, args, null);
  site.agent = true;
  site.model = model;
  // Each run decides whether it streams and what reads its usage (`result.state.usage`).
  site.streaming = null;
  site.usage = 'unknown';
  const instructions = agentInstructions(n, ctx);
  if (instructions) site.prompt = [instructions];
  const runs = agentRuns(n, ctx);
  const { worst } = worstPath(runs.map((r) => retriesAround(r, ctx).filter((c) => !site.retries.some((o) => o.path === c.path && o.span.start === c.span.start))));
  site.retries.push(...worst);
  // A span around every run found is the agent's span.
  if (!site.inSpan && runs.length > 0 && runs.every((r) => insideSpan(r, ctx))) site.inSpan = true;
  const off = tracingTurnedOff(n, ctx);
  if (off) site.agentsTracingOff = off;
  return site;
}

/**
 * The system prompt of every model request of the agent's runs: its `instructions`, a string (or a name holding one);
 * a function is text computed per run, of unknown length. An agent built when its module loads computes the text once.
 */
function agentInstructions(n: ts.NewExpression | ts.CallExpression, ctx: FileContext): LlmCallSite['prompt'][number] | null {
  const init = optionInitializer(n, 'instructions');
  if (!init) return null;
  const e = unwrap(init);
  const span = spanOf(e, ctx.sf);
  if (isFunctionLike(e) || (ts.isIdentifier(e) && isFunctionDeclared(e, ctx))) return { role: 'system', span, segments: [{ kind: 'dynamic', span, text: e.getText(ctx.sf), volatility: 'unknown' }] };
  const part = partFromContent('system', init, ctx, init);
  return enclosingFunction(n) ? part : computedOnce(part);
}

function isFunctionDeclared(id: ts.Identifier, ctx: FileContext): boolean {
  const decl = ctx.declarationOf(id);
  if (!decl || !('kind' in decl)) return false;
  if (ts.isFunctionDeclaration(decl)) return true;
  return ts.isVariableDeclaration(decl) && !!decl.initializer && isFunctionLike(unwrap(decl.initializer));
}

function optionInitializer(n: ts.NewExpression | ts.CallExpression, key: string): ts.Expression | undefined {
  const first = n.arguments?.[0] ? unwrap(n.arguments[0]) : undefined;
  return first && ts.isObjectLiteralExpression(first) ? prop(first, key) : undefined;
}

/**
 * The model an agent is given: a model name (sent through the SDK's default provider), or a model object built with
 * a client (`new OpenAIChatCompletionsModel(client, 'gpt-4o')`), whose provider is that client's.
 */
function agentModel(v: import('../../core/types').ValueFact, init: ts.Expression, ctx: FileContext): { model: LlmCallSite['model']; provider: Provider } {
  const e = unwrap(init);
  const made = ts.isNewExpression(e) ? { node: e, ctx } : resolvedNew(e, ctx);
  if (made) {
    const name = agentsName(made.node.expression, made.ctx);
    if (name !== 'OpenAIChatCompletionsModel' && name !== 'OpenAIResponsesModel') return { model: { value: null, span: v.span, literal: false }, provider: 'unknown' };
    // `new OpenAIChatCompletionsModel(client, model)`: the client first, the model name second.
    const [clientArg, nameArg] = made.node.arguments ?? [];
    const r = clientArg ? resolveExpression(clientArg, made.ctx) : null;
    const provider: Provider = r?.kind === 'client' && r.client.sdk === 'openai' ? r.client.provider : 'unknown';
    const id = nameArg ? unwrap(nameArg) : undefined;
    const literal = id && made.ctx === ctx && (ts.isStringLiteral(id) || ts.isNoSubstitutionTemplateLiteral(id)) ? id : undefined;
    return { model: literal ? { value: literal.text, span: spanOf(literal, ctx.sf), literal: true } : { value: null, span: v.span, literal: false }, provider };
  }
  return { model: modelValue(v, init, ctx), provider: defaultProvider(ctx) };
}

/** `const model = new OpenAIChatCompletionsModel(…)` read through a name. */
function resolvedNew(e: ts.Expression, ctx: FileContext): { node: ts.NewExpression; ctx: FileContext } | null {
  if (!ts.isIdentifier(e)) return null;
  const r = resolveExpression(e, ctx);
  return r.kind === 'node' && ts.isNewExpression(unwrap(r.node)) ? { node: unwrap(r.node) as ts.NewExpression, ctx: r.ctx } : null;
}

/**
 * Where a model name goes: OpenAI, through the SDK's own client, unless the module hands the SDK a client of its own
 * (`setDefaultOpenAIClient(client)`), which then decides the provider.
 */
function defaultProvider(ctx: FileContext): Provider {
  return ctx.remember('agentsDefaultProvider', ctx.sf, () => {
    const given = defaultClientCalls(ctx).map((c) => (c.arguments[0] ? resolveExpression(c.arguments[0], ctx) : null));
    if (given.length === 0) return 'openai';
    const providers = new Set(given.map((r) => (r?.kind === 'client' && r.client.sdk === 'openai' ? r.client.provider : 'unknown')));
    return providers.size === 1 ? [...providers][0] : 'unknown';
  });
}

function defaultClientCalls(ctx: FileContext): ts.CallExpression[] {
  return callsEndingIn(ctx, 'setDefaultOpenAIClient').filter((c) => agentsName(c.expression, ctx) === 'setDefaultOpenAIClient');
}

/**
 * The runs of the agent in its module: `run(agent, …)` and `runner.run(agent, …)` with a `Runner` of the SDK, on the name
 * the construction is bound to (`const agent = new Agent(…)`, `this.agent = new Agent(…)`).
 */
function agentRuns(n: ts.NewExpression | ts.CallExpression, ctx: FileContext): ts.CallExpression[] {
  const holder = holderText(n, ctx);
  if (!holder) return [];
  return callsEndingIn(ctx, 'run').filter((call) => {
    const first = call.arguments[0];
    if (!first || unwrap(first).getText(ctx.sf) !== holder) return false;
    const callee = unwrap(call.expression);
    if (ts.isIdentifier(callee)) return agentsName(callee, ctx) === 'run';
    return ts.isPropertyAccessExpression(callee) && isRunner(unwrap(callee.expression), ctx);
  });
}

/** A `Runner` of the SDK: `new Runner(…)` in place, or a name bound to one. */
function isRunner(e: ts.Expression, ctx: FileContext): boolean {
  if (ts.isNewExpression(e)) return agentsName(e.expression, ctx) === 'Runner';
  if (!ts.isIdentifier(e)) return false;
  const r = resolveExpression(e, ctx);
  return r.kind === 'node' && r.ctx === ctx && ts.isNewExpression(unwrap(r.node)) && agentsName((unwrap(r.node) as ts.NewExpression).expression, ctx) === 'Runner';
}

/** `const agent = new Agent(…)` → `agent`; `this.agent = new Agent(…)` → `this.agent`. */
function holderText(n: ts.Node, ctx: FileContext): string | null {
  let top: ts.Node = n;
  while (top.parent && (ts.isParenthesizedExpression(top.parent) || ts.isAsExpression(top.parent) || ts.isSatisfiesExpression(top.parent))) top = top.parent;
  const p = top.parent;
  if (p && ts.isVariableDeclaration(p) && p.initializer === top && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isBinaryExpression(p) && p.right === top && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = unwrap(p.left);
    if (ts.isIdentifier(left) || (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword)) return left.getText(ctx.sf);
  }
  if (p && ts.isPropertyDeclaration(p) && p.initializer === top && ts.isIdentifier(p.name)) return `this.${p.name.text}`;
  return null;
}

/** Calls whose callee is the name or ends in it (`run(…)`, `runner.run(…)`, `agents.setTracingDisabled(…)`). */
function callsEndingIn(ctx: FileContext, name: string): ts.CallExpression[] {
  return callsIn(ctx.sf).filter((c) => {
    const callee = unwrap(c.expression);
    return ts.isIdentifier(callee) ? callee.text === name : ts.isPropertyAccessExpression(callee) && callee.name.text === name;
  });
}

/**
 * What certainly turns the SDK's tracing off before the agent's runs (a flag on the global trace provider, so it holds
 * for the whole process): an unconditional `setTracingDisabled(true)` at the top level of the agent's module or of a
 * workspace module it imports (run when the module loads), or a statement of the function that builds the agent ahead of
 * the construction (a service's constructor). A call on some branch, or in a function run later or maybe never, is not
 * certain, and neither is one in a module that may be loaded after the agent runs (another route of the same app).
 */
function tracingTurnedOff(n: ts.Node, ctx: FileContext): string | undefined {
  const fnBody = enclosingBody(n);
  for (const call of disablingCalls(ctx)) {
    const stmt = call.parent;
    if (!ts.isExpressionStatement(stmt)) continue;
    if (ts.isSourceFile(stmt.parent) || (fnBody && stmt.parent === fnBody && stmt.end <= n.getStart(ctx.sf))) return 'setTracingDisabled(true)';
  }
  const seen = new Set<string>([ctx.path]);
  const queue: Array<{ at: FileContext; depth: number }> = [{ at: ctx, depth: 0 }];
  while (queue.length) {
    const { at, depth } = queue.shift()!;
    if (depth >= 3) continue;
    for (const spec of importedSpecifiers(at)) {
      const target = at.workspace.resolveModule(at.path, spec);
      if (!target || seen.has(target)) continue;
      seen.add(target);
      const other = at.workspace.contextFor(target);
      if (!other) continue;
      if (disablingCalls(other).some((c) => ts.isExpressionStatement(c.parent) && ts.isSourceFile(c.parent.parent))) return `setTracingDisabled(true) in ${relativeTo(ctx.path, target)}`;
      queue.push({ at: other, depth: depth + 1 });
    }
  }
  return undefined;
}

/** The modules a file imports, side-effect imports (`import './setup'`) included. */
function importedSpecifiers(ctx: FileContext): string[] {
  const specs = new Set<string>();
  for (const stmt of ctx.sf.statements) if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) specs.add(stmt.moduleSpecifier.text);
  for (const ref of ctx.imports.values()) specs.add(ref.specifier);
  return [...specs];
}

/** The block of statements of the function (or method, constructor) a node is written in, directly. */
function enclosingBody(n: ts.Node): ts.Block | undefined {
  let p = n.parent;
  while (p && !ts.isFunctionLike(p) && !ts.isSourceFile(p)) p = p.parent;
  const body = p && ts.isFunctionLike(p) ? (p as ts.FunctionLikeDeclaration).body : undefined;
  return body && ts.isBlock(body) ? body : undefined;
}

/** The file's `setTracingDisabled(true)` calls of the SDK. */
function disablingCalls(ctx: FileContext): ts.CallExpression[] {
  return callsEndingIn(ctx, 'setTracingDisabled').filter((call) => {
    const arg = call.arguments[0];
    return !!arg && unwrap(arg).kind === ts.SyntaxKind.TrueKeyword && agentsName(call.expression, ctx) === 'setTracingDisabled';
  });
}

function relativeTo(from: string, to: string): string {
  const rel = path.relative(path.dirname(from), to).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}
