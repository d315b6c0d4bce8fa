// Sentry's Python SDK counts as GenAI instrumentation only when `sentry_sdk.init(…)` turns tracing on and leaves an AI
// integration running (audit 128: options given through a dict were missed; `auto_enabling_integrations=False`, as
// getsentry/sentry sets it, was counted; the untraced-llm-call fix wrote an OpenTelemetry span nothing exports).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const CALL = `from openai import OpenAI

client = OpenAI(timeout=60)


def suggest_fix(model, message):
    response = client.chat.completions.create(model=model, messages=[{"role": "user", "content": message}])
    return response.choices[0].message.content
`;

const SDK_HEAD = 'import os\n\nimport sentry_sdk\nfrom sentry_sdk.integrations.django import DjangoIntegration\nfrom sentry_sdk.integrations.openai import OpenAIIntegration\n\n\n';

async function lintWith(sdk: string, call = CALL) {
  const { engine, root } = await engineFor({ 'sdk.py': SDK_HEAD + sdk, 'suggest.py': call });
  return engine.lint(path.join(root, 'suggest.py')).findings.filter((f) => f.ruleId === 'untraced-llm-call' || f.ruleId === 'usage-discarded');
}

const traced: Array<[string, string]> = [
  ['tracing set in a dict literal, then by key', 'def init_sentry():\n    opts = {"dsn": os.environ["SENTRY_DSN"], "integrations": [DjangoIntegration()]}\n    opts["traces_sample_rate"] = 0.2\n    sentry_sdk.init(**opts)\n'],
  ['tracing in a module-level dict', 'SENTRY_OPTIONS = {"dsn": "x", "traces_sampler": lambda ctx: 0.1}\n\nsentry_sdk.init(**SENTRY_OPTIONS)\n'],
  ['options from settings that cannot be seen (they may turn tracing on)', 'def init_sentry(settings):\n    sentry_sdk.init(dsn="x", **settings.SENTRY_OPTIONS)\n'],
  ['auto-enabling off, the OpenAI integration listed', 'sentry_sdk.init(dsn="x", traces_sample_rate=1.0, auto_enabling_integrations=False, integrations=[DjangoIntegration(), OpenAIIntegration()])\n'],
  ['auto-enabling on (the default)', 'sentry_sdk.init(dsn="x", traces_sample_rate=1.0, integrations=[DjangoIntegration()])\n'],
  ['enable_tracing=True', 'sentry_sdk.init(dsn="x", enable_tracing=True)\n'],
  ['init imported by name', 'from sentry_sdk import init\n\ninit(dsn="x", traces_sample_rate=0.5)\n'],
];

const untraced: Array<[string, string]> = [
  ['auto_enabling_integrations=False, no AI integration listed', 'def configure_sdk(dsn):\n    sentry_sdk.init(dsn=dsn, traces_sample_rate=1.0, auto_enabling_integrations=False, integrations=[DjangoIntegration()])\n'],
  ['default_integrations=False', 'sentry_sdk.init(dsn="x", traces_sample_rate=1.0, default_integrations=False)\n'],
  ['auto-enabling off in the options dict', 'def init_sentry():\n    opts = {"dsn": "x", "auto_enabling_integrations": False, "integrations": [DjangoIntegration()]}\n    opts["traces_sampler"] = lambda ctx: 0.1\n    sentry_sdk.init(**opts)\n'],
  ['a dict without tracing', 'def init_sentry():\n    opts = {"dsn": "x", "send_default_pii": False}\n    opts["environment"] = "prod"\n    sentry_sdk.init(**opts)\n'],
  ['enable_tracing=False, whatever the rate', 'sentry_sdk.init(dsn="x", traces_sample_rate=1.0, enable_tracing=False)\n'],
  ['traces_sample_rate=None', 'sentry_sdk.init(dsn="x", traces_sample_rate=None)\n'],
];

describe('Sentry (Python) as GenAI instrumentation', () => {
  for (const [label, sdk] of traced) it(`${label}: traced, usage recorded`, async () => assert.deepEqual(await lintWith(sdk), []));
  for (const [label, sdk] of untraced) {
    it(`near miss, ${label}: reported`, async () => assert.deepEqual((await lintWith(sdk)).map((f) => f.ruleId).sort(), ['untraced-llm-call', 'usage-discarded']));
  }

  it('tracing with Sentry, its AI integrations off: says so, and writes no OpenTelemetry span', async () => {
    const [finding] = (await lintWith('sentry_sdk.init(dsn="x", traces_sample_rate=1.0, auto_enabling_integrations=False)\n')).filter((f) => f.ruleId === 'untraced-llm-call');
    assert.match(finding.message, /traces with Sentry with its AI integrations off \(auto_enabling_integrations=False in sdk\.py; OpenAIIntegration\(\) in its integrations would trace this call\)/);
    assert.equal(finding.fix, undefined);
  });

  it('near miss, Sentry without tracing: the OpenTelemetry span fix stays', async () => {
    const [finding] = (await lintWith('sentry_sdk.init(dsn="x", auto_enabling_integrations=False)\n')).filter((f) => f.ruleId === 'untraced-llm-call');
    assert.doesNotMatch(finding.message, /Sentry/);
    assert.match(finding.fix?.title ?? '', /CLIENT span/);
  });

  it('near miss, a module with an OpenTelemetry tracer of its own keeps the span fix', async () => {
    const call = CALL.replace('from openai import OpenAI\n', 'from openai import OpenAI\nfrom opentelemetry import trace\n\ntracer = trace.get_tracer(__name__)\n');
    const [finding] = (await lintWith('sentry_sdk.init(dsn="x", traces_sample_rate=1.0, auto_enabling_integrations=False)\n', call)).filter((f) => f.ruleId === 'untraced-llm-call');
    assert.match(finding.fix?.title ?? '', /CLIENT span/);
  });
});
