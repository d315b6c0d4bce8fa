// LiteLLM keeps models and fallbacks in its database when STORE_MODEL_IN_DB is on: the config file cannot show them.
// Audit 122: only the environment of the proxy that loads a config says so, not one service's anywhere in a monorepo.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFor } from '../helpers/lint';

const CONFIG = `model_list:
  - model_name: placeholder
    litellm_params:
      model: openai/gpt-4o-mini
`;

const service = (storeInDb: string, extra = '') =>
  `services:\n  litellm:\n    image: ghcr.io/berriai/litellm:main-stable\n    environment:\n      STORE_MODEL_IN_DB: "${storeInDb}"\n${extra}`;

async function findings(files: Record<string, string>, config = 'litellm/config.yaml'): Promise<number> {
  const { engine, root } = await engineFor(files);
  return engine.lint(path.join(root, config)).findings.filter((f) => f.ruleId === 'gateway-without-fallback').length;
}

describe('gateway-without-fallback and models stored in the database', () => {
  it('is silent when the proxy that mounts the config runs with STORE_MODEL_IN_DB=True', async () => {
    const compose = service('True', '    volumes:\n      - ./litellm/config.yaml:/app/config.yaml:ro\n');
    assert.equal(await findings({ 'litellm/config.yaml': CONFIG, 'docker-compose.yml': compose }), 0);
  });

  it('still reports the same config without it', async () => {
    const compose = service('False', '    volumes:\n      - ./litellm/config.yaml:/app/config.yaml:ro\n');
    assert.equal(await findings({ 'litellm/config.yaml': CONFIG, 'docker-compose.yml': compose }), 1);
  });

  it('is silent for a config beside the compose file, in a mounted directory, or under the build context', async () => {
    assert.equal(await findings({ 'litellm/config.yaml': CONFIG, 'litellm/docker-compose.yml': service('True') }), 0);
    assert.equal(await findings({ 'litellm/config.yaml': CONFIG, 'deploy/compose.yml': service('True', '    volumes:\n      - type: bind\n        source: ../litellm\n        target: /app/litellm\n') }), 0);
    assert.equal(await findings({ 'litellm/config.yaml': CONFIG, 'docker-compose.yml': service('True', '    build: ./litellm\n') }), 0);
  });

  it('is silent when a .env or manifest in the config\'s directory or one above sets it', async () => {
    assert.equal(await findings({ 'litellm/config.yaml': CONFIG, '.env': 'STORE_MODEL_IN_DB=True\n' }), 0);
    assert.equal(await findings({ 'litellm/config.yaml': CONFIG, 'litellm/.env': 'STORE_MODEL_IN_DB=True\n' }), 0);
  });

  it('still reports a config that another service loads or that sits in another directory', async () => {
    // The DB-backed relay mounts its own config; the other proxy's config is its whole truth.
    const relay = service('True', '    volumes:\n      - ./relay.yaml:/app/config.yaml:ro\n');
    assert.equal(await findings({ 'litellm/config.yaml': CONFIG, 'docker-compose.yml': relay }), 1);
    // A root service that loads no file of the project (the whole repo as its build context).
    assert.equal(await findings({ 'litellm/config.yaml': CONFIG, 'docker-compose.yml': service('True', '    build:\n      context: .\n') }), 1);
    assert.equal(await findings({ 'litellm/config.yaml': CONFIG, 'relay/.env': 'STORE_MODEL_IN_DB=True\n' }), 1);
  });
});
