// A progress bar for long scans: drawn on a terminal's stderr only, never on a pipe or a file.

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBar {
  /** Shows `done` of `total` for a phase ("Reading files"); redraws at most every `intervalMs`. */
  update(phase: string, done: number, total: number): void;
  /** Erases the bar (call before writing anything else to the stream). */
  clear(): void;
}

export interface ProgressOptions {
  /** Draw only when the work has at least this many items (small scans finish before a bar could be read). */
  minItems?: number;
  intervalMs?: number;
  now?: () => number;
  /** Force on or off; default: the stream is a TTY and TERM is not `dumb`. */
  enabled?: boolean;
  env?: NodeJS.ProcessEnv;
}

const NOOP: ProgressBar = { update() {}, clear() {} };

/** A progress bar on `stream` when it is a terminal; a no-op otherwise. */
export function createProgressBar(stream: ProgressStream, options: ProgressOptions = {}): ProgressBar {
  const env = options.env ?? process.env;
  const enabled = options.enabled ?? (stream.isTTY === true && env.TERM !== 'dumb' && !env.CI);
  if (!enabled) return NOOP;
  const minItems = options.minItems ?? 50;
  const interval = options.intervalMs ?? 80;
  const now = options.now ?? Date.now;
  let shown = false;
  let last = -Infinity;
  return {
    update(phase, done, total) {
      if (total < minItems) return;
      const t = now();
      if (done < total && t - last < interval) return;
      last = t;
      shown = true;
      stream.write(`\r\u001b[K${renderBar(phase, done, total, stream.columns ?? 80)}`);
    },
    clear() {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}

/** `Reading files [██████░░░░░░░░]  412/1,024` fitted to `columns`. */
export function renderBar(phase: string, done: number, total: number, columns: number): string {
  const count = `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
  const width = Math.max(10, Math.min(40, columns - phase.length - count.length - 6));
  const filled = total > 0 ? Math.round((Math.min(done, total) / total) * width) : 0;
  return `${phase} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${count}`;
}
