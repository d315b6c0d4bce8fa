// DSPy language models as call sites: the `dspy.LM(…)` construction carries the settings of every request its programs
// make (catalog/agent-frameworks.ts DSPY_LM).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';
import { analyzeSnippet, initPython } from './helpers';

before(initPython);

const APP = `import dspy

lm = dspy.LM("openai/gpt-4o-mini", timeout=60)
dspy.configure(lm=lm)
qa = dspy.ChainOfThought("question -> answer")


def answer(question: str) -> str:
    return qa(question=question).answer
`;

async function findings(files: Record<string, string>, rule: string, file = 'app.py'): Promise<string[]> {
  const { engine, root } = await engineFor(files);
  return engine.lint(path.join(root, file)).findings.filter((f) => f.ruleId === rule).map((f) => f.message);
}

describe('dspy.LM sites', () => {
  it('reads the model, its LiteLLM provider, and a host of its own as another provider', () => {
    const facts = analyzeSnippet(`import os
import dspy
from dspy import LM as DspyLM

direct = dspy.LM("anthropic/claude-3-5-haiku-latest")
proxied = DspyLM("openai/gpt-4o-mini", api_base=os.environ["LLM_PROXY_URL"])
chosen = dspy.LM(model=os.getenv("DSPY_MODEL", "gemini/gemini-2.5-flash"))
`);
    const [direct, proxied, chosen] = facts.callSites;
    assert.deepEqual([direct.sdk, direct.agent, direct.provider, direct.model.value, direct.model.literal, direct.usage, direct.streaming], ['dspy', true, 'anthropic', 'anthropic/claude-3-5-haiku-latest', true, 'unknown', null]);
    assert.deepEqual([proxied.sdk, proxied.provider], ['dspy', 'unknown']);
    assert.deepEqual([chosen.model.value, chosen.model.literal], ['gemini/gemini-2.5-flash', false]);
  });

  it('keeps an Ollama model on Ollama, wherever its server runs (audit 196)', () => {
    const facts = analyzeSnippet(`import dspy

local = dspy.LM("ollama_chat/llama3.2", api_base="http://localhost:11434", api_key="")
remote = dspy.LM("ollama/qwen2.5", api_base="http://gpu-box:11434")
`);
    assert.deepEqual(facts.callSites.map((s) => s.provider), ['ollama', 'ollama']);
  });

  it('is no site for an LM class of another package', () => {
    const facts = analyzeSnippet('import dspy\nfrom mylib import LM\n\nlm = LM("openai/gpt-4o-mini")\n');
    assert.deepEqual(facts.callSites, []);
  });
});

describe('untraced-llm-call on dspy.LM', () => {
  it('reports an LM of a project without instrumentation at its construction, with no span fix', async () => {
    const { engine, root } = await engineFor({ 'app.py': APP });
    const found = engine.lint(path.join(root, 'app.py')).findings.filter((f) => f.ruleId === 'untraced-llm-call');
    assert.equal(found.length, 1);
    assert.equal(APP.slice(found[0].span.start, found[0].span.end), "LM");
    assert.match(found[0].message, /mlflow\.dspy\.autolog\(\)/);
    assert.equal(found[0].fix, undefined);
  });

  it('counts MLflow DSPy autologging anywhere in the project, unless it is switched off', async () => {
    const setup = (args: string) => `import mlflow\n\nmlflow.dspy.autolog(${args})\n`;
    assert.deepEqual(await findings({ 'app.py': APP, 'main.py': setup('') }, 'untraced-llm-call'), []);
    assert.deepEqual(await findings({ 'app.py': APP, 'main.py': setup('log_traces_from_compile=True') }, 'untraced-llm-call'), []);
    assert.equal((await findings({ 'app.py': APP, 'main.py': setup('disable=True') }, 'untraced-llm-call')).length, 1);
    assert.equal((await findings({ 'app.py': APP, 'main.py': `import mlflow\n\n# mlflow.dspy.autolog()\n` }, 'untraced-llm-call')).length, 1);
  });

  it("counts OpenInference's DSPy instrumentor", async () => {
    const main = 'from openinference.instrumentation.dspy import DSPyInstrumentor\n\nDSPyInstrumentor().instrument()\n';
    assert.deepEqual(await findings({ 'app.py': APP, 'main.py': main }, 'untraced-llm-call'), []);
  });
});

describe('rules that do not apply to dspy.LM', () => {
  it('claims no retries, usage or provider endpoint for it', async () => {
    const app = APP.replace('timeout=60', 'timeout=60, num_retries=8');
    for (const rule of ['retry-amplification', 'usage-discarded', 'direct-provider-endpoint', 'stream-without-usage']) {
      assert.deepEqual(await findings({ 'app.py': app }, rule), [], rule);
    }
  });
});
