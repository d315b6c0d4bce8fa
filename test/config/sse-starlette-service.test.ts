// A FastAPI route that streams a service's call through sse-starlette (audit 96, glance-io/steer-backend): the
// response is built in the route's module, the model call sits in an injected service, and nginx fronts the route's
// `APIRouter(prefix=…)` path.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const NGINX = `events {}
http {
  server {
    listen 80;
    location /completion/ {
      proxy_pass http://api:8000;
    }
  }
}
`;

const SERVICE = `from openai import AsyncOpenAI


class LLMService:
    def __init__(self):
        self.client = AsyncOpenAI(timeout=120)

    async def generate_stream(self, prompt: str):
        stream = await self.client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": prompt}],
            stream=True,
            stream_options={"include_usage": True},
        )
        async for chunk in stream:
            if chunk.usage:
                print(chunk.usage)
            if chunk.choices and chunk.choices[0].delta.content:
                yield chunk.choices[0].delta.content

    async def generate(self, prompt: str):
        response = await self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
        print(response.usage)
        return response.choices[0].message.content
`;

const ROUTE = (response: string) => `from fastapi import APIRouter, Depends
${response === 'sse' ? 'from sse_starlette.sse import EventSourceResponse' : 'from fastapi.responses import StreamingResponse'}

from app.services.llm import LLMService

router = APIRouter(prefix="/completion")


def get_llm_service() -> LLMService:
    return LLMService()


@router.post("/rephrase")
async def rephrase(text: str, llm: LLMService = Depends(get_llm_service)):
    return ${response === 'sse' ? 'EventSourceResponse(llm.generate_stream(text))' : 'StreamingResponse(llm.generate_stream(text), media_type="text/event-stream")'}
`;

async function findings(response: 'sse' | 'plain'): Promise<Array<{ ruleId: string; severity: string; message: string }>> {
  const { engine, root } = await engineFor({
    'nginx/nginx.conf': NGINX,
    'app/__init__.py': '',
    'app/services/__init__.py': '',
    'app/services/llm.py': SERVICE,
    'app/api/completion.py': ROUTE(response),
  });
  const site = engine.lint(path.join(root, 'app/services/llm.py')).callSites.find((s) => s.streaming);
  assert.match(site?.enclosingFunction?.requestPath ?? '', /route POST \/completion\/rephrase/);
  return engine.lint(path.join(root, 'nginx/nginx.conf')).findings.filter((f) => f.ruleId === 'sse-buffered-by-proxy' || f.ruleId === 'timeout-inversion');
}

describe('a streamed service call behind a FastAPI route and nginx', () => {
  it('follows the injected service to its method, under the router prefix', async () => {
    const found = await findings('plain');
    assert.deepEqual(found.map((f) => [f.ruleId, f.severity]).sort(), [['sse-buffered-by-proxy', 'warning'], ['timeout-inversion', 'warning']]);
    // The streaming method is the one the route reaches: the unreached non-streaming one does not make it an error.
    assert.match(found.find((f) => f.ruleId === 'timeout-inversion')!.message, /streamed tokens must start within that time/);
  });

  it("stays silent when the route's EventSourceResponse turns buffering off and pings every 15 s", async () => {
    assert.deepEqual(await findings('sse'), []);
  });
});
