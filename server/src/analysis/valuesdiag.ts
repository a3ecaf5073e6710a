// Diagnostics of a chart's values.yaml: keys nothing in the chart tree reads (a hint) and values.schema.json
// violations placed at the offending key.
import { schemaViolations } from '../chart/schema';
import type { Chart } from '../chart/loader';
import type { GoMap } from '../template/value';
import type { DocChart, Snapshot } from './snapshot';
import { chartPrefixes, isCovered, treeReads } from './valuesreads';
import type { Diagnostic } from './types';
import type { KeyNode } from './valuesdoc';

type Draft = Omit<Diagnostic, 'severity'>;

/** owner names the chart whose values hold a root-relative path (the deepest chart prefix it lies under). */
function owner(root: Chart, abs: readonly string[]): Chart {
  let best = root;
  let depth = -1;
  const visit = (c: Chart): void => {
    for (const p of chartPrefixes(c)) {
      if (p.length > depth && p.length < abs.length && p.every((k, i) => abs[i] === k)) {
        best = c;
        depth = p.length;
      }
    }
    c.dependencies.forEach(visit);
  };
  visit(root);
  return best;
}

/** lockedNames lists the dependency names (aliases) of a chart's Chart.lock. */
function lockedNames(c: Chart): string[] {
  const deps = c.lock instanceof Map ? c.lock.get('dependencies') : undefined;
  if (!Array.isArray(deps)) return [];
  const out: string[] = [];
  for (const d of deps) {
    if (!(d instanceof Map)) continue;
    const n = d.get('alias') ?? d.get('name');
    if (typeof n === 'string' && n !== '') out.push(n);
  }
  return out;
}

/**
 * unusedValues reports the topmost keys of a values.yaml that nothing in the chart tree reads
 * (see valuesreads.ts: templates of every chart, dependency conditions/tags, import-values,
 * exports, values strings). Keys of a dependency that is declared (Chart.yaml or Chart.lock) but
 * not loaded are skipped.
 */
export function unusedValues(snap: Snapshot, dc: DocChart, text: string): Draft[] {
  const root = dc.model.chart;
  if (root === undefined) return [];
  const reads = treeReads(snap, dc.model);
  const prefixes = chartPrefixes(dc.chart);
  const loaded = new Set(dc.chart.dependencies.map((d) => d.metadata.name));
  const missingDeps = new Set(dc.chart.metadata.dependencies.filter((d) => !loaded.has(d.name)).map((d) => (d.alias !== '' ? d.alias : d.name)));
  // Chart.lock may list dependencies Chart.yaml no longer shows (a trimmed copy): not downloaded either.
  for (const n of lockedNames(dc.chart)) if (!loaded.has(n)) missingDeps.add(n);
  const out: Draft[] = [];
  // Candidates for the same file key under every prefix (aliases): read under any of them = read.
  const absOf = (rel: readonly string[]): string[][] => (rel[0] === 'global' ? [[...rel]] : prefixes.map((p) => [...p, ...rel]));
  const visit = (nodes: readonly KeyNode[], rel: readonly string[]): void => {
    for (const k of nodes) {
      if (/^\d+$/.test(k.name)) continue;
      if (rel.length === 0 && missingDeps.has(k.name)) continue;
      const r = [...rel, k.name];
      const abs = absOf(r);
      if (abs.some((a) => isCovered(reads, a))) continue;
      if (abs.some((a) => reads.prefixes.has(a.join('.')))) {
        visit(k.children, r);
        continue;
      }
      const chart = r[0] === 'global' ? dc.chart : owner(root, abs[0]);
      out.push({ code: 'values-unused', message: `.Values.${r.join('.')} is not read by any template of chart ${chart.metadata.name}`, start: k.key.start, end: k.key.end });
    }
  };
  visit(snap.valuesDoc(text).roots, []);
  return out;
}

function pointerPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** schemaDiagnostics validates the chart's values against its values.schema.json, at the keys of this values file. */
export function schemaDiagnostics(snap: Snapshot, dc: DocChart, text: string): Draft[] {
  const schema = dc.chart.schema;
  if (schema === undefined) return [];
  const values = dc.renderChart?.context.get('Values');
  if (!(values instanceof Map)) return [];
  const res = schemaViolations(values as GoMap, schema, snap.settings.helmVersion);
  if ('error' in res) return [{ code: 'values-schema', message: res.error.startsWith('values.schema.json: ') ? res.error : `values.schema.json: ${res.error}`, start: 0, end: 0 }];
  const doc = snap.valuesDoc(text);
  const out: Draft[] = [];
  for (const v of res) {
    const path = pointerPath(v.pointer);
    let node: KeyNode | undefined;
    for (let n = path.length; n > 0 && node === undefined; n--) node = doc.find(path.slice(0, n));
    const range = node !== undefined ? node.key : { start: 0, end: 0 };
    out.push({ code: 'values-schema', message: `values.schema.json: ${v.message}`, start: range.start, end: range.end });
  }
  return out;
}
