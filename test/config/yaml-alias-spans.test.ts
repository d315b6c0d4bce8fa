// Audit 54 P4: a value a route takes through a YAML alias or merge key is reported where the route takes it (the
// alias), not on the anchor other routes share, so a suppression comment above the alias applies to that route.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeYaml } from '../../server/src/languages/config/yaml-front-end';
import { parseYaml, spanAt } from '../../server/src/languages/config/yaml-ast';

const at = (rel: string) => path.join('/ws', rel);
const lineOf = (text: string, offset: number | undefined) => (offset === undefined ? null : text.slice(0, offset).split('\n').length);

describe('spans of values reached through aliases', () => {
  it('spanAt points at the first alias or merge key on the way, else at the value', () => {
    const text = 'base: &b\n  retries: &r\n    retryOn: 5xx\nown:\n  retries:\n    retryOn: reset\naliased:\n  retries: *r\nmerged:\n  retries:\n    <<: *r\n    attempts: 2\nwhole: *b\n';
    const { doc } = parseYaml(text).docs[0];
    const line = (...p: Array<string | number>) => lineOf(text, spanAt(doc, doc.contents, ...p)?.start);
    assert.equal(line('own', 'retries', 'retryOn'), 6);
    assert.equal(line('base', 'retries', 'retryOn'), 3);
    assert.equal(line('aliased', 'retries', 'retryOn'), 8);
    assert.equal(line('merged', 'retries', 'retryOn'), 11);
    assert.equal(line('merged', 'retries', 'attempts'), 12);
    assert.equal(line('whole', 'retries', 'retryOn'), 13);
    assert.equal(spanAt(doc, doc.contents, 'own', 'missing'), undefined);
  });

  it('Istio routes: timeouts and retries taken through an alias', () => {
    const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: llm }
spec:
  hosts: [litellm]
  http:
    - name: chat
      route: [{ destination: { host: litellm } }]
      timeout: &t 30s
      retries: &r
        attempts: 3
        retryOn: 5xx
    - name: embeddings
      route: [{ destination: { host: litellm } }]
      timeout: *t
      retries: *r
`;
    const [chat, embeddings] = analyzeYaml(at('vs.yaml'), text).hops;
    assert.deepEqual([lineOf(text, chat.timeout.span?.start), lineOf(text, chat.retry.span?.start)], [9, 12]);
    assert.deepEqual([lineOf(text, embeddings.timeout.span?.start), lineOf(text, embeddings.retry.span?.start)], [15, 16]);
  });

  it('Envoy routes and HTTPRoute rules too', () => {
    const envoy = `static_resources:
  listeners:
    - filter_chains:
        - filters:
            - typed_config:
                route_config:
                  virtual_hosts:
                    - name: api
                      domains: ["*"]
                      routes:
                        - match: { prefix: "/v1/chat" }
                          route: { cluster: llm, timeout: 30s, retry_policy: &retry { retry_on: "5xx", num_retries: 2 } }
                        - match: { prefix: "/v1/responses" }
                          route:
                            cluster: llm
                            timeout: 30s
                            retry_policy: *retry
`;
    const [a, b] = analyzeYaml(at('envoy.yaml'), envoy).hops;
    assert.deepEqual([lineOf(envoy, a.retry.span?.start), lineOf(envoy, b.retry.span?.start)], [12, 17]);
    const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: llm }
spec:
  rules:
    - name: chat
      backendRefs: [{ name: litellm, port: 4000 }]
      timeouts: &timeouts { request: 30s }
    - name: responses
      backendRefs: [{ name: litellm, port: 4000 }]
      timeouts: *timeouts
`;
    const [c, d] = analyzeYaml(at('route.yaml'), route).hops;
    assert.deepEqual([lineOf(route, c.timeout.span?.start), lineOf(route, d.timeout.span?.start)], [8, 11]);
  });
});
