import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPythonFrontEnd } from '../../server/src/languages/python/front-end';
import { cachedTreeCount, editBetween, forgetTree, parseCached, pythonReady } from '../../server/src/languages/python/parser';
import { comparable, initPython, MemoryProject } from './helpers';

const SERVICE = `"""Chat service."""
import os
import time
from fastapi import FastAPI
from openai import OpenAI

app = FastAPI()
client = OpenAI(timeout=30)
SYSTEM = "You are a helpful assistant. Answer in one paragraph."

@app.post("/chat")
async def chat(body: dict):
    for attempt in range(3):
        try:
            r = client.chat.completions.create(
                model="gpt-4o",
                messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": body["q"]}],
                stream=True,
            )
            for chunk in r:
                print(chunk.choices[0].delta)
            return
        except Exception:
            time.sleep(2 ** attempt)
`;

describe('parser lifecycle', () => {
  // Runs first: nothing in this file has called initPython() yet.
  it('reports an error entry when analysis runs before initPython()', () => {
    assert.equal(pythonReady(), false);
    const project = new MemoryProject({ 'app/main.py': SERVICE });
    const p = project.abs('app/main.py');
    const facts = createPythonFrontEnd().analyze(p, SERVICE, project);
    assert.deepEqual(facts.errors.map((e) => e.message), ['Python parser not initialised']);
    assert.equal(facts.callSites.length, 0);
  });

  it('initialises once, however often it is called', async () => {
    await Promise.all([initPython(), initPython()]);
    await initPython();
    assert.equal(pythonReady(), true);
  });
});

describe('incremental parsing', () => {
  it('gives the same facts after a one-character edit as a full parse', async () => {
    await initPython();
    const edits: Array<(t: string) => string> = [
      (t) => t.replace('range(3)', 'range(4)'),
      (t) => t.replace('"gpt-4o"', '"gpt-4o-mini"'),
      (t) => t.replace('stream=True', 'stream=False'),
      (t) => t.replace('paragraph.', 'paragraph!'),
      (t) => t.replace('@app.post', '@app.get'),
      (t) => t.replace('2 ** attempt', '2 * attempt'),
      (t) => `# é\n${t}`,
    ];
    for (const edit of edits) {
      const project = new MemoryProject({ 'app/main.py': SERVICE });
      const p = project.abs('app/main.py');
      const incremental = createPythonFrontEnd();
      incremental.analyze(p, SERVICE, project);
      const next = edit(SERVICE);
      assert.notEqual(next, SERVICE);
      project.set('app/main.py', next);
      const a = incremental.analyze(p, next, project);
      forgetTree(p);
      const b = createPythonFrontEnd().analyze(p, next, project);
      assert.deepEqual(comparable(a), comparable(b));
      forgetTree(p);
    }
  });

  it('reuses the cached tree for unchanged text and edits it for new text', async () => {
    await initPython();
    const t1 = parseCached('/ws/inc.py', 'x = 1\n');
    const t2 = parseCached('/ws/inc.py', 'x = 1\n');
    assert.equal(t1, t2);
    const t3 = parseCached('/ws/inc.py', 'x = 12\n');
    assert.ok(t3);
    assert.equal(t3.rootNode.text, 'x = 12\n');
    forgetTree('/ws/inc.py');
  });

  it('keeps a bounded number of trees', async () => {
    await initPython();
    for (let i = 0; i < 60; i++) parseCached(`/ws/many/m${i}.py`, `v${i} = ${i}\n`);
    assert.ok(cachedTreeCount() <= 24, `cached ${cachedTreeCount()}`);
    for (let i = 0; i < 60; i++) forgetTree(`/ws/many/m${i}.py`);
  });

  it('never splits a surrogate pair in an edit', async () => {
    await initPython();
    const e = editBetween('s = "😀"\n', 's = "😁"\n');
    assert.equal(e.startIndex, 5);
    assert.equal(e.oldEndIndex, 7);
    assert.equal(e.newEndIndex, 7);
  });
});
