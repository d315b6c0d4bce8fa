// npm run fuzz: the robustness properties of test/robustness at scale, with a random seed, plus the 10,000-edit
// editing session. `npm test` runs the same tests with a fixed seed and small counts.
//
//   npm run fuzz                          every robustness test, counts ×(fuzz counts in the tests), random seed
//   npm run fuzz -- fuzz editing          only the files whose name contains one of the words
//   FUZZ_SEED=123 npm run fuzz            replay a seed (printed at the start and in every failure)
//   FUZZ_SCALE=0.2 npm run fuzz           scale the property counts (the editing session keeps its 10,000 edits)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
const filters = process.argv.slice(2);
const files = readdirSync(path.join(root, 'test/robustness'))
  .filter((f) => f.endsWith('.test.ts') && (filters.length === 0 || filters.some((w) => f.includes(w))))
  .map((f) => path.join('test/robustness', f));

// With no file, `node --test` would fall back to finding test files itself, and run the fixtures' scripts.
if (files.length === 0) {
  console.error(`no file of test/robustness has a name containing ${filters.join(' or ')}`);
  process.exit(2);
}
console.log(`fuzz seed ${seed} (replay with FUZZ_SEED=${seed}); files: ${files.join(', ')}`);
// The language-server tests drive dist/server.js: build it first.
const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const started = Date.now();
// One file at a time: the editing session measures response times, which a parallel fuzzer would distort.
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, LLM_INFRA_LINT_FUZZ: '1', FUZZ_SEED: seed },
});
console.log(`fuzz seed ${seed}: ${result.status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(result.status ?? 1);
