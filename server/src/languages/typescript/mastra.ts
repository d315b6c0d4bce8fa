// Mastra agents (`@mastra/core`) as call sites. As for the OpenAI Agents SDK (openai-agents.ts), the construction is
// the site: `new Agent({ name, instructions, model, tools })` holds the settings of every model request its runs
// (`agent.generate(…)`, `agent.stream(…)`, `mastra.getAgent('x').generate(…)`) make. What Mastra itself does for those
// requests (its retries, no timeout, tracing only when configured) is in catalog/mastra.ts (MASTRA).
import { ts } from './compiler';
import { worstPath } from '../../core/retry-chain';
import type { LlmCallSite, Provider } from '../../core/types';
import { argsFact, spanOf, unwrap } from './ast';
import { agentRunRetries, aiSdkModel, baseCallSite, fillRequest, GATEWAY_PROVIDERS, type CallSiteEnv } from './call-sites';
import type { FileContext } from './file-context';
import { prop } from './prompt';
import { resolveExpression } from './resolve';
import { bindingOf } from './sdk-bindings';

/** The file imports Mastra's `Agent`: only then are its constructions looked at. */
export function usesMastra(ctx: FileContext): boolean {
  for (const b of ctx.sdk.values()) if (b.kind === 'mastra-agent') return true;
  return false;
}

/** Providers of the model router's `provider/model` strings that the catalogue knows by another name, or prices. */
const ROUTER_PROVIDERS: Record<string, Provider> = { ...GATEWAY_PROVIDERS, openrouter: 'openrouter', perplexity: 'perplexity', togetherai: 'together', ollama: 'ollama' };

/** A Mastra agent's construction as a call site; null for any other construction. */
export function mastraAgentSiteOf(n: ts.NewExpression, env: CallSiteEnv): LlmCallSite | null {
  const { ctx } = env;
  if (bindingOf(unwrap(n.expression), ctx.sdk)?.kind !== 'mastra-agent') return null;
  const site = baseCallSite(n, env, { sdk: 'mastra', method: 'Agent', streaming: null }, 'unknown', argsFact(n, 0, ctx.sf), null);
  site.agent = true;
  // Each run decides whether it streams (`generate` or `stream`) and what reads its usage.
  site.streaming = null;
  site.usage = 'unknown';
  // The prompt's system part from `instructions`, the tools from `tools`.
  fillRequest(site, n, env);
  const first = n.arguments?.[0] ? unwrap(n.arguments[0]) : undefined;
  const init = first && ts.isObjectLiteralExpression(first) ? prop(first, 'model') : undefined;
  mastraModel(site, init, ctx);
  // A spread may set another model (`...overrides`): the written one is then a default.
  if (site.args.hasSpread && site.model.literal) site.model = { value: null, span: site.model.span, literal: false };
  // A retry loop around a run re-runs every model request of it: the worst run path counts.
  const runs = agentRunRetries(n, ctx).map((path) => path.filter((r) => !site.retries.some((o) => o.path === r.path && o.span.start === r.span.start)));
  site.retries.push(...worstPath(runs).worst);
  return site;
}

/**
 * The agent's model: a model-router string (`'openai/gpt-4o'`, here or in a module constant), whose prefix names the
 * provider; an AI SDK model (`openai('gpt-4o')`), read as for `generateText`. A model from a variable, a function (chosen
 * per request), a fallback list or anything else is unknown, not guessed.
 */
function mastraModel(site: LlmCallSite, init: ts.Expression | undefined, ctx: FileContext): void {
  site.model = { value: null, literal: false };
  site.provider = 'unknown';
  if (!init) return;
  let e = unwrap(init);
  site.model.span = spanOf(e, ctx.sf);
  if (ts.isIdentifier(e)) {
    const r = resolveExpression(e, ctx);
    if (r.kind === 'string') return routerModel(site, r.value, site.model.span!);
    if (r.kind !== 'node' || r.ctx !== ctx) return;
    e = unwrap(r.node);
  }
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return routerModel(site, e.text, spanOf(e, ctx.sf));
  if (!ts.isCallExpression(e)) return;
  aiSdkModel(site, e, ctx);
  // Read as the AI SDK reads it; the AI SDK's own markers say nothing of a Mastra run.
  delete site.aiModelUnresolved;
}

/** `'openai/gpt-4o'`: the provider before the first slash, the model id after it (`openrouter/google/gemini-…`). */
function routerModel(site: LlmCallSite, id: string, span: NonNullable<LlmCallSite['model']['span']>): void {
  const slash = id.indexOf('/');
  if (slash <= 0) {
    site.model = { value: id, span, literal: true };
    return;
  }
  site.provider = ROUTER_PROVIDERS[id.slice(0, slash)] ?? 'unknown';
  // The prefix picks the provider: an environment read holding the bare id would lose it.
  site.model = { value: id.slice(slash + 1), span, literal: true, routed: true };
}
