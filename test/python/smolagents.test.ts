// smolagents' API model objects as call sites: the construction carries the settings of every request its agents and
// direct calls make (catalog/agent-frameworks.ts SMOLAGENTS_MODELS).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';
import { analyzeSnippet, initPython } from './helpers';

before(initPython);

const APP = `from smolagents import CodeAgent, LiteLLMModel

model = LiteLLMModel(model_id="anthropic/claude-3-5-sonnet-latest", timeout=60)
agent = CodeAgent(tools=[], model=model)


def answer(question: str) -> str:
    return agent.run(question)
`;

describe('smolagents model sites', () => {
  it('takes LiteLLM\'s ollama/ and ollama_chat/ prefixes for an Ollama server, wherever it runs (audit 196)', () => {
    const facts = analyzeSnippet(`import litellm
from smolagents import LiteLLMModel

chat = LiteLLMModel(model_id="ollama_chat/qwen2.5-coder:32b")
generate = LiteLLMModel(model_id="ollama/llama3.1")
hosted = LiteLLMModel(model_id="ollama_chat/qwen2.5-coder:32b", api_base="http://gpu-box:11434")
lookalike = LiteLLMModel(model_id="ollamafied/llama3.1")
proxied = LiteLLMModel(model_id="openai/llama3.1", api_base="http://gpu-box:11434/v1")


def ask(prompt: str) -> str:
    return litellm.completion(model="ollama_chat/llama3.1", messages=[{"role": "user", "content": prompt}])
`);
    assert.deepEqual(
      facts.callSites.map((s) => [s.sdk, s.provider, s.model.value]),
      [
        ['smolagents', 'ollama', 'ollama_chat/qwen2.5-coder:32b'],
        ['smolagents', 'ollama', 'ollama/llama3.1'],
        // Sent in Ollama's API to a host of the code's choosing: an Ollama server all the same.
        ['smolagents', 'ollama', 'ollama_chat/qwen2.5-coder:32b'],
        ['smolagents', 'unknown', 'ollamafied/llama3.1'],
        // An OpenAI-compatible server of the code's choosing is no provider of its own.
        ['smolagents', 'unknown', 'openai/llama3.1'],
        ['litellm', 'ollama', 'ollama_chat/llama3.1'],
      ],
    );
  });

  it('reads the class, the model id and where the requests go', () => {
    const facts = analyzeSnippet(`import os
import smolagents
from smolagents import LiteLLMModel, OpenAIServerModel as Server, InferenceClientModel
from smolagents.models import AzureOpenAIServerModel

direct = LiteLLMModel(model_id="anthropic/claude-3-5-haiku-latest")
proxied = LiteLLMModel(model_id="gpt-4o", api_base=os.environ["LLM_PROXY_URL"])
groq = Server("llama-3.3-70b-versatile", api_base="https://api.groq.com/openai/v1")
azure = AzureOpenAIServerModel(model_id="gpt-4o-mini")
hf = InferenceClientModel(provider="together")
qualified = smolagents.OpenAIServerModel(model_id=os.getenv("MODEL_ID", "gpt-4o"))
`);
    const sites = facts.callSites.map((s) => [s.sdk, s.agent, s.method, s.provider, s.model.value, s.model.literal, s.usage, s.streaming]);
    assert.deepEqual(sites, [
      ['smolagents', true, 'smolagents.LiteLLMModel', 'anthropic', 'anthropic/claude-3-5-haiku-latest', true, 'unknown', null],
      ['smolagents', true, 'smolagents.LiteLLMModel', 'unknown', 'gpt-4o', true, 'unknown', null],
      ['smolagents', true, 'smolagents.OpenAIServerModel', 'groq', 'llama-3.3-70b-versatile', true, 'unknown', null],
      ['smolagents', true, 'smolagents.AzureOpenAIServerModel', 'azure-openai', 'gpt-4o-mini', true, 'unknown', null],
      ['smolagents', true, 'smolagents.InferenceClientModel', 'unknown', null, false, 'unknown', null],
      ['smolagents', true, 'smolagents.OpenAIServerModel', 'openai', 'gpt-4o', false, 'unknown', null],
    ]);
  });

  it('is no site for a local model, a model class of another package, or a file without smolagents', () => {
    assert.deepEqual(analyzeSnippet('from smolagents import TransformersModel, MLXModel\n\nm = TransformersModel(model_id="HuggingFaceTB/SmolLM2-1.7B-Instruct")\nx = MLXModel("mlx-community/Qwen2.5-7B")\n').callSites, []);
    assert.deepEqual(analyzeSnippet('import smolagents\nfrom mylib import LiteLLMModel\n\nm = LiteLLMModel(model_id="gpt-4o")\n').callSites, []);
    assert.deepEqual(analyzeSnippet('class LiteLLMModel:\n    pass\n\nm = LiteLLMModel(model_id="gpt-4o")\n').callSites, []);
  });
});

describe('untraced-llm-call on smolagents models', () => {
  it('reports a model of a project without instrumentation at its construction, with no span fix', async () => {
    const { engine, root } = await engineFor({ 'app.py': APP });
    const found = engine.lint(path.join(root, 'app.py')).findings.filter((f) => f.ruleId === 'untraced-llm-call');
    assert.equal(found.length, 1);
    assert.equal(APP.slice(found[0].span.start, found[0].span.end), 'LiteLLMModel');
    assert.match(found[0].message, /SmolagentsInstrumentor/);
    assert.equal(found[0].fix, undefined);
  });

  it("is silent once OpenInference's smolagents instrumentor is set up in the project", async () => {
    const setup = 'from openinference.instrumentation.smolagents import SmolagentsInstrumentor\n\nSmolagentsInstrumentor().instrument()\n';
    const { engine, root } = await engineFor({ 'app.py': APP, 'tracing.py': setup });
    assert.deepEqual(engine.lint(path.join(root, 'app.py')).findings.filter((f) => f.ruleId === 'untraced-llm-call'), []);
  });
});
