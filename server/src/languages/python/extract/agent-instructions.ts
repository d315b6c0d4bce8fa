// The system prompt an agent framework sends with every model request of its runs, read where the agent is built:
// the OpenAI Agents SDK's `Agent(instructions=…)` and pydantic-ai's `Agent(model, instructions=…, system_prompt=…)`.
// pydantic-ai puts its instructions ahead of the system prompts; functions registered with `@agent.instructions` /
// `@agent.system_prompt` (and an `instructions=` function) add text the code computes per run.
import type { PromptPart, Sdk, Span } from '../../../core/types';
import type { PyFile } from './file-context';
import { partFromContent } from './prompt';
import { namesFunction } from './framework-constructions';
import { keyword, unwrap, type Node } from './syntax';
import { escapeRegExp } from '../../../core/text';
import { computedOnce } from '../../../core/volatility';

/** The agent's system prompt parts, in the order the framework sends them; empty when it is given none. */
export function agentInstructions(file: PyFile, call: Node, sdk: Sdk, holder: string | null): PromptPart[] {
  const args = call.childForFieldName('arguments');
  const given = sdk === 'pydantic-ai' ? [keyword(args, 'instructions'), keyword(args, 'system_prompt')] : [keyword(args, 'instructions')];
  // An agent built when its module is imported computes its prompt text once: its f-string values are fixed for the process.
  const once = !file.functionAt(call.startIndex);
  const parts: PromptPart[] = [];
  for (const node of given) if (node) parts.push(...partsOf(file, node, once));
  const registered = sdk === 'pydantic-ai' && holder ? promptFunctionRegistered(file, holder) : null;
  if (registered) parts.push({ role: 'system', span: registered, segments: [{ kind: 'dynamic', span: registered, text: file.text.slice(registered.start, registered.end), volatility: 'unknown' }] });
  return parts;
}

/** A string (or a name holding one), a sequence of them (pydantic-ai), or a function: text computed per run. */
function partsOf(file: PyFile, node: Node, once: boolean): PromptPart[] {
  const e = unwrap(node);
  if (e.type === 'none') return [];
  if (e.type === 'list' || e.type === 'tuple') return e.namedChildren.filter((c) => c.type !== 'comment').flatMap((c) => partsOf(file, c, once));
  if (namesFunction(file, e)) return [computed(file, e)];
  if (e.type === 'string' || e.type === 'concatenated_string' || e.type === 'identifier' || e.type === 'binary_operator' || e.type === 'attribute') {
    const part = partFromContent(file, 'system', e, e);
    return [once ? computedOnce(part) : part];
  }
  return [computed(file, e)];
}

/** Text the code computes per run, of unknown length and volatility. */
function computed(file: PyFile, node: Node): PromptPart {
  const span = file.span(node);
  return { role: 'system', span, segments: [{ kind: 'dynamic', span, text: file.src(node), volatility: 'unknown' }] };
}

/** The first `@agent.system_prompt` / `@agent.instructions` (also `@agent.system_prompt(dynamic=True)`) of the module. */
function promptFunctionRegistered(file: PyFile, holder: string): Span | null {
  const m = new RegExp(`^[ \\t]*(@${escapeRegExp(holder)}\\s*\\.\\s*(?:system_prompt|instructions)\\b)`, 'md').exec(file.text);
  const at = m?.indices?.[1];
  return at ? { start: at[0], end: at[1] } : null;
}
