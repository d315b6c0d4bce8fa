// LangChain.js chat models over other SDKs (ChatGroq, ChatGoogleGenerativeAI, ChatMistralAI, ChatDeepSeek, ChatOllama,
// ChatVertexAI, ChatBedrockConverse): recognised as clients, with each class's own defaults and option spellings
// (catalogue: langchain-js-groq, -google-genai, -mistral, -ollama, -vertexai, -bedrock).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

async function findings(text: string, env = '') {
  const { engine, root } = await engineFor({ 'chat.ts': text, ...(env ? { '.env.example': env } : {}) });
  return engine.lint(path.join(root, 'chat.ts')).findings.map((f) => [f.ruleId, f.message] as const);
}

describe('LangChain.js provider chat models', () => {
  it('counts AsyncCaller retries for ChatGroq calls in a loop (6 retries, 7 attempts)', async () => {
    const out = await findings(`import { ChatGroq } from '@langchain/groq';\nconst llm = new ChatGroq({ model: process.env.GROQ_MODEL!, timeout: 30_000 });\nexport async function ask(q: string) {\n  for (let i = 0; i < 3; i++) {\n    try {\n      const r = await llm.invoke(q);\n      console.info('llm.usage', r.usage_metadata);\n      return r.content;\n    } catch (e) {\n      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** i * Math.random()));\n    }\n  }\n}\n`);
    assert.deepEqual(out.filter(([id]) => id === 'retry-amplification').map(([, m]) => m), ['Up to 21 attempts per request: loop 3 × LangChain 7; let one layer own retries']);
  });

  it('says ChatGoogleGenerativeAI reads no base URL from the environment, and reports its literal model', async () => {
    const out = await findings(`import { ChatGoogleGenerativeAI } from '@langchain/google-genai';\nexport const llm = new ChatGoogleGenerativeAI({ model: 'gemini-2.5-flash' });\n`, 'GOOGLE_GEMINI_BASE_URL=http://litellm:4000\n');
    assert.deepEqual(out.filter(([id]) => id === 'direct-provider-endpoint' || id === 'hardcoded-model' || id === 'missing-timeout').map(([, m]) => m), [
      'ChatGoogleGenerativeAI client sends requests straight to generativelanguage.googleapis.com: no baseUrl is set (ChatGoogleGenerativeAI reads none from the environment)',
      "ChatGoogleGenerativeAI client has no timeout and the SDK sets none, so a stalled request waits forever; ChatGoogleGenerativeAI takes a timeout only per call (`invoke(input, { timeout })`)",
      "Model 'gemini-2.5-flash' is hardcoded in the ChatGoogleGenerativeAI client, so switching or routing models needs a code change",
    ]);
  });

  it('ChatOllama retries nothing: a loop around it is not amplified, and the loop note claims no LangChain retries', async () => {
    const out = await findings(`import { ChatOllama } from '@langchain/ollama';\nconst llm = new ChatOllama({ model: process.env.OLLAMA_MODEL, maxRetries: 3 });\nexport async function ask(q: string) {\n  for (let i = 0; i < 3; i++) {\n    try {\n      const r = await llm.invoke(q);\n      console.info('llm.usage', r.usage_metadata);\n      return r.content;\n    } catch (e) {\n      console.warn(e);\n    }\n  }\n}\n`);
    assert.deepEqual(out.filter(([id]) => id === 'retry-amplification' || id === 'naive-retry-loop' || id === 'missing-timeout').map(([, m]) => m), ['Retry loop around invoke retries without waiting, retries every error, including timeouts and 4xx']);
  });

  it('ChatVertexAI: no timeout option (no fix), AsyncCaller retries, and a cloud project\'s endpoint rather than the Gemini API', async () => {
    const out = await findings(`import { ChatVertexAI } from '@langchain/google-vertexai';\nconst llm = new ChatVertexAI({ model: process.env.GEMINI_MODEL, maxRetries: 2 });\nexport async function ask(q: string) {\n  for (let i = 0; i < 3; i++) {\n    try {\n      const r = await llm.invoke(q);\n      console.info('llm.usage', r.usage_metadata);\n      return r.content;\n    } catch (e) {\n      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** i * Math.random()));\n    }\n  }\n}\n`);
    assert.deepEqual(out.filter(([id]) => id === 'retry-amplification' || id === 'missing-timeout' || id === 'direct-provider-endpoint').map(([, m]) => m), [
      "ChatVertexAI client has no timeout and the SDK sets none, so a stalled request waits forever; ChatVertexAI takes a timeout only per call (`invoke(input, { timeout })`)",
      'Up to 9 attempts per request: loop 3 × LangChain 3; let one layer own retries',
    ]);
  });

  it('ChatBedrockConverse: its calls are call sites, but no AWS SDK retry or timeout default is claimed', async () => {
    const out = await findings(`import { ChatBedrockConverse } from '@langchain/aws';\nconst llm = new ChatBedrockConverse({ model: 'anthropic.claude-3-5-haiku-20241022-v1:0', region: 'us-east-1' });\nexport async function ask(q: string) {\n  for (let i = 0; i < 3; i++) {\n    try {\n      const r = await llm.invoke(q);\n      return r.content;\n    } catch (e) {\n      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** i * Math.random()));\n    }\n  }\n}\n`);
    assert.deepEqual(out.filter(([id]) => id !== 'untraced-llm-call'), [
      ['hardcoded-model', "Model 'anthropic.claude-3-5-haiku-20241022-v1:0' is hardcoded in the ChatBedrockConverse client, so switching or routing models needs a code change"],
      ['naive-retry-loop', 'Retry loop around invoke retries every error, including timeouts and 4xx'],
      ['usage-discarded', 'The token usage returned by invoke is never read or recorded, so the cost of this call is invisible'],
    ]);
  });

  it('names the layer that already retries without an article: "LangChain already retries"', async () => {
    const out = await findings(`import { ChatGroq } from '@langchain/groq';\nconst llm = new ChatGroq({ model: process.env.GROQ_MODEL!, timeout: 30_000 });\nexport async function ask(q: string) {\n  for (let i = 0; i < 3; i++) {\n    try {\n      const r = await llm.invoke(q);\n      console.info('llm.usage', r.usage_metadata);\n      return r.content;\n    } catch (e) {\n      console.warn(e);\n    }\n  }\n}\n`);
    assert.deepEqual(out.filter(([id]) => id === 'naive-retry-loop').map(([, m]) => m), ['Retry loop around invoke retries without waiting, retries every error, including timeouts and 4xx; LangChain already retries 6 times with backoff']);
  });

  it('counts withRetry and withFallbacks as layers of their own, innermost first', async () => {
    const text = `import { ChatOpenAI } from '@langchain/openai';\nimport { ChatAnthropic } from '@langchain/anthropic';\nconst primary = new ChatOpenAI({ model: process.env.M!, timeout: 30_000 });\nconst backup = new ChatAnthropic({ model: process.env.A!, clientOptions: { timeout: 30_000 } });\nconst robust = primary.withRetry({ stopAfterAttempt: 5 });\nconst either = primary.bindTools([]).withFallbacks({ fallbacks: [backup] });\nexport async function a(q: string) {\n  const r = await robust.invoke(q);\n  console.info('llm.usage', r.usage_metadata);\n  return r.content;\n}\nexport async function b(q: string) {\n  const r = await either.invoke(q);\n  console.info('llm.usage', r.usage_metadata);\n  return r.content;\n}\nexport async function c(q: string) {\n  const r = await primary.withRetry().invoke(q);\n  console.info('llm.usage', r.usage_metadata);\n  return r.content;\n}\n`;
    const out = await findings(text);
    assert.deepEqual(out.filter(([id]) => id === 'retry-amplification').map(([, m]) => m), [
      'Up to 35 attempts per request: LangChain withRetry 5 × LangChain 7; let one layer own retries',
      'Up to 14 attempts per request: LangChain fallbacks 2 × LangChain 7; let one layer own retries',
      'Up to 21 attempts per request: LangChain withRetry 3 × LangChain 7; let one layer own retries',
    ]);
  });

  it('withRetry: not on streams, no count it cannot read; fallbacks add each runnable\'s passes', async () => {
    const text = `import { ChatOpenAI } from '@langchain/openai';\nimport { ChatAnthropic } from '@langchain/anthropic';\nconst primary = new ChatOpenAI({ model: process.env.M!, timeout: 30_000 });\nconst backup = new ChatAnthropic({ model: process.env.A!, clientOptions: { timeout: 30_000 } });\nconst robust = primary.withRetry({ stopAfterAttempt: 5 });\nconst either = robust.withFallbacks([backup]);\nexport async function a(q: string) {\n  for await (const c of await robust.stream(q)) console.log(c.content);\n}\nexport async function b(q: string) {\n  const r = await either.invoke(q);\n  console.info('llm.usage', r.usage_metadata);\n  return r.content;\n}\nexport async function c(q: string, n: number) {\n  const r = await primary.withRetry({ stopAfterAttempt: n }).invoke(q);\n  console.info('llm.usage', r.usage_metadata);\n  return r.content;\n}\n`;
    const out = await findings(text);
    assert.deepEqual(out.filter(([id]) => id === 'retry-amplification').map(([, m]) => m), ['Up to 42 attempts per request: LangChain withRetry and fallbacks 6 × LangChain 7; let one layer own retries']);
  });
});
