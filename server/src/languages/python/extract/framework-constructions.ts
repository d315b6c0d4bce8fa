// Framework objects that every request sends through, reported at their construction: a DSPy LM (`dspy.LM(…)`), a
// smolagents API model (`LiteLLMModel(…)`). Their keywords are those of every request; which requests stream, what
// reads their usage and what retries them belong to the programs and agents run with them, and are not followed.
import { escapeRegExp } from '../../../core/text';
import type { ArgsFact, LlmCallSite, Provider, Sdk } from '../../../core/types';
import type { CallSiteEnv } from './call-sites';
import { functionRef } from './call-sites';
import type { PyFile } from './file-context';
import { resolveExpr } from './resolve';
import { stringValue } from './strings';
import { keyword, positional, unwrap, type Node } from './syntax';
import { callOfName, nodesMatching } from './text-search';
import { callArgs, envRead } from './values';

/**
 * The calls of a framework's classes in the file, found by text (`Agent(`, or the name a class is imported as) and
 * kept when the callee resolves to an external name matching `qualified` (`crewai.Agent`, `dspy.LM`): each call with
 * its callee and that name. Callers gate this on a cheap test that the file imports the framework.
 */
export function frameworkClassCalls(file: PyFile, classNames: readonly string[], qualified: RegExp): Array<{ call: Node; callee: Node; qualified: string }> {
  const names = new Set(classNames);
  for (const b of file.imports.values()) if (b.name && classNames.includes(b.name)) names.add(b.local);
  const re = new RegExp(`(?<![\\w])(${[...names].map(escapeRegExp).join('|')})\\s*\\(`, 'dg');
  const out: Array<{ call: Node; callee: Node; qualified: string }> = [];
  for (const call of nodesMatching(file, re, 1, callOfName)) {
    const callee = call.childForFieldName('function');
    const r = callee ? resolveExpr(file, callee) : null;
    if (callee && r?.kind === 'external' && qualified.test(r.qualified)) out.push({ call, callee, qualified: r.qualified });
  }
  return out;
}

/** What a framework says of its construction: where its requests go, and what else the site carries. */
export interface ConstructionKind {
  provider: Provider;
  sdk: Sdk;
  method: string;
  /** Callbacks given to the object run around each of its requests and may trace them. */
  callbacksMayTrace?: true;
}

/**
 * The construction `call` (of `callee`) as an agent-style call site (`agent: true`): its model from the keyword
 * `modelKeyword` or the first argument, the rest from `kind`.
 */
export function frameworkConstructionSite(call: Node, callee: Node, env: CallSiteEnv, modelKeyword: string, kind: (args: ArgsFact, model: LlmCallSite['model']) => ConstructionKind): LlmCallSite {
  const { file } = env;
  const args = callArgs(file, call);
  const argsNode = call.childForFieldName('arguments');
  const modelNode = keyword(argsNode, modelKeyword) ?? positional(argsNode, 0);
  const model = modelNode ? lmModel(file, modelNode) : { value: null, literal: false };
  const { provider, sdk, method, callbacksMayTrace } = kind(args, model);
  // No span wraps a construction; the frameworks' own instrumentations are read by untraced-llm-call. DSPy: usage is
  // the programs'; smolagents reads each response's usage itself (catalog SMOLAGENTS.usage).
  return constructionSite(call, callee, env, { provider, sdk, method, model, args, retries: [], inSpan: false }, callbacksMayTrace ? { callbacksMayTrace } : {});
}

/**
 * A construction as the call site of every request made through what it builds (`agent: true`, usage read by the
 * runs): the site's fields but those the framework decides, which are `decided`, and `extra` ones.
 */
export function constructionSite(
  call: Node,
  callee: Node,
  env: CallSiteEnv,
  decided: Pick<LlmCallSite, 'provider' | 'sdk' | 'method' | 'model' | 'args' | 'retries' | 'inSpan'>,
  extra: Partial<LlmCallSite>,
): LlmCallSite {
  const { file } = env;
  const fn = file.functionAt(call.startIndex);
  const nameNode = callee.type === 'attribute' ? (callee.childForFieldName('attribute') ?? callee) : callee;
  const { provider, sdk, method, model, args, retries, inSpan } = decided;
  return {
    id: `${file.path}#${file.span(call).start}`,
    path: file.path,
    language: 'python',
    span: file.span(call),
    nameSpan: file.span(nameNode),
    provider,
    sdk,
    method,
    model,
    // Each run decides whether it streams and what reads its usage.
    streaming: null,
    args,
    prompt: [],
    maxOutputTokens: null,
    client: null,
    enclosingFunction: fn ? functionRef(file, fn, env.reasons) : null,
    retries,
    inSpan,
    agent: true,
    ...extra,
    usage: 'unknown',
  };
}

/** The model string: written in place or in a module constant (`literal`), or only an environment read's default. */
function lmModel(file: PyFile, node: Node): LlmCallSite['model'] {
  const e = unwrap(node);
  const span = file.span(e);
  const literal = stringValue(e, (n) => file.src(n));
  // LiteLLM routes by the prefix (`openai/…`, `gemini/…`): a variable holding the bare id would lose the route.
  if (literal !== null) return { value: literal, span, literal: true, ...(literal.includes('/') ? { routed: true } : {}) };
  // `os.getenv("DSPY_MODEL", "openai/gpt-4o-mini")` in place: the default is a model, not a hardcoded one.
  const inPlace = e.type === 'call' ? envRead(file, e)?.fallback : undefined;
  const fallback = inPlace ? stringValue(unwrap(inPlace), (n) => file.src(n)) : null;
  if (fallback !== null) return { value: fallback, span, literal: false };
  if (e.type === 'identifier' || e.type === 'attribute') {
    const r = resolveExpr(file, e);
    if (r.kind === 'string') return { value: r.value, span, literal: true };
    if (r.kind === 'node') {
      const s = stringValue(r.node, (n) => r.file.src(n));
      if (s !== null) return { value: s, span, literal: true };
      const fb = envRead(r.file, r.node)?.fallback;
      const v = fb ? stringValue(unwrap(fb), (n) => r.file.src(n)) : null;
      if (v !== null) return { value: v, span, literal: false };
    }
  }
  return { value: null, span, literal: false };
}

/** `agent = Agent(…)` / `self.agent = Agent(…)` / `agent: Agent = Agent(…)`: the name's text. */
export function boundName(call: Node): string | null {
  let holder = call;
  while (holder.parent?.type === 'parenthesized_expression') holder = holder.parent;
  const asg = holder.parent;
  if (asg?.type !== 'assignment' || asg.childForFieldName('right')?.id !== holder.id) return null;
  const left = asg.childForFieldName('left');
  if (left?.type === 'identifier') return left.text;
  return left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self' ? left.text : null;
}

/** A function given as a value (`instructions=dynamic_instructions`, a lambda): what it returns is computed per call. */
export function namesFunction(file: PyFile, node: Node): boolean {
  const e = unwrap(node);
  if (e.type === 'lambda') return true;
  if (e.type !== 'identifier' && e.type !== 'attribute') return false;
  const r = resolveExpr(file, e);
  if (r.kind === 'function') return true;
  return r.kind === 'node' && (r.node.type === 'function_definition' || r.node.type === 'decorated_definition' || r.node.type === 'lambda' || r.node.parent?.type === 'function_definition');
}
