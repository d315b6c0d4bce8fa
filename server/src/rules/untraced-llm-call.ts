import type { CodeWriter } from '../core/code-writer';
import { defineRule } from '../core/rule';
import { lineBreakOf } from '../core/text';
import type { Fix, LlmCallSite, TextEdit } from '../core/types';

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
      {
        language: 'python',
        code: `from openai import OpenAI

client = OpenAI(timeout=120)


def answer(question: str):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
`,
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
      {
        language: 'python',
        code: `from openai import OpenAI
from opentelemetry import trace

client = OpenAI(timeout=120)
tracer = trace.get_tracer(__name__)


def answer(question: str):
    with tracer.start_as_current_span("chat gpt-4o", kind=trace.SpanKind.CLIENT) as span:
        completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
        span.set_attribute("gen_ai.usage.input_tokens", completion.usage.prompt_tokens)
        span.set_attribute("gen_ai.usage.output_tokens", completion.usage.completion_tokens)
        return completion
`,
      },
    ],
    references: [
      'https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/',
      'https://github.com/open-telemetry/semantic-conventions-genai',
      'https://ai-sdk.dev/docs/ai-sdk-core/telemetry',
      'https://www.npmjs.com/package/@opentelemetry/instrumentation-openai',
    ],
    fixSafety:
      'Unsafe. AI SDK: adds `experimental_telemetry: { isEnabled: true }` (spans appear once an OpenTelemetry tracer provider is registered). Python: wraps the statement that makes the call in `with tracer.start_as_current_span("chat {model}", kind=trace.SpanKind.CLIENT, attributes={...}):` (the module\'s `tracer` when it has one, else `trace.get_tracer(__name__)`, importing `opentelemetry.trace`), which needs `opentelemetry-api` installed. Other TypeScript SDKs have no automatic fix yet: add a GenAI instrumentation package at start-up, or wrap the call in a `chat {model}` span.',
  },
  defaultOptions: {},
  check(ctx) {
    const { file, writer } = ctx;
    if (ctx.workspace.instrumentation.length > 0 || file.instrumentation.length > 0) return;
    // LangChain traces every run to LangSmith when tracing is switched on in the environment.
    const langsmith = ctx.workspace.envDefinitions.some((d) => /^(LANGCHAIN_TRACING_V2|LANGSMITH_TRACING(_V2)?)$/.test(d.name) && /^(true|1)$/i.test(d.value ?? ''));
    for (const site of file.callSites) {
      if (site.inSpan !== false) continue;
      if (langsmith && site.sdk === 'langchain') continue;
      let fix: Fix | undefined;
      if (site.sdk === 'ai-sdk') {
        const telemetry = aiSdkTelemetry(site);
        if (telemetry === 'on') continue;
        if (telemetry === 'absent' && !site.args.hasSpread && writer) {
          const edits = writer.addOption(site.args, 'experimental_telemetry', { isEnabled: true }, file.text);
          if (edits.length) fix = { title: 'Enable AI SDK telemetry', edits, safety: 'unsafe' };
        }
      } else if (writer?.language === 'python' && site.path === file.path) {
        fix = pythonSpanFix(site, file.text, writer);
      }
      ctx.report({
        span: site.nameSpan,
        message: `${site.method} runs without a span and the project has no GenAI instrumentation, so model latency and tokens are invisible`,
        fix,
      });
    }
  },
});

// ---------------------------------------------------------------------------
// Python: wrap the statement that makes the call in a GenAI CLIENT span.

/** Statements that open a block: wrapping them would put more than the call in the span. */
const PY_COMPOUND = /^(if|elif|else|for|while|with|try|except|finally|def|class|async|match|case|@)\b/;

/** `with tracer.start_as_current_span("chat gpt-4o", kind=CLIENT, attributes=…):` around the statement, re-indented. */
function pythonSpanFix(site: LlmCallSite, text: string, writer: CodeWriter): Fix | undefined {
  const probe = writer.insertStatementBefore(text, site.span.start, 'x');
  const start = probe.start;
  const indent = probe.newText.slice(0, probe.newText.indexOf('x'));
  const end = writer.insertStatementAfter(text, Math.max(site.span.start, site.span.end - 1), 'x').start;
  if (end <= start || site.span.end > end) return undefined;
  const statement = text.slice(start, end);
  // Re-indenting would change multi-line strings and backslash continuations; `a; b` lines hold more than the call.
  if (PY_COMPOUND.test(statement.slice(indent.length)) || /"""|'''|\\\r?\n|;/.test(statement)) return undefined;
  const nl = lineBreakOf(text);
  const unit = indent.startsWith('\t') ? '\t' : '    ';
  const operation = site.sdk === 'google-genai' ? 'generate_content' : 'chat';
  const model = site.model.value;
  const name = model ? `${operation} ${model}` : operation;
  const attributes = [`"gen_ai.operation.name": "${operation}"`, ...(model ? [`"gen_ai.request.model": ${JSON.stringify(model)}`] : [])];
  const tracer = /^tracer\s*=\s*[^\n]*get_tracer\(/m.test(text) ? 'tracer' : 'trace.get_tracer(__name__)';
  const header = `with ${tracer}.start_as_current_span(${JSON.stringify(name)}, kind=trace.SpanKind.CLIENT, attributes={${attributes.join(', ')}}):`;
  const edits: TextEdit[] = [{ start, end: start, newText: `${indent}${header}${nl}${unit}` }];
  // Every further line of the statement moves one level in (blank lines stay as they are).
  for (let i = statement.indexOf('\n'); i >= 0 && i < statement.length - 1; i = statement.indexOf('\n', i + 1)) {
    const next = statement.indexOf('\n', i + 1);
    if (statement.slice(i + 1, next < 0 ? undefined : next).trim() !== '') edits.push({ start: start + i + 1, end: start + i + 1, newText: unit });
  }
  const imp = writer.ensureImport(text, 'opentelemetry', ['trace']);
  if (imp) edits.push(imp);
  return { title: `Wrap the call in a "${name}" CLIENT span`, edits, safety: 'unsafe' };
}
