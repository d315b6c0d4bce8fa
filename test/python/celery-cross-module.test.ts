// A Celery task's retries reach a client call through other modules (tasks.py → services → client module), the
// usual Django/Celery layout (audit 100); editing the task module re-judges the client module.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const CLIENT = `from openai import OpenAI

_client = OpenAI(timeout=60)


def call_model(*, messages):
    response = _client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    return response.choices[0].message.content, response.usage
`;
const SERVICE = `from app.client import call_model


def enrich(review_id):
    return call_model(messages=[{"role": "user", "content": str(review_id)}])
`;
const TASK = (decorator: string) => `from celery import shared_task

from app.services import enrich


${decorator}
def enrich_task(review_id):
    enrich(review_id)
`;

function retryMessages(engine: import('../../server/src/core/engine').Engine, root: string): string[] {
  return engine.lint(path.join(root, 'app/client.py')).findings.filter((f) => f.ruleId === 'retry-amplification').map((f) => f.message);
}

describe('Celery retries across modules', () => {
  it('multiplies the SDK retries of a call two modules below the task, and follows edits of the task', async () => {
    const { engine, root } = await engineFor({
      'app/__init__.py': '',
      'app/client.py': CLIENT,
      'app/services.py': SERVICE,
      'app/tasks.py': TASK('@shared_task(autoretry_for=(Exception,), max_retries=3, retry_backoff=True)'),
    });
    assert.deepEqual(retryMessages(engine, root), ['Up to 12 attempts per request: Celery 4 × SDK 3; let one layer own retries']);
    engine.setFile(path.join(root, 'app/tasks.py'), TASK('@shared_task'));
    assert.deepEqual(retryMessages(engine, root), []);
  });
});
