// LangChain's Google and Anthropic chat models have their own defaults (read in their source), not langchain-openai's.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initPython } from '../../server/src/languages/python/parser';
import { applyRuleFixes, engineFor } from '../helpers/lint';
import { parsesCleanly } from '../helpers/parse-check';

before(initPython);

async function lint(code: string) {
  const { engine, root } = await engineFor({ 'app/llm.py': code });
  const p = path.join(root, 'app/llm.py');
  return { p, findings: engine.lint(p).findings };
}

const GEMINI = `from langchain_google_genai import ChatGoogleGenerativeAI
from tenacity import retry, stop_after_attempt, wait_exponential

llm = ChatGoogleGenerativeAI(model="gemini-2.5-flash"{OPTIONS})


@retry(stop=stop_after_attempt(3), wait=wait_exponential())
def ask(q: str) -> str:
    return llm.invoke(q).content
`;

describe('ChatGoogleGenerativeAI defaults', () => {
  it('says the client waits forever, and the fix sets a float timeout (an httpx.Timeout fails its validation)', async () => {
    const code = GEMINI.replace('{OPTIONS}', '');
    const { p, findings } = await lint(code);
    const timeout = findings.find((f) => f.ruleId === 'missing-timeout');
    assert.equal(timeout?.message, 'ChatGoogleGenerativeAI client has no timeout and LangChain passes timeout=None to the SDK, so a stalled request waits forever');
    const fixed = applyRuleFixes(code, findings, 'missing-timeout', p);
    assert.match(fixed, /ChatGoogleGenerativeAI\(model="gemini-2\.5-flash", timeout=120\)/);
    assert.doesNotMatch(fixed, /httpx/);
    assert.ok((await parsesCleanly('llm.py', fixed)).ok);
  });

  it('counts max_retries as attempts: 6 by default, 1 when set to 1, and 0 falls back to google-genai’s 5', async () => {
    const message = async (options: string) => (await lint(GEMINI.replace('{OPTIONS}', options))).findings.find((f) => f.ruleId === 'retry-amplification')?.message;
    assert.match((await message('')) ?? '', /Up to 18 attempts per request: tenacity 3 × SDK 6/);
    assert.match((await message(', max_retries=0')) ?? '', /Up to 15 attempts per request: tenacity 3 × SDK 5/);
    assert.equal(await message(', max_retries=1'), undefined);
  });

  it('leaves other LangChain chat models their own fix: ChatAnthropic takes seconds, ChatOpenAI an httpx.Timeout', async () => {
    const anthropic = 'from langchain_anthropic import ChatAnthropic\n\nllm = ChatAnthropic(model="claude-sonnet-4-5")\n\n\ndef ask(q):\n    return llm.invoke(q)\n';
    const a = await lint(anthropic);
    // langchain-anthropic passes an unset timeout to the SDK as None: no timeout at all, not the SDK's 600 s.
    assert.equal(a.findings.find((f) => f.ruleId === 'missing-timeout')?.message, 'ChatAnthropic client has no timeout and LangChain passes timeout=None to the SDK, so a stalled request waits forever');
    assert.match(applyRuleFixes(anthropic, a.findings, 'missing-timeout', a.p), /ChatAnthropic\(model="claude-sonnet-4-5", timeout=120\)/);
    const openai = anthropic.replace(/langchain_anthropic/g, 'langchain_openai').replace(/ChatAnthropic/g, 'ChatOpenAI').replace('claude-sonnet-4-5', 'gpt-4o');
    const o = await lint(openai);
    // langchain-openai passes timeout=None too, which openai-python keeps as no timeout (it fills in 600 s only when
    // the argument is omitted).
    assert.equal(o.findings.find((f) => f.ruleId === 'missing-timeout')?.message, 'ChatOpenAI client has no timeout and LangChain passes timeout=None to the SDK, so a stalled request waits forever');
    assert.match(applyRuleFixes(openai, o.findings, 'missing-timeout', o.p), /ChatOpenAI\(model="gpt-4o", timeout=httpx\.Timeout\(120, connect=5\)\)/);
  });
});

describe('ChatLiteLLM', () => {
  const app = (module: string) => `from ${module} import ChatLiteLLM
from tenacity import retry, stop_after_attempt

llm = ChatLiteLLM(model="anthropic/claude-3-5-haiku-20241022")


@retry(stop=stop_after_attempt(3))
def ask(q: str) -> str:
    return llm.invoke(q).content
`;
  const rules = async (module: string) => (await lint(app(module))).findings.map((f) => f.ruleId).sort();

  it('is a LangChain chat model: its runs are calls, and langchain-litellm puts the usage on the reply', async () => {
    assert.deepEqual(await rules('langchain_litellm'), ['hardcoded-model', 'naive-retry-loop', 'untraced-llm-call', 'usage-discarded']);
  });

  it('claims no timeout or retry default (they differ between releases), nor usage for langchain_community\'s class', async () => {
    // No missing-timeout ("waits forever" would be wrong: litellm's own 600 s applies in today's release) and no
    // retry-amplification (max_retries counts attempts: 1 in langchain-litellm, 6 in langchain_community's class).
    assert.deepEqual(await rules('langchain_community.chat_models'), ['hardcoded-model', 'naive-retry-loop', 'untraced-llm-call']);
    assert.deepEqual(await rules('langchain_community.chat_models.litellm'), ['hardcoded-model', 'naive-retry-loop', 'untraced-llm-call']);
  });
});

describe('LangSmith tracing switched on in the environment', () => {
  const app = `from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI
from openai import OpenAI

llm = ChatOpenAI(model="gpt-4o-mini", timeout=60)
chain = ChatPromptTemplate.from_template("Answer briefly: {q}") | llm | StrOutputParser()
client = OpenAI(timeout=60)


def ask(q: str) -> str:
    return chain.invoke({"q": q})


def ask_raw(q: str) -> str | None:
    res = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])
    return res.choices[0].message.content
`;
  const ruleCalls = async (env: string, more: Record<string, string> = {}) => {
    const { engine, root } = await engineFor({ 'app/llm.py': app, '.env.example': env, ...more });
    return engine
      .lint(path.join(root, 'app/llm.py'))
      .findings.filter((f) => f.ruleId === 'usage-discarded' || f.ruleId === 'untraced-llm-call')
      .map((f) => `${f.ruleId}:${f.message.split(' ')[f.ruleId === 'usage-discarded' ? 5 : 0]}`);
  };

  it('records LangChain runs (usage included), not the raw SDK calls next to them', async () => {
    const on = await ruleCalls('LANGCHAIN_TRACING_V2=true\n');
    assert.ok(on.every((f) => !f.includes('invoke')), on.join('; '));
    assert.ok(on.some((f) => f.startsWith('usage-discarded:chat.completions.create')), on.join('; '));
    const off = await ruleCalls('LANGCHAIN_TRACING_V2=false\n');
    assert.ok(off.some((f) => f === 'usage-discarded:invoke'), off.join('; '));
  });

  it('counts tracing switched on by the code, with a literal true, outside the tests', async () => {
    const setIn = async (file: string, code: string) => ruleCalls('', { [file]: `import os\n\n${code}\n` });
    for (const code of ['os.environ["LANGCHAIN_TRACING_V2"] = "true"', 'if settings.langsmith:\n    os.environ.setdefault("LANGSMITH_TRACING", "True")']) {
      const on = await setIn('app/main.py', code);
      assert.ok(on.every((f) => !f.includes('invoke')), `${code}: ${on.join('; ')}`);
      assert.ok(on.some((f) => f.startsWith('usage-discarded:chat.completions.create')), on.join('; '));
    }
    for (const [file, code] of [
      ['app/main.py', 'os.environ["LANGCHAIN_TRACING_V2"] = "false"'],
      ['app/main.py', 'os.environ["LANGCHAIN_TRACING_V2"] = settings.tracing'],
      ['app/main.py', '# os.environ["LANGCHAIN_TRACING_V2"] = "true"'],
      ['app/main.py', 'os.environ["LANGCHAIN_PROJECT"] = "true"'],
      ['app/main.py', 'assert os.environ["LANGCHAIN_TRACING_V2"] == "true"'],
      ['tests/conftest.py', 'os.environ["LANGCHAIN_TRACING_V2"] = "true"'],
      ['web/trace.ts', "process.env.LANGCHAIN_TRACING_V2 = 'true'"],
    ]) {
      const off = await setIn(file, code);
      assert.ok(off.some((f) => f === 'usage-discarded:invoke'), `${file}: ${code}: ${off.join('; ')}`);
      assert.ok(off.some((f) => f === 'untraced-llm-call:invoke'), `${file}: ${code}: ${off.join('; ')}`);
    }
  });
});
