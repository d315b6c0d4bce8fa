import { describe, it, afterEach } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeCacheOutcomes, flushCodeCaches, requireWithCodeCache, serverCacheDir, useCodeCacheDir } from '../../server/src/process/code-cache';

const MODULE = path.resolve('server/src/process/code-cache.ts');

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
}

/** A CommonJS script big enough for V8 to cache, exporting `value` and using require and __dirname. */
function writeScript(dir: string, value: string): string {
  const file = path.join(dir, 'lib.js');
  const filler = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x * ${i} + ${i}; }`).join('\n');
  fs.writeFileSync(file, `${filler}\nconst path = require('node:path');\nmodule.exports = { value: ${JSON.stringify(value)}, dir: path.basename(__dirname), sum: f7(2) };\n`);
  return file;
}

/**
 * Loads `file` with the cache in a process of its own, as each server start does (within one process V8 compiles a
 * script it has seen from memory and ignores the cache): what it exported and what it did with the cache.
 */
function loadInNewProcess(file: string, cache: string): { exports: unknown; outcome: string } {
  const code = `const m = require(${JSON.stringify(MODULE)}); m.useCodeCacheDir(${JSON.stringify(cache)}); const exports = m.requireWithCodeCache(${JSON.stringify(file)}); m.flushCodeCaches(); console.log(JSON.stringify({ exports, outcome: m.codeCacheOutcomes.get(${JSON.stringify(file)}) }));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

describe('code cache', () => {
  afterEach(() => useCodeCacheDir(null));

  it('loads a script plainly when no cache directory is set', () => {
    const dir = scratch();
    const file = writeScript(dir, 'plain');
    assert.deepEqual(requireWithCodeCache(file), { value: 'plain', dir: path.basename(dir), sum: 21 });
    assert.equal(codeCacheOutcomes.get(file), 'off');
  });

  it('writes the cache once and compiles from it in the next process', () => {
    const dir = scratch();
    const cache = path.join(dir, 'cache');
    const file = writeScript(dir, 'first');
    const expected = { value: 'first', dir: path.basename(dir), sum: 21 };
    assert.deepEqual(loadInNewProcess(file, cache), { exports: expected, outcome: 'missing' });
    assert.equal(fs.readdirSync(cache).filter((n) => n.endsWith('.v8cache')).length, 1);
    assert.deepEqual(loadInNewProcess(file, cache), { exports: expected, outcome: 'used' });
  });

  it('never uses the cache of another text of the same length', () => {
    const dir = scratch();
    const cache = path.join(dir, 'cache');
    const file = writeScript(dir, 'aaaa');
    loadInNewProcess(file, cache);
    writeScript(dir, 'bbbb');
    const second = loadInNewProcess(file, cache);
    assert.equal((second.exports as { value: string }).value, 'bbbb');
    assert.equal(second.outcome, 'missing');
  });

  it('compiles from source when the cache file is damaged, and replaces it', () => {
    const dir = scratch();
    const cache = path.join(dir, 'cache');
    const file = writeScript(dir, 'damaged');
    loadInNewProcess(file, cache);
    const [name] = fs.readdirSync(cache);
    fs.writeFileSync(path.join(cache, name), Buffer.from('not a code cache'));
    const damaged = loadInNewProcess(file, cache);
    assert.deepEqual(damaged, { exports: { value: 'damaged', dir: path.basename(dir), sum: 21 }, outcome: 'rejected' });
    assert.equal(loadInNewProcess(file, cache).outcome, 'used');
  });

  it('keeps working when the cache directory cannot be created', () => {
    const dir = scratch();
    const blocker = path.join(dir, 'blocker');
    fs.writeFileSync(blocker, '');
    useCodeCacheDir(path.join(blocker, 'cache'));
    const file = writeScript(dir, 'unwritable');
    assert.equal((requireWithCodeCache(file) as { value: string }).value, 'unwritable');
    assert.doesNotThrow(() => flushCodeCaches());
    assert.deepEqual(fs.readdirSync(dir).sort(), ['blocker', 'lib.js']);
  });

  it('puts the language server cache where the environment says, or in the user cache directory', () => {
    assert.equal(serverCacheDir({ LLM_INFRA_LINT_CACHE_DIR: '/x/y' }), '/x/y');
    assert.equal(serverCacheDir({ LLM_INFRA_LINT_CACHE_DIR: '' }), null);
    if (process.platform === 'linux') {
      assert.equal(serverCacheDir({ XDG_CACHE_HOME: '/xdg' }), '/xdg/llm-infra-lint');
      assert.equal(serverCacheDir({}), path.join(os.homedir(), '.cache', 'llm-infra-lint'));
    }
  });
});
