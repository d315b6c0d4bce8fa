// AI SDK 7 sends telemetry only to integrations (registerTelemetry(new OpenTelemetry()) from @ai-sdk/otel, or
// `telemetry.integrations` per call), enabled by default once one is registered; `isEnabled: true` alone makes no span
// and `experimental_telemetry` is a deprecated alias of `telemetry` (ai@7.0.173 dist/index.d.ts; audit 95).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const CALL = (options: string) => `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';

export async function summarize(transcript: string) {
  const result = await generateText({ model: openai('gpt-4o-mini'), prompt: transcript, abortSignal: AbortSignal.timeout(30_000)${options} });
  return result.text;
}
`;
const REGISTER = "import { registerTelemetry } from 'ai';\nimport { OpenTelemetry } from '@ai-sdk/otel';\n\nregisterTelemetry(new OpenTelemetry());\n";
const pkg = (ai: string) => JSON.stringify({ dependencies: { ai, '@ai-sdk/openai': '^3.0.0', '@ai-sdk/otel': '^1.0.0' } });

async function untraced(files: Record<string, string>): Promise<Array<{ message: string; fix: boolean }>> {
  const { engine, root } = await engineFor(files);
  return engine
    .lint(path.join(root, 'src/summary.ts'))
    .findings.filter((f) => f.ruleId === 'untraced-llm-call')
    .map((f) => ({ message: f.message, fix: !!f.fix }));
}

describe('untraced-llm-call on AI SDK 7', () => {
  it('counts a registered integration for every call, the v7 option name included', async () => {
    assert.deepEqual(await untraced({ 'package.json': pkg('7.0.127'), 'src/instrumentation.ts': REGISTER, 'src/summary.ts': CALL('') }), []);
    assert.deepEqual(await untraced({ 'package.json': pkg('7.0.127'), 'src/instrumentation.ts': REGISTER, 'src/summary.ts': CALL(", telemetry: { functionId: 'summary' }") }), []);
  });

  it('reports a call without an integration, with no isEnabled fix (it would make no span)', async () => {
    const found = await untraced({ 'package.json': pkg('^7.0.0'), 'src/summary.ts': CALL(", experimental_telemetry: { isEnabled: true }") });
    assert.equal(found.length, 1);
    assert.match(found[0].message, /without an AI SDK telemetry integration .*registerTelemetry\(\)/);
    assert.equal(found[0].fix, false);
  });

  it('reports a call that turns telemetry off even with an integration', async () => {
    const found = await untraced({ 'package.json': pkg('7.0.127'), 'src/instrumentation.ts': REGISTER, 'src/summary.ts': CALL(', telemetry: { isEnabled: false }') });
    assert.match(found[0]?.message ?? '', /turns AI SDK telemetry off/);
  });

  it('keeps the experimental_telemetry fix before AI SDK 7', async () => {
    const found = await untraced({ 'package.json': pkg('^6.0.0'), 'src/summary.ts': CALL('') });
    assert.equal(found.length, 1);
    assert.equal(found[0].fix, true);
  });
});
