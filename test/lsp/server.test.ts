// End-to-end tests of the real language server bundle (dist/server.js, built by `npm run build`) over stdio.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  IPCMessageReader,
  IPCMessageWriter,
  createProtocolConnection,
  type CodeAction,
  type CodeLens,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { FILE_ERROR_CODE, FIX_ALL_KIND } from '../../server/src/protocol/protocol';
import { SERVER, TestClient, pullCapabilities, pushCapabilities, tempWorkspace } from './fixtures/lsp-client';

function codeActions(c: TestClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } }) as Promise<CodeAction[]>;
}

async function hoverText(c: TestClient, uri: string, needle: string, delta = 1): Promise<string | null> {
  const doc = c.documents.get(uri)!;
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} not in document`);
  const hover = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: doc.positionAt(at + delta) })) as Hover | null;
  return hover ? (hover.contents as MarkupContent).value : null;
}

/** Diagnostics of one rule on a 0-based line. */
const on = (ds: Diagnostic[], rule: string, line: number) => ds.filter((d) => d.code === rule && d.range.start.line === line);

before(() => {
  assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`);
});

describe('dist/server.js with a pull client', () => {
  let root: string;
  let c: TestClient;

  before(async () => {
    root = tempWorkspace();
    c = await TestClient.start({ capabilities: pullCapabilities, root });
  });
  after(() => {
    c?.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('initialize returns the server capabilities', () => {
    const caps = c.init.capabilities;
    assert.equal(caps.textDocumentSync && typeof caps.textDocumentSync === 'object' ? caps.textDocumentSync.change : undefined, 2);
    assert.ok(caps.diagnosticProvider);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false });
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.codeLensProvider);
  });

  test('pulled diagnostics: missing-timeout on the client, with code, docs link, source and data', async () => {
    const uri = await c.open('app.ts');
    const ds = await c.pull(uri);
    const [timeout] = on(ds, 'missing-timeout', 3);
    assert.ok(timeout, `missing-timeout on line 4; got ${ds.map((d) => d.code).join(', ')}`);
    assert.equal(timeout.source, 'llm-infra-lint');
    assert.equal(timeout.codeDescription?.href, 'https://github.com/llm-infra-lint/llm-infra-lint/blob/main/docs/rules/missing-timeout.md');
    assert.equal(c.text(uri).slice(c.documents.get(uri)!.offsetAt(timeout.range.start), c.documents.get(uri)!.offsetAt(timeout.range.end)), 'OpenAI');
    const data = timeout.data as { ruleId: string; version: number; suppressLine: number; fix?: { title: string } };
    assert.equal(data.ruleId, 'missing-timeout');
    assert.equal(data.version, 1);
    assert.equal(data.suppressLine, 3);
    assert.ok(data.fix?.title);
    assert.ok(ds.every((d) => d.source === 'llm-infra-lint' && typeof d.code === 'string'));
  });

  test('the missing-timeout quick fix applies and the diagnostic is gone after re-lint', async () => {
    const uri = c.uri('app.ts');
    const ds = await c.pull(uri);
    const actions = await codeActions(c, uri, on(ds, 'missing-timeout', 3));
    const fix = actions.find((a) => a.kind === 'quickfix' && a.title.endsWith('(missing-timeout)'));
    assert.ok(fix?.edit, `a fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(actions.some((a) => a.title === 'Show documentation for missing-timeout' && a.command?.command === 'llmInfraLint.showDocumentation'));
    await c.syncEdits(c.applyEdit(fix.edit));
    assert.match(c.text(uri), /new OpenAI\(\{ timeout: /);
    assert.deepEqual(on(await c.pull(uri), 'missing-timeout', 3), []);
  });

  test('"Disable <rule> for this line" inserts a directive above the line and silences the rule', async () => {
    const uri = c.uri('app.ts');
    const ds = await c.pull(uri);
    const target = on(ds, 'hardcoded-model', 7);
    assert.equal(target.length, 1);
    const disable = (await codeActions(c, uri, target)).find((a) => a.title === 'Disable hardcoded-model for this line');
    assert.ok(disable?.edit);
    await c.syncEdits(c.applyEdit(disable.edit));
    assert.equal(c.text(uri).split('\n')[7], '    // llm-infra-lint-disable-next-line hardcoded-model');
    assert.deepEqual((await c.pull(uri)).filter((d) => d.code === 'hardcoded-model'), []);
  });

  test('typing that moves no finding is answered "unchanged", and the kept diagnostics still get working fixes', async () => {
    const text = [
      "import OpenAI from 'openai';",
      '',
      'const client = new OpenAI();',
      '// Notes for the on-call engineer.',
      'export async function ask(q: string) {',
      "  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });",
      '  return r.choices[0].message.content;',
      '}',
      '',
    ].join('\n');
    const uri = await c.open('typing.ts', text);
    const first = await c.pull(uri);
    assert.equal(c.lastReportKind.get(uri), 'full');
    assert.ok(on(first, 'missing-timeout', 2).length === 1, `missing-timeout on line 3; got ${first.map((d) => d.code).join(', ')}`);
    // A character typed in the comment shifts the offsets of every later fix, but no finding moves or changes.
    await c.edit(uri, text.indexOf('on-call'), 0, 'x');
    const kept = await c.pull(uri);
    assert.equal(c.lastReportKind.get(uri), 'unchanged');
    assert.deepEqual(kept, first);
    // The kept diagnostics carry the first version's data: their fix is found again in the current text.
    const actions = await codeActions(c, uri, on(kept, 'missing-timeout', 2));
    const fix = actions.find((a) => a.title.endsWith('(missing-timeout)'));
    assert.ok(fix?.edit, `a fix among ${actions.map((a) => a.title).join(' | ')}`);
    await c.syncEdits(c.applyEdit(fix.edit));
    assert.match(c.text(uri), /^const client = new OpenAI\(\{ timeout: 120_000 \}\);$/m);
    assert.match(c.text(uri), /x?on-call/);
    // The fix removed a finding: a full report without it.
    const after = await c.pull(uri);
    assert.equal(c.lastReportKind.get(uri), 'full');
    assert.deepEqual(on(after, 'missing-timeout', 2), []);
    // A new line above the call moves its findings: a full report with them one line down.
    await c.edit(uri, c.text(uri).indexOf('// Notes'), 0, '\n');
    const moved = await c.pull(uri);
    assert.equal(c.lastReportKind.get(uri), 'full');
    assert.ok(moved.some((d) => d.code === 'hardcoded-model' && d.range.start.line === 6));
    // A client that sends no result id always gets the full report.
    await c.pull(uri, { previousResultId: false });
    assert.equal(c.lastReportKind.get(uri), 'full');
  });

  test('source.fixAll.llm-infra-lint applies the safe fixes and leaves the rest', async () => {
    const uri = await c.open('stream.ts');
    const before = await c.pull(uri);
    assert.equal(before.filter((d) => d.code === 'stream-without-usage').length, 1);
    const actions = await codeActions(c, uri, [], [FIX_ALL_KIND]);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, 'Fix all safe llm-infra-lint problems');
    await c.syncEdits(c.applyEdit(actions[0].edit!));
    assert.match(c.text(uri), /include_usage: true/);
    const after = await c.pull(uri);
    assert.deepEqual(after.filter((d) => d.code === 'stream-without-usage'), []);
    assert.ok(after.some((d) => d.code === 'hardcoded-model'), 'unsafe fixes are not applied');
    assert.deepEqual(await codeActions(c, uri, [], [FIX_ALL_KIND]), []);
  });

  test('hover on a call shows its token and cost estimate; hover on the prompt string shows its tokens', async () => {
    const uri = c.uri('app.ts');
    const call = await hoverText(c, uri, 'create');
    assert.ok(call);
    assert.match(call, /\| Model \| `gpt-4o` \|/);
    assert.match(call, /\| Static input \| \d+ tokens · o200k_base \|/);
    assert.match(call, /\| Dynamic input \| user: `[^`]*req\.text\(\)`/);
    assert.match(call, /\| Per 1,000 calls \| \$[\d.,]+ input \(prices as of \d{4}-\d{2}-\d{2}\) \|/);
    const prompt = await hoverText(c, uri, 'helpful assistant');
    assert.match(prompt ?? '', /^\*\*Prompt text\*\* \(system\) · \d+ tokens · o200k_base/);
    const constant = await c.open('constant-prompt.ts');
    const [atUse, atDefinition] = [await hoverText(c, constant, 'SYSTEM_PROMPT }'), await hoverText(c, constant, 'invoices')];
    assert.match(atUse ?? '', /^\*\*Prompt text\*\* \(system\) · (\d+) tokens/);
    assert.equal(atDefinition, atUse, 'the constant shows the same count where it is defined');
  });

  test('a code lens on each call shows tokens and cost per 1,000 calls', async () => {
    const lenses = (await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: c.uri('app.ts') } })) as CodeLens[];
    assert.equal(lenses.length, 1);
    assert.match(lenses[0].command!.title, /^≈ \d+ input tokens \(\+ dynamic\) · \$[\d.,]+ \/ 1k calls$/);
    // A prompt built entirely at run time has no known cost, not a zero one.
    const dynamicOnly = await c.open('dynamic-only.ts', "import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 30_000 });\nexport const ask = (q: string) => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n");
    const [lens] = (await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: dynamicOnly } })) as CodeLens[];
    assert.equal(lens?.command?.title, '≈ 0 input tokens (+ dynamic) · dynamic input not priced');
  });

  test('llm-infra-lint/workspaceReport answers with markdown and the call sites', async () => {
    const report = (await c.conn.sendRequest('llm-infra-lint/workspaceReport', { format: 'markdown' })) as {
      markdown: string;
      json: { callSites: Array<{ path: string; model: string | null; staticInputTokens: number }> };
    };
    assert.match(report.markdown, /gpt-4o/);
    const app = report.json.callSites.find((s) => s.path === 'app.ts');
    assert.equal(app?.model, 'gpt-4o');
    const call = await hoverText(c, c.uri('app.ts'), 'create');
    assert.match(call ?? '', new RegExp(`\\| Static input \\| ${app!.staticInputTokens.toLocaleString('en-US')} tokens`), 'hover and report agree');
  });

  test('binary and huge documents get one note and the server keeps serving', async () => {
    const binary = await c.open('blob.ts', 'export const a = 1;\u0000\u0007'.repeat(50));
    const bds = await c.pull(binary);
    assert.equal(bds.length, 1);
    assert.equal(bds[0].code, FILE_ERROR_CODE);
    assert.equal(bds[0].severity, 3);
    const huge = await c.open('huge.ts', `export const s = '${'a'.repeat(3 * 1024 * 1024)}';\n`);
    const hds = await c.pull(huge);
    assert.equal(hds.length, 1);
    assert.equal(hds[0].code, FILE_ERROR_CODE);
    assert.ok((await c.pull(c.uri('app.ts'))).length > 0, 'still serving');
  });

  test('half-typed code: one Information note on the first line, and the findings that could be made', async () => {
    const uri = await c.open('half.ts', "import OpenAI from 'openai';\nconst client = new OpenAI({ timeout: 1 });\nexport async function f() {\n  await client.chat.completions.create({ model: 'gpt-4o', messages: [\n");
    const ds = await c.pull(uri);
    const notes = ds.filter((d) => d.code === FILE_ERROR_CODE);
    assert.equal(notes.length, 1);
    assert.equal(notes[0].severity, 3);
    assert.equal(notes[0].range.start.line, 0);
    assert.match(String(notes[0].message), /Syntax error/);
    assert.ok(ds.some((d) => d.code === 'hardcoded-model'));
  });

  test('shutdown and exit end the process cleanly', async () => {
    assert.equal(await c.stop(), 0);
  });
});

describe('dist/server.js with a push-only client', () => {
  let root: string;
  let c: TestClient;

  before(async () => {
    root = tempWorkspace();
    c = await TestClient.start({ capabilities: pushCapabilities, root });
  });
  after(() => {
    c?.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('diagnostics are published (no diagnosticProvider)', async () => {
    assert.equal(c.init.capabilities.diagnosticProvider, undefined);
    const uri = await c.open('app.ts');
    const ds = await c.pushed(uri, 1);
    assert.equal(on(ds, 'missing-timeout', 3).length, 1);
    assert.ok(ds.every((d) => d.source === 'llm-infra-lint' && d.codeDescription?.href && d.data));
  });

  test('a burst of 200 edits leaves the server up and the final diagnostics match the final text', async () => {
    const uri = c.uri('app.ts');
    const original = c.text(uri);
    for (let i = 0; i < 200; i++) {
      const at = c.text(uri).indexOf('new OpenAI(') + 'new OpenAI('.length;
      // Type and delete a brace 99 times, then type the option in two keystrokes.
      if (i === 198) await c.edit(uri, at, 0, '{ timeout: 20_000');
      else if (i === 199) await c.edit(uri, at + '{ timeout: 20_000'.length, 0, ' }');
      else if (i % 2 === 0) await c.edit(uri, at, 0, '{');
      else await c.edit(uri, at, 1, '');
    }
    assert.equal(c.text(uri), original.replace('new OpenAI()', 'new OpenAI({ timeout: 20_000 })'));
    const ds = await c.pushed(uri, 201);
    assert.deepEqual(on(ds, 'missing-timeout', 3), []);
    assert.ok(ds.some((d) => d.code === 'untraced-llm-call'));
    // The server still answers requests.
    assert.ok(await hoverText(c, uri, 'create'));
  });
});

describe('dist/server.js with a malformed .llm-infra-lint.json', () => {
  let root: string;
  let c: TestClient;

  before(async () => {
    root = tempWorkspace();
    fs.writeFileSync(path.join(root, '.llm-infra-lint.json'), '{ "rules": { "missing-timeout": "off", }, oops }');
    c = await TestClient.start({ capabilities: pullCapabilities, root });
  });
  after(() => {
    c?.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('one clear error on the config file, and the defaults apply', async () => {
    const errors = await c.waitFor('config diagnostics', () => c.published.get(c.uri('.llm-infra-lint.json'))?.diagnostics);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0].message), /^Invalid JSON in config \(\w+\); using defaults$/);
    const ds = await c.pull(await c.open('app.ts'));
    assert.equal(on(ds, 'missing-timeout', 3).length, 1, 'the rule stays on: defaults');
    assert.equal(await c.stop(), 0);
  });
});

describe('dist/server.js over node IPC (how VS Code starts it)', () => {
  test('initialize, shutdown and exit', async () => {
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const conn = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      conn.onRequest('client/registerCapability', () => null);
      conn.listen();
      const init = (await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as InitializeResult;
      assert.equal(init.serverInfo?.name, 'llm-infra-lint');
      assert.equal(init.capabilities.diagnosticProvider, undefined, 'a client without pull support gets push diagnostics');
      await conn.sendNotification('initialized', {});
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      conn.dispose();
      child.kill('SIGKILL');
    }
  });
});
