import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wordIndex } from '../../server/src/languages/python/extract/file-context';

/** The definition the index implements, as a regular expression. */
function byRegex(text: string): Map<string, number[]> {
  const words = new Map<string, number[]>();
  for (const m of text.matchAll(/[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*/g)) {
    const list = words.get(m[0]);
    if (list) list.push(m.index);
    else words.set(m[0], [m.index]);
  }
  return words;
}

describe('word index of a Python file', () => {
  it('finds the words the identifier pattern finds, at the same offsets', () => {
    const texts = [
      'client = OpenAI()\nr = client.chat.completions.create(model="gpt-4o")\n',
      '9abc a9 _x1 __init__ 3.14e10 0xff x2y\n',
      'résumé = 履歴[0] # 😀 emoji_😀_name café\n',
      'def f(a,b):\n\treturn a+b  # tabs\tand\u00a0nbsp\n',
      '',
      '_',
      'é',
    ];
    for (const text of texts) assert.deepEqual(wordIndex(text), byRegex(text), JSON.stringify(text));
  });

  it('agrees with the pattern on generated text of every kind of character', () => {
    const alphabet = ['a', 'Z', '_', '0', '9', ' ', '.', '\n', 'é', '中', '\ud83d\ude00', '"', '#', '\t'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let k = 0; k < 200; k++) {
      const text = Array.from({ length: next() % 60 }, () => alphabet[next() % alphabet.length]).join('');
      assert.deepEqual(wordIndex(text), byRegex(text), JSON.stringify(text));
    }
  });
});
