// Request paths through the files of server frameworks beyond Next.js and Express (audit 199): a NestJS controller's
// route reaching the service that holds the client through another service (elopezwembii/lucas-teapoyo-v2), a
// SvelteKit endpoint importing `$lib/server/…` (JPTomorrow/microscriptllc-website-svelte), a Slack Bolt handler
// registered by name through a barrel (bstiawan/bolt) and discord.js command and event modules (ncashin/exclamation-bot).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

async function sitesOf(files: Record<string, string>, rel: string): Promise<Array<{ requestPath: string | null; runsOnce: string | null }>> {
  const { engine, root } = await engineFor(files);
  return engine.facts(path.join(root, rel))!.callSites.map((s) => ({ requestPath: s.enclosingFunction?.requestPath ?? null, runsOnce: s.enclosingFunction?.runsOnce ?? null }));
}

const llmService = `import { Injectable } from '@nestjs/common';
import OpenAI from 'openai';

@Injectable()
export class LlmService {
  private readonly client = new OpenAI();
  async ask(prompt: string) {
    const r = await this.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });
    return r.choices[0].message.content;
  }
}
`;

describe('NestJS: controller → service → service', () => {
  const controller = `import { Body, Controller, Post } from '@nestjs/common';
import { ChatService } from './chat.service';

@Controller('chat')
export class ChatController {
  constructor(private readonly chat: ChatService) {}
  @Post('ask')
  ask(@Body() body: { q: string }) { return this.chat.reply(body.q); }
}
`;
  const chatService = `import { Injectable } from '@nestjs/common';
import { LlmService } from './llm.service';

@Injectable()
export class ChatService {
  constructor(private readonly llm: LlmService) {}
  async reply(q: string) { return this.classify(q); }
  private async classify(q: string) { return this.llm.ask('Is this a greeting? ' + q); }
}
`;

  it('reaches the call two files away from the route', async () => {
    const [site] = await sitesOf({ 'chat.controller.ts': controller, 'chat.service.ts': chatService, 'llm.service.ts': llmService }, 'llm.service.ts');
    assert.equal(site.requestPath, 'called from classify in chat.service.ts (called from reply (called from ask in chat.controller.ts (NestJS route POST /chat/ask)))');
  });

  it('sees an edit to the controller from the file two imports away', async () => {
    const { engine, root } = await engineFor({ 'chat.controller.ts': controller, 'chat.service.ts': chatService, 'llm.service.ts': llmService });
    const llm = path.join(root, 'llm.service.ts');
    assert.match(engine.facts(llm)!.callSites[0].enclosingFunction?.requestPath ?? '', /NestJS route POST \/chat\/ask/);
    engine.setFile(path.join(root, 'chat.controller.ts'), controller.replace("@Post('ask')", "@Post('reply')"));
    assert.match(engine.facts(llm)!.callSites[0].enclosingFunction?.requestPath ?? '', /NestJS route POST \/chat\/reply/);
  });

  it('not without a route at the start, and not around an import cycle', async () => {
    const unrouted = controller.replace("@Post('ask')\n", '');
    assert.equal((await sitesOf({ 'chat.controller.ts': unrouted, 'chat.service.ts': chatService, 'llm.service.ts': llmService }, 'llm.service.ts'))[0].requestPath, null);
    // Two services importing each other: the question ends, with no route to find.
    const a = `import { B } from './b';\nexport class A { constructor(private readonly b: B) {}\n  go(q: string) { return this.b.go(q); } }\n`;
    const b = `import { A } from './a';\nimport { LlmService } from './llm.service';\nexport class B { constructor(private readonly a: A, private readonly llm: LlmService) {}\n  go(q: string) { return this.llm.ask(q); }\n  back(q: string) { return this.a.go(q); } }\n`;
    assert.equal((await sitesOf({ 'a.ts': a, 'b.ts': b, 'llm.service.ts': llmService }, 'llm.service.ts'))[0].requestPath, null);
  });
});

describe("SvelteKit's $lib alias", () => {
  const gpt = `import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function getMessage(q: string) {\n  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });\n}\n`;
  it('resolves to src/lib of the app, so the endpoint reaches the helper', async () => {
    const endpoint = `import { getMessage } from '$lib/server/gpt';\nexport const POST = async ({ request }: { request: Request }) => Response.json(await getMessage(await request.text()));\n`;
    const [site] = await sitesOf({ 'web/src/lib/server/gpt.ts': gpt, 'web/src/routes/api/chat/+server.ts': endpoint }, 'web/src/lib/server/gpt.ts');
    assert.equal(site.requestPath, 'called from POST in +server.ts (SvelteKit endpoint POST)');
  });

  it('not a $lib-like name of another package', async () => {
    const endpoint = `import { getMessage } from '$library/server/gpt';\nexport const POST = async ({ request }: { request: Request }) => Response.json(await getMessage(await request.text()));\n`;
    assert.equal((await sitesOf({ 'web/src/lib/server/gpt.ts': gpt, 'web/src/routes/api/chat/+server.ts': endpoint }, 'web/src/lib/server/gpt.ts'))[0].requestPath, null);
  });
});

describe('event handlers registered by name', () => {
  const api = `const OpenAI = require('openai');\nconst openai = new OpenAI();\nmodule.exports = {\n  completion: async (text) => {\n    const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });\n    return r.choices[0].message.content;\n  },\n};\n`;
  const mention = `const openai = require('../../api/openai');\nmodule.exports = {\n  appMention: async ({ event, say }) => { await say(await openai.completion(event.text)); },\n};\n`;
  const barrel = `const { appMention } = require('./appMention');\nmodule.exports = { appMention };\n`;

  it('a Slack Bolt event handler behind middleware, through a barrel, two files from the call', async () => {
    const app = `const { App } = require('@slack/bolt');\nconst event = require('./controller/event');\nconst auth = require('./middleware');\nconst app = new App({});\napp.event('app_mention', auth, event.appMention);\n`;
    const [site] = await sitesOf({ 'app.js': app, 'controller/event/index.js': barrel, 'controller/event/appMention.js': mention, 'api/openai/index.js': api, 'middleware.js': '' }, 'api/openai/index.js');
    assert.equal(site.requestPath, 'called from appMention in appMention.js (event app_mention handler in app.js)');
  });

  it("not a client's own life: ready, error", async () => {
    const onReady = `const { greet } = require('./greet');\nconst client = makeClient();\nclient.on('ready', greet);\nclient.on('error', greet);\n`;
    const greet = `const OpenAI = require('openai');\nconst openai = new OpenAI();\nasync function greet() {\n  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hi' }] });\n}\nmodule.exports = { greet };\n`;
    assert.equal((await sitesOf({ 'bot.js': onReady, 'greet.js': greet }, 'greet.js'))[0].requestPath, null);
    const inline = `const OpenAI = require('openai');\nconst openai = new OpenAI();\nconst client = makeClient();\nclient.on('ready', async () => { await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hi' }] }); });\n`;
    assert.equal((await sitesOf({ 'bot.js': inline }, 'bot.js'))[0].requestPath, null);
  });
});

describe('discord.js command and event modules', () => {
  const call = `const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }); return r;`;
  const head = `import { SlashCommandBuilder, Events } from 'discord.js';\nimport OpenAI from 'openai';\nconst openai = new OpenAI();\n`;

  it('execute next to an exported command builder, or in an exported module object', async () => {
    const esm = `${head}export const data = new SlashCommandBuilder().setName('ping').setDescription('Pong');\nexport async function execute(interaction: unknown) { ${call} }\n`;
    assert.deepEqual(await sitesOf({ 'ping.ts': esm }, 'ping.ts'), [{ requestPath: 'discord.js command execute', runsOnce: null }]);
    const cjs = `const { SlashCommandBuilder } = require('discord.js');\nconst OpenAI = require('openai');\nconst openai = new OpenAI();\nmodule.exports = {\n  data: new SlashCommandBuilder().setName('ask'),\n  async execute(interaction) { ${call} },\n};\n`;
    assert.deepEqual(await sitesOf({ 'ask.js': cjs }, 'ask.js'), [{ requestPath: 'discord.js command execute', runsOnce: null }]);
    const event = `${head}export default {\n  name: Events.MessageCreate,\n  execute: async (message: unknown) => { ${call} },\n};\n`;
    assert.deepEqual(await sitesOf({ 'message.ts': event }, 'message.ts'), [{ requestPath: 'discord.js MessageCreate event handler', runsOnce: null }]);
  });

  it('run once: a once event or the ready event; nothing without discord.js or a builder', async () => {
    const once = `${head}export default { name: Events.MessageCreate, once: true, async execute() { ${call} } };\n`;
    assert.deepEqual(await sitesOf({ 'first.ts': once }, 'first.ts'), [{ requestPath: null, runsOnce: 'discord.js event module run once (once: true, or the ready event)' }]);
    const ready = `${head}export default { name: 'ready', async execute() { ${call} } };\n`;
    assert.equal((await sitesOf({ 'ready.ts': ready }, 'ready.ts'))[0].requestPath, null);
    const noBuilder = `${head}export const data = { name: 'ping' };\nexport async function execute() { ${call} }\n`;
    assert.equal((await sitesOf({ 'ping.ts': noBuilder }, 'ping.ts'))[0].requestPath, null);
    const notDiscord = `import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport default { name: 'messageCreate', async execute() { ${call} } };\n`;
    assert.equal((await sitesOf({ 'job.ts': notDiscord }, 'job.ts'))[0].requestPath, null);
  });
});

describe('queue job processors and socket messages', () => {
  const client = `import OpenAI from 'openai';\nconst openai = new OpenAI();\n`;
  const call = `openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })`;

  it('a BullMQ Worker processor, in place or by name (xXoM93aRXx/ai_marketer)', async () => {
    const inline = `const { Worker } = require('bullmq');\n${client}new Worker('chatQueue', async (job) => ${call}, { connection: {} });\n`;
    assert.equal((await sitesOf({ 'worker.js': inline }, 'worker.js'))[0].requestPath, 'BullMQ job processor (queue chatQueue)');
    const named = `import { Worker } from 'bullmq';\n${client}async function run() { return ${call}; }\nexport const w = new Worker('chat', run);\n`;
    assert.equal((await sitesOf({ 'worker.ts': named }, 'worker.ts'))[0].requestPath, 'BullMQ job processor (queue chat)');
  });

  it('a NestJS @Processor class: process() of a WorkerHost, @Process() methods with @nestjs/bull', async () => {
    const host = `import { Processor, WorkerHost } from '@nestjs/bullmq';\n${client}@Processor('ai')\nexport class AiProcessor extends WorkerHost {\n  async process() { return ${call}; }\n  async other() { return ${call}; }\n}\n`;
    assert.deepEqual((await sitesOf({ 'ai.processor.ts': host }, 'ai.processor.ts')).map((s) => s.requestPath), ['NestJS queue processor (queue ai)', null]);
    const bull = `import { Process, Processor } from '@nestjs/bull';\n${client}@Processor('openai')\nexport class OpenAIProcessor {\n  @Process({ name: 'official' })\n  handle() { return ${call}; }\n}\n`;
    assert.equal((await sitesOf({ 'openai.processor.ts': bull }, 'openai.processor.ts'))[0].requestPath, 'NestJS queue processor (queue openai)');
  });

  it("not another Worker: worker_threads, or a class of the app's own", async () => {
    const threads = `import { Worker } from 'node:worker_threads';\n${client}async function run() { return ${call}; }\nnew Worker('./w.js', run as never);\n`;
    assert.equal((await sitesOf({ 'main.ts': threads }, 'main.ts'))[0].requestPath, null);
    const own = `import { Processor } from './decorators';\n${client}@Processor('x')\nexport class P {\n  async process() { return ${call}; }\n}\n`;
    assert.equal((await sitesOf({ 'p.ts': own, 'decorators.ts': 'export const Processor = (q: string) => (c: unknown) => c;\n' }, 'p.ts'))[0].requestPath, null);
  });

  it('a ws message handler written in parentheses is the message handler, not the connection one (gerardoarzate/petcare)', async () => {
    const server = `const WebSockets = require('ws');\n${client}const wss = new WebSockets.Server({ port: 1 });\nwss.on('connection', (ws) => {\n  ws.on('message', (async (data) => { ws.send(await ${call}); }));\n});\n`;
    assert.equal((await sitesOf({ 'index.js': server }, 'index.js'))[0].requestPath, 'on message handler');
  });
});
