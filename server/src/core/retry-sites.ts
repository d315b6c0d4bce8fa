// Call sites whose retry constructs are written in another file: a retry helper module (`lib/retry.ts` exporting
// `withRetry(fn)`, a Python `utils/retry.py`) that every route hands its LLM call to. The helper's file has no call
// site of its own, so rules that report at the construct find its sites here, once per workspace view.
import type { LlmCallSite } from './types';
import type { WorkspaceView } from './workspace-view';

const indexes = new WeakMap<WorkspaceView, Map<string, LlmCallSite[]>>();

function indexOf(ws: WorkspaceView): Map<string, LlmCallSite[]> {
  let index = indexes.get(ws);
  if (index) return index;
  index = new Map();
  for (const site of ws.callSites()) {
    for (const r of [...site.retries, ...(site.otherRetries ?? [])]) {
      if (r.path === site.path) continue;
      const list = index.get(r.path);
      if (!list) index.set(r.path, [site]);
      else if (list[list.length - 1] !== site) list.push(site);
    }
  }
  indexes.set(ws, index);
  return index;
}

/** The call sites of other files that run inside a retry construct written in `path`. */
export function sitesRetriedFrom(path: string, ws: WorkspaceView): readonly LlmCallSite[] {
  return indexOf(ws).get(path) ?? [];
}
