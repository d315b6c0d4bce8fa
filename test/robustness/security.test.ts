// Security properties: analysis only reads files (no socket, request, name lookup or process, in-process or in the
// server), it behaves identically with the network disabled, and `hardcoded-api-key` never prints a whole key —
// not in CLI output (stylish, json, sarif), the report (markdown, json, html), LSP diagnostics, hovers, code actions
// or logs. The extension declares untrusted-workspace support (it reads, never runs) in package.json.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { createEngine } from '../../server/src/analysis';
import { API_KEY_PATTERNS, looksLikeApiKey } from '../../server/src/core/catalog/providers';
import { initParsers } from '../helpers/lint';
import { SERVER, TestClient, pullCapabilities } from '../lsp/fixtures/lsp-client';
import { REPO, SEED, closeClient, params, runs } from './harness';
import { tempDir } from '../helpers/temp-dir';

const run = promisify(execFile);
const CLI = path.join(REPO, 'dist/cli.js');
const DENY = path.join(__dirname, 'fixtures/deny-effects.cjs');

// ---------------------------------------------------------------------------
// No network, no processes

type Patch = { target: Record<string, unknown>; name: string; label: string };

function effectPatches(): Patch[] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const net = require('node:net');
  const cp = require('node:child_process');
  const dns = require('node:dns');
  const patches: Patch[] = [
    { target: net.Socket.prototype, name: 'connect', label: 'net.Socket.connect' },
    { target: net, name: 'connect', label: 'net.connect' },
    { target: net, name: 'createConnection', label: 'net.createConnection' },
    { target: require('node:tls'), name: 'connect', label: 'tls.connect' },
    { target: require('node:http'), name: 'request', label: 'http.request' },
    { target: require('node:http'), name: 'get', label: 'http.get' },
    { target: require('node:https'), name: 'request', label: 'https.request' },
    { target: require('node:https'), name: 'get', label: 'https.get' },
    { target: require('node:http2'), name: 'connect', label: 'http2.connect' },
    { target: require('node:dgram'), name: 'createSocket', label: 'dgram.createSocket' },
    { target: dns, name: 'lookup', label: 'dns.lookup' },
    { target: dns, name: 'resolve', label: 'dns.resolve' },
    { target: globalThis as unknown as Record<string, unknown>, name: 'fetch', label: 'fetch' },
  ];
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) patches.push({ target: cp, name, label: `child_process.${name}` });
  return patches.filter((p) => typeof p.target[p.name] === 'function');
}

/** Runs `fn` with every effect replaced: calls are recorded, and thrown when `fail` is set (the network "disabled"). */
async function withEffectsDenied<T>(fail: boolean, fn: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  const calls: string[] = [];
  const patches = effectPatches();
  const originals = patches.map((p) => p.target[p.name]);
  patches.forEach((p) => {
    p.target[p.name] = (..._args: unknown[]) => {
      calls.push(`${p.label}\n${new Error().stack}`);
      if (fail) throw new Error(`${p.label} is disabled`);
      return (originals[patches.indexOf(p)] as (...a: unknown[]) => unknown).apply(p.target, _args);
    };
  });
  try {
    return { result: await fn(), calls };
  } finally {
    patches.forEach((p, i) => (p.target[p.name] = originals[i]));
  }
}

/** Everything the analysis produces for a folder, with the folder's path removed so runs compare. */
async function analyse(dir: string): Promise<unknown> {
  const engine = createEngine(dir);
  const scanErrors = await engine.scan([dir]);
  const results = engine.lintAll();
  const view = engine.workspaceView();
  const out = { scanErrors, results, hops: view.hops, env: view.envDefinitions, instrumentation: view.instrumentation };
  return JSON.parse(JSON.stringify(out).split(dir).join('<root>'));
}

describe('analysis never opens a socket or starts a process', () => {
  before(initParsers);

  it('examples: no effect is attempted, and the results are identical with the network disabled', async () => {
    const root = path.join(REPO, 'examples');
    const allowed = await withEffectsDenied(false, () => analyse(root));
    const disabled = await withEffectsDenied(true, () => analyse(root));
    assert.deepEqual(allowed.calls, [], `analysis attempted: ${allowed.calls.join('\n\n')}`);
    assert.deepEqual(disabled.calls, []);
    assert.deepEqual(disabled.result, allowed.result);
  });

  for (const dir of ['test/fixtures', 'test/robustness/fixtures', 'test/lsp/fixtures/workspace']) {
    it(`${dir}: no effect is attempted`, async () => {
      const { calls } = await withEffectsDenied(true, () => analyse(path.join(REPO, dir)));
      assert.deepEqual(calls, [], `analysis attempted: ${calls.join('\n\n')}`);
    });
  }

  it('the language server, with every effect made to fail, serves a workspace and attempts none', async () => {
    const root = tempDir('lil-noeffects-');
    fs.cpSync(path.join(REPO, 'examples'), root, { recursive: true });
    const c = await TestClient.start({ command: [process.execPath, '-r', DENY, SERVER, '--stdio'], capabilities: pullCapabilities, root });
    try {
      await c.waitFor('the first scan', () => c.messages.some((m) => m.method === 'llm-infra-lint/status' && (m.params as { state: string }).state === 'ready'), 30_000);
      for (const rel of ['chat-service/src/app/api/chat/route.ts', 'chat-service/src/lib/llm.ts', 'deploy/nginx/nginx.conf', 'deploy/k8s/ingress.yaml']) {
        const uri = await c.open(rel, undefined, rel.endsWith('.conf') ? 'nginx' : undefined);
        const ds = await c.pull(uri);
        await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: ds[0]?.range.start ?? { line: 0, character: 0 } });
        await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } });
        await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: ds[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: ds } });
      }
      await c.conn.sendRequest('llm-infra-lint/workspaceReport', { format: 'html' });
      assert.equal(c.exitCode, null);
      assert.ok(!c.stderr.includes('LLM-INFRA-LINT-DENIED'), c.stderr.slice(0, 3000));
    } finally {
      await closeClient(c);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------
// Keys are never printed whole

const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const body = (alphabet: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });

/** Key-shaped strings for each provider pattern in the catalogue. */
const keyArbitraries: Record<string, fc.Arbitrary<string>> = {
  'anthropic-api03': body(KEY_CHARS + '_-', 80, 100).map((b) => `sk-ant-api03-${b}AA`),
  anthropic: body(KEY_CHARS, 40, 60).map((b) => `sk-ant-${b}`),
  openrouter: body('0123456789abcdef', 64, 64).map((b) => `sk-or-v1-${b}`),
  'openai-project': body(KEY_CHARS + '_-', 40, 150).map((b) => `sk-proj-${b}`),
  'openai-legacy': body(KEY_CHARS, 48, 48).map((b) => `sk-${b}`),
  google: body(KEY_CHARS + '_-', 35, 35).map((b) => `AIza${b}`),
  groq: body(KEY_CHARS, 52, 52).map((b) => `gsk_${b}`),
};

/** Windows of the key long enough that printing one would reveal more than the masked form does. */
function leaks(output: string, key: string): string | null {
  if (output.includes(key)) return key;
  for (let i = 0; i + 12 <= key.length; i++) if (output.includes(key.slice(i, i + 12))) return key.slice(i, i + 12);
  return null;
}

/** A workspace with each key in a different place: TS and Python clients and headers, compose, Kubernetes, LiteLLM, .env.example. */
function keyWorkspace(keys: string[]): string {
  const root = tempDir('lil-keys-');
  const k = (i: number) => keys[i % keys.length];
  const files: Record<string, string> = {
    'src/app/api/chat/route.ts': `import OpenAI from 'openai';\n\nconst client = new OpenAI({ apiKey: '${k(0)}', timeout: 30_000 });\n\nexport async function POST(req: Request) {\n  const r = await fetch('https://api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': '${k(1)}', authorization: \`Bearer ${k(2)}\` } });\n  const c = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: await req.text() }] });\n  return Response.json({ c, r: await r.json(), usage: c.usage });\n}\n`,
    'app/main.py': `import httpx\nfrom openai import OpenAI\n\nclient = OpenAI(api_key="${k(3)}", timeout=30)\n\n\ndef ask(q):\n    httpx.post("https://api.groq.com/openai/v1/chat/completions", headers={"Authorization": f"Bearer ${k(4)}"}, timeout=10)\n    r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])\n    return r.usage\n`,
    'docker-compose.yaml': `services:\n  app:\n    image: acme/app\n    environment:\n      OPENAI_API_KEY: ${k(5)}\n      ANTHROPIC_API_KEY: "${k(6)}"\n`,
    'deploy/k8s/app.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: GEMINI_API_KEY\n              value: ${k(7)}\n`,
    'litellm/config.yaml': `model_list:\n  - model_name: gpt-4o\n    litellm_params:\n      model: openai/gpt-4o\n      api_key: ${k(8)}\n`,
    '.env.example': `OPENAI_API_KEY=${k(9)}\nGROQ_API_KEY="${k(10)}"\n`,
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/** stdout and stderr of one CLI run (`check` exits 1 when it finds errors: the output is what matters). */
async function cli(args: string[], cwd: string): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd, maxBuffer: 64 << 20 }).catch((e: { stdout: string; stderr: string; code: number }) => {
    if (e.code !== 1) throw e;
    return e;
  });
  return stdout + stderr;
}

function sampleKeys(count: number, seedOffset: number): string[] {
  const all = fc.oneof(...Object.values(keyArbitraries)).filter((key) => looksLikeApiKey(key) !== null);
  return fc.sample(all, { numRuns: count, seed: SEED + seedOffset });
}

describe('hardcoded-api-key never prints a whole key', () => {
  before(initParsers);

  it('every provider pattern in the catalogue has a generator, and generated keys are recognised', () => {
    for (const [name, arb] of Object.entries(keyArbitraries)) {
      for (const key of fc.sample(arb, { numRuns: 20, seed: SEED })) {
        const hit = looksLikeApiKey(key);
        if (!hit) continue; // a rare draw that looks like a placeholder (too few distinct characters)
        assert.ok(!hit.masked.includes(key.slice(8, -4)), `${name}: masked form ${hit.masked} shows the key`);
        assert.equal(leaks(hit.masked, key), null, `${name}: ${hit.masked}`);
      }
    }
    const matched = new Set(Object.values(keyArbitraries).flatMap((arb) => fc.sample(arb, { numRuns: 5, seed: SEED }).map((k) => API_KEY_PATTERNS.findIndex((p) => p.pattern.test(k)))));
    assert.deepEqual([...matched].sort(), API_KEY_PATTERNS.map((_p, i) => i), 'a provider pattern has no generator here');
  });

  it('the engine\'s messages never hold a key (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(...Object.values(keyArbitraries)).filter((k) => looksLikeApiKey(k) !== null), { minLength: 11, maxLength: 11 }), async (keys) => {
        const root = keyWorkspace(keys);
        try {
          const engine = createEngine(root);
          await engine.scan([root]);
          const results = engine.lintAll();
          const found = results.flatMap((r) => r.findings).filter((f) => f.ruleId === 'hardcoded-api-key');
          assert.ok(found.length >= 8, `only ${found.length} hardcoded-api-key findings`);
          // Findings and file errors are what every output is made of (call-site facts hold the literal, and are never printed).
          const text = JSON.stringify(results.map((r) => ({ findings: r.findings, errors: r.errors })));
          for (const key of keys) assert.equal(leaks(text, key), null, `a key leaked into the engine's results`);
        } finally {
          fs.rmSync(root, { recursive: true, force: true });
        }
      }),
      params('key masking in engine results', 10, 500),
    );
  });

  describe('CLI, report and language server output', () => {
    let root: string;
    let keys: string[];
    const printed = new Map<string, Promise<string>>();
    before(() => {
      keys = sampleKeys(11 * runs(1, 3), 1);
      root = keyWorkspace(keys);
      // The six CLI runs go in parallel; each test checks one output.
      for (const [title, args] of outputs) printed.set(title, cli(args, root));
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    const outputs: Array<[string, string[]]> = [
      ['check --format stylish', ['check', '.', '--format', 'stylish', '--max-warnings', '1000']],
      ['check --format json', ['check', '.', '--format', 'json', '--max-warnings', '1000']],
      ['check --format sarif', ['check', '.', '--format', 'sarif', '--max-warnings', '1000']],
      ['report --format markdown', ['report', '.', '--format', 'markdown']],
      ['report --format json', ['report', '.', '--format', 'json']],
      ['report --format html', ['report', '.', '--format', 'html']],
    ];
    for (const [title, args] of outputs) {
      it(title, async () => {
        const out = await printed.get(title)!;
        if (args[0] === 'check') assert.match(out, /hardcoded-api-key/);
        for (const key of keys) assert.equal(leaks(out, key), null, `${title} printed a key`);
      });
    }

    it('LSP diagnostics, hovers, code actions, code lenses and logs', async () => {
      const c = await TestClient.start({ capabilities: pullCapabilities, root });
      try {
        const responses: unknown[] = [];
        for (const rel of ['src/app/api/chat/route.ts', 'app/main.py', 'docker-compose.yaml', 'deploy/k8s/app.yaml', 'litellm/config.yaml', '.env.example']) {
          const uri = await c.open(rel);
          const ds: Diagnostic[] = await c.pull(uri);
          responses.push(ds);
          for (const d of ds.filter((x) => x.code === 'hardcoded-api-key')) {
            responses.push(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start }));
            responses.push(await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }));
          }
          responses.push(await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } }));
        }
        assert.ok(JSON.stringify(responses).includes('hardcoded-api-key'));
        const everything = JSON.stringify(responses) + JSON.stringify(c.messages) + c.stderr;
        for (const key of keys) assert.equal(leaks(everything, key), null, 'the language server sent a key');
      } finally {
        await closeClient(c);
      }
    });
  });
});

describe('workspace trust', () => {
  it('package.json declares untrusted-workspace support with a description', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { capabilities?: { untrustedWorkspaces?: { supported?: unknown; description?: unknown } } };
    const trust = pkg.capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, true);
    assert.equal(typeof trust?.description, 'string');
    assert.match(String(trust?.description), /read/i);
  });
});
