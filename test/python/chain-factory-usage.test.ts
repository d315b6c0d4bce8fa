// A LangChain pipe built and returned by a function of the module (`llm_chain = configure_chain()`), then invoked in a
// route: whether it ends in an output parser decides whether the usage comes back at all (audit 104, genai-stack).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const SOURCE = fs.readFileSync(path.join(__dirname, 'fixtures', 'chain_factory.py'), 'utf8');

describe('usage-discarded through a chain factory', () => {
  it('reports the pipe that ends in a parser, not the one that hands back the message', async () => {
    const { engine, root } = await engineFor({ 'app/api.py': SOURCE });
    const lines = engine
      .lint(path.join(root, 'app/api.py'))
      .findings.filter((f) => f.ruleId === 'usage-discarded')
      .map((f) => SOURCE.slice(0, f.span.start).split('\n').length);
    const expected = SOURCE.split('\n').flatMap((l, i) => (/# expect: usage-discarded/.test(l) ? [i + 2] : []));
    assert.deepEqual(lines, expected);
    assert.equal(expected.length, 1);
  });
});
