// Package chart: everything `helm template` does before the template engine runs.
//
// Typical use by the `template` command, in Helm's order (pkg/cmd/install.go runInstall +
// pkg/action/install.go RunWithContext):
//
//   1. parseKubeVersion(flag, v)                      (flag parsing; "invalid kube version ...")
//   2. mergeCliValues(readFile, opts, v)              → user values (-f, --set-json, --set, ...)
//   3. loadChart(fs, path, v)                         → Chart (or Helm's load error)
//   4. checkInstallable(chart)                        ("library charts are not installable")
//      deprecatedWarning(chart, v)                    (stderr line when Chart.yaml deprecated)
//      checkDependencies(chart, v)                    (declared deps missing from charts/)
//   5. release-name check (render layer)
//   6. prepareRelease(chart, userValues, opts)        → RenderChart tree + warnings, or an error
//      whose `withRelease` says whether Helm appends the "--debug" hint (kubeVersion check).
//
// prepareRelease never mutates the loaded Chart: it processes a clone, so a Chart can be loaded
// once and rendered many times (language server).
import { buildRenderContext, type RenderChart, templateMap, valuesMap } from './objects';
import type { HelmVersion } from '../template/func';
import type { GoMap } from '../template/value';
import { type Capabilities, type KubeVersion, kubeVersionString, makeCapabilities, parseKubeVersion } from './capabilities';
import { cloneChart, isCompatibleRange, processDependencies } from './dependencies';
import { type Chart, chartFullPath } from './loader';
import { Log } from './log';
import { type SchemaCodeCache, validateAgainstSchema } from './schema';
import { CoalesceError, Coalescer, mergeCliValues } from './values';

export { type ChartFS, memoryFS, nodeFS, overlayFS, cleanPath, joinPath } from './fs';
export { type Chart, type ChartFile, type LoadResult, loadChart, chartFullPath, chartName, crdFiles, isRoot, helm4ApiVersionRefusal } from './loader';
export { type Metadata, type Dependency, type Maintainer } from './metadata';
export { type CliValueOptions, mergeCliValues, pathValue, table } from './values';
export { type Capabilities, type KubeVersion, makeCapabilities, parseKubeVersion, kubeVersionString } from './capabilities';
export { type RenderChart, templateMap, valuesMap };
export { parseSet, typedVal } from './strvals';
export { type SchemaCodeCache, validateAgainstSchema } from './schema';
export { Log } from './log';

/** checkInstallable is action.CheckIfInstallable: only application charts install. */
export function checkInstallable(c: Chart): string | undefined {
  const t = c.metadata.type;
  if (t === '' || t === 'application') return undefined;
  return `${t} charts are not installable`;
}

/** deprecatedWarning is the stderr line `helm template` prints for a deprecated chart. */
export function deprecatedWarning(c: Chart, v: HelmVersion): string | undefined {
  if (!c.metadata.deprecated) return undefined;
  return v === 3 ? 'WARNING: This chart is deprecated' : 'level=WARN msg="this chart is deprecated"';
}

/** checkDependencies is action.CheckDependencies wrapped with runInstall's message. */
export function checkDependencies(c: Chart, v: HelmVersion): string | undefined {
  if (c.metadata.dependenciesNil) return undefined;
  const missing = c.metadata.dependencies
    .filter((r) => !c.dependencies.some((d) => d.metadata.name === r.name))
    .map((r) => r.name);
  if (missing.length === 0) return undefined;
  const lead = v === 3 ? 'An' : 'an';
  return `${lead} error occurred while checking for chart dependencies. You may need to run \`helm dependency build\` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`;
}

/** PrepareOptions configure prepareRelease. */
export interface PrepareOptions {
  readonly releaseName: string;
  /** namespace: '' means "default". */
  readonly namespace: string;
  readonly isUpgrade: boolean;
  /** kubeVersion: parsed --kube-version (parseKubeVersion), undefined for the default. */
  readonly kubeVersion?: KubeVersion;
  /** apiVersions: --api-versions values, appended to the defaults. */
  readonly apiVersions: readonly string[];
  readonly helmVersion: HelmVersion;
  readonly skipSchemaValidation: boolean;
  /** schemaCache keeps compiled values-schema validators between runs (the CLI's disk cache). */
  readonly schemaCache?: SchemaCodeCache;
  /** debug: --debug (Helm 4's debug lines join the warnings). */
  readonly debug?: boolean;
}

/** Prepared is a release ready for the engine. */
export interface Prepared {
  /** root is the context tree: root chart first, each with its templates and context map. */
  readonly root: RenderChart;
  /** charts lists every enabled chart (pre-order: parent before its subcharts). */
  readonly charts: readonly RenderChart[];
  /** values are the coalesced top-level values (shared with root's `.Values`). */
  readonly values: GoMap;
  readonly capabilities: Capabilities;
  /** chart is the processed clone (disabled subcharts removed, aliases applied). */
  readonly chart: Chart;
  /** warnings are stderr lines (no newline) Helm prints while preparing, in order. */
  readonly warnings: readonly string[];
}

/** PrepareError is a failure; withRelease: Helm had created the release (adds the --debug hint). */
export interface PrepareError {
  readonly error: string;
  readonly withRelease: boolean;
  readonly warnings: readonly string[];
}

/**
 * prepareRelease runs ProcessDependenciesWithMerge, capabilities, ToRenderValues (coalescing and
 * schema validation) and the chart's kubeVersion check, then builds the render contexts.
 */
export function prepareRelease(chart: Chart, userValues: GoMap, o: PrepareOptions): Prepared | PrepareError {
  const v = o.helmVersion;
  const log = new Log(v, o.debug === true);
  const c = cloneChart(chart);
  const fail = (error: string, withRelease = false): PrepareError => ({ error, withRelease, warnings: log.lines });
  try {
    processDependencies(c, userValues, log);
  } catch (e) {
    if (e instanceof CoalesceError) return fail(e.message);
    throw e;
  }
  const caps = makeCapabilities(v, o.kubeVersion, o.apiVersions);
  let values: GoMap;
  try {
    values = new Coalescer(log).coalesceValues(c, userValues);
  } catch (e) {
    if (e instanceof CoalesceError) return fail(e.message);
    throw e;
  }
  if (!o.skipSchemaValidation) {
    const err = validateAgainstSchema(c, values, v, o.schemaCache, log);
    if (err !== undefined) return fail(err);
  }
  if (c.metadata.kubeVersion !== '') {
    const kv = kubeVersionString(caps.kubeVersion);
    if (!isCompatibleRange(c.metadata.kubeVersion, kv, v)) {
      return fail(`chart requires kubeVersion: ${c.metadata.kubeVersion} which is incompatible with Kubernetes ${kv}`, true);
    }
  }
  const root = buildRenderContext(c, values, {
    helmVersion: v,
    release: { name: o.releaseName, namespace: o.namespace, isUpgrade: o.isUpgrade },
    capabilities: caps,
  });
  const charts: RenderChart[] = [];
  const walk = (r: RenderChart): void => {
    charts.push(r);
    r.children.forEach(walk);
  };
  walk(root);
  return { root, charts, values, capabilities: caps, chart: c, warnings: log.lines };
}

/** templateName is the engine name of a chart template: "<fullPath>/<templates/x.yaml>". */
export function templateName(r: RenderChart, file: string): string {
  return `${r.fullPath}/${file}`;
}

/** fullPathOf is chartFullPath re-exported for callers holding a Chart. */
export const fullPathOf = chartFullPath;

/** parseCliKubeVersion is parseKubeVersion with an empty flag meaning "default". */
export function parseCliKubeVersion(s: string, v: HelmVersion): KubeVersion | undefined | { error: string } {
  return s === '' ? undefined : parseKubeVersion(s, v);
}

export { mergeCliValues as mergeValues };
