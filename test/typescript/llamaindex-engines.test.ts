// LlamaIndex.TS engines (audit 208): `query()` / `chat()` on an engine built by asQueryEngine, asChatEngine,
// new ContextChatEngine or new SimpleChatEngine is a call of the engine's LLM (its own, else Settings.llm).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

async function sitesOf(files: Record<string, string>, at = 'src/app.ts') {
  const { engine, root } = await engineFor(files);
  const file = path.join(root, at);
  engine.lint(file);
  const text = files[at];
  return engine.facts(file)!.callSites.map((s) => ({ line: text.slice(0, s.span.start).split('\n').length, method: s.method, model: s.model.value, streaming: s.streaming, engineRun: s.engineRun === true, client: s.client ? path.basename(s.client.path) : null }));
}

const SETTINGS = `import { OpenAI, Settings } from 'llamaindex';
export default function init() {
  Settings.llm = new OpenAI({ model: 'gpt-3.5-turbo', temperature: 0 });
}
`;

describe('LlamaIndex.TS engines', () => {
  it('resolves an engine without an LLM of its own to the workspace Settings.llm, set in another module', async () => {
    const sites = await sitesOf({
      'src/init.ts': SETTINGS,
      'src/app.ts': `import { VectorStoreIndex } from 'llamaindex';
import init from './init';
init();
export async function main(index: VectorStoreIndex, query: string) {
  const queryEngine = index.asQueryEngine({ similarityTopK: 3 });
  const response = await queryEngine.query({ query });
  const stream = await (await index).asChatEngine().chat({ message: query, stream: true });
  return [response, stream];
}
`,
    });
    assert.deepEqual(sites, [
      { line: 6, method: 'query', model: 'gpt-3.5-turbo', streaming: false, engineRun: true, client: 'init.ts' },
      { line: 7, method: 'chat', model: 'gpt-3.5-turbo', streaming: true, engineRun: true, client: 'init.ts' },
    ]);
  });

  it('prefers the engine option naming its LLM: llm for SimpleChatEngine, chatModel for ContextChatEngine', async () => {
    const sites = await sitesOf({
      'src/init.ts': SETTINGS,
      'src/app.ts': `import { SimpleChatEngine } from '@llamaindex/core/chat-engine';
import { ContextChatEngine, type BaseRetriever } from 'llamaindex';
import { OpenAI } from '@llamaindex/openai';
const llm = new OpenAI({ model: 'gpt-4o-mini' });
export async function a(message: string, retriever: BaseRetriever) {
  const simple = new SimpleChatEngine({ llm });
  await simple.chat({ message, stream: true });
  const context = new ContextChatEngine({ retriever, chatModel: llm });
  await context.chat({ message });
  // ContextChatEngine has no \`llm\` option: an engine given one is not followed.
  const odd = new ContextChatEngine({ retriever, llm } as never);
  await odd.chat({ message });
}
`,
    });
    assert.deepEqual(sites, [
      { line: 7, method: 'chat', model: 'gpt-4o-mini', streaming: true, engineRun: true, client: 'app.ts' },
      { line: 9, method: 'chat', model: 'gpt-4o-mini', streaming: false, engineRun: true, client: 'app.ts' },
    ]);
  });

  it('follows an engine a workspace function returns, given chatModel: Settings.llm (create-llama engine/chat.ts)', async () => {
    const sites = await sitesOf({
      'src/engine/settings.ts': `import { OpenAI } from '@llamaindex/openai';
import { Settings } from 'llamaindex';
export function initSettings() {
  Settings.llm = new OpenAI({ model: process.env.MODEL ?? 'gpt-4o-mini' });
}
`,
      'src/engine/chat.ts': `import { ContextChatEngine, Settings, type BaseRetriever } from 'llamaindex';
export async function createChatEngine(retriever: BaseRetriever) {
  return new ContextChatEngine({ chatModel: Settings.llm, retriever });
}
`,
      'src/app.ts': `import { createChatEngine } from './engine/chat';
import { initSettings } from './engine/settings';
initSettings();
export async function POST(message: string, retriever: never) {
  const chatEngine = await createChatEngine(retriever);
  return chatEngine.chat({ message, chatHistory: [], stream: true });
}
`,
    });
    assert.deepEqual(sites, [{ line: 6, method: 'chat', model: 'gpt-4o-mini', streaming: true, engineRun: true, client: 'settings.ts' }]);
  });

  it('makes no call site when the LLM cannot be established', async () => {
    const sites = await sitesOf({
      'src/a.ts': SETTINGS,
      'src/b.ts': `import { Anthropic, Settings } from 'llamaindex';
Settings.llm = new Anthropic({ model: 'claude-3-5-sonnet-latest' });
`,
      'src/app.ts': `import { SimpleChatEngine, VectorStoreIndex } from 'llamaindex';
import { Ollama } from '@llamaindex/ollama';
export async function a(index: VectorStoreIndex, message: string, options: object) {
  // Settings.llm assigned two different LLMs in the workspace.
  await index.asChatEngine().chat({ message });
  await index.asChatEngine(options).chat({ message });
  await new SimpleChatEngine({ llm: new Ollama({ model: 'llama3' }) }).chat({ message });
  const search = { query: async (q: { query: string }) => q };
  await search.query({ query: message });
}
`,
    });
    assert.deepEqual(sites, []);
  });
});
