// CrewAI sends through LiteLLM before 1.0 and through native provider clients from 1.0: a manifest that allows only
// 0.x releases settles which default a CrewAI LLM without a timeout waits (audit 186, OWASP/Nest's get_llm()).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const LLM_MODULE = `from crewai import LLM

llm = LLM(model="gpt-4.1-mini", temperature=0.1)
`;

async function missingTimeout(files: Record<string, string>): Promise<string[]> {
  const { engine, root } = await engineFor(files);
  return engine.lint(path.join(root, 'app/llm.py')).findings.filter((f) => f.ruleId === 'missing-timeout').map((f) => f.message);
}

describe('missing-timeout: the CrewAI release the manifest allows', () => {
  it('names only LiteLLM when every allowed release is before 1.0', async () => {
    const [message] = await missingTimeout({ 'app/llm.py': LLM_MODULE, 'app/requirements.txt': 'crewai==0.201.1\n' });
    assert.match(message, /LiteLLM's default of 600 s \(CrewAI before 1\.0, as requirements\.txt requires\)$/);
    assert.doesNotMatch(message, /openai-python/);
  });

  it('names both clients when a 1.x release is allowed or nothing pins CrewAI', async () => {
    for (const requirements of ['crewai>=0.150\n', 'crewai\n']) {
      const [message] = await missingTimeout({ 'app/llm.py': LLM_MODULE, 'app/requirements.txt': requirements });
      assert.match(message, /\(CrewAI before 1\.0\) or openai-python's 600 s per attempt/);
    }
  });
});
