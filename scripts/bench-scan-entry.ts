// Bundled by `npm run bench` into .bench/scan.js, so the scan row measures the engine as the CLI ships it (bundled,
// without the transpiler's wrappers): scans a directory, lints every file, prints {"seconds","files"} as JSON.
import { performance } from 'node:perf_hooks';
import { createEngine } from '../server/src/analysis';
import { initPython } from '../server/src/languages/python/parser';
// Module loading stays outside the timed part: the engine requires the TypeScript compiler on the first JS/TS file
// with LLM code, so it is loaded here, before the clock starts, as the Python grammar is.
import '../server/src/languages/typescript/front-end';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node .bench/scan.js <directory>');
  await initPython();
  const engine = createEngine(dir);
  const started = performance.now();
  await engine.scan([dir]);
  const results = engine.lintAll();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ seconds, files: results.length }) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
