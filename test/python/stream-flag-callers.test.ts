// stream-without-usage on a wrapper whose `stream=stream` is its own parameter: the message names the caller that turns
// streaming on, and says whether it passes the flag or leaves it at a default of True.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';
import { initPython } from './helpers';

before(initPython);

const wrapper = (param: string, call: string) => `from openai import OpenAI

client = OpenAI(timeout=30)


def _create(messages, ${param}):
    return client.chat.completions.create(model="gpt-4o", messages=messages, stream=stream)


def reply(messages):
    return ${call}
`;

async function messages(text: string): Promise<string[]> {
  const { engine, root } = await engineFor({ 'app.py': text });
  return engine.lint(path.join(root, 'app.py')).findings.filter((f) => f.ruleId === 'stream-without-usage').map((f) => f.message);
}

describe('stream-without-usage through a stream parameter', () => {
  it('names a caller that passes stream=True', async () => {
    const [m] = await messages(wrapper('stream', '_create(messages, stream=True)'));
    assert.match(m ?? '', /streams when _create is called with stream=True \(line 11\)/);
  });

  it('says so when the caller leaves the flag at its default of True', async () => {
    const [m] = await messages(wrapper('stream=True', '_create(messages)'));
    assert.match(m ?? '', /streams when _create is called without stream, which defaults to True \(line 11\)/);
  });

  it('stays silent when every caller leaves a default of False', async () => {
    assert.deepEqual(await messages(wrapper('stream=False', '_create(messages)')), []);
  });
});
