// Envoy AI Gateway's AIGatewayRoute rules carry HTTPRoute timeouts (audit 97, echarso/ai-router): a `request: 120s`
// in front of a vLLM backend cuts SDK calls that may wait 600 s, as the same HTTPRoute would.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { applyEdits } from '../../server/src/core/text';
import { engineFor } from '../helpers/lint';

const ROUTE = (timeouts: string) => `apiVersion: aigateway.envoyproxy.io/v1alpha1
kind: AIServiceBackend
metadata:
  name: vllm-tinyllama
spec:
  schema:
    name: OpenAI
  backendRef:
    name: vllm-tinyllama
    kind: Service
---
apiVersion: aigateway.envoyproxy.io/v1alpha1
kind: AIGatewayRoute
metadata:
  name: tinyllama-route
spec:
  parentRefs:
    - name: ai-gateway
      kind: Gateway
      group: gateway.networking.k8s.io
  rules:
    - backendRefs:
        - name: vllm-tinyllama
${timeouts}`;

async function inversions(yaml: string) {
  const { engine, root } = await engineFor({ 'k8s/route.yaml': yaml });
  return engine.lint(path.join(root, 'k8s/route.yaml')).findings.filter((f) => f.ruleId === 'timeout-inversion');
}

describe('timeout-inversion on an AIGatewayRoute', () => {
  it('reports a request timeout shorter than an SDK call, with the HTTPRoute fix', async () => {
    const yaml = ROUTE('      timeouts:\n        request: 120s\n');
    const [f, ...rest] = await inversions(yaml);
    assert.equal(rest.length, 0);
    assert.match(f?.message ?? '', /^Envoy Gateway AIGatewayRoute tinyllama-route times out after 120 s \(set here\)/);
    assert.match(applyEdits(yaml, f.fix?.edits ?? []), /timeouts:\n {8}request: 600s\n/);
  });

  it('says nothing where the route sets no timeout (the AI Gateway default is not catalogued)', async () => {
    assert.deepEqual(await inversions(ROUTE('')), []);
  });
});
