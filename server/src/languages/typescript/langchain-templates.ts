// LangChain.js prompt templates in front of a model: `const prompt = ChatPromptTemplate.fromMessages([...])`,
// `const chain = prompt.pipe(model)` (or `RunnableSequence.from([prompt, model])`), then `chain.invoke({ date, input })`.
// The template's messages are the prompt; its `{name}` fields are filled from the invoke input, from `.partial(…)`,
// or, when nothing says, judged by their name. Mirrors the Python front end's langchain-templates.ts.
import { ts } from './compiler';
import type { PromptPart, PromptRole, PromptSegment, Span } from '../../core/types';
import { fieldPieces, fieldVolatility, splitFields } from '../../core/langchain-fields';
import { classifyVolatility, computedOnce, HISTORY_NAME } from '../../core/volatility';
import { enclosingFunction, propertyNameText, spanOf, unwrap } from './ast';
import type { FileContext } from './file-context';
import { isImportRef } from './resolve';
import { chainFactoryOf } from './langchain-chain-factories';
import { partFromContent, partsFromMessages, prop, segmentsOf } from './prompt';

/** How deep names are followed to their values (`chain` → `prompt.pipe(model)` → `prompt` → the template). */
const MAX_HOPS = 3;

type Message =
  | { kind: 'template'; role: PromptRole; text: ts.Expression; node: ts.Node }
  | { kind: 'literal'; role: PromptRole; content: ts.Expression; node: ts.Node }
  | { kind: 'placeholder'; name: string; node: ts.Node }
  | { kind: 'opaque'; node: ts.Node };

interface Template {
  messages: Message[];
  /** `await prompt.partial({ date: … })`: values bound to fields before the call. */
  partials: Map<string, ts.Expression>;
  /** Built at import time: `${…}` values in its text are computed once, not per request. */
  moduleLevel: boolean;
}

/** What fills a field: an expression of the invoke input, or a runnable of a leading `{ date: () => …, … }` map. */
type Input = Map<string, { value: ts.Expression; runnable: boolean }>;

const ROLE_OF: Record<string, PromptRole> = { system: 'system', human: 'user', user: 'user', ai: 'assistant', assistant: 'assistant', tool: 'tool' };

/**
 * The options of an agent factory that hold its system prompt: LangChain 1.0's `createAgent({ systemPrompt })`,
 * LangGraph's `createReactAgent({ prompt })` (formerly `stateModifier` / `messageModifier`).
 */
const AGENT_PROMPT_OPTIONS = ['systemPrompt', 'prompt', 'stateModifier', 'messageModifier'];

/**
 * The prompt of an agent's run (`agent.invoke({ messages: [...] })` on `createAgent({ model, systemPrompt: … })` or
 * `createReactAgent({ llm, prompt: … })` written in this file): every step sends the agent's prompt as a system
 * message when it is text or a `new SystemMessage(…)`, then the state's messages, which start from the run's input.
 * Null when the options are not an object literal; a prompt of another kind (a function, a template) is left out.
 * An agent built at module level holds its prompt's values fixed.
 */
export function agentPromptOf(options: ts.Expression, call: ts.CallExpression, ctx: FileContext, historyNames: Set<string>): PromptPart[] | null {
  const opts = unwrap(options);
  if (!ts.isObjectLiteralExpression(opts)) return null;
  const parts: PromptPart[] = [];
  const prompt = AGENT_PROMPT_OPTIONS.map((k) => prop(opts, k)).find((v) => v);
  const system = prompt ? agentSystemText(prompt) : null;
  if (system) {
    const part = partFromContent('system', system, ctx, prompt!);
    // An agent built when the module loads computes its prompt once: its `${…}` values are fixed for the process.
    parts.push(enclosingFunction(opts) ? part : computedOnce(part));
  }
  const input = call.arguments[0] && unwrap(call.arguments[0]);
  const messages = input && ts.isObjectLiteralExpression(input) ? prop(input, 'messages') : undefined;
  if (messages) parts.push(...partsFromMessages(messages, ctx, historyNames));
  return parts;
}

/** The text of an agent prompt given as a string (a literal, a template, a name) or `new SystemMessage(text)`. */
function agentSystemText(prompt: ts.Expression): ts.Expression | null {
  const p = unwrap(prompt);
  if (ts.isStringLiteral(p) || ts.isNoSubstitutionTemplateLiteral(p) || ts.isTemplateExpression(p) || ts.isIdentifier(p) || ts.isBinaryExpression(p)) return p;
  if (!ts.isNewExpression(p) || !ts.isIdentifier(p.expression) || p.expression.text !== 'SystemMessage') return null;
  const arg = p.arguments?.[0] && unwrap(p.arguments[0]);
  if (!arg) return null;
  return ts.isObjectLiteralExpression(arg) ? (prop(arg, 'content') ?? null) : arg;
}

/** The prompt of a LangChain runnable call whose chain holds a prompt template, or null when it holds none. */
export function templatePromptOf(call: ts.CallExpression, ctx: FileContext): PromptPart[] | null {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const steps = pipeSteps(callee.expression, ctx, 0);
  if (steps.length < 2) return null;
  let template: Template | null = null;
  let at = -1;
  steps.forEach((step, i) => {
    const t = templateOf(step, ctx, 0);
    if (t) [template, at] = [t, i];
  });
  if (!template) return null;
  const t: Template = template;
  const input = inputOf(call, at > 0 ? steps[0] : null, fieldNames(t, ctx), ctx);
  return t.messages.map((m) => partOf(m, t, input, ctx));
}

/** The steps of `a.pipe(b).pipe(c)`, `RunnableSequence.from([a, b, c])` or a chain factory, following names to what they hold. */
function pipeSteps(expr: ts.Expression, ctx: FileContext, hops: number): ts.Expression[] {
  const e = unwrap(expr);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const method = e.expression.name.text;
    if (method === 'pipe' && e.arguments[0]) return [...pipeSteps(e.expression.expression, ctx, hops), ...pipeSteps(e.arguments[0], ctx, hops)];
    const list = e.arguments[0] ? unwrap(e.arguments[0]) : undefined;
    if (method === 'from' && /RunnableSequence$/.test(e.expression.expression.getText(ctx.sf)) && list && ts.isArrayLiteralExpression(list)) {
      return list.elements.flatMap((el) => pipeSteps(el, ctx, hops));
    }
  }
  // `createStuffDocumentsChain({ llm, prompt })` is `prompt` then `llm`; `createRetrievalChain` runs its documents chain.
  const factory = chainFactoryOf(e, ctx);
  if (factory?.prompt) return [...pipeSteps(factory.prompt, ctx, hops), ...pipeSteps(factory.runnable, ctx, hops)];
  if (factory) return pipeSteps(factory.runnable, ctx, hops);
  if (ts.isIdentifier(e) && hops < MAX_HOPS) {
    const v = valueOf(e, ctx);
    if (v && ts.isCallExpression(unwrap(v))) {
      const inner = pipeSteps(v, ctx, hops + 1);
      if (inner.length > 1) return inner;
    }
  }
  return [e];
}

/** The value a `const` (or a `let` given once) of this file holds. */
function valueOf(id: ts.Identifier, ctx: FileContext): ts.Expression | null {
  const decl = ctx.declarationOf(id);
  if (!decl || isImportRef(decl) || !ts.isVariableDeclaration(decl as ts.Node)) return null;
  const v = decl as ts.VariableDeclaration;
  return v.initializer ?? null;
}

function calleeParts(call: ts.CallExpression | ts.NewExpression, ctx: FileContext): { name: string; owner: string } {
  const c = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(c)) return { name: c.name.text, owner: c.expression.getText(ctx.sf).replace(/^.*\./, '') };
  return { name: c.getText(ctx.sf), owner: '' };
}

/** An object literal's properties by name (`{ date: … }`, shorthand `{ input }`). */
function propertiesOf(obj: ts.ObjectLiteralExpression): Map<string, ts.Expression> | null {
  const out = new Map<string, ts.Expression>();
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p)) {
      const key = propertyNameText(p.name);
      if (key !== null) out.set(key, p.initializer);
    } else if (ts.isShorthandPropertyAssignment(p)) out.set(p.name.text, p.name);
    else return null;
  }
  return out;
}

/** A prompt template construction, through names, `await` and `.partial(…)`. */
function templateOf(step: ts.Expression, ctx: FileContext, hops: number): Template | null {
  const e = unwrap(step);
  if (ts.isAwaitExpression(e)) return templateOf(e.expression, ctx, hops);
  if (ts.isIdentifier(e)) {
    const v = hops < MAX_HOPS ? valueOf(e, ctx) : null;
    return v ? templateOf(v, ctx, hops + 1) : null;
  }
  if (ts.isNewExpression(e) && /PromptTemplate$/.test(e.expression.getText(ctx.sf))) {
    // `new PromptTemplate({ template, inputVariables })`
    const opts = e.arguments?.[0] ? unwrap(e.arguments[0]) : undefined;
    const props = opts && ts.isObjectLiteralExpression(opts) ? propertiesOf(opts) : null;
    const text = props?.get('template');
    if (!text || notFString(props)) return null;
    return { messages: [{ kind: 'template', role: 'user', text, node: text }], partials: new Map(), moduleLevel: !enclosingFunction(e) };
  }
  if (!ts.isCallExpression(e)) return null;
  const { name, owner } = calleeParts(e, ctx);
  if (name === 'partial' && ts.isPropertyAccessExpression(unwrap(e.expression))) {
    const base = templateOf((unwrap(e.expression) as ts.PropertyAccessExpression).expression, ctx, hops);
    const arg = e.arguments[0] ? unwrap(e.arguments[0]) : undefined;
    const props = arg && ts.isObjectLiteralExpression(arg) ? propertiesOf(arg) : null;
    if (!base || !props) return base;
    return { ...base, partials: new Map([...base.partials, ...props]) };
  }
  const moduleLevel = !enclosingFunction(e);
  const second = e.arguments[1] ? unwrap(e.arguments[1]) : undefined;
  if (second && ts.isObjectLiteralExpression(second) && notFString(propertiesOf(second))) return null;
  const first = e.arguments[0];
  if (!first) return null;
  if (name === 'fromTemplate' && /^(ChatPromptTemplate|PromptTemplate)$/.test(owner)) {
    return { messages: [{ kind: 'template', role: 'user', text: first, node: first }], partials: new Map(), moduleLevel };
  }
  const list = unwrap(first);
  if (name !== 'fromMessages' || owner !== 'ChatPromptTemplate' || !ts.isArrayLiteralExpression(list)) return null;
  return { messages: list.elements.map((el) => messageOf(unwrap(el), ctx)), partials: new Map(), moduleLevel };
}

/** `templateFormat: 'mustache'` (or anything but f-string) is another syntax: not read. */
function notFString(props: Map<string, ts.Expression> | null | undefined): boolean {
  const f = props?.get('templateFormat');
  return !!f && !(ts.isStringLiteral(unwrap(f)) && (unwrap(f) as ts.StringLiteral).text === 'f-string');
}

function messageOf(m: ts.Expression, ctx: FileContext): Message {
  if (ts.isArrayLiteralExpression(m) && m.elements.length === 2) {
    const r = unwrap(m.elements[0]);
    const role = ts.isStringLiteral(r) || ts.isNoSubstitutionTemplateLiteral(r) ? r.text : null;
    const text = m.elements[1];
    if (role === 'placeholder') {
      const v = unwrap(text);
      const name = ts.isStringLiteral(v) || ts.isNoSubstitutionTemplateLiteral(v) ? /^\{(\w+)\}$/.exec(v.text.trim())?.[1] : undefined;
      return name ? { kind: 'placeholder', name, node: m } : { kind: 'opaque', node: m };
    }
    return role && ROLE_OF[role] ? { kind: 'template', role: ROLE_OF[role], text, node: m } : { kind: 'opaque', node: m };
  }
  if (ts.isStringLiteral(m) || ts.isNoSubstitutionTemplateLiteral(m) || ts.isTemplateExpression(m)) return { kind: 'template', role: 'user', text: m, node: m };
  if (ts.isNewExpression(m) || ts.isCallExpression(m)) {
    const { name, owner } = calleeParts(m, ctx);
    const args = m.arguments ?? ts.factory.createNodeArray<ts.Expression>();
    const first = args[0] ? unwrap(args[0]) : undefined;
    if (ts.isNewExpression(m) && name === 'MessagesPlaceholder' && first) {
      const v = ts.isObjectLiteralExpression(first) ? propertiesOf(first)?.get('variableName') : first;
      const s = v && (ts.isStringLiteral(unwrap(v)) || ts.isNoSubstitutionTemplateLiteral(unwrap(v))) ? (unwrap(v) as ts.StringLiteral).text : null;
      return s ? { kind: 'placeholder', name: s, node: m } : { kind: 'opaque', node: m };
    }
    const templateClass = /^(System|Human|AI)MessagePromptTemplate$/.exec(owner);
    if (ts.isCallExpression(m) && templateClass && name === 'fromTemplate' && first) {
      return { kind: 'template', role: ROLE_OF[templateClass[1].toLowerCase()], text: args[0], node: m };
    }
    const messageClass = ts.isNewExpression(m) ? /^(System|Human|AI)Message$/.exec(name) : null;
    if (messageClass && first) {
      // A message object is sent as written: its braces are not fields.
      const content = ts.isObjectLiteralExpression(first) ? (propertiesOf(first)?.get('content') ?? first) : args[0];
      return { kind: 'literal', role: ROLE_OF[messageClass[1].toLowerCase()], content, node: m };
    }
  }
  return { kind: 'opaque', node: m };
}

/** The `{name}` fields the template's texts hold. */
function fieldNames(t: Template, ctx: FileContext): Set<string> {
  const out = new Set<string>();
  for (const m of t.messages) {
    if (m.kind === 'placeholder') out.add(m.name);
    if (m.kind !== 'template') continue;
    for (const s of segmentsOf(m.text, ctx).segments) if (s.kind === 'static') for (const piece of splitFields(s.text)) if (piece.field) out.add(piece.field);
  }
  return out;
}

/** The invoke input's fields: an object literal (or a const holding one), or a leading runnable map. */
function inputOf(call: ts.CallExpression, leading: ts.Expression | null, fields: Set<string>, ctx: FileContext): Input {
  const out: Input = new Map();
  const lead = leading ? unwrap(leading) : null;
  if (lead && ts.isObjectLiteralExpression(lead)) {
    for (const [k, v] of propertiesOf(lead) ?? []) out.set(k, { value: v, runnable: true });
    return out;
  }
  const arg = call.arguments[0];
  if (!arg) return out;
  let a = unwrap(arg);
  if (ts.isIdentifier(a)) a = unwrap(valueOf(a, ctx) ?? a);
  if (ts.isObjectLiteralExpression(a)) for (const [k, v] of propertiesOf(a) ?? []) out.set(k, { value: v, runnable: false });
  else if (fields.size === 1) out.set([...fields][0], { value: arg, runnable: false });
  return out;
}

function partOf(m: Message, t: Template, input: Input, ctx: FileContext): PromptPart {
  const span = spanOf(m.node, ctx.sf);
  switch (m.kind) {
    case 'placeholder': {
      const given = input.get(m.name);
      const seg: PromptSegment = { kind: 'dynamic', span: given ? spanOf(given.value, ctx.sf) : span, text: given ? given.value.getText(ctx.sf) : m.name, volatility: 'per-request' };
      if (HISTORY_NAME.test(m.name)) seg.origin = 'history';
      return { role: 'unknown', span, segments: [seg] };
    }
    case 'literal':
      return partFromContent(m.role, m.content, ctx, m.node);
    case 'opaque':
      return { role: 'unknown', span, segments: [{ kind: 'dynamic', span, text: m.node.getText(ctx.sf), volatility: 'per-request' }] };
    case 'template':
      return { role: m.role, span, segments: templateSegments(m.text, t, input, ctx) };
  }
}

/** A template text as LangChain formats it: the JS value of the text, its `{name}` fields filled. */
function templateSegments(text: ts.Expression, t: Template, input: Input, ctx: FileContext): PromptSegment[] {
  const out: PromptSegment[] = [];
  for (const seg of segmentsOf(text, ctx).segments) {
    if (seg.kind === 'dynamic') {
      // A `${…}` value in a template built at import time is computed once: stable text, whatever it is.
      out.push(t.moduleLevel ? { kind: 'static', text: seg.text, span: seg.span } : seg);
      continue;
    }
    for (const piece of fieldPieces(seg.text, seg.span, ctx.text.slice(seg.span.start, seg.span.end))) {
      if (piece.field) out.push(...fieldSegments(piece.field, piece.span, t, input, ctx));
      else out.push({ kind: 'static', text: piece.text, span: piece.span });
    }
  }
  return out;
}

/** What a field holds, as segments. */
function fieldSegments(field: string, span: Span, t: Template, input: Input, ctx: FileContext): PromptSegment[] {
  const given = input.get(field);
  if (given && !given.runnable) return segmentsOf(given.value, ctx).segments;
  if (given) return [{ kind: 'dynamic', span: spanOf(given.value, ctx.sf), text: given.value.getText(ctx.sf), volatility: fieldVolatility(given.value.getText(ctx.sf), field) }];
  const partial = t.partials.get(field);
  if (partial) {
    const p = unwrap(partial);
    // `partial({ date: () => new Date().toISOString() })` is called on every format; a value is computed once.
    if (ts.isArrowFunction(p) || ts.isFunctionExpression(p)) return [{ kind: 'dynamic', span, text: p.getText(ctx.sf), volatility: fieldVolatility(p.getText(ctx.sf), field) }];
    if (t.moduleLevel && !enclosingFunction(p)) return [{ kind: 'static', text: p.getText(ctx.sf), span }];
    return segmentsOf(p, ctx).segments;
  }
  return [{ kind: 'dynamic', span, text: field, volatility: classifyVolatility(field) }];
}
