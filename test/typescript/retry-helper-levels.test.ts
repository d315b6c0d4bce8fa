// A retry helper used at two levels multiplies at both (audit 98, rng-trip-manager): generateText() retries its SDK
// call with withRetry(), and runPass() retries generateText() with withRetry() again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const FIXTURE = fs.readFileSync(path.join(__dirname, '../fixtures/retry-amplification/invalid-helper-two-levels.ts'), 'utf8');

describe('retry helpers at two levels', () => {
  it('counts the helper around the callers of the function its callback is written in', async () => {
    const { engine, root } = await engineFor({ 'src/openai.ts': FIXTURE });
    const messages = engine.lint(path.join(root, 'src/openai.ts')).findings.filter((f) => f.ruleId === 'retry-amplification').map((f) => f.message);
    assert.deepEqual(messages, ['Up to 18 attempts per request: withRetry 2 × withRetry 3 × SDK 3; let one layer own retries']);
  });
});
