// A render worker of the language server (started by renderService.ts; bundled on its own as
// server/out/render-worker.js). It mirrors the main thread's workspace (buffers, settings), renders
// its one chart root on request with the cancel flag as abort signal, and answers the preview /
// dry-run requests of that chart. `renderHandler` is the message loop, also run inline (same
// thread, deferred) for hosts that cannot be rebuilt in another thread.
import { parentPort, workerData } from 'node:worker_threads';
import { type AnalysisHost, type HostSpec, memoryHost } from '../analysis/host';
import { lintFindings } from '../analysis/lintdiag';
import { Workspace } from '../analysis/snapshot';
import { nodeHost } from './nodeHost';
import { OutcomeEncoder } from './outcomeCodec';
import { type FromWorker, type ToWorker, type WorkerInit, WORKER_ROLE } from './renderMessages';
import { handleDryRun, handleRender } from './requests';
import { BurstCollector, IdleCollector } from './idleGc';
import { threadStats } from './threadStats';

/** IDLE_GC_MS: quiet time after which the worker compacts its heap (see idleGc.ts). */
const IDLE_GC_MS = 1500;
/** BURST_GC_MS, BURST_GC_GROWTH_MB: while renders keep coming, a full GC at most every 2 s, once the heap grew 6 MB. */
const BURST_GC_MS = 2000;
const BURST_GC_GROWTH_MB = 6;

function isInit(d: unknown): d is WorkerInit {
  return d !== null && typeof d === 'object' && (d as { role?: unknown }).role === WORKER_ROLE;
}

/** hostFromSpec rebuilds a host in this thread. */
export function hostFromSpec(spec: HostSpec): AnalysisHost {
  if (spec.kind === 'memory') return memoryHost(spec.files);
  const host = nodeHost();
  host.setWorkspaceRoots?.(spec.workspaceRoots ?? []);
  return host;
}

/** renderHandler builds the message handler of one chart root's renderer. */
export function renderHandler(init: WorkerInit, host: AnalysisHost, post: (m: FromWorker) => void): (m: ToWorker) => void {
  const ws = new Workspace(host, init.settings);
  for (const [p, d] of init.docs) ws.openDocument(p, d.version, d.text);
  const flag = new Int32Array(init.flag);
  const encoder = new OutcomeEncoder();
  const failed = (id: number, e: unknown): void => post({ type: 'failed', id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  return (m) => {
    switch (m.type) {
      case 'doc':
        if (m.doc === null) ws.closeDocument(m.path);
        else ws.changeDocument(m.path, m.doc.version, m.doc.text);
        return;
      case 'settings':
        ws.setSettings(m.settings);
        return;
      case 'render': {
        const signal = {
          get aborted(): boolean {
            return Atomics.load(flag, 0) !== m.gen;
          },
        };
        if (signal.aborted) return post({ type: 'cancelled', id: m.id });
        try {
          const t0 = performance.now();
          const snap = ws.snapshot();
          const outcome = snap.render(snap.model(init.root), { signal });
          if (signal.aborted) return post({ type: 'cancelled', id: m.id });
          post({ type: 'rendered', id: m.id, outcome: encoder.encode(outcome), ms: performance.now() - t0 });
        } catch (e) {
          failed(m.id, e);
        }
        return;
      }
      case 'stats':
        return post({ type: 'stats', id: m.id, stats: threadStats(ws) });
      case 'request':
        try {
          const r = m.request;
          const result = r.method === 'render' ? handleRender(ws, r.params) : r.method === 'dryRun' ? handleDryRun(ws, r.params) : { findings: lintFindings(ws.snapshot(), init.root) };
          post({ type: 'response', id: m.id, result });
        } catch (e) {
          failed(m.id, e);
        }
        return;
    }
  };
}

if (parentPort !== null && isInit(workerData)) {
  const port = parentPort;
  const handle = renderHandler(workerData, hostFromSpec(workerData.host), (m) => port.postMessage(m));
  const idle = new IdleCollector(IDLE_GC_MS);
  const burst = new BurstCollector(BURST_GC_MS, BURST_GC_GROWTH_MB);
  port.on('message', (m: ToWorker) => {
    handle(m);
    idle.poke();
    if (m.type === 'render') burst.done();
  });
}
