// Package loader: loading a chart directory or packaged .tgz into a Chart, as Helm's
// pkg/chart/loader (LoadDir, LoadArchive, LoadFiles) does, with Helm's error texts.
import { goQuote } from '../template/errors';
import type { HelmVersion } from '../template/func';
import { type GoMap, type Value, utf8Decode } from '../template/value';
import type { LoadNote } from './log';
import { type BufferedFile, type LoadBudget, TOTAL_TOO_LARGE, loadArchiveFiles, newLoadBudget, trimBOM } from './archive';
import { type ChartFS, joinPath } from './fs';
import { IgnoreRules } from './helmignore';
import { detectContentType } from './sniff';
import { DecodeError, type Metadata, decodeMetadataInto, emptyMetadata, validateMetadata } from './metadata';
import { decodeYaml, parseValuesText } from './yamlAdapter';

/** ChartFile is one file of a chart: its chart-relative name and bytes (chart.File). */
export interface ChartFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** Chart is a loaded chart (chart.Chart) with its subcharts. */
export interface Chart {
  metadata: Metadata;
  /** lock is the parsed Chart.lock / requirements.lock, or null. */
  lock: Value;
  /** values is the parsed values.yaml (empty map when absent). */
  values: GoMap;
  /** rawValues is the text of values.yaml (for the editor), undefined when absent. */
  rawValues: string | undefined;
  /** schema is values.schema.json's bytes, undefined when absent. */
  schema: Uint8Array | undefined;
  /** templates are the files under templates/ (all extensions), in load order. */
  templates: ChartFile[];
  /** files are the chart's other files: what `.Files` exposes (spec §2.2). */
  files: ChartFile[];
  /** raw holds every loaded file (chart.Raw). */
  raw: ChartFile[];
  /** dependencies are the loaded subcharts (charts/), sorted by directory name. */
  dependencies: Chart[];
  /** parent is the including chart, undefined for the root. */
  parent: Chart | undefined;
  /** origin tells where the chart came from: its path in the ChartFS, and the archive if packaged. */
  origin: { readonly path: string; readonly archive: string | undefined };
}

/** INVALID_API_VERSION is Helm 4's refusal of an `apiVersion: v3` chart without subcharts. */
export const INVALID_API_VERSION = 'invalid chart apiVersion';
/** V3_DEPENDENCY_ERROR is Helm 4's refusal of an `apiVersion: v3` chart with subcharts. */
export const V3_DEPENDENCY_ERROR =
  'an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: unsupported chart dependency type';

/**
 * helm4ApiVersionRefusal is where Helm 4 refuses an `apiVersion: v3` chart: it loads and
 * validates it with its own loader (subcharts included), checks it is installable, then fails
 * at the dependency check when it has subcharts but declares none (their accessor does not
 * know the type), else as an invalid apiVersion.
 */
export function helm4ApiVersionRefusal(c: Chart, v: HelmVersion): string | undefined {
  if (v !== 4 || c.metadata.apiVersion === 'v1' || c.metadata.apiVersion === 'v2') return undefined;
  return c.metadata.dependencies.length === 0 && c.dependencies.length > 0 ? V3_DEPENDENCY_ERROR : INVALID_API_VERSION;
}

/**
 * LoadResult is a loaded chart or Helm's error text (without the leading "Error: "), with the
 * lines Helm's loader logged on the way (print them with Log.note, before any error).
 */
export type LoadResult = ({ chart: Chart } | { error: string }) & { readonly notes?: readonly LoadNote[] };

/** chartName is chart.Name(): the metadata name. */
export function chartName(c: Chart): string {
  return c.metadata.name;
}

/** isRoot reports whether the chart has no parent. */
export function isRoot(c: Chart): boolean {
  return c.parent === undefined;
}

/** chartFullPath is chart.ChartFullPath(): "root/charts/sub/charts/subsub". */
export function chartFullPath(c: Chart): string {
  return c.parent === undefined ? c.metadata.name : `${chartFullPath(c.parent)}/charts/${c.metadata.name}`;
}

/** crdObjects lists the chart's CRD files (crds/*.yaml|yml|json directly under crds/, any depth in Helm). */
export function crdFiles(c: Chart): ChartFile[] {
  return c.files.filter((f) => f.name.startsWith('crds/') && /\.(ya?ml|json)$/.test(f.name));
}

/** MAX_FILE_SIZE is Helm's MaxDecompressedFileSize: a larger chart file fails the load. */
export const MAX_FILE_SIZE = 5 * 1024 * 1024;

/** loadChart loads the chart at `path` (a directory or a .tgz file) of the ChartFS. */
export function loadChart(fs: ChartFS, path: string, v: HelmVersion): LoadResult {
  const budget = newLoadBudget();
  const r = loadChartWith(fs, path, v, budget);
  return budget.notes.length > 0 ? { ...r, notes: budget.notes } : r;
}

function loadChartWith(fs: ChartFS, path: string, v: HelmVersion, budget: LoadBudget): LoadResult {
  if (!fs.exists(path)) return { error: `path ${JSON.stringify(path)} not found` };
  if (!fs.isDirectory(path)) {
    const data = fs.readFile(path);
    if (data === undefined) return { error: `path ${JSON.stringify(path)} not found` };
    return loadFile(fs.displayPath(path), data, v, { path, archive: path }, budget);
  }
  if (v === 4) {
    const chartYaml = fs.readFile(joinPath(path, 'Chart.yaml'));
    if (chartYaml === undefined) {
      const p = fs.displayPath(joinPath(path, 'Chart.yaml'));
      return { error: `unable to detect chart at ${p}: open ${p}: no such file or directory` };
    }
    const unsupported = helm4Dispatch(chartYaml);
    if (unsupported !== undefined) return { error: unsupported };
  }
  const files = readDirFiles(fs, path, budget);
  if ('error' in files) return files;
  return loadFiles(files, v, { path, archive: undefined }, budget);
}

/**
 * helm4Dispatch is the first look Helm 4's loader takes at Chart.yaml (loader.Load/LoadFile
 * decode it into a chartBase and pick the chart API's loader by apiVersion): Helm 4's error, or
 * undefined when the v2 loader takes over (apiVersion v1, v2 or empty; v3 charts are rejected
 * by that loader later with "invalid chart apiVersion").
 */
function helm4Dispatch(chartYaml: Uint8Array): string | undefined {
  const doc = decodeYaml(utf8Decode(trimBOM(chartYaml)), 'loader.chartBase');
  if ('error' in doc) return `cannot load Chart.yaml: ${doc.error}`;
  const m = doc.value;
  if (!(m instanceof Map)) return undefined;
  const api = m.get('apiVersion');
  if (api === undefined || api === null) return undefined;
  if (api instanceof Map || Array.isArray(api)) {
    const kind = api instanceof Map ? 'object' : 'array';
    return `cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go struct field chartBase.apiVersion of type string`;
  }
  if (api === 'v1' || api === 'v2' || api === '' || api === 'v3') return undefined;
  return 'unsupported chart version';
}

/**
 * loadFile is loader.LoadFile for a packaged chart given on the command line: EnsureArchive's
 * content check, then the archive (Helm 4 words every unpack error but a bad gzip header as
 * "unable to load chart archive" and dispatches on apiVersion first).
 */
export function loadFile(name: string, data: Uint8Array, v: HelmVersion, origin: Chart['origin'], budget: LoadBudget = newLoadBudget()): LoadResult {
  const ensure = ensureArchive(name, data);
  if (ensure !== undefined) return { error: ensure };
  const files = loadArchiveFiles(data, v, budget);
  if ('error' in files) {
    if (files.gzipHeader === true) return { error: `file '${name}' does not appear to be a valid chart file (details: ${files.error})` };
    return { error: v === 4 ? 'unable to load chart archive' : files.error };
  }
  if (v === 4) {
    const chartYaml = files.find((f) => f.name === 'Chart.yaml');
    if (chartYaml === undefined) return { error: 'unable to detect chart version, no Chart.yaml found' };
    const unsupported = helm4Dispatch(chartYaml.data);
    if (unsupported !== undefined) return { error: unsupported };
  }
  return loadFiles(files, v, origin, budget);
}

/** ensureArchive is archive.EnsureArchive: a hint when the file is no gzip archive at all. */
export function ensureArchive(name: string, data: Uint8Array): string | undefined {
  if (data.length >= 3 && data[0] === 0x1f && data[1] === 0x8b && data[2] === 0x08) return undefined;
  // Go reads into a zeroed 512-byte buffer and sniffs all of it: a shorter file ends in zeros.
  const buffer = new Uint8Array(512);
  buffer.set(data.subarray(0, 512));
  const contentType = detectContentType(buffer);
  if (contentType === 'application/x-gzip') return undefined;
  if (name.endsWith('.yml') || name.endsWith('.yaml')) return `file '${name}' seems to be a YAML file, but expected a gzipped archive`;
  return `file '${name}' does not appear to be a gzipped archive; got '${contentType}'`;
}

/** loadArchive loads a packaged chart from .tgz bytes (a subchart's LoadArchive: errors as they are). */
export function loadArchive(data: Uint8Array, v: HelmVersion, origin: Chart['origin'], budget: LoadBudget = newLoadBudget()): LoadResult {
  const files = loadArchiveFiles(data, v, budget);
  if ('error' in files) return { error: files.error };
  return loadFiles(files, v, origin, budget);
}

/** MAX_LINK_DEPTH is Linux's MAXSYMLINKS: a path through more links fails with ELOOP. */
const MAX_LINK_DEPTH = 40;
/** MAX_WALK_ENTRIES bounds a directory walk (two symlinked cycles make Helm's walk exponential). */
export const MAX_WALK_ENTRIES = 200_000;

/**
 * readDirFiles walks a chart directory honouring .helmignore (loader.LoadDir over Helm's
 * sympath.Walk): symlinks are followed, and a dangling or looping link, a link to a device, an
 * unreadable file or directory fails the load with Helm's text where the file system can tell.
 */
export function readDirFiles(fs: ChartFS, root: string, budget: LoadBudget = newLoadBudget()): BufferedFile[] | { error: string } {
  let rules: IgnoreRules;
  const ignorePath = joinPath(root, '.helmignore');
  const ignore = fs.readFileChecked !== undefined ? fs.readFileChecked(ignorePath, MAX_FILE_SIZE) : fs.readFile(ignorePath);
  if (ignore !== undefined && 'error' in ignore) return { error: ignore.error };
  if (ignore !== undefined && 'tooLarge' in ignore) return { error: `chart file ".helmignore" is larger than the maximum file size ${MAX_FILE_SIZE}` };
  try {
    rules = ignore === undefined ? new IgnoreRules() : IgnoreRules.parse(utf8Decode(ignore));
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  rules.addDefaults();
  const out: BufferedFile[] = [];
  let visited = 0;
  // walk returns Helm's error, or undefined when the directory was read to the end.
  const walk = (rel: string, links: number): string | undefined => {
    const dir = joinPath(root, rel);
    if (links > MAX_LINK_DEPTH) return `open ${fs.displayPath(dir)}: too many levels of symbolic links`;
    const listing = fs.readDirChecked !== undefined ? fs.readDirChecked(dir) : fs.readDir(dir);
    if (listing === undefined) return undefined;
    if ('error' in listing) return listing.error;
    for (const e of listing) {
      if (++visited > MAX_WALK_ENTRIES) return `chart directory ${fs.displayPath(root)} holds more than ${MAX_WALK_ENTRIES} entries (symbolic link cycles?)`;
      const n = rel === '' ? e.name : `${rel}/${e.name}`;
      // sympath.Walk evaluates a link before the ignore rules see it.
      if (e.linkError !== undefined) return e.linkError;
      if (e.resolved !== undefined) budget.notes.push(symlinkNote(fs.displayPath(joinPath(root, n)), e.resolved));
      if (e.isDirectory) {
        // Directory rules skip the whole subtree.
        if (rules.ignore(n, true)) continue;
        const err = walk(n, links + (e.symlink === true ? 1 : 0));
        if (err !== undefined) return err;
        continue;
      }
      if (rules.ignore(n, false)) continue;
      if (e.irregular === true) return `cannot load irregular file ${fs.displayPath(joinPath(root, n))} as it has file mode type bits set`;
      // LoadDir refuses (not skips) an oversized file, naming it by its base name (fi.Name()).
      const tooLarge = `chart file ${goQuote(e.name)} is larger than the maximum file size ${MAX_FILE_SIZE}`;
      const path = joinPath(root, n);
      const data = fs.readFileChecked !== undefined ? fs.readFileChecked(path, MAX_FILE_SIZE) : fs.readFile(path);
      if (data === undefined) continue;
      if ('error' in data) return `error reading ${n}: ${data.error}`;
      if ('tooLarge' in data || data.length > MAX_FILE_SIZE) return tooLarge;
      if (data.length > budget.remaining) return TOTAL_TOO_LARGE;
      budget.remaining -= data.length;
      out.push({ name: n, data: trimBOM(data) });
    }
    return undefined;
  };
  const err = walk('', 0);
  if (err !== undefined) return { error: err };
  return out;
}

/** symlinkNote is sympath.Walk's line for each symbolic link it follows. */
function symlinkNote(path: string, resolved: string): LoadNote {
  return {
    file: 'walk.go',
    line: 75,
    msg3: `found symbolic link in path: ${path} resolves to ${resolved}. Contents of linked file included and used`,
    msg4: 'found symbolic link in path. Contents of linked file included and used',
    attrs: [['path', path], ['resolved', resolved]],
  };
}

function wrapDecode(e: unknown): string {
  if (e instanceof DecodeError) return `error unmarshaling JSON: while decoding JSON: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** loadFiles builds a Chart from its files (loader.LoadFiles). */
export function loadFiles(files: BufferedFile[], v: HelmVersion, origin: Chart['origin'], budget: LoadBudget = newLoadBudget()): LoadResult {
  let metadata: Metadata | undefined;
  let flags = { nullMaintainer: false, nullDependency: false };
  const c: Chart = {
    metadata: emptyMetadata(),
    lock: null,
    values: new Map(),
    rawValues: undefined,
    schema: undefined,
    templates: [],
    files: [],
    raw: [],
    dependencies: [],
    parent: undefined,
    origin,
  };
  // Chart.yaml first, whatever its position (Helm does two passes for the same reason).
  for (const f of files) {
    c.raw.push({ name: f.name, data: f.data });
    if (f.name !== 'Chart.yaml') continue;
    metadata ??= emptyMetadata();
    const source = utf8Decode(f.data);
    const doc = decodeYaml(source);
    if ('error' in doc) return { error: `cannot load Chart.yaml: ${doc.error}` };
    try {
      flags = decodeMetadataInto(metadata, doc.value, source);
    } catch (e) {
      return { error: `cannot load Chart.yaml: ${wrapDecode(e)}` };
    }
    // Helm 2 charts may omit apiVersion: they are v1 charts.
    if (metadata.apiVersion === '') metadata.apiVersion = 'v1';
  }
  const subcharts = new Map<string, BufferedFile[]>();
  for (const f of files) {
    const text = (): string => utf8Decode(f.data);
    switch (true) {
      case f.name === 'Chart.yaml':
        continue;
      case f.name === 'Chart.lock':
      case f.name === 'requirements.lock': {
        const doc = decodeYaml(text(), 'chart.Lock');
        if ('error' in doc) return { error: `cannot load ${f.name}: ${doc.error}` };
        c.lock = doc.value;
        metadata ??= emptyMetadata();
        if (f.name === 'requirements.lock' && metadata.apiVersion === 'v1') c.files.push(f);
        continue;
      }
      case f.name === 'values.yaml': {
        c.rawValues = text();
        const r = parseValuesText(c.rawValues, 'cannot load values.yaml: ', v);
        if ('error' in r) return { error: r.error };
        c.values = r.values;
        continue;
      }
      case f.name === 'values.schema.json':
        c.schema = f.data;
        continue;
      case f.name === 'requirements.yaml': {
        metadata ??= emptyMetadata();
        if (metadata.apiVersion !== 'v1') {
          const msg = `Warning: Dependencies are handled in Chart.yaml since apiVersion "${metadata.apiVersion}". We recommend migrating dependencies to Chart.yaml.`;
          budget.notes.push({ file: 'load.go', line: 120, msg3: msg, msg4: msg, attrs: [] });
        }
        const doc = decodeYaml(text());
        if ('error' in doc) return { error: `cannot load requirements.yaml: ${doc.error}` };
        try {
          const fl = decodeMetadataInto(metadata, doc.value, text());
          flags = { nullMaintainer: flags.nullMaintainer || fl.nullMaintainer, nullDependency: flags.nullDependency || fl.nullDependency };
        } catch (e) {
          return { error: `cannot load requirements.yaml: ${wrapDecode(e)}` };
        }
        // Only v1 charts expose requirements.yaml as a file.
        if (metadata.apiVersion === 'v1') c.files.push(f);
        continue;
      }
      case f.name.startsWith('templates/'):
        c.templates.push(f);
        continue;
      case f.name.startsWith('charts/'): {
        if (f.name.endsWith('.prov')) {
          c.files.push(f);
          continue;
        }
        const fname = f.name.slice('charts/'.length);
        // indexOf, not split: deep subchart paths made split quadratic per level.
        const slash = fname.indexOf('/');
        const cname = slash < 0 ? fname : fname.slice(0, slash);
        const list = subcharts.get(cname) ?? [];
        list.push({ name: fname, data: f.data });
        subcharts.set(cname, list);
        continue;
      }
      default:
        c.files.push(f);
    }
  }
  if (metadata === undefined) return { error: 'Chart.yaml file is missing' };
  c.metadata = metadata;
  const invalid = validateMetadata(metadata, flags, v);
  if (invalid !== undefined) return { error: invalid };
  // Helm iterates a Go map here (random order); we use the directory name order.
  for (const n of [...subcharts.keys()].sort()) {
    if (n.startsWith('_') || n.startsWith('.')) continue;
    const sfiles = subcharts.get(n) ?? [];
    let r: LoadResult;
    const subOrigin = { path: joinPath(origin.path, 'charts', n), archive: origin.archive };
    if (n.endsWith('.tgz')) {
      const file = sfiles[0];
      if (file.name !== n) return { error: `error unpacking subchart tar in ${metadata.name}: expected ${n}, got ${file.name}` };
      r = loadArchive(file.data, v, { path: subOrigin.path, archive: subOrigin.path }, budget);
    } else {
      const buff: BufferedFile[] = [];
      for (const f of sfiles) {
        const slash = f.name.indexOf('/');
        if (slash < 0) continue; // a plain file in charts/ is not a chart
        buff.push({ name: f.name.slice(slash + 1), data: f.data });
      }
      r = loadFiles(buff, v, subOrigin, budget);
    }
    if ('error' in r) return { error: `error unpacking subchart ${n} in ${metadata.name}: ${r.error}` };
    r.chart.parent = c;
    c.dependencies.push(r.chart);
  }
  return { chart: c };
}
