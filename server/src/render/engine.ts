// Helm's pkg/engine Render: every template file of the chart tree is parsed into one template set
// (sortTemplates order), then every non-partial file is executed in the same order with
// `.Template` set, `<no value>` removed from each output, and errors rewritten as Helm prints them.
// This is the renderer API the CLI and (later) the language server use.
import type { FuncMap, HelmVersion, Runtime } from '../template/func';
import type { EngineLimits } from '../template/index';
import { TemplateError } from '../template/errors';
import type { Tree } from '../template/parse/node';
import type { SourceMap, SourceMapSegment } from '../template/sourcemap';
import { NamedMap, type GoMap } from '../template/value';
import { valuesTypeInfo } from '../chart/objects';
import { cleanupParseError, formatExecError, goErrorMessage } from './errors';
import { newEngineSet, type EngineSet, type ParsedFile } from './set';
import { Recorder, Watch, entryText, remember, reusable, type IncrementalOptions } from './incremental';
import type { RenderedFile } from './renderedfile';

/** EngineTemplate is one template file of the chart tree with the context it renders with. */
export interface EngineTemplate {
  /** Full path as Helm names it, e.g. "mychart/charts/sub/templates/x.yaml". */
  readonly path: string;
  readonly text: string;
  /** The chart's render context (`next` in Helm): shared by all files of one chart. */
  readonly vals: GoMap;
  /** "<chart full path>/templates". */
  readonly basePath: string;
  /** Whether the file's chart is a library chart (only its partials are parsed). */
  readonly library: boolean;
}

/** IncludeFrame is one level of a failing include/tpl chain (outermost first). */
export interface IncludeFrame {
  readonly file: string;
  readonly templateName: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly byteCol: number;
  readonly message: string;
}

/** RenderError is the first error of a render, with Helm's text and positions. */
export interface RenderError {
  readonly kind: 'parse' | 'exec' | 'panic';
  /** message is Helm's text (what follows `Error: `). */
  readonly message: string;
  /** file is the template file Helm reports (the one being parsed or executed). */
  readonly file: string;
  /** start/end: UTF-16 offsets of the failing node in `file` (-1 when unknown). */
  readonly start: number;
  readonly end: number;
  /** includeStack: every template level of the error chain, outermost first. */
  readonly includeStack: readonly IncludeFrame[];
  /** The underlying engine error. */
  readonly cause: unknown;
}

export type { RenderedFile };

/** RenderResult is Render's outcome: all files, or the first error. */
export interface RenderResult {
  readonly files: Map<string, RenderedFile>;
  readonly error?: RenderError;
  /** reused/executed: with `incremental`, the files taken from the cache / run (in order). */
  readonly reused?: readonly string[];
  readonly executed?: readonly string[];
}

/** EngineOptions configures one render. */
export interface EngineOptions {
  readonly helmVersion: HelmVersion;
  readonly runtime: Runtime;
  readonly funcs: FuncMap;
  /** Record source maps (costs time; the CLI does not need them). */
  readonly sourceMaps?: boolean;
  /** Parse cache reused across renders (keyed by path + content hash + Helm version). */
  readonly cache?: ParseCache;
  /** limits bound each file's execution (default EDITOR_LIMITS, render/limits.ts; `{}` for none). */
  readonly limits?: EngineLimits;
  /**
   * incremental reuses unchanged files' outputs (the language server and the CLI daemon, with
   * `cache`; the one-shot CLI with a `byContent` IncrementalCache, which needs no ParseCache).
   */
  readonly incremental?: IncrementalOptions;
  /** store keeps parses between processes (the CLI's disk cache); used only without `cache`. */
  readonly store?: TreeStore;
}

/**
 * TreeStore keeps the parses of a chart's files between processes (the CLI's on-disk cache,
 * cli/parsecache.ts). A store never changes an outcome: what it gives back must be exactly what
 * parsing the same file (path and text) with the same Helm version gives.
 */
export interface TreeStore {
  /** open starts one render's use of the store for these files (in parse order). */
  open(files: readonly StoreFile[], helmVersion: HelmVersion): TreePack;
}

/** StoreFile is one template file as the store sees it. */
export interface StoreFile {
  readonly path: string;
  readonly text: string;
}

/** TreePack is the stored parses of one render's files, by index into the files opened. */
export interface TreePack {
  /** get returns file `index`'s stored trees, or undefined (parse it). */
  get(index: number): ReadonlyMap<string, Tree> | undefined;
  /** put records the trees parsed for file `index`. */
  put(index: number, trees: ReadonlyMap<string, Tree>): void;
  /** close saves what `put` recorded; called once, when every file parsed without error. */
  close(): void;
}

/** ParseCache keeps parsed files between renders so an edit re-parses only the changed file. */
export class ParseCache {
  // Keyed by path; an entry is reused when its text and Helm version are the same (comparing
  // the texts is cheaper than hashing them on every render).
  private readonly entries = new Map<string, { text: string; helmVersion: HelmVersion; parsed: ParsedFile }>();
  hits = 0;
  misses = 0;

  /** get returns the cached parse of (path, text) or parses it with `parse`. */
  get(path: string, text: string, helmVersion: HelmVersion, parse: () => ParsedFile): ParsedFile {
    const e = this.entries.get(path);
    if (e !== undefined && e.helmVersion === helmVersion && e.text === text) {
      this.hits++;
      return e.parsed;
    }
    this.misses++;
    const parsed = parse();
    this.entries.set(path, { text, helmVersion, parsed });
    return parsed;
  }
}

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * sortTemplates is Helm's order: more path separators first; equal depth in reverse byte order
 * (sort.Reverse over "fewer slashes, then lexicographic").
 */
export function sortTemplates(paths: readonly string[]): string[] {
  const depth = (s: string): number => s.split('/').length - 1;
  return [...paths].sort((a, b) => {
    const da = depth(a);
    const db = depth(b);
    if (da !== db) return db - da;
    return byteCompare(b, a);
  });
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** removeNoValue is strings.ReplaceAll(out, "<no value>", "") with the source map shifted. */
export function removeNoValue(text: string, map: SourceMap | undefined): { text: string; sourceMap?: SourceMap } {
  const NV = '<no value>';
  if (!text.includes(NV)) return { text, sourceMap: map };
  const cuts: number[] = [];
  for (let i = text.indexOf(NV); i >= 0; i = text.indexOf(NV, i + NV.length)) cuts.push(i);
  const out = text.split(NV).join('');
  if (map === undefined) return { text: out };
  const shift = (off: number): number => {
    let removed = 0;
    for (const c of cuts) {
      if (c + NV.length <= off) removed += NV.length;
      else if (c < off) removed += off - c;
      else break;
    }
    return off - removed;
  };
  const segments: SourceMapSegment[] = [];
  for (const s of map.segments) {
    const a = shift(s.outStart);
    const b = shift(s.outEnd);
    if (b > a) segments.push({ ...s, outStart: a, outEnd: b });
  }
  return { text: out, sourceMap: { segments } };
}

/** includeStackOf lists the TemplateError levels of an error chain, outermost first. */
export function includeStackOf(err: unknown): IncludeFrame[] {
  const frames: IncludeFrame[] = [];
  for (let cur: unknown = err; cur instanceof Error; cur = (cur as Error & { cause?: unknown }).cause) {
    if (cur instanceof TemplateError && cur.kind === 'exec' && cur.parseName !== '') {
      frames.push({
        file: cur.parseName,
        templateName: cur.name,
        start: cur.start,
        end: cur.end,
        line: cur.line,
        byteCol: cur.byteCol,
        message: cur.message,
      });
    }
  }
  return frames;
}

/**
 * render is engine.Render over the collected templates: parse all (first parse error wins, in
 * sortTemplates order), then execute non-partials in the same order.
 */
export function render(templates: readonly EngineTemplate[], opts: EngineOptions): RenderResult {
  const byPath = new Map<string, EngineTemplate>();
  for (const t of templates) {
    // isTemplateValid: a library chart contributes only its partials.
    if (t.library && !baseName(t.path).startsWith('_')) continue;
    byPath.set(t.path, t);
  }
  const keys = sortTemplates([...byPath.keys()]);
  // A cache comparing trees by identity can only match the trees of a ParseCache.
  const inc = opts.cache !== undefined || opts.incremental?.cache.byContent === true ? opts.incremental : undefined;
  const watch = inc !== undefined ? new Watch([...new Set(templates.map((t) => t.vals))]) : undefined;
  const set: EngineSet = newEngineSet({
    funcs: watch !== undefined ? watch.funcs(opts.funcs) : opts.funcs,
    runtime: watch !== undefined ? watch.runtime(opts.runtime) : opts.runtime,
    helmVersion: opts.helmVersion,
    limits: opts.limits,
    onLookup: watch?.onLookup,
  });
  const reused: string[] = [];
  const executed: string[] = [];
  // Once a re-executed file changed shared state, later files may read it: run them all.
  let dirty = false;
  const files = new Map<string, RenderedFile>();
  // Without a cache (the CLI), files with the same text (each bitnami subchart's copy of the
  // `common` library) are parsed once in a run.
  const sameText = opts.cache === undefined ? new Map<string, ParsedFile>() : undefined;
  const pack = opts.cache === undefined && opts.store !== undefined
    ? opts.store.open(keys.map((path) => ({ path, text: (byPath.get(path) as EngineTemplate).text })), opts.helmVersion)
    : undefined;
  for (let i = 0; i < keys.length; i++) {
    const path = keys[i];
    const t = byPath.get(path) as EngineTemplate;
    try {
      const parsed = opts.cache
        ? opts.cache.get(path, t.text, opts.helmVersion, () => set.parse(path, t.text))
        : parseOnce(sameText as Map<string, ParsedFile>, path, t.text, set, pack, i);
      set.add(parsed);
    } catch (e) {
      return { files, error: parseFailure(path, e) };
    }
  }
  pack?.close();
  for (const path of keys) {
    if (baseName(path).startsWith('_')) continue;
    const t = byPath.get(path) as EngineTemplate;
    // Helm stores .Template in the chart's shared context map right before executing the file.
    // It is a chartutil.Values / common.Values (a named map type), like the context itself.
    t.vals.set(
      'Template',
      new NamedMap(valuesTypeInfo(opts.helmVersion), [
        ['Name', path],
        ['BasePath', t.basePath],
      ]),
    );
    const sm = opts.sourceMaps === true;
    // key: the file's text as the cache's entries hold it.
    let key = t.text;
    if (inc !== undefined && watch !== undefined) {
      const prev = inc.cache.entries.get(path);
      key = entryText(inc.cache, t.text);
      if (!dirty && reusable(prev, key, inc, opts.helmVersion, sm, (n) => set.set.lookup(n))) {
        files.set(path, prev.out);
        reused.push(path);
        continue;
      }
      executed.push(path);
      watch.current = new Recorder(dirty);
    }
    let out: { text: string; sourceMap?: SourceMap };
    try {
      out = set.execute(path, t.vals, sm);
    } catch (e) {
      if (watch !== undefined) watch.current = null;
      return { files, error: execFailure(path, e, opts.helmVersion), reused, executed };
    }
    const file = removeNoValue(out.text, out.sourceMap);
    files.set(path, file);
    if (inc !== undefined && watch !== undefined && watch.current !== null) {
      const rec = watch.current;
      watch.current = null;
      if (rec.mutated) dirty = true;
      remember(inc, path, key, rec, opts.helmVersion, sm, file);
    }
  }
  return inc !== undefined ? { files, reused, executed } : { files };
}

/**
 * parseOnce parses `text` as file `path`, or renames the trees of an earlier file with the same
 * text: the parse is the same but for the file's name (the file's own tree is named after it,
 * and every tree records it as parseName, which errors and source maps show); the nodes, which
 * execution never changes, are shared. A file defining a template named like either file is
 * parsed on its own (or taken from the store's `pack`, which holds parses made by this function).
 */
function parseOnce(seen: Map<string, ParsedFile>, path: string, text: string, set: EngineSet, pack: TreePack | undefined, index: number): ParsedFile {
  const prev = seen.get(text);
  if (prev === undefined || prev.trees.has(path) || prev.trees.get(prev.name)?.defineRange !== undefined) {
    const stored = pack?.get(index);
    let parsed: ParsedFile;
    if (stored !== undefined) {
      parsed = { name: path, trees: stored };
    } else {
      parsed = set.parse(path, text);
      pack?.put(index, parsed.trees);
    }
    seen.set(text, parsed);
    return parsed;
  }
  const trees = new Map<string, Tree>();
  for (const [name, tree] of prev.trees) {
    const own = name === prev.name;
    trees.set(own ? path : name, { ...tree, name: own ? path : tree.name, parseName: path });
  }
  return { name: path, trees };
}

function parseFailure(path: string, e: unknown): RenderError {
  if (e instanceof TemplateError) {
    return {
      kind: 'parse',
      message: cleanupParseError(path, e.goMessage),
      file: path,
      start: e.start,
      end: e.end,
      includeStack: [],
      cause: e,
    };
  }
  return {
    kind: 'panic',
    message: `rendering template failed: ${goErrorMessage(e)}`,
    file: path,
    start: -1,
    end: -1,
    includeStack: [],
    cause: e,
  };
}

function execFailure(path: string, e: unknown, helmVersion: HelmVersion): RenderError {
  if (e instanceof TemplateError) {
    const stack = includeStackOf(e);
    return {
      kind: 'exec',
      message: formatExecError(path, e, helmVersion),
      file: path,
      start: e.parseName === path ? e.start : -1,
      end: e.parseName === path ? e.end : -1,
      includeStack: stack,
      cause: e,
    };
  }
  return {
    kind: 'panic',
    message: `rendering template failed: ${goErrorMessage(e)}`,
    file: path,
    start: -1,
    end: -1,
    includeStack: [],
    cause: e,
  };
}
