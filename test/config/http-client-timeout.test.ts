// Raw HTTP calls behind an Ingress: requests sets no timeout by default, but httpx (5 s) and aiohttp (5 min) do, and
// their client is often made apart from the call (`async with httpx.AsyncClient(timeout=30) as c: c.post(…)`), which
// the call site does not carry. Only the first is claimed to run "without a time limit" (audit 92).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: /api
            pathType: Prefix
            backend:
              service:
                name: api
                port:
                  number: 8000
`;

const app = (call: string) => `import httpx
import requests
from fastapi import FastAPI

app = FastAPI()
URL = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent"


@app.post("/api/chat")
async def chat(q: str):
${call}
    return data["candidates"][0]["content"]["parts"][0]["text"]
`;

async function inversionFor(call: string) {
  const { engine, root } = await engineFor({ 'deploy/ingress.yaml': INGRESS, 'app/main.py': app(call) });
  engine.lint(path.join(root, 'app/main.py'));
  return engine.lint(path.join(root, 'deploy/ingress.yaml')).findings.filter((f) => f.ruleId === 'timeout-inversion');
}

describe('timeout-inversion on raw HTTP calls (Python)', () => {
  it('does not call an httpx request unbounded: its client sets a timeout (or httpx its 5 s default)', async () => {
    const httpx = await inversionFor('    async with httpx.AsyncClient(timeout=30.0) as client:\n        resp = await client.post(URL, json={"contents": [{"role": "user", "parts": [{"text": q}]}]})\n        data = resp.json()');
    assert.deepEqual(httpx, []);
  });

  it('still reports a requests.post with no timeout behind the Ingress', async () => {
    const bare = await inversionFor('    data = requests.post(URL, json={"contents": [{"role": "user", "parts": [{"text": q}]}]}).json()');
    assert.equal(bare.length, 1);
    assert.match(bare[0].message, /without a time limit/);
  });
});
