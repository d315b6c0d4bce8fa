// Instructor (`response_model=…`) returns the parsed object, not the completion: its usage is still discarded, but a
// fix logging `result.usage` would log nothing (TypeScript) or raise AttributeError (Python).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

async function usageFinding(file: string, text: string) {
  const { engine, root } = await engineFor({ [file]: text });
  return engine.lint(path.join(root, file)).findings.find((f) => f.ruleId === 'usage-discarded');
}

describe('usage-discarded on Instructor calls', () => {
  it('reports the call without a fix that reads usage off the parsed object', async () => {
    const py = await usageFinding('title.py', `import instructor
from openai import OpenAI
from pydantic import BaseModel

client = instructor.from_openai(OpenAI(timeout=120))


class Title(BaseModel):
    title: str


def title(text: str) -> str:
    result = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}], response_model=Title)
    return result.title
`);
    assert.ok(py);
    assert.equal(py.fix, undefined);
    const plain = await usageFinding('plain.py', `from openai import OpenAI

client = OpenAI(timeout=120)


def title(text: str) -> str:
    result = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return result.choices[0].message.content
`);
    assert.ok(plain?.fix);
  });
});
