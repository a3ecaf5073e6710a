// Bridge to the chart layer for one `helm template` run: CLI values, chart loading, installability
// checks, release-name check, values coalescing and the per-chart render contexts.
// INTERIM: the render contexts here are minimal until server/src/chart/index.ts prepareRelease
// and server/src/helm/objects.ts land; then this file only forwards to them.
import type { ChartFS } from '../chart/fs';
import { type Chart, type LoadResult } from '../chart/loader';
import { Log } from '../chart/log';
import { Coalescer, mergeCliValues, table } from '../chart/values';
import { processDependencies } from '../chart/dependencies';
import type { HelmVersion } from '../template/func';
import type { GoMap, Value } from '../template/value';
import type { TemplateFlags } from './flags';
import type { YamlToJson } from './simplehead';
import { resolvePath } from './template-command';

/** ChartNode is one enabled chart of the tree with its render context (`next` in Helm). */
export interface ChartNode {
  readonly chart: Chart;
  readonly vals: GoMap;
  readonly children: ChartNode[];
}

/** ReleaseContext is what the engine renders: the chart tree with contexts. */
export interface ReleaseContext {
  readonly root: ChartNode;
  readonly yamlToJson?: YamlToJson;
}

/** BuildReleaseInput configures buildRelease. */
export interface BuildReleaseInput {
  readonly fs: ChartFS;
  readonly cwd: string;
  readonly helmVersion: HelmVersion;
  readonly chartPath: string;
  readonly releaseName: string;
  readonly flags: TemplateFlags;
  readonly log: (s: string) => void;
  readonly load: (path: string) => LoadResult;
  readonly releaseNameCheck: (name: string) => { error: string; log?: string } | undefined;
}

/** buildRelease runs runInstall's steps up to (not including) the engine. */
export function buildRelease(input: BuildReleaseInput): ReleaseContext | { error: string; withRelease: boolean } {
  const { fs, flags, helmVersion: hv } = input;
  const vals = mergeCliValues((p) => fs.readFile(resolvePath(input.cwd, p)), flags, hv);
  if ('error' in vals) return { error: vals.error, withRelease: false };
  const loaded = input.load(input.chartPath);
  if ('error' in loaded) return { error: loaded.error, withRelease: false };
  const chart = loaded.chart;
  const type = chart.metadata.type;
  if (type !== '' && type !== 'application') return { error: `${type} charts are not installable`, withRelease: false };
  if (chart.metadata.deprecated) {
    input.log(hv === 3 ? 'WARNING: This chart is deprecated\n' : 'level=WARN msg="this chart is deprecated"\n');
  }
  const nameErr = input.releaseNameCheck(input.releaseName);
  if (nameErr !== undefined) {
    if (nameErr.log !== undefined) input.log(nameErr.log + '\n');
    return { error: nameErr.error, withRelease: false };
  }
  const log = new Log(hv);
  // ProcessDependencies: conditions/tags/aliases drop disabled subcharts, import-values.
  try {
    processDependencies(chart, vals.values, log);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), withRelease: false };
  }
  let coalesced: GoMap;
  try {
    coalesced = new Coalescer(log).coalesceValues(chart, vals.values);
  } catch (e) {
    for (const l of log.lines) input.log(l + '\n');
    return { error: e instanceof Error ? e.message : String(e), withRelease: false };
  }
  for (const l of log.lines) input.log(l + '\n');
  const release: GoMap = new Map<string, Value>([
    ['Name', input.releaseName],
    ['Namespace', flags.namespace],
    ['IsUpgrade', flags.isUpgrade],
    ['IsInstall', !flags.isUpgrade],
    ['Revision', 1],
    ['Service', 'Helm'],
  ]);
  const node = (c: Chart, values: GoMap): ChartNode => {
    const md = c.metadata as unknown as Record<string, unknown>;
    const chartMap: GoMap = new Map<string, Value>();
    for (const k of ['name', 'version', 'appVersion', 'description', 'type', 'apiVersion']) {
      const v = md[k];
      if (typeof v === 'string') chartMap.set(k[0].toUpperCase() + k.slice(1), v);
    }
    chartMap.set('IsRoot', c.parent === undefined);
    const ctx: GoMap = new Map<string, Value>([
      ['Chart', chartMap],
      ['Release', release],
      ['Values', values],
      ['Capabilities', new Map()],
      ['Files', new Map()],
    ]);
    const children = c.dependencies.map((d) => {
      let sub: GoMap = new Map();
      try {
        sub = table(values, d.metadata.name);
      } catch {
        sub = new Map();
      }
      return node(d, sub);
    });
    return { chart: c, vals: ctx, children };
  };
  return { root: node(chart, coalesced) };
}
