// An idle thread of the language server collects its garbage once, with a full compacting GC, so
// V8 gives the pages of the last burst of renders back to the system: an editor server sits idle
// most of the time and should not keep the peak of its last render resident. The gc function
// comes from a context created after `--expose-gc` (it only affects contexts created later).
import { setFlagsFromString } from 'node:v8';
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
