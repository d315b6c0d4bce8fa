// The attempts column of the hover's Path table: a hop that never re-sends a POST says why it counts once.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hop } from '../../server/src/core/types';
import { hopAttempts } from '../../server/src/lsp/handlers/hover';

const hop = (kind: Hop['kind'], attempts: number, retriesPost: boolean, conditions: string[]): Hop =>
  ({ kind, retry: { attempts, source: 'explicit', conditions, retriesTimeouts: false, retriesPost } }) as unknown as Hop;

describe('hopAttempts', () => {
  it('a mesh that retries only requests the app never received counts once, and says so', () => {
    assert.equal(hopAttempts(hop('istio', 3, false, ['connect-failure', 'refused-stream'])), '1 (re-sends only requests the app never received)');
    assert.equal(hopAttempts(hop('envoy', 2, false, ['connect-failure'])), '1 (re-sends only requests the app never received)');
  });

  it('nginx does not re-send POSTs; a mesh that retries 5xx re-sends them', () => {
    assert.equal(hopAttempts(hop('ingress-nginx', 3, false, ['error', 'timeout'])), '1 (POSTs not retried; 3 for other requests)');
    assert.equal(hopAttempts(hop('istio', 3, true, ['5xx'])), '3');
  });
});
