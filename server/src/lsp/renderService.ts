// The language server's render workers: one worker thread per chart root (a bounded pool, least
// recently used evicted), each with a mirror of the buffers and settings, the CLI's big stack
// (deep `include` recursion ends in Helm's error, not an overflow) and a SharedArrayBuffer flag
// for cancelling its running render. The main thread never renders: it asks, and installs what
// comes back. A worker that dies (out of memory, crash) is dropped; the next ask starts a new one.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { type AnalysisHost, type AnalysisSettings, DEFAULT_SETTINGS } from '../analysis/host';
import type { LintFinding } from '../analysis/lintdiag';
import type { DocState, RenderOutcome } from '../analysis/snapshot';
import type { RenderChart } from '../chart/objects';
import { IdleCollector } from './idleGc';
import { OutcomeDecoder } from './outcomeCodec';
import { renderHandler } from './renderWorker';
import { type FromWorker, type LintResult, type ToWorker, type WorkerInit, type WorkerRequest, WORKER_ROLE } from './renderMessages';
import type { DryRunResult, RenderResult } from './protocol';
import type { ThreadStats } from './threadStats';

/** RenderReply is the answer to one render ask. */
export type RenderReply = { readonly kind: 'rendered'; readonly outcome: RenderOutcome; readonly ms: number } | { readonly kind: 'cancelled' } | { readonly kind: 'failed'; readonly message: string };

/** RenderServiceOptions bound the pool. */
export interface RenderServiceOptions {
  /** maxWorkers: chart roots rendered in parallel threads (default 2). */
  readonly maxWorkers?: number;
  /**
   * idleWorkerMs: a worker that is not the most recently used one and has had nothing to do for
   * this long is terminated (its chart's last outcome stays on the main thread; the next ask
   * starts a fresh worker). Default 20 s. The most recently used worker stays warm.
   */
  readonly idleWorkerMs?: number;
  /** resourceLimits of each worker (stackSizeMb defaults to 256, like the CLI's render worker). */
  readonly resourceLimits?: ResourceLimits;
  readonly log: (msg: string) => void;
}

interface Pending {
  readonly resolve: (m: FromWorker | undefined) => void;
}

/** Channel is a worker thread, or the same handler run inline (deferred) for hosts without a spec. */
interface Channel {
  post(m: ToWorker): void;
  terminate(): void;
  /** busy: keep the process alive while answers are awaited (idle workers never do). */
  busy(yes: boolean): void;
}

interface Slot {
  readonly channel: Channel;
  readonly flag: Int32Array;
  readonly decoder: OutcomeDecoder;
  readonly pending: Map<number, Pending>;
  dead: boolean;
  /** lastUsed: performance.now() of the last ask or answer. */
  lastUsed: number;
}

/**
 * WORKER_LIMITS: the CLI's big stack, and a small young generation (two 2 MB semi-spaces, the
 * main thread's size): editor renders are incremental (a few files), so small semi-spaces cost a
 * few more scavenges, not time that shows; 12 MB kept ~4 MB more resident per worker.
 */
const WORKER_LIMITS: ResourceLimits = { stackSizeMb: 256, maxYoungGenerationSizeMb: 6 };

/** workerScript locates the worker's entry: the bundle next to this one, else the TypeScript source (tests, tsx). */
function workerScript(): { code: string; eval: boolean } {
  const bundled = path.join(__dirname, 'render-worker.js');
  if (!__filename.endsWith('.ts') && existsSync(bundled)) return { code: bundled, eval: false };
  const src = path.join(__dirname, 'renderWorker.ts');
  return { code: `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(src)});`, eval: true };
}

/** RenderService owns the render workers. */
export class RenderService {
  private readonly slots = new Map<string, Slot>();
  private readonly docs = new Map<string, DocState>();
  private settings: AnalysisSettings = DEFAULT_SETTINGS;
  private nextId = 1;
  private readonly maxWorkers: number;
  private readonly idleWorkerMs: number;
  private sweepTimer: NodeJS.Timeout | undefined;
  /** idle: the main thread compacts its heap after a quiet while (edits and renders poke it). */
  private readonly idle = new IdleCollector(2000);

  constructor(
    private readonly host: AnalysisHost,
    private readonly opts: RenderServiceOptions,
  ) {
    this.maxWorkers = Math.max(1, opts.maxWorkers ?? 2);
    this.idleWorkerMs = Math.max(1, opts.idleWorkerMs ?? 20_000);
  }

  private broadcast(m: ToWorker): void {
    for (const s of this.slots.values()) if (!s.dead) s.channel.post(m);
  }

  /** setDoc mirrors an open buffer (null: closed). */
  setDoc(p: string, doc: DocState | null): void {
    if (doc === null) this.docs.delete(p);
    else this.docs.set(p, doc);
    this.idle.poke();
    this.broadcast({ type: 'doc', path: p, doc });
  }

  setSettings(s: AnalysisSettings): void {
    this.settings = s;
    this.broadcast({ type: 'settings', settings: s });
  }

  filesChanged(): void {
    // Files on disk changed: fresh workers reload everything (simpler than mirroring the generation).
    for (const root of [...this.slots.keys()]) this.drop(root);
  }

  /** cancel aborts the running render of `root` (its ask answers `cancelled`). */
  cancel(root: string): void {
    const s = this.slots.get(root);
    if (s !== undefined) Atomics.add(s.flag, 0, 1);
  }

  /** render asks the worker of `root` for a render with the mirror's current state (`own`: see OutcomeDecoder.decode). */
  async render(root: string, charts: readonly RenderChart[] | undefined, own?: (path: string) => string | undefined): Promise<RenderReply> {
    const s = this.slot(root);
    const id = this.nextId++;
    const m = await this.ask(s, { type: 'render', id, gen: Atomics.load(s.flag, 0) });
    if (m === undefined) return { kind: 'failed', message: 'the render worker stopped' };
    if (m.type === 'rendered') return { kind: 'rendered', outcome: s.decoder.decode(m.outcome, charts, own), ms: m.ms };
    if (m.type === 'failed') return { kind: 'failed', message: m.message };
    return { kind: 'cancelled' };
  }

  /** request answers a preview / dry-run request in the worker of `root`. */
  async request(root: string, r: WorkerRequest): Promise<RenderResult | DryRunResult | LintResult | { readonly failed: string }> {
    const s = this.slot(root);
    const m = await this.ask(s, { type: 'request', id: this.nextId++, request: r });
    if (m === undefined) return { failed: 'the render worker stopped' };
    if (m.type === 'response') return m.result;
    if (m.type === 'failed') return { failed: m.message };
    return { failed: 'cancelled' };
  }

  /** lint runs `helm lint` of the chart at `root` in its worker (undefined: the worker failed). */
  async lint(root: string): Promise<readonly LintFinding[] | undefined> {
    const r = await this.request(root, { method: 'lint' });
    return 'findings' in r ? r.findings : undefined;
  }

  /** stats measures every live worker (bench, tests): chart root → its heap and cache sizes. */
  async stats(): Promise<Map<string, ThreadStats>> {
    const out = new Map<string, ThreadStats>();
    for (const [root, s] of [...this.slots]) {
      if (s.dead) continue;
      const m = await this.ask(s, { type: 'stats', id: this.nextId++ });
      if (m?.type === 'stats') out.set(root, m.stats);
    }
    return out;
  }

  /** dispose terminates every worker. */
  dispose(): void {
    this.idle.dispose();
    if (this.sweepTimer !== undefined) clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
    for (const root of [...this.slots.keys()]) this.drop(root);
  }

  /** workerCount is the number of live workers (tests, bench). */
  workerCount(): number {
    return this.slots.size;
  }

  private ask(s: Slot, m: ToWorker & { readonly id: number }): Promise<FromWorker | undefined> {
    return new Promise((resolve) => {
      this.idle.poke();
      s.lastUsed = performance.now();
      s.pending.set(m.id, { resolve });
      s.channel.busy(true);
      s.channel.post(m);
    });
  }

  private slot(root: string): Slot {
    const hit = this.slots.get(root);
    if (hit !== undefined && !hit.dead) {
      // Most recently used last.
      this.slots.delete(root);
      this.slots.set(root, hit);
      return hit;
    }
    while (this.slots.size >= this.maxWorkers) {
      const lru = this.slots.keys().next().value;
      if (lru === undefined) break;
      this.drop(lru);
    }
    const flagBuf = new SharedArrayBuffer(4);
    const spec = this.host.spec;
    const init: WorkerInit = { role: WORKER_ROLE, root, host: spec ?? { kind: 'node' }, settings: this.settings, docs: [...this.docs], flag: flagBuf };
    const pending = new Map<number, Pending>();
    const onMessage = (m: FromWorker): void => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      s.lastUsed = performance.now();
      if (pending.size === 0) {
        s.channel.busy(false);
        this.scheduleSweep();
      }
      p?.resolve(m);
    };
    const onExit = (): void => {
      s.dead = true;
      if (this.slots.get(root) === s) this.slots.delete(root);
      for (const p of pending.values()) p.resolve(undefined);
      pending.clear();
    };
    const channel = spec !== undefined ? this.thread(root, init, onMessage, onExit) : inline(init, this.host, onMessage);
    const s: Slot = { channel, flag: new Int32Array(flagBuf), decoder: new OutcomeDecoder(), pending, dead: false, lastUsed: performance.now() };
    this.slots.set(root, s);
    return s;
  }

  /** scheduleSweep arms one timer that terminates idle workers other than the most recently used. */
  private scheduleSweep(): void {
    if (this.sweepTimer !== undefined || this.slots.size < 2) return;
    this.sweepTimer = setTimeout(() => {
      this.sweepTimer = undefined;
      const roots = [...this.slots.keys()];
      const now = performance.now();
      // The most recently used worker (last in the map) stays.
      for (const root of roots.slice(0, -1)) {
        const s = this.slots.get(root);
        if (s !== undefined && s.pending.size === 0 && now - s.lastUsed >= this.idleWorkerMs) this.drop(root);
      }
      this.scheduleSweep();
    }, this.idleWorkerMs);
    this.sweepTimer.unref();
  }

  private thread(root: string, init: WorkerInit, onMessage: (m: FromWorker) => void, onExit: () => void): Channel {
    const script = workerScript();
    // The launcher (bin/chartwright.js) sets a 3 x 32 MB young generation for the CLI's render
    // worker with V8 flags, which apply to every isolate created after them and win over
    // resourceLimits: each editor worker then kept ~65 MB of semi-spaces resident. Back to the
    // defaults (0), so WORKER_LIMITS apply; the launcher's code cache is written before this.
    setFlagsFromString('--min-semi-space-size=0');
    setFlagsFromString('--max-semi-space-size=0');
    const worker = new Worker(script.code, {
      eval: script.eval,
      workerData: init,
      // No V8 flags of this process (workers reject most); tsx is loaded by the eval'd entry.
      execArgv: [],
      resourceLimits: { ...WORKER_LIMITS, ...this.opts.resourceLimits },
    });
    worker.on('message', onMessage);
    worker.on('error', (e) => this.opts.log(`chartwright: render worker of ${root} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
    worker.on('exit', onExit);
    // An idle worker must not keep the process alive (the server exits with its connection).
    worker.unref();
    return { post: (m) => worker.postMessage(m), terminate: () => void worker.terminate(), busy: (yes) => (yes ? worker.ref() : worker.unref()) };
  }

  private drop(root: string): void {
    const s = this.slots.get(root);
    if (s === undefined) return;
    this.slots.delete(root);
    s.dead = true;
    Atomics.add(s.flag, 0, 1);
    for (const p of s.pending.values()) p.resolve(undefined);
    s.pending.clear();
    s.channel.terminate();
  }
}

/** inline runs the handler in this thread, each message in its own macrotask (never inside the caller). */
function inline(init: WorkerInit, host: AnalysisHost, onMessage: (m: FromWorker) => void): Channel {
  let live = true;
  const handle = renderHandler(init, host, (m) => setImmediate(() => live && onMessage(m)));
  return {
    post: (m) => setImmediate(() => live && handle(m)),
    terminate: () => {
      live = false;
    },
    busy: () => undefined,
  };
}
