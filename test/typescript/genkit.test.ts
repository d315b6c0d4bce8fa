// Firebase Genkit: `ai.generate(…)` / `ai.generateStream(…)` on a `genkit({…})` instance are call sites, with the
// model of the call or the instance default, and flows served by Firebase Functions or Express are request handlers.
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

const GOOGLE = `import { genkit } from 'genkit';
import { googleAI } from '@genkit-ai/googleai';

export const ai = genkit({ plugins: [googleAI()], model: 'googleai/gemini-2.0-flash' });
`;

describe('Genkit', () => {
  it('reads the call of an imported instance: its default model, prompt, output cap and streaming', async () => {
    const flow = `import { ai } from '@/ai/genkit';

export async function answer(history: { role: 'user' | 'model'; content: { text: string }[] }[], q: string) {
  const { text } = await ai.generate({ system: 'You answer briefly.', messages: history, prompt: q, config: { maxOutputTokens: 512 } });
  return text;
}

export function draft(topic: string) {
  return ai.generateStream(\`Draft a post about \${topic}\`);
}

export async function live(q: string) {
  return ai.generate({ prompt: q, onChunk: (c) => console.log(c.text) });
}
`;
    const { facts, rules } = await lint({ 'tsconfig.json': '{"compilerOptions":{"paths":{"@/*":["./src/*"]}}}', 'src/ai/genkit.ts': GOOGLE, 'src/ai/flows/answer.ts': flow }, 'src/ai/flows/answer.ts');
    assert.deepEqual(facts.callSites.map((s) => [s.sdk, s.method, s.provider, s.model.value, s.model.literal, s.streaming, s.maxOutputTokens]), [
      ['genkit', 'generate', 'google', 'gemini-2.0-flash', false, false, 512],
      ['genkit', 'generateStream', 'google', 'gemini-2.0-flash', false, true, null],
      ['genkit', 'generate', 'google', 'gemini-2.0-flash', false, true, null],
    ]);
    // The default is named in the other module: nothing to point at here.
    assert.equal(facts.callSites[0].model.span, undefined);
    assert.deepEqual(facts.callSites[0].prompt.map((p) => p.role), ['system', 'unknown', 'user']);
    assert.deepEqual(facts.callSites[1].prompt.map((p) => [p.role, p.segments.map((s) => s.kind)]), [['user', ['static', 'dynamic']]]);
    assert.equal(facts.callSites[1].args.hasSpread, false);
    for (const id of ['untraced-llm-call', 'usage-discarded', 'hardcoded-model', 'missing-timeout']) assert.deepEqual(rules(id), [], id);
  });

  it('names the model of the call: registry names, plugin references and constants; openai/ models take the plugin base URL', async () => {
    const groq = `import { genkit } from 'genkit';
import { openAI } from 'genkitx-openai';

export const ai = genkit({ plugins: [openAI({ apiKey: process.env.GROQ_API_KEY, baseURL: 'https://api.groq.com/openai/v1' })], model: 'openai/llama-3.3-70b-versatile' });
`;
    const flows = `import { gemini15Flash, googleAI } from '@genkit-ai/googleai';
import { ai } from './genkit';
import { ai as groqAi } from './groq';

export const a = () => ai.generate({ model: 'vertexai/gemini-2.5-pro', prompt: 'x' });
export const b = () => ai.generate({ model: googleAI.model('gemini-2.5-flash'), prompt: 'x' });
export const c = () => ai.generate({ model: gemini15Flash, prompt: 'x' });
export const d = () => groqAi.generate('x');
export const e = (m: string) => ai.generate({ model: m, prompt: 'x' });
`;
    const { facts } = await lint({ 'genkit.ts': GOOGLE, 'groq.ts': groq, 'flows.ts': flows }, 'flows.ts');
    assert.deepEqual(facts.callSites.map((s) => [s.provider, s.model.value, s.model.literal, s.model.routed ?? false]), [
      ['google', 'gemini-2.5-pro', true, true],
      ['google', 'gemini-2.5-flash', true, false],
      ['google', 'gemini-1.5-flash', true, false],
      ['groq', 'llama-3.3-70b-versatile', false, false],
      ['unknown', null, false, false],
    ]);
  });

  it('a plugin model reference written in the call gets the hardcoded-model fix; a registry name does not', async () => {
    const flow = `import { googleAI } from '@genkit-ai/googleai';
import { ai } from './genkit';

export const a = (q: string) => ai.generate({ model: googleAI.model('gemini-2.5-flash'), prompt: q });
`;
    const { rules } = await lint({ 'genkit.ts': GOOGLE, 'flow.ts': flow, 'package.json': '{"name":"app"}' }, 'flow.ts');
    assert.deepEqual(rules('hardcoded-model').map((f) => [f.message, f.fix?.edits.map((e) => e.newText)]), [
      ["Model 'gemini-2.5-flash' is hardcoded in the Genkit generate call, so switching or routing models needs a code change", ["process.env.GEMINI_MODEL ?? 'gemini-2.5-flash'"]],
    ]);
  });

  it('flows served by onCallGenkit, expressHandler or startFlowServer are request handlers', async () => {
    const flows = `import { ai } from './genkit';

export const oracleFlow = ai.defineFlow({ name: 'oracle' }, async (q: string) => (await ai.generate(q)).text);
export const chatFlow = ai.defineFlow({ name: 'chat' }, async (q: string) => (await ai.generate(q)).text);
export const jokeFlow = ai.defineFlow({ name: 'joke' }, async (q: string) => (await ai.generate(q)).text);
export const idleFlow = ai.defineFlow({ name: 'idle' }, async (q: string) => (await ai.generate(q)).text);
`;
    const functions = `import { onCallGenkit } from 'firebase-functions/https';
import { oracleFlow } from './flows';

export const oracle = onCallGenkit({ timeoutSeconds: 300 }, oracleFlow);
`;
    const server = `import express from 'express';
import { expressHandler, startFlowServer } from '@genkit-ai/express';
import { chatFlow, jokeFlow } from './flows';

const app = express();
app.post('/chat', expressHandler(chatFlow));
startFlowServer({ flows: [{ flow: jokeFlow }] });
`;
    const { facts } = await lint({ 'genkit.ts': GOOGLE, 'flows.ts': flows, 'index.ts': functions, 'server.ts': server }, 'flows.ts');
    assert.deepEqual(facts.callSites.map((s) => s.enclosingFunction?.requestPath ?? null), [
      'Genkit flow served by onCallGenkit in index.ts',
      'Genkit flow served by expressHandler in server.ts',
      'Genkit flow served by startFlowServer in server.ts',
      null,
    ]);
  });

  it('a generate of another object, or of a genkit() that is not the package, is no call site', async () => {
    const local = `export function genkit(o: { model: string }) { return { generate: async (r: { prompt: string }) => o.model + r.prompt }; }
`;
    const code = `import { genkit } from './local';

const kit = genkit({ model: 'draft' });
const builder = { generate: (o: { model: string }) => o.model };
export const a = () => kit.generate({ prompt: 'x' });
export const b = () => builder.generate({ model: 'gpt-4o' });
`;
    const { facts } = await lint({ 'local.ts': local, 'code.ts': code }, 'code.ts');
    assert.deepEqual(facts.callSites, []);
  });
  it('a defined prompt is a call site where it is defined: its template fields are dynamic, its runs elsewhere', async () => {
    // As Firebase Studio writes its flows (audit 203: 20Josy07/MediPortal).
    const flow = `import { ai } from '@/ai/genkit';

const prompt = ai.definePrompt({
  name: 'chatWithNotesPrompt',
  prompt: \`You answer questions from the notes.

{{{notesContent}}}

Question: "{{question}}"\`,
});

export const chatFlow = ai.defineFlow({ name: 'chatFlow' }, async (input: { notesContent: string; question: string }) => {
  const { output } = await prompt(input);
  return output;
});
`;
    const { facts } = await lint({ 'tsconfig.json': '{"compilerOptions":{"paths":{"@/*":["./src/*"]}}}', 'src/ai/genkit.ts': GOOGLE, 'src/ai/flows/chat.ts': flow }, 'src/ai/flows/chat.ts');
    assert.deepEqual(facts.callSites.map((s) => [s.sdk, s.method, s.provider, s.model.value, s.model.literal, s.streaming, s.agent, s.usage]), [
      ['genkit', 'definePrompt', 'google', 'gemini-2.0-flash', false, null, true, 'unknown'],
    ]);
    const segments = facts.callSites[0].prompt.flatMap((p) => p.segments.map((seg) => [seg.kind, seg.text.trim()]));
    assert.deepEqual(segments, [
      ['static', 'You answer questions from the notes.'],
      ['dynamic', '{{{notesContent}}}'],
      ['static', 'Question: "'],
      ['dynamic', '{{question}}'],
      ['static', '"'],
    ]);
  });
});
