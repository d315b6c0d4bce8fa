// Semantic Kernel (Python): its OpenAI connectors as clients, and asking one (directly, or through the kernel that
// holds it alone) as a call site (audit 207).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';
import { analyzeSnippet, initPython } from './helpers';

before(initPython);

const IMPORTS = `import os
from openai import AsyncOpenAI
from semantic_kernel import Kernel
from semantic_kernel.connectors.ai.open_ai import AzureChatCompletion, OpenAIChatCompletion
from semantic_kernel.contents import ChatHistory
`;

describe('Semantic Kernel connectors', () => {
  it('reads a connector as a client and its chat requests as call sites', () => {
    const facts = analyzeSnippet(`${IMPORTS}
service = OpenAIChatCompletion(ai_model_id="gpt-4o-mini", api_key=os.environ["OPENAI_API_KEY"])
azure = AzureChatCompletion(deployment_name="prod-gpt4o", endpoint=os.environ["AZURE_OPENAI_ENDPOINT"])


async def ask(history: ChatHistory):
    reply = await service.get_chat_message_content(history, None)
    return reply.content


async def stream(history: ChatHistory):
    async for chunk in azure.get_streaming_chat_message_content(chat_history=history, settings=None):
        yield str(chunk)
`);
    assert.deepEqual(facts.clients.map((c) => [c.sdk, c.provider, c.className]), [['semantic-kernel', 'openai', 'OpenAIChatCompletion'], ['semantic-kernel', 'azure-openai', 'AzureChatCompletion']]);
    const [ask, stream] = facts.callSites;
    assert.deepEqual([ask.sdk, ask.method, ask.provider, ask.model.value, ask.streaming, ask.usage], ['semantic-kernel', 'get_chat_message_content', 'openai', 'gpt-4o-mini', false, 'unknown']);
    assert.deepEqual([stream.method, stream.provider, stream.model.value, stream.streaming], ['get_streaming_chat_message_content', 'azure-openai', 'prod-gpt4o', true]);
    // The ChatHistory is filled by method calls that are not read: one part of unknown content.
    assert.equal(ask.prompt.length, 1);
    assert.equal(ask.prompt[0].segments.some((s) => s.kind === 'dynamic'), true);
  });

  it('follows kernel.get_service(…) to the one connector added to that kernel', () => {
    const facts = analyzeSnippet(`${IMPORTS}
kernel = Kernel()
kernel.add_service(OpenAIChatCompletion(ai_model_id="gpt-4o"))
chat = kernel.get_service(type=None)


class Bot:
    def __init__(self):
        self.kernel = Kernel()
        self.kernel.add_service(AzureChatCompletion(service_id="a", deployment_name="a"))
        self.kernel.add_service(AzureChatCompletion(service_id="b", deployment_name="b"))

    async def reply(self, history):
        # Two services on this kernel: which one "a" picks is not read.
        return await self.kernel.get_service("a").get_chat_message_content(history, None)


async def ask(history):
    return await chat.get_chat_message_contents(history, None)


async def other(history):
    kernel = Kernel()
    # A local kernel of another function, given no service here.
    return await kernel.get_service().get_chat_message_content(history, None)
`);
    assert.deepEqual(facts.callSites.map((s) => [s.method, s.model.value]), [['get_chat_message_contents', 'gpt-4o']]);
  });

  it('sends through the client given as async_client=', () => {
    const facts = analyzeSnippet(`${IMPORTS}
gemini = AsyncOpenAI(api_key=os.environ["GEMINI_API_KEY"], base_url="https://generativelanguage.googleapis.com/v1beta/openai/")
service = OpenAIChatCompletion(ai_model_id="gemini-2.5-flash", async_client=gemini)


def build(client: AsyncOpenAI):
    return OpenAIChatCompletion(ai_model_id="gpt-4o", async_client=client)


async def ask(history):
    return await service.get_chat_message_content(history, None)
`);
    assert.deepEqual(facts.clients.map((c) => [c.sdk, c.provider]), [['openai', 'google'], ['semantic-kernel', 'google'], ['semantic-kernel', 'unknown']]);
    assert.deepEqual(facts.callSites.map((s) => [s.provider, s.model.value]), [['google', 'gemini-2.5-flash']]);
  });

  it('leaves a class of the project named like a connector, and an import without a request, alone', () => {
    const facts = analyzeSnippet(`from semantic_kernel import Kernel
from .services import OpenAIChatCompletion


class AzureChatCompletion:
    async def get_chat_message_content(self, chat_history, settings):
        return chat_history


local = AzureChatCompletion()
imported = OpenAIChatCompletion(ai_model_id="gpt-4o")
kernel = Kernel()


async def ask(history):
    await imported.get_chat_message_content(history, None)
    return await local.get_chat_message_content(history, None)
`);
    assert.deepEqual(facts.clients, []);
    assert.deepEqual(facts.callSites, []);
  });
});

describe('untraced-llm-call on Semantic Kernel requests', () => {
  const APP = `${IMPORTS}
service = OpenAIChatCompletion(ai_model_id="gpt-4o-mini")


async def ask(history: ChatHistory):
    return await service.get_chat_message_content(history, None)
`;
  async function untraced(files: Record<string, string>): Promise<number> {
    const { engine, root } = await engineFor(files);
    return engine.lint(path.join(root, 'app.py')).findings.filter((f) => f.ruleId === 'untraced-llm-call').length;
  }

  it('stays silent once Semantic Kernel\'s own GenAI spans are switched on', async () => {
    assert.equal(await untraced({ 'app.py': APP }), 1);
    assert.equal(await untraced({ 'app.py': APP, '.env': 'SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS=true\n' }), 0);
    assert.equal(await untraced({ 'app.py': APP, '.env': 'SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS_SENSITIVE="true"\n' }), 0);
    assert.equal(await untraced({ 'app.py': APP, 'main.py': 'import os\nos.environ["SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS"] = "true"\n' }), 0);
    // Near misses: switched off, or only for a test suite.
    assert.equal(await untraced({ 'app.py': APP, '.env': 'SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS=false\n' }), 1);
    assert.equal(await untraced({ 'app.py': APP, '.env.test': 'SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS=true\n' }), 1);
  });
});
