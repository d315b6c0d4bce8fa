// The extension manifest and the shared protocol declarations agree (a cheap stand-in for generated config).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Commands } from '../../server/src/protocol/protocol';
import { defaultSettings, normalizeSettings, settingKeys } from '../../server/src/protocol/settings';

interface Manifest {
  activationEvents: string[];
  contributes: {
    configuration: { properties: Record<string, { default: unknown; enum?: string[] }> };
    commands: Array<{ command: string; title: string; category: string }>;
    languages: Array<{ id: string }>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as Manifest;

test('package.json contributes exactly the editor settings, with the shared defaults', () => {
  const props = manifest.contributes.configuration.properties;
  assert.deepEqual(Object.fromEntries(Object.entries(props).map(([key, p]) => [key, p.default])), settingKeys());
  assert.deepEqual(props['llmInfraLint.run'].enum, ['onType', 'onSave']);
  assert.deepEqual(props['llmInfraLint.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('package.json contributes every command, under the LLM Infra Lint category', () => {
  assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(Commands).sort());
  assert.ok(manifest.contributes.commands.every((c) => c.category === 'LLM Infra Lint' && c.title));
});

test('the languages the extension defines activate it', () => {
  for (const { id } of manifest.contributes.languages) assert.ok(manifest.activationEvents.includes(`onLanguage:${id}`), id);
});

test('settings from a client are normalised: wrong types fall back to defaults', () => {
  assert.deepEqual(normalizeSettings(null), defaultSettings);
  assert.deepEqual(normalizeSettings({ enable: 'yes', run: 'sometimes', configPath: 3, trace: 'verbose' }), defaultSettings);
  assert.deepEqual(normalizeSettings({ enable: false, run: 'onSave', configPath: 'cfg/x.json', trace: { server: 'messages' } }), {
    enable: false,
    run: 'onSave',
    configPath: 'cfg/x.json',
    trace: { server: 'messages' },
  });
});
