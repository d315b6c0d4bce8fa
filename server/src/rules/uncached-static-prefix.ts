import { cacheMinimum } from '../core/catalog/models';
import { defineRule } from '../core/rule';
import { prefixTokenCount, staticPrefix } from '../core/static-prefix';
import { tokensAtMost } from '../core/tokens';
import type { Fix, LlmCallSite } from '../core/types';

function hasCacheMarker(site: LlmCallSite, fileText: string): boolean {
  if (site.prompt.some((p) => p.cacheControl)) return true;
  if ('cache_control' in site.args.options || 'cacheControl' in site.args.options) return true;
  // ai-sdk / LangChain provider options: providerOptions: { anthropic: { cacheControl: … } }
  for (const key of ['providerOptions', 'providerMetadata', 'experimental_providerMetadata']) {
    const opt = site.args.options[key];
    if (opt && /cache_?control/i.test(fileText.slice(opt.span.start, opt.span.end))) return true;
  }
  // A tools list whose definitions carry a marker (`{"name": …, "cache_control": {"type": "ephemeral"}}`).
  if (site.prompt.some((p) => p.role === 'tools' && p.segments.some((seg) => seg.kind === 'static' && CACHE_MARKER.test(seg.text)))) return true;
  return markerMayBeAddedElsewhere(site, fileText);
}

const CACHE_MARKER = /cache_?control/i;

/**
 * The request's messages or tools are built outside the call (a name, a parameter, a concatenation) and the file
 * writes a cache marker somewhere else: code that marks the last turn in place (`messages[-1]["content"][-1]
 * ["cache_control"] = …`, a helper handed the list) puts a breakpoint in this request that the call's text does not
 * show, and a breakpoint in the messages caches the system prompt and tools before it.
 */
function markerMayBeAddedElsewhere(site: LlmCallSite, fileText: string): boolean {
  const builtElsewhere = ['messages', 'tools'].some((key) => {
    const value = site.args.options[key]?.value;
    return value !== undefined && value.kind !== 'array';
  });
  return builtElsewhere && (CACHE_MARKER.test(fileText.slice(0, site.span.start)) || CACHE_MARKER.test(fileText.slice(site.span.end)));
}

export default defineRule({
  id: 'uncached-static-prefix',
  family: 'context',
  severity: 'warning',
  fixable: 'safe',
  languages: ['typescript', 'javascript', 'python'],
  defaultOptions: {},
  docs: {
    summary: "An Anthropic call sends a static system/tools prefix above the model's cache minimum without cache_control",
    why: [
      'Anthropic only caches what a request marks with `cache_control` (or the top-level `cache_control` that marks the last cacheable block). Without a marker, the same system prompt and tool definitions are billed at the full input price on every call.',
      '',
      'With a marker, the first call writes the cache at 1.25× the input price (5-minute TTL) and every later call within the TTL reads it at **0.1×**: on claude-sonnet-4-5 ($3 per million input tokens) a 4,000-token system prompt costs $0.012 per call uncached and $0.0012 per cache read. Cache order is tools → system → messages, so a static system prompt is the natural breakpoint.',
      '',
      "Prefixes below the model's minimum cacheable size are processed without caching (no error), and the minimum differs by model (1,024 tokens for Sonnet 4.5, 2,048 for Sonnet 4.6, 4,096 for Haiku 4.5 and the Opus 4.5+ family): the rule only fires when the static prefix reaches the minimum of the model the call names, and stays silent when that minimum is unknown. Token counts for Claude are approximations (o200k_base × a published factor).",
      '',
      "A setting read from the environment (`You are ${BOT_NAME}` with `const BOT_NAME = process.env.BOT_NAME || 'Claude'`, a config object's `environment.botName`, Python's `os.environ.get(\"BOT_NAME\", \"Claude\")`) is the same on every request of a process, so it does not end the static prefix: it is counted as its fallback (`'Claude'`), or as no text when it has none.",
      '',
      "Text computed from constants is static too: a module-level `const` list that nothing mutates, joined (`${ALLOWED_TAGS.join(', ')}`, also after a `.map(…)` whose callback reads only the item), and a parameter of a prompt helper that the call leaves at its default (`getSystemPrompt()` with `(cwd = WORK_DIR)`), which reads as that default (a `new Date()` default stays volatile).",
      '',
      'A marker anywhere earlier in the chain counts: on a tool definition, or in the messages, whose breakpoint caches the system prompt and tools before it. When the messages or tools are built outside the call (a name, a parameter) and the same file writes `cache_control` elsewhere, for example a helper that marks the last user turn in place, the request may carry a marker the call does not show, and the rule stays silent.',
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        filename: 'support.ts',
        files: { 'prompts.ts': `export const SUPPORT_POLICY = \`${'You are the support assistant for Acme Cloud Storage. Answer questions about plans, invoices, refunds, storage limits, shared folders and the desktop sync client. Never ask for passwords, one-time codes or full card numbers. Start with the answer, then numbered steps, and keep replies under 180 words. Hand off to a human agent for account deletion, ownership transfers and suspected fraud.\\n'.repeat(20)}\`;\n` },
        code: `import Anthropic from '@anthropic-ai/sdk';
import { SUPPORT_POLICY } from './prompts';

const anthropic = new Anthropic({ timeout: 60_000 });

export async function reply(message: string) {
  const msg = await anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    system: SUPPORT_POLICY,
    messages: [{ role: 'user', content: message }],
  });
  return msg.content;
}
`,
      },
      {
        language: 'python',
        filename: 'support.py',
        files: { 'prompts.py': `SUPPORT_POLICY = """${'You are the support assistant for Acme Cloud Storage. Answer questions about plans, invoices, refunds, storage limits, shared folders and the desktop sync client. Never ask for passwords, one-time codes or full card numbers. Start with the answer, then numbered steps, and keep replies under 180 words. Hand off to a human agent for account deletion, ownership transfers and suspected fraud.\\n'.repeat(20)}"""\n` },
        code: `from anthropic import Anthropic

from prompts import SUPPORT_POLICY

client = Anthropic(timeout=60)


def reply(message: str):
    return client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        system=SUPPORT_POLICY,
        messages=[{"role": "user", "content": message}],
    )
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        filename: 'support.ts',
        files: { 'prompts.ts': `export const SUPPORT_POLICY = \`${'You are the support assistant for Acme Cloud Storage. Answer questions about plans, invoices, refunds, storage limits, shared folders and the desktop sync client. Never ask for passwords, one-time codes or full card numbers. Start with the answer, then numbered steps, and keep replies under 180 words. Hand off to a human agent for account deletion, ownership transfers and suspected fraud.\\n'.repeat(20)}\`;\n` },
        code: `import Anthropic from '@anthropic-ai/sdk';
import { SUPPORT_POLICY } from './prompts';

const anthropic = new Anthropic({ timeout: 60_000 });

export async function reply(message: string) {
  const msg = await anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    system: [{ type: 'text', text: SUPPORT_POLICY, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: message }],
  });
  return msg.content;
}
`,
      },
      {
        language: 'python',
        filename: 'support.py',
        files: { 'prompts.py': `SUPPORT_POLICY = """${'You are the support assistant for Acme Cloud Storage. Answer questions about plans, invoices, refunds, storage limits, shared folders and the desktop sync client. Never ask for passwords, one-time codes or full card numbers. Start with the answer, then numbered steps, and keep replies under 180 words. Hand off to a human agent for account deletion, ownership transfers and suspected fraud.\\n'.repeat(20)}"""\n` },
        code: `from anthropic import Anthropic

from prompts import SUPPORT_POLICY

client = Anthropic(timeout=60)


def reply(message: str):
    return client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        system=[{"type": "text", "text": SUPPORT_POLICY, "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": message}],
    )
`,
      },
    ],
    references: [
      'https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching',
      'https://github.com/anthropics/anthropic-sdk-typescript/blob/main/src/resources/messages/messages.ts',
      'https://github.com/pydantic/genai-prices/blob/main/prices/providers/anthropic.yml',
    ],
    fixSafety: 'Safe: wrapping the system prompt in one text block with an ephemeral cache_control marker sends the same text; only billing changes.',
  },
  check(ctx) {
    for (const site of ctx.file.callSites) {
      if (site.provider !== 'anthropic') continue;
      if (site.args.hasSpread) continue;
      // An agent framework's model class decides how the instructions are sent (and whether it marks them for caching):
      // no cache_control is written by the code there.
      if (site.agent && (site.sdk === 'pydantic-ai' || site.sdk === 'openai-agents')) continue;
      const minimum = cacheMinimum(site.model.value, 'anthropic');
      // A model from configuration (even with a literal fallback) may have another minimum: stay silent.
      if (!minimum || !site.model.value || !site.model.literal) continue;
      const prefix = staticPrefix(site, 'system', { settings: true });
      if (!prefix.text) continue;
      if (hasCacheMarker(site, ctx.file.text)) continue;
      if (tokensAtMost(prefix.text, site.model.value, 'anthropic') < minimum.tokens) continue;
      const count = prefixTokenCount(prefix, site.model.value, 'anthropic');
      if (count.tokens < minimum.tokens) continue;
      const what = prefix.roles.has('tools') && prefix.roles.has('system') ? 'tools and system prompt' : prefix.roles.has('tools') ? 'tool definitions' : 'system prompt';
      // `You are ${BOT_NAME}` with BOT_NAME read from the environment at startup: the same text on every request.
      const names = [...new Set(prefix.settings)].map((n) => `\`${n}\``).join(', ');
      const settings = names ? ` (with ${names}, read from the environment and the same on every request of the process)` : '';
      const message = `Static ${what}${settings} of about ${count.tokens.toLocaleString('en-US')} tokens reaches ${site.model.value}'s ${minimum.tokens.toLocaleString('en-US')}-token cache minimum but has no cache_control, so every call pays full input price instead of 0.1× for cache reads`;
      const fix = fixFor(site, ctx.file.text, ctx.writer);
      ctx.report({ span: site.nameSpan, message, ...(fix ? { fix } : {}) });
    }
  },
});

function fixFor(site: LlmCallSite, text: string, writer: import('../core/code-writer').CodeWriter | null): Fix | null {
  if (!writer || site.sdk !== 'anthropic') return null;
  const option = site.args.options.system;
  if (!option) return null;
  const value = option.value;
  if (value.kind !== 'string' && value.kind !== 'dynamic') return null;
  // The whole system prompt must be static, or the breakpoint would cover text that changes.
  const part = site.prompt.find((p) => p.role === 'system');
  if (!part || part.segments.length === 0 || !part.segments.every((s) => s.kind === 'static' || s.volatility === 'per-process')) return null;
  if (value.kind === 'dynamic' && /^\s*[[{]/.test(value.text)) return null;
  // A name for a list of content blocks (`system=SYSTEM_BLOCKS`): its blocks take the marker, not a wrapper around the list.
  const constant = part.source?.kind === 'constant' && part.source.path === site.path ? text.slice(part.source.span.start, part.source.span.end) : '';
  if (/^\s*[[(]/.test(constant)) return null;
  const source = text.slice(value.span.start, value.span.end);
  const code = {
    $code: {
      typescript: `[{ type: 'text', text: ${source}, cache_control: { type: 'ephemeral' } }]`,
      python: `[{"type": "text", "text": ${source}, "cache_control": {"type": "ephemeral"}}]`,
    },
  };
  // Shorthand `{ system }`: the value is the key itself, so write the whole entry.
  if (option.keySpan.start === value.span.start) {
    const rendered = writer.render(code);
    return { title: 'Mark the system prompt with cache_control', edits: [{ start: option.span.start, end: option.span.end, newText: writer.language === 'python' ? `system=${rendered}` : `system: ${rendered}` }], safety: 'safe' };
  }
  return { title: 'Mark the system prompt with cache_control', edits: writer.setOption(option, code), safety: 'safe' };
}
