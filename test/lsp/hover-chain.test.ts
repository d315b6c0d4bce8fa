// The hover on an LLM call shows the path a request takes (ingress → mesh → app → gateway → provider) with each hop's
// timeout and attempts, and the worst-case attempts across every layer. Runs the real server bundle (dist/server.js).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { SERVER, TestClient, pullCapabilities } from './fixtures/lsp-client';
import { tempDir } from '../helpers/temp-dir';

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: chat
  annotations:
    nginx.ingress.kubernetes.io/proxy-next-upstream: "error timeout non_idempotent"
    nginx.ingress.kubernetes.io/proxy-next-upstream-tries: "3"
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: /api/chat
            pathType: Prefix
            backend:
              service:
                name: chat
                port:
                  number: 3000
`;

const MESH = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: chat
spec:
  hosts: [chat]
  http:
    - route:
        - destination:
            host: chat
      retries:
        attempts: 2
        retryOn: connect-failure,refused-stream,503
`;

const LITELLM = `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
router_settings:
  num_retries: 1
  timeout: 300
`;

const ROUTE = `import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL });

export async function POST(req: Request) {
  const { q } = await req.json();
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
  return Response.json(r.choices[0].message);
}
`;

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

async function hoverAt(c: TestClient, uri: string, needle: string): Promise<string> {
  const doc = c.documents.get(uri)!;
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} not in document`);
  const hover = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: doc.positionAt(at + 1) })) as Hover | null;
  assert.ok(hover, 'a hover');
  return (hover.contents as MarkupContent).value;
}

/** The lines of the hover's Path table, as [hop, timeout, attempts]. */
function pathRows(hover: string): string[][] {
  const start = hover.indexOf('**Path**');
  assert.ok(start >= 0, `the hover has a Path section:\n${hover}`);
  return hover
    .slice(start)
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| hop '))
    .map((l) => l.slice(2, -2).split(' | '));
}

before(() => {
  assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`);
});

describe('hover on a call site shows the chain of hops', () => {
  let root: string;
  let c: TestClient;

  before(async () => {
    root = tempDir('llm-infra-lint-hover-chain-');
    write(root, {
      'deploy/ingress.yaml': INGRESS,
      'deploy/mesh.yaml': MESH,
      'litellm/config.yaml': LITELLM,
      '.env.example': 'OPENAI_BASE_URL=http://litellm:4000/v1\n',
      'app/api/chat/route.ts': ROUTE,
    });
    c = await TestClient.start({ capabilities: pullCapabilities, root });
    // Hops come from files nobody opened: wait until the initial workspace scan has read them.
    await c.waitFor('the workspace scan', () => c.messages.some((m) => m.method === 'llm-infra-lint/status' && (m.params as { state?: string }).state === 'ready'));
  });
  after(() => {
    c?.kill();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('ingress → mesh → app → gateway → provider, each with timeout and attempts, defaults marked', async () => {
    const uri = await c.open('app/api/chat/route.ts');
    await c.pull(uri);
    const hover = await hoverAt(c, uri, 'create');
    const rows = pathRows(hover);
    assert.deepEqual(
      rows.map((r) => r[0].replace(/ · .*$/, '')),
      ['ingress-nginx Ingress chat', 'Istio VirtualService chat', '**this call** (app, route.ts)', 'LiteLLM proxy', 'openai API'],
      hover,
    );
    const [ingress, mesh, app, gateway] = rows;
    assert.match(ingress[0], /\[deploy\/ingress\.yaml:4\]\(file:\/\/.*\/deploy\/ingress\.yaml#L4\)/, 'the hop links to where it is configured');
    assert.equal(ingress[1], '60 s between reads _default_', 'the ingress-nginx default read timeout, marked default');
    assert.equal(ingress[2], '3 incl. timeouts', 'non_idempotent: POSTs are re-sent up to proxy-next-upstream-tries');
    assert.equal(mesh[1], 'none _default_', 'Istio routes have no timeout by default');
    assert.equal(mesh[2], '3', 'attempts 2 = 3 attempts, set explicitly');
    assert.equal(app[1], '600 s (OpenAI SDK default)');
    assert.equal(app[2], 'SDK 3 (default)');
    assert.equal(gateway[1], '300 s');
    assert.equal(gateway[2], '2 incl. timeouts');
    assert.match(hover, /\*\*Worst case\*\*: up to 54 attempts per request — ingress-nginx 3 × Istio 3 × SDK 3 × LiteLLM proxy 2/);
  });

  test('editing the Ingress updates the chain in the hover', async () => {
    const ingressUri = await c.open('deploy/ingress.yaml', undefined, 'yaml');
    const diagnostics: Diagnostic[] = await c.pull(ingressUri);
    const inversion = diagnostics.find((d) => d.code === 'timeout-inversion');
    assert.ok(inversion, 'the 60 s default in front of a 600 s call is a timeout inversion');
    assert.ok(
      inversion.relatedInformation?.some((r) => r.location.uri === c.uri('app/api/chat/route.ts')),
      'with related information at the call',
    );
    await c.change(
      ingressUri,
      INGRESS.replace('  annotations:\n', '  annotations:\n    nginx.ingress.kubernetes.io/proxy-read-timeout: "900"\n').replace('"error timeout non_idempotent"', '"error timeout"'),
    );
    await c.pull(ingressUri);
    const uri = c.uri('app/api/chat/route.ts');
    const rows = await c.waitFor('the hover to show the new read timeout', async () => {
      const r = pathRows(await hoverAt(c, uri, 'create'));
      return r[0][1] === '900 s between reads' ? r : null;
    });
    assert.match(rows[0][2], /^1 \(POSTs not retried; 3 for other requests\)$/);
    assert.match(await hoverAt(c, uri, 'create'), /\*\*Worst case\*\*: up to 18 attempts per request — ingress-nginx 1 × Istio 3 × SDK 3 × LiteLLM proxy 2/);
  });

  test('a call with no infrastructure in front has no Path section', async () => {
    const uri = await c.open('worker/summarize.ts', `import OpenAI from 'openai';
const client = new OpenAI({ baseURL: 'https://gateway.internal/v1', maxRetries: 0, timeout: 30_000 });
export async function summarize(text: string) {
  return client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });
}
`);
    await c.pull(uri);
    const hover = await hoverAt(c, uri, 'create');
    assert.match(hover, /\*\*LLM call\*\*/);
    assert.ok(!hover.includes('**Path**'), hover);
    assert.ok(!hover.includes('**Worst case**'), 'one attempt is not worth a line');
  });
});
