// langchain-openai (Python) turns stream_usage on by itself only from 0.3.35 (catalogue): an older pin loses streamed
// usage even with the default base URL.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readVersionCeilings, readVersionFloors } from '../../server/src/core/manifests';
import { engineFor } from '../helpers/lint';

const APP = `import logging

from langchain_openai import ChatOpenAI

llm = ChatOpenAI(model="gpt-4o-mini", timeout=60)


async def answer(question: str):
    async for chunk in llm.astream(question):
        if chunk.usage_metadata:
            logging.info("usage %s", chunk.usage_metadata)
        yield chunk.content
`;

async function findings(manifests: Record<string, string>) {
  const { engine, root } = await engineFor({ 'app.py': APP, ...manifests });
  return engine.lint(path.join(root, 'app.py')).findings.filter((f) => f.ruleId === 'stream-without-usage');
}

describe('stream-without-usage and the pinned langchain-openai release', () => {
  it('an exact pin below 0.3.35 is reported, naming the pin, with the safe stream_usage fix', async () => {
    const [f, ...rest] = await findings({ 'requirements.txt': 'langchain-openai==0.1.20\nopenai==1.37.1\n' });
    assert.equal(rest.length, 0);
    assert.equal(f?.message, 'ChatOpenAI streams without stream_usage=True, and langchain-openai 0.1.20 (requirements.txt) never turns stream usage on by itself, so every streamed call reports 0 tokens');
    assert.equal(f.fix?.safety, 'safe');
    assert.match(f.fix?.edits[0].newText ?? '', /stream_usage=True/);
  });

  // audit 125 (chat-langchain): ChatOpenAI has a stream_usage field from langchain-openai 0.1.9 only; an older one
  // moves the argument into model_kwargs and sends it to the API, so every call fails.
  for (const [label, manifests] of [
    ['an exact pin at 0.1.8', { 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\nlangchain-openai = "==0.1.8"\n' }],
    ['a range from 0.1.7', { 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\nlangchain-openai = ">=0.1.7,<0.2.0"\n' }],
    ['a range from 0.1.7 in requirements.txt', { 'requirements.txt': 'langchain-openai>=0.1.7,<0.2\n' }],
    ['a Poetry caret from 0.1.7', { 'pyproject.toml': '[tool.poetry.dependencies]\nlangchain-openai = "^0.1.7"\n' }],
  ] as const) {
    it(`${label}: allows a release without stream_usage, so the fix is unsafe and says to upgrade`, async () => {
      const [f, ...rest] = await findings(manifests);
      assert.equal(rest.length, 0);
      assert.equal(f?.fix?.safety, 'unsafe');
      assert.match(f.fix?.title ?? '', /^Add stream_usage=True after upgrading langchain-openai to 0\.1\.9 or later \((pyproject\.toml|requirements\.txt) allows older releases, which fail on it\)$/);
    });
  }

  it('a range whose oldest release has stream_usage keeps the safe fix; a lock at 0.1.20 overrides the range', async () => {
    const [from19] = await findings({ 'requirements.txt': 'langchain-openai>=0.1.9,<0.2\n' });
    assert.equal(from19?.fix?.safety, 'safe');
    const uvLock = 'version = 1\n\n[[package]]\nname = "langchain-openai"\nversion = "0.1.20"\n';
    const [locked] = await findings({ 'pyproject.toml': '[project]\nname = "app"\ndependencies = ["langchain-openai>=0.1.7,<0.2"]\n', 'uv.lock': uvLock });
    assert.equal(locked?.fix?.safety, 'safe');
    assert.equal(locked?.fix?.title, 'Add stream_usage=True');
  });

  it('reads lower bounds from requirements, pyproject and Pipfile specs', () => {
    const req = readVersionFloors('requirements.txt', 'a==0.1.20\nb>=1.0\nc~=0.2.10\nd<0.3\ne>=0.1,<0.2\nf\n# g==1\n');
    assert.deepEqual(Object.fromEntries(req), { a: '0.1.20', b: '1.0', c: '0.2.10', e: '0.1' });
    const poetry = readVersionFloors('pyproject.toml', '[tool.poetry.dependencies]\nx = "^1.2.3"\ny = { version = ">=0.0.5", extras = ["z"] }\nw = "0.4.1"\nv = "*"\n');
    assert.deepEqual(Object.fromEntries(poetry), { x: '1.2.3', y: '0.0.5', w: '0.4.1' });
    assert.deepEqual(Object.fromEntries(readVersionFloors('pyproject.toml', '[project]\ndependencies = ["langchain-openai>=0.1.7,<0.2", "openai"]\n')), { 'langchain-openai': '0.1.7' });
    assert.equal(readVersionFloors('package.json', '{"dependencies":{"openai":"4.0.0"}}').size, 0);
  });

  it('an open range is read at the version its lockfile installs (uv.lock, poetry.lock)', async () => {
    const uvLock = 'version = 1\n\n[[package]]\nname = "langchain-openai"\nversion = "0.3.32"\nsource = { registry = "https://pypi.org/simple" }\n\n[[package]]\nname = "openai"\nversion = "1.99.1"\n';
    const pyproject = '[project]\nname = "app"\ndependencies = ["langchain-openai>=0.3.32", "openai>=1.0"]\n';
    const [uv] = await findings({ 'pyproject.toml': pyproject, 'uv.lock': uvLock });
    assert.match(uv?.message ?? '', /langchain-openai 0\.3\.32 \(uv\.lock\)/);
    const poetryLock = '[[package]]\nname = "langchain-openai"\nversion = "0.3.40"\ndescription = "An integration package"\n\n[package.dependencies]\nopenai = ">=1.86.0,<2.0.0"\n';
    assert.deepEqual(await findings({ 'pyproject.toml': pyproject, 'poetry.lock': poetryLock }), []);
    // Without the lock the range may install the newest release.
    assert.deepEqual(await findings({ 'pyproject.toml': pyproject }), []);
  });

  it('a pin in a one-line pyproject array is read', async () => {
    const [f] = await findings({ 'pyproject.toml': '[project]\nname = "app"\ndependencies = ["openai>=1.40", "langchain-openai==0.1.20; python_version >= \'3.9\'"]\n' });
    assert.match(f?.message ?? '', /langchain-openai 0\.1\.20 \(pyproject\.toml\)/);
  });

  it('a lockfile names no dependency of its own: a locked package the manifests do not declare is not one', () => {
    const pins = readVersionCeilings('/w/uv.lock', '[[package]]\nname = "Langchain_OpenAI"\nversion = "0.3.1"\n\n[[package]]\nname = "zope.interface"\nversion = "7.2"\n');
    assert.deepEqual([...pins.keys()], ['langchain-openai', 'zope-interface']);
  });

  it('a Poetry caret range that stays below 0.3.35 is reported', async () => {
    const [f] = await findings({ 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\nlangchain-openai = "^0.2.1"\n' });
    assert.match(f?.message ?? '', /langchain-openai below 0\.3 \(pyproject\.toml\)/);
  });

  for (const [label, manifests] of [
    ['a pin at 0.3.35', { 'requirements.txt': 'langchain-openai==0.3.35\n' }],
    ['a lower bound only', { 'requirements.txt': 'langchain-openai>=0.1.20\n' }],
    ['no version', { 'requirements.txt': 'langchain-openai\n' }],
    // The pins of another app of the repository are not this one's (python-pins-per-app.test.ts).
    ['an old pin in another app\'s manifest only', { 'requirements.txt': 'langchain-openai\n', 'services/api/requirements.txt': 'langchain-openai==0.1.20\n' }],
  ] as const) {
    it(`${label}: silent (the current default asks for stream usage)`, async () => {
      assert.deepEqual(await findings(manifests), []);
    });
  }

  it('reads upper bounds from requirements, pyproject and Pipfile specs', () => {
    const req = readVersionCeilings('requirements.txt', 'a==0.1.20\nb>=1.0\nc~=0.2.10\nd<0.3\ne>=0.1,<0.2\n# f==1\n');
    assert.deepEqual(Object.fromEntries(req), {
      a: { version: '0.1.20', exclusive: false },
      c: { version: '0.3', exclusive: true },
      d: { version: '0.3', exclusive: true },
      e: { version: '0.2', exclusive: true },
    });
    const poetry = readVersionCeilings('pyproject.toml', '[tool.poetry.dependencies]\nx = "^1.2.3"\ny = { version = "^0.0.5", extras = ["z"] }\nw = "0.4.1"\n');
    assert.deepEqual(Object.fromEntries(poetry), { x: { version: '2', exclusive: true }, y: { version: '0.0.6', exclusive: true }, w: { version: '0.4.1', exclusive: false } });
    assert.deepEqual(Object.fromEntries(readVersionCeilings('Pipfile', '[packages]\nlangchain-openai = "==0.2.1"\nrequests = "*"\n')), { 'langchain-openai': { version: '0.2.1', exclusive: false } });
    assert.equal(readVersionCeilings('package.json', '{"dependencies":{"openai":"4.0.0"}}').size, 0);
  });
});
