// Pure parts of the preview: the virtual document URI scheme and the output → template line map.
import { lineSourceAt } from '../../server/src/lsp/lineMap';
import type { RenderLineSource, RenderResult, RenderScope } from '../../server/src/lsp/protocol';

/** PREVIEW_SCHEME is the URI scheme of the read-only preview documents. */
export const PREVIEW_SCHEME = 'chartwright-preview';

/** PreviewTarget identifies what a preview shows: a source document and a scope. */
export interface PreviewTarget {
  readonly source: string;
  readonly scope: RenderScope;
}

/** UriParts are the components of a vscode.Uri needed to build one (scheme, path, query). */
export interface UriParts {
  readonly scheme: string;
  readonly path: string;
  readonly query: string;
}

/**
 * previewUri encodes a target as `chartwright-preview:/<name> (rendered).yaml?<query>`; the path gives
 * the tab a readable title and a .yaml extension (YAML highlighting), the query carries the source.
 */
export function previewUri(t: PreviewTarget, sourceBaseName: string): UriParts {
  const base = t.scope === 'chart' ? 'chart' : sourceBaseName.replace(/\.(ya?ml|tpl|txt)$/i, '');
  const query = new URLSearchParams({ source: t.source, scope: t.scope }).toString();
  return { scheme: PREVIEW_SCHEME, path: `/${base} (rendered).yaml`, query };
}

/** parsePreviewQuery decodes the query of a preview URI; undefined when it is not ours. */
export function parsePreviewQuery(query: string): PreviewTarget | undefined {
  const q = new URLSearchParams(query);
  const source = q.get('source');
  const scope = q.get('scope');
  if (source === null || (scope !== 'template' && scope !== 'chart')) return undefined;
  return { source, scope };
}

/**
 * chartSourceOf is the file URI whose chart an editor belongs to: a file is itself, a preview
 * belongs to the chart of its source (the status bar keeps showing it while the preview has
 * focus), anything else to no chart.
 */
export function chartSourceOf(uri: UriParts, asString: string): string | undefined {
  if (uri.scheme === 'file') return asString;
  if (uri.scheme === PREVIEW_SCHEME) return parsePreviewQuery(uri.query)?.source;
  return undefined;
}

/** scopeFor picks the default preview scope for a document: templates alone, other chart files whole. */
export function scopeFor(languageId: string): RenderScope {
  return languageId === 'helm' || languageId === 'helm-tpl' ? 'template' : 'chart';
}

/**
 * previewText is the document text shown for a render result: errors as YAML comments on top, and
 * for a template that renders nothing, why (as comments).
 */
export function previewText(r: RenderResult): string {
  if (r.error === undefined && r.blank !== undefined && r.text.trim() === '') return `${comment(r.blank)}\n`;
  if (r.error === undefined) return r.text;
  const c = comment(r.error);
  return r.text === '' ? `${c}\n` : `${c}\n${r.text}`;
}

/** comment turns text into YAML comment lines. */
function comment(text: string): string {
  return text
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n');
}

/** previewLineOffset is how many lines previewText adds above the rendered text. */
export function previewLineOffset(r: RenderResult): number {
  return r.error === undefined ? 0 : r.error.split('\n').length;
}

/** sourceOfLine maps a preview line to its template line (null for headers, errors, separators). */
export function sourceOfLine(r: RenderResult, previewLine: number): RenderLineSource | null {
  return lineSourceAt(r.lineMap, previewLine - previewLineOffset(r));
}

/** LineRange is a 0-based, inclusive range of editor lines. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

/**
 * producedBy tells whether preview source `s` was produced by template line `line` of `uri`: text
 * or an action on that line, or a helper (`include`/`template`) called from that line. `norm`
 * puts URIs in the editor's spelling (the server's `file:` URIs may encode differently).
 */
export function producedBy(s: RenderLineSource, uri: string, line: number, norm: (u: string) => string = (u) => u): boolean {
  const from = s.range?.start.line ?? s.line;
  const to = s.range?.end.line ?? s.line;
  if (from <= line && line <= to && norm(s.uri) === uri) return true;
  return (s.via ?? []).some((v) => v.line <= line && line <= v.endLine && norm(v.uri) === uri);
}

/**
 * previewLinesOf inverts the line map (template → preview): the preview document lines produced by
 * template line `line` of `uri`, in order (offset by the error comment previewText puts on top).
 */
export function previewLinesOf(r: RenderResult, uri: string, line: number, norm?: (u: string) => string): number[] {
  const out: number[] = [];
  const off = previewLineOffset(r);
  for (let i = 0; i < r.lineMap.lines.length; i++) {
    const s = lineSourceAt(r.lineMap, i);
    if (s !== null && producedBy(s, uri, line, norm)) out.push(i + off);
  }
  return out;
}

/** lineRuns groups sorted line numbers into runs of consecutive lines (one highlight each). */
export function lineRuns(lines: readonly number[]): LineRange[] {
  const out: LineRange[] = [];
  for (const l of lines) {
    const last = out[out.length - 1];
    if (last !== undefined && l === last.end + 1) out[out.length - 1] = { start: last.start, end: l };
    else out.push({ start: l, end: l });
  }
  return out;
}

/**
 * revealLine picks the preview line to scroll to: none when nothing was produced or one of the
 * produced lines is already visible (no jumping while the user reads), else the first one.
 */
export function revealLine(lines: readonly number[], visible: readonly LineRange[]): number | undefined {
  if (lines.length === 0) return undefined;
  if (lines.some((l) => visible.some((v) => v.start <= l && l <= v.end))) return undefined;
  return lines[0];
}

/** Listener receives fired values; EventLike is the shape of a VS Code `Event` (vscode-free). */
export type Listener<T> = (e: T) => unknown;
export type EventLike<T> = (listener: Listener<T>, thisArgs?: unknown, disposables?: { dispose(): unknown }[]) => { dispose(): void };

/**
 * SchemeEvents is the change event of a content provider registered for one URI scheme: VS Code
 * subscribes each registration to its provider's `onDidChange` and logs "Provider for scheme A is
 * firing event for schema B which will be IGNORED" for any URI of another scheme, so a provider
 * fires only its own scheme's URIs (fire returns false and does nothing for others).
 */
export class SchemeEvents<U extends { readonly scheme: string }> {
  private readonly listeners = new Set<Listener<U>>();

  constructor(readonly scheme: string) {}

  readonly event: EventLike<U> = (listener, thisArgs, disposables) => {
    const l: Listener<U> = thisArgs === undefined ? listener : (e) => listener.call(thisArgs, e);
    this.listeners.add(l);
    const d = { dispose: (): void => void this.listeners.delete(l) };
    disposables?.push(d);
    return d;
  };

  fire(uri: U): boolean {
    if (uri.scheme !== this.scheme) return false;
    for (const l of [...this.listeners]) l(uri);
    return true;
  }

  dispose(): void {
    this.listeners.clear();
  }
}

/** debounce delays f until `ms` have passed without another call (live preview while typing). */
export function debounce<A extends unknown[]>(f: (...a: A) => void, ms: number): (...a: A) => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return (...a: A) => {
    if (t !== undefined) clearTimeout(t);
    t = setTimeout(() => {
      t = undefined;
      f(...a);
    }, ms);
  };
}
