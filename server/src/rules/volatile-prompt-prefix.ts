import * as path from 'node:path';
import { defineRule } from '../core/rule';
import { cacheMinimum } from '../core/catalog/models';
import { countTokens, tokensAtMost } from '../core/tokens';
import type { Fix, LlmCallSite, PromptPart, PromptSegment, TextEdit } from '../core/types';

interface Options {
  /** Static characters that must follow the volatile value (in the system prompt / first messages) before it matters. */
  minStaticCharsAfter: number;
}

type DynamicSegment = Extract<PromptSegment, { kind: 'dynamic' }>;

const LABELS: Record<string, string> = { time: 'Timestamp', random: 'Random value', 'request-id': 'Request id' };
const VOLATILE = new Set(['time', 'random', 'request-id']);

/** The parts a provider's prefix cache sees first: everything up to and including the first user message, minus tools. */
function leadingParts(site: LlmCallSite): PromptPart[] {
  const out: PromptPart[] = [];
  for (const part of site.prompt) {
    if (part.role === 'tools') continue;
    out.push(part);
    if (part.role === 'user') break;
  }
  return out;
}

function isHistory(part: PromptPart): boolean {
  return part.source?.kind === 'history' || part.segments.some((s) => s.kind === 'dynamic' && s.origin === 'history');
}

/**
 * The model's minimum cacheable prefix, when a single-turn prompt's static text stays below it: such a prompt is not
 * cached today, timestamp or not (OpenAI caches prompts of 1,024 tokens or more), so moving the value saves nothing
 * until the prompt grows. A conversation is different: each turn re-sends the earlier ones, which pass the minimum.
 */
function unreachedCacheMinimum(site: LlmCallSite): number | null {
  const minimum = cacheMinimum(site.model.literal ? site.model.value : null, site.provider);
  if (!minimum || site.args.hasSpread || site.prompt.some(isHistory)) return null;
  // Only the request's own input (the last message) may be unknown text: a constant read from a file, a retrieved
  // document or a template field ahead of it can be as long as anything, and stable.
  const last = site.prompt[site.prompt.length - 1];
  const unknownLength = (s: PromptSegment) => s.kind !== 'static' && !(s.kind === 'dynamic' && VOLATILE.has(s.volatility));
  if (site.prompt.some((p) => p !== last && p.segments.some(unknownLength))) return null;
  const text = site.prompt.flatMap((p) => p.segments.map((s) => (s.kind === 'static' ? s.text : ''))).join('');
  if (tokensAtMost(text, site.model.value, site.provider) < minimum.tokens) return minimum.tokens;
  return countTokens(text, site.model.value, site.provider).tokens < minimum.tokens ? minimum.tokens : null;
}

function staticCharsAfter(parts: PromptPart[], partIndex: number, segIndex: number): string {
  let text = '';
  parts.forEach((p, pi) => {
    p.segments.forEach((s, si) => {
      if (s.kind === 'static' && (pi > partIndex || (pi === partIndex && si > segIndex))) text += s.text;
    });
  });
  return text;
}

export default defineRule<Options>({
  id: 'volatile-prompt-prefix',
  family: 'context',
  severity: 'warning',
  fixable: 'unsafe',
  languages: ['typescript', 'javascript', 'python'],
  defaultOptions: { minStaticCharsAfter: 200 },
  docs: {
    summary: 'A timestamp, random id or request id is interpolated ahead of static prompt text, so the provider prefix cache misses on every request',
    why: [
      'Provider prompt caches match on an exact **prefix**. OpenAI caches prompts of 1,024 tokens or more automatically (hits in 128-token increments, cached input at a 50–90 % discount depending on the model); Anthropic cache reads cost 0.1× the base input price. A value that changes on every request — `new Date().toISOString()`, `crypto.randomUUID()`, a request or session id — placed *before* the static instructions makes every request a different prefix, so nothing after it is ever read from the cache.',
      '',
      "This is the most common cause of a collapsed cache hit rate: OpenAI's caching guide notes that \"customers accidentally invalidate their cache by including a timestamp early in their request\", and one agent project reported its hit ratio falling from about 94 % to about 15 % (daily cost about 13×) after a timestamp moved into the system prompt.",
      '',
      'The prompt is read where it is written: in the `messages` literal, in a module constant, in a function whose body returns it (of the same module, or imported from another module of the workspace: the finding then sits on the call and names the function, and the argument passed for a parameter the text reads counts as that parameter), or in a local variable assigned once before the call (`system = f"Now: {datetime.now()}…"`, ``const system = `Now: ${…}…` ``, also from such a function: `system = build_prompt(user)`). A module constant is computed once, when the module loads, so a timestamp in it is not reported, except in a Streamlit script (`streamlit run app.py`), which runs its module-level code again on every interaction: there a constant of the script built with a timestamp is a new text each time (one set inside an `if "…" not in st.session_state:` block is set once per session). No fix is offered for the constant.',
      '',
      'In Python, a prompt that differs by path is judged path by path: a function with several `return`s of text (`if custom: return f"Date: {datetime.now()}…{BASE}"` / `return BASE`), and a local assigned text in the branches of an `if` before the call. When one path puts the value ahead of the static text, every request on that path misses the cache, so it is reported (with the same severity), naming the `return` or assignment by its line. An assignment replaced on every path before the call, or one that extends the variable (`system = system + …`), is not a path of its own; a local whose paths are all static text is read as before.',
      '',
      'LangChain prompt templates are read too: `ChatPromptTemplate.from_messages([...])` / `fromMessages`, `from_template(…)` / `fromTemplate`, and `PromptTemplate` piped into a chat model (`prompt | llm` in Python, through names and `self.` attributes; `prompt.pipe(llm)` or `RunnableSequence.from([prompt, llm])` in TypeScript), with each `{field}` taken from the `invoke` input, a leading `{"field": runnable}` map or `.partial(…)`, else judged by its name (`{current_time}`, `{user_id}`). A template built at import time holds its f-string / `${…}` values fixed, and a value (not a function) given to `.partial()` there is computed once. Mustache and Jinja templates are not read. The `prompt` of LangGraph\'s prebuilt agent (`create_react_agent(model, tools, prompt=f"…")`, `createReactAgent({ llm, prompt })`) and the `system_prompt` of LangChain\'s `create_agent(…)` (`createAgent({ model, systemPrompt })`), a string or a `SystemMessage`, is the system prompt of every step of their runs; an agent built when its module loads computes that text once. So are the `instructions` of an OpenAI Agents SDK agent (`Agent(instructions=f"…")`, `new Agent({ instructions })`) and pydantic-ai\'s `instructions=` / `system_prompt=`, sent first in every model request of their runs; an instructions function is text computed per run and is not read. So is a Google ADK agent\'s `global_instruction=` and `instruction=` (`Agent(…)` / `LlmAgent(…)` from `google.adk.agents`) when it is text; the `{key}` placeholders ADK fills from the session state on each request are per-user values, not a clock, and a callable instruction is not read.',
      '',
      'Today\'s date alone (`date.today()`, `strftime("%Y-%m-%d")`, `toLocaleDateString()`, `toISOString().slice(0, 10)`, a name like `today` or `current_date`) is not reported: it changes once a day, so the prefix behind it is still read from the cache for the rest of the day. A time of day anywhere in the value (`%H`, `HH:mm`, `isoformat()` of a datetime) makes it a timestamp.',
      '',
      "A single-turn prompt (no conversation history, and no text of unknown length ahead of the request's own message: a constant read from a file, a retrieved document, a template field) whose static text is below the model's minimum cacheable prefix (1,024 tokens on OpenAI; Anthropic's and Gemini's per model, from the catalogue) is not cached today with or without the value: the finding is then information, saying so. It stays a warning for a conversation, whose earlier turns are re-sent every turn and pass the minimum on their own, for a prompt past the minimum, and for a model whose minimum is not known.",
      '',
      'Put the volatile value at the end of the prompt (the end of the system prompt, or the last user message), or send it as request metadata. The fix moves the sentence or line that contains the value to the end of the same string literal; it changes where the model reads the value, so it is offered as an unsafe fix.',
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        code: `import OpenAI from 'openai';

const openai = new OpenAI({ timeout: 30_000 });

export async function answer(question: string) {
  const res = await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      {
        role: 'system',
        content: \`Current time: \${new Date().toISOString()}.
You are the support assistant for Acme Cloud Storage. Answer questions about plans, invoices, refunds, storage limits and the sync client.
Never ask for passwords or one-time codes. Keep answers under 180 words and start with the answer, then the steps.
Hand off to a human agent for account deletion, ownership transfers or suspected fraud.\`,
      },
      { role: 'user', content: question },
    ],
  });
  return res.choices[0].message.content;
}
`,
      },
      {
        language: 'python',
        code: `from datetime import datetime, timezone

from openai import OpenAI

client = OpenAI(timeout=30)


def answer(question: str):
    return client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {
                "role": "system",
                "content": f"""Current time: {datetime.now(timezone.utc).isoformat()}.
You are the support assistant for Acme Cloud Storage. Answer questions about plans, invoices, refunds, storage limits and the sync client.
Never ask for passwords or one-time codes. Keep answers under 180 words and start with the answer, then the steps.
Hand off to a human agent for account deletion, ownership transfers or suspected fraud.""",
            },
            {"role": "user", "content": question},
        ],
    )
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        code: `import OpenAI from 'openai';

const openai = new OpenAI({ timeout: 30_000 });

export async function answer(question: string) {
  const res = await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      {
        role: 'system',
        content: \`You are the support assistant for Acme Cloud Storage. Answer questions about plans, invoices, refunds, storage limits and the sync client.
Never ask for passwords or one-time codes. Keep answers under 180 words and start with the answer, then the steps.
Hand off to a human agent for account deletion, ownership transfers or suspected fraud.
Current time: \${new Date().toISOString()}.\`,
      },
      { role: 'user', content: question },
    ],
  });
  return res.choices[0].message.content;
}
`,
      },
      {
        language: 'python',
        code: `from datetime import datetime, timezone

from openai import OpenAI

client = OpenAI(timeout=30)


def answer(question: str):
    return client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {
                "role": "system",
                "content": f"""You are the support assistant for Acme Cloud Storage. Answer questions about plans, invoices, refunds, storage limits and the sync client.
Never ask for passwords or one-time codes. Keep answers under 180 words and start with the answer, then the steps.
Hand off to a human agent for account deletion, ownership transfers or suspected fraud.
Current time: {datetime.now(timezone.utc).isoformat()}.""",
            },
            {"role": "user", "content": question},
        ],
    )
`,
      },
    ],
    references: [
      'https://cookbook.openai.com/examples/prompt_caching_201',
      'https://platform.openai.com/docs/guides/prompt-caching',
      'https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching',
    ],
    fixSafety: 'Unsafe: the model reads the value later in the prompt. Offered only when the value and the static text after it are in the same template literal or f-string.',
  },
  check(ctx) {
    const seen = new Set<number>();
    const min = ctx.options.minStaticCharsAfter;
    for (const site of ctx.file.callSites) {
      // Cohere's SDK usage types carry no cached-token count (cohere-python src/cohere/types/usage.py @1eca49d:
      // billed_units and tokens only): no prefix cache is known to miss.
      if (site.provider === 'cohere') continue;
      const parts = leadingParts(site);
      const found = firstVolatile(site, parts, parts, min) ?? volatileOnSomePath(site, parts, min);
      if (!found) continue;
      const { parts: read, pi, si, after, path: onPath } = found;
      const segs = read[pi].segments;
      const seg = segs[si] as DynamicSegment;
      if (seen.has(seg.span.start)) continue;
      seen.add(seg.span.start);
      const count = countTokens(after, site.model.value, site.provider);
      const n = count.tokens.toLocaleString('en-US');
      const label = LABELS[seg.volatility];
      const where = seg.via ? ` (in ${seg.via.name}, ${path.basename(seg.via.path)})` : '';
      const precedes = `${label} \`${shorten(seg.text)}\`${where} precedes ${count.approximate ? 'about ' : ''}${n} tokens of static prompt${onPath ? ` ${onPath}` : ''}`;
      const minimum = unreachedCacheMinimum(site);
      const message = minimum
        ? `${precedes}; below ${site.model.value ?? 'the model'}'s ${minimum.toLocaleString('en-US')}-token cache minimum nothing is cached yet, but past it every request would miss the prefix cache`
        : `${precedes}, so the provider's prefix cache misses on every${onPath ? ' such' : ''} request`;
      // The text of another module's helper is edited there, not at this call.
      const fix = !seg.via && (ctx.file.language === 'typescript' || ctx.file.language === 'javascript' || ctx.file.language === 'python') ? moveToEnd(ctx.file.text, segs, si, min) : null;
      ctx.report({ span: seg.span, message, ...(fix ? { fix } : {}), ...(minimum ? { severity: 'info' as const } : {}) });
    }
  },
});

interface Found {
  parts: PromptPart[];
  pi: number;
  si: number;
  after: string;
  /** The path of a value that differs by path, when the value is on one of them. */
  path?: string;
}

/**
 * The first volatile value of `parts` with enough static text after it (`within`: only one of those segments).
 * `original` are the site's parts before a path's text was put in, which say where the newest message is.
 */
function firstVolatile(site: LlmCallSite, parts: PromptPart[], original: PromptPart[], min: number, within?: Set<PromptSegment>): Found | null {
  for (let pi = 0; pi < parts.length; pi++) {
    // The newest message after the conversation history: the next turn re-sends it as history, timestamp and all,
    // so the prefix cache still reads it; it only ever misses the text of this one message.
    if (original[pi] === site.prompt[site.prompt.length - 1] && parts.slice(0, pi).some(isHistory)) continue;
    const segs = parts[pi].segments;
    for (let si = 0; si < segs.length; si++) {
      const seg = segs[si];
      // A value that differs by path is judged path by path.
      if (seg.kind !== 'dynamic' || !VOLATILE.has(seg.volatility) || seg.branches || (within && !within.has(seg))) continue;
      const after = staticCharsAfter(parts, pi, si);
      if (after.trim().length < min) continue;
      return { parts, pi, si, after };
    }
  }
  return null;
}

/**
 * A prompt value that differs by path (a helper with several returns, a local assigned in each branch of an `if`):
 * the first path that puts a volatile value ahead of the static text. Requests on that path all miss the cache,
 * whichever path the others take.
 */
function volatileOnSomePath(site: LlmCallSite, parts: PromptPart[], min: number): Found | null {
  for (let pi = 0; pi < parts.length; pi++) {
    const segs = parts[pi].segments;
    for (let si = 0; si < segs.length; si++) {
      const seg = segs[si];
      if (seg.kind !== 'dynamic' || !seg.branches) continue;
      for (const branch of seg.branches) {
        const expanded = parts.slice();
        expanded[pi] = { ...parts[pi], segments: [...segs.slice(0, si), ...branch.segments, ...segs.slice(si + 1)] };
        const found = firstVolatile(site, expanded, parts, min, new Set(branch.segments));
        if (found) return { ...found, path: branch.where };
      }
    }
  }
  return null;
}

function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

// ---------------------------------------------------------------------------
// The fix: move the sentence or line holding the value to the end of its own literal.

const OPEN_QUOTE = /^(?:[rRbBfFuU]{0,2})("""|'''|`|"|')/;
const CLOSE_QUOTE = /("""|'''|`|"|')$/;
/** Between two segments of one literal there is at most an interpolation delimiter. */
const DELIMITER_GAP = /^\s*\}?\s*(?:\$?\{)?\s*$/;

function moveToEnd(text: string, segs: PromptSegment[], index: number, minStatic: number): Fix | null {
  // The run of segments that belong to the same literal as segs[index].
  let first = index;
  while (first > 0 && DELIMITER_GAP.test(text.slice(segs[first - 1].span.end, segs[first].span.start))) first--;
  let last = index;
  while (last < segs.length - 1 && DELIMITER_GAP.test(text.slice(segs[last].span.end, segs[last + 1].span.start))) last++;
  const lit = literalBounds(text, segs[first], segs[last]);
  if (!lit) return null;
  const { innerStart, innerEnd } = lit;
  // Static text after the value inside this literal must be what makes it expensive.
  let staticAfter = '';
  for (let i = index + 1; i <= last; i++) if (segs[i].kind === 'static') staticAfter += (segs[i] as { text: string }).text;
  if (staticAfter.trim().length < minStatic) return null;

  // Mask interpolations (with their delimiters) so boundaries never fall inside one.
  const inner = text.slice(innerStart, innerEnd).split('');
  for (let i = first; i <= last; i++) {
    const s = segs[i];
    if (s.kind !== 'dynamic') continue;
    let a = s.span.start;
    while (a > innerStart && /[ \t{$]/.test(text[a - 1])) a--;
    let b = s.span.end;
    while (b < innerEnd && /[ \t}]/.test(text[b])) b++;
    for (let k = Math.max(a, innerStart); k < Math.min(b, innerEnd); k++) inner[k - innerStart] = 'X';
  }
  const masked = inner.join('');
  const dyn = segs[index] as DynamicSegment;
  const ds = dyn.span.start - innerStart;
  const de = dyn.span.end - innerStart;
  const content = masked.replace(/\s+$/, '');
  const contentEnd = content.length;

  const nlBefore = masked.lastIndexOf('\n', ds - 1);
  const nlAfter = masked.indexOf('\n', de);
  const lineStart = nlBefore + 1;
  const lineEnd = nlAfter < 0 ? masked.length : nlAfter;
  const lineText = masked.slice(lineStart, lineEnd).replace(/\r$/, '');
  const sentenceEnds = (lineText.match(/[.!?](?=\s|$)/g) ?? []).length;
  const edits: TextEdit[] = [];
  if ((nlBefore >= 0 || nlAfter >= 0) && sentenceEnds <= 1 && nlAfter >= 0 && nlAfter < contentEnd) {
    // Line mode: the value has a line of its own.
    const rawLine = text.slice(innerStart + lineStart, innerStart + lineEnd).replace(/\r$/, '');
    edits.push({ start: innerStart + lineStart, end: innerStart + nlAfter + 1, newText: '' });
    edits.push({ start: innerStart + contentEnd, end: innerStart + contentEnd, newText: `\n${rawLine}` });
  } else {
    // Sentence mode: from after the previous sentence end to this sentence's end.
    const before = masked.slice(lineStart, ds);
    const prev = /[.!?]\s+(?=[^.!?]*$)/.exec(before);
    let sStart = lineStart + (prev ? prev.index + prev[0].length : 0);
    while (sStart < ds && /\s/.test(masked[sStart])) sStart++;
    const tail = masked.slice(de, lineEnd);
    const end = /[.!?](?=\s|$)/.exec(tail);
    const sEnd = end ? de + end.index + 1 : lineEnd;
    if (sEnd >= contentEnd) return null;
    let removeEnd = sEnd;
    while (removeEnd < lineEnd && (masked[removeEnd] === ' ' || masked[removeEnd] === '\t')) removeEnd++;
    if (removeEnd === lineEnd) {
      // Last sentence of its line: drop the space before it instead of the line break after it.
      let rs = sStart;
      while (rs > lineStart && (masked[rs - 1] === ' ' || masked[rs - 1] === '\t')) rs--;
      if (rs === lineStart) return null;
      edits.push({ start: innerStart + rs, end: innerStart + sEnd, newText: '' });
    } else {
      edits.push({ start: innerStart + sStart, end: innerStart + removeEnd, newText: '' });
    }
    const sentence = text.slice(innerStart + sStart, innerStart + sEnd);
    const sep = /[.!?]$/.test(content) ? ' ' : '. ';
    edits.push({ start: innerStart + contentEnd, end: innerStart + contentEnd, newText: `${sep}${sentence}` });
  }
  return { title: 'Move the volatile value to the end of the prompt', edits, safety: 'unsafe' };
}

/** The inside of the literal spanning `from`…`to` (quotes excluded), or null when it is not one literal. */
function literalBounds(text: string, from: PromptSegment, to: PromptSegment): { innerStart: number; innerEnd: number } | null {
  let innerStart: number;
  let quote: string;
  if (from.kind === 'static') {
    const m = OPEN_QUOTE.exec(text.slice(from.span.start, from.span.end));
    if (!m) return null;
    quote = m[1];
    innerStart = from.span.start + m[0].length;
  } else {
    // An interpolation right after the opening quote: `${x}…` / f"{x}…".
    const before = text.slice(Math.max(0, from.span.start - 12), from.span.start);
    const m = /(?:^|[^\w])[rRbBfFuU]{0,2}("""|'''|`|"|')\$?\{\s*$/.exec(before);
    if (!m) return null;
    quote = m[1];
    innerStart = from.span.start - before.length + m.index + m[0].indexOf(quote) + quote.length;
  }
  let innerEnd: number;
  if (to.kind === 'static') {
    const m = CLOSE_QUOTE.exec(text.slice(to.span.start, to.span.end));
    if (!m || m[1] !== quote) return null;
    innerEnd = to.span.end - quote.length;
  } else {
    const m = /^\s*\}("""|'''|`|"|')/.exec(text.slice(to.span.end, to.span.end + 12));
    if (!m || m[1] !== quote) return null;
    innerEnd = to.span.end + m[0].length - quote.length;
  }
  if (innerEnd <= innerStart) return null;
  // One literal: its quote never appears unescaped inside (concatenated pieces, `"a" + x + "b"`, are several).
  const inner = text.slice(innerStart, innerEnd).replace(/\\[\s\S]/g, '');
  return inner.includes(quote) ? null : { innerStart, innerEnd };
}

