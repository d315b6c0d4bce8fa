// Envoy AI Gateway's AIGatewayRoute rules carry HTTPRoute timeouts (audit 97, echarso/ai-router): a `request: 120s`
// in front of a vLLM backend cuts SDK calls that may wait 600 s, as the same HTTPRoute would. Without one, Envoy AI
// Gateway's own 60 s default applies (audit 115).
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

  it('takes Envoy AI Gateway\'s 60 s default where the rule sets no request timeout (audit 115)', async () => {
    const [f, ...rest] = await inversions(ROUTE(''));
    assert.equal(rest.length, 0);
    assert.match(f?.message ?? '', /^Envoy Gateway AIGatewayRoute tinyllama-route times out after 60 s \(default\)/);
    assert.match(applyEdits(ROUTE(''), f.fix?.edits ?? []), /- name: vllm-tinyllama\n {6}timeouts:\n {8}request: 600s\n/);
  });

  it('lets a backendRequest below the default cut each attempt, and ignores one above it', async () => {
    const [short] = await inversions(ROUTE('      timeouts:\n        backendRequest: 30s\n'));
    assert.match(short?.message ?? '', /times out after 30 s \(set here\)/);
    const [long] = await inversions(ROUTE('      timeouts:\n        backendRequest: 300s\n'));
    assert.match(long?.message ?? '', /times out after 60 s \(default\)/);
  });

  it('says nothing where the rule allows the call\'s time', async () => {
    assert.deepEqual(await inversions(ROUTE('      timeouts:\n        request: 600s\n')), []);
  });
});
