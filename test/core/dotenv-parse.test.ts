// The .env reader agrees with dotenv on the shapes real files have: a byte order mark, `export`, quotes, comments,
// CRLF, and quoted values that span lines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDotenv } from '../../server/src/languages/dotenv/parse';

const names = (text: string) => parseDotenv(text).map((e) => [e.name, e.value]);

describe('parseDotenv', () => {
  it('reads the first variable after a byte order mark', () => {
    assert.deepEqual(names('\uFEFFOPENAI_BASE_URL=http://litellm:4000\nOTHER=1\n'), [['OPENAI_BASE_URL', 'http://litellm:4000'], ['OTHER', '1']]);
  });

  it('takes a quoted value that spans lines as one value, and the lines inside it as nothing', () => {
    const text = 'NOTES="set this:\r\nOPENAI_BASE_URL=http://litellm:4000\r\n"\r\nMODEL=gpt-4o\r\n';
    assert.deepEqual(names(text), [['NOTES', 'set this:\r\nOPENAI_BASE_URL=http://litellm:4000\r\n'], ['MODEL', 'gpt-4o']]);
    const [notes, model] = parseDotenv(text);
    assert.equal(text.slice(notes.span.start, notes.span.end), 'NOTES="set this:\r\nOPENAI_BASE_URL=http://litellm:4000\r\n"');
    assert.equal(text.slice(model.valueSpan!.start, model.valueSpan!.end), 'gpt-4o');
  });

  it('keeps the one-line shapes: export, quotes, trailing comments, empty values, CRLF', () => {
    assert.deepEqual(names("export A=1\r\nB='two words' # note\nC=three # note\nD=\n# E=5\n  F = \"x#y\"\n"), [
      ['A', '1'],
      ['B', 'two words'],
      ['C', 'three'],
      ['D', null],
      ['F', 'x#y'],
    ]);
  });

  it('an unclosed quote stays a plain one-line value', () => {
    assert.deepEqual(names('A="unclosed\nB=2\n'), [['A', '"unclosed'], ['B', '2']]);
  });
});
