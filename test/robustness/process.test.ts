// The server process and its supervision: on stdio every byte the server writes to stdout is an LSP frame (logs go
// through the protocol, never raw), it survives garbage input, it exits when its parent dies (with or without a
// processId in initialize), and the extension restarts a crashed server with growing delays, then gives up and tells
// the user once.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection } from 'vscode-languageserver-protocol/node';
import { SERVER } from '../lsp/fixtures/lsp-client';
import { REPO } from './harness';
import { tempDir } from '../helpers/temp-dir';

const frame = (message: unknown) => {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
};

/** Splits stdout into LSP frames; throws on any byte that is not part of a well-formed frame. */
function parseFrames(out: Buffer): Array<Record<string, unknown>> {
  const messages: Array<Record<string, unknown>> = [];
  let at = 0;
  while (at < out.length) {
    const headerEnd = out.indexOf('\r\n\r\n', at, 'ascii');
    assert.ok(headerEnd > at, `stray bytes on stdout at ${at}: ${JSON.stringify(out.subarray(at, at + 200).toString('utf8'))}`);
    const headers = out.subarray(at, headerEnd).toString('ascii').split('\r\n');
    let length = -1;
    for (const h of headers) {
      const m = /^([A-Za-z-]+): (.+)$/.exec(h);
      assert.ok(m, `not an LSP header: ${JSON.stringify(h)}`);
      if (m[1].toLowerCase() === 'content-length') length = Number(m[2]);
      else assert.equal(m[1].toLowerCase(), 'content-type');
    }
    assert.ok(Number.isInteger(length) && length >= 0, `missing Content-Length in ${JSON.stringify(headers)}`);
    const start = headerEnd + 4;
    assert.ok(start + length <= out.length, 'truncated frame at the end of stdout');
    const message = JSON.parse(out.subarray(start, start + length).toString('utf8')) as Record<string, unknown>;
    assert.equal(message.jsonrpc, '2.0');
    messages.push(message);
    at = start + length;
  }
  return messages;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a process is gone (or a zombie nobody reaped yet). */
function gone(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

async function waitGone(pid: number, ms: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (gone(pid)) return Date.now() - t0;
    await wait(100);
  }
  return -1;
}

describe('the server on stdio', () => {
  let root: string;
  before(() => {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`);
    root = tempDir('lil-stdio-');
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src/app.ts'), "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const ask = (q: string) => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n");
    // Files the scan cannot analyse, so the server has something to log.
    fs.writeFileSync(path.join(root, 'src/huge.ts'), `export const data = "${'x'.repeat(3 * 1024 * 1024)}";\n`);
    fs.writeFileSync(path.join(root, 'src/binary.py'), Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0]));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes nothing but LSP frames to stdout, through garbage, bad requests and logging', { timeout: 60_000 }, async () => {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    proc.stdout!.on('data', (d: Buffer) => chunks.push(d));
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const rootUri = `file://${root}`;
    const appUri = `${rootUri}/src/app.ts`;
    const sends: Array<Buffer | string> = [
      frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'w' }], capabilities: { textDocument: { diagnostic: {} }, workspace: { workspaceFolders: true } }, trace: 'verbose' } }),
      frame({ jsonrpc: '2.0', method: 'initialized', params: {} }),
      frame({ jsonrpc: '2.0', method: '$/setTrace', params: { value: 'verbose' } }),
      'this is not a header\r\n\r\n',
      'Content-Length: 7\r\n\r\n{"a": [',
      frame({ jsonrpc: '2.0', id: 2, method: 'no/such/method', params: {} }),
      frame({ jsonrpc: '2.0', id: 3, method: 'textDocument/hover', params: null }),
      frame({ jsonrpc: '2.0', id: 4, method: 'textDocument/codeAction', params: { textDocument: { uri: appUri }, range: null, context: { diagnostics: 'not an array' } } }),
      frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: appUri, languageId: 'typescript', version: 1, text: fs.readFileSync(path.join(root, 'src/app.ts'), 'utf8') } } }),
      frame({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///never/opened.ts', version: 2 }, contentChanges: [{ text: 'x' }] } }),
      frame({ jsonrpc: '2.0', id: 5, method: 'textDocument/diagnostic', params: { textDocument: { uri: appUri } } }),
      frame({ jsonrpc: '2.0', id: 6, method: 'textDocument/hover', params: { textDocument: { uri: appUri }, position: { line: 99, character: -5 } } }),
      frame({ jsonrpc: '2.0', id: 7, method: 'textDocument/codeLens', params: { textDocument: { uri: appUri } } }),
      frame({ jsonrpc: '2.0', id: 8, method: 'workspace/executeCommand', params: { command: 'llmInfraLint.showDocumentation', arguments: [{}] } }),
      frame({ jsonrpc: '2.0', id: 9, method: 'llm-infra-lint/workspaceReport', params: { format: 'markdown' } }),
      frame({ jsonrpc: '2.0', id: 10, method: 'shutdown' }),
      frame({ jsonrpc: '2.0', method: 'exit' }),
    ];
    // Answer the server's own requests (configuration, registrations, progress) so it is not left waiting.
    const answered = new Set<unknown>();
    const answer = setInterval(() => {
      for (const m of safeFrames(Buffer.concat(chunks))) {
        if (m.id !== undefined && typeof m.method === 'string' && !answered.has(m.id)) {
          answered.add(m.id);
          proc.stdin!.write(frame({ jsonrpc: '2.0', id: m.id, result: m.method === 'workspace/configuration' ? [{}] : null }));
        }
      }
    }, 20);
    for (const s of sends) {
      proc.stdin!.write(s);
      await wait(s.toString().includes('"shutdown"') ? 1500 : 100);
    }
    const code = await new Promise<number | null>((resolve) => {
      if (proc.exitCode !== null) resolve(proc.exitCode);
      proc.on('exit', resolve);
      setTimeout(() => resolve(null), 10_000);
    });
    clearInterval(answer);
    if (code === null) proc.kill('SIGKILL');
    const messages = parseFrames(Buffer.concat(chunks));
    const byId = new Map(messages.filter((m) => m.id !== undefined && !('method' in m)).map((m) => [m.id, m]));
    for (const id of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) assert.ok(byId.has(id), `no response to request ${id}`);
    assert.ok(messages.some((m) => m.method === 'window/logMessage'), 'the server logged nothing through the protocol');
    assert.equal(code, 0, `exit code ${code}; stderr:\n${stderr.slice(-2000)}`);
  });

  it('exits when stdin closes', { timeout: 30_000 }, async () => {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'ignore', 'ignore'] });
    await wait(300);
    proc.stdin!.end();
    assert.ok((await waitGone(proc.pid!, 5_000)) >= 0, 'still running 5 s after stdin closed');
  });
});

/** Frames parsed so far, ignoring an incomplete last one. */
function safeFrames(out: Buffer): Array<Record<string, unknown>> {
  const messages: Array<Record<string, unknown>> = [];
  let at = 0;
  for (;;) {
    const headerEnd = out.indexOf('\r\n\r\n', at, 'ascii');
    if (headerEnd < 0) return messages;
    const length = Number(/Content-Length: (\d+)/i.exec(out.subarray(at, headerEnd).toString('ascii'))?.[1] ?? NaN);
    if (!Number.isFinite(length) || headerEnd + 4 + length > out.length) return messages;
    try {
      messages.push(JSON.parse(out.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')));
    } catch {
      // Not ours to judge here.
    }
    at = headerEnd + 4 + length;
  }
}

describe('the server exits when its parent dies', () => {
  // The parent starts the server on the test's own pipes (so they stay open when the parent dies) and reports its pid.
  const PARENT = `const { spawn } = require('node:child_process');
const s = spawn(process.execPath, [${JSON.stringify(SERVER)}, '--stdio'], { stdio: ['inherit', 'inherit', 'inherit'] });
process.send(s.pid);
setInterval(() => {}, 1000);`;

  for (const variant of ['with the parent as processId in initialize', 'without a processId (the server watches its parent pid)']) {
    it(variant, { timeout: 60_000 }, async () => {
      const parent: ChildProcess = spawn(process.execPath, ['-e', PARENT], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
      const serverPid = await new Promise<number>((resolve) => parent.once('message', (m) => resolve(Number(m))));
      const conn = createProtocolConnection(new StreamMessageReader(parent.stdout!), new StreamMessageWriter(parent.stdin!));
      conn.listen();
      try {
        const processId = variant.startsWith('with the parent') ? parent.pid! : null;
        const init = (await conn.sendRequest('initialize', { processId, rootUri: null, capabilities: {} })) as { capabilities: unknown };
        assert.ok(init.capabilities);
        parent.kill('SIGKILL');
        const ms = await waitGone(serverPid, 12_000);
        assert.ok(ms >= 0, `the server (pid ${serverPid}) still runs 12 s after its parent died`);
      } finally {
        conn.dispose();
        if (!gone(serverPid)) process.kill(serverPid, 'SIGKILL');
        parent.kill('SIGKILL');
      }
    });
  }
});

// ---------------------------------------------------------------------------
// The extension's crash handling, with VS Code stubbed (the handler only talks to VS Code through CrashUi).

type ExtensionModule = typeof import('../../client/src/extension');

function loadExtension(): ExtensionModule {
  const handler: ProxyHandler<object> = {
    get: (target, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => 0 : p in target ? (target as Record<PropertyKey, unknown>)[p] : stub()),
    apply: () => stub(),
    construct: () => stub() as object,
  };
  const stub = (): unknown => new Proxy(function () {}, handler);
  const vscode = stub();
  const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = mod._load;
  mod._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  try {
    return require(path.join(REPO, 'client/src/extension.ts')) as ExtensionModule;
  } finally {
    mod._load = load;
  }
}

describe('the extension restarts a crashed server with backoff and tells the user once', () => {
  let ext: ExtensionModule;
  before(() => (ext = loadExtension()));

  function harness(now: () => number) {
    const told: string[] = [];
    const slept: number[] = [];
    let stopping = false;
    const handler = ext.crashHandler(new ext.RestartPolicy(now), {
      log: () => undefined,
      tell: (m) => told.push(m),
      sleep: async (ms) => void slept.push(ms),
      stopping: () => stopping,
    });
    return { handler, told, slept, stop: () => (stopping = true) };
  }

  it('restarts up to 5 times in 5 minutes with growing delays, then stops and tells the user once', async () => {
    let t = 0;
    const h = harness(() => t);
    const actions: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await h.handler.closed();
      actions.push(r.action);
      assert.equal(r.handled, true, 'the client must not show its own message on top');
      t += 1000;
    }
    const { CloseAction } = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
    assert.deepEqual(actions.slice(0, 5), Array(5).fill(CloseAction.Restart));
    assert.deepEqual(actions.slice(5), Array(15).fill(CloseAction.DoNotRestart));
    assert.deepEqual(h.slept, [1000, 2000, 4000, 8000, 16000]);
    assert.equal(h.told.length, 1, 'told the user more than once');
    assert.match(h.told[0], /crashed 6 times .*Restart Server/);
  });

  it('crashes spread over more than the window keep being restarted', async () => {
    let t = 0;
    const h = harness(() => t);
    for (let i = 0; i < 30; i++) {
      const r = await h.handler.closed();
      assert.equal(r.action, 2 /* Restart */, `crash ${i + 1} was not restarted`);
      t += 70_000; // one crash every 70 s: never more than 5 in 5 minutes
    }
    assert.equal(h.told.length, 0);
  });

  it('after the user restarts the server, crashes count afresh and the message can show again', async () => {
    let t = 0;
    const h = harness(() => t);
    for (let i = 0; i < 8; i++) await h.handler.closed();
    h.handler.reset();
    t += 1000;
    assert.equal((await h.handler.closed()).action, 2);
    for (let i = 0; i < 8; i++) await h.handler.closed();
    assert.equal(h.told.length, 2);
  });

  it('connection errors: a few are tolerated, then the server is shut down with one message', async () => {
    const h = harness(() => 0);
    const err = new Error('write EPIPE');
    assert.equal((await h.handler.error(err, undefined, 1)).action, 1 /* Continue */);
    assert.equal((await h.handler.error(err, undefined, 3)).action, 1);
    assert.equal((await h.handler.error(err, undefined, 4)).action, 2 /* Shutdown */);
    assert.equal((await h.handler.error(err, undefined, 5)).action, 2);
    assert.equal(h.told.length, 1);
  });

  it('never restarts while the extension is being deactivated', async () => {
    const h = harness(() => 0);
    h.stop();
    assert.equal((await h.handler.closed()).action, 1 /* DoNotRestart */);
    assert.equal(h.told.length, 0);
  });
});
