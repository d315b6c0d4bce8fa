// ingress-nginx serves a path from the Ingress with the longest matching path of that host: a `/` Ingress next to an
// `/api/chat` Ingress of the same host does not front the chat route.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';
import { CHAT_ROUTE_600S } from './harness';

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

const LONG = '    nginx.ingress.kubernetes.io/proxy-read-timeout: "600"\n';

async function inversions(webHost: string): Promise<string[]> {
  const ingress = `${INGRESS('chat-api', 'chat.example.com', '/api/chat', LONG)}---\n${INGRESS('web', webHost, '/')}`;
  const { engine, root } = await engineFor({ 'deploy/ingress.yaml': ingress, 'app/api/chat/route.ts': CHAT_ROUTE_600S });
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
