// The render objects `.Chart`, `.Release`, `.Capabilities` as navigation targets: which chart's
// object a path names (by identity of the object in the prepared release), every template read
// of it across the chart tree, and `.Chart.X` → the key of Chart.yaml (Helm's Go field names map
// to the YAML keys: Name → name, AppVersion → appVersion, APIVersion → apiVersion, ...).
import * as posix from 'node:path/posix';
import type { Chart } from '../chart/loader';
import type * as N from '../template/parse/node';
import type { Value } from '../template/value';
import { contextSym } from './definectx';
import { type Env, type Sym, member, nodeStart, walkAll } from './scope';
import type { DocChart, Snapshot } from './snapshot';
import type { Location, Span } from './types';

/** OBJECTS are the render objects whose reads references list. */
export const OBJECTS: ReadonlySet<string> = new Set(['Chart', 'Release', 'Capabilities']);

/** ObjectTarget is a path into a render object (`['Chart', 'Name']`) of one chart (`.Chart`) or of the release. */
export interface ObjectTarget {
  readonly kind: 'object';
  readonly path: readonly string[];
  /** object: the `.Chart`/`.Release`/`.Capabilities` value the path starts from (identity decides the chart). */
  readonly object: Value;
  /** chart: the chart owning `.Chart` (undefined for `.Release`/`.Capabilities`). */
  readonly chart: Chart | undefined;
}

/** chartYamlKey maps a `.Chart` field (Go name) to its Chart.yaml key. */
export function chartYamlKey(field: string): string {
  if (field === 'APIVersion') return 'apiVersion';
  return field.charAt(0).toLowerCase() + field.slice(1);
}

/** chartYamlPath is the absolute path of a chart's Chart.yaml (undefined for packaged charts). */
export function chartYamlPath(dc: DocChart, c: Chart): string | undefined {
  return c.origin.archive === undefined ? posix.join(dc.model.root, c.origin.path, 'Chart.yaml') : undefined;
}

/** chartOfContext finds the loaded chart whose render context holds `chartObj` as `.Chart`. */
function chartOfContext(dc: DocChart, chartObj: Value): Chart | undefined {
  for (const r of dc.model.renderByOrigin.values()) if (r.context.get('Chart') === chartObj) return r.chart;
  return undefined;
}

/** objectTarget recognises `base.names[0..i]` as a render-object path (base must be a chart's root context). */
export function objectTarget(dc: DocChart, base: Sym | undefined, names: readonly string[]): ObjectTarget | undefined {
  if (base?.isRoot !== true || names.length === 0 || !OBJECTS.has(names[0])) return undefined;
  const m = member(base.value, names[0]);
  if (m === undefined) return undefined;
  const chart = names[0] === 'Chart' ? (chartOfContext(dc, m.value) ?? dc.chart) : undefined;
  return { kind: 'object', path: names, object: m.value, chart };
}

/** chartYamlLocation is `.Chart[.X]` → Chart.yaml (the key of field X, else the file's start). */
export function chartYamlLocation(snap: Snapshot, dc: DocChart, c: Chart, path: readonly string[]): Location | undefined {
  const file = chartYamlPath(dc, c);
  const text = file !== undefined ? snap.text(file) : undefined;
  if (file === undefined || text === undefined) return undefined;
  // `.Chart.Metadata.Name` (Helm 3's embedded struct) names the same key as `.Chart.Name`.
  const fields = path.slice(1).filter((f) => f !== 'Metadata');
  if (fields.length === 0) return { path: file, start: 0, end: 0 };
  const k = snap.valuesDoc(text).find([chartYamlKey(fields[0])]);
  return k === undefined ? undefined : { path: file, start: k.key.start, end: k.key.end };
}

/** segmentSpans are the spans of each name of a field/variable operand (after its base). */
function segmentSpans(n: N.FieldNode | N.VariableNode): { names: readonly string[]; spans: Span[] } {
  let pos = nodeStart(n);
  let names: readonly string[] = n.ident;
  if (n.kind === 'variable') {
    pos += n.ident[0].length;
    names = n.ident.slice(1);
  }
  const spans: Span[] = [];
  for (const name of names) {
    spans.push({ start: pos + 1, end: pos + 1 + name.length });
    pos += 1 + name.length;
  }
  return { names, spans };
}

/** objectReads finds every template read of the target path (same object, same leading names). */
export function objectReads(snap: Snapshot, dc: DocChart, t: ObjectTarget): Location[] {
  const out: Location[] = [];
  for (const s of snap.templates(dc.model)) {
    if (s.path === undefined) continue;
    const owner = snap.docChart(s.path);
    if (owner === undefined) continue;
    const file = s.path;
    const chartRoot: Sym = { value: snap.rootContext(owner), isRoot: true };
    for (const tree of snap.parse(file, s.text).trees.values()) {
      const recorded = tree.defineRange !== undefined ? snap.lastIncludeContexts(dc.model, tree.name) : undefined;
      const roots: Sym[] = recorded !== undefined && recorded.length > 0 ? recorded.map((v) => contextSym([v]) ?? chartRoot) : [chartRoot];
      for (const root of roots) {
        walkAll(tree, root, (n, env) => {
          const hit = matchObject(n, env, t);
          if (hit !== undefined) out.push({ path: file, ...hit });
        });
      }
    }
  }
  return out;
}

function matchObject(n: N.Node, env: Env, t: ObjectTarget): Span | undefined {
  if (n.kind !== 'field' && n.kind !== 'variable') return undefined;
  const base = n.kind === 'field' ? env.dot : env.vars.get(n.ident[0])?.sym;
  if (base === undefined || !(base.value instanceof Map)) return undefined;
  const { names, spans } = segmentSpans(n);
  if (names.length < t.path.length || names[0] !== t.path[0]) return undefined;
  if (base.value.get(t.path[0]) !== t.object) return undefined;
  for (let i = 1; i < t.path.length; i++) if (names[i] !== t.path[i]) return undefined;
  return spans[t.path.length - 1];
}
