// LSP mechanics against a server with fake rules (test/lsp/fixtures/fake-server.ts): fixes that create and edit other
// files, fix-all conflicts, stale `data`, suppression comments, settings, config errors and file watching.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CodeLens, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { FILE_ERROR_CODE, FIX_ALL_KIND, type StatusParams } from '../../server/src/protocol/protocol';
import { TestClient, pullCapabilities, pushCapabilities, tempWorkspace } from './fixtures/lsp-client';

const FAKE = [process.execPath, '--import', 'tsx', 'test/lsp/fixtures/fake-server.ts', '--stdio'];

function codeActions(c: TestClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } }) as Promise<CodeAction[]>;
}

function hover(c: TestClient, uri: string, needle: string, delta = 1): Promise<Hover | null> {
  const doc = c.documents.get(uri)!;
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} not in document`);
  return c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: doc.positionAt(at + delta) }) as Promise<Hover | null>;
}

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).sort();

describe('language server mechanics (fake rules, pull client)', () => {
  let root: string;
  let c: TestClient;

  before(async () => {
    root = tempWorkspace();
    c = await TestClient.start({ command: FAKE, capabilities: pullCapabilities, root });
  });
  after(() => {
    c?.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('initialize advertises pull diagnostics, code actions with fix-all, hover, code lens and the docs command', () => {
    const caps = c.init.capabilities;
    assert.deepEqual(caps.diagnosticProvider, { identifier: 'llm-infra-lint', interFileDependencies: true, workspaceDiagnostics: false });
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false });
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.codeLensProvider);
    assert.deepEqual(caps.executeCommandProvider?.commands, ['llmInfraLint.showDocumentation']);
    assert.equal(c.init.serverInfo?.name, 'llm-infra-lint');
  });

  test('pull diagnostics carry code, docs link, source, severity and stateless data', async () => {
    const uri = await c.open('app.ts');
    const ds = await c.pull(uri);
    assert.deepEqual(codes(ds), ['fake-model', 'fake-timeout']);
    const timeout = ds.find((d) => d.code === 'fake-timeout')!;
    assert.equal(timeout.source, 'llm-infra-lint');
    assert.equal(timeout.severity, 2);
    assert.match(timeout.codeDescription!.href, /docs\/rules\/fake-timeout\.md$/);
    assert.deepEqual(timeout.range, { start: { line: 6, character: 42 }, end: { line: 6, character: 48 } });
    const data = timeout.data as { ruleId: string; version: number; suppressLine: number; fix: { safety: string } };
    assert.equal(data.ruleId, 'fake-timeout');
    assert.equal(data.version, 1);
    assert.equal(data.suppressLine, 6);
    assert.equal(data.fix.safety, 'safe');
    assert.equal(ds.find((d) => d.code === 'fake-model')!.severity, 3, 'info maps to Information');
  });

  test('a quick fix applies and its diagnostic is gone after re-lint; unsafe fixes are not preferred', async () => {
    const uri = c.uri('app.ts');
    const ds = await c.pull(uri);
    const actions = await codeActions(c, uri, ds);
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles, [
      'Add a timeout (fake-timeout)',
      'Use a model alias (fake-model)',
      'Disable fake-timeout for this line',
      'Disable fake-model for this line',
      'Show documentation for fake-timeout',
      'Show documentation for fake-model',
      'Fix all safe llm-infra-lint problems',
    ]);
    assert.equal(actions[0].isPreferred, true);
    assert.equal(actions[1].isPreferred, false);
    assert.equal(actions[0].kind, 'quickfix');
    await c.syncEdits(c.applyEdit(actions[0].edit!));
    assert.match(c.text(uri), /create\(\{ timeout: 30_000,/);
    assert.deepEqual(codes(await c.pull(uri)), ['fake-model']);
  });

  test('stale data (the document changed since the diagnostic) gives no edits, only documentation', async () => {
    const uri = c.uri('app.ts');
    const ds = await c.pull(uri);
    await c.edit(uri, 0, 0, '\n');
    const actions = await codeActions(c, uri, ds);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Show documentation for fake-model'],
    );
  });

  test('a diagnostic from before an edit, moved by the editor with the text, gets the fix for the current text', async () => {
    const uri = await c.open('moved.ts', "await client.create({ model: 'gpt-4o' });\n");
    const ds = await c.pull(uri);
    await c.edit(uri, 0, 0, '// note\n');
    // Editors keep markers on their text as it moves: the same diagnostic, one line down, with its old `data`.
    const moved = ds.map((d) => ({ ...d, range: { start: { ...d.range.start, line: d.range.start.line + 1 }, end: { ...d.range.end, line: d.range.end.line + 1 } } }));
    const actions = await codeActions(c, uri, moved);
    const fix = actions.find((a) => a.title === 'Add a timeout (fake-timeout)');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    await c.syncEdits(c.applyEdit(fix.edit!));
    assert.match(c.text(uri), /^\/\/ note\nawait client\.create\(\{ timeout: 30_000, model: 'gpt-4o' \}\);/);
  });

  test('a client that drops `data` still gets the fix, found again by rule and position', async () => {
    const uri = await c.open('nodata.ts', "await client.create({ model: 'gpt-4o' });\n");
    const ds = (await c.pull(uri)).map(({ data: _data, ...rest }) => rest);
    const titles = (await codeActions(c, uri, ds)).map((a) => a.title);
    assert.ok(titles.includes('Add a timeout (fake-timeout)'), titles.join(' | '));
    assert.ok(titles.includes('Disable fake-model for this line'));
  });

  test('"Disable for this line" inserts an indented directive, and a second rule joins the same comment', async () => {
    const uri = await c.open('twice.ts', "export async function f() {\n  await client.create({ model: 'gpt-4o', messages: [] });\n}\n");
    let ds = await c.pull(uri);
    assert.deepEqual(codes(ds), ['fake-model', 'fake-timeout']);
    let disable = (await codeActions(c, uri, ds)).find((a) => a.title === 'Disable fake-timeout for this line')!;
    await c.syncEdits(c.applyEdit(disable.edit!));
    assert.equal(c.text(uri).split('\n')[1], '  // llm-infra-lint-disable-next-line fake-timeout');
    ds = await c.pull(uri);
    assert.deepEqual(codes(ds), ['fake-model']);
    disable = (await codeActions(c, uri, ds)).find((a) => a.title === 'Disable fake-model for this line')!;
    await c.syncEdits(c.applyEdit(disable.edit!));
    assert.equal(c.text(uri).split('\n')[1], '  // llm-infra-lint-disable-next-line fake-timeout fake-model');
    assert.deepEqual(await c.pull(uri), []);
  });

  test('Python gets # directives and its own fix syntax', async () => {
    const uri = await c.open('worker.py');
    const ds = await c.pull(uri);
    assert.deepEqual(codes(ds), ['fake-timeout']);
    const actions = await codeActions(c, uri, ds);
    const disable = actions.find((a) => a.title === 'Disable fake-timeout for this line')!;
    const before = c.text(uri);
    c.applyEdit(disable.edit!);
    assert.match(c.text(uri), /\n {4}# llm-infra-lint-disable-next-line fake-timeout\n {4}return client\.chat/);
    // Undo and take the fix instead.
    await c.change(uri, before);
    const fix = (await codeActions(c, uri, await c.pull(uri)))[0];
    await c.syncEdits(c.applyEdit(fix.edit!));
    assert.match(c.text(uri), /create\(timeout=30, /);
    assert.deepEqual(await c.pull(uri), []);
  });

  test('fix-all applies every safe fix, creates .env.example, and leaves unsafe fixes', async () => {
    const uri = await c.open('gateway.ts');
    assert.deepEqual(codes(await c.pull(uri)), ['fake-endpoint', 'fake-model', 'fake-timeout']);
    const [fixAll] = await codeActions(c, uri, [], [FIX_ALL_KIND]);
    assert.equal(fixAll.title, 'Fix all safe llm-infra-lint problems');
    assert.equal(fixAll.kind, FIX_ALL_KIND);
    await c.syncEdits(c.applyEdit(fixAll.edit!));
    assert.match(c.text(uri), /baseURL: process\.env\.OPENAI_BASE_URL/);
    assert.match(c.text(uri), /create\(\{ timeout: 30_000, model/);
    assert.equal(fs.readFileSync(path.join(root, '.env.example'), 'utf8'), 'OPENAI_BASE_URL=\n');
    assert.deepEqual(codes(await c.pull(uri)), ['fake-model']);
    assert.deepEqual(await codeActions(c, uri, [], ['source.fixAll']), [], 'nothing left to fix');
  });

  test('a file created on disk (didChangeWatchedFiles) is seen by fixes that edit other files', async () => {
    const uri = await c.open('gateway2.ts', "export const g = new OpenAI({ baseURL: 'https://api.openai.com/v1' });\n");
    const refreshes = c.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length;
    fs.writeFileSync(path.join(root, '.env.example'), 'OPENAI_BASE_URL=\nOTHER=1\n');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('.env.example'), type: 2 }] });
    await c.waitFor('diagnostic refresh', () => c.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length > refreshes);
    const ds = await c.pull(uri);
    const fix = (await codeActions(c, uri, ds)).find((a) => a.title.startsWith('Read the base URL'))!;
    c.applyEdit(fix.edit!);
    assert.equal(fs.readFileSync(path.join(root, '.env.example'), 'utf8'), 'OPENAI_BASE_URL=\nOTHER=1\nOPENAI_BASE_URL=\n');
    const related = ds[0].relatedInformation?.[0];
    assert.equal(related?.message, 'provider URL');
  });

  test('"Show documentation" runs a command that the server answers with window/showDocument', async () => {
    const uri = c.uri('app.ts');
    const docs = (await codeActions(c, uri, await c.pull(uri))).find((a) => a.title === 'Show documentation for fake-model')!;
    assert.equal(docs.command?.command, 'llmInfraLint.showDocumentation');
    await c.conn.sendRequest('workspace/executeCommand', { command: docs.command!.command, arguments: docs.command!.arguments });
    const shown = await c.waitFor('showDocument', () => c.requests.find((r) => r.method === 'window/showDocument'));
    assert.deepEqual(shown.params, { uri: docs.command!.arguments![0], external: true });
  });

  test('hover shows call estimates, prompt string tokens and suppression summaries', async () => {
    const uri = await c.open('hover.ts', [
      '// llm-infra-lint-disable-next-line fake-model',
      "const r = await client.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'You are a terse assistant.' }] });",
      '',
    ].join('\n'));
    const call = (await hover(c, uri, 'create'))!;
    const text = (call.contents as MarkupContent).value;
    assert.equal((call.contents as MarkupContent).kind, 'markdown');
    assert.match(text, /\*\*LLM call\*\* `chat\.completions\.create`/);
    assert.match(text, /\| Model \| `gpt-4o` \|/);
    assert.match(text, /\| Static input \| \d+ tokens · o200k_base \|/);
    assert.match(text, /Per 1,000 calls \| \$/);
    assert.match(text, /Timeout \| not set/);
    const prompt = (await hover(c, uri, 'terse'))!;
    assert.match((prompt.contents as MarkupContent).value, /^\*\*Prompt text\*\* \(user\) · 6 tokens · o200k_base/);
    const suppression = (await hover(c, uri, 'fake-model', 2))!;
    assert.match((suppression.contents as MarkupContent).value, /\*\*fake-model\*\* \(routing, info\): Model literal at the call site/);
    assert.equal(await hover(c, uri, 'const r', 0), null);
  });

  test('code lens on each call: tokens, dynamic input and cost per 1,000 calls', async () => {
    const lenses = (await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: c.uri('app.ts') } })) as CodeLens[];
    assert.equal(lenses.length, 1);
    assert.match(lenses[0].command!.title, /^≈ \d+ input tokens \(\+ dynamic\) · \$[\d.]+ \/ 1k calls$/);
  });

  test('the workspace report answers with markdown and JSON', async () => {
    const report = (await c.conn.sendRequest('llm-infra-lint/workspaceReport', { format: 'json', callsPerDay: 5000 })) as { markdown: string; json: { callsPerDay: number; callSites: Array<{ path: string; model: string }> } };
    assert.match(report.markdown, /^# LLM token-cost report/);
    assert.equal(report.json.callsPerDay, 5000);
    assert.ok(report.json.callSites.some((s) => s.path === 'app.ts' && s.model === 'gpt-4o'));
  });

  test('status notifications carry the state, files known and findings', async () => {
    const status = await c.waitFor('ready status', () =>
      c.messages.filter((m) => m.method === 'llm-infra-lint/status').map((m) => m.params as StatusParams).find((p) => p.state === 'ready' && p.findings > 0),
    );
    assert.ok(status.filesScanned >= 4, `files: ${status.filesScanned}`);
    assert.equal(status.configErrors, 0);
  });

  test('a file that cannot be parsed gets one Information diagnostic at the top', async () => {
    const uri = await c.open('broken.ts', 'const x = @@parse-error@@;\n');
    const ds = await c.pull(uri);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].code, FILE_ERROR_CODE);
    assert.equal(ds[0].severity, 3);
    assert.equal(ds[0].range.start.line, 0);
  });

  test('binary and huge documents get a note, not a crash', async () => {
    const binary = await c.open('blob.ts', 'const a = 1;\u0000\u0001\u0002'.repeat(100));
    const bds = await c.pull(binary);
    assert.equal(bds.length, 1);
    assert.match(String(bds[0].message), /binary/);
    const huge = await c.open('huge.ts', `// ${'x'.repeat(3 * 1024 * 1024)}\n`);
    const hds = await c.pull(huge);
    assert.equal(hds.length, 1);
    assert.match(String(hds[0].message), /over the 2 MB limit/);
    assert.equal(await hover(c, huge, 'x'), null);
    assert.deepEqual(codes(await c.pull(c.uri('app.ts'))), ['fake-model'], 'still serving');
  });
});

describe('push client (Neovim 0.7 style)', () => {
  let root: string;
  let c: TestClient;

  before(async () => {
    root = tempWorkspace();
    c = await TestClient.start({ command: FAKE, capabilities: pushCapabilities, root });
  });
  after(() => {
    c?.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('no diagnosticProvider; diagnostics are published with the document version', async () => {
    assert.equal(c.init.capabilities.diagnosticProvider, undefined);
    const uri = await c.open('app.ts');
    const ds = await c.pushed(uri, 1);
    assert.deepEqual(codes(ds), ['fake-model', 'fake-timeout']);
    assert.ok(ds.every((d) => d.source === 'llm-infra-lint' && d.data));
  });

  test('200 rapid edits leave the server up and the last diagnostics match the last text', async () => {
    const uri = c.uri('app.ts');
    const doc = () => c.text(uri);
    for (let i = 0; i < 200; i++) {
      // Type and delete a character 99 times inside the call, then type an option in two keystrokes.
      const at = doc().indexOf('messages');
      if (i === 198) await c.edit(uri, at, 0, 'timeout');
      else if (i === 199) await c.edit(uri, at, 0, ': 1, ');
      else if (i % 2 === 0) await c.edit(uri, at, 0, 'x');
      else await c.edit(uri, at - 1, 1, '');
    }
    const final = c.version(uri);
    assert.equal(final, 201);
    assert.match(doc(), /create\(\{\n {4}model: 'gpt-4o',\n {4}timeout: 1, messages/);
    const ds = await c.pushed(uri, final);
    assert.deepEqual(codes(ds), ['fake-model']);
    const publishedVersions = c.published.get(uri)!.version;
    assert.equal(publishedVersions, final);
  });

  test('fixes use plain `changes` edits; fixes that need a new file are left out of fix-all', async () => {
    const uri = await c.open('gateway.ts');
    const ds = await c.pushed(uri, 1);
    assert.deepEqual(codes(ds), ['fake-endpoint', 'fake-model', 'fake-timeout']);
    const actions = await codeActions(c, uri, ds);
    assert.ok(!actions.some((a) => a.title.startsWith('Read the base URL')), 'cannot create .env.example without resource operations');
    const timeout = actions.find((a) => a.title === 'Add a timeout (fake-timeout)')!;
    assert.ok(timeout.edit?.changes?.[uri]);
    const [fixAll] = await codeActions(c, uri, [], [FIX_ALL_KIND]);
    c.applyEdit(fixAll.edit!);
    assert.match(c.text(uri), /timeout: 30_000/);
    assert.match(c.text(uri), /'https:\/\/api\.openai\.com\/v1'/);
  });
});

describe('editor settings', () => {
  let root: string;
  let c: TestClient;

  before(async () => {
    root = tempWorkspace();
    c = await TestClient.start({ command: FAKE, capabilities: pullCapabilities, root, settings: { enable: false } });
  });
  after(() => {
    c?.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('enable: false reports nothing; turning it on reports again after a refresh', async () => {
    const uri = await c.open('app.ts');
    assert.deepEqual(await c.pull(uri), []);
    c.settings = { enable: true };
    const refreshes = c.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor('diagnostic refresh', () => c.requests.filter((r) => r.method === 'workspace/diagnostic/refresh').length > refreshes);
    assert.deepEqual(codes(await c.pull(uri)), ['fake-model', 'fake-timeout']);
  });

  test('run: onSave keeps the last saved diagnostics until the next save', async () => {
    c.settings = { run: 'onSave' };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const uri = await c.open('save.ts', "await client.create({ model: 'gpt-4o' });\n");
    assert.deepEqual(codes(await c.pull(uri)), ['fake-model', 'fake-timeout']);
    await c.change(uri, "await client.create({ timeout: 1, model: 'gpt-4o' });\n");
    assert.deepEqual(codes(await c.pull(uri)), ['fake-model', 'fake-timeout'], 'unchanged before save');
    await c.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await c.waitFor('onSave diagnostics', async () => codes(await c.pull(uri)).join() === 'fake-model');
  });
});

describe('configuration file', () => {
  let root: string;
  let c: TestClient;

  before(async () => {
    root = tempWorkspace();
    fs.writeFileSync(path.join(root, '.llm-infra-lint.json'), '{ "rules": { "fake-model": "off" ');
    c = await TestClient.start({ command: FAKE, capabilities: pullCapabilities, root });
  });
  after(() => {
    c?.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('a malformed .llm-infra-lint.json gives one clear error and the defaults', async () => {
    const configUri = c.uri('.llm-infra-lint.json');
    const errors = await c.waitFor('config diagnostics', () => c.published.get(configUri)?.diagnostics);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0].message), /Invalid JSON in config .*; using defaults/);
    const shown = await c.waitFor('warning', () => c.messages.find((m) => m.method === 'window/showMessage'));
    assert.match((shown.params as { message: string }).message, /^llm-infra-lint: \.llm-infra-lint\.json: Invalid JSON in config/);
    assert.deepEqual(codes(await c.pull(await c.open('app.ts'))), ['fake-model', 'fake-timeout'], 'defaults: every rule on');
    assert.equal(c.messages.filter((m) => m.method === 'window/showMessage').length, 1, 'told once');
  });

  test('fixing the file (a watched-file change) clears the error and applies the rules', async () => {
    fs.writeFileSync(path.join(root, '.llm-infra-lint.json'), '{ "rules": { "fake-model": "off" } }');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('.llm-infra-lint.json'), type: 2 }] });
    await c.waitFor('config error cleared', () => c.published.get(c.uri('.llm-infra-lint.json'))?.diagnostics.length === 0);
    await c.waitFor('rule turned off', async () => codes(await c.pull(c.uri('app.ts'))).join() === 'fake-timeout');
  });

  test('shutdown and exit end the process with code 0', async () => {
    assert.equal(await c.stop(), 0);
  });
});

describe('parent process', () => {
  test('the server exits when the process named in initialize dies', async () => {
    const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const root = tempWorkspace();
    const c = await TestClient.start({ command: FAKE, capabilities: pushCapabilities, root, processId: parent.pid });
    try {
      parent.kill('SIGKILL');
      await c.waitFor('server exit', () => c.exitCode !== null, 10000);
    } finally {
      parent.kill('SIGKILL');
      c.kill();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('VS Code client options', () => {
  test('commands the client runs itself are not registered by the server', async () => {
    const root = tempWorkspace();
    const c = await TestClient.start({ command: FAKE, capabilities: pullCapabilities, root, initializationOptions: { clientCommands: ['llmInfraLint.showDocumentation'] } });
    try {
      assert.deepEqual(c.init.capabilities.executeCommandProvider?.commands, []);
    } finally {
      c.kill();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
