// Workspace and immutable snapshots. The Workspace holds the open documents (by absolute path)
// and the settings; snapshot() freezes them. Expensive results (chart load/prepare, parses,
// define index, renders) are memoized in caches shared by all snapshots and keyed by content,
// so a keystroke in a template re-parses only that template and never reloads the chart.
import * as posix from 'node:path/posix';
import type { Chart } from '../chart/loader';
import type { ChartFS } from '../chart/fs';
import { parseCliKubeVersion, prepareRelease } from '../chart/index';
import { templateMap, type RenderChart } from '../chart/objects';
import { EDITOR_LIMITS } from '../render/limits';
import { ParseCache, render, type EngineTemplate, type RenderError, type RenderedFile } from '../render/engine';
import { allFunctions } from '../render/funcmap';
import { helmFuncMap } from '../render/funcmap';
import { IncrementalCache } from '../render/incremental';
import type { AbortFlag, FuncDef, FuncMap, HelmVersion, Runtime } from '../template/func';
import { parse, type ParseResult } from '../template/parse/index';
import { type GoMap, type Value, utf8Decode } from '../template/value';
import { type AnalysisHost, type AnalysisSettings, DEFAULT_SETTINGS } from './host';
import { type ChartModel, buildModel, isTemplatePath, releaseOptions } from './model';
import { registerValuesOrigins } from './scope';
import { type ValuesDoc, parseValuesDoc } from './valuesdoc';

/** DocState is an open document's text at a version. */
export interface DocState {
  readonly version: number;
  readonly text: string;
}

/** DocChart places a document in its chart tree. */
export interface DocChart {
  readonly model: ChartModel;
  /** chart: the loaded chart owning the document (a subchart for charts/x/...). */
  readonly chart: Chart;
  /** rel: the document's path relative to its owning chart ("templates/x.yaml", "values.yaml"). */
  readonly rel: string;
  readonly kind: 'template' | 'values' | 'other';
  /** renderChart: the owning chart in the prepared release (undefined when disabled/failed). */
  readonly renderChart: RenderChart | undefined;
  /** engineName: the template's name in the engine ("root/charts/sub/templates/x.yaml"). */
  readonly engineName: string;
}

/** DefineSite is where a named template is defined. */
export interface DefineSite {
  readonly name: string;
  /** path: absolute file path, undefined inside packaged (.tgz) charts. */
  readonly path: string | undefined;
  readonly chart: Chart;
  /** file: chart-relative template file name. */
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly text: string;
}

/** TemplateSource is one template file of the tree with its current text. */
export interface TemplateSource {
  readonly chart: Chart;
  readonly name: string;
  readonly path: string | undefined;
  readonly text: string;
}

/** RenderOutcome is the first render error of the whole chart (if any), with path mapping. */
export interface RenderOutcome {
  readonly error: RenderError | undefined;
  /** pathOf maps an engine template name to an absolute path. */
  readonly pathOf: ReadonlyMap<string, string>;
  /** files: every executed file's output with its source map (engine names; empty on error). */
  readonly files: ReadonlyMap<string, RenderedFile>;
  /** textOf maps an engine template name to the template text that was rendered. */
  readonly textOf: ReadonlyMap<string, string>;
  /** includeContexts: the distinct data values each `include "name" DATA` passed during the render (first few per name). */
  readonly includeContexts: ReadonlyMap<string, readonly Value[]>;
  /**
   * substituted: absolute paths of open templates whose buffer does not parse, rendered with
   * their last text that parsed (or the file on disk, or left out): their own render
   * diagnostics would point into another text, so none are reported for them.
   */
  readonly substituted: ReadonlySet<string>;
  /** charts: the release the render used (in the rendering thread only; never serialized). */
  readonly charts?: readonly RenderChart[];
}

/** RenderOptions tune one render of a chart tree. */
export interface SnapshotRenderOptions {
  /** signal aborts the render (a newer edit arrived); an aborted render is not memoized. */
  readonly signal?: AbortFlag;
}

/** MAX_CONTEXTS bounds the recorded include contexts per define name. */
const MAX_CONTEXTS = 8;

/**
 * recordingFuncs wraps `include` so a render records the data each define was called with: the
 * language service uses it as `.` inside that define (a define's dot is whatever its callers pass).
 */
function recordingFuncs(funcs: FuncMap, into: Map<string, Value[]>): FuncMap {
  const inc = funcs.get('include');
  if (inc === undefined) return funcs;
  const m = new Map(funcs);
  m.set('include', {
    ...inc,
    impl: (args, ctx) => {
      const [name, data] = args;
      if (typeof name === 'string') {
        let list = into.get(name);
        if (list === undefined) {
          list = [];
          into.set(name, list);
        }
        if (list.length < MAX_CONTEXTS && !list.some((x) => sameContext(x, data))) list.push(data);
      }
      return inc.impl(args, ctx);
    },
  });
  return m;
}

/** sameContext: the same object, or dicts whose entries are the same objects (a fresh `dict` per call). */
function sameContext(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return false;
  for (const [k, v] of a) {
    if (!b.has(k)) return false;
    const w = b.get(k);
    if (v !== w && (typeof v === 'object' || typeof w === 'object')) return false;
    if (v !== w && v !== null && typeof v !== 'object' && !(typeof v === typeof w)) return false;
  }
  return true;
}

// allFunctions builds a fresh map per call; the function set never changes within a process.
const functionsByVersion = new Map<HelmVersion, Map<string, FuncDef>>();

class Caches {
  roots = new Map<string, string | null>();
  models = new Map<string, ChartModel>();
  parses = new Map<string, { text: string; hv: HelmVersion; result: ParseResult }>();
  valuesDocs = new Map<string, ValuesDoc>();
  defines = new Map<string, { key: string; index: Map<string, DefineSite[]> }>();
  renders = new Map<string, { key: string; outcome: RenderOutcome }>();
  parseCaches = new Map<string, ParseCache>();
  incremental = new Map<string, IncrementalCache>();
  /** previewIncremental: the preview's own per-file reuse (its release is built apart from the model's). */
  previewIncremental = new Map<string, IncrementalCache>();
  /** lastGood: per open template, its last text whose resilient parse had no error. */
  lastGood = new Map<string, string>();
}

/** Workspace is the mutable set of open documents and settings. */
export class Workspace {
  private readonly docs = new Map<string, DocState>();
  private settings: AnalysisSettings;
  private diskGen = 0;
  private seq = 0;
  private current: Snapshot | undefined;
  /** caches: content-keyed memo tables shared by all snapshots. */
  readonly caches = new Caches();

  constructor(
    readonly host: AnalysisHost,
    settings: AnalysisSettings = DEFAULT_SETTINGS,
  ) {
    this.settings = settings;
  }

  private bump(): void {
    this.current = undefined;
  }

  /** openDocument records an editor buffer. */
  openDocument(path: string, version: number, text: string): void {
    this.docs.set(posix.normalize(path), { version, text });
    this.bump();
  }

  /** changeDocument replaces a buffer's text. */
  changeDocument(path: string, version: number, text: string): void {
    this.openDocument(path, version, text);
  }

  /** closeDocument forgets a buffer (the file on disk is used again). */
  closeDocument(path: string): void {
    this.docs.delete(posix.normalize(path));
    this.caches.lastGood.delete(posix.normalize(path));
    this.bump();
  }

  /** setSettings replaces the settings. */
  setSettings(s: AnalysisSettings): void {
    this.settings = s;
    this.bump();
  }

  /** filesChanged tells the workspace that files changed on disk (reload charts lazily). */
  filesChanged(): void {
    this.diskGen++;
    this.caches.roots.clear();
    this.bump();
  }

  /** snapshot returns the immutable current state (the same object until something changes). */
  snapshot(): Snapshot {
    if (this.current === undefined) {
      this.current = new Snapshot(this, ++this.seq, new Map(this.docs), this.settings, this.diskGen);
    }
    return this.current;
  }

  /** currentId is the id the next snapshot() returns if nothing changes. */
  isCurrent(s: Snapshot): boolean {
    return this.current === s;
  }
}

/** Snapshot is an immutable view of the workspace; all analysis functions take one. */
export class Snapshot {
  private readonly docChartMemo = new Map<string, DocChart | undefined>();
  private readonly templatesMemo = new Map<ChartModel, TemplateSource[]>();
  /** renderKeyMemo: the language server asks for every open document after each render. */
  private readonly renderKeyMemo = new Map<ChartModel, string>();

  constructor(
    private readonly ws: Workspace,
    readonly id: number,
    readonly docs: ReadonlyMap<string, DocState>,
    readonly settings: AnalysisSettings,
    private readonly diskGen: number,
  ) {}

  /** isCurrent reports whether no change happened since this snapshot (else drop results). */
  isCurrent(): boolean {
    return this.ws.isCurrent(this);
  }

  /** text returns a document's text: the open buffer, else the file on disk. */
  text(path: string): string | undefined {
    const p = posix.normalize(path);
    const d = this.docs.get(p);
    if (d !== undefined) return d.text;
    const b = this.ws.host.readFile(p);
    return b === undefined ? undefined : utf8Decode(b);
  }

  /** version returns an open document's version. */
  version(path: string): number | undefined {
    return this.docs.get(posix.normalize(path))?.version;
  }

  /** host is the workspace's host (files named by settings are read through valuesfiles.readSettingFile). */
  get host(): AnalysisHost {
    return this.ws.host;
  }

  /** readHostFile reads a file from the host (disk), ignoring buffers. */
  readHostFile(path: string): Uint8Array | undefined {
    return this.ws.host.readFile(path);
  }

  /** hostFS is the on-disk ChartFS rooted at `root` (without buffers). */
  hostFS(root: string): ChartFS {
    return this.ws.host.chartFS(root);
  }

  /** runtime is the host's time/randomness source (for renders and previews). */
  runtime(): Runtime {
    return this.ws.host.runtime;
  }

  /** parseCache is the engine parse cache of a chart tree (shared by renders and previews). */
  parseCache(root: string): ParseCache {
    let cache = this.ws.caches.parseCaches.get(root);
    if (cache === undefined) {
      cache = new ParseCache();
      this.ws.caches.parseCaches.set(root, cache);
    }
    return cache;
  }

  /** previewIncremental is the preview's incremental render cache of a chart tree. */
  previewIncremental(root: string): IncrementalCache {
    let cache = this.ws.caches.previewIncremental.get(root);
    if (cache === undefined) {
      cache = new IncrementalCache();
      this.ws.caches.previewIncremental.set(root, cache);
    }
    return cache;
  }

  /** functions lists every callable function for the configured Helm version. */
  functions(): Map<string, FuncDef> {
    const hv = this.settings.helmVersion;
    let m = functionsByVersion.get(hv);
    if (m === undefined) {
      m = allFunctions(hv);
      functionsByVersion.set(hv, m);
    }
    return m;
  }

  /** parse returns the resilient parse of a template text (memoized by path and text). */
  parse(path: string, text: string): ParseResult {
    const hv = this.settings.helmVersion;
    const hit = this.ws.caches.parses.get(path);
    if (hit !== undefined && hit.text === text && hit.hv === hv) return hit.result;
    const funcs = this.functions();
    const result = parse(path, text, { resilient: true, isFunc: (n) => funcs.has(n) });
    this.ws.caches.parses.set(path, { text, hv, result });
    if (result.errors.length === 0 && this.docs.has(path)) this.ws.caches.lastGood.set(path, text);
    return result;
  }

  /**
   * parseForScope returns a parse valid for scope questions at offset `q` (the start of the
   * action being typed): the previous parse of the file is reused when the edit since then lies
   * after `q` and added or removed no braces, because then every with/range/define around `q`
   * has the same extent. Keeps completion from re-parsing the whole file on every keystroke.
   */
  parseForScope(path: string, text: string, q: number): ParseResult {
    const hit = this.ws.caches.parses.get(path);
    if (hit !== undefined && hit.text !== text && hit.hv === this.settings.helmVersion) {
      const a = hit.text;
      const n = Math.min(a.length, text.length);
      let p = 0;
      while (p < n && a.charCodeAt(p) === text.charCodeAt(p)) p++;
      if (p >= q + 2) {
        let sfx = 0;
        while (sfx < n - p && a.charCodeAt(a.length - 1 - sfx) === text.charCodeAt(text.length - 1 - sfx)) sfx++;
        const oldMid = a.slice(p, a.length - sfx);
        const newMid = text.slice(p, text.length - sfx);
        if (!/[{}]/.test(oldMid) && !/[{}]/.test(newMid)) return hit.result;
      }
    }
    return this.parse(path, text);
  }

  /** valuesDoc indexes the keys of a values file text (memoized by text). */
  valuesDoc(text: string): ValuesDoc {
    const c = this.ws.caches.valuesDocs;
    let d = c.get(text);
    if (d === undefined) {
      if (c.size > 64) c.clear();
      d = parseValuesDoc(text);
      c.set(text, d);
    }
    return d;
  }

  private hasChartYaml(dir: string): boolean {
    const p = posix.join(dir, 'Chart.yaml');
    return this.docs.has(p) || this.ws.host.isFile(p);
  }

  /** chartRoot finds the root chart directory of a file: nearest Chart.yaml, then up through charts/. */
  chartRoot(path: string): string | undefined {
    const start = posix.dirname(posix.normalize(path));
    const cached = this.ws.caches.roots.get(start);
    if (cached !== undefined) return cached ?? undefined;
    let found: string | undefined;
    for (let dir = start; ; dir = posix.dirname(dir)) {
      if (this.hasChartYaml(dir)) {
        found = dir;
        break;
      }
      if (dir === posix.dirname(dir)) break;
    }
    // A subchart directory (parent/charts/sub) belongs to the parent's tree.
    while (found !== undefined) {
      const up = posix.dirname(found);
      if (posix.basename(up) !== 'charts' || !this.hasChartYaml(posix.dirname(up))) break;
      found = posix.dirname(up);
    }
    this.ws.caches.roots.set(start, found ?? null);
    return found;
  }

  /** model returns the loaded chart tree at `root` (reloaded only when non-template files change). */
  model(root: string): ChartModel {
    const buffers = new Map<string, string>();
    const parts: string[] = [String(this.diskGen), JSON.stringify({ ...this.settings, severity: undefined })];
    const prefix = root.endsWith('/') ? root : root + '/';
    for (const [p, d] of this.docs) {
      if (!p.startsWith(prefix)) continue;
      const rel = p.slice(prefix.length);
      if (isTemplatePath(rel)) continue;
      buffers.set(rel, d.text);
      parts.push(`${rel}@${d.version}:${d.text.length}`);
    }
    const key = parts.join('|');
    const hit = this.ws.caches.models.get(root);
    if (hit !== undefined && hit.key === key) return hit;
    const m = buildModel(this.ws.host, root, key, buffers, this.settings);
    this.ws.caches.models.set(root, m);
    this.ws.caches.defines.delete(root);
    return m;
  }

  /** docChart places a file in its chart tree, or undefined outside any chart. */
  docChart(path: string): DocChart | undefined {
    const p = posix.normalize(path);
    if (this.docChartMemo.has(p)) return this.docChartMemo.get(p);
    const r = this.computeDocChart(p);
    this.docChartMemo.set(p, r);
    return r;
  }

  private computeDocChart(p: string): DocChart | undefined {
    const root = this.chartRoot(p);
    if (root === undefined) return undefined;
    const model = this.model(root);
    if (model.chart === undefined) return undefined;
    const relRoot = posix.relative(root, p);
    let owner: Chart = model.chart;
    let best = -1;
    for (const [origin, c] of model.byOrigin) {
      if (origin === '' || relRoot.startsWith(origin + '/')) {
        if (origin.length > best) {
          best = origin.length;
          owner = c;
        }
      }
    }
    const rel = owner.origin.path === '' ? relRoot : relRoot.slice(owner.origin.path.length + 1);
    const kind = rel.startsWith('templates/') ? 'template' : rel === 'values.yaml' ? 'values' : 'other';
    const renderChart = model.renderByOrigin.get(owner.origin.path);
    const fullPath = renderChart?.fullPath ?? chartPathOf(owner);
    return { model, chart: owner, rel, kind, renderChart, engineName: `${fullPath}/${rel}` };
  }

  /** templates lists every template file of the tree with its current text (buffers win). */
  templates(model: ChartModel): TemplateSource[] {
    // Snapshots are immutable: one list per model (completion asks on every keystroke).
    const memo = this.templatesMemo.get(model);
    if (memo !== undefined) return memo;
    const out = this.computeTemplates(model);
    this.templatesMemo.set(model, out);
    return out;
  }

  private computeTemplates(model: ChartModel): TemplateSource[] {
    const out: TemplateSource[] = [];
    const seen = new Set<string>();
    for (const c of model.byOrigin.values()) {
      for (const t of c.templates) {
        const path = posix.join(model.root, c.origin.path, t.name);
        seen.add(path);
        out.push({ chart: c, name: t.name, path, text: this.docs.get(path)?.text ?? decoded(t.data) });
      }
    }
    // Packaged subcharts (library charts mostly) are not in byOrigin.
    const walk = (c: Chart): void => {
      if (c.origin.archive !== undefined) {
        for (const t of c.templates) out.push({ chart: c, name: t.name, path: undefined, text: decoded(t.data) });
      }
      c.dependencies.forEach(walk);
    };
    if (model.chart !== undefined) walk(model.chart);
    // Buffers of new, unsaved template files.
    for (const [p, d] of this.docs) {
      // Only this tree's buffers (placing another chart's buffer would load that chart).
      if (seen.has(p) || !p.startsWith(model.root + '/')) continue;
      const dc = this.docChart(p);
      if (dc !== undefined && dc.model === model && dc.kind === 'template') out.push({ chart: dc.chart, name: dc.rel, path: p, text: d.text });
    }
    return out;
  }

  /** defines indexes every define/block of the tree by name. */
  defines(model: ChartModel): Map<string, DefineSite[]> {
    const sources = this.templates(model);
    const key = model.key + '#' + sources.map((s) => `${s.path ?? s.name}@${this.version(s.path ?? '') ?? 'disk'}`).join(',');
    const hit = this.ws.caches.defines.get(model.root);
    if (hit !== undefined && hit.key === key) return hit.index;
    const index = new Map<string, DefineSite[]>();
    for (const s of sources) {
      const parsed = this.parse(s.path ?? `${chartPathOf(s.chart)}::${s.name}`, s.text);
      for (const d of parsed.defines) {
        const list = index.get(d.name) ?? [];
        list.push({ ...d, path: s.path, chart: s.chart, file: s.name, text: s.text });
        index.set(d.name, list);
      }
    }
    this.ws.caches.defines.set(model.root, { key, index });
    return index;
  }

  /** rootContext is the render context (`.`) a template of `dc`'s chart sees, `.Template` included. */
  rootContext(dc: DocChart): GoMap {
    const base = dc.renderChart?.context;
    const ctx: GoMap = base !== undefined ? new Map(base) : new Map<string, Value>([['Values', dc.chart.values]]);
    const fullPath = dc.renderChart?.fullPath ?? chartPathOf(dc.chart);
    ctx.set('Template', templateMap(dc.engineName, `${fullPath}/templates`));
    return ctx;
  }

  /** lastRender is the most recent render outcome of the tree (maybe of older buffers; never renders). */
  lastRender(model: ChartModel): RenderOutcome | undefined {
    return this.ws.caches.renders.get(model.root)?.outcome;
  }

  /**
   * lastIncludeContexts returns what the most recent render of the tree recorded for `include`
   * calls of `name` (possibly from an older snapshot; never renders — completion calls this).
   */
  lastIncludeContexts(model: ChartModel, name: string): readonly Value[] | undefined {
    return this.ws.caches.renders.get(model.root)?.outcome.includeContexts.get(name);
  }

  /** lastGoodText is an open template's last text that parsed without error (undefined: none seen). */
  lastGoodText(path: string): string | undefined {
    return this.ws.caches.lastGood.get(posix.normalize(path));
  }

  /** renderKey identifies the inputs of a render of the tree (the memo key of `render`). */
  renderKey(model: ChartModel): string {
    const memo = this.renderKeyMemo.get(model);
    if (memo !== undefined) return memo;
    const sources = this.templates(model);
    const key = model.key + '#' + sources.map((s) => `${s.path ?? s.name}@${this.version(s.path ?? '') ?? 'disk'}`).join(',');
    this.renderKeyMemo.set(model, key);
    return key;
  }

  /** hasCurrentRender tells whether `render(model)` would answer from the memo (never renders). */
  hasCurrentRender(model: ChartModel): boolean {
    return this.ws.caches.renders.get(model.root)?.key === this.renderKey(model);
  }

  /** installRender memoizes an outcome computed elsewhere (a render worker) for the inputs `key`. */
  installRender(model: ChartModel, key: string, outcome: RenderOutcome): void {
    this.ws.caches.renders.set(model.root, { key, outcome });
    // The main thread's release of a model never changes: walk its values once (not per render).
    if (model.prepared !== undefined && !registered.has(model.prepared.charts)) {
      registered.add(model.prepared.charts);
      registerValuesOrigins(model.prepared.charts);
    }
  }

  /** render renders the whole tree with the current buffers (memoized; a fresh release each time). */
  render(model: ChartModel, opts: SnapshotRenderOptions = {}): RenderOutcome {
    const sources = this.templates(model);
    const key = this.renderKey(model);
    const hit = this.ws.caches.renders.get(model.root);
    if (hit !== undefined && hit.key === key) return hit.outcome;
    const outcome = this.computeRender(model, sources, opts.signal);
    if (opts.signal?.aborted === true) return outcome;
    this.ws.caches.renders.set(model.root, { key, outcome });
    return outcome;
  }

  /**
   * renderText is the text a template is rendered with: its buffer, unless the buffer does not
   * parse (an edit in progress): then its last text that parsed, else the file on disk if that
   * parses, else none (left out). Helm stops at the first parse error; an editor must not.
   */
  private renderText(s: TemplateSource): { text: string | undefined; substituted: boolean } {
    if (s.path === undefined || !this.docs.has(s.path)) return { text: s.text, substituted: false };
    if (this.parse(s.path, s.text).errors.length === 0) return { text: s.text, substituted: false };
    const good = this.ws.caches.lastGood.get(s.path);
    if (good !== undefined) return { text: good, substituted: true };
    const disk = this.ws.host.readFile(s.path);
    if (disk !== undefined) {
      const text = decoded(disk);
      const funcs = this.functions();
      const p = parse(s.path, text, { resilient: true, isFunc: (n) => funcs.has(n) });
      if (p.errors.length === 0) return { text, substituted: true };
    }
    return { text: undefined, substituted: true };
  }

  private computeRender(model: ChartModel, sources: TemplateSource[], signal: AbortFlag | undefined): RenderOutcome {
    const pathOf = new Map<string, string>();
    const engineText = new Map<string, string>();
    const contexts = new Map<string, Value[]>();
    const substituted = new Set<string>();
    const none = { error: undefined, pathOf, files: new Map<string, RenderedFile>(), textOf: engineText, includeContexts: contexts, substituted };
    if (model.chart === undefined || model.prepared === undefined) return none;
    const hv = this.settings.helmVersion;
    // Templates mutate values (`set`), so every render gets a freshly prepared release.
    const prep = prepareRelease(model.chart, model.userValues, releaseOptions(this.settings, parseCliKubeVersion(this.settings.kubeVersion, hv)));
    if ('error' in prep) return none;
    const textOf = new Map<string, string>();
    for (const s of sources) {
      const r = this.renderText(s);
      if (r.substituted && s.path !== undefined) substituted.add(s.path);
      if (r.text !== undefined) textOf.set(`${chartKey(s.chart)}::${s.name}`, r.text);
    }
    const tpls: EngineTemplate[] = [];
    for (const r of prep.charts) {
      const library = r.chart.metadata.type === 'library';
      const names = new Set(r.templates.map((t) => t.name));
      for (const s of sources) if (chartKey(s.chart) === chartKey(r.chart) && !names.has(s.name)) names.add(s.name);
      for (const name of names) {
        const path = `${r.fullPath}/${name}`;
        const text = textOf.get(`${chartKey(r.chart)}::${name}`);
        if (text === undefined) continue;
        if (r.chart.origin.archive === undefined) pathOf.set(path, posix.join(model.root, r.chart.origin.path, name));
        engineText.set(path, text);
        tpls.push({ path, text, vals: r.context, basePath: `${r.fullPath}/templates`, library });
      }
    }
    const cache = this.parseCache(model.root);
    try {
      // Source maps let diagnostics point from rendered output back to template text.
      const funcs = recordingFuncs(helmFuncMap(hv), contexts);
      // Files whose text, looked-up defines and inputs are unchanged keep their last output; the
      // model key covers values, settings, chart files and the disk generation.
      let inc = this.ws.caches.incremental.get(model.root);
      if (inc === undefined) {
        inc = new IncrementalCache();
        this.ws.caches.incremental.set(model.root, inc);
      }
      const res = render(tpls, {
        helmVersion: hv,
        runtime: this.ws.host.runtime,
        funcs,
        cache,
        sourceMaps: true,
        incremental: { cache: inc, fingerprint: model.key, keepNondeterministic: true },
        limits: signal !== undefined ? { ...EDITOR_LIMITS, signal } : EDITOR_LIMITS,
      });
      // Reused files called no include this time: keep what their last execution recorded.
      const prev = this.ws.caches.renders.get(model.root)?.outcome.includeContexts;
      if (prev !== undefined && (res.reused?.length ?? 0) > 0) {
        for (const [name, list] of prev) if (!contexts.has(name)) contexts.set(name, [...list]);
      }
      registerValuesOrigins(prep.charts);
      return { error: res.error, pathOf, files: res.error === undefined ? res.files : new Map(), textOf: engineText, includeContexts: contexts, substituted, charts: prep.charts };
    } catch (e) {
      return {
        ...none,
        error: { kind: 'panic', message: e instanceof Error ? e.message : String(e), file: '', start: -1, end: -1, includeStack: [], cause: e },
      };
    }
  }
}

/** registered: releases whose values origins installRender registered already. */
const registered = new WeakSet<readonly RenderChart[]>();

const decodedMemo = new WeakMap<Uint8Array, string>();

/** decoded is utf8Decode memoized per byte array (chart files are immutable once loaded). */
function decoded(b: Uint8Array): string {
  let s = decodedMemo.get(b);
  if (s === undefined) {
    s = utf8Decode(b);
    decodedMemo.set(b, s);
  }
  return s;
}

function chartKey(c: Chart): string {
  return `${c.origin.archive ?? ''}|${c.origin.path}`;
}

function chartPathOf(c: Chart): string {
  return c.parent === undefined ? c.metadata.name : `${chartPathOf(c.parent)}/charts/${c.metadata.name}`;
}
