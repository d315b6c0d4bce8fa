// Azure AI Inference (Python): ChatCompletionsClient as a client and its complete() as a call site (audit 210).
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeSnippet, initPython } from './helpers';

before(initPython);

const IMPORTS = `import os
from azure.ai.inference import ChatCompletionsClient, EmbeddingsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential
`;

describe('Azure AI Inference clients', () => {
  it('reads ChatCompletionsClient as a client and complete() as a call site', () => {
    const facts = analyzeSnippet(`${IMPORTS}
client = ChatCompletionsClient(endpoint="https://models.github.ai/inference", credential=AzureKeyCredential(os.environ["GITHUB_TOKEN"]))


def ask(question):
    response = client.complete(messages=[SystemMessage("Be brief."), UserMessage(question)], model="openai/gpt-4o", max_tokens=300)
    print(response.usage.prompt_tokens)
    return response.choices[0].message.content
`);
    assert.deepEqual(facts.clients.map((c) => [c.sdk, c.className, c.provider]), [['azure-ai-inference', 'ChatCompletionsClient', 'unknown']]);
    const [site] = facts.callSites;
    assert.equal(site.sdk, 'azure-ai-inference');
    assert.equal(site.method, 'complete');
    assert.equal(site.client?.className, 'ChatCompletionsClient');
    assert.equal(site.model.value, 'openai/gpt-4o');
    assert.equal(site.maxOutputTokens, 300);
    assert.equal(site.streaming, false);
    assert.equal(site.usage, 'read');
    assert.equal(site.prompt.length, 2);
  });

  it('takes the model and output cap the client was built with, and the async client of .aio', () => {
    const facts = analyzeSnippet(`import os
from azure.ai.inference.aio import ChatCompletionsClient
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(os.environ["ENDPOINT"], AzureKeyCredential(os.environ["KEY"]), model="Phi-4", max_tokens=512)


async def ask(messages):
    return await client.complete(messages=messages)
`);
    const [site] = facts.callSites;
    assert.equal(site.sdk, 'azure-ai-inference');
    assert.equal(site.model.value, 'Phi-4');
    assert.equal(site.maxOutputTokens, 512);
  });

  it('streams with stream=True and leaves the usage of a stream unknown', () => {
    const facts = analyzeSnippet(`${IMPORTS}
client = ChatCompletionsClient(endpoint=os.environ["ENDPOINT"], credential=AzureKeyCredential(os.environ["KEY"]))


def stream(question):
    for update in client.complete(messages=[UserMessage(question)], model="gpt-4o-mini", stream=True):
        print(update.choices[0].delta.content if update.choices else "")
`);
    const [site] = facts.callSites;
    assert.equal(site.streaming, true);
    assert.equal(site.usage, 'unknown');
  });

  it('leaves EmbeddingsClient and a project class of the same name alone', () => {
    const embeddings = analyzeSnippet(`${IMPORTS}
client = EmbeddingsClient(endpoint=os.environ["ENDPOINT"], credential=AzureKeyCredential(os.environ["KEY"]))
vectors = client.embed(input=["hello"])
`);
    assert.equal(embeddings.clients.length, 0);
    assert.equal(embeddings.callSites.length, 0);
    const lookalike = analyzeSnippet(`class ChatCompletionsClient:
    def complete(self, messages):
        return messages


client = ChatCompletionsClient()
reply = client.complete(messages=[{"role": "user", "content": "hi"}])
`);
    assert.equal(lookalike.clients.length, 0);
    assert.equal(lookalike.callSites.length, 0);
  });
});
