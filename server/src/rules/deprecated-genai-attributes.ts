import { deprecatedGenAiAttribute, GENAI_ATTRIBUTE_NAME } from '../core/catalog/genai-semconv';
import { defineRule } from '../core/rule';
import type { Fix, Span } from '../core/types';

/**
 * Where the characters between a string literal's quotes are, when the literal's value is exactly `name`:
 * `'x'`, `"x"`, `` `x` ``, Python `'''x'''` / `"""x"""` with an optional prefix (`f"x"`, `r'x'`). Null for
 * anything else (a template head `` `gen_ai.x${…}` ``, an f-string with fields, escapes), so only whole
 * attribute-name literals are reported.
 */
function literalInside(text: string, span: Span, name: string): Span | null {
  const source = text.slice(span.start, span.end);
  const prefix = /^[rRuUbBfF]{0,2}/.exec(source)![0];
  const rest = source.slice(prefix.length);
  const quote = ['"""', "'''", '"', "'", '`'].find((q) => rest.startsWith(q) && rest.length >= 2 * q.length && rest.endsWith(q));
  if (!quote) return null;
  if (prefix && quote === '`') return null;
  const start = span.start + prefix.length + quote.length;
  const end = span.end - quote.length;
  return text.slice(start, end) === name ? { start, end } : null;
}

export default defineRule({
  id: 'deprecated-genai-attributes',
  family: 'telemetry',
  severity: 'info',
  fixable: 'safe',
  languages: ['typescript', 'javascript', 'python'],
  defaultOptions: {},
  docs: {
    summary: 'Span or metric attribute uses a deprecated OpenTelemetry GenAI name (gen_ai.usage.prompt_tokens, gen_ai.system, …)',
    why: [
      'GenAI dashboards, cost views and alerts in observability backends are built on the current OpenTelemetry GenAI semantic conventions: token usage is read from `gen_ai.usage.input_tokens` / `gen_ai.usage.output_tokens` and the provider from `gen_ai.provider.name`. Attributes written under the old names land in a field those views do not read, so token spend recorded by hand is **missing** next to the spans that instrumentation libraries emit with the new names, and the numbers cannot be aggregated across services.',
      '',
      'Deprecated in the registry (open-telemetry/semantic-conventions at the parent of c9e48b1, 2026-05-05, after which the GenAI conventions moved to open-telemetry/semantic-conventions-genai):',
      '',
      '| deprecated | use |',
      '| --- | --- |',
      '| `gen_ai.usage.prompt_tokens` | `gen_ai.usage.input_tokens` |',
      '| `gen_ai.usage.completion_tokens` | `gen_ai.usage.output_tokens` |',
      '| `gen_ai.system` | `gen_ai.provider.name` |',
      '| `gen_ai.prompt`, `gen_ai.completion` | removed; message content goes in the opt-in `gen_ai.input.messages` / `gen_ai.output.messages` |',
      '| `gen_ai.openai.request.seed` | `gen_ai.request.seed` |',
      '| `gen_ai.openai.request.service_tier`, `gen_ai.openai.response.service_tier`, `gen_ai.openai.response.system_fingerprint` | `openai.request.service_tier`, `openai.response.service_tier`, `openai.response.system_fingerprint` |',
      '| `gen_ai.openai.request.response_format` | `gen_ai.output.type` (different values: `json`, not `json_object` / `json_schema`) |',
      '',
      'Only string literals whose whole value is an attribute name are checked; log messages that mention a name are not. Instrumentation packages built on semantic conventions v1.36.0 or earlier keep emitting the old names unless `OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental` is set.',
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        code: `import OpenAI from 'openai';
import { trace } from '@opentelemetry/api';

const client = new OpenAI({ timeout: 60_000 });
const tracer = trace.getTracer('support');

export async function answer(question: string) {
  return tracer.startActiveSpan('chat gpt-4o-mini', async (span) => {
    const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
    span.setAttribute('gen_ai.system', 'openai');
    span.setAttribute('gen_ai.usage.prompt_tokens', res.usage?.prompt_tokens ?? 0);
    span.setAttribute('gen_ai.usage.completion_tokens', res.usage?.completion_tokens ?? 0);
    span.end();
    return res.choices[0]?.message.content;
  });
}
`,
      },
      {
        language: 'python',
        code: `from openai import OpenAI
from opentelemetry import trace

client = OpenAI(timeout=60)
tracer = trace.get_tracer("support")


def answer(question: str) -> str:
    with tracer.start_as_current_span("chat gpt-4o-mini") as span:
        res = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])
        span.set_attribute("gen_ai.system", "openai")
        span.set_attribute("gen_ai.usage.prompt_tokens", res.usage.prompt_tokens)
        span.set_attribute("gen_ai.usage.completion_tokens", res.usage.completion_tokens)
        return res.choices[0].message.content or ""
`,
      },
    ],
    good: [
      {
        language: 'typescript',
        code: `import OpenAI from 'openai';
import { trace } from '@opentelemetry/api';

const client = new OpenAI({ timeout: 60_000 });
const tracer = trace.getTracer('support');

export async function answer(question: string) {
  return tracer.startActiveSpan('chat gpt-4o-mini', async (span) => {
    const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
    span.setAttribute('gen_ai.provider.name', 'openai');
    span.setAttribute('gen_ai.usage.input_tokens', res.usage?.prompt_tokens ?? 0);
    span.setAttribute('gen_ai.usage.output_tokens', res.usage?.completion_tokens ?? 0);
    span.end();
    return res.choices[0]?.message.content;
  });
}
`,
      },
      {
        language: 'python',
        code: `from openai import OpenAI
from opentelemetry import trace

client = OpenAI(timeout=60)
tracer = trace.get_tracer("support")


def answer(question: str) -> str:
    with tracer.start_as_current_span("chat gpt-4o-mini") as span:
        res = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])
        span.set_attribute("gen_ai.provider.name", "openai")
        span.set_attribute("gen_ai.usage.input_tokens", res.usage.prompt_tokens)
        span.set_attribute("gen_ai.usage.output_tokens", res.usage.completion_tokens)
        return res.choices[0].message.content or ""
`,
      },
    ],
    references: [
      'https://github.com/open-telemetry/semantic-conventions/blob/main/docs/registry/attributes/gen-ai.md#deprecated-genai-attributes',
      'https://github.com/open-telemetry/semantic-conventions/blob/main/model/gen-ai/deprecated/registry-deprecated.yaml',
      'https://github.com/open-telemetry/semantic-conventions-genai',
      'https://opentelemetry-python-contrib.readthedocs.io/en/latest/instrumentation-genai/openai.html',
    ],
    fixSafety:
      'Safe: renames the attribute key inside its quotes, only where the registry lists a plain rename with the same values. `gen_ai.prompt`, `gen_ai.completion`, `gen_ai.openai.request.response_format` and other `gen_ai.openai.*` names are reported without a fix, and so is an old key in a file that already sets its new name (a rename would write that key twice, possibly with other data). Queries and dashboards that still read the old name need the same change.',
  },
  check(ctx) {
    const { file } = ctx;
    const seen = new Set<number>();
    for (const attr of file.attributes) {
      if (attr.path !== file.path || seen.has(attr.span.start)) continue;
      seen.add(attr.span.start);
      if (!GENAI_ATTRIBUTE_NAME.test(attr.name)) continue;
      const entry = deprecatedGenAiAttribute(attr.name);
      if (!entry) continue;
      const inside = literalInside(file.text, attr.span, attr.name);
      if (!inside) continue;
      // Code that already sets the new key next to the old one (often with other data under the old name) would
      // get two writes to one key from a rename: no fix, and say so.
      if (entry.renamedTo && file.attributes.some((a) => a.path === file.path && a.name === entry.renamedTo)) {
        ctx.report({ span: attr.span, message: `\`${attr.name}\` is deprecated in the GenAI semantic conventions; this file already sets \`${entry.renamedTo}\`, so remove the old key once nothing reads it` });
      } else if (entry.renamedTo) {
        const fix: Fix = {
          title: `Rename to ${entry.renamedTo}`,
          edits: [{ start: inside.start, end: inside.end, newText: entry.renamedTo }],
          safety: 'safe',
        };
        ctx.report({ span: attr.span, message: `\`${attr.name}\` is deprecated in the GenAI semantic conventions; use \`${entry.renamedTo}\``, fix });
      } else {
        ctx.report({
          span: attr.span,
          message: `\`${attr.name}\` is deprecated in the GenAI semantic conventions with no plain rename; use ${entry.instead ?? 'the current `gen_ai.*` attributes'}`,
        });
      }
    }
  },
});
