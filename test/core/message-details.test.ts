// Details users act on: missing-timeout's wait per attempt times the attempts, usage-discarded's AI SDK hint and when its fix is offered.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

async function message(file: string, text: string): Promise<string | undefined> {
  const { engine, root } = await engineFor({ [file]: text });
  return engine.lint(path.join(root, file)).findings.find((f) => f.ruleId === 'missing-timeout')?.message;
}

describe('missing-timeout messages', () => {
  it('say one attempt when the client retries nothing, and the product otherwise', async () => {
    const ts = (opts: string) => `import OpenAI from 'openai';\nexport const client = new OpenAI(${opts});\n`;
    assert.match((await message('a.ts', ts('{ maxRetries: 0 }')))!, /waits the SDK default of 600 s, in one attempt \(retries are off\)$/);
    assert.match((await message('b.ts', ts('')))!, /600 s per attempt, up to 1800 s across 3 attempts$/);
    assert.match((await message('c.py', 'from anthropic import Anthropic\nclient = Anthropic(max_retries=0)\n'))!, /in one attempt \(retries are off\)$/);
  });
});

describe('usage-discarded hints for the AI SDK', () => {
  it('point an AI SDK 5 multi-step stream at totalUsage, others at usage', async () => {
    const route = (extra: string) => `import { streamText, stepCountIs } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport async function POST(req: Request) {\n  const { prompt } = await req.json();\n  const result = streamText({ model: openai('gpt-4o'), prompt, abortSignal: AbortSignal.timeout(60_000)${extra} });\n  return result.toTextStreamResponse();\n}\n`;
    const { engine, root } = await engineFor({ 'app/api/a/route.ts': route(', stopWhen: stepCountIs(5)'), 'app/api/b/route.ts': route(''), 'app/api/c/route.ts': route(', maxSteps: 5') });
    const hint = (rel: string) => engine.lint(path.join(root, rel)).findings.find((f) => f.ruleId === 'usage-discarded')?.message;
    assert.match(hint('app/api/a/route.ts')!, /onFinish\(\{ totalUsage \}\) or from result\.totalUsage$/);
    assert.match(hint('app/api/b/route.ts')!, /onFinish\(\{ usage \}\) or from result\.usage$/);
    // AI SDK 4's maxSteps: its usage is already the sum of the steps.
    assert.match(hint('app/api/c/route.ts')!, /onFinish\(\{ usage \}\) or from result\.usage$/);
  });
});

describe('usage-discarded where the usage is lost', () => {
  it('names the helper of the class or module the response is handed to', async () => {
    const py = `from openai import OpenAI\n\n\ndef text_of(r):\n    return r.choices[0].message.content\n\n\nclass Llm:\n    def __init__(self):\n        self.client = OpenAI(timeout=30)\n\n    def ask(self, q):\n        resp = self.client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])\n        return self._parse(resp) + text_of(resp)\n\n    def _parse(self, response):\n        return response.choices[0].message.content\n`;
    const { engine, root } = await engineFor({ 'llm.py': py });
    const found = engine.lint(path.join(root, 'llm.py')).findings.find((f) => f.ruleId === 'usage-discarded');
    assert.match(found!.message, /never read or recorded \(it is handed to _parse and text_of, which never read its usage\), so/);
  });
});

describe('usage-discarded fixes', () => {
  it('are offered only where the call is known not to stream', async () => {
    const py = (stream: string) => `from openai import OpenAI\nclient = OpenAI(timeout=30)\n\n\ndef ask(q, flag):\n    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}]${stream})\n    return resp.choices[0].message.content\n`;
    const { engine, root } = await engineFor({ 'a.py': py(''), 'b.py': py(', stream=flag') });
    const fixOf = (rel: string) => engine.lint(path.join(root, rel)).findings.find((f) => f.ruleId === 'usage-discarded');
    assert.ok(fixOf('a.py')?.fix, 'a plain call gets the log line');
    assert.ok(fixOf('b.py') && !fixOf('b.py')!.fix, 'a call that may stream gets none');
  });

  it('leave a .catch fallback and a statement without braces alone, and keep the fix where the handler rethrows', async () => {
    const head = `import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\n`;
    const files = {
      'fallback.ts': `${head}export async function a() {\n  const res = await client.chat.completions.create({ model: 'gpt-4o', messages: [] }).catch(() => null);\n  if (!res) return '';\n  return res.choices[0].message.content;\n}\n`,
      'rethrow.ts': `${head}export async function a() {\n  const res = await client.chat.completions.create({ model: 'gpt-4o', messages: [] }).catch((err) => {\n    console.error(err);\n    throw err;\n  });\n  return res.choices[0].message.content;\n}\n`,
      'braceless.ts': `${head}export async function a(more: boolean) {\n  let res = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n  if (more) res = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n  else console.log('done');\n  return res.choices[0].message.content;\n}\n`,
    };
    const { engine, root } = await engineFor(files);
    const fixes = (rel: string) => engine.lint(path.join(root, rel)).findings.filter((f) => f.ruleId === 'usage-discarded').map((f) => !!f.fix);
    assert.deepEqual(fixes('fallback.ts'), [false]);
    assert.deepEqual(fixes('rethrow.ts'), [true]);
    assert.deepEqual(fixes('braceless.ts'), [true, false]);
  });
});

describe('stream-without-usage fix safety', () => {
  it('is safe only toward OpenAI\'s own API: a base URL or Azure may reject stream_options', async () => {
    const stream = (client: string) => `from openai import AzureOpenAI, OpenAI\nclient = ${client}\n\n\ndef relay(q):\n    for chunk in client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}], stream=True):\n        if chunk.choices:\n            yield chunk.choices[0].delta.content or ""\n`;
    const lc = (opts: string) => `import os\nfrom langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o", streaming=True, timeout=30${opts})\n`;
    const { engine, root } = await engineFor({
      'official.py': stream('OpenAI(timeout=30)'),
      'gateway.py': stream('OpenAI(timeout=30, base_url="http://vllm:8000/v1")'),
      'azure.py': stream('AzureOpenAI(timeout=30, api_version="2024-10-21", azure_endpoint="https://x.openai.azure.com")'),
      'lc_gateway.py': lc(', base_url=os.getenv("OPENAI_BASE_URL")'),
    });
    const safety = (rel: string) => engine.lint(path.join(root, rel)).findings.find((f) => f.ruleId === 'stream-without-usage')?.fix?.safety;
    assert.deepEqual(['official.py', 'gateway.py', 'azure.py', 'lc_gateway.py'].map(safety), ['safe', 'unsafe', 'unsafe', 'unsafe']);
  });

  it('is not offered where the pinned openai-python predates stream_options (it would raise TypeError), and the message says so', async () => {
    const relay = `from openai import OpenAI\nclient = OpenAI(timeout=30)\n\n\ndef relay(q):\n    for chunk in client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}], stream=True):\n        if chunk.choices:\n            yield chunk.choices[0].delta.content or ""\n`;
    const findingWith = async (requirements: string) => {
      const { engine, root } = await engineFor({ 'relay.py': relay, 'requirements.txt': requirements });
      return engine.lint(path.join(root, 'relay.py')).findings.find((f) => f.ruleId === 'stream-without-usage');
    };
    const old = await findingWith('openai==1.3.5\n');
    assert.equal(old?.fix, undefined);
    assert.match(old!.message, /openai 1\.3\.5 \(requirements\.txt\) has no stream_options argument \(1\.26\.0 added it\): upgrade first$/);
    const current = await findingWith('openai>=1.40,<2\n');
    assert.equal(current?.fix?.safety, 'safe');
    assert.doesNotMatch(current!.message, /upgrade/);
  });
});

describe('untraced-llm-call messages', () => {
  const py = (after: string) => `from openai import OpenAI\n\nclient = OpenAI(timeout=60)\n\n\ndef ask(q):\n    r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])\n${after}    return r.choices[0].message.content\n`;
  const untraced = async (text: string) => {
    const { engine, root } = await engineFor({ 'app.py': text });
    return engine.lint(path.join(root, 'app.py')).findings.find((f) => f.ruleId === 'untraced-llm-call')?.message;
  };

  it('do not call the tokens invisible when the code reads the usage itself (audit 76)', async () => {
    assert.match((await untraced(py('    print(r.usage)\n')))!, /model latency is invisible and the token usage read here belongs to no trace$/);
  });

  it('near miss: say so when nothing reads it', async () => {
    assert.match((await untraced(py('')))!, /model latency and tokens are invisible$/);
  });

  it('do not call the tokens invisible when the response is handed on to a caller that may record them (audit 158)', async () => {
    const handed = `from anthropic import Anthropic\n\nclient = Anthropic(timeout=60)\n\n\ndef ask(q):\n    with client.messages.stream(model="claude-sonnet-4-5", max_tokens=1024, messages=[{"role": "user", "content": q}]) as stream:\n        return stream.get_final_message()\n`;
    assert.match((await untraced(handed))!, /model latency is invisible and no span carries its token usage$/);
  });
});

describe('untraced-llm-call span fixes', () => {
  it('name a raw Gemini generateContent request generate_content, as the GenAI conventions do (audit 77)', async () => {
    const text = `import os\n\nimport requests\n\nURL = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"\n\n\ndef ask(q):\n    r = requests.post(URL, params={"key": os.environ["GOOGLE_API_KEY"]}, json={"contents": [{"parts": [{"text": q}]}]}, timeout=60)\n    print(r.json()["usageMetadata"])\n    return r.json()["candidates"][0]["content"]["parts"][0]["text"]\n`;
    const { engine, root } = await engineFor({ 'gemini.py': text });
    const fix = engine.lint(path.join(root, 'gemini.py')).findings.find((f) => f.ruleId === 'untraced-llm-call')?.fix;
    assert.match(fix?.title ?? '', /^Wrap the call in a "generate_content" CLIENT span/);
    assert.ok(fix?.edits.some((e) => e.newText.includes('"gen_ai.operation.name": "generate_content"')));
  });
});
