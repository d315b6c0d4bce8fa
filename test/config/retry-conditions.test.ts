// Audit 51 P1: a mesh or Envoy retry multiplies the app's attempts only when it re-sends a request the app already
// received. Connection failures, refused streams and gRPC statuses (on an HTTP route) never do.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { retryLayersOfHop } from '../../server/src/core/topology';
import { resendingConditions } from '../../server/src/languages/config/istio';
import { analyzeYaml } from '../../server/src/languages/config/yaml-front-end';
import { engineFor } from '../helpers/lint';

const at = (rel: string) => path.join('/ws', rel);

const vs = (retries: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: chat }
spec:
  hosts: [chat]
  http:
    - route: [{ destination: { host: chat } }]
${retries}`;

const envoy = (policy: string) => `static_resources:
  listeners:
    - filter_chains:
        - filters:
            - typed_config:
                route_config:
                  virtual_hosts:
                    - name: api
                      domains: ["*"]
                      routes:
                        - match: { prefix: "/api/chat" }
                          route: { cluster: app, timeout: 700s, retry_policy: ${policy} }
`;

const istioAttempts = (retries: string) => retryLayersOfHop(analyzeYaml(at('vs.yaml'), vs(retries)).hops[0]).attempts;
const envoyAttempts = (policy: string) => retryLayersOfHop(analyzeYaml(at('envoy.yaml'), envoy(policy)).hops[0]).attempts;

describe('retry conditions that re-send a request the upstream received', () => {
  it('leaves out connection-phase conditions, gRPC statuses and status-code retries without codes', () => {
    assert.deepEqual(resendingConditions(['connect-failure', 'refused-stream', 'reset-before-request', 'unavailable', 'cancelled', 'retriable-status-codes'], []), []);
    assert.deepEqual(resendingConditions(['connect-failure', '5xx', 'reset', 'gateway-error', 'retriable-4xx', '503'], []), ['5xx', 'reset', 'gateway-error', 'retriable-4xx', '503']);
    assert.deepEqual(resendingConditions(['retriable-status-codes'], [429]), ['retriable-status-codes']);
  });

  it('counts an Istio route as one attempt when it only retries what never reached the app', () => {
    // The mesh default (no retries block), and retries without retryOn, use connect-failure,refused-stream,unavailable,cancelled.
    assert.equal(istioAttempts(''), 1);
    assert.equal(istioAttempts('      retries: { attempts: 3 }\n'), 1);
    assert.equal(istioAttempts('      retries: { attempts: 2, retryOn: "connect-failure,refused-stream" }\n'), 1);
    assert.equal(istioAttempts('      retries: { attempts: 2, retryOn: "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes" }\n'), 1);
    // Answers from the app (5xx, status codes, 409) and resets mid-response re-send work the app has done.
    assert.equal(istioAttempts('      retries: { attempts: 2, retryOn: "5xx" }\n'), 3);
    assert.equal(istioAttempts('      retries: { attempts: 2, retryOn: "connect-failure,503" }\n'), 3);
    assert.equal(istioAttempts('      retries: { attempts: 2, retryOn: "retriable-status-codes,429" }\n'), 3);
    assert.equal(istioAttempts('      retries: { attempts: 4, retryOn: "reset,connect-failure" }\n'), 5);
    assert.equal(istioAttempts('      retries: { attempts: 2, retryOn: "retriable-4xx" }\n'), 3);
  });

  it('counts an Envoy route the same way, with retriable_status_codes', () => {
    assert.equal(envoyAttempts('{ retry_on: "connect-failure,refused-stream", num_retries: 3 }'), 1);
    assert.equal(envoyAttempts('{ retry_on: "retriable-status-codes", num_retries: 3 }'), 1);
    assert.equal(envoyAttempts('{ retry_on: "retriable-status-codes", retriable_status_codes: [503], num_retries: 3 }'), 4);
    assert.equal(envoyAttempts('{ retry_on: "5xx" }'), 2);
  });

  it('retry-amplification is silent for a connect-failure mesh in front of a default SDK, and counts a 5xx one', async () => {
    const route = `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 600_000 });
export async function POST(req: Request) {
  const { q } = await req.json();
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
  return Response.json(r.choices[0].message);
}
`;
    const messages = async (retries: string) => {
      const { engine, root } = await engineFor({ 'app/api/chat/route.ts': route, 'deploy/vs.yaml': vs(retries) });
      return engine.lint(path.join(root, 'app/api/chat/route.ts')).findings.filter((f) => f.ruleId === 'retry-amplification').map((f) => f.message);
    };
    assert.deepEqual(await messages('      retries: { attempts: 2, retryOn: "connect-failure,refused-stream" }\n'), []);
    assert.deepEqual(await messages('      timeout: 0s\n'), []);
    assert.deepEqual(await messages('      retries: { attempts: 2, retryOn: 5xx }\n'), ['Up to 9 attempts per request: Istio 3 × SDK 3; let one layer own retries']);
  });
});
