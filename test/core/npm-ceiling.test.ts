// declaredNpmCeiling: the newest release a package.json range allows, read for rules whose facts changed between releases.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declaredNpmCeiling } from '../../server/src/core/manifests';

function ceilingFor(spec: string) {
  const files: Record<string, string> = { '/w/package.json': JSON.stringify({ dependencies: { 'together-ai': spec } }) };
  return declaredNpmCeiling((p) => files[p], '/w', '/w/app/route.ts', 'together-ai');
}

describe('declaredNpmCeiling', () => {
  it('reads caret, tilde and exact ranges', () => {
    assert.deepEqual([ceilingFor('^0.6.0'), ceilingFor('~1.2.3'), ceilingFor('0.16.0')].map((c) => c && [c.version, c.exclusive]), [
      ['0.7', true],
      ['1.3', true],
      ['0.16.0', false],
    ]);
  });

  it('gives a prerelease the ceiling of its release (Nutlope apps pin together-ai ^0.6.0-alpha.4)', () => {
    assert.deepEqual(ceilingFor('^0.6.0-alpha.4') && [ceilingFor('^0.6.0-alpha.4')!.version, ceilingFor('^0.6.0-alpha.4')!.exclusive], ['0.7', true]);
    assert.deepEqual(ceilingFor('0.30.0-rc.1') && [ceilingFor('0.30.0-rc.1')!.version, ceilingFor('0.30.0-rc.1')!.exclusive], ['0.30.0', false]);
  });

  it('leaves open and tagged ranges unread', () => {
    for (const spec of ['>=0.6.0', '*', 'latest', '0.x', '^0.6.0 || ^1.0.0']) assert.equal(ceilingFor(spec), null, spec);
  });
});
