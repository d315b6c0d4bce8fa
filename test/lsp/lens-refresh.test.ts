// Lenses of one open file follow unsaved edits in another (a prompt module the calls import): the server asks the
// client to refresh them once typing pauses.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-protocol/node';
import { SERVER, TestClient, pullCapabilities } from './fixtures/lsp-client';
import { tempDir } from '../helpers/temp-dir';

const CHAT = `import OpenAI from 'openai';
import { SYSTEM } from './prompts';
const client = new OpenAI({ timeout: 30_000 });
export const ask = (q: string) => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: q }] });
`;

describe('code lens refresh across files', () => {
  let root: string;
  let c: TestClient;

  before(async () => {
    root = tempDir('llm-infra-lint-lens-refresh-');
    fs.writeFileSync(path.join(root, 'chat.ts'), CHAT);
    fs.writeFileSync(path.join(root, 'prompts.ts'), "export const SYSTEM = 'Be brief.';\n");
    const capabilities = { ...pullCapabilities, workspace: { ...pullCapabilities.workspace, codeLens: { refreshSupport: true } } };
    c = await TestClient.start({ capabilities, root, command: [process.execPath, SERVER, '--stdio'] });
    // The end of the first scan refreshes every lens: measure after it.
    await c.waitFor('the workspace scan', () => c.messages.some((m) => m.method === 'llm-infra-lint/status' && (m.params as { state?: string }).state === 'ready'), 60_000);
  });

  after(async () => {
    await c?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const lens = async () => ((await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: c.uri('chat.ts') } })) as CodeLens[])[0]?.command?.title ?? '';

  test('an unsaved edit to an imported prompt refreshes the lenses of the file that sends it', async () => {
    await c.open('chat.ts', CHAT);
    const prompts = await c.open('prompts.ts', "export const SYSTEM = 'Be brief.';\n");
    const before = await lens();
    const refreshes = () => c.requests.filter((r) => r.method === 'workspace/codeLens/refresh').length;
    const seen = refreshes();
    await c.edit(prompts, "export const SYSTEM = '".length, 0, 'Answer in the language of the question. '.repeat(20));
    await c.waitFor('a code lens refresh', () => refreshes() > seen, 5_000);
    const after = await lens();
    assert.notEqual(after, before, 'the lens counts the edited prompt');
  });
});
