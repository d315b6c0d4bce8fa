// A raw HTTP stream to an OpenAI-compatible server on an unknown host (the workspace's LiteLLM proxy, vLLM) loses its
// usage without stream_options.include_usage (audits 125, 126), unless the workspace's LiteLLM proxy adds the option to
// every stream itself (general_settings.always_include_stream_usage, or LITELLM_ENFORCE_STREAMED_USAGE).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const relay = `import os

import httpx

PROXY = os.environ["LITELLM_PROXY_URL"]


async def relay(body: dict):
    payload = {"model": body["model"], "messages": body["messages"], "stream": True}
    async with httpx.AsyncClient() as client:
        async with client.stream("POST", f"{PROXY}/chat/completions", json=payload, timeout=120.0) as response:
            async for line in response.aiter_lines():
                yield line
`;

const direct = `import httpx


async def direct(messages):
    payload = {"model": "gpt-4o-mini", "messages": messages, "stream": True}
    async with httpx.AsyncClient() as client:
        async with client.stream("POST", "https://api.openai.com/v1/chat/completions", json=payload, timeout=120.0) as response:
            async for line in response.aiter_lines():
                yield line
`;

const config = (settings: string) => `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
${settings}`;

async function findings(files: Record<string, string>, file = 'src/relay.py'): Promise<number> {
  const { engine, root } = await engineFor(files);
  return engine.lint(path.join(root, file)).findings.filter((f) => f.ruleId === 'stream-without-usage').length;
}

describe('stream-without-usage: raw HTTP to an OpenAI-compatible server', () => {
  it('reports a stream to the workspace proxy that does not ask for usage', async () => {
    assert.equal(await findings({ 'src/relay.py': relay, 'litellm_config.yaml': config('') }), 1);
    assert.equal(await findings({ 'src/relay.py': relay, 'litellm_config.yaml': config('general_settings:\n  always_include_stream_usage: false\n') }), 1);
  });

  it('is silent when the proxy adds stream usage to every stream', async () => {
    assert.equal(await findings({ 'src/relay.py': relay, 'litellm_config.yaml': config('general_settings:\n  always_include_stream_usage: true\n') }), 0);
    // Set from the environment: it may be on.
    assert.equal(await findings({ 'src/relay.py': relay, 'litellm_config.yaml': config('general_settings:\n  always_include_stream_usage: os.environ/STREAM_USAGE\n') }), 0);
    assert.equal(await findings({ 'src/relay.py': relay, '.env': 'LITELLM_ENFORCE_STREAMED_USAGE=true\n' }), 0);
    assert.equal(await findings({ 'src/relay.py': relay, '.env': 'LITELLM_ENFORCE_STREAMED_USAGE=false\n' }), 1);
  });

  it('the proxy setting says nothing about a stream sent to OpenAI directly', async () => {
    assert.equal(await findings({ 'src/direct.py': direct, 'litellm_config.yaml': config('general_settings:\n  always_include_stream_usage: true\n') }, 'src/direct.py'), 1);
  });
});
