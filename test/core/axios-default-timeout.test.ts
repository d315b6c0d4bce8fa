// axios.defaults.timeout is a global default of the instance every `axios.post` uses: set in an entry file or a setup
// module, it times out requests made anywhere in the app (audit 78).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const CHAT = `import axios from 'axios';

export async function ask(q: string) {
  const r = await axios.post('https://api.openai.com/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });
  return r.data.choices[0].message.content;
}
`;

async function missingTimeout(files: Record<string, string>): Promise<string[]> {
  const { engine, root } = await engineFor({ 'package.json': '{"dependencies":{"axios":"^1.7.0"}}', 'src/chat.ts': CHAT, ...files });
  return engine.lint(path.join(root, 'src/chat.ts')).findings.filter((f) => f.ruleId === 'missing-timeout').map((f) => f.message);
}

describe('axios default timeout set elsewhere in the workspace', () => {
  it('covers axios.post in other files', async () => {
    assert.deepEqual(await missingTimeout({ 'src/index.ts': "import axios from 'axios';\n\naxios.defaults.timeout = 30_000;\n" }), []);
  });

  it('near miss: without it the request waits forever', async () => {
    assert.deepEqual(await missingTimeout({ 'src/index.ts': "import axios from 'axios';\n\nconsole.log(axios.defaults.timeout === 0);\n" }), [
      'post to OpenAI has no timeout and axios sets none, so a stalled request waits forever',
    ]);
  });
});
