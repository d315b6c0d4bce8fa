// Shared pieces of the robustness tests: run counts and seeds, the corpus of real files, input generators and the
// properties every front end must keep (no exception escapes, spans inside the document and on character boundaries,
// deterministic results, fixes that do not break parsing, suppression comments that always suppress).
//
// `npm test` runs these with a fixed seed and modest counts; `npm run fuzz` (scripts/fuzz.ts) sets LLM_INFRA_LINT_FUZZ=1
// for large counts and a random seed (printed, and settable with FUZZ_SEED to replay a failure).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after } from 'node:test';
import fc from 'fast-check';
import { ts } from 'ts-morph';
import { parseAllDocuments } from 'yaml';
import { defaultConfig } from '../../server/src/core/config';
import { Engine, type LintResult } from '../../server/src/core/engine';
import { commentPrefix } from '../../server/src/core/suppressions';
import { LineIndex, applyEdits, lineBreakOf } from '../../server/src/core/text';
import type { FileFacts, Finding, LanguageId, Span } from '../../server/src/core/types';
import { parseNginx } from '../../server/src/languages/config/nginx-parser';
import { createFrontEnds } from '../../server/src/languages';
import { rules } from '../../server/src/rules';
import { disableEdit } from '../../server/src/lsp/handlers/code-actions';
import { initParsers } from '../helpers/lint';
import type { TestClient } from '../lsp/fixtures/lsp-client';
import { tempDir } from '../helpers/temp-dir';

export const REPO = path.resolve(__dirname, '../..');

/** True under `npm run fuzz`. */
export const FUZZ = process.env.LLM_INFRA_LINT_FUZZ === '1';
/** Multiplies the fuzz counts (FUZZ_SCALE=0.1 for a quick fuzz run, 10 for a long one). */
const SCALE = Number(process.env.FUZZ_SCALE ?? '1') || 1;
/** Fixed under `npm test`; random (or FUZZ_SEED) under `npm run fuzz`. */
export const SEED = FUZZ ? Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31)) : 20250611;

/** `normal` runs under npm test, `fuzz` (scaled) under npm run fuzz. */
export function runs(normal: number, fuzz: number): number {
  return FUZZ ? Math.max(1, Math.round(fuzz * SCALE)) : normal;
}

/** Total property runs per test title, printed at the end of a fuzz run. */
export const runCounts = new Map<string, number>();

/** fast-check parameters for one property. */
export function params(title: string, normal: number, fuzz: number): fc.Parameters<unknown> {
  const numRuns = runs(normal, fuzz);
  runCounts.set(title, (runCounts.get(title) ?? 0) + numRuns);
  return { seed: SEED, numRuns, endOnFailure: true };
}

// vscode-jsonrpc's stream reader re-arms a timer forever while it holds a partial message, and disposing the connection
// does not clear it: a server killed mid-write would keep this test process alive after its last test. Once every test
// of the file has run, give the runner a few seconds to report, then make sure the process ends.
after(() => {
  setTimeout(() => process.exit(), 5_000).unref();
});

/** Stops a test client's server gracefully (so no half-written message is left in the reader), then kills it. */
export async function closeClient(c: TestClient | undefined): Promise<void> {
  if (!c) return;
  try {
    if (c.exitCode === null) await Promise.race([c.stop(), new Promise((r) => setTimeout(r, 5_000))]);
  } catch {
    // Already gone, or not answering: kill() below.
  } finally {
    c.kill();
  }
}

if (FUZZ) {
  process.on('exit', () => {
    const lines = [...runCounts].map(([t, n]) => `  ${n.toLocaleString('en-US')}  ${t}`);
    if (!lines.length) return;
    const known = [...knownHits].map(([id, n]) => `${id} ×${n}`).join(', ') || 'none';
    const fixes = `fixes applied ${fixStats.fixes}, on text with syntax errors ${fixStats.onBroken}, of which raised the error count ${fixStats.grewOnBroken}`;
    process.stderr.write(`fuzz seed ${SEED}; runs:\n${lines.join('\n')}\n  ${fixes}\n  inputs hitting known routed bugs: ${known}\n`);
  });
}

// ---------------------------------------------------------------------------
// Engines

/** A fresh engine with every rule and front end over an empty temporary root. */
export async function newEngine(): Promise<{ engine: Engine; root: string }> {
  await initParsers();
  const root = tempDir('lil-robust-');
  return { engine: new Engine({ root, rules, frontEnds: createFrontEnds(), config: defaultConfig() }), root };
}

/** Where a file of each language goes so its front end claims it. */
export const FILE_OF: Record<LanguageId, string> = {
  typescript: 'src/app/api/chat/route.ts',
  javascript: 'src/server.mjs',
  python: 'app/main.py',
  yaml: 'deploy/k8s/llm.yaml',
  nginx: 'deploy/nginx/nginx.conf',
  dotenv: '.env.example',
};

export const LANGUAGES = Object.keys(FILE_OF) as LanguageId[];

/** A prefix that makes a front end look closely at the rest of the text (the TypeScript front end skips files without an SDK mention). */
export const LLM_HEADER: Record<LanguageId, string> = {
  typescript: "import OpenAI from 'openai';\nimport Anthropic from '@anthropic-ai/sdk';\nconst client = new OpenAI();\n",
  javascript: "import OpenAI from 'openai';\nconst client = new OpenAI();\n",
  python: 'from openai import OpenAI\nimport anthropic\nclient = OpenAI()\n',
  yaml: 'model_list:\n  - model_name: gpt-4o\n    litellm_params:\n      model: openai/gpt-4o\n',
  nginx: 'location /v1/chat {\n  proxy_pass https://api.openai.com;\n}\n',
  dotenv: 'OPENAI_BASE_URL=https://api.openai.com/v1\n',
};

// ---------------------------------------------------------------------------
// The corpus: every fixture and example file a front end claims.

export interface CorpusFile {
  rel: string;
  language: LanguageId;
  text: string;
}

const CORPUS_DIRS = ['test/fixtures', 'examples', 'test/lsp/fixtures/workspace', 'test/robustness/fixtures'];

let corpusCache: CorpusFile[] | null = null;

/** Real files by language (read once per process; files others add later are picked up on the next run). */
export function corpus(): CorpusFile[] {
  if (corpusCache) return corpusCache;
  const probe = new Engine({ root: REPO, rules: [], frontEnds: createFrontEnds() });
  const out: CorpusFile[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const p = path.join(dir, name);
      const st = fs.statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.size < 200_000) {
        const language = probe.languageOf(p);
        if (language) out.push({ rel: path.relative(REPO, p), language, text: fs.readFileSync(p, 'utf8') });
      }
    }
  };
  for (const d of CORPUS_DIRS) walk(path.join(REPO, d));
  corpusCache = out;
  return out;
}

export function corpusOf(language: LanguageId): CorpusFile[] {
  const files = corpus().filter((f) => f.language === language);
  // JavaScript borrows the TypeScript files that are plain JavaScript-compatible enough to exercise the same paths.
  if (language === 'javascript' && files.length < 3) return [...files, ...corpus().filter((f) => f.language === 'typescript')];
  return files;
}

// ---------------------------------------------------------------------------
// Generators

const NASTY_CHUNKS = [
  '\u0000', '\uFEFF', '\uFFFD', '\r', '\r\n', '\n\r', '\u2028', '\u2029', '\u0085', '😀', '\uD83D', '\uDE00', '\t', '\\',
  '"', "'", '`', '${', '#', '//', '/*', '*/', '"""', "'''", '{', '}', '[', ']', '(', ')', ':', ';', ',', '-', '|', '>', '&', '*',
  'sk-', 'sk-proj-Zq8xW2vR5tY7uI0oP3aS6dF9gH1jK4lM', 'model: ', 'timeout', 'proxy_read_timeout 5s;', 'retries: 3',
  '\n  ', '\n\t', 'llm-infra-lint-disable-next-line ', 'import ', 'def ', 'async ', 'await ', 'return ', 'for (;;) {', 'while True:\n  ',
];

/** Random text: bytes decoded as UTF-8 (invalid sequences become U+FFFD), full Unicode with lone surrogates, or shards of syntax. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }).map((b) => new TextDecoder('utf-8').decode(b)),
  fc.string({ unit: 'binary', maxLength: 500 }),
  fc.string({ unit: 'grapheme', maxLength: 500 }),
  fc.array(fc.constantFrom(...NASTY_CHUNKS), { maxLength: 200 }).map((a) => a.join('')),
);

type Op = (text: string, donor: string) => string;

const at = (text: string, f: number) => Math.floor(f * (text.length + 1));

/** One mutation of a text; `donor` is another corpus file (any language) to splice from. */
const operation: fc.Arbitrary<Op> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((f): Op => (t) => t.slice(0, at(t, f))),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f): Op => (t) => t.slice(at(t, f))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(300)).map(([f, n]): Op => (t) => {
    const i = at(t, f);
    return t.slice(0, i) + t.slice(i + n);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(400)).map(([f, g, n]): Op => (t, d) => {
    const i = at(t, f);
    const j = at(d, g);
    return t.slice(0, i) + d.slice(j, j + n) + t.slice(i);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...NASTY_CHUNKS)).map(([f, s]): Op => (t) => {
    const i = at(t, f);
    return t.slice(0, i) + s + t.slice(i);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), randomText).map(([f, s]): Op => (t) => {
    const i = at(t, f);
    return t.slice(0, i) + s + t.slice(i);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([f, g]): Op => (t) => {
    // Duplicate a region (a paste of something copied from the same file).
    const i = at(t, Math.min(f, g));
    const j = at(t, Math.max(f, g));
    return t.slice(0, j) + t.slice(i, j) + t.slice(j);
  }),
  fc.constant<Op>((t) => t.replace(/\r?\n/g, '\r\n')),
  fc.constant<Op>((t) => t.replace(/\r?\n/g, '\r')),
  fc.constant<Op>((t) => t.replace(/\r?\n/g, (m) => (Math.abs(hash(t) + m.length) % 3 === 0 ? '\r\n' : m === '\n' ? '\r' : '\n'))),
  fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }).map((bits): Op => (t) => {
    // Mixed line endings: each line break independently \n, \r\n or \r.
    let k = 0;
    return t.replace(/\r\n|\r|\n/g, () => {
      const a = bits[k++ % bits.length];
      const b = bits[(k * 7) % bits.length];
      return a ? (b ? '\r\n' : '\r') : '\n';
    });
  }),
  fc.constant<Op>((t) => '\uFEFF' + t),
  fc.constant<Op>((t) => t.replace(/\t/g, '  ').replace(/ {2}/g, '\t')),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f): Op => (t) => {
    // A NUL past the engine's binary sniff (first 8 kB), so the front ends see it.
    const i = at(t, f);
    return t.slice(0, i) + '\u0000' + t.slice(i) + '\n' + ' '.repeat(8200) + '\u0000';
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 300 }), fc.constantFrom('(', '[', '{', '`${', 'f(', '- ', '  ')).map(([f, n, open]): Op => (t) => {
    const i = at(t, f);
    return t.slice(0, i) + open.repeat(n) + t.slice(i);
  }),
);

/** A corpus file of `language` put through 1–5 random mutations (truncations, splices, line endings, BOMs, NULs, …). */
export function mutatedFile(language: LanguageId): fc.Arbitrary<{ source: string; text: string }> {
  const files = corpusOf(language);
  const all = corpus();
  return fc
    .tuple(fc.constantFrom(...files), fc.array(fc.tuple(operation, fc.constantFrom(...all)), { minLength: 1, maxLength: 5 }))
    .map(([file, ops]) => ({ source: file.rel, text: ops.reduce((t, [op, donor]) => op(t, donor.text), file.text) }));
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i += 97) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

// ---------------------------------------------------------------------------
// Properties

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Whether an offset falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

function checkSpan(text: string, span: Span, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: non-integer span ${JSON.stringify(span)}`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${what}: span ${span.start}-${span.end} outside 0-${text.length}`);
  assert.ok(!splitsSurrogatePair(text, span.start), `${what}: span starts inside a surrogate pair at ${span.start}`);
  assert.ok(!splitsSurrogatePair(text, span.end), `${what}: span ends inside a surrogate pair at ${span.end}`);
}

/** Every range the engine hands out for this file lies inside its text, on character boundaries. */
export function checkSpans(text: string, filePath: string, result: LintResult): void {
  for (const f of result.findings) {
    checkSpan(text, f.span, `${f.ruleId} finding`);
    for (const r of f.related ?? []) if (r.path === filePath) checkSpan(text, r.span, `${f.ruleId} related`);
    for (const e of f.fix?.edits ?? []) {
      if (e.createFile || (e.path && path.resolve(e.path) !== filePath)) continue;
      checkSpan(text, e, `${f.ruleId} fix edit`);
    }
    assert.equal(typeof f.message, 'string');
  }
  for (const c of result.callSites) {
    checkSpan(text, c.span, `call site ${c.method}`);
    checkSpan(text, c.nameSpan, `call site name ${c.method}`);
  }
  for (const e of result.errors) {
    if (e.span && e.path === filePath) checkSpan(text, e.span, `file error "${e.message}"`);
    assert.ok(!e.message.startsWith('Internal:'), e.message);
  }
}

/** The front end's own facts (before the engine's clamping): every range it records for this file is inside the text. */
export function checkFacts(text: string, filePath: string, facts: FileFacts): void {
  const mine = (x: { path?: string }) => !x.path || path.resolve(x.path) === filePath;
  for (const c of facts.callSites) {
    checkSpan(text, c.span, `call site ${c.method}`);
    checkSpan(text, c.nameSpan, `call site name ${c.method}`);
    for (const part of c.prompt) for (const s of part.segments) if (!part.source || part.source.path === filePath) checkSpan(text, s.span, `prompt segment of ${c.method}`);
  }
  for (const s of facts.secrets) if (mine(s)) checkSpan(text, s.span, 'secret');
  for (const h of facts.hops) if (mine(h)) checkSpan(text, h.span, `hop ${h.kind}`);
  for (const d of facts.envDefinitions) if (mine(d)) checkSpan(text, d.span, `env definition ${d.name}`);
  for (const e of facts.endpoints) if (mine(e)) checkSpan(text, e.span, 'endpoint');
}

/**
 * A comparable form of a lint result. File errors are compared by number only: TypeScript's incremental parser words
 * some syntax errors differently from a full parse of the same text (the findings are the same).
 */
export function summary(result: LintResult): unknown {
  return {
    findings: result.findings.map((f) => ({ ...f })),
    callSites: result.callSites.map((c) => ({ span: c.span, method: c.method, model: c.model.value, streaming: c.streaming })),
    errors: result.errors.length,
  };
}

/** Number of syntax errors the language's own parser reports (TS: parseDiagnostics; Python: ERROR/MISSING nodes; YAML: yaml's errors; nginx: our parser's). */
export async function syntaxErrors(language: LanguageId, text: string, file = FILE_OF[language]): Promise<number> {
  switch (language) {
    case 'typescript':
    case 'javascript': {
      const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, language === 'javascript' ? ts.ScriptKind.JS : ts.ScriptKind.TS);
      return (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
    }
    case 'python': {
      const parser = await import('../../server/src/languages/python/parser');
      return parser.withTree(text, (tree) => countPythonErrors(tree.rootNode)) ?? 0;
    }
    case 'yaml': {
      // `yaml` accepts an unterminated quoted scalar at the very end of the text (`a: '''`): a file only counts as
      // clean if it also parses with a line break after it.
      const count = (t: string) => parseAllDocuments(t).reduce((n, d) => n + d.errors.length, 0);
      return Math.max(count(text), count(text + '\n'));
    }
    case 'nginx':
      return parseNginx(text).errors.length;
    case 'dotenv':
      return 0;
  }
}

type TsNode = { hasError: boolean; isMissing: boolean; type: string; childCount: number; child(i: number): TsNode | null };

function countPythonErrors(root: TsNode): number {
  let n = 0;
  const stack: TsNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'ERROR' || node.isMissing) n++;
    if (!node.hasError) continue;
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i);
      if (c) stack.push(c);
    }
  }
  return n;
}

/** Applies a finding's edits to its own file (edits to other files and created files are not part of this text). */
export function applyFix(text: string, filePath: string, finding: Finding): string | null {
  const edits = (finding.fix?.edits ?? []).filter((e) => !e.createFile && (!e.path || path.resolve(e.path) === filePath));
  return edits.length ? applyEdits(text, edits) : null;
}

// ---------------------------------------------------------------------------
// Bugs found by these tests in code owned elsewhere: each has a failing `todo` test in routed.test.ts. Until it is
// fixed the properties skip inputs that hit it (counted, and printed under npm run fuzz) instead of failing.

interface KnownBug {
  id: string;
  matches(language: LanguageId, text: string, failure: string): boolean;
}

export const KNOWN_BUGS: KnownBug[] = [];

export const knownHits = new Map<string, number>();

/** Runs a check; a failure explained by a known, routed bug is counted instead of thrown. */
function unlessKnown(language: LanguageId, text: string, check: () => void): void {
  try {
    check();
  } catch (e) {
    const message = (e as Error).message;
    const bug = KNOWN_BUGS.find((b) => b.matches(language, text, message));
    if (!bug) throw e;
    knownHits.set(bug.id, (knownHits.get(bug.id) ?? 0) + 1);
  }
}

/** How often fixes were applied, and how often one raised the error count of text that already had syntax errors. */
export const fixStats = { fixes: 0, onBroken: 0, grewOnBroken: 0 };

export interface CheckOptions {
  /** Also re-lint after an unrelated edit and back, and compare (slower; catches incremental-parse state bugs). */
  determinism?: boolean;
  /** Apply every offered fix and compare syntax error counts. */
  fixes?: boolean;
  /** Insert `disable-next-line` above each finding (at most this many) and check it is gone. */
  suppressions?: number;
}

/** Lints `text` as `language` and checks every property. Returns the result for further checks. */
export async function checkText(engine: Engine, root: string, language: LanguageId, text: string, options: CheckOptions = {}): Promise<LintResult> {
  const p = path.join(root, FILE_OF[language]);
  engine.setFile(p, text);
  const result = engine.lint(p);
  unlessKnown(language, text, () => checkSpans(text, p, result));
  checkFacts(text, p, engine.facts(p)!);
  if (options.determinism) {
    engine.setFile(p, text.slice(0, text.length >> 1) + '\n#x\n' + text.slice(text.length >> 1));
    engine.lint(p);
    engine.setFile(p, text);
    const again = engine.lint(p);
    assert.deepEqual(summary(again), summary(result), 'linting the same text again gave different findings');
  }
  if (options.fixes) {
    const before = await syntaxErrors(language, text);
    for (const f of result.findings) {
      const fixed = applyFix(text, p, f);
      if (fixed === null) continue;
      const after = await syntaxErrors(language, fixed);
      fixStats.fixes++;
      if (before > 0) fixStats.onBroken++;
      if (after > before) {
        // A parser recovering from errors already in the text may count differently after any edit, however harmless
        // (an import added above a broken line): on broken text growth is measured, not failed. Clean text must stay clean.
        if (before === 0) {
          unlessKnown(language, text, () => assert.fail(`fix "${f.fix!.title}" (${f.ruleId}) broke a file that parsed: ${after} syntax errors\n--- fixed text ---\n${fixed.slice(0, 3000)}`));
        } else fixStats.grewOnBroken++;
      }
    }
  }
  if (options.suppressions) {
    const index = new LineIndex(text);
    const seen = new Set<string>();
    for (const f of result.findings.slice(0, options.suppressions)) {
      const line = index.position(f.span.start).line;
      const key = `${f.ruleId}:${line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const edit = disableEdit(index, line, f.ruleId, language);
      const start = index.offset(edit.range.start);
      const suppressed = text.slice(0, start) + edit.newText + text.slice(index.offset(edit.range.end));
      const shift = edit.newText.endsWith('\n') ? 1 : 0;
      engine.setFile(p, suppressed);
      const after = engine.lint(p);
      const afterIndex = new LineIndex(suppressed);
      const still = after.findings.filter((g) => g.ruleId === f.ruleId && afterIndex.position(g.span.start).line === line + shift);
      assert.deepEqual(still.map((g) => g.message), [], `disable-next-line ${f.ruleId} above line ${line + 1} did not suppress it`);
    }
    // A disable-file comment on a new first line suppresses the rule everywhere in the file.
    const first = result.findings[0];
    if (first) {
      const withFileComment = `${commentPrefix(language)} llm-infra-lint-disable-file ${first.ruleId}${lineBreakOf(text)}${text}`;
      engine.setFile(p, withFileComment);
      const left = engine.lint(p).findings.filter((g) => g.ruleId === first.ruleId);
      assert.deepEqual(left.map((g) => g.message), [], `disable-file ${first.ruleId} did not suppress it`);
    }
    engine.setFile(p, text);
  }
  return result;
}
