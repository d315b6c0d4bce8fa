// mistralai's Python SDK makes a GenAI span per request itself once the application sets an OpenTelemetry tracer
// provider; that counts for Mistral calls only, and the Mistral instrumentors likewise (audit 189).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const APP = `import os

from mistralai import Mistral
from openai import OpenAI

mistral = Mistral(api_key=os.environ["MISTRAL_API_KEY"], timeout_ms=60_000)
openai_client = OpenAI(timeout=60)


def ask_mistral(q: str):
    return mistral.chat.complete(model="mistral-small-latest", messages=[{"role": "user", "content": q}])


def ask_openai(q: str):
    return openai_client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])
`;

const TRACER_PROVIDER = `from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider

trace.set_tracer_provider(TracerProvider())
`;

const INSTRUMENTOR = `from opentelemetry.instrumentation.mistralai import MistralAiInstrumentor

MistralAiInstrumentor().instrument()
`;

async function untraced(files: Record<string, string>): Promise<string[]> {
  const { engine, root } = await engineFor(files);
  return engine.lint(path.join(root, 'app.py')).findings.filter((f) => f.ruleId === 'untraced-llm-call').map((f) => f.message);
}

describe('Mistral SDK tracing', () => {
  it('reports both calls when nothing traces them', async () => {
    const found = await untraced({ 'app.py': APP });
    assert.deepEqual(found.map((m) => m.split(' ')[0]), ['chat.complete', 'chat.completions.create']);
  });

  it('leaves the Mistral call alone under a tracer provider, and still reports the OpenAI one as uninstrumented', async () => {
    const found = await untraced({ 'app.py': APP, 'telemetry.py': TRACER_PROVIDER });
    assert.equal(found.length, 1);
    assert.match(found[0], /^chat\.completions\.create runs without a span and the project has no GenAI instrumentation/);
  });

  it('counts the Mistral instrumentor for Mistral calls only', async () => {
    const found = await untraced({ 'app.py': APP, 'telemetry.py': INSTRUMENTOR });
    assert.equal(found.length, 1);
    assert.match(found[0], /^chat\.completions\.create /);
  });
});
