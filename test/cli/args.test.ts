import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliArgs, UsageError } from '../../server/src/cli/args';

describe('cli args', () => {
  it('parses check with defaults and options', () => {
    assert.deepEqual(parseCliArgs(['check']), { command: 'check', paths: [], format: 'stylish', config: undefined, maxWarnings: null });
    assert.deepEqual(parseCliArgs(['check', 'src', 'infra', '-f', 'sarif', '--config', 'x.json', '--max-warnings', '0']), {
      command: 'check',
      paths: ['src', 'infra'],
      format: 'sarif',
      config: 'x.json',
      maxWarnings: 0,
    });
    assert.deepEqual(parseCliArgs(['check', '--format=json']).command, 'check');
  });

  it('parses report and rules, accepting md for markdown', () => {
    assert.deepEqual(parseCliArgs(['report', '.', '--format', 'md', '--out', 'r.md', '--calls-per-day', '2500']), {
      command: 'report',
      paths: ['.'],
      format: 'markdown',
      config: undefined,
      out: 'r.md',
      callsPerDay: 2500,
    });
    assert.deepEqual(parseCliArgs(['rules', '--format', 'json']), { command: 'rules', format: 'json' });
    assert.deepEqual(parseCliArgs(['rules']), { command: 'rules', format: 'markdown' });
  });

  it('recognises help and version', () => {
    assert.deepEqual(parseCliArgs(['--help']), { command: 'help', topic: undefined });
    assert.deepEqual(parseCliArgs(['help', 'report']), { command: 'help', topic: 'report' });
    assert.deepEqual(parseCliArgs(['check', '-h']), { command: 'help', topic: 'check' });
    assert.deepEqual(parseCliArgs(['-v']), { command: 'version' });
  });

  for (const argv of [
    [],
    ['lint'],
    ['--bogus'],
    ['check', '--bogus'],
    ['check', '--format', 'html'],
    ['check', '--max-warnings', '-1'],
    ['check', '--max-warnings', '1.5'],
    ['report', '--format', 'pdf'],
    ['report', '--calls-per-day', 'x'],
    ['rules', 'positional'],
    ['rules', '--format', 'sarif'],
  ]) {
    it(`rejects ${JSON.stringify(argv)} with a UsageError`, () => {
      assert.throws(() => parseCliArgs(argv), UsageError);
    });
  }

  it('keeps parse errors short', () => {
    assert.throws(() => parseCliArgs(['check', '--bogus']), { message: "Unknown option '--bogus'" });
  });
});
