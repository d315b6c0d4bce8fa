// LangChain prompt templates in front of a model: `prompt = ChatPromptTemplate.from_messages([...])`,
// `chain = prompt | llm`, then `chain.invoke({"today": …, "question": q})`. The template's messages are the prompt;
// its `{name}` fields are filled from the invoke input, from `.partial(…)`, or, when nothing says, judged by name.
import type { PromptPart, PromptRole, PromptSegment, Span } from '../../../core/types';
import { fieldPieces, fieldVolatility, splitFields } from '../../../core/langchain-fields';
import { classifyVolatility, computedOnce, HISTORY_NAME } from '../../../core/volatility';
import type { PyFile } from './file-context';
import { dictValue, partFromContent, partsFromMessages, segmentsOf } from './prompt';
import { stringValue } from './strings';
import { callArguments, keyword, positional, unwrap, type Node } from './syntax';
import { AGENT_FACTORIES, wrappedPrompt, wrappedRunnable } from './langchain-runnables';

/** How deep names are followed to their values (`chain` → `prompt | llm` → `prompt` → the template). */
const MAX_HOPS = 3;

type Message =
  | { kind: 'template'; role: PromptRole; text: Node; node: Node }
  | { kind: 'literal'; role: PromptRole; content: Node; node: Node }
  | { kind: 'placeholder'; name: string; node: Node }
  | { kind: 'opaque'; node: Node };

interface Template {
  messages: Message[];
  /** `.partial(today=…)`: values bound to fields before the call. */
  partials: Map<string, Node>;
  /** Built at import time: Python f-string values in its text are computed once, not per request. */
  moduleLevel: boolean;
}

/** What fills a field: an expression of the invoke input, or a runnable of a leading `{"context": retriever, …}` map. */
type Input = Map<string, { value: Node; runnable: boolean }>;

/** The prompt of a LangChain runnable call whose pipe holds a prompt template, or null when it holds none. */
export function templatePromptOf(file: PyFile, call: Node): PromptPart[] | null {
  const callee = call.childForFieldName('function');
  const recv = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
  if (!recv) return null;
  const steps = pipeSteps(file, recv, 0);
  if (steps.length < 2) return null;
  // The template nearest the model is the one whose text it receives.
  let template: Template | null = null;
  let at = -1;
  steps.forEach((step, i) => {
    const t = templateOf(file, step, 0);
    if (t) [template, at] = [t, i];
  });
  if (!template) return null;
  const fields = fieldNames(file, template);
  const input = inputOf(file, call, at > 0 ? steps[0] : null, fields);
  return partsOf(file, template, input);
}

/** The methods that run a LangGraph graph. */
const AGENT_RUN = /^a?(invoke|batch|stream)$/;

/**
 * The `create_react_agent(model, tools, …)` / `create_agent(model, tools, …)` call a run goes through (`agent.invoke(…)`, `agent.astream(…)` on a name
 * bound once to it), or null.
 */
export function prebuiltAgentOf(file: PyFile, call: Node): Node | null {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute' || !AGENT_RUN.test(callee.childForFieldName('attribute')?.text ?? '')) return null;
  const recv = callee.childForFieldName('object');
  const agent = recv ? valueOf(file, unwrap(recv)) : null;
  const made = agent ? unwrap(agent) : null;
  return made?.type === 'call' && AGENT_FACTORIES.has(calleeName(made).name) ? made : null;
}

/**
 * The options that hold an agent's system prompt: `create_agent`'s `system_prompt`, `create_react_agent`'s `prompt`
 * (formerly `state_modifier` / `messages_modifier`), `create_deep_agent`'s `instructions` before deepagents 0.1.
 */
const AGENT_PROMPT_OPTIONS = ['system_prompt', 'prompt', 'state_modifier', 'messages_modifier', 'instructions'];

/**
 * The prompt of a run of LangGraph's prebuilt agent (`agent = create_react_agent(model, tools, prompt="…")`, or
 * LangChain's `create_agent(model, tools, system_prompt="…")`, then
 * `agent.invoke({"messages": [...]})`): every step sends the model the agent's prompt as a system message (when it is
 * text or a `SystemMessage`), then the state's messages, which start from the run's input. Null for other calls; a
 * prompt of another kind (a function, a template) leaves the system part out and unknown. An agent built at import
 * time holds its prompt's values fixed.
 */
export function agentPromptOf(file: PyFile, call: Node, historyNames: Set<string>): PromptPart[] | null {
  const made = prebuiltAgentOf(file, call);
  if (!made) return null;
  const options = made.childForFieldName('arguments');
  const parts: PromptPart[] = [];
  const prompt = AGENT_PROMPT_OPTIONS.map((k) => keyword(options, k)).find((v) => v) ?? null;
  const system = prompt ? systemText(prompt) : null;
  if (system) {
    const part = partFromContent(file, 'system', system, prompt!);
    // An agent built when the module is imported computes its prompt once: its f-string values are fixed for the process.
    parts.push(file.functionAt(made.startIndex) ? part : computedOnce(part));
  }
  else if (prompt) parts.push({ role: 'unknown', span: file.span(prompt), segments: [{ kind: 'dynamic', span: file.span(prompt), text: file.src(prompt), volatility: 'unknown' }] });
  // deepagents appends its own base prompt and its middleware's instructions (catalog DEEPAGENTS.prompt), which differ
  // between releases: a part of unknown size, not counted.
  if (calleeName(made).name === 'create_deep_agent') {
    const at = file.span(prompt ?? made);
    parts.push({ role: 'system', span: at, segments: [{ kind: 'dynamic', span: at, text: 'deepagents base prompt', volatility: 'unknown' }] });
  }
  const input = positional(call.childForFieldName('arguments'), 0) ?? keyword(call.childForFieldName('arguments'), 'input');
  const inputDict = input && unwrap(input).type === 'dictionary' ? unwrap(input) : null;
  const messages = inputDict ? dictValue(file, inputDict, 'messages') : null;
  if (messages) parts.push(...partsFromMessages(file, messages, historyNames));
  else if (input) parts.push({ role: 'unknown', span: file.span(input), segments: [{ kind: 'dynamic', span: file.span(input), text: file.src(input), volatility: 'per-request' }] });
  return parts;
}

/** The text of an agent prompt given as a string or `SystemMessage(content=…)` / `SystemMessage("…")`. */
function systemText(prompt: Node): Node | null {
  const p = unwrap(prompt);
  if (p.type === 'string' || p.type === 'concatenated_string' || p.type === 'identifier' || p.type === 'binary_operator') return p;
  if (p.type !== 'call' || calleeName(p).name !== 'SystemMessage') return null;
  const args = p.childForFieldName('arguments');
  return keyword(args, 'content') ?? positional(args, 0);
}

/** The steps of a `|` pipe, left to right, following names to the pipe they hold. */
export function pipeSteps(file: PyFile, expr: Node, hops = 0): Node[] {
  const e = unwrap(expr);
  if (e.type === 'binary_operator' && e.childForFieldName('operator')?.type === '|') {
    const left = e.childForFieldName('left');
    const right = e.childForFieldName('right');
    return left && right ? [...pipeSteps(file, left, hops), ...pipeSteps(file, right, hops)] : [e];
  }
  if (e.type === 'call') {
    // `create_stuff_documents_chain(llm, prompt)` is `prompt | llm | parser`; `create_retrieval_chain(retriever, docs_chain)`
    // and `RunnableWithMessageHistory(chain, …)` run the chain they wrap.
    const inner = wrappedRunnable(e);
    const prompt = wrappedPrompt(e);
    if (inner && prompt) return [prompt, inner];
    if (inner) return pipeSteps(file, inner, hops);
  }
  if (hops < MAX_HOPS && (e.type === 'identifier' || e.type === 'attribute')) {
    const v = valueOf(file, e);
    const t = v ? unwrap(v).type : null;
    if (v && (t === 'binary_operator' || (t === 'call' && wrappedRunnable(unwrap(v))))) return pipeSteps(file, v, hops + 1);
  }
  return [e];
}

/** The one value a name (or `self.name`) is given: a single assignment in the function, the module or the class. */
function valueOf(file: PyFile, e: Node): Node | null {
  if (e.type === 'identifier') {
    const fn = file.functionAt(e.startIndex);
    if (fn) {
      const local = file.bindingsIn(fn).get(e.text);
      if (local) return local.length === 1 && local[0].kind === 'assign' && local[0].at < e.startIndex ? local[0].value : null;
      if (fn.params.includes(e.text)) return null;
    }
    const values = file.moduleAssigns.get(e.text);
    return values?.length === 1 ? values[0] : null;
  }
  if (e.type === 'attribute') {
    const obj = e.childForFieldName('object');
    const attr = e.childForFieldName('attribute')?.text;
    const fn = file.functionAt(e.startIndex);
    if (obj?.type !== 'identifier' || !attr || !fn?.cls || fn.params[0] !== obj.text) return null;
    const values = file.classAttributes(fn.cls).get(attr);
    return values?.length === 1 ? values[0].value : null;
  }
  return null;
}

function calleeName(call: Node): { name: string; owner: Node | null } {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'attribute') return { name: fn.childForFieldName('attribute')?.text ?? '', owner: fn.childForFieldName('object') };
  return { name: fn?.text ?? '', owner: null };
}

/** A prompt template construction, through names and `.partial(…)`. */
function templateOf(file: PyFile, step: Node, hops: number): Template | null {
  const e = unwrap(step);
  if (e.type === 'identifier' || e.type === 'attribute') {
    const v = hops < MAX_HOPS ? valueOf(file, e) : null;
    return v ? templateOf(file, v, hops + 1) : null;
  }
  if (e.type !== 'call') return null;
  const { name, owner } = calleeName(e);
  const args = e.childForFieldName('arguments');
  const { keywords, positional } = callArguments(args);
  if (name === 'partial' && owner) {
    const base = templateOf(file, owner, hops);
    if (!base) return null;
    const partials = new Map(base.partials);
    for (const k of keywords) partials.set(k.name, k.value);
    return { ...base, partials };
  }
  const format = keywords.find((k) => k.name === 'template_format')?.value;
  if (format && stringValue(unwrap(format), (n) => file.src(n)) !== 'f-string') return null;
  const ownerName = owner ? file.src(owner) : '';
  const moduleLevel = !file.functionAt(e.startIndex);
  const single = (text: Node | undefined): Template | null => (text ? { messages: [{ kind: 'template', role: 'user', text, node: text }], partials: new Map(), moduleLevel } : null);
  if (/^(ChatPromptTemplate|PromptTemplate)$/.test(ownerName.replace(/^.*\./, '')) && name === 'from_template') return single(positional[0] ?? keywords.find((k) => k.name === 'template')?.value);
  if (name === 'PromptTemplate') return single(keywords.find((k) => k.name === 'template')?.value ?? positional[0]);
  const list = name === 'from_messages' && /ChatPromptTemplate$/.test(ownerName) ? (positional[0] ?? keywords.find((k) => k.name === 'messages')?.value) : name === 'ChatPromptTemplate' ? (positional[0] ?? keywords.find((k) => k.name === 'messages')?.value) : undefined;
  if (!list) return null;
  const l = unwrap(list);
  if (l.type !== 'list' && l.type !== 'tuple') return null;
  const messages = l.namedChildren.filter((c) => c.type !== 'comment').map((el) => messageOf(file, unwrap(el)));
  return { messages, partials: new Map(), moduleLevel };
}

const ROLE_OF: Record<string, PromptRole> = { system: 'system', human: 'user', user: 'user', ai: 'assistant', assistant: 'assistant', tool: 'tool' };

function messageOf(file: PyFile, m: Node): Message {
  if ((m.type === 'tuple' || m.type === 'list') && m.namedChildren.filter((c) => c.type !== 'comment').length === 2) {
    const [r, text] = m.namedChildren.filter((c) => c.type !== 'comment');
    const role = stringValue(unwrap(r), (n) => file.src(n));
    if (role === 'placeholder') {
      const v = stringValue(unwrap(text), (n) => file.src(n));
      const name = v ? /^\{(\w+)\}$/.exec(v.trim())?.[1] : undefined;
      return name ? { kind: 'placeholder', name, node: m } : { kind: 'opaque', node: m };
    }
    return role && ROLE_OF[role] ? { kind: 'template', role: ROLE_OF[role], text, node: m } : { kind: 'opaque', node: m };
  }
  if (m.type === 'string' || m.type === 'concatenated_string') return { kind: 'template', role: 'user', text: m, node: m };
  if (m.type !== 'call') return { kind: 'opaque', node: m };
  const { name, owner } = calleeName(m);
  const { keywords, positional } = callArguments(m.childForFieldName('arguments'));
  if (name === 'MessagesPlaceholder') {
    const v = keywords.find((k) => k.name === 'variable_name')?.value ?? positional[0];
    const s = v ? stringValue(unwrap(v), (n) => file.src(n)) : null;
    return s ? { kind: 'placeholder', name: s, node: m } : { kind: 'opaque', node: m };
  }
  const templateClass = owner ? /^(System|Human|AI)MessagePromptTemplate$/.exec(file.src(owner).replace(/^.*\./, '')) : null;
  if (templateClass && name === 'from_template') {
    const text = keywords.find((k) => k.name === 'template')?.value ?? positional[0];
    return text ? { kind: 'template', role: ROLE_OF[templateClass[1].toLowerCase()], text, node: m } : { kind: 'opaque', node: m };
  }
  const messageClass = /^(System|Human|AI)Message$/.exec(name);
  if (messageClass) {
    // A message object is sent as written: its braces are not fields.
    const content = keywords.find((k) => k.name === 'content')?.value ?? positional[0];
    return content ? { kind: 'literal', role: ROLE_OF[messageClass[1].toLowerCase()], content, node: m } : { kind: 'opaque', node: m };
  }
  return { kind: 'opaque', node: m };
}

/** The `{name}` fields the template's texts hold. */
function fieldNames(file: PyFile, t: Template): Set<string> {
  const out = new Set<string>();
  for (const m of t.messages) {
    if (m.kind === 'placeholder') out.add(m.name);
    if (m.kind !== 'template') continue;
    for (const s of segmentsOf(file, m.text).segments) if (s.kind === 'static') for (const piece of splitFields(s.text)) if (piece.field) out.add(piece.field);
  }
  return out;
}

/** The invoke input's fields: a dict literal (or a name holding one), or a leading runnable map. */
function inputOf(file: PyFile, call: Node, leading: Node | null, fields: Set<string>): Input {
  const out: Input = new Map();
  const readDict = (d: Node, runnable: boolean) => {
    for (const pair of d.namedChildren) {
      if (pair.type !== 'pair') continue;
      const k = pair.childForFieldName('key');
      const v = pair.childForFieldName('value');
      const key = k ? stringValue(unwrap(k), (n) => file.src(n)) : null;
      if (key && v) out.set(key, { value: v, runnable });
    }
  };
  const lead = leading ? unwrap(leading) : null;
  if (lead?.type === 'dictionary') readDict(lead, true);
  const { keywords, positional } = callArguments(call.childForFieldName('arguments'));
  const arg = positional[0] ?? keywords.find((k) => k.name === 'input')?.value;
  if (!arg || lead) return out;
  let a = unwrap(arg);
  if (a.type === 'identifier') a = unwrap(valueOf(file, a) ?? a);
  if (a.type === 'dictionary') readDict(a, false);
  else if (a.type === 'call' && calleeName(a).name === 'dict') for (const k of callArguments(a.childForFieldName('arguments')).keywords) out.set(k.name, { value: k.value, runnable: false });
  else if (fields.size === 1) out.set([...fields][0], { value: arg, runnable: false });
  return out;
}

function partsOf(file: PyFile, t: Template, input: Input): PromptPart[] {
  return t.messages.map((m): PromptPart => {
    const span = file.span(m.node);
    switch (m.kind) {
      case 'placeholder': {
        const given = input.get(m.name);
        const seg: PromptSegment = { kind: 'dynamic', span: given ? file.span(given.value) : span, text: given ? file.src(given.value) : m.name, volatility: 'per-request' };
        if (HISTORY_NAME.test(m.name)) seg.origin = 'history';
        return { role: 'unknown', span, segments: [seg] };
      }
      case 'literal':
        return partFromContent(file, m.role, m.content, m.node);
      case 'opaque':
        return { role: 'unknown', span, segments: [{ kind: 'dynamic', span, text: file.src(m.node), volatility: 'per-request' }] };
      case 'template':
        return { role: m.role, span, segments: templateSegments(file, t, m.text, input) };
    }
  });
}

/** A template text as LangChain formats it: the Python value of the text, its `{name}` fields filled. */
function templateSegments(file: PyFile, t: Template, text: Node, input: Input): PromptSegment[] {
  const out: PromptSegment[] = [];
  for (const seg of segmentsOf(file, text).segments) {
    if (seg.kind === 'dynamic') {
      // An f-string value in a template built at import time is computed once: stable text, whatever it is.
      out.push(t.moduleLevel ? { kind: 'static', text: seg.text, span: seg.span } : seg);
      continue;
    }
    for (const piece of fieldPieces(seg.text, seg.span, file.text.slice(seg.span.start, seg.span.end))) {
      if (piece.field) out.push(...fieldSegments(file, t, piece.field, piece.span, input));
      else out.push({ kind: 'static', text: piece.text, span: piece.span });
    }
  }
  return out;
}

/** What a field holds, as segments. */
function fieldSegments(file: PyFile, t: Template, field: string, span: Span, input: Input): PromptSegment[] {
  const given = input.get(field);
  if (given && !given.runnable) return segmentsOf(file, given.value).segments;
  if (given) return [{ kind: 'dynamic', span: file.span(given.value), text: file.src(given.value), volatility: fieldVolatility(file.src(given.value), field) }];
  const partial = t.partials.get(field);
  if (partial) {
    const p = unwrap(partial);
    // `partial(today=get_today)`: called on every format. `partial(today=date.today())`: computed once, at import time
    // when the template is built there.
    // A name is a function only when one is defined under it; `now = …strftime(…)` then `partial(current_time=now)`
    // hands over a value.
    const callable = p.type === 'lambda' || p.type === 'attribute' || (p.type === 'identifier' && (file.moduleDefs.has(p.text) || !valueOf(file, p)));
    if (callable) return [{ kind: 'dynamic', span, text: file.src(p), volatility: fieldVolatility(file.src(p), field) }];
    if (t.moduleLevel && !file.functionAt(p.startIndex)) return [{ kind: 'static', text: file.src(p), span }];
    return segmentsOf(file, p).segments;
  }
  return [{ kind: 'dynamic', span, text: field, volatility: classifyVolatility(field) }];
}
