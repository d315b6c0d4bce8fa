// Facts after a chain of edits equal the facts of the same text analysed from scratch. The front ends reuse work
// across versions (TypeScript's incremental reparse and per-statement tree index, the Python mirror's reused statements
// and the answers kept with them): none of it may leak an earlier version into a later one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { defaultConfig } from '../../server/src/core/config';
import { Engine } from '../../server/src/core/engine';
import type { LanguageId } from '../../server/src/core/types';
import { createFrontEnds } from '../../server/src/languages';
import { forgetTree, withoutKeptMirrors } from '../../server/src/languages/python/parser';
import { rules } from '../../server/src/rules';
import { initParsers } from '../helpers/lint';
import { corpusOf, FILE_OF, LLM_HEADER, params } from './harness';
import { tempDir } from '../helpers/temp-dir';

/** Pieces typed or pasted: code that changes structure, text inside strings, line breaks, deletions. */
const PIECES = ['x', ' ', '\n', '\n\n', '(', ')', '"', "'", ':', ',', '    ', 'await ', 'timeout=30, ', 'timeout: 30_000, ', '# note\n', '// note\n', 'é', '🙂', ''];

const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat({ max: 12 }), piece: fc.constantFrom(...PIECES) });

function apply(text: string, e: { at: number; remove: number; piece: string }): string {
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.piece + text.slice(Math.min(text.length, at + e.remove));
}

/** Facts as comparable text, with the workspace root replaced. */
function factsOf(engine: Engine, root: string, file: string): string {
  const facts = engine.facts(path.join(root, file));
  return JSON.stringify(facts).split(root).join('<root>');
}

function tempRoot(): string {
  return tempDir('lil-incremental-');
}

for (const language of ['typescript', 'python'] as LanguageId[]) {
  describe(`incremental analysis (${language})`, () => {
    it('after each edit of a chain, the facts equal a fresh analysis of the same text', async () => {
      await initParsers();
      const sources = corpusOf(language).map((f) => f.text);
      sources.push(LLM_HEADER[language]);
      const file = FILE_OF[language];
      const kept = tempRoot();
      const fresh = tempRoot();
      try {
        const keptEngine = new Engine({ root: kept, rules, frontEnds: createFrontEnds(), config: defaultConfig() });
        fc.assert(
          fc.property(fc.nat({ max: sources.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (which, edits) => {
            let text = sources[which];
            keptEngine.setFile(path.join(kept, file), text);
            keptEngine.facts(path.join(kept, file));
            for (const e of edits) {
              text = apply(text, e);
              keptEngine.setFile(path.join(kept, file), text);
              const incremental = factsOf(keptEngine, kept, file);
              // A new engine, no cached tree and no kept mirror: everything computed from the text alone.
              const scratch = withoutKeptMirrors(() => {
                forgetTree(path.join(fresh, file));
                const engine = new Engine({ root: fresh, rules, frontEnds: createFrontEnds(), config: defaultConfig() });
                engine.setFile(path.join(fresh, file), text);
                return factsOf(engine, fresh, file);
              });
              assert.equal(incremental, scratch, `facts differ after edits ${JSON.stringify(edits)} of source ${which}`);
            }
          }),
          params(`incremental ${language}`, 60, 600),
        );
      } finally {
        fs.rmSync(kept, { recursive: true, force: true });
        fs.rmSync(fresh, { recursive: true, force: true });
      }
    });
  });
}
