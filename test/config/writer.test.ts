import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { applyEdits } from '../../server/src/core/text';
import { combineSteps } from '../../server/src/languages/config/hop-fixes';
import { parseNginx } from '../../server/src/languages/config/nginx-parser';
import { nginxRewriteDirective, nginxSetDirective, nginxSetDirectives, renderYamlScalar, yamlInsertLines, yamlSet } from '../../server/src/languages/config/writer';

function yamlOk(text: string): void {
  const errors = parseAllDocuments(text).flatMap((d) => d.errors);
  assert.deepEqual(errors.map((e) => e.message), []);
}

const apply = (text: string, edit: ReturnType<typeof yamlSet>) => {
  assert.ok(edit, 'an edit');
  return applyEdits(text, [edit!]);
};

describe('YAML writer', () => {
  const text = `# deploy
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat   # the chat API
  annotations:
    nginx.ingress.kubernetes.io/proxy-read-timeout: '30'  # too short
spec:
  rules: []
---
kind: Ingress
metadata:
  name: x
spec: {}
---
metadata:
  name: y
  annotations:
---
metadata: { name: z, annotations: {} }
`;

  it('replaces a scalar in place, keeping its quotes and trailing comment', () => {
    const out = apply(text, yamlSet(text, 0, ['metadata', 'annotations', 'nginx.ingress.kubernetes.io/proxy-read-timeout'], '600'));
    assert.ok(out.includes(`proxy-read-timeout: '600'  # too short`));
    assert.ok(out.includes('# deploy') && out.includes('# the chat API'));
    yamlOk(out);
  });

  it('inserts a key after the last entry at the mapping indentation', () => {
    const out = apply(text, yamlSet(text, 0, ['metadata', 'annotations', 'nginx.ingress.kubernetes.io/proxy-send-timeout'], '600'));
    assert.ok(out.includes(`# too short\n    nginx.ingress.kubernetes.io/proxy-send-timeout: "600"\nspec:`));
    yamlOk(out);
  });

  it('creates missing parent mappings', () => {
    const out = apply(text, yamlSet(text, 1, ['metadata', 'annotations', 'a/b'], 'on'));
    assert.ok(out.includes('  name: x\n  annotations:\n    a/b: "on"\nspec: {}'));
    yamlOk(out);
  });

  it('fills an empty value and a flow mapping', () => {
    const a = apply(text, yamlSet(text, 2, ['metadata', 'annotations', 'k'], 'v'));
    assert.ok(a.includes('  annotations:\n    k: v\n---'));
    yamlOk(a);
    const b = apply(text, yamlSet(text, 3, ['metadata', 'annotations', 'k'], '1'));
    assert.ok(b.includes('annotations: {k: "1"}'));
    yamlOk(b);
  });

  it('writes nested values and flow sequences', () => {
    const route = 'spec:\n  rules:\n    - backendRefs:\n        - name: chat\n';
    const out = apply(route, yamlSet(route, 0, ['spec', 'rules', 0, 'timeouts', 'request'], '600s'));
    assert.equal(out, 'spec:\n  rules:\n    - backendRefs:\n        - name: chat\n      timeouts:\n        request: 600s\n');
    const cfg = 'model_list: []\nrouter_settings:\n  num_retries: 2\n';
    const fb = apply(cfg, yamlSet(cfg, 0, ['router_settings', 'fallbacks'], [{ 'gpt-4o': ['claude'] }]));
    assert.equal(fb, 'model_list: []\nrouter_settings:\n  num_retries: 2\n  fallbacks: [{"gpt-4o": ["claude"]}]\n');
    yamlOk(fb);
  });

  it('keeps CRLF line breaks', () => {
    const crlf = 'metadata:\r\n  name: a\r\n';
    assert.equal(apply(crlf, yamlSet(crlf, 0, ['metadata', 'labels', 'x'], 'z')), 'metadata:\r\n  name: a\r\n  labels:\r\n    x: z\r\n');
  });

  it('writes \\n where the first line break is a lone \\r, which yaml does not read as a line break', () => {
    const text = '# a\r# b\nmetadata:\n  name: a\n';
    const out = apply(text, yamlSet(text, 0, ['metadata', 'labels', 'x'], 'z'));
    assert.equal(out, '# a\r# b\nmetadata:\n  name: a\n  labels:\n    x: z\n');
    yamlOk(out);
  });

  it('does not count a byte-order mark as indentation (fuzz seed 570052742)', () => {
    const cfg = '\uFEFFmodel_list:\n  - model_name: a\n';
    const out = apply(cfg, yamlSet(cfg, 0, ['router_settings', 'fallbacks'], [{ a: ['b'] }]));
    assert.equal(out, '\uFEFFmodel_list:\n  - model_name: a\nrouter_settings:\n  fallbacks: [{"a": ["b"]}]\n');
    yamlOk(out);
    const commented = apply(cfg, yamlInsertLines(cfg, 0, [], ['# router_settings:']));
    assert.equal(commented, '\uFEFFmodel_list:\n  - model_name: a\n# router_settings:\n');
  });

  it('refuses to edit through aliases or missing sequence items', () => {
    const t = 'base: &b\n  timeout: 1s\nroute: *b\nlist: []\n';
    assert.equal(yamlSet(t, 0, ['route', 'timeout'], '2s'), null);
    assert.equal(yamlSet(t, 0, ['list', 0, 'x'], 'y'), null);
  });

  it('inserts raw comment lines into a mapping or at the root', () => {
    const cfg = 'model_list:\n  - model_name: a\nrouter_settings:\n  num_retries: 2\n';
    const inRs = apply(cfg, yamlInsertLines(cfg, 0, ['router_settings'], ['# fallbacks: []']));
    assert.equal(inRs, 'model_list:\n  - model_name: a\nrouter_settings:\n  num_retries: 2\n  # fallbacks: []\n');
    const atRoot = apply(cfg, yamlInsertLines(cfg, 0, [], ['# x']));
    assert.ok(atRoot.endsWith('  num_retries: 2\n# x\n'));
  });

  it('quotes strings YAML would read as something else', () => {
    assert.equal(renderYamlScalar('600'), '"600"');
    assert.equal(renderYamlScalar('off'), '"off"');
    assert.equal(renderYamlScalar('600s'), '600s');
    assert.equal(renderYamlScalar('connect-failure,refused-stream'), '"connect-failure,refused-stream"');
    assert.equal(renderYamlScalar("it's", "'"), "'it''s'");
    // Block context allows commas and `=` in plain scalars; flow context does not.
    assert.equal(renderYamlScalar('connect-failure,refused-stream', undefined, true), 'connect-failure,refused-stream');
    assert.equal(renderYamlScalar('a: b', undefined, true), '"a: b"');
    const flow = 'retries: { attempts: 3, retryOn: 5xx }\n';
    assert.equal(apply(flow, yamlSet(flow, 0, ['retries', 'retryOn'], 'a,b')), 'retries: { attempts: 3, retryOn: "a,b" }\n');
    const block = 'retries:\n  retryOn: 5xx\n';
    assert.equal(apply(block, yamlSet(block, 0, ['retries', 'retryOn'], 'a,b')), 'retries:\n  retryOn: a,b\n');
  });

  it('combines dependent steps into one edit', () => {
    const t = 'metadata:\n  name: a\n';
    const e = combineSteps(t, [(x) => yamlSet(x, 0, ['metadata', 'annotations', 'r'], '1'), (x) => yamlSet(x, 0, ['metadata', 'annotations', 's'], '2')]);
    assert.equal(applyEdits(t, [e!]), 'metadata:\n  name: a\n  annotations:\n    r: "1"\n    s: "2"\n');
  });
});

describe('nginx writer', () => {
  const conf = `http {
    server {
        location /v1/ {
            proxy_pass http://llm;   # the gateway
            proxy_next_upstream error timeout non_idempotent;
        }
        location /one { proxy_pass http://x; }
\tlocation /tabs {
\t\tproxy_pass http://t;
\t}
        location /empty {
        }
    }
}
`;
  const at = (s: string) => conf.indexOf(s);
  const reparses = (text: string) => assert.deepEqual(parseNginx(text).errors, []);

  it('inserts after the last directive at the block indentation, keeping comments', () => {
    const out = applyEdits(conf, [nginxSetDirective(conf, at('location /v1/'), 'proxy_read_timeout', ['600s'])!]);
    assert.ok(out.includes('non_idempotent;\n            proxy_read_timeout 600s;\n        }'));
    assert.ok(out.includes('# the gateway'));
    reparses(out);
  });

  it('handles one-line blocks, tabs and empty blocks', () => {
    const one = applyEdits(conf, [nginxSetDirective(conf, at('location /one'), 'proxy_buffering', ['off'])!]);
    assert.ok(one.includes('location /one { proxy_pass http://x; proxy_buffering off; }'));
    const tabs = applyEdits(conf, [nginxSetDirective(conf, at('location /tabs'), 'proxy_buffering', ['off'])!]);
    assert.ok(tabs.includes('\t\tproxy_pass http://t;\n\t\tproxy_buffering off;\n\t}'));
    const empty = applyEdits(conf, [nginxSetDirective(conf, at('location /empty'), 'proxy_buffering', ['off'])!]);
    assert.ok(empty.includes('location /empty {\n            proxy_buffering off;\n        }'));
    for (const t of [one, tabs, empty]) reparses(t);
  });

  it('replaces an existing directive and rewrites arguments', () => {
    const replaced = applyEdits(conf, [nginxSetDirective(conf, at('location /v1/'), 'proxy_next_upstream', ['error', 'timeout'])!]);
    assert.ok(replaced.includes('            proxy_next_upstream error timeout;\n'));
    const rewritten = applyEdits(conf, [nginxRewriteDirective(conf, at('proxy_next_upstream'), ['error', 'a b'])!]);
    assert.ok(rewritten.includes('proxy_next_upstream error "a b";'));
    reparses(rewritten);
  });

  it('sets several directives from one parse as setting them one after another would', () => {
    const sets: Array<[string, string[]]> = [['proxy_read_timeout', ['300s']], ['proxy_next_upstream', ['error']], ['proxy_send_timeout', ['300s']]];
    for (const text of [conf, conf.replace(/\n/g, '\r\n'), conf.replace('location /empty {\n        }', 'location /empty {}')]) {
      for (const block of ['location /v1/', 'location /one', 'location /tabs', 'location /empty']) {
        const one = applyEdits(text, [nginxSetDirectives(text, text.indexOf(block), sets)!]);
        const stepwise = sets.reduce((t, [name, args]) => applyEdits(t, [nginxSetDirective(t, t.indexOf(block), name, args)!]), text);
        assert.equal(one, stepwise, `${block} in ${JSON.stringify(text.slice(0, 8))}…`);
        reparses(one);
      }
    }
  });

  it('returns null for offsets that are not directives', () => {
    assert.equal(nginxSetDirective(conf, 3, 'x', []), null);
    assert.equal(nginxRewriteDirective(conf, at('location /v1/'), []), null);
  });
});
