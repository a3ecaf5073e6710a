// CodeLens: on each `define` of a template, how many places include it; on each top-level key of
// a chart's values.yaml, how many templates read it ("unused" when none). Lenses are listed
// cheaply (positions only) and resolved one by one (the editor resolves the visible ones): a
// resolved lens carries the places to list when clicked.
import { readIndex, readIndirectly } from './readindex';
import { defineCalls } from './references';
import type { Snapshot } from './snapshot';
import type { Location, Span } from './types';
import { subchartOf, valuesFileAt, valuesKeyAt } from './valueslayers';

/** LensData identifies a lens to resolve (plain data: it travels through the client). */
export type LensData = { readonly kind: 'define'; readonly path: string; readonly name: string } | { readonly kind: 'values'; readonly path: string; readonly offset: number };

/** CodeLensItem is an unresolved lens at a span. */
export interface CodeLensItem extends Span {
  readonly data: LensData;
}

/** ResolvedLens is a lens's title and the places it lists (empty: nothing to click). */
export interface ResolvedLens {
  readonly title: string;
  readonly locations: readonly Location[];
}

/** codeLenses lists the lenses of a document: defines of a template, top-level keys of a values.yaml. */
export function codeLenses(snap: Snapshot, path: string): CodeLensItem[] {
  const dc = snap.docChart(path);
  const text = snap.text(path);
  if (dc === undefined || text === undefined) return [];
  if (dc.kind === 'template') {
    return snap.parse(path, text).defines.map((d) => ({ start: d.nameStart, end: d.nameEnd, data: { kind: 'define', path, name: d.name } }));
  }
  if (valuesFileAt(snap, path)?.kind !== 'own') return [];
  return snap.valuesDoc(text).roots.map((k) => ({ start: k.key.start, end: k.key.end, data: { kind: 'values', path, offset: k.key.start } }));
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** resolveCodeLens computes a lens's title and places. */
export function resolveCodeLens(snap: Snapshot, data: LensData): ResolvedLens | undefined {
  const dc = snap.docChart(data.path);
  if (dc === undefined) return undefined;
  if (data.kind === 'define') {
    const calls = defineCalls(snap, dc, data.name);
    return { title: calls.length === 0 ? 'not included anywhere' : `included ${plural(calls.length, 'time', 'times')}`, locations: calls };
  }
  const key = valuesKeyAt(snap, data.path, data.offset);
  if (key === undefined) return undefined;
  const reads = readIndex(snap, dc).reads(key.target.chart, key.target.path);
  const sub = subchartOf(dc.model, key.target.chart, key.target.path);
  if (reads.length === 0) {
    if (sub !== undefined) return { title: `values of subchart ${sub.metadata.name}`, locations: [] };
    // Read without a template operand naming it (a dependency condition, import-values, a `tpl`
    // string, a path literal a helper looks up): the same index as the values-unused hint.
    const indirect = readIndirectly(snap, dc.model, key.target);
    return { title: indirect ? 'read indirectly (condition, import-values, tpl or a helper)' : 'unused', locations: [] };
  }
  const files = new Set(reads.map((r) => r.path)).size;
  return { title: `read by ${plural(files, 'template', 'templates')}`, locations: reads };
}
