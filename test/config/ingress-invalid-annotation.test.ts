// An ingress-nginx annotation the controller cannot parse ("600s") is ignored: the controller's ConfigMap value
// applies when the workspace has one, else the 60 s default.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';
import { CHAT_ROUTE_600S } from './harness';

const CONFIGMAP = (seconds: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  proxy-read-timeout: "${seconds}"
---
`;

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat
  annotations:
    nginx.ingress.kubernetes.io/proxy-read-timeout: "600s"
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: /api/chat
            pathType: Prefix
            backend:
              service:
                name: chat
                port:
                  number: 3000
`;

async function inversion(ingress: string): Promise<string | undefined> {
  const { engine, root } = await engineFor({ 'deploy/ingress.yaml': ingress, 'app/api/chat/route.ts': CHAT_ROUTE_600S });
  return engine.lint(path.join(root, 'deploy/ingress.yaml')).findings.find((f) => f.ruleId === 'timeout-inversion')?.message;
}

describe('timeout-inversion: an unparsable ingress-nginx timeout annotation', () => {
  it('uses the controller ConfigMap value, saying the annotation is ignored', async () => {
    assert.equal(await inversion(CONFIGMAP('900') + INGRESS), undefined);
    assert.match((await inversion(CONFIGMAP('30') + INGRESS))!, /waits at most 30 s for the upstream \(set in ConfigMap ingress-nginx-controller in deploy\/ingress\.yaml; the Ingress's "600s" is not a number of seconds, so it is ignored\)/);
  });

  it('uses the 60 s default when there is no ConfigMap', async () => {
    assert.match((await inversion(INGRESS))!, /waits at most 60 s for the upstream \(default: the value set here is not a number of seconds, so it is ignored\)/);
  });
});
