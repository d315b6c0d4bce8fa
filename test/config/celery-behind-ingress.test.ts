// A view that queues a Celery task answers at once; the LLM call runs in the worker, which no Ingress fronts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 8000
`;

const TASKS = `from celery import shared_task
from openai import OpenAI

client = OpenAI(timeout=300, max_retries=0)


@shared_task
def summarize(text: str):
    completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])
    print(completion.usage)
    return completion.choices[0].message.content
`;

const QUEUEING_VIEW = `from django.http import JsonResponse

from .tasks import summarize


def start(request):
    job = summarize.delay(request.POST["text"])
    return JsonResponse({"task_id": job.id})
`;

const CALLING_VIEW = `from django.http import JsonResponse
from openai import OpenAI

client = OpenAI(timeout=300, max_retries=0)


def summarize(request):
    completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": request.POST["text"]}])
    print(completion.usage)
    return JsonResponse({"answer": completion.choices[0].message.content})
`;

async function inversions(files: Record<string, string>): Promise<number> {
  const { engine, root } = await engineFor({ 'deploy/ingress.yaml': INGRESS, 'app/__init__.py': '', ...files });
  return engine.lint(path.join(root, 'deploy/ingress.yaml')).findings.filter((f) => f.ruleId === 'timeout-inversion').length;
}

describe('topology: Celery tasks are not behind the web Ingress', () => {
  it('does not compare the Ingress timeout with a call made in a Celery task', async () => {
    assert.equal(await inversions({ 'app/tasks.py': TASKS, 'app/views.py': QUEUEING_VIEW }), 0);
  });

  it('nor with a call made in a Dramatiq actor', async () => {
    const actors = TASKS.replace('from celery import shared_task', 'import dramatiq').replace('@shared_task', '@dramatiq.actor');
    const view = QUEUEING_VIEW.replace('summarize.delay(', 'summarize.send(');
    assert.equal(await inversions({ 'app/tasks.py': actors, 'app/views.py': view }), 0);
  });

  it('still compares it with a call made in the view', async () => {
    assert.equal(await inversions({ 'app/views.py': CALLING_VIEW }), 1);
  });
});
