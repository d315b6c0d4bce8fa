// Property tests over every front end and the engine as a whole: random bytes, invalid UTF-8, lone surrogates,
// truncations and splices of the fixtures, CRLF / CR / mixed line endings, BOMs and NUL bytes. For every input:
// no exception escapes, every range lies inside the document on character boundaries, linting the same text again
// (after an edit and back) gives the same findings, no fix breaks a file that parsed, and a disable-next-line comment
// above a finding suppresses it. Counts are modest here; `npm run fuzz` runs the same properties at scale.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Engine } from '../../server/src/core/engine';
import type { LanguageId } from '../../server/src/core/types';
import { FILE_OF, FUZZ, LANGUAGES, LLM_HEADER, checkSpans, checkText, corpus, corpusOf, mutatedFile, newEngine, params, randomText } from './harness';

const ALL: Required<Parameters<typeof checkText>[4]> = { determinism: true, fixes: true, suppressions: 4 };

let engine: Engine;
let root: string;
before(async () => ({ engine, root } = await newEngine()));

for (const language of LANGUAGES) {
  describe(`fuzzed ${language}`, () => {
    it('random bytes (invalid UTF-8 decoded to U+FFFD), lone surrogates and shards of syntax', async () => {
      await fc.assert(
        fc.asyncProperty(randomText, fc.boolean(), async (text, header) => {
          await checkText(engine, root, language, (header ? LLM_HEADER[language] : '') + text, ALL);
        }),
        params(`${language}: random text`, 30, 2000),
      );
    });

    it('truncated, spliced, re-encoded and nested copies of the fixtures', async () => {
      await fc.assert(
        fc.asyncProperty(mutatedFile(language), async ({ text }) => {
          await checkText(engine, root, language, text, ALL);
        }),
        params(`${language}: mutated fixtures`, 40, 3000),
      );
    });

    it('every fixture as is, with CRLF, with CR, and with a BOM and mixed line endings', async () => {
      const files = corpusOf(language);
      assert.ok(files.length > 0, `no ${language} files in the corpus`);
      const variants = (t: string) => [t, t.replace(/\r?\n/g, '\r\n'), t.replace(/\r?\n/g, '\r'), '\uFEFF' + t.replace(/\r?\n/g, (_m, i: number) => (i % 3 ? '\n' : '\r\n'))];
      // Under npm test every other file in one variant (rotating); under npm run fuzz every variant of every file.
      let k = 0;
      for (const [i, file] of files.entries()) {
        if (!FUZZ && i % 2 === 1) continue;
        const all = variants(file.text);
        const chosen = FUZZ ? all : [all[k++ % all.length]];
        for (const text of chosen) await checkText(engine, root, language, text, { determinism: true, fixes: true, suppressions: 50 });
      }
    });
  });
}

describe('fuzzed workspace: files of every language analysed together', () => {
  it('cross-file rules (hops, env definitions, retry chains) never throw or misplace ranges', async () => {
    const workspace = fc.record(Object.fromEntries(LANGUAGES.map((l) => [l, mutatedFile(l)])) as Record<LanguageId, ReturnType<typeof mutatedFile>>);
    await fc.assert(
      fc.asyncProperty(workspace, async (files) => {
        const { engine: ws, root: wsRoot } = await newEngine();
        for (const language of LANGUAGES) ws.setFile(path.join(wsRoot, FILE_OF[language]), files[language].text);
        const first = ws.lintAll();
        for (const r of first) checkSpans(files[r.language!].text, r.path, r);
        // The aggregate (hops, env definitions) is rebuilt when one file changes; linting again must agree.
        ws.setFile(path.join(wsRoot, FILE_OF.yaml), files.yaml.text + '\n# edit\n');
        ws.setFile(path.join(wsRoot, FILE_OF.yaml), files.yaml.text);
        const again = ws.lintAll();
        assert.deepEqual(again.map((r) => r.findings), first.map((r) => r.findings));
      }),
      params('workspace of every language', 15, 800),
    );
  });

  it('the whole corpus in one engine', async () => {
    const { engine: ws, root: wsRoot } = await newEngine();
    for (const f of corpus()) ws.setFile(path.join(wsRoot, f.rel), f.text);
    for (const r of ws.lintAll()) checkSpans(ws.facts(r.path)!.text, r.path, r);
  });
});
