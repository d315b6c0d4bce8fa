// The usage field names both front ends share (audit 126: Gemini REST's `usageMetadata` read as a dict key).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { namesUsageField, usageFieldName, usageFieldsUnder } from '../../server/src/core/usage-fields';

describe('usage fields', () => {
  it('names each provider\'s usage field, plus a front end\'s own', () => {
    const field = usageFieldName(['amazon-bedrock-invocationMetrics']);
    for (const f of ['usage', 'usageMetadata', 'usage_metadata', 'prompt_eval_count', 'eval_count', 'amazon-bedrock-invocationMetrics']) assert.ok(field.test(f), f);
    for (const f of ['choices', 'candidates', 'usages', 'meta', 'amazon']) assert.ok(!field.test(f), f);
  });

  it('finds the fields in code, Cohere\'s billed units too, but not a bare `tokens`', () => {
    const text = namesUsageField(/get_final_message/);
    assert.ok(text.test('print(event["usageMetadata"])'));
    assert.ok(text.test('log(body["meta"]["billed_units"])'));
    assert.ok(text.test('m = stream.get_final_message()'));
    assert.ok(!text.test('tokens.append(delta)'));
    assert.ok(!text.test('yield chunk["choices"][0]'));
  });

  it('knows the fields under a container, and nothing under an inherited name', () => {
    assert.deepEqual([...usageFieldsUnder('meta')], ['billed_units', 'billedUnits', 'tokens']);
    assert.deepEqual([...usageFieldsUnder('constructor')], []);
    assert.deepEqual([...usageFieldsUnder('choices')], []);
  });
});
