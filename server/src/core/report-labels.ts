// Words the report's renderings share. No runtime imports: the VS Code extension bundles this file.

import type { CacheStatus, DynamicKind, SavingItem } from './report';

export const DYNAMIC_LABELS: Readonly<Record<DynamicKind, string>> = {
  history: 'History',
  'user-input': 'User input',
  retrieval: 'Retrieved documents',
  'loaded-prompt': 'Loaded prompt',
  volatile: 'Volatile value',
  daily: 'Date (daily)',
  tools: 'Run-time tools',
  setting: 'Setting',
  other: 'Run-time value',
};

export const SAVING_LABELS: Readonly<Record<SavingItem['kind'], string>> = {
  caching: 'Caching',
  routing: 'Routing',
  retry: 'Retries',
};

const CACHE_LABELS: Readonly<Record<CacheStatus, string>> = {
  'cached-automatically': 'Cached automatically',
  'cached-marked': 'Cached (cache_control)',
  'needs-marker': 'Eligible, not marked',
  'volatile-prefix': 'Broken by a volatile value',
  'below-minimum': 'Below the minimum',
  unknown: 'Unknown',
};

export function cacheLabel(status: CacheStatus): string {
  return CACHE_LABELS[status];
}
