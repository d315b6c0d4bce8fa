// With include_usage the stream ends with a chunk whose choices is empty: the fix is safe (fix-all applies it) only
// when the calling function reads the stream and guards every choices[0].
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

async function safetyOf(file: string, text: string): Promise<string | undefined> {
  const { engine, root } = await engineFor({ [file]: text });
  return engine.lint(path.join(root, file)).findings.find((f) => f.ruleId === 'stream-without-usage')?.fix?.safety;
}

const ts = (read: string) =>
  `import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\nexport async function* chat(q: string) {\n  const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: q }] });\n  for await (const chunk of stream) yield ${read};\n}\n`;
const py = (loop: string) =>
  `from openai import OpenAI\n\nclient = OpenAI(timeout=30)\n\n\ndef chat(q):\n    stream = client.chat.completions.create(model="gpt-4o", stream=True, messages=[{"role": "user", "content": q}])\n${loop}`;

describe('stream-without-usage: fix safety', () => {
  it('TypeScript: safe when every choices[0] is optional-chained, unsafe otherwise', async () => {
    assert.equal(await safetyOf('a.ts', ts("chunk.choices[0]?.delta?.content ?? ''")), 'safe');
    assert.equal(await safetyOf('a.ts', ts("chunk.choices[0].delta.content ?? ''")), 'unsafe');
    // Destructured, or read with .at(0): the same crash on the last chunk.
    assert.equal(await safetyOf('a.ts', ts("(({ choices }) => choices[0].delta.content ?? '')(chunk)")), 'unsafe');
    assert.equal(await safetyOf('a.ts', ts("chunk.choices.at(0)!.delta.content ?? ''")), 'unsafe');
    assert.equal(await safetyOf('a.ts', ts("chunk.choices.length ? chunk.choices[0].delta.content : ''")), 'safe');
  });

  it('Python: safe with a guard on chunk.choices, unsafe without', async () => {
    assert.equal(await safetyOf('a.py', py('    for chunk in stream:\n        if chunk.choices:\n            yield chunk.choices[0].delta.content or ""\n')), 'safe');
    assert.equal(await safetyOf('a.py', py('    for chunk in stream:\n        yield chunk.choices[0].delta.content or ""\n')), 'unsafe');
    // `if chunk.choices[0]…` reads before it checks; a dict read is a read too.
    assert.equal(await safetyOf('a.py', py('    for chunk in stream:\n        if chunk.choices[0].delta.content is not None:\n            yield chunk.choices[0].delta.content\n')), 'unsafe');
    assert.equal(await safetyOf('a.py', py('    for chunk in stream:\n        yield chunk.to_dict()["choices"][0]["delta"].get("content", "")\n')), 'unsafe');
    assert.equal(await safetyOf('a.py', py('    for chunk in stream:\n        if not chunk.choices:\n            continue\n        yield chunk.choices[0].delta.content or ""\n')), 'safe');
  });

  it('unsafe when the loop hands whole chunks on: its own clients see the empty-choices chunk', async () => {
    assert.equal(await safetyOf('a.py', py('    for chunk in stream:\n        yield f"data: {chunk.model_dump_json()}\\n\\n"\n')), 'unsafe');
    assert.equal(await safetyOf('a.py', py('    for chunk in stream:\n        yield chunk\n')), 'unsafe');
    assert.equal(await safetyOf('a.ts', ts('`data: ${JSON.stringify(chunk)}\\n\\n`')), 'unsafe');
    assert.equal(await safetyOf('a.ts', ts('chunk')), 'unsafe');
    // Reading fields of the chunk is not handing it on.
    assert.equal(await safetyOf('a.py', py('    for chunk in stream:\n        if chunk.choices:\n            yield chunk.choices[0].delta.content or ""\n')), 'safe');
  });

  it('unsafe when the stream is read somewhere else', async () => {
    assert.equal(await safetyOf('a.py', py('    return stream\n')), 'unsafe');
  });

  it('only the loops over this stream count: a guard on another response, or a loop that builds the messages, does not', async () => {
    // `if title.choices:` guards a non-streaming response; the stream's own loop reads choices[0] unguarded.
    assert.equal(await safetyOf('a.py', `from openai import OpenAI\n\nclient = OpenAI(timeout=30)\n\n\ndef chat(q):\n    title = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])\n    if title.choices:\n        print(title.choices[0].message.content)\n    stream = client.chat.completions.create(model="gpt-4o", stream=True, messages=[{"role": "user", "content": q}])\n    for chunk in stream:\n        yield chunk.choices[0].delta.content or ""\n`), 'unsafe');
    // The function returns the stream; its only loop fills the messages, and the caller reads choices[0] unguarded.
    assert.equal(await safetyOf('a.py', `from openai import OpenAI\n\nclient = OpenAI(timeout=30)\n\n\ndef open_stream(history):\n    messages = []\n    for turn in history:\n        messages.append({"role": "user", "content": turn})\n    stream = client.chat.completions.create(model="gpt-4o", messages=messages, stream=True)\n    return stream\n\n\ndef relay(history):\n    for chunk in open_stream(history):\n        yield chunk.choices[0].delta.content or ""\n`), 'unsafe');
    // The guard inside the stream's loop, followed by unrelated code at the function's level, stays safe.
    assert.equal(await safetyOf('a.py', py('    for chunk in stream:\n        if not chunk.choices:\n            continue\n        print(chunk.choices[0].delta.content)\n    other = [1]\n    print(other[0])\n')), 'safe');
    assert.equal(await safetyOf('a.ts', `import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\nexport async function* chat(q: string) {\n  const title = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });\n  if (title.choices.length) console.log(title.choices[0].message.content);\n  const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: q }] });\n  for await (const chunk of stream) {\n    yield chunk.choices[0].delta.content ?? '';\n  }\n}\n`), 'unsafe');
  });

  it('the openai module client behind `openai.base_url = …` may not reach OpenAI: unsafe', async () => {
    const mod = (setting: string) => `import openai\n${setting}\n\n\ndef chat(q):\n    stream = openai.chat.completions.create(model="gpt-4o", stream=True, timeout=30, messages=[{"role": "user", "content": q}])\n    for chunk in stream:\n        if chunk.choices:\n            yield chunk.choices[0].delta.content or ""\n`;
    assert.equal(await safetyOf('a.py', mod('openai.base_url = "http://localhost:9090/v1/"')), 'unsafe');
    // The same settings direct-provider-endpoint reads: an Azure module client may not accept stream_options either.
    assert.equal(await safetyOf('a.py', mod('openai.api_type = "azure"')), 'unsafe');
    assert.equal(await safetyOf('a.py', mod('openai.timeout = 30')), 'safe');
  });

  it('LangChain ChatOpenAI behind a local server\'s base_url loses stream usage too (not only behind a gateway)', async () => {
    const { engine, root } = await engineFor({ 'chain.py': 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="llama3", base_url="http://localhost:8000/v1", streaming=True, timeout=30)\n' });
    const f = engine.lint(path.join(root, 'chain.py')).findings.filter((x) => x.ruleId === 'stream-without-usage');
    assert.deepEqual(f.map((x) => [x.message.includes('custom base_url'), x.fix?.safety]), [[true, 'unsafe']]);
  });
  it('a name bound to the method (shell_gpt, audit 119): the loop over its call decides, as for a direct call', async () => {
    const bound = (loop: string) => `from openai import OpenAI\n\nclient = OpenAI(timeout=30)\ncompletion = client.chat.completions.create\n\n\ndef chat(q):\n    response = completion(model="gpt-4o", stream=True, messages=[{"role": "user", "content": q}])\n${loop}`;
    assert.equal(await safetyOf('a.py', bound('    for chunk in response:\n        delta = chunk.choices[0].delta\n        yield delta.content or ""\n')), 'unsafe');
    assert.equal(await safetyOf('a.py', bound('    for chunk in response:\n        if chunk.choices:\n            yield chunk.choices[0].delta.content or ""\n')), 'safe');
  });
});
