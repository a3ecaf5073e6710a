// Pure parts of the preview: the virtual document URI scheme and the output → template line map.
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

/** scopeFor picks the default preview scope for a document: templates alone, other chart files whole. */
export function scopeFor(languageId: string): RenderScope {
  return languageId === 'helm' || languageId === 'helm-tpl' ? 'template' : 'chart';
}

/** previewText is the document text shown for a render result (errors as YAML comments on top). */
export function previewText(r: RenderResult): string {
  if (r.error === undefined) return r.text;
  const comment = r.error.split('\n').map((l) => `# ${l}`.trimEnd()).join('\n');
  return r.text === '' ? `${comment}\n` : `${comment}\n${r.text}`;
}

/** previewLineOffset is how many lines previewText adds above the rendered text. */
export function previewLineOffset(r: RenderResult): number {
  return r.error === undefined ? 0 : r.error.split('\n').length;
}

/** sourceOfLine maps a preview line to its template line (null for headers, errors, separators). */
export function sourceOfLine(r: RenderResult, previewLine: number): RenderLineSource | null {
  const i = previewLine - previewLineOffset(r);
  if (i < 0 || i >= r.sourceMap.length) return null;
  return r.sourceMap[i] ?? null;
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
