import { cacheMinimum, priceFor, providerOfModel } from '../core/catalog/models';
import { defineRule } from '../core/rule';
import { cachesAutomatically } from '../core/report-prompt';
import { prefixTokenCount, staticPrefix } from '../core/static-prefix';
import { tokensAtMost } from '../core/tokens';
import type { Provider } from '../core/types';

/** Providers whose prompt-prefix caches have a minimum size (OpenAI and Gemini automatic, Anthropic with cache_control). */
const CACHING_PROVIDERS: ReadonlySet<Provider> = new Set(['openai', 'azure-openai', 'anthropic', 'google']);

/** USD per 1M tokens: `$2.50`, `$1.25`, `$0.075`. */
function perMillion(n: number): string {
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 3 })}`;
}

const fmt = (n: number) => n.toLocaleString('en-US');

export default defineRule({
  id: 'prefix-below-cache-minimum',
  family: 'context',
  severity: 'info',
  fixable: 'none',
  languages: ['typescript', 'javascript', 'python'],
  defaultOptions: { lowerRatio: 0.85 },
  docs: {
    summary: "The static prompt prefix is just below the provider's minimum cacheable size (85–99 %), so none of it is ever cached",
    why: [
      'Provider prompt caches only reuse a prefix of at least a minimum size. OpenAI caches automatically from **1,024 tokens** (gpt-4o and newer, hits in 128-token increments); Anthropic (with `cache_control`) and Gemini have per-model minimums, 1,024 to 4,096 tokens for most models. Below the minimum nothing is cached and there is no error: every call pays the full input price for the same static instructions.',
      '',
      "A static prefix (tool definitions, system prompt and any static messages before the first per-request value) that sits at 85–99 % of the minimum is the cheapest case to fix: adding the few missing tokens of genuinely useful static context — an example, the output schema, the policy text that is now fetched per request — makes the whole prefix cacheable. Cached reads cost 50 % of the input price on gpt-4o, 25 % on gpt-4.1, 10 % on gpt-5, Claude and Gemini 2.5. OpenAI's cookbook: lengthening a 900-token prompt to 1,100 tokens at a 50 % hit rate saves about 33 %.",
      '',
      "The message shows the arithmetic: tokens now, tokens short of the minimum, and the cached-read price against the input price (from the dated price catalogue). OpenAI counts are exact (tiktoken encodings); Claude and Gemini counts are labelled approximations, and their minimums are a versioned table because sources disagree. The rule stays silent when the model, its minimum or its prefix is unknown.",
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        filename: 'triage.ts',
        files: { 'prompts.ts': `export const TRIAGE_PROMPT = \`${'You triage support tickets for Acme Cloud Storage. Read the ticket, pick exactly one queue (billing, sync, sharing, account-security, data-recovery or other), rate urgency from 1 to 4 and explain your choice in one sentence. Escalate suspected account takeover and data loss to urgency 4. Reply with JSON only.\\n'.repeat(14)}\`;\n` },
        code: `import OpenAI from 'openai';
import { TRIAGE_PROMPT } from './prompts';

const client = new OpenAI({ timeout: 60_000 });

export async function triage(ticket: string) {
  const res = await client.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: TRIAGE_PROMPT },
      { role: 'user', content: ticket },
    ],
  });
  return res.choices[0]?.message.content;
}
`,
      },
      {
        language: 'python',
        filename: 'triage.py',
        files: { 'prompts.py': `TRIAGE_PROMPT = """${'You triage support tickets for Acme Cloud Storage. Read the ticket, pick exactly one queue (billing, sync, sharing, account-security, data-recovery or other), rate urgency from 1 to 4 and explain your choice in one sentence. Escalate suspected account takeover and data loss to urgency 4. Reply with JSON only.\n'.repeat(14)}"""\n` },
        code: `from openai import OpenAI

from prompts import TRIAGE_PROMPT

client = OpenAI(timeout=60)


def triage(ticket: str) -> str:
    res = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": TRIAGE_PROMPT},
            {"role": "user", "content": ticket},
        ],
    )
    return res.choices[0].message.content or ""
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        filename: 'triage.ts',
        files: { 'prompts.ts': `export const TRIAGE_PROMPT = \`${'You triage support tickets for Acme Cloud Storage. Read the ticket, pick exactly one queue (billing, sync, sharing, account-security, data-recovery or other), rate urgency from 1 to 4 and explain your choice in one sentence. Escalate suspected account takeover and data loss to urgency 4. Reply with JSON only.\\n'.repeat(14)}\`;\n` },
        code: `import OpenAI from 'openai';
import { TRIAGE_PROMPT } from './prompts';

const client = new OpenAI({ timeout: 60_000 });

export async function triage(ticket: string) {
  const res = await client.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: TRIAGE_PROMPT },
      // A static worked example after the instructions is part of the cached prefix and takes it past 1,024 tokens.
      { role: 'user', content: 'Since this morning the desktop app says sync paused and half of our shared folder is missing for everyone on the team.' },
      { role: 'assistant', content: '{"queue": "data-recovery", "urgency": 4, "reason": "Files missing for a whole team may be data loss, which is always urgency 4."}' },
      { role: 'user', content: ticket },
    ],
  });
  return res.choices[0]?.message.content;
}
`,
      },
      {
        language: 'python',
        filename: 'triage.py',
        files: { 'prompts.py': `TRIAGE_PROMPT = """${'You triage support tickets for Acme Cloud Storage. Read the ticket, pick exactly one queue (billing, sync, sharing, account-security, data-recovery or other), rate urgency from 1 to 4 and explain your choice in one sentence. Escalate suspected account takeover and data loss to urgency 4. Reply with JSON only.\n'.repeat(14)}"""\n` },
        code: `from openai import OpenAI

from prompts import TRIAGE_PROMPT

client = OpenAI(timeout=60)


def triage(ticket: str) -> str:
    # A static worked example after the instructions is part of the cached prefix and takes it past 1,024 tokens.
    res = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": TRIAGE_PROMPT},
            {
                "role": "user",
                "content": "Since this morning the desktop app says sync paused and half of our shared folder is missing for everyone on the team.",
            },
            {
                "role": "assistant",
                "content": '{"queue": "data-recovery", "urgency": 4, "reason": "Files missing for a whole team may be data loss, which is always urgency 4."}',
            },
            {"role": "user", "content": ticket},
        ],
    )
    return res.choices[0].message.content or ""
`,
      },
    ],
    references: [
      'https://github.com/openai/openai-cookbook/blob/main/examples/Prompt_Caching_201.ipynb',
      'https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching',
      'https://ai.google.dev/gemini-api/docs/caching',
      'https://github.com/pydantic/genai-prices',
    ],
  },
  check(ctx) {
    const lowerRatio = typeof ctx.options.lowerRatio === 'number' ? ctx.options.lowerRatio : 0.85;
    for (const site of ctx.file.callSites) {
      if (!CACHING_PROVIDERS.has(site.provider)) continue;
      // Options spread in from elsewhere may add tools or a system prompt: the prefix is not known.
      if (site.args.hasSpread) continue;
      const model = site.model.value;
      // An Azure deployment name or a model from configuration says nothing about the minimum.
      if (!model || !site.model.literal || !providerOfModel(model)) continue;
      const minimum = cacheMinimum(model, site.provider);
      if (!minimum) continue;
      const prefix = staticPrefix(site, 'all');
      if (!prefix.text) continue;
      // A conversation that grows turn by turn (history after the prefix: an agent loop, a chat thread) passes the
      // minimum on its own where caching is automatic: each turn re-sends the earlier ones as its prefix.
      if (cachesAutomatically(site.provider, model) && site.prompt.some((p) => p.segments.some((s) => s.kind !== 'static' && s.origin === 'history'))) continue;
      // Most prefixes are a few sentences: no need to load a tokenizer to know they are far below the minimum.
      if (tokensAtMost(prefix.text, model, site.provider) < lowerRatio * minimum.tokens) continue;
      const count = prefixTokenCount(prefix, model, site.provider);
      if (count.tokens >= minimum.tokens || count.tokens < lowerRatio * minimum.tokens) continue;
      const about = count.approximate ? 'about ' : '';
      const short = minimum.tokens - count.tokens;
      const price = priceFor(model);
      const marker = site.provider === 'anthropic' ? ' (with cache_control)' : '';
      const saving = price
        ? `above it${marker}, cached reads would cost ${perMillion(price.cachedInput)} instead of ${perMillion(price.input)} per 1M tokens`
        : 'below it no part of the prefix is cached';
      ctx.report({
        span: site.nameSpan,
        message: `Static prefix is ${about}${fmt(count.tokens)} tokens, ${fmt(short)} tokens short of ${model}'s ${fmt(minimum.tokens)}-token cache minimum; ${saving}`,
      });
    }
  },
});
