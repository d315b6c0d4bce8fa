// Python pins belong to the app whose manifests name them: two apps of one repository (apps/a, apps/b) are installed
// apart, so a file is judged by the nearest directory above it holding a Python manifest.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const RELAY = `from openai import OpenAI\nclient = OpenAI(timeout=30)\n\n\ndef relay(q):\n    for chunk in client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}], stream=True):\n        if chunk.choices:\n            yield chunk.choices[0].delta.content or ""\n`;
const LANGCHAIN = `from langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI(model="gpt-4o-mini", timeout=60)\n\n\nasync def answer(q):\n    async for chunk in llm.astream(q):\n        yield chunk.content\n`;

async function streamFindings(files: Record<string, string>, ...rels: string[]) {
  const { engine, root } = await engineFor(files);
  return rels.map((rel) => engine.lint(path.join(root, rel)).findings.find((f) => f.ruleId === 'stream-without-usage'));
}

describe('Python pins per app', () => {
  it('each app gets the openai pin of its own requirements.txt', async () => {
    const [a, b] = await streamFindings(
      { 'apps/a/requirements.txt': 'openai==1.25.1\n', 'apps/a/main.py': RELAY, 'apps/b/requirements.txt': 'openai==1.40.0\n', 'apps/b/main.py': RELAY },
      'apps/a/main.py',
      'apps/b/main.py',
    );
    assert.match(a!.message, /openai 1\.25\.1 \(requirements\.txt\) has no stream_options argument/);
    assert.equal(a!.fix, undefined);
    assert.doesNotMatch(b!.message, /upgrade|1\.25\.1/);
    assert.equal(b!.fix?.safety, 'safe');
  });

  it('an app whose manifests do not name the package has no pin, even with a setup.py only', async () => {
    const manifests: Array<Record<string, string>> = [{ 'apps/b/requirements.txt': 'fastapi\n' }, { 'apps/b/setup.py': 'from setuptools import setup\nsetup(name="b")\n' }];
    for (const manifest of manifests) {
      const [b] = await streamFindings({ 'apps/a/requirements.txt': 'openai==1.25.1\n', 'apps/a/main.py': RELAY, ...manifest, 'apps/b/src/main.py': RELAY }, 'apps/b/src/main.py');
      assert.doesNotMatch(b!.message, /1\.25\.1/);
      assert.equal(b!.fix?.safety, 'safe');
    }
  });

  it('a file with no Python manifest above it keeps the workspace-wide view', async () => {
    const [top] = await streamFindings({ 'apps/a/requirements.txt': 'openai==1.25.1\n', 'scripts/relay.py': RELAY }, 'scripts/relay.py');
    assert.match(top!.message, /openai 1\.25\.1 \(requirements\.txt\)/);
  });

  it('a member of a uv workspace is read at the version the root lockfile installs; floors are per app too', async () => {
    const lock = 'version = 1\n\n[[package]]\nname = "langchain-openai"\nversion = "0.1.20"\n';
    const [member, other] = await streamFindings(
      {
        'uv.lock': lock,
        'pyproject.toml': '[project]\nname = "root"\ndependencies = []\n',
        'packages/bot/pyproject.toml': '[project]\nname = "bot"\ndependencies = ["langchain-openai>=0.1.9"]\n',
        'packages/bot/bot.py': LANGCHAIN,
        'packages/old/requirements.txt': 'langchain-openai>=0.1.7,<0.2\n',
        'packages/old/old.py': LANGCHAIN,
      },
      'packages/bot/bot.py',
      'packages/old/old.py',
    );
    assert.match(member!.message, /langchain-openai 0\.1\.20 \(uv\.lock\)/);
    assert.equal(member!.fix?.safety, 'safe');
    // The sibling's range lets 0.1.7 in (no stream_usage field yet): only its own fix says to upgrade.
    assert.equal(other!.fix?.safety, 'unsafe');
    assert.match(other!.fix?.title ?? '', /requirements\.txt allows older releases/);
  });
});
