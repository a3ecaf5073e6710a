// An idle thread of the language server collects its garbage once, with a full compacting GC, so
// V8 gives the pages of the last burst of renders back to the system: an editor server sits idle
// most of the time and should not keep the peak of its last render resident. The gc function
// comes from a context created after `--expose-gc` (it only affects contexts created later).
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gcFn: (() => void) | null | undefined;

function gcFunction(): (() => void) | null {
  if (gcFn === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const f: unknown = runInNewContext('gc');
      gcFn = typeof f === 'function' ? (): void => void f() : null;
    } catch {
      gcFn = null;
    }
  }
  return gcFn;
}

/** IdleCollector runs one full GC after `idleMs` without a poke (never while work is going on). */
export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly idleMs: number) {}

  /** poke records activity: the collection waits for another idleMs of quiet. */
  poke(): void {
    if (this.timer !== undefined) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      gcFunction()?.();
    }, this.idleMs);
    // Never keeps the process (or the worker) alive.
    this.timer.unref();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * BurstCollector bounds a busy thread's garbage: during a long burst of work (typing) there is no
 * quiet time for the IdleCollector, and V8 lets each heap grow by at least 8 MB over what its
 * last full GC kept before it collects. After a piece of work (`done`, called once its answer is
 * posted), when the last full GC is more than `everyMs` old and the heap has grown by more than
 * `growthMB` since, it runs one (a render worker: ~10-20 ms, between two renders).
 */
export class BurstCollector {
  private lastGc = performance.now();
  private baseline = getHeapStatistics().total_heap_size;

  constructor(
    private readonly everyMs: number,
    private readonly growthMB: number,
  ) {}

  done(): void {
    const now = performance.now();
    if (now - this.lastGc < this.everyMs) return;
    if (getHeapStatistics().total_heap_size - this.baseline < this.growthMB * 1e6) return;
    const gc = gcFunction();
    if (gc === null) return;
    gc();
    this.lastGc = performance.now();
    this.baseline = getHeapStatistics().total_heap_size;
  }
}
