// A regex location that strips an API prefix with `rewrite` serves the app's routes under that prefix: the call is
// behind it, not behind the catch-all `location /` of the frontend.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const NGINX = (apiSettings: string, rewrite = 'rewrite ^/api(/.*)$ $1 break;') => `http {
  upstream api_server { server api_server:8080; }
  upstream web_server { server web_server:3000; }
  server {
    listen 80;
    location ~ ^/(api|openapi.json)(/.*)?$ {
      ${rewrite}
${apiSettings}      proxy_pass http://api_server;
    }
    location / {
      proxy_pass http://web_server;
    }
  }
}
`;

const BACKEND = `from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from openai import OpenAI

client = OpenAI(timeout=600)
router = APIRouter(prefix="/chat")


@router.post("/send-message")
def send_message(q: str):
    stream = client.chat.completions.create(model="gpt-4o", stream=True, stream_options={"include_usage": True}, messages=[{"role": "user", "content": q}])
    def gen():
        for chunk in stream:
            if chunk.usage:
                print(chunk.usage)
            if chunk.choices:
                yield chunk.choices[0].delta.content or ""
    return StreamingResponse(gen(), media_type="text/event-stream")
`;

async function proxyFindings(nginx: string): Promise<string[]> {
  const { engine, root } = await engineFor({ 'nginx/nginx.conf': nginx, 'backend/chat_backend.py': BACKEND });
  return engine
    .lint(path.join(root, 'nginx/nginx.conf'))
    .findings.filter((f) => f.ruleId === 'timeout-inversion' || f.ruleId === 'sse-buffered-by-proxy')
    .map((f) => `${f.ruleId}: ${f.message.slice(0, f.message.indexOf(' ', 'nginx location '.length + 1))}`);
}

describe('nginx: a rewrite that strips the API prefix', () => {
  it('links the call to the regex location, which is configured for it, and not to location /', async () => {
    assert.deepEqual(await proxyFindings(NGINX('      proxy_buffering off;\n      proxy_read_timeout 900s;\n')), []);
  });

  it('reports the regex location itself when it keeps the defaults', async () => {
    const found = await proxyFindings(NGINX(''));
    assert.ok(found.length > 0 && found.every((f) => /nginx location ~/.test(f)), found.join('; '));
  });

  it('does not take a rewrite that adds a prefix for one that strips it', async () => {
    const found = await proxyFindings(NGINX('      proxy_buffering off;\n      proxy_read_timeout 900s;\n', 'rewrite ^/(.*)$ /v1/$1 break;'));
    assert.ok(found.every((f) => !/nginx location ~/.test(f)), found.join('; '));
  });
});
