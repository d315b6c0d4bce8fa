// LiteLLM keeps models and fallbacks in its database when STORE_MODEL_IN_DB is on: the config file cannot show them.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const CONFIG = `model_list:
  - model_name: placeholder
    litellm_params:
      model: openai/gpt-4o-mini
`;

describe('gateway-without-fallback and models stored in the database', () => {
  it('is silent when the proxy runs with STORE_MODEL_IN_DB=True', async () => {
    const compose = `services:\n  litellm:\n    image: ghcr.io/berriai/litellm:main-stable\n    environment:\n      STORE_MODEL_IN_DB: "True"\n`;
    const { engine, root } = await engineFor({ 'litellm/config.yaml': CONFIG, 'docker-compose.yml': compose });
    assert.equal(engine.lint(path.join(root, 'litellm/config.yaml')).findings.filter((f) => f.ruleId === 'gateway-without-fallback').length, 0);
  });

  it('still reports the same config without it', async () => {
    const compose = `services:\n  litellm:\n    image: ghcr.io/berriai/litellm:main-stable\n    environment:\n      STORE_MODEL_IN_DB: "False"\n`;
    const { engine, root } = await engineFor({ 'litellm/config.yaml': CONFIG, 'docker-compose.yml': compose });
    assert.equal(engine.lint(path.join(root, 'litellm/config.yaml')).findings.filter((f) => f.ruleId === 'gateway-without-fallback').length, 1);
  });
});
