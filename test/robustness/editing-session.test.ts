// A long editing session against the real server bundle (dist/server.js) over stdio: random insertions, deletions,
// pastes and undo-like reversals across open documents of every language, with hovers, code actions (some applied)
// and code lenses interleaved. Checks: the server never dies or logs an error, no response takes a second, pulled
// diagnostics always match the document's latest version exactly (compared with an in-process engine fed the same
// text), and resident memory stops growing. `npm test` runs 1,000 edits; `npm run fuzz` runs 10,000.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CodeLens, Diagnostic, Hover, Range, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { createEngine } from '../../server/src/analysis';
import type { Engine } from '../../server/src/core/engine';
import { LineIndex } from '../../server/src/core/text';
import { FILE_ERROR_CODE } from '../../server/src/protocol/protocol';
import { initParsers } from '../helpers/lint';
import { SERVER, TestClient, pullCapabilities } from '../lsp/fixtures/lsp-client';
import { FUZZ, REPO, SEED, closeClient, runs } from './harness';
import { tempDir } from '../helpers/temp-dir';

const EDITS = runs(1_000, 10_000);
const SAMPLE_EVERY = 500;
const MAX_RESPONSE_MS = 1_000;

/** Documents opened in the session, by language (copied from the fixtures into a temporary workspace). */
const DOCUMENTS: Array<{ rel: string; from: string; languageId: string }> = [
  { rel: 'src/app/api/chat/route.ts', from: 'examples/chat-service/src/app/api/chat/route.ts', languageId: 'typescript' },
  { rel: 'src/lib/llm.ts', from: 'examples/chat-service/src/lib/llm.ts', languageId: 'typescript' },
  { rel: 'src/handler.js', from: 'test/robustness/fixtures/src/handler.js', languageId: 'javascript' },
  { rel: 'app/chat.py', from: 'test/robustness/fixtures/app/chat.py', languageId: 'python' },
  { rel: 'deploy/k8s/mesh.yaml', from: 'test/robustness/fixtures/deploy/k8s/mesh.yaml', languageId: 'yaml' },
  { rel: 'deploy/litellm-config.yaml', from: 'test/robustness/fixtures/deploy/litellm-config.yaml', languageId: 'yaml' },
  { rel: 'deploy/nginx/nginx.conf', from: 'test/robustness/fixtures/deploy/nginx/nginx.conf', languageId: 'nginx' },
  { rel: '.env.example', from: 'test/robustness/fixtures/.env.example', languageId: 'dotenv' },
];

/** Snippets a user might type or paste. */
const TYPED = ['a', 'e', ' ', '\n', '(', ')', '{', '}', '[', ']', ',', ':', ';', '"', "'", '`', '#', '//', '=', '.', '\t', '  ', '😀', 'é', '\r\n'];
const WORDS = ['model', 'timeout', 'messages', 'stream', 'retry', 'await ', 'return ', 'client', 'gpt-4o', 'sk-', 'proxy_read_timeout 5s;', 'max_retries=3', 'attempts: 5', 'OPENAI_BASE_URL='];

/** A small seeded PRNG (mulberry32), so a run can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Resident set size of a process in MB (Linux). */
function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

interface Edit {
  offset: number;
  deleteCount: number;
  insert: string;
}

/**
 * Keeps an offset off the middle of a surrogate pair and of a \r\n pair: LSP positions (line, UTF-16 column) cannot
 * express a point between \r and \n, so no client sends one.
 */
function boundary(text: string, offset: number): number {
  const c = text.charCodeAt(offset);
  if (offset > 0 && offset < text.length && c >= 0xdc00 && c <= 0xdfff) return offset - 1;
  if (offset > 0 && c === 10 && text.charCodeAt(offset - 1) === 13) return offset - 1;
  return offset;
}

function rangeWithin(text: string, r: Range): boolean {
  const index = new LineIndex(text);
  const ok = (p: Range['start']) => p.line >= 0 && p.line < index.lineCount && p.character >= 0 && index.lineStart(p.line) + p.character <= index.lineEnd(p.line);
  return ok(r.start) && ok(r.end);
}

describe('a long editing session against dist/server.js', () => {
  let root: string;
  let c: TestClient;
  let mirror: Engine;
  const uris: string[] = [];
  const startup = { readyMs: 0, firstRequestsMs: 0 };

  before(async () => {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`);
    root = tempDir('lil-session-');
    for (const d of DOCUMENTS) {
      fs.mkdirSync(path.dirname(path.join(root, d.rel)), { recursive: true });
      fs.copyFileSync(path.join(REPO, d.from), path.join(root, d.rel));
    }
    fs.copyFileSync(path.join(REPO, 'examples/chat-service/src/lib/db.ts'), path.join(root, 'src/lib/db.ts'));
    fs.copyFileSync(path.join(REPO, 'examples/chat-service/package.json'), path.join(root, 'package.json'));
    fs.mkdirSync(path.join(root, 'prompts'));
    fs.copyFileSync(path.join(REPO, 'examples/chat-service/prompts/system.md'), path.join(root, 'prompts/system.md'));
    const t0 = performance.now();
    c = await TestClient.start({ capabilities: pullCapabilities, root });
    for (const d of DOCUMENTS) uris.push(await c.open(d.rel, undefined, d.languageId));
    // Start-up (loading parsers and token tables, the first workspace scan) is measured, not part of the session.
    await c.waitFor('the first workspace scan', () => c.messages.some((m) => m.method === 'llm-infra-lint/status' && (m.params as { state: string }).state === 'ready'), 30_000);
    startup.readyMs = Math.round(performance.now() - t0);
    for (const uri of uris) {
      const t1 = performance.now();
      await c.pull(uri);
      await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
      startup.firstRequestsMs = Math.max(startup.firstRequestsMs, Math.round(performance.now() - t1));
    }
    // The same workspace in-process: what the server's diagnostics must equal at every version.
    await initParsers();
    mirror = createEngine(root);
    await mirror.scan([root]);
    for (const uri of uris) mirror.setFile(path.join(root, rel(uri)), c.text(uri));
  });

  after(async () => {
    await closeClient(c);
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const rel = (uri: string) => path.relative(root, new URL(uri).pathname);

  it(`${EDITS.toLocaleString('en-US')} random edits with hovers, code actions and code lenses interleaved`, async (t) => {
    const random = prng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const undo = new Map<string, Edit[]>(uris.map((u) => [u, []]));
    const latencies: Record<string, number[]> = { diagnostic: [], hover: [], codeAction: [], codeLens: [] };
    const documentsKb = () => Math.round(uris.reduce((n, u) => n + c.text(u).length, 0) / 1024);
    const memory: Array<{ edits: number; rssMb: number | null; documentsKb: number }> = [{ edits: 0, rssMb: rssMb(c.proc.pid!), documentsKb: documentsKb() }];
    let lastDiagnostics = new Map<string, Diagnostic[]>();
    let applied = 0;
    let mismatches = 0;
    let seen = 0;
    let unchangedReports = 0;

    const timed = async <T>(kind: string, send: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const result = await send();
      const ms = performance.now() - t0;
      latencies[kind].push(ms);
      if (process.env.SESSION_TRACE) process.stderr.write(`${kind} ${ms.toFixed(0)}ms\n`);
      assert.ok(ms < MAX_RESPONSE_MS, `${kind} took ${ms.toFixed(0)} ms`);
      return result;
    };

    /** Applies an edit to the client's copy and the server, remembering its inverse for undo-like reversals. */
    const send = async (uri: string, e: Edit, remember = true): Promise<void> => {
      const text = c.text(uri);
      const removed = text.slice(e.offset, e.offset + e.deleteCount);
      await c.edit(uri, e.offset, e.deleteCount, e.insert);
      if (remember) undo.get(uri)!.push({ offset: e.offset, deleteCount: e.insert.length, insert: removed });
    };

    // Documents stay within twice their first size, so memory measures the server, not ever larger documents.
    const cap = new Map(uris.map((u) => [u, Math.max(4096, 2 * c.text(u).length)]));
    const randomEdit = (uri: string): Edit => {
      const text = c.text(uri);
      const at = boundary(text, Math.floor(random() * (text.length + 1)));
      const r = random();
      const full = text.length > cap.get(uri)!;
      if (r < 0.35 && !full) return { offset: at, deleteCount: 0, insert: random() < 0.7 ? pick(TYPED) : pick(WORDS) };
      if (r < 0.6 || full) {
        const end = boundary(text, Math.min(text.length, at + 1 + Math.floor(random() * (random() < 0.8 ? 8 : 300))));
        return { offset: at, deleteCount: end - at, insert: '' };
      }
      if (r < 0.75) {
        // Paste: a piece of another open document (any language).
        const donor = c.text(pick(uris));
        const from = Math.floor(random() * donor.length);
        const piece = donor.slice(from, from + 1 + Math.floor(random() * 400));
        return { offset: at, deleteCount: 0, insert: piece };
      }
      const end = boundary(text, Math.min(text.length, at + Math.floor(random() * 20)));
      return { offset: at, deleteCount: end - at, insert: pick(WORDS) };
    };

    for (let n = 1; n <= EDITS; n++) {
      const uri = pick(uris);
      const stack = undo.get(uri)!;
      if (stack.length && random() < 0.15) {
        // Undo: reverse the last few edits of this document (as long as each is expressible as an LSP range).
        for (let k = 1 + Math.floor(random() * 3); k > 0 && stack.length; k--) {
          const inverse = stack.pop()!;
          const text = c.text(uri);
          const end = inverse.offset + inverse.deleteCount;
          if (boundary(text, inverse.offset) !== inverse.offset || boundary(text, end) !== end) {
            stack.length = 0;
            break;
          }
          await send(uri, inverse, false);
        }
      } else {
        await send(uri, randomEdit(uri));
      }
      const text = c.text(uri);
      const version = c.version(uri);
      mirror.setFile(path.join(root, rel(uri)), text);

      const position = c.documents.get(uri)!.positionAt(Math.floor(random() * (text.length + 1)));
      if (random() < 0.3) {
        const hover = await timed('hover', () => c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position }) as Promise<Hover | null>);
        if (hover?.range) assert.ok(rangeWithin(text, hover.range), `hover range ${JSON.stringify(hover.range)} outside the text`);
      }
      if (random() < 0.2) {
        const lenses = await timed('codeLens', () => c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Promise<CodeLens[]>);
        for (const l of lenses) assert.ok(rangeWithin(text, l.range), `code lens range ${JSON.stringify(l.range)} outside the text`);
      }
      if (random() < 0.25) {
        // Code actions for the diagnostics the client holds, which may be from an older version (as in an editor).
        const diagnostics = lastDiagnostics.get(uri) ?? [];
        const range = diagnostics.length ? pick(diagnostics).range : { start: position, end: position };
        const actions = await timed('codeAction', () =>
          c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } }) as Promise<CodeAction[]>,
        );
        for (const a of actions) checkEdit(a.edit, uri, text, version);
      }

      // Pull diagnostics for the edited document: they must be exactly the findings for its current text.
      const current = c.text(uri);
      const items = await timed('diagnostic', () => c.pull(uri));
      lastDiagnostics.set(uri, items);
      for (const d of items) {
        assert.ok(rangeWithin(current, d.range), `diagnostic ${d.code} at ${JSON.stringify(d.range)} outside the text of version ${c.version(uri)}`);
        const data = d.data as { version?: number } | undefined;
        // A full report is computed for the current version; an "unchanged" one keeps the data of an earlier version,
        // and the range check below still holds it to the current text's findings.
        if (data?.version !== undefined && c.lastReportKind.get(uri) === 'full') assert.equal(data.version, c.version(uri), `diagnostic ${d.code} computed for version ${data.version}, document is at ${c.version(uri)}`);
        if (data?.version !== undefined) assert.ok(data.version <= c.version(uri), `diagnostic ${d.code} computed for version ${data.version}, after the document's ${c.version(uri)}`);
      }
      seen += items.length;
      if (c.lastReportKind.get(uri) === 'unchanged') unchangedReports++;
      if (items.length && random() < 0.1) {
        // The user opens the light bulb on a fresh diagnostic and, now and then, accepts the fix (or a suppression).
        const d = pick(items);
        const actions = await timed('codeAction', () =>
          c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as Promise<CodeAction[]>,
        );
        for (const a of actions) checkEdit(a.edit, uri, current, c.version(uri));
        const chosen = pick(actions.filter((a) => a.edit && onlyThisDocument(a.edit, uri)).concat([undefined as unknown as CodeAction]));
        if (chosen && random() < 0.5) {
          await c.syncEdits(c.applyEdit(chosen.edit!));
          mirror.setFile(path.join(root, rel(uri)), c.text(uri));
          undo.get(uri)!.length = 0;
          applied++;
          continue;
        }
      }
      const expected = expectedDiagnostics(mirror, path.join(root, rel(uri)), current);
      const got = items.filter((d) => d.code !== FILE_ERROR_CODE).map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        mismatches++;
        assert.deepEqual(got, expected, `edit ${n}: the server's diagnostics for ${rel(uri)} differ from the findings for its current text`);
      }

      if (n % SAMPLE_EVERY === 0) memory.push({ edits: n, rssMb: rssMb(c.proc.pid!), documentsKb: documentsKb() });
      assert.equal(c.exitCode, null, `the server exited after edit ${n}:\n${c.stderr.slice(-2000)}`);
    }

    const errors = c.messages.filter((m) => m.method === 'window/logMessage' && (m.params as { type: number }).type === 1);
    assert.deepEqual(errors.map((m) => (m.params as { message: string }).message.slice(0, 500)), [], 'the server logged errors');
    assert.equal(mismatches, 0);
    // Both kinds of answer were checked: typing often leaves every finding in place.
    assert.ok(unchangedReports > 0 && unchangedReports < EDITS, `${unchangedReports} of ${EDITS} pulls answered "unchanged"`);

    const stats = Object.fromEntries(
      Object.entries(latencies).map(([k, xs]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const q = (f: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))] ?? 0);
        return [k, { count: xs.length, p50: q(0.5), p99: q(0.99), max: Math.round(sorted[sorted.length - 1] ?? 0) }];
      }),
    );
    const report = { seed: SEED, startup, edits: EDITS, fixesApplied: applied, diagnosticsChecked: seen, unchangedReports, latenciesMs: stats, memory };
    fs.mkdirSync(path.join(REPO, '.cache'), { recursive: true });
    fs.writeFileSync(path.join(REPO, '.cache', `edit-session-${EDITS}.json`), JSON.stringify(report, null, 2));
    t.diagnostic(JSON.stringify(report));
    if (FUZZ) process.stderr.write(`edit session: ${JSON.stringify(report, null, 2)}\n`);

    // Memory stops growing: the last third of the samples averages within 25 % (or 100 MB) of the first half's highest.
    // An average, because a single sample lands anywhere in V8's collect-and-grow cycle (±100 MB between runs).
    const samples = memory.map((m) => m.rssMb).filter((x): x is number => x !== null);
    if (samples.length >= 3) {
      const half = Math.ceil(samples.length / 2);
      const firstHalf = Math.max(...samples.slice(0, half));
      const tail = samples.slice(samples.length - Math.max(1, Math.floor(samples.length / 3)));
      const tailMean = tail.reduce((a, b) => a + b, 0) / tail.length;
      assert.ok(tailMean <= Math.max(firstHalf * 1.25, firstHalf + 100), `resident memory kept growing: ${samples.join(' → ')} MB`);
    }
  });
});

/** The diagnostics (code and range) the server must publish for `text`, from the in-process engine. */
function expectedDiagnostics(engine: Engine, p: string, text: string): string[] {
  const index = new LineIndex(text);
  return engine
    .lint(p)
    .findings.map((f) => {
      const s = index.position(f.span.start);
      const e = index.position(Math.max(f.span.start, f.span.end));
      return `${f.ruleId}@${s.line}:${s.character}-${e.line}:${e.character}`;
    })
    .sort();
}

function onlyThisDocument(edit: WorkspaceEdit, uri: string): boolean {
  const changes = edit.documentChanges ?? [];
  return changes.length > 0 && changes.every((ch) => 'textDocument' in ch && ch.textDocument.uri === uri);
}

/** A code action's edit must target the document's current version and stay inside its text. */
function checkEdit(edit: WorkspaceEdit | undefined, uri: string, text: string, version: number): void {
  for (const ch of edit?.documentChanges ?? []) {
    if (!('textDocument' in ch) || ch.textDocument.uri !== uri) continue;
    assert.equal(ch.textDocument.version, version, 'a code action edits an older version of the document');
    for (const e of ch.edits) assert.ok(rangeWithin(text, (e as { range: Range }).range), `code action edit ${JSON.stringify(e)} outside the text`);
  }
}
