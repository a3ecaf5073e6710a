// ChartModel: one chart tree (root chart and its subcharts) loaded through the overlay FS and
// prepared with the user's settings — loaded once per structural change (Chart.yaml, values,
// charts/), never per template keystroke. Template texts come from the snapshot at use time.
import * as posix from 'node:path/posix';
import { type Chart, type CliValueOptions, type Prepared, loadChart, mergeCliValues, parseCliKubeVersion, prepareRelease } from '../chart/index';
import { overlayFS } from '../chart/fs';
import type { RenderChart } from '../chart/objects';
import type { GoMap } from '../template/value';
import type { AnalysisHost, AnalysisSettings } from './host';
import { type ValuesFile, resolveValuesFiles } from './valuesfiles';
import { releaseNameCheck } from '../render/template-command';

/** ValuesLayer is one source of values, highest precedence first in ChartModel.layersFor. */
export interface ValuesLayer {
  /** label names the layer for people: "values.yaml of chart foo", "user values ci.yaml". */
  readonly label: string;
  /** path of the file (absolute), undefined inside packaged charts. */
  readonly path: string | undefined;
  readonly values: GoMap;
  /** text of the file, for key positions. */
  readonly text: string | undefined;
  /** prefix: keys leading from this layer's top level to the chart's values. */
  readonly prefix: readonly string[];
}

/** ChartModel is a loaded and prepared chart tree. */
export interface ChartModel {
  /** root is the absolute directory of the root chart. */
  readonly root: string;
  readonly key: string;
  readonly chart: Chart | undefined;
  readonly loadError: string | undefined;
  readonly userLayers: readonly ValuesLayer[];
  readonly userValues: GoMap;
  readonly userError: string | undefined;
  /** valuesFiles: the configured values files as read (or refused) for this model. */
  readonly valuesFiles: readonly ValuesFile[];
  /** settingErrors: settings that cannot be used (a refused values file, an invalid release name). */
  readonly settingErrors: readonly string[];
  /** prepared is a release used only for reading (completion/hover), never rendered. */
  readonly prepared: Prepared | undefined;
  readonly prepareError: string | undefined;
  /** byOrigin: loaded charts by their directory relative to the root ('' for the root). */
  readonly byOrigin: ReadonlyMap<string, Chart>;
  /** renderByOrigin: enabled charts of the prepared release by directory. */
  readonly renderByOrigin: ReadonlyMap<string, RenderChart>;
}

/** isTemplatePath reports whether a chart-relative path looks like a template of some chart. */
export function isTemplatePath(rel: string): boolean {
  return /(^|\/)templates\//.test(rel);
}

function collect(c: Chart, out: Map<string, Chart>): void {
  if (c.origin.archive === undefined) out.set(c.origin.path, c);
  for (const d of c.dependencies) collect(d, out);
}

/** buildModel loads and prepares the chart tree at `root` with the open buffers under it. */
export function buildModel(
  host: AnalysisHost,
  root: string,
  key: string,
  buffers: ReadonlyMap<string, string>,
  settings: AnalysisSettings,
): ChartModel {
  const hv = settings.helmVersion;
  const fs = overlayFS(host.chartFS(root), buffers);
  const loaded = loadChart(fs, '', hv);
  const byOrigin = new Map<string, Chart>();
  const base = {
    root,
    key,
    userLayers: [] as ValuesLayer[],
    userValues: new Map() as GoMap,
    userError: undefined as string | undefined,
    valuesFiles: [] as ValuesFile[],
    settingErrors: [] as string[],
    prepared: undefined,
    prepareError: undefined,
    byOrigin,
    renderByOrigin: new Map<string, RenderChart>(),
  };
  if ('error' in loaded) return { ...base, chart: undefined, loadError: loaded.error };
  collect(loaded.chart, byOrigin);
  const files = resolveValuesFiles(host, root, buffers, settings);
  const user = userValues(files, settings);
  const settingErrors = files.flatMap((f) => f.refused ?? []);
  const nameErr = releaseNameCheck(settings.releaseName, hv);
  if (nameErr !== undefined) settingErrors.push(`chartwright.releaseName: ${nameErr.error}`);
  const kv = parseCliKubeVersion(settings.kubeVersion, hv);
  const prep = prepareRelease(loaded.chart, user.values, releaseOptions(settings, kv));
  const renderByOrigin = new Map<string, RenderChart>();
  if (!('error' in prep)) {
    for (const r of prep.charts) if (r.chart.origin.archive === undefined) renderByOrigin.set(r.chart.origin.path, r);
  }
  return {
    ...base,
    chart: loaded.chart,
    loadError: undefined,
    userLayers: user.layers,
    userValues: user.values,
    userError: user.error,
    valuesFiles: files,
    settingErrors,
    prepared: 'error' in prep ? undefined : prep,
    prepareError: 'error' in prep ? prep.error : undefined,
    renderByOrigin,
  };
}

/** releaseOptions turns settings into prepareRelease options. */
export function releaseOptions(settings: AnalysisSettings, kv: ReturnType<typeof parseCliKubeVersion>): Parameters<typeof prepareRelease>[2] {
  return {
    releaseName: settings.releaseName,
    namespace: settings.namespace,
    isUpgrade: false,
    kubeVersion: kv !== undefined && !('error' in kv) ? kv : undefined,
    apiVersions: [...settings.apiVersions],
    helmVersion: settings.helmVersion,
    // Schema violations are reported at their keys in values.yaml (values-schema); failing the
    // whole release here would take completion and hover down with it.
    skipSchemaValidation: true,
  };
}

function userValues(files: readonly ValuesFile[], settings: AnalysisSettings): { values: GoMap; layers: ValuesLayer[]; error: string | undefined } {
  const layers: ValuesLayer[] = [];
  const dec = new TextDecoder();
  // Refused files are left out (their refusal is a setting error); missing ones keep Helm's error.
  const used = files.filter((f) => f.refused === undefined);
  const bytesOf = new Map(used.map((f) => [f.setting, f.bytes]));
  const opts = (valueFiles: string[]): CliValueOptions => ({ valueFiles, set: [], setString: [], setFile: [], setJson: [], setLiteral: [] });
  const merged = mergeCliValues((f) => bytesOf.get(f), opts(used.map((f) => f.setting)), settings.helmVersion);
  if ('error' in merged) return { values: new Map(), layers, error: merged.error };
  // Each file on its own, later files first (they win), for "which layer" answers.
  for (const f of [...used].reverse()) {
    const bytes = f.bytes;
    if (bytes === undefined) continue;
    const one = mergeCliValues(() => bytes, opts([f.setting]), settings.helmVersion);
    if ('error' in one) continue;
    layers.push({ label: `user values ${f.setting}`, path: f.path, values: one.values, text: dec.decode(bytes), prefix: [] });
  }
  return { values: merged.values, layers, error: undefined };
}

/** chainOf lists the loaded charts from the root down to `c`. */
export function chainOf(c: Chart): Chart[] {
  const out: Chart[] = [];
  for (let x: Chart | undefined = c; x !== undefined; x = x.parent) out.unshift(x);
  return out;
}

/** valuesKeyOf is the key under which a parent passes values to subchart `c` (alias or name). */
export function valuesKeyOf(model: ChartModel, c: Chart): string {
  const r = model.renderByOrigin.get(c.origin.path);
  return r !== undefined ? r.chart.metadata.name : c.metadata.name;
}

/**
 * layersFor lists the values layers that can set a value of chart `c`, highest precedence
 * first: user files, then each ancestor's values.yaml (root first), then c's own values.yaml.
 */
export function layersFor(model: ChartModel, c: Chart): ValuesLayer[] {
  const chain = chainOf(c);
  const keys = chain.slice(1).map((x) => valuesKeyOf(model, x));
  const out: ValuesLayer[] = model.userLayers.map((l) => ({ ...l, prefix: keys }));
  chain.forEach((x, i) => {
    out.push({
      label: `values.yaml of chart ${x.metadata.name}`,
      path: x.origin.archive === undefined ? posix.join(model.root, x.origin.path, 'values.yaml') : undefined,
      values: x.values,
      text: x.rawValues,
      prefix: keys.slice(i),
    });
  });
  return out;
}

/** lookupPath walks a values map along path; `found` false when a key is missing. */
export function lookupPath(m: GoMap, path: readonly string[]): { found: boolean; value: unknown } {
  let cur: unknown = m;
  for (const seg of path) {
    if (cur instanceof Map && cur.has(seg)) cur = cur.get(seg);
    else if (Array.isArray(cur) && /^\d+$/.test(seg) && Number(seg) < cur.length) cur = cur[Number(seg)];
    else return { found: false, value: undefined };
  }
  return { found: true, value: cur };
}

/**
 * sourceLayer finds the highest-precedence layer setting `path` (relative to chart c's values),
 * with the full key path inside that layer's file. Globals are looked up unprefixed in every layer
 * because Helm copies parent globals down to subcharts.
 */
export function sourceLayer(model: ChartModel, c: Chart, path: readonly string[]): { layer: ValuesLayer; keyPath: string[] } | undefined {
  for (const layer of layersFor(model, c)) {
    const candidates: string[][] = [[...layer.prefix, ...path]];
    if (path[0] === 'global') candidates.push([...path]);
    for (const keyPath of candidates) {
      if (lookupPath(layer.values, keyPath).found) return { layer, keyPath };
    }
  }
  return undefined;
}

/** settingLayers lists every layer that sets `path` of chart c (highest precedence first) with its value there. */
export function settingLayers(model: ChartModel, c: Chart, path: readonly string[]): Array<{ layer: ValuesLayer; keyPath: string[]; value: unknown }> {
  const out: Array<{ layer: ValuesLayer; keyPath: string[]; value: unknown }> = [];
  for (const layer of layersFor(model, c)) {
    const candidates: string[][] = [[...layer.prefix, ...path]];
    if (path[0] === 'global') candidates.push([...path]);
    for (const keyPath of candidates) {
      const r = lookupPath(layer.values, keyPath);
      if (r.found) {
        out.push({ layer, keyPath, value: r.value });
        break;
      }
    }
  }
  return out;
}

/**
 * valuesOwner is the chart whose values a template of `c` reads: a library chart's helpers run
 * with the values of the chart that depends on it.
 */
export function valuesOwner(c: Chart): Chart {
  let x = c;
  while (x.metadata.type === 'library' && x.parent !== undefined) x = x.parent;
  return x;
}
