// LiteLLM and nginx configs inside ConfigMaps: offsets map back line by line, and fixes keep the block's indentation and
// the file's line breaks.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { applyFixes, infraEngine } from './harness';

const CONFIG_MAP = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: litellm',
  'data:',
  '  config.yaml: |',
  '    model_list:',
  '      - model_name: gpt-4o',
  '        litellm_params:',
  '          model: openai/gpt-4o',
  '',
  '      - model_name: claude',
  '        litellm_params:',
  '          model: anthropic/claude-sonnet-4-5',
  '',
].join('\n');

function fixed(text: string): string {
  const { engine, file } = infraEngine({ 'k8s/litellm.yaml': text });
  const findings = engine.lint(file('k8s/litellm.yaml')).findings;
  assert.equal(findings.filter((f) => f.ruleId === 'gateway-without-fallback').length, 1);
  return applyFixes(text, findings, 'gateway-without-fallback');
}

function block(text: string): string {
  const doc = parseAllDocuments(text)[0];
  assert.deepEqual(doc.errors, []);
  return (doc.toJS() as { data: Record<string, string> }).data['config.yaml'];
}

describe('LiteLLM config in a ConfigMap', () => {
  it('adds the fallback inside the block, which stays valid YAML (blank lines inside the block too)', () => {
    const out = fixed(CONFIG_MAP);
    const inner = parseAllDocuments(block(out))[0];
    assert.deepEqual(inner.errors, []);
    assert.deepEqual((inner.toJS() as { router_settings: unknown }).router_settings, { fallbacks: [{ 'gpt-4o': ['claude'] }] });
  });

  it('keeps CRLF line breaks', () => {
    const crlf = CONFIG_MAP.replace(/\n/g, '\r\n');
    const out = fixed(crlf);
    assert.equal(/(?<!\r)\n/.test(out), false, 'no bare LF in a CRLF file');
    assert.deepEqual((parseAllDocuments(block(out))[0].toJS() as { router_settings: unknown }).router_settings, { fallbacks: [{ 'gpt-4o': ['claude'] }] });
  });
});

describe('nginx config in a ConfigMap', () => {
  const nginx = (read: string, key = 'nginx.conf') => [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: edge',
    'data:',
    `  ${key}: |`,
    '    upstream litellm_backend { server litellm:4000; }',
    '    server {',
    '      listen 80;',
    '      location / {',
    '        proxy_pass http://litellm_backend;',
    `        proxy_read_timeout ${read};`,
    '      }',
    '    }',
    '',
  ].join('\n');

  it('is read like an nginx file, its findings on the ConfigMap lines, with no fix', () => {
    const text = nginx('300s');
    const { engine, file } = infraEngine({ 'k8s/nginx.yaml': text });
    const [finding] = engine.lint(file('k8s/nginx.yaml')).findings.filter((f) => f.ruleId === 'timeout-inversion');
    assert.match(finding.message, /^nginx location \/ waits at most 300 s/);
    assert.equal(text.slice(finding.span.start, finding.span.end), '300s');
    assert.equal(finding.fix, undefined);
  });

  it('leaves other keys and long enough timeouts alone', () => {
    for (const text of [nginx('900s'), nginx('300s', 'nginx.txt')]) {
      const { engine, file } = infraEngine({ 'k8s/nginx.yaml': text });
      assert.deepEqual(engine.lint(file('k8s/nginx.yaml')).findings.filter((f) => f.ruleId === 'timeout-inversion'), []);
    }
  });
});
