// A local Ollama server bills nothing per token (audit 109): whatever a model is called there, no catalogue price or
// provider cache minimum applies; a price the config sets for the model still does.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { cacheMinimum } from '../../server/src/core/catalog/models';
import { defaultConfig } from '../../server/src/core/config';
import { estimateCallSite } from '../../server/src/core/estimates';
import { analyzeSnippet, initPython } from '../python/helpers';

before(initPython);

describe('ollama call sites are not priced from the catalogue', () => {
  const snippet = `from ollama import Client

client = Client(timeout=60)

def ask(q):
    return client.chat(model="gpt-4o", messages=[{"role": "user", "content": q}], options={"num_predict": 100})
`;

  it('leaves a catalogue-named model unpriced and without a cache minimum', () => {
    const [site] = analyzeSnippet(snippet).callSites;
    assert.equal(site.provider, 'ollama');
    const est = estimateCallSite(site, defaultConfig());
    assert.deepEqual([est.inputCostPer1000, est.outputCostPer1000, est.pricedAs], [null, null, null]);
    assert.equal(cacheMinimum('gpt-4o', 'ollama'), undefined);
    assert.ok(cacheMinimum('gpt-4o', 'openai'));
  });

  it('prices it when the config does', () => {
    const [site] = analyzeSnippet(snippet).callSites;
    const config = { ...defaultConfig(), prices: { 'gpt-4o': { input: 1, output: 2 } } };
    assert.ok(estimateCallSite(site, config).outputCostPer1000! > 0);
  });
});
