// The LiteLLM Helm chart (ghcr.io/berriai/litellm-helm) takes the proxy config under `proxy_config` in its values:
// every rule that reads the gateway sees it there.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

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

  it('retry-amplification counts the LiteLLM router and points at num_retries in the values file', async () => {
    const files = workspace('  router_settings:\n    num_retries: 3\n');
    const { found: [f], root } = await findings(files, 'retry-amplification');
    assert.ok(f, 'SDK 3 × LiteLLM router 4 is above the threshold');
    assert.match(f.message, /SDK 3 × LiteLLM router 4/);
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
