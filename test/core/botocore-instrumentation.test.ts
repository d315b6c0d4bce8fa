// OpenTelemetry's botocore instrumentation records boto3's Bedrock Runtime calls as GenAI spans (with their tokens) and
// no other SDK's calls: it silences untraced-llm-call and usage-discarded for boto3 sites only (audit 121).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const APP = `import boto3
from openai import OpenAI

bedrock = boto3.client("bedrock-runtime")
openai_client = OpenAI(timeout=30)


def ask(question: str) -> str:
    response = bedrock.converse(modelId="amazon.nova-lite-v1:0", messages=[{"role": "user", "content": [{"text": question}]}])
    return response["output"]["message"]["content"][0]["text"]


def ask_openai(question: str) -> str | None:
    completion = openai_client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])
    return completion.choices[0].message.content
`;
const SETUP = 'from opentelemetry.instrumentation.botocore import BotocoreInstrumentor\n\nBotocoreInstrumentor().instrument()\n';

async function findings(files: Record<string, string>): Promise<string[]> {
  const { engine, root } = await engineFor(files);
  return engine
    .lint(path.join(root, 'app/main.py'))
    .findings.filter((f) => f.ruleId === 'untraced-llm-call' || f.ruleId === 'usage-discarded')
    .map((f) => `${f.ruleId} ${/converse/.test(f.message) ? 'converse' : 'openai'}`)
    .sort();
}

describe('botocore instrumentation', () => {
  it('traces and counts boto3 Bedrock calls only', async () => {
    const all = ['untraced-llm-call converse', 'untraced-llm-call openai', 'usage-discarded converse', 'usage-discarded openai'];
    assert.deepEqual(await findings({ 'app/main.py': APP }), all);
    assert.deepEqual(await findings({ 'app/main.py': APP, 'app/telemetry.py': SETUP }), ['untraced-llm-call openai', 'usage-discarded openai']);
  });
});
