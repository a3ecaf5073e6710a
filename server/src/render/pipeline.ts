// The middle of `helm template`: runInstall + Install.RunWithContext + the engine, from the chart
// path and flags to the rendered file map (handed to renderResources for sorting and printing).
import type { ChartFS } from '../chart/fs';
import type { SchemaCodeCache } from '../chart/schema';
import { type Chart, type LoadResult, chartFullPath, crdFiles, loadChart } from '../chart/loader';
import type { HelmVersion, Runtime } from '../template/func';
import { TemplateSet, type EngineLimits } from '../template/index';
import type { GoMap } from '../template/value';
import { clean } from '../sprig/paths';
import { CERT_KEY_BITS, certKeyMentions } from '../sprig/crypto';
import { utf8Decode } from '../template/value';
import { render, type EngineTemplate, type ParseCache, type RenderResult, type TreeStore } from './engine';
import type { TemplateFlags } from './flags';
import type { IncrementalOptions } from './incremental';
import { helmFuncMap } from './funcmap';
import type { CrdFile } from './manifests';
import type { YamlToJson } from './simplehead';
import { releaseNameCheck, resolvePath } from './args';
import { buildRelease, type ReleaseContext } from './release';
import { chartPathLine } from './debuglines';

/** PrepareInput is everything the middle of the pipeline needs. */
export interface PrepareInput {
  readonly fs: ChartFS;
  readonly cwd: string;
  readonly helmVersion: HelmVersion;
  readonly runtime: Runtime;
  readonly releaseName: string;
  readonly chartPath: string;
  readonly flags: TemplateFlags;
  /** log writes a stderr line (warnings). */
  readonly log: (s: string) => void;
  readonly cache?: ParseCache;
  /** limits bound each file's execution (render/limits.ts). */
  readonly limits?: EngineLimits;
  /** readCliFile reads `-f` / `--set-file` paths (the CLI adds stdin and FIFOs); default: fs. */
  readonly readCliFile?: (path: string) => Uint8Array | undefined;
  /** schemaCache keeps compiled values-schema validators between runs. */
  readonly schemaCache?: SchemaCodeCache;
  /** treeStore keeps template parses between runs (the CLI's disk cache). */
  readonly treeStore?: TreeStore;
  /** incremental: reuse of files' outputs, asked for once the chart and values are read. */
  readonly incremental?: () => IncrementalOptions;
}

/** Prepared is the rendered chart, ready for renderResources. */
export interface Prepared {
  readonly files: Map<string, string>;
  readonly chartName: string;
  readonly crds: CrdFile[];
  readonly yamlToJson?: YamlToJson;
  readonly render: RenderResult;
}

/** PrepareFailure is an error; withRelease tells whether Helm had created the release object. */
export interface PrepareFailure {
  readonly error: string;
  readonly withRelease: boolean;
}

/** crdObjects is Chart.CRDObjects(): the chart's crds/ files, then its dependencies', recursively. */
export function crdObjects(c: Chart): CrdFile[] {
  const out: CrdFile[] = [];
  for (const f of crdFiles(c)) out.push({ filename: `${chartFullPath(c)}/${f.name}`, data: utf8Decode(f.data) });
  for (const d of c.dependencies) out.push(...crdObjects(d));
  return out;
}

const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;

/** collectTemplates is Helm's allTemplates/recAllTpls over the (enabled) chart tree. */
export function collectTemplates(ctx: ReleaseContext): EngineTemplate[] {
  // Helm keys templates by path: a subchart reached twice (Helm 3: under two aliases of one
  // chart) is rendered once, with the values of its last visit.
  const out = new Map<string, EngineTemplate>();
  const rec = (node: ReleaseContext['root']): void => {
    for (const child of node.children) rec(child);
    const full = chartFullPath(node.chart);
    const library = node.chart.metadata.type === 'library';
    for (const t of node.chart.templates) {
      // path.Join: a chart named "." (Helm 3 loads one) prints `# Source: templates/x.yaml`.
      const dotted = DOT_SEGMENT.test(full);
      const path = dotted ? clean(`${full}/${t.name}`) : `${full}/${t.name}`;
      out.set(path, {
        path,
        text: utf8Decode(t.data),
        vals: node.vals,
        basePath: dotted ? clean(`${full}/templates`) : `${full}/templates`,
        library,
      });
    }
  };
  rec(ctx.root);
  return [...out.values()];
}

/** templateTexts are the template texts of a chart and its dependencies (as Latin-1: for scans). */
function* templateTexts(c: Chart): Generator<string> {
  for (const t of c.templates) yield Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('latin1');
  for (const d of c.dependencies) yield* templateTexts(d);
}

/**
 * expectingKeys tells a runtime that can make keys ahead (the CLI's prime pool) how many
 * certificate keys the loaded chart's templates may ask for, as soon as the chart is loaded.
 */
function expectingKeys(loaded: LoadResult, runtime: Runtime): LoadResult {
  const crypto = runtime.crypto;
  if (crypto?.expectKeys === undefined || !('chart' in loaded)) return loaded;
  const n = certKeyMentions(templateTexts(loaded.chart));
  if (n > 0) crypto.expectKeys('rsa', CERT_KEY_BITS, n);
  return loaded;
}

/** prepareRender loads, checks and renders the chart (everything before sorting/printing). */
export function prepareRender(input: PrepareInput): Prepared | PrepareFailure {
  const { fs, flags, helmVersion: hv } = input;
  // Kube version flag first (template.go RunE).
  const chartPath = resolvePath(input.cwd, input.chartPath);
  if (!fs.exists(chartPath)) return { error: `path ${JSON.stringify(input.chartPath)} not found`, withRelease: false };
  if (flags.debug) input.log(chartPathLine(hv, input.runtime, fs.displayPath(chartPath)));
  const rel = buildRelease({
    fs,
    cwd: input.cwd,
    helmVersion: hv,
    chartPath,
    releaseName: input.releaseName,
    flags,
    log: input.log,
    readCliFile: input.readCliFile,
    schemaCache: input.schemaCache,
    load: (p) => expectingKeys(loadChart(fs, p, hv), input.runtime),
    releaseNameCheck: (n) => releaseNameCheck(n, hv),
  });
  if ('error' in rel) return rel;
  const templates = collectTemplates(rel);
  const result = render(templates, {
    helmVersion: hv,
    runtime: input.runtime,
    funcs: helmFuncMap(hv),
    cache: input.cache,
    limits: input.limits,
    store: input.treeStore,
    incremental: input.incremental?.(),
  });
  if (result.error !== undefined) return { error: result.error.message, withRelease: true };
  const files = new Map<string, string>();
  for (const [k, v] of result.files) files.set(k, v.text);
  return {
    files,
    chartName: rel.root.chart.metadata.name,
    crds: crdObjects(rel.root.chart),
    yamlToJson: rel.yamlToJson,
    render: result,
  };
}

/** renderNameTemplate is action.TemplateName: the --name-template rendered with sprig, no data. */
export function renderNameTemplate(text: string, hv: HelmVersion, runtime: Runtime): { name: string } | { error: string } {
  const set = new TemplateSet({ funcs: helmFuncMap(hv), helmVersion: hv, runtime, missingKey: 'default', rootName: 'name-template' });
  const perr = set.addFile('name-template', text);
  if (perr !== null) {
    return { error: `template: name-template:${perr.line}: ${perr.message}` };
  }
  try {
    return { name: set.execute('name-template', null).output };
  } catch (e) {
    return { error: e instanceof Error && 'goMessage' in e ? String((e as { goMessage: unknown }).goMessage) : String(e) };
  }
}

/** topValues returns the render context's Values map (for tooling). */
export function topValues(ctx: ReleaseContext): GoMap {
  return ctx.root.vals;
}
