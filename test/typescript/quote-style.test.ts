// Fixes insert TypeScript written with single quotes; in a file formatted with double quotes the inserted strings
// follow the file, so accepting a fix leaves no formatter diff behind.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { matchQuoteStyle, preferredQuote } from '../../server/src/languages/typescript/quote-style';
import { applyRuleFixes, engineFor } from '../helpers/lint';

const DOUBLE = 'import OpenAI from "openai";\nconst a = "x";\nconst b = \'y\';\n';

describe('quote style of inserted code', () => {
  it('takes the quote most of the file\'s string literals use, single when tied', () => {
    assert.equal(preferredQuote(DOUBLE), '"');
    assert.equal(preferredQuote("import OpenAI from 'openai';\nconst a = \"x\";\n"), "'");
    assert.equal(preferredQuote('const n = 1;\n// "only" in a comment, `and` a template\n'), "'");
  });

  it('double-quotes plain single-quoted strings only, leaving comments, templates and escapes alone', () => {
    assert.equal(matchQuoteStyle(DOUBLE, "process.env.OPENAI_MODEL ?? 'gpt-4o'"), 'process.env.OPENAI_MODEL ?? "gpt-4o"');
    assert.equal(matchQuoteStyle(DOUBLE, "// don't retry here: the gateway does\nmaxRetries: 0"), "// don't retry here: the gateway does\nmaxRetries: 0");
    assert.equal(matchQuoteStyle(DOUBLE, "`it's ${'a'}`"), '`it\'s ${"a"}`');
    assert.equal(matchQuoteStyle(DOUBLE, "say('he said \"hi\"', 'c:\\\\dir')"), "say('he said \"hi\"', 'c:\\\\dir')");
    assert.equal(matchQuoteStyle("const a = 'x';\n", "f('y')"), "f('y')");
  });

  it('applies to the fixes of a double-quoted file, and they still parse', async () => {
    const src = `import OpenAI from "openai";

const client = new OpenAI({ timeout: 60_000, maxRetries: 1 });

export async function POST(req: Request) {
  const { question } = await req.json();
  const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: question }] });
  return Response.json({ answer: completion.choices[0].message.content });
}
`;
    const { engine, root } = await engineFor({ 'app/api/ask/route.ts': src });
    const file = path.join(root, 'app/api/ask/route.ts');
    const { findings } = engine.lint(file);
    const model = applyRuleFixes(src, findings, 'hardcoded-model', file);
    assert.match(model, /model: process\.env\.OPENAI_MODEL \?\? "gpt-4o-mini"/);
    const usage = applyRuleFixes(src, findings, 'usage-discarded', file);
    assert.match(usage, /console\.info\("llm\.usage", \{ model: completion\.model, usage: completion\.usage \}\);/);
  });
});
