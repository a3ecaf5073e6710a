// The custom requests of the VS Code client: chartwright/render (the preview: `helm template` of
// the chart or one template) and chartwright/dryRun (`helm install --dry-run=client` plus
// Kubernetes schema validation), answered from the current buffers and settings.
import * as posix from 'node:path/posix';
import { type ChartRender, type LineSource, renderChart } from '../analysis/chartrender';
import { dryRunSchemaProblems } from '../analysis/k8sschema';
import { blankReason } from '../analysis/preview';
import type { Workspace } from '../analysis/snapshot';
import { LineIndex, pathToUri, uriToPath } from './convert';
import { EMPTY_LINE_MAP, encodeLineMap } from './lineMap';
import type { DryRunParams, DryRunResult, RenderLineSource, RenderParams, RenderResult } from './protocol';

/**
 * sourceMapper converts line sources to client locations; file texts are read once per request
 * (the snapshot may read them from disk, and a big chart has tens of thousands of lines).
 */
function sourceMapper(ws: Workspace): (s: LineSource | null) => RenderLineSource | null {
  const snap = ws.snapshot();
  const texts = new Map<string, LineIndex | null>();
  const uris = new Map<string, string>();
  const uriOf = (path: string): string => {
    let u = uris.get(path);
    if (u === undefined) uris.set(path, (u = pathToUri(path)));
    return u;
  };
  const indexOf = (path: string): LineIndex | null => {
    let idx = texts.get(path);
    if (idx === undefined) {
      const text = snap.text(path);
      idx = text === undefined ? null : new LineIndex(text);
      texts.set(path, idx);
    }
    return idx;
  };
  return (s) => {
    if (s === null) return null;
    const idx = indexOf(s.path);
    if (idx === null) return null;
    const r = idx.range(s);
    const via: { uri: string; line: number; endLine: number }[] = [];
    for (const v of s.via ?? []) {
      const vi = indexOf(v.path);
      if (vi === null) continue;
      via.push({ uri: uriOf(v.path), line: vi.positionAt(v.start).line, endLine: vi.positionAt(v.end).line });
    }
    const uri = uriOf(s.path);
    return via.length > 0 ? { uri, line: r.start.line, range: r, via } : { uri, line: r.start.line, range: r };
  };
}

/** tempVersion: versions of texts sent with a request (negative, each new): renders are memoized by version. */
let tempVersion = 0;

/** withText runs `fn` with `text` as the content of `path` when the editor sent one the server lacks. */
function withText<T>(ws: Workspace, path: string, text: string | undefined, fn: () => T): T {
  const snap = ws.snapshot();
  if (text === undefined || snap.text(path) === text) return fn();
  const open = snap.docs.get(path);
  ws.openDocument(path, --tempVersion, text);
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
  if (path === undefined) return { text: '', error: `not a file: ${p.uri}`, lineMap: EMPTY_LINE_MAP };
  const scope = p.scope ?? (isShowable(path) ? 'template' : 'chart');
  // The line map is read against the same texts the render used (the editor's, if it sent one).
  return withText(ws, path, p.text, () => {
    const only = scope === 'template' && isShowable(path) ? path : undefined;
    const r: ChartRender = renderChart(ws.snapshot(), path, { mode: 'template', only });
    const lineMap = encodeLineMap(r.lines.map(sourceMapper(ws)));
    // A template that renders nothing: say which conditions were false.
    const blank = only !== undefined && r.error === undefined && r.text.trim() === '' ? blankReason(ws.snapshot(), only) : undefined;
    return blank === undefined ? { text: r.text, error: r.error, lineMap } : { text: r.text, lineMap, blank };
  });
}

/** handleDryRun answers chartwright/dryRun. */
export function handleDryRun(ws: Workspace, p: DryRunParams): DryRunResult {
  const path = uriToPath(p.uri);
  if (path === undefined) return { text: '', error: `not a file: ${p.uri}` };
  return withText(ws, path, p.text, () => {
    const r = renderChart(ws.snapshot(), path, { mode: 'install' });
    if (r.error !== undefined) return { text: r.text, error: r.error };
    const toSource = sourceMapper(ws);
    const problems = dryRunSchemaProblems(ws.snapshot(), path, r).map((x) => ({ message: x.message, line: x.outputLine, source: toSource(x.source) }));
    return { text: r.text, sourceMap: r.lines.map(toSource), problems };
  });
}
