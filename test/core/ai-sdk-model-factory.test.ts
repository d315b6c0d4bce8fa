// stream-without-usage through AI SDK 4 models the app builds in a function (`getModel()`, audit 124 on srcbook) and
// providers set to compatibility: 'compatible' explicitly, which loses streamed usage like the default.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const PACKAGE = JSON.stringify({ dependencies: { ai: '^4.1.0', '@ai-sdk/openai': '^1.1.0' } });

const ROUTE = (model: string, imports = "import { getModel } from './config';") => `import { streamText } from 'ai';
${imports}

export async function stream(prompt: string, name: string) {
  const model = ${model};
  const result = streamText({ model, prompt, abortSignal: AbortSignal.timeout(120_000), onFinish: ({ usage }) => console.info(usage) });
  return result.toDataStreamResponse();
}
`;

async function findings(files: Record<string, string>, file = 'lib/route.ts') {
  const { engine, root } = await engineFor({ 'package.json': PACKAGE, ...files });
  return engine.lint(path.join(root, file)).findings.filter((x) => x.ruleId === 'stream-without-usage');
}

describe('stream-without-usage: an AI SDK model returned by a workspace function', () => {
  it('follows a factory in another module to its createOpenAI() provider, without a fix there', async () => {
    const config = `import { createOpenAI } from '@ai-sdk/openai';

export async function getModel(baseURL: string, model: string) {
  const compatible = createOpenAI({ apiKey: process.env.CUSTOM_API_KEY, baseURL });
  return compatible(model);
}
`;
    const [hit, ...more] = await findings({ 'lib/config.ts': config, 'lib/route.ts': ROUTE("await getModel(process.env.AI_BASE_URL!, name)") });
    assert.equal(more.length, 0);
    assert.match(hit.message, /createOpenAI\(\) provider in its default 'compatible' mode \(@ai-sdk\/openai 1\.x\)/);
    assert.equal(hit.fix, undefined);
  });

  it('follows a helper of the same module, as an argument or through a const, and fixes the provider', async () => {
    const route = `import { streamText } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';

function localModel(name: string) {
  const compatible = createOpenAI({ apiKey: 'bogus', baseURL: process.env.LOCAL_URL });
  return compatible(name);
}

export async function stream(prompt: string, name: string) {
  const result = streamText({ model: localModel(name), prompt, abortSignal: AbortSignal.timeout(120_000) });
  return result.toDataStreamResponse();
}

export async function again(prompt: string, name: string) {
  const model = localModel(name);
  const result = streamText({ model, prompt, abortSignal: AbortSignal.timeout(120_000) });
  return result.toDataStreamResponse();
}
`;
    const hits = await findings({ 'lib/route.ts': route });
    assert.equal(hits.length, 2);
    for (const hit of hits) assert.match(hit.fix!.edits.map((e) => e.newText).join(''), /compatibility: 'strict'/);
  });

  it("reports without a fix when some of the factory's branches are compatible, and stays silent when none is", async () => {
    const config = (xai: string) => `import { createOpenAI, openai } from '@ai-sdk/openai';
import { createAnthropic } from '@ai-sdk/anthropic';

export async function getModel(provider: string, model: string) {
  switch (provider) {
    case 'openai': {
      const strict = createOpenAI({ compatibility: 'strict', apiKey: process.env.OPENAI_API_KEY });
      return strict(model);
    }
    case 'anthropic': {
      const anthropic = createAnthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
      return anthropic(model);
    }
    case 'xai': {
      const xai = createOpenAI({ ${xai}baseURL: 'https://api.x.ai/v1', apiKey: process.env.XAI_API_KEY });
      return xai(model);
    }
    default:
      return openai(model);
  }
}
`;
    const route = ROUTE("await getModel(process.env.AI_PROVIDER!, name)");
    const [hit, ...more] = await findings({ 'lib/config.ts': config("compatibility: 'compatible', "), 'lib/route.ts': route });
    assert.equal(more.length, 0);
    assert.match(hit.message, /on some paths of the function that builds it, a createOpenAI\(\) provider set to compatibility: 'compatible'/);
    assert.equal(hit.fix, undefined);
    assert.equal((await findings({ 'lib/config.ts': config("compatibility: 'strict', "), 'lib/route.ts': route })).length, 0);
  });

  it('stays silent when a return is not a provider model, or the model is a Responses one', async () => {
    const config = (ret: string) => `import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';

export function getModel(model: string, fallback?: LanguageModel) {
  const compatible = createOpenAI({ baseURL: process.env.LOCAL_URL });
  if (fallback) return fallback;
  return ${ret};
}
`;
    const route = ROUTE('getModel(name)');
    assert.equal((await findings({ 'lib/config.ts': config('compatible(model)'), 'lib/route.ts': route })).length, 0);
    const single = (ret: string) => config(ret).replace('  if (fallback) return fallback;\n', '');
    assert.equal((await findings({ 'lib/config.ts': single('compatible(model)'), 'lib/route.ts': route })).length, 1);
    assert.equal((await findings({ 'lib/config.ts': single('compatible.responses(model)'), 'lib/route.ts': route })).length, 0);
  });
});

describe("stream-without-usage: createOpenAI() with compatibility: 'compatible' written out", () => {
  const route = (mode: string) => `import { streamText } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';

const xai = createOpenAI({ compatibility: '${mode}', baseURL: 'https://api.x.ai/v1', apiKey: process.env.XAI_API_KEY });

export async function stream(prompt: string) {
  const result = streamText({ model: xai('grok-beta'), prompt, abortSignal: AbortSignal.timeout(120_000) });
  return result.toDataStreamResponse();
}
`;

  it('reports it like the default, without switching the chosen mode', async () => {
    const [hit, ...more] = await findings({ 'lib/route.ts': route('compatible') });
    assert.equal(more.length, 0);
    assert.match(hit.message, /createOpenAI\(\) provider set to compatibility: 'compatible' \(@ai-sdk\/openai 1\.x\)/);
    assert.equal(hit.fix, undefined);
  });

  it("stays silent in 'strict' mode", async () => {
    assert.equal((await findings({ 'lib/route.ts': route('strict') })).length, 0);
  });
});
