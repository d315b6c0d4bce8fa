// The hover's Path table has one row per resource: of a VirtualService's sibling routes, the one the request takes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';
import { pathMarkdown } from '../../server/src/lsp/handlers/hover';

const ROUTE = `import OpenAI from 'openai';
const client = new OpenAI({ baseURL: 'http://litellm-siblings.llm.svc.cluster.local/v1', timeout: 60_000 });
export async function POST(req: Request) {
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: await req.text() }] });
  return Response.json({ text: r.choices[0].message.content, usage: r.usage });
}
`;

const VS = (route: (name: string, prefix: string, retries: string) => string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: litellm-siblings
spec:
  hosts:
    - litellm-siblings.llm.svc.cluster.local
  http:
${route('chat', '/v1/chat/completions', 'attempts: 0')}
${route('embeddings', '/v1/embeddings', 'attempts: 3\n        retryOn: 5xx')}
${route('responses', '/v1/responses', 'attempts: 3\n        retryOn: 5xx')}
`;

describe('hover Path table', () => {
  it('shows the route the request takes once, not every sibling route', async () => {
    const vs = VS((name, prefix, retries) => `    - name: ${name}\n      match:\n        - uri:\n            prefix: ${prefix}\n      route:\n        - destination:\n            host: litellm-siblings.llm.svc.cluster.local\n      timeout: 300s\n      retries:\n        ${retries}`);
    const { engine, root } = await engineFor({ 'app/api/chat/route.ts': ROUTE, 'k8s/vs.yaml': vs });
    const file = path.join(root, 'app/api/chat/route.ts');
    engine.lint(file);
    const call = engine.facts(file)!.callSites[0];
    const md = pathMarkdown(call, engine.workspaceView()).join('\n');
    const istioRows = md.split('\n').filter((l) => l.startsWith('| ') && /Istio|VirtualService/i.test(l));
    assert.equal(istioRows.length, 1, md);
    assert.match(istioRows[0], /\| 1 \|$/);
  });
});
