// Instructor's create(response_model=…) hands back the parsed model: usage-discarded says where the usage is instead
// of offering a log line that would read a `usage` the model does not have.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initPython } from '../../server/src/languages/python/parser';
import { engineFor } from '../helpers/lint';

before(initPython);

const CODE = `import instructor
from openai import OpenAI
from pydantic import BaseModel

client = instructor.from_openai(OpenAI(timeout=60))
plain = OpenAI(timeout=60)


class User(BaseModel):
    name: str


def name_only(text: str) -> str:
    user = client.chat.completions.create(model="gpt-4o-mini", response_model=User, messages=[{"role": "user", "content": text}])
    return user.name


def answer(text: str) -> str:
    completion = plain.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return completion.choices[0].message.content
`;

describe('usage-discarded on Instructor', () => {
  it('points at create_with_completion for a parsed model, and keeps the plain message and fix elsewhere', async () => {
    const { engine, root } = await engineFor({ 'app/extract.py': CODE });
    const findings = engine.lint(path.join(root, 'app/extract.py')).findings.filter((f) => f.ruleId === 'usage-discarded');
    assert.equal(findings.length, 2);
    const [parsed, plain] = findings;
    assert.match(parsed.message, /Instructor returns the parsed model: create_with_completion\(…\) also returns the completion with its usage$/);
    assert.equal(parsed.fix, undefined);
    assert.doesNotMatch(plain.message, /Instructor/);
    assert.ok(plain.fix);
  });
});
