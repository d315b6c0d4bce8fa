// Gives memory back once the editor goes quiet. V8 collects its old generation lazily: after a burst of typing the
// server held 100-200 MB of garbage (the 2,000-line bench file: 280 MB resident 3 s after the last edit, 75 MB live),
// which stays resident until the next allocation pressure. Full collections when the server has been idle for a
// moment return it, at a cost (tens of milliseconds each) nobody waits on.
//
// One collection is not enough: it frees the objects, but V8 sweeps their pages concurrently and unmaps the emptied
// ones only at a later collection (measured on the 3,000-line Python bench file: one collection left 127 MB of heap
// committed for 38 MB live; a second one 500 ms later brought it to 73 MB). So collections repeat while the
// committed heap keeps shrinking.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Milliseconds without a request or notification before collecting. */
export const IDLE_COLLECT_MS = 1_500;
/** Milliseconds between the follow-up collections that unmap the pages the previous one emptied. */
export const FOLLOW_UP_MS = 500;
/** At most this many collections per quiet period. */
export const MAX_COLLECTIONS = 4;
/** A follow-up is worth it while the previous collection shrank the committed heap by at least this much. */
const SHRINK_BYTES = 1 << 20;

/** Node's `gc()`, or null where it cannot be had (the flag is refused, or the embedder forbids it). */
function exposedGc(): (() => void) | null {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

/** Collects after each burst of activity, once `touch()` has not been called for IDLE_COLLECT_MS. */
export class IdleCollector {
  private timer: NodeJS.Timeout | null = null;
  private readonly gc: (() => void) | null;

  constructor(
    gc: (() => void) | null = exposedGc(),
    private readonly delayMs = IDLE_COLLECT_MS,
    private readonly followUpMs = FOLLOW_UP_MS,
    /** Bytes of heap V8 has committed (`heapTotal`): follow-ups stop once a collection no longer shrinks it. */
    private readonly committedBytes: () => number = () => process.memoryUsage().heapTotal,
  ) {
    this.gc = gc;
  }

  /** Whether collections can run (Node handed out its `gc()`). */
  get available(): boolean {
    return this.gc !== null;
  }

  /** Something happened: collect after the next quiet period (and drop follow-ups of the previous one). */
  touch(): void {
    if (!this.gc) return;
    this.schedule(this.delayMs, 1, Infinity);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delay: number, nth: number, committedBefore: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.gc?.();
      const committed = this.committedBytes();
      if (nth < MAX_COLLECTIONS && committedBefore - committed >= SHRINK_BYTES) this.schedule(this.followUpMs, nth + 1, committed);
    }, delay);
    // Never keep the process alive for a collection.
    this.timer.unref();
  }
}
