import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IdleCollector, MAX_COLLECTIONS } from '../../server/src/lsp/idle-collector';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('IdleCollector', () => {
  it('collects after a burst of activity, when it has been quiet for the delay', async () => {
    let collections = 0;
    // The committed heap never shrinks: the first collection gets one follow-up, which shows nothing more to give back.
    const idle = new IdleCollector(() => collections++, 40, 10, () => 100_000_000);
    for (let i = 0; i < 5; i++) {
      idle.touch();
      await sleep(10);
    }
    assert.equal(collections, 0, 'no collection while requests keep coming');
    await sleep(120);
    assert.equal(collections, 2);
    await sleep(80);
    assert.equal(collections, 2, 'nothing more until the next activity');
    idle.touch();
    idle.dispose();
    await sleep(80);
    assert.equal(collections, 2, 'disposed: the pending collection is dropped');
  });

  it('repeats while each collection shrinks the committed heap, at most MAX_COLLECTIONS times', async () => {
    let committed = 200 << 20;
    let collections = 0;
    const idle = new IdleCollector(() => { collections++; committed -= 30 << 20; }, 20, 5, () => committed);
    idle.touch();
    await sleep(150);
    assert.equal(collections, MAX_COLLECTIONS);
    // A shrink below a megabyte stops the follow-ups.
    collections = 0;
    const small = new IdleCollector(() => { collections++; committed -= 1000; }, 20, 5, () => committed);
    small.touch();
    await sleep(120);
    assert.equal(collections, 2);
  });

  it('gets a working gc() from Node without the --expose-gc command-line flag', async () => {
    assert.ok(!process.execArgv.includes('--expose-gc'));
    assert.equal(new IdleCollector().available, true);
    const before = process.memoryUsage().heapUsed;
    let garbage: number[][] | null = Array.from({ length: 2_000 }, () => Array.from({ length: 500 }, (_, i) => i));
    assert.ok(garbage.length);
    garbage = null;
    const idle = new IdleCollector(undefined, 1);
    idle.touch();
    await sleep(50);
    assert.ok(process.memoryUsage().heapUsed < before + 4_000_000, 'the 8 MB of garbage was collected');
  });
});
