// AG2 (`pip install ag2`, formerly pyautogen 0.2; `from autogen import AssistantAgent`): an agent given
// `llm_config=` builds an OpenAIWrapper, which makes one `OpenAI(**openai_config)` per config_list entry from the
// entry's keywords over the llm_config's own (catalog/agent-frameworks.ts AG2_LLM_CONFIG). Each entry written in the
// code is a client here; configs read from a file or the environment (`config_list_from_json`, `LLMConfig.from_json`)
// cannot be read and are left alone.
import type { ArgsFact, ClientFact, OptionFact } from '../../../core/types';
import type { PyFile } from './file-context';
import { reachingValues } from './reaching-values';
import { resolveExpr } from './resolve';
import { callArguments, keyword, unwrap, type Node } from './syntax';
import { frameworkClassCalls } from './framework-constructions';
import { callArgs, dictArgs } from './values';

/** Cheap text test: a file that imports AG2 (`autogen`, `ag2`; not AutoGen 0.4's `autogen_agentchat` / `autogen_ext`). */
export const AG2_MENTION = /^[ \t]*(?:from|import)[ \t]+(?:autogen|ag2)\b(?!_)/m;

const AGENT_CLASSES = ['AssistantAgent', 'ConversableAgent', 'UserProxyAgent', 'GroupChatManager'];
const AGENT = new RegExp(`^(?:autogen|ag2)(?:\\.[\\w.]+)?\\.(?:${AGENT_CLASSES.join('|')})$`);
const LLM_CONFIG = /^(?:autogen|ag2)(?:\.[\w.]+)?\.LLMConfig$/;
/** The llm_config keys OpenAIWrapper hands every entry's `OpenAI(…)` (those of OpenAI.__init__ that matter here). */
const SHARED_CLIENT_KEYS = ['timeout', 'max_retries', 'base_url', 'http_client'];

/** The OpenAI clients AG2 builds from the llm_configs handed to agents in the file; none without an AG2 import. */
export function ag2LlmConfigClients(file: PyFile): ClientFact[] {
  if (!AG2_MENTION.test(file.text)) return [];
  const out = new Map<number, ClientFact>();
  for (const { call } of frameworkClassCalls(file, AGENT_CLASSES, AGENT)) {
    const value = keyword(call.childForFieldName('arguments'), 'llm_config');
    const config = value ? boundValue(file, value) : null;
    if (!config) continue;
    for (const c of entryClients(file, config)) if (!out.has(c.span.start)) out.set(c.span.start, c);
  }
  return [...out.values()];
}

/** The one value a name holds where it is used (itself when it is no name), or null. */
function boundValue(file: PyFile, expr: Node): Node | null {
  const e = unwrap(expr);
  if (e.type !== 'identifier') return e;
  const values = reachingValues(file, e);
  return values?.length === 1 ? unwrap(values[0]) : null;
}

/** An llm_config as AG2 reads it: the shared keywords, and the entries (null when one cannot be read). */
function entryClients(file: PyFile, config: Node): ClientFact[] {
  let shared: ArgsFact;
  let entries: Array<{ node: Node; args: ArgsFact; at: Node }> | null;
  if (config.type === 'dictionary') {
    shared = dictArgs(file, config);
    const list = shared.options.config_list ? pairValue(config, 'config_list') : null;
    // A dict without config_list is one entry (AG2's LLMConfig.ensure_config; pyautogen 0.2's base config).
    entries = list ? listEntries(file, list) : [{ node: config, args: shared, at: config }];
  } else if (config.type === 'call') {
    const fn = config.childForFieldName('function');
    const r = fn ? resolveExpr(file, fn) : null;
    if (r?.kind !== 'external' || !LLM_CONFIG.test(r.qualified) || !fn) return [];
    shared = callArgs(file, config);
    const argList = config.childForFieldName('arguments');
    const { positional, listSplats } = callArguments(argList);
    if (listSplats.length) return [];
    entries = [];
    for (const p of positional) {
      const d = boundValue(file, p);
      if (d?.type !== 'dictionary') return [];
      entries.push({ node: d, args: dictArgs(file, d), at: d });
    }
    const list = keyword(argList, 'config_list');
    if (list) {
      const more = listEntries(file, list);
      if (!more) return [];
      entries.push(...more);
    }
    // `LLMConfig(api_type="openai", model="gpt-4o-mini", …)`: the keywords are the entry.
    if (shared.options.model) entries.push({ node: config, args: shared, at: fn.type === 'attribute' ? (fn.childForFieldName('attribute') ?? fn) : fn });
  } else return [];
  if (!entries?.length || shared.hasSpread) return [];
  const clients = entries.map((e) => entryClient(file, e, shared, entries!.length));
  // Every entry must be read: one the code cannot see may route anywhere, with any timeout.
  return clients.every((c): c is ClientFact => c !== null) ? clients : [];
}

function pairValue(dict: Node, key: string): Node | null {
  for (const c of dict.namedChildren) {
    if (c.type !== 'pair') continue;
    const k = c.childForFieldName('key');
    if (k && unwrap(k).type === 'string' && unwrap(k).text.slice(1, -1) === key) return c.childForFieldName('value');
  }
  return null;
}

/** The dict literals of a config_list written as a list (directly or through one name), or null. */
function listEntries(file: PyFile, expr: Node): Array<{ node: Node; args: ArgsFact; at: Node }> | null {
  const list = boundValue(file, expr);
  if (list?.type !== 'list') return null;
  const out = [];
  for (const el of list.namedChildren) {
    if (el.type === 'comment') continue;
    const d = boundValue(file, el);
    if (d?.type !== 'dictionary') return null;
    out.push({ node: d, args: dictArgs(file, d), at: d });
  }
  return out;
}

/** The OpenAI client OpenAIWrapper builds for one entry; null for entries it sends elsewhere (other api_types, custom clients). */
function entryClient(file: PyFile, entry: { node: Node; args: ArgsFact; at: Node }, shared: ArgsFact, count: number): ClientFact | null {
  const own = entry.args;
  if (own.hasSpread || !own.options.model || 'model_client_cls' in own.options) return null;
  const apiType = own.options.api_type?.value;
  // Azure names a deployment and takes azure_endpoint; Anthropic, Gemini, Ollama, … have clients of their own.
  if (apiType && !(apiType.kind === 'string' && apiType.value === 'openai')) return null;
  const options: Record<string, OptionFact> = {};
  // The llm_config's own keys first, the entry's over them (OpenAIWrapper._register_default_client).
  for (const k of SHARED_CLIENT_KEYS) if (shared.options[k]) options[k] = shared.options[k];
  Object.assign(options, own.options);
  const model = own.options.model;
  return {
    path: file.path,
    sdk: 'autogen',
    provider: 'openai',
    className: 'OpenAIWrapper',
    label: 'AG2 llm_config entry',
    module: 'autogen',
    span: file.span(entry.node),
    nameSpan: entry.at.type === 'dictionary' ? model.keySpan : file.span(entry.at),
    args: { span: own.span, options, hasSpread: false, callArgsSpan: own.callArgsSpan },
    ag2LlmConfig: { entries: count },
  };
}

