// ingress-nginx serves a path from the Ingress with the longest matching path of that host: a `/` Ingress next to an
// `/api/chat` Ingress of the same host does not front the chat route.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const INGRESS = (name: string, host: string, p: string, annotations = '') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
${annotations ? `  annotations:\n${annotations}` : ''}spec:
  ingressClassName: nginx
  rules:
    - host: ${host}
      http:
        paths:
          - path: ${p}
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 3000
`;

const ROUTE = `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 600_000 });
export async function POST(req: Request) {
  const { q } = await req.json();
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
  console.info('llm.usage', r.usage);
  return Response.json(r.choices[0].message);
}
`;

const LONG = '    nginx.ingress.kubernetes.io/proxy-read-timeout: "600"\n';

async function inversions(webHost: string): Promise<string[]> {
  const ingress = `${INGRESS('chat-api', 'chat.example.com', '/api/chat', LONG)}---\n${INGRESS('web', webHost, '/')}`;
  const { engine, root } = await engineFor({ 'deploy/ingress.yaml': ingress, 'app/api/chat/route.ts': ROUTE });
  return engine.lint(path.join(root, 'deploy/ingress.yaml')).findings.filter((f) => f.ruleId === 'timeout-inversion').map((f) => f.message);
}

describe('timeout-inversion: Ingresses sharing a host', () => {
  it('does not report the `/` Ingress when a longer path of the same host serves the call', async () => {
    assert.deepEqual(await inversions('chat.example.com'), []);
  });

  it('reports the `/` Ingress of another host, which does carry the call there', async () => {
    const found = await inversions('www.example.com');
    assert.equal(found.length, 1);
    assert.match(found[0], /^ingress-nginx Ingress web waits at most 60 s/);
  });
});
