// Rendering a chart for people: `helm template` output (the preview) and `helm install
// --dry-run=client` output (the built-in dry run), from the open buffers and the configured
// values files / release / namespace / kube version, with a line map from every output line to
// the template text that produced it (through the renderer's source maps).
import * as posix from 'node:path/posix';
import { type ChartFS, overlayFS } from '../chart/fs';
import { checkDependencies, checkInstallable } from '../chart/index';
import { type Chart, chartFullPath, loadChart } from '../chart/loader';
import { render, type RenderedFile } from '../render/engine';
import { parseTemplateFlags, type TemplateFlags } from '../render/flags';
import { helmFuncMap } from '../render/funcmap';
import { type Hook, printTemplateOutput, renderResources } from '../render/manifests';
import { collectTemplates, crdObjects } from '../render/pipeline';
import { buildRelease, kubeVersionFlagError } from '../render/release';
import { releaseNameCheck } from '../render/template-command';
import type { YamlToJson } from '../render/simplehead';
import { localLoc, zoneAt } from '../sprig/golayout';
import { callStack, type SourceMapSegment, segmentAt } from '../template/sourcemap';
import type { HelmVersion, Runtime } from '../template/func';
import { utf8Encode } from '../template/value';
import { isTemplatePath } from './model';
import type { RenderOutcome, Snapshot } from './snapshot';
import type { Span } from './types';

/** RenderMode: `helm template` or `helm install --dry-run=client`. */
export type RenderMode = 'template' | 'install';

/** LineSource is the template text an output line came from (absolute path + span). */
export interface LineSource extends Span {
  readonly path: string;
  /** via: the template/include call sites that led to this text, innermost first (chart files only). */
  readonly via?: readonly (Span & { readonly path: string })[];
}

/** ManifestBlock is one printed `# Source:` document of the output. */
export interface ManifestBlock {
  /** name: the engine path (`mychart/templates/x.yaml`). */
  readonly name: string;
  /** line: the 0-based output line of its first content line. */
  readonly line: number;
  readonly content: string;
  /** fileStart: the offset of `content` in the rendered file `name` (undefined when not found there). */
  readonly fileStart?: number;
}

/** ChartRender is the printed output with its line map. */
export interface ChartRender {
  readonly text: string;
  /** error: Helm's error text when the command fails (text may hold partial output). */
  readonly error?: string;
  /** lines[i]: where output line i came from, or null (headers, separators, unmapped). */
  readonly lines: readonly (LineSource | null)[];
  readonly blocks: readonly ManifestBlock[];
  /** outcome: the render behind the text (rendered files with source maps), for placing problems as the editor does. */
  readonly outcome?: RenderOutcome;
}

/** RenderChartOptions select the command and, for 'template', one template file. */
export interface RenderChartOptions {
  readonly mode: RenderMode;
  /** only: absolute path of the one template to show (helm template --show-only), if any. */
  readonly only?: string;
}

function fail(error: string): ChartRender {
  return { text: '', error, lines: [], blocks: [] };
}

/** withValues serves the values files as the model read them (inside the chart under their own names, outside it under private ones). */
function withValues(fs: ChartFS, extra: ReadonlyMap<string, Uint8Array>): ChartFS {
  if (extra.size === 0) return fs;
  return {
    readFile: (p) => extra.get(p) ?? fs.readFile(p),
    readDir: (p) => fs.readDir(p),
    isDirectory: (p) => fs.isDirectory(p),
    exists: (p) => fs.exists(p) || extra.has(p),
    displayPath: (p) => fs.displayPath(p),
  };
}

/** ansic is Go's time.ANSIC layout ("Mon Jan _2 15:04:05 2006") in the runtime's local zone. */
function ansic(rt: Runtime): string {
  const d = rt.now();
  const sec = Math.floor(d.getTime() / 1000);
  const off = zoneAt(localLoc(rt.localZone), sec).offset;
  const t = new Date((sec + off) * 1000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const day = String(t.getUTCDate()).padStart(2, ' ');
  return `${days[t.getUTCDay()]} ${months[t.getUTCMonth()]} ${day} ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())} ${t.getUTCFullYear()}`;
}

/** renderChart runs `helm template` / `helm install --dry-run=client` for the chart owning `path`. */
export function renderChart(snap: Snapshot, path: string, o: RenderChartOptions): ChartRender {
  const root = snap.chartRoot(path);
  if (root === undefined) return fail(`${path} is not inside a chart (no Chart.yaml found)`);
  const st = snap.settings;
  const hv = st.helmVersion;
  const buffers = new Map<string, string>();
  for (const [p, d] of snap.docs) {
    if (!p.startsWith(root + '/')) continue;
    const rel = p.slice(root.length + 1);
    // Another template's unsaved text that does not parse (an edit in progress) must not hide
    // this render: its last text that parsed, else the file on disk, stands in for it.
    if (p !== path && isTemplatePath(rel) && snap.parse(p, d.text).errors.length > 0) {
      const good = snap.lastGoodText(p);
      if (good !== undefined) buffers.set(rel, good);
      continue;
    }
    buffers.set(rel, d.text);
  }
  const served = new Map<string, Uint8Array>();
  const valueArgs: string[] = [];
  // The values files as the model read them: refused ones (untrusted workspace, not a regular
  // file, too big) fail the render with the reason; missing ones fail with Helm's own error.
  for (const f of snap.model(root).valuesFiles) {
    if (f.refused !== undefined) return fail(f.refused);
    const rel = posix.relative(root, f.path);
    // Inside the chart under its own name (also a symlink the chart FS would not follow), outside
    // it under a private name.
    const key = !rel.startsWith('..') ? rel : `.chartwright-values/${served.size}/${posix.basename(f.path)}`;
    const text = snap.docs.get(f.path)?.text;
    const bytes = text !== undefined ? utf8Encode(text) : f.bytes;
    if (bytes !== undefined) served.set(key, bytes);
    valueArgs.push('-f', key);
  }
  // Options first and `--` before the positional arguments: a release name starting with `-`
  // is a name (refused by Helm's name check), never a flag.
  const argv = ['--helm-version', String(hv), ...valueArgs];
  if (st.namespace !== '') argv.push('--namespace', st.namespace);
  if (st.kubeVersion !== '') argv.push('--kube-version', st.kubeVersion);
  for (const a of st.apiVersions) argv.push('--api-versions', a);
  argv.push('--', st.releaseName, '.');
  const parsed = parseTemplateFlags(argv, hv);
  if (!parsed.ok) return fail(parsed.error);
  const flags: TemplateFlags = parsed.flags;
  const kvErr = kubeVersionFlagError(flags);
  if (kvErr !== undefined) return fail(kvErr);
  const runtime = snap.runtime();
  // The editor's own render of the chart, when it is what the command would render.
  const live = liveRender(snap, root, path, hv, st.releaseName);
  if (live !== undefined) {
    const chart = live.chart;
    return present(live.outcome, { root, o, hv, releaseName: st.releaseName, namespace: flags.namespace, chartName: chart.metadata.name, crds: crdObjects(chart), runtime });
  }
  const fs = withValues(overlayFS(snap.hostFS(root), buffers), served);
  const logs: string[] = [];
  const rel = buildRelease({
    fs,
    cwd: '',
    helmVersion: hv,
    chartPath: '',
    releaseName: st.releaseName,
    flags,
    log: (s) => logs.push(s),
    load: (p) => loadChart(fs, p, hv),
    releaseNameCheck: (n) => releaseNameCheck(n, hv),
  });
  if ('error' in rel) return fail(rel.error);
  // Files whose text and looked-up defines are unchanged keep their last output: the model key
  // covers the values (buffers included), settings, chart files and the disk generation.
  const incremental = { cache: snap.previewIncremental(root), fingerprint: `${hv}|${snap.model(root).key}` };
  const result = render(collectTemplates(rel), { helmVersion: hv, runtime, funcs: helmFuncMap(hv), cache: snap.parseCache(root), sourceMaps: true, incremental });
  if (result.error !== undefined) return fail(result.error.message);
  const pathOf = new Map<string, string>();
  const textOf = new Map<string, string>();
  const rec = (node: typeof rel.root): void => {
    const full = chartFullPath(node.chart);
    for (const t of node.chart.templates) {
      if (node.chart.origin.archive === undefined) pathOf.set(`${full}/${t.name}`, posix.join(root, node.chart.origin.path, t.name));
    }
    node.children.forEach(rec);
  };
  rec(rel.root);
  for (const t of collectTemplates(rel)) textOf.set(t.path, t.text);
  const outcome: RenderOutcome = { error: undefined, pathOf, files: result.files, textOf, includeContexts: new Map(), substituted: new Set() };
  return present(outcome, { root, o, hv, releaseName: st.releaseName, namespace: flags.namespace, chartName: rel.root.chart.metadata.name, crds: crdObjects(rel.root.chart), runtime, yamlToJson: rel.yamlToJson });
}

/** hasSchema tells whether a chart of the tree has a values.schema.json. */
function hasSchema(c: Chart): boolean {
  return c.schema !== undefined || c.dependencies.some(hasSchema);
}

/**
 * liveRender is the editor's render of the chart (`snap.render`: memoized and incremental; in the
 * language server the render worker's live render, so the preview costs no second render) when it
 * is what the command renders: the tree loaded and prepared without error, installable, its
 * dependencies present, a valid release name, no values schema anywhere (the live release skips
 * schema validation), this file rendered with its own text and every other broken buffer with
 * its last text that parsed (as below), and no render error (errors take the command's path, so
 * their text is the command's own).
 */
function liveRender(snap: Snapshot, root: string, path: string, hv: HelmVersion, releaseName: string): { outcome: RenderOutcome; chart: Chart } | undefined {
  const model = snap.model(root);
  const chart = model.chart;
  if (chart === undefined || model.prepared === undefined || model.userError !== undefined || model.prepareError !== undefined || model.settingErrors.length > 0) return undefined;
  if (checkInstallable(chart) !== undefined || checkDependencies(chart, hv) !== undefined || releaseNameCheck(releaseName, hv) !== undefined || hasSchema(chart)) return undefined;
  const outcome = snap.render(model);
  if (outcome.error !== undefined) return undefined;
  for (const p of outcome.substituted) if (p === path || snap.lastGoodText(p) === undefined) return undefined;
  return { outcome, chart };
}

interface PresentOptions {
  readonly root: string;
  readonly o: RenderChartOptions;
  readonly hv: HelmVersion;
  readonly releaseName: string;
  readonly namespace: string;
  readonly chartName: string;
  readonly crds: ReturnType<typeof crdObjects>;
  readonly runtime: Runtime;
  readonly yamlToJson?: YamlToJson;
}

/** present prints a render's files as the command does, with the output's line map and the render behind it. */
function present(outcome: RenderOutcome, p: PresentOptions): ChartRender {
  const { o, hv, releaseName } = p;
  const { files: rendered, pathOf, textOf } = outcome;
  const files = new Map<string, string>();
  for (const [k, v] of rendered) files.set(k, v.text);
  const rr = renderResources({
    helmVersion: hv,
    files,
    chartName: p.chartName,
    includeCrds: false,
    crds: p.crds,
    outputDir: '',
    useReleaseName: false,
    releaseName,
    yamlToJson: p.yamlToJson,
  });
  if (rr.error !== undefined) return fail(rr.error);
  let text: string;
  let error: string | undefined;
  if (o.mode === 'template') {
    const only = o.only !== undefined ? [posix.relative(p.root, o.only)] : [];
    const out = printTemplateOutput(rr.manifest, rr.hooks, { noHooks: false, skipTests: false, showOnly: only, outputDir: '', useReleaseName: false, releaseName });
    text = out.stdout;
    // An empty template (or a partial) shows nothing rather than --show-only's error.
    if (out.error !== undefined && !/^could not find template/.test(out.error)) error = out.error;
  } else {
    text = installText(releaseName, p.namespace === '' ? 'default' : p.namespace, rr.hooks, rr.manifest, rr.notes, p.runtime);
  }
  const { lines, blocks } = lineMap(text, rendered, pathOf, textOf);
  return { text, error, lines, blocks, outcome };
}

/** installText prints a release like `helm install --dry-run=client` (cmd/status.go printRelease). */
function installText(name: string, namespace: string, hooks: readonly Hook[], manifest: string, notes: string, rt: Runtime): string {
  let s = `NAME: ${name}\nLAST DEPLOYED: ${ansic(rt)}\nNAMESPACE: ${namespace}\nSTATUS: pending-install\nREVISION: 1\nDESCRIPTION: Dry run complete\n`;
  // Test hooks that have not run print nothing; without test hooks Helm says so.
  if (!hooks.some((h) => h.events.includes('test') || h.events.includes('test-success'))) s += 'TEST SUITE: None\n';
  s += 'HOOKS:\n';
  for (const h of hooks) s += `---\n# Source: ${h.path}\n${h.manifest}\n`;
  s += `MANIFEST:\n${manifest}\n`;
  if (notes.length > 0) s += `NOTES:\n${notes.trim()}\n`;
  return s;
}

type PathSpan = Span & { readonly path: string };

/**
 * lineSourceOf is the template text behind output offset `at` (inside `seg`): a text node's exact
 * line, or the action; with the call sites that led there. Text that comes from no chart file (a
 * `tpl` string, an archived subchart) is attributed to the nearest call site in a chart file.
 */
function lineSourceOf(seg: SourceMapSegment, at: number, pathOf: ReadonlyMap<string, string>, textOf: ReadonlyMap<string, string>): LineSource | null {
  const frames: PathSpan[] = [];
  for (const cs of callStack(seg)) {
    const path = pathOf.get(cs.loc.parseName);
    if (path !== undefined) frames.push({ path, start: cs.loc.start, end: cs.loc.end });
  }
  const path = pathOf.get(seg.loc.parseName);
  let own: PathSpan | undefined;
  if (path !== undefined) {
    let start = seg.loc.start;
    let end = seg.loc.end;
    if (seg.kind === 'text') {
      // Verbatim text: the exact line inside the text node.
      const src = textOf.get(seg.loc.parseName) ?? '';
      start = Math.min(seg.loc.end, seg.loc.start + (at - seg.outStart));
      const le = src.indexOf('\n', start);
      end = Math.min(seg.loc.end, le < 0 ? src.length : le);
    }
    own = { path, start, end: Math.max(start, end) };
  } else {
    own = frames.shift();
  }
  if (own === undefined) return null;
  return frames.length > 0 ? { ...own, via: frames } : own;
}

/** lineMap maps every line of `# Source:` blocks to template text through the source maps. */
function lineMap(
  text: string,
  files: ReadonlyMap<string, RenderedFile>,
  pathOf: ReadonlyMap<string, string>,
  textOf: ReadonlyMap<string, string>,
): { lines: (LineSource | null)[]; blocks: ManifestBlock[] } {
  const out = text.split('\n');
  const lines: (LineSource | null)[] = out.map(() => null);
  const blocks: ManifestBlock[] = [];
  const searchFrom = new Map<string, number>();
  for (let i = 0; i < out.length; i++) {
    const m = /^# Source: (.*)$/.exec(out[i]);
    if (m === null || i === 0 || out[i - 1] !== '---') continue;
    const name = m[1];
    let j = i + 1;
    while (j < out.length && !(out[j] === '---' && j + 1 < out.length && out[j + 1].startsWith('# Source: ')) && !/^(MANIFEST|NOTES|HOOKS):$/.test(out[j])) j++;
    const content = out.slice(i + 1, j).join('\n');
    const file = files.get(name);
    const from = searchFrom.get(name) ?? 0;
    let at = file === undefined ? -1 : file.text.indexOf(content.trimEnd(), from);
    if (at < 0 && file !== undefined) at = file.text.indexOf(content.trimEnd());
    blocks.push(at < 0 ? { name, line: i + 1, content } : { name, line: i + 1, content, fileStart: at });
    if (file === undefined || file.sourceMap === undefined || at < 0) continue;
    searchFrom.set(name, at + content.length);
    let off = at;
    for (let k = i + 1; k < j; k++) {
      const line = out[k];
      const lead = line.length - line.trimStart().length;
      const seg = line.trim() === '' ? undefined : segmentAt(file.sourceMap, off + lead);
      const src = seg === undefined ? null : lineSourceOf(seg, off + lead, pathOf, textOf);
      if (src !== null) lines[k] = src;
      off += line.length + 1;
    }
  }
  return { lines, blocks };
}
