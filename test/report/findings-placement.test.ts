// Every finding appears in the report: at its call site (including findings on the call's client, wherever the
// client is built), or under "Other findings".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workspaceReport } from '../../server/src/cli/commands/report';
import { renderMarkdown } from '../../server/src/core/report-markdown';
import type { Report } from '../../server/src/core/report';
import { siteAt } from './helpers';
import { tempDir } from '../helpers/temp-dir';

async function reportOf(files: Record<string, string>): Promise<Report> {
  const dir = tempDir('llm-infra-lint-placement-');
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    const r = await workspaceReport([], undefined, { cwd: dir, stderr: { write: () => true } }, {});
    if (typeof r === 'number') throw new Error(`report failed with exit code ${r}`);
    return r;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('report: where findings appear', () => {
  it('lists a finding on the client at each call that uses it, with the client file when it is another', async () => {
    const r = await reportOf({
      'lib/llm.ts': "import OpenAI from 'openai';\n\nexport const client = new OpenAI();\n",
      'app/ask.ts': "import { client } from '../lib/llm';\n\nexport async function ask(q: string) {\n  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n  return { text: r.choices[0].message.content, usage: r.usage };\n}\n",
    });
    const s = siteAt(r, 'app/ask.ts', 4);
    const onClient = s.findingDetails.find((f) => f.ruleId === 'missing-timeout');
    assert.ok(onClient, `missing-timeout at the call; have ${s.findings.join(', ')}`);
    assert.deepEqual([onClient.path, onClient.line], ['lib/llm.ts', 3]);
    assert.equal(s.findingDetails[s.findingDetails.length - 1], onClient, 'findings in other files come last');
    assert.ok(!r.otherFindings.some((f) => f.ruleId === 'missing-timeout'));
    assert.match(renderMarkdown(r), /`missing-timeout` \(warning, `lib\/llm\.ts` line 3\): OpenAI client has no timeout/);
  });

  it('lists findings about the code around a call (its retry loop) with the call', async () => {
    const r = await reportOf({
      'ask.ts': "import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\nexport async function ask(q: string) {\n  for (let i = 0; i < 4; i++) {\n    try {\n      const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n      return { text: r.choices[0].message.content, usage: r.usage };\n    } catch (err) {\n      console.warn(err);\n    }\n  }\n}\n",
    });
    const s = siteAt(r, 'ask.ts', 6);
    assert.deepEqual(s.findingDetails.filter((f) => f.ruleId === 'naive-retry-loop').map((f) => f.line), [4]);
    assert.deepEqual(r.otherFindings, []);
  });

  it('puts infrastructure findings and clients without calls under Other findings', async () => {
    const r = await reportOf({
      'litellm/config.yaml': 'model_list:\n  - model_name: gpt-4o\n    litellm_params:\n      model: openai/gpt-4o\n',
      'unused.py': 'from openai import OpenAI\n\nclient = OpenAI()\n',
    });
    assert.deepEqual(
      r.otherFindings.map((f) => [f.path, f.line, f.ruleId]),
      [['litellm/config.yaml', 1, 'gateway-without-fallback'], ['litellm/config.yaml', 1, 'missing-timeout'], ['unused.py', 3, 'direct-provider-endpoint'], ['unused.py', 3, 'missing-timeout']],
    );
    const md = renderMarkdown(r);
    assert.match(md, /## Other findings[\s\S]*\| `litellm\/config\.yaml:1` \| warning \| `gateway-without-fallback` \|/);
  });

  it('words a single retry layer and a call without a static prefix plainly', async () => {
    const r = await reportOf({
      'ask.ts': "import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\nexport async function ask(q: string) {\n  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n}\n",
    });
    const md = renderMarkdown(r);
    assert.match(md, /\*\*Retries:\*\* SDK: up to 3 attempts \(2 retries, its default\)/);
    assert.match(md, /No static prefix: the input starts with text built at run time/);
    assert.match(md, /\| `ask\.ts` \| \(workspace root\) \|/);
  });
});
