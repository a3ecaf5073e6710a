// The messages between the language server's main thread and its render workers (types only).
import type { AnalysisSettings, HostSpec } from '../analysis/host';
import type { LintFinding } from '../analysis/lintdiag';
import type { DocState } from '../analysis/snapshot';
import type { DryRunParams, DryRunResult, RenderParams, RenderResult } from './protocol';
import type { WireOutcome } from './outcomeCodec';
import type { ThreadStats } from './threadStats';

/** WORKER_ROLE marks a render worker in its workerData. */
export const WORKER_ROLE = 'chartwright-render';

/** WorkerInit is a render worker's workerData: its chart root, the mirror's state, the cancel flag. */
export interface WorkerInit {
  readonly role: typeof WORKER_ROLE;
  readonly root: string;
  /** host: how to rebuild the main thread's host (disk or memory files). */
  readonly host: HostSpec;
  readonly settings: AnalysisSettings;
  readonly docs: ReadonlyArray<readonly [string, DocState]>;
  /** flag: an Int32Array's buffer; a render started at generation g aborts once flag[0] !== g. */
  readonly flag: SharedArrayBuffer;
}

/** WorkerRequest is a custom request answered from the worker's mirror. */
export type WorkerRequest =
  | { readonly method: 'render'; readonly params: RenderParams }
  | { readonly method: 'dryRun'; readonly params: DryRunParams }
  /** lint: `helm lint` of the worker's chart with the mirror's buffers (lint on save). */
  | { readonly method: 'lint' };

/** LintResult is the answer to a lint request. */
export interface LintResult {
  readonly findings: readonly LintFinding[];
}

/** ToWorker: ordered updates of the mirror, render and request asks. */
export type ToWorker =
  | { readonly type: 'doc'; readonly path: string; readonly doc: DocState | null }
  | { readonly type: 'settings'; readonly settings: AnalysisSettings }
  | { readonly type: 'render'; readonly id: number; readonly gen: number }
  | { readonly type: 'request'; readonly id: number; readonly request: WorkerRequest }
  | { readonly type: 'stats'; readonly id: number };

/** FromWorker: answers, by the id of the ask. */
export type FromWorker =
  | { readonly type: 'rendered'; readonly id: number; readonly outcome: WireOutcome; readonly ms: number }
  | { readonly type: 'cancelled'; readonly id: number }
  | { readonly type: 'response'; readonly id: number; readonly result: RenderResult | DryRunResult | LintResult }
  | { readonly type: 'stats'; readonly id: number; readonly stats: ThreadStats }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
