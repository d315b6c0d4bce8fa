import { cacheMinimum } from '../core/catalog/models';
import { defineRule } from '../core/rule';
import { countTokens } from '../core/tokens';
import type { Fix, LlmCallSite, PromptSerialization, Span, ToolsSource } from '../core/types';
import { callName } from '../core/types';

const fmt = (n: number) => n.toLocaleString('en-US');
const inside = (a: Span, b: Span) => a.start >= b.start && a.end <= b.end;

/**
 * The static text of the request's prefix if the unstable pieces were stable: tool definitions (when readable), then
 * the static text of the system and developer parts, stopping at the first other per-request value.
 */
function otherwiseStatic(site: LlmCallSite, ignore: Span[]): string {
  const pieces: string[] = [];
  for (const part of site.prompt) {
    if (part.role === 'tools') {
      // Definitions read from the module-level list or table behind the expression (unstable or not).
      if (part.toolsSource?.definitionsText) {
        pieces.push(part.toolsSource.definitionsText);
        continue;
      }
      if (part.toolsSource?.unstable) continue;
      const seg = part.segments[0];
      if (seg?.kind === 'static') pieces.push(seg.text);
      else break;
      continue;
    }
    if (part.role !== 'system' && part.role !== 'developer') break;
    for (const seg of part.segments) {
      if (seg.kind === 'static') pieces.push(seg.text);
      else if (!ignore.some((s) => inside(s, seg.span))) return pieces.join('\n');
    }
  }
  return pieces.join('\n');
}

/** Tokens of the otherwise-static prefix and the model's cache minimum, when the request would be cache-eligible. */
function eligibility(site: LlmCallSite, ignore: Span[]): { tokens: number; minimum: number; about: string } | null {
  const minimum = cacheMinimum(site.model.value, site.provider);
  const text = otherwiseStatic(site, ignore);
  if (!text) return null;
  const count = countTokens(text, site.model.value, site.provider);
  const about = count.approximate ? 'about ' : '';
  if (minimum) return count.tokens >= minimum.tokens ? { tokens: count.tokens, minimum: minimum.tokens, about } : null;
  // Unknown model: large tool definitions alone pass every provider's minimum of 1,024 tokens.
  return count.tokens >= 1024 ? { tokens: count.tokens, minimum: 1024, about } : null;
}

function restrictHint(site: LlmCallSite, source: ToolsSource): string {
  if (source.kind !== 'filter') return source.kind === 'set' ? 'iterate in a fixed order (sorted)' : 'build the list in a fixed order from a module-level list (or sort it by name)';
  const full = source.fullList ? `the full \`${source.fullList}\`` : 'the full tool list';
  if (site.provider === 'openai' || site.provider === 'azure-openai') return `send ${full} on every request and restrict it per request with \`tool_choice\` of type \`allowed_tools\``;
  return `send ${full} on every request and enforce the per-request restriction in the tool handler (or with \`tool_choice\`)`;
}

function serializationMessage(s: PromptSerialization, e: { tokens: number; minimum: number; about: string }): string {
  const how = s.api === 'json.dumps' ? 'add sort_keys=True' : 'serialize with sorted keys (a stable stringify such as `safe-stable-stringify`) or build the object in a fixed order';
  return `${s.api}(${s.argText}) puts a schema built per request into the ${s.role} prompt with keys in insertion order, so the same schema can serialize differently and miss the cache for the ${e.about}${fmt(e.tokens)}-token prefix; ${how}`;
}

export default defineRule({
  id: 'unstable-tool-order',
  family: 'context',
  severity: 'warning',
  fixable: 'unsafe',
  languages: ['typescript', 'javascript', 'python'],
  docs: {
    summary: 'Tools or schemas assembled per request from unordered or filtered sources, in a request that could otherwise hit the prompt cache',
    why: [
      "Provider prompt caches match the request's prefix byte for byte, and tool definitions and structured-output schemas come first: OpenAI puts tools and schemas before the developer instructions, Anthropic caches in the order tools → system → messages. OpenAI's cookbook: changing a schema key or the tool order invalidates the cache, and it recommends `tool_choice: { type: 'allowed_tools' }` over changing the `tools` array per request. A cached prefix is billed at 10–50 % of the input price (gpt-4o 50 %, gpt-4.1 25 %, gpt-5 and Claude reads 10 %) and answers faster; a miss pays full price for the whole prefix again.",
      '',
      "Tools built per request lose that without anyone noticing: `Object.values(registry)` of a map filled from the request follows the request's order; `tools.filter(t => user.can(t))` sends a different subset per user; a Python `set` of tool names iterates in an order that depends on string hashing, which Python randomises per process (`PYTHONHASHSEED`), so every worker sends its own order; `json.dumps(schema)` of a dict assembled per request keeps whatever insertion order that request produced.",
      '',
      "The rule fires only when the request would otherwise be cache-eligible: the tool definitions it can read plus the static system text reach the model's cache minimum (OpenAI 1,024 tokens; Anthropic and Gemini per model), or the model is unknown and they reach 1,024 tokens. A literal tools array, a module-level list, `Object.values` of a module-level object (JavaScript keeps insertion order) and sorted lists stay silent.",
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        filename: 'agent.ts',
        files: {
          'tools.ts': `export const TOOLS = [\n${Array.from({ length: 12 }, (_, i) => `  { type: 'function' as const, function: { name: 'tool_${i}', description: '${'Looks up one record in the billing system by id and returns its fields, its history and its owner, for support agents. '.repeat(4)}', parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } } },`).join('\n')}\n];\n`,
        },
        code: `import OpenAI from 'openai';
import { TOOLS } from './tools';

const client = new OpenAI({ timeout: 60_000 });

export async function answer(question: string, allowed: string[]) {
  const res = await client.chat.completions.create({
    model: 'gpt-4o',
    tools: TOOLS.filter((t) => allowed.includes(t.function.name)),
    messages: [{ role: 'user', content: question }],
  });
  return res.choices[0].message;
}
`,
      },
      {
        language: 'python',
        filename: 'agent.py',
        files: {
          'tools.py': `TOOL_DEFS = {\n${Array.from({ length: 12 }, (_, i) => `    "tool_${i}": {"type": "function", "function": {"name": "tool_${i}", "description": "${'Looks up one record in the billing system by id and returns its fields, its history and its owner, for support agents. '.repeat(4)}", "parameters": {"type": "object", "properties": {"id": {"type": "string"}}}}},`).join('\n')}\n}\n`,
        },
        code: `from openai import OpenAI

from tools import TOOL_DEFS

client = OpenAI(timeout=60)
ENABLED = {"tool_0", "tool_1", "tool_2", "tool_3"}


def answer(question: str):
    res = client.chat.completions.create(
        model="gpt-4o",
        tools=[TOOL_DEFS[name] for name in ENABLED],
        messages=[{"role": "user", "content": question}],
    )
    return res.choices[0].message
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        filename: 'agent.ts',
        files: {
          'tools.ts': `export const TOOLS = [\n${Array.from({ length: 12 }, (_, i) => `  { type: 'function' as const, function: { name: 'tool_${i}', description: '${'Looks up one record in the billing system by id and returns its fields, its history and its owner, for support agents. '.repeat(4)}', parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } } },`).join('\n')}\n];\n`,
        },
        code: `import OpenAI from 'openai';
import { TOOLS } from './tools';

const client = new OpenAI({ timeout: 60_000 });

export async function answer(question: string, allowed: string[]) {
  const res = await client.chat.completions.create({
    model: 'gpt-4o',
    // The same tools on every request; the per-user restriction does not touch the cached prefix.
    tools: TOOLS,
    tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: allowed.map((name) => ({ type: 'function', function: { name } })) } },
    messages: [{ role: 'user', content: question }],
  });
  return res.choices[0].message;
}
`,
      },
      {
        language: 'python',
        filename: 'agent.py',
        files: {
          'tools.py': `TOOL_DEFS = {\n${Array.from({ length: 12 }, (_, i) => `    "tool_${i}": {"type": "function", "function": {"name": "tool_${i}", "description": "${'Looks up one record in the billing system by id and returns its fields, its history and its owner, for support agents. '.repeat(4)}", "parameters": {"type": "object", "properties": {"id": {"type": "string"}}}}},`).join('\n')}\n}\n`,
        },
        code: `from openai import OpenAI

from tools import TOOL_DEFS

client = OpenAI(timeout=60)
ENABLED = {"tool_0", "tool_1", "tool_2", "tool_3"}


def answer(question: str):
    res = client.chat.completions.create(
        model="gpt-4o",
        tools=[TOOL_DEFS[name] for name in sorted(ENABLED)],
        messages=[{"role": "user", "content": question}],
    )
    return res.choices[0].message
`,
      },
    ],
    references: [
      'https://github.com/openai/openai-cookbook/blob/main/examples/Prompt_Caching_201.ipynb',
      'https://platform.openai.com/docs/guides/prompt-caching',
      'https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching',
      'https://docs.python.org/3/reference/datamodel.html#object.__hash__',
      'https://docs.python.org/3/library/json.html#json.dumps',
    ],
    fixSafety:
      'Python only. `json.dumps(x)` in the prompt gets `sort_keys=True` (safe: the same JSON, keys in a fixed order). Iteration over a set gets `sorted(...)` (unsafe: the elements must be comparable, as tool names are). Per-request filters and maps built from the request get no automatic fix: the message says how to keep the full list stable (OpenAI `allowed_tools`) or build it in a fixed order.',
  },
  defaultOptions: {},
  check(ctx) {
    const { file, writer } = ctx;
    for (const site of file.callSites) {
      if (site.path !== file.path) continue;
      const tools = site.prompt.find((p) => p.role === 'tools');
      const source = tools?.toolsSource;
      if (source?.unstable) {
        const e = eligibility(site, []);
        if (e) {
          let fix: Fix | undefined;
          if (source.kind === 'set' && writer?.language === 'python') {
            const expr = file.text.slice(source.span.start, source.span.end);
            fix = { title: 'Iterate the set in sorted order', edits: [{ start: source.span.start, end: source.span.end, newText: `sorted(${expr})` }], safety: 'unsafe' };
          }
          ctx.report({
            span: source.span,
            message: `Tools for ${callName(site)} change between requests: ${source.reason ?? 'the list is built per request'}. Tools sit first in the cached prefix (${e.about}${fmt(e.tokens)} tokens, cache minimum ${fmt(e.minimum)}), so each different list misses the prompt cache; ${restrictHint(site, source)}`,
            fix,
          });
        }
      }
      const unstable = (site.serializations ?? []).filter((s) => !s.sortedKeys && s.perRequest && s.schemaLike);
      if (unstable.length === 0) continue;
      const e = eligibility(site, unstable.map((s) => s.span));
      if (!e) continue;
      for (const s of unstable) {
        let fix: Fix | undefined;
        if (s.api === 'json.dumps' && writer?.language === 'python' && !s.args.hasSpread) {
          const edits = writer.addOption(s.args, 'sort_keys', true, file.text);
          if (edits.length) fix = { title: 'Serialize with sort_keys=True', edits, safety: 'safe' };
        }
        ctx.report({ span: s.span, message: serializationMessage(s, e), fix });
      }
    }
  },
});
