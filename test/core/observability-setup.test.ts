// Observability set up by a call or a URL counts as GenAI instrumentation for untraced-llm-call and usage-discarded
// (audit 62: Logfire, Weave, Braintrust, Sentry, Datadog and Python Helicone / Cloudflare gateways were missed; Portkey's
// hosted gateway, audit 176).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const PY_CALL = `def ask(q):
    r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
    return r.choices[0].message.content
`;
const TS_CALL = `export async function ask(q: string) {
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
  return r.choices[0].message.content;
}
`;

const LI_CALL = `from llama_index.core.llms import ChatMessage\nfrom llama_index.llms.openai import OpenAI\n\nllm = OpenAI(model="gpt-4o", timeout=30)\n\n\ndef ask(q):\n    return llm.chat([ChatMessage(role="user", content=q)]).message.content\n`;

const HS_CALL = `from haystack.components.generators.chat import OpenAIChatGenerator\nfrom haystack.dataclasses import ChatMessage\n\ngenerator = OpenAIChatGenerator(model="gpt-4o")\n\n\ndef ask(q):\n    return generator.run(messages=[ChatMessage.from_user(q)])["replies"][0].text\n`;

async function telemetryFindings(rel: string, text: string): Promise<string[]> {
  const { engine, root } = await engineFor({ [rel]: text });
  return engine
    .lint(path.join(root, rel))
    .findings.filter((f) => f.ruleId === 'untraced-llm-call' || f.ruleId === 'usage-discarded')
    .map((f) => f.ruleId)
    .sort();
}

const instrumented: Array<[string, string, string]> = [
  ['Logfire', 'app.py', `import logfire\nfrom openai import OpenAI\n\nclient = OpenAI(timeout=60)\nlogfire.configure()\nlogfire.instrument_openai(client)\n\n\n${PY_CALL}`],
  ['Weave', 'app.py', `import weave\nfrom openai import OpenAI\n\nweave.init("proj")\nclient = OpenAI(timeout=60)\n\n\n${PY_CALL}`],
  ['Braintrust (Python)', 'app.py', `from braintrust import init_logger, wrap_openai\nfrom openai import OpenAI\n\ninit_logger(project="x")\nclient = wrap_openai(OpenAI(timeout=60))\n\n\n${PY_CALL}`],
  ['Sentry (Python)', 'app.py', `import sentry_sdk\nfrom sentry_sdk.integrations.openai import OpenAIIntegration\nfrom openai import OpenAI\n\nsentry_sdk.init(dsn="x", traces_sample_rate=1.0, integrations=[OpenAIIntegration()])\nclient = OpenAI(timeout=60)\n\n\n${PY_CALL}`],
  ['Sentry (Python), its OpenAI integration on by default with tracing', 'app.py', `import sentry_sdk\nfrom openai import OpenAI\n\nsentry_sdk.init(dsn="x", traces_sample_rate=0.2)\nclient = OpenAI(timeout=60)\n\n\n${PY_CALL}`],
  ['Datadog (Python)', 'app.py', `from ddtrace.llmobs import LLMObs\nfrom openai import OpenAI\n\nLLMObs.enable(ml_app="x")\nclient = OpenAI(timeout=60)\n\n\n${PY_CALL}`],
  ['Helicone (Python)', 'app.py', `import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(timeout=60, base_url="https://oai.helicone.ai/v1", default_headers={"Helicone-Auth": f"Bearer {os.environ['HELICONE_API_KEY']}"})\n\n\n${PY_CALL}`],
  ['Cloudflare AI Gateway (Python)', 'app.py', `from openai import OpenAI\n\nclient = OpenAI(timeout=60, base_url="https://gateway.ai.cloudflare.com/v1/acct/gw/openai")\n\n\n${PY_CALL}`],
  ['Portkey SDK client (Python)', 'app.py', `import os\n\nfrom portkey_ai import Portkey\n\nclient = Portkey(api_key=os.environ["PORTKEY_API_KEY"], virtual_key="openai-vk")\n\n\n${PY_CALL}`],
  ['OpenAI client through PORTKEY_GATEWAY_URL (Python)', 'app.py', `import os\n\nfrom openai import OpenAI\nfrom portkey_ai import PORTKEY_GATEWAY_URL, createHeaders\n\nclient = OpenAI(timeout=60, base_url=PORTKEY_GATEWAY_URL, default_headers=createHeaders(provider="openai", api_key=os.environ["PORTKEY_API_KEY"]))\n\n\n${PY_CALL}`],
  ['OpenAI client through PORTKEY_GATEWAY_URL (TypeScript)', 'app.ts', `import OpenAI from 'openai';\nimport { PORTKEY_GATEWAY_URL, createHeaders } from 'portkey-ai';\n\nconst client = new OpenAI({ timeout: 60_000, baseURL: PORTKEY_GATEWAY_URL, defaultHeaders: createHeaders({ provider: 'openai', apiKey: process.env.PORTKEY_API_KEY }) });\n\n${TS_CALL}`],
  ['OpenAI client at api.portkey.ai (TypeScript)', 'app.ts', `import OpenAI from 'openai';\n\nconst client = new OpenAI({ timeout: 60_000, baseURL: 'https://api.portkey.ai/v1', defaultHeaders: { 'x-portkey-api-key': process.env.PORTKEY_API_KEY ?? '', 'x-portkey-provider': 'openai' } });\n\n${TS_CALL}`],
  ['Braintrust (TypeScript)', 'app.ts', `import { initLogger, wrapOpenAI } from 'braintrust';\nimport OpenAI from 'openai';\n\ninitLogger({ projectName: 'x' });\nconst client = wrapOpenAI(new OpenAI({ timeout: 60_000 }));\n\n${TS_CALL}`],
  ['Sentry (TypeScript)', 'app.ts', `import * as Sentry from '@sentry/node';\nimport OpenAI from 'openai';\n\nSentry.init({ dsn: 'x', tracesSampleRate: 1.0, integrations: [Sentry.openAIIntegration()] });\nconst client = new OpenAI({ timeout: 60_000 });\n\n${TS_CALL}`],
  ['LlamaIndex global handler', 'app.py', `from llama_index.core import set_global_handler\n\nset_global_handler("langfuse")\n${LI_CALL}`],
  ['OpenInference LlamaIndex instrumentor', 'app.py', `from openinference.instrumentation.llama_index import LlamaIndexInstrumentor\n\nLlamaIndexInstrumentor().instrument()\n${LI_CALL}`],
  ['Haystack OpenTelemetry tracer', 'app.py', `from haystack import tracing\nfrom haystack.tracing import OpenTelemetryTracer\nfrom opentelemetry import trace\n\ntracing.enable_tracing(OpenTelemetryTracer(trace.get_tracer("app")))\n${HS_CALL}`],
  ['OpenLLMetry Haystack instrumentor', 'app.py', `from opentelemetry.instrumentation.haystack import HaystackInstrumentor\n\nHaystackInstrumentor().instrument()\n${HS_CALL}`],
  ['Haystack Langfuse connector', 'app.py', `from haystack_integrations.components.connectors.langfuse import LangfuseConnector\n\ntracer = LangfuseConnector("chat")\n${HS_CALL}`],
  ['Laminar (Python)', 'app.py', `from lmnr import Laminar\nfrom openai import OpenAI\n\nLaminar.initialize()\nclient = OpenAI(timeout=60)\n\n\n${PY_CALL}`],
  ['Laminar (TypeScript)', 'app.ts', `import { Laminar } from '@lmnr-ai/lmnr';\nimport OpenAI from 'openai';\n\nLaminar.initialize({ projectApiKey: process.env.LMNR_PROJECT_API_KEY });\nconst client = new OpenAI({ timeout: 60_000 });\n\n${TS_CALL}`],
  ['Datadog (TypeScript)', 'app.ts', `import tracer from 'dd-trace';\nimport OpenAI from 'openai';\n\ntracer.init({ llmobs: { mlApp: 'x' } });\nconst client = new OpenAI({ timeout: 60_000 });\n\n${TS_CALL}`],
];

const notInstrumented: Array<[string, string, string]> = [
  ['Logfire commented out', 'app.py', `import logfire\nfrom openai import OpenAI\n\nclient = OpenAI(timeout=60)\n# logfire.instrument_openai(client)\n\n\n${PY_CALL}`],
  ['Logfire HTTP spans only', 'app.py', `import logfire\nfrom openai import OpenAI\n\nclient = OpenAI(timeout=60)\nlogfire.instrument_httpx()\n\n\n${PY_CALL}`],
  ['a wrap_openai of its own', 'app.py', `from openai import OpenAI\n\n\ndef wrap_openai(c):\n    return c\n\n\nclient = wrap_openai(OpenAI(timeout=60))\n\n\n${PY_CALL}`],
  ['a wrapOpenAI of its own', 'app.ts', `import OpenAI from 'openai';\n\nconst wrapOpenAI = (c: OpenAI) => c;\nconst client = wrapOpenAI(new OpenAI({ timeout: 60_000 }));\n\n${TS_CALL}`],
  ['Sentry (Python) without tracing', 'app.py', `import sentry_sdk\nfrom sentry_sdk.integrations.openai import OpenAIIntegration\nfrom openai import OpenAI\n\nsentry_sdk.init(dsn="x", traces_sample_rate=0, integrations=[OpenAIIntegration()])\nclient = OpenAI(timeout=60)\n\n\n${PY_CALL}`],
  ['Sentry (TypeScript) without tracing', 'app.ts', `import * as Sentry from '@sentry/node';\nimport OpenAI from 'openai';\n\nSentry.init({ dsn: 'x', integrations: [Sentry.openAIIntegration()] });\nconst client = new OpenAI({ timeout: 60_000 });\n\n${TS_CALL}`],
  ['Laminar told to instrument nothing', 'app.py', `from lmnr import Laminar\nfrom openai import OpenAI\n\nLaminar.initialize(instruments=set())\nclient = OpenAI(timeout=60)\n\n\n${PY_CALL}`],
  ['a Laminar class of its own', 'app.py', `from openai import OpenAI\n\n\nclass Laminar:\n    @staticmethod\n    def initialize():\n        pass\n\n\nLaminar.initialize()\nclient = OpenAI(timeout=60)\n\n\n${PY_CALL}`],
  ['a self-hosted Portkey gateway (Portkey SDK with a base URL)', 'app.py', `from portkey_ai import Portkey\n\nclient = Portkey(base_url="http://localhost:8787/v1", provider="openai", Authorization="Bearer sk-x")\n\n\n${PY_CALL}`],
  ['a self-hosted Portkey gateway (OpenAI client at localhost:8787)', 'app.ts', `import OpenAI from 'openai';\n\nconst client = new OpenAI({ timeout: 60_000, baseURL: 'http://localhost:8787/v1', defaultHeaders: { 'x-portkey-provider': 'openai' } });\n\n${TS_CALL}`],
  ['an llmobs key without dd-trace', 'app.ts', `import OpenAI from 'openai';\n\nexport const settings = { llmobs: false };\nconst client = new OpenAI({ timeout: 60_000 });\n\n${TS_CALL}`],
];

describe('observability set up by a call or a URL', () => {
  for (const [label, rel, text] of instrumented) it(`${label}: the call is traced and its usage recorded`, async () => assert.deepEqual(await telemetryFindings(rel, text), []));
  for (const [label, rel, text] of notInstrumented) {
    it(`near miss, ${label}: still reported`, async () => assert.deepEqual(await telemetryFindings(rel, text), ['untraced-llm-call', 'usage-discarded']));
  }

  it('near miss, LlamaIndex\'s "simple" global handler only prints: still untraced', async () => {
    assert.deepEqual(await telemetryFindings('app.py', `from llama_index.core import set_global_handler\n\nset_global_handler("simple")\n${LI_CALL}`), ['untraced-llm-call']);
  });

  it('near miss, Haystack\'s LoggingTracer only logs: still untraced', async () => {
    const text = `from haystack import tracing\nfrom haystack.tracing.logging_tracer import LoggingTracer\n\ntracing.enable_tracing(LoggingTracer())\n${HS_CALL}`;
    assert.deepEqual(await telemetryFindings('app.py', text), ['untraced-llm-call']);
  });

  it('Datadog switched on by the environment (ddtrace-run with DD_LLMOBS_ENABLED=1 in compose): traced', async () => {
    const app = `from openai import OpenAI\n\nclient = OpenAI(timeout=60)\n\n\n${PY_CALL}`;
    const compose = (value: string) => `services:\n  api:\n    command: ddtrace-run uvicorn app:app\n    environment:\n      DD_LLMOBS_ENABLED: "${value}"\n      DD_LLMOBS_ML_APP: support\n`;
    const lintWith = async (value: string) => {
      const { engine, root } = await engineFor({ 'app.py': app, 'docker-compose.yml': compose(value) });
      return engine.lint(path.join(root, 'app.py')).findings.filter((f) => f.ruleId === 'untraced-llm-call' || f.ruleId === 'usage-discarded').length;
    };
    assert.equal(await lintWith('1'), 0);
    assert.equal(await lintWith('0'), 2, 'near miss: switched off');
  });

  it("Sentry for Node with tracing on instruments the LLM SDKs by default from 10.28 (audit 64, 71)", async () => {
    const instrument = "import * as Sentry from '@sentry/node';\n\nSentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.2 });\n";
    const app = `import './instrument';\nimport OpenAI from 'openai';\n\nconst client = new OpenAI({ timeout: 60_000 });\n\n${TS_CALL}`;
    const lintWith = async (sentry: string, init = instrument) => {
      const { engine, root } = await engineFor({ 'package.json': `{"dependencies":{"openai":"^5.0.0","@sentry/node":"${sentry}"}}`, 'instrument.ts': init, 'app.ts': app });
      return engine.lint(path.join(root, 'app.ts')).findings.filter((f) => f.ruleId === 'untraced-llm-call' || f.ruleId === 'usage-discarded').length;
    };
    assert.equal(await lintWith('^10.30.0'), 0);
    assert.equal(await lintWith('^11.0.0'), 0);
    assert.equal(await lintWith('^10.12.0'), 2, 'near miss: a release that may predate the default integrations');
    assert.equal(await lintWith('^10.30.0', "import * as Sentry from '@sentry/node';\n\nSentry.init({ dsn: process.env.SENTRY_DSN });\n"), 2, 'near miss: tracing off');
  });
});
