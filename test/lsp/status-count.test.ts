// The status count ("LLM Lint: N findings") follows changes on disk that move other files' findings: an
// `.env.example` that defines OPENAI_BASE_URL silences direct-provider-endpoint in every closed file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SERVER, TestClient, pullCapabilities } from './fixtures/lsp-client';
import { tempDir } from '../helpers/temp-dir';

describe('status count after changes on disk', () => {
  let root: string;
  let c: TestClient;

  before(async () => {
    root = tempDir('llm-infra-lint-status-count-');
    for (const name of ['a', 'b', 'c']) fs.writeFileSync(path.join(root, `${name}.ts`), `import OpenAI from 'openai';\n\nexport const client_${name} = new OpenAI({ timeout: 30_000 });\n`);
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'ws', dependencies: { openai: '^4.0.0' } }));
    c = await TestClient.start({ capabilities: pullCapabilities, root, command: [process.execPath, SERVER, '--stdio'] });
    await c.waitFor('the workspace scan', () => c.messages.some((m) => m.method === 'llm-infra-lint/status' && (m.params as { state?: string }).state === 'ready'), 60_000);
  });

  after(async () => {
    await c?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const count = () => c.messages.filter((m) => m.method === 'llm-infra-lint/status').map((m) => (m.params as { findings: number }).findings).at(-1);

  test('counts every closed file again when a file they depend on is created or deleted', async () => {
    await c.waitFor('the count after the scan', () => count() === 3, 10_000);
    fs.writeFileSync(path.join(root, '.env.example'), 'OPENAI_BASE_URL=http://litellm:4000\n');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('.env.example'), type: 1 }] });
    await c.waitFor('the count without the three findings', () => count() === 0, 10_000);
    fs.rmSync(path.join(root, '.env.example'));
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('.env.example'), type: 3 }] });
    await c.waitFor('the count with them again', () => count() === 3, 10_000);
  });
});
