// CrewAI agents (`from crewai import Agent, Crew`): an Agent sends through the LLM CrewAI's `create_llm` makes of its
// `llm=` (catalog/agent-frameworks.ts CREWAI_AGENT_LLM): a model name becomes `LLM(model=name)`, no `llm` at all the
// default LLM read from the environment, both without a timeout; a crewai `LLM` is used as it is; any other object (a
// LangChain chat model) is rebuilt as a CrewAI LLM from its attributes. A Crew's `manager_llm` goes the same way.
import type { ClientFact, OptionFact } from '../../../core/types';
import type { PyFile } from './file-context';
import { resolveExpr } from './resolve';
import { keyword, type Node } from './syntax';
import { frameworkClassCalls } from './framework-constructions';
import { callArgs } from './values';

/** Cheap text test: a file that imports crewai. */
export const CREWAI_MENTION = /^[ \t]*(?:from[ \t]+crewai\b|import[ \t]+crewai\b)/m;

const AGENT = /^crewai(?:\.agent)?\.Agent$/;
const AGENT_OR_CREW = /^crewai(?:\.agent)?\.Agent$|^crewai(?:\.crew)?\.Crew$/;

/** What CrewAI does with the Agents and Crews of a file. */
export interface CrewaiAgentFacts {
  /** The LLMs CrewAI builds itself, from a model name or from nothing (`builtBy` set). */
  llms: ClientFact[];
  /** Where the clients handed to an Agent's `llm=` / a Crew's `manager_llm=` are built (span starts). */
  handedToAgents: Set<number>;
}

const NONE: CrewaiAgentFacts = { llms: [], handedToAgents: new Set() };

/** The Agents and Crews built in the file; nothing when it does not import crewai. */
export function crewaiAgentFacts(file: PyFile): CrewaiAgentFacts {
  if (!CREWAI_MENTION.test(file.text)) return NONE;
  const out: CrewaiAgentFacts = { llms: [], handedToAgents: new Set() };
  for (const { call, callee: fn, qualified } of frameworkClassCalls(file, ['Agent', 'Crew'], AGENT_OR_CREW)) {
    const isAgent = AGENT.test(qualified);
    const args = callArgs(file, call);
    // Options from a spread may name the llm.
    if (args.hasSpread) continue;
    const key = isAgent ? 'llm' : 'manager_llm';
    const owner = isAgent ? 'CrewAI Agent' : 'CrewAI Crew';
    const opt = args.options[key];
    if (!opt) {
      // A Crew without a manager has none to build; an Agent's `config=` (agents.yaml) may name its llm.
      if (isAgent && !args.options.config) out.llms.push(builtLlm(file, call, fn, owner, 'default', null));
      continue;
    }
    const v = opt.value;
    if (v.kind === 'string' || v.kind === 'env') out.llms.push(builtLlm(file, call, fn, owner, 'model-name', opt));
    else if (v.kind === 'null' && isAgent) out.llms.push(builtLlm(file, call, fn, owner, 'default', null));
    else {
      const node = keyword(call.childForFieldName('arguments'), key);
      const client = node ? resolveExpr(file, node) : null;
      if (client?.kind === 'client') out.handedToAgents.add(client.client.span.start);
    }
  }
  return out;
}

/** The LLM CrewAI builds for an Agent (or a Crew's manager) from a model name, or from the environment. */
function builtLlm(file: PyFile, call: Node, fn: Node, owner: 'CrewAI Agent' | 'CrewAI Crew', builtBy: 'model-name' | 'default', model: OptionFact | null): ClientFact {
  const last = fn.type === 'attribute' ? (fn.childForFieldName('attribute') ?? fn) : fn;
  const argList = file.span(call.childForFieldName('arguments') ?? call);
  return {
    path: file.path,
    sdk: 'crewai',
    provider: 'unknown',
    className: 'crewai.LLM',
    label: builtBy === 'default' ? `${owner} without an llm` : `${owner}'s ${model!.key}`,
    module: 'crewai',
    span: file.span(call),
    nameSpan: file.span(last),
    // The options are the model name alone: nothing else reaches the LLM.
    args: { span: argList, options: model ? { model } : {}, hasSpread: false, callArgsSpan: argList },
    builtBy,
  };
}
