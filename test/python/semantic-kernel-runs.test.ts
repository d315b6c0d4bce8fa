// Semantic Kernel (Python): kernel prompts and ChatCompletionAgent runs as calls of the one connector they reach
// (audit 209).
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeSnippet, initPython } from './helpers';

before(initPython);

const IMPORTS = `import os
from semantic_kernel import Kernel
from semantic_kernel.agents import ChatCompletionAgent
from semantic_kernel.connectors.ai.open_ai import AzureChatCompletion, OpenAIChatCompletion, OpenAITextEmbedding
`;

describe('Semantic Kernel kernel and agent runs', () => {
  it('reads an agent run as an agent run of its service=, instructions first, fixed at module level', () => {
    const facts = analyzeSnippet(`${IMPORTS}
agent = ChatCompletionAgent(
    service=AzureChatCompletion(deployment_name="gpt-4o"),
    name="Assistant",
    instructions="You are a location assessment specialist. Answer for {{$city}}.",
)


async def ask(question: str, thread=None):
    return await agent.get_response(messages=[question], thread=thread)


async def stream(question: str):
    async for chunk in agent.invoke_stream(question):
        yield chunk
`);
    const [ask, stream] = facts.callSites;
    assert.deepEqual([ask.sdk, ask.method, ask.provider, ask.model.value, ask.streaming, ask.agentRun, ask.usage], ['semantic-kernel', 'get_response', 'azure-openai', 'gpt-4o', false, true, 'unknown']);
    assert.deepEqual([stream.method, stream.streaming, stream.agentRun], ['invoke_stream', true, true]);
    const [system, thread, user] = ask.prompt;
    assert.equal(system.role, 'system');
    assert.deepEqual(system.segments.map((s) => s.kind), ['static', 'dynamic', 'static']);
    assert.equal(system.segments[1].text, '{{$city}}');
    assert.equal(thread.segments[0].kind === 'dynamic' && thread.segments[0].origin, 'history');
    assert.equal(user.segments[0].kind, 'dynamic');
  });

  it('reads an agent on a kernel built in its function with one connector, and invoke_prompt on such a kernel', () => {
    const facts = analyzeSnippet(`${IMPORTS}
async def main(topic: str):
    kernel = Kernel()
    kernel.add_service(OpenAIChatCompletion(ai_model_id="gpt-4o-mini"))
    agent = ChatCompletionAgent(kernel=kernel, name="a", instructions="Be brief.")
    async for item in agent.invoke(topic):
        print(item)
    return await kernel.invoke_prompt("Summarise {{$input}} in one line.", arguments=None)
`);
    assert.deepEqual(facts.callSites.map((s) => [s.method, s.model.value, s.agentRun ?? false]), [['invoke', 'gpt-4o-mini', true], ['invoke_prompt', 'gpt-4o-mini', false]]);
    const prompt = facts.callSites[1].prompt[0];
    assert.deepEqual(prompt.segments.map((s) => [s.kind, s.text]), [['static', 'Summarise '], ['dynamic', '{{$input}}'], ['static', ' in one line.']]);
  });

  it('reads kernel.invoke of a prompt function added to that kernel, its template from prompt= or a PromptTemplateConfig', () => {
    const facts = analyzeSnippet(`${IMPORTS}from semantic_kernel.prompt_template import PromptTemplateConfig

kernel = Kernel()
kernel.add_service(OpenAIChatCompletion(ai_model_id="gpt-4o-mini"))
config = PromptTemplateConfig(template="Give me the TLDR of {{$input}} in 5 words.", name="tldr")
tldr = kernel.add_function(function_name="tldr", plugin_name="p", prompt_template_config=config)
joke = kernel.add_function(plugin_name="p", function_name="joke", prompt="Tell a joke about {{$topic}}.")


async def main():
    print(await kernel.invoke(tldr, input="robots"))
    async for chunk in kernel.invoke_stream(joke, topic="cats"):
        print(chunk)
`);
    assert.deepEqual(facts.callSites.map((s) => [s.method, s.model.value, s.streaming, s.agentRun ?? false]), [['invoke', 'gpt-4o-mini', false, false], ['invoke_stream', 'gpt-4o-mini', true, false]]);
    assert.deepEqual(facts.callSites.map((s) => s.prompt[0].segments.map((g) => g.kind)), [['static', 'dynamic', 'static'], ['static', 'dynamic', 'static']]);
  });

  it('stays silent where which service answers is not established', () => {
    const facts = analyzeSnippet(`${IMPORTS}
async def several(q: str):
    kernel = Kernel()
    kernel.add_service(OpenAIChatCompletion(ai_model_id="gpt-4o-mini"))
    kernel.add_service(OpenAITextEmbedding(ai_model_id="text-embedding-3-small"))
    return await kernel.invoke_prompt(q)


async def injected(kernel: Kernel, q: str):
    kernel.add_service(OpenAIChatCompletion(ai_model_id="gpt-4o-mini"))
    return await kernel.invoke_prompt(q)


async def both(q: str, other: Kernel):
    agent = ChatCompletionAgent(service=OpenAIChatCompletion(ai_model_id="gpt-4o"), kernel=other, name="b")
    return await agent.get_response(messages=q)


async def handed_kernel(q: str, other: Kernel):
    agent = ChatCompletionAgent(service=OpenAIChatCompletion(ai_model_id="gpt-4o"), name="c")
    return await agent.get_response(messages=q, kernel=other)


async def not_an_agent(helper, q: str):
    return await helper.get_response(messages=q)


class Plugin:
    def now(self) -> str:
        return "noon"


async def native(q: str):
    kernel = Kernel()
    kernel.add_service(OpenAIChatCompletion(ai_model_id="gpt-4o-mini"))
    now = kernel.add_function(plugin_name="time", function=Plugin().now)
    await kernel.invoke(now)
    return await kernel.invoke(plugin_name="time", function_name="now")
`);
    assert.deepEqual(facts.callSites.map((s) => s.method), []);
  });
});
