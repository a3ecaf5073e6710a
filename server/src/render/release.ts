// Bridge to the chart layer for one `helm template` run, in runInstall's order: CLI values,
// chart loading, installability and dependency checks, the release-name check, then
// prepareRelease (dependencies, capabilities, coalescing, schema, kubeVersion, contexts).
import { noteLines } from '../chart/log';
import type { ChartFS } from '../chart/fs';
import type { SchemaCodeCache } from '../chart/schema';
import {
  checkDependencies,
  checkInstallable,
  deprecatedWarning,
  helm4ApiVersionRefusal,
  mergeCliValues,
  parseCliKubeVersion,
  prepareRelease,
  type Chart,
  type LoadResult,
} from '../chart/index';
import type { RenderChart } from '../chart/objects';
import type { HelmVersion } from '../template/func';
import type { GoMap } from '../template/value';
import type { TemplateFlags } from './flags';
import type { YamlToJson } from './simplehead';
import { resolvePath } from './args';
import { readCliFile } from '../chart/clipath';

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
  /** readCliFile reads `-f` / `--set-file` paths (the CLI adds stdin and FIFOs); default: fs. */
  readonly readCliFile?: (path: string) => Uint8Array | undefined;
  /** schemaCache keeps compiled values-schema validators between runs. */
  readonly schemaCache?: SchemaCodeCache;
}

function toNode(r: RenderChart): ChartNode {
  // The chart layer already applied isTemplateValid; keep only those templates.
  const chart: Chart = { ...r.chart, templates: [...r.templates] };
  return { chart, vals: r.context, children: r.children.map(toNode) };
}

/** kubeVersionFlagError is template.go's check of --kube-version (before anything else). */
export function kubeVersionFlagError(flags: TemplateFlags): string | undefined {
  const kv = parseCliKubeVersion(flags.kubeVersion, flags.helmVersion);
  if (kv !== undefined && 'error' in kv) return kv.error;
  return undefined;
}

/** buildRelease runs runInstall's steps up to (not including) the engine. */
export function buildRelease(input: BuildReleaseInput): ReleaseContext | { error: string; withRelease: boolean } {
  const { fs, flags, helmVersion: hv } = input;
  const vals = mergeCliValues(input.readCliFile ?? ((p) => readCliFile(fs, resolvePath(input.cwd, p), p)), flags, hv);
  if ('error' in vals) return { error: vals.error, withRelease: false };
  const loaded = input.load(input.chartPath);
  for (const line of noteLines(loaded.notes, hv)) input.log(line + '\n');
  if ('error' in loaded) return { error: loaded.error, withRelease: false };
  const chart = loaded.chart;
  const notInstallable = checkInstallable(chart);
  if (notInstallable !== undefined) return { error: notInstallable, withRelease: false };
  const dep = deprecatedWarning(chart, hv);
  if (dep !== undefined) input.log(dep + '\n');
  const refusal = helm4ApiVersionRefusal(chart, hv);
  if (refusal !== undefined) return { error: refusal, withRelease: false };
  const missing = checkDependencies(chart, hv);
  if (missing !== undefined) return { error: missing, withRelease: false };
  const nameErr = input.releaseNameCheck(input.releaseName);
  if (nameErr !== undefined) {
    if (nameErr.log !== undefined) input.log(nameErr.log + '\n');
    return { error: nameErr.error, withRelease: false };
  }
  const kv = parseCliKubeVersion(flags.kubeVersion, hv);
  const prepared = prepareRelease(chart, vals.values, {
    releaseName: input.releaseName,
    namespace: flags.namespace,
    isUpgrade: flags.isUpgrade,
    kubeVersion: kv !== undefined && !('error' in kv) ? kv : undefined,
    apiVersions: flags.apiVersions,
    helmVersion: hv,
    skipSchemaValidation: flags.skipSchemaValidation,
    schemaCache: input.schemaCache,
    debug: flags.debug,
  });
  for (const w of prepared.warnings) input.log(w + '\n');
  if ('error' in prepared) return { error: prepared.error, withRelease: prepared.withRelease };
  return { root: toNode(prepared.root) };
}
