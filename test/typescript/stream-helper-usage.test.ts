// A stream handed to a workspace function: that function's loop over it decides whether the usage is read
// (audit 106, BuilderIO/ai-shell: `streamToIterable(stream)` yields only the text deltas).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const completion = `import Anthropic from '@anthropic-ai/sdk';
import { streamToIterable } from './stream-to-iterable';

const client = new Anthropic({ timeout: 120_000 });

export async function generateCompletion(prompt: string) {
  const response = await client.messages.create({
    messages: [{ role: 'user', content: prompt }],
    model: 'claude-sonnet-4-5',
    max_tokens: 200,
    stream: true,
  });
  return response;
}

export async function getExplanation(script: string) {
  const stream = await generateCompletion(\`Explain: \${script}\`);
  let text = '';
  for await (const t of streamToIterable(stream)) text += t;
  return text;
}
`;

const helper = (body: string) => `export async function* streamToIterable(stream: AsyncIterable<any>) {
  for await (const event of stream) {
${body}
  }
}
`;

async function usage(helperBody: string): Promise<string | undefined> {
  const { engine, root } = await engineFor({ 'src/completion.ts': completion, 'src/stream-to-iterable.ts': helper(helperBody) });
  return engine.lint(path.join(root, 'src/completion.ts')).callSites[0]?.usage;
}

describe('a stream handed to a workspace function', () => {
  it('is discarded when the function yields only the text deltas', async () => {
    assert.equal(await usage("    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') yield event.delta.text;"), 'discarded');
  });

  it('near miss: not discarded when the function reads the usage events', async () => {
    assert.notEqual(await usage("    if (event.type === 'message_delta') console.info('llm.usage', event.usage);\n    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') yield event.delta.text;"), 'discarded');
  });

  it('near miss: escapes when the function yields every event to its callers', async () => {
    assert.notEqual(await usage('    yield event;'), 'discarded');
  });
});
