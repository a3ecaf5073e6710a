// Values layers: for a chart of a tree, every file that can set one of its keys — the configured
// `chartwright.valuesFiles` (the render profile), each ancestor's values.yaml under the subchart's
// key (or alias), the chart's own values.yaml, and, for hover/completion/definition only, the
// `values*.yaml` beside a values.yaml and the chart's `ci/*.yaml` (discovered without settings,
// like helm-ls; they never enter the render). `global` is looked up unprefixed in every layer of
// every ancestor, as Helm copies globals down. Each setting carries its file, key path and range.
import * as posix from 'node:path/posix';
import type { Chart } from '../chart/loader';
import { mergeCliValues } from '../chart/values';
import type { GoMap, Value } from '../template/value';
import { type ChartModel, chainOf, layersFor, lookupPath, valuesKeyOf } from './model';
import { type ValuesTarget, valuesTarget } from './valuestarget';
import type { DocChart, Snapshot } from './snapshot';
import type { Span } from './types';
import type { KeyNode } from './valuesdoc';

/** SourceKind: how a values file reaches the chart. */
export type SourceKind = 'user' | 'parent' | 'own' | 'discovered';

/** ValuesSource is one file that can set values of a chart. */
export interface ValuesSource {
  readonly kind: SourceKind;
  /** label names the layer for people. */
  readonly label: string;
  /** path: absolute, undefined inside packaged charts. */
  readonly path: string | undefined;
  /** rel: the file relative to the root chart (for display). */
  readonly rel: string;
  readonly text: string | undefined;
  readonly values: GoMap;
  /** prefix: keys from this file's top level down to the chart's values. */
  readonly prefix: readonly string[];
  /** inProfile: the file is part of the render (discovered files are not). */
  readonly inProfile: boolean;
}

/** KeySetting is one layer setting a key. */
export interface KeySetting {
  readonly source: ValuesSource;
  /** keyPath: the key's path inside the file. */
  readonly keyPath: readonly string[];
  readonly value: unknown;
  /** range: the key in the file's text (undefined when the text is not indexed). */
  readonly range: Span | undefined;
}

/** DISCOVERED matches the chart-relative names of extra values files found without settings. */
const DISCOVERED = /^(values[^/]*\.ya?ml|ci\/[^/]+\.ya?ml)$/;

/** isDiscoveredName tells whether a chart-relative name is a discovered values file. */
export function isDiscoveredName(rel: string): boolean {
  return rel !== 'values.yaml' && DISCOVERED.test(rel);
}

const decodedMemo = new Map<string, GoMap | null>();

/** decodeValues decodes a values file's text as Helm decodes `-f` files (null: not a map / invalid). */
function decodeValues(text: string, helmVersion: 3 | 4): GoMap | null {
  const k = `${helmVersion}\u0000${text}`;
  const hit = decodedMemo.get(k);
  if (hit !== undefined) return hit;
  const bytes = new TextEncoder().encode(text);
  const r = mergeCliValues(() => bytes, { valueFiles: ['f'], set: [], setString: [], setFile: [], setJson: [], setLiteral: [] }, helmVersion);
  const v = 'error' in r ? null : r.values;
  if (decodedMemo.size > 64) decodedMemo.clear();
  decodedMemo.set(k, v);
  return v;
}

function relOf(model: ChartModel, path: string | undefined, fallback: string): string {
  if (path === undefined) return fallback;
  const r = posix.relative(model.root, path);
  return r.startsWith('..') ? path : r;
}

/** discoveredSources lists the discovered values files of chart `c` (its own directory only). */
function discoveredOf(snap: Snapshot, model: ChartModel, c: Chart, prefix: readonly string[]): ValuesSource[] {
  if (c.origin.archive !== undefined) return [];
  const dir = posix.join(model.root, c.origin.path);
  const profile = new Set(model.valuesFiles.map((f) => f.path));
  const out: ValuesSource[] = [];
  for (const f of c.files) {
    if (!isDiscoveredName(f.name)) continue;
    const path = posix.join(dir, f.name);
    if (profile.has(path)) continue;
    const text = snap.text(path);
    if (text === undefined) continue;
    const values = decodeValues(text, snap.settings.helmVersion);
    if (values === null) continue;
    out.push({ kind: 'discovered', label: `${f.name} of chart ${c.metadata.name} (found beside values.yaml, not in the render profile)`, path, rel: relOf(model, path, f.name), text, values, prefix, inProfile: false });
  }
  return out;
}

/** valuesSources lists every source of chart `c`'s values, render profile first (precedence order), then discovered files. */
export function valuesSources(snap: Snapshot, model: ChartModel, c: Chart): ValuesSource[] {
  const chain = chainOf(c);
  const out: ValuesSource[] = layersFor(model, c).map((l, i): ValuesSource => {
    const kind: SourceKind = i < model.userLayers.length ? 'user' : l.prefix.length > 0 ? 'parent' : 'own';
    return { kind, label: l.label, path: l.path, rel: relOf(model, l.path, l.label), text: l.text, values: l.values, prefix: l.prefix, inProfile: true };
  });
  const keys = chain.slice(1).map((x) => valuesKeyOf(model, x));
  chain.forEach((x, i) => out.push(...discoveredOf(snap, model, x, keys.slice(i))));
  return out;
}

/** keySettings lists every source setting `path` of chart `c` (profile layers in precedence order, then discovered ones). */
export function keySettings(snap: Snapshot, model: ChartModel, c: Chart, path: readonly string[]): KeySetting[] {
  const out: KeySetting[] = [];
  for (const source of valuesSources(snap, model, c)) {
    const candidates: string[][] = [[...source.prefix, ...path]];
    // Globals: Helm copies every ancestor's `global` down to the chart.
    if (path[0] === 'global' && source.prefix.length > 0) candidates.push([...path]);
    for (const keyPath of candidates) {
      const r = lookupPath(source.values, keyPath);
      if (!r.found) continue;
      const node = source.text !== undefined ? snap.valuesDoc(source.text).find(keyPath) : undefined;
      out.push({ source, keyPath, value: r.value, range: node?.key });
      break;
    }
  }
  return out;
}

/** effectiveValue is the coalesced value of `path` in chart `c` as the render sees it (with the configured values files). */
export function effectiveValue(model: ChartModel, c: Chart, path: readonly string[]): { found: boolean; value: Value | undefined; disabled: boolean } {
  const r = model.renderByOrigin.get(c.origin.path);
  const values = r?.context.get('Values');
  if (!(values instanceof Map)) return { found: false, value: undefined, disabled: r === undefined };
  const hit = lookupPath(values as GoMap, path);
  return { found: hit.found, value: hit.found ? (hit.value as Value) : undefined, disabled: false };
}

/** ValuesFileInfo places a values file: the chart whose values its top level sets. */
export interface ValuesFileInfo {
  readonly dc: DocChart;
  readonly chart: Chart;
  readonly kind: 'own' | 'user' | 'discovered';
}

/**
 * lastGood: per values file, where it sat in the last chart tree that loaded. A values file being
 * typed into (`useHost` before its colon) does not parse, so the tree does not load: completion
 * then answers from the tree as it last loaded (the editor asked for CodeLens or hover on open).
 */
const lastGood = new Map<string, ValuesFileInfo>();

/** valuesFileAt tells whether `path` is a values file of a chart tree (values.yaml, a configured or a discovered one). */
export function valuesFileAt(snap: Snapshot, path: string): ValuesFileInfo | undefined {
  const dc = snap.docChart(path);
  if (dc === undefined) {
    const root = snap.chartRoot(path);
    return root !== undefined && snap.model(root).chart === undefined ? lastGood.get(path) : undefined;
  }
  const info = placeValuesFile(dc, path);
  if (info !== undefined) {
    if (lastGood.size > 32 && !lastGood.has(path)) lastGood.clear();
    lastGood.set(path, info);
  }
  return info;
}

function placeValuesFile(dc: DocChart, path: string): ValuesFileInfo | undefined {
  if (dc.kind === 'values') return { dc, chart: dc.chart, kind: 'own' };
  if (dc.model.chart !== undefined && dc.model.userLayers.some((l) => l.path === path)) return { dc, chart: dc.model.chart, kind: 'user' };
  if (isDiscoveredName(dc.rel)) return { dc, chart: dc.chart, kind: 'discovered' };
  return undefined;
}

/** ValuesKey is the key under a cursor in a values file, canonicalised to the chart whose values it sets. */
export interface ValuesKey {
  readonly file: ValuesFileInfo;
  /** keyPath: the key's path inside this file. */
  readonly keyPath: readonly string[];
  /** span: the key in this file. */
  readonly span: Span;
  readonly target: ValuesTarget;
}

/** valuesKeyAt finds the key at `offset` of a values file (on its key or inside its value). */
export function valuesKeyAt(snap: Snapshot, path: string, offset: number): ValuesKey | undefined {
  const file = valuesFileAt(snap, path);
  const text = snap.text(path);
  if (file === undefined || text === undefined) return undefined;
  const doc = snap.valuesDoc(text);
  const keyPath = keyPathIn(doc.roots, offset, []);
  if (keyPath === undefined) return undefined;
  const node = doc.find(keyPath);
  const target = valuesTarget(file.dc, file.chart, keyPath);
  if (node === undefined || target === undefined) return undefined;
  return { file, keyPath, span: node.key, target };
}

/**
 * keyPathIn is the path of the key under `offset`: a key's own text first (a cursor at the start
 * of a key sits at the end of the entry before it), else the innermost entry covering it (inside
 * list items too).
 */
function keyPathIn(nodes: readonly KeyNode[], offset: number, acc: readonly string[]): string[] | undefined {
  return onKey(nodes, offset, acc) ?? inEntry(nodes, offset, acc);
}

function onKey(nodes: readonly KeyNode[], offset: number, acc: readonly string[]): string[] | undefined {
  for (const k of nodes) {
    // A list item's key is the whole item (the same span): only a mapping key's text counts here.
    if (k.key !== k.whole && offset >= k.key.start && offset <= k.key.end) return [...acc, k.name];
    if (offset < k.whole.start || offset > k.whole.end) continue;
    const deeper = onKey(k.children, offset, [...acc, k.name]);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}

function inEntry(nodes: readonly KeyNode[], offset: number, acc: readonly string[]): string[] | undefined {
  for (const k of nodes) {
    if (offset < k.whole.start || offset > k.whole.end) continue;
    return inEntry(k.children, offset, [...acc, k.name]) ?? [...acc, k.name];
  }
  return undefined;
}

/** subchartOf is the subchart whose values a one-segment path of `c` passes (by alias or name), if any. */
export function subchartOf(model: ChartModel, c: Chart, path: readonly string[]): Chart | undefined {
  if (path.length !== 1) return undefined;
  return c.dependencies.find((d) => valuesKeyOf(model, d) === path[0] && d.metadata.type !== 'library');
}

/** targetSettings lists every setting of a target: its chart's layers and, for globals, every chart's own files. */
export function targetSettings(snap: Snapshot, model: ChartModel, t: ValuesTarget): KeySetting[] {
  const out = keySettings(snap, model, t.chart, t.path);
  if (!t.global) return out;
  const seen = new Set(out.map((s) => `${s.source.path ?? s.source.label}\u0000${s.keyPath.join('\u0000')}`));
  for (const c of model.byOrigin.values()) {
    for (const s of keySettings(snap, model, c, t.path)) {
      const k = `${s.source.path ?? s.source.label}\u0000${s.keyPath.join('\u0000')}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(s);
    }
  }
  return out;
}

/** lineOf is the 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
