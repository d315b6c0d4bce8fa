// Semantic Kernel (Python) runs that reach a connector through the kernel or an agent (catalogue
// `SEMANTIC_KERNEL_RUNS`): `await kernel.invoke_prompt("…{{$input}}…", arguments=…)`, and `kernel.invoke(function)` of a
// function added by `kernel.add_function(…, prompt=…)`, on a kernel built in the file and given exactly one connector;
// `await agent.get_response(messages=…)` / `agent.invoke(…)` / `agent.invoke_stream(…)` on a
// `ChatCompletionAgent(service=<connector>, instructions=…)` (or `kernel=` such a kernel) built in the file. Each is a
// call of that connector. An injected kernel, a kernel with several services, an agent given both `service=` and
// `kernel=`, or a run handed its own `kernel=` stays silent: which service answers is not read.
import type { ClientFact, PromptPart } from '../../../core/types';
import { withTemplatePlaceholders } from '../../../core/volatility';
import type { PyFile } from './file-context';
import { agentInstructions } from './agent-instructions';
import { opaquePart, partFromContent } from './prompt';
import { resolveExpr } from './resolve';
import { SEMANTIC_KERNEL_MENTION } from './semantic-kernel';
import { kernelConnector } from './semantic-kernel-services';
import { keyword, positional, unwrap, type Node } from './syntax';
import { callOfName, nodesMatching } from './text-search';

/** Agent run methods, `invoke` / `invoke_stream` also the kernel's function runs (true: the result streams). */
export const SEMANTIC_KERNEL_AGENT_METHODS: Readonly<Record<string, boolean>> = { get_response: false, invoke: false, invoke_stream: true };
/** Kernel prompt methods (true: the result streams). */
export const SEMANTIC_KERNEL_PROMPT_METHODS: Readonly<Record<string, boolean>> = { invoke_prompt: false, invoke_prompt_stream: true };

const AGENT_CLASS = /^semantic_kernel\.agents(\.chat_completion(\.chat_completion_agent)?)?\.ChatCompletionAgent$/;
const AUTO_FUNCTION_CALLING = /\bFunctionChoiceBehavior\s*\.\s*(?:Auto|Required)\s*\(/;
const KERNEL_CLASS = /^semantic_kernel(\.kernel)?\.Kernel$/;

export interface KernelRun {
  client: ClientFact;
  /** The `ChatCompletionAgent(…)` construction an agent run runs; null for a kernel prompt. */
  agent: Node | null;
  /** `kernel.invoke(function)`: the `kernel.add_function(…, prompt=…)` call that made the function. */
  promptFunction?: Node;
  streaming: boolean;
  /**
   * A kernel prompt in a file that turns on automatic function calling (`FunctionChoiceBehavior.Auto()`): SK may call
   * the model again after each tool call, so the prompt may run as an agent loop.
   */
  toolLoop?: true;
}

/** The connector a kernel or agent run sends through, when the workspace establishes exactly one. */
export function semanticKernelRun(file: PyFile, call: Node, receiver: Node, method: string): KernelRun | null {
  if (!SEMANTIC_KERNEL_MENTION.test(file.text)) return null;
  const isAgent = Object.hasOwn(SEMANTIC_KERNEL_AGENT_METHODS, method);
  if (!isAgent && !Object.hasOwn(SEMANTIC_KERNEL_PROMPT_METHODS, method)) return null;
  const args = call.childForFieldName('arguments');
  // A run handed a kernel of its own uses that kernel's services.
  if (keyword(args, 'kernel')) return null;
  const agent = isAgent ? agentConstruction(file, receiver) : null;
  if (agent) {
    const client = agentConnector(file, agent);
    return client ? { client, agent, streaming: SEMANTIC_KERNEL_AGENT_METHODS[method] } : null;
  }
  // `kernel.invoke(function)` runs a prompt function only when `function` was added with a prompt.
  const promptFunction = isAgent && method !== 'get_response' ? promptFunctionAdded(file, receiver, positional(args, 0) ?? keyword(args, 'function')) : null;
  if (isAgent && !promptFunction) return null;
  const r = kernelBuiltHere(file, receiver) ? kernelConnector(file, receiver, 0) : null;
  if (r?.kind !== 'client') return null;
  const streaming = isAgent ? SEMANTIC_KERNEL_AGENT_METHODS[method] : SEMANTIC_KERNEL_PROMPT_METHODS[method];
  return { client: r.client, agent: null, streaming, ...(promptFunction ? { promptFunction } : {}), ...(AUTO_FUNCTION_CALLING.test(file.text) ? { toolLoop: true as const } : {}) };
}

/**
 * The `kernel.add_function(…, prompt=…)` (or `prompt_template_config=`) call a name given to `kernel.invoke` is bound
 * to, on the same kernel expression; null for anything else (a native function, a plugin's function by name).
 */
function promptFunctionAdded(file: PyFile, kernel: Node, fn: Node | null): Node | null {
  const f = fn ? unwrap(fn) : null;
  if (f?.type !== 'identifier') return null;
  const bound = file.boundValue(f.text, f.startIndex);
  const callee = bound?.type === 'call' ? bound.childForFieldName('function') : null;
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'add_function') return null;
  if (callee.childForFieldName('object')?.text !== unwrap(kernel).text) return null;
  const args = bound!.childForFieldName('arguments');
  return keyword(args, 'prompt') || keyword(args, 'prompt_template_config') ? bound : null;
}

/** The `ChatCompletionAgent(…)` a receiver names: a name bound to one in its scope, or `self.x` assigned one once. */
export function agentConstruction(file: PyFile, receiver: Node): Node | null {
  const e = unwrap(receiver);
  if (e.type === 'identifier') {
    const bound = file.boundValue(e.text, e.startIndex);
    return bound?.type === 'call' && constructs(file, bound, AGENT_CLASS) ? bound : null;
  }
  const field = selfField(e);
  if (!field) return null;
  const assigned = nodesMatching(file, new RegExp(`\\bself\\.${field}\\s*(?::[^=\\n]+)?=\\s*(ChatCompletionAgent)\\s*\\(`, 'dg'), 1, callOfName);
  return assigned.length === 1 && constructs(file, assigned[0], AGENT_CLASS) ? assigned[0] : null;
}

/** The agent's `service=` connector, or the one connector of its `kernel=`; null when both are given. */
function agentConnector(file: PyFile, agent: Node): ClientFact | null {
  const args = agent.childForFieldName('arguments');
  const service = keyword(args, 'service');
  const kernel = keyword(args, 'kernel');
  if (service && kernel) return null;
  if (service) {
    const r = resolveExpr(file, service);
    return r.kind === 'client' && r.client.sdk === 'semantic-kernel' && !r.others?.length ? r.client : null;
  }
  const r = kernel && kernelBuiltHere(file, kernel) ? kernelConnector(file, kernel, 0) : null;
  return r?.kind === 'client' ? r.client : null;
}

/** A kernel the file builds: a name bound to `Kernel()` in its scope, or `self.x` assigned `Kernel()`. */
function kernelBuiltHere(file: PyFile, expr: Node): boolean {
  const e = unwrap(expr);
  if (e.type === 'identifier') {
    const bound = file.boundValue(e.text, e.startIndex);
    return bound?.type === 'call' && constructs(file, bound, KERNEL_CLASS);
  }
  const field = selfField(e);
  if (!field) return false;
  const assigned = nodesMatching(file, new RegExp(`\\bself\\.${field}\\s*(?::[^=\\n]+)?=\\s*(?:\\w+\\.)?(Kernel)\\s*\\(`, 'dg'), 1, callOfName);
  return assigned.length === 1 && constructs(file, assigned[0], KERNEL_CLASS);
}

function selfField(e: Node): string | null {
  if (e.type !== 'attribute' || e.childForFieldName('object')?.text !== 'self') return null;
  return e.childForFieldName('attribute')?.text ?? null;
}

function constructs(file: PyFile, call: Node, cls: RegExp): boolean {
  const fn = call.childForFieldName('function');
  const r = fn ? resolveExpr(file, fn) : null;
  return r?.kind === 'external' && cls.test(r.qualified);
}

/**
 * What a run sends. An agent run: its instructions (SK renders them as a prompt template, so `{{$name}}` fills per
 * run), then the thread's whole history (SK re-sends it every turn), then the new messages. A kernel prompt: the
 * template, its `{{…}}` blocks filled per request.
 */
export function kernelRunPrompt(file: PyFile, call: Node, run: KernelRun, historyNames: Set<string>): PromptPart[] {
  const args = call.childForFieldName('arguments');
  if (run.promptFunction) return functionPrompt(file, run.promptFunction);
  if (!run.agent) {
    const template = keyword(args, 'prompt') ?? positional(args, 0);
    return template ? [templatePart(partFromContent(file, 'user', template, template), file)] : [];
  }
  const parts = agentInstructions(file, run.agent, 'semantic-kernel', null).map((p) => templatePart(p, file));
  const thread = keyword(args, 'thread');
  if (thread && unwrap(thread).type !== 'none') parts.push(historyPart(opaquePart(file, thread, historyNames)));
  const messages = keyword(args, 'messages') ?? positional(args, 0);
  const m = messages ? unwrap(messages) : null;
  if (m?.type === 'list') {
    for (const el of m.namedChildren) if (el.type !== 'comment') parts.push(messagePart(file, el, historyNames));
  } else if (m && m.type !== 'none') parts.push(messagePart(file, m, historyNames));
  return parts;
}

/** A prompt function's template: `prompt=`, or the `template=` of a `PromptTemplateConfig(…)` it is given by name or in place. */
function functionPrompt(file: PyFile, added: Node): PromptPart[] {
  const args = added.childForFieldName('arguments');
  let template = keyword(args, 'prompt');
  const config = keyword(args, 'prompt_template_config');
  if (!template && config) {
    const c = unwrap(config);
    const built = c.type === 'identifier' ? file.boundValue(c.text, c.startIndex) : c;
    template = built?.type === 'call' && /(^|\.)PromptTemplateConfig$/.test(built.childForFieldName('function')?.text ?? '') ? keyword(built.childForFieldName('arguments'), 'template') : null;
    if (!template) return [opaquePart(file, c, new Set())];
  }
  return template ? [templatePart(partFromContent(file, 'user', template, template), file)] : [];
}

/** A message given as text (a literal or a name) is the user's turn; anything else is of unknown content. */
function messagePart(file: PyFile, e: Node, historyNames: Set<string>): PromptPart {
  const u = unwrap(e);
  return u.type === 'string' || u.type === 'concatenated_string' ? partFromContent(file, 'user', u, u) : opaquePart(file, u, historyNames);
}

function historyPart(part: PromptPart): PromptPart {
  return { ...part, segments: part.segments.map((s) => (s.kind === 'dynamic' ? { ...s, origin: 'history' as const } : s)) };
}

/** SK template blocks: `{{$input}}`, `{{plugin.function $arg}}`. */
const TEMPLATE_BLOCK = /\{\{[^{}]*\}\}/g;
const HAS_BLOCK = /\{\{[^{}]*\}\}/;

/** A part whose literal text is an SK prompt template: each `{{…}}` block is text filled per request. */
function templatePart(part: PromptPart, file: PyFile): PromptPart {
  const segments = part.segments.flatMap((seg) => {
    if (seg.kind !== 'static' || !HAS_BLOCK.test(seg.text)) return [seg];
    // Each block's own span in the source, where it is written as it reads.
    const source = file.text.slice(seg.span.start, seg.span.end);
    return withTemplatePlaceholders(seg, TEMPLATE_BLOCK, undefined, (m) => {
      const at = source.indexOf(m[0]);
      return at >= 0 ? { start: seg.span.start + at, end: seg.span.start + at + m[0].length } : seg.span;
    });
  });
  return { ...part, segments };
}
