// What a retry loop's message says about it, from real code the audits found described wrongly.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

async function loopMessages(file: string, text: string): Promise<{ loop: string[]; amplification: string[] }> {
  const { engine, root } = await engineFor({ [file]: text });
  const findings = engine.lint(path.join(root, file)).findings;
  return { loop: findings.filter((f) => f.ruleId === 'naive-retry-loop').map((f) => f.message), amplification: findings.filter((f) => f.ruleId === 'retry-amplification').map((f) => f.message) };
}

const head = 'import time\n\nimport anthropic\nfrom anthropic import InternalServerError\n\nclient = anthropic.Anthropic(timeout=60)\n\n\n';

describe('retry loop messages', () => {
  it('a handler for one error class does not retry every error', async () => {
    const { loop } = await loopMessages('a.py', head + 'def ask(q):\n    for left in range(4, -1, -1):\n        try:\n            return client.messages.create(model="claude-sonnet-4-5", max_tokens=256, messages=[{"role": "user", "content": q}])\n        except InternalServerError:\n            if left == 0:\n                raise\n            time.sleep(1)\n');
    assert.equal(loop.length, 1);
    assert.match(loop[0], /waits a fixed delay without jitter/);
    assert.doesNotMatch(loop[0], /retries every error/);
  });

  it('`**kwargs` is not a growing delay, `while ret is None` is not a bound, and a broad sibling handler retries everything', async () => {
    const { loop } = await loopMessages(
      'b.py',
      head + 'def ask(**kw):\n    ret = None\n    while ret is None:\n        try:\n            ret = client.messages.create(**kw)\n        except anthropic.RateLimitError:\n            time.sleep(5)\n        except Exception:\n            time.sleep(1)\n    return ret\n',
    );
    assert.equal(loop.length, 1);
    assert.match(loop[0], /has no bound on attempts/);
    assert.match(loop[0], /waits a fixed delay/);
    assert.match(loop[0], /retries every error/);
  });

  it('`while True` is bounded by a counter test in the handler, not by a test of the error', async () => {
    const loop = (handler: string) => head + `def ask(q):\n    attempt = 0\n    while True:\n        try:\n            return client.messages.create(model="claude-sonnet-4-5", max_tokens=256, messages=[{"role": "user", "content": q}])\n        except Exception as e:\n${handler}`;
    const on429 = await loopMessages('d.py', loop('            if "429" in str(e):\n                time.sleep(65)\n                continue\n            raise\n'));
    assert.match(on429.loop[0], /has no bound on attempts/);
    const counted = await loopMessages('e.py', loop('            attempt += 1\n            if attempt >= 5:\n                raise\n            time.sleep(2 ** attempt)\n'));
    assert.doesNotMatch(counted.loop[0], /has no bound on attempts/);
  });

  it('a delay computed by a helper of the file backs off as the helper does', async () => {
    const helper = (body: string) => head + `def _retry_delay(attempt):\n    ${body}\n\n\ndef ask(q):\n    for attempt in range(6):\n        try:\n            return client.messages.create(model="claude-sonnet-4-5", max_tokens=256, messages=[{"role": "user", "content": q}])\n        except anthropic.RateLimitError:\n            if attempt == 5:\n                raise\n            delay = _retry_delay(attempt)\n            time.sleep(delay)\n`;
    const growing = await loopMessages('f.py', helper('return min(2.0 ** attempt, 60.0)'));
    assert.match(growing.loop[0], /waits a growing delay without jitter/);
    const jittered = await loopMessages('g.py', helper('return min(2.0 ** attempt, 60.0) + random.random()'));
    assert.deepEqual(jittered.loop, []);
    const fixed = await loopMessages('h.py', helper('return 5'));
    assert.match(fixed.loop[0], /waits a fixed delay without jitter/);
  });

  it('openai < 1.0: `openai.error.OpenAIError` takes every error, and a shrinking max_tokens is no growing wait (stanford_alpaca, FastChat)', async () => {
    const legacy = 'import time\n\nimport openai\n\n\n';
    const shrink = await loopMessages(
      'legacy_a.py',
      legacy + 'def complete(prompt, args):\n    while True:\n        try:\n            r = openai.Completion.create(prompt=prompt, **args)\n            print(r.usage)\n            return r\n        except openai.error.OpenAIError as e:\n            if "Please reduce your prompt" in str(e):\n                args["max_tokens"] = int(args["max_tokens"] * 0.8)\n            else:\n                time.sleep(2)\n',
    );
    assert.equal(shrink.loop.length, 1);
    assert.match(shrink.loop[0], /waits a fixed delay without jitter/);
    assert.match(shrink.loop[0], /retries every error/);
    const counted = await loopMessages(
      'legacy_b.py',
      legacy + 'def judge(messages):\n    output = "$ERROR$"\n    for _ in range(16):\n        try:\n            r = openai.ChatCompletion.create(model="gpt-4", messages=messages, request_timeout=60)\n            output = r["choices"][0]["message"]["content"]\n            print(r["usage"])\n            break\n        except openai.error.OpenAIError as e:\n            print(type(e), e)\n            time.sleep(10)\n    return output\n',
    );
    assert.equal(counted.loop.length, 1);
    assert.match(counted.loop[0], /retries every error/);
    const narrow = await loopMessages(
      'legacy_c.py',
      legacy + 'def judge(messages):\n    for _ in range(16):\n        try:\n            r = openai.ChatCompletion.create(model="gpt-4", messages=messages, request_timeout=60)\n            print(r["usage"])\n            return r\n        except openai.error.RateLimitError:\n            time.sleep(10)\n',
    );
    assert.doesNotMatch(narrow.loop[0], /retries every error/);
  });

  it('a loop whose body returns after the try makes one attempt: no retry loop', async () => {
    const { loop, amplification } = await loopMessages(
      'c.py',
      head + 'def ask(q):\n    response = None\n    for attempt in range(5):\n        try:\n            r = client.messages.create(model="claude-sonnet-4-5", max_tokens=256, messages=[{"role": "user", "content": q}])\n            response = r.content\n        except Exception:\n            time.sleep(2 ** attempt)\n        return response\n',
    );
    assert.deepEqual([loop, amplification], [[], []]);
  });

  it('a handler that hands the error to a helper deciding the exit, sleeping a jittered delay one call deeper (RAGFlow)', async () => {
    const ragflow = [
      'import asyncio', 'import random', '', 'from openai import AsyncOpenAI', '', '',
      'class Base:',
      '    def __init__(self, key):',
      '        self.async_client = AsyncOpenAI(api_key=key, timeout=600)',
      '        self.max_retries = 5',
      '        self.base_delay = 2.0',
      '',
      '    def _get_delay(self):',
      '        return self.base_delay * random.uniform(10, 150)',
      '',
      '    async def _exceptions_async(self, e, attempt):',
      '        if attempt < self.max_retries and "429" in str(e):',
      '            delay = self._get_delay()',
      '            await asyncio.sleep(delay)',
      '            return None',
      '        return f"**ERROR**: {e}"',
      '',
      '    async def async_chat(self, history):',
      '        for attempt in range(self.max_retries + 1):',
      '            try:',
      '                r = await self.async_client.chat.completions.create(model="gpt-4o", messages=history)',
      '                return r.choices[0].message.content, r.usage.total_tokens',
      '            except Exception as e:',
      '                e = await self._exceptions_async(e, attempt)',
      '                if e:',
      '                    return e, 0',
      '',
    ].join('\n');
    const { loop } = await loopMessages('ragflow.py', ragflow);
    assert.equal(loop.length, 1);
    assert.match(loop[0], /waits a randomised delay that does not grow instead of backing off/);
    assert.doesNotMatch(loop[0], /retries every error|without jitter|growing/);
    // A handler that only logs through a helper still retries every error.
    const logged = await loopMessages('logged.py', ragflow.replace('e = await self._exceptions_async(e, attempt)\n                if e:\n                    return e, 0', 'self._log(e)\n                await asyncio.sleep(2)').replace('    def _get_delay', '    def _log(self, e):\n        print("**failed**", e)\n\n    def _get_delay'));
    assert.match(logged.loop[0], /waits a fixed delay without jitter, retries every error/);
  });

  it('operators in strings and comments are not the delay, and `self._delay` is this class\'s helper', async () => {
    const loop = (extra: string, wait: string) => head + `class Other:\n    def _delay(self, n):\n        return 2 ** n * random.uniform(0.5, 1.5)\n\n\nclass Chat:\n    def _delay(self, n):\n        return 5\n\n    def ask(self, q):\n        for attempt in range(3):\n            try:\n                return client.messages.create(model="claude-sonnet-4-5", max_tokens=256, messages=[{"role": "user", "content": q}])\n            except InternalServerError:\n                ${extra}\n                ${wait}\n`;
    const strings = await loopMessages('s.py', loop('print("**ERROR** retrying")  # wait 2 ** attempt s', 'time.sleep(2)'));
    assert.match(strings.loop[0], /waits a fixed delay without jitter/);
    const otherClass = await loopMessages('o.py', loop('pass', 'time.sleep(self._delay(attempt))'));
    assert.match(otherClass.loop[0], /waits a fixed delay without jitter/);
    const prose = await loopMessages('p.py', loop('print("will sleep, then retry")', 'pass'));
    assert.match(prose.loop[0], /retries without waiting/);
  });

  it('TypeScript: `delay *= 2` is a growing delay', async () => {
    const { loop } = await loopMessages(
      'd.ts',
      "import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\nexport async function ask(q: string) {\n  let delay = 500;\n  for (let i = 0; i < 3; i++) {\n    try {\n      return await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n    } catch (err) {\n      if (i === 2) throw err;\n      await new Promise((r) => setTimeout(r, delay));\n      delay *= 2;\n    }\n  }\n}\n",
    );
    assert.equal(loop.length, 1);
    assert.match(loop[0], /waits a growing delay without jitter/);
  });

  it('TypeScript: a max_tokens shrunk on each pass is not a growing delay', async () => {
    const { loop } = await loopMessages(
      'f.ts',
      "import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\nexport async function ask(q: string) {\n  let maxTokens = 2000;\n  for (let i = 0; i < 3; i++) {\n    try {\n      return await client.chat.completions.create({ model: 'gpt-4o', max_tokens: maxTokens, messages: [{ role: 'user', content: q }] });\n    } catch (err) {\n      if (i === 2) throw err;\n      maxTokens = Math.floor(maxTokens * 0.8);\n      await new Promise((r) => setTimeout(r, 2000));\n    }\n  }\n}\n",
    );
    assert.equal(loop.length, 1);
    assert.match(loop[0], /waits a fixed delay without jitter/);
  });

  it('TypeScript: `**` in a string or a comment is not a growing delay', async () => {
    const { loop } = await loopMessages(
      'e.ts',
      "import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\nexport async function ask(q: string) {\n  for (let i = 0; i < 3; i++) {\n    try {\n      return await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n    } catch (err) {\n      if (i === 2) throw err;\n      console.warn('**ERROR**', err); // not 2 ** i\n      await new Promise((r) => setTimeout(r, 2000));\n    }\n  }\n}\n",
    );
    assert.equal(loop.length, 1);
    assert.match(loop[0], /waits a fixed delay without jitter/);
  });
});

describe('the SDK note of a retry loop', () => {
  // WrenAI (audit 108): a loop around a function with a Router branch and a plain acompletion branch.
  const code = (router: boolean) => `import time

import litellm
from litellm import Router, acompletion

router = Router(model_list=[{"model_name": "gpt-4o", "litellm_params": {"model": "openai/gpt-4o", "timeout": 30}}])


async def complete(messages, fallbacks: bool):
    for attempt in range(3):
        try:
            if fallbacks and ${router ? 'True' : 'False'}:
                return await router.acompletion(model="gpt-4o", messages=messages, timeout=30)
            return await ${router ? 'acompletion' : 'router.acompletion'}(model="gpt-4o", messages=messages, timeout=30)
        except Exception:
            time.sleep(1)
`;

  it('names no SDK layer when the calls in the loop go through different ones', async () => {
    const { loop } = await loopMessages('w.py', code(true));
    assert.equal(loop.length, 1);
    assert.doesNotMatch(loop[0], /Router already retries/);
  });

  it('near miss: names the layer every call in the loop goes through', async () => {
    const { loop } = await loopMessages('r.py', code(false));
    assert.equal(loop.length, 1);
    assert.match(loop[0], /LiteLLM Router already retries/);
  });
  it('names a refused request a handler only logs and waits on before sending it again (babyagi)', async () => {
    const legacy = (handler: string) =>
      `import time\n\nimport openai\n\n\ndef ask(q):\n    while True:\n        try:\n            return openai.ChatCompletion.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}], request_timeout=30)\n        except openai.error.RateLimitError:\n            time.sleep(10)\n        except openai.error.InvalidRequestError:\n${handler}`;
    const resent = await loopMessages('g.py', legacy('            print("invalid request, trying again")\n            time.sleep(10)\n'));
    assert.match(resent.loop[0], /has no bound on attempts, waits a fixed delay without jitter, re-sends requests the API refused \(openai\.error\.InvalidRequestError\)/);
    // Trimming the prompt first sends another request: a fallback.
    const trimmed = await loopMessages('h.py', legacy('            q = q[: len(q) // 2]\n            time.sleep(1)\n'));
    assert.doesNotMatch(trimmed.loop[0], /refused/);
    // Bounded, backing off with jitter: re-sending a refusal a few times is no finding on its own.
    const polite = await loopMessages(
      'i.py',
      'import random\nimport time\n\nfrom openai import BadRequestError, OpenAI, RateLimitError\n\nclient = OpenAI(timeout=30)\n\n\ndef ask(q):\n    for attempt in range(3):\n        try:\n            return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])\n        except RateLimitError:\n            time.sleep(2 ** attempt + random.random())\n        except BadRequestError as e:\n            print(e)\n            time.sleep(2 ** attempt + random.random())\n',
    );
    assert.deepEqual(polite.loop, []);
  });
});
