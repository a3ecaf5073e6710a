// Kubernetes schema problems of the built-in dry run: the editor's validation (k8svalidate.ts) with
// the editor's schemas (k8sschemas.ts: `chartwright.kubeVersion` → schemaVersionFor, the chart's
// CRDs from `crds/` and from this render, user schemas) over the dry run's render. Each problem is
// at the output line of the offending key and at the template text the editor reports it at (the
// text that wrote the key, with the include stack); custom kinds without a CRD are skipped.
import type { ChartRender, LineSource, ManifestBlock } from './chartrender';
import { kubeSchemas } from './k8sschemas';
import { kubeSchemaFindings } from './k8svalidate';
import type { Snapshot } from './snapshot';

/** ManifestProblem is one schema problem of the dry run's output. */
export interface ManifestProblem {
  readonly message: string;
  /** outputLine: 0-based line of the output the problem is at. */
  readonly outputLine: number;
  readonly source: LineSource | null;
}

/** outputLineOf finds the output line of offset `pos` of the rendered file `name`, if it was printed. */
function outputLineOf(blocks: readonly ManifestBlock[], name: string, pos: number): number | undefined {
  for (const b of blocks) {
    if (b.name !== name || b.fileStart === undefined || pos < b.fileStart || pos > b.fileStart + b.content.length) continue;
    let line = b.line;
    for (let i = b.content.indexOf('\n'); i >= 0 && i < pos - b.fileStart; i = b.content.indexOf('\n', i + 1)) line++;
    return line;
  }
  return undefined;
}

/** dryRunSchemaProblems lists the schema problems of a dry run of the chart owning `path`, in output order. */
export function dryRunSchemaProblems(snap: Snapshot, path: string, r: ChartRender): ManifestProblem[] {
  const root = snap.chartRoot(path);
  if (root === undefined || r.outcome === undefined) return [];
  const schemas = kubeSchemas(snap, snap.model(root), r.outcome);
  const out: ManifestProblem[] = [];
  for (const f of kubeSchemaFindings(r.outcome, schemas)) {
    const outputLine = outputLineOf(r.blocks, f.name, f.pos);
    // A document Helm does not print (nothing but comments) has no output line: not reported.
    if (outputLine === undefined) continue;
    const at = f.placed[0];
    const via = (at?.related ?? []).map((x) => ({ path: x.location.path, start: x.location.start, end: x.location.end }));
    const source: LineSource | null = at === undefined ? null : via.length > 0 ? { path: at.path, start: at.start, end: at.end, via } : { path: at.path, start: at.start, end: at.end };
    out.push({ message: f.message, outputLine, source });
  }
  return out.sort((a, b) => a.outputLine - b.outputLine);
}
