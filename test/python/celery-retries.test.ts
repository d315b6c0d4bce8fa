import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CELERY } from '../../server/src/core/catalog';
import type { RetryConstruct } from '../../server/src/core/types';
import { analyze, analyzeSnippet, initPython, onlySite, slice } from './helpers';

before(initPython);

const HEADER = `import os, random\nimport openai\nfrom celery import Celery, shared_task\nfrom openai import OpenAI\napp = Celery("w")\nclient = OpenAI()\n`;
const CALL = `client.chat.completions.create(model="gpt-4o", messages=[])`;

function retries(code: string): RetryConstruct[] {
  return onlySite(analyzeSnippet(HEADER + code)).retries;
}

function shape(r: RetryConstruct) {
  return { kind: r.kind, label: r.label, attempts: r.attempts, bounded: r.bounded, backoff: r.backoff, jitter: r.jitter, catchesAll: r.catchesAll };
}

describe('Celery task retries', () => {
  it('self.retry in an except Exception around the call: 1 + max_retries attempts, fixed countdown, every error', () => {
    const facts = analyzeSnippet(`${HEADER}@app.task(bind=True, max_retries=2)
def summarize(self, text):
    try:
        return ${CALL}
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60)
`);
    const [r] = onlySite(facts).retries;
    assert.deepEqual(shape(r), { kind: 'decorator', label: 'Celery', attempts: 3, bounded: true, backoff: 'constant', jitter: false, catchesAll: true });
    assert.equal(r.source, 'explicit');
    assert.equal(r.subject, 'policy of Celery task summarize');
    assert.equal(slice(facts, r.headSpan), 'self.retry');
    assert.equal(slice(facts, r.span), '@app.task(bind=True, max_retries=2)');
  });

  it("Celery's defaults when the decorator and the retry call leave them out", () => {
    const [r] = retries(`@shared_task(bind=True)
def summarize(self, text):
    try:
        return ${CALL}
    except:
        raise self.retry()
`);
    assert.equal(CELERY.maxRetries.value, 3);
    assert.deepEqual(shape(r), { kind: 'decorator', label: 'Celery', attempts: 4, bounded: true, backoff: 'constant', jitter: false, catchesAll: true });
    assert.equal(r.source, 'default');
  });

  it('retry(max_retries=…) overrides the task; retry(max_retries=None) keeps it; the task set to None never stops', () => {
    const [a] = retries(`@app.task(bind=True, max_retries=2)
def a(self):
    try:
        return ${CALL}
    except Exception as exc:
        raise self.retry(exc=exc, max_retries=6)
`);
    assert.equal(a.attempts, 7);
    const [b] = retries(`@app.task(bind=True, max_retries=2)
def b(self):
    try:
        return ${CALL}
    except Exception as exc:
        raise self.retry(exc=exc, max_retries=None)
`);
    assert.equal(b.attempts, 3);
    const [c] = retries(`@app.task(bind=True, max_retries=None)
def c(self):
    try:
        return ${CALL}
    except Exception as exc:
        raise self.retry(exc=exc)
`);
    assert.deepEqual([c.attempts, c.bounded], [null, false]);
  });

  it('a countdown grown from self.request.retries backs off; random in it (or in the local it was built in) is jitter', () => {
    const [a] = retries(`@app.task(bind=True)
def a(self):
    try:
        return ${CALL}
    except openai.RateLimitError as exc:
        raise self.retry(exc=exc, countdown=2 ** self.request.retries)
`);
    assert.deepEqual([a.backoff, a.jitter, a.catchesAll], ['exponential', false, false]);
    const [b] = retries(`@app.task(bind=True)
def b(self):
    try:
        return ${CALL}
    except openai.RateLimitError as exc:
        wait = random.uniform(0.5, 1.5) * 2 ** self.request.retries
        raise self.retry(exc=exc, countdown=wait)
`);
    assert.deepEqual([b.backoff, b.jitter], ['exponential', true]);
    const [c] = retries(`@app.task(bind=True, default_retry_delay=0)
def c(self):
    try:
        return ${CALL}
    except Exception as exc:
        raise self.retry(exc=exc)
`);
    assert.equal(c.backoff, 'none');
  });

  it('autoretry_for: retry_kwargs max_retries, retry_backoff with jitter on by default, and what counts as every error', () => {
    const [a] = retries(`@app.task(autoretry_for=(Exception,), retry_kwargs={"max_retries": 5}, retry_backoff=True)
def a(text):
    return ${CALL}
`);
    assert.deepEqual(shape(a), { kind: 'decorator', label: 'Celery', attempts: 6, bounded: true, backoff: 'exponential', jitter: true, catchesAll: true });
    const [b] = retries(`@app.task(autoretry_for=(openai.RateLimitError,), max_retries=2, retry_backoff=True, retry_jitter=False)
def b(text):
    return ${CALL}
`);
    assert.deepEqual(shape(b), { kind: 'decorator', label: 'Celery', attempts: 3, bounded: true, backoff: 'exponential', jitter: false, catchesAll: false });
    const [c] = retries(`@app.task(autoretry_for=[BaseException], retry_kwargs=dict(max_retries=1, countdown=0))
def c(text):
    return ${CALL}
`);
    assert.deepEqual(shape(c), { kind: 'decorator', label: 'Celery', attempts: 2, bounded: true, backoff: 'none', jitter: false, catchesAll: true });
    const [d] = retries(`@app.task(autoretry_for=(Exception,), dont_autoretry_for=(openai.BadRequestError,))
def d(text):
    return ${CALL}
`);
    assert.deepEqual([d.catchesAll, d.backoff, d.attempts], [false, 'constant', 4]);
  });

  it('a function the task calls inside its try is retried with it', () => {
    const facts = analyzeSnippet(`${HEADER}def ask(q):
    return ${CALL}

@app.task(bind=True, max_retries=1)
def answer(self, q):
    try:
        return ask(q)
    except Exception as exc:
        raise self.retry(exc=exc)
`);
    const [r] = onlySite(facts).retries;
    assert.deepEqual([r.label, r.attempts, r.catchesAll], ['Celery', 2, true]);
  });

  it('no retry layer: no retries configured, a retry around something else, a nested def, swallowed errors, other queues', () => {
    const none = (code: string) => assert.deepEqual(retries(code), [], code);
    none(`@app.task
def a(text):
    return ${CALL}
`);
    none(`@app.task(bind=True)
def b(self, url):
    try:
        page = open(url).read()
    except OSError as exc:
        raise self.retry(exc=exc)
    return ${CALL}
`);
    none(`@app.task(bind=True)
def c(self):
    try:
        def later():
            return ${CALL}
        return later
    except Exception as exc:
        raise self.retry(exc=exc)
`);
    none(`@app.task(autoretry_for=(Exception,))
def d(text):
    try:
        return ${CALL}
    except Exception:
        return None
`);
    none(`@app.task(autoretry_for=())
def e(text):
    return ${CALL}
`);
    // Not bound: \`self\` is no task, and \`other.retry\` is not this task's.
    none(`@app.task
def f(self, other):
    try:
        return ${CALL}
    except Exception as exc:
        raise other.retry(exc=exc)
`);
  });

  it('recognises Celery apps imported from a celery module, built by a factory, and current_app; not Huey', () => {
    const task = (decorator: string) => `${decorator}
def summarize(text):
    return ${CALL}
`;
    const auto = '(autoretry_for=(Exception,))';
    const imported = analyze({
      'app/tasks.py': `from openai import OpenAI\nfrom proj.celery import app\nclient = OpenAI()\n${task(`@app.task${auto}`)}`,
    });
    assert.equal(onlySite(imported).retries[0]?.label, 'Celery');
    const inWorkspace = analyze({
      'app/tasks.py': `from openai import OpenAI\nfrom .worker_celery import app\nclient = OpenAI()\n${task(`@app.task${auto}`)}`,
      'app/worker_celery.py': 'from celery import Celery\napp = Celery("w")\n',
    });
    assert.equal(onlySite(inWorkspace).retries[0]?.label, 'Celery');
    const factory = analyzeSnippet(`from openai import OpenAI\nfrom celery import Celery\nfrom app.factory import make_celery\ncelery = make_celery(None)\nclient = OpenAI()\n${task(`@celery.task${auto}`)}`);
    assert.equal(onlySite(factory).retries[0]?.label, 'Celery');
    const current = analyzeSnippet(`from openai import OpenAI\nfrom celery import current_app\nclient = OpenAI()\n${task(`@current_app.task${auto}`)}`);
    assert.equal(onlySite(current).retries[0]?.label, 'Celery');
    const huey = analyzeSnippet(`from openai import OpenAI\nfrom huey import RedisHuey\nhuey = RedisHuey("w")\nclient = OpenAI()\n${task('@huey.task(retries=3, autoretry_for=(Exception,))')}`);
    assert.deepEqual(onlySite(huey).retries, []);
    const both = analyzeSnippet(`from openai import OpenAI\nfrom celery import Celery\nfrom huey import RedisHuey\nhuey = RedisHuey("w")\nclient = OpenAI()\n${task('@huey.task(retries=3, autoretry_for=(Exception,))')}`);
    assert.deepEqual(onlySite(both).retries, []);
  });

  it('autoretry_for around async code run through async_to_sync: the task retries the call (audit 65)', () => {
    const [r] = retries(`from asgiref.sync import async_to_sync


async def remix_logic(text):
    return await ${CALL}


@shared_task(bind=True, autoretry_for=(openai.RateLimitError,), retry_kwargs={"max_retries": 5})
def remix_task(self, text):
    return async_to_sync(remix_logic)(text)
`);
    assert.deepEqual(shape(r), { kind: 'decorator', label: 'Celery', attempts: 6, bounded: true, backoff: 'constant', jitter: false, catchesAll: false });
  });

  it('near miss: a function handed to async_to_sync but never called is not a caller', () => {
    assert.deepEqual(retries(`from asgiref.sync import async_to_sync


async def remix_logic(text):
    return await ${CALL}


@shared_task(bind=True, autoretry_for=(openai.RateLimitError,), retry_kwargs={"max_retries": 5})
def remix_task(self, text):
    runner = async_to_sync(remix_logic)
    return runner
`), []);
  });
});
