// prompt-loaded-per-request needs a model somewhere: a workspace that calls none reads no prompts, whatever its
// files and variables are called (audit 97: a token estimator's request log).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engineFor } from '../helpers/lint';

const ROUTE = `const express = require('express');
const fs = require('fs');
const path = require('path');
const app = express();

app.post('/api/estimate', (req, res) => {
  const systemPrompt = fs.readFileSync(path.join(__dirname, 'prompts', 'estimate.md'), 'utf8');
  res.json({ tokens: Math.ceil((systemPrompt + req.body.prompt).length / 4) });
});
`;

const MODEL = `const OpenAI = require('openai');
const client = new OpenAI({ timeout: 30000 });
module.exports.ask = (q) => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
`;

async function loads(files: Record<string, string>): Promise<number> {
  const { engine, root } = await engineFor(files);
  return engine.lint(path.join(root, 'server.js')).findings.filter((f) => f.ruleId === 'prompt-loaded-per-request').length;
}

describe('prompt-loaded-per-request without a model call in the workspace', () => {
  it('stays silent', async () => {
    assert.equal(await loads({ 'server.js': ROUTE }), 0);
  });

  it('reports the same read once the workspace calls a model', async () => {
    assert.equal(await loads({ 'server.js': ROUTE, 'llm.js': MODEL }), 1);
  });
});
