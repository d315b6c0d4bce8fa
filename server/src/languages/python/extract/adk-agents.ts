// Google's Agent Development Kit (`from google.adk.agents import Agent`): as for the OpenAI Agents SDK, the agent's
// construction is the site. Its model (a model string, `Gemini(…)`, `LiteLlm(…)`) and its instruction are those of every
// model request of its runs (`Runner(agent=…)` / `InMemoryRunner(agent=…)` then `runner.run_async(…)`), and the
// retries looked for are those around the construction and those runs. A module-level `root_agent` served by
// `adk web` / `adk api_server` has no run in the code. Facts: catalog/agent-frameworks.ts GOOGLE_ADK.
import type { LlmCallSite, PromptPart, PromptSegment, Provider } from '../../../core/types';
import { worstPath } from '../../../core/retry-chain';
import { escapeRegExp } from '../../../core/text';
import { withTemplatePlaceholders } from '../../../core/volatility';
import type { CallSiteEnv } from './call-sites';
import type { PyFile } from './file-context';
import { boundName, constructionSite, frameworkClassCalls, namesFunction } from './framework-constructions';
import { segmentsOf } from './prompt';
import { qualifiedOf, resolveExpr } from './resolve';
import { retriesAround } from './retries';
import { providerOfLitellmModel } from './sdk';
import { modelArgumentOf } from './model-argument';
import { insideSpan } from './spans';
import { stringValue } from './strings';
import { keyword, positional, unwrap, type Node } from './syntax';
import { callOfName, nodesMatching } from './text-search';
import { callArgs } from './values';

/** Cheap text test: a file that imports ADK. */
export const ADK_MENTION = /^[ \t]*(?:from[ \t]+google\.adk\b|import[ \t]+google\.adk\b)/m;

const AGENT = /^google\.adk(?:\.agents(?:\.llm_agent)?)?\.(?:Agent|LlmAgent)$/;
const GEMINI = /^google\.adk\.models(?:\.google_llm)?\.Gemini$/;
const LITE_LLM = /^google\.adk\.models\.lite_llm\.LiteLlm$/;
const RUNNER = /^google\.adk(?:\.runners)?\.(?:Runner|InMemoryRunner)$/;

/** Every ADK `Agent(…)` / `LlmAgent(…)` construction of the file, as a call site. */
export function adkAgentSitesIn(env: CallSiteEnv): LlmCallSite[] {
  const { file } = env;
  if (!ADK_MENTION.test(file.text)) return [];
  return frameworkClassCalls(file, ['Agent', 'LlmAgent'], AGENT).map(({ call, callee }) => adkSite(call, callee, env));
}

function adkSite(call: Node, callee: Node, env: CallSiteEnv): LlmCallSite {
  const { file } = env;
  const argsNode = call.childForFieldName('arguments');
  const modelNode = keyword(argsNode, 'model');
  // No model: the agent takes its parent's, or ADK's default (LlmAgent.canonical_model): not known here.
  const { model, provider } = modelNode ? adkModel(file, modelNode) : { model: { value: null, literal: false }, provider: 'unknown' as Provider };
  const runs = adkRuns(file, call);
  const { worst } = worstPath([retriesAround(call, file), ...runs.map((r) => retriesAround(r, file))]);
  const prompt = instructionParts(file, argsNode);
  const liteLlm = modelNode ? liteLlmOf(file, modelNode) : null;
  return constructionSite(
    call,
    callee,
    env,
    { provider, sdk: 'google-adk', method: 'Agent', model, args: callArgs(file, call), retries: worst, inSpan: runs.length > 0 && runs.every((r) => insideSpan(r, file)) },
    { ...(prompt.length ? { prompt } : {}), ...(liteLlm ? { adkLiteLlm: liteLlm } : {}) },
  );
}

/** `model="gemini-2.5-flash"`, a constant holding it, `Gemini(model=…)` or `LiteLlm(model="openai/gpt-4o")`. */
function adkModel(file: PyFile, node: Node): { model: LlmCallSite['model']; provider: Provider } {
  const span = file.span(unwrap(node));
  const arg = modelArgumentOf(file, node);
  if (arg?.kind === 'name') return { model: { value: arg.value, span, literal: arg.literal }, provider: stringProvider(arg.value) };
  return arg ? modelObject(arg.file, arg.call, span) : { model: { value: null, span, literal: false }, provider: 'unknown' };
}

/** The `LiteLlm(…)` built in this file that the agent is given, in place or through a name. */
function liteLlmOf(file: PyFile, node: Node): LlmCallSite['adkLiteLlm'] | null {
  const e = unwrap(node);
  const r = e.type === 'call' ? { kind: 'node' as const, file, node: e } : e.type === 'identifier' ? resolveExpr(file, e) : null;
  if (r?.kind !== 'node' || r.file !== file || r.node.type !== 'call') return null;
  const fn = r.node.childForFieldName('function');
  if (!fn || !LITE_LLM.test(qualifiedOf(file, fn) ?? '')) return null;
  const name = fn.type === 'attribute' ? (fn.childForFieldName('attribute') ?? fn) : fn;
  return { args: callArgs(file, r.node), nameSpan: file.span(name) };
}

/** ADK's registry sends `gemini-…` (and Vertex resource names of Gemini models) to its Gemini class. */
function stringProvider(s: string): Provider {
  return /^gemini-/.test(s) || /^projects\/.+\/publishers\/google\/models\/gemini/.test(s) ? 'google' : 'unknown';
}

function modelObject(file: PyFile, call: Node, span: LlmCallSite['model']['span']): { model: LlmCallSite['model']; provider: Provider } {
  const fn = call.childForFieldName('function');
  const q = fn ? qualifiedOf(file, fn) : null;
  const args = call.childForFieldName('arguments');
  const id = keyword(args, 'model') ?? (q && LITE_LLM.test(q) ? positional(args, 0) : null);
  const value = id ? stringValue(unwrap(id), (n) => file.src(n)) : null;
  const model = value !== null ? { value, span: file.span(unwrap(id!)), literal: true } : { value: null, span, literal: false };
  if (q && GEMINI.test(q)) return { model, provider: keyword(args, 'base_url') ? 'unknown' : 'google' };
  if (q && LITE_LLM.test(q)) {
    // LiteLLM routes by the prefix (`openai/gpt-4o`); an `api_base` sends it to another host.
    const provider = keyword(args, 'api_base') || keyword(args, 'base_url') ? 'unknown' : providerOfLitellmModel(value);
    return { model: value !== null && value.includes('/') ? { ...model, routed: true } : model, provider };
  }
  return { model: { value: null, span, literal: false }, provider: 'unknown' };
}

/**
 * The runs of the agent in its module: `runner = Runner(agent=agent, …)` or `InMemoryRunner(agent)`, then
 * `runner.run(…)` / `run_async(…)` / `run_live(…)` / `run_debug(…)`.
 */
function adkRuns(file: PyFile, call: Node): Node[] {
  const holder = boundName(call);
  if (!holder || !/Runner\s*\(/.test(file.text)) return [];
  const out: Node[] = [];
  for (const { call: runner } of frameworkClassCalls(file, ['Runner', 'InMemoryRunner'], RUNNER)) {
    const args = runner.childForFieldName('arguments');
    const given = keyword(args, 'agent') ?? positional(args, 0);
    const name = given && file.src(unwrap(given)) === holder ? boundName(runner) : null;
    if (!name) continue;
    for (const run of nodesMatching(file, new RegExp(`${escapeRegExp(name)}\\s*\\.\\s*(run|run_async|run_live|run_debug)\\s*\\(`, 'dg'), 1, callOfName)) {
      const recv = run.childForFieldName('function')?.childForFieldName('object');
      if (recv && file.src(recv) === name) out.push(run);
    }
  }
  return out;
}

/**
 * The system instruction of every request: `global_instruction=` then `instruction=` (ADK joins them in that order),
 * when each is text. A callable (an `InstructionProvider`, called per request) is left out: what it returns is not read.
 */
function instructionParts(file: PyFile, argsNode: Node | null): PromptPart[] {
  const out: PromptPart[] = [];
  for (const key of ['global_instruction', 'instruction']) {
    const node = keyword(argsNode, key);
    if (!node || namesFunction(file, node)) continue;
    const { segments, source } = segmentsOf(file, node);
    const split = segments.flatMap(withStatePlaceholders);
    if (!split.some((s) => s.kind === 'static')) continue;
    out.push({ role: 'system', span: file.span(unwrap(node)), segments: split, ...(source ? { source } : {}) });
  }
  return out;
}

/**
 * ADK fills `{key}` / `{key?}` / `{app:key}` / `{artifact.name}` in a text instruction from the session's state on
 * every request (instructions_utils.inject_session_state); other braces are kept as written. Doubled braces are read
 * as a placeholder by some releases and as an escaped brace by others: left as text.
 */
const STATE_PLACEHOLDER = /(?<!\{)\{([^{}]*)\}(?!\})/g;
const STATE_NAME = /^(?:(?:app|user|temp):)?[A-Za-z_]\w*\??$|^artifact\.[^{}]+$/;

function withStatePlaceholders(seg: PromptSegment): PromptSegment[] {
  return seg.kind === 'static' && seg.text.includes('{') ? withTemplatePlaceholders(seg, STATE_PLACEHOLDER, (m) => STATE_NAME.test(m[1].trim())) : [seg];
}
