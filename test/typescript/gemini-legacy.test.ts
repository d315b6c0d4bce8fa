// The deprecated Gemini JS SDK (`@google/generative-ai`): requests go through `genAI.getGenerativeModel({ model })`
// objects and their chat sessions, and the result wraps the response (`result.response.usageMetadata`).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

async function lint(files: Record<string, string>, rel: string) {
  const { engine, root } = await engineFor(files);
  const file = path.join(root, rel);
  const result = engine.lint(file);
  return { facts: engine.facts(file)!, rules: (id: string) => result.findings.filter((f) => f.ruleId === id) };
}

const LIB = `import { GoogleGenerativeAI } from '@google/generative-ai';

const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!);
export const model = genAI.getGenerativeModel({ model: 'models/gemini-1.5-flash', generationConfig: { maxOutputTokens: 512 } });
`;

describe('@google/generative-ai (deprecated Gemini JS SDK)', () => {
  it('calls through a model made in another module are call sites, with its model and output cap', async () => {
    const route = `import { model } from './gemini';

export async function POST(req: Request) {
  const { question } = await req.json();
  const result = await model.generateContent(\`Question: \${question}\`);
  return Response.json({ answer: result.response.text() });
}
`;
    const { facts, rules } = await lint({ 'app/api/chat/gemini.ts': LIB, 'app/api/chat/route.ts': route }, 'app/api/chat/route.ts');
    assert.deepEqual(facts.callSites.map((s) => [s.sdk, s.method, s.provider, s.streaming, s.model.value, s.maxOutputTokens]), [
      ['google-generativeai', 'generateContent', 'google', false, 'gemini-1.5-flash', 512],
    ]);
    // The model is named in the other module: nothing to point at here.
    assert.equal(facts.callSites[0].model.span, undefined);
    assert.equal(facts.callSites[0].usage, 'discarded');
    assert.equal(rules('usage-discarded').length, 1);
    // One fetch, no retry, and no timer unless requestOptions set one: reported at the call, fixed there.
    assert.deepEqual(rules('missing-timeout').map((f) => [f.message, f.fix?.edits.map((e) => e.newText)]), [
      [
        "generateContent has no timeout and @google/generative-ai sets none (requestOptions.timeout), so a stalled request waits until the runtime's fetch gives up (Node: 300 s without a response)",
        [', { timeout: 120_000 }'],
      ],
    ]);
    assert.equal(rules('retry-amplification').length, 0);
  });

  // Audit 183 (Nutlope/llamacoder): on an Edge route Node's fetch limits do not apply.
  it('names the Edge runtime\'s limit, not Node\'s, on a route that runs on the Edge', async () => {
    const route = `import { model } from './gemini';

export const runtime = 'edge';

export async function POST(req: Request) {
  const { question } = await req.json();
  const result = await model.generateContent(question);
  return Response.json({ answer: result.response.text() });
}
`;
    const { rules } = await lint({ 'app/api/chat/gemini.ts': LIB, 'app/api/chat/route.ts': route }, 'app/api/chat/route.ts');
    assert.deepEqual(rules('missing-timeout').map((f) => f.message), [
      "generateContent has no timeout and @google/generative-ai sets none (requestOptions.timeout), so a stalled request waits until the Edge runtime's own limit ends the request",
    ]);
  });

  it("follows chat sessions, class fields and require(), and a request object's own generationConfig wins", async () => {
    const src = `const { GoogleGenerativeAI } = require('@google/generative-ai');

class Tutor {
  constructor() {
    this.genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY);
    this.model = this.genAI.getGenerativeModel({ model: 'gemini-1.5-pro', systemInstruction: 'You are a patient maths tutor.' });
  }
  async reply(history, message) {
    const chat = this.model.startChat({ history });
    const result = await chat.sendMessage(message);
    return result.response.text();
  }
  async summarize(doc) {
    const { response } = await this.model.generateContent({ contents: [{ role: 'user', parts: [{ text: doc }] }], generationConfig: { maxOutputTokens: 200 } });
    return { text: response.text(), tokens: response.usageMetadata };
  }
}
module.exports = { Tutor };
`;
    const { facts } = await lint({ 'src/tutor.js': src }, 'src/tutor.js');
    assert.deepEqual(facts.callSites.map((s) => [s.method, s.model.value, s.maxOutputTokens, s.usage]), [
      ['sendMessage', 'gemini-1.5-pro', null, 'discarded'],
      ['generateContent', 'gemini-1.5-pro', 200, 'read'],
    ]);
    // The model object's system instruction, written in this file, is part of every request.
    const system = facts.callSites[0].prompt.find((p) => p.role === 'system');
    assert.deepEqual(system?.segments.map((s) => s.kind === 'static' && s.text), ['You are a patient maths tutor.']);
  });

  it('reads the usage of a stream through its awaited response, or its chunks', async () => {
    const src = `import { GoogleGenerativeAI } from '@google/generative-ai';

const model = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!).getGenerativeModel({ model: 'gemini-1.5-flash' });

export async function streamed(prompt: string) {
  const result = await model.generateContentStream(prompt);
  let text = '';
  for await (const chunk of result.stream) text += chunk.text();
  const response = await result.response;
  console.log(response.usageMetadata);
  return text;
}

export async function chunks(prompt: string) {
  const result = await model.generateContentStream([prompt]);
  for await (const chunk of result.stream) if (chunk.usageMetadata) record(chunk.usageMetadata);
}

export async function dropped(prompt: string) {
  const result = await model.generateContentStream(prompt);
  for await (const chunk of result.stream) process.stdout.write(chunk.text());
}

declare function record(u: unknown): void;
`;
    const { facts } = await lint({ 'src/stream.ts': src }, 'src/stream.ts');
    assert.deepEqual(facts.callSites.map((s) => [s.method, s.streaming, s.usage]), [
      ['generateContentStream', true, 'read'],
      ['generateContentStream', true, 'read'],
      ['generateContentStream', true, 'discarded'],
    ]);
  });

  it('leaves alone generateContent and sendMessage on other objects', async () => {
    const src = `import { GoogleGenAI } from '@google/genai';
import TelegramBot from 'node-telegram-bot-api';

const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY, httpOptions: { timeout: 30_000 } });
const bot = new TelegramBot(process.env.TOKEN!);
const model = { generateContent: async (p: string) => p };

export async function run(chatId: number, text: string) {
  await bot.sendMessage(chatId, text);
  await model.generateContent(text);
  const res = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: text });
  return res.usageMetadata;
}
`;
    const { facts } = await lint({ 'src/bot.ts': src }, 'src/bot.ts');
    assert.deepEqual(facts.callSites.map((s) => [s.sdk, s.method]), [['google-genai', 'models.generateContent']]);
  });
});
