// The infra rules end to end with the config front ends (the same checks as test/rules.test.ts and the
// documented-example checks of test/meta.test.ts, runnable before the front ends are registered).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { LineIndex } from '../../server/src/core/text';
import { parseNginx } from '../../server/src/languages/config/nginx-parser';
import { initPython } from '../../server/src/languages/python/parser';
import { applyFixes, configRules, infraEngine, readFixture } from './harness';

// Fixture workspaces hold Python services too.
before(() => initPython());

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const DEFAULT_NAMES: Record<string, string> = { yaml: 'example.yaml', nginx: 'nginx.conf', typescript: 'example.ts' };

function annotated(text: string, ruleId: string): Map<number, 'expect' | 'ok'> {
  const lines = text.split(/\r?\n/);
  const out = new Map<number, 'expect' | 'ok'>();
  lines.forEach((l, i) => {
    const m = /(?:\/\/|#)\s*(expect|ok):\s*([a-z0-9-]+)/.exec(l);
    if (!m || m[2] !== ruleId) return;
    let j = i + 1;
    while (j < lines.length && (/^\s*(\/\/|#)/.test(lines[j]) || lines[j].trim() === '')) j++;
    out.set(j, m[1] as 'expect' | 'ok');
  });
  return out;
}

function parsesAs(rel: string, text: string): void {
  if (/\.ya?ml$/.test(rel)) assert.deepEqual(parseAllDocuments(text).flatMap((d) => d.errors).map((e) => e.message), []);
  else if (/nginx|\.conf$/.test(rel)) assert.deepEqual(parseNginx(text).errors, []);
}

for (const rule of configRules) {
  describe(`fixtures: ${rule.id}`, () => {
    const all = readFixture(path.join(FIXTURES, rule.id));
    const sources = Object.fromEntries(Object.entries(all).filter(([rel]) => !rel.includes('.fixed.')));
    for (const rel of Object.keys(sources).sort()) {
      it(`${rel}: findings match annotations`, () => {
        const { engine, file } = infraEngine(sources);
        const result = engine.lint(file(rel));
        // A chart's templates are only YAML once Helm renders them: the front end reports them skipped.
        assert.deepEqual(result.errors.filter((e) => !(/(^|\/)templates\//.test(rel) && e.message.startsWith('Helm template skipped'))), []);
        const index = new LineIndex(sources[rel]);
        const mine = result.findings.filter((f) => f.ruleId === rule.id);
        const lines = new Set(mine.map((f) => index.position(f.span.start).line));
        const notes = annotated(sources[rel], rule.id);
        for (const [line, kind] of notes) assert.equal(lines.has(line), kind === 'expect', `${kind} on line ${line + 1} of ${rel}`);
        for (const line of lines) assert.equal(notes.get(line), 'expect', `unexpected finding on line ${line + 1} of ${rel}`);
        if (/^valid/.test(path.basename(rel))) assert.equal(mine.length, 0);
        for (const f of mine) assert.ok(!/\.\s*$/.test(f.message), 'no trailing period');
      });
    }
    for (const rel of Object.keys(all).filter((r) => r.includes('.fixed.')).sort()) {
      const src = rel.replace('.fixed.', '.');
      it(`${src}: fixes produce ${path.basename(rel)}, re-parse and converge`, () => {
        const { engine, file } = infraEngine(sources);
        const fixed = applyFixes(sources[src], engine.lint(file(src)).findings, rule.id);
        assert.equal(fixed, all[rel]);
        parsesAs(src, fixed);
        const again = infraEngine({ ...sources, [src]: fixed });
        assert.deepEqual(again.engine.lint(again.file(src)).findings.filter((f) => f.ruleId === rule.id && f.fix).map((f) => f.message), []);
      });
    }
  });

  describe(`documented examples: ${rule.id}`, () => {
    for (const [kind, examples] of [['bad', rule.docs.bad], ['good', rule.docs.good]] as const) {
      examples.forEach((ex, i) => {
        it(`${kind} example ${i + 1} (${ex.language})`, () => {
          const name = ex.filename ?? DEFAULT_NAMES[ex.language];
          const { engine, file } = infraEngine({ ...(ex.files ?? {}), [name]: ex.code });
          const found = engine.lint(file(name)).findings.filter((f) => f.ruleId === rule.id);
          if (kind === 'bad') assert.ok(found.length > 0, 'bad example triggers the rule');
          else assert.deepEqual(found.map((f) => f.message), []);
        });
      });
    }
  });
}

describe('infra rules: details', () => {
  it('timeout-inversion points related information at the call and is a warning for streaming calls behind an idle timeout', () => {
    const { engine, file } = infraEngine({
      'app/api/chat/route.ts': "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport async function POST(req: Request) {\n  const s = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [] });\n  return new Response(s.toReadableStream());\n}\n",
      'nginx.conf': 'server { location /api/chat { proxy_pass http://web; proxy_buffering off; } }',
    });
    const [f] = engine.lint(file('nginx.conf')).findings.filter((x) => x.ruleId === 'timeout-inversion');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /^nginx location \/api\/chat waits at most 60 s for the upstream \(default\) but the LLM call behind it may run 600 s \(OpenAI SDK default in app\/api\/chat\/route\.ts\)/);
    assert.equal(f.related?.[0].path, file('app/api/chat/route.ts'));
  });

  it('timeout-inversion has no fix when the call behind has no timeout at all', () => {
    const { engine, file } = infraEngine({
      'app/api/chat/route.ts': "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport async function POST() {\n  const r = await generateText({ model: openai('gpt-4o'), prompt: 'hi' });\n  return Response.json({ text: r.text, usage: r.usage });\n}\n",
      'nginx.conf': 'server { location /api/chat { proxy_pass http://web; proxy_read_timeout 600s; } }',
    });
    const [f] = engine.lint(file('nginx.conf')).findings.filter((x) => x.ruleId === 'timeout-inversion');
    assert.match(f.message, /may run without a time limit/);
    assert.equal(f.fix, undefined);
  });

  it('timeout-inversion is a warning, not an error, when only an upstream name says the route carries LLM traffic', () => {
    const route = (backend: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: eg\nspec:\n  gatewayClassName: eg\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: api\nspec:\n  parentRefs: [{ name: eg }]\n  rules:\n    - backendRefs: [{ name: ${backend}, port: 3000 }]\n`;
    const byName = infraEngine({ 'k8s/route.yaml': route('openai-api-service') });
    const [named] = byName.engine.lint(byName.file('k8s/route.yaml')).findings.filter((x) => x.ruleId === 'timeout-inversion');
    assert.equal(named.severity, 'warning');
    assert.match(named.message, /\(upstream openai-api-service:3000, named like an LLM service; SDK clients wait 600 s by default\)$/);
    const gateway = infraEngine({ 'k8s/route.yaml': route('litellm') });
    const [gw] = gateway.engine.lint(gateway.file('k8s/route.yaml')).findings.filter((x) => x.ruleId === 'timeout-inversion');
    assert.equal(gw.severity, 'error');
  });

  it('timeout-inversion counts the openai module client at the SDK default, unless the workspace sets openai.timeout', () => {
    const files = {
      'api/main.py': 'import openai\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.post("/ask")\ndef ask(q: str):\n    return openai.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])\n',
      'nginx.conf': 'server { location /ask { proxy_pass http://api:8000; } }',
    };
    const plain = infraEngine(files);
    assert.match(plain.engine.lint(plain.file('nginx.conf')).findings.find((f) => f.ruleId === 'timeout-inversion')?.message ?? '', /may run 600 s \(OpenAI SDK default in api\/main\.py\)/);
    const configured = infraEngine({ ...files, 'api/settings.py': 'import openai\n\nopenai.timeout = 45\n' });
    assert.deepEqual(configured.engine.lint(configured.file('nginx.conf')).findings.filter((f) => f.ruleId === 'timeout-inversion'), []);
  });

  it('gateway-without-fallback says what a group with several deployments still cannot survive', () => {
    const two = 'model_list:\n  - model_name: chat\n    litellm_params: {model: openai/gpt-4o}\n  - model_name: chat\n    litellm_params: {model: azure/gpt-4o}\n';
    const { engine, file } = infraEngine({ 'litellm/config.yaml': two });
    const [f] = engine.lint(file('litellm/config.yaml')).findings.filter((x) => x.ruleId === 'gateway-without-fallback');
    assert.equal(f.message, 'LiteLLM proxy config has 1 model group (chat) and no fallbacks: its groups balance across deployments, but a model-wide outage, rate limit or context overflow fails the request');
    const one = infraEngine({ 'litellm/config.yaml': 'model_list:\n  - model_name: chat\n    litellm_params: {model: openai/gpt-4o}\n' });
    assert.match(one.engine.lint(one.file('litellm/config.yaml')).findings[0].message, /and no fallbacks, so an outage or rate limit of one model fails the request$/);
  });

  it('stays silent when the topology config says the hop fronts other code', () => {
    const files = {
      'app/api/chat/route.ts': "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport async function POST() {\n  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n  return Response.json(r);\n}\n",
      'nginx.conf': 'server { location /api/chat { proxy_pass http://web; } }',
    };
    const plain = infraEngine(files);
    assert.deepEqual(plain.engine.lint(plain.file('nginx.conf')).findings.map((f) => f.ruleId), ['timeout-inversion']);
    const configured = infraEngine(files, JSON.stringify({ topology: [{ code: ['app/**'], hops: [] }] }));
    assert.deepEqual(configured.engine.lint(configured.file('nginx.conf')).findings.map((f) => f.ruleId), []);
  });
});
