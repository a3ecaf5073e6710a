// Files of packaged dependencies (`charts/*.tgz`) as read-only documents: a define that sits in an
// archive is located at a virtual path — the archive's path in the chart tree followed by the
// file's path inside the chart (`/ws/app/charts/common-2.2.0.tgz/templates/_names.tpl`) — and
// its text is served from the loaded chart (the LSP layer turns the path into a custom URI).
import * as posix from 'node:path/posix';
import type { Chart } from '../chart/loader';
import type { ChartModel } from './model';
import type { Snapshot } from './snapshot';

/** archiveDocPath is the virtual path of file `file` of packaged chart `c`. */
export function archiveDocPath(model: ChartModel, c: Chart, file: string): string {
  return posix.join(model.root, c.origin.path, file);
}

/** archiveDocText is the text of a virtual archive path (undefined when it names no packaged template). */
export function archiveDocText(snap: Snapshot, path: string): string | undefined {
  const p = posix.normalize(path);
  if (!/\.tgz\//.test(p)) return undefined;
  const root = snap.chartRoot(p);
  if (root === undefined) return undefined;
  const model = snap.model(root);
  for (const s of snap.templates(model)) {
    if (s.path === undefined && s.chart.origin.archive !== undefined && archiveDocPath(model, s.chart, s.name) === p) return s.text;
  }
  return undefined;
}
