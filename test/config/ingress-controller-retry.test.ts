// ingress-nginx `retry-non-idempotent` is a controller ConfigMap key (no Ingress annotation): when "true", the
// controller appends non_idempotent to every location's proxy_next_upstream, so POSTs that timed out go to the next pod
// (audit126). Each workspace here is its own: the controller's settings apply to every Ingress of a workspace.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { applyEdits } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/types';
import { engineFor } from '../helpers/lint';
import { CHAT_ROUTE_600S } from './harness';

const CONFIGMAP = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
${data}
`;

const INGRESS = (annotations = '', routePath = '/api/chat') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat
${annotations ? `  annotations:\n${annotations}` : ''}spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: ${routePath}
            pathType: Prefix
            backend:
              service:
                name: chat
                port:
                  number: 3000
`;

async function findings(files: Record<string, string>, rel: string, ruleId: string): Promise<{ found: Finding[]; root: string }> {
  const { engine, root } = await engineFor({ 'app/api/chat/route.ts': CHAT_ROUTE_600S, ...files });
  return { found: engine.lint(path.join(root, rel)).findings.filter((f) => f.ruleId === ruleId), root };
}

describe('retried-timeouts: ingress-nginx controller retry-non-idempotent', () => {
  it('reports an LLM Ingress when the controller ConfigMap in another file turns it on, and fixes the ConfigMap', async () => {
    const cm = CONFIGMAP('  retry-non-idempotent: "true"\n  proxy-read-timeout: "600"');
    const { found, root } = await findings({ 'deploy/ingress.yaml': INGRESS(), 'infra/controller.yaml': cm }, 'deploy/ingress.yaml', 'retried-timeouts');
    assert.equal(found.length, 1);
    const [f] = found;
    assert.match(f.message, /proxy_next_upstream error timeout non_idempotent; the controller's retry-non-idempotent "true" in ConfigMap ingress-nginx-controller in infra\/controller\.yaml adds non_idempotent to every Ingress\), up to 3 attempts$/);
    const cmPath = path.join(root, 'infra/controller.yaml');
    const related = f.related?.find((r) => r.path === cmPath);
    assert.ok(related, 'related information at the ConfigMap key');
    assert.equal(cm.slice(related!.span.start, related!.span.end), '"true"');
    // Controller-wide: the user chooses.
    assert.equal(f.fix?.safety, 'unsafe');
    assert.deepEqual(f.fix?.edits.map((e) => e.path), [cmPath]);
    assert.match(applyEdits(cm, f.fix!.edits), /retry-non-idempotent: "false"/);
  });

  it('reports at the ConfigMap value when it shares the Ingress file, and the fix converges', async () => {
    const text = CONFIGMAP('  retry-non-idempotent: "True"') + '---\n' + INGRESS();
    const { found, root } = await findings({ 'deploy/all.yaml': text }, 'deploy/all.yaml', 'retried-timeouts');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0].span.start, found[0].span.end), '"True"');
    const fixed = applyEdits(text, found[0].fix!.edits.filter((e) => !e.path || e.path === path.join(root, 'deploy/all.yaml')));
    assert.match(fixed, /retry-non-idempotent: "false"/);
    assert.equal((await findings({ 'deploy/all.yaml': fixed }, 'deploy/all.yaml', 'retried-timeouts')).found.length, 0);
  });

  it('reads the chart values (controller.config)', async () => {
    const values = 'controller:\n  config:\n    retry-non-idempotent: true\n';
    const { found } = await findings({ 'deploy/ingress.yaml': INGRESS(), 'charts/ingress-nginx/values.yaml': values }, 'deploy/ingress.yaml', 'retried-timeouts');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /ingress-nginx Helm values controller\.config in charts\/ingress-nginx\/values\.yaml/);
  });

  it('drops non_idempotent from the annotation and turns the controller setting off in one fix', async () => {
    const ingress = INGRESS('    nginx.ingress.kubernetes.io/proxy-next-upstream: "error timeout non_idempotent"\n');
    const { found, root } = await findings({ 'deploy/ingress.yaml': ingress, 'infra/controller.yaml': CONFIGMAP('  retry-non-idempotent: "true"') }, 'deploy/ingress.yaml', 'retried-timeouts');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].fix?.edits.map((e) => (e.path ? path.relative(root, e.path) : 'self')).sort(), ['infra/controller.yaml', 'self']);
    assert.match(applyEdits(ingress, found[0].fix!.edits.filter((e) => !e.path)), /proxy-next-upstream: "error timeout"/);
  });

  describe('near misses', () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['the controller setting is "false"', { 'deploy/ingress.yaml': INGRESS(), 'infra/controller.yaml': CONFIGMAP('  retry-non-idempotent: "false"') }],
      ['a value Go does not read as true ("yes")', { 'deploy/ingress.yaml': INGRESS(), 'infra/controller.yaml': CONFIGMAP('  retry-non-idempotent: "yes"') }],
      // ingress-nginx has no such annotation: only the controller ConfigMap key exists.
      ['only an Ingress annotation retry-non-idempotent', { 'deploy/ingress.yaml': INGRESS('    nginx.ingress.kubernetes.io/retry-non-idempotent: "true"\n') }],
      ['the Ingress limits tries to 1', { 'deploy/ingress.yaml': INGRESS('    nginx.ingress.kubernetes.io/proxy-next-upstream-tries: "1"\n'), 'infra/controller.yaml': CONFIGMAP('  retry-non-idempotent: "true"') }],
      ['the Ingress turns next-upstream off', { 'deploy/ingress.yaml': INGRESS('    nginx.ingress.kubernetes.io/proxy-next-upstream: "off"\n'), 'infra/controller.yaml': CONFIGMAP('  retry-non-idempotent: "true"') }],
      ['the Ingress routes no LLM code', { 'deploy/ingress.yaml': INGRESS('', '/static'), 'infra/controller.yaml': CONFIGMAP('  retry-non-idempotent: "true"') }],
      ['a ConfigMap that is not the controller\'s', { 'deploy/ingress.yaml': INGRESS(), 'infra/app.yaml': CONFIGMAP('  retry-non-idempotent: "true"').replace(/name: ingress-nginx-controller\n  namespace: ingress-nginx/, 'name: chat-settings\n  namespace: chat') }],
    ];
    for (const [name, files] of cases) {
      it(name, async () => {
        assert.deepEqual((await findings(files, 'deploy/ingress.yaml', 'retried-timeouts')).found.map((f) => f.message), []);
      });
    }
  });
});

describe('retry-amplification: the controller retry-non-idempotent makes the ingress a retry layer', () => {
  const APP = `import OpenAI from 'openai';
const client = new OpenAI({ timeout: 600_000, maxRetries: 5 });
export async function POST(req: Request) {
  const { q } = await req.json();
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
  console.info('llm.usage', r.usage);
  return Response.json(r.choices[0].message);
}
`;
  async function amplification(controller: string): Promise<string[]> {
    const { engine, root } = await engineFor({ 'app/api/chat/route.ts': APP, 'deploy/ingress.yaml': INGRESS(), 'infra/controller.yaml': CONFIGMAP(controller) });
    return engine.lint(path.join(root, 'app/api/chat/route.ts')).findings.filter((f) => f.ruleId === 'retry-amplification').map((f) => f.message);
  }

  it('counts 3 ingress attempts when it is on, 1 when it is off', async () => {
    assert.match((await amplification('  retry-non-idempotent: "true"')).join('\n'), /ingress-nginx 3 × SDK 6/);
    assert.doesNotMatch((await amplification('  retry-non-idempotent: "false"')).join('\n'), /ingress-nginx 3/);
  });

  it('takes the controller-wide proxy-next-upstream-tries', async () => {
    assert.match((await amplification('  retry-non-idempotent: "true"\n  proxy-next-upstream-tries: "2"')).join('\n'), /ingress-nginx 2 × SDK 6/);
  });
});
