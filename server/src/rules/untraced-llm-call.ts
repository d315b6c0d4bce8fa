import * as path from 'node:path';
import { usedByOtherModules } from '../core/agent-sharing';
import { agentsJsTracingOff } from '../core/agents-js-tracing';
import { spreadMaySet } from '../core/call-site-options';
import { genAiOperation } from '../core/genai-operation';
import type { CodeWriter } from '../core/code-writer';
import { declaredNpmMajor } from '../core/manifests';
import { bypassesObservabilityGateway } from '../core/observability-gateway';
import { defineRule } from '../core/rule';
import { semanticKernelDiagnosticsOn } from '../core/semantic-kernel-tracing';
import { lineBreakOf } from '../core/text';
import type { FileFacts, Fix, LlmCallSite, RequestTiming, TextEdit } from '../core/types';
import { litellmCallbacksLog, loggingGateway, throughVercelGateway, tracedBySdk } from '../core/topology';
import { callName } from '../core/types';
import { isTestEnvFile, isTestFile } from '../core/test-paths';
import { langsmithTracing, pythonEnvSetTrue, type WorkspaceView, instrumentsFile, isSdkOnlyInstrumentation } from '../core/workspace-view';

/** AI SDK calls with telemetry turned on emit their own GenAI spans (`telemetry` is AI SDK 7's name for the option). */
function aiSdkTelemetry(site: LlmCallSite): 'on' | 'off' | 'absent' {
  const opt = telemetryOption(site);
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
      'An LLM call (through an SDK such as openai, anthropic, google-genai, LiteLLM, LangChain, LlamaIndex, the AI SDK, the ollama Python package, Mistral\'s SDK or boto3\'s Bedrock Runtime client) is usually the slowest and most expensive step of a request — seconds of latency and a per-token bill — yet without a span of its own it disappears into the parent HTTP span: you cannot tell model latency from your own, see time to first token, which model answered, or how many tokens each request used.',
      '',
      'The OpenTelemetry GenAI semantic conventions define a `chat {model}` CLIENT span with `gen_ai.request.model`, `gen_ai.usage.input_tokens` and `gen_ai.usage.output_tokens`, and the metrics `gen_ai.client.operation.duration` and `gen_ai.client.token.usage`. Instrumentation packages emit them without code changes: `@opentelemetry/instrumentation-openai`, OpenLLMetry (`@traceloop/node-server-sdk`, `traceloop-sdk`), OpenInference, Langfuse (its OpenAI wrapper, `from langfuse.openai import openai` / `observeOpenAI`, its LangChain callback handler and its `observe` decorator; not its bare `Langfuse()` client, which records only the generations the code writes, nor the package merely listed as a dependency), `opentelemetry-instrumentation-openai-v2`, `opentelemetry-instrumentation-ollama` / `openinference-instrumentation-ollama` for the ollama package, `opentelemetry-instrumentation-mistralai` / `openinference-instrumentation-mistralai` for Mistral\'s SDK (and, in Python, the mistralai SDK\'s own GenAI spans, which it makes once the application sets an OpenTelemetry tracer provider: `trace.set_tracer_provider(…)`, `logfire.configure()`, `configure_azure_monitor()`; counted for Mistral calls only), OpenTelemetry\'s `opentelemetry-instrumentation-botocore` (its Bedrock Runtime extension), azure-ai-inference\'s own `AIInferenceInstrumentor().instrument()` (from `azure.ai.inference.tracing`) for that SDK\'s `ChatCompletionsClient.complete(…)` calls only, `opentelemetry-instrumentation-bedrock` (OpenLLMetry) or `openinference-instrumentation-bedrock` for AWS Bedrock through boto3 (`boto3.client("bedrock-runtime")`: `converse`, `converse_stream`, `invoke_model`, `invoke_model_with_response_stream`; the botocore instrumentation counts for those calls only, since it traces no other SDK), LlamaIndex\'s global handler (`set_global_handler("langfuse")` and the like, not `"simple"`, which only prints) or a `LlamaIndexInstrumentor` for LlamaIndex LLMs, a Haystack tracer (`tracing.enable_tracing(…)` with any tracer but its `LoggingTracer`, which only logs, or the `LangfuseConnector`) or OpenLLMetry\'s `opentelemetry-instrumentation-haystack` for Haystack generators, Semantic Kernel\'s own spans for its OpenAI connectors\' requests (`get_chat_message_content` and its siblings), which it records only when `SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS` (or `…_SENSITIVE`) is true in a workspace env file or set true by the code (not in a test suite); the Vercel AI SDK emits them with `experimental_telemetry: { isEnabled: true }` up to version 6 (for an agent, `new ToolLoopAgent({ … })` or AI SDK 5\'s `Experimental_Agent`, in its settings, which every request of its runs is made with: the agent is reported there); a call or agent whose options spread other objects (`...telemetryOptions()`, an agent\'s `prepareCall`) may carry it and is left alone, unless the spread is an object literal or a `const` bound to one that nothing changes (`...commonOptions`), whose telemetry option, or its absence, counts as written in the call; Python agent frameworks are reported at the agent construction, whose settings every request of its runs uses: an OpenAI Agents SDK `Agent(…)` (`from agents import Agent`) is traced by the SDK itself on every run (to the OpenAI Traces dashboard) and is reported only when tracing is turned off for every run (`set_tracing_disabled(True)`, `OPENAI_AGENTS_DISABLE_TRACING=1` in an env file or set by the code; not by a test suite, in a test module, `conftest.py` or an env file such as `.env.test`, which never reaches the served process) or by each run of the agent found in its module (`Runner.run(agent, q, run_config=RunConfig(tracing_disabled=True))`, the config written in place or bound to a name), unless another module imports the agent and may run it traced (the JavaScript SDK\'s `new Agent({…})` / `Agent.create({…})` from `@openai/agents` likewise, reported only when `setTracingDisabled(true)` certainly runs before its runs: at the top level of its module or of a workspace module it imports, or earlier in the function that builds it; or when OPENAI_AGENTS_DISABLE_TRACING is exactly `true` or `1`, the only values that SDK reads as on; a switch on some branch, in a function run later, or in a module only another route loads is not certain), while a pydantic-ai `Agent(…)` records spans only when instrumented (`instrument=True` or an `InstrumentationSettings`, `Agent.instrument_all()`, `logfire.instrument_pydantic_ai()`), and from version 7 (which has no OpenTelemetry code of its own) through a telemetry integration registered with `registerTelemetry(new OpenTelemetry())` from `@ai-sdk/otel` (or passed per call in `telemetry.integrations`), which turns telemetry on for every call unless one sets `isEnabled: false`. Vendor SDKs that patch the LLM clients with one set-up call record the same per call and count too: `logfire.instrument_openai()` (and its Anthropic, LiteLLM, Google GenAI and pydantic-ai siblings), `weave.init()`, Laminar\'s `Laminar.initialize()` (`lmnr`, `@lmnr-ai/lmnr`; not when told to instrument nothing, `instruments=set()`), Braintrust `wrap_openai` / `wrapOpenAI`, Sentry with tracing on (`sentry_sdk.init(traces_sample_rate=…)` or a `traces_sampler`, also given through an options dict built in the code, `sentry_sdk.init(**opts)`; options spread from a dict that cannot be read may turn it on and count; its OpenAI, Anthropic and LangChain integrations switch on by themselves, unless `auto_enabling_integrations=False` or `default_integrations=False` leaves only those listed in `integrations=[…]`; in JavaScript its `openAIIntegration()`-style integrations written with `tracesSampleRate`, or `Sentry.init({ tracesSampleRate })` alone when every package.json allows no Node SDK older than 10.28, which turns them on by default), and Datadog `LLMObs.enable()`, `llmobs` in `dd-trace`, or `DD_LLMOBS_ENABLED=1` in a workspace env file for `ddtrace-run`; a commented-out set-up line does not. LangChain calls are traced by LangSmith, and not reported, when its tracing is switched on in a workspace env file (`LANGCHAIN_TRACING_V2=true`, `LANGSMITH_TRACING=true`) or by the code of the same language, with a literal true, outside its tests (`os.environ["LANGCHAIN_TRACING_V2"] = "true"`, `os.environ.setdefault("LANGSMITH_TRACING", "true")`, `process.env.LANGCHAIN_TRACING_V2 = \'true\'`); a value read from settings may be off and does not count. A LangChain run handed callbacks (in its config, `invoke(input, { callbacks })` in LangChain.js, `invoke(q, config={"callbacks": [handler]})` or a `RunnableConfig(callbacks=…)` in Python, or where its model is built) may be traced by one of them (Langfuse\'s handler) and is left alone; an empty list hands nothing over. A LangChain chain is a call of the chat model it runs: a pipe (`prompt | llm | StrOutputParser()`), a map step holding the model (`{"answer": prompt | llm, "docs": …}`, `RunnableParallel(…)`, `.assign(answer=…)`), `create_stuff_documents_chain(llm, prompt)` and the `create_retrieval_chain(retriever, …)` or `RunnableWithMessageHistory(…)` around it, also when a method or function builds the chain, or a function of another module pipes the model its caller hands it (`create_rag_chain(retriever, prompt, llm)`). In Python so is a run of LangGraph\'s prebuilt agent (`agent = create_react_agent(model, tools, prompt=…)`, or LangChain 1.0\'s `create_agent(model, tools, system_prompt=…)`, then `agent.invoke(…)`) around a model the code builds, which calls it on every step. In LangChain.js so is an agent or legacy chain built around a chat model the code constructs (`createReactAgent({ llm })` from `@langchain/langgraph/prebuilt`, `createAgent({ model })` from `langchain`, an `AgentExecutor` over `createToolCallingAgent({ llm, … })` or a runnable holding the model, `RetrievalQAChain.fromLLM(llm, retriever)`, `new LLMChain({ llm, prompt })`), also when a function of another module builds it; the `callbacks` it is built with reach its runs as a model\'s do, and one around a model the code is handed is not reported. LiteLLM SDK calls (`litellm.completion`, a `Router`) are also traced by the callbacks registered in code (`litellm.callbacks = ["otel"]`, `litellm.success_callback = ["langfuse"]`, a handler object), except metrics- or storage-only ones (`prometheus`, `s3`, …).',
      '',
      'The rule fires only when the project has none of these for the call\'s language (a Python instrumentor traces no Node process, and the reverse; set-ups made by the environment count for both) and the call is not inside a manually started span (also one a helper of the workspace opens and returns, `const span = startLlmSpan(model)` with `return tracer.startSpan(…)` in it and the span ended elsewhere, or a wrapper of the workspace that starts one around the function it is handed). A call whose client points at a LiteLLM proxy of the workspace that traces every call (`litellm_settings.success_callback: ["langfuse"]`, `otel`, or another tracing integration among `callbacks`; Prometheus metrics and stored logs are not traces) is traced there. So is a project that sends its calls through an observability gateway (a Helicone URL or `Helicone-Auth` header, Portkey\'s hosted gateway `api.portkey.ai` (its URL, `x-portkey-api-key` header, the SDKs\' `PORTKEY_GATEWAY_URL` / `createHeaders`, or a `Portkey(…)` client without a base URL; not a self-hosted Portkey gateway), Cloudflare AI Gateway `gateway.ai.cloudflare.com`), whose dashboards record each request\'s latency, tokens and cost (not the calls of a client that a literal base URL points at another host, or that goes straight to its provider with no base URL and no base-URL variable defined in the workspace or read by its code, or a raw HTTP request to a provider\'s own URL, as direct-provider-endpoint reports it: those are still checked), and so is a call that goes through the Vercel AI Gateway (an AI SDK 5+ call with a plain model string such as `model: \'openai/gpt-5\'` or a `gateway(…)` model, unless `globalThis.AI_SDK_DEFAULT_PROVIDER` names another provider); the project\'s other calls are still checked.',
      'Firebase Genkit calls (`ai.generate(…)`, `ai.generateStream(…)` on a `genkit({…})` instance) are traced by Genkit itself: every generate runs in a `generate` span (the model in a span of its own) that records the response and its usage, exported to the dev UI or, with a telemetry plugin, to Firebase / Google Cloud. They are not reported.',
      'A Mastra agent (`new Agent({ … })` from `@mastra/core/agent`) is reported at its construction. Mastra records its runs (agent run and model generation spans, usage included) only when its Mastra instance is given an observability config (`observability: new Observability({ … })` from `@mastra/observability` in 1.x, or the file-based `src/mastra/observability.ts`; `telemetry: { … }` or `observability: { default: { enabled: true } }` in 0.x): the agent is reported only when no file of its package (the directory of the nearest package.json) sets one up and the project has no GenAI instrumentation. It gets no fix.',
      '',
      "**The latency split.** A handler that times only the whole request — a `performance.now()` / `Date.now()` / `time.perf_counter()` pair, a `histogram.record(…)`, a timing middleware, or a span named for the request (`POST /api/chat`, a SERVER span) — still cannot say how much of that time was the model: retrieval, database calls and serialization are in the same number. The rule says so when it sees such a measurement and the call has no span of its own, and the fix gives the call a `chat {model}` CLIENT span (its duration is the operation duration; with an OpenTelemetry meter in the file it also records the `gen_ai.client.operation.duration` histogram in seconds). For a stream read right away it records `gen_ai.response.time_to_first_chunk`, the number users feel.",
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
          {
        language: 'typescript',
        filename: 'app/api/answer/route.ts',
        code: `import OpenAI from 'openai';

const client = new OpenAI({ timeout: 120_000 });

export async function POST(req: Request) {
  const started = performance.now();
  const { question } = await req.json();
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  console.log('POST /api/answer', performance.now() - started, 'ms');
  return Response.json({ answer: completion.choices[0].message.content, usage: completion.usage });
}
`,
      },
      {
        language: 'python',
        code: `from fastapi import FastAPI
from openai import AsyncOpenAI
from opentelemetry import trace

app = FastAPI()
client = AsyncOpenAI(timeout=120)
tracer = trace.get_tracer(__name__)


@app.post("/answer")
async def answer(question: str):
    with tracer.start_as_current_span("POST /answer", kind=trace.SpanKind.SERVER):
        completion = await client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
        return {"answer": completion.choices[0].message.content, "tokens": completion.usage.total_tokens}
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
          {
        language: 'typescript',
        filename: 'app/api/answer/route.ts',
        code: `import OpenAI from 'openai';
import { SpanKind, trace } from '@opentelemetry/api';

const client = new OpenAI({ timeout: 120_000 });
const tracer = trace.getTracer('app');

export async function POST(req: Request) {
  const started = performance.now();
  const { question } = await req.json();
  const completion = await tracer.startActiveSpan('chat gpt-4o', { kind: SpanKind.CLIENT }, async (span) => {
    try {
      return await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
    } finally {
      span.end();
    }
  });
  console.log('POST /api/answer', performance.now() - started, 'ms');
  return Response.json({ answer: completion.choices[0].message.content, usage: completion.usage });
}
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
      'Unsafe. AI SDK up to 6: adds `experimental_telemetry: { isEnabled: true }` (spans appear once an OpenTelemetry tracer provider is registered); AI SDK 7 gets no fix, since the option alone makes no span (register an integration at start-up). Python: wraps the statement that makes the call in `with tracer.start_as_current_span("chat {model}", kind=trace.SpanKind.CLIENT, attributes={...}):` (`generate_content {model}` for Gemini, by SDK or over HTTP, `text_completion {model}` for OpenAI\'s legacy Completions API (`completions.create`, openai < 1.0 `Completion.create`), ollama\'s and Cohere\'s `generate()` and Hugging Face text generation) (the module\'s `tracer` when it has one, else `trace.get_tracer(__name__)`, importing `opentelemetry.trace`), which needs `opentelemetry-api` installed; a stream, a call in a lambda, a call in a comprehension or generator expression (one span would time every item) a run of a LangGraph prebuilt agent (one span would time all its steps and tools as one model call) and a LlamaIndex engine\'s `query` / `chat` or a Haystack pipeline\'s `run` (one span would time its retrieval, its other components and every request it makes as one model call) get none. Other TypeScript calls get no automatic fix (add a GenAI instrumentation package at start-up, or wrap the call in a `chat {model}` span) except inside a handler that times or traces only the whole request (the latency split): there an awaited call is wrapped in `startActiveSpan(\'chat {model}\', { kind: SpanKind.CLIENT, attributes }, …)` (its operation named as in Python) (the module\'s `tracer`, else `trace.getTracer(\'gen_ai\')`) ending in `finally`, recording `gen_ai.client.operation.duration` when the file has a meter or that histogram; a stream read right away by a `for await` loop is wrapped together with its loop and records `gen_ai.response.time_to_first_chunk` on the first chunk. Other streams get no fix. In a project that traces with Sentry with its AI integrations off, a Python call gets no span (nothing would export it; the message names the Sentry integration to list) unless its module has an OpenTelemetry `tracer` of its own. A DSPy `dspy.LM(…)` makes no spans of its own and is reported at its construction unless the project instruments it (`mlflow.dspy.autolog()`, not switched off; OpenInference\'s `DSPyInstrumentor`; or any GenAI instrumentation) or the LM is given `callbacks=`; it gets no fix. So is a smolagents API model (`LiteLLMModel(…)`, `OpenAIServerModel(…)`, `InferenceClientModel(…)`; local models send no request), which makes no spans of its own, unless the project instruments it (OpenInference\'s `SmolagentsInstrumentor`, or any GenAI instrumentation); no fix. A pydantic-ai agent gets `instrument=True` in its construction (its spans reach a backend once an OpenTelemetry tracer provider or `logfire.configure()` is set up); an OpenAI Agents SDK agent gets none (turn its tracing back on, or instrument it). A Google ADK agent (`Agent(…)` / `LlmAgent(…)` from `google.adk.agents`) is never reported: ADK opens a `call_llm` span with GenAI attributes (model, token usage) around every model request of its runs.',
  },
  defaultOptions: {},
  check(ctx) {
    const { file, writer } = ctx;
    const instrumented = instrumentsFile(ctx.workspace, file);
    // A gateway that observes the calls routed through it says nothing of a client pointed elsewhere.
    if (instrumented && !file.callSites.some((s) => bypassesObservabilityGateway(ctx.workspace, file, s))) return;
    let langsmith: boolean | undefined;
    // The nearest package.json decides for the whole file: read once, on the first AI SDK call.
    let major: number | undefined;
    const aiSdkMajor = () => (major ??= declaredNpmMajor(ctx.workspace.readText, ctx.workspace.root, file.path, 'ai') ?? 0);
    for (const site of file.callSites) {
      const bypass = instrumented ? bypassesObservabilityGateway(ctx.workspace, file, site) : null;
      if (instrumented && !bypass) continue;
      // OpenTelemetry's botocore instrumentation traces boto3's Bedrock calls and nothing else.
      if (site.sdk === 'boto3' && instrumentsFile(ctx.workspace, file, 'boto3')) continue;
      // The Mistral instrumentors trace Mistral's SDK alone, and so does the SDK itself under a tracer provider.
      if (site.sdk === 'mistral' && instrumentsFile(ctx.workspace, file, 'mistral')) continue;
      // azure-ai-inference's AIInferenceInstrumentor traces that SDK's ChatCompletionsClient alone.
      if (site.sdk === 'azure-ai-inference' && instrumentsFile(ctx.workspace, file, 'azure-ai-inference')) continue;
      // Genkit traces every generate itself.
      if (tracedBySdk(site)) continue;
      // Semantic Kernel traces its connectors' requests itself once its model diagnostics are switched on.
      if (site.sdk === 'semantic-kernel' && semanticKernelDiagnosticsOn(ctx.workspace)) continue;
      // A span named for the request (`POST /api/chat`) around the call is not the call's own span.
      const timing = site.requestTiming;
      if (site.inSpan !== false && timing?.kind !== 'span') continue;
      if (site.sdk === 'langchain' && (langsmith ??= langsmithTracing(ctx.workspace, file.language))) continue;
      // Callbacks handed to the run or its model, or a model built out of sight, may hold a tracer (Langfuse's handler).
      if (site.callbacksMayTrace) continue;
      // The LiteLLM gateway the call goes through logs it (success_callback: langfuse, otel, …).
      if (loggingGateway(site, ctx.workspace, { traces: true })) continue;
      // …and so do LiteLLM's own callbacks, registered in code (`litellm.callbacks = ["otel"]`).
      if (litellmCallbacksLog(site, ctx.workspace, { traces: true })) continue;
      // …and so does the Vercel AI Gateway.
      if (throughVercelGateway(site, ctx.workspace)) continue;
      let fix: Fix | undefined;
      // Instrumentation of the other language's services (a Python instrumentor in a polyglot repository) records none
      // of these calls: say so rather than "none".
      const other = ctx.workspace.instrumentation.some((id) => !isSdkOnlyInstrumentation(id));
      let why = bypass
        ? `runs without a span and ${site.sdk === 'http' ? 'the request' : 'its client'} goes to ${bypass}, which the project's observability gateway never sees, so`
        : other
        ? `runs without a span and the project's GenAI instrumentation is for ${file.language === 'python' ? 'JavaScript/TypeScript' : 'Python'} code only, so`
        : 'runs without a span and the project has no GenAI instrumentation, so';
      // The project traces with Sentry, its AI integrations switched off: Sentry's own integration is the remedy, and an
      // OpenTelemetry span would go to no backend (nothing exports it; opentelemetry-api may not even be installed).
      const sentry = file.language === 'python' && !bypass ? sentryWithoutAi(ctx.workspace) : null;
      if (sentry) {
        const integration = Object.hasOwn(SENTRY_INTEGRATION, site.sdk) ? SENTRY_INTEGRATION[site.sdk] : null;
        why = `runs without a span and the project traces with Sentry with its AI integrations off (${sentry.off} in ${sentry.where}${integration ? `; ${integration}() in its integrations would trace this call` : ''}), so`;
      }
      // `generateText({ ...telemetryOptions(), model, prompt })`, an agent's `prepareCall`: telemetry may be in there.
      if (site.sdk === 'ai-sdk' && !telemetryOption(site) && spreadMayHoldTelemetry(site)) continue;
      // ADK opens a `call_llm` span with GenAI attributes (model, token usage) around every model request of its runs,
      // in whatever tracer provider the process sets up (catalog GOOGLE_ADK.tracing).
      if (site.sdk === 'google-adk') continue;
      if (site.sdk === 'openai-agents') {
        // The Agents SDK traces every run (to the OpenAI Traces dashboard) unless tracing is turned off, for every run
        // or by each run of the agent (when no other module may run it).
        const perRun = site.agentRunsUntraced && !usedByOtherModules(site.path, site.agentRunsUntraced.sharedNames, ctx.workspace);
        const off =
          site.language === 'python'
            ? (agentsTracingOff(ctx.workspace) ?? (perRun ? 'RunConfig(tracing_disabled=True) on each of its runs' : null))
            : agentsJsTracingOff(ctx.workspace, site);
        if (!off) continue;
        why = `runs with the OpenAI Agents SDK's tracing turned off (${off}) and ${bypass || other ? 'no GenAI instrumentation for it' : 'the project has no GenAI instrumentation'}, so`;
      } else if (site.sdk === 'pydantic-ai') {
        // `instrument=…` (not False), or a `capabilities` list that may hold an `Instrumentation`, or options unseen.
        const own = site.args.options.instrument?.value;
        if ((own && !(own.kind === 'boolean' && !own.value)) || site.args.options.capabilities || site.args.hasSpread) continue;
        why = `runs without pydantic-ai instrumentation (instrument=True, Agent.instrument_all() or logfire.instrument_pydantic_ai()) and ${bypass || other ? 'no GenAI instrumentation for it' : 'the project has no GenAI instrumentation'}, so`;
        if (!own && writer) {
          const edits = writer.addOption(site.args, 'instrument', true, file.text);
          if (edits.length) fix = { title: 'Instrument the agent (instrument=True)', edits, safety: 'unsafe' };
        }
      } else if (site.sdk === 'mastra') {
        // Mastra records its runs (usage included) once its Mastra instance is given an observability config.
        if (configuresMastraObservability(ctx.workspace, site.path)) continue;
        why = `runs without Mastra observability (no \`observability\` or \`telemetry\` config on a Mastra instance of the workspace) and ${bypass || other ? 'no GenAI instrumentation for it' : 'the project has no GenAI instrumentation'}, so`;
      } else if (site.sdk === 'dspy') {
        // DSPy makes no spans of its own (catalog DSPY_LM.tracing); a span fix around the construction would time nothing.
        why = `sends every request of the DSPy programs configured with it without DSPy instrumentation (mlflow.dspy.autolog() or OpenInference's DSPyInstrumentor) and ${bypass || other ? 'no GenAI instrumentation for it' : 'the project has no GenAI instrumentation'}, so`;
      } else if (site.sdk === 'smolagents') {
        // smolagents makes no spans of its own (catalog SMOLAGENTS.tracing); a span around the construction would time nothing.
        why = `sends every request of the agents and calls using it without smolagents instrumentation (OpenInference's SmolagentsInstrumentor) and ${bypass || other ? 'no GenAI instrumentation for it' : 'the project has no GenAI instrumentation'}, so`;
      } else if (site.sdk === 'ai-sdk' && aiSdkMajor() >= 7) {
        // AI SDK 7 makes spans only through a telemetry integration (registerTelemetry(new OpenTelemetry()) from
        // @ai-sdk/otel, or one passed per call), which enables telemetry by default; `isEnabled: true` alone makes none.
        const off = telemetryDisabled(site);
        if (!off && (registersAiSdkTelemetry(ctx.workspace) || perCallIntegrations(site))) continue;
        why =
          off
            ? 'turns AI SDK telemetry off, so'
            : 'runs without an AI SDK telemetry integration (AI SDK 7 makes spans only through one registered with registerTelemetry(), such as @ai-sdk/otel\'s OpenTelemetry), so';
      } else if (site.sdk === 'ai-sdk') {
        const telemetry = aiSdkTelemetry(site);
        // The AI SDK makes its spans only when the call asks for them, whatever tracer the project registers.
        why = `${telemetry === 'off' ? 'turns experimental_telemetry off' : 'runs without experimental_telemetry'}, so the AI SDK records no span and`;
        if (telemetry === 'on') continue;
        if (telemetry === 'absent' && !spreadMayHoldTelemetry(site) && writer) {
          const edits = writer.addOption(site.args, 'experimental_telemetry', { isEnabled: true }, file.text);
          if (edits.length) fix = { title: 'Enable AI SDK telemetry', edits, safety: 'unsafe' };
        }
      } else if (writer?.language === 'python' && site.path === file.path && (!sentry || hasModuleTracer(file.text))) {
        fix = needsPackage(pythonSpanFix(site, file.text, writer), ctx.workspace, 'opentelemetry-api');
      } else if (timing && writer?.language === 'typescript' && site.path === file.path) {
        fix = needsPackage(latencySpanFix(site, file, writer, timing), ctx.workspace, '@opentelemetry/api');
      }
      ctx.report({
        span: site.nameSpan,
        message: timing
          ? `${callName(site)} has no span of its own and ${timingLabel(timing)} measures only the whole request, so model latency cannot be told from request latency${site.streaming ? ' and time to first chunk is not recorded' : ''}`
          : `${callName(site)} ${why} ${tokensClause(site.usage)}`,
        fix,
      });
    }
  },
});

/**
 * What the message can say of the call's tokens: the code reads them itself (logs or stores them), so they are seen,
 * only on no trace; it hands the response on (returned, passed to a helper), so whoever receives it may record them;
 * or nothing reads them.
 */
function tokensClause(usage: LlmCallSite['usage']): string {
  if (usage === 'read') return 'model latency is invisible and the token usage read here belongs to no trace';
  if (usage === 'discarded') return 'model latency and tokens are invisible';
  return 'model latency is invisible and no span carries its token usage';
}

/**
 * What turns the OpenAI Agents SDK's tracing off for every run (catalog/agent-frameworks.ts): `set_tracing_disabled(True)`
 * in a module importing the SDK, or OPENAI_AGENTS_DISABLE_TRACING set to true/1 in an env file or by the code. A
 * run's own `RunConfig(tracing_disabled=True)` is the agent's (`agentRunsUntraced`), not every run's. Test suites switch
 * tracing off to keep their runs off the dashboard (a conftest.py, a `.env.test`): that never reaches the served process.
 */
function agentsTracingOff(ws: WorkspaceView): string | null {
  let known = agentsTracing.get(ws);
  if (known === undefined) {
    known = null;
    const production = (f: { path: string }) => !isTestFile(f.path, ws.root, 'python', (q) => ws.readText(q) !== undefined);
    if (ws.envDefinitions.some((d) => d.name === 'OPENAI_AGENTS_DISABLE_TRACING' && /^(true|1)$/i.test((d.value ?? '').trim()) && !isTestEnvFile(d.path, ws.root))) known = 'OPENAI_AGENTS_DISABLE_TRACING';
    for (const f of ws.files()) {
      if (known || f.language !== 'python') continue;
      if (AGENTS_TRACING_DISABLED_IN_CODE.test(f.text)) {
        if (production(f)) known = 'OPENAI_AGENTS_DISABLE_TRACING';
      } else if (/^[ \t]*(?:from[ \t]+agents\b|import[ \t]+agents\b)/m.test(f.text) && /^(?![ \t]*#)[^\n]*\bset_tracing_disabled\s*\(\s*(?:disabled\s*=\s*)?True\s*\)/m.test(f.text) && production(f)) {
        known = 'set_tracing_disabled(True)';
      }
    }
    agentsTracing.set(ws, known);
  }
  return known;
}
const agentsTracing = new WeakMap<WorkspaceView, string | null>();
const AGENTS_TRACING_DISABLED_IN_CODE = new RegExp(pythonEnvSetTrue('OPENAI_AGENTS_DISABLE_TRACING'), 'im');

/** Sentry's integration that traces an SDK's calls (sentry_sdk.integrations.*). */
const SENTRY_INTEGRATION: Readonly<Partial<Record<LlmCallSite['sdk'], string>>> = {
  openai: 'OpenAIIntegration',
  anthropic: 'AnthropicIntegration',
  langchain: 'LangchainIntegration',
  litellm: 'LiteLLMIntegration',
  'google-genai': 'GoogleGenAIIntegration',
  'openai-agents': 'OpenAIAgentsIntegration',
  'pydantic-ai': 'PydanticAIIntegration',
};

/** A production Python module of the workspace sets Sentry tracing up with every AI integration off (`sentryTracingWithoutAi`). */
function sentryWithoutAi(ws: WorkspaceView): { off: string; where: string } | null {
  let known = sentryTracing.get(ws);
  if (known === undefined) {
    known = null;
    for (const f of ws.files()) {
      if (f.language !== 'python' || !f.sentryTracingWithoutAi || isTestFile(f.path, ws.root, 'python', (q) => ws.readText(q) !== undefined)) continue;
      known = { off: f.sentryTracingWithoutAi.off.replace(/\s+/g, ' '), where: path.relative(ws.root, f.path).split(path.sep).join('/') };
      break;
    }
    sentryTracing.set(ws, known);
  }
  return known;
}
const sentryTracing = new WeakMap<WorkspaceView, { off: string; where: string } | null>();

/** Some JavaScript/TypeScript file of the workspace registers an AI SDK telemetry integration (`registerTelemetry(…)`). */
function registersAiSdkTelemetry(ws: WorkspaceView): boolean {
  let known = telemetryRegistered.get(ws);
  if (known === undefined) {
    // On a line that is not commented out, and given an integration.
    known = [...ws.files()].some((f) => f.language !== 'python' && /^(?![ \t]*\/\/)[^\n]*(?<![\w$.])registerTelemetry\s*\(\s*[^)\s]/m.test(f.text));
    telemetryRegistered.set(ws, known);
  }
  return known;
}
const telemetryRegistered = new WeakMap<WorkspaceView, boolean>();

/**
 * Some JavaScript/TypeScript file of the agent's package (the directory of the nearest package.json, else the
 * workspace) sets up Mastra's tracing (MASTRA.tracing): a Mastra instance given `observability` (v1, also 0.x AI
 * tracing) or `telemetry` (0.x), a module of `@mastra/observability`, or the file-based `src/mastra/observability.ts`.
 * Which instance of the package an agent is registered with is not followed: any counts.
 */
function configuresMastraObservability(ws: WorkspaceView, file: string): boolean {
  const dir = packageDir(ws, file);
  let known = mastraObservability.get(ws)?.get(dir);
  if (known === undefined) {
    known = [...ws.files()].some(
      (f) =>
        f.language !== 'python' &&
        f.path.startsWith(dir + path.sep) &&
        (/(^|[\\/])mastra[\\/]observability\.[cm]?[jt]s$/.test(f.path) || (/@mastra\//.test(f.text) && /['"]@mastra\/observability['"]|\bnew\s+Mastra\s*\(\s*\{[^]*?\b(observability|telemetry)\s*[:,}]/.test(f.text))),
    );
    if (!mastraObservability.has(ws)) mastraObservability.set(ws, new Map());
    mastraObservability.get(ws)!.set(dir, known);
  }
  return known;
}
const mastraObservability = new WeakMap<WorkspaceView, Map<string, boolean>>();

/** The directory of the nearest package.json above a file, up to the workspace root (the root without one). */
function packageDir(ws: WorkspaceView, file: string): string {
  let dir = path.dirname(file);
  while (dir.startsWith(ws.root) && dir !== ws.root) {
    if (ws.readText(path.join(dir, 'package.json')) !== undefined) return dir;
    dir = path.dirname(dir);
  }
  return ws.root;
}

const TELEMETRY_KEYS = ['telemetry', 'experimental_telemetry'];

/**
 * The call's telemetry option: AI SDK 7's `telemetry`, or `experimental_telemetry` (its deprecated alias, earlier its
 * name), written in the call or set by a spread whose contents are known (`...commonOptions`).
 */
function telemetryOption(site: LlmCallSite): LlmCallSite['args']['options'][string] | undefined {
  for (const k of TELEMETRY_KEYS) {
    // A spread's option is there only when no later entry of the call overrides it, so it wins.
    const opt = site.args.spreadOptions?.[k] ?? site.args.options[k];
    if (opt) return opt;
  }
  return undefined;
}

/** A spread of the call may set telemetry: any spread, unless its keys are known and name neither option. */
function spreadMayHoldTelemetry(site: LlmCallSite): boolean {
  return TELEMETRY_KEYS.some((k) => spreadMaySet(site.args, k));
}

/** AI SDK 7: `telemetry: { isEnabled: false }` (enabled by default once an integration is registered). */
function telemetryDisabled(site: LlmCallSite): boolean {
  const opt = telemetryOption(site)?.value;
  const enabled = opt?.kind === 'object' ? opt.args.options['isEnabled']?.value : undefined;
  return enabled?.kind === 'boolean' && !enabled.value;
}

/** `telemetry: { integrations: [new OpenTelemetry()] }` on the call itself. */
function perCallIntegrations(site: LlmCallSite): boolean {
  const opt = telemetryOption(site)?.value;
  return opt?.kind === 'object' && (!!opt.args.options['integrations'] || opt.args.hasSpread);
}

/** The fix's title says when the code it writes imports a package the workspace does not depend on yet. */
function needsPackage(fix: Fix | undefined, ws: WorkspaceView, pkg: string): Fix | undefined {
  if (!fix || ws.dependencies.size === 0 || ws.dependencies.has(pkg) || [...ws.dependencies].some((d) => d.startsWith(pkg.replace(/-api$|\/api$/, '')))) return fix;
  return { ...fix, title: `${fix.title} (needs the ${pkg} package)` };
}

// ---------------------------------------------------------------------------
// Python: wrap the statement that makes the call in a GenAI CLIENT span.

/** Statements that open a block: wrapping them would put more than the call in the span. */
const PY_COMPOUND = /^(if|elif|else|for|while|with|try|except|finally|def|class|async|match|case|@)\b/;

/**
 * The call's `model` argument as written, when it is a plain name (`MODEL`, `settings.chat_model`,
 * `process.env.CHAT_MODEL`): a value known only at run time (an environment variable with a default) must not be
 * written into the span as the literal the linter guessed. Anything else (a call) is left out, not evaluated twice.
 */
function modelExpression(site: LlmCallSite, text: string): string | null {
  const opt = site.args.options.model;
  if (!opt) return null;
  const expr = text.slice(opt.span.start, opt.span.end).replace(/^\s*["']?model["']?\s*[=:]\s*/, '').trim();
  return /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(expr) ? expr : null;
}

/** `with tracer.start_as_current_span("chat gpt-4o", kind=CLIENT, attributes=…):` around the statement, re-indented. */
function pythonSpanFix(site: LlmCallSite, text: string, writer: CodeWriter): Fix | undefined {
  // A `chat {model}` span would time a whole agent run (several model calls and the tools between them) as one call.
  if (site.agentRun || site.engineRun) return undefined;
  // A `with` block around a stream ends before the chunks are read: the span would time only the first byte.
  if (site.streaming !== false) return undefined;
  const probe = writer.insertStatementBefore(text, site.span.start, 'x');
  const start = probe.start;
  const indent = probe.newText.slice(0, probe.newText.indexOf('x'));
  const end = writer.insertStatementAfter(text, Math.max(site.span.start, site.span.end - 1), 'x').start;
  if (end <= start || site.span.end > end) return undefined;
  const statement = text.slice(start, end);
  // Re-indenting would change multi-line strings and backslash continuations; `a; b` lines hold more than the call.
  if (PY_COMPOUND.test(statement.slice(indent.length)) || /"""|'''|\\[\r\n]|;/.test(statement)) return undefined;
  // Inside a lambda the statement only defines the call: a span around it would time nothing.
  if (/\blambda\b/.test(text.slice(start, site.span.start))) return undefined;
  // In a comprehension or generator expression the statement makes one call per item: one span would time them all.
  if (/\bfor\b[\s\S]*\bin\b/.test(statement.replace(/(["'])(?:\\.|(?!\1)[^\\\r\n])*\1/g, '""'))) return undefined;
  const nl = lineBreakOf(text);
  const unit = indent.startsWith('\t') ? '\t' : '    ';
  const operation = genAiOperation(site);
  const model = site.model.literal ? site.model.value : null;
  const modelCode = model ? JSON.stringify(model) : modelExpression(site, text);
  const name = model ? `${operation} ${model}` : operation;
  const attributes = [`"gen_ai.operation.name": "${operation}"`, ...(modelCode ? [`"gen_ai.request.model": ${modelCode}`] : [])];
  const tracer = hasModuleTracer(text) ? 'tracer' : 'trace.get_tracer(__name__)';
  const header = `with ${tracer}.start_as_current_span(${JSON.stringify(name)}, kind=trace.SpanKind.CLIENT, attributes={${attributes.join(', ')}}):`;
  const edits: TextEdit[] = [{ start, end: start, newText: `${indent}${header}${nl}${unit}` }];
  // Every further line of the statement moves one level in (blank lines stay as they are).
  for (const m of statement.matchAll(/\r\n?|\n/g)) {
    const lineStart = m.index + m[0].length;
    const next = statement.slice(lineStart).search(/[\r\n]/);
    if (statement.slice(lineStart, next < 0 ? undefined : lineStart + next).trim() !== '') edits.push({ start: start + lineStart, end: start + lineStart, newText: unit });
  }
  const imp = writer.ensureImport(text, 'opentelemetry', ['trace']);
  if (imp) edits.push(imp);
  return { title: `Wrap the call in a "${name}" CLIENT span`, edits, safety: 'unsafe' };
}

// ---------------------------------------------------------------------------
// TypeScript: the latency split. The handler measures only the whole request; wrap the awaited call in its own
// `chat {model}` CLIENT span (its duration is gen_ai.client.operation.duration), recorded in a histogram when the file
// has an OpenTelemetry meter.

function timingLabel(t: RequestTiming): string {
  switch (t.kind) {
    case 'span':
      return `the request's ${t.label}`;
    case 'middleware':
      return 'a timing middleware';
    default:
      return `the handler's timer (${t.label})`;
  }
}

/** `name` is declared in the file, or imported from a module other than @opentelemetry/api. */
function clashes(text: string, name: string): boolean {
  if (new RegExp(`^\\s*(export\\s+)?(const|let|var|function|class|enum)\\s+${name}\\b`, 'm').test(text)) return true;
  for (const m of text.matchAll(/import\s+(type\s+)?([\s\S]*?)\s+from\s+['"]([^'"]+)['"]/g)) {
    if (new RegExp(`(^|[\\s,{])${name}([\\s,}]|$)`).test(m[2]) && m[3] !== '@opentelemetry/api') return true;
  }
  return false;
}

function latencySpanFix(site: LlmCallSite, file: FileFacts, writer: CodeWriter, timing: RequestTiming): Fix | undefined {
  const text = file.text;
  // An awaited call; a stream only when its loop follows, so the span ends after the last chunk, not before the first.
  if (site.sdk === 'ai-sdk' || !/\bawait\s+$/.test(text.slice(Math.max(0, site.span.start - 40), site.span.start))) return undefined;
  if (site.streaming !== false && !(site.streaming === true && site.streamLoop)) return undefined;
  const moduleTracer = /^(?:export\s+)?const\s+tracer\s*=\s*trace\.getTracer\(/m.test(text);
  const names = moduleTracer ? ['SpanKind'] : ['SpanKind', 'trace'];
  if (names.some((n) => clashes(text, n))) return undefined;
  const nl = lineBreakOf(text);
  const lineStart = Math.max(text.lastIndexOf('\n', site.span.start - 1) + 1, 0);
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const unit = indent.startsWith('\t') ? '\t' : '  ';
  const operation = genAiOperation(site);
  const model = site.model.literal ? site.model.value : null;
  const modelCode = model ? writer.render(model) : modelExpression(site, text);
  const name = model ? `${operation} ${model}` : operation;
  const attrs = [`'gen_ai.operation.name': '${operation}'`, ...(site.provider === 'openai' || site.provider === 'anthropic' ? [`'gen_ai.provider.name': '${site.provider}'`] : []), ...(modelCode ? [`'gen_ai.request.model': ${modelCode}`] : [])];
  const attributes = `{ ${attrs.join(', ')} }`;
  const histogram = timing.durationHistogram ?? (timing.meter ? `${timing.meter}.createHistogram('gen_ai.client.operation.duration', { unit: 's' })` : null);
  // The call's own continuation lines move two levels in (callback, then try).
  const call = text.slice(site.span.start, site.span.end).replace(/\r?\n/g, (m) => m + unit + unit);
  const tracer = moduleTracer ? 'tracer' : "trace.getTracer('gen_ai')";
  const lines = [
    `${tracer}.startActiveSpan(${writer.render(name)}, { kind: SpanKind.CLIENT, attributes: ${attributes} }, async (llmSpan) => {`,
    ...(histogram ? [`${indent}${unit}const llmStarted = performance.now();`] : []),
    `${indent}${unit}try {`,
    `${indent}${unit}${unit}return await ${call};`,
    `${indent}${unit}} finally {`,
    ...(histogram ? [`${indent}${unit}${unit}${histogram}.record((performance.now() - llmStarted) / 1000, ${attributes});`] : []),
    `${indent}${unit}${unit}llmSpan.end();`,
    `${indent}${unit}}`,
    `${indent}})`,
  ];
  const edits: TextEdit[] = [site.streamLoop ? streamEdit(site.streamLoop, text, { tracer, name: writer.render(name), attributes, histogram, indent, unit, nl }) : { start: site.span.start, end: site.span.end, newText: lines.join(nl) }];
  const imp = writer.ensureImport(text, '@opentelemetry/api', names);
  if (imp) edits.push(imp);
  return { title: `Give the call its own "${name}" CLIENT span`, edits, safety: 'unsafe' };
}

/**
 * `const s = await create({ stream: true })` and the `for await` loop that reads it, wrapped together in the model
 * call's span: the span lasts until the last chunk and records `gen_ai.response.time_to_first_chunk`.
 */
function streamEdit(
  loop: NonNullable<LlmCallSite['streamLoop']>,
  text: string,
  o: { tracer: string; name: string; attributes: string; histogram: string | null; indent: string; unit: string; nl: string },
): TextEdit {
  const { indent: i, unit: u, nl } = o;
  const deeper = (s: string, by: string) => s.replace(/\r?\n(?=[^\r\n])/g, (m) => m + by);
  const statement = deeper(text.slice(loop.statementSpan.start, loop.statementSpan.end), u + u);
  const head = text.slice(loop.loopSpan.start, loop.bodySpan.start).trimEnd();
  const body = (loop.bodyIsBlock ? text.slice(loop.bodySpan.start + 1, loop.bodySpan.end - 1) : text.slice(loop.bodySpan.start, loop.bodySpan.end)).trim();
  const lines = [
    `await ${o.tracer}.startActiveSpan(${o.name}, { kind: SpanKind.CLIENT, attributes: ${o.attributes} }, async (llmSpan) => {`,
    `${i}${u}const llmStarted = performance.now();`,
    `${i}${u}let llmFirstChunk = true;`,
    `${i}${u}try {`,
    `${i}${u}${u}${statement}`,
    `${i}${u}${u}${head} {`,
    `${i}${u}${u}${u}if (llmFirstChunk) {`,
    `${i}${u}${u}${u}${u}llmFirstChunk = false;`,
    `${i}${u}${u}${u}${u}llmSpan.setAttribute('gen_ai.response.time_to_first_chunk', (performance.now() - llmStarted) / 1000);`,
    `${i}${u}${u}${u}}`,
    `${i}${u}${u}${u}${deeper(body, loop.bodyIsBlock ? u + u : u + u + u)}`,
    `${i}${u}${u}}`,
    `${i}${u}} finally {`,
    ...(o.histogram ? [`${i}${u}${u}${o.histogram}.record((performance.now() - llmStarted) / 1000, ${o.attributes});`] : []),
    `${i}${u}${u}llmSpan.end();`,
    `${i}${u}}`,
    `${i}});`,
  ];
  return { start: loop.statementSpan.start, end: loop.loopSpan.end, newText: lines.join(nl) };
}

/** Whether the module defines `tracer = ….get_tracer(…)`; answered once per text (a lint asks once per call). */
let tracerAnswer: { text: string; has: boolean } | null = null;
function hasModuleTracer(text: string): boolean {
  if (tracerAnswer?.text !== text) tracerAnswer = { text, has: /^tracer[ \t]*=[^\n]*get_tracer\(/m.test(text) };
  return tracerAnswer.has;
}
