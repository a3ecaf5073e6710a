// The custom requests of the VS Code client: chartwright/render (the preview: `helm template` of
// the chart or one template) and chartwright/dryRun (`helm install --dry-run=client` plus
// Kubernetes schema validation), answered from the current buffers and settings.
import * as posix from 'node:path/posix';
import { type ChartRender, type LineSource, renderChart } from '../analysis/chartrender';
import { validateManifests } from '../analysis/k8sschema';
import type { Workspace } from '../analysis/snapshot';
import { lineIndex, pathToUri, uriToPath } from './convert';
import type { DryRunParams, DryRunResult, RenderLineSource, RenderParams, RenderResult } from './protocol';

function toSource(ws: Workspace, s: LineSource | null): RenderLineSource | null {
  if (s === null) return null;
  const text = ws.snapshot().text(s.path);
  if (text === undefined) return null;
  const r = lineIndex(text).range(s);
  const via: { uri: string; line: number; endLine: number }[] = [];
  for (const v of s.via ?? []) {
    const vt = ws.snapshot().text(v.path);
    if (vt === undefined) continue;
    const vr = lineIndex(vt).range(v);
    via.push({ uri: pathToUri(v.path), line: vr.start.line, endLine: vr.end.line });
  }
  return via.length > 0 ? { uri: pathToUri(s.path), line: r.start.line, range: r, via } : { uri: pathToUri(s.path), line: r.start.line, range: r };
}

/** withText runs `fn` with `text` as the content of `path` when the editor sent one the server lacks. */
function withText<T>(ws: Workspace, path: string, text: string | undefined, fn: () => T): T {
  const snap = ws.snapshot();
  if (text === undefined || snap.text(path) === text) return fn();
  const open = snap.docs.get(path);
  ws.openDocument(path, open?.version ?? -1, text);
  try {
    return fn();
  } finally {
    if (open !== undefined) ws.openDocument(path, open.version, open.text);
    else ws.closeDocument(path);
  }
}

/** isShowable tells whether a file renders on its own (a non-partial template). */
function isShowable(path: string): boolean {
  return /(^|\/)templates\//.test(path) && !posix.basename(path).startsWith('_') && !/NOTES\.txt$/.test(path);
}

/** handleRender answers chartwright/render. */
export function handleRender(ws: Workspace, p: RenderParams): RenderResult {
  const path = uriToPath(p.uri);
  if (path === undefined) return { text: '', error: `not a file: ${p.uri}`, sourceMap: [] };
  const scope = p.scope ?? (isShowable(path) ? 'template' : 'chart');
  const r: ChartRender = withText(ws, path, p.text, () => renderChart(ws.snapshot(), path, { mode: 'template', only: scope === 'template' && isShowable(path) ? path : undefined }));
  return { text: r.text, error: r.error, sourceMap: r.lines.map((l) => toSource(ws, l)) };
}

/** handleDryRun answers chartwright/dryRun. */
export function handleDryRun(ws: Workspace, p: DryRunParams): DryRunResult {
  const path = uriToPath(p.uri);
  if (path === undefined) return { text: '', error: `not a file: ${p.uri}` };
  return withText(ws, path, p.text, () => {
    const r = renderChart(ws.snapshot(), path, { mode: 'install' });
    if (r.error !== undefined) return { text: r.text, error: r.error };
    const problems = validateManifests(r.blocks, r.lines).map((x) => ({ message: x.message, line: x.outputLine, source: toSource(ws, x.source) }));
    return { text: r.text, sourceMap: r.lines.map((l) => toSource(ws, l)), problems };
  });
}
