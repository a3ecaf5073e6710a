// Memory of one thread of the language server (main or a render worker): V8 heap figures and how
// many entries each workspace cache holds. The bench and the tests read it to show that caches
// stay bounded; nothing in the editor path depends on it.
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import type { Workspace } from '../analysis/snapshot';

/** ThreadStats is one thread's heap (MB) and cache entry counts. */
export interface ThreadStats {
  readonly heapUsedMB: number;
  readonly heapTotalMB: number;
  readonly externalMB: number;
  /** spaces: the committed size (MB) of each V8 heap space (new_space: the semi-spaces, code_space...). */
  readonly spaces: Readonly<Record<string, number>>;
  readonly caches: Readonly<Record<string, number>>;
}

/** threadStats measures this thread; `ws` is the thread's workspace (its caches are counted). */
export function threadStats(ws: Workspace | undefined): ThreadStats {
  const h = getHeapStatistics();
  const caches: Record<string, number> = {};
  if (ws !== undefined) {
    for (const [name, v] of Object.entries(ws.caches)) if (v instanceof Map) caches[name] = v.size;
    let incremental = 0;
    for (const c of ws.caches.incremental.values()) incremental += c.entries.size;
    for (const c of ws.caches.previewIncremental.values()) incremental += c.entries.size;
    caches.incrementalEntries = incremental;
  }
  const mb = (n: number): number => Math.round(n / 1e5) / 10;
  const spaces: Record<string, number> = {};
  for (const s of getHeapSpaceStatistics()) spaces[s.space_name.replace(/_space$/, '')] = mb(s.space_size);
  return { heapUsedMB: mb(h.used_heap_size), heapTotalMB: mb(h.total_heap_size), externalMB: mb(h.external_memory), spaces, caches };
}
