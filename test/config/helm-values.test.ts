// The LiteLLM Helm chart (ghcr.io/berriai/litellm-helm) takes the proxy config under `proxy_config` in its values:
// every rule that reads the gateway sees it there, and the fallback fix edits inside it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { engineFor } from '../helpers/lint';
import { applyFixes, infraEngine } from './harness';

const VALUES = [
  'replicaCount: 2',
  'proxy_config:',
  '  model_list:',
  '    - model_name: gpt-4o',
  '      litellm_params:',
  '        model: openai/gpt-4o',
  '',
  '    - model_name: claude',
  '      litellm_params:',
  '        model: anthropic/claude-sonnet-4-5',
  '  general_settings:',
  '    master_key: os.environ/PROXY_MASTER_KEY',
  'resources: {}',
  '',
].join('\n');

function fixed(text: string): string {
  const { engine, file } = infraEngine({ 'charts/litellm/values.yaml': text });
  const findings = engine.lint(file('charts/litellm/values.yaml')).findings;
  assert.equal(findings.filter((f) => f.ruleId === 'gateway-without-fallback').length, 1);
  return applyFixes(text, findings, 'gateway-without-fallback');
}

function proxyConfig(text: string): Record<string, unknown> {
  const [doc] = parseAllDocuments(text);
  assert.deepEqual(doc.errors, []);
  return (doc.toJS() as { proxy_config: Record<string, unknown> }).proxy_config;
}

describe('gateway-without-fallback on Helm values', () => {
  it('adds router_settings.fallbacks inside proxy_config, and the chart\'s other values stay put', () => {
    const out = fixed(VALUES);
    assert.deepEqual(proxyConfig(out).router_settings, { fallbacks: [{ 'gpt-4o': ['claude'] }] });
    assert.deepEqual((parseAllDocuments(out)[0].toJS() as { resources: unknown }).resources, {});
    assert.match(out, /\n {2}router_settings:\n {4}fallbacks: \[\{"gpt-4o": \["claude"\]\}\]\nresources: \{\}\n$/);
  });

  it('keeps CRLF line breaks and a four-space indentation', () => {
    const four = [
      'proxy_config:',
      '    model_list:',
      '        -   model_name: gpt-4o',
      '            litellm_params: { model: openai/gpt-4o }',
      '        -   model_name: claude',
      '            litellm_params: { model: anthropic/claude-sonnet-4-5 }',
      '    general_settings:',
      '        master_key: os.environ/PROXY_MASTER_KEY',
      '',
    ].join('\r\n');
    const out = fixed(four);
    assert.equal(/(?<!\r)\n/.test(out), false, 'no bare LF in a CRLF file');
    assert.match(out, /\r\n {4}router_settings:\r\n {8}fallbacks: /);
    assert.deepEqual(proxyConfig(out).router_settings, { fallbacks: [{ 'gpt-4o': ['claude'] }] });
  });

  it('writes into a flow-style proxy_config', () => {
    const flow = 'proxy_config: { model_list: [{ model_name: a, litellm_params: { model: openai/a } }, { model_name: b, litellm_params: { model: openai/b } }] }\n';
    assert.deepEqual(proxyConfig(fixed(flow)).router_settings, { fallbacks: [{ a: ['b'] }] });
  });
});

describe('the gateway in Helm values, seen from the code', () => {
  const route = `import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL });

export async function POST(req: Request) {
  const { q } = await req.json();
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
  return Response.json({ text: r.choices[0].message.content });
}
`;
  const values = (extra: string) => `proxy_config:
  model_list:
    - model_name: gpt-4o
      litellm_params:
        model: openai/gpt-4o
${extra}`;
  const workspace = (extra: string) => ({
    'app/api/chat/route.ts': route,
    'deploy/litellm/values.yaml': values(extra),
    '.env.example': 'OPENAI_BASE_URL=http://litellm:4000/v1\n',
  });
  async function findings(files: Record<string, string>, ruleId: string) {
    const { engine, root } = await engineFor(files);
    return { found: engine.lint(path.join(root, 'app/api/chat/route.ts')).findings.filter((f) => f.ruleId === ruleId), root };
  }

  it('retry-amplification counts the LiteLLM proxy and points at num_retries in the values file', async () => {
    const files = workspace('  router_settings:\n    num_retries: 3\n');
    const { found: [f], root } = await findings(files, 'retry-amplification');
    assert.ok(f, 'SDK 3 × LiteLLM proxy 4 is above the threshold');
    assert.match(f.message, /SDK 3 × LiteLLM proxy 4/);
    const r = f.related?.find((x) => x.path === path.join(root, 'deploy/litellm/values.yaml'));
    assert.ok(r, 'related information in the values file');
    assert.equal(files['deploy/litellm/values.yaml'].slice(r.span.start, r.span.end), '3');
  });

  it('a gateway that logs every call (litellm_settings.success_callback) covers tracing and usage', async () => {
    const logged = workspace('  litellm_settings:\n    success_callback: ["langfuse"]\n');
    for (const ruleId of ['untraced-llm-call', 'usage-discarded']) {
      assert.deepEqual((await findings(logged, ruleId)).found.map((f) => f.message), [], ruleId);
      assert.equal((await findings(workspace(''), ruleId)).found.length, 1, `${ruleId} without the callback`);
    }
  });
});

// vllm-project/production-stack's values.yaml holds `url: http://{{ .Release.Name }}-kube-prometheus-stack-prometheus`
// for a sub-chart that renders it with tpl: Helm never renders the values file itself, so it is still YAML.
describe('a values file with {{ }} in its strings', () => {
  const lint = (text: string) => {
    const { engine, file } = infraEngine({ 'charts/litellm/values.yaml': text });
    return engine.lint(file('charts/litellm/values.yaml'));
  };

  it('is read: text for tpl inside a scalar is not a template action', () => {
    const text = `prometheus:\n  url: http://{{ .Release.Name }}-prometheus\n  namespace: "{{ .Release.Namespace }}"\n${VALUES}`;
    const result = lint(text);
    assert.deepEqual(result.errors.map((e) => e.message), []);
    assert.equal(result.findings.filter((f) => f.ruleId === 'gateway-without-fallback').length, 1);
  });

  it('is read when the actions are lines of a block scalar a sub-chart renders with tpl (audit 187)', () => {
    const text = `extraConfig: |\n  {{- if .Values.metrics }}\n  metrics: true\n  {{- end }}\n${VALUES}`;
    const result = lint(text);
    assert.deepEqual(result.errors.map((e) => e.message), []);
    assert.equal(result.findings.filter((f) => f.ruleId === 'gateway-without-fallback').length, 1);
  });

  it('is skipped when an action stands where YAML would parse it (a values file templated by helmfile)', () => {
    for (const line of ['{{- if .Values.litellm }}', 'replicas: {{ .Values.replicas }}', '  - {{ .Values.host }}']) {
      const result = lint(`${line}\n${VALUES}`);
      assert.match(result.errors.map((e) => e.message).join('\n'), /Helm template skipped/, line);
      assert.deepEqual(result.findings.map((f) => f.ruleId), [], line);
    }
  });
});
