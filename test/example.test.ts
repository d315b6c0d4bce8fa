// The bundled example is the product's demo: every code rule must fire there, and every infra rule on the
// deployment in examples/deploy that fronts the example service.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, it } from 'node:test';
import type { LintResult } from '../server/src/core/engine';
import { rules } from '../server/src/rules';
import { lintFolder } from './helpers/lint';

const EXAMPLES = path.join(__dirname, '..', 'examples');
const INFRA_LANGUAGES = ['yaml', 'nginx'];
const CODE_LANGUAGES = ['typescript', 'javascript', 'python'];
let results: LintResult[];

before(async () => {
  ({ results } = await lintFolder(EXAMPLES));
});

it('examples/ shows every TypeScript rule', () => {
  const fired = new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)));
  const missing = rules.filter((r) => r.languages.includes('typescript') && !fired.has(r.id)).map((r) => r.id);
  assert.deepEqual(missing, []);
  assert.deepEqual(results.flatMap((r) => r.errors), []);
});

it('examples/ shows every infra rule, infra-only rules on the deploy files', () => {
  const fired = new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)));
  const onInfra = new Set(results.filter((r) => r.language && INFRA_LANGUAGES.includes(r.language)).flatMap((r) => r.findings.map((f) => f.ruleId)));
  const infraRules = rules.filter((r) => r.languages.some((l) => INFRA_LANGUAGES.includes(l)));
  assert.ok(infraRules.length >= 4);
  assert.deepEqual(infraRules.filter((r) => !fired.has(r.id)).map((r) => r.id), []);
  const infraOnly = infraRules.filter((r) => !r.languages.some((l) => CODE_LANGUAGES.includes(l)));
  assert.deepEqual(infraOnly.filter((r) => !onInfra.has(r.id)).map((r) => r.id), []);
  // Each front end of the deployment contributes: the Ingress, the mesh, the edge nginx and the gateway config.
  const rel = (p: string) => path.relative(EXAMPLES, p).split(path.sep).join('/');
  const byFile = new Map(results.map((r) => [rel(r.path), new Set(r.findings.map((f) => f.ruleId))]));
  assert.ok(byFile.get('deploy/k8s/ingress.yaml')?.has('timeout-inversion'), 'ingress-nginx\'s default 60 s in front of the chat API');
  assert.ok(byFile.get('deploy/k8s/ingress.yaml')?.has('retried-timeouts'), 'proxy-next-upstream with non_idempotent');
  assert.ok(byFile.get('deploy/k8s/istio.yaml')?.has('retried-timeouts'), 'retryOn 5xx,reset');
  assert.ok(byFile.get('deploy/nginx/nginx.conf')?.has('sse-buffered-by-proxy'), 'buffering in front of the streaming /api/chat');
  assert.ok(byFile.get('deploy/litellm/config.yaml')?.has('gateway-without-fallback'));
});

it('retry-amplification on the chat call multiplies the infra layers in front of it', () => {
  const chat = results.find((r) => r.path.endsWith(path.join('api', 'chat', 'route.ts')));
  assert.ok(chat);
  const f = chat.findings.find((x) => x.ruleId === 'retry-amplification');
  assert.ok(f, 'the chat call has no retry loop: only the infra layers make it amplify');
  assert.match(f.message, /ingress-nginx \d+ × Istio \d+ × SDK \d+/);
  assert.ok(f.related?.some((r) => r.path.endsWith(path.join('deploy', 'k8s', 'ingress.yaml'))), 'related information at the Ingress');
  assert.ok(f.related?.some((r) => r.path.endsWith(path.join('deploy', 'k8s', 'istio.yaml'))), 'related information at the VirtualService');
});

it('the code side still shows direct-provider-endpoint: compose routes only Anthropic through the gateway', () => {
  const llm = results.find((r) => r.path.endsWith(path.join('lib', 'llm.ts')));
  const direct = llm?.findings.filter((f) => f.ruleId === 'direct-provider-endpoint') ?? [];
  assert.deepEqual(direct.map((f) => /^OpenAI client/.test(f.message)), [true], direct.map((f) => f.message).join('\n'));
});

it('examples/ shows every Python rule on a .py file (examples/fastapi-service)', () => {
  const onPython = new Set(results.filter((r) => r.path.endsWith('.py')).flatMap((r) => r.findings.map((f) => f.ruleId)));
  const python = rules.filter((r) => r.languages.includes('python'));
  assert.ok(python.length >= 16);
  assert.deepEqual(python.filter((r) => !onPython.has(r.id)).map((r) => r.id), []);
  // The Python service does not change what the TypeScript side sees: no OPENAI_BASE_URL, no GenAI instrumentation.
  const rel = (p: string) => path.relative(EXAMPLES, p).split(path.sep).join('/');
  const byFile = new Map(results.map((r) => [rel(r.path), r.findings]));
  const llm = byFile.get('fastapi-service/app/llm.py') ?? [];
  assert.deepEqual(llm.filter((f) => f.ruleId === 'direct-provider-endpoint').map((f) => /^AsyncOpenAI client/.test(f.message)), [true], 'ANTHROPIC_BASE_URL from deploy/ routes Claude through LiteLLM; OpenAI is still direct');
  assert.ok(byFile.get('fastapi-service/app/routes/classify.py')?.some((f) => f.ruleId === 'retry-amplification' && /loop 5 × SDK 3/.test(f.message)));
});
