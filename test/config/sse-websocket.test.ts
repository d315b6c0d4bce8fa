// nginx tunnels an upgraded (WebSocket) connection without proxy_buffering: tokens relayed over a WebSocket are not
// held back, while the same location in front of an SSE response is.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const NGINX = `events {}
http {
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  server {
    listen 80;
    location /ws {
      proxy_pass http://backend:8000;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 3600s;
    }
  }
}
`;

const HANDLER = (decorator: string, body: string) => `from fastapi import FastAPI, WebSocket
from fastapi.responses import StreamingResponse
from openai import AsyncOpenAI

app = FastAPI()
client = AsyncOpenAI(timeout=120)


${decorator}
${body}
`;

const WEBSOCKET = HANDLER('@app.websocket("/ws")', `async def ws(websocket: WebSocket):
    await websocket.accept()
    while True:
        q = await websocket.receive_text()
        stream = await client.chat.completions.create(model="gpt-4o", stream=True, stream_options={"include_usage": True}, messages=[{"role": "user", "content": q}])
        async for chunk in stream:
            if chunk.usage:
                print(chunk.usage)
            if chunk.choices:
                await websocket.send_text(chunk.choices[0].delta.content or "")`);

const SSE = HANDLER('@app.get("/ws")', `async def sse(q: str):
    async def gen():
        stream = await client.chat.completions.create(model="gpt-4o", stream=True, stream_options={"include_usage": True}, messages=[{"role": "user", "content": q}])
        async for chunk in stream:
            if chunk.usage:
                print(chunk.usage)
            if chunk.choices:
                yield chunk.choices[0].delta.content or ""
    return StreamingResponse(gen(), media_type="text/event-stream")`);

async function buffered(handler: string): Promise<number> {
  const { engine, root } = await engineFor({ 'nginx/nginx.conf': NGINX, 'backend/main.py': handler });
  return engine.lint(path.join(root, 'nginx/nginx.conf')).findings.filter((f) => f.ruleId === 'sse-buffered-by-proxy').length;
}

describe('sse-buffered-by-proxy: WebSocket routes', () => {
  it('leaves a location in front of a WebSocket handler alone, and reports the same location in front of SSE', async () => {
    assert.equal(await buffered(WEBSOCKET), 0);
    assert.equal(await buffered(SSE), 1);
  });
});
