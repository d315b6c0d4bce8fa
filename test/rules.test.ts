// Runs every rule's fixture folder: test/fixtures/<rule-id>/ is one small workspace.
// `expect: <id>` in a comment: the next code line must carry a finding of that rule.
// `ok: <id>`: a near miss; the next code line must carry none. Files named valid* must be silent for the rule.
// `<name>.fixed.<ext>` is `<name>.<ext>` after applying all of the rule's fixes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LineIndex } from '../server/src/core/text';
import { rules } from '../server/src/rules';
import { applyRuleFixes, engineFor } from './helpers/lint';
import { parsesCleanly } from './helpers/parse-check';

const FIXTURES = path.join(__dirname, 'fixtures');

function readTree(dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) readTree(p, base, out);
    else out[path.relative(base, p)] = fs.readFileSync(p, 'utf8');
  }
  return out;
}

interface Annotation {
  kind: 'expect' | 'ok';
  ruleId: string;
  /** 0-based line the annotation applies to. */
  line: number;
}

function annotations(text: string): Annotation[] {
  const lines = text.split(/\r?\n/);
  const out: Annotation[] = [];
  lines.forEach((l, i) => {
    const m = /(?:\/\/|#)\s*(expect|ok):\s*([a-z0-9-]+)/.exec(l);
    if (!m) return;
    // The annotation belongs to the next line that is not itself a comment or blank.
    let j = i + 1;
    while (j < lines.length && (/^\s*(\/\/|#)/.test(lines[j]) || lines[j].trim() === '')) j++;
    out.push({ kind: m[1] as 'expect' | 'ok', ruleId: m[2], line: j });
  });
  return out;
}

const ruleIds = rules.map((r) => r.id);

for (const ruleId of fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).sort() : []) {
  if (!ruleIds.includes(ruleId)) continue;
  describe(`rule ${ruleId}`, () => {
    const dir = path.join(FIXTURES, ruleId);
    const all = readTree(dir);
    const sources = Object.fromEntries(Object.entries(all).filter(([rel]) => !/\.fixed\./.test(rel) && rel !== 'options.json'));
    const options = all['options.json'];

    for (const rel of Object.keys(sources).sort()) {
      it(`${rel}: findings match annotations`, async () => {
        const { engine, root } = await engineFor(sources, options);
        const file = path.join(root, rel);
        const result = engine.lint(file);
        const text = sources[rel];
        const index = new LineIndex(text);
        const mine = result.findings.filter((f) => f.ruleId === ruleId);
        const byLine = new Map<number, number>();
        for (const f of mine) byLine.set(index.position(f.span.start).line, (byLine.get(index.position(f.span.start).line) ?? 0) + 1);
        const notes = annotations(text).filter((a) => a.ruleId === ruleId);
        for (const a of notes) {
          if (a.kind === 'expect') assert.ok(byLine.has(a.line), `expected ${ruleId} on line ${a.line + 1} of ${rel}; got lines ${[...byLine.keys()].map((l) => l + 1).join(', ') || 'none'}`);
          else assert.ok(!byLine.has(a.line), `near miss on line ${a.line + 1} of ${rel} must stay silent: ${mine.find((f) => index.position(f.span.start).line === a.line)?.message}`);
        }
        const expected = new Set(notes.filter((a) => a.kind === 'expect').map((a) => a.line));
        for (const [line] of byLine) assert.ok(expected.has(line), `unexpected ${ruleId} on line ${line + 1} of ${rel}: ${mine.find((f) => index.position(f.span.start).line === line)?.message}`);
        if (/^valid/.test(path.basename(rel))) assert.equal(mine.length, 0, `${rel} must produce no ${ruleId} findings`);
        for (const f of mine) {
          assert.ok(f.span.start >= 0 && f.span.end <= text.length && f.span.start <= f.span.end, 'finding range inside the document');
          assert.ok(!/\.\s*$/.test(f.message), `message has no trailing period: ${f.message}`);
        }
      });
    }

    for (const rel of Object.keys(all).filter((r) => /\.fixed\./.test(r)).sort()) {
      const srcRel = rel.replace('.fixed.', '.');
      it(`${srcRel}: fixes produce ${rel}`, async () => {
        assert.ok(srcRel in sources, `${rel} has no source ${srcRel}`);
        const { engine, root } = await engineFor(sources, options);
        const file = path.join(root, srcRel);
        const findings = engine.lint(file).findings;
        const fixed = applyRuleFixes(sources[srcRel], findings, ruleId, file);
        assert.equal(fixed, all[rel]);
        const parse = await parsesCleanly(srcRel, fixed);
        assert.ok(parse.ok, `fixed output must parse: ${parse.error}`);
        // Converges: the fixed file has no fixable finding of the rule left.
        const again = await engineFor({ ...sources, [srcRel]: fixed }, options);
        const left = again.engine.lint(path.join(again.root, srcRel)).findings.filter((f) => f.ruleId === ruleId && f.fix);
        assert.equal(left.length, 0, `fix does not converge: ${left.map((f) => f.message).join('; ')}`);
      });
    }
  });
}
