// httpx times out after 5 s by default; a request that turns that off with timeout=None waits forever (audit 125,
// weaviate/Verba OpenAIGenerator.py). Reported without a fix: no timeout was asked for.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const HEAD = 'import httpx\n\nURL = "https://api.openai.com/v1/chat/completions"\n\n\n';

async function missingTimeout(body: string): Promise<Array<{ message: string; fixed: boolean }>> {
  const { engine, root } = await engineFor({ 'app/llm.py': HEAD + body });
  return engine.lint(path.join(root, 'app/llm.py')).findings.filter((f) => f.ruleId === 'missing-timeout').map((f) => ({ message: f.message, fixed: !!f.fix }));
}

describe('httpx with its timeout turned off', () => {
  it('says a request timeout of None is no timeout at all', async () => {
    assert.deepEqual(await missingTimeout('def ask(body):\n    return httpx.post(URL, json=body, timeout=None).json()\n'), [
      { message: 'post to OpenAI passes a timeout of None, which httpx takes as no timeout at all (its default is 5 s), so a stalled request waits forever', fixed: false },
    ]);
  });

  it('names the client when the None is the client\'s', async () => {
    const body = 'async def ask(body):\n    async with httpx.AsyncClient(timeout=None) as client:\n        return (await client.post(URL, json=body)).json()\n';
    assert.deepEqual(await missingTimeout(body), [
      { message: 'post to OpenAI goes through an httpx client built with a timeout of None, which httpx takes as no timeout at all (its default is 5 s), so a stalled request waits forever', fixed: false },
    ]);
  });

  it('says an httpx.Timeout without a read timeout leaves the wait for data unbounded', async () => {
    assert.deepEqual(await missingTimeout('def ask(body):\n    return httpx.post(URL, json=body, timeout=httpx.Timeout(None, connect=5.0)).json()\n'), [
      { message: 'post to OpenAI passes an httpx.Timeout with no read timeout, which leaves each wait for response data unbounded (its default is 5 s), so a stalled request waits forever', fixed: false },
    ]);
  });

  it('near miss: httpx\'s own default, and a client None overridden by the request', async () => {
    const body = 'def ask(body):\n    return httpx.post(URL, json=body).json()\n\n\ndef ask_timed(body):\n    with httpx.Client(timeout=None) as client:\n        return client.post(URL, json=body, timeout=60).json()\n';
    assert.deepEqual(await missingTimeout(body), []);
  });
});
