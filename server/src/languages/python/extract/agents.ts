// Agent frameworks as call sites: the OpenAI Agents SDK (`from agents import Agent, Runner`) and pydantic-ai
// (`from pydantic_ai import Agent`). As for AI SDK agents in TypeScript, the agent's construction is the site: its
// settings are those of every model request of its runs, and the retries looked for are those around its runs.
import { worstPath } from '../../../core/retry-chain';
import type { LlmCallSite, Provider, Sdk } from '../../../core/types';
import type { CallSiteEnv } from './call-sites';
import type { PyFile } from './file-context';
import { agentClient, agentRequestTimeout } from './agent-timeouts';
import { agentInstructions } from './agent-instructions';
import { agentRunsUntraced } from './agent-tracing';
import { boundName, constructionSite } from './framework-constructions';
import { resolveExpr } from './resolve';
import { retriesAround } from './retries';
import { providerOfLitellmModel } from './sdk';
import { modelArgumentOf } from './model-argument';
import { insideSpan } from './spans';
import { stringValue } from './strings';
import { attributeChain, keyword, positional, unwrap, type Node } from './syntax';
import { callOfName, nodesMatching } from './text-search';
import { escapeRegExp } from '../../../core/text';
import { callArgs } from './values';

/** The agent classes, by the qualified names their packages export them under. */
const AGENT_CLASSES: Record<string, Sdk> = {
  'agents.Agent': 'openai-agents',
  'agents.agent.Agent': 'openai-agents',
  'pydantic_ai.Agent': 'pydantic-ai',
  'pydantic_ai.agent.Agent': 'pydantic-ai',
};

/** Cheap text test for the extractor: a file that may build an agent of either framework. */
export const AGENT_MENTION = /\b(?:from|import)[ \t]+(?:agents|pydantic_ai)\b/;

/** The agent framework a callee stands for, when it is one's `Agent` class (never a workspace module named `agents`). */
function agentSdkOf(file: PyFile, callee: Node): Sdk | null {
  const r = resolveExpr(file, callee);
  return r.kind === 'external' ? (AGENT_CLASSES[r.qualified] ?? null) : null;
}

/** Every agent construction of the file, as a call site. */
export function agentSitesIn(env: CallSiteEnv): LlmCallSite[] {
  const { file } = env;
  if (!AGENT_MENTION.test(file.text)) return [];
  const aliases = [...file.imports.values()].filter((b) => b.name === 'Agent' && b.local !== 'Agent').map((b) => escapeRegExp(b.local));
  // `Agent(...)`, or the typed form `Agent[Context](...)`.
  const re = new RegExp(`(?<![\\w])(Agent${aliases.length ? `|${aliases.join('|')}` : ''})\\s*(?:\\[[^\\]\\n]*\\]\\s*)?\\(`, 'dg');
  const out: LlmCallSite[] = [];
  for (const call of nodesMatching(file, re, 1, agentCallOfName)) {
    const callee = call.childForFieldName('function');
    const cls = callee?.type === 'subscript' ? callee.childForFieldName('value') : callee;
    const sdk = cls ? agentSdkOf(file, cls) : null;
    if (sdk && cls) out.push(agentSite(call, cls, sdk, env));
  }
  return out;
}

/** The call a class name is called in, directly or through a generic subscript (`Agent[Ctx](…)`). */
function agentCallOfName(n: Node): Node | null {
  const direct = callOfName(n);
  if (direct) return direct;
  const sub = n.parent;
  if (sub?.type !== 'subscript' || sub.childForFieldName('value')?.id !== n.id) return null;
  const call = sub.parent;
  return call?.type === 'call' && call.childForFieldName('function')?.id === sub.id ? call : null;
}

function agentSite(call: Node, callee: Node, sdk: Sdk, env: CallSiteEnv): LlmCallSite {
  const { file } = env;
  const args = callArgs(file, call);
  const argsNode = call.childForFieldName('arguments');
  // pydantic-ai takes the model first (`Agent('openai:gpt-4o')`); the Agents SDK takes the name first.
  const modelNode = keyword(argsNode, 'model') ?? (sdk === 'pydantic-ai' ? positional(argsNode, 0) : null);
  const { model, provider } = modelNode ? agentModel(file, sdk, modelNode) : { model: { value: null, literal: false }, provider: sdk === 'openai-agents' ? ('openai' as Provider) : ('unknown' as Provider) };
  const runs = agentRuns(file, call, sdk);
  const client = agentClient(file, sdk, modelNode);
  const timed = agentRequestTimeout(file, sdk, call, modelNode, runs);
  const untraced = sdk === 'openai-agents' ? agentRunsUntraced(file, call, runs) : null;
  const { worst } = worstPath([retriesAround(call, file), ...runs.map((r) => retriesAround(r, file))]);
  const inputs = runs.flatMap((r) => runInput(file, r, sdk));
  const prompt = agentInstructions(file, call, sdk, boundName(call));
  return constructionSite(
    call,
    callee,
    env,
    // A span around every run found is the agent's span.
    { provider, sdk, method: 'Agent', model, args, retries: worst, inSpan: runs.length > 0 && runs.every((r) => insideSpan(r, file)) },
    {
      ...(prompt.length ? { prompt } : {}),
      ...(inputs.length ? { runInputs: inputs.map((n) => ({ span: file.span(n), text: file.src(n) })) } : {}),
      ...(client ? { agentClient: client } : {}),
      ...(timed ? { agentRequestTimeout: true as const, ...(timed.sharedNames.length ? { agentSharedNames: timed.sharedNames } : {}) } : {}),
      ...(untraced ? { agentRunsUntraced: untraced } : {}),
    },
  );
}

/** pydantic-ai's model strings name their provider before a colon (`openai:gpt-4o`, `google-gla:gemini-2.0-flash`). */
const PYDANTIC_PROVIDERS: Record<string, Provider> = {
  openai: 'openai', 'openai-chat': 'openai', 'openai-responses': 'openai', azure: 'azure-openai', anthropic: 'anthropic',
  'google-gla': 'google', 'google-vertex': 'google', gemini: 'google', groq: 'groq', mistral: 'mistral', bedrock: 'bedrock',
  deepseek: 'deepseek', openrouter: 'openrouter', together: 'together', ollama: 'ollama',
};

/**
 * The model objects whose first argument (or `model=` / `model_name=`) is the model id, and their provider (`litellm`:
 * named by the id's LiteLLM prefix, `anthropic/claude-…`).
 */
const MODEL_CLASSES: Record<string, Provider | 'litellm'> = {
  // Agents SDK: the provider is whatever the `openai_client` given points at.
  'agents.OpenAIChatCompletionsModel': 'unknown',
  'agents.extensions.models.litellm_model.LitellmModel': 'litellm',
  'agents.OpenAIResponsesModel': 'unknown',
  'pydantic_ai.models.openai.OpenAIModel': 'openai',
  'pydantic_ai.models.openai.OpenAIChatModel': 'openai',
  'pydantic_ai.models.openai.OpenAIResponsesModel': 'openai',
  'pydantic_ai.models.anthropic.AnthropicModel': 'anthropic',
  'pydantic_ai.models.gemini.GeminiModel': 'google',
  'pydantic_ai.models.google.GoogleModel': 'google',
  'pydantic_ai.models.groq.GroqModel': 'groq',
  'pydantic_ai.models.mistral.MistralModel': 'mistral',
};

function agentModel(file: PyFile, sdk: Sdk, node: Node): { model: LlmCallSite['model']; provider: Provider } {
  const span = file.span(unwrap(node));
  // A model id written in the code or a module constant (`literal`), or only an environment read's default.
  const arg = modelArgumentOf(file, node);
  if (arg?.kind === 'name') return { model: { value: bareModel(sdk, arg.value), span, literal: arg.literal, ...(arg.literal ? routed(sdk, arg.value) : {}) }, provider: stringProvider(sdk, arg.value) };
  return arg ? objectModel(arg.file, arg.call, span) : { model: { value: null, span, literal: false }, provider: 'unknown' };
}

/** `OpenAIChatCompletionsModel(model="gpt-4o", openai_client=client)`, `OpenAIModel("gpt-4o", provider=…)`. */
function objectModel(file: PyFile, call: Node, span: LlmCallSite['model']['span']): { model: LlmCallSite['model']; provider: Provider } {
  const fn = call.childForFieldName('function');
  const r = fn ? resolveExpr(file, fn) : null;
  const known = r?.kind === 'external' && Object.hasOwn(MODEL_CLASSES, r.qualified) ? MODEL_CLASSES[r.qualified] : undefined;
  if (known === undefined) return { model: { value: null, span, literal: false }, provider: 'unknown' };
  const args = call.childForFieldName('arguments');
  const id = keyword(args, 'model') ?? keyword(args, 'model_name') ?? positional(args, 0);
  const value = id ? stringValue(unwrap(id), (n) => file.src(n)) : null;
  if (known === 'litellm') {
    // `LitellmModel(model="anthropic/claude-…")`: LiteLLM routes by the prefix; a `base_url` sends it to another host.
    const provider = keyword(args, 'base_url') || (!keyword(args, 'model') && positional(args, 1)) ? 'unknown' : providerOfLitellmModel(value);
    return { model: value !== null ? { value, span: file.span(unwrap(id!)), literal: true, ...(value.includes('/') ? { routed: true } : {}) } : { value: null, span, literal: false }, provider };
  }
  // A `provider=` other than the default may point the model at another host.
  const provider = keyword(args, 'provider') ? 'unknown' : known;
  return { model: value !== null ? { value, span: file.span(unwrap(id!)), literal: true } : { value: null, span, literal: false }, provider };
}

/** The model id without the framework's routing prefix (`openai:`, `litellm/`): what prices and limits know. */
function bareModel(sdk: Sdk, s: string): string {
  if (sdk === 'pydantic-ai') return s.includes(':') ? s.slice(s.indexOf(':') + 1) : s;
  return s.startsWith('litellm/') ? s.slice('litellm/'.length) : s;
}

/**
 * A model string routed by its prefix: the Agents SDK's MultiProvider splits at the first `/` (`litellm/…` goes to
 * LiteLLM, a prefix of a custom provider map to that provider), pydantic-ai at the `:` (`openai:gpt-4o`).
 */
function routed(sdk: Sdk, s: string): { routed?: true } {
  return (sdk === 'pydantic-ai' ? s.includes(':') : s.includes('/')) ? { routed: true } : {};
}

function stringProvider(sdk: Sdk, s: string): Provider {
  if (sdk === 'pydantic-ai') {
    const prefix = s.includes(':') ? s.slice(0, s.indexOf(':')) : '';
    return prefix ? (PYDANTIC_PROVIDERS[prefix] ?? 'unknown') : 'unknown';
  }
  // The Agents SDK sends a plain model name to OpenAI; `litellm/<provider>/<model>` goes through LiteLLM.
  if (s.startsWith('litellm/')) return providerOfLitellmModel(s.slice('litellm/'.length));
  return s.includes('/') ? 'unknown' : 'openai';
}

const AGENTS_RUNNER = /^agents(\.run)?\.Runner\.(run|run_sync|run_streamed)$/;
const PYDANTIC_RUN = /^(run|run_sync|run_stream|run_stream_events|iter)$/;

/**
 * The runs of the agent in its module: `Runner.run(agent, …)` (Agents SDK) or `agent.run(…)` (pydantic-ai) on the name
 * the construction is bound to (`agent = Agent(…)`, `self.agent = Agent(…)`).
 */
function agentRuns(file: PyFile, call: Node, sdk: Sdk): Node[] {
  const holder = boundName(call);
  if (!holder) return [];
  const out: Node[] = [];
  if (sdk === 'openai-agents') {
    for (const run of nodesMatching(file, /\b(run|run_sync|run_streamed)\s*\(/dg, 1, callOfName)) {
      const fn = run.childForFieldName('function');
      const r = fn?.type === 'attribute' ? resolveExpr(file, fn) : null;
      if (r?.kind !== 'external' || !AGENTS_RUNNER.test(r.qualified)) continue;
      const args = run.childForFieldName('arguments');
      const first = keyword(args, 'starting_agent') ?? positional(args, 0);
      if (first && file.src(unwrap(first)) === holder) out.push(run);
    }
  } else {
    for (const run of nodesMatching(file, new RegExp(`${escapeRegExp(holder)}\\s*\\.\\s*(run|run_sync|run_stream|run_stream_events|iter)\\s*\\(`, 'dg'), 1, callOfName)) {
      const fn = run.childForFieldName('function');
      const { names } = fn?.type === 'attribute' ? attributeChain(fn) : { names: [] as string[] };
      const recv = fn?.childForFieldName('object');
      if (PYDANTIC_RUN.test(names[names.length - 1] ?? '') && recv && file.src(recv) === holder) out.push(run);
    }
  }
  return out;
}

/**
 * What a run sends as the model's input with each request: the Agents SDK's `input` (`Runner.run(agent, input)`), a
 * string or a list of input items, and pydantic-ai's `message_history=` (its `user_prompt` is the new message).
 */
function runInput(file: PyFile, run: Node, sdk: Sdk): Node[] {
  const args = run.childForFieldName('arguments');
  const input = sdk === 'openai-agents' ? (keyword(args, 'input') ?? positional(args, 1)) : keyword(args, 'message_history');
  return input ? [unwrap(input)] : [];
}

