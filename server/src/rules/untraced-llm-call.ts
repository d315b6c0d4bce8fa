import { defineRule } from '../core/rule';
import type { Fix, LlmCallSite } from '../core/types';

/** AI SDK calls with telemetry turned on emit their own GenAI spans. */
function aiSdkTelemetry(site: LlmCallSite): 'on' | 'off' | 'absent' {
  const opt = site.args.options['experimental_telemetry'];
  if (!opt) return 'absent';
  if (opt.value.kind === 'object') {
    const enabled = opt.value.args.options['isEnabled'];
    if (!enabled) return opt.value.args.hasSpread ? 'on' : 'off';
    if (enabled.value.kind === 'boolean' && !enabled.value.value) return 'off';
  }
  return 'on';
}

export default defineRule({
  id: 'untraced-llm-call',
  family: 'telemetry',
  severity: 'warning',
  fixable: 'unsafe',
  languages: ['typescript', 'javascript', 'python'],
  docs: {
    summary: 'LLM call with no span around it and no GenAI instrumentation in the project',
    why: [
      'An LLM call is usually the slowest and most expensive step of a request — seconds of latency and a per-token bill — yet without a span of its own it disappears into the parent HTTP span: you cannot tell model latency from your own, see time to first token, which model answered, or how many tokens each request used.',
      '',
      'The OpenTelemetry GenAI semantic conventions define a `chat {model}` CLIENT span with `gen_ai.request.model`, `gen_ai.usage.input_tokens` and `gen_ai.usage.output_tokens`, and the metrics `gen_ai.client.operation.duration` and `gen_ai.client.token.usage`. Instrumentation packages emit them without code changes: `@opentelemetry/instrumentation-openai`, OpenLLMetry (`@traceloop/node-server-sdk`, `traceloop-sdk`), OpenInference, Langfuse, `opentelemetry-instrumentation-openai-v2`; the Vercel AI SDK emits them with `experimental_telemetry: { isEnabled: true }`.',
      '',
      'The rule fires only when the project has none of these and the call is not inside a manually started span.',
    ].join('\n'),
    bad: [
      {
        language: 'typescript',
        code: "import OpenAI from 'openai';\n\nconst client = new OpenAI({ timeout: 120_000 });\n\nexport async function answer(q: string) {\n  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n  return completion;\n}\n",
      },
    ],
    good: [
      {
        language: 'typescript',
        code: "import OpenAI from 'openai';\nimport { trace } from '@opentelemetry/api';\n\nconst client = new OpenAI({ timeout: 120_000 });\nconst tracer = trace.getTracer('app');\n\nexport async function answer(q: string) {\n  return tracer.startActiveSpan('chat gpt-4o', async (span) => {\n    try {\n      const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n      span.setAttribute('gen_ai.usage.input_tokens', completion.usage?.prompt_tokens ?? 0);\n      return completion;\n    } finally {\n      span.end();\n    }\n  });\n}\n",
      },
      {
        language: 'typescript',
        code: "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\n\nexport async function answer(q: string) {\n  return generateText({ model: openai('gpt-4o'), prompt: q, experimental_telemetry: { isEnabled: true } });\n}\n",
      },
    ],
    references: [
      'https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/',
      'https://github.com/open-telemetry/semantic-conventions-genai',
      'https://ai-sdk.dev/docs/ai-sdk-core/telemetry',
      'https://www.npmjs.com/package/@opentelemetry/instrumentation-openai',
    ],
    fixSafety:
      'Unsafe, AI SDK only: adds `experimental_telemetry: { isEnabled: true }` (spans appear once an OpenTelemetry tracer provider is registered). For other SDKs there is no automatic fix yet: add a GenAI instrumentation package at start-up, or wrap the call in a `chat {model}` span.',
  },
  defaultOptions: {},
  check(ctx) {
    const { file, writer } = ctx;
    if (ctx.workspace.instrumentation.length > 0 || file.instrumentation.length > 0) return;
    for (const site of file.callSites) {
      if (site.inSpan !== false) continue;
      let fix: Fix | undefined;
      if (site.sdk === 'ai-sdk') {
        const telemetry = aiSdkTelemetry(site);
        if (telemetry === 'on') continue;
        if (telemetry === 'absent' && !site.args.hasSpread && writer) {
          const edits = writer.addOption(site.args, 'experimental_telemetry', { isEnabled: true }, file.text);
          if (edits.length) fix = { title: 'Enable AI SDK telemetry', edits, safety: 'unsafe' };
        }
      }
      ctx.report({
        span: site.nameSpan,
        message: `${site.method} runs without a span and the project has no GenAI instrumentation, so model latency and tokens are invisible`,
        fix,
      });
    }
  },
});
