// An SDK method handed to a function that calls it is a request: `asyncio.to_thread(client.chat.completions.create,
// model=…)`, `executor.submit(…)`, a retry helper of the workspace. Before, these calls were invisible, so their client
// looked unused and got a false missing-timeout while the helper's retries went uncounted (audit 65).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';
import { applyRuleFixes } from '../helpers/lint';
import { parsesCleanly } from '../helpers/parse-check';

async function lint(files: Record<string, string>, rel = 'app/llm.py') {
  const { engine, root } = await engineFor(files);
  const result = engine.lint(path.join(root, rel));
  return { findings: result.findings, sites: result.callSites.filter((s) => s.path.endsWith(rel)), file: path.join(root, rel) };
}

const RETRY_HELPER = `import asyncio


async def api_with_retry(async_func, *args, max_retries=3, **kwargs):
    for attempt in range(max_retries):
        try:
            return await async_func(*args, **kwargs)
        except Exception as e:
            if attempt == max_retries - 1:
                raise e
            await asyncio.sleep(2 ** attempt)
`;

describe('Python: SDK methods handed to a function that calls them', () => {
  it('asyncio.to_thread kept in a name and awaited later through gather is a request, whose usage comes back elsewhere', async () => {
    const code = (tail: string) => `from asyncio import gather, to_thread

from openai import OpenAI

client = OpenAI()


async def respond(message, p):
    placeholder = message.answer("...")
    completion = to_thread(client.chat.completions.create, model="gpt-4o-mini", messages=p)
${tail}`;
    const gathered = await lint({ 'app/llm.py': code('    placeholder, completion = await gather(placeholder, completion)\n    return completion.choices[0].message.content\n') });
    assert.deepEqual(gathered.sites.map((s) => [s.method, s.usage, !!s.resultBinding]), [['chat.completions.create', 'unknown', false]]);
    assert.ok(gathered.findings.some((f) => f.ruleId === 'missing-timeout'));
    assert.ok(!gathered.findings.some((f) => f.ruleId === 'usage-discarded'));
    // Never awaited: nothing says the request runs.
    const dropped = await lint({ 'app/llm.py': code('    return placeholder\n') });
    assert.deepEqual(dropped.sites, []);
  });

  it('asyncio.to_thread: the request carries its timeout, so the client is not reported', async () => {
    const { findings, sites } = await lint({
      'app/llm.py': `import asyncio\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\nasync def ask(q: str) -> str:\n    r = await asyncio.to_thread(client.chat.completions.create, model="gpt-4o-mini", messages=[{"role": "user", "content": q}], timeout=20)\n    print(r.usage)\n    return r.choices[0].message.content\n`,
    });
    assert.deepEqual(sites.map((s) => [s.method, s.model.value, 'timeout' in s.args.options]), [['chat.completions.create', 'gpt-4o-mini', true]]);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'missing-timeout'), []);
  });

  it('a retry helper of the same module is a retry layer, and the SDK retries can be turned off in the reference', async () => {
    const text = `${RETRY_HELPER}\n\nfrom openai import AsyncOpenAI\n\nclient = AsyncOpenAI(timeout=90.0)\n\n\nasync def summarize(text: str) -> str:\n    resp = await api_with_retry(\n        client.chat.completions.create,\n        model="gpt-4o", messages=[{"role": "user", "content": text}],\n    )\n    print(resp.usage)\n    return resp.choices[0].message.content\n`;
    const { findings, file } = await lint({ 'app/llm.py': text });
    const amp = findings.find((f) => f.ruleId === 'retry-amplification');
    assert.match(amp?.message ?? '', /^Up to 9 attempts per request: api_with_retry 3 × SDK 3/);
    const fixed = applyRuleFixes(text, findings, 'retry-amplification', file);
    assert.match(fixed, /client\.with_options\(max_retries=0\)\.chat\.completions\.create,/);
    assert.ok((await parsesCleanly('llm.py', fixed)).ok);
  });

  it('a retry helper imported from another module', async () => {
    const { findings } = await lint({
      'app/retry.py': RETRY_HELPER,
      'app/llm.py': `from openai import AsyncOpenAI\n\nfrom app.retry import api_with_retry\n\nclient = AsyncOpenAI(timeout=90.0)\n\n\nasync def summarize(text: str) -> str:\n    resp = await api_with_retry(client.chat.completions.create, model="gpt-4o", messages=[{"role": "user", "content": text}])\n    print(resp.usage)\n    return resp.choices[0].message.content\n`,
    });
    assert.match(findings.find((f) => f.ruleId === 'retry-amplification')?.message ?? '', /api_with_retry 3 × SDK 3/);
  });

  it('near misses: functions that only keep or inspect the method make no request', async () => {
    const { sites } = await lint({
      'app/llm.py': `import functools\nimport inspect\n\nfrom openai import OpenAI\n\nclient = OpenAI(timeout=30)\nHANDLERS = []\n\n\ndef register(fn, **options):\n    HANDLERS.append((fn, options))\n\n\nregister(client.chat.completions.create, model="gpt-4o")\nask = functools.partial(client.chat.completions.create, model="gpt-4o")\nPARAMS = inspect.signature(client.chat.completions.create)\n\n\ndef in_thread(executor, q):\n    # submit() returns a Future: its result() is the response (audit 66).\n    future = executor.submit(client.chat.completions.create, model="gpt-4o", messages=[{"role": "user", "content": q}])\n    return future.result().usage\n`,
    });
    assert.deepEqual(sites, []);
  });

  it('a functools.partial of the method handed to a runner or a retry helper: the partial holds the request (audit 71)', async () => {
    const { sites, findings } = await lint({
      'app/llm.py': `import asyncio\nimport functools\nfrom functools import partial\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n${RETRY_HELPER.replace('import asyncio\n', '')}\n\nasync def a(q: str) -> str:\n    r = await asyncio.to_thread(functools.partial(client.chat.completions.create, model="gpt-4o-mini", messages=[{"role": "user", "content": q}], timeout=20))\n    print(r.usage)\n    return r.choices[0].message.content\n\n\nasync def b(q: str) -> str:\n    loop = asyncio.get_running_loop()\n    r = await loop.run_in_executor(None, partial(client.chat.completions.create, model="gpt-4o", messages=[{"role": "user", "content": q}], timeout=20))\n    print(r.usage)\n    return r.choices[0].message.content\n\n\nasync def c(q: str) -> str:\n    r = await api_with_retry(partial(client.chat.completions.create, model="gpt-4o", messages=[{"role": "user", "content": q}], timeout=20))\n    print(r.usage)\n    return r.choices[0].message.content\n`,
    });
    assert.deepEqual(sites.map((s) => [s.model.value, 'timeout' in s.args.options]), [['gpt-4o-mini', true], ['gpt-4o', true], ['gpt-4o', true]]);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'missing-timeout'), []);
    assert.match(findings.find((f) => f.ruleId === 'retry-amplification')?.message ?? '', /api_with_retry 3 × SDK 3/);
  });

  it('near misses: a runner not awaited on the spot hands back a task or future, not the response', async () => {
    const { sites } = await lint({
      'app/llm.py': `import asyncio\nfrom functools import partial\n\nfrom openai import OpenAI\n\nclient = OpenAI(timeout=30)\n\n\nasync def later(q: str):\n    task = asyncio.create_task(asyncio.to_thread(client.chat.completions.create, model="gpt-4o", messages=[{"role": "user", "content": q}]))\n    return await task\n\n\nasync def kept(q: str):\n    loop = asyncio.get_running_loop()\n    fut = loop.run_in_executor(None, partial(client.chat.completions.create, model="gpt-4o", messages=[{"role": "user", "content": q}]))\n    return await fut\n`,
    });
    assert.deepEqual(sites, []);
  });
});
