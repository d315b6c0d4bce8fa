// Defaults of task queues that run a failed task again: each re-run repeats every LLM call in the task, so the queue
// is one more retry layer around the SDK's own.
import type { InfraDefault } from './infra-defaults';

const CELERY_TASK = 'celery/celery celery/app/task.py (Task.max_retries, Task.default_retry_delay, Task.retry) @000141a';
const CELERY_AUTORETRY = 'celery/celery celery/app/autoretry.py (add_autoretry_behaviour) @0833a27; docs.celeryq.dev userguide/tasks.html "Automatic retry for known exceptions"';

/** Celery `Task` retry settings, used when a task decorator or its `retry(...)` call leaves them out. */
export const CELERY = {
  /** Retries after the first run; `max_retries=None` on the task never stops (`retry(max_retries=None)` means "the task's value"). */
  maxRetries: { value: 3, source: CELERY_TASK, asOf: '2026-11-30' } as InfraDefault<number>,
  /** The countdown of a retry that gives neither `countdown` nor `eta`. */
  defaultRetryDelaySeconds: { value: 180, source: CELERY_TASK, asOf: '2026-11-30' } as InfraDefault<number>,
  /** `autoretry_for` waits `retry_backoff`·2^n seconds (capped) only when `retry_backoff` is set; otherwise the countdown above. */
  retryBackoff: { value: false, source: CELERY_AUTORETRY, asOf: '2026-11-30' } as InfraDefault<boolean>,
  retryBackoffMaxSeconds: { value: 600, source: CELERY_AUTORETRY, asOf: '2026-11-30' } as InfraDefault<number>,
  /** Full jitter on the exponential countdown; it has no effect without `retry_backoff`. */
  retryJitter: { value: true, source: CELERY_AUTORETRY, asOf: '2026-11-30' } as InfraDefault<boolean>,
};
