// ingress-nginx's documented prefix-stripping form, `path: /api(/|$)(.*)` with `rewrite-target: /$2`, sends
// `/api/ask` to the service as `/ask`: the app's `/ask` route is behind it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const INGRESS = (path: string, target: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: rag
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: ${target}
    nginx.ingress.kubernetes.io/proxy-read-timeout: "180"
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: ${path}
            pathType: ImplementationSpecific
            backend:
              service:
                name: rag-api
                port: { number: 80 }
`;

const APP = `from fastapi import FastAPI
from openai import OpenAI

app = FastAPI()
client = OpenAI(base_url="http://litellm:4000", timeout=600)


@app.post("/ask")
def ask(q: str):
    r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
    print(r.usage)
    return r.choices[0].message.content
`;

async function inversions(ingressPath: string, target: string): Promise<number> {
  const { engine, root } = await engineFor({ 'k8s/ingress.yaml': INGRESS(ingressPath, target), 'web/static/index.html': '<p>x</p>', 'src/main.py': APP });
  return engine.lint(path.join(root, 'k8s/ingress.yaml')).findings.filter((f) => f.ruleId === 'timeout-inversion').length;
}

describe('ingress-nginx rewrite-target', () => {
  it('puts the routes under a stripped regex prefix behind the Ingress', async () => {
    assert.equal(await inversions('/api(/|$)(.*)', '/$2'), 1);
    assert.equal(await inversions('/api/(.*)', '/$1'), 1);
  });
  it('keeps a rewrite it cannot read as written', async () => {
    assert.equal(await inversions('/api(/|$)(.*)', '/v2/$2'), 0);
    assert.equal(await inversions('/api(/|$)(.*)', '/$1'), 0);
  });
});
