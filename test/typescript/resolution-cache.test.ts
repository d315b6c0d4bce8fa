// Import resolutions are remembered until a file is added or removed; adding the imported file must be seen.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const ROUTE = "import { client } from '@/lib/llm';\nexport async function POST(req: Request) {\n  return client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n}\n";
const LLM = "import OpenAI from 'openai';\nexport const client = new OpenAI();\n";

describe('import resolution cache', () => {
  it('sees a module added, renamed away and added back after the importer was analysed', async () => {
    const { engine, root } = await engineFor({ 'src/app/api/chat/route.ts': ROUTE });
    const route = path.join(root, 'src/app/api/chat/route.ts');
    const llm = path.join(root, 'src/lib/llm.ts');
    const clientOf = () => engine.facts(route)!.callSites[0]?.client?.className ?? null;
    assert.equal(clientOf(), null, 'the module does not exist yet');
    engine.setFile(llm, LLM);
    assert.equal(clientOf(), 'OpenAI');
    assert.ok(engine.lint(llm).findings.some((f) => f.ruleId === 'missing-timeout'));
    engine.removeFile(llm);
    engine.setFile(path.join(root, 'src/lib/llm2.ts'), LLM);
    assert.equal(clientOf(), null, 'resolved to a file that is gone');
    engine.setFile(llm, LLM.replace('new OpenAI()', 'new OpenAI({ timeout: 10_000 })'));
    assert.equal(clientOf(), 'OpenAI');
  });
});
