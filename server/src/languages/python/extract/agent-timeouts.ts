// The client behind an agent's model, and whether the agent's model settings give each of its model requests a
// timeout: the OpenAI Agents SDK passes `ModelSettings.extra_args` into the SDK call (`extra_args={"timeout": 60}`),
// pydantic-ai passes `model_settings["timeout"]` as `timeout=` (see AGENT_FRAMEWORKS.requestTimeout).
import { AGENT_FRAMEWORKS } from '../../../core/catalog';
import type { ClientFact, LlmCallSite, Sdk } from '../../../core/types';
import type { PyFile } from './file-context';
import { qualifiedOf, resolveExpr } from './resolve';
import { stringValue } from './strings';
import { keyword, positional, unwrap, type Node } from './syntax';
import { callOfName, nodesMatching } from './text-search';

/** Model classes that send through a client given to them, and the keyword (or position) it is given by. */
const CLIENT_OF_MODEL: Array<{ re: RegExp; key: string; position?: number }> = [
  // `OpenAIChatCompletionsModel(model, openai_client)`, `OpenAIResponsesModel(model, openai_client)`.
  { re: /^agents(\.models\.openai_(chatcompletions|responses))?\.OpenAI(ChatCompletions|Responses)Model$/, key: 'openai_client', position: 1 },
  // pydantic-ai before providers: `OpenAIModel("gpt-4o", openai_client=client)`, `AnthropicModel(…, anthropic_client=…)`.
  { re: /^pydantic_ai\.models\.openai\.OpenAI(Chat|Responses)?Model$/, key: 'openai_client' },
  { re: /^pydantic_ai\.models\.anthropic\.AnthropicModel$/, key: 'anthropic_client' },
];

/** pydantic-ai model classes whose `provider=` may hold a client, and that pass `timeout` on (settings.py docstring). */
const PYDANTIC_TIMED_MODEL = /^pydantic_ai\.models\.(openai\.OpenAI(Chat|Responses)?Model|anthropic\.AnthropicModel|gemini\.GeminiModel|google\.GoogleModel|groq\.GroqModel|mistral\.MistralModel)$/;

/** pydantic-ai providers built around a client of the code's own. */
const PROVIDER_CLIENT: Array<{ re: RegExp; key: string }> = [
  { re: /^pydantic_ai\.providers\.openai\.OpenAIProvider$/, key: 'openai_client' },
  { re: /^pydantic_ai\.providers\.anthropic\.AnthropicProvider$/, key: 'anthropic_client' },
];

const AGENTS_MODEL_SETTINGS = /^agents(\.model_settings)?\.ModelSettings$/;
const AGENTS_RUN_CONFIG = /^agents(\.run)?\.RunConfig$/;
/** `ModelSettings`, `OpenAIChatModelSettings`, `AnthropicModelSettings`, … (TypedDicts: a call builds a dict). */
const PYDANTIC_MODEL_SETTINGS = /^pydantic_ai(\.\w+)*\.\w*ModelSettings$/;

/** The model object an agent is given, built in place or bound to a name: its file and construction. */
function modelConstruction(file: PyFile, node: Node): { file: PyFile; call: Node; qualified: string } | null {
  const e = unwrap(node);
  const r = e.type === 'call' ? { kind: 'node' as const, file, node: e } : resolveExpr(file, e);
  if (r.kind !== 'node' || r.node.type !== 'call') return null;
  const fn = r.node.childForFieldName('function');
  const qualified = fn ? qualifiedOf(r.file, fn) : null;
  return qualified ? { file: r.file, call: r.node, qualified } : null;
}

/** The client construction an expression resolves to. */
function clientOf(file: PyFile, node: Node | null): ClientFact | null {
  const r = node ? resolveExpr(file, node) : null;
  return r?.kind === 'client' ? r.client : null;
}

/**
 * The client the agent's model sends through: `openai_client=` of the model, or of the pydantic-ai provider it is
 * given. For an Agents SDK agent without such a model object (a model string, none, or one not followed), the SDK's
 * default client.
 */
export function agentClient(file: PyFile, sdk: Sdk, modelNode: Node | null): LlmCallSite['agentClient'] {
  const model = modelNode ? modelConstruction(file, modelNode) : null;
  const client = model ? modelClient(model.file, model.call, model.qualified) : null;
  if (client) return { path: client.path, start: client.span.start };
  return sdk === 'openai-agents' ? 'default' : undefined;
}

function modelClient(file: PyFile, call: Node, qualified: string): ClientFact | null {
  const args = call.childForFieldName('arguments');
  const direct = CLIENT_OF_MODEL.find((m) => m.re.test(qualified));
  if (direct) {
    const given = keyword(args, direct.key) ?? (direct.position !== undefined ? positional(args, direct.position) : null);
    if (given) return clientOf(file, given);
  }
  const provider = keyword(args, 'provider');
  const p = provider ? unwrap(provider) : null;
  const r = p ? (p.type === 'call' ? { kind: 'node' as const, file, node: p } : resolveExpr(file, p)) : null;
  if (r?.kind !== 'node' || r.node.type !== 'call') return null;
  const fn = r.node.childForFieldName('function');
  const q = fn ? qualifiedOf(r.file, fn) : null;
  const known = q ? PROVIDER_CLIENT.find((k) => k.re.test(q)) : undefined;
  return known ? clientOf(r.file, keyword(r.node.childForFieldName('arguments'), known.key)) : null;
}

/**
 * The agent's model settings give each model request a timeout: those of the agent, of its model object (pydantic-ai
 * `settings=`), or of every run of it found in its module (`Runner.run(agent, q, run_config=RunConfig(model_settings=…))`,
 * `agent.run(q, model_settings=…)`).
 */
export function agentRequestTimeout(file: PyFile, sdk: Sdk, call: Node, modelNode: Node | null, runs: Node[]): { sharedNames: string[] } | null {
  const args = call.childForFieldName('arguments');
  const model = modelNode ? modelConstruction(file, modelNode) : null;
  const modelName = model ? moduleLevelName(model.file, model.call) : null;
  const shared = modelName ? [modelName] : [];
  const own = keyword(args, 'model_settings');
  if (own && settingsTimed(file, sdk, own)) return { sharedNames: shared };
  if (sdk === 'pydantic-ai' && model && PYDANTIC_TIMED_MODEL.test(model.qualified)) {
    const settings = keyword(model.call.childForFieldName('arguments'), 'settings');
    if (settings && settingsTimed(model.file, sdk, settings)) return { sharedNames: shared };
  }
  if (runs.length === 0 || !runs.every((run) => runTimed(file, sdk, run))) return null;
  const agentName = moduleLevelName(file, call);
  return { sharedNames: agentName ? [...shared, agentName] : shared };
}

/** `model = OpenAIChatModel(…)` at module level: the name, which other modules may import. */
export function moduleLevelName(file: PyFile, value: Node): string | null {
  const asg = value.parent;
  const left = asg?.type === 'assignment' && asg.childForFieldName('right')?.id === value.id ? asg.childForFieldName('left') : null;
  return left?.type === 'identifier' && asg!.parent?.parent?.type === 'module' ? left.text : null;
}

function runTimed(file: PyFile, sdk: Sdk, run: Node): boolean {
  const args = run.childForFieldName('arguments');
  if (sdk === 'pydantic-ai') {
    const settings = keyword(args, 'model_settings');
    return !!settings && settingsTimed(file, sdk, settings);
  }
  const c = runConfigOf(file, run);
  const settings = c ? keyword(c.node.childForFieldName('arguments'), 'model_settings') : null;
  return !!settings && settingsTimed(c!.file, sdk, settings);
}

/** The `RunConfig(…)` an Agents SDK run is given (`run_config=`), written in place or bound to a name. */
export function runConfigOf(file: PyFile, run: Node): { file: PyFile; node: Node } | null {
  const config = keyword(run.childForFieldName('arguments'), 'run_config');
  const c = config ? followed(file, config) : null;
  const fn = c?.node.type === 'call' ? c.node.childForFieldName('function') : null;
  return c && fn && AGENTS_RUN_CONFIG.test(qualifiedOf(c.file, fn) ?? '') ? c : null;
}

/** An expression written in place, or the value of the name or attribute it reads. */
function followed(file: PyFile, node: Node): { file: PyFile; node: Node } | null {
  const e = unwrap(node);
  if (e.type !== 'identifier' && e.type !== 'attribute') return { file, node: e };
  const r = resolveExpr(file, e);
  return r.kind === 'node' && r.node.id !== e.id ? { file: r.file, node: unwrap(r.node) } : null;
}

/** Model settings (a `ModelSettings(…)`, or in pydantic-ai a dict) with the framework's timeout key set to a value. */
function settingsTimed(file: PyFile, sdk: Sdk, node: Node): boolean {
  if (sdk !== 'openai-agents' && sdk !== 'pydantic-ai') return false;
  const [head, ...rest] = AGENT_FRAMEWORKS[sdk].requestTimeout.settingsKey.split('.');
  const s = followed(file, node);
  if (!s) return false;
  let holder: { file: PyFile; node: Node } | null = s;
  // The Agents SDK's settings are a dataclass; pydantic-ai's a TypedDict, also written as a dict.
  if (sdk === 'openai-agents') {
    const fn = s.node.type === 'call' ? s.node.childForFieldName('function') : null;
    if (!fn || !AGENTS_MODEL_SETTINGS.test(qualifiedOf(s.file, fn) ?? '')) return false;
  } else if (s.node.type === 'call') {
    const fn = s.node.childForFieldName('function');
    if (!fn || !(fn.text === 'dict' || PYDANTIC_MODEL_SETTINGS.test(qualifiedOf(s.file, fn) ?? ''))) return false;
  }
  for (const [i, key] of [head, ...rest].entries()) {
    const value: Node | null = holder ? entry(holder.file, holder.node, key, i === 0) : null;
    holder = value ? followed(holder!.file, value) : null;
  }
  return !!holder && holder.node.type !== 'none';
}

/** A key's value in a dict literal, `dict(k=…)`, or the keywords of the settings call itself (`settings`). */
function entry(file: PyFile, node: Node, key: string, settings: boolean): Node | null {
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    const plainDict = fn?.type === 'identifier' && fn.text === 'dict' && !file.imports.has('dict');
    return settings || plainDict ? keyword(node.childForFieldName('arguments'), key) : null;
  }
  if (node.type !== 'dictionary') return null;
  for (const c of node.namedChildren) {
    if (c.type !== 'pair') continue;
    const k = c.childForFieldName('key');
    if (k && stringValue(unwrap(k), (n) => file.src(n)) === key) return c.childForFieldName('value');
  }
  return null;
}

/**
 * The clients of the file handed to the Agents SDK's `set_default_openai_client(client)`: every agent without a model
 * object of its own sends through them.
 */
export function markAgentsDefaultClients(file: PyFile, clients: ClientFact[]): void {
  if (!clients.length || !/\bset_default_openai_client\s*\(/.test(file.text)) return;
  for (const call of nodesMatching(file, /\b(set_default_openai_client)\s*\(/dg, 1, callOfName)) {
    const fn = call.childForFieldName('function');
    if (!fn || !/^agents(\.models\._openai_shared|\._config)?\.set_default_openai_client$/.test(qualifiedOf(file, fn) ?? '')) continue;
    const args = call.childForFieldName('arguments');
    const client = clientOf(file, positional(args, 0) ?? keyword(args, 'client'));
    const own = client && clients.find((c) => c.path === client.path && c.span.start === client.span.start);
    if (own) own.agentsDefault = true;
  }
}
