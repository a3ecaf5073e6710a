// Package dependencies: ProcessDependenciesWithMerge (chartutil/dependencies.go): conditions,
// tags, aliases, import-values. Works on a clone so a loaded Chart can be reused for many
// renders (Helm reloads the chart each time and mutates it in place).
import { type GoMap, type Value, deepCopy } from '../template/value';
import { type Chart, chartName } from './loader';
import type { Log } from './log';
import type { HelmVersion } from '../template/func';
import { SemverError, checkConstraint } from '../sprig/semver';
import type { Dependency, Metadata } from './metadata';
import { Coalescer, NoValueError, parsePath, pathValue, table } from './values';

/**
 * isCompatibleRange is chartutil.IsCompatibleRange: semver.NewVersion + NewConstraint + Check, with
 * any parse error meaning "not compatible" (false) rather than an error.
 */
export function isCompatibleRange(constraint: string, version: string, hv: HelmVersion): boolean {
  try {
    return checkConstraint(constraint, version, hv);
  } catch (e) {
    if (e instanceof SemverError) return false;
    throw e;
  }
}

function cloneMetadata(md: Metadata): Metadata {
  return {
    ...md,
    sources: [...md.sources],
    keywords: [...md.keywords],
    maintainers: md.maintainers.map((m) => ({ ...m })),
    annotations: md.annotations === null ? null : new Map(md.annotations),
    dependencies: md.dependencies.map((d) => ({ ...d, tags: [...d.tags], importValues: d.importValues.map(deepCopy) })),
  };
}

/** cloneChart copies a chart tree: metadata and values deep, file lists shared. */
export function cloneChart(c: Chart, parent: Chart | undefined = undefined): Chart {
  const out: Chart = { ...c, metadata: cloneMetadata(c.metadata), values: deepCopy(c.values) as GoMap, parent, dependencies: [] };
  out.dependencies = c.dependencies.map((d) => cloneChart(d, out));
  return out;
}

/** processDependencies runs ProcessDependenciesWithMerge on `c` (mutated) with user values. */
export function processDependencies(c: Chart, userValues: GoMap, log: Log): void {
  const co = new Coalescer(log);
  processEnabled(c, userValues, '', log, co);
  processImportValuesRec(c, log, co);
}

function processTags(reqs: Dependency[], cvals: GoMap, log: Log): void {
  let vt: GoMap;
  try {
    vt = table(cvals, 'tags');
  } catch {
    return;
  }
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.tags) {
      if (!vt.has(k)) continue;
      const b = vt.get(k);
      if (typeof b === 'boolean') {
        if (b) hasTrue = true;
        else hasFalse = true;
      } else {
        log.warn('dependencies.go', 94, `Warning: Tag '${k}' for chart ${r.name} returned non-bool value`, 'returned non-bool value', [
          ['tag', k],
          ['chart', r.name],
        ]);
      }
    }
    // Disabled only if no tag is true and at least one is false.
    if (!hasTrue && hasFalse) r.enabled = false;
    else r.enabled = true;
  }
}

function processConditions(reqs: Dependency[], cvals: GoMap, cpath: string, log: Log): void {
  for (const r of reqs) {
    for (const c of r.condition.trim().split(',')) {
      if (c.length === 0) continue;
      let vv: Value;
      try {
        vv = pathValue(cvals, cpath + c);
      } catch (e) {
        if (!(e instanceof NoValueError)) {
          log.warn('dependencies.go', 67, `Warning: PathValue returned error ${(e as Error).message}`, 'PathValue returned error', [
            ['error', (e as Error).message],
          ]);
        }
        continue;
      }
      // The first path that holds a bool decides.
      if (typeof vv === 'boolean') {
        r.enabled = vv;
        break;
      }
      log.warn('dependencies.go', 63, `Warning: Condition path '${c}' for chart ${r.name} returned non-bool value`, 'returned non-bool value', [
        ['path', c],
        ['chart', r.name],
      ]);
    }
  }
}

function getAliasDependency(charts: Chart[], dep: Dependency, parent: Chart, log: Log): Chart | undefined {
  for (const c of charts) {
    if (chartName(c) !== dep.name) continue;
    if (!isCompatibleRange(dep.version, c.metadata.version, log.v)) continue;
    // Helm 3 copies only the Chart and Metadata structs (`out := *c; md := *c.Metadata`): the
    // subcharts are the same objects, still parented by the unaliased chart (their `# Source:`
    // says `charts/child/`, and two aliases of one chart render them once), and Metadata's
    // Dependencies slice points at the same *Dependency records, so what one alias's processing
    // writes into them, the other sees. Helm 4 copies both (copyMetadata, deep chart copy).
    const out = log.v === 3 ? { ...c, metadata: { ...c.metadata, dependencies: [...c.metadata.dependencies] }, parent } : cloneChart(c, parent);
    if (dep.alias !== '') out.metadata.name = dep.alias;
    return out;
  }
  return undefined;
}

function processEnabled(c: Chart, v: GoMap, path: string, log: Log, co: Coalescer): void {
  const md = c.metadata;
  if (md.dependenciesNil) return;
  const chartDependencies: Chart[] = [];
  // Subcharts not declared in Chart.yaml stay as they are.
  outer: for (const existing of c.dependencies) {
    for (const req of md.dependencies) {
      if (chartName(existing) === req.name && isCompatibleRange(req.version, existing.metadata.version, log.v)) continue outer;
    }
    chartDependencies.push(existing);
  }
  for (const req of md.dependencies) {
    const dep = getAliasDependency(c.dependencies, req, c, log);
    if (dep !== undefined) chartDependencies.push(dep);
    if (req.alias !== '') req.name = req.alias;
  }
  setDependencies(c, chartDependencies);
  for (const lr of md.dependencies) lr.enabled = true;
  const cvals = co.coalesceValues(c, v);
  processTags(md.dependencies, cvals, log);
  processConditions(md.dependencies, cvals, path, log);
  const rm = new Set(md.dependencies.filter((r) => !r.enabled).map((r) => r.name));
  const cd = c.dependencies.filter((n) => !rm.has(chartName(n)));
  const cdMetadata = md.dependencies.filter((n) => !rm.has(n.name));
  for (const t of cd) processEnabled(t, cvals, path + chartName(t) + '.', log, co);
  md.dependencies = cdMetadata;
  setDependencies(c, cd);
}

/** setDependencies is chart.SetDependencies: the list, and each subchart's parent set to `c`. */
function setDependencies(c: Chart, deps: Chart[]): void {
  c.dependencies = deps;
  for (const d of deps) d.parent = c;
}

function pathToMap(path: string, data: GoMap): GoMap {
  if (path === '.') return data;
  let cur: GoMap = data;
  const parts = parsePath(path);
  for (let i = parts.length - 1; i >= 0; i--) cur = new Map([[parts[i], cur]]);
  return cur;
}

function processImportValuesRec(c: Chart, log: Log, co: Coalescer): void {
  for (const d of c.dependencies) processImportValuesRec(d, log, co);
  processImportValues(c, log, co);
}

/**
 * processed marks the `{child, parent}` entries processImportValues writes back into a
 * dependency: Go stores them as map[string]string, which neither case of its type switch
 * (map[string]interface{}, string) matches, so processing the same record again (Helm 3, two
 * aliases of one chart sharing it) skips them and imports nothing.
 */
const processed = new WeakSet<GoMap>();

function str(v: Value | undefined): string {
  return typeof v === 'string' ? v : '';
}

function normalised(child: string, parent: string): GoMap {
  const m: GoMap = new Map<string, Value>([['child', child], ['parent', parent]]);
  processed.add(m);
  return m;
}

function processImportValues(c: Chart, log: Log, co: Coalescer): void {
  const md = c.metadata;
  if (md.dependenciesNil) return;
  const cvals = co.mergeValues(c, null);
  let b: GoMap = new Map();
  for (const r of md.dependencies) {
    const outiv: Value[] = [];
    for (const riv of r.importValues) {
      if (riv instanceof Map && processed.has(riv)) continue;
      if (riv instanceof Map) {
        const child = str(riv.get('child'));
        const parent = str(riv.get('parent'));
        outiv.push(normalised(child, parent));
        let vv: GoMap;
        try {
          vv = table(cvals, `${r.name}.${child}`);
        } catch (e) {
          const msg = (e as Error).message;
          log.warn('dependencies.go', 269, `Warning: ImportValues missing table from chart ${r.name}: ${msg}`, 'ImportValues missing table from chart', [
            ['chart', r.name],
            ['error', msg],
          ]);
          continue;
        }
        b = co.mergeTables(b, pathToMap(parent, vv));
      } else if (typeof riv === 'string') {
        const child = 'exports.' + riv;
        outiv.push(normalised(child, '.'));
        let vm: GoMap;
        try {
          vm = table(cvals, `${r.name}.${child}`);
        } catch (e) {
          const msg = (e as Error).message;
          log.warn('dependencies.go', 286, `Warning: ImportValues missing table: ${msg}`, 'ImportValues missing table', [['error', msg]]);
          continue;
        }
        b = co.mergeTables(b, vm);
      }
    }
    r.importValues = outiv;
  }
  // The parent's own values win over imported ones.
  c.values = co.mergeTables(deepCopy(cvals) as GoMap, b);
}
