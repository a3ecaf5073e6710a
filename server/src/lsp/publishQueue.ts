// The language server's queue of render-diagnostics publications: after a render, every open
// document of the chart is published again, one document per macrotask (setImmediate), so an
// edit or a request that arrives meanwhile runs between two documents instead of waiting for all
// of them (a document whose render is no longer current then costs a lookup: its publication
// gives up). A key queued twice keeps one place; `first` moves it to the front.

/** PublishQueue runs `run(key)` for each queued key, one per macrotask, in order. */
export class PublishQueue {
  private keys: string[] = [];
  private readonly queued = new Set<string>();
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly run: (key: string) => void) {}

  /** add queues `key` (at the front when `first`); a key already queued moves only when `first`. */
  add(key: string, first = false): void {
    if (this.queued.has(key)) {
      if (!first) return;
      this.keys = this.keys.filter((k) => k !== key);
    }
    this.queued.add(key);
    if (first) this.keys.unshift(key);
    else this.keys.push(key);
    this.schedule();
  }

  /** delete drops `key` if it is queued (a closed document). */
  delete(key: string): void {
    if (!this.queued.delete(key)) return;
    this.keys = this.keys.filter((k) => k !== key);
  }

  /** size is the number of keys waiting. */
  get size(): number {
    return this.keys.length;
  }

  dispose(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.keys = [];
    this.queued.clear();
  }

  private schedule(): void {
    if (this.scheduled !== undefined || this.keys.length === 0) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      const key = this.keys.shift();
      try {
        if (key !== undefined) {
          this.queued.delete(key);
          this.run(key);
        }
      } finally {
        this.schedule();
      }
    });
  }
}
