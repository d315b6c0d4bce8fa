// The extension in a real VS Code extension host, against a temp copy of examples/ (see ../workspace.ts).
// Expectations come from the example's code and from the CLI of the same build run over the same folder: the editor
// must show exactly what `llm-infra-lint check` finds, file by file, for every input kind the workspace holds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ruleDocsUrl } from '../../../../server/src/core/rule';
import { Commands, DIAGNOSTIC_SOURCE, FIX_ALL_KIND } from '../../../../server/src/protocol/protocol';
import { skip, suite, suiteSetup, test } from './harness';
import {
  EXTENSION_ID,
  cliCheck,
  codeActions,
  codeOf,
  diagKey,
  findingKey,
  hoverAt,
  open,
  ours,
  rangeOf,
  setText,
  sleep,
  targetOf,
  until,
  waitFor,
  waitForNoRule,
  waitForRule,
  workspaceFiles,
  workspaceRoot,
  type CliFinding,
} from './helpers';

const LLM = 'chat-service/src/lib/llm.ts';
const CHAT = 'chat-service/src/app/api/chat/route.ts';
const TITLE = 'chat-service/src/app/api/title/route.ts';
const SUMMARIZE = 'chat-service/src/app/api/summarize/route.ts';

/** Whether the extension was already active when the suite started (it must not be, unless the folder has a config). */
const activeAtStart = vscode.extensions.getExtension(EXTENSION_ID)?.isActive ?? false;

let cli: { findings: CliFinding[]; filesScanned: number };
const families = new Map<string, string>();

/** Diagnostics that are findings (not config or file errors), as comparable keys. */
function findingDiagnostics(uri: vscode.Uri): string[] {
  return ours(uri)
    .filter((d) => !codeOf(d).startsWith('llm-infra-lint/'))
    .map((d) => diagKey(codeOf(d), d.severity, d.range))
    .sort();
}

/** Opens a file and waits until its diagnostics are exactly the CLI's findings for it. */
async function assertMatchesCli(rel: string): Promise<vscode.Diagnostic[]> {
  const editor = await open(rel);
  const uri = editor.document.uri;
  const want = cli.findings
    .filter((f) => f.path === rel)
    .map(findingKey)
    .sort();
  // An empty expectation is met before the server has answered: give it time to (wrongly) report something.
  if (want.length === 0) await sleep(1500);
  try {
    await waitFor(`diagnostics of ${rel} to equal the CLI's`, () => JSON.stringify(findingDiagnostics(uri)) === JSON.stringify(want) || undefined, 30_000);
  } catch {
    assert.deepEqual(findingDiagnostics(uri), want, `${rel}: editor diagnostics (actual) differ from \`llm-infra-lint check\` (expected)`);
  }
  const diagnostics = ours(uri).filter((d) => !codeOf(d).startsWith('llm-infra-lint/'));
  for (const d of diagnostics) {
    assert.equal(d.source, DIAGNOSTIC_SOURCE);
    assert.equal(targetOf(d), ruleDocsUrl(codeOf(d)), `${rel}: docs link of ${codeOf(d)}`);
  }
  return diagnostics;
}

suite('activation', () => {
  test('activates when a TypeScript file of the example opens', async () => {
    const hasConfig = fs.existsSync(path.join(workspaceRoot(), '.llm-infra-lint.json'));
    if (!hasConfig) assert.equal(activeAtStart, false, 'the extension was active before any LLM file was opened');
    const editor = await open(LLM);
    assert.equal(editor.document.languageId, 'typescript');
    await waitFor('the extension to activate', () => vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 60_000);
    const commands = await vscode.commands.getCommands(true);
    for (const id of Object.values(Commands)) assert.ok(commands.includes(id), `command ${id} registered`);
  });

  test('the server analyses the file: missing-timeout on `new OpenAI()` with code, range, severity and docs link', async () => {
    const { document: doc } = await open(LLM);
    const want = rangeOf(doc, 'OpenAI', 'export const openai = new ');
    const ds = await waitFor('missing-timeout on new OpenAI()', () => ours(doc.uri).filter((d) => codeOf(d) === 'missing-timeout' && d.range.isEqual(want)).at(0), 90_000);
    assert.equal(ds.source, 'llm-infra-lint');
    assert.equal(ds.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(targetOf(ds), 'https://github.com/llm-infra-lint/llm-infra-lint/blob/main/docs/rules/missing-timeout.md');
    assert.match(ds.message, /timeout/i);
  });
});

suite('diagnostics match the CLI', () => {
  suiteSetup(() => {
    cli = cliCheck(workspaceRoot());
    for (const f of cli.findings) families.set(f.ruleId, (f as CliFinding & { family: string }).family);
  });

  test('the CLI finds the example\'s problems (sanity check of the expectation)', () => {
    assert.ok(cli.findings.length >= 10, `only ${cli.findings.length} findings`);
    assert.ok(cli.findings.some((f) => f.path === LLM && f.ruleId === 'missing-timeout'));
  });

  test('every TypeScript file: same codes, severities and ranges as the CLI; docs links on each', async () => {
    const files = workspaceFiles(workspaceRoot()).typescript;
    assert.ok(files.includes(LLM));
    for (const rel of files) await assertMatchesCli(rel);
  }, 180_000);

  test('diagnostics of every family appear in the editor (context, routing, resilience, telemetry, security)', async () => {
    const seen = new Set<string>();
    for (const rel of workspaceFiles(workspaceRoot()).typescript) {
      const uri = vscode.Uri.file(path.join(workspaceRoot(), rel));
      for (const d of ours(uri)) seen.add(families.get(codeOf(d)) ?? '?');
    }
    for (const family of ['context', 'routing', 'resilience', 'telemetry', 'security']) assert.ok(seen.has(family), `no ${family} diagnostic; saw ${[...seen].join(', ')}`);
  });

  for (const [kind, languageId] of [
    ['python', 'python'],
    ['yaml', 'yaml'],
    ['nginx', 'nginx'],
    ['dotenv', 'dotenv'],
  ] as const) {
    test(`${kind}: files open as \`${languageId}\`, the extension activates on it, diagnostics equal the CLI's`, async () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'package.json'), 'utf8')) as { activationEvents: string[] };
      assert.ok(pkg.activationEvents.includes(`onLanguage:${languageId}`), `activationEvents lack onLanguage:${languageId}`);
      const files = workspaceFiles(workspaceRoot())[kind];
      assert.ok(files.length > 0, `no ${kind} file in the workspace (the runner adds a probe when examples/ has none)`);
      let total = 0;
      const missing = new Set<string>();
      for (const rel of files) {
        const editor = await open(rel);
        // VS Code's built-in YAML extension opens compose files as `dockercompose`.
        const expected = kind === 'yaml' && /(^|\/)(compose[^/]*|[^/]*docker[^/]*compose[^/]*)\.ya?ml$/.test(rel) ? 'dockercompose' : languageId;
        assert.equal(editor.document.languageId, expected, `${rel} opened as ${editor.document.languageId}`);
        total += (await assertMatchesCli(rel)).length;
        if (!pkg.activationEvents.includes(`onLanguage:${expected}`)) missing.add(`${rel} opens as ${expected}, but activationEvents lack onLanguage:${expected}`);
      }
      console.log(`    ${kind}: ${files.length} file(s), ${total} diagnostic(s): ${files.join(', ')}`);
      assert.deepEqual([...missing], [], 'opening these files alone would not activate the extension');
    }, 120_000);
  }
});

suite('hover and code lens', () => {
  test('hover on an LLM call shows its token and cost estimate', async () => {
    const { document: doc } = await open(LLM);
    const at = rangeOf(doc, 'create', 'openai.chat.completions.').start.translate(0, 1);
    const text = await until('a hover on the call', () => hoverAt(doc, at), (t) => /LLM call/.test(t));
    assert.match(text, /LLM call/);
    assert.match(text, /tokens/);
    assert.match(text, /gpt-4o/);
  });

  test('hover on a static prompt shows its token count', async () => {
    const { document: doc } = await open(SUMMARIZE);
    const text = await until('a hover on the prompt', () => hoverAt(doc, rangeOf(doc, 'summarise long support threads').start), (t) => /tokens/.test(t));
    assert.match(text, /[\d,]+ tokens/);
  });

  test('a code lens on the call shows input tokens, and says a prompt built at run time is not priced', async () => {
    const { document: doc } = await open(LLM);
    const line = rangeOf(doc, 'openai.chat.completions.create').start.line;
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10)) ?? [];
    const lens = lenses.find((l) => l.range.start.line === line);
    assert.ok(lens?.command, `a lens on line ${line + 1}; lenses on ${lenses.map((l) => l.range.start.line + 1).join(', ')}`);
    // `complete(prompt)` sends only its argument: nothing of the prompt is known before run time.
    assert.equal(lens.command.title, '≈ 0 input tokens (+ dynamic) · dynamic input not priced');
  });
});

suite('infra and config edits take effect without a restart', () => {
  test('defining OPENAI_BASE_URL in an env file clears direct-provider-endpoint in llm.ts, removing it brings it back', async () => {
    const { document: doc } = await open(LLM);
    const target = rangeOf(doc, 'OpenAI', 'export const openai = new ');
    const onOpenAi = () => ours(doc.uri).filter((d) => codeOf(d) === 'direct-provider-endpoint' && d.range.isEqual(target));
    await waitFor('direct-provider-endpoint on new OpenAI()', () => onOpenAi().length > 0, 30_000);
    const env = vscode.Uri.file(path.join(workspaceRoot(), 'chat-service', '.env.e2e'));
    await vscode.workspace.fs.writeFile(env, Buffer.from('OPENAI_BASE_URL=http://llm-gateway.internal:4000/v1\n'));
    try {
      await waitFor('direct-provider-endpoint to clear after the env file appeared', () => onOpenAi().length === 0, 30_000);
    } finally {
      await vscode.workspace.fs.delete(env);
    }
    await waitFor('direct-provider-endpoint to return after the env file went', () => onOpenAi().length > 0, 30_000);
  });

  test('typing in an infra file (unsaved) updates the retry chain reported in the code that it fronts', async () => {
    const ingress = workspaceFiles(workspaceRoot()).yaml.find((rel) => /proxy-next-upstream-tries: "\d+"/.test(fs.readFileSync(path.join(workspaceRoot(), rel), 'utf8')));
    if (!ingress) skip('no ingress with proxy-next-upstream-tries in the example');
    const { document: code } = await open(LLM);
    const chain = () => ours(code.uri).find((d) => codeOf(d) === 'retry-amplification')?.message ?? '';
    await waitFor('retry-amplification in llm.ts', () => chain(), 30_000);
    const before = chain();
    const tries = /ingress-nginx (\d+)/.exec(before)?.[1];
    if (!tries) skip(`the retry chain does not go through ingress-nginx: ${before}`);
    const { document: infra } = await open(ingress);
    const original = infra.getText();
    try {
      const at = rangeOf(infra, `proxy-next-upstream-tries: "${tries}"`);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(infra.uri, at, `proxy-next-upstream-tries: "${Number(tries) + 4}"`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      await open(LLM);
      const after = await waitFor('the new ingress tries in the llm.ts chain', () => (chain().includes(`ingress-nginx ${Number(tries) + 4}`) ? chain() : undefined), 30_000);
      assert.notEqual(after, before);
    } finally {
      await setText(infra, original);
    }
    await waitFor('the chain to return to the saved ingress', () => chain() === before || undefined, 30_000);
  });

  test('turning a rule off in .llm-infra-lint.json removes its diagnostics; removing the file restores them', async () => {
    const { document: doc } = await open(TITLE);
    await waitForRule(doc, 'hardcoded-model');
    const config = vscode.Uri.file(path.join(workspaceRoot(), '.llm-infra-lint.json'));
    const existed = fs.existsSync(config.fsPath);
    const original = existed ? fs.readFileSync(config.fsPath) : null;
    await vscode.workspace.fs.writeFile(config, Buffer.from('{\n  // written by the e2e suite\n  "rules": { "hardcoded-model": "off" }\n}\n'));
    try {
      await waitForNoRule(doc, 'hardcoded-model');
      assert.ok(ours(doc.uri).some((d) => codeOf(d) === 'missing-timeout'), 'other rules still report');
    } finally {
      if (original) await vscode.workspace.fs.writeFile(config, original);
      else await vscode.workspace.fs.delete(config);
    }
    await waitForRule(doc, 'hardcoded-model');
  });

  test('the llmInfraLint.enable setting turns diagnostics off and on', async () => {
    const { document: doc } = await open(TITLE);
    await waitForRule(doc, 'missing-timeout');
    const settings = vscode.workspace.getConfiguration('llmInfraLint');
    await settings.update('enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('diagnostics to clear with enable: false', () => ours(doc.uri).length === 0 || undefined);
    } finally {
      await settings.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForRule(doc, 'missing-timeout');
  });
});

suite('code actions', () => {
  test('the missing-timeout quick fix adds a timeout and its diagnostic clears', async () => {
    const { document: doc } = await open(LLM);
    const original = doc.getText();
    const target = rangeOf(doc, 'OpenAI', 'export const openai = new ');
    const [diag] = await waitFor('missing-timeout on new OpenAI()', () => {
      const ds = ours(doc.uri).filter((d) => codeOf(d) === 'missing-timeout' && d.range.isEqual(target));
      return ds.length ? ds : undefined;
    });
    try {
      const actions = await until('the missing-timeout fix', () => codeActions(doc, diag.range), (as) => as.some((a) => a.title.endsWith('(missing-timeout)')), 10_000);
      const fix = actions.find((a) => a.title.endsWith('(missing-timeout)'));
      assert.ok(fix?.edit, `a missing-timeout fix among: ${actions.map((a) => a.title).join(' | ')}`);
      // The rule marks this fix unsafe (a timeout changes behaviour): offered, but not preferred.
      assert.notEqual(fix.isPreferred, true, 'an unsafe fix is not the preferred one');
      assert.equal(fix.kind?.value, 'quickfix');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(doc.getText(), /new OpenAI\(\{ timeout: [^}]+\}\)/);
      await waitFor('missing-timeout to clear on that line', () => !ours(doc.uri).some((d) => codeOf(d) === 'missing-timeout' && d.range.start.line === target.start.line) || undefined);
      assert.ok(ours(doc.uri).some((d) => codeOf(d) === 'hardcoded-api-key'), 'unrelated diagnostics stay');
    } finally {
      await setText(doc, original);
    }
  });

  test('"Disable hardcoded-model for this line" inserts the directive and silences the rule there', async () => {
    const { document: doc } = await open(LLM);
    const original = doc.getText();
    const [diag] = await waitForRule(doc, 'hardcoded-model');
    try {
      // Diagnostics still carrying the previous document version get no edits from the server: VS Code re-pulls
      // right after a change, so ask again until the fresh ones are in (as a person pressing Ctrl+. again would).
      const actions = await until(
        '"Disable hardcoded-model for this line"',
        () => codeActions(doc, ours(doc.uri).find((d) => codeOf(d) === 'hardcoded-model')?.range ?? diag.range),
        (as) => as.some((a) => a.title === 'Disable hardcoded-model for this line'),
        10_000,
      );
      const disable = actions.find((a) => a.title === 'Disable hardcoded-model for this line');
      assert.ok(disable?.edit, `"Disable" among: ${actions.map((a) => a.title).join(' | ')}`);
      const docs = actions.find((a) => a.title === 'Show documentation for hardcoded-model');
      assert.equal(docs?.command?.command, Commands.showDocumentation);
      assert.deepEqual(docs?.command?.arguments, [ruleDocsUrl('hardcoded-model')]);
      assert.ok(await vscode.workspace.applyEdit(disable.edit));
      const line = diag.range.start.line;
      assert.match(doc.lineAt(line).text, /^\s*\/\/ llm-infra-lint-disable-next-line hardcoded-model$/);
      await waitForNoRule(doc, 'hardcoded-model');
    } finally {
      await setText(doc, original);
    }
    await waitForRule(doc, 'hardcoded-model');
  });

  test('source.fixAll.llm-infra-lint applies the safe fixes and leaves the rest', async () => {
    const { document: doc } = await open(CHAT);
    const original = doc.getText();
    const [stream] = await waitForRule(doc, 'stream-without-usage');
    try {
      const quick = (await until('the stream-without-usage fix', () => codeActions(doc, stream.range), (as) => as.some((a) => a.title.endsWith('(stream-without-usage)')), 10_000)).find((a) =>
        a.title.endsWith('(stream-without-usage)'),
      );
      assert.equal(quick?.isPreferred, true, 'the safe stream-without-usage fix is preferred');
      const all = new vscode.Range(0, 0, doc.lineCount, 0);
      const actions = await until('the fix-all action', () => codeActions(doc, all, FIX_ALL_KIND), (as) => as.length > 0, 10_000);
      assert.equal(actions.length, 1, `actions: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(actions[0].title, 'Fix all safe llm-infra-lint problems');
      assert.equal(actions[0].kind?.value, FIX_ALL_KIND);
      assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
      assert.match(doc.getText(), /include_usage: true/);
      await waitForNoRule(doc, 'stream-without-usage');
      assert.ok(ours(doc.uri).some((d) => codeOf(d) === 'volatile-prompt-prefix'), 'findings without a safe fix remain');
    } finally {
      await setText(doc, original);
    }
  });

  test('editor.codeActionsOnSave with source.fixAll.llm-infra-lint fixes the file on save', async () => {
    const editorConfig = vscode.workspace.getConfiguration('editor', { languageId: 'typescript' });
    await editorConfig.update('codeActionsOnSave', { [FIX_ALL_KIND]: 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    const editor = await open(CHAT);
    const doc = editor.document;
    const original = doc.getText();
    await waitForRule(doc, 'stream-without-usage');
    try {
      // A real edit makes the save a real one.
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(0, 0), '// saved by the e2e suite\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor('the fix-all on save', () => /include_usage: true/.test(doc.getText()) || undefined, 30_000);
      await waitFor('the file to be saved', () => !doc.isDirty || undefined, 30_000);
      assert.match(fs.readFileSync(doc.uri.fsPath, 'utf8'), /include_usage: true/);
      await waitForNoRule(doc, 'stream-without-usage');
    } finally {
      await editorConfig.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
      await setText(doc, original);
      await doc.save();
    }
  });
});

suite('bad input in the editor', () => {
  test('300 keystrokes without a pause: hovers stay under 1 s, the final diagnostics match the final text', async () => {
    const editor = await open(LLM);
    const doc = editor.document;
    const original = doc.getText();
    await waitForRule(doc, 'missing-timeout');
    const callAt = () => rangeOf(doc, 'create', 'openai.chat.completions.').start.translate(0, 1);
    const hovers: Array<Promise<number>> = [];
    try {
      const comment = rangeOf(doc, '// One client for the whole service').end;
      for (let i = 0; i < 300; i++) {
        // Type into the comment and delete again, without waiting for the server.
        const ok = await editor.edit((b) => (i % 2 === 0 ? b.insert(comment, 'x') : b.delete(new vscode.Range(comment, comment.translate(0, 1)))), {
          undoStopBefore: false,
          undoStopAfter: false,
        });
        assert.ok(ok);
        if (i % 50 === 25) {
          const started = Date.now();
          hovers.push(hoverAt(doc, callAt()).then((text) => (/LLM call/.test(text) ? Date.now() - started : Number.POSITIVE_INFINITY)));
        }
      }
      // The last keystrokes add a timeout to the client.
      const at = rangeOf(doc, 'new OpenAI()').start.translate(0, 'new OpenAI('.length);
      assert.ok(await editor.edit((b) => b.insert(at, '{ timeout: 20_000 }')));
      const times = await Promise.all(hovers);
      console.log(`    hovers during the typing: ${times.map((t) => `${t} ms`).join(', ')}`);
      assert.ok(times.every((t) => t < 1000), `hovers took ${times.join(', ')} ms`);
      const line = at.line;
      await waitFor('missing-timeout to clear on the edited client', () => !ours(doc.uri).some((d) => codeOf(d) === 'missing-timeout' && d.range.start.line === line) || undefined);
      assert.ok(ours(doc.uri).some((d) => codeOf(d) === 'hardcoded-api-key'), 'the rest of the file is still analysed');
    } finally {
      await setText(doc, original);
    }
  });

  test('a file with no LLM code: no diagnostics, no code lens, no hover', async () => {
    const { document: doc } = await open('chat-service/src/lib/db.ts');
    await sleep(1500);
    assert.deepEqual(ours(doc.uri).map((d) => codeOf(d)), []);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    assert.deepEqual(lenses.map((l) => l.command?.title), []);
    const hover = await hoverAt(doc, rangeOf(doc, 'PrismaClient()').start);
    assert.doesNotMatch(hover, /LLM call|tokens/);
  });
});

suite('report', () => {
  test('the report command opens the token-cost report webview', async () => {
    await vscode.commands.executeCommand(Commands.openReport);
    const tab = await waitFor('the report tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('llmInfraLint.report')),
    );
    assert.equal(tab.label, 'LLM Token-Cost Report');
    assert.ok(tab.isActive, 'the report tab is active');
    // A second call reuses the panel.
    await vscode.commands.executeCommand(Commands.openReport);
    const count = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('llmInfraLint.report')).length;
    assert.equal(count, 1);
  });
});
