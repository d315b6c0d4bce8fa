// A history read returned by a function of one module and sent to the model by another (crud.py / api.py).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'unbounded-history');
const read = (rel: string) => fs.readFileSync(path.join(FIXTURE, rel), 'utf8');

describe('history reads sent to the model from another module', () => {
  it('follows the importer, and forgets the read once the importer stops sending it', async () => {
    const files = Object.fromEntries(['chat/__init__.py', 'chat/clients.py', 'chat/models.py', 'chat/crud.py', 'chat/api.py'].map((rel) => [rel, read(rel)]));
    const { engine, root } = await engineFor(files);
    const crud = path.join(root, 'chat/crud.py');
    const lines = (fs: ReturnType<typeof engine.lint>) => fs.findings.filter((f) => f.ruleId === 'unbounded-history').map((f) => files['chat/crud.py'].slice(0, f.span.start).split('\n').length);
    assert.deepEqual(lines(engine.lint(crud)), [10, 15]);
    // The route now sends only the user's message: the reads no longer reach a prompt.
    const api = files['chat/api.py'].replace('messages=[*history, {"role": "user", "content": message}]', 'messages=[{"role": "user", "content": message}]');
    assert.notEqual(api, files['chat/api.py']);
    engine.setFile(path.join(root, 'chat/api.py'), api);
    assert.deepEqual(lines(engine.lint(crud)), [15]);
  });
});
