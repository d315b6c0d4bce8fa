// Gemini's REST API names the model in the request path (`…/models/gemini-2.0-flash:generateContent`), not in the
// body: a raw request's model is read from there, so the report can name and price it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { geminiModelInUrl } from '../../server/src/core/catalog/providers';
import { engineFor } from '../helpers/lint';

async function sites(file: string, code: string) {
  const { engine, root } = await engineFor({ [file]: code });
  return engine.facts(path.join(root, file))!.callSites.map((s) => [s.provider, s.model.value, s.model.literal]);
}

describe('the model of a Gemini REST request', () => {
  it('is the path segment before :generateContent or :streamGenerateContent, when written out', () => {
    assert.equal(geminiModelInUrl('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent?key=${}'), 'gemini-2.0-flash');
    assert.equal(geminiModelInUrl('https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/google/models/gemini-1.5-pro-002:streamGenerateContent'), 'gemini-1.5-pro-002');
    assert.equal(geminiModelInUrl('https://generativelanguage.googleapis.com/v1beta/models/${}:generateContent'), null);
    assert.equal(geminiModelInUrl('https://generativelanguage.googleapis.com/v1beta/models/gemini-${}:generateContent'), null);
    assert.equal(geminiModelInUrl('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:countTokens'), null);
  });

  it('names the model of raw requests in TypeScript and Python, as a value the code does not write as a model option', async () => {
    assert.deepEqual(
      await sites('src/gemini.ts', "const URL = 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent';\nexport const ask = (q: string) => fetch(`${URL}?key=${process.env.GEMINI_API_KEY}`, { method: 'POST', body: JSON.stringify({ contents: [{ parts: [{ text: q }] }] }) });\n"),
      [['google', 'gemini-2.0-flash', false]],
    );
    assert.deepEqual(
      await sites('gemini.py', 'import os\nimport requests\n\nMODEL = os.environ["GEMINI_MODEL"]\n\n\ndef ask(q):\n    requests.post("https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-flash:generateContent", json={"contents": [{"parts": [{"text": q}]}]}, timeout=30)\n    return requests.post(f"https://generativelanguage.googleapis.com/v1beta/models/{MODEL}:generateContent", json={"contents": []}, timeout=30)\n'),
      [
        ['google', 'gemini-1.5-flash', false],
        ['google', null, false],
      ],
    );
  });
});
