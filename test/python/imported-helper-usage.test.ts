// A response handed to a helper imported from another module of the workspace (`from agent.utils import
// get_citations`): what the helper reads of its parameter decides, and editing the helper changes the finding (audit 129).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const APP = `from openai import OpenAI

from agent.utils import summary

client = OpenAI(timeout=60)


def ask(prompt: str) -> str:
    response = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
    return summary(response)
`;
const UTILS = (body: string) => `from agent.fmt import first_text


def summary(response):
    ${body}
`;
const FMT = (body: string) => `def first_text(completion):
    ${body}
`;

describe('usage-discarded through a helper of another module', () => {
  it('follows the helper, and its own helpers, as they change', async () => {
    const { engine, root } = await engineFor({
      'agent/__init__.py': '',
      'agent/app.py': APP,
      'agent/utils.py': UTILS('return first_text(response)'),
      'agent/fmt.py': FMT('return completion.choices[0].message.content'),
    });
    const found = () => engine.lint(path.join(root, 'agent/app.py')).findings.filter((f) => f.ruleId === 'usage-discarded').map((f) => /handed to (\w+)/.exec(f.message)?.[1]);
    assert.deepEqual(found(), ['summary']);
    engine.setFile(path.join(root, 'agent/fmt.py'), FMT('print(completion.usage)\n    return completion.choices[0].message.content'));
    assert.deepEqual(found(), []);
    engine.setFile(path.join(root, 'agent/utils.py'), UTILS('return response.choices[0].message.content'));
    assert.deepEqual(found(), ['summary']);
    engine.setFile(path.join(root, 'agent/utils.py'), UTILS('log_usage(response.usage)\n    return response.choices[0].message.content'));
    assert.deepEqual(found(), []);
  });
});
