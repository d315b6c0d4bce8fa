// Gives memory back once the editor goes quiet. V8 collects its old generation lazily: after a burst of typing the
// server held 100-200 MB of garbage (the 2,000-line bench file: 280 MB resident 3 s after the last edit, 75 MB live),
// which stays resident until the next allocation pressure. One full collection when the server has been idle for a
// moment returns it, at a cost (tens of milliseconds) nobody waits on.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Milliseconds without a request or notification before collecting. */
export const IDLE_COLLECT_MS = 1_500;

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

/** Collects once after each burst of activity, when `touch()` has not been called for IDLE_COLLECT_MS. */
export class IdleCollector {
  private timer: NodeJS.Timeout | null = null;
  private readonly gc: (() => void) | null;

  constructor(gc: (() => void) | null = exposedGc(), private readonly delayMs = IDLE_COLLECT_MS) {
    this.gc = gc;
  }

  /** Whether collections can run (Node handed out its `gc()`). */
  get available(): boolean {
    return this.gc !== null;
  }

  /** Something happened: collect after the next quiet period. */
  touch(): void {
    if (!this.gc) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.gc?.();
    }, this.delayMs);
    // Never keep the process alive for a collection.
    this.timer.unref();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
